// Warranty claims from intake to settlement (issue 11): the commands of the agreed contract, as the
// screens call them. The types below are written by hand from the contract until the generated
// API (scripts/generate-api.sh → ./generated/commands.ts) holds them; then they become aliases of
// the generated ones and `contract()` goes. A command the server does not have yet answers a clear
// error instead of a failed route lookup.
import { getToken } from './api';
import { ApiError, call } from './transport';
import { routes } from './generated/commands';
import { withContractFields, byDue } from './claimRules';
export { byDue, dueLevel } from './claimRules';

export type ClaimStage =
  | 'registered'
  | 'at_service'
  | 'back_from_service'
  | 'customer_informed'
  | 'handed_back'
  | 'settled'
  | 'rejected'
  | 'closed';
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
export type Remedy = 'repair' | 'replacement' | 'price_reduction' | 'refund';
export const REMEDIES: Remedy[] = ['repair', 'replacement', 'price_reduction', 'refund'];
export type StepName =
  | 'send_to_service'
  | 'back_from_service'
  | 'inform_customer'
  | 'hand_back'
  | 'reject'
  | 'close'
  | 'accept_estimate';

export interface ClaimFilter {
  stage?: string | null;
  q?: string | null;
  overdue_only?: boolean | null;
}

export interface ClaimSummary {
  id: number;
  register_no: string;
  receipt_number: string;
  line: number;
  product: string;
  serial?: string | null;
  defect: string;
  basis: string;
  claimed_on: string;
  claim_due_by: string;
  claim_due_basis?: 'statutory' | 'store_target' | null;
  overdue: boolean;
  stage: ClaimStage;
  remedy_asked: Remedy;
  days_left: number;
  allowed_steps: StepName[];
  overdue_remedies: ('refund' | 'price_reduction')[];
  kind: 'warranty' | 'paid_repair';
  /** the customer's name, where the list carries it */
  customer_name?: string | null;
}

export interface ClaimEvent {
  seq: number;
  step: string;
  at: string;
  by: { login: string; display_name: string };
  details: Record<string, unknown>;
}

export interface Settlement {
  remedy: 'refund' | 'price_reduction';
  amount: string;
  currency: string;
  tenders: { type: string; amount: string }[];
  return_id?: number | null;
  at: string;
}

export interface ClaimDetail {
  claim: ClaimSummary;
  customer: { name: string; contact: string };
  product: string;
  serial?: string | null;
  receipt_number: string;
  purchase_date: string;
  defect: string;
  accessories: string;
  item_state: string;
  remedy_asked: Remedy;
  history: ClaimEvent[];
  deadline: { due_by: string; basis: 'statutory' | 'store_target'; period: string };
  warranty: {
    legal_until: string | null;
    legal_until_extended: string | null;
    commercial_until: string | null;
    commercial_until_extended: string | null;
  };
  repeat_claims: number;
  refund_entitled: boolean;
  settlement: Settlement | null;
}

export interface ClaimStep {
  id: number;
  step: StepName;
  service_partner?: string;
  sent_on?: string;
  waybill?: string;
  service_outcome?: 'repaired' | 'replaced' | 'rejected';
  finding?: string;
  informed_how?: string;
  reasons?: string;
  price_paid?: string;
}

export interface RepairOrderInput {
  receipt_id?: number;
  receipt_line?: number;
  product: string;
  serial?: string;
  customer: { name: string; contact: string };
  defect: string;
  estimate: string;
}

export type ClaimDocumentKind = 'intake' | 'settlement' | 'rejection';

/** A command of the contract, whether or not the generated table has it yet. */
function contract<T>(command: string, args: Record<string, unknown>): Promise<T> {
  if (!(command in routes)) {
    return Promise.reject(new ApiError('NOT_AVAILABLE', `this desk's server does not offer ${command} yet`, { command }));
  }
  return (call as unknown as (c: string, a: Record<string, unknown>, t: string | null) => Promise<T>)(command, args, getToken());
}

/** The board: what falls due first comes first (the server's order is kept where it says the same). */
export function listClaimsBoard(f: ClaimFilter): Promise<ClaimSummary[]> {
  return contract<ClaimSummary[]>('list_claims', {
    stage: f.stage || null,
    q: f.q?.trim() || null,
    overdue_only: f.overdue_only || null,
  }).then((list) => list.map((c) => withContractFields(c)).sort(byDue));
}

export function getClaim(id: number): Promise<ClaimDetail> {
  return contract('get_claim', { id });
}

export function advanceClaim(step: ClaimStep): Promise<ClaimDetail> {
  return contract('advance_claim', { ...step });
}

export function settleClaim(input: { id: number; remedy: 'refund' | 'price_reduction'; amount?: string; idempotency_key: string }): Promise<ClaimDetail> {
  return contract('settle_claim', { ...input });
}

export function claimDocument(id: number, kind: ClaimDocumentKind, lang: string, layout: 'a4' | '80mm' = 'a4'): Promise<Blob> {
  return contract('claim_document', { id, kind, lang, layout });
}

export function exportRegister(year: number, format: 'csv' | 'pdf', lang: string): Promise<Blob> {
  return contract('export_register', { year, format, lang });
}

export function openRepairOrder(o: RepairOrderInput): Promise<ClaimDetail> {
  return contract('open_repair_order', { ...o });
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
