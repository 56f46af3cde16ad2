//! Every block of every input is accounted for: kept or removed, never lost.

mod common;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{normalize_ws, strip_comments, strip_markdown_link_targets, tokens};
use corestory::{Extraction, Extractor};

/// Every `.txt`/`.html` input under `tests/fixtures/*/input.*` and `examples/data/`.
fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    if let Ok(dirs) = fs::read_dir(root.join("tests/fixtures")) {
        for dir in dirs.filter_map(Result::ok).map(|e| e.path()) {
            for name in ["input.txt", "input.html"] {
                if dir.join(name).is_file() {
                    out.push(dir.join(name));
                }
            }
        }
    }
    if let Ok(files) = fs::read_dir(root.join("examples/data")) {
        for path in files.filter_map(Result::ok).map(|e| e.path()) {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            // `*.expected.txt` are outputs, not inputs.
            let input = name.ends_with(".html")
                || (name.ends_with(".txt") && !name.ends_with(".expected.txt"));
            if input {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Problems with the block accounting common to text and HTML.
fn check_blocks(label: &str, ex: &Extraction, problems: &mut Vec<String>) {
    let kept = ex.blocks().len();
    let removed = ex.removals().len();
    if kept + removed != ex.total_blocks() {
        problems.push(format!(
            "{label}: {kept} kept + {removed} removed != {} total blocks",
            ex.total_blocks()
        ));
    }
    for r in ex.removals() {
        if r.text.trim().is_empty() {
            problems.push(format!(
                "{label}: removal of block {} ({}/{}) has empty text",
                r.block_index,
                r.category.as_str(),
                r.rule
            ));
        }
    }
}

/// Text inputs: kept blocks are in the story, and no input token is lost.
fn check_text(label: &str, input: &str, ex: &Extraction, problems: &mut Vec<String>) {
    check_blocks(label, ex, problems);
    let story = normalize_ws(&ex.text());
    for (i, b) in ex.blocks().iter().enumerate() {
        if !story.contains(&normalize_ws(&b.text)) {
            problems.push(format!(
                "{label}: kept block {i} is not in text(): {:?}",
                b.text
            ));
        }
    }
    let mut have: HashMap<String, i64> = HashMap::new();
    for t in tokens(&ex.text())
        .into_iter()
        .chain(ex.removals().iter().flat_map(|r| tokens(&r.text)))
    {
        *have.entry(t).or_default() += 1;
    }
    let mut lost: HashMap<String, i64> = HashMap::new();
    // Markdown link targets are markup: the story keeps the link's text.
    for t in tokens(&strip_markdown_link_targets(&strip_comments(input))) {
        let n = have.entry(t.clone()).or_default();
        *n -= 1;
        if *n < 0 {
            *lost.entry(t).or_default() += 1;
        }
    }
    // A word the feed glued to the next one ("SiteNameTitle") is cut in two: both halves
    // are accounted for, in the story or in a removal.
    lost.retain(|t, n| {
        let split = t.char_indices().skip(1).map(|(i, _)| i).find(|&i| {
            let (a, b) = t.split_at(i);
            have.get(a).is_some_and(|&k| k > 0) && have.get(b).is_some_and(|&k| k > 0)
        });
        if let Some(i) = split {
            let (a, b) = t.split_at(i);
            *have.get_mut(a).expect("checked") -= 1;
            *have.get_mut(b).expect("checked") -= 1;
            *n -= 1;
        }
        *n > 0
    });
    if !lost.is_empty() {
        let mut lost: Vec<String> = lost.into_iter().map(|(t, n)| format!("{t}×{n}")).collect();
        lost.sort();
        let shown = lost.iter().take(20).cloned().collect::<Vec<_>>().join(" ");
        problems.push(format!(
            "{label}: {} input token(s) neither in the story nor in a removal: {shown}",
            lost.len()
        ));
    }
}

#[test]
fn every_input_is_accounted_for() {
    let extractor = Extractor::new();
    let mut problems = Vec::new();
    let files = inputs();
    assert!(!files.is_empty(), "no inputs found");
    for path in &files {
        let label = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap_or(path)
            .display()
            .to_string();
        let input = fs::read_to_string(path).unwrap_or_else(|e| panic!("{label}: {e}"));
        if label.ends_with(".html") {
            match extractor.extract_html(&input) {
                Ok(ex) => check_blocks(&label, &ex, &mut problems),
                Err(e) => problems.push(format!("{label}: extract_html failed: {e}")),
            }
        } else {
            match extractor.extract_text(&input) {
                Ok(ex) => check_text(&label, &input, &ex, &mut problems),
                Err(e) => problems.push(format!("{label}: extract_text failed: {e}")),
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) over {} inputs:\n  {}",
        problems.len(),
        files.len(),
        problems.join("\n  ")
    );
}

const SPAM_ONLY: &str = "\
The post Harbour Tunnel Opens Two Months Early appeared first on Daily Wire Digest.

Share this article on Facebook, Twitter and LinkedIn

Read More

Sponsored

Subscribe to our newsletter for weekly updates.";

#[test]
fn generated_text_inputs_are_accounted_for() {
    let extractor = Extractor::new();
    let mut problems = Vec::new();
    let cases = [
        ("empty", ""),
        ("whitespace", " \n\t\n  \r\n "),
        ("one word", "Hello"),
        ("spam only", SPAM_ONLY),
    ];
    for (label, input) in cases {
        match extractor.extract_text(input) {
            Ok(ex) => check_text(label, input, &ex, &mut problems),
            // A typed error is acceptable for degenerate input; a panic is not.
            Err(e) => println!("{label}: extract_text returned an error: {e}"),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn generated_html_inputs_are_accounted_for() {
    let extractor = Extractor::new();
    let mut problems = Vec::new();
    let cases = [
        ("empty html", ""),
        ("bare html", "<html></html>"),
        ("whitespace body", "<html><body>  \n </body></html>"),
        ("one word html", "<p>Hello</p>"),
    ];
    for (label, input) in cases {
        match extractor.extract_html(input) {
            Ok(ex) => check_blocks(label, &ex, &mut problems),
            Err(e) => println!("{label}: extract_html returned an error: {e}"),
        }
        match extractor.extract_html_bytes(input.as_bytes()) {
            Ok(ex) => check_blocks(label, &ex, &mut problems),
            Err(e) => println!("{label}: extract_html_bytes returned an error: {e}"),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
