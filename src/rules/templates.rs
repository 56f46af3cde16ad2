//! Template rules: a block that is (mostly) a known template of syndication, chrome, sponsored
//! or call-to-action text goes. Whole-block templates match the block exactly; phrase templates
//! must cover most of it, so a CTA sentence inside a long paragraph does not take the paragraph.

use super::{Doc, Verdicts};
use crate::extraction::Category;

/// A block goes when phrase templates cover at least this share of its characters.
pub(crate) const PHRASE_COVERAGE: f32 = 0.5;

/// Blocks with more words than this are story paragraphs, whatever phrase they hold, unless
/// the phrases cover them.
const CTA_MAX_WORDS: u32 = 80;

/// Short blocks with a sponsorship phrase are sponsorship labels.
const SPONSOR_LABEL_MAX_WORDS: u32 = 40;

/// A truncated feed footer ("The post Bitcoin (BTC) Price Analysis: Bul") ends a document.
const TRUNCATED_FOOTER_MAX_WORDS: u32 = 30;

/// The user's own patterns come first: they know their sources.
pub(crate) fn user_patterns(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    for (i, b) in doc.blocks.iter().enumerate() {
        if let Some(cat) = doc.vocab.user(&b.text) {
            verdicts.remove(
                i,
                cat,
                "user-pattern",
                1.0,
                1.0,
                "matches a pattern given by the user",
            );
        }
    }
}

/// Text before `<!--excerpt_end-->` is a teaser written for the feed, then the marker itself.
pub(crate) fn excerpt_marker(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    let Some(marker) = doc.blocks.iter().position(|b| b.excerpt_marker) else {
        return;
    };
    // A marker far into the document is not a teaser boundary.
    const MAX_TEASER_BLOCKS: usize = 3;
    if marker <= MAX_TEASER_BLOCKS {
        for i in 0..marker {
            verdicts.remove(
                i,
                Category::Duplicate,
                "excerpt-marker",
                1.0,
                1.0,
                "teaser before the <!--excerpt_end--> marker",
            );
        }
    }
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.excerpt_marker {
            verdicts.remove(
                i,
                Category::Chrome,
                "pipeline-residue",
                1.0,
                1.0,
                "excerpt marker left by the feed pipeline",
            );
        }
    }
}

pub(crate) fn run(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    truncated_footer(doc, verdicts);
    for (i, b) in doc.blocks.iter().enumerate() {
        if !verdicts.is_kept(i) {
            continue;
        }
        // Markdown emphasis around a whole line (`**Share your feedback!**`) is not content.
        let text = b.text.trim().trim_matches(|c| c == '*' || c == '_').trim();
        if let Some(hit) = doc
            .vocab
            .glued_whole(text)
            .or_else(|| doc.vocab.whole(text))
        {
            let reason = format!("the whole block is a {} template", hit.rule);
            verdicts.remove(i, hit.category, hit.rule, 1.0, 1.0, reason);
            continue;
        }
        if doc.vocab.is_share_line(text) {
            verdicts.remove(
                i,
                Category::Chrome,
                "share-line",
                1.0,
                1.0,
                "only share-bar words",
            );
            continue;
        }
        if let Some(hit) = doc.vocab.phrases(text) {
            let f = doc.features[i];
            let short_enough = f.words <= CTA_MAX_WORDS || hit.coverage >= 0.8;
            // A sponsorship label takes a short block whatever it covers: the rest of such a
            // block is the label's own boilerplate ("All opinions are mine alone. #ad").
            let label = hit.category == Category::Sponsored && f.words <= SPONSOR_LABEL_MAX_WORDS;
            if (hit.coverage >= PHRASE_COVERAGE && short_enough) || label {
                let reason = format!(
                    "{} phrases cover {:.0}% of the block",
                    hit.rule,
                    hit.coverage * 100.0
                );
                verdicts.remove(
                    i,
                    hit.category,
                    hit.rule,
                    hit.coverage,
                    PHRASE_COVERAGE,
                    reason,
                );
            }
        }
    }
}

/// A feed footer cut off by the feed's own length limit can only be told by its start and by
/// where it sits: last, short, with no sentence end.
fn truncated_footer(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    let Some(last) = (0..doc.blocks.len()).rev().find(|&i| verdicts.is_kept(i)) else {
        return;
    };
    let text = doc.blocks[last].text.trim();
    let f = doc.features[last];
    let starts = [
        "The post ",
        "This post ",
        "Der Beitrag ",
        "L’article ",
        "L'article ",
        "O post ",
    ];
    if starts.iter().any(|s| text.starts_with(s))
        && f.words <= TRUNCATED_FOOTER_MAX_WORDS
        && !f.ends_sentence
        && last > 0
    {
        verdicts.remove(
            last,
            Category::Syndication,
            "feed-footer",
            1.0,
            1.0,
            "a feed footer cut off at the end of the document",
        );
    }
}
