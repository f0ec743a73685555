//! Pictures and text boxes, in DrawingML (`w:drawing`) and VML (`w:pict`, `w:object`).
//!
//! Apart from the text because this is where the converter reads other parts of the package: each
//! media part becomes one [`Image`] with a safe, unique file name, and a damaged or oversized one is
//! left out with a note rather than ending the import.

use super::super::package::ImageBytes;
use super::super::xml::Element;
use super::inlines::push_item;
use super::{Converter, Para};
use crate::import::doc::{Image, Inline, Note, NoteKind};

impl Converter<'_, '_> {
    /// A DrawingML drawing: pictures (`a:blip`) and text boxes (`w:txbxContent`), which may sit in
    /// groups; anything else (charts, diagrams, shapes) is left out with a note.
    pub(super) fn drawing(&mut self, d: &Element, st: &mut Para) {
        let before = st.emitted;
        for frame in d
            .elements()
            .filter(|e| matches!(e.name.as_str(), "wp:inline" | "wp:anchor"))
        {
            let alt = frame.child("wp:docPr").map(alt_text).unwrap_or_default();
            let mut blips = Vec::new();
            frame.descendants("a:blip", &["w:txbxContent"], &mut blips);
            for blip in blips {
                match (blip.attr("r:embed"), blip.attr("r:link")) {
                    (Some(id), _) | (None, Some(id)) => self.image(id, &alt, st),
                    (None, None) => {}
                }
            }
            self.text_boxes(frame, st);
        }
        if st.emitted == before {
            self.counts.drawings += 1;
        }
    }

    /// A VML picture or object (`v:imagedata`), or a VML text box.
    pub(super) fn vml(&mut self, e: &Element, st: &mut Para) {
        let mut data = Vec::new();
        e.descendants("v:imagedata", &["w:txbxContent"], &mut data);
        for d in data {
            if let Some(id) = d.attr("r:id").or(d.attr("o:relid")) {
                let alt = d.attr("o:title").unwrap_or_default().trim().to_string();
                self.image(id, &alt, st);
            }
        }
        self.text_boxes(e, st);
    }

    pub(super) fn text_boxes(&mut self, e: &Element, st: &mut Para) {
        let mut boxes = Vec::new();
        e.descendants("w:txbxContent", &[], &mut boxes);
        for tb in boxes {
            // A text box is a story of its own: a field open in the body does not reach into it.
            let saved = std::mem::take(&mut self.fields);
            let mut blocks = Vec::new();
            self.blocks(tb, &mut blocks);
            self.fields = saved;
            if !blocks.is_empty() {
                self.counts.text_boxes += 1;
                st.boxes.append(&mut blocks);
                st.emitted += 1;
            }
        }
    }

    /// An image by relationship id: each media part becomes one [`Image`], however often it is used.
    pub(super) fn image(&mut self, rel_id: &str, alt: &str, st: &mut Para) {
        let Some(rel) = self.rels.get(rel_id) else {
            self.counts.missing_images += 1;
            st.emitted += 1;
            return;
        };
        st.emitted += 1;
        if rel.external {
            self.report.push(Note {
                kind: NoteKind::Unsupported,
                message: format!(
                    "a linked image was left out: {} is outside the document",
                    rel.target
                ),
            });
            return;
        }
        let path = rel.target.clone();
        if let Some(&i) = self.image_index.get(&path) {
            if let Some(image) = self.images.get_mut(i).filter(|im| im.alt.is_empty()) {
                image.alt = alt.to_string();
            }
            push_item(st, Inline::Image(i));
            return;
        }
        if self.fatal.is_some() {
            return;
        }
        let name = self.unique_name(&path);
        match self.pkg.image(&path) {
            Ok(ImageBytes::Bytes(bytes)) => {
                let i = self.images.len();
                self.images.push(Image {
                    name,
                    bytes,
                    alt: alt.to_string(),
                });
                self.image_index.insert(path, i);
                push_item(st, Inline::Image(i));
            }
            Ok(ImageBytes::Missing) => self.counts.missing_images += 1,
            Ok(ImageBytes::TooLarge(limit)) => self.report.push(Note {
                kind: NoteKind::Other,
                message: format!(
                    "the image {name} is larger than boardpack reads ({}) and was left out",
                    crate::import::megabytes(limit)
                ),
            }),
            Ok(ImageBytes::Damaged(why)) => self.report.push(Note {
                kind: NoteKind::Other,
                message: format!("the image {name} is damaged and was left out ({why})"),
            }),
            Err(e) => self.fatal = Some(e),
        }
    }

    /// A file name for a media part: its own name, made safe and unique in the document.
    pub(super) fn unique_name(&mut self, path: &str) -> String {
        let base = safe_file_name(path.rsplit('/').next().unwrap_or(path));
        let (stem, ext) = match base.rsplit_once('.') {
            Some((s, e)) if !s.is_empty() => (s.to_string(), format!(".{e}")),
            _ => (base.clone(), String::new()),
        };
        let mut name = base;
        let mut n = 2;
        while !self.image_names.insert(name.to_ascii_lowercase()) {
            name = format!("{stem}-{n}{ext}");
            n += 1;
        }
        name
    }
}

/// Alt text as Word's "Alt Text" pane writes it: the description, else the title.
fn alt_text(doc_pr: &Element) -> String {
    [doc_pr.attr("descr"), doc_pr.attr("title")]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|s| !s.is_empty())
        .unwrap_or_default()
        .to_string()
}

/// Keeps letters, digits, `.`, `-` and `_`; never empty, never hidden (no leading dot).
fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim_start_matches('.').to_string();
    let cleaned: String = cleaned.chars().take(100).collect();
    if cleaned.is_empty() || cleaned.chars().all(|c| c == '_' || c == '.') {
        "image".to_string()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(safe_file_name("image1.png"), "image1.png");
        assert_eq!(safe_file_name("../..evil name.png"), "_..evil_name.png");
        assert_eq!(safe_file_name(".."), "image");
        assert_eq!(safe_file_name("é.png"), "_.png");
    }
}
