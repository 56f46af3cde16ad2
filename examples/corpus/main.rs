//! Extract every document of a folder in parallel, report throughput and, given gold stories,
//! the figures of the reference scorer `tools/score.py` (aeb and words metrics).
//!
//! ```text
//! cargo run --release --example corpus -- --in DIR --out DIR [--jobs N] [--gold GOLD_DIR]
//!     [--format text|markdown|json] [--title keep|omit] [--meta META_JSONL]
//!     [--learn-sources] [--source NAME] [--model FILE|off]
//! ```
//!
//! Reads `*.html`, `*.htm`, `*.html.gz` and `*.txt` in DIR (not recursive) and writes each
//! story to `OUT/<stem>.txt` (`.md`, `.json`). A document that fails (error, unreadable, panic)
//! is named on stderr and gets an empty output file; the run goes on. The last line on stdout
//! is one JSON object with the counts, throughput and, with `--gold`, the scores.
//!
//! - `bytes` counts what the extractor was given (decompressed for `.html.gz`); `seconds` is
//!   the wall time of reading, extracting and writing, scoring excluded.
//! - `--title omit` scores (and in text format writes) the body without its title heading
//!   (`Extraction::body_text`), for gold stories that leave the title out, as aeb's and wcxb's
//!   do; the default `keep` writes `Extraction::text` (spam-dev's gold keeps the title).
//! - Scores use each story's plain text whatever `--format` is, so they equal
//!   `python3 tools/score.py CORPUS OUT` on a `--format text` run; a failed document scores as
//!   an empty story, a document without `GOLD_DIR/<stem>.txt` is not scored (`scored` counts
//!   those that are). `words_by_type` appears, as in score.py, when the scored documents span
//!   more than one page type (documents without one count as type `all`).
//! - With `--gold`, when the meta records have titles, authors or dates (wcxb's do), the line
//!   also scores the metadata found: `title_acc`, `author_acc`, `date_acc` with the number of
//!   documents each was measured on (`title_n`...) and how often what we output is right
//!   (`title_p`...); the matching rules are in `gold_meta.rs`.
//! - `--learn-sources` learns each source's repeated boilerplate first (`SourceMemory`): every
//!   document is extracted once and learnt into the memory of its source, the host of its
//!   canonical URL (`<link rel=canonical>`, `og:url`), then extracted again with that memory;
//!   documents without a URL are extracted as usual. `--source NAME` makes all documents one
//!   source named NAME (for a corpus without URLs) and implies `--learn-sources`. `seconds`
//!   then covers both passes; `sources` and `learnt_blocks` are reported.
//! - `--model FILE` extracts with a block classifier model of your own (written by
//!   `examples/train-model`), `--model off` with none (the region rules alone); by default the
//!   shipped model decides.

mod gold_meta;
mod score;

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fs;
use std::io::{IsTerminal, Read};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use corestory::{BlockModel, Classifier, Extraction, Extractor, Metadata, SourceMemory};
use gold_meta::{DocMeta, MetaScore};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

/// mimalloc, unless built with `--features system-alloc` (see Cargo.toml): the library sets no
/// allocator; this binary picks one, as a user's binary would.
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: corpus --in DIR --out DIR [--jobs N] [--gold GOLD_DIR] \
                     [--format text|markdown|json] [--title keep|omit] [--meta META_JSONL] \
                     [--learn-sources] [--source NAME] [--model FILE|off]";

#[derive(Clone, Copy, Debug, PartialEq)]
enum Format {
    Text,
    Markdown,
    Json,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }
}

#[derive(Debug, PartialEq)]
struct Args {
    input: PathBuf,
    out: PathBuf,
    /// `None`: rayon's default, one thread per core.
    jobs: Option<usize>,
    gold: Option<PathBuf>,
    format: Format,
    /// Whether the story's title heading is written and scored.
    keep_title: bool,
    meta: Option<PathBuf>,
    /// Learn each source's boilerplate before extracting (`--learn-sources` or `--source`).
    learn_sources: bool,
    /// One source for every document, instead of the host of each document's URL.
    source: Option<String>,
    /// `--model`: a model file, or `off`.
    model: Option<PathBuf>,
}

/// Parses the arguments after the program name; `Ok(None)` asks for the usage text.
fn parse_args<I: IntoIterator<Item = OsString>>(args: I) -> Result<Option<Args>, String> {
    let mut input = None;
    let mut out = None;
    let mut jobs = None;
    let mut gold = None;
    let mut format = None;
    let mut meta = None;
    let mut title = None;
    let mut source = None;
    let mut model = None;
    let mut learn_sources = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let arg = arg
            .into_string()
            .map_err(|a| format!("unexpected argument {a:?}"))?;
        if arg == "-h" || arg == "--help" {
            return Ok(None);
        }
        // Both `--flag value` and `--flag=value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(OsString::from(v))),
            _ => (arg, None),
        };
        if flag == "--learn-sources" {
            if inline.is_some() {
                return Err("--learn-sources takes no value".to_owned());
            }
            learn_sources = true;
            continue;
        }
        let slot: &mut Option<OsString> = match flag.as_str() {
            "--in" => &mut input,
            "--out" => &mut out,
            "--jobs" => &mut jobs,
            "--gold" => &mut gold,
            "--format" => &mut format,
            "--meta" => &mut meta,
            "--title" => &mut title,
            "--source" => &mut source,
            "--model" => &mut model,
            _ => return Err(format!("unexpected argument {flag:?}")),
        };
        let value = match inline.or_else(|| args.next()) {
            Some(v) => v,
            None => return Err(format!("{flag} needs a value")),
        };
        if slot.replace(value).is_some() {
            return Err(format!("{flag} given twice"));
        }
    }
    let jobs = match jobs {
        None => None,
        Some(j) => match j.to_str().and_then(|s| s.parse::<usize>().ok()) {
            Some(n) if n > 0 => Some(n),
            _ => return Err(format!("--jobs wants a positive integer, not {j:?}")),
        },
    };
    let format = match format.as_ref().map(|f| f.to_str()) {
        None => Format::Text,
        Some(Some("text")) => Format::Text,
        Some(Some("markdown")) => Format::Markdown,
        Some(Some("json")) => Format::Json,
        Some(_) => return Err("--format wants text, markdown or json".to_owned()),
    };
    let keep_title = match title.as_ref().map(|t| t.to_str()) {
        None | Some(Some("keep")) => true,
        Some(Some("omit")) => false,
        Some(_) => return Err("--title wants keep or omit".to_owned()),
    };
    let source = match source.map(OsString::into_string) {
        None => None,
        Some(Ok(name)) if !name.trim().is_empty() => Some(name),
        Some(_) => return Err("--source wants a non-empty UTF-8 name".to_owned()),
    };
    Ok(Some(Args {
        input: input.ok_or("--in DIR is required")?.into(),
        out: out.ok_or("--out DIR is required")?.into(),
        jobs,
        gold: gold.map(PathBuf::from),
        format,
        keep_title,
        meta: meta.map(PathBuf::from),
        learn_sources: learn_sources || source.is_some(),
        source,
        model: model.map(PathBuf::from),
    }))
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Html,
    HtmlGz,
    Text,
}

#[derive(Debug)]
struct Doc {
    path: PathBuf,
    stem: String,
    kind: Kind,
}

/// The kind and stem of an input file name, `None` for files that are not documents.
fn classify(name: &str) -> Option<(Kind, &str)> {
    let lower = name.to_ascii_lowercase();
    let (kind, ext) = [
        (Kind::HtmlGz, ".html.gz"),
        (Kind::Html, ".html"),
        (Kind::Html, ".htm"),
        (Kind::Text, ".txt"),
    ]
    .into_iter()
    .find(|(_, ext)| lower.ends_with(ext))?;
    // ASCII lower-casing keeps byte offsets, so the suffix length holds for `name` too.
    let stem = &name[..name.len() - ext.len()];
    (!stem.is_empty()).then_some((kind, stem))
}

/// The documents of `dir`, sorted by file name; warns about and skips files it cannot use.
fn list_docs(dir: &Path) -> std::io::Result<Vec<Doc>> {
    let mut docs = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let Some(name) = path.file_name() else {
            continue;
        };
        let Some(name) = name.to_str() else {
            eprintln!(
                "corpus: skipping {}: file name is not UTF-8",
                path.display()
            );
            continue;
        };
        let Some((kind, stem)) = classify(name) else {
            continue;
        };
        // `is_file` follows symlinks; folders named like documents are skipped.
        if path.is_file() {
            docs.push(Doc {
                stem: stem.to_owned(),
                path,
                kind,
            });
        }
    }
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    // Two inputs with one stem would write the same output file (and score against the same
    // gold): keep the first.
    let mut seen = HashSet::new();
    docs.retain(|d| {
        let first = seen.insert(d.stem.clone());
        if !first {
            eprintln!(
                "corpus: skipping {}: another input has the stem {:?}",
                d.path.display(),
                d.stem
            );
        }
        first
    });
    Ok(docs)
}

fn read_input(doc: &Doc) -> std::io::Result<Vec<u8>> {
    if doc.kind != Kind::HtmlGz {
        return fs::read(&doc.path);
    }
    let mut bytes = Vec::new();
    // Multi-member, as `gzip -d` reads concatenated files.
    flate2::read::MultiGzDecoder::new(fs::File::open(&doc.path)?).read_to_end(&mut bytes)?;
    Ok(bytes)
}

thread_local! {
    /// Set while a worker runs the extractor, whose panics are reported as failures.
    static IN_DOC: Cell<bool> = const { Cell::new(false) };
    /// The message of the last panic caught in a document.
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Keeps panics inside documents off stderr (the failure line names them instead) and leaves
/// every other panic to the default hook.
fn install_panic_hook() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if IN_DOC.with(Cell::get) {
            let msg = info.to_string().replace('\n', " ");
            PANIC.with(|p| *p.borrow_mut() = Some(msg));
        } else {
            default(info);
        }
    }));
}

/// What became of one document.
struct Outcome {
    /// Input bytes as handed to the extractor (decompressed for `.html.gz`).
    bytes: u64,
    failure: Option<String>,
    /// The story's plain text, kept only when it is to be scored.
    text: Option<String>,
    /// The metadata found, kept only when it is to be scored.
    meta: Option<Metadata>,
}

/// Extracts one document and writes its output; never panics on the document's account.
fn process(
    extractor: &Extractor,
    memory: Option<&SourceMemory>,
    doc: &Doc,
    args: &Args,
    keep_text: bool,
    keep_meta: bool,
) -> Outcome {
    let mut outcome = Outcome {
        bytes: 0,
        failure: None,
        text: None,
        meta: None,
    };
    let rendered = match read_input(doc) {
        Err(e) => Err(format!("cannot read: {e}")),
        Ok(bytes) => {
            outcome.bytes = bytes.len() as u64;
            IN_DOC.with(|f| f.set(true));
            guarded(|| render(extractor, memory, doc, &bytes, args))
        }
    };
    let (content, text) = match rendered {
        Ok((content, text, meta)) => {
            outcome.meta = keep_meta.then_some(meta);
            (content, text)
        }
        Err(e) => {
            outcome.failure = Some(e);
            (String::new(), String::new())
        }
    };
    let out = args
        .out
        .join(format!("{}.{}", doc.stem, args.format.extension()));
    if let Err(e) = fs::write(&out, content) {
        // A story that cannot be written is lost: a failure too, the first reason kept.
        outcome
            .failure
            .get_or_insert_with(|| format!("cannot write {}: {e}", out.display()));
    }
    // A failed document scores as an empty story, as a missing prediction does in score.py.
    outcome.text = keep_text.then_some(text);
    outcome
}

/// Runs `f` on the extractor's account: a panic becomes an error naming it.
fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    IN_DOC.with(|f| f.set(true));
    let caught = panic::catch_unwind(AssertUnwindSafe(f));
    IN_DOC.with(|f| f.set(false));
    caught.unwrap_or_else(|_| {
        let msg = PANIC.with(|p| p.borrow_mut().take());
        Err(msg.unwrap_or_else(|| "panicked".to_owned()))
    })
}

/// Extracts a document's bytes, with the memory of its source when it has one.
fn extract(
    extractor: &Extractor,
    memory: Option<&SourceMemory>,
    kind: Kind,
    bytes: &[u8],
) -> Result<Extraction, String> {
    // Valid UTF-8, nearly every document, is checked by the standard library's word-at-a-time
    // validation, several times faster than the lossy decoder's walk (same text either way).
    let text = || match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    };
    match (memory, kind) {
        (None, Kind::Text) => extractor.extract_text(&text()),
        (None, _) => extractor.extract_html_bytes(bytes),
        (Some(m), Kind::Text) => extractor.with_memory(m).extract_text(&text()),
        (Some(m), _) => extractor.with_memory(m).extract_html_bytes(bytes),
    }
    .map_err(|e| e.to_string())
}

/// The output file's content, the plain text to score and the metadata.
fn render(
    extractor: &Extractor,
    memory: Option<&SourceMemory>,
    doc: &Doc,
    bytes: &[u8],
    args: &Args,
) -> Result<(String, String, Metadata), String> {
    let ex = extract(extractor, memory, doc.kind, bytes)?;
    let text = if args.keep_title {
        ex.text()
    } else {
        ex.body_text()
    };
    let content = match args.format {
        Format::Text => text.clone(),
        Format::Markdown => ex.markdown(),
        Format::Json => serde_json::to_string(&ex).map_err(|e| format!("cannot serialise: {e}"))?,
    };
    Ok((content, text, ex.metadata().clone()))
}

/// A JSON object from already-serialised values, in the given key order.
fn object(fields: &[(&str, String)]) -> String {
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{}: {v}", serde_json::Value::from(*k)))
        .collect();
    format!("{{{}}}", body.join(", "))
}

/// A figure as score.py prints it: rounded to 4 decimals, `null` if not finite.
fn num(x: f64) -> String {
    serde_json::Value::from(score::round4(x)).to_string()
}

/// Errors of `run`: bad arguments (exit 2) or a run that could not start (exit 1).
enum Fail {
    Usage(String),
    Run(String),
}

fn run(args: &Args) -> Result<String, Fail> {
    if !args.input.is_dir() {
        return Err(Fail::Usage(format!(
            "--in {}: not a folder",
            args.input.display()
        )));
    }
    if let Some(gold) = &args.gold {
        if !gold.is_dir() {
            return Err(Fail::Usage(format!(
                "--gold {}: not a folder",
                gold.display()
            )));
        }
    }
    let records = load_meta(args)?;
    // Checked last, so that bad arguments leave no output folder behind.
    fs::create_dir_all(&args.out)
        .map_err(|e| Fail::Usage(format!("--out {}: {e}", args.out.display())))?;
    // Text outputs in the input folder would overwrite `.txt` inputs.
    if fs::canonicalize(&args.input).ok() == fs::canonicalize(&args.out).ok() {
        return Err(Fail::Usage("--out must differ from --in".to_owned()));
    }
    let docs = list_docs(&args.input)
        .map_err(|e| Fail::Usage(format!("--in {}: {e}", args.input.display())))?;
    let gold_of = |d: &Doc| {
        args.gold
            .as_ref()
            .map(|g| g.join(format!("{}.txt", d.stem)))
            .filter(|p| p.is_file())
    };
    let has_gold: Vec<bool> = docs.iter().map(|d| gold_of(d).is_some()).collect();
    let has_gold_meta: Vec<bool> = docs
        .iter()
        .map(|d| args.gold.is_some() && records.get(&d.stem).is_some_and(DocMeta::has_gold))
        .collect();

    let classifier = match &args.model {
        None => Classifier::Shipped,
        Some(p) if p.as_os_str() == "off" => Classifier::Off,
        Some(p) => {
            let text = fs::read_to_string(p)
                .map_err(|e| Fail::Usage(format!("--model {}: {e}", p.display())))?;
            let model = BlockModel::parse(&text)
                .map_err(|e| Fail::Usage(format!("--model {}: {e}", p.display())))?;
            Classifier::Custom(model)
        }
    };
    let extractor = Extractor::builder()
        .classifier(classifier)
        .build()
        .map_err(|e| Fail::Run(format!("cannot build the extractor: {e}")))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| {
            Fail::Run(format!(
                "cannot start {} threads: {e}",
                args.jobs.unwrap_or(0)
            ))
        })?;
    let bar = if std::io::stderr().is_terminal() {
        let style = ProgressStyle::with_template(
            "{bar:40} {pos}/{len} docs  {elapsed_precise} elapsed, eta {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        ProgressBar::new(docs.len() as u64).with_style(style)
    } else {
        ProgressBar::hidden()
    };
    install_panic_hook();

    // Largest documents first, each thread taking the next one as it frees up: a large page
    // taken last would leave the other threads idle while it runs (the sizes are read before
    // the clock starts; a document that cannot be read counts as empty and fails later).
    let mut order: Vec<(u64, usize)> = docs
        .iter()
        .enumerate()
        .map(|(i, doc)| (fs::metadata(&doc.path).map_or(0, |m| m.len()), i))
        .collect();
    order.sort_unstable_by(|a, b| b.cmp(a));
    let next = AtomicUsize::new(0);

    let start = Instant::now();
    let sources = if args.learn_sources {
        learn_sources(&extractor, &docs, args, &pool)
    } else {
        Sources::default()
    };
    let mut done: Vec<(usize, Outcome)> = pool
        .broadcast(|_| {
            let mut mine = Vec::new();
            while let Some(&(_, i)) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                let doc = &docs[i];
                let (keep_text, keep_meta) = (has_gold[i], has_gold_meta[i]);
                let o = process(
                    &extractor,
                    sources.memory(i),
                    doc,
                    args,
                    keep_text,
                    keep_meta,
                );
                if let Some(why) = &o.failure {
                    bar.suspend(|| eprintln!("corpus: failed: {}: {why}", doc.path.display()));
                }
                bar.inc(1);
                mine.push((i, o));
            }
            mine
        })
        .into_iter()
        .flatten()
        .collect();
    done.sort_unstable_by_key(|&(i, _)| i);
    let outcomes: Vec<Outcome> = done.into_iter().map(|(_, o)| o).collect();
    let seconds = start.elapsed().as_secs_f64();
    bar.finish_and_clear();

    let bytes: u64 = outcomes.iter().map(|o| o.bytes).sum();
    let failures = outcomes.iter().filter(|o| o.failure.is_some()).count();
    let per_s = |x: f64| if seconds > 0.0 { x / seconds } else { 0.0 };
    let mut fields = vec![
        ("docs", docs.len().to_string()),
        ("failures", failures.to_string()),
        ("bytes", bytes.to_string()),
        ("seconds", num(seconds)),
        ("mb_per_s", num(per_s(bytes as f64 / 1e6))),
        ("docs_per_s", num(per_s(docs.len() as f64))),
    ];
    if args.learn_sources {
        let learnt: usize = sources.memories.values().map(SourceMemory::learnt).sum();
        let with_source = sources.of_doc.iter().flatten().count();
        fields.extend([
            ("sources", sources.memories.len().to_string()),
            ("docs_with_source", with_source.to_string()),
            ("learnt_blocks", learnt.to_string()),
        ]);
    }
    if args.gold.is_some() {
        let page_types: HashMap<String, String> = records
            .iter()
            .filter_map(|(id, r)| Some((id.clone(), r.page_type.clone()?)))
            .collect();
        fields.extend(score_fields(&docs, &outcomes, &page_types, &pool, gold_of));
        fields.extend(meta_fields(&docs, &outcomes, &records));
    }
    Ok(object(&fields))
}

/// The memory of each source, and the source of each document.
#[derive(Default)]
struct Sources {
    memories: HashMap<String, SourceMemory>,
    /// In `docs` order: the document's source, if it has one.
    of_doc: Vec<Option<String>>,
}

impl Sources {
    fn memory(&self, doc: usize) -> Option<&SourceMemory> {
        let source = self.of_doc.get(doc)?.as_ref()?;
        self.memories.get(source)
    }
}

/// The learning pass: extracts every document alone and learns it into its source's memory.
/// A document that fails here is left to the second pass to report.
fn learn_sources(
    extractor: &Extractor,
    docs: &[Doc],
    args: &Args,
    pool: &rayon::ThreadPool,
) -> Sources {
    let first: Vec<Option<(String, Extraction)>> = pool.install(|| {
        docs.par_iter()
            .map(|doc| {
                let bytes = read_input(doc).ok()?;
                let ex = guarded(|| extract(extractor, None, doc.kind, &bytes)).ok()?;
                let source = match &args.source {
                    Some(name) => name.clone(),
                    None => host_of(ex.metadata().canonical_url.as_deref()?)?,
                };
                Some((source, ex))
            })
            .collect()
    });
    let mut memories = HashMap::new();
    for (source, _) in first.iter().flatten() {
        memories
            .entry(source.clone())
            .or_insert_with(SourceMemory::new);
    }
    // In parallel: a memory learns through `&self`.
    pool.install(|| {
        first
            .par_iter()
            .flatten()
            .for_each(|(source, ex)| memories[source].learn(ex))
    });
    let of_doc = first.into_iter().map(|f| f.map(|(s, _)| s)).collect();
    Sources { memories, of_doc }
}

/// The host of an absolute URL, lower-cased, without `www.`, user or port: the source a page
/// belongs to.
fn host_of(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = match url.split_once("://") {
        Some((_, rest)) => rest,
        None => url.strip_prefix("//")?,
    };
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => host.split(':').next()?,
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_owned())
}

/// Records from `--meta`, or else from `GOLD_DIR/../meta.jsonl` when that exists.
fn load_meta(args: &Args) -> Result<HashMap<String, DocMeta>, Fail> {
    let (path, explicit) = match (&args.meta, &args.gold) {
        (Some(m), _) => (m.clone(), true),
        (None, Some(g)) => (g.join("..").join("meta.jsonl"), false),
        (None, None) => return Ok(HashMap::new()),
    };
    if !explicit && !path.is_file() {
        return Ok(HashMap::new());
    }
    let parsed = fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|t| gold_meta::parse(&t));
    match parsed {
        Ok(types) => Ok(types),
        Err(e) if explicit => Err(Fail::Usage(format!("--meta {}: {e}", path.display()))),
        Err(e) => {
            eprintln!("corpus: ignoring {}: {e}", path.display());
            Ok(HashMap::new())
        }
    }
}

/// The score.py figures over the documents that have gold; the others are left out, as
/// score.py only scores documents with gold.
fn score_fields(
    docs: &[Doc],
    outcomes: &[Outcome],
    page_types: &HashMap<String, String>,
    pool: &rayon::ThreadPool,
    gold_of: impl Fn(&Doc) -> Option<PathBuf> + Sync,
) -> Vec<(&'static str, String)> {
    let scores: Vec<Option<score::DocScore>> = pool.install(|| {
        docs.par_iter()
            .zip(outcomes)
            .map(|(doc, o)| {
                let text = o.text.as_deref()?;
                let path = gold_of(doc)?;
                match fs::read(&path) {
                    Ok(g) => Some(score::score_doc(&String::from_utf8_lossy(&g), text)),
                    Err(e) => {
                        eprintln!("corpus: not scored: {}: {e}", path.display());
                        None
                    }
                }
            })
            .collect()
    });
    let scored = docs.iter().zip(&scores).filter_map(|(d, s)| {
        let s = s.as_ref()?;
        Some((s, page_types.get(&d.stem).map(String::as_str)))
    });
    let Some(sum) = score::summarise(scored) else {
        eprintln!("corpus: no document has gold; nothing scored");
        return vec![("scored", "0".to_owned())];
    };
    if sum.scored < docs.len() {
        eprintln!(
            "corpus: {} of {} documents have no gold and are not scored",
            docs.len() - sum.scored,
            docs.len()
        );
    }
    let mut fields = vec![
        ("scored", sum.scored.to_string()),
        ("aeb_p", num(sum.aeb.p)),
        ("aeb_r", num(sum.aeb.r)),
        ("aeb_f1", num(sum.aeb.f1)),
        ("words_p", num(sum.words.p)),
        ("words_r", num(sum.words.r)),
        ("words_f1", num(sum.words.f1)),
    ];
    if let Some(by_type) = &sum.words_by_type {
        let types: Vec<(&str, String)> = by_type
            .iter()
            .map(|(t, &(n, f1))| (t.as_str(), object(&[("n", n.to_string()), ("f1", num(f1))])))
            .collect();
        fields.push(("words_by_type", object(&types)));
    }
    fields
}

/// The metadata figures (see `gold_meta`), for each field some document has a gold value of.
fn meta_fields(
    docs: &[Doc],
    outcomes: &[Outcome],
    records: &HashMap<String, DocMeta>,
) -> Vec<(&'static str, String)> {
    let mut score = MetaScore::default();
    for (doc, o) in docs.iter().zip(outcomes) {
        if let Some(gold) = records.get(&doc.stem).filter(|r| r.has_gold()) {
            score.add(gold, o.meta.as_ref());
        }
    }
    let share = |a: usize, b: usize| num(if b > 0 { a as f64 / b as f64 } else { f64::NAN });
    let mut fields = Vec::new();
    let t = score.title;
    if t.n > 0 {
        fields.extend([
            ("title_n", t.n.to_string()),
            ("title_acc", share(t.correct, t.n)),
            ("title_p", share(t.correct, t.output)),
            ("title_loose", share(t.loose, t.n)),
        ]);
    }
    for (names, t) in [
        (
            ["author_n", "author_acc", "author_p", "author_extra"],
            score.author,
        ),
        (["date_n", "date_acc", "date_p", "date_extra"], score.date),
    ] {
        if t.n > 0 {
            fields.extend([
                (names[0], t.n.to_string()),
                (names[1], share(t.correct, t.n)),
                (names[2], share(t.correct, t.output)),
                (names[3], share(t.extra, t.no_gold)),
            ]);
        }
    }
    fields
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args_os().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("corpus: {msg} ({USAGE})");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(Fail::Usage(msg)) => {
            eprintln!("corpus: {msg}");
            ExitCode::from(2)
        }
        Err(Fail::Run(msg)) => {
            eprintln!("corpus: {msg}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<Args>, String> {
        parse_args(args.iter().map(OsString::from))
    }

    #[test]
    fn parses_flags_both_ways() {
        let a = parse(&[
            "--in",
            "d",
            "--out=o",
            "--jobs",
            "3",
            "--format=json",
            "--gold",
            "g",
            "--title=omit",
        ])
        .expect("valid")
        .expect("not help");
        assert_eq!(a.input, PathBuf::from("d"));
        assert_eq!(a.out, PathBuf::from("o"));
        assert_eq!(a.jobs, Some(3));
        assert_eq!(a.format, Format::Json);
        assert_eq!(a.gold, Some(PathBuf::from("g")));
        assert_eq!(a.meta, None);
        assert!(!a.keep_title);
        let a = parse(&["--out", "o", "--in", "d"])
            .expect("valid")
            .expect("not help");
        assert_eq!((a.jobs, a.format, a.keep_title), (None, Format::Text, true));
        assert_eq!(parse(&["--in", "d", "--help"]), Ok(None));
        assert!(!a.learn_sources);
        let a = parse(&["--in", "d", "--out", "o", "--learn-sources"])
            .expect("valid")
            .expect("not help");
        assert!(a.learn_sources && a.source.is_none());
        let a = parse(&["--in", "d", "--out", "o", "--source=feed"])
            .expect("valid")
            .expect("not help");
        assert!(a.learn_sources);
        assert_eq!(a.source.as_deref(), Some("feed"));
    }

    #[test]
    fn hosts_name_sources() {
        for (url, host) in [
            ("https://www.Example.org/a/b?c#d", Some("example.org")),
            (
                "http://user@news.example.org:8080/x",
                Some("news.example.org"),
            ),
            ("//cdn.example.org/x", Some("cdn.example.org")),
            ("https://[::1]:443/", Some("::1")),
            ("/relative/path", None),
            ("https:///nohost", None),
        ] {
            assert_eq!(host_of(url).as_deref(), host, "{url}");
        }
    }

    #[test]
    fn rejects_bad_arguments() {
        for bad in [
            &["--in", "d"][..],
            &["--in", "d", "--out"],
            &["--in", "d", "--out", "o", "--jobs", "0"],
            &["--in", "d", "--out", "o", "--jobs", "x"],
            &["--in", "d", "--out", "o", "--format", "pdf"],
            &["--in", "d", "--out", "o", "--title", "no"],
            &["--in", "d", "--out", "o", "--in", "e"],
            &["--in", "d", "--out", "o", "extra"],
            &["--in", "d", "--out", "o", "--learn-sources=yes"],
            &["--in", "d", "--out", "o", "--source", ""],
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn classifies_input_names() {
        assert_eq!(classify("a.html.gz"), Some((Kind::HtmlGz, "a")));
        assert_eq!(classify("a.b.HTML"), Some((Kind::Html, "a.b")));
        assert_eq!(classify("a.htm"), Some((Kind::Html, "a")));
        assert_eq!(classify("é.txt"), Some((Kind::Text, "é")));
        assert_eq!(classify(".txt"), None);
        assert_eq!(classify("a.gz"), None);
        assert_eq!(classify("a.json"), None);
    }

    #[test]
    fn objects_keep_key_order() {
        let o = object(&[
            ("b", "1".to_owned()),
            ("a", num(1.0 / 3.0)),
            ("é", num(f64::NAN)),
        ]);
        assert_eq!(o, r#"{"b": 1, "a": 0.3333, "é": null}"#);
    }
}
