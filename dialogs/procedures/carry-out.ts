// 持ち出し申請 — carrying a device, medium, document or software out of the office.
//
// 第3章 7(1)ア(ウ)b  職員等は、…モバイル端末、電磁的記録媒体、情報資産及びソフトウェアを外部に持ち出す場合には、
//                    データ取扱責任者の許可を得なければならない。
// 第3章 7(1)ア(ウ)d  …私物パソコンを用いる場合には、統括情報セキュリティ責任者の許可を得た上で…
//                    また、機密性3の情報資産については、私物パソコンによる情報処理を行ってはならない。
// 第3章 7(1)ア(エ)   支給以外のパソコン、モバイル端末及び電磁的記録媒体等の業務利用（データ取扱責任者の許可）
// 第3章 7(1)ア(オ)   データ取扱責任者は、端末等の持ち出し及び持ち込みについて、記録を作成し、保管しなければならない。
// 第3章 4(2)ク       機密性2以上の情報資産の運搬: 鍵付きケース・暗号化・パスワード（ア）、データ取扱責任者の許可（イ）
// 第3章 5(1)②(イ)   マイナンバー利用事務系: USBメモリ等の電磁的記録媒体による端末からの情報持ち出し不可
//
// Phases: request (questions → summary → submit) → awaitingReturn (parked) → return report → closed.

import { emit } from 'xstate';
import { z } from 'zod';
import { daysBetween, formatJa } from '../dates';
import {
  backTransitions,
  given,
  givenAnswers,
  initialContext,
  NO,
  optionLabels,
  procedureSetup,
  summaryRows,
  YES,
  type Option,
  type ProcContext,
  type ProcedureInfo,
  type StepSpec,
} from '../procedure';
import type { RequestDraft } from '../types';

const text = (max: number) => z.string().trim().min(1).max(max);
const period = z
  .object({ from: z.iso.date(), until: z.iso.date() })
  .refine((p) => p.from <= p.until, { message: '終わりの日は始まりの日以降にしてください。' });

// ---------------------------------------------------------------------------------------------
// Steps of the request

const ITEMS: readonly Option[] = [
  { value: 'pc', label: '支給パソコン', synonyms: ['パソコン', 'PC', 'ノートPC', 'ノートパソコン', '支給PC', 'ノート', '端末'] },
  { value: 'mobile', label: 'モバイル端末', synonyms: ['スマホ', 'スマートフォン', 'タブレット', 'iPad', '携帯', '携帯電話', 'モバイル'] },
  { value: 'media', label: 'USBメモリ等の電磁的記録媒体', synonyms: ['USB', 'USBメモリ', 'USBメモリー', '外付けHDD', '外付けハードディスク', 'SDカード', 'CD', 'DVD', '記録媒体', '媒体', '電磁的記録媒体'] },
  { value: 'paper', label: '紙の文書', synonyms: ['紙', '書類', '資料', '文書', '印刷物', 'プリント', 'ファイル'] },
  { value: 'software', label: 'ソフトウェア', synonyms: ['ソフト', 'アプリ', 'プログラム', 'ライセンス'] },
];

const items: StepSpec = {
  title: '持ち出すもの',
  question: '何を持ち出しますか？（複数選べます）',
  hint: '例:「支給パソコンとUSBメモリ」',
  input: { kind: 'multi', options: ITEMS },
  schema: z.array(z.enum(['pc', 'mobile', 'media', 'paper', 'software'])).min(1).max(5),
  clauses: ['第3章 7(1)ア(ウ)b'],
};

const information: StepSpec = {
  title: '情報の内容',
  question: 'どんな情報を持ち出しますか？',
  hint: '例: 被保険者の資格一覧、会議資料（200字まで）',
  input: { kind: 'text', maxLength: 200, multiline: true },
  schema: text(200),
  clauses: ['第3章 7(1)ア(ウ)b', '第3章 4(2)ク(イ)'],
};

const CLASSES: readonly Option[] = [
  { value: '3', label: '機密性3', synonyms: ['3', '機密3', '機密性３', 'レベル3'], description: '秘密文書に相当する機密性を要する情報' },
  { value: '2', label: '機密性2', synonyms: ['2', '機密2', 'レベル2'], description: '秘密文書ほどではないが、直ちに一般に公表することを前提としていない情報' },
  { value: '1', label: '機密性1', synonyms: ['1', '機密1', 'レベル1', '公開情報', '公開'], description: '機密性2・3以外の情報' },
  { value: 'unknown', label: 'わからない', synonyms: ['わかりません', '分からない', '分かりません', '不明'], description: 'データ取扱責任者に判断を仰ぎます（第3章 4(2)エ(ウ)）' },
];

const classification: StepSpec = {
  title: '機密性の分類',
  question: 'その情報の機密性の分類はどれですか？',
  hint: '分類はファイル名や文書の隅に表示されています。定義は「分類の定義」で確認できます。',
  input: { kind: 'choice', options: CLASSES },
  schema: z.enum(['3', '2', '1', 'unknown']),
  clauses: ['第3章 4(1)', '第3章 4(2)イ', '第3章 4(2)エ(ウ)'],
  help: { label: '分類の定義', clauses: ['第3章 4(1)'] },
};

const myNumber: StepSpec = {
  title: 'マイナンバー利用事務系のデータ',
  question: 'USBメモリ等に入れるデータは、マイナンバー利用事務系（個人番号利用事務系）の端末から取り出したものですか？',
  hint: 'マイナンバー利用事務系は、個人番号利用事務に関わる情報システムとデータです。',
  input: { kind: 'choice', options: [YES, NO] },
  schema: z.enum(['yes', 'no']),
  clauses: ['第3章 5(1)②(イ)'],
};

const privateDevice: StepSpec = {
  title: '私物機器の使用',
  question: '作業に私物のパソコンやスマホなど（支給以外の機器）を使いますか？',
  input: { kind: 'choice', options: [YES, NO] },
  schema: z.enum(['yes', 'no']),
  clauses: ['第3章 7(1)ア(ウ)d', '第3章 7(1)ア(エ)a', '第3章 7(1)ア(エ)b'],
};

const place: StepSpec = {
  title: '持ち出し先',
  question: 'どこへ持ち出しますか？（作業する場所）',
  hint: '例: 自宅、〇〇町役場（100字まで）',
  input: { kind: 'text', maxLength: 100 },
  schema: text(100),
  clauses: ['第3章 7(1)ア(ウ)b', '第3章 7(1)ア(ウ)c'],
};

const purpose: StepSpec = {
  title: '目的',
  question: '持ち出す目的（業務の内容）を教えてください。',
  hint: '業務以外の目的での持ち出しはできません（200字まで）。',
  input: { kind: 'text', maxLength: 200, multiline: true },
  schema: text(200),
  clauses: ['第3章 7(1)ア(イ)'],
};

const periodStep: StepSpec = {
  title: '期間',
  question: 'いつからいつまで持ち出しますか？',
  hint: '例:「4月10日〜4月12日」「明日」（1日だけなら日付ひとつ）',
  input: { kind: 'period' },
  schema: period,
  clauses: ['第3章 7(1)ア(ウ)b', '第3章 7(1)ア(オ)'],
  check: (value, { today }) => {
    const p = value as { from: string; until: string };
    if (p.from < today) return `始まりの日が過ぎています（今日は${formatJa(today)}）。今日以降の日付にしてください。`;
    if (daysBetween(p.from, p.until) > 365) return '期間は1年以内にしてください。';
    return undefined;
  },
};

const MEASURES: readonly Option[] = [
  { value: 'encrypt', label: '暗号化', synonyms: ['暗号', '暗号化する', 'BitLocker', 'ビットロッカー'] },
  { value: 'password', label: 'パスワード設定', synonyms: ['パスワード', 'パスワードをかける', 'PW', 'パス'] },
  { value: 'case', label: '鍵付きケースに格納', synonyms: ['鍵付きケース', '鍵付きのケース', 'ケース', '鍵', '施錠'] },
];

const measures: StepSpec = {
  title: '保護の措置',
  question: '機密性2以上の情報です。持ち出すときにとる措置をすべて選んでください。',
  hint: '暗号化・パスワード設定・鍵付きケースへの格納のいずれかが必要です。',
  input: { kind: 'multi', options: MEASURES, none: ['なし', 'ない', '特になし', 'しない', 'とらない'] },
  schema: z.array(z.enum(['encrypt', 'password', 'case'])).min(1, { message: '少なくとも1つ選んでください。' }).max(3),
  clauses: ['第3章 4(2)ク(ア)', '第3章 4(1)'],
};

const REQUEST_STEPS = { items, information, classification, myNumber, privateDevice, place, purpose, period: periodStep, measures };

// ---------------------------------------------------------------------------------------------
// Who approves and why

function isPrivate(ctx: ProcContext): boolean {
  return given(ctx, 'privateDevice') === 'yes';
}

/** 機密性2以上, or not known to be below it. */
function secret2OrAbove(cls: unknown): boolean {
  return cls === '3' || cls === '2' || cls === 'unknown';
}

/** データ取扱責任者 always (7(1)ア(ウ)b); the 統括情報セキュリティ責任者 as well for a private PC (7(1)ア(ウ)d). */
export function carryOutRoles(ctx: ProcContext): string[] {
  return isPrivate(ctx) ? ['データ取扱責任者', '統括情報セキュリティ責任者'] : ['データ取扱責任者'];
}

export function carryOutClauses(ctx: ProcContext): string[] {
  const out = ['第3章 7(1)ア(ウ)b'];
  if (secret2OrAbove(given(ctx, 'classification'))) out.push('第3章 4(2)ク(イ)');
  if (isPrivate(ctx)) out.push('第3章 7(1)ア(ウ)d', '第3章 7(1)ア(エ)b');
  out.push('第3章 7(1)ア(オ)');
  return out;
}

function describe(ctx: ProcContext): string {
  const a = ctx.sealed ?? givenAnswers(ctx);
  const what = a.items ? optionLabels(ITEMS, a.items) : '';
  const p = a.period as { from: string; until: string } | undefined;
  const when = p ? `${formatJa(p.from)}〜${formatJa(p.until)}` : '';
  return ['持ち出し申請', [what, when].filter(Boolean).join('、')].filter(Boolean).join('：');
}

export function carryOutDraft(ctx: ProcContext): RequestDraft {
  const answers = givenAnswers(ctx);
  const p = answers.period as { from: string; until: string };
  return {
    kind: 'carry-out',
    urgent: false,
    requester: ctx.requester,
    roles: carryOutRoles(ctx),
    clauses: carryOutClauses(ctx),
    title: describe(ctx),
    details: {
      ...answers,
      /** The run id: the idempotency key of this request (the same as the submit effect's ref). */
      dialogRef: ctx.run,
      summary: summaryRows(ctx, REQUEST_STEPS),
      /** What this request expects later: the requester's return report (7(1)ア(オ)). */
      expects: [{ kind: 'carry-out.returned', by: 'requester', clauses: ['第3章 7(1)ア(オ)'] }],
    },
    period: { from: p.from, until: p.until },
  };
}

const confirm: StepSpec = {
  title: '確認',
  question: 'この内容で申請します。よろしいですか？',
  input: { kind: 'confirm', label: '申請する' },
  schema: z.literal('submit'),
  clauses: ['第3章 7(1)ア(ウ)b'],
  summary: (ctx) => ({
    title: '持ち出し申請の内容',
    text: 'この内容で申請します。よろしいですか？',
    rows: summaryRows(ctx, REQUEST_STEPS),
    roles: carryOutRoles(ctx),
    clauses: carryOutClauses(ctx),
  }),
};

// ---------------------------------------------------------------------------------------------
// Steps of the return report (持ち込み)

const returnAll: StepSpec = {
  title: 'すべて戻したか',
  question: '持ち出したものは、すべて戻しましたか？',
  input: {
    kind: 'choice',
    options: [
      { value: 'all', label: 'すべて戻しました', synonyms: ['はい', '戻しました', '全部戻しました', 'すべて', '全部', '返却しました'] },
      { value: 'missing', label: 'なくしたものがある', synonyms: ['いいえ', 'なくした', '紛失', '見当たらない', '足りない'] },
    ],
  },
  schema: z.enum(['all', 'missing']),
  clauses: ['第3章 7(1)ア(オ)'],
};

const returnedOn: StepSpec = {
  title: '戻した日',
  question: '戻した日はいつですか？',
  hint: '例:「今日」「4月12日」',
  input: { kind: 'date' },
  schema: z.iso.date(),
  clauses: ['第3章 7(1)ア(オ)'],
  check: (value, { today, sealed }) => {
    const d = String(value);
    if (d > today) return '戻した日は今日までの日付にしてください。';
    const from = (sealed?.period as { from?: string } | undefined)?.from;
    if (from && d < from) return `持ち出しの始まり（${formatJa(from)}）より前の日付です。`;
    return undefined;
  },
};

const RETURN_STEPS = { returnAll, returnedOn };

const confirmReturn: StepSpec = {
  title: '確認',
  question: 'この内容で持ち込みを報告します。よろしいですか？',
  input: { kind: 'confirm', label: '報告する' },
  schema: z.literal('submit'),
  clauses: ['第3章 7(1)ア(オ)'],
  summary: (ctx) => ({
    title: '持ち込み報告',
    text: 'この内容で持ち込みを報告します。よろしいですか？',
    rows: [{ label: '申請', value: describe(ctx) }, ...summaryRows(ctx, RETURN_STEPS)],
    roles: ['データ取扱責任者'],
    clauses: ['第3章 7(1)ア(オ)'],
  }),
};

// ---------------------------------------------------------------------------------------------
// The machine

export const carryOutMachine = procedureSetup
  .extend({
    guards: {
      /** USBメモリ等 are among the things taken out. */
      takesMedia: ({ context }) => (given<string[]>(context, 'items') ?? []).includes('media'),
      /** 5(1)②(イ): data from マイナンバー利用事務系 on a USB memory or other medium. */
      myNumberByMedia: ({ event }) => event.type === 'ANSWER' && event.value === 'yes',
      /** 7(1)ア(ウ)d: 機密性3 on a private device. */
      privateWithSecret3: ({ context, event }) =>
        event.type === 'ANSWER' && event.value === 'yes' && given(context, 'classification') === '3',
      /** Unknown classification may be 機密性3: not on a private device until the データ取扱責任者 has judged it. */
      privateWithUnknownClass: ({ context, event }) =>
        event.type === 'ANSWER' && event.value === 'yes' && given(context, 'classification') === 'unknown',
      /** 4(1), 4(2)ク(ア): protective measures where 機密性2以上. */
      needsMeasures: ({ context }) => secret2OrAbove(given(context, 'classification')),
    },
    actions: {
      submit: emit(({ context }) => ({ type: 'submit' as const, draft: carryOutDraft(context) })),
      reportReturn: emit(({ context }) => ({
        type: 'followUp' as const,
        name: 'returned',
        event: {
          kind: 'carry-out.returned' as const,
          clauses: ['第3章 7(1)ア(オ)'],
          returnedOn: String(given(context, 'returnedOn')),
          details: { request: describe(context) },
        },
      })),
    },
  })
  .createMachine({
    id: 'carry-out',
    context: initialContext,
    initial: 'request',
    states: {
      request: {
        initial: 'items',
        on: {
          CANCEL: '#carry-out.cancelled',
          BACK: backTransitions(['items', 'information', 'classification', 'myNumber', 'privateDevice', 'place', 'purpose', 'period', 'measures']),
        },
        states: {
          items: { meta: { step: items }, on: { ANSWER: { target: 'information', actions: 'record' } } },
          information: { meta: { step: information }, on: { ANSWER: { target: 'classification', actions: 'record' } } },
          classification: {
            meta: { step: classification },
            on: {
              ANSWER: [
                { guard: 'takesMedia', target: 'myNumber', actions: 'record' },
                { target: 'privateDevice', actions: 'record' },
              ],
            },
          },
          myNumber: {
            meta: { step: myNumber },
            on: {
              ANSWER: [
                { guard: 'myNumberByMedia', target: 'blockedMyNumberMedia', actions: 'record' },
                { target: 'privateDevice', actions: 'record' },
              ],
            },
          },
          privateDevice: {
            meta: { step: privateDevice },
            on: {
              ANSWER: [
                { guard: 'privateWithSecret3', target: 'blockedPrivateSecret3', actions: 'record' },
                { guard: 'privateWithUnknownClass', target: 'blockedPrivateUnknownClass', actions: 'record' },
                { target: 'place', actions: 'record' },
              ],
            },
          },
          place: { meta: { step: place }, on: { ANSWER: { target: 'purpose', actions: 'record' } } },
          purpose: { meta: { step: purpose }, on: { ANSWER: { target: 'period', actions: 'record' } } },
          period: {
            meta: { step: periodStep },
            on: {
              ANSWER: [
                { guard: 'needsMeasures', target: 'measures', actions: 'record' },
                { target: 'confirm', actions: 'record' },
              ],
            },
          },
          measures: { meta: { step: measures }, on: { ANSWER: { target: 'confirm', actions: 'record' } } },
          confirm: {
            meta: { step: confirm },
            on: { ANSWER: { target: '#carry-out.awaitingReturn', actions: ['submit', 'seal'] } },
          },
          blockedMyNumberMedia: {
            meta: {
              blocked: {
                text: 'マイナンバー利用事務系の端末からは、USBメモリ等の電磁的記録媒体で情報を持ち出すことはできません。持ち出しが必要な場合は、データ取扱責任者に相談してください。',
                clauses: ['第3章 5(1)②(イ)'],
              },
            },
          },
          blockedPrivateSecret3: {
            meta: {
              blocked: {
                text: '機密性3の情報は、私物のパソコン等で処理してはならないと定められています。支給の機器を使うか、持ち出す情報を見直してください。',
                clauses: ['第3章 7(1)ア(ウ)d', '第3章 4(1)'],
              },
            },
          },
          blockedPrivateUnknownClass: {
            meta: {
              blocked: {
                text: '分類がわからない情報は機密性3の可能性があるため、私物のパソコン等では扱えません。先にデータ取扱責任者に分類の判断を仰いでください。',
                clauses: ['第3章 7(1)ア(ウ)d', '第3章 4(2)エ(ウ)'],
              },
            },
          },
        },
      },
      awaitingReturn: {
        meta: {
          parked: {
            text: '持ち出したものを戻したら、このチャットで「持ち込み報告」と送るか、下のボタンを押してください。持ち出しと持ち込みは記録されます（第3章 7(1)ア(オ)）。',
            resumeLabel: '持ち込みを報告する',
          },
        },
        on: { RESUME: 'returnReport' },
      },
      returnReport: {
        initial: 'returnAll',
        on: {
          CANCEL: { target: '#carry-out.awaitingReturn', actions: 'clearTrail' },
          BACK: backTransitions(['returnAll', 'returnedOn']),
        },
        states: {
          returnAll: {
            meta: { step: returnAll },
            on: {
              ANSWER: [
                { guard: { type: 'answerIs', params: { value: 'missing' } }, target: 'missing', actions: 'record' },
                { target: 'returnedOn', actions: 'record' },
              ],
            },
          },
          returnedOn: { meta: { step: returnedOn }, on: { ANSWER: { target: 'confirmReturn', actions: 'record' } } },
          confirmReturn: {
            meta: { step: confirmReturn },
            on: { ANSWER: { target: '#carry-out.closed', actions: ['record', 'reportReturn'] } },
          },
          missing: {
            meta: {
              blocked: {
                text: 'なくしたものがある場合は、情報セキュリティインシデントとして、速やかにデータ取扱責任者と情報セキュリティに関する統一的な窓口に報告してください。すべて戻ってから持ち込みを報告してください。',
                clauses: ['第3章 7(3)ア(ア)'],
              },
            },
          },
        },
      },
      closed: {
        type: 'final',
        meta: { done: { text: '持ち出し・持ち込みの記録は、データ取扱責任者が作成・保管します（第3章 7(1)ア(オ)）。' } },
      },
      cancelled: { type: 'final', meta: { done: { text: '持ち出し申請を中止しました。申請は送信していません。' } } },
    },
  });

export const carryOut: ProcedureInfo = {
  id: 'carry-out',
  title: '持ち出し申請',
  intro: [
    {
      text: '持ち出し申請を始めます。持ち出しにはデータ取扱責任者の許可が必要です（第3章 7(1)ア(ウ)b）。いつでも「戻る」「なぜ？」「キャンセル」が使えます。',
      style: 'plain',
    },
  ],
  describe,
  form: {
    title: '持ち出し申請',
    text: 'まとめて入力して「確認へ進む」を押してください。条件付きの項目は、当てはまる場合だけ入力します。',
    steps: ['items', 'information', 'classification', 'myNumber', 'privateDevice', 'place', 'purpose', 'period', 'measures'],
    notes: { myNumber: 'USBメモリ等を持ち出す場合', measures: '機密性2以上（またはわからない）の場合' },
  },
};
