//! A paid repair order (issue 11, post-warranty service): the order the customer signs when the
//! item is taken in (the estimate, their acceptance, the text that the item is outside every
//! warranty), and the pick-up receipt (what was done, the price paid, how, when).

use chrono::NaiveDateTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::claim::intake_words;
use super::format::{date_time, money};
use super::sheet::{Align, Sheet, Style, Weight};
use super::view::{Customer, Store, Tender};
use super::{document_title, store_header, Lang, Layout, SlipError};

/// What the service did, as the pick-up receipt says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepairResult {
    Repaired,
    NotRepairable,
    /// The customer declined the estimate: returned without repair.
    EstimateDeclined,
}

/// The hand-back of a repair order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepairPickup {
    pub result: RepairResult,
    #[serde(default)]
    pub service_partner: Option<String>,
    #[serde(default)]
    pub finding: Option<String>,
    /// 0 when nothing was due.
    pub price_paid: Decimal,
    #[serde(default)]
    pub tender: Option<Tender>,
    pub handed_back_at: NaiveDateTime,
    /// Who handed it back.
    pub handed_back_by: String,
}

/// A paid repair order as printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepairOrderDocument {
    pub store: Store,
    /// `R-S01-2026-00001`; printed and encoded in the barcode.
    pub number: String,
    pub opened_at: NaiveDateTime,
    pub clerk: String,
    pub customer: Customer,
    pub product: String,
    #[serde(default)]
    pub serial: Option<String>,
    #[serde(default)]
    pub receipt_number: Option<String>,
    pub defect: String,
    #[serde(default)]
    pub accessories: String,
    #[serde(default)]
    pub item_state: String,
    pub estimate: Decimal,
    pub currency: String,
    /// Set once the item was handed back (the pick-up receipt).
    #[serde(default)]
    pub pickup: Option<RepairPickup>,
}

/// The words of the repair order's documents.
struct RepairWords {
    order: &'static str,
    pickup: &'static str,
    order_no: &'static str,
    taken_in: &'static str,
    estimate: &'static str,
    outside_warranty: &'static str,
    /// `{amount}` is the estimate.
    accept: &'static str,
    date: &'static str,
    service_partner: &'static str,
    finding: &'static str,
    result: &'static str,
    repaired: &'static str,
    not_repairable: &'static str,
    declined: &'static str,
    price_paid: &'static str,
    nothing_to_pay: &'static str,
    paid_by: &'static str,
    handed_back: &'static str,
    received_item: &'static str,
}

fn repair_words(lang: Lang) -> &'static RepairWords {
    [&REPAIR_EN, &REPAIR_BG, &REPAIR_RU, &REPAIR_EL][lang as usize]
}

static REPAIR_EN: RepairWords = RepairWords {
    order: "Paid repair order",
    pickup: "Repair pick-up receipt",
    order_no: "Order No.",
    taken_in: "Taken in",
    estimate: "Estimate",
    outside_warranty: "This item is outside every warranty (legal guarantee and commercial guarantee): the customer pays for the repair. This is not a warranty claim.",
    accept: "I accept the estimate of {amount}. A higher price needs my new acceptance.",
    date: "Date",
    service_partner: "Service partner",
    finding: "Service finding",
    result: "Result",
    repaired: "Repaired",
    not_repairable: "Cannot be repaired",
    declined: "Estimate declined: returned without repair",
    price_paid: "Price paid",
    nothing_to_pay: "Nothing to pay",
    paid_by: "Paid by",
    handed_back: "Handed back",
    received_item: "I received the item",
};
static REPAIR_BG: RepairWords = RepairWords {
    order: "Поръчка за платен ремонт",
    pickup: "Протокол за получаване от ремонт",
    order_no: "Поръчка №",
    taken_in: "Приета на",
    estimate: "Предварителна цена",
    outside_warranty: "Стоката е извън всяка гаранция (законова и търговска гаранция): ремонтът се заплаща от клиента. Това не е рекламация.",
    accept: "Приемам предварителната цена от {amount}. По-висока цена изисква новото ми съгласие.",
    date: "Дата",
    service_partner: "Сервизен партньор",
    finding: "Констатация на сервиза",
    result: "Резултат",
    repaired: "Ремонтирана",
    not_repairable: "Не подлежи на ремонт",
    declined: "Предварителната цена е отказана: върната без ремонт",
    price_paid: "Платена сума",
    nothing_to_pay: "Няма сума за плащане",
    paid_by: "Начин на плащане",
    handed_back: "Предадена на клиента",
    received_item: "Получих стоката",
};
static REPAIR_RU: RepairWords = RepairWords {
    order: "Заказ на платный ремонт",
    pickup: "Акт выдачи из ремонта",
    order_no: "Заказ №",
    taken_in: "Принят",
    estimate: "Предварительная стоимость",
    outside_warranty: "Товар вне всех гарантийных сроков (срок по закону и гарантийный срок): ремонт оплачивает покупатель. Это не претензия по качеству.",
    accept: "Согласен с предварительной стоимостью {amount}. Более высокая цена требует моего нового согласия.",
    date: "Дата",
    service_partner: "Сервисный центр",
    finding: "Заключение сервиса",
    result: "Результат",
    repaired: "Отремонтирован",
    not_repairable: "Ремонт невозможен",
    declined: "Покупатель отказался от ремонта: возвращён без ремонта",
    price_paid: "Оплачено",
    nothing_to_pay: "К оплате: ничего",
    paid_by: "Способ оплаты",
    handed_back: "Выдано покупателю",
    received_item: "Товар получил",
};
static REPAIR_EL: RepairWords = RepairWords {
    order: "Εντολή επισκευής επί πληρωμή",
    pickup: "Απόδειξη παραλαβής επισκευής",
    order_no: "Αρ. εντολής",
    taken_in: "Παραλαβή",
    estimate: "Εκτίμηση κόστους",
    outside_warranty: "Το είδος είναι εκτός κάθε εγγύησης (νόμιμη και εμπορική εγγύηση): την επισκευή πληρώνει ο πελάτης. Δεν πρόκειται για αίτημα εγγύησης.",
    accept: "Αποδέχομαι την εκτίμηση κόστους {amount}. Υψηλότερη τιμή απαιτεί νέα αποδοχή μου.",
    date: "Ημερομηνία",
    service_partner: "Συνεργάτης σέρβις",
    finding: "Πόρισμα σέρβις",
    result: "Αποτέλεσμα",
    repaired: "Επισκευάστηκε",
    not_repairable: "Δεν επισκευάζεται",
    declined: "Η εκτίμηση απορρίφθηκε: επιστροφή χωρίς επισκευή",
    price_paid: "Ποσό που πληρώθηκε",
    nothing_to_pay: "Καμία χρέωση",
    paid_by: "Τρόπος πληρωμής",
    handed_back: "Παραδόθηκε στον πελάτη",
    received_item: "Παρέλαβα το είδος",
};

/// The head both documents share: the store, the title, the number, the customer, the item.
fn head(sheet: &mut Sheet, doc: &RepairOrderDocument, title: &str, lang: Lang) {
    let (words, more, repair) = (lang.words(), intake_words(lang), repair_words(lang));
    store_header(sheet, &doc.store, lang);
    document_title(sheet, title, None, lang);
    sheet.field(repair.order_no, &doc.number);
    sheet.field(repair.taken_in, &date_time(doc.opened_at, lang));
    sheet.field(words.clerk, &doc.clerk);
    sheet.rule(0.5);
    let (bold, body) = (sheet.bold, sheet.body);
    sheet.text(words.customer, bold, Align::Left);
    sheet.field(words.customer, &doc.customer.name);
    if let Some(phone) = &doc.customer.phone {
        sheet.field(words.phone, phone);
    }
    if let Some(email) = &doc.customer.email {
        sheet.field(words.email, email);
    }
    sheet.rule(0.5);
    sheet.text(words.product, bold, Align::Left);
    sheet.text(&doc.product, body, Align::Left);
    if let Some(serial) = &doc.serial {
        sheet.field(words.serial, serial);
    }
    if let Some(receipt) = &doc.receipt_number {
        sheet.field(words.receipt, receipt);
    }
    sheet.field(words.defect, &doc.defect);
    if !doc.accessories.trim().is_empty() {
        sheet.field(more.accessories, &doc.accessories);
    }
    if !doc.item_state.trim().is_empty() {
        sheet.field(more.item_state, &doc.item_state);
    }
    sheet.rule(0.5);
}

/// The order the customer signs at intake.
pub(crate) fn render_order(doc: &RepairOrderDocument, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    super::barcode::code128_modules(&doc.number)?;
    let (words, repair) = (lang.words(), repair_words(lang));
    let mut sheet = Sheet::new(layout)?;
    head(&mut sheet, doc, repair.order, lang);
    let emphasis = Style { size: sheet.heading.size, weight: Weight::Bold };
    let (body, small) = (sheet.body, sheet.small);
    let estimate = money(doc.estimate, &doc.currency, lang);
    sheet.pair(repair.estimate, &estimate, emphasis);
    sheet.gap(2.0);
    sheet.text(repair.outside_warranty, small, Align::Left);
    sheet.gap(4.0);
    sheet.text(&repair.accept.replace("{amount}", &estimate), body, Align::Left);
    sheet.field(repair.date, "____________________");
    sheet.signatures(&[words.customer_signature, words.clerk_signature]);
    sheet.gap(6.0);
    sheet.barcode(&doc.number)?;
    let title = format!("{} {}", repair.order, doc.number);
    Ok(sheet.finish(&title, words.page))
}

/// The pick-up receipt: what was done, what was paid, how and when.
pub(crate) fn render_pickup(doc: &RepairOrderDocument, pickup: &RepairPickup, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    super::barcode::code128_modules(&doc.number)?;
    let (words, repair) = (lang.words(), repair_words(lang));
    let mut sheet = Sheet::new(layout)?;
    head(&mut sheet, doc, repair.pickup, lang);
    let emphasis = Style { size: sheet.heading.size, weight: Weight::Bold };
    let (bold, body) = (sheet.bold, sheet.body);
    let result = match pickup.result {
        RepairResult::Repaired => repair.repaired,
        RepairResult::NotRepairable => repair.not_repairable,
        RepairResult::EstimateDeclined => repair.declined,
    };
    sheet.field(repair.result, result);
    if let Some(partner) = &pickup.service_partner {
        sheet.field(repair.service_partner, partner);
    }
    if let Some(finding) = pickup.finding.as_deref().filter(|f| !f.trim().is_empty()) {
        sheet.text(repair.finding, bold, Align::Left);
        sheet.text(finding, body, Align::Left);
    }
    sheet.field(repair.estimate, &money(doc.estimate, &doc.currency, lang));
    sheet.rule(0.5);
    if pickup.price_paid.is_zero() {
        sheet.text(repair.nothing_to_pay, emphasis, Align::Left);
    } else {
        sheet.pair(repair.price_paid, &money(pickup.price_paid, &doc.currency, lang), emphasis);
    }
    if let Some(tender) = pickup.tender {
        sheet.field(repair.paid_by, lang.tender(tender));
    }
    sheet.field(repair.handed_back, &date_time(pickup.handed_back_at, lang));
    sheet.field(words.clerk, &pickup.handed_back_by);
    sheet.signatures(&[repair.received_item, words.clerk_signature]);
    sheet.gap(6.0);
    sheet.barcode(&doc.number)?;
    let title = format!("{} {}", repair.pickup, doc.number);
    Ok(sheet.finish(&title, words.page))
}
