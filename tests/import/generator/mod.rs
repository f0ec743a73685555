//! A reproducible generator of realistic Word (`.docx`) board reports, for testing `boardpack import`.
//!
//! Included with `#[path = "../tests/import/generator/mod.rs"] mod generator;` by
//! `examples/import_fixtures.rs` (which writes `tests/import/<name>.docx` and
//! `tests/import/<name>.expected.json`) and by the tests (which use [`fixtures`] directly).
//!
//! - [`docx::Doc`] is the docx-writing DSL: `Doc::new().heading(2, "Background").auto_numbered(0, "…")`,
//!   inline pieces from [`docx::t`], [`docx::b`], [`docx::link`], [`docx::footnote`], [`docx::ins`], …
//!   It writes the WordprocessingML by hand and notes each block's expected reading as it writes it.
//! - [`report::Report`] is the report template's masthead and cover block as data, written in one of
//!   several layouts; its values are also the expected front matter.
//! - [`fixtures`] are the reports themselves, composed from the two.
//!
//! Everything is deterministic: the zip entries are stored, dated 1980-01-01 and DOS-hosted, images are
//! built byte by byte ([`png`]), and no clock, randomness or hash order is involved, so regenerating
//! gives byte-identical files.

#![allow(dead_code, unused_imports)]

pub mod docx;
mod fixtures;
pub mod png;
pub mod report;

pub use docx::{Cell, CellPara, Doc, Image, Inline, Rev, Rich, Scheme, Table, VMerge};
pub use fixtures::fixtures;
pub use png::Png;
pub use report::{Board, Contact, Cover, Date, Labels, Marks, Masthead, Recommendations, Report};

use serde::Serialize;

/// One generated report.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// File stem: `tests/import/<name>.docx`.
    pub name: &'static str,
    pub docx: Vec<u8>,
    pub expected: Expected,
}

/// What a faithful import of a fixture must contain. Written as `<name>.expected.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Expected {
    pub title: String,
    /// The "Report of …" line, or empty.
    pub report_of: String,
    pub item: u32,
    /// The board's title, as the meeting line names it.
    pub meeting: String,
    /// The meeting date, ISO 8601.
    pub date: String,
    pub purpose: String,
    pub summary: String,
    /// "That the Board:" when the recommendations are a lead-in and a list; empty for one sentence.
    pub recommendations_lead: String,
    /// The one recommendation sentence, or each listed item without its "(a)" / number / bullet.
    pub recommendations: Vec<String>,
    pub action: String,
    pub contact: ExpectedContact,
    /// Every numbered body paragraph's number in order, as Word shows it, without a trailing dot:
    /// `["1", "2", "2.1", "(a)", "iv"]`. Automatic and typed numbers alike; bullets are not numbers.
    pub paragraph_numbers: Vec<String>,
    /// Body headings in order (appendix headings included; the title and cover labels are not).
    pub headings: Vec<String>,
    /// Every sentence of the body's paragraphs, list items, table cells and footnotes, in order, split
    /// after `.`, `?` or `!` followed by a space, whitespace collapsed. Without paragraph numbers,
    /// footnote marks, headings or captions (those are in their own fields).
    pub sentences: Vec<String>,
    /// Text that must not appear in the paper's body: deleted tracked changes, comments, field codes,
    /// bookmark names, the running header's lines.
    pub absent: Vec<String>,
    /// Text that must appear exactly once (moved text, whose old place holds the same words).
    pub once: Vec<String>,
    pub table_captions: Vec<String>,
    /// The body's images in order (an image with a fallback counts once).
    pub images: Vec<ImageAlt>,
    /// Footnote texts in order.
    pub footnotes: Vec<String>,
    /// The body's hyperlinks in order (the cover's e-mail link is in `contact`).
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ExpectedContact {
    pub name: String,
    pub position: String,
    pub phone: String,
    pub email: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImageAlt {
    /// The alt text (`wp:docPr descr`), or empty.
    pub alt: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Link {
    pub text: String,
    pub url: String,
}

/// What [`Doc`] notes about the body while writing it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Record {
    pub paragraph_numbers: Vec<String>,
    pub headings: Vec<String>,
    pub sentences: Vec<String>,
    pub absent: Vec<String>,
    pub once: Vec<String>,
    pub table_captions: Vec<String>,
    pub images: Vec<ImageAlt>,
    pub footnotes: Vec<String>,
    pub links: Vec<Link>,
}

impl Expected {
    /// The `.expected.json` text: pretty-printed, with a final newline.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("serialise") + "\n"
    }
}

impl Doc {
    /// The finished fixture: the `.docx` bytes and the expected reading, from `report`'s values and
    /// what this document recorded of its body.
    pub fn fixture(self, name: &'static str, report: &Report) -> Fixture {
        let docx = self.finish();
        let r = self.record;
        let (lead, recommendations) = report.recommendation_list();
        let mut absent = r.absent;
        let mut seen = std::collections::BTreeSet::new();
        absent.retain(|a| !a.is_empty() && seen.insert(a.clone()));
        let expected = Expected {
            title: report.title.into(),
            report_of: report.report_of.unwrap_or("").into(),
            item: report.item,
            meeting: report.board.title().into(),
            date: report.date.iso(),
            purpose: report.purpose.into(),
            summary: report.summary.into(),
            recommendations_lead: lead,
            recommendations,
            action: report.action.into(),
            contact: ExpectedContact {
                name: report.contact.name.into(),
                position: report.contact.position.into(),
                phone: report.contact.phone.into(),
                email: report.contact.email.into(),
            },
            paragraph_numbers: r.paragraph_numbers,
            headings: r.headings,
            sentences: r.sentences,
            absent,
            once: r.once,
            table_captions: r.table_captions,
            images: r.images,
            footnotes: r.footnotes,
            links: r.links,
        };
        Fixture {
            name,
            docx,
            expected,
        }
    }
}

/// Splits text into sentences after `.`, `?` or `!` followed by whitespace; collapses whitespace and
/// drops empty pieces.
pub fn sentences(text: &str) -> Vec<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = vec![];
    let mut start = 0;
    let bytes = text.as_bytes();
    for (k, &c) in bytes.iter().enumerate() {
        if matches!(c, b'.' | b'?' | b'!') && bytes.get(k + 1) == Some(&b' ') {
            out.push(text[start..=k].trim().to_string());
            start = k + 1;
        }
    }
    out.push(text[start..].trim().to_string());
    out.retain(|s| !s.is_empty());
    out
}
