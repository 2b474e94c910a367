//! JSON Lines receipts: one receipt object per line, read one line at a time.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use super::{number_in_text, number_of, sale_from_value, ImportError, Item, ReceiptReader, RowReport, SourcedReceipt};

pub struct JsonlReceipts {
    name: String,
    input: Box<dyn BufRead + Send>,
    line: u64,
    buf: Vec<u8>,
}

impl JsonlReceipts {
    pub fn open(path: &Path) -> Result<JsonlReceipts, ImportError> {
        let file = File::open(path).map_err(|e| ImportError::Input(format!("{}: {e}", path.display())))?;
        Ok(JsonlReceipts::from_reader(
            path.display().to_string(),
            Box::new(BufReader::with_capacity(1 << 16, file)),
        ))
    }

    pub fn from_reader(name: String, input: Box<dyn BufRead + Send>) -> JsonlReceipts {
        JsonlReceipts {
            name,
            input,
            line: 0,
            buf: Vec::with_capacity(4096),
        }
    }

    fn bad(&self, receipt: Option<String>, reason: String) -> Item {
        Item::Bad(RowReport {
            file: self.name.clone(),
            line: self.line,
            receipt,
            kind: "receipt",
            reason,
        })
    }
}

impl ReceiptReader for JsonlReceipts {
    fn name(&self) -> &str {
        &self.name
    }

    fn next_item(&mut self) -> Result<Option<Item>, ImportError> {
        loop {
            self.buf.clear();
            let n = self
                .input
                .read_until(b'\n', &mut self.buf)
                .map_err(|e| ImportError::Input(format!("{}:{}: {e}", self.name, self.line + 1)))?;
            if n == 0 {
                return Ok(None);
            }
            self.line += 1;
            let complete = self.buf.last() == Some(&b'\n');
            let Ok(text) = std::str::from_utf8(&self.buf) else {
                return Ok(Some(self.bad(None, "receipt: the line is not UTF-8 text".into())));
            };
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            let value: serde_json::Value = match serde_json::from_str(text) {
                Ok(v) => v,
                Err(e) => {
                    let cut = if !complete && e.is_eof() {
                        " (the last line is cut short)"
                    } else {
                        ""
                    };
                    let reason = format!("receipt: not valid JSON: {e}{cut}");
                    let number = number_in_text(text);
                    return Ok(Some(self.bad(number, reason)));
                }
            };
            let number = number_of(&value);
            return Ok(Some(match sale_from_value(value) {
                Ok(sale) => Item::Receipt(Box::new(SourcedReceipt {
                    sale,
                    line: self.line,
                    locate: None,
                })),
                Err((path, why)) => self.bad(number, format!("{path}: {why}")),
            }));
        }
    }
}
