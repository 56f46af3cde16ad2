//! Stage 5, duplicates: blocks whose text the story already holds.
//!
//! Kept blocks are tokenised into one stream and hashed into 4-word shingles; an index maps
//! each shingle to the first few blocks holding it (bounded, so 100,000 identical paragraphs
//! cost linear time). Three cases, in order:
//! - a *condensed copy*: a block covered by several smaller blocks (a feed excerpt that repeats
//!   the story's summary bullets) goes, and the finer-grained story stays;
//! - a *near duplicate*: a block covered by one larger block (a pull-quote) goes;
//! - an *exact duplicate*: of two equal blocks the later one goes, unless both are items of
//!   one list.

use crate::extraction::{BlockKind, Category};
use crate::features::word_token_hashes;
use crate::hash::Fold;
use crate::rules::{Doc, Verdicts};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

/// Each block's token hashes, worked out the first time the stage reads the block and kept
/// for its later runs over the same blocks: it runs once per pass of the rules and again
/// after the block classifier, over mostly the same blocks, and hashing their tokens was
/// half of its work.
#[derive(Default)]
pub(crate) struct Tokens {
    memo: RefCell<TokenMemo>,
}

#[derive(Default)]
struct TokenMemo {
    /// Per block, its span of `hashes`, or [`NOT_HASHED`].
    spans: Vec<(usize, usize)>,
    hashes: Vec<u64>,
}

const NOT_HASHED: (usize, usize) = (usize::MAX, 0);

/// Tokens past which a page's hashes are no longer kept (2 MB of them): a long page's blocks
/// are hashed afresh on each run, as they were before the memo, so that the memo costs no
/// more than a bounded slice of memory, not a copy of the page's size.
const MEMO_MOST_TOKENS: usize = 1 << 18;

/// Share of a block's shingles found elsewhere for it to count as a copy.
pub(crate) const COVERAGE: f32 = 0.8;
/// Blocks with fewer shingles than this are compared whole, not by shingles.
const MIN_SHINGLES: usize = 3;
/// Blocks with fewer tokens than this are never duplicates (short labels repeat legitimately).
const MIN_EXACT_TOKENS: usize = 3;
/// Distinct blocks remembered per shingle.
const MAX_OCCURRENCES: usize = 8;
const SHINGLE: usize = 4;
/// Distinct shingles the tables are sized for before the first one is met (a 40,000-word
/// page); past that they grow.
const PRESIZED_SHINGLES: usize = 40_000;

/// The first few distinct blocks holding a shingle, inline: one allocation per shingle would
/// be most of this stage's cost.
#[derive(Default, Clone)]
struct Holders {
    len: u8,
    blocks: [u32; MAX_OCCURRENCES],
}

impl Holders {
    fn as_slice(&self) -> &[u32] {
        &self.blocks[..self.len as usize]
    }

    fn add(&mut self, b: u32) {
        if (self.len as usize) < MAX_OCCURRENCES && !self.as_slice().contains(&b) {
            self.blocks[self.len as usize] = b;
            self.len += 1;
        }
    }
}

/// No overflow slot.
const NO_MORE: u32 = u32::MAX;

/// Every shingle's holders. Most shingles have one, so each keeps its first holder inline
/// (8 bytes) and only a shingle met in a second block gets a [`Holders`] slot (36 bytes): a
/// slot for every shingle was a fifth of the memory a 10 MB page takes.
struct HolderTable {
    /// Per shingle (by number): its first holder, and its slot in `more` or [`NO_MORE`].
    first: Vec<Entry>,
    /// All the holders of shingles with more than one, the first included.
    more: Vec<Holders>,
}

/// A numbered shingle, and its first holder and slot in [`HolderTable::more`]: kept together,
/// a new shingle is one push.
#[derive(Clone, Copy)]
struct Entry {
    shingle: u64,
    first: u32,
    more: u32,
}

impl HolderTable {
    /// Block `b` holds shingle `id` too. Marks in `shares` the blocks found sharing a
    /// shingle with another (`b` even when the holders are full).
    fn add(first: &mut [Entry], more: &mut Vec<Holders>, id: u32, b: u32, shares: &mut [bool]) {
        let entry = &mut first[id as usize];
        if entry.more != NO_MORE {
            more[entry.more as usize].add(b);
            shares[b as usize] = true;
        } else if b != entry.first {
            let mut holders = Holders::default();
            holders.add(entry.first);
            holders.add(b);
            entry.more = more.len() as u32;
            more.push(holders);
            shares[entry.first as usize] = true;
            shares[b as usize] = true;
        }
    }

    fn len(&self) -> usize {
        self.first.len()
    }

    /// The slot in `more` of shingle `id`, if more than one block holds it.
    fn slot(&self, id: u32) -> Option<u32> {
        let slot = self.first[id as usize].more;
        (slot != NO_MORE).then_some(slot)
    }

    /// The distinct blocks holding shingle `id`, in the order met (at most
    /// [`MAX_OCCURRENCES`]).
    fn of(&self, id: u32) -> &[u32] {
        let entry = &self.first[id as usize];
        if entry.more == NO_MORE {
            std::slice::from_ref(&entry.first)
        } else {
            self.more[entry.more as usize].as_slice()
        }
    }
}

/// Each distinct shingle's number, by open addressing with linear probing: a shingle is
/// already a hash, so a slot is its top bits after one multiply (by a random odd number, so
/// that input cannot pile shingles into one run of slots), fewer instructions per token than
/// the general map's hashing and group probing. A slot holds only a number (4 bytes); the
/// shingles are kept once each, by number, so a long page's table stays small.
struct Numbers {
    /// Per slot, `base` plus one more than the number of the shingle there; free when at most
    /// `base` (written for an earlier text). A power of two long, at most half full.
    slots: Vec<u32>,
    /// Each number's shingle and first holder.
    keys: Vec<Entry>,
    /// The current generation's zero: 0 in a table made for this text, a multiple of
    /// [`GENERATION`] in a reused one.
    base: u32,
    shift: u32,
    multiplier: u64,
}

/// Slots a thread keeps for its next text: a zeroed table per text was a twentieth of this
/// stage (sized for the presized shingles; larger tables go back to the allocator).
const SPARE_SLOTS: usize = 1 << 17;
/// A generation's span of slot values: more than a spare table's numbers (at most half of
/// [`SPARE_SLOTS`]).
const GENERATION: u32 = 1 << 16;

thread_local! {
    static SPARE: std::cell::Cell<Option<Numbers>> = const { std::cell::Cell::new(None) };
}

impl Numbers {
    fn with_capacity(n: usize) -> Numbers {
        let mut numbers = Numbers {
            slots: Vec::new(),
            keys: Vec::with_capacity(n),
            base: 0,
            shift: 0,
            multiplier: RandomState::new().hash_one(0x5eed_u64) | 1,
        };
        numbers.resize((2 * n).next_power_of_two().max(16));
        numbers
    }

    /// A table for `n` shingles: the one this thread used last, emptied by moving to the next
    /// generation (clearing its slots only when the generations run out), or a new one.
    fn for_shingles(n: usize) -> Numbers {
        let Some(mut numbers) = SPARE.take() else {
            return Numbers::with_capacity(n);
        };
        numbers.keys.clear();
        numbers.keys.reserve(n);
        if numbers.base >= u32::MAX - 2 * GENERATION {
            numbers.slots.fill(0);
            numbers.base = 0;
        }
        numbers.base += GENERATION;
        let want = (2 * n).next_power_of_two().max(16);
        if numbers.slots.len() < want {
            numbers.resize(want);
        }
        numbers
    }

    /// Keeps the table for this thread's next text, unless it grew large.
    fn recycle(self) {
        if self.slots.len() <= SPARE_SLOTS && self.keys.capacity() <= SPARE_SLOTS / 2 {
            SPARE.set(Some(self));
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.keys.len()
    }

    fn resize(&mut self, slots: usize) {
        self.slots = vec![0; slots];
        // Numbers past a generation's span need the whole range of a slot.
        if slots > SPARE_SLOTS {
            self.base = 0;
        }
        self.shift = 64 - slots.trailing_zeros();
        for number in 0..self.keys.len() {
            let i = self.free_slot(self.keys[number].shingle);
            self.slots[i] = self.base + number as u32 + 1;
        }
    }

    /// The slot holding `shingle`, or the free one where it goes.
    #[inline]
    fn free_slot(&self, shingle: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = (shingle.wrapping_mul(self.multiplier) >> self.shift) as usize;
        while self.slots[i] > self.base
            && self.keys[(self.slots[i] - self.base) as usize - 1].shingle != shingle
        {
            i = (i + 1) & mask;
        }
        i
    }

    /// The number of `shingle`: a new one gets the next number, `fresh`, and `holder` as its
    /// first holder. (Probes as [`Numbers::free_slot`] does, reading each slot once.)
    #[inline(always)]
    fn number(&mut self, shingle: u64, fresh: u32, holder: u32) -> u32 {
        debug_assert_eq!(fresh as usize, self.keys.len());
        if 2 * (self.keys.len() + 1) > self.slots.len() {
            self.resize(2 * self.slots.len());
        }
        let start = (shingle.wrapping_mul(self.multiplier) >> self.shift) as usize;
        probe(
            &mut self.slots,
            &mut self.keys,
            self.base,
            start,
            shingle,
            holder,
        )
        .0
    }

    /// The numbers of the shingles of `hashes` (each [`SHINGLE`] in a row) into `ids`, one
    /// each, as [`Stream::number`] gives them, for block `holder`. The table is grown first for
    /// as many new shingles, so that the loop keeps the table's fields in registers and checks
    /// no size (read through `self` at every shingle, they were reloaded after each call).
    #[inline(always)]
    fn number_windows(
        &mut self,
        hashes: &[u64],
        ids: &mut [u32],
        holder: u32,
        more: &mut Vec<Holders>,
        shares: &mut [bool],
    ) {
        let wanted = 2 * (self.keys.len() + ids.len() + 1);
        let mut size = self.slots.len();
        while wanted > size {
            size *= 2;
        }
        if size > self.slots.len() {
            self.resize(size);
        }
        self.keys.reserve(ids.len());
        let Numbers {
            slots,
            keys,
            base,
            shift,
            multiplier,
        } = self;
        let (base, shift, multiplier) = (*base, *shift, *multiplier);
        let slots = &mut slots[..];
        for (w, id) in hashes.windows(SHINGLE).zip(ids) {
            let shingle = w.iter().fold(COMBINE_SEED, |acc, &h| combine_step(acc, h));
            let start = (shingle.wrapping_mul(multiplier) >> shift) as usize;
            let (number, fresh) = probe(slots, keys, base, start, shingle, holder);
            if !fresh {
                HolderTable::add(keys, more, number, holder, shares);
            }
            *id = number;
        }
    }
}

/// The number of `shingle` in a table of `slots` (at most half full, a power of two long) and
/// `keys`, probing from slot `start`, and whether it is new: a new one gets the next number
/// and `holder` as its first holder.
#[inline(always)]
fn probe(
    slots: &mut [u32],
    keys: &mut Vec<Entry>,
    base: u32,
    start: usize,
    shingle: u64,
    holder: u32,
) -> (u32, bool) {
    let mask = slots.len() - 1;
    let mut i = start;
    loop {
        let slot = slots[i];
        if slot <= base {
            let fresh = keys.len() as u32;
            keys.push(Entry {
                shingle,
                first: holder,
                more: NO_MORE,
            });
            slots[i] = base + fresh + 1;
            return (fresh, true);
        }
        let number = slot - base - 1;
        if keys[number as usize].shingle == shingle {
            return (number, false);
        }
        i = (i + 1) & mask;
    }
}

/// Hashes of several token hashes in order (shingles, whole blocks): a fold from the seed.
const COMBINE_SEED: u64 = 0x9e3779b97f4a7c15;

fn combine_step(acc: u64, h: u64) -> u64 {
    acc.rotate_left(17).wrapping_mul(0x100000001b3) ^ h
}

/// The kept blocks' token stream, read through a window of its last [`SHINGLE`] tokens and
/// their blocks (the stream itself is never stored).
struct Stream {
    /// The shingles' numbers, and their first holders.
    numbers: Numbers,
    /// The holders of shingles with more than one.
    more: Vec<Holders>,
    /// Per stream position, the number of the shingle starting there.
    ids: Vec<u32>,
    window: [(u64, u32); SHINGLE],
    tokens: usize,
}

impl Stream {
    /// Block `b`'s token hashes, in order; returns the hash of the whole sequence. Not
    /// inlined: in its caller the window and the tables did not stay in registers.
    #[inline(never)]
    fn push_block(&mut self, b: u32, hashes: &[u64], shares: &mut [bool]) -> u64 {
        let all = hashes
            .iter()
            .fold(COMBINE_SEED, |acc, &h| combine_step(acc, h));
        let Stream {
            numbers,
            more,
            ids,
            window,
            tokens,
        } = self;
        // The block's first tokens end shingles that start in the window (oldest token
        // first, shifted along); the others, shingles of the block alone, whose numbers go
        // into slots made for them (a push a shingle reloaded the vector each time).
        let head = hashes.len().min(SHINGLE - 1);
        for &h in &hashes[..head] {
            window.copy_within(1.., 0);
            window[SHINGLE - 1] = (h, b);
            *tokens += 1;
            if *tokens >= SHINGLE {
                let shingle = window
                    .iter()
                    .fold(COMBINE_SEED, |acc, &(h, _)| combine_step(acc, h));
                ids.push(Self::number(numbers, more, shingle, window[0].1, shares));
            }
        }
        let at = ids.len();
        ids.resize(at + hashes.len() - head, 0);
        numbers.number_windows(hashes, &mut ids[at..], b, more, shares);
        let rest = &hashes[head..];
        *tokens += rest.len();
        for &h in &rest[rest.len().saturating_sub(SHINGLE)..] {
            window.copy_within(1.., 0);
            window[SHINGLE - 1] = (h, b);
        }
        all
    }

    /// The number of `shingle`, which starts the next stream position, in block `holder`.
    #[inline(always)]
    fn number(
        numbers: &mut Numbers,
        more: &mut Vec<Holders>,
        shingle: u64,
        holder: u32,
        shares: &mut [bool],
    ) -> u32 {
        let fresh = numbers.keys.len() as u32;
        let id = numbers.number(shingle, fresh, holder);
        if id != fresh {
            HolderTable::add(&mut numbers.keys, more, id, holder, shares);
        }
        id
    }
}

/// Two items of one list (or rows of one table) with nothing else between them: steps of a
/// plan repeat legitimately ("Jog gently for one minute." twice), so neither is a copy.
fn same_list(doc: &Doc<'_>, first: usize, later: usize) -> bool {
    let kind = doc.blocks[later].kind;
    matches!(kind, BlockKind::ListItem | BlockKind::TableRow)
        && doc.blocks[first..later].iter().all(|b| b.kind == kind)
}

pub(crate) fn run(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    run_with(doc, verdicts, Way::Fast);
}

/// How [`run_with`] works: the fast way, or a reference the fast way is tested against.
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(test), allow(dead_code))]
enum Way {
    Fast,
    /// Shingles numbered as a stream, as those of a page past the memo's bound are.
    Streamed,
    /// Streamed, and the blocks that share no shingle compared too.
    EveryBlock,
}

/// Pushes the hashes of `text`'s tokens onto `hashes`. Not inlined: inlined in
/// [`run_with`], the tokeniser's loop kept less of its state in registers.
#[inline(never)]
fn hash_tokens(text: &str, hashes: &mut Vec<u64>) {
    word_token_hashes(text, |h| hashes.push(h));
}

/// The kept blocks' stream, its shingles numbered (once filled in by [`number_memoized`] or
/// [`number_streamed`]).
struct Numbered {
    /// Per block, its span of stream positions.
    span: Vec<(usize, usize)>,
    /// Per block, the hash of its whole token sequence and its length.
    whole: Vec<u64>,
    /// Per stream position, the number of the shingle starting there.
    ids: Vec<u32>,
    /// The shingles' numbers, and their first holders.
    numbers: Numbers,
    /// The holders of shingles with more than one.
    more: Vec<Holders>,
}

/// [`run`]; `way` says how (the fast way, or a reference).
fn run_with(doc: &Doc<'_>, verdicts: &mut Verdicts, way: Way) {
    let mut kept: Vec<usize> = Vec::with_capacity(doc.blocks.len());
    kept.extend((0..doc.blocks.len()).filter(|&i| verdicts.is_kept(i)));
    // The kept blocks' tokens, hashed (FNV-1a: fast, and collisions only merge two
    // shingles), make one stream. Shingle -> distinct blocks whose stream position starts it
    // (crossing into the next block is allowed: a run of bullets covers an excerpt that joins
    // them). Each distinct shingle is numbered once, in order of first appearance, and every
    // position keeps its shingle's number: the passes below look holders up by number, not
    // by hash. Each block keeps its span of stream positions and the hash of its whole token
    // sequence.
    // The kept blocks' words: about as many as the stream's positions (one number each).
    // The shingle tables are sized for as many up to a bound: growing them from empty was a
    // tenth of this stage, but a long page repeats most of its shingles, and slots for every
    // token would outweigh the page.
    let expected: usize = kept.iter().map(|&i| doc.features[i].words as usize).sum();
    let numbered = Numbered {
        span: vec![(0, 0); doc.blocks.len()],
        whole: vec![0; doc.blocks.len()],
        ids: Vec::with_capacity(expected),
        numbers: Numbers::for_shingles(expected.min(PRESIZED_SHINGLES)),
        more: Vec::new(),
    };
    // A block's token hashes, gathered first (or by an earlier run): the loops over them then
    // keep their state in registers, which a callback per token could not.
    let mut memo = doc.tokens.memo.borrow_mut();
    memo.spans.resize(doc.blocks.len(), NOT_HASHED);
    // Sized at once for the first run's blocks (a token is a word, or less: "it's" is two),
    // as growing it by doubling cost more than the pushes.
    if memo.hashes.is_empty() {
        memo.hashes.reserve(expected.min(MEMO_MOST_TOKENS) + 1);
    }
    // The kept blocks' hashes into the memo while it has room (as the streamed numbering
    // does): all of a short page's. A page of more words than the memo holds is numbered as a
    // stream at once (hashing all that fits first moved its allocations: 2 MB more peak
    // memory on a 10 MB page).
    let mut tokens = (expected <= MEMO_MOST_TOKENS).then_some(0usize);
    let TokenMemo {
        spans,
        hashes: all_hashes,
    } = &mut *memo;
    for &i in &kept {
        let Some(sum) = tokens else { break };
        if spans[i] == NOT_HASHED {
            if all_hashes.len() >= MEMO_MOST_TOKENS {
                tokens = None;
                break;
            }
            let from = all_hashes.len();
            hash_tokens(&doc.blocks[i].text, all_hashes);
            spans[i] = (from, all_hashes.len());
        }
        tokens = Some(sum + spans[i].1 - spans[i].0);
    }
    // Blocks holding a shingle that another block holds too: only they can be a condensed
    // copy or a near duplicate (a shingle of one holder is the block's own), so the passes
    // below look at the others only for exact duplicates.
    let mut shares = vec![false; doc.blocks.len()];
    let every_block = way == Way::EveryBlock;
    let Numbered {
        span,
        whole,
        ids,
        mut numbers,
        more,
    } = match tokens {
        Some(tokens) if way == Way::Fast => {
            number_memoized(&kept, &memo, tokens, numbered, &mut shares)
        }
        _ => number_streamed(doc, &kept, &mut memo, numbered, &mut shares),
    };
    drop(memo);
    let holders = HolderTable {
        first: std::mem::take(&mut numbers.keys),
        more,
    };
    // The shingle numbers' hash table is done with.
    numbers.recycle();
    let len = |i: usize| span[i].1 - span[i].0;
    // A block's own distinct shingles: how many, and those that other blocks hold too, in
    // order of first appearance, pushed onto `v` (a shingle's last pass marks it seen; a
    // shingle of one holder can only be the block's own, so it counts in the share's
    // denominator alone). The first pass below works them out into `own`, a range per block
    // in `own_at` with the count, and the second reads them again.
    // (Passes count from 1, so that the table starts zeroed, as fresh memory already is.)
    let mut seen = vec![0u32; holders.len()];
    let mut pass = 0u32;
    let mut own: Vec<u32> = Vec::with_capacity(ids.len());
    let mut own_at: Vec<(usize, usize, usize)> = vec![(0, 0, 0); doc.blocks.len()];
    let mut internal = |i: usize, v: &mut Vec<u32>| {
        pass += 1;
        let (s, e) = span[i];
        if e - s < SHINGLE {
            return 0;
        }
        let mut distinct = 0;
        for &id in &ids[s..=e - SHINGLE] {
            if seen[id as usize] != pass {
                seen[id as usize] = pass;
                distinct += 1;
                if holders.slot(id).is_some() {
                    v.push(id);
                }
            }
        }
        distinct
    };
    // Per shingle of several holders (by slot), its shortest holder and the length of the
    // shortest other one: whether a block other than `a` shorter than a bound holds it is
    // then one comparison.
    let shortest: Vec<(u32, u32, u32)> = holders
        .more
        .iter()
        .map(|h| {
            let (mut best, mut block, mut second) = (u32::MAX, u32::MAX, u32::MAX);
            for &b in h.as_slice() {
                let l = len(b as usize) as u32;
                if l < best {
                    (second, best, block) = (best, l, b);
                } else if l < second {
                    second = l;
                }
            }
            (best, block, second)
        })
        .collect();

    // Condensed copies: covered by blocks smaller than themselves.
    for &a in &kept {
        if !shares[a] && !every_block {
            continue;
        }
        let from = own.len();
        let distinct = internal(a, &mut own);
        own_at[a] = (from, own.len(), distinct);
        if distinct < MIN_SHINGLES {
            continue;
        }
        let limit = len(a) as f32 * COVERAGE;
        let covered = own[from..]
            .iter()
            .filter(|&&id| {
                let slot = holders.slot(id).expect("shingles of several holders");
                let (best, block, second) = shortest[slot as usize];
                let other = if block == a as u32 { second } else { best };
                other != u32::MAX && (other as f32) < limit
            })
            .count();
        let share = covered as f32 / distinct as f32;
        if share >= COVERAGE {
            let reason = format!(
                "{:.0}% of it repeats smaller blocks of the story (an excerpt or summary)",
                share * 100.0
            );
            verdicts.remove(
                a,
                Category::Duplicate,
                "condensed-excerpt",
                share,
                COVERAGE,
                reason,
            );
        }
    }
    // Near and exact duplicates, against blocks still kept.
    // (Sized for every kept block at once: growing it was half of its cost.)
    let mut exact: HashMap<u64, usize, Fold> =
        HashMap::with_capacity_and_hasher(kept.len(), Fold::new());
    // Shingles each other block shares with the current one, and which blocks have any.
    let mut shared = vec![0u32; doc.blocks.len()];
    let mut sharing: Vec<u32> = Vec::new();
    // Which blocks are still kept, as the loop below removes some: read for every holder of
    // every shingle, cheaper than the verdicts.
    let mut alive: Vec<bool> = (0..doc.blocks.len()).map(|i| verdicts.is_kept(i)).collect();
    for &a in &kept {
        if !alive[a] {
            continue;
        }
        let (s, e) = span[a];
        if e - s < MIN_EXACT_TOKENS {
            continue;
        }
        let whole = whole[a];
        if let Some(&first) = exact.get(&whole) {
            if verdicts.is_kept(first) && !same_list(doc, first, a) {
                verdicts.remove(
                    a,
                    Category::Duplicate,
                    "exact-duplicate",
                    1.0,
                    1.0,
                    format!("repeats block {first}"),
                );
                alive[a] = verdicts.is_kept(a);
                continue;
            }
        }
        exact.insert(whole, a);
        if !shares[a] && !every_block {
            continue;
        }
        let (from, to, distinct) = own_at[a];
        if distinct < MIN_SHINGLES || doc.blocks[a].kind.is_heading() {
            continue;
        }
        for &id in &own[from..to] {
            for &b in holders.of(id) {
                if b as usize != a && alive[b as usize] {
                    if shared[b as usize] == 0 {
                        sharing.push(b);
                    }
                    shared[b as usize] += 1;
                }
            }
        }
        // The earliest qualifying block names the container.
        let container = sharing
            .iter()
            .map(|&b| (b, shared[b as usize]))
            .filter(|&(b, n)| {
                let b = b as usize;
                let share = n as f32 / distinct as f32;
                share >= COVERAGE
                    && (len(b) as f32 > len(a) as f32 * 1.1 || (len(b) >= len(a) && b < a))
            })
            .min_by_key(|&(b, _)| b);
        for b in sharing.drain(..) {
            shared[b as usize] = 0;
        }
        if let Some((b, n)) = container {
            let share = n as f32 / distinct as f32;
            let reason = format!("{:.0}% of it repeats block {b}", share * 100.0);
            verdicts.remove(
                a,
                Category::Duplicate,
                "near-duplicate",
                share,
                COVERAGE,
                reason,
            );
            alive[a] = verdicts.is_kept(a);
        }
    }
}

/// The shingles of the stream of the blocks `kept` (`tokens` tokens, all in `memo`),
/// numbered as [`number_streamed`] numbers them, block by block: a block's shingles are the
/// windows of its tokens and of the (at most three) tokens that follow it in the stream, read
/// from the memo where they follow it there too (all of a page's first run), else from a
/// copy. No window is carried from block to block a token at a time (most blocks are a few
/// words long).
fn number_memoized(
    kept: &[usize],
    memo: &TokenMemo,
    tokens: usize,
    mut numbered: Numbered,
    shares: &mut [bool],
) -> Numbered {
    // Whether the blocks lie in the memo in order, one after another: the memo then holds
    // the stream as it is, from `start`.
    let start = kept.first().map_or(0, |&i| memo.spans[i].0);
    let mut in_order = true;
    let mut at = 0;
    for &i in kept {
        let (s, e) = memo.spans[i];
        let all = memo.hashes[s..e]
            .iter()
            .fold(COMBINE_SEED, |acc, &h| combine_step(acc, h));
        numbered.whole[i] = all ^ (e - s) as u64;
        in_order &= s == start + at;
        numbered.span[i] = (at, at + e - s);
        at += e - s;
    }
    // Otherwise the tokens that follow each block in the stream, and how many (fewer at its
    // end), worked out from the end.
    let mut next = Vec::new();
    if !in_order {
        next = vec![([0u64; SHINGLE - 1], 0); kept.len()];
        let mut after = ([0u64; SHINGLE - 1], 0);
        for (j, &i) in kept.iter().enumerate().rev() {
            next[j] = after;
            let (s, e) = memo.spans[i];
            let own = &memo.hashes[s..e.min(s + SHINGLE - 1)];
            let mut first = [0u64; SHINGLE - 1];
            first[..own.len()].copy_from_slice(own);
            let then = (SHINGLE - 1 - own.len()).min(after.1);
            first[own.len()..own.len() + then].copy_from_slice(&after.0[..then]);
            after = (first, own.len() + then);
        }
    }
    let positions = tokens.saturating_sub(SHINGLE - 1);
    let mut copy = Vec::new();
    for (j, &i) in kept.iter().enumerate() {
        let (from, to) = numbered.span[i];
        let to = to.min(positions);
        if from >= to {
            continue;
        }
        // The block's tokens and the next ones, as many as its shingles take.
        let wanted = to - from + SHINGLE - 1;
        let hashes = if in_order {
            &memo.hashes[start + from..start + from + wanted]
        } else {
            let (s, e) = memo.spans[i];
            let following = &next[j].0[..next[j].1];
            if memo.hashes.get(e..e + following.len()) == Some(following) {
                &memo.hashes[s..s + wanted]
            } else {
                copy.clear();
                copy.extend_from_slice(&memo.hashes[s..e]);
                copy.extend_from_slice(following);
                &copy[..wanted]
            }
        };
        numbered.ids.resize(to, 0);
        numbered.numbers.number_windows(
            hashes,
            &mut numbered.ids[from..to],
            i as u32,
            &mut numbered.more,
            shares,
        );
    }
    numbered
}

/// The shingles of the stream of the blocks `kept`, every one numbered as it is read, their
/// tokens hashed into `memo` while it has room (see [`MEMO_MOST_TOKENS`]) and afresh past it.
fn number_streamed(
    doc: &Doc<'_>,
    kept: &[usize],
    memo: &mut TokenMemo,
    numbered: Numbered,
    shares: &mut [bool],
) -> Numbered {
    // Shingles are read off the stream through a window of the last SHINGLE tokens and their
    // blocks, so the stream itself is never stored.
    let Numbered {
        mut span,
        mut whole,
        ids,
        numbers,
        more,
    } = numbered;
    let mut stream = Stream {
        numbers,
        more,
        ids,
        window: [(0, 0); SHINGLE],
        tokens: 0,
    };
    let TokenMemo {
        spans,
        hashes: all_hashes,
    } = memo;
    // A block's hashes past the memo's bound (see [`MEMO_MOST_TOKENS`]).
    let mut unkept: Vec<u64> = Vec::new();
    for &i in kept {
        let start = stream.tokens;
        let hashes: &[u64] = if spans[i] != NOT_HASHED {
            &all_hashes[spans[i].0..spans[i].1]
        } else if all_hashes.len() < MEMO_MOST_TOKENS {
            let from = all_hashes.len();
            word_token_hashes(&doc.blocks[i].text, |h| all_hashes.push(h));
            spans[i] = (from, all_hashes.len());
            &all_hashes[from..]
        } else {
            unkept.clear();
            word_token_hashes(&doc.blocks[i].text, |h| unkept.push(h));
            &unkept
        };
        let all = stream.push_block(i as u32, hashes, shares);
        span[i] = (start, stream.tokens);
        whole[i] = all ^ (stream.tokens - start) as u64;
    }
    let Stream {
        more, ids, numbers, ..
    } = stream;
    Numbered {
        span,
        whole,
        ids,
        numbers,
        more,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_a_map_from_shingles_to_first_numbers() {
        // Sized small so that it grows; shingles repeat, and share low and high bits.
        let mut numbers = Numbers::with_capacity(1);
        let mut map: HashMap<u64, u32> = HashMap::new();
        for k in 0..5000u64 {
            let shingle = match k % 3 {
                0 => k / 3,
                1 => (k % 97) << 40,
                _ => k.wrapping_mul(0x9e3779b97f4a7c15),
            };
            let fresh = map.len() as u32;
            let want = *map.entry(shingle).or_insert(fresh);
            assert_eq!(numbers.number(shingle, fresh, 0), want, "{shingle}");
        }
        assert_eq!(numbers.len(), map.len());
    }

    #[test]
    fn a_reused_table_starts_empty() {
        let shingle = |k: u64| k.wrapping_mul(0x9e3779b97f4a7c15);
        // Past the generations' end too, where the slots are cleared.
        for text in 0..70_000u64 {
            let mut numbers = Numbers::for_shingles(4);
            let n = 1 + text as usize % 40;
            for k in 0..n as u64 {
                assert_eq!(numbers.number(shingle(k + text % 3), k as u32, 0), k as u32);
            }
            assert_eq!(numbers.number(shingle(text % 3), n as u32, 0), 0);
            assert_eq!(numbers.len(), n);
            numbers.recycle();
        }
        // One grown past what is kept starts a fresh table.
        let mut numbers = Numbers::for_shingles(4);
        for k in 0..=SPARE_SLOTS as u64 / 2 {
            assert_eq!(numbers.number(shingle(k), k as u32, 0), k as u32);
        }
        assert_eq!(numbers.base, 0);
        let fresh = numbers.len() as u32;
        assert_eq!(numbers.number(shingle(7), fresh, 0), 7);
        numbers.recycle();
        assert_eq!(Numbers::for_shingles(4).base, 0);
    }
    #[test]
    fn the_earliest_container_is_named() {
        let text = "\
A story heading for the test

The council approved the harbour tunnel plan on Monday after a long debate about costs, and the mayor welcomed it warmly.

Residents said the council approved the harbour tunnel plan on Monday after a long debate about costs and noise levels.

The council approved the harbour tunnel plan on Monday after a long debate about costs.";
        let story = crate::Extractor::new().extract_text(text).unwrap();
        let removal = story
            .removals()
            .iter()
            .find(|r| r.rule == "near-duplicate")
            .expect("the short paragraph repeats both longer ones");
        assert_eq!(removal.reason, "100% of it repeats block 1");
    }

    /// Every block's duplicate decision (rule and reason), by [`run_with`].
    fn decisions(text: &str, way: Way) -> Vec<Option<(&'static str, String)>> {
        decisions_with(text, way, &Tokens::default(), 0)
    }

    /// As [`decisions`], with the memo of token hashes `tokens`, and every `removed_every`th
    /// block removed before the run (none when 0).
    fn decisions_with(
        text: &str,
        way: Way,
        tokens: &Tokens,
        removed_every: usize,
    ) -> Vec<Option<(&'static str, String)>> {
        use crate::extraction::Pass;
        use crate::rules::main_content::Shared;
        use crate::vocab::patterns::Vocabulary;
        let blocks = crate::parse::text::parse(text, usize::MAX);
        let features: Vec<_> = blocks.iter().map(crate::features::measure).collect();
        let vocab = Vocabulary::new(&[]).unwrap();
        let scanned = vocab.scanned_for(&blocks, vec![None; blocks.len()]);
        let config = crate::options::Config::default();
        let shared = Shared::default();
        let doc = Doc {
            blocks: &blocks,
            features: &features,
            vocab: &scanned,
            config: &config,
            dom: None,
            pass: Pass::Text,
            memory: None,
            shared: &shared,
            tokens,
        };
        let mut verdicts = Verdicts::new(blocks.len(), &config);
        for i in (0..blocks.len()).filter(|i| removed_every > 0 && i % removed_every == 0) {
            verdicts.remove(i, Category::Boilerplate, "test", 1.0, 1.0, "removed first");
        }
        run_with(&doc, &mut verdicts, way);
        verdicts
            .into_decisions()
            .into_iter()
            .map(|d| d.map(|d| (d.rule, d.reason)))
            .collect()
    }

    /// The fast way (shingles numbered from the memo, blocks that share none skipped) decides
    /// as the streamed numbering and as comparing every block.
    #[test]
    fn skipping_blocks_that_share_no_shingle_changes_nothing() {
        // Paragraphs drawn from a few sentences, some repeated, cut, or merged, so that
        // every case (exact, near, condensed, unique, too short) occurs.
        let sentences = [
            "The council approved the harbour tunnel plan on Monday after a long debate.",
            "Residents said the noise from the works kept them awake at night.",
            "The mayor welcomed the decision warmly.",
            "Engineers expect the tunnel to open two months early.",
            "Costs rose by a tenth over the first estimate, the report said.",
            "Read more",
            "Share this",
        ];
        let mut next = crate::test_support::pseudo_random(0x9e37_79b9_7f4a_7c15);
        let mut removed = 0;
        for _ in 0..200 {
            let mut text = String::new();
            for _ in 0..1 + next(10) {
                for _ in 0..1 + next(3) {
                    let s = sentences[next(sentences.len())];
                    let words: Vec<&str> = s.split(' ').collect();
                    let cut = next(words.len());
                    text.push_str(&if next(4) == 0 {
                        words[cut..].join(" ")
                    } else {
                        s.to_string()
                    });
                    text.push(' ');
                }
                text.push_str("\n\n");
            }
            let fast = decisions(&text, Way::Fast);
            for way in [Way::Streamed, Way::EveryBlock] {
                assert_eq!(fast, decisions(&text, way), "{text:?}");
            }
            removed += fast.iter().flatten().count();
            if next(4) == 0 {
                token_hashes_of_earlier_runs_change_nothing(&text);
            }
        }
        assert!(removed > 100, "the texts repeat themselves");
    }

    /// Which paragraph's words paragraph `n` holds: its own, or, when `n` is a multiple of 7,
    /// those of paragraph `n / 7`.
    fn content(n: usize) -> usize {
        if n % 7 == 0 {
            n / 7
        } else {
            n
        }
    }

    /// `paragraphs` paragraphs of `words` distinct words each, as [`content`] says.
    fn paragraphs_repeating_every_seventh(paragraphs: usize, words: usize) -> String {
        let mut text = String::new();
        for n in 1..=paragraphs {
            for j in 0..words {
                text.push_str(&format!("w{}x{j} ", content(n)));
            }
            text.push_str("\n\n");
        }
        text
    }

    /// A page longer than the memo's bound: blocks past it are hashed afresh on every run, the
    /// copies among them are still found, and the decisions are those of a fresh memo.
    #[test]
    fn a_page_past_the_memos_bound_decides_the_same() {
        // Paragraphs of distinct words; paragraph n, when n is a multiple of 7, repeats
        // paragraph n / 7, so copies stand on both sides of the bound.
        let words = 300;
        let paragraphs = super::MEMO_MOST_TOKENS / words + 60;
        let text = paragraphs_repeating_every_seventh(paragraphs, words);
        let found = decisions(&text, Way::Fast);
        assert_eq!(found.len(), paragraphs);
        for n in 1..=paragraphs {
            // A copy is one whose content came first in another paragraph.
            let copy = content(n) != n && content(content(n)) == content(n);
            assert_eq!(
                found[n - 1].is_some(),
                copy,
                "paragraph {n}: {:?}",
                found[n - 1]
            );
        }
        token_hashes_of_earlier_runs_change_nothing(&text);
    }

    /// A run whose blocks fit the memo's bound, after one over other blocks that filled most
    /// of it: the memo fills up partway through the run, whose other blocks are then hashed
    /// afresh, and the decisions are those of a fresh memo and of the streamed numbering.
    #[test]
    fn a_memo_filled_up_partway_through_a_run_decides_the_same() {
        // 360,000 words: two thirds of them (the blocks kept first) fit the memo, half of
        // them (kept next) too, but not the five sixths the two runs hash between them.
        let text = paragraphs_repeating_every_seventh(1200, 300);
        let memo = Tokens::default();
        decisions_with(&text, Way::Fast, &memo, 3);
        let found = decisions_with(&text, Way::Fast, &memo, 2);
        assert!(memo.memo.borrow().hashes.len() >= MEMO_MOST_TOKENS);
        assert_eq!(
            found,
            decisions_with(&text, Way::Fast, &Tokens::default(), 2)
        );
        assert_eq!(
            found,
            decisions_with(&text, Way::Streamed, &Tokens::default(), 2)
        );
        assert!(found
            .iter()
            .flatten()
            .any(|(rule, _)| *rule == "exact-duplicate"));
    }

    /// Runs over other kept blocks, one memo of token hashes for all of them, decide as runs
    /// that hash every block afresh.
    fn token_hashes_of_earlier_runs_change_nothing(text: &str) {
        let memo = Tokens::default();
        for every in [3, 0, 2, 0] {
            assert_eq!(
                decisions_with(text, Way::Fast, &memo, every),
                decisions_with(text, Way::Fast, &Tokens::default(), every),
                "{text:?}"
            );
        }
    }
}
