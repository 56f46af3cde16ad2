//! Attributes and comment text that nothing reads, dropped before the tokenizer reads them.
//!
//! html5ever tokenizes tag and attribute names a character at a time, about sixty
//! instructions each, then interns every attribute name and copies its value. Most attributes
//! of a page (`onclick`, `srcset`, `aria-label`, `width`, SVG path data, long `data-` blobs)
//! are read neither by the tree builder nor by the parse stage, which keeps only the
//! attributes later stages use ([`crate::dom::ATTR_NAMES`]) and a few it turns into concepts.
//! Comment bodies are read only for one marker.
//!
//! This module says what is read ([`is_read`], [`keeps_all_attributes`]). The filter in front
//! of the tokenizer ([`super::read_ahead`]) leaves the attributes nobody reads out of the
//! tokens it makes itself; where it leaves an item to the tokenizer, [`lean_copy`] puts back a
//! copy of a long start tag without them, or of a comment without its body. Either way the tree
//! is the one the tokenizer would have built (the rcdom reference test, which parses without
//! these filters, checks it on every fixture and corpus page).
//!
//! What is never dropped:
//! - attributes the parse stage reads ([`kept_by_name`]) and those the tree builder reads
//!   (`type` of `<input>`, `<meta charset>`, `encoding` of `annotation-xml`, `color`, `face`
//!   and `size` of `<font>`, declarative shadow roots), and any name with a `:` (in SVG and
//!   MathML `xlink:href` becomes `href`);
//! - a `data-` attribute whose value may be shorter than the parse stage's limit for them;
//! - any attribute of a formatting element other than `<a>`, or of `<html>` and `<body>`:
//!   the tree builder compares formatting elements' attributes (at most three identical ones
//!   stay active) and merges repeated `<html>` and `<body>` tags' attributes. An `<a>` ends
//!   any active one before it opens, so at most one is ever compared;
//! - a comment body that may be the `excerpt_end` marker.

use super::guard::is_formatting;
use super::markup::{comment, read_tag, Attr};
use html5ever::{local_name, LocalName};

/// `data-` values of this many bytes or more tell the parse stage nothing (it reads shorter
/// ones for concepts; see `parse::html::element`).
pub(crate) const MAX_DATA_VALUE_BYTES: usize = 64;

/// Comment bodies shorter than this are left to the tokenizer: cutting one costs about what
/// tokenizing a few characters does.
const MIN_COMMENT_BODY: usize = 16;

/// Start tags shorter than this are left to the tokenizer (see [`lean_copy`]): reading a tag
/// costs branches on every byte, and a short one rarely has much to drop. 96 bytes was as
/// fast as 48 on news pages and faster on the wider web sample (by the clock, `compare`).
pub(super) const MIN_TAG_BYTES: usize = 96;

/// Where the first markup item of `text` (which the tokenizer reads in its data state) starts
/// and ends, with its lean copy written to `copy`; `None` when it has nothing to drop, does
/// not end in `text`, or is a start tag whose first `>` comes before `min_tag_bytes`.
pub(super) fn lean_copy(
    text: &str,
    attrs: &mut Vec<Attr>,
    copy: &mut String,
    min_tag_bytes: usize,
) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let lt = memchr::memchr(b'<', bytes)?;
    let after = bytes.get(lt + 1)?;
    copy.clear();
    if after.is_ascii_alphabetic() {
        // A tag this short has little to drop: reading it would cost more than it saves.
        // (The first `>` may sit inside a value, so the tag may be longer, never shorter.)
        let rest = &bytes[lt..];
        if memchr::memchr(b'>', &rest[..rest.len().min(min_tag_bytes)]).is_some() {
            return None;
        }
        let tag = read_tag(bytes, lt + 1, attrs)?;
        if attrs.iter().all(|a| a.read)
            || keeps_all_attributes(&LocalName::from(
                text[tag.name.clone()].to_ascii_lowercase(),
            ))
        {
            return None;
        }
        copy.push('<');
        copy.push_str(&text[tag.name]);
        for a in attrs.iter().filter(|a| a.read) {
            copy.push(' ');
            copy.push_str(&text[a.span.clone()]);
        }
        // A space first: after an unquoted value a `/` would join the value.
        copy.push_str(if tag.self_closing { " />" } else { ">" });
        Some((lt, tag.end))
    } else if bytes[lt + 1..].starts_with(b"!--") {
        let (body, end) = comment(bytes, lt)?;
        if body.len() < MIN_COMMENT_BODY || text[body].trim().eq_ignore_ascii_case("excerpt_end") {
            return None;
        }
        copy.push_str("<!---->");
        Some((lt, end))
    } else {
        None
    }
}

/// Elements whose attributes the tree builder compares or merges: left whole.
pub(super) fn keeps_all_attributes(tag: &LocalName) -> bool {
    (is_formatting(tag) && *tag != local_name!("a"))
        || matches!(*tag, local_name!("html") | local_name!("body"))
}

/// Attribute names the parse stage or the tree builder reads, whatever their value: those of
/// [`crate::dom::ATTR_NAMES`] and `parse::html::CONCEPT_ATTRS` (a test checks the lists
/// against this), the tree builder's, any name with a `:` (in SVG and MathML `xlink:href`
/// becomes `href`) and the declarative shadow root's `shadowroot…`. Runs for every attribute
/// of every tag, hence the `match` on a lower-cased copy rather than a scan of the lists.
fn kept_by_name(name: &[u8]) -> bool {
    let mut lower = [0u8; 12];
    let Some(lower) = lower.get_mut(..name.len()) else {
        return name.contains(&b':')
            || name.len() >= 10 && name[..10].eq_ignore_ascii_case(b"shadowroot");
    };
    for (l, &b) in lower.iter_mut().zip(name) {
        *l = b.to_ascii_lowercase();
    }
    match &*lower {
        // ATTR_NAMES
        b"id" | b"class" | b"href" | b"src" | b"alt" | b"title" | b"itemprop" | b"itemtype"
        | b"property" | b"name" | b"content" | b"datetime" | b"rel" | b"lang" | b"type"
        | b"colspan"
        // CONCEPT_ATTRS
        | b"role" | b"hidden" | b"aria-hidden" | b"aria-modal" | b"style"
        // The tree builder's.
        | b"charset" | b"http-equiv" | b"encoding" | b"color" | b"face" | b"size" => true,
        _ => lower.contains(&b':') || lower.starts_with(b"shadowroot"),
    }
}

/// The names most attributes of a page have, spelled lower-case, all kept by
/// [`kept_by_name`]: told by their length and a comparison or two, before the lower-cased copy
/// and the `match` every other name goes through.
fn is_common_read_name(name: &[u8]) -> bool {
    match name.len() {
        2 => name == b"id",
        3 => name == b"rel" || name == b"alt" || name == b"src",
        4 => name == b"href" || name == b"name" || name == b"type" || name == b"role",
        5 => name == b"class" || name == b"title" || name == b"style",
        7 => name == b"content",
        8 => name == b"property" || name == b"itemprop",
        _ => false,
    }
}

/// Whether an attribute may be read: by name, or a `data-` one whose value (after character
/// references, `\r\n` and NUL are decoded) may be shorter than [`MAX_DATA_VALUE_BYTES`].
pub(super) fn is_read(name: &[u8], value: &[u8]) -> bool {
    if is_common_read_name(name) {
        return true;
    }
    if name.len() >= 5 && name[..5].eq_ignore_ascii_case(b"data-") {
        return value.len() < MAX_DATA_VALUE_BYTES
            || value.iter().any(|&b| matches!(b, b'&' | b'\r' | b'\0'));
    }
    kept_by_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lean(text: &str) -> Option<String> {
        let (mut attrs, mut copy) = (Vec::new(), String::new());
        lean_copy(text, &mut attrs, &mut copy, 0)
            .map(|(start, end)| format!("{}{}{}", &text[..start], copy, &text[end..]))
    }

    #[test]
    fn drops_the_attributes_nobody_reads() {
        assert_eq!(
            lean(r#"a <div onclick="x()" class=lead width='3' hidden>b"#).as_deref(),
            Some("a <div class=lead hidden>b")
        );
        assert_eq!(
            lean(r#"<IMG SRC="a.png" srcset="a 1x, b 2x" ALT=""/>"#).as_deref(),
            Some(r#"<IMG SRC="a.png" ALT="" />"#)
        );
        // Unquoted before `/`: the slash is the value's, and the tag is not self-closing.
        assert_eq!(
            lean("<a href=x/ target=_blank>").as_deref(),
            Some("<a href=x/>")
        );
        // A missing space after a quoted value still starts the next name.
        assert_eq!(
            lean(r#"<p id="a"onclick="b" title='c'>"#).as_deref(),
            Some(r#"<p id="a" title='c'>"#)
        );
        // Spaces around `=` belong to the attribute.
        assert_eq!(
            lean(r#"<p class = "a" tabindex = 1>"#).as_deref(),
            Some(r#"<p class = "a">"#)
        );
        // `/` not before `>` is read as a space; `=` may start a name.
        assert_eq!(lean(r#"<p / =x id=y>"#).as_deref(), Some(r#"<p id=y>"#));
    }

    #[test]
    fn leaves_short_tags_to_the_tokenizer() {
        let (mut attrs, mut copy) = (Vec::new(), String::new());
        let short = r#"<div onclick="x()" class=lead>"#;
        assert_eq!(lean_copy(short, &mut attrs, &mut copy, MIN_TAG_BYTES), None);
        let long = concat!(
            r#"<div onclick="track(this, 'teaser', 'top-stories');"#,
            r#" open_panel(this, event, 'share')" class=lead>"#
        );
        assert!(long.len() > MIN_TAG_BYTES);
        assert_eq!(
            lean_copy(long, &mut attrs, &mut copy, MIN_TAG_BYTES),
            Some((0, long.len()))
        );
        assert_eq!(copy, "<div class=lead>");
    }

    #[test]
    fn keeps_what_is_read() {
        // Nothing to drop.
        assert_eq!(lean(r#"<div class="a" data-x="nav">"#), None);
        // Formatting elements (but `<a>`), `<html>` and `<body>` keep everything.
        assert_eq!(lean(r#"<b onclick="x">"#), None);
        assert_eq!(lean(r#"<body onload="x">"#), None);
        // Names with a colon, tree-builder names, short data values and values whose
        // decoded length may be short.
        let long = "x".repeat(MAX_DATA_VALUE_BYTES);
        assert_eq!(
            lean(r##"<use xlink:href="#i" d="M0">"##).as_deref(),
            Some(r##"<use xlink:href="#i">"##)
        );
        assert_eq!(
            lean(&format!(
                r#"<i-x data-a="{long}" data-b="{long}&amp;" type=hidden>"#
            )),
            Some(format!(r#"<i-x data-b="{long}&amp;" type=hidden>"#))
        );
    }

    /// The common names' shortcut says what the full reading says, for the names themselves,
    /// their other spellings and names cut from them.
    #[test]
    fn common_read_names_are_read() {
        let common = [
            "id", "rel", "alt", "src", "href", "name", "type", "role", "class", "title", "style",
            "content", "property", "itemprop",
        ];
        for name in common {
            assert!(is_common_read_name(name.as_bytes()), "{name}");
            assert!(kept_by_name(name.as_bytes()), "{name}");
            for cut in 0..name.len() {
                for other in [
                    &name[..cut],
                    &name[cut..],
                    &format!("{name}s"),
                    &format!("x{name}"),
                ] {
                    let other = other.as_bytes();
                    if is_common_read_name(other) {
                        assert!(common.contains(&std::str::from_utf8(other).unwrap()));
                    }
                    let upper = other.to_ascii_uppercase();
                    assert!(!is_common_read_name(&upper) || upper == other);
                    for value in [&b""[..], b"x", &[b'y'; 80]] {
                        assert_eq!(is_read(other, value), plain_is_read(other, value));
                        assert_eq!(is_read(&upper, value), plain_is_read(&upper, value));
                    }
                }
            }
        }
    }

    /// `is_read` without the common names' shortcut.
    fn plain_is_read(name: &[u8], value: &[u8]) -> bool {
        if name.len() >= 5 && name[..5].eq_ignore_ascii_case(b"data-") {
            return value.len() < MAX_DATA_VALUE_BYTES
                || value.iter().any(|&b| matches!(b, b'&' | b'\r' | b'\0'));
        }
        kept_by_name(name)
    }

    #[test]
    fn keeps_every_name_the_parse_stage_reads() {
        for name in crate::dom::ATTR_NAMES
            .iter()
            .chain(crate::parse::html::CONCEPT_ATTRS)
        {
            assert!(kept_by_name(name.as_bytes()), "{name}");
            assert!(kept_by_name(name.to_ascii_uppercase().as_bytes()), "{name}");
        }
    }

    /// What the filter drops, the parse stage's element reading ignores: the same element with
    /// and without the attribute.
    #[test]
    fn dropped_attributes_change_no_element() {
        use crate::dom::Tag;
        use crate::parse::html::{element, ConceptMemo};
        use html5ever::{ns, Attribute, LocalName, QualName};
        let long = "related-stories ".repeat(8);
        let names = [
            "onclick",
            "width",
            "aria-label",
            "srcset",
            "tabindex",
            "target",
            "d",
            "viewbox",
            "loading",
            "data-x",
            "data-component",
            "aria-expanded",
            "for",
            "value",
            "action",
            "xmlns",
            "sizes",
            "decoding",
            "itemscope",
            "dir",
            "nonce",
            "integrity",
        ];
        for name in names {
            for value in ["", "nav", "true", "display:none", long.as_str()] {
                if is_read(name.as_bytes(), value.as_bytes()) {
                    continue;
                }
                let attr = Attribute {
                    name: QualName::new(None, ns!(), LocalName::from(name)),
                    value: value.into(),
                };
                let mut dom = crate::dom::Dom::default();
                let with = element(&mut dom, Tag::Div, &[attr], &mut ConceptMemo::default());
                let without = element(&mut dom, Tag::Div, &[], &mut ConceptMemo::default());
                let (with, without) = (dom.element_at(with), dom.element_at(without));
                assert_eq!(
                    format!("{with:?}"),
                    format!("{without:?}"),
                    "{name}={value:?}"
                );
            }
        }
    }

    #[test]
    fn leaves_unfinished_and_other_markup_alone() {
        assert_eq!(lean(r#"<div onclick="x>"#), None);
        assert_eq!(lean(r#"<div onclick"#), None);
        assert_eq!(lean("</div onclick=x>"), None);
        assert_eq!(lean("a < b"), None);
        assert_eq!(lean("<!DOCTYPE html>"), None);
    }

    #[test]
    fn cuts_comment_bodies_where_the_comment_states_end_them() {
        let body = "a long comment body, with - and -- inside";
        assert_eq!(
            lean(&format!("x<!--{body}-->y")).as_deref(),
            Some("x<!---->y")
        );
        assert_eq!(
            lean(&format!("<!--{body}--!>y")).as_deref(),
            Some("<!---->y")
        );
        assert_eq!(
            lean(&format!("<!--{body}<!-- nested -->y")).as_deref(),
            Some("<!---->y")
        );
        // Abrupt ends and short bodies are left alone; so is the excerpt marker.
        assert_eq!(lean("<!-->a long text after the comment-->"), None);
        assert_eq!(lean("<!--->a long text after the comment-->"), None);
        assert_eq!(lean("<!-- short -->"), None);
        assert_eq!(lean("<!--      EXCERPT_END      -->"), None);
        assert_eq!(lean(&format!("<!--{body}")), None);
    }
}
