//! `evaluate` on a 10-line case: the decision alone, and the whole contract path (JSON text in,
//! decision out) that `returndesk evaluate` runs.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

const TEN_LINES: &str = include_str!("ten-line-case.json");

fn evaluate_ten_lines(c: &mut Criterion) {
    let case = returndesk::contract::parse_case(TEN_LINES).expect("bench case is valid");
    assert_eq!(case.request().lines.len(), 10);
    c.bench_function("evaluate/10 lines", |b| {
        b.iter(|| returndesk::domain::evaluate(black_box(&case)))
    });
    c.bench_function("evaluate/10 lines from JSON text", |b| {
        b.iter(|| returndesk::contract::evaluate_text(black_box(TEN_LINES)).unwrap())
    });
}

criterion_group!(benches, evaluate_ten_lines);
criterion_main!(benches);
