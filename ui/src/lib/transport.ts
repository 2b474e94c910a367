// The ONE place that decides how the UI reaches the service layer (docs/api.md):
// inside the Tauri shell through `invoke(command, {args})`, in a browser through the
// same-origin HTTP API served by `returndesk serve`. Everything else goes through api.ts.
// What each command takes and answers, and its HTTP form, come from the command table
// (src/api/commands.rs) through the generated ./generated/commands.ts: nothing is listed here.
import { invoke } from '@tauri-apps/api/core';
import { routes, type CommandName, type Commands } from './generated/commands';

/**
 * A value as the UI may write it: a field that may be null (the server then takes its default)
 * may also be left out, at any depth. The generated types make such fields required.
 */
export type Loose<T> = T extends readonly (infer U)[]
  ? Loose<U>[]
  : T extends object
    ? Flat<{ [P in keyof T as null extends T[P] ? P : never]?: Loose<T[P]> } & { [P in keyof T as null extends T[P] ? never : P]: Loose<T[P]> }>
    : T;
/** One object type instead of an intersection (easier to read in the editor's hints). */
type Flat<T> = { [P in keyof T]: T[P] };

/** What a command takes, as the UI passes it (fields that may be null may be left out). */
export type Args<K extends CommandName> = Loose<Commands[K]['input']>;
/** What a command answers. */
export type Answer<K extends CommandName> = Commands[K]['output'];

/** The error object of docs/api.md: `{"error": {"code", "message", "field"?, …}}`. */
export class ApiError extends Error {
  readonly code: string;
  readonly field?: string;
  readonly status?: number;
  readonly details: Record<string, unknown>;
  constructor(code: string, message: string, details: Record<string, unknown> = {}, status?: number) {
    super(message || code);
    this.name = 'ApiError';
    this.code = code;
    this.field = typeof details.field === 'string' ? details.field : undefined;
    this.details = details;
    this.status = status;
  }
}

export function isTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

export function transportName(): 'tauri' | 'http' {
  return isTauri() ? 'tauri' : 'http';
}

function toApiError(raw: unknown, status?: number): ApiError {
  let obj: unknown = raw;
  if (typeof obj === 'string') {
    try {
      obj = JSON.parse(obj);
    } catch {
      return new ApiError(status && status >= 500 ? 'SERVER_ERROR' : 'BAD_INPUT', obj as string, {}, status);
    }
  }
  if (obj && typeof obj === 'object' && 'error' in obj) {
    const e = (obj as { error: unknown }).error;
    if (e && typeof e === 'object') {
      const rec = e as Record<string, unknown>;
      // extra facts may sit beside the code or in `details`
      const details = { ...(typeof rec.details === 'object' && rec.details ? rec.details : {}), ...rec };
      return new ApiError(String(rec.code ?? 'ERROR'), String(rec.message ?? ''), details, status);
    }
  }
  if (obj instanceof Error) return new ApiError('NETWORK', obj.message, {}, status);
  return new ApiError('ERROR', String(obj), {}, status);
}

function base64ToBlob(b64: string, type: string): Blob {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

/**
 * Call one command of the desk API.
 * @param command the command's name (Tauri command; its HTTP form is the generated `routes[command]`)
 * @param args    the command's input. Tauri: passed whole as `{args}`, with `token` inside. HTTP: `{name}`
 *                path parameters are taken from it, the rest is the query string (GET) or the JSON body.
 * @param token   session token (Bearer over HTTP, `token` in args for Tauri)
 */
export async function call<K extends CommandName>(command: K, args: Args<K>, token?: string | null): Promise<Answer<K>> {
  const route = routes[command];
  const binary = route.answers !== 'application/json';
  if (isTauri()) {
    try {
      const payload = token ? { ...args, token } : { ...args };
      const out = await invoke<unknown>(command, { args: payload });
      return (binary ? base64ToBlob(String(out), route.answers) : out) as Answer<K>;
    } catch (e) {
      throw toApiError(e);
    }
  }

  const rest: Record<string, unknown> = { ...args };
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = rest[name];
    delete rest[name];
    return encodeURIComponent(String(v));
  });
  const url = new URL(path, window.location.href);
  const headers: Record<string, string> = { Accept: route.answers };
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (route.method === 'GET') {
    for (const [k, v] of Object.entries(rest)) {
      if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
    }
  } else {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(rest);
  }
  let res: Response;
  try {
    res = await fetch(url, { method: route.method, headers, body });
  } catch (e) {
    throw new ApiError('NETWORK', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    const text = await res.text();
    throw toApiError(text || `HTTP ${res.status}`, res.status);
  }
  if (binary) return (await res.blob()) as Answer<K>;
  if (res.status === 204) return {} as Answer<K>;
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as Answer<K>;
}
