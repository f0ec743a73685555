//! Splits a content file into its YAML front matter and its Markdown body.
//!
//! Positions matter more than anything here: every later diagnostic inside the front matter or the body
//! is reported against the whole file, so the split keeps the byte offset and line of each part.

/// A content file split into its two parts, borrowing from the file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences (without them).
    pub yaml: &'a str,
    /// Byte offset of `yaml` in the file.
    pub yaml_offset: usize,
    /// 1-based line of the first YAML line in the file.
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with `---`.
    Missing,
    /// The opening `---` has no closing `---` line.
    Unterminated { opening_len: usize },
}

/// Splits `text` (already stripped of any byte-order mark) into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Err(SplitError::Missing);
    }
    let yaml_offset = first_line_end;
    let mut line_start = yaml_offset;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i + 1);
        let line = text[line_start..line_end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                yaml: &text[yaml_offset..line_start],
                yaml_offset,
                yaml_line: 2,
                body: &text[line_end..],
                body_offset: line_end,
            });
        }
        line_start = line_end;
    }
    Err(SplitError::Unterminated {
        opening_len: first_line_end.min(3),
    })
}

/// The value of a top-level `key:` in front matter, read without parsing the YAML.
///
/// Used to learn a file's `kind` before choosing the type to parse it into.
pub fn peek_top_level<'a>(yaml: &'a str, key: &str) -> Option<&'a str> {
    yaml.lines().find_map(|line| {
        let rest = line.strip_prefix(key)?.strip_prefix(':')?;
        let value = rest.split(" #").next().unwrap_or("").trim();
        Some(value.trim_matches(|c| c == '"' || c == '\''))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_keeps_offsets() {
        let text = "---\ntitle: A\n---\nBody\n";
        let s = split(text).unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(&text[s.yaml_offset..s.yaml_offset + 5], "title");
        assert_eq!(s.body, "Body\n");
        assert_eq!(&text[s.body_offset..], "Body\n");
    }

    #[test]
    fn crlf_and_empty_front_matter() {
        let s = split("---\r\n---\r\nx").unwrap();
        assert_eq!(s.yaml, "");
        assert_eq!(s.body, "x");
    }

    #[test]
    fn missing_and_unterminated() {
        assert_eq!(split("title: A\n"), Err(SplitError::Missing));
        assert_eq!(split(""), Err(SplitError::Missing));
        assert!(matches!(
            split("---\ntitle: A\n"),
            Err(SplitError::Unterminated { .. })
        ));
    }

    proptest::proptest! {
        // Any text splits or is refused without panicking, and the parts are where the offsets say.
        #[test]
        fn split_never_panics_and_offsets_hold(text in "(---\\r?\\n)?[-a-z: \\n\\r.é]{0,200}") {
            if let Ok(s) = split(&text) {
                proptest::prop_assert_eq!(&text[s.yaml_offset..s.yaml_offset + s.yaml.len()], s.yaml);
                proptest::prop_assert_eq!(&text[s.body_offset..], s.body);
                proptest::prop_assert!(s.yaml_offset <= s.body_offset);
            }
        }
    }

    #[test]
    fn peeks_kind() {
        assert_eq!(
            peek_top_level("title: x\nkind: \"page\" # note\n", "kind"),
            Some("page")
        );
        assert_eq!(peek_top_level("kinds: x\n", "kind"), None);
    }
}
