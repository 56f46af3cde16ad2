//! The HTML main-content scorer (category `boilerplate`).
//!
//! Readability's container scoring, computed in side tables over the flat DOM: every
//! paragraph-like block scores `1 + commas + min(chars / 100, 3)` and passes that score to its
//! element and up to five ancestors with decay; each candidate's score gets a tag prior and a
//! class/id prior, and is damped by the link density of its subtree. The best container and
//! the siblings that score close to it form the region; blocks outside it go. Inside it,
//! hidden elements, furniture the region itself is not (share bars, newsletter boxes,
//! comments) and short link-dense lines go too.

use super::{Doc, Verdicts};
use crate::dom::{Dom, NodeId, Tag, NO_NODE};
use crate::extraction::Category;
use crate::vocab::classes::Concepts;

/// Blocks shorter than this pass no score up (Readability's 25 characters).
const MIN_SCORING_CHARS: u32 = 25;
/// How far up a block's score travels.
const MAX_LEVELS: usize = 5;
/// Class/id prior, as in Readability.
const CLASS_WEIGHT: f32 = 25.0;
/// A sibling of the best container joins the region at this share of its score.
const SIBLING_SHARE: f32 = 0.2;
const SIBLING_MIN_SCORE: f32 = 10.0;
/// Short link-dense lines inside the region are navigation.
pub(crate) const LINK_DENSITY_MAX: f32 = 0.5;
const LINK_DENSE_MAX_WORDS: u32 = 30;

struct Tables {
    score: Vec<f32>,
    chars: Vec<u32>,
    link_chars: Vec<u32>,
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

fn build_tables(doc: &Doc<'_>, dom: &Dom) -> Tables {
    let n = dom.nodes.len();
    let mut t = Tables {
        score: vec![0.0; n],
        chars: vec![0; n],
        link_chars: vec![0; n],
    };
    for (b, f) in doc.blocks.iter().zip(doc.features) {
        if b.node == NO_NODE || b.context.has(Concepts::HIDDEN) {
            continue;
        }
        t.chars[b.node as usize] += f.chars;
        t.link_chars[b.node as usize] += b.link_chars;
        if f.chars < MIN_SCORING_CHARS || f.link_density > 0.5 {
            continue;
        }
        let s = 1.0 + f.commas as f32 + (f.chars as f32 / 100.0).min(3.0);
        t.score[b.node as usize] += s;
        for (level, a) in dom.ancestors(b.node).take(MAX_LEVELS).enumerate() {
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            t.score[a as usize] += s / divider;
        }
    }
    // Subtree totals in one backward pass (nodes are in pre-order).
    for i in (0..n).rev() {
        let p = dom.nodes[i].parent;
        if p != NO_NODE {
            t.chars[p as usize] += t.chars[i];
            t.link_chars[p as usize] += t.link_chars[i];
        }
    }
    t
}

fn final_score(t: &Tables, dom: &Dom, id: NodeId) -> f32 {
    let i = id as usize;
    if t.score[i] <= 0.0 {
        return 0.0;
    }
    let Some(e) = dom.element(id) else { return 0.0 };
    let ld = if t.chars[i] == 0 {
        0.0
    } else {
        t.link_chars[i] as f32 / t.chars[i] as f32
    };
    (t.score[i] + tag_prior(e.tag) + class_prior(e.concepts)) * (1.0 - ld)
}

fn children(dom: &Dom, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
    let end = dom.nodes[id as usize].end;
    let mut c = id + 1;
    std::iter::from_fn(move || {
        if c >= end {
            return None;
        }
        let here = c;
        c = dom.nodes[c as usize].end;
        Some(here)
    })
}

pub(crate) fn run(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    let Some(dom) = doc.dom else { return };
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.context.has(Concepts::HIDDEN) {
            verdicts.remove(
                i,
                Category::Boilerplate,
                "hidden-element",
                1.0,
                1.0,
                "inside a hidden element",
            );
        } else if b.context.has(Concepts::CONSENT) {
            verdicts.remove(
                i,
                Category::Boilerplate,
                "boilerplate-container",
                1.0,
                1.0,
                "inside a cookie or consent box",
            );
        } else if b.context.has(Concepts::COMMENT) && !doc.config.include_comments {
            verdicts.remove(
                i,
                Category::Boilerplate,
                "comments",
                1.0,
                1.0,
                "inside the comment section",
            );
        }
    }
    let t = build_tables(doc, dom);
    let mut best: Option<(NodeId, f32)> = None;
    for id in 0..dom.nodes.len() as NodeId {
        let s = final_score(&t, dom, id);
        if s > 0.0 && best.is_none_or(|(_, bs)| s > bs) {
            best = Some((id, s));
        }
    }
    let Some((top, top_score)) = best else { return };
    // The region: the best container plus siblings that score close to it.
    let mut region: Vec<(NodeId, NodeId)> = vec![(top, dom.nodes[top as usize].end)];
    let parent = dom.nodes[top as usize].parent;
    if parent != NO_NODE {
        let threshold = SIBLING_MIN_SCORE.max(top_score * SIBLING_SHARE);
        for s in children(dom, parent) {
            if s != top && final_score(&t, dom, s) >= threshold {
                region.push((s, dom.nodes[s as usize].end));
            }
        }
    }
    let root_context = doc
        .blocks
        .iter()
        .find(|b| b.node >= top && b.node < dom.nodes[top as usize].end)
        .map(|_| region_context(dom, top))
        .unwrap_or_default();
    let describe = dom.path(top);
    for (i, b) in doc.blocks.iter().enumerate() {
        if !verdicts.is_kept(i) {
            continue;
        }
        let inside = b.node != NO_NODE && region.iter().any(|&(s, e)| b.node >= s && b.node < e);
        if !inside {
            let reason =
                format!("outside the main-content region ({describe}, score {top_score:.0})");
            verdicts.remove(
                i,
                Category::Boilerplate,
                "outside-main-content",
                0.0,
                1.0,
                reason,
            );
            continue;
        }
        let furniture = Concepts(b.context.0 & Concepts::FURNITURE.0 & !root_context.0);
        if !furniture.is_empty() {
            verdicts.remove(
                i,
                Category::Boilerplate,
                "boilerplate-container",
                1.0,
                1.0,
                "inside page furniture (share, related, newsletter, ad...) within the story",
            );
            continue;
        }
        let f = doc.features[i];
        if f.link_density >= LINK_DENSITY_MAX && f.words <= LINK_DENSE_MAX_WORDS {
            let reason = format!("{:.0}% of a short line is links", f.link_density * 100.0);
            verdicts.remove(
                i,
                Category::Boilerplate,
                "link-dense",
                f.link_density,
                LINK_DENSITY_MAX,
                reason,
            );
        }
    }
}

/// Concepts of the region's root and its ancestors: furniture named above the region (a body
/// class such as `has-sidebar`) says nothing about the blocks inside it.
fn region_context(dom: &Dom, root: NodeId) -> Concepts {
    let mut c = dom
        .element(root)
        .map_or(Concepts::default(), |e| e.concepts);
    for a in dom.ancestors(root) {
        if let Some(e) = dom.element(a) {
            c |= e.concepts;
            c |= match e.tag {
                Tag::Nav => Concepts::NAV,
                Tag::Footer => Concepts::FOOTER,
                Tag::Aside => Concepts::SIDEBAR,
                Tag::Header => Concepts::HEADER,
                _ => Concepts::default(),
            };
        }
    }
    c
}
