//! The forms a pattern is compiled in: per [`Tier`], the pattern with its classes cut down to
//! the tier's alphabet, and widened or not (see [`Use`](super::Use)).

use super::Regex;
use crate::vocab::tester::{self, Tester};
use once_cell::sync::OnceCell;
use regex_automata::meta;
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};

/// The alphabets a pattern is compiled for: a text is matched by the pattern of the first
/// tier that holds all of its characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tier {
    /// ASCII: the classes keep their ASCII members, and Unicode word boundaries become ASCII
    /// ones (on ASCII text a Unicode word character is an ASCII one).
    Ascii = 0,
    /// The Latin scripts of the supported languages plus the punctuation, currency and
    /// letter-like symbols of ordinary text (see [`LATIN`]).
    Latin = 1,
    /// All of Unicode: the pattern as written.
    Full = 2,
}

/// The [`Tier::Latin`] alphabet: Latin-1 and Latin Extended-A/B (French, German, Spanish,
/// Portuguese), general punctuation (curly quotes, dashes, ellipsis, zero-width spaces),
/// currency signs and letter-like symbols (™, №).
const LATIN: &[(char, char)] = &[
    ('\0', '\u{24F}'),
    ('\u{2000}', '\u{206F}'),
    ('\u{20A0}', '\u{20CF}'),
    ('\u{2100}', '\u{215F}'),
];

impl Tier {
    /// The smallest tier whose alphabet holds every character of `text` (scans work it out
    /// with their folding, [`fold_for_scan`](super::scan::fold_for_scan)).
    #[cfg(test)]
    pub(crate) fn of(text: &str) -> Tier {
        if text.is_ascii() {
            Tier::Ascii
        } else if text.chars().all(in_latin) {
            Tier::Latin
        } else {
            Tier::Full
        }
    }

    pub(super) fn alphabet(self) -> Option<ClassUnicode> {
        match self {
            Tier::Ascii => Some(ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')])),
            Tier::Latin => Some(ClassUnicode::new(
                LATIN.iter().map(|&(lo, hi)| ClassUnicodeRange::new(lo, hi)),
            )),
            Tier::Full => None,
        }
    }
}

pub(super) fn in_latin(c: char) -> bool {
    LATIN.iter().any(|&(lo, hi)| lo <= c && c <= hi)
}

/// What a compiled pattern is cut down to: its classes to an alphabet, and when `ascii` its
/// Unicode word boundaries to ASCII ones (on ASCII text a Unicode word character is an ASCII
/// one); with `widen_from`, its bounded repetitions of at least that many to unbounded ones.
pub(super) struct Shape<'a> {
    pub(super) alphabet: Option<&'a ClassUnicode>,
    pub(super) ascii: bool,
    pub(super) widen_from: Option<u32>,
    /// Widens only repetitions each repeat of which takes a character (see
    /// [`Use::AnyShort`](super::Use::AnyShort)).
    pub(super) keep_groups: bool,
}

impl Shape<'_> {
    /// `hir` cut down. Literals stay: one the text cannot hold just never matches.
    pub(super) fn apply(&self, hir: &Hir) -> Hir {
        self.changed(hir).unwrap_or_else(|| hir.clone())
    }

    /// `hir` cut down, or `None` when that leaves it as it is: a subtree left as it is is
    /// copied, not built again (building a concatenation works out its properties and merges
    /// its literals again), and on Latin text most of a pattern's letters are. Recursion
    /// follows the pattern's nesting, which the parser bounds.
    fn changed(&self, hir: &Hir) -> Option<Hir> {
        match hir.kind() {
            HirKind::Class(Class::Unicode(class)) => {
                let alphabet = self.alphabet?;
                // Compared as they come: most classes (a letter and its case) are kept whole.
                let kept = clipped(class, alphabet).eq(class.ranges().iter().copied());
                (!kept).then(|| {
                    Hir::class(Class::Unicode(ClassUnicode::new(clipped(class, alphabet))))
                })
            }
            HirKind::Look(look) if self.ascii => {
                let ascii = match look {
                    Look::WordUnicode => Look::WordAscii,
                    Look::WordUnicodeNegate => Look::WordAsciiNegate,
                    Look::WordStartUnicode => Look::WordStartAscii,
                    Look::WordEndUnicode => Look::WordEndAscii,
                    Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
                    Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
                    _ => return None,
                };
                Some(Hir::look(ascii))
            }
            // Built field by field: cloning the node first would copy its whole subtree, once
            // per level of nesting, only to replace it.
            HirKind::Repetition(rep) => {
                let mut max = rep.max;
                if let (Some(bound), Some(from)) = (rep.max, self.widen_from) {
                    let takes_a_character = || rep.sub.properties().minimum_len() >= Some(1);
                    if bound >= from && (!self.keep_groups || takes_a_character()) {
                        max = None;
                    }
                }
                let sub = self.changed(&rep.sub);
                if max == rep.max && sub.is_none() {
                    return None;
                }
                Some(Hir::repetition(Repetition {
                    min: rep.min,
                    max,
                    greedy: rep.greedy,
                    sub: Box::new(sub.unwrap_or_else(|| (*rep.sub).clone())),
                }))
            }
            HirKind::Capture(cap) => Some(Hir::capture(Capture {
                index: cap.index,
                name: cap.name.clone(),
                sub: Box::new(self.changed(&cap.sub)?),
            })),
            HirKind::Concat(subs) => self.changed_all(subs).map(Hir::concat),
            HirKind::Alternation(subs) => self.changed_all(subs).map(Hir::alternation),
            _ => None,
        }
    }

    /// `subs` cut down, or `None` when that leaves all of them as they are.
    fn changed_all(&self, subs: &[Hir]) -> Option<Vec<Hir>> {
        let changed: Vec<Option<Hir>> = subs.iter().map(|h| self.changed(h)).collect();
        changed.iter().any(Option::is_some).then(|| {
            changed
                .into_iter()
                .zip(subs)
                .map(|(new, old)| new.unwrap_or_else(|| old.clone()))
                .collect()
        })
    }
}

/// The ranges of `class` cut down to `alphabet`, in order (the ranges of
/// `ClassUnicode::intersect`): a binary search into the class per range of the alphabet, a
/// few, where the intersection walks all of the class's (`\w` has over 700 ranges).
pub(super) fn clipped<'a>(
    class: &'a ClassUnicode,
    alphabet: &'a ClassUnicode,
) -> impl Iterator<Item = ClassUnicodeRange> + 'a {
    let ranges = class.ranges();
    alphabet.ranges().iter().flat_map(move |cut| {
        let from = ranges.partition_point(|r| r.end() < cut.start());
        ranges[from..]
            .iter()
            .take_while(move |r| r.start() <= cut.end())
            .map(move |r| {
                ClassUnicodeRange::new(r.start().max(cut.start()), r.end().min(cut.end()))
            })
    })
}

pub(super) fn parse_hir(source: &str) -> Hir {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(source)
        .unwrap_or_else(|e| panic!("built-in pattern {source:?}: {e}"))
}

/// Compiles a syntax tree with the settings `regex::Regex::new` uses, but no prefilter: the
/// literal gate has already looked for the pattern's words, texts are blocks (short), and
/// extracting a prefilter from a case-insensitive alternation was a fifth of the compile time.
/// A prefilter only speeds up a search; it never changes a match.
pub(super) fn compile(hir: &Hir, source: &str) -> Regex {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(tester::NFA_SIZE_LIMIT))
                .hybrid_cache_capacity(tester::DFA_CACHE_CAPACITY)
                .utf8_empty(true)
                .auto_prefilter(false),
        )
        .build_from_hir(hir)
        .unwrap_or_else(|e| panic!("built-in pattern {source:?}: {e}"))
}

/// Compiles a syntax tree forwards only, for lists asked only whether a pattern matches
/// (see [`tester`]).
pub(super) fn compile_tester(hir: &Hir, source: &str) -> Tester {
    Tester::new(hir).unwrap_or_else(|e| panic!("built-in pattern {source:?}: {e}"))
}

/// Of one pattern's forms per [`Tier`], one already compiled for a larger alphabet than
/// `tier`'s, if any.
pub(super) fn larger_form<T>(forms: &[OnceCell<T>; 3], tier: Tier) -> Option<&T> {
    forms[tier as usize + 1..].iter().find_map(OnceCell::get)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipping_a_class_is_intersecting_it() {
        let alphabets = [Tier::Ascii, Tier::Latin].map(Tier::alphabet);
        for source in [
            r"\w",
            r"\p{L}",
            r"[^?]",
            r"(?i)k",
            r"\d",
            r"[\s\x{2000}-\x{2100}]",
            r"[é€]",
        ] {
            let HirKind::Class(Class::Unicode(class)) = parse_hir(source).into_kind() else {
                panic!("{source} is a class");
            };
            for alphabet in alphabets.iter().flatten() {
                let mut expected = class.clone();
                expected.intersect(alphabet);
                let got = ClassUnicode::new(clipped(&class, alphabet));
                assert_eq!(got, expected, "{source}");
            }
        }
    }
}
