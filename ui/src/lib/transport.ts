// The ONE place that decides how the UI reaches the service layer (docs/api.md):
// inside the Tauri shell through `invoke(command, {args})`, in a browser through the
// same-origin HTTP API served by `returndesk serve`. Everything else goes through api.ts.
import { invoke } from '@tauri-apps/api/core';

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

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** How the same call looks over HTTP. */
export interface HttpRoute {
  method: Method;
  path: string;
  query?: Record<string, string | undefined | null>;
  body?: unknown;
  /** The answer is bytes (HTTP) / a base64 string (Tauri); the caller gets a Blob. */
  binary?: { type: string };
}

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
 * @param command Tauri command name (also the docs/api.md name)
 * @param args    the command's JSON input (for Tauri: passed as `{args}`, with `token` inside)
 * @param route   the HTTP form of the same call
 * @param token   session token (Bearer over HTTP, `token` in args for Tauri)
 */
export async function call<T>(
  command: string,
  args: Record<string, unknown>,
  route: HttpRoute,
  token?: string | null,
): Promise<T> {
  if (isTauri()) {
    try {
      const payload = token ? { ...args, token } : { ...args };
      const out = await invoke<unknown>(command, { args: payload });
      if (route.binary) return base64ToBlob(String(out), route.binary.type) as T;
      return out as T;
    } catch (e) {
      throw toApiError(e);
    }
  }

  const url = new URL(route.path, window.location.href);
  for (const [k, v] of Object.entries(route.query ?? {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  }
  const headers: Record<string, string> = { Accept: route.binary ? route.binary.type : 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (route.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(route.body);
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
  if (route.binary) return (await res.blob()) as T;
  if (res.status === 204) return {} as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as T;
}
