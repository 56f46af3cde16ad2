//! Lines that are facts about the story rather than story: a bare date, a byline, and (HTML)
//! the title heading, which goes to [`Metadata`] instead of the body.

use super::{Doc, Verdicts};
use crate::extraction::{BlockKind, Category, Metadata};

/// Bylines are short.
const BYLINE_MAX_WORDS: u32 = 10;

pub(crate) fn run(doc: &Doc<'_>, verdicts: &mut Verdicts, meta: &mut Metadata) {
    for (i, b) in doc.blocks.iter().enumerate() {
        // A byline whose names are links reads as a link-dense line: it is still the byline.
        let linked_byline = verdicts.decision(i).is_some_and(|d| d.rule == "link-dense")
            && doc.features[i].words <= BYLINE_MAX_WORDS
            && doc.vocab.is_byline(crate::blocks::trim(&b.text));
        if linked_byline {
            verdicts.restore(i);
        }
        if !verdicts.is_kept(i) {
            continue;
        }
        let text = crate::blocks::trim(&b.text);
        if doc.vocab.is_date_line(text) {
            if verdicts.remove(
                i,
                Category::Metadata,
                "date-line",
                1.0,
                1.0,
                "a date line: lifted into metadata",
            ) && meta.published.is_none()
            {
                meta.published = Some(text.to_string());
            }
        } else if doc.features[i].words <= BYLINE_MAX_WORDS
            && doc.vocab.is_byline(text)
            && verdicts.remove(
                i,
                Category::Metadata,
                "byline",
                1.0,
                1.0,
                "a byline: lifted into metadata",
            )
            && meta.author.is_none()
        {
            meta.author = crate::metadata::author_name(text).or_else(|| Some(strip_by(text)));
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

/// The page title opens the story: the heading that repeats the page's title (or the first
/// `<h1>`) is kept as the story's first block even when it sits outside the main-content
/// region, and recorded as the title.
fn lift_html_title(doc: &Doc<'_>, verdicts: &mut Verdicts, meta: &mut Metadata) {
    let title = meta.title.as_deref().map(normalise).unwrap_or_default();
    let first_story = (0..doc.blocks.len()).find(|&i| verdicts.is_kept(i));
    let mut candidates = doc.blocks.iter().enumerate().filter(|(i, b)| {
        b.kind.is_heading()
            && first_story.is_none_or(|f| *i <= f)
            && verdicts
                .decision(*i)
                .is_none_or(|d| d.rule == "outside-main-content")
    });
    let found = candidates.clone().find(|(_, b)| {
        let n = normalise(&b.text);
        !title.is_empty()
            && !n.is_empty()
            && (title.contains(&n) || n.contains(&title))
            && n.len() * 3 >= title.len()
    });
    let found = found.or_else(|| {
        candidates.find(|(_, b)| {
            b.kind == BlockKind::Heading(1) && !crate::blocks::trim(&b.text).is_empty()
        })
    });
    if let Some((i, b)) = found {
        verdicts.restore(i);
        verdicts.mark_title(i);
        if meta.title.is_none() {
            meta.title = Some(b.text.clone());
        }
    }
}
