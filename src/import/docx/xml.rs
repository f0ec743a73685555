//! A small element tree for the XML parts of a `.docx`.
//!
//! Word's constructs are easier to read as a tree than as an event stream: an `mc:AlternateContent`
//! has to be looked at whole to pick one branch, a table caption sits beside its table, a text box
//! moves after its paragraph. The parts are bounded by the package limits, and the tree keeps only
//! what the reader uses (no revision ids, no whitespace between elements), so holding one is cheap.
//!
//! Names are written with the *usual* prefix of their namespace (`w:p`, `r:id`, `a:blip`) whatever
//! prefix the file declared, so a document from a tool that writes `<ns0:p>` or a Strict Open XML
//! document (other namespace URIs) reads the same as one from Word.

use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;

use super::super::ReadError;

/// Deeper nesting than this is not a Word document but an attack on the stack (the tree is walked and
/// dropped recursively). Real documents, nested tables and text boxes included, stay far below it.
const MAX_DEPTH: usize = 256;

#[derive(Debug, Default)]
pub(crate) struct Element {
    /// The canonical qualified name, e.g. `w:p`.
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// The value of an attribute by canonical name (`w:val`, `r:id`, `descr`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element with this name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The `w:val` of a child element, e.g. `pPr.child_val("w:pStyle")`.
    pub fn child_val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|e| e.attr("w:val"))
    }

    /// The text directly inside this element.
    pub fn own_text(&self) -> String {
        let mut out = String::new();
        for node in &self.children {
            if let Node::Text(t) = node {
                out.push_str(t);
            }
        }
        out
    }

    /// All descendant elements with this name, not looking inside elements named in `stop`.
    pub fn descendants<'a>(&'a self, name: &str, stop: &[&str], out: &mut Vec<&'a Element>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            } else if !stop.contains(&e.name.as_str()) {
                e.descendants(name, stop, out);
            }
        }
    }
}

/// A Word on/off property (`<w:b/>`, `<w:b w:val="0"/>`): present means on unless the value says off.
pub(crate) fn on_off(e: &Element) -> bool {
    !matches!(e.attr("w:val"), Some("0" | "false" | "off" | "none"))
}

/// The usual prefix of the namespaces the reader looks at; other namespaces keep the prefix the file
/// gave them.
fn canonical_prefix(uri: &str) -> Option<&'static str> {
    Some(match uri {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | "http://purl.oclc.org/ooxml/wordprocessingml/main" => "w",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        | "http://purl.oclc.org/ooxml/officeDocument/relationships" => "r",
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
        | "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing" => "wp",
        "http://schemas.openxmlformats.org/drawingml/2006/main"
        | "http://purl.oclc.org/ooxml/drawingml/main" => "a",
        "http://schemas.openxmlformats.org/drawingml/2006/picture"
        | "http://purl.oclc.org/ooxml/drawingml/picture" => "pic",
        "http://schemas.openxmlformats.org/officeDocument/2006/math"
        | "http://purl.oclc.org/ooxml/officeDocument/math" => "m",
        "http://schemas.openxmlformats.org/markup-compatibility/2006" => "mc",
        "http://schemas.openxmlformats.org/package/2006/relationships" => "rel",
        "http://schemas.openxmlformats.org/package/2006/metadata/core-properties" => "cp",
        "http://purl.org/dc/elements/1.1/" => "dc",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingShape" => "wps",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" => "wpg",
        "urn:schemas-microsoft-com:vml" => "v",
        "urn:schemas-microsoft-com:office:office" => "o",
        _ => return None,
    })
}

/// Attributes that only record editing sessions; Word writes them on nearly every element, so the
/// tree leaves them out.
fn is_noise_attr(local: &str) -> bool {
    local.starts_with("rsid") || local == "paraId" || local == "textId"
}

/// Formatting elements the reader never looks at but Word repeats on every run and paragraph.
fn is_noise_element(name: &str) -> bool {
    matches!(
        name,
        "w:rFonts"
            | "w:sz"
            | "w:szCs"
            | "w:lang"
            | "w:color"
            | "w:spacing"
            | "w:ind"
            | "w:jc"
            | "w:kern"
            | "w:noProof"
            | "w:proofErr"
            | "w:bookmarkStart"
            | "w:bookmarkEnd"
            | "w:lastRenderedPageBreak"
            | "w:tabs"
            | "w:shd"
            | "w:tcW"
            | "w:tblW"
            | "w:tcBorders"
            | "w:tblBorders"
            | "w:pBdr"
            | "w:sectPr"
            | "w:rPrChange"
            | "w:pPrChange"
            | "w:tblPrChange"
            | "w:tcPrChange"
            | "w:trPrChange"
            | "w:sectPrChange"
    )
}

/// Namespace declarations in scope: (prefix, or "" for the default namespace; URI).
struct Scopes {
    bindings: Vec<(String, String)>,
    /// `bindings.len()` when each open element started.
    marks: Vec<usize>,
}

impl Scopes {
    fn resolve(&self, prefix: &str) -> Option<&str> {
        self.bindings
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, u)| u.as_str())
    }

    /// The canonical form of a qualified name. Unprefixed attributes are in no namespace and stay bare.
    fn canonical(&self, qname: &str, is_attr: bool) -> String {
        let (prefix, local) = match qname.split_once(':') {
            Some((p, l)) => (p, l),
            None if is_attr => return qname.to_string(),
            None => ("", qname),
        };
        if prefix == "xml" {
            return qname.to_string();
        }
        match self.resolve(prefix).and_then(canonical_prefix) {
            Some(p) => format!("{p}:{local}"),
            None if prefix.is_empty() => local.to_string(),
            None => qname.to_string(),
        }
    }
}

/// Decodes a part's bytes: UTF-8 (with or without a byte-order mark) or UTF-16 with one.
fn decode(part: &str, bytes: &[u8]) -> Result<String, ReadError> {
    let utf16 = |be: bool| {
        let units = bytes.get(2..).unwrap_or_default().chunks_exact(2).map(|c| {
            if be {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| ReadError::Corrupt(format!("{part}: the UTF-16 text is damaged")))
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => std::str::from_utf8(rest)
            .map(str::to_string)
            .map_err(|e| not_utf8(part, e.valid_up_to() + 3)),
        [0xFF, 0xFE, ..] => utf16(false),
        [0xFE, 0xFF, ..] => utf16(true),
        _ => std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|e| not_utf8(part, e.valid_up_to())),
    }
}

fn not_utf8(part: &str, at: usize) -> ReadError {
    ReadError::Corrupt(format!("{part}: the text is not valid UTF-8 at byte {at}"))
}

fn corrupt(part: &str, what: impl std::fmt::Display, at: u64) -> ReadError {
    ReadError::Corrupt(format!("{part}: {what} at byte {at}"))
}

/// The text an entity or character reference stands for. XML in a `.docx` has no DTD, so only the
/// five predefined entities exist; any other is kept as written rather than failing the document.
fn resolve_ref(r: &BytesRef) -> Option<String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c.to_string());
    }
    if r.is_char_ref() {
        return None;
    }
    Some(
        match &**r {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            other => return Some(format!("&{other};")),
        }
        .to_string(),
    )
}

/// Parses a part into its root element. `part` names it in error messages.
pub(crate) fn parse(part: &str, bytes: &[u8]) -> Result<Element, ReadError> {
    let text = decode(part, bytes)?;
    let mut reader = Reader::from_str(&text);
    let mut scopes = Scopes {
        bindings: Vec::new(),
        marks: Vec::new(),
    };
    // The open elements; the bottom one collects the root.
    let mut stack: Vec<Element> = vec![Element::default()];
    // Depth inside an element the tree leaves out (0 when not skipping).
    let mut skipping = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| corrupt(part, e, reader.error_position()))?;
        match event {
            Event::Start(start) => {
                if skipping > 0 {
                    skipping += 1;
                    continue;
                }
                let element = open(part, &start, &mut scopes, &reader)?;
                if is_noise_element(&element.name) {
                    scopes.pop();
                    skipping = 1;
                    continue;
                }
                if stack.len() > MAX_DEPTH {
                    return Err(corrupt(
                        part,
                        format!("elements nested more than {MAX_DEPTH} deep"),
                        reader.buffer_position(),
                    ));
                }
                stack.push(element);
            }
            Event::Empty(start) => {
                if skipping > 0 {
                    continue;
                }
                let element = open(part, &start, &mut scopes, &reader)?;
                scopes.pop();
                if !is_noise_element(&element.name) {
                    add_child(&mut stack, Node::Element(element));
                }
            }
            Event::End(_) => {
                if skipping > 0 {
                    skipping -= 1;
                    continue;
                }
                scopes.pop();
                match stack.pop() {
                    Some(done) if !stack.is_empty() => add_child(&mut stack, Node::Element(done)),
                    _ => {
                        return Err(corrupt(
                            part,
                            "an end tag without a start tag",
                            reader.buffer_position(),
                        ));
                    }
                }
            }
            Event::Text(t) if skipping == 0 => add_text(&mut stack, &t.xml10_content()),
            Event::CData(t) if skipping == 0 => add_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) if skipping == 0 => match resolve_ref(&r) {
                Some(s) => add_text(&mut stack, &s),
                None => {
                    return Err(corrupt(
                        part,
                        format!("a bad character reference &{};", &*r),
                        reader.buffer_position(),
                    ));
                }
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() > 1 || skipping > 0 {
        return Err(corrupt(
            part,
            "unexpected end of XML",
            reader.buffer_position(),
        ));
    }
    let root = stack.pop().unwrap_or_default();
    root.children
        .into_iter()
        .find_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| corrupt(part, "no XML element", reader.buffer_position()))
}

impl Scopes {
    fn pop(&mut self) {
        if let Some(mark) = self.marks.pop() {
            self.bindings.truncate(mark);
        }
    }
}

/// Reads a start tag: declares its namespaces (the caller pops the scope when the element closes) and
/// returns the element with canonical names.
fn open(
    part: &str,
    start: &BytesStart,
    scopes: &mut Scopes,
    reader: &Reader<&[u8]>,
) -> Result<Element, ReadError> {
    scopes.marks.push(scopes.bindings.len());
    let mut raw = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| corrupt(part, e, reader.buffer_position()))?;
        let key = attr.key.0;
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| corrupt(part, e, reader.buffer_position()))?;
        if key == "xmlns" {
            scopes.bindings.push((String::new(), value.into_owned()));
        } else if let Some(prefix) = key.strip_prefix("xmlns:") {
            scopes
                .bindings
                .push((prefix.to_string(), value.into_owned()));
        } else {
            raw.push((key, value));
        }
    }
    let mut element = Element {
        name: scopes.canonical(start.name().0, false),
        attrs: Vec::new(),
        children: Vec::new(),
    };
    for (key, value) in raw {
        let local = key.rsplit(':').next().unwrap_or(key);
        if !is_noise_attr(local) {
            element
                .attrs
                .push((scopes.canonical(key, true), value.into_owned()));
        }
    }
    Ok(element)
}

fn add_child(stack: &mut [Element], node: Node) {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(node);
    }
}

/// Adds text to the open element. Whitespace between elements is dropped except where Word keeps
/// text (`w:t`, `w:instrText`), where a lone space is content.
fn add_text(stack: &mut [Element], text: &str) {
    let Some(parent) = stack.last_mut() else {
        return;
    };
    if text.trim().is_empty()
        && !matches!(
            parent.name.as_str(),
            "w:t" | "w:instrText" | "m:t" | "dc:title"
        )
    {
        return;
    }
    if let Some(Node::Text(last)) = parent.children.last_mut() {
        last.push_str(text);
    } else {
        parent.children.push(Node::Text(text.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_names_and_entities() {
        let xml = br#"<?xml version="1.0"?><x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:t a="1" x:val="&amp;">A &lt; B&#x41;</x:t><x:rFonts/></x:document>"#;
        let root = parse("p", xml).unwrap();
        assert_eq!(root.name, "w:document");
        let t = root.child("w:t").unwrap();
        assert_eq!(t.attr("a"), Some("1"));
        assert_eq!(t.attr("w:val"), Some("&"));
        assert_eq!(t.own_text(), "A < BA");
        assert!(root.child("w:rFonts").is_none());
    }

    #[test]
    fn errors_name_the_part() {
        let err = parse("word/document.xml", b"<a><b></a>").unwrap_err();
        assert!(
            matches!(err, ReadError::Corrupt(ref m) if m.starts_with("word/document.xml:")),
            "{err:?}"
        );
        let err = parse("word/document.xml", b"<a><b>").unwrap_err();
        assert!(
            matches!(err, ReadError::Corrupt(ref m) if m.contains("unexpected end of XML")),
            "{err:?}"
        );
        let deep = "<a>".repeat(MAX_DEPTH + 10);
        assert!(parse("p", deep.as_bytes()).is_err());
    }
}
