// The words that tell a procedure fits what someone typed. Data only: edit here, not in intents.ts.
// Everything is matched after normalisation (NFKC, lower case, no spaces, hiragana → katakana).

import type { ProcedureId } from './types';

export interface IntentVocabulary {
  /** Whole messages that start the procedure at once (the command form, also used by buttons). */
  commands: readonly string[];
  /** Phrases that on their own say the procedure fits. */
  phrases: readonly string[];
  /** What it is about (ICカード, パソコン, USBメモリ…). */
  subjects: readonly string[];
  /** What happened or is wanted (なくした, 感染, 持ち出す…); with a subject they say the procedure fits. */
  events: readonly string[];
  /** Events strong enough without a subject (ウイルス, マルウェア). */
  strongEvents: readonly string[];
  /** Phrases removed before matching because they only look alike (ウイルス対策ソフト, SDカード). */
  masks: readonly string[];
  /** Words that mean the text is about something else altogether (インフルエンザ for 感染). */
  excludes: readonly string[];
  /** Typed later to report what follows a submitted request (持ち込み, カードが見つかった). */
  followUps: readonly string[];
}

export const INTENT_VOCABULARY: Record<ProcedureId, IntentVocabulary> = {
  'carry-out': {
    commands: ['持ち出し申請', '持ち出し', '持出申請', '持ち出し許可申請', '持ち出しの申請'],
    phrases: ['持ち出し申請', '持ち出したい', '持ち出しの許可', '持ち出し許可', '持ち出しを申請', '持って帰りたい', '持ち帰りたい', '家で作業したい', '自宅で作業したい'],
    subjects: ['ノートPC', 'ノートパソコン', 'パソコン', 'PC', 'USBメモリ', 'USB', '外付けHDD', 'SDカード', '記録媒体', '書類', '資料', '文書', 'データ', 'ファイル', 'タブレット', 'スマホ', '端末', 'ソフト'],
    events: ['持ち出し', '持ち出す', '持ち出さ', '持ち出せ', '持って帰', '持ち帰', '持って行', '持っていき', '持っていく', '持って出', '外に出', '家で作業', '自宅で作業', '在宅で作業', '出張先で', '外で作業', '外部で作業', '外部に持'],
    strongEvents: ['持ち出し'],
    masks: ['持ち込み', '持込'],
    // something carried out was lost or stolen: an incident to report (7(3)ア(ア)), not a request to carry out
    excludes: ['置き忘れ', '置き引き', '盗まれ', '盗難', '紛失', 'なくし', '無くし', '失くし', '落とし', 'すられ'],
    followUps: ['持ち込み報告', '持ち込み', '持込報告', '返却しました', '返却報告', '戻しました', '返しました', '持って帰ってきました', '持ち帰りました', '職場に戻しました'],
  },
  'lost-card': {
    commands: ['ICカード紛失', 'ICカードの紛失', 'カード紛失', 'ICカード紛失の報告', 'ICカード紛失報告'],
    phrases: ['ICカード紛失', 'カード紛失', 'カードをなくし', 'カードを無くし', 'カードを失くし', 'カードを落とし', 'カードが見当たらな', 'カードが見つからな', 'カードを盗まれ', 'カードがない', 'カードがありません'],
    subjects: ['ICカード', 'IDカード', '職員証', '社員証', '認証カード', 'セキュリティカード', 'カードキー', '入館証', 'カード'],
    events: ['なくし', '無くし', '失くし', 'なくなっ', '無くなっ', '紛失', '落とし', '見当たらな', '見当たりません', '見つからな', '見つかりません', '盗まれ', '盗難', 'すられ', '置き忘れ', 'どこかにいった', '行方不明'],
    strongEvents: [],
    masks: ['SDカード', 'microSD', 'マイクロSD', 'クレジットカード', 'キャッシュカード', 'ポイントカード', '名刺', 'カードリーダー', 'トランプ'],
    excludes: [],
    followUps: ['カードが見つかった', 'カードが見つかりました', 'カード見つかった', 'カードが出てきた', '新しいカード', 'カードを再発行', '再発行された', 'カードを受け取った', 'ICカードが見つかった', 'カードのその後'],
  },
  infection: {
    commands: ['感染の疑い', '感染の疑い報告', 'ウイルス感染', 'ウイルス感染の報告', '感染報告'],
    phrases: ['ウイルスに感染', '感染したかも', '感染した', '感染している', '感染の疑い', 'マルウェア', 'ランサムウェア', '不正プログラムに感染', '乗っ取られ', '偽の警告', '怪しい添付ファイルを開', '不審な添付ファイルを開', '怪しいリンクを', '不審なリンクを'],
    subjects: ['PC', 'パソコン', '端末', 'スマホ', 'タブレット', 'メール', '添付', 'リンク', 'USB'],
    events: ['感染', 'ウイルス', '開いてしまった', '開いちゃった', 'クリックしてしまった', '踏んでしまった', '踏んだ', '警告が出', '警告画面', '勝手に', '動きがおかしい', '様子がおかしい', '乗っ取'],
    strongEvents: ['感染', 'ウイルス', 'マルウェア', 'ランサム', '不正プログラム', 'トロイ'],
    masks: ['ウイルス対策ソフト', 'ウイルス対策', '対策ソフト', 'ウイルスチェック', 'ウイルススキャン', 'ウイルス定義', 'ウイルス情報', '感染防止'],
    excludes: ['インフルエンザ', 'コロナ', '感染症', '風邪', 'ノロウイルス', '発熱', '熱が', '胃腸炎', '休みます', '病院'],
    followUps: [],
  },
};

/**
 * Cues that the person speaks of someone else, or of a report they received: the procedure is theirs to
 * start, not ours to offer (部下から報告を受けた, 隣の人が持ち帰っている).
 */
export const THIRD_PARTY_CUES: readonly string[] = ['人が', '人の', 'さんが', 'さんの', '部下', '同僚', '上司が', '見ちゃった', '見てしまった', '見かけ', '報告を受け', '報告があった', 'から報告', '相談を受け', '相談された', '職員が'];

/** When two procedures fit equally, the more urgent one is offered. */
export const URGENCY_ORDER: readonly ProcedureId[] = ['infection', 'lost-card', 'carry-out'];
