//! Prints the core story of one document.
//!
//! usage: strip [--format text|markdown|html|json] [--explain] [--html|--text] [--comments]
//!              [--no-tables] [--links] [--min-words N] [FILE|-]
//!
//! `--comments` keeps reader comments, `--no-tables` leaves data tables out, `--links` keeps
//! link targets (Markdown and HTML show them), `--min-words N` returns an empty story when
//! fewer than N words survive: the `ExtractorBuilder` settings of the same names.
//!
//! Exit status: 0 on success, 1 when the document cannot be extracted (too large, binary),
//! 2 on bad arguments or an unreadable file. Errors are one line on stderr.

use corestory::{Extraction, Extractor};
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: strip [--format text|markdown|html|json] [--explain] [--html|--text] \
                     [--comments] [--no-tables] [--links] [--min-words N] [FILE|-]";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Markdown,
    Html,
    Json,
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Sniff,
    Html,
    Text,
}

struct Args {
    format: Format,
    explain: bool,
    mode: Mode,
    input: Option<String>,
    comments: bool,
    tables: bool,
    links: bool,
    min_words: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        format: Format::Text,
        explain: false,
        mode: Mode::Sniff,
        input: None,
        comments: false,
        tables: true,
        links: false,
        min_words: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" | "-f" => {
                let v = it.next().ok_or("--format needs a value")?;
                args.format = match v.as_str() {
                    "text" => Format::Text,
                    "markdown" | "md" => Format::Markdown,
                    "html" => Format::Html,
                    "json" => Format::Json,
                    other => return Err(format!("unknown format {other:?}")),
                };
            }
            "--explain" => args.explain = true,
            "--comments" => args.comments = true,
            "--no-tables" => args.tables = false,
            "--links" => args.links = true,
            "--min-words" => {
                let v = it.next().ok_or("--min-words needs a value")?;
                args.min_words = v
                    .parse()
                    .map_err(|_| format!("--min-words wants a number, not {v:?}"))?;
            }
            "--html" => args.mode = Mode::Html,
            "--text" => args.mode = Mode::Text,
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option {s:?}")),
            _ if args.input.is_some() => return Err("only one input file".to_string()),
            _ => args.input = Some(a),
        }
    }
    Ok(args)
}

fn read_input(path: Option<&str>) -> Result<(Vec<u8>, bool), String> {
    match path {
        None | Some("-") => {
            if std::io::stdin().is_terminal() {
                return Err(format!("no input: give a FILE or pipe a document\n{USAGE}"));
            }
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            Ok((buf, false))
        }
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| format!("cannot read {p}: {e}"))?;
            let lower = p.to_ascii_lowercase();
            Ok((bytes, lower.ends_with(".html") || lower.ends_with(".htm")))
        }
    }
}

fn explain(ex: &Extraction, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<5} {:<12} {:<22} {:>6} {:>6}  text",
        "block", "category", "rule", "score", "thr"
    )?;
    for r in ex.removals() {
        let mut text: String = r.text.chars().take(70).collect();
        if r.text.chars().count() > 70 {
            text.push('…');
        }
        writeln!(
            out,
            "{:<5} {:<12} {:<22} {:>6.2} {:>6.2}  {}",
            r.block_index,
            r.category.as_str(),
            r.rule,
            r.score,
            r.threshold,
            text.replace('\n', " ")
        )?;
        writeln!(
            out,
            "{:<5} {:<12} {:<22} {:>6} {:>6}  why: {}{}",
            "",
            "",
            "",
            "",
            "",
            r.reason,
            r.dom_path
                .as_deref()
                .map(|p| format!(" [{p}]"))
                .unwrap_or_default()
        )?;
    }
    writeln!(
        out,
        "kept {} of {} blocks ({:?} pass)",
        ex.blocks().len(),
        ex.total_blocks(),
        ex.pass()
    )
}

fn json(ex: &Extraction) -> serde_json::Value {
    serde_json::json!({
        "title": ex.metadata().title,
        "text": ex.text(),
        "blocks": ex.blocks(),
        "metadata": ex.metadata(),
        "published_date": ex.metadata().published_date(),
        "pass": ex.pass(),
        "removed": ex.removals().iter().map(|r| serde_json::json!({
            "category": r.category,
            "rule": r.rule,
            "score": r.score,
            "threshold": r.threshold,
            "reason": r.reason,
            "text": r.text,
            "dom_path": r.dom_path,
        })).collect::<Vec<_>>(),
    })
}

fn run() -> Result<(), (u8, String)> {
    let args = parse_args().map_err(|e| {
        (
            2,
            if e.is_empty() {
                USAGE.to_string()
            } else {
                format!("{e}\n{USAGE}")
            },
        )
    })?;
    let (bytes, html_name) = read_input(args.input.as_deref()).map_err(|e| (2, e))?;
    let extractor = Extractor::builder()
        .include_comments(args.comments)
        .include_tables(args.tables)
        .include_links(args.links)
        .min_story_words(args.min_words)
        .build()
        .map_err(|e| (2, e.to_string()))?;
    let is_html = match args.mode {
        Mode::Html => true,
        Mode::Text => false,
        Mode::Sniff => {
            // The sniffer reads only the start; a character cut at the edge is replaced.
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]);
            html_name || corestory::looks_like_html(&head)
        }
    };
    let result = if is_html {
        extractor.extract_html_bytes(&bytes)
    } else {
        extractor.extract_text(&String::from_utf8_lossy(&bytes))
    };
    let ex = result.map_err(|e| (1, e.to_string()))?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = (|| -> std::io::Result<()> {
        match args.format {
            Format::Text => writeln!(out, "{}", ex.text())?,
            Format::Markdown => writeln!(out, "{}", ex.markdown())?,
            Format::Html => write!(out, "{}", ex.html())?,
            Format::Json => writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&json(&ex)).unwrap_or_default()
            )?,
        }
        if args.explain {
            explain(&ex, &mut std::io::stderr().lock())?;
        }
        out.flush()
    })();
    match written {
        // A closed pipe (`strip page.html | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err((1, format!("cannot write output: {e}"))),
        Ok(()) => Ok(()),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, msg)) => {
            eprintln!("strip: {msg}");
            ExitCode::from(code)
        }
    }
}
