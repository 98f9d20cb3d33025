//! The command line: argument parsing and printing only; the work is in the library.

use baucu::diagnostics::{Lang, Localized};
use baucu::NewOptions;
use baucu::{human_report, json_report, HumanOptions, LoadError, Options, Report, RunError};
use baucu::{ImportError, ImportOptions, Reporter, ServeError, ServeOptions, Server};
use clap::{Args, Parser, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// Rendering allocates many small strings from both cores at once; mimalloc does that
// with less contention than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Builds bilingual (Vietnamese/English) static election portals, one per province,
/// from Markdown news and YAML candidate lists, electoral units, results and FAQs.
#[derive(Parser)]
#[command(name = "baucu", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the content and build every province's portal into <out>/<province>/.
    /// Nothing is published if any error is found; the previous output stays as it was.
    Build(BuildArgs),
    /// Check the content (every rule of the content format and the election law)
    /// without writing anything. Exits with 1 when there are errors.
    Check(CommonArgs),
    /// Start a portal project for a province: baucu.yaml (the 2026 election, its levels
    /// and the law's numbers), content/_shared/ (national FAQ, timeline, documents) and
    /// content/<province>/ (every commune and ward, a first news item). In a folder
    /// that is already a project, adds the province beside the others and changes
    /// nothing else. Nothing is written on any error.
    New(NewArgs),
    /// List what to upload and delete to turn a published site into a new build: new
    /// and changed assets first, then pages, then feeds and sitemaps, deletions last.
    Diff(DiffArgs),
    /// Preview the portals while editing: build into a preview folder (not public/),
    /// serve each province on its own port of 127.0.0.1, rebuild what changed when a
    /// file of content/, themes/ or baucu.yaml is saved, and reload the open pages.
    /// Mistakes are shown on the pages; Ctrl-C stops.
    Serve(ServeArgs),
    /// Turn an official list kept as a spreadsheet (.xlsx, .ods, .csv) into the
    /// project's YAML files. Every problem is reported with its sheet and cell; on any
    /// error nothing is written.
    #[command(subcommand)]
    Import(ImportCommand),
}

#[derive(Subcommand)]
enum ImportCommand {
    /// The "Danh sách chính thức những người ứng cử" of one level into
    /// candidates/<level>.yaml (or candidates/<level>/<commune>.yaml). Ids, photos,
    /// bios and translations already in the project are kept.
    Candidates(ImportArgs),
    /// A list of electoral units (number, seats, the communes each is made of, or
    /// the area of a commune-wide level's unit) into units/<level>.yaml (or
    /// units/<level>/<commune>.yaml). Communes are read by name, whatever the tone
    /// marks, with or without "xã"/"phường".
    Units(ImportArgs),
    /// The result minutes of a level ("Biên bản xác định kết quả bầu cử": per unit,
    /// voters, ballots cast and valid ballots; per candidate, votes and whether
    /// elected) into results/<level>.yaml (or results/<level>/<commune>.yaml).
    /// Candidates are found by name within their unit; units the file does not give
    /// keep their results.
    Results(ResultsArgs),
}

#[derive(Args)]
struct ResultsArgs {
    #[command(flatten)]
    import: ImportArgs,
    /// Mark the imported results provisional (not yet confirmed by the election
    /// committee); official otherwise
    #[arg(long)]
    provisional: bool,
}

#[derive(Args)]
struct ImportArgs {
    /// The spreadsheet: .xlsx, .ods or .csv (UTF-8)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The level, as baucu.yaml names it (e.g. quoc-hoi)
    #[arg(long, value_name = "L")]
    level: String,
    /// The province (its folder name under content/) [default: the only one]
    #[arg(long, value_name = "P")]
    province: Option<String>,
    /// The commune of a commune-wide level: its code or name [default: the one the
    /// file's title names]
    #[arg(long, value_name = "C")]
    commune: Option<String>,
    /// The project folder, holding baucu.yaml and content/ [default: the current directory]
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Output format of the problems found: human or json
    #[arg(long, value_name = "FORMAT", default_value = "human")]
    format: Format,
    /// Language of the messages: vi or en [default: from the locale]
    #[arg(long, value_name = "LANG")]
    lang: Option<LangArg>,
}

#[derive(Args)]
struct NewArgs {
    /// The project folder: a new or empty folder, or an existing project (with
    /// baucu.yaml) to add the province to
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// The province or city (34 since 2025): its folder name (quang-ninh), its name
    /// with or without tone marks, in any case ("Quảng Ninh", "ha noi", "Thành phố Hà
    /// Nội"), or its statistics office code (22, 01)
    #[arg(long, value_name = "P")]
    province: String,
    /// Language of the messages: vi (Tiếng Việt) or en (English)
    /// [default: from LC_ALL, LC_MESSAGES or LANG; Vietnamese unless they say en]
    #[arg(long, value_name = "LANG")]
    lang: Option<LangArg>,
}

#[derive(Args)]
struct DiffArgs {
    /// The manifest of the published site (its .baucu-manifest.json)
    #[arg(value_name = "OLD_MANIFEST")]
    old: PathBuf,
    /// The new build of the same province: public/<province>
    #[arg(value_name = "NEW_DIR")]
    new: PathBuf,
    /// Output: human (`upload PATH`, `delete PATH`, one per line) or json
    #[arg(long, value_name = "FORMAT", default_value = "human")]
    format: Format,
    /// Language of the messages: vi or en [default: from the locale]
    #[arg(long, value_name = "LANG")]
    lang: Option<LangArg>,
}

#[derive(Args)]
struct CommonArgs {
    /// The project folder, holding baucu.yaml and content/ [default: the current directory]
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Only this province (its folder name under content/); repeat for several
    #[arg(long = "province", value_name = "ID")]
    provinces: Vec<String>,
    /// Output format of the problems found: human (with hints) or json (for programs)
    #[arg(long, value_name = "FORMAT", default_value = "human")]
    format: Format,
    /// Language of the messages: vi (Tiếng Việt) or en (English)
    /// [default: from LC_ALL, LC_MESSAGES or LANG; Vietnamese unless they say en]
    #[arg(long, value_name = "LANG")]
    lang: Option<LangArg>,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Where to write the sites [default: <root>/public]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Also publish news and pages marked `draft: true`
    #[arg(long)]
    drafts: bool,
    /// Print the time spent in each stage of the pipeline (load, link, check, search
    /// index, render, write, publish)
    #[arg(long)]
    timings: bool,
    /// Ignore the build cache: render every page and write every file again
    #[arg(long)]
    clean: bool,
    /// Leave out the precompressed .br and .gz copies of the text files (for hosts
    /// that compress on the fly)
    #[arg(long)]
    no_precompress: bool,
    /// Also make the national portal (baucu.yaml's `national:`) when building only
    /// some provinces with --province; a build of every province always makes it
    #[arg(long)]
    national: bool,
}

#[derive(Args)]
struct ServeArgs {
    /// The project folder, holding baucu.yaml and content/ [default: the current directory]
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Only this province (its folder name under content/); repeat for several
    #[arg(long = "province", value_name = "ID")]
    provinces: Vec<String>,
    /// Port of the first province; the others get the following ports
    /// [default: a free port for each]
    #[arg(long, value_name = "N")]
    port: Option<u16>,
    /// Also show news and pages marked `draft: true`, with a "draft" banner
    #[arg(long)]
    drafts: bool,
    /// Where to build the preview [default: <root>/.baucu-serve]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Language of the messages and of the error overlay: vi or en
    /// [default: from LC_ALL, LC_MESSAGES or LANG; Vietnamese unless they say en]
    #[arg(long, value_name = "LANG")]
    lang: Option<LangArg>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LangArg {
    Vi,
    En,
}

/// A message of the command line itself, in both languages.
fn tr(vi: impl Into<String>, en: impl Into<String>) -> Localized {
    Localized::new(vi, en)
}

/// Runs a build or check, a panic in it (a bug) reported as [`RunError::Crashed`].
fn caught(run: impl FnOnce() -> Result<Report, RunError>) -> Result<Report, RunError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run))
        .unwrap_or_else(|payload| Err(RunError::crashed(payload.as_ref())))
}

fn main() -> ExitCode {
    baucu::quiet_panics();
    // Output piped into `head` that stops reading: end quietly, as other Unix tools
    // do, instead of panicking in `println!` (Rust ignores SIGPIPE by default).
    // SAFETY: restoring the default action of one signal, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let common = match &cli.command {
        Command::Build(args) => &args.common,
        Command::Check(args) => args,
        Command::Diff(args) => return diff(args),
        Command::Serve(args) => return serve(args, language(args.lang)),
        Command::New(args) => return new(args),
        Command::Import(command) => return import(command),
    };
    let lang = language(common.lang);
    let mut wall = std::time::Duration::ZERO;
    let (result, building) = match &cli.command {
        Command::Build(args) => {
            let options = Options {
                out: args.out.clone(),
                drafts: args.drafts,
                clean: args.clean,
                no_precompress: args.no_precompress,
                national: args.national,
                progress: true,
                ..options(&args.common)
            };
            let start = std::time::Instant::now();
            let result = caught(|| baucu::build(&options));
            wall = start.elapsed();
            (result, true)
        }
        Command::Check(args) => (caught(|| baucu::check_project(&options(args))), false),
        Command::Diff(_) | Command::New(_) => unreachable!("handled above"),
        Command::Serve(_) => unreachable!("served above"),
        Command::Import(_) => unreachable!("imported above"),
    };
    match result {
        Ok(report) => {
            print_report(&report, common.format, lang, building, &common.root, true);
            if let Command::Build(BuildArgs { timings: true, .. }) = &cli.command {
                for (stage, elapsed) in &report.timings.stages {
                    eprintln!("{stage:>24}: {:8.3} s", elapsed.as_secs_f64());
                }
                let total: f64 = report
                    .timings
                    .stages
                    .iter()
                    .map(|(_, d)| d.as_secs_f64())
                    .sum();
                // Provinces are made side by side: stages can sum to more than
                // the wall time.
                eprintln!("{:>24}: {total:8.3} s", "sum of stages");
                eprintln!("{:>24}: {:8.3} s", "total", wall.as_secs_f64());
                let mut templates = report.timings.templates.clone();
                templates.sort_by_key(|t| std::cmp::Reverse(t.2));
                for (template, pages, elapsed) in templates {
                    let seconds = elapsed.as_secs_f64();
                    eprintln!(
                        "{template:>24}: {seconds:8.3} s for {pages} pages ({:.3} ms each)",
                        seconds * 1000.0 / pages.max(1) as f64
                    );
                }
            }
            if report.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            let (message, hint) = run_error(&e);
            print_failure(&message, hint.as_ref(), lang);
            ExitCode::from(2)
        }
    }
}

fn language(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Vi) => Lang::Vi,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    }
}

/// `baucu diff`: the steps on standard output, a summary on standard error.
fn diff(args: &DiffArgs) -> ExitCode {
    let lang = language(args.lang);
    match baucu::diff(&args.old, &args.new) {
        Ok(plan) => {
            let text = match args.format {
                Format::Human => plan.human(),
                Format::Json => plan.json() + "\n",
            };
            // A reader that stops early (`| head`) is no error.
            let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
            let (uploads, deletions) = (plan.uploads().count(), plan.deletions().count());
            let kb = plan.uploads().map(|s| s.size).sum::<u64>().div_ceil(1024);
            let summary = tr(
                format!("{uploads} tệp cần tải lên ({kb} KB), {deletions} tệp cần xóa."),
                format!("{uploads} file(s) to upload ({kb} KB), {deletions} to delete."),
            );
            eprintln!("{}", summary.get(lang));
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("baucu: {}", message.get(lang));
            ExitCode::from(2)
        }
    }
}

/// `baucu new`: what was written and what to do next on standard output; why nothing
/// was written on standard error.
fn new(args: &NewArgs) -> ExitCode {
    let lang = language(args.lang);
    let options = NewOptions {
        dir: args.dir.clone(),
        province: args.province.clone(),
        today: None,
    };
    match baucu::new_project(&options) {
        Ok(created) => {
            println!("{}", created.message().get(lang));
            ExitCode::SUCCESS
        }
        Err(e) => {
            print_failure(&e.message(), e.hint().as_ref(), lang);
            ExitCode::from(2)
        }
    }
}

/// `baucu import candidates|units|results`: the problems and what was written on standard error
/// (or JSON on standard output); exit 1 when the sheet has errors.
fn import(command: &ImportCommand) -> ExitCode {
    let (args, run, provisional): (_, fn(&ImportOptions) -> _, _) = match command {
        ImportCommand::Candidates(args) => (args, baucu::import_candidates, false),
        ImportCommand::Units(args) => (args, baucu::import_units, false),
        ImportCommand::Results(args) => (&args.import, baucu::import_results, args.provisional),
    };
    let lang = language(args.lang);
    let options = ImportOptions {
        root: args.root.clone(),
        file: args.file.clone(),
        level: args.level.clone(),
        province: args.province.clone(),
        commune: args.commune.clone(),
        provisional,
        progress: matches!(args.format, Format::Human).then_some(lang),
    };
    let result = std::panic::catch_unwind(|| run(&options));
    match result {
        Ok(Ok(report)) => {
            match args.format {
                Format::Human => eprint!("{}", report.human(&args.root, lang)),
                Format::Json => {
                    let text = report.json(lang) + "\n";
                    let _ =
                        std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
                }
            }
            ExitCode::from(if report.has_errors() { 1 } else { 0 })
        }
        Ok(Err(ImportError { message, hint })) => {
            print_failure(&message, hint.as_ref(), lang);
            ExitCode::from(2)
        }
        Err(payload) => {
            let (message, hint) = run_error(&RunError::crashed(payload.as_ref()));
            print_failure(&message, hint.as_ref(), lang);
            ExitCode::from(2)
        }
    }
}

/// `baucu: <message>` and the hint, when baucu could not run.
fn print_failure(message: &Localized, hint: Option<&Localized>, lang: Lang) {
    eprintln!("baucu: {}", message.get(lang));
    if let Some(hint) = hint {
        let label = match lang {
            Lang::Vi => "gợi ý",
            Lang::En => "hint",
        };
        eprintln!("{label}: {}", hint.get(lang));
    }
}

/// `baucu serve`: builds, prints the address of each portal, serves until Ctrl-C.
fn serve(args: &ServeArgs, lang: Lang) -> ExitCode {
    let options = ServeOptions {
        build: Options {
            root: args.root.clone(),
            out: args.out.clone(),
            provinces: args.provinces.clone(),
            drafts: args.drafts,
            today: None,
            clean: false,
            // The preview is served uncompressed from its own folder.
            no_precompress: true,
            national: false,
            progress: false,
        },
        port: args.port,
        lang,
    };
    let printer = Printer {
        lang,
        root: args.root.clone(),
    };
    let server = match Server::start(options, Box::new(printer)) {
        Ok(server) => server,
        Err(e) => {
            let (message, hint) = serve_error(&e);
            print_failure(&message, hint.as_ref(), lang);
            return ExitCode::from(2);
        }
    };
    let heading = tr(
        format!(
            "Xem trước (không phải bản công bố public/), dựng tại {}:",
            server.out().display()
        ),
        format!(
            "Preview (not the production public/), built in {}:",
            server.out().display()
        ),
    );
    println!("{}", heading.get(lang));
    let width = server
        .addresses()
        .iter()
        .map(|(p, _)| p.len())
        .max()
        .unwrap_or(0);
    for (province, address) in server.addresses() {
        println!("  {province:width$}  http://{address}/");
    }
    let watching = tr(
        "Đang theo dõi content/, themes/ và baucu.yaml; lưu tệp để xem thay đổi. Ctrl-C để dừng.",
        "Watching content/, themes/ and baucu.yaml; save a file to see the change. Ctrl-C stops.",
    );
    println!("{}", watching.get(lang));
    server.wait_for_stop();
    eprintln!("{}", tr("Đã dừng.", "Stopped.").get(lang));
    ExitCode::SUCCESS
}

/// Prints each build of `baucu serve` as `baucu build` does, and its time.
struct Printer {
    lang: Lang,
    root: PathBuf,
}

impl Reporter for Printer {
    fn built(&self, provinces: &[String], report: &Report, elapsed: std::time::Duration) {
        print_report(report, Format::Human, self.lang, true, &self.root, false);
        let (names, ms) = (provinces.join(", "), elapsed.as_millis());
        let done = if report.has_errors() {
            tr(
                format!(
                    "{names}: có lỗi sau {ms} ms; trang vẫn hiển thị bản dựng không lỗi gần nhất."
                ),
                format!("{names}: errors after {ms} ms; the pages still show the last good build."),
            )
        } else {
            let changed: usize = report.sites.iter().map(|s| s.changed.len()).sum();
            tr(
                format!("{names}: dựng xong trong {ms} ms, {changed} tệp thay đổi."),
                format!("{names}: built in {ms} ms, {changed} file(s) changed."),
            )
        };
        eprintln!("{}", done.get(self.lang));
    }

    fn failed(&self, error: &RunError) {
        let (message, hint) = run_error(error);
        print_failure(&message, hint.as_ref(), self.lang);
    }
}

fn serve_error(e: &ServeError) -> (Localized, Option<Localized>) {
    match e {
        ServeError::Run(e) => run_error(e),
        ServeError::NoProvince => (
            tr(
                "không có tỉnh nào trong content/",
                "no province under content/",
            ),
            Some(tr(
                "mỗi cổng thông tin là một thư mục content/<tỉnh>/ có province.yaml",
                "each portal is a folder content/<province>/ holding province.yaml",
            )),
        ),
        ServeError::Listen { port, error } => (
            tr(
                format!("không mở được cổng 127.0.0.1:{port}: {error}"),
                format!("cannot listen on 127.0.0.1:{port}: {error}"),
            ),
            Some(tr(
                "chọn cổng khác với --port N (các tỉnh dùng N, N+1, …), hoặc bỏ --port để dùng cổng trống",
                "choose another --port N (provinces use N, N+1, …), or leave --port out for free ports",
            )),
        ),
        ServeError::Out(dir, error) => (
            tr(
                format!("không tạo được thư mục xem trước {}: {error}", dir.display()),
                format!("cannot create the preview folder {}: {error}", dir.display()),
            ),
            Some(tr("chọn thư mục khác với --out DIR", "choose another folder with --out DIR")),
        ),
        ServeError::System(error) => (
            tr(
                format!("không khởi động được bản xem trước: {error}"),
                format!("cannot start the preview: {error}"),
            ),
            None,
        ),
        ServeError::Watch(error) => (
            tr(
                format!("không theo dõi được thay đổi của dự án: {error}"),
                format!("cannot watch the project for changes: {error}"),
            ),
            Some(tr(
                "trên Linux, có thể cần tăng fs.inotify.max_user_watches",
                "on Linux, fs.inotify.max_user_watches may need raising",
            )),
        ),
    }
}

fn run_error(e: &RunError) -> (Localized, Option<Localized>) {
    match e {
        RunError::Load(LoadError::Unreadable(path)) => {
            let path = path.display();
            (
                tr(
                    format!("không đọc được thư mục {path}"),
                    format!("{path} is not a directory that can be read"),
                ),
                Some(tr(
                    "chạy baucu trong thư mục dự án (thư mục có baucu.yaml), hoặc dùng --root DIR",
                    "run baucu in the project folder (the one with baucu.yaml), or pass --root DIR",
                )),
            )
        }
        RunError::Load(LoadError::UnknownProvince(id)) => (
            tr(
                format!("không có tỉnh `{id}` trong content/"),
                format!("no province named `{id}` under content/"),
            ),
            Some(tr(
                "--province nhận tên một thư mục trong content/, ví dụ --province quang-ninh",
                "--province takes the name of a folder of content/, e.g. --province quang-ninh",
            )),
        ),
        RunError::Write(message) => (
            tr(
                format!("không ghi được kết quả: {message}"),
                format!("cannot write the output: {message}"),
            ),
            Some(tr(
                "kiểm tra thư mục --out: có tồn tại, ghi được và còn chỗ trống; nội dung đã công bố trước đó giữ nguyên",
                "check the --out folder exists, is writable and has space; the previous output is unchanged",
            )),
        ),
        RunError::PartlyPublished { published, message } => {
            let published = published.join(", ");
            (
                tr(
                    format!("không ghi được kết quả: {message}"),
                    format!("cannot write the output: {message}"),
                ),
                Some(tr(
                    format!("các tỉnh {published} đã được công bố bản mới, các tỉnh còn lại giữ bản cũ; kiểm tra thư mục --out rồi chạy lại"),
                    format!("{published} published their new site, the other provinces kept their old one; check the --out folder and build again"),
                )),
            )
        }
        RunError::Crashed { message } => (
            tr(
                format!("baucu dừng vì một lỗi nội bộ: {message}"),
                format!("baucu stopped on an internal error: {message}"),
            ),
            Some(tr(
                "đây là lỗi của baucu, không phải của nội dung; nội dung đã công bố giữ nguyên. Hãy báo lỗi kèm tệp vừa sửa",
                "this is a bug in baucu, not in the content; the published output is unchanged. Please report it with the file you last changed",
            )),
        ),
        RunError::Locked { out } => {
            let out = out.display();
            (
                tr(
                    format!("một lệnh baucu khác đang ghi vào {out}"),
                    format!("another baucu build is writing to {out}"),
                ),
                Some(tr(
                    "chờ lệnh đó xong rồi chạy lại, hoặc dùng --out khác; nội dung đã công bố giữ nguyên",
                    "wait for it to finish and run again, or use another --out; the published output is unchanged",
                )),
            )
        }
    }
}

/// The options of `check`, and those `build` starts from.
fn options(args: &CommonArgs) -> Options {
    Options {
        root: args.root.clone(),
        provinces: args.provinces.clone(),
        ..Options::default()
    }
}

/// Prints the problems found and what was built; `with_coverage` adds the translation
/// summary.
fn print_report(
    report: &Report,
    format: Format,
    lang: Lang,
    building: bool,
    root: &Path,
    with_coverage: bool,
) {
    match format {
        Format::Json => println!("{}", json_report(report, lang)),
        Format::Human => {
            let options = HumanOptions {
                lang,
                building,
                coverage: with_coverage,
                colour: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            };
            eprint!("{}", human_report(report, root, &options));
        }
    }
}
