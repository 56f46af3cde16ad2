//! Learning a source's boilerplate across its documents: [`SourceMemory`] counts, per block
//! text, how many documents of one source carry it; the rule `repeated-across-documents`
//! (`rules/memory.rs`) then removes the learnt blocks from that source's documents.
//!
//! Only hashes are stored: a block is known by the hash of its lower-cased words, so case,
//! punctuation and spacing do not matter and no text is kept.

use std::collections::HashMap;
use std::fmt;
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::error::Error;
use crate::extraction::{Category, Extraction};
use crate::extractor::Extractor;
use crate::features::word_tokens;

/// The rule id of removals made from a [`SourceMemory`].
pub(crate) const RULE: &str = "repeated-across-documents";

/// Distinct surrounding stories remembered per block: enough to tell "the same block around
/// different stories" from "the same story posted again".
const STORIES_KEPT: usize = 4;

/// Categories a learnt block may inherit from the rules that removed it in other documents, the
/// most specific first. Boilerplate is the default anyway; duplicates and metadata are about
/// one document's own text, not the source's.
const INHERITED: [Category; 5] = [
    Category::Disclaimer,
    Category::Sponsored,
    Category::Syndication,
    Category::Promo,
    Category::Chrome,
];

/// What a [`SourceMemory`] knows of one block text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Documents that carry the block (each counted once however often it repeats inside).
    pub documents: u32,
    /// The number of learnt documents when the block was last seen: evicts stale entries first.
    last_seen: u32,
    /// Bit set ([`Category::bit`]) of the categories the rules removed the block under.
    pub categories: u8,
    /// Fingerprints of the stories the block was seen around, up to [`STORIES_KEPT`]; 0 is an
    /// empty slot.
    stories: [u32; STORIES_KEPT],
}

impl Entry {
    /// Distinct stories the block was seen around (capped at [`STORIES_KEPT`]).
    pub(crate) fn stories(&self) -> usize {
        self.stories.iter().filter(|&&s| s != 0).count()
    }

    fn add_story(&mut self, story: u32) {
        if self.stories.contains(&story) {
            return;
        }
        if let Some(slot) = self.stories.iter_mut().find(|s| **s == 0) {
            *slot = story;
        }
    }

    fn absorb(&mut self, other: &Entry) {
        self.documents = self.documents.saturating_add(other.documents);
        self.last_seen = self.last_seen.max(other.last_seen);
        self.categories |= other.categories;
        for &s in other.stories.iter().filter(|&&s| s != 0) {
            self.add_story(s);
        }
    }
}

/// The counts behind a [`SourceMemory`]'s lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Table {
    capacity: usize,
    /// Documents learnt.
    pub documents: u32,
    entries: HashMap<u64, Entry>,
}

impl Table {
    fn new(capacity: usize) -> Table {
        Table {
            capacity: capacity.max(1),
            documents: 0,
            entries: HashMap::new(),
        }
    }

    /// The entry of a block that counts as learnt: seen in at least
    /// [`SourceMemory::MIN_DOCUMENTS`] documents and [`SourceMemory::MIN_SHARE`] of all, around
    /// at least [`SourceMemory::MIN_STORIES`] different stories.
    pub(crate) fn learnt(&self, hash: u64) -> Option<&Entry> {
        let e = self.entries.get(&hash)?;
        let share = e.documents as f32 / self.documents.max(1) as f32;
        (e.documents >= SourceMemory::MIN_DOCUMENTS
            && e.stories() >= SourceMemory::MIN_STORIES
            && share >= SourceMemory::MIN_SHARE)
            .then_some(e)
    }

    /// Over capacity, drops the least-seen quarter (so that eviction costs amortised
    /// O(log capacity) per block learnt): fewest documents first, then the longest
    /// unseen, then by hash, so the outcome does not depend on the map's order.
    fn evict(&mut self) {
        if self.entries.len() <= self.capacity {
            return;
        }
        let target = self.capacity - self.capacity / 4;
        let mut order: Vec<(u32, u32, u64)> = self
            .entries
            .iter()
            .map(|(&h, e)| (e.documents, e.last_seen, h))
            .collect();
        order.sort_unstable();
        let excess = self.entries.len() - target;
        for &(_, _, h) in &order[..excess] {
            self.entries.remove(&h);
        }
    }
}

/// The most specific category among the bits the rules recorded, if any.
pub(crate) fn inherited_category(bits: u8) -> Option<Category> {
    INHERITED.into_iter().find(|c| bits & c.bit() != 0)
}

/// The key of a block's text: a hash of its lower-cased word tokens, and how many there are.
/// FNV-1a, written out so that keys stay the same across Rust versions and runs (a memory is
/// kept between runs).
pub(crate) fn block_key(text: &str) -> (u64, u32) {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut words = 0u32;
    for token in word_tokens(text) {
        // 0xff never occurs in UTF-8: it separates tokens.
        for &b in token.as_bytes().iter().chain(&[0xff]) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        words = words.saturating_add(1);
    }
    (h, words)
}

/// A story fingerprint from block hashes, never 0 (0 marks an empty slot).
fn fingerprint(hashes: &[u64]) -> u32 {
    let h = hashes.iter().fold(0x9e37_79b9_7f4a_7c15u64, |acc, h| {
        (acc.rotate_left(23) ^ h).wrapping_mul(0x0100_0000_01b3)
    });
    ((h >> 32) as u32 ^ h as u32).max(1)
}

/// Boilerplate learnt across the documents of one source (a site or a feed): blocks repeated
/// in many of its documents, such as an aggregator's disclaimer, a newsletter box or a call to
/// action. Owned by the caller, one per source; feed it with [`SourceMemory::learn`], then
/// extract through [`Extractor::with_memory`]: learnt blocks are removed with rule
/// `repeated-across-documents`.
///
/// # What counts as learnt
///
/// A block of at least [`MIN_WORDS`](Self::MIN_WORDS) words that appeared in at least
/// [`MIN_DOCUMENTS`](Self::MIN_DOCUMENTS) learnt documents, making up at least
/// [`MIN_SHARE`](Self::MIN_SHARE) of them, around at least
/// [`MIN_STORIES`](Self::MIN_STORIES) different stories (a story is fingerprinted by the
/// longest kept blocks besides the block itself, so a story posted twice counts once). Shorter
/// blocks ("Share", a "Summary" heading) are never learnt: they repeat legitimately, and the
/// vocabulary rules handle short chrome by pattern.
///
/// # What is removed, and under which category
///
/// In a document extracted with the memory, after every other rule (a block they removed keeps
/// their rule), a learnt block still in the story is removed unless it is the title, or shares
/// most of its words with the rest of the story (a lead sentence the source's stories share);
/// and at most [`MAX_STORY_SHARE`](Self::MAX_STORY_SHARE) of the story's words go this way, the
/// most widespread blocks first. The category is the one the rules gave the same block in other
/// documents (disclaimer, sponsored, syndication, promo, chrome), else the one the vocabulary
/// hints at (a disclaimer phrase, a call-to-action phrase too weak alone), else
/// [`Category::Boilerplate`]. The score is the share of the source's documents that carry the
/// block; the threshold is [`MIN_SHARE`](Self::MIN_SHARE).
///
/// # Size, threads, persistence
///
/// Each distinct block costs one entry of about 40 bytes (a hash and counts, never text), up to
/// a capacity ([`DEFAULT_CAPACITY`](Self::DEFAULT_CAPACITY) or
/// [`with_capacity`](Self::with_capacity)). Past it, the quarter of entries seen in the fewest
/// documents (then seen least recently) is evicted: a story paragraph seen once goes long
/// before a block seen on every page. Methods take `&self` behind a lock, so one memory can be
/// fed and read from several threads; per-thread memories can be combined with
/// [`merge`](Self::merge). With the `serde` feature a memory serialises (as hashes and counts)
/// and can be kept between runs.
///
/// # Example
///
/// ```
/// use corestory::{Category, Extractor, SourceMemory};
///
/// let extractor = Extractor::new();
/// let memory = SourceMemory::new();
/// let notice = "Our weekly digest lands every Friday morning with the notes our editors kept.";
/// let topics = ["the river ferry", "the orchard harvest", "the library roof", "the tram line",
///               "the school choir", "the harbour crane"];
/// let pages: Vec<String> = topics
///     .iter()
///     .map(|t| format!("News about {t}\n\nA long paragraph that tells the story of {t}, \
///                       with details that only this story has.\n\n{notice}"))
///     .collect();
/// for page in &pages {
///     memory.learn(&extractor.extract_text(page)?);
/// }
/// let story = extractor.with_memory(&memory).extract_text(&pages[0])?;
/// assert!(!story.text().contains("weekly digest"));
/// let removal = &story.removals()[0];
/// assert_eq!(removal.rule, "repeated-across-documents");
/// assert_eq!(removal.category, Category::Boilerplate);
/// assert_eq!(removal.score, 1.0); // in 6 of 6 documents
/// # Ok::<(), corestory::Error>(())
/// ```
pub struct SourceMemory {
    table: RwLock<Table>,
}

impl SourceMemory {
    /// Distinct blocks remembered by [`SourceMemory::new`]: 65,536 (a few MiB at most).
    pub const DEFAULT_CAPACITY: usize = 1 << 16;
    /// Fewest documents a block must appear in to count as learnt.
    pub const MIN_DOCUMENTS: u32 = 4;
    /// Fewest different stories a block must have been seen around to count as learnt.
    pub const MIN_STORIES: usize = 3;
    /// Smallest share of the learnt documents a block must appear in to count as learnt.
    pub const MIN_SHARE: f32 = 0.25;
    /// Fewest words a block must have to be learnt.
    pub const MIN_WORDS: u32 = 6;
    /// Largest share of a document's story words that learnt blocks may take.
    pub const MAX_STORY_SHARE: f32 = 0.5;

    /// An empty memory of [`DEFAULT_CAPACITY`](Self::DEFAULT_CAPACITY) blocks.
    pub fn new() -> SourceMemory {
        SourceMemory::with_capacity(SourceMemory::DEFAULT_CAPACITY)
    }

    /// An empty memory that remembers at most `blocks` distinct blocks (at least 1).
    pub fn with_capacity(blocks: usize) -> SourceMemory {
        SourceMemory {
            table: RwLock::new(Table::new(blocks)),
        }
    }

    /// A panic in another thread cannot leave the table half-updated in a way that matters
    /// (counts only), so a poisoned lock is used as is.
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, Table> {
        self.table.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Table> {
        self.table.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// Learns one document of the source from its extraction (with or without this memory):
    /// every block, kept or removed, is counted once, with the category the rules removed it
    /// under.
    pub fn learn(&self, extraction: &Extraction) {
        // hash -> categories the rules removed it under
        let mut blocks: HashMap<u64, u8> = HashMap::new();
        let mut story: Vec<(u32, u64)> = Vec::new();
        for b in &extraction.blocks {
            let (hash, words) = block_key(&b.text);
            if words >= SourceMemory::MIN_WORDS && blocks.insert(hash, 0).is_none() {
                story.push((words, hash));
            }
        }
        for r in &extraction.removals {
            let (hash, words) = block_key(&r.text);
            if words < SourceMemory::MIN_WORDS {
                continue;
            }
            // Only what the vocabulary rules decided; not this rule's own removals, nor a whole
            // document dropped for being short.
            let decided = r.rule != RULE && r.rule != "story-too-short";
            let bits = if decided { r.category.bit() } else { 0 };
            *blocks.entry(hash).or_default() |= bits;
        }
        // The longest story blocks fingerprint the story; a block's own text is left out of
        // its fingerprint, so the fingerprint is the story around it.
        story.sort_unstable_by(|a, b| b.cmp(a));
        story.truncate(4);
        let around = |hash: u64| -> u32 {
            let others: Vec<u64> = story
                .iter()
                .map(|&(_, h)| h)
                .filter(|&h| h != hash)
                .take(3)
                .collect();
            fingerprint(&others)
        };
        let mut table = self.write();
        table.documents = table.documents.saturating_add(1);
        let now = table.documents;
        for (hash, bits) in blocks {
            let story = around(hash);
            let e = table.entries.entry(hash).or_default();
            e.documents = e.documents.saturating_add(1);
            e.last_seen = now;
            e.categories |= bits;
            e.add_story(story);
            // Inside the loop: one huge document cannot overrun the capacity either.
            table.evict();
        }
    }

    /// Adds what `other` learnt to this memory (documents and counts add up), keeping this
    /// memory's capacity. Merging a memory into itself counts its documents twice.
    pub fn merge(&self, other: &SourceMemory) {
        // A copy first: locking both at once could deadlock two threads merging crosswise.
        let theirs = other.read().clone();
        let mut table = self.write();
        table.documents = table.documents.saturating_add(theirs.documents);
        for (hash, e) in &theirs.entries {
            table.entries.entry(*hash).or_default().absorb(e);
        }
        table.evict();
    }

    /// Documents learnt so far.
    pub fn documents(&self) -> u32 {
        self.read().documents
    }

    /// Distinct blocks remembered.
    pub fn len(&self) -> usize {
        self.read().entries.len()
    }

    /// True when nothing has been learnt.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most distinct blocks remembered.
    pub fn capacity(&self) -> usize {
        self.read().capacity
    }

    /// Blocks that count as learnt now (see [What counts as learnt](#what-counts-as-learnt)).
    pub fn learnt(&self) -> usize {
        let table = self.read();
        table
            .entries
            .keys()
            .filter(|&&h| table.learnt(h).is_some())
            .count()
    }
}

impl Default for SourceMemory {
    fn default() -> SourceMemory {
        SourceMemory::new()
    }
}

impl Clone for SourceMemory {
    fn clone(&self) -> SourceMemory {
        SourceMemory {
            table: RwLock::new(self.read().clone()),
        }
    }
}

impl PartialEq for SourceMemory {
    fn eq(&self, other: &SourceMemory) -> bool {
        std::ptr::eq(self, other) || *self.read() == *other.read()
    }
}

impl fmt::Debug for SourceMemory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let table = self.read();
        f.debug_struct("SourceMemory")
            .field("documents", &table.documents)
            .field("blocks", &table.entries.len())
            .field("capacity", &table.capacity)
            .finish()
    }
}

/// An [`Extractor`] that also removes what a [`SourceMemory`] has learnt; made by
/// [`Extractor::with_memory`]. Its methods are the extractor's own.
#[derive(Clone, Copy, Debug)]
pub struct WithMemory<'a> {
    extractor: &'a Extractor,
    memory: &'a SourceMemory,
}

impl Extractor {
    /// This extractor with `memory`: blocks the memory learnt from the source's other
    /// documents are removed too (rule `repeated-across-documents`, see [`SourceMemory`]).
    pub fn with_memory<'a>(&'a self, memory: &'a SourceMemory) -> WithMemory<'a> {
        WithMemory {
            extractor: self,
            memory,
        }
    }
}

impl WithMemory<'_> {
    /// As [`Extractor::extract`], with the memory.
    pub fn extract(&self, input: &str) -> Result<Extraction, Error> {
        self.extractor.extract_with(input, Some(self.memory))
    }

    /// As [`Extractor::extract_html_bytes`], with the memory.
    pub fn extract_html_bytes(&self, bytes: &[u8]) -> Result<Extraction, Error> {
        self.extractor
            .extract_html_bytes_with(bytes, Some(self.memory))
    }

    /// As [`Extractor::extract_html`], with the memory.
    pub fn extract_html(&self, html: &str) -> Result<Extraction, Error> {
        self.extractor.extract_html_with(html, Some(self.memory))
    }

    /// As [`Extractor::extract_text`], with the memory.
    pub fn extract_text(&self, text: &str) -> Result<Extraction, Error> {
        self.extractor.extract_text_with(text, Some(self.memory))
    }
}

#[cfg(feature = "serde")]
mod persist {
    //! A memory serialises as a versioned list of entries sorted by hash, so equal memories
    //! give equal output.

    use super::{Entry, SourceMemory, Table, STORIES_KEPT};
    use crate::extraction::Category;
    use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
    use std::sync::RwLock;

    const VERSION: u32 = 1;

    #[derive(Serialize, Deserialize)]
    struct Snapshot {
        version: u32,
        capacity: usize,
        documents: u32,
        blocks: Vec<Record>,
    }

    #[derive(Serialize, Deserialize)]
    struct Record {
        hash: u64,
        documents: u32,
        last_seen: u32,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        categories: Vec<Category>,
        stories: Vec<u32>,
    }

    impl Serialize for SourceMemory {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let table = self.read();
            let mut blocks: Vec<Record> = table
                .entries
                .iter()
                .map(|(&hash, e)| Record {
                    hash,
                    documents: e.documents,
                    last_seen: e.last_seen,
                    categories: Category::ALL
                        .into_iter()
                        .filter(|c| e.categories & c.bit() != 0)
                        .collect(),
                    stories: e.stories.iter().copied().filter(|&s| s != 0).collect(),
                })
                .collect();
            blocks.sort_unstable_by_key(|r| r.hash);
            Snapshot {
                version: VERSION,
                capacity: table.capacity,
                documents: table.documents,
                blocks,
            }
            .serialize(serializer)
        }
    }

    impl<'de> Deserialize<'de> for SourceMemory {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SourceMemory, D::Error> {
            let snap = Snapshot::deserialize(deserializer)?;
            if snap.version != VERSION {
                return Err(de::Error::custom(format!(
                    "SourceMemory version {} is not the supported {VERSION}",
                    snap.version
                )));
            }
            let mut table = Table::new(snap.capacity);
            table.documents = snap.documents;
            for r in snap.blocks {
                let mut e = Entry {
                    documents: r.documents,
                    last_seen: r.last_seen,
                    categories: r.categories.iter().fold(0, |bits, c| bits | c.bit()),
                    stories: [0; STORIES_KEPT],
                };
                for s in r.stories.into_iter().filter(|&s| s != 0) {
                    e.add_story(s);
                }
                table.entries.entry(r.hash).or_default().absorb(&e);
            }
            // A hand-edited or foreign file may hold more than its capacity.
            table.evict();
            Ok(SourceMemory {
                table: RwLock::new(table),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extraction::{BlockKind, Metadata, Pass, Removal, StoryBlock};

    /// An extraction whose story is `kept` and whose removals are `removed`.
    fn extraction(kept: &[String], removed: &[(Category, &'static str, String)]) -> Extraction {
        Extraction {
            blocks: kept
                .iter()
                .map(|t| StoryBlock {
                    kind: BlockKind::Paragraph,
                    text: t.clone(),
                    links: Vec::new(),
                })
                .collect(),
            removals: removed
                .iter()
                .enumerate()
                .map(|(i, (category, rule, text))| Removal {
                    category: *category,
                    rule,
                    score: 1.0,
                    threshold: 1.0,
                    reason: String::new(),
                    text: text.clone(),
                    dom_path: None,
                    block_index: kept.len() + i,
                })
                .collect(),
            metadata: Metadata::default(),
            pass: Pass::Text,
            total_blocks: kept.len() + removed.len(),
            title_block: None,
        }
    }

    const NOTICE: &str = "Every item on this page was gathered by our night desk editors.";

    /// Story `n`: two paragraphs only it has, plus the shared notice.
    fn page(n: usize) -> Extraction {
        extraction(
            &[
                format!("Story number {n} opens with a paragraph about its own events and people."),
                format!("The second paragraph of story {n} closes it with a quote from a witness."),
                NOTICE.to_string(),
            ],
            &[],
        )
    }

    fn learnt(memory: &SourceMemory, text: &str) -> Option<Entry> {
        memory.read().learnt(block_key(text).0).cloned()
    }

    #[test]
    fn keys_ignore_case_punctuation_and_spacing() {
        let (a, words) = block_key("Sign up, NOW: for the  newsletter!");
        assert_eq!(words, 6);
        assert_eq!(a, block_key("sign up now for the newsletter").0);
        assert_ne!(a, block_key("sign up now for the newsletters").0);
        // Token boundaries count: "ab c" is not "a bc".
        assert_ne!(block_key("ab c").0, block_key("a bc").0);
    }

    #[test]
    fn learns_after_enough_documents_and_stories() {
        let memory = SourceMemory::new();
        for n in 0..3 {
            memory.learn(&page(n));
        }
        assert_eq!(memory.documents(), 3);
        assert!(learnt(&memory, NOTICE).is_none(), "3 < MIN_DOCUMENTS");
        memory.learn(&page(3));
        let e = learnt(&memory, NOTICE).expect("learnt at 4 documents");
        assert_eq!((e.documents, e.stories()), (4, 4));
        assert_eq!(memory.learnt(), 1);
        // A story paragraph seen once is remembered but not learnt.
        assert!(learnt(&memory, &page(0).blocks[0].text).is_none());
    }

    #[test]
    fn the_same_story_posted_again_counts_as_one_story() {
        let memory = SourceMemory::new();
        for _ in 0..10 {
            memory.learn(&page(7));
        }
        assert_eq!(memory.documents(), 10);
        let para = &page(7).blocks[0].text;
        let e = memory.read().entries[&block_key(para).0].clone();
        assert_eq!((e.documents, e.stories()), (10, 1));
        assert_eq!(
            memory.learnt(),
            0,
            "one story, however often, teaches nothing"
        );
    }

    #[test]
    fn a_block_in_too_few_of_the_documents_is_not_learnt() {
        let memory = SourceMemory::new();
        for n in 0..20 {
            let mut doc = page(n);
            if n % 5 != 0 {
                doc.blocks.pop(); // the notice is on 4 pages of 20
            }
            memory.learn(&doc);
        }
        assert!(learnt(&memory, NOTICE).is_none(), "4/20 < MIN_SHARE");
        for n in 20..24 {
            memory.learn(&page(n));
        }
        assert!(learnt(&memory, NOTICE).is_some(), "8/24 >= MIN_SHARE");
    }

    #[test]
    fn short_blocks_are_never_learnt() {
        let memory = SourceMemory::new();
        for n in 0..10 {
            let mut doc = page(n);
            doc.blocks.push(StoryBlock {
                kind: BlockKind::Heading(2),
                text: "Summary".to_string(),
                links: Vec::new(),
            });
            memory.learn(&doc);
        }
        assert!(!memory.read().entries.contains_key(&block_key("Summary").0));
    }

    fn removal(category: Category, rule: &'static str, text: &str) -> Removal {
        let mut ex = extraction(&[], &[(category, rule, text.to_string())]);
        ex.removals.remove(0)
    }

    #[test]
    fn records_the_category_the_rules_gave() {
        let memory = SourceMemory::new();
        let cta = "Join the readers club for early tickets and members-only events.";
        for n in 0..4 {
            let mut doc = page(n);
            if n == 0 {
                doc.removals
                    .push(removal(Category::Promo, "newsletter-cta", cta));
            } else {
                doc.blocks.push(StoryBlock {
                    kind: BlockKind::Paragraph,
                    text: cta.to_string(),
                    links: Vec::new(),
                });
            }
            memory.learn(&doc);
        }
        let e = learnt(&memory, cta).expect("learnt");
        assert_eq!(inherited_category(e.categories), Some(Category::Promo));
        // The memory's own removals and a whole short story dropped teach no category.
        let memory = SourceMemory::new();
        for n in 0..4 {
            let mut doc = page(n);
            doc.blocks.pop();
            let rule = if n % 2 == 0 { RULE } else { "story-too-short" };
            doc.removals
                .push(removal(Category::Boilerplate, rule, NOTICE));
            memory.learn(&doc);
        }
        assert_eq!(learnt(&memory, NOTICE).map(|e| e.categories), Some(0));
    }

    #[test]
    fn capacity_bounds_the_table_and_keeps_what_repeats() {
        let memory = SourceMemory::with_capacity(40);
        for n in 0..200 {
            memory.learn(&page(n));
            assert!(memory.len() <= 40);
        }
        assert_eq!(memory.capacity(), 40);
        let e = learnt(&memory, NOTICE).expect("the notice survives eviction");
        assert_eq!(e.documents, 200);
        assert_eq!(SourceMemory::with_capacity(0).capacity(), 1);
        // One document with more distinct blocks than the capacity.
        let many: Vec<String> = (0..500)
            .map(|n| format!("Paragraph {n} of a very long page of the source."))
            .collect();
        memory.learn(&extraction(&many, &[]));
        assert!(memory.len() <= 40);
    }

    #[test]
    fn merge_adds_up_to_learning_everything() {
        let (all, left, right) = (
            SourceMemory::new(),
            SourceMemory::new(),
            SourceMemory::new(),
        );
        for n in 0..12 {
            all.learn(&page(n));
            if n % 2 == 0 { &left } else { &right }.learn(&page(n));
        }
        left.merge(&right);
        assert_eq!(left.documents(), 12);
        assert_eq!(left.len(), all.len());
        let counts = |m: &SourceMemory| -> Vec<(u64, u32, usize)> {
            let t = m.read();
            let mut v: Vec<_> = t
                .entries
                .iter()
                .map(|(&h, e)| (h, e.documents, e.stories()))
                .collect();
            v.sort_unstable();
            v
        };
        assert_eq!(counts(&left), counts(&all));
        // Into itself: every count doubles, nothing deadlocks.
        left.merge(&left.clone());
        left.merge(&left);
        assert_eq!(left.documents(), 48);
        assert_eq!(learnt(&left, NOTICE).map(|e| e.documents), Some(48));
    }

    #[test]
    fn learns_from_several_threads() {
        let memory = SourceMemory::new();
        std::thread::scope(|s| {
            for t in 0..4 {
                let memory = &memory;
                s.spawn(move || {
                    for n in 0..5 {
                        memory.learn(&page(t * 5 + n));
                    }
                });
            }
        });
        assert_eq!(memory.documents(), 20);
        assert_eq!(learnt(&memory, NOTICE).map(|e| e.documents), Some(20));
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_round_trip() {
        let memory = SourceMemory::with_capacity(500);
        for n in 0..6 {
            let mut doc = page(n);
            let text = format!("A disclaimer with enough words in it, number {}.", n % 2);
            doc.removals
                .push(removal(Category::Disclaimer, "advice-disclaimer", &text));
            memory.learn(&doc);
        }
        let json = serde_json::to_string(&memory).expect("serialises");
        assert!(json.contains("\"disclaimer\""), "{json}");
        let back: SourceMemory = serde_json::from_str(&json).expect("deserialises");
        assert_eq!(back, memory);
        assert_eq!(back.capacity(), 500);
        assert_eq!(serde_json::to_string(&back).expect("serialises"), json);
        let future = json.replacen("\"version\":1", "\"version\":2", 1);
        assert!(serde_json::from_str::<SourceMemory>(&future).is_err());
    }
}
