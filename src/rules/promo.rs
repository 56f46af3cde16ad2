//! Related-article sections: a header ("You May Also Like", "Lesen Sie auch") and the teasers
//! after it. Teasers are found by structure (short title lines, link-dense lines, chrome) and by
//! topic distance: a teaser's words are mostly absent from the story before the header. The
//! section ends at the first long block on the story's topic, so an inline insert between two
//! story paragraphs takes only itself.

use super::{Doc, Verdicts};
use crate::dom::NO_NODE;
use crate::extraction::{BlockKind, Category};
use crate::features::each_word_token;
use crate::hash::Fold;
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
/// we see), or CJK characters. Each in turn, in a buffer reused from word to word.
fn each_content_word(text: &str, mut each: impl FnMut(&str)) {
    each_word_token(text, |w| {
        let content = if w.is_ascii() {
            w.len() >= 4
        } else {
            w.chars().count() >= 4 || w.chars().any(|c| c as u32 >= 0x3040)
        };
        if content {
            each(w);
        }
    });
}

/// The distinct content words of some text: a word is allocated once, however often it
/// occurs.
#[derive(Default)]
pub(crate) struct Words(HashSet<String, Fold>);

impl Words {
    pub(crate) fn add(&mut self, text: &str) {
        each_content_word(text, |w| {
            if !self.0.contains(w) {
                self.0.insert(w.to_owned());
            }
        });
    }
}

/// The words of the kept blocks before a point that only moves forwards, gathered when asked:
/// blocks before the point are decided for good, so gathering them late reads what gathering
/// them at once would have.
#[derive(Default)]
struct Story {
    words: Words,
    /// The blocks before this one are in `words`.
    upto: usize,
}

impl Story {
    /// The words of the kept blocks before block `end`.
    fn upto(&mut self, doc: &Doc<'_>, verdicts: &Verdicts, end: usize) -> &Words {
        for k in self.upto..end {
            if verdicts.is_kept(k) {
                self.words.add(&doc.blocks[k].text);
            }
        }
        self.upto = self.upto.max(end);
        &self.words
    }
}

pub(crate) fn similarity(text: &str, story: &Words) -> f32 {
    let mut words = Words::default();
    words.add(text);
    if words.0.is_empty() {
        return 0.0;
    }
    words.0.iter().filter(|w| story.0.contains(*w)).count() as f32 / words.0.len() as f32
}

pub(crate) fn run(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    related_sections(doc, verdicts);
    announced_links(doc, verdicts);
}

/// Words at most in the link a removed lead-in announces.
const ANNOUNCED_LINK_MAX_WORDS: u32 = 15;

/// A removed call or notice that ends with a colon ("… at the following link:") announces the
/// link right after it: that short, mostly-link line goes with it.
fn announced_links(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    for i in 1..doc.blocks.len() {
        let announced = verdicts.decision(i - 1).is_some_and(|d| {
            matches!(d.category, Category::Promo | Category::Sponsored)
                && doc.blocks[i - 1].text.trim_end().ends_with(':')
        });
        let f = doc.features[i];
        if announced
            && verdicts.is_open(i)
            && f.words <= ANNOUNCED_LINK_MAX_WORDS
            && f.link_density >= 0.5
        {
            verdicts.remove(
                i,
                Category::Promo,
                "related-section",
                f.link_density,
                0.5,
                "the link a removed call to action announces",
            );
        }
    }
}

fn related_sections(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    let n = doc.blocks.len();
    // The story before the current block, grown as headers are met: this loop decides only
    // blocks at or after the current one, so a block it has passed never changes. Its words
    // are gathered only when a teaser is measured against them (most sections have none).
    let mut story = Story::default();
    let mut story_upto = 0;
    let mut story_words = 0u32;
    let mut i = 0;
    while i < n {
        let b = &doc.blocks[i];
        let f = doc.features[i];
        if verdicts.is_open(i)
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
        if !header || !verdicts.is_open(i) {
            i += 1;
            continue;
        }
        // A header the main-content rule already removed is only renamed, with the teasers
        // around it that it removed too; the story after it is never taken.
        let header_in_story = verdicts.is_kept(i);
        remove_header(verdicts, i);
        // The story so far: what teasers are measured against.
        for k in story_upto..i {
            if verdicts.is_kept(k) {
                story_words += doc.features[k].words;
            }
        }
        story_upto = i;
        // In HTML the section cannot outgrow the element that holds its header, nor the header's
        // own box when the header is only a label in it ("See also" in a note box).
        let scope_end = doc.dom.and_then(|dom| {
            let node = b.node;
            if node == NO_NODE {
                return None;
            }
            if doc.blocks.get(i + 1).is_some_and(|next| next.node == node) {
                return Some(dom.nodes[node as usize].end);
            }
            let parent = dom.nodes[node as usize].parent;
            (parent != NO_NODE).then(|| dom.nodes[parent as usize].end)
        });
        // A "section" in HTML that holds more of the kept text than the story before it is the
        // story going on under a heading that reads like one ("See also", "More"): only what
        // the main-content rule removed around it is renamed.
        let header_in_story = header_in_story
            && (doc.dom.is_none() || {
                // Counted only until it outgrows the story, so the scan stays short.
                let mut section_words = 0u32;
                for k in i + 1..n {
                    let node = doc.blocks[k].node;
                    if scope_end.is_some_and(|end| node != NO_NODE && node >= end)
                        || section_words > story_words
                    {
                        break;
                    }
                    if verdicts.is_kept(k) {
                        section_words += doc.features[k].words;
                    }
                }
                section_words <= story_words
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
            if !verdicts.is_open(j) {
                j += 1;
                continue;
            }
            if !verdicts.is_kept(j) {
                let reason = "teaser in a related-articles section (removed as boilerplate)";
                verdicts.remove(j, Category::Promo, "related-section", 1.0, 1.0, reason);
                j += 1;
                continue;
            }
            if !header_in_story {
                break;
            }
            if doc.vocab.is_section_header(&t.text) && tf.words <= HEADER_MAX_WORDS {
                remove_header(verdicts, j);
                j += 1;
                continue;
            }
            let title_like =
                (tf.words < TITLE_MAX_WORDS && !tf.ends_sentence) || tf.link_density >= 0.5;
            let sim = similarity(&t.text, story.upto(doc, verdicts, story_upto));
            let reason = if title_like {
                "teaser title in a related-articles section".to_owned()
            } else if sim < ON_TOPIC {
                format!(
                    "teaser in a related-articles section: {:.0}% of its words are in the story",
                    sim * 100.0
                )
            } else {
                break;
            };
            verdicts.remove(
                j,
                Category::Promo,
                "related-section",
                1.0 - sim,
                1.0 - ON_TOPIC,
                reason,
            );
            j += 1;
        }
        i = j;
    }
    spam_sections(doc, verdicts);
    cta_lead_ins(doc, verdicts);
}

/// A call to action's lead-in is short: one or two sentences.
const LEAD_IN_MAX_WORDS: u32 = 40;

/// The call-to-action rule of a removed block, if it is one: a lead-in next to it joins it.
fn call_to_action(verdicts: &Verdicts, i: usize) -> Option<&'static str> {
    let d = verdicts.decision(i)?;
    let cta = match d.category {
        Category::Promo => d.rule != "related-section",
        Category::Sponsored => true,
        _ => false,
    };
    (cta && !d.renamed_boilerplate).then_some(d.rule)
}

/// A short block right before or after a removed call to action that announces the author's
/// offer to the reader ("I'm happy to say that I'm building that team for you.") is the call's
/// lead-in and goes with it. The same sentence with no call next to it is the author's own
/// and stays.
fn cta_lead_ins(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    for i in 0..doc.blocks.len() {
        let f = doc.features[i];
        if !verdicts.is_kept(i)
            || doc.blocks[i].kind.is_heading()
            || f.words > LEAD_IN_MAX_WORDS
            || f.sentences > 2
        {
            continue;
        }
        let neighbour = i
            .checked_sub(1)
            .and_then(|p| call_to_action(verdicts, p))
            .or_else(|| call_to_action(verdicts, i + 1));
        let Some(rule) = neighbour else {
            continue;
        };
        if doc.vocab.is_cta_lead_in(&doc.blocks[i].text) {
            let reason = "lead-in announcing an offer to the reader, next to a call to action";
            verdicts.remove(i, Category::Promo, rule, 1.0, 1.0, reason);
        }
    }
}

/// A spam section holds at most this many blocks under its heading: a longer one is story.
const MAX_SECTION_BLOCKS: usize = 8;

/// A spam section holds at most this share of the story's words.
const MAX_SECTION_SHARE: f32 = 0.25;

/// What makes a heading open a spam section, if anything: its category and why.
fn section_opener(
    doc: &Doc<'_>,
    verdicts: &Verdicts,
    h: usize,
) -> Option<(Category, &'static str)> {
    if doc.vocab.is_series_teaser(&doc.blocks[h].text) {
        return Some((
            Category::Promo,
            "under a heading announcing the next post of a series",
        ));
    }
    if let Some(d) = verdicts.decision(h) {
        let spam = match d.category {
            Category::Sponsored => true,
            Category::Promo => d.rule != "related-section",
            // "12 Comments" over the comments the user asked for is their heading.
            Category::Chrome => {
                d.rule == "share-line"
                    && !(doc.config.include_comments && super::comments::in_comment_section(doc, h))
            }
            _ => false,
        };
        if spam {
            return Some((d.category, "under a heading that is a call to action"));
        }
    }
    // A sponsorship label right under a heading ("This sponsored deal is brought to you by …")
    // makes the whole item sponsored: its title, text and buttons.
    let next = doc.blocks.get(h + 1)?;
    let label = verdicts
        .decision(h + 1)
        .is_some_and(|d| d.category == Category::Sponsored);
    (label && !next.kind.is_heading()).then_some((
        Category::Sponsored,
        "in an item whose heading is followed by a sponsorship label",
    ))
}

/// A heading that is a call to action, a share request, a series teaser or a sponsored item's
/// title takes its section: the blocks under it up to the next heading of its level or higher,
/// within the element that holds it (HTML). Long sections are story and stay.
pub(crate) fn spam_sections(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    let n = doc.blocks.len();
    let story_words: u32 = (0..n)
        .filter(|&i| verdicts.is_kept(i))
        .map(|i| doc.features[i].words)
        .sum();
    for h in 0..n {
        let BlockKind::Heading(level) = doc.blocks[h].kind else {
            continue;
        };
        let Some((category, why)) = section_opener(doc, verdicts, h) else {
            continue;
        };
        let scope_end = parent_end(doc, h);
        let mut end = h + 1;
        while end < n && end - h <= MAX_SECTION_BLOCKS + 1 {
            let b = &doc.blocks[end];
            if matches!(b.kind, BlockKind::Heading(l) if l <= level)
                || scope_end.is_some_and(|e| b.node != NO_NODE && b.node >= e)
            {
                break;
            }
            end += 1;
        }
        // A heading the main-content rule removed first only renames what it removed too.
        let renamed = verdicts
            .decision(h)
            .is_some_and(|d| d.renamed_boilerplate || d.category == Category::Boilerplate);
        let inside: Vec<usize> = (h + 1..end)
            .filter(|&i| verdicts.is_open(i) && (verdicts.is_kept(i) != renamed))
            .collect();
        let words: u32 = inside
            .iter()
            .filter(|&&i| verdicts.is_kept(i))
            .map(|&i| doc.features[i].words)
            .sum();
        if end - h > MAX_SECTION_BLOCKS + 1 || words as f32 > story_words as f32 * MAX_SECTION_SHARE
        {
            continue;
        }
        for i in std::iter::once(h).chain(inside) {
            verdicts.remove(i, category, "spam-section", 1.0, 1.0, why);
        }
    }
}

/// In HTML, the end (exclusive node id) of the element holding block `i`.
fn parent_end(doc: &Doc<'_>, i: usize) -> Option<u32> {
    let dom = doc.dom?;
    let node = doc.blocks[i].node;
    if node == NO_NODE {
        return None;
    }
    let parent = dom.nodes[node as usize].parent;
    (parent != NO_NODE).then(|| dom.nodes[parent as usize].end)
}

fn remove_header(verdicts: &mut Verdicts, i: usize) {
    let reason = "related-articles section header";
    verdicts.remove(i, Category::Promo, "related-section", 1.0, 1.0, reason);
}
