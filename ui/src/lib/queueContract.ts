// The approval queue's API as agreed with the server (issue 12), written by hand until the
// command table generates it (./generated/commands.ts). Removed once the generated types hold it.
import type { components } from './generated/openapi';

type S = components['schemas'];

export type QueueState = 'waiting' | 'approved' | 'declined' | 'completed' | 'withdrawn';
export type QueueReasonCode = 'goodwill' | 'store_error' | 'loyal_customer' | 'other';

export interface QueuePerson {
  login: string;
  display_name: string;
}

export interface QueueDraft {
  receipt_id: number;
  resolution: S['Resolution'];
  lines: S['DraftLineInput'][];
  customer?: (S['CustomerInput'] & { loyalty_id?: string | null }) | null;
}

export interface QueueReturnInput extends QueueDraft {
  idempotency_key: string;
  note?: string | null;
}

export interface QueueDecision {
  by: QueuePerson;
  at: string;
  approve: boolean;
  lines: number[];
  deductions: S['DeductionInput'][];
  reason_code: QueueReasonCode;
  reason_text: string;
  approved_refund: S['Money'];
}

export interface QueuedCase {
  id: number;
  state: QueueState;
  store_code: string;
  terminal: string | null;
  requested_by: QueuePerson;
  requested_at: string;
  waiting_minutes: number;
  overdue: boolean;
  needs_role: 'manager' | 'administrator';
  receipt: { id: number; number: string; purchased_at: string };
  draft: QueueDraft;
  note: string;
  verdict: S['EvaluationView'];
  asked: string[];
  refund_total: S['Money'];
  currency: string;
  decision: QueueDecision | null;
  return_id: number | null;
}

export interface QueueView {
  version: number;
  cases: QueuedCase[];
}

export interface DecideQueuedInput {
  id: number;
  decision: 'approve' | 'decline';
  lines?: number[] | null;
  deductions?: S['DeductionInput'][] | null;
  reason_code: QueueReasonCode;
  reason_text: string;
}
