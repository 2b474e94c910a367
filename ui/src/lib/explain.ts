// Reason codes and API errors in plain words, in the desk's language.
import type { EvaluatedLine, ExplanationFacts, ReceiptLine } from './api';
import { ApiError } from './transport';
import { days, t, tk } from './i18n/index.svelte';
import { date, instant, money } from './format';

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

/** An error from the API (or anything thrown) as a message for the clerk. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    const d = e.details;
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
      case 'NOT_READY':
        return t(`err_${e.code}`, { message: e.message });
      default:
        return tk(`err_${e.code}`, { message: e.message }, t('err_generic', { message: e.message }));
    }
  }
  return t('err_generic', { message: e instanceof Error ? e.message : String(e) });
}
