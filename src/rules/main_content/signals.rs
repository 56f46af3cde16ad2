//! The block classifier's inputs: one row of numbers per block, read from what the earlier
//! stages already computed (block features, the flat DOM, the main-content tables and region).
//! Every signal is language-independent: sizes, link shares, structure, repetition, position.
//! The names are part of the model's file format ([`NAMES`]); a new signal goes at the end.

use super::pagetype::{PageType, PageTypes};
use super::region::Region;
use super::tables::{Prune, Tables};
use crate::dom::{Dom, NodeData, NodeId, Tag, NO_NODE};
use crate::extraction::BlockKind;
use crate::hash::Fold;
use crate::rules::Doc;
use std::collections::HashMap;

/// What the region selection says about the page, for every block.
pub(crate) struct RegionView<'a> {
    pub tables: &'a Tables,
    pub scores: &'a [f32],
    pub region: Option<&'a Region>,
    pub furniture: &'a [bool],
    pub page_type: PageType,
    pub declared: PageTypes,
}

macro_rules! signals {
    ($($name:ident => $what:literal,)*) => {
        /// Indices into a signal row.
        // Some variants only bound a range of bits (`c_nav..=c_form`), never built by name.
        #[allow(non_camel_case_types, dead_code)]
        #[derive(Clone, Copy, Debug)]
        #[repr(usize)]
        pub(crate) enum S { $($name,)* }
        /// The signals' names, in row order: the model file names its signals with them.
        pub(crate) const NAMES: &[&str] = &[$(stringify!($name),)*];
        /// What each signal measures, for the reasons given with a removal.
        pub(crate) const DESCRIPTIONS: &[&str] = &[$($what,)*];
    };
}

signals! {
    words => "words",
    chars => "characters",
    link_density => "share of the text in links",
    sentences => "sentence marks",
    commas => "commas",
    ends_sentence => "ends like a sentence",
    kind_heading => "is a heading",
    heading_level => "heading level",
    kind_list_item => "is a list item",
    kind_quote => "is a quotation",
    kind_code => "is code",
    kind_table_row => "is a table row",
    chars_per_word => "characters per word",
    digit_share => "share of digits",
    upper_share => "share of capitals",
    currency_marks => "currency marks",
    links => "links",
    starts_with_marker => "starts with a bullet or arrow",
    depth => "depth in the page",
    c_nav => "named navigation",
    c_share => "named share bar",
    c_related => "named related links",
    c_comment => "named comments",
    c_consent => "named consent box",
    c_ad => "named advertising",
    c_caption => "named caption",
    c_hidden => "named hidden",
    c_content => "named content",
    c_footer => "named footer",
    c_header => "named header",
    c_sidebar => "named sidebar",
    c_newsletter => "named newsletter",
    c_byline => "named byline",
    c_meta => "named metadata",
    c_breadcrumb => "named breadcrumb",
    c_social => "named social links",
    c_popup => "named pop-up",
    c_sponsored => "named sponsored",
    c_tags => "named tags",
    c_article_body => "named article body",
    c_widget => "named widget",
    c_pagination => "named pagination",
    c_title => "named title",
    c_print => "named print-only",
    c_form => "named form",
    in_nav => "inside <nav>",
    in_header => "inside <header>",
    in_footer => "inside <footer>",
    in_aside => "inside <aside>",
    in_main => "inside <main>",
    in_article => "inside <article>",
    in_form => "inside <form>",
    in_li => "inside a list item",
    in_table => "inside a table",
    in_figure => "inside a figure",
    in_a => "inside a link",
    in_section => "inside <section>",
    in_details => "inside <details>",
    in_dl => "inside a definition list",
    pruned_hidden => "inside a hidden element",
    pruned_consent => "inside a consent box",
    pruned_dialog => "inside a dialog",
    pruned_comments => "inside the comments",
    in_region => "inside the main-content region",
    in_furniture => "inside furniture within the region",
    region_found => "a region was found",
    region_share => "region's share of the page",
    region_score => "region's score",
    region_link_density => "region's link share",
    before_region => "before the region",
    after_region => "after the region",
    blocks_to_region => "blocks away from the region",
    node_score => "container score of its element",
    parent_score_share => "parent's score against the region's",
    parent_link_density => "parent's link share",
    grandparent_link_density => "grandparent's link share",
    node_mass => "story mass of its element",
    parent_chars_share => "parent's share of the page",
    group_members => "members of its repeated group",
    group_level => "levels up to its repeated group",
    group_share => "repeated group's share of the page",
    page_article => "page declares an article",
    page_forum => "page declares a forum",
    ld_product => "page declares a product",
    ld_list => "page declares a list",
    ld_faq => "page declares an FAQ",
    ld_webpage_only => "page declares no content type",
    ld_howto_recipe => "page declares a how-to or recipe",
    page_words => "words on the page",
    page_blocks => "blocks on the page",
    page_link_density => "page's link share",
    page_price_lines => "price lines on the page",
    position => "position in the page",
    after_h1 => "after the first <h1>",
    blocks_from_h1 => "blocks away from the first <h1>",
    prev_link_density => "previous block's link share",
    next_link_density => "next block's link share",
    prev_words => "previous block's words",
    next_words => "next block's words",
    window_link_density => "link share around it",
    window_words => "words per block around it",
    prev_in_region => "previous block in the region",
    next_in_region => "next block in the region",
    same_text_count => "copies of its text on the page",
    sibling_blocks => "blocks sharing its element",
    run_of_short => "length of the run of short lines it is in",
    rules_kept => "kept by the rules",
    rules_outside => "outside the rules' region",
    rules_furniture => "furniture by the rules",
    rules_link_dense => "link-dense by the rules",
    rules_hidden => "hidden by the rules",
    rules_comments => "comments by the rules",
    lead_link_share => "share of the text in a link it starts with",
}

pub(crate) const COUNT: usize = NAMES.len();

/// One row per block.
pub(crate) type Row = [f32; COUNT];

/// Ancestor-or-self tag bits and depths, one pass over the arena (parents come before
/// children).
fn ancestor_tags(dom: &Dom) -> (Vec<u16>, Vec<u16>) {
    let mut bits = vec![0u16; dom.nodes.len()];
    let mut depth = vec![0u16; dom.nodes.len()];
    for (i, node) in dom.nodes.iter().enumerate() {
        let own = match node.data {
            NodeData::Element(e) => tag_bit(dom.element_at(e).tag),
            _ => 0,
        };
        let p = node.parent;
        if p == NO_NODE {
            bits[i] = own;
        } else {
            bits[i] = bits[p as usize] | own;
            depth[i] = depth[p as usize].saturating_add(1);
        }
    }
    (bits, depth)
}

fn tag_bit(tag: Tag) -> u16 {
    match tag {
        Tag::Nav => 1,
        Tag::Header => 1 << 1,
        Tag::Footer => 1 << 2,
        Tag::Aside => 1 << 3,
        Tag::Main => 1 << 4,
        Tag::Article => 1 << 5,
        Tag::Form => 1 << 6,
        Tag::Li => 1 << 7,
        Tag::Table => 1 << 8,
        Tag::Figure => 1 << 9,
        Tag::A => 1 << 10,
        Tag::Section => 1 << 11,
        Tag::Details => 1 << 12,
        Tag::Dl => 1 << 13,
        _ => 0,
    }
}

/// Whether `c` lies in a range of letters that are not numbers (Latin-1 and Latin
/// Extended-A letters, Cyrillic, kana, CJK ideographs, Hangul): the letters of most
/// non-English text, told without Unicode's tables, which two look-ups per letter made a
/// fifth of the classifier's signal rows. A test checks every character of the ranges.
fn is_plain_letter(c: char) -> bool {
    matches!(
        c,
        '\u{c0}'..='\u{d6}'
            | '\u{d8}'..='\u{f6}'
            | '\u{f8}'..='\u{17f}'
            | '\u{410}'..='\u{44f}'
            | '\u{3041}'..='\u{3096}'
            | '\u{30a1}'..='\u{30fa}'
            | '\u{4e00}'..='\u{9fff}'
            | '\u{ac00}'..='\u{d7a3}'
    )
}

/// `c.is_uppercase()` for a plain letter, with Cyrillic and the caseless scripts told
/// without Unicode's tables (a test checks every plain letter).
fn is_plain_capital(c: char) -> bool {
    match c {
        '\u{410}'..='\u{42f}' => true,
        '\u{430}'..='\u{44f}' | '\u{3041}'.. => false,
        _ => c.is_uppercase(),
    }
}

/// Dashes, curly quotes, bullets and the like (U+2000..U+206F): neither letters nor numbers
/// nor currency marks (a test checks), so told apart before Unicode's tables.
fn is_general_punctuation(c: char) -> bool {
    matches!(c, '\u{2000}'..='\u{206f}')
}

/// The length of the ASCII prefix of `b`, eight bytes at a time.
fn ascii_prefix(b: &[u8]) -> usize {
    let mut words = b.chunks_exact(8);
    let mut n = 0;
    for w in &mut words {
        let high = u64::from_le_bytes(w.try_into().expect("eight bytes")) & 0x8080_8080_8080_8080;
        if high != 0 {
            return n + high.trailing_zeros() as usize / 8;
        }
        n += 8;
    }
    n + words
        .remainder()
        .iter()
        .take_while(|b| b.is_ascii())
        .count()
}

/// Text-shape measures the block features do not carry.
struct Shape {
    digit_share: f32,
    upper_share: f32,
    currency: u32,
    marker: bool,
}

fn shape(text: &str) -> Shape {
    let (mut digits, mut upper, mut letters, mut currency, mut all) = (0u32, 0u32, 0u32, 0, 0u32);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A run of ASCII, most text, counted without branches in 8-bit lanes (so in
        // pieces of at most 255 bytes); the same tests as below.
        let run = i + ascii_prefix(&bytes[i..]);
        for piece in bytes[i..run].chunks(255) {
            let (mut d, mut u, mut l, mut c, mut a) = (0u8, 0u8, 0u8, 0u8, 0u8);
            for &b in piece {
                a += ((b != b' ') & (b.wrapping_sub(b'\t') > 4)) as u8;
                d += (b.wrapping_sub(b'0') < 10) as u8;
                let capital = b.wrapping_sub(b'A') < 26;
                l += (capital | (b.wrapping_sub(b'a') < 26)) as u8;
                u += capital as u8;
                c += (b == b'$') as u8;
            }
            (digits, upper, letters) = (digits + d as u32, upper + u as u32, letters + l as u32);
            (currency, all) = (currency + c as u32, all + a as u32);
        }
        i = run;
        if i == bytes.len() {
            break;
        }
        let c = text[i..].chars().next().expect("a character boundary");
        i += c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        all += 1;
        if is_plain_letter(c) {
            letters += 1;
            upper += is_plain_capital(c) as u32;
            continue;
        }
        if is_general_punctuation(c) {
            continue;
        }
        if c.is_numeric() {
            digits += 1;
        } else if c.is_alphabetic() {
            letters += 1;
            upper += c.is_uppercase() as u32;
        }
        currency += matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₩' | '₽' | '¢') as u32;
    }
    let marker = text
        .trim_start()
        .starts_with(['•', '·', '-', '*', '»', '›', '→', '|', '#']);
    Shape {
        digit_share: digits as f32 / all.max(1) as f32,
        upper_share: upper as f32 / letters.max(1) as f32,
        currency,
        marker,
    }
}

/// An element's tag and class: the signature siblings of one repeated group share.
type Signature<'a> = (Tag, Option<&'a str>);

/// The repeated groups read so far: per element, how many of its parent's children carry its
/// tag and class and their text (`[0, 0]` until its parent's children are counted, once for
/// all of them, so a million siblings cost one pass, not a million).
#[derive(Default)]
struct Groups<'a> {
    members: Vec<[u32; 2]>,
    /// Scratch for one parent: the first [`FEW_SIGNATURES`] signatures, whose group is their
    /// place, found by a scan; the group of each later one; the groups' counts; each child's
    /// group.
    few: Vec<Signature<'a>>,
    ids: HashMap<Signature<'a>, u32, Fold>,
    counts: Vec<[u32; 2]>,
    children: Vec<(NodeId, u32)>,
}

/// The repeated group a node belongs to: among the node and its two nearest ancestors, the
/// first whose parent holds at least three children with its tag and class, with how many
/// members, at which level, and their share of the page's text.
fn group_of<'a>(dom: &'a Dom, t: &Tables, node: NodeId, groups: &mut Groups<'a>) -> Row3 {
    let page = t.chars.first().copied().unwrap_or(0).max(1) as f32;
    if groups.members.is_empty() {
        groups.members = vec![[0; 2]; dom.nodes.len()];
    }
    let mut member = node;
    for level in 0..3 {
        let parent = dom.nodes[member as usize].parent;
        if parent == NO_NODE {
            break;
        }
        if !matches!(dom.nodes[member as usize].data, NodeData::Element(_)) {
            member = parent;
            continue;
        }
        if groups.members[member as usize][0] == 0 {
            count_children(dom, t, parent, groups);
        }
        let [members, chars] = groups.members[member as usize];
        if members >= 3 {
            return [members as f32, level as f32, chars as f32 / page];
        }
        member = parent;
    }
    [0.0, -1.0, 0.0]
}

/// Signatures a parent's children are matched against by a scan, before a hash map: most
/// parents' children carry one to three (a hash of each child's class cost more).
const FEW_SIGNATURES: usize = 8;

/// Fills the group counts of every element child of `parent`.
fn count_children<'a>(dom: &'a Dom, t: &Tables, parent: NodeId, groups: &mut Groups<'a>) {
    let Groups {
        members,
        few,
        ids,
        counts,
        children,
    } = groups;
    for c in dom.children(parent) {
        if let NodeData::Element(e) = dom.nodes[c as usize].data {
            let e = dom.element_at(e);
            let signature = (e.tag, e.class());
            let next = counts.len() as u32;
            let id = match few.iter().position(|s| *s == signature) {
                Some(k) => k as u32,
                None if few.len() < FEW_SIGNATURES => {
                    few.push(signature);
                    next
                }
                None => *ids.entry(signature).or_insert(next),
            };
            if id == next {
                counts.push([0; 2]);
            }
            let slot = &mut counts[id as usize];
            slot[0] += 1;
            slot[1] += t.chars[c as usize];
            children.push((c, id));
        }
    }
    for &(c, id) in children.iter() {
        members[c as usize] = counts[id as usize];
    }
    few.clear();
    if !ids.is_empty() {
        ids.clear();
    }
    counts.clear();
    children.clear();
}

type Row3 = [f32; 3];

/// True for a line that names a price: a currency mark next to a digit.
fn is_price_line(text: &str) -> bool {
    let b = text.as_bytes();
    // Only these bytes start one of the marks ('$', '£' and '¥', '€' and '₹').
    memchr::memchr3_iter(b'$', 0xC2, 0xE2, b).any(|i| {
        let c = text[i..].chars().next().expect("a character boundary");
        matches!(c, '$' | '€' | '£' | '¥' | '₹')
            && (b.get(i + c.len_utf8()).is_some_and(u8::is_ascii_digit)
                || (i > 0 && b[i - 1].is_ascii_digit())
                || (i > 1 && b[i - 1] == b' ' && b[i - 2].is_ascii_digit()))
    })
}

/// The page-wide facts the rows are read from, so that a row is made when it is needed and
/// dropped after (a row is 452 bytes; a 10 MB page has 75,000 blocks).
pub(crate) struct Signals<'a> {
    doc: &'a Doc<'a>,
    dom: &'a Dom,
    view: RegionView<'a>,
    tags: Vec<u16>,
    depth: Vec<u16>,
    page_chars: f32,
    page_words: u32,
    page_links: u32,
    page_all: u32,
    price_lines: usize,
    in_region: Vec<bool>,
    first_in: Option<usize>,
    last_in: Option<usize>,
    region_chars: u32,
    region_links: u32,
    h1: Option<usize>,
    same: HashMap<&'a str, u32, Fold>,
    /// Blocks per node.
    per_node: Vec<u32>,
    to_region: Vec<u32>,
    run: Vec<u32>,
    groups: Groups<'a>,
}

impl<'a> Signals<'a> {
    pub(crate) fn new(doc: &'a Doc<'a>, dom: &'a Dom, view: RegionView<'a>) -> Signals<'a> {
        let n = doc.blocks.len();
        let t = view.tables;
        let (tags, depth) = ancestor_tags(dom);
        let page_chars = t.chars.first().copied().unwrap_or(0).max(1) as f32;
        let page_words: u32 = doc.features.iter().map(|f| f.words).sum();
        let page_links: u32 = doc.blocks.iter().map(|b| b.link_chars).sum();
        let page_all: u32 = doc.features.iter().map(|f| f.chars).sum();
        let price_lines = doc.blocks.iter().filter(|b| is_price_line(&b.text)).count();
        let in_region: Vec<bool> = doc
            .blocks
            .iter()
            .map(|b| view.region.is_some_and(|r| r.contains(b.node)))
            .collect();
        let first_in = in_region.iter().position(|&x| x);
        let last_in = in_region.iter().rposition(|&x| x);
        let region_chars: u32 = view.region.map_or(0, |r| {
            r.ranges.iter().map(|&(s, _)| t.chars[s as usize]).sum()
        });
        let region_links: u32 = view.region.map_or(0, |r| {
            r.ranges
                .iter()
                .map(|&(s, _)| t.link_chars[s as usize])
                .sum()
        });
        let h1 = doc
            .blocks
            .iter()
            .position(|b| matches!(b.kind, BlockKind::Heading(1)));
        let mut same: HashMap<&str, u32, Fold> = HashMap::with_capacity_and_hasher(n, Fold::new());
        let mut per_node = vec![0u32; dom.nodes.len()];
        for b in doc.blocks {
            *same.entry(b.text.as_str()).or_default() += 1;
            if let Some(k) = per_node.get_mut(b.node as usize) {
                *k += 1;
            }
        }
        // Distance to the nearest region block, both ways, in blocks.
        let mut to_region = vec![u32::MAX; n];
        let mut last = None;
        for i in 0..n {
            if in_region[i] {
                last = Some(i);
            }
            if let Some(l) = last {
                to_region[i] = (i - l) as u32;
            }
        }
        last = None;
        for i in (0..n).rev() {
            if in_region[i] {
                last = Some(i);
            }
            if let Some(l) = last {
                to_region[i] = to_region[i].min((l - i) as u32);
            }
        }
        // Runs of short lines (menus, microcopy) around each block.
        let short: Vec<bool> = doc.features.iter().map(|f| f.words <= 4).collect();
        let mut run = vec![0u32; n];
        let mut i = 0;
        while i < n {
            let mut j = i;
            while j < n && short[j] == short[i] {
                j += 1;
            }
            for r in &mut run[i..j] {
                *r = if short[i] { (j - i) as u32 } else { 0 };
            }
            i = j;
        }
        Signals {
            doc,
            dom,
            view,
            tags,
            depth,
            page_chars,
            page_words,
            page_links,
            page_all,
            price_lines,
            in_region,
            first_in,
            last_in,
            region_chars,
            region_links,
            h1,
            same,
            per_node,
            to_region,
            run,
            groups: Groups::default(),
        }
    }

    /// Whether the page is an article (what the page-type signal says).
    pub(crate) fn is_article(&self) -> bool {
        self.view.page_type == PageType::Article
    }

    /// The words of every block of the page.
    pub(crate) fn page_words(&self) -> u32 {
        self.page_words
    }

    /// Whether block `i` lies in a comment section the rules prune.
    pub(crate) fn in_pruned_comments(&self, i: usize) -> bool {
        let node = self.doc.blocks[i].node;
        node != NO_NODE
            && (node as usize) < self.dom.nodes.len()
            && self.view.tables.pruned[node as usize] == Some(Prune::Comments)
    }

    /// Block `i`'s row.
    pub(crate) fn row(&mut self, i: usize) -> Row {
        let Signals {
            doc,
            dom,
            ref view,
            ref tags,
            ref depth,
            page_chars,
            page_words,
            page_links,
            page_all,
            price_lines,
            ref in_region,
            first_in,
            last_in,
            region_chars,
            region_links,
            h1,
            ref same,
            ref per_node,
            ref to_region,
            ref run,
            ref mut groups,
        } = *self;
        let n = doc.blocks.len();
        let t = view.tables;
        let ld = view.declared;
        let (b, f) = (&doc.blocks[i], &doc.features[i]);
        let mut r: Row = [0.0; COUNT];
        let mut set = |s: S, v: f32| r[s as usize] = v;
        set(S::words, f.words as f32);
        set(S::chars, f.chars as f32);
        set(S::link_density, f.link_density);
        set(S::sentences, f.sentences as f32);
        set(S::commas, f.commas as f32);
        set(S::ends_sentence, f.ends_sentence as u8 as f32);
        let (heading, level) = match b.kind {
            BlockKind::Heading(l) => (1.0, l as f32),
            _ => (0.0, 0.0),
        };
        set(S::kind_heading, heading);
        set(S::heading_level, level);
        set(
            S::kind_list_item,
            (b.kind == BlockKind::ListItem) as u8 as f32,
        );
        set(S::kind_quote, (b.kind == BlockKind::Quote) as u8 as f32);
        set(S::kind_code, (b.kind == BlockKind::Code) as u8 as f32);
        set(
            S::kind_table_row,
            (b.kind == BlockKind::TableRow) as u8 as f32,
        );
        set(S::chars_per_word, f.chars as f32 / f.words.max(1) as f32);
        let sh = shape(&b.text);
        set(S::digit_share, sh.digit_share);
        set(S::upper_share, sh.upper_share);
        set(S::currency_marks, sh.currency as f32);
        set(S::links, b.links.len() as f32);
        set(S::starts_with_marker, sh.marker as u8 as f32);
        let c = b.context;
        // Fixed-length slices, so the bit loops unroll.
        let named = &mut r[S::c_nav as usize..][..S::c_form as usize + 1 - S::c_nav as usize];
        for (bit, v) in named.iter_mut().enumerate() {
            *v = (c.0 >> bit & 1) as f32;
        }
        let node = b.node;
        let has_node = node != NO_NODE && (node as usize) < dom.nodes.len();
        if has_node {
            let ni = node as usize;
            r[S::depth as usize] = depth[ni] as f32;
            let inside = &mut r[S::in_nav as usize..][..S::in_dl as usize + 1 - S::in_nav as usize];
            for (bit, v) in inside.iter_mut().enumerate() {
                *v = (tags[ni] >> bit & 1) as f32;
            }
            let pruned = t.pruned[ni];
            r[S::pruned_hidden as usize] = (pruned == Some(Prune::Hidden)) as u8 as f32;
            r[S::pruned_consent as usize] = (pruned == Some(Prune::Consent)) as u8 as f32;
            r[S::pruned_dialog as usize] = (pruned == Some(Prune::Dialog)) as u8 as f32;
            r[S::pruned_comments as usize] = (pruned == Some(Prune::Comments)) as u8 as f32;
            r[S::in_furniture as usize] =
                view.furniture.get(ni).copied().unwrap_or(false) as u8 as f32;
            r[S::node_score as usize] = view.scores[ni];
            r[S::node_mass as usize] = t.mass[ni];
            let p = dom.nodes[ni].parent;
            if p != NO_NODE {
                let best = view.region.map_or(0.0, |r| r.top_score).max(1.0);
                r[S::parent_score_share as usize] = view.scores[p as usize] / best;
                r[S::parent_link_density as usize] = t.link_density(p);
                r[S::parent_chars_share as usize] = t.chars[p as usize] as f32 / page_chars;
                let gp = dom.nodes[p as usize].parent;
                if gp != NO_NODE {
                    r[S::grandparent_link_density as usize] = t.link_density(gp);
                }
            }
            let g = group_of(dom, t, node, groups);
            r[S::group_members as usize] = g[0];
            r[S::group_level as usize] = g[1];
            r[S::group_share as usize] = g[2];
            r[S::sibling_blocks as usize] = per_node[ni] as f32;
        }
        r[S::in_region as usize] = in_region[i] as u8 as f32;
        r[S::region_found as usize] = view.region.is_some() as u8 as f32;
        r[S::region_share as usize] = region_chars as f32 / page_chars;
        r[S::region_score as usize] = view.region.map_or(0.0, |r| r.top_score);
        r[S::region_link_density as usize] = region_links as f32 / region_chars.max(1) as f32;
        r[S::before_region as usize] = first_in.is_some_and(|f| i < f) as u8 as f32;
        r[S::after_region as usize] = last_in.is_some_and(|l| i > l) as u8 as f32;
        r[S::blocks_to_region as usize] = if to_region[i] == u32::MAX {
            -1.0
        } else {
            to_region[i] as f32
        };
        r[S::page_article as usize] = (view.page_type == PageType::Article) as u8 as f32;
        r[S::page_forum as usize] = (view.page_type == PageType::Forum) as u8 as f32;
        r[S::ld_product as usize] = ld.product as u8 as f32;
        r[S::ld_list as usize] = ld.list as u8 as f32;
        r[S::ld_faq as usize] = ld.faq as u8 as f32;
        r[S::ld_webpage_only as usize] = ld.webpage_only as u8 as f32;
        r[S::ld_howto_recipe as usize] = ld.howto_recipe as u8 as f32;
        r[S::page_words as usize] = page_words as f32;
        r[S::page_blocks as usize] = n as f32;
        r[S::page_link_density as usize] = page_links as f32 / page_all.max(1) as f32;
        r[S::page_price_lines as usize] = price_lines as f32;
        r[S::position as usize] = i as f32 / n.max(1) as f32;
        r[S::after_h1 as usize] = match h1 {
            Some(h) if i >= h => 1.0,
            Some(_) => 0.0,
            None => -1.0,
        };
        r[S::blocks_from_h1 as usize] = h1.map_or(-1.0, |h| (i as f32 - h as f32).abs());
        let prev = i.checked_sub(1);
        let next = (i + 1 < n).then_some(i + 1);
        r[S::prev_link_density as usize] = prev.map_or(-1.0, |j| doc.features[j].link_density);
        r[S::next_link_density as usize] = next.map_or(-1.0, |j| doc.features[j].link_density);
        r[S::prev_words as usize] = prev.map_or(-1.0, |j| doc.features[j].words as f32);
        r[S::next_words as usize] = next.map_or(-1.0, |j| doc.features[j].words as f32);
        r[S::prev_in_region as usize] = prev.map_or(-1.0, |j| in_region[j] as u8 as f32);
        r[S::next_in_region as usize] = next.map_or(-1.0, |j| in_region[j] as u8 as f32);
        let (lo, hi) = (i.saturating_sub(3), (i + 4).min(n));
        let (mut wl, mut ww) = (0.0f32, 0u32);
        for f in &doc.features[lo..hi] {
            wl += f.link_density;
            ww += f.words;
        }
        r[S::window_link_density as usize] = wl / (hi - lo) as f32;
        r[S::window_words as usize] = ww as f32 / (hi - lo) as f32;
        r[S::same_text_count as usize] = same.get(b.text.as_str()).copied().unwrap_or(1) as f32;
        r[S::run_of_short as usize] = run[i] as f32;
        r[S::lead_link_share as usize] = lead_link_share(doc, i);
        r
    }

    /// Block `i`'s `lead_link_share` signal, as its row has it, without the rest of the row.
    pub(crate) fn lead_link_share(&self, i: usize) -> f32 {
        lead_link_share(self.doc, i)
    }

    /// Block `i`'s `group_members` signal, as its row has it, without the rest of the row.
    pub(crate) fn group_members(&mut self, i: usize) -> f32 {
        let node = self.doc.blocks[i].node;
        if node != NO_NODE && (node as usize) < self.dom.nodes.len() {
            group_of(self.dom, self.view.tables, node, &mut self.groups)[0]
        } else {
            0.0
        }
    }
}

/// Share of block `i`'s characters in a link it starts with.
fn lead_link_share(doc: &Doc<'_>, i: usize) -> f32 {
    let b = &doc.blocks[i];
    match b.links.first() {
        Some(l) if l.start == 0 => {
            let linked = b.text.get(..l.end).map_or(0, |t| t.chars().count());
            linked as f32 / doc.features[i].chars.max(1) as f32
        }
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_count_many_signatures_as_few() {
        // Twelve classes, some repeated, past the signatures matched by a scan.
        let classes = [0, 1, 2, 0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 9, 1, 11, 11, 0];
        let items: String = classes
            .iter()
            .map(|k| format!("<p class=c{k}>x</p>"))
            .collect();
        let html = format!("<html><body><div>{items}<span>y</span></div></body></html>");
        let dom = crate::parse::html::parse(&html, &crate::options::Limits::default()).unwrap();
        let n = dom.nodes.len();
        let t = Tables {
            chars: vec![1; n],
            page_chars: 1,
            ..Tables::empty(n)
        };
        let mut groups = Groups {
            members: vec![[0; 2]; n],
            ..Groups::default()
        };
        let div = (0..n as NodeId)
            .find(|&i| dom.element(i).is_some_and(|e| e.tag == Tag::Div))
            .unwrap();
        count_children(&dom, &t, div, &mut groups);
        let kids: Vec<NodeId> = dom.children(div).collect();
        assert_eq!(kids.len(), classes.len() + 1);
        for (&c, &k) in kids.iter().zip(&classes) {
            let same = classes.iter().filter(|&&j| j == k).count() as u32;
            assert_eq!(groups.members[c as usize], [same, same], "class c{k}");
        }
        assert_eq!(groups.members[kids[classes.len()] as usize], [1, 1]);
    }

    #[test]
    fn plain_letters_are_letters_and_not_numbers() {
        let plain: Vec<char> = (0..=0x10_ffff)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain_letter(c))
            .collect();
        assert!(plain.len() > 30_000);
        for c in plain {
            assert!(
                c.is_alphabetic() && !c.is_numeric() && !c.is_whitespace() && !c.is_ascii(),
                "{c:?} (U+{:04X})",
                c as u32
            );
            assert_eq!(is_plain_capital(c), c.is_uppercase(), "{c:?}");
        }
        for c in ('\u{2000}'..='\u{206f}').filter(|&c| is_general_punctuation(c)) {
            assert!(!c.is_alphabetic() && !c.is_numeric(), "{c:?}");
            assert_eq!(shape(&c.to_string()).currency, 0, "{c:?}");
        }
    }
}
