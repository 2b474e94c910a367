//! The complaint register an inspector reads: every claim of one store and year, as CSV (for a
//! spreadsheet) and as a PDF on A4 landscape (for the file), in the store's language.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::format::date;
use super::sheet::{Align, Cell, Sheet, Style, Weight};
use super::view::{ClaimDueBasis, DecisionCode, Remedy, Store};
use super::{Lang, SlipError};

/// One entry of the complaint register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisterLine {
    /// `S01-2026-00001`.
    pub register_number: String,
    /// Store-local date it was registered.
    pub registered_on: NaiveDate,
    pub customer_name: String,
    /// Phone or e-mail.
    pub customer_contact: String,
    pub product: String,
    #[serde(default)]
    pub serial: Option<String>,
    pub receipt_number: String,
    /// The defect in the customer's words.
    pub defect: String,
    #[serde(default)]
    pub remedy: Option<Remedy>,
    /// `LEGAL_GUARANTEE`, `COMMERCIAL_WARRANTY` or `CONSUMER_PROOF_REQUIRED`.
    pub basis: DecisionCode,
    pub due_by: NaiveDate,
    pub due_basis: ClaimDueBasis,
    /// The claim's stage or status by its wire name (`registered`, `at_service`, `open`, …).
    pub stage: String,
    /// How it ended (the settlement, the service's finding or the reasons of a rejection), if it has.
    #[serde(default)]
    pub outcome: Option<String>,
}

/// The register of one store and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisterSheet {
    pub store: Store,
    pub store_code: String,
    pub year: i32,
    pub entries: Vec<RegisterLine>,
}

fn pick<T: Copy>(lang: Lang, texts: [T; 4]) -> T {
    texts[lang as usize]
}

/// The register's title: "Complaint register" (the glossary's term).
pub fn register_title(lang: Lang) -> &'static str {
    pick(lang, ["Complaint register", "Регистър на рекламациите", "Журнал претензий", "Μητρώο αιτημάτων εγγύησης"])
}

fn year_word(lang: Lang) -> &'static str {
    pick(lang, ["Year", "Година", "Год", "Έτος"])
}

fn entries_word(lang: Lang) -> &'static str {
    pick(lang, ["Entries", "Вписвания", "Записей", "Εγγραφές"])
}

fn no_entries(lang: Lang) -> &'static str {
    pick(lang, [
        "No claims were registered in this year.",
        "През тази година няма вписани рекламации.",
        "В этом году претензии не регистрировались.",
        "Δεν καταχωρίστηκαν αιτήματα εγγύησης αυτό το έτος.",
    ])
}

/// The columns, in order: (CSV header, PDF header) are the same words.
pub fn register_columns(lang: Lang) -> [&'static str; 14] {
    match lang {
        Lang::En => [
            "Register no.", "Registered on", "Consumer", "Contact", "Product", "Serial no.", "Receipt",
            "Description of the defect", "Remedy asked", "Basis", "Settlement date", "Date set by", "Stage", "Outcome",
        ],
        Lang::Bg => [
            "Рег. №", "Дата на вписване", "Потребител", "Телефон / имейл", "Стока", "Сериен №", "Касова бележка",
            "Описание на дефекта", "Искане на потребителя", "Основание", "Дата за удовлетворяване", "Срокът е", "Етап", "Резултат",
        ],
        Lang::Ru => [
            "Рег. №", "Дата регистрации", "Потребитель", "Телефон / эл. почта", "Товар", "Серийный №", "Кассовый чек",
            "Описание недостатка", "Требование потребителя", "Основание", "Дата удовлетворения", "Срок установлен", "Этап", "Результат",
        ],
        Lang::El => [
            "Αρ. μητρώου", "Ημ/νία καταχώρισης", "Καταναλωτής", "Τηλέφωνο / email", "Προϊόν", "Σειριακός αρ.", "Απόδειξη",
            "Περιγραφή ελαττώματος", "Αίτημα καταναλωτή", "Βάση", "Ημερομηνία διευθέτησης", "Ορίζεται από", "Στάδιο", "Έκβαση",
        ],
    }
}

/// The basis of a claim in a word or two.
pub fn basis_word(lang: Lang, basis: DecisionCode) -> &'static str {
    match basis {
        DecisionCode::CommercialWarranty => pick(lang, ["Commercial guarantee", "Търговска гаранция", "Гарантийный срок", "Εμπορική εγγύηση"]),
        DecisionCode::ConsumerProofRequired => {
            pick(lang, ["Legal guarantee (consumer's proof)", "Законова гаранция (доказва потребителят)", "Срок по закону (доказывает потребитель)", "Νόμιμη εγγύηση (αποδεικνύει ο καταναλωτής)"])
        }
        _ => pick(lang, ["Legal guarantee", "Законова гаранция", "Срок по закону", "Νόμιμη εγγύηση"]),
    }
}

/// Who set the settlement date: the law or the store's target.
pub fn due_basis_word(lang: Lang, basis: ClaimDueBasis) -> &'static str {
    match basis {
        ClaimDueBasis::Statutory => pick(lang, ["by law", "по закон", "по закону", "από τον νόμο"]),
        ClaimDueBasis::StoreTarget => pick(lang, [
            "store's target (reasonable time)",
            "целева дата на магазина (разумен срок)",
            "целевая дата магазина (разумный срок)",
            "στόχος του καταστήματος (εύλογος χρόνος)",
        ]),
    }
}

/// A claim's stage (or a status of a claim from before the stages) in words; an unknown
/// name is printed as it is.
pub fn stage_word(lang: Lang, stage: &str) -> String {
    let words: [&str; 4] = match stage {
        "registered" | "open" => ["Registered", "Вписана", "Зарегистрирована", "Καταχωρίστηκε"],
        "at_service" | "in_repair" => ["At the service", "В сервиз", "В сервисе", "Στο σέρβις"],
        "back_from_service" => ["Back from the service", "Върната от сервиз", "Возвращена из сервиса", "Επέστρεψε από το σέρβις"],
        "customer_informed" => ["Consumer informed", "Потребителят е уведомен", "Потребитель уведомлён", "Ο καταναλωτής ενημερώθηκε"],
        "handed_back" => ["Handed back", "Предадена на потребителя", "Выдана потребителю", "Παραδόθηκε στον καταναλωτή"],
        "settled" | "resolved" => ["Settled", "Удовлетворена", "Удовлетворена", "Διευθετήθηκε"],
        "rejected" => ["Rejected", "Отхвърлена", "Отклонена", "Απορρίφθηκε"],
        "closed" => ["Closed", "Приключена", "Закрыта", "Έκλεισε"],
        other => return other.to_string(),
    };
    pick(lang, words).to_string()
}

/// How a claim ended, in words: the register keeps it as a code and the people's own words
/// (`rejected: <reasons>`, `repaired: <finding>`, `settled: refund`); the code is said in
/// `lang`, the words are kept as written.
pub fn outcome_words(lang: Lang, outcome: &str) -> String {
    let (code, rest) = match outcome.split_once(':') {
        Some((code, rest)) => (code.trim(), Some(rest.trim())),
        None => match outcome.split_once(' ') {
            Some((code, rest)) => (code.trim(), Some(rest.trim())),
            None => (outcome.trim(), None),
        },
    };
    let word: Option<[&str; 4]> = match code {
        "repaired" => Some(["Repaired", "Ремонтирана", "Отремонтирован", "Επισκευάστηκε"]),
        "replaced" => Some(["Replaced", "Заменена", "Заменён", "Αντικαταστάθηκε"]),
        "rejected" => Some(["Rejected", "Отхвърлена", "Отклонена", "Απορρίφθηκε"]),
        "settled" => Some(["Settled", "Удовлетворена", "Удовлетворена", "Διευθετήθηκε"]),
        "refund" => Some(["Refund", "Възстановяване на сумата", "Возврат уплаченной суммы", "Επιστροφή χρημάτων"]),
        "price_reduction" => Some(["Price reduction", "Намаляване на цената", "Уменьшение цены", "Μείωση τιμής"]),
        _ => None,
    };
    match (word, rest) {
        (Some(w), Some(rest)) if !rest.is_empty() => {
            // "settled: refund" reads "Settled: Refund" in the register's language too.
            let rest = if rest.contains(' ') { rest.to_string() } else { outcome_words(lang, rest) };
            format!("{}: {rest}", pick(lang, w))
        }
        (Some(w), _) => pick(lang, w).to_string(),
        (None, _) => outcome.to_string(),
    }
}

fn remedy_word(lang: Lang, remedy: Option<Remedy>) -> String {
    remedy.map(|r| lang.remedy(r).to_string()).unwrap_or_default()
}

/// The cells of one entry, in column order (dates as `YYYY-MM-DD` in the CSV).
fn cells(line: &RegisterLine, lang: Lang, day: impl Fn(NaiveDate) -> String) -> [String; 14] {
    [
        line.register_number.clone(),
        day(line.registered_on),
        line.customer_name.clone(),
        line.customer_contact.clone(),
        line.product.clone(),
        line.serial.clone().unwrap_or_default(),
        line.receipt_number.clone(),
        line.defect.clone(),
        remedy_word(lang, line.remedy),
        basis_word(lang, line.basis).to_string(),
        day(line.due_by),
        due_basis_word(lang, line.due_basis).to_string(),
        stage_word(lang, &line.stage),
        line.outcome.as_deref().map(|o| outcome_words(lang, o)).unwrap_or_default(),
    ]
}

/// The register as CSV (RFC 4180: CRLF, quoted where needed), UTF-8 with a byte-order mark so
/// a spreadsheet opens Cyrillic and Greek right; a header row in `lang`, one row per entry.
pub fn register_csv(sheet: &RegisterSheet, lang: Lang) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        writer.write_record(register_columns(lang)).expect("writing to memory");
        for line in &sheet.entries {
            writer.write_record(cells(line, lang, |d| d.format("%Y-%m-%d").to_string())).expect("writing to memory");
        }
        writer.flush().expect("writing to memory");
    }
    out
}

/// The printed table's columns: the CSV's, with the contact under the consumer, the serial
/// under the product and who set the date under the date.
const PRINTED: [usize; 11] = [0, 1, 2, 4, 6, 7, 8, 9, 10, 12, 13];

/// Column widths of the printed table as shares of what the whole columns leave.
const SHARES: [f32; 11] = [0.0, 0.0, 10.0, 12.0, 0.0, 16.0, 9.0, 8.0, 0.0, 8.0, 10.0];

/// Columns never cut inside a value: register number, registration date, receipt, settlement date.
const WHOLE: [usize; 4] = [0, 1, 4, 8];

fn printed_cells(line: &RegisterLine, lang: Lang) -> [String; 11] {
    let all = cells(line, lang, |d| date(d, lang));
    let below = |top: &str, under: &str| if under.is_empty() { top.to_string() } else { format!("{top}\n{under}") };
    let serial = line.serial.as_deref().map(|s| format!("{} {s}", lang.words().serial)).unwrap_or_default();
    [
        all[0].clone(),
        all[1].clone(),
        below(&all[2], &all[3]),
        below(&all[4], &serial),
        all[6].clone(),
        all[7].clone(),
        all[8].clone(),
        all[9].clone(),
        below(&all[10], &all[11]),
        all[12].clone(),
        all[13].clone(),
    ]
}

/// Where each column starts and how wide it is: no column narrower than the longest word in
/// it (header or value, within reason), the columns of [`WHOLE`] as wide as their widest
/// line, the rest of the width shared out by [`SHARES`].
fn column_spans(sheet: &Sheet, header: &[&str; 11], rows: &[[String; 11]], cell: Style, head: Style) -> Vec<(f32, f32)> {
    let gap = 4.0;
    let width = sheet.width();
    let longest = |text: &str, style: Style, unit: &dyn Fn(&str) -> Vec<String>| -> f32 {
        unit(text).iter().map(|w| sheet.measure(w, style)).fold(0.0, f32::max)
    };
    let words = |t: &str| t.split([' ', '\n']).map(str::to_string).collect::<Vec<_>>();
    let lines = |t: &str| t.split('\n').map(str::to_string).collect::<Vec<_>>();
    let mut least: Vec<f32> = (0..header.len())
        .map(|c| {
            let unit: &dyn Fn(&str) -> Vec<String> = if WHOLE.contains(&c) { &lines } else { &words };
            let values = rows.iter().map(|r| longest(&r[c], cell, unit)).fold(0.0, f32::max);
            longest(header[c], head, &words).max(values.min(width * 0.1))
        })
        .collect();
    for c in WHOLE {
        least[c] = least[c].min(width * 0.12);
    }
    let fixed: f32 = WHOLE.iter().map(|&c| least[c]).sum();
    let free: Vec<usize> = (0..header.len()).filter(|c| !WHOLE.contains(c)).collect();
    let shares: f32 = free.iter().map(|&c| SHARES[c]).sum();
    let left = (width - fixed - header.len() as f32 * gap).max(0.0);
    let mut widths = least.clone();
    for &c in &free {
        widths[c] = (left * SHARES[c] / shares).max(least[c]);
    }
    // Where the least widths overflowed the page, the shared columns give it back.
    let total: f32 = widths.iter().map(|w| w + gap).sum();
    if total > width {
        let over = total - width;
        // First from the slack above each column's least width, then evenly.
        let slack: f32 = free.iter().map(|&c| widths[c] - least[c]).sum();
        let from_slack = over.min(slack);
        for &c in &free {
            if slack > 0.0 {
                widths[c] -= from_slack * (widths[c] - least[c]) / slack;
            }
        }
        let rest = over - from_slack;
        if rest > 0.0 {
            let flexible: f32 = free.iter().map(|&c| widths[c]).sum();
            for &c in &free {
                widths[c] -= rest * widths[c] / flexible;
            }
        }
    }
    let mut x = 0.0;
    widths
        .into_iter()
        .map(|w| {
            let span = (x, w);
            x += w + gap;
            span
        })
        .collect()
}

/// The register as a PDF: A4 landscape, the title with the store and year, a table whose
/// header repeats on every page, cells wrapped, every page numbered.
pub fn render_register(sheet_view: &RegisterSheet, lang: Lang) -> Result<Vec<u8>, SlipError> {
    let mut sheet = Sheet::a4_landscape()?;
    let words = lang.words();
    let (title, body, small) = (sheet.title, sheet.body, sheet.small);
    sheet.text(&format!("{} — {}", register_title(lang), sheet_view.store.name), title, Align::Left);
    let mut about = vec![format!("{}: {}", year_word(lang), sheet_view.year), sheet_view.store_code.clone()];
    if !sheet_view.store.address.is_empty() {
        about.push(sheet_view.store.address.join(", "));
    }
    if !sheet_view.store.vat_id.trim().is_empty() {
        let (vat_label, _) = super::id_labels(sheet_view.store.country, lang);
        about.push(format!("{vat_label} {}", sheet_view.store.vat_id));
    }
    about.push(format!("{}: {}", entries_word(lang), sheet_view.entries.len()));
    sheet.text(&about.join("  ·  "), body, Align::Left);
    sheet.rule(0.8);

    let cell_style = Style { size: 7.0, weight: Weight::Regular };
    let head_style = Style { size: 7.0, weight: Weight::Bold };
    let columns = register_columns(lang);
    let header: [&str; 11] = PRINTED.map(|c| columns[c]);
    let rows: Vec<[String; 11]> = sheet_view.entries.iter().map(|line| printed_cells(line, lang)).collect();
    let spans = column_spans(&sheet, &header, &rows, cell_style, head_style);
    let write_header = |sheet: &mut Sheet| {
        let cells: Vec<Cell> = header
            .iter()
            .zip(&spans)
            .map(|(text, (x, w))| Cell { text, x: *x, width: *w, align: Align::Left, style: head_style })
            .collect();
        sheet.row(&cells);
        sheet.rule(0.6);
    };
    write_header(&mut sheet);
    if sheet_view.entries.is_empty() {
        sheet.text(no_entries(lang), small, Align::Left);
    }
    for texts in &rows {
        let pages = sheet.page_count();
        let row: Vec<Cell> = texts
            .iter()
            .zip(&spans)
            .map(|(text, (x, w))| Cell { text, x: *x, width: *w, align: Align::Left, style: cell_style })
            .collect();
        if sheet.would_break(&row) {
            sheet.new_page();
        }
        if sheet.page_count() != pages {
            write_header(&mut sheet);
        }
        sheet.row(&row);
        sheet.rule(0.2);
    }
    let title = format!("{} {} {}", register_title(lang), sheet_view.store_code, sheet_view.year);
    Ok(sheet.finish(&title, words.page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_are_said_in_the_register_language() {
        assert_eq!(outcome_words(Lang::Bg, "settled: refund"), "Удовлетворена: Възстановяване на сумата");
        assert_eq!(outcome_words(Lang::El, "rejected: scratched by the customer"), "Απορρίφθηκε: scratched by the customer");
        assert_eq!(outcome_words(Lang::Ru, "repaired: board replaced"), "Отремонтирован: board replaced");
        assert_eq!(outcome_words(Lang::En, "price_reduction"), "Price reduction");
        assert_eq!(outcome_words(Lang::Bg, "something else"), "something else");
    }
}
