//! An Atom feed of decision records (`decisions/feed.xml`), so that members, journalists and residents
//! can follow what is decided and when it can be called in, without watching each page.
//!
//! One entry per public decision record, newest published first (at most [`LIMIT`]). An entry's
//! `updated` is the day its status last changed as of the build date (published, then took effect or
//! was called in), so a feed reader shows it again when a decision that could be called in takes
//! effect; its summary says the status in words, then what was decided. Every date comes from the
//! content and the build date, so a rebuild for the same day gives the same bytes. Written only when
//! the site has decision records, and advertised then (`FeedLinks::decisions`).

use std::cmp::Reverse;

use jiff::tz::TimeZone;

use crate::render::Extras;
use crate::site::Site;
use crate::site::decisions::{Decision, Status};

use super::decision_status::{self, visible_decisions};
use super::feeds::{Feed, LIMIT, element, link, plain_text, timestamp, xml_escape_into};

pub use crate::site::paths::DECISIONS_FEED;

/// Where the feed is, when the site has one: only a site with decision records has.
pub fn path(site: &Site) -> Option<String> {
    // The number of records is the site's shape, not a read of them.
    (!site.decisions.is_empty()).then(|| DECISIONS_FEED.to_string())
}

/// Adds the feed, if the site has decision records.
pub fn outputs(site: &Site, tz: &TimeZone, extras: &mut Extras) {
    let Some(path) = path(site) else {
        return;
    };
    let mut shown: Vec<&Decision> = visible_decisions(site)
        .map(|(_, d)| d)
        .filter(|d| published(d) <= site.today)
        .collect();
    shown.sort_by(|a, b| (Reverse(published(a)), &a.path).cmp(&(Reverse(published(b)), &b.path)));
    shown.truncate(LIMIT);
    let entries: Vec<(crate::content::model::Date, String)> =
        shown.iter().map(|d| entry_xml(site, tz, d)).collect();
    let updated = entries.iter().map(|(u, _)| *u).max();
    let feed = Feed {
        title: format!("Decisions – {}", site.config.title),
        subtitle: "Decisions as they are published, newest first, each updated when it takes effect or is called in.",
        path: path.clone(),
        alternate: crate::site::paths::DECISIONS.to_string(),
    };
    let texts: Vec<&str> = entries.iter().map(|(_, x)| x.as_str()).collect();
    extras.file(path, feed.render(site, tz, &texts, updated).into_bytes());
}

/// The day a decision was published (its notice's or minutes'), else the day it was made.
fn published(d: &Decision) -> crate::content::model::Date {
    d.published.unwrap_or(d.made)
}

/// One `<entry>` and its `updated` day: title, dates, link, maker as author, status and board as
/// categories, and the status in words then the decision as the summary.
fn entry_xml(site: &Site, tz: &TimeZone, d: &Decision) -> (crate::content::model::Date, String) {
    let status = decision_status::status(site, d);
    let updated = decision_status::last_changed(site, d, status);
    let url = site.permalink(&d.path);
    let summary = format!(
        "{}.\n\n{}",
        decision_status::status_words(site, d),
        plain_text(&d.record.decision)
    );
    let mut x = String::with_capacity(512 + summary.len());
    x.push_str("  <entry>\n");
    element(&mut x, 2, "id", &url);
    element(&mut x, 2, "title", &decision_status::title(d));
    element(&mut x, 2, "updated", &timestamp(tz, updated));
    if let Some(p) = d.published {
        element(&mut x, 2, "published", &timestamp(tz, p));
    }
    link(&mut x, 2, "alternate", "text/html", &url);
    x.push_str("    <author>\n");
    element(&mut x, 3, "name", &decision_status::maker_label(site, d));
    x.push_str("    </author>\n");
    category(&mut x, status.key(), status_label(status));
    if let Some(m) = d.meeting() {
        let board = &site.boards[site.meetings[m].board];
        category(&mut x, &board.slug, &board.doc.matter.title);
    }
    x.push_str("    <summary type=\"text\">");
    xml_escape_into(&mut x, &summary);
    x.push_str("</summary>\n");
    x.push_str("  </entry>\n");
    (updated, x)
}

fn category(x: &mut String, term: &str, label: &str) {
    x.push_str("    <category term=\"");
    xml_escape_into(x, term);
    x.push_str("\" label=\"");
    xml_escape_into(x, label);
    x.push_str("\"/>\n");
}

/// A status as a category's label.
fn status_label(status: Status) -> &'static str {
    match status {
        Status::Recommended => "Recommended",
        Status::CalledIn(_) => "Called in",
        Status::OpenToCallIn(..) => "Open to call-in",
        Status::TookEffect(_) => "In effect",
        Status::AwaitingPublication => "Made",
    }
}
