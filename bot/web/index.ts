// The teams-js pages inside the bot server: pages and assets, their API, and the bot's dialog invokes.
//
//   const web = createWeb({ config, log, engine, approvals: () => rt?.approvals, baseUrl: () => server.url });
//   web.register(restifyServer);                 // GET /tab/requests, /dialog/carry-out, /web/assets/*, /api/web/*
//   createAgentApp(adapter, deps, [web.extension]);   // task/fetch, task/submit

import type { Server } from 'restify';
import type { Approvals } from '../../approvals';
import type { KnowledgeEngine } from '../../knowledge/types';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { BotExtension } from '../routing';
import { registerApi } from './api';
import { dialogInvokes } from './dialog-invoke';
import { identify } from './identity';
import { webSettings, type WebSettings } from './settings';
import { createSsoVerifier } from './sso';
import { registerPages } from './static';

export interface WebOptions {
  config: Config;
  log: Logger;
  engine: KnowledgeEngine;
  approvals: () => Approvals | undefined;
  /** The server's own URL, used for the dialog URL when no public host is configured (local development). */
  baseUrl: () => string;
  timeZone?: string;
  /** The workflow's clock (dates typed in the form are checked against it). */
  now?: () => Date;
  /** Called after a decision or a new request was stored (e.g. the approvals' outbox nudge). */
  afterChange?: () => void;
}

export interface WebPages {
  readonly settings: WebSettings;
  register(server: Server): void;
  readonly extension: BotExtension;
}

export function createWeb(o: WebOptions): WebPages {
  const settings = webSettings(o.config);
  const verifier = settings.sso ? createSsoVerifier(settings.sso) : undefined;
  const dialogUrl = () => `${settings.publicUrl ?? o.baseUrl()}/dialog/carry-out`;
  return {
    settings,
    register(server) {
      registerPages(server, {
        assetsDir: settings.assetsDir,
        frameAncestors: settings.frameAncestors,
        devIdentity: settings.devIdentity,
        log: o.log,
        ...(settings.botAppId ? { botAppId: settings.botAppId } : {}),
        ...(settings.teamsAppId ? { teamsAppId: settings.teamsAppId } : {}),
      });
      registerApi(server, {
        log: o.log,
        engine: o.engine,
        approvals: o.approvals,
        identify: (headers) => identify(headers, { devIdentity: settings.devIdentity, ...(verifier ? { verifier } : {}) }),
        ...(o.timeZone ? { timeZone: o.timeZone } : {}),
        ...(o.now ? { now: o.now } : {}),
        ...(o.afterChange ? { afterChange: o.afterChange } : {}),
      });
    },
    extension: dialogInvokes({
      engine: o.engine,
      approvals: o.approvals,
      dialogUrl,
      log: o.log,
      ...(o.timeZone ? { timeZone: o.timeZone } : {}),
      ...(o.now ? { now: o.now } : {}),
      ...(o.afterChange ? { afterChange: o.afterChange } : {}),
    }),
  };
}
