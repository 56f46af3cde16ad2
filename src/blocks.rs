//! Stage 2, blocks: the unit every rule judges. HTML segmentation and the text parser both
//! produce [`Block`]s; spam glued into a paragraph is then cut out into blocks of its own, so
//! each part is judged alone.

use crate::dom::{NodeId, NO_NODE};
use crate::extraction::{BlockKind, Link};
use crate::vocab::classes::Concepts;
use crate::vocab::patterns::{Scan, Vocabulary};

/// A block of text with what segmentation knows about where it sits.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub text: String,
    pub kind: BlockKind,
    /// The innermost block-level element holding the text ([`NO_NODE`] for text input).
    pub node: NodeId,
    /// Characters of `text` inside links.
    pub link_chars: u32,
    pub links: Vec<Link>,
    /// Concepts named by the block's element and all its ancestors (class, id, role, tag).
    pub context: Concepts,
    /// For text input, the 1-based line the block starts on.
    pub line: u32,
    /// `<!--excerpt_end-->` (or the same marker in text): everything before it is a teaser.
    pub excerpt_marker: bool,
    /// The site's name glued before the story's title ("SiteNameThe Title…"), cut off here.
    pub glued_site_name: bool,
}

impl Block {
    pub(crate) fn new(text: String, kind: BlockKind) -> Block {
        Block {
            text,
            kind,
            node: NO_NODE,
            link_chars: 0,
            links: Vec::new(),
            context: Concepts::default(),
            line: 0,
            excerpt_marker: false,
            glued_site_name: false,
        }
    }

    /// A part of this block (byte range of its text) as a block of its own.
    fn part(&self, start: usize, end: usize) -> Block {
        let raw = &self.text[start..end];
        let lead = raw.len() - raw.trim_start().len();
        let text = raw.trim().to_string();
        let (s, e) = (start + lead, start + lead + text.len());
        let links: Vec<Link> = self
            .links
            .iter()
            .filter(|l| l.start >= s && l.end <= e)
            .map(|l| Link {
                start: l.start - s,
                end: l.end - s,
                href: l.href.clone(),
            })
            .collect();
        let link_chars = links
            .iter()
            .map(|l| text[l.start..l.end].chars().count() as u32)
            .sum();
        Block {
            text,
            kind: self.kind,
            node: self.node,
            link_chars,
            links,
            context: self.context,
            line: self.line,
            excerpt_marker: false,
            glued_site_name: false,
        }
    }

    /// Markdown inline links `[text](url)` become their text, recorded as links, so the
    /// story reads as prose and link density counts them. Images (`![alt](url)`) stay as
    /// written: a line that is only an image is removed whole by the chrome rules.
    /// Returns whether the text changed.
    fn unwrap_markdown_links(&mut self) -> bool {
        if !self.text.contains("](") {
            return false;
        }
        let mut out = String::with_capacity(self.text.len());
        let mut links = Vec::new();
        let mut rest = self.text.as_str();
        while let Some(open) = rest.find('[') {
            let after = &rest[open + 1..];
            let parsed = after.find("](").and_then(|close| {
                let label = &after[..close];
                let target = &after[close + 2..];
                let end = target.find(')')?;
                let href = &target[..end];
                let plain =
                    !label.contains(['[', ']', '\n']) && !href.contains(char::is_whitespace);
                (plain && !label.trim().is_empty()).then_some((label, href, close + 2 + end + 1))
            });
            let is_image = rest[..open].ends_with('!');
            match parsed {
                Some((label, href, len)) if !is_image => {
                    out.push_str(&rest[..open]);
                    let start = out.len();
                    out.push_str(label);
                    links.push(Link {
                        start,
                        end: out.len(),
                        href: href.to_string(),
                    });
                    rest = &after[len..];
                }
                _ => {
                    out.push_str(&rest[..open + 1]);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        if links.is_empty() {
            return false;
        }
        self.link_chars = links
            .iter()
            .map(|l| out[l.start..l.end].chars().count() as u32)
            .sum();
        self.links = links;
        self.text = out;
        true
    }
}

/// `text.trim()`, at once for a text that starts and ends with printable ASCII, as a block's
/// text mostly does (the parsers trim it): the rules trim every block they look at.
#[inline]
pub(crate) fn trim(text: &str) -> &str {
    let printable = |b: Option<&u8>| b.is_some_and(|b| (0x21..0x7F).contains(b));
    if printable(text.as_bytes().first()) && printable(text.as_bytes().last()) {
        text
    } else {
        text.trim()
    }
}

/// Whether `text` holds a Markdown link's `](`: a search for `]` (most texts have none)
/// instead of one for the pair.
fn may_hold_link(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b']', bytes).any(|i| bytes.get(i + 1) == Some(&b'('))
}

/// Text input carries Markdown and the site name glued to the title: Markdown links become
/// their text (a footer template keeps its own link syntax, the rules match it whole), and a
/// title that a feed footer names is cut out of the block it is glued into, with the site name
/// glued before it ("SiteNameThe Title" + "DATELINE – …"). `scans` are the blocks' scans (see
/// [`cut_glued_spam`]), returned for the blocks that keep their text.
pub(crate) fn tidy_text_blocks(
    blocks: Vec<Block>,
    scans: Vec<Option<Scan>>,
    vocab: &Vocabulary,
) -> (Vec<Block>, Vec<Option<Scan>>) {
    let named = blocks.iter().zip(&scans).rev().find_map(|(b, scan)| {
        vocab
            .given(&b.text, scan.as_ref())
            .footer_title_site(&b.text)
    });
    let mut out = Vec::with_capacity(blocks.len());
    let mut out_scans = Vec::with_capacity(blocks.len());
    for (mut block, mut scan) in blocks.into_iter().zip(scans) {
        if block.node != NO_NODE || block.kind == BlockKind::Code {
            out.push(block);
            out_scans.push(scan);
            continue;
        }
        // Only a text with a Markdown link is asked whether it is a footer template whole
        // (most are not, and the question costs a pattern search).
        if may_hold_link(&block.text)
            && vocab
                .given(&block.text, scan.as_ref())
                .glued_whole(&block.text)
                .is_none()
            && block.unwrap_markdown_links()
        {
            scan = None;
        }
        let before = out.len();
        match &named {
            Some((title, site)) => split_glued_title(block, title, site, &mut out),
            None => out.push(block),
        }
        // A block pushed whole keeps its scan; parts have none.
        if out.len() == before + 1 {
            out_scans.push(scan);
        } else {
            out_scans.resize(out.len(), None);
        }
    }
    (out, out_scans)
}

/// Cuts `site` + `title` off the start of a block when they are glued to each other or to
/// the text after them (no space), which only a feed pipeline does.
fn split_glued_title(block: Block, title: &str, site: &str, out: &mut Vec<Block>) {
    let text = block.text.as_str();
    let site_len = if text.starts_with(site) && text[site.len()..].starts_with(title) {
        site.len()
    } else {
        0
    };
    let title_end = site_len + title.len();
    let glued_site = site_len > 0;
    // `get`: when the title is not there, `title_end` may fall inside a character.
    let glued_rest = text
        .get(title_end..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| !c.is_whitespace());
    if !text[site_len..].starts_with(title)
        || !(glued_site || glued_rest)
        || title_end == text.len()
    {
        out.push(block);
        return;
    }
    if glued_site {
        let mut s = block.part(0, site_len);
        s.glued_site_name = true;
        out.push(s);
    }
    out.push(block.part(site_len, title_end));
    out.push(block.part(title_end, text.len()));
}

/// Cuts every block at the boundaries of glued spam (a feed footer glued to the excerpt before
/// and after it, a truncation marker glued to the text), keeping the parts in order. Returns
/// with the blocks the [`Vocabulary::scan`] of each block that was not cut, so that the rules
/// do not scan its text again.
pub(crate) fn cut_glued_spam(
    blocks: Vec<Block>,
    vocab: &Vocabulary,
    max_blocks: usize,
) -> (Vec<Block>, Vec<Option<Scan>>) {
    let mut out = Vec::with_capacity(blocks.len());
    let mut scans = Vec::with_capacity(blocks.len());
    for block in blocks {
        if block.kind == BlockKind::Code || out.len() >= max_blocks {
            out.push(block);
            scans.push(None);
            continue;
        }
        let scan = vocab.scan(&block.text);
        let cuts = vocab
            .given(&block.text, Some(&scan))
            .glued_spans(&block.text);
        if cuts.is_empty() {
            out.push(block);
            scans.push(Some(scan));
            continue;
        }
        let mut at = 0;
        for (s, e) in cuts {
            if s < at {
                continue;
            }
            if !block.text[at..s].trim().is_empty() {
                out.push(block.part(at, s));
            }
            out.push(block.part(s, e));
            at = e;
        }
        if !block.text[at..].trim().is_empty() {
            out.push(block.part(at, block.text.len()));
        }
        scans.resize(out.len(), None);
    }
    (out, scans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_trims_and_link_checks_are_the_plain_ones() {
        let pieces = [
            "a", " ", "\t", "\u{a0}", "é", "\x1c", "\x7f", "!", "~", "]", "(", "](", "\u{3000}",
        ];
        for text in crate::test_support::strings_of(&pieces, 4) {
            assert_eq!(trim(&text), text.trim(), "{text:?}");
            assert_eq!(may_hold_link(&text), text.contains("]("), "{text:?}");
        }
    }

    #[test]
    fn a_missing_title_never_cuts_inside_a_character() {
        // The property tests found this: with no title at the start, the title's length fell
        // inside a four-byte character of the block.
        let block = Block::new("ab𝜯𝜯𝜯𝜯 and more text".to_owned(), BlockKind::Paragraph);
        let mut out = Vec::new();
        split_glued_title(block, "abc", "Site", &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].text, "ab𝜯𝜯𝜯𝜯 and more text");
    }
}
