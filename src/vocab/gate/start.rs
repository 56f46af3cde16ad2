//! Cheap necessary conditions read off a pattern's syntax tree: the bytes its matches can
//! start or end a text with (a pattern anchored at the start or end of the text is ruled out
//! by the text's first or last byte), and whether every match holds an ASCII digit (a text without one, most, is
//! ruled out by its [`Scan`](super::Scan)).

use super::forms::clipped;
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};

/// A set of bytes, as bits.
pub(super) type ByteSet = [u64; 4];

/// The bytes that every match of `hir` starts the text with, when every match starts at the
/// start of the text (`^` outside multi-line mode) and takes a byte: a text starting with any
/// other byte, or empty, cannot match. Most whole-block templates start with a few words of
/// which a block's first letter rules out all but a few, and running a pattern costs several
/// hundred instructions even when it fails at once.
pub(super) fn start_bytes(hir: &Hir) -> Option<ByteSet> {
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    let (set, empty) = edge_bytes(hir, Edge::First);
    (!empty).then_some(set)
}

/// As [`start_bytes`], the bytes that every match of `hir` ends the text with, when every
/// match ends at the end of the text (`$` outside multi-line mode) and takes a byte: a block
/// of prose ends with a period, which most whole-block templates cannot end with.
pub(super) fn end_bytes(hir: &Hir) -> Option<ByteSet> {
    if !hir.properties().look_set_suffix().contains(Look::End) {
        return None;
    }
    let (set, empty) = edge_bytes(hir, Edge::Last);
    (!empty).then_some(set)
}

/// Which end of its matches [`edge_bytes`] reads.
#[derive(Clone, Copy, PartialEq)]
enum Edge {
    First,
    Last,
}

/// The bytes the matches of `hir` that take a byte can start (or end) with, and whether it can
/// match taking none. Recursion follows the pattern's nesting, which the parser bounds.
fn edge_bytes(hir: &Hir, edge: Edge) -> (ByteSet, bool) {
    let mut set = [0u64; 4];
    // A word of bits at a time: a class's ranges other than ASCII (`\w` has hundreds) each
    // add the 64 continuation bytes.
    let mut add = |lo: u8, hi: u8| {
        for word in lo / 64..=hi / 64 {
            let from = if word == lo / 64 { lo % 64 } else { 0 };
            let to = if word == hi / 64 { hi % 64 } else { 63 };
            set[usize::from(word)] |= (u64::MAX << from) & (u64::MAX >> (63 - to));
        }
    };
    // A character's first UTF-8 byte grows with it, so a range's characters start with the
    // bytes between its ends' first bytes; a character outside ASCII ends with a continuation
    // byte.
    let lead = |c: char| c.encode_utf8(&mut [0; 4]).as_bytes()[0];
    let union = |set: &mut ByteSet, other: ByteSet| {
        for (s, o) in set.iter_mut().zip(other) {
            *s |= o;
        }
    };
    let empty = match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(lit) => {
            let byte = match edge {
                Edge::First => lit.0.first(),
                Edge::Last => lit.0.last(),
            };
            match byte {
                Some(&b) => {
                    add(b, b);
                    false
                }
                None => true,
            }
        }
        HirKind::Class(Class::Unicode(class)) => {
            for r in class.iter() {
                match edge {
                    Edge::First => add(lead(r.start()), lead(r.end())),
                    Edge::Last => {
                        if r.start().is_ascii() {
                            add(r.start() as u8, r.end().min('\x7F') as u8);
                        }
                        if !r.end().is_ascii() {
                            add(0x80, 0xBF);
                        }
                    }
                }
            }
            false
        }
        HirKind::Class(Class::Bytes(class)) => {
            class.iter().for_each(|r| add(r.start(), r.end()));
            false
        }
        HirKind::Repetition(rep) => {
            let (sub, empty) = edge_bytes(&rep.sub, edge);
            union(&mut set, sub);
            empty || rep.min == 0
        }
        HirKind::Capture(cap) => {
            let (sub, empty) = edge_bytes(&cap.sub, edge);
            union(&mut set, sub);
            empty
        }
        HirKind::Concat(subs) => {
            let mut empty = true;
            let mut read = |sub: &Hir| {
                let (edge_set, sub_empty) = edge_bytes(sub, edge);
                union(&mut set, edge_set);
                if !sub_empty {
                    empty = false;
                }
                !sub_empty
            };
            match edge {
                Edge::First => subs.iter().any(&mut read),
                Edge::Last => subs.iter().rev().any(read),
            };
            empty
        }
        HirKind::Alternation(subs) => {
            let mut empty = false;
            for sub in subs {
                let (edge_set, sub_empty) = edge_bytes(sub, edge);
                union(&mut set, edge_set);
                empty |= sub_empty;
            }
            empty
        }
    };
    (set, empty)
}

/// Whether every match of `hir` on a text of `alphabet`'s characters (any, if `None`) holds
/// an ASCII digit. A class cut down to the alphabet that keeps only digits needs one (`\d` on
/// ASCII or Latin text); one that keeps nothing cannot match, so it needs anything. Recursion
/// follows the pattern's nesting, which the parser bounds.
pub(super) fn needs_digit(hir: &Hir, alphabet: Option<&ClassUnicode>) -> bool {
    let digit = |b: u8| b.is_ascii_digit();
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(lit) => lit.0.iter().any(|&b| digit(b)),
        HirKind::Class(Class::Unicode(class)) => {
            let digits =
                |r: ClassUnicodeRange| r.start().is_ascii_digit() && r.end().is_ascii_digit();
            match alphabet {
                Some(alphabet) => clipped(class, alphabet).all(digits),
                None => class.iter().copied().all(digits),
            }
        }
        HirKind::Class(Class::Bytes(class)) => {
            class.iter().all(|r| digit(r.start()) && digit(r.end()))
        }
        HirKind::Repetition(rep) => rep.min > 0 && needs_digit(&rep.sub, alphabet),
        HirKind::Capture(cap) => needs_digit(&cap.sub, alphabet),
        HirKind::Concat(subs) => subs.iter().any(|sub| needs_digit(sub, alphabet)),
        HirKind::Alternation(subs) => subs.iter().all(|sub| needs_digit(sub, alphabet)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::gate::forms::parse_hir;

    #[test]
    fn start_bytes_never_rule_out_a_match() {
        let patterns = [
            r"^(?s:(?i)(?:advertisement|ad|pub)\s*:?)$",
            r"^(?s:[_=\-*~•·#]{3,})$",
            r"(?i)^(?:by|von) \p{Lu}\w+",
            r"^(?:\s*(?:é|Ü)+|x?)y",
            r"^(?:a|b?)",
            r"^[\p{L}][\p{L} .-]{0,10}?\s?\d{4}$",
            r"^(?i:ſ|Kelvin)",
            r"(?m)^abc",
            r"abc",
            r"^(?:(?:\b)?(?:x|)z)",
        ];
        let texts = [
            "",
            "a",
            "A",
            "ad:",
            "AD",
            "Pub",
            "advertisement :",
            "___",
            "•••",
            "·-#",
            "by Ann",
            "VON Éva",
            "ÉÉy",
            "Üy",
            "xy",
            "y",
            "b",
            "Σx",
            "Ünïcode 2025",
            "s",
            "ſ",
            "K",
            "\u{212A}",
            "\nabc",
            "zabc",
            " abc",
            "z",
            "xz",
        ];
        let mut ruled_out = 0;
        for p in patterns {
            let start = start_bytes(&parse_hir(p));
            let re = regex::Regex::new(p).unwrap();
            for text in texts {
                let may = start.is_none_or(|set| {
                    text.as_bytes()
                        .first()
                        .is_some_and(|&b| set[usize::from(b / 64)] & 1 << (b % 64) != 0)
                });
                assert!(may || !re.is_match(text), "{p:?} on {text:?}");
                ruled_out += usize::from(!may);
            }
        }
        // Unanchored, multi-line and possibly empty patterns are never ruled out.
        for p in [r"abc", r"(?m)^abc", r"^(?:a|b?)"] {
            assert!(start_bytes(&parse_hir(p)).is_none(), "{p:?}");
        }
        assert!(ruled_out > 100, "{ruled_out}");
    }

    #[test]
    fn end_bytes_never_rule_out_a_match() {
        let patterns = [
            r"^(?s:(?i)(?:advertisement|ad|pub)\s*:?)$",
            r"^(?s:[_=\-*~•·#]{3,})$",
            r"(?i)(?:by|von) \p{Lu}\w+$",
            r"(?:\s*(?:é|Ü)+|x?)y$",
            r"(?:a|b?)$",
            r"[\p{L}][\p{L} .-]{0,10}?\s?\d{4}$",
            r"(?i:ſ|Kelvin)$",
            r"(?m)abc$",
            r"abc",
            r"(?:z(?:x|)(?:\b)?)$",
            r"\d{1,2}$",
            r"(?:…|»|\.)$",
            r"[^\x00-\x7F]$",
        ];
        let texts = [
            "",
            "a",
            "A",
            "ad:",
            "AD",
            "Pub",
            "advertisement :",
            "ad\u{a0}",
            "___",
            "•••",
            "·-#",
            "by Ann",
            "VON Éva",
            "yÉÉ",
            "yÜ",
            "Üy",
            "xy",
            "y",
            "b",
            "xΣ",
            "Ünïcode 2025",
            "Ünïcode ٢٠٢٥",
            "s",
            "ſ",
            "K",
            "\u{212A}",
            "abc\n",
            "abcz",
            "abc ",
            "z",
            "zx",
            "12",
            "١٢",
            "end…",
            "end»",
            "end.",
            "end",
        ];
        let mut ruled_out = 0;
        for p in patterns {
            let end = end_bytes(&parse_hir(p));
            let re = regex::Regex::new(p).unwrap();
            for text in texts {
                let may = end.is_none_or(|set| {
                    text.as_bytes()
                        .last()
                        .is_some_and(|&b| set[usize::from(b / 64)] & 1 << (b % 64) != 0)
                });
                assert!(may || !re.is_match(text), "{p:?} on {text:?}");
                ruled_out += usize::from(!may);
            }
        }
        // Unanchored, multi-line and possibly empty patterns are never ruled out.
        for p in [r"abc", r"(?m)abc$", r"(?:a|b?)$"] {
            assert!(end_bytes(&parse_hir(p)).is_none(), "{p:?}");
        }
        assert!(ruled_out > 200, "{ruled_out}");
    }

    #[test]
    fn a_needed_digit_never_rules_out_a_match() {
        use crate::vocab::gate::forms::Tier;
        let patterns = [
            r"\d{4}",
            r"^[\p{L}][\p{L} .-]{0,10}?\s?\d{4}/\d{1,2}$",
            r"(?i)(?:jan|feb)\s\d{1,2}|\d{1,2}\s(?:jan|feb)",
            r"(?:x|\d)",
            r"[0-5][a-z]",
            r"\d*x",
            r"\d?",
            r"[\d٠]",
            r"\w+",
        ];
        let texts = [
            "",
            "2025",
            "٢٠٢٥",
            "Été ٢٠٢٥/١٢",
            "Source 2025/12",
            "Jan 5",
            "5 FEB",
            "x",
            "3b",
            "٠",
            "word",
        ];
        let mut ruled_out = 0;
        for p in patterns {
            let hir = parse_hir(p);
            let re = regex::Regex::new(p).unwrap();
            for text in texts {
                let alphabet = Tier::of(text).alphabet();
                let needs = needs_digit(&hir, alphabet.as_ref());
                let may = !needs || text.bytes().any(|b| b.is_ascii_digit());
                assert!(may || !re.is_match(text), "{p:?} on {text:?}");
                ruled_out += usize::from(!may);
            }
        }
        assert!(ruled_out > 10, "{ruled_out}");
        // Unicode digits: `\d` needs an ASCII one only on text of a smaller alphabet.
        let d = parse_hir(r"\d");
        assert!(needs_digit(&d, Tier::Ascii.alphabet().as_ref()));
        assert!(needs_digit(&d, Tier::Latin.alphabet().as_ref()));
        assert!(!needs_digit(&d, None));
        for p in [r"(?:x|\d)", r"\d*x", r"\d?", r"\w+"] {
            assert!(
                !needs_digit(&parse_hir(p), Tier::Latin.alphabet().as_ref()),
                "{p:?}"
            );
        }
    }
}
