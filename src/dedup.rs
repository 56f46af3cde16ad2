//! Stage 5, duplicates: blocks whose text the story already holds.
//!
//! Kept blocks are tokenised into one stream and hashed into 4-word shingles; an index maps
//! each shingle to the first few blocks holding it (bounded, so 100,000 identical paragraphs
//! cost linear time). Three cases, in order:
//! - a *condensed copy*: a block covered by several smaller blocks (a feed excerpt that repeats
//!   the story's summary bullets) goes, and the finer-grained story stays;
//! - a *near duplicate*: a block covered by one larger block (a pull-quote) goes;
//! - an *exact duplicate*: of two equal blocks the later one goes, unless both are items of
//!   one list.

use crate::extraction::{BlockKind, Category};
use crate::features::word_tokens;
use crate::rules::{Doc, Verdicts};
use std::collections::HashMap;

/// Share of a block's shingles found elsewhere for it to count as a copy.
pub(crate) const COVERAGE: f32 = 0.8;
/// Blocks with fewer shingles than this are compared whole, not by shingles.
const MIN_SHINGLES: usize = 3;
/// Blocks with fewer tokens than this are never duplicates (short labels repeat legitimately).
const MIN_EXACT_TOKENS: usize = 3;
/// Distinct blocks remembered per shingle.
const MAX_OCCURRENCES: usize = 8;
const SHINGLE: usize = 4;

fn hash_token(t: &str) -> u64 {
    // FNV-1a: fast, and collisions only merge two shingles.
    let mut h: u64 = 0xcbf29ce484222325;
    for b in t.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn combine(hs: &[u64]) -> u64 {
    hs.iter().fold(0x9e3779b97f4a7c15u64, |acc, h| {
        acc.rotate_left(17).wrapping_mul(0x100000001b3) ^ h
    })
}

/// Two items of one list (or rows of one table) with nothing else between them: steps of a
/// plan repeat legitimately ("Jog gently for one minute." twice), so neither is a copy.
fn same_list(doc: &Doc<'_>, first: usize, later: usize) -> bool {
    let kind = doc.blocks[later].kind;
    matches!(kind, BlockKind::ListItem | BlockKind::TableRow)
        && doc.blocks[first..later].iter().all(|b| b.kind == kind)
}

pub(crate) fn run(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    let kept: Vec<usize> = (0..doc.blocks.len())
        .filter(|&i| verdicts.is_kept(i))
        .collect();
    // Token hashes of every kept block, as one stream.
    let mut stream: Vec<u64> = Vec::new();
    let mut owner: Vec<u32> = Vec::new();
    let mut span: Vec<(usize, usize)> = vec![(0, 0); doc.blocks.len()];
    for &i in &kept {
        let start = stream.len();
        for t in word_tokens(&doc.blocks[i].text) {
            stream.push(hash_token(&t));
            owner.push(i as u32);
        }
        span[i] = (start, stream.len());
    }
    // Shingle -> distinct blocks whose stream position starts it (crossing into the next
    // block is allowed: a run of bullets covers an excerpt that joins them).
    let mut index: HashMap<u64, Vec<u32>> = HashMap::new();
    for p in 0..stream.len().saturating_sub(SHINGLE - 1) {
        let h = combine(&stream[p..p + SHINGLE]);
        let list = index.entry(h).or_default();
        let b = owner[p];
        if list.len() < MAX_OCCURRENCES && !list.contains(&b) {
            list.push(b);
        }
    }
    let internal = |i: usize| -> Vec<u64> {
        let (s, e) = span[i];
        if e - s < SHINGLE {
            return Vec::new();
        }
        let mut v: Vec<u64> = (s..=e - SHINGLE)
            .map(|p| combine(&stream[p..p + SHINGLE]))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let len = |i: usize| span[i].1 - span[i].0;

    // Condensed copies: covered by blocks smaller than themselves.
    for &a in &kept {
        let sh = internal(a);
        if sh.len() < MIN_SHINGLES {
            continue;
        }
        let covered = sh
            .iter()
            .filter(|h| {
                index.get(h).is_some_and(|l| {
                    l.iter().any(|&b| {
                        b as usize != a && (len(b as usize) as f32) < len(a) as f32 * COVERAGE
                    })
                })
            })
            .count();
        let share = covered as f32 / sh.len() as f32;
        if share >= COVERAGE {
            let reason = format!(
                "{:.0}% of it repeats smaller blocks of the story (an excerpt or summary)",
                share * 100.0
            );
            verdicts.remove(
                a,
                Category::Duplicate,
                "condensed-excerpt",
                share,
                COVERAGE,
                reason,
            );
        }
    }
    // Near and exact duplicates, against blocks still kept.
    let mut exact: HashMap<u64, usize> = HashMap::new();
    for &a in &kept {
        if !verdicts.is_kept(a) {
            continue;
        }
        let (s, e) = span[a];
        if e - s < MIN_EXACT_TOKENS {
            continue;
        }
        let whole = combine(&stream[s..e]) ^ (e - s) as u64;
        if let Some(&first) = exact.get(&whole) {
            if verdicts.is_kept(first) && !same_list(doc, first, a) {
                verdicts.remove(
                    a,
                    Category::Duplicate,
                    "exact-duplicate",
                    1.0,
                    1.0,
                    format!("repeats block {first}"),
                );
                continue;
            }
        }
        exact.insert(whole, a);
        let sh = internal(a);
        if sh.len() < MIN_SHINGLES || doc.blocks[a].kind.is_heading() {
            continue;
        }
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for h in &sh {
            if let Some(l) = index.get(h) {
                for &b in l {
                    if b as usize != a && verdicts.is_kept(b as usize) {
                        *shared.entry(b).or_default() += 1;
                    }
                }
            }
        }
        // The earliest qualifying block names the container: a hash map's order would make
        // the report differ from run to run.
        let container = shared
            .iter()
            .filter(|(&b, &n)| {
                let b = b as usize;
                let share = n as f32 / sh.len() as f32;
                share >= COVERAGE
                    && (len(b) as f32 > len(a) as f32 * 1.1 || (len(b) >= len(a) && b < a))
            })
            .min_by_key(|(&b, _)| b);
        if let Some((&b, &n)) = container {
            let share = n as f32 / sh.len() as f32;
            let reason = format!("{:.0}% of it repeats block {b}", share * 100.0);
            verdicts.remove(
                a,
                Category::Duplicate,
                "near-duplicate",
                share,
                COVERAGE,
                reason,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_earliest_container_is_named() {
        let text = "\
A story heading for the test

The council approved the harbour tunnel plan on Monday after a long debate about costs, and the mayor welcomed it warmly.

Residents said the council approved the harbour tunnel plan on Monday after a long debate about costs and noise levels.

The council approved the harbour tunnel plan on Monday after a long debate about costs.";
        let story = crate::Extractor::new().extract_text(text).unwrap();
        let removal = story
            .removals()
            .iter()
            .find(|r| r.rule == "near-duplicate")
            .expect("the short paragraph repeats both longer ones");
        assert_eq!(removal.reason, "100% of it repeats block 1");
    }
}
