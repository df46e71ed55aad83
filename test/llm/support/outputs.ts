// Model outputs and helpers shared by the LLM tests.
import { createLlmClient, type LlmClient } from '../../../knowledge/llm/client';
import { readLlmConfig } from '../../../knowledge/llm/config';
import type { LlmLog, LlmLogEntry } from '../../../knowledge/llm/log';
import type { LlmOutput } from '../../../knowledge/llm/schema';
import type { Answer, KnowledgeEngine, Verdict } from '../../../knowledge/types';
import type { FakeOpenAi } from './fakeOpenAi';

export const USB_Q = 'USBメモリに住民データを入れて家で作業してもいいですか';
export const CARD_Q = 'ICカードをなくしてしまいました。どうすればいいですか';
export const PASSWORD_Q = '係の人に私のパスワードを教えて、代わりにログインしてもらってもいいですか？';
export const MYNUMBER_Q = 'マイナンバー系と標準システム系の間でデータを移すとき、セキュリティソフト付きのUSBメモリを使えばOKですか？';
export const LUNCH_Q = '会議室の予約はどこでするんでしたっけ';

/** Correct answers a well-behaved model would give. */
export const GOOD: Record<'usb' | 'card' | 'password' | 'mynumber', LlmOutput> = {
  usb: {
    verdict: 'needs_permission',
    roles: ['データ取扱責任者'],
    citations: [
      { label: '第3章 7(1)ア(ウ)b', quote: '外部に持ち出す場合には、データ取扱責任者の許可を得なければならない' },
      { label: '第3章 7(1)ア(ウ)c', quote: '外部で情報処理業務を行う場合には、データ取扱責任者の許可を得なければならない' },
    ],
    reply: 'USBメモリで住民データを持ち出して家で作業するには、事前にデータ取扱責任者の許可が必要です。許可を得てから持ち出してください。',
  },
  card: {
    verdict: 'must_report',
    roles: ['統括情報セキュリティ責任者', '端末装置管理責任者'],
    citations: [{ label: '第3章 7(4)ア(ア)c', quote: 'I C カード等を紛失した場合には、速やかに統括情報セキュリティ責任者及び端末装置管理責任者に通報し' }],
    reply: 'すぐに統括情報セキュリティ責任者と端末装置管理責任者に連絡し、指示に従ってください。',
  },
  password: {
    verdict: 'prohibited',
    roles: [],
    citations: [{ label: '第3章 7(4)ウ(ケ)', quote: '職員等間でパスワードを共有してはならない。' }],
    reply: 'いいえ、パスワードを他の職員に教えることは禁止されています。代わりのログインも頼めません。',
  },
  mynumber: {
    verdict: 'allowed',
    roles: [],
    citations: [{ label: '第3章 5(1)①', quote: 'この限りではなく、セキュリティソフト付USBメモリの保管されたデータを、標準システム接続系とマイナンバー利用事務系とのデータの移送を可能とする' }],
    reply: 'はい、セキュリティソフト付きのUSBメモリによる標準システム接続系とマイナンバー利用事務系の間のデータ移送は認められています。',
  },
};

export const json = (o: unknown) => JSON.stringify(o);

export function with_(base: LlmOutput, patch: Partial<LlmOutput>): LlmOutput {
  return { ...base, ...patch };
}

export function llmFor(server: FakeOpenAi, env: Record<string, string> = {}): LlmClient {
  const config = readLlmConfig({ OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'fake-model', LLM_TIMEOUT_MS: '5000', ...env });
  return createLlmClient(config)!;
}

export function captureLog(): { log: LlmLog; entries: LlmLogEntry[] } {
  const entries: LlmLogEntry[] = [];
  return { log: (e) => entries.push(e), entries };
}

/**
 * The answer a person sees must be correct and cited: the expected verdict, at least one
 * citation (unless not_covered) whose quote is verbatim text of the cited clause.
 */
export function expectCorrectCitedAnswer(answer: Answer, engine: KnowledgeEngine, verdict: Verdict, roles?: string[]): void {
  expect(answer.verdict).toBe(verdict);
  if (roles) expect([...answer.roles].sort()).toEqual([...roles].sort());
  if (verdict !== 'not_covered') expect(answer.citations.length).toBeGreaterThan(0);
  for (const c of answer.citations) {
    const clause = engine.clause(c.label);
    expect(clause).toBeDefined();
    expect(clause!.text.includes(c.quote)).toBe(true);
    expect(answer.reply).toContain(c.label);
  }
}
