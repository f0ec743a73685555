//! Every diagnostic code, in one table: its code, its severity and what it means, in the words of the
//! README's diagnostics table, which a test holds to this one row for row (and every code the source
//! uses to a row here).

/// What severity a code is reported with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severities {
    Error,
    Warning,
    /// Some cases are errors and others warnings (BP026: a missing appendix, an unlisted one).
    Both,
}

impl Severities {
    /// As the README's table writes it.
    pub fn name(self) -> &'static str {
        match self {
            Severities::Error => "error",
            Severities::Warning => "warning",
            Severities::Both => "error/warning",
        }
    }
}

/// One diagnostic code.
#[derive(Debug)]
pub struct Code {
    pub code: &'static str,
    pub severity: Severities,
    /// What it means (Markdown, as in the README).
    pub summary: &'static str,
}

/// Every code, in code order.
pub const CODES: &[Code] = &[
    Code {
        code: "BP001",
        severity: Severities::Error,
        summary: "the file has no front matter",
    },
    Code {
        code: "BP002",
        severity: Severities::Error,
        summary: "the front matter is never closed",
    },
    Code {
        code: "BP004",
        severity: Severities::Error,
        summary: "the front matter is not valid YAML, or uses a YAML anchor (`&name`) or alias (`*name`), which front matter never needs (refused before anything is expanded, so an \"alias bomb\" costs nothing)",
    },
    Code {
        code: "BP005",
        severity: Severities::Error,
        summary: "a value has the wrong form (`item: three`, `date: 14/03/2023`, `status: maybe`)",
    },
    Code {
        code: "BP006",
        severity: Severities::Error,
        summary: "a required key is missing (e.g. a paper without `date`)",
    },
    Code {
        code: "BP007",
        severity: Severities::Error,
        summary: "an unknown key (e.g. `sumary`)",
    },
    Code {
        code: "BP008",
        severity: Severities::Error,
        summary: "`kind:` names no kind of file",
    },
    Code {
        code: "BP009",
        severity: Severities::Error,
        summary: "the file is not UTF-8",
    },
    Code {
        code: "BP010",
        severity: Severities::Error,
        summary: "no `site.yaml` or no `content/` folder",
    },
    Code {
        code: "BP011",
        severity: Severities::Error,
        summary: "a file or folder cannot be read",
    },
    Code {
        code: "BP012",
        severity: Severities::Warning,
        summary: "a symbolic link in `content/` (not followed)",
    },
    Code {
        code: "BP013",
        severity: Severities::Warning,
        summary: "the file starts with a byte-order mark",
    },
    Code {
        code: "BP014",
        severity: Severities::Error,
        summary: "`base_url` is not a full http(s) address",
    },
    Code {
        code: "BP015",
        severity: Severities::Warning,
        summary: "Word artefacts in the text: `[bookmark: _GoBack]`, mojibake such as `â€™` for `’`",
    },
    Code {
        code: "BP016",
        severity: Severities::Error,
        summary: "a file changed while the site was being built (`build` and `check` read each paper's body again to render it)",
    },
    Code {
        code: "BP020",
        severity: Severities::Error,
        summary: "`meeting:` names no board",
    },
    Code {
        code: "BP021",
        severity: Severities::Error,
        summary: "minutes for a meeting that does not exist",
    },
    Code {
        code: "BP022",
        severity: Severities::Error,
        summary: "two papers of one meeting share an item number",
    },
    Code {
        code: "BP023",
        severity: Severities::Error,
        summary: "an agenda item's `paper:` names no paper of the meeting",
    },
    Code {
        code: "BP024",
        severity: Severities::Warning,
        summary: "a paper is not on its meeting's agenda",
    },
    Code {
        code: "BP025",
        severity: Severities::Error,
        summary: "two files would write the same page",
    },
    Code {
        code: "BP026",
        severity: Severities::Both,
        summary: "an appendix file is missing (error), or an appendix is listed by no paper (warning)",
    },
    Code {
        code: "BP027",
        severity: Severities::Error,
        summary: "a paper's `date` differs from the meeting file in its folder",
    },
    Code {
        code: "BP028",
        severity: Severities::Error,
        summary: "a second meeting file, or second minutes, for one meeting",
    },
    Code {
        code: "BP029",
        severity: Severities::Warning,
        summary: "a paper's date matches no meeting file of its board (which describes its other meetings)",
    },
    Code {
        code: "BP030",
        severity: Severities::Warning,
        summary: "an internal link leads to no page",
    },
    Code {
        code: "BP031",
        severity: Severities::Error,
        summary: "a link or appendix path leads outside `content/`",
    },
    Code {
        code: "BP032",
        severity: Severities::Warning,
        summary: "a `#fragment` link (in this document or another page) to a paragraph or heading that does not exist",
    },
    Code {
        code: "BP033",
        severity: Severities::Warning,
        summary: "a contact block with empty fields (names which)",
    },
    Code {
        code: "BP034",
        severity: Severities::Warning,
        summary: "a contact email that is not an address",
    },
    Code {
        code: "BP035",
        severity: Severities::Warning,
        summary: "a contact phone that is not a number",
    },
    Code {
        code: "BP036",
        severity: Severities::Warning,
        summary: "minutes of an item that is not on the meeting's agenda",
    },
    Code {
        code: "BP037",
        severity: Severities::Warning,
        summary: "minutes without `status` are drafts, so not published",
    },
    Code {
        code: "BP038",
        severity: Severities::Warning,
        summary: "an `action_updates` entry names no action of the published minutes (or one recorded at a later meeting)",
    },
    Code {
        code: "BP039",
        severity: Severities::Warning,
        summary: "an action `id` already given to another action",
    },
    Code {
        code: "BP040",
        severity: Severities::Error,
        summary: "a template has a syntax error or uses an unknown variable",
    },
    Code {
        code: "BP041",
        severity: Severities::Error,
        summary: "the theme does not exist or lacks a required template",
    },
    Code {
        code: "BP050",
        severity: Severities::Error,
        summary: "the output cannot be written (or is a folder boardpack did not make)",
    },
    Code {
        code: "BP051",
        severity: Severities::Error,
        summary: "`new` or `import` would overwrite a file",
    },
    Code {
        code: "BP052",
        severity: Severities::Warning,
        summary: "the build cache (`--cache`) is damaged: its manifest is cut short or altered, or files it keeps are missing or changed (it is not used; what it held is rendered again)",
    },
    Code {
        code: "BP053",
        severity: Severities::Warning,
        summary: "the build cache cannot be written (the site was built; the next build renders everything)",
    },
    Code {
        code: "BP054",
        severity: Severities::Error,
        summary: "the output folder is, holds or lies inside the site's sources (`site.yaml`, `content/`, `templates/`, `static/`, `themes/`) or the cache, or the cache lies inside the output or a source: the build would delete a source or publish the cache",
    },
    Code {
        code: "BP060",
        severity: Severities::Warning,
        summary: "an image without a text alternative, or with one like \"image\" or a file name",
    },
    Code {
        code: "BP061",
        severity: Severities::Warning,
        summary: "link text like \"click here\", \"here\", or a bare web address",
    },
    Code {
        code: "BP062",
        severity: Severities::Warning,
        summary: "a heading that skips a level (`##` then `####`), or a `#` heading in the body",
    },
    Code {
        code: "BP063",
        severity: Severities::Warning,
        summary: "a bold-only line used as a heading",
    },
    Code {
        code: "BP064",
        severity: Severities::Warning,
        summary: "a table without a header row",
    },
    Code {
        code: "BP065",
        severity: Severities::Warning,
        summary: "a table without a caption",
    },
    Code {
        code: "BP066",
        severity: Severities::Warning,
        summary: "four or more words in capitals",
    },
    Code {
        code: "BP067",
        severity: Severities::Warning,
        summary: "an empty heading",
    },
    Code {
        code: "BP068",
        severity: Severities::Warning,
        summary: "a paper without a summary",
    },
    Code {
        code: "BP069",
        severity: Severities::Warning,
        summary: "a link to a document (PDF, Word, spreadsheet) that does not say its type and size",
    },
    Code {
        code: "BP070",
        severity: Severities::Error,
        summary: "an exemption whose `category` is not 1–7",
    },
    Code {
        code: "BP071",
        severity: Severities::Warning,
        summary: "an exemption without a public interest `reason`",
    },
    Code {
        code: "BP072",
        severity: Severities::Warning,
        summary: "a paper published with less than the statutory notice",
    },
    Code {
        code: "BP073",
        severity: Severities::Warning,
        summary: "a key decision with fewer than 28 clear days' notice",
    },
    Code {
        code: "BP080",
        severity: Severities::Warning,
        summary: "`rescheduled_from` names a date another meeting of the board holds (is on, or was moved from)",
    },
    Code {
        code: "BP081",
        severity: Severities::Warning,
        summary: "a meeting's `end_time` is not after its `start_time`, or there is an end but no start",
    },
    Code {
        code: "BP082",
        severity: Severities::Error,
        summary: "`timezone` in `site.yaml` is not a time zone boardpack knows",
    },
    Code {
        code: "BP090",
        severity: Severities::Error,
        summary: "`import` cannot read a file, or it is not a report: not a Word document or text export, damaged, encrypted, an old `.doc`, a PDF, too large (over 50 MB for Word, 20 MB for text; see \"Limits\" under importing), empty, binary data, no words, a picture that cannot be read; or `check` found an error in the paper made from it. Nothing is written",
    },
    Code {
        code: "BP092",
        severity: Severities::Error,
        summary: "`import`: the report does not say which agenda item it is",
    },
    Code {
        code: "BP093",
        severity: Severities::Error,
        summary: "`import`: the site has no such board",
    },
    Code {
        code: "BP100",
        severity: Severities::Error,
        summary: "a PDF pack cannot be typeset: the theme's `pdf/pack.typ` has an error, or a paper's image cannot be read",
    },
    Code {
        code: "BP101",
        severity: Severities::Warning,
        summary: "an entry of the PDF cache is damaged (it is never used; the PDF is typeset again)",
    },
    Code {
        code: "BP102",
        severity: Severities::Warning,
        summary: "the PDF fonts have no glyph for a character (shown as `?` in the PDF)",
    },
    Code {
        code: "BP103",
        severity: Severities::Warning,
        summary: "a paper or appendix is too long to typeset (over 1 MB of Markdown, some 270 pages): the packs link its web page instead",
    },
    Code {
        code: "BP104",
        severity: Severities::Warning,
        summary: "a table too large to typeset (over 5,000 cells, or past 20,000 cells of tables in one PDF): the PDF shows its caption and links its web page",
    },
    Code {
        code: "BP105",
        severity: Severities::Error,
        summary: "a `person:` id names no file in `content/people/`",
    },
    Code {
        code: "BP106",
        severity: Severities::Warning,
        summary: "a name in a board file or minutes matches no person in `content/people/` (the name stays text, not a link)",
    },
    Code {
        code: "BP107",
        severity: Severities::Warning,
        summary: "a name was taken to be the only person of that surname",
    },
    Code {
        code: "BP108",
        severity: Severities::Warning,
        summary: "a name matches more than one person",
    },
    Code {
        code: "BP109",
        severity: Severities::Warning,
        summary: "a member has attended no meeting for five months or more (Local Government Act 1972 s.85: the seat falls vacant after six)",
    },
    Code {
        code: "BP110",
        severity: Severities::Warning,
        summary: "a person is on one board twice with dates that overlap",
    },
    Code {
        code: "BP111",
        severity: Severities::Warning,
        summary: "a declaration of interest by someone the minutes do not list as present",
    },
    Code {
        code: "BP112",
        severity: Severities::Warning,
        summary: "a register of interests not updated for over a year",
    },
    Code {
        code: "BP113",
        severity: Severities::Error,
        summary: "an agenda line names a paper (`paper:`) whose own `item:` is another number",
    },
    Code {
        code: "BP114",
        severity: Severities::Warning,
        summary: "a file under `content/` looks like Markdown (`.markdown`, `.MD`, `.md.txt`) but only `.md` files are read",
    },
    Code {
        code: "BP115",
        severity: Severities::Warning,
        summary: "a paper that is not a draft still has the text of `new paper`'s template",
    },
    Code {
        code: "BP116",
        severity: Severities::Error,
        summary: "a page's address would have a part longer than file systems allow (255 characters): usually a very long `slug:` or title",
    },
    Code {
        code: "BP117",
        severity: Severities::Error,
        summary: "two decisions have the same `id:` (a notice's decision and the minutes' record of it may share one)",
    },
    Code {
        code: "BP118",
        severity: Severities::Error,
        summary: "a decision notice's `maker:` names no maker, more than one, or a board meeting that does not exist",
    },
    Code {
        code: "BP119",
        severity: Severities::Error,
        summary: "a decision's `id:` cannot be its page's address: it is a year, a board's slug, `officers`, `members` or `notices`",
    },
    Code {
        code: "BP120",
        severity: Severities::Warning,
        summary: "a decision's `reports:` names no published paper",
    },
    Code {
        code: "BP121",
        severity: Severities::Error,
        summary: "a decision's vote counts more votes than the minutes list members present (`present` and `substitutes`)",
    },
    Code {
        code: "BP122",
        severity: Severities::Error,
        summary: "a named vote names someone the minutes do not list as present (they gave apologies, or are not in the attendance)",
    },
    Code {
        code: "BP123",
        severity: Severities::Error,
        summary: "a member who declared a disclosable pecuniary interest in a decision is recorded as voting on it, or moving or seconding it, without a dispensation",
    },
    Code {
        code: "BP124",
        severity: Severities::Warning,
        summary: "an executive decision (open to call-in, an executive member's, or an officer's key decision) gives no `reasons:`",
    },
    Code {
        code: "BP125",
        severity: Severities::Error,
        summary: "a decision is marked `implemented:` on or before the last day of its call-in period",
    },
    Code {
        code: "BP126",
        severity: Severities::Warning,
        summary: "a budget decision (`budget: true`) without a named vote, where `site.yaml` says `jurisdiction: england` (SI 2014/165)",
    },
    Code {
        code: "BP127",
        severity: Severities::Warning,
        summary: "`public_summary:` or `public_decisions:` on a minutes item that is not exempt",
    },
    Code {
        code: "BP128",
        severity: Severities::Warning,
        summary: "a tied vote (as many for as against) with no `result:` and no `casting_vote`: its result is unknown",
    },
];

/// The code `code`, if it is one.
pub fn find(code: &str) -> Option<&'static Code> {
    CODES
        .binary_search_by(|c| c.code.cmp(code))
        .ok()
        .map(|i| &CODES[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn codes_are_in_order_and_each_once() {
        for pair in CODES.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} before {}",
                pair[0].code,
                pair[1].code
            );
        }
        assert_eq!(find("BP004").map(|c| c.severity), Some(Severities::Error));
        assert!(find("BP999").is_none());
    }

    /// The README's diagnostics table has one row per code, in code order, with the same severity.
    #[test]
    fn the_readme_table_is_this_table() {
        let readme =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
                .expect("README.md");
        let rows: Vec<(&str, &str)> = readme
            .lines()
            .filter(|line| line.starts_with("| BP"))
            .filter_map(|line| {
                let mut cells = line.trim_start_matches("| ").split(" | ");
                Some((cells.next()?, cells.next()?))
            })
            .collect();
        let table: Vec<(&str, &str)> = CODES.iter().map(|c| (c.code, c.severity.name())).collect();
        assert_eq!(
            rows, table,
            "README.md's diagnostics table and diagnostics::codes::CODES differ"
        );
    }

    /// Every code the source reports is in the table (test modules, which make up codes, aside).
    #[test]
    fn every_code_in_the_source_is_listed() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        let mut stack = vec![src];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("read src") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("read a source file");
                let code = text.split("#[cfg(test)]").next().unwrap_or("");
                for (at, _) in code.match_indices("\"BP") {
                    let candidate = &code[at + 1..(at + 6).min(code.len())];
                    if candidate.len() == 5
                        && candidate[2..].bytes().all(|b| b.is_ascii_digit())
                        && find(candidate).is_none()
                    {
                        missing.push(format!("{candidate} in {}", path.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "codes the table lacks: {missing:?}");
    }
}
