//! Board archives by year: one page per board per year of past meetings, each meeting with its
//! published documents (agenda, papers with their appendices, minutes), so a reader can find last
//! year's papers without paging through every meeting.
//!
//! The board page's "Past meetings" groups years the same way and links each year here.

use rayon::prelude::*;
use serde::Serialize;

use crate::render::context::{AppendixView, LinkView, MeetingCard};
use crate::render::{ExtraPage, Extras, Output, appendix_views, board_link, meeting_card};
use crate::site::{BoardId, MeetingId, Site};

/// The board archives by year, as a site-wide output.
pub struct Archives;

impl Output for Archives {
    fn name(&self) -> &'static str {
        "archives"
    }

    fn make(&self, site: &Site, _added: &[&str], extras: &mut Extras) {
        outputs(site, extras);
    }
}

/// A board's archive of `year`, relative to the site root: `<board>/archive/<year>/`.
pub fn year_path(site: &Site, board: BoardId, year: i16) -> String {
    format!("{}archive/{year}/", site.boards[board].path)
}

/// `archive` (archive.html).
#[derive(Debug, Serialize)]
struct ArchiveView {
    board: LinkView,
    year: i16,
    /// Every year of the board's archive, newest first, with `current` on this one.
    years: Vec<YearLink>,
    /// The year's past meetings in date order.
    meetings: Vec<ArchiveMeeting>,
}

#[derive(Debug, Serialize)]
struct YearLink {
    year: i16,
    url: String,
    current: bool,
}

#[derive(Debug, Serialize)]
struct ArchiveMeeting {
    meeting: MeetingCard,
    documents: Vec<DocumentView>,
}

/// A published document of a meeting.
#[derive(Debug, Serialize)]
pub struct DocumentView {
    /// "Agenda", "Item 3: Bus franchising…", "Minutes".
    pub title: String,
    pub url: String,
    /// "Web page": papers, agendas and minutes are pages; attached files are among `appendices`.
    pub file_type: &'static str,
    /// `agenda`, `paper` or `minutes`.
    pub kind: &'static str,
    /// For minutes: "Approved" or "Draft".
    pub status: Option<&'static str>,
    /// A paper's appendices, with file type and size (exempt ones with their ground and no link).
    pub appendices: Vec<AppendixView>,
}

/// The published documents of a meeting: its agenda page, each paper in agenda order with its
/// appendices, and its minutes. Withheld papers are not documents anyone can open, so they are left out.
pub fn meeting_documents(site: &Site, id: MeetingId) -> Vec<DocumentView> {
    let m = &site.meetings[id];
    let mut documents = vec![DocumentView {
        title: "Agenda".into(),
        url: site.href(&m.path),
        file_type: "Web page",
        kind: "agenda",
        status: None,
        appendices: Vec::new(),
    }];
    for p in m.agenda.iter().filter_map(|a| a.paper) {
        let paper = &site.papers[p];
        documents.push(DocumentView {
            title: format!("Item {}: {}", paper.doc.matter.item, paper.doc.matter.title),
            url: site.href(&paper.path),
            file_type: "Web page",
            kind: "paper",
            status: None,
            appendices: appendix_views(site, p),
        });
    }
    if let Some(n) = m.minutes {
        let minutes = &site.minutes[n];
        documents.push(DocumentView {
            title: "Minutes".into(),
            url: site.href(&minutes.path),
            file_type: "Web page",
            kind: "minutes",
            status: Some(minutes.doc.matter.status.short()),
            appendices: Vec::new(),
        });
    }
    documents
}

pub fn outputs(site: &Site, extras: &mut Extras) {
    // Boards are independent: their archive pages are made (and rendered) in parallel.
    extras.pages_in_parallel(|add| {
        site.boards.par_iter().enumerate().for_each(|(b, board)| {
            let past: Vec<MeetingId> = board
                .meetings
                .iter()
                .copied()
                .filter(|&m| site.meetings[m].date < site.today)
                .collect();
            let mut years: Vec<i16> = past.iter().map(|&m| site.meetings[m].date.year()).collect();
            years.dedup();
            years.reverse();
            for &year in &years {
                let view = ArchiveView {
                    board: board_link(site, board),
                    year,
                    years: years
                        .iter()
                        .map(|&y| YearLink {
                            year: y,
                            url: site.href(&year_path(site, b, y)),
                            current: y == year,
                        })
                        .collect(),
                    meetings: past
                        .iter()
                        .copied()
                        .filter(|&m| site.meetings[m].date.year() == year)
                        .map(|m| ArchiveMeeting {
                            meeting: meeting_card(site, m),
                            documents: meeting_documents(site, m),
                        })
                        .collect(),
                };
                let path = year_path(site, b, year);
                let title = format!("{}: meetings in {year}", board.doc.matter.title);
                let p = crate::render::page(
                    site,
                    "archive",
                    &title,
                    &path,
                    vec![board_link(site, board)],
                    None,
                );
                add(ExtraPage::new(
                    path,
                    "archive.html",
                    p,
                    vec![("archive", tera::Value::from_serializable(&view))],
                ));
            }
        })
    });
}
