//! The accessibility lint for authors: what in a paper's Markdown makes it hard to read with a screen
//! reader, a magnifier or a keyboard, found while the Markdown is rendered (one parse for both).
//!
//! Each finding becomes a warning with its own code (BP06x) pointing at the exact Markdown.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

/// What is wrong, in words a clerk understands, with how to fix it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LintKind {
    ImageWithoutAlt,
    VagueLinkText,
    SkippedHeadingLevel,
    FakeHeading,
    TableWithoutHeader,
    TableWithoutCaption,
    AllCaps,
    EmptyHeading,
    DocumentLinkWithoutTypeAndSize,
}

impl LintKind {
    pub fn code(self) -> &'static str {
        match self {
            LintKind::ImageWithoutAlt => "BP060",
            LintKind::VagueLinkText => "BP061",
            LintKind::SkippedHeadingLevel => "BP062",
            LintKind::FakeHeading => "BP063",
            LintKind::TableWithoutHeader => "BP064",
            LintKind::TableWithoutCaption => "BP065",
            LintKind::AllCaps => "BP066",
            LintKind::EmptyHeading => "BP067",
            LintKind::DocumentLinkWithoutTypeAndSize => "BP069",
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            LintKind::ImageWithoutAlt => {
                "describe what the image shows in the brackets: ![Map of the proposed bus routes](map.png); for a purely decorative image, say so in the surrounding text"
            }
            LintKind::VagueLinkText => {
                "make the link text say where it goes, e.g. [the June budget report](../2026-06-16/05-budget.md), not \"click here\" or a bare address"
            }
            LintKind::SkippedHeadingLevel => {
                "use the next heading level down (## for sections, ### inside them): screen reader users move by heading level"
            }
            LintKind::FakeHeading => {
                "make it a real heading with ## (or ###) instead of bold text, so it appears in the page outline"
            }
            LintKind::TableWithoutHeader => "put column headings in the first row of the table",
            LintKind::TableWithoutCaption => {
                "add a line `Table: what the table shows` just before (or after) the table"
            }
            LintKind::AllCaps => {
                "write it in sentence case: capitals are harder to read and some screen readers spell them out letter by letter"
            }
            LintKind::EmptyHeading => "write the heading text, or remove the empty heading",
            LintKind::DocumentLinkWithoutTypeAndSize => {
                "say the file's type and size in the link text, e.g. [Budget detail (PDF, 240 KB)](budget.pdf), or list it as an appendix so the page shows them"
            }
        }
    }
}

/// One finding, at a byte range of the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    pub kind: LintKind,
    pub message: String,
    pub range: Range<usize>,
}

const VAGUE: &[&str] = &[
    "click here",
    "here",
    "click",
    "this",
    "this link",
    "link",
    "read more",
    "more",
    "more info",
    "more information",
    "this page",
    "go",
];
const DOCUMENT_EXTENSIONS: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "csv", "ppt", "pptx", "odt", "ods", "odp", "rtf", "zip",
];

/// Lints parsed Markdown; `top_heading` is the level the page's own `h1` leaves room for (body headings
/// should start at `top_heading + 1`).
pub fn lint(events: &[(Event<'_>, Range<usize>)], markdown: &str) -> Vec<Lint> {
    let mut lints = Vec::new();
    let mut previous_level = 1u8;
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = *level as u8;
                let end = crate::content::markdown::find_end(events, i);
                let text = text_of(&events[i + 1..end]);
                if text.trim().is_empty() {
                    lints.push(Lint {
                        kind: LintKind::EmptyHeading,
                        message: "this heading is empty".into(),
                        range: range.clone(),
                    });
                }
                if level == 1 {
                    lints.push(Lint {
                        kind: LintKind::SkippedHeadingLevel,
                        message: "a level-1 heading in the body: the page's title is already its only level-1 heading".into(),
                        range: range.clone(),
                    });
                } else if level > previous_level + 1 {
                    lints.push(Lint {
                        kind: LintKind::SkippedHeadingLevel,
                        message: format!(
                            "this heading jumps from level {previous_level} to level {level}"
                        ),
                        range: range.clone(),
                    });
                }
                previous_level = level;
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let end = crate::content::markdown::find_end(events, i);
                let alt = text_of(&events[i + 1..end]);
                let alt_trim = alt.trim().to_lowercase();
                let file_name = dest_url.rsplit('/').next().unwrap_or("").to_lowercase();
                let meaningless = alt_trim.is_empty()
                    || [
                        "image", "picture", "photo", "graphic", "img", "chart", "diagram", "figure",
                    ]
                    .contains(&alt_trim.as_str())
                    || alt_trim == file_name
                    || looks_like_file_name(&alt_trim);
                if meaningless {
                    let message = if alt_trim.is_empty() {
                        "this image has no text alternative".to_string()
                    } else {
                        format!(
                            "the text alternative \"{}\" does not say what the image shows",
                            alt.trim()
                        )
                    };
                    lints.push(Lint {
                        kind: LintKind::ImageWithoutAlt,
                        message,
                        range: range.clone(),
                    });
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let end = crate::content::markdown::find_end(events, i);
                let text = text_of(&events[i + 1..end]);
                let plain = text.trim().trim_end_matches(['.', ':']).to_lowercase();
                if VAGUE.contains(&plain.as_str()) {
                    lints.push(Lint {
                        kind: LintKind::VagueLinkText,
                        message: format!(
                            "the link text \"{}\" does not say where the link goes",
                            text.trim()
                        ),
                        range: range.clone(),
                    });
                } else if plain.starts_with("http://")
                    || plain.starts_with("https://")
                    || plain.starts_with("www.")
                {
                    lints.push(Lint {
                        kind: LintKind::VagueLinkText,
                        message: "a bare web address as link text: screen readers read it out character by character".into(),
                        range: range.clone(),
                    });
                }
                let path = dest_url.split(['#', '?']).next().unwrap_or("");
                let extension = path
                    .rsplit_once('.')
                    .map(|(_, e)| e.to_lowercase())
                    .unwrap_or_default();
                if DOCUMENT_EXTENSIONS.contains(&extension.as_str())
                    && !mentions_type_and_size(&text, &extension)
                {
                    lints.push(Lint {
                        kind: LintKind::DocumentLinkWithoutTypeAndSize,
                        message: format!(
                            "a link to a {} file that does not say its type and size",
                            extension.to_uppercase()
                        ),
                        range: range.clone(),
                    });
                }
            }
            Event::Start(Tag::Paragraph) => {
                let end = crate::content::markdown::find_end(events, i);
                let inner = &events[i + 1..end];
                // A paragraph that is only bold text, short, and not a sentence: a heading in disguise.
                if let (
                    Some((Event::Start(Tag::Strong), _)),
                    Some((Event::End(TagEnd::Strong), _)),
                ) = (inner.first(), inner.last())
                {
                    let text = text_of(inner);
                    let words = text.split_whitespace().count();
                    if crate::content::markdown::find_end(inner, 0) == inner.len() - 1
                        && (1..=10).contains(&words)
                        && !text.trim_end().ends_with(['.', ':', '?', '!'])
                    {
                        lints.push(Lint {
                            kind: LintKind::FakeHeading,
                            message: format!(
                                "\"{}\" looks like a heading but is bold text",
                                text.trim()
                            ),
                            range: range.clone(),
                        });
                    }
                }
            }
            Event::Start(Tag::Table(_)) => {
                let end = crate::content::markdown::find_end(events, i);
                let head_end = (i..end)
                    .find(|&j| matches!(events[j].0, Event::End(TagEnd::TableHead)))
                    .unwrap_or(i);
                if text_of(&events[i + 1..head_end]).trim().is_empty() {
                    lints.push(Lint {
                        kind: LintKind::TableWithoutHeader,
                        message: "this table has no header row".into(),
                        range: range.clone(),
                    });
                }
                let captioned = caption_line_near(markdown, range.clone());
                if !captioned {
                    lints.push(Lint {
                        kind: LintKind::TableWithoutCaption,
                        message: "this table has no caption".into(),
                        range: first_line(markdown, range.clone()),
                    });
                }
            }
            Event::Text(text) => {
                if let Some(caps) = all_caps_run(text) {
                    let start = range.start
                        + markdown[range.clone()]
                            .find(caps.split_whitespace().next().unwrap_or(""))
                            .unwrap_or(0);
                    lints.push(Lint {
                        kind: LintKind::AllCaps,
                        message: format!("\"{caps}\" is written in capitals"),
                        range: start..(start + caps.len()).min(range.end.max(start)),
                    });
                }
            }
            _ => {}
        }
        i += 1;
    }
    lints
}

fn text_of(events: &[(Event<'_>, Range<usize>)]) -> String {
    events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            Event::SoftBreak | Event::HardBreak => Some(" "),
            _ => None,
        })
        .collect()
}

fn looks_like_file_name(s: &str) -> bool {
    let Some((stem, ext)) = s.rsplit_once('.') else {
        return false;
    };
    !stem.is_empty()
        && !s.contains(' ')
        && ["png", "jpg", "jpeg", "gif", "svg", "webp"].contains(&ext)
}

fn mentions_type_and_size(text: &str, extension: &str) -> bool {
    let lower = text.to_lowercase();
    let has_type = lower.contains(extension)
        || (extension.starts_with("xls") && lower.contains("excel"))
        || (extension.starts_with("doc") && lower.contains("word"));
    let has_size = ["kb", "mb", "bytes"].iter().any(|u| lower.contains(u));
    has_type && has_size
}

/// A `Table:` caption line just before or just after the table.
fn caption_line_near(markdown: &str, table: Range<usize>) -> bool {
    let before = markdown[..table.start].trim_end();
    let last_line = before.rsplit('\n').next().unwrap_or("").trim_start();
    let after = markdown[table.end.min(markdown.len())..].trim_start();
    let next_line = after.split('\n').next().unwrap_or("");
    let is_caption = |line: &str| {
        line.trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
            .starts_with("Table:")
    };
    is_caption(last_line) || is_caption(next_line)
}

fn first_line(markdown: &str, range: Range<usize>) -> Range<usize> {
    let end = markdown[range.clone()]
        .find('\n')
        .map_or(range.end, |i| range.start + i);
    range.start..end
}

/// How many bytes are ASCII capitals or lead bytes of other characters, counting no further than 8.
/// 32 bytes at a time, branch-free within each block, so the compiler counts each block at once:
/// this runs over all the text of every document.
fn capitals_or_lead_bytes(bytes: &[u8]) -> usize {
    let is_counted = |b: u8| u8::from(b.wrapping_sub(b'A') < 26) | u8::from(b >= 0xC0);
    let mut count = 0usize;
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        count += usize::from(block.iter().fold(0u8, |n, &b| n + is_counted(b)));
        if count >= 8 {
            return count;
        }
    }
    count
        + blocks
            .remainder()
            .iter()
            .map(|&b| usize::from(is_counted(b)))
            .sum::<usize>()
}

/// A run of four or more words in capitals (acronyms such as "SEND" or "NHS" alone are fine).
fn all_caps_run(text: &str) -> Option<&str> {
    // Four capitalised words of two letters hold at least eight capitals. Count ASCII capitals and the
    // lead bytes of other characters (which may be capitals) in one pass: most text is skipped here.
    if capitals_or_lead_bytes(text.as_bytes()) < 8 {
        return None;
    }
    let mut run_start: Option<usize> = None;
    let mut run_end;
    let mut count = 0;
    let mut best: Option<(usize, usize, usize)> = None;
    let mut offset = 0;
    for word in text.split(' ') {
        // Counted in place: this runs for every word of every document, so it must not allocate.
        let mut letters = 0usize;
        let mut all_upper = true;
        for c in word.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            all_upper &= c.is_uppercase();
        }
        let is_caps = letters >= 2 && all_upper;
        if is_caps {
            if run_start.is_none() {
                run_start = Some(offset);
                count = 0;
            }
            count += 1;
            run_end = offset + word.len();
            if count >= 4 && best.is_none_or(|b| count > b.2) {
                best = Some((run_start.unwrap_or(offset), run_end, count));
            }
        } else if letters > 0 {
            run_start = None;
            count = 0;
        }
        offset += word.len() + 1;
    }
    best.map(|(s, e, _)| &text[s..e])
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn kinds(md: &str) -> Vec<LintKind> {
        let events: Vec<_> = Parser::new_ext(md, Options::ENABLE_TABLES)
            .into_offset_iter()
            .collect();
        lint(&events, md).into_iter().map(|l| l.kind).collect()
    }

    #[test]
    fn capitals_are_counted_in_blocks_and_at_the_end() {
        assert_eq!(capitals_or_lead_bytes(b"abc"), 0);
        assert_eq!(
            capitals_or_lead_bytes(b"A lowercase sentence of more than thirty-two bytes, then XYZ"),
            4
        );
        assert_eq!(capitals_or_lead_bytes("É".as_bytes()), 1);
        assert!(
            capitals_or_lead_bytes(
                "THE BOARD IS ASKED TO NOTE THIS, IN CAPITALS ALL THE WAY".as_bytes()
            ) >= 8
        );
    }

    #[test]
    fn each_lint() {
        assert_eq!(kinds("![](map.png)"), [LintKind::ImageWithoutAlt]);
        assert_eq!(kinds("![map.png](map.png)"), [LintKind::ImageWithoutAlt]);
        assert_eq!(kinds("![image](map.png)"), [LintKind::ImageWithoutAlt]);
        assert!(kinds("![Map of the bus routes](map.png)").is_empty());
        assert_eq!(
            kinds("[click here](https://x.example/)"),
            [LintKind::VagueLinkText]
        );
        assert_eq!(kinds("<https://x.example/>"), [LintKind::VagueLinkText]);
        assert_eq!(kinds("## A\n\n#### B\n"), [LintKind::SkippedHeadingLevel]);
        assert_eq!(kinds("# Title\n"), [LintKind::SkippedHeadingLevel]);
        assert_eq!(
            kinds("**Financial implications**\n"),
            [LintKind::FakeHeading]
        );
        assert!(kinds("**Members are asked to agree the plan.**\n").is_empty());
        assert_eq!(
            kinds("|  |  |\n|---|---|\n| 1 | 2 |\n"),
            [LintKind::TableWithoutHeader, LintKind::TableWithoutCaption]
        );
        assert!(kinds("Table: Costs\n\n| A | B |\n|---|---|\n| 1 | 2 |\n").is_empty());
        assert_eq!(
            kinds("THE BOARD IS ASKED TO NOTE this.\n"),
            [LintKind::AllCaps]
        );
        assert!(kinds("The SEND and NHS budgets.\n").is_empty());
        assert_eq!(kinds("## \n"), [LintKind::EmptyHeading]);
        assert_eq!(
            kinds("[Budget](budget.pdf)"),
            [LintKind::DocumentLinkWithoutTypeAndSize]
        );
        assert!(kinds("[Budget (PDF, 240 KB)](budget.pdf)").is_empty());
    }
}
