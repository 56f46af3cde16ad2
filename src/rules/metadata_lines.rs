//! Lines that are facts about the story rather than story: a bare date, a byline, and (HTML)
//! the title heading, which goes to [`Metadata`] instead of the body.

use super::{Doc, Verdicts};
use crate::extraction::{BlockKind, Category, Metadata};

/// Bylines are short.
const BYLINE_MAX_WORDS: u32 = 10;

pub(crate) fn run(doc: &Doc<'_>, verdicts: &mut Verdicts, meta: &mut Metadata) {
    for (i, b) in doc.blocks.iter().enumerate() {
        if !verdicts.is_kept(i) {
            continue;
        }
        let text = b.text.trim();
        if doc.vocab.is_date_line(text) {
            if verdicts.remove(i, Category::Metadata, "date-line", 1.0, 1.0, "a date line: lifted into metadata") && meta.published.is_none() {
                meta.published = Some(text.to_string());
            }
        } else if doc.features[i].words <= BYLINE_MAX_WORDS && doc.vocab.is_byline(text) {
            if verdicts.remove(i, Category::Metadata, "byline", 1.0, 1.0, "a byline: lifted into metadata") && meta.author.is_none() {
                meta.author = Some(strip_by(text));
            }
        }
    }
    if doc.dom.is_some() {
        lift_html_title(doc, verdicts, meta);
    } else if meta.title.is_none() {
        // Text input: the first short heading-like line names the story; it stays in the text.
        meta.title = doc
            .blocks
            .iter()
            .enumerate()
            .filter(|&(i, _)| verdicts.is_kept(i))
            .take(3)
            .find(|(i, b)| {
                let f = doc.features[*i];
                b.kind.is_heading() || (f.words >= 3 && f.words <= 25 && !b.text.ends_with('.'))
            })
            .map(|(_, b)| b.text.clone());
    }
}

fn strip_by(text: &str) -> String {
    let mut parts = text.splitn(2, char::is_whitespace);
    parts.next();
    parts.next().unwrap_or(text).trim().to_string()
}

fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The page title is metadata: the heading that repeats it (or the first `<h1>` before the
/// story) leaves the body.
fn lift_html_title(doc: &Doc<'_>, verdicts: &mut Verdicts, meta: &mut Metadata) {
    let title = meta.title.as_deref().map(normalise).unwrap_or_default();
    let first_kept = (0..doc.blocks.len()).find(|&i| verdicts.is_kept(i));
    let mut found = None;
    for (i, b) in doc.blocks.iter().enumerate() {
        if !verdicts.is_kept(i) || !b.kind.is_heading() {
            continue;
        }
        let n = normalise(&b.text);
        let repeats_title = !title.is_empty() && !n.is_empty() && (title.contains(&n) || n.contains(&title)) && n.len() * 3 >= title.len();
        let first_h1 = b.kind == BlockKind::Heading(1) && Some(i) == first_kept;
        if repeats_title || first_h1 {
            found = Some(i);
            break;
        }
        if doc.features[i].words > 0 && Some(i) != first_kept && i > first_kept.unwrap_or(0) + 8 {
            break;
        }
    }
    if let Some(i) = found {
        let text = doc.blocks[i].text.clone();
        if verdicts.remove(i, Category::Metadata, "title", 1.0, 1.0, "the title: lifted into metadata") && meta.title.is_none() {
            meta.title = Some(text);
        }
    }
}
