// Typed functions for every command of docs/api.md. Screens call these, never fetch/invoke.
// The types are the server's (generated from the Rust types: ./generated/openapi.ts), under the
// names the screens use; only what the UI alone knows is written here.
import type { components } from './generated/openapi';
import { call, type Args, type Loose } from './transport';

type S = components['schemas'];

export type Session = S['SessionView'];
export type Resolution = S['Resolution'];
/** Why the customer brings it back. */
export type Reason = S['ReturnReason'];
export type Condition = S['Condition'];
export type ReceiptView = S['ReceiptView'];
export type ReceiptLine = S['ReceiptLineView'];
export type ReceiptSummary = S['ReceiptSummary'];
/** The server's verdict on one line of a decision. */
export type EvaluatedLine = S['LineDecision'];
/** The facts behind a line's verdict (answered by evaluateReturn only). */
export type ExplanationFacts = S['LineFacts'];
/** A decision as recorded with a return (no facts, no desk verdict). */
export type Decision = S['Decision'];
/** A decision on a draft, with the facts behind it and what the desk may do with it (the server's verdict). */
export type Evaluation = S['EvaluationView'];
export type ReturnView = S['ReturnView'];
export type ReturnSummary = S['ReturnSummaryView'];
export type ClaimView = S['ClaimView'];
export type Settings = S['SettingsView'];
export type AuditAction = S['AuditAction'];
export type AuditEntry = S['AuditEntryView'];
export type AuditPage = S['AuditPageView'];
/** A manager's decision, given at the desk inside confirmReturn. */
export type ApprovalDecision = S['ManagerInput'];

/** A return as the desk asks for it (evaluateReturn, confirmReturn). */
export type ReturnDraft = Omit<Loose<S['DraftInput']>, 'idempotency_key' | 'manager'>;

export type Lang = 'en' | 'bg' | 'ru' | 'el';
export type SlipLayout = '80mm' | 'a4';
/** Which document of a return: its slip, its voucher, or one of its warranty claims (by id). */
export type ReturnDocument = { kind: 'slip' } | { kind: 'voucher' } | { kind: 'claim'; claim: number };

function documentArgs(doc: ReturnDocument): { document: S['DocumentKind']; claim?: number } {
  return doc.kind === 'claim' ? { document: 'claim', claim: doc.claim } : { document: doc.kind };
}

let token: string | null = null;
export function setToken(t: string | null): void {
  token = t;
}
export function getToken(): string | null {
  return token;
}

export async function signIn(login: string, pin: string, terminal: string): Promise<Session> {
  const s = await call('sign_in', { login, pin, terminal });
  token = s.token;
  return s;
}

export async function signOut(): Promise<void> {
  try {
    await call('sign_out', {}, token);
  } finally {
    token = null;
  }
}

export function lookupReceipt(code: string): Promise<ReceiptView> {
  return call('lookup_receipt', { code }, token);
}

/** A customer's receipts by phone, e-mail or name, where the sale recorded who bought. */
export function findReceiptsByCustomer(q: string): Promise<ReceiptSummary[]> {
  return call('find_receipts_by_customer', { q }, token);
}

export function findReceiptsByCard(last4: string, from: string, to: string): Promise<ReceiptSummary[]> {
  return call('find_receipts_by_card', { last4, from, to }, token);
}

export function evaluateReturn(draft: ReturnDraft): Promise<Evaluation> {
  return call('evaluate_return', draft, token);
}

/** Records the return; `manager` carries a manager's decision taken at the desk (approve/decline, overrides). */
export function confirmReturn(draft: ReturnDraft, idempotencyKey: string, manager?: ApprovalDecision): Promise<ReturnView> {
  const { preview_overrides: _preview, preview_deductions: _deductions, ...rest } = draft;
  return call('confirm_return', { ...rest, idempotency_key: idempotencyKey, ...(manager ? { manager } : {}) }, token);
}

/** Empty means "any" (null: over HTTP the parameter is left out, in Tauri the server reads no date from ""). */
export function listReturns(q = '', from = '', to = ''): Promise<ReturnSummary[]> {
  return call('list_returns', { q: q || null, from: from || null, to: to || null }, token);
}

export function getReturn(returnId: number): Promise<ReturnView> {
  return call('get_return', { id: returnId }, token);
}

/** A document of the return as a PDF Blob (HTTP: bytes; Tauri: base64 decoded). */
export function returnSlip(
  returnId: number,
  lang: Lang,
  layout: SlipLayout = '80mm',
  doc: ReturnDocument = { kind: 'slip' },
): Promise<Blob> {
  return call('return_slip', { id: returnId, lang, layout, ...documentArgs(doc) }, token);
}

export function printSlip(
  returnId: number,
  lang: Lang,
  layout: SlipLayout = '80mm',
  doc: ReturnDocument = { kind: 'slip' },
): Promise<S['Printed']> {
  return call('print_slip', { id: returnId, lang, layout, ...documentArgs(doc) }, token);
}

export function listClaims(status = ''): Promise<ClaimView[]> {
  return call('list_claims', { status: status || null }, token);
}

export function getSettings(): Promise<Settings> {
  return call('get_settings', {}, token);
}

/** Chooses the store's printer (the only setting the desk changes; the policy is published with importPolicy). */
export function putSettings(s: Loose<S['PutSettings']>): Promise<Settings> {
  return call('put_settings', s, token);
}

/** A manager changes the store's details printed on its documents (name, address, VAT id, company id, phone). */
export function putStoreDetails(d: S['StoreDetails']): Promise<S['StoreDetails']> {
  return call('put_store_details', d, token);
}

/** The versions of the store's policy, latest first: in force from, who published each and when. */
export function listPolicyVersions(): Promise<S['PolicyVersionEntry'][]> {
  return call('list_policy_versions', {}, token);
}

/** Checks a policy as it is edited, publishing nothing: refused as publishing would be, else the version it would become. */
export function checkPolicy(p: Loose<S['ImportPolicy']>): Promise<S['PolicyCheck']> {
  return call('check_policy', p, token);
}

export function importPolicy(p: Loose<S['ImportPolicy']>): Promise<S['PolicyVersionView']> {
  return call('import_policy', p, token);
}

/** A manager lets a locked-out user try their PIN again, at every desk. */
export function unlockUser(login: string): Promise<S['Unlocked']> {
  return call('unlock_user', { login }, token);
}

// Every action of the audit trail, in the order the filter lists them (the Record keeps this
// list complete: a new action on the server fails `npm run check` until it is added here).
const AUDIT_ACTION_SET: Record<AuditAction, true> = {
  return_confirmed: true,
  override_approved: true,
  override_rejected: true,
  document_printed: true,
  settings_changed: true,
  policy_imported: true,
  user_changed: true,
  sign_in: true,
  sign_in_failed: true,
  locked_out: true,
  unlocked: true,
  return_queued: true,
  queued_decided: true,
  queued_completed: true,
  queued_withdrawn: true,
  claim_step: true,
  claim_settled: true,
  repair_opened: true,
  repair_step: true,
  repair_paid: true,
  // ---- Issue 14: vouchers ----
  voucher_redeemed: true,
  voucher_voided: true,
  // ---- Issue 14: exchanges ----
  exchange_confirmed: true,
  exchange_due_paid: true,
  // ---- Issue 14: noreceipt ----
  unverified_return: true,
  goodwill_refund: true,
  // ---- Issue 13: feedback ----
  feedback_given: true,
};
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_SET) as AuditAction[];

/** What the audit screen filters by; empty means "any" (sent as null). */
export interface AuditFilter {
  user: string;
  action: AuditAction | '';
  from: string;
  to: string;
}

/** A page of the store's audit trail, newest first (managers); `beforeSeq` pages back. */
export function listAudit(f: AuditFilter, beforeSeq: number | null = null, limit = 50): Promise<AuditPage> {
  return call(
    'list_audit',
    { user: f.user.trim() || null, action: f.action || null, from: f.from || null, to: f.to || null, before_seq: beforeSeq, limit },
    token,
  );
}

// The approval queue (issue 12): lib/queue.svelte.ts keeps it live for the screens.
/** One case of the approval queue (a return sent to the store's managers). */
export type QueuedCase = S['QueuedCase'];
export type QueueView = S['QueueView'];
export type QueueState = S['QueueState'];
export type QueueReasonCode = S['DecisionReason'];

/** Sends the draft to the managers' queue; the same key gives back the same case. */
export function queueReturn(input: Args<'queue_return'>): Promise<QueuedCase> {
  return call('queue_return', input, token);
}

/** The queue as this desk sees it (open cases unless `openOnly` is false). */
export function listQueue(openOnly = true, session = token): Promise<QueueView> {
  return call('list_queue', { open_only: openOnly }, session);
}

/** Answers when the queue's version is past `after` (or after ~25 s with the same one). */
export function watchQueue(after: number, session: string | null): Promise<QueueView> {
  return call('watch_queue', { after }, session);
}

/** The signed-in manager approves or declines a waiting case. */
export function decideQueued(input: Args<'decide_queued'>): Promise<QueuedCase> {
  return call('decide_queued', input, token);
}

/** The clerk takes back a waiting case. */
export function withdrawQueued(id: number): Promise<QueuedCase> {
  return call('withdraw_queued', { id }, token);
}

/** Records the return a manager decided in the queue: the queued draft, with `queued_id` (approved: pays what was approved; declined: recorded as declined). */
export function completeQueued(c: QueuedCase, idempotencyKey: string): Promise<ReturnView> {
  const { receipt_id, resolution, lines, customer } = c.draft;
  return call('confirm_return', { receipt_id, resolution, lines, customer, idempotency_key: idempotencyKey, queued_id: c.id }, token);
}

// ---- Issue 14: exchanges ----
export type ProductView = S['ProductView'];
export type ExchangeQuote = S['ExchangeQuote'];
export type ExchangeView = S['ExchangeView'];
export type DifferenceTender = S['DifferenceTender'];
/** A new item as the clerk scanned it: SKU or barcode, how many. */
export interface NewItemInput {
  sku: string;
  qty: number;
}

/** A product of the catalogue by SKU or barcode (404: none). */
export function findProduct(code: string): Promise<ProductView> {
  return call('find_product', { code }, token);
}

function exchangeArgs(draft: ReturnDraft, items: NewItemInput[], tender: DifferenceTender | null) {
  const { preview_overrides: _p, preview_deductions: _d, resolution: _r, ...rest } = draft;
  return { ...rest, new_items: items.map((i) => ({ sku: i.sku, qty: i.qty })), difference_tender: tender };
}

/** V (the returned lines' value), N (the new items' price) and the difference, before confirming. */
export function evaluateExchange(
  draft: ReturnDraft,
  items: NewItemInput[],
  tender: DifferenceTender | null,
  overrides: number[] = [],
): Promise<ExchangeQuote> {
  // the manager's ticked overrides are previewed in the quote too (the value of the lines they would let back)
  return call('evaluate_exchange', { ...exchangeArgs(draft, items, tender), preview_overrides: overrides.length ? overrides : null }, token);
}

/** Records the exchange: the return, the exchange number and the new receipt (the same key answers once). */
export function confirmExchange(
  draft: ReturnDraft,
  items: NewItemInput[],
  tender: DifferenceTender | null,
  idempotencyKey: string,
  manager: ApprovalDecision | null = null,
): Promise<ExchangeView> {
  return call('confirm_exchange', { ...exchangeArgs(draft, items, tender), idempotency_key: idempotencyKey, manager }, token);
}

/** The exchange document as a PDF Blob. */
export function exchangeDocument(id: number, lang: Lang, layout: SlipLayout = 'a4'): Promise<Blob> {
  return call('exchange_document', { id, lang, layout }, token);
}
