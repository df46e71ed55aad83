// The bot with its pages for the web tests: credentials configured (SSO on, no development identity) and a local
// token issuer, or local development mode; a second Approvals instance on the same database to create requests.

import path from 'node:path';
import { Approvals } from '../../approvals/service';
import { loadDirectory } from '../../approvals/directory-load';
import type { RequestDraft } from '../../approvals/types';
import type { KnowledgeEngine } from '../../knowledge/types';
import type { Db } from '../../storage/types';
import { startBot, type TestBot } from '../support/bot';
import { startTokenIssuer, type TokenIssuer } from '../support/jwks';

export const TENANT = '6e3a2f1b-0c4d-4e5f-8a9b-0c1d2e3f4a5b';
export const APP_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

/** Sample-directory people (approvals/sample-directory.yaml), by their Teams aadObjectId. */
export const PEOPLE = {
  alex: { userId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' }, // 総務課 staff
  megan: { userId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' }, // 総務課長: データ取扱責任者
  adele: { userId: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance' }, // 統括情報セキュリティ責任者
  patti: { userId: '00000000-0000-0000-0000-0000000000024', name: 'Patti Fernandez' }, // CSIRT
} as const;
export type Person = keyof typeof PEOPLE;

export function openWorkflow(db: Db): Promise<Approvals> {
  return Approvals.open({ db, directory: loadDirectory(path.join(__dirname, '../../approvals/sample-directory.yaml')) });
}

export function carryOutDraft(requester: Person = 'alex', over: Partial<RequestDraft> = {}): RequestDraft {
  const year = new Date().getFullYear() + 1;
  return {
    kind: 'carry-out',
    urgent: false,
    requester: PEOPLE[requester],
    roles: ['データ取扱責任者'],
    clauses: ['第3章 7(1)ア(ウ)b', '第3章 7(1)ア(オ)'],
    title: `持ち出し申請：支給パソコン、${year}年4月10日〜${year}年4月12日`,
    details: {
      summary: [
        { label: '持ち出すもの', value: '支給パソコン' },
        { label: '持ち出し先', value: '大分県庁 新館 会議室' },
        { label: '目的', value: '市町村担当者研修での制度説明' },
      ],
    },
    period: { from: `${year}-04-10`, until: `${year}-04-12` },
    ...over,
  };
}

export interface WebBot {
  bot: TestBot;
  issuer?: TokenIssuer;
  /** A valid SSO token for a person (claims override). */
  token(person: Person, claims?: Record<string, unknown>): string;
  /** A Bot Framework token for /api/messages (the same local issuer). */
  botToken(): string;
  /** Calls the API as a person (SSO token), with a raw header set, or anonymously. */
  api(pathname: string, o?: { as?: Person; headers?: Record<string, string>; method?: string; body?: unknown }): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startWebBot(db: Db, o: { credentials: boolean; env?: Record<string, string>; engine?: KnowledgeEngine }): Promise<WebBot> {
  const issuer = o.credentials ? await startTokenIssuer(TENANT) : undefined;
  const base = issuer ? issuer.authority.slice(0, issuer.authority.lastIndexOf('/')) : '';
  const env: Record<string, string> = issuer
    ? {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        clientId: APP_ID,
        clientSecret: 'test-secret',
        tenantId: TENANT,
        authorityEndpoint: issuer.authority,
        // notifications the bot tries to deliver after a decision never leave this machine
        TEAMS_SERVICE_URL: 'http://127.0.0.1:9/',
        BOT_HOST: 'bot.example.lg.jp',
        SSO_JWKS_URL: `${issuer.authority}/discovery/v2.0/keys`,
        SSO_ISSUERS: `${base}/{tenantid}/v2.0`,
        ...o.env,
      }
    : { NODE_ENV: 'test', TEAMS_SERVICE_URL: 'http://127.0.0.1:9/', ...o.env };
  const bot = await startBot({ db, env, ...(o.engine ? { engine: o.engine } : {}) });
  const token = (person: Person, claims: Record<string, unknown> = {}) => {
    if (!issuer) throw new Error('no token issuer in local development mode');
    return issuer.sign({ aud: APP_ID, scp: 'access_as_user', oid: PEOPLE[person].userId, name: PEOPLE[person].name, ...claims });
  };
  return {
    bot,
    ...(issuer ? { issuer } : {}),
    token,
    botToken: () => {
      if (!issuer) throw new Error('no token issuer in local development mode');
      return issuer.sign({ aud: APP_ID });
    },
    async api(pathname, a = {}) {
      const headers: Record<string, string> = { ...(a.as ? { authorization: `Bearer ${token(a.as)}` } : {}), ...a.headers };
      if (a.body !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(`${bot.url}${pathname}`, {
        method: a.method ?? (a.body === undefined ? 'GET' : 'POST'),
        headers,
        ...(a.body !== undefined ? { body: typeof a.body === 'string' ? a.body : JSON.stringify(a.body) } : {}),
      });
      const text = await res.text();
      let body: any = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, body, headers: res.headers };
    },
    async close() {
      await bot.close();
      await issuer?.close();
    },
  };
}
