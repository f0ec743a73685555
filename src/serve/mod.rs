//! `boardpack serve`: a local preview that rebuilds on every save and reloads the browser.
//!
//! On top of the pipeline: may use every phase. It drives the incremental engine
//! ([`Session`](crate::incremental::session::Session)), which re-reads, re-links and re-renders only
//! what changed, in four parts, one module each:
//! - [`rebuild`]: one thread owns the session and the file watcher, and
//!   turns batches of changed paths into rebuilds, logging each one;
//! - [`watch`]: the file watcher, which drops editors' temporary files;
//! - [`http`]: the web server (site files, live-reload events, the error page);
//! - [`assets`]: the reload script, error page and its style sheet, which exist only in serve mode and
//!   are never written into a build.
//!
//! The site is built into a temporary folder, served at its base path (so links read exactly as they
//! will when published) with `base_url` pointed at the local server, and the folder is removed on exit.

mod assets;
mod http;
mod rebuild;
mod watch;

use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::{broadcast, watch as signal};

use crate::content::model::Moment;

/// The port `serve` tries first.
pub const DEFAULT_PORT: u16 = 1111;

/// How long open connections get to finish after Ctrl-C.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The address to listen on; loopback unless the user asks for more.
    pub bind: IpAddr,
    /// 0 for any free port.
    pub port: u16,
    /// Open the site in the default browser once it is built.
    pub open: bool,
    /// As `build --as-of`.
    pub as_of: Option<Moment>,
}

impl ServeOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        ServeOptions {
            root: root.into(),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            open: false,
            as_of: None,
        }
    }
}

/// Why `serve` could not start.
#[derive(Debug)]
pub enum ServeError {
    /// The site folder does not exist or cannot be read.
    Root {
        path: PathBuf,
        error: std::io::Error,
    },
    /// Another program listens on the port; `alternative` was free a moment ago.
    PortInUse {
        addr: SocketAddr,
        alternative: Option<u16>,
    },
    Bind {
        addr: SocketAddr,
        error: std::io::Error,
    },
    /// The temporary output folder, the async runtime or a thread could not be made.
    Setup {
        what: &'static str,
        error: std::io::Error,
    },
    Watch(notify::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Root { path, error } => {
                write!(f, "cannot open the site folder {}: {error}", path.display())
            }
            ServeError::PortInUse { addr, alternative } => {
                write!(
                    f,
                    "port {} on {} is already in use (is another `boardpack serve` running?); ",
                    addr.port(),
                    addr.ip()
                )?;
                match alternative {
                    Some(port) => write!(
                        f,
                        "port {port} is free: run again with `--port {port}`, or `--port 0` for any free port"
                    ),
                    None => write!(f, "run again with `--port 0` for any free port"),
                }
            }
            ServeError::Bind { addr, error } => write!(f, "cannot listen on {addr}: {error}"),
            ServeError::Setup { what, error } => write!(f, "cannot make {what}: {error}"),
            ServeError::Watch(error) => {
                write!(f, "cannot watch the site's files for changes: {error}")
            }
        }
    }
}

impl std::error::Error for ServeError {}

/// What every part of the server shares.
struct Shared {
    /// The temporary output folder.
    output: PathBuf,
    /// Held for reading while a file is served, for writing while a rebuild changes the output, so no
    /// response mixes two builds.
    files: tokio::sync::RwLock<()>,
    status: RwLock<Status>,
    /// Each rebuild, for the live-reload event streams.
    reloads: broadcast::Sender<Reload>,
    /// Becomes true on Ctrl-C / SIGTERM; ends the event streams so the server can stop.
    shutdown: signal::Receiver<bool>,
    /// Tells this server apart from an earlier one on the same port, so pages reload after a restart.
    instance: String,
}

/// The state of the last rebuild.
#[derive(Debug, Clone)]
struct Status {
    generation: u64,
    /// The site's path on the server, `/` or `/committees/`.
    base_path: String,
    /// The diagnostics of a failed build, as text, shown instead of every page until a build succeeds.
    broken: Option<Broken>,
}

#[derive(Debug, Clone)]
struct Broken {
    errors: usize,
    warnings: usize,
    text: String,
}

impl Shared {
    fn status(&self) -> Status {
        self.status
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Names the build a page was served from; a page whose version is not the latest reloads.
    fn version(&self, status: &Status) -> String {
        format!("{}.{}", self.instance, status.generation)
    }
}

/// What a rebuild tells the open pages.
#[derive(Debug, Clone)]
pub struct Reload {
    /// The build's [`Shared::version`].
    pub(crate) version: String,
    /// Only the search index changed (it is brought up to date after the pages): only the search page
    /// needs to reload, for its new index.
    pub(crate) search_only: bool,
}

/// Runs the preview server until Ctrl-C or SIGTERM.
pub fn run(options: ServeOptions) -> Result<(), ServeError> {
    let root = std::fs::canonicalize(&options.root).map_err(|error| ServeError::Root {
        path: options.root.clone(),
        error,
    })?;
    if !root.is_dir() {
        let error = std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder");
        return Err(ServeError::Root {
            path: options.root,
            error,
        });
    }
    let listener = bind(options.bind, options.port)?;
    let addr = listener.local_addr().map_err(|error| ServeError::Bind {
        addr: SocketAddr::new(options.bind, options.port),
        error,
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|error| ServeError::Bind { addr, error })?;
    let temp = tempfile::Builder::new()
        .prefix("boardpack-serve-")
        .tempdir()
        .map_err(|error| ServeError::Setup {
            what: "a temporary folder for the site",
            error,
        })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|error| ServeError::Setup {
            what: "the web server's runtime",
            error,
        })?;
    let setup = Setup {
        root,
        options,
        addr,
        output: temp.path().join("site"),
    };
    let result = runtime.block_on(serve(setup, listener));
    // Stop background tasks before the folder they read goes.
    runtime.shutdown_timeout(SHUTDOWN_GRACE);
    if let Err(error) = temp.close() {
        eprintln!("warning: cannot remove the temporary site folder: {error}");
    }
    result
}

struct Setup {
    root: PathBuf,
    options: ServeOptions,
    addr: SocketAddr,
    output: PathBuf,
}

async fn serve(setup: Setup, listener: TcpListener) -> Result<(), ServeError> {
    let (stop_tx, stop_rx) = signal::channel(false);
    tokio::spawn(async move {
        wait_for_signal().await;
        let _ = stop_tx.send(true);
    });
    let listener =
        tokio::net::TcpListener::from_std(listener).map_err(|error| ServeError::Bind {
            addr: setup.addr,
            error,
        })?;
    let host = url_host(setup.addr);
    let config_base = rebuild::base_path(&setup.root);
    let shared = Arc::new(Shared {
        output: setup.output.clone(),
        files: tokio::sync::RwLock::new(()),
        status: RwLock::new(Status {
            generation: 0,
            base_path: config_base.clone().unwrap_or_else(|| "/".into()),
            broken: None,
        }),
        reloads: broadcast::channel(16).0,
        shutdown: stop_rx.clone(),
        instance: instance_id(),
    });

    let (changes_tx, changes_rx) = std::sync::mpsc::channel();
    let watcher =
        watch::Watcher::start(&setup.root, changes_tx.clone()).map_err(ServeError::Watch)?;
    let engine_options = crate::Options {
        root: setup.root.clone(),
        base_url: None,
        drafts: false,
        preview: true,
        as_of: setup.options.as_of,
        pdf: true,
        cache: Some(crate::default_cache(&setup.root)),
    };
    let rebuilder = rebuild::Rebuilder::new(
        engine_options,
        host.clone(),
        config_base,
        setup.output,
        Arc::clone(&shared),
        watcher,
    );
    let (first_tx, first_rx) = tokio::sync::oneshot::channel();
    let thread = std::thread::Builder::new()
        .name("boardpack-rebuild".into())
        .spawn(move || rebuilder.run(changes_rx, first_tx))
        .map_err(|error| ServeError::Setup {
            what: "the rebuild thread",
            error,
        })?;

    let mut stopping = stop_rx.clone();
    let started = tokio::select! {
        first = first_rx => first.is_ok(),
        _ = stopping.wait_for(|s| *s) => false,
    };
    if started {
        let url = format!("http://{host}{}", shared.status().base_path);
        if !setup.addr.ip().is_loopback() {
            eprintln!(
                "warning: listening on {}: anyone who can reach this machine can read the preview, drafts, embargoed and exempt papers included",
                setup.addr
            );
        }
        println!("Serving {} at {url}", setup.root.display());
        eprintln!("Watching for changes; press Ctrl-C to stop.");
        if setup.options.open {
            open_browser(&url);
        }
        http::accept(listener, http::router(Arc::clone(&shared)), stop_rx.clone()).await;
    }
    eprintln!("Stopping…");
    let _ = changes_tx.send(rebuild::Message::Stop);
    // A rebuild under way finishes first: its files must not land in a folder being removed.
    let _ = tokio::task::spawn_blocking(move || thread.join()).await;
    Ok(())
}

/// Binds `ip:port`; when the port is taken, finds a free one to suggest.
fn bind(ip: IpAddr, port: u16) -> Result<TcpListener, ServeError> {
    let addr = SocketAddr::new(ip, port);
    match TcpListener::bind(addr) {
        Ok(listener) => Ok(listener),
        Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => {
            let nearby = (port.saturating_add(1)..=port.saturating_add(50)).filter(|p| *p != port);
            let alternative = nearby
                .into_iter()
                .find(|p| TcpListener::bind((ip, *p)).is_ok())
                .or_else(|| {
                    TcpListener::bind((ip, 0))
                        .and_then(|l| l.local_addr())
                        .ok()
                        .map(|a| a.port())
                });
            Err(ServeError::PortInUse { addr, alternative })
        }
        Err(error) => Err(ServeError::Bind { addr, error }),
    }
}

/// The host part of the preview's URLs: the address listened on, or loopback when listening on all
/// interfaces (`0.0.0.0` is no address a browser can open).
fn url_host(addr: SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => format!("127.0.0.1:{}", addr.port()),
        IpAddr::V4(ip) => format!("{ip}:{}", addr.port()),
        IpAddr::V6(ip) if ip.is_unspecified() => format!("[::1]:{}", addr.port()),
        IpAddr::V6(ip) => format!("[{ip}]:{}", addr.port()),
    }
}

fn instance_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{:x}{:x}", std::process::id(), nanos & 0xffff_ffff_ffff)
}

/// Resolves on Ctrl-C, or SIGTERM on Unix.
async fn wait_for_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term => {}
        }
    }
    #[cfg(not(unix))]
    ctrl_c.await;
}

/// Opens `url` in the default browser; a failure is only a warning (the URL is printed anyway).
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match command.spawn() {
        Ok(mut child) => {
            // Reap it, and say so if it could not open anything.
            std::thread::spawn(move || {
                if let Ok(status) = child.wait()
                    && !status.success()
                {
                    eprintln!(
                        "warning: could not open a browser ({status}); open the address above yourself"
                    );
                }
            });
        }
        Err(error) => eprintln!(
            "warning: could not open a browser ({error}); open the address above yourself"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_host_never_names_the_unspecified_address() {
        assert_eq!(url_host("0.0.0.0:8000".parse().unwrap()), "127.0.0.1:8000");
        assert_eq!(url_host("[::]:8000".parse().unwrap()), "[::1]:8000");
        assert_eq!(url_host("[::1]:8000".parse().unwrap()), "[::1]:8000");
        assert_eq!(
            url_host("192.168.1.4:1111".parse().unwrap()),
            "192.168.1.4:1111"
        );
    }

    #[test]
    fn a_taken_port_names_a_free_one() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        match bind(IpAddr::V4(Ipv4Addr::LOCALHOST), port) {
            Err(ServeError::PortInUse {
                alternative: Some(free),
                ..
            }) => {
                assert_ne!(free, port);
                let message = ServeError::PortInUse {
                    addr: taken.local_addr().unwrap(),
                    alternative: Some(free),
                }
                .to_string();
                assert!(message.contains(&format!("--port {free}")), "{message}");
            }
            other => panic!("expected PortInUse with an alternative, got {other:?}"),
        }
    }
}
