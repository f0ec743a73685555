//! A paper's appendices, linked: each a Markdown page of its own, an attached file, or an exempt one
//! listed with its ground. Apart from the rest of linking because an appendix is found by a path
//! relative to its paper, which needs checking the rest does not.

use super::*;

pub(super) fn link_appendices(
    root: &Path,
    doc: &Doc<PaperMatter>,
    paper_path: &str,
    appendix_docs: &mut HashMap<PathBuf, Doc<AppendixMatter>>,
    assets: &std::collections::HashSet<PathBuf>,
    urls: &mut HashMap<PathBuf, String>,
    diagnostics: &mut Diagnostics,
) -> Vec<Appendix> {
    let mut out = Vec::new();
    for entry in &doc.matter.appendices {
        let locate = |d: Diagnostic| doc.at_value(d, "file", &entry.file);
        let Some(target) = normalise(&doc.dir().join(&entry.file))
            .filter(|t| t.starts_with(crate::content::load::CONTENT_DIR))
        else {
            diagnostics.push(
                locate(Diagnostic::error("BP031", &doc.path, format!("the appendix `{}` is outside the content folder", entry.file)))
                    .label("leads outside `content/`")
                    .help("put the appendix file beside the paper (e.g. in an `appendices/` folder) and give its path relative to the paper"),
            );
            continue;
        };
        let extension = target
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let file_name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(exemption) = &entry.exempt {
            // Listed with its ground; its file is neither rendered nor copied.
            appendix_docs.remove(&target);
            out.push(Appendix {
                title: entry.title.clone(),
                path: String::new(),
                extension,
                content: AppendixContent::Exempt(exemption.clone()),
            });
            continue;
        }
        if extension == "md" {
            let Some(appendix) = appendix_docs.remove(&target) else {
                diagnostics.push(
                    locate(Diagnostic::error("BP026", &doc.path, format!("the appendix `{}` does not exist", entry.file)))
                        .label("no Markdown appendix at this path")
                        .help("check the file name; Markdown appendices live in an `appendices` folder (or say `kind: appendix`)"),
                );
                continue;
            };
            let stem = slugify(
                target
                    .file_stem()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default()
                    .as_ref(),
            );
            let path = format!("{paper_path}{stem}/");
            urls.insert(target.clone(), path.clone());
            out.push(Appendix {
                title: entry.title.clone(),
                path,
                extension,
                content: AppendixContent::Page(appendix),
            });
        } else {
            if !assets.contains(&target) {
                // The same name in other letters (`Route-Map.PDF` for `route-map.pdf`) is found on
                // Windows and macOS, never on the Linux server that publishes: say which it is.
                let lower = target.to_string_lossy().to_lowercase();
                let other_case = assets
                    .iter()
                    .filter(|a| a.parent() == target.parent())
                    .find(|a| a.to_string_lossy().to_lowercase() == lower)
                    .and_then(|a| a.file_name())
                    .map(|n| n.to_string_lossy().into_owned());
                let help = match other_case {
                    Some(name) => format!(
                        "did you mean `{name}`? File names must match letter for letter, capitals too: the server that publishes the site tells them apart"
                    ),
                    None => "copy the file beside the paper (e.g. into `appendices/`), and give its path relative to the paper".to_string(),
                };
                diagnostics.push(
                    locate(Diagnostic::error(
                        "BP026",
                        &doc.path,
                        format!("the appendix file `{}` does not exist", entry.file),
                    ))
                    .label("no file at this path")
                    .help(help),
                );
                continue;
            }
            let size = std::fs::metadata(root.join(&target))
                .map(|m| m.len())
                .unwrap_or(0);
            let path = format!("{paper_path}{file_name}");
            urls.insert(target.clone(), path.clone());
            out.push(Appendix {
                title: entry.title.clone(),
                path,
                extension,
                content: AppendixContent::File {
                    source: target,
                    size,
                },
            });
        }
    }
    out
}
