// Dates as the organisation means them: Japan Standard Time (UTC+9, no daylight saving).
export const JST_OFFSET_MS = 9 * 3600_000;

/** The instant a period's end means: a date alone is the end of that day in JST; a date-time is itself. */
export function periodEndMs(until: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(until)) return Date.parse(`${until}T00:00:00+09:00`) + 24 * 3600_000;
  return Date.parse(until);
}

/** The start of a JST calendar day (YYYY-MM-DD) as an ISO UTC string. */
export function jstDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00+09:00`)).toISOString();
}

/** YYYY-MM-DD HH:mm in JST, for people and spreadsheets. */
export function formatJst(iso: string | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const d = new Date(t + JST_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
