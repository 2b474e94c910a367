// The customer view (issue 13): what the desk is doing, shown to the customer in THEIR language.
//
// How the desk's state reaches it: the desk publishes a structured display state to the server
// for its own desk (`show_customer`: the receipt's lines, each line's decision, the refund and its
// tenders, or "rate us" with the return or claim to rate), and the customer view of the same desk
// long-polls it (`watch_customer`, like the approval queue's watch). The state never carries the
// clerk's words: the view says everything itself, in the language the customer picks on it.
// Server-side, because it works the same in both doors: a second Tauri window (its own webview,
// sharing no memory or storage with the desk's) and a second browser window (window.open) both
// call the same commands of the same process.
import type { components } from './generated/openapi';
import type { ReturnDraftStore } from './returnDraft.svelte';
import { call, isTauri } from './transport';
import { invoke } from '@tauri-apps/api/core';

type S = components['schemas'];
export type DisplayState = S['DisplayState'];
export type DisplayView = S['DisplayView'];
export type DisplayLine = S['DisplayLine'];
export type FeedbackSubject = S['FeedbackSubject'];
export type FeedbackView = S['FeedbackView'];
export type ManagerKpis = S['ManagerKpis'];

export const IDLE: DisplayState = {
  phase: 'idle',
  receipt_number: null,
  currency: null,
  resolution: null,
  lines: [],
  refund: null,
  tenders: [],
  subject: null,
};

/** What the customer should see of the return at the desk now. */
export function displayOf(store: ReturnDraftStore): DisplayState {
  const receipt = store.receipt;
  if (!receipt) return IDLE;
  const name = (line: number) => receipt.lines.find((l) => l.line === line)?.name ?? '';
  const done = store.done;
  if (done && done.status !== 'awaiting_manager') {
    const d = done.decision;
    // a return that only registered warranty claims is rated as the claim; anything else as the return
    const onlyClaims = done.claims.length > 0 && d.lines.every((l) => l.outcome === 'warranty_claim');
    return {
      phase: 'rate',
      receipt_number: receipt.number,
      currency: d.currency,
      resolution: done.request.resolution,
      lines: d.lines.map((l) => ({ name: name(l.line), qty: l.qty, outcome: l.outcome, refund: l.refund })),
      refund: d.totals.refund,
      tenders: d.tenders.filter((t) => Number(t.amount) > 0).map((t) => ({ tender: t.type, amount: t.amount })),
      subject: onlyClaims ? { kind: 'claim', id: done.claims[0].id } : { kind: 'return', id: done.id },
    };
  }
  const asked = Object.entries(store.rows)
    .filter(([, r]) => r.qty > 0)
    .map(([line, r]) => ({ line: Number(line), qty: r.qty }));
  const e = store.evaluation;
  if (e && asked.length > 0 && e.lines.length === asked.length) {
    return {
      phase: 'decided',
      receipt_number: receipt.number,
      currency: e.currency,
      resolution: store.resolution,
      lines: e.lines.map((l) => ({ name: name(l.line), qty: l.qty, outcome: l.outcome, refund: l.refund })),
      refund: e.totals.refund,
      tenders: e.tenders.filter((t) => Number(t.amount) > 0).map((t) => ({ tender: t.type, amount: t.amount })),
      subject: null,
    };
  }
  return {
    ...IDLE,
    phase: 'items',
    receipt_number: receipt.number,
    resolution: store.resolution,
    lines: asked.map((a) => ({ name: name(a.line), qty: a.qty, outcome: null, refund: null })),
  };
}

/**
 * Publishes the desk's display state when it changes (a state equal to the last one sent is not
 * sent again). A failure is let go: the customer view is a courtesy, never in the clerk's way.
 */
export class DisplayPublisher {
  #last = '';
  #token: () => string | null;
  constructor(token: () => string | null) {
    this.#token = token;
  }
  publish(state: DisplayState): void {
    const text = JSON.stringify(state);
    const token = this.#token();
    if (text === this.#last || !token) return;
    this.#last = text;
    call('show_customer', state, token).catch(() => {
      this.#last = '';
    });
  }
}

/** Waits for the desk's display state to be newer than `after`. */
export function watchCustomer(after: number, token: string): Promise<DisplayView> {
  return call('watch_customer', { after }, token);
}

/** The customer's rating of what `subject` names. */
export function giveFeedback(subject: FeedbackSubject, rating: number, comment: string, lang: string, token: string): Promise<FeedbackView> {
  const target = subject.kind === 'claim' ? { claim_id: subject.id } : { return_id: subject.id };
  return call('give_feedback', { ...target, rating, comment, lang }, token);
}

/** The manager's figures for the session's store. */
export function managerKpis(token: string | null): Promise<ManagerKpis> {
  return call('manager_kpis', {}, token);
}

/** The customer view's address: the same app, at #/customer (the token for a window that has none). */
export function customerViewUrl(token: string | null): string {
  return `#/customer${token ? `?t=${encodeURIComponent(token)}` : ''}`;
}

/**
 * Opens the customer display: in the desktop app a window of its own (made by the Tauri shell,
 * `open_customer_display`), in a browser a second window of the same origin.
 */
export async function openCustomerDisplay(token: string | null): Promise<void> {
  if (isTauri()) {
    await invoke('open_customer_display', { view: customerViewUrl(token) });
    return;
  }
  const url = new URL(window.location.href);
  url.hash = customerViewUrl(token);
  window.open(url.toString(), 'returndesk-customer', 'popup,width=1024,height=768');
}
