//! The accounting check shared by tests/accounting.rs, tests/hostile.rs and the property
//! tests: every block is kept or removed, and (text input) no input token is lost.

use std::collections::HashMap;

use super::{normalize_ws, strip_comments, strip_markdown_link_targets, tokens};
use corestory::Extraction;

/// Problems with the block accounting common to text and HTML.
pub fn check_blocks(label: &str, ex: &Extraction, problems: &mut Vec<String>) {
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
pub fn check_text(label: &str, input: &str, ex: &Extraction, problems: &mut Vec<String>) {
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
    let input = strip_markdown_link_targets(&strip_comments(input));
    for t in tokens(&strip_list_ordinals(&input)) {
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

/// A numbered item's ordinal (`1. `, `2) `) is list syntax, like a bullet: the text parser
/// keeps the item, not its number (same rule as `parse/text.rs`).
fn strip_list_ordinals(input: &str) -> String {
    input
        .lines()
        .map(|line| {
            let t = line.trim();
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &t[digits..];
            match rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
                Some(item) if (1..=3).contains(&digits) => item,
                _ => line,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
