//! Finding the condition strings in a text: every list registers its strings in one
//! [`Literals`], whose [`Scanner`] finds those a text holds in one pass over the folded text,
//! and a [`Scan`] keeps them, as a bit set, for the gates to test.

use super::forms::{in_latin, Tier};
use super::literals::fold_char;
use crate::chars::{all_ascii, first_non_ascii};
use aho_corasick::automaton::Automaton;
use aho_corasick::{nfa::contiguous, Anchored, MatchKind};
use once_cell::sync::OnceCell;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// `text` with every character folded (the reference [`fold_for_scan`] is tested against).
#[cfg(test)]
fn fold_text(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// `fold_text` of `text` with ASCII lower-cased too, as the contiguous NFA reads it (it is
/// built on folded strings and matches case-sensitively: ignoring ASCII case doubled its letter
/// transitions), and the text's [`Tier`]. ASCII goes through one lower-casing copy; only the
/// other characters are looked at one by one, and the text is folded again from the first of
/// them that folds to something else (punctuation and lower-case letters, most, do not).
/// Written into `folded`, whose buffer a thread keeps from one text to the next.
pub(super) fn fold_for_scan(text: &str, folded: &mut String) -> Tier {
    folded.clear();
    folded.push_str(text);
    folded.make_ascii_lowercase();
    let (tier, first_folded) = what_folds(text);
    if let Some(at) = first_folded {
        fold_from(text, at, folded);
    }
    tier
}

/// The text's [`Tier`], and where the first character other than ASCII is that folds to
/// something else, if one does.
#[inline(always)]
fn what_folds(text: &str) -> (Tier, Option<usize>) {
    if all_ascii(text.as_bytes()) {
        return (Tier::Ascii, None);
    }
    what_folds_beyond_ascii(text)
}

/// [`what_folds`] of a text that is not all ASCII (few are: kept out of the callers).
#[inline(never)]
fn what_folds_beyond_ascii(text: &str) -> (Tier, Option<usize>) {
    let bytes = text.as_bytes();
    let mut latin = true;
    let mut first_folded = None;
    let mut i = 0;
    while let Some(at) = next_non_ascii(bytes, i) {
        i = at;
        let c = text[i..].chars().next().expect("a character boundary");
        latin = latin && in_latin(c);
        // General punctuation (curly quotes, dashes) has no case.
        if first_folded.is_none() && !matches!(c, '\u{2000}'..='\u{206F}') && fold_char(c) != c {
            first_folded = Some(i);
        }
        i += c.len_utf8();
    }
    (if latin { Tier::Latin } else { Tier::Full }, first_folded)
}

/// `folded`, a copy of `text`, folded from `at` on (what comes before folds to itself, but for
/// ASCII case).
fn fold_from(text: &str, at: usize, folded: &mut String) {
    folded.truncate(at);
    folded.extend(text[at..].chars().map(fold_char));
}

/// What a scan works in: the folded text and the bit set of the literals found, kept by each
/// thread from one scan to the next for their buffers (the bit set all zero).
struct Scratch {
    folded: String,
    bits: Vec<u64>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = const {
        RefCell::new(Scratch {
            folded: String::new(),
            bits: Vec::new(),
        })
    };
}

/// A folding buffer larger than this is let go after its scan.
const KEEP_FOLDED_BYTES: usize = 1 << 16;

/// The index of the first byte of `bytes` at or after `from` that is not ASCII.
fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    let at = from + first_non_ascii(&bytes[from..]);
    (at < bytes.len()).then_some(at)
}

/// The condition strings of several lists, each registered once.
#[derive(Default)]
pub(crate) struct Literals {
    strings: Vec<String>,
    ids: HashMap<String, usize>,
}

impl Literals {
    pub(super) fn id(&mut self, s: String) -> usize {
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
        let nfa = (!self.strings.is_empty()).then(|| Strings::nfa(&self.strings));
        Scanner {
            nfa,
            dfa: OnceCell::new(),
            building: AtomicBool::new(false),
            strings: self.strings,
            scanned: AtomicUsize::new(0),
            words,
        }
    }
}

/// The strings' automaton: the contiguous NFA, which reads folded text (see
/// [`fold_for_scan`]) case-sensitively, or the dense DFA, which reads ASCII upper case as
/// lower case.
enum Strings {
    Nfa(contiguous::NFA),
    Dense(Dense),
}

impl Strings {
    fn nfa(strings: &[String]) -> Strings {
        // No prefilter: none helps with this many strings (the library builds none for
        // them), and `each_match` does not run one.
        Strings::Nfa(
            contiguous::Builder::new()
                .match_kind(MatchKind::Standard)
                .prefilter(false)
                .build(strings)
                .expect("a thousand short strings"),
        )
    }

    /// Calls `f` with the id of every string occurring in `haystack`, overlaps included.
    #[cfg(test)]
    fn each_match(&self, haystack: &[u8], f: impl FnMut(usize)) {
        match self {
            Strings::Nfa(a) => each_match(a, haystack, f),
            Strings::Dense(a) => each_match(a, haystack, f),
        }
    }

    /// Calls `f` with the id of every string occurring in `haystack`, at least once each, in
    /// no particular order (see [`each_match_in_two`]).
    fn each_present(&self, haystack: &[u8], f: impl FnMut(usize)) {
        match self {
            Strings::Nfa(a) => each_match_in_two(a, haystack, f),
            Strings::Dense(a) => each_match_in_two(a, haystack, f),
        }
    }
}

/// What the scan loops need of an automaton.
trait Steps {
    type State: Copy;
    fn start(&self) -> Self::State;
    fn step(&self, state: Self::State, byte: u8) -> Self::State;
    /// A dead state or one that matches.
    fn is_special(&self, state: Self::State) -> bool;
    fn is_dead(&self, state: Self::State) -> bool;
    /// Calls `f` with the id of each string the state matches (none, for a state that does
    /// not match).
    fn each_string(&self, state: Self::State, f: &mut impl FnMut(usize));
    fn longest(&self) -> usize;
}

impl Steps for contiguous::NFA {
    type State = aho_corasick::automaton::StateID;

    fn start(&self) -> Self::State {
        self.start_state(Anchored::No)
            .expect("an unanchored automaton")
    }

    #[inline(always)]
    fn step(&self, state: Self::State, byte: u8) -> Self::State {
        self.next_state(Anchored::No, state, byte)
    }

    #[inline(always)]
    fn is_special(&self, state: Self::State) -> bool {
        Automaton::is_special(self, state)
    }

    fn is_dead(&self, state: Self::State) -> bool {
        Automaton::is_dead(self, state)
    }

    fn each_string(&self, state: Self::State, f: &mut impl FnMut(usize)) {
        if self.is_match(state) {
            for i in 0..self.match_len(state) {
                f(self.match_pattern(state, i).as_usize());
            }
        }
    }

    fn longest(&self) -> usize {
        self.max_pattern_len()
    }
}

/// The Aho-Corasick DFA of the strings in one table: a state's row holds the next state for
/// each column, a byte's column by [`Dense::columns`]. States are numbered by where their row
/// starts, so a step is one addition and one load, and states that match come first, so one
/// comparison tells the others. It never dies. Built from the strings in one pass over the
/// trie (a quarter of what the library's DFA cost to build, and two thirds of its size), and,
/// as it reads ASCII upper case as lower case, it scans a text with nothing else to fold as it
/// is, without a lower-cased copy.
struct Dense {
    /// Each byte's column: one for each byte of the strings, ASCII upper case the column of
    /// its lower case, and one column shared by the bytes that no string holds.
    columns: [u16; 256],
    /// The rows, padded with zeros to [`DENSE_ENTRIES`]: a step indexes it with a mask, which
    /// the compiler knows keeps in range, instead of a bounds check per byte. The padding's
    /// pages are never written, so never take memory.
    next: Box<[u32; DENSE_ENTRIES]>,
    start: u32,
    /// The first state that matches no string.
    plain_from: u32,
    /// Columns per row.
    stride: u32,
    /// The strings the match state `k` (numbered from 0) matches: `ids[ends[k]..ends[k + 1]]`.
    ends: Box<[u32]>,
    ids: Box<[u32]>,
    longest: usize,
}

/// Entries of a [`Dense`] table: room for three times the ~730,000 of the built-in strings'.
const DENSE_ENTRIES: usize = 1 << 21;

impl Dense {
    /// The DFA of `strings`, if its table fits in [`DENSE_ENTRIES`].
    fn new(strings: &[String]) -> Option<Dense> {
        const NONE: u32 = u32::MAX;
        // A string holding ASCII upper case matches no text, which reads as lower case (the
        // strings are folded: none does).
        let kept = |s: &&String| !s.bytes().any(|b| b.is_ascii_uppercase());
        let mut held = [false; 256];
        for s in strings.iter().filter(kept) {
            for b in s.bytes() {
                held[usize::from(b)] = true;
            }
        }
        // Column 0 for the bytes no string holds.
        let mut columns = [0u16; 256];
        let mut stride = 1u16;
        for b in 0..256 {
            if held[b] {
                columns[b] = stride;
                stride += 1;
            }
        }
        for b in b'A'..=b'Z' {
            columns[usize::from(b)] = columns[usize::from(b.to_ascii_lowercase())];
        }
        let width = usize::from(stride);
        // The trie, a row of children per node (node 0 the root), and each node's strings.
        let mut rows: Vec<u32> = vec![NONE; width];
        let mut own: Vec<Vec<u32>> = vec![Vec::new()];
        for (id, s) in strings.iter().enumerate() {
            if !kept(&s) {
                continue;
            }
            let mut node = 0;
            for b in s.bytes() {
                let at = node * width + usize::from(columns[usize::from(b)]);
                if rows[at] == NONE {
                    rows[at] = own.len() as u32;
                    own.push(Vec::new());
                    rows.resize(rows.len() + width, NONE);
                }
                node = rows[at] as usize;
            }
            own[node].push(id as u32);
        }
        // Breadth first, every missing child becomes the step its failure state takes (a
        // shorter state, done already), and each state matches its own strings and its
        // failure state's.
        let states = own.len();
        let mut fail = vec![0u32; states];
        let mut matches: Vec<Vec<u32>> = vec![Vec::new(); states];
        matches[0] = std::mem::take(&mut own[0]);
        let mut order = Vec::with_capacity(states);
        order.push(0u32);
        for step in &mut rows[..width] {
            match *step {
                NONE => *step = 0,
                child => order.push(child),
            }
        }
        let mut k = 1;
        while k < order.len() {
            let node = order[k] as usize;
            k += 1;
            let f = fail[node] as usize;
            let mut m = std::mem::take(&mut own[node]);
            m.extend_from_slice(&matches[f]);
            matches[node] = m;
            for c in 0..width {
                let via_fail = rows[f * width + c];
                let at = node * width + c;
                match rows[at] {
                    NONE => rows[at] = via_fail,
                    child => {
                        fail[child as usize] = via_fail;
                        order.push(child);
                    }
                }
            }
        }
        // The states that match first, in breadth-first order, then the others.
        let mut number = vec![0u32; states];
        let mut ends = vec![0u32];
        let mut ids = Vec::new();
        let mut next_number = 0;
        for &node in &order {
            let m = &matches[node as usize];
            if !m.is_empty() {
                number[node as usize] = next_number * u32::from(stride);
                next_number += 1;
                ids.extend_from_slice(m);
                ends.push(ids.len() as u32);
            }
        }
        let plain_from = next_number * u32::from(stride);
        for &node in &order {
            if matches[node as usize].is_empty() {
                number[node as usize] = next_number * u32::from(stride);
                next_number += 1;
            }
        }
        if states * width > DENSE_ENTRIES {
            return None;
        }
        let mut next: Box<[u32; DENSE_ENTRIES]> = vec![0u32; DENSE_ENTRIES]
            .into_boxed_slice()
            .try_into()
            .expect("DENSE_ENTRIES entries");
        for node in 0..states {
            let row = number[node] as usize;
            for c in 0..width {
                next[row + c] = number[rows[node * width + c] as usize];
            }
        }
        Some(Dense {
            columns,
            next,
            start: number[0],
            plain_from,
            stride: u32::from(stride),
            ends: ends.into(),
            ids: ids.into(),
            longest: strings
                .iter()
                .filter(kept)
                .map(String::len)
                .max()
                .unwrap_or(0),
        })
    }
}

impl Steps for Dense {
    type State = u32;

    fn start(&self) -> u32 {
        self.start
    }

    #[inline(always)]
    fn step(&self, state: u32, byte: u8) -> u32 {
        let at = state as usize + usize::from(self.columns[usize::from(byte)]);
        // Only states and columns of the table are added: the mask changes nothing.
        self.next[at & (DENSE_ENTRIES - 1)]
    }

    #[inline(always)]
    fn is_special(&self, state: u32) -> bool {
        state < self.plain_from
    }

    fn is_dead(&self, _: u32) -> bool {
        false
    }

    fn each_string(&self, state: u32, f: &mut impl FnMut(usize)) {
        if state < self.plain_from {
            let k = (state / self.stride) as usize;
            for &id in &self.ids[self.ends[k] as usize..self.ends[k + 1] as usize] {
                f(id as usize);
            }
        }
    }

    fn longest(&self) -> usize {
        self.longest
    }
}

/// What `AhoCorasick::find_overlapping_iter` reports (as ids), in a loop of its own: the
/// library's keeps its position in the iterator's state in memory, which cost twice the
/// instructions per byte of this one. Without a prefilter only dead and match states are
/// special. Not inlined: in its caller the loop's state did not fit in registers.
#[inline(never)]
fn each_match<A: Steps>(aut: &A, haystack: &[u8], mut f: impl FnMut(usize)) {
    let mut sid = aut.start();
    aut.each_string(sid, &mut f);
    for &b in haystack {
        sid = aut.step(sid, b);
        if aut.is_special(sid) {
            if aut.is_dead(sid) {
                return;
            }
            aut.each_string(sid, &mut f);
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
fn each_match_in_two<A: Steps>(aut: &A, haystack: &[u8], mut f: impl FnMut(usize)) {
    let overlap = aut.longest().saturating_sub(1);
    if haystack.len() < TWO_LANES_FROM.max(3 * overlap) {
        return each_match(aut, haystack, f);
    }
    let mid = haystack.len() / 2;
    let (first, second) = (&haystack[..mid], &haystack[mid - overlap..]);
    let start = aut.start();
    let mut dead = false;
    let mut report = |sid| {
        if aut.is_dead(sid) {
            dead = true;
            return;
        }
        aut.each_string(sid, &mut f);
    };
    report(start);
    let (mut a, mut b) = (start, start);
    let together = first.len().min(second.len());
    for (&x, &y) in first[..together].iter().zip(&second[..together]) {
        a = aut.step(a, x);
        b = aut.step(b, y);
        if aut.is_special(a) {
            report(a);
        }
        if aut.is_special(b) {
            report(b);
        }
    }
    for &y in &second[together..] {
        b = aut.step(b, y);
        if aut.is_special(b) {
            report(b);
        }
    }
    for &x in &first[together..] {
        a = aut.step(a, x);
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

/// Bytes a process scans with the NFA before it builds the DFA: the [`Dense`] DFA of these
/// ~1,300 strings (cut to [`MAX_ANCHOR_CHARS`](super::literals::MAX_ANCHOR_CHARS); 8,400
/// states, 2.9 MB) costs about 25 M instructions to build and then 34 fewer a byte than the
/// NFA, so what the NFA costs over the DFA on about this much text is what building the DFA
/// costs once (and a process never pays more than twice the better of the two choices).
const DFA_AFTER_BYTES: usize = 3 << 18;

/// Finds which [`Literals`] a text holds, in one pass.
pub(crate) struct Scanner {
    nfa: Option<Strings>,
    /// Built once the process has scanned [`DFA_AFTER_BYTES`] (counted in `scanned` until
    /// then); it finds the same strings.
    dfa: OnceCell<Option<Strings>>,
    /// Set by the thread that builds `dfa`: the others go on with the NFA meanwhile, where
    /// waiting for the build (a few milliseconds) left a core idle.
    building: AtomicBool,
    strings: Vec<String>,
    scanned: AtomicUsize,
    /// Bit-set words per scan.
    words: usize,
}

/// What the gates need to know of a text: its tier and the literals it holds.
#[derive(Clone)]
pub(crate) struct Scan {
    pub(super) tier: Tier,
    /// Whether the text holds an ASCII digit (see [`needs_digit`](super::start::needs_digit)),
    /// once a pattern that needs one asks: most texts are not asked.
    digits: Cell<Option<bool>>,
    /// Set once the built-in glued list is found to have no candidate for the text (see
    /// `Scanned::glued_spans`): a block's scan is kept for every later question, and the
    /// templates ask the same list of the same text again.
    pub(crate) no_glued: Cell<bool>,
    /// The [`summary`] of the words of `present`.
    pub(super) summary: u64,
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
    /// Calls `f` with the id of each literal the text holds that `among`, a bit set over the
    /// ids (by word; the words past its end are empty), holds: those a list looks up.
    pub(super) fn each_literal_among(&self, among: &[u64], mut f: impl FnMut(usize)) {
        let mut word = |w: u16, b: u64| {
            let b = b & among.get(usize::from(w)).copied().unwrap_or(0);
            bits(b).for_each(|k| f(usize::from(w) * 64 + k))
        };
        match &self.present {
            Present::Inline { len, at, bits } => {
                for k in 0..*len as usize {
                    word(at[k], bits[k]);
                }
            }
            Present::Heap(words) => words.iter().for_each(|&(w, b)| word(w, b)),
        }
    }

    /// Whether `text`, the text scanned, holds an ASCII digit.
    pub(super) fn has_digit(&self, text: &str) -> bool {
        if let Some(known) = self.digits.get() {
            return known;
        }
        let known = has_ascii_digit(text.as_bytes());
        self.digits.set(Some(known));
        known
    }

    /// The text holds one of the literals of `masks`.
    pub(super) fn meets(&self, masks: &Masks) -> bool {
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
        let dfa = match self.dfa.get() {
            Some(dfa) => dfa.as_ref(),
            // Bytes are counted only until the DFA is built: the threads then no longer write
            // the shared counter for every block.
            None if self.scanned.fetch_add(text.len(), Ordering::Relaxed) >= DFA_AFTER_BYTES
                && !self.building.swap(true, Ordering::Relaxed) =>
            {
                let strings = (!self.strings.is_empty()).then_some(&self.strings);
                let built = strings.and_then(|s| Dense::new(s)).map(Strings::Dense);
                self.dfa.get_or_init(|| built).as_ref()
            }
            None => None,
        };
        let automaton = dfa.or(self.nfa.as_ref());
        Self::scan_with(automaton, self.words, text)
    }

    /// [`Scanner::scan`] with `automaton`, of a bit set of `words` words.
    fn scan_with(automaton: Option<&Strings>, words: usize, text: &str) -> Scan {
        SCRATCH.with_borrow_mut(|Scratch { folded, bits }| {
            // Which literals occur, as a bit set, all zero between scans.
            if bits.len() < words {
                bits.resize(words, 0);
            }
            // The DFA reads the text itself unless some character other than ASCII folds.
            let (tier, haystack) = match automaton {
                Some(Strings::Dense(_)) => match what_folds(text) {
                    (tier, Some(at)) => {
                        folded.clear();
                        folded.push_str(&text[..at]);
                        fold_from(text, at, folded);
                        (tier, folded.as_bytes())
                    }
                    (tier, None) => (tier, text.as_bytes()),
                },
                _ => (fold_for_scan(text, folded), folded.as_bytes()),
            };
            // The words given a bit, in the order found, while there are few (a text holds
            // one or two literals, typically): the bit set is then not read through.
            let mut found = [0u16; INLINE_WORDS];
            let mut words_found = 0;
            if let Some(ac) = automaton {
                ac.each_present(haystack, |l| {
                    if bits[l / 64] == 0 {
                        if let Some(slot) = found.get_mut(words_found) {
                            *slot = (l / 64) as u16;
                        }
                        words_found += 1;
                    }
                    bits[l / 64] |= 1 << (l % 64);
                });
            }
            if folded.capacity() > KEEP_FOLDED_BYTES {
                *folded = String::new();
            }
            if words_found <= INLINE_WORDS {
                let at = &mut found[..words_found];
                at.sort_unstable();
                let mut kept = [0u64; INLINE_WORDS];
                for (k, &w) in at.iter().enumerate() {
                    kept[k] = std::mem::take(&mut bits[usize::from(w)]);
                }
                return Scan {
                    tier,
                    digits: Cell::new(None),
                    no_glued: Cell::new(false),
                    summary: summary(at.iter().map(|&w| u32::from(w))),
                    present: Present::Inline {
                        len: words_found as u8,
                        at: found,
                        bits: kept,
                    },
                };
            }
            let words: Rc<[(u16, u64)]> = bits
                .iter()
                .enumerate()
                .filter(|(_, &b)| b != 0)
                .map(|(w, &b)| (w as u16, b))
                .collect();
            bits.fill(0);
            Scan {
                tier,
                digits: Cell::new(None),
                no_glued: Cell::new(false),
                summary: summary(words.iter().map(|&(w, _)| u32::from(w))),
                present: Present::Heap(words),
            }
        })
    }
}

/// Whether `bytes` holds an ASCII digit: 16 bytes at a time without an early exit, which the
/// compiler turns into wide compares; the last 16 bytes cover the rest.
fn has_ascii_digit(bytes: &[u8]) -> bool {
    fn any_of_16(block: &[u8]) -> bool {
        let block: &[u8; 16] = block.try_into().expect("16 bytes");
        block
            .iter()
            .fold(0u8, |any, &b| any | u8::from(b.wrapping_sub(b'0') < 10))
            != 0
    }
    let Some(last) = bytes.len().checked_sub(16) else {
        return bytes.iter().any(u8::is_ascii_digit);
    };
    bytes.chunks_exact(16).any(any_of_16) || any_of_16(&bytes[last..])
}

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
pub(super) struct Masks {
    summary: u64,
    words: Box<[(u32, u64)]>,
}

/// Bit `w % 64` for each word index `w`: two sets of words that share a word share a bit of
/// their summaries, so a condition on words the text has none of fails at one `and`.
pub(super) fn summary(words: impl Iterator<Item = u32>) -> u64 {
    words.fold(0, |s, w| s | 1 << (w % 64))
}

pub(super) fn masks(ids: impl Iterator<Item = usize>) -> Masks {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_for_a_scan_finds_what_folding_every_character_does() {
        let check = |text: &str| {
            let mut folded = String::new();
            let tier = fold_for_scan(text, &mut folded);
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
            "THE QUICK BROWN FOX @[`{ JUMPS OVER Ärger ÉTÉ Straße ſ\u{212A}",
        ] {
            check(text);
        }
        // Every ASCII character, in and out of the 16-byte blocks.
        let ascii: String = (0..128u8).map(char::from).collect();
        for lead in ["", "x", "Σ"] {
            check(&format!("{lead}{ascii}{ascii}É"));
            check(&format!("{lead}{ascii}"));
        }
    }

    #[test]
    fn non_ascii_bytes_are_found_wherever_they_are() {
        for len in 0..70 {
            let plain = "x".repeat(len);
            assert_eq!(next_non_ascii(plain.as_bytes(), 0), None);
            for at in 0..=len {
                let text = format!("{}é{}", &plain[..at], &plain[at..]);
                for from in 0..=at {
                    assert_eq!(next_non_ascii(text.as_bytes(), from), Some(at), "{text:?}");
                }
                assert_eq!(next_non_ascii(text.as_bytes(), at + 1), Some(at + 1));
                assert_eq!(next_non_ascii(text.as_bytes(), at + 2), None);
            }
        }
    }

    #[test]
    fn digits_are_found_wherever_they_are() {
        for len in 0..70 {
            let plain = "é".repeat(len / 2) + &"x".repeat(len % 2);
            assert!(!has_ascii_digit(plain.as_bytes()), "{plain:?}");
            for at in 0..=plain.len() {
                let mut text = plain.as_bytes().to_vec();
                text.insert(at, b'0' + (at % 10) as u8);
                assert!(has_ascii_digit(&text), "{text:?}");
            }
        }
        assert!(!has_ascii_digit("/:٣".as_bytes()));
    }

    #[test]
    fn the_dfa_reading_texts_unfolded_finds_what_the_nfa_finds_folded() {
        let scanner = crate::vocab::patterns::builtin_scanner();
        let strings = &scanner.strings;
        let nfa = Strings::nfa(strings);
        let dense = Strings::Dense(Dense::new(strings).expect("the built-in strings' DFA fits"));
        let mut next = crate::test_support::pseudo_random(0x9e37_79b9_7f4a_7c15);
        let pieces = [
            " ", "É", "ſ", "\u{212A}", "Straße", "ÄRGER", "日本", "’", "“", "Σ", "x", ". ",
        ];
        let mut texts = vec![String::new()];
        for n in [6; 300].into_iter().chain([60; 100]) {
            let mut text = String::new();
            for _ in 0..next(n) {
                if next(2) == 0 {
                    let s = &strings[next(strings.len())];
                    match next(3) {
                        0 => text.push_str(&s.to_uppercase()),
                        1 => text.push_str(&s.to_ascii_uppercase()),
                        _ => text.push_str(s),
                    }
                } else {
                    text.push_str(pieces[next(pieces.len())]);
                }
            }
            texts.push(text);
        }
        let all = vec![u64::MAX; scanner.words];
        let literals = |scan: &Scan| {
            let mut found = Vec::new();
            scan.each_literal_among(&all, |id| found.push(id));
            found
        };
        let mut found = 0;
        for text in &texts {
            let by_nfa = Scanner::scan_with(Some(&nfa), scanner.words, text);
            let by_dense = Scanner::scan_with(Some(&dense), scanner.words, text);
            assert_eq!(by_nfa.tier, by_dense.tier, "{text:?}");
            assert_eq!(by_nfa.summary, by_dense.summary, "{text:?}");
            assert_eq!(literals(&by_nfa), literals(&by_dense), "{text:?}");
            found += literals(&by_dense).len();
        }
        assert!(found > 5 * texts.len(), "the texts hold the strings");
    }

    #[test]
    fn the_scan_loop_finds_what_the_library_finds() {
        use aho_corasick::{AhoCorasick, AhoCorasickKind};
        // A string with upper case never matches: texts are read as lower case.
        let mut strings: Vec<String> = [
            "he", "she", "his", "hers", "e", "straße", "été", "s", "Upper", "she",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        strings.extend(
            crate::vocab::patterns::builtin_scanner()
                .strings
                .iter()
                .cloned(),
        );
        // Texts made of pieces of the strings themselves (overlapping, glued, cut short)
        // and plain text, by a fixed pseudo-random sequence.
        let mut next = crate::test_support::pseudo_random(0x2545_f491_4f6c_dd1d);
        let mut texts = vec![String::new(), "ushers".to_string(), "USHERS".to_string()];
        // Short texts, and long ones that the two-lane scan splits.
        for pieces in [12; 300].into_iter().chain([160; 100]) {
            let mut text = String::new();
            for _ in 0..next(pieces) {
                let s = &strings[next(strings.len())];
                let cut = s.char_indices().map(|(i, _)| i).nth(next(4)).unwrap_or(0);
                let piece = match next(3) {
                    0 => &s[cut..],
                    1 => &s[..cut],
                    _ => s,
                };
                // Some in upper case, which reads as lower case.
                if next(4) == 0 {
                    text.push_str(&piece.to_ascii_uppercase());
                } else {
                    text.push_str(piece);
                }
                text.push_str(["", " ", "the ", "x", "Ω{\0", "Upper"][next(6)]);
            }
            texts.push(text);
        }
        let mut matches = 0;
        let library = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&strings)
            .unwrap();
        // The NFA reads the text lower-cased, the DFA as it is.
        for (ours, lower) in [
            (Strings::nfa(&strings), true),
            (Strings::Dense(Dense::new(&strings).expect("fits")), false),
        ] {
            for text in &texts {
                let lowered = text.to_ascii_lowercase();
                let read = if lower { &lowered } else { text };
                let mut found = Vec::new();
                ours.each_match(read.as_bytes(), |id| found.push(id));
                let want: Vec<usize> = library
                    .find_overlapping_iter(lowered.as_str())
                    .map(|m| m.pattern().as_usize())
                    .collect();
                assert_eq!(found, want, "{text:?}");
                matches += found.len();
                let mut present = Vec::new();
                ours.each_present(read.as_bytes(), |id| present.push(id));
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
