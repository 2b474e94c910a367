//! What a scanner (or a clerk's keyboard) gives the desk, parsed.

use chrono::{NaiveDateTime, Timelike};

use crate::domain::Money;
use crate::store::{FiscalIds, ReceiptKey};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScanError {
    #[error("nothing was scanned")]
    Empty,
    #[error("the scanned code contains characters a receipt code never has")]
    Unprintable,
    #[error("the scanned code is too long to be a receipt ({0} characters)")]
    TooLong(usize),
    #[error("fiscal QR code: {0}")]
    FiscalQr(String),
}

/// A receipt code as scanned or typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScannedCode {
    /// A receipt number or the barcode printed on the receipt.
    Plain(String),
    /// The QR code of a Russian fiscal receipt: `t=20260601T1230&s=1948.97&fn=…&i=…&fp=…&n=1`.
    FiscalQr {
        ids: FiscalIds,
        at: NaiveDateTime,
        total: Money,
    },
}

impl ScannedCode {
    pub fn parse(text: &str) -> Result<ScannedCode, ScanError> {
        let code = text.trim();
        if code.is_empty() {
            return Err(ScanError::Empty);
        }
        if code.chars().any(char::is_control) {
            return Err(ScanError::Unprintable);
        }
        if code.chars().count() > 256 {
            return Err(ScanError::TooLong(code.chars().count()));
        }
        if code.contains("fn=") && code.contains('&') {
            return parse_fiscal_qr(code);
        }
        Ok(ScannedCode::Plain(code.to_string()))
    }

    /// The keys to try, in order.
    pub fn keys(&self) -> Vec<ReceiptKey> {
        match self {
            ScannedCode::Plain(code) => vec![
                ReceiptKey::Number {
                    store: None,
                    number: code.clone(),
                },
                ReceiptKey::Barcode(code.clone()),
            ],
            ScannedCode::FiscalQr { ids, at, total } => vec![ReceiptKey::Fiscal {
                ids: ids.clone(),
                at: *at,
                total: *total,
            }],
        }
    }
}

fn parse_fiscal_qr(code: &str) -> Result<ScannedCode, ScanError> {
    let mut t = None;
    let mut s = None;
    let mut drive = None;
    let mut document = None;
    let mut sign = None;
    for pair in code.split('&') {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| ScanError::FiscalQr(format!("\"{pair}\" is not key=value")))?;
        match key {
            "t" => t = Some(value),
            "s" => s = Some(value),
            "fn" => drive = Some(value),
            "i" => document = Some(value),
            "fp" => sign = Some(value),
            _ => {}
        }
    }
    let missing = |k: &str| ScanError::FiscalQr(format!("{k}= is missing"));
    let t = t.ok_or_else(|| missing("t"))?;
    let at = NaiveDateTime::parse_from_str(t, "%Y%m%dT%H%M")
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y%m%dT%H%M%S"))
        .map_err(|_| ScanError::FiscalQr(format!("t={t} is not a time like 20260601T1230")))?;
    // The store matches on the minute.
    let at = at.with_second(0).unwrap_or(at);
    let s = s.ok_or_else(|| missing("s"))?;
    let total = Money::parse(s).map_err(|e| ScanError::FiscalQr(format!("s={s}: {e}")))?;
    let ids = FiscalIds {
        drive: drive.filter(|v| !v.is_empty()).ok_or_else(|| missing("fn"))?.to_string(),
        document: document.filter(|v| !v.is_empty()).ok_or_else(|| missing("i"))?.to_string(),
        sign: sign.filter(|v| !v.is_empty()).ok_or_else(|| missing("fp"))?.to_string(),
    };
    Ok(ScannedCode::FiscalQr { ids, at, total })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_russian_fiscal_qr() {
        let code = ScannedCode::parse("t=20260601T1230&s=1948.97&fn=9999078900004792&i=1234&fp=2791871366&n=1").unwrap();
        let ScannedCode::FiscalQr { ids, at, total } = code else { panic!("not a QR") };
        assert_eq!(ids.drive, "9999078900004792");
        assert_eq!(ids.document, "1234");
        assert_eq!(ids.sign, "2791871366");
        assert_eq!(at.to_string(), "2026-06-01 12:30:00");
        assert_eq!(total.to_string(), "1948.97");
    }

    #[test]
    fn names_what_is_wrong_with_a_code() {
        assert_eq!(ScannedCode::parse("  "), Err(ScanError::Empty));
        assert_eq!(ScannedCode::parse("S01\u{7}"), Err(ScanError::Unprintable));
        let e = ScannedCode::parse("t=2026&s=1.00&fn=1&i=2&fp=3").unwrap_err();
        assert!(e.to_string().contains("t=2026"), "{e}");
        let e = ScannedCode::parse("t=20260601T1230&s=1.00&fn=1&i=2").unwrap_err();
        assert!(e.to_string().contains("fp= is missing"), "{e}");
        assert_eq!(ScannedCode::parse(" S01-2026-004512\n").unwrap(), ScannedCode::Plain("S01-2026-004512".into()));
    }
}
