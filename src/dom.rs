//! A flat, read-only DOM: nodes in document (pre-)order, each with its parent and the end of its
//! subtree. The parse stage fills it from html5ever; every later stage walks it by index, so no
//! walk recurses and a subtree is a range. html5ever's own tree never leaves the parse stage.

use crate::vocab::classes::Concepts;

/// Index of a node in [`Dom::nodes`].
pub(crate) type NodeId = u32;

/// No node: the parent of the root, or the node of a text-input block.
pub(crate) const NO_NODE: NodeId = u32::MAX;

/// The elements whose names matter to segmentation and scoring; everything else is `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Tag {
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Script,
    Style,
    Noscript,
    Template,
    Svg,
    Math,
    Iframe,
    Object,
    Canvas,
    Video,
    Audio,
    Select,
    Option,
    Button,
    Input,
    Textarea,
    Label,
    Form,
    Nav,
    Header,
    Footer,
    Aside,
    Main,
    Article,
    Section,
    Div,
    P,
    H(u8),
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Code,
    Table,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Td,
    Th,
    Caption,
    Figure,
    Figcaption,
    Img,
    Br,
    Hr,
    A,
    Time,
    Address,
    Dialog,
    Details,
    Summary,
    Center,
    Other,
}

impl Tag {
    pub(crate) fn from_name(name: &str) -> Tag {
        match name {
            "html" => Tag::Html,
            "head" => Tag::Head,
            "body" => Tag::Body,
            "title" => Tag::Title,
            "meta" => Tag::Meta,
            "link" => Tag::Link,
            "script" => Tag::Script,
            "style" => Tag::Style,
            "noscript" => Tag::Noscript,
            "template" => Tag::Template,
            "svg" => Tag::Svg,
            "math" => Tag::Math,
            "iframe" => Tag::Iframe,
            "object" | "embed" => Tag::Object,
            "canvas" => Tag::Canvas,
            "video" => Tag::Video,
            "audio" => Tag::Audio,
            "select" | "datalist" => Tag::Select,
            "option" | "optgroup" => Tag::Option,
            "button" => Tag::Button,
            "input" => Tag::Input,
            "textarea" => Tag::Textarea,
            "label" => Tag::Label,
            "form" | "fieldset" => Tag::Form,
            "nav" | "menu" => Tag::Nav,
            "header" => Tag::Header,
            "footer" => Tag::Footer,
            "aside" => Tag::Aside,
            "main" => Tag::Main,
            "article" => Tag::Article,
            "section" => Tag::Section,
            "div" => Tag::Div,
            "p" => Tag::P,
            "h1" => Tag::H(1),
            "h2" => Tag::H(2),
            "h3" => Tag::H(3),
            "h4" => Tag::H(4),
            "h5" => Tag::H(5),
            "h6" => Tag::H(6),
            "ul" => Tag::Ul,
            "ol" => Tag::Ol,
            "li" => Tag::Li,
            "dl" => Tag::Dl,
            "dt" => Tag::Dt,
            "dd" => Tag::Dd,
            "blockquote" => Tag::Blockquote,
            "pre" | "listing" | "xmp" | "plaintext" => Tag::Pre,
            "code" | "kbd" | "samp" => Tag::Code,
            "table" => Tag::Table,
            "thead" => Tag::Thead,
            "tbody" => Tag::Tbody,
            "tfoot" => Tag::Tfoot,
            "tr" => Tag::Tr,
            "td" => Tag::Td,
            "th" => Tag::Th,
            "caption" => Tag::Caption,
            "figure" => Tag::Figure,
            "figcaption" => Tag::Figcaption,
            "img" | "picture" => Tag::Img,
            "br" => Tag::Br,
            "hr" => Tag::Hr,
            "a" => Tag::A,
            "time" => Tag::Time,
            "address" => Tag::Address,
            "dialog" => Tag::Dialog,
            "details" => Tag::Details,
            "summary" => Tag::Summary,
            "center" => Tag::Center,
            _ => Tag::Other,
        }
    }

    /// Elements that start and end a block of text (everything else is inline).
    pub(crate) fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::A
                | Tag::Code
                | Tag::Time
                | Tag::Label
                | Tag::Img
                | Tag::Other
                | Tag::Button
                | Tag::Input
                | Tag::Br
        )
    }

    /// Elements whose whole subtree carries no story text.
    pub(crate) fn is_skipped(self) -> bool {
        matches!(
            self,
            Tag::Head
                | Tag::Script
                | Tag::Style
                | Tag::Noscript
                | Tag::Template
                | Tag::Svg
                | Tag::Math
                | Tag::Iframe
                | Tag::Object
                | Tag::Canvas
                | Tag::Video
                | Tag::Audio
                | Tag::Select
                | Tag::Option
                | Tag::Textarea
                | Tag::Button
                | Tag::Input
                | Tag::Dialog
        )
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Tag::Html => "html",
            Tag::Head => "head",
            Tag::Body => "body",
            Tag::Title => "title",
            Tag::Meta => "meta",
            Tag::Link => "link",
            Tag::Script => "script",
            Tag::Style => "style",
            Tag::Noscript => "noscript",
            Tag::Template => "template",
            Tag::Svg => "svg",
            Tag::Math => "math",
            Tag::Iframe => "iframe",
            Tag::Object => "object",
            Tag::Canvas => "canvas",
            Tag::Video => "video",
            Tag::Audio => "audio",
            Tag::Select => "select",
            Tag::Option => "option",
            Tag::Button => "button",
            Tag::Input => "input",
            Tag::Textarea => "textarea",
            Tag::Label => "label",
            Tag::Form => "form",
            Tag::Nav => "nav",
            Tag::Header => "header",
            Tag::Footer => "footer",
            Tag::Aside => "aside",
            Tag::Main => "main",
            Tag::Article => "article",
            Tag::Section => "section",
            Tag::Div => "div",
            Tag::P => "p",
            Tag::H(1) => "h1",
            Tag::H(2) => "h2",
            Tag::H(3) => "h3",
            Tag::H(4) => "h4",
            Tag::H(5) => "h5",
            Tag::H(_) => "h6",
            Tag::Ul => "ul",
            Tag::Ol => "ol",
            Tag::Li => "li",
            Tag::Dl => "dl",
            Tag::Dt => "dt",
            Tag::Dd => "dd",
            Tag::Blockquote => "blockquote",
            Tag::Pre => "pre",
            Tag::Code => "code",
            Tag::Table => "table",
            Tag::Thead => "thead",
            Tag::Tbody => "tbody",
            Tag::Tfoot => "tfoot",
            Tag::Tr => "tr",
            Tag::Td => "td",
            Tag::Th => "th",
            Tag::Caption => "caption",
            Tag::Figure => "figure",
            Tag::Figcaption => "figcaption",
            Tag::Img => "img",
            Tag::Br => "br",
            Tag::Hr => "hr",
            Tag::A => "a",
            Tag::Time => "time",
            Tag::Address => "address",
            Tag::Dialog => "dialog",
            Tag::Details => "details",
            Tag::Summary => "summary",
            Tag::Center => "center",
            Tag::Other => "*",
        }
    }
}

/// Defines [`ATTR_NAMES`] and [`attr_index`] from one list of names.
macro_rules! kept_attributes {
    ($($name:literal),* $(,)?) => {
        /// The attributes an element keeps, by name: `id`, `class`, then the few read later
        /// (href, src, alt, itemprop, content, datetime...). An element stores an index into
        /// this list.
        pub(crate) const ATTR_NAMES: &[&str] = &[$($name),*];

        /// Index of a kept attribute's name in [`ATTR_NAMES`]. A `match`, inlined: a name
        /// written in the code (`e.attr("href")`) then costs no search, where a search by
        /// position cost more than the attribute's own lookup on elements read one by one.
        #[inline(always)]
        pub(crate) fn attr_index(name: &str) -> Option<u8> {
            match name {
                $($name => Some(const { attr_id($name) }),)*
                _ => None,
            }
        }
    };
}

kept_attributes!(
    "id", "class", "href", "src", "alt", "title", "itemprop", "itemtype", "property", "name",
    "content", "datetime", "rel", "lang", "type", "colspan",
);

/// [`attr_index`] at compile time, for the attributes read on every element:
/// `e.attr_at(const { attr_id("itemprop") })` skips the lookup by name.
pub(crate) const fn attr_id(name: &str) -> u8 {
    let mut i = 0;
    while i < ATTR_NAMES.len() {
        let n = ATTR_NAMES[i].as_bytes();
        let b = name.as_bytes();
        if n.len() == b.len() {
            let mut k = 0;
            while k < n.len() && n[k] == b[k] {
                k += 1;
            }
            if k == n.len() {
                return i as u8;
            }
        }
        i += 1;
    }
    panic!("not a kept attribute")
}

/// An element as the Dom stores it: its kept attributes live in the Dom's arenas, so that
/// an element costs no allocation of its own (three per element, boxed, cost some 90M
/// instructions on the aeb pages, their frees included).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ElementRecord {
    tag: Tag,
    concepts: Concepts,
    /// Where its kept attributes start in [`Dom::attr_ends`], and how many.
    ends: u32,
    count: u8,
    /// Where its values start in [`Dom::attr_values`].
    values: u32,
}

/// Index of an element in [`Dom::elements`].
pub(crate) type ElementId = u32;

/// An element: its tag, the attributes later stages read, and its class/id concepts; a view
/// into the Dom ([`Dom::element`]). Most reads want only the tag and concepts: the
/// attributes are found in the arenas when asked for.
#[derive(Clone, Copy)]
pub(crate) struct Element<'a> {
    pub tag: Tag,
    /// What the class, id, role and itemprop say the element is (navigation, share bar...).
    pub concepts: Concepts,
    record: &'a ElementRecord,
    /// The Dom's arenas, whole.
    attr_ends: &'a [(u8, u32)],
    attr_values: &'a str,
}

impl<'a> Element<'a> {
    /// The value of the attribute called `name`, if kept.
    #[inline(always)]
    pub(crate) fn attr(&self, name: &str) -> Option<&'a str> {
        self.attr_at(attr_index(name)?)
    }

    /// Per kept attribute, sorted by name: its name's index in [`ATTR_NAMES`] and where its
    /// value ends among the element's values.
    fn ends(&self) -> &'a [(u8, u32)] {
        let first = self.record.ends as usize;
        &self.attr_ends[first..first + usize::from(self.record.count)]
    }

    /// The element's value that starts `start` and ends `end` bytes into its values.
    fn value(&self, start: usize, end: u32) -> &'a str {
        let base = self.record.values as usize;
        &self.attr_values[base + start..base + end as usize]
    }

    /// The value of the attribute at `index` in [`ATTR_NAMES`], if kept.
    pub(crate) fn attr_at(&self, index: u8) -> Option<&'a str> {
        let mut start = 0;
        for &(n, end) in self.ends() {
            if n == index {
                return Some(self.value(start, end));
            }
            start = end as usize;
        }
        None
    }

    pub(crate) fn id(&self) -> Option<&'a str> {
        match self.ends().first() {
            Some(&(0, end)) => Some(self.value(0, end)),
            _ => None,
        }
    }

    pub(crate) fn class(&self) -> Option<&'a str> {
        self.attr_at(1)
    }
}

impl std::fmt::Debug for Element<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut start = 0;
        let attrs: Vec<(&str, &str)> = self
            .ends()
            .iter()
            .map(|&(n, end)| {
                let value = self.value(start, end);
                start = end as usize;
                (ATTR_NAMES[usize::from(n)], value)
            })
            .collect();
        f.debug_struct("Element")
            .field("tag", &self.tag)
            .field("concepts", &self.concepts)
            .field("attrs", &attrs)
            .finish()
    }
}

#[derive(Clone, Debug)]
pub(crate) enum NodeData {
    Element(ElementId),
    /// A text node: a byte range of [`Dom::text`].
    Text {
        start: u32,
        end: u32,
    },
    /// `<!--excerpt_end-->` and similar markers that pipelines leave in feeds.
    ExcerptMarker,
}

#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub parent: NodeId,
    /// One past the last node of this node's subtree.
    pub end: NodeId,
    pub data: NodeData,
}

/// The document: nodes in pre-order plus document-level facts the head holds.
#[derive(Debug, Default)]
pub(crate) struct Dom {
    pub nodes: Vec<Node>,
    /// Every text node's contents, concatenated.
    pub text: String,
    /// The contents of `<script type="application/ld+json">` elements.
    pub json_ld: Vec<String>,
    /// Every element, in the order they were added (not node order: streamed segments move).
    elements: Vec<ElementRecord>,
    /// Every element's kept attributes: name index, end of value in its element's values.
    attr_ends: Vec<(u8, u32)>,
    /// Every element's kept attribute values, one after another.
    attr_values: String,
}

impl Dom {
    /// A Dom with room for `nodes` nodes, `text` bytes of text, `elements` elements with
    /// `attrs` attributes of `values` bytes: the parse stage knows these bounds from the tree
    /// it flattens, so the arenas never grow by copying.
    pub(crate) fn with_capacity(
        nodes: usize,
        text: usize,
        elements: usize,
        attrs: usize,
        values: usize,
    ) -> Dom {
        Dom {
            nodes: Vec::with_capacity(nodes),
            text: String::with_capacity(text),
            elements: Vec::with_capacity(elements),
            attr_ends: Vec::with_capacity(attrs),
            attr_values: String::with_capacity(values),
            ..Dom::default()
        }
    }

    pub(crate) fn element(&self, id: NodeId) -> Option<Element<'_>> {
        match self.nodes.get(id as usize)?.data {
            NodeData::Element(e) => Some(self.element_at(e)),
            _ => None,
        }
    }

    /// The element a node's [`NodeData::Element`] names.
    pub(crate) fn element_at(&self, e: ElementId) -> Element<'_> {
        let record = &self.elements[e as usize];
        Element {
            tag: record.tag,
            concepts: record.concepts,
            record,
            attr_ends: &self.attr_ends,
            attr_values: &self.attr_values,
        }
    }

    /// Adds an element with `attrs` as (index in [`ATTR_NAMES`], value) pairs, names
    /// distinct (the tokenizer drops repeated attributes).
    pub(crate) fn add_element(
        &mut self,
        tag: Tag,
        concepts: Concepts,
        attrs: &mut [(u8, &str)],
    ) -> ElementId {
        // By name index: `id` and `class`, read most, come first.
        attrs.sort_unstable_by_key(|&(name, _)| name);
        let values = self.attr_values.len();
        let record = ElementRecord {
            tag,
            concepts,
            ends: self.attr_ends.len() as u32,
            count: attrs.len() as u8,
            values: values as u32,
        };
        for &(name, value) in attrs.iter() {
            self.attr_values.push_str(value);
            self.attr_ends
                .push((name, (self.attr_values.len() - values) as u32));
        }
        self.elements.push(record);
        (self.elements.len() - 1) as ElementId
    }

    /// The element arenas, for the tests that compare two ways of building a Dom.
    #[cfg(test)]
    pub(crate) fn element_arenas(&self) -> (&[ElementRecord], &[(u8, u32)], &str) {
        (&self.elements, &self.attr_ends, &self.attr_values)
    }

    /// Gives the slack of the grown arenas back.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.nodes.shrink_to_fit();
        self.elements.shrink_to_fit();
        self.attr_ends.shrink_to_fit();
        self.attr_values.shrink_to_fit();
    }

    pub(crate) fn text_of(&self, id: NodeId) -> Option<&str> {
        match self.nodes.get(id as usize)?.data {
            NodeData::Text { start, end } => Some(&self.text[start as usize..end as usize]),
            _ => None,
        }
    }

    /// Concatenated text of a subtree (for short elements such as `<title>` or `<time>`).
    pub(crate) fn subtree_text(&self, id: NodeId) -> String {
        let mut out = String::new();
        let Some(node) = self.nodes.get(id as usize) else {
            return out;
        };
        for i in id..node.end {
            if let Some(t) = self.text_of(i) {
                out.push_str(t);
            }
        }
        out
    }

    /// The children of `id` (elements and text), in order.
    pub(crate) fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let end = self.nodes.get(id as usize).map_or(id, |n| n.end);
        let mut c = id + 1;
        std::iter::from_fn(move || {
            if c >= end {
                return None;
            }
            let here = c;
            c = self.nodes[c as usize].end;
            Some(here)
        })
    }

    /// Ancestors of `id`, nearest first.
    pub(crate) fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut cur = self.nodes.get(id as usize).map_or(NO_NODE, |n| n.parent);
        std::iter::from_fn(move || {
            if cur == NO_NODE {
                return None;
            }
            let here = cur;
            cur = self.nodes[cur as usize].parent;
            Some(here)
        })
    }

    /// A short path such as `body>div#main>article>p:3` for reports (at most `MAX_STEPS` steps,
    /// nearest last; `:n` is the element's position among its parent's element children).
    pub(crate) fn path(&self, id: NodeId) -> String {
        PathWriter::default().path(self, id, "")
    }

    /// The elements of `id`'s path, nearest first, and how many there are.
    fn path_steps(&self, id: NodeId) -> ([NodeId; MAX_STEPS], usize) {
        let mut steps = [NO_NODE; MAX_STEPS];
        let mut len = 0;
        let mut cur = id;
        while cur != NO_NODE && len < MAX_STEPS {
            let node = &self.nodes[cur as usize];
            if let NodeData::Element(e) = node.data {
                if self.elements[e as usize].tag == Tag::Html {
                    break;
                }
                steps[len] = cur;
                len += 1;
            }
            cur = node.parent;
        }
        (steps, len)
    }

    /// Writes one step of a path: the tag, then `#id`, `.class` or `:position`.
    fn push_step(&self, out: &mut String, step: NodeId, cursors: &mut Vec<Cursor>) {
        let Some(e) = self.element(step) else {
            return;
        };
        out.push_str(match e.tag {
            Tag::Other => "*",
            t => t.name(),
        });
        if let Some(idv) = e.id() {
            out.push('#');
            out.push_str(&idv[..head(idv, PATH_NAME_CHARS)]);
        } else if let Some(c) = e.class().and_then(first_token_head) {
            out.push('.');
            out.push_str(c);
        } else if let Some(pos) = self.element_position(step, cursors) {
            out.push(':');
            crate::decimal::push_u64(out, pos as u64);
        }
    }

    /// `id`'s 1-based position among its parent's element children, counted from where
    /// `cursors` last stopped among them: paths come in document order, so a parent's
    /// children are counted once however many of their paths are asked for (counting from the
    /// first child per call cost 100,000² steps on a page of 100,000 removed paragraphs, and
    /// numbering every element of the page first cost more than the paths of most pages).
    fn element_position(&self, id: NodeId, cursors: &mut Vec<Cursor>) -> Option<usize> {
        let parent = self.nodes.get(id as usize)?.parent;
        if parent == NO_NODE {
            return None;
        }
        // The cursors' parents are ancestors of the nodes asked for, outermost first; those
        // whose subtrees `id` is not in are done with.
        let holds = |c: &Cursor| c.parent < id && id < self.nodes[c.parent as usize].end;
        while cursors.last().is_some_and(|c| !holds(c)) {
            cursors.pop();
        }
        let at = cursors.partition_point(|c| c.parent < parent);
        let (mut child, mut position) = match cursors.get(at) {
            Some(c) if c.parent == parent && c.child == id => return Some(c.position as usize),
            Some(c) if c.parent == parent && c.child < id => {
                (self.nodes[c.child as usize].end, c.position)
            }
            _ => (parent + 1, 0),
        };
        while child < id {
            let node = &self.nodes[child as usize];
            position += u32::from(matches!(node.data, NodeData::Element(_)));
            child = node.end;
        }
        if child != id || !matches!(self.nodes[id as usize].data, NodeData::Element(_)) {
            return None;
        }
        let cursor = Cursor {
            parent,
            child: id,
            position: position + 1,
        };
        match cursors.get_mut(at) {
            Some(c) if c.parent == parent => *c = cursor,
            _ => cursors.insert(at, cursor),
        }
        Some(cursor.position as usize)
    }
}

/// Where counting a parent's element children stopped: at `child`, the `position`th.
#[derive(Clone, Copy, Debug)]
struct Cursor {
    parent: NodeId,
    child: NodeId,
    position: u32,
}

/// At most this many steps make a path.
const MAX_STEPS: usize = 6;

/// Writes the paths of many nodes of one Dom, reusing the steps the previous path shares
/// (removed blocks come in document order, and neighbours share most of their ancestors).
/// The caller keeps the previous path, so each path is handed out without a copy.
#[derive(Default)]
pub(crate) struct PathWriter {
    /// The steps of the previous path (farthest first) as (node, end of its text in that
    /// path); a step's text starts after the `>` that ends the one before it.
    steps: [(NodeId, u32); MAX_STEPS],
    len: usize,
    /// Where counting the children of the last path's parents stopped.
    cursors: Vec<Cursor>,
}

impl PathWriter {
    /// [`Dom::path`] of `id`; `dom` must be the Dom of every earlier call, and `previous`
    /// the path the last call returned (any text before the first call).
    pub(crate) fn path(&mut self, dom: &Dom, id: NodeId, previous: &str) -> String {
        let (mut order, len) = dom.path_steps(id);
        order[..len].reverse();
        let order = &order[..len];
        let mut steps = [(NO_NODE, 0); MAX_STEPS];
        let mut current = String::with_capacity(previous.len() + PATH_NAME_CHARS);
        let mut k = 0;
        while k < len {
            if k > 0 {
                current.push('>');
            }
            let Some(at) = self.steps[..self.len]
                .iter()
                .position(|&(n, _)| n == order[k])
            else {
                dom.push_step(&mut current, order[k], &mut self.cursors);
                steps[k] = (order[k], current.len() as u32);
                k += 1;
                continue;
            };
            // The steps that follow it in both paths are copied with it, `>`s included.
            let run = (1..)
                .take_while(|&n| {
                    k + n < len && at + n < self.len && self.steps[at + n].0 == order[k + n]
                })
                .count()
                + 1;
            let start = match at {
                0 => 0,
                _ => self.steps[at - 1].1 + 1,
            };
            let base = current.len() as u32;
            current.push_str(&previous[start as usize..self.steps[at + run - 1].1 as usize]);
            for n in 0..run {
                steps[k + n] = (order[k + n], base + self.steps[at + n].1 - start);
            }
            k += run;
        }
        self.steps = steps;
        self.len = len;
        current
    }
}

/// At most this many characters of an id or class name stand for an element in a path.
const PATH_NAME_CHARS: usize = 24;

/// The byte length of the first `max` characters of `s`.
fn head(s: &str, max: usize) -> usize {
    // `max` bytes are at most `max` characters; `max` ASCII bytes are `max` characters.
    if s.len() <= max {
        s.len()
    } else if s.as_bytes()[..max].is_ascii() {
        max
    } else {
        s.char_indices().nth(max).map_or(s.len(), |(i, _)| i)
    }
}

/// The first [`PATH_NAME_CHARS`] characters of the first whitespace-separated token of
/// `class`: what `class.split_whitespace().next()` cut by [`head`] gives. Class lists run long
/// and this runs for every path step, so an ASCII start is read no further than the head.
fn first_token_head(class: &str) -> Option<&str> {
    // `char::is_whitespace` holds for the vertical tab too.
    let space = |b: u8| b.is_ascii_whitespace() || b == b'\x0b';
    let bytes = class.as_bytes();
    let start = bytes.iter().position(|&b| !space(b))?;
    let window = &bytes[start..bytes.len().min(start + PATH_NAME_CHARS)];
    match first_stop(window) {
        Some(at) if window[at].is_ascii() => Some(&class[start..start + at]),
        None if window.len() == PATH_NAME_CHARS || start + window.len() == bytes.len() => {
            Some(&class[start..start + window.len()])
        }
        _ => {
            let token = class.split_whitespace().next()?;
            Some(&token[..head(token, PATH_NAME_CHARS)])
        }
    }
}

/// The first byte of `bytes` that is not ASCII or is ASCII white space (the vertical tab
/// included). Eight bytes at a time: this loop was most of a path step's cost.
fn first_stop(bytes: &[u8]) -> Option<usize> {
    let stop = |b: &u8| !b.is_ascii() || b.is_ascii_whitespace() || *b == b'\x0b';
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // A high bit is set iff some byte is below 0x21 or above 0x7f (a borrow starts only
        // at a byte below 0x21): a chunk without one holds no stop.
        if (x.wrapping_sub(0x2121_2121_2121_2121) | x) & 0x8080_8080_8080_8080 != 0 {
            if let Some(i) = chunk.iter().position(stop) {
                return Some(at + i);
            }
        }
        at += 8;
    }
    chunks.remainder().iter().position(stop).map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::{
        attr_id, attr_index, first_stop, first_token_head, head, ATTR_NAMES, PATH_NAME_CHARS,
    };

    #[test]
    fn attribute_names_index_as_listed() {
        for (i, &name) in ATTR_NAMES.iter().enumerate() {
            assert_eq!(attr_index(name), Some(i as u8), "{name}");
            assert_eq!(attr_id(name), i as u8, "{name}");
        }
        for name in ["", "ID", "hrefs", "data-id", "style"] {
            assert_eq!(attr_index(name), None, "{name}");
        }
    }

    /// A path as written with each position counted among all the parent's children.
    fn reference_path(dom: &super::Dom, id: super::NodeId) -> String {
        use super::{NodeData, Tag, NO_NODE};
        let (steps, len) = dom.path_steps(id);
        let mut out = Vec::new();
        for &step in steps[..len].iter().rev() {
            let e = dom.element(step).unwrap();
            let mut s = match e.tag {
                Tag::Other => "*".to_string(),
                t => t.name().to_string(),
            };
            let parent = dom.nodes[step as usize].parent;
            if let Some(idv) = e.id() {
                s += &format!("#{}", &idv[..head(idv, PATH_NAME_CHARS)]);
            } else if let Some(c) = e.class().and_then(first_token_head) {
                s += &format!(".{c}");
            } else if parent != NO_NODE {
                let position = (0..=step)
                    .filter(|&n| {
                        dom.nodes[n as usize].parent == parent
                            && matches!(dom.nodes[n as usize].data, NodeData::Element(_))
                    })
                    .count();
                s += &format!(":{position}");
            }
            out.push(s);
        }
        out.join(">")
    }

    #[test]
    fn paths_in_any_order_count_positions_among_all_children() {
        let mut next = crate::test_support::xorshift(0x9e37_79b9);
        let mut html = String::from("<body>");
        for _ in 0..400 {
            html += match next() % 9 {
                0 => "<div>",
                1 => "<ul><li>",
                2 => "</li><li>x",
                3 => "</div>",
                4 => "</ul>",
                5 => "<p>text</p>",
                6 => "<section class='s'><p>a</p>",
                7 => "</section>",
                _ => "tail <b>bold</b> ",
            };
        }
        let dom = crate::parse::html::parse(&html, &crate::options::Limits::default()).unwrap();
        let mut ids: Vec<super::NodeId> = (0..dom.nodes.len() as super::NodeId)
            .filter(|&i| dom.element(i).is_some())
            .collect();
        assert!(ids.len() > 300, "{}", ids.len());
        let expected: std::collections::HashMap<_, _> =
            ids.iter().map(|&i| (i, reference_path(&dom, i))).collect();
        let forward = ids.clone();
        ids.reverse();
        let backward = ids.clone();
        let mut shuffled = ids.clone();
        for i in (1..shuffled.len()).rev() {
            shuffled.swap(i, next() as usize % (i + 1));
        }
        for order in [forward, backward, shuffled] {
            let mut writer = super::PathWriter::default();
            let mut previous = String::new();
            for id in order {
                previous = writer.path(&dom, id, &previous);
                assert_eq!(previous, expected[&id], "node {id}");
                assert_eq!(dom.path(id), expected[&id], "node {id}");
            }
        }
    }

    proptest::proptest! {
        /// The byte loop gives what the plain form gives.
        #[test]
        fn first_token_head_is_the_cut_first_token(
            class in "[a-zA-Z0-9!~\\-_ \\t\\n\\x0b\\x0c\\r\\x01\\x1f\u{85}\u{a0}\u{2003}\u{3000}é日]{0,80}"
        ) {
            let plain = class
                .split_whitespace()
                .next()
                .map(|t| &t[..head(t, PATH_NAME_CHARS)]);
            proptest::prop_assert_eq!(first_token_head(&class), plain);
        }
    }

    proptest::proptest! {
        /// Eight bytes at a time find what one at a time finds.
        #[test]
        fn first_stop_is_the_byte_scan(bytes in proptest::collection::vec(0u8..=255, 0..40)) {
            let plain = bytes
                .iter()
                .position(|b| !b.is_ascii() || b.is_ascii_whitespace() || *b == b'\x0b');
            proptest::prop_assert_eq!(first_stop(&bytes), plain);
        }
    }

    #[test]
    fn first_token_head_cuts_long_tokens_by_characters() {
        let long = "wp-block-group__inner-container is-layout";
        assert_eq!(first_token_head(long), Some("wp-block-group__inner-co"));
        assert_eq!(
            first_token_head("\u{3000}\x0bcafé-crème-brûlée-du-jour-x y"),
            Some("café-crème-brûlée-du-jou")
        );
        assert_eq!(
            first_token_head("exactly-twenty-four-char"),
            Some("exactly-twenty-four-char")
        );
        assert_eq!(first_token_head(" a\u{a0}b"), Some("a"));
        assert_eq!(first_token_head(" \t\u{2003}"), None);
    }
}
