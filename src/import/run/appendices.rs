//! Appendices at the end of a report, split into files of their own (`--split-appendices`).
//!
//! Apart from the import's walk because it only reads headings: "Appendix A: …" starts an appendix,
//! and its letter names the file.

use super::super::doc::Block;

/// "Appendix A: Consultation summary" → "A".
pub(super) fn appendix_key(title: &str) -> Option<String> {
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
pub(super) fn split_appendices(body: &[Block]) -> (Vec<Block>, Vec<(String, Vec<Block>)>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::doc::Paragraph;
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
}
