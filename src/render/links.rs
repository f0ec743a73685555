//! Links: the resolver that turns a Markdown link into the page it leads to (or a file under
//! `content/`, published under `files/`), the diagnostics of a rendered body's links, and [`finish`],
//! which checks the links between pages once every unit is rendered and copies the linked files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::output::PaperReader;
use super::{Collector, Finished, Sink, UnitOutput};
use crate::content::markdown::{self, LinkTarget, Settings};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::hash::{Map as HashMap, Set as HashSet};
use crate::site::{Site, normalise};

/// A link to another page's `#fragment`, and where it is written; checked in [`finish`], when every
/// page's ids are known. Most resolve; for the others, the warning is finished from `place`.
#[derive(Clone)]
pub struct FragmentLink {
    /// A diagnostic already pointing at the link (its file, line, column and source line): the text
    /// it is in need not be kept until every page is rendered (papers' bodies are let go).
    place: Diagnostic,
    page: String,
    fragment: String,
}

/// The ids of a page's paragraphs and headings, kept in one string: one allocation per page instead of
/// one per id (a 100,000-paper site has millions), and links are checked against them only once.
#[derive(Clone, Default, Debug)]
pub struct PageIds(Box<str>);

impl PageIds {
    fn new<'a>(ids: impl Iterator<Item = &'a str>) -> PageIds {
        let mut all = String::new();
        for id in ids {
            all.push_str(id);
            all.push('\n');
        }
        PageIds(all.into_boxed_str())
    }

    pub fn contains(&self, id: &str) -> bool {
        self.iter().any(|x| x == id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.split_terminator('\n')
    }

    /// Every id, each followed by a newline: what [`PageIds::from_joined`] takes back (the build cache).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn from_joined(ids: &str) -> PageIds {
        PageIds(ids.into())
    }
}

impl FragmentLink {
    /// The diagnostic pointing at the link, the page linked and the fragment (for the build cache).
    pub fn parts(&self) -> (&Diagnostic, &str, &str) {
        (&self.place, &self.page, &self.fragment)
    }

    pub fn from_parts(place: Diagnostic, page: String, fragment: String) -> FragmentLink {
        FragmentLink {
            place,
            page,
            fragment,
        }
    }
}

/// Adds the units' diagnostics (each template error once), checks the links between pages, and
/// copies the files under `content/` that published pages link to.
pub fn finish<'o>(
    site: &Site,
    outputs: impl IntoIterator<Item = &'o UnitOutput> + Clone,
    sink: &dyn Sink,
    diagnostics: &mut Diagnostics,
) -> Finished {
    let mut finished = Finished::default();
    let mut seen = HashSet::default();
    let mut ids: HashMap<&str, &PageIds> = HashMap::default();
    let mut assets: BTreeSet<&PathBuf> = BTreeSet::new();
    let mut links: Vec<&FragmentLink> = Vec::new();
    for out in outputs.clone() {
        finished.pages += out.pages;
        finished.files += out.written.len();
        if finished.write_error.is_none() {
            finished.write_error.clone_from(&out.write_error);
        }
        for d in &out.diagnostics {
            // Template errors repeat on every page that uses the template: report each once.
            let template_error = d.code == "BP040" || d.code == "BP041";
            if !template_error || seen.insert((d.file.clone(), d.start, d.message.clone())) {
                diagnostics.push(d.clone());
            }
        }
        ids.extend(out.ids.iter().map(|(url, set)| (url.as_str(), set)));
        assets.extend(out.assets.iter());
        links.extend(out.fragment_links.iter());
    }
    // No sort needed: units come in a fixed order, and diagnostics are sorted when shown.
    for link in links {
        let Some(page_ids) = ids.get(link.page.as_str()) else {
            continue;
        };
        if page_ids.contains(&link.fragment) {
            continue;
        }
        let mut diagnostic = link
            .place
            .clone()
            .label("no paragraph or heading with this id there");
        diagnostic.message = format!("there is no `#{}` in the page this links to", link.fragment);
        let help = match crate::content::model::did_you_mean(&link.fragment, page_ids.iter()) {
            Some(s) => format!("did you mean `#{s}`? Numbered paragraphs are #p1, #p2, #p2.1…"),
            None => "numbered paragraphs are #p1, #p2, #p2.1…; headings use their text in lower case with hyphens".to_string(),
        };
        diagnostics.push(diagnostic.help(help));
    }
    // Linked files are published under `files/`; only pages written there could be one already.
    let written: HashSet<&str> = if assets.is_empty() {
        HashSet::default()
    } else {
        outputs
            .clone()
            .into_iter()
            .flat_map(|o| o.written.iter().map(String::as_str))
            .filter(|p| p.starts_with(ASSET_DIR))
            .collect()
    };
    for asset in assets {
        let path = asset_url_path(asset);
        // An appendix file linked from a paper's body is already published where it belongs.
        if written.contains(path.as_str()) {
            continue;
        }
        match sink.copy(&path, &site.root.join(asset)) {
            Ok(()) => {
                finished.files += 1;
                finished.assets.push(path);
            }
            Err(e) => {
                if finished.write_error.is_none() {
                    finished.write_error = Some((path, e.to_string()));
                }
            }
        }
    }
    finished
}

/// Where a linked file under `content/` is published: `files/` and its path under `content/`.
pub(super) fn asset_url_path(asset: &Path) -> String {
    let under = asset
        .strip_prefix(crate::content::load::CONTENT_DIR)
        .unwrap_or(asset);
    format!("{ASSET_DIR}{}", under.to_string_lossy().replace('\\', "/"))
}

/// Where files under `content/` that pages link to are published.
const ASSET_DIR: &str = "files/";

/// A link resolver for Markdown in a file in `dir` (relative to the site root).
pub(crate) fn resolver<'a>(
    site: &'a Site,
    dir: &'a Path,
    c: &'a Collector,
) -> impl Fn(&str) -> LinkTarget + 'a {
    move |dest: &str| {
        if dest.starts_with("//") {
            return LinkTarget::Unchanged;
        }
        // A site-absolute link (`/transport-board/`) is relative to the site, which may live under a sub-path.
        if let Some(rest) = dest.strip_prefix('/') {
            return LinkTarget::Resolved(site.href(rest));
        }
        let (path_part, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path_part = path_part.split('?').next().unwrap_or("");
        if path_part.is_empty() {
            return LinkTarget::Unchanged;
        }
        let decoded = path_part.replace("%20", " ");
        let Some(target) = normalise(&dir.join(&decoded)) else {
            return LinkTarget::Broken;
        };
        if let Some(w) = site.withheld_at(&target) {
            return LinkTarget::Withheld(w.reason.notice());
        }
        let candidates = [
            target.clone(),
            target.join("meeting.md"),
            target.join("board.md"),
            target.join("index.md"),
        ];
        match candidates.iter().find_map(|c| site.urls.get(c)) {
            Some(url) => {
                let mut href = site.href(url);
                if let Some(f) = fragment {
                    href.push('#');
                    href.push_str(f);
                }
                LinkTarget::Resolved(href)
            }
            None if site.assets.contains(&target) => {
                c.out.borrow_mut().assets.insert(target.clone());
                let mut href = site.href(&asset_url_path(&target));
                if let Some(f) = fragment {
                    href.push('#');
                    href.push_str(f);
                }
                LinkTarget::Resolved(href)
            }
            None => LinkTarget::Broken,
        }
    }
}

/// Renders a document's Markdown body, turning broken links into diagnostics against its file.
pub(crate) fn markdown_doc<T>(
    site: &Site,
    doc: &crate::content::load::Document<T>,
    settings: Settings,
    c: &Collector,
) -> markdown::Rendered {
    markdown_doc_indexed(site, doc, settings, c, &mut [])
}

/// [`markdown_doc`], giving the body's text to `readers` (the search index's, in a build) as it is rendered.
pub(super) fn markdown_doc_indexed<T>(
    site: &Site,
    doc: &crate::content::load::Document<T>,
    settings: Settings,
    c: &Collector,
    readers: &mut [Box<dyn PaperReader + '_>],
) -> markdown::Rendered {
    let mut diags: Vec<Diagnostic> = Vec::new();
    let full_text = match doc.full_text(&site.root) {
        Ok(text) => text,
        Err(problem) => {
            c.out.borrow_mut().diagnostics.push(*problem);
            return markdown::Rendered::default();
        }
    };
    let (file, body_offset, text) = (doc.path.as_path(), doc.body_offset, full_text.as_ref());
    let body = &text[body_offset..];
    let dir = file.parent().unwrap_or(Path::new(""));
    let rendered = match readers {
        [] => markdown::render(body, settings, &resolver(site, dir, c)),
        readers => {
            for reader in readers.iter_mut() {
                reader.body(body);
            }
            let mut each = |anchor: Option<&str>, text: &str| {
                readers
                    .iter_mut()
                    .for_each(|reader| reader.run(anchor, text))
            };
            markdown::render_walking(body, settings, &resolver(site, dir, c), Some(&mut each))
        }
    };
    for link in &rendered.broken_links {
        let range = link.range.start + body_offset..link.range.end + body_offset;
        let escapes = normalise(&dir.join(&link.dest))
            .is_none_or(|t| !t.starts_with(crate::content::load::CONTENT_DIR));
        let d = if escapes {
            Diagnostic::error("BP031", file, format!("the link `{}` leads outside the content folder", link.dest))
                .label("leads outside `content/`")
                .help("link only to files inside `content/`, by a path relative to this file, or to a full https:// address")
        } else {
            let names: Vec<String> = site
                .urls
                .keys()
                .filter(|k| k.extension().is_some_and(|e| e == "md"))
                .map(|k| relative_from(dir, k))
                .collect();
            let help = match crate::content::model::did_you_mean(&link.dest, names.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`? Links to other papers are paths relative to this file"),
                None => "link to another content file by its path relative to this file, e.g. `../2026-03-10/04-budget.md`".to_string(),
            };
            Diagnostic::warning(
                "BP030",
                file,
                format!("the link `{}` leads to no page of the site", link.dest),
            )
            .label("no such page")
            .help(help)
        };
        diags.push(d.at(text, range));
    }
    if let Some(url) = site.urls.get(file) {
        let own = PageIds::new(
            rendered
                .paragraph_ids
                .iter()
                .map(String::as_str)
                .chain(rendered.headings.iter().map(|h| h.id.as_str())),
        );
        c.out.borrow_mut().ids.push((site.href(url), own));
    }
    for link in &rendered.cross_fragment_links {
        if let Some((page, fragment)) = link.dest.split_once('#') {
            let range = link.range.start + body_offset..link.range.end + body_offset;
            let place = Diagnostic::warning("BP032", file, String::new()).at(text, range);
            let pending = FragmentLink {
                place,
                page: page.to_string(),
                fragment: fragment.to_string(),
            };
            c.out.borrow_mut().fragment_links.push(pending);
        }
    }
    for lint in &rendered.lints {
        let range = lint.range.start + body_offset..lint.range.end + body_offset;
        diags.push(
            Diagnostic::warning(lint.kind.code(), file, lint.message.clone())
                .at(text, range)
                .label("hard to read for some people")
                .help(lint.kind.help()),
        );
    }
    let ids: HashSet<&str> = rendered
        .paragraph_ids
        .iter()
        .map(String::as_str)
        .chain(rendered.headings.iter().map(|h| h.id.as_str()))
        .collect();
    for link in &rendered.fragment_links {
        if !link.dest.is_empty()
            && !ids.contains(link.dest.as_str())
            && !link.dest.starts_with("fn")
        {
            let range = link.range.start + body_offset..link.range.end + body_offset;
            let help = match crate::content::model::did_you_mean(&link.dest, ids.iter().copied()) {
                Some(s) => format!("did you mean `#{s}`? Numbered paragraphs are #p1, #p2, #p2.1…"),
                None => "numbered paragraphs are #p1, #p2, #p2.1…; headings use their text in lower case with hyphens".to_string(),
            };
            diags.push(
                Diagnostic::warning(
                    "BP032",
                    file,
                    format!("there is no `#{}` in this document", link.dest),
                )
                .at(text, range)
                .label("no paragraph or heading with this id")
                .help(help),
            );
        }
    }
    c.out.borrow_mut().diagnostics.extend(diags);
    rendered
}

/// `target` written relative to `dir`, for suggestions.
fn relative_from(dir: &Path, target: &Path) -> String {
    let dir_parts: Vec<_> = dir.components().collect();
    let target_parts: Vec<_> = target.components().collect();
    let common = dir_parts
        .iter()
        .zip(&target_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<String> =
        std::iter::repeat_n("..".to_string(), dir_parts.len() - common).collect();
    out.extend(
        target_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    out.join("/")
}
