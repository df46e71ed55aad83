// Shared fixtures for the approvals tests: the sample directory, a clock the test moves, drafts.
import path from 'node:path';
import { loadDirectory } from '../../approvals/directory-load';
import type { Directory } from '../../approvals/directory';
import { Approvals } from '../../approvals/service';
import type { WorkflowConfigInput } from '../../approvals/config';
import type { RequestDraft } from '../../approvals/types';
import type { Db } from '../../storage/types';

export const SAMPLE_DIRECTORY = path.join(__dirname, '../../approvals/sample-directory.yaml');

export function sampleDirectory(): Directory {
  return loadDirectory(SAMPLE_DIRECTORY);
}

/** Playground users of the sample directory, by their role in the tests. */
export const USERS = {
  alex: { userId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' }, // 総務課 staff
  megan: { userId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' }, // 総務課長: データ取扱責任者 …
  adele: { userId: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance' }, // 統括情報セキュリティ責任者
  isaiah: { userId: '00000000-0000-0000-0000-0000000000023', name: 'Isaiah Langer' }, // CISO
  patti: { userId: '00000000-0000-0000-0000-0000000000024', name: 'Patti Fernandez' }, // CSIRT, 統一的な窓口
  lynne: { userId: '00000000-0000-0000-0000-0000000000025', name: 'Lynne Robbins' }, // 資格保険料課長, CSIRT
  stranger: { userId: 'ffffffff-0000-0000-0000-000000000000', name: '部外者' },
};

export class Clock {
  t: number;
  constructor(iso = '2026-04-01T00:00:00.000Z') {
    this.t = Date.parse(iso);
  }
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export function carryOut(requester = USERS.alex, over: Partial<RequestDraft> = {}): RequestDraft {
  return {
    kind: 'carry-out',
    urgent: false,
    requester,
    roles: ['データ取扱責任者'],
    clauses: ['第3章 7(1)ア(ウ)b'],
    title: 'ノートパソコンの持ち出し（研修会場での説明）',
    details: { items: 'ノートPC 1台（資産番号 PC-0123）', purpose: '市町村担当者研修での制度説明', destination: '大分県庁 新館 会議室' },
    period: { from: '2026-04-10', until: '2026-04-12' },
    ...over,
  };
}

export function lostCard(requester = USERS.alex): RequestDraft {
  return {
    kind: 'lost-card',
    urgent: true,
    requester,
    roles: ['統括情報セキュリティ責任者', '端末装置管理責任者'],
    clauses: ['第3章 7(4)ア(ア)c', '第3章 7(4)ア(イ)'],
    title: 'ICカードを紛失しました',
    details: { card: '職員証 ICカード', lostAt: '2026-04-01 通勤途中', circumstances: 'バスの車内で落とした可能性' },
  };
}

export function infection(requester = USERS.alex): RequestDraft {
  return {
    kind: 'infection',
    urgent: true,
    requester,
    roles: ['データ取扱責任者', '統一的な窓口'],
    clauses: ['第3章 7(3)ア(ア)', '第3章 8(4)ウ(キ)'],
    title: 'ウイルス感染の疑い（不審な添付ファイルを開いた）',
    details: { device: '業務用PC PC-0456', symptom: '警告画面が表示された', cableRemoved: true },
  };
}

export async function openApprovals(db: Db, clock: Clock, config: WorkflowConfigInput = {}, directory = sampleDirectory()): Promise<Approvals> {
  return Approvals.open({ db, directory, config, now: clock.now });
}
