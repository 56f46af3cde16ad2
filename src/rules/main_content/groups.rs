//! Repeated groups: three or more siblings with the same tag and class signature (forum posts,
//! listing items, cards). When the region is one member of such a group, the page's content is
//! the whole group, not the member that happened to score best.

use super::tables::Tables;
use crate::dom::{Dom, NodeId, Tag, NO_NODE};

/// Members a group needs; on a forum thread two posts already make one (a question and its
/// one answer).
const MIN_MEMBERS: usize = 3;
const MIN_FORUM_MEMBERS: usize = 2;
/// How many levels above the region's top a member may sit.
const MAX_LEVELS_UP: usize = 2;
/// The group must hold this many times the member's text: a group of crumbs adds nothing.
const MIN_GROWTH: u32 = 2;
/// The group's parent must be link-poor: a link rail is a group too.
const MAX_LINK_DENSITY: f32 = 0.35;

fn signature(dom: &Dom, id: NodeId) -> Option<(Tag, &str)> {
    dom.element(id).map(|e| (e.tag, e.class().unwrap_or("")))
}

/// The parent of the repeated group `top` (or one of its two nearest ancestors) belongs to,
/// when that group holds clearly more text than the member; `top` otherwise.
pub(crate) fn extend_to_group(dom: &Dom, t: &Tables, top: NodeId, forum: bool) -> NodeId {
    let min_members = if forum {
        MIN_FORUM_MEMBERS
    } else {
        MIN_MEMBERS
    };
    let mut member = top;
    for _ in 0..=MAX_LEVELS_UP {
        let parent = dom.nodes[member as usize].parent;
        if parent == NO_NODE
            || dom
                .element(parent)
                .is_none_or(|e| matches!(e.tag, Tag::Body | Tag::Html))
        {
            break;
        }
        let sig = signature(dom, member);
        let mut members = 0usize;
        let mut chars = 0u32;
        for c in dom.children(parent) {
            if signature(dom, c) == sig {
                members += 1;
                chars += t.chars[c as usize];
            }
        }
        if members >= min_members
            && chars >= MIN_GROWTH * t.chars[member as usize]
            && t.link_density(parent) <= MAX_LINK_DENSITY
        {
            return parent;
        }
        member = parent;
    }
    top
}
