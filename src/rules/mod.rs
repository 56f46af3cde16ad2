//! Stage 4, rules and scores. Each rule reads blocks and their features and records, in a side
//! table indexed by block, at most one decision per block: the first rule to remove a block
//! names it. Nothing is stored on DOM nodes. The order below is the cascade.

pub(crate) mod comments;
pub(crate) mod disclaimer;
pub(crate) mod main_content;
pub(crate) mod memory;
pub(crate) mod metadata_lines;
pub(crate) mod promo;
pub(crate) mod templates;

use crate::blocks::Block;
use crate::dom::Dom;
use crate::extraction::{Category, Metadata, Pass};
use crate::features::Features;
use crate::memory::SourceMemory;
use crate::options::Config;
use crate::vocab::patterns::Scanned;

/// Why one block goes.
#[derive(Clone, Debug)]
pub(crate) struct Decision {
    pub category: Category,
    pub rule: &'static str,
    pub score: f32,
    pub threshold: f32,
    pub reason: String,
    /// The block was first removed as generic boilerplate, and a spam rule named it after:
    /// such a decision only renames, it never takes story blocks around it.
    pub renamed_boilerplate: bool,
}

/// Everything a rule may read about the document.
pub(crate) struct Doc<'a> {
    pub blocks: &'a [Block],
    pub features: &'a [Features],
    pub vocab: &'a Scanned<'a>,
    pub config: &'a Config,
    pub dom: Option<&'a Dom>,
    /// How hard the HTML main-content rule prunes (see [`Pass`]).
    pub pass: Pass,
    /// The source's learnt boilerplate, when extracting with a memory.
    pub memory: Option<&'a SourceMemory>,
    /// What the passes over the document and the block classifier share.
    pub shared: &'a main_content::Shared,
    /// The blocks' token hashes, for every run of the duplicate stage over them.
    pub tokens: &'a crate::dedup::Tokens,
}

/// The side table of decisions, one slot per block.
pub(crate) struct Verdicts {
    decisions: Vec<Option<Decision>>,
    /// Categories the user switched off: their decisions are not recorded.
    kept_categories: u8,
    title: Option<usize>,
}

impl Verdicts {
    pub(crate) fn new(blocks: usize, config: &Config) -> Verdicts {
        Verdicts {
            decisions: vec![None; blocks],
            kept_categories: config.kept_categories,
            title: None,
        }
    }

    pub(crate) fn is_kept(&self, i: usize) -> bool {
        self.decisions[i].is_none()
    }

    /// Kept, or removed as generic boilerplate only: a spam rule may still name the block,
    /// since "feed footer" or "newsletter box" says more than "outside the main content".
    pub(crate) fn is_open(&self, i: usize) -> bool {
        self.decisions[i]
            .as_ref()
            .is_none_or(|d| d.category == Category::Boilerplate && d.rule != "story-too-short")
    }

    /// The decision on block `i`; `None` for a kept block or one past the end.
    pub(crate) fn decision(&self, i: usize) -> Option<&Decision> {
        self.decisions.get(i).and_then(Option::as_ref)
    }

    pub(crate) fn len(&self) -> usize {
        self.decisions.len()
    }

    /// Records a removal unless the block is already removed or its category is switched off.
    /// A spam category's decision replaces a generic boilerplate one (see [`Verdicts::is_open`]).
    /// Returns whether the block is removed now.
    pub(crate) fn remove(
        &mut self,
        i: usize,
        category: Category,
        rule: &'static str,
        score: f32,
        threshold: f32,
        reason: impl Into<String>,
    ) -> bool {
        if self.kept_categories & category.bit() != 0 {
            return false;
        }
        let names_spam = !matches!(category, Category::Boilerplate | Category::Metadata);
        let renames = names_spam && self.decisions[i].is_some() && self.is_open(i);
        if self.decisions[i].is_none() || renames {
            self.decisions[i] = Some(Decision {
                category,
                rule,
                score,
                threshold,
                reason: reason.into(),
                renamed_boilerplate: renames,
            });
        }
        true
    }

    /// Takes a removal back (the title heading outside the region is story after all).
    pub(crate) fn restore(&mut self, i: usize) {
        self.decisions[i] = None;
    }

    /// The block that is the story's title.
    pub(crate) fn mark_title(&mut self, i: usize) {
        self.title = Some(i);
    }

    pub(crate) fn title(&self) -> Option<usize> {
        self.title
    }

    pub(crate) fn into_decisions(self) -> Vec<Option<Decision>> {
        self.decisions
    }
}

/// Runs every rule in cascade order; metadata lifted out of lines is merged into `meta`.
pub(crate) fn run(doc: &Doc<'_>, verdicts: &mut Verdicts, meta: &mut Metadata) {
    templates::user_patterns(doc, verdicts);
    if doc.dom.is_some() {
        main_content::run(doc, verdicts);
        comments::run(doc, verdicts);
    }
    templates::excerpt_marker(doc, verdicts);
    templates::run(doc, verdicts);
    disclaimer::run(doc, verdicts);
    promo::run(doc, verdicts);
    metadata_lines::run(doc, verdicts, meta);
    // Last: it needs the title, and leaves to the rules above whatever they recognise.
    if let Some(memory) = doc.memory {
        memory::run(doc, verdicts, memory);
    }
}
