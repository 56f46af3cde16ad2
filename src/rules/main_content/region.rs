//! Choosing the main-content region from container scores, as Readability does: the best
//! container, promoted to an ancestor that several near-best candidates share, climbed while
//! a parent scores higher, widened past wrappers with a single child, plus close siblings.

use super::tables::Tables;
use crate::dom::{Dom, NodeId, Tag, NO_NODE};

/// How many runner-up candidates are weighed for a shared ancestor.
const RUNNERS_UP: usize = 5;
/// A runner-up counts toward promotion at this share of the best score...
const RUNNER_UP_SHARE: f32 = 0.75;
/// ...and an ancestor holding this many of them becomes the candidate.
const RUNNERS_UP_TO_PROMOTE: usize = 3;
/// Climbing to a parent must add at least this share of the candidate's story mass...
const CLIMB_MIN_GAIN: f32 = 0.2;
/// ...and at least this much: a few paragraphs, not a dek and a caption.
const CLIMB_MIN_ABSOLUTE_GAIN: f32 = 5.0;
/// ...in text no more link-dense than this (a story's other parts, not a link rail).
const CLIMB_MAX_LINK_DENSITY: f32 = 0.3;
/// A sibling of the candidate joins the region at this score at least.
const SIBLING_MIN_SCORE: f32 = 10.0;
/// A plain paragraph beside the candidate joins it when it is this long and link-poor.
const SIBLING_PARAGRAPH_CHARS: u32 = 80;
const SIBLING_PARAGRAPH_MAX_LINK_DENSITY: f32 = 0.25;

/// The chosen region: disjoint subtrees given as `[start, end)` node ranges.
pub(crate) struct Region {
    pub top: NodeId,
    pub top_score: f32,
    pub ranges: Vec<(NodeId, NodeId)>,
}

impl Region {
    pub(crate) fn contains(&self, node: NodeId) -> bool {
        node != NO_NODE && self.ranges.iter().any(|&(s, e)| node >= s && node < e)
    }
}

fn is_page_root(dom: &Dom, id: NodeId) -> bool {
    dom.element(id)
        .is_none_or(|e| matches!(e.tag, Tag::Body | Tag::Html))
}

fn contains(dom: &Dom, outer: NodeId, inner: NodeId) -> bool {
    inner >= outer && inner < dom.nodes[outer as usize].end
}

/// The region for `scores` (one per node), or `None` when nothing scores.
/// `prose`, when given (pages that are not articles), is each subtree's prose: the region is
/// widened until it covers enough of it ([`super::pagetype::widen_to_cover`]), after taking
/// the repeated group its top belongs to ([`super::groups`]; two posts suffice on a `forum`).
pub(crate) fn select(
    dom: &Dom,
    t: &Tables,
    scores: &[f32],
    sibling_share: f32,
    prose: Option<&[u32]>,
    forum: bool,
) -> Option<Region> {
    // The best candidates, best first (a bounded insertion list: one pass over the nodes).
    let mut best: Vec<(NodeId, f32)> = Vec::with_capacity(RUNNERS_UP + 2);
    for (i, &s) in scores.iter().enumerate() {
        if s <= 0.0 {
            continue;
        }
        let at = best.iter().position(|&(_, b)| s > b).unwrap_or(best.len());
        if at <= RUNNERS_UP {
            best.insert(at, (i as NodeId, s));
            best.truncate(RUNNERS_UP + 1);
        }
    }
    let &(mut top, top_score) = best.first()?;

    // Several near-best candidates in one ancestor: the story is split over them.
    let runners: Vec<NodeId> = best[1..]
        .iter()
        .filter(|&&(_, s)| s >= top_score * RUNNER_UP_SHARE)
        .map(|&(id, _)| id)
        .collect();
    if runners.len() >= RUNNERS_UP_TO_PROMOTE {
        for a in dom.ancestors(top) {
            if is_page_root(dom, a) {
                break;
            }
            let held = runners.iter().filter(|&&r| contains(dom, a, r)).count();
            if held >= RUNNERS_UP_TO_PROMOTE {
                top = a;
                break;
            }
        }
    }

    // Climb while a parent scores higher than its child (it holds more of the story).
    let mut last = scores[top as usize];
    let floor = last / 3.0;
    let mut p = dom.nodes[top as usize].parent;
    while p != NO_NODE && !is_page_root(dom, p) {
        let s = scores[p as usize];
        if s > 0.0 {
            if s < floor {
                break;
            }
            if s > last {
                top = p;
                break;
            }
            last = s;
        }
        p = dom.nodes[p as usize].parent;
    }

    // The story split over sibling containers (parts between figures, a lead and a body)
    // sits deeper than where it joins: climb while the parent adds story, not links.
    loop {
        let p = dom.nodes[top as usize].parent;
        if p == NO_NODE || is_page_root(dom, p) {
            break;
        }
        let (pi, ti) = (p as usize, top as usize);
        let gain = t.mass[pi] - t.mass[ti];
        let extra_chars = t.chars[pi].saturating_sub(t.chars[ti]);
        let extra_links = t.link_chars[pi].saturating_sub(t.link_chars[ti]);
        let extra_ld = if extra_chars == 0 {
            0.0
        } else {
            extra_links as f32 / extra_chars as f32
        };
        if extra_chars > 0
            && (gain < CLIMB_MIN_ABSOLUTE_GAIN.max(CLIMB_MIN_GAIN * t.mass[ti])
                || extra_ld > CLIMB_MAX_LINK_DENSITY)
        {
            break;
        }
        top = p;
    }

    // A wrapper whose text is all the candidate's says nothing more: take it instead, so the
    // candidate's siblings are weighed at the level where the page splits.
    loop {
        let p = dom.nodes[top as usize].parent;
        if p == NO_NODE || is_page_root(dom, p) || t.chars[p as usize] != t.chars[top as usize] {
            break;
        }
        top = p;
    }

    if let Some(prose) = prose {
        top = super::groups::extend_to_group(dom, t, top, forum);
        top = super::pagetype::widen_to_cover(dom, t, prose, top);
    }

    let top_score = scores[top as usize].max(top_score);
    let mut ranges = vec![(top, dom.nodes[top as usize].end)];
    let parent = dom.nodes[top as usize].parent;
    if parent != NO_NODE {
        let threshold = SIBLING_MIN_SCORE.max(top_score * sibling_share);
        for s in dom.children(parent) {
            if s == top {
                continue;
            }
            let si = s as usize;
            let paragraph = dom.element(s).is_some_and(|e| matches!(e.tag, Tag::P))
                && t.chars[si] >= SIBLING_PARAGRAPH_CHARS
                && t.link_density(s) < SIBLING_PARAGRAPH_MAX_LINK_DENSITY;
            if scores[si] >= threshold || paragraph {
                ranges.push((s, dom.nodes[si].end));
            }
        }
    }
    Some(Region {
        top,
        top_score,
        ranges,
    })
}
