//! Related-article sections: a header ("You May Also Like", "Lesen Sie auch") and the teasers
//! after it. Teasers are found by structure (short title lines, link-dense lines, chrome) and by
//! topic distance: a teaser's words are mostly absent from the story before the header. The
//! section ends at the first long block on the story's topic, so an inline insert between two
//! story paragraphs takes only itself.

use super::{Doc, Verdicts};
use crate::dom::NO_NODE;
use crate::extraction::Category;
use crate::features::word_tokens;
use std::collections::HashSet;

/// A long block sharing at least this share of its content words with the story is story.
pub(crate) const ON_TOPIC: f32 = 0.45;

/// Lines shorter than this (and not ending a sentence) are teaser titles.
const TITLE_MAX_WORDS: u32 = 20;

/// Headers are short.
const HEADER_MAX_WORDS: u32 = 8;

/// Inline "Related: {title}" lines are short.
const INLINE_MAX_WORDS: u32 = 30;

/// Content words: long enough to carry topic (function words are mostly short in the scripts
/// we see), or CJK characters.
pub(crate) fn content_words(text: &str) -> impl Iterator<Item = String> + '_ {
    word_tokens(text).filter(|w| w.chars().count() >= 4 || w.chars().any(|c| c as u32 >= 0x3040))
}

pub(crate) fn similarity(text: &str, story: &HashSet<String>) -> f32 {
    let words: HashSet<String> = content_words(text).collect();
    if words.is_empty() {
        return 0.0;
    }
    words.iter().filter(|w| story.contains(*w)).count() as f32 / words.len() as f32
}

pub(crate) fn run(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    let n = doc.blocks.len();
    let mut i = 0;
    while i < n {
        let b = &doc.blocks[i];
        let f = doc.features[i];
        if verdicts.is_kept(i)
            && f.words <= INLINE_MAX_WORDS
            && doc.vocab.is_inline_related(&b.text)
        {
            verdicts.remove(
                i,
                Category::Promo,
                "related-section",
                1.0,
                1.0,
                "inline related-article link",
            );
            i += 1;
            continue;
        }
        let header = f.words <= HEADER_MAX_WORDS && doc.vocab.is_section_header(&b.text);
        if !header || (!verdicts.is_kept(i) && doc.dom.is_some()) {
            i += 1;
            continue;
        }
        remove_header(verdicts, i);
        // The story so far: what teasers are measured against.
        let story: HashSet<String> = (0..i)
            .filter(|&k| verdicts.is_kept(k))
            .flat_map(|k| content_words(&doc.blocks[k].text).collect::<Vec<_>>())
            .collect();
        // In HTML the section cannot outgrow the element that holds its header.
        let scope_end = doc.dom.and_then(|dom| {
            let node = b.node;
            if node == NO_NODE {
                return None;
            }
            let parent = dom.nodes[node as usize].parent;
            (parent != NO_NODE).then(|| dom.nodes[parent as usize].end)
        });
        let mut j = i + 1;
        while j < n {
            let t = &doc.blocks[j];
            if let Some(end) = scope_end {
                if t.node != NO_NODE && t.node >= end {
                    break;
                }
            }
            let tf = doc.features[j];
            if !verdicts.is_kept(j) {
                j += 1;
                continue;
            }
            if doc.vocab.is_section_header(&t.text) && tf.words <= HEADER_MAX_WORDS {
                remove_header(verdicts, j);
                j += 1;
                continue;
            }
            let title_like =
                (tf.words < TITLE_MAX_WORDS && !tf.ends_sentence) || tf.link_density >= 0.5;
            let sim = similarity(&t.text, &story);
            if title_like {
                let reason = "teaser title in a related-articles section";
                verdicts.remove(
                    j,
                    Category::Promo,
                    "related-section",
                    1.0 - sim,
                    1.0 - ON_TOPIC,
                    reason,
                );
            } else if sim < ON_TOPIC {
                let reason = format!(
                    "teaser in a related-articles section: {:.0}% of its words are in the story",
                    sim * 100.0
                );
                verdicts.remove(
                    j,
                    Category::Promo,
                    "related-section",
                    1.0 - sim,
                    1.0 - ON_TOPIC,
                    reason,
                );
            } else {
                break;
            }
            j += 1;
        }
        i = j;
    }
}

fn remove_header(verdicts: &mut Verdicts, i: usize) {
    let reason = "related-articles section header";
    verdicts.remove(i, Category::Promo, "related-section", 1.0, 1.0, reason);
}
