//! Markdown to HTML, the board-paper way.
//!
//! On top of pulldown-cmark this adds what papers need and general renderers do not do:
//! - numbered paragraphs: a paper's top-level ordered list items become paragraphs `1`, `2`… and their
//!   nested ordered items `2.1`, `2.2`…, each with a stable anchor (`#p2.1`) and a visible permalink;
//! - heading ids from the heading text, unique within the document;
//! - `Table: caption` paragraphs beside a table become its `<caption>`; tables scroll in a labelled region;
//! - fenced code highlighted by syntect into CSS classes (no inline styles), the syntax set loaded once;
//! - raw HTML is shown as text, and only safe link schemes survive, so no markup a clerk pastes in can
//!   run script on the public site;
//! - relative links to other content files are rewritten to their page URLs by a resolver, and the ones
//!   that resolve to nothing are returned with their byte ranges for diagnostics.

use std::fmt::Write as _;
use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::hash::Set;

/// What a relative link points at.
pub enum LinkTarget {
    /// A page or file of the site, at this URL.
    Resolved(String),
    /// Not a link into the site (external, mailto, tel, or a fragment of this page).
    Unchanged,
    /// Looks internal but matches nothing.
    Broken,
    /// A page that exists but is not published in this build (a draft, under embargo, exempt): the
    /// link's words are kept, followed by this notice in brackets.
    Withheld(&'static str),
}

/// A link whose target could not be resolved, with where it is in the Markdown source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub dest: String,
    /// Byte range in the Markdown text given to [`render`].
    pub range: Range<usize>,
}

/// A heading of the document, for outlines and the accessibility lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Rendered Markdown.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Ids of the numbered paragraphs, in order (`p1`, `p2`, `p2.1`…).
    pub paragraph_ids: Vec<String>,
    pub broken_links: Vec<BrokenLink>,
    /// Fragment links (`#p4`) within the document, checked against its own ids by the caller.
    pub fragment_links: Vec<BrokenLink>,
    /// Links resolved to another page of the site with a `#fragment`, as (resolved URL, range), so the
    /// caller can check the fragment once every page's ids are known.
    pub cross_fragment_links: Vec<BrokenLink>,
    /// Accessibility problems in the Markdown (see [`crate::content::lint`]).
    pub lints: Vec<crate::content::lint::Lint>,
}

/// How to render.
#[derive(Clone, Copy, Default)]
pub struct Settings {
    /// Turn ordered lists into numbered paragraphs (board papers).
    pub numbered_paragraphs: bool,
}

/// The Markdown boardpack reads: CommonMark with tables, footnotes, smart punctuation, strikethrough
/// and heading ids. Public for the benchmarks' floor and bounds (`examples/`), which must parse alike.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn syntax_set() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Renders `markdown`, resolving relative links with `resolve`.
pub fn render(
    markdown: &str,
    settings: Settings,
    resolve: &dyn Fn(&str) -> LinkTarget,
) -> Rendered {
    render_walking(markdown, settings, resolve, None)
}

/// [`render`], and when `walk` is given, the text of the same events given to it as [`walk_sections`]
/// gives it: the build indexes a paper for search as it renders it, from the one parse.
pub fn render_walking(
    markdown: &str,
    settings: Settings,
    resolve: &dyn Fn(&str) -> LinkTarget,
    walk: Option<&mut dyn FnMut(Option<&str>, &str)>,
) -> Rendered {
    // About one event per 16 bytes of a paper: sized once, not grown by doubling (events are large).
    let mut events: Vec<(Event<'_>, Range<usize>)> = Vec::with_capacity(markdown.len() / 16 + 16);
    events.extend(Parser::new_ext(markdown, options()).into_offset_iter());
    let mut out = Rendered {
        lints: crate::content::lint::lint(&events, markdown),
        ..Rendered::default()
    };
    let mut ids = Ids::new(settings);
    let mut html_events: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut table_count = 0usize;
    let mut code_count = 0usize;
    // Column alignments of the current table, and whether we are in its header row.
    let mut alignments: Vec<pulldown_cmark::Alignment> = Vec::new();
    let mut in_head = false;
    let mut column = 0usize;

    let mut skip_range: Option<Range<usize>> = None;
    let mut i = 0;
    while i < events.len() {
        if let Some(skip) = skip_range.as_ref().filter(|r| r.start == i) {
            i = skip.end;
            skip_range = None;
            continue;
        }
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let end = find_end(&events, i);
                let text = plain_text(&events[i + 1..end]);
                let id = ids.heading(id.as_deref(), &text);
                out.headings.push(Heading {
                    level: heading_number(*level),
                    id: id.clone(),
                    text,
                });
                html_events.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::Start(Tag::List(start)) => match ids.list_start(*start) {
                0 => html_events.push(event.clone()),
                level => html_events.push(Event::Html(CowStr::from(format!(
                    "<div class=\"paras paras-{level}\">\n"
                )))),
            },
            Event::End(TagEnd::List(_)) => match ids.list_end() {
                0 => html_events.push(event.clone()),
                _ => html_events.push(Event::Html(CowStr::from("</div>\n"))),
            },
            Event::Start(Tag::Item) => {
                let Some(Para { id, number, sub }) = ids.item_start() else {
                    html_events.push(event.clone());
                    i += 1;
                    continue;
                };
                out.paragraph_ids.push(id.clone());
                // Built piece by piece: `format!` costs several times as much, and every paragraph has one.
                let class = if sub { "para para-sub" } else { "para" };
                let shown_end = if sub { "" } else { "." };
                let mut html = String::with_capacity(200 + 2 * id.len() + 2 * number.len());
                for piece in [
                    "<div class=\"",
                    class,
                    "\" id=\"",
                    &id,
                    "\"><a class=\"para-num\" href=\"#",
                    &id,
                    "\" title=\"Link to paragraph ",
                    &number,
                    "\"><span class=\"visually-hidden\">Paragraph </span>",
                    &number,
                    shown_end,
                    "</a><div class=\"para-body\">",
                ] {
                    html.push_str(piece);
                }
                html_events.push(Event::Html(CowStr::from(html)));
            }
            Event::End(TagEnd::Item) => {
                if ids.item_end() {
                    html_events.push(Event::Html(CowStr::from("</div></div>\n")));
                } else {
                    html_events.push(event.clone());
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let end = find_end(&events, i);
                let code: String = events[i + 1..end]
                    .iter()
                    .filter_map(|(e, _)| match e {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code_count += 1;
                let label = if lang.is_empty() {
                    format!("Code example {code_count}")
                } else {
                    format!("Code example {code_count} ({lang})")
                };
                html_events.push(Event::Html(CowStr::from(highlight(&code, &lang, &label))));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Table(aligns)) => {
                alignments = aligns.clone();
                table_count += 1;
                let end = find_end(&events, i);
                let before = caption_paragraph(&events, i.checked_sub(1), true);
                let after = caption_paragraph(&events, Some(end + 1), false);
                let caption = before
                    .as_ref()
                    .or(after.as_ref())
                    .map(|(text, _)| text.clone());
                if let Some((_, skip)) = &before {
                    // Remove the caption paragraph already emitted before the table.
                    html_events.truncate(html_events.len() - skip);
                }
                let label = caption
                    .clone()
                    .unwrap_or_else(|| format!("Table {table_count}"));
                html_events.push(Event::Html(CowStr::from(format!(
                    "<div class=\"table-wrap\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">",
                    escape_attr(&label)
                ))));
                html_events.push(Event::Html(CowStr::from("<table>")));
                if let Some(caption) = caption {
                    html_events.push(Event::Html(CowStr::from(format!(
                        "<caption>{}</caption>",
                        escape_text(&caption)
                    ))));
                }
                if let Some((_, skip)) = after {
                    // The caption paragraph after the table is not shown again.
                    skip_range = Some(end + 1..end + 1 + skip);
                }
            }
            // Header cells get `scope`, alignment is a class (no inline styles, so a strict CSP holds).
            Event::Start(Tag::TableHead) => {
                in_head = true;
                column = 0;
                html_events.push(Event::Html(CowStr::from("<thead><tr>")));
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                html_events.push(Event::Html(CowStr::from("</tr></thead><tbody>\n")));
            }
            Event::Start(Tag::TableRow) => {
                column = 0;
                html_events.push(Event::Html(CowStr::from("<tr>")));
            }
            Event::End(TagEnd::TableRow) => html_events.push(Event::Html(CowStr::from("</tr>\n"))),
            Event::Start(Tag::TableCell) => {
                let class = match alignments.get(column) {
                    Some(pulldown_cmark::Alignment::Left) => " class=\"align-left\"",
                    Some(pulldown_cmark::Alignment::Center) => " class=\"align-center\"",
                    Some(pulldown_cmark::Alignment::Right) => " class=\"align-right\"",
                    _ => "",
                };
                column += 1;
                let tag = if in_head {
                    format!("<th scope=\"col\"{class}>")
                } else {
                    format!("<td{class}>")
                };
                html_events.push(Event::Html(CowStr::from(tag)));
            }
            Event::End(TagEnd::TableCell) => {
                html_events.push(Event::Html(CowStr::from(if in_head {
                    "</th>"
                } else {
                    "</td>"
                })));
            }
            Event::End(TagEnd::Table) => {
                html_events.push(Event::Html(CowStr::from("</tbody></table>\n</div>\n")));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if !is_external(dest_url)
                    && let LinkTarget::Withheld(notice) = resolve(dest_url.trim())
                {
                    // Keep the words, drop the link: never a broken link to an unpublished page.
                    let end = find_end(&events, i);
                    html_events.extend(events[i + 1..end].iter().map(|(e, _)| e.clone()));
                    html_events.push(Event::Text(CowStr::from(format!(" ({notice})"))));
                    i = end + 1;
                    continue;
                }
                let dest = rewrite_link(dest_url, range.clone(), resolve, &mut out);
                html_events.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: CowStr::from(dest),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = rewrite_link(dest_url, range.clone(), resolve, &mut out);
                html_events.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: CowStr::from(dest),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            // Raw HTML is shown, never interpreted: nothing pasted into a paper can run script.
            Event::Html(html) | Event::InlineHtml(html) => {
                html_events.push(Event::Text(html.clone()))
            }
            _ => html_events.push(event.clone()),
        }
        i += 1;
    }
    out.html.reserve(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, html_events.into_iter());
    if let Some(f) = walk {
        let mut walker = SectionWalker::new(settings);
        for (event, _) in &events {
            walker.event(event, f);
        }
    }
    out
}

/// The numbered level of a list that starts (`start` is an ordered list's first number) inside a
/// list of level `innermost` (or none): 1 for paragraphs (a top-level ordered list), 2 for their
/// sub-paragraphs, 0 for an ordinary list. The PDF packs number paragraphs by it too.
pub(crate) fn numbered_level(numbered: bool, start: Option<u64>, innermost: Option<u8>) -> u8 {
    match (numbered, start, innermost) {
        (true, Some(_), None) => 1,
        (true, Some(_), Some(1)) => 2,
        _ => 0,
    }
}

/// Ids of headings and numbered paragraphs, given as a document's events come. [`render`] and
/// [`sections`] share it, so the search index names paragraphs exactly as the page does.
struct Ids {
    numbered: bool,
    used: Set<String>,
    /// Open lists: their numbered level (1 paragraphs, 2 sub-paragraphs, 0 an ordinary list) and next number.
    lists: Vec<(u8, u64)>,
    /// Numbers of the open numbered paragraphs.
    open: Vec<String>,
}

/// A numbered paragraph just opened.
struct Para {
    id: String,
    number: String,
    sub: bool,
}

impl Ids {
    fn new(settings: Settings) -> Self {
        Ids {
            numbered: settings.numbered_paragraphs,
            used: Set::default(),
            lists: Vec::new(),
            open: Vec::new(),
        }
    }

    /// A heading's id: its own `{#id}`, else made from its text; unique in the document.
    fn heading(&mut self, explicit: Option<&str>, text: &str) -> String {
        let base = explicit.map_or_else(|| slugify(text), str::to_string);
        unique_id(
            if base.is_empty() {
                "section".into()
            } else {
                base
            },
            &mut self.used,
        )
    }

    /// Enters a list (`start` is an ordered list's first number); returns its numbered level, 0 for none.
    fn list_start(&mut self, start: Option<u64>) -> u8 {
        let level = numbered_level(
            self.numbered,
            start,
            self.lists.last().map(|&(level, _)| level),
        );
        self.lists.push((level, start.unwrap_or(0)));
        level
    }

    /// Leaves a list; returns its numbered level.
    fn list_end(&mut self) -> u8 {
        self.lists.pop().map_or(0, |(level, _)| level)
    }

    /// Opens a list item: the next numbered paragraph, if the item is one.
    fn item_start(&mut self) -> Option<Para> {
        let (level, next) = self.lists.last_mut().filter(|(level, _)| *level > 0)?;
        // Written into one string, not `format!`ted in pieces: this runs for every paragraph of every paper.
        let mut number = String::new();
        if *level != 1 {
            number.push_str(self.open.last().map_or("0", String::as_str));
            number.push('.');
        }
        let _ = write!(number, "{next}");
        let sub = *level != 1;
        *next += 1;
        let mut id = String::with_capacity(number.len() + 1);
        id.push('p');
        id.push_str(&number);
        let id = unique_id(id, &mut self.used);
        self.open.push(number.clone());
        Some(Para { id, number, sub })
    }

    /// Closes a list item; true if it was a numbered paragraph.
    fn item_end(&mut self) -> bool {
        let numbered = self.lists.last().is_some_and(|&(level, _)| level > 0);
        if numbered {
            self.open.pop();
        }
        numbered
    }
}

/// A run of a document's text and the anchor of the place on its page where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    /// The numbered paragraph (`p2.1`) or, outside them, the heading (`background`) it is under;
    /// `None` before the first of either.
    pub anchor: Option<String>,
    pub text: String,
}

/// The plain text of a document, split where its anchors are: each numbered paragraph (its own words;
/// its sub-paragraphs are sections of their own) and the text under each heading, with the ids
/// [`render`] gives them. For the search index: it neither renders nor lints.
pub(crate) fn sections(markdown: &str, settings: Settings) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    walk_sections(
        markdown,
        settings,
        &mut |anchor, text| match out.last_mut() {
            Some(last) if last.anchor.as_deref() == anchor => last.text.push_str(text),
            _ => out.push(Section {
                anchor: anchor.map(str::to_string),
                text: text.to_string(),
            }),
        },
    );
    out.retain(|s| !s.text.trim().is_empty());
    out
}

/// The text of [`sections`] as it comes, run by run, each with its anchor: nothing is copied, so
/// indexing a large site stays cheap. A word may come in more than one run; blocks end with a space.
pub(crate) fn walk_sections(
    markdown: &str,
    settings: Settings,
    f: &mut dyn FnMut(Option<&str>, &str),
) {
    let mut walker = SectionWalker::new(settings);
    for event in Parser::new_ext(markdown, options()) {
        walker.event(&event, f);
    }
}

/// [`walk_sections`] event by event: fed by its own parse, or by [`render_walking`]'s, so a page
/// rendered for the build and indexed for search is parsed once.
struct SectionWalker {
    ids: Ids,
    /// Each open paragraph's id, beside `ids`'s numbers (the id can differ when made unique).
    para_ids: Vec<String>,
    heading: Option<String>,
    /// Text of the heading being read, and its own `{#id}`.
    heading_text: Option<(String, Option<String>)>,
}

impl SectionWalker {
    fn new(settings: Settings) -> Self {
        SectionWalker {
            ids: Ids::new(settings),
            para_ids: Vec::new(),
            heading: None,
            heading_text: None,
        }
    }

    fn event(&mut self, event: &Event<'_>, f: &mut dyn FnMut(Option<&str>, &str)) {
        let anchor = self
            .para_ids
            .last()
            .or(self.heading.as_ref())
            .map(String::as_str);
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                self.heading_text = Some((String::new(), id.as_ref().map(|i| i.to_string())))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((text, explicit)) = self.heading_text.take() {
                    self.heading = Some(self.ids.heading(explicit.as_deref(), &text));
                    let anchor = self
                        .para_ids
                        .last()
                        .or(self.heading.as_ref())
                        .map(String::as_str);
                    f(anchor, &text);
                    f(anchor, " ");
                }
            }
            Event::Start(Tag::List(start)) => {
                self.ids.list_start(*start);
            }
            Event::End(TagEnd::List(_)) => {
                self.ids.list_end();
                f(anchor, " ");
            }
            Event::Start(Tag::Item) => {
                let opened = self.ids.item_start().map(|p| p.id);
                self.para_ids.extend(opened);
            }
            Event::End(TagEnd::Item) => {
                f(anchor, " ");
                if self.ids.item_end() {
                    self.para_ids.pop();
                }
            }
            Event::Text(t) | Event::Code(t) => match &mut self.heading_text {
                Some((text, _)) => text.push_str(t),
                None => f(anchor, t),
            },
            Event::SoftBreak | Event::HardBreak => match &mut self.heading_text {
                Some((text, _)) => text.push(' '),
                None => f(anchor, " "),
            },
            // Words never run together across blocks; inline markup (emphasis, links) joins words.
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image,
            ) => {}
            Event::End(_) if self.heading_text.is_none() => f(anchor, " "),
            _ => {}
        }
    }
}

/// A paragraph `Table: caption` at `index` (just before or after a table), as its text and the number
/// of events it spans.
pub(crate) fn caption_paragraph(
    events: &[(Event<'_>, Range<usize>)],
    index: Option<usize>,
    before: bool,
) -> Option<(String, usize)> {
    let index = index?;
    let (start, end) = if before {
        if !matches!(events.get(index)?.0, Event::End(TagEnd::Paragraph)) {
            return None;
        }
        let start = (0..index)
            .rev()
            .find(|&j| matches!(events[j].0, Event::Start(Tag::Paragraph)))?;
        (start, index)
    } else {
        if !matches!(events.get(index)?.0, Event::Start(Tag::Paragraph)) {
            return None;
        }
        (index, find_end(events, index))
    };
    let text = plain_text(&events[start + 1..end]);
    let caption = text.strip_prefix("Table:")?.trim().to_string();
    Some((caption, end - start + 1))
}

/// Index of the event that closes the one opened at `start`.
pub(crate) fn find_end(events: &[(Event<'_>, Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

/// Markdown as plain text on one line: what the words say, without markup or link addresses.
pub fn one_line_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn plain_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut text = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

fn unique_id(base: String, used: &mut Set<String>) -> String {
    if used.insert(base.clone()) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| used.insert(candidate.clone()))
        .unwrap_or(base)
}

/// A URL-safe slug: lowercase ASCII letters and digits joined by single hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        let c = match c {
            'à'..='å' | 'À'..='Å' => 'a',
            'è'..='ë' | 'È'..='Ë' => 'e',
            'ì'..='ï' | 'Ì'..='Ï' => 'i',
            'ò'..='ö' | 'Ò'..='Ö' => 'o',
            'ù'..='ü' | 'Ù'..='Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ñ' | 'Ñ' => 'n',
            '&' => {
                pending_hyphen = !slug.is_empty();
                continue;
            }
            '\'' | '’' => continue,
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if pending_hyphen {
                slug.push('-');
                pending_hyphen = false;
            }
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = !slug.is_empty();
        }
    }
    slug
}

/// Keeps only safe link schemes and resolves relative links through the site.
fn rewrite_link(
    dest: &str,
    range: Range<usize>,
    resolve: &dyn Fn(&str) -> LinkTarget,
    out: &mut Rendered,
) -> String {
    let trimmed = dest.trim();
    if let Some(fragment) = trimmed.strip_prefix('#') {
        out.fragment_links.push(BrokenLink {
            dest: fragment.to_string(),
            range,
        });
        return trimmed.to_string();
    }
    if let Some(scheme) = url_scheme(trimmed) {
        let scheme = scheme.to_ascii_lowercase();
        return if matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel") {
            trimmed.to_string()
        } else {
            // javascript:, data:, vbscript: and the like never reach a published page.
            "#".to_string()
        };
    }
    match resolve(trimmed) {
        LinkTarget::Resolved(url) => {
            if url.contains('#') {
                out.cross_fragment_links.push(BrokenLink {
                    dest: url.clone(),
                    range,
                });
            }
            url
        }
        LinkTarget::Unchanged => trimmed.to_string(),
        LinkTarget::Withheld(_) => "#".to_string(),
        LinkTarget::Broken => {
            out.broken_links.push(BrokenLink {
                dest: trimmed.to_string(),
                range,
            });
            trimmed.to_string()
        }
    }
}

/// Links that never point into the site: fragments and URLs with a scheme.
fn is_external(dest: &str) -> bool {
    let dest = dest.trim();
    dest.starts_with('#') || url_scheme(dest).is_some()
}

/// The scheme of an absolute URL (`https`, `javascript`…), ignoring the control characters and spaces
/// browsers ignore.
pub(crate) fn url_scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let is_scheme = !scheme.is_empty()
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // A colon after a slash, `?` or `#` is part of a path, not a scheme.
    let before_path = !cleaned[..colon].contains(['/', '?', '#']);
    (is_scheme && before_path).then(|| scheme.to_string())
}

/// Highlighted code in a scrollable region; focusable so keyboard users can scroll it, and labelled so
/// screen readers say what they landed on.
fn highlight(code: &str, lang: &str, label: &str) -> String {
    let open = format!(
        "<pre class=\"code\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">",
        escape_attr(label)
    );
    let set = syntax_set();
    let syntax = (!lang.is_empty())
        .then(|| set.find_syntax_by_token(lang))
        .flatten()
        .unwrap_or_else(|| set.find_syntax_plain_text());
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        set,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            // A highlighting failure must not lose the code: show it plain.
            return format!("{open}<code>{}</code></pre>\n", escape_text(code));
        }
    }
    let class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", escape_attr(lang))
    };
    format!("{open}<code{class}>{}</code></pre>\n", generator.finalize())
}

/// The CSS for highlighted code, from one of syntect's bundled themes.
pub fn highlight_css(theme_name: &str) -> Option<String> {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    let theme = themes.themes.get(theme_name)?;
    syntect::html::css_for_theme_with_class_style(
        theme,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    )
    .ok()
}

pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut out, s);
    out
}

pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// Renders a short piece of front matter Markdown (a summary, a recommendation) with no numbering.
pub fn render_inline_block(markdown: &str, resolve: &dyn Fn(&str) -> LinkTarget) -> String {
    render(markdown, Settings::default(), resolve).html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> Rendered {
        render(
            s,
            Settings {
                numbered_paragraphs: true,
            },
            &|_| LinkTarget::Broken,
        )
    }

    #[test]
    fn numbered_paragraphs_continue_across_headings_and_nest() {
        let r =
            md("## A\n\n1. One\n\n2. Two:\n\n   1. sub one\n   2. sub two\n\n## B\n\n3. Three\n");
        assert_eq!(r.paragraph_ids, ["p1", "p2", "p2.1", "p2.2", "p3"]);
        assert!(r.html.contains("id=\"p2.1\""), "{}", r.html);
        assert!(r.html.contains("href=\"#p3\""));
        assert!(!r.html.contains("<ol"), "{}", r.html);
    }

    #[test]
    fn unordered_lists_stay_lists() {
        let r = md("1. One\n\n   - a\n   - b\n");
        assert!(r.html.contains("<ul>"));
        assert_eq!(r.paragraph_ids, ["p1"]);
    }

    #[test]
    fn headings_get_unique_ids() {
        let r = md("## Financial implications\n\n## Financial implications\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["financial-implications", "financial-implications-2"]);
    }

    #[test]
    fn raw_html_and_script_urls_are_neutralised() {
        let r = md(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y]( JaVa\tscript:alert(1))\n",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.to_lowercase().contains("javascript:"), "{}", r.html);
    }

    #[test]
    fn table_captions_and_regions() {
        let r = md("Table: Budget 2026/27\n\n| A | B |\n|---|---|\n| 1 | 2 |\n");
        assert!(
            r.html.contains("<caption>Budget 2026/27</caption>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("aria-label=\"Budget 2026/27\""));
        assert!(!r.html.contains("Table:"), "{}", r.html);
        let r = md("| A | B |\n|---|---|\n| 1 | 2 |\n\nTable: After\n");
        assert!(r.html.contains("<caption>After</caption>"), "{}", r.html);
        assert!(!r.html.contains("Table:"), "{}", r.html);
    }

    #[test]
    fn table_headers_have_scope_and_alignment_classes() {
        let r = md("| A | B |\n|:---|---:|\n| 1 | 2 |\n");
        assert!(
            r.html
                .contains("<th scope=\"col\" class=\"align-left\">A</th>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<td class=\"align-right\">2</td>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("style="), "{}", r.html);
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let r = md("```rust\nfn main() {}\n```\n");
        assert!(r.html.contains("class=\"hl-"), "{}", r.html);
        assert!(
            r.html
                .contains("role=\"region\" aria-label=\"Code example 1 (rust)\""),
            "{}",
            r.html
        );
        assert!(!r.html.contains("style="));
    }

    #[test]
    fn links_resolve_or_are_reported_with_ranges() {
        let src = "See [a](other.md) and [b](missing.md) and [c](#p4) and [d](https://x.example/).";
        let r = render(src, Settings::default(), &|d| {
            if d == "other.md" {
                LinkTarget::Resolved("/b/2026-01-01/1-other/".into())
            } else {
                LinkTarget::Broken
            }
        });
        assert!(r.html.contains("href=\"/b/2026-01-01/1-other/\""));
        assert_eq!(r.broken_links.len(), 1);
        assert_eq!(&src[r.broken_links[0].range.clone()], "[b](missing.md)");
        assert_eq!(r.fragment_links[0].dest, "p4");
    }

    #[test]
    fn links_to_withheld_pages_become_text() {
        let r = render(
            "See [the draft](draft.md) now.",
            Settings::default(),
            &|_| LinkTarget::Withheld("not yet published"),
        );
        assert!(
            r.html.contains("See the draft (not yet published) now."),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<a"), "{}", r.html);
    }

    /// The build indexes papers from the events it renders; serve's index parses them again. Both
    /// must give the search index the same text in the same runs.
    #[test]
    fn render_walking_gives_the_runs_walk_sections_gives() {
        let doc = "Intro *words* and `code`.\n\n## Background {#bg}\n\n1. First, with [a link](other.md).\n\n   1. Sub one;\n   2. Sub two.\n\n2. Second\n   over lines.\n\nTable: Costs\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n```rust\nfn x() {}\n```\n\n## Background\n\n- plain\n- list\n";
        for numbered in [true, false] {
            let settings = Settings {
                numbered_paragraphs: numbered,
            };
            let mut parsed: Vec<(Option<String>, String)> = Vec::new();
            walk_sections(doc, settings, &mut |a, t| {
                parsed.push((a.map(str::to_string), t.to_string()))
            });
            let mut rendered: Vec<(Option<String>, String)> = Vec::new();
            render_walking(
                doc,
                settings,
                &|_| LinkTarget::Unchanged,
                Some(&mut |a, t| rendered.push((a.map(str::to_string), t.to_string()))),
            );
            assert!(parsed.len() > 20, "{parsed:?}");
            assert_eq!(parsed, rendered);
        }
    }

    #[test]
    fn sections_carry_the_ids_render_gives() {
        let src = "Intro text.\n\n## Background\n\nBefore.\n\n1. One *two*\n   words.\n\n2. Two:\n\n   1. sub one\n   2. sub two\n\n   After sub.\n\n## P1\n\n3. Three ([link](x.md))\n";
        let rendered = md(src);
        let got = sections(
            src,
            Settings {
                numbered_paragraphs: true,
            },
        );
        let anchors: Vec<Option<&str>> = got.iter().map(|s| s.anchor.as_deref()).collect();
        assert_eq!(
            anchors,
            [
                None,
                Some("background"),
                Some("p1"),
                Some("p2"),
                Some("p2.1"),
                Some("p2.2"),
                Some("p2"),
                Some("p1-2"),
                Some("p3")
            ]
        );
        // Every anchor is an id of the page (the heading `P1` comes after paragraph 1, so it is `p1-2`).
        for id in anchors.iter().flatten() {
            let known = rendered.paragraph_ids.iter().any(|p| p == id)
                || rendered.headings.iter().any(|h| h.id == *id);
            assert!(
                known,
                "{id} is not an id of the page: {:?} {:?}",
                rendered.paragraph_ids, rendered.headings
            );
        }
        assert_eq!(
            got[2].text.split_whitespace().collect::<Vec<_>>(),
            ["One", "two", "words."]
        );
        assert!(got[8].text.contains("Three (link)"), "{:?}", got[8]);
    }

    #[test]
    fn sections_without_numbering_follow_headings() {
        let got = sections("1. A list.\n\n## Next\n\nText.\n", Settings::default());
        let anchors: Vec<Option<&str>> = got.iter().map(|s| s.anchor.as_deref()).collect();
        assert_eq!(anchors, [None, Some("next")]);
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("Children & Young People’s Board"),
            "children-young-peoples-board"
        );
        assert_eq!(slugify("  Café -- Review 2026 "), "cafe-review-2026");
    }
}
