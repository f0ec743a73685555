//! Phase 2, link: join loaded documents into one site: boards own meetings, meetings own agendas,
//! papers and minutes; every page gets its URL.
//!
//! Papers, meetings and minutes join through `meeting` (a board's slug or title) and `date`, wherever
//! their files live. Everything that does not join is a diagnostic, and the site is still built from
//! what does, so one run reports every broken reference.
//!
//! This folder owns the linked site: linking and URLs (here), the publishing rules that withhold what
//! may not be published and check the statutory notice (`publish`), the items of minutes with exempt
//! ones withheld by type (`minutes`), the actions of minutes linked to their updates (`registers`),
//! people joined to every place a name is written, with their memberships and attendance (`people`),
//! the site's lists declared once for the build cache (`lists`),
//! where it keeps each kind's documents (`holds`), and where the site-wide outputs are published
//! (`paths`), for the pages that link to them. May use: `content` and the shared leaves; never
//! `check`, `render`, `outputs` or above.

mod appendices;
pub mod decisions;
mod entities;
mod holds;
mod lists;
pub mod minutes;
pub mod paths;
pub mod people;
pub mod publish;
pub mod registers;

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

use crate::content::load::{Doc, Document, Loaded};
use crate::content::markdown::slugify;
use crate::content::model::{
    AppendixMatter, BoardMatter, Date, ItemNo, MeetingMatter, MeetingStatus, PageMatter,
    PaperMatter, SiteConfig, did_you_mean,
};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The longest file or folder name file systems allow, in bytes (ext4, NTFS, APFS: 255).
const MAX_NAME: usize = 255;

/// Index of a board in [`Site::boards`].
pub type BoardId = usize;
/// Index of a meeting in [`Site::meetings`].
pub type MeetingId = usize;
/// Index of a paper in [`Site::papers`].
pub type PaperId = usize;
/// Index of minutes in [`Site::minutes`].
pub type MinutesId = usize;

/// A linked site, ready to render.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    /// `base_url` with exactly one trailing slash.
    pub base_url: String,
    /// The path part of `base_url` (`/` or `/committees/`): every internal link starts with it.
    pub base_path: String,
    /// The day the site is built for: "upcoming" is judged against it.
    pub today: Date,
    pub boards: Entities<Board>,
    /// Sorted by date, then board.
    pub meetings: Entities<Meeting>,
    pub papers: Entities<Paper>,
    pub minutes: Entities<Minutes>,
    pub pages: Entities<Page>,
    /// Sorted by id.
    pub people: Entities<Person>,
    /// Decision notices, by the day their decisions were made.
    pub notices: Entities<decisions::Notice>,
    /// Every decision written as a record, newest first ([`decisions`]).
    pub decisions: Entities<decisions::Decision>,
    /// Site-relative URL path of each content file and attachment, keyed by its path relative to the site root.
    pub urls: HashMap<PathBuf, String>,
    /// Content files left out of this build (drafts).
    pub withheld: Vec<Withheld>,
    /// Files under `content/` that are not Markdown (images, attachments). Only those a published page
    /// links to are published, at `files/<path under content>`.
    pub assets: std::collections::HashSet<PathBuf>,
    /// Preview only: page path → the banner saying the page is not for publication (draft, embargoed,
    /// exempt). Always empty in `build`.
    pub banners: HashMap<String, String>,
}

#[derive(Debug)]
pub struct Board {
    pub doc: Doc<BoardMatter>,
    pub slug: String,
    /// URL path relative to the site root, e.g. `transport-board/`.
    pub path: String,
    /// Meetings in date order.
    pub meetings: Vec<MeetingId>,
    /// The person each member is, all membership groups' members in order ([`people`]).
    pub members: Vec<Option<PersonId>>,
    /// The person the contact is, when one has that name.
    pub contact: Option<PersonId>,
}

#[derive(Debug)]
pub struct AgendaItem {
    pub item: ItemNo,
    pub title: String,
    pub paper: Option<PaperId>,
    /// The item's paper exists but is not published in this build, and why.
    pub withheld: Option<crate::site::publish::Reason>,
    pub verbal: bool,
    pub presenter: Option<String>,
    /// The person presenting, when the presenter's name (before any comma: "Aisha Bello, Head of
    /// Bus Services") is one person's.
    pub presenter_person: Option<PersonId>,
}

#[derive(Debug)]
pub struct Meeting {
    /// `None` when the meeting was made from its papers.
    pub doc: Option<Doc<MeetingMatter>>,
    pub board: BoardId,
    pub date: Date,
    pub status: MeetingStatus,
    pub path: String,
    pub agenda: Vec<AgendaItem>,
    /// Papers in item order.
    pub papers: Vec<PaperId>,
    pub minutes: Option<MinutesId>,
    /// The decision records it made, from notices or minutes ([`decisions`]).
    pub decisions: Vec<decisions::DecisionId>,
    /// The date the main pack was published (from the meeting, else the earliest paper).
    pub published: Option<Date>,
}

#[derive(Debug)]
pub enum AppendixContent {
    /// A Markdown sub-document, rendered as its own page.
    Page(Doc<AppendixMatter>),
    /// Exempt: listed with its ground, never published.
    Exempt(crate::content::model::Exemption),
    /// An attached file, copied as it is.
    File { source: PathBuf, size: u64 },
}

#[derive(Debug)]
pub struct Appendix {
    pub title: String,
    /// URL path relative to the site root.
    pub path: String,
    /// File extension in lower case (`md` for sub-documents).
    pub extension: String,
    pub content: AppendixContent,
}

#[derive(Debug)]
pub struct Paper {
    pub doc: Doc<PaperMatter>,
    pub meeting: MeetingId,
    pub slug: String,
    pub path: String,
    pub appendices: Vec<Appendix>,
    /// The person the contact officer is, when one has that name.
    pub contact: Option<PersonId>,
}

impl Board {
    /// Each member as `board.md` lists them, all groups in order, with their group and the person
    /// they were joined to ([`people`]).
    pub fn each_member(
        &self,
    ) -> impl Iterator<
        Item = (
            &crate::content::model::MemberGroup,
            &crate::content::model::Member,
            Option<PersonId>,
        ),
    > {
        let people = self.members.iter().copied().chain(std::iter::repeat(None));
        self.doc
            .matter
            .membership
            .iter()
            .flat_map(|g| g.members.iter().map(move |m| (g, m)))
            .zip(people)
            .map(|((g, m), person)| (g, m, person))
    }
}

impl Paper {
    /// Published after the main pack: shown as a supplement.
    pub fn is_supplement(&self, meeting: &Meeting) -> bool {
        matches!((self.doc.matter.published, meeting.published), (Some(p), Some(pack)) if p > pack)
    }
}

#[derive(Debug)]
pub struct Page {
    pub doc: Doc<PageMatter>,
    pub path: String,
}

/// Options for linking.
#[derive(Debug, Clone)]
pub struct LinkOptions {
    /// Overrides `base_url` from the configuration (e.g. for a preview).
    pub base_url: Option<String>,
    /// The build's date.
    pub today: Date,
    /// Papers and minutes left out of this build (drafts): links and agenda lines to them say
    /// "not yet published" instead of breaking.
    pub withheld: Vec<Withheld>,
    /// In a preview, what would have been withheld but is shown with a banner.
    pub previewed: Vec<Withheld>,
}

pub use crate::site::publish::Withheld;
use appendices::link_appendices;
pub use entities::{EachList, Entities, Listed};
pub use minutes::Minutes;
pub use people::{Person, PersonId};

/// Joins `loaded` into a site. Returns `None` only when there is no usable configuration.
pub fn link(loaded: Loaded, options: &LinkOptions, diagnostics: &mut Diagnostics) -> Option<Site> {
    let Loaded {
        root,
        config,
        boards,
        meetings,
        papers,
        minutes,
        appendices,
        pages,
        people,
        notices,
        assets,
    } = loaded;
    let config = config?;
    let base_url = options
        .base_url
        .clone()
        .unwrap_or_else(|| config.base_url.clone());
    let (base_url, base_path) = match normalise_base_url(&base_url) {
        Ok(pair) => pair,
        Err(message) => {
            diagnostics.push(
                Diagnostic::error("BP014", "site.yaml", message)
                    .help("write base_url as a full address, e.g. `base_url: https://papers.example.gov.uk/` (a sub-path such as /committees/ is fine)"),
            );
            ("http://localhost/".to_string(), "/".to_string())
        }
    };
    let mut site = Site {
        root,
        config,
        base_url,
        base_path,
        today: options.today,
        boards: Entities::default(),
        meetings: Entities::default(),
        papers: Entities::default(),
        minutes: Entities::default(),
        pages: Entities::default(),
        people: Entities::default(),
        notices: Entities::default(),
        decisions: Entities::default(),
        urls: HashMap::new(),
        withheld: {
            let mut withheld = options.withheld.clone();
            withheld.sort_by(|a, b| a.path.cmp(&b.path));
            withheld
        },
        assets: Default::default(),
        banners: HashMap::new(),
    };
    let mut claimed: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut claim = |path: &str,
                     file: &Path,
                     doc_text: Option<&str>,
                     diagnostics: &mut Diagnostics|
     -> bool {
        if let Some(first) = claimed.get(path) {
            let mut d = Diagnostic::error(
                "BP025",
                file,
                format!(
                    "this file would write the same page as {} (`/{path}`)",
                    first.display()
                ),
            )
            .help("give one of them a different `slug`, item number or date");
            if let Some(text) = doc_text {
                d = d.at(text, 0..3);
            }
            diagnostics.push(d);
            return false;
        }
        // `build` writes each part of the address as a folder: a part longer than file
        // systems allow would fail there, so `check` says so here, at the source.
        if let Some(part) = path.split('/').find(|part| part.len() > MAX_NAME) {
            let mut d = Diagnostic::error(
                    "BP116",
                    file,
                    format!(
                        "this page's address would have a part {} characters long (`{}…`); file systems allow {MAX_NAME}",
                        part.len(),
                        part.chars().take(40).collect::<String>()
                    ),
                )
                .help("give it a shorter `slug:` (a few words); the title can stay as long as it is");
            if let Some(text) = doc_text {
                let key = ["slug", "title"].into_iter().find_map(|key| {
                    let front = &text[..text.find("\n---").unwrap_or(text.len())];
                    front
                        .match_indices(&format!("\n{key}:"))
                        .next()
                        .map(|(i, k)| i + 1..i + k.len())
                });
                d = d.at(text, key.unwrap_or(0..3));
            }
            diagnostics.push(d);
            return false;
        }
        claimed.insert(path.to_string(), file.to_path_buf());
        true
    };

    people::link_people(&mut site, people, &mut claim, diagnostics);

    // Boards.
    for doc in boards {
        let slug = doc
            .matter
            .slug
            .clone()
            .map(|s| slugify(&s))
            .unwrap_or_else(|| slugify(&doc.matter.title));
        let slug = if slug.is_empty() {
            "board".to_string()
        } else {
            slug
        };
        let path = format!("{slug}/");
        if !claim(&path, &doc.path, Some(&doc.text), diagnostics) {
            continue;
        }
        site.urls.insert(doc.path.clone(), path.clone());
        site.boards.push(Board {
            doc,
            slug,
            path,
            meetings: Vec::new(),
            members: Vec::new(),
            contact: None,
        });
    }
    site.boards
        .vec_mut()
        .sort_by(|a, b| a.doc.matter.title.cmp(&b.doc.matter.title));
    let board_index = BoardIndex::new(site.boards.unrecorded());

    // Meetings described by files.
    let mut meeting_index: HashMap<(BoardId, Date), MeetingId> = HashMap::new();
    let mut meeting_docs: Vec<(BoardId, Doc<MeetingMatter>)> = Vec::new();
    for doc in meetings {
        let Some(board) = find_board(&site, &board_index, &doc.matter.meeting, &doc, diagnostics)
        else {
            continue;
        };
        meeting_docs.push((board, doc));
    }
    meeting_docs
        .sort_by(|a, b| (a.1.matter.date, a.0, &a.1.path).cmp(&(b.1.matter.date, b.0, &b.1.path)));
    for (board, doc) in meeting_docs {
        let date = doc.matter.date;
        if let Some(&existing) = meeting_index.get(&(board, date)) {
            let first = site.meetings[existing]
                .doc
                .as_ref()
                .map(|d| d.path.display().to_string())
                .unwrap_or_default();
            diagnostics.push(
                doc.at_key(Diagnostic::error("BP028", &doc.path, format!("a second meeting file for this board on {date} (the first is {first})")), "date")
                    .help("keep one meeting file per board and date; correct the date if this is another meeting"),
            );
            continue;
        }
        let path = format!("{}{}/", site.boards[board].path, date.iso());
        site.urls.insert(doc.path.clone(), path.clone());
        let status = doc.matter.status;
        meeting_index.insert((board, date), site.meetings.len());
        site.meetings.push(Meeting {
            published: doc.matter.published,
            doc: Some(doc),
            board,
            date,
            status,
            path,
            agenda: Vec::new(),
            papers: Vec::new(),
            minutes: None,
            decisions: Vec::new(),
        });
    }

    // Papers, making meetings that no file describes.
    let mut paper_docs: Vec<(MeetingId, Doc<PaperMatter>)> = Vec::new();
    for doc in papers {
        let Some(board) = find_board(&site, &board_index, &doc.matter.meeting, &doc, diagnostics)
        else {
            continue;
        };
        let date = doc.matter.date;
        let meeting = *meeting_index.entry((board, date)).or_insert_with(|| {
            site.meetings.push(Meeting {
                doc: None,
                board,
                date,
                status: MeetingStatus::Scheduled,
                path: format!("{}{}/", site.boards[board].path, date.iso()),
                agenda: Vec::new(),
                papers: Vec::new(),
                minutes: None,
                decisions: Vec::new(),
                published: None,
            });
            site.meetings.len() - 1
        });
        paper_docs.push((meeting, doc));
    }
    // Meeting files first claim their URLs, then papers in meeting and item order.
    for meeting in &site.meetings {
        let file = meeting
            .doc
            .as_ref()
            .map_or_else(|| PathBuf::from("content"), |d| d.path.clone());
        let text = meeting.doc.as_ref().map(|d| d.text.as_str());
        claim(&meeting.path, &file, text, diagnostics);
    }
    paper_docs.sort_by(|a, b| {
        (a.0, &a.1.matter.item, &a.1.path).cmp(&(b.0, &b.1.matter.item, &b.1.path))
    });
    let mut appendix_docs: HashMap<PathBuf, Doc<AppendixMatter>> = appendices
        .into_iter()
        .map(|d| (d.path.clone(), d))
        .collect();
    let asset_set: std::collections::HashSet<PathBuf> = assets.into_iter().collect();
    let mut used_items: HashMap<(MeetingId, ItemNo), PathBuf> = HashMap::new();
    for (meeting, doc) in paper_docs {
        let item = doc.matter.item.clone();
        if let Some(first) = used_items.get(&(meeting, item.clone())) {
            diagnostics.push(
                doc.at_key(
                    Diagnostic::error("BP022", &doc.path, format!("item {item} of this meeting is already taken by {}", first.display())),
                    "item",
                )
                .label("duplicate item number")
                .help("give each paper of a meeting its own item number (use 4a, 4b for items added later)"),
            );
            continue;
        }
        let slug = paper_slug(&doc);
        let path = format!("{}{}-{}/", site.meetings[meeting].path, item, slug);
        if !claim(&path, &doc.path, Some(&doc.text), diagnostics) {
            continue;
        }
        used_items.insert((meeting, item), doc.path.clone());
        site.urls.insert(doc.path.clone(), path.clone());
        let appendices = link_appendices(
            &site.root,
            &doc,
            &path,
            &mut appendix_docs,
            &asset_set,
            &mut site.urls,
            diagnostics,
        );
        site.meetings[meeting].papers.push(site.papers.len());
        site.papers.push(Paper {
            doc,
            meeting,
            slug,
            path,
            appendices,
            contact: None,
        });
    }
    site.assets = asset_set;
    for doc in appendix_docs.into_values() {
        diagnostics.push(
            Diagnostic::warning("BP026", &doc.path, "this appendix is not listed by any paper, so it is not published")
                .help("list it under `appendices:` in its paper (`- title: …` and `file: appendices/…`), or move it out of the `appendices` folder"),
        );
    }

    // Minutes.
    for doc in minutes {
        let Some(board) = find_board(&site, &board_index, &doc.matter.meeting, &doc, diagnostics)
        else {
            continue;
        };
        let Some(&meeting) = meeting_index.get(&(board, doc.matter.date)) else {
            let board_dates: Vec<String> = site
                .meetings
                .iter()
                .filter(|m| m.board == board)
                .map(|m| m.date.iso())
                .collect();
            let help = match did_you_mean(
                &doc.matter.date.iso(),
                board_dates.iter().map(String::as_str),
            ) {
                Some(d) => {
                    format!("did you mean {d}? Minutes join their meeting by `meeting` and `date`")
                }
                None => {
                    "add the meeting (a meeting.md with this board and date), or correct the date"
                        .to_string()
                }
            };
            diagnostics.push(
                doc.at_key(
                    Diagnostic::error(
                        "BP021",
                        &doc.path,
                        format!(
                            "these minutes are for a meeting that does not exist: {} on {}",
                            site.boards[board].doc.matter.title, doc.matter.date
                        ),
                    ),
                    "date",
                )
                .label("no meeting of this board on this date")
                .help(help),
            );
            continue;
        };
        if let Some(existing) = site.meetings[meeting].minutes {
            diagnostics.push(
                doc.at_key(
                    Diagnostic::error(
                        "BP028",
                        &doc.path,
                        format!(
                            "this meeting already has minutes in {}",
                            site.minutes[existing].doc.path.display()
                        ),
                    ),
                    "date",
                )
                .help("keep one minutes file per meeting"),
            );
            continue;
        }
        let path = format!("{}minutes/", site.meetings[meeting].path);
        if !claim(&path, &doc.path, Some(&doc.text), diagnostics) {
            continue;
        }
        site.urls.insert(doc.path.clone(), path.clone());
        site.meetings[meeting].minutes = Some(site.minutes.len());
        site.minutes.push(Minutes::new(doc, meeting, path));
    }

    // Pages.
    for doc in pages {
        let slug = doc
            .matter
            .slug
            .clone()
            .map(|s| slugify(&s))
            .unwrap_or_else(|| slugify(&doc.matter.title));
        let path = format!("{slug}/");
        if !claim(&path, &doc.path, Some(&doc.text), diagnostics) {
            continue;
        }
        site.urls.insert(doc.path.clone(), path.clone());
        site.pages.push(Page { doc, path });
    }

    // Agendas, now that papers are known.
    for meeting_id in 0..site.meetings.len() {
        build_agenda(&mut site, meeting_id, diagnostics);
    }
    sort_meetings(&mut site);
    decisions::link_notices(&mut site, notices, diagnostics);
    // One directory of people for every name joined: building it is a pass over everyone.
    let directory = people::directory(&site);
    people::join_people(&mut site, &directory, diagnostics);
    decisions::link_decisions(&mut site, &directory, diagnostics);
    for w in &options.previewed {
        if let Some(url) = site.urls.get(&w.path) {
            site.banners.insert(url.clone(), w.reason.banner());
        }
    }
    Some(site)
}

/// Sorts meetings by date and board, remapping every index that points at them.
fn sort_meetings(site: &mut Site) {
    let mut order: Vec<MeetingId> = (0..site.meetings.len()).collect();
    order.sort_by(|&a, &b| {
        (
            site.meetings[a].date,
            &site.boards[site.meetings[a].board].slug,
        )
            .cmp(&(
                site.meetings[b].date,
                &site.boards[site.meetings[b].board].slug,
            ))
    });
    let mut new_index = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Meeting>> = std::mem::take(site.meetings.vec_mut())
        .into_iter()
        .map(Some)
        .collect();
    site.meetings = order
        .iter()
        .map(|&old| slots[old].take().expect("each meeting is moved once"))
        .collect();
    for paper in &mut site.papers {
        paper.meeting = new_index[paper.meeting];
    }
    for minutes in &mut site.minutes {
        minutes.meeting = new_index[minutes.meeting];
    }
    for board in &mut site.boards {
        board.meetings.clear();
    }
    for (id, meeting) in site.meetings.iter().enumerate() {
        site.boards[meeting.board].meetings.push(id);
    }
}

fn build_agenda(site: &mut Site, meeting_id: MeetingId, diagnostics: &mut Diagnostics) {
    let meeting = &site.meetings[meeting_id];
    let by_item: HashMap<ItemNo, PaperId> = meeting
        .papers
        .iter()
        .map(|&p| (site.papers[p].doc.matter.item.clone(), p))
        .collect();
    let earliest_paper = meeting
        .papers
        .iter()
        .filter_map(|&p| site.papers[p].doc.matter.published)
        .min();
    let by_path: HashMap<&Path, PaperId> = meeting
        .papers
        .iter()
        .map(|&p| (site.papers[p].doc.path.as_path(), p))
        .collect();
    let mut agenda = Vec::new();
    let mut on_agenda: std::collections::HashSet<PaperId> = std::collections::HashSet::new();
    match meeting
        .doc
        .as_ref()
        .and_then(|d| d.matter.agenda.as_ref().map(|a| (d, a)))
    {
        Some((doc, items)) => {
            for entry in items {
                let mut withheld = None;
                let paper = match &entry.paper {
                    Some(file) => {
                        let target = normalise(&doc.dir().join(file));
                        let found = target.as_deref().and_then(|t| by_path.get(t).copied());
                        if found.is_none() {
                            withheld = target
                                .as_deref()
                                .and_then(|t| site.withheld_at(t))
                                .map(|w| w.reason.clone());
                        }
                        // A file there that did not load was reported as it was read: saying
                        // here that it does not exist would send the clerk the wrong way.
                        let failed_to_load = found.is_none()
                            && withheld.is_none()
                            && target.as_deref().is_some_and(|t| {
                                site.root.join(t).is_file() && !site.urls.contains_key(t)
                            });
                        if let Some(p) = found
                            && site.papers[p].doc.matter.item != entry.item
                        {
                            let paper = &site.papers[p].doc;
                            let d = Diagnostic::error(
                                "BP113",
                                &doc.path,
                                format!(
                                    "agenda item {} names `{file}`, which says it is item {}",
                                    entry.item, paper.matter.item
                                ),
                            );
                            diagnostics.push(
                                doc.at_value(d, "paper", file)
                                    .label("the paper's `item:` is another number")
                                    .help(format!(
                                        "make the numbers agree: change this agenda line's `item:` to {}, or the `item:` of {} (line {}) to {}",
                                        paper.matter.item,
                                        paper.path.display(),
                                        paper.key_range("item").map_or(1, |r| line_of(&paper.text, r.start)),
                                        entry.item
                                    )),
                            );
                        }
                        if found.is_none() && withheld.is_none() && !failed_to_load {
                            let candidates: Vec<String> = meeting
                                .papers
                                .iter()
                                .filter_map(|&p| {
                                    site.papers[p]
                                        .doc
                                        .path
                                        .file_name()
                                        .map(|n| n.to_string_lossy().into_owned())
                                })
                                .collect();
                            let help = match did_you_mean(file, candidates.iter().map(String::as_str)) {
                                Some(c) => format!("did you mean `{c}`? The path is relative to the meeting file"),
                                None => "give the paper's file name relative to the meeting file, or remove `paper:` for an item with no paper".to_string(),
                            };
                            let d = Diagnostic::error(
                                "BP023",
                                &doc.path,
                                format!(
                                    "agenda item {} points at a paper that does not exist: `{file}`",
                                    entry.item
                                ),
                            );
                            diagnostics.push(
                                doc.at_value(d, "paper", file)
                                    .label("no paper of this meeting at this path")
                                    .help(help),
                            );
                        }
                        found
                    }
                    None if !entry.verbal => {
                        let found = by_item.get(&entry.item).copied();
                        if found.is_none() {
                            withheld = site
                                .withheld_item(meeting.board, meeting.date, &entry.item)
                                .map(|w| w.reason.clone());
                        }
                        found
                    }
                    None => None,
                };
                on_agenda.extend(paper);

                agenda.push(AgendaItem {
                    item: entry.item.clone(),
                    title: entry.title.clone(),
                    paper,
                    withheld,
                    verbal: entry.verbal,
                    presenter: entry.presenter.clone(),
                    presenter_person: None,
                });
            }
            for &p in &meeting.papers {
                if !on_agenda.contains(&p) {
                    let paper = &site.papers[p];
                    diagnostics.push(
                        paper.doc.at_key(
                            Diagnostic::warning("BP024", &paper.doc.path, format!("this paper is not on the agenda of its meeting ({})", doc.path.display())),
                            "item",
                        )
                        .help("add it to the meeting's `agenda:` (with `paper:` naming this file), or correct its `item`, `meeting` or `date`"),
                    );
                }
            }
        }
        None => {
            // Exempt papers keep their agenda line, but their own title is not published: the meeting's
            // agenda (meeting.md) is where a clerk gives the public title of an exempt item.
            for w in site
                .withheld
                .iter()
                .filter(|w| matches!(w.reason, crate::site::publish::Reason::Exempt(_)))
            {
                let board = &site.boards[meeting.board];
                if let Some(item) = &w.item
                    && w.date == meeting.date
                    && w.is_for_board(&board.slug, &board.doc.matter.title)
                {
                    agenda.push(AgendaItem {
                        item: item.clone(),
                        title: "Exempt item".into(),
                        paper: None,
                        withheld: Some(w.reason.clone()),
                        verbal: false,
                        presenter: None,
                        presenter_person: None,
                    });
                }
            }
            for &p in &meeting.papers {
                let matter = &site.papers[p].doc.matter;
                agenda.push(AgendaItem {
                    item: matter.item.clone(),
                    title: matter.title.clone(),
                    paper: Some(p),
                    withheld: None,
                    verbal: false,
                    presenter: None,
                    presenter_person: None,
                });
            }
        }
    }
    if site.meetings[meeting_id]
        .doc
        .as_ref()
        .is_none_or(|d| d.matter.agenda.is_none())
    {
        agenda.sort_by(|a, b| a.item.cmp(&b.item));
    }
    let meeting = &mut site.meetings[meeting_id];
    meeting.agenda = agenda;
    meeting.published = meeting.published.or(earliest_paper);
}

/// The 1-based line of byte `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

/// A paper's URL segment: its `slug`, else its file name without the item number (`04-bus-review.md` →
/// `bus-review`), else its title. The file name comes first because clerks choose it and expect to see it.
fn paper_slug(doc: &Document<PaperMatter>) -> String {
    if let Some(slug) = doc
        .matter
        .slug
        .as_deref()
        .map(slugify)
        .filter(|s| !s.is_empty())
    {
        return slug;
    }
    let stem = doc
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let without_number = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    let had_number = without_number.len() < stem.len();
    let without_number = match without_number.split_once(['-', '_', ' ']) {
        Some((suffix, rest))
            if had_number
                && suffix.len() <= 2
                && suffix.chars().all(|c| c.is_ascii_lowercase()) =>
        {
            rest
        }
        _ => without_number,
    };
    let from_file = slugify(without_number);
    if !from_file.is_empty() {
        return from_file;
    }
    let from_title = slugify(&doc.matter.title);
    if from_title.is_empty() {
        "paper".to_string()
    } else {
        from_title
    }
}

/// Boards by slug and by title (ASCII case ignored), built once: every document names its board, and
/// comparing each against every board was a tenth of linking a large site.
struct BoardIndex {
    by_slug: HashMap<String, BoardId>,
    by_title: HashMap<String, BoardId>,
}

impl BoardIndex {
    fn new(boards: &[Board]) -> Self {
        let mut index = BoardIndex {
            by_slug: HashMap::new(),
            by_title: HashMap::new(),
        };
        for (id, b) in boards.iter().enumerate() {
            index.by_slug.entry(b.slug.clone()).or_insert(id);
            index
                .by_title
                .entry(b.doc.matter.title.to_ascii_lowercase())
                .or_insert(id);
        }
        index
    }

    /// The first board whose slug or title matches, as a scan in board order would find it.
    fn find(&self, wanted: &str) -> Option<BoardId> {
        let by_slug = self.by_slug.get(&slugify(wanted)).copied();
        let by_title = self.by_title.get(&wanted.to_ascii_lowercase()).copied();
        by_slug.into_iter().chain(by_title).min()
    }
}

fn find_board<T>(
    site: &Site,
    index: &BoardIndex,
    reference: &str,
    doc: &Document<T>,
    diagnostics: &mut Diagnostics,
) -> Option<BoardId> {
    let wanted = reference.trim();
    if let Some(id) = index.find(wanted) {
        return Some(id);
    }
    // The board's own file is there but did not load (its error is reported where it is): saying
    // that no such board exists, for every paper of it, would hide the one cause under many.
    let own_board_file = doc
        .path
        .components()
        .take(2)
        .collect::<PathBuf>()
        .join("board.md");
    if own_board_file.components().count() == 3
        && site.root.join(&own_board_file).is_file()
        && !site.urls.contains_key(&own_board_file)
    {
        return None;
    }
    let help = match did_you_mean(wanted, site.boards.iter().map(|b| b.slug.as_str())) {
        Some(s) => format!("did you mean `{s}`? `meeting` names a board by its slug or its title"),
        None if site.boards.is_empty() => {
            "add a board file (board.md with a `title`) to `content/`".to_string()
        }
        None => format!(
            "`meeting` names a board by its slug or title; the boards are: {}",
            site.boards
                .iter()
                .map(|b| b.slug.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    diagnostics.push(
        doc.at_key(
            Diagnostic::error("BP020", &doc.path, format!("no board called `{wanted}`")),
            "meeting",
        )
        .label("no board with this slug or title")
        .help(help),
    );
    None
}

/// Resolves `.` and `..` in a relative path without touching the file system; `None` if it climbs
/// above its start.
pub fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(c) => out.push(c),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// Splits a base URL into its normal form (one trailing slash) and its path.
fn normalise_base_url(url: &str) -> Result<(String, String), String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("base_url `{url}` does not start with https:// or http://"))?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(format!("base_url `{url}` has no host name"));
    }
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    let path = format!("/{}", path.trim_matches('/'));
    let path = if path == "/" {
        path
    } else {
        format!("{path}/")
    };
    let base = format!("{}/", url.trim_end_matches('/'));
    Ok((base, path))
}

impl Site {
    /// The site's time zone, if the time zone database knows it (`check` reports it when not).
    pub fn time_zone(&self) -> Option<jiff::tz::TimeZone> {
        jiff::tz::TimeZone::get(self.config.timezone.trim()).ok()
    }

    /// The absolute path (from the host) of a site-relative URL path.
    /// Where the list of every board is published: `boards/`, or what `site.yaml`'s `bodies.path`
    /// calls them.
    pub fn bodies_index(&self) -> String {
        let segment = slugify(&self.config.bodies.path);
        if segment.is_empty() {
            paths::BOARDS_INDEX.to_string()
        } else {
            format!("{segment}/")
        }
    }

    pub fn href(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }

    /// The full URL of a site-relative URL path.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// The withheld document at `path` (relative to the site root), if any.
    pub fn withheld_at(&self, path: &Path) -> Option<&Withheld> {
        // `publish::withhold` returns them sorted by path: one lookup per link stays cheap with many drafts.
        self.withheld
            .binary_search_by(|w| w.path.as_path().cmp(path))
            .ok()
            .map(|i| &self.withheld[i])
    }

    /// The withheld paper that is item `item` of the board's meeting on `date`, if any.
    pub fn withheld_item(&self, board: BoardId, date: Date, item: &ItemNo) -> Option<&Withheld> {
        let b = &self.boards[board];
        self.withheld.iter().find(|w| {
            w.date == date
                && w.item.as_ref() == Some(item)
                && w.is_for_board(&b.slug, &b.doc.matter.title)
        })
    }

    pub fn board_of(&self, meeting: MeetingId) -> &Board {
        &self.boards[self.meetings[meeting].board]
    }

    /// The title of a meeting as lists show it: "Transport Board, 10 March 2026".
    pub fn meeting_title(&self, meeting: MeetingId) -> String {
        let m = &self.meetings[meeting];
        format!(
            "{}, {}",
            self.boards[m.board].doc.matter.title,
            m.date.medium()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(
            normalise_base_url("https://x.example").unwrap(),
            ("https://x.example/".into(), "/".into())
        );
        assert_eq!(
            normalise_base_url("https://x.example/a/b").unwrap(),
            ("https://x.example/a/b/".into(), "/a/b/".into())
        );
        assert!(normalise_base_url("x.example").is_err());
    }

    #[test]
    fn paper_slugs_come_from_file_names() {
        let doc = |path: &str, slug: Option<&str>| {
            Document::new(
                PathBuf::from(path),
                String::new(),
                0,
                PaperMatter {
                    kind: None,
                    extra: None,
                    title: "The Title: Of It".into(),
                    meeting: "b".into(),
                    date: "2026-01-01".parse().unwrap(),
                    item: ItemNo::new(4),
                    slug: slug.map(str::to_string),
                    purpose: None,
                    summary: None,
                    recommendations: vec![],
                    action: None,
                    contact: None,
                    appendices: vec![],
                    wards: vec![],
                    decision_maker: None,
                    key_decision: false,
                    background_papers: None,
                    published: None,
                    status: Default::default(),
                    exempt: None,
                    publish_from: None,
                    urgency: None,
                    key_decision_notice: None,
                },
            )
        };
        assert_eq!(
            paper_slug(&doc("content/x/04-bus-review.md", None)),
            "bus-review"
        );
        assert_eq!(
            paper_slug(&doc("content/x/04a-bus-review.md", None)),
            "bus-review"
        );
        assert_eq!(
            paper_slug(&doc("content/x/tv-licence.md", None)),
            "tv-licence"
        );
        assert_eq!(paper_slug(&doc("content/x/04.md", None)), "the-title-of-it");
        assert_eq!(
            paper_slug(&doc("content/x/04-a.md", Some("Own Slug"))),
            "own-slug"
        );
    }

    #[test]
    fn normalised_paths_do_not_climb() {
        assert_eq!(
            normalise(Path::new("content/a/../b/./c.md")),
            Some(PathBuf::from("content/b/c.md"))
        );
        assert_eq!(normalise(Path::new("content/../../etc/passwd")), None);
    }
}
