//! The compiled vocabulary: every pattern of every category compiled once per process (the
//! built-ins) or once per [`Extractor`](crate::Extractor) (the user's own), and the queries the
//! rules ask of a block's text.

use super::disclaimer::DisclaimerKind;
pub(crate) use super::gate::Scan;
use super::gate::{AnyOf, GatedList, Literals, Scanner, Use};
use super::{chrome, copyright, disclaimer, promo, syndication};
use crate::blocks::Block;
use crate::error::{Error, ErrorKind};
use crate::extraction::Category;
use crate::hash::Fold;
use once_cell::sync::Lazy;
use regex::Regex;
use std::borrow::Cow;
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::marker::PhantomData;

/// How a pattern is applied to a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Cut out of a longer paragraph into a block of its own, when it starts the block or
    /// follows a sentence end or truncation marker; the `spam` group is what is cut.
    Glued,
    /// As `Glued`, but at any position (markers such as `[...]` or a trailing `Read More`).
    GluedAnywhere,
    /// Must match the whole block (after trimming).
    Whole,
    /// Matches anywhere; the block goes when matches cover most of it.
    Phrase,
}

/// One pattern as data.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PatternDef {
    pub rule: &'static str,
    pub category: Category,
    /// The language the wording belongs to (documentation; the rules do not filter on it).
    #[allow(dead_code)]
    pub lang: &'static str,
    pub scope: Scope,
    pub regex: &'static str,
}

/// What a pattern of a [`GatedList`] is for.
pub(crate) struct PatternMeta {
    pub rule: &'static str,
    pub category: Category,
    pub anywhere: bool,
}

/// A sentence whose characters phrase matches cover at least this share of is covered whole.
const SENTENCE_COVERAGE: f32 = 0.4;

/// Blocks longer than this are never matched whole: no whole-block template is this long.
const WHOLE_MAX_CHARS: usize = 700;

/// Longest share line, in bytes.
const SHARE_LINE_MAX: usize = 160;

/// Longest texts, in bytes, asked whether they are a section header, an inline related link,
/// a series teaser, a call-to-action lead-in, a date line or a byline.
const SECTION_HEADER_MAX: usize = 120;
const INLINE_RELATED_MAX: usize = 300;
const SERIES_TEASER_MAX: usize = 200;
const CTA_LEAD_IN_MAX: usize = 400;
const DATE_LINE_MAX: usize = 120;
const BYLINE_MAX: usize = 120;

/// Feed footers up to this many characters, most, are matched by the footer pattern with its
/// title groups (`.{2,300}?`) unbounded, which compiles in a fraction of the time.
const FOOTER_TITLE_WIDEN_CHARS: usize = 300;

struct Builtin {
    /// Finds the condition strings of every list below in one pass over a text.
    scanner: Scanner,
    glued: GatedList,
    glued_meta: Vec<PatternMeta>,
    whole: GatedList,
    whole_meta: Vec<PatternMeta>,
    phrases: GatedList,
    phrases_meta: Vec<PatternMeta>,
    disclaimer_label: GatedList,
    disclaimer: GatedList,
    disclaimer_kinds: Vec<DisclaimerKind>,
    section_header: GatedList,
    inline_related: GatedList,
    series_teaser: GatedList,
    cta_lead_in: GatedList,
    footer_title_site: GatedList,
    date_line: GatedList,
    byline: GatedList,
    share_words: HashSet<&'static str, Fold>,
    /// The share words a share line names one of.
    share_counted: AnyOf,
}

fn all_defs() -> impl Iterator<Item = &'static PatternDef> {
    syndication::PATTERNS
        .iter()
        .chain(promo::PATTERNS)
        .chain(chrome::PATTERNS)
}

/// A gated list of one pattern, asked whether it matches texts of at most `max_chars`
/// characters.
fn single(source: &str, max_chars: usize, literals: &mut Literals) -> GatedList {
    GatedList::new(
        vec![source.to_string()],
        Use::Matches { max_chars },
        literals,
    )
}

/// A gated list of one pattern, asked anything.
fn single_any(source: &str, literals: &mut Literals) -> GatedList {
    GatedList::new(vec![source.to_string()], Use::Any, literals)
}

/// Whether the only pattern of a list matches.
fn single_matches(list: &GatedList, text: &str, scan: &Scan) -> bool {
    list.first_match(text, scan).is_some()
}

/// [`single_matches`] for a pattern with conditions: ruled out, mostly, before the call (for
/// a pattern without, the question costs more than it saves).
fn keyed_single_matches(list: &GatedList, text: &str, scan: &Scan) -> bool {
    list.may_have_candidates(scan) && list.first_match(text, scan).is_some()
}

/// The built-in lists' scanner, for the scanner's own tests.
#[cfg(test)]
pub(super) fn builtin_scanner() -> &'static Scanner {
    &BUILTIN.scanner
}

static BUILTIN: Lazy<Builtin> = Lazy::new(|| {
    let mut lists: [(Vec<String>, Vec<PatternMeta>); 3] = Default::default();
    for def in all_defs() {
        let (slot, source) = match def.scope {
            Scope::Glued | Scope::GluedAnywhere => (0, def.regex.to_string()),
            Scope::Whole => (1, format!(r"^(?s:{})$", def.regex)),
            Scope::Phrase => (2, def.regex.to_string()),
        };
        lists[slot].0.push(source);
        lists[slot].1.push(PatternMeta {
            rule: def.rule,
            category: def.category,
            anywhere: def.scope == Scope::GluedAnywhere,
        });
    }
    let [(glued, glued_meta), (whole, whole_meta), (phrases, phrases_meta)] = lists;
    let l = &mut Literals::default();
    let glued = GatedList::new(glued, Use::Any, l);
    let mut whole = GatedList::new(
        whole,
        Use::Matches {
            max_chars: WHOLE_MAX_CHARS,
        },
        l,
    );
    whole.check_by_hand(
        &format!(r"^(?s:{})$", copyright::COPYRIGHT_LINE),
        copyright::is_copyright_line,
    );
    let phrases = GatedList::new(phrases, Use::Any, l);
    let disclaimer_label = single_any(disclaimer::LABEL, l);
    let disclaimer_list = GatedList::new(
        disclaimer::PHRASES
            .iter()
            .map(|(_, re)| re.to_string())
            .collect(),
        Use::Any,
        l,
    );
    let section_header = single(promo::SECTION_HEADER, SECTION_HEADER_MAX, l);
    let inline_related = single(promo::INLINE_RELATED, INLINE_RELATED_MAX, l);
    let series_teaser = single(promo::SERIES_TEASER, SERIES_TEASER_MAX, l);
    let cta_lead_in = single(promo::CTA_LEAD_IN, CTA_LEAD_IN_MAX, l);
    let footer_title_site = GatedList::new(
        vec![syndication::FOOTER_TITLE_SITE.to_string()],
        Use::AnyShort {
            max_chars: FOOTER_TITLE_WIDEN_CHARS,
        },
        l,
    );
    let date_line = single(chrome::DATE_LINE, DATE_LINE_MAX, l);
    let byline = single(chrome::BYLINE, BYLINE_MAX, l);
    let share_counted = AnyOf::new(chrome::SHARE_COUNTED.iter().copied(), l);
    Builtin {
        scanner: std::mem::take(l).scanner(),
        glued,
        glued_meta,
        whole,
        whole_meta,
        phrases,
        phrases_meta,
        disclaimer_label,
        disclaimer: disclaimer_list,
        disclaimer_kinds: disclaimer::PHRASES.iter().map(|(k, _)| *k).collect(),
        section_header,
        inline_related,
        series_teaser,
        cta_lead_in,
        footer_title_site,
        date_line,
        byline,
        share_words: chrome::SHARE_WORDS.iter().copied().collect(),
        share_counted,
    }
});

/// The vocabulary an extractor runs with: the built-ins plus the user's own patterns.
pub(crate) struct Vocabulary {
    builtin: &'static Builtin,
    user: Vec<(Category, Regex)>,
}

impl std::fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vocabulary")
            .field("user_patterns", &self.user.len())
            .finish_non_exhaustive()
    }
}

/// A whole-block or phrase match.
#[derive(Clone, Copy)]
pub(crate) struct Hit {
    pub rule: &'static str,
    pub category: Category,
    /// Share of the block's characters the match covers, 0 to 1.
    pub coverage: f32,
}

impl Vocabulary {
    pub(crate) fn new(user: &[(Category, String)]) -> Result<Vocabulary, Error> {
        let user = user
            .iter()
            .map(|(cat, re)| {
                Regex::new(re).map(|r| (*cat, r)).map_err(|e| {
                    Error::new(ErrorKind::InvalidPattern {
                        pattern: re.clone(),
                        message: e.to_string(),
                    })
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Vocabulary {
            builtin: &BUILTIN,
            user,
        })
    }

    /// The vocabulary's gated queries, each text scanned afresh.
    #[cfg(test)]
    pub(crate) fn scanned(&self) -> Scanned<'_> {
        Scanned {
            vocab: self,
            memo: None,
            given: None,
        }
    }

    /// Which of the vocabulary's condition strings `text` holds, for [`Vocabulary::given`]
    /// and [`Vocabulary::scanned_for`]: a text is scanned once, whichever stage asks first.
    pub(crate) fn scan(&self, text: &str) -> Scan {
        self.builtin.scanner.scan(text)
    }

    /// The gated queries, with `scan` ([`Vocabulary::scan`] of `text`, when the caller has
    /// it) standing for `text`'s own; other texts are scanned afresh.
    pub(crate) fn given<'a>(&'a self, text: &'a str, scan: Option<&'a Scan>) -> Scanned<'a> {
        Scanned {
            vocab: self,
            memo: None,
            given: scan.map(|scan| (text.as_ptr() as usize, text.len(), scan)),
        }
    }

    /// The gated queries on the texts of `blocks` and slices of them, each scanned once
    /// however many rules and passes ask about it (other texts are scanned afresh).
    /// `scans[i]`, when there is one, is [`Vocabulary::scan`] of `blocks[i].text`, made by an
    /// earlier stage.
    pub(crate) fn scanned_for<'a>(
        &'a self,
        blocks: &'a [Block],
        mut scans: Vec<Option<Scan>>,
    ) -> Scanned<'a> {
        // One per block, in block order.
        scans.resize(blocks.len(), None);
        // Each block text's address range, in block order; an empty text's is (0, 0), which
        // no text's is.
        let ranges: Vec<(usize, usize)> = blocks
            .iter()
            .map(|b| {
                let start = b.text.as_ptr() as usize;
                if b.text.is_empty() {
                    (0, 0)
                } else {
                    (start, start + b.text.len())
                }
            })
            .collect();
        let answers = vec![Answers::default(); ranges.len()];
        Scanned {
            vocab: self,
            memo: Some(Memo {
                ranges,
                by_start: OnceCell::new(),
                last: Cell::new(0),
                whole: scans
                    .into_iter()
                    .map(|scan| scan.map_or_else(OnceCell::new, OnceCell::from))
                    .collect(),
                answers: RefCell::new(answers),
                parts: RefCell::new(HashMap::with_hasher(Fold::new())),
                _blocks: PhantomData,
            }),
            given: None,
        }
    }

    /// Whether `text`, a short line, is made only of share-bar words, one of which counts
    /// (see [`Scanned::is_share_line`]).
    fn made_of_share_words(&self, text: &str) -> bool {
        if text.len() > SHARE_LINE_MAX {
            return false;
        }
        let mut words = 0;
        let mut shares = 0;
        for w in text
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
        {
            words += 1;
            // Lower-cased on the stack when short and ASCII, as a line's first word mostly is
            // (and decides: most lines are not share lines).
            let mut buf = [0u8; 16];
            let owned;
            let lower = match buf.get_mut(..w.len()).filter(|_| w.is_ascii()) {
                Some(short) => {
                    short.copy_from_slice(w.as_bytes());
                    short.make_ascii_lowercase();
                    std::str::from_utf8(short).expect("ASCII")
                }
                None => {
                    owned = w.to_lowercase();
                    owned.as_str()
                }
            };
            if !self.builtin.share_words.contains(lower) {
                return false;
            }
            if chrome::SHARE_COUNTED.contains(&lower) {
                shares += 1;
            }
        }
        words > 0 && shares > 0
    }

    /// The first user pattern the text matches.
    pub(crate) fn user(&self, text: &str) -> Option<Category> {
        self.user
            .iter()
            .find(|(_, re)| re.is_match(text))
            .map(|(c, _)| *c)
    }
}

/// The gated queries of a [`Vocabulary`]: each text is scanned for the condition strings of
/// every list at once ([`Scanner`]), then only the patterns whose conditions it meets run.
/// Made for the blocks of one document ([`Vocabulary::scanned_for`]), it keeps each block
/// text's scan, so the rules and passes that ask about the same block scan it once. Everything
/// else of the vocabulary is reached through `Deref`.
pub(crate) struct Scanned<'a> {
    vocab: &'a Vocabulary,
    memo: Option<Memo<'a>>,
    /// A text's address and length with its scan (see [`Vocabulary::given`]), lent: a copy
    /// per block, made and dropped, was a tenth of the cutting of glued spam.
    given: Option<(usize, usize, &'a Scan)>,
}

/// Answers kept for a whole block text.
#[derive(Clone, Copy, Default)]
struct Answers {
    phrases: Option<Option<Hit>>,
    disclaimer: Option<(bool, usize, DisclaimerKind)>,
}

/// Scans of texts inside the blocks a [`Scanned`] was made for, by address and length: the
/// blocks are borrowed for as long as it lives, so a range of their text cannot change.
struct Memo<'a> {
    /// Address ranges of the block texts, in block order.
    ranges: Vec<(usize, usize)>,
    /// The starts of the non-empty ones, sorted, with their block: the blocks' texts lie in
    /// memory in no particular order. Sorted on first use: the rules mostly ask about the
    /// block asked last or one a few blocks on, and many documents never need it.
    by_start: OnceCell<Vec<(usize, u32)>>,
    /// The block last found: the rules ask several questions of a block in a row, and go
    /// through the blocks in order.
    last: Cell<usize>,
    /// The scan of each whole block text, in block order (lent out, not copied).
    whole: Vec<OnceCell<Scan>>,
    /// The answers to the costlier queries on each whole block text, in block order: the
    /// rules and the block classifier ask them of the same blocks.
    answers: RefCell<Vec<Answers>>,
    /// Scans of other ranges inside them, by address and length.
    parts: RefCell<HashMap<(usize, usize), Scan, Fold>>,
    _blocks: PhantomData<&'a [Block]>,
}

/// How many blocks past the next one [`Memo::owner`] looks at before it searches them all.
const AHEAD: usize = 6;

impl Memo<'_> {
    /// The block after `k` (after the last, the first: where the next rule starts).
    #[inline(always)]
    fn after(&self, k: usize) -> usize {
        if k + 1 < self.ranges.len() {
            k + 1
        } else {
            0
        }
    }

    /// The block whose whole text is the range `start..end`, when it is the block asked about
    /// last or the next one, as it mostly is.
    #[inline(always)]
    fn recent_whole(&self, start: usize, end: usize) -> Option<usize> {
        let last = self.last.get();
        if self.ranges.get(last) == Some(&(start, end)) {
            return Some(last);
        }
        let k = self.after(last);
        (self.ranges.get(k) == Some(&(start, end))).then(|| {
            self.last.set(k);
            k
        })
    }

    /// The non-empty block texts by address, as (start, block): small entries to sort.
    #[cold]
    #[inline(never)]
    fn sorted_starts(&self) -> Vec<(usize, u32)> {
        // Sized first: grown by doubling, it was the peak's largest addition on a long page.
        let mut by_start: Vec<(usize, u32)> = Vec::with_capacity(self.ranges.len());
        by_start.extend(
            self.ranges
                .iter()
                .enumerate()
                .filter(|(_, &(s, e))| s < e)
                .map(|(k, &(s, _))| (s, k as u32)),
        );
        // By the start alone: the starts are distinct (the texts do not overlap), and one
        // number compares in fewer instructions than a pair.
        by_start.sort_unstable_by_key(|&(s, _)| s);
        by_start
    }

    /// The block whose text holds the address range `start..end`, if one does.
    fn owner(&self, start: usize, end: usize) -> Option<usize> {
        let holds = |k: usize| {
            self.ranges
                .get(k)
                .is_some_and(|&(s, e)| s <= start && end <= e)
        };
        let last = self.last.get();
        if holds(last) {
            return Some(last);
        }
        let k = self.after(last);
        if holds(k) {
            self.last.set(k);
            return Some(k);
        }
        // A rule that skips the blocks removed already asks a few blocks further on.
        if let Some(k) = (k + 1..self.ranges.len().min(k + 1 + AHEAD)).find(|&k| holds(k)) {
            self.last.set(k);
            return Some(k);
        }
        let by_start = self.by_start.get_or_init(|| self.sorted_starts());
        let at = by_start
            .partition_point(|&(s, _)| s <= start)
            .checked_sub(1)?;
        let k = by_start[at].1 as usize;
        holds(k).then(|| {
            self.last.set(k);
            k
        })
    }
}

impl std::ops::Deref for Scanned<'_> {
    type Target = Vocabulary;
    fn deref(&self) -> &Vocabulary {
        self.vocab
    }
}

impl Scanned<'_> {
    /// The memo and the index of the block whose whole text `text` is, if it is one.
    #[inline]
    fn whole_block(&self, text: &str) -> Option<(&Memo<'_>, usize)> {
        let memo = self.memo.as_ref()?;
        let start = text.as_ptr() as usize;
        if let Some(k) = memo.recent_whole(start, start + text.len()) {
            return Some((memo, k));
        }
        let k = memo.owner(start, start + text.len())?;
        (memo.ranges[k] == (start, start + text.len())).then_some((memo, k))
    }

    #[inline]
    fn scan(&self, text: &str) -> Cow<'_, Scan> {
        let start = text.as_ptr() as usize;
        if let Some(memo) = &self.memo {
            if let Some(k) = memo.recent_whole(start, start + text.len()) {
                if let Some(scan) = memo.whole[k].get() {
                    return Cow::Borrowed(scan);
                }
            }
        } else if let Some((at, len, scan)) = self.given {
            // Without a call: each block is asked so while its glued spam is cut.
            if (at, len) == (start, text.len()) {
                return Cow::Borrowed(scan);
            }
        }
        self.scan_any(text)
    }

    /// [`Scanned::scan`] of any text: a block's already scanned or not, a part of one, or
    /// another.
    #[inline(never)]
    fn scan_any(&self, text: &str) -> Cow<'_, Scan> {
        let scanner = &self.vocab.builtin.scanner;
        let start = text.as_ptr() as usize;
        if let Some((at, len, scan)) = &self.given {
            if (*at, *len) == (start, text.len()) {
                return Cow::Borrowed(scan);
            }
        }
        let Some(memo) = &self.memo else {
            return Cow::Owned(scanner.scan(text));
        };
        let end = start + text.len();
        let Some(k) = memo.owner(start, end) else {
            return Cow::Owned(scanner.scan(text));
        };
        if memo.ranges[k] == (start, end) {
            return Cow::Borrowed(memo.whole[k].get_or_init(|| scanner.scan(text)));
        }
        Cow::Owned(
            memo.parts
                .borrow_mut()
                .entry((start, text.len()))
                .or_insert_with(|| scanner.scan(text))
                .clone(),
        )
    }

    /// Byte ranges of glued spam to cut out of `text`, sorted and not overlapping.
    pub(crate) fn glued_spans(&self, text: &str) -> Vec<(usize, usize)> {
        let mut spans: Vec<(usize, usize, usize)> = Vec::new();
        let b = self.builtin;
        let scan = self.scan(text);
        if !b.glued.may_have_candidates(&scan) {
            scan.no_glued.set(true);
            return Vec::new();
        }
        let mut any_candidate = false;
        for (priority, re) in b.glued.candidates(text, &scan) {
            any_candidate = true;
            let anywhere = b.glued_meta[priority].anywhere;
            for caps in re.captures_iter(text) {
                let Some(m) = caps.get_group_by_name("spam") else {
                    continue;
                };
                let (s, e) = (m.start, m.end);
                if !anywhere && !at_boundary(&text[..s]) {
                    continue;
                }
                spans.push((s, priority, e));
            }
        }
        scan.no_glued.set(!any_candidate);
        // Of two matches at one position the earlier template wins (templates are listed most
        // specific first: a footer ending at its period before one without); matches that
        // overlap further on are joined.
        spans.sort_unstable();
        let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (s, _, e) in spans {
            match out.last_mut() {
                Some(last) if s == last.0 => {}
                Some(last) if s < last.1 => last.1 = last.1.max(e),
                _ => out.push((s, e)),
            }
        }
        // A template that is the whole block needs no cut: the rules judge the block as is.
        out.retain(|&(s, e)| !(s == 0 && e >= text.trim_end().len()));
        out
    }

    /// A glued template that makes up the whole block (a footer in a paragraph of its own, or
    /// a part cut out by [`Scanned::glued_spans`]).
    pub(crate) fn glued_whole(&self, text: &str) -> Option<Hit> {
        let b = self.builtin;
        let scan = self.scan(text);
        // Cutting glued spam found no candidate for this text already.
        if scan.no_glued.get() || !b.glued.may_have_candidates(&scan) {
            return None;
        }
        let total = text.trim_end().len();
        let hit = b.glued.candidates(text, &scan).find_map(|(i, re)| {
            let caps = re.captures_iter(text).next()?;
            let m = caps.get_group_by_name("spam")?;
            (m.start == 0 && m.end >= total).then_some(Hit {
                rule: b.glued_meta[i].rule,
                category: b.glued_meta[i].category,
                coverage: 1.0,
            })
        });
        hit
    }

    /// The first whole-block template the text matches.
    pub(crate) fn whole(&self, text: &str) -> Option<Hit> {
        // A text of at most that many bytes has at most that many characters: most blocks
        // are decided by their length in bytes.
        let long = text.len() > WHOLE_MAX_CHARS && text.chars().count() > WHOLE_MAX_CHARS;
        if text.len() > WHOLE_MAX_CHARS * 4 || long {
            return None;
        }
        let b = self.builtin;
        let scan = self.scan(text);
        let i = b.whole.first_match(text, &scan)?;
        Some(Hit {
            rule: b.whole_meta[i].rule,
            category: b.whole_meta[i].category,
            coverage: 1.0,
        })
    }

    /// How much of the block phrase templates cover, all rules together (a CTA paragraph
    /// mixes follow, join and subscribe sentences), named after the rule that covers most.
    /// A sentence counts as covered when matches take at least [`SENTENCE_COVERAGE`] of it:
    /// the rest of such a sentence is the call's own wording ("… here — just tick the box").
    pub(crate) fn phrases(&self, text: &str) -> Option<Hit> {
        // Most texts hold no literal of the list: answered before the memo is looked up.
        let scan = self.scan(text);
        if !self.builtin.phrases.may_have_candidates(&scan) {
            return None;
        }
        self.remembered(text, |a| &mut a.phrases, || self.phrases_of(text, &scan))
    }

    fn phrases_of(&self, text: &str, scan: &Scan) -> Option<Hit> {
        let b = self.builtin;
        // Matched byte ranges, with the index of their rule. Gated-out rules cannot match.
        let mut matches: Vec<(usize, usize, usize)> = Vec::new();
        for (k, re) in b.phrases.candidates(text, scan) {
            if re.is_match(text) {
                matches.extend(re.find_iter(text).map(|m| (m.start(), m.end(), k)));
            }
        }
        if matches.is_empty() {
            return None;
        }
        let mut covered = vec![false; text.len()];
        for &(s, e, _) in &matches {
            covered[s..e].iter_mut().for_each(|c| *c = true);
        }
        for (s, e) in sentence_spans(text) {
            let in_sentence = covered[s..e].iter().filter(|c| **c).count();
            if in_sentence > 0 && in_sentence as f32 >= (e - s) as f32 * SENTENCE_COVERAGE {
                covered[s..e].iter_mut().for_each(|c| *c = true);
            }
        }
        let mut per_rule = vec![0usize; b.phrases.len()];
        for &(s, e, k) in &matches {
            per_rule[k] += e - s;
        }
        let best = (0..per_rule.len()).max_by_key(|&k| per_rule[k])?;
        let covered_chars = text
            .char_indices()
            .filter(|&(i, c)| covered[i] && !c.is_whitespace())
            .count();
        let total = text.chars().filter(|c| !c.is_whitespace()).count().max(1);
        Some(Hit {
            rule: b.phrases_meta[best].rule,
            category: b.phrases_meta[best].category,
            coverage: (covered_chars as f32 / total as f32).min(1.0),
        })
    }

    /// Disclaimer evidence: (has a label, distinct phrases found, the dominant kind). The
    /// label is looked for only when a phrase is found: without one, the evidence is nothing.
    pub(crate) fn disclaimer(&self, text: &str) -> (bool, usize, DisclaimerKind) {
        // Most texts hold no literal of the list: no phrase, answered before the memo.
        let scan = self.scan(text);
        if !self.builtin.disclaimer.may_have_candidates(&scan) {
            return (false, 0, DisclaimerKind::Advice);
        }
        self.remembered(
            text,
            |a| &mut a.disclaimer,
            || self.disclaimer_of(text, &scan),
        )
    }

    /// The answer `slot` keeps for `text` when it is a whole block of the memo, worked out by
    /// `work` the first time it is asked; other texts are worked out every time.
    fn remembered<T: Copy>(
        &self,
        text: &str,
        slot: fn(&mut Answers) -> &mut Option<T>,
        work: impl FnOnce() -> T,
    ) -> T {
        let Some((memo, k)) = self.whole_block(text) else {
            return work();
        };
        if let Some(answer) = *slot(&mut memo.answers.borrow_mut()[k]) {
            return answer;
        }
        // Not borrowed while working: the work may ask the memo too.
        let answer = work();
        *slot(&mut memo.answers.borrow_mut()[k]) = Some(answer);
        answer
    }

    fn disclaimer_of(&self, text: &str, scan: &Scan) -> (bool, usize, DisclaimerKind) {
        let b = self.builtin;
        let mut counts = [0usize; 3];
        for (i, _) in b
            .disclaimer
            .candidates(text, scan)
            .filter(|(_, re)| re.is_match(text))
        {
            counts[b.disclaimer_kinds[i] as usize] += 1;
        }
        let n = counts.iter().sum();
        let label = n > 0 && single_matches(&b.disclaimer_label, text, scan);
        let kind = if counts[DisclaimerKind::Repost as usize] >= 2 {
            DisclaimerKind::Repost
        } else if counts[DisclaimerKind::Affiliate as usize]
            > counts[DisclaimerKind::Advice as usize]
        {
            DisclaimerKind::Affiliate
        } else if counts[DisclaimerKind::Repost as usize] > counts[DisclaimerKind::Advice as usize]
        {
            DisclaimerKind::Repost
        } else {
            DisclaimerKind::Advice
        };
        (label, n, kind)
    }

    pub(crate) fn is_section_header(&self, text: &str) -> bool {
        text.len() <= SECTION_HEADER_MAX
            && single_matches(&self.builtin.section_header, text, &self.scan(text))
    }

    pub(crate) fn is_inline_related(&self, text: &str) -> bool {
        text.len() <= INLINE_RELATED_MAX
            && keyed_single_matches(&self.builtin.inline_related, text, &self.scan(text))
    }

    /// A heading announcing the next part of a series ("Coming next: …").
    pub(crate) fn is_series_teaser(&self, text: &str) -> bool {
        text.len() <= SERIES_TEASER_MAX
            && keyed_single_matches(&self.builtin.series_teaser, text, &self.scan(text))
    }

    /// A sentence announcing the author's offer to the reader (see `promo::CTA_LEAD_IN`).
    pub(crate) fn is_cta_lead_in(&self, text: &str) -> bool {
        text.len() <= CTA_LEAD_IN_MAX
            && keyed_single_matches(&self.builtin.cta_lead_in, text, &self.scan(text))
    }

    /// The story title and site name a feed footer block names, if it is one.
    pub(crate) fn footer_title_site(&self, text: &str) -> Option<(String, String)> {
        if text.len() > 600 {
            return None;
        }
        let text = crate::blocks::trim(text);
        let scan = self.scan(text);
        if !self.builtin.footer_title_site.may_have_candidates(&scan) {
            return None;
        }
        let (_, re) = self
            .builtin
            .footer_title_site
            .candidates(text, &scan)
            .next()?;
        let caps = re.captures_iter(text).next()?;
        let title = ["en", "de", "fr", "es", "pt"]
            .iter()
            .find_map(|g| caps.get_group_by_name(g))
            .map(|m| text[m].trim())?;
        let site = text[caps.get_group_by_name("site")?].trim();
        (title.chars().count() >= 10).then(|| (title.to_string(), site.to_string()))
    }

    /// A short line made only of share-bar words ("Share Tweet Email"). It names one of the
    /// words that count, which the text's scan tells at once.
    pub(crate) fn is_share_line(&self, text: &str) -> bool {
        text.len() <= SHARE_LINE_MAX
            && self.scan(text).holds_any(&self.builtin.share_counted)
            && self.made_of_share_words(text)
    }

    pub(crate) fn is_date_line(&self, text: &str) -> bool {
        text.len() <= DATE_LINE_MAX
            && single_matches(&self.builtin.date_line, text, &self.scan(text))
    }

    pub(crate) fn is_byline(&self, text: &str) -> bool {
        text.len() <= BYLINE_MAX && single_matches(&self.builtin.byline, text, &self.scan(text))
    }
}

/// Byte ranges of the sentences of `text`: up to and including `.`, `!`, `?` or `…` followed
/// by a space or the end.
fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let at_break = chars.peek().is_none_or(|&(_, n)| n.is_whitespace());
        if matches!(c, '.' | '!' | '?' | '…') && at_break {
            out.push((start, end));
            start = end;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// A glued pattern may start a block, or follow a sentence end or a truncation marker.
fn at_boundary(before: &str) -> bool {
    let t = before.trim_end();
    // A glued read-more link ends the excerpt as a sentence end would.
    if ["Read More", "READ MORE", "Continue reading"]
        .iter()
        .any(|m| t.ends_with(m))
    {
        return true;
    }
    match t.chars().last() {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | '…' | ']' | ')' | ';' | '»' | '”' | '"'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        Vocabulary::new(&[]).unwrap()
    }

    /// Every built-in pattern list.
    fn all_lists(b: &Builtin) -> [&GatedList; 12] {
        [
            &b.glued,
            &b.whole,
            &b.phrases,
            &b.disclaimer_label,
            &b.disclaimer,
            &b.section_header,
            &b.inline_related,
            &b.series_teaser,
            &b.cta_lead_in,
            &b.footer_title_site,
            &b.date_line,
            &b.byline,
        ]
    }

    #[test]
    fn builtins_compile() {
        // Built-ins compile on first use: compile every one here.
        let b = vocab().builtin;
        let lists = all_lists(b);
        for list in lists {
            assert!(list.len() > 0);
            list.compile_all();
        }
    }

    /// Texts for the equivalence test: the fixtures' lines and paragraphs, whole and cut down,
    /// and texts in scripts and symbols outside the Latin tier.
    fn sample_texts() -> Vec<String> {
        let mut texts: Vec<String> = [
            "The post \u{212A}elvin Rises appeared first on Stra\u{df}e News.",
            "Read more on Caf\u{e9} \u{2014} \u{201c}Daily\u{201d}",
            "\u{65e5}\u{672c}\u{8a9e} Read more on \u{65e5}\u{672c}",
            "Source: \u{1f600} Example",
            "Share Tweet Email",
            "By Jane Doe",
            "Image: Getty Images / \u{417}\u{430}\u{445}\u{430}\u{440}",
            "![alt text](https://example.com/image.png)",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Feed footers in each language, and around the length the footer pattern is
        // widened up to (FOOTER_TITLE_WIDEN_CHARS).
        texts.extend(
            [
                "Der Beitrag Ein Titel über Städte erschien zuerst auf Beispiel News.",
                "L\u{2019}article Un été à Paris est apparu en premier sur Le Site.",
                "La publicación Un título apareció primero en El Sitio.",
                "O post Um título apareceu primeiro em O Site.",
            ]
            .map(String::from),
        );
        for title in 266..=268 {
            let footer = format!("The post {} appeared first on Site.", "x".repeat(title));
            texts.push(footer.replace("xxx", "x é"));
            texts.push(footer);
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            for name in ["input.txt", "input.html", "expected.txt"] {
                let Ok(file) = std::fs::read_to_string(entry.path().join(name)) else {
                    continue;
                };
                let parts = file.split("\n\n").chain(file.lines());
                for part in parts {
                    let part = part.trim();
                    let mut cut = part.len().min(3000);
                    while !part.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    texts.push(part[..cut].to_string());
                    // Without the first character: a whole-block template may start later.
                    if let Some((at, _)) = part.char_indices().nth(1) {
                        texts.push(part[at..cut].to_string());
                    }
                }
            }
        }
        texts.sort();
        texts.dedup();
        texts
    }

    #[test]
    fn compiled_forms_match_what_regex_matches() {
        // Per-alphabet and widened forms (vocab/gate/) must never change a result.
        let texts = sample_texts();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let b = vocab().builtin;
        let lists = all_lists(b);
        for list in lists {
            list.assert_same_as_regex(&texts);
        }
    }

    #[test]
    fn gates_never_change_the_first_match() {
        let mut texts = sample_texts();
        // Dates and counts in digits of other scripts, which `\d` takes as well.
        texts.extend(
            [
                "٢٠٢٥/١١/١٧ ٠١:٢٩",
                "Posted: ٥ March ٢٠٢٦",
                "12 comments",
                "١٢ comments",
            ]
            .map(String::from),
        );
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let b = vocab().builtin;
        for list in all_lists(b) {
            list.assert_gates_keep_first_match(&texts, |text| b.scanner.scan(text));
        }
    }

    #[test]
    fn glued_footer_is_cut_between_excerpts() {
        let vocab = vocab();
        let v = vocab.scanned();
        let text = "An excerpt ends here and [...] The post Big Title Here appeared first on SiteName.An excerpt again [...]";
        let spans = v.glued_spans(text);
        let parts: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
        assert!(
            parts.contains(&"The post Big Title Here appeared first on SiteName."),
            "{parts:?}"
        );
        assert!(parts.contains(&"[...]"));
    }

    #[test]
    fn a_scan_that_cut_nothing_answers_glued_whole_as_a_fresh_one() {
        let vocab = vocab();
        let texts = [
            "The post Big Title Here appeared first on SiteName.",
            "An excerpt ends here and [...] The post Big Title Here appeared first on SiteName.",
            "[...]",
            "Read More",
            "A paragraph of the story, with nothing glued to it.",
            "",
            "Continue reading →",
        ];
        for text in texts {
            let scan = vocab.scan(text);
            let given = vocab.given(text, Some(&scan));
            given.glued_spans(text);
            let fresh = vocab.scanned().glued_whole(text).map(|h| h.rule);
            assert_eq!(given.glued_whole(text).map(|h| h.rule), fresh, "{text:?}");
        }
    }

    #[test]
    fn footer_in_prose_quote_is_not_cut() {
        let vocab = vocab();
        let v = vocab.scanned();
        let text = "Plugins append a line saying the post was syndicated, and readers saw 'The post X appeared first on Y.' under every item.";
        let spans = v.glued_spans(text);
        assert!(
            spans
                .iter()
                .all(|&(s, e)| !text[s..e].contains("appeared first")),
            "{spans:?}"
        );
    }

    #[test]
    fn dotted_site_names() {
        let vocab = vocab();
        let v = vocab.scanned();
        let text = "The post Crypto Rebounds appeared on BitcoinEthereumNews.com.The year began.";
        let spans = v.glued_spans(text);
        assert_eq!(
            &text[spans[0].0..spans[0].1],
            "The post Crypto Rebounds appeared on BitcoinEthereumNews.com."
        );
    }

    #[test]
    fn dates_and_bylines() {
        let vocab = vocab();
        let v = vocab.scanned();
        assert!(v.is_date_line("2025/11/17 01:29"));
        assert!(v.is_date_line("November 17, 2025"));
        assert!(v.is_date_line("Published: 17 March 2024 at 10:15"));
        assert!(!v.is_date_line("In 2025 the council met twice."));
        assert!(v.is_date_line("Posted: Fri 6:45 PM, Feb 16, 2026 |"));
        assert!(
            v.is_date_line("Updated Nov. 19, 2025 8:21 am ET / Original Nov. 19, 2025 8:02 am ET")
        );
        assert!(v.is_date_line("quarta-feira, 4 de março de 2026 às 9:30"));
        assert!(v.is_date_line("2026年3月5日 10:30"));
        assert!(v.is_byline("di Mario Rossi"));
        assert!(v.is_byline("door Jan de Vries"));
        assert!(v.is_byline("Автор: Иван Петров"));
        assert!(!v.is_byline("di notte la città dorme"));
        assert!(v.is_date_line("公開日：2026年3月5日（木）"));
        assert!(v.is_date_line("2026년 3월 5일"));
        assert!(v.is_date_line("5 марта 2026 г."));
        assert!(v.is_date_line("Опубликовано: 5 марта 2026, 10:30"));
        assert!(!v.is_date_line("2026年3月5日に図書館は夜間開館を始めた。"));
        assert!(!v.is_date_line(
            "On Friday, 6 March 2026 the ferry ran late / and the bridge closed for good."
        ));
        assert!(v.is_byline("By Jane Doe"));
        assert!(!v.is_byline("By the end of the year, prices rose."));
    }

    #[test]
    fn share_lines() {
        let vocab = vocab();
        let v = vocab.scanned();
        assert!(v.is_share_line("Share"));
        assert!(v.is_share_line("Share on Facebook Tweet Email"));
        assert!(!v.is_share_line("Share prices fell sharply"));
    }

    #[test]
    fn the_share_gate_never_changes_an_answer() {
        let vocab = vocab();
        let v = vocab.scanned();
        let mut texts = sample_texts();
        texts.extend(
            [
                "SHARE",
                "\u{212A}\u{212A} Tweet",
                "ПОДЕЛИТЬСЯ",
                "Поделиться Telegram",
                "ſhare",
                "Print this page",
                "this post on x",
                "Share: Facebook, E-Mail, Copy link",
                "teilen twittern merken",
            ]
            .map(String::from),
        );
        let mut shares = 0;
        for text in &texts {
            let answer = vocab.made_of_share_words(text);
            assert_eq!(v.is_share_line(text), answer, "{text:?}");
            shares += usize::from(answer);
        }
        assert!(shares >= 5, "{shares}");
    }
}

#[cfg(test)]
mod footer_tests {
    use super::*;

    #[test]
    fn standalone_footer_is_whole() {
        let v = Vocabulary::new(&[]).unwrap();
        let t = "The post Port Calder Council Approves Tidal-Energy Pilot in the Merrow Narrows appeared first on Harbourline Gazette.";
        assert!(v.scanned().glued_whole(t).is_some());
    }
}
