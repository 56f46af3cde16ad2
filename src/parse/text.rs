//! Text to blocks: paragraphs split at blank lines and at line structure (bullets, Markdown
//! headings, quotes, fences, table rows, short heading-like lines, "Share"-like lines), with
//! hard-wrapped prose joined back into one block.

use crate::blocks::Block;
use crate::extraction::BlockKind;

/// A prose line at least this long that does not end a sentence is taken as hard-wrapped when
/// the next line continues it.
const WRAP_MIN_CHARS: usize = 50;

pub(crate) fn parse(input: &str, max_blocks: usize) -> Vec<Block> {
    // A block per line at most (the limit aside): sized once, a vector of blocks grown by
    // doubling cost more in copies than counting the lines does.
    let lines = memchr::memchr_iter(b'\n', input.as_bytes()).count() + 1;
    let mut blocks: Vec<Block> = Vec::with_capacity(lines.min(max_blocks));
    let mut fence: Option<(String, u32)> = None;
    // The previous line's block may absorb the next line when prose was hard-wrapped.
    let mut open_prose = false;
    let bytes = input.as_bytes();
    let mut at = 0;
    let mut n = 0;
    // The lines of `str::lines`, found in the pass that tells a plain line.
    while at < bytes.len() {
        let (end, plain) = line_end(input, at);
        let raw = &input[at..end];
        at = end + 1;
        n += 1;
        let line_no = n;
        // A plain line holds no `\r` and, of whitespace, only single spaces.
        let line = if plain {
            raw
        } else {
            raw.trim_end_matches('\r')
        };
        if let Some((code, start)) = &mut fence {
            if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
                // An empty fence holds no text: no block (it could only be removed empty).
                if !code.trim().is_empty() {
                    let mut b = Block::new(std::mem::take(code), BlockKind::Code);
                    b.line = *start;
                    push(&mut blocks, b, max_blocks);
                }
                fence = None;
            } else {
                if !code.is_empty() {
                    code.push('\n');
                }
                code.push_str(line);
            }
            continue;
        }
        let trimmed = if plain { trim_plain(line) } else { line.trim() };
        if trimmed.is_empty() {
            open_prose = false;
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some((String::new(), line_no));
            open_prose = false;
            continue;
        }
        let (kind, text) = classify_line(trimmed);
        // Any part of a plain line, trimmed, is collapsed already.
        let text = if plain {
            text.to_owned()
        } else {
            collapse_ws(text)
        };
        if text.is_empty() {
            continue;
        }
        let continues = |last: &Block| continues_prose(&text) || continues_link(&last.text, &text);
        if kind == BlockKind::Paragraph && open_prose && blocks.last().is_some_and(continues) {
            if let Some(last) = blocks.last_mut() {
                last.text.push(' ');
                last.text.push_str(&text);
                open_prose = wraps(&last.text);
                continue;
            }
        }
        let mut b = Block::new(text, kind);
        b.line = line_no;
        if b.text.eq_ignore_ascii_case("<!--excerpt_end-->") {
            b.excerpt_marker = true;
        }
        // A line holds no newline.
        open_prose = kind == BlockKind::Paragraph && line_wraps(&b.text) && !b.excerpt_marker;
        push(&mut blocks, b, max_blocks);
    }
    if let Some((code, start)) = fence.filter(|(code, _)| !code.trim().is_empty()) {
        let mut b = Block::new(code, BlockKind::Code);
        b.line = start;
        push(&mut blocks, b, max_blocks);
    }
    // A block holds the marker only where the input does (it holds no whitespace): one search
    // of the input, for a `<` first, spares most texts a search per block.
    if memchr::memchr(b'<', bytes).is_none()
        || memchr::memmem::find(bytes, EXCERPT_MARKER.as_bytes()).is_none()
    {
        return blocks;
    }
    split_excerpt_markers(blocks)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// Of eight bytes, the high bit of each lane that is a space (exact: no borrow between lanes).
#[inline(always)]
fn space_lanes(x: u64) -> u64 {
    let y = x ^ (ONES * 0x20);
    !(((y & LOW) + LOW) | y | LOW)
}

/// The end of the line starting at `start` (its `\n`, or the end of the input), and whether
/// the line is plain: no whitespace but single spaces (no two in a row, no tab, no `\r`, no
/// Unicode space) and no other control character, so that any part of it, trimmed, is what
/// [`collapse_ws`] makes of it. Other characters than ASCII keep a line plain unless they are
/// spaces: stories are written with curly quotes and dashes, and a line that is not plain is
/// trimmed and collapsed again.
fn line_end(input: &str, start: usize) -> (usize, bool) {
    let bytes = input.as_bytes();
    // A blank line, as between paragraphs, without a search.
    if bytes.get(start) == Some(&b'\n') {
        return (start, true);
    }
    let end = newline(bytes, start);
    (end, is_plain(input, start, end))
}

/// Whether `input[start..end]`, a line, is plain (see [`line_end`]). The tests are folds over
/// the whole line without an early exit, which the compiler turns into vector instructions
/// (a byte loop with exits took three to four instructions a byte).
fn is_plain(input: &str, start: usize, end: usize) -> bool {
    let line = &input.as_bytes()[start..end];
    let Some((&last, _)) = line.split_last() else {
        return true;
    };
    // Bit 0: a control character or a byte not ASCII; bit 1: two spaces in a row.
    let odd = |b: u8| u8::from(b.wrapping_sub(0x20) >= 0x60);
    let flags = line
        .iter()
        .zip(&line[1..])
        .fold(odd(last), |any, (&b, &next)| {
            any | odd(b) | u8::from(b == b' ' && next == b' ') << 1
        });
    if flags == 0 {
        return true;
    }
    if flags & 2 != 0 {
        return false;
    }
    if line.iter().fold(false, |any, &b| any | (b < 0x20)) {
        return false;
    }
    // A lead byte 0xE1, which few scripts have, is looked for only where there is one.
    let e1 = line.iter().fold(false, |any, &b| any | (b == 0xE1));
    // Characters not ASCII and no control: plain unless one is a space, which starts with one
    // of these lead bytes (see `chars::whitespace_at`).
    let space = |k: usize| crate::chars::whitespace_at(input, start + k) > 0;
    !(memchr::memchr3_iter(0xC2, 0xE2, 0xE3, line).any(space)
        || (e1 && memchr::memchr_iter(0xE1, line).any(space)))
}

/// `line.trim()` of a plain line (see [`line_end`]): a space at either end at most.
fn trim_plain(line: &str) -> &str {
    let line = line.strip_prefix(' ').unwrap_or(line);
    line.strip_suffix(' ').unwrap_or(line)
}

/// The first `\n` from `i`, or the end of the input.
fn newline(bytes: &[u8], i: usize) -> usize {
    memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |k| i + k)
}

/// Past the block limit, text joins the last block: nothing is lost, it is judged coarser.
fn push(blocks: &mut Vec<Block>, b: Block, max_blocks: usize) {
    if blocks.len() >= max_blocks {
        if let Some(last) = blocks.last_mut() {
            last.text.push('\n');
            last.text.push_str(&b.text);
            return;
        }
    }
    blocks.push(b);
}

const EXCERPT_MARKER: &str = "<!--excerpt_end-->";

/// `teaser<!--excerpt_end-->` on one line becomes the teaser and a marker block.
fn split_excerpt_markers(blocks: Vec<Block>) -> Vec<Block> {
    // Most blocks hold no `<`: a byte search rules them out for less than setting up the
    // substring search costs.
    let find = |b: &Block| {
        if b.text.as_bytes().contains(&b'<') {
            b.text.find(EXCERPT_MARKER)
        } else {
            None
        }
    };
    // Most texts have nothing to split: the blocks stay where they are.
    if !blocks
        .iter()
        .any(|b| !b.excerpt_marker && find(b).is_some())
    {
        return blocks;
    }
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        let at = find(&b);
        match at {
            Some(pos) if !b.excerpt_marker => {
                let before = b.text[..pos].trim().to_string();
                let after = b.text[pos + EXCERPT_MARKER.len()..].trim().to_string();
                if !before.is_empty() {
                    let mut p = Block::new(before, b.kind);
                    p.line = b.line;
                    out.push(p);
                }
                let mut m = Block::new(EXCERPT_MARKER.to_string(), BlockKind::Paragraph);
                m.line = b.line;
                m.excerpt_marker = true;
                out.push(m);
                if !after.is_empty() {
                    let mut a = Block::new(after, b.kind);
                    a.line = b.line;
                    out.push(a);
                }
            }
            _ => out.push(b),
        }
    }
    out
}

fn classify_line(line: &str) -> (BlockKind, &str) {
    // Most lines start with a letter, which starts none of the structures below.
    if line.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return (BlockKind::Paragraph, line);
    }
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        return (BlockKind::Heading(hashes as u8), line[hashes..].trim());
    }
    for bullet in ["- ", "* ", "+ ", "• ", "· ", "– ", "▪ ", "● "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return (BlockKind::ListItem, rest);
        }
    }
    if let Some(rest) = numbered_item(line) {
        return (BlockKind::ListItem, rest);
    }
    if let Some(rest) = line.strip_prefix('>') {
        return (BlockKind::Quote, rest.trim_start());
    }
    if line.starts_with('|') && line.ends_with('|') && line.len() > 2 {
        return (BlockKind::TableRow, line);
    }
    (BlockKind::Paragraph, line)
}

/// `1. item`, `2) item`.
fn numbered_item(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &line[digits..];
    let rest = rest
        .strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))?;
    Some(rest)
}

fn wraps(text: &str) -> bool {
    line_wraps(text.rsplit('\n').next().unwrap_or(text))
}

/// [`wraps`] of a text of one line (no search for its last).
fn line_wraps(last_line: &str) -> bool {
    if last_line.ends_with(['.', '!', '?', ':', ';', '"', '”', '’', ')', '…', ']', '»']) {
        return false;
    }
    // A character takes one to four bytes: the length in bytes mostly decides.
    let len = last_line.len();
    len >= WRAP_MIN_CHARS
        && (len >= 4 * WRAP_MIN_CHARS || last_line.chars().count() >= WRAP_MIN_CHARS)
}

/// A wrapped continuation starts lower-case, or with a digit or punctuation: never with a
/// capital, which would usually start a new block (a heading, a title, a label).
fn continues_prose(text: &str) -> bool {
    text.chars().next().is_some_and(|c| {
        c.is_lowercase() || c.is_ascii_digit() || matches!(c, '(' | ',' | '—' | '-')
    })
}

/// A Markdown link wrapped with its sentence: the line before left a link's text open
/// (`"[Rural Library … Keeps"` / `"Growing](url) appeared first on"`), or ended mid-sentence
/// on a lower-case word and this line starts with a link (`"… appeared first on"` /
/// `"[Site](url)."`).
fn continues_link(before: &str, text: &str) -> bool {
    let open = before.as_bytes().contains(&b'[')
        && before.matches('[').count() > before.matches(']').count();
    let mid_sentence = before.chars().last().is_some_and(char::is_lowercase);
    open || (mid_sentence && text.starts_with('['))
}

pub(crate) fn collapse_ws(s: &str) -> String {
    use crate::chars::{next_whitespace, skip_whitespace};
    if is_collapsed(s) {
        return s.to_owned();
    }
    // Runs of non-space with one space between them, copied whole: text already spaced so
    // is copied in one piece.
    let mut out = String::with_capacity(s.len());
    // Where the part of `s` not yet copied starts, and where the next word does.
    let mut start = skip_whitespace(s, 0);
    let mut word = start;
    while word < s.len() {
        let end = next_whitespace(s, word);
        let next = skip_whitespace(s, end);
        if next == s.len() {
            out.push_str(&s[start..end]);
            break;
        }
        if next != end + 1 || s.as_bytes()[end] != b' ' {
            out.push_str(&s[start..end]);
            out.push(' ');
            start = next;
        }
        word = next;
    }
    out
}

/// What [`is_collapsed`] needs to know of a byte: a space, other ASCII whitespace, a lead
/// byte that may start a Unicode space (see `chars::whitespace_at`), or anything else.
const OTHER: u8 = 0;
const SPACE: u8 = 1;
const ASCII_WS: u8 = 2;
const MAY_BE_WS: u8 = 3;
static WS_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    t[b' ' as usize] = SPACE;
    let mut b = b'\t';
    while b <= b'\r' {
        t[b as usize] = ASCII_WS;
        b += 1;
    }
    t[0xC2] = MAY_BE_WS;
    t[0xE1] = MAY_BE_WS;
    t[0xE2] = MAY_BE_WS;
    t[0xE3] = MAY_BE_WS;
    t
};

/// Whether [`collapse_ws`] would return `s` as it is: no whitespace at either end, and single
/// ASCII spaces between words, as most lines are. One table lookup a byte.
fn is_collapsed(s: &str) -> bool {
    let bytes = s.as_bytes();
    // At the start a space would lead.
    let mut after_space = true;
    // Whether the byte at `i` keeps the text collapsed, after what came before it.
    let byte = |i: usize, after_space: &mut bool| match WS_CLASS[bytes[i] as usize] {
        OTHER => {
            *after_space = false;
            true
        }
        SPACE if !*after_space => {
            *after_space = true;
            true
        }
        // A lead byte is always at a character boundary.
        MAY_BE_WS if crate::chars::whitespace_at(s, i) == 0 => {
            *after_space = false;
            true
        }
        _ => false,
    };
    // Eight bytes at a time: printable ASCII, most text, needs only its spaces checked.
    let mut i = 0;
    while i + 8 <= bytes.len() {
        let x = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes"));
        // A byte below 0x20 (a control, the ASCII whitespace other than the space) or not
        // ASCII: byte by byte.
        if (x.wrapping_sub(ONES * 0x20) & !x & HIGH) != 0 || x & HIGH != 0 {
            for k in i..i + 8 {
                if !byte(k, &mut after_space) {
                    return false;
                }
            }
        } else {
            let spaces = space_lanes(x);
            if (after_space && spaces & 0x80 != 0) || spaces & (spaces << 8) != 0 {
                return false;
            }
            after_space = spaces >> 63 != 0;
        }
        i += 8;
    }
    for k in i..bytes.len() {
        if !byte(k, &mut after_space) {
            return false;
        }
    }
    bytes.is_empty() || !after_space
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapsing_is_splitting_and_joining() {
        let pieces = [
            "a", "bc", " ", "  ", "\t", "\n", "\u{a0}", "\u{2003}", "é", "\u{3000}", "x y", "’",
            "\u{85}",
        ];
        // Every string of up to five pieces.
        let mut texts = crate::test_support::strings_of(&pieces, 5);
        // Longer ones too, which go eight bytes at a time.
        let longer: Vec<String> = texts
            .iter()
            .step_by(7)
            .flat_map(|t| {
                [
                    format!("{t}abcdefgh{t} word {t}  x{t}"),
                    format!("{t}abcdefghij {t} klm{t}"),
                    format!("abc defgh ijk{t}"),
                ]
            })
            .collect();
        texts.extend(longer);
        for t in &texts {
            let want: Vec<&str> = t
                .split(char::is_whitespace)
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(collapse_ws(t), want.join(" "), "{t:?}");
            assert_eq!(is_collapsed(t), want.join(" ") == *t, "{t:?}");
        }
    }

    #[test]
    fn lines_are_the_lines_and_plain_ones_collapsed() {
        let pieces = [
            "a", "bc", " ", "  ", "\n", "\r", "\t", "é", "\u{a0}", "\u{3000}", "- ", "\x7f", "’",
            "\u{85}", "\u{2003}", "• ",
        ];
        let mut texts = crate::test_support::strings_of(&pieces, 4);
        let longer: Vec<String> = texts
            .iter()
            .step_by(5)
            .map(|t| format!("abcdefgh {t}abc defghijk{t}lmnopqrs tuv {t}"))
            .collect();
        // Longer lines still, and several in a text.
        let spanning: Vec<String> = texts
            .iter()
            .step_by(11)
            .map(|t| {
                format!(
                    "{}{t}\nab {t} cd\n{}{t}{t}",
                    "abc ".repeat(15),
                    "x".repeat(60)
                )
            })
            .collect();
        texts.extend(longer);
        texts.extend(spanning);
        for t in &texts {
            let mut lines = Vec::new();
            let mut at = 0;
            while at < t.len() {
                let (end, plain) = line_end(t, at);
                let line = &t[at..end];
                let spaced = |c: char| c < ' ' || (c != ' ' && c.is_whitespace());
                let want = !line.contains("  ") && !line.chars().any(spaced);
                assert_eq!(plain, want, "{t:?} {line:?}");
                let trimmed = line.trim();
                if plain {
                    assert_eq!(trim_plain(line), trimmed, "{t:?}");
                    assert_eq!(collapse_ws(trimmed), trimmed, "{t:?}");
                    let (_, text) = classify_line(trimmed);
                    assert_eq!(collapse_ws(text), text, "{t:?}");
                }
                lines.push(line.trim_end_matches('\r'));
                at = end + 1;
            }
            let want: Vec<&str> = t.lines().map(|l| l.trim_end_matches('\r')).collect();
            assert_eq!(lines, want, "{t:?}");
        }
        // Lines of words, curly quotes and accents are plain; a Unicode space is not.
        for line in [
            "C’est « déjà » l’été — dit-il.",
            "• one",
            "abcdefgh’ijklmnop",
        ] {
            assert_eq!(line_end(line, 0), (line.len(), true), "{line:?}");
        }
        for line in ["a\u{a0}b", "abcdefgh\u{2003}ijkl", "\u{85}"] {
            assert_eq!(line_end(line, 0), (line.len(), false), "{line:?}");
        }
    }

    #[test]
    fn structure_and_wrapping() {
        let text = "# Title\n\nA first paragraph that is long enough to wrap onto the\nnext line and go on.\n\n- one\n- two\n\nShare\n1. first\n> quoted";
        let blocks = parse(text, 1000);
        let kinds: Vec<_> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            blocks[1].text,
            "A first paragraph that is long enough to wrap onto the next line and go on."
        );
        assert_eq!(
            kinds,
            vec![
                BlockKind::Heading(1),
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::Quote
            ]
        );
    }

    #[test]
    fn wrapped_markdown_links_join() {
        let text = "The post [A Library Lends Telescopes, and the Waiting List Keeps\nGrowing](https://x.example/a) appeared first on the\n[Courier](https://x.example).";
        let blocks = parse(text, 1000);
        assert_eq!(blocks.len(), 1, "{blocks:?}");
        // A link line after a finished sentence starts a block of its own.
        let text = "The library lent its telescopes to every school in the county.\n[Read more](https://x.example/a)";
        assert_eq!(parse(text, 1000).len(), 2);
    }

    #[test]
    fn excerpt_marker_splits() {
        let blocks = parse("Teaser text.<!--excerpt_end-->\n\nBody.", 1000);
        assert_eq!(blocks.len(), 3);
        assert!(blocks[1].excerpt_marker);
        // A marker line in any case is a marker; glued, only the marker as written splits.
        let blocks = parse(
            "Teaser <b>text</b>.<!--EXCERPT_END-->\n<!--Excerpt_End-->",
            1000,
        );
        assert_eq!(blocks.len(), 2);
        assert!(!blocks[0].excerpt_marker && blocks[1].excerpt_marker);
    }

    #[test]
    fn block_limit_merges_instead_of_dropping() {
        let blocks = parse("a\n\nb\n\nc\n\nd", 2);
        assert_eq!(blocks.len(), 2);
        assert!(blocks[1].text.contains('d'));
    }
}
