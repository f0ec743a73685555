//! Themes: Tera templates and static files, with the site's own files overriding the theme's.
//!
//! Lookup order, later wins file by file: the default theme built into the binary (so a site needs no
//! `themes/` folder), then `themes/<name>/` in the site, then the site's own `templates/` and `static/`.
//! Templates are compiled once per build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// The templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "board.html",
    "meeting.html",
    "paper.html",
    "minutes.html",
    "appendix.html",
    "page.html",
    "accessibility.html",
    "404.html",
    "boards.html",
    "search.html",
    "decisions.html",
    "actions.html",
    "archive.html",
    "data.html",
];

/// Where a static file comes from.
#[derive(Debug, Clone)]
pub enum StaticSource {
    Embedded(&'static [u8]),
    File(PathBuf),
}

/// A template's source, kept to show it in diagnostics.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// Where it came from, for messages: a path relative to the site root, or `(built-in)/…`.
    pub file: PathBuf,
    pub text: String,
}

/// A loaded theme, ready to render with.
pub struct Theme {
    pub tera: tera::Tera,
    /// By template name (`paper.html`).
    pub sources: BTreeMap<String, TemplateSource>,
    /// Output path (relative to the site root) → source.
    pub static_files: BTreeMap<String, StaticSource>,
    /// The PDF packs' Typst template and fonts.
    pub pdf: PdfTheme,
}

/// What the PDF packs are typeset with: the theme's `pdf/` folder, file by file over the built-in
/// default's (every theme gets the default's, since a site's own HTML theme rarely brings a PDF one).
#[derive(Debug, Clone)]
pub struct PdfTheme {
    /// `pdf/pack.typ`: the Typst functions the generated pack calls (see the README, "Theming").
    pub template: TemplateSource,
    /// `pdf/fonts/*.ttf|otf|ttc`, by path in the theme: every one is given to Typst.
    pub fonts: BTreeMap<String, StaticSource>,
}

impl StaticSource {
    /// The file's bytes.
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
        match self {
            StaticSource::Embedded(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
            StaticSource::File(path) => std::fs::read(path).map(std::borrow::Cow::Owned),
        }
    }
}

/// The PDF template's name in the theme.
pub const PDF_TEMPLATE: &str = "pack.typ";

/// Reads `pdf/` of the default theme, then of each of `dirs`, later files replacing earlier ones.
fn load_pdf_theme(
    root: &Path,
    dirs: &[(PathBuf, PathBuf)],
    diagnostics: &mut Diagnostics,
) -> PdfTheme {
    let mut template = None;
    let mut fonts = BTreeMap::new();
    for (path, bytes) in DEFAULT_THEME {
        let Some(file) = path.strip_prefix("pdf/") else {
            continue;
        };
        if file == PDF_TEMPLATE {
            template = Some(TemplateSource {
                file: format!("(built-in default theme)/{path}").into(),
                text: String::from_utf8_lossy(bytes).into_owned(),
            });
        } else if is_font(file) {
            fonts.insert(file.to_string(), StaticSource::Embedded(bytes));
        }
    }
    for (dir, shown) in dirs {
        let pdf = dir.join("pdf");
        for file in files_under(&pdf) {
            let rel = file
                .strip_prefix(&pdf)
                .unwrap_or(&file)
                .to_string_lossy()
                .replace('\\', "/");
            if rel == PDF_TEMPLATE {
                match std::fs::read_to_string(&file) {
                    Ok(text) => {
                        template = Some(TemplateSource {
                            file: shown.join("pdf").join(&rel),
                            text,
                        })
                    }
                    Err(e) => diagnostics.push(
                        Diagnostic::error(
                            "BP040",
                            crate::content::load::relative(root, &file),
                            format!("cannot read this template: {e}"),
                        )
                        .help("save the template as UTF-8 text"),
                    ),
                }
            } else if is_font(&rel) {
                fonts.insert(rel, StaticSource::File(file));
            }
        }
    }
    // The built-in theme always has one: the build script embeds `themes/default/pdf/pack.typ`.
    let template = template.unwrap_or_else(|| TemplateSource {
        file: PathBuf::from("(built-in default theme)/pdf/pack.typ"),
        text: String::new(),
    });
    PdfTheme { template, fonts }
}

fn is_font(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".ttf", ".otf", ".ttc", ".otc"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("templates", &self.sources.keys())
            .finish_non_exhaustive()
    }
}

/// Loads the theme `name` for the site at `root`.
pub fn load(root: &Path, name: &str, diagnostics: &mut Diagnostics) -> Option<Theme> {
    let mut sources: BTreeMap<String, TemplateSource> = BTreeMap::new();
    let mut static_files: BTreeMap<String, StaticSource> = BTreeMap::new();
    let theme_dir = root.join("themes").join(name);
    if name == "default" {
        for (path, bytes) in DEFAULT_THEME {
            if let Some(template) = path.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(bytes).into_owned();
                sources.insert(
                    template.to_string(),
                    TemplateSource {
                        file: format!("(built-in default theme)/{path}").into(),
                        text,
                    },
                );
            } else if let Some(file) = path.strip_prefix("static/") {
                static_files.insert(file.to_string(), StaticSource::Embedded(bytes));
            }
        }
    } else if !theme_dir.is_dir() {
        let message = if name.trim().is_empty() {
            "`theme:` is empty: it names no theme".to_string()
        } else {
            format!("there is no theme `{name}` (looked for themes/{name}/)")
        };
        let mut d = Diagnostic::error("BP041", "site.yaml", message)
            .help("set `theme: default`, or put the theme's templates/ and static/ folders under themes/<name>/");
        // At `theme:` in site.yaml, where the name was given.
        if let Ok(config) = std::fs::read_to_string(root.join("site.yaml"))
            && let Some(at) = config
                .match_indices("theme:")
                .map(|(i, _)| i)
                .find(|&i| i == 0 || config[..i].ends_with('\n'))
        {
            d = d
                .at(&config, at..at + "theme:".len())
                .label("no such theme");
        }
        diagnostics.push(d);
        return None;
    }
    let layers = [
        (
            theme_dir.clone(),
            theme_dir
                .strip_prefix(root)
                .unwrap_or(&theme_dir)
                .to_path_buf(),
        ),
        (root.to_path_buf(), PathBuf::new()),
    ];
    let pdf = load_pdf_theme(root, &layers, diagnostics);
    for (dir, prefix) in layers {
        read_templates(
            root,
            &dir.join("templates"),
            &prefix.join("templates"),
            &mut sources,
            diagnostics,
        );
        for file in files_under(&dir.join("static")) {
            let rel = file
                .strip_prefix(dir.join("static"))
                .unwrap_or(&file)
                .to_string_lossy()
                .replace('\\', "/");
            static_files.insert(rel, StaticSource::File(file));
        }
    }
    for required in REQUIRED_TEMPLATES {
        if !sources.contains_key(*required) {
            diagnostics.push(
                Diagnostic::error(
                    "BP041",
                    format!("themes/{name}/templates/{required}"),
                    format!("the theme has no `{required}` template"),
                )
                .help("add the template, or copy it from boardpack's default theme"),
            );
        }
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    let compiled = tera.add_raw_templates(
        sources
            .iter()
            .map(|(name, s)| (name.as_str(), s.text.as_str())),
    );
    if let Err(e) = compiled {
        diagnostics.push(template_diagnostic(&e, &sources));
        return None;
    }
    Some(Theme {
        tera,
        sources,
        static_files,
        pdf,
    })
}

fn read_templates(
    root: &Path,
    dir: &Path,
    shown_prefix: &Path,
    sources: &mut BTreeMap<String, TemplateSource>,
    diagnostics: &mut Diagnostics,
) {
    for file in files_under(dir) {
        let name = file
            .strip_prefix(dir)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        let shown = shown_prefix.join(&name);
        match std::fs::read_to_string(&file) {
            Ok(text) => {
                sources.insert(name, TemplateSource { file: shown, text });
            }
            Err(e) => diagnostics.push(
                Diagnostic::error(
                    "BP040",
                    crate::content::load::relative(root, &file),
                    format!("cannot read this template: {e}"),
                )
                .help("save the template as UTF-8 text"),
            ),
        }
    }
}

/// Regular files under `dir`, in a stable order, skipping hidden ones.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

/// A Tera error as a diagnostic pointing into the template's source.
pub fn template_diagnostic(
    error: &tera::Error,
    sources: &BTreeMap<String, TemplateSource>,
) -> Diagnostic {
    let report = match error.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let mut message = match report {
        Some(r) => r.message().to_string(),
        None => error.to_string(),
    };
    // Tera wraps some errors; the innermost says what is wrong.
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        message = format!("{message}: {inner}");
        source = inner.source();
    }
    let template = report.map(|r| r.filename().to_string()).unwrap_or_default();
    let help = if message.contains("not found in context")
        || message.contains("undefined")
        || message.contains("Undefined")
    {
        "check the variable's name against the template context in the README (Theming); test optional values with `{% if x %}` or `x?.y`"
    } else {
        "check the template syntax at this place (Tera 2: https://keats.github.io/tera/)"
    };
    match sources.get(&template) {
        Some(src) => {
            let mut d = Diagnostic::error("BP040", &src.file, format!("template error: {message}"))
                .help(help);
            if let Some(r) = report {
                let span = r.span();
                d = d.at(&src.text, span.range.clone());
            }
            d
        }
        None => Diagnostic::error(
            "BP040",
            if template.is_empty() {
                "templates".to_string()
            } else {
                template
            },
            format!("template error: {message}"),
        )
        .help(help),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule left open swallows every rule after it, silently (browsers and the Nu checker accept it):
    /// a merge once cut a closing brace and unstyled the search page. Hold the default stylesheet to
    /// balanced braces outside comments and strings.
    #[test]
    fn the_default_stylesheet_closes_every_block() {
        let (_, css) = DEFAULT_THEME
            .iter()
            .find(|(path, _)| path.ends_with("style.css"))
            .expect("the default stylesheet");
        let css = std::str::from_utf8(css).expect("UTF-8");
        let (mut depth, mut line, mut opened_at) = (0i32, 1, Vec::new());
        let mut chars = css.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\n' => line += 1,
                '/' if chars.peek() == Some(&'*') => {
                    chars.next();
                    let mut previous = ' ';
                    for c in chars.by_ref() {
                        if c == '\n' {
                            line += 1;
                        }
                        if previous == '*' && c == '/' {
                            break;
                        }
                        previous = c;
                    }
                }
                '"' | '\'' => {
                    for s in chars.by_ref() {
                        if s == c {
                            break;
                        }
                    }
                }
                '{' => {
                    depth += 1;
                    opened_at.push(line);
                }
                '}' => {
                    depth -= 1;
                    assert!(depth >= 0, "a `}}` with no block to close on line {line}");
                    opened_at.pop();
                }
                _ => {}
            }
        }
        assert_eq!(
            depth, 0,
            "blocks opened on lines {opened_at:?} are never closed"
        );
    }
}
