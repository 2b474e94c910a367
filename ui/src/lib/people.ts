// People at the desk: the first-run set-up of a store and its administrator, the store's users,
// a user's own PIN. Types as the server answers them (docs/api.md, "People").
// HAND-WRITTEN from the agreed contract until scripts/generate-api.sh emits these commands;
// then they come from ./generated/openapi.ts like the rest of api.ts.
import { getToken, type Session } from './api';
import { call as typedCall } from './transport';

// until the generated command table names these commands (then: the typed `call` of transport.ts)
const call = typedCall as unknown as <T>(command: string, args: object, token?: string | null) => Promise<T>;
export type Role = 'clerk' | 'manager' | 'administrator';
export type Jurisdiction = 'EU' | 'BG' | 'GR' | 'RU';
export type Lang = 'en' | 'bg' | 'ru' | 'el';

export interface StartingPolicyView {
  id: string;
  jurisdiction: Jurisdiction;
  name: string;
  summary: string;
}
export interface SetupStatus {
  needs_setup: boolean;
  starting_policies: StartingPolicyView[];
}
export interface NewStoreInput {
  code: string;
  name: string;
  address: string;
  vat_id: string;
  company_id: string;
  jurisdiction: Jurisdiction;
  currency: string;
  time_zone: string;
  language: Lang;
}
export interface SetUpStore {
  store: NewStoreInput;
  administrator: { login: string; name: string; pin: string };
  starting_policy: string;
  terminal?: string;
}
export interface UserAccountView {
  id: number;
  login: string;
  name: string;
  role: Role;
  stores: string[];
  active: boolean;
  locked: boolean;
  refund_limit: string | null;
  approval_limit: string | null;
  created_at: string;
}
export interface NewUserInput {
  login: string;
  name: string;
  role: Role;
  stores?: string[];
  pin: string;
  refund_limit?: string | null;
  approval_limit?: string | null;
}
export interface UpdateUserInput {
  id: number;
  name: string;
  role: Role;
  stores: string[];
  active: boolean;
  refund_limit: string | null;
  approval_limit: string | null;
}

export function setupStatus(): Promise<SetupStatus> {
  return call<SetupStatus>('setup_status', {});
}
export function setUpStore(input: SetUpStore): Promise<Session> {
  return call<Session>('set_up_store', input);
}
export function listUsers(): Promise<UserAccountView[]> {
  return call<UserAccountView[]>('list_users', {}, getToken());
}
export function addUser(input: NewUserInput): Promise<UserAccountView> {
  return call<UserAccountView>('add_user', input, getToken());
}
export function updateUser(input: UpdateUserInput): Promise<UserAccountView> {
  return call<UserAccountView>('update_user', input, getToken());
}
export function resetUserPin(id: number, pin: string): Promise<UserAccountView> {
  return call<UserAccountView>('reset_user_pin', { id, pin }, getToken());
}
export function changeOwnPin(old_pin: string, new_pin: string): Promise<unknown> {
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
