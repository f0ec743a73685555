//! Phase timings for finding where a build's time goes without a profiler: a shared leaf, which every
//! phase may use.

use std::time::Instant;

/// Phase timings on standard error when `BOARDPACK_TRACE` is set: for finding where time goes
/// without a profiler.
pub(crate) struct Trace {
    on: bool,
    at: Instant,
}

/// Whether `BOARDPACK_TRACE` is set: read once, in this one place, for every phase that traces.
pub(crate) fn enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("BOARDPACK_TRACE").is_some())
}

impl Trace {
    pub(crate) fn new() -> Trace {
        Trace {
            on: enabled(),
            at: Instant::now(),
        }
    }

    pub(crate) fn mark(&mut self, what: &str) {
        if self.on {
            eprintln!(
                "trace: {what} {:.1} ms{}",
                self.at.elapsed().as_secs_f64() * 1000.0,
                resident()
            );
            self.at = Instant::now();
        }
    }
}

/// `, 123 MiB resident` where the system says (Linux), for traces.
fn resident() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
    kib.map_or(String::new(), |k| format!(", {} MiB resident", k / 1024))
}
