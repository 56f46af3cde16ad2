//! Blocks a [`SourceMemory`] learnt from the source's other documents: rule
//! `repeated-across-documents`. It runs last in the cascade, so a block that another rule
//! removed keeps that rule's decision, and only what the vocabulary missed is left to it.

use super::promo::{similarity, Words, ON_TOPIC};
use super::{Doc, Verdicts};
use crate::extraction::Category;
use crate::memory::{block_key, inherited_category, SourceMemory, RULE};
use crate::vocab::patterns::Scanned;
use std::collections::HashSet;

/// A learnt block found in the document.
struct Candidate {
    block: usize,
    /// Share of the source's documents that carry it.
    share: f32,
    documents: u32,
    categories: u8,
}

pub(crate) fn run(doc: &Doc<'_>, verdicts: &mut Verdicts, memory: &SourceMemory) {
    let title = verdicts.title();
    let mut story_words = 0u64;
    let mut candidates = Vec::new();
    let source_documents;
    {
        let table = memory.read();
        source_documents = table.documents;
        if source_documents < SourceMemory::MIN_DOCUMENTS {
            return;
        }
        for (i, b) in doc.blocks.iter().enumerate() {
            if !verdicts.is_kept(i) {
                continue;
            }
            story_words += doc.features[i].words as u64;
            if Some(i) == title || doc.features[i].words < SourceMemory::MIN_WORDS {
                continue;
            }
            let (hash, words) = block_key(&b.text);
            if words < SourceMemory::MIN_WORDS {
                continue;
            }
            if let Some(e) = table.learnt(hash) {
                candidates.push(Candidate {
                    block: i,
                    share: e.documents as f32 / source_documents as f32,
                    documents: e.documents,
                    categories: e.categories,
                });
            }
        }
    }
    if candidates.is_empty() {
        return;
    }
    // The story without the learnt blocks: a learnt block on its topic (a lead sentence the
    // source's stories share) is story.
    let learnt: HashSet<usize> = candidates.iter().map(|c| c.block).collect();
    let mut story = Words::default();
    for i in (0..doc.blocks.len()).filter(|&i| verdicts.is_kept(i) && !learnt.contains(&i)) {
        story.add(&doc.blocks[i].text);
    }
    // The most widespread first, so that a capped budget goes to the surest blocks.
    candidates.sort_by(|a, b| b.share.total_cmp(&a.share).then(a.block.cmp(&b.block)));
    let mut budget = story_words as f32 * SourceMemory::MAX_STORY_SHARE;
    for c in candidates {
        let text = &doc.blocks[c.block].text;
        let words = doc.features[c.block].words as f32;
        if words > budget || similarity(text, &story) >= ON_TOPIC {
            continue;
        }
        let category = inherited_category(c.categories)
            .or_else(|| hinted_category(doc.vocab, text))
            .unwrap_or(Category::Boilerplate);
        let reason = format!(
            "repeated in {} of the source's {} documents, around different stories",
            c.documents, source_documents
        );
        if verdicts.remove(
            c.block,
            category,
            RULE,
            c.share,
            SourceMemory::MIN_SHARE,
            reason,
        ) {
            budget -= words;
        }
    }
}

/// The category the vocabulary hints at, from evidence too weak to remove the block alone: a
/// disclaimer phrase without a label, call-to-action phrases covering little of the block.
/// Asked of the document's [`Scanned`] vocabulary, a block's text is not scanned again.
pub(crate) fn hinted_category(vocab: &Scanned<'_>, text: &str) -> Option<Category> {
    let (_, phrases, _) = vocab.disclaimer(text);
    if phrases > 0 {
        return Some(Category::Disclaimer);
    }
    vocab
        .phrases(text)
        .map(|hit| hit.category)
        .filter(|&c| inherited_category(c.bit()).is_some())
}
