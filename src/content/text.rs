//! The checks of a document's whole text (Word artefacts), which `load` runs while a file's text is at
//! hand and `check` runs on the documents whose text is kept: below `load`, so both can reach them.

use crate::diagnostics::{Diagnostic, Diagnostics};

/// The checks of a document's whole text (Word artefacts); [`Document::let_go_of_body`](crate::content::load::Document::let_go_of_body) runs them
/// while the text is at hand.
pub fn text_findings(path: &std::path::Path, text: &str) -> Vec<Diagnostic> {
    let mut diagnostics = Diagnostics::new();
    word_artefacts(path, text, &mut diagnostics);
    placeholders(path, text, &mut diagnostics);
    diagnostics.into_iter().collect()
}

/// The sentences `boardpack new paper` writes for the clerk to replace (its template holds each:
/// a test in `new` checks). Left in a paper that is not a draft, they would be published.
pub const PLACEHOLDERS: &[&str] = &[
    "One paragraph: what the report is about and what members are asked to do.",
    "Members are asked to …",
    "The first numbered paragraph.",
    "Set out the costs, or say there are none.",
    "Set out the legal position.",
    "Set out the effect on people with protected characteristics.",
];

/// The template's text left in a document that is not a draft (`status: draft` in its front matter).
fn placeholders(path: &std::path::Path, text: &str, diagnostics: &mut Diagnostics) {
    let bytes = text.as_bytes();
    let Some((start, placeholder)) = PLACEHOLDERS
        .iter()
        .find_map(|p| memchr::memmem::find(bytes, p.as_bytes()).map(|at| (at, *p)))
    else {
        return;
    };
    let front = crate::content::frontmatter::split(text)
        .map(|s| s.yaml)
        .unwrap_or("");
    if crate::content::frontmatter::peek_top_level(front, "status") == Some("draft") {
        return;
    }
    diagnostics.push(
        Diagnostic::warning("BP115", path, "the template's text is still here, and this paper is not a draft")
            .at(text, start..start + placeholder.len())
            .label("text for the clerk to replace")
            .help("write the paper's own text here (every sentence of the template is to be replaced), or keep `status: draft` until it is ready"),
    );
}

/// Leftovers of copying from Word that would be published as they are.
const ARTEFACTS: &[(&str, &str)] = &[
    ("[bookmark: _GoBack]", "a Word bookmark left in the text"),
    ("_GoBack", "a Word bookmark left in the text"),
    (
        "â€™",
        "mojibake for an apostrophe (’): the text was decoded with the wrong encoding",
    ),
    ("â€œ", "mojibake for an opening quote (“)"),
    ("â€\u{9d}", "mojibake for a closing quote (”)"),
    ("â€“", "mojibake for a dash (–)"),
    ("â€”", "mojibake for a dash (—)"),
    ("Â£", "mojibake for a pound sign (£)"),
    ("Ã©", "mojibake for é"),
    (
        "\u{fffd}",
        "a replacement character: a character was lost when the text was converted",
    ),
];

/// Nearly every file holds none of [`ARTEFACTS`]: rule them out in two passes before looking for each.
/// Every pattern contains `_GoBack` or one of these characters (a test holds the list to that).
fn may_hold_artefacts(text: &str) -> bool {
    // Byte scans (memchr): `â`, `Â`, `Ã` are C3 A2, C3 82, C3 83 in UTF-8 and U+FFFD is EF BF BD; a
    // char-by-char search decoded every character of every file and was the single largest cost of `check`.
    let bytes = text.as_bytes();
    memchr::memmem::find(bytes, b"_GoBack").is_some()
        || memchr::memchr2_iter(0xC3, 0xEF, bytes).any(|i| {
            match (bytes[i], bytes.get(i + 1..i + 3)) {
                (0xC3, Some([second, _])) => matches!(second, 0xA2 | 0x82 | 0x83),
                (0xC3, _) => bytes
                    .get(i + 1)
                    .is_some_and(|b| matches!(b, 0xA2 | 0x82 | 0x83)),
                (_, Some([0xBF, 0xBD])) => true,
                _ => false,
            }
        })
}

fn word_artefacts(path: &std::path::Path, text: &str, diagnostics: &mut Diagnostics) {
    if !may_hold_artefacts(text) {
        return;
    }
    let mut reported: Vec<std::ops::Range<usize>> = Vec::new();
    for (pattern, what) in ARTEFACTS {
        for (start, _) in text.match_indices(pattern) {
            let range = start..start + pattern.len();
            // `_GoBack` inside an already reported `[bookmark: _GoBack]` is the same problem.
            if reported
                .iter()
                .any(|r| r.start <= range.start && range.end <= r.end)
            {
                continue;
            }
            reported.push(range.clone());
            diagnostics.push(
                Diagnostic::warning("BP015", path, what.to_string())
                    .at(text, range)
                    .label("left over from a word processor")
                    .help("delete it, or retype the character; paste from Word as plain text to avoid these"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_filter_lets_every_artefact_through() {
        for (pattern, _) in ARTEFACTS {
            assert!(may_hold_artefacts(pattern), "{pattern}");
        }
        assert!(!may_hold_artefacts(
            "The Board’s plan – “agreed” £5, café, naïve, Ölmann."
        ));
        assert!(may_hold_artefacts("ends with â"));
        assert!(may_hold_artefacts("ends with \u{fffd}"));
    }
}
