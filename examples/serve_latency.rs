//! Measures `boardpack serve`'s edit-to-reload latency: the time from saving a paper to the browser
//! being told to reload (the `reload` event on `/__boardpack/events`), which is what an author feels.
//!
//! ```sh
//! cargo build --release --bin boardpack --example serve_latency --example gen_corpus
//! target/release/examples/serve_latency --site .                       # the example site
//! target/release/examples/gen_corpus --papers 10000 --out /dev/shm/corpus-10000
//! target/release/examples/serve_latency --site /dev/shm/corpus-10000 --runs 10
//! ```
//!
//! The site is copied to a temporary folder first (the original is never touched). Each run rewrites
//! one paper in place (a plain save) with a different sentence, then waits for the `reload` event. The
//! report gives the median and 95th percentile of the latency, and of the rebuild time alone as the
//! server logged it; the difference is the watcher's debounce and the event's delivery.
//!
//! Options: `--site DIR` (required), `--runs N` (default 20), `--paper REL` (a paper under the site to
//! edit; default the first paper found), `--bin PATH` (default `boardpack` beside this program's
//! folder, i.e. `target/release/boardpack`), `--as-of DATE` (default 2026-11-23).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(600);

struct Args {
    site: PathBuf,
    runs: usize,
    paper: Option<PathBuf>,
    bin: PathBuf,
    as_of: String,
}

fn main() {
    let args = parse_args();
    let temp = tempfile::Builder::new()
        .prefix("serve-latency-")
        .tempdir()
        .expect("a temporary folder");
    let root = temp.path().join("site");
    eprintln!("copying {} to {}", args.site.display(), root.display());
    std::fs::create_dir_all(&root).expect("make the copy's folder");
    std::fs::copy(args.site.join("site.yaml"), root.join("site.yaml")).expect("copy site.yaml");
    for dir in ["content", "templates", "static", "themes"] {
        if args.site.join(dir).is_dir() {
            copy_dir(&args.site.join(dir), &root.join(dir));
        }
    }
    let paper = match &args.paper {
        Some(rel) => root.join(rel),
        None => first_paper(&root.join("content")).expect("a paper under content/"),
    };
    let original = std::fs::read_to_string(&paper).expect("read the paper");
    eprintln!(
        "editing {}",
        paper.strip_prefix(&root).unwrap_or(&paper).display()
    );

    let mut server = Server::start(&args.bin, &root, &args.as_of);
    eprintln!(
        "serving at {}; initial build: {}",
        server.url,
        server
            .last_build_ms()
            .map_or("?".into(), |ms| format!("{ms} ms"))
    );
    let events = Events::connect(&server.addr);
    events.next("hello");

    let mut latencies = Vec::new();
    let mut builds = Vec::new();
    for run in 0..args.runs {
        let builds_before = server.build_count();
        let text = format!("{original}\nLatency run {run}: the clerk adds a sentence.\n");
        let started = Instant::now();
        std::fs::write(&paper, text).expect("save the paper");
        events.next("reload");
        let latency = started.elapsed();
        // The rebuild's own time, as the server logged it.
        let deadline = Instant::now() + Duration::from_secs(10);
        while server.build_count() == builds_before && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        let build = server.last_build_ms();
        eprintln!(
            "run {run}: {:.1} ms (rebuild {} ms)",
            ms(latency),
            build.map_or("?".into(), |b| b.to_string())
        );
        latencies.push(ms(latency));
        builds.extend(build.map(|b| b as f64));
        // Let the watcher go quiet, so each run is one save.
        std::thread::sleep(Duration::from_millis(200));
    }
    std::fs::write(&paper, &original).expect("restore the paper");
    server.stop();

    println!(
        "site: {} ({} Markdown files)",
        args.site.display(),
        count_markdown(&root.join("content"))
    );
    println!("runs: {}", latencies.len());
    println!("edit-to-reload latency: {}", summary(&mut latencies));
    println!("rebuild (server log):   {}", summary(&mut builds));
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `median 123.4 ms, p95 150.0 ms (min 100.0, max 160.0)`.
fn summary(values: &mut [f64]) -> String {
    if values.is_empty() {
        return "no data".into();
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {:.1} ms, p95 {:.1} ms (min {:.1}, max {:.1})",
        at(0.5),
        at(0.95),
        values[0],
        values[values.len() - 1]
    )
}

fn parse_args() -> Args {
    let mut site = None;
    let mut runs = 20;
    let mut paper = None;
    let mut bin = None;
    let mut as_of = "2026-11-23".to_string();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{arg} needs a value")))
        };
        match arg.as_str() {
            "--site" => site = Some(PathBuf::from(value())),
            "--runs" => {
                runs = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--runs takes a number"))
            }
            "--paper" => paper = Some(PathBuf::from(value())),
            "--bin" => bin = Some(PathBuf::from(value())),
            "--as-of" => as_of = value(),
            _ => usage(&format!("unknown argument {arg}")),
        }
    }
    let site = site.unwrap_or_else(|| usage("--site DIR is required"));
    let bin = bin.unwrap_or_else(|| {
        let exe = std::env::current_exe().expect("this program's path");
        // target/<profile>/examples/serve_latency → target/<profile>/boardpack
        exe.parent()
            .and_then(Path::parent)
            .map(|p| p.join("boardpack"))
            .expect("a target folder")
    });
    if !bin.is_file() {
        usage(&format!(
            "no boardpack binary at {} (build it with `cargo build --release --bin boardpack`, or pass --bin)",
            bin.display()
        ));
    }
    Args {
        site,
        runs,
        paper,
        bin,
        as_of,
    }
}

fn usage(problem: &str) -> ! {
    eprintln!(
        "serve_latency: {problem}\nusage: serve_latency --site DIR [--runs N] [--paper REL] [--bin PATH] [--as-of DATE]"
    );
    std::process::exit(2)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("make folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// The first paper (a Markdown file that is not a board, meeting or minutes file) in name order.
fn first_paper(dir: &Path) -> Option<PathBuf> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in &entries {
        let name = path.file_name()?.to_string_lossy().into_owned();
        if path.is_file()
            && name.ends_with(".md")
            && !["board.md", "meeting.md", "minutes.md"].contains(&name.as_str())
            && path.parent().and_then(|p| p.file_name()).is_some_and(|p| {
                p.to_string_lossy()
                    .starts_with(|c: char| c.is_ascii_digit())
            })
        {
            return Some(path.clone());
        }
    }
    entries
        .iter()
        .filter(|p| p.is_dir())
        .find_map(|p| first_paper(p))
}

fn count_markdown(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| {
                    let path = e.path();
                    if path.is_dir() {
                        count_markdown(&path)
                    } else {
                        usize::from(path.extension().is_some_and(|x| x == "md"))
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// The server under test, with its log collected.
struct Server {
    child: Child,
    url: String,
    addr: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(bin: &Path, root: &Path, as_of: &str) -> Server {
        let mut child = Command::new(bin)
            .args(["serve", "--port", "0", "--as-of", as_of, "--root"])
            .arg(root)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start boardpack serve");
        let log = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&log);
        let mut stderr = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            let mut buf = [0; 8192];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .expect("log")
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let url = loop {
            match rx.recv_timeout(TIMEOUT) {
                Ok(line) if line.contains("http://") => {
                    break line[line.find("http://").unwrap_or(0)..].trim().to_string();
                }
                Ok(_) => {}
                Err(_) => panic!("serve printed no URL:\n{}", log.lock().expect("log")),
            }
        };
        let addr = url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap_or_default()
            .to_string();
        Server {
            child,
            url,
            addr,
            log,
        }
    }

    /// Lines like `12:00:01 built in 85 ms: …` so far.
    fn builds(&self) -> Vec<u64> {
        let log = self.log.lock().expect("log");
        log.lines()
            .filter_map(|line| {
                line.split(" built in ")
                    .nth(1)
                    .or_else(|| line.split(" build failed in ").nth(1))
            })
            .filter_map(|rest| rest.split(" ms").next()?.parse().ok())
            .collect()
    }

    fn build_count(&self) -> usize {
        self.builds().len()
    }

    fn last_build_ms(&self) -> Option<u64> {
        self.builds().last().copied()
    }

    fn stop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }
}

/// Server-sent events, read from a raw connection (the stream is chunked).
struct Events {
    events: Receiver<String>,
}

impl Events {
    fn connect(addr: &str) -> Events {
        let mut stream = TcpStream::connect(addr).expect("connect");
        write!(
            stream,
            "GET /__boardpack/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            // Chunk sizes and blank lines interleave with the events' lines; only `event:` lines matter.
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(name) = line.strip_prefix("event:")
                    && tx.send(name.trim().to_string()).is_err()
                {
                    break;
                }
            }
        });
        Events { events: rx }
    }

    fn next(&self, name: &str) {
        loop {
            match self.events.recv_timeout(TIMEOUT) {
                Ok(event) if event == name => return,
                Ok(_) => {}
                Err(e) => panic!("no `{name}` event: {e}"),
            }
        }
    }
}
