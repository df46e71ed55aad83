// The offline knowledge engine: the policy text in, cited "may I do X?" answers out.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Answer, Citation, Clause, KnowledgeEngine, Retrieved } from './types';
import { loadRoles } from './lexicon';
import { DEFAULT_POLICY_PATH, projectRoot } from './paths';
import { buildTreeData, ClauseTree, hashSource, type TreeData } from './tree';
import { Thesaurus } from './retrieve/thesaurus';
import { ClauseIndex, type Query } from './retrieve/index';
import { Abbreviations } from './retrieve/abbreviations';
import { KanaFolder } from './retrieve/kana';
import { Cues, type QuestionCues } from './answer/cues';
import { prepareQuestion, type PreparedQuestion } from './answer/sanitize';
import { rank, STAFF, type Candidate } from './answer/rank';
import { addresses, coverage, type Coverage } from './answer/coverage';
import { decide } from './answer/decide';
import { ProcedureMatcher } from './answer/procedures';
import { composeReply } from './answer/reply';
import { normalizeQuery, type Tokenizer } from './retrieve/tokenize';
import { blankOut } from './blank';

/**
 * Makes rules the question always concerns candidates (the incident-reporting rule, the rule for telling of a
 * breach): each scores at least 60 % of the best match, in order.
 */
function promote(retrieved: Retrieved[], clauses: readonly Clause[]): void {
  const floor = 0.6 * retrieved[0]!.score;
  for (const clause of clauses) {
    const hit = retrieved.find((r) => r.clause.label === clause.label);
    if (hit) hit.score = Math.max(hit.score, floor);
    else retrieved.push({ clause, score: floor });
  }
  retrieved.sort((a, b) => b.score - a.score);
}

/** How close to the best match for what a held permission is for a permission rule must be to count as held. */
const HELD_SHARE = 0.8;

export interface EngineOptions {
  /** The policy text to answer from (default: the copy shipped in knowledge/policy/). */
  policyPath?: string;
  /** Where the vocabulary files are (default: knowledge/data/). */
  dataDir?: string;
  /** The tokenizer (default: TinySegmenter + bigrams; benchmarks compare others). */
  tokenizer?: Tokenizer;
}


/** The prebuilt tree written by `npm run build` (dist/knowledge/policy-tree.json). */
export const PREBUILT_TREE = () => join(projectRoot(), 'dist', 'knowledge', 'policy-tree.json');

export interface Explanation {
  answer: Answer;
  coverage: Coverage | null;
  ranked: { label: string; score: number; retrieval: number; sentence: string }[];
  cues: Record<string, unknown>;
}

export class PolicyEngine implements KnowledgeEngine {
  readonly tree: ClauseTree;
  private readonly index: ClauseIndex;
  private readonly cues: Cues;
  private readonly procedures: ProcedureMatcher;
  private readonly consult: { roles: string[]; citation: Citation } | undefined;
  private readonly incidentClause: Clause | undefined;
  /** The roles the policy has report something under a rule of their own. */
  private readonly reportingRoles: ReadonlySet<string | null>;
  private readonly kana: KanaFolder;
  private readonly abbreviations: Abbreviations;

  constructor(treeData: TreeData, options: EngineOptions = {}) {
    const roles = loadRoles(options.dataDir);
    this.tree = new ClauseTree(treeData, roles);
    const thesaurus = Thesaurus.load(options.dataDir);
    this.index = new ClauseIndex(this.tree, thesaurus, undefined, options.tokenizer);
    this.cues = Cues.load(options.dataDir);
    this.kana = new KanaFolder([...this.tree.clauses.map((c) => c.text), ...thesaurus.words()], this.cues.spellings);
    this.abbreviations = new Abbreviations(this.cues.abbreviations);
    this.cues.roles = this.tree.roles;
    this.procedures = ProcedureMatcher.load(options.dataDir);
    this.consult = this.findConsultClause();
    // The clause that tells staff (not the CSIRT or CISO) how to report an incident.
    const reporting = this.tree.clauses.filter((c) => this.cues.incidentReport.some((p) => c.text.includes(p)) && c.facts.reportTo.length);
    this.incidentClause = reporting.find((c) => c.facts.actor === STAFF) ?? reporting[0];
    this.reportingRoles = new Set(this.tree.clauses.filter((c) => c.facts.reportTo.length > 0).map((c) => c.facts.actor));
  }

  get clauses(): readonly Clause[] {
    return this.tree.clauses;
  }

  /** Every role the policy names (including roles it never defines). */
  get roles(): readonly string[] {
    return this.tree.roles;
  }

  clause(label: string): Clause | undefined {
    return this.tree.get(label);
  }

  retrieve(question: string, k = 8): Retrieved[] {
    const prepared = this.prepare(question);
    if (!prepared.text) return [];
    return this.index.search(this.index.query(prepared.text), k);
  }

  answer(question: string): Answer {
    return this.explain(question).answer;
  }

  /** The answer with what led to it (for --json debugging and tests). */
  explain(question: unknown): Explanation {
    const prepared = this.prepare(question);
    const notCovered = (cov: Coverage | null, ranked: Candidate[] = []): Explanation => ({
      answer: this.finish({
        verdict: 'not_covered',
        roles: [],
        citations: this.consult ? [this.consult.citation] : [],
        procedure: null,
        inputNotice: prepared.notice,
      }),
      coverage: cov,
      ranked: this.describe(ranked),
      cues: {},
    });
    if (!prepared.text) return notCovered(null);

    const cues = this.cues.read(prepared.text);
    const normalized = normalizeQuery(prepared.text);
    const context = [...this.cues.contextSpans(normalized), ...this.cues.backgroundSpans(normalized, cues.mayI), ...(cues.incident ? [] : this.cues.reasonSentences(normalized, cues.mayI))];
    const asked = this.cues.askedAct(normalized, cues.mayI);
    const query = this.index.query(prepared.text, context, cues.incident && cues.witnessedOnly ? this.cues.witnessedTerms : [], asked ? [asked] : []);
    const idf = (t: string) => this.index.idf(t);
    const retrieved = this.index.search(query, 12);
    // Something happened: the incident-reporting rule of the one asking is always a candidate.
    const general = (cues.incident && !cues.witnessedOnly) || cues.askReport ? this.considerIncidentReport(retrieved, cues.asker, query) : undefined;
    // A breach seen, or a role holder told of what someone else did (ログを見たら、ある職員が…).
    if (cues.breachSeen) this.considerViolationReport(retrieved, cues.asker);
    const ranked = rank(this.tree, retrieved, query, cues, this.cues, idf, this.index.tokenizer);
    if (!ranked.length) return notCovered(null);
    const cov = coverage(query.subject, query, ranked.slice(0, 3), idf, this.index.tokenizer, this.cues.genericWords);
    if (!addresses(cov, cues.incident, cues.howTo && !cues.mayI)) return notCovered(cov, ranked);
    const offTopic = this.offTopicCoverage(normalized);
    if (offTopic && !offTopic.about) return notCovered(offTopic.coverage, offTopic.ranked);

    const says = (word: string) => query.normalized.includes(word);
    const mentions = (word: string) => says(word) || query.terms.some((t) => t.term === word);
    const d = decide(this.tree, ranked, cues, this.cues, general && { general, says, mentions }, this.heldFor(cues));
    const citations = d.cited.map(({ clause, sentence }) => this.tree.cite(clause.label, sentence));
    const main = d.cited[0]!.clause;
    const procedure = this.procedures.match(d.verdict, [main, this.tree.parent(main)]);
    const answer = this.finish({ verdict: d.verdict, roles: d.roles, citations, procedure, inputNotice: prepared.notice });
    return {
      answer,
      coverage: cov,
      ranked: this.describe(ranked),
      cues: { ...cues },
    };
  }

  /**
   * A question naming a subject the policy does not govern (「インフルエンザの予防接種」「交通系ICカードの定期代」)
   * must still name something the policy does once those words are gone: a word the thesaurus firmly bridges
   * to the best clauses (not a weak one such as PC or 紙) or a rare word they share. What happened (盗まれ) or what is asked (誰に連絡) does not count:
   * 「駐輪場で自転車を盗まれた」 is not a theft the policy covers. Undefined when the question names no such subject.
   */
  private offTopicCoverage(normalized: string): { about: boolean; coverage: Coverage; ranked: Candidate[] } | undefined {
    const words = this.cues.offTopic(normalized);
    if (!words.length) return undefined;
    const rest = blankOut(normalized, [...words].sort((a, b) => b.length - a.length));
    const cues = this.cues.read(rest);
    const query = this.index.query(rest);
    const idf = (t: string) => this.index.idf(t);
    const ranked = rank(this.tree, this.index.search(query, 12), query, cues, this.cues, idf, this.index.tokenizer);
    const cov = coverage(query.subject, query, ranked.slice(0, 3), idf, this.index.tokenizer, this.cues.genericWords);
    // 「申請書+盗まれ」 names a thing (申請書) besides what happened to it.
    const thing = (w: string) => w.split('+').some((part) => !this.cues.isEventOrAsk(part) && !this.cues.isSetting(part));
    const about = cov.top >= 10 && (cov.anchors.some(thing) || cov.strong.some(thing));
    return { about, coverage: cov, ranked };
  }

  /** The permission rules for what a held permission is for (「外での作業の許可はもらってます」 → 7(1)ア(ウ)c). */
  private heldFor(cues: QuestionCues): Set<Clause> {
    const held = new Set<Clause>();
    const idf = (t: string) => this.index.idf(t);
    for (const subject of this.cues.heldSubjects(cues)) {
      // Ranked as the question is (「支給のノートPC」 rules out the rules for private devices).
      const query = this.index.query(subject);
      const found = rank(this.tree, this.index.search(query, 6), query, cues, this.cues, idf, this.index.tokenizer);
      const best = found[0]?.score ?? 0;
      for (const r of found) {
        if (r.score >= best * HELD_SHARE && r.clause.facts.grantors.length) held.add(r.clause);
      }
    }
    return held;
  }

  /**
   * The question, cleaned (sanitize.ts), with katakana words typed in hiragana read as katakana and short forms
   * (ノーパソ) written out.
   */
  private prepare(question: unknown): PreparedQuestion {
    const prepared = prepareQuestion(question, this.cues);
    return { ...prepared, text: this.abbreviations.expand(this.kana.fold(prepared.text)) };
  }

  /** Builds the reply and checks, once more, that every citation is verbatim from the tree. */
  private finish(a: Omit<Answer, 'reply'>): Answer {
    const citations = a.citations.filter((c) => this.tree.verifies(c));
    if (citations.length !== a.citations.length) throw new Error('internal error: a citation does not match the policy text');
    const reply = composeReply({ ...a, citations, consult: a.verdict === 'not_covered' ? this.consult : undefined });
    return { ...a, citations, reply };
  }

  /**
   * Something happened: the general incident-reporting clause is always a candidate, at no less than
   * 60 % of the best score, however few words it shares with the question. Returns that clause.
   */
  private considerIncidentReport(retrieved: Retrieved[], asker: string | null, query: Query): Clause | undefined {
    // Staff report under the general rule; a role holder under the rule beside it that names them
    // (「報告を受けたデータ取扱責任者は…」).
    const general = this.incidentClause;
    // A role the policy never has report anything (情報システム担当者) reports as the staff member it is.
    const clause = asker !== null && this.reportingRoles.has(asker) ? general && this.ownIncidentRule(general, asker, query) : general;
    if (!clause || !retrieved.length) return undefined;
    promote(retrieved, [clause]);
    return clause;
  }

  /**
   * A role holder's rule for reporting what happened: the one beside the general rule that names them, or, when
   * the question speaks of a breach (role_incident_terms), their own rule for one in their charge (3(3)オ).
   */
  private ownIncidentRule(general: Clause, asker: string, query: Query): Clause | undefined {
    const reports = (c: Clause) => c.facts.actor === asker && c.facts.reportTo.length > 0;
    const beside = this.tree.siblings(general).find(reports);
    if (beside || !this.callsFor(query, this.cues.roleIncidentTerms)) return beside;
    return this.tree.clauses.find((c) => reports(c) && this.cues.roleIncidentReport.some((p) => c.text.includes(p)));
  }

  /** Whether the question calls, through the thesaurus, for one of these policy terms. */
  private callsFor(query: Query, terms: readonly string[]): boolean {
    return query.expansions.some((e) => e.terms.some((t) => terms.some((w) => t.includes(w))));
  }

  /** A breach seen: the rules saying whom the one who saw it tells, for the asker's role (or staff). */
  private considerViolationReport(retrieved: Retrieved[], asker: string | null): void {
    if (!retrieved.length) return;
    const actor = asker ?? STAFF;
    promote(retrieved, this.tree.clauses.filter((c) => c.facts.actor === actor && c.facts.reportTo.length && this.cues.violationReport.some((p) => c.text.includes(p))));
  }

  private describe(ranked: Candidate[]): Explanation['ranked'] {
    return ranked.slice(0, 6).map((c) => ({ label: c.clause.label, score: +c.score.toFixed(2), retrieval: +c.retrieval.toFixed(2), sentence: c.sentence.text }));
  }

  private findConsultClause(): { roles: string[]; citation: Citation } | undefined {
    const phrases = this.cues.notCoveredPointer;
    for (const clause of this.tree.clauses) {
      const sentence = this.tree.sentences(clause).find((s) => phrases.every((p) => s.text.includes(p)));
      if (sentence && sentence.facts.reportTo.length) {
        return { roles: sentence.facts.reportTo, citation: this.tree.cite(clause.label, sentence) };
      }
    }
    return undefined;
  }
}

/** Reads the prebuilt tree when it was built from this very text, else parses the text now. */
export function loadTreeData(policyPath: string, dataDir?: string): TreeData {
  const source = readFileSync(policyPath, 'utf8');
  const prebuilt = PREBUILT_TREE();
  if (existsSync(prebuilt)) {
    try {
      const data = JSON.parse(readFileSync(prebuilt, 'utf8')) as TreeData;
      if (data.sourceHash === hashSource(source, loadRoles(dataDir))) return data;
    } catch {
      // A damaged build artefact is rebuilt below.
    }
  }
  return buildTreeData(source, loadRoles(dataDir));
}

export function loadKnowledgeEngine(options: EngineOptions = {}): PolicyEngine {
  const policyPath = options.policyPath ?? DEFAULT_POLICY_PATH();
  return new PolicyEngine(loadTreeData(policyPath, options.dataDir), options);
}
