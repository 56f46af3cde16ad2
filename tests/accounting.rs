//! Every block of every input is accounted for: kept or removed, never lost.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::accounting::{check_blocks, check_text};
use corestory::Extractor;

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
