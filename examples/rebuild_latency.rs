//! Times one-paper rebuilds of the incremental engine behind `serve` (see BENCHMARKS.md).
//!
//! ```sh
//! cargo run --release --example rebuild_latency -- --site DIR [--runs 20] [--as-of 2026-11-23]
//! ```
//!
//! Builds DIR once into a temporary folder, then, `--runs` times, appends a sentence to the body of one
//! paper (a different one each time, cycling through the first meeting's papers), rebuilds, and prints
//! each rebuild's time and the median and 95th percentile. The papers are restored at the end.

use std::path::PathBuf;

// The allocator of the `boardpack` binary, so the figures are the ones `serve` sees.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::Instant;

fn main() {
    let mut site: Option<PathBuf> = None;
    let mut runs = 20usize;
    let mut as_of = "2026-11-23".to_string();
    let mut pdf = true;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--site" => site = args.next().map(PathBuf::from),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs),
            "--as-of" => as_of = args.next().unwrap_or(as_of),
            // `serve` typesets the edited meeting's PDF pack; this leaves it out, to time the rest.
            "--no-pdf" => pdf = false,
            _ => {
                eprintln!("usage: rebuild_latency --site DIR [--runs N] [--as-of DATE] [--no-pdf]");
                std::process::exit(2);
            }
        }
    }
    let Some(site) = site else {
        eprintln!("usage: rebuild_latency --site DIR [--runs N] [--as-of DATE] [--no-pdf]");
        std::process::exit(2);
    };
    let mut options = boardpack::Options::new(&site);
    options.as_of = Some(as_of.parse().expect("a date"));
    options.pdf = pdf;
    let out = tempfile::tempdir().expect("temp dir");
    let mut session = boardpack::session::Session::new(options, out.path().join("site"));
    let started = Instant::now();
    let first = session.rebuild(&[]);
    assert!(!first.failed(), "the site has errors");
    eprintln!(
        "first build: {} pages in {:.0} ms",
        first.rendered,
        started.elapsed().as_secs_f64() * 1000.0
    );

    // The papers of the first meeting folder that has any.
    let papers: Vec<PathBuf> = walkdir::WalkDir::new(site.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md")
                && !["board.md", "meeting.md", "minutes.md"]
                    .contains(&p.file_name().and_then(|n| n.to_str()).unwrap_or(""))
        })
        .take(8)
        .collect();
    let originals: Vec<String> = papers
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read"))
        .collect();
    let mut times = Vec::with_capacity(runs);
    for run in 0..runs {
        let i = run % papers.len();
        let text = format!("{}\nAn added sentence, number {run}.\n", originals[i]);
        let started = Instant::now();
        std::fs::write(&papers[i], text).expect("write");
        let r = session.rebuild(std::slice::from_ref(&papers[i]));
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        assert!(!r.failed(), "rebuild failed");
        let phases: Vec<String> = r
            .phases
            .iter()
            .map(|(name, d)| format!("{name} {:.1}", d.as_secs_f64() * 1000.0))
            .collect();
        eprintln!(
            "rebuild {run}: {} pages, {} files written, {:.1} ms{} [{}]",
            r.rendered,
            r.written.len(),
            ms,
            if r.full { " (full)" } else { "" },
            phases.join(", ")
        );
        times.push(ms);
        // What `serve` does once the author pauses (the search index, the PDF packs): not timed.
        if let Some(rest) = session.rebuild_deferred() {
            eprintln!(
                "  then the search index and PDF packs: {:.1} ms",
                rest.elapsed.as_secs_f64() * 1000.0
            );
        }
    }
    for (path, text) in papers.iter().zip(&originals) {
        std::fs::write(path, text).expect("restore");
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    println!(
        "one-paper rebuild over {runs} runs: median {median:.1} ms, p95 {p95:.1} ms, max {:.1} ms",
        times[times.len() - 1]
    );
}
