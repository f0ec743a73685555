//! The checks of what calendars would publish wrong: a time zone nobody knows, a move from a date
//! another meeting holds, an end before the start.

use std::collections::BTreeMap;

use crate::content::model::{DEFAULT_HOURS, Date};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::{MeetingId, Site};

/// Mistakes that would publish a wrong calendar: a time zone nobody knows, a move from a date another
/// meeting holds, an end before the start.
pub fn check(site: &Site, diagnostics: &mut Diagnostics) {
    if site.time_zone().is_none() {
        let names: Vec<String> = jiff::tz::db()
            .available()
            .map(|n| n.as_str().to_string())
            .collect();
        let help = match crate::content::model::did_you_mean(
            &site.config.timezone,
            names.iter().map(String::as_str),
        ) {
            Some(s) => format!(
                "did you mean `{s}`? Write an IANA time zone name, e.g. `timezone: Europe/London`"
            ),
            None => "write an IANA time zone name, e.g. `timezone: Europe/London`".to_string(),
        };
        diagnostics.push(
            Diagnostic::error("BP082", "site.yaml", format!("`{}` is not a time zone boardpack knows, so meeting times cannot be put in calendars", site.config.timezone))
                .help(help),
        );
    }
    // Which meeting holds each (board, date) identity, first the meetings on that date.
    let mut holders: BTreeMap<(usize, Date), MeetingId> = BTreeMap::new();
    for (id, m) in site.meetings.iter().enumerate() {
        holders.insert((m.board, m.date), id);
    }
    for (id, m) in site.meetings.iter().enumerate() {
        let Some(doc) = &m.doc else { continue };
        let matter = &doc.matter;
        // Only the first date is the meeting's identity; later entries are the steps of its moves.
        if let Some(&from) = matter
            .rescheduled_from
            .first()
            .filter(|&&from| from != m.date)
        {
            match holders.get(&(m.board, from)).copied() {
                Some(other) if other != id => {
                    let what = if site.meetings[other].date == from {
                        "another meeting of this board is on that date"
                    } else {
                        "another meeting of this board was moved from that date"
                    };
                    let shown = from.iso();
                    diagnostics.push(
                        doc.at_value(
                            Diagnostic::warning("BP080", &doc.path, format!("this meeting cannot have been moved from {shown}: {what} ({})", site.meeting_title(other))),
                            "rescheduled_from",
                            &shown,
                        )
                        .label("the date of another meeting")
                        .help("`rescheduled_from` lists the dates this meeting was set for before it moved, the original first; correct the date, or remove it if this is a new meeting"),
                    );
                }
                _ => {
                    holders.insert((m.board, from), id);
                }
            }
        }
        if let (Some(start), Some(end)) = (matter.start_time, matter.end_time)
            && end <= start
        {
            let shown = end.hhmm();
            diagnostics.push(
                doc.at_key(Diagnostic::warning("BP081", &doc.path, format!("the meeting ends at {shown}, not after it starts ({})", start.hhmm())), "end_time")
                    .label("not after `start_time`")
                    .help(format!("correct the time (24-hour, e.g. \"16:30\"); calendars show the meeting as lasting {DEFAULT_HOURS} hours until then")),
            );
        } else if matter.end_time.is_some() && matter.start_time.is_none() {
            diagnostics.push(
                doc.at_key(
                    Diagnostic::warning(
                        "BP081",
                        &doc.path,
                        "the meeting has an `end_time` but no `start_time`",
                    ),
                    "end_time",
                )
                .label("no start to go with it")
                .help("add `start_time`; without it calendars show the meeting as all day"),
            );
        }
    }
}
