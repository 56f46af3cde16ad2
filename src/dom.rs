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

/// An element: its tag, the attributes later stages read, and its class/id concepts.
#[derive(Clone, Debug)]
pub(crate) struct Element {
    pub tag: Tag,
    pub id: Option<Box<str>>,
    pub class: Option<Box<str>>,
    /// What the class, id, role and itemprop say the element is (navigation, share bar...).
    pub concepts: Concepts,
    /// The few other attributes read later (href, src, alt, itemprop, content, datetime...).
    /// Names are the parse stage's own (`KEPT_ATTRS`): only values are allocated.
    pub attrs: Vec<(&'static str, Box<str>)>,
}

impl Element {
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| &**v)
    }
}

#[derive(Clone, Debug)]
pub(crate) enum NodeData {
    Element(Box<Element>),
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
    /// Each element's 1-based position among its parent's element children, computed on the
    /// first [`Dom::path`]: counting siblings per call cost 100,000² steps on a page of
    /// 100,000 removed paragraphs.
    positions: std::sync::OnceLock<Vec<u32>>,
}

impl Dom {
    pub(crate) fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes.get(id as usize)?.data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
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
        use std::fmt::Write;
        const MAX_STEPS: usize = 6;
        // The elements of the path, nearest first; then written out farthest first into one
        // String (it runs once per removed block).
        let mut steps = [NO_NODE; MAX_STEPS];
        let mut len = 0;
        let mut cur = id;
        while cur != NO_NODE && len < MAX_STEPS {
            if let Some(e) = self.element(cur) {
                if matches!(e.tag, Tag::Html) {
                    break;
                }
                steps[len] = cur;
                len += 1;
            }
            cur = self.nodes[cur as usize].parent;
        }
        let mut out = String::with_capacity(len * 16);
        for (k, &step) in steps[..len].iter().rev().enumerate() {
            let Some(e) = self.element(step) else {
                continue;
            };
            if k > 0 {
                out.push('>');
            }
            out.push_str(match e.tag {
                Tag::Other => "*",
                t => t.name(),
            });
            // At most 24 characters of the id or first class.
            let head = |s: &str| s.char_indices().nth(24).map_or(s.len(), |(i, _)| i);
            if let Some(idv) = &e.id {
                out.push('#');
                out.push_str(&idv[..head(idv)]);
            } else if let Some(c) = e.class.as_deref().and_then(|c| c.split_whitespace().next()) {
                out.push('.');
                out.push_str(&c[..head(c)]);
            } else if let Some(pos) = self.element_position(step) {
                let _ = write!(out, ":{pos}");
            }
        }
        out
    }

    fn element_position(&self, id: NodeId) -> Option<usize> {
        if self.nodes.get(id as usize)?.parent == NO_NODE {
            return None;
        }
        let positions = self.positions.get_or_init(|| {
            // One pass in document order: a parent's element children come in order.
            let mut seen = vec![0u32; self.nodes.len()];
            let mut positions = vec![0u32; self.nodes.len()];
            for (i, node) in self.nodes.iter().enumerate() {
                if node.parent != NO_NODE && matches!(node.data, NodeData::Element(_)) {
                    let count = &mut seen[node.parent as usize];
                    *count += 1;
                    positions[i] = *count;
                }
            }
            positions
        });
        positions
            .get(id as usize)
            .filter(|&&p| p > 0)
            .map(|&p| p as usize)
    }
}
