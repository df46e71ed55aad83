// Calls to the bot's API, each with the caller's identity: the SSO token in Teams, or the development user header.

import type { ApiError } from '../../../bot/web/contract';
import type { Host } from './teams';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    /** Japanese, for the person. */
    readonly text: string,
    readonly body?: unknown,
  ) {
    super(`API ${status}`);
  }
}

const NETWORK_TEXT = 'サーバーに接続できませんでした。ネットワークを確認して、もう一度お試しください。';

export async function api<T>(host: Host, path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (host.kind === 'teams') headers.authorization = `Bearer ${await host.token()}`;
  else if (host.kind === 'dev') headers['x-dev-user'] = host.userId;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      credentials: 'omit',
      cache: 'no-store',
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  } catch {
    throw new ApiFailure(0, NETWORK_TEXT);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiFailure(res.status, NETWORK_TEXT);
  }
  return { status: res.status, body: body as T };
}

/** The Japanese message of an error body, or a fallback. */
export function errorText(body: unknown, fallback: string): string {
  const m = (body as Partial<ApiError> | null)?.message;
  return typeof m === 'string' && m ? m : fallback;
}
