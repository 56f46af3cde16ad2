//! Reader comments, when the user asks for them (`ExtractorBuilder::include_comments`): the
//! main-content region is the article, and the comment section usually sits after it, outside;
//! so the blocks of a comment section that the region left out are taken back here, and the
//! spam rules that follow judge their lines as they judge the story's ("Reply", share lines).
//! Without the setting, nothing happens: comments go with the rest of the page around the story.

use super::{Doc, Verdicts};
use crate::dom::NO_NODE;
use crate::vocab::classes::Concepts;

/// Ancestors looked at for a comment section; the DOM is at most `Limits::max_depth` deep.
const MAX_ANCESTORS: usize = 64;

/// Whether block `i` sits in a comment section: its nearest ancestor named as page furniture
/// is named a comment section (a share bar inside a comment is still a share bar).
pub(crate) fn in_comment_section(doc: &Doc<'_>, i: usize) -> bool {
    let (Some(dom), Some(block)) = (doc.dom, doc.blocks.get(i)) else {
        return false;
    };
    if block.node == NO_NODE {
        return false;
    }
    std::iter::once(block.node)
        .chain(dom.ancestors(block.node))
        .take(MAX_ANCESTORS)
        .filter_map(|a| dom.element(a))
        .find(|e| e.concepts.has(Concepts::FURNITURE) || e.concepts.has(Concepts::COMMENT))
        .is_some_and(|e| e.concepts.has(Concepts::COMMENT))
}

/// Takes back the comment blocks the region removed, when comments are wanted.
pub(crate) fn run(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    if !doc.config.include_comments || doc.dom.is_none() {
        return;
    }
    for i in 0..doc.blocks.len() {
        let by_region = verdicts
            .decision(i)
            .is_some_and(|d| matches!(d.rule, "outside-main-content" | "boilerplate-container"));
        if by_region && in_comment_section(doc, i) {
            verdicts.restore(i);
        }
    }
}
