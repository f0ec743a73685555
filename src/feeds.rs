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

use jiff::tz::TimeZone;

use crate::model::{Date, MinutesStatus};
use crate::render::Extras;
use crate::site::{BoardId, Site};

/// The site-wide feed, relative to the site root.
pub const SITE_FEED: &str = "feed.xml";
/// A board's feed, relative to the board's folder.
pub const BOARD_FEED: &str = "feed.xml";
/// The most entries a feed holds: enough for a month of a busy authority, small enough to fetch often.
pub const LIMIT: usize = 50;

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// A published paper or minutes, as a feed entry.
struct Entry {
    date: Date,
    /// `date` is the document's own publication date (not a fallback to its meeting's).
    date_is_published: bool,
    /// URL path relative to the site root.
    path: String,
    board: BoardId,
    title: String,
    summary: Option<String>,
    /// Who to ask about it; the feed's author stands in when `None`.
    author: Option<String>,
}

/// Adds the site's and each board's feed.
pub fn outputs(site: &Site, extras: &mut Extras) {
    let tz = TimeZone::get(site.config.timezone.trim()).unwrap_or(TimeZone::UTC);
    let entries = entries(site);
    // An empty feed still needs `updated`: the site's newest entry, else the Unix epoch (never updated).
    let newest = entries.first().map(|e| e.date);

    let all: Vec<&Entry> = entries.iter().take(LIMIT).collect();
    let feed = Feed { title: site.config.title.clone(), path: SITE_FEED.to_string(), alternate: String::new() };
    extras.file(SITE_FEED, feed.render(site, &tz, &all, newest).into_bytes());
    for (id, board) in site.boards.iter().enumerate() {
        let of_board: Vec<&Entry> = entries.iter().filter(|e| e.board == id).take(LIMIT).collect();
        let feed = Feed {
            title: format!("{} – {}", board.doc.matter.title, site.config.title),
            path: format!("{}{BOARD_FEED}", board.path),
            alternate: board.path.clone(),
        };
        extras.file(feed.path.clone(), feed.render(site, &tz, &of_board, newest).into_bytes());
    }
}

/// Every published paper and minutes dated on or before the build date, newest first (then by path).
fn entries(site: &Site) -> Vec<Entry> {
    let mut entries = Vec::new();
    for p in &site.papers {
        let m = &site.meetings[p.meeting];
        let matter = &p.doc.matter;
        let published = matter.published.or(m.published);
        let date = published.unwrap_or(m.date);
        if date > site.today {
            continue;
        }
        let summary = [matter.purpose.as_deref().map(|s| sentence(s.trim())), matter.summary.as_deref().map(plain_text)]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        entries.push(Entry {
            date,
            date_is_published: published.is_some(),
            path: p.path.clone(),
            board: m.board,
            title: matter.title.clone(),
            summary: Some(summary).filter(|s| !s.is_empty()),
            author: matter.contact.as_ref().and_then(|c| c.name.as_deref()).map(str::trim).filter(|n| !n.is_empty()).map(str::to_string),
        });
    }
    for n in &site.minutes {
        let m = &site.meetings[n.meeting];
        let matter = &n.doc.matter;
        let date = matter.approved_on.unwrap_or(m.date);
        if date > site.today {
            continue;
        }
        let board = &site.boards[m.board];
        let status = match matter.status {
            MinutesStatus::Approved => "Minutes",
            MinutesStatus::Draft => "Draft minutes (not yet approved)",
        };
        let approved = matter.approved_on.map(|d| format!(", approved on {}", d.medium())).unwrap_or_default();
        entries.push(Entry {
            date,
            date_is_published: false,
            path: n.path.clone(),
            board: m.board,
            title: format!("Minutes: {}", site.meeting_title(n.meeting)),
            summary: Some(format!("{status} of the meeting of the {} on {}{approved}.", board.doc.matter.title, m.date.long())),
            author: board.doc.matter.contact.as_ref().and_then(|c| c.name.as_deref()).map(str::trim).filter(|n| !n.is_empty()).map(str::to_string),
        });
    }
    entries.sort_by(|a, b| (Reverse(a.date), &a.path).cmp(&(Reverse(b.date), &b.path)));
    entries
}

/// One feed: its title, its own path and the page it stands for (paths relative to the site root).
struct Feed {
    title: String,
    path: String,
    alternate: String,
}

impl Feed {
    fn render(&self, site: &Site, tz: &TimeZone, entries: &[&Entry], newest: Option<Date>) -> String {
        let updated = entries.first().map(|e| e.date).or(newest);
        let author = site.config.organisation.name.as_deref().map(str::trim).filter(|n| !n.is_empty()).unwrap_or(&site.config.title);
        let website = site.config.organisation.website.as_deref().filter(|w| w.starts_with("https://") || w.starts_with("http://"));
        let mut x = String::with_capacity(1024 + entries.len() * 1024);
        x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        x.push_str(&format!("<feed xmlns=\"{ATOM_NS}\" xml:lang=\"{}\">\n", xml_escape(&site.config.language)));
        element(&mut x, 1, "id", &site.permalink(&self.path));
        element(&mut x, 1, "title", &self.title);
        element(&mut x, 1, "subtitle", "Papers and minutes as they are published, newest first.");
        element(&mut x, 1, "updated", &updated.map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| timestamp(tz, d)));
        link(&mut x, 1, "self", "application/atom+xml", &site.permalink(&self.path));
        link(&mut x, 1, "alternate", "text/html", &site.permalink(&self.alternate));
        x.push_str("  <author>\n");
        element(&mut x, 2, "name", author);
        if let Some(website) = website {
            element(&mut x, 2, "uri", website);
        }
        x.push_str("  </author>\n");
        element(&mut x, 1, "generator", "boardpack");
        for entry in entries {
            let board = &site.boards[entry.board];
            let url = site.permalink(&entry.path);
            let date = timestamp(tz, entry.date);
            x.push_str("  <entry>\n");
            element(&mut x, 2, "id", &url);
            element(&mut x, 2, "title", &entry.title);
            element(&mut x, 2, "updated", &date);
            if entry.date_is_published {
                element(&mut x, 2, "published", &date);
            }
            link(&mut x, 2, "alternate", "text/html", &url);
            if let Some(name) = &entry.author {
                x.push_str("    <author>\n");
                element(&mut x, 3, "name", name);
                x.push_str("    </author>\n");
            }
            x.push_str(&format!(
                "    <category term=\"{}\" label=\"{}\"/>\n",
                xml_escape(&board.slug),
                xml_escape(&board.doc.matter.title)
            ));
            if let Some(summary) = &entry.summary {
                x.push_str(&format!("    <summary type=\"text\">{}</summary>\n", xml_escape(summary)));
            }
            x.push_str("  </entry>\n");
        }
        x.push_str("</feed>\n");
        x
    }
}

fn element(x: &mut String, depth: usize, name: &str, text: &str) {
    x.push_str(&format!("{}<{name}>{}</{name}>\n", "  ".repeat(depth), xml_escape(text)));
}

fn link(x: &mut String, depth: usize, rel: &str, media_type: &str, href: &str) {
    x.push_str(&format!("{}<link rel=\"{rel}\" type=\"{media_type}\" href=\"{}\"/>\n", "  ".repeat(depth), xml_escape(href)));
}

/// Midnight at the start of `date` in the site's time zone, in RFC 3339 (`2026-06-08T00:00:00+01:00`).
fn timestamp(tz: &TimeZone, date: Date) -> String {
    match date.0.to_zoned_datetime(tz.clone()) {
        Ok(z) => z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        Err(_) => format!("{}T00:00:00Z", date.iso()),
    }
}

/// `text` ending with a full stop (a purpose such as "For decision" becomes "For decision.").
fn sentence(text: &str) -> String {
    if text.is_empty() || text.ends_with(['.', '!', '?']) { text.to_string() } else { format!("{text}.") }
}

/// Markdown as plain text: the words a reader sees, paragraphs on their own lines, link targets and
/// markup dropped. Raw HTML stays as text, as pages show it.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak | Event::End(TagEnd::Item) => out.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::List(_)) => out.push_str("\n\n"),
            _ => {}
        }
    }
    let paragraphs: Vec<&str> = out.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    paragraphs.join("\n\n")
}

/// Escapes text for XML content and attribute values, and drops the characters XML 1.0 cannot hold
/// (control characters other than tab and newlines, U+FFFE, U+FFFF), which no front matter should
/// be able to turn into a feed that readers reject.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_xml_and_drops_what_xml_cannot_hold() {
        assert_eq!(xml_escape(r#"A & B <c> "d" 'e'"#), "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;");
        assert_eq!(xml_escape("bell\u{7}\u{FFFF}tab\tend"), "belltab\tend");
    }

    #[test]
    fn markdown_becomes_plain_text() {
        let md = "The *Board* is asked to [note](05-budget.md) the `plan`.\nSecond line.\n\n- one\n- two";
        assert_eq!(plain_text(md), "The Board is asked to note the plan. Second line.\n\none\ntwo");
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
        assert_eq!(timestamp(&tz, "2026-06-08".parse().unwrap()), "2026-06-08T00:00:00+01:00");
        assert_eq!(timestamp(&tz, "2026-12-01".parse().unwrap()), "2026-12-01T00:00:00+00:00");
    }
}
