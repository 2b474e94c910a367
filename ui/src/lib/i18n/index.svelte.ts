// Current desk language (remembered in localStorage), message lookup and locale formats.
import { en, type MessageKey, type Messages } from './en';
import { bg } from './bg';
import { ru } from './ru';
import { el } from './el';
import type { Lang } from '../api';

export const LANGS: { code: Lang; label: string; locale: string }[] = [
  { code: 'en', label: 'English', locale: 'en-GB' },
  { code: 'bg', label: 'Български', locale: 'bg-BG' },
  { code: 'ru', label: 'Русский', locale: 'ru-RU' },
  { code: 'el', label: 'Ελληνικά', locale: 'el-GR' },
];

export const DICTS: Record<Lang, Messages> = { en, bg, ru, el };
const STORAGE_KEY = 'returndesk.lang';

function initial(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && saved in DICTS) return saved as Lang;
  } catch {
    /* storage may be unavailable */
  }
  const nav = (typeof navigator !== 'undefined' ? navigator.language : 'en').slice(0, 2);
  return nav in DICTS ? (nav as Lang) : 'en';
}

export const i18n = $state<{ lang: Lang }>({ lang: initial() });

export function setLang(l: Lang): void {
  i18n.lang = l;
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    /* ignore */
  }
  document.documentElement.lang = l;
}

export function locale(): string {
  return LANGS.find((l) => l.code === i18n.lang)!.locale;
}

export type Params = Record<string, string | number | null | undefined>;

export function interpolate(s: string, params?: Params): string {
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] === undefined || params[k] === null ? m : String(params[k])));
}

/** Translate a key in the current language (reactive: reads i18n.lang). */
export function t(key: MessageKey, params?: Params): string {
  const dict = DICTS[i18n.lang] ?? en;
  return interpolate(dict[key] ?? en[key] ?? key, params);
}

/** Translate a key built at run time (an outcome, a code…), falling back to `fallback`. */
export function tk(key: string, params?: Params, fallback?: string): string {
  const dict = DICTS[i18n.lang] as Record<string, string>;
  const s = dict[key] ?? (en as Record<string, string>)[key];
  return s === undefined ? (fallback ?? key) : interpolate(s, params);
}

/** "3 days" / "3 дни" / "3 дня" / "5 дней" with the locale's plural rules. */
export function days(n: number): string {
  const cat = new Intl.PluralRules(locale()).select(n);
  const key = (['one', 'few', 'many'].includes(cat) ? `days_${cat}` : 'days_other') as MessageKey;
  return t(key, { n });
}

/** A period as the server says it ("1 month", "45 days") in the desk's language; other text as it is. */
export function period(text: string): string {
  const m = /^(\d+) (day|days|month|months)$/.exec(text.trim());
  if (!m) return text;
  const n = Number(m[1]);
  if (m[2].startsWith('day')) return days(n);
  const cat = new Intl.PluralRules(locale()).select(n);
  const key = (['one', 'few', 'many'].includes(cat) ? `months_${cat}` : 'months_other') as MessageKey;
  return t(key, { n });
}
