// Glue between restify and the Agents SDK's framework-neutral request/response shapes.
// restify's res.status() returns a number and restify refuses async 3-argument middleware, so the SDK's
// pieces get a small WebResponse over Node's ServerResponse, and promise-returning steps are wrapped.

import type { ServerResponse } from 'node:http';
import type { WebResponse } from '@microsoft/agents-hosting';
import type { Next, Request, RequestHandler, Response } from 'restify';

/** A WebResponse writing straight to Node's response; send() writes the body and ends it. */
export function webResponse(res: ServerResponse, onSend?: (status: number, body: unknown) => unknown): WebResponse {
  const r: WebResponse = {
    status(code: number) {
      if (!res.headersSent) res.statusCode = code;
      return r;
    },
    setHeader(name: string, value: string) {
      if (!res.headersSent) res.setHeader(name, value);
      return r;
    },
    send(body?: unknown) {
      if (res.writableEnded) return r;
      const replaced = onSend ? onSend(res.statusCode, body) : body;
      writeBody(res, replaced);
      return r;
    },
    end() {
      if (!res.writableEnded) res.end();
      return r;
    },
    get headersSent() {
      return res.headersSent;
    },
    get writableEnded() {
      return res.writableEnded;
    },
  };
  return r;
}

function writeBody(res: ServerResponse, body: unknown): void {
  if (body === undefined || body === null) {
    res.end();
    return;
  }
  const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  if (!res.hasHeader('content-type')) {
    res.setHeader('content-type', typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8');
  }
  res.end(text);
}

/** Sends a small JSON body with a status and ends the response. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded) return;
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

/**
 * A restify handler from an async step. The step returns true to continue the chain, false when it has
 * answered the request itself; a rejection goes to restify as an error.
 */
export function step(fn: (req: Request, res: Response) => Promise<boolean>): RequestHandler {
  const handler = (req: Request, res: Response, next: Next): void => {
    fn(req, res).then(
      (go) => next(go ? undefined : false),
      (err: unknown) => next(err instanceof Error ? err : new Error('request step failed')),
    );
  };
  return handler;
}
