//! Byte-level escaping shared by the writers of XML (feeds, sitemaps) and iCalendar text.

/// Appends `text` to `out`, replacing what `rule` picks: `rule(bytes, i)` gives the replacement for the
/// bytes starting at `i` and how many bytes it replaces, or `None` to keep the byte. Runs of kept text
/// are copied whole: feeds, sitemaps and calendars of large sites escape megabytes.
pub fn replace_into(
    out: &mut String,
    text: &str,
    rule: impl Fn(&[u8], usize) -> Option<(&'static str, usize)>,
) {
    let bytes = text.as_bytes();
    let mut plain_from = 0;
    let mut i = 0;
    while i < bytes.len() {
        let Some((replacement, skip)) = rule(bytes, i) else {
            i += 1;
            continue;
        };
        out.push_str(&text[plain_from..i]);
        out.push_str(replacement);
        // A rule only ever replaces whole characters, so `i` stays on a character boundary.
        i += skip.max(1);
        plain_from = i;
    }
    out.push_str(&text[plain_from..]);
}
