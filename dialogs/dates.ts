// Japanese dates as people type them (4月10日, 4/10, 2026-04-10, 明日, 10日) → ISO dates (YYYY-MM-DD).
// Everything is computed in the office's time zone (Asia/Tokyo by default), never the server's.

export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** One formatter per time zone: creating an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    // Time zones come from configuration; the bound only guards against a caller passing arbitrary strings.
    if (formatters.size >= 32) formatters.clear();
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The last date computed per time zone, with the second it holds for: every turn asks for today's date, and a
 * date can only change on a whole second (time zone offsets, even historical ones, are whole seconds).
 */
const lastDate = new Map<string, { second: number; date: string }>();

/** The calendar date of `now` in `timeZone`, as YYYY-MM-DD. */
export function todayIn(now: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const second = Math.floor(now.getTime() / 1000);
  const last = lastDate.get(timeZone);
  if (last && last.second === second) return last.date;
  const parts = dateFormatter(timeZone).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  if (Number.isFinite(second)) {
    if (lastDate.size >= 32) lastDate.clear();
    lastDate.set(timeZone, { second, date });
  }
  return date;
}

function toIso(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  return m !== null && toIso(Number(m[1]), Number(m[2]), Number(m[3])) === s;
}

function ymd(iso: string): [number, number, number] {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error('not an ISO date');
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = ymd(iso);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = ymd(a);
  const [yb, mb, db] = ymd(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];

/** 2026年4月10日(金) */
export function formatJa(iso: string): string {
  const [y, m, d] = ymd(iso);
  const w = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] ?? '';
  return `${y}年${m}月${d}日(${w})`;
}

const RELATIVE: Record<string, number> = {
  今日: 0, 本日: 0, きょう: 0, 明日: 1, あした: 1, あす: 1, 明後日: 2, あさって: 2, 昨日: -1, きのう: -1, 一昨日: -2, おととい: -2,
};

/** The candidate closest to `today` (to infer an omitted year or month). */
function closest(today: string, candidates: (string | null)[]): string | null {
  let best: string | null = null;
  for (const c of candidates) {
    if (c === null) continue;
    if (best === null || Math.abs(daysBetween(today, c)) < Math.abs(daysBetween(today, best))) best = c;
  }
  return best;
}

function tidy(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\([月火水木金土日]\)|[月火水木金土日]曜日?/g, '')
    .replace(/(ごろ|頃|くらい|ぐらい|中|の朝|の夜|の昼|の夕方|午前|午後)$/g, '')
    .replace(/^[(（「]|[)）」。.、,]$/g, '');
}

/**
 * One date. `anchor` (an ISO date) resolves a bare day or month/day relative to another date
 * (the start of a period); without it, the omitted parts are the ones closest to `today`.
 */
export function parseDate(text: string, today: string, anchor?: string): string | null {
  const s = tidy(text);
  if (s === '') return null;
  if (s in RELATIVE) return addDays(today, RELATIVE[s] ?? 0);
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (m) return toIso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/月](\d{1,2})日?$/.exec(s);
  if (m) {
    const mo = Number(m[1]);
    const d = Number(m[2]);
    if (anchor) {
      // the end of a period: the same year, unless it crosses New Year (12月28日〜1月5日)
      const [ay, am] = ymd(anchor);
      const same = toIso(ay, mo, d);
      if (same !== null && same < anchor && am >= 11 && mo <= 2) return toIso(ay + 1, mo, d);
      return same;
    }
    const [ty] = ymd(today);
    return closest(today, [toIso(ty - 1, mo, d), toIso(ty, mo, d), toIso(ty + 1, mo, d)]);
  }
  m = /^(\d{1,2})日$/.exec(s);
  if (m) {
    const d = Number(m[1]);
    const base = anchor ?? today;
    const [by, bm, bd] = ymd(base);
    const inMonth = (k: number) => {
      const t = new Date(Date.UTC(by, bm - 1 + k, 1));
      return toIso(t.getUTCFullYear(), t.getUTCMonth() + 1, d);
    };
    // the end of a period: the same month, unless it runs into the next one (4月28日〜3日)
    if (anchor) return d < bd && bd >= 20 && d <= 10 ? inMonth(1) : inMonth(0);
    return closest(today, [-1, 0, 1].map(inMonth));
  }
  return null;
}

const PERIOD_SEPARATORS = /から|~|〜|～|－|—|–|より/;

/** A period "from … until …"; a single date is a one-day period. Null when it cannot be read. */
export function parsePeriod(text: string, today: string): { from: string; until: string } | null {
  const s = text.normalize('NFKC').replace(/\s+/g, '').replace(/(まで|までの間|の間|の期間)$/, '');
  const parts = s.split(PERIOD_SEPARATORS).filter((p) => p !== '');
  if (parts.length === 1 && !PERIOD_SEPARATORS.test(s)) {
    // "4/10-4/12": a hyphen between two dates
    const dash = s.split('-');
    for (let i = 1; i < dash.length; i++) {
      const from = parseDate(dash.slice(0, i).join('-'), today);
      if (from === null) continue;
      const until = parseDate(dash.slice(i).join('-'), today, from);
      if (until !== null) return { from, until };
    }
    const one = parseDate(s, today);
    return one === null ? null : { from: one, until: one };
  }
  if (parts.length !== 2) return null;
  const from = parseDate(parts[0] ?? '', today);
  if (from === null) return null;
  const until = parseDate(parts[1] ?? '', today, from);
  return until === null ? null : { from, until };
}
