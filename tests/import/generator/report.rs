//! [`Report`]: the board report template (masthead and cover block) as data.
//!
//! A council report opens the same way whoever wrote it: perhaps "Report of …", the meeting and its
//! date, "Item N", the title, then the cover block (Purpose, Summary, Recommendation(s), Action,
//! Contact officer, Position, Phone no, E-mail), then the body. How the cover is laid out varies (a
//! two-column table, heading-styled labels, bold labels, tab-aligned contact lines); what it says does
//! not. A `Report` holds what it says once: [`Report::begin`] writes it into a [`Doc`] in the chosen
//! layout and [`Report::expected`] turns the same values into the expected front matter.

use super::docx::{Cell, CellPara, Doc, Inline, Rich, Scheme, Table, b, link, t};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Board {
    /// `children-board`
    Children,
    /// `transport-board`
    Transport,
}

impl Board {
    pub fn title(self) -> &'static str {
        match self {
            Board::Children => "Children and Young People Board",
            Board::Transport => "Transport and Infrastructure Board",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
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

impl Date {
    pub const fn new(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
    /// "10 March 2027"
    pub fn long(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[self.month as usize - 1],
            self.year
        )
    }
    /// "Wednesday 10 March 2027"
    pub fn with_weekday(self) -> String {
        // Sakamoto's method; 0 is Sunday.
        const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let (m, d) = (self.month as u32, self.day as u32);
        let y = self.year as u32 - u32::from(m < 3);
        let w = (y + y / 4 - y / 100 + y / 400 + T[m as usize - 1] + d) % 7;
        let name = [
            "Sunday",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
        ][w as usize];
        format!("{name} {}", self.long())
    }
}

/// The contact officer; empty strings for a paper whose contact lines were left blank.
#[derive(Debug, Clone, Copy, Default)]
pub struct Contact {
    pub name: &'static str,
    pub position: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
}

/// How several recommendations are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// "(a) ", "(b) " typed as text.
    TypedLetters,
    /// Word's automatic numbering (`1.`, `2.`).
    AutoNumbered,
    Bullets,
}

#[derive(Debug, Clone)]
pub enum Recommendations {
    /// One sentence: "That the Board …".
    One(&'static str),
    /// A lead-in ("That the Board:") and marked items.
    Several {
        lead: &'static str,
        items: Vec<&'static str>,
        marks: Marks,
    },
}

/// How the meeting and date lines are written.
#[derive(Debug, Clone, Copy)]
pub enum Masthead {
    /// "Meeting:\tTransport and Infrastructure Board", "Date:\t10 March 2027"
    Labelled,
    /// "Transport and Infrastructure Board", "Wednesday 10 March 2027"
    Plain,
}

/// The cover block's layout.
#[derive(Debug, Clone, Copy)]
pub enum Cover {
    /// A borderless two-column table, label cell | value cell; `contact` are the four contact labels.
    Table { contact: [&'static str; 4] },
    /// Label lines followed by value paragraphs; `contact` are the contact lines' labels *with* their
    /// colons, tabs and spaces, which the value follows directly.
    Lines {
        labels: Labels,
        contact: [&'static str; 4],
    },
}

/// How the cover block's section labels ("Purpose of report", "Summary") are written when the cover is
/// lines.
#[derive(Debug, Clone, Copy)]
pub enum Labels {
    Heading2,
    Bold,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub report_of: Option<&'static str>,
    pub board: Board,
    pub date: Date,
    pub item: u32,
    pub title: &'static str,
    /// Labels of Purpose, Summary, Recommendation(s) and Action as this template spells them.
    pub labels: [&'static str; 4],
    pub purpose: &'static str,
    pub summary: &'static str,
    pub recommendations: Recommendations,
    pub action: &'static str,
    pub contact: Contact,
    pub masthead: Masthead,
    pub cover: Cover,
    /// The title in Word's `Title` style rather than `Heading 1`.
    pub title_style: bool,
}

impl Report {
    /// A new document with this report's masthead, cover block and running header, ready for its body.
    pub fn begin(&self) -> Doc {
        self.begin_with(Doc::new())
    }

    /// As [`Report::begin`], on a document already configured ([`Doc::fragmented`], …).
    pub fn begin_with(&self, doc: Doc) -> Doc {
        let item = format!("Item {}", self.item);
        let mut doc = doc.core_title_or(self.title).running_header(&[
            self.board.title(),
            &self.date.long(),
            &item,
        ]);
        if let Some(of) = self.report_of {
            doc = doc.para(of);
        }
        doc = match self.masthead {
            Masthead::Labelled => doc
                .para(vec![b("Meeting:"), t(&format!("\t{}", self.board.title()))])
                .para(vec![b("Date:"), t(&format!("\t\t{}", self.date.long()))]),
            Masthead::Plain => doc
                .para(b(self.board.title()))
                .para(self.date.with_weekday()),
        };
        doc = doc.para(b(&item));
        doc = if self.title_style {
            doc.title(self.title)
        } else {
            doc.heading(1, self.title)
        };
        doc = match self.cover {
            Cover::Table { contact } => doc.table(self.cover_table(contact)),
            Cover::Lines { labels, contact } => self.cover_lines(doc, labels, contact),
        };
        // The cover's own lists must not carry on into the body's paragraph numbers.
        doc.restart(Scheme::Paragraphs)
            .restart(Scheme::Bullets)
            .restart(Scheme::Letters)
            .body()
    }

    fn recommendation_paras(&self) -> Vec<CellPara> {
        match &self.recommendations {
            Recommendations::One(text) => vec![CellPara::Text((*text).into())],
            Recommendations::Several { lead, items, marks } => {
                let mut paras = vec![CellPara::Text((*lead).into())];
                for (k, item) in items.iter().enumerate() {
                    paras.push(match marks {
                        Marks::TypedLetters => {
                            CellPara::Text(format!("({})\t{item}", (b'a' + k as u8) as char).into())
                        }
                        Marks::AutoNumbered => CellPara::Numbered(0, (*item).into()),
                        Marks::Bullets => CellPara::Bullet(0, (*item).into()),
                    });
                }
                paras
            }
        }
    }

    fn email(&self) -> Rich {
        if self.contact.email.is_empty() {
            Rich::default()
        } else {
            link(
                self.contact.email,
                &format!("mailto:{}", self.contact.email),
            )
            .into()
        }
    }

    fn cover_table(&self, contact: [&'static str; 4]) -> Table {
        let label = |s: &str| Cell::new(b(s)).shaded();
        let [purpose, summary, recommendation, action] = self.labels;
        let c = self.contact;
        Table::new(&[2500, 6900])
            .borderless()
            .row_cells(vec![label(purpose), Cell::new(self.purpose)])
            .row_cells(vec![label(summary), Cell::new(self.summary)])
            .row_cells(vec![
                label(recommendation),
                Cell::paras(self.recommendation_paras()),
            ])
            .row_cells(vec![label(action), Cell::new(self.action)])
            .row_cells(vec![label(contact[0]), Cell::new(c.name)])
            .row_cells(vec![label(contact[1]), Cell::new(c.position)])
            .row_cells(vec![label(contact[2]), Cell::new(c.phone)])
            .row_cells(vec![label(contact[3]), Cell::new(self.email())])
    }

    fn cover_lines(&self, mut doc: Doc, labels: Labels, contact: [&'static str; 4]) -> Doc {
        let label = |doc: Doc, text: &str| match labels {
            Labels::Heading2 => doc.heading(2, text),
            Labels::Bold => doc.para(b(text)),
        };
        let [purpose, summary, recommendation, action] = self.labels;
        doc = label(doc, purpose).para(self.purpose);
        doc = label(doc, summary).para(self.summary);
        doc = label(doc, recommendation);
        for para in self.recommendation_paras() {
            doc = match para {
                CellPara::Text(rich) => doc.para(rich),
                CellPara::Numbered(level, rich) => doc.auto_numbered(level, rich),
                CellPara::Bullet(level, rich) => doc.bullet(level, rich),
            };
        }
        doc = label(doc, action).para(self.action).blank();
        let c = self.contact;
        let mut email: Vec<Inline> = vec![t(contact[3])];
        email.extend(self.email().0);
        doc.para(format!("{}{}", contact[0], c.name))
            .para(format!("{}{}", contact[1], c.position))
            .para(format!("{}{}", contact[2], c.phone))
            .para(email)
            .blank()
    }

    /// The recommendations as the expected front matter lists them: the one sentence, or each item
    /// without its mark.
    pub fn recommendation_list(&self) -> (String, Vec<String>) {
        match &self.recommendations {
            Recommendations::One(text) => (String::new(), vec![text.to_string()]),
            Recommendations::Several { lead, items, .. } => (
                lead.to_string(),
                items.iter().map(|s| s.to_string()).collect(),
            ),
        }
    }
}
