//! Phase 1, content: read `site.yaml` and every file under `content/` into typed documents.
//!
//! Owns the kinds of content file, each declared once (`kinds`), the checks of one document on its
//! own (`checks`), the content model (`model`), the one YAML parser (`yaml`), front matter (`frontmatter`), the
//! reading of the site's files (`load`), Markdown (`markdown`, with the authors' accessibility lint in
//! `lint`) and the checks of a file's text that `load` runs as it reads each one (`text`).
//!
//! May use: the shared leaves (`diagnostics`, `hash`, `escape`, `trace`) only. Nothing here knows
//! how documents are linked, published or rendered.

pub mod boards;
pub mod checks;
pub mod decisions;
pub mod frontmatter;
pub mod kinds;
pub mod lint;
pub mod load;
pub mod markdown;
pub mod model;
pub mod people;
pub mod text;
pub mod yaml;
