//! The warranty claim: the complaint-register entry the customer takes home.

use super::format::{date, date_time, money};
use super::sheet::{Align, Sheet, Style, Weight};
use super::view::{
    ClaimDueBasis, ClaimRejectionDocument, ClaimSettlementDocument, Jurisdiction, RejectedBy, Remedy, WarrantyClaimDocument,
};
use super::{document_title, store_header, Lang, Layout, SlipError};

pub(crate) fn render(claim: &WarrantyClaimDocument, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    super::barcode::code128_modules(&claim.register_number)?;
    let words = lang.words();
    let mut sheet = Sheet::new(layout)?;
    let (body, bold, small) = (sheet.body, sheet.bold, sheet.small);
    store_header(&mut sheet, &claim.store, lang);
    document_title(&mut sheet, words.warranty_claim, None, lang);

    sheet.field(words.register_no, &claim.register_number);
    sheet.field(words.registered_on, &date_time(claim.registered_at, lang));
    sheet.field(words.desk, &claim.desk);
    sheet.field(words.clerk, &claim.clerk);
    sheet.rule(0.5);

    sheet.text(words.customer, bold, Align::Left);
    sheet.field(words.customer, &claim.customer.name);
    if let Some(phone) = &claim.customer.phone {
        sheet.field(words.phone, phone);
    }
    if let Some(email) = &claim.customer.email {
        sheet.field(words.email, email);
    }
    if let Some(address) = &claim.customer.address {
        sheet.field(words.address, address);
    }
    sheet.rule(0.5);

    sheet.text(words.product, bold, Align::Left);
    sheet.text(&claim.product_name, body, Align::Left);
    sheet.field(words.sku, &claim.sku);
    if let Some(serial) = &claim.serial_number {
        sheet.field(words.serial, serial);
    }
    sheet.field(words.receipt, &claim.receipt_number);
    sheet.field(words.purchased, &date(claim.purchase_date, lang));
    sheet.field(words.price, &money(claim.price, &claim.currency, lang));
    if let Some(until) = claim.legal_until {
        sheet.field(words.legal_until, &date(until, lang));
    }
    if let Some(until) = claim.commercial_until {
        sheet.field(words.commercial_until, &date(until, lang));
    }
    sheet.rule(0.5);

    sheet.text(words.defect, bold, Align::Left);
    sheet.text(&claim.defect, body, Align::Left);
    if let Some(accessories) = claim.accessories.as_deref().filter(|a| !a.trim().is_empty()) {
        sheet.field(intake_words(lang).accessories, accessories);
    }
    if let Some(state) = claim.item_state.as_deref().filter(|a| !a.trim().is_empty()) {
        sheet.field(intake_words(lang).item_state, state);
    }
    sheet.gap(4.0);
    sheet.field(words.remedy, lang.remedy(claim.remedy));
    sheet.field(words.basis, lang.explain(claim.basis));
    sheet.gap(2.0);
    let settle_by = date(claim.settle_by, lang);
    let emphasis = Style { size: sheet.heading.size, weight: Weight::Bold };
    match claim.claim_due_basis {
        // The law's period: a deadline.
        ClaimDueBasis::Statutory => {
            sheet.pair(words.settle_by, &settle_by, emphasis);
            if let Some(period) = statutory_period(lang, claim.jurisdiction, claim.remedy) {
                let small = sheet.small;
                sheet.text(period, small, Align::Left);
            }
        }
        // The store's target where the law asks for a reasonable time: never a deadline.
        ClaimDueBasis::StoreTarget => {
            let target = format!("{} {}", words.settle_within, lang.settle_target(&settle_by));
            sheet.text(&target, emphasis, Align::Left);
        }
    }
    sheet.rule(0.5);

    sheet.text(lang.claim_law(claim.jurisdiction), small, Align::Left);
    sheet.signatures(&[words.customer_signature, words.clerk_signature]);
    sheet.gap(6.0);
    sheet.barcode(&claim.register_number)?;
    let title = format!("{} {}", words.warranty_claim, claim.register_number);
    Ok(sheet.finish(&title, words.page))
}

fn pick<T: Copy>(lang: Lang, texts: [T; 4]) -> T {
    texts[lang as usize]
}

/// The words of the claim's later documents (intake extras, settlement, rejection).
pub(crate) struct ClaimWords {
    pub accessories: &'static str,
    pub item_state: &'static str,
    pub settlement: &'static str,
    pub rejection: &'static str,
    pub settled_on: &'static str,
    pub settled_by: &'static str,
    pub paid: &'static str,
    pub rejected_on: &'static str,
    pub rejected_by: &'static str,
    pub by_store: &'static str,
    pub by_service: &'static str,
    pub reasons: &'static str,
    pub rights: &'static str,
    pub manager_signature: &'static str,
}

pub(crate) fn intake_words(lang: Lang) -> &'static ClaimWords {
    pick(lang, [&CLAIM_EN, &CLAIM_BG, &CLAIM_RU, &CLAIM_EL])
}

static CLAIM_EN: ClaimWords = ClaimWords {
    accessories: "Accessories handed in",
    item_state: "State of the item",
    settlement: "Warranty claim settlement",
    rejection: "Warranty claim rejection",
    settled_on: "Settled on",
    settled_by: "Settled by",
    paid: "Paid back",
    rejected_on: "Rejected on",
    rejected_by: "Rejected by",
    by_store: "the store",
    by_service: "the service, on its finding",
    reasons: "Reasons",
    rights: "Your rights",
    manager_signature: "Manager (signature)",
};
static CLAIM_BG: ClaimWords = ClaimWords {
    accessories: "Предадени принадлежности",
    item_state: "Състояние на стоката",
    settlement: "Удовлетворяване на рекламация",
    rejection: "Отказ по рекламация",
    settled_on: "Удовлетворена на",
    settled_by: "Удовлетворена от",
    paid: "Изплатено",
    rejected_on: "Отказано на",
    rejected_by: "Отказано от",
    by_store: "магазина",
    by_service: "сервиза, според констатацията му",
    reasons: "Мотиви",
    rights: "Вашите права",
    manager_signature: "Управител (подпис)",
};
static CLAIM_RU: ClaimWords = ClaimWords {
    accessories: "Переданная комплектация",
    item_state: "Состояние товара",
    settlement: "Удовлетворение претензии по качеству",
    rejection: "Отказ по претензии по качеству",
    settled_on: "Удовлетворена",
    settled_by: "Удовлетворил",
    paid: "Выплачено",
    rejected_on: "Дата отказа",
    rejected_by: "Отказал",
    by_store: "магазин",
    by_service: "сервис, по результатам проверки",
    reasons: "Причины",
    rights: "Ваши права",
    manager_signature: "Управляющий (подпись)",
};
static CLAIM_EL: ClaimWords = ClaimWords {
    accessories: "Παραδοθέντα εξαρτήματα",
    item_state: "Κατάσταση του είδους",
    settlement: "Διευθέτηση αιτήματος εγγύησης",
    rejection: "Απόρριψη αιτήματος εγγύησης",
    settled_on: "Διευθετήθηκε στις",
    settled_by: "Διευθετήθηκε από",
    paid: "Καταβλήθηκε",
    rejected_on: "Απορρίφθηκε στις",
    rejected_by: "Απορρίφθηκε από",
    by_store: "το κατάστημα",
    by_service: "το σέρβις, κατά το πόρισμά του",
    reasons: "Αιτιολογία",
    rights: "Τα δικαιώματά σας",
    manager_signature: "Υπεύθυνος (υπογραφή)",
};

/// Which period of the law the statutory date is (what `claim_law` says of it), or `None`
/// where the date is the store's target.
pub(crate) fn statutory_period(lang: Lang, jurisdiction: Jurisdiction, remedy: Remedy) -> Option<&'static str> {
    Some(match (jurisdiction, remedy) {
        (Jurisdiction::BG, _) => pick(lang, [
            "By law: one month from the complaint (ЗПЦСЦУПС).",
            "По закон: един месец от предявяването на рекламацията (ЗПЦСЦУПС).",
            "По закону: один месяц со дня предъявления претензии (ЗПЦСЦУПС).",
            "Από τον νόμο: ένας μήνας από την υποβολή του αιτήματος (ЗПЦСЦУПС).",
        ]),
        (Jurisdiction::RU, Remedy::Repair) => pick(lang, [
            "By law: at most 45 days (art. 20, Закон РФ «О защите прав потребителей»).",
            "По закон: не повече от 45 дни (чл. 20, Закон РФ «О защите прав потребителей»).",
            "По закону: не более 45 дней (ст. 20 Закона РФ «О защите прав потребителей»).",
            "Από τον νόμο: έως 45 ημέρες (άρθρο 20, Закон РФ «О защите прав потребителей»).",
        ]),
        (Jurisdiction::RU, Remedy::Replace) => pick(lang, [
            "By law: 7 days; 20 days where a quality check is needed; one month where no item is in stock (art. 21, Закон РФ «О защите прав потребителей»).",
            "По закон: 7 дни; 20 дни при проверка на качеството; един месец, ако няма стока за замяна (чл. 21, Закон РФ «О защите прав потребителей»).",
            "По закону: 7 дней; 20 дней при проверке качества; один месяц при отсутствии товара для замены (ст. 21 Закона РФ «О защите прав потребителей»).",
            "Από τον νόμο: 7 ημέρες· 20 ημέρες αν χρειάζεται έλεγχος ποιότητας· ένας μήνας αν δεν υπάρχει είδος (άρθρο 21, Закон РФ «О защите прав потребителей»).",
        ]),
        (Jurisdiction::RU, Remedy::Refund | Remedy::PriceReduction) => pick(lang, [
            "By law: 10 days (art. 22, Закон РФ «О защите прав потребителей»).",
            "По закон: 10 дни (чл. 22, Закон РФ «О защите прав потребителей»).",
            "По закону: 10 дней (ст. 22 Закона РФ «О защите прав потребителей»).",
            "Από τον νόμο: 10 ημέρες (άρθρο 22, Закон РФ «О защите прав потребителей»).",
        ]),
        (Jurisdiction::GR | Jurisdiction::EU, _) => return None,
    })
}

/// What a consumer may do about a rejected claim: the consumer protection authority of the
/// jurisdiction (or a court); the statutory rights stay as the statute paragraph says.
pub(crate) fn rejection_rights(lang: Lang, jurisdiction: Jurisdiction) -> &'static str {
    match jurisdiction {
        Jurisdiction::BG => pick(lang, [
            "If you do not agree with this rejection, you may take the matter to the Commission for Consumer Protection (КЗП) or to a court. This rejection does not limit your statutory rights.",
            "Ако не сте съгласни с този отказ, можете да се обърнете към Комисията за защита на потребителите (КЗП) или към съда. Този отказ не ограничава правата ви по закон.",
            "Если вы не согласны с отказом, вы можете обратиться в Комиссию по защите потребителей Болгарии (КЗП) или в суд. Этот отказ не ограничивает ваши права по закону.",
            "Αν διαφωνείτε με την απόρριψη, μπορείτε να απευθυνθείτε στην Επιτροπή Προστασίας Καταναλωτών της Βουλγαρίας (КЗП) ή στο δικαστήριο. Η απόρριψη δεν περιορίζει τα νόμιμα δικαιώματά σας.",
        ]),
        Jurisdiction::GR => pick(lang, [
            "If you do not agree with this rejection, you may take the matter to the Consumer Ombudsman (Συνήγορος του Καταναλωτή), to the General Secretariat of Commerce and Consumer Protection (ΓΓΕΠΚ) or to a court. This rejection does not limit your statutory rights.",
            "Ако не сте съгласни с този отказ, можете да се обърнете към Омбудсмана на потребителите (Συνήγορος του Καταναλωτή), към Генералния секретариат по търговията и защитата на потребителите (ΓΓΕΠΚ) или към съда. Този отказ не ограничава правата ви по закон.",
            "Если вы не согласны с отказом, вы можете обратиться к Уполномоченному по правам потребителей (Συνήγορος του Καταναλωτή), в Генеральный секретариат торговли и защиты потребителей (ΓΓΕΠΚ) или в суд. Этот отказ не ограничивает ваши права по закону.",
            "Αν διαφωνείτε με την απόρριψη, μπορείτε να απευθυνθείτε στον Συνήγορο του Καταναλωτή, στη Γενική Γραμματεία Εμπορίου και Προστασίας Καταναλωτή (ΓΓΕΠΚ) ή στο δικαστήριο. Η απόρριψη δεν περιορίζει τα νόμιμα δικαιώματά σας.",
        ]),
        Jurisdiction::RU => pick(lang, [
            "If you do not agree with this rejection, you may take the matter to Rospotrebnadzor (Роспотребнадзор) or to a court. This rejection does not limit your statutory rights.",
            "Ако не сте съгласни с този отказ, можете да се обърнете към Роспотребнадзор или към съда. Този отказ не ограничава правата ви по закон.",
            "Если вы не согласны с отказом, вы можете обратиться в Роспотребнадзор или в суд. Этот отказ не ограничивает ваши права по закону.",
            "Αν διαφωνείτε με την απόρριψη, μπορείτε να απευθυνθείτε στη Ροσποτρεμπνάντζορ (Роспотребнадзор) ή στο δικαστήριο. Η απόρριψη δεν περιορίζει τα νόμιμα δικαιώματά σας.",
        ]),
        Jurisdiction::EU => pick(lang, [
            "If you do not agree with this rejection, you may take the matter to the consumer protection authority of your country or to a court. This rejection does not limit your statutory rights.",
            "Ако не сте съгласни с този отказ, можете да се обърнете към органа за защита на потребителите във вашата държава или към съда. Този отказ не ограничава правата ви по закон.",
            "Если вы не согласны с отказом, вы можете обратиться в орган по защите прав потребителей вашей страны или в суд. Этот отказ не ограничивает ваши права по закону.",
            "Αν διαφωνείτε με την απόρριψη, μπορείτε να απευθυνθείτε στην αρχή προστασίας των καταναλωτών της χώρας σας ή στο δικαστήριο. Η απόρριψη δεν περιορίζει τα νόμιμα δικαιώματά σας.",
        ]),
    }
}

/// The head every claim document shares: the store, the title, the register number, the
/// consumer and the product.
fn claim_head(sheet: &mut Sheet, claim: &WarrantyClaimDocument, title: &str, lang: Lang) {
    let words = lang.words();
    let bold = sheet.bold;
    store_header(sheet, &claim.store, lang);
    document_title(sheet, title, None, lang);
    sheet.field(words.register_no, &claim.register_number);
    sheet.field(words.registered_on, &date_time(claim.registered_at, lang));
    sheet.rule(0.5);
    sheet.text(words.customer, bold, Align::Left);
    sheet.field(words.customer, &claim.customer.name);
    if let Some(phone) = &claim.customer.phone {
        sheet.field(words.phone, phone);
    }
    if let Some(email) = &claim.customer.email {
        sheet.field(words.email, email);
    }
    sheet.rule(0.5);
    sheet.text(words.product, bold, Align::Left);
    let body = sheet.body;
    sheet.text(&claim.product_name, body, Align::Left);
    if let Some(serial) = &claim.serial_number {
        sheet.field(words.serial, serial);
    }
    sheet.field(words.receipt, &claim.receipt_number);
    sheet.field(words.purchased, &date(claim.purchase_date, lang));
    sheet.field(words.defect, &claim.defect);
    sheet.field(words.remedy, lang.remedy(claim.remedy));
    sheet.rule(0.5);
}

/// The settlement of a claim: what was paid back (refund or price reduction), how and when.
pub(crate) fn render_settlement(doc: &ClaimSettlementDocument, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    let claim = &doc.claim;
    super::barcode::code128_modules(&claim.register_number)?;
    let (words, more) = (lang.words(), intake_words(lang));
    let mut sheet = Sheet::new(layout)?;
    claim_head(&mut sheet, claim, more.settlement, lang);
    let emphasis = Style { size: sheet.heading.size, weight: Weight::Bold };
    let (bold, body, small) = (sheet.bold, sheet.body, sheet.small);
    sheet.text(lang.remedy(doc.remedy), bold, Align::Left);
    sheet.pair(more.paid, &money(doc.amount, &doc.currency, lang), emphasis);
    for tender in &doc.tenders {
        sheet.pair(lang.tender(tender.tender), &money(tender.amount, &doc.currency, lang), body);
    }
    sheet.field(more.settled_on, &date_time(doc.settled_at, lang));
    sheet.field(more.settled_by, &doc.settled_by);
    sheet.rule(0.5);
    sheet.text(lang.claim_law(claim.jurisdiction), small, Align::Left);
    sheet.signatures(&[words.customer_signature, more.manager_signature]);
    sheet.gap(6.0);
    sheet.barcode(&claim.register_number)?;
    let title = format!("{} {}", more.settlement, claim.register_number);
    Ok(sheet.finish(&title, words.page))
}

/// A rejected claim: who refused it and why, and what the consumer may do about it.
pub(crate) fn render_rejection(doc: &ClaimRejectionDocument, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    let claim = &doc.claim;
    super::barcode::code128_modules(&claim.register_number)?;
    let (words, more) = (lang.words(), intake_words(lang));
    let mut sheet = Sheet::new(layout)?;
    claim_head(&mut sheet, claim, more.rejection, lang);
    let (bold, body, small) = (sheet.bold, sheet.body, sheet.small);
    let by = match (doc.rejected_by, &doc.service_partner) {
        (RejectedBy::Store, _) => more.by_store.to_string(),
        (RejectedBy::Service, Some(partner)) => format!("{} ({partner})", more.by_service),
        (RejectedBy::Service, None) => more.by_service.to_string(),
    };
    sheet.field(more.rejected_by, &by);
    sheet.field(more.rejected_on, &date_time(doc.rejected_at, lang));
    sheet.field(words.clerk, &doc.rejected_by_name);
    sheet.gap(2.0);
    sheet.text(more.reasons, bold, Align::Left);
    sheet.text(&doc.reasons, body, Align::Left);
    sheet.rule(0.5);
    sheet.text(more.rights, bold, Align::Left);
    sheet.text(rejection_rights(lang, claim.jurisdiction), body, Align::Left);
    sheet.gap(3.0);
    sheet.text(lang.claim_law(claim.jurisdiction), small, Align::Left);
    sheet.signatures(&[words.customer_signature, words.clerk_signature]);
    sheet.gap(6.0);
    sheet.barcode(&claim.register_number)?;
    let title = format!("{} {}", more.rejection, claim.register_number);
    Ok(sheet.finish(&title, words.page))
}
