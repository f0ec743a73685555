//! The board a paper joins, and what the site already says about its meeting.
//!
//! Apart from the import's walk because these read the site, not the source: the boards' `board.md`
//! files and the meeting's `meeting.md` agenda. What disagrees with the report becomes a point to
//! check, never an error, as the site may simply not have the agenda yet.

use std::path::Path;

use super::super::cover::{self, Cover};
use crate::content::model::{Date, ItemNo};

pub(super) use crate::content::boards::{Board, find_board};

/// Points where the report's meeting name or date disagree with the command line.
pub(super) fn check_meeting(cover: &Cover, board: &Board, date: Date, points: &mut Vec<String>) {
    if let Some((text, found)) = &cover.date
        && *found != date.0
    {
        points.push(format!("the report is dated \"{text}\", but --date {} was given: check which meeting it is for", date.iso()));
    }
    if let Some(meeting) = &cover.meeting
        && cover::normalise_text(meeting) != cover::normalise_text(&board.title)
    {
        points.push(format!("the report names the meeting \"{meeting}\", but it is imported for {}: check the board", board.title));
    }
}

/// Points where the meeting's agenda (its `meeting.md`, when it has one) disagrees with the paper: the
/// item is not on it, is a verbal item, or names another paper or title.
pub(super) fn check_agenda(
    root: &Path,
    board: &Board,
    date: Date,
    item: &ItemNo,
    title: &str,
    points: &mut Vec<String>,
) {
    let file = root
        .join(crate::content::load::CONTENT_DIR)
        .join(&board.slug)
        .join(date.iso())
        .join("meeting.md");
    let Ok(text) = std::fs::read_to_string(&file) else {
        return;
    };
    let Ok(split) = crate::content::frontmatter::split(text.trim_start_matches('\u{feff}')) else {
        return;
    };
    let Ok((meeting, _)) =
        crate::content::yaml::from_str::<crate::content::model::MeetingMatter>(split.yaml)
    else {
        return;
    };
    let shown = format!(
        "{}/{}/{}/meeting.md",
        crate::content::load::CONTENT_DIR,
        board.slug,
        date.iso()
    );
    let agenda = meeting.agenda.unwrap_or_default();
    match agenda.iter().find(|a| a.item == *item) {
        None if !agenda.is_empty() => points.push(format!("item {item} is not on the agenda in {shown}: add it there")),
        None => {}
        Some(a) if a.verbal => points.push(format!("the agenda in {shown} has item {item} as a verbal item (\"{}\"): remove `verbal: true` there, or give the paper another --item", a.title)),
        Some(a) if a.paper.is_some() => points.push(format!("the agenda in {shown} links item {item} to {}: point it at this paper, or give the paper another --item", a.paper.as_deref().unwrap_or(""))),
        Some(a) if cover::normalise_text(&a.title) != cover::normalise_text(title) => {
            points.push(format!("the agenda in {shown} calls item {item} \"{}\": check it is this report", a.title));
        }
        Some(_) => {}
    }
}
