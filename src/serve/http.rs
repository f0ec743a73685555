//! The web server: the built site's files, the live-reload event stream, and the error page.
//!
//! Files are looked up by hand rather than with a generic file server, for three reasons: the reload
//! script goes into HTML at response time, every HTML response becomes the error page while the site
//! does not build, and a request path must never reach a file outside the output folder (each segment is
//! decoded and checked, then the real path, symlinks resolved, must still be inside the folder).

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::broadcast::error::RecvError;

use super::{Reload, Shared, assets};

/// The most connections served at once. More wait in the system's listen queue until one closes,
/// so a page of tabs, a link checker or a hostile client cannot take every socket and thread.
pub(super) const MAX_CONNECTIONS: usize = 256;

/// How long a client may take to send a request's headers. A connection that never finishes them
/// (a bare `GET / HT`, or nothing at all) is closed after this, so slow clients cannot hold
/// connections open.
pub(super) const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Serves `router` on `listener` until `stop` turns true, at most [`MAX_CONNECTIONS`] connections
/// at once, each closed when its headers take longer than [`HEADER_TIMEOUT`]; then gives open
/// connections [`super::SHUTDOWN_GRACE`] to finish. hyper is driven directly because `axum::serve`
/// sets neither limit.
pub(super) async fn accept(
    listener: tokio::net::TcpListener,
    router: Router,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    use hyper::server::conn::http1;
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::server::graceful::GracefulShutdown;
    use hyper_util::service::TowerToHyperService;

    let permits = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let graceful = GracefulShutdown::new();
    loop {
        let permit = tokio::select! {
            permit = Arc::clone(&permits).acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            _ = stop.wait_for(|s| *s) => break,
        };
        let tcp = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((tcp, _)) => tcp,
                // Out of file descriptors, say: wait for connections to close rather than spin.
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = stop.wait_for(|s| *s) => break,
        };
        // Small writes (a reload event) go out at once, not after the browser's delayed ACK.
        let _ = tcp.set_nodelay(true);
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .serve_connection(TokioIo::new(tcp), TowerToHyperService::new(router.clone()));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    // Past the grace period, connections still open are dropped with the runtime.
    tokio::select! {
        _ = graceful.shutdown() => {}
        _ = tokio::time::sleep(super::SHUTDOWN_GRACE) => {}
    }
}

pub(super) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(assets::EVENTS, get(events))
        .route(
            assets::RELOAD_JS_PATH,
            get(|| async { asset(assets::RELOAD_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            assets::ERROR_CSS_PATH,
            get(|| async { asset(assets::ERROR_CSS, "text/css; charset=utf-8") }),
        )
        .fallback(site)
        .with_state(shared)
}

fn asset(text: &'static str, content_type: &'static str) -> Response {
    let mut response = Response::new(Body::from(text));
    set_common_headers(&mut response, content_type);
    response
}

/// Live reload: a `hello` event naming the latest build on connecting, then a `reload` event after
/// each rebuild, or a `search` event when only the search index was brought up to date. Ends when the server stops, so shutdown does not wait for open pages.
async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribe before reading the version, so no rebuild falls between the two.
    let reloads = shared.reloads.subscribe();
    let hello = Event::default()
        .event("hello")
        .data(shared.version(&shared.status()))
        .retry(Duration::from_millis(1000));
    let shutdown = shared.shutdown.clone();
    let updates = stream::unfold(
        (reloads, shutdown, shared),
        |(mut reloads, mut shutdown, shared)| async move {
            let reload = tokio::select! {
                received = reloads.recv() => match received {
                    Ok(reload) => reload,
                    // Missed some: the latest is all that matters, and every page reloads for it.
                    Err(RecvError::Lagged(_)) => Reload { version: shared.version(&shared.status()), search_only: false },
                    Err(RecvError::Closed) => return None,
                },
                _ = shutdown.wait_for(|stop| *stop) => return None,
            };
            let name = if reload.search_only {
                "search"
            } else {
                "reload"
            };
            Some((
                Ok(Event::default().event(name).data(reload.version)),
                (reloads, shutdown, shared),
            ))
        },
    );
    Sse::new(stream::once(async move { Ok(hello) }).chain(updates)).keep_alive(KeepAlive::default())
}

/// A file of the built site.
async fn site(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "Only GET and HEAD are served.",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    // The output does not change while a response is read from it.
    let _files = shared.files.read().await;
    let status = shared.status();
    let version = shared.version(&status);
    let resolved = resolve(&shared.output, &status.base_path, uri.path());
    let (code, path) = match resolved {
        Resolved::Redirect(to) => {
            let location = match uri.query() {
                Some(query) => format!("{to}?{query}"),
                None => to,
            };
            return redirect(&location);
        }
        Resolved::File(path) => (StatusCode::OK, Some(path)),
        Resolved::NotFound => (
            StatusCode::NOT_FOUND,
            inside(&shared.output, &shared.output.join("404.html")),
        ),
    };
    let content_type = path
        .as_deref()
        .map_or("text/html; charset=utf-8", content_type);
    if content_type.starts_with("text/html")
        && let Some(broken) = &status.broken
    {
        let mut response = Response::new(Body::from(assets::error_page(broken, &version)));
        *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        set_common_headers(&mut response, "text/html; charset=utf-8");
        return response;
    }
    let Some(path) = path else {
        return plain(StatusCode::NOT_FOUND, "Not found.");
    };
    let bytes = match tokio::fs::read(&path).await {
        Ok(bytes) => bytes,
        Err(_) => return plain(StatusCode::NOT_FOUND, "Not found."),
    };
    let (content_type, bytes) = if content_type.starts_with("text/html") {
        (content_type, assets::inject(&bytes, &version))
    } else if content_type.starts_with("application/xml") && is_atom(&bytes) {
        ("application/atom+xml", bytes)
    } else {
        (content_type, bytes)
    };
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = code;
    set_common_headers(&mut response, content_type);
    response
}

fn set_common_headers(response: &mut Response, content_type: &'static str) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // A preview is never stale: every reload fetches the latest build.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
}

fn plain(code: StatusCode, text: &'static str) -> Response {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = code;
    set_common_headers(&mut response, "text/plain; charset=utf-8");
    response
}

fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => {
            let mut response =
                (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, value)]).into_response();
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(_) => plain(StatusCode::NOT_FOUND, "Not found."),
    }
}

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Resolved {
    /// A file inside the output folder.
    File(PathBuf),
    /// A folder asked for without its trailing slash, or the server root of a site with a base path.
    Redirect(String),
    NotFound,
}

/// Maps the (still percent-encoded) request path to a file of the output at `root`, served at
/// `base_path`: `/board/` → `board/index.html`, `/board` → redirect to `/board/`. Never a file outside
/// `root`.
pub(super) fn resolve(root: &Path, base_path: &str, raw_path: &str) -> Resolved {
    let Some(raw) = raw_path.strip_prefix('/') else {
        return Resolved::NotFound;
    };
    // The server root of a site published under a sub-path leads to the site.
    if raw.is_empty() && base_path != "/" {
        return Resolved::Redirect(base_path.to_string());
    }
    let mut segments = Vec::new();
    for raw_segment in raw.split('/') {
        let Some(segment) = decode_segment(raw_segment) else {
            return Resolved::NotFound;
        };
        segments.push(segment);
    }
    // A trailing slash leaves an empty last segment: the request is for a folder.
    let wants_folder = segments.last().is_some_and(|s| s.is_empty());
    if wants_folder {
        segments.pop();
    }
    if segments.iter().any(|s| s.is_empty()) {
        return Resolved::NotFound;
    }
    let base: Vec<&str> = base_path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.len() < base.len() || segments.iter().zip(&base).any(|(s, b)| s != b) {
        return Resolved::NotFound;
    }
    if segments.len() == base.len() && !wants_folder {
        return Resolved::Redirect(base_path.to_string());
    }
    let mut path = root.to_path_buf();
    path.extend(&segments[base.len()..]);
    let Some(real) = inside(root, &path) else {
        return Resolved::NotFound;
    };
    if real.is_dir() {
        if !wants_folder {
            return Resolved::Redirect(format!("{raw_path}/"));
        }
        return inside(root, &real.join("index.html"))
            .filter(|p| p.is_file())
            .map_or(Resolved::NotFound, Resolved::File);
    }
    if wants_folder || !real.is_file() {
        return Resolved::NotFound;
    }
    Resolved::File(real)
}

/// A percent-decoded path segment that names a plain file or folder, or `None` for anything that could
/// step outside (`..`, `.`, separators, drive prefixes) or is hidden, like the output marker.
fn decode_segment(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    // `.` and `..` are hidden names too.
    let hidden = decoded.starts_with('.') && decoded != ".well-known";
    let safe = !hidden && !decoded.contains(['/', '\\', '\0', ':']);
    safe.then(|| decoded.into_owned())
}

/// `path`, symlinks resolved, if it exists and is inside `root` (itself resolved).
fn inside(root: &Path, path: &Path) -> Option<PathBuf> {
    let root = std::fs::canonicalize(root).ok()?;
    let real = std::fs::canonicalize(path).ok()?;
    real.starts_with(&root).then_some(real)
}

/// The content type of a file, by extension.
pub(super) fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" | "xsl" => "application/xml",
        "atom" => "application/atom+xml",
        "rss" => "application/rss+xml",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "pdf" => "application/pdf",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/vnd.microsoft.icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "odp" => "application/vnd.oasis.opendocument.presentation",
        "rtf" => "application/rtf",
        "zip" => "application/zip",
        "gz" => "application/gzip",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "vtt" => "text/vtt; charset=utf-8",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Is this XML an Atom feed? Feeds may be named `feed.xml`; browsers and feed readers want to be told.
fn is_atom(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head);
    head.find("<feed")
        .is_some_and(|i| head[i..].contains("http://www.w3.org/2005/Atom"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An output folder with a page, a board index, a 404 page and a secret file beside it.
    struct Fixture {
        dir: tempfile::TempDir,
    }

    impl Fixture {
        fn new() -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("site");
            std::fs::create_dir_all(out.join("board/2026-12-01")).unwrap();
            std::fs::write(out.join("index.html"), "home").unwrap();
            std::fs::write(out.join("board/index.html"), "board").unwrap();
            std::fs::write(out.join("feed.xml"), "x").unwrap();
            std::fs::write(out.join(".boardpack-output"), "marker").unwrap();
            std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
            Fixture { dir }
        }

        fn out(&self) -> PathBuf {
            std::fs::canonicalize(self.dir.path().join("site")).unwrap()
        }

        fn resolve(&self, base: &str, path: &str) -> Resolved {
            resolve(&self.out(), base, path)
        }
    }

    #[test]
    fn folders_resolve_to_their_index() {
        let f = Fixture::new();
        assert_eq!(
            f.resolve("/", "/"),
            Resolved::File(f.out().join("index.html"))
        );
        assert_eq!(
            f.resolve("/", "/board/"),
            Resolved::File(f.out().join("board/index.html"))
        );
        assert_eq!(
            f.resolve("/", "/board"),
            Resolved::Redirect("/board/".into())
        );
        assert_eq!(f.resolve("/", "/board/2026-12-01/"), Resolved::NotFound);
        assert_eq!(
            f.resolve("/", "/feed.xml"),
            Resolved::File(f.out().join("feed.xml"))
        );
        assert_eq!(f.resolve("/", "/feed.xml/"), Resolved::NotFound);
        assert_eq!(f.resolve("/", "/nothing"), Resolved::NotFound);
        assert_eq!(
            f.resolve("/", "/%62oard/"),
            Resolved::File(f.out().join("board/index.html"))
        );
    }

    #[test]
    fn the_site_lives_at_its_base_path() {
        let f = Fixture::new();
        assert_eq!(
            f.resolve("/committees/", "/"),
            Resolved::Redirect("/committees/".into())
        );
        assert_eq!(
            f.resolve("/committees/", "/committees"),
            Resolved::Redirect("/committees/".into())
        );
        assert_eq!(
            f.resolve("/committees/", "/committees/"),
            Resolved::File(f.out().join("index.html"))
        );
        assert_eq!(
            f.resolve("/committees/", "/committees/board/"),
            Resolved::File(f.out().join("board/index.html"))
        );
        assert_eq!(f.resolve("/committees/", "/board/"), Resolved::NotFound);
        assert_eq!(
            f.resolve("/a/b/", "/a/b/board/"),
            Resolved::File(f.out().join("board/index.html"))
        );
        assert_eq!(f.resolve("/a/b/", "/a/"), Resolved::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn nothing_outside_the_folder_is_reached() {
        let f = Fixture::new();
        std::os::unix::fs::symlink(f.dir.path().join("secret.txt"), f.out().join("link.txt"))
            .unwrap();
        std::os::unix::fs::symlink(f.dir.path(), f.out().join("up")).unwrap();
        for path in [
            "/../secret.txt",
            "/board/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/..%2fsecret.txt",
            "/..%2Fsecret.txt",
            "/..%5csecret.txt",
            "/..\\secret.txt",
            "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "//etc/passwd",
            "/%2fetc%2fpasswd",
            "/C:%5cWindows",
            "/link.txt",
            "/up/secret.txt",
            "/up/",
            "/.boardpack-output",
            "/%00",
            "/%ff",
        ] {
            assert_eq!(f.resolve("/", path), Resolved::NotFound, "{path}");
        }
    }

    #[test]
    fn content_types() {
        for (name, expected) in [
            ("a/index.html", "text/html; charset=utf-8"),
            ("calendar.ics", "text/calendar; charset=utf-8"),
            ("feed.atom", "application/atom+xml"),
            ("sitemap.xml", "application/xml"),
            ("data.CSV", "text/csv; charset=utf-8"),
            ("report.pdf", "application/pdf"),
            ("search.json", "application/json"),
            ("assets/site.css", "text/css; charset=utf-8"),
            ("assets/search.js", "text/javascript; charset=utf-8"),
            ("_headers", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
        assert!(is_atom(
            br#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">"#
        ));
        assert!(!is_atom(
            br#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#
        ));
    }
}
