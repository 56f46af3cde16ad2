//! The block classifier (rule `block-classifier`, category `boilerplate`): a boosted-tree
//! model ([`super::model`]) reads each block's signals ([`super::signals`]), including what
//! the region rules decided, and gives the probability that the block is story. It has the
//! last word on generic boilerplate: a block the region rules kept goes when the model is
//! sure it is not story, and a block they removed comes back when the model is sure it is (a
//! listing's items outside the region, a product's description in a hidden tab). Spam, chrome,
//! metadata and duplicate decisions are never overridden.

use super::model::{probability, Model};
use super::signals::{Row, DESCRIPTIONS, S};
use crate::extraction::Category;
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

/// Story probability under which a block goes. A page that declares itself an article has
/// one story, which the region rules find well: a block they removed comes back only when
/// the model is fairly sure. Other pages (lists, products, forums, services) spread their
/// content over the page, and keep more of their short lines.
fn threshold(focus: Focus, article: bool, removed_by_rules: bool) -> f32 {
    let base = match (article, removed_by_rules) {
        (true, false) => 0.5,
        (true, true) => 0.7,
        (false, _) => 0.4,
    };
    match focus {
        Focus::Precision => base + 0.15,
        Focus::Balanced => base,
        Focus::Recall => base - 0.15,
    }
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

/// The classifier may not leave less than this share of the words the rules kept when that
/// is also fewer than [`EMPTIED_WORDS`] words.
const EMPTIED_SHARE: f32 = 0.3;
const EMPTIED_WORDS: u32 = 50;

/// A comment section holding this share of the page's words is the page's content.
const THREAD_MIN_SHARE: f32 = 0.5;

/// Whether the classifier may decide block `i`. Some removals are not the model's to take
/// back: hidden text (cloaked keywords and spam hide there) except the closed panels of tabs
/// and accordions on pages that are not articles; comments, except where they are most of
/// the page (a thread, whatever the page declares); a line the
/// vocabulary recognises as a call to action, disclaimer or link teaser, even too weakly to
/// remove it alone; a box that names itself a call to action (newsletter, share, social,
/// advertising, sponsored, consent, pop-up); a link line announced by a colon ("… see my
/// earlier post:"), or glued in one paragraph to spam a rule removed ("This post appeared
/// first on X. Read the entire article here").
fn revisited(doc: &Doc<'_>, verdicts: &Verdicts, i: usize, page: &Page) -> bool {
    let Some(d) = verdicts.decision(i) else {
        return true;
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
        "hidden-element" => !page.article && b.context.has(Concepts::PANEL),
        "comments" => page.thread,
        "link-dense" if announced || glued_to_spam => false,
        "boilerplate-container" if b.context.has(CALL_TO_ACTION_BOXES) => false,
        _ => crate::rules::memory::hinted_category(doc.vocab, &b.text).is_none(),
    }
}

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

/// The signals that pushed a block's score down the most, as words.
fn evidence(row: &Row, credit: &[f32]) -> String {
    use std::fmt::Write;
    // The three lowest credits under -0.05, lowest first and in signal order among equals
    // (what a stable sort of them all gives), picked in one pass: this runs for every block
    // the classifier removes.
    let mut against: [(usize, f32); 3] = [(0, 0.0); 3];
    let mut found = 0;
    for (k, &c) in credit.iter().enumerate().filter(|&(_, &c)| c < -0.05) {
        let mut at = found;
        while at > 0 && c.total_cmp(&against[at - 1].1).is_lt() {
            at -= 1;
        }
        if at < against.len() {
            found = (found + 1).min(against.len());
            against.copy_within(at..found - 1, at + 1);
            against[at] = (k, c);
        }
    }
    if found == 0 {
        return "no single signal stands out".to_owned();
    }
    let mut out = String::with_capacity(128);
    for (n, &(k, _)) in against[..found].iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        out.push_str(DESCRIPTIONS[k]);
        out.push(' ');
        let v = row[k];
        if v == 0.0 || v == 1.0 {
            out.push_str(if v == 1.0 { "yes" } else { "no" });
        } else if v.fract() == 0.0 {
            let _ = write!(out, "{v:.0}");
        } else {
            let _ = write!(out, "{v:.2}");
        }
    }
    out
}

/// Decides every revisited block by the model. `rows` are the blocks' signals.
pub(crate) fn run(doc: &Doc<'_>, verdicts: &mut Verdicts, rows: &mut [Row], model: &Model) {
    let title = verdicts.title();
    let Some(first) = rows.first() else { return };
    let comment_words: f32 = rows
        .iter()
        .filter(|r| r[S::pruned_comments as usize] > 0.0)
        .map(|r| r[S::words as usize])
        .sum();
    let page = Page {
        article: first[S::page_article as usize] > 0.0,
        thread: comment_words >= THREAD_MIN_SHARE * first[S::page_words as usize].max(1.0),
    };
    // Decide every block first, then apply, so that the guard below sees the whole outcome.
    // One walk of the trees gives a block's probability and, for a block under its cut, the
    // reason (kept as words, not as the walk's per-signal credit).
    let mut decided: Vec<(usize, f32, f32, Option<String>)> = Vec::new();
    let (mut rules_words, mut kept_words) = (0u32, 0u32);
    for (i, row) in rows.iter_mut().enumerate() {
        let words = doc.features[i].words;
        let rules_kept = verdicts.is_kept(i);
        rules_words += if rules_kept { words } else { 0 };
        let open = Some(i) != title
            && revisited(doc, verdicts, i, &page)
            // Comments the user asked for stay, whatever the model learnt of them.
            && !(doc.config.include_comments && doc.blocks[i].context.has(Concepts::COMMENT));
        if !open {
            kept_words += if rules_kept { words } else { 0 };
            continue;
        }
        note_rules(verdicts, i, row);
        let cut = threshold(doc.config.focus, page.article, !rules_kept);
        let (raw, credit) = model.explain(row);
        let p = probability(raw);
        let story = p >= cut;
        kept_words += if story { words } else { 0 };
        let reason = (!story).then(|| {
            format!(
                "story probability {p:.2} is under {cut:.2}; against it: {}",
                evidence(row, &credit)
            )
        });
        decided.push((i, p, cut, reason));
    }
    // A model is sure only inside what it was trained on: when it would all but empty a story
    // the rules found (a page of one long paragraph, say), the rules' story stays.
    let emptied =
        (kept_words as f32) < EMPTIED_SHARE * rules_words as f32 && kept_words < EMPTIED_WORDS;
    for (i, p, cut, reason) in decided {
        let Some(reason) = reason else {
            verdicts.restore(i);
            continue;
        };
        if emptied && verdicts.is_kept(i) {
            continue;
        }
        verdicts.restore(i);
        verdicts.remove(i, Category::Boilerplate, "block-classifier", p, cut, reason);
    }
}
