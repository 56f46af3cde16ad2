//! The block classifier (rule `block-classifier`, category `boilerplate`): a boosted-tree
//! model ([`super::model`]) reads each block's signals ([`super::signals`]), including what
//! the region rules decided, and gives the probability that the block is story. It has the
//! last word on generic boilerplate: a block the region rules kept goes when the model is
//! sure it is not story, and a block they removed comes back when the model is sure it is (a
//! listing's items outside the region, a product's description in a hidden tab). Spam, chrome,
//! metadata and duplicate decisions are never overridden.

use super::model::{probability, Model};
use super::signals::{Row, Signals, DESCRIPTIONS, NAMES, S};
use crate::decimal::push_fixed;
use crate::extraction::{BlockKind, Category};
use crate::options::Focus;
use crate::rules::{Doc, Verdicts};
use crate::vocab::classes::Concepts;
use once_cell::sync::Lazy;

/// The model trained by `examples/train-model` on the development corpora.
pub(crate) const SHIPPED_MODEL: &str = include_str!("block_model.txt");

static SHIPPED: Lazy<Model> =
    Lazy::new(|| Model::parse(SHIPPED_MODEL).expect("the shipped block model is valid"));

/// The shipped model (parsed once per process; a unit test checks that it parses).
pub(crate) fn shipped() -> &'static Model {
    &SHIPPED
}

/// Pages with fewer blocks are fragments, left to the region rules: 99% of the training
/// pages have more.
pub(crate) const MIN_BLOCKS: usize = 20;

/// The region rules whose decisions the classifier revisits.
const REVISITED: &[&str] = &[
    "outside-main-content",
    "boilerplate-container",
    "link-dense",
    "hidden-element",
    "comments",
];

/// A block the region rules removed comes back only above this probability: on a page that
/// declares an article, whose one story the rules find well, only when the model is fairly
/// sure; elsewhere (lists, products, forums, services spread their content) more easily.
fn restore_floor(article: bool) -> f32 {
    if article {
        0.7
    } else {
        0.2
    }
}

/// The weight of recall against precision in the story the classifier picks.
fn beta(focus: Focus) -> f32 {
    match focus {
        Focus::Precision => 0.5,
        Focus::Balanced => 1.0,
        Focus::Recall => 2.0,
    }
}

/// Which of the candidates (probability, words) to keep: the most probable first, as many as
/// maximise the expected F-beta of the page's story, `(1 + b²)·TP / (b²·G + K)`, where TP is
/// the expected story words kept, K the words kept and G the expected story words of the
/// page. A page of many uncertain blocks keeps more of them than a page of a few sure ones,
/// as the per-page metrics reward. Returns the lowest probability kept (1.0 when none).
fn expected_best_cut(candidates: &[(f32, u32)], beta: f32) -> f32 {
    let mut order: Vec<(f32, f32)> = candidates
        .iter()
        .map(|&(p, w)| (p, w.max(1) as f32))
        .collect();
    order.sort_by(|a, b| b.0.total_cmp(&a.0));
    let b2 = beta * beta;
    let story: f32 = order.iter().map(|&(p, w)| p * w).sum();
    let (mut tp, mut kept, mut best, mut cut) = (0.0f32, 0.0f32, 0.0f32, 1.0f32);
    for &(p, w) in &order {
        tp += p * w;
        kept += w;
        let f = (1.0 + b2) * tp / (b2 * story + kept);
        if f > best {
            best = f;
            cut = p;
        }
    }
    cut
}

/// What the page is, for deciding which removals the classifier may take back.
struct Page {
    /// The page declares an article (JSON-LD, `og:type`).
    article: bool,
    /// The comment section holds a large share of the page's words: a thread, whatever the
    /// page declares.
    thread: bool,
}

/// Boxes that name themselves calls to action: what they hold is promotion, not story.
const CALL_TO_ACTION_BOXES: Concepts = Concepts(
    Concepts::NEWSLETTER.0
        | Concepts::SHARE.0
        | Concepts::SOCIAL.0
        | Concepts::AD.0
        | Concepts::SPONSORED.0
        | Concepts::CONSENT.0
        | Concepts::POPUP.0,
);

/// The restore floor of the relaxed try, when the first leaves a page next to nothing.
const RELAXED_FLOOR: f32 = 0.2;

/// A whole page (see [`MIN_BLOCKS`]) whose story has fewer words has no story.
const PAGE_STORY_MIN_WORDS: u32 = 10;

/// A comment section holding this share of the page's words is the page's content.
const THREAD_MIN_SHARE: f32 = 0.5;

/// Whether the classifier may decide block `i`: any block the rules kept but code and table
/// rows, and some of their removals. Some removals are not the model's to take back: hidden
/// text (cloaked keywords and spam hide there) except the closed panels of tabs and
/// accordions (an article's sections folded away); comments, except where they are most of
/// the page (a thread, whatever the page declares); a line the
/// vocabulary recognises as a call to action, disclaimer or link teaser, even too weakly to
/// remove it alone; on an article, a teaser outside the region (see [`is_teaser`]); a box
/// that names itself a call to action (newsletter, share, social,
/// advertising, sponsored, consent, pop-up); a link line announced by a colon ("… see my
/// earlier post:"), or glued in one paragraph to spam a rule removed ("This post appeared
/// first on X. Read the entire article here").
fn revisited(
    doc: &Doc<'_>,
    verdicts: &Verdicts,
    i: usize,
    page: &Page,
    signals: &mut Signals<'_>,
) -> bool {
    let Some(d) = verdicts.decision(i) else {
        // Code and data tables the rules kept stay: the story's structured parts, of which the
        // pages the model learnt from hold too few to judge one by.
        return !matches!(doc.blocks[i].kind, BlockKind::Code | BlockKind::TableRow);
    };
    if d.category != Category::Boilerplate || d.renamed_boilerplate || !REVISITED.contains(&d.rule)
    {
        return false;
    }
    let b = &doc.blocks[i];
    let announced = i > 0 && doc.blocks[i - 1].text.trim_end().ends_with(':');
    let glued_to_spam = [i.checked_sub(1), Some(i + 1)]
        .into_iter()
        .flatten()
        .filter(|&j| j < doc.blocks.len() && doc.blocks[j].node == b.node)
        .any(|j| {
            verdicts
                .decision(j)
                .is_some_and(|d| d.category != Category::Boilerplate)
        });
    match d.rule {
        "hidden-element" => b.context.has(Concepts::PANEL),
        "comments" => page.thread,
        "link-dense" if announced || glued_to_spam => false,
        "outside-main-content" if page.article && is_teaser(signals, i) => false,
        "boilerplate-container" if b.context.has(CALL_TO_ACTION_BOXES) => false,
        _ => crate::rules::memory::hinted_category(doc.vocab, &b.text).is_none(),
    }
}

/// One of a run of teasers: an item of a repeated group that opens with a link (a linked
/// headline, then a summary). Outside an article's region, that is a rail of other stories.
/// (The group, which costs more to find, only for a block that opens with a link.)
fn is_teaser(signals: &mut Signals<'_>, i: usize) -> bool {
    signals.lead_link_share(i) >= TEASER_LEAD_LINK && signals.group_members(i) >= 3.0
}

/// Share of a block's text in the link it opens with that makes it a teaser.
const TEASER_LEAD_LINK: f32 = 0.15;

/// Records in `row` the region rules' decision on the block.
pub(crate) fn note_rules(verdicts: &Verdicts, i: usize, row: &mut Row) {
    let d = verdicts.decision(i);
    row[S::rules_kept as usize] = d.is_none() as u8 as f32;
    let rule = d.map_or("", |d| d.rule);
    for (s, name) in [
        (S::rules_outside, "outside-main-content"),
        (S::rules_furniture, "boilerplate-container"),
        (S::rules_link_dense, "link-dense"),
        (S::rules_hidden, "hidden-element"),
        (S::rules_comments, "comments"),
    ] {
        row[s as usize] = (rule == name) as u8 as f32;
    }
}

/// The signals that pushed a block's score down the most, with their values: what the
/// reason of a removal names. Kept instead of the row, which is dropped once scored.
#[derive(Clone, Copy)]
struct Against {
    signals: [(usize, f32); 3],
    found: usize,
}

impl Against {
    fn of(row: &Row, credit: &[f32]) -> Against {
        // The three lowest credits under -0.05, lowest first and in signal order among equals
        // (what a stable sort of them all gives), picked in one pass.
        let mut against: [(usize, f32); 3] = [(0, 0.0); 3];
        let mut found = 0;
        // What a credit must be under to be kept: -0.05, then the third lowest kept. All kept
        // credits are under -0.05, so `<` orders them as `total_cmp` would.
        const FLOOR: f32 = -0.05;
        let mut bar = FLOOR;
        // Keeps credit `c` of signal `k`, under the bar, and gives the new bar.
        let mut keep = |k: usize, c: f32| {
            let mut at = found;
            while at > 0 && c < against[at - 1].1 {
                at -= 1;
            }
            found = (found + 1).min(against.len());
            for j in (at + 1..found).rev() {
                against[j] = against[j - 1];
            }
            against[at] = (k, c);
            if found == against.len() {
                against[found - 1].1
            } else {
                FLOOR
            }
        };
        // Eight credits at a time are first compared with the bar all at once (the compiler
        // vectorizes the fold), and looked at one by one only when one of them is under it.
        let mut chunks = credit.chunks_exact(8);
        for (n, chunk) in chunks.by_ref().enumerate() {
            if !chunk.iter().fold(false, |any, &c| any | (c < bar)) {
                continue;
            }
            for (j, &c) in chunk.iter().enumerate() {
                if c < bar {
                    bar = keep(n * 8 + j, c);
                }
            }
        }
        let done = credit.len() - chunks.remainder().len();
        for (j, &c) in chunks.remainder().iter().enumerate() {
            if c < bar {
                bar = keep(done + j, c);
            }
        }
        for slot in &mut against[..found] {
            slot.1 = row[slot.0];
        }
        Against {
            signals: against,
            found,
        }
    }

    /// As words, appended to `out`.
    fn describe(&self, out: &mut String) {
        if self.found == 0 {
            out.push_str("no single signal stands out");
            return;
        }
        for (n, &(k, v)) in self.signals[..self.found].iter().enumerate() {
            if n > 0 {
                out.push_str(", ");
            }
            out.push_str(DESCRIPTIONS[k]);
            out.push(' ');
            if is_flag(NAMES[k]) {
                out.push_str(if v > 0.0 { "yes" } else { "no" });
            } else {
                push_fixed(out, v, if v.fract() == 0.0 { 0 } else { 2 });
            }
        }
    }
}

/// Signals that are yes or no (a negative value means "not applicable", read as no).
fn is_flag(name: &str) -> bool {
    const PREFIXES: &[&str] = &["c_", "in_", "pruned_", "rules_", "kind_", "ld_"];
    PREFIXES.iter().any(|p| name.starts_with(p))
        || matches!(
            name,
            "ends_sentence"
                | "starts_with_marker"
                | "page_article"
                | "page_forum"
                | "region_found"
                | "before_region"
                | "after_region"
                | "after_h1"
                | "prev_in_region"
                | "next_in_region"
        )
}

/// The bar each decided block must reach: the page's expected-F-beta cut, and for a block the
/// rules removed, at least `floor`.
fn bars_for(
    doc: &Doc<'_>,
    verdicts: &Verdicts,
    decided: &[(usize, f32)],
    floor: f32,
    beta: f32,
) -> Vec<f32> {
    let candidates: Vec<(f32, u32)> = decided
        .iter()
        .filter(|&&(i, p)| verdicts.is_kept(i) || p >= floor)
        .map(|&(i, p)| (p, doc.features[i].words))
        .collect();
    let cut = expected_best_cut(&candidates, beta);
    decided
        .iter()
        .map(|&(i, _)| {
            if verdicts.is_kept(i) {
                cut
            } else {
                cut.max(floor)
            }
        })
        .collect()
}

/// Rows made and scored at a time: a whole number of the model's batches, so that only a
/// page's last slice walks a batch filled up with copies.
const ROWS_AT_ONCE: usize = 32 * super::model::BATCH;

/// Decides every revisited block by the model, reading the blocks' rows from `signals`.
pub(crate) fn run(
    doc: &Doc<'_>,
    verdicts: &mut Verdicts,
    signals: &mut Signals<'_>,
    model: &Model,
) {
    let title = verdicts.title();
    if doc.blocks.is_empty() {
        return;
    }
    let comment_words: f32 = (0..doc.blocks.len())
        .filter(|&i| signals.in_pruned_comments(i))
        .map(|i| doc.features[i].words as f32)
        .sum();
    let page = Page {
        article: signals.is_article(),
        thread: comment_words >= THREAD_MIN_SHARE * (signals.page_words() as f32).max(1.0),
    };
    // The model's probability for every block it may decide, and what weighed against it; a
    // removal of the rules' under the restore floor stands.
    let floor = restore_floor(page.article);
    let opened: Vec<usize> = (0..doc.blocks.len())
        .filter(|&i| {
            Some(i) != title
                && revisited(doc, verdicts, i, &page, signals)
                // Comments the user asked for stay, whatever the model learnt of them.
                && !(doc.config.include_comments && doc.blocks[i].context.has(Concepts::COMMENT))
        })
        .collect();
    // Only the blocks the model decides have their row made, a slice of them at a time: the
    // model walks them in batches (see `Model::explain_all`), and all the rows of a long page
    // at once, with their credits, were the largest allocation of its extraction.
    let mut decided: Vec<(usize, f32)> = Vec::with_capacity(opened.len());
    let mut against: Vec<Against> = Vec::with_capacity(opened.len());
    let mut rows: Vec<Row> = Vec::with_capacity(ROWS_AT_ONCE);
    for slice in opened.chunks(ROWS_AT_ONCE) {
        rows.clear();
        for &i in slice {
            let mut row = signals.row(i);
            note_rules(verdicts, i, &mut row);
            rows.push(row);
        }
        for ((&i, row), (raw, credit)) in slice.iter().zip(&rows).zip(model.explain_all(&rows)) {
            decided.push((i, probability(raw)));
            against.push(Against::of(row, &credit));
        }
    }
    // The bar each block must reach; when it leaves the page next to nothing, a relaxed try
    // (Readability's retry): any block above the lower floor may come back, weighed for recall.
    let fixed: u32 = (0..verdicts.len())
        .filter(|&i| verdicts.is_kept(i) && Some(i) != title)
        .filter(|&i| decided.binary_search_by_key(&i, |&(j, _)| j).is_err())
        .map(|i| doc.features[i].words)
        .sum();
    let mut bars = bars_for(doc, verdicts, &decided, floor, beta(doc.config.focus));
    let kept_words = |bars: &[f32]| -> u32 {
        decided
            .iter()
            .zip(bars)
            .filter(|&(&(i, p), &bar)| p >= bar && Some(i) != title)
            .map(|(&(i, _), _)| doc.features[i].words)
            .sum()
    };
    if fixed + kept_words(&bars) < PAGE_STORY_MIN_WORDS && floor > RELAXED_FLOOR {
        bars = bars_for(doc, verdicts, &decided, RELAXED_FLOOR, beta(Focus::Recall));
    }
    for ((&(i, p), &bar), against) in decided.iter().zip(&bars).zip(&against) {
        if p >= bar {
            verdicts.restore(i);
            continue;
        }
        // As format!("story probability {p:.2} is under this page's bar of {bar:.2}; against
        // it: {}"), which spent more on the two floats than on the rest of this loop.
        let mut reason = String::with_capacity(160);
        reason.push_str("story probability ");
        push_fixed(&mut reason, p, 2);
        reason.push_str(" is under this page's bar of ");
        push_fixed(&mut reason, bar, 2);
        reason.push_str("; against it: ");
        against.describe(&mut reason);
        verdicts.restore(i);
        verdicts.remove(i, Category::Boilerplate, "block-classifier", p, bar, reason);
    }
    // A whole page whose story comes to a handful of words besides its title has none: what
    // is left is a label or a stray line of furniture ("Help", "Search:").
    let story: u32 = (0..verdicts.len())
        .filter(|&i| verdicts.is_kept(i) && Some(i) != title)
        .map(|i| doc.features[i].words)
        .sum();
    if story < PAGE_STORY_MIN_WORDS {
        let reason = format!(
            "a page of {} blocks whose story comes to {story} words has none",
            verdicts.len()
        );
        for i in 0..verdicts.len() {
            if verdicts.is_kept(i) {
                verdicts.remove(
                    i,
                    Category::Boilerplate,
                    "story-too-short",
                    story as f32,
                    PAGE_STORY_MIN_WORDS as f32,
                    reason.clone(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn against_keeps_the_three_lowest_credits_a_stable_sort_gives() {
        let mut next = crate::test_support::xorshift(0x2545_f491_4f6c_dd1du64);
        let row: Row = std::array::from_fn(|k| k as f32 * 0.5);
        for _ in 0..3000 {
            // Credits from a few values (ties), around the -0.05 bar, with NaN and zeros.
            let width = 1 + next() % 6;
            let credit: Vec<f32> = (0..super::super::signals::COUNT)
                .map(|_| match next() % (2 + width) {
                    0 => f32::NAN,
                    1 => -0.05,
                    v => -(((v + next() % 3) as f32) * 0.04) + 0.02,
                })
                .collect();
            let mut order: Vec<(usize, f32)> = credit
                .iter()
                .copied()
                .enumerate()
                .filter(|&(_, c)| c < -0.05)
                .collect();
            order.sort_by(|a, b| a.1.total_cmp(&b.1));
            order.truncate(3);
            let got = Against::of(&row, &credit);
            let got: Vec<usize> = got.signals[..got.found].iter().map(|s| s.0).collect();
            let want: Vec<usize> = order.iter().map(|s| s.0).collect();
            assert_eq!(got, want, "{credit:?}");
        }
    }

    #[test]
    fn the_cut_follows_the_page() {
        // A few sure blocks and many unsure ones: the unsure ones cost precision.
        let sure = [(0.95, 100), (0.9, 80), (0.2, 10), (0.2, 10), (0.15, 10)];
        assert_eq!(expected_best_cut(&sure, 1.0), 0.9);
        // Nothing sure at all: keeping the likelier half still beats keeping nothing.
        let unsure = [(0.45, 50), (0.4, 50), (0.35, 50), (0.05, 50)];
        let cut = expected_best_cut(&unsure, 1.0);
        assert!((0.3..=0.45).contains(&cut), "{cut}");
        // Recall keeps more than balance, precision less.
        let mixed = [(0.9, 50), (0.6, 50), (0.45, 50), (0.3, 50), (0.1, 50)];
        let (p, b, r) = (
            expected_best_cut(&mixed, 0.5),
            expected_best_cut(&mixed, 1.0),
            expected_best_cut(&mixed, 2.0),
        );
        assert!(p >= b && b >= r && p > r, "{p} {b} {r}");
        assert_eq!(expected_best_cut(&[], 1.0), 1.0);
    }
}
