// Issue 14 (part C): returns without a receipt (an unverified return, approved by a manager, paid
// as store credit) and goodwill on a receipt line. The types are the server's.
import type { components } from './generated/openapi';
import { getToken } from './api';
import { call } from './transport';

type S = components['schemas'];
export type UnverifiedQuote = S['UnverifiedQuote'];
export type UnverifiedReturn = S['UnverifiedReturnView'];
export type Goodwill = S['GoodwillView'];
export type IdType = S['IdType'];
export const ID_TYPES: IdType[] = ['id_card', 'passport', 'driving_licence', 'other'];

export interface UnverifiedForm {
  sku: string;
  qty: number;
  reason: string;
  idType: IdType;
  idNumber: string;
  /** The customer's phone or e-mail, optional: kept hashed, so the return counts with their receipt returns. */
  contact?: string;
}

function draft(f: UnverifiedForm) {
  const contact = (f.contact ?? '').trim();
  return {
    sku: f.sku.trim(),
    qty: Number(f.qty),
    reason: f.reason.trim(),
    customer_id: { type: f.idType, number: f.idNumber },
    ...(contact ? { customer: { name: '', contact } } : {}),
  };
}

/** What the return would pay (the lowest recent price of the SKU, as store credit); records nothing. */
export function quoteUnverified(f: UnverifiedForm): Promise<UnverifiedQuote> {
  return call('quote_unverified', draft(f), getToken());
}

/** Records the return with a manager's login and PIN; the same key answers the same return. */
export function confirmUnverified(f: UnverifiedForm, key: string, login: string, pin: string): Promise<UnverifiedReturn> {
  return call('confirm_unverified', { ...draft(f), idempotency_key: key, manager: { login: login.trim(), pin } }, getToken());
}

/** The return's slip: its store credit voucher, as a PDF Blob. */
export function unverifiedSlip(id: number, lang: string, layout: '80mm' | 'a4' = '80mm'): Promise<Blob> {
  return call('unverified_slip', { id, lang, layout }, getToken());
}

/** A manager pays goodwill on a receipt line: an amount, with a reason. */
export function goodwillRefund(receiptId: number, line: number, amount: string, reason: string, key: string): Promise<Goodwill> {
  return call('goodwill_refund', { receipt_id: receiptId, line, amount, reason: reason.trim(), idempotency_key: key }, getToken());
}

export function goodwillSlip(id: number, lang: string, layout: '80mm' | 'a4' = '80mm'): Promise<Blob> {
  return call('goodwill_slip', { id, lang, layout }, getToken());
}
