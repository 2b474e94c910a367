//! DejaVu Sans, regular and bold, compiled into the binary (licence: assets/fonts/LICENSE).

use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::SlipError;

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// A parsed face and what it takes to measure text set in it.
pub(crate) struct Face {
    pub parsed: ParsedFont,
    units_per_em: f32,
}

impl Face {
    fn load(bytes: &'static [u8]) -> Option<Face> {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        Some(Face { parsed, units_per_em })
    }

    /// Advance width of `text` at `size` points (no kerning: the PDF is written glyph
    /// by glyph, so this is exactly where the next glyph lands).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                let glyph = self.parsed.lookup_glyph_index(c as u32).unwrap_or(0);
                u32::from(self.parsed.get_horizontal_advance(glyph))
            })
            .sum();
        units as f32 * size / self.units_per_em
    }

    /// Whether every character of `text` has a glyph (tests use this on all labels).
    #[cfg(test)]
    pub fn covers(&self, text: &str) -> bool {
        text.chars().all(|c| c.is_whitespace() || self.parsed.lookup_glyph_index(c as u32).is_some_and(|g| g != 0))
    }
}

pub(crate) struct Faces {
    pub regular: Face,
    pub bold: Face,
}

/// Both faces, parsed once per process.
pub(crate) fn faces() -> Result<&'static Faces, SlipError> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| Some(Faces { regular: Face::load(REGULAR_TTF)?, bold: Face::load(BOLD_TTF)? }))
        .as_ref()
        .ok_or(SlipError::Font("DejaVu Sans"))
}
