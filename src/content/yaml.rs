//! The one place that parses YAML.
//!
//! serde_yaml is archived upstream; every YAML call in boardpack goes through this module so a maintained
//! fork (serde-saphyr, say) can replace it here and nowhere else. Positions returned are relative to the
//! YAML text given; callers add the front matter's offset in the file.

use serde::de::DeserializeOwned;

/// A YAML problem at a 1-based line and column of the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// The parser's message, without its own "at line N column M" suffix.
    pub message: String,
    pub line: usize,
    pub column: usize,
}

/// A front matter key that no field of the target type accepts, with where it sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    /// Map keys from the root down to the unknown key, e.g. `["contact", "phon"]` (sequence indexes left out).
    pub path: Vec<String>,
    /// Where the mapping holding the key sits: its keys from the root, a list's marked `[]`, joined by
    /// `.` (`items[].actions[]`; empty at the top). Two places with the same last key (`items` of two
    /// kinds, or `exempt` of a paper and of its appendix) are told apart by it.
    pub nesting: String,
    /// 1-based line and column of the key in the YAML text, when it could be found.
    pub line: usize,
    pub column: usize,
}

/// Deserializes `yaml` into `T`, collecting every key `T` does not know instead of failing on the first.
pub fn from_str<T: DeserializeOwned>(yaml: &str) -> Result<(T, Vec<UnknownKey>), YamlError> {
    refuse_anchors(yaml)?;
    // An empty document is an empty mapping to us, so a file with empty front matter reports its
    // missing fields rather than "invalid type: unit".
    let yaml_or_empty = if yaml.trim().is_empty() { "{}" } else { yaml };
    let mut paths: Vec<(Vec<String>, String)> = Vec::new();
    let deserializer = serde_yaml::Deserializer::from_str(yaml_or_empty);
    let value: T = serde_ignored::deserialize(deserializer, |path| paths.push(key_path(&path)))
        .map_err(|e| to_error(&e, yaml))?;
    let unknown = paths
        .into_iter()
        .map(|(path, nesting)| {
            let (line, column) = locate_key(yaml, &path).unwrap_or((1, 1));
            UnknownKey {
                path,
                nesting,
                line,
                column,
            }
        })
        .collect();
    Ok((value, unknown))
}

/// The front matter `yaml`, which [`from_str`] read as `parsed`, as compact JSON for the build cache,
/// which reads it back with [`from_json`] many times faster than YAML is parsed. Given only when the
/// JSON reads back into a value identical to `parsed` (compared through `Debug`, which shows every
/// field), so the cache can never change what a file says; `None` for anything JSON cannot carry
/// (floats, tags, keys that are not strings), and the caller keeps parsing that file's YAML.
pub fn to_plain_json<T: DeserializeOwned + std::fmt::Debug>(
    yaml: &str,
    parsed: &T,
) -> Option<String> {
    let yaml_or_empty = if yaml.trim().is_empty() { "{}" } else { yaml };
    let tree: serde_yaml::Value = serde_yaml::from_str(yaml_or_empty).ok()?;
    let expected = format!("{parsed:?}");
    // serde_yaml reads a null (`actions:` with nothing after it) as an empty list where a list is
    // expected, and serde_json does not: without the nulls, such front matter reads the same.
    for keep_nulls in [true, false] {
        let Some(json) = plain(tree.clone(), keep_nulls) else {
            continue;
        };
        if let Some(value) = from_json_value::<T>(&json)
            && format!("{value:?}") == expected
        {
            return serde_json::to_string(&json).ok();
        }
    }
    None
}

/// Reads front matter kept by [`from_str_with_json`]; `None` if it no longer fits `T` exactly.
pub fn from_json<T: DeserializeOwned>(json: &str) -> Option<T> {
    from_json_value(&serde_json::from_str(json).ok()?)
}

fn from_json_value<T: DeserializeOwned>(json: &serde_json::Value) -> Option<T> {
    let mut unknown = false;
    let value = serde_ignored::deserialize(json, |_| unknown = true).ok()?;
    (!unknown).then_some(value)
}

/// The YAML tree as JSON, if it is plain data that JSON carries without change; without the mapping
/// entries whose value is null, unless `keep_nulls`.
fn plain(value: serde_yaml::Value, keep_nulls: bool) -> Option<serde_json::Value> {
    use serde_yaml::Value as Y;
    Some(match value {
        Y::Null => serde_json::Value::Null,
        Y::Bool(b) => serde_json::Value::Bool(b),
        // Floats are left out: their text may not come back the same after a trip through JSON.
        Y::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.into(),
            (None, Some(i)) => i.into(),
            _ => return None,
        },
        Y::String(s) => serde_json::Value::String(s),
        Y::Sequence(items) => {
            let items = items.into_iter().map(|v| plain(v, keep_nulls));
            serde_json::Value::Array(items.collect::<Option<_>>()?)
        }
        Y::Mapping(map) => {
            let mut object = serde_json::Map::new();
            for (key, value) in map {
                let Y::String(key) = key else { return None };
                if value.is_null() && !keep_nulls {
                    continue;
                }
                if object.insert(key, plain(value, keep_nulls)?).is_some() {
                    return None;
                }
            }
            serde_json::Value::Object(object)
        }
        Y::Tagged(_) => return None,
    })
}

/// Refuses anchors (`&name`) and aliases (`*name`) before serde_yaml sees them. Front matter never
/// needs them, and serde_yaml expands aliases with a budget that grows with the document, so nine
/// levels of nine aliases padded with a long list took 5.7 GB and 16 s. Most front matter has no
/// `&` or `*` before a word at all; only that which has is read through libyaml's parser (the one
/// serde_yaml uses, so the two agree on what is an alias), which does not expand anything.
fn refuse_anchors(yaml: &str) -> Result<(), YamlError> {
    let bytes = yaml.as_bytes();
    let maybe = memchr::memchr2_iter(b'&', b'*', bytes).any(|i| {
        bytes
            .get(i + 1)
            .is_some_and(|b| !b.is_ascii_whitespace() && !b",[]{}".contains(b))
    });
    if !maybe {
        return Ok(());
    }
    match events::first_anchor(yaml) {
        None => Ok(()),
        Some(found) => {
            let (what, sigil) = if found.alias {
                ("alias", '*')
            } else {
                ("anchor", '&')
            };
            Err(YamlError {
                message: format!(
                    "`{sigil}{}` is a YAML {what}, which front matter does not use",
                    found.name
                ),
                line: found.line,
                column: found.column,
            })
        }
    }
}

/// A YAML node and the bytes of the text it spans: for finding where a value sits, which serde_yaml
/// does not say (the publishing rules blank the front matter text of exempt minute items with it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spanned {
    Scalar {
        value: String,
        span: std::ops::Range<usize>,
    },
    Sequence {
        items: Vec<Spanned>,
        span: std::ops::Range<usize>,
    },
    /// Keys and values in the order written.
    Mapping {
        entries: Vec<(Spanned, Spanned)>,
        span: std::ops::Range<usize>,
    },
}

impl Spanned {
    /// Byte range in the YAML text: a block mapping or sequence runs to where the next token starts,
    /// so it takes in the comments and blank lines after its last value.
    pub fn span(&self) -> std::ops::Range<usize> {
        match self {
            Spanned::Scalar { span, .. }
            | Spanned::Sequence { span, .. }
            | Spanned::Mapping { span, .. } => span.clone(),
        }
    }

    /// The value of `key` in a mapping (the first, if written twice).
    pub fn get(&self, key: &str) -> Option<&Spanned> {
        match self {
            Spanned::Mapping { entries, .. } => entries
                .iter()
                .find(|(k, _)| matches!(k, Spanned::Scalar { value, .. } if value == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
}

/// The YAML text as a tree of [`Spanned`] nodes; `None` when it is empty, does not parse, or holds an
/// alias (front matter is refused those before this is asked).
pub fn spanned(yaml: &str) -> Option<Spanned> {
    events::tree(yaml)
}

/// libyaml's event parser, for [`refuse_anchors`]: serde_yaml does not give its events out.
mod events {
    use std::mem::MaybeUninit;
    use unsafe_libyaml as unsafe_yaml;

    /// The first anchor or alias of a document.
    pub(super) struct Found {
        pub(super) alias: bool,
        pub(super) name: String,
        /// 1-based.
        pub(super) line: usize,
        pub(super) column: usize,
    }

    /// Runs `visit` on each event of `yaml`, in order, until it breaks or the stream ends: the one
    /// place the parser is made and deleted. On a syntax error, `failed` is given the parser (its
    /// context says what it was scanning) and the reading ends. `None`: the parser could not be made.
    fn each_event<T>(
        yaml: &str,
        mut visit: impl FnMut(&unsafe_yaml::yaml_event_t) -> std::ops::ControlFlow<()>,
        failed: impl FnOnce(&unsafe_yaml::yaml_parser_t) -> T,
    ) -> Option<Result<(), T>> {
        // SAFETY: the parser is initialised before use and deleted once, on every path; it reads
        // `yaml`, which outlives it; each event is given to `visit` before it is deleted, so what it
        // points into (anchors, scalar values) is libyaml's until then.
        unsafe {
            let mut parser = MaybeUninit::<unsafe_yaml::yaml_parser_t>::uninit();
            let parser = parser.as_mut_ptr();
            if unsafe_yaml::yaml_parser_initialize(parser).fail {
                return None;
            }
            unsafe_yaml::yaml_parser_set_encoding(parser, unsafe_yaml::YAML_UTF8_ENCODING);
            unsafe_yaml::yaml_parser_set_input_string(parser, yaml.as_ptr(), yaml.len() as u64);
            let mut result = Ok(());
            loop {
                let mut event = MaybeUninit::<unsafe_yaml::yaml_event_t>::uninit();
                let event = event.as_mut_ptr();
                if unsafe_yaml::yaml_parser_parse(parser, event).fail {
                    result = Err(failed(&*parser));
                    break;
                }
                let end = (*event).type_ == unsafe_yaml::YAML_STREAM_END_EVENT;
                let flow = visit(&*event);
                unsafe_yaml::yaml_event_delete(event);
                if end || flow.is_break() {
                    break;
                }
            }
            unsafe_yaml::yaml_parser_delete(parser);
            Some(result)
        }
    }

    /// The first anchor or alias in `yaml`, reading no further. A syntax error ends the reading:
    /// serde_yaml reports it next, with its own message.
    pub(super) fn first_anchor(yaml: &str) -> Option<Found> {
        use std::ops::ControlFlow;
        let mut found = None;
        let read = each_event(
            yaml,
            |event| {
                // SAFETY: the union's field is the one `type_` names; an anchor is a
                // NUL-terminated string libyaml owns while the event lives.
                unsafe {
                    let (alias, anchor) = match event.type_ {
                        unsafe_yaml::YAML_ALIAS_EVENT => (true, event.data.alias.anchor),
                        unsafe_yaml::YAML_SCALAR_EVENT => (false, event.data.scalar.anchor),
                        unsafe_yaml::YAML_SEQUENCE_START_EVENT => {
                            (false, event.data.sequence_start.anchor)
                        }
                        unsafe_yaml::YAML_MAPPING_START_EVENT => {
                            (false, event.data.mapping_start.anchor)
                        }
                        _ => (false, std::ptr::null_mut()),
                    };
                    if anchor.is_null() {
                        return ControlFlow::Continue(());
                    }
                    let name = std::ffi::CStr::from_ptr(anchor.cast());
                    let mark = event.start_mark;
                    found = Some(Found {
                        alias,
                        name: name.to_string_lossy().into_owned(),
                        line: mark.line as usize + 1,
                        column: mark.column as usize + 1,
                    });
                    ControlFlow::Break(())
                }
            },
            // `*Urgent*: …` fails in libyaml's scanner before it gives an alias event: still an
            // alias to the clerk, who meant text.
            // SAFETY: the parser has just failed, as `failed_alias` asks.
            |parser| unsafe { failed_alias(parser, yaml) },
        )?;
        match read {
            Ok(()) => found,
            Err(failed) => failed,
        }
    }

    /// A node being read: its children so far and where it starts.
    enum Open {
        Sequence(Vec<super::Spanned>, usize),
        Mapping(Vec<super::Spanned>, usize),
    }

    /// The tree of `yaml` ([`super::spanned`]), read from libyaml's events with their byte marks.
    pub(super) fn tree(yaml: &str) -> Option<super::Spanned> {
        use super::Spanned;
        use std::ops::ControlFlow;
        let mut stack: Vec<Open> = Vec::new();
        let mut root = None;
        let mut failed = false;
        let read = each_event(
            yaml,
            |event| {
                let start = event.start_mark.index as usize;
                let end = event.end_mark.index as usize;
                let done = match event.type_ {
                    unsafe_yaml::YAML_SCALAR_EVENT => {
                        // SAFETY: a scalar event's value is `length` bytes libyaml owns while the
                        // event lives.
                        let bytes = unsafe {
                            let scalar = event.data.scalar;
                            if scalar.value.is_null() {
                                &[][..]
                            } else {
                                std::slice::from_raw_parts(scalar.value, scalar.length as usize)
                            }
                        };
                        Spanned::Scalar {
                            value: String::from_utf8_lossy(bytes).into_owned(),
                            span: start..end,
                        }
                    }
                    unsafe_yaml::YAML_SEQUENCE_START_EVENT => {
                        stack.push(Open::Sequence(Vec::new(), start));
                        return ControlFlow::Continue(());
                    }
                    unsafe_yaml::YAML_MAPPING_START_EVENT => {
                        stack.push(Open::Mapping(Vec::new(), start));
                        return ControlFlow::Continue(());
                    }
                    unsafe_yaml::YAML_SEQUENCE_END_EVENT | unsafe_yaml::YAML_MAPPING_END_EVENT => {
                        match stack.pop() {
                            Some(Open::Sequence(items, from)) => Spanned::Sequence {
                                items,
                                span: from..end.max(from),
                            },
                            Some(Open::Mapping(flat, from)) => {
                                let mut flat = flat.into_iter();
                                let mut entries = Vec::new();
                                while let (Some(k), Some(v)) = (flat.next(), flat.next()) {
                                    entries.push((k, v));
                                }
                                Spanned::Mapping {
                                    entries,
                                    span: from..end.max(from),
                                }
                            }
                            None => {
                                failed = true;
                                return ControlFlow::Break(());
                            }
                        }
                    }
                    unsafe_yaml::YAML_ALIAS_EVENT => {
                        failed = true;
                        return ControlFlow::Break(());
                    }
                    unsafe_yaml::YAML_DOCUMENT_END_EVENT | unsafe_yaml::YAML_STREAM_END_EVENT => {
                        return ControlFlow::Break(());
                    }
                    _ => return ControlFlow::Continue(()),
                };
                match stack.last_mut() {
                    Some(Open::Sequence(children, _) | Open::Mapping(children, _)) => {
                        children.push(done)
                    }
                    None => root = Some(done),
                }
                ControlFlow::Continue(())
            },
            |_| (),
        )?;
        if failed || read.is_err() { None } else { root }
    }

    /// The anchor or alias the parser stopped in, if its error is one.
    ///
    /// SAFETY (caller): `parser` has just failed; its `context` is null or a static C string.
    unsafe fn failed_alias(parser: &unsafe_yaml::yaml_parser_t, yaml: &str) -> Option<Found> {
        if parser.context.is_null() {
            return None;
        }
        // SAFETY: libyaml sets `context` to string literals only.
        let context = unsafe { std::ffi::CStr::from_ptr(parser.context) }.to_bytes();
        let alias = match context {
            b"while scanning an alias" => true,
            b"while scanning an anchor" => false,
            _ => return None,
        };
        let mark = parser.context_mark;
        let rest = yaml.get(mark.index as usize + 1..)?;
        let name: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
        Some(Found {
            alias,
            name,
            line: mark.line as usize + 1,
            column: mark.column as usize + 1,
        })
    }
}

/// Writes `value` as YAML: the front matter of files boardpack makes (imported papers).
pub fn to_string<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_yaml::to_string(value).map_err(|e| e.to_string())
}

fn to_error(e: &serde_yaml::Error, yaml: &str) -> YamlError {
    let full = e.to_string();
    // Positions inside the message are relative to the front matter, not the file: leave them out,
    // the diagnostic carries the right ones.
    let message = strip_positions(&full);
    let (line, column) = match e.location() {
        Some(loc) => (loc.line(), loc.column()),
        // Errors without a place (e.g. a missing field at the root) point at the first line.
        None => (1, 1),
    };
    // Errors raised by our own value types (dates, times, item numbers) are placed by serde_yaml at the
    // enclosing mapping; they quote the offending value first, so find that value instead.
    let (line, column) = quoted_value(&message)
        .and_then(|v| locate_value(yaml, v))
        .unwrap_or((line, column));
    // libyaml reports the end of input one line past the last for unterminated structures.
    let lines = yaml.lines().count().max(1);
    YamlError {
        message: tidy_message(&message),
        line: line.min(lines),
        column,
    }
}

/// Removes every " at line N column M" from a parser message.
fn strip_positions(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let after = &after[digits..];
        rest = match after.strip_prefix(" column ") {
            Some(col) => &col[col.bytes().take_while(u8::is_ascii_digit).count()..],
            None => after,
        };
    }
    out.push_str(rest);
    out
}

/// The value quoted at the start of a message such as "`14/03/2023` is not a date…".
fn quoted_value(message: &str) -> Option<&str> {
    let rest = message.strip_prefix('`')?;
    let end = rest.find('`')?;
    Some(&rest[..end]).filter(|v| !v.is_empty())
}

/// Line and column of the first scalar equal to `value` (after `: ` or `- `, quoted or not).
fn locate_value(yaml: &str, value: &str) -> Option<(usize, usize)> {
    yaml.lines().enumerate().find_map(|(i, line)| {
        let mut search = 0;
        while let Some(pos) = line[search..].find(value) {
            let start = search + pos;
            let before = line[..start].trim_end_matches(['"', '\'']);
            let after = line[start + value.len()..]
                .trim_start_matches(['"', '\''])
                .trim();
            if (before.ends_with(": ")
                || before.ends_with(':')
                || before.trim_end().ends_with('-')
                || before.trim().is_empty())
                && (after.is_empty() || after.starts_with('#'))
            {
                return Some((i + 1, line[..start].chars().count() + 1));
            }
            search = start + value.len();
        }
        None
    })
}

/// serde's messages name Rust-side things; say them the way a clerk reads YAML.
fn tidy_message(message: &str) -> String {
    message
        .replace("invalid type: unit value", "an empty value")
        .replace("a sequence", "a list")
        .replace("sequence", "list")
        .replace("struct ", "")
        .replace("map, expected", "mapping (keys and values), expected")
}

/// The map keys from the root down to an unknown key, and the nesting of the mapping holding it
/// ([`UnknownKey::nesting`]).
fn key_path(path: &serde_ignored::Path<'_>) -> (Vec<String>, String) {
    let mut keys = Vec::new();
    // Walked from the key up: `[]` goes on the next key up, the one whose value is the list.
    let mut marked = Vec::new();
    let mut in_list = false;
    let mut current = path;
    loop {
        match current {
            serde_ignored::Path::Root => break,
            serde_ignored::Path::Map { parent, key } => {
                keys.push(key.clone());
                marked.push(if in_list {
                    format!("{key}[]")
                } else {
                    key.clone()
                });
                in_list = false;
                current = parent;
            }
            serde_ignored::Path::Seq { parent, .. } => {
                in_list = true;
                current = parent;
            }
            serde_ignored::Path::Some { parent }
            | serde_ignored::Path::NewtypeStruct { parent }
            | serde_ignored::Path::NewtypeVariant { parent } => current = parent,
        }
    }
    keys.reverse();
    marked.reverse();
    marked.pop();
    (keys, marked.join("."))
}

/// Finds the line and column of a nested key by looking for each key of the path in turn,
/// each after the line of the one before. Block-style YAML, which is what front matter is.
fn locate_key(yaml: &str, path: &[String]) -> Option<(usize, usize)> {
    let mut from_line = 0;
    let mut found = None;
    for key in path {
        let (line_index, column) =
            yaml.lines()
                .enumerate()
                .skip(from_line)
                .find_map(|(i, line)| {
                    let trimmed = line.trim_start();
                    let (dash, rest) = match trimmed.strip_prefix("- ") {
                        Some(rest) => (2 + rest.len() - rest.trim_start().len(), rest.trim_start()),
                        None => (0, trimmed),
                    };
                    let unquoted = rest.trim_start_matches(['"', '\'']);
                    let quote = rest.len() - unquoted.len();
                    let after = unquoted.strip_prefix(key.as_str())?;
                    let after = after.trim_start_matches(['"', '\'']);
                    if after.starts_with(':') {
                        let indent = line.len() - trimmed.len();
                        let column = line[..indent + dash + quote].chars().count() + 1;
                        Some((i, column))
                    } else {
                        None
                    }
                })?;
        from_line = line_index + 1;
        found = Some((line_index + 1, column));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Contact {
        name: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        item: u32,
        contact: Option<Contact>,
    }

    /// Every front matter file of the example site, read through JSON, is what serde_yaml makes of it.
    #[test]
    fn the_json_kept_for_the_cache_reads_back_as_the_yaml_does() {
        use crate::content::model::{BoardMatter, MeetingMatter, MinutesMatter, PaperMatter};
        fn same<T: DeserializeOwned + std::fmt::Debug>(yaml: &str) -> bool {
            let (direct, _) = from_str::<T>(yaml).unwrap();
            let json = to_plain_json::<T>(yaml, &direct).expect("plain front matter gives JSON");
            let back = from_json::<T>(&json).unwrap();
            assert_eq!(format!("{direct:?}"), format!("{back:?}"));
            true
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut checked = 0;
        for entry in walkdir::WalkDir::new(&root) {
            let path = entry.unwrap().into_path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.ends_with(".md") || path.components().any(|c| c.as_os_str() == "appendices") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let yaml = text
                .split("\n---\n")
                .next()
                .unwrap()
                .trim_start_matches("---\n");
            let parent = path
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy();
            let ok = match name.as_str() {
                "board.md" => same::<BoardMatter>(yaml),
                "meeting.md" => same::<MeetingMatter>(yaml),
                "minutes.md" => same::<MinutesMatter>(yaml),
                _ if parent == "pages" => continue,
                _ if parent == "people" => same::<crate::content::people::PersonMatter>(yaml),
                _ if parent == "decisions" => {
                    same::<crate::content::decisions::NoticeMatter>(yaml)
                }
                _ => same::<PaperMatter>(yaml),
            };
            checked += usize::from(ok);
        }
        assert!(checked > 30, "{checked} files checked");
    }

    #[test]
    fn front_matter_json_cannot_carry_exactly_gives_none() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Loose {
            title: String,
            #[serde(default)]
            tags: Vec<String>,
            score: Option<f64>,
        }
        for yaml in [
            "title: A\nscore: 2.5\n",
            "title: !tag A\n",
            "title: A\n1: x\n",
        ] {
            if let Ok((parsed, _)) = from_str::<Loose>(yaml) {
                assert_eq!(to_plain_json(yaml, &parsed), None, "{yaml:?}");
            }
        }
        // A null where a list is expected: serde_yaml reads an empty list, and so does the JSON.
        let yaml = "title: A\ntags:\n";
        let (parsed, _) = from_str::<Loose>(yaml).unwrap();
        let json = to_plain_json(yaml, &parsed).unwrap();
        assert_eq!(
            format!("{:?}", from_json::<Loose>(&json).unwrap()),
            format!("{parsed:?}")
        );
        // JSON that no longer fits the type (a field added to the file format) is refused.
        assert!(from_json::<Doc>(r#"{"title":"A","item":2,"new":1}"#).is_none());
        assert!(from_json::<Doc>(r#"{"title":"A"}"#).is_none());
    }

    #[test]
    fn collects_all_unknown_keys_with_positions() {
        let yaml = "title: A\nitem: 3\ntitel: B\ncontact:\n  name: X\n  phon: 1\n";
        let (_, unknown) = from_str::<Doc>(yaml).unwrap();
        assert_eq!(unknown.len(), 2);
        assert_eq!(unknown[0].path, vec!["titel"]);
        assert_eq!((unknown[0].line, unknown[0].column), (3, 1));
        assert_eq!(unknown[1].path, vec!["contact", "phon"]);
        assert_eq!((unknown[1].line, unknown[1].column), (6, 3));
        assert_eq!(
            (unknown[0].nesting.as_str(), unknown[1].nesting.as_str()),
            ("", "contact")
        );
    }

    #[test]
    fn the_nesting_of_an_unknown_key_marks_lists() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Action {
            action: String,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Item {
            item: u32,
            #[serde(default)]
            actions: Option<Vec<Action>>,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Minutes {
            items: Vec<Item>,
        }
        let yaml =
            "items:\n  - item: 1\n    actions:\n      - action: a\n        ownr: x\n    minut: y\n";
        let (_, unknown) = from_str::<Minutes>(yaml).unwrap();
        let found: Vec<(&str, &str)> = unknown
            .iter()
            .map(|k| (k.nesting.as_str(), k.path.last().unwrap().as_str()))
            .collect();
        assert_eq!(found, [("items[].actions[]", "ownr"), ("items[]", "minut")]);
    }

    #[test]
    fn type_errors_have_positions_and_no_suffix() {
        let err = from_str::<Doc>("title: A\nitem: three\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert_eq!(err.column, 7);
        assert!(!err.message.contains("at line"), "{}", err.message);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let err = from_str::<Doc>("title: A\nitem: [1\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
    }

    #[test]
    fn empty_front_matter_reports_missing_fields() {
        let err = from_str::<Doc>("").unwrap_err();
        assert!(
            err.message.contains("missing field `title`"),
            "{}",
            err.message
        );
    }
}
