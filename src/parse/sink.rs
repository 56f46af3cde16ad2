//! The tree html5ever builds, in one arena: nodes are indexes into a `Vec`, linked to their
//! parent and siblings, so creating, moving and dropping a node allocates nothing of its own
//! (rcdom gives every node an `Rc` and a `Vec` of children, and its handles are counted
//! references). The tree builder still rearranges the tree while it parses (foster parenting,
//! the adoption agency), which is why this is a linked tree; [`super::html`] then walks it
//! once into the pre-order [`Dom`](crate::dom::Dom).
//!
//! It behaves as rcdom 0.40 does wherever the result is read: adjacent text merges into one
//! node, attributes of a repeated `<html>` or `<body>` are added when missing, template
//! contents live apart from the element. What nothing reads (doctype, parse errors, quirks
//! mode, the text of comments other than `excerpt_end`) is not kept.

use crate::dom::Tag;
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{local_name, ns, Attribute, ExpandedName, LocalName, Namespace, QualName};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::ops::Range;
use std::rc::Rc;

/// Index of a node in the arena.
pub(crate) type Id = u32;

/// No node: the end of a sibling list, the parent of a detached node.
pub(crate) const NONE: Id = u32::MAX;

/// The document node.
pub(crate) const DOCUMENT: Id = 0;

/// A node as the tree builder holds it: its index, and for an element its name, which the
/// tree builder asks for all the time (scope checks walk the stack of open elements), so it is
/// read from the handle without touching the arena.
#[derive(Clone, Debug)]
pub(crate) struct Handle {
    id: Id,
    ns: Namespace,
    local: LocalName,
}

pub(crate) enum Data {
    /// The document, or a template's contents.
    Document,
    Element {
        tag: Tag,
        /// Its attributes' place in [`Tree::attrs`].
        attrs: Range<u32>,
        /// The contents node of a `<template>`.
        template: Id,
        mathml_annotation_xml_integration_point: bool,
    },
    Text(StrTendril),
    /// A comment: only whether it is the `<!--excerpt_end-->` marker is read.
    Comment {
        excerpt_end: bool,
    },
    /// A processing instruction (in foreign content); nothing reads it.
    Other,
}

pub(crate) struct Node {
    pub parent: Id,
    pub first_child: Id,
    pub last_child: Id,
    pub prev: Id,
    pub next: Id,
    pub data: Data,
}

impl Node {
    fn new(data: Data) -> Node {
        Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
            data,
        }
    }
}

/// The arena `TreeSink`. Its methods take `&self` (html5ever's interface), hence the
/// `RefCell`s; no borrow is held across a call back into the tree builder.
pub(crate) struct ArenaSink {
    nodes: RefCell<Vec<Node>>,
    /// All elements' attributes, one after the other. Each tag's own `Vec` is emptied into
    /// this one as its element is made, so that `Vec` is freed at once and its memory serves
    /// the next tag's, instead of every element holding an allocation to the end of the parse
    /// and freeing it then.
    attrs: RefCell<Vec<Attribute>>,
    /// Where the emptied `Vec`s go.
    recycled: AttrVecs,
    /// Bytes of text handed to the tree, for sizing the Dom's text at once: an upper bound of
    /// what it keeps (some runs are dropped with their element, none is added).
    text_bytes: Cell<usize>,
}

/// Attribute `Vec`s the sink has emptied into its arena, for the read-ahead filter's next start
/// tags: each tag's attributes travel to the sink in a `Vec` of their own (html5ever's token),
/// which would otherwise be allocated for the tag and freed as its element is made, some 600
/// times per page.
#[derive(Clone, Default)]
pub(crate) struct AttrVecs(Rc<RefCell<Vec<Vec<Attribute>>>>);

impl AttrVecs {
    /// As many empty `Vec`s are kept at most: a tag's is handed back before the next one is
    /// read, and the others come from the tokenizer's own tags.
    const KEPT: usize = 16;

    /// An empty `Vec` with room for `capacity` attributes.
    pub(crate) fn take(&self, capacity: usize) -> Vec<Attribute> {
        if capacity == 0 {
            return Vec::new();
        }
        match self.0.borrow_mut().pop() {
            Some(mut attrs) => {
                attrs.reserve(capacity);
                attrs
            }
            // Room for most tags at once, so the `Vec` seldom grows when it comes back.
            None => Vec::with_capacity(capacity.max(8)),
        }
    }

    /// Keeps an emptied `Vec` for [`AttrVecs::take`].
    fn give(&self, attrs: Vec<Attribute>) {
        debug_assert!(attrs.is_empty());
        let mut kept = self.0.borrow_mut();
        if attrs.capacity() > 0 && kept.len() < Self::KEPT {
            kept.push(attrs);
        }
    }
}

/// The finished tree: its nodes, and the attributes its elements' ranges point into.
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
    pub attrs: Vec<Attribute>,
    pub text_bytes: usize,
}

thread_local! {
    /// The emptied arenas of the last parse on this thread, for the next one: a page's arenas
    /// are a fresh allocation of a few hundred kilobytes, and most grow once or twice by
    /// copying, where arenas already grown to the pages a thread reads need neither.
    static SPARE: RefCell<Option<(Vec<Node>, Vec<Attribute>)>> = const { RefCell::new(None) };
}

/// Arenas with room for more than this many nodes or attributes (some megabytes) are freed,
/// not kept: one huge page should not hold its memory for the thread's later, smaller ones.
const MOST_SPARE: usize = 1 << 16;

impl Tree {
    /// Empties the arenas (dropping the nodes and attributes, as dropping the tree would) and
    /// keeps them for the next parse on this thread, unless they are too large to keep.
    pub(crate) fn recycle(self) {
        let Tree {
            mut nodes,
            mut attrs,
            ..
        } = self;
        nodes.clear();
        attrs.clear();
        if nodes.capacity() <= MOST_SPARE && attrs.capacity() <= MOST_SPARE {
            // Past the thread's end (its locals gone) they are freed.
            let _ = SPARE.try_with(move |spare| *spare.borrow_mut() = Some((nodes, attrs)));
        }
    }

    /// An element's attributes.
    pub(crate) fn attrs(&self, range: &Range<u32>) -> &[Attribute] {
        &self.attrs[range.start as usize..range.end as usize]
    }
}

impl ArenaSink {
    /// A sink with room for `nodes` nodes before its arena grows: the arenas of the last parse
    /// on this thread when they have the room (see [`Tree::recycle`]), new ones else.
    pub(crate) fn with_capacity(nodes: usize, recycled: AttrVecs) -> ArenaSink {
        let (mut arena, mut attrs) = SPARE
            .try_with(|spare| spare.borrow_mut().take())
            .ok()
            .flatten()
            .unwrap_or_default();
        if arena.capacity() < nodes.max(1) {
            arena = Vec::with_capacity(nodes.max(1));
        }
        // Pages keep about one attribute per element once the unread ones are dropped.
        if attrs.capacity() < nodes / 2 {
            attrs = Vec::with_capacity(nodes / 2);
        }
        arena.push(Node::new(Data::Document));
        ArenaSink {
            nodes: RefCell::new(arena),
            attrs: RefCell::new(attrs),
            recycled,
            text_bytes: Cell::new(0),
        }
    }

    /// The finished tree.
    pub(crate) fn into_tree(self) -> Tree {
        Tree {
            nodes: self.nodes.into_inner(),
            attrs: self.attrs.into_inner(),
            text_bytes: self.text_bytes.get(),
        }
    }

    fn push(&self, data: Data) -> Id {
        let mut nodes = self.nodes.borrow_mut();
        let id = nodes.len() as Id;
        nodes.push(Node::new(data));
        id
    }

    /// Counts a text run handed to the tree.
    fn count_text(&self, child: &NodeOrText<Handle>) {
        if let NodeOrText::AppendText(text) = child {
            self.text_bytes.set(self.text_bytes.get() + text.len());
        }
    }

    fn handle(&self, id: Id) -> Handle {
        Handle {
            id,
            ns: ns!(),
            local: local_name!(""),
        }
    }
}

/// Unlinks `id` from its parent, if it has one.
fn detach(nodes: &mut [Node], id: Id) {
    let Node {
        parent, prev, next, ..
    } = nodes[id as usize];
    if parent == NONE {
        return;
    }
    match prev {
        NONE => nodes[parent as usize].first_child = next,
        p => nodes[p as usize].next = next,
    }
    match next {
        NONE => nodes[parent as usize].last_child = prev,
        n => nodes[n as usize].prev = prev,
    }
    let node = &mut nodes[id as usize];
    node.parent = NONE;
    node.prev = NONE;
    node.next = NONE;
}

/// Links the detached `id` into `parent`'s children, before `before` (`NONE`: last).
fn link(nodes: &mut [Node], parent: Id, before: Id, id: Id) {
    let prev = match before {
        NONE => nodes[parent as usize].last_child,
        b => nodes[b as usize].prev,
    };
    {
        let node = &mut nodes[id as usize];
        node.parent = parent;
        node.prev = prev;
        node.next = before;
    }
    match prev {
        NONE => nodes[parent as usize].first_child = id,
        p => nodes[p as usize].next = id,
    }
    match before {
        NONE => nodes[parent as usize].last_child = id,
        b => nodes[b as usize].prev = id,
    }
}

/// Appends `text` to node `id` when it is a text node (the tree builder's text runs join the
/// text node before them, as in rcdom); false otherwise.
fn join_text(nodes: &mut [Node], id: Id, text: &StrTendril) -> bool {
    match nodes.get_mut(id as usize).map(|n| &mut n.data) {
        Some(Data::Text(contents)) => {
            contents.push_tendril(text);
            true
        }
        _ => false,
    }
}

/// Inserts `child` into `parent`, before `before` (`NONE`: last).
fn insert(nodes: &mut Vec<Node>, parent: Id, before: Id, child: NodeOrText<Handle>) {
    let id = match child {
        NodeOrText::AppendText(text) => {
            let prev = match before {
                NONE => nodes[parent as usize].last_child,
                b => nodes[b as usize].prev,
            };
            if join_text(nodes, prev, &text) {
                return;
            }
            nodes.push(Node::new(Data::Text(text)));
            (nodes.len() - 1) as Id
        }
        NodeOrText::AppendNode(handle) => handle.id,
    };
    let mut before = before;
    if before != NONE && nodes[id as usize].parent == parent {
        if id == before {
            return;
        }
        // rcdom finds the sibling's index before it takes the node out of the same parent,
        // so a node that stood before the sibling lands after it: as there, so the trees agree.
        let mut c = nodes[id as usize].next;
        while c != NONE && c != before {
            c = nodes[c as usize].next;
        }
        if c == before {
            before = nodes[before as usize].next;
        }
    }
    detach(nodes, id);
    link(nodes, parent, before, id);
}

impl TreeSink for ArenaSink {
    type Handle = Handle;
    type Output = ArenaSink;
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) -> ArenaSink {
        self
    }

    // Parse errors are recovered from by the tree builder; nothing reads them.
    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        self.handle(DOCUMENT)
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ExpandedName<'a> {
        ExpandedName {
            ns: &target.ns,
            local: &target.local,
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let template = if flags.template {
            self.push(Data::Document)
        } else {
            NONE
        };
        let mut attrs = attrs;
        let range = {
            let mut arena = self.attrs.borrow_mut();
            let start = arena.len() as u32;
            arena.append(&mut attrs);
            start..arena.len() as u32
        };
        self.recycled.give(attrs);
        let attrs = range;
        let id = self.push(Data::Element {
            tag: Tag::from_name(&name.local),
            attrs,
            template,
            mathml_annotation_xml_integration_point: flags.mathml_annotation_xml_integration_point,
        });
        Handle {
            id,
            ns: name.ns,
            local: name.local,
        }
    }

    fn create_comment(&self, text: StrTendril) -> Handle {
        let excerpt_end = text.trim().eq_ignore_ascii_case("excerpt_end");
        let id = self.push(Data::Comment { excerpt_end });
        self.handle(id)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        let id = self.push(Data::Other);
        self.handle(id)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.count_text(&child);
        insert(&mut self.nodes.borrow_mut(), parent.id, NONE, child);
    }

    fn append_before_sibling(&self, sibling: &Handle, child: NodeOrText<Handle>) {
        let mut nodes = self.nodes.borrow_mut();
        let parent = nodes[sibling.id as usize].parent;
        assert!(
            parent != NONE,
            "append_before_sibling called on node without parent"
        );
        self.count_text(&child);
        insert(&mut nodes, parent, sibling.id, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let has_parent = self.nodes.borrow()[element.id as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    // rcdom keeps the doctype as a child of the document, which the walk into the Dom skips.
    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        match self.nodes.borrow()[target.id as usize].data {
            Data::Element { template, .. } if template != NONE => self.handle(template),
            _ => panic!("not a template element!"),
        }
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        let Data::Element {
            attrs: existing, ..
        } = &mut nodes[target.id as usize].data
        else {
            panic!("not an element")
        };
        let mut arena = self.attrs.borrow_mut();
        let own = existing.start as usize..existing.end as usize;
        let names: HashSet<QualName> = arena[own.clone()].iter().map(|a| a.name.clone()).collect();
        // A repeated `<html>` or `<body>` (rare): the element's attributes move to the end of
        // the arena, unless they are there already, so the new ones can follow them.
        let start = if own.end == arena.len() {
            own.start
        } else {
            let start = arena.len();
            arena.extend_from_within(own);
            start
        };
        arena.extend(attrs.into_iter().filter(|a| !names.contains(&a.name)));
        *existing = start as u32..arena.len() as u32;
    }

    fn remove_from_parent(&self, target: &Handle) {
        detach(&mut self.nodes.borrow_mut(), target.id);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let mut nodes = self.nodes.borrow_mut();
        let mut child = nodes[node.id as usize].first_child;
        while child != NONE {
            let next = nodes[child as usize].next;
            detach(&mut nodes, child);
            link(&mut nodes, new_parent.id, NONE, child);
            child = next;
        }
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        match self.nodes.borrow()[handle.id as usize].data {
            Data::Element {
                mathml_annotation_xml_integration_point,
                ..
            } => mathml_annotation_xml_integration_point,
            _ => panic!("not an element!"),
        }
    }

    // rcdom 0.40's version never finds the `<selectedcontent>` (its search tests the select's
    // own name), so it never changes the tree: neither does this one.
    fn maybe_clone_an_option_into_selectedcontent(&self, _option: &Handle) {}
}
