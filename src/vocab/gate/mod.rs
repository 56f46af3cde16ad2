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

mod forms;
mod lead;
mod literals;
mod scan;
mod start;

pub(crate) use scan::{Literals, Scan, Scanner};

use crate::hash::Fold;
use crate::vocab::tester::Tester;
use forms::{compile, compile_tester, larger_form, parse_hir, Shape, Tier};
use lead::{lead, Lead};
use literals::{anchor_prefix, conditions, fold_char, has_skeleton, parse_ast, skeleton};
use once_cell::sync::OnceCell;
use regex_automata::meta;
use regex_syntax::hir::Hir;
use scan::{masks, summary, Masks};
use start::{end_bytes, needs_digit, start_bytes, ByteSet};
use std::collections::HashMap;

/// A compiled built-in pattern: the engine under `regex::Regex`, which alone can be built from
/// a syntax tree (see [`Tier`]).
pub(crate) type Regex = meta::Regex;

/// What the callers of a list read of its patterns.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Use {
    /// Anything: where they match and their groups, on texts of any length.
    Any,
    /// Only whether one matches ([`GatedList::first_match`], which runs them forwards only), on
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
    /// Per pattern, its gates, in one place: they are read together for every text.
    gates: Vec<Gate>,
    /// The patterns every text may match, whatever it holds: those without conditions.
    free: PatternSet,
    /// [`GatedList::free_by_start`], worked out on first use.
    free_by_start: OnceCell<Box<[PatternSet; 257]>>,
    /// [`GatedList::free_by_end`], worked out on first use.
    free_by_end: OnceCell<Box<[PatternSet; 257]>>,
    /// Per literal id, the patterns whose *key* condition (the one of fewest strings) holds
    /// it: a pattern whose key literals the text holds none of cannot match, so a text of few
    /// literals (one or two, typically) looks up a few sets instead of testing every pattern.
    keyed: HashMap<usize, PatternSet, Fold>,
    /// The [`summary`] of the words of the literals of `keyed`.
    keyed_summary: u64,
    /// The literals of `keyed`, as a bit set over their ids: a text's other literals are
    /// not looked up.
    keyed_ids: Vec<u64>,
    /// Per pattern of a [`Use::Matches`] list, a hand-written test that answers as the
    /// pattern does, run instead of the pattern (see [`GatedList::check_by_hand`]).
    by_hand: Vec<Option<ByHand>>,
}

/// A test that answers whether a text matches a pattern (see [`GatedList::check_by_hand`]).
pub(crate) type ByHand = fn(&str) -> bool;

/// Words a query needs a text to hold one of (as substrings, case folded), registered in the
/// [`Literals`] of the lists: the text's [`Scan`] then rules out, at once, most texts.
pub(crate) struct AnyOf(Masks);

impl AnyOf {
    pub(crate) fn new<'a>(words: impl Iterator<Item = &'a str>, literals: &mut Literals) -> AnyOf {
        let ids = words.map(|w| literals.id(anchor_prefix(w.chars().map(fold_char).collect())));
        AnyOf(masks(ids.collect::<Vec<_>>().into_iter()))
    }
}

impl Scan {
    /// Whether the text scanned holds one of the words of `set`.
    pub(crate) fn holds_any(&self, set: &AnyOf) -> bool {
        self.meets(&set.0)
    }
}

/// What a text must pass for a pattern to run on it.
struct Gate {
    /// The pattern's conditions; per condition, the ids of its strings in the [`Literals`]
    /// the list was built with, as bit masks of [`Scan`] words: a text meets the condition
    /// when it has a bit of one of them (strings of one condition are registered together,
    /// so a condition is one or two masks).
    conds: Box<[Masks]>,
    /// Its cheap conditions, worked out on first use.
    needs: OnceCell<Needs>,
    /// Its [`skeleton`] (compiled on first use), if it has one, run before the pattern
    /// itself at [`Tier::Full`], where compiling the pattern costs most.
    skeleton: Option<OnceCell<Tester>>,
}

/// What a text must have for a pattern to match it, read off the pattern's syntax tree.
struct Needs {
    /// Its first byte is one of these ([`start_bytes`]).
    start: Option<ByteSet>,
    /// Its last byte is one of these ([`end_bytes`]).
    end: Option<ByteSet>,
    /// It begins so ([`lead`]).
    lead: Option<Lead>,
    /// Per [`Tier`], whether it holds an ASCII digit ([`needs_digit`]).
    digit: [bool; 3],
}

/// A set of a list's patterns by index, as bits; patterns past [`PATTERN_BITS`] are in every
/// set (their conditions are tested one by one), so a list may be of any length.
type PatternSet = [u64; PATTERN_WORDS];
const PATTERN_WORDS: usize = 4;
const PATTERN_BITS: usize = PATTERN_WORDS * 64;

impl GatedList {
    /// Parses every pattern (a syntax error is a bug in the built-ins) and registers the
    /// strings of their conditions in `literals`, which several lists share.
    pub(crate) fn new(sources: Vec<String>, use_: Use, literals: &mut Literals) -> GatedList {
        let mut free = [0u64; PATTERN_WORDS];
        let mut keyed: HashMap<usize, PatternSet, Fold> = HashMap::with_hasher(Fold::new());
        let gates = sources
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
                Gate {
                    conds: sets.into_iter().map(|set| masks(set.into_iter())).collect(),
                    needs: OnceCell::new(),
                    skeleton: has_skeleton(&tree).then(OnceCell::new),
                }
            })
            .collect();
        let keyed_summary = summary(keyed.keys().map(|&id| (id / 64) as u32));
        let mut keyed_ids = vec![0u64; keyed.keys().max().map_or(0, |&id| id / 64 + 1)];
        for &id in keyed.keys() {
            keyed_ids[id / 64] |= 1 << (id % 64);
        }
        GatedList {
            hirs: sources.iter().map(|_| OnceCell::new()).collect(),
            compiled: sources.iter().map(|_| Default::default()).collect(),
            by_hand: vec![None; sources.len()],
            testers: sources.iter().map(|_| Default::default()).collect(),
            sources,
            use_,
            gates,
            free,
            free_by_start: OnceCell::new(),
            free_by_end: OnceCell::new(),
            keyed,
            keyed_summary,
            keyed_ids,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.sources.len()
    }

    /// Has the pattern written `source` answered by `check`, which must answer as the pattern
    /// does on every text (its tests compare them): for a pattern whose automaton costs far
    /// more than reading the text by hand. Its gates still run first.
    pub(crate) fn check_by_hand(&mut self, source: &str, check: ByHand) {
        assert!(
            matches!(self.use_, Use::Matches { .. }),
            "only asked whether it matches"
        );
        let i = self
            .sources
            .iter()
            .position(|s| s == source)
            .unwrap_or_else(|| panic!("no pattern {source:?}"));
        self.by_hand[i] = Some(check);
    }

    /// Pattern `i`'s syntax tree, parsed now if it was not yet.
    fn hir(&self, i: usize) -> &Hir {
        self.hirs[i].get_or_init(|| parse_hir(&self.sources[i]))
    }

    /// Whether pattern `i` may match `text`, of `scan`, as far as its [`Needs`] tell.
    #[inline(always)]
    fn may_match(&self, i: usize, text: &str, scan: &Scan) -> bool {
        let needs = self.gates[i].needs.get_or_init(|| self.needs_of(i));
        let takes = |set: &ByteSet, byte: Option<&u8>| {
            byte.is_some_and(|&b| set[usize::from(b / 64)] & 1 << (b % 64) != 0)
        };
        needs
            .start
            .is_none_or(|set| takes(&set, text.as_bytes().first()))
            && needs
                .end
                .is_none_or(|set| takes(&set, text.as_bytes().last()))
            && (!needs.digit[scan.tier as usize] || scan.has_digit(text))
            && needs.lead.as_ref().is_none_or(|lead| lead.allows(text))
    }

    /// Per first byte of a text, and for the empty text, the patterns without conditions whose
    /// [`start_bytes`] allow it.
    #[cold]
    #[inline(never)]
    fn free_by_start(&self) -> Box<[PatternSet; 257]> {
        self.free_by(|needs| needs.start)
    }

    /// As [`GatedList::free_by_start`], by the last byte of a text and the patterns'
    /// [`end_bytes`]: most texts end with a byte a date or a separator line cannot.
    #[cold]
    #[inline(never)]
    fn free_by_end(&self) -> Box<[PatternSet; 257]> {
        self.free_by(|needs| needs.end)
    }

    /// Per byte, and for the empty text, the patterns without conditions whose bytes `of`
    /// their [`Needs`] allow it.
    fn free_by(&self, of: fn(&Needs) -> Option<ByteSet>) -> Box<[PatternSet; 257]> {
        let mut table = Box::new([[0u64; PATTERN_WORDS]; 257]);
        for i in
            (0..self.len().min(PATTERN_BITS)).filter(|i| self.free[i / 64] & 1 << (i % 64) != 0)
        {
            let needs = self.gates[i].needs.get_or_init(|| self.needs_of(i));
            for (at, set) in table.iter_mut().enumerate() {
                // A pattern with such bytes takes one: the empty text (256) cannot match it.
                let may =
                    of(needs).is_none_or(|set| at < 256 && set[at / 64] & 1 << (at % 64) != 0);
                if may {
                    set[i / 64] |= 1 << (i % 64);
                }
            }
        }
        table
    }

    /// Pattern `i`'s [`Needs`], worked out once (kept out of the gates' loop).
    #[cold]
    #[inline(never)]
    fn needs_of(&self, i: usize) -> Needs {
        let hir = self.hir(i);
        let tiers = [Tier::Ascii, Tier::Latin, Tier::Full];
        Needs {
            start: start_bytes(hir),
            end: end_bytes(hir),
            lead: lead(hir),
            digit: tiers.map(|tier| needs_digit(hir, tier.alphabet().as_ref())),
        }
    }

    /// Pattern `i` for a text of `tier`, widened or not, compiled now if there is none yet.
    fn regex(&self, i: usize, tier: Tier, widened: bool) -> &Regex {
        self.usable_form(&self.compiled[i], i, tier, widened, compile)
    }

    /// Pattern `i` compiled for `tier`, widened or not, compiled now if it was not yet.
    #[cfg(test)]
    fn form(&self, i: usize, tier: Tier, widened: bool) -> &Regex {
        self.own_form(&self.compiled[i], i, tier, widened, compile)
    }

    /// As [`GatedList::regex`], the pattern compiled forwards only.
    fn tester(&self, i: usize, tier: Tier, widened: bool) -> &Tester {
        self.usable_form(&self.testers[i], i, tier, widened, compile_tester)
    }

    /// As [`GatedList::form`], the pattern compiled forwards only.
    #[cfg(test)]
    fn tester_form(&self, i: usize, tier: Tier, widened: bool) -> &Tester {
        self.own_form(&self.testers[i], i, tier, widened, compile_tester)
    }

    /// Of pattern `i`'s `forms` (per widening, per tier), one for a text of `tier`: a form
    /// compiled for a larger alphabet matches such a text as its own form would, and
    /// compiling that one too would cost more than it saves.
    fn usable_form<'a, T>(
        &'a self,
        forms: &'a [[OnceCell<T>; 3]; 2],
        i: usize,
        tier: Tier,
        widened: bool,
        build: fn(&Hir, &str) -> T,
    ) -> &'a T {
        larger_form(&forms[widened as usize], tier)
            .unwrap_or_else(|| self.own_form(forms, i, tier, widened, build))
    }

    /// Pattern `i`'s form for `tier` among its `forms`, built now if it was not yet.
    fn own_form<'a, T>(
        &'a self,
        forms: &'a [[OnceCell<T>; 3]; 2],
        i: usize,
        tier: Tier,
        widened: bool,
        build: fn(&Hir, &str) -> T,
    ) -> &'a T {
        forms[widened as usize][tier as usize]
            .get_or_init(|| build(&self.shaped(i, tier, widened), &self.sources[i]))
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
            if self.gates[i].skeleton.is_some() {
                self.skeleton_tester(i);
            }
        }
    }

    /// Pattern `i`'s skeleton compiled (once per process, kept out of the gates' loop).
    #[cold]
    #[inline(never)]
    fn skeleton_tester(&self, i: usize) -> Tester {
        compile_tester(&skeleton(self.hir(i)), &self.sources[i])
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

    /// Checks that on each text the gates keep the first pattern `regex` finds a match of:
    /// `scan` makes a text's [`Scan`].
    #[cfg(test)]
    pub(crate) fn assert_gates_keep_first_match(
        &self,
        texts: &[&str],
        scan: impl Fn(&str) -> Scan,
    ) {
        let plain: Vec<regex::Regex> = self
            .sources
            .iter()
            .map(|source| regex::Regex::new(source).unwrap())
            .collect();
        for &text in texts {
            let first = plain.iter().position(|re| re.is_match(text));
            assert_eq!(self.first_match(text, &scan(text)), first, "{text:?}");
        }
    }

    /// The patterns that may match `text`, in order, with their index: the others cannot.
    /// Each is the one compiled for the text's [`Tier`] (and length, see [`Use::Matches`]).
    /// `scan` is the text's [`Scan`] by the [`Scanner`] of this list's [`Literals`]. (A
    /// [`Use::Matches`] list is asked through [`GatedList::first_match`].)
    #[inline]
    pub(crate) fn candidates<'a>(
        &'a self,
        text: &'a str,
        scan: &'a Scan,
    ) -> impl Iterator<Item = (usize, &'a Regex)> + 'a {
        // Worked out for the first candidate: most texts have none, and a long text's
        // characters are counted.
        let mut widened = None;
        self.gated(text, scan).map(move |i| {
            let widened = *widened.get_or_insert_with(|| self.widens_for(text));
            (i, self.regex(i, scan.tier, widened))
        })
    }

    /// Whether a text of `scan` may have a candidate at all, asked before any other work: most
    /// texts hold no literal of a list, and a list without free patterns then has none.
    #[inline(always)]
    pub(crate) fn may_have_candidates(&self, scan: &Scan) -> bool {
        scan.summary & self.keyed_summary != 0
            || self.free != [0; PATTERN_WORDS]
            || self.len() > PATTERN_BITS
    }

    /// The index of the first pattern that matches `text`; those of a [`Use::Matches`] list
    /// are run forwards only (see [`tester`](super::tester)).
    pub(crate) fn first_match(&self, text: &str, scan: &Scan) -> Option<usize> {
        let widened = self.widens_for(text);
        let matches = |i: usize| self.runs(i, text, scan, widened);
        // A list of one pattern (most are) needs no index: its conditions are all tested.
        if self.len() == 1 {
            return matches(0).then_some(0);
        }
        let len = self.len();
        // The patterns without conditions that may start with the text's first byte.
        let free = if self.free == [0; PATTERN_WORDS] {
            self.free
        } else {
            let by_start = self.free_by_start.get_or_init(|| self.free_by_start());
            let by_end = self.free_by_end.get_or_init(|| self.free_by_end());
            let (first, last) = (text.as_bytes().first(), text.as_bytes().last());
            let starts = by_start[first.map_or(256, |&b| usize::from(b))];
            let ends = by_end[last.map_or(256, |&b| usize::from(b))];
            std::array::from_fn(|w| starts[w] & ends[w])
        };
        let may = self.may(scan, free);
        for (w, &word) in may.iter().enumerate().take(len.div_ceil(64)) {
            let mut bits = word;
            while bits != 0 {
                let i = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if matches(i) {
                    return Some(i);
                }
            }
        }
        (PATTERN_BITS.min(len)..len).find(|&i| matches(i))
    }

    /// The indices of the patterns whose gates `text` passes, in order.
    #[inline]
    fn gated<'a>(&'a self, text: &'a str, scan: &'a Scan) -> Gated<'a> {
        let may = self.may(scan, self.free);
        let len = self.len();
        Gated {
            list: self,
            text,
            scan,
            bits: may[0],
            may,
            word: 0,
            words: len.div_ceil(64).min(PATTERN_WORDS),
            rest: PATTERN_BITS.min(len)..len,
        }
    }

    /// The patterns a text of `scan` may match as far as their key conditions tell (see
    /// `keyed`), and `free`, the patterns without conditions it may match.
    #[inline(always)]
    fn may(&self, scan: &Scan, free: PatternSet) -> PatternSet {
        let mut may = free;
        if scan.summary & self.keyed_summary != 0 {
            scan.each_literal_among(&self.keyed_ids, |id| {
                if let Some(set) = self.keyed.get(&id) {
                    for (m, s) in may.iter_mut().zip(set) {
                        *m |= s;
                    }
                }
            });
        }
        may
    }

    /// Whether `text` passes pattern `i`'s gates: its conditions, its [`Needs`] and, at
    /// [`Tier::Full`], its skeleton.
    #[inline(always)]
    fn passes(&self, i: usize, text: &str, scan: &Scan) -> bool {
        let gate = &self.gates[i];
        gate.conds.iter().all(|set| scan.meets(set))
            && self.may_match(i, text, scan)
            && match &gate.skeleton {
                Some(cell) if scan.tier == Tier::Full => {
                    cell.get_or_init(|| self.skeleton_tester(i)).is_match(text)
                }
                _ => true,
            }
    }

    /// Whether pattern `i` matches `text`, of `scan`: its gates first, then the pattern in
    /// its form for the text's `tier` and length.
    #[inline(always)]
    fn runs(&self, i: usize, text: &str, scan: &Scan, widened: bool) -> bool {
        self.passes(i, text, scan)
            && match self.use_ {
                Use::Matches { .. } => match self.by_hand[i] {
                    Some(check) => check(text),
                    None => self.tester(i, scan.tier, widened).is_match(text),
                },
                Use::Any | Use::AnyShort { .. } => self.regex(i, scan.tier, widened).is_match(text),
            }
    }
}

/// The patterns of a list whose gates a text passes, in order: those of the set `may` (the
/// key literals' and the free ones), then those past [`PATTERN_BITS`], each tested by
/// [`GatedList::passes`]. A loop of its own: the adapters' closures were not always inlined.
struct Gated<'a> {
    list: &'a GatedList,
    text: &'a str,
    scan: &'a Scan,
    may: PatternSet,
    /// The word of `may` being read, and its bits not read yet.
    word: usize,
    bits: u64,
    /// How many words of `may` the list's patterns fill.
    words: usize,
    rest: std::ops::Range<usize>,
}

impl Iterator for Gated<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        loop {
            let i = if self.bits != 0 {
                let b = self.bits.trailing_zeros() as usize;
                self.bits &= self.bits - 1;
                self.word * 64 + b
            } else if self.word + 1 < self.words {
                self.word += 1;
                self.bits = self.may[self.word];
                continue;
            } else {
                self.rest.next()?
            };
            if self.list.passes(i, self.text, self.scan) {
                return Some(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            // The patterns' other gates (a digit for `\d{4}`) apply either way.
            let every: Vec<usize> = (0..list.len())
                .filter(|&i| list.gates[i].conds.iter().all(|set| scan.meets(set)))
                .filter(|&i| list.may_match(i, text, &scan))
                .collect();
            assert_eq!(indexed, every, "{text:?}");
        }
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
            // Digits of other scripts, which `\d` takes too.
            "Source ٢٠٢٥/١٢",
            "Été 2025/12",
            "٣ comments",
            "Été sans chiffres",
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
            // The first match goes by the free patterns' start bytes too.
            assert_eq!(
                list.first_match(text, &scan),
                plain.first().copied(),
                "{text:?}"
            );
        }
    }
}
