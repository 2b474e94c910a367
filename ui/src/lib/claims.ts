// Warranty claims from intake to settlement (issue 11): the commands of the agreed contract, as the
// screens call them, on the generated API (paid repair orders: repairs.ts).
import { getToken } from './api';
import type { components } from './generated/openapi';
import { call, type Args } from './transport';
import { withContractFields, byDue } from './claimRules';
export { byDue, dueLevel } from './claimRules';

type S = components['schemas'];

// From the generated API (the command table of the `claims` backend).
export type ClaimStage = S['ClaimStage'];
export type Remedy = S['RemedyAsked'];
export type StepName = S['ClaimStepKind'];
/** A claim on the board. */
export type ClaimSummary = S['ClaimView'];
export type ClaimDetail = S['ClaimDetailView'];
export type ClaimEvent = S['ClaimEventView'];
export type Settlement = S['SettlementView'];
export type ClaimFilter = Args<'list_claims'>;
/** A step as the page sends it; `price_paid` (a paid repair handed back) is the contract's, not yet the generated API's. */
export type ClaimStep = Args<'advance_claim'> & { price_paid?: string };

export const CLAIM_STAGES: ClaimStage[] = [
  'registered',
  'at_service',
  'back_from_service',
  'customer_informed',
  'handed_back',
  'settled',
  'rejected',
  'closed',
];
export const REMEDIES: Remedy[] = ['repair', 'replacement', 'price_reduction', 'refund'];

export type ClaimDocumentKind = 'intake' | 'settlement' | 'rejection';

/** The board: what falls due first comes first (the server's order is kept where it says the same). */
export function listClaimsBoard(f: { stage?: string | null; q?: string | null; overdue_only?: boolean | null }): Promise<ClaimSummary[]> {
  // "overdue only" is applied here: the server's ClaimFilter reads `overdue_only=true` from a query
  // string as a string (400 BAD_INPUT) — it lacks the bool_or_text reader QueueFilter.open_only has
  return call('list_claims', { stage: f.stage || null, q: f.q?.trim() || null, overdue_only: null }, getToken()).then((list) =>
    list
      .map((c) => withContractFields(c))
      .filter((c) => !f.overdue_only || c.overdue)
      .sort(byDue),
  );
}

export function getClaim(id: number): Promise<ClaimDetail> {
  return call('get_claim', { id }, getToken());
}

export function advanceClaim(step: ClaimStep): Promise<ClaimDetail> {
  return call('advance_claim', step, getToken());
}

export function settleClaim(input: Args<'settle_claim'>): Promise<ClaimDetail> {
  return call('settle_claim', input, getToken());
}

export function claimDocument(id: number, kind: ClaimDocumentKind, lang: string, layout: 'a4' | '80mm' = 'a4'): Promise<Blob> {
  return call('claim_document', { id, kind, lang, layout }, getToken());
}

/** The store's complaint register of a year as a file (CSV or PDF). */
export function exportRegister(year: number, format: 'csv' | 'pdf', lang: string): Promise<Blob> {
  return call('export_register', { year, format, lang }, getToken());
}

/** Offers a Blob as a file download (in the browser; the shell opens it the same way). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Opens a PDF in a new tab (the slips open so too). */
export function openPdf(blob: Blob): void {
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
