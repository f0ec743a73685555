//! Generates a large, realistic, deterministic boardpack site for benchmarks.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --papers 10000 --out /dev/shm/corpus-10000
//! ```
//!
//! The same `--papers N` (and `--seed`) always gives byte-identical files. The site has:
//! - papers of 8–12 KB: `##` headings, ~25 numbered paragraphs (Markdown ordered lists, some with nested
//!   `2.1`-style sub-paragraphs), a bullet list, a GitHub table with a `Table:` caption, relative links to
//!   other papers of the same meeting (some with `#pN` fragments) and a `#pN` link within the paper,
//!   a summary, recommendations and a contact officer;
//! - meetings of 8 papers (agenda items 3–10 after two procedural items), each with a `meeting.md`
//!   naming every paper file in its agenda;
//! - boards of 12 monthly meetings in 2026, each with a `board.md` naming its members by `person:` id
//!   (some with `start_date` / `end_date`: on a quarter of the boards a member leaves at the end of
//!   June and another joins in July) and its clerk as contact;
//! - people in `content/people/`, different names for all: per board about twelve members (three or
//!   four political groups of two to four, a named substitute in half the groups, and the previous
//!   board's Vice-Chair, who sits on two boards) with party, council, ward and a register of
//!   interests updated within the year before `--as-of`; a clerk and three officers who present the
//!   reports; an independent adviser;
//! - `minutes.md` (approved and published, with attendance, declarations, decisions (the first paper's first one a
//!   record with its reasons and vote) and actions) for every meeting
//!   before `--as-of` (default 2026-11-23); attendance names people by `person:` id or by a name
//!   that finds them ("Cllr …", "Councillor …"), with apologies from a different member each time;
//! - `site.yaml` and an about page.
//!
//! It is meant to pass `boardpack check --root DIR --as-of 2026-11-23` with no errors and no warnings.
//!
//! DIR must be new, empty, or a folder an earlier run of this generator made (it is then replaced).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

const MARKER: &str = ".boardpack-corpus";
const PAPERS_PER_MEETING: usize = 8;
const MEETINGS_PER_BOARD: usize = 12;
const WRAP: usize = 110;
/// Packs are published this many days before their meeting: at least the default statutory notice of
/// 5 clear working days, whatever the weekday.
const PUBLISHED_DAYS_BEFORE: i64 = 12;
/// Key decisions are on the forward plan this many days before their meeting (28 clear days needed).
const KEY_DECISION_NOTICE_DAYS: i64 = 35;

// ---------------------------------------------------------------------------------------------------
// Deterministic randomness.

/// SplitMix64: tiny, fast and good enough to vary words.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: &[u64]) -> Self {
        let mut r = Rng(seed ^ 0x9E37_79B9_7F4A_7C15);
        for &s in stream {
            r.0 ^= s.wrapping_mul(0xD1B5_4A32_D192_ED03);
            r.next();
        }
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n as u64) as usize
    }
    fn range(&mut self, lo: usize, hi_inclusive: usize) -> usize {
        lo + self.below(hi_inclusive - lo + 1)
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

// ---------------------------------------------------------------------------------------------------
// Dates (proleptic Gregorian, days since 1970-01-01; Howard Hinnant's algorithms).

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Day(i64);

impl Day {
    fn ymd(y: i64, m: i64, d: i64) -> Day {
        let y = if m <= 2 { y - 1 } else { y };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Day(era * 146_097 + doe - 719_468)
    }
    fn civil(self) -> (i64, i64, i64) {
        let z = self.0 + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        (
            if m <= 2 {
                yoe + era * 400 + 1
            } else {
                yoe + era * 400
            },
            m,
            d,
        )
    }
    fn iso(self) -> String {
        let (y, m, d) = self.civil();
        format!("{y:04}-{m:02}-{d:02}")
    }
    fn words(self) -> String {
        let (y, m, d) = self.civil();
        format!("{d} {} {y}", MONTHS[(m - 1) as usize])
    }
    fn plus(self, days: i64) -> Day {
        Day(self.0 + days)
    }
    /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    fn weekday(self) -> i64 {
        (self.0 + 3).rem_euclid(7)
    }
    /// This day, or the Monday after it when it falls at a weekend.
    fn weekday_or_monday(self) -> Day {
        match self.weekday() {
            5 => self.plus(2),
            6 => self.plus(1),
            _ => self,
        }
    }
    fn parse(s: &str) -> Option<Day> {
        let mut it = s.split('-').map(|p| p.parse::<i64>().ok());
        let (y, m, d) = (it.next()??, it.next()??, it.next()??);
        Some(Day::ymd(y, m, d))
    }
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

// ---------------------------------------------------------------------------------------------------
// Vocabulary.

const AREAS: &[&str] = &[
    "Harwick",
    "Eastmoor",
    "Brackenford",
    "Lynsey Vale",
    "Saltings",
    "Kestrel Park",
    "Ambridge Heath",
    "Copperfield",
    "Dunmore",
    "Fenwick",
    "Greystone",
    "Hollowmere",
    "Ironbridge",
    "Juniper Hill",
    "Kingsmead",
    "Larkspur",
    "Millbrook",
    "Northcote",
    "Oakhurst",
    "Pennine Edge",
    "Queensway",
    "Ravensworth",
    "Stonebridge",
    "Thornbury",
    "Upperton",
    "Westerleigh",
    "Yarrowdale",
    "Ashcombe",
    "Birchwood",
    "Castlegate",
    "Deepdale",
    "Elmstead",
    "Foxley",
    "Glenholme",
    "Hartfield",
    "Kilnsey",
    "Lowmoor",
    "Marshfield",
    "Newbold",
    "Orchard Vale",
];

/// (board topic, decision maker style, paper title stems)
const THEMES: &[(&str, &[&str])] = &[
    (
        "Transport and Infrastructure",
        &[
            "Bus network performance",
            "Local transport plan",
            "Active travel programme",
            "Road safety strategy",
            "Rail station investment",
            "Highways maintenance programme",
            "Electric vehicle charging",
            "Bus fares and ticketing",
            "Park and ride review",
            "Freight and logistics strategy",
            "Transport capital programme",
            "Community transport grants",
        ],
    ),
    (
        "Children and Young People",
        &[
            "School readiness",
            "Early years sufficiency",
            "Youth services review",
            "Home to school transport",
            "Care leavers accommodation",
            "Kinship care support",
            "Holiday activities programme",
            "Children's mental health",
            "Special educational needs provision",
            "School place planning",
            "Youth voice and participation",
            "Family hubs programme",
        ],
    ),
    (
        "Housing and Regeneration",
        &[
            "Affordable housing delivery",
            "Town centre regeneration",
            "Homelessness prevention",
            "Private rented sector standards",
            "Brownfield land release",
            "Housing retrofit programme",
            "Empty homes strategy",
            "Estate renewal programme",
            "Temporary accommodation costs",
            "Housing allocations policy",
            "Community land trusts",
            "Disabled facilities grants",
        ],
    ),
    (
        "Health and Wellbeing",
        &[
            "Joint health and wellbeing strategy",
            "Public health grant allocation",
            "Healthy weight programme",
            "Smoking cessation services",
            "Social prescribing",
            "Air quality and health",
            "Suicide prevention plan",
            "Physical activity strategy",
            "Health inequalities review",
            "Drug and alcohol services",
            "Winter pressures plan",
            "Better care fund plan",
        ],
    ),
    (
        "Economy and Skills",
        &[
            "Adult skills fund",
            "Business growth programme",
            "Inward investment strategy",
            "Apprenticeship levy transfer",
            "Digital infrastructure",
            "Visitor economy plan",
            "Employment support programme",
            "Innovation district",
            "Shared prosperity fund",
            "High street recovery",
            "Green skills academy",
            "Careers hub performance",
        ],
    ),
    (
        "Environment and Climate",
        &[
            "Net zero delivery plan",
            "Flood risk management",
            "Tree planting programme",
            "Waste and recycling contract",
            "Local nature recovery strategy",
            "Heat network feasibility",
            "Climate adaptation plan",
            "Public sector decarbonisation",
            "River water quality",
            "Biodiversity net gain",
            "Solar farm proposal",
            "Green spaces strategy",
        ],
    ),
    (
        "Finance and Resources",
        &[
            "Budget monitoring",
            "Medium term financial strategy",
            "Capital strategy",
            "Treasury management",
            "Council tax base",
            "Fees and charges review",
            "Procurement strategy",
            "Asset management plan",
            "Reserves policy",
            "Digital transformation programme",
            "Workforce strategy",
            "Insurance and risk financing",
        ],
    ),
    (
        "Audit and Governance",
        &[
            "Internal audit progress",
            "External audit findings",
            "Annual governance statement",
            "Risk management framework",
            "Counter fraud annual report",
            "Information governance",
            "Code of conduct complaints",
            "Whistleblowing policy review",
            "Statement of accounts",
            "Corporate risk register",
            "Contract standing orders",
            "Member development programme",
        ],
    ),
    (
        "Culture and Communities",
        &[
            "Libraries strategy",
            "Museums service review",
            "Community grants scheme",
            "Events programme",
            "Heritage action zone",
            "Arts development fund",
            "Community safety partnership",
            "Sports facilities strategy",
            "Volunteering strategy",
            "Parks and open spaces",
            "Cultural education partnership",
            "Armed forces covenant",
        ],
    ),
    (
        "Planning and Development",
        &[
            "Local plan review",
            "Design code consultation",
            "Infrastructure funding statement",
            "Conservation area appraisals",
            "Neighbourhood plan referendum",
            "Planning enforcement policy",
            "Developer contributions",
            "Strategic sites delivery",
            "Brownfield register",
            "Custom and self build register",
            "Planning performance report",
            "Gypsy and traveller site assessment",
        ],
    ),
];

const ASPECTS: &[&str] = &[
    "quarter 2 update",
    "annual report",
    "consultation outcome",
    "options appraisal",
    "proposed approach",
    "progress report",
    "review of arrangements",
    "next steps",
    "delivery plan",
    "mid-year review",
    "performance and priorities",
    "funding allocation",
    "business case",
    "interim findings",
    "policy refresh",
    "implementation update",
];

const NOUNS: &[&str] = &[
    "programme",
    "strategy",
    "service",
    "budget",
    "partnership",
    "framework",
    "pilot",
    "contract",
    "scheme",
    "plan",
    "review",
    "assessment",
    "network",
    "fund",
    "policy",
    "project",
    "board",
    "forum",
    "workstream",
    "pathway",
];
const ADJECTIVES: &[&str] = &[
    "revised",
    "current",
    "proposed",
    "integrated",
    "local",
    "regional",
    "statutory",
    "preventative",
    "sustainable",
    "targeted",
    "long-term",
    "joint",
    "digital",
    "flexible",
    "community-led",
    "cross-boundary",
    "phased",
    "independent",
];
const SUBJECTS: &[&str] = &[
    "The Combined Authority",
    "Officers",
    "The Board",
    "Partner organisations",
    "The delivery team",
    "Constituent councils",
    "The steering group",
    "Local providers",
    "The programme board",
    "Residents",
    "Ward members",
    "The voluntary sector",
    "The finance team",
    "The independent reviewer",
    "Service users",
    "Health partners",
];
const VERBS: &[&str] = &[
    "have reviewed",
    "will deliver",
    "are expected to improve",
    "continue to monitor",
    "have agreed",
    "propose to extend",
    "will consult on",
    "have identified",
    "are developing",
    "have completed",
    "will report on",
    "have strengthened",
    "are reviewing",
    "intend to simplify",
    "have secured funding for",
    "will evaluate",
];
const OBJECTS: &[&str] = &[
    "the {adj} {noun} for {area}",
    "{n} new {noun}s across the area",
    "a {adj} approach to the {noun}",
    "the performance of the {noun}",
    "the arrangements agreed in {month}",
    "the {noun} in {area} and {area2}",
    "options for a {adj} {noun}",
    "the risks set out in the register",
    "the outcomes achieved since {month}",
    "the targets in the {adj} {noun}",
    "the priorities set by members",
    "the recommendations of the {noun} review",
];
const QUALIFIERS: &[&str] = &[
    "by {month} {year}",
    "within the agreed budget of £{m} million",
    "in line with the {adj} {noun}",
    "following consultation with {stakeholders}",
    "subject to the approval of the Board",
    "over the next {n} months",
    "as part of the wider {noun}",
    "with support from {stakeholders}",
    "before the end of the financial year",
    "at a cost of £{k},000",
    "in partnership with {area} Council",
    "where evidence shows the greatest need",
];
const STAKEHOLDERS: &[&str] = &[
    "residents and businesses",
    "the voluntary and community sector",
    "trade unions",
    "ward members",
    "young people",
    "disabled people's organisations",
    "health partners",
    "the business community",
    "parish and town councils",
    "neighbouring authorities",
    "schools and colleges",
    "housing associations",
];
const OPENERS: &[&str] = &[
    "",
    "",
    "",
    "In addition, ",
    "As a result, ",
    "Since the last report, ",
    "In practice, ",
    "At the same time, ",
    "Over the past year, ",
    "Following member feedback, ",
    "Taken together, ",
    "However, ",
];
const FIRST_NAMES: &[&str] = &[
    "Aisha",
    "Ben",
    "Catherine",
    "Daniel",
    "Eleanor",
    "Farid",
    "Grace",
    "Harriet",
    "Imran",
    "Joanne",
    "Kwame",
    "Lucy",
    "Mohammed",
    "Nadia",
    "Owen",
    "Priya",
    "Rhys",
    "Sarah",
    "Tomasz",
    "Una",
    "Victor",
    "Wendy",
    "Yusuf",
    "Zoe",
    "Aled",
    "Bronwen",
    "Colin",
    "Deborah",
    "Emeka",
    "Fiona",
    "Gareth",
    "Helen",
    "Iris",
    "Jasmine",
    "Kieran",
    "Leila",
];
const SURNAMES: &[&str] = &[
    "Ashdown",
    "Bello",
    "Calder",
    "Okonjo",
    "Elderkin",
    "Farouk",
    "Garside",
    "Holloway",
    "Iqbal",
    "Jenkins",
    "Kaur",
    "Lindqvist",
    "Mabey",
    "Nowak",
    "Okafor",
    "Pennington",
    "Qureshi",
    "Rahman",
    "Stannard",
    "Tomlinson",
    "Underwood",
    "Vickers",
    "Whitlock",
    "Yeung",
    "Ainsworth",
    "Brennan",
    "Crossley",
    "Davies",
    "Evans",
    "Fletcher",
    "Grange",
    "Harrowgate",
    "Ingram",
    "Jamieson",
    "Kowalski",
    "Mensah",
    "Pritchard",
    "Reid",
    "Sharma",
    "Thorne",
];
const POSITIONS: &[&str] = &[
    "Head of Service",
    "Programme Manager",
    "Policy Manager",
    "Finance Business Partner",
    "Principal Officer",
    "Service Director",
    "Strategy Lead",
    "Senior Project Officer",
    "Commissioning Manager",
    "Performance Manager",
];
const PURPOSES: &[&str] = &[
    "For decision",
    "For discussion and direction",
    "For information",
    "For noting",
    "For endorsement",
];
const SECTIONS: &[&str] = &[
    "Background",
    "Current position",
    "Main issues",
    "Options considered",
    "Performance",
    "Consultation and engagement",
    "Financial implications",
    "Legal implications",
    "Equalities implications",
    "Risk management",
    "Climate and environment",
    "Next steps",
];

// ---------------------------------------------------------------------------------------------------
// Text.

fn fill(rng: &mut Rng, template: &str, area: &str) -> String {
    let mut out = String::with_capacity(template.len() + 40);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("closed slot");
        let slot = &rest[open + 1..close];
        match slot {
            "adj" => out.push_str(rng.pick(ADJECTIVES)),
            "noun" => out.push_str(rng.pick(NOUNS)),
            "area" => out.push_str(area),
            "area2" => out.push_str(rng.pick(AREAS)),
            "month" => out.push_str(rng.pick(MONTHS)),
            "year" => {
                let _ = write!(out, "{}", 2026 + rng.below(3));
            }
            "n" => {
                let _ = write!(out, "{}", rng.range(2, 48));
            }
            "m" => {
                let _ = write!(out, "{}.{}", rng.range(1, 96), rng.below(10));
            }
            "k" => {
                let _ = write!(out, "{}", rng.range(12, 950));
            }
            "stakeholders" => out.push_str(rng.pick(STAKEHOLDERS)),
            other => panic!("unknown slot {other}"),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn sentence(rng: &mut Rng, area: &str) -> String {
    let opener = rng.pick(OPENERS);
    let subject = rng.pick(SUBJECTS);
    let subject = if opener.is_empty() {
        subject.to_string()
    } else {
        lower_first(subject)
    };
    let template = rng.pick(OBJECTS);
    let object = fill(rng, template, area);
    let mut s = format!("{opener}{subject} {} {object}", rng.pick(VERBS));
    if rng.chance(75) {
        let q = rng.pick(QUALIFIERS);
        s.push(' ');
        s.push_str(&fill(rng, q, area));
    }
    s.push('.');
    s
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn sentences(rng: &mut Rng, area: &str, count: usize) -> String {
    (0..count)
        .map(|_| sentence(rng, area))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Wraps `text` at [`WRAP`] columns: the first line after `first`, the others after `rest`.
fn wrap(out: &mut String, first: &str, rest: &str, text: &str) {
    let mut line = String::from(first);
    let mut empty = true;
    for word in text.split(' ') {
        if !empty && line.len() + 1 + word.len() > WRAP {
            out.push_str(&line);
            out.push('\n');
            line = String::from(rest);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(&line);
    out.push('\n');
}

fn yaml_quoted(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

fn slugify(s: &str) -> String {
    let mut slug = String::new();
    let mut hyphen = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if hyphen && !slug.is_empty() {
                slug.push('-');
            }
            hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '’' {
            hyphen = true;
        }
    }
    slug
}

fn person(rng: &mut Rng) -> (String, String) {
    let first = rng.pick(FIRST_NAMES);
    let last = rng.pick(SURNAMES);
    (
        format!("{first} {last}"),
        format!("{}.{}", first.to_lowercase(), last.to_lowercase()),
    )
}

/// A person's email address: members' at their council, officers' at the combined authority.
fn email(person: &Person) -> String {
    let user = person.id.replacen('-', ".", 1);
    match &person.role {
        Role::Member { authority, .. } => format!("{user}@{}.example", slugify(authority)),
        _ => format!("{user}@valecounties.example"),
    }
}

/// What someone is, as minutes' `role` and an agenda's presenter say it.
fn position(person: &Person) -> String {
    match &person.role {
        Role::Member { .. } => "Member".to_string(),
        Role::Officer { position, .. } => position.to_string(),
        Role::Other { position } => position.clone(),
    }
}

/// `content/people/<id>.md`: a member with their register of interests, updated within the year
/// before `as_of`; an officer with their post; an adviser.
fn person_md(seed: u64, index: usize, person: &Person, as_of: Day) -> String {
    let mut rng = Rng::new(seed, &[11, index as u64]);
    let mut s = String::with_capacity(1024);
    s.push_str("---\n");
    let _ = writeln!(s, "name: {}", person.name);
    match &person.role {
        Role::Member {
            authority,
            ward,
            party,
            elected,
        } => {
            let _ = writeln!(
                s,
                "honorific: Cllr\ntype: member\nrepresents: {authority} Council\nward: {ward}\nparty: {party}\nemail: {}\nstart_date: {}",
                email(person),
                elected.iso()
            );
            let updated = as_of.plus(-(rng.range(14, 330) as i64));
            let _ = writeln!(s, "interests:\n  updated: {}", updated.iso());
            if rng.chance(50) {
                let _ = writeln!(
                    s,
                    "  document: https://www.{}.example/councillors/{}/register-of-interests.pdf",
                    slugify(authority),
                    person.id
                );
            }
            s.push_str("  entries:\n");
            let home = format!("Home in {ward} ward");
            let mut entries: Vec<(&str, String)> = vec![
                (
                    "employment",
                    rng.pick(EMPLOYMENT).replace("{area}", authority),
                ),
                ("land", home),
            ];
            for _ in 0..rng.range(0, 2) {
                let template = rng.pick(OTHER_INTERESTS);
                let area = rng.pick(AREAS);
                entries.push(("other", template.replace("{area}", area)));
            }
            if rng.chance(20) {
                entries.push((
                    "securities",
                    format!(
                        "Shares above the threshold in {} Building Society",
                        rng.pick(AREAS)
                    ),
                ));
            }
            for (category, interest) in entries {
                let _ = writeln!(
                    s,
                    "    - category: {category}\n      interest: {}",
                    yaml_quoted(&interest)
                );
                if rng.chance(50) {
                    let _ = writeln!(
                        s,
                        "      registered: {}",
                        elected.plus(rng.range(10, 40) as i64).iso()
                    );
                }
            }
            s.push_str("---\n");
            let _ = writeln!(
                s,
                "{} has represented {ward} ward on {authority} Council for the {party} group since {}.",
                person.name,
                elected.words()
            );
        }
        Role::Officer {
            position,
            department,
            phone,
        } => {
            let _ = writeln!(
                s,
                "type: officer\nposition: {position}\ndepartment: {department}\nemail: {}\nphone: {phone}",
                email(person)
            );
            s.push_str("---\n");
            let _ = writeln!(
                s,
                "{} is {} in the {department} directorate of the combined authority.",
                person.name,
                if position.starts_with(['A', 'E', 'I', 'O', 'U']) {
                    format!("an {}", position.to_lowercase())
                } else {
                    format!("a {}", position.to_lowercase())
                }
            );
        }
        Role::Other { position } => {
            let _ = writeln!(s, "type: other\nposition: {position}");
            s.push_str("---\n");
        }
    }
    s
}

fn phone(rng: &mut Rng) -> String {
    format!("01632 960 {:03}", rng.below(1000))
}

// ---------------------------------------------------------------------------------------------------
// People.

/// The parties of the membership groups ("Labour Group" → "Labour").
const GROUPS: &[&str] = &[
    "Labour Group",
    "Conservative Group",
    "Liberal Democrat Group",
    "Green Group",
    "Independent Group",
];
const WARD_SUFFIXES: &[&str] = &[
    "Central", "North", "South", "East", "West", "Rural", "Park", "Village",
];
/// When members' terms of office began (the elections they won).
const ELECTED: &[(i64, i64, i64)] = &[
    (2021, 5, 6),
    (2022, 5, 5),
    (2023, 5, 4),
    (2024, 5, 2),
    (2025, 5, 1),
];
const EMPLOYMENT: &[&str] = &[
    "Teacher, {area} Academy",
    "Self-employed electrician",
    "Solicitor, {area} Law LLP",
    "Retired",
    "Nurse, {area} General Hospital",
    "Director, {area} Builders Ltd",
    "Part-time lecturer, {area} College",
    "Pharmacist, {area} Pharmacy",
    "Farmer, {area} Farm",
    "Accountant, {area} Accounts Ltd",
];
const OTHER_INTERESTS: &[&str] = &[
    "Governor, {area} Primary School",
    "Trustee, {area} Community Trust",
    "Member, {area} Civic Society",
    "Volunteer, {area} Food Bank",
    "Member, {area} Allotment Association",
    "Director (unpaid), {area} Leisure Trust",
];

/// What a person is, with what only that kind has.
enum Role {
    Member {
        /// The council they represent (`{area} Council`).
        authority: &'static str,
        ward: String,
        party: &'static str,
        elected: Day,
    },
    Officer {
        position: &'static str,
        department: &'static str,
        phone: String,
    },
    Other {
        position: String,
    },
}

struct Person {
    id: String,
    name: String,
    role: Role,
}

impl Person {
    /// As minutes and board files write the name.
    fn written(&self, councillor: bool) -> String {
        match self.role {
            Role::Member { .. } if councillor => format!("Councillor {}", self.name),
            Role::Member { .. } => format!("Cllr {}", self.name),
            _ => self.name.clone(),
        }
    }
}

/// The `k`th person's name, different for every `k`: a first name and a surname for the first
/// 1,440 people, then a double-barrelled surname (56,160 more), then a middle initial too. Each
/// tier is shuffled by a multiplier coprime with its size (1,440 = 2^5·3^2·5, 56,160 = 2^5·3^3·5·13)
/// that moves the first name and the surname(s) on by several places each time, so that a board's
/// members have different surnames.
fn unique_name(seed: u64, k: usize) -> String {
    let (f, s) = (FIRST_NAMES.len(), SURNAMES.len());
    let single = f * s;
    let double = f * s * (s - 1);
    let all = single + double;
    let shuffle = |i: usize, n: usize, by: usize| (i * by + seed as usize % n) % n;
    let within = k % all;
    let (first, surname) = if within < single {
        // 259 = 7·36 + 7: the first name moves on by 7, the surname by 7.
        let p = shuffle(within, single, 259);
        (FIRST_NAMES[p % f], SURNAMES[p / f].to_string())
    } else {
        // 10,343 = 287·36 + 11: the first name moves on by 11, each surname by 7.
        let q = shuffle(within - single, double, 10_343);
        let r = q / f;
        let (a, b) = (r % s, r / s);
        let b = if b >= a { b + 1 } else { b };
        (
            FIRST_NAMES[q % f],
            format!("{}-{}", SURNAMES[a], SURNAMES[b]),
        )
    };
    match k / all {
        0 => format!("{first} {surname}"),
        n => format!(
            "{first} {}. {surname}",
            (b'A' + ((n - 1) % 26) as u8) as char
        ),
    }
}

/// The site's people, made as boards need them.
struct People {
    seed: u64,
    list: Vec<Person>,
}

impl People {
    fn add(&mut self, role: Role) -> usize {
        let name = unique_name(self.seed, self.list.len());
        self.list.push(Person {
            id: slugify(&name),
            name,
            role,
        });
        self.list.len() - 1
    }
}

// ---------------------------------------------------------------------------------------------------
// The site's shape.

/// A place on a board.
struct Seat {
    person: usize,
    group: &'static str,
    role: Option<&'static str>,
    substitute: bool,
    start: Option<Day>,
    end: Option<Day>,
}

impl Seat {
    fn covers(&self, day: Day) -> bool {
        self.start.is_none_or(|s| s <= day) && self.end.is_none_or(|e| day <= e)
    }
}

struct Board {
    index: usize,
    title: String,
    slug: String,
    area: &'static str,
    theme: usize,
    /// By group, regular members before substitutes.
    seats: Vec<Seat>,
    /// The clerk: the board's contact, at every meeting.
    clerk: usize,
    /// The officers who present its reports.
    officers: Vec<usize>,
    /// A co-opted adviser, in attendance at some meetings.
    adviser: usize,
    meetings: Vec<usize>,
}

struct Meeting {
    index: usize,
    board: usize,
    date: Day,
    papers: Vec<Paper>,
}

struct Paper {
    item: usize,
    title: String,
    file: String,
    /// Who presents it: one of the board's officers.
    presenter: usize,
}

/// Members leave and join mid-year on some boards: the history of a membership.
const LEFT: (i64, i64, i64) = (2026, 6, 30);
const JOINED: (i64, i64, i64) = (2026, 7, 1);

fn plan(seed: u64, papers: usize) -> (Vec<Board>, Vec<Meeting>, People) {
    let meeting_count = papers.div_ceil(PAPERS_PER_MEETING);
    let board_count = meeting_count.div_ceil(MEETINGS_PER_BOARD);
    let mut people = People {
        seed,
        list: Vec::new(),
    };
    let mut boards: Vec<Board> = Vec::with_capacity(board_count);
    for b in 0..board_count {
        let mut rng = Rng::new(seed, &[1, b as u64]);
        let theme = b % THEMES.len();
        let area = AREAS[(b / THEMES.len()) % AREAS.len()];
        let round = b / (THEMES.len() * AREAS.len());
        let title = if round == 0 {
            format!("{area} {} Board", THEMES[theme].0)
        } else {
            format!("{area} {} Board {}", THEMES[theme].0, round + 1)
        };
        let slug = slugify(&title);
        let member = |rng: &mut Rng, people: &mut People, group: &'static str| {
            let authority = rng.pick(AREAS);
            let ward = format!("{} {}", rng.pick(AREAS), rng.pick(WARD_SUFFIXES));
            let (y, m, d) = ELECTED[rng.below(ELECTED.len())];
            people.add(Role::Member {
                authority,
                ward,
                party: group.strip_suffix(" Group").unwrap_or(group),
                elected: Day::ymd(y, m, d),
            })
        };
        // About twelve members: three or four groups of two to four, and a named substitute in
        // half of the groups.
        let mut seats = Vec::new();
        let group_count = rng.range(3, 4);
        let history = b % 4 == 1;
        for g in 0..group_count {
            let group = GROUPS[(g + b) % GROUPS.len()];
            let regular = rng.range(2, 4);
            for m in 0..regular {
                let role = match (g, m) {
                    (0, 0) => Some("Chair"),
                    (1, 0) => Some("Vice-Chair"),
                    _ => None,
                };
                let person = member(&mut rng, &mut people, group);
                let leaves = history && g == group_count - 1 && m == regular - 1 && role.is_none();
                seats.push(Seat {
                    person,
                    group,
                    role,
                    substitute: false,
                    start: None,
                    end: leaves.then(|| Day::ymd(LEFT.0, LEFT.1, LEFT.2)),
                });
                if leaves {
                    let person = member(&mut rng, &mut people, group);
                    seats.push(Seat {
                        person,
                        group,
                        role: None,
                        substitute: false,
                        start: Some(Day::ymd(JOINED.0, JOINED.1, JOINED.2)),
                        end: None,
                    });
                }
            }
            // The previous board's Vice-Chair, of this board's first group, sits here too.
            if g == 0
                && let Some(previous) = boards.last()
                && let Some(vice) = previous.seats.iter().find(|s| s.role == Some("Vice-Chair"))
                && vice.group == group
            {
                seats.push(Seat {
                    person: vice.person,
                    group,
                    role: None,
                    substitute: false,
                    start: None,
                    end: None,
                });
            }
            if rng.chance(50) {
                let person = member(&mut rng, &mut people, group);
                seats.push(Seat {
                    person,
                    group,
                    role: None,
                    substitute: true,
                    start: None,
                    end: None,
                });
            }
        }
        let clerk = people.add(Role::Officer {
            position: "Democratic Services Officer",
            department: "Democratic Services",
            phone: phone(&mut rng),
        });
        let mut positions: Vec<&'static str> = POSITIONS.to_vec();
        let officers = (0..3)
            .map(|_| {
                let position = positions.remove(rng.below(positions.len()));
                people.add(Role::Officer {
                    position,
                    department: THEMES[theme].0,
                    phone: phone(&mut rng),
                })
            })
            .collect();
        let adviser = people.add(Role::Other {
            position: format!("Independent adviser to the {title}"),
        });
        boards.push(Board {
            index: b,
            title,
            slug,
            area,
            theme,
            seats,
            clerk,
            officers,
            adviser,
            meetings: Vec::new(),
        });
    }
    let mut meetings = Vec::with_capacity(meeting_count);
    let mut remaining = papers;
    for m in 0..meeting_count {
        let b = m / MEETINGS_PER_BOARD;
        let k = (m % MEETINGS_PER_BOARD) as i64;
        let day = 3 + ((b * 7) % 24) as i64;
        let date = Day::ymd(2026, k + 1, day).weekday_or_monday();
        let mut rng = Rng::new(seed, &[2, m as u64]);
        let n = remaining.min(PAPERS_PER_MEETING);
        remaining -= n;
        let stems = THEMES[boards[b].theme].1;
        let first_stem = rng.below(stems.len());
        let officers = &boards[b].officers;
        let papers = (0..n)
            .map(|i| {
                let item = i + 3;
                let stem = stems[(first_stem + i) % stems.len()];
                let title = format!("{stem}: {}", rng.pick(ASPECTS));
                let slug = slugify(&title);
                let file = format!("{item:02}-{slug}.md");
                // Drawn as before people were records, so that the titles after stay the same.
                let _ = person(&mut rng);
                let _ = rng.pick(POSITIONS);
                let presenter =
                    officers[Rng::new(seed, &[10, m as u64, i as u64]).below(officers.len())];
                Paper {
                    item,
                    title,
                    file,
                    presenter,
                }
            })
            .collect();
        boards[b].meetings.push(m);
        meetings.push(Meeting {
            index: m,
            board: b,
            date,
            papers,
        });
    }
    (boards, meetings, people)
}

// ---------------------------------------------------------------------------------------------------
// Files.

fn site_yaml() -> String {
    "title: Vale Counties Combined Authority – Meetings and papers\n\
     base_url: https://papers.valecounties.example/\n\
     language: en-GB\n\
     timezone: Europe/London\n\
     description: Agendas, reports and minutes of the boards of the Vale Counties Combined Authority (generated benchmark corpus).\n\
     organisation:\n  \
       name: Vale Counties Combined Authority\n  \
       address: |\n    County Hall\n    1 Market Street\n    Harwick\n    HW1 1AA\n  \
       email: democratic.services@valecounties.example\n  \
       phone: 01632 960 000\n  \
       website: https://www.valecounties.example/\n"
        .to_string()
}

fn about_page() -> String {
    "---\ntitle: About these papers\ndescription: How the boards of the combined authority publish their papers.\n---\n\n\
     The boards of the combined authority publish their agendas at least five clear working days before each meeting.\n\
     Minutes are published once the board has approved them at its next meeting.\n"
        .to_string()
}

fn board_md(seed: u64, board: &Board, people: &People) -> String {
    let mut rng = Rng::new(seed, &[3, board.index as u64]);
    let mut s = String::with_capacity(4096);
    s.push_str("---\n");
    let _ = writeln!(s, "title: {}", board.title);
    let _ = writeln!(s, "slug: {}", board.slug);
    let clerk = &people.list[board.clerk];
    if let Role::Officer {
        position, phone, ..
    } = &clerk.role
    {
        let _ = writeln!(
            s,
            "contact:\n  name: {}\n  position: {position}\n  email: {}\n  phone: {phone}",
            clerk.name,
            email(clerk)
        );
    }
    s.push_str("membership:\n");
    let mut current = "";
    for seat in &board.seats {
        if seat.group != current {
            let _ = writeln!(s, "  - group: {}\n    members:", seat.group);
            current = seat.group;
        }
        let _ = writeln!(s, "      - person: {}", people.list[seat.person].id);
        if let Some(role) = seat.role {
            let _ = writeln!(s, "        role: {role}");
        }
        if seat.substitute {
            s.push_str("        substitute: true\n");
        }
        if let Some(start) = seat.start {
            let _ = writeln!(s, "        start_date: {}", start.iso());
        }
        if let Some(end) = seat.end {
            let _ = writeln!(s, "        end_date: {}", end.iso());
        }
    }
    s.push_str("---\n\n");
    let theme = THEMES[board.theme].0.to_lowercase();
    wrap(
        &mut s,
        "",
        "",
        &format!(
            "The {} advises the combined authority on {theme} across {} and the neighbouring council areas. {}",
            board.title,
            board.area,
            sentences(&mut rng, board.area, 2)
        ),
    );
    s.push('\n');
    wrap(&mut s, "", "", &sentences(&mut rng, board.area, 3));
    s.push('\n');
    wrap(
        &mut s,
        "",
        "",
        "Meetings are held in public and most are webcast. Members of the public may ask a question at a meeting by writing to the clerk at least three clear working days beforehand.",
    );
    s
}

fn meeting_md(
    seed: u64,
    board: &Board,
    meeting: &Meeting,
    people: &People,
    next: Option<Day>,
    as_of: Day,
) -> String {
    let mut rng = Rng::new(seed, &[4, meeting.index as u64]);
    let mut s = String::with_capacity(4096);
    let held = meeting.date < as_of;
    s.push_str("---\n");
    let _ = writeln!(s, "meeting: {}", board.slug);
    let _ = writeln!(s, "date: {}", meeting.date.iso());
    let start = [9, 10, 14, 18][rng.below(4)];
    let _ = writeln!(
        s,
        "start_time: \"{start:02}:00\"\nend_time: \"{:02}:30\"",
        start + 2
    );
    let _ = writeln!(
        s,
        "venue:\n  room: Council Chamber, {} House\n  address: |\n    {} House\n    {} Market Street\n    {}\n    HW{} {}QT\n  online: https://webcast.valecounties.example/{}/{}",
        board.area,
        board.area,
        rng.range(1, 99),
        board.area,
        rng.range(1, 9),
        rng.range(1, 9),
        board.slug,
        meeting.date.iso()
    );
    let _ = writeln!(s, "status: {}", if held { "held" } else { "scheduled" });
    let _ = writeln!(
        s,
        "published: {}",
        meeting.date.plus(-PUBLISHED_DAYS_BEFORE).iso()
    );
    s.push_str("agenda:\n");
    s.push_str(
        "  - item: 1\n    title: Welcome, apologies, substitutes and declarations of interest\n",
    );
    s.push_str("  - item: 2\n    title: Minutes of the previous meeting\n");
    for p in &meeting.papers {
        let _ = writeln!(
            s,
            "  - item: {}\n    title: {}\n    paper: {}\n    presenter: {}, {}",
            p.item,
            yaml_quoted(&p.title),
            p.file,
            people.list[p.presenter].name,
            position(&people.list[p.presenter])
        );
    }
    if let Some(next) = next {
        let _ = writeln!(s, "next_meeting: {}", next.iso());
    }
    s.push_str("---\n\n");
    wrap(
        &mut s,
        "",
        "",
        &format!(
            "This is a hybrid meeting. Members of the Board may attend in the Council Chamber at {} House or join by video conference. Please tell the clerk by noon two working days before the meeting whether you will attend in person or online.",
            board.area
        ),
    );
    s.push('\n');
    wrap(
        &mut s,
        "",
        "",
        "**Apologies and substitutes.** If you cannot attend, please tell the clerk and your political group office as soon as possible so that a named substitute can be arranged.",
    );
    s.push('\n');
    wrap(
        &mut s,
        "",
        "",
        &format!(
            "**Watching the meeting.** The public part of the meeting will be webcast live. {}",
            sentences(&mut rng, board.area, 1)
        ),
    );
    s
}

fn minutes_md(
    seed: u64,
    board: &Board,
    meeting: &Meeting,
    people: &People,
    approved_on: Option<Day>,
    last: bool,
) -> String {
    let mut rng = Rng::new(seed, &[5, meeting.index as u64]);
    let mut s = String::with_capacity(8192);
    s.push_str("---\n");
    let _ = writeln!(s, "meeting: {}", board.slug);
    let _ = writeln!(s, "date: {}", meeting.date.iso());
    s.push_str("status: approved\n");
    let _ = writeln!(s, "published: {}", meeting.date.plus(2).iso());
    if let Some(day) = approved_on {
        let _ = writeln!(s, "approved_on: {}", day.iso());
    }
    s.push_str("attendance:\n  present:\n");
    // Each member written by id or by name ("Cllr …", now and then "Councillor …"), as clerks mix them.
    let who = |rng: &mut Rng, person: usize| -> (&'static str, String) {
        let p = &people.list[person];
        if rng.chance(50) {
            ("person", p.id.clone())
        } else {
            ("name", p.written(rng.chance(20)))
        }
    };
    let regular: Vec<&Seat> = board
        .seats
        .iter()
        .filter(|seat| !seat.substitute && seat.covers(meeting.date))
        .collect();
    // Apologies from one member at most meetings, a different one each time (never at a board's
    // first meeting, nor at its last before the build date), so that every member attends at least
    // every other month and has attended the latest meeting (s.85).
    let k = meeting.index % MEETINGS_PER_BOARD;
    let turn = Rng::new(seed, &[12, board.index as u64]).below(regular.len().max(1));
    let absent = if k > 0 && !last && regular.len() > 3 && rng.chance(80) {
        (k + turn) % regular.len()
    } else {
        usize::MAX
    };
    for (i, seat) in regular.iter().enumerate() {
        if i == absent {
            continue;
        }
        let (key, value) = who(&mut rng, seat.person);
        let _ = writeln!(s, "    - {key}: {value}");
        if let Some(role) = seat.role {
            let _ = writeln!(s, "      role: {role}");
        }
    }
    if absent != usize::MAX {
        let away = regular[absent];
        let (key, value) = who(&mut rng, away.person);
        let _ = writeln!(s, "  apologies:\n    - {key}: {value}");
        if let Some(sub) = board
            .seats
            .iter()
            .find(|seat| seat.substitute && seat.group == away.group)
        {
            let (key, value) = who(&mut rng, sub.person);
            let (_, whom) = who(&mut rng, away.person);
            let _ = writeln!(
                s,
                "  substitutes:\n    - {key}: {value}\n      substituting: {whom}"
            );
        }
    }
    if k % 3 == 1 {
        let (key, value) = who(&mut rng, board.adviser);
        let _ = writeln!(
            s,
            "  in_attendance:\n    - {key}: {value}\n      role: Independent adviser"
        );
    }
    s.push_str("  officers:\n");
    let mut officers = vec![board.clerk];
    for p in meeting.papers.iter().take(4) {
        if !officers.contains(&p.presenter) {
            officers.push(p.presenter);
        }
    }
    for officer in officers {
        let (key, value) = who(&mut rng, officer);
        let _ = writeln!(
            s,
            "    - {key}: {value}\n      role: {}",
            position(&people.list[officer])
        );
    }
    // A declaration by a member present.
    let present: Vec<&&Seat> = regular
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != absent)
        .map(|(_, seat)| seat)
        .collect();
    if rng.chance(40) && !meeting.papers.is_empty() && !present.is_empty() {
        let p = &meeting.papers[rng.below(meeting.papers.len())];
        let declarer = present[rng.below(present.len())].person;
        let (key, value) = who(&mut rng, declarer);
        let key = if key == "name" { "member" } else { key };
        let _ = writeln!(
            s,
            "declarations:\n  - {key}: {value}\n    item: {}\n    type: non_registrable\n    action: did_not_vote\n    interest: Non-registrable interest as a trustee of a local charity named in the report. The member took part in the discussion but did not vote.",
            p.item
        );
    }
    s.push_str("items:\n");
    s.push_str("  - item: 1\n    minute: |\n      The Chair welcomed members, officers and members of the public to the meeting.\n    decisions: []\n    actions: []\n");
    s.push_str("  - item: 2\n    minute: |\n      The minutes of the previous meeting were agreed as a correct record.\n    decisions:\n      - The minutes of the previous meeting were approved as a correct record.\n    actions: []\n");
    for p in &meeting.papers {
        let _ = writeln!(s, "  - item: {}\n    minute: |", p.item);
        let mut body = String::new();
        wrap(
            &mut body,
            "      ",
            "      ",
            &format!(
                "{} introduced the report. {}",
                people.list[p.presenter].name,
                sentences(&mut rng, board.area, 2)
            ),
        );
        body.push('\n');
        wrap(
            &mut body,
            "      ",
            "      ",
            &format!(
                "Members made the following points. {}",
                sentences(&mut rng, board.area, 2)
            ),
        );
        s.push_str(&body);
        s.push_str("    decisions:\n");
        // The first paper's first decision is a record, with its reasons and the vote.
        if std::ptr::eq(p, &meeting.papers[0]) && present.len() >= 2 {
            let _ = writeln!(
                s,
                "      - id: {}-{}-{}\n        decision: {}\n        reasons: {}\n        alternatives: {}\n        vote:\n          for: {}\n          against: 0\n          abstain: 1",
                board.slug,
                meeting.date.iso(),
                p.item,
                yaml_quoted(&format!(
                    "The Board agreed that {}",
                    lower_first(&sentence(&mut rng, board.area))
                )),
                yaml_quoted(&sentence(&mut rng, board.area)),
                yaml_quoted(&sentence(&mut rng, board.area)),
                present.len() - 1
            );
        }
        for _ in 0..rng.range(1, 3) {
            let _ = writeln!(
                s,
                "      - {}",
                yaml_quoted(&format!(
                    "The Board agreed that {}",
                    lower_first(&sentence(&mut rng, board.area))
                ))
            );
        }
        s.push_str("    actions:\n");
        for _ in 0..rng.range(0, 2) {
            let (owner, _) = person(&mut rng);
            let _ = writeln!(
                s,
                "      - action: {}\n        owner: {owner}\n        due: {}",
                yaml_quoted(&sentence(&mut rng, board.area)),
                meeting.date.plus(rng.range(14, 90) as i64).iso()
            );
        }
    }
    s.push_str("---\n\n");
    wrap(
        &mut s,
        "",
        "",
        &format!(
            "The meeting was held in the Council Chamber at {} House and was webcast. {} members of the public attended in person.",
            board.area,
            ["Three", "Five", "Eight", "Eleven", "No"][rng.below(5)]
        ),
    );
    s
}

fn paper_md(seed: u64, board: &Board, meeting: &Meeting, index: usize) -> String {
    let paper = &meeting.papers[index];
    let mut rng = Rng::new(seed, &[6, meeting.index as u64, index as u64]);
    let area = if rng.chance(50) {
        board.area
    } else {
        rng.pick(AREAS)
    };
    let target = rng.range(8 * 1024 + 100, 12 * 1024 - 400);
    let others: Vec<&Paper> = meeting
        .papers
        .iter()
        .filter(|p| p.item != paper.item)
        .collect();

    // Front matter.
    let mut fm = String::with_capacity(3000);
    fm.push_str("---\n");
    let _ = writeln!(fm, "title: {}", yaml_quoted(&paper.title));
    let _ = writeln!(fm, "meeting: {}", board.slug);
    let _ = writeln!(fm, "date: {}", meeting.date.iso());
    let _ = writeln!(fm, "item: {}", paper.item);
    let _ = writeln!(fm, "purpose: {}", rng.pick(PURPOSES));
    fm.push_str("summary: |\n");
    wrap(
        &mut fm,
        "  ",
        "  ",
        &format!(
            "This report sets out the {} for {}. {}",
            lower_first(&paper.title.replace(':', " –")),
            area,
            sentences(&mut rng, area, 2)
        ),
    );
    fm.push_str("recommendations:\n");
    for i in 0..rng.range(2, 4) {
        let verb = ["Note", "Agree", "Approve", "Comment on", "Endorse"][(i + rng.below(5)) % 5];
        let _ = writeln!(
            fm,
            "  - {}",
            yaml_quoted(&format!(
                "{verb} the {} {} set out in paragraph {}.",
                rng.pick(ADJECTIVES),
                rng.pick(NOUNS),
                rng.range(3, 20)
            ))
        );
    }
    fm.push_str("action: Officers to take forward as directed by members.\n");
    let (name, email) = person(&mut rng);
    let _ = writeln!(
        fm,
        "contact:\n  name: {name}\n  position: {}\n  phone: {}\n  email: {email}@valecounties.example",
        rng.pick(POSITIONS),
        phone(&mut rng)
    );
    if rng.chance(40) {
        fm.push_str("wards: [All wards]\n");
    } else {
        let _ = writeln!(fm, "wards: [{} Central, {} North]", area, rng.pick(AREAS));
    }
    let _ = writeln!(fm, "decision_maker: {}", board.title);
    if rng.chance(20) {
        let _ = writeln!(
            fm,
            "key_decision: true\nkey_decision_notice: {}",
            meeting.date.plus(-KEY_DECISION_NOTICE_DAYS).iso()
        );
    } else {
        fm.push_str("key_decision: false\n");
    }
    if rng.chance(30) {
        fm.push_str("background_papers: []\n");
    } else {
        let _ = writeln!(
            fm,
            "background_papers:\n  - {} {} 2025\n  - Report to the Board, {}",
            THEMES[board.theme].0,
            rng.pick(NOUNS),
            meeting.date.plus(-91).words()
        );
    }
    let _ = writeln!(
        fm,
        "published: {}",
        meeting.date.plus(-PUBLISHED_DAYS_BEFORE).iso()
    );
    fm.push_str("---\n\n");

    // Body: sections of numbered paragraphs.
    let section_count = rng.range(6, 8);
    let mut sections: Vec<&str> = vec![SECTIONS[0]];
    let mut pool: Vec<&str> = SECTIONS[1..SECTIONS.len() - 1].to_vec();
    while sections.len() < section_count - 1 {
        let i = rng.below(pool.len());
        sections.push(pool.remove(i));
    }
    sections[1..].sort_by_key(|s| SECTIONS.iter().position(|x| x == s));
    sections.push("Next steps");
    let paragraphs = rng.range(23, 27);
    // Paragraphs per section: spread evenly, the remainder to the first sections.
    let per = paragraphs / sections.len();
    let extra = paragraphs % sections.len();
    let table_after = rng.range(1, sections.len() - 2); // a section (not the first or last) ends with a table
    let bullets_in = rng.range(4, paragraphs - 4);
    let mut nested_in: Vec<usize> = vec![2, rng.range(6, 12), rng.range(14, 20)];
    nested_in.dedup();
    let self_link_in = rng.range(8, paragraphs);
    let other_links_in: Vec<usize> = (0..rng.range(2, 3))
        .map(|_| rng.range(3, paragraphs))
        .collect();

    // Sentences per paragraph: start below the target size, render, and add sentences until the file
    // reaches it. Each paragraph draws its words from its own stream (seeded by `base` and its number),
    // so an added sentence lengthens its paragraph and changes nothing else: the size only grows, and
    // the file overshoots its target by at most a few sentences.
    let mut counts: Vec<usize> = (0..paragraphs).map(|_| rng.range(1, 2)).collect();
    let mut sizer = Rng::new(seed, &[7, meeting.index as u64, index as u64]);
    // A first guess that stays below the target (a sentence is about 150 bytes).
    let guess = target.saturating_sub(fm.len() + 3000) / 175;
    for _ in counts.iter().sum::<usize>()..guess {
        counts[sizer.below(paragraphs)] += 1;
    }
    let base = rng.next();
    let body = loop {
        let body = paper_body(
            base,
            area,
            &sections,
            &counts,
            &others,
            Layout {
                per,
                extra,
                table_after,
                bullets_in,
                self_link_in,
                nested_in: &nested_in,
                other_links_in: &other_links_in,
            },
        );
        let size = fm.len() + body.len();
        if size >= target {
            break body;
        }
        for _ in 0..((target - size) / 200).max(1) {
            counts[sizer.below(paragraphs)] += 1;
        }
    };
    let mut out = fm;
    out.push_str(body.trim_end());
    out.push('\n');
    out
}

/// Where a paper's body puts its parts.
struct Layout<'a> {
    per: usize,
    extra: usize,
    table_after: usize,
    bullets_in: usize,
    self_link_in: usize,
    nested_in: &'a [usize],
    other_links_in: &'a [usize],
}

fn paper_body(
    base: u64,
    area: &str,
    sections: &[&str],
    counts: &[usize],
    others: &[&Paper],
    layout: Layout<'_>,
) -> String {
    let Layout {
        per,
        extra,
        table_after,
        bullets_in,
        self_link_in,
        nested_in,
        other_links_in,
    } = layout;
    let target = counts.iter().sum::<usize>() * 150;
    let mut body = String::with_capacity(target + 2048);
    let mut n = 0usize;
    for (si, section) in sections.iter().enumerate() {
        let _ = writeln!(body, "## {section}\n");
        let k = per + usize::from(si < extra);
        for _ in 0..k {
            n += 1;
            let marker = format!("{n}. ");
            let indent = " ".repeat(marker.len());
            // Each paragraph draws from its own streams, so adding a sentence changes only its paragraph.
            let mut words = Rng::new(base, &[n as u64, 0]);
            let rng = &mut Rng::new(base, &[n as u64, 1]);
            let mut text = sentences(&mut words, area, counts[n - 1]);
            if n == self_link_in {
                text.push_str(&format!(
                    " The background to this is explained in [paragraph {}](#p{}).",
                    n / 2,
                    n / 2
                ));
            }
            for (j, &at) in other_links_in.iter().enumerate() {
                if at == n
                    && let Some(other) = others.get((j + n) % others.len().max(1))
                {
                    if j % 2 == 0 {
                        text.push_str(&format!(
                            " This links to [the report on {}]({}), item {} on this agenda.",
                            lower_first(&other.title.replace(':', " –")),
                            other.file,
                            other.item
                        ));
                    } else {
                        text.push_str(&format!(
                            " See also [paragraph 2.1 of the report on {}]({}#p2.1).",
                            lower_first(&other.title.replace(':', " –")),
                            other.file
                        ));
                    }
                }
            }
            let nested = nested_in.contains(&n);
            if nested {
                text.push_str(" The main points are:");
            }
            wrap(&mut body, &marker, &indent, &text);
            if nested {
                body.push('\n');
                let subs = rng.range(2, 4);
                for j in 1..=subs {
                    let sub_marker = format!("{indent}{j}. ");
                    let sub_indent = " ".repeat(sub_marker.len());
                    let mut t = sentence(rng, area);
                    t.pop();
                    t.push_str(if j == subs { "." } else { ";" });
                    wrap(&mut body, &sub_marker, &sub_indent, &t);
                }
            }
            if n == bullets_in {
                body.push('\n');
                wrap(
                    &mut body,
                    &indent,
                    &indent,
                    "Work over the coming months will include:",
                );
                body.push('\n');
                for _ in 0..rng.range(3, 5) {
                    let mut t = lower_first(&sentence(rng, area));
                    t.pop();
                    t.push(';');
                    wrap(
                        &mut body,
                        &format!("{indent}- "),
                        &format!("{indent}  "),
                        &t,
                    );
                }
            }
            body.push('\n');
        }
        if si == table_after {
            let rng = &mut Rng::new(base, &[0, 2]);
            let _ = writeln!(
                body,
                "Table: {} by {} in {}, 2026/27 (£000)\n",
                capitalise(rng.pick(NOUNS)),
                rng.pick(["scheme", "area", "quarter", "service"].as_slice()),
                area
            );
            body.push_str(
                "| Line | Budget | Forecast | Variance |\n| --- | ---: | ---: | ---: |\n",
            );
            for _ in 0..rng.range(4, 7) {
                let budget = rng.range(50, 9000);
                let forecast = budget + rng.range(0, 400) - 200.min(budget);
                let _ = writeln!(
                    body,
                    "| {} {} | {budget} | {forecast} | {} |",
                    capitalise(rng.pick(ADJECTIVES)),
                    rng.pick(NOUNS),
                    forecast as i64 - budget as i64
                );
            }
            body.push('\n');
        }
    }
    body
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------------

struct Args {
    papers: usize,
    out: PathBuf,
    seed: u64,
    as_of: Day,
}

fn usage() -> ! {
    eprintln!("usage: gen_corpus --papers N --out DIR [--seed S] [--as-of YYYY-MM-DD]");
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut papers = None;
    let mut out = None;
    let mut seed = 20_261_123u64;
    let mut as_of = Day::ymd(2026, 11, 23);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--papers" => papers = value().parse().ok(),
            "--out" => out = Some(PathBuf::from(value())),
            "--seed" => seed = value().parse().unwrap_or_else(|_| usage()),
            "--as-of" => as_of = Day::parse(&value()).unwrap_or_else(|| usage()),
            "-h" | "--help" => usage(),
            _ => usage(),
        }
    }
    match (papers, out) {
        (Some(papers), Some(out)) if papers > 0 => Args {
            papers,
            out,
            seed,
            as_of,
        },
        _ => usage(),
    }
}

fn prepare(out: &Path) {
    if out.exists() {
        let empty = std::fs::read_dir(out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            if !out.join(MARKER).is_file() {
                eprintln!(
                    "gen_corpus: {} exists and was not made by gen_corpus; refusing to replace it",
                    out.display()
                );
                std::process::exit(1);
            }
            std::fs::remove_dir_all(out).expect("remove the previous corpus");
        }
    }
    std::fs::create_dir_all(out.join("content/pages")).expect("create the output folder");
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

fn main() {
    let args = parse_args();
    let started = std::time::Instant::now();
    prepare(&args.out);
    write(
        &args.out.join(MARKER),
        "Made by `cargo run --example gen_corpus`; replaced whole by the next run.\n",
    );
    let (boards, meetings, people) = plan(args.seed, args.papers);
    let content = args.out.join("content");
    write(&args.out.join("site.yaml"), &site_yaml());
    write(&content.join("pages/about.md"), &about_page());
    std::fs::create_dir_all(content.join("people")).expect("create the people folder");
    people.list.par_iter().enumerate().for_each(|(i, p)| {
        write(
            &content.join("people").join(format!("{}.md", p.id)),
            &person_md(args.seed, i, p, args.as_of),
        );
    });
    boards.par_iter().for_each(|b| {
        let dir = content.join(&b.slug);
        std::fs::create_dir_all(&dir).expect("create board folder");
        write(&dir.join("board.md"), &board_md(args.seed, b, &people));
    });
    let bytes: usize = meetings
        .par_iter()
        .map(|m| {
            let board = &boards[m.board];
            let dir = content.join(&board.slug).join(m.date.iso());
            std::fs::create_dir_all(&dir).expect("create meeting folder");
            let position = board
                .meetings
                .iter()
                .position(|&x| x == m.index)
                .expect("meeting of its board");
            let next = board.meetings.get(position + 1).map(|&n| meetings[n].date);
            write(
                &dir.join("meeting.md"),
                &meeting_md(args.seed, board, m, &people, next, args.as_of),
            );
            if m.date < args.as_of {
                let approved_on = next.filter(|d| *d <= args.as_of);
                write(
                    &dir.join("minutes.md"),
                    &minutes_md(
                        args.seed,
                        board,
                        m,
                        &people,
                        approved_on,
                        next.is_none_or(|d| d >= args.as_of),
                    ),
                );
            }
            let mut bytes = 0;
            for i in 0..m.papers.len() {
                let text = paper_md(args.seed, board, m, i);
                bytes += text.len();
                write(&dir.join(&m.papers[i].file), &text);
            }
            bytes
        })
        .collect::<Vec<_>>()
        .into_iter()
        .sum();
    eprintln!(
        "gen_corpus: {} papers ({:.1} MiB, {:.1} KiB each on average), {} meetings, {} boards, {} people ({} members) into {} in {:.2?}",
        args.papers,
        bytes as f64 / 1048576.0,
        bytes as f64 / 1024.0 / args.papers as f64,
        meetings.len(),
        boards.len(),
        people.list.len(),
        people
            .list
            .iter()
            .filter(|p| matches!(p.role, Role::Member { .. }))
            .count(),
        args.out.display(),
        started.elapsed()
    );
}
