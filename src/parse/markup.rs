//! Tags and comments read byte by byte, by the tokenizer states of the HTML standard, for the
//! filters in front of html5ever's tokenizer ([`super::read_ahead`], [`super::unread`]). They
//! find where an item's parts are; what the parts decode to is [`super::char_refs`]'s.

use super::unread::is_read;
use std::ops::Range;

/// A tag read as the tokenizer reads it.
pub(super) struct TagSpan {
    pub name: Range<usize>,
    pub self_closing: bool,
    /// One past its `>`.
    pub end: usize,
}

/// One attribute of a tag, as byte ranges of the text it was read from.
pub(super) struct Attr {
    /// Its whole text: name, `=`, value and quotes.
    pub span: Range<usize>,
    pub name: Range<usize>,
    /// The value as written, without its quotes (character references not decoded).
    pub value: Range<usize>,
    /// Whether anything may read it ([`is_read`]).
    pub read: bool,
}

/// ASCII whitespace as the tag states see it (the tokenizer turns `\r` into `\n` first).
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Reads the tag whose name starts at `name_start` (after `<`, or after `</` for an end tag,
/// whose attributes the tokenizer reads the same way), its attributes into `attrs`, by the tag
/// states of the HTML standard (tag name, attribute name and value, self-closing); `None` when
/// the tag does not end in `bytes`. Character references inside values do not matter here:
/// none can consume a quote or a `>`.
pub(super) fn read_tag(bytes: &[u8], name_start: usize, attrs: &mut Vec<Attr>) -> Option<TagSpan> {
    attrs.clear();
    let mut at = name_start;
    // Tag name.
    while !is_space(*bytes.get(at)?) && !matches!(bytes[at], b'/' | b'>') {
        at += 1;
    }
    let name = name_start..at;
    loop {
        // Before attribute name.
        while is_space(*bytes.get(at)?) {
            at += 1;
        }
        match bytes[at] {
            b'>' => {
                return Some(TagSpan {
                    name,
                    self_closing: false,
                    end: at + 1,
                })
            }
            b'/' => {
                // Self-closing start tag: only a `>` right after makes it one; anything else
                // is read again as before an attribute name.
                at += 1;
                if *bytes.get(at)? == b'>' {
                    return Some(TagSpan {
                        name,
                        self_closing: true,
                        end: at + 1,
                    });
                }
                continue;
            }
            _ => {}
        }
        // Attribute name: its first character is part of it whatever it is (even `=`).
        let name_start = at;
        at += 1;
        while !is_space(*bytes.get(at)?) && !matches!(bytes[at], b'/' | b'>' | b'=') {
            at += 1;
        }
        let attr_name = name_start..at;
        // After attribute name.
        let mut probe = at;
        while is_space(*bytes.get(probe)?) {
            probe += 1;
        }
        if bytes[probe] != b'=' {
            // No value: the spaces are read again before the next name.
            attrs.push(Attr {
                span: name_start..at,
                read: is_read(&bytes[attr_name.clone()], b""),
                name: attr_name,
                value: at..at,
            });
            continue;
        }
        // Before attribute value.
        at = probe + 1;
        while is_space(*bytes.get(at)?) {
            at += 1;
        }
        let value = match bytes[at] {
            quote @ (b'"' | b'\'') => {
                let close = at + 1 + memchr::memchr(quote, bytes.get(at + 1..)?)?;
                let value = at + 1..close;
                at = close + 1;
                value
            }
            // A missing value: the tag ends here with an empty one.
            b'>' => at..at,
            _ => {
                let from = at;
                while !is_space(*bytes.get(at)?) && bytes[at] != b'>' {
                    at += 1;
                }
                from..at
            }
        };
        attrs.push(Attr {
            span: name_start..at,
            read: is_read(&bytes[attr_name.clone()], &bytes[value.clone()]),
            name: attr_name,
            value,
        });
        // After a quoted value anything but a space, `/` or `>` starts the next name at once
        // (a parse error): the loop reads it so.
    }
}

/// The body and the end (one past its `>`) of the comment whose `<!--` is at `lt`, as the
/// comment states end it: at `<!-->` or `<!--->` at once, else at the first `-->` or `--!>`
/// after the `<!--`.
pub(super) fn comment(bytes: &[u8], lt: usize) -> Option<(Range<usize>, usize)> {
    let body = lt + 4;
    match bytes.get(body..)? {
        [b'>', ..] => return Some((body..body, body + 1)),
        [b'-', b'>', ..] => return Some((body..body, body + 2)),
        _ => {}
    }
    let mut from = body;
    loop {
        let dashes = from + memchr::memmem::find(bytes.get(from..)?, b"--")?;
        match bytes.get(dashes + 2..)? {
            [b'>', ..] => return Some((body..dashes, dashes + 3)),
            [b'!', b'>', ..] => return Some((body..dashes, dashes + 4)),
            _ => from = dashes + 1,
        }
    }
}
