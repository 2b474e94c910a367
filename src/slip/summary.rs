//! The end-of-day refund summary of one desk, for the cash-up.

use super::format::{date, date_time, money};
use super::sheet::{Align, Cell, Sheet};
use super::view::DeskDaySummary;
use super::{document_title, store_header, Lang, Layout, SlipError};

pub(crate) fn render(summary: &DeskDaySummary, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    let words = lang.words();
    let cur = summary.currency.as_str();
    let mut sheet = Sheet::new(layout)?;
    let (body, bold, small, heading) = (sheet.body, sheet.bold, sheet.small, sheet.heading);
    store_header(&mut sheet, &summary.store, lang);
    document_title(&mut sheet, words.day_summary, None, lang);

    sheet.field(words.desk, &summary.desk);
    sheet.field(words.day, &date(summary.day, lang));
    sheet.field(words.printed, &date_time(summary.printed_at, lang));
    sheet.rule(0.5);

    sheet.pair(words.slips_issued, &summary.slip_count.to_string(), body);
    sheet.pair(words.lines_returned, &summary.line_count.to_string(), body);
    sheet.pair(words.lines_denied, &summary.denied_count.to_string(), body);
    sheet.pair(words.claims_registered, &summary.claim_count.to_string(), body);
    sheet.rule(0.5);

    sheet.text(words.refunds_by_tender, bold, Align::Left);
    if summary.refunds_by_tender.is_empty() {
        sheet.text(words.none, body, Align::Left);
    }
    for tender in &summary.refunds_by_tender {
        sheet.pair(lang.tender(tender.tender), &money(tender.amount, cur, lang), body);
    }
    sheet.rule(0.3);
    sheet.pair(words.total_refund, &money(summary.total_refund, cur, lang), heading);
    sheet.pair(words.fees_kept, &money(summary.fees, cur, lang), body);
    sheet.rule(0.5);

    sheet.text(&format!("{} ({})", words.overrides, summary.overrides.len()), bold, Align::Left);
    if summary.overrides.is_empty() {
        sheet.text(words.none, body, Align::Left);
    }
    for entry in &summary.overrides {
        sheet.pair(&entry.slip_number, &money(entry.refund, cur, lang), body);
        let who = format!("{}: {} — {}", words.manager, entry.manager, entry.reason);
        let width = sheet.width() - 8.0;
        sheet.row(&[Cell { text: &who, x: 8.0, width, align: Align::Left, style: small }]);
    }
    sheet.rule(0.5);
    sheet.signatures(&[words.clerk_signature, words.manager_signature]);
    let title = format!("{} {} {}", words.day_summary, summary.desk, date(summary.day, lang));
    Ok(sheet.finish(&title, words.page))
}
