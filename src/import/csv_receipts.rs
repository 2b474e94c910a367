//! CSV receipts: one row per receipt line (rows of one receipt consecutive), and the tenders in
//! a file of their own (`store,number,type,amount,card_last4`), in the same receipt order.
//! Both files stream; the tenders file may run up to [`TENDER_LOOKAHEAD`] receipts out of
//! step with the receipts file.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use serde_json::{Map, Value};

use super::{sale_from_value, ImportError, Item, ReceiptReader, RowReport, SourcedReceipt};

/// Receipt groups of the tenders file held in memory while looking for a receipt's tenders.
pub const TENDER_LOOKAHEAD: usize = 10_000;

pub const RECEIPT_COLUMNS: [&str; 21] = [
    "store",
    "number",
    "purchased_at",
    "channel",
    "delivered_on",
    "currency",
    "receipt_discount",
    "barcode",
    "fiscal_fn",
    "fiscal_i",
    "fiscal_fp",
    "line",
    "sku",
    "name",
    "category",
    "brand",
    "qty",
    "unit_price",
    "discount",
    "vat_rate",
    "serials",
];
const REQUIRED_RECEIPT_COLUMNS: [&str; 11] = [
    "store", "number", "purchased_at", "currency", "line", "sku", "name", "category", "qty",
    "unit_price", "vat_rate",
];
/// Receipt-level columns: the same on every row of a receipt (or empty after its first row).
const HEAD_COLUMNS: &[&str] = RECEIPT_COLUMNS.split_at(11).0;
pub const TENDER_COLUMNS: [&str; 5] = ["store", "number", "type", "amount", "card_last4"];

/// (store, number) and the consecutive rows of that receipt.
type Group = ((String, String), Vec<Row>);

/// A row: its fields as text (or why it is not readable), and its file line.
struct Row {
    fields: Vec<String>,
    line: u64,
    problem: Option<String>,
}

/// A CSV file read row by row, columns found by header name.
struct Table {
    name: String,
    reader: csv::Reader<Box<dyn Read + Send>>,
    columns: HashMap<String, usize>,
    width: usize,
    record: csv::ByteRecord,
    /// A row read ahead (the first of the next receipt).
    ahead: Option<Row>,
}

impl Table {
    fn open(path: &Path, required: &[&str], known: &[&str]) -> Result<Table, ImportError> {
        let file = File::open(path).map_err(|e| ImportError::Input(format!("{}: {e}", path.display())))?;
        Table::from_reader(path.display().to_string(), Box::new(file), required, known)
    }

    fn from_reader(
        name: String,
        input: Box<dyn Read + Send>,
        required: &[&str],
        known: &[&str],
    ) -> Result<Table, ImportError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .buffer_capacity(1 << 16)
            .from_reader(input);
        let headers = reader
            .byte_headers()
            .map_err(|e| ImportError::Input(format!("{name}:1: {e}")))?
            .clone();
        let mut columns = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            let h = String::from_utf8_lossy(h).trim().trim_start_matches('\u{feff}').to_ascii_lowercase();
            if !known.contains(&h.as_str()) {
                return Err(ImportError::Input(format!(
                    "{name}:1: unknown column \"{h}\" (the columns are {})",
                    known.join(",")
                )));
            }
            columns.insert(h, i);
        }
        let missing: Vec<&str> = required.iter().copied().filter(|c| !columns.contains_key(*c)).collect();
        if !missing.is_empty() {
            return Err(ImportError::Input(format!(
                "{name}:1: the header lacks the column(s) {} (the columns are {})",
                missing.join(","),
                known.join(",")
            )));
        }
        Ok(Table {
            name,
            reader,
            width: headers.len(),
            columns,
            record: csv::ByteRecord::new(),
            ahead: None,
        })
    }

    fn read_row(&mut self) -> Result<Option<Row>, ImportError> {
        if let Some(row) = self.ahead.take() {
            return Ok(Some(row));
        }
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => Ok(None),
            Ok(true) => {
                let line = self.record.position().map_or(0, |p| p.line());
                let mut problem = None;
                if self.record.len() != self.width {
                    problem = Some(format!(
                        "the row has {} fields but the header has {}",
                        self.record.len(),
                        self.width
                    ));
                }
                let mut fields = Vec::with_capacity(self.width);
                for (i, f) in self.record.iter().enumerate() {
                    match std::str::from_utf8(f) {
                        Ok(s) => fields.push(s.trim().to_string()),
                        Err(_) => {
                            problem.get_or_insert_with(|| format!("field {} is not UTF-8 text", i + 1));
                            fields.push(String::from_utf8_lossy(f).into_owned());
                        }
                    }
                }
                Ok(Some(Row { fields, line, problem }))
            }
            Err(e) => Err(ImportError::Input(format!("{}: {e}", self.name))),
        }
    }

    fn get<'r>(&self, row: &'r Row, column: &str) -> &'r str {
        self.columns
            .get(column)
            .and_then(|&i| row.fields.get(i))
            .map_or("", String::as_str)
    }

    fn key(&self, row: &Row) -> (String, String) {
        (self.get(row, "store").to_string(), self.get(row, "number").to_string())
    }

    /// The next run of consecutive rows with the same (store, number).
    fn next_group(&mut self) -> Result<Option<Group>, ImportError> {
        let Some(first) = self.read_row()? else { return Ok(None) };
        let key = self.key(&first);
        let mut rows = vec![first];
        while let Some(row) = self.read_row()? {
            if self.key(&row) == key {
                rows.push(row);
            } else {
                self.ahead = Some(row);
                break;
            }
        }
        Ok(Some((key, rows)))
    }
}

/// A whole number stays a JSON number; anything else is kept as text so the field's own
/// parser names the problem (`quantity must be a positive whole number, got "two"`).
fn number_or_text(text: &str) -> Value {
    if let Ok(n) = text.parse::<u64>() {
        Value::from(n)
    } else if let Ok(n) = text.parse::<i64>() {
        Value::from(n)
    } else {
        Value::String(text.to_string())
    }
}

pub struct CsvReceipts {
    receipts: Table,
    tenders: Table,
    /// Tender groups read ahead, by (store, number).
    pending: HashMap<(String, String), Vec<Row>>,
    tenders_done: bool,
    /// Receipts are over; left-over tender rows are being reported.
    draining: Option<std::vec::IntoIter<Group>>,
}

impl CsvReceipts {
    pub fn open(receipts: &Path, tenders: &Path) -> Result<CsvReceipts, ImportError> {
        Ok(CsvReceipts {
            receipts: Table::open(receipts, &REQUIRED_RECEIPT_COLUMNS, &RECEIPT_COLUMNS)?,
            tenders: Table::open(tenders, &["store", "number", "type", "amount"], &TENDER_COLUMNS)?,
            pending: HashMap::new(),
            tenders_done: false,
            draining: None,
        })
    }

    /// The tender rows of a receipt, looking ahead in the tenders file when needed.
    fn tenders_of(&mut self, key: &(String, String)) -> Result<Option<Vec<Row>>, ImportError> {
        if let Some(rows) = self.pending.remove(key) {
            return Ok(Some(rows));
        }
        while !self.tenders_done && self.pending.len() < TENDER_LOOKAHEAD {
            match self.tenders.next_group()? {
                None => self.tenders_done = true,
                Some((k, rows)) if &k == key => return Ok(Some(rows)),
                Some((k, rows)) => self.pending.entry(k).or_default().extend(rows),
            }
        }
        Ok(None)
    }

    fn build(&self, rows: &[Row], tenders: &[Row]) -> Result<Value, (String, u64, String)> {
        let t = &self.receipts;
        let first = &rows[0];
        for row in rows {
            if let Some(p) = &row.problem {
                return Err((t.name.clone(), row.line, format!("receipt: {p}")));
            }
        }
        let mut receipt = Map::new();
        receipt.insert("store".into(), Value::String(t.get(first, "store").into()));
        receipt.insert("number".into(), Value::String(t.get(first, "number").into()));
        for col in ["purchased_at", "channel", "delivered_on", "currency", "receipt_discount", "barcode"] {
            let v = t.get(first, col);
            if !v.is_empty() {
                receipt.insert(col.into(), Value::String(v.into()));
            }
        }
        for row in &rows[1..] {
            for col in HEAD_COLUMNS {
                let (a, b) = (t.get(first, col), t.get(row, col));
                if !b.is_empty() && a != b {
                    return Err((
                        t.name.clone(),
                        row.line,
                        format!("receipt.{col}: this row says \"{b}\" but the receipt's first row (line {}) says \"{a}\"", first.line),
                    ));
                }
            }
        }
        let fiscal = [
            ("fn", t.get(first, "fiscal_fn")),
            ("i", t.get(first, "fiscal_i")),
            ("fp", t.get(first, "fiscal_fp")),
        ];
        let given = fiscal.iter().filter(|(_, v)| !v.is_empty()).count();
        if given == 3 {
            receipt.insert(
                "fiscal".into(),
                Value::Object(fiscal.iter().map(|(k, v)| (k.to_string(), Value::String(v.to_string()))).collect()),
            );
        } else if given > 0 {
            let (missing, _) = fiscal.iter().find(|(_, v)| v.is_empty()).expect("one is empty");
            return Err((
                t.name.clone(),
                first.line,
                format!("receipt.fiscal.{missing}: fiscal_fn, fiscal_i and fiscal_fp go together, and fiscal_{missing} is empty"),
            ));
        }
        let mut lines = Vec::with_capacity(rows.len());
        for row in rows {
            let mut line = Map::new();
            for col in ["line", "qty"] {
                let v = t.get(row, col);
                if !v.is_empty() {
                    line.insert(col.into(), number_or_text(v));
                }
            }
            for col in ["sku", "name", "category", "brand"] {
                line.insert(col.into(), Value::String(t.get(row, col).into()));
            }
            for col in ["unit_price", "discount", "vat_rate"] {
                let v = t.get(row, col);
                if !v.is_empty() {
                    line.insert(col.into(), Value::String(v.into()));
                }
            }
            let serials = t.get(row, "serials");
            if !serials.is_empty() {
                line.insert(
                    "serials".into(),
                    Value::Array(
                        serials
                            .split('|')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(|s| Value::String(s.into()))
                            .collect(),
                    ),
                );
            }
            lines.push(Value::Object(line));
        }
        receipt.insert("lines".into(), Value::Array(lines));
        let tt = &self.tenders;
        let mut tender_values = Vec::with_capacity(tenders.len());
        for (i, row) in tenders.iter().enumerate() {
            if let Some(p) = &row.problem {
                return Err((tt.name.clone(), row.line, format!("receipt.tenders[{i}]: {p}")));
            }
            let mut tender = Map::new();
            for col in ["type", "amount", "card_last4"] {
                let v = tt.get(row, col);
                if !v.is_empty() {
                    tender.insert(col.into(), Value::String(v.into()));
                }
            }
            tender_values.push(Value::Object(tender));
        }
        receipt.insert("tenders".into(), Value::Array(tender_values));
        Ok(Value::Object(receipt))
    }

    fn drain_next(&mut self) -> Result<Option<Item>, ImportError> {
        if self.draining.is_none() {
            let mut left: Vec<_> = self.pending.drain().collect();
            left.sort_by_key(|(_, rows)| rows[0].line);
            self.draining = Some(left.into_iter());
        }
        let next = match self.draining.as_mut().and_then(Iterator::next) {
            Some(group) => Some(group),
            None => self.tenders.next_group()?,
        };
        Ok(next.map(|((store, number), rows)| {
            Item::Bad(RowReport {
                file: self.tenders.name.clone(),
                line: rows[0].line,
                receipt: Some(number.clone()),
                kind: "receipt",
                reason: format!(
                    "tenders: no receipt {number} of store {store} in {} goes with these tender rows (or its tenders are out of order by more than {TENDER_LOOKAHEAD} receipts)",
                    self.receipts.name
                ),
            })
        }))
    }
}

impl ReceiptReader for CsvReceipts {
    fn name(&self) -> &str {
        &self.receipts.name
    }

    fn next_item(&mut self) -> Result<Option<Item>, ImportError> {
        let Some((key, rows)) = self.receipts.next_group()? else {
            return self.drain_next();
        };
        let first_line = rows[0].line;
        let number = key.1.clone();
        let bad = |file: String, line: u64, reason: String| {
            Ok(Some(Item::Bad(RowReport {
                file,
                line,
                receipt: (!number.is_empty()).then(|| number.clone()),
                kind: "receipt",
                reason,
            })))
        };
        let Some(tenders) = self.tenders_of(&key)? else {
            return bad(
                self.receipts.name.clone(),
                first_line,
                format!("receipt.tenders: {} has no rows for this receipt", self.tenders.name),
            );
        };
        let value = match self.build(&rows, &tenders) {
            Ok(v) => v,
            Err((file, line, reason)) => return bad(file, line, reason),
        };
        let sale = match sale_from_value(value) {
            Ok(sale) => sale,
            Err((path, why)) => {
                let (file, line) = locate(&self.receipts.name, &self.tenders.name, &rows, &tenders, &path);
                return bad(file, line, format!("{path}: {why}"));
            }
        };
        let receipts_name = self.receipts.name.clone();
        let tenders_name = self.tenders.name.clone();
        let row_lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
        let tender_lines: Vec<u64> = tenders.iter().map(|r| r.line).collect();
        Ok(Some(Item::Receipt(Box::new(SourcedReceipt {
            sale,
            line: first_line,
            locate: Some(Box::new(move |path: &str| {
                locate_lines(&receipts_name, &tenders_name, &row_lines, &tender_lines, path)
            })),
        }))))
    }
}

fn locate(receipts: &str, tenders: &str, rows: &[Row], tender_rows: &[Row], path: &str) -> (String, u64) {
    let a: Vec<u64> = rows.iter().map(|r| r.line).collect();
    let b: Vec<u64> = tender_rows.iter().map(|r| r.line).collect();
    locate_lines(receipts, tenders, &a, &b, path)
}

/// The file and line a field path points at: `receipt.lines[2]…` is the receipt's third row,
/// `receipt.tenders[1]…` the second tender row; anything else the receipt's first row.
fn locate_lines(receipts: &str, tenders: &str, rows: &[u64], tender_rows: &[u64], path: &str) -> (String, u64) {
    let index = |prefix: &str| -> Option<usize> {
        let rest = path.strip_prefix(prefix)?;
        rest[..rest.find(']')?].parse().ok()
    };
    if let Some(i) = index("receipt.lines[") {
        if let Some(&line) = rows.get(i) {
            return (receipts.to_string(), line);
        }
    }
    if let Some(i) = index("receipt.tenders[") {
        if let Some(&line) = tender_rows.get(i) {
            return (tenders.to_string(), line);
        }
    }
    (receipts.to_string(), rows.first().copied().unwrap_or(0))
}
