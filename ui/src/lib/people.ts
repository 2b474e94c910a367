// People at the desk: the first-run set-up of a store and its administrator, the store's users,
// a user's own PIN. The types are the server's (generated from the Rust types:
// ./generated/openapi.ts); only what the UI alone knows is written here.
import type { components } from './generated/openapi';
import { getToken, type Session } from './api';
import { call, type Args } from './transport';

type S = components['schemas'];

export type Role = S['Role'];
export type Jurisdiction = 'EU' | 'BG' | 'GR' | 'RU';
export type Lang = 'en' | 'bg' | 'ru' | 'el';
export type StartingPolicyView = S['StartingPolicyView'];
export type SetupStatus = S['SetupStatus'];
export type UserAccountView = S['UserAccountView'];

export function setupStatus(): Promise<SetupStatus> {
  return call('setup_status', {});
}
/** Sets up the store, its first administrator and starting policy; answers the administrator's session. */
export function setUpStore(input: Args<'set_up_store'>): Promise<Session> {
  return call('set_up_store', input);
}
export function listUsers(): Promise<UserAccountView[]> {
  return call('list_users', {}, getToken());
}
export function addUser(input: Args<'add_user'>): Promise<UserAccountView> {
  return call('add_user', input, getToken());
}
/** A full replace of what an administrator may change of a user. */
export function updateUser(input: Args<'update_user'>): Promise<UserAccountView> {
  return call('update_user', input, getToken());
}
export function resetUserPin(id: number, pin: string): Promise<UserAccountView> {
  return call('reset_user_pin', { id, pin }, getToken());
}
export function changeOwnPin(old_pin: string, new_pin: string): Promise<S['Done']> {
  return call('change_own_pin', { old_pin, new_pin }, getToken());
}

/** Currencies a store of the jurisdiction may keep its books in. */
export const CURRENCIES: Record<Jurisdiction, string[]> = { BG: ['EUR', 'BGN'], GR: ['EUR'], EU: ['EUR'], RU: ['RUB'] };
/** The usual time zones of the jurisdiction's stores (any IANA zone may be typed). */
export const TIME_ZONES: Record<Jurisdiction, string[]> = {
  BG: ['Europe/Sofia'],
  GR: ['Europe/Athens'],
  RU: ['Europe/Moscow', 'Europe/Kaliningrad', 'Europe/Samara', 'Asia/Yekaterinburg', 'Asia/Novosibirsk', 'Asia/Krasnoyarsk', 'Asia/Vladivostok'],
  EU: ['Europe/Berlin', 'Europe/Paris', 'Europe/Madrid', 'Europe/Rome', 'Europe/Amsterdam', 'Europe/Vienna', 'Europe/Warsaw', 'Europe/Bucharest', 'Europe/Dublin', 'Europe/Lisbon', 'Europe/Helsinki'],
};
/** The language a new store of the jurisdiction most likely speaks. */
export const LANGUAGE_OF: Record<Jurisdiction, Lang> = { BG: 'bg', GR: 'el', RU: 'ru', EU: 'en' };

/**
 * What is wrong with a new PIN, by the server's rules (docs/security.md), so the screen can say it
 * before asking: 'digits' (4–8 digits only) or 'easy' (one digit repeated, a run up or down).
 * The server checks again; its answer is shown as it comes.
 */
export function pinProblem(pin: string): 'digits' | 'easy' | null {
  if (!/^[0-9]{4,8}$/.test(pin)) return 'digits';
  const d = [...pin].map(Number);
  const steps = d.slice(1).map((x, i) => x - d[i]);
  if (steps.every((s) => s === 0) || steps.every((s) => s === 1) || steps.every((s) => s === -1)) return 'easy';
  return null;
}
