//! HTML to [`Dom`]: html5ever builds an rcdom tree, which is flattened at once, with an explicit
//! stack, into the pre-order arena the rest of the pipeline reads. rcdom stays in this file so
//! that an arena `TreeSink` can replace it without touching any other stage.

use crate::dom::{Dom, Element, Node, NodeData, NodeId, Tag, NO_NODE};
use crate::error::{Error, ErrorKind};
use crate::options::Limits;
use crate::parse::guard::Guard;
use crate::vocab::classes::{concepts_of, concepts_of_role, Concepts};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::TokenizerResult;
use markup5ever_rcdom::{Handle, NodeData as RcData, RcDom};

/// Attributes later stages read; the rest are dropped at parse time.
const KEPT_ATTRS: &[&str] = &[
    "href", "src", "alt", "title", "itemprop", "itemtype", "property", "name", "content",
    "datetime", "rel", "lang", "type", "colspan",
];

/// Link targets longer than this are dropped (the link's text stays, as plain text).
pub(crate) const MAX_URL_BYTES: usize = 2048;

/// Parses a whole document.
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
                    let is_ld = attrs.iter().any(|a| {
                        &*a.name.local == "type" && a.value.to_ascii_lowercase().contains("ld+json")
                    });
                    if is_ld {
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
                if matches!(tag, Tag::Style | Tag::Template) {
                    continue;
                }
                // Past the depth limit an element's tags are ignored and its children hang
                // from the deepest kept ancestor, so the text survives.
                let (own_parent, child_depth) = if depth >= limits.max_depth {
                    (parent, depth)
                } else {
                    let id = dom.nodes.len() as NodeId;
                    dom.nodes.push(Node {
                        parent,
                        end: 0,
                        data: NodeData::Element(Box::new(element(tag, &attrs))),
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
    Ok(dom)
}

fn push_text(dom: &mut Dom, parent: NodeId, contents: &str) {
    // Adjacent text nodes (split by a dropped comment or script) merge into one.
    if let Some(last) = dom.nodes.last_mut() {
        if last.parent == parent {
            if let NodeData::Text { end, .. } = &mut last.data {
                if *end as usize == dom.text.len() {
                    dom.text.push_str(contents);
                    *end = dom.text.len() as u32;
                    return;
                }
            }
        }
    }
    let start = dom.text.len() as u32;
    dom.text.push_str(contents);
    dom.nodes.push(Node {
        parent,
        end: 0,
        data: NodeData::Text {
            start,
            end: dom.text.len() as u32,
        },
    });
}

/// Sets each node's `end` (one past its subtree) in one backward pass: nodes are in pre-order,
/// so a node's subtree ends where its last descendant's does.
fn close_subtrees(dom: &mut Dom) {
    let n = dom.nodes.len();
    for i in 0..n {
        dom.nodes[i].end = i as NodeId + 1;
    }
    for i in (0..n).rev() {
        let parent = dom.nodes[i].parent;
        if parent != NO_NODE {
            let end = dom.nodes[i].end;
            let p = &mut dom.nodes[parent as usize];
            if p.end < end {
                p.end = end;
            }
        }
    }
}

fn element(tag: Tag, attrs: &[html5ever::Attribute]) -> Element {
    let mut el = Element {
        tag,
        id: None,
        class: None,
        concepts: Concepts::default(),
        attrs: Vec::new(),
    };
    for a in attrs {
        let name: &str = &a.name.local;
        let value: &str = &a.value;
        match name {
            "id" => {
                el.concepts |= concepts_of(value);
                el.id = Some(value.into());
            }
            "class" => {
                el.concepts |= concepts_of(value);
                el.class = Some(value.into());
            }
            "role" => el.concepts |= concepts_of_role(value),
            "hidden" => el.concepts |= Concepts::HIDDEN,
            "aria-hidden" if value.trim().eq_ignore_ascii_case("true") => {
                el.concepts |= Concepts::HIDDEN
            }
            "style" if hides(value) => el.concepts |= Concepts::HIDDEN,
            "itemprop" => {
                if value.eq_ignore_ascii_case("articleBody") || value.eq_ignore_ascii_case("text") {
                    el.concepts |= Concepts::ARTICLE_BODY;
                }
                if value.eq_ignore_ascii_case("author") {
                    el.concepts |= Concepts::BYLINE;
                }
                el.attrs.push((name.into(), value.into()));
            }
            _ if name.starts_with("data-") && value.len() < 64 => {
                // data-component="related-stories" and the like name concepts too, but only a
                // few nav-like ones are reliable enough to trust.
                let c = concepts_of(value);
                el.concepts |= Concepts(
                    c.0 & (Concepts::RELATED.0
                        | Concepts::SHARE.0
                        | Concepts::NEWSLETTER.0
                        | Concepts::AD.0
                        | Concepts::COMMENT.0),
                );
            }
            // Every block inside a link gets a copy of its target, so a 5 MB `href` around
            // 100,000 paragraphs would cost 500 GB: no real URL is this long.
            "href" | "src" if value.len() > MAX_URL_BYTES => {}
            _ if KEPT_ATTRS.contains(&name) => el.attrs.push((name.into(), value.into())),
            _ => {}
        }
    }
    el
}

fn hides(style: &str) -> bool {
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_in_preorder_with_ranges() {
        let dom = parse(
            "<html><body><div id=a><p>one <b>two</b></p><p>three</p></div></body></html>",
            &Limits::default(),
        )
        .unwrap();
        let div = (0..dom.nodes.len() as u32)
            .find(|&i| dom.element(i).is_some_and(|e| e.tag == Tag::Div))
            .unwrap();
        assert_eq!(dom.subtree_text(div), "one twothree");
        let end = dom.nodes[div as usize].end as usize;
        assert_eq!(end, dom.nodes.len());
    }

    #[test]
    fn deep_nesting_is_flattened_not_recursed() {
        let html = "<div>".repeat(5000) + "deep text" + &"</div>".repeat(5000);
        let limits = Limits {
            max_depth: 64,
            ..Limits::default()
        };
        let dom = parse(&html, &limits).unwrap();
        assert!(dom.nodes.len() < 100);
        assert!(dom.text.contains("deep text"));
    }

    #[test]
    fn node_limit_is_an_error() {
        let html = "<p>x</p>".repeat(100);
        let limits = Limits {
            max_nodes: 50,
            ..Limits::default()
        };
        assert!(parse(&html, &limits).is_err());
    }
}
