// ICカード紛失 — a lost IC card (or other authentication card).
//
// 第3章 7(4)ア(ア)c  ICカード等を紛失した場合には、速やかに統括情報セキュリティ責任者及び端末装置管理責任者に通報し、
//                    指示に従わなければならない。
// 第3章 7(4)ア(イ)   統括情報セキュリティ責任者及びデータ取扱責任者は、ICカード等の紛失等の通報があり次第、
//                    当該ICカード等を使用したアクセス等を速やかに停止しなければならない。
// 第3章 7(4)ア(ウ)   …ICカード等を切り替える場合、切替え前のカードを回収し、破砕するなど復元不可能な処理を行った上で廃棄…
//
// The first words come before any question: report it now, the bot does it with you.
// Phases: report (3 questions → summary → urgent report + stop-access task) → awaitingOutcome (parked)
//         → outcome (found / replacement issued, old card handed over or still missing) → closed.

import { emit } from 'xstate';
import { z } from 'zod';
import {
  backTransitions,
  given,
  givenAnswers,
  initialContext,
  procedureSetup,
  summaryRows,
  UNKNOWN,
  type ProcContext,
  type ProcedureInfo,
  type StepSpec,
} from '../procedure';
import type { RequestDraft, TaskDraft } from '../types';

const REPORT_TO = ['統括情報セキュリティ責任者', '端末装置管理責任者'];
const STOPPED_BY = ['統括情報セキュリティ責任者', 'データ取扱責任者'];
const DESTROYED_BY = ['統括情報セキュリティ責任者', '端末装置管理責任者'];

// ---------------------------------------------------------------------------------------------
// Steps of the report

const lastSeenWhen: StepSpec = {
  title: '最後に確認した日時',
  question: '最後にカードを確認したのはいつですか？',
  hint: '例: 昨日の夕方、今朝の出勤時（わからなければ「わからない」）',
  input: { kind: 'text', maxLength: 100 },
  schema: z.string().trim().min(1).max(100),
  clauses: ['第3章 7(4)ア(ア)c'],
};

const lastSeenWhere: StepSpec = {
  title: '最後に確認した場所',
  question: 'どこで最後に確認しましたか？なくしたと思う場所があれば教えてください。',
  hint: '例: 事務室の自席、帰りのバスの中（わからなければ「わからない」）',
  input: { kind: 'text', maxLength: 100 },
  schema: z.string().trim().min(1).max(100),
  clauses: ['第3章 7(4)ア(ア)c'],
};

const stolen: StepSpec = {
  title: '盗まれた可能性',
  question: '盗まれた可能性はありますか？',
  input: {
    kind: 'choice',
    options: [
      { value: 'yes', label: 'あるかもしれない', synonyms: ['はい', 'ある', 'あります', '盗まれた', '盗まれたかも', '盗難', 'すられた'] },
      { value: 'no', label: 'ないと思う', synonyms: ['いいえ', 'ない', 'ありません', 'ないです', '落とした', '置き忘れ'] },
      UNKNOWN,
    ],
  },
  schema: z.enum(['yes', 'no', 'unknown']),
  clauses: ['第3章 7(4)ア(ア)c'],
};

const REPORT_STEPS = { lastSeenWhen, lastSeenWhere, stolen };

function lostCardDraft(ctx: ProcContext): RequestDraft {
  return {
    kind: 'lost-card',
    urgent: true,
    requester: ctx.requester,
    roles: [...REPORT_TO],
    clauses: ['第3章 7(4)ア(ア)c', '第3章 7(4)ア(イ)'],
    title: 'ICカード紛失の報告',
    details: {
      ...givenAnswers(ctx),
      /** The run id: the idempotency key of this request (the same as the submit effect's ref). */
      dialogRef: ctx.run,
      summary: summaryRows(ctx, REPORT_STEPS),
      expects: [
        { kind: 'stop-card-access', by: STOPPED_BY, clauses: ['第3章 7(4)ア(イ)'] },
        { kind: 'lost-card.found', by: 'requester', clauses: ['第3章 7(4)ア(ア)c'] },
        { kind: 'lost-card.replaced', by: 'requester', clauses: ['第3章 7(4)ア(ウ)'] },
      ],
    },
  };
}

/** 7(4)ア(イ): stop access by this card at once (a webhook to the card system, or a one-click task). */
function stopAccessTask(ctx: ProcContext): TaskDraft {
  return {
    kind: 'stop-card-access',
    roles: [...STOPPED_BY],
    clauses: ['第3章 7(4)ア(イ)'],
    urgent: true,
    title: '紛失したICカードによるアクセスの停止',
    doneLabel: '停止しました',
    details: { cardHolder: ctx.requester.userId, ...givenAnswers(ctx) },
  };
}

const confirm: StepSpec = {
  title: '確認',
  question: 'この内容で通報します。よろしいですか？',
  input: { kind: 'confirm', label: '通報する' },
  schema: z.literal('submit'),
  clauses: ['第3章 7(4)ア(ア)c', '第3章 7(4)ア(イ)'],
  summary: (ctx) => ({
    title: 'ICカード紛失の通報',
    text: 'この内容で通報します。あわせて、このカードによるアクセスの停止を依頼します。',
    rows: summaryRows(ctx, REPORT_STEPS),
    roles: [...REPORT_TO],
    clauses: ['第3章 7(4)ア(ア)c', '第3章 7(4)ア(イ)'],
  }),
};

// ---------------------------------------------------------------------------------------------
// Steps of the outcome (後日の報告)

const outcome: StepSpec = {
  title: 'その後',
  question: 'カードはどうなりましたか？',
  input: {
    kind: 'choice',
    options: [
      { value: 'found', label: '見つかった', synonyms: ['見つかりました', '見つけた', '出てきた', 'あった', 'ありました'] },
      { value: 'replaced', label: '新しいカードを受け取った', synonyms: ['新しいカード', '再発行', '再発行された', '切り替えた', '受け取った', '新しいのをもらった'] },
    ],
  },
  schema: z.enum(['found', 'replaced']),
  clauses: ['第3章 7(4)ア(ア)c', '第3章 7(4)ア(ウ)'],
};

const oldCard: StepSpec = {
  title: '古いカード',
  question: '古いカード（なくしたカード）は見つかりましたか？',
  hint: '見つかった古いカードは使わずに、端末装置管理責任者に渡してください。',
  input: {
    kind: 'choice',
    options: [
      { value: 'handedOver', label: '見つかったので渡した', synonyms: ['渡した', '渡しました', '見つかった', '返した', '提出した'] },
      { value: 'missing', label: '見つかっていない', synonyms: ['いいえ', 'まだ', 'ない', '見つからない', '見つかりません', 'なくしたまま'] },
    ],
  },
  schema: z.enum(['handedOver', 'missing']),
  clauses: ['第3章 7(4)ア(ウ)'],
};

const OUTCOME_STEPS = { outcome, oldCard };

const confirmOutcome: StepSpec = {
  title: '確認',
  question: 'この内容で報告します。よろしいですか？',
  input: { kind: 'confirm', label: '報告する' },
  schema: z.literal('submit'),
  clauses: ['第3章 7(4)ア(ア)c', '第3章 7(4)ア(ウ)'],
  summary: (ctx) => ({
    title: 'ICカードのその後の報告',
    text: 'この内容で報告します。よろしいですか？',
    rows: summaryRows(ctx, OUTCOME_STEPS),
    roles: [...REPORT_TO],
    clauses: given(ctx, 'outcome') === 'found' ? ['第3章 7(4)ア(ア)c'] : ['第3章 7(4)ア(ウ)'],
  }),
};

// ---------------------------------------------------------------------------------------------
// The machine

export const lostCardMachine = procedureSetup
  .extend({
    guards: {
      found: ({ context }) => given(context, 'outcome') === 'found',
      oldCardHandedOver: ({ context }) => given(context, 'oldCard') === 'handedOver',
    },
    actions: {
      submit: emit(({ context }) => ({ type: 'submit' as const, draft: lostCardDraft(context) })),
      requestStop: emit(({ context }) => ({ type: 'task' as const, name: 'stop-access', task: stopAccessTask(context) })),
      reportFound: emit(() => ({
        type: 'followUp' as const,
        name: 'found',
        event: { kind: 'lost-card.found' as const, clauses: ['第3章 7(4)ア(ア)c'], details: {} },
      })),
      reportReplaced: emit(({ context }) => ({
        type: 'followUp' as const,
        name: 'replaced',
        event: {
          kind: 'lost-card.replaced' as const,
          clauses: ['第3章 7(4)ア(ウ)'],
          oldCard: given(context, 'oldCard') === 'handedOver' ? ('handedOver' as const) : ('missing' as const),
          details: {},
        },
      })),
      requestDestruction: emit(({ context }) => ({
        type: 'task' as const,
        name: 'destroy-old-card',
        task: {
          kind: 'destroy-old-card' as const,
          roles: [...DESTROYED_BY],
          clauses: ['第3章 7(4)ア(ウ)'],
          urgent: false,
          title: '切替え前のICカードの回収・廃棄',
          doneLabel: '廃棄しました',
          details: { cardHolder: context.requester.userId },
        },
      })),
    },
  })
  .createMachine({
    id: 'lost-card',
    context: initialContext,
    initial: 'report',
    states: {
      report: {
        initial: 'lastSeenWhen',
        on: {
          CANCEL: '#lost-card.cancelled',
          BACK: backTransitions(['lastSeenWhen', 'lastSeenWhere', 'stolen']),
        },
        states: {
          lastSeenWhen: { meta: { step: lastSeenWhen }, on: { ANSWER: { target: 'lastSeenWhere', actions: 'record' } } },
          lastSeenWhere: { meta: { step: lastSeenWhere }, on: { ANSWER: { target: 'stolen', actions: 'record' } } },
          stolen: { meta: { step: stolen }, on: { ANSWER: { target: 'confirm', actions: 'record' } } },
          confirm: {
            meta: { step: confirm },
            on: { ANSWER: { target: '#lost-card.awaitingOutcome', actions: ['submit', 'requestStop', 'seal'] } },
          },
        },
      },
      awaitingOutcome: {
        meta: {
          parked: {
            text: 'カードが見つかったとき、または新しいカードを受け取ったときは、このチャットで「カードが見つかった」「新しいカードを受け取った」と送るか、下のボタンを押してください（第3章 7(4)ア(ウ)）。',
            resumeLabel: 'カードのその後を報告する',
          },
        },
        on: { RESUME: 'outcome' },
      },
      outcome: {
        initial: 'outcome',
        on: {
          CANCEL: { target: '#lost-card.awaitingOutcome', actions: 'clearTrail' },
          BACK: backTransitions(['outcome', 'oldCard']),
        },
        states: {
          outcome: {
            meta: { step: outcome },
            on: {
              ANSWER: [
                { guard: { type: 'answerIs', params: { value: 'found' } }, target: 'confirmOutcome', actions: 'record' },
                { target: 'oldCard', actions: 'record' },
              ],
            },
          },
          oldCard: { meta: { step: oldCard }, on: { ANSWER: { target: 'confirmOutcome', actions: 'record' } } },
          confirmOutcome: {
            meta: { step: confirmOutcome },
            on: {
              ANSWER: [
                { guard: 'found', target: '#lost-card.closedFound', actions: ['record', 'reportFound'] },
                { guard: 'oldCardHandedOver', target: '#lost-card.closedReplaced', actions: ['record', 'reportReplaced', 'requestDestruction'] },
                { target: '#lost-card.closedReplaced', actions: ['record', 'reportReplaced'] },
              ],
            },
          },
        },
      },
      closedFound: {
        type: 'final',
        meta: { done: { text: '停止したアクセスやカードの扱いは、統括情報セキュリティ責任者の指示に従ってください（第3章 7(4)ア(ア)c）。' } },
      },
      closedReplaced: {
        type: 'final',
        meta: { done: { text: '古いカードが後で見つかったら、使わずに端末装置管理責任者に渡してください。回収して復元できないように廃棄します（第3章 7(4)ア(ウ)）。' } },
      },
      cancelled: { type: 'final', meta: { done: { text: 'ICカード紛失の通報を中止しました。' } } },
    },
  });

export const lostCard: ProcedureInfo = {
  id: 'lost-card',
  title: 'ICカード紛失',
  intro: [
    { text: 'ICカードをなくしたときは、すぐに統括情報セキュリティ責任者と端末装置管理責任者への通報が必要です。今から一緒に通報します。', style: 'urgent' },
    { text: '3つだけ質問します。わからないことは「わからない」で大丈夫です（第3章 7(4)ア(ア)c）。', style: 'plain' },
  ],
  unsent: '通報はまだ送信されていません。ICカードをなくしたときは、速やかに統括情報セキュリティ責任者と端末装置管理責任者に通報してください（第3章 7(4)ア(ア)c）。',
  describe: () => 'ICカード紛失の報告',
};
