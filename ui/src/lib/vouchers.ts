// Store credit that can be spent (issue 14, part A): a voucher read by its code, redeemed at
// the desk for a sale, voided by a manager. The types are the server's (generated).
import type { components } from './generated/openapi';
import { call } from './transport';
import { getToken } from './api';

type S = components['schemas'];

export type Voucher = S['VoucherView'];
export type VoucherState = S['VoucherState'];
export type Redemption = S['RedemptionView'];

/** A voucher of this store by its code (any case, with or without the dashes). */
export function getVoucher(code: string): Promise<Voucher> {
  return call('get_voucher', { code: code.trim() }, getToken());
}

/** Takes an amount from a voucher; the same key answers the same redemption (a retry). */
export function redeemVoucher(code: string, amount: string, till: string, saleReference: string, idempotencyKey: string): Promise<Voucher> {
  return call(
    'redeem_voucher',
    { code, amount, till, sale_reference: saleReference.trim(), idempotency_key: idempotencyKey, currency: null },
    getToken(),
  );
}

/** A manager voids a voucher with a reason. */
export function voidVoucher(code: string, reason: string): Promise<Voucher> {
  return call('void_voucher', { code, reason: reason.trim() }, getToken());
}
