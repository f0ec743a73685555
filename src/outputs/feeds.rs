//! Atom 1.0 (RFC 4287) feeds of newly published papers and minutes: one for the site, one per board, so
//! residents, journalists and members can follow new reports in a feed reader.
//!
//! Entries are the documents the home page lists as "recently published", dated the same way: a
//! paper by its `published` date (else its meeting's pack date, else the meeting date), minutes by
//! `approved_on` (else the meeting date); nothing dated after the build date. Newest first, at most
//! [`LIMIT`] entries. Every date comes from the content, so a rebuild gives the same bytes. Entries carry
//! only what the document's page shows in summary: title, purpose, summary, contact officer; minutes
//! carry no minute text at all, so an exempt minute can never reach a feed.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use jiff::tz::TimeZone;

use crate::content::model::{Date, MinutesStatus};
use crate::render::{Extras, Output};
use crate::site::{BoardId, MinutesId, PaperId, Site};

pub use crate::site::paths::SITE_FEED;

/// The Atom feeds, as a site-wide output.
pub struct Feeds;

impl Output for Feeds {
    fn name(&self) -> &'static str {
        "feeds"
    }

    /// Only whole files, made from what `check` has checked already.
    fn checked(&self) -> bool {
        false
    }

    fn make(&self, site: &Site, _added: &[&str], extras: &mut Extras) {
        outputs(site, extras);
    }
}
/// A board's feed, relative to the board's folder.
pub const BOARD_FEED: &str = "feed.xml";
/// The most entries a feed holds: enough for a month of a busy authority, small enough to fetch often.
pub const LIMIT: usize = 50;

pub(super) const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// A published paper or minutes, with what feeds sort and select by. The rest of an entry (summary,
/// author) is worked out only for the few entries a feed shows.
struct Dated<'a> {
    date: Date,
    /// `date` is the document's own publication date (not a fallback to its meeting's).
    date_is_published: bool,
    /// URL path relative to the site root.
    path: &'a str,
    board: BoardId,
    doc: Doc,
}

#[derive(Clone, Copy)]
enum Doc {
    Paper(PaperId),
    Minutes(MinutesId),
}

/// Adds the site's and each board's feed.
pub fn outputs(site: &Site, extras: &mut Extras) {
    let tz = TimeZone::get(site.config.timezone.trim()).unwrap_or(TimeZone::UTC);
    let dated = dated(site);
    // An empty feed still needs `updated`: the site's newest entry, else the Unix epoch (never updated).
    let newest = dated.first().map(|d| d.date);

    let site_feed: Vec<usize> = (0..dated.len().min(LIMIT)).collect();
    let mut board_feeds: Vec<Vec<usize>> = vec![Vec::new(); site.boards.len()];
    for (i, d) in dated.iter().enumerate() {
        let feed = &mut board_feeds[d.board];
        if feed.len() < LIMIT {
            feed.push(i);
        }
    }
    // Each entry shown is written once and shared by the site's and its board's feed.
    let mut written: BTreeMap<usize, String> = BTreeMap::new();
    for &i in site_feed.iter().chain(board_feeds.iter().flatten()) {
        written
            .entry(i)
            .or_insert_with(|| entry_xml(site, &tz, &dated[i]));
    }
    let shown =
        |indices: &[usize]| -> Vec<&str> { indices.iter().map(|i| written[i].as_str()).collect() };

    let feed = Feed {
        title: site.config.title.clone(),
        subtitle: SUBTITLE,
        path: SITE_FEED.to_string(),
        alternate: String::new(),
    };
    let updated = site_feed.first().map(|&i| dated[i].date).or(newest);
    extras.file(
        SITE_FEED,
        feed.render(site, &tz, &shown(&site_feed), updated)
            .into_bytes(),
    );
    for (board, indices) in site.boards.iter().zip(&board_feeds) {
        let feed = Feed {
            title: format!("{} – {}", board.doc.matter.title, site.config.title),
            subtitle: SUBTITLE,
            path: format!("{}{BOARD_FEED}", board.path),
            alternate: board.path.clone(),
        };
        let updated = indices.first().map(|&i| dated[i].date).or(newest);
        extras.file(
            feed.path.clone(),
            feed.render(site, &tz, &shown(indices), updated)
                .into_bytes(),
        );
    }
    // The decisions feed is a feed like these, made with them (its own module: it reads decision records).
    super::decision_feed::outputs(site, &tz, extras);
}

/// Every published paper and minutes dated on or before the build date, newest first (then by path).
fn dated(site: &Site) -> Vec<Dated<'_>> {
    let mut dated = Vec::with_capacity(site.papers.len() + site.minutes.len());
    for (id, p) in site.papers.iter().enumerate() {
        let m = &site.meetings[p.meeting];
        let published = p.doc.matter.published.or(m.published);
        let date = published.unwrap_or(m.date);
        if date <= site.today {
            dated.push(Dated {
                date,
                date_is_published: published.is_some(),
                path: &p.path,
                board: m.board,
                doc: Doc::Paper(id),
            });
        }
    }
    for (id, n) in site.minutes.iter().enumerate() {
        let m = &site.meetings[n.meeting];
        let date = n.doc.matter.approved_on.unwrap_or(m.date);
        if date <= site.today {
            dated.push(Dated {
                date,
                date_is_published: false,
                path: &n.path,
                board: m.board,
                doc: Doc::Minutes(id),
            });
        }
    }
    dated.sort_by(|a, b| (Reverse(a.date), a.path).cmp(&(Reverse(b.date), b.path)));
    dated
}

/// A name, if it is not blank.
fn name_of(contact: Option<&crate::content::model::Contact>) -> Option<&str> {
    contact
        .and_then(|c| c.name.as_deref())
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

/// One `<entry>`: title, dates, link, author (the contact officer; for minutes the board's clerk; the
/// feed's author stands in when there is none), board, and a plain-text summary.
fn entry_xml(site: &Site, tz: &TimeZone, d: &Dated<'_>) -> String {
    let board = &site.boards[d.board];
    let (title, summary, author) = match d.doc {
        Doc::Paper(id) => {
            let matter = &site.papers[id].doc.matter;
            let summary = [
                matter.purpose.as_deref().map(|s| sentence(s.trim())),
                matter.summary.as_deref().map(plain_text),
            ]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
            (
                matter.title.clone(),
                summary,
                name_of(matter.contact.as_ref()),
            )
        }
        Doc::Minutes(id) => {
            let n = &site.minutes[id];
            let matter = &n.doc.matter;
            let m = &site.meetings[n.meeting];
            let status = match matter.status {
                MinutesStatus::Approved => "Minutes",
                MinutesStatus::Draft => "Draft minutes (not yet approved)",
                MinutesStatus::Unconfirmed => "Draft minutes (to be confirmed at the next meeting)",
            };
            let approved = matter
                .approved_on
                .map(|a| format!(", approved on {}", a.medium()))
                .unwrap_or_default();
            let summary = format!(
                "{status} of the meeting of the {} on {}{approved}.",
                board.doc.matter.title,
                m.date.long()
            );
            (
                format!("Minutes: {}", site.meeting_title(n.meeting)),
                summary,
                name_of(board.doc.matter.contact.as_ref()),
            )
        }
    };
    let url = site.permalink(d.path);
    let date = timestamp(tz, d.date);
    let mut x = String::with_capacity(512 + summary.len());
    x.push_str("  <entry>\n");
    element(&mut x, 2, "id", &url);
    element(&mut x, 2, "title", &title);
    element(&mut x, 2, "updated", &date);
    if d.date_is_published {
        element(&mut x, 2, "published", &date);
    }
    link(&mut x, 2, "alternate", "text/html", &url);
    if let Some(name) = author {
        x.push_str("    <author>\n");
        element(&mut x, 3, "name", name);
        x.push_str("    </author>\n");
    }
    x.push_str("    <category term=\"");
    xml_escape_into(&mut x, &board.slug);
    x.push_str("\" label=\"");
    xml_escape_into(&mut x, &board.doc.matter.title);
    x.push_str("\"/>\n");
    if !summary.is_empty() {
        x.push_str("    <summary type=\"text\">");
        xml_escape_into(&mut x, &summary);
        x.push_str("</summary>\n");
    }
    x.push_str("  </entry>\n");
    x
}

/// One feed: its title, what it holds, its own path and the page it stands for (paths relative to
/// the site root).
pub(super) struct Feed {
    pub(super) title: String,
    pub(super) subtitle: &'static str,
    pub(super) path: String,
    pub(super) alternate: String,
}

/// What the papers and minutes feeds hold.
const SUBTITLE: &str = "Papers and minutes as they are published, newest first.";

impl Feed {
    /// The feed around its entries (already written), `updated` at its newest entry's date.
    pub(super) fn render(
        &self,
        site: &Site,
        tz: &TimeZone,
        entries: &[&str],
        updated: Option<Date>,
    ) -> String {
        let author = site
            .config
            .organisation
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or(&site.config.title);
        let website = site
            .config
            .organisation
            .website
            .as_deref()
            .filter(|w| w.starts_with("https://") || w.starts_with("http://"));
        let mut x = String::with_capacity(1024 + entries.iter().map(|e| e.len()).sum::<usize>());
        x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        x.push_str(&format!(
            "<feed xmlns=\"{ATOM_NS}\" xml:lang=\"{}\">\n",
            xml_escape(&site.config.language)
        ));
        element(&mut x, 1, "id", &site.permalink(&self.path));
        element(&mut x, 1, "title", &self.title);
        element(&mut x, 1, "subtitle", self.subtitle);
        element(
            &mut x,
            1,
            "updated",
            &updated.map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| timestamp(tz, d)),
        );
        link(
            &mut x,
            1,
            "self",
            "application/atom+xml",
            &site.permalink(&self.path),
        );
        link(
            &mut x,
            1,
            "alternate",
            "text/html",
            &site.permalink(&self.alternate),
        );
        x.push_str("  <author>\n");
        element(&mut x, 2, "name", author);
        if let Some(website) = website {
            element(&mut x, 2, "uri", website);
        }
        x.push_str("  </author>\n");
        element(&mut x, 1, "generator", "boardpack");
        for entry in entries {
            x.push_str(entry);
        }
        x.push_str("</feed>\n");
        x
    }
}

fn indent(x: &mut String, depth: usize) {
    for _ in 0..depth {
        x.push_str("  ");
    }
}

pub(super) fn element(x: &mut String, depth: usize, name: &str, text: &str) {
    indent(x, depth);
    x.push('<');
    x.push_str(name);
    x.push('>');
    xml_escape_into(x, text);
    x.push_str("</");
    x.push_str(name);
    x.push_str(">\n");
}

pub(super) fn link(x: &mut String, depth: usize, rel: &str, media_type: &str, href: &str) {
    indent(x, depth);
    x.push_str("<link rel=\"");
    x.push_str(rel);
    x.push_str("\" type=\"");
    x.push_str(media_type);
    x.push_str("\" href=\"");
    xml_escape_into(x, href);
    x.push_str("\"/>\n");
}

/// Midnight at the start of `date` in the site's time zone, in RFC 3339 (`2026-06-08T00:00:00+01:00`).
pub(super) fn timestamp(tz: &TimeZone, date: Date) -> String {
    match date.0.to_zoned_datetime(tz.clone()) {
        Ok(z) => z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        Err(_) => format!("{}T00:00:00Z", date.iso()),
    }
}

/// `text` ending with a full stop (a purpose such as "For decision" becomes "For decision.").
fn sentence(text: &str) -> String {
    if text.is_empty() || text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// Markdown as plain text: the words a reader sees, paragraphs on their own lines, link targets and
/// markup dropped. Raw HTML stays as text, as pages show it.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak | Event::End(TagEnd::Item) => out.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::List(_)) => {
                out.push_str("\n\n")
            }
            _ => {}
        }
    }
    let paragraphs: Vec<&str> = out
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join("\n\n")
}

/// Escapes text for XML content and attribute values, writes line ends as LF, and drops the characters
/// XML 1.0 cannot hold (control characters other than tab and newlines, U+FFFE, U+FFFF), which no front
/// matter should be able to turn into a feed that readers reject.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    xml_escape_into(&mut out, text);
    out
}

/// [`xml_escape`], appending to `out`. Copies runs of plain text whole: feeds and sitemaps of large
/// sites escape megabytes.
pub fn xml_escape_into(out: &mut String, text: &str) {
    crate::escape::replace_into(out, text, |bytes, i| {
        let b = bytes[i];
        Some(match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            // Line ends become LF, as XML readers would make them anyway.
            // A CR whose LF follows past characters that are dropped is still a CRLF.
            b'\r'
                if bytes[i + 1..]
                    .iter()
                    .find(|&&c| c >= 0x20 || matches!(c, b'\t' | b'\n' | b'\r'))
                    == Some(&b'\n') =>
            {
                ("", 1)
            }
            b'\r' => ("\n", 1),
            b'\t' | b'\n' => return None,
            0..0x20 => ("", 1),
            // U+FFFE and U+FFFF: EF BF BE, EF BF BF.
            0xEF if bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) =>
            {
                ("", 3)
            }
            _ => return None,
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_xml_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            xml_escape(r#"A & B <c> "d" 'e'"#),
            "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;"
        );
        assert_eq!(
            xml_escape("bell\u{7}\u{FFFF}tab\tend\u{FFFE}"),
            "belltab\tend"
        );
        assert_eq!(
            xml_escape("€ ＜ \u{FFFD} 😀"),
            "€ ＜ \u{FFFD} 😀",
            "other characters stay"
        );
        assert_eq!(xml_escape("a\r\nb\rc\nd"), "a\nb\nc\nd");
    }

    proptest::proptest! {
        /// Any text, escaped, is well-formed XML that reads back as the text (less what XML cannot hold,
        /// with CRLF and lone CR as LF).
        #[test]
        fn escaped_text_reads_back(text in "(?s).{0,200}") {
            let xml = format!("<a t=\"{}\">{}</a>", xml_escape(&text), xml_escape(&text));
            let doc = roxmltree::Document::parse(&xml).map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{e}: {xml:?}")))?;
            let kept: String = text
                .chars()
                .filter(|&c| !(((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'))
                .collect();
            let expected = kept.replace("\r\n", "\n").replace('\r', "\n");
            proptest::prop_assert_eq!(doc.root_element().text().unwrap_or(""), expected.as_str());
        }
    }

    #[test]
    fn markdown_becomes_plain_text() {
        let md = "The *Board* is asked to [note](05-budget.md) the `plan`.\nSecond line.\n\n- one\n- two";
        assert_eq!(
            plain_text(md),
            "The Board is asked to note the plan. Second line.\n\none\ntwo"
        );
        assert_eq!(plain_text("<script>x</script>"), "<script>x</script>");
    }

    #[test]
    fn purposes_become_sentences() {
        assert_eq!(sentence("For decision"), "For decision.");
        assert_eq!(sentence("For information."), "For information.");
    }

    #[test]
    fn dates_are_local_midnight() {
        let tz = TimeZone::get("Europe/London").unwrap();
        assert_eq!(
            timestamp(&tz, "2026-06-08".parse().unwrap()),
            "2026-06-08T00:00:00+01:00"
        );
        assert_eq!(
            timestamp(&tz, "2026-12-01".parse().unwrap()),
            "2026-12-01T00:00:00+00:00"
        );
    }
}
