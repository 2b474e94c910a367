//! Every word printed on a slip, in English, Bulgarian, Russian and Greek.

use super::view::{ApprovalCode, Condition, DecisionCode, Jurisdiction, Remedy, ReturnReason, Tender, Verdict};
use super::SlipError;

/// The language a document is printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Bg,
    Ru,
    El,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Bg, Lang::Ru, Lang::El];

    /// Parses an ISO 639-1 code (`en`, `bg`, `ru`, `el`; `gr` is taken as Greek too),
    /// ignoring case and a region suffix such as `bg-BG`.
    pub fn parse(code: &str) -> Result<Lang, SlipError> {
        let lower = code.trim().to_ascii_lowercase();
        let primary = lower.split(['-', '_']).next().unwrap_or_default();
        match primary {
            "en" => Ok(Lang::En),
            "bg" => Ok(Lang::Bg),
            "ru" => Ok(Lang::Ru),
            "el" | "gr" => Ok(Lang::El),
            _ => Err(SlipError::UnknownLanguage(code.to_string())),
        }
    }

    /// The store's own return policy in a sentence, for the foot of a slip.
    pub fn return_policy(self, return_days: u32) -> String {
        match self {
            Lang::En => format!("Unused goods may be returned within {return_days} days with the receipt; some goods have their own terms and opened items may carry a restocking fee. Your statutory rights for faulty goods are not affected."),
            Lang::Bg => format!("Неизползвани стоки се връщат в {return_days}-дневен срок с касовата бележка; за някои стоки важат особени условия, а за разопаковани може да се удържи такса за обработка. Това не засяга правата ви по закон при несъответствие на стоката."),
            Lang::Ru => format!("Товар без следов использования можно вернуть в течение {return_days} дней при наличии чека; для некоторых товаров действуют особые условия, за вскрытый товар может удерживаться сбор за обработку. Ваши права по закону в отношении товара с недостатками не ограничиваются."),
            Lang::El => format!("Αχρησιμοποίητα προϊόντα επιστρέφονται εντός {return_days} ημερών με την απόδειξη· για ορισμένα προϊόντα ισχύουν ειδικοί όροι και για ανοιγμένα μπορεί να ισχύει τέλος επεξεργασίας. Τα νόμιμα δικαιώματά σας για ελαττωματικά προϊόντα δεν θίγονται."),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Bg => "bg",
            Lang::Ru => "ru",
            Lang::El => "el",
        }
    }

    pub(crate) fn words(self) -> &'static Words {
        match self {
            Lang::En => &EN,
            Lang::Bg => &BG,
            Lang::Ru => &RU,
            Lang::El => &EL,
        }
    }

    /// Picks the text for this language out of `[en, bg, ru, el]`.
    pub(crate) fn pick<T: Copy>(self, texts: [T; 4]) -> T {
        texts[self as usize]
    }

    /// A return reason in words.
    pub fn reason(self, reason: ReturnReason) -> &'static str {
        self.pick(match reason {
            ReturnReason::ChangeOfMind => ["Change of mind", "По желание на клиента", "По желанию покупателя", "Αλλαγή γνώμης"],
            ReturnReason::Defective => ["Defective", "Дефектна стока", "Недостаток товара", "Ελαττωματικό"],
            ReturnReason::NotAsDescribed => [
                "Not as described",
                "Не отговаря на описанието",
                "Не соответствует описанию",
                "Δεν αντιστοιχεί στην περιγραφή",
            ],
            ReturnReason::WrongItem => ["Wrong item", "Грешен артикул", "Не тот товар", "Λάθος είδος"],
        })
    }

    /// An item condition in words.
    pub fn condition(self, condition: Condition) -> &'static str {
        self.pick(match condition {
            Condition::Unopened => ["Unopened", "Неразопакован", "Упаковка не вскрыта", "Σφραγισμένο"],
            Condition::Opened => ["Opened", "Разопакован", "Упаковка вскрыта", "Ανοιγμένο"],
            Condition::Used => ["Used", "Използван", "Был в употреблении", "Χρησιμοποιημένο"],
            Condition::Damaged => ["Damaged", "Повреден", "Повреждён", "Με φθορές"],
        })
    }

    /// A tender in words.
    pub fn tender(self, tender: Tender) -> &'static str {
        self.pick(match tender {
            Tender::Card => ["Card", "Банкова карта", "Банковская карта", "Κάρτα"],
            Tender::Cash => ["Cash", "В брой", "Наличные", "Μετρητά"],
            Tender::GiftCard => ["Gift card", "Подаръчна карта", "Подарочная карта", "Δωροκάρτα"],
            Tender::StoreCredit => ["Store credit", "Ваучер за пазаруване", "Сертификат магазина", "Πιστωτικό κουπόνι"],
            Tender::Exchange => [
                "Exchange for another item",
                "Замяна с друг артикул",
                "Обмен на другой товар",
                "Ανταλλαγή με άλλο είδος",
            ],
        })
    }

    /// A verdict in words.
    pub fn verdict(self, verdict: Verdict) -> &'static str {
        self.pick(match verdict {
            Verdict::Approved => ["Approved", "Одобрено", "Одобрено", "Εγκρίθηκε"],
            Verdict::Denied => ["Denied", "Отказано", "Отказано", "Απορρίφθηκε"],
            Verdict::NeedsApproval => [
                "Needs manager approval",
                "Изисква одобрение от управител",
                "Требует согласования управляющего",
                "Απαιτεί έγκριση υπευθύνου",
            ],
            Verdict::WarrantyClaim => ["Warranty claim", "Рекламация", "Претензия по качеству", "Αίτημα εγγύησης"],
        })
    }

    /// A remedy in words.
    pub fn remedy(self, remedy: Remedy) -> &'static str {
        self.pick(match remedy {
            Remedy::Repair => ["Repair", "Ремонт", "Безвозмездный ремонт", "Επισκευή"],
            Remedy::Replace => [
                "Replacement with the same item",
                "Замяна със същата стока",
                "Замена на такой же товар",
                "Αντικατάσταση με ίδιο είδος",
            ],
            Remedy::PriceReduction => [
                "Price reduction",
                "Намаляване на цената",
                "Соразмерное уменьшение цены",
                "Μείωση τιμής",
            ],
            Remedy::Refund => [
                "Refund",
                "Възстановяване на платената сума",
                "Возврат уплаченной суммы",
                "Επιστροφή χρημάτων",
            ],
        })
    }

    /// A case-level approval in words.
    pub fn approval(self, code: ApprovalCode) -> &'static str {
        self.pick(match code {
            ApprovalCode::AmountOverLimit => [
                "Amount over the approval limit",
                "Сума над лимита за одобрение",
                "Сумма выше лимита согласования",
                "Ποσό πάνω από το όριο έγκρισης",
            ],
            ApprovalCode::FrequentReturns => ["Frequent returns", "Чести връщания", "Частые возвраты", "Συχνές επιστροφές"],
        })
    }

    /// The basis of a decision, in words a customer understands. A store's rule says so; the
    /// law is named only where the law is the reason.
    pub fn explain(self, code: DecisionCode) -> &'static str {
        use DecisionCode::*;
        self.pick(match code {
            WithinReturnWindow => [
                "Returned within the store’s return period.",
                "Върнато в срока за връщане на магазина.",
                "Возвращено в срок возврата, установленный магазином.",
                "Επιστράφηκε εντός της προθεσμίας επιστροφής του καταστήματος.",
            ],
            StatutoryWithdrawal => [
                "Withdrawal from a distance purchase within the statutory period; no fee.",
                "Отказ от договора от разстояние в законовия срок; без такса.",
                "Отказ от товара, купленного дистанционно, в срок по закону; без удержаний.",
                "Υπαναχώρηση από αγορά εξ αποστάσεως εντός της νόμιμης προθεσμίας· χωρίς τέλος.",
            ],
            StatutoryExchange => [
                "Statutory exchange within 14 days (art. 25 of the Russian consumer law); the money is paid back only where no similar item is in stock; no fee.",
                "Законова замяна в 14-дневен срок (чл. 25 от руския закон за защита на потребителите); сумата се връща само ако няма аналогична стока; без такса.",
                "Обмен товара надлежащего качества в течение 14 дней (ст. 25 Закона РФ «О защите прав потребителей»); деньги возвращаются только при отсутствии аналогичного товара; без удержаний.",
                "Νόμιμη ανταλλαγή εντός 14 ημερών (άρθρο 25 του ρωσικού νόμου για την προστασία των καταναλωτών)· επιστροφή χρημάτων μόνο αν δεν υπάρχει όμοιο είδος· χωρίς τέλος.",
            ],
            DefectWithinReturnWindow => [
                "Defect reported within the return period: full refund, no fee.",
                "Несъответствие, заявено в срока за връщане: цялата сума, без такса.",
                "Недостаток заявлен в срок возврата: полный возврат без удержаний.",
                "Ελάττωμα εντός της προθεσμίας επιστροφής: πλήρης επιστροφή χρημάτων χωρίς τέλος.",
            ],
            LegalGuarantee => [
                "Defect within the legal guarantee: registered as a warranty claim.",
                "Несъответствие в срока на законовата гаранция: завежда се рекламация.",
                "Недостаток выявлен в пределах срока по закону: оформляется претензия по качеству.",
                "Ελάττωμα εντός της νόμιμης εγγύησης: καταχωρίζεται αίτημα εγγύησης.",
            ],
            CommercialWarranty => [
                "Defect within the commercial guarantee: registered as a warranty claim.",
                "Дефект в срока на търговската гаранция: завежда се рекламация.",
                "Недостаток выявлен, пока действует гарантийный срок: оформляется претензия по качеству.",
                "Ελάττωμα εντός της εμπορικής εγγύησης: καταχωρίζεται αίτημα εγγύησης.",
            ],
            ConsumerProofRequired => [
                "The commercial guarantee has ended, but the item is within two years of delivery: the consumer must prove the defect arose before it was handed over (art. 19 p. 5 of the Russian consumer law).",
                "Търговската гаранция е изтекла, но стоката е в рамките на две години от доставката: потребителят доказва, че дефектът е възникнал преди предаването ѝ (чл. 19, т. 5 от руския закон за защита на потребителите).",
                "Гарантийный срок истёк, но не прошло двух лет со дня передачи товара: потребитель доказывает, что недостаток возник до передачи товара (ст. 19 п. 5 Закона РФ «О защите прав потребителей»).",
                "Η εμπορική εγγύηση έληξε, αλλά δεν έχουν περάσει δύο έτη από την παράδοση: ο καταναλωτής αποδεικνύει ότι το ελάττωμα υπήρχε πριν από την παράδοση (άρθρο 19 παρ. 5 του ρωσικού νόμου για την προστασία των καταναλωτών).",
            ],
            LossOfValue => [
                "Withdrawal, but the item was handled beyond what trying it needed: a manager sets the deduction for its loss of value.",
                "Отказ от договора, но стоката е използвана повече от необходимото за изпробването ѝ: управителят определя удръжка за намалена стойност.",
                "Отказ от товара, но товар использовался сверх необходимого для проверки: управляющий определяет удержание за снижение стоимости.",
                "Υπαναχώρηση, αλλά το είδος χρησιμοποιήθηκε πέρα από όσο χρειαζόταν για να δοκιμαστεί: ο υπεύθυνος ορίζει την έκπτωση για τη μείωση της αξίας του.",
            ],
            WithdrawalException => [
                "The law gives no right of withdrawal for this item: it falls under one of the law’s exceptions.",
                "По закон за тази стока няма право на отказ от договора: тя попада в законово изключение.",
                "По закону отказаться от этого товара нельзя: на него распространяется исключение, установленное законом.",
                "Ο νόμος δεν παρέχει δικαίωμα υπαναχώρησης για αυτό το είδος: εμπίπτει σε εξαίρεση του νόμου.",
            ],
            StatutoryExchangeAvailable => [
                "The statutory exchange still applies (art. 25 of the Russian consumer law: unused, within 14 days, not on the government list of goods not subject to exchange): offer an exchange for another item.",
                "Клиентът има право на законова замяна (чл. 25 от руския закон за защита на потребителите: неизползвана стока, до 14 дни, извън списъка на стоките, които не подлежат на замяна): предложете замяна с друг артикул.",
                "Покупатель сохраняет право на обмен товара надлежащего качества (ст. 25: товар не был в употреблении, 14 дней не истекли, товар не входит в перечень товаров, не подлежащих обмену): предложите обмен на другой товар.",
                "Ο πελάτης διατηρεί το δικαίωμα νόμιμης ανταλλαγής (άρθρο 25 του ρωσικού νόμου: αχρησιμοποίητο είδος, εντός 14 ημερών, που δεν περιλαμβάνεται στον κατάλογο των αγαθών που δεν ανταλλάσσονται): προτείνετε ανταλλαγή με άλλο είδος.",
            ],
            WarrantyExpired => [
                "The legal guarantee and the commercial guarantee have both expired.",
                "Законовата и търговската гаранция са изтекли.",
                "Срок по закону и гарантийный срок истекли.",
                "Η νόμιμη και η εμπορική εγγύηση έχουν λήξει.",
            ],
            QtyExceedsRemaining => [
                "More units than remain returnable on this receipt.",
                "Количеството надвишава оставащото за връщане по касовата бележка.",
                "Количество больше, чем осталось к возврату по кассовому чеку.",
                "Περισσότερα τεμάχια από όσα απομένουν προς επιστροφή στην απόδειξη.",
            ],
            NonReturnable => [
                "Under the store’s rules this item is not taken back unless it is defective.",
                "По правилата на магазина артикулът не се приема обратно, освен при дефект.",
                "По правилам магазина этот товар без недостатков обратно не принимается.",
                "Σύμφωνα με την πολιτική του καταστήματος, το είδος δεν επιστρέφεται, εκτός αν είναι ελαττωματικό.",
            ],
            CustomerDamage => [
                "Damaged after purchase.",
                "Повреден след покупката.",
                "Повреждён после покупки.",
                "Υπέστη φθορές μετά την αγορά.",
            ],
            Used => [
                "The item has been used.",
                "Артикулът е използван.",
                "Товар был в употреблении.",
                "Το είδος έχει χρησιμοποιηθεί.",
            ],
            ReturnWindowExpired => [
                "The return period has ended.",
                "Срокът за връщане е изтекъл.",
                "Срок возврата истёк.",
                "Η προθεσμία επιστροφής έχει λήξει.",
            ],
            Opened => [
                "Under the store’s rules returnable only unopened; the packaging has been opened.",
                "По правилата на магазина се връща само неразопакован; опаковката е отворена.",
                "По правилам магазина возврат только в невскрытой упаковке; упаковка вскрыта.",
                "Σύμφωνα με την πολιτική του καταστήματος επιστρέφεται μόνο σφραγισμένο· η συσκευασία έχει ανοιχτεί.",
            ],
        })
    }

    /// The settlement date where the law sets no period and the date is the store's target
    /// (`claim_due_basis` store_target, EU and GR): never worded as a deadline.
    pub fn settle_target(self, date: &str) -> String {
        match self {
            Lang::En => format!("within a reasonable time (target: {date})"),
            Lang::Bg => format!("в разумен срок (целева дата: {date})"),
            Lang::Ru => format!("в разумный срок (целевая дата: {date})"),
            Lang::El => format!("εντός εύλογου χρόνου (στόχος: {date})"),
        }
    }

    /// The law a warranty claim is registered under, with the period it gives the seller, in
    /// this language. EU and GR set no fixed period ("a reasonable time"); the date printed
    /// above it is then the store's target.
    pub fn claim_law(self, jurisdiction: Jurisdiction) -> &'static str {
        self.pick(match jurisdiction {
            Jurisdiction::BG => [
                "Legal basis: Bulgarian Act on the Supply of Digital Content and Digital Services and on the Sale of Goods (ЗПЦСЦУПС), the seller’s liability for lack of conformity of the goods. The seller must bring the goods into conformity within one month of the complaint; once that month has passed, the consumer is entitled to a refund of the price paid or to a price reduction. This claim is entered in the complaint register kept under art. 127 of the Consumer Protection Act (ЗЗП). A commercial guarantee does not limit the consumer’s statutory rights.",
                "Правно основание: Закон за предоставяне на цифрово съдържание и цифрови услуги и за продажба на стоки (ЗПЦСЦУПС), отговорност на продавача за несъответствие на стоката с договора за продажба. Продавачът е длъжен да приведе стоката в съответствие в срок един месец от предявяването на рекламацията; след изтичането на този срок потребителят има право на възстановяване на платената сума или на намаляване на цената. Рекламацията е вписана в регистъра на рекламациите по чл. 127 от Закона за защита на потребителите (ЗЗП). Търговската гаранция не ограничава правата на потребителя по закон.",
                "Правовое основание: Закон Болгарии о предоставлении цифрового контента и цифровых услуг и о продаже товаров (ЗПЦСЦУПС), ответственность продавца за несоответствие товара договору. Продавец обязан привести товар в соответствие в течение одного месяца со дня предъявления претензии; по истечении этого срока потребитель вправе требовать возврата уплаченной суммы или уменьшения цены. Претензия внесена в журнал претензий, который ведётся по ст. 127 Закона о защите потребителей (ЗЗП). Гарантийный срок, установленный продавцом или изготовителем, не ограничивает права потребителя по закону.",
                "Νομική βάση: βουλγαρικός νόμος για την προμήθεια ψηφιακού περιεχομένου και ψηφιακών υπηρεσιών και για την πώληση αγαθών (ЗПЦСЦУПС), ευθύνη του πωλητή για έλλειψη συμμόρφωσης του αγαθού. Ο πωλητής οφείλει να αποκαταστήσει τη συμμόρφωση εντός ενός μηνός από την υποβολή του αιτήματος· μετά την πάροδο του μήνα ο καταναλωτής δικαιούται επιστροφή του τιμήματος ή μείωση της τιμής. Το αίτημα καταχωρίζεται στο μητρώο αιτημάτων εγγύησης που τηρείται κατά το άρθρο 127 του βουλγαρικού νόμου για την προστασία των καταναλωτών (ЗЗП). Η εμπορική εγγύηση δεν περιορίζει τα νόμιμα δικαιώματα του καταναλωτή.",
            ],
            Jurisdiction::GR => [
                "Legal basis: Greek Civil Code art. 534 ff. (as amended by Law 4967/2022), the seller’s liability for lack of conformity; Law 2251/1994, art. 5 (legal guarantee) and art. 5A (commercial guarantee). The law sets no fixed period: the seller must bring the goods into conformity within a reasonable time, and the date above is the store’s target, not a deadline set by law. A commercial guarantee does not limit the consumer’s statutory rights.",
                "Правно основание: Гръцки граждански кодекс, чл. 534 и сл. (изменени със Закон 4967/2022), отговорност на продавача за несъответствие; Закон 2251/1994, чл. 5 (законова гаранция) и чл. 5А (търговска гаранция). Законът не определя точен срок: продавачът привежда стоката в съответствие в разумен срок, а датата по-горе е целева дата на магазина, а не срок по закон. Търговската гаранция не ограничава правата на потребителя по закон.",
                "Правовое основание: Гражданский кодекс Греции, ст. 534 и сл. (в редакции Закона 4967/2022), ответственность продавца за несоответствие товара; Закон 2251/1994, ст. 5 (законная гарантия) и ст. 5А (коммерческая гарантия). Закон не устанавливает точного срока: продавец приводит товар в соответствие в разумный срок, а дата выше — целевая дата магазина, а не срок по закону. Гарантийный срок, установленный продавцом или изготовителем, не ограничивает права потребителя по закону.",
                "Νομική βάση: ΑΚ 534 επ. (όπως ισχύουν μετά τον ν. 4967/2022), ευθύνη του πωλητή για έλλειψη συμμόρφωσης· ν. 2251/1994, άρθρο 5 (νόμιμη εγγύηση) και άρθρο 5Α (εμπορική εγγύηση). Ο νόμος δεν ορίζει συγκεκριμένη προθεσμία: ο πωλητής αποκαθιστά τη συμμόρφωση εντός εύλογου χρόνου, και η παραπάνω ημερομηνία είναι στόχος του καταστήματος, όχι προθεσμία του νόμου. Η εμπορική εγγύηση δεν περιορίζει τα νόμιμα δικαιώματα του καταναλωτή.",
            ],
            Jurisdiction::EU => [
                "Legal basis: the national law of the member state implementing Directive (EU) 2019/771, the seller’s liability for lack of conformity of the goods. The law sets no fixed period: the seller must bring the goods into conformity within a reasonable time, and the date above is the store’s target, not a deadline set by law. A commercial guarantee does not limit the consumer’s statutory rights.",
                "Правно основание: националният закон на държавата членка, с който е въведена Директива (ЕС) 2019/771, отговорност на продавача за несъответствие на стоката. Законът не определя точен срок: продавачът привежда стоката в съответствие в разумен срок, а датата по-горе е целева дата на магазина, а не срок по закон. Търговската гаранция не ограничава правата на потребителя по закон.",
                "Правовое основание: национальный закон государства — члена ЕС, принятый во исполнение Директивы (ЕС) 2019/771, ответственность продавца за несоответствие товара. Закон не устанавливает точного срока: продавец приводит товар в соответствие в разумный срок, а дата выше — целевая дата магазина, а не срок по закону. Гарантийный срок, установленный продавцом или изготовителем, не ограничивает права потребителя по закону.",
                "Νομική βάση: ο εθνικός νόμος του κράτους μέλους που ενσωματώνει την Οδηγία (ΕΕ) 2019/771, ευθύνη του πωλητή για έλλειψη συμμόρφωσης του αγαθού. Ο νόμος δεν ορίζει συγκεκριμένη προθεσμία: ο πωλητής αποκαθιστά τη συμμόρφωση εντός εύλογου χρόνου, και η παραπάνω ημερομηνία είναι στόχος του καταστήματος, όχι προθεσμία του νόμου. Η εμπορική εγγύηση δεν περιορίζει τα νόμιμα δικαιώματα του καταναλωτή.",
            ],
            Jurisdiction::RU => [
                "Legal basis: Law of the Russian Federation No. 2300-1 of 07.02.1992 “On the Protection of Consumer Rights” (Закон РФ «О защите прав потребителей»). Periods for satisfying the consumer’s demand: repair within the period agreed in writing, at most 45 days, and without such an agreement without delay (art. 20); replacement 7 days, 20 days where an additional quality check is needed, one month where no item for the replacement is in stock (art. 21); price reduction or refund of the price paid 10 days (art. 22). This document does not limit the consumer’s statutory rights.",
                "Правно основание: Закон на Руската федерация № 2300-1 от 07.02.1992 „За защита на правата на потребителите“ (Закон РФ «О защите прав потребителей»). Срокове за удовлетворяване на искането на потребителя: ремонт в договорения писмено срок, но не повече от 45 дни, а без такова споразумение незабавно (чл. 20); замяна 7 дни, 20 дни при необходимост от допълнителна проверка на качеството, един месец, ако няма стока за замяна (чл. 21); намаляване на цената или възстановяване на платената сума 10 дни (чл. 22). Този документ не ограничава правата на потребителя по закон.",
                "Правовое основание: Закон РФ от 07.02.1992 № 2300-1 «О защите прав потребителей». Сроки удовлетворения требований потребителя: безвозмездное устранение недостатков — в срок, определённый соглашением сторон в письменной форме, но не более 45 дней, а без такого соглашения — незамедлительно (ст. 20); замена товара — 7 дней, при необходимости дополнительной проверки качества — 20 дней, при отсутствии товара для замены — один месяц (ст. 21); соразмерное уменьшение цены, возврат уплаченной суммы — 10 дней (ст. 22). Права потребителя, установленные законом, этим документом не ограничиваются.",
                "Νομική βάση: νόμος της Ρωσικής Ομοσπονδίας αριθ. 2300-1 της 07.02.1992 «Για την προστασία των δικαιωμάτων των καταναλωτών» (Закон РФ «О защите прав потребителей»). Προθεσμίες ικανοποίησης του αιτήματος: επισκευή εντός της προθεσμίας που συμφωνήθηκε εγγράφως, έως 45 ημέρες, και χωρίς τέτοια συμφωνία αμέσως (άρθρο 20)· αντικατάσταση 7 ημέρες, 20 ημέρες αν χρειάζεται πρόσθετος έλεγχος ποιότητας, ένας μήνας αν δεν υπάρχει είδος για την αντικατάσταση (άρθρο 21)· μείωση τιμής ή επιστροφή του τιμήματος 10 ημέρες (άρθρο 22). Το παρόν έγγραφο δεν περιορίζει τα νόμιμα δικαιώματα του καταναλωτή.",
            ],
        })
    }
}

impl Lang {
    /// A manager's deduction for the goods' loss of value (a withdrawal of used goods), as a
    /// slip line names it.
    pub fn loss_of_value_deduction(self) -> &'static str {
        self.pick([
            "Deduction for loss of value",
            "Удръжка за намалена стойност",
            "Удержание за потерю стоимости",
            "Έκπτωση για μείωση αξίας",
        ])
    }

    /// The label of the manager's reason for that deduction.
    pub fn deduction_reason(self) -> &'static str {
        self.pick(["Reason for the deduction", "Основание за удръжката", "Основание удержания", "Αιτιολογία έκπτωσης"])
    }
}

/// The fixed labels of the documents.
pub(crate) struct Words {
    pub return_slip: &'static str,
    pub customer_copy: &'static str,
    pub store_copy: &'static str,
    pub slip_no: &'static str,
    pub date_time: &'static str,
    pub desk: &'static str,
    pub clerk: &'static str,
    pub receipt: &'static str,
    pub purchased: &'static str,
    pub vat_id: &'static str,
    pub company_id: &'static str,
    pub phone: &'static str,
    pub item: &'static str,
    pub sku: &'static str,
    pub qty: &'static str,
    pub reason: &'static str,
    pub condition: &'static str,
    pub gross: &'static str,
    pub fee: &'static str,
    pub refund: &'static str,
    pub vat: &'static str,
    pub vat_included: &'static str,
    pub decision: &'static str,
    pub paid_in_receipt_currency: &'static str,
    pub fixed_rate: &'static str,
    pub totals: &'static str,
    pub total_refund: &'static str,
    pub paid_back: &'static str,
    pub manager_override: &'static str,
    pub manager: &'static str,
    pub override_reason: &'static str,
    pub overridden_lines: &'static str,
    pub customer_signature: &'static str,
    pub clerk_signature: &'static str,
    pub manager_signature: &'static str,
    pub return_policy: &'static str,
    pub cut_here: &'static str,
    pub page: &'static str,
    // warranty claim
    pub warranty_claim: &'static str,
    pub register_no: &'static str,
    pub registered_on: &'static str,
    pub customer: &'static str,
    pub email: &'static str,
    pub address: &'static str,
    pub product: &'static str,
    pub serial: &'static str,
    pub price: &'static str,
    pub defect: &'static str,
    pub remedy: &'static str,
    pub basis: &'static str,
    pub legal_until: &'static str,
    pub commercial_until: &'static str,
    /// The label of a statutory settlement date (`claim_due_basis` statutory).
    pub settle_by: &'static str,
    /// What a store-target date follows (`claim_due_basis` store_target), before [`Lang::settle_target`].
    pub settle_within: &'static str,
    // voucher
    pub voucher: &'static str,
    pub voucher_code: &'static str,
    pub amount: &'static str,
    pub issued: &'static str,
    pub valid_until: &'static str,
    pub from_slip: &'static str,
    pub holder: &'static str,
    // day summary
    pub day_summary: &'static str,
    pub day: &'static str,
    pub printed: &'static str,
    pub slips_issued: &'static str,
    pub lines_returned: &'static str,
    pub lines_denied: &'static str,
    pub claims_registered: &'static str,
    pub refunds_by_tender: &'static str,
    pub fees_kept: &'static str,
    pub overrides: &'static str,
    pub none: &'static str,
}

const EN: Words = Words {
    return_slip: "Return slip",
    customer_copy: "Customer copy",
    store_copy: "Store copy",
    slip_no: "Slip no.",
    date_time: "Date and time",
    desk: "Desk",
    clerk: "Clerk",
    receipt: "Original receipt",
    purchased: "Purchased on",
    vat_id: "VAT no.",
    company_id: "Company no.",
    phone: "Tel.",
    item: "Item",
    sku: "SKU",
    qty: "Qty",
    reason: "Reason",
    condition: "Condition",
    gross: "Price",
    fee: "Restocking fee",
    refund: "Refund",
    vat: "VAT",
    vat_included: "incl. VAT",
    decision: "Decision",
    paid_in_receipt_currency: "Paid",
    fixed_rate: "Converted at the fixed rate 1 EUR = 1.95583 BGN",
    totals: "Totals",
    total_refund: "Total refund",
    paid_back: "Paid back to",
    manager_override: "Manager override",
    manager: "Manager",
    override_reason: "Reason",
    overridden_lines: "Lines",
    customer_signature: "Customer signature",
    clerk_signature: "Clerk signature",
    manager_signature: "Manager signature",
    return_policy: "Return policy",
    cut_here: "cut here",
    page: "Page",
    warranty_claim: "Warranty claim",
    register_no: "Complaint register no.",
    registered_on: "Registered on",
    customer: "Consumer",
    email: "E-mail",
    address: "Address",
    product: "Product",
    serial: "Serial no.",
    price: "Price paid",
    defect: "Description of the defect by the consumer",
    remedy: "Remedy requested",
    basis: "Basis",
    legal_until: "Legal guarantee until",
    commercial_until: "Commercial guarantee until",
    settle_by: "To be settled by",
    settle_within: "To be settled",
    voucher: "Store credit voucher",
    voucher_code: "Voucher code",
    amount: "Amount",
    issued: "Issued",
    valid_until: "Valid until",
    from_slip: "From return slip",
    holder: "Holder",
    day_summary: "End-of-day refund summary",
    day: "Day",
    printed: "Printed",
    slips_issued: "Return slips issued",
    lines_returned: "Lines returned",
    lines_denied: "Lines denied",
    claims_registered: "Warranty claims registered",
    refunds_by_tender: "Refunds by tender",
    fees_kept: "Restocking fees kept",
    overrides: "Manager overrides",
    none: "None",
};

const BG: Words = Words {
    return_slip: "Документ за връщане на стока",
    customer_copy: "Екземпляр за клиента",
    store_copy: "Екземпляр за магазина",
    slip_no: "Документ №",
    date_time: "Дата и час",
    desk: "Каса",
    clerk: "Касиер",
    receipt: "Касова бележка",
    purchased: "Дата на покупка",
    vat_id: "ДДС №",
    company_id: "ЕИК",
    phone: "Тел.",
    item: "Артикул",
    sku: "Код",
    qty: "Кол.",
    reason: "Причина",
    condition: "Състояние",
    gross: "Цена",
    fee: "Такса за обработка",
    refund: "Възстановена сума",
    vat: "ДДС",
    vat_included: "в т.ч. ДДС",
    decision: "Решение",
    paid_in_receipt_currency: "Платено",
    fixed_rate: "Превалутирано по фиксирания курс 1 EUR = 1,95583 BGN",
    totals: "Общо",
    total_refund: "Общо за възстановяване",
    paid_back: "Възстановено чрез",
    manager_override: "Разрешение от управител",
    manager: "Управител",
    override_reason: "Основание",
    overridden_lines: "Редове",
    customer_signature: "Подпис на клиента",
    clerk_signature: "Подпис на касиера",
    manager_signature: "Подпис на управителя",
    return_policy: "Условия за връщане",
    cut_here: "отрежете тук",
    page: "Стр.",
    warranty_claim: "Рекламация",
    register_no: "№ в регистъра",
    registered_on: "Дата на предявяване",
    customer: "Потребител",
    email: "Имейл",
    address: "Адрес",
    product: "Стока",
    serial: "Сериен №",
    price: "Платена цена",
    defect: "Описание на дефекта от потребителя",
    remedy: "Искане на потребителя",
    basis: "Основание",
    legal_until: "Законова гаранция до",
    commercial_until: "Търговска гаранция до",
    settle_by: "Срок за удовлетворяване",
    settle_within: "Рекламацията се удовлетворява",
    voucher: "Ваучер за пазаруване",
    voucher_code: "Код на ваучера",
    amount: "Сума",
    issued: "Издаден",
    valid_until: "Валиден до",
    from_slip: "По документ за връщане на стока",
    holder: "Притежател",
    day_summary: "Дневен отчет за връщанията",
    day: "Дата",
    printed: "Отпечатано",
    slips_issued: "Издадени документи за връщане на стока",
    lines_returned: "Върнати редове",
    lines_denied: "Отказани редове",
    claims_registered: "Заведени рекламации",
    refunds_by_tender: "Възстановено по начин на плащане",
    fees_kept: "Удържани такси за обработка",
    overrides: "Разрешения от управител",
    none: "Няма",
};

const RU: Words = Words {
    return_slip: "Документ о возврате товара",
    customer_copy: "Экземпляр покупателя",
    store_copy: "Экземпляр магазина",
    slip_no: "Документ №",
    date_time: "Дата и время",
    desk: "Касса",
    clerk: "Кассир",
    receipt: "Кассовый чек",
    purchased: "Дата покупки",
    vat_id: "ИНН",
    company_id: "ОГРН",
    phone: "Тел.",
    item: "Товар",
    sku: "Артикул",
    qty: "Кол.",
    reason: "Причина",
    condition: "Состояние",
    gross: "Цена",
    fee: "Сбор за обработку",
    refund: "К возврату",
    vat: "НДС",
    vat_included: "в т.ч. НДС",
    decision: "Решение",
    paid_in_receipt_currency: "Оплачено",
    fixed_rate: "Пересчёт по фиксированному курсу 1 EUR = 1,95583 BGN",
    totals: "Итого",
    total_refund: "Итого к возврату",
    paid_back: "Способ возврата",
    manager_override: "Решение управляющего",
    manager: "Управляющий",
    override_reason: "Основание",
    overridden_lines: "Строки",
    customer_signature: "Подпись покупателя",
    clerk_signature: "Подпись кассира",
    manager_signature: "Подпись управляющего",
    return_policy: "Правила возврата",
    cut_here: "линия отреза",
    page: "Стр.",
    warranty_claim: "Претензия по качеству",
    register_no: "№ в журнале претензий",
    registered_on: "Дата регистрации",
    customer: "Потребитель",
    email: "Эл. почта",
    address: "Адрес",
    product: "Товар",
    serial: "Серийный №",
    price: "Уплаченная цена",
    defect: "Описание недостатка со слов потребителя",
    remedy: "Требование потребителя",
    basis: "Основание",
    legal_until: "Срок по закону до",
    commercial_until: "Гарантийный срок до",
    settle_by: "Удовлетворить до",
    settle_within: "Требование удовлетворяется",
    voucher: "Сертификат магазина",
    voucher_code: "Код сертификата",
    amount: "Сумма",
    issued: "Выдан",
    valid_until: "Действителен до",
    from_slip: "Документ о возврате товара",
    holder: "Владелец",
    day_summary: "Сводка возвратов за день",
    day: "Дата",
    printed: "Напечатано",
    slips_issued: "Оформлено возвратов",
    lines_returned: "Возвращено позиций",
    lines_denied: "Отказано позиций",
    claims_registered: "Зарегистрировано претензий",
    refunds_by_tender: "Возвраты по способам оплаты",
    fees_kept: "Удержано сборов за обработку",
    overrides: "Решения управляющего",
    none: "Нет",
};

const EL: Words = Words {
    return_slip: "Δελτίο επιστροφής",
    customer_copy: "Αντίγραφο πελάτη",
    store_copy: "Αντίγραφο καταστήματος",
    slip_no: "Αρ. δελτίου",
    date_time: "Ημερομηνία και ώρα",
    desk: "Ταμείο",
    clerk: "Ταμίας",
    receipt: "Απόδειξη αγοράς",
    purchased: "Ημερομηνία αγοράς",
    vat_id: "ΑΦΜ",
    company_id: "Αρ. ΓΕΜΗ",
    phone: "Τηλ.",
    item: "Είδος",
    sku: "Κωδ.",
    qty: "Ποσ.",
    reason: "Αιτία",
    condition: "Κατάσταση",
    gross: "Τιμή",
    fee: "Τέλος επεξεργασίας",
    refund: "Επιστροφή",
    vat: "ΦΠΑ",
    vat_included: "εκ των οποίων ΦΠΑ",
    decision: "Απόφαση",
    paid_in_receipt_currency: "Πληρώθηκε",
    fixed_rate: "Μετατροπή με τη σταθερή ισοτιμία 1 EUR = 1,95583 BGN",
    totals: "Σύνολα",
    total_refund: "Σύνολο επιστροφής",
    paid_back: "Τρόπος επιστροφής",
    manager_override: "Έγκριση υπευθύνου",
    manager: "Υπεύθυνος",
    override_reason: "Αιτιολογία",
    overridden_lines: "Γραμμές",
    customer_signature: "Υπογραφή πελάτη",
    clerk_signature: "Υπογραφή ταμία",
    manager_signature: "Υπογραφή υπευθύνου",
    return_policy: "Πολιτική επιστροφών",
    cut_here: "κόψτε εδώ",
    page: "Σελ.",
    warranty_claim: "Αίτημα εγγύησης",
    register_no: "Αρ. μητρώου",
    registered_on: "Ημερομηνία καταχώρισης",
    customer: "Καταναλωτής",
    email: "Email",
    address: "Διεύθυνση",
    product: "Προϊόν",
    serial: "Σειριακός αρ.",
    price: "Τιμή αγοράς",
    defect: "Περιγραφή ελαττώματος από τον καταναλωτή",
    remedy: "Αιτούμενη αποκατάσταση",
    basis: "Βάση",
    legal_until: "Νόμιμη εγγύηση έως",
    commercial_until: "Εμπορική εγγύηση έως",
    settle_by: "Διευθέτηση έως",
    settle_within: "Διευθέτηση",
    voucher: "Πιστωτικό κουπόνι",
    voucher_code: "Κωδικός κουπονιού",
    amount: "Ποσό",
    issued: "Εκδόθηκε",
    valid_until: "Ισχύει έως",
    from_slip: "Από δελτίο επιστροφής",
    holder: "Κάτοχος",
    day_summary: "Ημερήσια αναφορά επιστροφών",
    day: "Ημέρα",
    printed: "Εκτυπώθηκε",
    slips_issued: "Δελτία επιστροφής",
    lines_returned: "Γραμμές που επιστράφηκαν",
    lines_denied: "Γραμμές που απορρίφθηκαν",
    claims_registered: "Αιτήματα εγγύησης",
    refunds_by_tender: "Επιστροφές ανά τρόπο πληρωμής",
    fees_kept: "Τέλη επεξεργασίας που παρακρατήθηκαν",
    overrides: "Εγκρίσεις υπευθύνου",
    none: "Κανένα",
};

#[cfg(test)]
impl Words {
    /// Every label with its field name, for the tests (the glossary names labels `words.FIELD`).
    fn labels(&self) -> Vec<(&'static str, &'static str)> {
        macro_rules! labels {
            ($($field:ident),* $(,)?) => { vec![$((stringify!($field), self.$field)),*] };
        }
        labels![
            return_slip, customer_copy, store_copy, slip_no, date_time, desk, clerk, receipt, purchased, vat_id,
            company_id, phone, item, sku, qty, reason, condition, gross, fee, refund, vat, vat_included, decision,
            paid_in_receipt_currency, fixed_rate, totals, total_refund, paid_back, manager_override, manager,
            override_reason, overridden_lines, customer_signature, clerk_signature, manager_signature, return_policy,
            cut_here, page, warranty_claim, register_no, registered_on, customer, email, address, product, serial,
            price, defect, remedy, basis, legal_until, commercial_until, settle_by, settle_within, voucher,
            voucher_code, amount, issued, valid_until, from_slip, holder, day_summary, day, printed, slips_issued,
            lines_returned, lines_denied, claims_registered, refunds_by_tender, fees_kept, overrides, none,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slip::fonts::faces;

    const JURISDICTIONS: [Jurisdiction; 4] = [Jurisdiction::EU, Jurisdiction::BG, Jurisdiction::GR, Jurisdiction::RU];

    /// Every text this language prints, in a fixed order (the same order in every language).
    fn all_texts(lang: Lang) -> Vec<String> {
        let mut texts: Vec<String> = lang.words().labels().into_iter().map(|(_, text)| text.to_string()).collect();
        texts.extend(DecisionCode::ALL.iter().map(|c| lang.explain(*c).to_string()));
        for j in JURISDICTIONS {
            texts.push(lang.claim_law(j).to_string());
        }
        texts.push(lang.settle_target("01.01.2026"));
        texts.push(lang.return_policy(30));
        texts.push(crate::slip::voucher_terms(lang).to_string());
        texts.push(crate::slip::sample::policy_text(lang));
        for value in ["change_of_mind", "defective", "not_as_described", "wrong_item"] {
            texts.push(lang.reason(wire(value)).to_string());
        }
        for value in ["unopened", "opened", "used", "damaged"] {
            texts.push(lang.condition(wire(value)).to_string());
        }
        for value in ["card", "cash", "gift_card", "store_credit", "exchange"] {
            texts.push(lang.tender(wire(value)).to_string());
        }
        for value in ["approved", "denied", "needs_approval", "warranty_claim"] {
            texts.push(lang.verdict(wire(value)).to_string());
        }
        for value in ["repair", "replace", "price_reduction", "refund"] {
            texts.push(lang.remedy(wire(value)).to_string());
        }
        for value in ["AMOUNT_OVER_LIMIT", "FREQUENT_RETURNS"] {
            texts.push(lang.approval(wire(value)).to_string());
        }
        texts
    }

    /// A value from its wire name (`change_of_mind`, `LEGAL_GUARANTEE`, `BG`).
    fn wire<T: serde::de::DeserializeOwned>(name: &str) -> T {
        serde_json::from_value(serde_json::Value::String(name.to_string()))
            .unwrap_or_else(|e| panic!("glossary: {name:?} is no {}: {e}", std::any::type_name::<T>()))
    }

    #[test]
    fn every_label_is_translated_and_printable() {
        let faces = faces().unwrap();
        let english = all_texts(Lang::En);
        for lang in Lang::ALL {
            let texts = all_texts(lang);
            for text in &texts {
                assert!(!text.trim().is_empty(), "{lang:?}: empty label");
                assert!(faces.regular.covers(text) && faces.bold.covers(text), "{lang:?}: no glyph in {text:?}");
            }
            if lang != Lang::En {
                let same: Vec<_> = texts.iter().zip(&english).filter(|(a, b)| a == b).map(|(a, _)| a).collect();
                // Codes that read the same everywhere (e.g. a currency pair) are allowed.
                assert!(same.len() <= 1, "{lang:?} still in English: {same:?}");
            }
        }
    }

    #[test]
    fn the_deduction_words_are_translated_and_printable() {
        let faces = faces().unwrap();
        for lang in Lang::ALL {
            for text in [lang.loss_of_value_deduction(), lang.deduction_reason()] {
                assert!(!text.trim().is_empty(), "{lang:?}: empty label");
                assert!(faces.regular.covers(text) && faces.bold.covers(text), "{lang:?}: no glyph in {text:?}");
                if lang != Lang::En {
                    assert!(text != Lang::En.loss_of_value_deduction() && text != Lang::En.deduction_reason(), "{lang:?}: {text:?}");
                }
            }
        }
    }

    #[test]
    fn parses_language_codes() {
        assert_eq!(Lang::parse("bg").unwrap(), Lang::Bg);
        assert_eq!(Lang::parse("RU").unwrap(), Lang::Ru);
        assert_eq!(Lang::parse("el-GR").unwrap(), Lang::El);
        assert_eq!(Lang::parse("en").unwrap(), Lang::En);
        assert!(Lang::parse("de").is_err());
    }

    /// The glossary's tests: docs/glossary.md is the source, these texts follow it (the UI's
    /// i18n files are held to the same tables by ui/tests/glossary.test.mjs).
    mod glossary {
        use super::*;

        /// The rows of the table under `heading` in docs/glossary.md, cells trimmed.
        fn table(heading: &str) -> Vec<Vec<String>> {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/glossary.md");
            let text = std::fs::read_to_string(path).expect("docs/glossary.md");
            let section = text.split("\n## ").find(|s| s.starts_with(heading)).unwrap_or_else(|| panic!("no {heading:?} in the glossary"));
            let rows: Vec<Vec<String>> = section
                .lines()
                .filter(|l| l.trim_start().starts_with('|'))
                .map(|l| l.trim().trim_matches('|').split('|').map(|c| c.trim().to_string()).collect())
                .collect();
            assert!(rows.len() > 2, "the {heading:?} table is empty");
            rows.into_iter().skip(2).collect() // the header and its rule
        }

        /// Each word of `term` begins a word of `text`, in order, ignoring case (so a
        /// Bulgarian article or a Greek ending does not hide the term). Mirrors glossary.test.mjs.
        pub(super) fn contains_term(text: &str, term: &str) -> bool {
            let words: Vec<String> = text
                .split_whitespace()
                .map(|w| w.to_lowercase())
                .collect();
            let wanted: Vec<String> = term.split_whitespace().map(|w| w.to_lowercase()).collect();
            if wanted.is_empty() || wanted.len() > words.len() {
                return false;
            }
            let begins = |word: &str, part: &str| {
                word.starts_with(part) || word.trim_start_matches(['(', '«', '„', '“', '"', '\'']).starts_with(part)
            };
            (0..=words.len() - wanted.len()).any(|i| wanted.iter().enumerate().all(|(j, part)| begins(&words[i + j], part)))
        }

        fn column(lang: Lang) -> usize {
            1 + lang as usize // concept | en | bg | ru | el | screen | paper
        }

        /// The text a paper key names in `lang`.
        fn paper(lang: Lang, key: &str) -> String {
            let (kind, name) = key.split_once('.').unwrap_or((key, ""));
            match kind {
                "words" => lang
                    .words()
                    .labels()
                    .into_iter()
                    .find(|(field, _)| *field == name)
                    .unwrap_or_else(|| panic!("glossary: no label words.{name}"))
                    .1
                    .to_string(),
                "reason" => lang.reason(wire(name)).to_string(),
                "condition" => lang.condition(wire(name)).to_string(),
                "tender" => lang.tender(wire(name)).to_string(),
                "verdict" => lang.verdict(wire(name)).to_string(),
                "remedy" => lang.remedy(wire(name)).to_string(),
                "explain" => lang.explain(wire(name)).to_string(),
                "claim_law" => lang.claim_law(wire(name)).to_string(),
                "settle_target" => lang.settle_target("{date}"),
                _ => panic!("glossary: unknown paper key {key:?}"),
            }
        }

        #[test]
        fn the_term_matcher_sees_through_articles_and_endings_only() {
            assert!(contains_term("Срокът за връщане е изтекъл.", "Срок за връщане"));
            assert!(contains_term("има търговската гаранция до", "Търговска гаранция"));
            assert!(contains_term("ελάττωμα εντός της νόμιμης εγγύησης", "Νόμιμη εγγύηση"));
            assert!(contains_term("(target: {date})", "(target: {date})"));
            assert!(!contains_term("търговска отстъпка", "Търговска гаранция"));
            assert!(!contains_term("Замяна с нова стока", "Замяна със същата стока"));
        }

        #[test]
        fn paper_uses_the_glossary_terms() {
            let mut checked = 0;
            let mut wrong = Vec::new();
            for row in table("Terms") {
                let keys = &row[6];
                for key in keys.split_whitespace() {
                    let (loose, key) = match key.strip_prefix('~') {
                        Some(k) => (true, k),
                        None => (false, key),
                    };
                    for lang in Lang::ALL {
                        let term = &row[column(lang)];
                        let text = paper(lang, key);
                        let ok = if loose { contains_term(&text, term) } else { text == *term };
                        if !ok {
                            wrong.push(format!("{lang:?} {key}: {text:?} should {} {term:?} ({})", if loose { "contain" } else { "be" }, row[0]));
                        }
                        checked += 1;
                    }
                }
            }
            assert!(wrong.is_empty(), "paper texts off the glossary:\n{}", wrong.join("\n"));
            assert!(checked > 150, "only {checked} paper texts checked");
        }

        #[test]
        fn paper_avoids_the_words_the_glossary_rules_out() {
            let mut found = Vec::new();
            for row in table("Words we do not use") {
                let lang = Lang::parse(&row[0]).unwrap();
                let avoid = row[1].to_lowercase();
                for text in all_texts(lang) {
                    if text.to_lowercase().contains(&avoid) {
                        found.push(format!("{lang:?}: {:?} in {text:?} (use {:?})", row[1], row[2]));
                    }
                }
            }
            assert!(found.is_empty(), "words the glossary rules out:\n{}", found.join("\n"));
        }

        #[test]
        fn every_concept_has_four_terms() {
            for row in table("Terms") {
                assert_eq!(row.len(), 7, "a row of 7 cells: {row:?}");
                for lang in Lang::ALL {
                    assert!(!row[column(lang)].is_empty(), "{} has no {lang:?} term", row[0]);
                }
            }
        }
    }

    #[test]
    fn a_store_target_is_never_worded_as_a_deadline() {
        for lang in Lang::ALL {
            for j in [Jurisdiction::EU, Jurisdiction::GR] {
                let law = lang.claim_law(j);
                let reasonable = ["reasonable time", "разумен срок", "разумный срок", "εύλογου χρόνου"][lang as usize];
                assert!(law.contains(reasonable), "{lang:?} {j:?}: {law}");
            }
        }
    }
}
