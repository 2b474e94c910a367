// The approval queue (docs/api.md, issue 12): a clerk sends a case that needs a manager and
// serves the next customer; every manager's desk of the store sees the queue live and decides;
// the clerk's desk sees the answer live and completes the return.
//
// `queue` is the store's queue as this desk may see it (a manager: the store's open cases; a
// clerk: the cases sent from their desk), kept live (lib/liveQueue.svelte.ts) by ONE loop on
// watch_queue while someone is signed in: the server answers as soon as the queue's version moves
// past the one we hold (any desk, any process), or after ~25 s with the same version; the loop
// asks again at once.
import { listQueue, watchQueue, type QueuedCase } from './api';
import { tk } from './i18n/index.svelte';
import { LiveQueue } from './liveQueue.svelte';

export type { QueuedCase, QueueView, QueueState, QueueReasonCode } from './api';

/** The live queue of this desk: a manager, the store's open cases; a clerk, those sent from their desk. */
export const queue = new LiveQueue<QueuedCase>({ list: (token) => listQueue(true, token), watch: watchQueue });

/** Cases waiting for a manager's decision. */
export function waiting(cases: QueuedCase[]): QueuedCase[] {
  return cases.filter((c) => c.state === 'waiting');
}

/** A case this desk has just changed: shown at once, before the push brings it. */
export function upsert(c: QueuedCase): void {
  queue.upsert(c);
}

/** Reads the queue again now (after the server refused a change: another desk was first). */
export function refreshQueue(): Promise<void> {
  return queue.refresh();
}

/** Keeps the queue live for this session (null: nobody at the desk). */
export function watchFor(token: string | null): void {
  queue.watchFor(token);
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
