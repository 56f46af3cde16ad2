//! Stage 2, blocks: the unit every rule judges. HTML segmentation and the text parser both
//! produce [`Block`]s; spam glued into a paragraph is then cut out into blocks of its own, so
//! each part is judged alone.

use crate::dom::{NodeId, NO_NODE};
use crate::extraction::{BlockKind, Link};
use crate::vocab::classes::Concepts;
use crate::vocab::patterns::Vocabulary;

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
        }
    }
}

/// Cuts every block at the boundaries of glued spam (a feed footer glued to the excerpt before
/// and after it, a truncation marker glued to the text), keeping the parts in order.
pub(crate) fn cut_glued_spam(
    blocks: Vec<Block>,
    vocab: &Vocabulary,
    max_blocks: usize,
) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        if block.kind == BlockKind::Code || out.len() >= max_blocks {
            out.push(block);
            continue;
        }
        let cuts = vocab.glued_spans(&block.text);
        if cuts.is_empty() {
            out.push(block);
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
    }
    out
}
