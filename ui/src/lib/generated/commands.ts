// Generated from the command table (src/api/commands.rs) by scripts/generate-api.sh: do not edit.
import type { components } from './openapi';

type S = components['schemas'];

/** Every command of the desk API: what it takes and what it answers. */
export interface Commands {
  /** Sign in with user and PIN. */
  sign_in: { input: S['SignIn']; output: S['SessionView'] };
  /** Sign out. */
  sign_out: { input: S['NoInput']; output: S['Done'] };
  /** Find a receipt by number, barcode or Russian fiscal QR text. */
  lookup_receipt: { input: S['Lookup']; output: S['ReceiptView'] };
  /** Receipts paid with a card, by its last four digits and a date range. */
  find_receipts_by_card: { input: S['ByCard']; output: S['ReceiptSummary'][] };
  /** A customer's receipts by phone, e-mail or name, where the sale recorded who bought; newest first. */
  find_receipts_by_customer: { input: S['ByCustomer']; output: S['ReceiptSummary'][] };
  /** Judge a return draft without recording it. */
  evaluate_return: { input: S['DraftInput']; output: S['EvaluationView'] };
  /** Confirm (record) a return; the same idempotency_key gives back the same return. */
  confirm_return: { input: S['DraftInput']; output: S['ReturnView'] };
  /** Past returns of the store, newest first. */
  list_returns: { input: S['ReturnQuery']; output: S['ReturnSummaryView'][] };
  /** One recorded return. */
  get_return: { input: S['ById']; output: S['ReturnView'] };
  /** A document of the return as PDF: its slip, the store-credit voucher it issued, or one of its warranty claims. */
  return_slip: { input: S['SlipRequest']; output: Blob };
  /** Print a document of the return (its slip, voucher or a warranty claim) on the store's printer. */
  print_slip: { input: S['SlipRequest']; output: S['Printed'] };
  /** The store's warranty claims, soonest due first. */
  list_claims: { input: S['ClaimFilter']; output: S['ClaimView'][] };
  /** The store, its printer and the policy in force. */
  get_settings: { input: S['NoInput']; output: S['SettingsView'] };
  /** Choose the store's printer. */
  put_settings: { input: S['PutSettings']; output: S['SettingsView'] };
  /** Change the store's details printed on its documents: name, address, VAT id (checked for the store's country), company id, phone. */
  put_store_details: { input: S['StoreDetails']; output: S['StoreDetails'] };
  /** Publish a new version of the store's policy. */
  import_policy: { input: S['ImportPolicy']; output: S['PolicyVersionView'] };
  /** Check a policy as a manager edits it, without publishing it: refused as publishing would be (naming the field), else the version it would become. */
  check_policy: { input: S['ImportPolicy']; output: S['PolicyCheck'] };
  /** The versions of the store's policy, latest first: from when each is in force, who published it and when, and which one is in force today. */
  list_policy_versions: { input: S['NoInput']; output: S['PolicyVersionEntry'][] };
  /** Let a locked-out user try their PIN again, at every desk. */
  unlock_user: { input: S['UnlockUser']; output: S['Unlocked'] };
  /** The store's audit trail, newest first, filtered by user, action and days, a page at a time. */
  list_audit: { input: S['AuditFilterInput']; output: S['AuditPageView'] };
  /** Whether the desk needs its first run (no store yet), and the policies a store may start with. */
  setup_status: { input: S['NoInput']; output: S['SetupStatus'] };
  /** The first run: the store, its first administrator (signed in) and its starting policy; 409 once a store exists. */
  set_up_store: { input: S['SetUpStore']; output: S['SessionView'] };
  /** The users who work in the session's store. */
  list_users: { input: S['NoInput']; output: S['UserAccountView'][] };
  /** Add a user. */
  add_user: { input: S['NewUserInput']; output: S['UserAccountView'] };
  /** Change a user's name, role, stores, standing and limits (a full replace). */
  update_user: { input: S['UpdateUserInput']; output: S['UserAccountView'] };
  /** Set a user's new PIN. */
  reset_user_pin: { input: S['ResetPin']; output: S['UserAccountView'] };
  /** Change your own PIN (the old one is asked). */
  change_own_pin: { input: S['ChangePin']; output: S['Done'] };
  /** Send a return to the store's managers to decide (the same idempotency_key gives back the same case). */
  queue_return: { input: S['QueueReturn']; output: S['QueuedCase'] };
  /** The approval queue: a manager sees the store's cases, a clerk those sent from their desk or by them. */
  list_queue: { input: S['QueueFilter']; output: S['QueueView'] };
  /** Waits until the store's queue changes past `after` (about 25 s at most), then answers the queue. */
  watch_queue: { input: S['WatchQueue']; output: S['QueueView'] };
  /** A manager approves or declines a queued case at their own desk. */
  decide_queued: { input: S['DecideQueued']; output: S['QueuedCase'] };
  /** The clerk takes back a waiting case. */
  withdraw_queued: { input: S['ById']; output: S['QueuedCase'] };
  /** One warranty claim: its customer, item, history, deadline, warranty clocks and settlement. */
  get_claim: { input: S['ById']; output: S['ClaimDetailView'] };
  /** Take the next step of a claim (send to service, back, inform, hand back, reject, close). */
  advance_claim: { input: S['ClaimStep']; output: S['ClaimDetailView'] };
  /** Settle a claim by money (refund or price reduction), paid per tender; the same idempotency_key gives back the same settlement. */
  settle_claim: { input: S['SettleClaim']; output: S['ClaimDetailView'] };
  /** A document of a warranty claim as PDF: its intake (the register entry), its settlement or its rejection. */
  claim_document: { input: S['ClaimDocumentRequest']; output: Blob };
  /** The store's complaint register of a year, as CSV or PDF (a file to download). */
  export_register: { input: S['RegisterExport']; output: Blob };
  /** Take in an item outside every warranty as a paid repair order (estimate given); the same idempotency_key gives back the same order. */
  open_repair_order: { input: S['OpenRepairOrder']; output: S['RepairOrderView'] };
  /** The store's paid repair orders (of a stage, or answering a number, phone, e-mail or serial): open ones first, newest first. */
  list_repair_orders: { input: S['RepairFilter']; output: S['RepairOrderView'][] };
  /** One paid repair order with its history. */
  get_repair_order: { input: S['ById']; output: S['RepairOrderView'] };
  /** Take the next step of a repair order (accept or decline the estimate, send, back, inform, hand back and take payment, close). */
  advance_repair_order: { input: S['RepairStep']; output: S['RepairOrderView'] };
  /** A document of a repair order as PDF: the order the customer signs, or the pick-up receipt. */
  repair_order_document: { input: S['RepairDocumentRequest']; output: Blob };
  /** A store-credit voucher of the store by its code (any case, with or without the dashes): balance, status (expired computed from the store's today), expiry and redemptions. */
  get_voucher: { input: S['VoucherCode']; output: S['VoucherView'] };
  /** Spend store credit: take an amount from a voucher at a till for a sale; the same idempotency_key gives back the same redemption. */
  redeem_voucher: { input: S['RedeemVoucher']; output: S['VoucherView'] };
  /** Void a voucher with a reason (its balance is forfeited). */
  void_voucher: { input: S['VoidVoucher']; output: S['VoucherView'] };
  /** A product of the catalogue by SKU or barcode, with its price (what an exchange sells at). */
  find_product: { input: S['ProductQuery']; output: S['ProductView'] };
  /** Judge an exchange without recording it: the returned value V, the new items at their price N and the difference. */
  evaluate_exchange: { input: S['ExchangeDraft']; output: S['ExchangeQuote'] };
  /** Record an exchange: the return of the old items, the exchange document and a new sale receipt for the new items; the same idempotency_key gives back the same exchange. */
  confirm_exchange: { input: S['ExchangeDraft']; output: S['ExchangeView'] };
  /** One recorded exchange. */
  get_exchange: { input: S['ById']; output: S['ExchangeView'] };
  /** The exchange document as PDF (items returned, new items, the difference and how it was paid; the number as barcode). */
  exchange_document: { input: S['ExchangeDocumentRequest']; output: Blob };
  /** An exchange's amount due at the till by the exchange's number: amount, currency, open or paid (and how, where, when). */
  get_exchange_due: { input: S['ExchangeNumber']; output: S['ExchangeDueView'] };
  /** A till takes an exchange's amount due, whole (cash, card or gift card); the same idempotency_key gives back the same payment. */
  pay_exchange_due: { input: S['PayExchangeDue']; output: S['ExchangeDueView'] };
  /** What a return without a receipt would pay: the lowest unit price the SKU sold for at the store lately, as store credit only. */
  quote_unverified: { input: S['UnverifiedDraftInput']; output: S['UnverifiedQuote'] };
  /** Record a return without a receipt: a manager approves at the desk (login + PIN), paid only as a store-credit voucher; the same idempotency_key gives back the same return. */
  confirm_unverified: { input: S['UnverifiedDraftInput']; output: S['UnverifiedReturnView'] };
  /** One return without a receipt. */
  get_unverified: { input: S['ById']; output: S['UnverifiedReturnView'] };
  /** The slip of a return without a receipt (its store-credit voucher) as PDF. */
  unverified_slip: { input: S['NoReceiptDocument']; output: Blob };
  /** Pay goodwill on a receipt line: an amount with a reason, by the tender rules; the line's later returns pay at most what is left of it. */
  goodwill_refund: { input: S['GoodwillInput']; output: S['GoodwillView'] };
  /** The customer's slip of a goodwill refund as PDF. */
  goodwill_slip: { input: S['NoReceiptDocument']; output: Blob };
  /** The end of day of a store's local day from its records, per desk and for the whole store: money paid out and taken by tender, store credit, fees, claims, overrides and the returns behind them (a clerk: their own desk's; another store: 403). */
  end_of_day: { input: S['EndOfDayInput']; output: S['EndOfDayView'] };
  /** The end of day on paper as PDF: the 80 mm roll or A4, with a section per desk for the whole store. */
  end_of_day_document: { input: S['EndOfDayDocument']; output: Blob };
  /** Print the end of day on the store's printer. */
  print_end_of_day: { input: S['EndOfDayDocument']; output: S['Printed'] };
  /** The desk publishes what its customer view shows (lines, decisions, the refund and its tenders, or the rating asked); the desk's views waiting wake at once. */
  show_customer: { input: S['DisplayState']; output: S['DisplayView'] };
  /** The customer view of the session's desk: waits until the desk's display state is newer than `after` (about 25 s at most), then answers it. */
  watch_customer: { input: S['WatchCustomer']; output: S['DisplayView'] };
  /** The customer rates the service 1–5 (and may leave a comment) for a return or warranty claim just recorded at this desk; kept once, against that desk and the clerk who recorded it. */
  give_feedback: { input: S['GiveFeedback']; output: S['FeedbackView'] };
  /** The figures on the manager's home for the session's store: refunds today against the same weekday's average of the 4 weeks before, the month's return rate, claims due this week, the average rating of the last 30 days. */
  manager_kpis: { input: S['NoInput']; output: S['ManagerKpis'] };
  /** The counter's figures for a store the manager works in, a period of its local days (per day, week or month), optionally a desk and a clerk: every table in one shape (typed columns, rows), money as exact decimals. */
  report: { input: S['ReportQuery']; output: S['ReportView'] };
}

export type CommandName = keyof Commands;

/** How each command travels over HTTP (Tauri: `invoke(name, {args})`). */
export const routes = {
  sign_in: { method: 'POST', path: '/api/session', access: 'anyone', answers: 'application/json' },
  sign_out: { method: 'DELETE', path: '/api/session', access: 'anyone', answers: 'application/json' },
  lookup_receipt: { method: 'GET', path: '/api/receipts/lookup', access: 'clerk', answers: 'application/json' },
  find_receipts_by_card: { method: 'GET', path: '/api/receipts/by-card', access: 'clerk', answers: 'application/json' },
  find_receipts_by_customer: { method: 'GET', path: '/api/receipts/by-customer', access: 'clerk', answers: 'application/json' },
  evaluate_return: { method: 'POST', path: '/api/returns/evaluate', access: 'clerk', answers: 'application/json' },
  confirm_return: { method: 'POST', path: '/api/returns', access: 'clerk', answers: 'application/json' },
  list_returns: { method: 'GET', path: '/api/returns', access: 'clerk', answers: 'application/json' },
  get_return: { method: 'GET', path: '/api/returns/{id}', access: 'clerk', answers: 'application/json' },
  return_slip: { method: 'GET', path: '/api/returns/{id}/slip.pdf', access: 'clerk', answers: 'application/pdf' },
  print_slip: { method: 'POST', path: '/api/returns/{id}/print', access: 'clerk', answers: 'application/json' },
  list_claims: { method: 'GET', path: '/api/claims', access: 'clerk', answers: 'application/json' },
  get_settings: { method: 'GET', path: '/api/settings', access: 'clerk', answers: 'application/json' },
  put_settings: { method: 'PUT', path: '/api/settings', access: 'manager', answers: 'application/json' },
  put_store_details: { method: 'PUT', path: '/api/settings/store', access: 'manager', answers: 'application/json' },
  import_policy: { method: 'POST', path: '/api/policy', access: 'manager', answers: 'application/json' },
  check_policy: { method: 'POST', path: '/api/policy/check', access: 'manager', answers: 'application/json' },
  list_policy_versions: { method: 'GET', path: '/api/policy/versions', access: 'clerk', answers: 'application/json' },
  unlock_user: { method: 'POST', path: '/api/users/unlock', access: 'manager', answers: 'application/json' },
  list_audit: { method: 'GET', path: '/api/audit', access: 'manager', answers: 'application/json' },
  setup_status: { method: 'GET', path: '/api/setup', access: 'anyone', answers: 'application/json' },
  set_up_store: { method: 'POST', path: '/api/setup', access: 'anyone', answers: 'application/json' },
  list_users: { method: 'GET', path: '/api/users', access: 'administrator', answers: 'application/json' },
  add_user: { method: 'POST', path: '/api/users', access: 'administrator', answers: 'application/json' },
  update_user: { method: 'PUT', path: '/api/users/{id}', access: 'administrator', answers: 'application/json' },
  reset_user_pin: { method: 'POST', path: '/api/users/{id}/pin', access: 'administrator', answers: 'application/json' },
  change_own_pin: { method: 'POST', path: '/api/session/pin', access: 'clerk', answers: 'application/json' },
  queue_return: { method: 'POST', path: '/api/queue', access: 'clerk', answers: 'application/json' },
  list_queue: { method: 'GET', path: '/api/queue', access: 'clerk', answers: 'application/json' },
  watch_queue: { method: 'GET', path: '/api/queue/watch', access: 'clerk', answers: 'application/json' },
  decide_queued: { method: 'POST', path: '/api/queue/{id}/decision', access: 'manager', answers: 'application/json' },
  withdraw_queued: { method: 'DELETE', path: '/api/queue/{id}', access: 'clerk', answers: 'application/json' },
  get_claim: { method: 'GET', path: '/api/claims/{id}', access: 'clerk', answers: 'application/json' },
  advance_claim: { method: 'POST', path: '/api/claims/{id}/steps', access: 'clerk', answers: 'application/json' },
  settle_claim: { method: 'POST', path: '/api/claims/{id}/settlement', access: 'manager', answers: 'application/json' },
  claim_document: { method: 'GET', path: '/api/claims/{id}/document.pdf', access: 'clerk', answers: 'application/pdf' },
  export_register: { method: 'GET', path: '/api/register', access: 'manager', answers: 'application/octet-stream' },
  open_repair_order: { method: 'POST', path: '/api/repairs', access: 'clerk', answers: 'application/json' },
  list_repair_orders: { method: 'GET', path: '/api/repairs', access: 'clerk', answers: 'application/json' },
  get_repair_order: { method: 'GET', path: '/api/repairs/{id}', access: 'clerk', answers: 'application/json' },
  advance_repair_order: { method: 'POST', path: '/api/repairs/{id}/steps', access: 'clerk', answers: 'application/json' },
  repair_order_document: { method: 'GET', path: '/api/repairs/{id}/document.pdf', access: 'clerk', answers: 'application/pdf' },
  get_voucher: { method: 'GET', path: '/api/vouchers/{code}', access: 'clerk', answers: 'application/json' },
  redeem_voucher: { method: 'POST', path: '/api/vouchers/{code}/redeem', access: 'clerk', answers: 'application/json' },
  void_voucher: { method: 'POST', path: '/api/vouchers/{code}/void', access: 'manager', answers: 'application/json' },
  find_product: { method: 'GET', path: '/api/products/lookup', access: 'clerk', answers: 'application/json' },
  evaluate_exchange: { method: 'POST', path: '/api/exchanges/evaluate', access: 'clerk', answers: 'application/json' },
  confirm_exchange: { method: 'POST', path: '/api/exchanges', access: 'clerk', answers: 'application/json' },
  get_exchange: { method: 'GET', path: '/api/exchanges/{id}', access: 'clerk', answers: 'application/json' },
  exchange_document: { method: 'GET', path: '/api/exchanges/{id}/document.pdf', access: 'clerk', answers: 'application/pdf' },
  get_exchange_due: { method: 'GET', path: '/api/exchange-dues/{number}', access: 'clerk', answers: 'application/json' },
  pay_exchange_due: { method: 'POST', path: '/api/exchange-dues/{number}/pay', access: 'clerk', answers: 'application/json' },
  quote_unverified: { method: 'POST', path: '/api/unverified-returns/quote', access: 'clerk', answers: 'application/json' },
  confirm_unverified: { method: 'POST', path: '/api/unverified-returns', access: 'clerk', answers: 'application/json' },
  get_unverified: { method: 'GET', path: '/api/unverified-returns/{id}', access: 'clerk', answers: 'application/json' },
  unverified_slip: { method: 'GET', path: '/api/unverified-returns/{id}/slip.pdf', access: 'clerk', answers: 'application/pdf' },
  goodwill_refund: { method: 'POST', path: '/api/receipts/{receipt_id}/goodwill', access: 'manager', answers: 'application/json' },
  goodwill_slip: { method: 'GET', path: '/api/goodwill/{id}/slip.pdf', access: 'clerk', answers: 'application/pdf' },
  end_of_day: { method: 'GET', path: '/api/end-of-day', access: 'clerk', answers: 'application/json' },
  end_of_day_document: { method: 'GET', path: '/api/end-of-day/document.pdf', access: 'clerk', answers: 'application/pdf' },
  print_end_of_day: { method: 'POST', path: '/api/end-of-day/print', access: 'clerk', answers: 'application/json' },
  show_customer: { method: 'POST', path: '/api/customer-display', access: 'clerk', answers: 'application/json' },
  watch_customer: { method: 'GET', path: '/api/customer-display/watch', access: 'clerk', answers: 'application/json' },
  give_feedback: { method: 'POST', path: '/api/feedback', access: 'clerk', answers: 'application/json' },
  manager_kpis: { method: 'GET', path: '/api/kpis', access: 'manager', answers: 'application/json' },
  report: { method: 'GET', path: '/api/reports', access: 'manager', answers: 'application/json' },
} as const;
