//! Code128 bars, drawn as filled rectangles so they print crisply on thermal heads.

use barcoders::sym::code128::Code128;

use super::SlipError;

/// The module pattern (1 = bar) of `data` in Code128 set B, start and stop included.
pub(crate) fn code128_modules(data: &str) -> Result<Vec<u8>, SlipError> {
    let printable = data.len() >= 2 && data.bytes().all(|b| (0x20..=0x7e).contains(&b));
    if !printable {
        return Err(SlipError::Barcode(data.to_string()));
    }
    // 'Ɓ' selects character set B, which covers all printable ASCII.
    Code128::new(format!("Ɓ{data}"))
        .map(|code| code.encode())
        .map_err(|_| SlipError::Barcode(data.to_string()))
}

/// Runs of bars as (first module, width in modules).
pub(crate) fn bars(modules: &[u8]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, &m) in modules.iter().chain(std::iter::once(&0)).enumerate() {
        match (m, start) {
            (1, None) => start = Some(i),
            (0, Some(s)) => {
                runs.push((s, i - s));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_printable_ascii_only() {
        let modules = code128_modules("RS-2026-000123").unwrap();
        // start + 14 symbols + checksum = 16 × 11 modules, stop is 13.
        assert_eq!(modules.len(), 16 * 11 + 13);
        assert!(code128_modules("Ж1").is_err());
        assert!(code128_modules("1").is_err());
        assert_eq!(bars(&[1, 1, 0, 1, 0, 0, 1]), vec![(0, 2), (3, 1), (6, 1)]);
    }
}
