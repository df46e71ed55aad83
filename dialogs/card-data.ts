// The zod schema of the data this library puts on buttons, used to read card submissions back (untrusted).

import { z } from 'zod';
import { PROCEDURE_IDS, type CardData } from './types';

const procedure = z.enum(PROCEDURE_IDS);
const run = z.string().min(1).max(200);

export const cardDataSchema: z.ZodType<CardData> = z.discriminatedUnion('dialog', [
  z.looseObject({ dialog: z.literal('start'), procedure }),
  z.looseObject({ dialog: z.literal('confirmStart'), procedure, accept: z.boolean() }),
  z.looseObject({ dialog: z.literal('answer'), run, step: z.string().min(1).max(100), value: z.unknown().optional() }),
  z.looseObject({ dialog: z.literal('form'), run }),
  z.looseObject({ dialog: z.literal('command'), run, command: z.enum(['cancel', 'back', 'why', 'info', 'help', 'form', 'retry']) }),
  z.looseObject({ dialog: z.literal('resume'), run }),
]) as z.ZodType<CardData>;

/** True for a card submission meant for the procedures (the bot routes these to the runner). */
export function isDialogCardData(data: unknown): boolean {
  return typeof data === 'object' && data !== null && typeof (data as { dialog?: unknown }).dialog === 'string';
}
