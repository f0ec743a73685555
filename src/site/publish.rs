//! Publishing rules: what the public may see, and when.
//!
//! A public body must never publish an exempt ("Part 2") report, must not publish a draft, and must
//! not publish a paper before its embargo lifts. The safest place to enforce that is before the site
//! is linked: withheld documents are taken out of the loaded content here, so no later phase (pages,
//! listings, links, copied files) can reach a byte of them. What stays is a [`Withheld`] record with
//! just enough to say "not yet published" or print the exempt item's agenda line.
//!
//! The notice checks warn when a pack is published with less than the statutory notice.

use std::path::PathBuf;

use crate::content::load::{Document, Loaded};
use crate::content::markdown::slugify;
use crate::content::model::{Date, Exemption, ItemNo, MinutesStatus, Moment, PaperStatus};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Why a document is left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    Draft,
    /// Unpublished until this moment.
    Embargoed(Moment),
    Exempt(Exemption),
}

impl Reason {
    /// What readers see in place of a link to it.
    /// The banner a preview shows on the document's pages.
    pub fn banner(&self) -> String {
        match self {
            Reason::Draft => "Draft – not for publication".to_string(),
            Reason::Embargoed(from) => {
                format!("Embargoed until {} – not yet published", from.words())
            }
            Reason::Exempt(e) => format!("Exempt – not published ({})", e.ground()),
        }
    }

    pub fn notice(&self) -> &'static str {
        match self {
            Reason::Draft | Reason::Embargoed(_) => "not yet published",
            Reason::Exempt(_) => "exempt – not for publication",
        }
    }
}

/// A document left out of the build, and where it would have been.
#[derive(Debug, Clone)]
pub struct Withheld {
    pub path: PathBuf,
    /// The board, as the document names it.
    pub meeting: String,
    pub date: Date,
    /// The agenda item, for papers.
    pub item: Option<ItemNo>,
    pub reason: Reason,
}

impl Withheld {
    /// Whether this names the board with `slug` and `title`.
    pub fn is_for_board(&self, slug: &str, title: &str) -> bool {
        slugify(&self.meeting) == slug || self.meeting.trim().eq_ignore_ascii_case(title)
    }
}

/// Takes out of `loaded` everything the public may not see at `now`, and returns what was taken.
/// Exempt papers are taken out even with `drafts`: they are never published.
///
/// With `preview` (`serve` only) nothing is taken out: what would have been is returned in the second
/// list instead, so its pages can carry a banner saying it is not for publication.
pub fn withhold(
    loaded: &mut Loaded,
    now: Moment,
    drafts: bool,
    preview: bool,
    diagnostics: &mut Diagnostics,
) -> (Vec<Withheld>, Vec<Withheld>) {
    let drafts = drafts && !preview;
    let mut withheld = Vec::new();
    let mut previewed = Vec::new();
    validate_exemptions(loaded, diagnostics);

    // Meetings under embargo take their papers and minutes with them.
    let mut embargoed_meetings: Vec<(String, Date, Moment)> = Vec::new();
    loaded.meetings.retain(|m| match m.matter.publish_from {
        Some(from) if from > now && !drafts => {
            embargoed_meetings.push((m.matter.meeting.clone(), m.matter.date, from));
            let w = Withheld {
                path: m.path.clone(),
                meeting: m.matter.meeting.clone(),
                date: m.matter.date,
                item: None,
                reason: Reason::Embargoed(from),
            };
            set_aside(w, preview, &mut withheld, &mut previewed)
        }
        _ => true,
    });
    let meeting_embargo = |meeting: &str, date: Date| {
        embargoed_meetings
            .iter()
            .find(|(m, d, _)| *d == date && slugify(m) == slugify(meeting))
            .map(|(_, _, from)| *from)
    };

    loaded.papers.retain(|p| {
        let m = &p.matter;
        let reason = if let Some(exemption) = &m.exempt {
            Some(Reason::Exempt(exemption.clone()))
        } else if drafts {
            None
        } else if m.status == PaperStatus::Draft {
            Some(Reason::Draft)
        } else {
            m.publish_from
                .filter(|f| *f > now)
                .or_else(|| meeting_embargo(&m.meeting, m.date))
                .map(Reason::Embargoed)
        };
        match reason {
            Some(reason) => {
                let w = Withheld {
                    path: p.path.clone(),
                    meeting: m.meeting.clone(),
                    date: m.date,
                    item: Some(m.item.clone()),
                    reason,
                };
                set_aside(w, preview, &mut withheld, &mut previewed)
            }
            None => true,
        }
    });

    loaded.minutes.retain(|doc| {
        let m = &doc.matter;
        if !drafts && m.status == MinutesStatus::Draft && doc.key_range("status").is_none() {
            // Unapproved minutes are drafts by default; say so, or a clerk wonders where they went.
            diagnostics.push(
                Diagnostic::warning("BP037", &doc.path, "these minutes have no `status`, so they are treated as a draft and not published")
                    .help("add `status: unconfirmed` to publish them as draft minutes, to be confirmed at the next meeting, or `status: approved` once they are confirmed (or build with --drafts to preview them)"),
            );
        }
        let reason = if drafts {
            None
        } else if m.status == MinutesStatus::Draft {
            Some(Reason::Draft)
        } else {
            meeting_embargo(&m.meeting, m.date)
                .or_else(|| from_day(m.published).filter(|p| *p > now))
                .map(Reason::Embargoed)
        };
        match reason {
            Some(reason) => {
                let w = Withheld { path: doc.path.clone(), meeting: m.meeting.clone(), date: m.date, item: None, reason };
                set_aside(w, preview, &mut withheld, &mut previewed)
            }
            None => true,
        }
    });
    withhold_notices(loaded, now, drafts, preview, &mut withheld, &mut previewed);
    (withheld, previewed)
}

/// Sets `w` aside: withheld, or in a preview shown with a banner (`previewed`). Whether the document
/// stays in the site.
fn set_aside(
    w: Withheld,
    preview: bool,
    withheld: &mut Vec<Withheld>,
    previewed: &mut Vec<Withheld>,
) -> bool {
    if preview {
        previewed.push(w);
        return true;
    }
    withheld.push(w);
    false
}

/// The start of `day`, when one is given: a `published:` date's moment.
fn from_day(day: Option<Date>) -> Option<Moment> {
    day.map(|d| Moment(d.0.to_datetime(jiff::civil::Time::midnight())))
}

/// Takes out decision notices whose `published:` day has not come: a notice is published on its day.
fn withhold_notices(
    loaded: &mut Loaded,
    now: Moment,
    drafts: bool,
    preview: bool,
    withheld: &mut Vec<Withheld>,
    previewed: &mut Vec<Withheld>,
) {
    loaded.notices.retain(|n| {
        let m = &n.matter;
        let Some(from) = from_day(Some(m.published)).filter(|p| *p > now && !drafts) else {
            return true;
        };
        let w = Withheld {
            path: n.path.clone(),
            meeting: m.maker.board.clone().unwrap_or_default(),
            date: m.date,
            item: None,
            reason: Reason::Embargoed(from),
        };
        set_aside(w, preview, withheld, previewed)
    });
}

/// Exemptions must name a paragraph of Schedule 12A, and should say why the public interest favours them.
fn validate_exemptions(loaded: &Loaded, diagnostics: &mut Diagnostics) {
    let mut check = |doc_at: &dyn Fn(Diagnostic) -> Diagnostic,
                     path: &std::path::Path,
                     exemption: &Exemption| {
        if exemption.paragraph_text().is_none() {
            let d = Diagnostic::error(
                "BP070",
                path,
                format!(
                    "`category: {}` is not a paragraph of Schedule 12A (1 to 7)",
                    exemption.category
                ),
            );
            diagnostics.push(doc_at(d).label("not an exemption category").help("give the paragraph of Schedule 12A to the Local Government Act 1972 that applies, 1 to 7 (e.g. 3 for financial or business affairs)"));
        }
        if exemption
            .reason
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
        {
            let d = Diagnostic::warning(
                "BP071",
                path,
                "this exemption gives no public interest reason",
            );
            diagnostics.push(doc_at(d).label("no `reason:`").help("add `reason:` saying why the public interest in keeping it confidential outweighs the interest in disclosure"));
        }
    };
    for p in &loaded.papers {
        let exemptions = p
            .matter
            .exempt
            .iter()
            .chain(p.matter.appendices.iter().filter_map(|a| a.exempt.as_ref()));
        for e in exemptions {
            check(
                &|d| p.at_value(d, "category", &e.category.to_string()),
                &p.path,
                e,
            );
        }
    }
    for m in &loaded.minutes {
        for e in m.matter.items.iter().filter_map(|i| i.exempt.as_ref()) {
            check(
                &|d| m.at_value(d, "category", &e.category.to_string()),
                &m.path,
                e,
            );
        }
    }
}

/// Clear working days strictly between two dates: not counting either day, weekends or `holidays`.
pub fn clear_working_days(from: Date, to: Date, holidays: &[Date]) -> i64 {
    let mut count = 0;
    let mut day = from.0.tomorrow().ok();
    while let Some(d) = day {
        if d >= to.0 {
            break;
        }
        let weekend = matches!(
            d.weekday(),
            jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
        );
        if !weekend && !holidays.contains(&Date(d)) {
            count += 1;
        }
        day = d.tomorrow().ok();
    }
    count
}

/// The day `n` working days after `from` (not counting it): the last day of a period of `n`
/// working days that starts the day after `from`, skipping weekends and `holidays`.
pub fn working_days_after(from: Date, n: u32, holidays: &[Date]) -> Date {
    let mut day = from.0;
    let mut left = n;
    while left > 0 {
        let Ok(next) = day.tomorrow() else {
            break;
        };
        day = next;
        let weekend = matches!(
            day.weekday(),
            jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
        );
        if !weekend && !holidays.contains(&Date(day)) {
            left -= 1;
        }
    }
    Date(day)
}

/// Clear days (calendar days, not counting the two ends) between two dates.
pub fn clear_days(from: Date, to: Date) -> i64 {
    let span = from
        .0
        .until(to.0)
        .map(|s| i64::from(s.get_days()))
        .unwrap_or(0);
    (span - 1).max(0)
}

/// Warns about papers published with less than the statutory notice.
pub fn check_notice(site: &crate::site::Site, diagnostics: &mut Diagnostics) {
    let notice = i64::from(site.config.notice_days);
    // A paper without a date of its own goes out with its meeting's pack: the pack's date is
    // checked once, at the meeting file's `published:`.
    let mut packs_checked = std::collections::HashSet::new();
    for paper in &site.papers {
        let meeting = &site.meetings[paper.meeting];
        let m = &paper.doc.matter;
        let own = m.publish_from.map(|f| f.date()).or(m.published);
        let published = match (own, meeting.published) {
            (Some(date), _) => date,
            (None, Some(pack)) => {
                let stated = meeting
                    .doc
                    .as_ref()
                    .filter(|d| d.matter.published.is_some());
                if let Some(doc) = stated
                    && packs_checked.insert(paper.meeting)
                {
                    let days = clear_working_days(pack, meeting.date, &site.config.bank_holidays);
                    if days < notice {
                        diagnostics.push(
                            doc.at_key(late(pack, meeting.date, days, notice, &doc.path), "published")
                                .label("too late for the statutory notice")
                                .help(format!("publish the pack by {} or earlier; a late paper of it can say why with `urgency: <reason>`", latest_publication(meeting.date, notice, &site.config.bank_holidays).medium())),
                        );
                    }
                }
                pack
            }
            (None, None) => continue,
        };
        let days = clear_working_days(published, meeting.date, &site.config.bank_holidays);
        if own.is_some()
            && days < notice
            && m.urgency.as_deref().is_none_or(|u| u.trim().is_empty())
        {
            diagnostics.push(
                at_publication(
                    &paper.doc,
                    late(published, meeting.date, days, notice, &paper.doc.path),
                )
                .label("too late for the statutory notice")
                .help(format!(
                    "publish by {} or earlier, or record why it is urgent with `urgency: <reason>`",
                    latest_publication(meeting.date, notice, &site.config.bank_holidays).medium()
                )),
            );
        }
        if m.key_decision {
            let days = clear_days(m.key_decision_notice.unwrap_or(published), meeting.date);
            if days < 28 && m.urgency.as_deref().is_none_or(|u| u.trim().is_empty()) {
                diagnostics.push(
                    paper.doc.at_key(
                        Diagnostic::warning("BP073", &paper.doc.path, format!("a key decision published with {days} clear days' notice; 28 are required")),
                        "key_decision",
                    )
                    .label("key decision without 28 clear days' notice")
                    .help("publish notice of the key decision (the forward plan) 28 clear days before the meeting and record its date with `key_decision_notice: YYYY-MM-DD`, or record the general exception or urgency with `urgency: <reason>`"),
                );
            }
        }
    }
}

/// BP072: published `published` with `days` clear working days before a meeting on `meeting`.
fn late(
    published: Date,
    meeting: Date,
    days: i64,
    notice: i64,
    file: &std::path::Path,
) -> Diagnostic {
    let when = if published >= meeting {
        format!(
            "published {}, {} the meeting on {}; the notice is {notice} clear working days",
            published.medium(),
            if published == meeting {
                "the day of"
            } else {
                "after"
            },
            meeting.medium()
        )
    } else {
        format!(
            "published {} with {days} clear working day{} before the meeting on {}; the notice is {notice}",
            published.medium(),
            if days == 1 { "" } else { "s" },
            meeting.medium()
        )
    };
    Diagnostic::warning("BP072", file, when)
}

fn at_publication<T>(doc: &Document<T>, d: Diagnostic) -> Diagnostic {
    match doc
        .key_range("publish_from")
        .or_else(|| doc.key_range("published"))
        .or_else(|| doc.key_range("date"))
    {
        Some(r) => d.at(&doc.text, r),
        None => d,
    }
}

/// The last day a pack can be published and still give `notice` clear working days.
fn latest_publication(meeting: Date, notice: i64, holidays: &[Date]) -> Date {
    let mut day = meeting;
    while let Ok(previous) = day.0.yesterday() {
        day = Date(previous);
        if clear_working_days(day, meeting, holidays) >= notice {
            return day;
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn clear_working_days_skip_weekends_holidays_and_both_ends() {
        // Tuesday 3 to Tuesday 10 March 2026: Wed, Thu, Fri, Mon = 4.
        assert_eq!(clear_working_days(d("2026-03-03"), d("2026-03-10"), &[]), 4);
        assert_eq!(
            clear_working_days(d("2026-03-03"), d("2026-03-10"), &[d("2026-03-09")]),
            3
        );
        assert_eq!(clear_working_days(d("2026-03-02"), d("2026-03-10"), &[]), 5);
        assert_eq!(clear_working_days(d("2026-03-10"), d("2026-03-10"), &[]), 0);
        assert_eq!(latest_publication(d("2026-03-10"), 5, &[]), d("2026-03-02"));
    }

    #[test]
    fn working_days_after_skip_weekends_and_holidays() {
        // Published on Tuesday 15 September 2026: five working days end on Tuesday the 22nd.
        assert_eq!(working_days_after(d("2026-09-15"), 5, &[]), d("2026-09-22"));
        // From a Friday, one working day is the Monday, or the Tuesday after a bank holiday.
        assert_eq!(working_days_after(d("2026-08-28"), 1, &[]), d("2026-08-31"));
        assert_eq!(working_days_after(d("2026-08-28"), 1, &[d("2026-08-31")]), d("2026-09-01"));
        assert_eq!(working_days_after(d("2026-09-15"), 0, &[]), d("2026-09-15"));
    }

    #[test]
    fn clear_days_do_not_count_the_ends() {
        assert_eq!(clear_days(d("2026-03-01"), d("2026-03-30")), 28);
        assert_eq!(clear_days(d("2026-03-10"), d("2026-03-10")), 0);
    }
}
