//! Template rules: a block that is (mostly) a known template of syndication, chrome, sponsored
//! or call-to-action text goes. Whole-block templates match the block exactly; phrase templates
//! must cover most of it, so a CTA sentence inside a long paragraph does not take the paragraph.

use super::{Doc, Verdicts};
use crate::extraction::{BlockKind, Category};

/// A block goes when phrase templates cover at least this share of its characters.
pub(crate) const PHRASE_COVERAGE: f32 = 0.5;

/// Blocks with more words than this are story paragraphs, whatever phrase they hold, unless
/// the phrases cover them.
const CTA_MAX_WORDS: u32 = 80;

/// Short blocks with a sponsorship phrase are sponsorship labels.
const SPONSOR_LABEL_MAX_WORDS: u32 = 40;

/// A truncated feed footer ("The post Bitcoin (BTC) Price Analysis: Bul") ends a document.
const TRUNCATED_FOOTER_MAX_WORDS: u32 = 30;

/// Captions and alt text are short.
const CAPTION_MAX_WORDS: u32 = 12;

/// Headings of lost embeds are short.
const ORPHAN_MAX_WORDS: u32 = 5;

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
        // The story's title heading above the teaser is the title, not part of the teaser.
        for i in (0..marker).filter(|&i| !doc.blocks[i].kind.is_heading()) {
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
    whole_and_phrase_templates(doc, verdicts);
    captions(doc, verdicts);
    orphan_headings(doc, verdicts);
}

/// Captions and alt text are short lines with no sentence end. Two places give them away:
/// right before an image credit ("Bitcoin price chart" + "Image NewsBTC"), and, in text
/// input, a lower-case start, which neither a heading nor a sentence has.
fn captions(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    for i in 0..doc.blocks.len() {
        let b = &doc.blocks[i];
        let f = doc.features[i];
        if !verdicts.is_kept(i)
            || b.kind != BlockKind::Paragraph
            || f.words == 0
            || f.words > CAPTION_MAX_WORDS
            || f.ends_sentence
            || b.text.trim_end().ends_with([':', ',', ';'])
        {
            continue;
        }
        let before_credit = verdicts
            .decision(i + 1)
            .is_some_and(|d| d.rule == "image-credit");
        let mut chars = b.text.trim_start().chars();
        let lower_start = doc.dom.is_none()
            && chars.next().is_some_and(char::is_lowercase)
            && chars.next().is_some_and(char::is_lowercase)
            && !b.text.contains(|c: char| c.is_ascii_digit());
        if before_credit || lower_start {
            let reason = if before_credit {
                "a caption: a short line right before an image credit"
            } else {
                "alt text or a caption: a short lower-case fragment with no sentence end"
            };
            verdicts.remove(i, Category::Chrome, "image-credit", 1.0, 1.0, reason);
        }
    }
}

/// A short title whose embed or table the pipeline lost ("Interactive explainer" + `&&&`).
fn orphan_headings(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    for i in 0..doc.blocks.len().saturating_sub(1) {
        let f = doc.features[i];
        let lost_embed = verdicts
            .decision(i + 1)
            .is_some_and(|d| d.rule == "pipeline-residue")
            && !doc.blocks[i + 1].excerpt_marker
            && !doc.blocks[i + 1].text.contains(char::is_alphanumeric)
            && doc.blocks[i + 1].text.contains('&');
        if verdicts.is_kept(i) && lost_embed && f.words <= ORPHAN_MAX_WORDS && !f.ends_sentence {
            let reason = "an orphan heading: the embed under it was lost";
            verdicts.remove(i, Category::Chrome, "pipeline-residue", 1.0, 1.0, reason);
        }
    }
}

fn whole_and_phrase_templates(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    for (i, b) in doc.blocks.iter().enumerate() {
        if !verdicts.is_open(i) {
            continue;
        }
        if b.glued_site_name {
            let reason = "the site's name glued before the title by a feed pipeline";
            verdicts.remove(i, Category::Chrome, "site-name", 1.0, 1.0, reason);
            continue;
        }
        // Markdown emphasis around a whole line (`**Share your feedback!**`) is not content,
        // unless it is all the line holds (a `____` rule).
        let trimmed = crate::blocks::trim(&b.text);
        // Most lines have no emphasis: then nothing is trimmed off.
        let emphasised = trimmed.starts_with(['*', '_']) || trimmed.ends_with(['*', '_']);
        let unemphasised = if emphasised {
            trimmed.trim_matches(|c| c == '*' || c == '_').trim()
        } else {
            trimmed
        };
        let text = if unemphasised.is_empty() {
            trimmed
        } else {
            unemphasised
        };
        // Whole-block templates first: they name a block alone ("Continue reading..." after a
        // feed excerpt is the aggregator's read-more, not a glued read-more link).
        if let Some(hit) = doc
            .vocab
            .whole(text)
            .or_else(|| doc.vocab.glued_whole(text))
            // A required-field star ("Name *") is the template's own, not emphasis.
            .or_else(|| {
                (text != trimmed)
                    .then(|| doc.vocab.whole(trimmed))
                    .flatten()
            })
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
    let text = crate::blocks::trim(&doc.blocks[last].text);
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
