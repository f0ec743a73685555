//! The content model: what a clerk writes in front matter, as typed Rust values.
//!
//! These types are the contract of the content format (documented in the README, "Content format"). They
//! hold exactly what the file says; everything derived (URLs, links between papers and meetings,
//! formatted dates) lives in [`crate::site`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

/// A calendar date, written `YYYY-MM-DD` in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    pub fn iso(&self) -> String {
        let (year, month, day) = (self.0.year(), self.0.month(), self.0.day());
        if !(0..=9999).contains(&year) {
            return self.0.strftime("%Y-%m-%d").to_string();
        }
        // Written directly: `strftime` reads its pattern on every call, and a large site writes
        // hundreds of thousands of dates (open data, feeds, calendars, the sitemap).
        let digit = |n: i32| char::from(b'0' + (n % 10) as u8);
        let (year, month, day) = (i32::from(year), i32::from(month), i32::from(day));
        [
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            '-',
            digit(month / 10),
            digit(month),
            '-',
            digit(day / 10),
            digit(day),
        ]
        .into_iter()
        .collect()
    }

    /// "Tuesday 10 March 2026", the form UK committee papers use.
    pub fn long(&self) -> String {
        self.0.strftime("%A %-d %B %Y").to_string()
    }

    /// "10 March 2026".
    pub fn medium(&self) -> String {
        self.0.strftime("%-d %B %Y").to_string()
    }

    pub fn year(&self) -> i16 {
        self.0.year()
    }
}

impl FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let well_formed = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        let hint = date_hint(s);
        if !well_formed {
            return Err(format!("`{s}` is not a date in the form YYYY-MM-DD{hint}"));
        }
        s.parse::<jiff::civil::Date>()
            .map(Date)
            .map_err(|_| format!("`{s}` is not a real calendar date (YYYY-MM-DD){hint}"))
    }
}

/// For a date written the British way (`14/03/2023`), the ISO form to write instead.
fn date_hint(s: &str) -> String {
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    if let [d, m, y] = parts.as_slice()
        && y.len() == 4
        && d.len() <= 2
        && m.len() <= 2
        && [d, m, y]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return format!(", e.g. write {y}-{m:0>2}-{d:0>2}");
    }
    String::new()
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

/// A time of day, written `HH:MM` (24-hour) in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub jiff::civil::Time);

impl Time {
    pub fn hhmm(&self) -> String {
        self.0.strftime("%H:%M").to_string()
    }

    /// "2.00pm", as notices of meetings write it.
    pub fn twelve_hour(&self) -> String {
        let hour = self.0.hour();
        let h12 = match hour % 12 {
            0 => 12,
            h => h,
        };
        let suffix = if hour < 12 { "am" } else { "pm" };
        format!("{h12}.{:02}{suffix}", self.0.minute())
    }
}

impl FromStr for Time {
    type Err = String;
    /// The forms clerks write: `14:00` (24-hour), `14.00` or `9.30` (the British dot), `2pm`,
    /// `2.30pm`, `2:30 p.m.`, `noon`, a bare hour `14`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let bad = || {
            format!(
                "`{s}` is not a time of day: write it as 14:00 (24-hour), or 2pm, 2.30pm, 9.30am"
            )
        };
        let lower = s.to_ascii_lowercase().replace([' ', '\u{a0}'], "");
        if lower == "noon" || lower == "midday" || lower == "12noon" {
            return Ok(Time(jiff::civil::time(12, 0, 0, 0)));
        }
        let lower = lower.replace("a.m.", "am").replace("p.m.", "pm");
        let (clock, half) = match lower.strip_suffix("am") {
            Some(c) => (c, Some(false)),
            None => match lower.strip_suffix("pm") {
                Some(c) => (c, Some(true)),
                None => (lower.as_str(), None),
            },
        };
        let (h, m) = match clock.split_once([':', '.']) {
            Some((h, m)) if m.len() == 2 => (h, m),
            Some(_) => return Err(bad()),
            None => (clock, "00"),
        };
        let (mut h, m): (i8, i8) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        if let Some(pm) = half {
            if !(1..=12).contains(&h) {
                return Err(bad());
            }
            h = match (h, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
        }
        jiff::civil::Time::new(h, m, 0, 0)
            .map(Time)
            .map_err(|_| bad())
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // YAML reads `14.00` and `9.30` as numbers (14 and 9.3): with two decimals they are the
        // times a clerk wrote.
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Time;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a time of day, e.g. 14:00 or 2pm")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Time, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Time, E> {
                v.to_string().parse().map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Time, E> {
                v.to_string().parse().map_err(E::custom)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Time, E> {
                format!("{v:.2}").parse().map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for Time {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.hhmm())
    }
}

/// A moment in the site's time zone: `2026-03-02` (the start of that day) or `2026-03-02T09:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment(pub jiff::civil::DateTime);

impl Moment {
    pub fn date(&self) -> Date {
        Date(self.0.date())
    }

    /// "2 March 2026" or "2 March 2026 at 9.00am".
    pub fn words(&self) -> String {
        let t = self.0.time();
        if t == jiff::civil::Time::midnight() {
            self.date().medium()
        } else {
            format!("{} at {}", self.date().medium(), Time(t).twelve_hour())
        }
    }
}

impl FromStr for Moment {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (date, time) = match s.split_once(['T', ' ']) {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let bad =
            |_| format!("`{s}` is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)");
        let date: Date = date.parse().map_err(bad)?;
        let time = match time {
            Some(t) => {
                let t = t.get(..5).unwrap_or(t);
                t.parse::<Time>().map_err(bad)?.0
            }
            None => jiff::civil::Time::midnight(),
        };
        Ok(Moment(date.0.to_datetime(time)))
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The legal ground for keeping something from the public: a paragraph of Schedule 12A to the Local
/// Government Act 1972, and why the public interest favours exemption.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Exemption {
    /// The paragraph, 1 to 7.
    pub category: u8,
    /// The public interest test: why withholding outweighs disclosure.
    #[serde(default)]
    pub reason: Option<String>,
}

impl Exemption {
    /// The wording of the paragraph of Schedule 12A, Part 1.
    pub fn paragraph_text(&self) -> Option<&'static str> {
        Some(match self.category {
            1 => "Information relating to any individual",
            2 => "Information which is likely to reveal the identity of an individual",
            3 => {
                "Information relating to the financial or business affairs of any particular person (including the authority holding that information)"
            }
            4 => {
                "Information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter arising between the authority or a Minister of the Crown and employees of, or office holders under, the authority"
            }
            5 => {
                "Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings"
            }
            6 => {
                "Information which reveals that the authority proposes to give under any enactment a notice under or by virtue of which requirements are imposed on a person, or to make an order or direction under any enactment"
            }
            7 => {
                "Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime"
            }
            _ => return None,
        })
    }

    /// The ground as agendas print it.
    pub fn ground(&self) -> String {
        match self.paragraph_text() {
            Some(text) => format!(
                "Paragraph {} of Schedule 12A to the Local Government Act 1972: {text}",
                self.category
            ),
            None => format!(
                "Paragraph {} of Schedule 12A to the Local Government Act 1972",
                self.category
            ),
        }
    }
}

/// An agenda item number: `4`, or `4a` for an item added later.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ItemNo {
    pub number: u32,
    pub suffix: String,
}

impl ItemNo {
    pub fn new(number: u32) -> Self {
        ItemNo {
            number,
            suffix: String::new(),
        }
    }
}

impl PartialOrd for ItemNo {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ItemNo {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.number, &self.suffix).cmp(&(other.number, &other.suffix))
    }
}

impl fmt::Display for ItemNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.number, self.suffix)
    }
}

impl FromStr for ItemNo {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        let (number, suffix) = s.split_at(digits);
        let valid_suffix = suffix.len() <= 2 && suffix.bytes().all(|b| b.is_ascii_lowercase());
        match number.parse::<u32>() {
            Ok(number) if valid_suffix => Ok(ItemNo {
                number,
                suffix: suffix.to_string(),
            }),
            _ => Err(format!(
                "`{s}` is not an agenda item number: write a number such as 4, or 4a for an added item"
            )),
        }
    }
}

impl<'de> Deserialize<'de> for ItemNo {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = StringOrNumber::deserialize(d)?;
        v.0.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for ItemNo {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// Accepts a scalar written either as a string or a number, as its text.
struct StringOrNumber(String);

impl<'de> Deserialize<'de> for StringOrNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = StringOrNumber;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or a short text")
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(StringOrNumber(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(StringOrNumber(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(StringOrNumber(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
                Ok(StringOrNumber(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// The kinds of content file, made from their declarations ([`crate::content::kinds`]).
pub use crate::content::kinds::Kind;

/// Someone to contact: a clerk or a contact officer. Any field may be missing, as in real papers.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Contact {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

/// The site's own organisation, shown in the footer and the accessibility statement.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Organisation {
    pub name: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
}

/// `site.yaml`.
#[derive(Debug, Clone, Deserialize)]
pub struct SiteConfig {
    pub title: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_timezone")]
    pub timezone: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub organisation: Organisation,
    /// Clear working days between publishing a pack and its meeting (the statutory notice).
    #[serde(default = "default_notice_days")]
    pub notice_days: u32,
    /// Days that are not working days besides weekends.
    #[serde(default)]
    pub bank_holidays: Vec<Date>,
    /// The licence the open data (and the papers) are published under, stated in `data/index.json`.
    #[serde(default)]
    pub licence: Option<Licence>,
    /// What the site calls its boards: "Committees", "Panels".
    #[serde(default)]
    pub bodies: Bodies,
    /// The constitution's call-in period for executive decisions; none: no decision is open to call-in.
    #[serde(default)]
    pub call_in: Option<crate::content::decisions::CallInRule>,
    /// The law the authority works under: `england` asks for named votes at budget meetings.
    #[serde(default)]
    pub jurisdiction: Option<Jurisdiction>,
}

/// The part of the UK whose law the authority works under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Jurisdiction {
    England,
    Wales,
    Scotland,
    NorthernIreland,
}

/// What a site calls its bodies, in its navigation and in the URL of their list.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Bodies {
    /// As the navigation says it: "Committees".
    #[serde(default = "default_bodies_label")]
    pub label: String,
    /// The URL segment of their list: `committees` (`/committees/`). The old `/boards/` stays, as a
    /// page that sends readers on.
    #[serde(default = "default_bodies_path")]
    pub path: String,
}

impl Default for Bodies {
    fn default() -> Self {
        Bodies {
            label: default_bodies_label(),
            path: default_bodies_path(),
        }
    }
}

fn default_bodies_label() -> String {
    "Boards".into()
}

fn default_bodies_path() -> String {
    "boards".into()
}

/// A licence, e.g. the Open Government Licence.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Licence {
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
}

fn default_notice_days() -> u32 {
    5
}

fn default_language() -> String {
    "en-GB".into()
}
fn default_timezone() -> String {
    "Europe/London".into()
}
fn default_theme() -> String {
    "default".into()
}

/// A member of a board.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Member {
    /// As written; empty when only `person` is given.
    #[serde(default)]
    pub name: String,
    /// A person's id (`content/people/<id>.md`).
    #[serde(default)]
    pub person: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub authority: Option<String>,
    #[serde(default)]
    pub substitute: bool,
    /// Joined the board.
    #[serde(default)]
    pub start_date: Option<Date>,
    /// Left the board: their history is kept.
    #[serde(default)]
    pub end_date: Option<Date>,
}

/// Members grouped by political group or category.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct MemberGroup {
    pub group: String,
    #[serde(default)]
    pub members: Vec<Member>,
}

/// `board.md`.
#[derive(Debug, Clone, Deserialize)]
pub struct BoardMatter {
    #[serde(default)]
    pub kind: Option<String>,
    /// Free-form data for custom templates.
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
    pub title: String,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub contact: Option<Contact>,
    #[serde(default)]
    pub membership: Vec<MemberGroup>,
}

/// Where a meeting is held.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Venue {
    #[serde(default)]
    pub room: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub online: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MeetingStatus {
    #[default]
    Scheduled,
    Held,
    Cancelled,
    Postponed,
}

impl MeetingStatus {
    pub fn label(self) -> &'static str {
        match self {
            MeetingStatus::Scheduled => "Scheduled",
            MeetingStatus::Held => "Held",
            MeetingStatus::Cancelled => "Cancelled",
            MeetingStatus::Postponed => "Postponed",
        }
    }
}

/// One line of a meeting's agenda.
#[derive(Debug, Clone, Deserialize)]
pub struct AgendaItemMatter {
    pub item: ItemNo,
    pub title: String,
    /// The paper's file, relative to the meeting file.
    #[serde(default)]
    pub paper: Option<String>,
    #[serde(default)]
    pub verbal: bool,
    #[serde(default)]
    pub presenter: Option<String>,
}

/// How long a meeting with a start time but no end time is taken to last (calendars show it so).
pub const DEFAULT_HOURS: i64 = 2;

/// `meeting.md`.
#[derive(Debug, Clone, Deserialize)]
pub struct MeetingMatter {
    #[serde(default)]
    pub kind: Option<String>,
    /// Free-form data for custom templates.
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
    pub meeting: String,
    pub date: Date,
    #[serde(default)]
    pub start_time: Option<Time>,
    #[serde(default)]
    pub end_time: Option<Time>,
    #[serde(default)]
    pub venue: Option<Venue>,
    #[serde(default)]
    pub status: MeetingStatus,
    #[serde(default)]
    pub status_note: Option<String>,
    #[serde(default)]
    pub published: Option<Date>,
    #[serde(default)]
    pub agenda: Option<Vec<AgendaItemMatter>>,
    #[serde(default)]
    pub next_meeting: Option<Date>,
    /// Before this moment the meeting and everything of it is unpublished.
    #[serde(default)]
    pub publish_from: Option<Moment>,
    /// The dates the meeting was set for before it moved to `date`, first (original) date first. The
    /// calendar event keeps the identity of the original date, so subscribers see it move, not a new one.
    #[serde(default, deserialize_with = "one_or_many")]
    pub rescheduled_from: Vec<Date>,
    /// The calendar revision, for changes other than a move (time, venue); see [`crate::outputs::calendar`].
    #[serde(default)]
    pub sequence: Option<u32>,
}

impl MeetingMatter {
    /// "2.00pm to 4.00pm", "2.00pm", or nothing when no start time is given.
    pub fn time_text(&self) -> Option<String> {
        match (self.start_time, self.end_time) {
            (Some(s), Some(e)) => Some(format!("{} to {}", s.twelve_hour(), e.twelve_hour())),
            (Some(s), None) => Some(s.twelve_hour()),
            _ => None,
        }
    }
}

/// Dates written either alone (`2026-10-20`) or as a list (`[2026-10-20, 2026-10-27]`). A visitor, not
/// an untagged enum, so a wrong date keeps its own message ("not a date in the form YYYY-MM-DD").
fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Date>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Vec<Date>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a date (YYYY-MM-DD) or a list of dates")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            v.parse().map(|d| vec![d]).map_err(E::custom)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut dates = Vec::new();
            while let Some(d) = seq.next_element()? {
                dates.push(d);
            }
            Ok(dates)
        }
    }
    d.deserialize_any(V)
}

/// An appendix as a paper lists it.
#[derive(Debug, Clone, Deserialize)]
pub struct AppendixRef {
    pub title: String,
    /// Path relative to the paper.
    pub file: String,
    /// An exempt appendix is listed with its ground, never published.
    #[serde(default)]
    pub exempt: Option<Exemption>,
}

/// A board paper (report).
#[derive(Debug, Clone, Deserialize)]
pub struct PaperMatter {
    #[serde(default)]
    pub kind: Option<String>,
    /// Free-form data for custom templates.
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
    pub title: String,
    pub meeting: String,
    pub date: Date,
    pub item: ItemNo,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub purpose: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub recommendations: Vec<String>,
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub contact: Option<Contact>,
    #[serde(default)]
    pub appendices: Vec<AppendixRef>,
    #[serde(default)]
    pub wards: Vec<String>,
    #[serde(default)]
    pub decision_maker: Option<String>,
    #[serde(default)]
    pub key_decision: bool,
    #[serde(default)]
    pub background_papers: Option<Vec<String>>,
    #[serde(default)]
    pub published: Option<Date>,
    /// `draft` papers are left out of a build unless drafts are asked for.
    #[serde(default)]
    pub status: PaperStatus,
    /// Exempt ("Part 2") papers are never published: only their agenda line and ground are.
    #[serde(default)]
    pub exempt: Option<Exemption>,
    /// Before this moment the paper is unpublished.
    #[serde(default)]
    pub publish_from: Option<Moment>,
    /// Why the paper could not give the statutory notice (late papers must say).
    #[serde(default)]
    pub urgency: Option<String>,
    /// For a key decision: the date notice of it was published (on the forward plan); 28 clear days
    /// before the meeting are required.
    #[serde(default)]
    pub key_decision_notice: Option<Date>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PaperStatus {
    Draft,
    #[default]
    Final,
}

/// A Markdown appendix.
#[derive(Debug, Clone, Deserialize)]
pub struct AppendixMatter {
    #[serde(default)]
    pub kind: Option<String>,
    /// Free-form data for custom templates.
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
    #[serde(default)]
    pub title: Option<String>,
}

/// A free-standing page such as "About these papers".
#[derive(Debug, Clone, Deserialize)]
pub struct PageMatter {
    #[serde(default)]
    pub kind: Option<String>,
    /// Free-form data for custom templates.
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
    pub title: String,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

pub use crate::content::decisions::DecisionMatter;
pub use crate::content::people::{Attendee, Declaration};

/// Who was at a meeting.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Attendance {
    #[serde(default)]
    pub present: Vec<Attendee>,
    #[serde(default)]
    pub apologies: Vec<Attendee>,
    #[serde(default)]
    pub substitutes: Vec<Attendee>,
    #[serde(default)]
    pub in_attendance: Vec<Attendee>,
    #[serde(default)]
    pub officers: Vec<Attendee>,
}

/// An action recorded in minutes.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ActionMatter {
    pub action: String,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub due: Option<Date>,
    /// A stable reference (`TB-2026-06-1`) by which later minutes update the action.
    #[serde(default)]
    pub id: Option<String>,
    /// Its status when these minutes were written; later minutes may change it (`action_updates`).
    #[serde(default)]
    pub status: ActionStatus,
}

/// Whether an action is still to be done.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    #[default]
    Open,
    Done,
}

/// Later minutes' update of an earlier action, which it names by `id`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ActionUpdateMatter {
    pub id: String,
    #[serde(default)]
    pub status: Option<ActionStatus>,
    /// A new due date.
    #[serde(default)]
    pub due: Option<Date>,
    #[serde(default)]
    pub note: Option<String>,
}

/// The minute of one agenda item.
#[derive(Debug, Clone, Deserialize)]
pub struct MinuteItemMatter {
    pub item: ItemNo,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub minute: Option<String>,
    #[serde(default)]
    pub decisions: Vec<DecisionMatter>,
    #[serde(default)]
    pub actions: Vec<ActionMatter>,
    /// The minute of an exempt item is not published.
    #[serde(default)]
    pub exempt: Option<Exemption>,
    /// Of an exempt item: the fair summary of its proceedings the public may read (LGA 1972
    /// s.100C(2)), published while its minute is withheld.
    #[serde(default)]
    pub public_summary: Option<String>,
    /// Of an exempt item: the decisions that may be published, while its `decisions` are withheld.
    #[serde(default)]
    pub public_decisions: Vec<DecisionMatter>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MinutesStatus {
    /// Not published.
    #[default]
    Draft,
    /// Published as draft minutes, to be confirmed at the next meeting: their decisions are in the
    /// register as made.
    Unconfirmed,
    /// Confirmed as a correct record by a later meeting (`approved_on`).
    Approved,
}

impl MinutesStatus {
    /// As the front matter writes it.
    pub fn key(self) -> &'static str {
        match self {
            MinutesStatus::Draft => "draft",
            MinutesStatus::Unconfirmed => "unconfirmed",
            MinutesStatus::Approved => "approved",
        }
    }

    /// As the minutes page says it.
    pub fn label(self) -> &'static str {
        match self {
            MinutesStatus::Draft => "Draft – not yet approved",
            MinutesStatus::Unconfirmed => "Draft minutes, to be confirmed at the next meeting",
            MinutesStatus::Approved => "Approved",
        }
    }

    /// As lists of documents say it, in a word or two.
    pub fn short(self) -> &'static str {
        match self {
            MinutesStatus::Draft => "Draft",
            MinutesStatus::Unconfirmed => "Unconfirmed",
            MinutesStatus::Approved => "Approved",
        }
    }
}

/// `minutes.md`.
#[derive(Debug, Clone, Deserialize)]
pub struct MinutesMatter {
    #[serde(default)]
    pub kind: Option<String>,
    /// Free-form data for custom templates.
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
    pub meeting: String,
    pub date: Date,
    #[serde(default)]
    pub status: MinutesStatus,
    /// The date of the meeting that confirmed them.
    #[serde(default)]
    pub approved_on: Option<Date>,
    /// The day they were published: decisions recorded only here are open to call-in from it.
    #[serde(default)]
    pub published: Option<Date>,
    #[serde(default)]
    pub attendance: Attendance,
    #[serde(default)]
    pub declarations: Vec<Declaration>,
    #[serde(default)]
    pub items: Vec<MinuteItemMatter>,
    /// Progress on actions recorded in earlier minutes.
    #[serde(default)]
    pub action_updates: Vec<ActionUpdateMatter>,
}

/// The lines of a multi-line value (an address), trimmed, blank ones left out.
pub fn lines_of(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// An address (or any multi-line value) on one line: its lines joined with commas.
pub fn one_line(text: &str) -> String {
    lines_of(text).collect::<Vec<_>>().join(", ")
}

/// The closest known name to a misspelt one, if any is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    unknown: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = unknown.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, c), c))
        .filter(|(distance, c)| {
            *distance <= (c.len() / 3).max(2) || c.starts_with(&lower) || lower.starts_with(c)
        })
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_as_strftime_writes_them() {
        for (y, m, d) in [
            (2026, 3, 10),
            (1999, 12, 31),
            (2000, 2, 29),
            (7, 1, 1),
            (9999, 12, 31),
        ] {
            let date = Date(jiff::civil::date(y, m, d));
            assert_eq!(date.iso(), date.0.strftime("%Y-%m-%d").to_string());
        }
        assert_eq!(Date(jiff::civil::date(2026, 3, 10)).iso(), "2026-03-10");
    }

    #[test]
    fn dates_accept_iso_and_hint_british_form() {
        assert_eq!(
            "2026-03-10".parse::<Date>().unwrap().long(),
            "Tuesday 10 March 2026"
        );
        let err = "14/03/2023".parse::<Date>().unwrap_err();
        assert!(err.contains("e.g. write 2023-03-14"), "{err}");
        assert!("2026-02-30".parse::<Date>().is_err());
    }

    #[test]
    fn times_in_the_forms_clerks_write() {
        for (written, want) in [
            ("14:00", "14:00"),
            ("14.00", "14:00"),
            ("9.30", "09:30"),
            ("2pm", "14:00"),
            ("2.30pm", "14:30"),
            ("2:30 p.m.", "14:30"),
            ("12pm", "12:00"),
            ("12.15am", "00:15"),
            ("noon", "12:00"),
            ("14", "14:00"),
        ] {
            assert_eq!(
                written.parse::<Time>().map(|t| t.hhmm()),
                Ok(want.to_string()),
                "{written}"
            );
        }
        for bad in ["25:00", "13pm", "9.3", "half two", "14:5"] {
            let err = bad.parse::<Time>().unwrap_err();
            assert!(err.contains("write it as 14:00"), "{bad}: {err}");
        }
        // YAML's numbers: `14.00` and `9.30` arrive as 14 and 9.3.
        #[derive(Deserialize)]
        struct T {
            t: Time,
        }
        for (yaml, want) in [
            ("t: 14.00", "14:00"),
            ("t: 9.30", "09:30"),
            ("t: 14", "14:00"),
        ] {
            let (parsed, _): (T, _) = crate::content::yaml::from_str(yaml).unwrap();
            assert_eq!(parsed.t.hhmm(), want, "{yaml}");
        }
    }

    #[test]
    fn times() {
        let t: Time = "14:00".parse().unwrap();
        assert_eq!(t.twelve_hour(), "2.00pm");
        assert_eq!("09:30".parse::<Time>().unwrap().twelve_hour(), "9.30am");
        assert!("25:00".parse::<Time>().is_err());
    }

    #[test]
    fn item_numbers_sort_numerically() {
        let mut items: Vec<ItemNo> = ["10", "2", "2a", "1"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        items.sort();
        let shown: Vec<String> = items.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["1", "2", "2a", "10"]);
        assert!("three".parse::<ItemNo>().is_err());
    }

    #[test]
    fn suggestions() {
        let fields = crate::content::kinds::accepted_keys(Kind::Paper.fields(), "");
        assert_eq!(did_you_mean("titel", fields.iter().copied()), Some("title"));
        assert_eq!(
            did_you_mean("recomendations", fields.iter().copied()),
            Some("recommendations")
        );
        assert_eq!(did_you_mean("zzzzzz", fields.iter().copied()), None);
    }
}
