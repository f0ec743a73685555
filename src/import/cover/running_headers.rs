//! Running headers: lines a paged export (a PDF saved as text) repeats at the top of every page.
//!
//! Apart from the walk because they are dropped from the whole document before it starts, and what
//! is dropped is counted for the import report.

use super::super::doc::Block;
use super::metadata::{item_number, looks_like_meeting, normalise_text, parse_date};
use super::{Cover, Hints};

/// Drops lines a paged export repeats at the top of every page: the meeting name, the date, "Item N",
/// "Page N of M". The first of each is left for the cover block to read.
pub(super) fn drop_running_headers(blocks: &mut Vec<Block>, hints: &Hints, cover: &mut Cover) {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for b in blocks.iter() {
        if let Block::Paragraph(p) = b {
            let t = normalise_text(&p.text());
            if !t.is_empty() && t.chars().count() <= 80 {
                *counts.entry(t).or_default() += 1;
            }
        }
    }
    let is_header = |t: &str, n: usize| -> bool {
        let patterned = item_number(t).is_some()
            || parse_date(t).is_some()
            || looks_like_meeting(t, hints)
            || is_page_number(t);
        (patterned && n >= 2) || is_page_number(t)
    };
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut dropped: Vec<(String, usize)> = Vec::new();
    blocks.retain(|b| {
        let Block::Paragraph(p) = b else { return true };
        let t = normalise_text(&p.text());
        let n = counts.get(&t).copied().unwrap_or(0);
        if t.is_empty() || !is_header(&t, n) {
            return true;
        }
        let k = seen.entry(t.clone()).or_default();
        *k += 1;
        if *k == 1 && !is_page_number(&t) {
            return true;
        }
        cover.dropped.push(p.text().trim().to_string());
        match dropped.iter_mut().find(|(d, _)| *d == p.text().trim()) {
            Some((_, c)) => *c += 1,
            None => dropped.push((p.text().trim().to_string(), 1)),
        }
        false
    });
    cover.running_headers = dropped;
}

/// "Page 3", "Page 3 of 12", "- 3 -".
fn is_page_number(t: &str) -> bool {
    let t = t.trim_matches(|c: char| c == '-' || c.is_whitespace());
    let t = t.strip_prefix("page ").unwrap_or(t);
    let mut parts = t.split(" of ");
    let first = parts.next().unwrap_or("");
    let numeric = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    numeric(first)
        && parts.all(numeric)
        && t.contains(|c: char| c.is_ascii_digit())
        && (t != first || first.len() <= 3)
}
