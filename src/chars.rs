//! Character tests on UTF-8 bytes for the stages that walk every byte of a document's text
//! (whitespace collapsing, block features): ASCII, most text, is decided by a byte alone, and
//! only the lead bytes that can start a Unicode space decode a character.

/// The length in bytes of the whitespace character (`char::is_whitespace`) at byte `i` of
/// `s`, which must be a character boundary; 0 when the character there is not whitespace.
#[inline]
pub(crate) fn whitespace_at(s: &str, i: usize) -> usize {
    let b = s.as_bytes()[i];
    match b {
        b' ' | b'\t'..=b'\r' => 1,
        // Every non-ASCII space (U+0085, U+00A0, U+1680, U+2000..U+205F, U+3000) starts with
        // one of these bytes.
        0xC2 | 0xE1 | 0xE2 | 0xE3 => {
            let c = s[i..].chars().next().expect("a character boundary");
            if c.is_whitespace() {
                c.len_utf8()
            } else {
                0
            }
        }
        _ => 0,
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = ONES * 0x80;

/// From `i`, eight bytes at a time: the index of the lowest byte whose high bit `flags`
/// sets in its word of eight (the caller's flags are exact for the lowest), or where the
/// last whole word ends.
#[inline(always)]
fn skip_words(bytes: &[u8], mut i: usize, flags: impl Fn(u64) -> u64) -> usize {
    while let Some(w) = bytes.get(i..i + 8) {
        let m = flags(u64::from_le_bytes(w.try_into().expect("eight bytes"))) & HIGH;
        if m != 0 {
            return i + m.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    i
}

/// Byte index of the first whitespace character at or after `i` (a character boundary), or
/// the length of `s`.
#[inline]
pub(crate) fn next_whitespace(s: &str, mut i: usize) -> usize {
    let bytes = s.as_bytes();
    while i < bytes.len() {
        // Eight bytes at a time past printable ASCII, most text: a byte above 0x7F or below
        // 0x21 is flagged (its subtraction borrows); the lowest flag is exact, since bytes
        // before it borrow nothing.
        i = skip_words(bytes, i, |w| w.wrapping_sub(ONES * 0x21) & !w | w);
        // Then a byte at a time, through any run of non-ASCII.
        while i < bytes.len() {
            match bytes[i] {
                b' ' | b'\t'..=b'\r' => return i,
                0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                    if whitespace_at(s, i) > 0 {
                        return i;
                    }
                    // A non-space character with one of those lead bytes: skip all of it.
                    i += s[i..].chars().next().map_or(1, char::len_utf8);
                }
                0x80.. => i += 1,
                _ => {
                    i += 1;
                    break;
                }
            }
        }
    }
    bytes.len()
}

/// Byte index of the first character at or after `i` (a character boundary) that is not
/// whitespace, or the length of `s`.
#[inline]
pub(crate) fn skip_whitespace(s: &str, mut i: usize) -> usize {
    let bytes = s.as_bytes();
    // Most calls stop at once; runs of indentation between tags go eight bytes at a time,
    // up to the first byte that is not ASCII whitespace (each byte's seven low bits, `x`,
    // are tested without carries into the next byte).
    if bytes
        .get(i)
        .is_some_and(|&b| matches!(b, b' ' | b'\t'..=b'\r'))
    {
        i = skip_words(bytes, i, |w| {
            let x = w & !HIGH;
            let v = x ^ (ONES * b' ' as u64);
            let not_space = (v + ONES * 0x7F) | v;
            let tab_to_cr = (x + ONES * (0x80 - 9)) & !(x + ONES * (0x80 - 14));
            (not_space & !tab_to_cr) | w
        });
    }
    while i < bytes.len() {
        match bytes[i] {
            // ASCII by its byte alone: runs of indentation between tags are common.
            b' ' | b'\t'..=b'\r' => i += 1,
            ..0x80 => return i,
            _ => {
                let n = whitespace_at(s, i);
                if n == 0 {
                    return i;
                }
                i += n;
            }
        }
    }
    bytes.len()
}

/// `c.is_alphanumeric()`, with the ranges text meets most outside ASCII answered without the
/// Unicode tables: Latin letters with diacritics (U+00C0..U+024F, but `×` and `÷`), Cyrillic
/// (but its signs and combining marks U+0482..U+0489), kana, the common CJK ideographs and
/// hangul syllables are letters, general punctuation (U+2000..U+206F: dashes, curly quotes,
/// spaces) is not.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xD7 | 0xF7 => false,
        0xC0..=0x24F => true,
        0x482..=0x489 => false,
        0x400..=0x52F => true,
        0x2000..=0x206F => false,
        0x3041..=0x3096 | 0x30A1..=0x30FA | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3 => true,
        _ => c.is_alphanumeric(),
    }
}

/// The index of the first byte of `bytes` that is not ASCII (its length if none): sixteen
/// bytes at a time while they are all ASCII, as most are (a compare per byte cost three
/// instructions).
#[inline]
pub(crate) fn first_non_ascii(bytes: &[u8]) -> usize {
    let mut i = 0;
    for block in bytes.chunks_exact(16) {
        if block.iter().fold(0u8, |any, &b| any | b) >= 0x80 {
            break;
        }
        i += 16;
    }
    i + bytes[i..]
        .iter()
        .position(|&b| b >= 0x80)
        .unwrap_or(bytes.len() - i)
}

/// Whether `bytes` are all ASCII: 16 bytes at a time, which the compiler turns into one wide
/// compare each (`str::is_ascii` cost 1.5 instructions a byte on short texts), and the last 16
/// (or a short text) as two overlapping words.
#[inline(always)]
pub(crate) fn all_ascii(bytes: &[u8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    let len = bytes.len();
    match len {
        16.. => {
            bytes.chunks_exact(16).all(|block| {
                let block: &[u8; 16] = block.try_into().expect("16 bytes");
                block.iter().fold(0u8, |any, &b| any | b) < 0x80
            }) && (word(len - 16) | word(len - 8)) & HIGH == 0
        }
        8.. => (word(0) | word(len - 8)) & HIGH == 0,
        _ => bytes.iter().fold(0u8, |any, &b| any | b) < 0x80,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_scans_see_every_byte() {
        for len in 0..70 {
            let plain = vec![b'x'; len];
            assert!(all_ascii(&plain));
            assert_eq!(first_non_ascii(&plain), len);
            for at in 0..len {
                let mut text = plain.clone();
                text[at] = 0x80 | (at as u8);
                assert!(!all_ascii(&text), "{len} {at}");
                assert_eq!(first_non_ascii(&text), at, "{len} {at}");
            }
        }
    }

    #[test]
    fn agrees_with_char_is_whitespace_on_every_character() {
        let all: String = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, 'x'])
            .collect();
        let mut i = 0;
        for c in all.chars() {
            let n = whitespace_at(&all, i);
            assert_eq!(n > 0, c.is_whitespace(), "{c:?}");
            if n > 0 {
                assert_eq!(n, c.len_utf8());
            }
            i += c.len_utf8();
        }
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
        // Runs: the same cuts as splitting at whitespace.
        for text in [
            "  a\u{a0}b\u{2003}\u{2003}c\u{3000}d\u{85}e\u{1680}f é\u{2019}g ",
            "",
            " ",
            "word",
            "\u{e9}\u{e2}\u{e3}\u{1f600} x",
            "abcdefghijklmnop\u{1}qrstuvwx yz\u{7f}abcdefgh\u{a0}abcdefghi\u{2003}abcdefg\tabcdef",
            "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}abcdefgh\u{3000}\u{4e00}\u{4e00}\u{4e00}abcdefghij\n",
            "longwordlongwordlongword\u{85}\u{1680}longwordlongword\r\nlongword\u{202f}\u{205f}x",
            "\n\t\t\t        \x0b\x0c\r\n \u{a0}   \u{8}x\n                \u{1f}y \t\t\t\t\t\t\t\t\u{e9}",
            "word \u{7f}        !\u{2000}        ~         \u{3000}",
        ] {
            let mut words = Vec::new();
            let mut i = skip_whitespace(text, 0);
            while i < text.len() {
                let end = next_whitespace(text, i);
                words.push(&text[i..end]);
                i = skip_whitespace(text, end);
            }
            let want: Vec<&str> = text
                .split(char::is_whitespace)
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(words, want, "{text:?}");
        }
    }
}
