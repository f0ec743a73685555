//! The template context: the documented, typed data every theme template receives.
//!
//! Templates get values that are ready to print: URLs already carry the site's base path, dates come
//! both as ISO text (for `<time datetime>`) and as words, Markdown is already HTML. Optional values are
//! `null`, never missing, so a template can test `{% if paper.contact.phone %}` without tripping Tera's
//! undefined-variable errors, and a paper with an incomplete contact block renders nothing broken.
//!
//! Every page gets `site`, `page` and the variables of its kind (see README, "Theming").

use serde::Serialize;

use crate::content::model::{Contact, Organisation};

/// A date as ISO text and in words.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `2026-03-10`
    pub iso: String,
    /// `Tuesday 10 March 2026`
    pub long: String,
    /// `10 March 2026`
    pub medium: String,
    pub year: i16,
}

/// A link to another page.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: String,
    pub url: String,
}

/// `site`: on every page.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    pub base_url: String,
    /// Prefix of every internal URL, `/` or e.g. `/committees/`.
    pub base_path: String,
    pub organisation: Organisation,
    /// Every board, by title, for navigation.
    pub boards: Vec<LinkView>,
    /// What the site calls its boards ("Boards", "Committees"), and the URL of their list.
    pub bodies: LinkView,
    /// Free-standing pages (about…), by title.
    pub pages: Vec<LinkView>,
    /// The main navigation: boards index, decisions, actions, search, then the free-standing pages.
    /// One short list on every page, whatever the number of boards (a site-wide board list on every
    /// page made the output grow as pages × boards).
    pub nav: Vec<LinkView>,
    /// URLs of the site-wide pages.
    pub home_url: String,
    pub accessibility_url: String,
    /// The stylesheet (with the highlighting rules appended).
    pub stylesheet_url: String,
    /// The date the site was built for.
    pub today: DateView,
    /// Site-wide feeds and data, for `<link rel="alternate">` and footers.
    pub feeds: FeedLinks,
    /// True in `boardpack serve`: drafts, embargoed and exempt documents are shown, with banners.
    pub preview: bool,
}

/// Where the site-wide subscriptions and data live.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLinks {
    /// Atom feed of newly published papers and minutes.
    pub atom: String,
    /// iCalendar feed of every meeting.
    pub calendar: String,
    /// The open data index.
    pub data: String,
    /// Atom feed of decision records and their status; null when the site has none.
    pub decisions: Option<String>,
}

/// `page`: on every page.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// The `<title>` and `<h1>` text.
    pub title: String,
    /// `home`, `board`, `meeting`, `paper`, `minutes`, `appendix`, `page`, `accessibility`, `not_found`.
    pub kind: &'static str,
    pub url: String,
    /// Full canonical URL.
    pub permalink: String,
    /// From the home page down to (not including) this page.
    pub breadcrumbs: Vec<LinkView>,
    pub description: Option<String>,
    /// Preview only (`serve`): "Draft – not for publication", "Exempt – not published (…)",
    /// "Embargoed until … – not yet published". Never set in `build`.
    pub banner: Option<String>,
}

/// A meeting as lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingCard {
    /// "Transport and Infrastructure Board, 10 March 2026"
    pub title: String,
    pub url: String,
    pub board: LinkView,
    pub date: DateView,
    /// "2.00pm", or null.
    pub time: Option<String>,
    /// `scheduled`, `held`, `cancelled`, `postponed`.
    pub status: &'static str,
    pub status_label: &'static str,
    /// Venue in one line, or null.
    pub venue: Option<String>,
    pub minutes_url: Option<String>,
    pub paper_count: usize,
}

/// A published document (paper or minutes) as lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentCard {
    pub title: String,
    pub url: String,
    /// `paper` or `minutes`.
    pub kind: &'static str,
    pub meeting: LinkView,
    pub board: LinkView,
    /// Publication date, or the meeting date when unknown.
    pub date: DateView,
    /// `date` is the publication date (not the meeting's).
    pub date_is_published: bool,
    pub purpose: Option<String>,
}

/// A board as the home page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct BoardCard {
    pub title: String,
    pub url: String,
    /// First paragraph of the description, as plain text.
    pub summary: Option<String>,
    pub next_meeting: Option<MeetingCard>,
}

/// `home` (index.html).
#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    /// Upcoming meetings, soonest first.
    pub upcoming: Vec<MeetingCard>,
    /// Recently published papers and minutes, newest first.
    pub recent: Vec<DocumentCard>,
    pub boards: Vec<BoardCard>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearOfMeetings {
    pub year: i16,
    pub meetings: Vec<MeetingCard>,
}

/// `board` (board.html).
#[derive(Debug, Clone, Serialize)]
pub struct BoardView {
    pub title: String,
    pub url: String,
    pub slug: String,
    pub description_html: String,
    /// The clerk.
    pub contact: ContactView,
    /// The contact's page, when the contact is a person with one.
    pub contact_url: Option<String>,
    /// Current members by group; each member's `url` is their page, when they have one.
    pub membership: Vec<crate::render::people::MemberGroupView>,
    /// Members who have left the board, with their dates.
    pub past_members: Vec<crate::render::people::MemberView>,
    /// Upcoming meetings, soonest first.
    pub upcoming: Vec<MeetingCard>,
    /// Past meetings, newest year first, newest meeting first.
    pub past_by_year: Vec<YearOfMeetings>,
    pub extra: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VenueView {
    pub room: Option<String>,
    /// Address lines.
    pub address: Vec<String>,
    pub online: Option<String>,
    /// `online` is a web address.
    pub online_is_url: bool,
    /// Both in a room and online.
    pub hybrid: bool,
    /// The whole venue in one line.
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgendaItemView {
    /// "4", "4a"
    pub item: String,
    pub title: String,
    /// The paper's page, or null.
    pub url: Option<String>,
    pub paper_title: Option<String>,
    pub purpose: Option<String>,
    pub verbal: bool,
    pub presenter: Option<String>,
    /// The presenter's page, when they have one.
    pub presenter_url: Option<String>,
    /// Published after the main pack.
    pub supplement: bool,
    /// The item has a paper that is not published (a draft, under embargo, or exempt): no link.
    pub withheld: bool,
    /// What to say instead: "not yet published" or "exempt – not for publication".
    pub withheld_notice: Option<String>,
    /// For an exempt item, its legal ground (the paragraph of Schedule 12A).
    pub exempt_ground: Option<String>,
    /// The paper's appendices.
    pub appendices: Vec<AppendixView>,
}

/// "Add to calendar" facts, shown as text.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarView {
    /// Local start, `2026-03-10T14:00`, or null when no time is known.
    pub start: Option<String>,
    pub end: Option<String>,
    pub timezone: String,
    pub summary: String,
    pub location: Option<String>,
}

/// `meeting` (meeting.html), and a short form on paper and minutes pages.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    pub title: String,
    pub url: String,
    pub board: LinkView,
    pub date: DateView,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    /// "2.00pm to 4.00pm", "2.00pm", or null.
    pub time_text: Option<String>,
    pub venue: Option<VenueView>,
    pub status: &'static str,
    pub status_label: &'static str,
    pub status_note: Option<String>,
    pub cover_html: String,
    pub agenda: Vec<AgendaItemView>,
    pub minutes_url: Option<String>,
    /// The decision records the meeting made (from notices, before the minutes, or from the minutes).
    pub decisions: Vec<crate::render::decisions::DecisionLine>,
    pub previous: Option<MeetingCard>,
    pub next: Option<MeetingCard>,
    pub next_meeting_date: Option<DateView>,
    pub published: Option<DateView>,
    pub calendar: CalendarView,
    pub upcoming: bool,
    /// Files made for the meeting (the agenda reports pack and its supplements, as PDF).
    pub downloads: Vec<DownloadView>,
    pub extra: Option<serde_json::Value>,
}

/// A file made for a page to offer (a PDF pack), with what a reader should know before opening it.
#[derive(Debug, Clone, Serialize)]
pub struct DownloadView {
    /// "Agenda reports pack".
    pub label: String,
    pub url: String,
    /// "PDF".
    pub format: &'static str,
    /// "412 KB".
    pub size: String,
    pub size_bytes: u64,
    pub pages: Option<usize>,
    /// "PDF, 412 KB, 23 pages".
    pub details: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AppendixView {
    pub title: String,
    pub url: String,
    /// "Web page", "CSV spreadsheet", "PDF document"…
    pub file_type: String,
    /// Upper-case extension, "PDF", or null for a web page.
    pub extension: Option<String>,
    /// "12 KB", or null for a web page.
    pub size: Option<String>,
    pub size_bytes: Option<u64>,
    /// For an exempt appendix: its ground; `url` is then empty and nothing is published.
    pub exempt_ground: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub name: Option<String>,
    pub position: Option<String>,
    pub phone: Option<String>,
    /// `tel:` URL for the phone number.
    pub phone_url: Option<String>,
    pub email: Option<String>,
    /// Any field is filled in.
    pub any: bool,
}

impl From<Option<&Contact>> for ContactView {
    fn from(c: Option<&Contact>) -> Self {
        let clean = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let c = c.cloned().unwrap_or_default();
        let (name, position, phone, email) = (
            clean(&c.name),
            clean(&c.position),
            clean(&c.phone),
            clean(&c.email),
        );
        let phone_url = phone.as_ref().map(|p| {
            let digits: String = p
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect();
            format!("tel:{digits}")
        });
        let any = name.is_some() || position.is_some() || phone.is_some() || email.is_some();
        ContactView {
            name,
            position,
            phone,
            phone_url,
            email,
            any,
        }
    }
}

/// `paper` (paper.html).
#[derive(Debug, Clone, Serialize)]
pub struct PaperView {
    pub title: String,
    pub url: String,
    pub item: String,
    pub purpose: Option<String>,
    pub summary_html: Option<String>,
    pub recommendations_html: Vec<String>,
    pub action: Option<String>,
    pub contact: ContactView,
    /// The contact officer's page, when they have one.
    pub contact_url: Option<String>,
    pub body_html: String,
    /// The body's `##` headings, for a contents list.
    pub contents: Vec<LinkView>,
    pub appendices: Vec<AppendixView>,
    pub wards: Vec<String>,
    pub decision_maker: Option<String>,
    pub key_decision: bool,
    /// null when the paper does not say; an empty list for "None".
    pub background_papers: Option<Vec<String>>,
    pub published: Option<DateView>,
    pub supplement: bool,
    /// Previous and next item of the agenda that has a paper.
    pub previous: Option<LinkView>,
    pub next: Option<LinkView>,
    /// The minute of this item (the minutes page with the item's anchor), or null.
    pub minutes_url: Option<String>,
    /// Files made for the paper (the paper as a PDF).
    pub downloads: Vec<DownloadView>,
    pub extra: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub action: String,
    pub owner: Option<String>,
    pub due: Option<DateView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MinuteItemView {
    pub item: String,
    pub title: String,
    /// The item's paper, or null.
    pub paper_url: Option<String>,
    /// Anchor id of this item on the minutes page.
    pub id: String,
    /// The item's paper's title, or null.
    pub paper_title: Option<String>,
    pub minute_html: String,
    /// For an exempt minute: its ground; the minute and actions are then empty, and the decisions
    /// only those it lists as public.
    pub exempt_ground: Option<String>,
    /// For an exempt minute: the fair summary the public may read, rendered from Markdown.
    pub public_summary_html: Option<String>,
    /// Each decision, rendered from Markdown.
    pub decisions_html: Vec<String>,
    /// Each decision, with its record's page and status when it has one.
    pub decisions: Vec<MinuteDecisionView>,
    pub actions: Vec<ActionView>,
}

/// A decision of a minute item.
#[derive(Debug, Clone, Serialize)]
pub struct MinuteDecisionView {
    pub html: String,
    pub record: Option<crate::render::decisions::DecisionLine>,
    /// The record's vote in a sentence, when it has one.
    pub vote: Option<String>,
}

/// `minutes` (minutes.html).
#[derive(Debug, Clone, Serialize)]
pub struct MinutesView {
    pub title: String,
    pub url: String,
    /// `draft`, `unconfirmed` or `approved`.
    pub status: &'static str,
    pub status_label: &'static str,
    pub approved_on: Option<DateView>,
    /// The meeting that confirmed them, when the site has it.
    pub approved_at: Option<LinkView>,
    pub attendance: crate::render::people::AttendanceView,
    pub declarations: Vec<crate::render::people::DeclarationView>,
    pub body_html: String,
    pub items: Vec<MinuteItemView>,
    pub extra: Option<serde_json::Value>,
}

/// `appendix` (appendix.html): a Markdown appendix, with `paper` a link to its paper.
#[derive(Debug, Clone, Serialize)]
pub struct AppendixPageView {
    pub title: String,
    pub body_html: String,
    pub paper: LinkView,
}

/// `content` (page.html): a free-standing page.
#[derive(Debug, Clone, Serialize)]
pub struct ContentPageView {
    pub title: String,
    pub body_html: String,
    pub extra: Option<serde_json::Value>,
}
