//! Runs every fixture under `tests/fixtures/` and reports all failures at once.
//!
//! Each fixture directory holds `input.txt` or `input.html`, `expected.txt` (the story) and
//! `removals.jsonl` (removals that must be found). Fixtures listed in
//! `tests/fixtures/KNOWN_FAILURES` may fail without failing the test, but must fail: a known
//! failure that passes has to be taken off the list.

mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use common::{contains_run, normalize, tokens};
use corestory::{Extraction, Extractor};

const CONTEXT: usize = 8;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn known_failures(dir: &Path) -> BTreeSet<String> {
    let Ok(list) = fs::read_to_string(dir.join("KNOWN_FAILURES")) else {
        return BTreeSet::new();
    };
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn window(tokens: &[String], at: usize) -> String {
    let lo = at.saturating_sub(CONTEXT);
    let hi = (at + CONTEXT).min(tokens.len());
    let mut out = String::new();
    for (i, t) in tokens[lo..hi].iter().enumerate() {
        if lo + i == at {
            out.push_str(">>");
        }
        out.push_str(t);
        if lo + i == at {
            out.push_str("<<");
        }
        out.push(' ');
    }
    if at >= tokens.len() {
        out.push_str(">>(end)<<");
    }
    out.trim_end().to_string()
}

/// The longest prefix (up to 4 tokens) of `run` found in some item; returns its index.
fn find_block<'a, I>(items: I, run: &[String]) -> Option<usize>
where
    I: Iterator<Item = &'a str> + Clone,
{
    for k in (1..=run.len().min(4)).rev() {
        let needle = &run[..k];
        if let Some(i) = items
            .clone()
            .position(|text| contains_run(&tokens(text), needle))
        {
            return Some(i);
        }
    }
    None
}

fn describe_token_mismatch(ex: &Extraction, expected: &[String], actual: &[String]) -> String {
    let at = expected
        .iter()
        .zip(actual)
        .position(|(a, b)| a != b)
        .unwrap_or(expected.len().min(actual.len()));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "  tokens differ at position {at} (expected {} tokens, got {})",
        expected.len(),
        actual.len()
    );
    let _ = writeln!(out, "    expected: {}", window(expected, at));
    let _ = writeln!(out, "    actual:   {}", window(actual, at));

    let missing = &expected[at.min(expected.len())..];
    if !missing.is_empty() {
        let removals = ex.removals();
        let later = contains_run(actual, &missing[..missing.len().min(4)]);
        match find_block(removals.iter().map(|r| r.text.as_str()), missing) {
            Some(i) => {
                let r = &removals[i];
                let _ = writeln!(
                    out,
                    "    missing tokens removed by block {}: category={} rule={} score={:.3} threshold={:.3} reason={:?}",
                    r.block_index,
                    r.category.as_str(),
                    r.rule,
                    r.score,
                    r.threshold,
                    r.reason
                );
                let _ = writeln!(out, "      removed text: {:?}", clip(&r.text));
            }
            None if later => {
                let _ = writeln!(
                    out,
                    "    expected tokens appear later in the story: something extra comes first"
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "    missing tokens are in no removal (lost or altered by segmentation)"
                );
            }
        }
    }
    let extra = &actual[at.min(actual.len())..];
    if !extra.is_empty() && !contains_run(expected, &extra[..extra.len().min(4)]) {
        let blocks = ex.blocks();
        match find_block(blocks.iter().map(|b| b.text.as_str()), extra) {
            Some(i) => {
                let _ = writeln!(
                    out,
                    "    extra tokens kept in story block {i} ({:?}): {:?}",
                    blocks[i].kind,
                    clip(&blocks[i].text)
                );
            }
            None => {
                let _ = writeln!(out, "    extra tokens are in no single kept block");
            }
        }
    }
    out
}

fn clip(text: &str) -> String {
    let mut s: String = text.chars().take(160).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

/// Runs one fixture; returns the failure report, empty when it passes.
fn run_fixture(dir: &Path) -> String {
    let mut report = String::new();
    let extractor = Extractor::new();
    let (input, html) = if dir.join("input.html").exists() {
        (fs::read_to_string(dir.join("input.html")), true)
    } else {
        (fs::read_to_string(dir.join("input.txt")), false)
    };
    let input = match input {
        Ok(s) => s,
        Err(e) => return format!("  cannot read input: {e}\n"),
    };
    let result = if html {
        extractor.extract_html(&input)
    } else {
        extractor.extract_text(&input)
    };
    let ex = match result {
        Ok(ex) => ex,
        Err(e) => return format!("  extraction failed: {e}\n"),
    };

    // (a) the story's tokens.
    let expected_text = fs::read_to_string(dir.join("expected.txt")).unwrap_or_default();
    let expected = tokens(&expected_text);
    let actual = tokens(&ex.text());
    if expected != actual {
        report.push_str(&describe_token_mismatch(&ex, &expected, &actual));
    }

    // (b) expected removals.
    let removals_jsonl = fs::read_to_string(dir.join("removals.jsonl")).unwrap_or_default();
    for (n, line) in removals_jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let spec: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                let _ = writeln!(report, "  removals.jsonl line {}: bad JSON: {e}", n + 1);
                continue;
            }
        };
        let category = spec["category"].as_str().unwrap_or_default();
        let rule = spec["rule"].as_str();
        let text = normalize(spec["text"].as_str().unwrap_or_default());
        let matching: Vec<_> = ex
            .removals()
            .iter()
            .filter(|r| normalize(&r.text).contains(&text))
            .collect();
        let ok = matching
            .iter()
            .any(|r| r.category.as_str() == category && rule.is_none_or(|rule| r.rule == rule));
        if !ok {
            let want = match rule {
                Some(rule) => format!("{category}/{rule}"),
                None => category.to_string(),
            };
            let _ = write!(report, "  expected removal {want} of {:?}: ", clip(&text));
            if matching.is_empty() {
                let _ = writeln!(report, "no removal contains it");
            } else {
                let found: Vec<String> = matching
                    .iter()
                    .map(|r| {
                        format!(
                            "block {} {}/{} (score {:.3} >= {:.3})",
                            r.block_index,
                            r.category.as_str(),
                            r.rule,
                            r.score,
                            r.threshold
                        )
                    })
                    .collect();
                let _ = writeln!(report, "found instead {}", found.join(", "));
            }
        }
    }

    // (c) accounting.
    let kept = ex.blocks().len();
    let removed = ex.removals().len();
    if kept + removed != ex.total_blocks() {
        let _ = writeln!(
            report,
            "  accounting: {kept} kept + {removed} removed != {} total blocks",
            ex.total_blocks()
        );
    }
    for r in ex.removals() {
        if r.text.trim().is_empty() {
            let _ = writeln!(
                report,
                "  removal of block {} ({}/{}) has empty text",
                r.block_index,
                r.category.as_str(),
                r.rule
            );
        }
    }
    report
}

#[test]
fn fixtures() {
    let dir = fixtures_dir();
    let known = known_failures(&dir);
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("tests/fixtures exists")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no fixtures in {}", dir.display());

    let mut failures = Vec::new();
    let mut known_seen = Vec::new();
    let mut passed = 0;
    for name in &names {
        let report = run_fixture(&dir.join(name));
        match (report.is_empty(), known.contains(name)) {
            (true, false) => passed += 1,
            (true, true) => failures.push(format!(
                "{name}: passes now; remove {name} from KNOWN_FAILURES\n"
            )),
            (false, true) => known_seen.push(format!("{name} (known failure)\n{report}")),
            (false, false) => failures.push(format!("{name}\n{report}")),
        }
    }
    for name in known.iter().filter(|n| !names.contains(n)) {
        failures.push(format!(
            "{name}: no such fixture; remove {name} from KNOWN_FAILURES\n"
        ));
    }

    for k in &known_seen {
        println!("{k}");
    }
    println!(
        "fixtures: {} total, {passed} passed, {} known failures, {} failures",
        names.len(),
        known_seen.len(),
        failures.len()
    );
    if !failures.is_empty() {
        panic!(
            "{} fixture(s) failed:\n\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
