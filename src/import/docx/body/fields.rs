//! Complex fields (`w:fldChar` begin … separate … end): the result is what the reader saw, the
//! instruction is code, except that a `HYPERLINK` instruction makes its result a link.
//!
//! Apart from the runs because a field spans runs, and even paragraphs: its state is a stack on the
//! converter that every run consults.

use super::super::xml::Element;
use super::Converter;

/// A complex field (`w:fldChar` begin … separate … end) being read.
#[derive(Debug, Default)]
pub(super) struct Field {
    pub(super) instruction: String,
    /// Past `separate`: the runs are the field's result, which is what the reader saw.
    pub(super) in_result: bool,
    pub(super) link: Option<String>,
}

impl Converter<'_, '_> {
    pub(super) fn field_char(&mut self, c: &Element) {
        match c.attr("w:fldCharType") {
            Some("begin") => self.fields.push(Field::default()),
            Some("separate") => {
                if let Some(field) = self.fields.last_mut() {
                    field.in_result = true;
                    field.link = hyperlink_from_instruction(&field.instruction);
                }
            }
            Some("end") => {
                self.fields.pop();
            }
            _ => {}
        }
    }
}

/// The link a field instruction makes: `HYPERLINK "url"`, `HYPERLINK \l "bookmark"`, or both.
pub(super) fn hyperlink_from_instruction(instruction: &str) -> Option<String> {
    let tokens = field_tokens(instruction);
    let mut tokens = tokens.iter();
    if !tokens.next()?.eq_ignore_ascii_case("HYPERLINK") {
        return None;
    }
    let (mut url, mut anchor) = (None, None);
    while let Some(t) = tokens.next() {
        match t.as_str() {
            "\\l" => anchor = tokens.next().cloned(),
            "\\o" | "\\t" => {
                tokens.next();
            }
            s if s.starts_with('\\') => {}
            s if url.is_none() => url = Some(s.to_string()),
            _ => {}
        }
    }
    match (
        url.filter(|u| !u.is_empty()),
        anchor.filter(|a| !a.is_empty()),
    ) {
        (Some(u), Some(a)) => Some(format!("{u}#{a}")),
        (Some(u), None) => Some(u),
        (None, Some(a)) => Some(format!("#{a}")),
        (None, None) => None,
    }
}

/// Splits a field instruction into words, a quoted string being one word.
fn field_tokens(instruction: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = instruction.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut s = String::new();
            for c in chars.by_ref() {
                if c == '"' {
                    break;
                }
                s.push(c);
            }
            tokens.push(s);
        } else {
            let mut s = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' {
                    break;
                }
                s.push(c);
                chars.next();
            }
            tokens.push(s);
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_instructions() {
        assert_eq!(
            hyperlink_from_instruction(r#" HYPERLINK "https://example.org/a b" \o "tip" "#)
                .as_deref(),
            Some("https://example.org/a b")
        );
        assert_eq!(
            hyperlink_from_instruction(r#"HYPERLINK \l "_Toc1""#).as_deref(),
            Some("#_Toc1")
        );
        assert_eq!(
            hyperlink_from_instruction("HYPERLINK http://x.org").as_deref(),
            Some("http://x.org")
        );
        assert_eq!(hyperlink_from_instruction(r#"PAGEREF _Toc1 \h"#), None);
        assert_eq!(hyperlink_from_instruction(""), None);
    }
}
