//! React's streaming render, put back in reading order.
//!
//! A page rendered with React 18's streaming server (Next.js and others) sends its shell
//! first, with an empty `<template id="B:n">` (or `P:n`) where a late part goes, and each late
//! part at the end of the body as `<div hidden id="S:n">`, which a script then moves into
//! place. Without scripts the story sits hidden after the footer. This stage does the move:
//! the segment's children take the placeholder's place, the segment's hidden wrapper goes.

use crate::dom::{Dom, Node, NodeData, NodeId, Tag, NO_NODE};
use crate::hash::Fold;
use std::collections::HashMap;

/// The `n` of a streamed segment's id `S:n` (n in base 16 or 36).
pub(super) fn segment_number(id: &str) -> Option<&str> {
    id.strip_prefix("S:").filter(|n| is_number(n))
}

/// The `n` of a placeholder's id, `B:n` (a boundary) or `P:n` (a segment).
pub(super) fn placeholder_number(id: &str) -> Option<&str> {
    id.strip_prefix("B:")
        .or_else(|| id.strip_prefix("P:"))
        .filter(|n| is_number(n))
}

fn is_number(n: &str) -> bool {
    !n.is_empty() && n.len() <= 8 && n.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The number of a placeholder template.
fn placeholder<'d>(dom: &'d Dom, data: &NodeData) -> Option<&'d str> {
    match *data {
        NodeData::Element(e) => Some(dom.element_at(e))
            .filter(|e| e.tag == Tag::Template)
            .and_then(|e| e.id())
            .and_then(placeholder_number),
        _ => None,
    }
}

/// Moves every streamed segment whose placeholder comes before it into the placeholder's
/// place; drops the placeholders. A page without placeholders is returned as it is.
pub(super) fn move_into_place(mut dom: Dom) -> Dom {
    if !dom
        .nodes
        .iter()
        .any(|n| placeholder(&dom, &n.data).is_some())
    {
        return dom;
    }
    let mut segments: HashMap<String, NodeId, Fold> = HashMap::default();
    for i in 0..dom.nodes.len() as NodeId {
        if let Some(e) = dom.element(i) {
            if let Some(n) = (e.tag == Tag::Div).then(|| e.id()).flatten() {
                if let Some(n) = segment_number(n) {
                    segments.entry(n.to_owned()).or_insert(i);
                }
            }
        }
    }
    let count = dom.nodes.len();
    let (ends, mut data): (Vec<NodeId>, Vec<Option<NodeData>>) = std::mem::take(&mut dom.nodes)
        .into_iter()
        .map(|n| (n.end, Some(n.data)))
        .unzip();
    let mut moved = vec![false; count];
    let mut nodes: Vec<Node> = Vec::with_capacity(count);
    // (old node, new parent), children pushed in reverse so they pop in document order.
    let mut stack: Vec<(NodeId, NodeId)> = Vec::new();
    let push_children = |stack: &mut Vec<(NodeId, NodeId)>, of: NodeId, parent: NodeId| {
        let first = stack.len();
        let mut c = of + 1;
        while c < ends[of as usize] {
            stack.push((c, parent));
            c = ends[c as usize];
        }
        stack[first..].reverse();
    };
    let mut i = 0;
    while (i as usize) < count {
        stack.push((i, NO_NODE));
        i = ends[i as usize];
    }
    stack.reverse();
    while let Some((id, parent)) = stack.pop() {
        if moved[id as usize] {
            continue;
        }
        if let Some(n) = data[id as usize]
            .as_ref()
            .and_then(|d| placeholder(&dom, d))
        {
            // A segment before its placeholder has been read in place already.
            if let Some(&segment) = segments.get(n).filter(|&&s| s > id) {
                moved[segment as usize] = true;
                push_children(&mut stack, segment, parent);
            }
            continue;
        }
        let own = nodes.len() as NodeId;
        nodes.push(Node {
            parent,
            end: 0,
            data: data[id as usize].take().expect("each node is visited once"),
        });
        push_children(&mut stack, id, own);
    }
    dom.nodes = nodes;
    super::html::close_subtrees(&mut dom);
    dom
}

#[cfg(test)]
mod tests {
    use crate::options::Limits;
    use crate::parse::html::parse;

    fn text(html: &str) -> String {
        let dom = parse(html, &Limits::default()).unwrap();
        let root = 0;
        dom.subtree_text(root)
    }

    #[test]
    fn segments_take_their_placeholders_place() {
        let html =
            "<p>a</p><template id=\"B:0\"></template><p>c</p><template id=\"P:1\"></template>\
                    <footer>f</footer><div hidden id=\"S:1\">d</div><div hidden id=\"S:0\">b</div>";
        assert_eq!(text(html), "abcdf");
    }

    #[test]
    fn other_templates_and_segments_stay_as_they_were() {
        // A segment before its placeholder is read where it is; a placeholder without a
        // segment, an id that is no segment's and an ordinary template are dropped.
        let html = "<div hidden id=\"S:2\">x</div><template id=\"B:2\"></template>\
                    <template id=\"B:9\"></template><template id=\"S:z\">t</template>\
                    <div hidden id=\"S:\">y</div><p>z</p>";
        assert_eq!(text(html), "xyz");
    }
}
