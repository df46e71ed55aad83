// Authentication of incoming activities: the SDK's Bot Framework JWT validation (authorizeJWT, via the
// CloudAdapter) in front of every activity when credentials are configured; 401 before any handler runs.

import type { AuthConfiguration, CloudAdapter } from '@microsoft/agents-hosting';
import type { Request, RequestHandler, Response } from 'restify';
import type { Config } from './config';
import { step, webResponse } from './http';
import type { Logger } from './log';

const CONNECTION = 'serviceConnection';

/** The SDK's auth configuration from our validated settings; undefined in local development mode. */
export function authConfiguration(auth: Config['auth']): AuthConfiguration | undefined {
  if (!auth.enabled) return undefined;
  const settings: AuthConfiguration = {
    clientId: auth.clientId,
    tenantId: auth.tenantId,
    authorityEndpoint: auth.authorityEndpoint ?? 'https://login.microsoftonline.com',
    validateIssuer: auth.validateIssuer,
  };
  if (auth.clientSecret) settings.clientSecret = auth.clientSecret;
  if (auth.authType) settings.authType = auth.authType;
  if (auth.certPemFile) settings.certPemFile = auth.certPemFile;
  if (auth.certKeyFile) settings.certKeyFile = auth.certKeyFile;
  if (auth.federatedClientId) settings.federatedClientId = auth.federatedClientId;
  if (auth.issuers) settings.issuers = auth.issuers;
  return {
    ...settings,
    connections: new Map([[CONNECTION, settings]]),
    connectionsMap: [{ serviceUrl: '*', connection: CONNECTION }],
  };
}

/**
 * restify step running the adapter's JWT check. On failure the SDK's detailed reason goes to the log
 * and the caller gets a bare 401.
 */
export function authenticate(adapter: CloudAdapter, log: Logger): RequestHandler {
  return step(
    (req: Request, res: Response) =>
      new Promise<boolean>((resolve, reject) => {
        const web = webResponse(res, (status, body) => {
          const reason = body && typeof body === 'object' ? Object.values(body as Record<string, unknown>)[0] : undefined;
          log.warn('auth.refused', { status, reason: typeof reason === 'string' ? reason : undefined });
          return { error: status === 405 ? 'method not allowed' : 'unauthorized' };
        });
        adapter
          .authorizeRequest(req as never, web, () => resolve(true))
          .then(() => {
            if (res.writableEnded) resolve(false);
          }, reject);
      }),
  );
}
