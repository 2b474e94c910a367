// Reason codes and API errors in plain words, in the desk's language.
import type { EvaluatedLine, ExplanationFacts, ReceiptLine } from './api';
import { ApiError } from './transport';
import { days, t, tk } from './i18n/index.svelte';
import { date, instant, money } from './format';
import { desk } from './session.svelte';

/**
 * A category as a sentence of this language takes it: the `cat_in_X` form of a known category
 * (each language's sentences put it where no verb agrees with it, see docs/glossary.md), else
 * the raw name as a name ("items in the category “garden tools”"), else "this item".
 */
export function categoryWords(cat: string | undefined): string {
  if (!cat) return t('cat_in_other');
  return tk(`cat_in_${cat}`, undefined, t('cat_in_raw', { name: cat.replace(/_/g, ' ') }));
}

export interface ExplainContext {
  facts?: ExplanationFacts;
  line?: EvaluatedLine;
  receiptLine?: ReceiptLine;
  restockingPct?: string;
}

/** One sentence for one reason code of a line. */
export function explainReason(code: string, ctx: ExplainContext = {}): string {
  const f: Partial<ExplanationFacts> = ctx.facts ?? {};
  const category = categoryWords(f.category ?? ctx.receiptLine?.category);
  const params = {
    ago: f.days_since_purchase !== undefined ? days(f.days_since_purchase) : '?',
    return_days: f.return_days !== undefined ? days(f.return_days) : '?',
    window_end: date(f.window_end ?? null),
    withdrawal_end: date(f.withdrawal_end ?? null),
    legal_until: date(f.legal_until ?? ctx.line?.warranty?.legal_until ?? null),
    commercial_until: date(f.commercial_until ?? ctx.line?.warranty?.commercial_until ?? null),
    category,
    left: ctx.receiptLine?.remaining ?? '?',
  };
  // a recorded return carries no facts (getReturn's decision has no explanations): say it shortly
  const needsFacts = ['WITHIN_RETURN_WINDOW', 'RETURN_WINDOW_EXPIRED', 'WARRANTY_EXPIRED'].includes(code);
  let s = needsFacts && f.days_since_purchase === undefined ? tk(`why_${code}_short`, params, code) : tk(`why_${code}`, params, code);
  if (code === 'WITHIN_RETURN_WINDOW' && ctx.line && ctx.line.fee !== '0.00' && ctx.line.fee !== '0') {
    const pct = ctx.restockingPct ?? pctOf(ctx.line.fee, ctx.line.gross);
    s += ' ' + t('why_WITHIN_RETURN_WINDOW_fee', { pct });
  }
  return s;
}

function pctOf(fee: string, gross: string): string {
  const g = Number(gross);
  if (!g) return '?';
  return String(Math.round((Number(fee) / g) * 100));
}

/** Approval codes of the whole case (AMOUNT_OVER_LIMIT, FREQUENT_RETURNS). */
export function explainApproval(code: string, limit?: string | null, currency = 'EUR'): string {
  if (code === 'AMOUNT_OVER_LIMIT') {
    return limit ? t('why_AMOUNT_OVER_LIMIT', { limit: money(limit, currency) }) : t('why_AMOUNT_OVER_LIMIT_nolimit');
  }
  return tk(`why_${code}`, undefined, code);
}

/** The input field at fault (`lines[0].qty`, `customer.name`) in the desk's words, or null when it has none. */
export function fieldWords(field: string): string | null {
  const plain = field.replace(/\[\d+\]/g, '').split('.');
  const whole = plain.join('_');
  const last = plain.at(-1) ?? field;
  const words = tk(`field_${whole}`, undefined, tk(`field_${last}`, undefined, ''));
  return words || null;
}

/** The desk's currency (what an error's bare amounts are in). */
function deskCurrency(): string {
  return desk.session?.store.currency ?? 'EUR';
}

/**
 * An error from the API (or anything thrown) as a message for the clerk: each code has its own
 * sentence in every language, with the facts the server sent beside the code filled in.
 */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    const d = e.details;
    const str = (k: string) => (d[k] === undefined || d[k] === null ? undefined : String(d[k]));
    const cur = str('currency') ?? deskCurrency();
    const amount = (k: string) => (str(k) === undefined ? '?' : money(str(k), cur));
    switch (e.code) {
      case 'WRONG_PIN': {
        const n = Number(d.attempts_left ?? NaN);
        if (n === 1) return t('err_WRONG_PIN_last');
        if (Number.isFinite(n)) return t('err_WRONG_PIN', { attempts: n });
        return t('err_WRONG_PIN', { attempts: '?' });
      }
      case 'LOCKED_OUT':
        return d.locked_until ? t('err_LOCKED_OUT', { until: instant(String(d.locked_until)) }) : t('err_LOCKED_OUT_nountil');
      case 'BAD_INPUT':
      {
        // the field by its name on the screen; a field the screen has no name for is not named in code
        const field = e.field ? fieldWords(e.field) : null;
        return field ? t('err_BAD_INPUT', { field }) : t('err_BAD_INPUT_nofield');
      }
      case 'NOT_FOUND': {
        // what was looked for, in the desk's words (the server's own are under "Details")
        const what = str('what');
        if (!what) return t('err_NOT_FOUND');
        return t('err_NOT_FOUND_what', { what: tk(`nf_${what}`, undefined, what.replace(/_/g, ' ')), key: str('key') ?? '' }).replace(/ {2,}/g, ' ');
      }
      case 'NOT_READY':
        return t('err_NOT_READY', { message: e.message });
      case 'QTY_EXCEEDS_REMAINING':
        // nothing left: another desk returned it since this desk looked
        if (str('left') === '0') return t('err_QTY_EXCEEDS_REMAINING_none');
        return t('err_QTY_EXCEEDS_REMAINING', { left: str('left') ?? '?' });
      case 'APPROVAL_LIMIT':
        return t('err_APPROVAL_LIMIT', { limit: amount('approval_limit'), refund: amount('refund') });
      case 'SERIAL_MISMATCH':
        return t('err_SERIAL_MISMATCH', { serial: str('serial') ?? '?', sold: str('sold') || '—' });
      case 'MANAGER_REQUIRED': {
        const codes = Array.isArray(d.approvals) ? (d.approvals as unknown[]).map(String) : [];
        // each reason is a sentence of its own after the first one
        return t('err_MANAGER_REQUIRED', { approvals: codes.map((c) => explainApproval(c, null, cur)).join(' ') }).trim();
      }
      case 'STEP_OUT_OF_ORDER': {
        const steps = Array.isArray(d.allowed_steps) ? (d.allowed_steps as unknown[]).map(String) : [];
        const words = steps.map((s) => tk(`repair_step_${s}`, undefined, tk(`step_${s}`, undefined, s)));
        return t('err_STEP_OUT_OF_ORDER', { allowed: words.join(', ') || t('err_nothing_allowed') });
      }
      case 'NO_POLICY':
        return t('err_NO_POLICY', { store: str('store'), day: date(str('day')) });
      case 'POLICY_VERSION_EXISTS':
        return t('err_POLICY_VERSION_EXISTS', { effective_from: date(str('effective_from')) });
      case 'ALREADY_DECIDED':
        return t('err_ALREADY_DECIDED', { state: tk(`q_state_${str('state')}`, undefined, str('state') ?? '?') });
      case 'EXCHANGE_DUE_OPEN':
        return t('err_EXCHANGE_DUE_OPEN', { amount: amount('amount'), exchange: str('exchange') });
      case 'EXCHANGE_DUE_PAID':
        return t('err_EXCHANGE_DUE_PAID', { amount: amount('amount'), exchange: str('exchange'), till: str('till'), paid_at: instant(str('paid_at')) });
      case 'REPAIR_NOT_HANDED_BACK':
        return t('err_REPAIR_NOT_HANDED_BACK', { order: str('order'), stage: tk(`repair_stage_${str('stage')}`, undefined, str('stage') ?? '?') });
      case 'PRICE_REDUCED_BY_CLAIM':
        return t('err_PRICE_REDUCED_BY_CLAIM', { line: str('line'), amount: amount('amount') });
      case 'APPROVED_AMOUNT_CHANGED':
        return t('err_APPROVED_AMOUNT_CHANGED', { refund: amount('refund'), approved: amount('approved') });
      case 'OWN_ACCOUNT':
        return e.field === 'stores' ? t('err_OWN_ACCOUNT_stores', { store: str('store') }) : t('err_OWN_ACCOUNT');
      case 'VOUCHER_VOID':
      case 'VOUCHER_SPENT':
        return t(`err_${e.code}`, { voucher: str('voucher'), since: instant(str('since')) });
      case 'VOUCHER_EXPIRED':
        return t('err_VOUCHER_EXPIRED', { voucher: str('voucher'), date: date(str('valid_until')), balance: amount('balance') });
      case 'VOUCHER_BALANCE_SHORT':
        return t('err_VOUCHER_BALANCE_SHORT', { voucher: str('voucher'), balance: amount('balance'), amount: amount('amount') });
      default: {
        // the other codes' sentences take the facts as they came (store, claim, sku, days, return_id …)
        const params: Record<string, string | undefined> = { message: e.message };
        for (const [k, v] of Object.entries(d)) if (typeof v === 'string' || typeof v === 'number') params[k] ??= String(v);
        return tk(`err_${e.code}`, params, t('err_generic', { message: e.message }));
      }
    }
  }
  return t('err_generic', { message: e instanceof Error ? e.message : String(e) });
}
