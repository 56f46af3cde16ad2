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
//!    sponsored and chrome lines, metadata lines, each recording a scored decision;
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
//! corestory is meant for whatever a crawler brings back:
//!
//! - it does not panic on any input; bad input is a typed [`Error`] ([`ErrorKind`]) or a
//!   best-effort result;
//! - tree walks are iterative, so nesting depth cannot overflow the stack; elements nested
//!   deeper than [`Limits::max_depth`] are flattened into their ancestor;
//! - input size, DOM nodes and blocks are bounded by [`Limits`];
//! - patterns are compiled once and run on the `regex` crate, whose matching is linear in the
//!   text; duplicate detection hashes shingles instead of comparing blocks pairwise;
//! - HTML output is rebuilt from text, escaped, with only `http`, `https`, `mailto` and
//!   relative links.
//!
//! # Crate features
//!
//! - `serde`: `Serialize`/`Deserialize` for [`Extraction`], [`Removal`], [`Metadata`] and the
//!   types they hold.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod blocks;
mod dedup;
mod dom;
mod error;
mod extraction;
mod extractor;
mod features;
mod metadata;
mod options;
mod parse;
mod render;
mod rules;
mod segment;
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

pub use error::{Error, ErrorKind};
pub use extraction::{BlockKind, Category, Extraction, Link, Metadata, Pass, Removal, StoryBlock};
pub use extractor::Extractor;
pub use options::{ExtractorBuilder, Focus, Limits};
