//! Builds that redo only what changed, on top of the pipeline (it may use every phase):
//! - [`session`]: the engine. It keeps every content file's parse and hash, links and checks the
//!   site, and gives each render unit a fingerprint of its inputs; `serve` keeps one in memory and
//!   re-renders the units whose fingerprints changed after each edit;
//! - [`store`]: the same per-unit record on disk, with the files each unit wrote, for `build` and
//!   `check` with `--cache DIR` (the default), so a CI build after one edit renders one meeting;
//! - [`driver`]: the one driver of `check` and `build`, with that store or none.

mod deps;
pub(crate) mod driver;
pub mod session;
pub(crate) mod store;
