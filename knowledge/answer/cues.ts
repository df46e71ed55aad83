// How a question is asked (knowledge/data/cues.yaml): incidents, "whom do I tell", who is asking,
// conditions the question asserts or denies, and sentences addressed to the assistant.
import { z } from 'zod';
import { readDataFile } from '../lexicon';
import { normalizeQuery } from '../retrieve/tokenize';
import { heldAt, heldFromWhom, holdsRole, unqualifiedAt } from './held';
import { escapeRegExp } from '../regexp';
import { blankOut } from '../blank';

const phrases = z.array(z.string().min(1));
const CuesFile = z.object({
  incident: phrases,
  witnessed: phrases,
  witnessed_terms: phrases,
  witnessed_of_others: phrases.default([]),
  others: phrases.default([]),
  precaution: phrases,
  imminent: phrases.default([]),
  background: phrases.default([]),
  not_incident: phrases,
  how_to: phrases,
  post_roles: z.record(z.string(), z.string()),
  exception_request: phrases,
  after_the_fact: phrases.default([]),
  exception_clause: phrases.min(1),
  ask_report: phrases,
  ask_action: phrases,
  ask_permission: phrases,
  may_i: phrases,
  already_permitted: phrases,
  held_covers: z.record(z.string(), phrases).default({}),
  already_reported: phrases.default([]),
  askers: z.array(z.object({ words: phrases.min(1), role: z.string().min(1) })),
  conditions: z.record(
    z.string(),
    z.object({
      asserted_by: phrases.optional(),
      denied_by: phrases.optional(),
      /** Assertions plain enough to win over a denial elsewhere in the question (「支給のPCが修理中で、私物のノートPCを…」). */
      asserted_over_denial: phrases.optional(),
      when_denied: z.enum(['lift', 'demote']).optional(),
      when_absent: z.enum(['demote']).optional(),
      boost: z.number().min(1).max(2).optional(),
    }),
  ),
  injection: phrases,
  topic_shift: phrases.default([]),
  generic_words: phrases,
  received_report: phrases,
  incident_words: phrases,
  skip_duty: phrases,
  skip_duty_masks: phrases.default([]),
  as_it_stands: phrases.default([]),
  left_as_is: phrases.default([]),
  nominated: phrases.default([]),
  not_work: phrases.default([]),
  quote_is_subject: phrases,
  /** How a request reaches the person (電話があり, メールが来): no incident when they ask whether to comply. */
  request_channels: phrases.default([]),
  not_covered_pointer: phrases.min(1),
  /** Words typed in hiragana and how they are written (もちかえ → 持ち帰). */
  spellings: z.record(z.string().min(2), z.string().min(1)).default({}),
  /** Short forms staff type, and the words they stand for (ノーパソ → ノートパソコン). */
  abbreviations: z.record(z.string().min(2), z.string().min(1)).default({}),
  incident_report: phrases.min(1),
  role_incident_report: phrases.default([]),
  role_incident_terms: phrases.default([]),
  asks_next: phrases.default([]),
  after_permission: phrases.default([]),
  violation_report: phrases.default([]),
  reported_speech: phrases,
  off_topic: z.array(z.object({ words: phrases.min(1), also: phrases.optional(), unless: phrases.optional(), also_kept_on_incident: z.boolean().optional() })).default([]),
  work_words: phrases.default([]),
  self_intro: phrases.default([]),
  exception_named: phrases.default([]),
  asked_approval: phrases.default([]),
  setting_words: phrases.default([]),
  /** What makes a matter serious (重大な不備): recipients told only by importance are told too. */
  serious: phrases.default([]),
  /** The person asks to act on their own judgment (自分の判断で, 指示を待たずに). */
  own_judgment: phrases.default([]),
  /** Words holding a condition's short phrase without meaning it (家族 does not say 家): not read for conditions. */
  condition_masks: phrases.default([]),
  /**
   * Who or what a question names only as its setting (a contractor who does the work, the training one is going
   * to): the clauses under `headings` are beside the point unless the question is about that itself (`about`).
   */
  settings: z.array(z.object({ words: phrases.min(1), about: phrases.min(1), headings: z.array(z.string().min(1)).min(1) })).default([]),
});
type CuesData = z.infer<typeof CuesFile>;

export type ConditionState = 'asserted' | 'denied' | null;

/** Words that deny what was just named, before the clause ends. */
const NEGATED = /^[^。!?、]*?(?:使っていない|使ってない|使いません|使わない|入っていない|入ってない|入っていません|入ってません|含まない|含まれない|含まれていない|含んでいない|扱わない|扱いません|扱っていない|ありません|ではない|ではありません|じゃない|じゃありません|なし|無し|以外|除く)/;

export interface QuestionCues {
  /** Something happened that must be reported (a loss, an infection, a leak, or a violation seen). */
  incident: boolean;
  /** Only a violation by someone else was seen: no security incident as such. */
  witnessedOnly: boolean;
  /**
   * A breach by someone else to be told of: one seen (witnessedOnly), or one a role holder learned of (「ログを見たら、
   * ある職員が…」: asker, another person, something happened).
   */
  breachSeen: boolean;
  askReport: boolean;
  askAction: boolean;
  askPermission: boolean;
  /** A "may I …?" question. */
  mayI: boolean;
  /** The person asks to skip a duty (「しなくていい？」). */
  skipDuty: boolean;
  /** The question asks whether a state or setting may stay as it is (「設定のままでいい？」), not whether to let an act happen. */
  asItStands: boolean;
  /** The question asks whether a thing may go as it is (データが入ったまま渡して, このまま出して): what must be done to it first. */
  leftAsIs: boolean;
  /** The person says they were named for a role already (指名されました, 代行を頼まれました). */
  nominated: boolean;
  /** A how-to question (方法, やり方, どうやって…). */
  howTo: boolean;
  /** A manager asks to depart from a rule for a while because of a constraint. */
  exceptionRequest: boolean;
  /** The departure is named as an exception (例外扱い): the manager's route answers it whoever asks. */
  exceptionNamed: boolean;
  /** The person asks what to do now about what they already did (「あとから何かすることは？」). */
  afterTheFact: boolean;
  /** The person says they already hold some permission. */
  alreadyPermitted: boolean;
  /** The person says they have already reported what happened (報告は済ませています). */
  alreadyReported: boolean;
  /** The role the person says they hold, if any. */
  asker: string | null;
  /** What the person says they already have permission for (「データ取扱責任者の許可はもらってます」). */
  heldPermission: string;
  /** The permission held names no one (「許可は取って…」): it is the one for what the question is about. */
  heldFromUnnamed: boolean;
  /**
   * Headings of the rules about what the question names only as its setting: a contractor who does the work
   * (業務委託, unless outsourcing itself is asked about), the training one goes to (研修・訓練).
   */
  settingHeadings: string[];
  /** The person says the matter is serious (重大な, 深刻な). */
  serious: boolean;
  /** The person asks to act on their own judgment (自分の判断で止めていい？). */
  ownJudgment: boolean;
  /** The person did one step and asks for the next (次にやることは？). */
  asksNext: boolean;
  /** The person asks what holds once permitted (あとは自由に使っていい？, ほかに気をつけることは？). */
  asksAfterPermission: boolean;
  condition(name: string): ConditionState;
}

/** The condition a rule for reports from outside names (7(3)イ: 住民等外部から). */
export const FROM_OUTSIDE = '住民等外部から';
/** The condition of the permission rule for private PCs used outside (7(1)ア(ウ)d). */
export const PRIVATE_PC = '私物パソコン';

/** Words after a phrase that take it back: 「業務で使うわけじゃなくて」 says the opposite of 業務で使う. */
const TAKEN_BACK = /^[^。!?、]{0,4}?(?:わけじゃ|わけでは|訳じゃ|訳では|のではな|のではあり|んじゃな|じゃなくて|ではなくて)/;

/**
 * Whether the question says the phrase at least once without `after` in the next `reach` characters: 「仕事でも使って
 * ない」 names work only to deny it (NEGATED), 「業務で使うわけじゃなくて」 takes 業務で使う back (TAKEN_BACK).
 */
function saidWithout(q: string, phrase: string, after: RegExp, reach = 12): boolean {
  for (let at = q.indexOf(phrase); at >= 0; at = q.indexOf(phrase, at + 1)) {
    if (!after.test(q.slice(at + phrase.length, at + phrase.length + reach))) return true;
  }
  return false;
}

/** The word of a "may I" after 「…て(も)」: いい, 大丈夫, 平気, かまわない … */
const MAY = '(?:いい|良い|よい|ええ|大丈夫|ok|平気|かま|構|問題な|差し支えな|支障な)';

/** After 「…て」, or the rest of 「…ちゃって」, a "may I" (入れちゃっていいですか, 送っちゃっていい？, 落としちゃダメ？): asked, not happened. */
const ASKS_AFTER_TE = new RegExp(`^(?:も)?${MAY}`);
const ASKS_AFTER_CHA = new RegExp(`^[っちゃじ]{0,4}(?:(?:て|で)(?:も)?${MAY}|(?:だめ|ダメ|いけな|いけん|あかん|まず))`);

/** The words before a closing "may I" (…てもいいですか, …ていい？, …ても大丈夫), back to the last comma or full stop. */
const ASKED_ACT = new RegExp(`([^、。!?\\n]{2,16}?)(?:ても|て|でも|で)${MAY}[^、。!?\\n]{0,12}[?!。]?$`);

/** A quoted request or wish: 「…使いたい」「…送ってほしい」「…教えてください」. */
const REQUEST_QUOTE = /(?:たい|たいです|ほしい|欲しい|ください|下さい|ましょう|ましょうか|ませんか|もらえませんか|もらえますか|いただけませんか|いただけますか|くれませんか|くれる\?|いいですか|いい\?|(?:教え|送っ|見せ|貸し|渡し|入れ|させ|やっ|使わせ|ログインさせ)て(?:くれ|ね|よ)?)[。!?」]*$/;

/** A quotation that only informs (「…研修があるよ」「…調べられるんだよ」): nothing happened, unless it names an incident. */
const INFORMS_ONLY = /(?:があるよ|がありますよ|があります|あるけん|あるから|やってるよ|やってますよ|られるんだよ|られるんですよ|できるんだよ|できるんですよ|らしいよ)[。!」]*$/;

/** After a setting phrase: it is only the purpose (…のに, …ため) or a reason given (委託契約もあるし, 契約があるので). */
const ONLY_PURPOSE_OR_REASON = /^(?:る|た)?(?:のに|ため|ので)|^(?:も|が|は)?(?:ある|あります|結んで(?:い)?る|済み|済)(?:し|から|ので|、)/;

/**
 * Whether the question is about what a setting phrase names (研修を受け…), not only for its sake: 「研修を受けるのに
 * Zoomを入れたい」 names the training as the purpose of something else, 「委託契約もあるし」 the contract as a reason.
 */
function aboutSaid(q: string, w: string): boolean {
  for (let at = q.indexOf(w); at >= 0; at = q.indexOf(w, at + 1)) {
    if (!ONLY_PURPOSE_OR_REASON.test(q.slice(at + w.length, at + w.length + 8))) return true;
  }
  return false;
}

/** A quotation in 「」 or 『』, the outer one when they nest (「…『…』…」). */
const QUOTE = /「([^」]*)」|『([^』]*)』/g;

const norm = (xs: string[] | undefined) => (xs ?? []).map((x) => normalizeQuery(x));

export class Cues {
  private readonly d: CuesData;

  private policyRoles: readonly string[] = [];

  /** Every role the policy names (for recognising 「…です」 as who is asking). */
  get roles(): readonly string[] {
    return this.policyRoles;
  }

  set roles(roles: readonly string[]) {
    this.policyRoles = roles;
    this.askerPatterns = undefined;
  }

  constructor(data: CuesData) {
    this.d = {
      ...data,
      incident: norm(data.incident),
      witnessed: norm(data.witnessed),
      witnessed_of_others: norm(data.witnessed_of_others),
      others: norm(data.others),
      precaution: norm(data.precaution),
      imminent: norm(data.imminent),
      background: norm(data.background),
      not_incident: norm(data.not_incident),
      how_to: norm(data.how_to),
      exception_request: norm(data.exception_request),
      after_the_fact: norm(data.after_the_fact),
      ask_report: norm(data.ask_report),
      ask_action: norm(data.ask_action),
      ask_permission: norm(data.ask_permission),
      may_i: norm(data.may_i),
      already_permitted: norm(data.already_permitted),
      held_covers: Object.fromEntries(Object.entries(data.held_covers).map(([k, v]) => [normalizeQuery(k), norm(v)])),
      already_reported: norm(data.already_reported),
      askers: data.askers.map((a) => ({ role: a.role, words: norm(a.words) })),
      conditions: Object.fromEntries(
        Object.entries(data.conditions).map(([k, v]) => [
          k,
          { asserted_by: norm(v.asserted_by), denied_by: norm(v.denied_by), asserted_over_denial: norm(v.asserted_over_denial), when_denied: v.when_denied ?? 'demote', when_absent: v.when_absent, boost: v.boost },
        ]),
      ),
      injection: norm(data.injection),
      topic_shift: norm(data.topic_shift),
      generic_words: norm(data.generic_words),
      received_report: norm(data.received_report),
      incident_words: norm(data.incident_words),
      skip_duty: norm(data.skip_duty),
      skip_duty_masks: norm(data.skip_duty_masks),
      as_it_stands: norm(data.as_it_stands),
      left_as_is: norm(data.left_as_is),
      nominated: norm(data.nominated),
      not_work: norm(data.not_work),
      quote_is_subject: norm(data.quote_is_subject),
      request_channels: norm(data.request_channels),
      off_topic: data.off_topic.map((o) => ({ ...o, words: norm(o.words), also: norm(o.also), unless: norm(o.unless) })),
      work_words: norm(data.work_words),
      self_intro: norm(data.self_intro),
      exception_named: norm(data.exception_named),
      asked_approval: norm(data.asked_approval),
      setting_words: norm(data.setting_words),
      serious: norm(data.serious),
      asks_next: norm(data.asks_next),
      after_permission: norm(data.after_permission),
      own_judgment: norm(data.own_judgment),
      condition_masks: norm(data.condition_masks),
      settings: data.settings.map((x) => ({ ...x, words: norm(x.words), about: norm(x.about) })),
    };
  }

  static load(dir?: string): Cues {
    return new Cues(readDataFile('cues.yaml', CuesFile, dir));
  }

  /** 「データ取扱責任者です」「情報セキュリティ責任者（課長）です」「CISOとして」「課長なんですが」 */
  private askerPatterns: { re: RegExp; role: string }[] | undefined;

  private askerByRole(q: string): string | null {
    if (!this.askerPatterns) {
      const names: [string, string][] = [
        ...this.roles.map((r): [string, string] => [normalizeQuery(r), r]),
        ...Object.entries(this.d.post_roles).map(([post, role]): [string, string] => [normalizeQuery(post), role]),
      ].sort((a, b) => b[0].length - a[0].length);
      this.askerPatterns = names.map(([name, role]) => ({
        role,
        // 「次長（統括情報セキュリティ責任者）です」 names the role in the brackets too, and 「監査担当です（…監査統括責任者）」 after.
        // 「資格管理課長の田中です」: the post, then a name (not 「課長の判断です」 nor 「…責任者の課長です」, another post).
        re: new RegExp(`(?:です|の者です)[(（]${escapeRegExp(name)}[)）]|${escapeRegExp(name)}(?:[(（][^)）]*[)）]|[)）])?(?:です(?![か?？])|として|の者です|をしています|をしております|をやっております|してます|しています|しよります|しよるんやけど|しよる|をしている|をやってい|をやってま|をやっており|を務めて|をしてま|を担当して|の立場|の私|なんですが|なのですが|なんだけど|ですが|ですけど|やけど|だけど|やけん|ですけん|になりました|になったばかり|になって|に任命され|に指名され|を任され|に着任|に就任|を拝命|[0-9一二三]年目|で、|の(?!判断|許可|指示|承認|決裁|了承|確認|命令|意見|方針|課長|係長|次長|局長|部長|室長|所長|担当|者)[\u4e00-\u9fff]{1,4}(?:です|と申します)(?=[。、,.!]))`),
      }));
    }
    return this.askerPatterns.find((p) => p.re.test(q))?.role ?? null;
  }

  private heldPermission(q: string): string {
    const spans = this.contextSpans(q).filter((span) => this.d.already_permitted.some((p) => span.includes(p)));
    // 「課長のOKはもらってます」 names the 情報セキュリティ責任者.
    return spans.map((s) => Object.entries(this.d.post_roles).reduce((t, [post, role]) => (t.includes(post) ? `${t} ${normalizeQuery(role)}` : t), s)).join('\n');
  }

  /** Policy terms a question about a violation seen is really about. */
  get witnessedTerms(): string[] {
    return this.d.witnessed_terms;
  }

  /** Words that carry no subject of their own. */
  get genericWords(): ReadonlySet<string> {
    return (this.genericSet ??= new Set(this.d.generic_words));
  }

  private genericSet: ReadonlySet<string> | undefined;

  /**
   * Whom to tell asked last (「止めようと思うんですが、止めたあとに誰かへ知らせる必要はありますか」): the "may I" before it
   * is the background of the question, not what it asks.
   */
  private asksReportLast(q: string): boolean {
    const last = (ws: readonly string[]) => Math.max(-1, ...ws.map((w) => q.lastIndexOf(w)));
    const report = last(this.reportLast.telling);
    return report >= 0 && report > last(this.reportLast.mayI);
  }

  /**
   * The ask_report phrases that name telling (not 「誰に言えば使えます？」, which asks whose permission), and the may_i
   * phrases that are not part of one: built once.
   */
  private get reportLast(): { telling: readonly string[]; mayI: readonly string[] } {
    return (this.reportLastLists ??= {
      telling: this.d.ask_report.filter((w) => /報告|知らせ|通知|連絡/.test(w)),
      mayI: this.d.may_i.filter((w) => !this.d.ask_report.some((r) => r.includes(w) || w.includes(r))),
    });
  }

  private reportLastLists: { telling: readonly string[]; mayI: readonly string[] } | undefined;

  /** Phrases that find the rules saying whom one who sees a breach of the policy tells (違反を確認した場合). */
  get violationReport(): string[] {
    return this.d.violation_report;
  }

  /** Phrases that find the clause on reporting any incident. */
  get incidentReport(): string[] {
    return this.d.incident_report;
  }

  /** Phrases that find a role holder's own rule for reporting what happened in their charge. */
  get roleIncidentReport(): string[] {
    return this.d.role_incident_report;
  }

  /** The policy terms a question must call for (through the thesaurus) for that rule to be considered. */
  get roleIncidentTerms(): string[] {
    return this.d.role_incident_terms;
  }

  /**
   * Spans of the question that are context rather than its subject: what someone else said (「…」と言われ…),
   * a permission the person already holds (「在宅勤務の許可はもらってます」) or asks about (「課長の許可があれば」) and who
   * the person is (臨時職員です).
   */
  contextSpans(question: string): string[] {
    const normalizedQuestion = heldFromWhom(question);
    const out: string[] = [];
    for (const phrase of [...this.d.already_permitted, ...this.d.asked_approval]) {
      const at = heldAt(normalizedQuestion, phrase);
      if (at < 0) continue;
      const before = normalizedQuestion.slice(0, at);
      // An aside in brackets (「出張中(持ち出しの許可はとってます)、…」) is a span of its own.
      const start = Math.max(...['。', '!', '?', '、', '(', '（'].map((c) => before.lastIndexOf(c))) + 1;
      const rest = normalizedQuestion.slice(at);
      const endRel = rest.search(/[。、!?)）]/);
      out.push(normalizedQuestion.slice(start, endRel < 0 ? undefined : at + endRel));
    }
    // 「臨時職員です。」 says who asks: it counts, but less than what they ask about.
    for (const intro of this.d.self_intro) if (normalizedQuestion.includes(intro)) out.push(intro);
    const quoteIsSubject = this.d.quote_is_subject.some((w) => normalizedQuestion.includes(w));
    // 「…『…』…」: the outer quote, with the inner one in it.
    for (const m of quoteIsSubject ? [] : normalizedQuestion.matchAll(QUOTE)) {
      const after = normalizedQuestion.slice(m.index! + m[0].length, m.index! + m[0].length + 8);
      if (this.d.reported_speech.some((w) => after.startsWith(normalizeQuery(w)))) out.push((m[1] ?? m[2])!);
    }
    return out;
  }

  /**
   * What a "may I" asks to do, said just before it (「…、持ち出していいですか」 → 持ち出し): its words count more in the search.
   */
  askedAct(q: string, mayI: boolean): string | null {
    return mayI ? (ASKED_ACT.exec(q)?.[1] ?? null) : null;
  }

  /**
   * A reason given as a sentence of its own (「文書の下書きが早くなるので。」) beside a "may I": it says why, not what
   * is asked about, and counts half.
   */
  reasonSentences(q: string, mayI: boolean): string[] {
    if (!mayI) return [];
    return q
      .split(/(?<=[。!?\n])/)
      .map((t) => t.trim())
      .filter((t) => /(?:ので|から|ため)[。!]?$/.test(t) && t.length <= 40 && !t.includes('?'));
  }

  /** Whether the question asks whether one may do something (not whom to tell, nor what to do). */
  private asksLeave(q: string, mayI: boolean): boolean {
    const any = (ws: string[]) => ws.some((w) => q.includes(w));
    return (mayI || any(this.d.ask_permission)) && !any(this.d.ask_report) && !any(this.d.ask_action);
  }

  /**
   * What happened, said as the background of a "may I" question (「ウイルスに感染したPC」「漏れてしまった件」), up to
   * the word that makes it background. It counts half in the search: the question is about what comes after.
   */
  backgroundSpans(q: string, mayI: boolean): string[] {
    if (!this.asksLeave(q, mayI)) return [];
    const out: string[] = [];
    for (const w of this.d.incident) {
      for (let at = q.indexOf(w); at >= 0; at = q.indexOf(w, at + 1)) {
        const after = q.slice(at + w.length, at + w.length + 10);
        const b = this.d.background.find((x) => after.includes(x));
        if (!b) continue;
        const start = Math.max(q.lastIndexOf('。', at), q.lastIndexOf('、', at), q.lastIndexOf('!', at), q.lastIndexOf('?', at)) + 1;
        out.push(q.slice(start, at + w.length + after.indexOf(b) + b.length));
      }
    }
    return out;
  }

  /** Whether a word only says who or where (住民, 窓口, 電話): the setting of a question, not its subject. */
  isSetting(word: string): boolean {
    // 「住民の」「窓口で」 are settings; 「職員証」 (a thing) only starts like one.
    return this.d.setting_words.some((w) => word === w || (word.startsWith(w) && !/[\u4e00-\u9fff\u30a0-\u30ff]/.test(word.slice(w.length))));
  }

  /** Words typed in hiragana and how the policy writes them (もちかえ → 持ち帰), for the KanaFolder. */
  get spellings(): Record<string, string> {
    return this.d.spellings;
  }

  /** Short forms staff type, and the words they stand for (ノーパソ → ノートパソコン), for {@link Abbreviations}. */
  get abbreviations(): Record<string, string> {
    return this.d.abbreviations;
  }

  /** Phrases that find the clause pointing to whom to ask when the policy is silent. */
  get notCoveredPointer(): string[] {
    return this.d.not_covered_pointer;
  }

  /** The conditions (phrases of the policy text) the vocabulary knows, as they appear in a clause. */
  conditionsIn(text: string): readonly string[] {
    // Asked of the same clause sentences question after question: remembered (bounded).
    let found = this.conditionsFound.get(text);
    if (!found) {
      found = Object.keys(this.d.conditions).filter((c) => text.includes(c));
      if (this.conditionsFound.size >= 20000) this.conditionsFound.clear();
      this.conditionsFound.set(text, found);
    }
    return found;
  }

  private readonly conditionsFound = new Map<string, readonly string[]>();

  /** Whether a clause with this condition is beside the point unless the question asserts it. */
  demotedWhenAbsent(condition: string): boolean {
    return this.d.conditions[condition]?.when_absent === 'demote';
  }

  /** How much more a clause counts when the question asserts this condition (default 1.15). */
  assertedBoost(condition: string): number {
    return this.d.conditions[condition]?.boost ?? 1.15;
  }

  /**
   * What a held permission is for, in the person's words (「pcの持ち出しと外での作業の」 of
   * 「pcの持ち出しと外での作業の許可はもらってます」), when it names something but no role.
   */
  heldSubjects(cues: QuestionCues): string[] {
    if (!cues.alreadyPermitted || cues.heldFromUnnamed) return [];
    const out: string[] = [];
    for (const span of cues.heldPermission.split('\n')) {
      if (this.roles.some((r) => holdsRole(span, r))) continue;
      const at = Math.min(...this.d.already_permitted.map((p) => span.indexOf(p)).filter((i) => i >= 0));
      const subject = span.slice(0, at).replace(/(?:の|する|した)$/, '');
      if (subject.length < 2) continue;
      out.push(subject);
      // 「持ち出しの許可はもらいました」 covers carrying it there (運搬) too.
      for (const [act, covered] of Object.entries(this.d.held_covers)) if (subject.includes(act)) out.push(...covered);
    }
    return out;
  }

  /**
   * The words of a question that name a subject the policy does not govern (予防接種, 通勤手当, 銀行アプリ),
   * with the policy words that then speak of that subject too (インフルエンザ makes ウイルス a biological one).
   * Empty when the question names none.
   */
  offTopic(normalizedQuestion: string): string[] {
    const out: string[] = [];
    // 「銀行アプリと同じパスワードを業務システムに」: a question that names work keeps its policy words.
    // 「仕事でも使ってない」 names work only to deny it.
    // Words that hold a work word but name no work (公用車: 「公用車でこすってしまった」 stays a car matter) are left out.
    const work = this.d.work_words.some((w) => saidWithout(blankOut(normalizedQuestion, this.d.not_work), w, NEGATED));
    // 「ICカードを入れたパスケースを落とした」: what was lost with the case is lost too.
    const happened = () => this.d.incident.some((w) => normalizedQuestion.includes(w));
    for (const o of this.d.off_topic) {
      if (!o.words.some((w) => normalizedQuestion.includes(w))) continue;
      // 「飲み会の案内を職場のメールで回す」 is about the work mail, not the party.
      if (o.unless?.some((w) => normalizedQuestion.includes(w))) continue;
      const keepAlso = work || (o.also_kept_on_incident && happened());
      out.push(...o.words, ...(keepAlso ? [] : (o.also ?? [])));
    }
    // 「会計年度任用職員です。通勤手当って…」: who asks is not what the question is about.
    if (out.length) out.push(...this.d.self_intro);
    return out;
  }

  /**
   * Whether a word says what happened (盗まれ, なくし) or what is asked (誰に連絡, 提出先) rather than what it
   * is about.
   */
  isEventOrAsk(word: string): boolean {
    const inside = (list: string[]) => list.some((w) => w.includes(word) || word.includes(w));
    return inside(this.d.incident) || this.d.incident_words.some((w) => word.includes(w)) || inside(this.d.ask_report) || inside(this.d.ask_permission) || inside(this.d.ask_action);
  }

  /** Phrases that find the clause allowing exceptions to the policy. */
  get exceptionClause(): string[] {
    return this.d.exception_clause;
  }

  /** Whether denying this condition lifts the prohibition it limits (rather than making the clause irrelevant). */
  liftsWhenDenied(condition: string): boolean {
    return this.d.conditions[condition]?.when_denied === 'lift';
  }

  /**
   * Where a question turns to another matter (「ところで」「質問は別件で」「聞きたいのは」): the index just after the last such
   * phrase, or -1. What comes before it is background the asker is done with.
   */
  topicShiftEnd(text: string): number {
    let end = -1;
    for (const w of this.d.topic_shift) {
      // Only where a sentence or clause starts: 「自分のところで止めて」 holds ところで without turning anywhere.
      for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
        // (「で、聞きたいのは」 too).
        if (at === 0 || /[。、！？!?\s,.]で?$/.test(text.slice(0, at))) end = Math.max(end, at + w.length);
      }
    }
    return end;
  }

  /** Whether a sentence says who is asking (「課長です。」). */
  namesAsker(sentence: string): boolean {
    return this.askerOf(normalizeQuery(sentence)) !== null;
  }

  /** The role a normalized text says the person holds: the role names first, longest first (「最高データ取扱責任者です」 is not the データ取扱責任者). */
  private askerOf(q: string): string | null {
    return this.askerByRole(q) ?? this.d.askers.find((a) => a.words.some((w) => q.includes(w)))?.role ?? null;
  }

  /** Whether a sentence speaks to the assistant rather than about the policy. */
  isInstruction(sentence: string): boolean {
    const s = normalizeQuery(sentence);
    return this.d.injection.some((w) => s.includes(w));
  }

  read(question: string): QuestionCues {
    const q = heldFromWhom(normalizeQuery(question));
    const any = (ws: string[]) => ws.some((w) => q.includes(w));
    // 「言えばいいですか」「どうしたらいい？」 ask what to do, not whether something is allowed.
    const mayIAt = (w: string) => {
      for (let at = q.indexOf(w); at >= 0; at = q.indexOf(w, at + 1)) {
        const before = q.slice(Math.max(0, at - 2), at);
        // 「誰に言えばいいですか」 asks how; 「消して渡せばいいですよね？」「そのまま渡せばいいですか」「何もせず渡せばいいですか」
        // ask to be told it is fine (何も, どうしても are no question words).
        if (/ば$|たら$/.test(before) && !w.endsWith('よね') && /誰|どこ|何(?!も)|どう(?!しても)|いつ|どれ|どの/.test(q.slice(Math.max(0, at - 16), at))) continue;
        // 「入ってしまったみたいです」 guesses what happened; 「読みたいです」「やってみたいです」 want to.
        if (w.startsWith('たい') && /[たダだるいう]み$/.test(before)) continue;
        return true;
      }
      return false;
    };
    const mayI = this.d.may_i.some(mayIAt);
    const conditions = this.d.conditions;
    // 「家族からの連絡」 does not say 家 (home): such words are blanked before conditions are read.
    const said = blankOut(q, this.d.condition_masks, '＿');
    // 「なくしたときに備えて」 is a precaution, not a loss. Quotes are matched as 「」, so
    // 「住民の方から『…』と連絡がありました」 reads as a report from outside.
    // 「「…パスワードを教えてください」って電話がありました。教えても大丈夫？」 asks whether to do what was asked:
    // how the request came (電話があり) is no incident.
    const complying = /[「『]/.test(q) && this.d.quote_is_subject.some((w) => q.includes(w));
    const plain = blankOut(q, [...this.d.not_incident, ...(complying ? this.d.request_channels : [])]);
    // A quoted request or wish (部下が「…使いたい」と言ってきました) reports nothing that happened.
    // …nor does one that only tells of something ordinary (先輩から「新人向けの研修があるよ」と聞いた).
    const tellsNothing = (t: string) => INFORMS_ONLY.test(t) && !this.d.incident_words.some((w) => t.includes(w));
    const unquoted = plain.replace(QUOTE, (m, a?: string, b?: string) => {
      const t = (a ?? b ?? '').trim();
      return REQUEST_QUOTE.test(t) || tellsNothing(t) ? ' ' : '「」';
    });
    // Asked whether one may do something, with what happened only as its background (「感染したPC、…返却していい？」
    // 「漏れてしまった件のお詫び文、…持ち帰っていい？」): that is not a new incident to report.
    const asksLeave = this.asksLeave(q, mayI);
    const happened = unquoted !== plain && this.d.incident.some((w) => w.includes('「」') && unquoted.includes(w)) ? true : this.d.incident.some((w) => {
      let at = plain.indexOf(w);
      while (at >= 0) {
        const after = plain.slice(at + w.length, at + w.length + 10);
        // 「開いちゃって、そのあと…」 happened; 「入れちゃっていいですか」 asks.
        // …and 「送っちゃっていい？」.
        const asks = (w.endsWith('て') && ASKS_AFTER_TE.test(after)) || ASKS_AFTER_CHA.test(after);
        // 「直接落としたい」 wishes; nothing has happened.
        const wish = /^(?:たい|たく|たかった)/.test(after);
        // 「サーバが止まったとき、家から入れるようにしておきたい」: when it happens, asked ahead of time.
        const background = asksLeave && (this.d.background.some((b) => after.includes(b)) || /^(?:っ|ん)?(?:たとき|た時|た場合|たら、)/.test(after));
        // 「浸水しそうです」 has not happened (but 「感染したそうです」 has).
        const imminent = this.d.imminent.some((p) => after.startsWith(p));
        // 「去年、車上荒らしでPCを盗まれたことがあって…」 tells what once happened, not what is happening.
        const once = /^(?:っ|ん)?た?ことが(?:あ|な)/.test(after);
        if (!asks && !wish && !background && !imminent && !once && !this.d.precaution.some((p) => after.includes(p))) return true;
        at = plain.indexOf(w, at + 1);
      }
      return false;
    });
    // A report the asker received is an incident only when something happened in it.
    const received = any(this.d.received_report) && any(this.d.incident_words);
    // A phrase ending in 。 also ends the question (「係長が…住民情報見てる」).
    const ended = `${q}。`;
    // …read without what is no incident (「ウイルスチェックしたら何も出なかった」 is no check that found someone out).
    const witnessed = this.d.witnessed.some((w) => plain.includes(w)) || (this.d.witnessed_of_others.some((w) => ended.includes(w)) && any(this.d.others));
    // Who asks is said outside quotes: 「CSIRTの者です。…パスワードを確認させてください」と言われました is someone else.
    const own = q.replace(QUOTE, '「」');
    const asker = this.askerOf(own);
    const alreadyPermitted = this.d.already_permitted.some((p) => heldAt(q, p) >= 0);
    const heldPermission = this.heldPermission(q);
    const heldFromUnnamed = alreadyPermitted && !this.roles.some((r) => holdsRole(heldPermission, r)) && this.d.already_permitted.some((p) => unqualifiedAt(q, p));
    const exceptionNamed = any(this.d.exception_named);
    // 「本人は通報済み」 tells a report made, not one asked about.
    // 「…と通報がありました」 tells a report received, not one asked about either.
    const unreported = blankOut(q, [...this.d.already_reported, ...this.d.received_report]);
    // 「…、許可は取って」 says what the person has, not what they ask for.
    const asked = heldFromUnnamed ? blankOut(q, this.d.already_permitted) : q;
    const condition = (name: string): ConditionState => {
      const c = conditions[name];
      if (!c) return null;
      // Denial wins: 「支給のPC」 is not 「支給以外」 even though it says PC; unless the question plainly says so
      // too (「支給のPCが修理中で、私物のノートPCを使っても」).
      if (c.denied_by?.some((w) => saidWithout(said, w, TAKEN_BACK))) return c.asserted_over_denial?.some((w) => said.includes(w)) ? 'asserted' : 'denied';
      // 「マイナンバーとかは扱いません」「個人情報は入っていません」 deny what they name.
      const named = (c.asserted_by ?? []).filter((w) => said.includes(w));
      if (!named.length) return null;
      return named.some((w) => saidWithout(said, w, NEGATED, 24)) ? 'asserted' : 'denied';
    };
    // What someone outside told of, passed on (「住民から連絡があった」と報告が上がってきた), is an incident reported, not a
    // breach the asker saw.
    const toldFromOutside = !witnessed && condition(FROM_OUTSIDE) === 'asserted';
    // 「…しないでいい？」 asks to skip a duty; 「つないでいい？」 holds the same letters and asks to connect (skip_duty_masks).
    const unmasked = blankOut(q, this.d.skip_duty_masks);
    return {
      incident: happened || received || witnessed,
      witnessedOnly: witnessed && !happened,
      breachSeen: !toldFromOutside && ((witnessed && !happened) || (asker !== null && any(this.d.others) && (happened || received || witnessed))),
      // 「入れたいんだけど誰に言えばいい？」 asks whose permission, not whom to report to.
      askReport: this.d.ask_report.some((w) => unreported.includes(w)) && (happened || witnessed || !mayI || this.asksReportLast(unreported)),
      askAction: any(this.d.ask_action),
      askPermission: this.d.ask_permission.some((w) => asked.includes(w)),
      mayI,
      skipDuty: this.d.skip_duty.some((w) => unmasked.includes(w)),
      asItStands: any(this.d.as_it_stands),
      leftAsIs: any(this.d.left_as_is),
      nominated: any(this.d.nominated),
      howTo: any(this.d.how_to),
      exceptionRequest: exceptionNamed || any(this.d.exception_request),
      exceptionNamed,
      afterTheFact: any(this.d.after_the_fact),
      alreadyPermitted,
      // 「部下から『窓口には報告済みです』と聞きました」: someone else's report, not the asker's.
      alreadyReported: this.d.already_reported.some((w) => own.includes(w)),
      asker,
      heldPermission,
      heldFromUnnamed,
      serious: any(this.d.serious),
      ownJudgment: any(this.d.own_judgment),
      asksNext: any(this.d.asks_next),
      asksAfterPermission: any(this.d.after_permission),
      settingHeadings: this.d.settings.filter((x) => any(x.words) && !x.about.some((w) => aboutSaid(q, w))).flatMap((x) => x.headings),
      condition,
    };
  }
}
