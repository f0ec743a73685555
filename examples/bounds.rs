//! What a build of a site cannot go below on this machine: the cost of each step every build of it
//! must take, measured on its own, with every core, and nothing else.
//!
//! - **read**: every Markdown file under `ROOT/content/` into memory;
//! - **yaml**: every file's front matter through `boardpack::yaml` (serde_yaml, the parser the product
//!   owner named) into boardpack's own front matter types, from memory;
//! - **markdown**: every body through pulldown-cmark into HTML (boardpack's options), from memory;
//! - **write**: the files of a site already built (`--built DIR`, read into memory first, not timed),
//!   written again into a new folder under `--out`, folders made as they are needed.
//!
//! Each step runs `--runs` times (default 5) and its fastest run counts. The steps are timed apart, each
//! keeping every core busy, so their sum is about the least time a build that does them could take:
//! templates, links, the search index, open data, registers, feeds and calendars all come on top.
//! BENCHMARKS.md ("What no build can go below") gives the figures.
//!
//! ```sh
//! cargo run --release --example bounds -- --root /dev/shm/corpus-10000 --built /dev/shm/out-10000 --out /dev/shm/bounds
//! ```

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pulldown_cmark::Parser;
use rayon::prelude::*;

/// Every file under `dir`, as paths relative to it, in name order.
fn files_under(dir: &Path, markdown_only: bool) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && (!markdown_only || e.path().extension().is_some_and(|x| x == "md"))
        })
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .expect("under its folder")
                .to_path_buf()
        })
        .collect()
}

/// Parses `yaml` as the front matter of the file at `rel`, the way `boardpack` chooses its type.
fn parse_matter(rel: &Path, yaml: &str) -> bool {
    use boardpack::content::kinds::{ForKind, Listed};
    struct Parse<'a>(&'a str);
    impl ForKind for Parse<'_> {
        type Out = bool;
        fn run<K: Listed>(self) -> bool {
            boardpack::yaml::from_str::<K::Matter>(self.0).is_ok()
        }
    }
    let in_content = Path::new("content").join(rel);
    boardpack::load::kind_from_path(&in_content).with(Parse(yaml))
}

/// The fastest of `runs` runs of `step` (after `prepare`, untimed, before each).
fn fastest(runs: usize, mut prepare: impl FnMut(), mut step: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            prepare();
            let started = Instant::now();
            step();
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn usage() -> ! {
    eprintln!("usage: bounds --root DIR --built DIR --out DIR [--runs N]");
    std::process::exit(2);
}

fn main() {
    let (mut root, mut built, mut out, mut runs) = (None, None, None, 5usize);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--root" => root = args.next().map(PathBuf::from),
            "--built" => built = args.next().map(PathBuf::from),
            "--out" => out = args.next().map(PathBuf::from),
            "--runs" => {
                runs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            _ => usage(),
        }
    }
    let (Some(root), Some(built), Some(out)) = (root, built, out) else {
        usage()
    };
    let content = root.join("content");
    let sources = files_under(&content, true);

    let mut texts: Vec<String> = Vec::new();
    let read = fastest(
        runs,
        || {},
        || {
            texts = sources
                .par_iter()
                .map(|rel| std::fs::read_to_string(content.join(rel)).expect("read a content file"))
                .collect();
        },
    );
    let split: Vec<(&Path, &str, &str)> = sources
        .iter()
        .zip(&texts)
        .map(|(rel, text)| match boardpack::frontmatter::split(text) {
            Ok(s) => (rel.as_path(), s.yaml, s.body),
            Err(_) => (rel.as_path(), "", text.as_str()),
        })
        .collect();
    let yaml_bytes: usize = split.iter().map(|(_, yaml, _)| yaml.len()).sum();
    let mut parsed = 0;
    let yaml = fastest(
        runs,
        || {},
        || {
            parsed = split
                .par_iter()
                .filter(|(rel, yaml, _)| parse_matter(rel, yaml))
                .count()
        },
    );
    let mut html_bytes = 0;
    let markdown = fastest(
        runs,
        || {},
        || {
            html_bytes = split
                .par_iter()
                .map(|(_, _, body)| {
                    let mut html = String::with_capacity(body.len() * 3 / 2);
                    pulldown_cmark::html::push_html(
                        &mut html,
                        Parser::new_ext(body, boardpack::markdown::options()),
                    );
                    html.len()
                })
                .sum::<usize>();
        },
    );

    let outputs: Vec<(PathBuf, Vec<u8>)> = files_under(&built, false)
        .into_par_iter()
        .map(|rel| {
            let bytes = std::fs::read(built.join(&rel)).expect("read a built file");
            (rel, bytes)
        })
        .collect();
    let out_bytes: usize = outputs.iter().map(|(_, b)| b.len()).sum();
    let target = out.join("site");
    let write = fastest(
        runs,
        || {
            if target.exists() {
                std::fs::remove_dir_all(&target).expect("clear the last run's files");
            }
            std::fs::create_dir_all(&target).expect("make the output folder");
        },
        || {
            outputs.par_iter().for_each(|(rel, bytes)| {
                let dest = target.join(rel);
                if std::fs::write(&dest, bytes).is_err() {
                    std::fs::create_dir_all(dest.parent().expect("a file has a folder"))
                        .expect("make a folder");
                    std::fs::write(&dest, bytes).expect("write a file");
                }
            });
        },
    );
    let _ = std::fs::remove_dir_all(&target);

    let mib = |n: usize| n as f64 / 1_048_576.0;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{} content files, {:.1} MiB; {} front matters ({} parsed), {:.1} MiB of YAML; {} built files, {:.1} MiB; {} threads; fastest of {runs}",
        sources.len(),
        mib(texts.iter().map(String::len).sum()),
        split.len(),
        parsed,
        mib(yaml_bytes),
        outputs.len(),
        mib(out_bytes),
        rayon::current_num_threads()
    );
    println!("| step | ms |");
    println!("| --- | ---: |");
    println!("| read the content files | {:.0} |", ms(read));
    println!(
        "| parse their front matter (serde_yaml) | {:.0} |",
        ms(yaml)
    );
    println!(
        "| render their Markdown ({:.1} MiB of HTML) | {:.0} |",
        mib(html_bytes),
        ms(markdown)
    );
    println!("| write the built site's files | {:.0} |", ms(write));
    println!(
        "| **sum** | **{:.0}** |",
        ms(read + yaml + markdown + write)
    );
}
