//! Side tables over the flat DOM: subtree text sizes, the guarded prune map and the
//! Readability-style container scores. Nothing is stored on DOM nodes.

use crate::dom::{Dom, NodeId, Tag, NO_NODE};
use crate::rules::Doc;
use crate::vocab::classes::Concepts;

/// Blocks shorter than this pass no score up (Readability's 25 characters).
const MIN_SCORING_CHARS: u32 = 25;
/// Only paragraphs this long count as story mass (deks, captions and bylines are shorter).
const MASS_MIN_CHARS: u32 = 80;
/// How far up a block's score travels.
const MAX_LEVELS: usize = 5;
/// Class/id prior, as in Readability.
const CLASS_WEIGHT: f32 = 25.0;
/// A hidden, consent or dialog box is small next to the page: one that holds more than this
/// share of the page's text is a wrapper whose class or attribute lies (a page revealed by a
/// script, `cookies-accepted` on the body), so it is not pruned.
const OVERLAY_MAX_SHARE: f32 = 0.4;
/// A box declared modal (`aria-modal="true"`) is an overlay up to this share of the page.
const MODAL_MAX_SHARE: f32 = 0.9;
/// Comments may outweigh the story, but not the whole page.
const COMMENTS_MAX_SHARE: f32 = 0.85;

/// Why a subtree is pruned before any scoring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Prune {
    Hidden,
    Consent,
    Dialog,
    Comments,
}

impl Prune {
    pub(crate) fn rule(self) -> &'static str {
        match self {
            Prune::Hidden => "hidden-element",
            Prune::Consent | Prune::Dialog => "boilerplate-container",
            Prune::Comments => "comments",
        }
    }

    pub(crate) fn reason(self) -> &'static str {
        match self {
            Prune::Hidden => "inside a hidden element",
            Prune::Consent => "inside a cookie or consent box",
            Prune::Dialog => "inside a dialog or pop-up",
            Prune::Comments => "inside the comment section",
        }
    }
}

/// Which prunes a pass applies.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PrunePolicy {
    pub overlays: bool,
    pub comments: bool,
}

pub(crate) struct Tables {
    /// Text characters in each node's subtree (pruned blocks excluded once pruned).
    pub chars: Vec<u32>,
    pub link_chars: Vec<u32>,
    /// Readability's content score, before priors and link damping.
    pub score: Vec<f32>,
    /// Undecayed sum of the scores of the subtree's paragraphs outside furniture: how much
    /// story a subtree holds, however deep its paragraphs sit.
    pub mass: Vec<f32>,
    /// The prune covering each node, if any.
    pub pruned: Vec<Option<Prune>>,
    /// Characters of the whole page, before pruning.
    pub page_chars: u32,
}

impl Tables {
    /// Tables for `n` nodes, all empty.
    pub(crate) fn empty(n: usize) -> Tables {
        Tables {
            chars: vec![0; n],
            link_chars: vec![0; n],
            score: vec![0.0; n],
            mass: vec![0.0; n],
            pruned: vec![None; n],
            page_chars: 0,
        }
    }

    pub(crate) fn link_density(&self, id: NodeId) -> f32 {
        let i = id as usize;
        if self.chars[i] == 0 {
            0.0
        } else {
            self.link_chars[i] as f32 / self.chars[i] as f32
        }
    }
}

/// Builds the tables: raw sizes, then the prune map (each candidate checked against the
/// page's size), then scores and sizes of what the prunes leave.
pub(crate) fn build(doc: &Doc<'_>, dom: &Dom, policy: PrunePolicy) -> Tables {
    let mut t = Tables::empty(dom.nodes.len());
    add_block_sizes(doc, &mut t);
    sum_subtrees::<false>(dom, &mut t);
    t.page_chars = t.chars.first().copied().unwrap_or(0);
    mark_prunes(dom, &mut t, policy);
    // Sizes again without the pruned blocks, with the scores and mass of what is left.
    t.chars.iter_mut().for_each(|c| *c = 0);
    t.link_chars.iter_mut().for_each(|c| *c = 0);
    add_block_sizes(doc, &mut t);
    add_scores(doc, dom, &mut t);
    sum_subtrees::<true>(dom, &mut t);
    t
}

/// Each block's size on its own element; blocks already pruned count for nothing.
fn add_block_sizes(doc: &Doc<'_>, t: &mut Tables) {
    for (b, f) in doc.blocks.iter().zip(doc.features) {
        if b.node == NO_NODE || t.pruned[b.node as usize].is_some() {
            continue;
        }
        t.chars[b.node as usize] += f.chars;
        t.link_chars[b.node as usize] += b.link_chars;
    }
}

/// Subtree totals in one backward pass (nodes are in pre-order, children after parents):
/// the characters, and with `ALL` the link characters and mass too (the prunes read only the
/// characters, and before the scores the mass is all zeros).
fn sum_subtrees<const ALL: bool>(dom: &Dom, t: &mut Tables) {
    let n = dom.nodes.len();
    // Slices of one known length, so that one test of the parent (`NO_NODE` is past any
    // node) covers every index.
    let (chars, links, mass) = (&mut t.chars[..n], &mut t.link_chars[..n], &mut t.mass[..n]);
    for (i, node) in dom.nodes.iter().enumerate().rev() {
        let p = node.parent as usize;
        if p < n {
            chars[p] += chars[i];
            if ALL {
                links[p] += links[i];
                mass[p] += mass[i];
            }
        }
    }
}

fn mark_prunes(dom: &Dom, t: &mut Tables, policy: PrunePolicy) {
    let page = t.page_chars.max(1) as f32;
    for id in 0..dom.nodes.len() {
        let parent = dom.nodes[id].parent;
        if parent != NO_NODE && t.pruned[parent as usize].is_some() {
            t.pruned[id] = t.pruned[parent as usize];
            continue;
        }
        let Some(e) = dom.element(id as NodeId) else {
            continue;
        };
        let share = t.chars[id] as f32 / page;
        let c = e.concepts;
        let overlay = if c.has(Concepts::HIDDEN) {
            Some(Prune::Hidden)
        } else if c.has(Concepts::CONSENT) {
            Some(Prune::Consent)
        } else if matches!(e.tag, Tag::Dialog) || c.has(Concepts::POPUP) {
            Some(Prune::Dialog)
        } else {
            None
        };
        // A declared modal (a consent manager's dialog) is an overlay even when the page has
        // little text of its own beside it.
        let limit = if c.has(Concepts::MODAL) {
            MODAL_MAX_SHARE
        } else {
            OVERLAY_MAX_SHARE
        };
        t.pruned[id] = match overlay {
            Some(p) if policy.overlays && share <= limit => Some(p),
            _ if policy.comments && c.has(Concepts::COMMENT) && share <= COMMENTS_MAX_SHARE => {
                Some(Prune::Comments)
            }
            _ => None,
        };
    }
}

fn add_scores(doc: &Doc<'_>, dom: &Dom, t: &mut Tables) {
    for (b, f) in doc.blocks.iter().zip(doc.features) {
        if b.node == NO_NODE || t.pruned[b.node as usize].is_some() {
            continue;
        }
        if f.chars < MIN_SCORING_CHARS || f.link_density > 0.5 {
            continue;
        }
        let s = 1.0 + f.commas as f32 + (f.chars as f32 / 100.0).min(3.0);
        t.score[b.node as usize] += s;
        if f.chars >= MASS_MIN_CHARS && !b.context.has(Concepts::FURNITURE) {
            t.mass[b.node as usize] += s;
        }
        for (level, a) in dom.ancestors(b.node).take(MAX_LEVELS).enumerate() {
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            t.score[a as usize] += s / divider;
        }
    }
}

fn tag_prior(tag: Tag) -> f32 {
    match tag {
        Tag::Div | Tag::Article | Tag::Main | Tag::Section => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => {
            -3.0
        }
        Tag::H(_) | Tag::Th => -5.0,
        _ => 0.0,
    }
}

fn class_prior(c: Concepts) -> f32 {
    let mut w = 0.0;
    if c.has(Concepts::ARTICLE_BODY) {
        w += 2.0 * CLASS_WEIGHT;
    } else if c.has(Concepts::CONTENT) {
        w += CLASS_WEIGHT;
    }
    if c.has(Concepts::FURNITURE) {
        w -= CLASS_WEIGHT;
    }
    w
}

/// Each node's container score: content score plus tag and (when `use_classes`) class/id
/// priors, damped by the link density of its subtree. Zero for pruned and scoreless nodes.
pub(crate) fn final_scores(dom: &Dom, t: &Tables, use_classes: bool) -> Vec<f32> {
    (0..dom.nodes.len())
        .map(|i| {
            if t.score[i] <= 0.0 || t.pruned[i].is_some() {
                return 0.0;
            }
            let Some(e) = dom.element(i as NodeId) else {
                return 0.0;
            };
            let prior = tag_prior(e.tag)
                + if use_classes {
                    class_prior(e.concepts)
                } else {
                    0.0
                };
            ((t.score[i] + prior) * (1.0 - t.link_density(i as NodeId))).max(0.0)
        })
        .collect()
}
