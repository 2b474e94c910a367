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

    /// The store's return policy in a sentence, for the foot of a slip.
    pub fn return_policy(self, return_days: u32) -> String {
        match self {
            Lang::En => format!("Unused goods may be returned within {return_days} days with the receipt; some goods have their own terms and opened items may carry a restocking fee. Your statutory rights for faulty goods are not affected."),
            Lang::Bg => format!("Неизползвани стоки се връщат в {return_days}-дневен срок с касовата бележка; за някои стоки важат особени условия, а за разопаковани може да се удържи такса. Това не засяга правата ви по закон при несъответствие на стоката."),
            Lang::Ru => format!("Товар без следов использования можно вернуть в течение {return_days} дней при наличии чека; для некоторых товаров действуют особые условия, за вскрытый товар может удерживаться сбор. Ваши права по закону в отношении товара с недостатками не ограничиваются."),
            Lang::El => format!("Αχρησιμοποίητα προϊόντα επιστρέφονται εντός {return_days} ημερών με την απόδειξη· για ορισμένα προϊόντα ισχύουν ειδικοί όροι και για ανοιγμένα μπορεί να ισχύει τέλος. Τα νόμιμα δικαιώματά σας για ελαττωματικά προϊόντα δεν θίγονται."),
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
    fn pick<T: Copy>(self, texts: [T; 4]) -> T {
        texts[self as usize]
    }

    /// A return reason in words.
    pub fn reason(self, reason: ReturnReason) -> &'static str {
        self.pick(match reason {
            ReturnReason::ChangeOfMind => ["Change of mind", "Отказ от покупката", "Отказ от покупки", "Αλλαγή γνώμης"],
            ReturnReason::Defective => ["Defective", "Дефектна стока", "Неисправность", "Ελαττωματικό"],
            ReturnReason::NotAsDescribed => [
                "Not as described",
                "Не отговаря на описанието",
                "Не соответствует описанию",
                "Δεν αντιστοιχεί στην περιγραφή",
            ],
            ReturnReason::WrongItem => ["Wrong item", "Грешен артикул", "Не тот товар", "Λάθος προϊόν"],
        })
    }

    /// An item condition in words.
    pub fn condition(self, condition: Condition) -> &'static str {
        self.pick(match condition {
            Condition::Unopened => ["Unopened", "Неразопакована", "Упаковка не вскрыта", "Σφραγισμένο"],
            Condition::Opened => ["Opened", "Разопакована", "Упаковка вскрыта", "Ανοιγμένο"],
            Condition::Used => ["Used", "Използвана", "Был в употреблении", "Χρησιμοποιημένο"],
            Condition::Damaged => ["Damaged", "Повредена", "Повреждён", "Κατεστραμμένο"],
        })
    }

    /// A tender in words.
    pub fn tender(self, tender: Tender) -> &'static str {
        self.pick(match tender {
            Tender::Card => ["Card", "Банкова карта", "Банковская карта", "Κάρτα"],
            Tender::Cash => ["Cash", "В брой", "Наличные", "Μετρητά"],
            Tender::GiftCard => ["Gift card", "Подаръчна карта", "Подарочная карта", "Δωροκάρτα"],
            Tender::StoreCredit => ["Store credit", "Кредит в магазина", "Кредит магазина", "Πίστωση καταστήματος"],
            Tender::Exchange => ["Exchange", "Замяна", "Обмен", "Ανταλλαγή"],
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
                "Απαιτεί έγκριση διευθυντή",
            ],
            Verdict::WarrantyClaim => ["Warranty claim", "Рекламация", "Гарантийная претензия", "Αίτημα εγγύησης"],
        })
    }

    /// A remedy in words.
    pub fn remedy(self, remedy: Remedy) -> &'static str {
        self.pick(match remedy {
            Remedy::Repair => ["Repair", "Ремонт", "Безвозмездный ремонт", "Επισκευή"],
            Remedy::Replace => ["Replacement", "Замяна с нова стока", "Замена товара", "Αντικατάσταση"],
            Remedy::PriceReduction => [
                "Price reduction",
                "Намаляване на цената",
                "Соразмерное уменьшение цены",
                "Μείωση τιμής",
            ],
            Remedy::Refund => ["Refund", "Възстановяване на платената сума", "Возврат уплаченной суммы", "Επιστροφή χρημάτων"],
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

    /// The basis of a decision, in words a customer understands.
    pub fn explain(self, code: DecisionCode) -> &'static str {
        use DecisionCode::*;
        self.pick(match code {
            WithinReturnWindow => [
                "Returned within the store's return period.",
                "Върнато в срока за връщане на магазина.",
                "Возвращено в срок, установленный магазином.",
                "Επιστράφηκε εντός της προθεσμίας επιστροφής του καταστήματος.",
            ],
            StatutoryWithdrawal => [
                "Withdrawal from a distance purchase within the statutory period; no fee.",
                "Отказ от покупка от разстояние в законовия срок; без такса.",
                "Отказ от товара, купленного дистанционно, в срок по закону; без удержаний.",
                "Υπαναχώρηση από αγορά εξ αποστάσεως εντός της νόμιμης προθεσμίας· χωρίς τέλος.",
            ],
            StatutoryExchange => [
                "Exchanged within the statutory 14 days (refunded where no similar item is in stock); no fee.",
                "Замяна в законовия 14-дневен срок (връщане на сумата, ако няма аналогична стока); без такса.",
                "Обмен в течение 14 дней по закону (возврат денег при отсутствии аналогичного товара, ст. 25); без удержаний.",
                "Ανταλλαγή εντός της νόμιμης προθεσμίας 14 ημερών (επιστροφή χρημάτων αν δεν υπάρχει όμοιο είδος)· χωρίς τέλος.",
            ],
            DefectWithinReturnWindow => [
                "Fault reported within the return period: full refund, no fee.",
                "Несъответствие, заявено в срока за връщане: пълна сума, без такса.",
                "Недостаток заявлен в срок возврата: полный возврат без удержаний.",
                "Ελάττωμα εντός της προθεσμίας επιστροφής: πλήρης επιστροφή χωρίς τέλος.",
            ],
            LegalGuarantee => [
                "Fault within the legal guarantee: registered as a warranty claim.",
                "Несъответствие в срока на законовата гаранция: завежда се рекламация.",
                "Недостаток в пределах срока по закону: оформляется претензия.",
                "Ελάττωμα εντός της νόμιμης εγγύησης: καταχωρίζεται αίτημα εγγύησης.",
            ],
            CommercialWarranty => [
                "Fault within the commercial warranty: registered as a warranty claim.",
                "Дефект в срока на търговската гаранция: завежда се рекламация.",
                "Недостаток в пределах гарантии продавца: оформляется претензия.",
                "Ελάττωμα εντός της εμπορικής εγγύησης: καταχωρίζεται αίτημα εγγύησης.",
            ],
            ConsumerProofRequired => [
                "Warranty over but within two years of purchase: the customer must show the fault existed at sale.",
                "Гаранцията е изтекла, но в рамките на две години: клиентът доказва, че дефектът е съществувал при продажбата.",
                "Гарантия истекла, но не прошло двух лет: потребитель доказывает, что недостаток возник до передачи товара (ст. 19 п. 5).",
                "Η εγγύηση έληξε, αλλά εντός δύο ετών: ο πελάτης αποδεικνύει ότι το ελάττωμα υπήρχε κατά την πώληση.",
            ],
            LossOfValue => [
                "Withdrawal of goods handled beyond what trying them needed: a manager sets the deduction for their loss of value.",
                "Отказ от стока, използвана повече от необходимото за изпробването ѝ: управител определя удръжката за намалената стойност.",
                "Отказ от товара, использованного сверх необходимого для проверки: руководитель определяет удержание за потерю стоимости.",
                "Υπαναχώρηση από προϊόν που χρησιμοποιήθηκε πέρα από τη δοκιμή του: ο υπεύθυνος ορίζει την έκπτωση για τη μείωση της αξίας του.",
            ],
            WithdrawalException => [
                "By law this item cannot be withdrawn from (made to order, perishable, or unsealed after sale).",
                "По закон за тази стока няма право на отказ (изработена по поръчка, бързоразваляща се или разпечатана след продажбата).",
                "По закону этот товар не подлежит отказу (изготовлен по заказу, скоропортящийся или вскрыт после продажи).",
                "Σύμφωνα με τον νόμο δεν υπάρχει δικαίωμα υπαναχώρησης για αυτό το προϊόν (κατά παραγγελία, ευπαθές ή αποσφραγισμένο).",
            ],
            StatutoryExchangeAvailable => [
                "The customer may still exchange this item under the statutory 14-day exchange right.",
                "Клиентът може да замени артикула по законовото право на замяна в 14-дневен срок.",
                "Покупатель вправе обменять этот товар в течение 14 дней по закону (ст. 25).",
                "Ο πελάτης μπορεί να ανταλλάξει το προϊόν βάσει του νόμιμου δικαιώματος ανταλλαγής 14 ημερών.",
            ],
            WarrantyExpired => [
                "The legal guarantee and the warranty have both expired.",
                "Законовата и търговската гаранция са изтекли.",
                "Гарантийный срок и срок по закону истекли.",
                "Η νόμιμη και η εμπορική εγγύηση έχουν λήξει.",
            ],
            QtyExceedsRemaining => [
                "More units than remain returnable on this receipt.",
                "Количеството надвишава оставащото за връщане по бележката.",
                "Количество больше, чем осталось к возврату по чеку.",
                "Περισσότερα τεμάχια από όσα απομένουν προς επιστροφή.",
            ],
            NonReturnable => [
                "This item cannot be returned.",
                "Артикулът не подлежи на връщане.",
                "Товар не подлежит возврату.",
                "Το προϊόν δεν επιστρέφεται.",
            ],
            CustomerDamage => [
                "Damaged after purchase.",
                "Повреден след покупката.",
                "Повреждён после покупки.",
                "Υπέστη ζημιά μετά την αγορά.",
            ],
            Used => [
                "The item has been used.",
                "Артикулът е използван.",
                "Товар был в употреблении.",
                "Το προϊόν έχει χρησιμοποιηθεί.",
            ],
            ReturnWindowExpired => [
                "The return period has ended.",
                "Срокът за връщане е изтекъл.",
                "Срок возврата истёк.",
                "Η προθεσμία επιστροφής έχει λήξει.",
            ],
            Opened => [
                "Returnable only unopened; the packaging has been opened.",
                "Връща се само неразопакован; опаковката е отворена.",
                "Возврат только в ненарушенной упаковке; упаковка вскрыта.",
                "Επιστρέφεται μόνο σφραγισμένο· η συσκευασία έχει ανοιχτεί.",
            ],
        })
    }

    /// The consumer law a claim is registered under, named in this language.
    pub fn statute(self, jurisdiction: Jurisdiction) -> &'static str {
        self.pick(match jurisdiction {
            Jurisdiction::BG => [
                "Bulgarian Consumer Protection Act (Закон за защита на потребителите)",
                "Закон за защита на потребителите",
                "Закон Болгарии о защите потребителей (Закон за защита на потребителите)",
                "Βουλγαρικός νόμος για την προστασία των καταναλωτών (Закон за защита на потребителите)",
            ],
            Jurisdiction::GR => [
                "Greek consumer protection law ν. 2251/1994",
                "Гръцки закон за защита на потребителите ν. 2251/1994",
                "Закон Греции о защите потребителей ν. 2251/1994",
                "ν. 2251/1994 για την προστασία των καταναλωτών",
            ],
            Jurisdiction::RU => [
                "Russian Consumer Rights Protection Law (Закон РФ «О защите прав потребителей»)",
                "Руски закон за защита на потребителите (Закон РФ «О защите прав потребителей»)",
                "Закон РФ «О защите прав потребителей» от 07.02.1992 № 2300-1",
                "Ρωσικός νόμος για την προστασία των καταναλωτών (Закон РФ «О защите прав потребителей»)",
            ],
            Jurisdiction::EU => [
                "Directive (EU) 2019/771 on contracts for the sale of goods",
                "Директива (ЕС) 2019/771 относно договорите за продажба на стоки",
                "Директива (ЕС) 2019/771 о договорах купли-продажи товаров",
                "Οδηγία (ΕΕ) 2019/771 για τις συμβάσεις πώλησης αγαθών",
            ],
        })
    }

    /// The statutory paragraph of a warranty claim.
    pub(crate) fn statutory_text(self, jurisdiction: Jurisdiction, settle_by: &str) -> String {
        let law = self.statute(jurisdiction);
        match self {
            Lang::En => format!(
                "Legal basis: {law}. The seller must settle this claim by {settle_by}. \
                 A commercial warranty does not limit the consumer's statutory rights."
            ),
            Lang::Bg => format!(
                "Правно основание: {law}. Търговецът е длъжен да удовлетвори рекламацията до {settle_by}. \
                 Търговската гаранция не ограничава правата на потребителя по закон."
            ),
            Lang::Ru => format!(
                "Правовое основание: {law}. Продавец обязан удовлетворить требование до {settle_by}. \
                 Гарантия продавца не ограничивает права потребителя, предусмотренные законом."
            ),
            Lang::El => format!(
                "Νομική βάση: {law}. Ο πωλητής οφείλει να διευθετήσει το αίτημα έως {settle_by}. \
                 Η εμπορική εγγύηση δεν περιορίζει τα νόμιμα δικαιώματα του καταναλωτή."
            ),
        }
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
    pub settle_by: &'static str,
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
    fee: "Fee",
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
    customer: "Customer",
    email: "E-mail",
    address: "Address",
    product: "Product",
    serial: "Serial no.",
    price: "Price paid",
    defect: "Defect as described by the customer",
    remedy: "Remedy requested",
    basis: "Basis",
    legal_until: "Legal guarantee until",
    commercial_until: "Commercial warranty until",
    settle_by: "Settle by",
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
    return_slip: "Бележка за връщане на стока",
    customer_copy: "Екземпляр за клиента",
    store_copy: "Екземпляр за магазина",
    slip_no: "Документ №",
    date_time: "Дата и час",
    desk: "Каса",
    clerk: "Служител",
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
    fee: "Такса",
    refund: "Възстановена сума",
    vat: "ДДС",
    vat_included: "в т.ч. ДДС",
    decision: "Решение",
    paid_in_receipt_currency: "Платено",
    fixed_rate: "Превалутирано по фиксирания курс 1 EUR = 1,95583 BGN",
    totals: "Общо",
    total_refund: "Обща възстановена сума",
    paid_back: "Възстановено чрез",
    manager_override: "Разрешение от управител",
    manager: "Управител",
    override_reason: "Основание",
    overridden_lines: "Редове",
    customer_signature: "Подпис на клиента",
    clerk_signature: "Подпис на служителя",
    manager_signature: "Подпис на управителя",
    return_policy: "Условия за връщане",
    cut_here: "отрежете тук",
    page: "Стр.",
    warranty_claim: "Рекламация",
    register_no: "№ в регистъра на рекламациите",
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
    voucher: "Ваучер за кредит в магазина",
    voucher_code: "Код на ваучера",
    amount: "Сума",
    issued: "Издаден",
    valid_until: "Валиден до",
    from_slip: "По бележка за връщане",
    holder: "Притежател",
    day_summary: "Дневен отчет за връщанията",
    day: "Дата",
    printed: "Отпечатано",
    slips_issued: "Издадени бележки за връщане",
    lines_returned: "Върнати редове",
    lines_denied: "Отказани редове",
    claims_registered: "Заведени рекламации",
    refunds_by_tender: "Възстановено по начин на плащане",
    fees_kept: "Удържани такси",
    overrides: "Разрешения от управител",
    none: "Няма",
};

const RU: Words = Words {
    return_slip: "Возврат товара",
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
    fee: "Удержание",
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
    warranty_claim: "Претензия по качеству товара",
    register_no: "№ в журнале претензий",
    registered_on: "Дата регистрации",
    customer: "Потребитель",
    email: "Эл. почта",
    address: "Адрес",
    product: "Товар",
    serial: "Серийный №",
    price: "Уплаченная цена",
    defect: "Недостаток со слов потребителя",
    remedy: "Требование потребителя",
    basis: "Основание",
    legal_until: "Срок по закону до",
    commercial_until: "Гарантия продавца до",
    settle_by: "Удовлетворить до",
    voucher: "Сертификат на сумму возврата",
    voucher_code: "Код сертификата",
    amount: "Сумма",
    issued: "Выдан",
    valid_until: "Действителен до",
    from_slip: "По документу возврата",
    holder: "Владелец",
    day_summary: "Сводка возвратов за день",
    day: "Дата",
    printed: "Напечатано",
    slips_issued: "Оформлено возвратов",
    lines_returned: "Возвращено позиций",
    lines_denied: "Отказано позиций",
    claims_registered: "Зарегистрировано претензий",
    refunds_by_tender: "Возвраты по способам оплаты",
    fees_kept: "Удержано сборов",
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
    clerk: "Υπάλληλος",
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
    fee: "Τέλος",
    refund: "Επιστροφή",
    vat: "ΦΠΑ",
    vat_included: "εκ των οποίων ΦΠΑ",
    decision: "Απόφαση",
    paid_in_receipt_currency: "Πληρώθηκε",
    fixed_rate: "Μετατροπή με τη σταθερή ισοτιμία 1 EUR = 1,95583 BGN",
    totals: "Σύνολα",
    total_refund: "Σύνολο επιστροφής",
    paid_back: "Τρόπος επιστροφής",
    manager_override: "Έγκριση διευθυντή",
    manager: "Διευθυντής",
    override_reason: "Αιτιολογία",
    overridden_lines: "Γραμμές",
    customer_signature: "Υπογραφή πελάτη",
    clerk_signature: "Υπογραφή υπαλλήλου",
    manager_signature: "Υπογραφή διευθυντή",
    return_policy: "Πολιτική επιστροφών",
    cut_here: "κόψτε εδώ",
    page: "Σελ.",
    warranty_claim: "Αίτημα εγγύησης",
    register_no: "Αρ. μητρώου παραπόνων",
    registered_on: "Ημερομηνία καταχώρισης",
    customer: "Καταναλωτής",
    email: "Email",
    address: "Διεύθυνση",
    product: "Προϊόν",
    serial: "Σειριακός αρ.",
    price: "Τιμή αγοράς",
    defect: "Ελάττωμα όπως το περιγράφει ο καταναλωτής",
    remedy: "Αιτούμενη αποκατάσταση",
    basis: "Βάση",
    legal_until: "Νόμιμη εγγύηση έως",
    commercial_until: "Εμπορική εγγύηση έως",
    settle_by: "Διευθέτηση έως",
    voucher: "Πιστωτικό κουπόνι καταστήματος",
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
    fees_kept: "Τέλη που παρακρατήθηκαν",
    overrides: "Εγκρίσεις διευθυντή",
    none: "Κανένα",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slip::fonts::faces;

    fn all_texts(lang: Lang) -> Vec<String> {
        let w = lang.words();
        let mut texts: Vec<String> = [
            w.return_slip, w.customer_copy, w.store_copy, w.slip_no, w.date_time, w.desk, w.clerk, w.receipt,
            w.purchased, w.vat_id, w.company_id, w.phone, w.item, w.sku, w.qty, w.reason, w.condition, w.gross,
            w.fee, w.refund, w.vat, w.vat_included, w.decision, w.paid_in_receipt_currency, w.fixed_rate,
            w.totals, w.total_refund, w.paid_back, w.manager_override, w.manager, w.override_reason,
            w.overridden_lines, w.customer_signature, w.clerk_signature, w.manager_signature, w.return_policy,
            w.cut_here, w.page, w.warranty_claim, w.register_no, w.registered_on, w.customer, w.email,
            w.address, w.product, w.serial, w.price, w.defect, w.remedy, w.basis, w.legal_until,
            w.commercial_until, w.settle_by, w.voucher, w.voucher_code, w.amount, w.issued, w.valid_until,
            w.from_slip, w.holder, w.day_summary, w.day, w.printed, w.slips_issued, w.lines_returned,
            w.lines_denied, w.claims_registered, w.refunds_by_tender, w.fees_kept, w.overrides, w.none,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        texts.extend(DecisionCode::ALL.iter().map(|c| lang.explain(*c).to_string()));
        for j in [Jurisdiction::EU, Jurisdiction::BG, Jurisdiction::GR, Jurisdiction::RU] {
            texts.push(lang.statutory_text(j, "01.01.2026"));
        }
        texts
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
}
