// Tenant allow-list: activities from tenants not on the list are refused (403) and logged.

import type { Request, RequestHandler, Response } from 'restify';
import { sendJson, step } from './http';
import type { Logger } from './log';

/** The tenant an activity comes from, as Teams reports it (conversation.tenantId or channelData.tenant.id). */
export function tenantOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const a = body as { conversation?: { tenantId?: unknown }; channelData?: { tenant?: { id?: unknown } } };
  const fromConversation = a.conversation?.tenantId;
  if (typeof fromConversation === 'string' && fromConversation) return fromConversation.toLowerCase();
  const fromChannel = a.channelData?.tenant?.id;
  if (typeof fromChannel === 'string' && fromChannel) return fromChannel.toLowerCase();
  return undefined;
}

/** True when the tenant may use the bot; an empty list allows every tenant. */
export function tenantAllowed(allowed: readonly string[], tenant: string | undefined): boolean {
  if (allowed.length === 0) return true;
  return tenant !== undefined && allowed.includes(tenant);
}

const idOf = (body: unknown, field: 'id'): string | undefined => {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  return typeof v === 'string' ? v : undefined;
};

export function tenantGate(allowed: readonly string[], log: Logger): RequestHandler {
  return step(async (req: Request, res: Response) => {
    const tenant = tenantOf(req.body);
    if (tenantAllowed(allowed, tenant)) return true;
    log.warn('tenant.refused', { tenantId: tenant ?? null, activityId: idOf(req.body, 'id') });
    sendJson(res, 403, { error: 'forbidden' });
    return false;
  });
}
