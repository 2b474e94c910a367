//! Why a line was decided as it was, in the sentences the desk's screen shows (ui/src/lib/explain.ts
//! and the `why_*` messages), with the facts of the case: "Bought 47 days ago; electronics can be
//! returned within 14 days."

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::format::{date, days, percent};
use super::view::DecisionCode;
use super::Lang;

/// The facts behind a line's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineFacts {
    pub days_since_purchase: i64,
    pub return_days: u32,
    pub window_end: NaiveDate,
    #[serde(default)]
    pub withdrawal_end: Option<NaiveDate>,
    #[serde(default)]
    pub legal_until: Option<NaiveDate>,
    #[serde(default)]
    pub commercial_until: Option<NaiveDate>,
    /// The product's category as the store names it (`electronics`, …).
    pub category: String,
    /// Units of the line still returnable before this return.
    pub left: u32,
    /// The restocking fee of the item's rules, in percent.
    pub restocking_fee_pct: Decimal,
}

/// A category as the sentences of `lang` take it (the screen's `cat_in_*`).
fn category(name: &str, lang: Lang) -> String {
    let known: Option<[&str; 4]> = match name {
        "electronics" => Some(["electronics", "електроника", "электронику", "τα ηλεκτρονικά"]),
        "accessories" => Some(["accessories", "аксесоари", "аксессуары", "τα αξεσουάρ"]),
        "personal_care" => Some(["personal care items", "продукти за лична хигиена", "товары личной гигиены", "τα είδη προσωπικής υγιεινής"]),
        "consumables" => Some(["consumables", "консумативи", "расходные материалы", "τα αναλώσιμα"]),
        "appliances" => Some(["appliances", "уреди", "бытовую технику", "τις συσκευές"]),
        "clothing" | "apparel" => Some(["clothing", "облекло", "одежду", "τα ρούχα"]),
        "toys" => Some(["toys", "играчки", "игрушки", "τα παιχνίδια"]),
        "" => Some(["this item", "този артикул", "этот товар", "αυτό το είδος"]),
        _ => None,
    };
    match known {
        Some(words) => lang.pick(words).to_string(),
        None => {
            let name = name.replace('_', " ");
            match lang {
                Lang::En => format!("items in the category “{name}”"),
                Lang::Bg => format!("стоки от категория „{name}“"),
                Lang::Ru => format!("товары категории «{name}»"),
                Lang::El => format!("τα προϊόντα της κατηγορίας «{name}»"),
            }
        }
    }
}

/// The sentence for one reason code of a line, with its facts; without facts, the code's general
/// sentence ([`Lang::explain`]).
pub fn sentence(code: DecisionCode, facts: Option<&LineFacts>, lang: Lang) -> String {
    use DecisionCode::*;
    let Some(f) = facts else { return lang.explain(code).to_string() };
    let ago = days(f.days_since_purchase, lang);
    let within = days(i64::from(f.return_days), lang);
    let cat = category(&f.category, lang);
    let day = |d: Option<NaiveDate>| d.map_or_else(|| "—".to_string(), |d| date(d, lang));
    match code {
        WithinReturnWindow => {
            let end = date(f.window_end, lang);
            match lang {
                Lang::En => format!("Bought {ago} ago; {cat} can be returned within {within} (until {end})."),
                Lang::Bg => format!("Купено преди {ago}; магазинът приема обратно {cat} в срок от {within} (до {end})."),
                Lang::Ru => format!("Куплено {ago} назад; {cat} можно вернуть в срок {within} (до {end})."),
                Lang::El => format!("Αγοράστηκε πριν από {ago}· το κατάστημα δέχεται πίσω {cat} μέσα σε {within} (έως {end})."),
            }
        }
        ReturnWindowExpired => match lang {
            Lang::En => format!("Bought {ago} ago; {cat} can be returned within {within}."),
            Lang::Bg => format!("Купено преди {ago}; магазинът приема обратно {cat} в срок от {within}."),
            Lang::Ru => format!("Куплено {ago} назад; {cat} можно вернуть в срок {within}."),
            Lang::El => format!("Αγοράστηκε πριν από {ago}· το κατάστημα δέχεται πίσω {cat} μέσα σε {within}."),
        },
        NonReturnable => match lang {
            Lang::En => format!("Under the store’s rules, {cat} cannot be returned unless defective."),
            Lang::Bg => format!("По правилата на магазина връщане на {cat} се приема само при дефект."),
            Lang::Ru => format!("По правилам магазина {cat} без недостатков обратно не принимают."),
            Lang::El => format!("Σύμφωνα με την πολιτική του καταστήματος, δεν γίνεται δεκτή επιστροφή για {cat}, εκτός αν υπάρχει ελάττωμα."),
        },
        WarrantyExpired => {
            let until = day(f.legal_until);
            match lang {
                Lang::En => format!("Bought {ago} ago; the legal guarantee ended on {until} and no commercial guarantee is left."),
                Lang::Bg => format!("Купено преди {ago}; законовата гаранция е изтекла на {until} и няма търговска гаранция."),
                Lang::Ru => format!("Куплено {ago} назад; срок по закону закончился {until}, гарантийного срока нет."),
                Lang::El => format!("Αγοράστηκε πριν από {ago}· η νόμιμη εγγύηση έληξε στις {until} και δεν υπάρχει εμπορική εγγύηση."),
            }
        }
        QtyExceedsRemaining => {
            let left = f.left;
            match lang {
                Lang::En => format!("More than is left on the receipt: {left} can still be returned."),
                Lang::Bg => format!("Повече от оставащото по бележката: могат да се върнат още {left}."),
                Lang::Ru => format!("Больше, чем осталось по чеку: можно вернуть ещё {left}."),
                Lang::El => format!("Περισσότερα από όσα απομένουν στην απόδειξη: μπορούν να επιστραφούν ακόμη {left}."),
            }
        }
        LegalGuarantee => {
            let until = day(f.legal_until);
            match lang {
                Lang::En => format!("Past the return period, but covered by the legal guarantee until {until}: a warranty claim is registered."),
                Lang::Bg => format!("Срокът за връщане е изтекъл, но има законова гаранция до {until}: завежда се рекламация."),
                Lang::Ru => format!("Срок возврата прошёл, но действует срок по закону до {until}: оформляется претензия по качеству."),
                Lang::El => format!("Η προθεσμία επιστροφής έληξε, αλλά ισχύει η νόμιμη εγγύηση έως {until}: καταχωρίζεται αίτημα εγγύησης."),
            }
        }
        CommercialWarranty => {
            let until = day(f.commercial_until);
            match lang {
                Lang::En => format!("The commercial guarantee runs until {until}: a warranty claim is registered."),
                Lang::Bg => format!("Има търговска гаранция до {until}: завежда се рекламация."),
                Lang::Ru => format!("Гарантийный срок действует до {until}: оформляется претензия по качеству."),
                Lang::El => format!("Η εμπορική εγγύηση ισχύει έως {until}: καταχωρίζεται αίτημα εγγύησης."),
            }
        }
        StatutoryWithdrawal => {
            let until = day(f.withdrawal_end);
            match lang {
                Lang::En => format!("Bought online: withdrawal is possible until {until}, with no fee."),
                Lang::Bg => format!("Купено онлайн: отказ от договора е възможен до {until}, без такса."),
                Lang::Ru => format!("Куплено онлайн: отказ от товара возможен до {until}, без удержаний."),
                Lang::El => format!("Αγορά online: υπαναχώρηση έως {until}, χωρίς τέλος."),
            }
        }
        DefectWithinReturnWindow => match lang {
            Lang::En => format!("Defective and still within the {within} return period: full refund, no fee."),
            Lang::Bg => format!("Дефектна стока в срока за връщане от {within}: цялата сума се възстановява, без такса."),
            Lang::Ru => format!("Недостаток заявлен в срок возврата ({within}): полный возврат, без удержаний."),
            Lang::El => format!("Ελαττωματικό και εντός της προθεσμίας επιστροφής ({within}): πλήρης επιστροφή χρημάτων, χωρίς τέλος."),
        },
        other => lang.explain(other).to_string(),
    }
}

/// The title of a declined return's slip.
pub fn declined_title(lang: Lang) -> &'static str {
    lang.pick(["Return declined", "Отказано връщане", "Отказ в возврате", "Απόρριψη επιστροφής"])
}

/// A line's decision on a declined return.
pub fn declined_verdict(lang: Lang) -> &'static str {
    lang.pick(["Declined by the manager", "Отказано от управителя", "Отклонено управляющим", "Απορρίφθηκε από τον υπεύθυνο"])
}

/// The head of the block that says who declined and why.
pub fn declined_by(lang: Lang) -> &'static str {
    lang.pick(["Declined by", "Отказал", "Отклонил", "Απορρίφθηκε από"])
}

/// The label of the manager's reason.
pub fn managers_reason(lang: Lang) -> &'static str {
    lang.pick(["Manager’s reason", "Основание на управителя", "Основание отказа", "Αιτιολογία υπευθύνου"])
}

/// What a declined return pays back.
pub fn nothing_paid_back(lang: Lang) -> &'static str {
    lang.pick(["Nothing is paid back.", "Не се възстановява сума.", "Деньги не возвращаются.", "Δεν επιστρέφονται χρήματα."])
}

/// Why a fee was kept, after the return period's sentence: "Opened, so a 15% restocking fee applies."
pub fn fee_applies(pct: Option<Decimal>, lang: Lang) -> String {
    let pct = pct.map_or_else(|| "?".to_string(), |p| percent(p, lang));
    match lang {
        Lang::En => format!("Opened, so a {pct} restocking fee applies."),
        Lang::Bg => format!("Разопакован е, затова се удържа такса за обработка {pct}."),
        Lang::Ru => format!("Упаковка вскрыта, поэтому удерживается сбор за обработку {pct}."),
        Lang::El => format!("Έχει ανοιχτεί, οπότε ισχύει τέλος επεξεργασίας {pct}."),
    }
}

/// The restocking fee named with its rate: "Restocking fee 15%".
pub fn restocking_fee(pct: Option<Decimal>, lang: Lang) -> String {
    let name = lang.pick(["Restocking fee", "Такса за обработка", "Сбор за обработку", "Τέλος επεξεργασίας"]);
    match pct {
        Some(p) if !p.is_zero() => format!("{name} {}", percent(p, lang)),
        _ => name.to_string(),
    }
}

/// The restocking fees of all the lines (the totals).
pub fn restocking_fees(lang: Lang) -> &'static str {
    lang.pick(["Restocking fees", "Такси за обработка", "Сборы за обработку", "Τέλη επεξεργασίας"])
}

/// The totals' first line: the price of every item brought back, as printed above.
pub fn price_of_items(lang: Lang) -> &'static str {
    lang.pick(["Price of the items brought back", "Цена на върнатите артикули", "Стоимость возвращённых товаров", "Τιμή των ειδών που επιστράφηκαν"])
}

/// What of that price is not paid back: lines denied, sent to a manager or registered as a claim.
pub fn not_paid_back(lang: Lang) -> &'static str {
    lang.pick(["Not paid back (lines not approved)", "Не се възстановява (неодобрени редове)", "Не возвращается (неодобренные строки)", "Δεν επιστρέφεται (μη εγκεκριμένες γραμμές)"])
}
