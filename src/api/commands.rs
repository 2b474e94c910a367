//! The desk's commands, declared once.
//!
//! Each entry is: what it does (its doc line), `name(Input) -> Output`, who may call it
//! (`Anyone`, `Clerk` — any signed-in user —, `Manager` — a manager or administrator —,
//! `Administrator`), and its HTTP method and path.
//! `desk_commands!(m)` hands the whole table to the macro `m`; from it come
//! - the dispatcher [`DeskApi::call`](super::DeskApi::call) and the list [`COMMANDS`](super::COMMANDS)
//!   (this crate, `api/mod.rs`), which make the HTTP routes (`http/mod.rs`), the OpenAPI document
//!   (`api/openapi.rs`) and the TypeScript command types (`ui/src/lib/generated/`);
//! - the Tauri commands (`src-tauri/src/commands.rs`), which only register what this expands to.
//!
//! A command's handler is the function of the same name in `api/handlers.rs`. Adding a command
//! is one line here, one handler, and (if new) its input and output types: see
//! docs/architecture.md.

/// The command table (see the module docs): `desk_commands!(callback)` expands to
/// `callback! { … every command … }`.
#[macro_export]
macro_rules! desk_commands {
    ($callback:path) => {
        $callback! {
            /// Sign in with user and PIN.
            sign_in(SignIn) -> SessionView, Anyone, POST "/api/session";
            /// Sign out.
            sign_out(NoInput) -> Done, Anyone, DELETE "/api/session";
            /// Find a receipt by number, barcode or Russian fiscal QR text.
            lookup_receipt(Lookup) -> ReceiptView, Clerk, GET "/api/receipts/lookup";
            /// Receipts paid with a card, by its last four digits and a date range.
            find_receipts_by_card(ByCard) -> Vec<ReceiptSummary>, Clerk, GET "/api/receipts/by-card";
            /// A customer's receipts by phone, e-mail or name, where the sale recorded who bought; newest first.
            find_receipts_by_customer(ByCustomer) -> Vec<ReceiptSummary>, Clerk, GET "/api/receipts/by-customer";
            /// Judge a return draft without recording it.
            evaluate_return(DraftInput) -> EvaluationView, Clerk, POST "/api/returns/evaluate";
            /// Confirm (record) a return; the same idempotency_key gives back the same return.
            confirm_return(DraftInput) -> ReturnView, Clerk, POST "/api/returns";
            /// Past returns of the store, newest first.
            list_returns(ReturnQuery) -> Vec<ReturnSummaryView>, Clerk, GET "/api/returns";
            /// One recorded return.
            get_return(ById) -> ReturnView, Clerk, GET "/api/returns/{id}";
            /// A document of the return as PDF: its slip, the store-credit voucher it issued, or one of its warranty claims.
            return_slip(SlipRequest) -> Pdf, Clerk, GET "/api/returns/{id}/slip.pdf";
            /// Print a document of the return (its slip, voucher or a warranty claim) on the store's printer.
            print_slip(SlipRequest) -> Printed, Clerk, POST "/api/returns/{id}/print";
            /// The store's warranty claims, soonest due first.
            list_claims(ClaimFilter) -> Vec<ClaimView>, Clerk, GET "/api/claims";
            /// The store, its printer and the policy in force.
            get_settings(NoInput) -> SettingsView, Clerk, GET "/api/settings";
            /// Choose the store's printer.
            put_settings(PutSettings) -> SettingsView, Manager, PUT "/api/settings";
            /// Change the store's details printed on its documents: name, address, VAT id (checked for the store's country), company id, phone.
            put_store_details(StoreDetails) -> StoreDetails, Manager, PUT "/api/settings/store";
            /// Publish a new version of the store's policy.
            import_policy(ImportPolicy) -> PolicyVersionView, Manager, POST "/api/policy";
            /// Check a policy as a manager edits it, without publishing it: refused as publishing would be (naming the field), else the version it would become.
            check_policy(ImportPolicy) -> PolicyCheck, Manager, POST "/api/policy/check";
            /// The versions of the store's policy, latest first: from when each is in force, who published it and when, and which one is in force today.
            list_policy_versions(NoInput) -> Vec<PolicyVersionEntry>, Clerk, GET "/api/policy/versions";
            /// Let a locked-out user try their PIN again, at every desk.
            unlock_user(UnlockUser) -> Unlocked, Manager, POST "/api/users/unlock";
            /// The store's audit trail, newest first, filtered by user, action and days, a page at a time.
            list_audit(AuditFilterInput) -> AuditPageView, Manager, GET "/api/audit";
            /// Whether the desk needs its first run (no store yet), and the policies a store may start with.
            setup_status(NoInput) -> SetupStatus, Anyone, GET "/api/setup";
            /// The first run: the store, its first administrator (signed in) and its starting policy; 409 once a store exists.
            set_up_store(SetUpStore) -> SessionView, Anyone, POST "/api/setup";
            /// The users who work in the session's store.
            list_users(NoInput) -> Vec<UserAccountView>, Administrator, GET "/api/users";
            /// Add a user.
            add_user(NewUserInput) -> UserAccountView, Administrator, POST "/api/users";
            /// Change a user's name, role, stores, standing and limits (a full replace).
            update_user(UpdateUserInput) -> UserAccountView, Administrator, PUT "/api/users/{id}";
            /// Set a user's new PIN.
            reset_user_pin(ResetPin) -> UserAccountView, Administrator, POST "/api/users/{id}/pin";
            /// Change your own PIN (the old one is asked).
            change_own_pin(ChangePin) -> Done, Clerk, POST "/api/session/pin";
            /// Send a return to the store's managers to decide (the same idempotency_key gives back the same case).
            queue_return(QueueReturn) -> QueuedCase, Clerk, POST "/api/queue";
            /// The approval queue: a manager sees the store's cases, a clerk those sent from their desk or by them.
            list_queue(QueueFilter) -> QueueView, Clerk, GET "/api/queue";
            /// Waits until the store's queue changes past `after` (about 25 s at most), then answers the queue.
            watch_queue(WatchQueue) -> QueueView, Clerk, GET "/api/queue/watch";
            /// A manager approves or declines a queued case at their own desk.
            decide_queued(DecideQueued) -> QueuedCase, Manager, POST "/api/queue/{id}/decision";
            /// The clerk takes back a waiting case.
            withdraw_queued(ById) -> QueuedCase, Clerk, DELETE "/api/queue/{id}";
            // ---- Issue 11: warranty claims ----
            /// One warranty claim: its customer, item, history, deadline, warranty clocks and settlement.
            get_claim(ById) -> ClaimDetailView, Clerk, GET "/api/claims/{id}";
            /// Take the next step of a claim (send to service, back, inform, hand back, reject, close).
            advance_claim(ClaimStep) -> ClaimDetailView, Clerk, POST "/api/claims/{id}/steps";
            /// Settle a claim by money (refund or price reduction), paid per tender; the same idempotency_key gives back the same settlement.
            settle_claim(SettleClaim) -> ClaimDetailView, Manager, POST "/api/claims/{id}/settlement";
            // ---- Issue 11: documents and the complaint register ----
            /// A document of a warranty claim as PDF: its intake (the register entry), its settlement or its rejection.
            claim_document(ClaimDocumentRequest) -> Pdf, Clerk, GET "/api/claims/{id}/document.pdf";
            /// The store's complaint register of a year, as CSV or PDF (a file to download).
            export_register(RegisterExport) -> RegisterFile, Manager, GET "/api/register";
            // ---- Issue 11: paid repair orders ----
            /// Take in an item outside every warranty as a paid repair order (estimate given); the same idempotency_key gives back the same order.
            open_repair_order(OpenRepairOrder) -> RepairOrderView, Clerk, POST "/api/repairs";
            /// The store's paid repair orders (of a stage, or answering a number, phone, e-mail or serial): open ones first, newest first.
            list_repair_orders(RepairFilter) -> Vec<RepairOrderView>, Clerk, GET "/api/repairs";
            /// One paid repair order with its history.
            get_repair_order(ById) -> RepairOrderView, Clerk, GET "/api/repairs/{id}";
            /// Take the next step of a repair order (accept or decline the estimate, send, back, inform, hand back and take payment, close).
            advance_repair_order(RepairStep) -> RepairOrderView, Clerk, POST "/api/repairs/{id}/steps";
            /// A document of a repair order as PDF: the order the customer signs, or the pick-up receipt.
            repair_order_document(RepairDocumentRequest) -> Pdf, Clerk, GET "/api/repairs/{id}/document.pdf";
            // ---- Issue 14: vouchers ----
            /// A store-credit voucher of the store by its code (any case, with or without the dashes): balance, status (expired computed from the store's today), expiry and redemptions.
            get_voucher(VoucherCode) -> VoucherView, Clerk, GET "/api/vouchers/{code}";
            /// Spend store credit: take an amount from a voucher at a till for a sale; the same idempotency_key gives back the same redemption.
            redeem_voucher(RedeemVoucher) -> VoucherView, Clerk, POST "/api/vouchers/{code}/redeem";
            /// Void a voucher with a reason (its balance is forfeited).
            void_voucher(VoidVoucher) -> VoucherView, Manager, POST "/api/vouchers/{code}/void";
            // ---- Issue 14: exchanges ----
            /// A product of the catalogue by SKU or barcode, with its price (what an exchange sells at).
            find_product(ProductQuery) -> ProductView, Clerk, GET "/api/products/lookup";
            /// Judge an exchange without recording it: the returned value V, the new items at their price N and the difference.
            evaluate_exchange(ExchangeDraft) -> ExchangeQuote, Clerk, POST "/api/exchanges/evaluate";
            /// Record an exchange: the return of the old items, the exchange document and a new sale receipt for the new items; the same idempotency_key gives back the same exchange.
            confirm_exchange(ExchangeDraft) -> ExchangeView, Clerk, POST "/api/exchanges";
            /// One recorded exchange.
            get_exchange(ById) -> ExchangeView, Clerk, GET "/api/exchanges/{id}";
            /// The exchange document as PDF (items returned, new items, the difference and how it was paid; the number as barcode).
            exchange_document(ExchangeDocumentRequest) -> Pdf, Clerk, GET "/api/exchanges/{id}/document.pdf";
            /// An exchange's amount due at the till by the exchange's number: amount, currency, open or paid (and how, where, when).
            get_exchange_due(ExchangeNumber) -> ExchangeDueView, Clerk, GET "/api/exchange-dues/{number}";
            /// A till takes an exchange's amount due, whole (cash, card or gift card); the same idempotency_key gives back the same payment.
            pay_exchange_due(PayExchangeDue) -> ExchangeDueView, Clerk, POST "/api/exchange-dues/{number}/pay";
            // ---- Issue 14: noreceipt ----
            /// What a return without a receipt would pay: the lowest unit price the SKU sold for at the store lately, as store credit only.
            quote_unverified(UnverifiedDraftInput) -> UnverifiedQuote, Clerk, POST "/api/unverified-returns/quote";
            /// Record a return without a receipt: a manager approves at the desk (login + PIN), paid only as a store-credit voucher; the same idempotency_key gives back the same return.
            confirm_unverified(UnverifiedDraftInput) -> UnverifiedReturnView, Clerk, POST "/api/unverified-returns";
            /// One return without a receipt.
            get_unverified(ById) -> UnverifiedReturnView, Clerk, GET "/api/unverified-returns/{id}";
            /// The slip of a return without a receipt (its store-credit voucher) as PDF.
            unverified_slip(NoReceiptDocument) -> Pdf, Clerk, GET "/api/unverified-returns/{id}/slip.pdf";
            /// Pay goodwill on a receipt line: an amount with a reason, by the tender rules; the line's later returns pay at most what is left of it.
            goodwill_refund(GoodwillInput) -> GoodwillView, Manager, POST "/api/receipts/{receipt_id}/goodwill";
            /// The customer's slip of a goodwill refund as PDF.
            goodwill_slip(NoReceiptDocument) -> Pdf, Clerk, GET "/api/goodwill/{id}/slip.pdf";
            // ---- Issue 13: eod ----
            /// The end of day of a store's local day from its records, per desk and for the whole store: money paid out and taken by tender, store credit, fees, claims, overrides and the returns behind them (a clerk: their own desk's; another store: 403).
            end_of_day(EndOfDayInput) -> EndOfDayView, Clerk, GET "/api/end-of-day";
            /// The end of day on paper as PDF: the 80 mm roll or A4, with a section per desk for the whole store.
            end_of_day_document(EndOfDayDocument) -> Pdf, Clerk, GET "/api/end-of-day/document.pdf";
            /// Print the end of day on the store's printer.
            print_end_of_day(EndOfDayDocument) -> Printed, Clerk, POST "/api/end-of-day/print";
            // ---- Issue 13: feedback ----
            /// The desk publishes what its customer view shows (lines, decisions, the refund and its tenders, or the rating asked); the desk's views waiting wake at once.
            show_customer(DisplayState) -> DisplayView, Clerk, POST "/api/customer-display";
            /// The customer view of the session's desk: waits until the desk's display state is newer than `after` (about 25 s at most), then answers it.
            watch_customer(WatchCustomer) -> DisplayView, Clerk, GET "/api/customer-display/watch";
            /// The customer rates the service 1–5 (and may leave a comment) for a return or warranty claim just recorded at this desk; kept once, against that desk and the clerk who recorded it.
            give_feedback(GiveFeedback) -> FeedbackView, Clerk, POST "/api/feedback";
            /// The figures on the manager's home for the session's store: refunds today against the same weekday's average of the 4 weeks before, the month's return rate, claims due this week, the average rating of the last 30 days.
            manager_kpis(NoInput) -> ManagerKpis, Manager, GET "/api/kpis";
            // ---- Issue 13: reports ----
            /// The counter's figures for a store the manager works in, a period of its local days (per day, week or month), optionally a desk and a clerk: every table in one shape (typed columns, rows), money as exact decimals.
            report(ReportQuery) -> ReportView, Manager, GET "/api/reports";
        }
    };
}
