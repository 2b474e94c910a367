//! The return slip: what came back, what was decided and why, and how the money goes back.

use rust_decimal::Decimal;

use super::format::{date, date_time, money, percent};
use super::sheet::{Align, Cell, Sheet, Style, Weight};
use super::view::{ClaimDueBasis, Declined, ReturnSlip, ReturnedLine, TenderAmount, Verdict};
use super::why;
use super::{document_title, store_header, Lang, Layout, SlipError};

pub(crate) fn render(slip: &ReturnSlip, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    // Fail before drawing anything when the number cannot be a barcode.
    super::barcode::code128_modules(&slip.slip_number)?;
    let words = lang.words();
    let mut sheet = Sheet::new(layout)?;
    for (i, copy) in [words.customer_copy, words.store_copy].into_iter().enumerate() {
        if i > 0 {
            match layout {
                Layout::Roll80mm => sheet.cut_line(words.cut_here),
                Layout::A4 => sheet.new_page(),
            }
        }
        copy_of(&mut sheet, slip, lang, copy)?;
    }
    let title = format!("{} {}", title_of(slip, lang), slip.slip_number);
    Ok(sheet.finish(&title, words.page))
}

fn copy_of(sheet: &mut Sheet, slip: &ReturnSlip, lang: Lang, copy: &str) -> Result<(), SlipError> {
    let words = lang.words();
    let (bold, small) = (sheet.bold, sheet.small);
    store_header(sheet, &slip.store, lang);
    document_title(sheet, title_of(slip, lang), Some(copy), lang);

    sheet.field(words.slip_no, &slip.slip_number);
    sheet.field(words.date_time, &date_time(slip.issued_at, lang));
    sheet.field(words.desk, &slip.desk);
    sheet.field(words.clerk, &slip.clerk);
    sheet.field(words.receipt, &slip.receipt_number);
    sheet.field(words.purchased, &date(slip.receipt_date, lang));
    sheet.rule(0.5);

    match sheet.layout() {
        Layout::Roll80mm => {
            for line in &slip.lines {
                roll_line(sheet, slip, line, lang);
                sheet.rule(0.3);
            }
        }
        Layout::A4 => a4_lines(sheet, slip, lang),
    }

    // Where nothing is paid back (every line denied or registered as a claim), no totals: each
    // line above says why.
    // The lines end with their own rule: a second one only closes a block printed under them
    // (a claim-only slip printed a double rule where the totals would be).
    if let Some(declined) = &slip.declined {
        declined_block(sheet, declined, lang);
        sheet.rule(0.5);
    } else if slip.lines.iter().any(|l| l.verdict == Verdict::Approved) || !slip.tenders.is_empty() {
        totals(sheet, slip, lang);
        sheet.rule(0.5);
    }

    if let Some(grant) = &slip.manager_override {
        sheet.text(words.manager_override, bold, Align::Left);
        sheet.field(words.manager, &grant.manager);
        sheet.field(words.override_reason, &grant.reason);
        for approval in &grant.approvals {
            sheet.text(&format!("• {}", lang.approval(*approval)), small, Align::Left);
        }
        if !grant.lines.is_empty() {
            let lines: Vec<String> = grant.lines.iter().map(u32::to_string).collect();
            sheet.field(words.overridden_lines, &lines.join(", "));
        }
        sheet.rule(0.5);
    }

    let mut signatures = vec![words.customer_signature, words.clerk_signature];
    if slip.manager_override.is_some() || slip.declined.is_some() {
        signatures.push(words.manager_signature);
    }
    sheet.signatures(&signatures);
    sheet.gap(6.0);

    if !slip.policy_text.trim().is_empty() {
        sheet.text(words.return_policy, Style { weight: Weight::Bold, ..small }, Align::Left);
        sheet.text(&slip.policy_text, small, Align::Left);
    }
    sheet.barcode(&slip.slip_number)
}

/// The slip's title: a return slip, or a declined return's.
fn title_of(slip: &ReturnSlip, lang: Lang) -> &'static str {
    match slip.declined {
        Some(_) => why::declined_title(lang),
        None => lang.words().return_slip,
    }
}

/// Who declined the return and why; nothing is paid back.
fn declined_block(sheet: &mut Sheet, declined: &Declined, lang: Lang) {
    let words = lang.words();
    let (bold, small, heading) = (sheet.bold, sheet.small, sheet.heading);
    sheet.gap(2.0);
    sheet.text(why::nothing_paid_back(lang), heading, Align::Left);
    sheet.field(why::declined_by(lang), &format!("{} ({})", declined.manager, words.manager.to_lowercase()));
    sheet.field(why::managers_reason(lang), &declined.reason);
    for approval in &declined.approvals {
        sheet.text(&format!("• {}", lang.approval(*approval)), small, Align::Left);
    }
    let _ = bold;
}

/// The money of the slip and how it goes back.
fn totals(sheet: &mut Sheet, slip: &ReturnSlip, lang: Lang) {
    let words = lang.words();
    let (body, bold, small, heading) = (sheet.body, sheet.bold, sheet.small, sheet.heading);
    // Totals of the approved lines; on A4 in the right half, under the amounts.
    let cur = slip.currency.as_str();
    let x = match sheet.layout() {
        Layout::Roll80mm => 0.0,
        Layout::A4 => sheet.width() * 0.45,
    };
    // They add up to the lines printed above: the price of every line, less what is not paid
    // back (lines denied or registered as claims), the fees and the deductions, is the refund.
    let printed: Decimal = slip.lines.iter().map(|l| l.gross).sum();
    sheet.gap(2.0);
    sheet.pair_from(x, words.totals, "", bold);
    sheet.pair_from(x, why::price_of_items(lang), &money(printed, cur, lang), body);
    if printed != slip.totals.gross {
        sheet.pair_from(x, why::not_paid_back(lang), &money(-(printed - slip.totals.gross), cur, lang), body);
    }
    if let Some(leva) = slip.totals.receipt_gross {
        let label = format!("{} ({})", words.paid_in_receipt_currency, slip.receipt_currency);
        sheet.pair_from(x, &label, &money(leva, &slip.receipt_currency, lang), body);
    }
    if !slip.totals.fee.is_zero() {
        sheet.pair_from(x, why::restocking_fees(lang), &money(-slip.totals.fee, cur, lang), body);
    }
    if !slip.totals.deduction.is_zero() {
        sheet.pair_from(x, lang.loss_of_value_deduction(), &money(-slip.totals.deduction, cur, lang), body);
    }
    sheet.pair_from(x, words.total_refund, &money(slip.totals.refund, cur, lang), heading);
    sheet.pair_from(x, words.vat_included, &money(slip.totals.vat, cur, lang), small);
    if slip.receipt_currency != slip.currency {
        sheet.row(&[Cell { text: words.fixed_rate, x, width: sheet.width() - x, align: Align::Left, style: small }]);
    }
    if slip.totals.refund > Decimal::ZERO || !slip.tenders.is_empty() {
        sheet.gap(4.0);
        sheet.pair_from(x, words.paid_back, "", bold);
        for tender in &slip.tenders {
            sheet.pair_from(x, &tender_words(tender, lang), &money(tender.amount, cur, lang), body);
        }
    }
}

/// One line on the roll: the name, then its facts, then its money flush right.
fn roll_line(sheet: &mut Sheet, slip: &ReturnSlip, line: &ReturnedLine, lang: Lang) {
    let words = lang.words();
    let cur = slip.currency.as_str();
    let (body, bold, small) = (sheet.body, sheet.bold, sheet.small);
    sheet.text(&format!("{}. {}", line.line, line.name), bold, Align::Left);
    sheet.text(
        &format!("{}: {}  ·  {}: {}", words.sku, line.sku, words.qty, line.qty),
        small,
        Align::Left,
    );
    sheet.text(
        &format!(
            "{}: {}  ·  {}: {}",
            words.reason,
            lang.reason(line.reason),
            words.condition,
            lang.condition(line.condition)
        ),
        small,
        Align::Left,
    );
    sheet.pair(words.gross, &money(line.gross, cur, lang), body);
    if let Some(leva) = line.receipt_gross {
        let label = format!("{} ({})", words.paid_in_receipt_currency, slip.receipt_currency);
        sheet.pair(&label, &money(leva, &slip.receipt_currency, lang), small);
    }
    if !line.fee.is_zero() {
        sheet.pair(&why::restocking_fee(fee_pct(line), lang), &money(-line.fee, cur, lang), body);
    }
    if let Some(d) = &line.deduction {
        sheet.pair(lang.loss_of_value_deduction(), &money(-d.amount, cur, lang), body);
        sheet.text(&format!("{}: {}", lang.deduction_reason(), d.reason), small, Align::Left);
    }
    // Only an approved line of a return not declined pays back; the others print their price and why.
    if line.verdict == Verdict::Approved && slip.declined.is_none() {
        sheet.pair(words.refund, &money(line.refund, cur, lang), bold);
        sheet.pair(
            &format!("{} {}", words.vat_included, percent(line.vat_rate, lang)),
            &money(line.vat, cur, lang),
            small,
        );
    }
    decision(sheet, line, slip.declined.as_ref(), lang, 0.0);
    claim_note(sheet, line, lang, 0.0);
}

/// The restocking fee's rate: the item's rule, or what the fee is of the price.
fn fee_pct(line: &ReturnedLine) -> Option<Decimal> {
    match &line.facts {
        Some(f) if !f.restocking_fee_pct.is_zero() => Some(f.restocking_fee_pct),
        _ if !line.gross.is_zero() => Some((line.fee * Decimal::from(100) / line.gross).round_dp(1).normalize()),
        _ => None,
    }
}

/// How a tender is paid back: `Card ••••1234` for a card whose last digits are known.
fn tender_words(tender: &TenderAmount, lang: Lang) -> String {
    match &tender.card_last4 {
        Some(last4) if !last4.trim().is_empty() => format!("{} ••••{}", lang.tender(tender.tender), last4.trim()),
        _ => lang.tender(tender.tender).to_string(),
    }
}

/// A line registered as a warranty claim: its number, the remedy asked, the date it is due.
fn claim_note(sheet: &mut Sheet, line: &ReturnedLine, lang: Lang, indent: f32) {
    let Some(claim) = &line.claim else { return };
    let words = lang.words();
    let small = sheet.small;
    let width = sheet.width() - indent;
    let due = date(claim.settle_by, lang);
    let due = match claim.claim_due_basis {
        ClaimDueBasis::Statutory => format!("{}: {due}", words.settle_by),
        ClaimDueBasis::StoreTarget => format!("{} {}", words.settle_within, lang.settle_target(&due)),
    };
    for text in [
        format!("{}: {}", words.register_no, claim.register_number),
        format!("{}: {}", words.remedy, lang.remedy(claim.remedy)),
        due,
    ] {
        sheet.row(&[Cell { text: &text, x: indent, width, align: Align::Left, style: bold_small(small) }]);
    }
}

/// The verdict and the basis of the decision in words; on a declined return, the manager's
/// refusal and reason first.
fn decision(sheet: &mut Sheet, line: &ReturnedLine, declined: Option<&Declined>, lang: Lang, indent: f32) {
    let words = lang.words();
    let (bold, small) = (sheet.bold, sheet.small);
    let width = sheet.width() - indent;
    let verdict = match declined {
        Some(_) => format!("{}: {}", words.decision, why::declined_verdict(lang)),
        None => format!("{}: {}", words.decision, lang.verdict(line.verdict)),
    };
    let style = Style { size: small.size + 0.5, ..bold };
    sheet.row(&[Cell { text: &verdict, x: indent, width, align: Align::Left, style }]);
    if let Some(declined) = declined {
        let reason = format!("– {}: {}", why::managers_reason(lang), declined.reason);
        sheet.row(&[Cell { text: &reason, x: indent, width, align: Align::Left, style: bold_small(small) }]);
    }
    for code in &line.codes {
        let mut basis = format!("– {}", why::sentence(*code, line.facts.as_ref(), lang));
        // As the screen says it: the fee of an opened item within the return period.
        if *code == super::view::DecisionCode::WithinReturnWindow && !line.fee.is_zero() {
            basis = format!("{basis} {}", why::fee_applies(fee_pct(line), lang));
        }
        sheet.row(&[Cell { text: &basis, x: indent, width, align: Align::Left, style: small }]);
    }
}

fn bold_small(small: Style) -> Style {
    Style { weight: Weight::Bold, ..small }
}

/// A4: the lines as a table with one column per amount.
fn a4_lines(sheet: &mut Sheet, slip: &ReturnSlip, lang: Lang) {
    let words = lang.words();
    let cur = slip.currency.as_str();
    let (body, bold, small) = (sheet.body, sheet.bold, sheet.small);
    let head = Style { weight: Weight::Bold, ..small };
    // (x, width, align) of: #, item, qty, price, fee, refund, VAT.
    let columns: [(f32, f32, Align); 7] = [
        (0.0, 16.0, Align::Left),
        (20.0, 182.0, Align::Left),
        (206.0, 32.0, Align::Right),
        (242.0, 66.0, Align::Right),
        (312.0, 56.0, Align::Right),
        (372.0, 66.0, Align::Right),
        (442.0, sheet.width() - 442.0, Align::Right),
    ];
    let row = |sheet: &mut Sheet, texts: [&str; 7], styles: [Style; 7]| {
        let cells: Vec<Cell> = columns
            .iter()
            .zip(texts)
            .zip(styles)
            .map(|((&(x, width, align), text), style)| Cell { text, x, width, align, style })
            .collect();
        sheet.row(&cells);
    };
    row(
        sheet,
        ["#", words.item, words.qty, words.gross, words.fee, words.refund, words.vat],
        [head; 7],
    );
    sheet.rule(0.5);
    for line in &slip.lines {
        let number = line.line.to_string();
        let qty = line.qty.to_string();
        let gross = money(line.gross, cur, lang);
        let approved = line.verdict == Verdict::Approved && slip.declined.is_none();
        let paid = |amount: Decimal| if approved { money(amount, cur, lang) } else { "—".to_string() };
        let (fee, refund, vat) = (paid(line.fee), paid(line.refund), paid(line.vat));
        row(
            sheet,
            [&number, &line.name, &qty, &gross, &fee, &refund, &vat],
            [body, bold, body, body, body, bold, body],
        );
        let mut facts = format!(
            "{}: {}  ·  {}: {}  ·  {}: {}  ·  {} {}",
            words.sku,
            line.sku,
            words.reason,
            lang.reason(line.reason),
            words.condition,
            lang.condition(line.condition),
            words.vat,
            percent(line.vat_rate, lang)
        );
        if let Some(leva) = line.receipt_gross {
            facts.push_str(&format!(
                "  ·  {} ({}): {}",
                words.paid_in_receipt_currency,
                slip.receipt_currency,
                money(leva, &slip.receipt_currency, lang)
            ));
        }
        if !line.fee.is_zero() {
            facts.push_str(&format!("  ·  {}", why::restocking_fee(fee_pct(line), lang)));
        }
        sheet.row(&[Cell { text: &facts, x: 20.0, width: sheet.width() - 20.0, align: Align::Left, style: small }]);
        if let Some(d) = &line.deduction {
            let deducted = format!(
                "{}: {}  ·  {}: {}",
                lang.loss_of_value_deduction(),
                money(-d.amount, cur, lang),
                lang.deduction_reason(),
                d.reason
            );
            sheet.row(&[Cell { text: &deducted, x: 20.0, width: sheet.width() - 20.0, align: Align::Left, style: bold_small(small) }]);
        }
        decision(sheet, line, slip.declined.as_ref(), lang, 20.0);
        claim_note(sheet, line, lang, 20.0);
        sheet.rule(0.3);
    }
}
