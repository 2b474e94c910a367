// Post-warranty paid repair orders (issue 11): an item outside every guarantee taken in for a
// repair the customer pays — the estimate, their acceptance, the service, the price paid at pick-up.
// Not a warranty claim: its own numbering (R-S01-2026-00001) and its own steps. The commands of the
// agreed contract, as the screens call them, on the generated API.
import { getToken } from './api';
import type { components } from './generated/openapi';
import { call, type Args } from './transport';

type S = components['schemas'];

export type RepairStage = S['RepairStage'];
export type RepairStepName = S['RepairStepKind'];
export type RepairOutcome = S['RepairOutcome'];
export type RepairOrder = S['RepairOrderView'];
export type RepairEvent = S['RepairEventView'];
export type OpenRepairOrder = Args<'open_repair_order'>;
export type RepairStep = Args<'advance_repair_order'>;

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
export type RepairDocumentKind = 'order' | 'pickup';

export function openRepairOrder(o: OpenRepairOrder): Promise<RepairOrder> {
  return call('open_repair_order', o, getToken());
}

/** The store's repair orders: open ones first, newest first (the server's order, kept stable here). */
export function listRepairOrders(f: { stage?: string | null; q?: string | null }): Promise<RepairOrder[]> {
  return call('list_repair_orders', { stage: f.stage || null, q: f.q?.trim() || null }, getToken()).then((list) =>
    list
      .map((r, i) => ({ r, i }))
      .sort((a, b) => Number(REPAIR_DONE.includes(a.r.stage)) - Number(REPAIR_DONE.includes(b.r.stage)) || a.i - b.i)
      .map(({ r }) => r),
  );
}

export function getRepairOrder(id: number): Promise<RepairOrder> {
  return call('get_repair_order', { id }, getToken());
}

export function advanceRepairOrder(s: RepairStep): Promise<RepairOrder> {
  return call('advance_repair_order', s, getToken());
}

export function repairDocument(id: number, kind: RepairDocumentKind, lang: string, layout: 'a4' | '80mm' = 'a4'): Promise<Blob> {
  return call('repair_order_document', { id, kind, lang, layout }, getToken());
}

/** The price the customer pays at pick-up: the final price once back repaired, else the estimate; nothing when declined or not repairable. */
export function priceDue(r: RepairOrder): string | null {
  if (r.history.some((h) => h.step === 'decline_estimate') || r.service_outcome === 'not_repairable') return null;
  return r.final_price ?? r.estimate;
}
