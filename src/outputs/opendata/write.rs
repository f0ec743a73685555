//! Writing the files: whole exports streamed to disk, per-board exports made in parallel and split by
//! year when large, and the counts `check` lists without writing.

use std::io::Write as _;

use serde::Serialize;

use crate::render::Extras;
use crate::site::{MeetingId, Site};

use super::records::{ByBoard, ExportFile};

/// Where the export `name` is published whole.
pub(super) fn file_path(name: &str) -> String {
    format!("data/{name}.json")
}

/// Where a board's part of the export `name` is published: `data/<name>/<board>.json`, or with a
/// year, `data/<name>/<board>/<year>.json`.
fn part_path(name: &str, board: &str, year: Option<i16>) -> String {
    match year {
        Some(year) => format!("data/{name}/{board}/{year}.json"),
        None => format!("data/{name}/{board}.json"),
    }
}

/// Above this size a board's file of one export is split by year: a reuser's script or spreadsheet
/// should never have to take in hundreds of megabytes to read one board.
const SPLIT_BYTES: usize = 5_000_000;

/// A file written, as the index lists it.
pub(super) struct Written {
    pub(super) name: &'static str,
    pub(super) board: Option<String>,
    pub(super) year: Option<i16>,
    pub(super) path: String,
    pub(super) records: usize,
    pub(super) size: u64,
}

/// Counts what passes through to `inner`.
struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: std::io::Write> std::io::Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes `records` as `data/<name>.json`, compact, and drops them.
pub(super) fn put<T: Serialize>(
    extras: &mut Extras,
    name: &'static str,
    generated_for: &str,
    records: Vec<T>,
) -> Written {
    put_defined(extras, name, generated_for, None, records)
}

/// [`put`], for a file that says what its figures mean (`definition`, before the records).
pub(super) fn put_defined<T: Serialize>(
    extras: &mut Extras,
    name: &'static str,
    generated_for: &str,
    definition: Option<&'static str>,
    records: Vec<T>,
) -> Written {
    let mut size = 0;
    // Straight into the file: at 100,000 papers the meetings are hundreds of megabytes of JSON.
    extras.file_with(file_path(name), |w| {
        // A buffer of its own in front of `w`: serde_json writes token by token, each a call through
        // `dyn Write` otherwise.
        let mut out = Counting {
            inner: std::io::BufWriter::with_capacity(1 << 16, w),
            bytes: 0,
        };
        serde_json::to_writer(
            &mut out,
            &ExportFile {
                generated_for,
                definition,
                key: name,
                records: &records,
            },
        )?;
        out.write_all(b"\n")?;
        size = out.bytes;
        out.flush()
    });
    Written {
        name,
        board: None,
        year: None,
        path: file_path(name),
        records: records.len(),
        size,
    }
}

/// Writes `records` (in board order) one file per board, each board's split by year when it would be
/// over [`SPLIT_BYTES`]; the boards' files are made in parallel.
pub(super) fn put_by_board<T: Serialize + ByBoard + Sync>(
    extras: &mut Extras,
    name: &'static str,
    generated_for: &str,
    records: Vec<T>,
) -> Vec<Written> {
    use rayon::prelude::*;
    let file = |records: &[T]| {
        let mut bytes = serde_json::to_vec(&ExportFile {
            generated_for,
            definition: None,
            key: name,
            records,
        })
        .unwrap_or_default();
        bytes.push(b'\n');
        bytes
    };
    let boards: Vec<&[T]> = records
        .chunk_by(|a, b| a.board_id() == b.board_id())
        .collect();
    let mut written = Vec::new();
    // A few boards at a time, made in parallel and written before the next few are made: at 100,000
    // papers the boards' files together are a hundred megabytes, which need not be held at once.
    for few in boards.chunks(64) {
        let parts: Vec<Vec<(Written, Vec<u8>)>> = few
            .par_iter()
            .map(|&mine| {
                board_parts(mine, SPLIT_BYTES, &file)
                    .into_iter()
                    .map(|(year, records, bytes)| {
                        let board = records[0].board_id().to_string();
                        let written = Written {
                            name,
                            path: part_path(name, &board, year),
                            board: Some(board),
                            year,
                            records: records.len(),
                            size: bytes.len() as u64,
                        };
                        (written, bytes)
                    })
                    .collect()
            })
            .collect();
        for (w, bytes) in parts.into_iter().flatten() {
            extras.file(w.path.clone(), bytes);
            written.push(w);
        }
    }
    written
}

/// One board's records (`mine`, in year order) as files: one, or one per year when the one would be
/// over `limit` bytes; each with its year (or none) and its bytes, made by `encode`.
fn board_parts<'r, T: ByBoard>(
    mine: &'r [T],
    limit: usize,
    encode: &impl Fn(&[T]) -> Vec<u8>,
) -> Vec<(Option<i16>, &'r [T], Vec<u8>)> {
    let whole = encode(mine);
    if whole.len() <= limit {
        return vec![(None, mine, whole)];
    }
    drop(whole);
    mine.chunk_by(|a, b| a.year() == b.year())
        .map(|year| (Some(year[0].year()), year, encode(year)))
        .collect()
}

/// What `check` lists without writing: the files of the export `name`, one per board, unsplit (the
/// sizes are not known), with one record for each of `meetings` (each record's meeting). Counted from
/// the site, not made: `check` need not render every decision to count them.
pub(super) fn count_by_board(
    site: &Site,
    name: &'static str,
    meetings: impl Iterator<Item = MeetingId>,
) -> Vec<Written> {
    let mut per_board = vec![0usize; site.boards.len()];
    for m in meetings {
        per_board[site.meetings[m].board] += 1;
    }
    site.boards
        .iter()
        .zip(per_board)
        .filter(|(_, n)| *n > 0)
        .map(|(board, records)| Written {
            name,
            board: Some(board.slug.clone()),
            year: None,
            path: part_path(name, &board.slug, None),
            records,
            size: 0,
        })
        .collect()
}

/// What `check` lists without writing for an export whose records it has counted by file
/// (`counts`: each file's key, a board's id or another name, and its records), unsplit.
pub(super) fn count_files(name: &'static str, counts: Vec<(String, usize)>) -> Vec<Written> {
    counts
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(key, records)| Written {
            name,
            path: part_path(name, &key, None),
            board: Some(key),
            year: None,
            records,
            size: 0,
        })
        .collect()
}

pub(super) fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(&'static str, i16);
    impl ByBoard for Fake {
        fn board_id(&self) -> &str {
            self.0
        }
        fn year(&self) -> i16 {
            self.1
        }
    }

    #[test]
    fn a_boards_file_is_split_by_year_only_when_over_the_limit() {
        let records = [Fake("a", 2025), Fake("a", 2025), Fake("a", 2026)];
        // Ten bytes a record.
        let encode = |r: &[Fake]| vec![b'x'; r.len() * 10];
        let whole = board_parts(&records, 30, &encode);
        assert_eq!(whole.len(), 1);
        assert_eq!(
            (whole[0].0, whole[0].1.len(), whole[0].2.len()),
            (None, 3, 30)
        );
        let split = board_parts(&records, 29, &encode);
        let shape: Vec<(Option<i16>, usize)> = split.iter().map(|p| (p.0, p.1.len())).collect();
        assert_eq!(shape, [(Some(2025), 2), (Some(2026), 1)]);
    }
}
