// 感染の疑い — a computer virus or other malicious program, suspected.
//
// 第3章 8(4)ウ(キ)  コンピュータウイルス等の不正プログラムに感染した場合又は感染が疑われる場合は、
//                   a パソコン等の端末の場合 LANケーブルの即時取り外しを行わなければならない。
//                   b モバイル端末の場合 直ちに利用を中止し、通信を行わない設定への変更を行わなければならない。
// 第3章 7(3)ア(ア)  職員等は、情報セキュリティインシデントを認知した場合、速やかにデータ取扱責任者及び
//                   情報セキュリティに関する統一的な窓口で報告しなければならない。
// 第3章 7(3)ウ(ア)  CSIRTは、報告された情報セキュリティインシデントの可能性について状況を確認し、…評価を行わなければならない。
//
// The very first words, before anything is asked, say what to do now (bold). Then: which device, whether it is
// cut off, what happened, when; an urgent report goes to the データ取扱責任者 and the 統一的な窓口, and the CSIRT
// later marks it evaluated in the approvals workflow.

import { emit } from 'xstate';
import { z } from 'zod';
import {
  backTransitions,
  given,
  givenAnswers,
  initialContext,
  procedureSetup,
  summaryRows,
  type Option,
  type ProcContext,
  type ProcedureInfo,
  type StepSpec,
} from '../procedure';
import type { RequestDraft } from '../types';

/** The first words of the procedure, exactly as the issue gives them; shown bold before anything else. */
export const INFECTION_FIRST_WORDS = ['パソコンなら今すぐLANケーブルを抜く', 'スマホ・タブレットなら直ちに使用をやめ通信をオフにする'] as const;

const REPORT_TO = ['データ取扱責任者', '統一的な窓口'];

const DEVICES: readonly Option[] = [
  { value: 'pc', label: 'パソコン', synonyms: ['PC', 'ノートPC', 'ノートパソコン', 'デスクトップ', '端末', '支給パソコン'] },
  { value: 'mobile', label: 'スマホ・タブレット', synonyms: ['スマホ', 'スマートフォン', 'タブレット', 'iPad', 'iPhone', '携帯', '携帯電話', 'モバイル端末', 'モバイル'] },
  { value: 'other', label: 'その他の機器', synonyms: ['その他', 'プリンタ', 'プリンター', 'サーバ', 'サーバー', '複合機'] },
];

const device: StepSpec = {
  title: '機器',
  question: 'どの機器ですか？',
  input: { kind: 'choice', options: DEVICES },
  schema: z.enum(['pc', 'mobile', 'other']),
  clauses: ['第3章 8(4)ウ(キ)'],
};

const DONE_OR_NOT = (done: Option): readonly Option[] => [
  done,
  { value: 'notYet', label: 'まだ・できない', synonyms: ['いいえ', 'まだ', 'できない', 'できません', '抜けない', 'わからない', 'やり方がわからない'] },
];

const unplugged: StepSpec = {
  title: 'LANケーブル',
  question: 'LANケーブルは抜きましたか？無線LAN（Wi-Fi）の場合は、Wi-Fiをオフにしてください。',
  hint: 'できない場合も、このまま報告を続けます。',
  input: { kind: 'choice', options: DONE_OR_NOT({ value: 'done', label: '抜いた・切断した', synonyms: ['はい', '抜いた', '抜きました', '切断した', '切断しました', 'オフにした', 'オフにしました', '切った', 'できた', 'できました'] }) },
  schema: z.enum(['done', 'notYet']),
  clauses: ['第3章 8(4)ウ(キ)a'],
};

const offline: StepSpec = {
  title: '使用中止・通信オフ',
  question: '使用をやめて、通信をオフ（機内モードなど）にしましたか？',
  hint: 'できない場合も、このまま報告を続けます。',
  input: { kind: 'choice', options: DONE_OR_NOT({ value: 'done', label: 'オフにした', synonyms: ['はい', 'オフにしました', '機内モードにした', '機内モード', 'やめた', 'できた', 'できました'] }) },
  schema: z.enum(['done', 'notYet']),
  clauses: ['第3章 8(4)ウ(キ)b'],
};

const WHAT: readonly Option[] = [
  { value: 'attachment', label: 'メールの添付ファイルを開いた', synonyms: ['添付', '添付ファイル', '添付を開いた', 'メール', '添付ファイルを開いた'] },
  { value: 'link', label: 'リンクを開いた', synonyms: ['リンク', 'URL', 'サイト', 'クリック', 'リンクをクリック'] },
  { value: 'usb', label: 'USBメモリ等をつないだ', synonyms: ['USB', 'USBメモリ', '媒体', '外付け'] },
  { value: 'popup', label: '警告画面が出た', synonyms: ['ポップアップ', '警告', '警告画面', '偽の警告', '画面'] },
  { value: 'other', label: 'その他・わからない', synonyms: ['その他', 'わからない', '不明', '動きがおかしい', '重い'] },
];

const what: StepSpec = {
  title: '何があったか',
  question: '何がありましたか？（複数選べます）',
  input: { kind: 'multi', options: WHAT },
  schema: z.array(z.enum(['attachment', 'link', 'usb', 'popup', 'other'])).min(1).max(5),
  clauses: ['第3章 7(3)ア(ア)'],
};

const detail: StepSpec = {
  title: '気づいたこと',
  question: '気づいたことを教えてください（メールの件名、画面の表示、動きの変化など）。なければ「なし」。',
  input: { kind: 'text', maxLength: 300, multiline: true },
  schema: z.string().trim().min(1).max(300),
  clauses: ['第3章 7(3)ア(ア)'],
};

const when: StepSpec = {
  title: 'いつ頃',
  question: 'それはいつ頃ですか？',
  hint: '例: 今日の10時ごろ（わからなければ「わからない」）',
  input: { kind: 'text', maxLength: 100 },
  schema: z.string().trim().min(1).max(100),
  clauses: ['第3章 7(3)ア(ア)'],
};

const REPORT_STEPS = { device, unplugged, offline, what, detail, when };

function reportClauses(ctx: ProcContext): string[] {
  const d = given(ctx, 'device');
  const containment = d === 'pc' ? '第3章 8(4)ウ(キ)a' : d === 'mobile' ? '第3章 8(4)ウ(キ)b' : '第3章 8(4)ウ(キ)';
  return [containment, '第3章 7(3)ア(ア)'];
}

function infectionDraft(ctx: ProcContext): RequestDraft {
  const d = given<string>(ctx, 'device');
  const label = DEVICES.find((o) => o.value === d)?.label ?? '';
  return {
    kind: 'infection',
    urgent: true,
    requester: ctx.requester,
    roles: [...REPORT_TO],
    clauses: reportClauses(ctx),
    title: `感染の疑いの報告（${label}）`,
    details: {
      ...givenAnswers(ctx),
      /** The run id: the idempotency key of this request (the same as the submit effect's ref). */
      dialogRef: ctx.run,
      summary: summaryRows(ctx, REPORT_STEPS),
      /** The CSIRT checks the report and evaluates whether it is an incident (7(3)ウ(ア)), in the approvals workflow. */
      expects: [{ kind: 'infection.evaluated', by: ['CSIRT'], clauses: ['第3章 7(3)ウ(ア)'] }],
    },
  };
}

const confirm: StepSpec = {
  title: '確認',
  question: 'この内容で報告します。よろしいですか？',
  input: { kind: 'confirm', label: '報告する' },
  schema: z.literal('submit'),
  clauses: ['第3章 7(3)ア(ア)'],
  summary: (ctx) => ({
    title: '感染の疑いの報告',
    text: 'この内容で、データ取扱責任者と情報セキュリティに関する統一的な窓口に報告します。',
    rows: summaryRows(ctx, REPORT_STEPS),
    roles: [...REPORT_TO],
    clauses: reportClauses(ctx),
  }),
};

export const infectionMachine = procedureSetup
  .extend({
    actions: {
      submit: emit(({ context }) => ({ type: 'submit' as const, draft: infectionDraft(context) })),
    },
  })
  .createMachine({
    id: 'infection',
    context: initialContext,
    initial: 'report',
    states: {
      report: {
        initial: 'device',
        on: {
          CANCEL: '#infection.cancelled',
          BACK: backTransitions(['device', 'unplugged', 'offline', 'what', 'detail', 'when']),
        },
        states: {
          device: {
            meta: { step: device },
            on: {
              ANSWER: [
                { guard: { type: 'answerIs', params: { value: 'pc' } }, target: 'unplugged', actions: 'record' },
                { guard: { type: 'answerIs', params: { value: 'mobile' } }, target: 'offline', actions: 'record' },
                { target: 'what', actions: 'record' },
              ],
            },
          },
          unplugged: { meta: { step: unplugged }, on: { ANSWER: { target: 'what', actions: 'record' } } },
          offline: { meta: { step: offline }, on: { ANSWER: { target: 'what', actions: 'record' } } },
          what: { meta: { step: what }, on: { ANSWER: { target: 'detail', actions: 'record' } } },
          detail: { meta: { step: detail }, on: { ANSWER: { target: 'when', actions: 'record' } } },
          when: { meta: { step: when }, on: { ANSWER: { target: 'confirm', actions: 'record' } } },
          confirm: { meta: { step: confirm }, on: { ANSWER: { target: '#infection.reported', actions: ['submit', 'seal'] } } },
        },
      },
      reported: {
        type: 'final',
        meta: {
          done: {
            text: 'CSIRTが状況を確認し、必要な指示をします（第3章 7(3)ウ）。指示があるまで、その機器は使わないでください。',
          },
        },
      },
      cancelled: { type: 'final', meta: { done: { text: '感染の疑いの報告を中止しました。' } } },
    },
  });

export const infection: ProcedureInfo = {
  id: 'infection',
  title: '感染の疑い',
  intro: [
    { text: INFECTION_FIRST_WORDS.join('\n'), style: 'urgent' },
    {
      text: '感染が疑われるときの最初の対応です（第3章 8(4)ウ(キ)）。続けて、データ取扱責任者と情報セキュリティに関する統一的な窓口への報告を一緒に行います（第3章 7(3)ア(ア)）。',
      style: 'plain',
    },
  ],
  unsent: '報告はまだ送信されていません。感染が疑われるときは、速やかにデータ取扱責任者と情報セキュリティに関する統一的な窓口に報告してください（第3章 7(3)ア(ア)）。',
  describe: () => '感染の疑いの報告',
};
