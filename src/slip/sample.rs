//! Sample documents with realistic content, for previews, tests and benchmarks.

// Amounts are written in cents grouped as money (`881_32` = 881.32), which clippy reads as a
// mistyped suffix (`_32` → i32) and an odd digit grouping.
#![allow(clippy::mistyped_literal_suffixes, clippy::inconsistent_digit_grouping)]

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;

use super::view::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid sample date")
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(h, min, 0).expect("valid sample time")
}

fn money(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// A Sofia shop.
pub fn store() -> Store {
    Store {
        name: "Магазин „Техно Дом“ / Techno Dom".to_string(),
        address: vec!["бул. „Витоша“ 120, 1000 София".to_string()],
        vat_id: "BG204567891".to_string(),
        company_id: Some("204567891".to_string()),
        phone: Some("+359 2 981 2345".to_string()),
        country: Some(Jurisdiction::BG),
    }
}

/// The store's return policy in `lang` (a shop prints its own text; this is ours).
pub fn policy_text(lang: super::Lang) -> String {
    match lang {
        super::Lang::En => "Unused goods may be returned within 30 days with the receipt; opened electronics carry a restocking fee. Your statutory rights for faulty goods are not affected.",
        super::Lang::Bg => "Неизползвани стоки се връщат в 30-дневен срок с касовата бележка; за разопакована техника се удържа такса за обработка. Това не засяга правата ви по закон при несъответствие на стоката.",
        super::Lang::Ru => "Товар без следов использования можно вернуть в течение 30 дней при наличии чека; за вскрытую технику удерживается сбор за обработку. Ваши права по закону в отношении товара с недостатками не ограничиваются.",
        super::Lang::El => "Αχρησιμοποίητα προϊόντα επιστρέφονται εντός 30 ημερών με την απόδειξη· για ανοιγμένα ηλεκτρονικά ισχύει τέλος επεξεργασίας. Τα νόμιμα δικαιώματά σας για ελαττωματικά προϊόντα δεν θίγονται.",
    }
    .to_string()
}

/// A return slip of `lines` lines (at least one): the first is the opened television of
/// case 003 with its restocking fee, the rest alternate approved and denied lines.
pub fn return_slip(lines: usize, lang: super::Lang) -> ReturnSlip {
    let mut all = vec![ReturnedLine {
        line: 1,
        name: "Television 55in Acme UltraView 4K HDR with wall bracket and voice remote".to_string(),
        sku: "TV-55".to_string(),
        qty: 1,
        reason: ReturnReason::ChangeOfMind,
        condition: Condition::Opened,
        vat_rate: Decimal::from(20),
        gross: money(881_32),
        fee: money(132_20),
        refund: money(749_12),
        vat: money(124_85),
        receipt_gross: None,
        verdict: Verdict::Approved,
        codes: vec![DecisionCode::WithinReturnWindow],
        deduction: None,
        facts: None,
        claim: None,
    }];
    for n in 2..=lines.max(1) {
        let denied = n % 3 == 0;
        all.push(ReturnedLine {
            line: n as u32,
            name: if denied { "Electric shaver Brio" } else { "HDMI cable 2 m" }.to_string(),
            sku: if denied { "SHAVER-X" } else { "HDMI-2M" }.to_string(),
            qty: 1,
            reason: ReturnReason::ChangeOfMind,
            condition: if denied { Condition::Opened } else { Condition::Unopened },
            vat_rate: Decimal::from(20),
            gross: money(if denied { 78_30 } else { 9_79 }),
            fee: Decimal::ZERO,
            refund: money(if denied { 78_30 } else { 9_79 }),
            vat: money(if denied { 13_05 } else { 1_63 }),
            receipt_gross: None,
            verdict: if denied { Verdict::Denied } else { Verdict::Approved },
            codes: if denied { vec![DecisionCode::NonReturnable] } else { vec![DecisionCode::WithinReturnWindow] },
            deduction: None,
            facts: None,
            claim: None,
        });
    }
    all.truncate(lines.max(1));
    let approved = all.iter().filter(|l| l.verdict == Verdict::Approved);
    let totals = approved.fold(Totals::default(), |t, l| Totals {
        gross: t.gross + l.gross,
        fee: t.fee + l.fee,
        refund: t.refund + l.refund,
        vat: t.vat + l.vat,
        receipt_gross: None,
        deduction: t.deduction + l.deduction.as_ref().map_or(Decimal::ZERO, |d| d.amount),
    });
    let card = totals.refund.min(money(900_00));
    let mut tenders = vec![TenderAmount { tender: Tender::Card, amount: card, card_last4: Some("4242".to_string()) }];
    if totals.refund > card {
        tenders.push(TenderAmount { tender: Tender::Cash, amount: totals.refund - card, card_last4: None });
    }
    ReturnSlip {
        store: store(),
        slip_number: "RS-2026-000123".to_string(),
        issued_at: at(2026, 10, 11, 10, 0),
        desk: "S01-D2".to_string(),
        clerk: "Мария Петрова".to_string(),
        receipt_number: "S01-2026-004512".to_string(),
        receipt_date: day(2026, 10, 1),
        currency: "EUR".to_string(),
        receipt_currency: "EUR".to_string(),
        lines: all,
        totals,
        tenders,
        manager_override: Some(ManagerOverride {
            manager: "Георги Иванов".to_string(),
            reason: "Refund above the desk limit checked against the receipt".to_string(),
            approvals: vec![ApprovalCode::AmountOverLimit],
            lines: vec![],
        }),
        policy_text: policy_text(lang),
        declined: None,
    }
}

/// Case 019: a leva receipt refunded in euro (69.99 × 2 − 5.00 = 134.98 лв., one unit back).
pub fn leva_return_slip(lang: super::Lang) -> ReturnSlip {
    let line = ReturnedLine {
        line: 1,
        name: "Hand mixer Hera".to_string(),
        sku: "MIX-3".to_string(),
        qty: 1,
        reason: ReturnReason::ChangeOfMind,
        condition: Condition::Opened,
        vat_rate: Decimal::from(20),
        gross: money(34_51),
        fee: Decimal::ZERO,
        refund: money(34_51),
        vat: money(5_75),
        receipt_gross: Some(money(67_49)),
        verdict: Verdict::Approved,
        codes: vec![DecisionCode::WithinReturnWindow],
        deduction: None,
        facts: None,
        claim: None,
    };
    ReturnSlip {
        store: store(),
        slip_number: "RS-2026-000077".to_string(),
        issued_at: at(2026, 1, 10, 11, 0),
        desk: "S02-D1".to_string(),
        clerk: "Иван Колев".to_string(),
        receipt_number: "S02-000077".to_string(),
        receipt_date: day(2025, 12, 20),
        currency: "EUR".to_string(),
        receipt_currency: "BGN".to_string(),
        lines: vec![line],
        totals: Totals {
            gross: money(34_51),
            fee: Decimal::ZERO,
            refund: money(34_51),
            vat: money(5_75),
            receipt_gross: Some(money(67_49)),
            deduction: Decimal::ZERO,
        },
        tenders: vec![TenderAmount { tender: Tender::Card, amount: money(34_51), card_last4: None }],
        manager_override: None,
        policy_text: policy_text(lang),
        declined: None,
    }
}

/// A withdrawal of a used coffee grinder bought online (109.00): a manager deducted 12.50 for
/// its loss of value, 96.50 goes back to the card.
pub fn loss_of_value_return_slip(lang: super::Lang) -> ReturnSlip {
    let reason = match lang {
        super::Lang::En => "Scratched hopper, burrs used",
        super::Lang::Bg => "Надраскан съд, използвани ножове",
        super::Lang::Ru => "Поцарапан бункер, жернова в употреблении",
        super::Lang::El => "Γρατζουνισμένο δοχείο, χρησιμοποιημένα μαχαίρια",
    };
    let line = ReturnedLine {
        line: 1,
        name: "Coffee grinder Hera G2".to_string(),
        sku: "GRIND-G2".to_string(),
        qty: 1,
        reason: ReturnReason::ChangeOfMind,
        condition: Condition::Used,
        vat_rate: Decimal::from(20),
        gross: money(109_00),
        fee: Decimal::ZERO,
        refund: money(96_50),
        vat: money(16_08),
        receipt_gross: None,
        verdict: Verdict::Approved,
        codes: vec![DecisionCode::LossOfValue],
        deduction: Some(LossOfValue { amount: money(12_50), reason: reason.to_string() }),
        facts: None,
        claim: None,
    };
    ReturnSlip {
        slip_number: "RS-2026-000131".to_string(),
        receipt_number: "S01-W-2026-000815".to_string(),
        receipt_date: day(2026, 9, 28),
        receipt_currency: "EUR".to_string(),
        lines: vec![line],
        totals: Totals {
            gross: money(109_00),
            fee: Decimal::ZERO,
            refund: money(96_50),
            vat: money(16_08),
            receipt_gross: None,
            deduction: money(12_50),
        },
        tenders: vec![TenderAmount { tender: Tender::Card, amount: money(96_50), card_last4: None }],
        manager_override: Some(ManagerOverride {
            manager: "Георги Иванов".to_string(),
            reason: reason.to_string(),
            approvals: vec![],
            lines: vec![1],
        }),
        ..leva_return_slip(lang)
    }
}

/// A legal-guarantee claim for a coffee machine in Bulgaria.
pub fn warranty_claim() -> WarrantyClaimDocument {
    WarrantyClaimDocument {
        store: store(),
        jurisdiction: Jurisdiction::BG,
        register_number: "RK-2026-0042".to_string(),
        registered_at: at(2026, 10, 11, 10, 20),
        desk: "S01-D2".to_string(),
        clerk: "Мария Петрова".to_string(),
        customer: Customer {
            name: "Елена Димитрова".to_string(),
            phone: Some("+359 888 123 456".to_string()),
            email: Some("elena.dimitrova@example.bg".to_string()),
            address: Some("ул. „Шипка“ 7, 1504 София".to_string()),
        },
        product_name: "Espresso machine Barista Pro 1500 W with milk frother".to_string(),
        sku: "ESP-1500".to_string(),
        serial_number: Some("BP15-7731-0092".to_string()),
        receipt_number: "S01-2025-019877".to_string(),
        purchase_date: day(2025, 3, 14),
        price: money(1_249_90),
        currency: "EUR".to_string(),
        defect: "Помпата спира след 10 секунди и машината изключва; на дисплея излиза грешка E3.".to_string(),
        remedy: Remedy::Repair,
        basis: DecisionCode::LegalGuarantee,
        legal_until: Some(day(2027, 3, 14)),
        commercial_until: None,
        // One month from the complaint, by law.
        settle_by: day(2026, 11, 11),
        claim_due_basis: ClaimDueBasis::Statutory,
        accessories: Some("Кутия, каничка за мляко, ръководство".to_string()),
        item_state: Some("Леки драскотини отстрани, иначе запазена".to_string()),
    }
}

/// A shop in `jurisdiction`: the Sofia shop for BG, one in Athens, Vienna (EU) and Moscow.
pub fn store_in(jurisdiction: Jurisdiction) -> Store {
    match jurisdiction {
        Jurisdiction::BG => store(),
        Jurisdiction::GR => Store {
            name: "Κατάστημα «Τέχνο Ντομ» / Techno Dom".to_string(),
            address: vec!["Λεωφ. Κηφισίας 120, 115 26 Αθήνα".to_string()],
            vat_id: "EL801234567".to_string(),
            company_id: Some("123456701000".to_string()),
            phone: Some("+30 210 123 4567".to_string()),
            country: Some(Jurisdiction::GR),
        },
        Jurisdiction::EU => Store {
            name: "Techno Dom Wien".to_string(),
            address: vec!["Mariahilfer Straße 120, 1070 Wien".to_string()],
            vat_id: "ATU12345678".to_string(),
            company_id: Some("FN 123456a".to_string()),
            phone: Some("+43 1 234 5678".to_string()),
            country: Some(Jurisdiction::EU),
        },
        Jurisdiction::RU => Store {
            name: "Магазин «Техно Дом»".to_string(),
            address: vec!["ул. Тверская, д. 12, Москва, 125009".to_string()],
            vat_id: "7701234567".to_string(),
            company_id: Some("1027700123456".to_string()),
            phone: Some("+7 495 123 45 67".to_string()),
            country: Some(Jurisdiction::RU),
        },
    }
}

/// The coffee machine's claim as a shop in `jurisdiction` registers it, with the settlement
/// date its law (or, in the EU and Greece, the store's 30-day target) gives.
pub fn warranty_claim_in(jurisdiction: Jurisdiction) -> WarrantyClaimDocument {
    let bg = warranty_claim();
    match jurisdiction {
        Jurisdiction::BG => bg,
        Jurisdiction::GR => WarrantyClaimDocument {
            store: store_in(jurisdiction),
            jurisdiction,
            register_number: "GR-2026-0042".to_string(),
            customer: Customer {
                name: "Ελένη Παπαδοπούλου".to_string(),
                phone: Some("+30 694 123 4567".to_string()),
                email: Some("eleni.papadopoulou@example.gr".to_string()),
                address: Some("Ερμού 25, 105 63 Αθήνα".to_string()),
            },
            defect: "Η αντλία σταματά μετά από 10 δευτερόλεπτα και η μηχανή σβήνει· στην οθόνη εμφανίζεται το σφάλμα E3."
                .to_string(),
            // The store's target of 30 days: the law asks for a reasonable time.
            settle_by: day(2026, 11, 10),
            claim_due_basis: ClaimDueBasis::StoreTarget,
            ..bg
        },
        Jurisdiction::EU => WarrantyClaimDocument {
            store: store_in(jurisdiction),
            jurisdiction,
            register_number: "EU-2026-0042".to_string(),
            clerk: "Lukas Gruber".to_string(),
            customer: Customer {
                name: "Anna Huber".to_string(),
                phone: Some("+43 660 123 4567".to_string()),
                email: Some("anna.huber@example.at".to_string()),
                address: Some("Neubaugasse 8, 1070 Wien".to_string()),
            },
            defect: "The pump stops after 10 seconds and the machine switches off; the display shows error E3.".to_string(),
            settle_by: day(2026, 11, 10),
            claim_due_basis: ClaimDueBasis::StoreTarget,
            ..bg
        },
        Jurisdiction::RU => WarrantyClaimDocument {
            store: store_in(jurisdiction),
            jurisdiction,
            register_number: "RU-2026-0042".to_string(),
            clerk: "Ольга Кузнецова".to_string(),
            customer: Customer {
                name: "Елена Смирнова".to_string(),
                phone: Some("+7 916 123 45 67".to_string()),
                email: Some("elena.smirnova@example.ru".to_string()),
                address: Some("ул. Арбат, д. 10, кв. 5, Москва, 119002".to_string()),
            },
            price: money(89_990_00),
            currency: "RUB".to_string(),
            defect: "Помпа останавливается через 10 секунд, и машина выключается; на дисплее ошибка E3.".to_string(),
            // Repair: at most 45 days (art. 20).
            settle_by: day(2026, 11, 25),
            claim_due_basis: ClaimDueBasis::Statutory,
            ..bg
        },
    }
}

/// A store-credit voucher from a return slip.
pub fn store_credit_voucher(lang: super::Lang) -> StoreCreditVoucher {
    let terms = super::voucher_terms(lang);
    StoreCreditVoucher {
        store: store(),
        code: "SC-7Q4M-92KD".to_string(),
        amount: money(1_234_56),
        currency: "EUR".to_string(),
        issued_at: at(2026, 10, 11, 10, 5),
        expires_on: day(2027, 10, 11),
        slip_number: Some("RS-2026-000123".to_string()),
        holder: Some("Елена Димитрова".to_string()),
        terms_text: terms.to_string(),
    }
}

/// A busy day at S01: two desks, one of them settling a claim and collecting a repair.
pub fn desk_day_summary() -> DeskDaySummary {
    use crate::domain::Money;
    let m = Money::from_cents;
    let tenders = |pairs: &[(&str, i64)]| pairs.iter().map(|(t, c)| (t.to_string(), m(*c))).collect();
    let d1 = DayFigures {
        desk: Some("S01-D1".to_string()),
        slip_count: 9,
        line_count: 14,
        denied_count: 1,
        refunds_by_tender: tenders(&[("card", 1_412_40), ("cash", 162_75)]),
        total_refund: m(1_575_15),
        refunded_on_returns: m(1_525_15),
        goodwill_paid: m(50_00),
        taken_by_tender: tenders(&[("cash", 20_00)]),
        total_taken: m(20_00),
        exchange_differences_paid: m(20_00),
        drawer_by_tender: tenders(&[("card", -1_412_40), ("cash", -142_75)]),
        store_credit_issued: CountedAmount { count: 2, total: m(234_56) },
        fees: m(64_35),
        claims_opened: 1,
        overrides: vec![OverrideEntry {
            slip_number: "S01-R0000123".to_string(),
            desk: Some("S01-D1".to_string()),
            manager: "Георги Иванов".to_string(),
            code: "AMOUNT_OVER_LIMIT".to_string(),
            reason: "Refund above the desk limit checked against the receipt".to_string(),
            refund: m(758_91),
        }],
        ..DayFigures::default()
    };
    let d2 = DayFigures {
        desk: Some("S01-D2".to_string()),
        slip_count: 5,
        line_count: 9,
        denied_count: 2,
        refunds_by_tender: tenders(&[("card", 481_00), ("gift_card", 50_00)]),
        total_refund: m(531_00),
        refunded_on_returns: m(381_00),
        claims_paid: m(150_00),
        taken_by_tender: tenders(&[("card", 85_00)]),
        total_taken: m(85_00),
        repairs_paid: m(85_00),
        drawer_by_tender: tenders(&[("card", -396_00), ("gift_card", -50_00)]),
        store_credit_issued: CountedAmount { count: 1, total: m(1_000_00) },
        store_credit_redeemed: CountedAmount { count: 1, total: m(45_00) },
        fees: m(100_00),
        claims_opened: 1,
        claims_settled: 1,
        overrides: vec![OverrideEntry {
            slip_number: "S01-R0000131".to_string(),
            desk: Some("S01-D2".to_string()),
            manager: "Георги Иванов".to_string(),
            code: "OUTSIDE_RETURN_WINDOW".to_string(),
            reason: "Returned two days late after a hospital stay; doctor's note seen".to_string(),
            refund: m(45_00),
        }],
        ..DayFigures::default()
    };
    let mut totals = DayFigures::default();
    totals.add(&d1);
    totals.add(&d2);
    DeskDaySummary {
        store: store(),
        desk: None,
        day: day(2026, 10, 11),
        printed_at: at(2026, 10, 11, 20, 5),
        currency: "EUR".to_string(),
        totals,
        desks: vec![d1, d2],
    }
}

/// The claim of `jurisdiction` settled with a refund of the price, paid back to the card.
pub fn claim_settlement_in(jurisdiction: Jurisdiction) -> ClaimSettlementDocument {
    let claim = warranty_claim_in(jurisdiction);
    let currency = claim.currency.clone();
    let amount = claim.price;
    ClaimSettlementDocument {
        remedy: Remedy::Refund,
        amount,
        currency,
        tenders: vec![TenderAmount { tender: Tender::Card, amount, card_last4: None }],
        settled_at: at(2026, 11, 4, 15, 30),
        settled_by: "Георги Димитров".to_string(),
        claim,
    }
}

/// The claim of `jurisdiction` rejected on the service's finding.
pub fn claim_rejection_in(jurisdiction: Jurisdiction) -> ClaimRejectionDocument {
    let claim = warranty_claim_in(jurisdiction);
    let reasons = match jurisdiction {
        Jurisdiction::GR => "Το σέρβις διαπίστωσε ζημιά από υγρά στην πλακέτα ελέγχου· δεν πρόκειται για έλλειψη συμμόρφωσης.",
        Jurisdiction::RU => "Сервис установил повреждение платы управления жидкостью; это не недостаток товара.",
        Jurisdiction::EU => "The service found liquid damage on the control board; this is not a lack of conformity.",
        Jurisdiction::BG => "Сервизът установи повреда от течност по платката за управление; това не е несъответствие на стоката.",
    };
    ClaimRejectionDocument {
        rejected_by: RejectedBy::Service,
        service_partner: Some("ServiceTech Ltd.".to_string()),
        reasons: reasons.to_string(),
        rejected_at: at(2026, 10, 28, 11, 5),
        rejected_by_name: claim.clerk.clone(),
        claim,
    }
}

/// A year of a store's complaint register: claims in every stage, in the register's order.
pub fn register_sheet(jurisdiction: Jurisdiction) -> RegisterSheet {
    let claim = warranty_claim_in(jurisdiction);
    let code = match jurisdiction {
        Jurisdiction::BG => "S01",
        Jurisdiction::GR => "S02",
        Jurisdiction::EU => "S04",
        Jurisdiction::RU => "S03",
    };
    let stages = ["closed", "settled", "rejected", "at_service", "registered", "handed_back", "customer_informed"];
    let remedies = [Remedy::Repair, Remedy::Refund, Remedy::Replace, Remedy::Repair, Remedy::PriceReduction];
    let entries = (1..=40)
        .map(|n: u32| RegisterLine {
            register_number: format!("{code}-2026-{n:05}"),
            registered_on: day(2026, 1 + (n % 12), 1 + (n % 28)),
            customer_name: if n.is_multiple_of(3) { format!("{} {n}", claim.customer.name) } else { claim.customer.name.clone() },
            customer_contact: claim.customer.phone.clone().unwrap_or_default(),
            product: claim.product_name.clone(),
            serial: (!n.is_multiple_of(4)).then(|| format!("BP15-7731-{n:04}")),
            receipt_number: format!("{code}-2025-{:06}", 19_000 + n),
            defect: claim.defect.clone(),
            remedy: Some(remedies[n as usize % remedies.len()]),
            basis: if n.is_multiple_of(5) { DecisionCode::CommercialWarranty } else { DecisionCode::LegalGuarantee },
            due_by: day(2026, 1 + ((n + 1) % 12), 1 + (n % 28)),
            due_basis: claim.claim_due_basis,
            stage: stages[n as usize % stages.len()].to_string(),
            outcome: (n % 7 == 2).then(|| "Refund 1249.90 (card)".to_string()),
        })
        .collect();
    RegisterSheet { store: claim.store, store_code: code.to_string(), year: 2026, entries }
}
