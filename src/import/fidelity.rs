//! The fidelity check: is every sentence of the source in the paper?
//!
//! An import that quietly drops a paragraph is worse than no import: the clerk publishes a report the
//! author did not write. So the importer does not trust its own readers and writers; it compares
//! words. The source's text (less what the cover block took as structure: labels, running headers,
//! the meeting and date lines) is split into sentences, and each sentence's words must stand, in order,
//! in the words of the written paper: its front matter values and the text of its Markdown as
//! boardpack will render it. Words are compared after Unicode normalisation, with quotes, dashes, case
//! and white space made plain, so typography does not count but every word does.

use pulldown_cmark::{Event, Parser};
use unicode_normalization::UnicodeNormalization;

use super::doc::{Block, Document};

/// The outcome of comparing a source with the paper written from it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fidelity {
    /// Sentences of the source compared.
    pub sentences: usize,
    /// Words of the source compared.
    pub words: usize,
    /// Sentences whose words are not all in the paper, in order, as the source wrote them.
    pub missing: Vec<String>,
}

impl Fidelity {
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }
}

/// Compares `doc` (after the numbering pass, so paragraph numbers are marks, not text) with the
/// written paper files (`paper` and its appendices, each front matter and Markdown). `dropped` is the
/// text the cover block took as structure.
pub fn compare(doc: &Document, dropped: &[String], papers: &[&str]) -> Fidelity {
    let mut sentences: Vec<(String, String)> = Vec::new();
    for text in source_paragraphs(doc) {
        for s in split_sentences(&text) {
            let words = normalise(s);
            if !words.trim().is_empty() {
                sentences.push((s.trim().to_string(), format!(" {} ", words.trim())));
            }
        }
    }
    for fragment in dropped {
        let f = normalise(fragment);
        if f.trim().is_empty() {
            continue;
        }
        // Labels and headers start their line, so they are taken from the front of a sentence only:
        // "Position:" must not take the word from "the current position across…".
        let needle = format!(" {} ", f.trim());
        let exact = sentences.iter().position(|(_, s)| *s == needle);
        if let Some(i) =
            exact.or_else(|| sentences.iter().position(|(_, s)| s.starts_with(&needle)))
        {
            let s = &mut sentences[i].1;
            *s = format!(" {}", &s[needle.len()..]);
        }
    }
    let haystack: String = papers
        .iter()
        .map(|p| format!(" {} ", normalise(&paper_text(p))))
        .collect::<Vec<_>>()
        .join(" ");
    let haystack = format!(
        " {} ",
        haystack.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    let finder_words: usize = sentences
        .iter()
        .map(|(_, s)| s.split_whitespace().count())
        .sum();
    let missing = sentences
        .iter()
        .filter(|(_, s)| {
            !s.trim().is_empty()
                && memchr::memmem::find(haystack.as_bytes(), s.as_bytes()).is_none()
        })
        .map(|(original, _)| original.clone())
        .collect();
    Fidelity {
        sentences: sentences.len(),
        words: finder_words,
        missing,
    }
}

/// Whether `sentence`'s words stand in order in `haystack_text` (both plain text), for tests.
pub fn contains_words(haystack_text: &str, sentence: &str) -> bool {
    let hay = format!(
        " {} ",
        normalise(haystack_text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    );
    let needle = format!(
        " {} ",
        normalise(sentence)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    );
    needle.trim().is_empty() || hay.contains(&needle)
}

/// The source's text, one string per paragraph or cell, without paragraph numbers.
fn source_paragraphs(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(blocks: &[Block], out: &mut Vec<String>) {
        for b in blocks {
            match b {
                Block::Paragraph(p) => {
                    out.push(p.text());
                    let _ = &p.list;
                }
                Block::Table(t) => {
                    if let Some(c) = &t.caption {
                        out.push(c.clone());
                    }
                    for row in &t.rows {
                        for cell in &row.cells {
                            walk(&cell.blocks, out);
                        }
                    }
                }
            }
        }
    }
    walk(&doc.blocks, &mut out);
    for f in &doc.footnotes {
        walk(&f.blocks, &mut out);
    }
    for image in &doc.images {
        out.push(image.alt.clone());
    }
    out
}

/// Splits at `.`, `?`, `!` followed by white space: near enough to sentences for a comparison that
/// only needs each piece to be found whole.
fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'?' | b'!' | b'\n')
            && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace())
        {
            out.push(&text[start..=i]);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Words only: NFKC, lower case, every run of letters and digits a word, words one space apart.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c == '\'' || c == '’' || c == '‘' {
            // "Children’s" and "Children's" are one word either way.
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a reader of the paper sees: front matter values, then the Markdown's text.
pub fn paper_text(file: &str) -> String {
    let mut out = String::new();
    let (yaml, body) = match crate::content::frontmatter::split(file) {
        Ok(split) => (split.yaml, split.body),
        Err(_) => ("", file),
    };
    if let Ok((value, _)) = crate::content::yaml::from_str::<serde_json::Value>(yaml) {
        push_strings(&value, &mut out);
    }
    for event in Parser::new_ext(body, crate::content::markdown::options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            // Every block and cell boundary is a word boundary: a tight list item's text runs straight
            // into its nested list's.
            Event::Start(_) | Event::End(_) => out.push('\n'),
            _ => {}
        }
    }
    out
}

fn push_strings(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| push_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| push_strings(v, out)),
        serde_json::Value::Number(n) => {
            out.push_str(&n.to_string());
            out.push('\n');
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::doc::Paragraph;

    fn doc(paragraphs: &[&str]) -> Document {
        Document {
            blocks: paragraphs
                .iter()
                .map(|p| Block::Paragraph(Paragraph::plain(*p)))
                .collect(),
            ..Document::default()
        }
    }

    #[test]
    fn every_sentence_found_in_front_matter_or_body() {
        let d = doc(&[
            "Purpose",
            "For decision.",
            "The Board met. It agreed “two” things!",
        ]);
        let paper = "---\ntitle: X\npurpose: For decision.\n---\n\nThe Board *met*. It agreed \"two\" things!\n";
        let f = compare(&d, &["Purpose".into()], &[paper]);
        assert!(f.is_complete(), "{f:?}");
        assert_eq!(f.sentences, 4);
    }

    #[test]
    fn a_lost_sentence_is_named() {
        let d = doc(&["The Board met. It agreed two things."]);
        let f = compare(&d, &[], &["---\ntitle: X\n---\n\nThe Board met.\n"]);
        assert_eq!(f.missing, ["It agreed two things."]);
    }

    #[test]
    fn words_out_of_order_do_not_count() {
        let d = doc(&["Members approve the plan."]);
        let f = compare(&d, &[], &["---\ntitle: plan the approve Members\n---\n"]);
        assert!(!f.is_complete());
    }

    #[test]
    fn link_addresses_do_not_stand_in_for_words() {
        assert!(!contains_words(
            &paper_text("---\ntitle: X\n---\n\n[here](https://example.org/the-plan)\n"),
            "the plan"
        ));
        assert!(contains_words(
            &paper_text("---\ntitle: X\n---\n\nSee [the plan](https://example.org/).\n"),
            "See the plan."
        ));
    }
}
