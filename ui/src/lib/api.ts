// Typed functions for every command of docs/api.md. Screens call these, never fetch/invoke.
import { call } from './transport';

export type Money = string; // "12.34"
export type IsoDate = string; // "YYYY-MM-DD"
export type LocalTime = string; // "YYYY-MM-DDTHH:MM:SS" (store wall time)
export type Instant = string; // RFC 3339 in UTC, e.g. "2026-10-11T07:00:00.123+00:00"

export type Role = 'clerk' | 'manager';
export type Resolution = 'refund' | 'store_credit' | 'exchange' | 'repair' | 'replace';
export type Reason = 'change_of_mind' | 'defective' | 'not_as_described' | 'wrong_item';
export type Condition = 'unopened' | 'opened' | 'used' | 'damaged';
export type LineOutcome = 'approved' | 'denied' | 'needs_approval' | 'warranty_claim';
export type CaseOutcome = 'approved' | 'partial' | 'denied' | 'needs_approval';
export type ReturnStatus = 'completed' | 'awaiting_manager' | 'declined';
export type Lang = 'en' | 'bg' | 'ru' | 'el';
export type SlipLayout = '80mm' | 'a4';

export interface StoreView {
  code: string;
  name: string;
  address: string;
  jurisdiction: 'EU' | 'BG' | 'GR' | 'RU' | string;
  currency: string;
  time_zone: string;
}
export interface UserView {
  id: number | string;
  login: string;
  display_name: string;
  role: Role;
}
export interface Session {
  token: string;
  user: UserView;
  store: StoreView;
}
export interface Tender {
  type: string;
  amount: Money;
  card_last4?: string | null;
}
export interface ReceiptLine {
  line: number;
  sku: string;
  name: string;
  category: string;
  brand: string;
  qty: number;
  unit_price: Money;
  discount: Money;
  vat_rate: string;
  paid: Money;
  returned: number;
  remaining: number;
}
export interface ReceiptView {
  id: number | string;
  store_code: string;
  number: string;
  purchased_at: LocalTime;
  channel: 'store' | 'online';
  delivered_on?: IsoDate | null;
  currency: string;
  receipt_discount: Money;
  tenders: Tender[];
  lines: ReceiptLine[];
  amount_paid: Money;
  eur_rate?: string | null;
}
export interface ReceiptSummary {
  id: number | string;
  number: string;
  purchased_at: LocalTime;
  amount_paid: Money;
  currency: string;
  card_last4?: string | null;
}
export interface DraftLine {
  line: number;
  qty: number;
  reason: Reason;
  condition: Condition;
  defect?: string;
  serial?: string;
}
export interface ReturnDraft {
  receipt_id: number | string;
  resolution: Resolution;
  lines: DraftLine[];
  customer?: { name: string; contact: string };
  /** evaluate_return only: preview the decision with these denied lines overridden (and approvals granted) */
  preview_overrides?: number[];
}
export interface ReasonCode {
  code: string;
  overridable: boolean;
}
export interface Amounts {
  gross: Money;
  fee: Money;
  refund: Money;
  vat: Money;
}
export interface WarrantyDates {
  legal_until: IsoDate | null;
  commercial_until: IsoDate | null;
  claim_due_by: IsoDate | null;
}
export interface EvaluatedLine extends Amounts {
  line: number;
  qty: number;
  outcome: LineOutcome;
  route: 'refund' | 'warranty' | 'none';
  reasons: ReasonCode[];
  warranty: WarrantyDates | null;
  /** a manager overrode this line's denial */
  overridden?: boolean;
}
export interface ExplanationFacts {
  purchase_date?: IsoDate;
  days_since_purchase?: number;
  return_days?: number;
  window_end?: IsoDate;
  withdrawal_end?: IsoDate | null;
  category?: string;
  legal_until?: IsoDate | null;
  commercial_until?: IsoDate | null;
  condition?: Condition;
  reason?: Reason;
  [k: string]: unknown;
}
export interface Explanation {
  line: number;
  facts: ExplanationFacts;
}
export interface Evaluation {
  outcome: CaseOutcome;
  currency: string;
  lines: EvaluatedLine[];
  approvals_required: string[];
  totals: Amounts;
  tenders: Tender[];
  explanations?: Explanation[];
  // What the desk may do with it (the server's DeskVerdict; answered by evaluate_return): screens
  // show these, they do not decide them again.
  /** the clerk alone may record it now (no line over quantity, no manager required, a line not denied) */
  may_confirm: boolean;
  /** the outcome is needs_approval: nothing can be recorded without a manager */
  manager_required: boolean;
  /** a manager's decision would change the outcome (required, or denied lines may be overridden); false while a line is over quantity */
  needs_manager: boolean;
  /** denied lines a manager may override */
  overridable_lines: number[];
  /** lines asking for more units than are left */
  over_qty: OverQty[];
}
export interface OverQty {
  line: number;
  /** units of the line still left to return */
  left: number;
}
export interface ClaimView {
  id: number | string;
  register_no: string;
  receipt_number: string;
  line: number;
  product: string;
  serial?: string | null;
  basis: string;
  status: string;
  claimed_on: IsoDate;
  claim_due_by: IsoDate;
  overdue: boolean;
  defect?: string;
}
export interface ApprovalView {
  line?: number | null;
  code?: string;
  manager: string;
  decision: 'approve' | 'decline';
  reason: string;
  at: Instant;
}
export interface ReturnView {
  id: number | string;
  number: string;
  receipt_id?: number | string;
  receipt_number: string;
  status: ReturnStatus;
  outcome?: CaseOutcome;
  created_at: Instant;
  /** the clerk's name (not sent by the server yet: only clerk_id) */
  clerk?: string;
  clerk_id?: number;
  decision: Evaluation;
  request?: { resolution: Resolution; lines: Array<{ line: number; qty: number; reason: Reason; condition: Condition }> };
  approvals: ApprovalView[];
  claims: ClaimView[];
  /** the store-credit voucher the return issued (store-credit payouts only) */
  voucher?: VoucherView | null;
  /** false: the same idempotency key was confirmed before */
  created?: boolean;
}
export interface VoucherView {
  code: string;
  amount: string;
  balance: string;
  currency: string;
  status: string;
  expires_on?: IsoDate | null;
}
/** Which document of a return: its slip, its voucher, or one of its warranty claims (by id). */
export type ReturnDocument = { kind: 'slip' } | { kind: 'voucher' } | { kind: 'claim'; claim: number | string };

function documentArgs(doc: ReturnDocument): { document: string; claim?: string } {
  return doc.kind === 'claim' ? { document: 'claim', claim: String(doc.claim) } : { document: doc.kind };
}
export interface ReturnSummary {
  id: number | string;
  number: string;
  receipt_number: string;
  created_at: Instant;
  clerk: string;
  outcome: CaseOutcome;
  status: ReturnStatus;
  refund: Money;
  currency: string;
}
export interface Policy {
  version?: number | string;
  effective_from: IsoDate;
  defaults: Record<string, unknown>;
  rules: Array<Record<string, unknown>>;
}
export interface Settings {
  store: StoreView;
  printer: string;
  policy: Policy;
}
/** A manager's decision, given at the desk inside confirm_return. */
export interface ApprovalDecision {
  manager_login: string;
  manager_pin: string;
  decision: 'approve' | 'decline';
  reason: string;
  /** denied lines to override */
  lines?: number[];
}

let token: string | null = null;
export function setToken(t: string | null): void {
  token = t;
}
export function getToken(): string | null {
  return token;
}

const id = (v: number | string) => encodeURIComponent(String(v));

export async function signIn(login: string, pin: string, terminal: string): Promise<Session> {
  const s = await call<Session>('sign_in', { login, pin, terminal }, {
    method: 'POST',
    path: '/api/session',
    body: { login, pin, terminal },
  });
  token = s.token;
  return s;
}

export async function signOut(): Promise<void> {
  try {
    await call<unknown>('sign_out', {}, { method: 'DELETE', path: '/api/session' }, token);
  } finally {
    token = null;
  }
}

export function lookupReceipt(code: string): Promise<ReceiptView> {
  return call('lookup_receipt', { code }, { method: 'GET', path: '/api/receipts/lookup', query: { code } }, token);
}

export function findReceiptsByCard(last4: string, from: IsoDate, to: IsoDate): Promise<ReceiptSummary[]> {
  return call(
    'find_receipts_by_card',
    { last4, from, to },
    { method: 'GET', path: '/api/receipts/by-card', query: { last4, from, to } },
    token,
  );
}

export function evaluateReturn(draft: ReturnDraft): Promise<Evaluation> {
  return call('evaluate_return', { ...draft }, { method: 'POST', path: '/api/returns/evaluate', body: draft }, token);
}

/** Records the return; `manager` carries a manager's decision taken at the desk (approve/decline, overrides). */
export function confirmReturn(draft: ReturnDraft, idempotencyKey: string, manager?: ApprovalDecision): Promise<ReturnView> {
  const { preview_overrides: _preview, ...rest } = draft;
  const body = { ...rest, idempotency_key: idempotencyKey, ...(manager ? { manager } : {}) };
  return call('confirm_return', body, { method: 'POST', path: '/api/returns', body }, token);
}

export function listReturns(q = '', from = '', to = ''): Promise<ReturnSummary[]> {
  return call('list_returns', { q, from, to }, { method: 'GET', path: '/api/returns', query: { q, from, to } }, token);
}

export function getReturn(returnId: number | string): Promise<ReturnView> {
  return call('get_return', { id: returnId }, { method: 'GET', path: `/api/returns/${id(returnId)}` }, token);
}

/** A document of the return as a PDF Blob (HTTP: bytes; Tauri: base64 decoded). */
export function returnSlip(
  returnId: number | string,
  lang: Lang,
  layout: SlipLayout = '80mm',
  doc: ReturnDocument = { kind: 'slip' },
): Promise<Blob> {
  const which = documentArgs(doc);
  return call(
    'return_slip',
    { id: returnId, lang, layout, ...which, claim: which.claim === undefined ? undefined : Number(which.claim) },
    {
      method: 'GET',
      path: `/api/returns/${id(returnId)}/slip.pdf`,
      query: { lang, layout, ...which },
      binary: { type: 'application/pdf' },
    },
    token,
  );
}

export function printSlip(
  returnId: number | string,
  lang: Lang,
  layout: SlipLayout = '80mm',
  doc: ReturnDocument = { kind: 'slip' },
): Promise<{ printer: string; job: string | number }> {
  const which = documentArgs(doc);
  const body = { lang, layout, ...which, claim: which.claim === undefined ? undefined : Number(which.claim) };
  return call('print_slip', { id: returnId, ...body }, { method: 'POST', path: `/api/returns/${id(returnId)}/print`, body }, token);
}

export function listClaims(status = ''): Promise<ClaimView[]> {
  return call('list_claims', { status }, { method: 'GET', path: '/api/claims', query: { status } }, token);
}

export function getSettings(): Promise<Settings> {
  return call('get_settings', {}, { method: 'GET', path: '/api/settings' }, token);
}

export function putSettings(s: Settings): Promise<Settings> {
  return call('put_settings', { ...s }, { method: 'PUT', path: '/api/settings', body: s }, token);
}

export function importPolicy(p: Omit<Policy, 'version'>): Promise<{ version: number | string }> {
  return call('import_policy', { ...p }, { method: 'POST', path: '/api/policy', body: p }, token);
}
