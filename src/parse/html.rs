//! HTML to [`Dom`]: html5ever builds its tree in an arena ([`super::sink`]), which is then
//! walked once, with an explicit stack, into the pre-order arena the rest of the pipeline
//! reads. html5ever's types stay in the parse stage.

use crate::dom::{attr_index, Dom, ElementId, Node, NodeData, NodeId, Tag, NO_NODE};
use crate::error::{Error, ErrorKind};
use crate::hash::Fold;
use crate::options::Limits;
use crate::parse::guard::Guard;
use crate::parse::raw_text::{is_json_ld, SkipRawText};
use crate::parse::read_ahead::ReadAhead;
use crate::parse::sink::{self, ArenaSink, AttrVecs, Data};
use crate::parse::streamed;
use crate::parse::unread::MAX_DATA_VALUE_BYTES;
use crate::vocab::classes::{concepts_of, concepts_of_role, Concepts};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::TokenizerResult;
use std::collections::HashMap;
use std::rc::Rc;

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
    // The arenas are sized for a typical page of this size (news pages hold a node per 70
    // bytes or so, half of them elements, and a tenth of their bytes as text), so that they
    // seldom grow by copying; `flatten` gives back what the Dom does not use.
    // The sink hands the start tags' attribute `Vec`s back to the read-ahead filter.
    let attr_vecs = AttrVecs::default();
    let builder = TreeBuilder::new(
        ArenaSink::with_capacity(input.len() / 72, attr_vecs.clone()),
        opts,
    );
    let guard = Guard::new(builder, limits.max_depth, limits.max_nodes);
    // Script and style bodies are dropped from the queue unread (see `raw_text`).
    let queue = Rc::new(BufferQueue::default());
    // Plain markup is tokenized ahead of the tokenizer, less the attributes and comment text
    // nothing reads (see `read_ahead` and `unread`).
    let tokenizer = Tokenizer::new(
        ReadAhead::new(
            SkipRawText::new(guard, Rc::clone(&queue)),
            Rc::clone(&queue),
            attr_vecs,
        ),
        TokenizerOpts::default(),
    );
    queue.push_back(StrTendril::from_slice(input));
    while !matches!(tokenizer.feed(&queue), TokenizerResult::Done) {}
    tokenizer.end();
    if tokenizer.sink.inner.inner.over_budget() {
        return Err(Error::new(ErrorKind::TooManyNodes {
            limit: limits.max_nodes,
        }));
    }
    let Tokenizer { sink, .. } = tokenizer;
    let tree = sink.inner.inner.inner.sink.into_tree();
    let dom = flatten(&tree, input.len(), limits);
    tree.recycle();
    dom
}

fn flatten(whole: &sink::Tree, input_len: usize, limits: &Limits) -> Result<Dom, Error> {
    let tree = &whole.nodes;
    // The tree bounds the nodes, elements, attributes and text the Dom can hold; values are
    // sized for a typical page (decoded values are not counted as they come).
    let mut dom = Dom::with_capacity(
        tree.len(),
        whole.text_bytes,
        tree.len(),
        whole.attrs.len(),
        input_len / 5,
    );
    // Whether a placeholder for a streamed segment was kept: only then can a segment move.
    let mut placeholders = false;
    // Sized for the distinct class and id values of a typical page of this size, so that the
    // memo seldom grows.
    let mut memo = ConceptMemo {
        concepts: HashMap::with_capacity_and_hasher(input_len / 512, Fold::default()),
        kept: Vec::new(),
    };
    // (node, parent id in the arena, depth); children are pushed in reverse so they pop in
    // document order.
    let mut stack: Vec<(sink::Id, NodeId, usize)> = Vec::new();
    let push_children = |stack: &mut Vec<(sink::Id, NodeId, usize)>, of, parent, depth| {
        let mut child = tree[of as usize].last_child;
        while child != sink::NONE {
            stack.push((child, parent, depth));
            child = tree[child as usize].prev;
        }
    };
    push_children(&mut stack, sink::DOCUMENT, NO_NODE, 0);
    while let Some((id, parent, depth)) = stack.pop() {
        if dom.nodes.len() >= limits.max_nodes {
            return Err(Error::new(ErrorKind::TooManyNodes {
                limit: limits.max_nodes,
            }));
        }
        match &tree[id as usize].data {
            Data::Text(contents) => push_text(&mut dom, parent, contents),
            Data::Comment { excerpt_end } => {
                if *excerpt_end {
                    dom.nodes.push(Node {
                        parent,
                        end: 0,
                        data: NodeData::ExcerptMarker,
                    });
                }
            }
            Data::Element { tag, attrs, .. } => {
                let tag = *tag;
                let attrs = whole.attrs(attrs);
                if tag == Tag::Script {
                    if is_json_ld(attrs) {
                        let mut json = String::new();
                        let mut c = tree[id as usize].first_child;
                        while c != sink::NONE {
                            if let Data::Text(contents) = &tree[c as usize].data {
                                json.push_str(contents);
                            }
                            c = tree[c as usize].next;
                        }
                        dom.json_ld.push(json);
                    }
                    continue;
                }
                if tag == Tag::Style || (tag == Tag::Template && !is_placeholder(attrs)) {
                    continue;
                }
                // Past the depth limit an element's tags are ignored and its children hang
                // from the deepest kept ancestor, so the text survives.
                let (own_parent, child_depth) = if depth >= limits.max_depth {
                    (parent, depth)
                } else {
                    let own = dom.nodes.len() as NodeId;
                    placeholders |= tag == Tag::Template;
                    let e = element(&mut dom, tag, attrs, &mut memo);
                    dom.nodes.push(Node {
                        parent,
                        end: 0,
                        data: NodeData::Element(e),
                    });
                    (own, depth + 1)
                };
                push_children(&mut stack, id, own_parent, child_depth);
            }
            Data::Document | Data::Other => {}
        }
    }
    close_subtrees(&mut dom);
    let mut dom = if placeholders {
        streamed::move_into_place(dom)
    } else {
        dom
    };
    // The arenas were sized for all the tree held: give back what dropped and merged nodes
    // left unused (large buffers shrink in place).
    dom.shrink_to_fit();
    Ok(dom)
}

pub(super) fn push_text(dom: &mut Dom, parent: NodeId, contents: &str) {
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
pub(super) fn close_subtrees(dom: &mut Dom) {
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

/// The concepts of the id, class and data values of one document, each distinct value read
/// once: a page repeats its class names (every menu item, every teaser), and reading a value
/// costs far more than looking it up.
#[derive(Default)]
pub(super) struct ConceptMemo<'t> {
    concepts: HashMap<&'t str, Concepts, Fold>,
    /// The current element's kept attributes, reused from element to element.
    kept: Vec<(u8, &'t str)>,
}

impl<'t> ConceptMemo<'t> {
    fn of(&mut self, value: &'t str) -> Concepts {
        *self
            .concepts
            .entry(value)
            .or_insert_with(|| concepts_of(value))
    }
}

/// The attributes [`element`] reads besides [`crate::dom::ATTR_NAMES`] (and short `data-`
/// values): the parse stage drops all others before tokenizing them, and `unread`'s tests
/// check that its own list holds these.
#[cfg(test)]
pub(super) const CONCEPT_ATTRS: &[&str] = &["role", "hidden", "aria-hidden", "aria-modal", "style"];

/// Adds the element to `dom`'s elements.
pub(super) fn element<'t>(
    dom: &mut Dom,
    tag: Tag,
    attrs: &'t [html5ever::Attribute],
    memo: &mut ConceptMemo<'t>,
) -> ElementId {
    let mut concepts = Concepts::default();
    let mut hidden_attr = false;
    let mut kept = std::mem::take(&mut memo.kept);
    kept.clear();
    for a in attrs {
        let name: &str = &a.name.local;
        let value: &str = &a.value;
        match name {
            // Ids are nearly all distinct within a page: memoizing them never pays.
            "id" => {
                concepts |= concepts_of(value);
                kept.push((0, value));
            }
            "class" => {
                concepts |= memo.of(value);
                kept.push((1, value));
            }
            "role" => concepts |= concepts_of_role(value),
            "hidden" => hidden_attr = true,
            "aria-hidden" if value.trim().eq_ignore_ascii_case("true") => {
                concepts |= Concepts::HIDDEN
            }
            "aria-modal" if value.trim().eq_ignore_ascii_case("true") => {
                concepts |= Concepts::MODAL
            }
            "style" if hides(value) => concepts |= Concepts::HIDDEN,
            "itemprop" => {
                if value.eq_ignore_ascii_case("articleBody") || value.eq_ignore_ascii_case("text") {
                    concepts |= Concepts::ARTICLE_BODY;
                }
                if value.eq_ignore_ascii_case("author") {
                    concepts |= Concepts::BYLINE;
                }
                kept.extend(attr_index(name).map(|i| (i, value)));
            }
            _ if name.starts_with("data-") && value.len() < MAX_DATA_VALUE_BYTES => {
                // data-component="related-stories" and the like name concepts too, but only a
                // few nav-like ones are reliable enough to trust.
                let c = memo.of(value);
                concepts |= Concepts(
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
            // The attributes later stages read; the rest are dropped here.
            _ => kept.extend(attr_index(name).map(|i| (i, value))),
        }
    }
    // React's streaming render sends each late part of the page as `<div hidden id="S:n">`
    // at the end of the body, and a script moves it into place: that is the page's content.
    let streamed = tag == Tag::Div
        && kept
            .iter()
            .any(|&(name, value)| name == 0 && streamed::segment_number(value).is_some());
    if hidden_attr && !streamed {
        concepts |= Concepts::HIDDEN;
    }
    let el = dom.add_element(tag, concepts, &mut kept);
    memo.kept = kept;
    el
}

/// A `<template>` that marks where a streamed segment goes (see [`streamed`]): kept in the
/// Dom until the segment is moved there.
pub(super) fn is_placeholder(attrs: &[html5ever::Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| &*a.name.local == "id" && streamed::placeholder_number(&a.value).is_some())
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

    /// The same document parsed through the arena sink and through rcdom gives the same Dom.
    fn assert_agrees_with_rcdom(html: &str, limits: &Limits) {
        let ours = parse(html, limits);
        let reference = super::super::rcdom_reference::parse(html, limits);
        match (ours, reference) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.text, b.text, "text of {:?}", &html[..html.len().min(200)]);
                assert_eq!(a.json_ld, b.json_ld);
                assert_eq!(a.element_arenas(), b.element_arenas());
                assert_eq!(
                    format!("{:?}", a.nodes),
                    format!("{:?}", b.nodes),
                    "nodes of {:?}",
                    &html[..html.len().min(200)]
                );
            }
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (a, b) => panic!("{:?} vs {:?}", a.map(|_| ()), b.map(|_| ())),
        }
    }

    #[test]
    fn the_arena_sink_builds_the_tree_rcdom_builds() {
        // Tree-builder corner cases: foster parenting, the adoption agency, reparenting,
        // templates, repeated <html>/<body>, foreign content, select, comments, scripts.
        let snippets = [
            "<table><tr><td>a</td></tr>text<b>bold</b><p>para</p></table>after",
            "<table>x<tr>y<td>z</td></tr>w</table>",
            "<b>1<p>2</b>3</p>4",
            "<a href=x>1<div>2<a href=y>3</a>4</div>5</a>",
            "<b><i><u>x</b>y</i>z</u>",
            "<p><b><i>one<p>two</b>three",
            "<div><b>a<table><tr><td>b</b>c</td></tr></table>d</div>",
            "<template><p>hidden</p></template><p>shown</p>",
            "<html class=a><body id=b><html lang=en class=c><body class=d data-x=1>t</body>",
            "<svg><title>t</title><foreignObject><p>p</p></foreignObject></svg><math><mi>x",
            "<select><option>a<option>b</select><selectedcontent></selectedcontent>",
            "<p>x<!--excerpt_end-->y<!-- other -->z</p>",
            "<script type='application/ld+json'>{\"a\":1}</script><script>var x</script>",
            "<style>p{}</style><noscript><p>ns</p></noscript><ul><li>1<li>2</ul>",
            "<table><caption>c<table>nested</table></caption><colgroup><col></table>",
            "text<table><tbody><tr><td>1<td>2<tr><td>3</table><b>x<table>y</b>z</table>",
            "<dl><dt>a<dd>b<dt>c</dl><h1>h<h2>i</h1>j",
            "<frameset><frame></frameset>",
            "<table><a>1<p>2</a>3</p>",
            "<a><table><a></table><p><a><div><a>",
            "<table><b><tr><td>aaa</td></tr>bbb</table>ccc",
            "<b><table><td></b><i></table>X",
            "<table><td><table><i>a<div>b<b>c</i>d",
            "<a><table><td><a><table></table><a></tr><a></table><b>X</b>C<a>Y",
            "<a X>0<b>1<a Y>2",
            "<table><tr><td><table><tr><td><b>a</td></tr></table>b",
            "<table><b>1<i>2<div>3</b>4</i>5</div></table>",
            "<table><tr><b>a<div>b<i>c</b>d</i>e</div></tr></table>",
            "<div><table><b><u>1<p>2</u>3</b>4</p></table></div>",
            "<table>a<b>b<em>c<p>d</b>e</em>f</p>g</table>",
            "<!DOCTYPE html><?pi x?><html><head><title>T</title><meta charset=utf-8></head>",
            // Raw-text bodies the parse stage skips, and the cases it must leave alone.
            "<script><!--<script>x</script>y--></script>z",
            "<script>a</SCRIPT >b<style>p{}</STYLE\n>c<script>if(a</b)x()</script/>d",
            "<svg><style>.a{}</style><script>1</script><p>in</p></svg>d",
            "<table><script>x</script><style>y</style><tr><td>1</table>",
            "<p>a<script>unterminated <p>b",
            "<p>a<style>unterminated <p>b",
            "<noscript><style>a</style><p>n</p></noscript><title><script>t</title>",
            "<textarea><script>t</script></textarea><xmp><style>x</style></xmp>e",
            "<script type=application/ld+json>{\"a\":\"</b>\"}</script><script>\u{e9}</script>",
            // Script and style read ahead of the tokenizer: after a comment, in SVG, JSON-LD
            // with a line end the tokenizer rewrites, end tags of other shapes, unterminated.
            "<p>a<!-- c --><script src=x>1</script><style>p{}</style >b",
            "<svg><p><style>x</style><script>y</script></svg><style>z</STYLE/>",
            "<b><script type=application/ld+json>{\"a\":\r\n1}</script></b>",
            "<div><script type=application/ld+json>{\"b\":2}</script x=1><style>",
            "",
        ];
        for html in snippets {
            assert_agrees_with_rcdom(html, &Limits::default());
        }
        let deep = "<div><b><table><tr><td>".repeat(300) + "x";
        assert_agrees_with_rcdom(&deep, &Limits::default());
        let small = Limits {
            max_depth: 8,
            max_nodes: 200,
            ..Limits::default()
        };
        assert_agrees_with_rcdom(&deep, &small);
        // Past the guard's foster-parenting budget, whether text is read in one token or
        // broken at each newline (as the tokenizer does) must not matter.
        let fostered = format!("<table>{}<td>end", "<tr>\n y".repeat(3000));
        assert_agrees_with_rcdom(&fostered, &Limits::default());
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec![root.join("examples/data/repost.html")];
        for dir in [
            root.join("tests/fixtures"),
            root.join("target/corpora/aeb/docs"),
            root.join("target/corpora/spam-dev/docs"),
            root.join("target/corpora/wcxb-dev/docs"),
        ] {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                files.push(entry.path().join("input.html"));
                files.push(entry.path());
            }
        }
        for file in files {
            if let Ok(bytes) = std::fs::read(&file) {
                if file.extension().is_some_and(|e| e == "html") {
                    assert_agrees_with_rcdom(&String::from_utf8_lossy(&bytes), &Limits::default());
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 256,
            failure_persistence: None,
            ..Default::default()
        })]

        /// Raw-text bodies skipped unread leave the tree the tokenizer builds: pages made of
        /// the pieces where the skip must stop or stand aside (escapes, end tags of other
        /// case or shape, foreign content, other raw-text elements, unterminated bodies).
        #[test]
        fn skipping_raw_text_changes_no_tree(pieces in proptest::collection::vec(0..PIECES.len(), 0..40)) {
            let html: String = pieces.iter().map(|&i| PIECES[i]).collect();
            assert_agrees_with_rcdom(&html, &Limits::default());
        }

        /// Attributes and comment text dropped unread leave the tree the tokenizer builds:
        /// tags cut from pieces of names, values, quotes, spaces and slashes in any order,
        /// long enough to be read, inside and outside foreign content and raw text.
        #[test]
        fn dropping_unread_markup_changes_no_tree(
            pieces in proptest::collection::vec(0..UNREAD_PIECES.len(), 0..60)
        ) {
            let html: String = pieces.iter().map(|&i| UNREAD_PIECES[i]).collect();
            assert_agrees_with_rcdom(&html, &Limits::default());
        }

        /// Markup tokenized ahead of the tokenizer gives the tree the tokenizer builds: tags,
        /// text, references, line ends and NUL in any order, around the elements after which
        /// the tokenizer treats text or a newline apart.
        #[test]
        fn reading_plain_markup_ahead_changes_no_tree(
            pieces in proptest::collection::vec(0..PLAIN_PIECES.len(), 0..60)
        ) {
            let html: String = pieces.iter().map(|&i| PLAIN_PIECES[i]).collect();
            assert_agrees_with_rcdom(&html, &Limits::default());
        }
    }

    const PLAIN_PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<P CLASS=",
        "<a href=",
        " title=",
        " alt=",
        " Class=",
        " class=",
        " id=",
        "<img",
        "<pre>",
        "<listing>",
        "<textarea>",
        "<table>",
        "<tr>",
        "<td>",
        "</table>",
        "<svg>",
        "</svg>",
        "<meta charset=utf-8>",
        "<link charset=utf-8 rel=x>",
        "<head>",
        "<svg><script>",
        "</script>",
        "<!---->",
        "</div x=1>",
        "</DIV >",
        "</a/>",
        "</",
        "<",
        ">",
        "/>",
        "\"",
        "'",
        "=",
        " ",
        "\n",
        "\r",
        "\r\n",
        "\0",
        "x",
        "text and more text",
        "é",
        "&",
        "&amp;",
        "&amp",
        "&AMP;",
        "&nbsp;",
        "&copy",
        "&copy=",
        "&notit;",
        "&notin;",
        "&#",
        "&#x",
        "&#39;",
        "&#x2014;",
        "&#128;",
        "&#0;",
        "&#99999999;",
        "&zz;",
        ";",
        "<!--",
        "-->",
        "<!-- a comment -->",
        "<!--excerpt_end-->",
        "<!DOCTYPE html>",
        "<script>x</script>",
        "<title>t &amp; u</title>",
    ];

    const UNREAD_PIECES: &[&str] = &[
        "<div",
        "<a",
        "<img",
        "<b",
        "<span",
        "<svg",
        "<use",
        "<p",
        "<input",
        "<font",
        "<template",
        "<annotation-xml",
        "<math>",
        "</svg>",
        "</div>",
        "</a>",
        ">",
        "/>",
        "/",
        " ",
        "\n",
        "\r",
        "\t",
        " onclick=",
        " class=",
        " CLASS=",
        " id=",
        " data-x=",
        " data-component=",
        " style=",
        " hidden",
        " role=",
        " xlink:href=",
        " type=",
        " color=",
        " encoding=",
        " shadowrootmode=",
        " width",
        "=",
        "\"",
        "'",
        "x",
        "display:none",
        "nav related",
        "text/html",
        "hidden",
        "open",
        "0123456789abcdef0123456789abcdef",
        "&amp;",
        "&#34;",
        "\0",
        "<!--",
        "-->",
        "--!>",
        "<!-->",
        "excerpt_end",
        " a comment body long enough to be cut ",
        "<![CDATA[",
        "]]>",
        "<table>",
        "<td>",
        "text ",
        "<textarea>",
        "</textarea>",
        "<script>",
        "</script>",
        "<title>",
        "</title>",
    ];

    const PIECES: &[&str] = &[
        "<script>",
        "</script>",
        "</SCRIPT >",
        "</script/>",
        "</scripts>",
        "<script type=application/ld+json>",
        "<style>",
        "</style>",
        "</STYLE\n>",
        "<!--",
        "-->",
        "<!-->",
        "<",
        "</",
        "/",
        ">",
        "-",
        "<svg>",
        "</svg>",
        "<math>",
        "<p>",
        "</p>",
        "text ",
        "é",
        "<table>",
        "<tr><td>",
        "</table>",
        "<template>",
        "</template>",
        "<noscript>",
        "</noscript>",
        "<textarea>",
        "</textarea>",
        "<title>",
        "</title>",
        "<xmp>",
        "</xmp>",
        "<iframe>",
        "</iframe>",
        "<b>",
        "</b>",
        "<script><!--<script>",
        "\r\n",
        "\0",
    ];

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
