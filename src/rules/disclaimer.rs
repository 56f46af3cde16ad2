//! Disclaimers that are not the author's: a label plus disclaimer phrases, or several phrases.

use super::{Doc, Verdicts};
use crate::extraction::Category;
use crate::vocab::disclaimer::DisclaimerKind;

/// Evidence needed: one point for the label, one per distinct phrase.
pub(crate) const DISCLAIMER_SCORE: f32 = 2.0;

/// A longer block is a story paragraph that discusses disclaimers, unless the phrases are dense.
const MAX_WORDS_PER_PHRASE: f32 = 45.0;

pub(crate) fn run(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    for (i, b) in doc.blocks.iter().enumerate() {
        if !verdicts.is_open(i) {
            continue;
        }
        let (label, phrases, kind) = doc.vocab.disclaimer(&b.text);
        if phrases == 0 {
            continue;
        }
        let score = phrases as f32 + if label { 1.0 } else { 0.0 };
        let words = doc.features[i].words as f32;
        // A labelled block is a disclaimer by its author's own word: allow it more prose.
        let max_words = MAX_WORDS_PER_PHRASE * if label { 2.0 } else { 1.0 };
        if score >= DISCLAIMER_SCORE && words / phrases as f32 <= max_words {
            let rule = match kind {
                DisclaimerKind::Repost => "repost-disclaimer",
                DisclaimerKind::Advice => "advice-disclaimer",
                DisclaimerKind::Affiliate => "affiliate-disclosure",
            };
            let reason = format!(
                "{}{phrases} disclaimer phrase(s)",
                if label { "disclaimer label and " } else { "" }
            );
            verdicts.remove(
                i,
                Category::Disclaimer,
                rule,
                score,
                DISCLAIMER_SCORE,
                reason,
            );
        }
    }
}
