//! `word/styles.xml`: what a paragraph or character style means for the reader.
//!
//! A style says little by itself: most of what matters (a heading's outline level, a list's
//! numbering, bold) is inherited through `w:basedOn`. Every question is therefore answered by walking
//! the chain, first explicit answer wins, with a guard against the cycles a damaged file can have.

use std::collections::HashMap;

use super::xml::{Element, on_off};

/// Longer `basedOn` chains than this are cycles or damage; Word's own are a few styles long.
const MAX_CHAIN: usize = 32;

/// A reference to a numbering definition: `w:numPr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct NumPr {
    pub num_id: Option<u32>,
    pub ilvl: Option<u8>,
}

impl NumPr {
    pub fn from_element(num_pr: &Element) -> NumPr {
        NumPr {
            num_id: num_pr
                .child_val("w:numId")
                .and_then(|v| v.trim().parse().ok()),
            ilvl: num_pr
                .child_val("w:ilvl")
                .and_then(|v| v.trim().parse::<u8>().ok())
                .map(|l| l.min(8)),
        }
    }
}

/// Bold, italic and hidden as a run property set says them; `None` where it says nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RunProps {
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub hidden: Option<bool>,
}

impl RunProps {
    pub fn from_rpr(rpr: Option<&Element>) -> RunProps {
        let Some(rpr) = rpr else {
            return RunProps::default();
        };
        RunProps {
            bold: rpr.child("w:b").map(on_off),
            italic: rpr.child("w:i").map(on_off),
            hidden: rpr.child("w:vanish").map(on_off),
        }
    }

    /// Fills what `self` leaves open from `other`.
    pub fn or(self, other: RunProps) -> RunProps {
        RunProps {
            bold: self.bold.or(other.bold),
            italic: self.italic.or(other.italic),
            hidden: self.hidden.or(other.hidden),
        }
    }
}

#[derive(Debug, Default)]
struct Style {
    name: Option<String>,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<NumPr>,
    run: RunProps,
}

#[derive(Debug, Default)]
pub(crate) struct Styles {
    styles: HashMap<String, Style>,
    /// The paragraph style of paragraphs that name none (Word's "Normal").
    default_paragraph: Option<String>,
    defaults: RunProps,
}

impl Styles {
    pub fn parse(root: &Element) -> Styles {
        let mut styles = Styles::default();
        if let Some(rpr) = root
            .child("w:docDefaults")
            .and_then(|d| d.child("w:rPrDefault"))
            .and_then(|d| d.child("w:rPr"))
        {
            styles.defaults = RunProps::from_rpr(Some(rpr));
        }
        for s in root.elements().filter(|e| e.name == "w:style") {
            let Some(id) = s.attr("w:styleId") else {
                continue;
            };
            let ppr = s.child("w:pPr");
            let style = Style {
                name: s.child_val("w:name").map(str::to_string),
                based_on: s.child_val("w:basedOn").map(str::to_string),
                outline: ppr
                    .and_then(|p| p.child_val("w:outlineLvl"))
                    .and_then(|v| v.trim().parse().ok()),
                num: ppr
                    .and_then(|p| p.child("w:numPr"))
                    .map(NumPr::from_element),
                run: RunProps::from_rpr(s.child("w:rPr")),
            };
            if s.attr("w:type") == Some("paragraph")
                && s.attr("w:default")
                    .is_some_and(|d| matches!(d, "1" | "true" | "on"))
            {
                styles.default_paragraph = Some(id.to_string());
            }
            styles.styles.entry(id.to_string()).or_insert(style);
        }
        styles
    }

    pub fn default_paragraph(&self) -> Option<&str> {
        self.default_paragraph.as_deref()
    }

    /// The style and those it is based on, nearest first.
    fn chain<'a>(&'a self, id: &'a str) -> impl Iterator<Item = (&'a str, &'a Style)> + 'a {
        let mut next = Some(id);
        let mut seen: Vec<&str> = Vec::new();
        std::iter::from_fn(move || {
            let id = next.take()?;
            if seen.contains(&id) || seen.len() >= MAX_CHAIN {
                return None;
            }
            seen.push(id);
            let (key, style) = self.styles.get_key_value(id)?;
            next = style.based_on.as_deref();
            Some((key.as_str(), style))
        })
    }

    /// The name a person sees for the style; the id when the file has no such style.
    pub fn name(&self, id: &str) -> String {
        self.styles
            .get(id)
            .and_then(|s| s.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// The heading level (1–6) a paragraph of this style has, if any.
    pub fn heading_level(&self, id: &str) -> Option<u8> {
        if !self.styles.contains_key(id) {
            return heading_from_name(id);
        }
        for (sid, style) in self.chain(id) {
            if let Some(level) = style
                .name
                .as_deref()
                .and_then(heading_from_name)
                .or_else(|| heading_from_name(sid))
            {
                return Some(level);
            }
            if let Some(outline) = style.outline {
                return outline_to_heading(outline);
            }
        }
        None
    }

    /// The numbering a paragraph of this style gets from the style chain, if any.
    pub fn numbering(&self, id: &str) -> Option<NumPr> {
        self.chain(id).find_map(|(_, s)| s.num)
    }

    /// The run properties a style (paragraph or character) gives, inherited values filled in.
    pub fn run_props(&self, id: &str) -> RunProps {
        self.chain(id)
            .fold(RunProps::default(), |acc, (_, s)| acc.or(s.run))
    }

    pub fn defaults(&self) -> RunProps {
        self.defaults
    }
}

/// Word's outline levels 0–8 are heading levels 1–9 (boardpack keeps 1–6); 9 is body text.
pub(crate) fn outline_to_heading(outline: u8) -> Option<u8> {
    (outline <= 8).then(|| (outline + 1).min(6))
}

/// A heading level from a style name or id: `heading 2`, `Heading2`, `Title`.
fn heading_from_name(name: &str) -> Option<u8> {
    let lower = name.trim().to_ascii_lowercase();
    if lower == "title" {
        return Some(1);
    }
    let rest = lower.strip_prefix("heading")?.trim_start();
    let level: u8 = rest.parse().ok()?;
    (1..=9).contains(&level).then(|| level.min(6))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_names() {
        assert_eq!(heading_from_name("heading 1"), Some(1));
        assert_eq!(heading_from_name("Heading3"), Some(3));
        assert_eq!(heading_from_name("Title"), Some(1));
        assert_eq!(heading_from_name("heading 8"), Some(6));
        assert_eq!(heading_from_name("Heading Custom"), None);
        assert_eq!(heading_from_name("Normal"), None);
    }
}
