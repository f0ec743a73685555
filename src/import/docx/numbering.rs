//! `word/numbering.xml`: the numbers and bullets Word puts before paragraphs, computed the way Word
//! shows them.
//!
//! A paper refers to "paragraph 2.1", so the number has to be the one the author saw, not a count
//! the reader makes up. Word's model: a `w:num` (the `numId` a paragraph names) points at an
//! `w:abstractNum` that defines nine levels (start value, number format, a text pattern such as
//! `%1.%2.`). Counters belong to the abstract definition, so two `w:num`s sharing one continue each
//! other, unless a `w:num` overrides a start value, which restarts the list where it is first used.

use std::collections::{HashMap, HashSet};

use super::super::doc::ListMark;
use super::styles::{NumPr, Styles};
use super::xml::{Element, on_off};

const LEVELS: usize = 9;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Format {
    #[default]
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Ordinal,
    Bullet,
    None,
}

impl Format {
    fn parse(value: &str) -> Format {
        match value {
            "decimalZero" => Format::DecimalZero,
            "lowerLetter" => Format::LowerLetter,
            "upperLetter" => Format::UpperLetter,
            "lowerRoman" => Format::LowerRoman,
            "upperRoman" => Format::UpperRoman,
            "ordinal" => Format::Ordinal,
            "bullet" => Format::Bullet,
            "none" => Format::None,
            // decimal and the many formats a board paper does not use (Chinese counting, circled
            // numbers…) are written as plain numbers: the number stays right even if the look does not.
            _ => Format::Decimal,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: Format,
    text: String,
    /// `w:lvlRestart`: `Some(0)` never restarts, `Some(n)` restarts after a use of (one-based) level
    /// n or a shallower one, `None` after any shallower level.
    restart: Option<u8>,
    legal: bool,
    /// The paragraph style tied to this level (`w:pStyle`): how a style-numbered paragraph finds its level.
    style: Option<String>,
}

impl Level {
    fn parse(lvl: &Element) -> Level {
        Level {
            // ECMA-376: an absent start value is 0.
            start: lvl
                .child_val("w:start")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0),
            format: lvl
                .child_val("w:numFmt")
                .map(Format::parse)
                .unwrap_or_default(),
            text: lvl.child_val("w:lvlText").unwrap_or_default().to_string(),
            restart: lvl
                .child_val("w:lvlRestart")
                .and_then(|v| v.trim().parse().ok()),
            legal: lvl.child("w:isLgl").is_some_and(on_off),
            style: lvl.child_val("w:pStyle").map(str::to_string),
        }
    }
}

fn level_index(lvl: &Element) -> Option<usize> {
    lvl.attr("w:ilvl")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&i| i < LEVELS)
}

#[derive(Debug, Default)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the levels live in the list a numbering style points at.
    style_link: Option<String>,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    start_overrides: [Option<u32>; LEVELS],
    level_overrides: [Option<Level>; LEVELS],
}

#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<u32, Num>,
    /// Counter values per abstract definition; `None` where a level has not been used since it last
    /// restarted.
    counters: HashMap<String, [Option<u32>; LEVELS]>,
    /// `w:num`s already used, so a start override restarts a list once, where it begins.
    used: HashSet<u32>,
}

impl Numbering {
    pub fn parse(root: &Element) -> Numbering {
        let mut numbering = Numbering::default();
        for e in root.elements() {
            match e.name.as_str() {
                "w:abstractNum" => {
                    let Some(id) = e.attr("w:abstractNumId") else {
                        continue;
                    };
                    let mut def = Abstract {
                        style_link: e.child_val("w:numStyleLink").map(str::to_string),
                        ..Abstract::default()
                    };
                    for lvl in e.elements().filter(|l| l.name == "w:lvl") {
                        if let Some(slot) = level_index(lvl).and_then(|i| def.levels.get_mut(i)) {
                            *slot = Some(Level::parse(lvl));
                        }
                    }
                    numbering.abstracts.entry(id.to_string()).or_insert(def);
                }
                "w:num" => {
                    let Some(id) = e.attr("w:numId").and_then(|v| v.trim().parse::<u32>().ok())
                    else {
                        continue;
                    };
                    let Some(abstract_id) = e.child_val("w:abstractNumId") else {
                        continue;
                    };
                    let mut num = Num {
                        abstract_id: abstract_id.to_string(),
                        ..Num::default()
                    };
                    for o in e.elements().filter(|o| o.name == "w:lvlOverride") {
                        let Some(i) = level_index(o) else { continue };
                        if let Some(slot) = num.start_overrides.get_mut(i) {
                            *slot = o
                                .child_val("w:startOverride")
                                .and_then(|v| v.trim().parse().ok());
                        }
                        if let (Some(slot), Some(lvl)) =
                            (num.level_overrides.get_mut(i), o.child("w:lvl"))
                        {
                            *slot = Some(Level::parse(lvl));
                        }
                    }
                    numbering.nums.entry(id).or_insert(num);
                }
                _ => {}
            }
        }
        numbering
    }

    /// The abstract definition holding a `w:num`'s levels, following `w:numStyleLink` through the
    /// numbering style it names (a few steps at most; a loop ends the search).
    fn abstract_for(&self, num_id: u32, styles: &Styles) -> Option<(&str, &Abstract)> {
        let mut id = self.nums.get(&num_id)?.abstract_id.as_str();
        for _ in 0..4 {
            let (key, def) = self.abstracts.get_key_value(id)?;
            let Some(link) = &def.style_link else {
                return Some((key.as_str(), def));
            };
            let linked_num = styles.numbering(link)?.num_id?;
            let next = self.nums.get(&linked_num)?.abstract_id.as_str();
            if next == id {
                return Some((key.as_str(), def));
            }
            id = next;
        }
        None
    }

    /// The level of a list tied to paragraph style `style_id` (`w:pStyle` in a level), for paragraphs
    /// numbered through their style without a level of their own.
    fn level_for_style(&self, num_id: u32, style_id: &str, styles: &Styles) -> Option<u8> {
        let (_, def) = self.abstract_for(num_id, styles)?;
        def.levels
            .iter()
            .position(|l| {
                l.as_ref()
                    .is_some_and(|l| l.style.as_deref() == Some(style_id))
            })
            .and_then(|i| u8::try_from(i).ok())
    }

    /// The mark of the next paragraph numbered by `direct` (its own `w:numPr`) or by its style,
    /// advancing the counters as Word does. `None` for unnumbered paragraphs (`numId` 0 switches a
    /// style's numbering off) and for levels that show nothing.
    pub fn next_mark(
        &mut self,
        direct: Option<NumPr>,
        style_id: Option<&str>,
        styles: &Styles,
    ) -> Option<ListMark> {
        let from_style = style_id.and_then(|s| styles.numbering(s));
        let num_id = direct
            .and_then(|d| d.num_id)
            .or(from_style.and_then(|s| s.num_id))?;
        if num_id == 0 {
            return None;
        }
        let ilvl = direct
            .and_then(|d| d.ilvl)
            .or(from_style.and_then(|s| s.ilvl))
            .or_else(|| style_id.and_then(|s| self.level_for_style(num_id, s, styles)))
            .unwrap_or(0);
        self.advance(num_id, usize::from(ilvl.min(8)), styles)
    }

    fn advance(&mut self, num_id: u32, level: usize, styles: &Styles) -> Option<ListMark> {
        let (abstract_key, levels) = {
            let (key, def) = self.abstract_for(num_id, styles)?;
            let num = self.nums.get(&num_id)?;
            // The levels as this w:num sees them: its overrides over the abstract definition.
            let levels: Vec<Level> = (0..LEVELS)
                .map(|i| {
                    let mut l = num.level_overrides[i]
                        .clone()
                        .or_else(|| def.levels[i].clone())
                        .unwrap_or_default();
                    if let Some(start) = num.start_overrides[i] {
                        l.start = start;
                    }
                    l
                })
                .collect();
            (key.to_string(), levels)
        };
        let restarts = self
            .nums
            .get(&num_id)
            .is_some_and(|n| n.start_overrides.iter().any(Option::is_some));
        let first_use = self.used.insert(num_id);
        let counters = self.counters.entry(abstract_key).or_insert([None; LEVELS]);
        if first_use && restarts {
            *counters = [None; LEVELS];
        }
        let this = levels.get(level)?;
        let value = match counters[level] {
            Some(n) => n.saturating_add(1),
            None => this.start,
        };
        counters[level] = Some(value);
        for (deeper, l) in levels.iter().enumerate().skip(level + 1) {
            let reset = match l.restart {
                None => true,
                Some(0) => false,
                Some(n) => level < usize::from(n),
            };
            if reset {
                counters[deeper] = None;
            }
        }
        let values: Vec<u32> = (0..LEVELS)
            .map(|i| counters[i].unwrap_or(levels[i].start))
            .collect();
        let bullet = this.format == Format::Bullet;
        let label = if bullet {
            String::new()
        } else {
            expand(&this.text, &levels, &values, this.legal)
        };
        if label.is_empty() && !bullet {
            return None;
        }
        Some(ListMark {
            level: level as u8,
            label,
            bullet,
            list_id: num_id,
        })
    }
}

/// Expands a level text such as `%1.%2.` with the current values; `legal` (Word's `isLgl`) writes
/// every level as a decimal number.
fn expand(pattern: &str, levels: &[Level], values: &[u32], legal: bool) -> String {
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        let digit = chars
            .peek()
            .and_then(|d| d.to_digit(10))
            .filter(|d| (1..=9).contains(d));
        match (c, digit) {
            ('%', Some(d)) => {
                chars.next();
                let i = (d - 1) as usize;
                let (Some(level), Some(&value)) = (levels.get(i), values.get(i)) else {
                    continue;
                };
                let format =
                    if legal && level.format != Format::None && level.format != Format::Bullet {
                        Format::Decimal
                    } else {
                        level.format
                    };
                out.push_str(&format_number(value, format));
            }
            _ => out.push(c),
        }
    }
    out.trim().to_string()
}

fn format_number(n: u32, format: Format) -> String {
    match format {
        Format::Decimal => n.to_string(),
        Format::DecimalZero if n < 10 => format!("0{n}"),
        Format::DecimalZero => n.to_string(),
        Format::LowerLetter => letters(n, b'a'),
        Format::UpperLetter => letters(n, b'A'),
        Format::LowerRoman => roman(n).to_ascii_lowercase(),
        Format::UpperRoman => roman(n),
        Format::Ordinal => ordinal(n),
        Format::Bullet | Format::None => String::new(),
    }
}

/// Word's letters: a…z, then aa…zz, aaa…: the letter repeated, not a base-26 number.
fn letters(n: u32, base: u8) -> String {
    if n == 0 {
        return String::new();
    }
    let index = (n - 1) % 26;
    let times = ((n - 1) / 26 + 1).min(100) as usize;
    char::from(base + index as u8).to_string().repeat(times)
}

fn roman(n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = n;
    let mut out = String::new();
    for (value, digits) in TABLE {
        while rest >= value {
            out.push_str(digits);
            rest -= value;
        }
    }
    out
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(letters(1, b'a'), "a");
        assert_eq!(letters(26, b'a'), "z");
        assert_eq!(letters(27, b'a'), "aa");
        assert_eq!(letters(53, b'A'), "AAA");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(format_number(3, Format::DecimalZero), "03");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(22), "22nd");
    }
}
