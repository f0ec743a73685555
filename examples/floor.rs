//! The "floor" of a boardpack build: the least work any build of a site must do, and nothing else.
//!
//! Reads every Markdown file under `ROOT/content/` (walkdir, sorted), drops the YAML front matter,
//! renders the body with pulldown-cmark (the options boardpack uses) and writes one HTML file per
//! source file under `OUT/`, in parallel with rayon. No YAML parsing, no linking, no templates, no
//! diagnostics, no atomic swap. `scripts/bench` times it beside `boardpack build` (BENCHMARKS.md).
//!
//! ```sh
//! cargo run --release --example floor -- --root /dev/shm/corpus-10000 --out /dev/shm/floor-10000
//! ```

use std::path::{Path, PathBuf};

use pulldown_cmark::Parser;
use rayon::prelude::*;

/// The Markdown body: what follows the closing `---` of the front matter (the whole text if none).
fn body(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    match rest.find("\n---\n") {
        Some(end) => &rest[end + 5..],
        None => text,
    }
}

fn main() {
    let mut root = None;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--root" => root = args.next().map(PathBuf::from),
            "--out" => out = args.next().map(PathBuf::from),
            _ => {
                eprintln!("usage: floor --root DIR --out DIR");
                std::process::exit(2);
            }
        }
    }
    let (Some(root), Some(out)) = (root, out) else {
        eprintln!("usage: floor --root DIR --out DIR");
        std::process::exit(2);
    };
    let started = std::time::Instant::now();
    let content = root.join("content");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            e.path()
                .strip_prefix(&content)
                .expect("under content")
                .to_path_buf()
        })
        .collect();
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| f.parent().map(|p| out.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        std::fs::create_dir_all(d).expect("create output folder");
    }
    let bytes: usize = files
        .par_iter()
        .map(|rel: &PathBuf| {
            let text = std::fs::read_to_string(content.join(rel)).expect("read a content file");
            let markdown = body(&text);
            let mut html = String::with_capacity(markdown.len() * 3 / 2);
            pulldown_cmark::html::push_html(
                &mut html,
                Parser::new_ext(markdown, boardpack::markdown::options()),
            );
            let dest: PathBuf = out.join(Path::new(rel).with_extension("html"));
            std::fs::write(&dest, &html).expect("write an HTML file");
            html.len()
        })
        .sum();
    eprintln!(
        "floor: {} files, {:.1} MiB of HTML in {:.2?}",
        files.len(),
        bytes as f64 / 1048576.0,
        started.elapsed()
    );
}
