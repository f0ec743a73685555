//! The boards index: every board with its next meeting, at `boards/` or where `site.yaml`'s
//! `bodies.path` puts it. A site that renames it keeps `boards/` as a page sending readers on, so
//! links and bookmarks to the old address still work.

use crate::render::{Extras, Output, board_cards, page};
use crate::site::Site;

pub use crate::site::paths::BOARDS_INDEX;

/// The boards index: every board with its next meeting.
fn boards_index(site: &Site, extras: &mut Extras) {
    let boards = board_cards(site);
    let label = &site.config.bodies.label;
    let title = if label == "Boards" {
        "Boards and committees".to_string()
    } else {
        label.clone()
    };
    let path = site.bodies_index();
    let p = page(site, "boards", &title, &path, vec![], None);
    extras.page(
        &path,
        "boards.html",
        p,
        vec![("boards", tera::Value::from_serializable(&boards))],
    );
    if path != BOARDS_INDEX {
        extras.file(
            format!("{BOARDS_INDEX}index.html"),
            moved_page(&site.config.language, &title, &site.href(&path)).into_bytes(),
        );
    }
}

/// A page that sends a reader from an old address to `to`, at once and by a link.
fn moved_page(language: &str, title: &str, to: &str) -> String {
    let (language, title, to) = (escape(language), escape(title), escape(to));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title} have moved</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{to}\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<main>\n<h1>{title} have moved</h1>\n<p><a href=\"{to}\">Go to {title}</a>.</p>\n</main>\n</body>\n</html>\n"
    )
}

/// `text` safe in HTML text and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    crate::escape::replace_into(&mut out, text, |bytes, i| match bytes[i] {
        b'&' => Some(("&amp;", 1)),
        b'<' => Some(("&lt;", 1)),
        b'>' => Some(("&gt;", 1)),
        b'"' => Some(("&quot;", 1)),
        _ => None,
    });
    out
}

/// The boards index, as a site-wide output.
pub struct BoardsIndex;

impl Output for BoardsIndex {
    fn name(&self) -> &'static str {
        "boards index"
    }

    fn make(&self, site: &Site, _added: &[&str], extras: &mut Extras) {
        boards_index(site, extras);
    }
}
