//! The warranty claim: the complaint-register entry the customer takes home.

use super::format::{date, date_time, money};
use super::sheet::{Align, Sheet, Style, Weight};
use super::view::{ClaimDueBasis, WarrantyClaimDocument};
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
    sheet.gap(4.0);
    sheet.field(words.remedy, lang.remedy(claim.remedy));
    sheet.field(words.basis, lang.explain(claim.basis));
    sheet.gap(2.0);
    let settle_by = date(claim.settle_by, lang);
    let emphasis = Style { size: sheet.heading.size, weight: Weight::Bold };
    match claim.claim_due_basis {
        // The law's period: a deadline.
        ClaimDueBasis::Statutory => sheet.pair(words.settle_by, &settle_by, emphasis),
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
