//! What the outputs made of decision records (open data, the CSV register, the decisions feed, the
//! call-in deadlines in calendars) say of a decision in common: whether it is out yet, its title, who
//! made it, its status in words and its call-in deadline as a time in the site's time zone. Kept in one
//! place so the feed, the spreadsheet and the data never disagree about a decision.

use jiff::tz::TimeZone;

use crate::content::model::{Date, Time};
use crate::site::Site;
use crate::site::decisions::{Decision, Maker, Status};

/// Whether a decision is public on the build date: recorded by published minutes, or given by a
/// notice published on or before it. A notice dated later is not out yet ("before it, the notice is
/// not"), so nothing made of decision records may show it.
pub fn visible(site: &Site, d: &Decision) -> bool {
    d.minute.is_some() || d.published.is_none_or(|p| p <= site.today)
}

/// Every decision record public on the build date, newest made first (the site's order).
pub fn visible_decisions(site: &Site) -> impl Iterator<Item = (usize, &Decision)> {
    site.decisions
        .iter()
        .enumerate()
        .filter(|(_, d)| visible(site, d))
}

/// Its status on the build date.
pub fn status(site: &Site, d: &Decision) -> Status {
    d.status(site.today, &site.config.bank_holidays)
}

pub use crate::render::decisions::{clock, title};

/// Who made it, in words: the board, or the individual with their role ("Mayor (Cllr Ann Lee)").
pub fn maker_label(site: &Site, d: &Decision) -> String {
    match &d.maker {
        Maker::Meeting(m) => site.boards[site.meetings[*m].board]
            .doc
            .matter
            .title
            .clone(),
        Maker::Member(who) | Maker::Officer(who) => {
            let name = match who.person {
                Some(p) => site.people[p].doc.matter.full_name(),
                None => who.written.trim().to_string(),
            };
            match who.role.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                Some(role) if !name.is_empty() => format!("{role} ({name})"),
                Some(role) => role.to_string(),
                None => name,
            }
        }
    }
}

/// The call-in deadline as a moment in the site's time zone; `None` only outside jiff's range.
pub fn deadline(tz: &TimeZone, day: Date, time: Time) -> Option<jiff::ZonedDateTime> {
    day.0.to_datetime(time.0).to_zoned_datetime(tz.clone()).ok()
}

/// [`deadline`] in RFC 3339 with the zone's offset (`2026-09-22T17:00:00+01:00`), as the open data
/// gives it.
pub fn deadline_rfc3339(tz: &TimeZone, day: Date, time: Time) -> String {
    match deadline(tz, day, time) {
        Some(z) => z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        None => format!("{}T{}:00", day.iso(), time.hhmm()),
    }
}

/// The status in words, as the feed and the spreadsheet say it: the pages' sentence without its full
/// stop ("Can be called in until Tuesday 22 September 2026, 5pm").
pub fn status_words(site: &Site, d: &Decision) -> String {
    crate::render::decisions::status_view(site, d)
        .detail
        .trim_end_matches('.')
        .to_string()
}

/// The day its status last changed, as of the build date: published, then took effect or was called
/// in (a later day, once it has come).
pub fn last_changed(site: &Site, d: &Decision, status: Status) -> Date {
    let published = d.published.unwrap_or(d.made);
    let changed = match status {
        Status::TookEffect(day) | Status::CalledIn(day) if day <= site.today => Some(day),
        _ => None,
    };
    changed.map_or(published, |c| c.max(published))
}

/// The date a status gives, as the spreadsheet and the feed want it: the call-in deadline (local time,
/// `2026-09-22 17:00`), the day it took effect or was called in; none for the others.
pub fn status_date(status: Status) -> Option<String> {
    match status {
        Status::OpenToCallIn(day, time) => Some(format!("{} {}", day.iso(), time.hhmm())),
        Status::TookEffect(day) | Status::CalledIn(day) => Some(day.iso()),
        Status::Recommended | Status::AwaitingPublication => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_carry_the_zones_offset() {
        let tz = TimeZone::get("Europe/London").unwrap();
        let t = "17:00".parse::<Time>().unwrap();
        assert_eq!(
            deadline_rfc3339(&tz, "2026-09-22".parse().unwrap(), t),
            "2026-09-22T17:00:00+01:00"
        );
        assert_eq!(
            deadline_rfc3339(&tz, "2026-12-01".parse().unwrap(), t),
            "2026-12-01T17:00:00+00:00"
        );
    }
}
