//! One import: source files in, papers (with their images and appendices) ready to write, a report out.
//!
//! Everything is converted in memory first and written only when every file converted and no file it
//! would write exists already: a clerk importing ten reports either gets ten papers or a clear error
//! and an unchanged site.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::cover::{self, Cover};
use super::doc::{Block, Document, Inline, NoteKind, Paragraph};
use super::emit;
use super::fidelity::{self, Fidelity};
use super::plausible::{self, Refusal};
use super::{ReadError, docx, limits, megabytes, numbers, text};
use crate::content::markdown::slugify;
use crate::content::model::{BoardMatter, Date, ItemNo};
use crate::diagnostics::Diagnostic;

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

/// The front matter an imported paper starts with, in the order a clerk reads it.
#[derive(Serialize)]
struct Matter {
    title: String,
    meeting: String,
    date: String,
    item: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    purpose: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    recommendations: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<String>,
    contact: ContactMatter,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    wards: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decision_maker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_decision: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    background_papers: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    appendices: Vec<AppendixMatter>,
    /// Imported papers wait for a person's check before they are published.
    status: &'static str,
    extra: Extra,
}

#[derive(Serialize)]
struct ContactMatter {
    name: String,
    position: String,
    phone: String,
    email: String,
}

#[derive(Serialize)]
struct AppendixMatter {
    title: String,
    file: String,
}

#[derive(Serialize)]
struct Extra {
    /// The file the paper was imported from, so a later reader can find the original.
    imported_from: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    report_of: Option<String>,
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

/// The board a paper joins, by slug or title.
#[derive(Debug, Clone)]
struct Board {
    slug: String,
    title: String,
}

fn find_board(root: &Path, wanted: &str) -> Result<Board, Box<Diagnostic>> {
    let content = root.join(crate::content::load::CONTENT_DIR);
    let mut boards: Vec<Board> = Vec::new();
    for entry in walkdir::WalkDir::new(&content)
        .max_depth(4)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_name() != "board.md" {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let Ok(split) = crate::content::frontmatter::split(text.trim_start_matches('\u{feff}'))
        else {
            continue;
        };
        let Ok((matter, _)) = crate::content::yaml::from_str::<BoardMatter>(split.yaml) else {
            continue;
        };
        let slug = matter
            .slug
            .clone()
            .unwrap_or_else(|| slugify(&matter.title));
        boards.push(Board {
            slug,
            title: matter.title,
        });
    }
    let wanted_slug = slugify(wanted);
    if let Some(b) = boards
        .iter()
        .find(|b| b.slug == wanted || b.slug == wanted_slug || slugify(&b.title) == wanted_slug)
    {
        return Ok(b.clone());
    }
    let mut names: Vec<&str> = boards.iter().map(|b| b.slug.as_str()).collect();
    names.sort_unstable();
    let help = if names.is_empty() {
        "make the board first: content/<board>/board.md with its title".to_string()
    } else {
        format!("give one of this site's boards: {}", names.join(", "))
    };
    Err(Box::new(
        Diagnostic::error(
            "BP093",
            "--board",
            format!("this site has no board `{wanted}`"),
        )
        .help(help),
    ))
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

/// Reads a source by its kind: Word, or text exported from it.
fn read_source(source: &Path) -> Result<(Document, Vec<String>), Box<Diagnostic>> {
    let ext = source
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let error = |message: String, help: &str| {
        Box::new(Diagnostic::error("BP090", source, message).help(help))
    };
    let kind = match ext.as_str() {
        "docx" | "docm" => Kind::Word,
        "txt" | "text" => Kind::Text,
        "md" | "markdown" => Kind::Markdown,
        "doc" => {
            return Err(error(
                "boardpack cannot read old Word documents (.doc)".into(),
                "open it in Word or LibreOffice and save it as a Word document (.docx), then import that",
            ));
        }
        "pdf" => {
            return Err(error(
                "boardpack cannot import PDF files".into(),
                "import the Word document the PDF was made from, or save the PDF's text as a .txt file and import that",
            ));
        }
        "odt" | "rtf" => {
            return Err(error(
                format!("boardpack cannot import .{ext} files"),
                "save it as a Word document (.docx) and import that",
            ));
        }
        _ => {
            return Err(error(
                "boardpack imports Word documents (.docx) and text exports (.txt, .md)".into(),
                "save the report as .docx, .txt or .md and import that",
            ));
        }
    };
    let meta = std::fs::metadata(source).map_err(|e| {
        error(
            format!("cannot read this file: {e}"),
            "check the file's name and that you may read it",
        )
    })?;
    let (limit, what, help) = if kind == Kind::Word {
        (
            limits::WORD_FILE_BYTES,
            "Word documents",
            "a report this large holds large pictures or embedded files: compress the pictures in Word (File > Compress Pictures) or split it",
        )
    } else {
        (
            limits::TEXT_FILE_BYTES,
            "text exports",
            "check that this is the report (a text report of 300 pages is 1 MB), or split it",
        )
    };
    if meta.len() > limit {
        return Err(error(
            format!(
                "this file is {}; boardpack imports {what} of up to {}",
                megabytes(meta.len()),
                megabytes(limit)
            ),
            help,
        ));
    }
    let bytes = std::fs::read(source).map_err(|e| {
        error(
            format!("cannot read this file: {e}"),
            "check the file's name and that you may read it",
        )
    })?;
    match kind {
        Kind::Word => {
            let doc = docx::read(&bytes).map_err(|e| Box::new(read_error(source, &e)))?;
            plausible::document(&doc).map_err(|r| refused(source, r))?;
            Ok((doc, Vec::new()))
        }
        Kind::Text | Kind::Markdown => {
            plausible::text_bytes(&bytes).map_err(|r| refused(source, r))?;
            let (text, note) = decode_text(&bytes);
            plausible::text(&text).map_err(|r| refused(source, r))?;
            Ok((
                text::read(&text, kind == Kind::Markdown),
                note.into_iter().collect(),
            ))
        }
    }
}

/// A source that is not a report, as the BP090 error at its file.
fn refused(source: &Path, r: Refusal) -> Box<Diagnostic> {
    Box::new(Diagnostic::error("BP090", source, r.message).help(r.help))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Text,
    Markdown,
}

/// A read error as a diagnostic, with what the clerk can do about it.
fn read_error(source: &Path, e: &ReadError) -> Diagnostic {
    let help = match e {
        ReadError::Io(_) => "check the file's name and that you may read it",
        ReadError::TooLarge { .. } => {
            "compress the pictures in Word (File > Compress Pictures), or ask the author for a smaller file"
        }
        ReadError::LegacyWord => {
            "open it in Word or LibreOffice and save it as a Word document (.docx), then import that"
        }
        ReadError::Encrypted => {
            "ask the author for a copy without a password (in Word: File > Info > Protect Document > Encrypt with Password, and clear it)"
        }
        ReadError::NotDocx(_) => {
            "check that this is the report: a .docx file opens in Word; a file renamed to .docx is not one"
        }
        ReadError::Corrupt(_) => {
            "open it in Word, which can often repair it, save it again and import the new file"
        }
    };
    Diagnostic::error("BP090", source, e.to_string()).help(help)
}

/// Text exports come as UTF-8, UTF-16 ("Unicode" in Word's dialog) or Windows-1252 (Word's default on
/// Windows): decoded so the words survive, with a note when it was not UTF-8.
fn decode_text(bytes: &[u8]) -> (String, Option<String>) {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        return (String::from_utf16_lossy(&units), None);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return (String::from_utf16_lossy(&units), None);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.trim_start_matches('\u{feff}').to_string(), None),
        Err(_) => (bytes.iter().map(|&b| windows_1252(b)).collect(), Some("the file was not UTF-8 and was read as Windows-1252 (Word's default text encoding): check quotes, dashes and £ signs".into())),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => char::from(b),
    }
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

/// Points where the report's meeting name or date disagree with the command line.
fn check_meeting(cover: &Cover, board: &Board, date: Date, points: &mut Vec<String>) {
    if let Some((text, found)) = &cover.date {
        if *found != date.0 {
            points.push(format!("the report is dated \"{text}\", but --date {} was given: check which meeting it is for", date.iso()));
        }
    }
    if let Some(meeting) = &cover.meeting {
        if cover::normalise_text(meeting) != cover::normalise_text(&board.title) {
            points.push(format!("the report names the meeting \"{meeting}\", but it is imported for {}: check the board", board.title));
        }
    }
}

/// Points where the meeting's agenda (its `meeting.md`, when it has one) disagrees with the paper: the
/// item is not on it, is a verbal item, or names another paper or title.
fn check_agenda(
    root: &Path,
    board: &Board,
    date: Date,
    item: &ItemNo,
    title: &str,
    points: &mut Vec<String>,
) {
    let file = root
        .join(crate::content::load::CONTENT_DIR)
        .join(&board.slug)
        .join(date.iso())
        .join("meeting.md");
    let Ok(text) = std::fs::read_to_string(&file) else {
        return;
    };
    let Ok(split) = crate::content::frontmatter::split(text.trim_start_matches('\u{feff}')) else {
        return;
    };
    let Ok((meeting, _)) =
        crate::content::yaml::from_str::<crate::content::model::MeetingMatter>(split.yaml)
    else {
        return;
    };
    let shown = format!(
        "{}/{}/{}/meeting.md",
        crate::content::load::CONTENT_DIR,
        board.slug,
        date.iso()
    );
    let agenda = meeting.agenda.unwrap_or_default();
    match agenda.iter().find(|a| a.item == *item) {
        None if !agenda.is_empty() => points.push(format!("item {item} is not on the agenda in {shown}: add it there")),
        None => {}
        Some(a) if a.verbal => points.push(format!("the agenda in {shown} has item {item} as a verbal item (\"{}\"): remove `verbal: true` there, or give the paper another --item", a.title)),
        Some(a) if a.paper.is_some() => points.push(format!("the agenda in {shown} links item {item} to {}: point it at this paper, or give the paper another --item", a.paper.as_deref().unwrap_or(""))),
        Some(a) if cover::normalise_text(&a.title) != cover::normalise_text(title) => {
            points.push(format!("the agenda in {shown} calls item {item} \"{}\": check it is this report", a.title));
        }
        Some(_) => {}
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

#[allow(clippy::too_many_arguments)]
fn front_matter(
    cover: &Cover,
    doc: &Document,
    board: &Board,
    date: Date,
    item: &ItemNo,
    title: &str,
    appendices: Vec<AppendixMatter>,
    source: &Path,
) -> Matter {
    let plain = |ps: &[Paragraph]| -> Option<String> {
        let t = ps
            .iter()
            .map(|p| p.text().split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join(" ");
        (!t.trim().is_empty()).then(|| t.trim().to_string())
    };
    let markdown = |ps: &[Paragraph]| -> Option<String> {
        let t = ps
            .iter()
            .map(|p| emit::inline_markdown(&p.inlines, doc))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        (!t.trim().is_empty()).then_some(t)
    };
    let c = &cover.contact;
    Matter {
        title: title.split_whitespace().collect::<Vec<_>>().join(" "),
        meeting: board.slug.clone(),
        date: date.iso(),
        item: item.to_string(),
        purpose: plain(&cover.purpose),
        summary: markdown(&cover.summary),
        recommendations: cover
            .recommendations
            .iter()
            .map(|p| emit::inline_markdown(&p.inlines, doc))
            .filter(|s| !s.is_empty())
            .collect(),
        action: plain(&cover.action),
        contact: ContactMatter {
            name: c.name.clone().unwrap_or_default(),
            position: c.position.clone().unwrap_or_default(),
            phone: c.phone.clone().unwrap_or_default(),
            email: c.email.clone().unwrap_or_default(),
        },
        wards: cover.wards.as_deref().map(split_list).unwrap_or_default(),
        decision_maker: cover.decision_maker.clone(),
        key_decision: cover.key_decision,
        background_papers: cover.background_papers.as_ref().map(|ps| {
            ps.iter()
                .map(|p| emit::inline_markdown(&p.inlines, doc))
                .filter(|s| !s.is_empty())
                .collect()
        }),
        appendices,
        status: "draft",
        extra: Extra {
            imported_from: source
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            report_of: cover.report_of.clone(),
        },
    }
}

/// "Harwick North; Harwick South" → the two wards.
fn split_list(text: &str) -> Vec<String> {
    let sep = if text.contains(';') { ';' } else { ',' };
    text.split(sep)
        .map(|w| w.trim().trim_end_matches('.').to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Words that say a report is not for the public (Schedule 12A and the usual stamps).
const CONFIDENTIAL: [&str; 6] = [
    "not for publication",
    "exempt information",
    "confidential",
    "part ii",
    "schedule 12a",
    "restricted",
];

/// Points about the cover block: what the template asks for that the report did not give.
fn cover_points(cover: &Cover, points: &mut Vec<String>) {
    if let Some(exempt) = &cover.exempt {
        points.push(format!(
            "the report's cover says \"{}\": if it is exempt, add `exempt:` with its `category` (1–7) and `reason` before removing `status: draft`, so it is never published",
            clip(exempt, 60)
        ));
    }
    if cover.labels.is_empty() {
        points.push("no cover block (Purpose, Summary, Recommendations, Contact officer) was found: fill in the front matter from the report".into());
        return;
    }
    let mut missing: Vec<&str> = Vec::new();
    if cover.purpose.is_empty() {
        missing.push("purpose");
    }
    if cover.summary.is_empty() {
        missing.push("summary");
    }
    if cover.recommendations.is_empty() {
        missing.push("recommendations");
    }
    if !missing.is_empty() {
        points.push(format!(
            "the cover block gives no {}: ask the author or fill it in",
            missing.join(", ")
        ));
    }
    let c = &cover.contact;
    let empty: Vec<&str> = [
        ("name", &c.name),
        ("position", &c.position),
        ("phone", &c.phone),
        ("email", &c.email),
    ]
    .iter()
    .filter(|(_, v)| v.as_deref().is_none_or(|s| s.trim().is_empty()))
    .map(|(k, _)| *k)
    .collect();
    if empty.len() == 4 {
        points.push("the contact officer block is empty: ask the author who to contact and fill in `contact:`".into());
    } else if !empty.is_empty() {
        points.push(format!(
            "the contact officer's {} {} empty",
            empty.join(", "),
            if empty.len() == 1 { "is" } else { "are" }
        ));
    }
    if cover.unplaced > 0 {
        points.push(format!("{} line{} before the cover block could not be placed and start the body: move or delete them", cover.unplaced, if cover.unplaced == 1 { "" } else { "s" }));
    }
    for (text, count) in &cover.running_headers {
        points.push(format!(
            "running header \"{}\" dropped {count} time{}",
            clip(text, 60),
            if *count == 1 { "" } else { "s" }
        ));
    }
}

fn found_lines(
    cover: &Cover,
    written: &emit::Written,
    appendices: usize,
    footnotes: usize,
) -> Vec<String> {
    let mut found = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    if cover.title.is_some() {
        fields.push("title".into());
    }
    if cover.item.is_some() {
        fields.push(format!("item {}", cover.item.as_deref().unwrap_or("")));
    }
    for (name, present) in [
        ("purpose", !cover.purpose.is_empty()),
        ("summary", !cover.summary.is_empty()),
        ("action", !cover.action.is_empty()),
    ] {
        if present {
            fields.push(name.into());
        }
    }
    if !cover.recommendations.is_empty() {
        let n = cover.recommendations.len();
        fields.push(format!(
            "{n} recommendation{}",
            if n == 1 { "" } else { "s" }
        ));
    }
    let c = &cover.contact;
    let contact: Vec<&str> = [
        ("name", &c.name),
        ("position", &c.position),
        ("phone", &c.phone),
        ("email", &c.email),
    ]
    .iter()
    .filter(|(_, v)| v.is_some())
    .map(|(k, _)| *k)
    .collect();
    if !contact.is_empty() {
        fields.push(format!("contact ({})", contact.join(", ")));
    }
    found.push(format!(
        "cover block: {}",
        if fields.is_empty() {
            "nothing".into()
        } else {
            fields.join(", ")
        }
    ));
    let nums = &written.paragraph_numbers;
    let range = match (nums.first(), nums.last()) {
        (Some(a), Some(b)) if nums.len() > 1 => format!(" ({a}–{b})"),
        _ => String::new(),
    };
    found.push(format!(
        "body: {} heading{}, {} numbered paragraph{}{range}, {} table{}, {} footnote{}, {} image{}{}",
        written.headings,
        plural(written.headings),
        nums.len(),
        plural(nums.len()),
        written.tables,
        plural(written.tables),
        footnotes.max(written.footnotes),
        plural(footnotes.max(written.footnotes)),
        written.images.len(),
        plural(written.images.len()),
        if appendices > 0 { format!(", {appendices} appendix file{}", plural(appendices)) } else { String::new() }
    ));
    found
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn clip(text: &str, max: usize) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() <= max {
        return t;
    }
    let cut: String = t.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

/// "Appendix A: Consultation summary" → "A".
fn appendix_key(title: &str) -> Option<String> {
    let rest = title
        .trim()
        .strip_prefix("Appendix")
        .or_else(|| title.trim().strip_prefix("APPENDIX"))
        .or_else(|| title.trim().strip_prefix("appendix"))?;
    if !rest.starts_with([' ', '\u{a0}']) {
        return None;
    }
    let key: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    (!key.is_empty() && key.len() <= 3).then_some(key)
}

/// Splits the body at its first "Appendix A" heading: the body before it, and each appendix (its
/// heading's text as title, its blocks) after.
fn split_appendices(body: &[Block]) -> (Vec<Block>, Vec<(String, Vec<Block>)>) {
    let is_appendix = |b: &Block| matches!(b, Block::Paragraph(p) if p.heading.is_some() && appendix_key(&p.text()).is_some());
    let Some(first) = body.iter().position(is_appendix).filter(|&i| i > 0) else {
        return (body.to_vec(), Vec::new());
    };
    let mut appendices: Vec<(String, Vec<Block>)> = Vec::new();
    for block in &body[first..] {
        if is_appendix(block) {
            let title = if let Block::Paragraph(p) = block {
                p.text().split_whitespace().collect::<Vec<_>>().join(" ")
            } else {
                String::new()
            };
            appendices.push((title, Vec::new()));
        } else if let Some((_, blocks)) = appendices.last_mut() {
            blocks.push(block.clone());
        }
    }
    (body[..first].to_vec(), appendices)
}

/// Writes every file of every import, refusing first if any exists; on a failed write, removes what
/// it wrote, so the site is as it was.
pub fn write_all(imported: &[Imported]) -> Result<(), Box<Diagnostic>> {
    write_files(imported).map(|_| ())
}

/// Writes every import, then runs `check` on the files it wrote. An import succeeds only whole: when
/// the check finds an error in a new file (a paper whose item another paper of the meeting has, a
/// picture the PDF packs cannot read), every file written is taken back, and the errors come with a
/// BP090 at each source they came from, saying that nothing was imported.
///
/// `Ok` holds the check's warnings on the new files, for the report.
pub fn write_checked(
    root: &Path,
    imported: &[Imported],
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let made = write_files(imported).map_err(|d| vec![*d])?;
    let diags = check_written(root, imported);
    if !diags.iter().any(Diagnostic::is_error) {
        return Ok(diags);
    }
    made.undo();
    let mut out = diags;
    for i in imported {
        let errors = out
            .iter()
            .filter(|d| d.is_error() && i.files.iter().any(|(p, _)| same_file(root, p, &d.file)))
            .count();
        if errors > 0 {
            out.push(
                Diagnostic::error(
                    "BP090",
                    &i.source,
                    format!(
                        "`boardpack check` found {errors} error{} in the paper made from this report (above), so nothing was imported",
                        plural(errors)
                    ),
                )
                .help("fix what the errors say (often: give another --item), or see the paper with --dry-run; the site is as it was"),
            );
        }
    }
    Err(out)
}

/// Whether `written` (a path an import wrote, under `root`) is the file a diagnostic names.
fn same_file(root: &Path, written: &Path, named: &Path) -> bool {
    let rel = written.strip_prefix(root).unwrap_or(written);
    named == written || named == rel || named.ends_with(rel)
}

/// Writes every file, refusing first if any exists; on a failed write, removes what it wrote. The
/// [`Made`] it returns can take everything back.
fn write_files(imported: &[Imported]) -> Result<Made, Box<Diagnostic>> {
    for i in imported {
        for (path, _) in &i.files {
            if path.exists() {
                return Err(Box::new(
                    Diagnostic::error("BP051", path, "this file already exists; nothing was imported")
                        .help("give another --item, or move the existing paper aside first: import never overwrites"),
                ));
            }
        }
    }
    let mut made = Made::default();
    for (path, bytes) in imported.iter().flat_map(|i| i.files.iter()) {
        if let Err(e) = made.write(path, bytes) {
            made.undo();
            return Err(Box::new(
                Diagnostic::error(
                    "BP050",
                    path,
                    format!("cannot write this file: {e}; nothing was imported"),
                )
                .help(
                    "check that there is space on the disk and that you may write to this folder",
                ),
            ));
        }
    }
    Ok(made)
}

/// What an import has made so far, so a failure can take exactly that away (and nothing it did not make).
#[derive(Default)]
struct Made {
    files: Vec<PathBuf>,
    folders: Vec<PathBuf>,
}

impl Made {
    fn write(&mut self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        if let Some(parent) = path.parent() {
            let mut missing: Vec<&Path> = parent
                .ancestors()
                .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
                .collect();
            missing.reverse();
            for folder in missing {
                std::fs::create_dir(folder)?;
                self.folders.push(folder.to_path_buf());
            }
        }
        // `create_new`: a file that appeared since the check is someone's, and is left alone.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)?;
        self.files.push(path.to_path_buf());
        std::io::Write::write_all(&mut file, bytes)?;
        file.sync_all()
    }

    fn undo(&self) {
        for file in &self.files {
            let _ = std::fs::remove_file(file);
        }
        for folder in self.folders.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
    }
}

/// `boardpack check`'s findings in the files an import wrote (drafts included, as imported papers are).
pub fn check_written(root: &Path, imported: &[Imported]) -> Vec<Diagnostic> {
    let mut options = crate::Options::new(root);
    options.drafts = true;
    let written: Vec<PathBuf> = imported
        .iter()
        .flat_map(|i| {
            i.files
                .iter()
                .map(|(p, _)| p.strip_prefix(root).unwrap_or(p).to_path_buf())
        })
        .collect();
    let checked = crate::check(&options);
    checked
        .diagnostics
        .into_sorted()
        .into_iter()
        .filter(|d| written.iter().any(|w| d.file == *w || d.file.ends_with(w)))
        .collect()
}

/// The import report for one file: what was found and what a person must check.
pub fn report_text(i: &Imported, root: &Path) -> String {
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    let mut out = String::new();
    let _ = writeln!(out, "{} → {}", i.source.display(), shown(&i.paper));
    for line in &i.found {
        let _ = writeln!(out, "  {line}");
    }
    for (path, _) in i.files.iter().skip(1) {
        let _ = writeln!(out, "  also writes {}", shown(path));
    }
    if i.fidelity.is_complete() {
        let _ = writeln!(
            out,
            "  every sentence of the source is in the paper ({} sentences, {} words)",
            i.fidelity.sentences, i.fidelity.words
        );
    } else {
        let _ = writeln!(
            out,
            "  {} of {} sentences of the source are not in the paper (listed below)",
            i.fidelity.missing.len(),
            i.fidelity.sentences
        );
    }
    if !i.points.is_empty() {
        let _ = writeln!(out, "  to check:");
        for p in &i.points {
            let _ = writeln!(out, "  - {p}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_exports_in_word_encodings_keep_their_characters() {
        assert_eq!(
            decode_text("Children’s £7".as_bytes()),
            ("Children’s £7".to_string(), None)
        );
        let (text, note) = decode_text(b"Children\x92s \xa37 \x96 \x93quoted\x94");
        assert_eq!(text, "Children’s £7 – “quoted”");
        assert!(note.is_some_and(|n| n.contains("Windows-1252")));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Purpose £".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_text(&utf16).0, "Purpose £");
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Summary".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode_text(&utf16be).0, "Summary");
        assert_eq!(decode_text("\u{feff}Title".as_bytes()).0, "Title");
    }

    #[test]
    fn appendices_split_at_their_headings() {
        let heading = |t: &str| {
            Block::Paragraph(Paragraph {
                heading: Some(1),
                ..Paragraph::plain(t)
            })
        };
        let para = |t: &str| Block::Paragraph(Paragraph::plain(t));
        let body = vec![
            heading("Background"),
            para("1. Text."),
            heading("Appendix A: Survey"),
            para("Results."),
            heading("APPENDIX B – Plan"),
            para("Steps."),
        ];
        let (main, appendices) = split_appendices(&body);
        assert_eq!(main.len(), 2);
        assert_eq!(
            appendices
                .iter()
                .map(|(t, b)| (t.as_str(), b.len()))
                .collect::<Vec<_>>(),
            [("Appendix A: Survey", 1), ("APPENDIX B – Plan", 1)]
        );
        assert_eq!(appendix_key("Appendix 2: Costs").as_deref(), Some("2"));
        assert_eq!(appendix_key("Appendices"), None);
        // A report that starts with an appendix heading has nothing to split from.
        assert!(split_appendices(&body[2..]).1.is_empty());
    }

    #[test]
    fn long_titles_make_short_file_names() {
        let slug = short_slug(
            "Children’s social care placements: sufficiency, costs and the case for a regional approach to commissioning in 2027",
        );
        assert!(slug.len() <= 60 && !slug.ends_with('-'), "{slug}");
        assert_eq!(short_slug("Bus review"), "bus-review");
    }
}
