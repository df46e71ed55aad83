// Absolute URLs on the bot's host that the manifest and the web pages share.
import { HOST_PATHS } from './constants';

export interface AppUrls {
  /** Azure Bot messaging endpoint. */
  messagingEndpoint: string;
  /** Content URL of the personal tab 「申請」. */
  requestsTab: string;
  /** The 持ち出し申請 dialog (task module) page; its domain is in validDomains. */
  carryOutDialog: string;
}

export function appUrls(host: string): AppUrls {
  const base = `https://${host}`;
  return {
    messagingEndpoint: `${base}${HOST_PATHS.messages}`,
    requestsTab: `${base}${HOST_PATHS.requestsTab}`,
    carryOutDialog: `${base}${HOST_PATHS.carryOutDialog}`,
  };
}
