//! One import: source files in, papers (with their images and appendices) ready to write, a report out.
//!
//! Everything is converted in memory first and written only when every file converted and no file it
//! would write exists already: a clerk importing ten reports either gets ten papers or a clear error
//! and an unchanged site.
//!
//! This module holds the walk from one source to one [`Imported`]; the steps it takes that stand on
//! their own live beside it:
//! - `source`: reading a file by its kind (Word, text, Markdown) and refusing what is not a report;
//! - `board`: the board a paper joins, and what the meeting's own records say about it;
//! - `matter`: the front matter the paper starts with;
//! - `appendices`: splitting "Appendix A" sections into files of their own;
//! - `report`: what the import report says was found and what a person must check;
//! - `write`: writing every file or none, and taking them back when `check` fails.

mod appendices;
mod board;
mod matter;
mod report;
mod source;
mod write;

use std::path::{Path, PathBuf};

use super::cover::{self, Cover};
use super::doc::{Block, Document, Inline, NoteKind, Paragraph};
use super::emit;
use super::fidelity::{self, Fidelity};
use super::{numbers, plausible};
use crate::content::markdown::slugify;
use crate::content::model::{Date, ItemNo};
use crate::diagnostics::Diagnostic;
use appendices::{appendix_key, split_appendices};
use board::{Board, check_agenda, check_meeting, find_board};
use matter::{AppendixMatter, front_matter};
use report::{CONFIDENTIAL, clip, cover_points, found_lines};
use source::{read_source, refused};

pub use report::report_text;
pub use write::{check_written, write_all, write_checked};

/// What to import and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site's folder.
    pub root: PathBuf,
    /// The board's slug (or title).
    pub board: String,
    /// The meeting date.
    pub date: Date,
    /// The agenda item; when `None`, the report's own "Item N" line gives it.
    pub item: Option<String>,
    /// Appendices at the end of a report become appendix files of their own.
    pub split_appendices: bool,
}

/// One source file, converted.
#[derive(Debug, Clone)]
pub struct Imported {
    pub source: PathBuf,
    /// The paper's file, under the site root.
    pub paper: PathBuf,
    /// Every file to write (the paper first), with its bytes.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// What was found, for the report.
    pub found: Vec<String>,
    /// What a person must check.
    pub points: Vec<String>,
    pub fidelity: Fidelity,
    /// Paragraph numbers the paper will show, in order.
    pub paragraph_numbers: Vec<String>,
}

/// Converts every file; nothing is written. Errors name the file and say how to fix it.
pub fn import(sources: &[PathBuf], options: &Options) -> Result<Vec<Imported>, Vec<Diagnostic>> {
    if let Err(d) = crate::new::require_site(&options.root) {
        return Err(vec![*d]);
    }
    let board = find_board(&options.root, &options.board).map_err(|d| vec![*d])?;
    let mut imported = Vec::new();
    let mut errors = Vec::new();
    for source in sources {
        match import_one(source, options, &board) {
            Ok(i) => imported.push(i),
            Err(d) => errors.push(*d),
        }
    }
    // Two sources placed at one file would overwrite each other.
    for (i, a) in imported.iter().enumerate() {
        if let Some(b) = imported[..i].iter().find(|b| b.paper == a.paper) {
            errors.push(
                Diagnostic::error(
                    "BP051",
                    &a.source,
                    format!(
                        "this report would be written to {}, as {} is",
                        a.paper.display(),
                        b.source.display()
                    ),
                )
                .help("import them with different --item numbers, one at a time"),
            );
        }
    }
    if errors.is_empty() {
        Ok(imported)
    } else {
        Err(errors)
    }
}

fn import_one(
    source: &Path,
    options: &Options,
    board: &Board,
) -> Result<Imported, Box<Diagnostic>> {
    let (mut doc, read_points) = read_source(source)?;
    numbers::find_typed(&mut doc);
    let hints = cover::Hints {
        board_title: Some(board.title.clone()),
    };
    let cover = cover::extract(&doc, &hints);

    let mut points: Vec<String> = read_points;
    let item = choose_item(source, options, &cover, &mut points)?;
    let title = match cover.title.clone().filter(|t| !t.trim().is_empty()) {
        Some(t) => t,
        None => {
            points.push("no title was found: the file's name is used; correct `title:`".into());
            source.file_stem().map_or_else(
                || "Imported report".to_string(),
                |s| s.to_string_lossy().replace(['-', '_'], " "),
            )
        }
    };
    check_meeting(&cover, board, options.date, &mut points);
    check_agenda(
        &options.root,
        board,
        options.date,
        &item,
        &title,
        &mut points,
    );

    let paper = crate::new::paper_path(
        &options.root,
        &board.slug,
        options.date,
        &item,
        &short_slug(&title),
    );
    let stem = paper
        .file_stem()
        .map_or_else(|| "paper".to_string(), |s| s.to_string_lossy().into_owned());
    let dir = paper
        .parent()
        .map_or_else(|| options.root.clone(), Path::to_path_buf);
    let image_folder = format!("{stem}-images");

    let (body, appendices) = if options.split_appendices {
        split_appendices(&cover.body)
    } else {
        (cover.body.clone(), Vec::new())
    };
    let settings = emit::Settings {
        image_folder: image_folder.clone(),
    };
    let mut written = emit::write(&body, &doc, &settings);
    let mut used_footnotes: Vec<usize> = written.footnote_indexes.clone();
    let mut used_images: Vec<usize> = written.images.clone();
    for (_, blocks) in &appendices {
        let w = emit::write(blocks, &doc, &settings);
        used_footnotes.extend(w.footnote_indexes);
        used_images.extend(w.images);
    }
    for p in cover.summary.iter().chain(&cover.recommendations) {
        used_footnotes.extend(p.inlines.iter().filter_map(|i| {
            if let Inline::FootnoteRef(f) = i {
                Some(*f)
            } else {
                None
            }
        }));
    }
    // Pictures and footnotes of lines the cover block took as plain text (a logo by the title, a
    // footnote on the purpose) would be lost: they go at the end of the body, and the report says so.
    let mut leftovers: Vec<Block> = Vec::new();
    for (i, image) in doc
        .images
        .iter()
        .enumerate()
        .filter(|(i, _)| !used_images.contains(i))
    {
        leftovers.push(Block::Paragraph(Paragraph {
            inlines: vec![Inline::Image(i)],
            ..Paragraph::default()
        }));
        points.push(format!("image {} was in the cover block and is placed at the end of the body: move it, or delete it if it is a logo", image.name));
    }
    for (i, note) in doc
        .footnotes
        .iter()
        .enumerate()
        .filter(|(i, _)| !used_footnotes.contains(i))
    {
        leftovers.extend(note.blocks.iter().cloned());
        points.push(format!("footnote {} belonged to the cover block and is placed at the end of the body as a paragraph: move it", i + 1));
    }
    if !leftovers.is_empty() {
        let mut blocks = body.clone();
        blocks.extend(leftovers);
        written = emit::write(&blocks, &doc, &settings);
    }
    points.extend(written.points.iter().cloned());

    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut appendix_matter = Vec::new();
    let mut appendix_texts = Vec::new();
    let mut images_used = written.images.clone();
    let mut numbers_as_text = written.numbers_as_text.clone();
    for (i, (title, blocks)) in appendices.iter().enumerate() {
        let letter = appendix_key(title).unwrap_or_else(|| (i + 1).to_string());
        let file = format!("appendices/{stem}-appendix-{}.md", slugify(&letter));
        let w = emit::write(
            blocks,
            &doc,
            &emit::Settings {
                image_folder: format!("../{image_folder}"),
            },
        );
        images_used.extend(w.images.iter().copied());
        numbers_as_text.extend(w.numbers_as_text.iter().cloned());
        points.extend(w.points.iter().cloned());
        let text = format!(
            "---\n{}---\n\n{}",
            crate::content::yaml::to_string(&serde_json::json!({ "title": title }))
                .unwrap_or_default(),
            w.markdown
        );
        appendix_texts.push((dir.join(&file), text));
        appendix_matter.push(AppendixMatter {
            title: title.clone(),
            file,
        });
    }

    let matter = front_matter(
        &cover,
        &doc,
        board,
        options.date,
        &item,
        &title,
        appendix_matter,
        source,
    );
    let yaml = crate::content::yaml::to_string(&matter).map_err(|e| {
        Box::new(Diagnostic::error(
            "BP090",
            source,
            format!("the front matter could not be written: {e}"),
        ))
    })?;
    let paper_text = format!("---\n{yaml}---\n\n{}", written.markdown);

    let mut texts: Vec<&str> = vec![&paper_text];
    texts.extend(appendix_texts.iter().map(|(_, t)| t.as_str()));
    let fidelity = fidelity::compare(&doc, &cover.dropped, &texts);
    for missing in &fidelity.missing {
        points.push(format!(
            "this sentence of the source is not in the paper; add it by hand: \"{}\"",
            clip(missing, 120)
        ));
    }

    files.push((paper.clone(), paper_text.into_bytes()));
    files.extend(appendix_texts.into_iter().map(|(p, t)| (p, t.into_bytes())));
    images_used.sort_unstable();
    images_used.dedup();
    for index in images_used {
        if let Some(image) = doc.images.get(index) {
            // A picture the packs cannot read would fail `check` once the paper is written: refused
            // now, while nothing is.
            plausible::image(&image.name, &image.bytes).map_err(|r| refused(source, r))?;
            files.push((
                dir.join(&image_folder).join(&image.name),
                image.bytes.clone(),
            ));
        }
    }

    points.extend(
        doc.notes
            .iter()
            .filter(|n| n.kind != NoteKind::MissingAltText)
            .map(|n| n.message.clone()),
    );
    let missing_alt: Vec<&str> = doc
        .images
        .iter()
        .filter(|i| i.alt.trim().is_empty())
        .map(|i| i.name.as_str())
        .collect();
    for name in &missing_alt {
        points.push(format!("image {name} has no text alternative: write what it shows between the brackets of ![…]({image_folder}/{name})"));
    }
    if !numbers_as_text.is_empty() {
        points.push(format!(
            "{} number{} kept as text because boardpack numbers two levels of paragraphs ({}): check they read as the author meant",
            numbers_as_text.len(),
            if numbers_as_text.len() == 1 { " is" } else { "s are" },
            clip(&numbers_as_text.join(", "), 80)
        ));
    }
    cover_points(&cover, &mut points);
    if cover.exempt.is_none() {
        let head = Document::plain_text(&doc.blocks[..doc.blocks.len().min(40)]).to_lowercase();
        if let Some(word) = CONFIDENTIAL.iter().find(|w| head.contains(*w)) {
            points.push(format!("the report's first page mentions \"{word}\": if it is exempt, add `exempt:` with its `category` and `reason` before removing `status: draft`, so it is never published"));
        }
    }
    if let Some(title) = cover::second_report(&cover.body) {
        points.push(format!("this file seems to hold more than one report (another cover block starts at \"{}\"): save each report as a file of its own and import them one by one", clip(&title, 60)));
    }
    points.push("the paper is written as `status: draft`: read it against the original, then remove that line to publish it".into());

    let found = found_lines(&cover, &written, appendices.len(), doc.footnotes.len());
    Ok(Imported {
        source: source.to_path_buf(),
        paper,
        files,
        found,
        points,
        fidelity,
        paragraph_numbers: written.paragraph_numbers,
    })
}

/// The item number: the command line's, else the report's own "Item N".
fn choose_item(
    source: &Path,
    options: &Options,
    cover: &Cover,
    points: &mut Vec<String>,
) -> Result<ItemNo, Box<Diagnostic>> {
    let parse = |s: &str, from: &str| -> Result<ItemNo, Box<Diagnostic>> {
        s.parse().map_err(|e: String| {
            Box::new(
                Diagnostic::error("BP005", from, e)
                    .help("give the agenda item number, e.g. --item 4"),
            )
        })
    };
    match (&options.item, &cover.item) {
        (Some(given), found) => {
            let item = parse(given, "--item")?;
            if let Some(found) = found
                .as_deref()
                .and_then(|f| f.parse::<ItemNo>().ok())
                .filter(|f| *f != item)
            {
                points.push(format!("the report says it is item {found}, but --item {item} was given: the paper is item {item}"));
            }
            Ok(item)
        }
        (None, Some(found)) => parse(found, &source.display().to_string()),
        (None, None) => Err(Box::new(
            Diagnostic::error(
                "BP092",
                source,
                "this report does not say which agenda item it is",
            )
            .help("give it with --item N, e.g. --item 4"),
        )),
    }
}

/// A slug short enough for a file name: titles from Word can run to a sentence.
fn short_slug(title: &str) -> String {
    let slug = slugify(title);
    if slug.len() <= 60 {
        return slug;
    }
    let cut = slug[..60].rfind('-').unwrap_or(60);
    slug[..cut].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_make_short_file_names() {
        let slug = short_slug(
            "Children’s social care placements: sufficiency, costs and the case for a regional approach to commissioning in 2027",
        );
        assert!(slug.len() <= 60 && !slug.ends_with('-'), "{slug}");
        assert_eq!(short_slug("Bus review"), "bus-review");
    }
}
