//! Invariants of the engine on generated receipts and requests.

use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use returndesk::domain::calendar::WorkingCalendar;
use returndesk::domain::policy::PolicyFields;
use returndesk::domain::pricing::paid_per_line;
use returndesk::domain::request::{ReturnedQty, TenderRefund};
use returndesk::domain::*;

fn purchased() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 10, 1).unwrap().and_hms_opt(18, 30, 0).unwrap()
}

fn pct(n: u32) -> Percent {
    Percent::parse(&n.to_string()).unwrap()
}

/// A receipt of 1–6 lines with line and receipt discounts, paid by up to three tenders.
fn receipt_strategy() -> impl Strategy<Value = Receipt> {
    let line = (1u32..=5, 1i64..=100_000, 0u32..=50, prop::sample::select(vec![0u32, 9, 20]));
    (
        prop::collection::vec(line, 1..=6),
        0u32..=30,
        prop::collection::vec(1u32..=100, 1..=3),
        prop::sample::select(vec![Currency::EUR, Currency::BGN]),
    )
        .prop_map(|(lines, receipt_discount_pct, tender_weights, currency)| {
            let lines: Vec<ReceiptLine> = lines
                .into_iter()
                .enumerate()
                .map(|(i, (qty, unit_cents, discount_pct, vat))| {
                    let total = unit_cents * i64::from(qty);
                    ReceiptLine {
                        line: LineNo(i as u32 + 1),
                        sku: format!("SKU-{}", i % 3),
                        name: format!("Item {i}"),
                        category: ["electronics", "apparel"][i % 2].to_string(),
                        brand: ["Acme", "Nord", "Volt"][i % 3].to_string(),
                        qty: Quantity::new(qty).unwrap(),
                        unit_price: Money::from_cents(unit_cents),
                        discount: Money::from_cents(total * i64::from(discount_pct) / 100),
                        vat_rate: pct(vat),
                        serials: Vec::new(),
                    }
                })
                .collect();
            let net: i64 = lines.iter().map(|l| l.net().cents()).sum();
            let receipt_discount = net * i64::from(receipt_discount_pct) / 100;
            let paid = net - receipt_discount;
            let weight: i64 = tender_weights.iter().map(|w| i64::from(*w)).sum();
            let kinds = [TenderType::Card, TenderType::GiftCard, TenderType::Cash];
            let mut tenders = Vec::new();
            let mut left = paid;
            for (i, w) in tender_weights.iter().enumerate() {
                let amount = if i + 1 == tender_weights.len() { left } else { paid * i64::from(*w) / weight };
                left -= amount;
                tenders.push(Tender { kind: kinds[i], amount: Money::from_cents(amount), card_last4: None, card_fingerprint: None });
            }
            Receipt {
                number: "P-1".into(),
                purchased_at: purchased(),
                channel: Channel::Store,
                delivered_on: None,
                return_info_given: true,
                currency,
                lines,
                receipt_discount: Money::from_cents(receipt_discount),
                tenders,
            }
        })
}

fn store() -> Store {
    Store {
        jurisdiction: Jurisdiction::BG,
        currency: Currency::EUR,
        calendar: WorkingCalendar::default(),
        claim_target: Default::default(),
    }
}

fn unopened(line: LineNo, qty: u32) -> RequestLine {
    RequestLine {
        line,
        qty: Quantity::new(qty).unwrap(),
        reason: ReturnReason::ChangeOfMind,
        condition: Condition::Unopened,
        no_analogue: false,
    }
}

fn decide(receipt: &Receipt, history: &History, lines: Vec<RequestLine>, policy: Policy) -> Decision {
    let case = ReturnCase::new(
        purchased() + chrono::Duration::days(3),
        store(),
        policy,
        receipt.clone(),
        history.clone(),
        ReturnRequest { resolution: Resolution::Refund, lines },
    )
    .expect("generated case is valid");
    evaluate(&case)
}

/// Returns every unit of the receipt, in chunks, one case per chunk, keeping the history
/// as the desk would; yields each decision with the history it was made against.
fn return_everything(receipt: &Receipt, chunks: &[u32]) -> Vec<(History, Decision)> {
    let mut history = History::default();
    let mut out = Vec::new();
    let mut c = 0;
    for line in &receipt.lines {
        let mut left = line.qty.get();
        while left > 0 {
            let k = chunks[c % chunks.len()].min(left);
            c += 1;
            let decision = decide(receipt, &history, vec![unopened(line.line, k)], Policy::default());
            let before = history.clone();
            history.returned.push(ReturnedQty { line: line.line, qty: Quantity::new(k).unwrap() });
            for t in &decision.tenders {
                let kind = match t.kind {
                    PayoutType::Card => TenderType::Card,
                    PayoutType::Cash => TenderType::Cash,
                    PayoutType::GiftCard => TenderType::GiftCard,
                    PayoutType::StoreCredit => TenderType::StoreCredit,
                    PayoutType::Exchange => unreachable!("refund resolution"),
                };
                // Only same-currency receipts feed back exactly; the property checks that case.
                if receipt.currency == Currency::EUR {
                    history.tender_refunded.push(TenderRefund { kind, amount: t.amount });
                }
            }
            left -= k;
            out.push((before, decision));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn all_returns_of_a_line_add_up_to_what_was_paid(
        receipt in receipt_strategy(),
        chunks in prop::collection::vec(1u32..=3, 1..4),
    ) {
        let paid = paid_per_line(&receipt);
        prop_assert_eq!(paid.iter().copied().sum::<Money>(), receipt.amount_paid());
        let eur = Currency::EUR;
        let decisions = return_everything(&receipt, &chunks);
        for (i, line) in receipt.lines.iter().enumerate() {
            let refunded: Money = decisions
                .iter()
                .flat_map(|(_, d)| d.lines.iter())
                .filter(|l| l.line == line.line)
                .map(|l| l.gross)
                .sum();
            if receipt.currency == eur {
                prop_assert_eq!(refunded, paid[i], "line {}", line.line);
            } else {
                // Each chunk converts on its own: at most half a cent of drift per chunk.
                let converted = returndesk::domain::money::Conversion::BgnToEur.apply(paid[i]);
                let chunks = decisions.iter().filter(|(_, d)| d.lines[0].line == line.line).count() as i64;
                prop_assert!((refunded.cents() - converted.cents()).abs() <= chunks, "line {}", line.line);
            }
        }
    }

    #[test]
    fn tenders_add_up_to_the_refund_and_never_pay_out_more_than_they_took(
        receipt in receipt_strategy(),
        chunks in prop::collection::vec(1u32..=3, 1..4),
    ) {
        prop_assume!(receipt.currency == Currency::EUR);
        for (history, decision) in return_everything(&receipt, &chunks) {
            let paid_out: Money = decision.tenders.iter().map(|t| t.amount).sum();
            prop_assert_eq!(paid_out, decision.totals.refund);
            for t in &decision.tenders {
                let kind = match t.kind {
                    PayoutType::Card => TenderType::Card,
                    PayoutType::Cash => TenderType::Cash,
                    PayoutType::GiftCard => TenderType::GiftCard,
                    other => { prop_assert!(false, "unexpected payout {:?}", other); unreachable!() }
                };
                let left = receipt.paid_by(kind) - history.refunded_to(kind);
                prop_assert!(t.amount <= left, "{:?} pays {} but only {} is left", kind, t.amount, left);
            }
        }
    }

    #[test]
    fn totals_are_the_approved_lines_and_nothing_is_negative(
        receipt in receipt_strategy(),
        picks in prop::collection::vec((0usize..6, 1u32..=6, 0usize..4, 0usize..4), 1..6),
        days_later in 0i64..900,
        resolution in prop::sample::select(vec![Resolution::Refund, Resolution::StoreCredit, Resolution::Exchange, Resolution::Repair, Resolution::Replace]),
        jurisdiction in prop::sample::select(vec![Jurisdiction::EU, Jurisdiction::BG, Jurisdiction::GR, Jurisdiction::RU]),
        fee in 0u32..=100,
    ) {
        let reasons = [ReturnReason::ChangeOfMind, ReturnReason::Defective, ReturnReason::NotAsDescribed, ReturnReason::WrongItem];
        let conditions = [Condition::Unopened, Condition::Opened, Condition::Used, Condition::Damaged];
        let mut lines: Vec<RequestLine> = Vec::new();
        for (i, qty, r, c) in picks {
            let line = receipt.lines[i % receipt.lines.len()].line;
            if lines.iter().any(|l| l.line == line) { continue; }
            lines.push(RequestLine { line, qty: Quantity::new(qty).unwrap(), reason: reasons[r], condition: conditions[c], no_analogue: false });
        }
        let defaults = PolicyFields {
            restocking_fee_pct: Some(pct(fee)),
            warranty_months: Some((fee % 3) * 12),
            manager_approval_over: Some(Money::from_cents(50_000)),
            ..Default::default()
        };
        let case = ReturnCase::new(
            purchased() + chrono::Duration::days(days_later),
            Store { jurisdiction, ..store() },
            Policy::new(defaults, vec![]).unwrap(),
            receipt.clone(),
            History::default(),
            ReturnRequest { resolution, lines },
        ).unwrap();
        let d = evaluate(&case);
        let approved: Vec<&LineDecision> = d.lines.iter().filter(|l| l.outcome == LineOutcome::Approved).collect();
        prop_assert_eq!(d.totals.gross, approved.iter().map(|l| l.gross).sum::<Money>());
        prop_assert_eq!(d.totals.fee, approved.iter().map(|l| l.fee).sum::<Money>());
        prop_assert_eq!(d.totals.refund, approved.iter().map(|l| l.refund).sum::<Money>());
        prop_assert_eq!(d.totals.vat, approved.iter().map(|l| l.vat).sum::<Money>());
        let zero = Money::ZERO;
        for l in &d.lines {
            prop_assert!(l.gross >= zero && l.fee >= zero && l.refund >= zero && l.vat >= zero);
            prop_assert_eq!(l.refund, l.gross - l.fee);
            prop_assert!(l.vat <= l.refund);
            if l.route != Route::Refund {
                prop_assert!(l.gross.is_zero() && l.refund.is_zero());
            }
        }
        for t in &d.tenders { prop_assert!(t.amount.is_positive()); }
        prop_assert_eq!(d.tenders.iter().map(|t| t.amount).sum::<Money>(), d.totals.refund);
    }

    #[test]
    fn rules_of_different_specificity_can_be_written_in_any_order(
        receipt in receipt_strategy(),
        rules in prop::collection::vec(
            (prop::option::of(0usize..3), prop::option::of(0usize..2), prop::option::of(0usize..3), 0u32..60, 0u32..=30, any::<bool>(), any::<bool>()),
            0..8),
        shuffle in prop::collection::vec(any::<u32>(), 8),
        condition in prop::sample::select(vec![Condition::Unopened, Condition::Opened]),
    ) {
        let rules: Vec<PolicyFields> = rules.into_iter().map(|(sku, cat, brand, days, fee, returnable, unopened_only)| PolicyFields {
            matches: Some(RuleMatch {
                sku: sku.map(|i| format!("SKU-{i}")),
                category: cat.map(|i| ["electronics", "apparel"][i].to_string()),
                brand: brand.map(|i| ["Acme", "Nord", "Volt"][i].to_string()),
            }),
            return_days: Some(days),
            restocking_fee_pct: Some(pct(fee)),
            returnable: Some(returnable),
            requires_unopened: Some(unopened_only),
            ..Default::default()
        }).collect();
        // Any permutation that keeps rules of equal specificity in their relative order.
        let spec = |r: &PolicyFields| r.matches.as_ref().unwrap().specificity();
        let mut slots: Vec<usize> = (0..rules.len()).collect();
        slots.sort_by_key(|&i| shuffle[i]);
        let slot_specs: Vec<u32> = slots.iter().map(|&i| spec(&rules[i])).collect();
        let mut reordered = Vec::new();
        let mut taken = vec![false; rules.len()];
        for s in slot_specs {
            let next = (0..rules.len()).find(|&i| !taken[i] && spec(&rules[i]) == s).unwrap();
            taken[next] = true;
            reordered.push(rules[next].clone());
        }
        let request: Vec<RequestLine> = receipt.lines.iter().map(|l| RequestLine { condition, ..unopened(l.line, 1) }).collect();
        let a = decide(&receipt, &History::default(), request.clone(), Policy::new(PolicyFields::default(), rules).unwrap());
        let b = decide(&receipt, &History::default(), request, Policy::new(PolicyFields::default(), reordered).unwrap());
        prop_assert_eq!(a, b);
    }

    #[test]
    fn no_store_rule_or_fee_narrows_a_statutory_withdrawal_or_exchange(
        receipt in receipt_strategy(),
        days_later in 0i64..=7,
        jurisdiction in prop::sample::select(vec![Jurisdiction::EU, Jurisdiction::BG, Jurisdiction::GR, Jurisdiction::RU]),
        conditions in prop::collection::vec(prop::sample::select(vec![Condition::Unopened, Condition::Opened, Condition::Used, Condition::Damaged]), 6),
        rule in (0u32..30, 0u32..=50, any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
        exception in prop::sample::select(vec![WithdrawalException::None, WithdrawalException::Always, WithdrawalException::IfUnsealed]),
        online in any::<bool>(),
    ) {
        let (days, fee, returnable, unopened_only, overridable, excluded) = rule;
        let defaults = PolicyFields {
            return_days: Some(days),
            restocking_fee_pct: Some(pct(fee)),
            returnable: Some(returnable),
            requires_unopened: Some(unopened_only),
            overridable: Some(overridable),
            withdrawal_exception: Some(exception),
            ru_exchange_excluded: Some(excluded),
            ..Default::default()
        };
        let channel = if online { Channel::Online } else { Channel::Store };
        let receipt = Receipt { channel, delivered_on: Some(purchased().date() + chrono::Duration::days(2)), ..receipt };
        let lines: Vec<RequestLine> = receipt.lines.iter().zip(&conditions)
            .map(|(l, c)| RequestLine { condition: *c, ..unopened(l.line, 1) })
            .collect();
        let case = ReturnCase::new(
            purchased() + chrono::Duration::days(2 + days_later),
            Store { jurisdiction, ..store() },
            Policy::new(defaults, vec![]).unwrap(),
            receipt,
            History::default(),
            ReturnRequest { resolution: Resolution::Exchange, lines },
        ).unwrap();
        let d = evaluate(&case);
        for (l, c) in d.lines.iter().zip(&conditions) {
            let codes: Vec<ReasonCode> = l.reasons.iter().map(|r| r.code).collect();
            if online {
                // Within 7 days of delivery the withdrawal is open everywhere.
                let expected = if exception.applies(*c) {
                    (LineOutcome::Denied, ReasonCode::WithdrawalException)
                } else if matches!(c, Condition::Used | Condition::Damaged) {
                    (LineOutcome::NeedsApproval, ReasonCode::LossOfValue)
                } else {
                    (LineOutcome::Approved, ReasonCode::StatutoryWithdrawal)
                };
                prop_assert_eq!((l.outcome, codes), (expected.0, vec![expected.1]));
                prop_assert!(l.fee.is_zero());
            } else if jurisdiction == Jurisdiction::RU
                && matches!(c, Condition::Unopened | Condition::Opened)
                && !excluded
            {
                // Within 9 days of a Russian store purchase the exchange right holds.
                prop_assert_eq!((l.outcome, codes), (LineOutcome::Approved, vec![ReasonCode::StatutoryExchange]));
                prop_assert!(l.fee.is_zero());
            }
        }
    }

    #[test]
    fn a_deduction_for_loss_of_value_keeps_the_money_exact(
        receipt in receipt_strategy(),
        conditions in prop::collection::vec(prop::sample::select(vec![Condition::Unopened, Condition::Used, Condition::Damaged]), 6),
        shares in prop::collection::vec(0u32..=100, 6),
        refund_to_credit in any::<bool>(),
    ) {
        // An online sale withdrawn 3 days after delivery: used and damaged lines wait for a
        // manager, who deducts a share of what each would pay.
        let receipt = Receipt { channel: Channel::Online, delivered_on: Some(purchased().date()), ..receipt };
        let lines: Vec<RequestLine> = receipt.lines.iter().zip(&conditions)
            .map(|(l, c)| RequestLine { condition: *c, ..unopened(l.line, l.qty.get()) })
            .collect();
        let resolution = if refund_to_credit { Resolution::StoreCredit } else { Resolution::Refund };
        let case = ReturnCase::new(
            purchased() + chrono::Duration::days(3),
            store(),
            Policy::default(),
            receipt,
            History::default(),
            ReturnRequest { resolution, lines },
        ).unwrap();
        let before = evaluate(&case);
        let deductions: Vec<Deduction> = before.lines.iter().zip(&shares)
            .filter(|(l, _)| l.reasons.iter().any(|r| r.code == ReasonCode::LossOfValue))
            .map(|(l, share)| Deduction {
                line: l.line,
                amount: Money::from_cents(l.refund.cents() * i64::from(*share) / 100),
                reason: "worn".into(),
            })
            .collect();
        let ruling = ManagerRuling { grant_approvals: true, deductions: deductions.clone(), ..Default::default() };
        let d = evaluate_with_ruling(&case, &ruling).unwrap();
        let zero = Money::ZERO;
        for (after, was) in d.lines.iter().zip(&before.lines) {
            prop_assert_eq!(after.outcome, LineOutcome::Approved);
            let deducted = deductions.iter().find(|x| x.line == after.line).map_or(zero, |x| x.amount);
            prop_assert_eq!(after.deduction.as_ref().map_or(zero, |x| x.amount), deducted);
            prop_assert_eq!(after.refund, was.refund - deducted);
            prop_assert_eq!(after.refund + after.fee + deducted, after.gross);
            prop_assert!(after.refund >= zero && after.vat >= zero && after.vat <= after.refund);
        }
        let deducted: Money = deductions.iter().map(|x| x.amount).sum();
        prop_assert_eq!(d.totals.deduction, deducted);
        prop_assert_eq!(d.totals.refund, d.lines.iter().map(|l| l.refund).sum::<Money>());
        prop_assert_eq!(d.totals.vat, d.lines.iter().map(|l| l.vat).sum::<Money>());
        prop_assert_eq!(d.totals.refund + d.totals.fee + d.totals.deduction, d.totals.gross);
        for t in &d.tenders { prop_assert!(t.amount.is_positive()); }
        prop_assert_eq!(d.tenders.iter().map(|t| t.amount).sum::<Money>(), d.totals.refund);
        // No more than anything deducts: one cent above a line's refund is refused.
        if let Some(first) = d.lines.iter().find(|l| l.deduction.is_some()) {
            let was = before.lines.iter().find(|l| l.line == first.line).unwrap();
            let mut over = ruling.clone();
            let i = over.deductions.iter().position(|x| x.line == first.line).unwrap();
            over.deductions[i].amount = was.refund + Money::from_cents(1);
            let refused = matches!(evaluate_with_ruling(&case, &over), Err(RulingError::DeductionAboveRefund { .. }));
            prop_assert!(refused);
        }
    }
}
