//! Throughput side by side, in one process and one thread: html5ever into rcdom plus a walk over
//! every node (the floor of a design that parses with html5ever), corestory, and dom_smoothie
//! (a Rust port of Readability.js), over the same pages.
//!
//! ```text
//! cargo run --release --example compare -- DIR [--rounds N] [--only rcdom|corestory|dom_smoothie]
//! ```
//!
//! Reads every `*.html` file of DIR (not recursive) into memory as text first (invalid UTF-8
//! replaced), so that no engine pays for reading or decoding. Each round runs every engine
//! over all the pages, the engines in a rotating order so that a busy spell of the machine
//! does not fall on one engine only; the table gives each engine's best and median round in MB
//! of HTML per second. `--only` runs one engine, to time it as a whole process
//! (`/usr/bin/time`) or profile it (`valgrind --tool=callgrind`).

use corestory::Extractor;
#[path = "common/rcdom_walk.rs"]
mod rcdom_walk;
use rcdom_walk::rcdom_parse_walk;
use std::hint::black_box;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: compare DIR [--rounds N] [--only rcdom|corestory|dom_smoothie]";

const ENGINES: &[&str] = &["rcdom", "corestory", "dom_smoothie"];

fn corestory(extractor: &Extractor, html: &str) -> usize {
    extractor
        .extract_html(html)
        .map_or(0, |story| story.text().len())
}

fn dom_smoothie(html: &str) -> usize {
    dom_smoothie::Readability::new(html, None, None)
        .and_then(|mut r| r.parse())
        .map_or(0, |article| article.text_content.len())
}

/// Runs one engine over every page; the characters of output, so that nothing is optimised
/// away.
fn run(engine: &str, extractor: &Extractor, pages: &[String]) -> usize {
    pages
        .iter()
        .map(|page| match engine {
            "rcdom" => rcdom_parse_walk(black_box(page)),
            "corestory" => corestory(extractor, black_box(page)),
            _ => dom_smoothie(black_box(page)),
        })
        .sum()
}

struct Args {
    dir: PathBuf,
    rounds: usize,
    engines: Vec<&'static str>,
}

fn parse_args() -> Result<Args, String> {
    let mut dir = None;
    let mut rounds = 5;
    let mut engines: Vec<&'static str> = ENGINES.to_vec();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--rounds wants a positive integer")?;
            }
            "--only" => {
                let name = args.next().ok_or("--only wants an engine")?;
                let engine = ENGINES
                    .iter()
                    .find(|e| **e == name)
                    .ok_or_else(|| format!("unknown engine {name:?}"))?;
                engines = vec![engine];
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            _ if dir.is_none() && !arg.starts_with("--") => dir = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg:?}\n{USAGE}")),
        }
    }
    Ok(Args {
        dir: dir.ok_or(USAGE)?,
        rounds,
        engines,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&args.dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "html"))
            .collect(),
        Err(e) => {
            eprintln!("compare: {}: {e}", args.dir.display());
            return ExitCode::from(2);
        }
    };
    paths.sort();
    let pages: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let bytes: usize = pages.iter().map(String::len).sum();
    // Built (and its vocabulary indexed) before timing, as a long-running user would.
    let extractor = Extractor::new();
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); args.engines.len()];
    for round in 0..args.rounds {
        for k in 0..args.engines.len() {
            let e = (round + k) % args.engines.len();
            let start = Instant::now();
            black_box(run(args.engines[e], &extractor, &pages));
            times[e].push(start.elapsed().as_secs_f64());
        }
    }
    println!(
        "{} pages, {:.1} MB, {} rounds, one thread",
        pages.len(),
        bytes as f64 / 1e6,
        args.rounds
    );
    println!("{:<14} {:>10} {:>12}", "engine", "best MB/s", "median MB/s");
    for (engine, t) in args.engines.iter().zip(&mut times) {
        t.sort_by(f64::total_cmp);
        let mb = bytes as f64 / 1e6;
        println!(
            "{engine:<14} {:>10.1} {:>12.1}",
            mb / t[0],
            mb / t[t.len() / 2]
        );
    }
    ExitCode::SUCCESS
}
