//! The end of day of one desk or of the whole store, for the cash-up: what the drawer gave back
//! and took per tender, store credit, fees, claims and overrides; the whole store with a section
//! per desk. On the 80 mm roll and A4.

use super::format::{date, date_time, money};
use super::sheet::{Align, Cell, Sheet};
use super::view::{CountedAmount, DayFigures, DeskDaySummary, Tender};
use super::{document_title, store_header, Lang, Layout, SlipError};
use crate::domain::Money;

/// The end of day's own words, in the four languages.
struct DayWords {
    whole_store: &'static str,
    desk_section: &'static str,
    at_the_tills: &'static str,
    of_which_returns: &'static str,
    of_which_goodwill: &'static str,
    of_which_claims: &'static str,
    of_which_exchanges: &'static str,
    money_in: &'static str,
    in_exchanges: &'static str,
    in_repairs: &'static str,
    total_in: &'static str,
    drawer: &'static str,
    credit_issued: &'static str,
    credit_redeemed: &'static str,
    dues_at_tills: &'static str,
    claims_settled: &'static str,
}

const EN: DayWords = DayWords {
    whole_store: "Whole store",
    desk_section: "Desk",
    at_the_tills: "At the tills",
    of_which_returns: "Return refunds",
    of_which_goodwill: "Goodwill",
    of_which_claims: "Warranty claim settlements",
    of_which_exchanges: "Exchange differences refunded",
    money_in: "Money taken at the desk",
    in_exchanges: "Exchange differences paid",
    in_repairs: "Paid repairs collected",
    total_in: "Total taken",
    drawer: "Drawer balance by tender (taken − paid out)",
    credit_issued: "Store credit issued",
    credit_redeemed: "Store credit redeemed",
    dues_at_tills: "Exchange amounts due paid at the tills",
    claims_settled: "Warranty claims settled",
};

const BG: DayWords = DayWords {
    whole_store: "Целият магазин",
    desk_section: "Каса",
    at_the_tills: "На касите за продажби",
    of_which_returns: "Възстановени суми за връщания",
    of_which_goodwill: "Компенсации за добра воля",
    of_which_claims: "Уредени рекламации",
    of_which_exchanges: "Върнати разлики при замяна",
    money_in: "Получени суми на касата",
    in_exchanges: "Платени разлики при замяна",
    in_repairs: "Платени ремонти",
    total_in: "Общо получено",
    drawer: "Салдо на касата по вид плащане (получено − изплатено)",
    credit_issued: "Издадени ваучери",
    credit_redeemed: "Използвани ваучери",
    dues_at_tills: "Дължими суми по замени, платени на касите",
    claims_settled: "Уредени рекламации",
};

const RU: DayWords = DayWords {
    whole_store: "Весь магазин",
    desk_section: "Касса",
    at_the_tills: "На кассах продаж",
    of_which_returns: "Возвраты по чекам",
    of_which_goodwill: "Компенсации",
    of_which_claims: "Урегулированные претензии",
    of_which_exchanges: "Возвращённые разницы при обмене",
    money_in: "Получено на кассе",
    in_exchanges: "Оплаченные разницы при обмене",
    in_repairs: "Оплаченные ремонты",
    total_in: "Всего получено",
    drawer: "Остаток кассы по видам оплаты (получено − выплачено)",
    credit_issued: "Выдано сертификатов",
    credit_redeemed: "Погашено сертификатов",
    dues_at_tills: "Доплаты по обменам, принятые на кассах",
    claims_settled: "Урегулировано претензий",
};

const EL: DayWords = DayWords {
    whole_store: "Όλο το κατάστημα",
    desk_section: "Ταμείο",
    at_the_tills: "Στα ταμεία πωλήσεων",
    of_which_returns: "Επιστροφές χρημάτων",
    of_which_goodwill: "Αποζημιώσεις καλής θέλησης",
    of_which_claims: "Διευθετήσεις εγγύησης",
    of_which_exchanges: "Διαφορές ανταλλαγής που επιστράφηκαν",
    money_in: "Εισπράξεις στο ταμείο",
    in_exchanges: "Διαφορές ανταλλαγής που πληρώθηκαν",
    in_repairs: "Πληρωμένες επισκευές",
    total_in: "Σύνολο εισπράξεων",
    drawer: "Υπόλοιπο ταμείου ανά τρόπο πληρωμής (εισπράξεις − πληρωμές)",
    credit_issued: "Πιστωτικά κουπόνια που εκδόθηκαν",
    credit_redeemed: "Πιστωτικά κουπόνια που εξαργυρώθηκαν",
    dues_at_tills: "Οφειλές ανταλλαγών που πληρώθηκαν στα ταμεία",
    claims_settled: "Αιτήματα εγγύησης που διευθετήθηκαν",
};

fn day_words(lang: Lang) -> &'static DayWords {
    lang.pick([&EN, &BG, &RU, &EL])
}

/// A tender's code in words (`cash` → Cash / В брой …); a code the desk does not know, as is.
pub(crate) fn tender_words(code: &str, lang: Lang) -> String {
    match serde_json::from_value::<Tender>(serde_json::Value::String(code.to_string())) {
        Ok(tender) => lang.tender(tender).to_string(),
        Err(_) => code.to_string(),
    }
}

pub(crate) fn render(summary: &DeskDaySummary, lang: Lang, layout: Layout) -> Result<Vec<u8>, SlipError> {
    let words = lang.words();
    let day = day_words(lang);
    let mut sheet = Sheet::new(layout)?;
    let bold = sheet.bold;
    store_header(&mut sheet, &summary.store, lang);
    document_title(&mut sheet, words.day_summary, None, lang);

    let desk = summary.desk.clone().unwrap_or_else(|| day.whole_store.to_string());
    sheet.field(words.desk, &desk);
    sheet.field(words.day, &date(summary.day, lang));
    sheet.field(words.printed, &date_time(summary.printed_at, lang));
    sheet.rule(0.8);
    figures(&mut sheet, &summary.totals, &summary.currency, lang, true);

    for section in &summary.desks {
        sheet.gap(6.0);
        sheet.rule(0.8);
        let name = match &section.desk {
            Some(code) => format!("{} {code}", day.desk_section),
            None => day.at_the_tills.to_string(),
        };
        sheet.text(&name, sheet.heading, Align::Left);
        figures(&mut sheet, section, &summary.currency, lang, false);
    }
    sheet.rule(0.8);
    sheet.text(&format!("{} ({})", words.overrides, summary.totals.overrides.len()), bold, Align::Left);
    if summary.totals.overrides.is_empty() {
        sheet.text(words.none, sheet.body, Align::Left);
    }
    for entry in &summary.totals.overrides {
        let small = sheet.small;
        sheet.pair(&entry.slip_number, &money(entry.refund.amount(), &summary.currency, lang), sheet.body);
        let desk = entry.desk.as_deref().map(|d| format!(" · {d}")).unwrap_or_default();
        let who = format!("{}: {}{desk} · {} — {}", words.manager, entry.manager, entry.code, entry.reason);
        let width = sheet.width() - 8.0;
        sheet.row(&[Cell { text: &who, x: 8.0, width, align: Align::Left, style: small }]);
    }
    sheet.rule(0.5);
    sheet.signatures(&[words.clerk_signature, words.manager_signature]);
    let title = format!("{} {} {}", words.day_summary, desk, date(summary.day, lang));
    Ok(sheet.finish(&title, words.page))
}

/// One desk's (or the store's) figures; `totals` prints every line, a desk's section leaves out
/// the lines with nothing on them.
fn figures(sheet: &mut Sheet, f: &DayFigures, cur: &str, lang: Lang, totals: bool) {
    let words = lang.words();
    let day = day_words(lang);
    let (body, bold, small, heading) = (sheet.body, sheet.bold, sheet.small, sheet.heading);
    let amount = |m: Money| money(m.amount(), cur, lang);
    let counted = |c: &CountedAmount| format!("{} · {}", c.count, money(c.total.amount(), cur, lang));
    sheet.pair(words.slips_issued, &f.slip_count.to_string(), body);
    sheet.pair(words.lines_returned, &f.line_count.to_string(), body);
    sheet.pair(words.lines_denied, &f.denied_count.to_string(), body);
    sheet.rule(0.3);

    sheet.text(words.refunds_by_tender, bold, Align::Left);
    if f.refunds_by_tender.is_empty() {
        sheet.text(words.none, body, Align::Left);
    }
    for (tender, sum) in &f.refunds_by_tender {
        sheet.pair(&tender_words(tender, lang), &amount(*sum), body);
    }
    sheet.pair(words.total_refund, &amount(f.total_refund), heading);
    for (label, sum) in [
        (day.of_which_returns, f.refunded_on_returns),
        (day.of_which_goodwill, f.goodwill_paid),
        (day.of_which_claims, f.claims_paid),
        (day.of_which_exchanges, f.exchange_differences_refunded),
    ] {
        if totals || !sum.is_zero() {
            sheet.pair_from(8.0, label, &amount(sum), small);
        }
    }
    sheet.rule(0.3);

    if totals || !f.taken_by_tender.is_empty() {
        sheet.text(day.money_in, bold, Align::Left);
        if f.taken_by_tender.is_empty() {
            sheet.text(words.none, body, Align::Left);
        }
        for (tender, sum) in &f.taken_by_tender {
            sheet.pair(&tender_words(tender, lang), &amount(*sum), body);
        }
        sheet.pair(day.total_in, &amount(f.total_taken), bold);
        for (label, sum) in [(day.in_exchanges, f.exchange_differences_paid), (day.in_repairs, f.repairs_paid)] {
            if totals || !sum.is_zero() {
                sheet.pair_from(8.0, label, &amount(sum), small);
            }
        }
        sheet.rule(0.3);
    }
    if !f.drawer_by_tender.is_empty() {
        sheet.text(day.drawer, bold, Align::Left);
        for (tender, sum) in &f.drawer_by_tender {
            sheet.pair(&tender_words(tender, lang), &amount(*sum), body);
        }
        sheet.rule(0.3);
    }

    sheet.pair(day.credit_issued, &counted(&f.store_credit_issued), body);
    sheet.pair(day.credit_redeemed, &counted(&f.store_credit_redeemed), body);
    if totals || f.exchange_dues_paid.count > 0 {
        sheet.pair(day.dues_at_tills, &counted(&f.exchange_dues_paid), body);
    }
    sheet.pair(words.fees_kept, &amount(f.fees), body);
    sheet.pair(words.claims_registered, &f.claims_opened.to_string(), body);
    sheet.pair(day.claims_settled, &f.claims_settled.to_string(), body);
}
