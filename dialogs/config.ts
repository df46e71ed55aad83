// Settings of the guided procedures, from the environment (validated with zod; the bot passes them to the runner).

import { z } from 'zod';
import { DEFAULT_TIME_ZONE } from './dates';

const positive = (def: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === '' ? def : Number(v)))
    .pipe(z.number().positive().max(max));

const schema = z.object({
  DIALOG_IDLE_HOURS: positive(24, 24 * 30),
  DIALOG_CONFIRM_MINUTES: positive(30, 24 * 60),
  DIALOG_FOLLOWUP_DAYS: positive(90, 3660),
  DIALOG_TIME_ZONE: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : DEFAULT_TIME_ZONE))
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'unknown time zone'),
});

export interface DialogSettings {
  idleTtlMs: number;
  confirmTtlMs: number;
  parkedTtlMs: number;
  timeZone: string;
}

/** Reads DIALOG_IDLE_HOURS (24), DIALOG_CONFIRM_MINUTES (30), DIALOG_FOLLOWUP_DAYS (90), DIALOG_TIME_ZONE (Asia/Tokyo). */
export function dialogSettingsFromEnv(env: Record<string, string | undefined> = process.env): DialogSettings {
  const r = schema.safeParse(env);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new Error(`Invalid dialog setting ${String(first?.path[0] ?? '')}: ${first?.message ?? 'invalid'}`);
  }
  const c = r.data;
  return {
    idleTtlMs: c.DIALOG_IDLE_HOURS * 3_600_000,
    confirmTtlMs: c.DIALOG_CONFIRM_MINUTES * 60_000,
    parkedTtlMs: c.DIALOG_FOLLOWUP_DAYS * 86_400_000,
    timeZone: c.DIALOG_TIME_ZONE,
  };
}
