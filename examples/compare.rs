//! Throughput side by side, in one process and one thread: html5ever into rcdom plus a walk over
//! every node (the floor of a design that parses with html5ever), corestory, and dom_smoothie
//! (a Rust port of Readability.js), over the same pages; with `--python`, also the two Python
//! extractors of the field, Resiliparse and trafilatura.
//!
//! ```text
//! cargo run --release --example compare -- DIR [--rounds N] [--python PATH]
//!     [--only rcdom|corestory|dom_smoothie|resiliparse|trafilatura]
//! ```
//!
//! Reads every `*.html` file of DIR (not recursive) into memory as text first (invalid UTF-8
//! replaced), so that no engine pays for reading or decoding. Each round runs every engine
//! over all the pages, the engines in a rotating order so that a busy spell of the machine
//! does not fall on one engine only; the table gives each engine's best and median round in MB
//! of HTML per second. `--only` runs one engine, to time it as a whole process
//! (`/usr/bin/time`) or profile it (`valgrind --tool=callgrind`).
//!
//! `--python PATH` names a Python interpreter with `resiliparse` and/or `trafilatura` installed
//! (`python3 -m venv target/pyenv && target/pyenv/bin/pip install resiliparse trafilatura
//! lxml_html_clean`); an engine whose import fails is left out, with a note on stderr. One
//! Python process serves the whole run: it is started, imports its engines and reads the same
//! files, decoded the same way (`bytes.decode('utf-8', 'replace')`), before any timing, then
//! times each of its turns itself (`time.perf_counter()` around the extraction of all the
//! pages: `extract_plain_text(HTMLTree.parse(html), main_content=True)` for Resiliparse,
//! `trafilatura.extract(html)` for trafilatura), answering one line per turn on its stdout.
//! Its turns come in the same rotation as the Rust engines'.

use corestory::Extractor;
#[path = "common/rcdom_walk.rs"]
mod rcdom_walk;
use rcdom_walk::rcdom_parse_walk;
use std::hint::black_box;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitCode, Stdio};
use std::time::Instant;

/// mimalloc, unless built with `--features system-alloc` (see Cargo.toml): the library sets no
/// allocator; this binary picks one, as a user's binary would.
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: compare DIR [--rounds N] [--python PATH] \
                     [--only rcdom|corestory|dom_smoothie|resiliparse|trafilatura]";

const ENGINES: &[&str] = &["rcdom", "corestory", "dom_smoothie"];

/// The engines run by the Python child (`--python`).
const PY_ENGINES: &[&str] = &["resiliparse", "trafilatura"];

/// The Python side, run as `python -c PY_SCRIPT ENGINE...`. It imports the engines named in
/// its arguments and says on its protocol stream, one line each, `ok NAME` or `skip NAME
/// REASON`, then `ready`. Then it reads commands on stdin, one a line: `load N` followed by N
/// lines of file paths (it reads and decodes them, and answers `loaded PAGES BYTES`, BYTES
/// the length of the decoded text in UTF-8), `run NAME` (answers `SECONDS CHARS ERRORS`: the
/// seconds of one pass of the engine over every page, the characters of output, and the
/// pages on which the engine raised), and `quit`. Anything the libraries print goes to
/// stderr: the protocol stream is the process's original stdout, kept apart.
const PY_SCRIPT: &str = r#"
import os, sys, time

proto = os.fdopen(os.dup(1), 'w', encoding='utf-8', errors='replace')
os.dup2(2, 1)
sys.stdout = sys.stderr

def say(line):
    proto.write(line + '\n')
    proto.flush()

def load_resiliparse():
    from resiliparse.parse.html import HTMLTree
    from resiliparse.extract.html2text import extract_plain_text
    return lambda html: extract_plain_text(HTMLTree.parse(html), main_content=True)

def load_trafilatura():
    import trafilatura
    return lambda html: trafilatura.extract(html)

loaders = {'resiliparse': load_resiliparse, 'trafilatura': load_trafilatura}
engines = {}
for name in sys.argv[1:]:
    try:
        engines[name] = loaders[name]()
        say('ok ' + name)
    except Exception as e:
        say('skip %s %s: %s' % (name, type(e).__name__, str(e).replace('\n', ' ')))
say('ready')

pages = []
stdin = sys.stdin.buffer
while True:
    line = stdin.readline()
    if not line:
        break
    cmd = line.rstrip(b'\n').decode('utf-8').split(' ')
    if cmd[0] == 'load':
        paths = [stdin.readline().rstrip(b'\n') for _ in range(int(cmd[1]))]
        pages = []
        for p in paths:
            with open(p, 'rb') as f:
                pages.append(f.read().decode('utf-8', 'replace'))
        say('loaded %d %d' % (len(pages), sum(len(s.encode('utf-8')) for s in pages)))
    elif cmd[0] == 'run':
        extract = engines[cmd[1]]
        chars = 0
        errors = 0
        start = time.perf_counter()
        for html in pages:
            try:
                text = extract(html)
            except Exception:
                errors += 1
                continue
            if text:
                chars += len(text)
        seconds = time.perf_counter() - start
        say('%r %d %d' % (seconds, chars, errors))
    elif cmd[0] == 'quit':
        break
"#;

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

/// The long-lived Python child that runs the Python engines.
struct Python {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    /// Pages on which an engine raised, by engine, over all its rounds.
    errors: Vec<(&'static str, u64)>,
}

impl Python {
    /// Starts `python` with the script and has it import `wanted`; the engines it could
    /// import, and the Python process.
    fn start(
        python: &Path,
        wanted: &[&'static str],
    ) -> Result<(Python, Vec<&'static str>), String> {
        let mut child = Command::new(python)
            .arg("-c")
            .arg(PY_SCRIPT)
            .args(wanted)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| {
                format!(
                    "cannot run the Python interpreter {}: {e}",
                    python.display()
                )
            })?;
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut py = Python {
            child,
            stdin,
            stdout,
            errors: Vec::new(),
        };
        let mut ready = Vec::new();
        loop {
            let line = py
                .read_line()
                .map_err(|e| format!("{e}; is {} a Python 3 interpreter?", python.display()))?;
            if line == "ready" {
                break;
            }
            if let Some(name) = line.strip_prefix("ok ") {
                if let Some(engine) = wanted.iter().find(|e| **e == name) {
                    ready.push(*engine);
                }
            } else if let Some((name, why)) =
                line.strip_prefix("skip ").and_then(|r| r.split_once(' '))
            {
                eprintln!("compare: leaving out {name}, which Python cannot import: {why}");
            } else {
                return Err(py.protocol_error(&line));
            }
        }
        Ok((py, ready))
    }

    /// One line of the protocol, without its newline; an error if the process has ended.
    fn read_line(&mut self) -> Result<String, String> {
        let mut line = String::new();
        match self.stdout.read_line(&mut line) {
            Ok(0) => {
                let status = self
                    .child
                    .wait()
                    .map_or_else(|e| e.to_string(), |s| s.to_string());
                Err(format!("the Python process ended unexpectedly ({status})"))
            }
            Err(e) => {
                let _ = self.child.kill();
                Err(format!("cannot read from the Python process: {e}"))
            }
            Ok(_) => Ok(line.trim_end_matches(['\n', '\r']).to_owned()),
        }
    }

    fn send(&mut self, text: &[u8]) -> Result<(), String> {
        self.stdin
            .write_all(text)
            .and_then(|()| self.stdin.flush())
            .map_err(|e| format!("cannot write to the Python process: {e}"))
    }

    fn protocol_error(&mut self, line: &str) -> String {
        let _ = self.child.kill();
        format!("unexpected answer from the Python process: {line:?}")
    }

    /// Has Python read and decode `paths`; the pages and bytes it holds.
    fn load(&mut self, paths: &[PathBuf]) -> Result<(usize, usize), String> {
        let mut msg = format!("load {}\n", paths.len()).into_bytes();
        for p in paths {
            let bytes = p.as_os_str().as_encoded_bytes();
            if bytes.contains(&b'\n') {
                return Err(format!("{}: a newline in a file name", p.display()));
            }
            msg.extend_from_slice(bytes);
            msg.push(b'\n');
        }
        self.send(&msg)?;
        let line = self.read_line()?;
        let mut fields = line.split(' ');
        match (fields.next(), fields.next(), fields.next(), fields.next()) {
            (Some("loaded"), Some(pages), Some(bytes), None) => {
                match (pages.parse(), bytes.parse()) {
                    (Ok(pages), Ok(bytes)) => Ok((pages, bytes)),
                    _ => Err(self.protocol_error(&line)),
                }
            }
            _ => Err(self.protocol_error(&line)),
        }
    }

    /// Runs one engine over every page; the seconds Python measured and the characters of
    /// output.
    fn run(&mut self, engine: &'static str) -> Result<(f64, usize), String> {
        self.send(format!("run {engine}\n").as_bytes())?;
        let line = self.read_line()?;
        let mut fields = line.split(' ');
        let (Some(secs), Some(chars), Some(errors), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(self.protocol_error(&line));
        };
        let (Ok(secs), Ok(chars), Ok(errors)) = (
            secs.parse::<f64>(),
            chars.parse::<usize>(),
            errors.parse::<u64>(),
        ) else {
            return Err(self.protocol_error(&line));
        };
        if errors > 0 {
            match self.errors.iter_mut().find(|(e, _)| *e == engine) {
                Some((_, n)) => *n += errors,
                None => self.errors.push((engine, errors)),
            }
        }
        Ok((secs, chars))
    }

    fn quit(mut self) {
        let _ = self.send(b"quit\n");
        let _ = self.child.wait();
    }
}

struct Args {
    dir: PathBuf,
    rounds: usize,
    engines: Vec<&'static str>,
    python: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut dir = None;
    let mut rounds = 5;
    let mut only = None;
    let mut python = None;
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
                    .chain(PY_ENGINES)
                    .find(|e| **e == name)
                    .ok_or_else(|| format!("unknown engine {name:?}\n{USAGE}"))?;
                only = Some(*engine);
            }
            "--python" => {
                python = Some(PathBuf::from(
                    args.next()
                        .ok_or("--python wants the path of a Python interpreter")?,
                ));
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            _ if dir.is_none() && !arg.starts_with("--") => dir = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg:?}\n{USAGE}")),
        }
    }
    let engines = match only {
        Some(engine) if PY_ENGINES.contains(&engine) && python.is_none() => {
            return Err(format!("--only {engine} needs --python PATH"));
        }
        Some(engine) => vec![engine],
        None if python.is_some() => ENGINES.iter().chain(PY_ENGINES).copied().collect(),
        None => ENGINES.to_vec(),
    };
    Ok(Args {
        dir: dir.ok_or(USAGE)?,
        rounds,
        engines,
        python,
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
    match compare(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("compare: {e}");
            ExitCode::from(2)
        }
    }
}

fn compare(mut args: Args) -> Result<(), String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&args.dir)
        .map_err(|e| format!("{}: {e}", args.dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    paths.sort();
    // The files read, for Python to read the very same ones.
    let (paths, pages): (Vec<PathBuf>, Vec<String>) = paths
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            Some((p, String::from_utf8_lossy(&bytes).into_owned()))
        })
        .unzip();
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut python = None;
    if let Some(interpreter) = &args.python {
        let wanted: Vec<&'static str> = args
            .engines
            .iter()
            .copied()
            .filter(|e| PY_ENGINES.contains(e))
            .collect();
        if !wanted.is_empty() {
            let (mut py, ready) = Python::start(interpreter, &wanted)?;
            args.engines
                .retain(|e| !PY_ENGINES.contains(e) || ready.contains(e));
            if args.engines.is_empty() {
                py.quit();
                return Err("no engine left to run".to_owned());
            }
            if ready.is_empty() {
                py.quit();
            } else {
                let (py_pages, py_bytes) = py.load(&paths)?;
                if (py_pages, py_bytes) != (pages.len(), bytes) {
                    eprintln!(
                        "compare: Python holds {py_pages} pages, {py_bytes} bytes; Rust \
                         {} pages, {bytes} bytes",
                        pages.len()
                    );
                }
                python = Some(py);
            }
        }
    }
    // Built (and its vocabulary indexed) before timing, as a long-running user would.
    let extractor = Extractor::new();
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); args.engines.len()];
    for round in 0..args.rounds {
        for k in 0..args.engines.len() {
            let e = (round + k) % args.engines.len();
            let engine = args.engines[e];
            let seconds = match python.as_mut() {
                Some(py) if PY_ENGINES.contains(&engine) => black_box(py.run(engine)?).0,
                _ => {
                    let start = Instant::now();
                    black_box(run(engine, &extractor, &pages));
                    start.elapsed().as_secs_f64()
                }
            };
            times[e].push(seconds);
        }
    }
    if let Some(py) = python {
        for (engine, n) in &py.errors {
            eprintln!("compare: {engine} raised on {n} pages (over all rounds)");
        }
        py.quit();
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
    Ok(())
}
