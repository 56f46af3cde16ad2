//! The floor of a design that parses with html5ever, shared by `examples/compare.rs` and
//! `benches/throughput.rs` so that both time the same thing.

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// html5ever into rcdom, then every node visited once with an explicit stack.
pub fn rcdom_parse_walk(html: &str) -> usize {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut stack: Vec<Handle> = vec![dom.document.clone()];
    let mut seen = 0;
    while let Some(node) = stack.pop() {
        seen += match &node.data {
            NodeData::Text { contents } => contents.borrow().len(),
            _ => 1,
        };
        stack.extend(node.children.borrow().iter().cloned());
    }
    seen
}
