//! Reading the documents into the index: each on its own ([`index_document`]), or, in a build, from
//! the events its page was rendered from ([`Gatherer`], through the renderer's `Gather` hooks).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::content::load::Document;
use crate::content::markdown::{self, Settings};
use crate::content::model::Date;
use crate::diagnostics::Diagnostic;
use crate::render::{Extras, Gather, PaperReader};
use crate::site::minutes::MinuteItem;
use crate::site::{AppendixContent, BoardId, MeetingId, PaperId, Site};

use super::*;

/// A document to index, before its text is read: enough to give it its place in the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Source {
    Paper(usize),
    Appendix(usize, usize),
    Minutes(usize),
    Meeting(usize),
    Board(usize),
    Page(usize),
}

/// The facts shown for a result.
#[derive(Debug, Clone)]
pub(super) struct Meta {
    pub(super) kind: Kind,
    pub(super) board: Option<BoardId>,
    pub(super) date: Option<Date>,
    pub(super) title: String,
    /// Site-relative URL path.
    pub(super) path: String,
}

impl Meta {
    pub(super) fn year(&self) -> i16 {
        self.date.map_or(0, |d| d.year())
    }
}

/// One document, read.
pub(super) struct Indexed {
    pub(super) meta: Meta,
    pub(super) snippet: String,
    /// Anchors (ids on the page) its words are at; the top of the page is place 0 and not listed.
    pub(super) anchors: Vec<String>,
    /// Its words, folded, with their stats.
    pub(super) words: Vec<(Word, Stats)>,
    /// Its file changed since it was loaded.
    pub(super) problem: Option<Diagnostic>,
}

/// `text` with runs of white space as one space, cut at a word boundary to at most `max` characters.
pub(super) fn clip(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, w) in text.split_whitespace().enumerate() {
        let needed = w.chars().count() + usize::from(i > 0);
        if out.chars().count() + needed > max {
            out.push('…');
            return out;
        }
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The plain text of a piece of Markdown (a summary, a minute).
pub(super) fn plain(source: &str) -> String {
    markdown::sections(source, Settings::default())
        .into_iter()
        .map(|s| s.text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The start of a Markdown text, enough for a snippet (cut at a line end, so no markup is cut in two).
pub(super) fn opening(source: &str) -> &str {
    match source.char_indices().nth(SNIPPET_CHARS * 4) {
        Some((end, _)) => source[..end]
            .rfind('\n')
            .map_or(&source[..end], |line| &source[..line]),
        None => source,
    }
}

/// Every published document, in index order: by board, year and kind (so each filter is a few id
/// ranges), then date and address.
pub(super) fn sources(site: &Site) -> Vec<(Meta, Source)> {
    let mut out = Vec::new();
    for (i, p) in site.papers.iter().enumerate() {
        let m = &site.meetings[p.meeting];
        let meta = |kind, title: String, path: &str| Meta {
            kind,
            board: Some(m.board),
            date: Some(m.date),
            title,
            path: path.to_string(),
        };
        out.push((
            meta(Kind::Paper, p.doc.matter.title.clone(), &p.path),
            Source::Paper(i),
        ));
        for (j, a) in p.appendices.iter().enumerate() {
            if let AppendixContent::Page(doc) = &a.content {
                let title = doc.matter.title.clone().unwrap_or_else(|| a.title.clone());
                out.push((meta(Kind::Appendix, title, &a.path), Source::Appendix(i, j)));
            }
        }
    }
    for (i, n) in site.minutes.iter().enumerate() {
        let m = &site.meetings[n.meeting];
        let meta = Meta {
            kind: Kind::Minutes,
            board: Some(m.board),
            date: Some(m.date),
            title: format!("Minutes: {}", site.meeting_title(n.meeting)),
            path: n.path.clone(),
        };
        out.push((meta, Source::Minutes(i)));
    }
    for (i, m) in site.meetings.iter().enumerate() {
        let meta = Meta {
            kind: Kind::Meeting,
            board: Some(m.board),
            date: Some(m.date),
            title: site.meeting_title(i),
            path: m.path.clone(),
        };
        out.push((meta, Source::Meeting(i)));
    }
    for (i, b) in site.boards.iter().enumerate() {
        let meta = Meta {
            kind: Kind::Board,
            board: Some(i),
            date: None,
            title: b.doc.matter.title.clone(),
            path: b.path.clone(),
        };
        out.push((meta, Source::Board(i)));
    }
    for (i, p) in site.pages.iter().enumerate() {
        let meta = Meta {
            kind: Kind::Page,
            board: None,
            date: None,
            title: p.doc.matter.title.clone(),
            path: p.path.clone(),
        };
        out.push((meta, Source::Page(i)));
    }
    out.sort_by(|(a, _), (b, _)| {
        (
            a.board.unwrap_or(usize::MAX),
            a.year(),
            a.kind,
            a.date,
            &a.path,
        )
            .cmp(&(
                b.board.unwrap_or(usize::MAX),
                b.year(),
                b.kind,
                b.date,
                &b.path,
            ))
    });
    out
}

/// A document's whole text and where its body starts. Papers, appendices and minutes are read again
/// (see `Document::let_go_of_body`); one that changed since it was loaded is reported in `problem` and
/// indexed without its body (the build then fails).
pub(super) fn full_text<'a, T>(
    site: &Site,
    doc: &'a Document<T>,
    problem: &mut Option<Diagnostic>,
) -> (Cow<'a, str>, usize) {
    match doc.full_text(&site.root) {
        Ok(text) => (text, doc.body_offset),
        Err(d) => {
            *problem = Some(*d);
            (Cow::Borrowed(""), 0)
        }
    }
}

/// A paper being indexed. Its front matter's words are read when it is begun, its body's as they
/// come: from a parse of its own ([`index_document`]), or, in a build, from the events the page was
/// rendered from ([`Gatherer`]). Both ways give the same entry.
pub struct PaperEntry {
    collector: Collector,
    meta: Meta,
    /// The summary as plain text: the result's snippet, unless it is empty.
    summary: String,
    /// The opening of the body, for a paper without a summary.
    opening: String,
}

impl PaperEntry {
    /// Begins paper `i`'s entry in `c`, which already has its title.
    pub(super) fn new(site: &Site, mut c: Collector, meta: Meta, i: usize) -> Self {
        let p = &site.papers[i];
        let matter = &p.doc.matter;
        let summary = matter.summary.as_deref().map(plain).unwrap_or_default();
        c.add(Field::Summary, None, &summary);
        for r in &matter.recommendations {
            c.add(Field::Body, None, &plain(r));
        }
        for text in [&matter.action, &matter.decision_maker]
            .into_iter()
            .flatten()
        {
            c.add(Field::Body, None, text);
        }
        if let Some(contact) = &matter.contact {
            for text in [&contact.name, &contact.position].into_iter().flatten() {
                c.add(Field::Body, None, text);
            }
        }
        for w in matter
            .wards
            .iter()
            .chain(matter.background_papers.iter().flatten())
        {
            c.add(Field::Body, None, w);
        }
        // Exempt appendices are listed on the page with their ground, but nothing of them is indexed.
        for a in p
            .appendices
            .iter()
            .filter(|a| !matches!(a.content, AppendixContent::Exempt(_)))
        {
            c.add(Field::Body, None, &a.title);
        }
        PaperEntry {
            collector: c,
            meta,
            summary,
            opening: String::new(),
        }
    }

    /// The body's text, before its runs are given.
    pub fn body(&mut self, body: &str) {
        if self.summary.trim().is_empty() {
            self.opening = plain(opening(body));
        }
    }

    /// A run of the body's text (see [`markdown::walk_sections`]).
    pub fn run(&mut self, anchor: Option<&str>, text: &str) {
        self.collector.run(Field::Body, anchor, text);
    }

    pub(super) fn finish(self, problem: Option<Diagnostic>) -> Indexed {
        let snippet = if self.summary.trim().is_empty() {
            self.opening
        } else {
            self.summary
        };
        let (words, anchors) = self.collector.finish();
        Indexed {
            meta: self.meta,
            snippet: clip(&snippet, SNIPPET_CHARS),
            anchors,
            words,
            problem,
        }
    }
}

/// Reads one document: its words, where they are, and its snippet.
pub(super) fn index_document(
    site: &Site,
    language: &Language,
    meta: Meta,
    source: Source,
) -> Indexed {
    let mut problem = None;
    let mut c = Collector::new(language);
    c.add(Field::Title, None, &meta.title);
    let snippet = match source {
        Source::Paper(i) => {
            let mut entry = PaperEntry::new(site, c, meta, i);
            let (text, at) = full_text(site, &site.papers[i].doc, &mut problem);
            let body = &text[at..];
            entry.body(body);
            markdown::walk_sections(body, PAPER_BODY, &mut |anchor, text| {
                entry.run(anchor, text)
            });
            return entry.finish(problem);
        }
        Source::Appendix(i, j) => match &site.papers[i].appendices[j].content {
            AppendixContent::Page(doc) => {
                let (text, at) = full_text(site, doc, &mut problem);
                let body = &text[at..];
                c.markdown(
                    Field::Body,
                    body,
                    Settings {
                        numbered_paragraphs: true,
                    },
                );
                plain(opening(body))
            }
            _ => String::new(),
        },
        Source::Minutes(i) => {
            let n = &site.minutes[i];
            let (text, at) = full_text(site, &n.doc, &mut problem);
            let body = &text[at..];
            let m = &site.meetings[n.meeting];
            let mut titles = Vec::new();
            // Nothing of an exempt item is indexed, not even its title: search never leads to it.
            for it in n.items.iter().filter_map(MinuteItem::open) {
                let anchor = crate::render::minute_anchor(&it.item);
                let title = it.title.clone().or_else(|| {
                    m.agenda
                        .iter()
                        .find(|a| a.item == it.item)
                        .map(|a| a.title.clone())
                });
                if let Some(title) = title {
                    c.add(Field::Summary, Some(&anchor), &title);
                    titles.push(format!("{} {title}", it.item));
                }
                if let Some(minute) = &it.minute {
                    c.markdown_at(Field::Body, &anchor, minute);
                }
                for d in &it.decisions {
                    c.markdown_at(Field::Body, &anchor, d.text());
                }
                for a in &it.actions {
                    c.add(Field::Body, Some(&anchor), &a.action);
                    if let Some(owner) = &a.owner {
                        c.add(Field::Body, Some(&anchor), owner);
                    }
                }
            }
            // Names as the page shows them: a person given only by id is found by their name.
            let (a, declarations) = crate::render::people::minutes_people(site, i);
            for p in a
                .present
                .iter()
                .chain(&a.apologies)
                .chain(&a.substitutes)
                .chain(&a.in_attendance)
                .chain(&a.officers)
            {
                for text in [Some(&p.name), p.role.as_ref(), p.authority.as_ref()]
                    .into_iter()
                    .flatten()
                {
                    c.add(Field::Body, None, text);
                }
            }
            for d in &declarations {
                c.add(Field::Body, None, &d.member);
                c.add(Field::Body, None, &d.interest);
            }
            c.markdown(Field::Body, body, Settings::default());
            if titles.is_empty() {
                plain(opening(body))
            } else {
                format!("Items: {}", titles.join("; "))
            }
        }
        Source::Meeting(i) => {
            let m = &site.meetings[i];
            let matter = m.doc.as_ref().map(|d| &d.matter);
            let mut titles = Vec::new();
            // Withheld items keep their agenda line on the page, but search never leads to them.
            for a in m.agenda.iter().filter(|a| a.withheld.is_none()) {
                c.add(Field::Summary, None, &a.title);
                if let Some(p) = a.paper {
                    c.add(Field::Body, None, &site.papers[p].doc.matter.title);
                }
                if let Some(presenter) = &a.presenter {
                    c.add(Field::Body, None, presenter);
                }
                titles.push(format!("{} {}", a.item, a.title));
            }
            if let Some(matter) = matter {
                if let Some(venue) = &matter.venue {
                    c.add(Field::Body, None, &crate::render::venue_text(venue));
                }
                if let Some(note) = &matter.status_note {
                    c.add(Field::Summary, None, note);
                }
            }
            if let Some(doc) = &m.doc {
                c.markdown(Field::Body, doc.body(), Settings::default());
            }
            let status = match m.status {
                crate::content::model::MeetingStatus::Cancelled
                | crate::content::model::MeetingStatus::Postponed => {
                    let note = matter.and_then(|x| x.status_note.as_deref()).unwrap_or("");
                    format!("{}. {note} ", m.status.label())
                }
                _ => String::new(),
            };
            if titles.is_empty() {
                status
            } else {
                format!("{status}Agenda: {}", titles.join("; "))
            }
        }
        Source::Board(i) => {
            let b = &site.boards[i];
            for g in &b.doc.matter.membership {
                for member in &g.members {
                    for text in [
                        Some(&member.name),
                        member.role.as_ref(),
                        member.authority.as_ref(),
                    ]
                    .into_iter()
                    .flatten()
                    {
                        c.add(Field::Body, None, text);
                    }
                }
            }
            if let Some(name) = b.doc.matter.contact.as_ref().and_then(|x| x.name.as_ref()) {
                c.add(Field::Body, None, name);
            }
            c.markdown(Field::Summary, b.doc.body(), Settings::default());
            plain(opening(b.doc.body()))
        }
        Source::Page(i) => {
            let p = &site.pages[i];
            if let Some(d) = &p.doc.matter.description {
                c.add(Field::Summary, None, d);
            }
            c.markdown(Field::Body, p.doc.body(), Settings::default());
            p.doc
                .matter
                .description
                .clone()
                .unwrap_or_else(|| plain(opening(p.doc.body())))
        }
    };
    let (words, anchors) = c.finish();
    Indexed {
        meta,
        snippet: clip(&snippet, SNIPPET_CHARS),
        anchors,
        words,
        problem,
    }
}

/// Indexes every document, reading each one itself (`serve`, and a build with a cache that renders
/// only what changed). With a cache folder, papers and appendices indexed by an earlier build with
/// the same text are taken from it ([`super::kept`]), and this build's are kept for the next.
pub(super) fn build_index(site: &Site, cache: Option<&std::path::Path>) -> Index {
    let language = Language::new(&site.config.language);
    let kept = cache.map(super::kept::Kept::open);
    let sources = sources(site);
    // Merging is most of the work once the documents come from the cache: the documents are cut into
    // runs, each read and merged on its own thread, then appended in order. More runs than threads,
    // so a thread that finishes early takes another.
    let runs = rayon::current_num_threads().max(1) * 2;
    let per_run = sources.len().div_ceil(runs).max(1);
    let parts: Vec<(Merged, super::kept::Keeping, usize)> = sources
        .par_chunks(per_run)
        .enumerate()
        .map(|(run, documents)| {
            let mut merged = Merged::starting_at(run * per_run);
            let mut keeping = super::kept::Keeping::default();
            let mut reused = 0;
            for (meta, source) in documents {
                let key = kept
                    .as_ref()
                    .and_then(|_| super::kept::key(site, &site.config.language, meta, *source));
                let found = key.and_then(|k| kept.as_ref()?.get(k, meta));
                let was_kept = found.is_some();
                let d =
                    found.unwrap_or_else(|| index_document(site, &language, meta.clone(), *source));
                if let (Some(kept), Some(key)) = (&kept, key)
                    && d.problem.is_none()
                {
                    kept.keep(&mut keeping, key, &d);
                    reused += usize::from(was_kept);
                }
                merged.add(&language, d);
            }
            (merged, keeping, reused)
        })
        .collect();
    let mut parts = parts.into_iter();
    let (mut merged, mut keeping, mut reused) = parts.next().unwrap_or_default();
    for (part, kept_part, reused_part) in parts {
        merged.append(part);
        keeping.append(kept_part);
        reused += reused_part;
    }
    if let Some(kept) = kept {
        kept.save(keeping, reused);
    }
    merged.finish()
}

/// The index of a build, gathered as its pages are rendered: a paper is indexed from the events its
/// page was rendered from (so its body is read and parsed once, not twice), other documents as their
/// meeting's pages are made. Documents are merged in the index's order, which is the order
/// [`Gatherer::meeting_order`] gives the meetings: the few that come early wait until it is their turn.
pub struct Gatherer<'s> {
    site: &'s Site,
    language: Language,
    pub(super) sources: Vec<(Meta, Source)>,
    /// Where each paper, and each other document, is in `sources`.
    paper_at: Vec<usize>,
    at: HashMap<Source, usize>,
    /// Documents handed in, not yet taken into `state`: handing one in never waits for a merge.
    inbox: std::sync::Mutex<Vec<(usize, Indexed)>>,
    state: std::sync::Mutex<Gathering>,
    /// With a cache folder: the entries of the papers and appendices, encoded by the threads that read
    /// them (by their place in `sources`, with their key), kept for the next build ([`super::kept`]),
    /// so that a build after an edit reads one document, not all of them.
    keeping: Option<(
        std::path::PathBuf,
        std::sync::Mutex<Vec<(usize, u64, Vec<u8>)>>,
    )>,
}

#[derive(Default)]
pub(super) struct Gathering {
    /// The next document to merge, by its place in `sources`.
    pub(super) next: usize,
    /// Documents indexed before their turn.
    pub(super) waiting: BTreeMap<usize, Indexed>,
    pub(super) merged: Merged,
}

impl<'s> Gatherer<'s> {
    pub fn new(site: &'s Site) -> Self {
        let sources = sources(site);
        let mut paper_at = vec![0; site.papers.len()];
        let mut at = HashMap::new();
        for (i, (_, source)) in sources.iter().enumerate() {
            match *source {
                Source::Paper(p) => paper_at[p] = i,
                other => {
                    at.insert(other, i);
                }
            }
        }
        Gatherer {
            site,
            language: Language::new(&site.config.language),
            sources,
            paper_at,
            at,
            inbox: Default::default(),
            state: Default::default(),
            keeping: None,
        }
    }

    /// Keeps the documents read in `cache`, if any, for the next build ([`super::kept`]).
    pub fn keeping_in(mut self, cache: Option<&std::path::Path>) -> Self {
        self.keeping = cache.map(|c| (c.to_path_buf(), Default::default()));
        self
    }

    /// The meetings in the order the index takes their documents: by board, then date (so year by year).
    pub fn meeting_order(site: &Site) -> Vec<usize> {
        let mut order: Vec<usize> = (0..site.meetings.len()).collect();
        order.sort_by_key(|&m| (site.meetings[m].board, site.meetings[m].date, m));
        order
    }

    /// Begins a paper's entry; give it its body with [`PaperEntry::body`] and [`PaperEntry::run`],
    /// then hand it back with [`Gatherer::paper_done`].
    pub fn paper(&self, paper: usize) -> PaperEntry {
        let meta = self.sources[self.paper_at[paper]].0.clone();
        let mut c = Collector::new(&self.language);
        c.add(Field::Title, None, &meta.title);
        PaperEntry::new(self.site, c, meta, paper)
    }

    pub fn paper_done(&self, paper: usize, entry: PaperEntry) {
        self.offer(self.paper_at[paper], entry.finish(None));
    }

    /// Indexes the meeting's documents other than its papers: the meeting, its minutes, its papers'
    /// Markdown appendices.
    pub fn meeting_done(&self, meeting: usize) {
        let site = self.site;
        let m = &site.meetings[meeting];
        let mut others = vec![Source::Meeting(meeting)];
        others.extend(m.minutes.map(Source::Minutes));
        for &p in &m.papers {
            others.extend((0..site.papers[p].appendices.len()).map(|j| Source::Appendix(p, j)));
        }
        for source in others {
            if let Some(&at) = self.at.get(&source) {
                self.offer(
                    at,
                    index_document(site, &self.language, self.sources[at].0.clone(), source),
                );
            }
        }
    }

    /// Hands in `d`, merged when its turn comes with every document after it that is ready. The
    /// merging is done by whichever thread finds no other merging: the others go back to rendering.
    /// Boards and pages belong to no meeting: they are indexed here, when their turn comes.
    pub(super) fn offer(&self, at: usize, d: Indexed) {
        if let Some((_, entries)) = &self.keeping
            && d.problem.is_none()
            && let Some(key) = super::kept::key(
                self.site,
                &self.site.config.language,
                &d.meta,
                self.sources[at].1,
            )
        {
            let entry = super::kept::entry(&d);
            entries
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push((at, key, entry));
        }
        self.inbox
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((at, d));
        while let Ok(mut state) = self.state.try_lock() {
            let handed: Vec<(usize, Indexed)> = std::mem::take(
                &mut *self
                    .inbox
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner),
            );
            if handed.is_empty() {
                break;
            }
            state.waiting.extend(handed);
            self.advance(&mut state, false);
        }
    }

    /// Merges what is ready; when `all`, indexes here whatever is not (a document whose meeting was not
    /// rendered), so the index always has every document.
    pub(super) fn advance(&self, state: &mut Gathering, all: bool) {
        while let Some((meta, source)) = self.sources.get(state.next) {
            let d = match state.waiting.remove(&state.next) {
                Some(d) => d,
                None if all || matches!(source, Source::Board(_) | Source::Page(_)) => {
                    index_document(self.site, &self.language, meta.clone(), *source)
                }
                None => break,
            };
            state.merged.add(&self.language, d);
            state.next += 1;
        }
    }

    /// The whole index, once every meeting's pages are made.
    pub(super) fn finish(&self) -> Index {
        let mut state = std::mem::take(
            &mut *self
                .state
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        state.waiting.extend(std::mem::take(
            &mut *self
                .inbox
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        ));
        self.advance(&mut state, true);
        if let Some((cache, entries)) = &self.keeping {
            let mut entries = std::mem::take(
                &mut *entries
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner),
            );
            entries.sort_unstable_by_key(|(at, _, _)| *at);
            // Each entry is let go of as it is copied, so the entries are held about once.
            let bytes = entries.iter().map(|(_, _, e)| e.len() + 20).sum();
            let mut keeping = super::kept::Keeping::with_capacity(bytes);
            for (_, key, entry) in entries {
                keeping.push(key, &entry);
            }
            super::kept::Kept::none(cache).save(keeping, 0);
        }
        state.merged.finish()
    }
}

/// The search index is read as the meetings render: each paper from its page's parse.
impl Gather for Gatherer<'_> {
    fn meeting_order(&self) -> Vec<MeetingId> {
        Gatherer::meeting_order(self.site)
    }

    fn paper(&self, paper: PaperId) -> Box<dyn PaperReader + '_> {
        Box::new(Reading {
            gatherer: self,
            paper,
            entry: Gatherer::paper(self, paper),
        })
    }

    fn meeting_done(&self, meeting: MeetingId) {
        Gatherer::meeting_done(self, meeting);
    }

    fn make(&self, extras: &mut Extras) {
        outputs(self.site, extras, Some(self));
    }
}

/// A paper being read for the index as its page renders; handed back to its gatherer when done.
pub(super) struct Reading<'g, 's> {
    pub(super) gatherer: &'g Gatherer<'s>,
    pub(super) paper: PaperId,
    pub(super) entry: PaperEntry,
}

impl PaperReader for Reading<'_, '_> {
    fn body(&mut self, body: &str) {
        self.entry.body(body);
    }

    fn run(&mut self, anchor: Option<&str>, text: &str) {
        self.entry.run(anchor, text);
    }

    fn done(self: Box<Self>) {
        let Reading {
            gatherer,
            paper,
            entry,
        } = *self;
        gatherer.paper_done(paper, entry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_cut_at_words() {
        assert_eq!(clip("one  two\nthree", 9), "one two…");
        assert_eq!(clip("short", 20), "short");
    }
}
