// Where the page runs and who is using it.
//
// In Teams: app.initialize(), the theme from app.getContext() (kept up to date by registerOnThemeChangeHandler),
// and an SSO token from authentication.getAuthToken() for every API call. Outside Teams the page only says it
// must be opened in Teams — except in local development mode, where the server allows it and the address names
// a development user explicitly (?devUser=<Playground aadObjectId or directory id>).

import { app, authentication } from '@microsoft/teams-js';
import { meta } from './dom';

export type Theme = 'default' | 'dark' | 'contrast';

export type Host =
  | { kind: 'teams'; theme: Theme; frame: string; token: () => Promise<string> }
  | { kind: 'dev'; userId: string; theme: Theme }
  | { kind: 'outside' }
  | { kind: 'no-token'; detail: string };

const INIT_TIMEOUT_MS = 8000;

export function applyTheme(theme: string | undefined): Theme {
  const t: Theme = theme === 'dark' || theme === 'contrast' ? theme : 'default';
  document.documentElement.dataset.theme = t;
  return t;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = window.setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => {
        window.clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        window.clearTimeout(timer);
        reject(e instanceof Error ? e : new Error('failed'));
      },
    );
  });
}

function devHost(): Host | undefined {
  if (meta('policy-bot-dev-identity') !== 'allowed') return undefined;
  const params = new URLSearchParams(window.location.search);
  const userId = params.get('devUser');
  if (!userId || !/^[A-Za-z0-9._-]{1,64}$/.test(userId)) return undefined;
  return { kind: 'dev', userId, theme: applyTheme(params.get('theme') ?? undefined) };
}

export async function connect(): Promise<Host> {
  // Teams desktop and web frame the page; Teams mobile shows it without a parent frame but with a native bridge.
  const framed = window.parent !== window || 'nativeInterface' in window;
  if (!framed) return devHost() ?? { kind: 'outside' };
  try {
    await withTimeout(app.initialize(), INIT_TIMEOUT_MS);
  } catch {
    return devHost() ?? { kind: 'outside' };
  }
  const context = await withTimeout(app.getContext(), INIT_TIMEOUT_MS).catch(() => undefined);
  const theme = applyTheme(context?.app.theme);
  app.registerOnThemeChangeHandler((t) => {
    applyTheme(t);
  });
  const token = () => authentication.getAuthToken();
  try {
    await token();
  } catch (err) {
    return { kind: 'no-token', detail: err instanceof Error ? err.message.slice(0, 100) : 'unknown' };
  }
  return { kind: 'teams', theme, frame: context?.page.frameContext ?? 'content', token };
}

export const OUTSIDE_TEXT = 'このページは Microsoft Teams の中で開いてください。';
export const OUTSIDE_TAB_HINT = 'Teams のアプリ「情報セキュリティ相談」の「申請」タブから表示できます。';
export const OUTSIDE_DIALOG_HINT = 'Teams のアプリ「情報セキュリティ相談」の「申請」タブにある「持ち出し申請を作成」から開けます。';
export const NO_TOKEN_TEXT = 'Teams でのサインインを確認できませんでした。Teams を再読み込みしてから、もう一度開いてください。解決しない場合は情報システムの担当者に連絡してください。';
