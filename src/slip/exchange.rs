//! The exchange document (issue 14): the items returned, the new items, the difference and how
//! it was paid or given back, and the exchange number as a barcode (it is also the new
//! receipt's number: a later return of a new item scans it).

use chrono::NaiveDateTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::format::{date_time, money};
use super::sheet::{Align, Style, Weight, Sheet};
use super::view::{Store, Tender};
use super::{document_title, store_header, Lang, Layout, SlipError};

/// An item line of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeLine {
    pub name: String,
    pub sku: String,
    pub qty: u32,
    /// What the line is worth: the refund value of a returned line, the price of a new one.
    pub amount: Decimal,
    #[serde(default)]
    pub serial: Option<String>,
}

/// An exchange as printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeDocument {
    pub store: Store,
    /// `EX-S01-2026-00001`: printed and encoded in the barcode.
    pub number: String,
    pub at: NaiveDateTime,
    pub clerk: String,
    /// The original receipt.
    pub receipt_number: String,
    pub currency: String,
    pub returned: Vec<ExchangeLine>,
    pub new_items: Vec<ExchangeLine>,
    pub returned_value: Decimal,
    pub new_total: Decimal,
    /// N − V when positive, and how it was paid.
    pub paid: Decimal,
    #[serde(default)]
    pub paid_by: Option<Tender>,
    /// V − N when positive, per tender.
    pub given_back: Vec<(Tender, Decimal)>,
    /// N − V when positive and left for the till (zero when paid at the desk or none).
    #[serde(default)]
    pub due_at_till: Decimal,
    /// How the till took it, once it has.
    #[serde(default)]
    pub due_paid_by: Option<Tender>,
}

struct Words {
    title: &'static str,
    number: &'static str,
    original: &'static str,
    returned: &'static str,
    new_items: &'static str,
    returned_value: &'static str,
    new_total: &'static str,
    to_pay: &'static str,
    given_back: &'static str,
    even: &'static str,
    paid_by: &'static str,
    due_at_till: &'static str,
    pay_at_till: &'static str,
    paid_at_till: &'static str,
    note: &'static str,
}

fn words(lang: Lang) -> &'static Words {
    [&EN, &BG, &RU, &EL][lang as usize]
}

static EN: Words = Words {
    title: "Exchange",
    number: "Exchange No.",
    original: "Original receipt",
    returned: "Items returned",
    new_items: "New items",
    returned_value: "Value of the returned items",
    new_total: "Price of the new items",
    to_pay: "Paid by the customer",
    given_back: "Paid back to the customer",
    even: "No difference to pay",
    paid_by: "Paid by",
    due_at_till: "Due at the till",
    pay_at_till: "Pay it at the till with this document: the new items are yours once it is paid.",
    paid_at_till: "Paid at the till",
    note: "This document is the receipt of the new items: their return period and warranty start today. Keep it and bring it to return or claim them.",
};
static BG: Words = Words {
    title: "Замяна",
    number: "Замяна №",
    original: "Първоначална касова бележка",
    returned: "Върнати артикули",
    new_items: "Нови артикули",
    returned_value: "Стойност на върнатите артикули",
    new_total: "Цена на новите артикули",
    to_pay: "Доплатено от клиента",
    given_back: "Възстановено на клиента",
    even: "Няма разлика за плащане",
    paid_by: "Начин на плащане",
    due_at_till: "Дължимо на касата",
    pay_at_till: "Платете го на касата с този документ: новите артикули са ваши след плащането.",
    paid_at_till: "Платено на касата",
    note: "Този документ е касовата бележка за новите артикули: срокът за връщане и гаранцията им започват днес. Пазете го и го представете при връщане или рекламация.",
};
static RU: Words = Words {
    title: "Обмен",
    number: "Обмен №",
    original: "Исходный чек",
    returned: "Возвращённые товары",
    new_items: "Новые товары",
    returned_value: "Стоимость возвращённых товаров",
    new_total: "Цена новых товаров",
    to_pay: "Доплачено покупателем",
    given_back: "Возвращено покупателю",
    even: "Доплаты нет",
    paid_by: "Способ оплаты",
    due_at_till: "К оплате на кассе",
    pay_at_till: "Оплатите эту сумму на кассе с этим документом: новые товары ваши после оплаты.",
    paid_at_till: "Оплачено на кассе",
    note: "Этот документ является чеком на новые товары: срок возврата и гарантия на них начинаются сегодня. Сохраните его для возврата или претензии.",
};
static EL: Words = Words {
    title: "Ανταλλαγή",
    number: "Αρ. ανταλλαγής",
    original: "Αρχική απόδειξη",
    returned: "Είδη που επιστράφηκαν",
    new_items: "Νέα είδη",
    returned_value: "Αξία επιστρεφόμενων ειδών",
    new_total: "Τιμή νέων ειδών",
    to_pay: "Πληρώθηκε από τον πελάτη",
    given_back: "Επιστράφηκε στον πελάτη",
    even: "Καμία διαφορά προς πληρωμή",
    paid_by: "Τρόπος πληρωμής",
    due_at_till: "Οφειλόμενο στο ταμείο",
    pay_at_till: "Πληρώστε το στο ταμείο με αυτό το έγγραφο: τα νέα είδη είναι δικά σας μετά την πληρωμή.",
    paid_at_till: "Πληρώθηκε στο ταμείο",
    note: "Το έγγραφο αυτό είναι η απόδειξη των νέων ειδών: η προθεσμία επιστροφής και η εγγύησή τους ξεκινούν σήμερα. Φυλάξτε το για επιστροφή ή αίτημα εγγύησης.",
};

fn lines(sheet: &mut Sheet, title: &str, items: &[ExchangeLine], currency: &str, lang: Lang) {
    let (bold, body) = (sheet.bold, sheet.body);
    sheet.text(title, bold, Align::Left);
    for l in items {
        sheet.pair(&format!("{} × {}", l.qty, l.name), &money(l.amount, currency, lang), body);
        let serial = l.serial.as_deref().map(|s| format!(" · S/N {s}")).unwrap_or_default();
        sheet.text(&format!("{}{serial}", l.sku), sheet.small, Align::Left);
    }
    sheet.rule(0.5);
}

/// The exchange document, A4 or 80 mm.
pub(crate) fn render(doc: &ExchangeDocument, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    super::barcode::code128_modules(&doc.number)?;
    let (common, w) = (lang.words(), words(lang));
    let mut sheet = Sheet::new(layout)?;
    store_header(&mut sheet, &doc.store, lang);
    document_title(&mut sheet, w.title, None, lang);
    sheet.field(w.number, &doc.number);
    sheet.field(common.date_time, &date_time(doc.at, lang));
    sheet.field(w.original, &doc.receipt_number);
    sheet.field(common.clerk, &doc.clerk);
    sheet.rule(0.5);
    lines(&mut sheet, w.returned, &doc.returned, &doc.currency, lang);
    lines(&mut sheet, w.new_items, &doc.new_items, &doc.currency, lang);
    let body = sheet.body;
    let emphasis = Style { size: sheet.heading.size, weight: Weight::Bold };
    sheet.pair(w.returned_value, &money(doc.returned_value, &doc.currency, lang), body);
    sheet.pair(w.new_total, &money(doc.new_total, &doc.currency, lang), body);
    if !doc.paid.is_zero() {
        sheet.pair(w.to_pay, &money(doc.paid, &doc.currency, lang), emphasis);
        if let Some(t) = doc.paid_by {
            sheet.field(w.paid_by, lang.tender(t));
        }
    } else if !doc.due_at_till.is_zero() {
        sheet.pair(w.due_at_till, &money(doc.due_at_till, &doc.currency, lang), emphasis);
        match doc.due_paid_by {
            Some(t) => sheet.field(w.paid_at_till, lang.tender(t)),
            None => sheet.text(w.pay_at_till, body, Align::Left),
        }
    } else if !doc.given_back.is_empty() {
        let total: Decimal = doc.given_back.iter().map(|(_, a)| *a).sum();
        sheet.pair(w.given_back, &money(total, &doc.currency, lang), emphasis);
        for (t, a) in &doc.given_back {
            sheet.pair(lang.tender(*t), &money(*a, &doc.currency, lang), body);
        }
    } else {
        sheet.text(w.even, emphasis, Align::Left);
    }
    sheet.gap(4.0);
    sheet.text(w.note, sheet.small, Align::Left);
    sheet.signatures(&[common.customer_signature, common.clerk_signature]);
    sheet.gap(6.0);
    sheet.barcode(&doc.number)?;
    let title = format!("{} {}", w.title, doc.number);
    Ok(sheet.finish(&title, common.page))
}
