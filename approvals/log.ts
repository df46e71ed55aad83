// The logger the approvals use: event names and ids only, never names or message text (personal data).
export interface ApprovalsLogger {
  info(event: string, fields?: Record<string, string | number | boolean | undefined>): void;
  warn(event: string, fields?: Record<string, string | number | boolean | undefined>): void;
}

export const silentLogger: ApprovalsLogger = { info: () => {}, warn: () => {} };
