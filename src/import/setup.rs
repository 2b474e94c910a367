//! Setting a store up from files: its profile, the catalogue and policy versions.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde_json::Value;

use super::{extension, from_value_at, ImportError, RowReport};
use crate::contract::PolicyDocument;
use crate::store::{Product, StoreProfile};

fn read_text(path: &Path) -> Result<String, ImportError> {
    std::fs::read_to_string(path).map_err(|e| ImportError::Input(format!("{}: {e}", path.display())))
}

/// 1-based line and column of a serde_json syntax error, as `line N column M`.
fn json_syntax(path: &Path, e: &serde_json::Error) -> ImportError {
    ImportError::Input(format!("{}:{}: not valid JSON: {e}", path.display(), e.line()))
}

/// The products of a catalogue file: a JSON array, JSON Lines, or CSV with the columns
/// `sku,name,category,brand,serial_tracked` (and, issue 14, `unit_price,currency,vat_rate,barcode`). Bad rows are returned as reports; the good
/// products are returned too. A SKU given twice keeps its last row.
pub fn read_products(path: &Path) -> Result<(Vec<Product>, Vec<RowReport>), ImportError> {
    let file = path.display().to_string();
    let mut products: Vec<(u64, Product)> = Vec::new();
    let mut reports = Vec::new();
    let mut bad = |line: u64, sku: Option<String>, reason: String| {
        reports.push(RowReport {
            file: file.clone(),
            line,
            receipt: sku,
            kind: "product",
            reason,
        })
    };
    match extension(path).as_str() {
        "csv" => {
            let f = File::open(path).map_err(|e| ImportError::Input(format!("{}: {e}", path.display())))?;
            let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(f);
            let headers: Vec<String> = reader
                .headers()
                .map_err(|e| ImportError::Input(format!("{}:1: {e}", path.display())))?
                .iter()
                .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
                .collect();
            // Issue 14: a price (with its currency and VAT rate) and a barcode, each optional.
            let known = ["sku", "name", "category", "brand", "serial_tracked", "unit_price", "currency", "vat_rate", "barcode"];
            if let Some(h) = headers.iter().find(|h| !known.contains(&h.as_str())) {
                return Err(ImportError::Input(format!(
                    "{}:1: unknown column \"{h}\" (the columns are {})",
                    path.display(),
                    known.join(",")
                )));
            }
            for c in ["sku", "name", "category"] {
                if !headers.iter().any(|h| h == c) {
                    return Err(ImportError::Input(format!(
                        "{}:1: the header lacks the column {c} (the columns are {})",
                        path.display(),
                        known.join(",")
                    )));
                }
            }
            for record in reader.records() {
                let record = record.map_err(|e| ImportError::Input(format!("{}: {e}", path.display())))?;
                let line = record.position().map_or(0, |p| p.line());
                let mut obj = serde_json::Map::new();
                let mut sku = None;
                let mut problem = None;
                for (h, v) in headers.iter().zip(record.iter()) {
                    let v = v.trim();
                    if h == "sku" {
                        sku = Some(v.to_string());
                    }
                    if h == "serial_tracked" {
                        let b = match v.to_ascii_lowercase().as_str() {
                            "" | "0" | "false" | "no" | "n" => false,
                            "1" | "true" | "yes" | "y" => true,
                            other => {
                                problem = Some(format!(
                                    "product.serial_tracked: \"{other}\" is not true/false (or 1/0, yes/no)"
                                ));
                                false
                            }
                        };
                        obj.insert(h.clone(), Value::Bool(b));
                    } else if !(v.is_empty() && ["unit_price", "currency", "vat_rate", "barcode"].contains(&h.as_str())) {
                        obj.insert(h.clone(), Value::String(v.to_string()));
                    }
                }
                if record.len() != headers.len() {
                    problem = Some(format!(
                        "product: the row has {} fields but the header has {}",
                        record.len(),
                        headers.len()
                    ));
                }
                match problem {
                    Some(p) => bad(line, sku, p),
                    None => match product_from(Value::Object(obj)) {
                        Ok(p) => products.push((line, p)),
                        Err(why) => bad(line, sku, why),
                    },
                }
            }
        }
        _ => {
            let text = read_text(path)?;
            if text.trim_start().starts_with('[') {
                let values: Vec<Value> = serde_json::from_str(&text).map_err(|e| json_syntax(path, &e))?;
                // The line of each element is not kept by serde_json: report the element's index.
                for (i, v) in values.into_iter().enumerate() {
                    let sku = v.get("sku").and_then(Value::as_str).map(str::to_string);
                    match product_from(v) {
                        Ok(p) => products.push((i as u64 + 1, p)),
                        Err(why) => bad(line_of_element(&text, i), sku, why),
                    }
                }
            } else {
                let reader = BufReader::new(text.as_bytes());
                for (i, line) in reader.lines().enumerate() {
                    let line = line.map_err(|e| ImportError::Input(format!("{}: {e}", path.display())))?;
                    if line.trim().is_empty() {
                        continue;
                    }
                    let n = i as u64 + 1;
                    match serde_json::from_str::<Value>(&line) {
                        Err(e) => bad(n, None, format!("product: not valid JSON: {e}")),
                        Ok(v) => {
                            let sku = v.get("sku").and_then(Value::as_str).map(str::to_string);
                            match product_from(v) {
                                Ok(p) => products.push((n, p)),
                                Err(why) => bad(n, sku, why),
                            }
                        }
                    }
                }
            }
        }
    }
    // The last row of a SKU wins, in file order.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<Product> = Vec::with_capacity(products.len());
    for (_, p) in products {
        match index.get(&p.sku) {
            Some(&i) => out[i] = p,
            None => {
                index.insert(p.sku.clone(), out.len());
                out.push(p);
            }
        }
    }
    Ok((out, reports))
}

/// The line a JSON array's i-th element starts on, approximately (top-level objects).
fn line_of_element(text: &str, i: usize) -> u64 {
    let mut depth = 0i32;
    let mut seen = 0usize;
    let mut line = 1u64;
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => {
                depth += 1;
                if depth == 2 {
                    if seen == i {
                        return line;
                    }
                    seen += 1;
                }
            }
            '}' | ']' => depth -= 1,
            _ => {}
        }
    }
    line
}

fn product_from(v: Value) -> Result<Product, String> {
    let p: Product = from_value_at("product", v).map_err(|(path, why)| format!("{path}: {why}"))?;
    for (field, value) in [("sku", &p.sku), ("name", &p.name), ("category", &p.category)] {
        if value.trim().is_empty() {
            return Err(format!("product.{field}: is empty"));
        }
    }
    // Issue 14: a price needs its currency (and a VAT rate) to be sold at.
    if p.unit_price.is_some() && p.currency.is_none() {
        return Err("product.currency: a product with a unit_price needs its currency (EUR, BGN, RUB)".into());
    }
    if p.unit_price.is_some() && p.vat_rate.is_none() {
        return Err("product.vat_rate: a product with a unit_price needs its VAT rate, e.g. 20".into());
    }
    Ok(p)
}

/// A policy document `{defaults, rules}` (a conformance case or `{"policy": …}` is read too),
/// checked by building the policy.
pub fn read_policy(path: &Path) -> Result<PolicyDocument, ImportError> {
    let text = read_text(path)?;
    let mut value: Value = serde_json::from_str(&text).map_err(|e| json_syntax(path, &e))?;
    if let Some(case) = value.get_mut("case") {
        value = case.take();
    }
    if value.get("defaults").is_none() && value.get("rules").is_none() {
        if let Some(policy) = value.get_mut("policy") {
            value = policy.take();
        }
    }
    let document: PolicyDocument = from_value_at("policy", value)
        .map_err(|(p, why)| ImportError::Input(format!("{}: {p}: {why}", path.display())))?;
    document
        .clone()
        .into_policy()
        .map_err(|e| ImportError::Input(format!("{}: policy: {e}", path.display())))?;
    Ok(document)
}

/// A store profile (`StoreProfile` as JSON).
pub fn read_store(path: &Path) -> Result<StoreProfile, ImportError> {
    let text = read_text(path)?;
    let value: Value = serde_json::from_str(&text).map_err(|e| json_syntax(path, &e))?;
    let store: StoreProfile = from_value_at("store", value)
        .map_err(|(p, why)| ImportError::Input(format!("{}: {p}: {why}", path.display())))?;
    for (field, v) in [
        ("code", &store.code),
        ("name", &store.name),
        ("time_zone", &store.time_zone),
        ("policy_id", &store.policy_id),
    ] {
        if v.trim().is_empty() {
            return Err(ImportError::Input(format!("{}: store.{field}: is empty", path.display())));
        }
    }
    Ok(store)
}
