// Money and dates in the desk's locale. Amounts arrive as decimal strings ("12.34") and are
// converted to cents here so nothing is rounded by floating point.
import { locale } from './i18n/index.svelte';
import { desk } from './session.svelte';

export const BGN_PER_EUR = '1.95583';

/** "12.34" → 1234 (cents). */
export function toCents(amount: string | number | null | undefined): number {
  if (amount === null || amount === undefined || amount === '') return 0;
  const s = String(amount).trim();
  const neg = s.startsWith('-');
  const [whole, frac = ''] = s.replace(/^[-+]/, '').split('.');
  const cents = Number(whole || '0') * 100 + Number((frac + '00').slice(0, 2));
  // a third decimal (should not happen in the API) rounds half away from zero
  const third = Number(frac.charAt(2) || '0');
  const c = cents + (third >= 5 ? 1 : 0);
  return neg ? -c : c;
}

/** Leva → euro at the fixed rate, rounded half away from zero to the cent (as the engine does). */
export function bgnToEurCents(bgnCents: number, rate = BGN_PER_EUR): number {
  const [w, f = ''] = rate.split('.');
  const scale = 10 ** f.length;
  const rateScaled = Number(w) * scale + Number(f || '0');
  const q = (Math.abs(bgnCents) * scale) / rateScaled;
  const r = Math.floor(q + 0.5 + 1e-9);
  return bgnCents < 0 ? -r : r;
}

const nfCache = new Map<string, Intl.NumberFormat>();
function nf(currency: string): Intl.NumberFormat {
  const key = `${locale()}|${currency}`;
  let f = nfCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(), { style: 'currency', currency, currencyDisplay: 'symbol' });
    nfCache.set(key, f);
  }
  return f;
}

export function fmtCents(cents: number, currency: string): string {
  return nf(currency).format(cents / 100);
}

export function money(amount: string | number | null | undefined, currency: string): string {
  return fmtCents(toCents(amount), currency);
}

/** For a leva amount: "69,99 лв." and its euro "35,79 €"; otherwise just the amount. */
export function moneyDual(
  amount: string | number | null | undefined,
  currency: string,
  eurRate?: string | null,
): { main: string; eur?: string } {
  const c = toCents(amount);
  if (currency === 'BGN') {
    return { main: fmtCents(c, 'BGN'), eur: fmtCents(bgnToEurCents(c, eurRate || BGN_PER_EUR), 'EUR') };
  }
  return { main: fmtCents(c, currency) };
}

function parseLocal(s: string): Date | null {
  // "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS": wall time of the store, shown as such (no TZ shift)
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(s);
  if (!m) return null;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));
}

// Times are shown in the store's time zone on the 24-hour clock, as the slips print them (Greek
// would otherwise show "4:05 μ.μ."): one clock on every screen and on paper.
const H23 = { hourCycle: 'h23' } as const;

export function date(s: string | null | undefined): string {
  if (!s) return '—';
  const d = parseLocal(s);
  if (!d) return s;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

export function dateTime(s: string | null | undefined): string {
  if (!s) return '—';
  const d = parseLocal(s);
  if (!d) return s;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', ...H23, timeZone: 'UTC' }).format(d);
}

/**
 * An instant (RFC 3339 with an offset or Z, as `created_at`, `locked_until`, approvals' `at`) shown
 * in the store's time zone; a wall time without an offset is shown as it is.
 */
/** The desk's zone before anyone signs in (from the set-up status): a lock-out's end on the sign-in screen. */
let deskZone: string | undefined;
export function setDeskZone(zone: string | null | undefined) {
  deskZone = zone ?? undefined;
}

export function instant(s: string | null | undefined, timeZone: string | undefined = desk.session?.store.time_zone ?? deskZone): string {
  if (!s) return '—';
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/.test(s)) return dateTime(s);
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  const opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', ...H23 };
  try {
    return new Intl.DateTimeFormat(locale(), { ...opts, timeZone: timeZone || undefined }).format(d);
  } catch {
    return new Intl.DateTimeFormat(locale(), opts).format(d);
  }
}

/** A decimal number given as text ("1.95583") with the desk language's decimal sign ("1,95583"). */
export function decimal(s: string | null | undefined): string {
  if (s === null || s === undefined || s === '') return '—';
  const sign = new Intl.NumberFormat(locale()).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return String(s).replace('.', sign);
}

const CLOCK_KEY = 'returndesk.clock.';

/**
 * The store's wall time now, by the desk's clock: the `store_now` the session was given at sign-in
 * (which `RETURNDESK_NOW` may fix) moved on by the time since this desk first read it. Without a
 * session: this computer's clock.
 */
export function storeNow(): Date {
  const at = desk.session?.store_now;
  const base = at ? parseLocal(at) : null;
  if (!base) return new Date(Date.now() - new Date().getTimezoneOffset() * 60_000);
  let seen = Date.now();
  try {
    const kept = Number(sessionStorage.getItem(CLOCK_KEY + at));
    if (kept) seen = kept;
    else sessionStorage.setItem(CLOCK_KEY + at, String(seen));
  } catch {
    /* storage may be unavailable: the clock starts now */
  }
  return new Date(base.getTime() + (Date.now() - seen));
}

/** The store's today as YYYY-MM-DD (for date fields and ranges), `offsetDays` away. */
export function isoToday(offsetDays = 0): string {
  const d = storeNow();
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}

/** How the desk language writes a date by hand: the order of day, month and year and the sign between them. */
export function datePattern(): { order: ('day' | 'month' | 'year')[]; sep: string } {
  const parts = new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(
    new Date(Date.UTC(2026, 10, 22)),
  );
  const order = parts.filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type) as (
    | 'day'
    | 'month'
    | 'year'
  )[];
  const sep = parts.find((p) => p.type === 'literal')?.value.trim() || '.';
  return { order, sep };
}

/** "2026-10-11" as the desk language writes it by hand: 11.10.2026, 11/10/2026. */
export function typedDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return '';
  const { order, sep } = datePattern();
  const part = { year: m[1], month: m[2], day: m[3] };
  return order.map((k) => part[k]).join(sep);
}

/**
 * A date typed by hand in the desk language's order (11.10.2026, 11/10/2026, 1.2.26 too) or as
 * 2026-10-11: its YYYY-MM-DD, or null when it is no date of the calendar.
 */
export function parseTypedDate(text: string): string | null {
  const s = text.trim();
  let y: number, mo: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) {
    [y, mo, d] = [+iso[1], +iso[2], +iso[3]];
  } else {
    const nums = s.split(/[^\d]+/).filter(Boolean);
    if (nums.length !== 3) return null;
    const { order } = datePattern();
    const got: Record<string, number> = {};
    order.forEach((k, i) => (got[k] = Number(nums[i])));
    [y, mo, d] = [got.year, got.month, got.day];
    if (nums[order.indexOf('year')].length === 2) y += 2000;
  }
  if (!(y >= 2000 && y <= 2100) || !(mo >= 1 && mo <= 12) || !(d >= 1 && d <= 31)) return null;
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCMonth() !== mo - 1) return null;
  return t.toISOString().slice(0, 10);
}
