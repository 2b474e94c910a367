//! Printed slips: the paper the returns counter hands out and files.
//!
//! Every document is a plain view model (see [`view`]) rendered to PDF bytes in one of
//! four languages and on one of two paper layouts: the 80 mm receipt roll (height fitted
//! to the content) or A4. Text is set in DejaVu Sans, embedded and subset; numbers that a
//! scanner must read (slip, claim and voucher numbers) are also printed as Code128 bars.
//!
//! ```no_run
//! # use returndesk::slip::{self, Lang, Layout};
//! # fn demo(view: &slip::ReturnSlip) -> Result<(), slip::SlipError> {
//! let pdf = slip::render_return_slip(view, Lang::parse("bg")?, Layout::parse("80mm")?)?;
//! slip::print(&pdf, "ReturnDeskPDF", "Return slip")?;
//! # Ok(()) }
//! ```

mod barcode;
mod claim;
// ---- Issue 14: exchanges ----
mod exchange;
mod fonts;
mod format;
mod lang;
mod print;
mod register;
mod repair;
mod return_slip;
pub mod sample;
mod sheet;
mod summary;
pub mod view;
mod voucher;
pub mod why;
// ---- Issue 14: noreceipt ----
mod goodwill;

pub use lang::Lang;
pub use print::{print, PrintJob};
pub use register::{
    basis_word, due_basis_word, register_columns, register_csv, register_title, render_register, stage_word,
};
pub use view::*;

use thiserror::Error;

/// The paper a document is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// 80 mm thermal receipt roll; the page is as long as the content.
    Roll80mm,
    /// ISO A4 sheet, 210 × 297 mm; long documents continue on further pages.
    A4,
}

impl Layout {
    /// Parses `80mm` (also `80`, `roll`) or `a4`, ignoring case.
    pub fn parse(text: &str) -> Result<Layout, SlipError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "80mm" | "80" | "roll" | "80mm-roll" => Ok(Layout::Roll80mm),
            "a4" => Ok(Layout::A4),
            _ => Err(SlipError::UnknownLayout(text.to_string())),
        }
    }

    /// The name [`Layout::parse`] accepts.
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Roll80mm => "80mm",
            Layout::A4 => "a4",
        }
    }
}

/// Why a slip could not be rendered or printed.
#[derive(Debug, Error)]
pub enum SlipError {
    #[error("unknown language {0:?} (expected en, bg, ru or el)")]
    UnknownLanguage(String),
    #[error("unknown layout {0:?} (expected 80mm or a4)")]
    UnknownLayout(String),
    #[error("cannot print {0:?} as a Code128 barcode: use printable ASCII, at least 2 characters")]
    Barcode(String),
    #[error("embedded font {0} could not be parsed")]
    Font(&'static str),
    #[error("`lp` (CUPS client) is not installed; install cups-client or cups-bsd, or run scripts/setup-cups.sh")]
    LpMissing,
    #[error("printing to {printer:?} failed (lp exit {status}): {message}")]
    Print { printer: String, status: String, message: String },
    #[error("printing to {printer:?} failed: {source}")]
    PrintIo { printer: String, source: std::io::Error },
}

/// The return slip: customer copy and store copy in one PDF (two A4 pages, or both on
/// the roll with a cut line between them).
pub fn render_return_slip(view: &ReturnSlip, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    return_slip::render(view, lang, layout)
}

/// The warranty claim (complaint register entry) handed to the customer.
pub fn render_warranty_claim(
    view: &WarrantyClaimDocument,
    lang: Lang,
    layout: Layout,
) -> Result<Vec<u8>, SlipError> {
    claim::render(view, lang, layout)
}

/// The settlement of a warranty claim (refund or price reduction paid) for the customer.
pub fn render_claim_settlement(view: &ClaimSettlementDocument, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    claim::render_settlement(view, lang, layout)
}

/// A rejected warranty claim: the reasons and the consumer's rights.
pub fn render_claim_rejection(view: &ClaimRejectionDocument, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    claim::render_rejection(view, lang, layout)
}

// ---- Issue 11: paid repair orders ----
pub use repair::{RepairOrderDocument, RepairPickup, RepairResult};

/// The paid repair order the customer signs at intake (estimate, acceptance, outside warranty).
pub fn render_repair_order(view: &RepairOrderDocument, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    repair::render_order(view, lang, layout)
}

/// The pick-up receipt of a paid repair order (what was done, the price paid, how, when).
pub fn render_repair_pickup(view: &RepairOrderDocument, pickup: &RepairPickup, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    repair::render_pickup(view, pickup, lang, layout)
}

// ---- Issue 14: exchanges ----
pub use exchange::{ExchangeDocument, ExchangeLine};

/// The exchange document: the items returned, the new items, the difference and how it was paid.
pub fn render_exchange(view: &ExchangeDocument, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    exchange::render(view, lang, layout)
}

/// The terms printed on a store-credit voucher.
pub fn voucher_terms(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Redeemable for goods in any of our shops until the expiry date. Not exchangeable for cash. Keep this voucher safe: whoever holds the code can spend it.",
        Lang::Bg => "Може да се използва за покупки във всеки наш магазин до датата на валидност. Не се заменя за пари. Пазете ваучера: който има кода, може да го използва.",
        Lang::Ru => "Можно использовать для покупок в любом нашем магазине до окончания срока. Не обменивается на деньги. Храните сертификат: воспользоваться им может любой, кто знает код.",
        Lang::El => "Εξαργυρώνεται για αγορές σε όλα τα καταστήματά μας έως τη λήξη. Δεν ανταλλάσσεται με μετρητά. Φυλάξτε το: όποιος έχει τον κωδικό μπορεί να το χρησιμοποιήσει.",
    }
}

/// A store-credit voucher with its code as a barcode.
pub fn render_store_credit_voucher(
    view: &StoreCreditVoucher,
    lang: Lang,
    layout: Layout,
) -> Result<Vec<u8>, SlipError> {
    voucher::render(view, lang, layout)
}

// ---- Issue 14: noreceipt ----
/// The customer's slip of a goodwill refund.
pub fn render_goodwill(view: &GoodwillDocument, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    goodwill::render(view, lang, layout)
}

/// The end-of-day refund summary of one desk.
pub fn render_desk_day_summary(view: &DeskDaySummary, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    summary::render(view, lang, layout)
}

/// The shop at the head of a document: name, address, registration numbers.
fn store_header(sheet: &mut sheet::Sheet, store: &Store, lang: Lang) {
    use sheet::Align;
    let words = lang.words();
    let (title, small) = (sheet.title, sheet.small);
    sheet.text(&store.name, title, Align::Center);
    for line in &store.address {
        sheet.text(line, small, Align::Center);
    }
    let (vat_label, company_label) = id_labels(store.country, lang);
    let mut ids = Vec::new();
    if !store.vat_id.trim().is_empty() {
        ids.push(format!("{vat_label}{}{}", format::NBSP, store.vat_id));
    }
    if let Some(company) = &store.company_id {
        ids.push(format!("{company_label}{}{company}", format::NBSP));
    }
    if !ids.is_empty() {
        sheet.text(&ids.join("  ·  "), small, Align::Center);
    }
    if let Some(phone) = &store.phone {
        sheet.text(&format!("{} {}", words.phone, phone.replace(' ', "\u{a0}")), small, Align::Center);
    }
}

/// The labels of a store's VAT id and company id: those of the store's country, whatever the
/// document's language (a Bulgarian shop's ids are its ЕИК and ИН по ЗДДС on a Russian slip too).
pub fn id_labels(country: Option<Jurisdiction>, lang: Lang) -> (&'static str, &'static str) {
    match country {
        Some(Jurisdiction::BG) => ("ИН по ЗДДС", "ЕИК"),
        Some(Jurisdiction::GR) => ("ΑΦΜ", "ΓΕΜΗ"),
        Some(Jurisdiction::RU) => ("ИНН", "ОГРН"),
        Some(Jurisdiction::EU) => ("VAT no.", "Company no."),
        None => (lang.words().vat_id, lang.words().company_id),
    }
}

/// The document title and, for a copy, whose copy it is.
fn document_title(sheet: &mut sheet::Sheet, title: &str, copy: Option<&str>, lang: Lang) {
    use sheet::Align;
    sheet.rule(0.8);
    sheet.gap(2.0);
    let heading = sheet::Style { size: sheet.heading.size + 1.5, weight: sheet::Weight::Bold };
    sheet.text(&capitals(title, lang), heading, Align::Center);
    if let Some(copy) = copy {
        let body = sheet.body;
        sheet.text(copy, body, Align::Center);
    }
    sheet.gap(2.0);
    sheet.rule(0.8);
}

/// A title in capitals; Greek capitals drop their accents (ΔΕΛΤΙΟ, not ΔΕΛΤΊΟ).
fn capitals(text: &str, lang: Lang) -> String {
    let upper = text.to_uppercase();
    if lang != Lang::El {
        return upper;
    }
    upper
        .chars()
        .map(|c| match c {
            'Ά' => 'Α',
            'Έ' => 'Ε',
            'Ή' => 'Η',
            'Ί' => 'Ι',
            'Ό' => 'Ο',
            'Ύ' => 'Υ',
            'Ώ' => 'Ω',
            other => other,
        })
        .collect()
}
