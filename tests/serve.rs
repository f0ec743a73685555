//! `boardpack serve`, end to end: the real binary on a temporary site, spoken to over HTTP.
//!
//! Each test starts its own server on a free port (`--port 0`) with its own `TMPDIR`, so the preview's
//! temporary folder can be found, planted beside and checked for removal. Nothing waits a fixed time
//! for something that can be polled; timeouts are generous because the test machine may be busy.

#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, ChildStderr, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{AS_OF, MEETING_URL, PAPER_URL, TestSite, attr, sel, select};
use scraper::Html;

/// Long enough for a debug build on a loaded machine; a passing test never waits this long.
const TIMEOUT: Duration = Duration::from_secs(90);
const PAPER: &str = "content/audit-board/2026-12-01/04-internal-audit-progress.md";

// ---------------------------------------------------------------------------------------------------
// A running server.

struct Server {
    child: Child,
    /// The printed URL, e.g. `http://127.0.0.1:41234/`.
    url: String,
    /// `host:port`.
    addr: String,
    stderr: Arc<Mutex<String>>,
    /// The `TMPDIR` the server was given (its preview folder is made inside).
    tmp: PathBuf,
}

impl Server {
    /// Starts `boardpack serve --port 0` on `site` and waits for the URL it prints.
    fn start(site: &TestSite) -> Server {
        Server::start_with(site, &[])
    }

    fn start_with(site: &TestSite, extra: &[&str]) -> Server {
        let tmp = site.scratch().join("tmp");
        std::fs::create_dir_all(&tmp).unwrap();
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("boardpack"))
            .args(["serve", "--port", "0", "--as-of", AS_OF, "--root"])
            .arg(site.root())
            .args(extra)
            .env("NO_COLOR", "1")
            .env("TMPDIR", &tmp)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start boardpack serve");
        let stderr = collect(child.stderr.take().unwrap());
        let lines = lines(child.stdout.take().unwrap());
        let deadline = Instant::now() + TIMEOUT;
        let url = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match lines.recv_timeout(left) {
                Ok(line) => {
                    if let Some(at) = line.find("http://") {
                        break line[at..].split_whitespace().next().unwrap().to_string();
                    }
                }
                Err(_) => {
                    let _ = child.kill();
                    panic!(
                        "serve printed no URL; its messages:\n{}",
                        stderr.lock().unwrap()
                    );
                }
            }
        };
        let addr = url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        Server {
            child,
            url,
            addr,
            stderr,
            tmp,
        }
    }

    fn get(&self, path: &str) -> Response {
        request(&self.addr, "GET", path)
    }

    /// A page that must be served with 200, parsed.
    fn page(&self, path: &str) -> Html {
        let response = self.get(path);
        assert_eq!(response.status, 200, "GET {path}: {}", response.text());
        assert_eq!(
            response.header("content-type"),
            "text/html; charset=utf-8",
            "GET {path}"
        );
        Html::parse_document(&response.text())
    }

    fn events(&self) -> Events {
        Events::connect(&self.addr)
    }

    /// The event stream, once the server has greeted it: every event after that is the test's own.
    fn greeted_events(&self) -> Events {
        let events = self.events();
        events.next("hello");
        events
    }

    fn messages(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// The preview's temporary folders (there is one while the server runs).
    fn preview_dirs(&self) -> Vec<PathBuf> {
        std::fs::read_dir(&self.tmp)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("boardpack-serve-")
            })
            .collect()
    }

    /// Sends `signal` (`TERM`, `INT`) and waits for the server to exit.
    fn stop(&mut self, signal: &str) -> ExitStatus {
        let sent = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        assert!(sent.success(), "kill -{signal}");
        eventually("the server to exit", || self.child.try_wait().unwrap())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect(mut stderr: ChildStderr) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&text);
    std::thread::spawn(move || {
        let mut buf = [0; 4096];
        while let Ok(n) = stderr.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    text
}

fn lines(stdout: ChildStdout) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Polls `f` every 50 ms until it gives a value; fails the test after [`TIMEOUT`].
fn eventually<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(value) = f() {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

// ---------------------------------------------------------------------------------------------------
// A minimal HTTP/1.1 client: sends the path byte for byte (no client-side clean-up of `..`).

struct Response {
    status: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn request(addr: &str, method: &str, path: &str) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect to the server");
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let (status, headers) = read_head(&mut reader);
    let mut body = Vec::new();
    if method != "HEAD" {
        if headers
            .get("transfer-encoding")
            .is_some_and(|t| t.contains("chunked"))
        {
            Chunked::new(reader).read_to_end(&mut body).unwrap();
        } else if let Some(length) = headers.get("content-length") {
            body.resize(length.parse().unwrap(), 0);
            reader.read_exact(&mut body).unwrap();
        } else {
            reader.read_to_end(&mut body).unwrap();
        }
    }
    Response {
        status,
        headers,
        body,
    }
}

fn read_head(reader: &mut impl BufRead) -> (u16, BTreeMap<String, String>) {
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("status line {line:?}"));
    let mut headers = BTreeMap::new();
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap();
        headers.insert(name.to_ascii_lowercase(), value.trim().to_string());
    }
    (status, headers)
}

/// A chunked transfer-encoded body.
struct Chunked<R> {
    inner: R,
    left: usize,
    done: bool,
}

impl<R: BufRead> Chunked<R> {
    fn new(inner: R) -> Self {
        Chunked {
            inner,
            left: 0,
            done: false,
        }
    }
}

impl<R: BufRead> Read for Chunked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.done || buf.is_empty() {
            return Ok(0);
        }
        if self.left == 0 {
            let mut line = String::new();
            // The CRLF that ends the previous chunk, then the size line.
            while line.trim().is_empty() {
                line.clear();
                if self.inner.read_line(&mut line)? == 0 {
                    return Ok(0);
                }
            }
            let size = line.trim().split(';').next().unwrap_or("");
            self.left = usize::from_str_radix(size, 16)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
            if self.left == 0 {
                self.done = true;
                return Ok(0);
            }
        }
        let want = buf.len().min(self.left);
        let n = self.inner.read(&mut buf[..want])?;
        self.left -= n;
        Ok(n)
    }
}

/// A live-reload event stream: `(event, data)` pairs as they arrive.
struct Events {
    events: Receiver<(String, String)>,
}

impl Events {
    fn connect(addr: &str) -> Events {
        let mut stream = TcpStream::connect(addr).expect("connect to the server");
        write!(
            stream,
            "GET /__boardpack/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let (status, headers) = read_head(&mut reader);
        assert_eq!(status, 200);
        assert_eq!(
            headers.get("content-type").map(String::as_str),
            Some("text/event-stream")
        );
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let lines = BufReader::new(Chunked::new(reader)).lines();
            let (mut event, mut data) = (String::new(), String::new());
            for line in lines {
                let Ok(line) = line else { break };
                if line.is_empty() {
                    if !event.is_empty()
                        && tx
                            .send((std::mem::take(&mut event), std::mem::take(&mut data)))
                            .is_err()
                    {
                        break;
                    }
                } else if let Some(value) = line.strip_prefix("event:") {
                    event = value.trim().to_string();
                } else if let Some(value) = line.strip_prefix("data:") {
                    data = value.trim().to_string();
                }
            }
        });
        Events { events: rx }
    }

    /// The next event named `name` (others are skipped), with its data.
    fn next(&self, name: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok((event, data)) if event == name => return data,
                Ok(_) => {}
                Err(e) => panic!("no `{name}` event: {e}"),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// Helpers on pages.

fn h1(html: &Html) -> String {
    common::only_h1(html, "the page")
}

/// The `src` of every script of the page.
fn scripts(html: &Html) -> Vec<String> {
    html.select(&sel("script"))
        .map(|s| s.value().attr("src").unwrap_or("(inline)").to_string())
        .collect()
}

fn is_reload_script(src: &str) -> bool {
    src.starts_with("/__boardpack/reload.js?v=")
}

/// Saves a site file the way many editors do (a hidden temporary file renamed over it), so the watcher
/// sees one change: a test can then expect exactly one rebuild.
fn save(site: &TestSite, rel: &str, text: &str) {
    let path = site.path(rel);
    let temp = path.with_file_name(format!(
        ".{}.tmp",
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, &path).unwrap();
}

fn paper(title: &str) -> String {
    common::PAPER_MD.replace("title: Internal audit progress", &format!("title: {title}"))
}

/// The error page's diagnostics text, after checking the page's structure.
fn error_text(response: &Response) -> String {
    assert_eq!(response.status, 500, "the error page: {}", response.text());
    assert_eq!(response.header("content-type"), "text/html; charset=utf-8");
    let html = Html::parse_document(&response.text());
    assert_eq!(
        select(&html, "[role=alert] h1").len(),
        1,
        "an alert with the page's one h1"
    );
    assert_eq!(h1(&html), "The site did not build");
    assert!(
        scripts(&html).iter().any(|s| is_reload_script(s)),
        "the error page reloads when fixed"
    );
    let pre = select(&html, "pre");
    assert_eq!(pre.len(), 1);
    pre[0].text().collect()
}

// ---------------------------------------------------------------------------------------------------
// Tests.

#[test]
fn serves_the_site_with_content_types_folder_indexes_and_its_404_page() {
    let site = TestSite::example()
        .file("static/calendar.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        .file("static/feed.xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>\n")
        .file("static/sitemap.xml", "<?xml version=\"1.0\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"></urlset>\n")
        .file("static/search.json", "{}")
        .file("static/app.js", "// nothing\n")
        .file("static/pack.pdf", "%PDF-1.4\n");
    let server = Server::start(&site);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "loopback by default: {}",
        server.url
    );
    assert!(server.url.ends_with('/'));

    let home = server.page("/");
    assert_eq!(
        scripts(&home)
            .iter()
            .filter(|s| is_reload_script(s))
            .count(),
        1,
        "one reload script: {:?}",
        scripts(&home)
    );
    let last_in_body = home
        .select(&sel("body > script"))
        .next_back()
        .expect("the script is in the body");
    assert!(is_reload_script(last_in_body.value().attr("src").unwrap()));
    assert_eq!(last_in_body.value().attr("defer"), Some(""));

    // Folder indexes, and the redirect that makes relative links work.
    let board = server.page("/transport-board/");
    assert_eq!(h1(&board), "Transport and Infrastructure Board");
    let redirect = server.get("/transport-board");
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.header("location"), "/transport-board/");
    let with_query = server.get("/transport-board?x=1");
    assert_eq!(with_query.header("location"), "/transport-board/?x=1");

    // Links lead to the preview: the stylesheet, and the appendix spreadsheet.
    let css = common::attr(&home, "link[rel=stylesheet]", "href").expect("a stylesheet");
    assert!(css.starts_with('/'), "{css}");
    let response = server.get(&css);
    assert_eq!(
        (response.status, response.header("content-type")),
        (200, "text/css; charset=utf-8")
    );
    let meeting = server.page("/transport-board/2026-06-16/");
    let csv = common::doc_hrefs(&meeting)
        .into_iter()
        .find(|h| h.ends_with(".csv"));
    let csv = match csv {
        Some(csv) => csv,
        None => {
            let paper = server.page("/transport-board/2026-06-16/3-bus-franchising-consultation/");
            common::doc_hrefs(&paper)
                .into_iter()
                .find(|h| h.ends_with(".csv"))
                .expect("a link to the CSV appendix")
        }
    };
    let response = server.get(&csv);
    assert_eq!(
        (response.status, response.header("content-type")),
        (200, "text/csv; charset=utf-8"),
        "{csv}"
    );
    assert!(
        !response.text().contains("__boardpack"),
        "nothing is injected into other files"
    );

    for (path, expected) in [
        ("/calendar.ics", "text/calendar; charset=utf-8"),
        ("/feed.xml", "application/atom+xml"),
        ("/sitemap.xml", "application/xml"),
        ("/search.json", "application/json"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/pack.pdf", "application/pdf"),
    ] {
        let response = server.get(path);
        assert_eq!(
            (response.status, response.header("content-type")),
            (200, expected),
            "{path}"
        );
        assert_eq!(response.header("x-content-type-options"), "nosniff");
    }

    // Unknown paths get the site's own 404 page, with status 404.
    let missing = server.get("/no-such-board/");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("content-type"), "text/html; charset=utf-8");
    let page = Html::parse_document(&missing.text());
    let built_404 =
        std::fs::read_to_string(server.preview_dirs()[0].join("site/404.html")).unwrap();
    assert_eq!(h1(&page), h1(&Html::parse_document(&built_404)));
    assert!(scripts(&page).iter().any(|s| is_reload_script(s)));

    // HEAD gives the headers alone; other methods are refused.
    let head = request(&server.addr, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert_eq!(request(&server.addr, "POST", "/").status, 405);

    // The script is added as pages are sent: the preview's files on disk are the build's own.
    let preview = server.preview_dirs()[0].join("site");
    for file in common::all_files(&preview) {
        let bytes = std::fs::read(preview.join(&file)).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__boardpack"),
            "{} on disk mentions serve's files",
            file.display()
        );
    }

    // serve's own files.
    let js = server.get("/__boardpack/reload.js");
    assert_eq!(
        (js.status, js.header("content-type")),
        (200, "text/javascript; charset=utf-8")
    );
    assert!(js.text().contains("EventSource(\"/__boardpack/events\")"));
}

#[test]
fn the_reload_script_is_never_written_by_build() {
    let site = TestSite::example();
    let built = site.build();
    let files = common::all_files(&built.out);
    assert!(!files.is_empty());
    for file in files {
        let bytes = std::fs::read(built.out.join(&file)).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__boardpack"),
            "{} mentions serve's files",
            file.display()
        );
    }
}

#[test]
fn edits_rebuild_and_reload_and_a_broken_site_shows_its_problems_until_fixed() {
    let site = TestSite::minimal();
    let server = Server::start(&site);
    assert_eq!(h1(&server.page(PAPER_URL)), "Internal audit progress");
    let events = server.events();
    let first = events.next("hello");
    let page_version = scripts(&server.page(PAPER_URL))
        .into_iter()
        .find(|s| is_reload_script(s))
        .unwrap();
    assert!(
        page_version.ends_with(&format!("v={first}")),
        "the page names the build it came from"
    );

    // An edit: a reload event, then the new content.
    save(&site, PAPER, &paper("Internal audit progress, quarter 3"));
    let second = events.next("reload");
    assert_ne!(second, first);
    assert_eq!(
        h1(&server.page(PAPER_URL)),
        "Internal audit progress, quarter 3"
    );
    let log = server.messages();
    assert!(
        log.contains(&format!("changed: {PAPER}")),
        "the log names the changed file:\n{log}"
    );
    assert!(
        log.lines()
            .any(|l| l.contains("built in") && l.contains("pages rendered")),
        "the log says what was built:\n{log}"
    );

    // A broken edit: every page is the error page, with the diagnostic at file:line:column.
    save(
        &site,
        PAPER,
        "---\ntitle: Internal audit progress\nmeeting: audit-board\ndate: [2026-12-01\n---\nText.\n",
    );
    events.next("reload");
    let response = server.get(PAPER_URL);
    let problems = error_text(&response);
    assert!(
        problems.contains(&format!("{PAPER}:4:")),
        "the diagnostic names file, line and column:\n{problems}"
    );
    assert!(problems.contains("error["), "{problems}");
    assert_eq!(
        error_text(&server.get("/")),
        problems,
        "every page shows the problems"
    );
    assert_eq!(error_text(&server.get("/nothing-here/")), problems);
    let log = server.messages();
    assert!(
        log.contains(&format!("{PAPER}:4:")),
        "the terminal shows the diagnostic too:\n{log}"
    );
    assert!(log.contains("build failed"), "{log}");
    // Files other than pages are still served, so the site's own style sheet keeps working.
    assert_eq!(server.get("/__boardpack/error.css").status, 200);

    // Fixed: a reload, and the page again.
    save(&site, PAPER, &paper("Internal audit progress, fixed"));
    events.next("reload");
    assert_eq!(
        h1(&server.page(PAPER_URL)),
        "Internal audit progress, fixed"
    );

    // A deleted paper is gone from the preview.
    std::fs::remove_file(site.path(PAPER)).unwrap();
    events.next("reload");
    assert_eq!(server.get(PAPER_URL).status, 404);
    assert_eq!(server.get(MEETING_URL).status, 200);
}

#[test]
fn editor_scratch_files_do_not_rebuild_and_a_write_then_rename_save_does() {
    let site = TestSite::minimal();
    let server = Server::start(&site);
    // Connected and greeted: the server is up and watching.
    let _events = server.greeted_events();
    let dir = site.path("content/audit-board/2026-12-01");
    // vim: swap file and write test, a backup by rename, the new file, the backup removed.
    std::fs::write(dir.join(".04-internal-audit-progress.md.swp"), "swap").unwrap();
    std::fs::write(dir.join("4913"), "").unwrap();
    std::fs::remove_file(dir.join("4913")).unwrap();
    std::fs::rename(site.path(PAPER), dir.join("04-internal-audit-progress.md~")).unwrap();
    std::fs::write(site.path(PAPER), paper("Saved by rename")).unwrap();
    std::fs::remove_file(dir.join("04-internal-audit-progress.md~")).unwrap();
    // The steps may reach the watcher as more than one change on a busy machine: poll for the result.
    eventually("the save to show", || {
        (server.get(PAPER_URL).status == 200 && h1(&server.page(PAPER_URL)) == "Saved by rename")
            .then_some(())
    });
    // Another editor: write a temporary file, rename it over the paper.
    std::fs::write(
        dir.join(".04-internal-audit-progress.md.tmp"),
        paper("Saved by atomic rename"),
    )
    .unwrap();
    std::fs::rename(
        dir.join(".04-internal-audit-progress.md.tmp"),
        site.path(PAPER),
    )
    .unwrap();
    eventually("the atomic save to show", || {
        (h1(&server.page(PAPER_URL)) == "Saved by atomic rename").then_some(())
    });
    let changed: Vec<String> = server
        .messages()
        .lines()
        .filter(|l| l.contains("changed:"))
        .map(str::to_string)
        .collect();
    assert!(!changed.is_empty());
    for line in &changed {
        assert!(
            line.ends_with(&format!("changed: {PAPER}")),
            "only the paper is named: {line}"
        );
    }
}

#[test]
fn a_source_folder_made_after_start_is_watched() {
    let site = TestSite::minimal();
    let server = Server::start(&site);
    // Connected and greeted: the server is up and watching.
    let _events = server.greeted_events();
    site.write("static/note.txt", "first");
    eventually("the new static file", || {
        (server.get("/note.txt").text() == "first").then_some(())
    });
    // Its files change later: the folder itself is watched now.
    site.write("static/note.txt", "second");
    eventually("the changed static file", || {
        (server.get("/note.txt").text() == "second").then_some(())
    });
}

#[test]
fn a_site_broken_from_the_start_is_served_as_its_problems() {
    let site = TestSite::minimal().file(PAPER, "---\ntitle: [broken\n---\n");
    let server = Server::start(&site);
    let problems = error_text(&server.get("/"));
    assert!(problems.contains(PAPER), "{problems}");
    let events = server.greeted_events();
    save(&site, PAPER, &paper("Now it builds"));
    events.next("reload");
    assert_eq!(h1(&server.page(PAPER_URL)), "Now it builds");
}

#[test]
fn no_request_reaches_a_file_outside_the_preview() {
    let site = TestSite::minimal();
    let server = Server::start(&site);
    let secret = "TOP-SECRET-4c1f9e";
    let preview = server.preview_dirs().pop().expect("the preview folder");
    // Beside the output, above it, and in the site folder.
    std::fs::write(preview.join("secret.txt"), secret).unwrap();
    std::fs::write(server.tmp.join("secret.txt"), secret).unwrap();
    site.write("secret.txt", secret);
    // A symlink inside the output that points out of it.
    let output = preview.join("site");
    std::os::unix::fs::symlink(preview.join("secret.txt"), output.join("linked.txt")).unwrap();
    std::os::unix::fs::symlink(&preview, output.join("up")).unwrap();
    let absolute = preview.join("secret.txt").display().to_string();
    let paths = [
        "/../secret.txt".to_string(),
        "/../../secret.txt".into(),
        "/../../../secret.txt".into(),
        "/audit-board/../../secret.txt".into(),
        "/%2e%2e/secret.txt".into(),
        "/%2e%2e/%2e%2e/secret.txt".into(),
        "/%2E%2E/%2E%2E/%2E%2E/secret.txt".into(),
        "/..%2fsecret.txt".into(),
        "/..%2f..%2fsecret.txt".into(),
        "/..%2f..%2fetc/passwd".into(),
        "/..%5c..%5csecret.txt".into(),
        "/..\\..\\secret.txt".into(),
        "/%2e%2e%5csecret.txt".into(),
        "/.%2e/secret.txt".into(),
        "/%252e%252e/secret.txt".into(),
        format!("/{absolute}"),
        format!("/{}", absolute.replace('/', "%2f")),
        format!(
            "/%2f{}",
            absolute.trim_start_matches('/').replace('/', "%2f")
        ),
        "/linked.txt".into(),
        "/up/secret.txt".into(),
        "/.boardpack-output".into(),
        "//etc/passwd".into(),
    ];
    for path in &paths {
        let response = server.get(path);
        assert!(
            !response.text().contains(secret),
            "GET {path} served the secret"
        );
        assert!(
            !response.text().contains("root:"),
            "GET {path} served /etc/passwd"
        );
        assert!(
            (400..500).contains(&response.status),
            "GET {path}: status {}",
            response.status
        );
    }
    // The files are really there: a server that followed any of these paths would have found them.
    assert_eq!(
        std::fs::read_to_string(output.join("linked.txt")).unwrap(),
        secret
    );
}

#[test]
fn a_site_with_a_base_path_is_served_under_it() {
    let site = TestSite::minimal().file(
        "site.yaml",
        &common::SITE_YAML.replace("papers.example.org/", "papers.example.org/committees/"),
    );
    let server = Server::start(&site);
    assert!(server.url.ends_with("/committees/"), "{}", server.url);
    let root = server.get("/");
    assert_eq!(
        (root.status, root.header("location")),
        (308, "/committees/")
    );
    let home = server.page("/committees/");
    // Every site-absolute link works on the preview.
    let links: Vec<String> = common::doc_hrefs(&home)
        .into_iter()
        .filter(|h| h.starts_with('/'))
        .collect();
    assert!(
        links
            .iter()
            .any(|h| h.starts_with("/committees/audit-board/")),
        "{links:?}"
    );
    for link in links {
        let path = link.split('#').next().unwrap();
        assert_eq!(server.get(path).status, 200, "{link}");
    }
    // Full addresses (canonical links) point at the preview too.
    let canonical = common::attr(&home, "link[rel=canonical]", "href").expect("a canonical link");
    assert_eq!(canonical, server.url);
    assert_eq!(server.get(&format!("/committees{PAPER_URL}")).status, 200);
    assert_eq!(server.get(PAPER_URL).status, 404);
}

#[test]
fn a_taken_port_is_a_clear_error_naming_a_free_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let site = TestSite::minimal();
    let output = common::boardpack()
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(site.root())
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let message = common::stderr(&output);
    assert!(
        message.contains(&format!("port {port} on 127.0.0.1 is already in use")),
        "{message}"
    );
    let suggested: u16 = message
        .split("--port ")
        .nth(1)
        .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no port suggested: {message}"));
    assert_ne!(suggested, port);
    assert!(message.contains("--port 0"), "{message}");
}

#[test]
fn sigterm_stops_cleanly_and_removes_the_preview() {
    let site = TestSite::minimal();
    let mut server = Server::start(&site);
    // Connected and greeted: the server is up and watching.
    let _events = server.greeted_events();
    assert_eq!(server.preview_dirs().len(), 1);
    let status = server.stop("TERM");
    assert_eq!(status.code(), Some(0), "{}", server.messages());
    assert_eq!(
        server.preview_dirs(),
        Vec::<PathBuf>::new(),
        "the temporary folder is removed"
    );
}

#[test]
fn ctrl_c_stops_cleanly_and_removes_the_preview() {
    let site = TestSite::minimal();
    let mut server = Server::start(&site);
    assert_eq!(server.get("/").status, 200);
    let status = server.stop("INT");
    assert_eq!(status.code(), Some(0), "{}", server.messages());
    assert_eq!(server.preview_dirs(), Vec::<PathBuf>::new());
}

/// After an edit the pages reload at once and the search index follows: a `search` event tells the
/// open search page to reload, and the index it then names is served (the previous one is gone).
#[test]
fn the_search_index_follows_an_edit_and_the_search_page_is_told_to_reload() {
    let site = TestSite::minimal();
    let server = Server::start(&site);
    let events = server.greeted_events();
    let index_of = |html: &Html| {
        attr(html, "form[data-index]", "data-index").expect("the search form names its index")
    };
    let before = index_of(&server.page("/search/"));

    save(
        &site,
        PAPER,
        &format!(
            "{}\nZanzibar procurement is new.\n",
            paper("Internal audit progress")
        ),
    );
    let pages = events.next("reload");
    // The edited meeting's pages came without their PDF pack, which follows with the index: the
    // pages reload again (a search page with them).
    let rest = events.next("reload");
    assert_ne!(
        rest, pages,
        "the second reload names a newer build than the first"
    );
    // The log line is written before the event is sent, but read from the server's stderr by another thread.
    eventually("the log to say the search index was updated", || {
        server
            .messages()
            .contains("search index and PDF packs updated")
            .then_some(())
    });
    let meeting = server.page("/audit-board/2026-12-01/");
    let pack = meeting
        .select(&sel("a[href$='agenda-pack.pdf']"))
        .next()
        .and_then(|a| a.value().attr("href").map(str::to_string))
        .expect("the meeting page links its PDF pack again");
    assert_eq!(server.get(&pack).status, 200, "{pack} is served");

    let after = index_of(&server.page("/search/"));
    assert_ne!(after, before, "the search page names the new index");
    assert_eq!(
        server.get(&format!("{after}index.json")).status,
        200,
        "the new index is served"
    );
    assert_eq!(
        server.get(&format!("{before}index.json")).status,
        404,
        "the old index is gone, so an open search page must reload"
    );
}

// ---------------------------------------------------------------------------------------------------
// Resources (issue 26): no client can hold the server's connections.

/// A connection that never finishes its request headers is closed (the server's header timeout is
/// 10 s), and meanwhile the server answers everyone else.
#[test]
fn a_connection_that_never_finishes_its_headers_is_closed() {
    let site = TestSite::minimal();
    let server = Server::start(&site);
    let mut slow = TcpStream::connect(&server.addr).unwrap();
    slow.write_all(b"GET / HT").unwrap();
    let mut silent = TcpStream::connect(&server.addr).unwrap();
    assert_eq!(server.get(PAPER_URL).status, 200, "others are answered");
    for (what, stream) in [("partial headers", &mut slow), ("no bytes", &mut silent)] {
        stream
            .set_read_timeout(Some(Duration::from_secs(40)))
            .unwrap();
        let started = Instant::now();
        let mut buf = Vec::new();
        // The server closes the connection (EOF, perhaps after a 408), not the client's timeout.
        let closed = stream.read_to_end(&mut buf);
        assert!(
            closed.is_ok(),
            "{what}: still open after {:?} ({closed:?})",
            started.elapsed()
        );
    }
}

/// 200 clients at once, each holding a connection open with half a request, and 200 more asking
/// for pages at the same time: every page request is answered.
#[test]
fn two_hundred_concurrent_clients_are_answered() {
    let site = TestSite::minimal();
    let server = Server::start(&site);
    let idle: Vec<TcpStream> = (0..200)
        .map(|_| {
            let mut s = TcpStream::connect(&server.addr).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
            s
        })
        .collect();
    let addr = server.addr.clone();
    let clients: Vec<_> = (0..200)
        .map(|_| {
            let addr = addr.clone();
            std::thread::spawn(move || request(&addr, "GET", PAPER_URL).status)
        })
        .collect();
    for client in clients {
        assert_eq!(client.join().unwrap(), 200);
    }
    drop(idle);
}
