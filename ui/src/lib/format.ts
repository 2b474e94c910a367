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
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d);
}

/**
 * An instant (RFC 3339 with an offset or Z, as `created_at`, `locked_until`, approvals' `at`) shown
 * in the store's time zone; a wall time without an offset is shown as it is.
 */
export function instant(s: string | null | undefined, timeZone: string | undefined = desk.session?.store.time_zone): string {
  if (!s) return '—';
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/.test(s)) return dateTime(s);
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  const opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale(), { ...opts, timeZone: timeZone || undefined }).format(d);
  } catch {
    return new Intl.DateTimeFormat(locale(), opts).format(d);
  }
}

/** Today as YYYY-MM-DD in local time (for date inputs). */
export function isoToday(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
