//! The front matter an imported paper starts with.
//!
//! Apart from the import's walk because its shape is the paper format's, not the source's: the fields
//! in the order a clerk reads them, each written only when the report gave it.

use std::path::Path;

use serde::Serialize;

use super::super::cover::Cover;
use super::super::doc::{Document, Paragraph};
use super::super::emit;
use super::Board;
use crate::content::model::{Date, ItemNo};

/// The front matter an imported paper starts with, in the order a clerk reads it.
#[derive(Serialize)]
pub(super) struct Matter {
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
pub(super) struct AppendixMatter {
    pub(super) title: String,
    pub(super) file: String,
}

#[derive(Serialize)]
struct Extra {
    /// The file the paper was imported from, so a later reader can find the original.
    imported_from: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    report_of: Option<String>,
}

#[allow(clippy::too_many_arguments)]
pub(super) fn front_matter(
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
