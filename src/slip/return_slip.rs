//! The return slip: what came back, what was decided and why, and how the money goes back.

use rust_decimal::Decimal;

use super::format::{date, date_time, money, percent};
use super::sheet::{Align, Cell, Sheet, Style, Weight};
use super::view::{ReturnSlip, ReturnedLine};
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
    let title = format!("{} {}", words.return_slip, slip.slip_number);
    Ok(sheet.finish(&title, words.page))
}

fn copy_of(sheet: &mut Sheet, slip: &ReturnSlip, lang: Lang, copy: &str) -> Result<(), SlipError> {
    let words = lang.words();
    let (body, bold, small, heading) = (sheet.body, sheet.bold, sheet.small, sheet.heading);
    store_header(sheet, &slip.store, lang);
    document_title(sheet, words.return_slip, Some(copy), lang);

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

    // Totals of the approved lines; on A4 in the right half, under the amounts.
    let cur = slip.currency.as_str();
    let x = match sheet.layout() {
        Layout::Roll80mm => 0.0,
        Layout::A4 => sheet.width() * 0.45,
    };
    sheet.gap(2.0);
    sheet.pair_from(x, words.totals, "", bold);
    sheet.pair_from(x, words.gross, &money(slip.totals.gross, cur, lang), body);
    if let Some(leva) = slip.totals.receipt_gross {
        let label = format!("{} ({})", words.paid_in_receipt_currency, slip.receipt_currency);
        sheet.pair_from(x, &label, &money(leva, &slip.receipt_currency, lang), body);
    }
    if !slip.totals.fee.is_zero() {
        sheet.pair_from(x, words.fee, &money(-slip.totals.fee, cur, lang), body);
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
            sheet.pair_from(x, lang.tender(tender.tender), &money(tender.amount, cur, lang), body);
        }
    }
    sheet.rule(0.5);

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
    if slip.manager_override.is_some() {
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
        sheet.pair(words.fee, &money(-line.fee, cur, lang), body);
    }
    if let Some(d) = &line.deduction {
        sheet.pair(lang.loss_of_value_deduction(), &money(-d.amount, cur, lang), body);
        sheet.text(&format!("{}: {}", lang.deduction_reason(), d.reason), small, Align::Left);
    }
    sheet.pair(words.refund, &money(line.refund, cur, lang), bold);
    sheet.pair(
        &format!("{} {}", words.vat_included, percent(line.vat_rate, lang)),
        &money(line.vat, cur, lang),
        small,
    );
    decision(sheet, line, lang, 0.0);
}

/// The verdict and the basis of the decision in words.
fn decision(sheet: &mut Sheet, line: &ReturnedLine, lang: Lang, indent: f32) {
    let words = lang.words();
    let (bold, small) = (sheet.bold, sheet.small);
    let width = sheet.width() - indent;
    let verdict = format!("{}: {}", words.decision, lang.verdict(line.verdict));
    let style = Style { size: small.size + 0.5, ..bold };
    sheet.row(&[Cell { text: &verdict, x: indent, width, align: Align::Left, style }]);
    for code in &line.codes {
        let basis = format!("– {}", lang.explain(*code));
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
        let fee = money(line.fee, cur, lang);
        let refund = money(line.refund, cur, lang);
        let vat = money(line.vat, cur, lang);
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
        decision(sheet, line, lang, 20.0);
        sheet.rule(0.3);
    }
}
