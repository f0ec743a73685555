//! Typed paragraph numbers: "2.1 The Board…" written by hand, kept like Word's automatic ones.
//!
//! Authors number paragraphs both ways, often in one report, and text exports only ever have typed
//! numbers. Once this pass has run, a paragraph's number (typed or automatic) is always in its
//! [`ListMark`], never in its text, so the cover block, the Markdown writer and the fidelity check each
//! have one place to look.

use super::doc::{Block, Document, Inline, ListMark, Paragraph};

/// The `list_id` of numbers found in the text: one list, like a text export's single sequence.
pub const TYPED_LIST: u32 = u32::MAX;

/// Moves typed numbers and letters at the start of top-level paragraphs into their [`ListMark`].
/// Table cells are left alone: a number there is data ("2.5 million"), not a paragraph number.
pub fn find_typed(doc: &mut Document) {
    // The last paragraph number seen, as `[2]` or `[2, 1]`.
    let mut last: Vec<u64> = Vec::new();
    for block in &mut doc.blocks {
        if let Block::Paragraph(p) = block {
            let next_sub = match last.as_slice() {
                [n] => Some([*n, 1]),
                [n, k, ..] => Some([*n, k + 1]),
                [] => None,
            };
            find_in_paragraph(p, next_sub);
            if let Some(parts) = p.list.as_ref().and_then(|m| decimal_parts(&m.label)) {
                last = parts;
            }
        }
    }
}

/// `next_sub`: the sub-paragraph number that would come next (`[2, 1]` after paragraph 2, `[2, 2]`
/// after 2.1). It alone makes "2.1 the number of…" (no dot, lower case) a sub-paragraph, so "2.5
/// million…" elsewhere is left as text.
fn find_in_paragraph(p: &mut Paragraph, next_sub: Option<[u64; 2]>) {
    // An automatic number is the author's; a bullet may still carry a typed number after it ("- 9.3. A report…",
    // as Markdown exports write sub-paragraphs).
    if p.list.as_ref().is_some_and(|m| !m.bullet) {
        return;
    }
    let text = p.text();
    let Some(typed) = typed_label(&text).or_else(|| typed_sub_paragraph(&text, next_sub)) else {
        return;
    };
    let level = match typed.kind {
        LabelKind::Decimal(parts) => parts.saturating_sub(1),
        // Letters and roman numerals sit under a numbered paragraph; the writer places them by context.
        LabelKind::Letter => 1,
    };
    remove_prefix(&mut p.inlines, typed.consumed);
    p.list = Some(ListMark {
        level,
        label: typed.label,
        bullet: false,
        list_id: TYPED_LIST,
    });
}

/// A label found at the start of a paragraph's text.
#[derive(Debug, PartialEq, Eq)]
pub struct Typed {
    /// The label as written, without the space after it: `2.1.`, `(a)`.
    pub label: String,
    pub kind: LabelKind,
    /// Characters of the text that the label and the white space after it take.
    pub consumed: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// A paragraph number of this many parts: `2` is 1, `2.1` is 2, `13.4.7` is 3.
    Decimal(u8),
    /// `(a)`, `b)`, `(iv)`.
    Letter,
}

/// The typed label at the start of `text`, if it has one.
///
/// Deliberately strict, since a false number changes the paper: a single number needs its dot (`4.`;
/// "10 March" is a date), and the text after a number must start like a sentence, so "2.5 million
/// people" is not paragraph 2.5.
pub fn typed_label(text: &str) -> Option<Typed> {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let (label, kind) = decimal_label(rest).or_else(|| letter_label(rest))?;
    let after = &rest[label.len()..];
    let gap = after.len() - after.trim_start_matches([' ', '\t', '\u{a0}']).len();
    let body = &after[gap..];
    if gap == 0 || body.is_empty() {
        return None;
    }
    let first = body.chars().next()?;
    let dotted = label.ends_with('.') || label.ends_with(')');
    let starts_sentence =
        first.is_uppercase() || first.is_ascii_digit() || "\"'‘“(£$€[".contains(first);
    if !(starts_sentence
        || dotted && first.is_lowercase() && matches!(kind, LabelKind::Decimal(n) if n > 1)
        || matches!(kind, LabelKind::Letter))
    {
        return None;
    }
    Some(Typed {
        consumed: text[..lead + label.len() + gap].chars().count(),
        label: label.to_string(),
        kind,
    })
}

/// "2.1 the number of…": the expected next sub-paragraph, its text starting in lower case.
fn typed_sub_paragraph(text: &str, next_sub: Option<[u64; 2]>) -> Option<Typed> {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let (label, kind) = decimal_label(rest)?;
    let parts = decimal_parts(label)?;
    if next_sub.is_none_or(|next| parts != next) {
        return None;
    }
    let after = &rest[label.len()..];
    let gap = after.len() - after.trim_start_matches([' ', '\t', '\u{a0}']).len();
    let body = &after[gap..];
    if gap == 0 || !body.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    Some(Typed {
        consumed: text[..lead + label.len() + gap].chars().count(),
        label: label.to_string(),
        kind,
    })
}

/// `4.`, `2.1`, `2.1.`, `13.4.7.` (a single number only with its dot, or with `)`: `4)`).
fn decimal_label(s: &str) -> Option<(&str, LabelKind)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut parts = 0u8;
    loop {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let digits = i - start;
        if digits == 0 || digits > 3 {
            return None;
        }
        parts += 1;
        if i < bytes.len()
            && bytes[i] == b'.'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            && parts < 5
        {
            i += 1;
            continue;
        }
        break;
    }
    let end = match bytes.get(i) {
        Some(b'.' | b')') => i + 1,
        _ if parts > 1 => i,
        _ => return None,
    };
    // "1.5m" or "3.2%" are amounts, not numbers of paragraphs.
    if bytes
        .get(end)
        .is_some_and(|b| !matches!(b, b' ' | b'\t') && !s[end..].starts_with('\u{a0}'))
    {
        return None;
    }
    Some((&s[..end], LabelKind::Decimal(parts)))
}

/// `(a)`, `a)`, `(iv)`, `iv)`: the letters and roman numerals reports number recommendations and
/// sub-points with. `a.` is left alone: "A. Smith" is a name.
fn letter_label(s: &str) -> Option<(&str, LabelKind)> {
    let open = s.starts_with('(');
    let inner_start = usize::from(open);
    let close = s[inner_start..].find(')')? + inner_start;
    let inner = &s[inner_start..close];
    let roman =
        !inner.is_empty() && inner.len() <= 5 && inner.chars().all(|c| "ivxlIVXL".contains(c));
    let letter = inner.len() == 1 && inner.chars().all(|c| c.is_ascii_alphabetic());
    (roman || letter).then(|| (&s[..close + 1], LabelKind::Letter))
}

/// A decimal label's parts: `"2.1."` → `[2, 1]`; `None` for letters, bullets and anything else.
pub fn decimal_parts(label: &str) -> Option<Vec<u64>> {
    let trimmed = label.trim().trim_end_matches('.');
    if trimmed.is_empty() {
        return None;
    }
    trimmed
        .split('.')
        .map(|p| {
            if p.len() <= 6 && p.bytes().all(|b| b.is_ascii_digit()) && !p.is_empty() {
                p.parse().ok()
            } else {
                None
            }
        })
        .collect()
}

/// Removes the first `count` characters of the paragraph's text, run by run.
fn remove_prefix(inlines: &mut Vec<Inline>, mut count: usize) {
    let mut i = 0;
    while count > 0 && i < inlines.len() {
        match &mut inlines[i] {
            Inline::Text(run) => {
                let chars = run.text.chars().count();
                if chars <= count {
                    count -= chars;
                    inlines.remove(i);
                    continue;
                }
                let cut = run
                    .text
                    .char_indices()
                    .nth(count)
                    .map_or(run.text.len(), |(at, _)| at);
                run.text.drain(..cut);
                count = 0;
            }
            Inline::LineBreak => {
                count = count.saturating_sub(1);
                inlines.remove(i);
                continue;
            }
            Inline::FootnoteRef(_) | Inline::Image(_) => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::doc::Run;

    fn label(s: &str) -> Option<String> {
        typed_label(s).map(|t| t.label)
    }

    #[test]
    fn paragraph_numbers_in_their_written_forms() {
        assert_eq!(label("1. The Board agreed"), Some("1.".into()));
        assert_eq!(label("2.1 Review the market"), Some("2.1".into()));
        assert_eq!(label("2.1.\tReview the market"), Some("2.1.".into()));
        assert_eq!(label("13.4.7. The demand"), Some("13.4.7.".into()));
        assert_eq!(label("4) That members note"), Some("4)".into()));
        assert_eq!(label("3.2. review of sufficiency"), Some("3.2.".into()));
    }

    #[test]
    fn dates_amounts_and_names_are_not_numbers() {
        assert_eq!(label("10 March 2027"), None);
        assert_eq!(label("2.5 million people use buses"), None);
        assert_eq!(label("1.5m was spent"), None);
        assert_eq!(label("2027. A year"), None);
        assert_eq!(label("A. Smith"), None);
        assert_eq!(label("1."), None);
        assert_eq!(label("3.2%"), None);
    }

    #[test]
    fn a_lower_case_sub_paragraph_needs_its_paragraph_before_it() {
        let mut doc = Document {
            blocks: [
                "2. Demand has grown:",
                "2.1 the number rose;",
                "2.5 million trips were made.",
            ]
            .iter()
            .map(|t| Block::Paragraph(Paragraph::plain(*t)))
            .collect(),
            ..Document::default()
        };
        find_typed(&mut doc);
        let labels: Vec<Option<String>> = doc
            .blocks
            .iter()
            .map(|b| {
                if let Block::Paragraph(p) = b {
                    p.list.as_ref().map(|m| m.label.clone())
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(labels, [Some("2.".into()), Some("2.1".into()), None]);
        let mut other = Document {
            blocks: vec![Block::Paragraph(Paragraph::plain("2.1 the number rose;"))],
            ..Document::default()
        };
        find_typed(&mut other);
        assert!(matches!(&other.blocks[0], Block::Paragraph(p) if p.list.is_none()));
    }

    #[test]
    fn letters_and_roman_numerals() {
        assert_eq!(label("(a) approves the plan;"), Some("(a)".into()));
        assert_eq!(label("b) notes the risks"), Some("b)".into()));
        assert_eq!(label("(iv) agrees"), Some("(iv)".into()));
        assert_eq!(label("(see below) text"), None);
    }

    #[test]
    fn parts_of_decimal_labels() {
        assert_eq!(decimal_parts("2.1."), Some(vec![2, 1]));
        assert_eq!(decimal_parts("7"), Some(vec![7]));
        assert_eq!(decimal_parts("(a)"), None);
        assert_eq!(decimal_parts(""), None);
        assert_eq!(decimal_parts("4)"), None);
    }

    #[test]
    fn a_typed_number_moves_into_the_mark_across_runs() {
        let mut doc = Document {
            blocks: vec![Block::Paragraph(Paragraph {
                inlines: vec![
                    Inline::Text(Run {
                        text: "2.".into(),
                        bold: true,
                        ..Run::default()
                    }),
                    Inline::Text(Run::plain("1 Review the care system.")),
                ],
                ..Paragraph::default()
            })],
            ..Document::default()
        };
        find_typed(&mut doc);
        let Block::Paragraph(p) = &doc.blocks[0] else {
            panic!()
        };
        assert_eq!(p.list.as_ref().map(|m| m.label.as_str()), Some("2.1"));
        assert_eq!(p.text(), "Review the care system.");
    }

    #[test]
    fn a_bullet_carrying_a_number_becomes_that_number() {
        let mut p = Paragraph::plain("9.3. A report will follow.");
        p.list = Some(ListMark {
            level: 0,
            label: String::new(),
            bullet: true,
            list_id: 7,
        });
        let mut doc = Document {
            blocks: vec![Block::Paragraph(p)],
            ..Document::default()
        };
        find_typed(&mut doc);
        let Block::Paragraph(p) = &doc.blocks[0] else {
            panic!()
        };
        let mark = p.list.as_ref().unwrap();
        assert_eq!(
            (mark.label.as_str(), mark.level, mark.bullet),
            ("9.3.", 1, false)
        );
    }
}
