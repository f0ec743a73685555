//! Word `.docx` reader: a zip package of XML parts into a [`Document`].
//!
//! The reader never trusts the file. It sniffs what the bytes are before unzipping (an old `.doc`
//! and a password-protected `.docx` are both OLE compound files, and deserve their own message),
//! unpacks only within [`package::Limits`], and turns every failure into a [`ReadError`] value: a
//! damaged or hostile file can make an import fail, never make boardpack panic.
//!
//! The work is split by part:
//! - `package`: the zip archive, limits, relationships and part paths;
//! - `xml`: a small element tree with canonical namespace prefixes;
//! - `styles`, `numbering`: what styles mean and which numbers Word shows;
//! - `body`: paragraphs, runs, fields, tables, images, text boxes and notes.
//!
//! Ideas about what Word means come from mammoth.js and pandoc; the code is our own.

mod body;
mod numbering;
mod package;
mod styles;
mod xml;

use super::ReadError;
use super::doc::{Document, Note, NoteKind};
use body::{Converter, NotePart};
use numbering::Numbering;
use package::{Limits, Package, Rels};
use styles::Styles;
use xml::Element;

/// The largest `.docx` file boardpack reads ([`super::limits::WORD_FILE_BYTES`]).
pub const MAX_FILE_BYTES: u64 = super::limits::WORD_FILE_BYTES;

/// The start of an OLE compound file: an old `.doc`, or an encrypted `.docx` (Office wraps those in
/// one).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads a `.docx` file's bytes into a [`Document`].
pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    read_with(bytes, Limits::DEFAULT)
}

fn read_with(bytes: &[u8], limits: Limits) -> Result<Document, ReadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            what: "this file".into(),
            limit: MAX_FILE_BYTES,
        });
    }
    sniff(bytes)?;
    let mut pkg = Package::open(bytes, limits)?;
    let package_rels = pkg.rels("")?;
    let main = main_part(&pkg, &package_rels);
    let root = pkg.xml(&main)?.ok_or_else(|| {
        ReadError::NotDocx(
            "it is a zip archive without word/document.xml, the text of a Word document".into(),
        )
    })?;
    if root.name != "w:document" {
        return Err(ReadError::NotDocx(format!(
            "its main part {main} is not a Word document (is it a spreadsheet or a presentation?)"
        )));
    }
    let body = root
        .child("w:body")
        .ok_or_else(|| ReadError::Corrupt(format!("{main}: the document has no body")))?;
    let rels = pkg.rels(&main)?;

    let styles = match related_xml(&mut pkg, &main, &rels, "/styles", "styles.xml")? {
        Some((root, _)) => Styles::parse(&root),
        None => Styles::default(),
    };
    let numbering = match related_xml(&mut pkg, &main, &rels, "/numbering", "numbering.xml")? {
        Some((root, _)) => Numbering::parse(&root),
        None => Numbering::default(),
    };
    let footnotes = related_with_rels(&mut pkg, &main, &rels, "/footnotes", "footnotes.xml")?;
    let endnotes = related_with_rels(&mut pkg, &main, &rels, "/endnotes", "endnotes.xml")?;

    let mut notes = Vec::new();
    let title = core_title(&mut pkg, &package_rels, &mut notes);
    let comments = comment_count(&mut pkg, &main, &rels, &mut notes);

    let mut converter = Converter::new(
        &mut pkg,
        &styles,
        numbering,
        &rels,
        footnotes
            .as_ref()
            .map(|(root, rels)| NotePart::new(root, rels)),
        endnotes
            .as_ref()
            .map(|(root, rels)| NotePart::new(root, rels)),
    );
    let blocks = converter.body(body)?;
    let Converter {
        notes_out,
        images,
        report,
        ..
    } = converter;
    notes.extend(report);
    if comments > 0 {
        let message = if comments == 1 {
            "1 comment was left out".to_string()
        } else {
            format!("{comments} comments were left out")
        };
        notes.push(Note {
            kind: NoteKind::Comments,
            message,
        });
    }
    Ok(Document {
        blocks,
        footnotes: notes_out,
        images,
        title,
        notes,
    })
}

/// Tells the files people mistake for a `.docx` apart before unzipping anything.
fn sniff(bytes: &[u8]) -> Result<(), ReadError> {
    if bytes.starts_with(&OLE_MAGIC) {
        let utf16 = |name: &str| {
            name.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>()
        };
        let encrypted = ["EncryptedPackage", "EncryptionInfo"]
            .iter()
            .any(|n| memchr::memmem::find(bytes, &utf16(n)).is_some());
        return Err(if encrypted {
            ReadError::Encrypted
        } else {
            ReadError::LegacyWord
        });
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Ok(());
    }
    let why = if bytes.starts_with(b"{\\rtf") {
        "it is an RTF file, not a zip archive; save it from Word as .docx"
    } else if bytes.starts_with(b"%PDF") {
        "it is a PDF file, not a zip archive"
    } else {
        "it is not a zip archive, which every .docx file is"
    };
    Err(ReadError::NotDocx(why.into()))
}

/// The main document part: what the package relationships name, else Word's usual path.
fn main_part(pkg: &Package, package_rels: &Rels) -> String {
    match package_rels.part_of_type("/officeDocument") {
        Some(target) if pkg.has(target) => target.to_string(),
        _ => "word/document.xml".to_string(),
    }
}

/// A part related to the main document by relationship type, else at its usual name beside it.
fn related_path(pkg: &Package, main: &str, rels: &Rels, kind: &str, usual: &str) -> Option<String> {
    if let Some(target) = rels.part_of_type(kind) {
        return Some(target.to_string());
    }
    let beside = match main.rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/{usual}"),
        None => usual.to_string(),
    };
    pkg.has(&beside).then_some(beside)
}

fn related_xml(
    pkg: &mut Package,
    main: &str,
    rels: &Rels,
    kind: &str,
    usual: &str,
) -> Result<Option<(Element, String)>, ReadError> {
    let Some(path) = related_path(pkg, main, rels, kind, usual) else {
        return Ok(None);
    };
    Ok(pkg.xml(&path)?.map(|root| (root, path)))
}

/// A story part (footnotes, endnotes) with its own relationships, which its hyperlinks use.
fn related_with_rels(
    pkg: &mut Package,
    main: &str,
    rels: &Rels,
    kind: &str,
    usual: &str,
) -> Result<Option<(Element, Rels)>, ReadError> {
    let Some((root, path)) = related_xml(pkg, main, rels, kind, usual)? else {
        return Ok(None);
    };
    let part_rels = pkg.rels(&path)?;
    Ok(Some((root, part_rels)))
}

/// The title from the core properties. These only feed metadata, so a damaged part is a note, not
/// a failed import.
fn core_title(pkg: &mut Package, package_rels: &Rels, notes: &mut Vec<Note>) -> Option<String> {
    let path = package_rels
        .part_of_type("/core-properties")
        .map(str::to_string)
        .unwrap_or_else(|| "docProps/core.xml".into());
    let root = match pkg.xml(&path) {
        Ok(root) => root?,
        Err(e) => {
            notes.push(Note {
                kind: NoteKind::Other,
                message: format!(
                    "the document's properties could not be read, so it has no title ({e})"
                ),
            });
            return None;
        }
    };
    let title = root.child("dc:title")?.own_text().trim().to_string();
    (!title.is_empty()).then_some(title)
}

/// How many comments the document has; they are left out, and the report says so.
fn comment_count(pkg: &mut Package, main: &str, rels: &Rels, notes: &mut Vec<Note>) -> usize {
    match related_xml(pkg, main, rels, "/comments", "comments.xml") {
        Ok(Some((root, _))) => root.elements().filter(|e| e.name == "w:comment").count(),
        Ok(None) => 0,
        Err(e) => {
            notes.push(Note {
                kind: NoteKind::Comments,
                message: format!("the document's comments could not be read ({e})"),
            });
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    use super::*;
    use crate::import::doc::{Block, Inline, ListMark, Paragraph, Run, Table};

    const NS: &str = concat!(
        r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
        r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
        r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
        r#"xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" "#,
        r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
        r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
        r#"xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office""#
    );
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// A `.docx` built in memory from hand-written parts.
    #[derive(Default)]
    struct Docx {
        body: String,
        styles: Option<String>,
        numbering: Option<String>,
        footnotes: Option<String>,
        /// Extra relationships of the main document: (id, type suffix, target, external).
        rels: Vec<(String, String, String, bool)>,
        parts: Vec<(String, Vec<u8>)>,
    }

    fn docx(body: &str) -> Docx {
        Docx {
            body: body.to_string(),
            ..Docx::default()
        }
    }

    impl Docx {
        fn styles(mut self, xml: &str) -> Self {
            self.styles = Some(xml.to_string());
            self
        }
        fn numbering(mut self, xml: &str) -> Self {
            self.numbering = Some(xml.to_string());
            self
        }
        fn footnotes(mut self, xml: &str) -> Self {
            self.footnotes = Some(xml.to_string());
            self
        }
        fn rel(mut self, id: &str, kind: &str, target: &str, external: bool) -> Self {
            self.rels
                .push((id.into(), kind.into(), target.into(), external));
            self
        }
        fn part(mut self, name: &str, bytes: &[u8]) -> Self {
            self.parts.push((name.into(), bytes.to_vec()));
            self
        }

        fn document_xml(&self) -> String {
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{}</w:body></w:document>"#,
                self.body
            )
        }

        fn build(&self) -> Vec<u8> {
            self.build_with_document(self.document_xml().as_bytes())
        }

        fn build_with_document(&self, document: &[u8]) -> Vec<u8> {
            let mut rels = String::from(
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
            );
            let mut parts: Vec<(String, Vec<u8>)> =
                vec![("word/document.xml".into(), document.to_vec())];
            let mut add = |id: &str, kind: &str, name: &str, xml: &Option<String>, root: &str| {
                if let Some(xml) = xml {
                    rels.push_str(&format!(
                        r#"<Relationship Id="{id}" Type="{REL}/{kind}" Target="{name}"/>"#
                    ));
                    parts.push((
                        format!("word/{name}"),
                        format!("<w:{root} {NS}>{xml}</w:{root}>").into_bytes(),
                    ));
                }
            };
            add("rIdS", "styles", "styles.xml", &self.styles, "styles");
            add(
                "rIdN",
                "numbering",
                "numbering.xml",
                &self.numbering,
                "numbering",
            );
            add(
                "rIdF",
                "footnotes",
                "footnotes.xml",
                &self.footnotes,
                "footnotes",
            );
            for (id, kind, target, external) in &self.rels {
                let mode = if *external {
                    r#" TargetMode="External""#
                } else {
                    ""
                };
                rels.push_str(&format!(
                    r#"<Relationship Id="{id}" Type="{REL}/{kind}" Target="{target}"{mode}/>"#
                ));
            }
            rels.push_str("</Relationships>");
            parts.push(("word/_rels/document.xml.rels".into(), rels.into_bytes()));
            parts.push((
                "_rels/.rels".into(),
                format!(
                    r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#
                )
                .into_bytes(),
            ));
            parts.push(("[Content_Types].xml".into(), br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.to_vec()));
            parts.extend(self.parts.iter().cloned());
            zip_of(&parts)
        }
    }

    fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in parts {
            zip.start_file(
                name.as_str(),
                SimpleFileOptions::default().compression_method(CompressionMethod::Deflated),
            )
            .unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn read_ok(d: &Docx) -> Document {
        read(&d.build()).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn paragraphs(blocks: &[Block]) -> Vec<&Paragraph> {
        blocks
            .iter()
            .filter_map(|b| {
                if let Block::Paragraph(p) = b {
                    Some(p)
                } else {
                    None
                }
            })
            .collect()
    }

    fn texts(doc: &Document) -> Vec<String> {
        paragraphs(&doc.blocks).iter().map(|p| p.text()).collect()
    }

    fn labels(doc: &Document) -> Vec<String> {
        paragraphs(&doc.blocks)
            .iter()
            .map(|p| {
                p.list
                    .as_ref()
                    .map(|m| m.label.clone())
                    .unwrap_or_else(|| "-".into())
            })
            .collect()
    }

    fn p(text: &str) -> String {
        format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
    }

    fn p_style(style: &str, text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    }

    fn p_num(num_id: u32, ilvl: u8, text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    }

    fn lvl(ilvl: u8, fmt: &str, text: &str) -> String {
        format!(
            r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>"#
        )
    }

    fn note_messages(doc: &Document, kind: NoteKind) -> Vec<String> {
        doc.notes
            .iter()
            .filter(|n| n.kind == kind)
            .map(|n| n.message.clone())
            .collect()
    }

    const HEADING_STYLES: &str = r#"
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="berschrift3"><w:name w:val="Überschrift 3"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="ReportHeading"><w:name w:val="Report Heading"/><w:basedOn w:val="Heading2"/></w:style>
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
        <w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/></w:style>
        <w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="Loop 1"/><w:basedOn w:val="Loop2"/></w:style>
        <w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="Loop 2"/><w:basedOn w:val="Loop1"/></w:style>
        <w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:rPr><w:i/></w:rPr></w:style>
        <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>"#;

    #[test]
    fn headings_by_style_name_id_and_outline_level() {
        let body = [
            p_style("Title", "The report"),
            p_style("Heading1", "Introduction"),
            p_style("Heading2", "Background"),
            p_style("berschrift3", "Detail"),
            p_style("ReportHeading", "Inherited"),
            r#"<w:p><w:pPr><w:outlineLvl w:val="3"/></w:pPr><w:r><w:t>Direct outline</w:t></w:r></w:p>"#.into(),
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>Body text level</w:t></w:r></w:p>"#.into(),
            p_style("Loop1", "Cycle"),
            p_style("Heading5", "Unknown style id"),
            p("Plain"),
        ]
        .concat();
        let doc = read_ok(&docx(&body).styles(HEADING_STYLES));
        let got: Vec<(Option<u8>, Option<String>)> = paragraphs(&doc.blocks)
            .iter()
            .map(|p| (p.heading, p.style.clone()))
            .collect();
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            got,
            vec![
                (Some(1), s("Title")),
                (Some(1), s("heading 1")),
                (Some(2), s("heading 2")),
                (Some(3), s("Überschrift 3")),
                (Some(2), s("Report Heading")),
                (Some(4), s("Normal")),
                (None, s("heading 1")),
                (None, s("Loop 1")),
                (Some(5), s("Heading5")),
                (None, s("Normal")),
            ]
        );
        // A heading style's bold is its look, not emphasis.
        assert!(matches!(
            &paragraphs(&doc.blocks)[1].inlines[..],
            [Inline::Text(Run { bold: false, .. })]
        ));
    }

    const DECIMAL_NUMBERING: &str = r#"
        <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>"#;

    #[test]
    fn decimal_numbering_with_levels_and_restart() {
        let body = [
            p_num(1, 0, "One"),
            p_num(1, 0, "Two"),
            p_num(1, 1, "Two one"),
            p_num(1, 1, "Two two"),
            p_num(1, 2, "Sub a"),
            p_num(1, 0, "Three"),
            p_num(1, 1, "Three one"),
            p_num(2, 0, "Restarted"),
            p_num(2, 0, "Restarted two"),
            p_num(3, 0, "Shares the abstract, continues"),
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>numId 0</w:t></w:r></w:p>"#.into(),
            p_num(99, 0, "Unknown list"),
        ]
        .concat();
        let doc = read_ok(&docx(&body).numbering(DECIMAL_NUMBERING));
        assert_eq!(
            labels(&doc),
            [
                "1.", "2.", "2.1", "2.2", "(a)", "3.", "3.1", "1.", "2.", "3.", "-", "-"
            ]
        );
        let first = paragraphs(&doc.blocks)[2].list.clone();
        assert_eq!(
            first,
            Some(ListMark {
                level: 1,
                label: "2.1".into(),
                bullet: false,
                list_id: 1
            })
        );
        assert_eq!(
            paragraphs(&doc.blocks)[7].list.as_ref().map(|m| m.list_id),
            Some(2)
        );
    }

    #[test]
    fn letters_roman_legal_and_start_values() {
        let numbering = [
            r#"<w:abstractNum w:abstractNumId="5">"#.to_string(),
            lvl(0, "upperLetter", "%1)"),
            lvl(1, "lowerRoman", "%2."),
            r#"<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1.%2.%3"/><w:isLgl/></w:lvl>"#.into(),
            "</w:abstractNum>".into(),
            r#"<w:abstractNum w:abstractNumId="6"><w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="decimalZero"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>"#.into(),
            r#"<w:num w:numId="7"><w:abstractNumId w:val="5"/></w:num><w:num w:numId="8"><w:abstractNumId w:val="6"/></w:num>"#.into(),
        ]
        .concat();
        let body = [
            p_num(7, 0, "A"),
            p_num(7, 1, "i"),
            p_num(7, 1, "ii"),
            p_num(7, 1, "iii"),
            p_num(7, 1, "iv"),
            p_num(7, 2, "legal"),
            p_num(7, 0, "B"),
            p_num(7, 1, "i again"),
            p_num(8, 0, "four"),
        ]
        .concat();
        let doc = read_ok(&docx(&body).numbering(&numbering));
        assert_eq!(
            labels(&doc),
            ["A)", "i.", "ii.", "iii.", "iv.", "1.4.1", "B)", "i.", "04"]
        );
    }

    #[test]
    fn bullets_have_empty_labels() {
        let numbering = [
            r#"<w:abstractNum w:abstractNumId="1">"#.to_string(),
            lvl(0, "bullet", "\u{f0b7}"),
            lvl(1, "bullet", "o"),
            r#"</w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>"#.into(),
        ]
        .concat();
        let doc = read_ok(
            &docx(&[p_num(4, 0, "Dot"), p_num(4, 1, "Circle")].concat()).numbering(&numbering),
        );
        let marks: Vec<_> = paragraphs(&doc.blocks)
            .iter()
            .map(|p| p.list.clone().unwrap())
            .collect();
        assert_eq!(
            marks[0],
            ListMark {
                level: 0,
                label: String::new(),
                bullet: true,
                list_id: 4
            }
        );
        assert_eq!(
            marks[1],
            ListMark {
                level: 1,
                label: String::new(),
                bullet: true,
                list_id: 4
            }
        );
    }

    #[test]
    fn lists_sharing_an_abstract_num_continue_until_a_start_override() {
        let body = [
            p_num(1, 0, "a"),
            p_num(1, 0, "b"),
            p("Between"),
            p_num(3, 0, "c"),
            p_num(2, 0, "restart"),
            p_num(1, 0, "continues"),
        ]
        .concat();
        let doc = read_ok(&docx(&body).numbering(DECIMAL_NUMBERING));
        assert_eq!(labels(&doc), ["1.", "2.", "-", "3.", "1.", "2."]);
    }

    #[test]
    fn numbering_through_a_paragraph_style() {
        let styles = r#"
            <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Para"><w:name w:val="Numbered Para"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#;
        let numbering = r#"
            <w:abstractNum w:abstractNumId="0">
                <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/><w:lvlText w:val="%1"/></w:lvl>
                <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/><w:lvlText w:val="%1.%2"/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
        let body = [
            p_style("Heading1", "Intro"),
            p_style("Para", "First point"),
            p_style("Heading2", "Sub heading"),
            p_style("Heading1", "Next"),
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Unnumbered heading</w:t></w:r></w:p>"#.into(),
        ]
        .concat();
        let doc = read_ok(&docx(&body).styles(styles).numbering(numbering));
        assert_eq!(labels(&doc), ["1", "1.1", "1.2", "2", "-"]);
        assert_eq!(paragraphs(&doc.blocks)[2].heading, Some(2));
    }

    #[test]
    fn bold_and_italic_from_runs_and_styles() {
        let body = concat!(
            r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>bold</w:t></w:r><w:r><w:rPr><w:b w:val="1"/></w:rPr><w:t xml:space="preserve"> still</w:t></w:r>"#,
            r#"<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve"> not </w:t></w:r><w:r><w:rPr><w:i w:val="true"/></w:rPr><w:t>it</w:t></w:r>"#,
            r#"<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>strong</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Strong"/><w:b w:val="false"/></w:rPr><w:t>off</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pStyle w:val="Quote"/></w:pPr><w:r><w:t>quoted</w:t></w:r><w:r><w:rPr><w:i w:val="off"/></w:rPr><w:t>upright</w:t></w:r></w:p>"#
        );
        let doc = read_ok(&docx(body).styles(HEADING_STYLES));
        let runs = |i: usize| -> Vec<(String, bool, bool)> {
            paragraphs(&doc.blocks)[i]
                .inlines
                .iter()
                .filter_map(|x| {
                    if let Inline::Text(r) = x {
                        Some((r.text.clone(), r.bold, r.italic))
                    } else {
                        None
                    }
                })
                .collect()
        };
        let r = |t: &str, b, i| (t.to_string(), b, i);
        assert_eq!(
            runs(0),
            vec![
                r("bold still", true, false),
                r(" not ", false, false),
                r("it", false, true),
                r("strong", true, false),
                r("off", false, false)
            ]
        );
        assert_eq!(
            runs(1),
            vec![r("quoted", false, true), r("upright", false, false)]
        );
    }

    #[test]
    fn hyperlinks_from_relationships_anchors_and_fields() {
        let body = concat!(
            r#"<w:p><w:hyperlink r:id="rIdL"><w:r><w:t>site</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> and </w:t></w:r>"#,
            r#"<w:hyperlink w:anchor="_Toc1"><w:r><w:t>section</w:t></w:r></w:hyperlink></w:p>"#,
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://council.example/minutes" </w:instrText></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>minutes</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>!</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
            r#"<w:r><w:t xml:space="preserve"> page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGEREF _Toc1 \h</w:instrText></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>4</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
            r#"<w:p><w:fldSimple w:instr=" HYPERLINK \l &quot;intro&quot; "><w:r><w:t>simple</w:t></w:r></w:fldSimple></w:p>"#,
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \o</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>"#,
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK \l "_Toc2"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Entry</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
            r#"<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>after</w:t></w:r></w:p>"#
        );
        let doc = read_ok(&docx(body).rel(
            "rIdL",
            "hyperlink",
            "https://example.org/?a=1&amp;b=2",
            true,
        ));
        let links: Vec<Vec<(String, Option<String>)>> = paragraphs(&doc.blocks)
            .iter()
            .map(|p| {
                p.inlines
                    .iter()
                    .filter_map(|x| {
                        if let Inline::Text(r) = x {
                            Some((r.text.clone(), r.link.clone()))
                        } else {
                            None
                        }
                    })
                    .collect()
            })
            .collect();
        let l = |t: &str, u: Option<&str>| (t.to_string(), u.map(str::to_string));
        assert_eq!(
            links[0],
            vec![
                l("site", Some("https://example.org/?a=1&b=2")),
                l(" and ", None),
                l("section", Some("#_Toc1"))
            ]
        );
        assert_eq!(
            links[1],
            vec![
                l("minutes", Some("https://council.example/minutes")),
                l("!", Some("https://council.example/minutes")),
                l(" page 4", None)
            ]
        );
        assert_eq!(links[2], vec![l("simple", Some("#intro"))]);
        assert_eq!(links[3], vec![l("Entry", Some("#_Toc2"))]);
        assert_eq!(links[4], vec![l("after", None)]);
    }

    #[test]
    fn tabs_breaks_hyphens_and_symbols() {
        let body = concat!(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="2000"/></w:tabs></w:pPr><w:r><w:t>Report to:</w:t><w:tab/><w:t>Cabinet</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>line</w:t><w:br/><w:t>next</w:t><w:br w:type="page"/><w:t>same</w:t><w:cr/><w:t>co</w:t><w:noBreakHyphen/><w:t>op</w:t>"#,
            r#"<w:softHyphen/><w:t>x</w:t><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="Arial" w:char="2013"/></w:r></w:p>"#
        );
        let doc = read_ok(&docx(body));
        assert_eq!(
            texts(&doc),
            ["Report to:\tCabinet", "line\nnextsame\nco-opx\u{2013}"]
        );
        assert!(
            note_messages(&doc, NoteKind::Unsupported)
                .iter()
                .any(|m| m.contains("symbol-font character"))
        );
    }

    #[test]
    fn footnotes_in_the_order_of_first_reference() {
        let footnotes = concat!(
            r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"#,
            r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#,
            r#"<w:footnote w:id="1"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> First note.</w:t></w:r></w:p></w:footnote>"#,
            r#"<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Second note with </w:t></w:r><w:hyperlink r:id="rIdX"><w:r><w:t>a link</w:t></w:r></w:hyperlink></w:p></w:footnote>"#
        );
        let body = concat!(
            r#"<w:p><w:r><w:t>Text</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t xml:space="preserve"> more</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>Again</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:footnoteReference w:id="77"/></w:r></w:p>"#
        );
        let d = docx(body).footnotes(footnotes).part(
            "word/_rels/footnotes.xml.rels",
            format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdX" Type="{REL}/hyperlink" Target="https://x.example/" TargetMode="External"/></Relationships>"#).as_bytes(),
        );
        let doc = read_ok(&d);
        let refs: Vec<Vec<usize>> = paragraphs(&doc.blocks)
            .iter()
            .map(|p| {
                p.inlines
                    .iter()
                    .filter_map(|x| {
                        if let Inline::FootnoteRef(i) = x {
                            Some(*i)
                        } else {
                            None
                        }
                    })
                    .collect()
            })
            .collect();
        assert_eq!(refs, [vec![0, 1], vec![0]]);
        assert_eq!(doc.footnotes.len(), 2);
        assert_eq!(
            Document::plain_text(&doc.footnotes[0].blocks),
            "Second note with a link\n"
        );
        assert_eq!(
            Document::plain_text(&doc.footnotes[1].blocks),
            "First note.\n"
        );
        let Block::Paragraph(second) = &doc.footnotes[0].blocks[0] else {
            panic!()
        };
        assert!(second.inlines.iter().any(
            |x| matches!(x, Inline::Text(r) if r.link.as_deref() == Some("https://x.example/"))
        ));
    }

    #[test]
    fn endnotes_share_the_notes_list_without_clashing_ids() {
        let endnotes = format!(
            r#"<w:endnotes {NS}><w:endnote w:type="separator" w:id="0"><w:p/></w:endnote><w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> End.</w:t></w:r></w:p></w:endnote></w:endnotes>"#
        );
        let body = r#"<w:p><w:r><w:t>A</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>"#;
        let d = docx(body)
            .footnotes(
                r#"<w:footnote w:id="1"><w:p><w:r><w:t>Foot.</w:t></w:r></w:p></w:footnote>"#,
            )
            .rel("rIdE", "endnotes", "endnotes.xml", false)
            .part("word/endnotes.xml", endnotes.as_bytes());
        let doc = read_ok(&d);
        let notes: Vec<String> = doc
            .footnotes
            .iter()
            .map(|f| Document::plain_text(&f.blocks))
            .collect();
        assert_eq!(notes, ["End.\n", "Foot.\n"]);
    }

    fn drawing(rel: &str, descr: &str, title: &str) -> String {
        format!(
            r#"<w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="1" name="Picture 1" descr="{descr}" title="{title}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="x"/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
        )
    }

    #[test]
    fn images_with_and_without_alt_text() {
        let body = [
            format!("<w:p>{}</w:p>", drawing("rIdI1", "Map of the ward. Description automatically generated", "")),
            format!("<w:p>{}</w:p>", drawing("rIdI2", "", "")),
            format!("<w:p>{}</w:p>", drawing("rIdI1", "", "")),
            format!("<w:p>{}</w:p>", drawing("rIdI3", "", "Chart title")),
            r#"<w:p><w:r><w:pict><v:shape><v:imagedata r:id="rIdI4" o:title="Old logo"/></v:shape></w:pict></w:r></w:p>"#.into(),
            format!("<w:p>{}</w:p>", drawing("rIdI5", "linked", "")),
        ]
        .concat();
        let d = docx(&body)
            .rel("rIdI1", "image", "media/image1.png", false)
            .rel("rIdI2", "image", "/word/media/image2.jpeg", false)
            .rel("rIdI3", "image", "../word/media/sub/image1.png", false)
            .rel("rIdI4", "image", "media/image4.emf", false)
            .rel("rIdI5", "image", "https://example.org/x.png", true)
            .part("word/media/image1.png", b"PNG1")
            .part("word/media/image2.jpeg", b"JPEG")
            .part("word/media/sub/image1.png", b"PNG3")
            .part("word/media/image4.emf", b"EMF");
        let doc = read_ok(&d);
        let names: Vec<(&str, &[u8], &str)> = doc
            .images
            .iter()
            .map(|i| (i.name.as_str(), i.bytes.as_slice(), i.alt.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                (
                    "image1.png",
                    &b"PNG1"[..],
                    "Map of the ward. Description automatically generated"
                ),
                ("image2.jpeg", &b"JPEG"[..], ""),
                ("image1-2.png", &b"PNG3"[..], "Chart title"),
                ("image4.emf", &b"EMF"[..], "Old logo"),
            ]
        );
        let refs: Vec<&[Inline]> = paragraphs(&doc.blocks)
            .iter()
            .map(|p| p.inlines.as_slice())
            .collect();
        assert_eq!(
            refs,
            [
                &[Inline::Image(0)][..],
                &[Inline::Image(1)],
                &[Inline::Image(0)],
                &[Inline::Image(2)],
                &[Inline::Image(3)]
            ]
        );
        assert_eq!(
            note_messages(&doc, NoteKind::MissingAltText),
            ["the image image2.jpeg has no alternative text"]
        );
        assert!(
            doc.notes
                .iter()
                .any(|n| n.message.contains("https://example.org/x.png"))
        );
        assert!(
            doc.notes
                .iter()
                .any(|n| n.message.contains("image4.emf is a Windows metafile"))
        );
    }

    #[test]
    fn alternate_content_is_read_once() {
        let text_box = |text: &str| {
            format!(r#"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"#)
        };
        let body = format!(
            concat!(
                r#"<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="2" name="Text Box 2"/>"#,
                r#"<a:graphic><a:graphicData><wps:wsp><wps:txbx>{}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"#,
                r#"<mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
                r#"<w:p><mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t></w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>fallback</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"#
            ),
            text_box("Boxed text"),
            text_box("Boxed text")
        );
        let doc = read_ok(&docx(&body));
        assert_eq!(texts(&doc), ["Anchor", "Boxed text", "fallback"]);
        assert_eq!(
            note_messages(&doc, NoteKind::Unsupported),
            ["a text box's text was moved into the body"]
        );
    }

    #[test]
    fn tables_with_spans_merges_header_rows_and_captions() {
        let cell = |props: &str, text: &str| {
            format!(r#"<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>"#, p(text))
        };
        let body = [
            p_style("Caption", "Table 1: Costs"),
            "<w:tbl><w:tblPr/><w:tblGrid/>".into(),
            format!(r#"<w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}</w:tr>"#, cell(r#"<w:gridSpan w:val="2"/>"#, "Item"), cell("", "Cost")),
            format!("<w:tr>{}{}{}</w:tr>", cell(r#"<w:vMerge w:val="restart"/>"#, "Staff"), cell("", "Salaries"), cell("", "£10")),
            format!("<w:tr>{}{}{}</w:tr>", cell("<w:vMerge/>", ""), cell("", "Pensions"), cell("", "£2")),
            format!(
                r#"<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt><w:tc><w:tbl><w:tr>{}</w:tr></w:tbl></w:tc></w:tr>"#,
                cell("", "Nested:"),
                cell("", "inner")
            ),
            "</w:tbl>".into(),
            "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>".into(),
            p_style("Caption", "Table 2: after"),
            p("Text"),
        ]
        .concat();
        let doc = read_ok(&docx(&body).styles(HEADING_STYLES));
        assert_eq!(doc.blocks.len(), 3);
        let Block::Table(t) = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks[0])
        };
        assert_eq!(t.caption.as_deref(), Some("Table 1: Costs"));
        let shape: Vec<(bool, Vec<(u32, String)>)> = t
            .rows
            .iter()
            .map(|r| {
                (
                    r.header,
                    r.cells
                        .iter()
                        .map(|c| (c.colspan, Document::plain_text(&c.blocks)))
                        .collect(),
                )
            })
            .collect();
        let c = |n: u32, s: &str| (n, s.to_string());
        assert_eq!(
            shape,
            vec![
                (true, vec![c(2, "Item\n"), c(1, "Cost\n")]),
                (
                    false,
                    vec![c(1, "Staff\n"), c(1, "Salaries\n"), c(1, "£10\n")]
                ),
                (false, vec![c(1, ""), c(1, "Pensions\n"), c(1, "£2\n")]),
                (false, vec![c(1, ""), c(1, "Nested:\n"), c(1, "inner\n")]),
            ]
        );
        assert!(matches!(
            &t.rows[3].cells[2].blocks[..],
            [Block::Table(Table { .. })]
        ));
        let Block::Table(t2) = &doc.blocks[1] else {
            panic!()
        };
        assert_eq!(t2.caption.as_deref(), Some("Table 2: after"));
        assert_eq!(t2.rows[0].cells[0].blocks, vec![]);
    }

    #[test]
    fn tracked_changes_are_resolved_with_a_note() {
        let body = concat!(
            r#"<w:p><w:r><w:t xml:space="preserve">The Board </w:t></w:r><w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve">approved </w:t></w:r></w:ins>"#,
            r#"<w:del w:id="2" w:author="A"><w:r><w:delText>rejected </w:delText></w:r></w:del><w:r><w:t>the plan.</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="A"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">Joined </w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>paragraph.</w:t></w:r><w:moveFrom w:id="4"><w:r><w:t>moved away</w:t></w:r></w:moveFrom></w:p>"#
        );
        let doc = read_ok(&docx(body));
        assert_eq!(
            texts(&doc),
            ["The Board approved the plan.", "Joined paragraph."]
        );
        assert_eq!(
            note_messages(&doc, NoteKind::TrackedChanges),
            ["1 tracked insertion was accepted and 3 tracked deletions were dropped"]
        );
    }

    #[test]
    fn hidden_text_is_dropped_with_a_note() {
        let body = r#"<w:p><w:r><w:t xml:space="preserve">Seen </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>secret</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>shown</w:t></w:r></w:p>"#;
        let doc = read_ok(&docx(body));
        assert_eq!(texts(&doc), ["Seen shown"]);
        assert_eq!(
            note_messages(&doc, NoteKind::Unsupported),
            ["hidden text was left out in 1 place"]
        );
    }

    #[test]
    fn content_controls_smart_tags_and_custom_xml_are_kept() {
        let body = concat!(
            r#"<w:sdt><w:sdtPr><w:alias w:val="Title"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Block control</w:t></w:r></w:p></w:sdtContent></w:sdt>"#,
            r#"<w:p><w:sdt><w:sdtContent><w:r><w:t>Inline</w:t></w:r></w:sdtContent></w:sdt><w:smartTag><w:r><w:t xml:space="preserve"> tag</w:t></w:r></w:smartTag>"#,
            r#"<w:customXml><w:r><w:t xml:space="preserve"> custom</w:t></w:r></w:customXml></w:p>"#,
            r#"<w:customXml><w:p><w:r><w:t>Block custom</w:t></w:r></w:p></w:customXml><w:p/><w:p><w:r><w:t xml:space="preserve">  </w:t></w:r></w:p>"#
        );
        let doc = read_ok(&docx(body));
        assert_eq!(
            texts(&doc),
            ["Block control", "Inline tag custom", "Block custom"]
        );
    }

    #[test]
    fn title_and_comments() {
        let comments = format!(
            r#"<w:comments {NS}><w:comment w:id="0"><w:p/></w:comment><w:comment w:id="1"><w:p/></w:comment></w:comments>"#
        );
        let core = r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title> Budget 2025/26 </dc:title></cp:coreProperties>"#;
        let d = docx(&p("x"))
            .rel("rIdC", "comments", "comments.xml", false)
            .part("word/comments.xml", comments.as_bytes())
            .part("docProps/core.xml", core.as_bytes());
        let doc = read_ok(&d);
        assert_eq!(doc.title.as_deref(), Some("Budget 2025/26"));
        assert_eq!(
            note_messages(&doc, NoteKind::Comments),
            ["2 comments were left out"]
        );
        let empty = docx(&p("x")).part("docProps/core.xml", br#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title/></cp:coreProperties>"#);
        assert_eq!(read_ok(&empty).title, None);
    }

    #[test]
    fn unusual_prefixes_and_a_missing_package_relationship_still_read() {
        let document = r#"<ns0:document xmlns:ns0="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><ns0:body><ns0:p><ns0:r><ns0:t>Odd prefix</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>"#;
        let bytes = zip_of(&[("word/document.xml".into(), document.as_bytes().to_vec())]);
        let doc = read(&bytes).unwrap();
        assert_eq!(texts(&doc), ["Odd prefix"]);
    }

    // ---- errors -------------------------------------------------------------------------------------

    #[test]
    fn random_bytes_are_not_a_docx() {
        assert!(
            matches!(read(b"hello, this is text"), Err(ReadError::NotDocx(m)) if m.contains("not a zip archive"))
        );
        assert!(matches!(read(b""), Err(ReadError::NotDocx(_))));
        assert!(matches!(read(b"{\\rtf1\\ansi"), Err(ReadError::NotDocx(m)) if m.contains("RTF")));
    }

    #[test]
    fn a_truncated_zip_is_corrupt() {
        let bytes = docx(&p("Some text")).build();
        for cut in [bytes.len() / 2, bytes.len() - 10, 40] {
            assert!(
                matches!(read(&bytes[..cut]), Err(ReadError::Corrupt(_))),
                "cut at {cut}"
            );
        }
    }

    fn ole(extra: &[u8]) -> Vec<u8> {
        let mut bytes = OLE_MAGIC.to_vec();
        bytes.extend_from_slice(&[0; 500]);
        bytes.extend_from_slice(extra);
        bytes.extend_from_slice(&[0; 100]);
        bytes
    }

    #[test]
    fn ole_files_are_legacy_word_or_encrypted() {
        assert!(matches!(
            read(&ole(b"W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0")),
            Err(ReadError::LegacyWord)
        ));
        let name: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(matches!(read(&ole(&name)), Err(ReadError::Encrypted)));
        let info: Vec<u8> = "EncryptionInfo"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(matches!(read(&ole(&info)), Err(ReadError::Encrypted)));
    }

    #[test]
    fn a_zip_without_a_document_is_not_a_docx() {
        let bytes = zip_of(&[("hello.txt".into(), b"hi".to_vec())]);
        assert!(
            matches!(read(&bytes), Err(ReadError::NotDocx(m)) if m.contains("word/document.xml"))
        );
        let sheet = zip_of(&[
            ("_rels/.rels".into(), format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).into_bytes()),
            ("xl/workbook.xml".into(), br#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>"#.to_vec()),
        ]);
        assert!(
            matches!(read(&sheet), Err(ReadError::NotDocx(m)) if m.contains("xl/workbook.xml"))
        );
    }

    #[test]
    fn bad_xml_is_corrupt_and_names_the_part() {
        let d = docx("");
        let bad = format!(r#"<w:document {NS}><w:body><w:p><w:r><w:t>cut off"#);
        let err = read(&d.build_with_document(bad.as_bytes())).unwrap_err();
        assert!(
            matches!(&err, ReadError::Corrupt(m) if m.starts_with("word/document.xml: unexpected end of XML at byte")),
            "{err:?}"
        );
        let mismatched = format!(r#"<w:document {NS}><w:body><w:p></w:body></w:document>"#);
        assert!(
            matches!(read(&d.build_with_document(mismatched.as_bytes())), Err(ReadError::Corrupt(m)) if m.starts_with("word/document.xml:"))
        );
        let styles = docx(&p("x")).styles("<w:style>");
        assert!(
            matches!(read(&styles.build()), Err(ReadError::Corrupt(m)) if m.starts_with("word/styles.xml:"))
        );
        let latin1 = docx("").build_with_document(b"<w:document>\xe9</w:document>");
        assert!(matches!(read(&latin1), Err(ReadError::Corrupt(m)) if m.contains("UTF-8")));
    }

    /// Rewrites the uncompressed size an archive declares for `name`, in the local header and the
    /// central directory.
    fn declare_size(zip: &mut [u8], name: &str, size: u32) {
        let patch = |zip: &mut [u8], sig: &[u8], name_at: usize, size_at: usize| {
            let mut i = 0;
            while i + name_at + name.len() <= zip.len() {
                if zip[i..].starts_with(sig) && zip[i + name_at..].starts_with(name.as_bytes()) {
                    zip[i + size_at..i + size_at + 4].copy_from_slice(&size.to_le_bytes());
                }
                i += 1;
            }
        };
        patch(zip, b"PK\x03\x04", 30, 22);
        patch(zip, b"PK\x01\x02", 46, 24);
    }

    #[test]
    fn a_part_declared_small_that_inflates_big_is_too_large() {
        let big = format!(
            r#"<w:document {NS}><w:body>{}</w:body></w:document>"#,
            " ".repeat(3_000_000)
        );
        let mut bytes = docx("").build_with_document(big.as_bytes());
        declare_size(&mut bytes, "word/document.xml", 1_000);
        let err = read(&bytes).unwrap_err();
        assert!(
            matches!(&err, ReadError::TooLarge { what, .. } if what.starts_with("word/document.xml")),
            "{err:?}"
        );
    }

    #[test]
    fn parts_over_the_limits_are_too_large() {
        let big = format!(
            r#"<w:document {NS}><w:body>{}</w:body></w:document>"#,
            " ".repeat(300_000)
        );
        let bytes = docx("").build_with_document(big.as_bytes());
        let small_parts = Limits {
            part: 100_000,
            ..Limits::DEFAULT
        };
        assert!(matches!(
            read_with(&bytes, small_parts),
            Err(ReadError::TooLarge { limit: 100_000, .. })
        ));
        let low_ratio = Limits {
            ratio_floor: 100_000,
            ..Limits::DEFAULT
        };
        assert!(
            matches!(read_with(&bytes, low_ratio), Err(ReadError::TooLarge { what, .. }) if what.contains("times its packed size"))
        );
        let small_total = Limits {
            total: 200_000,
            ..Limits::DEFAULT
        };
        assert!(matches!(
            read_with(&bytes, small_total),
            Err(ReadError::TooLarge { limit: 200_000, .. })
        ));
        // An image over its own limit is left out with a note; the document still reads.
        let d = docx(&format!("<w:p>{}</w:p>", drawing("rIdI1", "alt", "")))
            .rel("rIdI1", "image", "media/big.png", false)
            .part("word/media/big.png", &[7; 5_000]);
        let doc = read_with(
            &d.build(),
            Limits {
                image: 1_000,
                ..Limits::DEFAULT
            },
        )
        .unwrap();
        assert!(
            doc.images.is_empty()
                && doc.notes.iter().any(|n| n
                    .message
                    .contains("big.png is larger than boardpack reads (0.1 MB)"))
        );
        assert!(matches!(
            read(&vec![b'P'; MAX_FILE_BYTES as usize + 1]),
            Err(ReadError::TooLarge {
                limit: MAX_FILE_BYTES,
                ..
            })
        ));
    }

    #[test]
    fn too_many_entries_are_refused() {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..=Limits::DEFAULT.entries {
            zip.start_file(
                format!("f{i}"),
                SimpleFileOptions::default().compression_method(CompressionMethod::Stored),
            )
            .unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert!(matches!(read(&bytes), Err(ReadError::Corrupt(m)) if m.contains("5001 entries")));
    }

    #[test]
    fn deep_nesting_is_refused_or_read_without_overflowing_the_stack() {
        // The tree is walked recursively: the depth limit must hold on a test thread's 2 MB stack for
        // the most frame-hungry shapes (nested tables, text boxes in drawings, inline wrappers).
        let tables = |n: usize| {
            format!(
                "{}{}{}",
                "<w:tbl><w:tr><w:tc>".repeat(n),
                p("deep"),
                "</w:tc></w:tr></w:tbl>".repeat(n)
            )
        };
        let boxes = |n: usize| {
            let open = r#"<w:p><w:r><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>"#;
            let close = "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>";
            format!("{}{}{}", open.repeat(n), p("deep"), close.repeat(n))
        };
        let wrappers = |n: usize| {
            format!(
                "<w:p>{}<w:r><w:t>deep</w:t></w:r>{}</w:p>",
                "<w:smartTag>".repeat(n),
                "</w:smartTag>".repeat(n)
            )
        };
        for body in [tables(83), boxes(23), wrappers(250)] {
            let doc = read_ok(&docx(&body));
            assert!(Document::plain_text(&doc.blocks).contains("deep"));
        }
        for body in [tables(90), boxes(30), wrappers(260)] {
            assert!(
                matches!(read(&docx(&body).build()), Err(ReadError::Corrupt(m)) if m.contains("nested more than"))
            );
        }
    }

    // ---- never panic --------------------------------------------------------------------------------

    /// A document that exercises most of the reader, for mutation.
    fn rich_docx() -> Docx {
        let body = [
            p_style("Heading1", "Heading"),
            p_num(1, 0, "one"),
            p_num(1, 1, "two"),
            r#"<w:p><w:hyperlink r:id="rIdL"><w:r><w:rPr><w:b/></w:rPr><w:t>link</w:t></w:r></w:hyperlink><w:r><w:footnoteReference w:id="1"/></w:r><w:ins><w:r><w:t>ins</w:t></w:r></w:ins><w:del><w:r><w:delText>del</w:delText></w:r></w:del></w:p>"#.into(),
            format!("<w:p>{}</w:p>", drawing("rIdI1", "alt", "")),
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#.into(),
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "x"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>f</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#.into(),
        ]
        .concat();
        docx(&body)
            .styles(HEADING_STYLES)
            .numbering(DECIMAL_NUMBERING)
            .footnotes(r#"<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>note</w:t></w:r></w:p></w:footnote>"#)
            .rel("rIdL", "hyperlink", "https://x/", true)
            .rel("rIdI1", "image", "media/image1.png", false)
            .part("word/media/image1.png", b"PNG")
    }

    #[test]
    fn the_rich_document_reads() {
        let doc = read_ok(&rich_docx());
        assert_eq!(labels(&doc)[1..3], ["1.", "1.1"]);
        assert_eq!(doc.footnotes.len(), 1);
        assert_eq!(doc.images.len(), 1);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]

        #[test]
        fn arbitrary_bytes_never_panic(mut bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2000), prefix in 0..3u8) {
            match prefix {
                0 => bytes.splice(0..0, b"PK\x03\x04".iter().copied()),
                1 => bytes.splice(0..0, OLE_MAGIC.iter().copied()),
                _ => bytes.splice(0..0, [].iter().copied()),
            };
            let _ = read(&bytes);
        }

        #[test]
        fn mutated_archives_never_panic(edits in proptest::collection::vec((proptest::prelude::any::<proptest::sample::Index>(), proptest::prelude::any::<u8>()), 1..12), cut in proptest::prelude::any::<proptest::sample::Index>()) {
            let mut bytes = rich_docx().build();
            for (at, value) in edits {
                let i = at.index(bytes.len());
                bytes[i] = value;
            }
            let _ = read(&bytes);
            bytes.truncate(cut.index(bytes.len() + 1));
            let _ = read(&bytes);
        }

        #[test]
        fn mutated_xml_never_panics(edits in proptest::collection::vec((proptest::prelude::any::<proptest::sample::Index>(), 0..3u8, proptest::prelude::any::<u8>()), 1..8)) {
            let d = rich_docx();
            let mut xml = d.document_xml().into_bytes();
            for (at, op, value) in edits {
                let i = at.index(xml.len() + 1);
                match op {
                    0 if i < xml.len() => { xml.remove(i); }
                    1 => xml.insert(i, value),
                    _ if i < xml.len() => xml[i] = value,
                    _ => {}
                }
            }
            let _ = read(&d.build_with_document(&xml));
        }
    }
}
