//! Diagnostics: what went wrong, where, and how to fix it.
//!
//! Every problem boardpack finds in a site is a [`Diagnostic`] value: the library never prints and never
//! aborts on bad input. The edge (the CLI) renders them, rustc-style with annotate-snippets, or as JSON.
//! A diagnostic carries its own copy of the offending source lines so it can be rendered without going
//! back to the file system, and so it stays valid after the site it came from is dropped.

pub mod codes;

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How bad a problem is: errors stop a build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A point in a file, 1-based as editors show it. Columns count characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// The lines of source around a problem, kept so the diagnostic can show them with a caret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// Line number of the first line of `text`.
    pub first_line: usize,
    /// Whole lines of the file, including the span.
    pub text: String,
    /// The span, as a byte range within `text`.
    pub span: Range<usize>,
}

/// The `&'static str` of a diagnostic code read back from the build cache. Codes are few (about a
/// hundred), so each new one is leaked once and found again after.
pub fn intern_code(code: &str) -> &'static str {
    if let Some(known) = codes::find(code) {
        return known.code;
    }
    static CODES: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let mut codes = CODES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(known) = codes.iter().find(|c| **c == code) {
        return known;
    }
    let leaked: &'static str = Box::leak(code.to_string().into_boxed_str());
    codes.push(leaked);
    leaked
}

/// One problem found in a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, e.g. `BP012`; documented in the README.
    pub code: &'static str,
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// Where the problem starts and ends; `None` for problems with a whole file (e.g. one that cannot be read).
    pub start: Option<Position>,
    pub end: Option<Position>,
    pub excerpt: Option<Excerpt>,
    /// One line: what is wrong.
    pub message: String,
    /// Short text under the caret, e.g. "expected a date".
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file.
    pub fn new(
        code: &'static str,
        severity: Severity,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            file: file.into(),
            start: None,
            end: None,
            excerpt: None,
            message: message.into(),
            label: None,
            help: None,
        }
    }

    pub fn error(code: &'static str, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, file, message)
    }

    pub fn warning(
        code: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(code, Severity::Warning, file, message)
    }

    /// Points the diagnostic at a byte range of the file's full text.
    pub fn at(mut self, source: &str, range: Range<usize>) -> Self {
        let range = clamp_range(source, range);
        let start = position_of(source, range.start);
        let end = position_after(source, range.start, start, range.end);
        let first_line_start = source[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let last_line_end = source[range.end..]
            .find('\n')
            .map_or(source.len(), |i| range.end + i);
        self.excerpt = Some(Excerpt {
            first_line: start.line,
            text: source[first_line_start..last_line_end]
                .trim_end_matches('\r')
                .to_string(),
            span: (range.start - first_line_start)..(range.end - first_line_start),
        });
        if let Some(excerpt) = &mut self.excerpt {
            // A span past a trimmed `\r` would point outside the excerpt.
            excerpt.span.end = excerpt.span.end.min(excerpt.text.len());
            excerpt.span.start = excerpt.span.start.min(excerpt.span.end);
        }
        self.start = Some(start);
        self.end = Some(end);
        self
    }

    /// Points the diagnostic at a 1-based line and column of the file's full text, spanning `len` bytes.
    pub fn at_line_col(self, source: &str, line: usize, column: usize, len: usize) -> Self {
        let start = offset_of(source, line, column);
        self.at(source, start..start + len)
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sort key: by file, then line, then column, so output reads top to bottom.
    pub fn sort_key(&self) -> (&Path, usize, usize, &'static str) {
        let (line, column) = self.start.map_or((0, 0), |p| (p.line, p.column));
        (&self.file, line, column, self.code)
    }
}

impl fmt::Display for Diagnostic {
    /// One line, as `file:line:column: severity[code]: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(p) = self.start {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        write!(f, ": {}[{}]: {}", self.severity, self.code, self.message)
    }
}

/// A list of diagnostics gathered across a whole run, never stopping at the first.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// Sorted by file and position, duplicates removed, so output is stable from run to run.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            a.sort_key()
                .cmp(&b.sort_key())
                .then_with(|| a.message.cmp(&b.message))
        });
        self.0.dedup();
        self.0
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(v: Vec<Diagnostic>) -> Self {
        Diagnostics(v)
    }
}

fn clamp_range(source: &str, range: Range<usize>) -> Range<usize> {
    let mut start = range.start.min(source.len());
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = range.end.clamp(start, source.len());
    while !source.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// 1-based line and character column of a byte offset.
pub fn position_of(source: &str, offset: usize) -> Position {
    position_after(source, 0, Position { line: 1, column: 1 }, offset)
}

/// [`position_of`] `offset`, knowing the position of the earlier offset `from`: only the text between
/// them is scanned (a diagnostic's end, from its start). Lines are counted with `memchr`: every link
/// to another page's paragraph is placed as it is rendered, in case it turns out broken.
fn position_after(source: &str, from: usize, at_from: Position, offset: usize) -> Position {
    let between = &source.as_bytes()[from..offset];
    let newlines = memchr::memchr_iter(b'\n', between).count();
    if newlines == 0 {
        return Position {
            line: at_from.line,
            column: at_from.column + source[from..offset].chars().count(),
        };
    }
    let line_start = memchr::memrchr(b'\n', between).map_or(0, |i| from + i + 1);
    Position {
        line: at_from.line + newlines,
        column: source[line_start..offset].chars().count() + 1,
    }
}

/// Byte offset of a 1-based line and character column; past the end clamps to the end.
pub fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line.max(1) {
        match source[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return source.len(),
        }
    }
    let line_text = source[offset..].split('\n').next().unwrap_or("");
    let within: usize = line_text
        .chars()
        .take(column.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    offset + within
}

/// Renders diagnostics for people, rustc-style. `color` only on a terminal.
pub fn render_human(diagnostics: &[Diagnostic], color: bool) -> String {
    use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = d.file.display().to_string();
        let title = level.primary_title(d.message.as_str()).id(d.code);
        let mut report: Vec<Group<'_>> = Vec::new();
        let group = match &d.excerpt {
            Some(excerpt) => {
                let mut annotation = AnnotationKind::Primary.span(excerpt.span.clone());
                if let Some(label) = &d.label {
                    annotation = annotation.label(label.as_str());
                }
                title.element(
                    Snippet::source(excerpt.text.as_str())
                        .line_start(excerpt.first_line)
                        .path(path.clone())
                        .annotation(annotation),
                )
            }
            // No excerpt to show (a file that is not text), but a place: the line and column still.
            None => match d.start {
                Some(at) => title.element(
                    Origin::path(path.clone())
                        .line(at.line)
                        .char_column(at.column),
                ),
                None => title.element(Origin::path(path.clone())),
            },
        };
        report.push(group);
        if let Some(help) = &d.help {
            report.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        out.push_str(&renderer.render(&report));
        out.push_str("\n\n");
    }
    out
}

/// The JSON form: one object per diagnostic, fields documented in the README.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'static str,
    pub severity: Severity,
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end: Option<Position>,
    pub message: &'a str,
    pub help: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for JsonDiagnostic<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            code: d.code,
            severity: d.severity,
            file: d.file.to_string_lossy().replace('\\', "/"),
            line: d.start.map(|p| p.line),
            column: d.start.map(|p| p.column),
            end: d.end,
            message: &d.message,
            help: d.help.as_deref(),
        }
    }
}

/// A GitHub Actions workflow command, so problems show up as annotations on the pull request.
pub fn render_github(d: &Diagnostic) -> String {
    fn data(s: &str) -> String {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn property(s: &str) -> String {
        data(s).replace(':', "%3A").replace(',', "%2C")
    }
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = vec![format!(
        "file={}",
        property(&d.file.to_string_lossy().replace('\\', "/"))
    )];
    if let Some(p) = d.start {
        props.push(format!("line={}", p.line));
        props.push(format!("col={}", p.column));
    }
    if let Some(p) = d.end {
        props.push(format!("endLine={}", p.line));
        props.push(format!("endColumn={}", p.column));
    }
    props.push(format!("title={}", property(d.code)));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!("::{command} {}::{}", props.join(","), data(&message))
}

/// A summary line such as `2 errors, 1 warning`.
pub fn summary(errors: usize, warnings: usize) -> String {
    fn plural(n: usize, word: &str) -> String {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    }
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

#[cfg(test)]
mod tests {

    /// A diagnostic with a place but no text to show (a file that is not UTF-8) still says the
    /// line and column in the human form, as the JSON does.
    #[test]
    fn a_place_without_an_excerpt_is_shown() {
        let mut d = Diagnostic::error("BP009", "content/a.md", "not UTF-8");
        d.start = Some(Position {
            line: 8,
            column: 11,
        });
        let text = render_human(&[d], false);
        assert!(text.contains("content/a.md:8:11"), "{text}");
    }
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\ncafé x\n\nlast ✓ line";
        for offset in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            assert_eq!(
                position_of(text, offset),
                Position { line, column },
                "offset {offset}"
            );
            for from in (0..=offset).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(
                    position_after(text, from, position_of(text, from), offset),
                    Position { line, column },
                    "{from}..{offset}"
                );
            }
        }
    }

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let src = "a: 1\nbé: x\n";
        assert_eq!(position_of(src, 0), Position { line: 1, column: 1 });
        let x = src.find('x').unwrap();
        assert_eq!(position_of(src, x), Position { line: 2, column: 5 });
        assert_eq!(offset_of(src, 2, 5), x);
    }

    #[test]
    fn excerpt_holds_whole_lines_and_the_span() {
        let src = "one\ntwo three\nfour\n";
        let d = Diagnostic::error("BP000", "f.md", "bad").at(src, 8..13);
        let e = d.excerpt.unwrap();
        assert_eq!(e.text, "two three");
        assert_eq!(&e.text[e.span.clone()], "three");
        assert_eq!(e.first_line, 2);
    }

    #[test]
    fn out_of_range_spans_are_clamped_not_panicking() {
        let src = "é";
        let d = Diagnostic::error("BP000", "f.md", "bad").at(src, 1..99);
        assert!(d.start.is_some());
    }

    #[test]
    fn human_rendering_names_file_line_and_help() {
        let src = "title: x\ndate: 14/03/2023\n";
        let d = Diagnostic::error("BP003", "content/p.md", "invalid date")
            .at(src, 15..25)
            .label("expected YYYY-MM-DD")
            .help("write the date as 2023-03-14");
        let text = render_human(&[d], false);
        assert!(text.contains("error[BP003]: invalid date"), "{text}");
        assert!(text.contains("content/p.md:2:7"), "{text}");
        assert!(
            text.contains("help: write the date as 2023-03-14"),
            "{text}"
        );
    }
}
