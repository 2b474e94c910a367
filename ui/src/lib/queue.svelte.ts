// The approval queue (docs/api.md, issue 12): a clerk sends a case that needs a manager and
// serves the next customer; every manager's desk of the store sees the queue live and decides;
// the clerk's desk sees the answer live and completes the return.
//
// `queue` is the store's queue as this desk may see it (a manager: the store's open cases; a
// clerk: the cases sent from their desk), kept live by ONE loop on watch_queue while someone is
// signed in: the server answers as soon as the queue's version moves past the one we hold (any
// desk, any process), or after ~25 s with the same version; the loop asks again at once.
import { listQueue, watchQueue, type QueuedCase, type QueueView } from './api';
import { tk } from './i18n/index.svelte';

export type { QueuedCase, QueueView, QueueState, QueueReasonCode } from './api';

/** The live queue of this desk. */
export const queue = $state<{ version: number; cases: QueuedCase[]; loaded: boolean; error: unknown }>({
  version: -1,
  cases: [],
  loaded: false,
  error: null,
});

/** Cases waiting for a manager's decision. */
export function waiting(cases: QueuedCase[]): QueuedCase[] {
  return cases.filter((c) => c.state === 'waiting');
}

/** A case this desk has just changed (sent, decided, withdrawn): shown at once, before the push brings it. */
export function upsert(c: QueuedCase): void {
  const i = queue.cases.findIndex((x) => x.id === c.id);
  const open = c.state !== 'completed' && c.state !== 'withdrawn';
  if (i >= 0) {
    if (open) queue.cases[i] = c;
    else queue.cases.splice(i, 1);
  } else if (open) queue.cases.push(c);
}

// An answer with the same version still refreshes the cases: how long each has waited, and
// whether it is overdue, are the server's as of its answer.
function apply(v: QueueView): void {
  queue.version = v.version;
  queue.cases = v.cases;
  queue.loaded = true;
}

let generation = 0;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads the queue again now (after an error answered by the server: "decided by another manager"). */
export async function refreshQueue(): Promise<void> {
  try {
    const v = await listQueue();
    queue.version = v.version;
    queue.cases = v.cases;
    queue.loaded = true;
    queue.error = null;
  } catch (e) {
    queue.error = e;
  }
}

/**
 * Keeps `queue` live for the session `token` until the next call (another session, a lock, a
 * sign-out: `null`). An answer for an earlier session is dropped.
 */
export function watchFor(token: string | null): void {
  const mine = ++generation;
  queue.version = -1;
  queue.cases = [];
  queue.loaded = false;
  queue.error = null;
  if (!token) return;
  void (async () => {
    let failures = 0;
    while (mine === generation) {
      try {
        const v = queue.loaded ? await watchQueue(queue.version, token) : await listQueue(true, token);
        if (mine !== generation) return;
        apply(v);
        queue.error = null;
        failures = 0;
      } catch (e) {
        if (mine !== generation) return;
        queue.error = e;
        failures++;
        // a session that ended stops the loop (the desk signs in again and starts a new one)
        if ((e as { code?: string }).code === 'UNAUTHENTICATED') return;
        await pause(Math.min(10_000, 1000 * failures));
      }
    }
  })();
}

/** A manager or an administrator decides cases in the queue. */
export function approves(role: string): boolean {
  return role === 'manager' || role === 'administrator';
}

/** The cases this person sent, newest last. */
export function sentBy(login: string): QueuedCase[] {
  return queue.cases.filter((c) => c.requested_by.login === login);
}

/** What asks for this person's attention: a manager, the cases waiting; a clerk, their cases a manager has answered. */
export function attention(login: string, role: string): number {
  if (approves(role)) return waiting(queue.cases).length;
  return sentBy(login).filter((c) => c.state === 'approved' || c.state === 'declined').length;
}

/**
 * A recorded approval's reason as the desk shows it: a decision taken in the queue is recorded
 * as "<reason code>: <the manager's words>" (the code as the wire names it); the code is said
 * in the desk's language.
 */
export function approvalReason(reason: string): string {
  const m = /^(goodwill|store_error|loyal_customer|other)(?::\s*([\s\S]*))?$/.exec(reason);
  if (!m) return reason;
  const label = tk(`q_reason_${m[1]}`);
  return m[2] ? `${label}: ${m[2]}` : label;
}
