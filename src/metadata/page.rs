//! Facts from the page's own markup, in one pass over the DOM: `<title>`, `<meta>` (name,
//! property), `<link rel=canonical>`, `<html lang>`, the `<h1>`s, microdata (`itemprop`),
//! `<time datetime>`, `rel=author` links, and elements whose class names an author or a date.
//!
//! Elements inside page furniture (navigation, footers, sidebars, comments, related lists, a
//! site header outside the story) are not read for authors and dates: a comment's author or a
//! teaser's date is not the story's.

use super::byline;
use crate::dom::{attr_id, Dom, NodeData, NodeId, Tag};
use crate::vocab::classes::Concepts;

/// A date line is short: a label, the date, maybe a time and a reading time.
const MAX_DATE_LINE_CHARS: usize = 80;

/// The label before a date in a date line ("Last updated on").
const MAX_DATE_LABEL_CHARS: usize = 30;

/// How far (in nodes) before and after the page's first `<h1>` a bare date line is read as
/// the story's date: bylines and dates sit just above or below the title, teasers further.
const DATE_LINE_BEFORE_TITLE: NodeId = 60;
const DATE_LINE_AFTER_TITLE: NodeId = 300;

/// Elements with more nodes than this are not read as a short text (a byline, a date): their
/// text would be a section, and reading every element's text would cost the page's size times
/// its depth.
const SHORT_ELEMENT_NODES: u32 = 24;

/// A heading's text is read up to this many nodes.
const HEADING_NODES: u32 = 400;

/// The `<h1>`s kept as title candidates.
const MAX_HEADINGS: usize = 3;

/// Concepts whose subtree is furniture for authors, dates and headings. Not `HIDDEN`: pages
/// that stream their content hide it until a script shows it, and a visually hidden byline
/// still names the author. Not `WIDGET`: page builders call every block a widget. Not `SHARE`:
/// a share bar holds no names or dates, but its container often holds the byline too.
const FURNITURE: Concepts = Concepts(
    Concepts::NAV.0
        | Concepts::FOOTER.0
        | Concepts::SIDEBAR.0
        | Concepts::COMMENT.0
        | Concepts::RELATED.0
        | Concepts::AD.0
        | Concepts::POPUP.0
        | Concepts::NEWSLETTER.0
        | Concepts::CONSENT.0,
);

/// `<meta>` names and properties that hold the author(s).
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "byl",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "parsely-author",
    "sailthru.author",
];

/// `<meta>` names and properties that hold the publication date.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "article:published",
    "published",
    "publish_date",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "dcterms.issued",
    "citation_publication_date",
    "citation_date",
    "parsely-pub-date",
    "sailthru.date",
];

/// What the page's markup says; each field is the first found in document order.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct PageFacts {
    pub title_tag: Option<String>,
    /// `og:title`, else `twitter:title`.
    pub og_title: Option<String>,
    pub twitter_title: Option<String>,
    /// The first `<h1>`s outside furniture.
    pub headings: Vec<String>,
    /// Microdata `itemprop=headline`.
    pub microdata_headline: Option<String>,
    /// `og:site_name`, else `application-name`.
    pub site_name: Option<String>,
    /// The `<meta>` authors (every value of the first key that has one, joined).
    pub meta_author: Option<String>,
    /// Microdata `itemprop=author` (its `name`).
    pub microdata_author: Option<String>,
    /// The name a `twitter:dataN` gives after a `twitter:labelN` "Written by".
    pub labelled_author: Option<String>,
    /// The text of a `rel=author` link.
    pub rel_author: Option<String>,
    /// The text of a link to an author's page (`/author/kim-lo`).
    pub author_link: Option<String>,
    /// The text of a link to a member's profile (`/members/kimlo.12/`), as forums name the
    /// poster.
    pub profile_link: Option<String>,
    /// A short element whose class names an author, or whose text reads "By Name".
    pub byline_author: Option<String>,
    pub meta_published: Option<String>,
    /// Microdata `itemprop=datePublished` (or `dateCreated`).
    pub microdata_published: Option<String>,
    /// The first `<time>` outside furniture: its `datetime`, else its text.
    pub time: Option<String>,
    /// A short element whose class names a date, with a calendar day in its text.
    pub dated_element: Option<String>,
    /// A short block near the first `<h1>` that opens with a date.
    pub date_line: Option<String>,
    pub html_lang: Option<String>,
    /// `content-language`, `language`, `og:locale` (in that order of trust).
    pub meta_language: Option<String>,
    pub canonical_url: Option<String>,
    pub og_url: Option<String>,
    pub description: Option<String>,
}

fn set(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value;
    }
}

fn clean(s: &str) -> Option<String> {
    let t = super::clean_text(s);
    (!t.is_empty()).then_some(t)
}

/// The text of a subtree of at most `max_nodes` nodes, with a space between blocks (a byline
/// of `<div>By</div><div>Kim Lo</div>` reads "By Kim Lo") and without the text of buttons,
/// forms and other elements that carry none of the story.
fn short_text(dom: &Dom, id: NodeId, max_nodes: u32) -> Option<String> {
    let pieces = text_pieces(dom, id, max_nodes, false)?;
    clean(&pieces.join(" "))
}

/// The texts of a subtree's blocks (split at block elements and `<br>`), each cleaned, empty
/// ones left out; `None` past `max_nodes` nodes. With `space_inline`, inline elements are
/// spaced too, for bylines whose parts sit in inline elements with nothing between them
/// (`<span>Written by</span><a>Kim</a>`).
fn text_pieces(dom: &Dom, id: NodeId, max_nodes: u32, space_inline: bool) -> Option<Vec<String>> {
    let node = dom.nodes.get(id as usize)?;
    if node.end - id > max_nodes {
        return None;
    }
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let mut flush = |piece: &mut String| {
        if let Some(p) = clean(piece) {
            pieces.push(p);
        }
        piece.clear();
    };
    // (end of an open element, whether it is a block).
    let mut open: Vec<(NodeId, bool)> = Vec::new();
    let mut skip_until = id;
    for n in id..node.end {
        while let Some(&(end, block)) = open.last() {
            if end > n {
                break;
            }
            open.pop();
            if block {
                flush(&mut piece);
            } else {
                piece.push(' ');
            }
        }
        if n < skip_until {
            continue;
        }
        match dom.nodes[n as usize].data {
            NodeData::Text { .. } => piece.push_str(dom.text_of(n).unwrap_or_default()),
            NodeData::Element(e) if dom.element_at(e).tag.is_skipped() => {
                skip_until = dom.nodes[n as usize].end
            }
            NodeData::Element(e) => {
                let e = dom.element_at(e);
                let block = e.tag.is_block() || e.tag == Tag::Br;
                if block {
                    flush(&mut piece);
                } else if space_inline {
                    piece.push(' ');
                }
                if block || space_inline {
                    open.push((dom.nodes[n as usize].end, block));
                }
            }
            _ => {}
        }
    }
    flush(&mut piece);
    Some(pieces)
}

/// The first text of a subtree that is not white space (within its first nodes).
fn first_text(dom: &Dom, id: NodeId) -> Option<&str> {
    let end = dom
        .nodes
        .get(id as usize)?
        .end
        .min(id + SHORT_ELEMENT_NODES);
    (id + 1..end)
        .filter_map(|n| dom.text_of(n))
        .map(str::trim_start)
        .find(|t| !t.is_empty())
}

/// Whether a subtree's text may hold a calendar day, before its text is built: every form
/// `date::find_day` reads has at least four ASCII digits ("4 May 2025", "1/2/25"), and
/// cleaning the text adds none unless it decodes an entity (`&`).
fn may_hold_day(dom: &Dom, id: NodeId) -> bool {
    let end = dom.nodes.get(id as usize).map_or(id, |n| n.end);
    let mut digits = 0;
    for n in id..end {
        for &b in dom.text_of(n).unwrap_or_default().as_bytes() {
            if b == b'&' {
                return true;
            }
            digits += usize::from(b.is_ascii_digit());
        }
        if digits >= 4 {
            return true;
        }
    }
    false
}

/// Whether [`short_text`] of a subtree may be at most `max` bytes long, before it is built:
/// the text keeps every printable ASCII byte of the subtree's text outside skipped elements
/// (cleaning only collapses white space), unless it decodes an entity (`&`). Building the
/// text of every dated paragraph by the title, to find it too long, cost more than the rest
/// of the date-line test.
fn short_text_may_fit(dom: &Dom, id: NodeId, max: usize) -> bool {
    let end = dom.nodes.get(id as usize).map_or(id, |n| n.end);
    let mut kept = 0;
    let mut n = id;
    while n < end {
        let node = &dom.nodes[n as usize];
        match node.data {
            NodeData::Text { .. } => {
                let text = dom.text_of(n).unwrap_or_default().as_bytes();
                if memchr::memchr(b'&', text).is_some() {
                    return true;
                }
                // Past `max`, only an entity can still let the text fit.
                if kept <= max {
                    kept += text.iter().filter(|b| (0x21..0x7F).contains(*b)).count();
                }
            }
            NodeData::Element(e) if dom.element_at(e).tag.is_skipped() => {
                n = node.end;
                continue;
            }
            _ => {}
        }
        n += 1;
    }
    kept <= max
}

/// A class that names a date or time: `post-date`, `entry-time`, `published`, `posted-on`.
fn names_date(class: &str) -> bool {
    const DATE: Words<4> = Words::new(["date", "time", "publish", "posted"]);
    DATE.in_value(class)
}

/// Whether a space-separated attribute holds `token` (ASCII case-insensitive).
fn has_token(value: &str, token: &str) -> bool {
    value
        .split_ascii_whitespace()
        .any(|t| t.eq_ignore_ascii_case(token))
}

/// A class token that names the author's name: `author`, `byline`, `author-name`,
/// `post__author`, `username`, `vcard`. "authority" and "authorization" are not authors.
fn names_author(class: &str) -> bool {
    // Each test below needs one of these words in the token: most classes hold none, and one
    // pass over the whole class says so.
    const AUTHOR: Words<4> = Words::new(["author", "byline", "username", "vcard"]);
    if !AUTHOR.in_value(class) {
        return false;
    }
    class.split_ascii_whitespace().any(|t| {
        (contains_word_part(t, "author") && !contains_word_part(t, "authori"))
            || contains_word_part(t, "byline")
            || contains_word_part(t, "username")
            || t.eq_ignore_ascii_case("vcard")
    })
}

/// `haystack` contains `needle` (lower-case ASCII), ignoring ASCII case, without allocating.
fn contains_word_part(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Words (lower-case ASCII letters, at least four) looked for in class names, ignoring ASCII
/// case. The words' heads (first four bytes) are compared four bytes at a time, and the
/// window moves as far as its last byte allows (Horspool): comparing every window byte by
/// byte cost more than the rest of the page facts (this runs on most classes).
struct Words<const N: usize> {
    words: [&'static str; N],
    /// Each word's first four bytes, little-endian.
    heads: [u32; N],
    /// By the last byte of a window that matches no head: how far the next window that may
    /// match starts.
    shifts: [u8; 256],
}

impl<const N: usize> Words<N> {
    const fn new(words: [&'static str; N]) -> Self {
        let mut heads = [0; N];
        let mut shifts = [4; 256];
        let mut k = 0;
        while k < N {
            let w = words[k].as_bytes();
            assert!(w.len() >= 4);
            let mut j = 0;
            while j < w.len() {
                assert!(w[j].is_ascii_lowercase());
                j += 1;
            }
            heads[k] = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
            // A byte at head position `j` < 3 lets the window move 3 - j, either case.
            let mut j = 0;
            while j < 3 {
                let shift = 3 - j as u8;
                let (lower, upper) = (w[j] as usize, w[j].to_ascii_uppercase() as usize);
                if shift < shifts[lower] {
                    shifts[lower] = shift;
                    shifts[upper] = shift;
                }
                j += 1;
            }
            k += 1;
        }
        Words {
            words,
            heads,
            shifts,
        }
    }

    /// Whether `value` contains one of the words.
    #[inline(always)]
    fn in_value(&self, value: &str) -> bool {
        let h = value.as_bytes();
        let mut i = 0;
        while i + 4 <= h.len() {
            let window: [u8; 4] = h[i..i + 4].try_into().unwrap_or_default();
            // For a lower-case letter `l`, `b | 0x20 == l` holds for `l` and its capital only.
            let w = u32::from_le_bytes(window) | 0x2020_2020;
            for k in 0..N {
                if w == self.heads[k] {
                    let tail = &self.words[k].as_bytes()[4..];
                    if h.get(i + 4..i + 4 + tail.len())
                        .is_some_and(|rest| rest.eq_ignore_ascii_case(tail))
                    {
                        return true;
                    }
                }
            }
            i += usize::from(self.shifts[usize::from(window[3])]);
        }
        false
    }
}

/// Path segments of a link to an author's page, followed by the author's own segment.
const AUTHOR_PATHS: &[&str] = &[
    "author",
    "authors",
    "autor",
    "autores",
    "auteur",
    "auteurs",
    "writer",
    "writers",
    "contributor",
    "contributors",
    "columnist",
    "columnists",
];

/// Path segments of a link to a member's profile (forums, communities).
const PROFILE_PATHS: &[&str] = &[
    "member", "members", "profile", "profiles", "u", "user", "users", "people",
];

/// Last path segments of a site's account pages, which sit under `/user/` too.
const ACCOUNT_PAGES: &[&str] = &[
    "login", "logout", "signin", "sign-in", "signup", "sign-up", "register", "password",
    "settings", "edit", "account",
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum LinkKind {
    Author,
    Profile,
    Other,
}

/// What a link's target says it leads to: `/author/kim-lo`, `/members/kimlo.12/`,
/// `memberlist.php?mode=viewprofile&u=12`.
fn link_kind(href: &str) -> LinkKind {
    // On bytes, with `memchr`: this runs on every link, and char patterns cost some 1,000
    // instructions a link.
    let href = href.as_bytes();
    let path = &href[..memchr::memchr2(b'?', b'#', href).unwrap_or(href.len())];
    let scheme = memchr::memchr_iter(b':', path).find(|&i| path[i + 1..].starts_with(b"//"));
    let path = scheme.map_or(path, |i| {
        let rest = &path[i + 3..];
        memchr::memchr(b'/', rest).map_or(&[][..], |slash| &rest[slash + 1..])
    });
    // The segments, last first.
    let mut segments = path.rsplit(|&b| b == b'/').filter(|s| !s.is_empty());
    // The section must be followed by the person's own segment, not by a page of the site
    // ("/user/login").
    if segments.next().is_some_and(|last| {
        ACCOUNT_PAGES
            .iter()
            .any(|p| last.eq_ignore_ascii_case(p.as_bytes()))
    }) {
        return LinkKind::Other;
    }
    let section = |names: &[&str]| {
        segments
            .clone()
            .any(|s| names.iter().any(|n| s.eq_ignore_ascii_case(n.as_bytes())))
    };
    // `href` contains "mode=viewprofile".
    let view_profile = || {
        memchr::memchr_iter(b'=', href)
            .any(|i| href[..i].ends_with(b"mode") && href[i + 1..].starts_with(b"viewprofile"))
    };
    if section(AUTHOR_PATHS) {
        LinkKind::Author
    } else if section(PROFILE_PATHS) || view_profile() {
        LinkKind::Profile
    } else {
        LinkKind::Other
    }
}

/// Class and id words of a site's own header (as opposed to a story's "entry-header").
const SITE_HEADER_NAMES: &[&str] = &[
    "site-header",
    "siteheader",
    "site_header",
    "masthead",
    "global-header",
    "globalheader",
    "top-header",
    "main-header",
    "header-main",
    "page-header-top",
];

fn is_site_header(e: &crate::dom::Element) -> bool {
    const HEADER: Words<2> = Words::new(["header", "masthead"]);
    // Every name holds "header" or "masthead", which most values do not: those are passed
    // without lower-casing them (this runs on most elements outside the story).
    [e.class(), e.id()]
        .into_iter()
        .flatten()
        .filter(|v| HEADER.in_value(v))
        .any(|v| {
            let v = v.to_ascii_lowercase();
            SITE_HEADER_NAMES.iter().any(|n| v.contains(n))
        })
}

/// The names of the links to author or profile pages inside a (short) byline element, joined
/// with ", ".
fn linked_names(dom: &Dom, id: NodeId) -> Option<String> {
    let end = dom
        .nodes
        .get(id as usize)?
        .end
        .min(id + SHORT_ELEMENT_NODES);
    let mut names: Vec<String> = Vec::new();
    for n in id + 1..end {
        let Some(e) = dom.element(n).filter(|e| e.tag == Tag::A) else {
            continue;
        };
        let to_author = e.attr("rel").is_some_and(|r| has_token(r, "author"))
            || e.attr("href")
                .map(link_kind)
                .is_some_and(|k| k != LinkKind::Other);
        let name = short_text(dom, n, SHORT_ELEMENT_NODES)
            .and_then(|t| byline::author_name(&t))
            .filter(|t| byline::reads_as_name(t));
        if let Some(name) = name.filter(|name| to_author && !names.contains(name)) {
            names.push(name);
        }
    }
    (!names.is_empty()).then(|| names.join(", "))
}

/// An open element whose subtree is still being walked.
#[derive(Clone, Copy, Default)]
struct Scope {
    end: NodeId,
    /// Inside navigation, footers, comments and the like.
    furniture: bool,
    /// Inside the site's header (a `<header>` outside the story): its h1 may be the title,
    /// its names and dates are not the story's.
    site_header: bool,
    /// Inside `<article>`, `<main>` or an article body: a `<header>` there is the story's.
    story: bool,
}

/// Reads the page's markup.
pub(crate) fn facts(dom: &Dom) -> PageFacts {
    let mut f = PageFacts::default();
    let mut meta_state = MetaState::default();
    let mut microdata_author_at: Option<NodeId> = None;
    let mut scopes: Vec<Scope> = Vec::new();
    // Class names are weak evidence high in the tree: a body classed "both-sidebars", or a
    // wrapper "dialog-off-canvas-main-canvas" around the whole page, is no sidebar or dialog.
    // So an element that holds an `<h1>`, and `<html>` and `<body>`, are never furniture by
    // their class; `<nav>`, `<footer>` and `<aside>` always are.
    let h1s: Vec<NodeId> = (dom.nodes.iter().enumerate())
        .filter(|(_, node)| {
            matches!(node.data, NodeData::Element(e) if dom.element_at(e).tag == Tag::H(1))
        })
        .map(|(n, _)| n as NodeId)
        .collect();
    let holds_h1 = |id: NodeId, end: NodeId| {
        let first_after = h1s.partition_point(|&h| h <= id);
        h1s.get(first_after).is_some_and(|&h| h < end)
    };
    for (i, node) in dom.nodes.iter().enumerate() {
        let id = i as NodeId;
        while scopes.last().is_some_and(|s| s.end <= id) {
            scopes.pop();
        }
        let NodeData::Element(e) = node.data else {
            continue;
        };
        let e = &dom.element_at(e);
        let outer = scopes.last().copied().unwrap_or_default();
        let story = outer.story
            || matches!(e.tag, Tag::Article | Tag::Main)
            || e.concepts.has(Concepts::ARTICLE_BODY);
        let classed_furniture =
            !matches!(e.tag, Tag::Html | Tag::Body) && node.end > id + 1 && !holds_h1(id, node.end);
        let here = Scope {
            end: node.end,
            // An `<aside>` or a `<footer>` in the story holds its byline and date as often as
            // a pull quote or a share bar.
            furniture: outer.furniture
                || e.tag == Tag::Nav
                || (matches!(e.tag, Tag::Aside | Tag::Footer) && !outer.story)
                || (classed_furniture && e.concepts.has(FURNITURE)),
            // Not every class that says "header" is the site's: "entry-header",
            // "date-header" and "article-header" are the story's own.
            site_header: outer.site_header
                || (!story && classed_furniture && (e.tag == Tag::Header || is_site_header(e))),
            story,
        };
        if node.end > id + 1 {
            scopes.push(here);
        }
        match e.tag {
            Tag::Html => set(&mut f.html_lang, e.attr("lang").and_then(clean)),
            // `<title>` holds text only.
            Tag::Title if f.title_tag.is_none() => f.title_tag = clean(&dom.subtree_text(id)),
            Tag::Link => {
                let rel = e.attr("rel").unwrap_or("");
                if has_token(rel, "canonical") {
                    set(&mut f.canonical_url, e.attr("href").and_then(clean));
                }
            }
            Tag::Meta => read_meta(e, &mut f, &mut meta_state),
            // A site header's h1 is often the logo, but on some pages it is the title: the
            // title rules judge.
            Tag::H(1) if f.headings.len() < MAX_HEADINGS && !here.furniture => {
                if let Some(text) = short_text(dom, id, HEADING_NODES) {
                    f.headings.push(text);
                }
            }
            _ => {}
        }
        if let Some(itemprop) = e.attr_at(const { attr_id("itemprop") }) {
            let value = || {
                e.attr("content")
                    .or_else(|| e.attr("datetime"))
                    .and_then(clean)
                    .or_else(|| short_text(dom, id, SHORT_ELEMENT_NODES))
            };
            if has_token(itemprop, "headline") {
                set(&mut f.microdata_headline, value());
            }
            if !outer.furniture {
                if (has_token(itemprop, "author") || has_token(itemprop, "creator"))
                    && microdata_author_at.is_none()
                {
                    microdata_author_at = Some(id);
                }
                if has_token(itemprop, "datePublished") || has_token(itemprop, "dateCreated") {
                    set(&mut f.microdata_published, value());
                }
            }
        }
        if here.furniture || here.site_header {
            continue;
        }
        match e.tag {
            Tag::Time if f.time.is_none() => {
                f.time = e.attr("datetime").and_then(clean).or_else(|| {
                    short_text(dom, id, SHORT_ELEMENT_NODES)
                        .filter(|t| super::calendar_day(t, false).is_some())
                });
            }
            Tag::A => {
                let name = || {
                    short_text(dom, id, SHORT_ELEMENT_NODES)
                        .or_else(|| e.attr("title").and_then(clean))
                        .and_then(|t| byline::author_name(&t))
                        .filter(|n| byline::reads_as_name(n))
                };
                if f.rel_author.is_none()
                    && e.attr_at(const { attr_id("rel") })
                        .is_some_and(|r| has_token(r, "author"))
                {
                    f.rel_author = name();
                }
                let wanted = f.author_link.is_none() || f.profile_link.is_none();
                let href = e.attr_at(const { attr_id("href") }).filter(|_| wanted);
                match href.map(link_kind) {
                    Some(LinkKind::Author) if f.author_link.is_none() => f.author_link = name(),
                    Some(LinkKind::Profile) if f.profile_link.is_none() => f.profile_link = name(),
                    _ => {}
                }
            }
            _ => {}
        }
        if f.byline_author.is_none() && node.end - id <= SHORT_ELEMENT_NODES {
            let names = |e: &crate::dom::Element| {
                e.class().is_some_and(names_author) || e.concepts.has(Concepts::BYLINE)
            };
            // An author element holding another ("author" around "author-name" and
            // "author-role") leaves the name to the inner one, next in document order.
            let classed =
                names(e) && !(id + 1..node.end).any(|n| dom.element(n).is_some_and(|e| names(&e)));
            // Only an element whose text starts "By ..." is read unless its class says author,
            // which keeps the per-element cost to a peek at its first text.
            if classed || first_text(dom, id).is_some_and(|t| byline::after_by(t).is_some()) {
                // Names linked to their author pages are the names, without the role or date
                // around them.
                f.byline_author = linked_names(dom, id).or_else(|| {
                    text_pieces(dom, id, SHORT_ELEMENT_NODES, true)
                        .and_then(|pieces| byline::from_pieces(&pieces, classed))
                });
            }
        }
        if f.dated_element.is_none()
            && node.end - id <= SHORT_ELEMENT_NODES
            && (e.concepts.has(Concepts::META) || e.class().is_some_and(names_date))
            && may_hold_day(dom, id)
            && short_text_may_fit(dom, id, MAX_DATE_LINE_CHARS)
        {
            f.dated_element = short_text(dom, id, SHORT_ELEMENT_NODES).filter(|t| {
                t.len() <= MAX_DATE_LINE_CHARS && super::calendar_day(t, false).is_some()
            });
        }
        // A line that is a date, by the title: "Published March 4, 2025 · 6 min read".
        let by_title = h1s
            .first()
            .is_some_and(|&h| id + DATE_LINE_BEFORE_TITLE >= h && id <= h + DATE_LINE_AFTER_TITLE);
        if f.date_line.is_none()
            && by_title
            && node.end - id <= SHORT_ELEMENT_NODES
            && e.tag.is_block()
            && may_hold_day(dom, id)
            && short_text_may_fit(dom, id, MAX_DATE_LINE_CHARS)
        {
            f.date_line = short_text(dom, id, SHORT_ELEMENT_NODES).filter(|t| {
                let sentence = t.ends_with('.') && t.split_whitespace().count() > 6;
                t.len() <= MAX_DATE_LINE_CHARS
                    && !sentence
                    && super::find_day(t, false).is_some_and(|(at, _)| at <= MAX_DATE_LABEL_CHARS)
            });
        }
    }
    if !meta_state.authors.is_empty() {
        f.meta_author = Some(meta_state.authors.join(", "));
    }
    f.microdata_author = microdata_author_at.and_then(|at| microdata_name(dom, at));
    f
}

/// What reading `<meta>`s remembers from one to the next.
#[derive(Default)]
struct MetaState {
    /// The author key whose values are collected.
    author_key: Option<String>,
    authors: Vec<String>,
    /// The number of the `twitter:labelN` that reads "Written by".
    author_label: Option<String>,
}

/// A `<meta>`'s fact.
fn read_meta(e: &crate::dom::Element, f: &mut PageFacts, state: &mut MetaState) {
    let Some(key) = e.attr("property").or_else(|| e.attr("name")) else {
        return;
    };
    let key = key.trim();
    // Lower-cased on the stack: keys are short, and this runs on every `<meta>`.
    let mut buf = [0u8; 48];
    let lowered;
    let key = match buf.get_mut(..key.len()) {
        Some(bytes) => {
            bytes.copy_from_slice(key.as_bytes());
            bytes.make_ascii_lowercase();
            std::str::from_utf8(bytes).unwrap_or_default()
        }
        None => {
            lowered = key.to_ascii_lowercase();
            lowered.as_str()
        }
    };
    // The keys of the arms below: the content of any other `<meta>` (viewport, og:image...)
    // is not cleaned.
    let read = matches!(
        key,
        "og:title"
            | "twitter:title"
            | "og:site_name"
            | "application-name"
            | "og:description"
            | "description"
            | "twitter:description"
            | "og:url"
            | "content-language"
            | "language"
            | "og:locale"
    ) || PUBLISHED_KEYS.contains(&key)
        || AUTHOR_KEYS.contains(&key)
        || key.starts_with("twitter:label")
        || key.starts_with("twitter:data");
    if !read {
        return;
    }
    let Some(value) = e.attr("content").and_then(clean) else {
        return;
    };
    match key {
        "og:title" => set(&mut f.og_title, Some(value)),
        "twitter:title" => set(&mut f.twitter_title, Some(value)),
        "og:site_name" | "application-name" => set(&mut f.site_name, Some(value)),
        "og:description" | "description" | "twitter:description" => {
            set(&mut f.description, Some(value))
        }
        "og:url" => set(&mut f.og_url, Some(value)),
        "content-language" | "language" | "og:locale" => {
            set(&mut f.meta_language, Some(value.replace('_', "-")))
        }
        k if PUBLISHED_KEYS.contains(&k) => set(&mut f.meta_published, Some(value)),
        k if AUTHOR_KEYS.contains(&k) => {
            // Every value of the first key that gives a name (`citation_author` repeats once per
            // author); Open Graph authors are often profile URLs, which name no one.
            if state.author_key.as_deref().is_some_and(|a| a != k) {
                return;
            }
            // Library catalogues write "Last, First": one comma, a name on each side.
            let value = match value.split_once(',') {
                Some((last, given))
                    if k.starts_with("citation")
                        && !given.contains(',')
                        && !given.trim().is_empty() =>
                {
                    format!("{} {}", given.trim(), last.trim())
                }
                _ => value,
            };
            if let Some(name) = byline::author_name(&value) {
                if !state.authors.contains(&name) {
                    state.authors.push(name);
                }
                state.author_key = Some(k.to_string());
            }
        }
        // Blog engines label their share cards: `twitter:label1` "Written by", then
        // `twitter:data1` the name.
        k if k.starts_with("twitter:label") && byline::after_by(&value) == Some("") => {
            state.author_label = Some(k["twitter:label".len()..].to_string());
        }
        k if k.starts_with("twitter:data")
            && state.author_label.as_deref() == Some(&k["twitter:data".len()..]) =>
        {
            set(&mut f.labelled_author, byline::author_name(&value));
        }
        _ => {}
    }
}

/// The name of a microdata author: the `itemprop=name` inside it, its `content`, or its text.
fn microdata_name(dom: &Dom, at: NodeId) -> Option<String> {
    let e = dom.element(at)?;
    if let Some(name) = e.attr("content").and_then(byline::author_name) {
        return Some(name);
    }
    let end = dom.nodes.get(at as usize)?.end.min(at + HEADING_NODES);
    for inner in at + 1..end {
        let Some(el) = dom.element(inner) else {
            continue;
        };
        if el.attr("itemprop").is_some_and(|p| has_token(p, "name")) {
            return el
                .attr("content")
                .and_then(byline::author_name)
                .or_else(|| {
                    short_text(dom, inner, SHORT_ELEMENT_NODES)
                        .and_then(|t| byline::author_name(&t))
                });
        }
    }
    short_text(dom, at, SHORT_ELEMENT_NODES).and_then(|t| byline::author_name(&t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Limits;

    fn read(html: &str) -> PageFacts {
        facts(&crate::parse::html::parse(html, &Limits::default()).unwrap())
    }

    #[test]
    fn head_tags() {
        let f = read(
            r#"<html lang="en-GB"><head><title> Page  Title | Site </title>
            <meta property="og:title" content="OG Title">
            <meta name="twitter:title" content="TW Title">
            <meta property="og:site_name" content="Site">
            <meta name="citation_author" content="Lee, Ann">
            <meta name="citation_author" content="Bo Park">
            <meta name="author" content="Someone Else">
            <meta property="article:published_time" content="2021-03-04T05:06:07Z">
            <meta property="og:locale" content="en_GB">
            <link rel="canonical" href="https://example.org/a">
            </head><body><p>x</p></body></html>"#,
        );
        assert_eq!(f.title_tag.as_deref(), Some("Page Title | Site"));
        assert_eq!(f.og_title.as_deref(), Some("OG Title"));
        assert_eq!(f.twitter_title.as_deref(), Some("TW Title"));
        assert_eq!(f.site_name.as_deref(), Some("Site"));
        assert_eq!(f.meta_author.as_deref(), Some("Ann Lee, Bo Park"));
        assert_eq!(f.meta_published.as_deref(), Some("2021-03-04T05:06:07Z"));
        assert_eq!(f.html_lang.as_deref(), Some("en-GB"));
        assert_eq!(f.meta_language.as_deref(), Some("en-GB"));
        assert_eq!(f.canonical_url.as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn profile_url_authors_name_no_one() {
        let f = read(
            r#"<head><meta property="article:author" content="https://social.example/jo">
            <meta name="author" content="Jo March"></head>"#,
        );
        assert_eq!(f.meta_author.as_deref(), Some("Jo March"));
    }

    #[test]
    fn body_signals_outside_furniture() {
        let f = read(
            r#"<body><header class="site-header"><a class="logo">Logo</a><time datetime="2000-01-01">x</time>
            <span class="author">Site Owner</span></header>
            <nav><a rel="author" href="/me">Nav Person</a></nav>
            <article><header><h1>The Story</h1>
              <div class="byline">By <a href="/authors/kim">Kim Lo</a> and
                <a href="/authors/pat-ray">Pat Ray</a> <a href="/share">Share</a></div>
              <time datetime="2022-06-07T10:00:00+09:00">June 7</time></header>
              <p>Body text.</p>
              <section class="comments"><span class="comment-author">Troll</span>
                <time datetime="2022-06-09">later</time></section>
            </article></body>"#,
        );
        assert_eq!(f.headings, vec!["The Story".to_string()]);
        assert_eq!(f.byline_author.as_deref(), Some("Kim Lo, Pat Ray"));
        assert_eq!(f.time.as_deref(), Some("2022-06-07T10:00:00+09:00"));
        assert_eq!(f.rel_author, None);
    }

    #[test]
    fn classes_high_in_the_tree_are_weak() {
        let f = read(
            r#"<body class="has-sidebar nav-open"><div class="dialog-off-canvas">
            <div class="page-header"><h1>Thread</h1><span class="username">op_user</span>
            <time datetime="2020-05-06T07:08:09Z">May 6</time></div>
            <div class="sidebar"><span class="author">Side Bar</span></div></div></body>"#,
        );
        assert_eq!(f.headings, vec!["Thread".to_string()]);
        assert_eq!(f.byline_author.as_deref(), Some("op_user"));
        assert_eq!(f.time.as_deref(), Some("2020-05-06T07:08:09Z"));
    }

    proptest::proptest! {
        /// The four-byte scan finds what comparing every window finds.
        #[test]
        fn words_are_found_as_by_the_window_scan(
            class in "(daTe|TIME|tim|publ|PubLish|posted|auth|Author|vcar|vcard|[a-zA-Z@`{é _-]){0,10}"
        ) {
            let needles = ["date", "time", "publish", "posted", "author", "vcard"];
            let plain = needles.iter().any(|n| {
                class
                    .as_bytes()
                    .windows(n.len())
                    .any(|w| w.eq_ignore_ascii_case(n.as_bytes()))
            });
            const WORDS: Words<6> =
                Words::new(["date", "time", "publish", "posted", "author", "vcard"]);
            proptest::prop_assert_eq!(WORDS.in_value(&class), plain);
        }
    }

    #[test]
    fn word_parts_ignore_case() {
        assert!(Words::new(["date"]).in_value("Post-DATE"));
        assert!(Words::new(["time", "publish"]).in_value("xPUBLISHED"));
        assert!(!Words::new(["publish"]).in_value("publis"));
        assert!(!Words::new(["dates"]).in_value("d@te DATe"));
        assert!(names_author("post__Author-name"));
        assert!(!names_author("authority Authorization"));
        assert!(names_author("authority author-ity"));
    }

    #[test]
    fn author_and_profile_links() {
        assert_eq!(
            link_kind("https://example.org/author/kim-lo/"),
            LinkKind::Author
        );
        assert_eq!(link_kind("/blog/authors/kim?x=1"), LinkKind::Author);
        assert_eq!(link_kind("/author/"), LinkKind::Other);
        assert_eq!(link_kind("/members/kimlo.12/"), LinkKind::Profile);
        assert_eq!(
            link_kind("./memberlist.php?mode=viewprofile&u=7"),
            LinkKind::Profile
        );
        assert_eq!(
            link_kind("https://users.example.org/news/1"),
            LinkKind::Other
        );
        let f = read(
            r#"<body><article><h1>T</h1><a href="/user/login">Log in</a>
            <a href="/members/kimlo.12/">kimlo</a><a href="/author/kim-lo">Kim Lo</a>
            <p>Text.</p></article></body>"#,
        );
        assert_eq!(f.author_link.as_deref(), Some("Kim Lo"));
        assert_eq!(f.profile_link.as_deref(), Some("kimlo"));
    }

    #[test]
    fn twitter_labels() {
        let f = read(
            r#"<head><meta name="twitter:label1" content="Written by">
            <meta name="twitter:data1" content="Kim Lo">
            <meta name="twitter:label2" content="Est. reading time">
            <meta name="twitter:data2" content="4 minutes"></head>"#,
        );
        assert_eq!(f.labelled_author.as_deref(), Some("Kim Lo"));
    }

    #[test]
    fn date_lines_by_the_title() {
        let f = read(
            r#"<body><main><p>Listing of 3 May 2001</p><h1>Title</h1>
            <div class="x"><p>Last updated on 4 March 2025 · 6 min read</p></div>
            <p>Text of 5 June 2020.</p></main></body>"#,
        );
        assert_eq!(f.date_line.as_deref(), Some("Listing of 3 May 2001"));
        let f = read(
            r#"<body><main><h1>Title</h1><p>Story from 5 June 2020 to now, a long line that goes on.</p>
            <p>Last updated on 4 March 2025 · 6 min read</p></main></body>"#,
        );
        assert_eq!(
            f.date_line.as_deref(),
            Some("Last updated on 4 March 2025 · 6 min read")
        );
    }

    #[test]
    fn microdata() {
        let f = read(
            r#"<body><div itemscope itemtype="https://schema.org/DiscussionForumPosting">
            <h2 itemprop="headline">Thread title</h2>
            <span itemprop="author" itemscope itemtype="https://schema.org/Person">
              <meta itemprop="name" content="forum_user7"></span>
            <meta itemprop="datePublished" content="2019-12-31">
            </div></body>"#,
        );
        assert_eq!(f.microdata_headline.as_deref(), Some("Thread title"));
        assert_eq!(f.microdata_author.as_deref(), Some("forum_user7"));
        assert_eq!(f.microdata_published.as_deref(), Some("2019-12-31"));
    }

    #[test]
    fn blocks_are_spaced_and_buttons_silent() {
        let f = read(
            r#"<body><article><div class="author-wrap"><div>By</div><div>Kim Lo</div>
            <button>Follow</button></div><p>Text.</p></article></body>"#,
        );
        assert_eq!(f.byline_author.as_deref(), Some("Kim Lo"));
    }

    #[test]
    fn by_lines_and_dated_elements() {
        let f = read(
            r#"<body><main><p class="lede">Not a byline: by the river.</p>
            <p>By Mary-Jo O'Neil</p><span class="post-date">Posted 3 March 2020</span>
            <p>Text.</p></main></body>"#,
        );
        assert_eq!(f.byline_author.as_deref(), Some("Mary-Jo O'Neil"));
        assert_eq!(f.dated_element.as_deref(), Some("Posted 3 March 2020"));
    }
}
