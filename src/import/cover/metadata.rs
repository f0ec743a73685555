//! The cover block's unlabelled lines: "Item 4", a date, "Report of …", the meeting's name.
//!
//! Apart from the walk because each is a small parser of its own, used both there and by
//! `running_headers` (a paged export repeats exactly these lines), and `normalise_text` by the
//! import's checks against the site.

use super::Hints;

/// "Yes", "No", "Yes – because…" → the answer.
pub(super) fn yes_no(text: &str) -> Option<bool> {
    let first = normalise_text(text);
    let first = first
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    match first {
        "yes" | "y" => Some(true),
        "no" | "n" => Some(false),
        _ => None,
    }
}

/// "Report of the Director of Transport" → "the Director of Transport".
pub(super) fn strip_report_of(text: &str) -> Option<&str> {
    let lower = text.to_lowercase();
    for prefix in ["report of ", "report by ", "report from "] {
        if lower.starts_with(prefix)
            && text.len() > prefix.len()
            && text.is_char_boundary(prefix.len())
        {
            return Some(text[prefix.len()..].trim());
        }
    }
    None
}

/// The meeting-name line: the board's own title, or a short line naming a board or committee.
pub(super) fn looks_like_meeting(text: &str, hints: &Hints) -> bool {
    let norm = normalise_text(text);
    if hints
        .board_title
        .as_deref()
        .is_some_and(|b| normalise_text(b) == norm)
    {
        return true;
    }
    let last = norm.rsplit(' ').next().unwrap_or("");
    norm.split(' ').count() <= 10
        && [
            "board",
            "committee",
            "cabinet",
            "council",
            "panel",
            "forum",
            "authority",
            "commission",
        ]
        .contains(&last)
}

/// "Item 4", "Agenda item 4a", "Item No. 12", "Item: 4" → the number.
pub fn item_number(text: &str) -> Option<String> {
    let lower = text.trim().to_lowercase();
    let rest = lower.strip_prefix("agenda ").unwrap_or(&lower);
    let rest = rest.strip_prefix("item")?;
    let rest = rest.trim_start_matches([' ', ':', '\t']);
    let rest = rest
        .strip_prefix("no.")
        .or_else(|| rest.strip_prefix("no"))
        .or_else(|| rest.strip_prefix("number"))
        .unwrap_or(rest);
    let rest = rest
        .trim_start_matches([' ', ':', '\t', '.'])
        .trim_end_matches('.');
    let n: crate::content::model::ItemNo = rest.parse().ok()?;
    Some(n.to_string())
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A date line: "10 March 2027", "Tuesday 10th March 2027", "March 10, 2027", "10/03/2027", "2027-03-10",
/// "Date: 10 March 2027" is handled by its label.
pub fn parse_date(text: &str) -> Option<jiff::civil::Date> {
    let lower = text.trim().to_lowercase().replace(',', " ");
    if lower.len() > 40 {
        return None;
    }
    if let Ok(d) = lower.trim().parse::<jiff::civil::Date>() {
        return Some(d);
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    let days = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let words: Vec<&str> = words.into_iter().filter(|w| !days.contains(w)).collect();
    let number = |w: &str| -> Option<i16> {
        w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .ok()
    };
    let month = |w: &str| {
        MONTHS
            .iter()
            .position(|m| *m == w || (w.len() >= 3 && m.starts_with(w)))
            .map(|i| i as i8 + 1)
    };
    let (day, mon, year) = match words.as_slice() {
        [d, m, y] if month(m).is_some() => (number(d)?, month(m)?, y.parse::<i16>().ok()?),
        [m, d, y] if month(m).is_some() => (number(d)?, month(m)?, y.parse::<i16>().ok()?),
        [one] if one.split('/').count() == 3 => {
            let parts: Vec<&str> = one.split('/').collect();
            (
                parts[0].parse().ok()?,
                parts[1].parse().ok()?,
                parts[2].parse().ok()?,
            )
        }
        _ => return None,
    };
    if !(1900..=2200).contains(&year) {
        return None;
    }
    jiff::civil::Date::new(year, mon, i8::try_from(day).ok()?).ok()
}

/// Lower case and single spaces, quotes and dashes made plain: for comparing lines.
pub fn normalise_text(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '‘' | '’' | '`' => '\'',
            '“' | '”' => '"',
            '–' | '—' => '-',
            '\u{a0}' | '\t' => ' ',
            c => c,
        })
        .collect();
    mapped
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_items_in_their_forms() {
        assert_eq!(
            parse_date("Tuesday 14th March 2023").map(|d| d.to_string()),
            Some("2023-03-14".into())
        );
        assert_eq!(
            parse_date("March 14, 2023").map(|d| d.to_string()),
            Some("2023-03-14".into())
        );
        assert_eq!(
            parse_date("14/03/2023").map(|d| d.to_string()),
            Some("2023-03-14".into())
        );
        assert_eq!(parse_date("The Board met in March 2023"), None);
        assert_eq!(item_number("Agenda Item 4a").as_deref(), Some("4a"));
        assert_eq!(item_number("Item No. 12").as_deref(), Some("12"));
        assert_eq!(item_number("Items of business"), None);
    }
}
