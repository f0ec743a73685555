//! The Typst source of a pack, written from the linked site (from which everything withheld is
//! already gone): the cover, the agenda with each item's page, then each paper with its cover
//! block, body and appendices. Exempt and unpublished items appear only as the agenda's stub.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::body::{self, Body, Image, Links, Target};
use super::markup::Markup;
use crate::content::load::Doc;
use crate::content::markdown::url_scheme;
use crate::content::model::{Contact, Date, MeetingStatus};
use crate::diagnostics::Diagnostic;
use crate::render::{Collector, resolver};
use crate::site::publish::Reason;
use crate::site::{AppendixContent, MeetingId, PaperId, Site};

/// Which pack a document is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The agenda reports pack: the papers published with the agenda.
    Pack,
    /// Supplement `n` (from 1): the papers published on `date`, after the pack.
    Supplement { n: usize, date: Date },
    /// One paper on its own.
    Paper(PaperId),
}

/// A document to typeset.
pub struct Source {
    pub markup: Markup,
    pub images: Vec<Image>,
    /// The fixed date the document is made for (Typst's "today"), for reproducible output.
    pub date: Date,
    /// What was left out, and why (a document too long to typeset).
    pub warnings: Vec<Diagnostic>,
}

/// The most Markdown of one document (a paper's body, an appendix) that is typeset: about 270
/// pages. Typst holds a whole document in memory as it lays it out, about half a gigabyte per
/// megabyte of text; a longer one gets a link to its web page in its place.
const TYPESET_MAX_BYTES: usize = 1 << 20;

/// Writes the stub of a document too long to typeset, with a warning; false when it is not.
fn too_long(
    markdown: &str,
    path: &std::path::Path,
    url: &str,
    out: &mut Markup,
    warnings: &mut Vec<Diagnostic>,
) -> bool {
    if markdown.len() <= TYPESET_MAX_BYTES {
        return false;
    }
    let megabytes = format!("{:.1}", markdown.len() as f64 / (1024.0 * 1024.0));
    warnings.push(
        Diagnostic::warning(
            "BP103",
            path,
            format!("this document is too long for the PDF packs ({megabytes} MB of text; at most 1 MB is typeset): they link to its web page instead"),
        )
        .help("move the long part (data, a schedule) into an appendix file, a PDF or CSV, which the packs list with its address"),
    );
    out.raw("#withheld");
    out.content(&format!("This document is too long to print in this pack ({megabytes} MB of text). Read it on the website: "));
    out.raw("\n#link(");
    out.string(url);
    out.raw(")\n\n");
    true
}

/// The papers of a meeting in each part: the pack's, then each supplement's.
pub fn parts(site: &Site, meeting: MeetingId) -> Vec<(Part, Vec<PaperId>)> {
    let m = &site.meetings[meeting];
    let in_order: Vec<PaperId> = m.papers.clone();
    let main: Vec<PaperId> = in_order
        .iter()
        .copied()
        .filter(|&p| !site.papers[p].is_supplement(m))
        .collect();
    let mut dates: Vec<Date> = in_order
        .iter()
        .filter(|&&p| site.papers[p].is_supplement(m))
        .filter_map(|&p| site.papers[p].doc.matter.published)
        .collect();
    dates.sort();
    dates.dedup();
    let mut parts = Vec::new();
    if !main.is_empty() {
        parts.push((Part::Pack, main));
    }
    for (i, date) in dates.into_iter().enumerate() {
        let papers = in_order
            .iter()
            .copied()
            .filter(|&p| {
                site.papers[p].is_supplement(m) && site.papers[p].doc.matter.published == Some(date)
            })
            .collect();
        parts.push((Part::Supplement { n: i + 1, date }, papers));
    }
    parts
}

/// The supplement a paper of `meeting` is in, if it is in one.
fn supplement_of(site: &Site, meeting: MeetingId, paper: PaperId) -> Option<(usize, Date)> {
    parts(site, meeting)
        .into_iter()
        .find_map(|(part, papers)| match part {
            Part::Supplement { n, date } if papers.contains(&paper) => Some((n, date)),
            _ => None,
        })
}

/// The label of an item's paper in a pack (`item-4a`).
fn item_label(item: &impl std::fmt::Display) -> String {
    format!("item-{item}")
}

/// Writes the source of `part` of `meeting` with `papers`.
pub fn write(
    site: &Site,
    meeting: MeetingId,
    part: &Part,
    papers: &[PaperId],
) -> Result<Source, Box<Diagnostic>> {
    let m = &site.meetings[meeting];
    let board = &site.boards[m.board];
    let board_title = &board.doc.matter.title;
    let mut out = Markup::default();
    let mut images = Vec::new();
    let meeting_file = match &m.doc {
        Some(doc) => Some(out.file(doc.path.clone(), Arc::from(doc.text.as_str()))),
        None => None,
    };
    let (title, kind, published) = match part {
        Part::Pack => (
            format!("{board_title}, {}: agenda and reports", m.date.medium()),
            "Agenda and reports".to_string(),
            m.published,
        ),
        Part::Supplement { n, date } => (
            format!(
                "{board_title}, {}: supplementary agenda {n}",
                m.date.medium()
            ),
            format!("Supplementary agenda {n}"),
            Some(*date),
        ),
        Part::Paper(p) => {
            let matter = &site.papers[*p].doc.matter;
            (
                format!(
                    "Item {}: {} ({board_title}, {})",
                    matter.item,
                    matter.title,
                    m.date.medium()
                ),
                format!("Agenda item {}", matter.item),
                matter.published,
            )
        }
    };
    let (lang, region) = language(&site.config.language);

    out.raw("#import \"/pack.typ\": *\n#show: pack.with(\n  title: ");
    out.string(&title);
    out.raw(",\n  author: (");
    out.string(
        site.config
            .organisation
            .name
            .as_deref()
            .unwrap_or(&site.config.title),
    );
    out.raw(",),\n  keywords: (");
    for word in ["agenda", "reports", board_title.as_str()] {
        out.string(word);
        out.raw(", ");
    }
    out.raw("),\n  date: ");
    match published {
        Some(d) => out.raw(&format!(
            "datetime(year: {}, month: {}, day: {})",
            d.0.year(),
            d.0.month(),
            d.0.day()
        )),
        None => out.raw("none"),
    }
    out.raw(",\n  lang: ");
    out.string(&lang);
    out.raw(",\n  region: ");
    out.string_or_none(region.as_deref());
    out.raw(",\n  header: ");
    out.content(&format!("{board_title} · {}", m.date.long()));
    out.raw(",\n)\n\n");

    if let Part::Paper(p) = part {
        let mut warnings = Vec::new();
        paper(
            site,
            meeting,
            *p,
            &mut out,
            &mut images,
            false,
            &mut warnings,
        )?;
        warnings.append(&mut out.warnings);
        return Ok(Source {
            markup: out,
            images,
            date: m.date,
            warnings,
        });
    }

    cover(site, meeting, &kind, published, &mut out);
    out.raw("#pagebreak(weak: true)\n#heading(level: 1)[Agenda]\n\n#agenda((\n");
    for a in &m.agenda {
        let in_this = a.paper.filter(|p| papers.contains(p));
        // A supplement lists its own items; the pack lists every item, saying where the others are.
        if matches!(part, Part::Supplement { .. }) && in_this.is_none() {
            continue;
        }
        out.raw("  (item: ");
        out.string(&a.item.to_string());
        out.raw(", title: ");
        out.content(&a.title);
        out.raw(", target: ");
        // The paper's own label: an agenda that numbers it otherwise is a content error (BP113),
        // never a template one.
        out.string_or_none(
            in_this
                .map(|p| item_label(&site.papers[p].doc.matter.item))
                .as_deref(),
        );
        out.raw(", presenter: ");
        out.string_or_none(a.presenter.as_deref());
        let ground = match &a.withheld {
            Some(Reason::Exempt(e)) => Some(e.ground()),
            _ => None,
        };
        out.raw(", ground: ");
        out.string_or_none(ground.as_deref());
        let note = if in_this.is_some() {
            None
        } else if let Some(reason) = &a.withheld {
            Some(capitalised(reason.notice()))
        } else if let Some(p) = a.paper {
            supplement_of(site, meeting, p)
                .map(|(n, date)| format!("In supplementary agenda {n} ({})", date.medium()))
        } else if a.verbal {
            Some("Verbal update".to_string())
        } else {
            None
        };
        out.raw(", note: ");
        out.string_or_none(note.as_deref());
        out.raw("),\n");
    }
    out.raw("))\n\n");
    membership(site, meeting, &mut out);
    if let (Some(doc), Some(file)) = (&m.doc, meeting_file) {
        let text = &doc.text[doc.body_offset.min(doc.text.len())..];
        if !text.trim().is_empty() {
            out.raw("#heading(level: 2)[About this meeting]\n\n");
            let links = SiteLinks::new(site, doc.dir(), site.permalink(&m.path));
            let body = Body {
                file,
                offset: doc.body_offset,
                numbered: false,
                base_level: 2,
                links: &links,
            };
            body::convert(text, &body, &mut out, &mut images);
        }
    }
    let mut warnings = Vec::new();
    for &p in papers {
        paper(site, meeting, p, &mut out, &mut images, true, &mut warnings)?;
    }
    warnings.append(&mut out.warnings);
    Ok(Source {
        markup: out,
        images,
        date: m.date,
        warnings,
    })
}

/// The board's members on the meeting's date, each linked to their page when they have one. Plain
/// Typst (a heading and a list), so a theme's own `pack.typ` needs nothing new for it.
fn membership(site: &Site, meeting: MeetingId, out: &mut Markup) {
    let m = &site.meetings[meeting];
    let board = &site.boards[m.board];
    let mut lines = Vec::new();
    for (group, member, person) in board.each_member() {
        let on_board = member.start_date.is_none_or(|s| s <= m.date)
            && member.end_date.is_none_or(|e| m.date <= e);
        if !on_board {
            continue;
        }
        let role = match (&member.role, member.substitute) {
            (Some(role), _) => role.clone(),
            (None, true) => "Substitute".to_string(),
            (None, false) => "Member".to_string(),
        };
        lines.push((
            crate::render::people::name_view(site, &member.name, person).name,
            person.map(|p| site.permalink(&site.people[p].path)),
            role,
            &group.group,
        ));
    }
    if lines.is_empty() {
        return;
    }
    out.raw("#heading(level: 2)[Membership]\n\n");
    for (name, url, role, group) in lines {
        out.raw("- ");
        match url {
            Some(url) => {
                out.raw("#link(");
                out.string(&url);
                out.raw(")");
                out.content(&name);
            }
            None => out.text(&name),
        }
        out.text(&format!(", {role} ({group})"));
        out.raw("\n");
    }
    out.raw("\n");
}

/// `en-GB` as Typst's `lang` and `region`.
fn language(tag: &str) -> (String, Option<String>) {
    let mut parts = tag.split(['-', '_']);
    let lang = parts
        .next()
        .filter(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphabetic()))
        .map_or("en".to_string(), str::to_ascii_lowercase);
    let region = parts
        .next()
        .filter(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase);
    (lang, region)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

fn cover(site: &Site, meeting: MeetingId, kind: &str, published: Option<Date>, out: &mut Markup) {
    let m = &site.meetings[meeting];
    let board = &site.boards[m.board];
    let matter = m.doc.as_ref().map(|d| &d.matter);
    out.raw("#cover((\n  organisation: ");
    out.string(
        site.config
            .organisation
            .name
            .as_deref()
            .unwrap_or(&site.config.title),
    );
    out.raw(",\n  board: ");
    out.string(&board.doc.matter.title);
    out.raw(",\n  meeting: ");
    out.string(&site.meeting_title(meeting));
    out.raw(",\n  kind: ");
    out.string(kind);
    out.raw(",\n  date: ");
    out.string(&m.date.long());
    out.raw(",\n  time: ");
    out.string_or_none(matter.and_then(|x| x.time_text()).as_deref());
    let venue = matter
        .and_then(|x| x.venue.as_ref())
        .map(crate::render::venue_view);
    out.raw(",\n  venue: (");
    if let Some(v) = &venue {
        for line in v.room.iter().chain(v.address.iter()) {
            out.string(line.trim());
            out.raw(", ");
        }
    }
    out.raw("),\n  online: ");
    out.string_or_none(
        venue
            .as_ref()
            .filter(|v| v.online_is_url)
            .and_then(|v| v.online.as_deref()),
    );
    let status = match m.status {
        MeetingStatus::Cancelled | MeetingStatus::Postponed => {
            let note = matter.and_then(|x| x.status_note.as_deref());
            Some(match note {
                Some(n) => format!("This meeting is {}. {n}", m.status.label().to_lowercase()),
                None => format!("This meeting is {}.", m.status.label().to_lowercase()),
            })
        }
        _ => None,
    };
    out.raw(",\n  status: ");
    out.string_or_none(status.as_deref());
    out.raw(",\n  contact: ");
    let org = &site.config.organisation;
    let fallback = Contact {
        name: None,
        position: None,
        phone: org.phone.clone(),
        email: org.email.clone(),
    };
    contact(board.doc.matter.contact.as_ref().unwrap_or(&fallback), out);
    out.raw(",\n  published: ");
    out.string_or_none(published.map(|d| d.long()).as_deref());
    out.raw(",\n))\n\n");
}

fn contact(c: &Contact, out: &mut Markup) {
    out.raw("(name: ");
    out.string_or_none(c.name.as_deref());
    out.raw(", position: ");
    out.string_or_none(c.position.as_deref());
    out.raw(", phone: ");
    out.string_or_none(c.phone.as_deref());
    out.raw(", email: ");
    out.string_or_none(c.email.as_deref());
    out.raw(")");
}

/// Reads a document's text again (papers and appendices let their bodies go after loading).
fn text_of<T>(site: &Site, doc: &Doc<T>) -> Result<Arc<str>, Box<Diagnostic>> {
    doc.full_text(&site.root).map(|t| Arc::from(t.as_ref()))
}

/// One paper: its heading (a page of its own in a pack), cover block, body and appendices.
fn paper(
    site: &Site,
    meeting: MeetingId,
    id: PaperId,
    out: &mut Markup,
    images: &mut Vec<Image>,
    in_pack: bool,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(), Box<Diagnostic>> {
    let paper = &site.papers[id];
    let matter = &paper.doc.matter;
    let text = text_of(site, &paper.doc)?;
    let file = out.file(paper.doc.path.clone(), Arc::clone(&text));
    let links = SiteLinks::new(site, paper.doc.dir(), site.permalink(&paper.path));
    out.raw("#pagebreak(weak: true)\n");
    out.from(file, 0);
    out.raw("#heading(level: 1)");
    out.content(&format!("Item {}: {}", matter.item, matter.title));
    if in_pack {
        out.raw(" <");
        out.raw(&item_label(&matter.item));
        out.raw(">");
    }
    out.raw("\n\n");
    if !in_pack {
        out.raw("#text(size: 11pt)");
        out.content(&site.meeting_title(meeting));
        out.raw("\n\n");
    }

    // The cover block, as the paper's web page shows it.
    let inline = |out: &mut Markup, images: &mut Vec<Image>, key: &str, markdown: &str| {
        let offset = paper.doc.key_range(key).map_or(0, |r| r.start);
        out.raw("[");
        body::convert(
            markdown,
            &Body {
                file,
                offset,
                numbered: false,
                base_level: 1,
                links: &links,
            },
            out,
            images,
        );
        trim_breaks(out);
        out.raw("]");
    };
    out.raw("#paper-cover((\n");
    let row = |out: &mut Markup, label: &str| {
        out.raw("  (");
        out.content(label);
        out.raw(", ");
    };
    if let Some(purpose) = &matter.purpose {
        row(out, "Purpose");
        out.content(purpose);
        out.raw("),\n");
    }
    if let Some(summary) = &matter.summary {
        row(out, "Summary");
        inline(out, images, "summary", summary);
        out.raw("),\n");
    }
    if !matter.recommendations.is_empty() {
        row(
            out,
            if matter.recommendations.len() == 1 {
                "Recommendation"
            } else {
                "Recommendations"
            },
        );
        out.raw("[#enum(numbering: \"(a)\", tight: true,\n");
        for r in &matter.recommendations {
            inline(out, images, "recommendations", r);
            out.raw(",\n");
        }
        out.raw(")]),\n");
    }
    if let Some(action) = &matter.action {
        row(out, "Action");
        out.content(action);
        out.raw("),\n");
    }
    if let Some(c) = &matter.contact
        && (c.name.is_some() || c.email.is_some() || c.phone.is_some())
    {
        row(out, "Contact officer");
        out.raw("[");
        let lines: Vec<&str> = [&c.name, &c.position, &c.phone]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                out.raw("#linebreak()");
            }
            out.text(line);
        }
        if let Some(email) = &c.email {
            if !lines.is_empty() {
                out.raw("#linebreak()");
            }
            out.raw("#link(");
            out.string(&format!("mailto:{email}"));
            out.raw(")");
            out.content(email);
        }
        out.raw("]),\n");
    }
    if !matter.wards.is_empty() {
        row(out, "Wards affected");
        out.content(&matter.wards.join(", "));
        out.raw("),\n");
    }
    if let Some(maker) = &matter.decision_maker {
        row(out, "Decision maker");
        out.content(maker);
        out.raw("),\n");
    }
    row(out, "Key decision");
    out.content(if matter.key_decision { "Yes" } else { "No" });
    out.raw("),\n");
    if let Some(urgency) = &matter.urgency {
        row(out, "Reason for urgency");
        out.content(urgency);
        out.raw("),\n");
    }
    if let Some(background) = &matter.background_papers {
        row(out, "Background papers");
        if background.is_empty() {
            out.content("None");
        } else {
            out.raw("[#list(tight: true, ");
            for b in background {
                out.content(b);
                out.raw(", ");
            }
            out.raw(")]");
        }
        out.raw("),\n");
    }
    if !paper.appendices.is_empty() {
        row(out, "Appendices");
        out.raw("[#list(tight: true, ");
        for a in &paper.appendices {
            let note = match &a.content {
                AppendixContent::Exempt(_) => format!("{} (exempt – not for publication)", a.title),
                _ => a.title.clone(),
            };
            out.content(&note);
            out.raw(", ");
        }
        out.raw(")]),\n");
    }
    out.raw("))\n\n");

    let markdown = &text[paper.doc.body_offset.min(text.len())..];
    if !too_long(
        markdown,
        &paper.doc.path,
        &site.permalink(&paper.path),
        out,
        warnings,
    ) {
        let body = Body {
            file,
            offset: paper.doc.body_offset,
            numbered: true,
            base_level: 1,
            links: &links,
        };
        body::convert(markdown, &body, out, images);
    }

    for a in &paper.appendices {
        out.raw("#heading(level: 2)");
        out.content(&a.title);
        out.raw("\n\n");
        match &a.content {
            AppendixContent::Page(doc) => {
                let text = text_of(site, doc)?;
                let file = out.file(doc.path.clone(), Arc::clone(&text));
                let links = SiteLinks::new(site, doc.dir(), site.permalink(&a.path));
                let markdown = &text[doc.body_offset.min(text.len())..];
                if !too_long(markdown, &doc.path, &site.permalink(&a.path), out, warnings) {
                    let body = Body {
                        file,
                        offset: doc.body_offset,
                        numbered: true,
                        base_level: 2,
                        links: &links,
                    };
                    body::convert(markdown, &body, out, images);
                }
            }
            AppendixContent::Exempt(e) => {
                out.raw("#withheld");
                out.content(&format!("Exempt – not for publication. {}", e.ground()));
                out.raw("\n\n");
            }
            AppendixContent::File { source, .. } if a.extension == "csv" => {
                csv_table(site, source, &a.title, &site.permalink(&a.path), out)?
            }
            AppendixContent::File { .. } => {
                out.raw("#appendix-file(title: ");
                out.content(&a.title);
                out.raw(", kind: ");
                out.string(crate::render::file_type(&a.extension));
                out.raw(", url: ");
                out.string(&site.permalink(&a.path));
                out.raw(")\n\n");
            }
        }
    }
    Ok(())
}

/// The most rows of a CSV appendix set as a table; a longer one is listed with its address, as a
/// table of thousands of rows helps no reader of a printed pack.
const CSV_ROWS_MAX: usize = 500;

/// A CSV appendix as a table, its first row the header.
fn csv_table(
    site: &Site,
    source: &Path,
    title: &str,
    url: &str,
    out: &mut Markup,
) -> Result<(), Box<Diagnostic>> {
    let bytes = std::fs::read(site.root.join(source)).map_err(|e| {
        Box::new(
            Diagnostic::error(
                "BP011",
                source,
                format!("cannot read this appendix for the PDF pack: {e}"),
            )
            .help("check the file was not moved or deleted during the build, and build again"),
        )
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes.as_slice());
    let mut rows: Vec<Vec<String>> = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => rows.push(r.iter().map(|c| c.trim().to_string()).collect()),
            Err(_) => {
                rows.clear();
                break;
            }
        }
        if rows.len() > CSV_ROWS_MAX + 1 {
            break;
        }
    }
    let columns = rows.first().map_or(0, Vec::len);
    let cells = rows.len() * columns;
    // Like a Markdown table, a CSV costs its cells to typeset (`body::CELLS_PER_TABLE`).
    let too_many = cells > body::CELLS_PER_TABLE || out.cells + cells > body::CELLS_PER_DOCUMENT;
    if columns == 0 || rows.len() > CSV_ROWS_MAX + 1 || too_many {
        out.raw("#appendix-file(title: ");
        out.content(title);
        out.raw(", kind: \"CSV spreadsheet\", url: ");
        out.string(url);
        out.raw(")\n\n");
        return Ok(());
    }
    let numeric = |col: usize| {
        rows[1..]
            .iter()
            .filter_map(|r| r.get(col))
            .filter(|c| !c.is_empty())
            .all(|c| {
                c.replace([',', '%', '£', '-', '.'], "")
                    .bytes()
                    .all(|b| b.is_ascii_digit())
            })
    };
    let align: Vec<&str> = (0..columns)
        .map(|c| {
            if rows.len() > 1 && numeric(c) {
                "right"
            } else {
                "left"
            }
        })
        .collect();
    out.cells += cells;
    // Data tables are wide: a smaller size, and header names like `journeys_2024_25` may break
    // after each underscore rather than squeeze the other columns.
    out.raw(&format!(
        "#text(size: 0.8em, table(columns: {columns}, align: ({},),\n  table.header(",
        align.join(", ")
    ));
    for cell in &rows[0] {
        out.raw("[#strong");
        out.content(&cell.replace('_', "_\u{200B}"));
        out.raw("], ");
    }
    out.raw("),\n");
    for row in &rows[1..] {
        out.raw("  ");
        for col in 0..columns {
            out.content(row.get(col).map_or("", String::as_str));
            out.raw(", ");
        }
        out.raw("\n");
    }
    out.raw("))\n\n");
    Ok(())
}

/// Drops the paragraph breaks a conversion ends with (inside a table cell or a list item).
fn trim_breaks(out: &mut Markup) {
    while out.text.ends_with('\n') {
        out.text.pop();
    }
}

/// Links of a document as the PDF has them: absolute, since a PDF is read away from the site.
struct SiteLinks<'a> {
    site: &'a Site,
    dir: PathBuf,
    /// The absolute URL of the document's own page, for its `#fragment` links.
    page_url: String,
}

impl<'a> SiteLinks<'a> {
    fn new(site: &'a Site, dir: &Path, page_url: String) -> Self {
        SiteLinks {
            site,
            dir: dir.to_path_buf(),
            page_url,
        }
    }

    /// The absolute URL of a site link (`/committees/transport-board/`).
    fn absolute(&self, href: &str) -> String {
        match href.strip_prefix(self.site.base_path.as_str()) {
            Some(rest) => self.site.permalink(rest),
            None => self.site.permalink(href.trim_start_matches('/')),
        }
    }
}

impl Links for SiteLinks<'_> {
    fn link(&self, dest: &str) -> Target {
        let dest = dest.trim();
        if dest.starts_with('#') {
            return Target::Url(format!("{}{dest}", self.page_url));
        }
        if let Some(scheme) = url_scheme(dest) {
            return match scheme.to_ascii_lowercase().as_str() {
                "http" | "https" | "mailto" | "tel" => Target::Url(dest.to_string()),
                _ => Target::None,
            };
        }
        if let Some(rest) = dest.strip_prefix("//") {
            return Target::Url(format!("https://{rest}"));
        }
        let collector = Collector::default();
        let resolve = resolver(self.site, &self.dir, &collector);
        match resolve(dest) {
            crate::content::markdown::LinkTarget::Resolved(href) => {
                Target::Url(self.absolute(&href))
            }
            crate::content::markdown::LinkTarget::Withheld(notice) => Target::Withheld(notice),
            _ => Target::None,
        }
    }

    fn page(&self) -> &str {
        &self.page_url
    }

    fn image(&self, dest: &str) -> Option<PathBuf> {
        if url_scheme(dest).is_some() || dest.starts_with("//") {
            return None;
        }
        let path = dest
            .split(['#', '?'])
            .next()
            .unwrap_or("")
            .replace("%20", " ");
        let target = match path.strip_prefix('/') {
            Some(rest) => crate::site::normalise(&Path::new("content").join(rest))?,
            None => crate::site::normalise(&self.dir.join(&path))?,
        };
        self.site.assets.contains(&target).then_some(target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_split_into_typst_lang_and_region() {
        assert_eq!(
            language("en-GB"),
            ("en".to_string(), Some("GB".to_string()))
        );
        assert_eq!(language("cy"), ("cy".to_string(), None));
        assert_eq!(language("not a language"), ("en".to_string(), None));
    }
}
