//! Printed slips, checked the way a reader sees them: text extracted with poppler's
//! `pdftotext`, fonts listed with `pdffonts`, barcodes scanned with `zbarimg` from a
//! 300 dpi rendering, and a real print through CUPS to the ReturnDeskPDF printer.
//!
//! Needs poppler-utils, zbar-tools and (for the print test) CUPS; a missing tool fails
//! the test with the package to install — nothing is skipped.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use returndesk::slip::{
    self, sample, ClaimDueBasis, DecisionCode, Jurisdiction, Lang, Layout, ReturnedLine, SlipError, Verdict,
};

const LAYOUTS: [Layout; 2] = [Layout::Roll80mm, Layout::A4];

fn scratch_dir() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "returndesk-slips-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a command-line tool, failing with the Debian package to install when absent.
fn run(tool: &str, package: &str, args: &[&str]) -> String {
    let output = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run `{tool}` ({e}): install it with `apt-get install -y {package}`")
    });
    assert!(
        output.status.success(),
        "`{tool} {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn write_pdf(pdf: &[u8]) -> (PathBuf, PathBuf) {
    let dir = scratch_dir();
    let path = dir.join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    (dir, path)
}

/// The text of a PDF as one line: no-break spaces as plain spaces, blanks squeezed.
fn text_of(pdf: &[u8]) -> String {
    let (_dir, path) = write_pdf(pdf);
    let raw = run("pdftotext", "poppler-utils", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    // Lines wrap differently per layout; words are what matters.
    raw.replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_contains(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "missing {w:?} in:\n{text}");
    }
}

/// Page count and size of the first page (points) from `pdfinfo`.
fn page_info(pdf: &[u8]) -> (usize, f32, f32) {
    let (_dir, path) = write_pdf(pdf);
    let info = run("pdfinfo", "poppler-utils", &[path.to_str().unwrap()]);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|v| v.trim().parse().unwrap())
        .expect("pdfinfo prints Pages");
    let size: Vec<f32> = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .expect("pdfinfo prints Page size")
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (pages, size[0], size[1])
}

/// What `zbarimg` reads off a 300 dpi rendering of every page.
fn barcodes_of(pdf: &[u8]) -> Vec<String> {
    let (dir, path) = write_pdf(pdf);
    let prefix = dir.join("page");
    run("pdftoppm", "poppler-utils", &["-r", "300", "-png", path.to_str().unwrap(), prefix.to_str().unwrap()]);
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "pdftoppm rendered no page");
    let mut codes = Vec::new();
    for page in pages {
        let output = Command::new("zbarimg")
            .args(["--raw", "-q", "-Sdisable", "-Scode128.enable", page.to_str().unwrap()])
            .output()
            .unwrap_or_else(|e| panic!("cannot run `zbarimg` ({e}): install it with `apt-get install -y zbar-tools`"));
        // zbarimg exits 4 when a page has no barcode; that page then adds nothing.
        codes.extend(String::from_utf8_lossy(&output.stdout).lines().map(str::to_string));
    }
    codes
}

fn all_documents(lang: Lang, layout: Layout) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("return slip", slip::render_return_slip(&sample::return_slip(3, lang), lang, layout).unwrap()),
        ("leva return slip", slip::render_return_slip(&sample::leva_return_slip(lang), lang, layout).unwrap()),
        ("warranty claim", slip::render_warranty_claim(&sample::warranty_claim(), lang, layout).unwrap()),
        (
            "voucher",
            slip::render_store_credit_voucher(&sample::store_credit_voucher(lang), lang, layout).unwrap(),
        ),
        ("day summary", slip::render_desk_day_summary(&sample::desk_day_summary(), lang, layout).unwrap()),
        ("claim settlement", slip::render_claim_settlement(&sample::claim_settlement_in(Jurisdiction::BG), lang, layout).unwrap()),
        ("claim rejection", slip::render_claim_rejection(&sample::claim_rejection_in(Jurisdiction::GR), lang, layout).unwrap()),
    ]
}

#[test]
fn every_document_renders_in_every_language_and_layout() {
    for lang in Lang::ALL {
        for layout in LAYOUTS {
            for (name, pdf) in all_documents(lang, layout) {
                assert!(pdf.starts_with(b"%PDF-"), "{name} {lang:?} {layout:?} is not a PDF");
                assert!(pdf.len() < 60_000, "{name} {lang:?} {layout:?} is {} bytes", pdf.len());
                let (pages, width, height) = page_info(&pdf);
                match layout {
                    Layout::Roll80mm => {
                        assert_eq!(pages, 1, "{name} {lang:?}: the roll is one long page");
                        assert!((width - 226.77).abs() < 0.5, "{name} {lang:?}: roll width {width} pt");
                        assert!(height > 200.0 && height < 5000.0, "{name} {lang:?}: roll height {height} pt");
                    }
                    Layout::A4 => {
                        assert!((width - 595.28).abs() < 0.5 && (height - 841.89).abs() < 0.5, "{name}: not A4");
                        if name.contains("return slip") {
                            assert_eq!(pages, 2, "{name} {lang:?}: customer and store copy");
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn return_slip_reads_in_each_language_with_its_amounts() {
    let expected: [(Lang, &[&str]); 4] = [
        (
            Lang::En,
            &["RETURN SLIP", "Customer copy", "Store copy", "Original receipt", "€758.91", "€881.32", "−€132.20",
              "VAT", "€126.48", "Card", "Manager override", "Георги Иванов", "11 Oct 2026, 10:00",
              "Returned within the store’s return period.", "Under the store’s rules this item is not taken back unless it is defective.",
              "Decision: Denied", "Change of mind", "Opened"],
        ),
        (
            Lang::Bg,
            &["ДОКУМЕНТ ЗА ВРЪЩАНЕ НА СТОКА", "Екземпляр за клиента", "Екземпляр за магазина", "Касова бележка",
              "Възстановена", "Общо за възстановяване", "ДДС", "758,91 €", "881,32 €", "−132,20 €", "126,48 €", "Банкова карта",
              "Разрешение от управител", "11.10.2026 г., 10:00", "01.10.2026", "По желание на клиента", "Разопакован",
              "По правилата на магазина артикулът не се приема обратно, освен при дефект."],
        ),
        (
            Lang::Ru,
            &["ДОКУМЕНТ О ВОЗВРАТЕ ТОВАРА", "Экземпляр покупателя", "Кассовый чек", "К возврату", "НДС", "758,91 €",
              "881,32 €", "Банковская карта", "Решение управляющего", "11 окт. 2026 г., 10:00", "По желанию покупателя", "Упаковка вскрыта",
              "По правилам магазина этот товар без недостатков обратно не принимается."],
        ),
        (
            Lang::El,
            &["ΔΕΛΤΙΟ ΕΠΙΣΤΡΟΦΗΣ", "Αντίγραφο πελάτη", "Επιστροφή", "ΦΠΑ", "758,91 €", "881,32 €", "Κάρτα",
              "Έγκριση υπευθύνου", "11 Οκτ 2026, 10:00", "Αλλαγή γνώμης", "Ανοιγμένο", "Σφραγισμένο",
              "Σύμφωνα με την πολιτική του καταστήματος, το είδος δεν επιστρέφεται, εκτός αν είναι ελαττωματικό."],
        ),
    ];
    for (lang, words) in expected {
        for layout in LAYOUTS {
            let pdf = slip::render_return_slip(&sample::return_slip(3, lang), lang, layout).unwrap();
            let text = text_of(&pdf);
            assert_contains(&text, words);
            assert!(text.matches("RS-2026-000123").count() >= 4, "slip number on both copies");
        }
    }
}

#[test]
fn leva_receipt_shows_the_leva_paid_and_the_euro_refunded() {
    let cases: [(Lang, &[&str]); 4] = [
        (Lang::En, &["BGN 67.49", "€34.51", "€5.75", "1 EUR = 1.95583 BGN"]),
        (Lang::Bg, &["67,49 лв.", "34,51 €", "5,75 €", "1 EUR = 1,95583 BGN", "Платено (BGN)"]),
        (Lang::Ru, &["67,49 лв.", "34,51 €", "Оплачено (BGN)"]),
        (Lang::El, &["67,49 лв.", "34,51 €", "Πληρώθηκε (BGN)"]),
    ];
    for (lang, words) in cases {
        let pdf = slip::render_return_slip(&sample::leva_return_slip(lang), lang, Layout::Roll80mm).unwrap();
        assert_contains(&text_of(&pdf), words);
    }
}

#[test]
fn a_deduction_for_loss_of_value_is_printed_with_its_reason() {
    let cases: [(Lang, &[&str]); 4] = [
        (Lang::En, &["Deduction for loss of value", "−€12.50", "Reason for the deduction: Scratched hopper, burrs used", "€96.50"]),
        (Lang::Bg, &["Удръжка за намалена стойност", "−12,50 €", "Основание за удръжката: Надраскан съд, използвани ножове", "96,50 €"]),
        (Lang::Ru, &["Удержание за потерю стоимости", "−12,50 €", "Основание удержания: Поцарапан бункер, жернова в употреблении", "96,50 €"]),
        (Lang::El, &["Έκπτωση για μείωση αξίας", "−12,50 €", "Αιτιολογία έκπτωσης: Γρατζουνισμένο δοχείο, χρησιμοποιημένα μαχαίρια", "96,50 €"]),
    ];
    for (lang, words) in cases {
        for layout in LAYOUTS {
            let pdf = slip::render_return_slip(&sample::loss_of_value_return_slip(lang), lang, layout).unwrap();
            let text = text_of(&pdf);
            assert_contains(&text, words);
            // On the line and in the totals, on both copies.
            let label = lang.loss_of_value_deduction();
            assert_eq!(text.matches(label).count(), 4, "{lang:?} {layout:?}: {text}");
        }
    }
}

#[test]
fn every_decision_code_is_explained_on_the_slip() {
    for lang in Lang::ALL {
        let mut view = sample::return_slip(1, lang);
        let template = view.lines[0].clone();
        view.lines = DecisionCode::ALL
            .iter()
            .enumerate()
            .map(|(i, code)| ReturnedLine {
                line: i as u32 + 1,
                verdict: Verdict::Denied,
                codes: vec![*code],
                ..template.clone()
            })
            .collect();
        let pdf = slip::render_return_slip(&view, lang, Layout::A4).unwrap();
        // Explanations wrap on the page; compare with all whitespace removed.
        let text: String = text_of(&pdf).split_whitespace().collect();
        for code in DecisionCode::ALL {
            let words: String = lang.explain(code).split_whitespace().collect();
            assert!(text.contains(&words), "{lang:?}: {code:?} not explained as {:?}", lang.explain(code));
        }
    }
}

/// Each jurisdiction's claim document in its language: the statute as the law is, and the
/// settlement date as the law's deadline (BG, RU) or as the store's target where the law asks
/// only for a reasonable time (EU, GR) — never a deadline there.
#[test]
fn a_claim_in_each_jurisdiction_prints_its_statute_and_the_settlement_wording_its_law_gives() {
    // The four labels of a statutory date ("To be settled by"), none of which a target may wear.
    const DEADLINE_LABELS: [&str; 4] = ["To be settled by", "Срок за удовлетворяване", "Удовлетворить до", "Διευθέτηση έως"];
    let cases: [(Jurisdiction, Lang, &[&str], &[&str]); 4] = [
        (
            Jurisdiction::BG,
            Lang::Bg,
            &["РЕКЛАМАЦИЯ", "Закон за предоставяне на цифрово съдържание и цифрови услуги и за продажба на стоки (ЗПЦСЦУПС)",
              "несъответствие на стоката", "в срок един месец от предявяването на рекламацията",
              "право на възстановяване на платената сума или на намаляване на цената",
              "регистъра на рекламациите по чл. 127 от Закона за защита на потребителите (ЗЗП)",
              "№ в регистъра", "Срок за удовлетворяване", "11.11.2026", "Ремонт", "1 249,90 €", "Помпата спира"],
            &["разумен срок", "целева дата", "Правно основание: Закон за защита на потребителите"],
        ),
        (
            Jurisdiction::GR,
            Lang::El,
            &["ΑΙΤΗΜΑ ΕΓΓΥΗΣΗΣ", "ΑΚ 534 επ. (όπως ισχύουν μετά τον ν. 4967/2022)",
              "ν. 2251/1994, άρθρο 5 (νόμιμη εγγύηση) και άρθρο 5Α (εμπορική εγγύηση)",
              "Διευθέτηση εντός εύλογου χρόνου (στόχος: 10 Νοε 2026)", "όχι προθεσμία του νόμου", "Επισκευή", "1.249,90 €"],
            &["Διευθέτηση έως", "οφείλει να διευθετήσει"],
        ),
        (
            Jurisdiction::EU,
            Lang::En,
            &["WARRANTY CLAIM", "the national law of the member state implementing Directive (EU) 2019/771",
              "To be settled within a reasonable time (target: 10 Nov 2026)", "not a deadline set by law",
              "Legal guarantee until", "14 Mar 2027", "€1,249.90", "Complaint register no."],
            &["To be settled by", "must settle this claim by"],
        ),
        (
            Jurisdiction::RU,
            Lang::Ru,
            &["ПРЕТЕНЗИЯ ПО КАЧЕСТВУ", "Закон РФ от 07.02.1992 № 2300-1 «О защите прав потребителей»",
              "в срок, определённый соглашением сторон в письменной форме, но не более 45 дней", "незамедлительно (ст. 20)",
              "замена товара — 7 дней, при необходимости дополнительной проверки качества — 20 дней, при отсутствии товара для замены — один месяц (ст. 21)",
              "соразмерное уменьшение цены, возврат уплаченной суммы — 10 дней (ст. 22)",
              "Удовлетворить до", "25 нояб. 2026 г.", "Безвозмездный ремонт", "89 990,00 ₽", "Серийный №"],
            &["разумный срок", "целевая дата"],
        ),
    ];
    for (jurisdiction, lang, wanted, unwanted) in cases {
        let claim = sample::warranty_claim_in(jurisdiction);
        let target = claim.claim_due_basis == ClaimDueBasis::StoreTarget;
        assert_eq!(target, matches!(jurisdiction, Jurisdiction::EU | Jurisdiction::GR), "{jurisdiction:?}: the sample's basis");
        for layout in LAYOUTS {
            let text = text_of(&slip::render_warranty_claim(&claim, lang, layout).unwrap());
            assert_contains(&text, wanted);
            for word in unwanted {
                assert!(!text.contains(word), "{jurisdiction:?} {lang:?} {layout:?} says {word:?}:\n{text}");
            }
            if target {
                for label in DEADLINE_LABELS {
                    assert!(!text.contains(label), "{jurisdiction:?}: a store target printed as a deadline ({label:?}):\n{text}");
                }
            }
        }
    }
}

#[test]
fn a_claim_names_its_jurisdiction_s_law_in_any_language() {
    let cases: [(Jurisdiction, Lang, &[&str]); 4] = [
        (Jurisdiction::BG, Lang::En, &["Bulgarian Act on the Supply of Digital Content", "art. 127 of the Consumer Protection Act (ЗЗП)",
                                        "To be settled by", "11 Nov 2026"]),
        (Jurisdiction::RU, Lang::Bg, &["Закон на Руската федерация № 2300-1", "(чл. 20)", "(чл. 21)", "(чл. 22)", "Срок за удовлетворяване"]),
        (Jurisdiction::GR, Lang::Ru, &["Гражданский кодекс Греции, ст. 534", "Закон 2251/1994",
                                        "Требование удовлетворяется в разумный срок (целевая дата: 10 нояб. 2026 г.)"]),
        (Jurisdiction::EU, Lang::El, &["Οδηγία (ΕΕ) 2019/771", "Διευθέτηση εντός εύλογου χρόνου (στόχος: 10 Νοε 2026)"]),
    ];
    for (jurisdiction, lang, wanted) in cases {
        let pdf = slip::render_warranty_claim(&sample::warranty_claim_in(jurisdiction), lang, Layout::A4).unwrap();
        assert_contains(&text_of(&pdf), wanted);
    }
}

#[test]
fn voucher_and_day_summary_show_their_money() {
    let voucher = |lang| slip::render_store_credit_voucher(&sample::store_credit_voucher(lang), lang, Layout::Roll80mm);
    assert_contains(&text_of(&voucher(Lang::En).unwrap()), &["€1,234.56", "Valid until 11 Oct 2027", "SC-7Q4M-92KD"]);
    assert_contains(&text_of(&voucher(Lang::Bg).unwrap()), &["1 234,56 €", "Валиден до 11.10.2027"]);
    assert_contains(&text_of(&voucher(Lang::El).unwrap()), &["1.234,56 €", "Ισχύει έως 11 Οκτ 2027"]);

    let summary = |lang| slip::render_desk_day_summary(&sample::desk_day_summary(), lang, Layout::A4).unwrap();
    assert_contains(
        &text_of(&summary(Lang::En)),
        &["€1,893.40", "€162.75", "€2,106.15", "€164.35", "Gift card", "Desk S01-D2", "Whole store", "S01-R0000131", "(2)", "14"],
    );
    assert_contains(&text_of(&summary(Lang::Ru)), &["2 106,15 €", "Наличные", "Удержано сборов", "СВОДКА ВОЗВРАТОВ ЗА ДЕНЬ", "Касса S01-D1"]);
}

#[test]
fn dejavu_is_embedded_and_subset() {
    let pdf = slip::render_return_slip(&sample::return_slip(3, Lang::Ru), Lang::Ru, Layout::A4).unwrap();
    let (_dir, path) = write_pdf(&pdf);
    let fonts = run("pdffonts", "poppler-utils", &[path.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "regular and bold only:\n{fonts}");
    for (row, face) in rows.iter().zip(["DejaVuSans", "DejaVuSans-Bold"]) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let (tag, name) = cols[0].split_once('+').unwrap_or_else(|| panic!("not a subset name: {row}"));
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()), "subset tag {tag}");
        assert!(fonts.contains(face) && name.starts_with("DejaVuSans"), "{row}");
        // emb sub uni
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "embedded, subset, unicode: {row}");
    }
}

#[test]
fn barcodes_scan_back_to_the_document_number() {
    for layout in LAYOUTS {
        let pdf = slip::render_return_slip(&sample::return_slip(3, Lang::Bg), Lang::Bg, layout).unwrap();
        let codes = barcodes_of(&pdf);
        // A4: one page per copy. The roll is one image, in which zbar reports two
        // identical symbols once.
        let copies = if layout == Layout::A4 { 2 } else { 1 };
        assert_eq!(codes, vec!["RS-2026-000123"; copies], "{layout:?}");
        let pdf = slip::render_warranty_claim(&sample::warranty_claim(), Lang::El, layout).unwrap();
        assert_eq!(barcodes_of(&pdf), vec!["RK-2026-0042"], "{layout:?}");
        let pdf =
            slip::render_store_credit_voucher(&sample::store_credit_voucher(Lang::Ru), Lang::Ru, layout).unwrap();
        assert_eq!(barcodes_of(&pdf), vec!["SC-7Q4M-92KD"], "{layout:?}");
    }
}

#[test]
fn a_ten_line_slip_is_small_and_wraps_onto_more_a4_pages() {
    let view = sample::return_slip(10, Lang::En);
    let roll = slip::render_return_slip(&view, Lang::En, Layout::Roll80mm).unwrap();
    assert!(roll.len() < 60_000, "10-line roll slip is {} bytes", roll.len());
    let a4 = slip::render_return_slip(&view, Lang::En, Layout::A4).unwrap();
    assert!(a4.len() < 60_000, "10-line A4 slip is {} bytes", a4.len());
    let (pages, _, _) = page_info(&a4);
    assert!(pages >= 2, "two copies at least");
    let text = text_of(&a4);
    assert_eq!(text.matches("Television 55in Acme UltraView").count(), 2, "the long name on each copy once");
}

#[test]
fn numbers_that_cannot_be_barcodes_and_unknown_names_are_errors() {
    let mut view = sample::return_slip(1, Lang::Bg);
    view.slip_number = "ВР-1".to_string();
    assert!(matches!(slip::render_return_slip(&view, Lang::Bg, Layout::A4), Err(SlipError::Barcode(_))));
    assert_eq!(Layout::parse("80mm").unwrap(), Layout::Roll80mm);
    assert_eq!(Layout::parse("A4").unwrap(), Layout::A4);
    assert!(matches!(Layout::parse("letter"), Err(SlipError::UnknownLayout(_))));
    assert_eq!(Lang::parse("bg").unwrap(), Lang::Bg);
    assert!(matches!(Lang::parse("xx"), Err(SlipError::UnknownLanguage(_))));
}

/// Runs scripts/setup-cups.sh (idempotent) and returns where cups-pdf writes.
fn cups_pdf_out() -> PathBuf {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/setup-cups.sh");
    let output = Command::new("sh").arg(&script).output().expect("run scripts/setup-cups.sh");
    assert!(
        output.status.success(),
        "scripts/setup-cups.sh failed (needs root or a prepared CUPS: cups, cups-bsd, printer-driver-cups-pdf):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let dir = stdout
        .lines()
        .find_map(|l| l.strip_prefix("RETURNDESK_PDF_OUT="))
        .expect("setup-cups.sh prints RETURNDESK_PDF_OUT=");
    PathBuf::from(dir.trim())
}

#[test]
fn printing_a_slip_to_the_virtual_printer_produces_its_pdf() {
    let out = cups_pdf_out();
    let started = SystemTime::now();
    let token = format!("returndesk-print-test-{}", std::process::id());
    let pdf = slip::render_return_slip(&sample::return_slip(2, Lang::Bg), Lang::Bg, Layout::Roll80mm).unwrap();
    let job = slip::print(&pdf, "ReturnDeskPDF", &token).expect("lp accepts the job");
    assert!(job.id.starts_with("ReturnDeskPDF-"), "job id {:?}", job.id);

    // cups-pdf names the file after the job title; wait for it to be written completely.
    let deadline = Instant::now() + Duration::from_secs(60);
    let printed = loop {
        let found = std::fs::read_dir(&out).ok().and_then(|entries| {
            entries.filter_map(Result::ok).map(|e| e.path()).find(|p| {
                let name = p.file_name().unwrap_or_default().to_string_lossy().replace('_', "-");
                name.contains(&token)
                    && p.metadata().and_then(|m| m.modified()).is_ok_and(|t| t >= started - Duration::from_secs(2))
            })
        });
        if let Some(path) = found {
            let bytes = std::fs::read(&path).unwrap_or_default();
            if bytes.starts_with(b"%PDF") && bytes.windows(5).any(|w| w == b"%%EOF") {
                break bytes;
            }
        }
        assert!(Instant::now() < deadline, "no PDF titled {token} appeared in {} within 60 s", out.display());
        std::thread::sleep(Duration::from_millis(250));
    };
    // cups-pdf re-renders through Ghostscript (Type 3 fonts, no text layer), so check
    // what a scanner sees: a PDF page carrying the slip's barcode.
    let (pages, _, _) = page_info(&printed);
    assert!(pages >= 1, "printed PDF has no page");
    assert!(barcodes_of(&printed).contains(&"RS-2026-000123".to_string()), "printed slip's barcode");
}

#[test]
fn printing_to_an_unknown_printer_reports_lp_s_error() {
    cups_pdf_out();
    let pdf = slip::render_store_credit_voucher(&sample::store_credit_voucher(Lang::En), Lang::En, Layout::Roll80mm)
        .unwrap();
    match slip::print(&pdf, "NoSuchReturnDeskPrinter", "voucher") {
        Err(SlipError::Print { printer, message, .. }) => {
            assert_eq!(printer, "NoSuchReturnDeskPrinter");
            assert!(!message.is_empty(), "lp's message is passed on");
            let shown = SlipError::Print { printer, status: "1".into(), message: message.clone() }.to_string();
            assert!(shown.contains("NoSuchReturnDeskPrinter") && shown.contains(&message), "{shown}");
        }
        other => panic!("expected lp's error, got {other:?}"),
    }
}

// ---- Warranty claims: intake, settlement, rejection and the complaint register (issue 11) ----

/// A jurisdiction, its language, and the words its intake, settlement and rejection documents must hold.
type DocumentWords = (Jurisdiction, Lang, &'static [&'static str], &'static [&'static str], &'static [&'static str]);

#[test]
fn claim_documents_read_back_in_each_jurisdiction() {
    let cases: [DocumentWords; 4] = [
        (
            Jurisdiction::BG,
            Lang::Bg,
            &["РЕКЛАМАЦИЯ", "RK-2026-0042", "Предадени принадлежности", "Кутия, каничка за мляко, ръководство",
              "Състояние на стоката", "Леки драскотини отстрани", "Срок за удовлетворяване", "11.11.2026",
              "По закон: един месец от предявяването на рекламацията (ЗПЦСЦУПС).", "чл. 127 от Закона за защита на потребителите",
              "Подпис на клиента"],
            &["УДОВЛЕТВОРЯВАНЕ НА РЕКЛАМАЦИЯ", "Възстановяване на платената сума", "Изплатено", "1 249,90 €", "Банкова карта",
              "04.11.2026 г., 15:30", "Георги Димитров"],
            &["ОТКАЗ ПО РЕКЛАМАЦИЯ", "Мотиви", "повреда от течност", "ServiceTech Ltd.", "Комисията за защита на потребителите (КЗП)",
              "Този отказ не ограничава правата ви по закон."],
        ),
        (
            Jurisdiction::GR,
            Lang::El,
            &["ΑΙΤΗΜΑ ΕΓΓΥΗΣΗΣ", "GR-2026-0042", "εντός εύλογου χρόνου (στόχος: 10 Νοε 2026)", "ΑΚ 534"],
            &["ΔΙΕΥΘΕΤΗΣΗ ΑΙΤΗΜΑΤΟΣ ΕΓΓΥΗΣΗΣ", "Επιστροφή χρημάτων", "1.249,90 €", "Κάρτα", "4 Νοε 2026, 15:30"],
            &["ΑΠΟΡΡΙΨΗ ΑΙΤΗΜΑΤΟΣ ΕΓΓΥΗΣΗΣ", "ζημιά από υγρά", "Συνήγορο του Καταναλωτή", "(ΓΓΕΠΚ)"],
        ),
        (
            Jurisdiction::EU,
            Lang::En,
            &["WARRANTY CLAIM", "EU-2026-0042", "within a reasonable time", "Directive (EU) 2019/771"],
            &["WARRANTY CLAIM SETTLEMENT", "Refund", "Paid back", "Card", "4 Nov 2026, 15:30"],
            &["WARRANTY CLAIM REJECTION", "liquid damage", "the service, on its finding (ServiceTech Ltd.)",
              "the consumer protection authority of your country", "Your rights"],
        ),
        (
            Jurisdiction::RU,
            Lang::Ru,
            &["ПРЕТЕНЗИЯ ПО КАЧЕСТВУ", "По закону: не более 45 дней (ст. 20 Закона РФ «О защите прав потребителей»).", "Удовлетворить до"],
            &["УДОВЛЕТВОРЕНИЕ ПРЕТЕНЗИИ ПО КАЧЕСТВУ", "Возврат уплаченной суммы", "Выплачено", "Банковская карта", "4 нояб. 2026 г., 15:30"],
            &["ОТКАЗ ПО ПРЕТЕНЗИИ ПО КАЧЕСТВУ", "повреждение платы", "Роспотребнадзор", "Этот отказ не ограничивает ваши права по закону."],
        ),
    ];
    for (jurisdiction, lang, intake, settlement, rejection) in cases {
        for layout in LAYOUTS {
            let text = text_of(&slip::render_warranty_claim(&sample::warranty_claim_in(jurisdiction), lang, layout).unwrap());
            assert_contains(&text, intake);
            let text = text_of(&slip::render_claim_settlement(&sample::claim_settlement_in(jurisdiction), lang, layout).unwrap());
            assert_contains(&text, settlement);
            let text = text_of(&slip::render_claim_rejection(&sample::claim_rejection_in(jurisdiction), lang, layout).unwrap());
            assert_contains(&text, rejection);
        }
    }
    // Where the law sets no period (EU, GR), no statutory period is printed on the intake.
    let text = text_of(&slip::render_warranty_claim(&sample::warranty_claim_in(Jurisdiction::GR), Lang::En, Layout::A4).unwrap());
    assert!(!text.contains("By law:"), "{text}");
    // The authority of the claim's jurisdiction, in whatever language it is printed.
    let rejection = |j, lang| text_of(&slip::render_claim_rejection(&sample::claim_rejection_in(j), lang, Layout::A4).unwrap());
    assert_contains(&rejection(Jurisdiction::BG, Lang::El), &["(КЗП)"]);
    assert_contains(&rejection(Jurisdiction::GR, Lang::Bg), &["Συνήγορος του Καταναλωτή", "ΓΓΕΠΚ"]);
    assert_contains(&rejection(Jurisdiction::RU, Lang::En), &["Rospotrebnadzor (Роспотребнадзор)"]);
}

#[test]
fn claim_documents_scan_back_to_the_register_number() {
    for layout in LAYOUTS {
        let pdf = slip::render_claim_settlement(&sample::claim_settlement_in(Jurisdiction::BG), Lang::Bg, layout).unwrap();
        assert_eq!(barcodes_of(&pdf), vec!["RK-2026-0042"], "{layout:?}");
        let pdf = slip::render_claim_rejection(&sample::claim_rejection_in(Jurisdiction::RU), Lang::Ru, layout).unwrap();
        assert_eq!(barcodes_of(&pdf), vec!["RU-2026-0042"], "{layout:?}");
    }
}

#[test]
fn the_register_pdf_is_a4_landscape_with_every_entry_and_numbered_pages() {
    for (jurisdiction, lang) in [(Jurisdiction::BG, Lang::En), (Jurisdiction::BG, Lang::Bg), (Jurisdiction::GR, Lang::El), (Jurisdiction::RU, Lang::Ru)] {
        let sheet = sample::register_sheet(jurisdiction);
        let pdf = slip::render_register(&sheet, lang).unwrap();
        let (pages, width, height) = page_info(&pdf);
        assert!((width - 841.89).abs() < 0.5 && (height - 595.28).abs() < 0.5, "{lang:?}: not A4 landscape: {width}×{height}");
        assert!(pages > 1, "{lang:?}: 40 entries take more than a page");
        let text = text_of(&pdf);
        assert_contains(&text, &[slip::register_title(lang), "2026"]);
        for entry in &sheet.entries {
            assert!(text.contains(&entry.register_number), "{lang:?}: {} missing", entry.register_number);
        }
        let page_word = match lang {
            Lang::En => "Page",
            Lang::Bg => "Стр.",
            Lang::Ru => "Стр.",
            Lang::El => "Σελ.",
        };
        for page in 1..=pages {
            assert!(text.contains(&format!("{page_word} {page} / {pages}")), "{lang:?}: page {page} is not numbered:\n{text}");
        }
        // The table's header starts every page.
        let first_column = slip::register_columns(lang)[0];
        assert_eq!(text.matches(first_column).count(), pages, "{lang:?}: the header on every page");
    }
    // An empty year still makes a page that says so.
    let mut empty = sample::register_sheet(Jurisdiction::BG);
    empty.entries.clear();
    let text = text_of(&slip::render_register(&empty, Lang::En).unwrap());
    assert_contains(&text, &["Complaint register", "Entries: 0", "No claims were registered in this year.", "Page 1 / 1"]);
}

#[test]
fn the_register_csv_has_a_bom_a_header_and_one_row_per_entry() {
    let sheet = sample::register_sheet(Jurisdiction::GR);
    let bytes = slip::register_csv(&sheet, Lang::El);
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a UTF-8 byte-order mark");
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(body);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, slip::register_columns(Lang::El));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), sheet.entries.len());
    for (row, entry) in rows.iter().zip(&sheet.entries) {
        assert_eq!(row.len(), 14);
        assert_eq!(&row[0], entry.register_number);
        assert_eq!(&row[2], entry.customer_name);
        assert_eq!(&row[7], entry.defect, "the Greek defect text, its punctuation kept");
        assert_eq!(&row[11], slip::due_basis_word(Lang::El, entry.due_basis));
        assert_eq!(&row[12], slip::stage_word(Lang::El, &entry.stage));
    }
}
