//! The parse stage as it was with rcdom, kept as the reference the arena sink
//! ([`super::sink`]) must agree with: the tests parse the same documents both ways and compare
//! the resulting [`Dom`]s.

use crate::dom::{Dom, Node, NodeData, NodeId, Tag, NO_NODE};
use crate::error::{Error, ErrorKind};
use crate::options::Limits;
use crate::parse::guard::Guard;
use crate::parse::html::{close_subtrees, element, is_placeholder, push_text};
use crate::parse::raw_text::is_json_ld;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::TokenizerResult;
use markup5ever_rcdom::{Handle, NodeData as RcData, RcDom};

/// Parses a whole document into rcdom, then walks it into the Dom, as the parse stage did before
/// the arena sink.
pub(crate) fn parse(input: &str, limits: &Limits) -> Result<Dom, Error> {
    // The tokenizer feeds the tree builder through a guard that keeps html5ever's own work
    // linear and its tree within the limits (see `guard`).
    // Scripting off: `<noscript>` content is parsed as elements, not raw text, so a page that
    // puts its whole text there (a forum's crawler view) can fall back on it in segmentation.
    let opts = TreeBuilderOpts {
        scripting_enabled: false,
        ..TreeBuilderOpts::default()
    };
    let builder = TreeBuilder::new(RcDom::default(), opts);
    let guard = Guard::new(builder, limits.max_depth, limits.max_nodes);
    let tokenizer = Tokenizer::new(guard, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(input));
    while !matches!(tokenizer.feed(&queue), TokenizerResult::Done) {}
    tokenizer.end();
    if tokenizer.sink.over_budget() {
        return Err(Error::new(ErrorKind::TooManyNodes {
            limit: limits.max_nodes,
        }));
    }
    let Tokenizer { sink, .. } = tokenizer;
    flatten(&sink.inner.sink.document, limits)
}

fn flatten(document: &Handle, limits: &Limits) -> Result<Dom, Error> {
    let mut dom = Dom::default();
    // (node, parent id in the arena, depth); children are pushed in reverse so they pop in
    // document order.
    let mut stack: Vec<(Handle, NodeId, usize)> = Vec::new();
    for child in document.children.borrow().iter().rev() {
        stack.push((child.clone(), NO_NODE, 0));
    }
    while let Some((handle, parent, depth)) = stack.pop() {
        if dom.nodes.len() >= limits.max_nodes {
            return Err(Error::new(ErrorKind::TooManyNodes {
                limit: limits.max_nodes,
            }));
        }
        match &handle.data {
            RcData::Text { contents } => {
                let contents = contents.borrow();
                push_text(&mut dom, parent, &contents);
            }
            RcData::Comment { contents } => {
                if contents.trim().eq_ignore_ascii_case("excerpt_end") {
                    dom.nodes.push(Node {
                        parent,
                        end: 0,
                        data: NodeData::ExcerptMarker,
                    });
                }
            }
            RcData::Element { name, attrs, .. } => {
                let local: &str = &name.local;
                let tag = Tag::from_name(local);
                let attrs = attrs.borrow();
                if tag == Tag::Script {
                    if is_json_ld(&attrs) {
                        let mut json = String::new();
                        for c in handle.children.borrow().iter() {
                            if let RcData::Text { contents } = &c.data {
                                json.push_str(&contents.borrow());
                            }
                        }
                        dom.json_ld.push(json);
                    }
                    continue;
                }
                if tag == Tag::Style || (tag == Tag::Template && !is_placeholder(&attrs)) {
                    continue;
                }
                // Past the depth limit an element's tags are ignored and its children hang
                // from the deepest kept ancestor, so the text survives.
                let (own_parent, child_depth) = if depth >= limits.max_depth {
                    (parent, depth)
                } else {
                    let id = dom.nodes.len() as NodeId;
                    let e = element(&mut dom, tag, &attrs, &mut Default::default());
                    dom.nodes.push(Node {
                        parent,
                        end: 0,
                        data: NodeData::Element(e),
                    });
                    (id, depth + 1)
                };
                for child in handle.children.borrow().iter().rev() {
                    stack.push((child.clone(), own_parent, child_depth));
                }
            }
            RcData::Document | RcData::Doctype { .. } | RcData::ProcessingInstruction { .. } => {}
        }
    }
    close_subtrees(&mut dom);
    Ok(crate::parse::streamed::move_into_place(dom))
}
