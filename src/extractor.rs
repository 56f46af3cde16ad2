//! The pipeline: parse -> blocks -> features -> rules -> duplicates -> render.

use crate::blocks::{cut_glued_spam, tidy_text_blocks, Block};
use crate::dom::{Dom, Tag};
use crate::error::{Error, ErrorKind};
use crate::extraction::{BlockKind, Category, Extraction, Metadata, Pass, Removal, StoryBlock};
use crate::features::{measure, Features};
use crate::memory::SourceMemory;
use crate::options::{Config, ExtractorBuilder};
use crate::rules::main_content::signals::Row as SignalRow;
use crate::rules::{self, Doc, Verdicts};
use crate::vocab::patterns::{Scanned, Vocabulary};
use crate::{dedup, metadata, parse, segment};

/// Extracts the core story of documents. Build once with [`Extractor::builder`]; it compiles
/// its patterns once, is `Send + Sync`, and can be shared across threads.
#[derive(Debug)]
pub struct Extractor {
    config: Config,
    vocab: Vocabulary,
}

impl Extractor {
    /// A builder with the documented defaults.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// An extractor with every default.
    ///
    /// ```
    /// let extractor = corestory::Extractor::new();
    /// let story = extractor.extract_text("Title line\n\nA paragraph of the story.").unwrap();
    /// assert!(story.text().contains("A paragraph of the story."));
    /// ```
    pub fn new() -> Extractor {
        ExtractorBuilder::new()
            .build()
            .expect("the default settings are valid")
    }

    pub(crate) fn from_config(config: Config) -> Result<Extractor, Error> {
        let vocab = Vocabulary::new(&config.extra_patterns)?;
        Ok(Extractor { config, vocab })
    }

    fn check_size(&self, len: usize) -> Result<(), Error> {
        let limit = self.config.limits.max_input_bytes;
        if len > limit {
            return Err(Error::new(ErrorKind::InputTooLarge { size: len, limit }));
        }
        Ok(())
    }

    /// Decides between HTML and text by sniffing the start of the input, then extracts.
    pub fn extract(&self, input: &str) -> Result<Extraction, Error> {
        self.extract_with(input, None)
    }

    pub(crate) fn extract_with(
        &self,
        input: &str,
        memory: Option<&SourceMemory>,
    ) -> Result<Extraction, Error> {
        if parse::looks_like_html(input) {
            self.extract_html_with(input, memory)
        } else {
            self.extract_text_with(input, memory)
        }
    }

    /// Extracts the story of an HTML document given as bytes: the charset comes from a BOM,
    /// then `<meta charset>`, then UTF-8 with invalid sequences replaced.
    pub fn extract_html_bytes(&self, bytes: &[u8]) -> Result<Extraction, Error> {
        self.extract_html_bytes_with(bytes, None)
    }

    pub(crate) fn extract_html_bytes_with(
        &self,
        bytes: &[u8],
        memory: Option<&SourceMemory>,
    ) -> Result<Extraction, Error> {
        self.check_size(bytes.len())?;
        if parse::looks_binary(bytes) {
            return Err(Error::new(ErrorKind::Binary));
        }
        let text = parse::decode::decode_html(bytes);
        self.extract_html_with(&text, memory)
    }

    /// Extracts the story of an HTML document.
    pub fn extract_html(&self, html: &str) -> Result<Extraction, Error> {
        self.extract_html_with(html, None)
    }

    pub(crate) fn extract_html_with(
        &self,
        html: &str,
        memory: Option<&SourceMemory>,
    ) -> Result<Extraction, Error> {
        let (dom, blocks, features, judgement, _) = self.judge_html(html, memory, false)?;
        Ok(self.finish(blocks, &features, judgement, Some(&dom)))
    }

    /// Parse, segment, measure, judge with the first pass that keeps enough, then let the
    /// block classifier revisit the generic boilerplate. For training, the classifier's
    /// signals are returned instead, with the rules' decisions as they were before it.
    #[allow(clippy::type_complexity)]
    fn judge_html(
        &self,
        html: &str,
        memory: Option<&SourceMemory>,
        training: bool,
    ) -> Result<(Dom, Vec<Block>, Vec<Features>, Judgement, Vec<SignalRow>), Error> {
        self.check_size(html.len())?;
        let dom = parse::html::parse(html, &self.config.limits)?;
        let meta = metadata::from_dom(&dom);
        // Tables are always segmented as tables: when the user leaves them out, their rows are
        // removed (and reported) after judging, like any other block.
        let blocks = segment::segment(&dom, true, self.config.limits.max_blocks);
        let (blocks, scans) = cut_glued_spam(blocks, &self.vocab, self.config.limits.max_blocks);
        let features: Vec<Features> = blocks.iter().map(measure).collect();
        // Each block's text is scanned for the vocabulary's words once, for every pass.
        let scanned = self.vocab.scanned_for(&blocks, scans);
        // Readability's retry: when a pass leaves too little, the next one prunes less. The
        // first pass with enough words wins; failing that, the one that kept the most.
        let mut best: Option<(Judgement, u32)> = None;
        let shared = rules::main_content::Shared::default();
        let tokens = dedup::Tokens::default();
        for pass in [Pass::Strict, Pass::Relaxed, Pass::WholePage] {
            let judgement = self.judge(
                &blocks,
                &features,
                &scanned,
                Some(&dom),
                meta.clone(),
                pass,
                memory,
                &shared,
                &tokens,
            );
            let words = judgement.kept_words(&features);
            if words >= RETRY_BELOW_WORDS {
                best = Some((judgement, words));
                break;
            }
            if best.as_ref().is_none_or(|(_, w)| words > *w) {
                best = Some((judgement, words));
            }
        }
        let (mut judgement, _) = best.expect("at least one pass ran");
        let doc = Doc {
            blocks: &blocks,
            features: &features,
            vocab: &scanned,
            config: &self.config,
            dom: Some(&dom),
            pass: Pass::Strict,
            memory,
            shared: &shared,
            tokens: &tokens,
        };
        let rows = if training {
            rules::main_content::training_rows(&doc, &judgement.verdicts)
        } else {
            if rules::main_content::classify(&doc, &mut judgement.verdicts)
                && self.config.removes(Category::Duplicate)
            {
                // Blocks the classifier brought back may repeat the story.
                dedup::run(&doc, &mut judgement.verdicts);
            }
            Vec::new()
        };
        drop(scanned);
        Ok((dom, blocks, features, judgement, rows))
    }

    /// Every block of an HTML document with its classifier signals and the decision the
    /// rules took on it, for training the block classifier (`examples/train-model`).
    #[cfg(feature = "training")]
    pub(crate) fn training_blocks_inner(
        &self,
        html: &str,
    ) -> Result<Vec<crate::TrainingBlock>, Error> {
        let (_, blocks, _, judgement, rows) = self.judge_html(html, None, true)?;
        let title = judgement.verdicts.title();
        let decisions = judgement.verdicts.into_decisions();
        Ok(blocks
            .into_iter()
            .zip(decisions)
            .zip(rows)
            .enumerate()
            .map(|(i, ((b, d), row))| crate::TrainingBlock {
                text: b.text,
                rule: d.map(|d| format!("{}/{}", d.category, d.rule)),
                title: Some(i) == title,
                signals: row.to_vec(),
            })
            .collect())
    }

    /// Extracts the story of text already pulled out of a page (a feed item, a repost).
    pub fn extract_text(&self, text: &str) -> Result<Extraction, Error> {
        self.extract_text_with(text, None)
    }

    pub(crate) fn extract_text_with(
        &self,
        text: &str,
        memory: Option<&SourceMemory>,
    ) -> Result<Extraction, Error> {
        self.check_size(text.len())?;
        // `memchr`'s search, wide where the processor is: a char search went a word at a time.
        if memchr::memchr(0, text.as_bytes()).is_some() && parse::looks_binary(text.as_bytes()) {
            return Err(Error::new(ErrorKind::Binary));
        }
        let blocks = parse::text::parse(text, self.config.limits.max_blocks);
        let (blocks, scans) = cut_glued_spam(blocks, &self.vocab, self.config.limits.max_blocks);
        let (blocks, scans) = tidy_text_blocks(blocks, scans, &self.vocab);
        let features: Vec<Features> = blocks.iter().map(measure).collect();
        let scanned = self.vocab.scanned_for(&blocks, scans);
        let judgement = self.judge(
            &blocks,
            &features,
            &scanned,
            None,
            Metadata::default(),
            Pass::Text,
            memory,
            &rules::main_content::Shared::default(),
            &dedup::Tokens::default(),
        );
        drop(scanned);
        Ok(self.finish(blocks, &features, judgement, None))
    }

    /// Rules and duplicates, in a side table.
    #[allow(clippy::too_many_arguments)]
    fn judge(
        &self,
        blocks: &[Block],
        features: &[Features],
        scanned: &Scanned<'_>,
        dom: Option<&Dom>,
        mut meta: Metadata,
        pass: Pass,
        memory: Option<&SourceMemory>,
        shared: &rules::main_content::Shared,
        tokens: &dedup::Tokens,
    ) -> Judgement {
        let doc = Doc {
            blocks,
            features,
            vocab: scanned,
            config: &self.config,
            dom,
            pass,
            memory,
            shared,
            tokens,
        };
        let mut verdicts = Verdicts::new(blocks.len(), &self.config);
        rules::run(&doc, &mut verdicts, &mut meta);
        if self.config.removes(Category::Duplicate) {
            dedup::run(&doc, &mut verdicts);
        }
        Judgement {
            verdicts,
            meta,
            pass,
        }
    }

    /// The minimum story length, then render.
    fn finish(
        &self,
        blocks: Vec<Block>,
        features: &[Features],
        mut judgement: Judgement,
        dom: Option<&Dom>,
    ) -> Extraction {
        self.exclude_tables(&blocks, &mut judgement.verdicts);
        self.enforce_min_words(features, &mut judgement.verdicts);
        assemble(
            blocks,
            judgement.verdicts,
            dom,
            judgement.meta,
            judgement.pass,
            self.config.include_links,
        )
    }

    fn exclude_tables(&self, blocks: &[Block], verdicts: &mut Verdicts) {
        if self.config.include_tables {
            return;
        }
        for (i, b) in blocks.iter().enumerate() {
            if b.kind == BlockKind::TableRow && verdicts.is_kept(i) {
                verdicts.remove(
                    i,
                    Category::Boilerplate,
                    "table-excluded",
                    1.0,
                    1.0,
                    "a data table row: tables are left out (include_tables is off)",
                );
            }
        }
    }

    fn enforce_min_words(&self, features: &[Features], verdicts: &mut Verdicts) {
        let min = self.config.min_story_words;
        if min == 0 {
            return;
        }
        let words: u32 = (0..verdicts.len())
            .filter(|&i| verdicts.is_kept(i))
            .map(|i| features[i].words)
            .sum();
        if (words as usize) < min {
            for i in 0..verdicts.len() {
                let reason =
                    format!("the story has {words} words, fewer than the minimum of {min}");
                verdicts.remove(
                    i,
                    Category::Boilerplate,
                    "story-too-short",
                    words as f32,
                    min as f32,
                    reason,
                );
            }
        }
    }
}

/// A pass that keeps fewer words than this is retried with the next, more lenient pass.
const RETRY_BELOW_WORDS: u32 = 70;

/// One pass's decisions, before rendering.
struct Judgement {
    verdicts: Verdicts,
    meta: Metadata,
    pass: Pass,
}

impl Judgement {
    fn kept_words(&self, features: &[Features]) -> u32 {
        (0..self.verdicts.len())
            .filter(|&i| self.verdicts.is_kept(i))
            .map(|i| features[i].words)
            .sum()
    }
}

impl Default for Extractor {
    fn default() -> Extractor {
        Extractor::new()
    }
}

/// A block's kind as the story shows it: a list item of an `<ol>` is numbered (the rules judge
/// list items alike, so the distinction is made only here).
fn story_kind(b: &Block, dom: Option<&Dom>) -> BlockKind {
    if b.kind != BlockKind::ListItem || b.node == crate::dom::NO_NODE {
        return b.kind;
    }
    let Some(dom) = dom else {
        return b.kind;
    };
    let list = std::iter::once(b.node)
        .chain(dom.ancestors(b.node))
        .filter_map(|a| dom.element(a))
        .find(|e| matches!(e.tag, Tag::Ul | Tag::Ol));
    match list {
        Some(e) if e.tag == Tag::Ol => BlockKind::OrderedListItem,
        _ => b.kind,
    }
}

fn assemble(
    blocks: Vec<Block>,
    verdicts: Verdicts,
    dom: Option<&Dom>,
    meta: Metadata,
    pass: Pass,
    include_links: bool,
) -> Extraction {
    let total_blocks = blocks.len();
    let title = verdicts.title();
    let mut title_block = None;
    let decisions = verdicts.into_decisions();
    // Sized at once: grown by doubling, they were copied several times over on long pages.
    let kept_count = decisions.iter().filter(|d| d.is_none()).count();
    let mut kept = Vec::with_capacity(kept_count);
    let mut removals: Vec<Removal> = Vec::with_capacity(decisions.len() - kept_count);
    let mut paths = crate::dom::PathWriter::default();
    // The removal whose path `paths` wrote last.
    let mut last_path: Option<usize> = None;
    for (i, (b, d)) in blocks.into_iter().zip(decisions).enumerate() {
        match d {
            None if Some(i) == title => {
                title_block = Some(kept.len());
                kept.push(StoryBlock {
                    kind: b.kind,
                    text: b.text,
                    links: Vec::new(),
                });
            }
            None => kept.push(StoryBlock {
                kind: story_kind(&b, dom),
                text: b.text,
                links: if include_links { b.links } else { Vec::new() },
            }),
            Some(d) => {
                let dom_path = dom.filter(|_| b.node != crate::dom::NO_NODE).map(|dom| {
                    let previous = last_path.and_then(|k| removals[k].dom_path.as_deref());
                    paths.path(dom, b.node, previous.unwrap_or_default())
                });
                if dom_path.is_some() {
                    last_path = Some(removals.len());
                }
                removals.push(Removal {
                    category: d.category,
                    rule: d.rule,
                    score: d.score,
                    threshold: d.threshold,
                    reason: d.reason,
                    dom_path,
                    text: b.text,
                    block_index: i,
                });
            }
        }
    }
    Extraction {
        blocks: kept,
        removals,
        metadata: meta,
        pass,
        total_blocks,
        title_block,
    }
}
