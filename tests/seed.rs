//! The seed end-to-end test: a real repost (MEXC news, Alibaba story) with its gold story and
//! the spans of spam it carries. The seed lives outside the crate in `../shared/seed`; the test
//! is skipped when that folder is absent unless `CORESTORY_REQUIRE_SHARED=1`.

mod common;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use common::tokens_lower;
use corestory::{Category, Extractor};

fn seed_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CORESTORY_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!(
            "CORESTORY_REQUIRE_SHARED=1 but the seed folder {} is missing",
            dir.display()
        );
    }
    println!(
        "seed: {} not found, skipping (set CORESTORY_REQUIRE_SHARED=1 to require it)",
        dir.display()
    );
    None
}

fn read(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn joined(tokens: &[String]) -> String {
    format!(" {} ", tokens.join(" "))
}

#[test]
fn seed_mexc_alibaba() {
    let Some(dir) = seed_dir() else { return };
    let input = read(&dir, "mexc-alibaba.txt");
    let gold = read(&dir, "mexc-alibaba.gold.txt");
    let spans = read(&dir, "mexc-alibaba.spans.jsonl");

    let ex = Extractor::new()
        .extract_text(&input)
        .expect("the seed extracts");
    let json = serde_json::to_value(&ex).expect("the extraction serialises");
    assert!(json.is_object(), "serialised extraction is not an object");

    // The story.
    let story = common::tokens(&ex.text());
    let want = common::tokens(&gold);
    if story != want {
        let at = story
            .iter()
            .zip(&want)
            .position(|(a, b)| a != b)
            .unwrap_or(story.len().min(want.len()));
        let lo = at.saturating_sub(8);
        panic!(
            "story tokens differ from the gold at token {at} (got {}, want {}):\n  got:  {}\n  want: {}",
            story.len(),
            want.len(),
            story[lo.min(story.len())..(at + 8).min(story.len())].join(" "),
            want[lo.min(want.len())..(at + 8).min(want.len())].join(" "),
        );
    }

    // Metadata.
    assert_eq!(
        ex.metadata().published.as_deref(),
        Some("2025/11/17 01:29"),
        "published date"
    );

    // Removal categories.
    let categories: HashSet<Category> = ex.removals().iter().map(|r| r.category).collect();
    for c in [
        Category::Duplicate,
        Category::Syndication,
        Category::Disclaimer,
        Category::Promo,
    ] {
        assert!(
            categories.contains(&c),
            "no removal of category {}; got {:?}",
            c.as_str(),
            categories
        );
    }

    // Every spam span is out of the story and inside the removals.
    let story_lower = joined(&tokens_lower(&ex.text()));
    let mut removals: Vec<_> = ex.removals().iter().collect();
    removals.sort_by_key(|r| r.block_index);
    let removed: Vec<String> = removals
        .iter()
        .flat_map(|r| tokens_lower(&r.text))
        .collect();
    let removed_grams: HashSet<&[String]> = removed.windows(4).collect();
    let removed_joined = joined(&removed);

    let mut problems = Vec::new();
    for (n, line) in spans.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let span: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("spans line {}: {e}", n + 1));
        let category = span["category"].as_str().unwrap_or_default();
        let text = span["text"].as_str().unwrap_or_default();
        let toks = tokens_lower(text);
        let head: String = text.chars().take(60).collect();
        if toks.is_empty() {
            continue;
        }
        if story_lower.contains(&joined(&toks)) {
            problems.push(format!("{category} span {head:?} is still in the story"));
        }
        if category == "metadata" {
            let lifted = ex
                .removals()
                .iter()
                .any(|r| r.category == Category::Metadata && r.text.contains(text.trim()));
            if !lifted {
                problems.push(format!(
                    "metadata span {head:?} is in no removal of category metadata"
                ));
            }
            continue;
        }
        let covered = if toks.len() < 4 {
            removed_joined.contains(&joined(&toks))
        } else {
            let missing: Vec<String> = toks
                .windows(4)
                .filter(|g| !removed_grams.contains(g))
                .map(|g| g.join(" "))
                .collect();
            if !missing.is_empty() {
                problems.push(format!(
                    "{category} span {head:?}: {} of {} 4-grams not removed, first: {:?}",
                    missing.len(),
                    toks.len() - 3,
                    missing[0]
                ));
            }
            true
        };
        if !covered {
            problems.push(format!("{category} span {head:?} is not removed"));
        }
    }
    assert!(
        problems.is_empty(),
        "seed spans not handled:\n  {}",
        problems.join("\n  ")
    );
}
