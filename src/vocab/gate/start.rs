//! The bytes a pattern's matches can start a text with: a pattern anchored at the start of
//! the text is ruled out by the text's first byte.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

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
    let (set, empty) = first_bytes(hir);
    (!empty).then_some(set)
}

/// The bytes the matches of `hir` that take a byte can start with, and whether it can match
/// taking none. Recursion follows the pattern's nesting, which the parser bounds.
fn first_bytes(hir: &Hir) -> (ByteSet, bool) {
    let mut set = [0u64; 4];
    let mut add = |lo: u8, hi: u8| {
        for b in lo..=hi {
            set[usize::from(b / 64)] |= 1 << (b % 64);
        }
    };
    // A character's first UTF-8 byte grows with it, so a range's characters start with the
    // bytes between its ends' first bytes.
    let lead = |c: char| c.encode_utf8(&mut [0; 4]).as_bytes()[0];
    let union = |set: &mut ByteSet, other: ByteSet| {
        for (s, o) in set.iter_mut().zip(other) {
            *s |= o;
        }
    };
    let empty = match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(lit) => match lit.0.first() {
            Some(&b) => {
                add(b, b);
                false
            }
            None => true,
        },
        HirKind::Class(Class::Unicode(class)) => {
            class
                .iter()
                .for_each(|r| add(lead(r.start()), lead(r.end())));
            false
        }
        HirKind::Class(Class::Bytes(class)) => {
            class.iter().for_each(|r| add(r.start(), r.end()));
            false
        }
        HirKind::Repetition(rep) => {
            let (sub, empty) = first_bytes(&rep.sub);
            union(&mut set, sub);
            empty || rep.min == 0
        }
        HirKind::Capture(cap) => {
            let (sub, empty) = first_bytes(&cap.sub);
            union(&mut set, sub);
            empty
        }
        HirKind::Concat(subs) => {
            let mut empty = true;
            for sub in subs {
                let (first, sub_empty) = first_bytes(sub);
                union(&mut set, first);
                if !sub_empty {
                    empty = false;
                    break;
                }
            }
            empty
        }
        HirKind::Alternation(subs) => {
            let mut empty = false;
            for sub in subs {
                let (first, sub_empty) = first_bytes(sub);
                union(&mut set, first);
                empty |= sub_empty;
            }
            empty
        }
    };
    (set, empty)
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
}
