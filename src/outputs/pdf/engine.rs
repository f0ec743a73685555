//! Typst as a library: the [`World`] a pack is compiled in, and the export to tagged PDF/UA-1.
//!
//! The world holds exactly what boardpack gives it: the generated document (`/main.typ`), the
//! theme's `pack.typ`, the theme's fonts and the images the papers show. It reads no file, font or
//! clock of the machine, so the same input gives the same bytes on every machine.

use std::sync::{Arc, Mutex, OnceLock};

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::render::theme::PdfTheme;

/// The path the generated document has in the world.
pub const MAIN: &str = "/main.typ";
/// The path the theme's template has in the world (`#import "/pack.typ": *`).
pub const TEMPLATE: &str = "/pack.typ";

/// The fonts and the standard library, made once per set of fonts and shared by every document.
pub struct Fonts {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// Fingerprint of the font files, part of every cache key.
    pub fingerprint: u64,
    /// The fonts' files that could not be read, as (theme path, reason).
    pub unreadable: Vec<(String, String)>,
}

impl Fonts {
    /// The fonts of `theme`, made once per process for each distinct set (a preview keeps them for
    /// hours; loading them is a few milliseconds, but the library is shared by comemo's caches).
    pub fn of(theme: &PdfTheme) -> Arc<Fonts> {
        static MADE: OnceLock<Mutex<Vec<Arc<Fonts>>>> = OnceLock::new();
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut unreadable = Vec::new();
        for (path, source) in &theme.fonts {
            match source.read() {
                Ok(bytes) => files.push((path.clone(), bytes.into_owned())),
                Err(e) => unreadable.push((path.clone(), e.to_string())),
            }
        }
        let fingerprint = crate::hash::fingerprint(&files);
        let made = MADE.get_or_init(Mutex::default);
        let mut made = made
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(fonts) = made.iter().find(|f| f.fingerprint == fingerprint) {
            return Arc::clone(fonts);
        }
        let fonts: Vec<Font> = files
            .into_iter()
            .flat_map(|(_, bytes)| Font::iter(Bytes::new(bytes)))
            .collect();
        let book = FontBook::from_fonts(&fonts);
        // A11yExtras: `pdf.header-cell`, for the row headers of cover blocks.
        let library = Library::builder()
            .with_features([Feature::A11yExtras].into_iter().collect())
            .build();
        let made_now = Arc::new(Fonts {
            library: LazyHash::new(library),
            book: LazyHash::new(book),
            fonts,
            fingerprint,
            unreadable,
        });
        made.push(Arc::clone(&made_now));
        made_now
    }

    /// Whether some font has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.fonts
            .iter()
            .any(|f| f.info().coverage.contains(c as u32))
    }

    /// The family names of the fonts, for messages.
    pub fn families(&self) -> Vec<String> {
        let mut names: Vec<String> = self.fonts.iter().map(|f| f.info().family.clone()).collect();
        names.dedup();
        names
    }
}

/// A file the document may read besides its source: an image, by its path in the world.
pub struct Asset {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// One document to compile.
struct PackWorld<'a> {
    fonts: &'a Fonts,
    main: Source,
    template: Source,
    assets: &'a [Asset],
    today: Datetime,
}

fn file_id(path: &str) -> FileId {
    // FileIds are interned for the life of the process: the same few paths serve every document.
    let path =
        VirtualPath::new(path).unwrap_or_else(|_| VirtualPath::new(MAIN).expect("a valid path"));
    FileId::new(RootedPath::new(VirtualRoot::Project, path))
}

impl World for PackWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.fonts.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.template.id() {
            Ok(self.template.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_without_slash().into()))
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let wanted = id.vpath().get_with_slash();
        match self.assets.iter().find(|a| a.path == wanted) {
            Some(asset) => Ok(Bytes::new(asset.bytes.clone())),
            None => Err(FileError::NotFound(id.vpath().get_without_slash().into())),
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Where in which file a problem Typst found is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A byte range of the generated document.
    Main(std::ops::Range<usize>),
    /// A byte range of the theme's template.
    Template(std::ops::Range<usize>),
    Unknown,
}

/// A problem Typst found.
#[derive(Debug, Clone)]
pub struct Problem {
    pub error: bool,
    pub message: String,
    pub hints: Vec<String>,
    pub place: Place,
}

/// A typeset PDF.
pub struct Typeset {
    pub pdf: Vec<u8>,
    pub pages: usize,
}

/// Compiles `main` (which imports the theme's `template`) and exports it as tagged PDF/UA-1.
/// `date` is the document's fixed "today" (Typst's `datetime.today()`), for reproducible output.
/// Warnings count as problems: an unknown font family is only a warning to Typst, and would publish
/// a PDF in the wrong font.
pub fn typeset(
    fonts: &Fonts,
    main: &str,
    template: &str,
    assets: &[Asset],
    date: (i32, u8, u8),
    ident: &str,
) -> Result<Typeset, Vec<Problem>> {
    let today = Datetime::from_ymd(date.0, date.1, date.2)
        .unwrap_or_else(|| Datetime::from_ymd(2000, 1, 1).expect("a valid date"));
    let world = PackWorld {
        fonts,
        main: Source::new(file_id(MAIN), main.to_string()),
        template: Source::new(file_id(TEMPLATE), template.to_string()),
        assets,
        today,
    };
    let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
    let result = match output {
        Err(errors) => Err(problems(&world, errors.iter().chain(&warnings))),
        Ok(_) if !warnings.is_empty() => Err(problems(&world, warnings.iter())),
        Ok(document) => {
            let options = PdfOptions {
                ident: Smart::Custom(ident.into()),
                creator: Smart::Custom(Some("boardpack".into())),
                timestamp: Some(Timestamp::new_utc(today)),
                page_ranges: None,
                standards: PdfStandards::new(&[PdfStandard::Ua_1])
                    .expect("PDF/UA-1 alone is a valid set of standards"),
                tagged: true,
                pretty: false,
            };
            match typst_pdf::pdf(&document, &options) {
                Ok(pdf) => Ok(Typeset {
                    pdf,
                    pages: document.pages().len(),
                }),
                Err(errors) => Err(problems(&world, errors.iter())),
            }
        }
    };
    // comemo keeps every function's results for the process: a long preview would grow for ever.
    typst::comemo::evict(10);
    result
}

fn problems<'a>(
    world: &PackWorld<'_>,
    diagnostics: impl Iterator<Item = &'a SourceDiagnostic>,
) -> Vec<Problem> {
    diagnostics
        .map(|d| {
            let place = match (d.span.id(), world.range(d.span)) {
                (Some(id), Some(range)) if id == world.main.id() => Place::Main(range),
                (Some(id), Some(range)) if id == world.template.id() => Place::Template(range),
                _ => Place::Unknown,
            };
            Problem {
                error: d.severity == Severity::Error,
                message: d.message.to_string(),
                hints: d.hints.iter().map(|h| h.v.to_string()).collect(),
                place,
            }
        })
        .collect()
}
