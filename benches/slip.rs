//! How long a return slip takes to build, and how big it is.
//!
//! `cargo bench --bench slip`; the sizes are printed once before the timings.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use returndesk::slip::{render_return_slip, sample, Lang, Layout};

fn ten_line_slip(c: &mut Criterion) {
    let mut group = c.benchmark_group("return_slip_10_lines");
    for (lang, layout) in [(Lang::Bg, Layout::Roll80mm), (Lang::Bg, Layout::A4), (Lang::En, Layout::Roll80mm)] {
        let view = sample::return_slip(10, lang);
        let bytes = render_return_slip(&view, lang, layout).expect("sample slip renders");
        println!("return slip, 10 lines, {} {}: {} bytes", lang.code(), layout.as_str(), bytes.len());
        group.bench_function(format!("{}_{}", lang.code(), layout.as_str()), |b| {
            b.iter(|| render_return_slip(black_box(&view), lang, layout).expect("renders"))
        });
    }
    group.finish();
}

criterion_group!(benches, ten_line_slip);
criterion_main!(benches);
