//! The store-credit voucher: an amount to spend in the shop before it expires.

use super::format::{date, date_time, money};
use super::sheet::{Align, Sheet, Style, Weight};
use super::view::StoreCreditVoucher;
use super::{document_title, store_header, Lang, Layout, SlipError};

pub(crate) fn render(voucher: &StoreCreditVoucher, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    super::barcode::code128_modules(&voucher.code)?;
    let words = lang.words();
    let mut sheet = Sheet::new(layout)?;
    let (body, small) = (sheet.body, sheet.small);
    store_header(&mut sheet, &voucher.store, lang);
    document_title(&mut sheet, words.voucher, None, lang);

    sheet.gap(4.0);
    sheet.text(words.amount, body, Align::Center);
    let big = Style { size: sheet.title.size + 8.0, weight: Weight::Bold };
    sheet.text(&money(voucher.amount, &voucher.currency, lang), big, Align::Center);
    sheet.gap(2.0);
    let emphasis = Style { size: sheet.heading.size, weight: Weight::Bold };
    sheet.text(
        &format!("{} {}", words.valid_until, date(voucher.expires_on, lang)),
        emphasis,
        Align::Center,
    );
    sheet.gap(4.0);
    sheet.rule(0.5);
    sheet.field(words.voucher_code, &voucher.code);
    sheet.field(words.issued, &date_time(voucher.issued_at, lang));
    if let Some(slip) = &voucher.slip_number {
        sheet.field(words.from_slip, slip);
    }
    if let Some(holder) = &voucher.holder {
        sheet.field(words.holder, holder);
    }
    sheet.rule(0.5);
    if !voucher.terms_text.trim().is_empty() {
        sheet.text(&voucher.terms_text, small, Align::Left);
    }
    sheet.gap(4.0);
    sheet.barcode(&voucher.code)?;
    let title = format!("{} {}", words.voucher, voucher.code);
    Ok(sheet.finish(&title, words.page))
}
