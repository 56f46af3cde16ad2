//! A token filter between html5ever's tokenizer and its tree builder that keeps parsing linear
//! and bounded on hostile markup.
//!
//! The tree builder itself is not: every start tag walks the stack of open elements looking
//! for a `<p>` in scope, so 200,000 nested `<div>`s cost 200,000² steps (minutes), and every
//! text run re-creates each formatting element still in the active-formatting list, so
//! thousands of unclosed `<b id=n>` multiply every later paragraph into thousands of nodes.
//! The guard keeps a cheap model of both structures from the tokens alone and
//! - drops start tags (and their end tags) that would nest deeper than `max_depth`: the
//!   element is flattened into its ancestor, its text kept (what `Limits::max_depth` says);
//! - drops formatting start tags (`<b>`, `<font>`, `<a>`...) once [`MAX_ACTIVE_FORMATTING`]
//!   are active, bounding what each text run can re-create;
//! - counts the nodes the tree builder may create (a text run or a tag, plus the formatting
//!   elements it may re-create) and stops forwarding at `max_nodes`, so the tree never
//!   outgrows the limit before the node-count check.
//!
//! The model follows the HTML tree-construction rules only where they pop elements (end tags,
//! `<p>`, list items, cells, headings, `<a>`); elsewhere it over-counts, which can only
//! flatten sooner, never let the real tree grow deeper than the model.

use crate::hash::Fold;
use html5ever::tokenizer::{StartTag, Tag as TagToken, Token, TokenSink, TokenSinkResult};
use html5ever::{local_name, LocalName};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// Formatting elements the model keeps active at most (html5ever's own limit is three
/// identical ones, which distinct attributes defeat).
pub(crate) const MAX_ACTIVE_FORMATTING: usize = 32;

/// Content misplaced inside a table is "foster-parented" before it, and rcdom found the
/// table's position among its siblings by a scan from the first one: each such insertion cost
/// the number of earlier ones. Past this many, misplaced tags in a table are dropped (their
/// text is kept, and joins one text node). The arena sink inserts in constant time, but the
/// limit stays: it is part of what the parse of such a page gives.
pub(crate) const MAX_FOSTERED: usize = 2_000;

/// Wraps the tree builder (any token sink).
pub(crate) struct Guard<S> {
    pub inner: S,
    max_depth: usize,
    max_nodes: usize,
    model: RefCell<Model>,
    /// Set once the node budget is spent: later tokens are dropped.
    over_budget: Cell<bool>,
}

/// Buckets of [`Model::open_count`].
const BUCKETS: usize = 256;

/// The bucket of a name: its atom's bits (equal for equal names), mixed.
fn bucket(name: &LocalName) -> usize {
    let bits = name.unsafe_data();
    ((bits ^ bits >> 32).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as usize
}

struct Model {
    /// Open elements the model pushed (not `html`, `head`, `body`, void elements), with
    /// their [`kind`]s.
    open: Vec<(LocalName, u16)>,
    /// How many names of each [`bucket`] are in `open`: an end tag whose bucket is empty
    /// closes nothing, found in O(1) without hashing its name into a map. (A name sharing its
    /// bucket with an open one is looked for in `open`, as an open name is.)
    open_count: [u32; BUCKETS],
    /// Start tags dropped by name: their end tags are dropped too.
    dropped: HashMap<LocalName, usize, Fold>,
    /// The active-formatting list: `None` is a marker (cells, captions, objects).
    active: Vec<Option<(LocalName, u64)>>,
    /// Open `svg`/`math` elements: inside them `<x/>` closes itself.
    foreign: usize,
    nodes: usize,
    /// The previous forwarded token was text: the next one joins its text node.
    in_text: bool,
    /// The current text run was counted as foster-parented: once per run, whichever of its
    /// tokens first holds more than whitespace (the tokenizer's runs break at every `\n`).
    text_fostered: bool,
    /// Insertions foster-parented out of a table so far.
    fostered: usize,
    /// Hashes a formatting element's attributes into its key in `active`.
    attrs_hasher: Fold,
}

impl Default for Model {
    fn default() -> Model {
        Model {
            open: Vec::new(),
            open_count: [0; BUCKETS],
            dropped: HashMap::default(),
            active: Vec::new(),
            foreign: 0,
            nodes: 0,
            in_text: false,
            text_fostered: false,
            fostered: 0,
            attrs_hasher: Fold::default(),
        }
    }
}

impl<S> Guard<S> {
    pub(crate) fn new(inner: S, max_depth: usize, max_nodes: usize) -> Guard<S> {
        Guard {
            inner,
            max_depth,
            max_nodes,
            model: RefCell::new(Model::default()),
            over_budget: Cell::new(false),
        }
    }

    /// True when the document had more nodes than `max_nodes` (the tree holds a prefix).
    pub(crate) fn over_budget(&self) -> bool {
        self.over_budget.get()
    }
}

#[cfg(test)]
fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("frame")
            | local_name!("hr")
            | local_name!("image")
            | local_name!("img")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
    )
}

/// Elements the tree builder keeps at most one of (or none in the stack we model).
#[cfg(test)]
fn is_unmodelled(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("html") | local_name!("head") | local_name!("body") | local_name!("frameset")
    )
}

/// The formatting elements of the HTML standard, whose start tags the tree builder keeps in
/// its list of active formatting elements.
pub(super) fn is_formatting(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("a")
            | local_name!("b")
            | local_name!("big")
            | local_name!("code")
            | local_name!("em")
            | local_name!("font")
            | local_name!("i")
            | local_name!("nobr")
            | local_name!("s")
            | local_name!("small")
            | local_name!("strike")
            | local_name!("strong")
            | local_name!("tt")
            | local_name!("u")
    )
}

/// Elements that put a marker on the active-formatting list and clear it when they close.
#[cfg(test)]
fn is_marker(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("td")
            | local_name!("th")
            | local_name!("caption")
            | local_name!("marquee")
            | local_name!("object")
            | local_name!("applet")
            | local_name!("template")
    )
}

/// Start tags that close an open `<p>` first.
#[cfg(test)]
fn closes_p(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("center")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("ul")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("pre")
            | local_name!("listing")
            | local_name!("form")
            | local_name!("table")
            | local_name!("xmp")
            | local_name!("plaintext")
    )
}

#[cfg(test)]
fn is_heading(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}

/// The open element is a table or table section, where other content is foster-parented.
#[cfg(test)]
fn is_table_context(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("table")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("tfoot")
            | local_name!("tr")
    )
}

/// Tags a table holds itself (not foster-parented).
#[cfg(test)]
fn is_table_part(name: &LocalName) -> bool {
    is_table_context(name)
        || matches!(
            *name,
            local_name!("caption")
                | local_name!("colgroup")
                | local_name!("col")
                | local_name!("td")
                | local_name!("th")
                | local_name!("style")
                | local_name!("script")
                | local_name!("template")
                | local_name!("input")
                | local_name!("form")
        )
}

/// Elements that bound "has an element in scope": an end tag or implicit close never reaches
/// past them.
#[cfg(test)]
fn is_scope_boundary(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("applet")
            | local_name!("caption")
            | local_name!("html")
            | local_name!("table")
            | local_name!("td")
            | local_name!("th")
            | local_name!("marquee")
            | local_name!("object")
            | local_name!("template")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("foreignObject")
            | local_name!("desc")
            | local_name!("title")
    )
}

/// The tree builder's "special" elements: an end tag of an ordinary element stops at them.
#[cfg(test)]
fn is_special(name: &LocalName) -> bool {
    is_scope_boundary(name)
        || closes_p(name)
        || matches!(
            *name,
            local_name!("button")
                | local_name!("dd")
                | local_name!("dt")
                | local_name!("li")
                | local_name!("select")
                | local_name!("textarea")
                | local_name!("tr")
                | local_name!("tbody")
                | local_name!("thead")
                | local_name!("tfoot")
                | local_name!("colgroup")
                | local_name!("iframe")
                | local_name!("noembed")
                | local_name!("noframes")
                | local_name!("noscript")
                | local_name!("script")
                | local_name!("style")
        )
}

/// What the model asks of an element's name, as bits: each bit is one of the name sets above
/// (`VOID` is [`is_void`], and so on), so a name is looked up once per tag, and the stack
/// walks of [`Model::close`] test bits instead of matching each open element's name against
/// a set.
mod kind {
    pub const VOID: u16 = 1;
    pub const UNMODELLED: u16 = 1 << 1;
    pub const FORMATTING: u16 = 1 << 2;
    pub const MARKER: u16 = 1 << 3;
    pub const CLOSES_P: u16 = 1 << 4;
    pub const HEADING: u16 = 1 << 5;
    pub const TABLE_CONTEXT: u16 = 1 << 6;
    pub const TABLE_PART: u16 = 1 << 7;
    pub const SCOPE_BOUNDARY: u16 = 1 << 8;
    pub const SPECIAL: u16 = 1 << 9;
    /// `svg` and `math`.
    pub const FOREIGN: u16 = 1 << 10;
}

/// The [`kind`] bits of a name: one `match`, which a test checks against the sets.
fn kind_of(name: &LocalName) -> u16 {
    use kind::*;
    match *name {
        local_name!("address")
        | local_name!("article")
        | local_name!("aside")
        | local_name!("blockquote")
        | local_name!("center")
        | local_name!("details")
        | local_name!("dialog")
        | local_name!("dir")
        | local_name!("div")
        | local_name!("dl")
        | local_name!("fieldset")
        | local_name!("figcaption")
        | local_name!("figure")
        | local_name!("footer")
        | local_name!("header")
        | local_name!("hgroup")
        | local_name!("main")
        | local_name!("menu")
        | local_name!("nav")
        | local_name!("ol")
        | local_name!("p")
        | local_name!("section")
        | local_name!("summary")
        | local_name!("ul")
        | local_name!("pre")
        | local_name!("listing")
        | local_name!("xmp")
        | local_name!("plaintext") => CLOSES_P | SPECIAL,
        local_name!("area")
        | local_name!("base")
        | local_name!("basefont")
        | local_name!("bgsound")
        | local_name!("br")
        | local_name!("embed")
        | local_name!("frame")
        | local_name!("hr")
        | local_name!("image")
        | local_name!("img")
        | local_name!("keygen")
        | local_name!("link")
        | local_name!("meta")
        | local_name!("param")
        | local_name!("source")
        | local_name!("track")
        | local_name!("wbr") => VOID,
        local_name!("a")
        | local_name!("b")
        | local_name!("big")
        | local_name!("code")
        | local_name!("em")
        | local_name!("font")
        | local_name!("i")
        | local_name!("nobr")
        | local_name!("s")
        | local_name!("small")
        | local_name!("strike")
        | local_name!("strong")
        | local_name!("tt")
        | local_name!("u") => FORMATTING,
        local_name!("button")
        | local_name!("dd")
        | local_name!("dt")
        | local_name!("li")
        | local_name!("select")
        | local_name!("textarea")
        | local_name!("iframe")
        | local_name!("noembed")
        | local_name!("noframes")
        | local_name!("noscript") => SPECIAL,
        local_name!("h1")
        | local_name!("h2")
        | local_name!("h3")
        | local_name!("h4")
        | local_name!("h5")
        | local_name!("h6") => CLOSES_P | HEADING | SPECIAL,
        local_name!("td")
        | local_name!("th")
        | local_name!("caption")
        | local_name!("template") => MARKER | TABLE_PART | SCOPE_BOUNDARY | SPECIAL,
        local_name!("tbody") | local_name!("thead") | local_name!("tfoot") | local_name!("tr") => {
            TABLE_CONTEXT | TABLE_PART | SPECIAL
        }
        local_name!("head") | local_name!("body") | local_name!("frameset") => UNMODELLED,
        local_name!("marquee") | local_name!("object") | local_name!("applet") => {
            MARKER | SCOPE_BOUNDARY | SPECIAL
        }
        local_name!("foreignObject") | local_name!("desc") | local_name!("title") => {
            SCOPE_BOUNDARY | SPECIAL
        }
        local_name!("colgroup") | local_name!("style") | local_name!("script") => {
            TABLE_PART | SPECIAL
        }
        local_name!("col") | local_name!("input") => VOID | TABLE_PART,
        local_name!("svg") | local_name!("math") => SCOPE_BOUNDARY | SPECIAL | FOREIGN,
        local_name!("html") => UNMODELLED | SCOPE_BOUNDARY | SPECIAL,
        local_name!("form") => CLOSES_P | TABLE_PART | SPECIAL,
        local_name!("table") => CLOSES_P | TABLE_CONTEXT | TABLE_PART | SCOPE_BOUNDARY | SPECIAL,
        _ => 0,
    }
}

impl Model {
    /// False when no element of this name is open; true when one may be (see
    /// [`Model::open_count`]): the closes it guards find the element in `open` or stop.
    fn may_be_open(&self, name: &LocalName) -> bool {
        self.open_count[bucket(name)] > 0
    }

    fn is_open(&self, name: &LocalName) -> bool {
        self.may_be_open(name) && self.open.iter().any(|(n, _)| n == name)
    }

    fn pop(&mut self) {
        let Some((name, kind)) = self.open.pop() else {
            return;
        };
        let n = &mut self.open_count[bucket(&name)];
        *n = n.saturating_sub(1);
        if kind & kind::FOREIGN != 0 {
            self.foreign = self.foreign.saturating_sub(1);
        }
        if kind & kind::MARKER != 0 {
            // Closing a cell clears the formatting list back to its marker.
            while let Some(entry) = self.active.pop() {
                if entry.is_none() {
                    break;
                }
            }
        }
    }

    /// Pops up to and including the nearest open element `closes` accepts, unless an element
    /// `stops` accepts comes first (then the tree builder would not pop either: the model must
    /// never pop what the real stack keeps). The search is bounded by the model's depth.
    fn close(
        &mut self,
        closes: impl Fn(&LocalName, u16) -> bool,
        stops: impl Fn(&LocalName, u16) -> bool,
    ) -> bool {
        let Some(at) = self
            .open
            .iter()
            .rposition(|(n, k)| closes(n, *k) || stops(n, *k))
        else {
            return false;
        };
        let (n, k) = &self.open[at];
        if !closes(n, *k) {
            return false;
        }
        while self.open.len() > at {
            self.pop();
        }
        true
    }

    fn push(&mut self, name: LocalName, kind: u16) {
        if kind & kind::FOREIGN != 0 {
            self.foreign += 1;
        }
        if kind & kind::MARKER != 0 {
            self.active.push(None);
        }
        self.open_count[bucket(&name)] += 1;
        self.open.push((name, kind));
    }

    /// Formatting elements after the last marker.
    fn since_marker(&self) -> usize {
        self.active
            .iter()
            .rposition(Option::is_none)
            .map_or(0, |m| m + 1)
    }

    /// Adds a formatting element to the active list, with the tree builder's rule that keeps
    /// at most three identical ones (same name and attributes) after the last marker.
    fn activate(&mut self, name: &LocalName, tag: &TagToken) {
        // The tree builder compares attributes as sets: each one's hash, summed, is a key that
        // their order does not change (and needs no sorted copy; a start tag never repeats an
        // attribute).
        // An `<a>` ends the active one before it opens (`close_for_start`), and nothing else
        // makes one active, so no other `a` is ever active after the last marker to compare
        // with: its key, the hash of a long `href` most often, is never read.
        let from = self.since_marker();
        let key = if *name == local_name!("a") {
            debug_assert!(!self.active[from..]
                .iter()
                .any(|e| matches!(e, Some((n, _)) if n == name)));
            0
        } else {
            tag.attrs.iter().fold(0u64, |sum, a| {
                let one = (&*a.name.local, &*a.value);
                sum.wrapping_add(std::hash::BuildHasher::hash_one(&self.attrs_hasher, one))
            })
        };
        let mut same = self.active[from..]
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e, Some((n, k)) if n == name && *k == key));
        if let Some((first, _)) = same.next() {
            if same.count() + 1 >= 3 {
                self.active.remove(from + first);
            }
        }
        self.active.push(Some((name.clone(), key)));
    }

    /// Removes the last active `name` after the last marker; true when there was one.
    fn deactivate(&mut self, name: &LocalName) -> bool {
        let from = self.since_marker();
        let at = self.active[from..]
            .iter()
            .rposition(|e| e.as_ref().is_some_and(|(n, _)| n == name));
        if let Some(at) = at {
            self.active.remove(from + at);
        }
        at.is_some()
    }

    fn active_count(&self) -> usize {
        self.active.iter().filter(|e| e.is_some()).count()
    }

    /// Nodes one insertion may create: itself plus each active formatting element it may
    /// re-create.
    fn cost(&self) -> usize {
        1 + self.active_count()
    }

    /// The elements a start tag closes before it opens, as the tree builder does.
    fn close_for_start(&mut self, name: &LocalName, kind: u16) {
        use kind::*;
        let p = local_name!("p");
        if kind & CLOSES_P != 0 && self.may_be_open(&p) {
            self.close(
                |n, _| *n == p,
                |n, k| k & SCOPE_BOUNDARY != 0 || *n == local_name!("button"),
            );
        }
        let top_is = |m: &Model, bits: u16| m.open.last().is_some_and(|(_, k)| k & bits != 0);
        // Special elements but these stop the search for an open list item.
        let stops_item = |n: &LocalName, k: u16| {
            k & SPECIAL != 0
                && !matches!(
                    *n,
                    local_name!("address") | local_name!("div") | local_name!("p")
                )
        };
        match *name {
            _ if kind & HEADING != 0 && top_is(self, HEADING) => self.pop(),
            local_name!("li") => {
                self.close(|n, _| *n == local_name!("li"), stops_item);
            }
            local_name!("dd") | local_name!("dt") => {
                self.close(
                    |n, _| matches!(*n, local_name!("dd") | local_name!("dt")),
                    stops_item,
                );
            }
            local_name!("td")
            | local_name!("th")
            | local_name!("tr")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("tfoot")
            | local_name!("caption") => {
                let row = matches!(*name, local_name!("tr"));
                let section = !matches!(
                    *name,
                    local_name!("td") | local_name!("th") | local_name!("tr")
                );
                self.close(
                    |n, _| {
                        matches!(*n, local_name!("td") | local_name!("th"))
                            || ((row || section) && *n == local_name!("tr"))
                            || (section
                                && matches!(
                                    *n,
                                    local_name!("tbody")
                                        | local_name!("thead")
                                        | local_name!("tfoot")
                                ))
                    },
                    |n, _| {
                        matches!(
                            *n,
                            local_name!("table") | local_name!("template") | local_name!("html")
                        )
                    },
                );
            }
            local_name!("option") | local_name!("optgroup")
                if self
                    .open
                    .last()
                    .is_some_and(|(n, _)| *n == local_name!("option")) =>
            {
                self.pop()
            }
            local_name!("a") => {
                // An active `<a>` is closed by the adoption agency before the new one opens.
                if self.deactivate(name) {
                    self.close(
                        |n, _| *n == local_name!("a"),
                        |_, k| k & SCOPE_BOUNDARY != 0,
                    );
                }
            }
            _ => {}
        }
    }

    /// Applies an end tag; false when no open element of the model matched it.
    fn close_for_end(&mut self, name: &LocalName, kind: u16) -> bool {
        use kind::*;
        if !self.may_be_open(name) {
            return false;
        }
        let closed = if *name == local_name!("p") {
            self.close(
                |n, _| n == name,
                |n, k| k & SCOPE_BOUNDARY != 0 || *n == local_name!("button"),
            )
        } else if *name == local_name!("li") {
            self.close(
                |n, _| n == name,
                |n, k| {
                    k & SCOPE_BOUNDARY != 0 || matches!(*n, local_name!("ul") | local_name!("ol"))
                },
            )
        } else if kind & (SPECIAL | FORMATTING) != 0 {
            self.close(
                |n, _| n == name,
                |n, k| k & SCOPE_BOUNDARY != 0 && n != name,
            )
        } else {
            self.close(|n, _| n == name, |_, k| k & SPECIAL != 0)
        };
        if closed && kind & FORMATTING != 0 {
            self.deactivate(name);
        }
        closed
    }
}

impl<S: TokenSink> Guard<S> {
    /// Whether the token goes on to the tree builder.
    fn admit(&self, token: &Token) -> bool {
        let mut m = self.model.borrow_mut();
        let in_table = m
            .open
            .last()
            .is_some_and(|(_, k)| k & kind::TABLE_CONTEXT != 0);
        if in_table && m.fostered >= MAX_FOSTERED {
            // Past the foster-parenting budget only text and the end tags that close the
            // table's own elements go through: the text joins one node.
            match token {
                Token::TagToken(tag) if tag.kind != StartTag && m.is_open(&tag.name) => {}
                Token::TagToken(_) | Token::CommentToken(_) => return false,
                _ => {}
            }
        }
        match token {
            Token::TagToken(tag) if tag.kind == StartTag => {
                m.in_text = false;
                let name = &tag.name;
                let kind = kind_of(name);
                if in_table && kind & kind::TABLE_PART == 0 {
                    m.fostered += 1;
                }
                if kind & kind::UNMODELLED != 0 {
                    return true;
                }
                if kind & kind::VOID != 0 || (tag.self_closing && m.foreign > 0) {
                    m.nodes += m.cost();
                    return true;
                }
                m.close_for_start(name, kind);
                let formatting = kind & kind::FORMATTING != 0;
                if m.open.len() >= self.max_depth
                    || (formatting && m.active_count() >= MAX_ACTIVE_FORMATTING)
                {
                    *m.dropped.entry(name.clone()).or_default() += 1;
                    return false;
                }
                m.nodes += m.cost();
                if formatting {
                    m.activate(name, tag);
                }
                m.push(name.clone(), kind);
                true
            }
            Token::TagToken(tag) => {
                m.in_text = false;
                let name = &tag.name;
                // A dropped element is the innermost of its name: its end tag goes with it.
                if let Some(n) = m.dropped.get_mut(name).filter(|n| **n > 0) {
                    *n -= 1;
                    return false;
                }
                let kind = kind_of(name);
                if !m.close_for_end(name, kind) {
                    // A stray end tag: ignored, or (`</p>`, `</br>`) one new element.
                    if kind & kind::FORMATTING != 0 {
                        m.deactivate(name);
                    }
                    m.nodes += 1;
                }
                true
            }
            Token::CharacterTokens(text) => {
                if !m.in_text {
                    m.nodes += m.cost();
                    m.in_text = true;
                    m.text_fostered = false;
                }
                if in_table && !m.text_fostered && !text.chars().all(|c| c.is_ascii_whitespace()) {
                    m.fostered += 1;
                    m.text_fostered = true;
                }
                true
            }
            Token::NullCharacterToken => {
                if !m.in_text {
                    m.nodes += m.cost();
                    m.in_text = true;
                    m.text_fostered = false;
                }
                true
            }
            Token::CommentToken(_) => {
                m.in_text = false;
                m.nodes += 1;
                true
            }
            _ => true,
        }
    }
}

impl<S: TokenSink> TokenSink for Guard<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        let eof = matches!(token, Token::EOFToken);
        if self.over_budget.get() && !eof {
            return TokenSinkResult::Continue;
        }
        if !self.admit(&token) {
            return TokenSinkResult::Continue;
        }
        if self.model.borrow().nodes > self.max_nodes {
            self.over_budget.set(true);
            if !eof {
                return TokenSinkResult::Continue;
            }
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each kind bit says what its name set says, for every name in any set and others.
    #[test]
    fn kind_bits_are_the_name_sets() {
        type NameSet = fn(&LocalName) -> bool;
        let sets: [(u16, NameSet); 11] = [
            (kind::VOID, is_void),
            (kind::UNMODELLED, is_unmodelled),
            (kind::FORMATTING, is_formatting),
            (kind::MARKER, is_marker),
            (kind::CLOSES_P, closes_p),
            (kind::HEADING, is_heading),
            (kind::TABLE_CONTEXT, is_table_context),
            (kind::TABLE_PART, is_table_part),
            (kind::SCOPE_BOUNDARY, is_scope_boundary),
            (kind::SPECIAL, is_special),
            (kind::FOREIGN, |n| {
                matches!(*n, local_name!("svg") | local_name!("math"))
            }),
        ];
        for name in [
            "a",
            "address",
            "annotation-xml",
            "applet",
            "area",
            "article",
            "aside",
            "b",
            "base",
            "basefont",
            "bgsound",
            "big",
            "blockquote",
            "body",
            "br",
            "button",
            "caption",
            "center",
            "code",
            "col",
            "colgroup",
            "dd",
            "desc",
            "details",
            "dialog",
            "dir",
            "div",
            "dl",
            "dt",
            "em",
            "embed",
            "fieldset",
            "figcaption",
            "figure",
            "font",
            "font-face",
            "foo",
            "footer",
            "foreignObject",
            "form",
            "frame",
            "frameset",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "head",
            "header",
            "hgroup",
            "hr",
            "html",
            "i",
            "iframe",
            "image",
            "img",
            "input",
            "keygen",
            "li",
            "link",
            "listing",
            "main",
            "marquee",
            "math",
            "menu",
            "meta",
            "nav",
            "nobr",
            "noembed",
            "noframes",
            "noscript",
            "object",
            "ol",
            "p",
            "param",
            "plaintext",
            "pre",
            "s",
            "script",
            "section",
            "select",
            "small",
            "source",
            "span",
            "strike",
            "strong",
            "style",
            "summary",
            "svg",
            "table",
            "tbody",
            "td",
            "template",
            "textarea",
            "tfoot",
            "th",
            "thead",
            "title",
            "tr",
            "track",
            "tt",
            "u",
            "ul",
            "wbr",
            "x-y",
            "xmp",
        ] {
            let name = LocalName::from(name);
            for (bit, set) in sets {
                assert_eq!(kind_of(&name) & bit != 0, set(&name), "{name} {bit}");
            }
        }
    }
}
