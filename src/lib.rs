//! corestory takes a web article (HTML, or text already pulled out of a page) and returns the
//! core story: title and body, with everything else stripped and every removal explained.
//!
//! # Overview
//!
//! The pipeline, one module per stage:
//!
//! 1. **parse**: bytes to text (BOM, `<meta charset>`, UTF-8), HTML through html5ever into a
//!    flat DOM, or text into lines;
//! 2. **blocks**: maximal runs of inline content (HTML) or paragraphs and structured lines
//!    (text), with glued spam cut out into blocks of its own;
//! 3. **features**: words, link density, sentence marks per block;
//! 4. **rules**: the main-content region (HTML), feed footers, disclaimers, related sections,
//!    sponsored and chrome lines, metadata lines, each recording a scored decision; last, with
//!    a [`SourceMemory`], the blocks learnt from the same source's other documents; then, on
//!    whole HTML pages, a block classifier (boosted trees shipped as data, see [`Classifier`])
//!    revisits the generic boilerplate decisions;
//! 5. **duplicates**: excerpts and repeats of the story's own text;
//! 6. **render**: plain text, Markdown or safe HTML.
//!
//! Every block of the input is either in the story or in [`Extraction::removals`], with the
//! [`Category`], the rule id, its score and threshold.
//!
//! # Example
//!
//! ```
//! use corestory::{Category, Extractor};
//!
//! let repost = "\
//! Harbour Tunnel Opens Two Months Early
//!
//! The new harbour tunnel opened on Monday, two months ahead of schedule, after crews finished the ventilation shafts in record time.
//!
//! Engineers said the early finish came from prefabricating the tunnel segments on shore.
//!
//! The post Harbour Tunnel Opens Two Months Early appeared first on Daily Wire Digest.";
//!
//! let extractor = Extractor::builder().build()?;
//! let story = extractor.extract_text(repost)?;
//! assert!(story.text().starts_with("Harbour Tunnel Opens Two Months Early"));
//! assert!(!story.text().contains("appeared first on"));
//! let removal = &story.removals()[0];
//! assert_eq!(removal.category, Category::Syndication);
//! assert_eq!(removal.rule, "feed-footer");
//! # Ok::<(), corestory::Error>(())
//! ```
//!
//! # Untrusted input
//!
//! corestory is meant for whatever a crawler brings back. Each promise below is tested in
//! `tests/hostile.rs` (arbitrary bytes, invalid UTF-8, NUL bytes, binary files, empty input,
//! unterminated comments and tags, 200,000 nested and 1,000,000 sibling elements, a 20 MB text
//! node, a 5 MB attribute, 2,000,000 entities, 100,000 identical paragraphs or footer lines, a
//! 20 MB line), by property tests and by fuzz targets (`fuzz/`).
//!
//! - **No panic, no stack overflow, no abort.** Bad input is a typed [`Error`] ([`ErrorKind`])
//!   or a best-effort result: input that looks binary (NUL bytes or control characters in the
//!   first 4 KiB) is [`ErrorKind::Binary`]; invalid UTF-8 is replaced; empty input is an empty
//!   story. Every tree walk is iterative.
//! - **Time linear in input size.** html5ever's tree builder is not linear on its own (deep
//!   nesting, re-created formatting elements, content moved out of tables): a token filter in
//!   front of it flattens what is nested deeper than [`Limits::max_depth`], keeps at most 32
//!   formatting elements (`<b>`, `<font>`, `<a>`...) active and drops the tags of content
//!   misplaced in a table after the first 2,000. Patterns run on the `regex` crate, whose
//!   matching is linear in the text; duplicate detection hashes shingles into a bounded index
//!   instead of comparing blocks pairwise; no stage loops over blocks inside a loop over blocks.
//! - **Bounded memory**, by [`Limits`]: input over [`Limits::max_input_bytes`] (64 MiB) is
//!   [`ErrorKind::InputTooLarge`]; a document whose parse would create more than
//!   [`Limits::max_nodes`] (4,000,000) nodes is [`ErrorKind::TooManyNodes`], stopped before the
//!   tree is built; elements deeper than [`Limits::max_depth`] (256) are flattened into their
//!   ancestor (text kept, tags ignored); past [`Limits::max_blocks`] (200,000) blocks, text joins
//!   the last block (kept, judged coarser). Link targets longer than 2 KiB are dropped (the link
//!   text stays), as every block inside a link holds a copy of its target.
//! - **Safe HTML output.** [`Extraction::html`] is rebuilt from text: every character escaped,
//!   no script, style, image, frame or event-handler attribute, and only `http`, `https`,
//!   `mailto` and relative link targets (schemes are read after entity decoding and with
//!   whitespace and control characters removed, so `jav&#x09;ascript:` and `JAVASCRIPT:` go).
//!   [`Extraction::markdown`] writes links with the same targets only.
//! - **Shared across threads.** An [`Extractor`] is `Send + Sync` and holds no per-document
//!   state: several threads get the results one thread would.
//! - **Nothing lost silently.** Every block is either in the story or in
//!   [`Extraction::removals`]; truncations above keep the text.

//! # Crate features
//!
//! - `serde`: `Serialize`/`Deserialize` for [`Extraction`], [`Removal`], [`Metadata`] and the
//!   types they hold, and for [`SourceMemory`] (to keep it between runs).

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod blocks;
mod chars;
mod decimal;
mod dedup;
mod dom;
mod error;
mod extraction;
mod extractor;
mod features;
mod hash;
mod memory;
mod metadata;
mod options;
mod parse;
mod render;
mod rules;
mod segment;
#[cfg(test)]
mod test_support;
mod vocab;

/// The pipeline's inner stages, for the benchmarks only (feature `bench-internals`): not part
/// of the public API and free to change.
#[cfg(feature = "bench-internals")]
#[doc(hidden)]
pub mod internals {
    use crate::options::Limits;

    /// Parses HTML into the flat DOM (html5ever, then flattening); returns its node count.
    pub fn parse_html(html: &str) -> usize {
        crate::parse::html::parse(html, &Limits::default()).map_or(0, |dom| dom.nodes.len())
    }

    /// Parses and segments HTML into blocks; returns the block count.
    pub fn segment_html(html: &str) -> usize {
        let limits = Limits::default();
        crate::parse::html::parse(html, &limits).map_or(0, |dom| {
            crate::segment::segment(&dom, true, limits.max_blocks).len()
        })
    }
}

/// One block as the block classifier's trainer sees it (feature `training`): not part of the
/// public API and free to change.
#[cfg(feature = "training")]
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct TrainingBlock {
    /// The block's text.
    pub text: String,
    /// `category/rule` of the rule that removed it, `None` when kept.
    pub rule: Option<String>,
    /// The block is the story's title.
    pub title: bool,
    /// The classifier's signals, in the order of [`signal_names`].
    pub signals: Vec<f32>,
}

/// The names of the block classifier's signals (feature `training`).
#[cfg(feature = "training")]
#[doc(hidden)]
pub fn signal_names() -> &'static [&'static str] {
    rules::main_content::signals::NAMES
}

#[cfg(feature = "training")]
impl Extractor {
    /// Every block of an HTML document with its classifier signals and the rules' decision
    /// (feature `training`).
    #[doc(hidden)]
    pub fn training_blocks(&self, html: &str) -> Result<Vec<TrainingBlock>, Error> {
        self.training_blocks_inner(html)
    }
}

pub use error::{Error, ErrorKind};
pub use extraction::{BlockKind, Category, Extraction, Link, Metadata, Pass, Removal, StoryBlock};
pub use extractor::Extractor;
pub use memory::{SourceMemory, WithMemory};
pub use options::{BlockModel, Classifier, ExtractorBuilder, Focus, Limits};
pub use parse::looks_like_html;
