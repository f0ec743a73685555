//! The `boardpack` command: parses arguments, calls the library, prints diagnostics.

/// mimalloc: the build allocates many small strings on two or more threads at once, where it is much
/// faster than the system allocator (a fifth of `check`'s time was in glibc's malloc and free).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use boardpack::diagnostics::{self, Diagnostic, JsonDiagnostic};
use boardpack::model::{Date, Moment};

/// Publish agendas, board papers and minutes as an accessible, searchable website.
#[derive(Parser)]
#[command(name = "boardpack", version, about, long_about = None, arg_required_else_help = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the site and write it as static HTML (nothing is written if any error is found).
    Build(BuildArgs),
    /// Check the site for mistakes without writing anything; exits with 1 when any error is found.
    Check(CheckArgs),
    /// Start a new site or paper from a template.
    #[command(subcommand)]
    New(NewCommand),
    /// Import reports from Word (.docx) or text exports (.txt, .md) as papers of a meeting, and say
    /// what a person must check. Never overwrites; nothing is written if any file fails.
    Import(ImportArgs),
    /// Preview the site in a browser: rebuild on every save and reload the page. Drafts, embargoed and
    /// exempt papers are shown, with a banner; the preview is served on this computer only.
    Serve(ServeArgs),
}

#[derive(Args)]
struct ServeArgs {
    /// The site's folder (holding site.yaml and content/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// The port to listen on; 0 picks any free port.
    #[arg(long, short, value_name = "N", default_value_t = boardpack::serve::DEFAULT_PORT)]
    port: u16,
    /// The address to listen on. Anything but a loopback address lets other computers see the preview,
    /// confidential papers included.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Open the site in the default web browser once it is built.
    #[arg(long)]
    open: bool,
    /// Preview the site as it stands at this moment (as for build).
    #[arg(long, value_name = "WHEN", value_parser = parse_moment)]
    as_of: Option<Moment>,
}

/// Which meeting a new or imported paper is for.
#[derive(Args)]
struct MeetingArgs {
    /// The site's folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// The board's slug, e.g. transport-board.
    #[arg(long)]
    board: String,
    /// The meeting date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    date: Date,
}

#[derive(Args)]
struct ImportArgs {
    /// The reports: .docx files, or text (.txt) and Markdown (.md) exported from Word.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    meeting: MeetingArgs,
    /// The agenda item number; default: the report's own "Item N" line.
    #[arg(long)]
    item: Option<String>,
    /// Print the papers and the report instead of writing anything.
    #[arg(long)]
    dry_run: bool,
    /// Make appendices at the end of a report ("Appendix A: …") appendix files of their own.
    #[arg(long)]
    split_appendices: bool,
}

#[derive(Args)]
struct SiteArgs {
    /// The site's folder (holding site.yaml and content/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Include papers and minutes marked `status: draft`.
    #[arg(long)]
    drafts: bool,
    /// Build the site as it stands at this moment (YYYY-MM-DD or YYYY-MM-DDTHH:MM, site time zone):
    /// embargoes lift and "upcoming meetings" are judged then. Default: now.
    #[arg(long, value_name = "WHEN", value_parser = parse_moment)]
    as_of: Option<Moment>,
    /// Treat warnings as errors (for CI).
    #[arg(long)]
    deny_warnings: bool,
    /// Print nothing but problems.
    #[arg(long, short)]
    quiet: bool,
    /// Leave out the PDF packs (the agenda reports pack of each meeting and each paper as a PDF).
    #[arg(long)]
    no_pdf: bool,
    /// Keep work between builds here (the PDF packs, made again only when their content changed);
    /// default .boardpack-cache/ in the site folder. Cache it in CI to make builds faster.
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    cache: Option<PathBuf>,
    /// Keep no work between builds: make everything afresh.
    #[arg(long)]
    no_cache: bool,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Where to write the site; replaced whole on success.
    #[arg(long, short, value_name = "DIR", default_value = "public")]
    output: PathBuf,
    /// Publish for this address instead of site.yaml's base_url (e.g. a staging server).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Replace the output folder even if boardpack did not make it.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// How to print problems: for people, as JSON lines for editors, or as GitHub annotations.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
}

#[derive(Subcommand)]
enum NewCommand {
    /// Make a working skeleton site in DIR (which must be new or empty).
    Site {
        /// The folder to create.
        dir: PathBuf,
    },
    /// Make a paper for a meeting, with every front matter key ready to fill in.
    Paper {
        #[command(flatten)]
        meeting: MeetingArgs,
        /// The agenda item number, e.g. 4.
        #[arg(long)]
        item: String,
        /// The paper's title.
        #[arg(long)]
        title: String,
    },
    /// Make a person file (content/people/<id>.md) with every front matter key ready to fill in.
    Person {
        /// The site's folder.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// The person's name as the site writes it, e.g. "Cllr Jo Bloggs" (the honorific is kept apart).
        #[arg(long)]
        name: String,
        /// The file's name without .md; default: made from the name (jo-bloggs).
        #[arg(long)]
        id: Option<String>,
    },
    /// Make person files (content/people/<id>.md) for the names the site's boards, minutes and
    /// papers already use that no person file has: the names need not be typed in again. Never
    /// overwrites; a name that is already a person's is left alone.
    People {
        /// The site's folder.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// List the files that would be written, and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
}

fn parse_moment(s: &str) -> Result<Moment, String> {
    s.parse()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            hold_memory_to_use();
            build(args)
        }
        Command::Check(args) => {
            hold_memory_to_use();
            check(args)
        }
        Command::Serve(args) => serve(args),
        Command::Import(args) => import(args),
        Command::New(NewCommand::Site { dir }) => {
            report_new(boardpack::new::site(&dir), "site", &dir)
        }
        Command::New(NewCommand::Paper {
            meeting,
            item,
            title,
        }) => created(boardpack::new::paper(
            &meeting.root,
            &meeting.board,
            meeting.date,
            &item,
            &title,
        )),
        Command::New(NewCommand::Person { root, name, id }) => {
            created(boardpack::new::people::person(&root, &name, id.as_deref()))
        }
        Command::New(NewCommand::People { root, dry_run }) => new_people(&root, dry_run),
    }
}

fn new_people(root: &std::path::Path, dry_run: bool) -> ExitCode {
    let plan = match boardpack::new::people::plan(root) {
        Ok(plan) => plan,
        Err(diags) => {
            print_human(&diags);
            eprintln!(
                "Nothing was written: every file is read for names. Fix the problems above and run the command again."
            );
            return ExitCode::FAILURE;
        }
    };
    if !dry_run && let (written, Some(d)) = boardpack::new::people::write(root, &plan) {
        print_human(&[*d]);
        eprintln!("Stopped after writing {} person files:", written.len());
        for path in written {
            eprintln!("  {}", path.display());
        }
        return ExitCode::FAILURE;
    }
    print!("{}", boardpack::new::people::report_text(&plan, dry_run));
    if dry_run {
        eprintln!("Dry run: nothing was written.");
    }
    ExitCode::SUCCESS
}

/// For a one-off run (`build`, `check`), memory is held to what is in use:
///
/// - Small pages only (transparent huge pages off for this process). The build's memory is millions
///   of small objects; with 2 MiB pages a page stays resident while any of it is used, and at 10,000
///   papers the peak was 20–30 MiB higher (`check`: 175–184 MiB, not 150–155) for no gain in speed.
/// - Freed memory goes back to the system after 100 ms, not mimalloc's default of a second (nor never,
///   as before session 6): each phase's garbage (YAML events, register pages) goes before the next
///   phase's peak. With small pages this costs no measurable time (0.1–0.2 s of system time at 10,000
///   papers, within the noise of the wall time), and takes the peak from about 200 MiB to 175–185.
///
/// `serve` runs for hours: it keeps the defaults.
fn hold_memory_to_use() {
    // SAFETY: PR_SET_THP_DISABLE takes no pointers; it sets a flag of this process, which the kernel
    // checks at each page fault (so it holds for memory mimalloc has already reserved, too).
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0)
    };
    /// `mi_option_purge_delay` in mimalloc 3's `mi_option_t` (libmimalloc-sys names no constant for
    /// it): the 16th option, as `MIMALLOC_VERBOSE=1` lists them.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: mimalloc's options may be set at any time; this runs before any other thread starts.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 100) };
}

fn report_new(result: Result<(), Box<Diagnostic>>, what: &str, dir: &std::path::Path) -> ExitCode {
    match result {
        Ok(()) => {
            let dir = dir.display();
            eprintln!(
                "Created a new {what} in {dir}. Next:\n  \
                 boardpack serve --root {dir}    (a preview that follows your edits)\n  \
                 boardpack new paper --root {dir} --board example-board --date YYYY-MM-DD --item 3 --title \"Your report\"\n  \
                 boardpack check --root {dir} --deny-warnings && boardpack build --root {dir}    (the site, in public/)"
            );
            ExitCode::SUCCESS
        }
        Err(d) => {
            print_human(&[*d]);
            ExitCode::FAILURE
        }
    }
}

fn options(site: &SiteArgs, base_url: Option<String>) -> boardpack::Options {
    let cache = match (&site.cache, site.no_cache) {
        (_, true) => None,
        (Some(dir), false) => Some(dir.clone()),
        (None, false) => Some(boardpack::default_cache(&site.root)),
    };
    boardpack::Options {
        root: site.root.clone(),
        base_url,
        drafts: site.drafts,
        preview: false,
        as_of: site.as_of,
        pdf: !site.no_pdf,
        cache,
    }
}

/// Says what a `new` command wrote, or why it wrote nothing.
fn created(
    result: Result<std::path::PathBuf, Box<boardpack::diagnostics::Diagnostic>>,
) -> ExitCode {
    match result {
        Ok(path) => {
            eprintln!("Created {}", path.display());
            ExitCode::SUCCESS
        }
        Err(d) => {
            print_human(&[*d]);
            ExitCode::FAILURE
        }
    }
}

fn print_human(diags: &[Diagnostic]) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", diagnostics::render_human(diags, color));
}

fn build(args: BuildArgs) -> ExitCode {
    let opts = options(&args.site, args.base_url.clone());
    if !args.site.quiet {
        eprintln!("Building {} …", args.site.root.display());
    }
    let (checked, result) =
        boardpack::build(&opts, &args.output, args.force, args.site.deny_warnings);
    let errors = checked.diagnostics.error_count();
    let warnings = checked.diagnostics.warning_count();
    let mut diags = checked.diagnostics.into_sorted();
    if let Err(boardpack::BuildError::Write(e)) = &result {
        diags.push(boardpack::write_error_diagnostic(e));
    }
    print_human(&diags);
    match result {
        Ok(()) => {
            if !args.site.quiet || warnings > 0 {
                eprintln!(
                    "Built {} pages ({} files) into {} in {} ms; {}",
                    checked.pages,
                    checked.files,
                    args.output.display(),
                    checked.elapsed.as_millis(),
                    diagnostics::summary(errors, warnings)
                );
            }
            ExitCode::SUCCESS
        }
        Err(boardpack::BuildError::Invalid) => {
            eprintln!(
                "Nothing was written: {}. Fix the problems above and build again.",
                judged(errors, warnings, args.site.deny_warnings)
            );
            ExitCode::FAILURE
        }
        Err(boardpack::BuildError::Write(_)) => {
            eprintln!("Nothing was written; the previous site (if any) is unchanged.");
            ExitCode::FAILURE
        }
    }
}

/// The count of errors and warnings, saying so when the warnings alone fail the run
/// (`--deny-warnings`): "0 errors, 1 warning" with exit status 1 reads like a bug otherwise.
fn judged(errors: usize, warnings: usize, deny_warnings: bool) -> String {
    let counts = diagnostics::summary(errors, warnings);
    if deny_warnings && warnings > 0 {
        format!("{counts} (--deny-warnings: warnings fail the run)")
    } else {
        counts
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let opts = options(&args.site, None);
    let checked = boardpack::check(&opts);
    let errors = checked.diagnostics.error_count();
    let warnings = checked.diagnostics.warning_count();
    let failed = errors > 0 || (args.site.deny_warnings && warnings > 0);
    let diags = checked.diagnostics.into_sorted();
    let summary = format!(
        "Checked {} pages in {} ms: {}",
        checked.pages,
        checked.elapsed.as_millis(),
        judged(errors, warnings, args.site.deny_warnings)
    );
    match args.format {
        Format::Human => {
            print_human(&diags);
            if !args.site.quiet || failed {
                eprintln!("{summary}");
            }
        }
        // Standard output holds only the diagnostics, one per line, for tools to read; the summary
        // goes to standard error, where a person watching CI sees why it failed.
        Format::Json => {
            for d in &diags {
                println!(
                    "{}",
                    serde_json::to_string(&JsonDiagnostic::from(d)).unwrap_or_default()
                );
            }
            if !args.site.quiet || failed {
                eprintln!("{summary}");
            }
        }
        Format::Github => {
            for d in &diags {
                println!("{}", diagnostics::render_github(d));
            }
            if !args.site.quiet || failed {
                eprintln!("{summary}");
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn import(args: ImportArgs) -> ExitCode {
    let root = args.meeting.root;
    let options = boardpack::import::Options {
        root: root.clone(),
        board: args.meeting.board,
        date: args.meeting.date,
        item: args.item,
        split_appendices: args.split_appendices,
    };
    let imported = match boardpack::import::import(&args.files, &options) {
        Ok(i) => i,
        Err(diags) => {
            print_human(&diags);
            eprintln!("Nothing was imported. Fix the problems above and run the command again.");
            return ExitCode::FAILURE;
        }
    };
    if args.dry_run {
        for i in &imported {
            for (path, bytes) in &i.files {
                if path.extension().is_some_and(|e| e == "md") {
                    println!("==> {} <==", path.display());
                    println!("{}", String::from_utf8_lossy(bytes));
                }
            }
            print!("{}", boardpack::import::report_text(i, &root));
        }
        eprintln!("Dry run: nothing was written.");
        return ExitCode::SUCCESS;
    }
    // Written and checked; taken back whole when the check finds an error in a new file.
    let diags = match boardpack::import::write_checked(&root, &imported) {
        Ok(diags) => diags,
        Err(diags) => {
            print_human(&diags);
            eprintln!("Nothing was imported. Fix the problems above and run the command again.");
            return ExitCode::FAILURE;
        }
    };
    for i in &imported {
        print!("{}", boardpack::import::report_text(i, &root));
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    if !diags.is_empty() {
        println!("boardpack check on the imported files:");
        print_human(&diags);
    }
    println!(
        "Imported {} report{}; check: {}.",
        imported.len(),
        if imported.len() == 1 { "" } else { "s" },
        diagnostics::summary(errors, diags.len() - errors)
    );
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn serve(args: ServeArgs) -> ExitCode {
    let options = boardpack::serve::ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        open: args.open,
        as_of: args.as_of,
    };
    match boardpack::serve::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
