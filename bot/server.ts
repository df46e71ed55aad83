// The HTTP server: restify with POST /api/messages (CloudAdapter + AgentApplication) and GET /healthz.
//
//   const server = createServer(loadConfig());   // nothing opened yet
//   const url = await server.listen();           // opens storage, loads the engine, binds
//   await server.close();

import type { AddressInfo } from 'node:net';
import { CloudAdapter } from '@microsoft/agents-hosting';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Answer, KnowledgeEngine } from '../knowledge/types';
import type { Db } from '../storage/types';
import { AnswerCache, cachedAnswerer } from './answer-cache';
import { createAgentApp } from './app';
import { procedureSettler } from './approvals/procedure-runs';
import { type ApprovalsOptions, type BotApprovals, startBotApprovals } from './approvals/setup';
import { authConfiguration, authenticate } from './auth';
import type { Config } from './config';
import { openEffectSink } from './dialogs/effects';
import { type DialogOptions, createBotDialogs } from './dialogs/setup';
import { engineReady, loadEngine } from './engine';
import { sendJson, step, webResponse } from './http';
import { type BotLlm, createBotLlm } from './llm';
import { type Logger, createLogger, errorFields } from './log';
import type { BotApp, BotDeps, BotExtension } from './routing';
import { type BotStorage, openStorage, prepareStorage } from './storage';
import { tenantGate } from './tenant';
import { createWeb, type WebPages } from './web';

export interface ServerDeps {
  /** Default: loadEngine(config.knowledge). */
  engine?: KnowledgeEngine;
  /** A database the caller owns (not closed by close()); default: openDb from config.storage. */
  db?: Db;
  log?: Logger;
  /** Routes registered before the built-in ones (see bot/routing.ts). */
  extensions?: BotExtension[];
  /**
   * How questions are answered offline (default: the engine's answer, cached); also what the guided procedures
   * use for questions typed mid-flow. The question route uses the model instead when one is configured.
   */
  answerer?: (question: string, engine: KnowledgeEngine) => Promise<Answer>;
  /** The model for the LLM option (default: createBotLlm(config.llm), null when none is configured). */
  llm?: BotLlm | null;
  /** The guided procedures: effect sink (default: the bot's database), clock and ids for tests. */
  dialogs?: DialogOptions;
  /** The approvals workflow: directory, clock, worker and outbox settings for tests. */
  approvals?: ApprovalsOptions;
}

export interface BotServer {
  /** http://host:port once listening (0.0.0.0 shows as 127.0.0.1). */
  readonly url: string;
  readonly port: number;
  /** The application and its dependencies, once listening. */
  readonly app: BotApp | undefined;
  readonly deps: BotDeps | undefined;
  /** Opens storage, loads the engine, binds config.server.host:port; resolves to the URL. */
  listen(): Promise<string>;
  /** Stops accepting requests, ends open connections, closes storage it opened. */
  close(): Promise<void>;
  /** True when the engine and the storage answer (what /healthz reports). */
  ready(): Promise<boolean>;
}

const HEALTH_TIMEOUT_MS = 2000;

async function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([p.catch(() => fallback), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function createServer(config: Config, serverDeps: ServerDeps = {}): BotServer {
  const log = serverDeps.log ?? createLogger({ level: config.log.level });
  let http: Server | undefined;
  let storage: BotStorage | undefined;
  let approvals: BotApprovals | undefined;
  let deps: BotDeps | undefined;
  let app: BotApp | undefined;
  let port = 0;
  let closing: Promise<void> | undefined;

  const ready = async (): Promise<boolean> => {
    if (!deps || !engineReady(deps.engine)) return false;
    return withTimeout(deps.db.ping(), HEALTH_TIMEOUT_MS, false);
  };

  const build = (adapter: CloudAdapter, agent: BotApp, web: WebPages): Server => {
    const server = restify.createServer({ name: 'policy-bot', handleUncaughtExceptions: false, ignoreTrailingSlash: true });
    web.register(server);

    server.get('/healthz', step(async (_req: Request, res: Response) => {
      const ok = await ready();
      sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable' });
      return false;
    }));

    const handlers = [
      ...(config.auth.enabled ? [authenticate(adapter, log)] : []),
      ...restify.plugins.bodyParser({ maxBodySize: config.server.maxBodyBytes, mapParams: false, mapFiles: false, rejectUnknown: true }),
      step(async (req: Request, res: Response) => {
        if (req.body && typeof req.body === 'object' && !Array.isArray(req.body)) return true;
        sendJson(res, 400, { error: 'an activity object is required' });
        return false;
      }),
      tenantGate(config.auth.allowedTenantIds, log),
      step(async (req: Request, res: Response) => {
        try {
          await adapter.process(req as never, webResponse(res), (ctx) => agent.run(ctx));
        } catch (err) {
          const invalid = err instanceof TypeError || (err instanceof Error && err.name === 'ZodError');
          log[invalid ? 'warn' : 'error']('request.failed', { ...errorFields(err), status: invalid ? 400 : 500 });
          if (!res.headersSent) sendJson(res, invalid ? 400 : 500, { error: invalid ? 'invalid activity' : 'internal error' });
          else if (!res.writableEnded) res.end();
        }
        return false;
      }),
    ];
    server.post('/api/messages', ...handlers);
    return server;
  };

  return {
    get url() {
      if (!http) throw new Error('the server is not listening');
      const host = config.server.host === '0.0.0.0' || config.server.host === '::' ? '127.0.0.1' : config.server.host;
      return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    },
    get port() {
      return port;
    },
    get app() {
      return app;
    },
    get deps() {
      return deps;
    },
    ready,

    async listen() {
      if (http) throw new Error('already listening');
      for (const w of config.warnings) log.warn('config.warning', { detail: w });
      const engine = serverDeps.engine ?? loadEngine({ policyPath: config.knowledge.policyPath });
      storage = serverDeps.db ? await prepareStorage(serverDeps.db, log) : await openStorage(config.storage, log);
      const answerer = serverDeps.answerer;
      const cache = new AnswerCache(config.knowledge.answerCacheSize);
      const answer = answerer ? (q: string) => answerer(q, engine) : cachedAnswerer((q) => engine.answer(q), cache.capacity, cache);
      const llm = serverDeps.llm !== undefined ? serverDeps.llm : createBotLlm(config.llm, { engine, log, cache });
      const adapter = new CloudAdapter(authConfiguration(config.auth) ?? anonymousAuth(), undefined, undefined, {
        validateServiceUrl: config.auth.enabled,
      });
      try {
        approvals = await startBotApprovals({ config, engine, db: storage.db, claims: storage.claims, log }, adapter, serverDeps.approvals);
      } catch (err) {
        if (!serverDeps.db) await storage.db.close().catch(() => undefined);
        storage = undefined;
        throw err;
      }
      const effects = serverDeps.dialogs?.effects ?? (await openEffectSink(storage.db, log, approvals));
      const dialogs = createBotDialogs({ config, engine, answer, kv: storage.kv }, effects, serverDeps.dialogs);
      approvals.setProcedureSettler(procedureSettler(approvals.procedures, dialogs.runner));
      deps = { config, engine, answer, llm, log, dialogs, approvals, ...storage };
      const running = approvals;
      const web = createWeb({
        config,
        log,
        engine,
        approvals: () => running.approvals,
        afterChange: () => running.nudge(),
        now: () => running.now(),
        timeZone: config.dialogs.timeZone,
        baseUrl: () => this.url,
      });
      app = createAgentApp(adapter, deps, [...(serverDeps.extensions ?? []), web.extension]);
      const server = build(adapter, app, web);
      try {
        await new Promise<void>((resolve, reject) => {
          server.server.once('error', reject);
          server.listen(config.server.port, config.server.host, () => {
            server.server.off('error', reject);
            resolve();
          });
        });
      } catch (err) {
        await approvals.stop();
        if (!serverDeps.db) await storage.db.close().catch(() => undefined);
        throw err;
      }
      http = server;
      port = (server.server.address() as AddressInfo).port;
      log.info('server.listening', {
        host: config.server.host,
        port,
        authenticated: config.auth.enabled,
        storage: storage.db.dialect,
        llm: llm?.description ?? 'offline',
        allowedTenantCount: config.auth.allowedTenantIds.length,
      });
      return this.url;
    },

    async close() {
      closing ??= (async () => {
        if (http) {
          const s = http.server;
          await new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeIdleConnections?.();
            setTimeout(() => s.closeAllConnections?.(), 1000).unref();
          });
        }
        await approvals?.stop();
        // Answer records are written behind (bot/feedback/store.ts): what waits goes to the database now.
        await storage?.feedback.flush().catch((err: unknown) => log.error('feedback.answers_write_failed', errorFields(err)));
        if (storage && !serverDeps.db) await storage.db.close();
        log.info('server.closed', {});
      })();
      return closing;
    },
  };
}

/** Local development mode: no connection credentials, so the SDK treats callers as anonymous. */
function anonymousAuth() {
  const none = { clientId: undefined, tenantId: undefined, clientSecret: undefined };
  return { ...none, connections: new Map([['serviceConnection', { ...none }]]), connectionsMap: [{ serviceUrl: '*', connection: 'serviceConnection' }] };
}
