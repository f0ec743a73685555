//! Finding a board of a site on disk by the name a command line gives (`--board`): its slug or
//! title. `import` and `new paper` both place a paper with it, so both accept and refuse the same
//! names.

use std::path::Path;

use crate::content::markdown::slugify;
use crate::content::model::BoardMatter;
use crate::diagnostics::Diagnostic;

/// A board of the site: its slug and title.
#[derive(Debug, Clone)]
pub struct Board {
    pub slug: String,
    pub title: String,
}

/// The board `wanted` names (its slug or title), or an error listing the site's boards.
pub fn find_board(root: &Path, wanted: &str) -> Result<Board, Box<Diagnostic>> {
    let content = root.join(crate::content::load::CONTENT_DIR);
    let mut boards: Vec<Board> = Vec::new();
    for entry in walkdir::WalkDir::new(&content)
        .max_depth(4)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_name() != "board.md" {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let Ok(split) = crate::content::frontmatter::split(text.trim_start_matches('\u{feff}'))
        else {
            continue;
        };
        let Ok((matter, _)) = crate::content::yaml::from_str::<BoardMatter>(split.yaml) else {
            continue;
        };
        let slug = matter
            .slug
            .clone()
            .unwrap_or_else(|| slugify(&matter.title));
        boards.push(Board {
            slug,
            title: matter.title,
        });
    }
    let wanted_slug = slugify(wanted);
    if let Some(b) = boards
        .iter()
        .find(|b| b.slug == wanted || b.slug == wanted_slug || slugify(&b.title) == wanted_slug)
    {
        return Ok(b.clone());
    }
    let mut names: Vec<&str> = boards.iter().map(|b| b.slug.as_str()).collect();
    names.sort_unstable();
    let help = if names.is_empty() {
        "make the board first: content/<board>/board.md with its title".to_string()
    } else {
        format!("give one of this site's boards: {}", names.join(", "))
    };
    Err(Box::new(
        Diagnostic::error(
            "BP093",
            "--board",
            format!("this site has no board `{wanted}`"),
        )
        .help(help),
    ))
}
