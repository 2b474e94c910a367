// The return being put together at the desk: one store shared by the return screen and its parts
// (components/return/). It holds the receipt and what the clerk asks for on each line, the draft
// sent to the server, the server's evaluation of it (and of a manager's overrides, previewed), the
// idempotency key and the confirmation.
//
// What the desk may do with a draft (record it, ask a manager first, which denied lines a manager
// may override, which lines ask for more than is left) is the SERVER's answer, read from the
// evaluation (may_confirm, manager_required, needs_manager, overridable_lines, over_qty). Only what
// the server cannot know is decided here: that an answer is still on its way, or that nothing is
// asked yet.
//
// Create it while a component initialises: its effects (evaluating each draft) live and end with it.
import { untrack } from 'svelte';
import {
  completeQueued,
  confirmReturn,
  evaluateReturn,
  getSettings,
  lookupReceipt,
  queueReturn,
  type ApprovalDecision,
  type Condition,
  type EvaluatedLine,
  type Evaluation,
  type QueuedCase,
  type ExplanationFacts,
  type Reason,
  type ReceiptView,
  type Resolution,
  type ReturnDraft,
  type ReturnView,
} from './api';
import { toCents } from './format';
import type { Remedy } from './claims';
import { ApiError } from './transport';
import { Latest } from './latest.svelte';
import type { desk } from './session.svelte';
import { upsert } from './queue.svelte';

/** What the clerk asks for on one receipt line. */
export interface Row {
  qty: number;
  reason: Reason;
  condition: Condition;
  serial: string;
  defect: string;
  /** RU: no similar item is in stock to exchange this one for. */
  noAnalogue?: boolean;
  // a warranty claim's intake (issue 11): what comes with the item, its state, the remedy asked
  accessories?: string;
  itemState?: string;
  remedy?: Remedy;
}

/** A manager's decision at the desk: approve (with the denied lines to override and the deductions for loss of value) or decline. */
export type ManagerInput = ApprovalDecision;

/** What the manager types for one LOSS_OF_VALUE line: the deduction and why. */
export interface DeductionEntry {
  amount: string;
  reason: string;
}

/** What is wrong with a typed deduction, if anything (the server checks the same and names the field). */
export type DeductionProblem = 'invalid' | 'over' | 'no_reason' | null;

/** A typed amount ("12.50", "12,5", "12") in cents; null if it is not money (negative, more than two decimals, …). */
export function amountCents(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return toCents(s);
}

function centsText(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** A return started again from another screen (a receipt and the lines asked for). */
export type Prefill = NonNullable<(typeof desk)['prefill']>;

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export class ReturnDraftStore {
  /** the scan field */
  code = $state('');
  receipt = $state<ReceiptView | null>(null);
  rows = $state<Record<number, Row>>({});
  resolution = $state<Resolution>('refund');
  lookupError = $state<unknown>(null);

  evaluation = $state<Evaluation | null>(null);
  evalError = $state<unknown>(null);
  /** denied lines the manager ticked to override, previewed through evaluateReturn's preview_overrides */
  overrides = $state<Record<number, boolean>>({});
  /** the manager's deductions for loss of value, per LOSS_OF_VALUE line, previewed through preview_deductions */
  deductions = $state<Record<number, DeductionEntry>>({});
  preview = $state<Evaluation | null>(null);
  managerError = $state<unknown>(null);

  /** one per draft: confirming the same draft twice records it once */
  idemKey = newKey();
  confirming = $state(false);
  confirmError = $state<unknown>(null);
  done = $state<ReturnView | null>(null);

  /** the customer's details (all optional): with them the server counts the customer's earlier returns */
  customer = $state({ name: '', contact: '', loyalty_id: '' });
  /** one per draft: sending the same draft to the queue twice queues it once */
  queueKey = newKey();
  sending = $state(false);
  sendError = $state<unknown>(null);
  /** the queued case being completed at this desk (its return is `done` once recorded) */
  completing = $state<number | null>(null);
  completeError = $state<{ id: number; error: unknown } | null>(null);
  /** one key per queued case completed here: a retry records it once */
  readonly #completeKeys = new Map<number, string>();

  /** the policy's manager_approval_over, for the approvals' wording */
  limit = $state<string | null>(null);

  readonly #lookups = new Latest();
  readonly #evaluations = new Latest();
  readonly #previews = new Latest();
  readonly #refreshes = new Latest();
  readonly #focusScan: () => void;

  /** `focusScan`: called when the scan field should have the focus again (after each step). */
  constructor({ focusScan }: { focusScan: () => void }) {
    this.#focusScan = focusScan;
    // Evaluate as the clerk goes; see #evaluate.
    $effect(() => {
      const d = this.draft;
      untrack(() => this.#evaluate(d));
    });
    // With overrides ticked or deductions typed, preview what the manager's approval would give.
    $effect(() => {
      const d = this.draft;
      const lines = this.overrideLines;
      const deductions = this.deductionList;
      const base = this.evaluation;
      untrack(() => this.#preview(d, lines, deductions, base));
    });
    $effect(() => () => {
      for (const l of [this.#lookups, this.#evaluations, this.#previews, this.#refreshes]) l.cancel();
    });
  }

  /** A receipt lookup is on its way. */
  get looking(): boolean {
    return this.#lookups.pending;
  }
  /** The evaluation of the current draft is on its way (the one shown, if any, is of an earlier draft). */
  get evaluating(): boolean {
    return this.#evaluations.pending;
  }

  /** What is sent to the server: the lines with a quantity; null while there are none. */
  readonly draft = $derived.by((): ReturnDraft | null => {
    const receipt = this.receipt;
    if (!receipt) return null;
    const lines = receipt.lines
      .filter((l) => (this.rows[l.line]?.qty ?? 0) > 0)
      .map((l) => {
        const r = this.rows[l.line];
        const notChange = r.reason !== 'change_of_mind';
        return {
          line: l.line,
          qty: r.qty,
          reason: r.reason,
          condition: r.condition,
          no_analogue: r.noAnalogue ?? false,
          ...(notChange && r.defect.trim() ? { defect: r.defect.trim() } : {}),
          ...(notChange && r.serial.trim() ? { serial: r.serial.trim() } : {}),
          ...(notChange && r.accessories?.trim() ? { accessories: r.accessories.trim() } : {}),
          ...(notChange && r.itemState?.trim() ? { item_state: r.itemState.trim() } : {}),
          ...(notChange && r.remedy ? { remedy_asked: r.remedy } : {}),
        };
      });
    if (!lines.length) return null;
    const c = this.customer;
    const customer = { name: c.name.trim(), contact: c.contact.trim(), loyalty_id: c.loyalty_id.trim() };
    const known = customer.name || customer.contact || customer.loyalty_id;
    return {
      receipt_id: receipt.id,
      resolution: this.resolution,
      lines,
      ...(known ? { customer: { ...customer, loyalty_id: customer.loyalty_id || null } as ReturnDraft['customer'] } : {}),
    };
  });

  readonly overrideLines = $derived(
    Object.entries(this.overrides)
      .filter(([, v]) => v)
      .map(([k]) => Number(k))
      .sort((a, b) => a - b),
  );

  /** Lines waiting for a manager's deduction for loss of value (a withdrawal of used goods), as evaluated. */
  readonly lossOfValue = $derived.by((): EvaluatedLine[] =>
    (this.evaluation?.lines ?? []).filter((l) => l.outcome === 'needs_approval' && l.reasons.some((r) => r.code === 'LOSS_OF_VALUE')),
  );

  /** What is wrong with the deduction typed for a LOSS_OF_VALUE line (nothing typed: no deduction, nothing wrong). */
  deductionProblem(l: EvaluatedLine, needReason = false): DeductionProblem {
    const e = this.deductions[l.line];
    if (!e || !e.amount.trim()) return null;
    const cents = amountCents(e.amount);
    if (cents === null) return 'invalid';
    if (cents > toCents(l.refund)) return 'over';
    if (needReason && !e.reason.trim()) return 'no_reason';
    return null;
  }

  /** The deductions typed that can be previewed (money, within the line's refund), as the API takes them. */
  readonly deductionList = $derived.by((): { line: number; amount: string; reason: string }[] =>
    this.lossOfValue
      .filter((l) => this.deductions[l.line]?.amount.trim() && this.deductionProblem(l) === null)
      .map((l) => ({ line: l.line, amount: centsText(amountCents(this.deductions[l.line].amount)!), reason: this.deductions[l.line].reason.trim() })),
  );

  /** The decision on screen: the recorded one, else the manager's preview, else the evaluation. */
  readonly shown = $derived(this.done?.decision ?? this.preview ?? this.evaluation);
  readonly evalByLine = $derived(new Map((this.shown?.lines ?? []).map((l) => [l.line, l])));
  /** The facts behind each line's verdict: the preview's, else the evaluation's (a recorded decision carries none: the evaluation's). */
  readonly factsByLine = $derived(
    new Map<number, ExplanationFacts>(
      ((this.done ? null : this.preview) ?? this.evaluation)?.explanations.map((x) => [x.line, x.facts]) ?? [],
    ),
  );
  readonly names = $derived(Object.fromEntries((this.receipt?.lines ?? []).map((l) => [l.line, l.name])) as Record<number, string>);

  // The server's rules, as the evaluation says them.
  /** Lines asking for more than is left: line → units left. */
  readonly overQty = $derived(new Map((this.evaluation?.over_qty ?? []).map((o) => [o.line, o.left])));
  /** Denied lines a manager may override, as evaluated. */
  readonly overridable = $derived.by((): EvaluatedLine[] => {
    const ev = this.evaluation;
    return ev ? ev.lines.filter((l) => ev.overridable_lines.includes(l.line)) : [];
  });
  /** The server refused the serial no. typed on a claim (409 SERIAL_MISMATCH): a manager may approve it with their PIN. */
  readonly serialMismatch = $derived(this.confirmError instanceof ApiError && this.confirmError.code === 'SERIAL_MISMATCH');
  /** The manager's step is on the desk: a manager's decision would change the outcome (or a serial no. not sold on the line asks for one). */
  readonly needsManager = $derived(!!this.draft && (!!this.evaluation?.needs_manager || this.serialMismatch));
  /** A warranty claim is on the draft: the customer's name and phone or e-mail are required (the server says so too, naming the field). */
  readonly claimLines = $derived((this.evaluation?.lines ?? []).filter((l) => l.outcome === 'warranty_claim').map((l) => l.line));
  readonly customerMissing = $derived(this.claimLines.length > 0 && (!this.customer.name.trim() || !this.customer.contact.trim()));
  /** Nothing can be recorded before a manager decides (and nothing is over quantity, which no manager can fix). */
  readonly managerFirst = $derived(!!this.evaluation?.manager_required && !this.evaluation.over_qty.length);
  /** The clerk alone may record it now: the server says so, of this very draft (no answer on its way). */
  readonly canConfirm = $derived(!!this.draft && !!this.evaluation && !this.evaluating && this.evaluation.may_confirm);

  setQty(line: number, q: number): void {
    this.rows[line].qty = Math.max(0, Math.floor(Number.isFinite(q) ? q : 0));
  }

  // ---- Issue 13: reports ---- performance.now() when the receipt on screen was scanned
  #scannedAt: number | null = null;

  /** A new return: nothing on the desk, the scan field focused. */
  reset(): void {
    this.#scannedAt = null;
    this.#refreshes.cancel();
    this.receipt = null;
    this.rows = {};
    this.evaluation = null;
    this.evalError = null;
    this.confirmError = null;
    this.managerError = null;
    this.overrides = {};
    this.deductions = {};
    this.preview = null;
    this.done = null;
    this.code = '';
    this.resolution = 'refund';
    this.idemKey = newKey();
    this.customer = { name: '', contact: '', loyalty_id: '' };
    this.sendError = null;
    this.completeError = null;
    this.#focusScan();
  }

  /** Finds the receipt scanned or typed and starts a return on it; false if there is none. */
  async lookup(c: string): Promise<boolean> {
    const value = c.trim();
    if (!value) return false;
    this.lookupError = null;
    // ---- Issue 13: reports ---- when the receipt was scanned, on the desk's own monotonic clock
    const scanned = performance.now();
    try {
      const r = await this.#lookups.run(() => lookupReceipt(value));
      this.reset();
      this.receipt = r;
      this.#scannedAt = scanned;
      const init: Record<number, Row> = {};
      for (const l of r.lines) init[l.line] = { qty: 0, reason: 'change_of_mind', condition: 'unopened', serial: '', defect: '' };
      this.rows = init;
      return true;
    } catch (e) {
      this.lookupError = e;
      return false;
    } finally {
      this.code = '';
      this.#focusScan();
    }
  }

  /** Issue 14: set while an exchange is on the desk — the manager's decision records the exchange. */
  exchangeDecides: ((m: ManagerInput) => Promise<boolean>) | null = null;

  // ---- Issue 14: noreceipt ----
  /** The "No receipt" panel is open (the empty receipt area gives it the room). */
  noReceiptOpen = $state(false);

  /** The receipt read again (goodwill was paid on a line: what is left of it changed). */
  async refreshReceipt(): Promise<void> {
    const number = this.receipt?.number;
    if (!number) return;
    try {
      const r = await this.#refreshes.run(() => lookupReceipt(number));
      if (this.receipt?.number === number) this.receipt = r;
    } catch {
      // the receipt on the desk stays as it was
    }
  }

  /** Starts again a return asked for before (the lines and resolution it asked for). */
  async startAgain(p: Prefill): Promise<void> {
    if (!(await this.lookup(p.receipt_number))) return;
    this.resolution = p.resolution;
    for (const l of p.lines) {
      const r = this.rows[l.line];
      if (r) Object.assign(r, { qty: l.qty, reason: l.reason, condition: l.condition });
    }
  }

  async loadLimit(): Promise<void> {
    try {
      const v = (await getSettings()).policy?.defaults?.manager_approval_over;
      this.limit = typeof v === 'string' || typeof v === 'number' ? String(v) : null;
    } catch {
      /* the wording goes without the amount */
    }
  }

  /** The clerk records it alone (Ctrl+Enter). */
  async confirm(): Promise<void> {
    if (!this.canConfirm) return;
    await this.#record();
  }

  /** The manager at the desk approves or declines; approving an exception with no line ticked overrides every overridable denial. An approval takes the deductions typed for loss of value (a decline pays nothing, so none). */
  async managerDecides(m: ManagerInput): Promise<boolean> {
    const ev = this.evaluation;
    const approve = m.decision === 'approve';
    const lines = approve && !m.lines.length && ev && !ev.manager_required ? ev.overridable_lines : m.lines;
    const decided = { ...m, lines, deductions: approve ? this.deductionList : [] };
    // Issue 14: new items are on the desk: the manager decides the exchange, not a plain return.
    if (this.exchangeDecides) return this.exchangeDecides(decided);
    return this.#record(decided);
  }

  /** No manager at the desk: the case goes to the managers' queue and the desk is free for the next customer. */
  async sendToQueue(note: string): Promise<QueuedCase | null> {
    const draft = this.draft;
    const ev = this.evaluation;
    if (!draft || !ev || this.evaluating || !ev.needs_manager || this.sending) return null;
    const { preview_overrides: _p, preview_deductions: _d, ...asked } = draft;
    this.sending = true;
    this.sendError = null;
    try {
      const c = await queueReturn({ ...(asked as Omit<QueuedCase['draft'], never>), idempotency_key: this.queueKey, note: note.trim() || null });
      upsert(c);
      this.reset();
      return c;
    } catch (e) {
      // No manager is needed now (the clerk's own limit changed meanwhile): the desk judges the
      // draft anew, and the sentence stands by the Confirm button it points to.
      if (e instanceof ApiError && e.code === 'NO_MANAGER_NEEDED') {
        this.confirmError = e;
        void this.#evaluate(this.draft);
      } else this.sendError = e;
      return null;
    } finally {
      this.sending = false;
    }
  }

  /** Records the return a manager decided in the queue (approved: pays what was approved; declined: recorded as declined) and shows it as a return confirmed here. */
  async completeQueued(c: QueuedCase): Promise<boolean> {
    if (this.completing !== null) return false;
    let key = this.#completeKeys.get(c.id);
    if (!key) this.#completeKeys.set(c.id, (key = newKey()));
    this.completing = c.id;
    this.completeError = null;
    try {
      const ret = await completeQueued(c, key);
      upsert({ ...c, state: 'completed', return_id: ret.id });
      this.reset();
      this.done = ret;
      // the receipt as it is now, with the lines the case returned
      try {
        const r = await this.#refreshes.run(() => lookupReceipt(c.receipt.number));
        const rows: Record<number, Row> = {};
        for (const l of r.lines) rows[l.line] = { qty: 0, reason: 'change_of_mind', condition: 'unopened', serial: '', defect: '' };
        for (const l of c.draft.lines)
          if (rows[l.line]) Object.assign(rows[l.line], { qty: l.qty, reason: l.reason, condition: l.condition, serial: l.serial ?? '', defect: l.defect ?? '' });
        this.rows = rows;
        this.resolution = c.draft.resolution;
        this.receipt = r;
      } catch {
        /* the slip is on the desk; the receipt is only shown */
      }
      return true;
    } catch (e) {
      this.completeError = { id: c.id, error: e };
      return false;
    } finally {
      this.completing = null;
    }
  }

  /** The customer takes the exchange the law offers: the whole draft becomes an exchange (and is evaluated again). */
  offerExchange(): void {
    this.resolution = 'exchange';
    this.#focusScan();
  }

  // Evaluate each draft as the clerk goes, on the next tick (one click that changes several fields
  // is one call); a later draft drops the answer to an earlier one. No longer debounce: the desk is
  // local and the verdict should be on screen within 100 ms of a change (docs/performance.md,
  // "Desk: scan to verdict"). A new draft is a new return to confirm: a new key, no overrides.
  async #evaluate(d: ReturnDraft | null): Promise<void> {
    this.idemKey = newKey();
    this.queueKey = newKey();
    this.overrides = {};
    this.deductions = {};
    if (!d) {
      this.#evaluations.cancel();
      this.evaluation = null;
      this.evalError = null;
      return;
    }
    try {
      const ev = await this.#evaluations.run(() => evaluateReturn(d), { delay: 0 });
      // a field for the manager's deduction on every line that waits for one
      const entries: Record<number, DeductionEntry> = {};
      for (const l of ev.lines)
        if (l.outcome === 'needs_approval' && l.reasons.some((r) => r.code === 'LOSS_OF_VALUE')) entries[l.line] = { amount: '', reason: '' };
      this.deductions = entries;
      this.evaluation = ev;
      this.evalError = null;
    } catch (e) {
      this.evaluation = null;
      this.evalError = e;
    }
  }

  async #preview(
    d: ReturnDraft | null,
    lines: number[],
    deductions: { line: number; amount: string; reason: string }[],
    base: Evaluation | null,
  ): Promise<void> {
    if (!d || !base || (!lines.length && !deductions.length)) {
      this.#previews.cancel();
      this.preview = null;
      return;
    }
    const asked: ReturnDraft = { ...d, preview_overrides: lines };
    if (deductions.length) asked.preview_deductions = deductions;
    try {
      this.preview = await this.#previews.run(() => evaluateReturn(asked));
    } catch (e) {
      this.preview = null;
      this.managerError = e;
    }
  }

  async #record(manager?: ApprovalDecision): Promise<boolean> {
    const draft = this.draft;
    const ev = this.evaluation;
    if (!draft || !ev || this.evaluating) return false;
    // the clerk alone only what the server allows; a manager only where a manager's decision counts
    if (!(manager ? ev.needs_manager || this.serialMismatch : ev.may_confirm)) return false;
    this.confirming = true;
    this.confirmError = null;
    this.managerError = null;
    try {
      // ---- Issue 13: reports ---- the server keeps how long the return took from its scan
      const sinceScan = this.#scannedAt === null ? null : Math.max(0, Math.round(performance.now() - this.#scannedAt));
      this.done = await confirmReturn({ ...draft, since_scan_ms: sinceScan }, this.idemKey, manager);
      this.#focusScan();
      // what is left to return has changed: show it (unless the desk moved on meanwhile)
      const number = this.receipt?.number;
      if (number)
        this.#refreshes.run(() => lookupReceipt(number)).then(
          (r) => (this.receipt = r),
          () => {},
        );
      return true;
    } catch (e) {
      if (manager) this.managerError = e;
      else this.confirmError = e;
      // Another desk took back units of this receipt (or it changed) meanwhile: read it again and
      // judge the draft anew, so the lines show what is left now, not what was left before. So too
      // when a manager is needed now (the clerk's limit lowered meanwhile): the case shows it, and
      // offers to send it to a manager.
      if (e instanceof ApiError && ['QTY_EXCEEDS_REMAINING', 'RECEIPT_CHANGED', 'APPROVED_AMOUNT_CHANGED', 'MANAGER_REQUIRED'].includes(e.code)) {
        void this.refreshReceipt().then(() => this.#evaluate(this.draft));
      }
      return false;
    } finally {
      this.confirming = false;
    }
  }
}
