//! Issue 14 (part C): the customer's slip of a goodwill refund — an amount paid back on a
//! receipt line, why, and to which of the receipt's tenders.

use super::format::{date_time, money};
use super::sheet::{Align, Sheet, Style, Weight};
use super::view::GoodwillDocument;
use super::{document_title, store_header, Lang, Layout, SlipError};

fn pick(lang: Lang, words: [&'static str; 4]) -> &'static str {
    match lang {
        Lang::En => words[0],
        Lang::Bg => words[1],
        Lang::Ru => words[2],
        Lang::El => words[3],
    }
}

/// A tender of the receipt, by its contract code.
fn tender(lang: Lang, code: &str) -> &'static str {
    pick(
        lang,
        match code {
            "card" => ["Card", "Банкова карта", "Банковская карта", "Κάρτα"],
            "cash" => ["Cash", "В брой", "Наличные", "Μετρητά"],
            "gift_card" => ["Gift card", "Подаръчна карта", "Подарочная карта", "Δωροκάρτα"],
            _ => ["Store credit", "Ваучер за пазаруване", "Сертификат магазина", "Πιστωτικό κουπόνι"],
        },
    )
}

pub(crate) fn render(view: &GoodwillDocument, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    super::barcode::code128_modules(&view.number)?;
    if let Some(voucher) = &view.voucher_code {
        super::barcode::code128_modules(voucher)?;
    }
    let words = lang.words();
    let mut sheet = Sheet::new(layout)?;
    let (body, bold) = (sheet.body, sheet.bold);
    store_header(&mut sheet, &view.store, lang);
    let title = pick(lang, ["Goodwill refund", "Компенсация по добра воля", "Компенсация в знак доброй воли", "Αποζημίωση καλής θέλησης"]);
    document_title(&mut sheet, title, None, lang);
    sheet.field(pick(lang, ["Number", "Номер", "Номер", "Αριθμός"]), &view.number);
    sheet.field(words.issued, &date_time(view.issued_at, lang));
    sheet.field(words.desk, &view.desk);
    sheet.field(words.manager, &view.manager);
    sheet.rule(0.5);
    sheet.field(words.receipt, &view.receipt_number);
    sheet.text(words.product, bold, Align::Left);
    sheet.text(&view.product, body, Align::Left);
    sheet.field(words.sku, &view.sku);
    sheet.rule(0.5);
    sheet.text(words.reason, bold, Align::Left);
    sheet.text(&view.reason, body, Align::Left);
    sheet.gap(4.0);
    sheet.text(words.amount, body, Align::Center);
    let big = Style { size: sheet.title.size + 6.0, weight: Weight::Bold };
    sheet.text(&money(view.amount, &view.currency, lang), big, Align::Center);
    sheet.gap(2.0);
    sheet.text(pick(lang, ["Paid back to", "Възстановено по", "Возвращено на", "Επιστροφή σε"]), bold, Align::Left);
    for (code, amount) in &view.tenders {
        sheet.field(tender(lang, code), &money(*amount, &view.currency, lang));
        if code == "store_credit" {
            if let Some(voucher) = &view.voucher_code {
                sheet.field(words.voucher_code, voucher);
            }
        }
    }
    sheet.gap(2.0);
    let note = pick(
        lang,
        [
            "This amount counts against the item: a later return of it pays at most what is left of its price.",
            "Сумата се приспада от артикула: при по-късно връщане се възстановява най-много остатъкът от цената му.",
            "Сумма засчитывается в цену товара: при его возврате позже вернут не больше оставшейся части цены.",
            "Το ποσό συμψηφίζεται με το είδος: σε μεταγενέστερη επιστροφή του καταβάλλεται το πολύ το υπόλοιπο της τιμής του.",
        ],
    );
    let small = sheet.small;
    sheet.text(note, small, Align::Left);
    sheet.gap(4.0);
    sheet.barcode(&view.number)?;
    if let Some(voucher) = &view.voucher_code {
        sheet.gap(2.0);
        sheet.text(words.voucher_code, small, Align::Center);
        sheet.barcode(voucher)?;
    }
    let title = format!("{title} {}", view.number);
    Ok(sheet.finish(&title, words.page))
}
