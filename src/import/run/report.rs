//! The import report: what was found in a source, and what a person must check before publishing.
//!
//! Apart from the import's walk because it only words what the walk found: the cover block's
//! gaps, the counts listed as found, and the text printed for each file.

use std::fmt::Write as _;
use std::path::Path;

use super::super::cover::{ContactFields, Cover};
use super::super::emit;
use super::Imported;

/// Words that say a report is not for the public (Schedule 12A and the usual stamps).
pub(super) const CONFIDENTIAL: [&str; 6] = [
    "not for publication",
    "exempt information",
    "confidential",
    "part ii",
    "schedule 12a",
    "restricted",
];

/// Points about the cover block: what the template asks for that the report did not give.
pub(super) fn cover_points(cover: &Cover, points: &mut Vec<String>) {
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
    let empty: Vec<&str> = contact_fields(&cover.contact)
        .into_iter()
        .filter(|(_, v)| v.as_deref().is_none_or(|s| s.trim().is_empty()))
        .map(|(k, _)| k)
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
        points.push(format!("{} line{} before the cover block could not be placed and start the body: move or delete them", cover.unplaced, plural(cover.unplaced)));
    }
    for (text, count) in &cover.running_headers {
        points.push(format!(
            "running header \"{}\" dropped {count} time{}",
            clip(text, 60),
            plural(*count)
        ));
    }
}

/// The contact officer's fields by the names the report uses for them, in the template's order.
fn contact_fields(c: &ContactFields) -> [(&'static str, &Option<String>); 4] {
    [
        ("name", &c.name),
        ("position", &c.position),
        ("phone", &c.phone),
        ("email", &c.email),
    ]
}

pub(super) fn found_lines(
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
        fields.push(format!("{n} recommendation{}", plural(n)));
    }
    let contact: Vec<&str> = contact_fields(&cover.contact)
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(k, _)| k)
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

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

pub(super) fn clip(text: &str, max: usize) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() <= max {
        return t;
    }
    let cut: String = t.chars().take(max).collect();
    format!("{}…", cut.trim_end())
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
