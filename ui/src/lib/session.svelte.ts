// Who is at the desk, which screen is shown, and the idle lock.
import { setToken, signIn, signOut, type Session } from './api';

export type Screen = 'return' | 'exceptions' | 'claims' | 'history' | 'settings' | 'audit' | 'users' /* ---- Issue 14: vouchers ---- */ | 'vouchers' /* ---- Issue 13: eod ---- */ | 'end_of_day' /* ---- Issue 13: reports ---- */ | 'reports';

const IDLE_KEY = 'returndesk.idleMinutes';
const TERMINAL_KEY = 'returndesk.terminal';
const SESSION_KEY = 'returndesk.session';

function loadSession(): Session | null {
  try {
    const s = sessionStorage.getItem(SESSION_KEY);
    return s ? (JSON.parse(s) as Session) : null;
  } catch {
    return null;
  }
}

const stored = loadSession();

export const desk = $state<{
  session: Session | null;
  locked: boolean;
  screen: Screen;
  idleMinutes: number;
  terminal: string;
  /** a return opened from another screen for the manager panel */
  openReturnId: number | null;
  /** a return to start again on the return screen (a receipt and the lines asked for) */
  prefill: {
    receipt_number: string;
    resolution: import('./api').Resolution;
    lines: Array<{ line: number; qty: number; reason: import('./api').Reason; condition: import('./api').Condition }>;
  } | null;
}>({
  session: stored,
  // a locked desk keeps who was at it, not their token: the lock ended the session
  locked: !!stored && !stored.token,
  screen: 'return',
  idleMinutes: Number(localStorage.getItem(IDLE_KEY) ?? '5') || 5,
  terminal: localStorage.getItem(TERMINAL_KEY) ?? 'DESK-1',
  openReturnId: null,
  prefill: null,
});
if (desk.session?.token) setToken(desk.session.token);

export async function doSignIn(login: string, pin: string, terminal: string): Promise<void> {
  adoptSession(await signIn(login, pin, terminal), terminal);
}

/** The desk is now `s`'s (signed in, or set up by its first administrator). */
export function adoptSession(s: Session, terminal: string): void {
  setToken(s.token);
  desk.session = s;
  desk.locked = false;
  desk.terminal = terminal;
  localStorage.setItem(TERMINAL_KEY, terminal);
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
  touch();
}

/** Managers and administrators approve, change settings and read the audit trail. */
export function approves(role: string | undefined): boolean {
  return role === 'manager' || role === 'administrator';
}

/** Only administrators keep the store's users. */
export function administers(role: string | undefined): boolean {
  return role === 'administrator';
}

export async function doSignOut(): Promise<void> {
  try {
    await signOut();
  } catch {
    /* already gone */
  }
  desk.session = null;
  desk.locked = false;
  desk.screen = 'return';
  sessionStorage.removeItem(SESSION_KEY);
}

/** Locks the desk: the session ends on the server too; the same user's PIN starts a new one. */
export async function lockNow(): Promise<void> {
  if (!desk.session || desk.locked) return;
  desk.locked = true;
  const who = { ...desk.session, token: '' };
  try {
    await signOut();
  } catch {
    /* the session may have ended already */
  }
  desk.session = who;
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(who));
}

export function setIdleMinutes(n: number): void {
  desk.idleMinutes = Math.max(1, Math.round(n));
  localStorage.setItem(IDLE_KEY, String(desk.idleMinutes));
  touch();
}

let timer: ReturnType<typeof setTimeout> | undefined;
export function touch(): void {
  if (timer) clearTimeout(timer);
  if (!desk.session || desk.locked) return;
  timer = setTimeout(lockNow, desk.idleMinutes * 60_000);
}

export function startIdleWatch(): () => void {
  const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
  const h = () => touch();
  for (const e of events) window.addEventListener(e, h, { passive: true, capture: true });
  touch();
  return () => {
    for (const e of events) window.removeEventListener(e, h, { capture: true });
    if (timer) clearTimeout(timer);
  };
}
