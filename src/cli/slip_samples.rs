//! `returndesk slip-samples DIR` (hidden): the sample documents as PDFs, for
//! `scripts/render-slips.sh` to turn into the PNGs in docs/slips/.

use std::path::PathBuf;
use std::process::ExitCode;

use super::FAILED;
use crate::slip::{self, sample, Jurisdiction, Lang, Layout};

pub fn run(dir: PathBuf) -> ExitCode {
    let layouts = [(Layout::Roll80mm, "80mm"), (Layout::A4, "a4")];
    let mut documents: Vec<(String, Result<Vec<u8>, slip::SlipError>)> = Vec::new();
    for lang in Lang::ALL {
        for (layout, l) in layouts {
            documents.push((format!("return-slip-{}-{l}", lang.code()), slip::render_return_slip(&sample::return_slip(3, lang), lang, layout)));
        }
    }
    for (layout, l) in layouts {
        documents.push((format!("return-slip-leva-bg-{l}"), slip::render_return_slip(&sample::leva_return_slip(Lang::Bg), Lang::Bg, layout)));
        for lang in [Lang::Bg, Lang::El] {
            let view = sample::loss_of_value_return_slip(lang);
            documents.push((format!("return-slip-loss-of-value-{}-{l}", lang.code()), slip::render_return_slip(&view, lang, layout)));
        }
        // Each jurisdiction's claim in its language: the statute and the settlement wording differ.
        for (jurisdiction, lang) in [(Jurisdiction::BG, Lang::Bg), (Jurisdiction::GR, Lang::El), (Jurisdiction::EU, Lang::En), (Jurisdiction::RU, Lang::Ru)] {
            documents.push((format!("warranty-claim-{}-{l}", lang.code()), slip::render_warranty_claim(&sample::warranty_claim_in(jurisdiction), lang, layout)));
        }
        for (jurisdiction, lang) in [(Jurisdiction::BG, Lang::Bg), (Jurisdiction::GR, Lang::El), (Jurisdiction::EU, Lang::En), (Jurisdiction::RU, Lang::Ru)] {
            let code = lang.code();
            documents.push((format!("claim-settlement-{code}-{l}"), slip::render_claim_settlement(&sample::claim_settlement_in(jurisdiction), lang, layout)));
            documents.push((format!("claim-rejection-{code}-{l}"), slip::render_claim_rejection(&sample::claim_rejection_in(jurisdiction), lang, layout)));
        }
        for lang in [Lang::En, Lang::El] {
            documents.push((format!("voucher-{}-{l}", lang.code()), slip::render_store_credit_voucher(&sample::store_credit_voucher(lang), lang, layout)));
        }
        for lang in [Lang::En, Lang::Bg] {
            documents.push((format!("day-summary-{}-{l}", lang.code()), slip::render_desk_day_summary(&sample::desk_day_summary(), lang, layout)));
        }
    }
    for (jurisdiction, lang) in [(Jurisdiction::BG, Lang::En), (Jurisdiction::BG, Lang::Bg), (Jurisdiction::GR, Lang::El), (Jurisdiction::RU, Lang::Ru)] {
        documents.push((format!("register-{}-{}", jurisdiction.code(), lang.code()), slip::render_register(&sample::register_sheet(jurisdiction), lang)));
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("returndesk: {}: {e}", dir.display());
        return ExitCode::from(FAILED);
    }
    for (name, pdf) in documents {
        let written = pdf
            .map_err(|e| e.to_string())
            .and_then(|bytes| std::fs::write(dir.join(format!("{name}.pdf")), bytes).map_err(|e| e.to_string()));
        if let Err(e) = written {
            eprintln!("returndesk: {name}: {e}");
            return ExitCode::from(FAILED);
        }
    }
    ExitCode::SUCCESS
}
