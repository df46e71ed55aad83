// The policy as a tree of clauses with derived facts, and the only way to make citations from it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Citation, Clause } from './types';
import { clauseFacts, RoleFinder, sentenceFacts, type SentenceFacts } from './facts';
import type { RolesLexicon } from './lexicon';
import { parsePolicy, type ParsedClause } from './parse/tree';
import type { FrontMatter } from './parse/lines';
import { splitSentences, type Sentence } from './sentences';
import { toHalfWidth } from './parse/normalize';

export interface ClauseSentence extends Sentence {
  facts: SentenceFacts;
}

/** Serialisable form of a built tree (what the build step writes to disk). */
export interface TreeData {
  sourceHash: string;
  front: FrontMatter;
  roles: string[];
  clauses: (Clause & { line: number })[];
}

/** The modules that turn text into a tree: a tree built by other versions of them is stale. */
const BUILDERS = ['./parse/normalize', './parse/markers', './parse/tables', './parse/lines', './parse/tree', './sentences', './facts', './tree'];

let builderHash: string | undefined;
function buildersHash(): string {
  if (builderHash === undefined) {
    const h = createHash('sha256');
    try {
      for (const m of BUILDERS) h.update(readFileSync(require.resolve(m), 'utf8'));
      builderHash = h.digest('hex');
    } catch {
      builderHash = `unknown-${Date.now()}`;
    }
  }
  return builderHash;
}

/** Identifies a build: the policy text, the role vocabulary and the code it was parsed with. */
export function hashSource(source: string, rolesLexicon: RolesLexicon): string {
  return createHash('sha256').update(source).update('\0').update(JSON.stringify(rolesLexicon)).update('\0').update(buildersHash()).digest('hex');
}

/** Parses the policy text and derives every clause's facts. */
export function buildTreeData(source: string, rolesLexicon: RolesLexicon): TreeData {
  const parsed = parsePolicy(source);
  const finder = new RoleFinder(rolesLexicon, parsed.clauses.map((c) => `${c.title}\n${c.text}`).join('\n'));
  const byLabel = new Map<string, Clause & { line: number }>();
  const clauses = parsed.clauses.map((c: ParsedClause) => {
    const parentActor = c.parent ? byLabel.get(c.parent)?.facts.actor ?? null : null;
    const clause = { ...c, facts: clauseFacts(c.text, finder, parentActor) };
    byLabel.set(c.label, clause);
    return clause;
  });
  return { sourceHash: hashSource(source, rolesLexicon), front: parsed.front, roles: finder.roles, clauses };
}

/** Canonical form of a label typed by a person or a model: half-width, one space after 章. */
export function canonicalLabel(label: string): string {
  const s = toHalfWidth(label.normalize('NFC')).replace(/\s+/g, '');
  const m = /^第(\d+)章(.*)$/.exec(s);
  return m ? (m[2] ? `第${m[1]}章 ${m[2]}` : `第${m[1]}章`) : s;
}

export class ClauseTree {
  readonly clauses: readonly Clause[];
  readonly roles: readonly string[];
  readonly front: FrontMatter;
  readonly sourceHash: string;
  private readonly byLabel = new Map<string, Clause>();
  private readonly sentenceCache = new Map<string, ClauseSentence[]>();
  private readonly finder: RoleFinder;

  constructor(data: TreeData, rolesLexicon: RolesLexicon) {
    this.clauses = data.clauses.map((c) => Object.freeze({ ...c }));
    for (const c of this.clauses) this.byLabel.set(c.label, c);
    this.roles = data.roles;
    this.front = data.front;
    this.sourceHash = data.sourceHash;
    this.finder = new RoleFinder(rolesLexicon, data.roles.join('\n'));
  }

  get(label: string): Clause | undefined {
    return this.byLabel.get(label) ?? this.byLabel.get(canonicalLabel(label));
  }

  parent(clause: Clause): Clause | undefined {
    return clause.parent ? this.byLabel.get(clause.parent) : undefined;
  }

  children(clause: Clause): Clause[] {
    return clause.children.map((l) => this.byLabel.get(l)!).filter(Boolean);
  }

  /** Siblings under the same parent, the clause itself excluded. */
  siblings(clause: Clause): Clause[] {
    const parent = this.parent(clause);
    return parent ? this.children(parent).filter((c) => c.label !== clause.label) : [];
  }

  /** The clause's sentences with their own facts (the actor inherited from the clause when unnamed). */
  sentences(clause: Clause): ClauseSentence[] {
    let cached = this.sentenceCache.get(clause.label);
    if (!cached) {
      let actor = clause.facts.actor;
      cached = splitSentences(clause.text).map((s) => {
        const facts = sentenceFacts(s.text, this.finder, actor);
        actor = facts.actor;
        return { ...s, facts };
      });
      this.sentenceCache.set(clause.label, cached);
    }
    return cached;
  }

  /**
   * A citation of a clause: the quote is always a slice of the clause's own text, so no quote can be
   * made up. Without a range it quotes the whole text (or its title when it has none).
   */
  cite(label: string, range?: { start: number; end: number }): Citation {
    const clause = this.get(label);
    if (!clause) throw new Error(`no clause ${label}`);
    const body = clause.text || clause.title;
    const start = Math.max(0, Math.min(range?.start ?? 0, body.length));
    const end = Math.max(start, Math.min(range?.end ?? body.length, body.length));
    return Object.freeze({ label: clause.label, quote: body.slice(start, end), headings: [...clause.headings] });
  }

  /** True when the citation's label exists and its quote is verbatim in that clause. */
  verifies(citation: Citation): boolean {
    const clause = this.get(citation.label);
    if (!clause || !citation.quote) return false;
    return (clause.text || clause.title).includes(citation.quote);
  }
}
