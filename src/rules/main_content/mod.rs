//! The HTML main-content scorer (category `boilerplate`).
//!
//! Readability's container scoring, computed in side tables over the flat DOM
//! ([`tables`]): hidden, consent, dialog and comment subtrees are pruned first, each prune
//! guarded by its size (a box that holds most of the page is a wrapper, not an overlay); every
//! paragraph-like block scores `1 + commas + min(chars / 100, 3)` and passes that score to its
//! element and up to five ancestors with decay; each candidate's score gets a tag prior and a
//! class/id prior, and is damped by the link density of its subtree. [`region`] picks the
//! region from the scores; blocks outside it go. Inside it, furniture the region itself is not
//! (share bars, newsletter boxes) and short link-dense lines go too.
//!
//! The pass decides how hard it prunes: `Strict` does all of the above; `Relaxed` (tried when
//! too little survives) keeps overlays, ignores class names and takes siblings more easily;
//! `WholePage` keeps every block that is not navigation-like, with no region at all.

mod classifier;
mod groups;
pub(crate) mod model;
mod pagetype;
mod region;
pub(crate) mod signals;
mod tables;

use super::{Doc, Verdicts};
use crate::dom::{Dom, NodeId, Tag, NO_NODE};
use crate::extraction::{Category, Pass};
use crate::segment::tag_concepts;
use crate::vocab::classes::Concepts;
use once_cell::unsync::OnceCell;
use pagetype::PageType;
use tables::{PrunePolicy, Tables};

/// Short link-dense lines are navigation.
pub(crate) const LINK_DENSITY_MAX: f32 = 0.5;
const LINK_DENSE_MAX_WORDS: u32 = 30;
/// Furniture-classed blocks this short go on the whole-page pass, where no region vouches for
/// them; longer ones may be the story inside a lying wrapper.
const WHOLE_PAGE_FURNITURE_MAX_WORDS: u32 = 25;
/// Page furniture plus captions: a story's figures are not its text.
const IN_REGION_FURNITURE: Concepts = Concepts(Concepts::FURNITURE.0 | Concepts::CAPTION.0);
/// A furniture box inside the region is furniture only while it holds at most this share of
/// the region's text.
const FURNITURE_MAX_REGION_SHARE: f32 = 0.5;

struct PassSettings {
    prune: PrunePolicy,
    use_classes: bool,
    sibling_share: f32,
}

fn settings_for(pass: Pass, comments: bool) -> Option<PassSettings> {
    match pass {
        Pass::Strict => Some(PassSettings {
            prune: PrunePolicy {
                overlays: true,
                comments,
            },
            use_classes: true,
            sibling_share: 0.2,
        }),
        Pass::Relaxed => Some(PassSettings {
            prune: PrunePolicy {
                overlays: false,
                comments,
            },
            use_classes: false,
            sibling_share: 0.1,
        }),
        Pass::WholePage | Pass::Text => None,
    }
}

/// What a document's passes and the block classifier share: its page type, and the strict
/// pass's analysis (the classifier reads the strict analysis whichever pass won), each made
/// once.
#[derive(Default)]
pub(crate) struct Shared {
    page_type: OnceCell<PageType>,
    strict: OnceCell<Analysis>,
}

impl Shared {
    fn page_type(&self, dom: &Dom) -> PageType {
        *self.page_type.get_or_init(|| pagetype::detect(dom))
    }

    /// Whether comment sections are pruned: unless the user wants them, or the page is a
    /// forum thread, where the replies are the content.
    fn prunes_comments(&self, doc: &Doc<'_>, dom: &Dom) -> bool {
        !doc.config.include_comments && self.page_type(dom) != PageType::Forum
    }

    fn strict(&self, doc: &Doc<'_>, dom: &Dom) -> &Analysis {
        self.strict.get_or_init(|| {
            let comments = self.prunes_comments(doc, dom);
            let settings = settings_for(Pass::Strict, comments).expect("strict has settings");
            analyse(doc, dom, &settings, self.page_type(dom))
        })
    }
}

/// What one pass of region selection found: the tables, the container scores, the region
/// and the furniture inside it.
struct Analysis {
    tables: Tables,
    scores: Vec<f32>,
    region: Option<region::Region>,
    furniture: Vec<bool>,
}

fn analyse(doc: &Doc<'_>, dom: &Dom, settings: &PassSettings, page_type: PageType) -> Analysis {
    let t = tables::build(doc, dom, settings.prune);
    let scores = tables::final_scores(dom, &t, settings.use_classes);
    let prose = (page_type != PageType::Article).then(|| pagetype::prose_chars(doc, dom, &t));
    let region = region::select(
        dom,
        &t,
        &scores,
        settings.sibling_share,
        prose.as_deref(),
        page_type == PageType::Forum,
    );
    let furniture = match &region {
        Some(r) if settings.use_classes => furniture_map(dom, &t, r),
        _ => Vec::new(),
    };
    Analysis {
        tables: t,
        scores,
        region,
        furniture,
    }
}

/// The block classifier's verdicts on the generic boilerplate, after every other rule
/// (see [`classifier`]); nothing for text input or with the classifier off. Returns whether
/// the classifier ran.
pub(crate) fn classify(doc: &Doc<'_>, verdicts: &mut Verdicts) -> bool {
    let model = match &doc.config.classifier {
        crate::options::Classifier::Off => return false,
        crate::options::Classifier::Shipped => classifier::shipped(),
        crate::options::Classifier::Custom(m) => &m.0,
    };
    // A fragment is not the kind of page the model learnt from (whole pages, with their
    // navigation and furniture): the region rules alone judge it.
    if doc.blocks.len() < classifier::MIN_BLOCKS {
        return false;
    }
    with_signals(doc, |signals| {
        classifier::run(doc, verdicts, signals, model)
    })
    .is_some()
}

/// Every block's signals with the rules' decisions noted, as the trainer sees them.
pub(crate) fn training_rows(doc: &Doc<'_>, verdicts: &Verdicts) -> Vec<signals::Row> {
    with_signals(doc, |signals| {
        (0..doc.blocks.len())
            .map(|i| {
                let mut row = signals.row(i);
                classifier::note_rules(verdicts, i, &mut row);
                row
            })
            .collect()
    })
    .unwrap_or_default()
}

/// Runs `f` with the block classifier's signals, read from the strict pass's analysis (HTML
/// only: `None` for text).
fn with_signals<R>(doc: &Doc<'_>, f: impl FnOnce(&mut signals::Signals<'_>) -> R) -> Option<R> {
    let dom = doc.dom?;
    let page_type = doc.shared.page_type(dom);
    let a = doc.shared.strict(doc, dom);
    let view = signals::RegionView {
        tables: &a.tables,
        scores: &a.scores,
        region: a.region.as_ref(),
        furniture: &a.furniture,
        page_type,
        declared: pagetype::declared(dom),
    };
    Some(f(&mut signals::Signals::new(doc, dom, view)))
}

pub(crate) fn run(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    let Some(dom) = doc.dom else { return };
    let page_type = doc.shared.page_type(dom);
    let comments = doc.shared.prunes_comments(doc, dom);
    let Some(settings) = settings_for(doc.pass, comments) else {
        let policy = PrunePolicy {
            overlays: true,
            comments,
        };
        let t = tables::build(doc, dom, policy);
        remove_pruned(doc, &t, verdicts);
        whole_page(doc, verdicts);
        return;
    };
    let relaxed;
    let a = if doc.pass == Pass::Strict {
        doc.shared.strict(doc, dom)
    } else {
        relaxed = analyse(doc, dom, &settings, page_type);
        &relaxed
    };
    remove_pruned(doc, &a.tables, verdicts);
    let Some(region) = &a.region else {
        return;
    };
    let furniture = &a.furniture;
    // The same for every block outside: written once.
    let outside = format!(
        "outside the main-content region ({}, score {:.0})",
        dom.path(region.top),
        region.top_score
    );
    for (i, b) in doc.blocks.iter().enumerate() {
        if !verdicts.is_kept(i) {
            continue;
        }
        if !region.contains(b.node) {
            verdicts.remove(
                i,
                Category::Boilerplate,
                "outside-main-content",
                0.0,
                1.0,
                outside.as_str(),
            );
            continue;
        }
        if furniture.get(b.node as usize).copied().unwrap_or(false) {
            verdicts.remove(
                i,
                Category::Boilerplate,
                "boilerplate-container",
                1.0,
                1.0,
                "inside page furniture (share, related, newsletter, ad...) within the story",
            );
            continue;
        }
        remove_if_link_dense(doc, i, verdicts);
    }
}

fn remove_pruned(doc: &Doc<'_>, t: &Tables, verdicts: &mut Verdicts) {
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.node == NO_NODE {
            continue;
        }
        if let Some(p) = t.pruned[b.node as usize] {
            verdicts.remove(i, Category::Boilerplate, p.rule(), 1.0, 1.0, p.reason());
        }
    }
}

fn is_link_dense(doc: &Doc<'_>, i: usize) -> bool {
    let f = doc.features[i];
    f.link_density >= LINK_DENSITY_MAX
        && f.words <= LINK_DENSE_MAX_WORDS
        && !is_bare_url(&doc.blocks[i].text)
}

/// A line that is only an address: navigation names its links, a story lists its sources.
fn is_bare_url(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."))
        && !t.contains(char::is_whitespace)
}

/// A short link-dense line goes when it is part of a run of such lines (a link list, a
/// related rail), ends the text or follows a colon; one alone between prose is the story
/// linking out ("Available from ...").
fn remove_if_link_dense(doc: &Doc<'_>, i: usize, verdicts: &mut Verdicts) {
    if !is_link_dense(doc, i) {
        return;
    }
    // A line the text before announces ("… see my other story:") is a teaser, not prose.
    let between_prose = i > 0
        && i + 1 < doc.blocks.len()
        && !is_link_dense(doc, i - 1)
        && !is_link_dense(doc, i + 1)
        && !doc.blocks[i - 1].text.trim_end().ends_with(':');
    if between_prose && doc.pass != Pass::WholePage {
        return;
    }
    let f = doc.features[i];
    let reason = format!("{:.0}% of a short line is links", f.link_density * 100.0);
    verdicts.remove(
        i,
        Category::Boilerplate,
        "link-dense",
        f.link_density,
        LINK_DENSITY_MAX,
        reason,
    );
}

/// No region: every block judged alone by its links and the furniture it sits in.
fn whole_page(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    for (i, b) in doc.blocks.iter().enumerate() {
        if !verdicts.is_kept(i) {
            continue;
        }
        let words = doc.features[i].words;
        if b.context.has(Concepts::FURNITURE) && words <= WHOLE_PAGE_FURNITURE_MAX_WORDS {
            verdicts.remove(
                i,
                Category::Boilerplate,
                "boilerplate-container",
                words as f32,
                WHOLE_PAGE_FURNITURE_MAX_WORDS as f32,
                "a short line inside page furniture (nav, footer, share, related...)",
            );
            continue;
        }
        remove_if_link_dense(doc, i, verdicts);
    }
}

/// Which nodes of the region sit in page furniture (share bars, newsletter boxes, related
/// rails) that the region's root is not. A furniture-classed box holding most of the region's
/// text is the story in a lying wrapper (`paywall`, `has-share-bar`), so it does not count.
fn furniture_map(dom: &Dom, t: &Tables, region: &region::Region) -> Vec<bool> {
    let mut map = vec![false; dom.nodes.len()];
    let region_chars: u32 = region
        .ranges
        .iter()
        .map(|&(s, _)| t.chars[s as usize])
        .sum();
    let limit = FURNITURE_MAX_REGION_SHARE * region_chars as f32;
    // An embedded post (a tweet's blockquote in a `social-embed` widget) is story.
    let mut holds_quote = vec![false; dom.nodes.len()];
    for id in (0..dom.nodes.len()).rev() {
        let quote = holds_quote[id]
            || dom
                .element(id as NodeId)
                .is_some_and(|e| matches!(e.tag, Tag::Blockquote));
        let parent = dom.nodes[id].parent;
        if quote && parent != NO_NODE {
            holds_quote[parent as usize] = true;
        }
        holds_quote[id] = quote;
    }
    for &(start, end) in &region.ranges {
        // The top's own concepts describe the region itself; a joined sibling's do not.
        let first = if start == region.top {
            start + 1
        } else {
            start
        };
        for id in first..end {
            let parent = dom.nodes[id as usize].parent;
            if parent >= first && map[parent as usize] {
                map[id as usize] = true;
                continue;
            }
            let Some(e) = dom.element(id) else { continue };
            let concepts = e.concepts | tag_concepts(e.tag);
            map[id as usize] = concepts.has(IN_REGION_FURNITURE)
                && t.chars[id as usize] as f32 <= limit
                && !holds_quote[id as usize];
        }
    }
    map
}
