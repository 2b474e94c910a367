// An exchange at the return screen (issue 14): with resolution "exchange" the clerk scans the new
// items; the server prices them and says V (what the returned lines are worth), N (the new items)
// and the difference — to pay at the desk (cash or card) or to give back by the refund rules.
// Confirming records the return, the exchange number and the new receipt in one go; the same
// key answers once. Create it while a component initialises (its effect lives with it).
import { untrack } from 'svelte';
import {
  confirmExchange,
  evaluateExchange,
  findProduct,
  lookupReceipt,
  type DifferenceTender,
  type ExchangeQuote,
  type ExchangeView,
  type ApprovalDecision as ManagerInput,
  type ReturnDraft,
} from './api';
import { Latest } from './latest.svelte';
import type { ReturnDraftStore } from './returnDraft.svelte';

/** A new item on the desk, as the catalogue names and prices it. */
export interface NewItem {
  sku: string;
  name: string;
  qty: number;
  unitPrice: string | null;
  currency: string | null;
}

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `x-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export class ExchangeStore {
  code = $state('');
  qty = $state(1);
  items = $state<NewItem[]>([]);
  tender = $state<DifferenceTender>('card');
  adding = $state(false);
  addError = $state<unknown>(null);
  quote = $state<ExchangeQuote | null>(null);
  quoteError = $state<unknown>(null);
  confirming = $state(false);
  confirmError = $state<unknown>(null);
  done = $state<ExchangeView | null>(null);
  key = newKey();
  readonly #quotes = new Latest();
  readonly #desk: ReturnDraftStore;
  #receiptId: number | null = null;

  constructor(desk: ReturnDraftStore) {
    this.#desk = desk;
    // A new receipt on the desk (or a new return) starts a new exchange.
    $effect(() => {
      const id = desk.receipt?.id ?? null;
      const done = desk.done;
      untrack(() => {
        if (id !== this.#receiptId || (!done && this.done)) this.clear();
        this.#receiptId = id;
      });
    });
    // Each change of the returned lines or the new items is quoted again (the quote does not
    // depend on how a difference is paid; it says which ways the store allows).
    $effect(() => {
      const d = desk.resolution === 'exchange' ? desk.draft : null;
      const items = this.items.map((i) => ({ sku: i.sku, qty: i.qty }));
      const overrides = Object.entries(desk.overrides)
        .filter(([, on]) => on)
        .map(([line]) => Number(line));
      untrack(() => this.#quote(d, items, overrides));
    });
    $effect(() => () => this.#quotes.cancel());
    // While new items are on the desk, the manager's step (approve or decline) records the exchange.
    $effect(() => {
      desk.exchangeDecides = this.active ? (m) => this.confirm(m) : null;
      return () => (desk.exchangeDecides = null);
    });
  }

  /** New items are on the desk: the exchange, not a plain return, is what gets confirmed. */
  get active(): boolean {
    return this.#desk.resolution === 'exchange' && this.items.length > 0;
  }
  get quoting(): boolean {
    return this.#quotes.pending;
  }
  /** The server's quote says the clerk alone may record it, and it is of this very draft. */
  get canConfirm(): boolean {
    const q = this.quote;
    const payable = !q || Number(q.to_pay) <= 0 || q.difference_tenders.includes(this.tender);
    return !!q && !this.quoting && q.evaluation.may_confirm && payable && !this.confirming && !this.done;
  }

  clear(): void {
    this.items = [];
    this.quote = null;
    this.quoteError = null;
    this.confirmError = null;
    this.addError = null;
    this.done = null;
    this.code = '';
    this.qty = 1;
    this.key = newKey();
  }

  /** Adds the item scanned or typed (SKU or barcode) after the catalogue found it. */
  async add(): Promise<void> {
    const code = this.code.trim();
    const qty = Math.max(1, Math.floor(Number(this.qty) || 1));
    if (!code || this.adding) return;
    this.adding = true;
    this.addError = null;
    try {
      const p = await findProduct(code);
      const same = this.items.find((i) => i.sku === p.sku);
      if (same) same.qty += qty;
      else this.items.push({ sku: p.sku, name: p.name, qty, unitPrice: p.unit_price ?? null, currency: p.currency ?? null });
      this.code = '';
      this.qty = 1;
      this.key = newKey();
    } catch (e) {
      this.addError = e;
    } finally {
      this.adding = false;
    }
  }

  remove(sku: string): void {
    this.items = this.items.filter((i) => i.sku !== sku);
    this.key = newKey();
  }

  async #quote(d: ReturnDraft | null, items: { sku: string; qty: number }[], overrides: number[] = []): Promise<void> {
    if (!d || !items.length || this.done) {
      this.#quotes.cancel();
      this.quote = null;
      this.quoteError = null;
      return;
    }
    try {
      const q = await this.#quotes.run(() => evaluateExchange(d, items, null, overrides), { delay: 0 });
      this.quote = q;
      this.quoteError = null;
      // a way the store does not allow (its setting) gives way to the first it does
      const ways = q.difference_tenders;
      if (ways.length && !ways.includes(this.tender)) this.tender = ways[0];
    } catch (e) {
      this.quote = null;
      this.quoteError = e;
    }
  }

  /** Records the exchange (with a manager's decision where the returned lines need one); the
   * return screen then shows it as done (its return's slip, the exchange document). */
  async confirm(manager: ManagerInput | null = null): Promise<boolean> {
    const d = this.#desk.draft;
    const q = this.quote;
    // a manager's decision goes to the server as it is (it judges it); the quote may already preview the overrides
    const allowed = manager ? !!q && !this.confirming && !this.done : this.canConfirm;
    if (!d || !q || !allowed) return false;
    this.confirming = true;
    this.confirmError = null;
    try {
      const toPay = Number(q.to_pay) > 0;
      const x = await confirmExchange(d, this.items, toPay ? this.tender : null, this.key, manager);
      this.done = x;
      this.#desk.done = x.return;
      const number = this.#desk.receipt?.number;
      if (number) lookupReceipt(number).then((r) => (this.#desk.receipt = r), () => {});
      return true;
    } catch (e) {
      this.confirmError = e;
      return false;
    } finally {
      this.confirming = false;
    }
  }
}
