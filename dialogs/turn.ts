// One turn of a conversation with the guided procedures, as a function of the stored state and the input:
// (state, input) → (new state, outputs to show, effects to deliver). No storage, no SDK: the runner persists.

import { commandOf, looksLikeQuestion } from './commands';
import { matchKey } from './normalize';
import { formatJa, todayIn } from './dates';
import { followUpOf, recognize, startCommand } from './intents';
import { isExactAnswer, optionsIn, parseCardValue, parseTyped, validate } from './parse';
import { givenAnswers, NO, YES, type ProcContext, type ProcEmitted } from './procedure';
import { PROCEDURES, type Procedure } from './procedures';
import { formFor, prefillFromRaw, replayForm } from './forms';
import { present, why } from './prompts';
import { Session, UnreadableSnapshot, type View } from './session';
import { MAX_PARKED, type DialogState, type RunRecord } from './state';
import { cardDataSchema } from './card-data';
import type { AskFn, CardData, CommandName, DialogInput, Effect, FollowUpEvent, NoticeKind, Output, ProcedureId, QuoteFn, Requester, TaskDraft } from './types';

export interface TurnEnv {
  requester: Requester;
  quote: QuoteFn;
  ask: AskFn;
  now: Date;
  newId: () => string;
  /** A procedure left this long without input ends (24 h by default). */
  idleTtlMs: number;
  /** A "start this?" question left this long is forgotten. */
  confirmTtlMs: number;
  /** A submitted procedure waits this long for its follow-up report. */
  parkedTtlMs: number;
  timeZone: string;
}

export interface TurnResult {
  state: DialogState;
  outputs: Output[];
  /** New effects, to store with the state and then deliver. */
  effects: Effect[];
  /** False when the input is not for the procedures: the bot handles it (after showing `outputs`). */
  handled: boolean;
}

const HELP_TEXT =
  '手続きの途中です。質問に答えるか、ボタンを押してください。「戻る」で一つ前の質問へ、「なぜ？」で根拠の条文、「キャンセル」で中止です。ポリシーについての質問も、そのまま送れます。';

const ACCEPT_WORDS = ['はい', '始める', '始めます', 'はいはじめます', 'お願いします', 'おねがいします', 'yes', 'ok', 'うん', 'そうです', '開始'];
const DECLINE_WORDS = ['いいえ', 'いえ', 'no', '始めない', '始めません', '大丈夫です', 'けっこうです', '結構です', 'ちがいます', '違います', 'ちがう', '違う'];

/** The longest reply (normalised) still read as yes/no to a start confirmation; longer text is a new message. */
const MAX_YES_NO = 20;

const YES_NO = [
  { ...YES, synonyms: [...(YES.synonyms ?? []), ...ACCEPT_WORDS] },
  { ...NO, synonyms: [...(NO.synonyms ?? []), ...DECLINE_WORDS] },
];

function yesNo(text: string): 'yes' | 'no' | null {
  const key = matchKey(text);
  // 「…ネットもメールも使いません。…設定は？」 after a confirmation is a new question, not いいえ
  if (key.length > MAX_YES_NO || looksLikeQuestion(text)) return null;
  const found = optionsIn(YES_NO, text);
  const [only] = found;
  if (found.length !== 1 || !only) return null;
  // A yes/no word inside other words is no answer (「今年はいつでしたっけ」 holds はい): it opens or ends the reply
  // (「はい、始めます」「えっと、はい」).
  const words = [only.label, only.value, ...(only.synonyms ?? [])].map(matchKey).filter((w) => w !== '');
  if (!words.some((w) => key.startsWith(w) || key.endsWith(w))) return null;
  return only.value === 'yes' ? 'yes' : 'no';
}

/** 24時間, 2日, 30分 */
function durationJa(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${Math.max(1, minutes)}分`;
  const hours = Math.round(minutes / 60);
  return hours <= 48 ? `${hours}時間` : `${Math.round(hours / 24)}日`;
}

const FOLLOW_UP_TEXT: Record<FollowUpEvent['kind'], string> = {
  'carry-out.returned': '持ち込みを報告しました。',
  'lost-card.found': 'カードが見つかったことを報告しました。',
  'lost-card.replaced': '新しいカードを受け取ったことを報告しました。',
};

const CONFIRM_TEXT: Record<ProcedureId, string> = {
  'carry-out': '持ち出しには許可が必要です。持ち出し申請を始めますか？',
  'lost-card': 'ICカード紛失の通報を一緒に始めますか？',
  infection: '感染の疑いの報告を一緒に始めますか？',
};

class Turn {
  readonly out: Output[] = [];
  readonly effects: Effect[] = [];
  readonly state: DialogState;
  private readonly today: string;
  private readonly nowIso: string;
  private readonly nowMs: number;

  constructor(
    stored: DialogState,
    private readonly env: TurnEnv,
  ) {
    this.state = JSON.parse(JSON.stringify(stored)) as DialogState;
    this.today = todayIn(env.now, env.timeZone);
    this.nowIso = env.now.toISOString();
    this.nowMs = env.now.getTime();
  }

  // -------------------------------------------------------------------------------------------
  // Entry

  async run(input: DialogInput): Promise<boolean> {
    this.expire();
    if (input.type === 'start') return PROCEDURES[input.procedure] ? this.explicitStart(input.procedure) : false;
    if (input.type === 'card') {
      const data = cardDataSchema.safeParse(input.data);
      if (!data.success) {
        const ours = typeof input.data === 'object' && input.data !== null && 'dialog' in input.data;
        if (!ours) return false;
        this.notice('stale', 'このボタンは使えなくなっています。');
        this.showCurrent();
        return true;
      }
      return this.card(data.data, input.data as Record<string, unknown>);
    }
    return this.text(typeof input.text === 'string' ? input.text : '');
  }

  // -------------------------------------------------------------------------------------------
  // Housekeeping

  private expire(): void {
    const s = this.state;
    if (s.active && this.nowMs - Date.parse(s.active.updatedAt) > this.env.idleTtlMs) {
      const rec = s.active;
      const proc = PROCEDURES[rec.procedure];
      const idle = durationJa(this.env.idleTtlMs);
      const session = this.open(rec);
      if (session) {
        const sealed = session.context.sealed !== null;
        session.send({ type: 'CANCEL' });
        const view = session.view();
        if (view.kind === 'parked') {
          this.park(rec, session, false);
          this.notice('expired', `「${proc.info.title}」の入力は、${idle}操作がなかったため中断しました。あとで続きを報告できます。`, rec.procedure);
        } else {
          s.active = null;
          this.notice('expired', `「${proc.info.title}」は、${idle}操作がなかったため終了しました。`, rec.procedure);
          if (!sealed && proc.info.unsent) this.message(proc.info.unsent, 'urgent');
        }
        session.stop();
      }
    }
    if (s.pending && this.nowMs - Date.parse(s.pending.at) > this.env.confirmTtlMs) s.pending = null;
    const keep = [];
    for (const p of s.parked) {
      if (this.nowMs - Date.parse(p.parkedAt) > this.env.parkedTtlMs) {
        this.notice('closed', `「${p.title}」の後日の報告の受付を終了しました。`, p.procedure);
      } else {
        keep.push(p);
      }
    }
    s.parked = keep;
  }

  // -------------------------------------------------------------------------------------------
  // Output helpers

  private notice(kind: NoticeKind, text: string, procedure?: ProcedureId): void {
    this.out.push({ type: 'notice', kind, text, ...(procedure ? { procedure } : {}) });
  }

  private message(text: string, style: 'plain' | 'urgent' = 'plain'): void {
    this.out.push({ type: 'message', text, style });
  }

  /** Restores the active run (or a parked one); a stored snapshot that cannot be read ends it with a notice. */
  private open(rec: RunRecord): Session | null {
    try {
      return Session.restore(PROCEDURES[rec.procedure], rec.snapshot);
    } catch (e) {
      if (!(e instanceof UnreadableSnapshot)) throw e;
      if (this.state.active?.run === rec.run) this.state.active = null;
      this.state.parked = this.state.parked.filter((p) => p.run !== rec.run);
      this.notice('unreadable', `「${PROCEDURES[rec.procedure].info.title}」の途中の状態を読み込めなかったため、終了しました。お手数ですが、もう一度始めてください。`, rec.procedure);
      return null;
    }
  }

  /** Shows the active run's current prompt again (or the pending question), without changing anything. */
  showCurrent(): void {
    const rec = this.state.active;
    if (rec) {
      const session = this.open(rec);
      if (session) {
        this.present(PROCEDURES[rec.procedure], rec, session.view(), session.context);
        session.stop();
        return;
      }
    }
    if (this.state.pending) this.confirmStart(this.state.pending.procedure, false);
  }

  private present(proc: Procedure, rec: RunRecord, view: View, ctx: ProcContext, error?: string): void {
    this.out.push(...present(proc, rec.run, view, ctx, { quote: this.env.quote, ...(error ? { error } : {}) }));
  }

  /** One question before starting; an urgent procedure's first words come first, before the question. */
  private confirmStart(procedure: ProcedureId, withFirstWords: boolean): void {
    if (withFirstWords) for (const m of PROCEDURES[procedure].info.intro) if (m.style === 'urgent') this.message(m.text, 'urgent');
    const replacing = this.state.active && this.state.active.procedure !== procedure ? `いまの「${PROCEDURES[this.state.active.procedure].info.title}」は中断します。` : '';
    this.out.push({
      type: 'confirmStart',
      procedure,
      text: `${CONFIRM_TEXT[procedure]}${replacing}`,
      choices: [
        { label: 'はい、始めます', style: 'primary', data: { dialog: 'confirmStart', procedure, accept: true } },
        { label: 'いいえ', data: { dialog: 'confirmStart', procedure, accept: false } },
      ],
    });
  }

  // -------------------------------------------------------------------------------------------
  // Moving runs

  /** After the machine moved: store its snapshot, then present, park or finish it. */
  private commit(rec: RunRecord, session: Session, emitted: ProcEmitted[]): void {
    const proc = PROCEDURES[rec.procedure];
    rec.snapshot = session.persisted();
    rec.updatedAt = this.nowIso;
    this.takeEffects(proc, rec, session.context, emitted);
    const view = session.view();
    if (view.kind === 'parked') {
      this.park(rec, session, true);
    } else if (view.kind === 'done') {
      if (this.state.active?.run === rec.run) this.state.active = null;
      this.present(proc, rec, view, session.context);
      if (view.id === 'cancelled' && proc.info.unsent) this.message(proc.info.unsent, 'urgent');
    } else {
      this.state.active = rec;
      this.present(proc, rec, view, session.context);
    }
  }

  private park(rec: RunRecord, session: Session, announce: boolean): void {
    const proc = PROCEDURES[rec.procedure];
    rec.snapshot = session.persisted();
    if (this.state.active?.run === rec.run) this.state.active = null;
    this.state.parked = [
      ...this.state.parked.filter((p) => p.run !== rec.run),
      { ...rec, misses: 0, title: proc.info.describe(session.context), parkedAt: this.nowIso },
    ].slice(-MAX_PARKED);
    if (announce) this.present(proc, rec, session.view(), session.context);
  }

  private takeEffects(proc: Procedure, rec: RunRecord, ctx: ProcContext, emitted: ProcEmitted[]): void {
    const procedure = proc.info.id;
    const requestId = rec.requestId ? { requestId: rec.requestId } : {};
    const tasks: TaskDraft[] = [];
    for (const e of emitted) if (e.type === 'task') tasks.push(e.task);
    for (const e of emitted) {
      if (e.type === 'submit') {
        this.effects.push({ type: 'submit', ref: rec.run, procedure, at: this.nowIso, draft: e.draft });
        const who = e.draft.roles.join('と');
        const text = e.draft.urgent ? `${who}に送信しました。` : `${who}に申請を送信しました。結果はこのチャットでお知らせします。`;
        this.out.push({ type: 'submitted', procedure, ref: rec.run, draft: e.draft, tasks, text });
      } else if (e.type === 'task') {
        this.effects.push({ type: 'task', ref: `${rec.run}/${e.name}`, requestRef: rec.run, ...requestId, procedure, at: this.nowIso, task: e.task });
      } else {
        this.effects.push({ type: 'followUp', ref: `${rec.run}/${e.name}`, requestRef: rec.run, ...requestId, procedure, at: this.nowIso, event: e.event });
        this.out.push({ type: 'followUp', procedure, ref: `${rec.run}/${e.name}`, requestRef: rec.run, event: e.event, text: `${FOLLOW_UP_TEXT[e.event.kind]}（${proc.info.describe(ctx)}）` });
      }
    }
  }

  /** Starts a run; after an accepted confirmation the urgent first words (already shown with it) are not repeated. */
  private start(procedure: ProcedureId, confirmed = false): boolean {
    const proc = PROCEDURES[procedure];
    this.state.pending = null;
    const rec: RunRecord = { procedure, run: this.env.newId(), snapshot: null, updatedAt: this.nowIso, misses: 0 };
    const session = Session.start(proc, { run: rec.run, requester: this.env.requester });
    for (const m of proc.info.intro) if (!(confirmed && m.style === 'urgent')) this.message(m.text, m.style);
    this.commit(rec, session, []);
    session.stop();
    return true;
  }

  /** Ends or re-parks the active run because another one starts. */
  private interrupt(): void {
    const rec = this.state.active;
    if (!rec) return;
    const proc = PROCEDURES[rec.procedure];
    const session = this.open(rec);
    if (!session) return;
    const sealed = session.context.sealed !== null;
    session.send({ type: 'CANCEL' });
    if (session.view().kind === 'parked') {
      this.park(rec, session, false);
      this.notice('interrupted', `「${proc.info.title}」の後日の報告を中断しました。あとで続きを報告できます。`, rec.procedure);
    } else {
      this.state.active = null;
      this.notice('interrupted', `「${proc.info.title}」を中断しました。`, rec.procedure);
      if (!sealed && proc.info.unsent) this.message(proc.info.unsent, 'urgent');
    }
    session.stop();
  }

  /** Started by button, command or card: no confirmation. The same procedure in progress continues. */
  private explicitStart(procedure: ProcedureId): boolean {
    const rec = this.state.active;
    if (rec && rec.procedure === procedure) {
      const session = this.open(rec);
      if (session) {
        const inRequest = session.context.sealed === null;
        session.stop();
        if (inRequest) {
          this.notice('help', `「${PROCEDURES[procedure].info.title}」の途中です。続きから進めます。最初からやり直すときは「キャンセル」してから始めてください。`, procedure);
          this.showCurrent();
          return true;
        }
      }
    }
    this.interrupt();
    return this.start(procedure);
  }

  private resume(run: string): boolean {
    const p = this.state.parked.find((x) => x.run === run);
    if (!p) {
      this.notice('stale', 'この手続きはすでに終了しています。');
      this.showCurrent();
      return true;
    }
    if (this.state.active) this.interrupt();
    this.state.parked = this.state.parked.filter((x) => x.run !== run);
    const rec: RunRecord = { procedure: p.procedure, run: p.run, snapshot: p.snapshot, updatedAt: this.nowIso, misses: 0, ...(p.requestId ? { requestId: p.requestId } : {}) };
    const session = this.open(rec);
    if (!session) return true;
    this.message(`「${p.title}」について報告します。`);
    const { emitted } = session.send({ type: 'RESUME' });
    this.commit(rec, session, emitted);
    session.stop();
    return true;
  }

  private pickRun(procedure: ProcedureId): boolean {
    const runs = this.state.parked.filter((p) => p.procedure === procedure);
    if (runs.length === 0) return false;
    if (runs.length === 1 && runs[0]) return this.resume(runs[0].run);
    this.out.push({
      type: 'pickRun',
      procedure,
      text: 'どの手続きについての報告ですか？',
      choices: runs.map((r, i) => {
        const label = `${r.title}（${formatJa(todayIn(new Date(r.parkedAt), this.env.timeZone))}送信）`;
        const twin = runs.some((o, j) => j !== i && o.title === r.title);
        return { label: twin ? `${label} #${i + 1}` : label, data: { dialog: 'resume' as const, run: r.run } };
      }),
    });
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // Typed text

  private async text(raw: string): Promise<boolean> {
    const pending = this.state.pending;
    if (pending) {
      const yn = yesNo(raw);
      if (yn === 'yes') {
        this.state.pending = null;
        this.interrupt();
        return this.start(pending.procedure, true);
      }
      if (yn === 'no') {
        this.state.pending = null;
        await this.declined(pending.text);
        return true;
      }
      this.state.pending = null;
    }
    const cmd = commandOf(raw);
    const startId = startCommand(raw);
    if (this.state.active) {
      if (cmd) return this.command(cmd);
      if (startId) return this.explicitStart(startId);
      return this.answerText(raw);
    }
    if (startId) return this.start(startId);
    if (cmd === 'retry') {
      if (this.state.outbox.length === 0) this.notice('help', '送信を待っているものはありません。');
      return true;
    }
    if (cmd === 'help') return false;
    if (cmd) {
      this.notice('help', '進めている手続きはありません。');
      return true;
    }
    const follow = followUpOf(raw);
    if (follow && this.pickRun(follow)) return true;
    const intent = recognize(raw);
    if (intent) {
      this.state.pending = { procedure: intent.procedure, text: raw.slice(0, 5000), at: this.nowIso };
      this.confirmStart(intent.procedure, true);
      return true;
    }
    return false;
  }

  /** いいえ to a start confirmation: the text that suggested the procedure is answered as a policy question. */
  private async declined(text: string): Promise<void> {
    this.notice('declined', 'わかりました。手続きは始めません。');
    if (text.trim() !== '') await this.ask(text);
    this.showCurrent();
  }

  private async ask(question: string): Promise<void> {
    try {
      const answer = await this.env.ask(question);
      this.out.push({ type: 'answer', answer });
    } catch {
      this.notice('askFailed', 'いまはその質問に答えられませんでした。手続きはそのまま続けられます。');
    }
  }

  private async answerText(raw: string): Promise<boolean> {
    const rec = this.state.active;
    if (!rec) return false;
    const proc = PROCEDURES[rec.procedure];
    const session = this.open(rec);
    if (!session) return true;
    try {
      const view = session.view();
      if (view.kind === 'blocked') {
        if (looksLikeQuestion(raw)) await this.ask(raw);
        else this.notice('help', '「戻る」で答えを変えるか、「キャンセル」で終了してください。', rec.procedure);
        this.present(proc, rec, view, session.context);
        return true;
      }
      if (view.kind !== 'step') {
        this.present(proc, rec, view, session.context);
        return true;
      }
      const spec = view.spec;
      if (looksLikeQuestion(raw) && !isExactAnswer(spec, raw)) {
        await this.ask(raw);
        this.present(proc, rec, view, session.context);
        return true;
      }
      // An urgent incident typed where free text is asked (「PCがウイルスに感染したかも」 as the 持ち出し先) is not
      // taken as the answer: its first words come now, with one question whether to switch.
      const urgent = spec.input.kind === 'text' ? recognize(raw) : null;
      if (urgent && urgent.procedure !== rec.procedure && urgent.score >= 1 && PROCEDURES[urgent.procedure].info.intro.some((m) => m.style === 'urgent')) {
        this.state.pending = { procedure: urgent.procedure, text: raw.slice(0, 5000), at: this.nowIso };
        this.confirmStart(urgent.procedure, true);
        return true;
      }
      const parsed = parseTyped(spec, raw, this.today);
      const valid = parsed.ok ? validate(spec, parsed.value, this.checkEnv(session.context)) : parsed;
      if (valid.ok) {
        this.advance(rec, session, view.id, valid.value);
        return true;
      }
      const other = recognize(raw);
      if (other && other.procedure !== rec.procedure && other.score >= 1) {
        this.state.pending = { procedure: other.procedure, text: raw.slice(0, 5000), at: this.nowIso };
        this.confirmStart(other.procedure, true);
        return true;
      }
      this.reject(proc, rec, session, view, valid.error);
      return true;
    } finally {
      session.stop();
    }
  }

  private checkEnv(ctx: ProcContext) {
    return { given: givenAnswers(ctx), sealed: ctx.sealed, today: this.today };
  }

  private reject(proc: Procedure, rec: RunRecord, session: Session, view: View, error: string): void {
    rec.misses += 1;
    rec.updatedAt = this.nowIso;
    this.state.active = rec;
    const tail = rec.misses >= 3 ? '（やめるときは「キャンセル」）' : '';
    this.present(proc, rec, view, session.context, `${error}${tail}`);
  }

  private advance(rec: RunRecord, session: Session, step: string, value: unknown): void {
    const { emitted } = session.send({ type: 'ANSWER', step, value });
    rec.misses = 0;
    this.commit(rec, session, emitted);
  }

  // -------------------------------------------------------------------------------------------
  // Commands

  private async command(cmd: CommandName): Promise<boolean> {
    const rec = this.state.active;
    if (!rec) return false;
    const proc = PROCEDURES[rec.procedure];
    const session = this.open(rec);
    if (!session) return true;
    try {
      const view = session.view();
      switch (cmd) {
        case 'cancel': {
          const { emitted } = session.send({ type: 'CANCEL' });
          const after = session.view();
          if (after.kind === 'parked') {
            this.notice('cancelled', '入力を中断しました。あとで続きを報告できます。', rec.procedure);
            rec.snapshot = session.persisted();
            this.park(rec, session, true);
          } else {
            this.commit(rec, session, emitted);
          }
          return true;
        }
        case 'back': {
          const { changed } = session.send({ type: 'BACK' });
          if (!changed) this.notice('cannotGoBack', 'これより前には戻れません。', rec.procedure);
          rec.misses = 0;
          this.commit(rec, session, []);
          return true;
        }
        case 'why':
        case 'info':
          this.out.push(why(proc, view, this.env.quote, cmd));
          this.present(proc, rec, view, session.context);
          return true;
        case 'help':
          this.notice('help', HELP_TEXT, rec.procedure);
          this.present(proc, rec, view, session.context);
          return true;
        case 'form': {
          const form = proc.info.form;
          if (form && session.context.sealed === null) {
            this.out.push(formFor(rec.procedure, rec.run, session.context.answers));
          } else {
            this.notice('help', 'この手続きはフォームでは入力できません。', rec.procedure);
            this.present(proc, rec, view, session.context);
          }
          return true;
        }
        case 'retry':
          this.present(proc, rec, view, session.context);
          return true;
      }
    } finally {
      session.stop();
    }
  }

  // -------------------------------------------------------------------------------------------
  // Card submissions

  private async card(data: CardData, raw: Record<string, unknown>): Promise<boolean> {
    switch (data.dialog) {
      case 'start':
        return this.explicitStart(data.procedure);
      case 'confirmStart': {
        const pending = this.state.pending;
        this.state.pending = null;
        if (data.accept) {
          this.interrupt();
          return this.start(data.procedure, pending?.procedure === data.procedure);
        }
        await this.declined(pending && pending.procedure === data.procedure ? pending.text : '');
        return true;
      }
      case 'resume':
        return this.resume(data.run);
      case 'answer':
      case 'form':
      case 'command': {
        const rec = this.state.active;
        if (!rec || rec.run !== data.run) {
          this.notice('stale', rec ? '前の質問のボタンです。いまの質問にお答えください。' : 'この手続きはすでに終了しています。');
          this.showCurrent();
          return true;
        }
        if (data.dialog === 'command') return this.command(data.command);
        if (data.dialog === 'form') return this.formSubmit(rec, raw);
        return this.answerCard(rec, data.step, raw);
      }
    }
  }

  private answerCard(rec: RunRecord, step: string, raw: Record<string, unknown>): boolean {
    const proc = PROCEDURES[rec.procedure];
    const session = this.open(rec);
    if (!session) return true;
    try {
      const view = session.view();
      if (view.kind !== 'step' || view.id !== step) {
        this.notice('stale', '前の質問のボタンです。いまの質問にお答えください。', rec.procedure);
        this.present(proc, rec, view, session.context);
        return true;
      }
      const parsed = parseCardValue(view.spec, { value: raw.value, from: raw.from, until: raw.until }, this.today);
      const valid = parsed.ok ? validate(view.spec, parsed.value, this.checkEnv(session.context)) : parsed;
      if (valid.ok) this.advance(rec, session, view.id, valid.value);
      else this.reject(proc, rec, session, view, valid.error);
      return true;
    } finally {
      session.stop();
    }
  }

  private formSubmit(rec: RunRecord, raw: Record<string, unknown>): boolean {
    const proc = PROCEDURES[rec.procedure];
    const current = this.open(rec);
    if (!current) return true;
    const inRequest = current.context.sealed === null;
    current.stop();
    if (!proc.info.form || !inRequest) {
      this.notice('stale', 'このフォームはもう使えません。');
      this.showCurrent();
      return true;
    }
    const { session, errors } = replayForm(proc, { run: rec.run, requester: this.env.requester }, raw, this.today);
    try {
      if (Object.keys(errors).length > 0) {
        rec.updatedAt = this.nowIso;
        this.out.push(formFor(rec.procedure, rec.run, prefillFromRaw(proc, raw), errors));
        return true;
      }
      rec.misses = 0;
      this.commit(rec, session, []);
      return true;
    } finally {
      session.stop();
    }
  }
}

/** One turn. Never throws on what the person typed or clicked; storage is the caller's. */
export async function turn(stored: DialogState, input: DialogInput, env: TurnEnv): Promise<TurnResult> {
  const t = new Turn(stored, env);
  const handled = await t.run(input);
  return { state: t.state, outputs: t.out, effects: t.effects, handled };
}

/** The current prompt of a stored state, unchanged (after a write conflict, or for a bot that re-renders). */
export function currentPrompt(stored: DialogState, env: TurnEnv): Output[] {
  const t = new Turn(stored, env);
  t.showCurrent();
  return t.out;
}
