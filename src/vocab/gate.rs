//! Literal gates in front of the built-in patterns, so that a block pays only for the patterns
//! that can match it, and a process compiles only the patterns its documents can match.
//!
//! Most templates name words ("appeared first on", "read more on"): a pattern whose words are
//! not in a block cannot match it. Each pattern's syntax tree gives, automatically, its
//! *conditions*: sets of strings (`the post`; `read more on` or `weiterlesen on`) such that
//! every text the pattern matches holds one string of each set. All strings of a list are found
//! in one Aho-Corasick pass over the block (case folded); only the patterns whose conditions
//! all hold (and those without any) then run, each compiled on first use. Compiling the full
//! patterns is what costs: bounded repetitions of Unicode classes (`[\w .-]{2,60}`) build
//! large automata, which most processes never need.
//!
//! A pattern with long bounded repetitions then runs its *skeleton* first, the same pattern
//! with `{2,60}` widened to `{2,}`: it matches a superset of texts and compiles in a fraction
//! of the time, so the full pattern is compiled only for a text it may match.
//!
//! Most texts are also written in a small alphabet, and a pattern compiled for that alphabet
//! alone (every class of its syntax tree cut down to it) compiles 30 to 300 times faster than
//! with all of Unicode: `[\w .-]{2,60}` is 60 copies of the UTF-8 automaton of `\w`. Each
//! pattern is compiled per [`Tier`] on first use, and a text is matched by the pattern of the
//! smallest tier whose alphabet holds all of its characters. A match only ever reads characters
//! of the text, so on such a text the cut-down classes accept exactly what the full ones do.
//!
//! Gating never changes a result: conditions are necessary, patterns run in their listed
//! order, and a skipped pattern is one that could not have matched. Case is folded on both
//! sides, and a pattern letter whose case variants fold apart (`Σ`) ends a string, so a
//! condition holds whatever the pattern's case flags.

use crate::hash::Fold;
use crate::vocab::tester::{self, Tester};
use aho_corasick::automaton::Automaton;
use aho_corasick::{dfa, nfa::contiguous, Anchored, MatchKind};
use once_cell::sync::OnceCell;
use regex_automata::meta;
use regex_syntax::ast::{self, Ast, RepetitionKind, RepetitionRange};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A compiled built-in pattern: the engine under `regex::Regex`, which alone can be built from
/// a syntax tree (see [`Tier`]).
pub(crate) type Regex = meta::Regex;

/// Conditions weaker than this many characters (in their shortest literal) are not worth
/// testing.
const MIN_ANCHOR_CHARS: usize = 3;

/// Condition strings are cut to their first this many characters before they are registered:
/// a text that holds a string holds its start, so a condition stays necessary, and past this
/// length a string hardly gets more selective, while every further character adds states to
/// the automaton (whose DFA's build time is proportional to its states).
const MAX_ANCHOR_CHARS: usize = 16;

/// `s` cut to [`MAX_ANCHOR_CHARS`] characters.
fn anchor_prefix(mut s: String) -> String {
    if let Some((at, _)) = s.char_indices().nth(MAX_ANCHOR_CHARS) {
        s.truncate(at);
    }
    s
}

/// At most this many strings stand for one part of a pattern (`(?:this|the) post` is two).
const MAX_ALTERNATIVES: usize = 64;

/// One character as anchors and folded text spell it: lower case, with the few characters whose
/// simple case folding leaves ASCII lower-casing (`ſ`, the Kelvin and Ångström signs) mapped
/// onto their partners.
fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        'ſ' => 's',
        '\u{212A}' => 'k',
        '\u{212B}' => 'å',
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// `text` with every character folded (the reference [`fold_for_scan`] is tested against).
#[cfg(test)]
fn fold_text(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// `fold_text` of `text` with ASCII lower-cased too, as the automaton reads it (it is built
/// on folded strings and matches case-sensitively: ignoring ASCII case doubled its letter
/// transitions), and the text's [`Tier`]. ASCII goes through one lower-casing copy; only the
/// other characters are looked at one by one, and the text is folded again from the first of
/// them that folds to something else (punctuation and lower-case letters, most, do not).
fn fold_for_scan(text: &str) -> (String, Tier) {
    let mut folded = text.to_ascii_lowercase();
    if text.is_ascii() {
        return (folded, Tier::Ascii);
    }
    let bytes = text.as_bytes();
    let mut latin = true;
    let mut first_folded = None;
    let mut i = 0;
    while let Some(skip) = bytes[i..].iter().position(|&b| b >= 0x80) {
        i += skip;
        let c = text[i..].chars().next().expect("a character boundary");
        latin = latin && in_latin(c);
        // General punctuation (curly quotes, dashes) has no case.
        if first_folded.is_none() && !matches!(c, '\u{2000}'..='\u{206F}') && fold_char(c) != c {
            first_folded = Some(i);
        }
        i += c.len_utf8();
    }
    let tier = if latin { Tier::Latin } else { Tier::Full };
    if let Some(at) = first_folded {
        folded.truncate(at);
        folded.extend(text[at..].chars().map(fold_char));
    }
    (folded, tier)
}

fn in_latin(c: char) -> bool {
    LATIN.iter().any(|&(lo, hi)| lo <= c && c <= hi)
}

/// A pattern character as an anchor spells it, or `None` when some character it may match
/// (under case-insensitive matching, which is assumed everywhere) folds differently.
fn anchor_char(c: char) -> Option<char> {
    // Every case variant of an ASCII character folds to its lower case (`K`, `ſ` included):
    // the tests check this against the general answer.
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    anchor_char_by_class(c)
}

/// [`anchor_char`] worked out from the character's case-folded class.
fn anchor_char_by_class(c: char) -> Option<char> {
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    let folded = fold_char(c);
    class
        .iter()
        .flat_map(|r| r.start()..=r.end())
        .all(|m| fold_char(m) == folded)
        .then_some(folded)
}

/// What a part of a pattern says about the text it matches.
#[derive(Default)]
struct Lits {
    /// Every string the part can match (folded), when there are few.
    exact: Option<Vec<String>>,
    /// Necessary conditions: the text holds at least one string of each set.
    conds: Vec<Vec<String>>,
}

impl Lits {
    fn empty() -> Lits {
        Lits {
            exact: Some(vec![String::new()]),
            conds: Vec::new(),
        }
    }
}

/// How selective a condition is: the weight of its lightest string, where a letter, digit or
/// space weighs 1, ASCII punctuation 2 and any other character 3 (`©`, `…` and `![` are rarer
/// in text than most three-letter words).
fn weight(set: &[String]) -> usize {
    let of = |c: char| match c {
        _ if c.is_ascii_alphanumeric() || c == ' ' => 1,
        _ if c.is_ascii() => 2,
        _ => 3,
    };
    set.iter()
        .map(|s| s.chars().map(of).sum())
        .min()
        .unwrap_or(0)
}

fn cross(a: &[String], b: &[String]) -> Option<Vec<String>> {
    if a.len() * b.len() > MAX_ALTERNATIVES {
        return None;
    }
    Some(
        a.iter()
            .flat_map(|x| b.iter().map(move |y| format!("{x}{y}")))
            .collect(),
    )
}

fn union(sets: impl Iterator<Item = Vec<String>>) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for set in sets {
        for s in set {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        if out.len() > MAX_ALTERNATIVES {
            return None;
        }
    }
    Some(out)
}

/// The literal facts of a syntax tree. Every condition is necessary: a text the pattern matches
/// holds a string of each. Recursion follows the pattern's nesting, which the parser bounds.
fn lits(node: &Ast) -> Lits {
    match node {
        Ast::Empty(_) | Ast::Flags(_) | Ast::Assertion(_) => Lits::empty(),
        Ast::Literal(l) => Lits {
            exact: anchor_char(l.c).map(|c| vec![c.to_string()]),
            conds: Vec::new(),
        },
        Ast::Dot(_) | Ast::ClassUnicode(_) | Ast::ClassPerl(_) | Ast::ClassBracketed(_) => {
            Lits::default()
        }
        Ast::Group(g) => lits(&g.ast),
        Ast::Repetition(r) => {
            let (min, max) = match &r.op.kind {
                RepetitionKind::ZeroOrOne => (0, Some(1)),
                RepetitionKind::ZeroOrMore => (0, None),
                RepetitionKind::OneOrMore => (1, None),
                RepetitionKind::Range(RepetitionRange::Exactly(n)) => (*n, Some(*n)),
                RepetitionKind::Range(RepetitionRange::AtLeast(n)) => (*n, None),
                RepetitionKind::Range(RepetitionRange::Bounded(m, n)) => (*m, Some(*n)),
            };
            let inner = lits(&r.ast);
            match (min, max) {
                (0, Some(1)) => Lits {
                    exact: inner
                        .exact
                        .and_then(|set| union([set, vec![String::new()]].into_iter())),
                    conds: Vec::new(),
                },
                (0, _) => Lits::default(),
                (1, Some(1)) => inner,
                _ => {
                    let mut conds = inner.conds;
                    conds.extend(inner.exact);
                    Lits { exact: None, conds }
                }
            }
        }
        Ast::Concat(c) => {
            let mut conds = Vec::new();
            let mut run = vec![String::new()];
            let mut all_exact = true;
            for part in c.asts.iter().map(lits) {
                conds.extend(part.conds);
                match part.exact {
                    Some(set) => match cross(&run, &set) {
                        Some(joined) => run = joined,
                        None => {
                            all_exact = false;
                            conds.push(std::mem::replace(&mut run, set));
                        }
                    },
                    None => {
                        all_exact = false;
                        conds.push(std::mem::replace(&mut run, vec![String::new()]));
                    }
                }
            }
            if all_exact {
                return Lits {
                    exact: Some(run),
                    conds,
                };
            }
            conds.push(run);
            conds.retain(|set| weight(set) > 0);
            Lits { exact: None, conds }
        }
        Ast::Alternation(a) => {
            let alts: Vec<Lits> = a.asts.iter().map(lits).collect();
            if alts.iter().all(|l| l.exact.is_some()) {
                let exact = union(alts.iter().filter_map(|l| l.exact.clone()));
                if exact.is_some() {
                    return Lits {
                        exact,
                        conds: Vec::new(),
                    };
                }
            }
            // Each alternative's strongest condition; the text holds one of them.
            let best = alts.into_iter().map(|l| {
                l.conds
                    .into_iter()
                    .chain(l.exact)
                    .max_by_key(|set| weight(set))
                    .filter(|set| weight(set) > 0)
            });
            let cond = best
                .collect::<Option<Vec<_>>>()
                .and_then(|sets| union(sets.into_iter()));
            Lits {
                exact: None,
                conds: cond.into_iter().collect(),
            }
        }
    }
}

/// The conditions worth testing for a pattern: sets of folded strings, one of each set in
/// every text the pattern matches.
fn conditions(tree: &Ast) -> Vec<Vec<String>> {
    let top = lits(tree);
    let mut conds = top.conds;
    conds.extend(top.exact);
    conds.retain(|set| weight(set) >= MIN_ANCHOR_CHARS);
    conds
}

/// Bounded repetitions up to this count stay as they are in a skeleton.
const MAX_KEPT_REPETITION: u32 = 4;

/// Widens long bounded repetitions (`X{2,60}` to `X{2,}`); whether any was widened.
fn widen(node: &mut Ast) -> bool {
    match node {
        Ast::Repetition(r) => {
            let mut changed = false;
            if let RepetitionKind::Range(RepetitionRange::Bounded(min, max)) = r.op.kind {
                if max > MAX_KEPT_REPETITION {
                    r.op.kind = RepetitionKind::Range(RepetitionRange::AtLeast(min));
                    changed = true;
                }
            }
            widen(&mut r.ast) | changed
        }
        Ast::Group(g) => widen(&mut g.ast),
        Ast::Concat(c) => c.asts.iter_mut().fold(false, |acc, a| widen(a) | acc),
        Ast::Alternation(a) => a.asts.iter_mut().fold(false, |acc, a| widen(a) | acc),
        _ => false,
    }
}

/// The pattern with its long bounded repetitions widened, when it has any: it matches every
/// text the pattern matches, and compiles in a fraction of the time (a bounded repetition is
/// compiled as that many copies of what it repeats).
fn skeleton(mut tree: Ast) -> Option<String> {
    if !widen(&mut tree) {
        return None;
    }
    let mut out = String::new();
    ast::print::Printer::new()
        .print(&tree, &mut out)
        .expect("printing to a String cannot fail");
    Some(out)
}

/// A built-in pattern's syntax tree, which its [`conditions`] and [`skeleton`] are read off
/// (an error is a bug in the built-ins).
fn parse_ast(source: &str) -> Ast {
    ast::parse::Parser::new()
        .parse(source)
        .unwrap_or_else(|e| panic!("built-in pattern {source:?}: {e}"))
}

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
    /// with their folding, [`fold_for_scan`]).
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

    fn alphabet(self) -> Option<ClassUnicode> {
        match self {
            Tier::Ascii => Some(ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')])),
            Tier::Latin => Some(ClassUnicode::new(
                LATIN.iter().map(|&(lo, hi)| ClassUnicodeRange::new(lo, hi)),
            )),
            Tier::Full => None,
        }
    }
}

/// What a compiled pattern is cut down to: its classes to an alphabet, and when `ascii` its
/// Unicode word boundaries to ASCII ones (on ASCII text a Unicode word character is an ASCII
/// one); with `widen_from`, its bounded repetitions of at least that many to unbounded ones.
struct Shape<'a> {
    alphabet: Option<&'a ClassUnicode>,
    ascii: bool,
    widen_from: Option<u32>,
    /// Widens only repetitions each repeat of which takes a character (see [`Use::AnyShort`]).
    keep_groups: bool,
}

impl Shape<'_> {
    /// `hir` cut down. Literals stay: one the text cannot hold just never matches. Recursion
    /// follows the pattern's nesting, which the parser bounds.
    fn apply(&self, hir: &Hir) -> Hir {
        match hir.kind() {
            HirKind::Class(Class::Unicode(class)) => match self.alphabet {
                Some(alphabet) => {
                    let mut class = class.clone();
                    class.intersect(alphabet);
                    Hir::class(Class::Unicode(class))
                }
                None => hir.clone(),
            },
            HirKind::Look(look) if self.ascii => Hir::look(match look {
                Look::WordUnicode => Look::WordAscii,
                Look::WordUnicodeNegate => Look::WordAsciiNegate,
                Look::WordStartUnicode => Look::WordStartAscii,
                Look::WordEndUnicode => Look::WordEndAscii,
                Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
                Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
                other => *other,
            }),
            HirKind::Repetition(rep) => {
                let mut rep = rep.clone();
                if let (Some(max), Some(from)) = (rep.max, self.widen_from) {
                    let takes_a_character = || rep.sub.properties().minimum_len() >= Some(1);
                    if max >= from && (!self.keep_groups || takes_a_character()) {
                        rep.max = None;
                    }
                }
                rep.sub = Box::new(self.apply(&rep.sub));
                Hir::repetition(rep)
            }
            HirKind::Capture(cap) => {
                let mut cap = cap.clone();
                cap.sub = Box::new(self.apply(&cap.sub));
                Hir::capture(cap)
            }
            HirKind::Concat(subs) => Hir::concat(subs.iter().map(|h| self.apply(h)).collect()),
            HirKind::Alternation(subs) => {
                Hir::alternation(subs.iter().map(|h| self.apply(h)).collect())
            }
            _ => hir.clone(),
        }
    }
}

fn parse_hir(source: &str) -> Hir {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(source)
        .unwrap_or_else(|e| panic!("built-in pattern {source:?}: {e}"))
}

/// Compiles a syntax tree with the settings `regex::Regex::new` uses, but no prefilter: the
/// literal gate has already looked for the pattern's words, texts are blocks (short), and
/// extracting a prefilter from a case-insensitive alternation was a fifth of the compile time.
/// A prefilter only speeds up a search; it never changes a match.
fn compile(hir: &Hir, source: &str) -> Regex {
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
fn compile_tester(hir: &Hir, source: &str) -> Tester {
    Tester::new(hir).unwrap_or_else(|e| panic!("built-in pattern {source:?}: {e}"))
}

/// Of one pattern's forms per [`Tier`], one already compiled for a larger alphabet than
/// `tier`'s, if any.
fn larger_form<T>(forms: &[OnceCell<T>; 3], tier: Tier) -> Option<&T> {
    forms[tier as usize + 1..].iter().find_map(OnceCell::get)
}

/// What the callers of a list read of its patterns.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Use {
    /// Anything: where they match and their groups, on texts of any length.
    Any,
    /// Only whether one matches ([`GatedList::matching`], which runs them forwards only), on
    /// texts that have at most `max_chars` characters. Then a
    /// repetition bounded at `max_chars` or more cannot reach its bound on any of them (each
    /// repeat that takes no character can be dropped), so it is compiled unbounded, which
    /// matches the same texts: `[^)\s]{1,2000}` costs 2,000 copies of the class otherwise.
    Matches { max_chars: usize },
    /// Anything, and a text of at most `max_chars` characters takes a form whose repetitions
    /// bounded at `max_chars` or more are unbounded, if each repeat takes a character: no
    /// such repetition can reach its bound on the text, so the ways to match it and their
    /// order of preference are the same, groups included.
    AnyShort { max_chars: usize },
}

/// A list of built-in patterns, in priority order, each compiled per tier on first use and
/// gated by its literal conditions.
pub(crate) struct GatedList {
    sources: Vec<String>,
    use_: Use,
    /// Per pattern, its syntax tree, parsed on first use.
    hirs: Vec<OnceCell<Hir>>,
    /// Per pattern, per [`Tier`], the compiled pattern: as written, and widened (see
    /// [`Use::Matches`]).
    compiled: Vec<[[OnceCell<Regex>; 3]; 2]>,
    /// The same forms compiled forwards only, for a [`Use::Matches`] list.
    testers: Vec<[[OnceCell<Tester>; 3]; 2]>,
    /// Per pattern, its [`skeleton`] (compiled on first use), run before the pattern itself at
    /// [`Tier::Full`], where compiling the pattern costs most.
    skeletons: Vec<Option<(String, OnceCell<Tester>)>>,
    /// Per pattern, its conditions; per condition, the ids of its strings in the [`Literals`]
    /// the list was built with, as bit masks of [`Scan`] words: a text meets the condition
    /// when it has a bit of one of them (strings of one condition are registered together,
    /// so a condition is one or two masks).
    conds: Vec<Vec<Masks>>,
    /// The patterns every text may match, whatever it holds: those without conditions.
    free: PatternSet,
    /// Per literal id, the patterns whose *key* condition (the one of fewest strings) holds
    /// it: a pattern whose key literals the text holds none of cannot match, so a text of few
    /// literals (one or two, typically) looks up a few sets instead of testing every pattern.
    keyed: HashMap<usize, PatternSet, Fold>,
    /// The [`summary`] of the words of the literals of `keyed`.
    keyed_summary: u64,
    /// Per pattern, its [`start_bytes`], worked out on first use.
    starts: Vec<OnceCell<Option<ByteSet>>>,
}

/// A set of bytes, as bits.
type ByteSet = [u64; 4];

/// The bytes that every match of `hir` starts the text with, when every match starts at the
/// start of the text (`^` outside multi-line mode) and takes a byte: a text starting with any
/// other byte, or empty, cannot match. Most whole-block templates start with a few words of
/// which a block's first letter rules out all but a few, and running a pattern costs several
/// hundred instructions even when it fails at once.
fn start_bytes(hir: &Hir) -> Option<ByteSet> {
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

/// A set of a list's patterns by index, as bits; patterns past [`PATTERN_BITS`] are in every
/// set (their conditions are tested one by one), so a list may be of any length.
type PatternSet = [u64; PATTERN_WORDS];
const PATTERN_WORDS: usize = 4;
const PATTERN_BITS: usize = PATTERN_WORDS * 64;

/// The indices of the bits of `word`, lowest first.
fn bits(mut word: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (word != 0).then(|| {
            let b = word.trailing_zeros() as usize;
            word &= word - 1;
            b
        })
    })
}

/// A set of literal ids as (word, mask) pairs of a [`Scan`]'s bit set, with the summary of
/// the words they are in (see [`summary`]).
struct Masks {
    summary: u64,
    words: Box<[(u32, u64)]>,
}

/// Bit `w % 64` for each word index `w`: two sets of words that share a word share a bit of
/// their summaries, so a condition on words the text has none of fails at one `and`.
fn summary(words: impl Iterator<Item = u32>) -> u64 {
    words.fold(0, |s, w| s | 1 << (w % 64))
}

fn masks(ids: impl Iterator<Item = usize>) -> Masks {
    let mut out: Vec<(u32, u64)> = Vec::new();
    for id in ids {
        let (word, bit) = ((id / 64) as u32, 1u64 << (id % 64));
        match out.iter_mut().find(|(w, _)| *w == word) {
            Some((_, mask)) => *mask |= bit,
            None => out.push((word, bit)),
        }
    }
    Masks {
        summary: summary(out.iter().map(|&(w, _)| w)),
        words: out.into(),
    }
}

impl GatedList {
    /// Parses every pattern (a syntax error is a bug in the built-ins) and registers the
    /// strings of their conditions in `literals`, which several lists share.
    pub(crate) fn new(sources: Vec<String>, use_: Use, literals: &mut Literals) -> GatedList {
        let mut free = [0u64; PATTERN_WORDS];
        let mut keyed: HashMap<usize, PatternSet, Fold> = HashMap::with_hasher(Fold::new());
        let mut skeletons = Vec::with_capacity(sources.len());
        let conds = sources
            .iter()
            .enumerate()
            .map(|(i, source)| {
                let tree = parse_ast(source);
                let sets: Vec<Vec<usize>> = conditions(&tree)
                    .into_iter()
                    .map(|set| {
                        set.into_iter()
                            .map(|s| literals.id(anchor_prefix(s)))
                            .collect()
                    })
                    .collect();
                if i < PATTERN_BITS {
                    match sets.iter().min_by_key(|set| set.len()) {
                        None => free[i / 64] |= 1 << (i % 64),
                        Some(key) => {
                            for &id in key {
                                keyed.entry(id).or_default()[i / 64] |= 1 << (i % 64);
                            }
                        }
                    }
                }
                skeletons.push(skeleton(tree).map(|s| (s, OnceCell::new())));
                sets.into_iter().map(|set| masks(set.into_iter())).collect()
            })
            .collect();
        let keyed_summary = summary(keyed.keys().map(|&id| (id / 64) as u32));
        let len = sources.len();
        GatedList {
            hirs: sources.iter().map(|_| OnceCell::new()).collect(),
            compiled: sources.iter().map(|_| Default::default()).collect(),
            testers: sources.iter().map(|_| Default::default()).collect(),
            skeletons,
            sources,
            use_,
            conds,
            free,
            keyed,
            keyed_summary,
            starts: (0..len).map(|_| OnceCell::new()).collect(),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.sources.len()
    }

    /// Pattern `i`'s syntax tree, parsed now if it was not yet.
    fn hir(&self, i: usize) -> &Hir {
        self.hirs[i].get_or_init(|| parse_hir(&self.sources[i]))
    }

    /// Whether pattern `i` may match `text` as far as its [`start_bytes`] tell.
    fn may_start(&self, i: usize, text: &str) -> bool {
        match self.starts[i].get_or_init(|| start_bytes(self.hir(i))) {
            None => true,
            Some(set) => text
                .as_bytes()
                .first()
                .is_some_and(|&b| set[usize::from(b / 64)] & 1 << (b % 64) != 0),
        }
    }

    /// Pattern `i` for a text of `tier`, widened or not, compiled now if there is none yet.
    /// A form compiled for a larger alphabet matches a text of `tier` as its own form would:
    /// compiling that one too would cost more than it saves.
    fn regex(&self, i: usize, tier: Tier, widened: bool) -> &Regex {
        larger_form(&self.compiled[i][widened as usize], tier)
            .unwrap_or_else(|| self.form(i, tier, widened))
    }

    /// Pattern `i` compiled for `tier`, widened or not, compiled now if it was not yet.
    fn form(&self, i: usize, tier: Tier, widened: bool) -> &Regex {
        self.compiled[i][widened as usize][tier as usize]
            .get_or_init(|| compile(&self.shaped(i, tier, widened), &self.sources[i]))
    }

    /// As [`GatedList::regex`], the pattern compiled forwards only.
    fn tester(&self, i: usize, tier: Tier, widened: bool) -> &Tester {
        larger_form(&self.testers[i][widened as usize], tier)
            .unwrap_or_else(|| self.tester_form(i, tier, widened))
    }

    /// As [`GatedList::form`], the pattern compiled forwards only.
    fn tester_form(&self, i: usize, tier: Tier, widened: bool) -> &Tester {
        self.testers[i][widened as usize][tier as usize]
            .get_or_init(|| compile_tester(&self.shaped(i, tier, widened), &self.sources[i]))
    }

    /// Pattern `i`'s syntax tree cut down to `tier` and, if `widened`, widened.
    fn shaped(&self, i: usize, tier: Tier, widened: bool) -> Hir {
        let alphabet = tier.alphabet();
        let shape = Shape {
            alphabet: alphabet.as_ref(),
            ascii: tier == Tier::Ascii,
            widen_from: match self.use_ {
                Use::Matches { max_chars } | Use::AnyShort { max_chars } if widened => {
                    Some(u32::try_from(max_chars).unwrap_or(u32::MAX))
                }
                _ => None,
            },
            keep_groups: !matches!(self.use_, Use::Matches { .. }),
        };
        shape.apply(self.hir(i))
    }

    /// Compiles every pattern in every form, and every skeleton, now (the tests check that
    /// all of them compile).
    #[cfg(test)]
    pub(crate) fn compile_all(&self) {
        for i in 0..self.len() {
            for tier in [Tier::Ascii, Tier::Latin, Tier::Full] {
                self.form(i, tier, false);
                self.form(i, tier, true);
                if let Use::Matches { .. } = self.use_ {
                    self.tester_form(i, tier, false);
                    self.tester_form(i, tier, true);
                }
            }
            if let Some((source, _)) = &self.skeletons[i] {
                compile_tester(&parse_hir(source), source);
            }
        }
    }

    /// Whether `text` is matched by the widened patterns (see [`Use::Matches`] and
    /// [`Use::AnyShort`]).
    fn widens_for(&self, text: &str) -> bool {
        match self.use_ {
            Use::Matches { max_chars } | Use::AnyShort { max_chars } => {
                text.len() <= max_chars || text.chars().count() <= max_chars
            }
            Use::Any => false,
        }
    }

    /// Checks that every pattern, in the forms `candidates` may give for each text, finds what
    /// the pattern compiled by `regex::Regex` finds: the same matches and groups, or for a
    /// [`Use::Matches`] list whether it matches.
    #[cfg(test)]
    pub(crate) fn assert_same_as_regex(&self, texts: &[&str]) {
        for i in 0..self.len() {
            let source = &self.sources[i];
            let plain = regex::Regex::new(source).unwrap();
            // Each text by the form of its tier and by those of larger alphabets, which
            // `regex` may give it instead.
            let forms = texts.iter().flat_map(|&text| {
                const TIERS: [Tier; 3] = [Tier::Ascii, Tier::Latin, Tier::Full];
                TIERS[Tier::of(text) as usize..]
                    .iter()
                    .map(move |&tier| (text, self.form(i, tier, self.widens_for(text))))
            });
            for (text, re) in forms {
                let why = format!("{source:?} on {text:?}");
                assert_eq!(re.is_match(text), plain.is_match(text), "{why}");
                if let Use::Matches { .. } = self.use_ {
                    let tier = Tier::of(text);
                    let tester = self.tester_form(i, tier, self.widens_for(text));
                    assert_eq!(tester.is_match(text), plain.is_match(text), "{why}");
                    continue;
                }
                let groups: Vec<Vec<Option<(usize, usize)>>> = re
                    .captures_iter(text)
                    .map(|c| {
                        (0..c.group_len())
                            .map(|k| c.get_group(k).map(|m| (m.start, m.end)))
                            .collect()
                    })
                    .collect();
                let expected: Vec<Vec<Option<(usize, usize)>>> = plain
                    .captures_iter(text)
                    .map(|c| {
                        (0..c.len())
                            .map(|k| c.get(k).map(|m| (m.start(), m.end())))
                            .collect()
                    })
                    .collect();
                assert_eq!(groups, expected, "{why}");
            }
        }
    }

    /// The patterns that may match `text`, in order, with their index: the others cannot.
    /// Each is the one compiled for the text's [`Tier`] (and length, see [`Use::Matches`]).
    /// `scan` is the text's [`Scan`] by the [`Scanner`] of this list's [`Literals`]. (A
    /// [`Use::Matches`] list is asked through [`GatedList::matching`].)
    pub(crate) fn candidates<'a>(
        &'a self,
        text: &'a str,
        scan: &'a Scan,
    ) -> impl Iterator<Item = (usize, &'a Regex)> + 'a {
        let (tier, widened) = (scan.tier, self.widens_for(text));
        self.gated(text, scan)
            .map(move |i| (i, self.regex(i, tier, widened)))
    }

    /// The indices of the patterns that match `text`, in order; those of a [`Use::Matches`]
    /// list are run forwards only (see [`tester`]).
    pub(crate) fn matching<'a>(
        &'a self,
        text: &'a str,
        scan: &'a Scan,
    ) -> impl Iterator<Item = usize> + 'a {
        let (tier, widened) = (scan.tier, self.widens_for(text));
        self.gated(text, scan).filter(move |&i| match self.use_ {
            Use::Matches { .. } => self.tester(i, tier, widened).is_match(text),
            Use::Any | Use::AnyShort { .. } => self.regex(i, tier, widened).is_match(text),
        })
    }

    /// The indices of the patterns whose gates `text` passes, in order.
    fn gated<'a>(&'a self, text: &'a str, scan: &'a Scan) -> impl Iterator<Item = usize> + 'a {
        let tier = scan.tier;
        let mut may = self.free;
        if scan.summary & self.keyed_summary != 0 {
            scan.each_literal(|id| {
                if let Some(set) = self.keyed.get(&id) {
                    for (m, s) in may.iter_mut().zip(set) {
                        *m |= s;
                    }
                }
            });
        }
        let len = self.len();
        (0..len.div_ceil(64).min(PATTERN_WORDS))
            .flat_map(move |w| bits(may[w]).map(move |b| w * 64 + b))
            .chain(PATTERN_BITS.min(len)..len)
            .filter(move |&i| self.conds[i].iter().all(|set| scan.meets(set)))
            .filter(move |&i| self.may_start(i, text))
            .filter(move |&i| match &self.skeletons[i] {
                Some((source, cell)) if tier == Tier::Full => cell
                    .get_or_init(|| compile_tester(&parse_hir(source), source))
                    .is_match(text),
                _ => true,
            })
    }
}

/// The condition strings of several lists, each registered once.
#[derive(Default)]
pub(crate) struct Literals {
    strings: Vec<String>,
    ids: HashMap<String, usize>,
}

impl Literals {
    fn id(&mut self, s: String) -> usize {
        if let Some(&id) = self.ids.get(&s) {
            return id;
        }
        let id = self.strings.len();
        self.ids.insert(s.clone(), id);
        self.strings.push(s);
        id
    }

    /// The automaton that finds them all.
    pub(crate) fn scanner(self) -> Scanner {
        // A scan keeps the indices of its bit set's words as 16-bit numbers.
        assert!(self.strings.len() <= 64 << 16, "too many literals");
        let words = self.strings.len().div_ceil(64);
        let nfa = (!self.strings.is_empty()).then(|| Strings::new(&self.strings, false));
        Scanner {
            nfa,
            dfa: OnceCell::new(),
            strings: self.strings,
            scanned: AtomicUsize::new(0),
            words,
        }
    }
}

/// The strings' automaton, a DFA or the contiguous NFA. The strings and the texts it scans are
/// folded (see [`fold_for_scan`]), so it matches case-sensitively.
enum Strings {
    Nfa(contiguous::NFA),
    Dfa(dfa::DFA),
}

impl Strings {
    fn new(strings: &[String], dfa: bool) -> Strings {
        // No prefilter: none helps with this many strings (the library builds none for
        // them), and `each_match` does not run one.
        if dfa {
            Strings::Dfa(
                dfa::Builder::new()
                    .match_kind(MatchKind::Standard)
                    .prefilter(false)
                    .build(strings)
                    .expect("a thousand short strings"),
            )
        } else {
            Strings::Nfa(
                contiguous::Builder::new()
                    .match_kind(MatchKind::Standard)
                    .prefilter(false)
                    .build(strings)
                    .expect("a thousand short strings"),
            )
        }
    }

    /// Calls `f` with the id of every string occurring in `haystack`, overlaps included.
    #[cfg(test)]
    fn each_match(&self, haystack: &[u8], f: impl FnMut(usize)) {
        match self {
            Strings::Nfa(a) => each_match(a, haystack, f),
            Strings::Dfa(a) => each_match(a, haystack, f),
        }
    }

    /// Calls `f` with the id of every string occurring in `haystack`, at least once each, in
    /// no particular order (see [`each_match_in_two`]).
    fn each_present(&self, haystack: &[u8], f: impl FnMut(usize)) {
        match self {
            Strings::Nfa(a) => each_match_in_two(a, haystack, f),
            Strings::Dfa(a) => each_match_in_two(a, haystack, f),
        }
    }
}

/// What `AhoCorasick::find_overlapping_iter` reports (as ids), in a loop of its own: the
/// library's keeps its position in the iterator's state in memory, which cost twice the
/// instructions per byte of this one. Without a prefilter only dead and match states are
/// special. Not inlined: in its caller the loop's state did not fit in registers.
#[inline(never)]
fn each_match<A: Automaton>(aut: &A, haystack: &[u8], mut f: impl FnMut(usize)) {
    let mut report = |sid| {
        for i in 0..aut.match_len(sid) {
            f(aut.match_pattern(sid, i).as_usize());
        }
    };
    let mut sid = aut
        .start_state(Anchored::No)
        .expect("an unanchored automaton");
    if aut.is_match(sid) {
        report(sid);
    }
    for &b in haystack {
        sid = aut.next_state(Anchored::No, sid, b);
        if aut.is_special(sid) {
            if aut.is_dead(sid) {
                return;
            }
            if aut.is_match(sid) {
                report(sid);
            }
        }
    }
}

/// Texts shorter than this are scanned in one lane: splitting them gains less than it costs.
const TWO_LANES_FROM: usize = 64;

/// What [`each_match`] reports, each string at least once (some twice, out of order): the
/// haystack's halves are scanned side by side. A scan waits on every byte for the state the
/// last one reached, so one lane leaves the processor idle; two lanes keep it busy. The
/// second lane starts as many bytes before the middle as the longest string has less one, so
/// every string ending in the second half is found by it whole, and every other one by the
/// first lane.
#[inline(never)]
fn each_match_in_two<A: Automaton>(aut: &A, haystack: &[u8], mut f: impl FnMut(usize)) {
    let overlap = aut.max_pattern_len().saturating_sub(1);
    if haystack.len() < TWO_LANES_FROM.max(3 * overlap) {
        return each_match(aut, haystack, f);
    }
    let mid = haystack.len() / 2;
    let (first, second) = (&haystack[..mid], &haystack[mid - overlap..]);
    let start = aut
        .start_state(Anchored::No)
        .expect("an unanchored automaton");
    let mut dead = false;
    let mut report = |sid| {
        if aut.is_dead(sid) {
            dead = true;
            return;
        }
        if aut.is_match(sid) {
            for i in 0..aut.match_len(sid) {
                f(aut.match_pattern(sid, i).as_usize());
            }
        }
    };
    report(start);
    let (mut a, mut b) = (start, start);
    let together = first.len().min(second.len());
    for (&x, &y) in first[..together].iter().zip(&second[..together]) {
        a = aut.next_state(Anchored::No, a, x);
        b = aut.next_state(Anchored::No, b, y);
        if aut.is_special(a) {
            report(a);
        }
        if aut.is_special(b) {
            report(b);
        }
    }
    for &y in &second[together..] {
        b = aut.next_state(Anchored::No, b, y);
        if aut.is_special(b) {
            report(b);
        }
    }
    for &x in &first[together..] {
        a = aut.next_state(Anchored::No, a, x);
        if aut.is_special(a) {
            report(a);
        }
    }
    // An unanchored search for every match never dies; should one, the one-lane scan, which
    // stops there, says what it finds.
    if dead {
        each_match(aut, haystack, f);
    }
}

/// Bytes a process scans with the NFA before it builds the DFA: the DFA of these ~1,900
/// strings (cut to [`MAX_ANCHOR_CHARS`]) scans two to three times as fast, and what the NFA
/// costs over the DFA on about this much text is what building the DFA costs once (so a
/// process never pays more than twice the better of the two choices).
const DFA_AFTER_BYTES: usize = 3 << 20;

/// Finds which [`Literals`] a text holds, in one pass.
pub(crate) struct Scanner {
    nfa: Option<Strings>,
    /// Built once the process has scanned [`DFA_AFTER_BYTES`]; it finds the same strings.
    dfa: OnceCell<Option<Strings>>,
    strings: Vec<String>,
    scanned: AtomicUsize,
    /// Bit-set words per scan.
    words: usize,
}

/// What the gates need to know of a text: its tier and the literals it holds.
#[derive(Clone)]
pub(crate) struct Scan {
    tier: Tier,
    /// The [`summary`] of the words of `present`.
    summary: u64,
    present: Present,
}

/// The literals a text holds, as the nonzero words of a bit set over their ids, by word
/// index. A block holds a few literals (a memo keeps one scan per block, so the whole bit set
/// per block was most of its memory): up to [`INLINE_WORDS`] words are kept inline.
#[derive(Clone)]
enum Present {
    Inline {
        len: u8,
        at: [u16; INLINE_WORDS],
        bits: [u64; INLINE_WORDS],
    },
    Heap(Rc<[(u16, u64)]>),
}

const INLINE_WORDS: usize = 3;

impl Scan {
    /// Calls `f` with the id of each literal the text holds.
    fn each_literal(&self, mut f: impl FnMut(usize)) {
        let mut word = |w: u16, b: u64| bits(b).for_each(|k| f(usize::from(w) * 64 + k));
        match &self.present {
            Present::Inline { len, at, bits } => {
                for k in 0..*len as usize {
                    word(at[k], bits[k]);
                }
            }
            Present::Heap(words) => words.iter().for_each(|&(w, b)| word(w, b)),
        }
    }

    /// The text holds one of the literals of `masks`.
    fn meets(&self, masks: &Masks) -> bool {
        if self.summary & masks.summary == 0 {
            return false;
        }
        let masks = &masks.words[..];
        match &self.present {
            Present::Inline { len, at, bits } => masks.iter().any(|&(word, mask)| {
                (0..*len as usize).any(|k| u32::from(at[k]) == word && bits[k] & mask != 0)
            }),
            Present::Heap(words) => masks.iter().any(|&(word, mask)| {
                words
                    .iter()
                    .any(|&(w, bits)| u32::from(w) == word && bits & mask != 0)
            }),
        }
    }
}

impl Scanner {
    pub(crate) fn scan(&self, text: &str) -> Scan {
        // Which literals occur, as a bit set on the stack while the text is scanned.
        let mut small = [0u64; 64];
        let mut large = Vec::new();
        let bits: &mut [u64] = if self.words <= small.len() {
            &mut small[..self.words]
        } else {
            large.resize(self.words, 0u64);
            &mut large
        };
        let before = self.scanned.fetch_add(text.len(), Ordering::Relaxed);
        let automaton = if before >= DFA_AFTER_BYTES {
            self.dfa
                .get_or_init(|| {
                    (!self.strings.is_empty()).then(|| Strings::new(&self.strings, true))
                })
                .as_ref()
        } else {
            self.nfa.as_ref()
        };
        let (folded, tier) = fold_for_scan(text);
        // The words given a bit, in the order found, while there are few (a text holds one
        // or two literals, typically): the bit set is then not read through.
        let mut found = [0u16; INLINE_WORDS];
        let mut words_found = 0;
        if let Some(ac) = automaton {
            ac.each_present(folded.as_bytes(), |l| {
                if bits[l / 64] == 0 {
                    if let Some(slot) = found.get_mut(words_found) {
                        *slot = (l / 64) as u16;
                    }
                    words_found += 1;
                }
                bits[l / 64] |= 1 << (l % 64);
            });
        }
        if words_found <= INLINE_WORDS {
            let at = &mut found[..words_found];
            at.sort_unstable();
            let mut kept = [0u64; INLINE_WORDS];
            for (k, &w) in at.iter().enumerate() {
                kept[k] = bits[usize::from(w)];
            }
            return Scan {
                tier,
                summary: summary(at.iter().map(|&w| u32::from(w))),
                present: Present::Inline {
                    len: words_found as u8,
                    at: found,
                    bits: kept,
                },
            };
        }
        let present = Present::Heap(
            bits.iter()
                .enumerate()
                .filter(|(_, &b)| b != 0)
                .map(|(w, &b)| (w as u16, b))
                .collect(),
        );
        Scan {
            tier,
            summary: summary(
                bits.iter()
                    .enumerate()
                    .filter(|(_, &b)| b != 0)
                    .map(|(w, _)| w as u32),
            ),
            present,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conds(p: &str) -> Vec<Vec<String>> {
        let mut c = conditions(&parse_ast(p));
        for set in &mut c {
            set.sort();
        }
        c
    }

    #[test]
    fn conditions_are_the_words_every_match_holds() {
        assert_eq!(
            conds(r"(?i:the post)\s+.{2,300}?\s*(?i:appeared first on)\s+.{2,100}?\."),
            vec![vec!["the post"], vec!["appeared first on"]]
        );
        assert_eq!(
            conds(r"^(?:Read more|weiterlesen) (?:on|at) [\w .-]{2,60}$"),
            vec![vec![
                "read more at ",
                "read more on ",
                "weiterlesen at ",
                "weiterlesen on "
            ]]
        );
        assert_eq!(conds(r"(?i)stra(?:ss|ß)e"), vec![vec!["strasse", "straße"]]);
        assert_eq!(conds(r"(?:main )?photo"), vec![vec!["main photo", "photo"]]);
        // No literal every match must hold: no condition.
        assert!(conds(r"\d{4}-\d{2}").is_empty());
        assert!(conds(r"(?:share|x)\s").is_empty());
        assert!(conds(r"(?:sign up)?\w+").is_empty());
        // Sigma folds three ways: it ends a literal.
        assert!(conds(r"(?i)ΣΣΣ").is_empty());
    }

    #[test]
    fn folding_for_a_scan_finds_what_folding_every_character_does() {
        let check = |text: &str| {
            let (folded, tier) = fold_for_scan(text);
            assert_eq!(folded, fold_text(text).to_ascii_lowercase(), "{text:?}");
            assert_eq!(tier, Tier::of(text), "{text:?}");
        };
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            check(&format!("aB{c}Z"));
            check(&format!("\u{2019}{c}"));
        }
        for text in [
            "",
            "plain ASCII",
            "Straße ÉTÉ",
            "ſ\u{212A}\u{212B}",
            "日本 ΣΑΣ “x”",
        ] {
            check(text);
        }
    }

    #[test]
    fn indexed_candidates_are_the_patterns_meeting_their_conditions() {
        // Longer than the bit sets, so that the patterns past them are tried too.
        let patterns: Vec<String> = (0..PATTERN_BITS + 40)
            .map(|i| match i % 4 {
                0 => format!("(?i)word{i} here"),
                1 => format!(r"\d+ (?:alpha|beta{i}) and (?:gamma|delta)"),
                2 => r"\d{4}".to_string(),
                _ => format!("(?:one|two{i}) (?:three|four)"),
            })
            .collect();
        let mut literals = Literals::default();
        let list = GatedList::new(patterns, Use::Any, &mut literals);
        let scanner = literals.scanner();
        for text in [
            "",
            "nothing",
            "WORD4 here and word260 here, 12 alpha and delta",
            "two3 four, one three, beta5 and gamma 2024",
            "word283 here two291 three 7 beta289 and gamma",
        ] {
            let scan = scanner.scan(text);
            let indexed: Vec<usize> = list.candidates(text, &scan).map(|(i, _)| i).collect();
            let every: Vec<usize> = (0..list.len())
                .filter(|&i| list.conds[i].iter().all(|set| scan.meets(set)))
                .collect();
            assert_eq!(indexed, every, "{text:?}");
        }
    }

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
    fn ascii_anchor_characters_are_their_lower_case() {
        for c in (0..128u8).map(char::from) {
            assert_eq!(anchor_char(c), anchor_char_by_class(c), "{c:?}");
        }
    }

    #[test]
    fn skeletons_widen_long_repetitions_only() {
        assert_eq!(
            skeleton(parse_ast(r"^(?i)via [\w .-]{2,60}\d{4}$")).as_deref(),
            Some(r"^(?i)via [\w .-]{2,}\d{4}$")
        );
        assert_eq!(skeleton(parse_ast(r"\d{1,2}:\d{2}")), None);
    }

    #[test]
    fn gating_never_changes_which_patterns_match() {
        let patterns = [
            r"(?i)appeared first on \w+",
            r"^(?s:(?i)read (?:more|the full story) (?:on|at) [\w .&'’-]{2,60}\.?)$",
            r"\d+ comments?",
            r"(?i)Kelvin|stra(?:ss|ß)e",
            r"(?i)stay (?:tuned|safe)",
            r"Été",
            r"^[\p{L}][\p{L} .-]{0,10}?\s?\d{4}/\d{1,2}$",
        ];
        let mut literals = Literals::default();
        let list = GatedList::new(
            patterns.iter().map(|s| s.to_string()).collect(),
            Use::Any,
            &mut literals,
        );
        let scanner = literals.scanner();
        let texts = [
            "",
            "It APPEARED first on Site",
            "Read the full story at Example News.",
            "12 comments",
            "\u{212A}ELVIN on the Hauptstraße",
            "ſtay SAFE",
            "ÉTÉ",
            "Été",
            "nothing here",
            "Source 2025/12",
            "A source that is far too long 2025/12",
        ];
        for text in texts {
            let scan = scanner.scan(text);
            let gated: Vec<usize> = list
                .candidates(text, &scan)
                .filter(|(_, re)| re.is_match(text))
                .map(|(i, _)| i)
                .collect();
            let plain: Vec<usize> = (0..patterns.len())
                .filter(|&i| regex::Regex::new(patterns[i]).unwrap().is_match(text))
                .collect();
            assert_eq!(gated, plain, "{text:?}");
        }
    }

    #[test]
    fn the_scan_loop_finds_what_the_library_finds() {
        use aho_corasick::{AhoCorasick, AhoCorasickKind};
        let mut strings: Vec<String> = ["he", "she", "his", "hers", "e", "straße", "été", "s"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        strings.extend(
            super::super::patterns::builtin_scanner()
                .strings
                .iter()
                .cloned(),
        );
        // Texts made of pieces of the strings themselves (overlapping, glued, cut short)
        // and plain text, by a fixed pseudo-random sequence.
        let mut next = crate::test_support::pseudo_random(0x2545_f491_4f6c_dd1d);
        let mut texts = vec![String::new(), "ushers".to_string()];
        // Short texts, and long ones that the two-lane scan splits.
        for pieces in [12; 300].into_iter().chain([160; 100]) {
            let mut text = String::new();
            for _ in 0..next(pieces) {
                let s = &strings[next(strings.len())];
                let cut = s.char_indices().map(|(i, _)| i).nth(next(4)).unwrap_or(0);
                text.push_str(match next(3) {
                    0 => &s[cut..],
                    1 => &s[..cut],
                    _ => s,
                });
                text.push_str(["", " ", "the ", "x"][next(4)]);
            }
            texts.push(text);
        }
        let mut matches = 0;
        for dfa in [false, true] {
            let ours = Strings::new(&strings, dfa);
            let library = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(if dfa {
                    AhoCorasickKind::DFA
                } else {
                    AhoCorasickKind::ContiguousNFA
                }))
                .build(&strings)
                .unwrap();
            for text in &texts {
                let mut found = Vec::new();
                ours.each_match(text.as_bytes(), |id| found.push(id));
                let want: Vec<usize> = library
                    .find_overlapping_iter(text.as_str())
                    .map(|m| m.pattern().as_usize())
                    .collect();
                assert_eq!(found, want, "{text:?}");
                matches += found.len();
                let mut present = Vec::new();
                ours.each_present(text.as_bytes(), |id| present.push(id));
                let (mut present, mut want) = (present, want);
                present.sort_unstable();
                present.dedup();
                want.sort_unstable();
                want.dedup();
                assert_eq!(present, want, "two lanes, {text:?}");
            }
        }
        assert!(matches > 10 * texts.len(), "the texts hold the strings");
    }
}
