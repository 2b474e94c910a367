// Generated from docs/openapi.json by scripts/generate-api.sh (openapi-typescript): do not edit.
export interface paths {
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The store's audit trail, newest first, filtered by user, action and days, a page at a time. */
        get: operations["list_audit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The store's warranty claims, soonest due first. */
        get: operations["list_claims"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One warranty claim: its customer, item, history, deadline, warranty clocks and settlement. */
        get: operations["get_claim"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/{id}/document.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A document of a warranty claim as PDF: its intake (the register entry), its settlement or its rejection. */
        get: operations["claim_document"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/{id}/settlement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Settle a claim by money (refund or price reduction), paid per tender; the same idempotency_key gives back the same settlement. */
        post: operations["settle_claim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/claims/{id}/steps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take the next step of a claim (send to service, back, inform, hand back, reject, close). */
        post: operations["advance_claim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customer-display": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The desk publishes what its customer view shows (lines, decisions, the refund and its tenders, or the rating asked); the desk's views waiting wake at once. */
        post: operations["show_customer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customer-display/watch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer view of the session's desk: waits until the desk's display state is newer than `after` (about 25 s at most), then answers it. */
        get: operations["watch_customer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/end-of-day": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The end of day of a store's local day from its records, per desk and for the whole store: money paid out and taken by tender, store credit, fees, claims, overrides and the returns behind them (a clerk: their own desk's; another store: 403). */
        get: operations["end_of_day"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/end-of-day/document.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The end of day on paper as PDF: the 80 mm roll or A4, with a section per desk for the whole store. */
        get: operations["end_of_day_document"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/end-of-day/print": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Print the end of day on the store's printer. */
        post: operations["print_end_of_day"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exchange-dues/{number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An exchange's amount due at the till by the exchange's number: amount, currency, open or paid (and how, where, when). */
        get: operations["get_exchange_due"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exchange-dues/{number}/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A till takes an exchange's amount due, whole (cash, card or gift card); the same idempotency_key gives back the same payment. */
        post: operations["pay_exchange_due"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exchanges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record an exchange: the return of the old items, the exchange document and a new sale receipt for the new items; the same idempotency_key gives back the same exchange. */
        post: operations["confirm_exchange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exchanges/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Judge an exchange without recording it: the returned value V, the new items at their price N and the difference. */
        post: operations["evaluate_exchange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exchanges/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One recorded exchange. */
        get: operations["get_exchange"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exchanges/{id}/document.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The exchange document as PDF (items returned, new items, the difference and how it was paid; the number as barcode). */
        get: operations["exchange_document"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The customer rates the service 1–5 (and may leave a comment) for a return or warranty claim just recorded at this desk; kept once, against that desk and the clerk who recorded it. */
        post: operations["give_feedback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/goodwill/{id}/slip.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's slip of a goodwill refund as PDF. */
        get: operations["goodwill_slip"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/kpis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The figures on the manager's home for the session's store: refunds today against the same weekday's average of the 4 weeks before, the month's return rate, claims due this week, the average rating of the last 30 days. */
        get: operations["manager_kpis"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish a new version of the store's policy. */
        post: operations["import_policy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policy/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a policy as a manager edits it, without publishing it: refused as publishing would be (naming the field), else the version it would become. */
        post: operations["check_policy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/policy/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The versions of the store's policy, latest first: from when each is in force, who published it and when, and which one is in force today. */
        get: operations["list_policy_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A product of the catalogue by SKU or barcode, with its price (what an exchange sells at). */
        get: operations["find_product"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The approval queue: a manager sees the store's cases, a clerk those sent from their desk or by them. */
        get: operations["list_queue"];
        put?: never;
        /** Send a return to the store's managers to decide (the same idempotency_key gives back the same case). */
        post: operations["queue_return"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/queue/watch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Waits until the store's queue changes past `after` (about 25 s at most), then answers the queue. */
        get: operations["watch_queue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/queue/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** The clerk takes back a waiting case. */
        delete: operations["withdraw_queued"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/queue/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A manager approves or declines a queued case at their own desk. */
        post: operations["decide_queued"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/receipts/by-card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Receipts paid with a card, by its last four digits and a date range. */
        get: operations["find_receipts_by_card"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/receipts/by-customer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's receipts by phone, e-mail or name, where the sale recorded who bought; newest first. */
        get: operations["find_receipts_by_customer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/receipts/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find a receipt by number, barcode or Russian fiscal QR text. */
        get: operations["lookup_receipt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/receipts/{receipt_id}/goodwill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pay goodwill on a receipt line: an amount with a reason, by the tender rules; the line's later returns pay at most what is left of it. */
        post: operations["goodwill_refund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The store's complaint register of a year, as CSV or PDF (a file to download). */
        get: operations["export_register"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/repairs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The store's paid repair orders (of a stage, or answering a number, phone, e-mail or serial): open ones first, newest first. */
        get: operations["list_repair_orders"];
        put?: never;
        /** Take in an item outside every warranty as a paid repair order (estimate given); the same idempotency_key gives back the same order. */
        post: operations["open_repair_order"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/repairs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One paid repair order with its history. */
        get: operations["get_repair_order"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/repairs/{id}/document.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A document of a repair order as PDF: the order the customer signs, or the pick-up receipt. */
        get: operations["repair_order_document"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/repairs/{id}/steps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take the next step of a repair order (accept or decline the estimate, send, back, inform, hand back and take payment, close). */
        post: operations["advance_repair_order"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The counter's figures for a store the manager works in, a period of its local days (per day, week or month), optionally a desk and a clerk: every table in one shape (typed columns, rows), money as exact decimals. */
        get: operations["report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/returns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Past returns of the store, newest first. */
        get: operations["list_returns"];
        put?: never;
        /** Confirm (record) a return; the same idempotency_key gives back the same return. */
        post: operations["confirm_return"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/returns/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Judge a return draft without recording it. */
        post: operations["evaluate_return"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/returns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One recorded return. */
        get: operations["get_return"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/returns/{id}/print": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Print a document of the return (its slip, voucher or a warranty claim) on the store's printer. */
        post: operations["print_slip"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/returns/{id}/slip.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A document of the return as PDF: its slip, the store-credit voucher it issued, or one of its warranty claims. */
        get: operations["return_slip"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with user and PIN. */
        post: operations["sign_in"];
        /** Sign out. */
        delete: operations["sign_out"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session/pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your own PIN (the old one is asked). */
        post: operations["change_own_pin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The store, its printer and the policy in force. */
        get: operations["get_settings"];
        /** Choose the store's printer. */
        put: operations["put_settings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/store": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change the store's details printed on its documents: name, address, VAT id (checked for the store's country), company id, phone. */
        put: operations["put_store_details"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the desk needs its first run (no store yet), and the policies a store may start with. */
        get: operations["setup_status"];
        put?: never;
        /** The first run: the store, its first administrator (signed in) and its starting policy; 409 once a store exists. */
        post: operations["set_up_store"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/unverified-returns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a return without a receipt: a manager approves at the desk (login + PIN), paid only as a store-credit voucher; the same idempotency_key gives back the same return. */
        post: operations["confirm_unverified"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/unverified-returns/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What a return without a receipt would pay: the lowest unit price the SKU sold for at the store lately, as store credit only. */
        post: operations["quote_unverified"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/unverified-returns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One return without a receipt. */
        get: operations["get_unverified"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/unverified-returns/{id}/slip.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The slip of a return without a receipt (its store-credit voucher) as PDF. */
        get: operations["unverified_slip"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The users who work in the session's store. */
        get: operations["list_users"];
        put?: never;
        /** Add a user. */
        post: operations["add_user"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Let a locked-out user try their PIN again, at every desk. */
        post: operations["unlock_user"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a user's name, role, stores, standing and limits (a full replace). */
        put: operations["update_user"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}/pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a user's new PIN. */
        post: operations["reset_user_pin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/vouchers/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A store-credit voucher of the store by its code (any case, with or without the dashes): balance, status (expired computed from the store's today), expiry and redemptions. */
        get: operations["get_voucher"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/vouchers/{code}/redeem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Spend store credit: take an amount from a voucher at a till for a sale; the same idempotency_key gives back the same redemption. */
        post: operations["redeem_voucher"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/vouchers/{code}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Void a voucher with a reason (its balance is forfeited). */
        post: operations["void_voucher"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The store's first administrator. */
        AdministratorInput: {
            login: string;
            name: string;
            /** @description 4–8 digits, not one digit repeated nor a run (1234, 9876). */
            pin: string;
        };
        /** @enum {string} */
        ApprovalCode: "AMOUNT_OVER_LIMIT" | "FREQUENT_RETURNS";
        ApprovalView: {
            at: string;
            code: string;
            decision: components["schemas"]["ManagerVerdict"];
            /** Format: uint32 */
            line?: number | null;
            manager: string;
            reason: string;
        };
        /** @description What an audit entry records. Stored as its one text form, its serde name (`sign_in`, …). */
        AuditAction: "sign_in" | "sign_in_failed" | "locked_out" | "unlocked" | "return_confirmed" | "override_approved" | "override_rejected" | "settings_changed" | "policy_imported" | "user_changed" | "document_printed" | "return_queued" | "queued_decided" | "queued_completed" | "queued_withdrawn" | "claim_step" | "claim_settled" | "repair_opened" | "repair_step" | "repair_paid" | "voucher_redeemed" | "voucher_voided" | "exchange_confirmed" | "exchange_due_paid" | "unverified_return" | "goodwill_refund" | "feedback_given";
        /** @description One entry of the audit trail. */
        AuditEntryView: {
            action: components["schemas"]["AuditAction"];
            /** Format: date-time */
            at: string;
            /** @description What else the entry keeps (the return's refund, the manager, the setting's old and new value, …). */
            details: unknown;
            /** @description What it is about: `return`, `user`, `setting`, `policy`, …, and which one. */
            entity: string;
            entity_id: string;
            /** @description Its hash in the chain (SHA-256, hex). */
            hash?: string | null;
            /**
             * Format: int64
             * @description Its place in the chain (1, 2, 3, …).
             */
            seq: number;
            /** @description At which desk. */
            terminal?: string | null;
            /** @description Who: login and name (none for an unknown login's failed sign-in). */
            user_login?: string | null;
            user_name?: string | null;
        };
        /** @description Which audit entries: every filter optional; newest first, a page at a time. */
        AuditFilterInput: {
            /** @default null */
            action: components["schemas"]["AuditAction"] | null;
            /**
             * Format: int64
             * @description Entries older than this one: the `next_before_seq` of the page before.
             * @default null
             */
            before_seq: number | null;
            /**
             * Format: date
             * @description First day (the desk's), included.
             * @default null
             */
            from: string | null;
            /**
             * Format: int64
             * @description How many entries (default 50, at most 200).
             * @default null
             */
            limit: number | null;
            /**
             * Format: date
             * @description Last day (the desk's), included.
             * @default null
             */
            to: string | null;
            /**
             * @description A user's login.
             * @default null
             */
            user: string | null;
        };
        /** @description A page of the audit trail, newest first. */
        AuditPageView: {
            entries: components["schemas"]["AuditEntryView"][];
            /**
             * Format: int64
             * @description Pass as `before_seq` for the next (older) page; null at the first entry.
             */
            next_before_seq?: number | null;
        };
        /** @description A card's last four digits and a date range. */
        ByCard: {
            /** @description YYYY-MM-DD */
            from: string;
            /** @description Four digits. */
            last4: string;
            /** @description YYYY-MM-DD */
            to: string;
        };
        /** @description A search for a customer's receipts. */
        ByCustomer: {
            /** @description A whole phone number (national or international), an e-mail, or words of the name. */
            q: string;
        };
        ById: {
            /** Format: int64 */
            id: number;
        };
        /** @enum {string} */
        CaseOutcome: "approved" | "partial" | "denied" | "needs_approval";
        /** @description The signed-in user's own PIN change. */
        ChangePin: {
            new_pin: string;
            old_pin: string;
        };
        /** @enum {string} */
        Channel: "store" | "online";
        /** @description Who took a step. */
        ClaimActorView: {
            display_name: string;
            login: string;
        };
        ClaimCustomerView: {
            contact: string;
            name: string;
        };
        ClaimDeadlineView: {
            basis: components["schemas"]["ClaimDueBasis"];
            /** Format: date */
            due_by: string;
            /** @description The period counted: "1 month", "45 days". */
            period: string;
        };
        /** @description Everything about one claim. */
        ClaimDetailView: {
            accessories: string;
            claim: components["schemas"]["ClaimView"];
            customer: components["schemas"]["ClaimCustomerView"];
            deadline: components["schemas"]["ClaimDeadlineView"];
            defect: string;
            history: components["schemas"]["ClaimEventView"][];
            item_state: string;
            product: string;
            /** Format: date */
            purchase_date: string;
            receipt_number: string;
            /** @description BG: a third claim after two repairs may be refunded. */
            refund_entitled: boolean;
            remedy_asked?: components["schemas"]["RemedyAsked"] | null;
            /**
             * Format: int64
             * @description Earlier claims on the same item (same receipt line and serial).
             */
            repeat_claims: number;
            serial?: string | null;
            settlement?: components["schemas"]["SettlementView"] | null;
            warranty: components["schemas"]["ClaimWarrantyView"];
        };
        /** @description Which document of a warranty claim, in which language and layout. */
        ClaimDocumentRequest: {
            /**
             * Format: int64
             * @description The claim.
             */
            id: number;
            /**
             * @description intake (the default), settlement or rejection.
             * @default null
             */
            kind: string | null;
            /**
             * @description en, bg, ru or el (default en).
             * @default null
             */
            lang: string | null;
            /**
             * @description 80mm or a4 (default a4).
             * @default null
             */
            layout: string | null;
        };
        /**
         * @description Who set the date a claim must be settled by.
         * @enum {string}
         */
        ClaimDueBasis: "statutory" | "store_target";
        /** @description One step of a claim, as recorded. */
        ClaimEventView: {
            at: string;
            by: components["schemas"]["ClaimActorView"];
            /** @description What the step recorded (partner, waybill, finding, reasons, …). */
            details: unknown;
            /** Format: int64 */
            seq: number;
            /** @description register, send_to_service, back_from_service, inform_customer, hand_back, reject, settle, close. */
            step: string;
        };
        ClaimFilter: {
            /**
             * @description Only the claims past their date (a query string's `overdue_only=true`).
             * @default null
             */
            overdue_only: boolean | null;
            /**
             * @description A register number, the customer's phone or e-mail, or the item's serial.
             * @default null
             */
            q: string | null;
            /**
             * @description registered, at_service, back_from_service, customer_informed, handed_back, settled, rejected or closed.
             * @default null
             */
            stage: string | null;
            /**
             * @description open, in_repair, resolved, rejected, closed, overdue or all (the earlier contract's words).
             * @default null
             */
            status: string | null;
        };
        /**
         * @description A warranty claim, or a paid repair of an item outside every warranty.
         * @enum {string}
         */
        ClaimKind: "warranty" | "paid_repair";
        /** @description A claim of this return on an item claimed before. */
        ClaimNotice: {
            /** Format: int64 */
            claim_id: number;
            /**
             * Format: int64
             * @description Earlier claims that ended in a repair.
             */
            earlier_repairs: number;
            /** @description Bulgaria: the defect came back after two repairs — the customer may ask for their money back. */
            refund_entitled: boolean;
            register_no: string;
            /**
             * Format: int64
             * @description Earlier claims on the same item (same receipt line and serial).
             */
            repeat_claims: number;
        };
        /** @description A line's price reduced by a settled warranty claim, and by how much. */
        ClaimReduction: {
            amount: components["schemas"]["Money"];
            /** Format: uint32 */
            line: number;
        };
        /** @description Where a claim stands. */
        ClaimStage: ("registered" | "at_service" | "back_from_service" | "customer_informed" | "handed_back" | "closed") | "settled" | "rejected";
        /**
         * @description Where a warranty claim stands.
         * @enum {string}
         */
        ClaimStatus: "open" | "in_repair" | "resolved" | "rejected" | "closed";
        /** @description One step of a claim's life, and what that step records. */
        ClaimStep: {
            /**
             * @description back_from_service: required.
             * @default null
             */
            finding: string | null;
            /**
             * Format: int64
             * @description The claim.
             */
            id: number;
            /**
             * @description inform_customer: phone, e-mail, SMS, …
             * @default null
             */
            informed_how: string | null;
            /**
             * @description reject: required.
             * @default null
             */
            reasons: string | null;
            /**
             * Format: date
             * @description send_to_service: the day it left (default today).
             * @default null
             */
            sent_on: string | null;
            /**
             * @description back_from_service: required (repaired, replaced or rejected).
             * @default null
             */
            service_outcome: components["schemas"]["ServiceOutcome"] | null;
            /**
             * @description send_to_service: required.
             * @default null
             */
            service_partner: string | null;
            /** @description send_to_service, back_from_service, inform_customer, hand_back, reject, close (accept_estimate: paid repairs). */
            step: components["schemas"]["ClaimStepKind"];
            /** @default null */
            waybill: string | null;
        };
        /** @description A step of a claim's life. */
        ClaimStepKind: ("send_to_service" | "back_from_service" | "inform_customer" | "hand_back" | "reject" | "close") | "accept_estimate" | "settle";
        /**
         * Format: uint32
         * @description The store's own target for settling a claim where the law sets no period (EU, GR:
         *     "a reasonable time"), in whole days from the complaint.
         */
        ClaimTarget: number;
        ClaimView: {
            /** @description The steps the claim may take next (`settle`: settle_claim). */
            allowed_steps: components["schemas"]["ClaimStepKind"][];
            basis: components["schemas"]["ReasonCode"];
            /**
             * @description Who set `claim_due_by`: `statutory` (the law's period) or `store_target` (the store's,
             *     where the law asks only for a reasonable time).
             */
            claim_due_basis?: components["schemas"]["ClaimDueBasis"] | null;
            /** Format: date */
            claim_due_by: string;
            /** Format: date */
            claimed_on: string;
            /** @description Whose claim it is (the board's "where is my repair?"). */
            customer_name: string;
            /**
             * Format: int64
             * @description Days until `claim_due_by` (negative when overdue).
             */
            days_left: number;
            defect: string;
            /** Format: int64 */
            id: number;
            kind: components["schemas"]["ClaimKind"];
            /** Format: uint32 */
            line: number;
            overdue: boolean;
            /** @description Once overdue: refund and price_reduction. */
            overdue_remedies: components["schemas"]["RemedyAsked"][];
            product: string;
            receipt_number: string;
            /** @description `S01-2026-00001`: store, year of registration, number in that year. */
            register_no: string;
            remedy_asked?: components["schemas"]["RemedyAsked"] | null;
            serial?: string | null;
            stage: components["schemas"]["ClaimStage"];
            /** @description The earlier contract's status, kept in step with `stage`. */
            status: components["schemas"]["ClaimStatus"];
        };
        ClaimWarrantyView: {
            /** Format: date */
            commercial_until?: string | null;
            /**
             * Format: date
             * @description BG: moved by the days in repair.
             */
            commercial_until_extended?: string | null;
            /** Format: date */
            legal_until?: string | null;
            /**
             * Format: date
             * @description Moved by a repair under the legal guarantee (12 months, once).
             */
            legal_until_extended?: string | null;
        };
        /** @description Open warranty claims and their legal deadlines. */
        ClaimsDueWeek: {
            /**
             * Format: int64
             * @description Due from today to `until` (both included).
             */
            due: number;
            /**
             * Format: int64
             * @description Past their deadline already.
             */
            overdue: number;
            /** Format: date */
            until: string;
        };
        /** @description How a column's values read. */
        ColumnKind: "text" | "count" | "money" | "percent" | "days" | "minutes" | "score" | "date";
        /** @enum {string} */
        Condition: "unopened" | "opened" | "used" | "damaged";
        /** @description A count of documents and the money on them. */
        CountedAmount: {
            /** Format: uint32 */
            count: number;
            total: components["schemas"]["Money"];
        };
        /**
         * @description Currencies refunds are paid and receipts are kept in.
         * @enum {string}
         */
        Currency: "EUR" | "BGN" | "RUB";
        /**
         * @description The customer's identity document, noted for a return without a receipt (kept only as a
         *     keyed hash and its last four characters).
         */
        CustomerIdInput: {
            number: string;
            /** @description id_card, passport, driving_licence or other. */
            type: components["schemas"]["IdType"];
        };
        CustomerInput: {
            /** @default  */
            contact: string;
            /**
             * @description The number on the customer's identity document, if the desk takes it: never stored,
             *     only its keyed hash, so their returns without a receipt count with this one. Never
             *     written back out (a queued case keeps the draft as taken: not this).
             */
            id_number?: string | null;
            /** @description The customer's loyalty card or account number. */
            loyalty_id?: string | null;
            /** @default  */
            name: string;
        };
        /**
         * @description What one desk (or the whole store) did in a day: the cash-up's figures. Amounts in the
         *     store's currency; tenders by their code (`cash`, `card`, `gift_card`).
         */
        DayFigures: {
            /** Format: uint32 */
            claims_opened: number;
            claims_paid: components["schemas"]["Money"];
            /** Format: uint32 */
            claims_settled: number;
            /**
             * Format: uint32
             * @description Lines denied.
             */
            denied_count: number;
            /** @description The desk's code; None for the whole store, or for money taken at the tills. */
            desk?: string | null;
            /** @description What the drawer gained (+) or gave (−) per tender: taken − refunded. */
            drawer_by_tender: {
                [key: string]: components["schemas"]["Money"];
            };
            exchange_differences_paid: components["schemas"]["Money"];
            exchange_differences_refunded: components["schemas"]["Money"];
            /** @description Exchange amounts due paid later at a till (not in a desk's drawer). */
            exchange_dues_paid: components["schemas"]["CountedAmount"];
            /** @description Restocking fees kept. */
            fees: components["schemas"]["Money"];
            goodwill_paid: components["schemas"]["Money"];
            /**
             * Format: uint32
             * @description Lines taken back and paid.
             */
            line_count: number;
            overrides: components["schemas"]["OverrideEntry"][];
            /** @description The money out by where it came from (they add up to `total_refund`). */
            refunded_on_returns: components["schemas"]["Money"];
            /**
             * @description Money that left the store, by tender: return refunds, goodwill, claim settlements and
             *     exchange differences refunded (store credit and exchange value are not money).
             */
            refunds_by_tender: {
                [key: string]: components["schemas"]["Money"];
            };
            repairs_paid: components["schemas"]["Money"];
            /**
             * Format: uint32
             * @description Return slips issued (completed returns, exchanges' included).
             */
            slip_count: number;
            store_credit_issued: components["schemas"]["CountedAmount"];
            store_credit_redeemed: components["schemas"]["CountedAmount"];
            /** @description Money taken at the desk, by tender: exchange differences paid, paid repairs collected. */
            taken_by_tender: {
                [key: string]: components["schemas"]["Money"];
            };
            total_refund: components["schemas"]["Money"];
            total_taken: components["schemas"]["Money"];
        };
        /** @description A manager's decision on a queued case, at their own desk. */
        DecideQueued: {
            decision: components["schemas"]["ManagerVerdict"];
            /** @description Approve: deductions for loss of value, as in `ManagerInput`. */
            deductions?: components["schemas"]["DeductionInput"][] | null;
            /**
             * Format: int64
             * @description The queued case.
             */
            id: number;
            /**
             * @description Approve: the denied, overridable lines to override (absent: all of them).
             * @default null
             */
            lines: number[] | null;
            reason_code: components["schemas"]["DecisionReason"];
            /**
             * @description Required for `other` and for every decline.
             * @default
             */
            reason_text: string;
        };
        /** @description The decision on a whole return, in the currency refunds are paid in. */
        Decision: {
            approvals_required: components["schemas"]["ApprovalCode"][];
            currency: components["schemas"]["Currency"];
            lines: components["schemas"]["LineDecision"][];
            outcome: components["schemas"]["CaseOutcome"];
            tenders: components["schemas"]["TenderPayout"][];
            totals: components["schemas"]["Totals"];
        };
        /**
         * @description Why a manager decided as they did.
         * @enum {string}
         */
        DecisionReason: "goodwill" | "store_error" | "loyal_customer" | "other";
        /**
         * @description A manager's deduction for the loss of value of one line (Directive 2011/83 art. 14(2)): from
         *     nothing up to what the line refunds, in the decision's currency, and why.
         */
        Deduction: {
            amount: components["schemas"]["Money"];
            line: components["schemas"]["LineNo"];
            reason: string;
        };
        /**
         * @description A manager's deduction for the loss of value of one `LOSS_OF_VALUE` line: from 0 up to what
         *     the line refunds (in the decision's currency), and why. The return pays the rest.
         */
        DeductionInput: {
            amount: components["schemas"]["Money"];
            /** Format: uint32 */
            line: number;
            /**
             * @description Why the goods lost value. Required to confirm; a preview may leave it empty.
             * @default
             */
            reason: string;
        };
        /** @description How the customer pays what the new items cost above the returned ones. */
        DifferenceTender: ("cash" | "card" | "gift_card") | "till";
        /** @description One line as the customer sees it. */
        DisplayLine: {
            /** @description The product's name as on the receipt. */
            name: string;
            /**
             * @description The desk's decision, once judged.
             * @default null
             */
            outcome: components["schemas"]["LineOutcome"] | null;
            /** Format: uint32 */
            qty: number;
            /**
             * @description What the line refunds, once judged.
             * @default null
             */
            refund: components["schemas"]["Money"] | null;
        };
        /** @description What the customer view shows. */
        DisplayPhase: "idle" | "items" | "decided" | "rate";
        /**
         * @description The desk's state for its customer view: structured, so the view says it in the customer's
         *     language.
         */
        DisplayState: {
            /** @default null */
            currency: components["schemas"]["Currency"] | null;
            /** @default [] */
            lines: components["schemas"]["DisplayLine"][];
            phase: components["schemas"]["DisplayPhase"];
            /** @default null */
            receipt_number: string | null;
            /**
             * @description The refund in all, once judged.
             * @default null
             */
            refund: components["schemas"]["Money"] | null;
            /** @default null */
            resolution: components["schemas"]["Resolution"] | null;
            /**
             * @description What the customer rates (phase `rate`): the return just recorded, or the claim it registered.
             * @default null
             */
            subject: components["schemas"]["FeedbackSubject"] | null;
            /** @default [] */
            tenders: components["schemas"]["DisplayTender"][];
        };
        /** @description A part of the refund and how it is paid back. */
        DisplayTender: {
            amount: components["schemas"]["Money"];
            /** @description `card`, `cash`, `gift_card`, `store_credit` or `exchange`. */
            tender: string;
        };
        /** @description The display state as the customer view reads it, with its version (for the next watch). */
        DisplayView: {
            state: components["schemas"]["DisplayState"];
            /** Format: int64 */
            version: number;
        };
        /** @description Which document of a return. */
        DocumentKind: "slip" | "voucher" | "claim";
        /** @description A command that answers nothing more than success. */
        Done: Record<string, never>;
        DraftInput: {
            /** @default null */
            customer: components["schemas"]["CustomerInput"] | null;
            /**
             * @description Confirm only: the same key gives back the same return.
             * @default null
             */
            idempotency_key: string | null;
            lines: components["schemas"]["DraftLineInput"][];
            manager?: components["schemas"]["ManagerInput"] | null;
            /**
             * @description Evaluate only: preview these deductions for loss of value (and granted approvals): the
             *     lines and totals show what the return would pay net of them.
             */
            preview_deductions?: components["schemas"]["DeductionInput"][] | null;
            /**
             * @description Evaluate only: preview these overrides (and granted approvals).
             * @default null
             */
            preview_overrides: number[] | null;
            /**
             * Format: int64
             * @description Confirm only: the approved (or declined) queued case this confirmation completes; the
             *     draft must be the one queued.
             * @default null
             */
            queued_id: number | null;
            /** Format: int64 */
            receipt_id: number;
            resolution: components["schemas"]["Resolution"];
            /**
             * Format: uint64
             * @description Confirm only (issue 13): milliseconds since the desk scanned the receipt, on the desk's
             *     own clock; kept as the return's scan instant for its handling time.
             * @default null
             */
            since_scan_ms: number | null;
        };
        /** @description A draft line as the desk sends it: the request line plus what a claim records. */
        DraftLineInput: {
            /** @description A claim: what came with the item (box, charger, …). */
            accessories?: string | null;
            condition: components["schemas"]["Condition"];
            /** @default null */
            defect: string | null;
            /** @description A claim: the state of the item handed in. */
            item_state?: string | null;
            /** Format: uint32 */
            line: number;
            /**
             * @description RU: no similar item is in stock to exchange it for (the statutory exchange is paid as money).
             * @default false
             */
            no_analogue: boolean;
            qty: components["schemas"]["Quantity"];
            reason: components["schemas"]["ReturnReason"];
            /** @description A claim: what the customer asks for. */
            remedy_asked?: components["schemas"]["RemedyAsked"] | null;
            /** @default null */
            serial: string | null;
        };
        /** @description The end of day on paper: which one, in which language (default: the store's) and layout. */
        EndOfDayDocument: {
            /**
             * @description YYYY-MM-DD.
             * @default null
             */
            day: string | null;
            /** @default null */
            desk: string | null;
            /**
             * @description en, bg, ru or el.
             * @default null
             */
            lang: string | null;
            /**
             * @description 80mm (the default) or a4.
             * @default null
             */
            layout: string | null;
            /** @default null */
            store: string | null;
        };
        /**
         * @description Which end of day: a store (default: the session's), a store-local day (default: today), a desk
         *     (default: the whole store; a clerk's own desk).
         */
        EndOfDayInput: {
            /**
             * @description YYYY-MM-DD.
             * @default null
             */
            day: string | null;
            /** @default null */
            desk: string | null;
            /** @default null */
            store: string | null;
        };
        /** @description A store's (or a desk's) end of day: the figures printed on the cash-up, and the returns. */
        EndOfDayView: {
            currency: string;
            /** Format: date */
            day: string;
            /** @description The desk shown; None: the whole store. */
            desk?: string | null;
            /** @description The whole store: each desk's figures (desk None: at the tills), adding up to the totals. */
            desks: components["schemas"]["DayFigures"][];
            /** Format: partial-date-time */
            printed_at: string;
            /** @description Money paid out that day by tender (cash, card, gift card): tender → amount. */
            refunds_by_tender: {
                [key: string]: components["schemas"]["Money"];
            };
            returns: components["schemas"]["ReturnRow"][];
            store: string;
            /** @description The desks of the store (what a manager may pick). */
            store_desks: string[];
            store_name: string;
            time_zone: string;
            /** @description The desk's figures, or the whole store's. */
            totals: components["schemas"]["DayFigures"];
        };
        Error: {
            error: {
                /**
                 * @description A stable code; the facts its sentence names travel beside it (e.g. `left` of QTY_EXCEEDS_REMAINING, `effective_from` of POLICY_VERSION_EXISTS)
                 * @enum {string}
                 */
                code: "BAD_INPUT" | "NOT_FOUND" | "UNAUTHENTICATED" | "FORBIDDEN" | "WRONG_PIN" | "LOCKED_OUT" | "RECEIPT_NOT_FOUND" | "MALFORMED_CODE" | "QTY_EXCEEDS_REMAINING" | "IDEMPOTENCY_KEY_REUSED" | "CONFLICT" | "MANAGER_REQUIRED" | "APPROVAL_LIMIT" | "RECORDS_TAMPERED" | "SERIAL_MISMATCH" | "STEP_OUT_OF_ORDER" | "UNDER_WARRANTY" | "STORE_NOT_SET_UP" | "NO_POLICY" | "NO_PRINTER" | "RETURN_NOT_COMPLETED" | "POLICY_VERSION_EXISTS" | "ALREADY_DECIDED" | "NO_MANAGER_NEEDED" | "RECEIPT_CHANGED" | "APPROVED_AMOUNT_CHANGED" | "CLAIM_SETTLED" | "NO_RECEIPT_NOT_ALLOWED" | "NO_RECENT_SALE" | "EXCHANGE_DUE_OPEN" | "PRICE_REDUCED_BY_CLAIM" | "OWN_ACCOUNT" | "VOUCHER_VOID" | "VOUCHER_SPENT" | "VOUCHER_EXPIRED" | "VOUCHER_BALANCE_SHORT" | "FEEDBACK_GIVEN" | "FEEDBACK_TOO_LATE" | "QUEUE_CASE_NOT_DECIDED" | "QUEUE_CASE_COMPLETED" | "QUEUE_CASE_WITHDRAWN" | "QUEUED_DRAFT_CHANGED" | "EXCHANGE_DUE_PAID" | "RETURN_DECLINED" | "REPAIR_NOT_HANDED_BACK" | "PRINT_FAILED" | "SERVER_ERROR" | "FOREIGN_ORIGIN" | "METHOD_NOT_ALLOWED" | "PAYLOAD_TOO_LARGE" | "URI_TOO_LONG" | "UNSUPPORTED_MEDIA_TYPE" | "MISDIRECTED_REQUEST" | "HEADERS_TOO_LARGE" | "BAD_REQUEST";
                /** @description The input field at fault, e.g. lines[0].qty */
                field?: string;
                message: string;
            } & {
                [key: string]: unknown;
            };
        };
        /** @description The contract's decision plus the facts behind each verdict. */
        EvaluationView: {
            approvals_required: components["schemas"]["ApprovalCode"][];
            currency: components["schemas"]["Currency"];
            /**
             * @description What the desk itself asks a manager to approve, beyond the rules: `CLERK_LIMIT` (the
             *     refund is above the clerk's own refund limit).
             */
            desk_approvals: string[];
            /** @description The facts behind each line's verdict. */
            explanations: components["schemas"]["Explanation"][];
            lines: components["schemas"]["LineDecision"][];
            /** @description A manager must approve before anything is recorded (`needs_approval`). */
            manager_required: boolean;
            /**
             * @description The clerk may record this return now, without a manager (denied lines are recorded as
             *     denied and pay nothing).
             */
            may_confirm: boolean;
            /**
             * @description A manager's decision would change the outcome: it is required, or denied lines may be
             *     overridden.
             */
            needs_manager: boolean;
            outcome: components["schemas"]["CaseOutcome"];
            /** @description Lines asking for more units than are left; nothing can be recorded while there are any. */
            over_qty: components["schemas"]["OverQty"][];
            /** @description Denied lines a manager may override. */
            overridable_lines: number[];
            /**
             * @description Lines the decision would pay whose price a settled warranty claim already reduced: their
             *     money goes back only through the claim, so Confirm would be refused
             *     (`PRICE_REDUCED_BY_CLAIM`) — said here, before the clerk presses it.
             */
            reduced_by_claim: components["schemas"]["ClaimReduction"][];
            tenders: components["schemas"]["TenderPayout"][];
            totals: components["schemas"]["Totals"];
        };
        /**
         * @description How the store lets a customer pay an exchange's difference: at the desk by these tenders,
         *     and whether it may be left as an amount due for the till (the store setting).
         */
        ExchangeDifferenceSetting: {
            /** @description The difference may be recorded as an amount due and paid at the till. */
            at_till: boolean;
            /** @description Tenders the desk takes a difference in: cash, card, gift_card. */
            desk_tenders: components["schemas"]["TenderType"][];
        };
        /** @description The exchange document, in which language and layout. */
        ExchangeDocumentRequest: {
            /**
             * Format: int64
             * @description The exchange.
             */
            id: number;
            /**
             * @description en, bg, ru or el (default: the store's language).
             * @default null
             */
            lang: string | null;
            /**
             * @description a4 (the default) or 80mm.
             * @default null
             */
            layout: string | null;
        };
        /**
         * @description An exchange as the desk puts it together: the returned lines (a return draft, resolution
         *     exchange), the new items and how a difference is paid.
         */
        ExchangeDraft: {
            /** @default null */
            customer: components["schemas"]["CustomerInput"] | null;
            /**
             * @description How the customer pays when the new items cost more (required then).
             * @default null
             */
            difference_tender: components["schemas"]["DifferenceTender"] | null;
            /**
             * @description Confirm only: the same key gives back the same exchange.
             * @default null
             */
            idempotency_key: string | null;
            /** @description The returned lines, judged like a return with resolution `exchange`. */
            lines: components["schemas"]["DraftLineInput"][];
            manager?: components["schemas"]["ManagerInput"] | null;
            /** @description The new items: SKU or barcode, quantity, serial. */
            new_items: components["schemas"]["NewItem"][];
            /**
             * @description Evaluate only: preview these overrides (and granted approvals).
             * @default null
             */
            preview_overrides: number[] | null;
            /** Format: int64 */
            receipt_id: number;
        };
        /** @description An exchange's amount due at the till, and whether the till has taken it. */
        ExchangeDueView: {
            amount: components["schemas"]["Money"];
            /** @description This call took the payment (false: the same idempotency key was seen before, or a look-up). */
            created: boolean;
            currency: string;
            /** @description The exchange's number (`EX-S01-2026-00001`, its barcode on the exchange document). */
            number: string;
            paid_at?: string | null;
            paid_by?: string | null;
            sale_reference?: string | null;
            /** @description open | paid */
            status: string;
            store: string;
            /** @description How the till took it: cash, card or gift_card. */
            tender?: components["schemas"]["TenderType"] | null;
            till?: string | null;
        };
        /** @description A new item of an exchange, priced. */
        ExchangeItemView: {
            /** Format: uint32 */
            line: number;
            name: string;
            /** Format: uint32 */
            qty: number;
            serial?: string | null;
            sku: string;
            total: components["schemas"]["Money"];
            unit_price: components["schemas"]["Money"];
            vat_rate: string;
        };
        /** @description The value an exchange moved from one tender of the original receipt. */
        ExchangeMove: {
            /** @description In the new receipt's currency. */
            amount: components["schemas"]["Money"];
            /** @description The same money in the original receipt's currency. */
            receipt_amount: components["schemas"]["Money"];
            type: components["schemas"]["TenderType"];
        };
        /** @description An exchange's number (as printed and in its barcode). */
        ExchangeNumber: {
            number: string;
        };
        /** @description What the desk shows before confirming an exchange. */
        ExchangeQuote: {
            currency: string;
            /** @description The ways the store lets the customer pay a difference (tenders at the desk, and `till`). */
            difference_tenders: components["schemas"]["DifferenceTender"][];
            /** @description The returned lines' verdict (as `evaluate_return` answers it). */
            evaluation: components["schemas"]["EvaluationView"];
            give_back: components["schemas"]["TenderPayout"][];
            /** @description What the new receipt takes over from the original receipt's tenders. */
            moved: components["schemas"]["TenderPayout"][];
            new_items: components["schemas"]["ExchangeItemView"][];
            /** @description N: the new items at their catalogue price. */
            new_total: components["schemas"]["Money"];
            /** @description V: what the returned items are worth (the engine's refund for the lines). */
            returned_value: components["schemas"]["Money"];
            /** @description V − N when positive: paid back to the customer, per tender (`give_back`). */
            to_give_back: components["schemas"]["Money"];
            /** @description N − V when positive: the customer pays it at the desk, or at the till when the store allows. */
            to_pay: components["schemas"]["Money"];
        };
        /**
         * @description A recorded exchange: its number (also its new receipt's), both receipts, V, N, what moved
         *     per tender, the difference and how it was paid, and its return.
         */
        ExchangeView: {
            clerk: string;
            /** @description This call recorded it (false: the same idempotency key was seen before). */
            created: boolean;
            created_at: string;
            currency: string;
            difference_tender?: components["schemas"]["DifferenceTender"] | null;
            /** @description N − V left for the till, and whether the till has taken it. */
            due?: components["schemas"]["ExchangeDueView"] | null;
            give_back: components["schemas"]["TenderPayout"][];
            /** @description V − N paid back to the customer (0 when none), per tender in `give_back`. */
            given_back: components["schemas"]["Money"];
            /** Format: int64 */
            id: number;
            /** @description The value moved from the original receipt, per original tender. */
            moved: components["schemas"]["ExchangeMove"][];
            new_items: components["schemas"]["ExchangeItemView"][];
            /** Format: int64 */
            new_receipt_id: number;
            new_total: components["schemas"]["Money"];
            /** @description `EX-S01-2026-00001`: scan it at the return screen to return a new item. */
            number: string;
            /** @description N − V paid at the desk (0 when none), and how (`till`: left as an amount due, see `due`). */
            paid: components["schemas"]["Money"];
            /** Format: int64 */
            receipt_id: number;
            receipt_number: string;
            /** @description The return of the old items. */
            return: components["schemas"]["ReturnView"];
            returned_value: components["schemas"]["Money"];
        };
        Explanation: {
            facts: components["schemas"]["LineFacts"];
            /** Format: uint32 */
            line: number;
        };
        /** @description The customers' ratings of the last days. */
        FeedbackAverage: {
            /** @description The average of the ratings (1–5, to two decimals; none without a rating). */
            average?: string | null;
            /** Format: uint32 */
            days: number;
            /** Format: int64 */
            ratings: number;
            /**
             * Format: date
             * @description The first day counted (the last `days` days, today included).
             */
            since: string;
        };
        /** @description What a rating is given for: a return, or a warranty claim. */
        FeedbackSubject: {
            /** Format: int64 */
            id: number;
            /** @constant */
            kind: "return";
        } | {
            /** Format: int64 */
            id: number;
            /** @constant */
            kind: "claim";
        };
        /** @description A rating as kept: the return (or claim), the desk and the clerk it belongs to. */
        FeedbackView: {
            /** Format: int64 */
            claim_id?: number | null;
            /** Format: int64 */
            clerk_id: number;
            comment: string;
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            id: number;
            lang: string;
            /** Format: int64 */
            rating: number;
            /** Format: int64 */
            return_id?: number | null;
            /** Format: int64 */
            terminal_id?: number | null;
        };
        /** @description The customer's rating of a return, or of a warranty claim, given at the desk that served them. */
        GiveFeedback: {
            /**
             * Format: int64
             * @description The warranty claim rated.
             * @default null
             */
            claim_id: number | null;
            /**
             * @description The customer's words, at most 500 characters.
             * @default
             */
            comment: string;
            /** @description The language the customer chose on the customer view: en, bg, ru or el. */
            lang: string;
            /**
             * Format: int64
             * @description 1 to 5 stars.
             */
            rating: number;
            /**
             * Format: int64
             * @description The return rated (or `claim_id`: exactly one of the two).
             * @default null
             */
            return_id: number | null;
        };
        /** @description Goodwill on a receipt line: an amount (not a quantity), why, and an idempotency key. */
        GoodwillInput: {
            /** @description In the store's currency; at most what is left of the line. */
            amount: components["schemas"]["Money"];
            /** @description The same key gives back the same goodwill. */
            idempotency_key: string;
            /**
             * Format: uint32
             * @description The receipt line.
             */
            line: number;
            /** @description A clerk's desk: the approving manager (a manager signed in approves themselves). */
            manager?: components["schemas"]["ManagerPinInput"] | null;
            reason: string;
            /**
             * Format: int64
             * @description The receipt.
             */
            receipt_id: number;
        };
        /** @description One tender a goodwill refund paid. */
        GoodwillTenderView: {
            amount: components["schemas"]["Money"];
            type: string;
        };
        /** @description A goodwill refund paid on a receipt line. */
        GoodwillView: {
            amount: components["schemas"]["Money"];
            /** @description Whether this call paid it (false: the key's goodwill, paid before). */
            created: boolean;
            currency: string;
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            line: number;
            manager: string;
            /** @description `G-S01-00001`. */
            number: string;
            product: string;
            reason: string;
            /** Format: int64 */
            receipt_id: number;
            receipt_number: string;
            tenders: components["schemas"]["GoodwillTenderView"][];
            /**
             * @description The store-credit voucher it issued, when the receipt was paid partly by store credit
             *     and goodwill paid that share back (as a return's voucher).
             */
            voucher?: components["schemas"]["VoucherRecord"] | null;
        };
        /**
         * @description How the period is cut.
         * @enum {string}
         */
        Grain: "day" | "week" | "month";
        /** @description Why a day is a public holiday: the feast or the rule that made it a day off. */
        HolidayKind: ("new_year" | "christmas" | "epiphany" | "clean_monday" | "good_friday" | "holy_saturday" | "easter_sunday" | "easter_monday" | "whit_monday" | "liberation_day" | "independence_day" | "defender_of_the_fatherland_day" | "womens_day" | "labour_day" | "st_georges_day" | "victory_day" | "culture_and_literacy_day" | "russia_day" | "unification_day" | "assumption_day" | "ochi_day" | "national_unity_day" | "christmas_eve" | "second_day_of_christmas") | "new_year_holidays" | "substitute_day";
        /**
         * @description The kind of identity document the customer showed.
         * @enum {string}
         */
        IdType: "id_card" | "passport" | "driving_licence" | "other";
        /** @description A new version of the store's policy, in force from a day. */
        ImportPolicy: {
            /** @default {} */
            defaults: components["schemas"]["PolicyFields"];
            /** Format: date */
            effective_from: string;
            /** @default [] */
            rules: components["schemas"]["PolicyFields"][];
        };
        LineDecision: {
            /**
             * @description What a manager took off this line's refund for the goods' loss of value (a withdrawal of
             *     used goods, `LOSS_OF_VALUE`), and why: `refund` is already net of it.
             */
            deduction?: components["schemas"]["LineDeduction"] | null;
            fee: components["schemas"]["Money"];
            gross: components["schemas"]["Money"];
            line: components["schemas"]["LineNo"];
            outcome: components["schemas"]["LineOutcome"];
            /** @description A manager overrode the denial (or granted the approval) of this line. */
            overridden?: boolean;
            qty: components["schemas"]["Quantity"];
            reasons: components["schemas"]["Reason"][];
            /**
             * @description The gross in the receipt's currency, where it differs from the payout currency
             *     (a leva receipt refunded in euro): exact, before conversion.
             */
            receipt_gross?: components["schemas"]["Money"] | null;
            refund: components["schemas"]["Money"];
            route: components["schemas"]["Route"];
            vat: components["schemas"]["Money"];
            warranty: components["schemas"]["WarrantyDates"];
        };
        /**
         * @description A manager's deduction for the loss of value of goods withdrawn from a distance sale
         *     (Directive 2011/83 art. 14(2)), in the decision's currency.
         */
        LineDeduction: {
            amount: components["schemas"]["Money"];
            /**
             * @description The cut is goodwill paid on the line before (not a loss of value): the line pays back
             *     at most what is left of it.
             */
            goodwill?: boolean;
            /** @description Why the goods lost value, in the manager's words. */
            reason: string;
        };
        /**
         * @description The facts behind a line's verdict, for the desk to say it in words
         *     ("bought 47 days ago; electronics can be returned within 14 days").
         */
        LineFacts: {
            /** Format: uint32 */
            already_returned: number;
            category: string;
            /** Format: date */
            commercial_until?: string | null;
            /** Format: int64 */
            days_since_purchase: number;
            /** Format: date */
            legal_until?: string | null;
            non_returnable_reason?: string | null;
            /** Format: date */
            purchase_date: string;
            restocking_fee_pct: components["schemas"]["Percent"];
            /** Format: uint32 */
            return_days: number;
            returnable: boolean;
            /** Format: uint32 */
            sold: number;
            /** Format: uint32 */
            warranty_months: number;
            /** Format: date */
            window_end: string;
            /** Format: date */
            withdrawal_end?: string | null;
        };
        /**
         * Format: uint32
         * @description A receipt line number.
         */
        LineNo: number;
        /** @enum {string} */
        LineOutcome: "approved" | "denied" | "needs_approval" | "warranty_claim";
        /** @description What was scanned or typed. */
        Lookup: {
            /** @description A receipt number, a scanned receipt barcode, or the Russian fiscal QR text `t=…&s=…&fn=…&i=…&fp=…&n=1`. */
            code: string;
        };
        /** @description A manager's decision given at the desk (login + PIN, approve or decline, reason). */
        ManagerInput: {
            decision: components["schemas"]["ManagerVerdict"];
            /**
             * @description Approve only: what to take off the refund of withdrawn used goods (`LOSS_OF_VALUE` lines)
             *     for their loss of value, each with its reason. A line without one is paid in full.
             */
            deductions?: components["schemas"]["DeductionInput"][];
            /**
             * @description Denied lines to override.
             * @default []
             */
            lines: number[];
            manager_login: string;
            manager_pin: string;
            reason: string;
        };
        /** @description The figures on the manager's home, for the session's store. */
        ManagerKpis: {
            claims_due: components["schemas"]["ClaimsDueWeek"];
            currency: components["schemas"]["Currency"];
            feedback: components["schemas"]["FeedbackAverage"];
            refunds_today: components["schemas"]["RefundsToday"];
            return_rate: components["schemas"]["ReturnRate"];
            store_code: string;
            /**
             * Format: date
             * @description The store's today.
             */
            today: string;
        };
        /** @description A manager's approval given at the desk: login and PIN. */
        ManagerPinInput: {
            login: string;
            pin: string;
        };
        /** @enum {string} */
        ManagerVerdict: "approve" | "decline";
        /** @description An exact amount with two decimals, e.g. "12.34" (a JSON number is accepted on input). */
        Money: string;
        /** @description Who must decide a queued case. */
        NeedsRole: "manager" | "administrator";
        /** @description A new item as the clerk scanned it: SKU or barcode, how many, and its serial if it has one. */
        NewItem: {
            /** Format: uint32 */
            qty: number;
            /** @default null */
            serial: string | null;
            /** @description The product's SKU or barcode. */
            sku: string;
        };
        /** @description A user to add. */
        NewUserInput: {
            /**
             * @description The refund or override this user may approve (null: no limit of their own).
             * @default null
             */
            approval_limit: components["schemas"]["Money"] | null;
            login: string;
            name: string;
            /** @description 4–8 digits, not one digit repeated nor a run (1234, 9876). */
            pin: string;
            /**
             * @description The refund this user pays without a manager (null: no limit of their own).
             * @default null
             */
            refund_limit: components["schemas"]["Money"] | null;
            role: components["schemas"]["Role"];
            /**
             * @description The stores the user works in (default: the session's store).
             * @default null
             */
            stores: string[] | null;
        };
        /** @description A command that takes nothing. */
        NoInput: Record<string, never>;
        /** @description A document of a return without a receipt or of a goodwill refund, in a language and layout. */
        NoReceiptDocument: {
            /** Format: int64 */
            id: number;
            /**
             * @description en, bg, ru or el (default en).
             * @default null
             */
            lang: string | null;
            /**
             * @description 80mm (the default) or a4.
             * @default null
             */
            layout: string | null;
        };
        /** @description Take in an item outside every warranty as a paid repair order. */
        OpenRepairOrder: {
            /** @default null */
            accessories: string | null;
            customer: components["schemas"]["RepairCustomerInput"];
            /** @default  */
            defect: string;
            /** @description The estimate given to the customer (more than 0, at most 2 decimals), in the store's currency. */
            estimate: components["schemas"]["Money"];
            /** @description The same key gives back the same order (`created: false`). */
            idempotency_key: string;
            /**
             * @description The item's state when taken in (scratches, …).
             * @default null
             */
            item_state: string | null;
            /**
             * @description Required unless a receipt line is given.
             * @default null
             */
            product: string | null;
            /**
             * Format: int64
             * @description The receipt the item was sold on (with `receipt_line`): its warranty is judged, and the line's name is the product.
             * @default null
             */
            receipt_id: number | null;
            /**
             * Format: uint32
             * @default null
             */
            receipt_line: number | null;
            /**
             * @description A serial the store sold finds its receipt line (and its warranty is judged).
             * @default null
             */
            serial: string | null;
        };
        /** @description A line that asks for more units than are left to return. */
        OverQty: {
            /** Format: uint32 */
            left: number;
            /** Format: uint32 */
            line: number;
        };
        /** @description One override as listed on the day summary. */
        OverrideEntry: {
            /**
             * @description What was decided: the rule's or the approval's code (`OUTSIDE_RETURN_WINDOW`, …).
             * @default
             */
            code: string;
            /**
             * @description The desk the return was made at (None: no desk recorded).
             * @default null
             */
            desk: string | null;
            manager: string;
            reason: string;
            refund: components["schemas"]["Money"];
            slip_number: string;
        };
        /** @description What a till takes for an exchange's amount due. */
        PayExchangeDue: {
            /**
             * @description The amount due, whole, as a decimal string ("15.00").
             * @default null
             */
            amount: components["schemas"]["Money"] | null;
            /**
             * @description The currency, when the till states one (another currency is refused).
             * @default null
             */
            currency: components["schemas"]["Currency"] | null;
            /**
             * @description The same key (per store) gives back the same payment, never a second one.
             * @default
             */
            idempotency_key: string;
            /** @description The exchange's number (`EX-S01-2026-00001`). */
            number: string;
            /**
             * @description The till's sale or basket number.
             * @default
             */
            sale_reference: string;
            /**
             * @description cash, card or gift_card.
             * @default null
             */
            tender: components["schemas"]["TenderType"] | null;
            /**
             * @description The till that took the payment.
             * @default
             */
            till: string;
        };
        /**
         * @description How money leaves the desk.
         * @enum {string}
         */
        PayoutType: "card" | "cash" | "gift_card" | "store_credit" | "exchange";
        /** @description A percentage as an exact decimal, e.g. "20" or "9.5" (a JSON number is accepted on input). */
        Percent: string;
        /** @description Someone at the desk: their login and name. */
        PersonView: {
            display_name: string;
            login: string;
        };
        /** @description What publishing a policy would do ([`Desk::check_policy`]). */
        PolicyCheck: {
            /** Format: date */
            effective_from: string;
            /**
             * @description Whether it would be the version in force today (else it comes into force later, or an
             *     earlier day's version is followed by a later one already).
             */
            in_force_today: boolean;
            /**
             * Format: int64
             * @description The version it would become.
             */
            version: number;
        };
        /** @description Policy fields as written in `defaults` or in a rule: each one optional. */
        PolicyFields: {
            manager_approval_over?: components["schemas"]["Money"] | null;
            match?: components["schemas"]["RuleMatch"] | null;
            /** Format: uint32 */
            max_returns_90d?: number | null;
            non_returnable_reason?: string | null;
            overridable?: boolean | null;
            refund_to?: components["schemas"]["RefundTo"] | null;
            requires_unopened?: boolean | null;
            restocking_fee_pct?: components["schemas"]["Percent"] | null;
            /** Format: uint32 */
            return_days?: number | null;
            returnable?: boolean | null;
            ru_exchange_excluded?: boolean | null;
            tender_order?: components["schemas"]["TenderType"][] | null;
            /** Format: uint32 */
            warranty_months?: number | null;
            withdrawal_exception?: components["schemas"]["WithdrawalException"];
        };
        /** @description One version of the store's policy as Settings lists it. */
        PolicyVersionEntry: {
            /** Format: date */
            effective_from: string;
            /**
             * Format: date-time
             * @description When it was published (UTC; shown on the store's clock).
             */
            published_at: string;
            /** @description Who published it (login and name); none for a file imported on the command line. */
            published_by?: components["schemas"]["PersonView"] | null;
            /** @description `in_force` today at the store, `upcoming` (from a later day) or `past`. */
            standing: components["schemas"]["PolicyVersionStanding"];
            /** Format: int64 */
            version: number;
        };
        /**
         * @description Where a policy version stands today at the store.
         * @enum {string}
         */
        PolicyVersionStanding: "in_force" | "upcoming" | "past";
        /** @description A policy version just published. */
        PolicyVersionView: {
            /** Format: date */
            effective_from: string;
            /** Format: int64 */
            version: number;
        };
        /** @description The policy version in force, as the settings screen shows it. */
        PolicyView: {
            defaults: components["schemas"]["PolicyFields"];
            /** Format: date */
            effective_from: string;
            rules: components["schemas"]["PolicyFields"][];
            /** Format: int64 */
            version: number;
        };
        /** @description Where a printed document went. */
        Printed: {
            job: string;
            printer: string;
            /** @description The document's number. */
            slip_number: string;
        };
        /** @description A product by what was scanned or typed. */
        ProductQuery: {
            /** @description The product's SKU or barcode. */
            code: string;
        };
        /** @description A product of the catalogue. */
        ProductView: {
            barcode?: string | null;
            brand: string;
            category: string;
            currency?: string | null;
            name: string;
            serial_tracked: boolean;
            sku: string;
            /** @description VAT included; none: the product cannot be exchanged into. */
            unit_price?: components["schemas"]["Money"] | null;
            vat_rate?: string | null;
        };
        /** @description One day off by law. */
        PublicHoliday: {
            /** Format: date */
            date: string;
            kind: components["schemas"]["HolidayKind"];
        };
        /** @description What a manager changes in the settings; what is left out stays as it is. */
        PutSettings: {
            /**
             * @description Whose sales this store takes returns of: this_store or chain.
             * @default null
             */
            accept_returns_from: components["schemas"]["ReturnsAccepted"] | null;
            /**
             * @description The store's holidays, transferred working days (Saturdays or Sundays) and settlement
             *     target (1–365 days), replaced as a whole.
             * @default null
             */
            calendar: components["schemas"]["StoreCalendar"] | null;
            /**
             * @description How a customer may pay an exchange's difference: tenders at the desk (cash, card,
             *     gift_card) and whether it may be left for the till.
             * @default null
             */
            exchange_difference: components["schemas"]["ExchangeDifferenceSetting"] | null;
            /**
             * @description The CUPS printer documents go to.
             * @default null
             */
            printer: string | null;
            /**
             * Format: int64
             * @description A waiting queued case is overdue after this many minutes (1–240).
             * @default null
             */
            queue_overdue_minutes: number | null;
            /**
             * Format: int64
             * @description A session ends after this many minutes without a call (1–480).
             * @default null
             */
            session_idle_minutes: number | null;
            /**
             * Format: int64
             * @description A session ends this many hours after sign-in (1–24).
             * @default null
             */
            session_lifetime_hours: number | null;
            /**
             * @description Whether the store takes returns without a receipt, and how many days back (1–365) their
             *     price is looked for.
             * @default null
             */
            unverified_returns: components["schemas"]["UnverifiedReturnsSetting"] | null;
            /**
             * Format: int64
             * @description A store-credit voucher issued from now on is valid this many months (1–120).
             * @default null
             */
            voucher_valid_months: number | null;
        };
        /**
         * Format: uint32
         * @description A positive whole number of units.
         */
        Quantity: number;
        /** @description A manager's (or administrator's) decision on a queued case. */
        QueueDecisionView: {
            approve: boolean;
            /** @description What the return pays with this decision (0 for a decline). */
            approved_refund: components["schemas"]["Money"];
            /** @description RFC 3339. */
            at: string;
            by: components["schemas"]["PersonView"];
            deductions: components["schemas"]["Deduction"][];
            /** @description The denied lines overridden. */
            lines: number[];
            reason_code: components["schemas"]["DecisionReason"];
            reason_text: string;
        };
        /** @description Which queued cases. */
        QueueFilter: {
            /**
             * @description Only open cases: waiting, or decided and not yet completed (default true).
             * @default null
             */
            open_only: boolean | null;
        };
        /**
         * @description A return the clerk sends to the store's managers to decide (the draft as `evaluate_return`
         *     takes it, without a manager), with the clerk's words.
         */
        QueueReturn: {
            /** @default null */
            customer: components["schemas"]["CustomerInput"] | null;
            /** @description The same key gives back the same queued case. */
            idempotency_key: string;
            lines: components["schemas"]["DraftLineInput"][];
            /**
             * @description The clerk's words to the manager.
             * @default null
             */
            note: string | null;
            /** Format: int64 */
            receipt_id: number;
            resolution: components["schemas"]["Resolution"];
        };
        /** @description Where a queued case stands. */
        QueueState: "waiting" | "approved" | "declined" | "completed" | "withdrawn";
        /** @description The approval queue as one desk sees it, and its version (for `watch_queue`). */
        QueueView: {
            cases: components["schemas"]["QueuedCase"][];
            /** Format: int64 */
            version: number;
        };
        /** @description One case of the approval queue. */
        QueuedCase: {
            /** @description The codes to decide: approvals required and overridable denials. */
            asked: string[];
            currency: string;
            decision?: components["schemas"]["QueueDecisionView"] | null;
            draft: components["schemas"]["QueuedDraft"];
            /** Format: int64 */
            id: number;
            /**
             * @description Who must decide: a manager, or an administrator where the refund is above every
             *     manager's approval limit.
             */
            needs_role: components["schemas"]["NeedsRole"];
            /** @description The clerk's words. */
            note: string;
            /** @description Waiting longer than the store's `queue_overdue_minutes`. */
            overdue: boolean;
            receipt: components["schemas"]["QueuedReceiptView"];
            /** @description What the return pays if everything asked is approved. */
            refund_total: components["schemas"]["Money"];
            /** @description RFC 3339. */
            requested_at: string;
            requested_by: components["schemas"]["PersonView"];
            /**
             * Format: int64
             * @description The return that completed it.
             */
            return_id?: number | null;
            state: components["schemas"]["QueueState"];
            store_code: string;
            /** @description The desk it was sent from. */
            terminal?: string | null;
            /** @description The desk's verdict at queueing (as `evaluate_return` answered it). */
            verdict: components["schemas"]["EvaluationView"];
            /**
             * Format: int64
             * @description Minutes since it was queued (until decided).
             */
            waiting_minutes: number;
        };
        /** @description The draft of a queued case, as the clerk sent it (`queue_return` without its key and note). */
        QueuedDraft: {
            /** @default null */
            customer: components["schemas"]["CustomerInput"] | null;
            lines: components["schemas"]["DraftLineInput"][];
            /** Format: int64 */
            receipt_id: number;
            resolution: components["schemas"]["Resolution"];
        };
        /** @description The receipt a queued case is about. */
        QueuedReceiptView: {
            /** Format: int64 */
            id: number;
            number: string;
            /** Format: partial-date-time */
            purchased_at: string;
        };
        /** @description A reason for a line's outcome, and whether a manager may override it. */
        Reason: {
            code: components["schemas"]["ReasonCode"];
            overridable: boolean;
        };
        /** @enum {string} */
        ReasonCode: "WITHIN_RETURN_WINDOW" | "STATUTORY_WITHDRAWAL" | "STATUTORY_EXCHANGE" | "DEFECT_WITHIN_RETURN_WINDOW" | "LEGAL_GUARANTEE" | "COMMERCIAL_WARRANTY" | "CONSUMER_PROOF_REQUIRED" | "LOSS_OF_VALUE" | "QTY_EXCEEDS_REMAINING" | "WITHDRAWAL_EXCEPTION" | "NON_RETURNABLE" | "CUSTOMER_DAMAGE" | "USED" | "RETURN_WINDOW_EXPIRED" | "OPENED" | "WARRANTY_EXPIRED" | "STATUTORY_EXCHANGE_AVAILABLE";
        ReceiptLineView: {
            brand: string;
            category: string;
            discount: components["schemas"]["Money"];
            /** Format: uint32 */
            line: number;
            name: string;
            paid: components["schemas"]["Money"];
            /** Format: uint32 */
            qty: number;
            /** Format: uint32 */
            remaining: number;
            /** Format: uint32 */
            returned: number;
            serials: string[];
            sku: string;
            unit_price: components["schemas"]["Money"];
            vat_rate: string;
        };
        ReceiptSummary: {
            amount_paid: components["schemas"]["Money"];
            card_last4?: string | null;
            currency: components["schemas"]["Currency"];
            /** @description Who bought, where the sale recorded it (a search by customer shows it). */
            customer?: string | null;
            /** Format: int64 */
            id: number;
            /**
             * @description What the receipt sold, line by line ("2 × Kettle"), so the clerk can tell receipts apart.
             * @default []
             */
            items: string[];
            number: string;
            /** Format: partial-date-time */
            purchased_at: string;
            store_code: string;
        };
        ReceiptView: {
            amount_paid: components["schemas"]["Money"];
            channel: components["schemas"]["Channel"];
            currency: string;
            /** Format: date */
            delivered_on?: string | null;
            /** @description Leva receipts are refunded in euro at the fixed rate. */
            eur_rate?: string | null;
            /** Format: int64 */
            id: number;
            lines: components["schemas"]["ReceiptLineView"][];
            number: string;
            /** Format: partial-date-time */
            purchased_at: string;
            receipt_discount: components["schemas"]["Money"];
            store_code: string;
            tenders: components["schemas"]["Tender"][];
        };
        /** @description What a till takes from a voucher. */
        RedeemVoucher: {
            /**
             * @description How much to take, a decimal string ("12.50"): above zero, at most the balance.
             * @default null
             */
            amount: components["schemas"]["Money"] | null;
            /** @description The voucher's code (any case, with or without the dashes). */
            code: string;
            /**
             * @description The voucher's currency, when the till states one (another currency is refused).
             * @default null
             */
            currency: components["schemas"]["Currency"] | null;
            /**
             * @description The same key (per store and desk) gives back the same redemption, never a second one.
             * @default
             */
            idempotency_key: string;
            /**
             * @description The sale the voucher pays for (its receipt or basket number at the till).
             * @default
             */
            sale_reference: string;
            /**
             * @description The till that takes the voucher (at the desk: the desk's code).
             * @default
             */
            till: string;
        };
        /** @description One redemption of a voucher. */
        RedemptionView: {
            amount: components["schemas"]["Money"];
            /** Format: date-time */
            at: string;
            /** @description What was left on the voucher after it. */
            balance_after: components["schemas"]["Money"];
            /** @description The display name of the user who redeemed it. */
            by: string;
            sale_reference: string;
            till: string;
        };
        /**
         * @description Where a refund goes when the customer asked for money back.
         * @enum {string}
         */
        RefundTo: "original_tender" | "store_credit";
        /** @description Refunds today at the store, and the same weekday's of the weeks before. */
        RefundsToday: {
            /** @description Today against that average, in percent (none when the average is zero). */
            change_pct?: string | null;
            refunded: components["schemas"]["Money"];
            /** Format: int64 */
            returns: number;
            /** @description The average of the same weekday's refunds over the `weeks` weeks before today. */
            weekday_average: components["schemas"]["Money"];
            /** Format: uint32 */
            weeks: number;
        };
        /** @description The session's store's complaint register of one year, as a file. */
        RegisterExport: {
            /** @description csv or pdf. */
            format: string;
            /**
             * @description en, bg, ru or el (default: the store's language).
             * @default null
             */
            lang: string | null;
            /**
             * Format: int64
             * @description The year the claims were registered in, e.g. 2026.
             */
            year: number;
        };
        /**
         * @description What the customer asks for.
         * @enum {string}
         */
        RemedyAsked: "repair" | "replacement" | "price_reduction" | "refund";
        /** @description The customer of a repair order. */
        RepairCustomerInput: {
            /**
             * @description Phone or e-mail.
             * @default
             */
            contact: string;
            /** @default  */
            name: string;
        };
        /** @description Which document of a repair order, in which language and layout. */
        RepairDocumentRequest: {
            /**
             * Format: int64
             * @description The repair order.
             */
            id: number;
            /** @description order (what the customer signs at intake) or pickup (after hand_back). */
            kind: string;
            /**
             * @description en, bg, ru or el (default: the store's language).
             * @default null
             */
            lang: string | null;
            /**
             * @description a4 (the default) or 80mm.
             * @default null
             */
            layout: string | null;
        };
        /** @description One step of a repair order, as recorded. */
        RepairEventView: {
            at: string;
            by: components["schemas"]["ClaimActorView"];
            /** @description What the step recorded (partner, waybill, finding, price paid, …). */
            details: unknown;
            /** Format: int64 */
            seq: number;
            /** @description open, accept_estimate, decline_estimate, send_to_service, back_from_service, inform_customer, hand_back, close. */
            step: string;
        };
        /** @description Which repair orders: of a stage, answering a search. */
        RepairFilter: {
            /**
             * @description An order number, the customer's phone or e-mail (0881… finds +359 881…), or the item's serial.
             * @default null
             */
            q: string | null;
            /**
             * @description received, estimate_accepted, estimate_declined, at_service, back_from_service, customer_informed, handed_back or closed.
             * @default null
             */
            stage: string | null;
        };
        /** @description A paid repair order: the item, the customer, the estimate, where it stands, what was paid. */
        RepairOrderView: {
            accessories: string;
            allowed_steps: components["schemas"]["RepairStepKind"][];
            /** @description Opened by this call (false: the same idempotency_key answered an earlier order, or read back). */
            created: boolean;
            currency: components["schemas"]["Currency"];
            customer: components["schemas"]["ClaimCustomerView"];
            defect: string;
            estimate: components["schemas"]["Money"];
            /** @description Set when the service repaired it (never above the estimate). */
            final_price?: components["schemas"]["Money"] | null;
            finding?: string | null;
            history: components["schemas"]["RepairEventView"][];
            /** Format: int64 */
            id: number;
            item_state: string;
            /** @description `R-S01-2026-00001`: store, year opened, number in that year. */
            number: string;
            opened_at: string;
            opened_by: components["schemas"]["ClaimActorView"];
            /** @description Set at hand_back (0.00 when nothing was due). */
            price_paid?: components["schemas"]["Money"] | null;
            product: string;
            /** Format: uint32 */
            receipt_line?: number | null;
            receipt_number?: string | null;
            /** Format: date */
            sent_on?: string | null;
            serial?: string | null;
            /** @description repaired or not_repairable. */
            service_outcome?: components["schemas"]["RepairOutcome"] | null;
            service_partner?: string | null;
            stage: components["schemas"]["RepairStage"];
            /** @description cash or card, when money was paid. */
            tender?: string | null;
            waybill?: string | null;
        };
        /**
         * @description What the service did with the item.
         * @enum {string}
         */
        RepairOutcome: "repaired" | "not_repairable";
        /** @description Where a repair order stands. */
        RepairStage: ("estimate_accepted" | "estimate_declined" | "at_service" | "back_from_service" | "customer_informed" | "handed_back" | "closed") | "received";
        /** @description One step of a repair order's life, and what that step records. */
        RepairStep: {
            /**
             * @description back_from_service of a repaired item: the price (default the estimate; never above it).
             * @default null
             */
            final_price: components["schemas"]["Money"] | null;
            /**
             * @description back_from_service: required.
             * @default null
             */
            finding: string | null;
            /**
             * Format: int64
             * @description The repair order.
             */
            id: number;
            /**
             * @description inform_customer: phone, e-mail, SMS, …
             * @default null
             */
            informed_how: string | null;
            /**
             * @description hand_back of a repaired item: exactly the price due (none or 0 when nothing is due).
             * @default null
             */
            price_paid: components["schemas"]["Money"] | null;
            /**
             * Format: date
             * @description send_to_service: the day it left (default today).
             * @default null
             */
            sent_on: string | null;
            /**
             * @description back_from_service: required (repaired or not_repairable).
             * @default null
             */
            service_outcome: components["schemas"]["RepairOutcome"] | null;
            /**
             * @description send_to_service: required.
             * @default null
             */
            service_partner: string | null;
            /** @description accept_estimate, decline_estimate, send_to_service, back_from_service, inform_customer, hand_back or close. */
            step: components["schemas"]["RepairStepKind"];
            /**
             * @description hand_back of a repaired item: cash or card.
             * @default null
             */
            tender: string | null;
            /** @default null */
            waybill: string | null;
        };
        /**
         * @description A step of a repair order's life (`RepairStepKind` in the API documents, where `RepairStep` is
         *     the command's input).
         * @enum {string}
         */
        RepairStepKind: "accept_estimate" | "decline_estimate" | "send_to_service" | "back_from_service" | "inform_customer" | "hand_back" | "close";
        /** @description A desk or a person to filter by. */
        ReportClerk: {
            /** Format: int64 */
            id: number;
            name: string;
        };
        ReportColumn: {
            /** @description What it holds (the screen's label key; the CSV header). */
            key: string;
            kind: components["schemas"]["ColumnKind"];
        };
        /**
         * @description A report's scope: a store (default: the session's), a period of the store's local days, how
         *     it is cut, and optionally one desk and one clerk.
         */
        ReportQuery: {
            /**
             * Format: int64
             * @description A clerk's user id (a query string's `clerk=5` is text).
             * @default null
             */
            clerk: number | null;
            /**
             * @description A desk's code.
             * @default null
             */
            desk: string | null;
            /** @description YYYY-MM-DD, the first day (store-local). */
            from: string;
            /**
             * @description day, week (Monday first) or month (default day).
             * @default null
             */
            grain: string | null;
            /**
             * @description A store the user works in (default: the session's store).
             * @default null
             */
            store: string | null;
            /** @description YYYY-MM-DD, the last day (store-local, included). */
            to: string;
        };
        /** @description One table of a report: the figures behind one chart. */
        ReportTable: {
            /** @description `line` (over time) or `bar`. */
            chart: string;
            columns: components["schemas"]["ReportColumn"][];
            id: string;
            /** @description One value per column, as text in the column's kind. */
            rows: string[][];
        };
        /** @description A report: every table for the scope asked. */
        ReportView: {
            /** Format: int64 */
            clerk?: number | null;
            clerks: components["schemas"]["ReportClerk"][];
            /** @description What the money columns are in (the store's currency; rate tables name theirs per row). */
            currency: string;
            desk?: string | null;
            /** @description The filters' choices: the store's desks and people. */
            desks: string[];
            /** Format: date */
            from: string;
            grain: components["schemas"]["Grain"];
            /**
             * Format: int64
             * @description Confirmed or declined returns of the scope without a recorded scan: not in the
             *     handling-time figures.
             */
            handling_left_out: number;
            store: string;
            /** @description The stores the user may report on. */
            stores: string[];
            tables: components["schemas"]["ReportTable"][];
            /** Format: date */
            to: string;
        };
        RequestLine: {
            condition: components["schemas"]["Condition"];
            line: components["schemas"]["LineNo"];
            /**
             * @description RU: no similar item is in stock to exchange this one for, so the statutory exchange is
             *     paid back as money (art. 25 p.2).
             */
            no_analogue?: boolean;
            qty: components["schemas"]["Quantity"];
            reason: components["schemas"]["ReturnReason"];
        };
        /** @description A user's new PIN, set by an administrator. */
        ResetPin: {
            /** Format: int64 */
            id: number;
            pin: string;
        };
        /** @enum {string} */
        Resolution: "refund" | "store_credit" | "exchange" | "repair" | "replace";
        /** @description What the history screen searches for. */
        ReturnQuery: {
            /**
             * Format: date
             * @default null
             */
            from: string | null;
            /**
             * @description Part of a receipt number.
             * @default null
             */
            q: string | null;
            /**
             * Format: date
             * @default null
             */
            to: string | null;
        };
        /** @description Units returned this month against units sold this month. */
        ReturnRate: {
            /**
             * Format: date
             * @description The month's first day.
             */
            month: string;
            /** @description Returned over sold, in percent to one decimal (none when nothing was sold). */
            rate_pct?: string | null;
            /** Format: int64 */
            units_returned: number;
            /**
             * Format: int64
             * @description Units on the store's receipts purchased this month (as imported).
             */
            units_sold: number;
        };
        /** @enum {string} */
        ReturnReason: "change_of_mind" | "defective" | "not_as_described" | "wrong_item";
        ReturnRequest: {
            lines: components["schemas"]["RequestLine"][];
            resolution: components["schemas"]["Resolution"];
        };
        /** @description One completed return as a report lists it. */
        ReturnRow: {
            /**
             * Format: partial-date-time
             * @description Store-local date and time it was confirmed.
             */
            at: string;
            clerk: string;
            desk?: string | null;
            /** Format: uint32 */
            lines_denied: number;
            /** Format: uint32 */
            lines_returned: number;
            outcome: components["schemas"]["CaseOutcome"];
            receipt_number: string;
            /** @description Paid per tender (`store_credit`: the voucher; `exchange`: value moved to the new sale). */
            refunds: {
                [key: string]: components["schemas"]["Money"];
            };
            resolution: components["schemas"]["Resolution"];
            slip_number: string;
            total: components["schemas"]["Money"];
        };
        /**
         * @description A return's status as the desk shows it: a voided return is one a manager declined.
         *     Where a return stands, as the desk shows it: a voided return is one a manager declined.
         * @enum {string}
         */
        ReturnState: "completed" | "awaiting_manager" | "declined";
        ReturnSummaryView: {
            /**
             * Format: int64
             * @description How many warranty claims the return registered (0: a plain return).
             */
            claims: number;
            clerk: string;
            created_at: string;
            currency: string;
            /** @description The first claim's number in the complaint register (`S01-2026-00012`). */
            first_claim?: string | null;
            /** Format: int64 */
            id: number;
            number: string;
            outcome: components["schemas"]["CaseOutcome"];
            receipt_number: string;
            refund: components["schemas"]["Money"];
            status: components["schemas"]["ReturnState"];
        };
        ReturnView: {
            approvals: components["schemas"]["ApprovalView"][];
            /**
             * @description What the desk must tell the customer about a claim it registered: an item claimed
             *     before (and, in Bulgaria, a third claim after two repairs: the right to a refund).
             */
            claim_notices: components["schemas"]["ClaimNotice"][];
            claims: components["schemas"]["ClaimView"][];
            clerk: string;
            /** Format: int64 */
            clerk_id: number;
            /** @description This call recorded it (false: the same idempotency key was seen before). */
            created: boolean;
            created_at: string;
            decision: components["schemas"]["Decision"];
            /** Format: int64 */
            id: number;
            number: string;
            outcome: string;
            /** Format: int64 */
            receipt_id: number;
            receipt_number: string;
            request: components["schemas"]["ReturnRequest"];
            status: components["schemas"]["ReturnState"];
            /** @description The store-credit voucher it issued, if it paid out store credit. */
            voucher?: components["schemas"]["VoucherRecord"] | null;
        };
        /** @description Whose receipts a store takes returns of (the store setting `accept_returns_from`). */
        ReturnsAccepted: "this_store" | "chain";
        /** @enum {string} */
        Role: "clerk" | "manager" | "administrator";
        /** @enum {string} */
        Route: "refund" | "warranty" | "none";
        /** @description What a rule matches on. Every key present must equal the line's attribute. */
        RuleMatch: {
            brand?: string | null;
            category?: string | null;
            sku?: string | null;
        };
        /**
         * @description What the service answered.
         * @enum {string}
         */
        ServiceOutcome: "repaired" | "replaced" | "rejected";
        SessionView: {
            store: components["schemas"]["StoreView"];
            /**
             * Format: partial-date-time
             * @description The store's wall time at sign-in, in its zone (`store.time_zone`), by the desk's clock
             *     (`RETURNDESK_NOW` fixes it): what the desk's own clock display starts from.
             */
            store_now: string;
            /** Format: int64 */
            terminal_id?: number | null;
            token: string;
            user: components["schemas"]["UserView"];
        };
        /** @description The first run: a store, its first administrator and its starting policy. */
        SetUpStore: {
            administrator: components["schemas"]["AdministratorInput"];
            /** @description A starting policy's id, from `setup_status`. */
            starting_policy: string;
            store: components["schemas"]["StoreSetupInput"];
            /**
             * @description The desk the administrator sets up at, e.g. `DESK-1` (registered in the new store).
             * @default null
             */
            terminal: string | null;
        };
        SettingsView: {
            /** @description Whose sales this store takes returns of. */
            accept_returns_from: components["schemas"]["ReturnsAccepted"];
            /** @description The days the store's periods are counted on. */
            calendar: components["schemas"]["StoreCalendar"];
            /**
             * @description The store's details printed at the head of its documents; managers change them with
             *     `put_store_details`.
             */
            details: components["schemas"]["StoreDetails"];
            /** @description How a customer may pay an exchange's difference: tenders at the desk, and the till. */
            exchange_difference: components["schemas"]["ExchangeDifferenceSetting"];
            policy?: components["schemas"]["PolicyView"] | null;
            /** @description The CUPS printer documents go to ("" when none is chosen). */
            printer: string;
            /**
             * @description The law's public holidays of the store's jurisdiction this year and next, computed (none
             *     for the EU); `calendar.holidays` are the store's own days on top of them.
             */
            public_holidays: components["schemas"]["PublicHoliday"][];
            /**
             * Format: int64
             * @description A waiting queued case is overdue after this many minutes.
             */
            queue_overdue_minutes: number;
            /** Format: int64 */
            session_idle_minutes: number;
            /** Format: int64 */
            session_lifetime_hours: number;
            store: components["schemas"]["StoreView"];
            /** @description Whether the store takes returns without a receipt, and their price's lookback in days. */
            unverified_returns: components["schemas"]["UnverifiedReturnsSetting"];
            /**
             * Format: int64
             * @description A store-credit voucher issued now is valid this many months.
             */
            voucher_valid_months: number;
        };
        /** @description A manager settles a claim by money. */
        SettleClaim: {
            /**
             * @description price_reduction: required (0 < amount ≤ what the line paid less refunds); refund: computed.
             * @default null
             */
            amount: components["schemas"]["Money"] | null;
            /**
             * Format: int64
             * @description The claim.
             */
            id: number;
            /** @description The same key gives back the same settlement. */
            idempotency_key: string;
            /** @description refund or price_reduction. */
            remedy: components["schemas"]["RemedyAsked"];
        };
        SettlementTenderView: {
            amount: components["schemas"]["Money"];
            type: string;
        };
        SettlementView: {
            amount: components["schemas"]["Money"];
            at: string;
            currency: components["schemas"]["Currency"];
            remedy: string;
            tenders: components["schemas"]["SettlementTenderView"][];
        };
        /** @description Whether the desk needs its first run, and the policies a store may start with. */
        SetupStatus: {
            /**
             * @description The zone the desk shows instants in before anyone signs in (an IANA name; none before the
             *     first run).
             */
            desk_time_zone?: string | null;
            /** @description True exactly when the database has no store. */
            needs_setup: boolean;
            starting_policies: components["schemas"]["StartingPolicyView"][];
        };
        /** @description Sign in with user and PIN at a desk. */
        SignIn: {
            login: string;
            pin: string;
            /**
             * @description The desk's code, e.g. `DESK-1`.
             * @default null
             */
            terminal: string | null;
        };
        /** @description Which document of a return, in which language and layout. */
        SlipRequest: {
            /**
             * Format: int64
             * @description With document=claim: the claim's id.
             * @default null
             */
            claim: number | null;
            /**
             * @description slip (the default), voucher or claim.
             * @default null
             */
            document: components["schemas"]["DocumentKind"] | null;
            /**
             * Format: int64
             * @description The return.
             */
            id: number;
            /**
             * @description en, bg, ru or el (default en).
             * @default null
             */
            lang: string | null;
            /**
             * @description 80mm or a4 (default 80mm).
             * @default null
             */
            layout: string | null;
        };
        /** @description A policy a new store may start with. */
        StartingPolicyView: {
            id: string;
            /** @description EU, BG, GR or RU. */
            jurisdiction: string;
            name: string;
            summary: string;
        };
        /**
         * @description The days a store's periods are counted on: its holidays, its weekend days that are working
         *     days (Russia's transferred Saturdays), and its settlement target where the law sets no period.
         */
        StoreCalendar: {
            claim_target_days: components["schemas"]["ClaimTarget"];
            holidays: string[];
            working_days: string[];
        };
        /**
         * @description A store's own details, printed at the head of each of its documents: what a manager keeps in
         *     Settings (issue 16). Empty text is a detail not given.
         */
        StoreDetails: {
            address: string;
            company_id: string;
            name: string;
            phone: string;
            vat_id: string;
        };
        /** @description The store a first run sets up. */
        StoreSetupInput: {
            /** @default  */
            address: string;
            /** @description The store's code, e.g. `S01` (letters, digits, dashes; 1–16). */
            code: string;
            /** @default  */
            company_id: string;
            /** @description BG: EUR or BGN; GR and EU: EUR; RU: RUB. */
            currency: string;
            /** @description EU, BG, GR or RU. */
            jurisdiction: string;
            /** @description en, bg, ru or el. */
            language: string;
            name: string;
            /** @description IANA time zone, e.g. `Europe/Sofia`. */
            time_zone: string;
            /** @default  */
            vat_id: string;
        };
        StoreView: {
            address: string;
            code: string;
            currency: string;
            jurisdiction: string;
            name: string;
            time_zone: string;
        };
        Tender: {
            amount: components["schemas"]["Money"];
            /**
             * @description Card payments: the payment terminal's token for the card (never the card number): the
             *     same card gives the same fingerprint, so a customer's returns can be counted (issue 12).
             */
            card_fingerprint?: string | null;
            /** @description Card payments: the last four digits, for finding a receipt by card. */
            card_last4?: string | null;
            type: components["schemas"]["TenderType"];
        };
        TenderPayout: {
            amount: components["schemas"]["Money"];
            type: components["schemas"]["PayoutType"];
        };
        /** @enum {string} */
        TenderType: "card" | "cash" | "gift_card" | "store_credit";
        Totals: {
            /** @description Managers' deductions for loss of value (absent when none): refund = gross − fee − deduction. */
            deduction?: components["schemas"]["Money"];
            fee: components["schemas"]["Money"];
            gross: components["schemas"]["Money"];
            refund: components["schemas"]["Money"];
            vat: components["schemas"]["Money"];
        };
        /** @description Whose lock-out a manager lifts. */
        UnlockUser: {
            /** @description The user's login. */
            login: string;
        };
        /** @description A lifted lock-out. */
        Unlocked: {
            /**
             * Format: uint64
             * @description How many desks had the user locked out.
             */
            desks: number;
            login: string;
        };
        /**
         * @description A return without a receipt: the item (SKU, quantity), why, the customer's ID, and to
         *     confirm, a manager's login and PIN and an idempotency key.
         */
        UnverifiedDraftInput: {
            /**
             * @description The customer's phone or e-mail and loyalty id, if the desk takes them (`name` is not
             *     used): kept only hashed, so the return counts towards the frequent-returner limit with
             *     the customer's receipt returns.
             * @default null
             */
            customer: components["schemas"]["CustomerInput"] | null;
            customer_id: components["schemas"]["CustomerIdInput"];
            /**
             * @description Confirm only: the same key gives back the same return.
             * @default null
             */
            idempotency_key: string | null;
            /** @description Confirm only: the approving manager. */
            manager?: components["schemas"]["ManagerPinInput"] | null;
            /** Format: uint32 */
            qty: number;
            reason: string;
            sku: string;
        };
        /** @description What an unverified return would pay. */
        UnverifiedQuote: {
            amount: components["schemas"]["Money"];
            /** @description What the manager approves: `UNVERIFIED_RETURN`, and `FREQUENT_RETURNS` at the limit. */
            approvals_required: string[];
            currency: string;
            /**
             * Format: uint32
             * @description The customer's returns at the store in the last 90 days (receipt returns and unverified
             *     ones, by their ID, phone, e-mail or loyalty id), and the policy's limit.
             */
            customer_returns_90d: number;
            /** @description The count has reached the limit: the manager approves a frequent returner too. */
            frequent_returner: boolean;
            /** Format: int64 */
            lookback_days: number;
            /** @description A manager must approve every unverified return. */
            manager_required: boolean;
            /** Format: uint32 */
            max_returns_90d?: number | null;
            /** @description Paid only as store credit. */
            payout: string;
            /** @description The sale the price was found on. */
            priced_from: string;
            product: string;
            /** Format: uint32 */
            qty: number;
            sku: string;
            /** @description The lowest unit price the SKU sold for in the window. */
            unit_price: components["schemas"]["Money"];
        };
        /**
         * @description A recorded return without a receipt: the item, the price it was paid at, the voucher, who
         *     approved it; the customer's ID only as its type and last four characters.
         */
        UnverifiedReturnView: {
            amount: components["schemas"]["Money"];
            clerk: string;
            /** @description Whether this call recorded it (false: the key's return, recorded before). */
            created: boolean;
            currency: string;
            customer_id_last4: string;
            customer_id_type: string;
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            lookback_days: number;
            manager: string;
            /** @description `U-S01-00001`. */
            number: string;
            product: string;
            /** Format: uint32 */
            qty: number;
            reason: string;
            /** Format: partial-date-time */
            returned_at: string;
            sku: string;
            unit_price: components["schemas"]["Money"];
            voucher_balance: components["schemas"]["Money"];
            voucher_code: string;
            /** Format: date */
            voucher_expires_on?: string | null;
        };
        /** @description Whether the store takes returns without a receipt, and how far back their price is looked for. */
        UnverifiedReturnsSetting: {
            allowed: boolean;
            /**
             * Format: int64
             * @description 1–365 days (default 90).
             */
            lookback_days: number;
        };
        /** @description A user's account as it is to be (a full replace). */
        UpdateUserInput: {
            active: boolean;
            approval_limit?: components["schemas"]["Money"] | null;
            /** Format: int64 */
            id: number;
            name: string;
            refund_limit?: components["schemas"]["Money"] | null;
            role: components["schemas"]["Role"];
            stores: string[];
        };
        /** @description A user as the administrator's users screen shows them. */
        UserAccountView: {
            active: boolean;
            approval_limit?: components["schemas"]["Money"] | null;
            created_at: string;
            /** Format: int64 */
            id: number;
            /** @description Locked out at some desk after too many wrong PINs. */
            locked: boolean;
            login: string;
            name: string;
            refund_limit?: components["schemas"]["Money"] | null;
            role: components["schemas"]["Role"];
            /** @description The stores the user works in. */
            stores: string[];
        };
        UserView: {
            display_name: string;
            /** Format: int64 */
            id: number;
            login: string;
            role: components["schemas"]["Role"];
        };
        /** @description A manager voids a voucher. */
        VoidVoucher: {
            code: string;
            /**
             * @description Why (kept with the voucher and in the audit trail).
             * @default
             */
            reason: string;
        };
        /**
         * @description A store-credit voucher by its code, as printed, typed or scanned (any case, with or without
         *     the dashes).
         */
        VoucherCode: {
            code: string;
        };
        /**
         * @description A store-credit voucher: issued by a return that pays out store credit, with a code the
         *     customer brings back.
         */
        VoucherRecord: {
            amount: components["schemas"]["Money"];
            balance: components["schemas"]["Money"];
            code: string;
            currency: components["schemas"]["Currency"];
            /** Format: date */
            expires_on?: string | null;
            /** Format: date-time */
            issued_at: string;
            status: components["schemas"]["VoucherStatus"];
        };
        /**
         * @description Where a voucher stands for the customer: `expired` is an active voucher past its last day
         *     (the store's today), computed, never stored.
         * @enum {string}
         */
        VoucherState: "active" | "spent" | "void" | "expired";
        /** @enum {string} */
        VoucherStatus: "active" | "spent" | "void";
        /** @description A store-credit voucher: what is left on it, where it stands, what was taken from it. */
        VoucherView: {
            /** @description What it was issued for. */
            amount: components["schemas"]["Money"];
            balance: components["schemas"]["Money"];
            /** @description `SC-XXXXX-XXXXX`, as printed. */
            code: string;
            /** @description Whether this call changed the voucher (false: a retry, or a read). */
            created: boolean;
            currency: components["schemas"]["Currency"];
            /**
             * Format: date
             * @description The last day it may be spent.
             */
            expires_on?: string | null;
            /** Format: date-time */
            issued_at: string;
            receipt_number?: string | null;
            /** @description The redemption this call made, or found under its idempotency key (a retry). */
            redemption?: components["schemas"]["RedemptionView"] | null;
            /** @description Oldest first. */
            redemptions: components["schemas"]["RedemptionView"][];
            /**
             * Format: int64
             * @description The return that issued it, and that return's receipt.
             */
            return_id?: number | null;
            /** @description active, spent, void, or expired (active but past `expires_on`, the store's today). */
            status: components["schemas"]["VoucherState"];
            store: string;
            void_reason?: string | null;
            /** Format: date-time */
            voided_at?: string | null;
            voided_by?: string | null;
        };
        /** @description The protection periods of a line, and when a claim raised now must be settled. */
        WarrantyDates: {
            /**
             * @description Set with `claim_due_by`. Decisions stored before contract v2 have none.
             * @default null
             */
            claim_due_basis: components["schemas"]["ClaimDueBasis"] | null;
            /** Format: date */
            claim_due_by?: string | null;
            /** Format: date */
            commercial_until?: string | null;
            /** Format: date */
            legal_until?: string | null;
        };
        /** @description Wait for the desk's customer view to change. */
        WatchCustomer: {
            /**
             * Format: int64
             * @description The `version` the view has: answers as soon as the state is newer (at once for -1), or
             *     after about 25 seconds with the same state.
             */
            after: number;
        };
        /** @description Wait for the store's queue to change. */
        WatchQueue: {
            /**
             * Format: int64
             * @description The `version` of the queue the caller has: answers as soon as the queue's version is
             *     greater (or after about 25 seconds with the same version).
             */
            after: number;
        };
        /**
         * @description An item's statutory exception from the withdrawal from a distance sale (Directive 2011/83
         *     art. 16).
         * @enum {string}
         */
        WithdrawalException: "none" | "always" | "if_unsealed";
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    list_audit: {
        parameters: {
            query?: {
                action?: components["schemas"]["AuditAction"] | null;
                /** @description Entries older than this one: the `next_before_seq` of the page before. */
                before_seq?: number | null;
                /** @description First day (the desk's), included. */
                from?: string | null;
                /** @description How many entries (default 50, at most 200). */
                limit?: number | null;
                /** @description Last day (the desk's), included. */
                to?: string | null;
                /** @description A user's login. */
                user?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPageView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_claims: {
        parameters: {
            query?: {
                /** @description Only the claims past their date (a query string's `overdue_only=true`). */
                overdue_only?: boolean | null;
                /** @description A register number, the customer's phone or e-mail, or the item's serial. */
                q?: string | null;
                /** @description registered, at_service, back_from_service, customer_informed, handed_back, settled, rejected or closed. */
                stage?: string | null;
                /** @description open, in_repair, resolved, rejected, closed, overdue or all (the earlier contract's words). */
                status?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimView"][];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_claim: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimDetailView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    claim_document: {
        parameters: {
            query?: {
                /** @description intake (the default), settlement or rejection. */
                kind?: string | null;
                /** @description en, bg, ru or el (default en). */
                lang?: string | null;
                /** @description 80mm or a4 (default a4). */
                layout?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    settle_claim: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SettleClaim"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimDetailView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    advance_claim: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClaimStep"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimDetailView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    show_customer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DisplayState"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DisplayView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    watch_customer: {
        parameters: {
            query: {
                /**
                 * @description The `version` the view has: answers as soon as the state is newer (at once for -1), or
                 *     after about 25 seconds with the same state.
                 */
                after: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DisplayView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    end_of_day: {
        parameters: {
            query?: {
                /** @description YYYY-MM-DD. */
                day?: string | null;
                desk?: string | null;
                store?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndOfDayView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    end_of_day_document: {
        parameters: {
            query?: {
                /** @description YYYY-MM-DD. */
                day?: string | null;
                desk?: string | null;
                /** @description en, bg, ru or el. */
                lang?: string | null;
                /** @description 80mm (the default) or a4. */
                layout?: string | null;
                store?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    print_end_of_day: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EndOfDayDocument"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Printed"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_exchange_due: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                number: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExchangeDueView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    pay_exchange_due: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                number: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PayExchangeDue"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExchangeDueView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    confirm_exchange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExchangeDraft"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExchangeView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    evaluate_exchange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExchangeDraft"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExchangeQuote"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_exchange: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExchangeView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exchange_document: {
        parameters: {
            query?: {
                /** @description en, bg, ru or el (default: the store's language). */
                lang?: string | null;
                /** @description a4 (the default) or 80mm. */
                layout?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    give_feedback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GiveFeedback"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedbackView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    goodwill_slip: {
        parameters: {
            query?: {
                /** @description en, bg, ru or el (default en). */
                lang?: string | null;
                /** @description 80mm (the default) or a4. */
                layout?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    manager_kpis: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ManagerKpis"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    import_policy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportPolicy"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyVersionView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    check_policy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportPolicy"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyCheck"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_policy_versions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyVersionEntry"][];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    find_product: {
        parameters: {
            query: {
                /** @description The product's SKU or barcode. */
                code: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_queue: {
        parameters: {
            query?: {
                /** @description Only open cases: waiting, or decided and not yet completed (default true). */
                open_only?: boolean | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    queue_return: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueueReturn"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuedCase"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    watch_queue: {
        parameters: {
            query: {
                /**
                 * @description The `version` of the queue the caller has: answers as soon as the queue's version is
                 *     greater (or after about 25 seconds with the same version).
                 */
                after: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    withdraw_queued: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ById"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuedCase"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    decide_queued: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecideQueued"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuedCase"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    find_receipts_by_card: {
        parameters: {
            query: {
                /** @description YYYY-MM-DD */
                from: string;
                /** @description Four digits. */
                last4: string;
                /** @description YYYY-MM-DD */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiptSummary"][];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    find_receipts_by_customer: {
        parameters: {
            query: {
                /** @description A whole phone number (national or international), an e-mail, or words of the name. */
                q: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiptSummary"][];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    lookup_receipt: {
        parameters: {
            query: {
                /** @description A receipt number, a scanned receipt barcode, or the Russian fiscal QR text `t=…&s=…&fn=…&i=…&fp=…&n=1`. */
                code: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiptView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    goodwill_refund: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                receipt_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GoodwillInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GoodwillView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    export_register: {
        parameters: {
            query: {
                /** @description csv or pdf. */
                format: string;
                /** @description en, bg, ru or el (default: the store's language). */
                lang?: string | null;
                /** @description The year the claims were registered in, e.g. 2026. */
                year: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_repair_orders: {
        parameters: {
            query?: {
                /** @description An order number, the customer's phone or e-mail (0881… finds +359 881…), or the item's serial. */
                q?: string | null;
                /** @description received, estimate_accepted, estimate_declined, at_service, back_from_service, customer_informed, handed_back or closed. */
                stage?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RepairOrderView"][];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    open_repair_order: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OpenRepairOrder"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RepairOrderView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_repair_order: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RepairOrderView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    repair_order_document: {
        parameters: {
            query: {
                /** @description order (what the customer signs at intake) or pickup (after hand_back). */
                kind: string;
                /** @description en, bg, ru or el (default: the store's language). */
                lang?: string | null;
                /** @description a4 (the default) or 80mm. */
                layout?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    advance_repair_order: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RepairStep"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RepairOrderView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    report: {
        parameters: {
            query: {
                /** @description A clerk's user id (a query string's `clerk=5` is text). */
                clerk?: number | null;
                /** @description A desk's code. */
                desk?: string | null;
                /** @description YYYY-MM-DD, the first day (store-local). */
                from: string;
                /** @description day, week (Monday first) or month (default day). */
                grain?: string | null;
                /** @description A store the user works in (default: the session's store). */
                store?: string | null;
                /** @description YYYY-MM-DD, the last day (store-local, included). */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_returns: {
        parameters: {
            query?: {
                from?: string | null;
                /** @description Part of a receipt number. */
                q?: string | null;
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReturnSummaryView"][];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    confirm_return: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DraftInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReturnView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    evaluate_return: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DraftInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluationView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_return: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReturnView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    print_slip: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SlipRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Printed"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    return_slip: {
        parameters: {
            query?: {
                /** @description With document=claim: the claim's id. */
                claim?: number | null;
                /** @description slip (the default), voucher or claim. */
                document?: components["schemas"]["DocumentKind"] | null;
                /** @description en, bg, ru or el (default en). */
                lang?: string | null;
                /** @description 80mm or a4 (default 80mm). */
                layout?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    sign_in: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignIn"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    sign_out: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Done"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    change_own_pin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePin"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Done"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_settings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    put_settings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutSettings"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    put_store_details: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StoreDetails"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoreDetails"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setup_status: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SetupStatus"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    set_up_store: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetUpStore"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    confirm_unverified: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UnverifiedDraftInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnverifiedReturnView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    quote_unverified: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UnverifiedDraftInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnverifiedQuote"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_unverified: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnverifiedReturnView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    unverified_slip: {
        parameters: {
            query?: {
                /** @description en, bg, ru or el (default en). */
                lang?: string | null;
                /** @description 80mm (the default) or a4. */
                layout?: string | null;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_users: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserAccountView"][];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    add_user: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewUserInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserAccountView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    unlock_user: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UnlockUser"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unlocked"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    update_user: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserAccountView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reset_user_pin: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetPin"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserAccountView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_voucher: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoucherView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    redeem_voucher: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RedeemVoucher"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoucherView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    void_voucher: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VoidVoucher"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoucherView"];
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
