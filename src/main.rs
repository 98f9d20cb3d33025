//! The command line: argument parsing and printing only; the work is in the library.

use baucu::diagnostics::{Diagnostic, Severity};
use baucu::{Options, Report, RunError};
use clap::{Args, Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

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
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
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
    let root = match &cli.command {
        Command::Build(args) => args.common.root.clone(),
        Command::Check(args) => args.root.clone(),
    };
    let root = root.as_path();
    let (result, format, building) = match &cli.command {
        Command::Build(args) => {
            let options = options(&args.common, args.out.clone(), args.drafts);
            (baucu::build(&options), args.common.format, true)
        }
        Command::Check(args) => (
            baucu::check_project(&options(args, None, false)),
            args.format,
            false,
        ),
    };
    match result {
        Ok(report) => {
            print_report(&report, format, building, root);
            if report.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("baucu: {e}");
            if let RunError::Load(_) = e {
                eprintln!("hint: run baucu in the project folder (the one with baucu.yaml), or pass --root DIR");
            }
            ExitCode::from(2)
        }
    }
}

fn options(args: &CommonArgs, out: Option<PathBuf>, drafts: bool) -> Options {
    Options {
        root: args.root.clone(),
        out,
        provinces: args.provinces.clone(),
        drafts,
        today: None,
    }
}

fn print_report(report: &Report, format: Format, building: bool, root: &std::path::Path) {
    match format {
        Format::Json => {
            let json = serde_json::json!({
                "diagnostics": report.diagnostics,
                "coverage": report.coverage,
                "errors": report.diagnostics.iter().filter(|d| d.is_error()).count(),
                "warnings": report.diagnostics.iter().filter(|d| !d.is_error()).count(),
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            );
        }
        Format::Human => {
            let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            for d in &report.diagnostics {
                eprintln!("{}", human(d, root, colour));
            }
            for c in &report.coverage {
                eprintln!("translation: {c}");
            }
            let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = report.diagnostics.len() - errors;
            if errors > 0 {
                eprintln!("{errors} error(s), {warnings} warning(s): nothing was published; the previous output is unchanged.");
            } else {
                for site in &report.sites {
                    eprintln!(
                        "built {}: {} pages, {} files, {} KB in {}",
                        site.province,
                        site.pages,
                        site.files,
                        site.bytes / 1024,
                        site.path.display()
                    );
                }
                if !building {
                    eprintln!("no errors, {warnings} warning(s)");
                }
            }
        }
    }
}

/// A diagnostic with the offending source line and a marker under the column.
fn human(d: &Diagnostic, root: &std::path::Path, colour: bool) -> String {
    let (label, code) = match d.severity {
        Severity::Error => ("error", "31"),
        Severity::Warning => ("warning", "33"),
    };
    let paint = |text: &str, code: &str| {
        if colour {
            format!("\x1b[1;{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = format!("{}: {}", paint(label, code), d.message);
    let mut place = d.file.display().to_string();
    if d.line > 0 {
        place.push_str(&format!(":{}", d.line));
        if d.column > 0 {
            place.push_str(&format!(":{}", d.column));
        }
    }
    out.push_str(&format!("\n  --> {place}"));
    if d.line > 0 {
        if let Some(line) = std::fs::read_to_string(root.join(&d.file))
            .ok()
            .and_then(|t| t.lines().nth(d.line - 1).map(str::to_string))
        {
            out.push_str(&format!("\n   | {line}"));
            if d.column > 0 {
                let pad: String = line
                    .chars()
                    .take(d.column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                out.push_str(&format!("\n   | {pad}{}", paint("^", code)));
            }
        }
    }
    if let Some(hint) = &d.hint {
        out.push_str(&format!("\n  = hint: {hint}"));
    }
    out
}
