//! Stage 2 for HTML: one forward walk over the flat [`Dom`] turns maximal runs of inline
//! content into [`Block`]s. Block-level elements open and close blocks; data-table rows become
//! one block each; `<pre>` keeps its whitespace. The walk keeps an explicit stack of open
//! elements, so nesting depth costs nothing but that stack.

use crate::blocks::Block;
use crate::chars::{next_whitespace, skip_whitespace};
use crate::dom::{Dom, NodeData, NodeId, Tag, NO_NODE};
use crate::extraction::{BlockKind, Link};
use crate::vocab::classes::Concepts;

struct Open<'a> {
    id: NodeId,
    end: NodeId,
    tag: Tag,
    /// Concepts of this element and every ancestor.
    context: Concepts,
    kind: BlockKind,
    /// A `<tr>` whose cells hold only inline content: one block, cells tab-separated.
    data_row: bool,
    /// The innermost link at or above this element: its target and node.
    link: Option<(&'a str, NodeId)>,
    /// The stack index of the innermost block element at or above this one.
    block: Option<usize>,
}

struct Builder {
    blocks: Vec<Block>,
    text: String,
    space: bool,
    link_chars: u32,
    links: Vec<Link>,
    /// The link element of the last entry of `links`.
    last_link_node: NodeId,
    max_blocks: usize,
}

impl Builder {
    fn new(max_blocks: usize) -> Builder {
        Builder {
            blocks: Vec::new(),
            text: String::new(),
            space: false,
            link_chars: 0,
            links: Vec::new(),
            last_link_node: NO_NODE,
            max_blocks,
        }
    }

    /// `href` is the enclosing link's target and the link element's id.
    fn push_text(&mut self, s: &str, href: Option<(&str, NodeId)>, pre: bool) {
        let start = self.text.len();
        if pre {
            self.text.push_str(s);
        } else {
            // Runs of non-space with one space between them, copied whole (text already
            // spaced so in one piece); whitespace elsewhere becomes one space, written before
            // the next word, if any.
            let mut word = skip_whitespace(s, 0);
            if word != 0 {
                self.space = !self.text.is_empty();
            }
            if word < s.len() && self.space {
                self.text.push(' ');
                self.space = false;
            }
            // Where the part of `s` not yet copied starts.
            let mut from = word;
            while word < s.len() {
                let end = next_whitespace(s, word);
                // The usual case, one space and then a word, needs no copy yet.
                let b = s.as_bytes();
                if b.get(end) == Some(&b' ')
                    && b.get(end + 1).is_some_and(|&c| c > b' ' && c < 0x80)
                {
                    word = end + 1;
                    continue;
                }
                let next = skip_whitespace(s, end);
                if next == s.len() {
                    self.text.push_str(&s[from..end]);
                    self.space = end < s.len();
                    break;
                }
                if next != end + 1 || s.as_bytes()[end] != b' ' {
                    self.text.push_str(&s[from..end]);
                    self.text.push(' ');
                    from = next;
                }
                word = next;
            }
        }
        if let Some((href, link_node)) = href {
            // The link's text starts after any separating space pushed above.
            let ls = self.text[start..]
                .find(|c: char| !c.is_whitespace())
                .map_or(self.text.len(), |p| start + p);
            if ls < self.text.len() {
                self.link_chars += self.text[ls..].chars().count() as u32;
                // The same link element continues: compared by node, not by (long) target.
                match self.links.last_mut() {
                    Some(last) if last.end == start && self.last_link_node == link_node => {
                        last.end = self.text.len()
                    }
                    _ => {
                        self.links.push(Link {
                            start: ls,
                            end: self.text.len(),
                            href: href.to_string(),
                        });
                        self.last_link_node = link_node;
                    }
                }
            }
        }
    }

    fn separator(&mut self, sep: char) {
        if !self.text.is_empty() && !self.text.ends_with(sep) {
            self.text.push(sep);
            self.space = false;
        }
    }

    fn flush(&mut self, open: Option<&Open<'_>>) {
        let trimmed_end = self.text.trim_end().len();
        self.text.truncate(trimmed_end);
        self.space = false;
        if self.text.is_empty() {
            self.links.clear();
            self.link_chars = 0;
            return;
        }
        // An exact-size copy: the builder keeps its buffer for the next block, and a block
        // holds no spare capacity.
        let text = self.text.as_str().to_owned();
        self.text.clear();
        let links = std::mem::take(&mut self.links);
        let link_chars = std::mem::replace(&mut self.link_chars, 0);
        if self.blocks.len() >= self.max_blocks {
            // Past the limit text joins the last block: nothing is lost.
            if let Some(last) = self.blocks.last_mut() {
                last.text.push(' ');
                last.text.push_str(&text);
                return;
            }
        }
        let mut b = Block::new(text, open.map_or(BlockKind::Paragraph, |o| o.kind));
        b.node = open.map_or(NO_NODE, |o| o.id);
        b.context = open.map_or(Concepts::default(), |o| o.context);
        b.link_chars = link_chars;
        b.links = links;
        self.blocks.push(b);
    }
}

/// Concepts implied by the tag itself.
pub(crate) fn tag_concepts(tag: Tag) -> Concepts {
    match tag {
        Tag::Nav => Concepts::NAV,
        Tag::Footer => Concepts::FOOTER,
        Tag::Aside => Concepts::SIDEBAR,
        Tag::Header => Concepts::HEADER,
        Tag::Figcaption | Tag::Caption => Concepts::CAPTION,
        Tag::Form => Concepts::FORM,
        Tag::Address => Concepts::BYLINE,
        Tag::Article | Tag::Main => Concepts::CONTENT,
        _ => Concepts::default(),
    }
}

/// A row of two cells or more that hold only inline content, none of it prose: a data row,
/// not page layout. An old page laid out in a table puts its story in one cell as text,
/// `<font>` and `<br>`s, or each paragraph in a row of its own: those are containers.
fn data_rows(dom: &Dom) -> Vec<bool> {
    // has_block[i]: some descendant of i is a block element other than a table cell, or a cell
    // holding prose; text[i]: the bytes of text under i; cells[i]: i's cell children.
    let n = dom.nodes.len();
    let mut has_block = vec![false; n];
    let mut text = vec![0u32; n];
    let mut cells = vec![0u8; n];
    for i in (0..n).rev() {
        let node = &dom.nodes[i];
        let parent = node.parent;
        if let NodeData::Text { start, end } = node.data {
            text[i] = end - start;
        }
        if parent == NO_NODE {
            continue;
        }
        text[parent as usize] += text[i];
        let blockish = match node.data {
            NodeData::Element(e) => match dom.element_at(e).tag {
                Tag::Td | Tag::Th => {
                    cells[parent as usize] = cells[parent as usize].saturating_add(1);
                    text[i] > PROSE_CELL_BYTES
                }
                tag => tag.is_block(),
            },
            _ => false,
        };
        if blockish || has_block[i] {
            has_block[parent as usize] = true;
        }
    }
    for (b, &c) in has_block.iter_mut().zip(&cells) {
        *b = !*b && c >= 2;
    }
    has_block
}

/// A table cell with more text than this holds prose (a story, a sidebar), not a datum.
const PROSE_CELL_BYTES: u32 = 400;

/// A page with less text than this outside `<noscript>` is read with its `<noscript>`
/// content: a script-rendered page (a forum thread) may keep its only text there.
const NOSCRIPT_FALLBACK_CHARS: usize = 200;

pub(crate) fn segment(dom: &Dom, include_tables: bool, max_blocks: usize) -> Vec<Block> {
    let blocks = walk(dom, include_tables, max_blocks, false);
    let chars: usize = blocks.iter().map(|b| b.text.len()).sum();
    let has_noscript = dom
        .nodes
        .iter()
        .any(|n| matches!(n.data, NodeData::Element(e) if dom.element_at(e).tag == Tag::Noscript));
    if chars >= NOSCRIPT_FALLBACK_CHARS || !has_noscript {
        return blocks;
    }
    // "Enable JavaScript to run this app" is not a story: only a real text counts.
    let with_noscript = walk(dom, include_tables, max_blocks, true);
    let more: usize = with_noscript.iter().map(|b| b.text.len()).sum();
    if more >= NOSCRIPT_FALLBACK_CHARS {
        with_noscript
    } else {
        blocks
    }
}

fn walk(dom: &Dom, include_tables: bool, max_blocks: usize, noscript: bool) -> Vec<Block> {
    // Read at the first row: most pages have no table.
    let mut rows: Option<Vec<bool>> = None;
    let mut b = Builder::new(max_blocks);
    let mut stack: Vec<Open<'_>> = Vec::new();
    let mut pre_depth = 0usize;
    let mut row_depth = 0usize;
    let n = dom.nodes.len() as NodeId;
    let mut i: NodeId = 0;
    loop {
        // Close the elements whose subtrees end here.
        while let Some(top) = stack.last() {
            if i < top.end {
                break;
            }
            let top = stack.pop().expect("stack is not empty");
            match top.tag {
                Tag::Pre => pre_depth -= 1,
                Tag::Td | Tag::Th if row_depth > 0 => b.separator('\t'),
                _ => {}
            }
            if top.data_row {
                row_depth -= 1;
                let tail = b.text.trim_end_matches('\t').len();
                b.text.truncate(tail);
            }
            let in_row_cell = row_depth > 0 && matches!(top.tag, Tag::Td | Tag::Th);
            if top.tag.is_block() && !in_row_cell && (row_depth == 0 || top.data_row) {
                b.flush(Some(&top));
            }
        }
        if i >= n {
            break;
        }
        let node = &dom.nodes[i as usize];
        match &node.data {
            &NodeData::Element(e) => {
                let e = dom.element_at(e);
                if e.tag.is_skipped() && !(noscript && matches!(e.tag, Tag::Noscript)) {
                    i = node.end;
                    continue;
                }
                match e.tag {
                    Tag::Br | Tag::Hr if pre_depth == 0 && row_depth == 0 => {
                        b.flush(innermost_block(&stack));
                    }
                    Tag::Br if pre_depth > 0 => b.push_text("\n", None, true),
                    Tag::Br => b.push_text(" ", None, false),
                    _ => {}
                }
                let parent = stack.last();
                let context = parent.map_or(Concepts::default(), |p| p.context)
                    | e.concepts
                    | tag_concepts(e.tag);
                let inherited = parent.map_or(BlockKind::Paragraph, |p| p.kind);
                let data_row = e.tag == Tag::Tr
                    && row_depth == 0
                    && rows.get_or_insert_with(|| data_rows(dom))[i as usize];
                let kind = match e.tag {
                    Tag::H(level) => BlockKind::Heading(level),
                    Tag::Pre => BlockKind::Code,
                    Tag::Li | Tag::Dt | Tag::Dd => match inherited {
                        BlockKind::Quote => BlockKind::Quote,
                        _ => BlockKind::ListItem,
                    },
                    Tag::Blockquote => BlockKind::Quote,
                    Tag::Tr if data_row => BlockKind::TableRow,
                    _ => match inherited {
                        k @ (BlockKind::Quote | BlockKind::ListItem | BlockKind::Code) => k,
                        _ => BlockKind::Paragraph,
                    },
                };
                if e.tag.is_block() && pre_depth == 0 && row_depth == 0 {
                    b.flush(innermost_block(&stack));
                }
                if e.tag == Tag::Pre {
                    pre_depth += 1;
                }
                if data_row {
                    row_depth += 1;
                }
                let link = match e.tag {
                    Tag::A => e.attr("href").map(|h| (h, i)),
                    _ => None,
                }
                .or_else(|| parent.and_then(|p| p.link));
                let block = if e.tag.is_block() {
                    Some(stack.len())
                } else {
                    parent.and_then(|p| p.block)
                };
                let kind = if data_row && !include_tables {
                    BlockKind::Paragraph
                } else {
                    kind
                };
                stack.push(Open {
                    id: i,
                    end: node.end,
                    tag: e.tag,
                    context,
                    kind,
                    data_row,
                    link,
                    block,
                });
            }
            &NodeData::Text { start, end } => {
                let text = &dom.text[start as usize..end as usize];
                let href = stack.last().and_then(|o| o.link);
                b.push_text(text, href, pre_depth > 0);
            }
            NodeData::ExcerptMarker => {
                let top = innermost_block(&stack);
                b.flush(top);
                let mut m = Block::new("<!--excerpt_end-->".to_string(), BlockKind::Paragraph);
                m.excerpt_marker = true;
                m.node = top.map_or(NO_NODE, |o| o.id);
                b.blocks.push(m);
            }
        }
        i += 1;
    }
    b.flush(None);
    b.blocks
}

/// The innermost open block element.
fn innermost_block<'s, 'a>(stack: &'s [Open<'a>]) -> Option<&'s Open<'a>> {
    stack.last().and_then(|o| o.block).map(|k| &stack[k])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Limits;

    #[test]
    fn pushed_text_is_spaced_as_word_by_word() {
        // The word-by-word form the builder had, as the reference.
        fn reference(text: &mut String, space: &mut bool, s: &str) {
            let mut rest = s;
            loop {
                let word = rest.trim_start();
                if word.len() != rest.len() {
                    *space = !text.is_empty();
                }
                if word.is_empty() {
                    break;
                }
                let end = word.find(char::is_whitespace).unwrap_or(word.len());
                if *space {
                    text.push(' ');
                    *space = false;
                }
                text.push_str(&word[..end]);
                rest = &word[end..];
            }
        }
        let pieces = ["a", "bc", " ", "  ", "\n", "\u{a0}", "é", "x y", ""];
        let mut seqs: Vec<Vec<&str>> = vec![vec![]];
        for _ in 0..4 {
            let longer: Vec<Vec<&str>> = seqs
                .iter()
                .flat_map(|q| pieces.iter().map(move |p| [q.clone(), vec![*p]].concat()))
                .collect();
            seqs.extend(longer);
        }
        for seq in &seqs {
            let mut b = Builder::new(10);
            let (mut text, mut space) = (String::new(), false);
            for piece in seq {
                b.push_text(piece, None, false);
                reference(&mut text, &mut space, piece);
                assert_eq!((&b.text, b.space), (&text, space), "{seq:?}");
            }
        }
    }

    fn blocks(html: &str) -> Vec<Block> {
        let dom = crate::parse::html::parse(html, &Limits::default()).unwrap();
        segment(&dom, true, 10_000)
    }

    #[test]
    fn inline_runs_become_blocks() {
        let bs = blocks("<div>intro <b>bold</b><p>para <a href='/x'>link</a></p>tail</div>");
        let texts: Vec<_> = bs.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["intro bold", "para link", "tail"]);
        assert_eq!(bs[1].link_chars, 4);
        assert_eq!(bs[1].links[0].href, "/x");
        assert_eq!(
            &bs[1].text[bs[1].links[0].start..bs[1].links[0].end],
            "link"
        );
    }

    #[test]
    fn kinds_and_tables() {
        let bs = blocks(
            "<h2>Head</h2><ul><li>one</li></ul><blockquote><p>q</p></blockquote>\
             <table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>\
             <pre>x\n  y</pre>",
        );
        let got: Vec<_> = bs.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading(2), "Head"),
                (BlockKind::ListItem, "one"),
                (BlockKind::Quote, "q"),
                (BlockKind::TableRow, "a\tb"),
                (BlockKind::TableRow, "1\t2"),
                (BlockKind::Code, "x\n  y"),
            ]
        );
    }

    #[test]
    fn layout_tables_are_containers() {
        let bs = blocks("<table><tr><td><p>left</p></td><td><p>right</p></td></tr></table>");
        let texts: Vec<_> = bs.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["left", "right"]);
    }

    #[test]
    fn prose_cells_and_one_cell_rows_are_containers() {
        let prose = "word ".repeat(100);
        let html = format!(
            "<table><tr><td>Menu<br>News</td><td>{prose}<br><br>Second paragraph.</td></tr></table>\
             <table><tr><td>One cell</td></tr></table>\
             <table><tr><td>June</td><td>412</td></tr></table>"
        );
        let bs = blocks(&html);
        let kinds: Vec<_> = bs.iter().map(|b| (b.kind, b.text.trim())).collect();
        assert_eq!(
            kinds,
            vec![
                (BlockKind::Paragraph, "Menu"),
                (BlockKind::Paragraph, "News"),
                (BlockKind::Paragraph, prose.trim()),
                (BlockKind::Paragraph, "Second paragraph."),
                (BlockKind::Paragraph, "One cell"),
                (BlockKind::TableRow, "June\t412"),
            ]
        );
    }

    #[test]
    fn context_accumulates() {
        let bs = blocks(
            "<nav><ul><li><a href='/'>Home</a></li></ul></nav><article><p>Body</p></article>",
        );
        assert!(bs[0].context.has(Concepts::NAV));
        assert!(!bs[1].context.has(Concepts::NAV));
        assert!(bs[1].context.has(Concepts::CONTENT));
    }

    #[test]
    fn noscript_is_read_only_when_the_page_has_no_text_of_its_own() {
        let post =
            "A forum post that only the crawler view carries, long enough to be read. ".repeat(4);
        let empty = format!("<body><div></div><noscript><p>{post}</p></noscript></body>");
        assert!(blocks(&empty)[0].text.starts_with("A forum post"));
        let full = format!("<body><p>{post}</p><noscript><p>Enable JavaScript.</p></noscript>");
        assert!(blocks(&full).iter().all(|b| !b.text.contains("JavaScript")));
        let app = "<body><noscript>You need to enable JavaScript to run this app.</noscript>";
        assert!(blocks(app).is_empty());
    }
}
