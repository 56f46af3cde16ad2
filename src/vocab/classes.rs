//! Class, id, role and itemprop vocabulary: what an element says it is.
//!
//! Each attribute value is split into lower-case words (at `-`, `_`, spaces, digits and
//! camelCase humps), and each word is looked up here once per element at parse time, so no
//! later stage runs a pattern over attributes.

use crate::hash::Fold;
use aho_corasick::automaton::Automaton;
use aho_corasick::Anchored;
use once_cell::sync::Lazy;
use std::collections::HashMap;

/// Bit set of concepts an element's attributes name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Concepts(pub u32);

macro_rules! concepts {
    ($($name:ident = $bit:expr;)*) => {
        impl Concepts {
            $(pub(crate) const $name: Concepts = Concepts(1 << $bit);)*
        }
    };
}

concepts! {
    NAV = 0;
    SHARE = 1;
    RELATED = 2;
    COMMENT = 3;
    CONSENT = 4;
    AD = 5;
    CAPTION = 6;
    HIDDEN = 7;
    CONTENT = 8;
    FOOTER = 9;
    HEADER = 10;
    SIDEBAR = 11;
    NEWSLETTER = 12;
    BYLINE = 13;
    META = 14;
    BREADCRUMB = 15;
    SOCIAL = 16;
    POPUP = 17;
    SPONSORED = 18;
    TAGS = 19;
    ARTICLE_BODY = 20;
    WIDGET = 21;
    PAGINATION = 22;
    TITLE = 23;
    PRINT = 24;
    FORM = 25;
    PANEL = 26;
    // A modal dialog the page declares (`aria-modal="true"`): an overlay whatever its size.
    MODAL = 27;
}

impl Concepts {
    pub(crate) fn has(self, other: Concepts) -> bool {
        self.0 & other.0 != 0
    }

    /// Concepts that mark page furniture rather than story.
    pub(crate) const FURNITURE: Concepts = Concepts(
        Concepts::NAV.0
            | Concepts::SHARE.0
            | Concepts::RELATED.0
            | Concepts::COMMENT.0
            | Concepts::CONSENT.0
            | Concepts::AD.0
            | Concepts::FOOTER.0
            | Concepts::SIDEBAR.0
            | Concepts::NEWSLETTER.0
            | Concepts::BREADCRUMB.0
            | Concepts::SOCIAL.0
            | Concepts::POPUP.0
            | Concepts::SPONSORED.0
            | Concepts::TAGS.0
            | Concepts::WIDGET.0
            | Concepts::PAGINATION.0
            | Concepts::PRINT.0,
    );
}

impl std::ops::BitOr for Concepts {
    type Output = Concepts;
    fn bitor(self, rhs: Concepts) -> Concepts {
        Concepts(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for Concepts {
    fn bitor_assign(&mut self, rhs: Concepts) {
        self.0 |= rhs.0;
    }
}

/// Whole words, matched exactly.
const WORDS: &[(&str, Concepts)] = &[
    ("nav", Concepts::NAV),
    ("navbar", Concepts::NAV),
    ("navigation", Concepts::NAV),
    ("menu", Concepts::NAV),
    ("menubar", Concepts::NAV),
    ("submenu", Concepts::NAV),
    ("megamenu", Concepts::NAV),
    ("topbar", Concepts::NAV),
    ("masthead", Concepts::HEADER),
    ("skip", Concepts::NAV),
    ("breadcrumb", Concepts::BREADCRUMB),
    ("breadcrumbs", Concepts::BREADCRUMB),
    ("crumbs", Concepts::BREADCRUMB),
    ("share", Concepts::SHARE),
    ("shares", Concepts::SHARE),
    ("sharing", Concepts::SHARE),
    ("sharebar", Concepts::SHARE),
    ("addthis", Concepts::SHARE),
    ("sharethis", Concepts::SHARE),
    ("social", Concepts::SOCIAL),
    ("follow", Concepts::SOCIAL),
    ("socials", Concepts::SOCIAL),
    ("related", Concepts::RELATED),
    ("recommended", Concepts::RELATED),
    ("recommendations", Concepts::RELATED),
    ("recirc", Concepts::RELATED),
    ("recirculation", Concepts::RELATED),
    ("more", Concepts::RELATED),
    ("popular", Concepts::RELATED),
    ("trending", Concepts::RELATED),
    ("teaser", Concepts::RELATED),
    ("teasers", Concepts::RELATED),
    ("outbrain", Concepts::RELATED),
    ("taboola", Concepts::RELATED),
    ("readmore", Concepts::RELATED),
    ("comment", Concepts::COMMENT),
    ("comments", Concepts::COMMENT),
    ("commentlist", Concepts::COMMENT),
    ("disqus", Concepts::COMMENT),
    ("respond", Concepts::COMMENT),
    ("replies", Concepts::COMMENT),
    ("discussion", Concepts::COMMENT),
    ("cookie", Concepts::CONSENT),
    ("cookies", Concepts::CONSENT),
    ("consent", Concepts::CONSENT),
    ("gdpr", Concepts::CONSENT),
    ("cmp", Concepts::CONSENT),
    ("onetrust", Concepts::CONSENT),
    ("ad", Concepts::AD),
    ("ads", Concepts::AD),
    ("adv", Concepts::AD),
    ("advert", Concepts::AD),
    ("adverts", Concepts::AD),
    ("advertisement", Concepts::AD),
    ("advertising", Concepts::AD),
    ("adslot", Concepts::AD),
    ("adunit", Concepts::AD),
    ("dfp", Concepts::AD),
    ("gpt", Concepts::AD),
    ("banner", Concepts::AD),
    ("sponsor", Concepts::SPONSORED),
    ("sponsored", Concepts::SPONSORED),
    ("promo", Concepts::SPONSORED),
    ("promotion", Concepts::SPONSORED),
    ("caption", Concepts::CAPTION),
    ("figcaption", Concepts::CAPTION),
    ("credit", Concepts::CAPTION),
    ("credits", Concepts::CAPTION),
    ("content", Concepts::CONTENT),
    ("article", Concepts::CONTENT),
    ("story", Concepts::CONTENT),
    ("entry", Concepts::CONTENT),
    ("post", Concepts::CONTENT),
    ("main", Concepts::CONTENT),
    ("text", Concepts::CONTENT),
    ("body", Concepts::CONTENT),
    ("blog", Concepts::CONTENT),
    ("articlebody", Concepts::ARTICLE_BODY),
    ("footer", Concepts::FOOTER),
    ("foot", Concepts::FOOTER),
    ("colophon", Concepts::FOOTER),
    ("copyright", Concepts::FOOTER),
    ("header", Concepts::HEADER),
    ("sidebar", Concepts::SIDEBAR),
    ("aside", Concepts::SIDEBAR),
    ("rail", Concepts::SIDEBAR),
    ("sidebox", Concepts::SIDEBAR),
    ("complementary", Concepts::SIDEBAR),
    ("newsletter", Concepts::NEWSLETTER),
    ("subscribe", Concepts::NEWSLETTER),
    ("subscription", Concepts::NEWSLETTER),
    ("signup", Concepts::NEWSLETTER),
    ("optin", Concepts::NEWSLETTER),
    ("paywall", Concepts::NEWSLETTER),
    ("byline", Concepts::BYLINE),
    ("author", Concepts::BYLINE),
    ("authors", Concepts::BYLINE),
    ("dateline", Concepts::META),
    ("meta", Concepts::META),
    ("metadata", Concepts::META),
    ("timestamp", Concepts::META),
    ("date", Concepts::META),
    ("published", Concepts::META),
    ("tags", Concepts::TAGS),
    ("tag", Concepts::TAGS),
    ("tagcloud", Concepts::TAGS),
    ("topics", Concepts::TAGS),
    // Tabs and accordions: their hidden panels are content the reader opens.
    ("tab", Concepts::PANEL),
    ("tabs", Concepts::PANEL),
    ("tabpanel", Concepts::PANEL),
    ("tabcontent", Concepts::PANEL),
    ("accordion", Concepts::PANEL),
    ("collapse", Concepts::PANEL),
    ("collapsible", Concepts::PANEL),
    ("pane", Concepts::PANEL),
    ("keywords", Concepts::TAGS),
    ("categories", Concepts::TAGS),
    ("popup", Concepts::POPUP),
    ("modal", Concepts::POPUP),
    ("overlay", Concepts::POPUP),
    ("lightbox", Concepts::POPUP),
    ("dialog", Concepts::POPUP),
    ("widget", Concepts::WIDGET),
    ("widgets", Concepts::WIDGET),
    ("pagination", Concepts::PAGINATION),
    ("pager", Concepts::PAGINATION),
    ("headline", Concepts::TITLE),
    ("title", Concepts::TITLE),
    ("print", Concepts::PRINT),
    ("toolbar", Concepts::NAV),
    ("login", Concepts::NAV),
];

/// Joined forms that appear without separators (`articleBody`, `post-content`...), matched on
/// the whole lower-cased attribute value with separators removed.
const COMPOUNDS: &[(&str, Concepts)] = &[
    ("articlebody", Concepts::ARTICLE_BODY),
    ("articlecontent", Concepts::ARTICLE_BODY),
    ("storybody", Concepts::ARTICLE_BODY),
    ("storycontent", Concepts::ARTICLE_BODY),
    ("postcontent", Concepts::ARTICLE_BODY),
    ("postbody", Concepts::ARTICLE_BODY),
    ("entrycontent", Concepts::ARTICLE_BODY),
    ("articletext", Concepts::ARTICLE_BODY),
    ("bodytext", Concepts::ARTICLE_BODY),
    ("richtext", Concepts::CONTENT),
    ("relatedposts", Concepts::RELATED),
    ("relatedarticles", Concepts::RELATED),
    ("youmayalsolike", Concepts::RELATED),
    ("morestories", Concepts::RELATED),
    ("socialshare", Concepts::SHARE),
    ("sharetools", Concepts::SHARE),
    ("cookiebanner", Concepts::CONSENT),
];

/// The tables above, indexed once: [`WORDS`] sorted for binary search (the first entry of a
/// word wins, as a scan would find it), each word packed into one integer (see [`key`]);
/// [`COMPOUNDS`] as one automaton fed letter by letter.
struct Index {
    /// Each word's concepts by [`key`]: a hash look-up, where a binary search of the sorted
    /// keys mispredicted a branch at every other step.
    words: HashMap<u128, Concepts, Fold>,
    /// By word length: bit `b & 31` set when a word of [`WORDS`] starts with letter `b`, bit
    /// `32 + (b & 31)` when one ends with it (either case). Most words fail this and are never
    /// hashed.
    word_ends: [u64; KEY_BYTES + 1],
    /// The compounds' Aho-Corasick DFA as a flat table, state by letter (`b & 31`), so a
    /// step is one load and no branch. States are renumbered from 0, the start.
    /// Fixed sizes: a `u8` state needs no bounds check.
    compound_next: [[u8; 32]; 256],
    /// Per state, the concepts of the compounds ending there.
    compound_found: [Concepts; 256],
    /// [`word_end_bits`] of every one of [`HIDING_TOKENS`].
    hiding_ends: u64,
}

/// Bit of [`Index::word_ends`] for `word`'s first and last letters.
fn word_end_bits(word: &[u8]) -> Option<(u64, u64)> {
    let (first, last) = (word.first()?, word.last()?);
    Some((1 << (first & 31), 1 << (32 + (last & 31))))
}

/// [`COMPOUNDS`]' automaton, its states numbered in breadth-first order from the start, fed
/// lower-case letters only (all a token holds).
fn compound_table() -> ([[u8; 32]; 256], [Concepts; 256]) {
    use aho_corasick::automaton::StateID;
    let dfa = aho_corasick::dfa::DFA::builder()
        .match_kind(aho_corasick::MatchKind::Standard)
        .build(COMPOUNDS.iter().map(|(c, _)| c))
        .expect("a few short compounds");
    let start = dfa
        .start_state(Anchored::No)
        .expect("unanchored searches are supported");
    let mut ids: Vec<StateID> = vec![start];
    let (mut next, mut found) = (Vec::new(), Vec::new());
    let mut at = 0;
    while let Some(&sid) = ids.get(at) {
        let mut concepts = Concepts::default();
        if dfa.is_special(sid) && dfa.is_match(sid) {
            for k in 0..dfa.match_len(sid) {
                concepts |= COMPOUNDS[dfa.match_pattern(sid, k).as_usize()].1;
            }
        }
        found.push(concepts);
        let mut row = [0u8; 32];
        for letter in b'a'..=b'z' {
            let to = dfa.next_state(Anchored::No, sid, letter);
            let n = match ids.iter().position(|&s| s == to) {
                Some(n) => n,
                None => {
                    ids.push(to);
                    ids.len() - 1
                }
            };
            row[usize::from(letter & 31)] = u8::try_from(n).expect("under 256 compound states");
        }
        next.push(row);
        at += 1;
    }
    let (mut next_table, mut found_table) = ([[0; 32]; 256], [Concepts::default(); 256]);
    next_table[..next.len()].copy_from_slice(&next);
    found_table[..found.len()].copy_from_slice(&found);
    (next_table, found_table)
}

/// Longest word [`key`] packs.
const KEY_BYTES: usize = 16;

/// A word of at most [`KEY_BYTES`] ASCII letters, lower-cased, as one integer: byte `i` of
/// the word in byte `i`, zero past its end (letters are never zero), so equal keys are equal
/// words and a lookup compares integers, not strings. Lower-cased by setting bit 5: letters only.
fn key(word: &[u8]) -> u128 {
    word.iter()
        .enumerate()
        .fold(0, |k, (i, b)| k | ((b | 0x20) as u128) << (8 * i))
}

static INDEX: Lazy<Index> = Lazy::new(|| {
    assert!(
        WORDS.iter().all(|(w, _)| w.len() <= KEY_BYTES),
        "a word too long for its key"
    );
    assert!(
        HIDING_TOKENS.iter().all(|t| t.len() <= HIDING_LONGEST),
        "a hiding token too long for its buffer"
    );
    assert!(
        COMPOUNDS.iter().all(|(c, _)| c.len() > 6),
        "a compound as short as a token that does not count them"
    );
    let mut words: Vec<(u128, Concepts)> =
        WORDS.iter().map(|(w, c)| (key(w.as_bytes()), *c)).collect();
    words.sort_by_key(|(w, _)| *w);
    words.dedup_by_key(|(w, _)| *w);
    let mut word_ends = [0; KEY_BYTES + 1];
    for (w, _) in WORDS {
        if let Some((first, last)) = word_end_bits(w.as_bytes()) {
            word_ends[w.len()] |= first | last;
        }
    }
    let (compound_next, compound_found) = compound_table();
    Index {
        // The first of a word's entries stands, as the binary search found it.
        words: words.into_iter().collect(),
        word_ends,
        compound_next,
        compound_found,
        hiding_ends: HIDING_TOKENS
            .iter()
            .filter_map(|t| word_end_bits(t.as_bytes()))
            .fold(0, |ends, (first, last)| ends | first | last),
    }
});

/// A class token's letters joined (`post-content` -> `postcontent`), as far as matching
/// needs them: the compounds found in it so far. The letters themselves are gathered again
/// at the end, only when the token may be one of [`HIDING_TOKENS`].
struct Joined {
    /// A state of [`Index::compound_next`].
    state: u8,
    compounds: Concepts,
}

impl Joined {
    fn new() -> Joined {
        Joined {
            state: 0,
            compounds: Concepts::default(),
        }
    }

    /// `letter`: an ASCII letter, either case.
    #[inline]
    fn push(&mut self, index: &Index, letter: u8) {
        let state = index.compound_next[usize::from(self.state)][usize::from(letter & 31)];
        self.state = state;
        self.compounds |= index.compound_found[usize::from(state)];
    }

    /// Ends the token, whose bytes (letters and separators) are `token`: what it names as a
    /// whole.
    fn finish(&mut self, index: &Index, token: &[u8], found: &mut Concepts) {
        if hides(index, token) {
            *found |= Concepts::HIDDEN;
        }
        // Only a token of over 6 letters counts its compounds, and every compound is longer
        // (checked when indexing).
        *found |= self.compounds;
        *self = Joined::new();
    }
}

/// Whether the letters of `token` (any bytes) are one of [`HIDING_TOKENS`], lower-cased.
fn hides(index: &Index, token: &[u8]) -> bool {
    let is_letter = |b: &&u8| (*b | 0x20).wrapping_sub(b'a') < 26;
    // Most tokens fail on their first or last letter and are not gathered.
    let (Some(first), Some(last)) = (
        token.iter().find(is_letter),
        token.iter().rev().find(is_letter),
    ) else {
        return false;
    };
    let Some((first, last)) = word_end_bits(&[*first, *last]) else {
        return false;
    };
    if index.hiding_ends & first == 0 || index.hiding_ends & last == 0 {
        return false;
    }
    let mut head = [0; HIDING_LONGEST];
    let mut n = 0;
    for &b in token {
        let lower = b | 0x20;
        if lower.wrapping_sub(b'a') < 26 {
            let Some(slot) = head.get_mut(n) else {
                return false;
            };
            *slot = lower;
            n += 1;
        }
    }
    let letters = &head[..n];
    HIDING_TOKENS.iter().any(|t| t.as_bytes() == letters)
}

/// Room for the longest of [`HIDING_TOKENS`].
const HIDING_LONGEST: usize = 16;

/// Adds the concepts of `word` (ASCII letters, any case) when it is in [`WORDS`].
#[inline]
fn word_concepts(index: &Index, word: &[u8], found: &mut Concepts) {
    let Some(&ends) = index.word_ends.get(word.len()) else {
        return;
    };
    let Some((first, last)) = word_end_bits(word) else {
        return;
    };
    if ends & first == 0 || ends & last == 0 {
        return;
    }
    let k = key(word);
    if let Some(&concepts) = index.words.get(&k) {
        *found |= concepts;
    }
}

/// Concepts named by one attribute value (class, id, role, itemprop...). Words are runs of
/// ASCII letters, cut at camelCase humps (`relatedPosts` -> related, posts); tokens are the
/// letters between whitespace, joined. It runs on every class and id, so it allocates nothing.
pub(crate) fn concepts_of(value: &str) -> Concepts {
    let index = &*INDEX;
    let mut found = Concepts::default();
    let mut joined = Joined::new();
    let bytes = value.as_bytes();
    // The current token is `bytes[token_start..i]`.
    let mut token_start = 0;
    // The current word is `bytes[word_start..i]`: letters are ASCII, one byte each. Bytes are
    // read one at a time; only a non-ASCII character is decoded (it may be a space).
    let mut word_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII letters differ from their lower case in bit 5 only.
        if (b | 0x20).wrapping_sub(b'a') < 26 {
            // A hump: an upper-case letter after a lower-case one (a letter is one byte).
            if b & 0x20 == 0
                && bytes
                    .get(i.wrapping_sub(1))
                    .is_some_and(u8::is_ascii_lowercase)
            {
                word_concepts(index, &bytes[word_start..i], &mut found);
                word_start = i;
            }
            joined.push(index, b);
            i += 1;
            continue;
        }
        let (len, space) = if b.is_ascii() {
            (1, b.is_ascii_whitespace() || b == b'\x0b')
        } else {
            let ch = value[i..].chars().next().expect("a character boundary");
            (ch.len_utf8(), ch.is_whitespace())
        };
        word_concepts(index, &bytes[word_start..i], &mut found);
        word_start = i + len;
        if space {
            joined.finish(index, &bytes[token_start..i], &mut found);
            token_start = i + len;
        }
        i += len;
    }
    word_concepts(index, &bytes[word_start..], &mut found);
    joined.finish(index, &bytes[token_start..], &mut found);
    found
}

/// Whole class tokens (letters only, lower case) that hide an element. Matched exactly, as a
/// word inside a token says nothing: `overflow-hidden` and `hidden-xs` show their content.
const HIDING_TOKENS: &[&str] = &[
    "hidden",
    "hide",
    "ishidden",
    "dnone",
    "invisible",
    "offscreen",
    "visuallyhidden",
    "sronly",
    "screenreadertext",
    "screenreaderonly",
];

/// Concepts named by an ARIA role.
pub(crate) fn concepts_of_role(role: &str) -> Concepts {
    match role.trim().to_ascii_lowercase().as_str() {
        "navigation" | "menu" | "menubar" | "search" => Concepts::NAV,
        "banner" => Concepts::HEADER,
        "contentinfo" => Concepts::FOOTER,
        "complementary" => Concepts::SIDEBAR,
        "dialog" | "alertdialog" => Concepts::POPUP,
        "main" | "article" => Concepts::CONTENT,
        "tabpanel" => Concepts::PANEL,
        _ => Concepts::default(),
    }
}

#[cfg(test)]
mod tests {
    /// `concepts_of` as it was, reading characters: the reference for the byte loop.
    fn concepts_of_by_chars(value: &str) -> Concepts {
        let index = &*INDEX;
        let mut found = Concepts::default();
        let mut joined = Joined::new();
        let bytes = value.as_bytes();
        let mut token_start = 0;
        let mut word_start = 0;
        let mut prev_lower = false;
        for (i, ch) in value.char_indices() {
            if ch.is_ascii_alphabetic() {
                if ch.is_ascii_uppercase() && prev_lower {
                    word_concepts(index, &bytes[word_start..i], &mut found);
                    word_start = i;
                }
                prev_lower = ch.is_ascii_lowercase();
                joined.push(index, ch.to_ascii_lowercase() as u8);
            } else {
                prev_lower = false;
                word_concepts(index, &bytes[word_start..i], &mut found);
                word_start = i + ch.len_utf8();
                if ch.is_whitespace() {
                    joined.finish(index, &bytes[token_start..i], &mut found);
                    token_start = i + ch.len_utf8();
                }
            }
        }
        word_concepts(index, &bytes[word_start..], &mut found);
        joined.finish(index, &bytes[token_start..], &mut found);
        found
    }

    #[test]
    fn the_byte_loop_reads_what_the_character_loop_read() {
        // Every short mix of class words, camel humps, separators, ASCII and Unicode spaces
        // (vertical tab, NBSP, NEL, ideographic space) and non-ASCII letters.
        let parts = [
            "post", "Content", "related", "Posts", "hidden", "sr", "only", "nav", "-", "_", " ",
            "\u{b}", "\u{a0}", "\u{85}", "\u{3000}", "\t", "é", "Ж", "share", "widget", "x1",
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    for d in ["", " ", "Bar", "\u{a0}cookie", "banner"] {
                        let value = format!("{a}{b}{c}{d}");
                        assert_eq!(
                            concepts_of(&value),
                            concepts_of_by_chars(&value),
                            "{value:?}"
                        );
                    }
                }
            }
        }
    }

    use super::*;

    /// The straightforward form of [`concepts_of`]: words and tokens built as strings, tables
    /// scanned.
    fn reference(value: &str) -> Concepts {
        fn token(joined: &str, found: &mut Concepts) {
            if HIDING_TOKENS.contains(&joined) {
                *found |= Concepts::HIDDEN;
            }
            if joined.len() >= 6 {
                for (c, concept) in COMPOUNDS {
                    if joined.contains(c) {
                        *found |= *concept;
                    }
                }
            }
        }
        let mut found = Concepts::default();
        let (mut word, mut joined) = (String::new(), String::new());
        let mut prev_lower = false;
        let flush = |word: &mut String, found: &mut Concepts| {
            if let Some((_, c)) = WORDS.iter().find(|(w, _)| *w == word.as_str()) {
                *found |= *c;
            }
            word.clear();
        };
        for ch in value.chars() {
            if ch.is_ascii_alphabetic() {
                if ch.is_ascii_uppercase() && prev_lower {
                    flush(&mut word, &mut found);
                }
                prev_lower = ch.is_ascii_lowercase();
                word.push(ch.to_ascii_lowercase());
                joined.push(ch.to_ascii_lowercase());
            } else {
                prev_lower = false;
                flush(&mut word, &mut found);
                if ch.is_whitespace() {
                    token(&joined, &mut found);
                    joined.clear();
                }
            }
        }
        flush(&mut word, &mut found);
        token(&joined, &mut found);
        found
    }

    #[test]
    fn matches_the_reference_on_every_attribute_value() {
        let mut values: Vec<String> = [
            "",
            " ",
            "relatedPosts widget",
            "NAVBAR",
            "navBar",
            "nav\u{a0}bar",
            "nav\u{2003}hidden",
            "is-Hidden",
            "HIDDEN",
            "sr-only",
            "visually-hidden",
            "visuallyHiddenX",
            "post-content-wrapper",
            "youMayAlsoLike",
            "cookie_banner2",
            "menüleiste nav",
            "recommendationsrecommendations",
            "a-very-long-token-without-spaces-articlebody-x",
            "screenreaderonlyx",
            "x\u{1f600}share",
            "ad",
            "Ad",
            "aD",
            "adS",
            "Hide",
            "é hide é",
            "-hide- x",
            "d-None",
            "screen-reader-text",
            "screenreadertextx",
            "aBodyText",
            "richTEXT",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let Ok(html) = std::fs::read_to_string(entry.path().join("input.html")) else {
                continue;
            };
            for part in html.split(['"', '\'']) {
                if part.len() < 200 && !part.contains(['<', '>']) {
                    values.push(part.to_string());
                }
            }
        }
        for (w, _) in WORDS.iter().chain(COMPOUNDS) {
            values.push(w.to_string());
            values.push(w.to_ascii_uppercase());
            values.push(format!("x-{w}-y"));
        }
        for v in &values {
            assert_eq!(concepts_of(v), reference(v), "{v:?}");
        }
    }

    #[test]
    fn splits_words_and_humps() {
        assert!(concepts_of("relatedPosts widget").has(Concepts::RELATED));
        assert!(concepts_of("site-nav__list").has(Concepts::NAV));
        assert!(concepts_of("article-body").has(Concepts::ARTICLE_BODY));
        assert!(concepts_of("entry-content").has(Concepts::ARTICLE_BODY));
        assert!(!concepts_of("heading").has(Concepts::AD));
        assert!(!concepts_of("download").has(Concepts::AD));
        assert!(concepts_of("ad-slot").has(Concepts::AD));
        assert!(concepts_of("card is-hidden").has(Concepts::HIDDEN));
        assert!(concepts_of("sr-only").has(Concepts::HIDDEN));
        assert!(!concepts_of("overflow-hidden").has(Concepts::HIDDEN));
        assert!(!concepts_of("hidden-xs col-md-8").has(Concepts::HIDDEN));
    }
}
