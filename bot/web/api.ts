// The pages' JSON API. Every route identifies the caller first (SSO token, or the development identity in local
// development mode) and answers 401 before reading anything. Decisions go through the approvals' act(), the same
// implementation (rules, version check, separation of duties) as the cards.
//
//   GET  /api/web/requests                      → RequestsResponse (mine, waiting)
//   GET  /api/web/requests/:id                  → RequestItem (404 unless the caller takes part in it)
//   POST /api/web/requests/:id/decision         { version, decision: approve|reject, comment? } → DecisionResponse
//   POST /api/web/carry-out/check               { values } → CarryOutCheckResponse (the procedure's own checks)

import type { IncomingHttpHeaders } from 'node:http';
import restify, { type Request, type Response, type Server } from 'restify';
import { z } from 'zod';
import type { ActOutcome, Approvals } from '../../approvals';
import type { KnowledgeEngine } from '../../knowledge/types';
import { sendJson, step } from '../http';
import type { Logger } from '../log';
import { checkCarryOut, checkResponse, formValuesSchema } from './carry-out';
import type { ApiError, DecisionResponse, RequestsResponse } from './contract';
import type { IdentityResult, WebIdentity } from './identity';
import { securityHeaders } from './headers';
import { loadItem, requestItem } from './views';

export interface ApiContext {
  log: Logger;
  engine: KnowledgeEngine;
  /** The approvals workflow once the server has started it. */
  approvals: () => Approvals | undefined;
  identify: (headers: IncomingHttpHeaders) => Promise<IdentityResult>;
  timeZone?: string;
  now?: () => Date;
  /** Called after a change was applied (e.g. to deliver its notifications right away). */
  afterChange?: () => void;
}

const MAX_BODY_BYTES = 32 * 1024;
const LIST_LIMIT = 50;

const decisionSchema = z.object({
  version: z.number().int().min(1).max(1_000_000),
  decision: z.enum(['approve', 'reject']),
  comment: z.string().max(1000).optional(),
});
const checkSchema = z.object({ values: formValuesSchema });
const requestId = z.string().regex(/^[0-9a-f-]{36}$/i);

const STATUS: Record<ActOutcome, number> = {
  applied: 200,
  duplicate: 200,
  stale: 409,
  illegal: 409,
  forbidden: 403,
  'not-found': 404,
  invalid: 400,
};

function fail(res: Response, status: number, error: string, message: string): false {
  const body: ApiError = { error, message };
  sendJson(res, status, body);
  return false;
}

const identities = new WeakMap<Request, WebIdentity>();

function who(req: Request): WebIdentity {
  const id = identities.get(req);
  if (!id) throw new Error('identity missing');
  return id;
}

export function registerApi(server: Server, ctx: ApiContext): void {
  const headers = step(async (_req: Request, res: Response) => {
    securityHeaders(res, { json: true });
    return true;
  });

  const authenticate = step(async (req: Request, res: Response) => {
    const r = await ctx.identify(req.headers);
    if (!r.ok) {
      ctx.log.warn('web.auth.refused', { reason: r.reason, path: req.path() });
      return r.status === 503
        ? fail(res, 503, 'unavailable', 'サインインを確認できませんでした。しばらくしてからもう一度お試しください。')
        : fail(res, 401, 'unauthorized', 'サインインを確認できませんでした。Teams で開き直してください。');
    }
    identities.set(req, r.identity);
    return true;
  });

  const approvals = step(async (_req: Request, res: Response) => {
    if (ctx.approvals()) return true;
    return fail(res, 503, 'unavailable', '申請の機能を準備しています。しばらくしてからもう一度お試しください。');
  });

  const body = [
    ...restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false, rejectUnknown: true }),
    step(async (req: Request, res: Response) => {
      if (!req.is('application/json')) return fail(res, 415, 'unsupported', 'JSON で送ってください。');
      return true;
    }),
  ];

  const actor = (id: WebIdentity) => ({ userId: id.userId, ...(id.name ? { name: id.name } : {}) });

  server.get('/api/web/requests', headers, authenticate, approvals, step(async (req: Request, res: Response) => {
    const ap = ctx.approvals()!;
    const id = who(req);
    const viewer = actor(id);
    const [mine, waiting] = await Promise.all([ap.listMine(viewer, { limit: LIST_LIMIT }), ap.listWaiting(viewer, { limit: LIST_LIMIT })]);
    const items = async (ids: string[]) => (await Promise.all(ids.map((rid) => loadItem(ap, rid, viewer)))).filter((x) => x !== undefined);
    const out: RequestsResponse = {
      user: { ...(id.name ? { name: id.name } : {}), development: id.source === 'dev' },
      mine: await items(mine.map((s) => s.requestId)),
      waiting: await items(waiting.map((s) => s.requestId)),
    };
    ctx.log.info('web.requests.listed', { userId: id.userId, mine: out.mine.length, waiting: out.waiting.length });
    sendJson(res, 200, out);
    return false;
  }));

  server.get('/api/web/requests/:id', headers, authenticate, approvals, step(async (req: Request, res: Response) => {
    const rid = requestId.safeParse(req.params?.id);
    if (!rid.success) return fail(res, 404, 'not-found', '申請が見つかりません。');
    const ap = ctx.approvals()!;
    const viewer = actor(who(req));
    const card = await ap.card(rid.data, viewer);
    if (!card || card.restricted) return fail(res, 404, 'not-found', '申請が見つかりません。');
    sendJson(res, 200, requestItem(card, await ap.events(rid.data)));
    return false;
  }));

  server.post('/api/web/requests/:id/decision', headers, authenticate, approvals, ...body, step(async (req: Request, res: Response) => {
    const rid = requestId.safeParse(req.params?.id);
    if (!rid.success) return fail(res, 404, 'not-found', '申請が見つかりません。');
    const parsed = decisionSchema.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, 'invalid', '送信内容を読み取れませんでした。画面を更新してください。');
    const ap = ctx.approvals()!;
    const id = who(req);
    const { version, decision, comment } = parsed.data;
    const result = await ap.act({
      requestId: rid.data,
      actor: actor(id),
      version,
      action: { type: decision, ...(comment?.trim() ? { comment: comment.trim() } : {}) },
    });
    ctx.log.info('web.decision', { requestId: rid.data, userId: id.userId, decision, version, outcome: result.outcome });
    if (result.outcome === 'applied') ctx.afterChange?.();
    const out: DecisionResponse = { outcome: result.outcome, message: result.message };
    if (result.card && !result.card.restricted) out.request = requestItem(result.card, await ap.events(rid.data));
    sendJson(res, STATUS[result.outcome], out);
    return false;
  }));

  server.post('/api/web/carry-out/check', headers, authenticate, ...body, step(async (req: Request, res: Response) => {
    const parsed = checkSchema.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, 'invalid', '送信内容を読み取れませんでした。');
    const id = who(req);
    const r = checkCarryOut(parsed.data.values, actor(id), {
      engine: ctx.engine,
      ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}),
      ...(ctx.now ? { now: ctx.now() } : {}),
    });
    sendJson(res, 200, checkResponse(r));
    return false;
  }));
}
