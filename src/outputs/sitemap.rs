//! `sitemap.xml` (sitemaps.org 0.9) and `robots.txt`, so search engines find every published page.
//!
//! The sitemap lists the canonical URL (from `base_url`, so a site under a sub-path works) of every
//! HTML page of the build except the 404 page, sorted, each once, with `lastmod` where the content
//! dates it: a paper by its publication date, minutes by their approval, a meeting by the newest of
//! its pack, papers and minutes. Dates after the build date are left out. Past [`MAX_URLS`] URLs the
//! sitemap becomes an index of numbered sitemaps, as the protocol requires.
//!
//! It only sees the linked site, from which withheld documents are already gone, and the pages other
//! modules added before it: [`crate::render`] runs it after them.

use std::collections::BTreeMap;

use crate::content::model::Date;
use crate::outputs::feeds::xml_escape_into;
use crate::render::{Extras, Needs, Output};
use crate::site::{AppendixContent, MeetingId, Site};

/// `sitemap.xml` and `robots.txt`, as a site-wide output: it lists the pages the other outputs add, so it comes after them.
pub struct Sitemap;

impl Output for Sitemap {
    fn name(&self) -> &'static str {
        "sitemap"
    }

    fn needs(&self) -> Needs {
        Needs::AddedPages
    }

    /// Only whole files, made from what `check` has checked already.
    fn checked(&self) -> bool {
        false
    }

    fn make(&self, site: &Site, added: &[&str], extras: &mut Extras) {
        outputs(site, added, extras);
    }
}

/// The sitemap (or sitemap index), relative to the site root.
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// The most URLs one sitemap file may hold (sitemaps.org).
pub const MAX_URLS: usize = 50_000;

const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// Adds `sitemap.xml` (and its parts, on a very large site) and `robots.txt`.
/// `added`: the pages the other site-wide generators added (registers, archives…).
pub fn outputs(site: &Site, added: &[&str], extras: &mut Extras) {
    let pages = pages(site, added);
    for (path, bytes) in files(&site.base_url, &pages, MAX_URLS) {
        extras.file(path, bytes.into_bytes());
    }
    extras.file(ROBOTS, robots(site).into_bytes());
}

/// Every published page's path (relative to the site root) with its last modification date, if known.
fn pages(site: &Site, added: &[&str]) -> BTreeMap<String, Option<Date>> {
    let known = |d: Option<Date>| d.filter(|d| *d <= site.today);
    let mut pages: BTreeMap<String, Option<Date>> = BTreeMap::new();
    pages.insert(String::new(), None);
    pages.insert("accessibility/".to_string(), None);
    // Rendered as a unit of its own, so not among `extras`.
    pages.insert(crate::outputs::search::PAGE.to_string(), None);
    for board in &site.boards {
        pages.insert(board.path.clone(), None);
    }
    for (id, m) in site.meetings.iter().enumerate() {
        pages.insert(m.path.clone(), known(meeting_lastmod(site, id)));
    }
    for paper in &site.papers {
        let lastmod = known(
            paper
                .doc
                .matter
                .published
                .or(site.meetings[paper.meeting].published),
        );
        pages.insert(paper.path.clone(), lastmod);
        for a in &paper.appendices {
            if let AppendixContent::Page(_) = a.content {
                pages.insert(a.path.clone(), lastmod);
            }
        }
    }
    for minutes in &site.minutes {
        pages.insert(minutes.path.clone(), known(minutes.doc.matter.approved_on));
    }
    for page in &site.pages {
        pages.insert(page.path.clone(), None);
    }
    for person in &site.people {
        let updated = person.doc.matter.interests.as_ref().map(|i| i.updated);
        pages.insert(person.path.clone(), known(updated));
    }
    for d in &site.decisions {
        pages.insert(d.path.clone(), known(d.published));
    }
    for page in added {
        pages.entry((*page).to_string()).or_insert(None);
    }
    pages
}

/// The newest date of a meeting's pack, its papers and its minutes.
fn meeting_lastmod(site: &Site, id: MeetingId) -> Option<Date> {
    let m = &site.meetings[id];
    let papers = m
        .papers
        .iter()
        .filter_map(|&p| site.papers[p].doc.matter.published);
    let minutes = m
        .minutes
        .and_then(|n| site.minutes[n].doc.matter.approved_on);
    m.published
        .into_iter()
        .chain(papers)
        .chain(minutes)
        .filter(|d| *d <= site.today)
        .max()
}

/// The sitemap files: one, or an index and numbered parts of at most `limit` URLs each. `base_url` ends
/// with `/` (as [`Site::base_url`] does).
fn files(
    base_url: &str,
    pages: &BTreeMap<String, Option<Date>>,
    limit: usize,
) -> Vec<(String, String)> {
    let entries: Vec<(String, Option<Date>)> = pages
        .iter()
        .map(|(path, lastmod)| (format!("{base_url}{}", encode_path(path)), *lastmod))
        .collect();
    let limit = limit.max(1);
    if entries.len() <= limit {
        return vec![(SITEMAP.to_string(), urlset(&entries))];
    }
    let mut files = Vec::new();
    let mut index = Vec::new();
    for (n, chunk) in entries.chunks(limit).enumerate() {
        let path = format!("sitemap-{}.xml", n + 1);
        index.push((
            format!("{base_url}{path}"),
            chunk.iter().filter_map(|(_, d)| *d).max(),
        ));
        files.push((path, urlset(chunk)));
    }
    files.push((SITEMAP.to_string(), sitemap_index(&index)));
    files
}

fn urlset(entries: &[(String, Option<Date>)]) -> String {
    list("urlset", "url", entries)
}

fn sitemap_index(entries: &[(String, Option<Date>)]) -> String {
    list("sitemapindex", "sitemap", entries)
}

fn list(root: &str, item: &str, entries: &[(String, Option<Date>)]) -> String {
    let mut x = String::with_capacity(128 + entries.len() * 96);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(&format!("<{root} xmlns=\"{NS}\">\n"));
    let (open, close) = (format!("  <{item}>\n    <loc>"), format!("  </{item}>\n"));
    for (loc, lastmod) in entries {
        x.push_str(&open);
        xml_escape_into(&mut x, loc);
        x.push_str("</loc>\n");
        if let Some(d) = lastmod {
            x.push_str("    <lastmod>");
            x.push_str(&d.iso());
            x.push_str("</lastmod>\n");
        }
        x.push_str(&close);
    }
    x.push_str(&format!("</{root}>\n"));
    x
}

/// Percent-encodes what may not stand in a URL path as it is (slugs are plain ASCII, but the sitemap
/// protocol requires it of every URL).
fn encode_path(path: &str) -> String {
    let safe = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/');
    if path.bytes().all(safe) {
        return path.to_string();
    }
    let mut out = String::with_capacity(path.len() + 16);
    for b in path.bytes() {
        if safe(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Allows everything and names the sitemap. Crawlers read `robots.txt` only at the host's root: a site
/// under a sub-path should add the `Sitemap:` line to the host's own file (see the README).
fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.permalink(SITEMAP)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(
            encode_path("transport-board/2026-06-16/4a-bus_plan/"),
            "transport-board/2026-06-16/4a-bus_plan/"
        );
        assert_eq!(encode_path("a b/é&"), "a%20b/%C3%A9%26");
    }

    #[test]
    fn large_sites_get_a_sitemap_index() {
        let d = |s: &str| Some(s.parse::<Date>().unwrap());
        let pages: BTreeMap<String, Option<Date>> = [
            ("".into(), None),
            ("a/".into(), d("2026-01-05")),
            ("b/".into(), d("2026-02-01")),
            ("c/".into(), None),
            ("d/".into(), None),
        ]
        .into();
        let single = files("https://x.example/sub/", &pages, 5);
        assert_eq!(single.len(), 1);
        let files = files("https://x.example/sub/", &pages, 2);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let index = roxmltree::Document::parse(&files[3].1).unwrap();
        assert!(index.root_element().has_tag_name((NS, "sitemapindex")));
        let parts: Vec<(Option<&str>, Option<&str>)> = index
            .root_element()
            .children()
            .filter(|n| n.is_element())
            .map(|s| {
                let child = |name: &str| {
                    s.children()
                        .find(|n| n.has_tag_name((NS, name)))
                        .and_then(|n| n.text())
                };
                (child("loc"), child("lastmod"))
            })
            .collect();
        assert_eq!(
            parts,
            [
                (
                    Some("https://x.example/sub/sitemap-1.xml"),
                    Some("2026-01-05")
                ),
                (
                    Some("https://x.example/sub/sitemap-2.xml"),
                    Some("2026-02-01")
                ),
                (Some("https://x.example/sub/sitemap-3.xml"), None),
            ]
        );
        let total: usize = files[..3]
            .iter()
            .map(|(_, x)| {
                roxmltree::Document::parse(x)
                    .unwrap()
                    .descendants()
                    .filter(|n| n.has_tag_name((NS, "url")))
                    .count()
            })
            .sum();
        assert_eq!(total, 5, "every URL is in exactly one part");
    }

    #[test]
    fn urlsets_escape_and_date() {
        let x = urlset(&[
            (
                "https://x.example/a?b&c".into(),
                Some("2026-01-02".parse().unwrap()),
            ),
            ("https://x.example/".into(), None),
        ]);
        let doc = roxmltree::Document::parse(&x).unwrap();
        let urls: Vec<_> = doc
            .root_element()
            .children()
            .filter(|n| n.has_tag_name((NS, "url")))
            .collect();
        assert_eq!(urls.len(), 2);
        let loc = urls[0]
            .children()
            .find(|n| n.has_tag_name((NS, "loc")))
            .and_then(|n| n.text());
        assert_eq!(loc, Some("https://x.example/a?b&c"));
        assert!(urls[1].children().all(|n| !n.has_tag_name((NS, "lastmod"))));
    }
}
