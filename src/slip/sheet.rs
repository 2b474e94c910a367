//! A sheet of paper written top to bottom: wrapped text, label/amount pairs, table rows,
//! rules and barcodes, then turned into a PDF. On the roll the page is as long as what
//! was written; on A4 writing past the bottom margin continues on a new page.

use printpdf::{
    Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
};

use super::barcode;
use super::fonts::{faces, Face, Faces};
use super::{Layout, SlipError};

const MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

/// Text style: size in points and weight.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub size: f32,
    pub weight: Weight,
}

/// One cell of a table row: a horizontal span of the content width.
pub(crate) struct Cell<'a> {
    pub text: &'a str,
    /// Offset from the left content edge, points.
    pub x: f32,
    pub width: f32,
    pub align: Align,
    pub style: Style,
}

enum Mark {
    Text { x: f32, baseline: f32, style: Style, text: String },
    Fill { x: f32, top: f32, width: f32, height: f32 },
}

pub(crate) struct Sheet {
    layout: Layout,
    faces: &'static Faces,
    page_width: f32,
    page_height: f32,
    margin: f32,
    pages: Vec<Vec<Mark>>,
    /// Distance of the writing position from the top of the current page.
    y: f32,
    pub body: Style,
    pub bold: Style,
    pub small: Style,
    pub heading: Style,
    pub title: Style,
    /// Number every page, even a single one (registers an inspector files).
    number_every_page: bool,
}

impl Sheet {
    pub fn new(layout: Layout) -> Result<Sheet, SlipError> {
        let faces = faces()?;
        let (page_width, page_height, margin, body) = match layout {
            Layout::Roll80mm => (80.0 * MM, 0.0, 4.0 * MM, 7.5),
            Layout::A4 => (210.0 * MM, 297.0 * MM, 18.0 * MM, 9.5),
        };
        let style = |size: f32, weight| Style { size, weight };
        Ok(Sheet {
            layout,
            faces,
            page_width,
            page_height,
            margin,
            pages: vec![Vec::new()],
            y: margin,
            body: style(body, Weight::Regular),
            bold: style(body, Weight::Bold),
            small: style(body - 1.5, Weight::Regular),
            heading: style(body + 1.5, Weight::Bold),
            title: style(body + 5.0, Weight::Bold),
            number_every_page: false,
        })
    }

    /// An A4 sheet turned sideways (297 × 210 mm) for wide tables; every page numbered.
    pub fn a4_landscape() -> Result<Sheet, SlipError> {
        let mut sheet = Sheet::new(Layout::A4)?;
        sheet.page_width = 297.0 * MM;
        sheet.page_height = 210.0 * MM;
        sheet.margin = 12.0 * MM;
        sheet.y = sheet.margin;
        sheet.number_every_page = true;
        Ok(sheet)
    }

    /// The number of pages written so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// Width available for content, points.
    pub fn width(&self) -> f32 {
        self.page_width - 2.0 * self.margin
    }

    fn face(&self, weight: Weight) -> &'static Face {
        match weight {
            Weight::Regular => &self.faces.regular,
            Weight::Bold => &self.faces.bold,
        }
    }

    pub fn measure(&self, text: &str, style: Style) -> f32 {
        self.face(style.weight).width(text, style.size)
    }

    fn line_height(style: Style) -> f32 {
        style.size * 1.28
    }

    /// Makes room for `height` points: on A4 starts a new page when the rest of this
    /// one is too short.
    fn ensure(&mut self, height: f32) {
        if self.layout == Layout::A4 && self.y + height > self.page_height - self.margin && self.y > self.margin {
            self.new_page();
        }
    }

    /// A4: continue on a fresh page. Roll: nothing to do.
    pub fn new_page(&mut self) {
        if self.layout == Layout::A4 {
            self.pages.push(Vec::new());
            self.y = self.margin;
        }
    }

    pub fn gap(&mut self, points: f32) {
        self.y += points;
    }

    /// Breaks `text` into lines no wider than `width` (hard breaks at `\n`, soft at
    /// spaces; a word longer than the line is cut between characters).
    pub fn wrap(&self, text: &str, width: f32, style: Style) -> Vec<String> {
        let face = self.face(style.weight);
        let fits = |s: &str| face.width(s, style.size) <= width;
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
                if fits(&candidate) {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // The word alone: cut it if it still does not fit.
                for c in word.chars() {
                    line.push(c);
                    if !fits(&line) && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    }
                }
            }
            lines.push(line);
        }
        lines
    }

    fn place(&mut self, text: &str, x: f32, width: f32, baseline: f32, align: Align, style: Style) {
        let left = match align {
            Align::Left => x,
            Align::Center => x + (width - self.measure(text, style)) / 2.0,
            Align::Right => x + width - self.measure(text, style),
        };
        if !text.is_empty() {
            let mark = Mark::Text { x: left, baseline, style, text: text.to_string() };
            self.pages.last_mut().expect("a sheet always has a page").push(mark);
        }
    }

    /// A paragraph across the full width.
    pub fn text(&mut self, text: &str, style: Style, align: Align) {
        let width = self.width();
        self.row(&[Cell { text, x: 0.0, width, align, style }]);
    }

    /// Cells side by side; each wraps within its span, the row is as tall as the
    /// tallest cell.
    pub fn row(&mut self, cells: &[Cell<'_>]) {
        let wrapped: Vec<Vec<String>> = cells.iter().map(|c| self.wrap(c.text, c.width, c.style)).collect();
        let heights: Vec<f32> = cells.iter().map(|c| Self::line_height(c.style)).collect();
        // All cells share the first baseline, so a small label sits on the line of a
        // larger value.
        let ascent = heights.iter().map(|h| h * 0.78).fold(0.0, f32::max);
        let height = wrapped
            .iter()
            .zip(&heights)
            .map(|(lines, h)| ascent + (lines.len().max(1) as f32 - 1.0) * h + h * 0.22)
            .fold(0.0, f32::max);
        // Keep a row together on one page (a row taller than a page just flows on).
        self.ensure(height.min(ascent * 4.0));
        let top = self.y;
        let left = self.margin;
        for ((cell, lines), line_height) in cells.iter().zip(&wrapped).zip(&heights) {
            for (i, line) in lines.iter().enumerate() {
                let baseline = top + ascent + i as f32 * line_height;
                self.place(line, left + cell.x, cell.width, baseline, cell.align, cell.style);
            }
        }
        self.y = top + height;
    }

    /// Whether `cells` as a row (and a thin rule under it) would not fit on what is left of
    /// this A4 page.
    pub fn would_break(&self, cells: &[Cell<'_>]) -> bool {
        if self.layout != Layout::A4 || self.y <= self.margin {
            return false;
        }
        let height = cells
            .iter()
            .map(|c| self.wrap(c.text, c.width, c.style).len().max(1) as f32 * Self::line_height(c.style))
            .fold(0.0, f32::max);
        self.y + height + 6.0 > self.page_height - self.margin
    }

    /// A label on the left and a value flush right; the label wraps in what is left.
    pub fn pair(&mut self, label: &str, value: &str, style: Style) {
        self.pair_from(0.0, label, value, style);
    }

    /// [`Sheet::pair`] in the span from `x` to the right content edge.
    pub fn pair_from(&mut self, x: f32, label: &str, value: &str, style: Style) {
        let width = self.width() - x;
        let value_width = self.measure(value, style).min(width * 0.6);
        let gap = 6.0;
        self.row(&[
            Cell { text: label, x, width: width - value_width - gap, align: Align::Left, style },
            Cell { text: value, x: x + width - value_width, width: value_width, align: Align::Right, style },
        ]);
    }

    /// A label with its value: on the roll the value is flush right (or on its own
    /// line under the label when long); on A4 the values line up in a column.
    pub fn field(&mut self, label: &str, value: &str) {
        let label_text = format!("{label}:");
        let (small, body) = (self.small, self.body);
        let width = self.width();
        match self.layout {
            Layout::Roll80mm => {
                let fits = self.measure(&label_text, body) + self.measure(value, body) + 6.0 <= width
                    && self.measure(value, body) <= width * 0.6;
                if fits {
                    self.pair(&label_text, value, body);
                } else {
                    self.text(&label_text, body, Align::Left);
                    self.row(&[Cell { text: value, x: 8.0, width: width - 8.0, align: Align::Left, style: body }]);
                }
            }
            Layout::A4 => {
                let column = 46.0 * MM;
                self.row(&[
                    Cell { text: &label_text, x: 0.0, width: column - 4.0, align: Align::Left, style: small },
                    Cell { text: value, x: column, width: width - column, align: Align::Left, style: body },
                ]);
            }
        }
    }

    /// A horizontal rule across the content width.
    pub fn rule(&mut self, thickness: f32) {
        self.ensure(6.0);
        self.y += 3.0;
        let (x, width, top) = (self.margin, self.width(), self.y - thickness / 2.0);
        self.fill(x, top, width, thickness);
        self.y += 3.0;
    }

    /// A dashed line right across the paper with a label in its middle: where to cut
    /// the roll between two copies.
    pub fn cut_line(&mut self, label: &str) {
        self.y += 8.0;
        let style = self.small;
        let text = format!("✂ {label}");
        let text_width = self.measure(&text, style) + 8.0;
        let middle = self.page_width / 2.0;
        let mut x = 2.0;
        while x < self.page_width - 2.0 {
            let dash = 4.0f32.min(self.page_width - 2.0 - x);
            if x + dash < middle - text_width / 2.0 || x > middle + text_width / 2.0 {
                self.fill(x, self.y, dash, 0.5);
            }
            x += 7.0;
        }
        let (left, width) = (middle - text_width / 2.0, text_width);
        self.place(&text, left, width, self.y + style.size * 0.35, Align::Center, style);
        self.y += 10.0;
    }

    fn fill(&mut self, x: f32, top: f32, width: f32, height: f32) {
        self.pages.last_mut().expect("a sheet always has a page").push(Mark::Fill { x, top, width, height });
    }

    /// `data` as a centred Code128 barcode with the text under it.
    pub fn barcode(&mut self, data: &str) -> Result<(), SlipError> {
        let modules = barcode::code128_modules(data)?;
        let quiet = 10.0;
        let wanted: f32 = match self.layout {
            // Two dots of a 203 dpi thermal head.
            Layout::Roll80mm => 2.0 * 72.0 / 203.0,
            Layout::A4 => 1.0,
        };
        let module = wanted.min(self.width() / (modules.len() as f32 + 2.0 * quiet));
        let height = match self.layout {
            Layout::Roll80mm => 12.0 * MM,
            Layout::A4 => 15.0 * MM,
        };
        self.ensure(height + 20.0);
        self.y += 4.0;
        let left = self.margin + (self.width() - module * modules.len() as f32) / 2.0;
        let top = self.y;
        for (start, run) in barcode::bars(&modules) {
            self.fill(left + start as f32 * module, top, run as f32 * module, height);
        }
        self.y += height + 2.0;
        let style = self.body;
        self.text(data, style, Align::Center);
        Ok(())
    }

    /// A line to sign on, with what it is for under it.
    pub fn signature(&mut self, label: &str) {
        let width = match self.layout {
            Layout::Roll80mm => self.width() * 0.75,
            Layout::A4 => 70.0 * MM,
        };
        self.ensure(34.0);
        self.y += 24.0;
        let (x, top) = (self.margin, self.y);
        self.fill(x, top, width, 0.6);
        self.y += 2.0;
        let style = self.small;
        self.row(&[Cell { text: label, x: 0.0, width, align: Align::Left, style }]);
    }

    /// Two signatures side by side on A4, stacked on the roll.
    pub fn signatures(&mut self, labels: &[&str]) {
        if self.layout == Layout::Roll80mm {
            for label in labels {
                self.signature(label);
            }
            return;
        }
        for pair in labels.chunks(2) {
            self.ensure(34.0);
            self.y += 24.0;
            let width = 70.0 * MM;
            let top = self.y;
            let columns = [0.0, self.width() - width];
            for x in columns.iter().take(pair.len()) {
                self.fill(self.margin + *x, top, width, 0.6);
            }
            self.y += 2.0;
            let style = self.small;
            let cells: Vec<Cell> = pair
                .iter()
                .zip(columns)
                .map(|(text, x)| Cell { text, x, width, align: Align::Left, style })
                .collect();
            self.row(&cells);
        }
    }

    /// The finished PDF. A4 pages get "Page n / m" when there is more than one.
    pub fn finish(mut self, title: &str, page_word: &str) -> Vec<u8> {
        let pages = std::mem::take(&mut self.pages);
        let count = pages.len();
        let mut doc = PdfDocument::new(title);
        let regular = doc.add_font(&self.faces.regular.parsed);
        let bold = doc.add_font(&self.faces.bold.parsed);
        let height = match self.layout {
            Layout::Roll80mm => self.y + self.margin,
            Layout::A4 => self.page_height,
        };
        let mut pdf_pages = Vec::with_capacity(count);
        for (index, marks) in pages.into_iter().enumerate() {
            let mut marks = marks;
            if self.layout == Layout::A4 && (count > 1 || self.number_every_page) {
                let text = format!("{page_word} {} / {count}", index + 1);
                let style = self.small;
                let x = self.page_width - self.margin - self.measure(&text, style);
                let baseline = self.page_height - self.margin / 2.0;
                marks.push(Mark::Text { x, baseline, style, text });
            }
            let mut ops = Vec::with_capacity(marks.len() * 5);
            for mark in marks {
                match mark {
                    Mark::Text { x, baseline, style, text } => {
                        let font = match style.weight {
                            Weight::Regular => regular.clone(),
                            Weight::Bold => bold.clone(),
                        };
                        ops.push(Op::StartTextSection);
                        ops.push(Op::SetFont { font: PdfFontHandle::External(font), size: Pt(style.size) });
                        ops.push(Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(height - baseline) } });
                        ops.push(Op::ShowText { items: vec![TextItem::Text(text)] });
                        ops.push(Op::EndTextSection);
                    }
                    Mark::Fill { x, top, width, height: h } => ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(x),
                            y: Pt(height - top - h),
                            width: Pt(width),
                            height: Pt(h),
                            mode: Some(PaintMode::Fill),
                            winding_order: None,
                        },
                    }),
                }
            }
            pdf_pages.push(PdfPage::new(Mm(self.page_width / MM), Mm(height / MM), ops));
        }
        let options = PdfSaveOptions { subset_fonts: true, ..PdfSaveOptions::default() };
        doc.with_pages(pdf_pages).save(&options, &mut Vec::new())
    }
}
