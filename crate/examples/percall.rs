//! What one whole-pipeline call costs: analyzes every small fixture (or the
//! files named) N times each and prints the mean time per call, and the same
//! for the fuzz targets' extra work (JSON, text and Markdown renderings).
//!
//! `cargo run --profile test --example percall -- [N] [FILE…]`

use std::time::Instant;

use scep_doctor::{analyze, i18n::Lang, render, Input};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let mut files: Vec<String> = args.collect();
    if files.is_empty() {
        files = fixtures("tests/fixtures");
    }
    let inputs: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|f| std::fs::read(f).ok().map(|b| (f.clone(), b)))
        .filter(|(_, b)| b.len() < 256 << 10)
        .collect();
    let bytes: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    println!("{} inputs, {} bytes, {} rounds", inputs.len(), bytes, n);
    // One round first: what is built once (rule tables, regexes) is not a
    // per-call cost.
    warm(&inputs);
    let (mut t_analyze, mut t_render) = (0.0, 0.0);
    for _ in 0..n {
        let (a, r) = measured(&inputs);
        t_analyze += a;
        t_render += r;
    }
    let calls = (n * inputs.len()) as f64;
    println!(
        "analyze: {:.1} µs/call; json+text+markdown(ja, redacted): {:.1} µs/call; {:.0} calls/s",
        t_analyze / calls * 1e6,
        t_render / calls * 1e6,
        calls / (t_analyze + t_render)
    );
}

#[inline(never)]
fn warm(inputs: &[(String, Vec<u8>)]) {
    for (name, b) in inputs {
        let report = analyze(&[Input { name, bytes: b }]);
        let _ = render::markdown_export(&report, Lang::Ja, true);
    }
}

/// One call per input; `valgrind --tool=callgrind
/// --toggle-collect='percall::measured'` counts the instructions of these only.
#[inline(never)]
fn measured(inputs: &[(String, Vec<u8>)]) -> (f64, f64) {
    let (mut t_analyze, mut t_render) = (0.0, 0.0);
    for (name, b) in inputs {
        let t = Instant::now();
        let report = analyze(&[Input { name, bytes: b }]);
        t_analyze += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let _ = serde_json::to_string(&report);
        let _ = render::text(&report, true);
        let _ = render::markdown_export(&report, Lang::Ja, true);
        t_render += t.elapsed().as_secs_f64();
    }
    (t_analyze, t_render)
}

fn fixtures(dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(fixtures(&p.to_string_lossy()));
        } else if !matches!(p.extension().and_then(|e| e.to_str()), Some("json" | "md")) {
            out.push(p.to_string_lossy().into_owned());
        }
    }
    out.sort();
    out
}
