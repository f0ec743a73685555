//! The page kinds: the template data of the home page, a board, a meeting with its papers, appendices
//! and minutes, and the helpers the site-wide outputs use to make pages like them (breadcrumbs, dates,
//! cards, document lists).

use tera::Context;

use super::context::*;
use super::links::{markdown_doc, markdown_doc_indexed, resolver};
use super::output::{Gather, PaperReader};
use super::units::{STYLESHEET, put};
use super::{Collector, Sink};
use crate::content::markdown::{self, Settings};
use crate::content::model::{Date, MeetingMatter, MeetingStatus, Venue};
use crate::hash::Map as HashMap;
use crate::site::minutes::MinuteItem;
use crate::site::{AppendixContent, MeetingId, PaperId, Site, paths};

/// How a paper's body is numbered, on its page and so in the search index.
pub const PAPER_BODY: Settings = Settings {
    numbered_paragraphs: true,
};

pub fn page(
    site: &Site,
    kind: &'static str,
    title: &str,
    path: &str,
    breadcrumbs: Vec<LinkView>,
    description: Option<String>,
) -> PageView {
    let mut crumbs = if kind == "home" {
        Vec::new()
    } else {
        vec![LinkView {
            title: "Home".into(),
            url: site.href(""),
        }]
    };
    crumbs.extend(breadcrumbs);
    PageView {
        title: title.to_string(),
        kind,
        url: site.href(path),
        permalink: site.permalink(path),
        breadcrumbs: crumbs,
        description,
        // A paper's appendices share its fate: a page under a previewed page carries its banner.
        banner: site
            .banners
            .iter()
            .filter(|(url, _)| path.starts_with(url.as_str()))
            .max_by_key(|(url, _)| url.len())
            .map(|(_, b)| b.clone()),
    }
}

pub fn date_view(d: Date) -> DateView {
    DateView {
        iso: d.iso(),
        long: d.long(),
        medium: d.medium(),
        year: d.year(),
    }
}

pub(super) fn site_view(site: &Site) -> SiteView {
    let mut pages: Vec<LinkView> = site
        .pages
        .iter()
        .map(|p| LinkView {
            title: p.doc.matter.title.clone(),
            url: site.href(&p.path),
        })
        .collect();
    pages.sort_by(|a, b| a.title.cmp(&b.title));
    let bodies_index = site.bodies_index();
    SiteView {
        title: site.config.title.clone(),
        description: site.config.description.clone(),
        language: site.config.language.clone(),
        base_url: site.base_url.clone(),
        base_path: site.base_path.clone(),
        organisation: crate::content::model::Organisation {
            // Only web addresses become links; anything else (a `javascript:` URL) is dropped.
            website: site
                .config
                .organisation
                .website
                .clone()
                .filter(|w| w.starts_with("https://") || w.starts_with("http://")),
            ..site.config.organisation.clone()
        },
        boards: site.boards.iter().map(|b| board_link(site, b)).collect(),
        bodies: LinkView {
            title: site.config.bodies.label.clone(),
            url: site.href(&bodies_index),
        },
        nav: [
            Some((site.config.bodies.label.as_str(), bodies_index.as_str())),
            // The shape of the site, not a read: every page's navigation has it.
            (!site.people.is_empty()).then_some(("People", crate::site::people::PEOPLE)),
            Some(("Decisions", paths::DECISIONS)),
            Some(("Actions", paths::ACTIONS)),
            Some(("Search", paths::SEARCH)),
        ]
        .into_iter()
        .flatten()
        .map(|(title, path)| LinkView {
            title: title.into(),
            url: site.href(path),
        })
        .chain(pages.iter().cloned())
        .collect(),
        pages,
        home_url: site.href(""),
        accessibility_url: site.href("accessibility/"),
        stylesheet_url: site.href(STYLESHEET),
        today: date_view(site.today),
        feeds: FeedLinks {
            atom: site.href(paths::SITE_FEED),
            calendar: site.href(paths::SITE_CALENDAR),
            data: site.href(paths::DATA_INDEX),
            // Written only when there are decision records (`outputs::decision_feed`).
            decisions: (!site.decisions.is_empty()).then(|| site.href(paths::DECISIONS_FEED)),
        },
        preview: false,
    }
}

pub use crate::site::paths::BOARDS_INDEX;

pub fn board_link(site: &Site, board: &crate::site::Board) -> LinkView {
    LinkView {
        title: board.doc.matter.title.clone(),
        url: site.href(&board.path),
    }
}

pub fn venue_text(v: &Venue) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(room) = &v.room {
        parts.push(room.trim().to_string());
    }
    if let Some(address) = &v.address {
        parts.push(crate::content::model::one_line(address));
    }
    let in_person = !parts.is_empty();
    if v.online.is_some() {
        parts.push(if in_person {
            "and online".into()
        } else {
            "Online".into()
        });
    }
    parts.join(", ").replace(", and online", " and online")
}

pub fn venue_view(v: &Venue) -> VenueView {
    let address: Vec<String> = v
        .address
        .iter()
        .flat_map(|a| a.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let online = v.online.clone().filter(|o| !o.trim().is_empty());
    let online_is_url = online
        .as_deref()
        .is_some_and(|o| o.starts_with("https://") || o.starts_with("http://"));
    let in_person = v.room.is_some() || !address.is_empty();
    VenueView {
        room: v.room.clone(),
        hybrid: in_person && online.is_some(),
        address,
        online,
        online_is_url,
        text: venue_text(v),
    }
}

pub fn status_name(s: MeetingStatus) -> &'static str {
    match s {
        MeetingStatus::Scheduled => "scheduled",
        MeetingStatus::Held => "held",
        MeetingStatus::Cancelled => "cancelled",
        MeetingStatus::Postponed => "postponed",
    }
}

pub fn meeting_card(site: &Site, id: MeetingId) -> MeetingCard {
    let m = &site.meetings[id];
    let matter = m.doc.as_ref().map(|d| &d.matter);
    MeetingCard {
        title: site.meeting_title(id),
        url: site.href(&m.path),
        board: board_link(site, &site.boards[m.board]),
        date: date_view(m.date),
        time: matter.and_then(|x| x.start_time).map(|t| t.twelve_hour()),
        status: status_name(m.status),
        status_label: m.status.label(),
        venue: matter
            .and_then(|x| x.venue.as_ref())
            .map(venue_text)
            .filter(|t| !t.is_empty()),
        minutes_url: m.minutes.map(|n| site.href(&site.minutes[n].path)),
        paper_count: m.papers.len(),
    }
}

pub(super) fn home_view(site: &Site) -> HomeView {
    let upcoming: Vec<MeetingCard> = (0..site.meetings.len())
        .filter(|&m| site.meetings[m].date >= site.today)
        .take(10)
        .map(|m| meeting_card(site, m))
        .collect();
    // Sorted by date and path first, and only the newest made into cards: a site has thousands of papers.
    enum Recent {
        Paper(usize, bool),
        Minutes(usize),
    }
    let mut candidates: Vec<(Date, &str, Recent)> = Vec::new();
    for (i, p) in site.papers.iter().enumerate() {
        let m = &site.meetings[p.meeting];
        let published = p.doc.matter.published.or(m.published);
        let date = published.unwrap_or(m.date);
        if date <= site.today {
            candidates.push((date, p.path.as_str(), Recent::Paper(i, published.is_some())));
        }
    }
    for (i, n) in site.minutes.iter().enumerate() {
        let date = n
            .doc
            .matter
            .approved_on
            .unwrap_or(site.meetings[n.meeting].date);
        if date <= site.today {
            candidates.push((date, n.path.as_str(), Recent::Minutes(i)));
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let recent: Vec<DocumentCard> = candidates
        .into_iter()
        .take(12)
        .map(|(date, _, which)| match which {
            Recent::Paper(i, date_is_published) => {
                let p = &site.papers[i];
                let m = &site.meetings[p.meeting];
                DocumentCard {
                    title: p.doc.matter.title.clone(),
                    url: site.href(&p.path),
                    kind: "paper",
                    meeting: LinkView {
                        title: site.meeting_title(p.meeting),
                        url: site.href(&m.path),
                    },
                    board: board_link(site, &site.boards[m.board]),
                    date: date_view(date),
                    date_is_published,
                    purpose: p.doc.matter.purpose.clone(),
                }
            }
            Recent::Minutes(i) => {
                let n = &site.minutes[i];
                let m = &site.meetings[n.meeting];
                DocumentCard {
                    title: format!("Minutes: {}", site.meeting_title(n.meeting)),
                    url: site.href(&n.path),
                    kind: "minutes",
                    meeting: LinkView {
                        title: site.meeting_title(n.meeting),
                        url: site.href(&m.path),
                    },
                    board: board_link(site, &site.boards[m.board]),
                    date: date_view(date),
                    date_is_published: false,
                    purpose: None,
                }
            }
        })
        .collect();
    let boards = board_cards(site);
    HomeView {
        upcoming,
        recent,
        boards,
    }
}

pub fn board_cards(site: &Site) -> Vec<BoardCard> {
    site.boards
        .iter()
        .map(|b| BoardCard {
            title: b.doc.matter.title.clone(),
            url: site.href(&b.path),
            summary: first_paragraph(b.doc.body()),
            next_meeting: b
                .meetings
                .iter()
                .copied()
                .find(|&m| site.meetings[m].date >= site.today)
                .map(|m| meeting_card(site, m)),
        })
        .collect()
}

/// The first paragraph of Markdown as plain text, for summaries.
pub fn first_paragraph(markdown: &str) -> Option<String> {
    let para = markdown
        .split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('#'))?;
    let text: String = pulldown_cmark::Parser::new(para)
        .filter_map(|e| match e {
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => {
                Some(t.into_string())
            }
            pulldown_cmark::Event::SoftBreak => Some(" ".into()),
            _ => None,
        })
        .collect();
    Some(text)
}

pub(super) fn board_view(site: &Site, id: usize, c: &Collector) -> BoardView {
    let b = &site.boards[id];
    let description = markdown_doc(site, &b.doc, Settings::default(), c);
    let (membership, past_members) = crate::render::people::membership(site, id);
    let upcoming = b
        .meetings
        .iter()
        .copied()
        .filter(|&m| site.meetings[m].date >= site.today)
        .map(|m| meeting_card(site, m))
        .collect();
    let mut past_by_year: Vec<YearOfMeetings> = Vec::new();
    for &m in b
        .meetings
        .iter()
        .rev()
        .filter(|&&m| site.meetings[m].date < site.today)
    {
        let year = site.meetings[m].date.year();
        match past_by_year.last_mut() {
            Some(y) if y.year == year => y.meetings.push(meeting_card(site, m)),
            _ => past_by_year.push(YearOfMeetings {
                year,
                meetings: vec![meeting_card(site, m)],
            }),
        }
    }
    BoardView {
        title: b.doc.matter.title.clone(),
        url: site.href(&b.path),
        slug: b.slug.clone(),
        description_html: description.html,
        contact: ContactView::from(b.doc.matter.contact.as_ref()),
        contact_url: b.contact.map(|p| site.href(&site.people[p].path)),
        membership,
        past_members,
        upcoming,
        past_by_year,
        extra: b.doc.matter.extra.clone(),
    }
}

pub fn appendix_views(site: &Site, paper: PaperId) -> Vec<AppendixView> {
    site.papers[paper]
        .appendices
        .iter()
        .map(|a| match &a.content {
            AppendixContent::Page(_) => AppendixView {
                title: a.title.clone(),
                url: site.href(&a.path),
                file_type: "Web page".into(),
                extension: None,
                size: None,
                size_bytes: None,
                exempt_ground: None,
            },
            AppendixContent::Exempt(e) => AppendixView {
                title: a.title.clone(),
                url: String::new(),
                file_type: "Exempt – not for publication".into(),
                extension: None,
                size: None,
                size_bytes: None,
                exempt_ground: Some(e.ground()),
            },
            AppendixContent::File { size, .. } => AppendixView {
                title: a.title.clone(),
                url: site.href(&a.path),
                file_type: file_type(&a.extension).into(),
                extension: Some(a.extension.to_uppercase()),
                size: Some(human_size(*size)),
                size_bytes: Some(*size),
                exempt_ground: None,
            },
        })
        .collect()
}

/// What a reader should expect to open.
pub fn file_type(extension: &str) -> &'static str {
    match extension {
        "pdf" => "PDF document",
        "csv" => "CSV spreadsheet",
        "xlsx" | "xls" | "ods" => "Spreadsheet",
        "docx" | "doc" | "odt" | "rtf" => "Word document",
        "pptx" | "ppt" | "odp" => "Presentation",
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" => "Image",
        "txt" => "Text file",
        "zip" => "ZIP archive",
        _ => "File",
    }
}

/// The link to a file made for a page: its size and pages as a reader should know them before opening it.
pub fn download_view(site: &Site, download: &crate::render::Download) -> DownloadView {
    let bytes = download.bytes.len() as u64;
    let size = human_size(bytes);
    let details = match download.pages {
        Some(1) => format!("{}, {size}, 1 page", download.format),
        Some(n) => format!("{}, {size}, {n} pages", download.format),
        None => format!("{}, {size}", download.format),
    };
    DownloadView {
        label: download.label.clone(),
        url: site.href(&download.path),
        format: download.format,
        size,
        size_bytes: bytes,
        pages: download.pages,
        details,
    }
}

/// "2 KB", "1.4 MB": sizes as document lists show them.
pub fn human_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} bytes")
    } else if b < KB * KB {
        format!("{} KB", (b / KB).ceil())
    } else {
        format!("{:.1} MB", b / (KB * KB))
    }
}

pub(super) fn meeting_view(site: &Site, id: MeetingId, c: &Collector) -> MeetingView {
    let m = &site.meetings[id];
    let board = &site.boards[m.board];
    let matter = m.doc.as_ref().map(|d| &d.matter);
    let start = matter.and_then(|x| x.start_time);
    let end = matter.and_then(|x| x.end_time);
    let time_text = matter.and_then(MeetingMatter::time_text);
    let cover_html = match &m.doc {
        Some(d) => markdown_doc(site, d, Settings::default(), c).html,
        None => String::new(),
    };
    let agenda = m
        .agenda
        .iter()
        .map(|a| {
            let paper = a.paper.map(|p| &site.papers[p]);
            AgendaItemView {
                item: a.item.to_string(),
                title: a.title.clone(),
                url: paper.map(|p| site.href(&p.path)),
                paper_title: paper.map(|p| p.doc.matter.title.clone()),
                purpose: paper.and_then(|p| p.doc.matter.purpose.clone()),
                verbal: a.verbal,
                presenter: a.presenter.clone(),
                presenter_url: a.presenter_person.map(|p| site.href(&site.people[p].path)),
                supplement: paper.is_some_and(|p| p.is_supplement(m)),
                withheld: a.withheld.is_some(),
                withheld_notice: a.withheld.as_ref().map(|r| r.notice().to_string()),
                exempt_ground: match &a.withheld {
                    Some(crate::site::publish::Reason::Exempt(e)) => Some(e.ground()),
                    _ => None,
                },
                appendices: a.paper.map(|p| appendix_views(site, p)).unwrap_or_default(),
            }
        })
        .collect();
    let position = board.meetings.iter().position(|&x| x == id);
    let previous = position
        .and_then(|i| i.checked_sub(1))
        .map(|i| meeting_card(site, board.meetings[i]));
    let next = position
        .and_then(|i| board.meetings.get(i + 1))
        .map(|&n| meeting_card(site, n));
    let venue = matter.and_then(|x| x.venue.as_ref());
    let time = |t: Option<crate::content::model::Time>| {
        t.map(|t| format!("{}T{}", m.date.iso(), t.hhmm()))
    };
    MeetingView {
        title: site.meeting_title(id),
        url: site.href(&m.path),
        board: board_link(site, board),
        date: date_view(m.date),
        start_time: start.map(|t| t.twelve_hour()),
        end_time: end.map(|t| t.twelve_hour()),
        time_text,
        venue: venue.map(venue_view),
        status: status_name(m.status),
        status_label: m.status.label(),
        status_note: matter.and_then(|x| x.status_note.clone()),
        cover_html,
        agenda,
        minutes_url: m.minutes.map(|n| site.href(&site.minutes[n].path)),
        decisions: m
            .decisions
            .iter()
            .map(|&d| crate::render::decisions::decision_line(site, d))
            .collect(),
        previous,
        next,
        next_meeting_date: matter.and_then(|x| x.next_meeting).map(date_view),
        published: m.published.map(date_view),
        calendar: CalendarView {
            start: time(start),
            end: time(end),
            timezone: site.config.timezone.clone(),
            summary: site.meeting_title(id),
            location: venue.map(venue_text).filter(|t| !t.is_empty()),
        },
        upcoming: m.date >= site.today,
        downloads: Vec::new(),
        extra: matter.and_then(|x| x.extra.clone()),
    }
}

/// Renders one page: output path, template, page view, and what the template gets besides.
pub(super) type Emit<'a> = dyn Fn(&str, &str, PageView, &dyn Fn(&mut Context)) + 'a;

/// The pages of one meeting: its agenda, papers, appendices and minutes.
///
/// In a build, each paper is given to the gatherers ([`Gather`], the search index) from the events its
/// page is rendered from, and the meeting's other documents once its pages are made.
pub(super) fn meeting_pages(
    site: &Site,
    id: MeetingId,
    c: &Collector,
    emit: &Emit<'_>,
    sink: &dyn Sink,
    gatherers: &[(usize, Box<dyn Gather + '_>)],
    downloads: &[(String, DownloadView)],
) {
    let m = &site.meetings[id];
    let board = &site.boards[m.board];
    let downloads_of = |page: &str| {
        downloads
            .iter()
            .filter(|(from, _)| from == page)
            .map(|(_, d)| d.clone())
            .collect::<Vec<_>>()
    };
    let mut meeting = meeting_view(site, id, c);
    meeting.downloads = downloads_of(&m.path);
    let meeting_value = tera::Value::from_serializable(&meeting);
    let board_crumb = board_link(site, board);
    let meeting_crumb = LinkView {
        title: meeting.title.clone(),
        url: meeting.url.clone(),
    };

    let p = page(
        site,
        "meeting",
        &meeting.title,
        &m.path,
        vec![board_crumb.clone()],
        None,
    );
    emit(&m.path, "meeting.html", p, &|ctx| {
        ctx.insert_value("meeting", meeting_value.clone())
    });

    let with_paper: Vec<PaperId> = m.agenda.iter().filter_map(|a| a.paper).collect();
    let position_of: HashMap<PaperId, usize> = with_paper
        .iter()
        .enumerate()
        .map(|(i, &p)| (p, i))
        .collect();
    for &pid in &m.papers {
        let paper = &site.papers[pid];
        let matter = &paper.doc.matter;
        let mut readers: Vec<Box<dyn PaperReader + '_>> =
            gatherers.iter().map(|(_, g)| g.paper(pid)).collect();
        let body = markdown_doc_indexed(site, &paper.doc, PAPER_BODY, c, &mut readers);
        for reader in readers {
            reader.done();
        }
        let resolver = resolver(site, paper.doc.dir(), c);
        let position = position_of.get(&pid).copied();
        let neighbour = |i: Option<usize>| {
            i.and_then(|i| with_paper.get(i)).map(|&n| LinkView {
                title: format!(
                    "Item {}: {}",
                    site.papers[n].doc.matter.item, site.papers[n].doc.matter.title
                ),
                url: site.href(&site.papers[n].path),
            })
        };
        let view = PaperView {
            title: matter.title.clone(),
            url: site.href(&paper.path),
            item: matter.item.to_string(),
            purpose: matter.purpose.clone(),
            summary_html: matter
                .summary
                .as_deref()
                .map(|s| markdown::render_inline_block(s, &resolver)),
            recommendations_html: matter
                .recommendations
                .iter()
                .map(|r| markdown::render_inline_block(r, &resolver))
                .collect(),
            action: matter.action.clone(),
            contact: ContactView::from(matter.contact.as_ref()),
            contact_url: paper.contact.map(|p| site.href(&site.people[p].path)),
            contents: body
                .headings
                .iter()
                .filter(|h| h.level == 2)
                .map(|h| LinkView {
                    title: h.text.clone(),
                    url: format!("#{}", h.id),
                })
                .collect(),
            body_html: body.html,
            appendices: appendix_views(site, pid),
            wards: matter.wards.clone(),
            decision_maker: matter.decision_maker.clone(),
            key_decision: matter.key_decision,
            background_papers: matter.background_papers.clone(),
            published: matter.published.map(date_view),
            supplement: paper.is_supplement(m),
            previous: neighbour(position.and_then(|i| i.checked_sub(1))),
            next: neighbour(position.map(|i| i + 1)),
            minutes_url: m.minutes.map(|n| {
                let minutes = &site.minutes[n];
                let minuted = minutes.item(&matter.item).is_some();
                let anchor = if minuted {
                    format!("#{}", minute_anchor(&matter.item))
                } else {
                    String::new()
                };
                format!("{}{anchor}", site.href(&minutes.path))
            }),
            downloads: downloads_of(&paper.path),
            extra: matter.extra.clone(),
        };
        let p = page(
            site,
            "paper",
            &view.title,
            &paper.path,
            vec![board_crumb.clone(), meeting_crumb.clone()],
            matter.summary.as_deref().and_then(first_paragraph),
        );
        emit(&paper.path, "paper.html", p, &|ctx| {
            ctx.insert("paper", &view);
            ctx.insert_value("meeting", meeting_value.clone());
            ctx.insert("board", &board_crumb);
        });
        let paper_crumb = LinkView {
            title: format!("Item {}: {}", matter.item, matter.title),
            url: view.url.clone(),
        };
        for a in &paper.appendices {
            match &a.content {
                AppendixContent::Page(doc) => {
                    let body = markdown_doc(
                        site,
                        doc,
                        Settings {
                            numbered_paragraphs: true,
                        },
                        c,
                    );
                    let title = doc.matter.title.clone().unwrap_or_else(|| a.title.clone());
                    let view = AppendixPageView {
                        title: title.clone(),
                        body_html: body.html,
                        paper: paper_crumb.clone(),
                    };
                    let p = page(
                        site,
                        "appendix",
                        &title,
                        &a.path,
                        vec![
                            board_crumb.clone(),
                            meeting_crumb.clone(),
                            paper_crumb.clone(),
                        ],
                        None,
                    );
                    emit(&a.path, "appendix.html", p, &|ctx| {
                        ctx.insert("appendix", &view);
                        ctx.insert_value("meeting", meeting_value.clone());
                    });
                }
                AppendixContent::File { source, .. } => {
                    put(
                        &mut c.out.borrow_mut(),
                        sink,
                        &a.path,
                        None,
                        Some(&site.root.join(source)),
                    );
                }
                AppendixContent::Exempt(_) => {}
            }
        }
    }

    if let Some(n) = m.minutes {
        let minutes = &site.minutes[n];
        let meeting_board = m.board;
        let matter = &minutes.doc.matter;
        let body = markdown_doc(site, &minutes.doc, Settings::default(), c);
        let (attendance, declarations) = crate::render::people::minutes_people(site, n);
        let resolver = resolver(site, minutes.doc.dir(), c);
        let items = minutes
            .items
            .iter()
            .map(|minute_item| {
                let number = minute_item.item();
                let agenda = m.agenda.iter().find(|a| a.item == *number);
                // Nothing of an exempt minute is published but its item line and ground: it holds
                // nothing else.
                let (open, exempt) = match minute_item {
                    MinuteItem::Open(it) => (Some(it), None),
                    MinuteItem::Exempt(it) => (None, Some(it)),
                };
                // An exempt item's public decisions are published; its others are not held.
                let written = open.map_or_else(
                    || exempt.map_or(&[][..], |e| e.public_decisions.as_slice()),
                    |it| it.decisions.as_slice(),
                );
                let decisions: Vec<MinuteDecisionView> = written
                    .iter()
                    .enumerate()
                    .map(|(order, d)| {
                        let record = m.decisions.iter().copied().find(|&id| {
                            site.decisions[id].minute.as_ref().is_some_and(|r| {
                                r.minutes == n && r.item == *number && r.order == order
                            })
                        });
                        MinuteDecisionView {
                            html: markdown::render_inline_block(d.text(), &resolver),
                            record: record
                                .map(|id| crate::render::decisions::decision_line(site, id)),
                            vote: record.and_then(|id| {
                                crate::render::decisions::vote_summary(site, &site.decisions[id])
                            }),
                        }
                    })
                    .collect();
                MinuteItemView {
                    item: number.to_string(),
                    title: minute_item
                        .title()
                        .map(str::to_string)
                        .or_else(|| agenda.map(|a| a.title.clone()))
                        .unwrap_or_else(|| format!("Item {number}")),
                    paper_url: agenda
                        .and_then(|a| a.paper)
                        .map(|p| site.href(&site.papers[p].path)),
                    paper_title: agenda
                        .and_then(|a| a.paper)
                        .map(|p| site.papers[p].doc.matter.title.clone()),
                    id: minute_anchor(number),
                    minute_html: open
                        .and_then(|it| it.minute.as_deref())
                        .map(|s| markdown::render_inline_block(s, &resolver))
                        .unwrap_or_default(),
                    exempt_ground: exempt.map(|e| e.exemption.ground()),
                    public_summary_html: exempt
                        .and_then(|e| e.public_summary.as_deref())
                        .filter(|s| !s.trim().is_empty())
                        .map(|s| markdown::render_inline_block(s, &resolver)),
                    decisions_html: decisions.iter().map(|d| d.html.clone()).collect(),
                    decisions,
                    actions: open
                        .map(|it| {
                            it.actions
                                .iter()
                                .map(|a| ActionView {
                                    action: a.action.clone(),
                                    owner: a.owner.clone(),
                                    due: a.due.map(date_view),
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            })
            .collect();
        let view = MinutesView {
            title: format!("Minutes: {}", meeting.title),
            url: site.href(&minutes.path),
            status: matter.status.key(),
            status_label: matter.status.label(),
            approved_on: matter.approved_on.map(date_view),
            approved_at: matter.approved_on.and_then(|on| {
                let board = &site.boards[meeting_board];
                board
                    .meetings
                    .iter()
                    .find(|&&other| site.meetings[other].date == on)
                    .map(|&other| LinkView {
                        title: format!("{}, {}", board.doc.matter.title, on.long()),
                        url: site.href(&site.meetings[other].path),
                    })
            }),
            attendance,
            declarations,
            body_html: body.html,
            items,
            extra: matter.extra.clone(),
        };
        let p = page(
            site,
            "minutes",
            &view.title,
            &minutes.path,
            vec![board_crumb.clone(), meeting_crumb.clone()],
            None,
        );
        emit(&minutes.path, "minutes.html", p, &|ctx| {
            ctx.insert("minutes", &view);
            ctx.insert_value("meeting", meeting_value.clone());
        });
    }
    for (_, g) in gatherers {
        g.meeting_done(id);
    }
}

/// The id of an item's minute on the minutes page.
pub fn minute_anchor(item: &crate::content::model::ItemNo) -> String {
    format!("item-{item}")
}
