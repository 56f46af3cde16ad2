//! How a text must begin for a pattern anchored at its start to match: the first two
//! characters (case folded) after a leading run of the pattern's `[…]*`, if it has one. A
//! section header (`^[\s>»›▶■•*#|-]*(?:you may also like|related|…)`) may start with almost
//! any letter, so its first byte rules out few blocks, but its first two letters rule out most
//! of them ("Th", "In", "Wh"…), and a block is so ruled out in a few dozen instructions where
//! the pattern's automaton takes several hundred.

use super::literals::fold_char;
use regex_syntax::hir::{Class, Hir, HirKind, Look};
use std::collections::BTreeSet;

/// A class of more characters than this stands for any character: listing them would cost
/// more than the gate saves.
const MAX_CLASS_CHARS: usize = 64;

/// A leading run's class of more characters than this (`.*`) leaves no gate.
const MAX_RUN_CHARS: usize = 10_000;

/// A pattern may begin in at most this many ways, else it has no gate.
const MAX_BEGINNINGS: usize = 4096;

/// The characters of a beginning.
const LEAD_CHARS: usize = 2;

/// Folded beginnings, of at most [`LEAD_CHARS`] characters: a shorter one is a whole match.
/// Kept by value, sorted and without duplicates (see [`settle`]), in a vector: a set of
/// `Vec<char>` spent most of its time allocating, and so did a `BTreeSet` (a few nodes per
/// letter of a pattern's words), while working out the leads is part of a process's first
/// extraction.
type Beginnings = Vec<Beginning>;

/// `all` sorted, without duplicates.
fn settle(mut all: Beginnings) -> Beginnings {
    settle_in_place(&mut all);
    all
}

fn settle_in_place(all: &mut Beginnings) {
    all.sort_unstable();
    all.dedup();
}

/// Whether `all` (its duplicates not dropped yet) holds more than [`MAX_BEGINNINGS`]
/// different beginnings; settled when its length says it may.
fn too_many(all: &mut Beginnings) -> bool {
    if all.len() <= MAX_BEGINNINGS {
        return false;
    }
    settle_in_place(all);
    all.len() > MAX_BEGINNINGS
}

/// A beginning: its first `len` characters are those of `chars`, the rest `'\0'`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Beginning {
    chars: [char; LEAD_CHARS],
    len: u8,
}

impl Beginning {
    const EMPTY: Beginning = Beginning {
        chars: ['\0'; LEAD_CHARS],
        len: 0,
    };

    fn len(self) -> usize {
        usize::from(self.len)
    }

    /// `self` followed by the characters of `next`, up to [`LEAD_CHARS`].
    fn then(mut self, next: Beginning) -> Beginning {
        for &c in next.chars[..next.len()]
            .iter()
            .take(LEAD_CHARS - self.len())
        {
            self.chars[self.len()] = c;
            self.len += 1;
        }
        self
    }

    /// The beginning of the characters of `chars`.
    fn of(chars: impl Iterator<Item = char>) -> Beginning {
        chars.take(LEAD_CHARS).fold(Beginning::EMPTY, |b, c| {
            b.then(Beginning {
                chars: [c, '\0'],
                len: 1,
            })
        })
    }
}

/// What a text must begin with for a pattern to match it.
pub(super) struct Lead {
    /// Characters the pattern may begin with a run of, any number of them: its leading `[…]*`.
    skip: Vec<(char, char)>,
    /// The ASCII ones, as bits.
    skip_ascii: u128,
    /// After that run, the text's first two characters, folded, are one of these (as
    /// [`pair`]s, sorted).
    pairs: Vec<u64>,
    /// The pairs of two ASCII characters, as bits: per first character, the second ones
    /// (a lookup where searching the pairs took some fifty instructions a text).
    ascii_pairs: Box<[u128; 128]>,
}

/// Two characters as one number, ordered as the pair.
fn pair(a: char, b: char) -> u64 {
    u64::from(a) << 32 | u64::from(b)
}

impl Lead {
    /// Whether a text of this beginning may match.
    #[inline]
    pub(super) fn allows(&self, text: &str) -> bool {
        // Most texts begin with two ASCII characters, the first not of the run.
        if let [a, b, ..] = *text.as_bytes() {
            if a.is_ascii() && b.is_ascii() && self.skip_ascii & 1 << a == 0 {
                let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
                return self.ascii_pairs[usize::from(a)] & 1 << b != 0;
            }
        }
        let skip = |c: &char| {
            let at = self.skip.partition_point(|&(_, hi)| hi < *c);
            self.skip.get(at).is_some_and(|&(lo, _)| lo <= *c)
        };
        let mut chars = text.chars().skip_while(skip);
        let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
            // Every match takes two characters after the run.
            return false;
        };
        self.pairs
            .binary_search(&pair(fold_char(a), fold_char(b)))
            .is_ok()
    }
}

/// The [`Lead`] of a pattern anchored at the start of the text whose matches all take at
/// least two characters after its leading run, when it is worth testing.
pub(super) fn lead(hir: &Hir) -> Option<Lead> {
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    let HirKind::Concat(subs) = hir.kind() else {
        return None;
    };
    let mut rest = &subs[..];
    while let Some((first, tail)) = rest.split_first() {
        if !matches!(first.kind(), HirKind::Look(_)) {
            break;
        }
        rest = tail;
    }
    // A leading `[…]*`: the text may begin with any run of its characters.
    let mut skip = Vec::new();
    if let Some((first, tail)) = rest.split_first() {
        if let HirKind::Repetition(rep) = first.kind() {
            if let (0, None, HirKind::Class(Class::Unicode(class))) =
                (rep.min, rep.max, rep.sub.kind())
            {
                skip = class.iter().map(|r| (r.start(), r.end())).collect();
                rest = tail;
            }
        }
    }
    let beginnings = concat_beginnings(rest)?;
    if beginnings.iter().any(|b| b.len() < LEAD_CHARS) {
        return None;
    }
    // The gate skips the longest run: a match must not begin its rest with a character of
    // the run (folded, as the gate compares).
    let run_chars: usize = skip
        .iter()
        .map(|&(lo, hi)| hi as usize - lo as usize + 1)
        .sum();
    if run_chars > MAX_RUN_CHARS {
        return None;
    }
    let skipped: BTreeSet<char> = skip
        .iter()
        .flat_map(|&(lo, hi)| lo..=hi)
        .map(fold_char)
        .collect();
    if beginnings.iter().any(|b| skipped.contains(&b.chars[0])) {
        return None;
    }
    // Sorted, as the beginnings are.
    let pairs: Vec<u64> = beginnings
        .iter()
        .map(|b| pair(b.chars[0], b.chars[1]))
        .collect();
    let skip_ascii = skipped_ascii(&skip);
    // A gate that lets most pairs through is not worth its test.
    let mut ascii_pairs = Box::new([0u128; 128]);
    for &p in &pairs {
        let (a, b) = (p >> 32, p & u64::from(u32::MAX));
        if a < 128 && b < 128 {
            ascii_pairs[a as usize] |= 1 << b;
        }
    }
    (pairs.len() <= MAX_BEGINNINGS / 4).then_some(Lead {
        skip,
        skip_ascii,
        pairs,
        ascii_pairs,
    })
}

/// The ASCII characters of `ranges`, as bits.
fn skipped_ascii(ranges: &[(char, char)]) -> u128 {
    (0..128u8)
        .filter(|&b| {
            ranges
                .iter()
                .any(|&(lo, hi)| lo <= char::from(b) && char::from(b) <= hi)
        })
        .fold(0, |bits, b| bits | 1 << b)
}

/// The folded beginnings of the matches of `hir`, or `None` when they are too many.
/// Recursion follows the pattern's nesting, which the parser bounds.
fn beginnings(hir: &Hir) -> Option<Beginnings> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![Beginning::EMPTY]),
        HirKind::Literal(lit) => {
            let s = std::str::from_utf8(&lit.0).ok()?;
            Some(vec![Beginning::of(s.chars().map(fold_char))])
        }
        HirKind::Class(Class::Unicode(class)) => {
            let chars: usize = class
                .iter()
                .map(|r| r.end() as usize - r.start() as usize + 1)
                .sum();
            if chars > MAX_CLASS_CHARS {
                return None;
            }
            Some(settle(
                class
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .map(|c| Beginning::of([fold_char(c)].into_iter()))
                    .collect(),
            ))
        }
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Capture(cap) => beginnings(&cap.sub),
        HirKind::Concat(subs) => concat_beginnings(subs),
        HirKind::Alternation(subs) => {
            let mut all = Beginnings::new();
            for sub in subs {
                all.extend(beginnings(sub)?);
                if too_many(&mut all) {
                    return None;
                }
            }
            Some(settle(all))
        }
        HirKind::Repetition(rep) => {
            // A run of more than `min + LEAD_CHARS` repeats begins as a shorter one does
            // (its empty repeats and those past the beginning dropped), so those are enough.
            let sub = beginnings(&rep.sub)?;
            let most = rep.max.unwrap_or(u32::MAX).min(rep.min + LEAD_CHARS as u32);
            let mut run = vec![Beginning::EMPTY];
            let mut all = Beginnings::new();
            if rep.min == 0 {
                all.push(Beginning::EMPTY);
            }
            for n in 1..=most {
                run = then(&run, || Some(sub.clone()))?;
                if n >= rep.min {
                    all.extend(run.iter().copied());
                }
                if too_many(&mut all) {
                    return None;
                }
            }
            Some(settle(all))
        }
    }
}

/// The beginnings of `subs` one after another.
fn concat_beginnings(subs: &[Hir]) -> Option<Beginnings> {
    let mut all = vec![Beginning::EMPTY];
    for sub in subs {
        // Once every beginning is long, the later parts add nothing: stop, rather than copy
        // the set once per part (a pattern's words are a part per letter).
        if all.iter().all(|b| b.len() >= LEAD_CHARS) {
            break;
        }
        all = then(&all, || beginnings(sub))?;
    }
    Some(all)
}

/// The beginnings of `first` followed by those `next` gives, worked out only if one of
/// `first` is short: a pattern's later parts (`.{1,40}` after its words) are not read.
fn then(first: &Beginnings, next: impl FnOnce() -> Option<Beginnings>) -> Option<Beginnings> {
    if first.iter().all(|b| b.len() >= LEAD_CHARS) {
        return Some(first.clone());
    }
    let next = next()?;
    let mut all = Beginnings::new();
    for &b in first {
        if b.len() >= LEAD_CHARS {
            all.push(b);
            continue;
        }
        all.extend(next.iter().map(|&n| b.then(n)));
        if too_many(&mut all) {
            return None;
        }
    }
    Some(settle(all))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::strings_of;
    use crate::vocab::gate::forms::parse_hir;

    #[test]
    fn a_lead_never_rules_out_a_match() {
        let patterns = [
            r"(?i)^[\s>»›*#-]*(?:you may like|related(?: posts)?|à lire|ſee also|k[a-z]+)\s*:?$",
            r"(?i)^(?:by|von|par)\s+\p{Lu}",
            r"^(?s:(?i)(?:advertisement|ad|pub)\s*:?)$",
            r"(?i)^[\s*_]*(?:editorial |note:|x{2,}|y?z{2,})",
            r"^(?:ab|c)(?:d|)e",
            r"^a*bc",
            r"^[ab]{0,3}cd",
            r"^\bxy",
        ];
        let pieces = [
            "",
            " ",
            ">",
            "»",
            "*",
            "-",
            "\u{a0}",
            "y",
            "You",
            "RELATED",
            "ſ",
            "s",
            "See",
            "K",
            "\u{212A}",
            "à",
            "À",
            "by",
            "BY",
            "Von",
            "x",
            "z",
            "ad",
            "AD",
            ":",
            "Été",
            "b",
            "c",
            "e",
            "d",
            "note:",
            "editorial",
        ];
        let texts = strings_of(&pieces, 3);
        let mut ruled_out = 0;
        let mut gated = 0;
        for p in patterns {
            let Some(lead) = lead(&parse_hir(p)) else {
                continue;
            };
            gated += 1;
            let re = regex::Regex::new(p).unwrap();
            for text in &texts {
                let may = lead.allows(text);
                assert!(may || !re.is_match(text), "{p:?} on {text:?}");
                ruled_out += usize::from(!may);
            }
        }
        assert_eq!(gated, patterns.len());
        assert!(ruled_out > 10_000, "{ruled_out}");
        // Unanchored patterns, and those a match of which may be one character or begin
        // inside the leading run, have no lead.
        for p in [
            r"abc",
            r"^(?:ab|c)",
            r"^[a-]*-x",
            r"^\w+",
            r"(?m)^ab",
            r"^(?s:.*ab)",
        ] {
            assert!(lead(&parse_hir(p)).is_none(), "{p:?}");
        }
    }
}
