//! Text and attribute values decoded as html5ever's tokenizer decodes them: character
//! references, `\r\n` and `\r` to `\n`, NUL. [`decode`] handles what pages write (every named
//! reference that ends in `;`, numeric ones, a bare `&`) and gives up, so the tokenizer reads
//! the item itself, on the rare shapes whose decoding needs its fuller rules (a named
//! reference without `;` that matches a legacy name, NUL in text).

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

/// Where the decoded text sits: the tokenizer reads references in attribute values a little
/// differently, and turns NUL in them into U+FFFD (in text it is a token of its own).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Context {
    Text,
    Attribute,
}

/// Appends `raw`, decoded, to `out`; `None` (with `out` partly written) where the tokenizer's
/// own rules are needed. `raw` ends where the tokenizer's run would end (before `<` in text,
/// at the quote, space or `>` after a value), or at the end of the input.
pub(super) fn decode(raw: &str, context: Context, out: &mut String) -> Option<()> {
    let bytes = raw.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = memchr::memchr3(b'&', b'\r', b'\0', &bytes[at..]) {
        let i = at + found;
        out.push_str(&raw[copied..i]);
        at = i + 1;
        match bytes[i] {
            b'\r' => {
                out.push('\n');
                if bytes.get(at) == Some(&b'\n') {
                    at += 1;
                }
            }
            b'\0' => {
                if context == Context::Text {
                    return None;
                }
                out.push('\u{fffd}');
            }
            _ => match reference(&raw[at..], context)? {
                Reference::Literal => out.push('&'),
                Reference::Chars(chars, len) => {
                    out.extend(chars.into_iter().flatten());
                    at += len;
                }
            },
        }
        copied = at;
    }
    out.push_str(&raw[copied..]);
    Some(())
}

/// What an `&` stands for.
enum Reference {
    /// Itself: what follows is read as ordinary characters.
    Literal,
    /// One or two characters, from this many bytes after the `&`.
    Chars([Option<char>; 2], usize),
}

/// The reference after an `&`; `None` where the tokenizer's fuller rules are needed.
fn reference(after: &str, context: Context) -> Option<Reference> {
    let bytes = after.as_bytes();
    match bytes.first() {
        Some(b'#') => Some(numeric(&bytes[1..])),
        Some(b) if b.is_ascii_alphanumeric() => named(after, context),
        // A bare `&`, also at the end of the value or the input.
        _ => Some(Reference::Literal),
    }
}

/// `&#` decimal or `&#x` hex digits, the `;` optional, with the standard's replacements.
fn numeric(after_hash: &[u8]) -> Reference {
    let (base, skip) = match after_hash.first() {
        Some(b'x' | b'X') => (16, 1),
        _ => (10, 0),
    };
    let digits = after_hash[skip..]
        .iter()
        .take_while(|&&b| (b as char).is_digit(base))
        .count();
    if digits == 0 {
        // `&#` or `&#x` with no digit is read as text.
        return Reference::Literal;
    }
    // As html5ever counts: a value past U+10FFFF at any step stays too big.
    let mut num: u32 = 0;
    let mut too_big = false;
    for &b in &after_hash[skip..skip + digits] {
        num = num.wrapping_mul(base);
        if num > 0x10FFFF {
            too_big = true;
        }
        num = num.wrapping_add((b as char).to_digit(base).unwrap_or(0));
    }
    let end = skip + digits;
    let semicolon = usize::from(after_hash.get(end) == Some(&b';'));
    let c = match num {
        n if n > 0x10FFFF || too_big => '\u{fffd}',
        0x00 | 0xD800..=0xDFFF => '\u{fffd}',
        0x80..=0x9F => C1_REPLACEMENTS[(num - 0x80) as usize]
            .unwrap_or_else(|| char::from_u32(num).unwrap_or('\u{fffd}')),
        n => char::from_u32(n).unwrap_or('\u{fffd}'),
    };
    Reference::Chars([Some(c), None], 1 + end + semicolon)
}

/// A named reference: the longest name the entity table knows. Names ending in `;` are
/// decoded; a run that no name starts is read as text; a legacy name without `;` (`&amp`,
/// `&copy`) is left to the tokenizer unless, in an attribute, what follows makes it text.
fn named(after: &str, context: Context) -> Option<Reference> {
    let bytes = after.as_bytes();
    let run = bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if bytes.get(run) == Some(&b';') {
        if let Some(&(c1, c2)) = NAMED_ENTITIES.get(&after[..=run]) {
            if c1 != 0 {
                let second = (c2 != 0).then(|| char::from_u32(c2)).flatten();
                return Some(Reference::Chars([char::from_u32(c1), second], run + 1));
            }
        }
    }
    // The tokenizer reads on while what it has read begins some name, remembering the last
    // whole (legacy) name it passed.
    let mut legacy = None;
    for len in 1..=run {
        match NAMED_ENTITIES.get(&after[..len]) {
            None => break,
            Some(&(c1, _)) if c1 != 0 => legacy = Some(len),
            Some(_) => {}
        }
    }
    match legacy {
        None => Some(Reference::Literal),
        // In an attribute, a legacy name followed by a letter, digit or `=` stays text.
        Some(len)
            if context == Context::Attribute && (len < run || bytes.get(run) == Some(&b'=')) =>
        {
            Some(Reference::Literal)
        }
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(raw: &str) -> Option<String> {
        let mut out = String::new();
        decode(raw, Context::Text, &mut out).map(|()| out)
    }

    fn attr(raw: &str) -> Option<String> {
        let mut out = String::new();
        decode(raw, Context::Attribute, &mut out).map(|()| out)
    }

    #[test]
    fn decodes_what_pages_write() {
        assert_eq!(text("a &amp; b&nbsp;c").as_deref(), Some("a & b\u{a0}c"));
        assert_eq!(
            text("it&#8217;s &#x2014;&#X41").as_deref(),
            Some("it\u{2019}s \u{2014}A")
        );
        assert_eq!(text("&NotEqualTilde;").as_deref(), Some("\u{2242}\u{338}"));
        assert_eq!(attr("?a=1&amp;b=2&c=3").as_deref(), Some("?a=1&b=2&c=3"));
        assert_eq!(text("a\r\nb\rc").as_deref(), Some("a\nb\nc"));
        assert_eq!(attr("a\0b").as_deref(), Some("a\u{fffd}b"));
    }

    #[test]
    fn follows_the_standard_on_odd_references() {
        // Bare ampersands, unknown names, `&#` without digits: text.
        assert_eq!(
            text("a & b &&; &zz9; &#; &#x;").as_deref(),
            Some("a & b &&; &zz9; &#; &#x;")
        );
        // Numeric: C1 replacements, NUL, surrogates, too big.
        assert_eq!(
            text("&#128;&#0;&#xD800;&#x110000;&#99999999999;").as_deref(),
            Some("\u{20ac}\u{fffd}\u{fffd}\u{fffd}\u{fffd}")
        );
        // In attributes a legacy name followed by a letter, digit or `=` stays text.
        assert_eq!(
            attr("?x=1&copy=2&notit").as_deref(),
            Some("?x=1&copy=2&notit")
        );
        // Where the tokenizer would decode a legacy name without `;`, it is left to it.
        assert_eq!(text("&copy 2024"), None);
        assert_eq!(text("&notit;"), None);
        assert_eq!(attr("&amp"), None);
        assert_eq!(text("a\0b"), None);
    }
}
