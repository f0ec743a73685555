//! The Word fixtures in `tests/import/` are exactly what the generator writes, and are sound `.docx`
//! packages: valid zips of well-formed XML with matching content types and relationships, real PNGs,
//! and expectations that agree with the document text.
//!
//! After changing `tests/import/generator/`, regenerate with `cargo run --example import_fixtures`.

#[path = "import/generator/mod.rs"]
mod generator;

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use generator::{Fixture, fixtures};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import")
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `cargo run --example import_fixtures`",
            path.display()
        )
    })
}

/// The zip's entries, in archive order.
fn entries(fixture: &Fixture) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(&fixture.docx))
        .unwrap_or_else(|e| panic!("{}: not a zip: {e}", fixture.name));
    (0..zip.len())
        .map(|k| {
            let mut file = zip.by_index(k).expect("zip entry");
            let name = file.name().expect("UTF-8 entry name").to_string();
            assert_eq!(
                file.compression(),
                zip::CompressionMethod::Stored,
                "{}: {name} is not stored",
                fixture.name
            );
            let mut bytes = vec![];
            file.read_to_end(&mut bytes)
                .expect("read entry (CRC checked)");
            (name, bytes)
        })
        .collect()
}

#[test]
fn committed_fixtures_are_what_the_generator_writes() {
    let all = fixtures();
    for fixture in &all {
        let docx = read(&dir().join(format!("{}.docx", fixture.name)));
        assert!(
            docx == fixture.docx,
            "tests/import/{}.docx differs from the generator's output; run `cargo run --example import_fixtures`",
            fixture.name
        );
        let json = String::from_utf8(read(&dir().join(format!("{}.expected.json", fixture.name))))
            .expect("UTF-8");
        assert_eq!(
            json,
            fixture.expected.to_json(),
            "tests/import/{}.expected.json is stale; run `cargo run --example import_fixtures`",
            fixture.name
        );
    }
    // No leftover fixture files from a renamed or removed fixture.
    for entry in std::fs::read_dir(dir()).expect("tests/import") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if let Some(stem) = name
            .strip_suffix(".docx")
            .or_else(|| name.strip_suffix(".expected.json"))
        {
            assert!(
                all.iter().any(|f| f.name == stem),
                "tests/import/{name} belongs to no fixture"
            );
        }
    }
}

#[test]
fn generating_twice_gives_the_same_bytes() {
    let (a, b) = (fixtures(), fixtures());
    for (a, b) in a.iter().zip(&b) {
        assert!(a.docx == b.docx, "{} is not deterministic", a.name);
        assert_eq!(a.expected, b.expected);
    }
}

#[test]
fn every_part_is_well_formed_typed_and_related() {
    for fixture in fixtures() {
        let name = fixture.name;
        let parts: BTreeMap<String, Vec<u8>> = entries(&fixture).into_iter().collect();
        for (part, bytes) in &parts {
            if part.ends_with(".xml") || part.ends_with(".rels") {
                let text =
                    std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name}: {part}: {e}"));
                roxmltree::Document::parse(text)
                    .unwrap_or_else(|e| panic!("{name}: {part} is not well-formed: {e}"));
            }
        }
        for required in [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/numbering.xml",
            "word/settings.xml",
            "word/footnotes.xml",
            "word/header1.xml",
            "docProps/core.xml",
        ] {
            assert!(parts.contains_key(required), "{name}: no {required}");
        }

        // Every part has a content type, by override or by extension.
        let types = String::from_utf8(parts["[Content_Types].xml"].clone()).unwrap();
        let types = roxmltree::Document::parse(&types).unwrap();
        let overrides: Vec<&str> = types
            .descendants()
            .filter(|n| n.has_tag_name("Override"))
            .map(|n| n.attribute("PartName").unwrap())
            .collect();
        let defaults: Vec<&str> = types
            .descendants()
            .filter(|n| n.has_tag_name("Default"))
            .map(|n| n.attribute("Extension").unwrap())
            .collect();
        for part in parts.keys().filter(|p| *p != "[Content_Types].xml") {
            let ext = part.rsplit('.').next().unwrap();
            assert!(
                overrides.contains(&format!("/{part}").as_str()) || defaults.contains(&ext),
                "{name}: {part} has no content type"
            );
        }
        for o in &overrides {
            assert!(
                parts.contains_key(&o[1..]),
                "{name}: content type for missing part {o}"
            );
        }

        // Every internal relationship target exists; every r:id / r:embed in the document is a relationship.
        let check_rels = |rels_part: &str, base: &str| -> Vec<String> {
            let text = String::from_utf8(parts[rels_part].clone()).unwrap();
            let doc = roxmltree::Document::parse(&text).unwrap();
            let mut ids = vec![];
            for rel in doc.descendants().filter(|n| n.has_tag_name("Relationship")) {
                ids.push(rel.attribute("Id").unwrap().to_string());
                if rel.attribute("TargetMode") != Some("External") {
                    let target = format!("{base}{}", rel.attribute("Target").unwrap());
                    assert!(
                        parts.contains_key(&target),
                        "{name}: {rels_part} points at missing {target}"
                    );
                }
            }
            ids
        };
        check_rels("_rels/.rels", "");
        let ids = check_rels("word/_rels/document.xml.rels", "word/");
        let document = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
        let document = roxmltree::Document::parse(&document).unwrap();
        assert_eq!(document.root_element().tag_name().namespace(), Some(W));
        for node in document.descendants() {
            for attr in node.attributes().filter(|a| a.namespace() == Some(R)) {
                assert!(
                    ids.iter().any(|id| id == attr.value()),
                    "{name}: r:{} = {} has no relationship",
                    attr.name(),
                    attr.value()
                );
            }
        }

        // Numbered paragraphs refer to a defined num, and footnote references to a footnote.
        let numbering = String::from_utf8(parts["word/numbering.xml"].clone()).unwrap();
        let numbering = roxmltree::Document::parse(&numbering).unwrap();
        let nums: Vec<&str> = numbering
            .descendants()
            .filter(|n| n.has_tag_name((W, "num")))
            .map(|n| n.attribute((W, "numId")).unwrap())
            .collect();
        for num_id in document
            .descendants()
            .filter(|n| n.has_tag_name((W, "numId")))
        {
            assert!(
                nums.contains(&num_id.attribute((W, "val")).unwrap()),
                "{name}: undefined numId"
            );
        }
        let footnotes = String::from_utf8(parts["word/footnotes.xml"].clone()).unwrap();
        let footnotes = roxmltree::Document::parse(&footnotes).unwrap();
        let notes: Vec<&str> = footnotes
            .descendants()
            .filter(|n| n.has_tag_name((W, "footnote")))
            .map(|n| n.attribute((W, "id")).unwrap())
            .collect();
        for reference in document
            .descendants()
            .filter(|n| n.has_tag_name((W, "footnoteReference")))
        {
            assert!(
                notes.contains(&reference.attribute((W, "id")).unwrap()),
                "{name}: footnote reference to nothing"
            );
        }

        let core = String::from_utf8(parts["docProps/core.xml"].clone()).unwrap();
        assert!(
            roxmltree::Document::parse(&core)
                .unwrap()
                .descendants()
                .any(|n| n.has_tag_name(("http://purl.org/dc/elements/1.1/", "title")))
        );

        for (part, bytes) in parts.iter().filter(|(p, _)| p.starts_with("word/media/")) {
            check_png(&format!("{name}: {part}"), bytes);
        }
    }
}

/// A PNG's signature, chunk CRCs, and its zlib stream's stored blocks and Adler-32.
fn check_png(what: &str, bytes: &[u8]) {
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{what}: no PNG signature"
    );
    let mut at = 8;
    let mut kinds = vec![];
    let mut idat = vec![];
    let mut size = (0, 0);
    while at < bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let kind = &bytes[at + 4..at + 8];
        let data = &bytes[at + 8..at + 8 + len];
        let crc = u32::from_be_bytes(bytes[at + 8 + len..at + 12 + len].try_into().unwrap());
        assert_eq!(
            crc,
            generator::png::crc32(&bytes[at + 4..at + 8 + len]),
            "{what}: bad CRC"
        );
        if kind == b"IHDR" {
            size = (
                u32::from_be_bytes(data[0..4].try_into().unwrap()),
                u32::from_be_bytes(data[4..8].try_into().unwrap()),
            );
            assert_eq!(&data[8..13], &[8, 2, 0, 0, 0]);
        }
        if kind == b"IDAT" {
            idat.extend_from_slice(data);
        }
        kinds.push(String::from_utf8_lossy(kind).into_owned());
        at += 12 + len;
    }
    assert_eq!(kinds, ["IHDR", "IDAT", "IEND"], "{what}");
    assert_eq!(
        (u16::from(idat[0]) << 8 | u16::from(idat[1])) % 31,
        0,
        "{what}: bad zlib header"
    );
    let mut raw = vec![];
    let mut k = 2;
    loop {
        let last = idat[k] & 1 == 1;
        assert_eq!(idat[k] & 0b110, 0, "{what}: not a stored block");
        let len = u16::from_le_bytes([idat[k + 1], idat[k + 2]]);
        assert_eq!(
            !len,
            u16::from_le_bytes([idat[k + 3], idat[k + 4]]),
            "{what}: NLEN"
        );
        raw.extend_from_slice(&idat[k + 5..k + 5 + len as usize]);
        k += 5 + len as usize;
        if last {
            break;
        }
    }
    assert_eq!(
        u32::from_be_bytes(idat[k..k + 4].try_into().unwrap()),
        generator::png::adler32(&raw),
        "{what}: bad Adler-32"
    );
    assert_eq!(
        raw.len() as u32,
        size.1 * (1 + 3 * size.0),
        "{what}: wrong amount of pixel data"
    );
}

/// Each paragraph's text in `part` once tracked changes are accepted: `w:t` outside `w:del`/`w:moveFrom`,
/// `w:tab` as a tab.
fn accepted_paragraphs(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let mut s = String::new();
            for node in p.descendants() {
                let gone = node
                    .ancestors()
                    .any(|a| a.has_tag_name((W, "del")) || a.has_tag_name((W, "moveFrom")));
                if gone {
                    continue;
                }
                if node.has_tag_name((W, "t")) {
                    s += node.text().unwrap_or("");
                } else if node.has_tag_name((W, "tab"))
                    && node.parent().is_some_and(|r| r.has_tag_name((W, "r")))
                {
                    s.push('\t');
                }
            }
            s.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[test]
fn expectations_agree_with_the_documents() {
    for fixture in fixtures() {
        let name = fixture.name;
        let e = &fixture.expected;
        let parts: BTreeMap<String, Vec<u8>> = entries(&fixture).into_iter().collect();
        let text = |part: &str| {
            parts
                .get(part)
                .map(|b| accepted_paragraphs(std::str::from_utf8(b).unwrap()))
                .unwrap_or_default()
        };
        let mut paragraphs = text("word/document.xml");
        paragraphs.extend(text("word/footnotes.xml"));
        let all = paragraphs.join("\n");

        for sentence in &e.sentences {
            assert!(
                paragraphs.iter().any(|p| p.contains(sentence.as_str())),
                "{name}: sentence not in the document: {sentence:?}"
            );
        }
        for heading in e.headings.iter().chain(&e.table_captions) {
            assert!(
                paragraphs.iter().any(|p| p == heading),
                "{name}: no paragraph {heading:?}"
            );
        }
        for once in &e.once {
            assert_eq!(
                all.matches(once.as_str()).count(),
                1,
                "{name}: {once:?} should be in the accepted text once"
            );
        }
        // What must be absent must not be part of what must be present (else no import could pass).
        let present: Vec<&String> = e
            .sentences
            .iter()
            .chain(&e.headings)
            .chain(&e.table_captions)
            .chain(&e.footnotes)
            .collect();
        for absent in &e.absent {
            assert!(
                !present.iter().any(|p| p.contains(absent.as_str())),
                "{name}: {absent:?} is both absent and present"
            );
        }
        for field in [
            &e.title, &e.meeting, &e.date, &e.purpose, &e.summary, &e.action,
        ] {
            assert!(!field.is_empty(), "{name}: empty front matter field");
        }
        assert!(
            !e.recommendations.is_empty() && !e.sentences.is_empty() && !e.headings.is_empty(),
            "{name}"
        );
        assert!(
            e.paragraph_numbers
                .iter()
                .all(|n| !n.is_empty() && !n.ends_with('.')),
            "{name}: {:?}",
            e.paragraph_numbers
        );
    }
}

#[test]
fn paragraph_numbers_are_as_word_shows_them() {
    let by_name: BTreeMap<&str, Fixture> = fixtures().into_iter().map(|f| (f.name, f)).collect();
    let numbers = |name: &str| by_name[name].expected.paragraph_numbers.join(" ");
    assert_eq!(
        numbers("cover-table-auto-numbering"),
        "1 2 3 4 4.1 4.2 4.3 5 6 7 8 9"
    );
    assert_eq!(
        numbers("cover-lines-typed-numbers"),
        "1 2 2.1 2.2 2.3 3 4 5 6 7"
    );
    assert_eq!(numbers("tracked-changes"), "1 2 3 4 4.1 4.2 4.3 4.4 5 6 7");
    assert_eq!(
        numbers("letters-and-roman"),
        "1 2 (a) (b) (c) 3 (a) (b) i ii iii (c) 4 4.1 4.2 4.2.1 4.2.2 4.3 5 6"
    );
    let images: Vec<&str> = by_name["images"]
        .expected
        .images
        .iter()
        .map(|i| i.alt.as_str())
        .collect();
    assert_eq!(images.len(), 3);
    assert!(!images[0].is_empty() && images[1].is_empty() && !images[2].is_empty());
}
