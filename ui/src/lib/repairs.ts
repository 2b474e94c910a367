// Post-warranty paid repair orders (issue 11): an item outside every guarantee taken in for a
// repair the customer pays — the estimate, their acceptance, the service, the price paid at pick-up.
// Not a warranty claim: its own numbering (R-S01-2026-00001) and its own steps. The commands of the
// agreed contract, as the screens call them; `contract()` answers NOT_AVAILABLE (a clear error)
// while the server does not offer a command instead of a failed route lookup.
import { getToken } from './api';
import { ApiError, call } from './transport';
import { routes } from './generated/commands';

export type RepairStage =
  | 'received'
  | 'estimate_accepted'
  | 'estimate_declined'
  | 'at_service'
  | 'back_from_service'
  | 'customer_informed'
  | 'handed_back'
  | 'closed';
export type RepairStepName = 'accept_estimate' | 'decline_estimate' | 'send_to_service' | 'back_from_service' | 'inform_customer' | 'hand_back' | 'close';
export type RepairOutcome = 'repaired' | 'not_repairable';

export const REPAIR_STAGES: RepairStage[] = [
  'received',
  'estimate_accepted',
  'estimate_declined',
  'at_service',
  'back_from_service',
  'customer_informed',
  'handed_back',
  'closed',
];
/** Stages after which nothing is waited for (the board lists the open ones first). */
export const REPAIR_DONE: RepairStage[] = ['handed_back', 'closed'];

export interface Person {
  login: string;
  display_name: string;
}
export interface RepairEvent {
  seq: number;
  step: string;
  at: string;
  by: Person;
  details: Record<string, unknown> | null;
}
export interface RepairOrder {
  id: number;
  number: string;
  stage: RepairStage;
  product: string;
  serial: string | null;
  receipt_number: string | null;
  receipt_line: number | null;
  customer: { name: string; contact: string };
  defect: string;
  accessories: string | null;
  item_state: string | null;
  estimate: string;
  final_price: string | null;
  currency: string;
  price_paid: string | null;
  tender: string | null;
  service_partner: string | null;
  waybill: string | null;
  sent_on: string | null;
  service_outcome: RepairOutcome | null;
  finding: string | null;
  opened_at: string;
  opened_by: Person;
  allowed_steps: RepairStepName[];
  history: RepairEvent[];
  created: boolean;
}
export interface OpenRepairOrder {
  receipt_id?: number;
  receipt_line?: number;
  product?: string;
  serial?: string;
  customer: { name: string; contact: string };
  defect: string;
  accessories?: string;
  item_state?: string;
  estimate: string;
  idempotency_key: string;
}
export interface RepairStep {
  id: number;
  step: RepairStepName;
  service_partner?: string;
  sent_on?: string;
  waybill?: string;
  service_outcome?: RepairOutcome;
  finding?: string;
  final_price?: string;
  informed_how?: string;
  price_paid?: string;
  tender?: 'cash' | 'card';
}
export type RepairDocumentKind = 'order' | 'pickup';

/** A command of the contract, whether or not the generated table has it yet. */
function contract<T>(command: string, args: Record<string, unknown>): Promise<T> {
  if (!(command in routes)) {
    return Promise.reject(new ApiError('NOT_AVAILABLE', `this desk's server does not offer ${command} yet`, { command }));
  }
  return (call as unknown as (c: string, a: Record<string, unknown>, t: string | null) => Promise<T>)(command, args, getToken());
}

export const repairsOffered = (): boolean => 'open_repair_order' in routes;

export function openRepairOrder(o: OpenRepairOrder): Promise<RepairOrder> {
  return contract('open_repair_order', { ...o });
}

/** The store's repair orders: open ones first, newest first (the server's order, kept stable here). */
export function listRepairOrders(f: { stage?: string | null; q?: string | null }): Promise<RepairOrder[]> {
  return contract<RepairOrder[]>('list_repair_orders', { stage: f.stage || null, q: f.q?.trim() || null }).then((list) =>
    list
      .map((r, i) => ({ r, i }))
      .sort((a, b) => Number(REPAIR_DONE.includes(a.r.stage)) - Number(REPAIR_DONE.includes(b.r.stage)) || a.i - b.i)
      .map(({ r }) => r),
  );
}

export function getRepairOrder(id: number): Promise<RepairOrder> {
  return contract('get_repair_order', { id });
}

export function advanceRepairOrder(s: RepairStep): Promise<RepairOrder> {
  return contract('advance_repair_order', { ...s });
}

export function repairDocument(id: number, kind: RepairDocumentKind, lang: string, layout: 'a4' | '80mm' = 'a4'): Promise<Blob> {
  return contract('repair_order_document', { id, kind, lang, layout });
}

/** The price the customer pays at pick-up: the final price once back repaired, else the estimate; nothing when declined or not repairable. */
export function priceDue(r: RepairOrder): string | null {
  if (r.history.some((h) => h.step === 'decline_estimate') || r.service_outcome === 'not_repairable') return null;
  return r.final_price ?? r.estimate;
}
