//! The report template's cover block, taken into front matter.
//!
//! Council report templates open with the same few things, laid out a dozen ways: the meeting name and
//! date, "Item N", "Report of …", the title, then labelled fields (Purpose, Summary, Recommendation(s),
//! Action, Contact officer, Position, Phone no, E-mail) written as table rows, as `Label:\tvalue` lines,
//! as headings with paragraphs under them, or with labels left empty. This module reads every one of
//! those forms as a sequence of *lines* (a paragraph, a line of a paragraph, a table row) and walks
//! them with a small state machine. What it takes as structure (labels, running headers, metadata
//! lines) it records in [`Cover::dropped`], so the fidelity check can tell structure from lost text.
//!
//! The pieces, each a module of its own so the state machine reads without the vocabulary around it:
//! - `label`: which words name which field ("Purpose of report", "Tel no") and where a label ends;
//! - `lines`: the cover region cut into lines (paragraphs, their line breaks, table rows);
//! - `walk`: the state machine that takes each line as a label, a value, or the body's start;
//! - `metadata`: the lines outside labels: "Item 4", dates, "Report of …", the meeting's name;
//! - `running_headers`: lines a paged export repeats on every page, dropped before the walk.

mod label;
mod lines;
mod metadata;
mod running_headers;
mod walk;

use super::doc::{Block, Document, Inline, Paragraph, Run};
use label::{Field, label_at_start};
use lines::cover_lines;
use running_headers::drop_running_headers;
use walk::State;

pub use metadata::{item_number, normalise_text, parse_date};

/// Hints the importer knows from the command line and the site.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// The board's title (`Transport and Infrastructure Board`), to recognise the meeting-name line and
    /// running headers.
    pub board_title: Option<String>,
}

/// What the cover block said, and the body after it.
#[derive(Debug, Clone, Default)]
pub struct Cover {
    pub title: Option<String>,
    /// "Report of the Director of Transport" (the line as written, without "Report of").
    pub report_of: Option<String>,
    /// The item number as written ("4", "4a").
    pub item: Option<String>,
    /// The meeting-name line, as written.
    pub meeting: Option<String>,
    /// The date line, as written, and the date it says.
    pub date: Option<(String, jiff::civil::Date)>,
    pub purpose: Vec<Paragraph>,
    pub summary: Vec<Paragraph>,
    /// One paragraph each.
    pub recommendations: Vec<Paragraph>,
    pub action: Vec<Paragraph>,
    pub contact: ContactFields,
    /// "Wards affected: …", as written.
    pub wards: Option<String>,
    /// "Key decision: Yes/No".
    pub key_decision: Option<bool>,
    pub decision_maker: Option<String>,
    /// "Background papers": `Some(empty)` for "None".
    pub background_papers: Option<Vec<Paragraph>>,
    /// What an "Exempt" / "Confidential" line says when it is not a plain "No": the paper may be exempt.
    pub exempt: Option<String>,
    /// Labels found, in order, for the report ("Purpose", "Contact officer"…).
    pub labels: Vec<&'static str>,
    /// Text taken as structure rather than content: labels, running headers, the repeated title.
    pub dropped: Vec<String>,
    /// Running headers dropped: (text, how many times).
    pub running_headers: Vec<(String, usize)>,
    /// Lines before the cover block that were neither metadata nor the title, kept at the body's start.
    pub unplaced: usize,
    /// The body, in order, without the cover block.
    pub body: Vec<Block>,
}

/// The contact officer, as plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactFields {
    pub name: Option<String>,
    pub position: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Reads the cover block of `doc` (after [`super::numbers::find_typed`]).
pub fn extract(doc: &Document, hints: &Hints) -> Cover {
    let mut cover = Cover::default();
    let mut blocks = doc.blocks.clone();
    drop_running_headers(&mut blocks, hints, &mut cover);

    let lines = cover_lines(&blocks);
    let mut state = State {
        cover: &mut cover,
        field: None,
        seen_label: false,
        body_from: None,
        hints,
    };
    for (i, line) in lines.iter().enumerate() {
        if state.step(line, lines.get(i + 1), lines.get(i + 2)) {
            state.body_from = Some(line.block);
            break;
        }
    }
    // A cover block that runs to the end of the document has no body; no labels at all, no cover block.
    let body_from = state
        .body_from
        .unwrap_or(if state.seen_label { blocks.len() } else { 0 });
    finish_recommendations(&mut cover);
    if cover.title.is_none() {
        cover.title = doc.title.clone();
    }

    // Lines that were neither metadata nor labelled values stay, at the start of the body.
    let mut body: Vec<Block> = Vec::new();
    let mut unplaced = std::mem::take(&mut cover.body);
    cover.unplaced = unplaced.len();
    body.append(&mut unplaced);
    let title_norm = cover.title.as_deref().map(normalise_text);
    let mut rest = blocks.into_iter().skip(body_from).peekable();
    // The title repeated at the top of the body ("Post-Election Priorities" again after the cover block).
    while let Some(Block::Paragraph(p)) = rest.peek() {
        let t = normalise_text(&p.text());
        let only_text = p
            .inlines
            .iter()
            .all(|i| matches!(i, Inline::Text(_) | Inline::LineBreak));
        if only_text && (t.is_empty() || title_norm.as_deref() == Some(t.as_str())) {
            if !t.is_empty() {
                cover.dropped.push(p.text());
            }
            rest.next();
        } else {
            break;
        }
    }
    body.extend(rest);
    cover.body = body;
    cover
}

/// The line that starts a second report in the body, if the file holds more than one (an agenda pack
/// saved as one text file): a later paragraph that is a Purpose or Summary label followed, within a few
/// lines, by a Recommendation label.
pub fn second_report(body: &[Block]) -> Option<String> {
    let labels: Vec<(usize, Field)> = body
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Paragraph(p) => label_at_start(&p.text()).map(|(f, _)| (i, f)),
            Block::Table(_) => None,
        })
        .collect();
    labels.iter().find_map(|&(i, f)| {
        let opens = matches!(f, Field::Purpose | Field::Summary);
        let closes = labels
            .iter()
            .any(|&(j, g)| j > i && j <= i + 12 && g == Field::Recommendations);
        (opens && closes).then(|| {
            // The report's title is the last heading before its cover block.
            body[..i]
                .iter()
                .rev()
                .find_map(|b| {
                    if let Block::Paragraph(p) = b {
                        p.heading.map(|_| p.text())
                    } else {
                        None
                    }
                })
                .unwrap_or_else(|| Document::plain_text(&body[i..=i]))
        })
    })
}

/// "That the Board:" followed by lettered or numbered items is one recommendation per item, each
/// read with its lead-in ("That the Board approves…"), so each stands alone in the list the theme shows.
fn finish_recommendations(cover: &mut Cover) {
    let recs = std::mem::take(&mut cover.recommendations);
    let recs: Vec<Paragraph> = recs
        .into_iter()
        .filter(|p| !p.text().trim().is_empty())
        .collect();
    let Some(first) = recs.first() else { return };
    let lead = first.text();
    let lead_in = lead.trim_end().ends_with(':') || lead.trim_end().ends_with(['—', '-', '–']);
    if lead_in && recs.len() > 1 && first.list.is_none() {
        let prefix = lead
            .trim()
            .trim_end_matches([':', '—', '-', '–', ' '])
            .to_string();
        for item in recs.into_iter().skip(1) {
            let mut p = item;
            p.list = None;
            let mut inlines = vec![Inline::Text(Run::plain(format!("{prefix} ")))];
            inlines.append(&mut p.inlines);
            p.inlines = inlines;
            cover.recommendations.push(p);
        }
        return;
    }
    cover.recommendations = recs
        .into_iter()
        .map(|mut p| {
            p.list = None;
            p
        })
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::doc::{Cell, Row, Table};
    use crate::import::numbers;

    fn para(text: &str) -> Block {
        Block::Paragraph(Paragraph::plain(text))
    }

    fn heading(text: &str) -> Block {
        Block::Paragraph(Paragraph {
            heading: Some(2),
            ..Paragraph::plain(text)
        })
    }

    fn numbered(label: &str, text: &str) -> Block {
        let mut p = Paragraph::plain(text);
        p.list = Some(crate::import::doc::ListMark {
            level: 0,
            label: label.into(),
            bullet: false,
            list_id: 1,
        });
        Block::Paragraph(p)
    }

    /// A row of a cover table: label | value.
    fn row(label: &str, value: &str) -> Row {
        let cell = |text: &str| Cell {
            blocks: vec![para(text)],
            colspan: 1,
        };
        Row {
            cells: vec![cell(label), cell(value)],
            header: false,
        }
    }

    fn extract_blocks(blocks: Vec<Block>) -> Cover {
        let mut doc = Document {
            blocks,
            ..Document::default()
        };
        numbers::find_typed(&mut doc);
        extract(
            &doc,
            &Hints {
                board_title: Some("Transport and Infrastructure Board".into()),
            },
        )
    }

    fn texts(ps: &[Paragraph]) -> Vec<String> {
        ps.iter().map(Paragraph::text).collect()
    }

    #[test]
    fn cover_block_as_lines_with_tabs_and_colons() {
        let c = extract_blocks(vec![
            para("Transport and Infrastructure Board"),
            para("10 March 2027"),
            para("Item 4"),
            para("Bus service review"),
            para("Purpose"),
            para("\t"),
            para("For decision."),
            para("Summary"),
            para("The review sets out options."),
            para("Recommendation"),
            para("That the Board approves option B."),
            para("Action"),
            para("Officers to take forward as directed."),
            para("Contact officer:\t\tKwame Asante"),
            para("Position:   Senior Adviser"),
            para("Phone no:\t01632 960 118"),
            para("E-mail:\tkwame.asante@kestrelvalley.example"),
            heading("Background"),
            para("1. The Board asked for a review."),
        ]);
        assert_eq!(c.title.as_deref(), Some("Bus service review"));
        assert_eq!(c.item.as_deref(), Some("4"));
        assert_eq!(
            c.date.as_ref().map(|d| d.1.to_string()),
            Some("2027-03-10".into())
        );
        assert_eq!(texts(&c.purpose), ["For decision."]);
        assert_eq!(texts(&c.summary), ["The review sets out options."]);
        assert_eq!(
            texts(&c.recommendations),
            ["That the Board approves option B."]
        );
        assert_eq!(texts(&c.action), ["Officers to take forward as directed."]);
        assert_eq!(c.contact.name.as_deref(), Some("Kwame Asante"));
        assert_eq!(c.contact.position.as_deref(), Some("Senior Adviser"));
        assert_eq!(c.contact.phone.as_deref(), Some("01632 960 118"));
        assert_eq!(
            c.contact.email.as_deref(),
            Some("kwame.asante@kestrelvalley.example")
        );
        assert_eq!(c.body.len(), 2, "{:?}", c.body);
    }

    #[test]
    fn an_empty_contact_block_takes_nothing_after_it() {
        let c = extract_blocks(vec![
            para("Post-Election Priorities"),
            para("Purpose"),
            para("For discussion and direction."),
            para("Contact Officer:\t\t"),
            para("Position:\t\t\t"),
            para("Telephone No:\t\t"),
            para("Email:\t\t\t"),
            para("Post-Election Priorities"),
            heading("Background"),
            para("1. The Board agreed priorities."),
        ]);
        assert_eq!(c.contact, ContactFields::default());
        assert_eq!(
            c.body.len(),
            2,
            "the repeated title is dropped: {:?}",
            c.body
        );
        assert!(c.labels.contains(&"Contact officer"));
    }

    #[test]
    fn cover_block_as_a_table() {
        let table = Table {
            rows: vec![
                row("Purpose of report", "For decision"),
                row("Summary", "A summary."),
                row("Recommendations", "That the Board notes the report."),
                row("Contact officer", "Ada Lin"),
            ],
            caption: None,
        };
        let c = extract_blocks(vec![
            para("Cycle lanes"),
            Block::Table(table),
            heading("Background"),
            numbered("1.", "Text."),
        ]);
        assert_eq!(texts(&c.purpose), ["For decision"]);
        assert_eq!(
            texts(&c.recommendations),
            ["That the Board notes the report."]
        );
        assert_eq!(c.contact.name.as_deref(), Some("Ada Lin"));
        assert_eq!(c.body.len(), 2);
    }

    #[test]
    fn lettered_recommendations_keep_their_lead_in() {
        let c = extract_blocks(vec![
            para("Cycle lanes"),
            para("Recommendations"),
            para("That the Board:"),
            para("(a) approves the plan;"),
            para("(b) notes the risks."),
            heading("Background"),
        ]);
        assert_eq!(
            texts(&c.recommendations),
            [
                "That the Board approves the plan;",
                "That the Board notes the risks."
            ]
        );
    }

    #[test]
    fn numbered_recommendations_are_one_each() {
        let c = extract_blocks(vec![
            para("Cycle lanes"),
            para("Recommendations:"),
            para("1. Approve the plan."),
            para("2. Note the risks."),
            heading("Background"),
            para("1. Text."),
        ]);
        assert_eq!(
            texts(&c.recommendations),
            ["Approve the plan.", "Note the risks."]
        );
    }

    #[test]
    fn running_headers_are_dropped_but_the_first_read() {
        let c = extract_blocks(vec![
            para("Transport and Infrastructure Board"),
            para("10 March 2027"),
            para("Item 4"),
            para("Bus review"),
            para("Purpose: For decision"),
            heading("Background"),
            para("1. First."),
            para("Transport and Infrastructure Board"),
            para("10 March 2027"),
            para("Item 4"),
            para("2. Second."),
            para("Page 2 of 3"),
        ]);
        assert_eq!(c.body.len(), 3, "{:?}", c.body);
        assert_eq!(c.running_headers.len(), 4);
        assert_eq!(
            c.meeting.as_deref(),
            Some("Transport and Infrastructure Board")
        );
    }

    #[test]
    fn markdown_export_labels_as_headings_and_bold() {
        let meeting = Paragraph {
            inlines: vec![
                Inline::Text(Run {
                    text: "Meeting:".into(),
                    bold: true,
                    ..Run::default()
                }),
                Inline::Text(Run::plain(" Children and Young People Board")),
            ],
            ..Paragraph::default()
        };
        let c = extract_blocks(vec![
            Block::Paragraph(meeting),
            para("Date: 14 March 2027"),
            heading("Early years places"),
            heading("Purpose of report"),
            para("For direction"),
            heading("Recommendation/s"),
            para("That the Board gives a steer."),
            heading("Contact details"),
            para("Contact officer: Mira Patel"),
            para("Email: mira.patel@kestrelvalley.example"),
            heading("Early years places"),
            heading("Background"),
            numbered("1.", "Councils must."),
        ]);
        assert_eq!(
            c.meeting.as_deref(),
            Some("Children and Young People Board")
        );
        assert_eq!(
            c.date.as_ref().map(|d| d.1.to_string()),
            Some("2027-03-14".into())
        );
        assert_eq!(c.title.as_deref(), Some("Early years places"));
        assert_eq!(texts(&c.purpose), ["For direction"]);
        assert_eq!(
            c.contact.email.as_deref(),
            Some("mira.patel@kestrelvalley.example")
        );
        assert_eq!(c.body.len(), 2, "{:?}", c.body);
    }

    #[test]
    fn a_second_cover_block_in_the_body_is_found() {
        let c = extract_blocks(vec![
            para("Bus review"),
            para("Purpose: For decision"),
            para("Recommendation: That the Board agrees."),
            heading("Background"),
            para("1. Text."),
            heading("Cycle lanes"),
            heading("Purpose of report"),
            para("For information"),
            heading("Recommendation/s"),
            para("That the Board notes."),
        ]);
        assert_eq!(second_report(&c.body).as_deref(), Some("Cycle lanes"));
        let single = extract_blocks(vec![
            para("Bus review"),
            para("Purpose: For decision"),
            heading("Background"),
            para("1. The summary of costs follows."),
        ]);
        assert_eq!(second_report(&single.body), None);
    }

    #[test]
    fn a_council_cover_table_with_wards_key_decision_and_unknown_rows() {
        let table = Table {
            rows: vec![
                row("Report to:", "Transport and Infrastructure Board"),
                row("Date of meeting:", "10 March 2027"),
                row("Portfolio:", "Transport"),
                row("Wards affected:", "Harwick North; Harwick South"),
                row("Key decision:", "Yes"),
                row("Exempt:", "No"),
                row("Background papers:", "None"),
                row("Purpose of report", "For decision"),
            ],
            caption: None,
        };
        let c = extract_blocks(vec![
            para("Cycle lanes"),
            Block::Table(table),
            heading("Background"),
            numbered("1.", "Text."),
        ]);
        assert_eq!(
            c.meeting.as_deref(),
            Some("Transport and Infrastructure Board")
        );
        assert_eq!(c.wards.as_deref(), Some("Harwick North; Harwick South"));
        assert_eq!(c.key_decision, Some(true));
        assert_eq!(c.exempt, None);
        assert_eq!(c.background_papers.as_ref().map(Vec::len), Some(0));
        assert_eq!(texts(&c.purpose), ["For decision"]);
        // "Portfolio: Transport" is kept, at the start of the body; the body then starts at Background.
        let body: Vec<String> = c
            .body
            .iter()
            .map(|b| {
                Document::plain_text(std::slice::from_ref(b))
                    .trim()
                    .to_string()
            })
            .collect();
        assert_eq!(body, ["Portfolio: Transport", "Background", "1. Text."]);
    }

    #[test]
    fn an_exempt_line_that_is_not_no_is_kept_and_said() {
        let c = extract_blocks(vec![
            para("Depot sale"),
            para("Exempt: Yes – paragraph 3 of Schedule 12A"),
            para("Purpose: For decision"),
            heading("Background"),
        ]);
        assert_eq!(
            c.exempt.as_deref(),
            Some("Yes – paragraph 3 of Schedule 12A")
        );
    }

    #[test]
    fn a_report_without_a_cover_block_keeps_its_body() {
        let c = extract_blocks(vec![
            para("A note on roadworks"),
            heading("Background"),
            para("1. Works start in May."),
        ]);
        assert_eq!(c.title.as_deref(), Some("A note on roadworks"));
        assert_eq!(c.body.len(), 2);
    }
}
