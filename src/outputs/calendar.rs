//! iCalendar (RFC 5545) files of meetings: one for the site, one per board, one per meeting, so the
//! public can subscribe to a board's meetings or add one meeting to their own calendar.
//!
//! Choices (documented in the README, "Subscribe and reuse"):
//!
//! - **Times are UTC**, computed from the meeting's local time in the site's `timezone`: correct on both
//!   sides of a daylight saving change with no VTIMEZONE block to get wrong. A meeting with no
//!   `start_time` is an all-day event; one with a start but no (later) end lasts [`DEFAULT_HOURS`].
//! - **Identity.** The UID is made from the board's slug and the meeting's *original* date (the first of
//!   `rescheduled_from`, else its date), so a moved meeting stays one event that changes date.
//! - **Revisions.** SEQUENCE counts the moves, one more when cancelled or postponed, plus the meeting's
//!   own `sequence:` (other changes, such as a new room or time).
//! - **Postponed** meetings are written `STATUS:CANCELLED` (nobody should come on that date) with
//!   "Postponed:" in the summary; when a new date is set, the clerk moves the meeting with
//!   `rescheduled_from`, and the same event comes back, confirmed, on its new date.
//! - **DTSTAMP** comes from the content (the date the agenda was published, else the meeting date),
//!   never from the clock, so a rebuild gives the same bytes.
//!
//! Only what the meeting page shows is written: the agenda's item titles (an exempt item's public title),
//! never a withheld document's own text.
//!
//! The site's and each board's calendar also hold the **call-in deadline** of each public decision
//! open to call-in (the board's: its meetings' decisions), a moment at the deadline's time, on or after
//! the day of the calendar's first meeting (the earliest day it covers). Its UID is made from the
//! decision's page (`<decision>-call-in@…`), which no meeting's (ending in a date) can be.

use std::collections::HashSet;

use jiff::tz::TimeZone;

use crate::content::model::{Date, MeetingStatus};
use crate::outputs::decision_status;
use crate::render::{Extras, Output};
use crate::site::decisions::{CallIn, Decision};
use crate::site::{BoardId, MeetingId, Site};

pub use crate::site::paths::SITE_CALENDAR;
/// A board's calendar, relative to the board's folder.
pub const BOARD_CALENDAR: &str = "calendar.ics";
/// One meeting's calendar file, relative to the meeting's folder.
pub const MEETING_CALENDAR: &str = "meeting.ics";
pub use crate::content::model::DEFAULT_HOURS;

/// The iCalendar files, as a site-wide output.
pub struct Calendars;

impl Output for Calendars {
    fn name(&self) -> &'static str {
        "calendars"
    }

    /// Only whole files, made from what `check` has checked already.
    fn checked(&self) -> bool {
        false
    }

    fn make(&self, site: &Site, _added: &[&str], extras: &mut Extras) {
        outputs(site, extras);
    }
}

const PRODID: &str = "-//boardpack//Meetings calendar//EN";
/// How often subscribers should fetch a subscribed calendar again.
const REFRESH: &str = "PT12H";

/// Adds the site's, each board's and each meeting's calendar file.
pub fn outputs(site: &Site, extras: &mut Extras) {
    let tz = site.time_zone().unwrap_or(TimeZone::UTC);
    let uids = uids(site);
    let events: Vec<String> = (0..site.meetings.len())
        .map(|m| event(site, m, &uids[m], &tz))
        .collect();
    let deadlines = call_in_events(site, &tz);
    // The deadlines on or after `first`, the day of a calendar's first meeting, of the decisions of
    // `board`'s meetings (`None`: of every decision).
    let deadlines_from = |first: Option<Date>, board: Option<BoardId>| -> Vec<&str> {
        deadlines
            .iter()
            .filter(|(b, day, _)| {
                board.is_none_or(|_| *b == board) && first.is_none_or(|f| *day >= f)
            })
            .map(|(_, _, e)| e.as_str())
            .collect()
    };

    let first = site.meetings.iter().map(|m| m.date).min();
    let all: Vec<&str> = events
        .iter()
        .map(String::as_str)
        .chain(deadlines_from(first, None))
        .collect();
    extras.file(
        SITE_CALENDAR,
        calendar(&site.config.title, true, &all).into_bytes(),
    );
    for (b, board) in site.boards.iter().enumerate() {
        let first = board.meetings.iter().map(|&m| site.meetings[m].date).min();
        let of_board: Vec<&str> = board
            .meetings
            .iter()
            .map(|&m| events[m].as_str())
            .chain(deadlines_from(first, Some(b)))
            .collect();
        let name = format!("{} – {}", board.doc.matter.title, site.config.title);
        extras.file(
            format!("{}{BOARD_CALENDAR}", board.path),
            calendar(&name, true, &of_board).into_bytes(),
        );
    }
    for (m, meeting) in site.meetings.iter().enumerate() {
        let name = site.meeting_title(m);
        extras.file(
            format!("{}{MEETING_CALENDAR}", meeting.path),
            calendar(&name, false, &[&events[m]]).into_bytes(),
        );
    }
}

/// A VCALENDAR around `events` (each a whole VEVENT). `subscribed` calendars tell clients how often
/// to fetch them again.
fn calendar(name: &str, subscribed: bool, events: &[&str]) -> String {
    let mut ics = Ics::default();
    ics.line("BEGIN", "VCALENDAR");
    ics.line("VERSION", "2.0");
    ics.line("PRODID", PRODID);
    ics.line("CALSCALE", "GREGORIAN");
    ics.line("METHOD", "PUBLISH");
    ics.text("X-WR-CALNAME", name);
    if subscribed {
        ics.line("REFRESH-INTERVAL;VALUE=DURATION", REFRESH);
        ics.line("X-PUBLISHED-TTL", REFRESH);
    }
    for event in events {
        ics.out.push_str(event);
    }
    ics.line("END", "VCALENDAR");
    ics.out
}

/// The date a meeting was first set for: its identity in calendars.
pub fn original_date(site: &Site, meeting: MeetingId) -> Date {
    let m = &site.meetings[meeting];
    m.doc
        .as_ref()
        .and_then(|d| d.matter.rescheduled_from.first().copied())
        .unwrap_or(m.date)
}

/// Every meeting's UID, by meeting id: `<board slug>-<original date>@<host and base path>`.
///
/// UIDs must be unique. A meeting that never moved keeps its date's UID; a moved meeting whose original
/// date is taken (by a meeting on that date, or an earlier meeting moved from it; `check` warns) gets
/// one that also names its own date, which no other meeting of the board has.
pub fn uids(site: &Site) -> Vec<String> {
    let domain = uid_domain(site);
    let originals: Vec<Date> = (0..site.meetings.len())
        .map(|m| original_date(site, m))
        .collect();
    let mut taken: HashSet<(usize, Date)> = site
        .meetings
        .iter()
        .zip(&originals)
        .filter(|(m, o)| m.date == **o)
        .map(|(m, _)| (m.board, m.date))
        .collect();
    site.meetings
        .iter()
        .zip(&originals)
        .map(|(m, &original)| {
            let slug = &site.boards[m.board].slug;
            if original == m.date || taken.insert((m.board, original)) {
                format!("{slug}-{}@{domain}", original.iso())
            } else {
                format!("{slug}-{}-{}@{domain}", original.iso(), m.date.iso())
            }
        })
        .collect()
}

/// The host and base path of the site (`meetings.example.gov.uk/committees`): UIDs are unique to the
/// publication, so a staging copy built with `--base-url` never clashes with the live site.
fn uid_domain(site: &Site) -> String {
    let without_scheme = site
        .base_url
        .split_once("://")
        .map_or(site.base_url.as_str(), |(_, rest)| rest);
    without_scheme.trim_end_matches('/').to_string()
}

/// One meeting's VEVENT, folded, with CRLF line ends.
fn event(site: &Site, id: MeetingId, uid: &str, tz: &TimeZone) -> String {
    let m = &site.meetings[id];
    let board = &site.boards[m.board];
    let matter = m.doc.as_ref().map(|d| &d.matter);
    let mut ics = Ics::default();
    ics.line("BEGIN", "VEVENT");
    ics.text("UID", uid);
    ics.line(
        "DTSTAMP",
        &format!("{}T000000Z", compact(m.published.unwrap_or(m.date))),
    );

    let start = matter
        .and_then(|x| x.start_time)
        .and_then(|t| utc(tz, m.date, t));
    match start {
        Some(start) => {
            let end = matter
                .and_then(|x| x.end_time)
                .and_then(|t| utc(tz, m.date, t))
                .filter(|end| *end > start)
                .or_else(|| {
                    start
                        .checked_add(jiff::SignedDuration::from_hours(DEFAULT_HOURS))
                        .ok()
                });
            ics.line("DTSTART", &utc_text(start));
            if let Some(end) = end {
                ics.line("DTEND", &utc_text(end));
            }
        }
        None => {
            // All day: DTEND is the day after (exclusive), as RFC 5545 counts days.
            ics.line("DTSTART;VALUE=DATE", &compact(m.date));
            if let Ok(next) = m.date.0.tomorrow() {
                ics.line("DTEND;VALUE=DATE", &compact(Date(next)));
            }
        }
    }

    let title = &board.doc.matter.title;
    let summary = match m.status {
        MeetingStatus::Cancelled => format!("Cancelled: {title}"),
        MeetingStatus::Postponed => format!("Postponed: {title}"),
        MeetingStatus::Scheduled | MeetingStatus::Held => title.clone(),
    };
    ics.text("SUMMARY", &summary);
    let venue = matter.and_then(|x| x.venue.as_ref());
    if let Some(location) = venue
        .map(crate::render::venue_text)
        .filter(|t| !t.is_empty())
    {
        ics.text("LOCATION", &location);
    }
    ics.text("DESCRIPTION", &description(site, id));
    ics.line("URL", &site.permalink(&m.path));
    ics.text("CATEGORIES", title);
    let cancelled = matches!(
        m.status,
        MeetingStatus::Cancelled | MeetingStatus::Postponed
    );
    ics.line("STATUS", if cancelled { "CANCELLED" } else { "CONFIRMED" });
    ics.line("SEQUENCE", &sequence(site, id).to_string());
    ics.line("END", "VEVENT");
    ics.out
}

/// The call-in deadline of each public decision open to call-in, with the board whose meeting made it
/// (none for an individual's decision) and its day, in order of the deadline, then the decision's page.
fn call_in_events(site: &Site, tz: &TimeZone) -> Vec<(Option<BoardId>, Date, String)> {
    let domain = uid_domain(site);
    let mut out: Vec<(Option<BoardId>, Date, &str, String)> =
        decision_status::visible_decisions(site)
            .filter_map(|(_, d)| {
                let CallIn::Until { day, time } = d.call_in else {
                    return None;
                };
                let event = call_in_event(site, d, tz, &domain, day, time)?;
                let board = d.meeting().map(|m| site.meetings[m].board);
                Some((board, day, d.path.as_str(), event))
            })
            .collect();
    out.sort_by(|a, b| (a.1, a.2).cmp(&(b.1, b.2)));
    out.into_iter().map(|(b, day, _, e)| (b, day, e)).collect()
}

/// A decision's call-in deadline as a VEVENT: a moment (no end) at the deadline, free time; none only
/// outside jiff's range.
fn call_in_event(
    site: &Site,
    d: &Decision,
    tz: &TimeZone,
    domain: &str,
    day: Date,
    time: crate::content::model::Time,
) -> Option<String> {
    let at = utc(tz, day, time)?;
    let slug = d
        .path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let title = decision_status::title(d);
    let url = site.permalink(&d.path);
    let mut ics = Ics::default();
    ics.line("BEGIN", "VEVENT");
    ics.text("UID", &format!("{slug}-call-in@{domain}"));
    ics.line(
        "DTSTAMP",
        &format!("{}T000000Z", compact(d.published.unwrap_or(d.made))),
    );
    ics.line("DTSTART", &utc_text(at));
    ics.text("SUMMARY", &format!("Call-in deadline: {title}"));
    let description = [
        format!(
            "{} decided this on {}. It can be called in until {}, {}.",
            decision_status::maker_label(site, d),
            d.made.long(),
            day.long(),
            decision_status::clock(time)
        ),
        crate::outputs::feeds::plain_text(&d.record.decision),
        format!("The decision: {url}"),
    ];
    ics.text("DESCRIPTION", &description.join("\n\n"));
    ics.line("URL", &url);
    ics.text("CATEGORIES", "Call-in deadline");
    ics.line("TRANSP", "TRANSPARENT");
    ics.line("STATUS", "CONFIRMED");
    ics.line("SEQUENCE", "0");
    ics.line("END", "VEVENT");
    Some(ics.out)
}

/// The revision number: one per move, one for a cancellation or postponement, plus `sequence:`.
pub fn sequence(site: &Site, id: MeetingId) -> u32 {
    let m = &site.meetings[id];
    let matter = m.doc.as_ref().map(|d| &d.matter);
    let moves = matter.map_or(0, |x| x.rescheduled_from.len());
    let moves = u32::try_from(moves).unwrap_or(u32::MAX);
    let cancelled = u32::from(matches!(
        m.status,
        MeetingStatus::Cancelled | MeetingStatus::Postponed
    ));
    let own = matter.and_then(|x| x.sequence).unwrap_or(0);
    moves.saturating_add(cancelled).saturating_add(own)
}

/// The event's description: status, move, the agenda as the meeting page shows it, where to watch, and
/// the page's address.
fn description(site: &Site, id: MeetingId) -> String {
    let m = &site.meetings[id];
    let matter = m.doc.as_ref().map(|d| &d.matter);
    let mut parts: Vec<String> = vec![site.meeting_title(id)];
    let note = matter
        .and_then(|x| x.status_note.as_deref())
        .map(str::trim)
        .filter(|n| !n.is_empty());
    match m.status {
        MeetingStatus::Cancelled => {
            parts.push(join_sentence("This meeting has been cancelled.", note))
        }
        MeetingStatus::Postponed => {
            parts.push(join_sentence("This meeting has been postponed.", note))
        }
        MeetingStatus::Scheduled | MeetingStatus::Held => parts.extend(note.map(str::to_string)),
    }
    // A status note usually says why the meeting moved; say where from only when it does not.
    if let Some(from) = matter
        .map(|x| &x.rescheduled_from)
        .filter(|r| !r.is_empty() && note.is_none())
    {
        let dates: Vec<String> = from.iter().map(Date::medium).collect();
        parts.push(format!("Moved from {}.", dates.join(", then from ")));
    }
    if !m.agenda.is_empty() {
        let mut agenda = String::from("Agenda:");
        for item in &m.agenda {
            agenda.push_str(&format!("\n{}. {}", item.item, item.title.trim()));
            if matches!(item.withheld, Some(crate::site::publish::Reason::Exempt(_))) {
                agenda.push_str(" (exempt – not for publication)");
            }
        }
        parts.push(agenda);
    }
    let online = matter
        .and_then(|x| x.venue.as_ref())
        .and_then(|v| v.online.as_deref())
        .map(str::trim)
        .filter(|o| !o.is_empty());
    if let Some(online) = online {
        parts.push(format!("Online: {online}"));
    }
    parts.push(format!("Agenda and papers: {}", site.permalink(&m.path)));
    parts.join("\n\n")
}

fn join_sentence(first: &str, then: Option<&str>) -> String {
    match then {
        Some(t) => format!("{first} {t}"),
        None => first.to_string(),
    }
}

/// A local date and time in `tz` as a UTC instant; `None` only outside jiff's range.
pub fn utc(
    tz: &TimeZone,
    date: Date,
    time: crate::content::model::Time,
) -> Option<jiff::Timestamp> {
    // `to_zoned_datetime` resolves a time that does not exist (clocks going forward) or happens twice (going
    // back) the way most calendar programs do: the later offset for a gap, the earlier for a fold.
    date.0
        .to_datetime(time.0)
        .to_zoned_datetime(tz.clone())
        .ok()
        .map(|z| z.timestamp())
}

/// `20261103T180000Z`.
fn utc_text(t: jiff::Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// `20261103`.
fn compact(d: Date) -> String {
    d.0.strftime("%Y%m%d").to_string()
}

/// Content lines, folded, each ended with CRLF.
#[derive(Default)]
struct Ics {
    out: String,
}

impl Ics {
    /// A property whose value is already in its iCalendar form (a date, a URI, a keyword).
    fn line(&mut self, name: &str, value: &str) {
        self.out.push_str(&fold(&format!("{name}:{value}")));
        self.out.push_str("\r\n");
    }

    /// A TEXT property: escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.line(name, &escape_text(value));
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newline; other control
/// characters are not allowed in TEXT and are dropped. CRLF and lone CR count as one newline.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    crate::escape::replace_into(&mut out, text, |bytes, i| {
        Some(match bytes[i] {
            b'\\' => ("\\\\", 1),
            b';' => ("\\;", 1),
            b',' => ("\\,", 1),
            b'\n' => ("\\n", 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => ("", 1),
            b'\r' => ("\\n", 1),
            b'\t' => return None,
            0..0x20 | 0x7F => ("", 1),
            // C1 controls, U+0080 to U+009F: C2 80 to C2 9F.
            0xC2 if matches!(bytes.get(i + 1), Some(0x80..=0x9F)) => ("", 2),
            _ => return None,
        })
    });
    out
}

/// Folds a content line so no physical line is longer than 75 octets (RFC 5545 §3.1): continuation
/// lines start with one space, and a UTF-8 character is never split. No CRLF at the end.
pub fn fold(line: &str) -> String {
    const LIMIT: usize = 75;
    if line.len() <= LIMIT {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + line.len() / 24 * 3);
    let mut rest = line;
    // The first line holds 75 octets; each continuation line a space and 74.
    let mut room = LIMIT;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = LIMIT - 1;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Undoes [`escape_text`] (for a line [`escape_text`] made).
    fn unescape(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    #[test]
    fn escapes_text_specials() {
        assert_eq!(escape_text(r"a\b;c,d"), r"a\\b\;c\,d");
        assert_eq!(
            escape_text("one\ntwo\r\nthree\rfour"),
            r"one\ntwo\nthree\nfour"
        );
        assert_eq!(escape_text("bell\u{7}tab\there"), "belltab\there");
        assert_eq!(
            escape_text("del\u{7f} next-line\u{85} é€😀"),
            "del next-line é€😀",
            "DEL and C1 controls are dropped, other characters kept"
        );
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let short = "X".repeat(75);
        assert_eq!(fold(&short), short, "exactly 75 octets is not folded");
        let long = "X".repeat(76);
        assert_eq!(fold(&long), format!("{}\r\n X", "X".repeat(75)));
        // 74 ASCII then a 3-octet character: it would end at octet 77, so it moves to the next line.
        let line = format!("{}€", "a".repeat(74));
        assert_eq!(fold(&line), format!("{}\r\n €", "a".repeat(74)));
    }

    #[test]
    fn escaping_round_trips() {
        let line = format!(
            "DESCRIPTION:{}",
            escape_text("Café, Hall; 2nd floor\nRoom 1")
        );
        assert_eq!(
            unescape(line.strip_prefix("DESCRIPTION:").unwrap()),
            "Café, Hall; 2nd floor\nRoom 1"
        );
    }

    proptest! {
        /// Folded lines are at most 75 octets, continuation lines start with a space, and unfolding
        /// gives back the content line, which unescapes to the original text.
        #[test]
        fn folding_round_trips(text in "(?s).{0,300}", name in "[A-Z]{1,12}") {
            let line = format!("{name}:{}", escape_text(&text));
            let folded = fold(&line);
            for (i, physical) in folded.split("\r\n").enumerate() {
                prop_assert!(physical.len() <= 75, "{} octets: {physical:?}", physical.len());
                if i > 0 {
                    prop_assert!(physical.starts_with(' '));
                }
            }
            prop_assert_eq!(unfold(&folded), line.clone());
            let value = unfold(&folded).split_once(':').map(|(_, v)| v.to_string()).unwrap_or_default();
            let expected: String = text.replace("\r\n", "\n").replace('\r', "\n").chars().filter(|c| !c.is_control() || *c == '\t' || *c == '\n').collect();
            prop_assert_eq!(unescape(&value), expected);
        }
    }
}
