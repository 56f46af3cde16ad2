//! Stage 3, features: shallow, language-independent measurements of each block, computed in
//! one pass over its text (boilerpipe's word counts and link density, plus sentence marks in
//! many scripts). Rules read these instead of re-scanning text.

use crate::blocks::Block;

#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Features {
    pub chars: u32,
    /// Words; each CJK, kana or hangul character counts as one, as those scripts have no spaces.
    pub words: u32,
    /// Share of characters inside links.
    pub link_density: f32,
    /// Sentence-ending marks (. ! ? 。 ！ ？ ۔ । ...).
    pub sentences: u32,
    pub commas: u32,
    /// Ends with sentence punctuation, as running prose does.
    pub ends_sentence: bool,
}

fn is_ideographic(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Bytes [`ascii_counts`] takes at a time, each in a lane of its own.
const LANES: usize = 16;

/// [`ascii_counts`]'s counters, one a lane: characters, sentence marks, commas, word starts.
type Counters = [[u8; LANES]; 4];

/// Whether an ASCII byte is a letter or a digit, without a branch (a byte not ASCII is not).
#[inline(always)]
fn alnum(b: u8) -> bool {
    (b.wrapping_sub(b'0') < 10) | ((b | 0x20).wrapping_sub(b'a') < 26)
}

/// Counts sixteen bytes into the counters of their lanes, `prev` holding the byte before each
/// (a space before the text). A word starts at a letter or digit after an ASCII byte that is
/// neither; one after a character not ASCII is left to [`other_characters`]. `high` gathers
/// the bytes' high bits.
#[inline(always)]
fn add(counters: &mut Counters, high: &mut [u8; LANES], chunk: &[u8; LANES], prev: &[u8; LANES]) {
    for k in 0..LANES {
        let (b, p) = (chunk[k], prev[k]);
        let char = (b < 0x80) & (b != b' ') & (b.wrapping_sub(b'\t') >= 5);
        counters[0][k] += u8::from(char);
        counters[1][k] += u8::from((b == b'.') | (b == b'!') | (b == b'?'));
        counters[2][k] += u8::from(b == b',');
        counters[3][k] += u8::from(alnum(b) & (p < 0x80) & !alnum(p));
        high[k] |= b;
    }
}

/// What [`ascii_counts`] finds.
struct AsciiCounts {
    /// ASCII bytes that are not whitespace.
    chars: u32,
    /// `.`, `!` and `?`.
    marks: u32,
    commas: u32,
    /// ASCII letters and digits after an ASCII byte that is neither, or first.
    starts: u32,
    /// Whether any byte is not ASCII.
    high: bool,
}

/// Of the ASCII bytes of `bytes`, those that are not whitespace, the sentence marks, the
/// commas and the starts of words (UTF-8 puts no ASCII byte inside another character: the
/// counts are exact on any text). Sixteen bytes at a time, each with the byte before it, into
/// a counter of its lane, which the compiler turns into vector instructions (the words eight
/// bytes at a time in a word, in a pass of their own, took about three instructions a byte).
fn ascii_counts(bytes: &[u8]) -> AsciiCounts {
    let mut out = AsciiCounts {
        chars: 0,
        marks: 0,
        commas: 0,
        starts: 0,
        high: false,
    };
    let mut high = [0u8; LANES];
    let mut counters: Counters = [[0; LANES]; 4];
    let mut sum = |counters: &mut Counters| {
        let [chars, marks, commas, starts] =
            counters.map(|c| c.iter().map(|&n| u32::from(n)).sum::<u32>());
        out.chars += chars;
        out.marks += marks;
        out.commas += commas;
        out.starts += starts;
        *counters = [[0; LANES]; 4];
    };
    // The first chunk, after a space: padded with spaces when the text is shorter.
    let mut first = [b' '; LANES + 1];
    let n = bytes.len().min(LANES);
    first[1..=n].copy_from_slice(&bytes[..n]);
    let (prev, chunk) = (&first[..LANES], &first[1..]);
    add(
        &mut counters,
        &mut high,
        chunk.try_into().expect("a chunk"),
        prev.try_into().expect("a chunk"),
    );
    // A lane's counter takes one a chunk at most: summed before it can overflow.
    let mut in_run = 1;
    let mut i = LANES;
    while let Some(window) = bytes.get(i - 1..i + LANES) {
        add(
            &mut counters,
            &mut high,
            window[1..].try_into().expect("a chunk"),
            window[..LANES].try_into().expect("a chunk"),
        );
        i += LANES;
        in_run += 1;
        if in_run == 255 {
            sum(&mut counters);
            in_run = 0;
        }
    }
    // The last sixteen bytes, those counted already read as spaces.
    let rest = bytes.len().saturating_sub(i);
    if rest > 0 {
        let window = &bytes[bytes.len() - LANES - 1..];
        let last = u128::from_le_bytes(window[1..].try_into().expect("a chunk"));
        let kept = u128::MAX << (8 * (LANES - rest));
        let spaces = u128::from_le_bytes([b' '; LANES]);
        add(
            &mut counters,
            &mut high,
            &(last & kept | spaces & !kept).to_le_bytes(),
            window[..LANES].try_into().expect("a chunk"),
        );
    }
    sum(&mut counters);
    out.high = high.iter().fold(0, |any, &b| any | b) >= 0x80;
    out
}

pub(crate) fn measure(block: &Block) -> Features {
    let text = block.text.as_str();
    let bytes = text.as_bytes();
    let mut f = Features::default();
    let counts = ascii_counts(bytes);
    (f.chars, f.sentences, f.commas, f.words) =
        (counts.chars, counts.marks, counts.commas, counts.starts);
    if counts.high {
        other_characters(text, &mut f);
    }
    // The last character that is not a space: mostly the last byte.
    let last = match bytes.last() {
        Some(&b) if b.is_ascii() && !matches!(b, b' ' | b'\t'..=b'\r') => char::from(b),
        _ => text.trim_end().chars().next_back().unwrap_or(' '),
    };
    finish(&mut f, last, block);
    f
}

/// Adds to [`ascii_counts`]'s counts what the characters other than ASCII bring: themselves,
/// their words and marks, and the word an ASCII letter or digit starts after one of them.
fn other_characters(text: &str, f: &mut Features) {
    let bytes = text.as_bytes();
    // Whether the last character not ASCII is inside a word (1) or not (0).
    let mut other_in_word = 0u32;
    let mut i = 0;
    loop {
        // Runs of characters not ASCII go one after the other without a search.
        if bytes.get(i).is_none_or(|&b| b < 0x80) {
            i += crate::chars::first_non_ascii(&bytes[i..]);
            if i == bytes.len() {
                break;
            }
        }
        let in_word = match i.checked_sub(1) {
            None => 0,
            Some(before) if bytes[before] < 0x80 => u32::from(alnum(bytes[before])),
            // The character before is the last one not ASCII, as all of them come in order.
            Some(_) => other_in_word,
        };
        let c = text[i..].chars().next().expect("a character boundary");
        i += c.len_utf8();
        let after = if c.is_whitespace() {
            0
        } else {
            f.chars += 1;
            match c {
                '。' | '！' | '？' | '۔' | '।' | '؟' => f.sentences += 1,
                '、' | '，' | '،' => f.commas += 1,
                _ => {}
            }
            if is_ideographic(c) {
                f.words += 1;
                0
            } else if crate::chars::is_alphanumeric(c) {
                f.words += 1 & !in_word;
                1
            } else {
                0
            }
        };
        other_in_word = after;
        // An ASCII letter or digit right after starts a word unless this character is in one.
        if bytes.get(i).is_some_and(|&b| b < 0x80 && alnum(b)) {
            f.words += 1 & !after;
        }
    }
}

/// What the counts leave: whether the block ends like a sentence (by `last`, its last
/// character that is not a space) and its link density.
fn finish(f: &mut Features, last: char, block: &Block) {
    f.ends_sentence = matches!(
        last,
        '.' | '!' | '?' | '。' | '！' | '？' | '"' | '”' | '’' | ')' | '»' | ':' | '」' | '।'
    );
    f.link_density = if f.chars == 0 {
        0.0
    } else {
        (block.link_chars as f32 / f.chars as f32).min(1.0)
    };
}

/// Lower-cased word tokens of a text (`\w+` runs, CJK characters one by one).
pub(crate) fn word_tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = chars.peek() {
            if c.is_alphanumeric() || c == '_' {
                break;
            }
            chars.next();
        }
        let (_, first) = chars.next()?;
        let mut tok: String = first.to_lowercase().collect();
        if is_ideographic(first) {
            return Some(tok);
        }
        while let Some(&(_, c)) = chars.peek() {
            if (c.is_alphanumeric() || c == '_') && !is_ideographic(c) {
                tok.extend(c.to_lowercase());
                chars.next();
            } else {
                break;
            }
        }
        Some(tok)
    })
}

/// Each of [`word_tokens`]' tokens in turn, built in one reused buffer instead of a String
/// apiece; ASCII goes a byte at a time.
pub(crate) fn each_word_token(text: &str, mut each: impl FnMut(&str)) {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let bytes = text.as_bytes();
    // The character at `i` (a char boundary) and its length.
    let at = |i: usize| {
        let b = bytes[i];
        if b < 0x80 {
            (b as char, 1)
        } else {
            let c = text[i..].chars().next().expect("i is inside the text");
            (c, c.len_utf8())
        }
    };
    let mut tok = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let (first, n) = at(i);
        i += n;
        if !is_word(first) {
            continue;
        }
        tok.clear();
        tok.extend(first.to_lowercase());
        if !is_ideographic(first) {
            while i < bytes.len() {
                let b = bytes[i];
                if b < 0x80 {
                    if !(b.is_ascii_alphanumeric() || b == b'_') {
                        break;
                    }
                    tok.push(b.to_ascii_lowercase() as char);
                    i += 1;
                    continue;
                }
                let (c, n) = at(i);
                if !is_word(c) || is_ideographic(c) {
                    break;
                }
                tok.extend(c.to_lowercase());
                i += n;
            }
        }
        each(&tok);
    }
}

/// Per byte, for [`word_token_hashes`]: an ASCII word character's lower-case form, 0 for
/// other ASCII, and [`NOT_ASCII`] for the bytes of other characters, so that one lookup
/// sorts a byte.
const NOT_ASCII: u8 = 0xFF;
static WORD_BYTE: [u8; 256] = {
    let mut t = [NOT_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() || c == b'_' {
            c.to_ascii_lowercase()
        } else {
            0
        };
        b += 1;
    }
    t
};

/// FNV-1a, the token hash: its start and its multiplier.
const OFFSET: u64 = 0xcbf29ce484222325;
const PRIME: u64 = 0x100000001b3;

/// Adds one byte to an FNV-1a hash.
#[inline(always)]
fn add_byte(h: &mut u64, b: u8) {
    *h ^= b as u64;
    *h = h.wrapping_mul(PRIME);
}

/// [`word_token_hashes`] of ASCII text that ends with a separator or at the end of a token:
/// a token ends at the first byte that is not a word character and no byte needs decoding, so
/// the bytes go four at a time, with one branch for four inside a word (a branch a byte was a
/// third of the work).
fn ascii_token_hashes(bytes: &[u8], each: &mut impl FnMut(u64)) {
    let mut h = OFFSET;
    let mut in_token = false;
    let mut one = |w: u8, h: &mut u64, in_token: &mut bool| {
        if w != 0 {
            add_byte(h, w);
            *in_token = true;
        } else if *in_token {
            each(*h);
            *h = OFFSET;
            *in_token = false;
        }
    };
    let mut quads = bytes.chunks_exact(4);
    for quad in &mut quads {
        let w = |k: usize| WORD_BYTE[quad[k] as usize];
        let (a, b, c, d) = (w(0), w(1), w(2), w(3));
        if a != 0 && b != 0 && c != 0 && d != 0 {
            add_byte(&mut h, a);
            add_byte(&mut h, b);
            add_byte(&mut h, c);
            add_byte(&mut h, d);
            in_token = true;
        } else {
            one(a, &mut h, &mut in_token);
            one(b, &mut h, &mut in_token);
            one(c, &mut h, &mut in_token);
            one(d, &mut h, &mut in_token);
        }
    }
    for &b in quads.remainder() {
        one(WORD_BYTE[b as usize], &mut h, &mut in_token);
    }
    one(0, &mut h, &mut in_token);
}

/// FNV-1a of each of [`word_tokens`]' tokens, without building them: the hash of a token's
/// UTF-8 bytes, which are its characters' lower-case forms in order. ASCII, most text, goes
/// four bytes at a time.
pub(crate) fn word_token_hashes(text: &str, mut each: impl FnMut(u64)) {
    fn add(h: &mut u64, c: char) {
        for l in c.to_lowercase() {
            let mut buf = [0u8; 4];
            for &b in l.encode_utf8(&mut buf).as_bytes() {
                add_byte(h, b);
            }
        }
    }
    let bytes = text.as_bytes();
    let is_word = |c: char| crate::chars::is_alphanumeric(c) || c == '_';
    // The character at `i` (a char boundary) and its length.
    let at = |i: usize| {
        let c = text[i..].chars().next().expect("i is inside the text");
        (c, c.len_utf8())
    };
    let mut i = 0;
    while i < bytes.len() {
        // The ASCII up to its last separator before the next byte that is not ASCII, which
        // ends its last token there, goes the fast way: all of a text of ASCII alone (most).
        let high = i + crate::chars::first_non_ascii(&bytes[i..]);
        let head = if high == bytes.len() {
            high
        } else {
            bytes[i..high]
                .iter()
                .rposition(|&b| WORD_BYTE[b as usize] == 0)
                .map_or(i, |k| i + k + 1)
        };
        ascii_token_hashes(&bytes[i..head], &mut each);
        i = head;
        // Then from the start of a token a character at a time where not ASCII, up to a
        // separator past that byte with ASCII after it (a curly quote in a paragraph sent
        // the rest of it this way).
        while i < bytes.len() {
            let w = WORD_BYTE[bytes[i] as usize];
            if w == 0 {
                i += 1;
                if i > high && bytes.get(i..i + 16).is_some_and(|b| b.is_ascii()) {
                    break;
                }
                continue;
            }
            // A token may start at `i`.
            let mut h = OFFSET;
            if w != NOT_ASCII {
                add_byte(&mut h, w);
                i += 1;
            } else {
                let (c, n) = at(i);
                i += n;
                if !is_word(c) {
                    continue;
                }
                add(&mut h, c);
                if is_ideographic(c) {
                    each(h);
                    continue;
                }
            }
            while i < bytes.len() {
                let w = WORD_BYTE[bytes[i] as usize];
                if w == 0 {
                    break;
                }
                if w != NOT_ASCII {
                    add_byte(&mut h, w);
                    i += 1;
                } else {
                    let (c, n) = at(i);
                    if !is_word(c) || is_ideographic(c) {
                        break;
                    }
                    add(&mut h, c);
                    i += n;
                }
            }
            each(h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extraction::BlockKind;

    // `measure` before its ASCII runs went by packed counts: the reference it is tested against.
    /// What [`measure`] needs to know of an ASCII byte.
    const SPACE: u8 = 1;
    const ALNUM: u8 = 2;
    const SENTENCE: u8 = 4;
    const COMMA: u8 = 8;
    static ASCII_CLASS: [u8; 128] = {
        let mut t = [0u8; 128];
        let mut b = 0;
        while b < 128 {
            let c = b as u8;
            t[b] = match c {
                b' ' | b'\t'..=b'\r' => SPACE,
                b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => ALNUM,
                b'.' | b'!' | b'?' => SENTENCE,
                b',' => COMMA,
                _ => 0,
            };
            b += 1;
        }
        t
    };

    fn measure_reference(block: &Block) -> Features {
        let mut f = Features::default();
        let mut in_word = false;
        let mut last = ' ';
        let text = block.text.as_str();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // ASCII, most text, by a table; other characters as below.
            let b = bytes[i];
            if b < 0x80 {
                i += 1;
                let class = ASCII_CLASS[b as usize];
                if class == SPACE {
                    in_word = false;
                    continue;
                }
                f.chars += 1;
                last = b as char;
                if class == ALNUM {
                    f.words += u32::from(!in_word);
                    in_word = true;
                    continue;
                }
                in_word = false;
                f.sentences += u32::from(class == SENTENCE);
                f.commas += u32::from(class == COMMA);
                continue;
            }
            let c = text[i..].chars().next().expect("a character boundary");
            i += c.len_utf8();
            if c.is_whitespace() {
                in_word = false;
                continue;
            }
            f.chars += 1;
            last = c;
            // ASCII first: no ideograph, and a cheaper letter test.
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    if !in_word {
                        f.words += 1;
                    }
                    in_word = true;
                } else {
                    in_word = false;
                }
            } else if is_ideographic(c) {
                f.words += 1;
                in_word = false;
            } else if crate::chars::is_alphanumeric(c) {
                if !in_word {
                    f.words += 1;
                }
                in_word = true;
            } else {
                in_word = false;
            }
            match c {
                '.' | '!' | '?' | '。' | '！' | '？' | '۔' | '।' | '؟' => f.sentences += 1,
                ',' | '、' | '，' | '،' => f.commas += 1,
                _ => {}
            }
        }
        // The counting loop is what the fast form changed; the ending rules are shared.
        finish(&mut f, last, block);
        f
    }

    #[test]
    fn measure_agrees_with_its_reference() {
        let pieces = [
            "a", "Z", "9", "_", " ", "\t", "\n", ".", "!", "?", ",", "\"", ")", ":", "é", "Ж",
            "日", "。", "，", "\u{a0}", "\u{3000}", "”", "—", "\u{483}",
        ];
        let mut texts = crate::test_support::strings_of(&pieces, 3);
        // Longer than a run of lane counters.
        texts.push("a. b, ".repeat(1 << 12));
        texts.push("Hello, world. 日本語です! Ünïcödé “quoted” — dash\u{2003}end?  ".repeat(40));
        // Longer mixes of every ASCII byte (eight at a time, at every alignment), with some
        // other characters among them.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..600 {
            let text: String = (0..len % 150)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    match seed % 41 {
                        0 => 'é',
                        1 => '日',
                        2..=10 => b"a Z9.,!?\t"[(seed % 9) as usize] as char,
                        _ => char::from((seed >> 8) as u8 & 0x7F),
                    }
                })
                .collect();
            texts.push(text);
        }
        for (k, text) in texts.iter().enumerate() {
            let mut b = Block::new(text.clone(), BlockKind::Paragraph);
            b.link_chars = (k % 7) as u32;
            let (got, want) = (measure(&b), measure_reference(&b));
            let got = (
                got.chars,
                got.words,
                got.sentences,
                got.commas,
                got.ends_sentence,
                got.link_density,
            );
            let want = (
                want.chars,
                want.words,
                want.sentences,
                want.commas,
                want.ends_sentence,
                want.link_density,
            );
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn counts_words_in_any_script() {
        let b = Block::new("Hello, world. 日本語です".to_string(), BlockKind::Paragraph);
        let f = measure(&b);
        assert_eq!(f.words, 2 + 5);
        assert_eq!(f.commas, 1);
        assert_eq!(f.sentences, 1);
        let toks: Vec<String> = word_tokens("It's 日本 ok_1").collect();
        assert_eq!(toks, vec!["it", "s", "日", "本", "ok_1"]);
    }

    fn fnv(t: &str) -> u64 {
        t.bytes().fold(0xcbf29ce484222325, |h, b| {
            (h ^ b as u64).wrapping_mul(0x100000001b3)
        })
    }

    #[test]
    fn tokens_in_a_buffer_are_the_tokens() {
        let pieces = [
            "a", "B", "1", "_", " ", "'", "İ", "ǅ", "Σ", "ß", "日", "本", "é", "—", "\u{a0}", "x9",
            "\t", "\u{3000}", "Z",
        ];
        let texts = crate::test_support::strings_of(&pieces, 4);
        for text in &texts {
            let mut each = Vec::new();
            each_word_token(text, |t| each.push(t.to_owned()));
            assert_eq!(each, word_tokens(text).collect::<Vec<_>>(), "{text:?}");
            let mut hashes = Vec::new();
            word_token_hashes(text, |h| hashes.push(h));
            let want: Vec<u64> = each.iter().map(|t| fnv(t)).collect();
            assert_eq!(hashes, want, "{text:?}");
        }
    }

    #[test]
    fn token_hashes_are_the_hashes_of_the_tokens() {
        for text in [
            "It's 日本 ok_1",
            "ÀÉÎ İstanbul ǅ ΣΑΣ straße __ a_b 12,5 — x",
            "  ",
            "",
            "日本語のテキスト와 한국어abc日",
            // ASCII alone, four bytes at a time: words across and within the fours.
            "The quick brown fox, jumps_over 12 lazy DOGS!! a bc def ghij klmno",
            "abcd efgh ijk lm n. op",
            // ASCII again after characters that are not, the fast way once more.
            "It’s a long way to the top if you wanna rock ’n’ roll, ok? ÄÖ and then \
             plain ASCII words go on and on, 日本 then_more words of ASCII AND CAPS été x y",
        ] {
            let mut got = Vec::new();
            word_token_hashes(text, |h| got.push(h));
            let want: Vec<u64> = word_tokens(text).map(|t| fnv(&t)).collect();
            assert_eq!(got, want, "{text:?}");
            let mut each = Vec::new();
            each_word_token(text, |t| each.push(t.to_owned()));
            assert_eq!(each, word_tokens(text).collect::<Vec<_>>(), "{text:?}");
        }
    }
}
