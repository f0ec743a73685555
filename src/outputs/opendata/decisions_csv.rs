//! The decisions register as a spreadsheet (`data/decisions.csv`), for those who reuse it in Excel or
//! LibreOffice rather than a program: one row per line of the register and per decision record it does
//! not hold yet (a notice's, an individual's), newest first as the register lists them. RFC 4180
//! (quoted where needed, CRLF line ends), UTF-8 with no byte-order mark, text without Markdown.

use crate::outputs::decision_status;
use crate::outputs::registers::{self, Registers};
use crate::site::Site;

use super::decisions::{Row, rows};
use super::ids::plain_text;

/// Where it is published.
pub(super) const PATH: &str = "data/decisions.csv";

/// The header row: what each column holds is on the data page and in `data/index.json`.
pub(super) const COLUMNS: [&str; 11] = [
    "id",
    "date_made",
    "date_published",
    "maker",
    "item",
    "title",
    "decision",
    "status",
    "status_date",
    "key_decision",
    "url",
];

/// The file's bytes and how many rows (besides the header) it holds.
pub(super) fn decisions_csv(site: &Site, registers: &Registers<'_>) -> (Vec<u8>, usize) {
    let rows = rows(site, registers);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a row that somehow could not be written is left out.
    let _ = writer.write_record(COLUMNS);
    let mut written = 0;
    for row in &rows {
        if writer.write_record(fields(site, row)).is_ok() {
            written += 1;
        }
    }
    (writer.into_inner().unwrap_or_default(), written)
}

/// One row's fields, in the order of [`COLUMNS`].
fn fields(site: &Site, row: &Row<'_, '_>) -> [String; 11] {
    let id = row.id(site);
    let record = row.record().map(|d| &site.decisions[d]);
    let status = record.map(|d| decision_status::status(site, d));
    let (date_published, maker, item, title, decision, url) = match row {
        Row::Line { line, .. } => {
            let minutes = &site.minutes[line.minutes];
            (
                record
                    .and_then(|d| d.published)
                    .or(minutes.doc.matter.published),
                record.map_or_else(
                    || {
                        let board = site.meetings[line.meeting].board;
                        site.boards[board].doc.matter.title.clone()
                    },
                    |d| decision_status::maker_label(site, d),
                ),
                line.item.item().to_string(),
                record.map_or_else(
                    || registers::item_title(site, line.meeting, line.item),
                    decision_status::title,
                ),
                plain_text(line.text),
                record.map_or_else(
                    || site.permalink(&registers::minute_path(site, line.minutes, line.item.item())),
                    |d| site.permalink(&d.path),
                ),
            )
        }
        Row::Record(d) => {
            let d = &site.decisions[*d];
            (
                d.published,
                decision_status::maker_label(site, d),
                d.minute
                    .as_ref()
                    .map(|m| m.item.to_string())
                    .unwrap_or_default(),
                decision_status::title(d),
                plain_text(&d.record.decision),
                site.permalink(&d.path),
            )
        }
    };
    [
        id,
        row.date(site).iso(),
        date_published.map(|d| d.iso()).unwrap_or_default(),
        maker,
        item,
        title,
        decision,
        status.map(|s| s.key().to_string()).unwrap_or_default(),
        status
            .and_then(decision_status::status_date)
            .unwrap_or_default(),
        record
            .map(|d| if d.record.key_decision { "yes" } else { "no" })
            .unwrap_or_default()
            .to_string(),
        url,
    ]
}
