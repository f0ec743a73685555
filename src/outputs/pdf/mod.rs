//! The PDF packs: for every meeting with published papers, the agenda reports pack
//! (`<meeting>/agenda-pack.pdf`: cover, agenda with each item's page, every paper in item order),
//! a supplementary pack for each later publication date (`agenda-supplement-N.pdf`), and each
//! paper on its own (`<paper>/<slug>.pdf`). The meeting and paper pages link them with their size
//! and page count.
//!
//! Typst, as a library, typesets them from the content model (`document` writes the source,
//! `body` the Markdown, `markup` escapes text and maps errors back to the papers), with the theme's
//! `pdf/pack.typ` and fonts, into tagged PDF/UA-1 (`engine`). Only the linked site is read, from
//! which everything withheld is already gone: an exempt item is its agenda stub, never its paper.
//! Packs whose sources did not change come from the cache (`cache`).

mod body;
pub mod cache;
mod document;
pub mod engine;
mod markup;
mod workers;

use crate::diagnostics::Diagnostic;
use crate::render::theme::Theme;
use crate::render::{Download, MeetingFiles, MeetingOutput};
use crate::site::{MeetingId, Site};
use document::Part;
use engine::{Fonts, Place, Problem};
use markup::Markup;

/// The output's name, by which `--no-pdf` leaves it out.
pub const NAME: &str = "pdf";

/// Changes whenever the PDFs boardpack makes from the same source may change: part of every cache key.
const ENGINE_VERSION: &str = concat!(
    "boardpack ",
    env!("CARGO_PKG_VERSION"),
    " ",
    env!("BOARDPACK_BUILD_ID"),
    " typst 0.15.1 pdf/1"
);

/// The PDF packs.
pub struct PdfPacks;

impl MeetingOutput for PdfPacks {
    fn name(&self) -> &'static str {
        NAME
    }

    fn meeting_files(
        &self,
        site: &Site,
        theme: &Theme,
        meeting: MeetingId,
        files: &mut MeetingFiles,
    ) {
        let m = &site.meetings[meeting];
        if m.papers.is_empty() {
            return;
        }
        let fonts = Fonts::of(&theme.pdf);
        for (path, reason) in &fonts.unreadable {
            files.diagnostics.push(
                Diagnostic::error(
                    "BP100",
                    path,
                    format!("cannot read this font for the PDF packs: {reason}"),
                )
                .help("check the font file in the theme's pdf/fonts/ folder"),
            );
        }
        let mut jobs: Vec<Job> = Vec::new();
        for (part, papers) in document::parts(site, meeting) {
            let (path, label) = match &part {
                Part::Pack => (
                    format!("{}agenda-pack.pdf", m.path),
                    "Agenda reports pack".to_string(),
                ),
                Part::Supplement { n, date } => (
                    format!("{}agenda-supplement-{n}.pdf", m.path),
                    format!("Supplementary agenda {n} ({})", date.medium()),
                ),
                Part::Paper(_) => continue,
            };
            jobs.push(Job {
                part,
                papers,
                path,
                linked_from: m.path.clone(),
                label,
            });
        }
        // A paper's own PDF is the same typesetting as its part of the pack: `check` (which keeps
        // nothing) makes only the packs, which hold every published paper.
        let papers: &[crate::site::PaperId] = if files.checking { &[] } else { &m.papers };
        for &p in papers {
            let paper = &site.papers[p];
            let label = format!("Item {} as a PDF", paper.doc.matter.item);
            jobs.push(Job {
                part: Part::Paper(p),
                papers: vec![p],
                path: format!("{}{}.pdf", paper.path, paper.slug),
                linked_from: paper.path.clone(),
                label,
            });
        }
        let cache = files.cache.as_deref();
        let made = workers::each(jobs, |job| make(site, theme, &fonts, meeting, job, cache));
        for result in made {
            match result {
                Ok((download, warnings)) => {
                    files.downloads.push(download);
                    files.diagnostics.extend(warnings);
                }
                Err(errors) => files.diagnostics.extend(errors),
            }
        }
    }
}

/// One PDF to make.
struct Job {
    part: Part,
    papers: Vec<crate::site::PaperId>,
    path: String,
    linked_from: String,
    label: String,
}

/// Makes one PDF: gives it with the warnings met, or the errors that stopped it.
fn make(
    site: &Site,
    theme: &Theme,
    fonts: &Fonts,
    meeting: MeetingId,
    job: Job,
    cache: Option<&std::path::Path>,
) -> Result<(Download, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut source =
        document::write(site, meeting, &job.part, &job.papers).map_err(|d| vec![*d])?;
    let mut diagnostics = std::mem::take(&mut source.warnings);
    diagnostics.extend(uncovered_characters(&mut source.markup, fonts, &job.path));
    let assets = body::read_images(&site.root, &source.images).map_err(|(file, e)| {
        vec![
            Diagnostic::error(
                "BP011",
                file,
                format!("cannot read this image for the PDF pack: {e}"),
            )
            .help("check the file was not moved or deleted during the build, and build again"),
        ]
    })?;
    let template = &theme.pdf.template;
    let date = (
        i32::from(source.date.0.year()),
        source.date.0.month() as u8,
        source.date.0.day() as u8,
    );
    let mut parts: Vec<&[u8]> = vec![
        ENGINE_VERSION.as_bytes(),
        template.text.as_bytes(),
        source.markup.text.as_bytes(),
        job.path.as_bytes(),
    ];
    let font_key = fonts.fingerprint.to_le_bytes();
    parts.push(&font_key);
    for asset in &assets {
        parts.push(asset.path.as_bytes());
        parts.push(&asset.bytes);
    }
    let key = cache::key(&parts);
    let cached = match cache.map(|dir| cache::get(dir, key)) {
        Some(cache::Found::Hit(typeset)) => Some(typeset),
        Some(cache::Found::Damaged(file)) => {
            diagnostics.push(Diagnostic::warning("BP101", file, "this entry of the PDF cache is damaged; the PDF was typeset again").help("nothing is needed: the entry is replaced; delete the cache folder if this keeps happening"));
            None
        }
        _ => None,
    };
    let typeset = match cached {
        Some(typeset) => typeset,
        None => {
            let typeset = engine::typeset(
                fonts,
                &source.markup.text,
                &template.text,
                &assets,
                date,
                &job.path,
            )
            .map_err(|problems| report(&problems, &source.markup, theme, &job.path))?;
            if let Some(dir) = cache {
                cache::put(dir, key, &typeset);
            }
            typeset
        }
    };
    // Warnings (a character the fonts lack, a damaged cache entry) do not stop the PDF.
    let download = Download {
        path: job.path,
        linked_from: job.linked_from,
        label: job.label,
        format: "PDF",
        pages: Some(typeset.pages),
        bytes: typeset.pdf,
    };
    Ok((download, diagnostics))
}

/// Characters no font of the theme has: Typst would draw nothing for them, which PDF/UA forbids.
/// Each becomes `?` in the PDF, with a warning at its place in the paper.
fn uncovered_characters(markup: &mut Markup, fonts: &Fonts, pdf: &str) -> Vec<Diagnostic> {
    let mut found: Vec<(usize, char)> = markup
        .text
        .char_indices()
        .filter(|&(_, c)| {
            !c.is_ascii() && !c.is_whitespace() && !is_invisible(c) && !fonts.covers(c)
        })
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    let mut diagnostics = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for &(at, c) in &found {
        if !seen.insert(c) {
            continue;
        }
        let message = format!(
            "the PDF fonts have no `{c}` (U+{:04X}): the PDFs show `?` in its place",
            c as u32
        );
        let mut d = match markup.origin(at) {
            Some((file, offset)) => {
                let from = offset.min(file.text.len());
                let near = file
                    .text
                    .get(from..)
                    .and_then(|rest| rest.find(c))
                    .map(|i| from + i);
                let d = Diagnostic::warning("BP102", &file.path, message);
                match near {
                    Some(i) => d.at(&file.text, i..i + c.len_utf8()),
                    None => d,
                }
            }
            None => Diagnostic::warning("BP102", pdf, message),
        };
        d = d.help(format!("use another character, or add a font that has it to the theme's pdf/fonts/ (the fonts now: {})", fonts.families().join(", ")));
        diagnostics.push(d);
    }
    found.reverse();
    for (at, c) in found {
        markup.text.replace_range(at..at + c.len_utf8(), "?");
    }
    diagnostics
}

/// Characters that draw nothing (zero-width spaces and joiners, the soft hyphen, the byte order
/// mark): a font need not have them.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Typst's problems as diagnostics at the paper, or the theme template, they come from.
fn report(problems: &[Problem], markup: &Markup, theme: &Theme, pdf: &str) -> Vec<Diagnostic> {
    let template = &theme.pdf.template;
    problems
        .iter()
        .map(|p| {
            // The same problem stops every PDF that holds the paper (or every PDF, for the
            // template): the message names none of them, so it is reported once.
            let mut message = format!("cannot typeset the PDF: {}", p.message);
            for hint in &p.hints {
                message.push_str(&format!(" ({hint})"));
            }
            let d = match &p.place {
                Place::Template(range) => Diagnostic::error("BP100", &template.file, message).at(&template.text, range.clone()).help("fix the theme's pdf/pack.typ here (Typst: https://typst.app/docs/)"),
                Place::Main(range) => match markup.origin(range.start) {
                    Some((file, offset)) => Diagnostic::error("BP100", &file.path, message)
                        .at(&file.text, offset..(offset + 1).min(file.text.len()))
                        .help(if p.message.contains("image") {
                            "the PDF pack is made from this part of the file: check the image here is a PNG, JPEG, GIF, SVG or WebP file that opens"
                        } else {
                            "the PDF pack is made from this part of the file: change it here, or report the problem to boardpack with this file"
                        }),
                    None => Diagnostic::error("BP100", &template.file, format!("{message} (in {pdf})")).help("the theme's pdf/pack.typ does not fit what boardpack writes: compare it with the default theme's"),
                },
                Place::Unknown => Diagnostic::error("BP100", &template.file, message).help("check the theme's pdf/pack.typ and fonts"),
            };
            if p.error { d } else { d.help("Typst warns of this; a PDF is published only when it gives no warning") }
        })
        .collect()
}
