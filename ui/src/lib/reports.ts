// ---- Issue 13: reports ---- the report command, its tables' labels and values in the desk's
// language, and any table as a CSV file (RFC 4180). Money and figures arrive as exact decimal
// text; they become numbers only for drawing (a chart's bar), never for the table or the file.
import type { components } from './generated/openapi';
import { call } from './transport';
import { getToken } from './api';
import { locale, t, tk } from './i18n/index.svelte';
import { date, money } from './format';

type S = components['schemas'];
export type ReportView = S['ReportView'];
export type ReportTable = S['ReportTable'];
export type ReportColumn = S['ReportColumn'];
export type Grain = 'day' | 'week' | 'month';

export interface ReportFilters {
  store: string;
  desk: string;
  clerk: number | null;
  from: string;
  to: string;
  grain: Grain;
}

export function loadReport(f: ReportFilters): Promise<ReportView> {
  return call(
    'report',
    { store: f.store || null, desk: f.desk || null, clerk: f.clerk, from: f.from, to: f.to, grain: f.grain },
    getToken(),
  );
}

/** A table's title in the desk's language. */
export function tableTitle(id: string): string {
  return tk(`rep_t_${id}`, undefined, id);
}

/** A column's label in the desk's language. */
export function columnLabel(key: string): string {
  return tk(`rep_c_${key}`, undefined, key);
}

// What the codes of a text column are called (existing words of the desk where they exist).
const VALUE_KEYS: Record<string, string> = {
  outcome: 'outcome_',
  resolution: 'res_',
  tender: 'tender_',
  reason: 'reason_',
  top_reason: 'reason_',
  remedy: 'remedy_',
  service_outcome: 'claim_outcome_',
  state: 'rep_state_',
};

/** A text cell as the desk shows it: a code in words, a name as it is. */
export function textValue(column: string, value: string): string {
  if (value === 'none') return t('rep_none');
  if (column === 'desk' && value === '') return t('rep_no_desk');
  const prefix = VALUE_KEYS[column];
  return prefix ? tk(`${prefix}${value}`, undefined, value) : value;
}

function numberFormat(digits: number): Intl.NumberFormat {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A cell in the desk's language: money in the currency, dates and numbers the locale's way. */
export function cellText(table: ReportTable, col: number, row: string[], currency: string): string {
  const c = table.columns[col];
  const v = row[col];
  if (v === '') return '—';
  switch (c.kind) {
    case 'money': {
      const cur = table.columns.findIndex((x) => x.key === 'currency');
      return money(v, cur >= 0 ? row[cur] : currency);
    }
    case 'count':
      return numberFormat(0).format(Number(v));
    case 'percent':
      return new Intl.NumberFormat(locale(), { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(v) / 100);
    case 'days':
    case 'minutes':
      return numberFormat(1).format(Number(v));
    case 'score':
      return numberFormat(2).format(Number(v));
    case 'date':
      return periodLabel(v);
    default:
      return textValue(c.key, v);
  }
}

/** The first day of a period as the grain reads it: a day, the week of (its Monday), a month. */
export function periodLabel(day: string, grain?: Grain): string {
  if (grain === 'month') {
    const [y, m] = day.split('-').map(Number);
    return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
  }
  return date(day);
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A table as CSV: a header row of the columns' labels, then the rows — codes in words, money
 * and figures as plain decimals (a point, no thousands sign), dates as YYYY-MM-DD; CRLF lines.
 */
export function tableCsv(table: ReportTable): string {
  const lines = [table.columns.map((c) => csvField(columnLabel(c.key)))];
  for (const row of table.rows) {
    lines.push(row.map((v, i) => csvField(table.columns[i].kind === 'text' ? textValue(table.columns[i].key, v) : v)));
  }
  return lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
}

/** What the file of a table is called: the table and the period. */
export function csvFileName(table: ReportTable, report: ReportView): string {
  const who = [report.store, report.desk].filter(Boolean).join('-');
  return `${table.id}_${who}_${report.from}_${report.to}.csv`;
}

/** Saves a table as a CSV file (UTF-8 with a byte-order mark, so spreadsheets read Cyrillic and Greek). */
export function downloadCsv(table: ReportTable, report: ReportView): void {
  const blob = new Blob(['\ufeff' + tableCsv(table)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = csvFileName(table, report);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The columns a table's chart draws (by default every figure of its first two kinds). */
const CHART_COLUMNS: Record<string, string[]> = {
  return_rate_by_category: ['unit_rate', 'value_rate'],
  return_rate_by_brand: ['unit_rate', 'value_rate'],
  return_rate_by_sku: ['unit_rate', 'value_rate'],
  top_returned_products: ['units'],
  handling_over_time: ['median_minutes', 'p90_minutes', 'average_minutes'],
  handling_by_desk: ['median_minutes', 'p90_minutes', 'average_minutes'],
  handling_by_clerk: ['median_minutes', 'p90_minutes', 'average_minutes'],
  reasons_by_condition: ['unopened', 'opened', 'used', 'damaged'],
  feedback_over_time: ['average_rating', 'ratings'],
  feedback_by_desk: ['average_rating', 'ratings'],
  feedback_by_clerk: ['average_rating', 'ratings'],
};

export function chartColumns(table: ReportTable): number[] {
  const wanted = CHART_COLUMNS[table.id];
  if (wanted) return wanted.map((k) => table.columns.findIndex((c) => c.key === k)).filter((i) => i >= 0);
  const figures = table.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.kind !== 'text' && c.kind !== 'date');
  const kinds = [...new Set(figures.map(({ c }) => c.kind))].slice(0, 2);
  return figures.filter(({ c }) => kinds.includes(c.kind)).map(({ i }) => i);
}
