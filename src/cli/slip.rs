//! `returndesk slip CASE.json --lang bg --layout 80mm --out slip.pdf`: the return slip of an
//! evaluated case, through the same mapping and renderer the desk uses, without a database.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::evaluate::read_input;
use super::{FAILED, INVALID};
use crate::service::slips::{return_slip, SlipHeader};
use crate::slip::{self, Lang, Layout};

#[derive(Args, Debug)]
pub struct SlipArgs {
    /// The case file (the evaluation contract's format), or `-` for standard input.
    pub case: PathBuf,
    /// en, bg, ru or el.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// 80mm (receipt roll) or a4.
    #[arg(long, default_value = "80mm")]
    pub layout: String,
    /// Where to write the PDF.
    #[arg(long)]
    pub out: PathBuf,
    /// Also send it to this CUPS printer.
    #[arg(long)]
    pub print: Option<String>,
    #[arg(long, default_value = "Return Desk")]
    pub store_name: String,
    #[arg(long, default_value = "DESK-1")]
    pub desk: String,
    #[arg(long, default_value = "—")]
    pub clerk: String,
}

pub fn run(args: SlipArgs) -> ExitCode {
    let fail = |code: u8, message: String| {
        eprintln!("returndesk: {message}");
        ExitCode::from(code)
    };
    let lang = match Lang::parse(&args.lang) {
        Ok(l) => l,
        Err(e) => return fail(INVALID, format!("--lang: {e}")),
    };
    let layout = match Layout::parse(&args.layout) {
        Ok(l) => l,
        Err(e) => return fail(INVALID, format!("--layout: {e}")),
    };
    let text = match read_input(&args.case) {
        Ok(t) => t,
        Err(e) => return fail(INVALID, e),
    };
    let case = match crate::contract::parse_case(&text) {
        Ok(c) => c,
        Err(e) => return fail(INVALID, format!("invalid case: {e}")),
    };
    let decision = crate::domain::evaluate(&case);
    let receipt = case.receipt();
    let header = SlipHeader {
        store: slip::view::Store {
            name: args.store_name.clone(),
            address: vec![],
            vat_id: String::new(),
            company_id: None,
            phone: None,
            country: None,
        },
        slip_number: format!("{}-R", receipt.number),
        issued_at: case.now(),
        desk: args.desk.clone(),
        clerk: args.clerk.clone(),
        return_days: case.policy().default_item_rules().return_days,
        manager_override: None,
    };
    let view = return_slip(header, receipt, case.request(), &decision, lang);
    let pdf = match slip::render_return_slip(&view, lang, layout) {
        Ok(p) => p,
        Err(e) => return fail(INVALID, e.to_string()),
    };
    if let Err(e) = std::fs::write(&args.out, &pdf) {
        return fail(FAILED, format!("{}: {e}", args.out.display()));
    }
    println!("{} ({} bytes, slip {})", args.out.display(), pdf.len(), view.slip_number);
    if let Some(printer) = &args.print {
        match slip::print(&pdf, printer, &view.slip_number) {
            Ok(job) => println!("sent to {printer}: job {}", job.id),
            Err(e) => return fail(FAILED, e.to_string()),
        }
    }
    ExitCode::SUCCESS
}
