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

mod groups;
mod pagetype;
mod region;
mod tables;

use super::{Doc, Verdicts};
use crate::dom::{Dom, NodeId, Tag, NO_NODE};
use crate::extraction::{Category, Pass};
use crate::segment::tag_concepts;
use crate::vocab::classes::Concepts;
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

pub(crate) fn run(doc: &Doc<'_>, verdicts: &mut Verdicts) {
    let Some(dom) = doc.dom else { return };
    let page_type = pagetype::detect(dom);
    // On a forum thread the replies are the content, not a comment section.
    let comments = !doc.config.include_comments && page_type != PageType::Forum;
    let settings = match doc.pass {
        Pass::Strict => PassSettings {
            prune: PrunePolicy {
                overlays: true,
                comments,
            },
            use_classes: true,
            sibling_share: 0.2,
        },
        Pass::Relaxed => PassSettings {
            prune: PrunePolicy {
                overlays: false,
                comments,
            },
            use_classes: false,
            sibling_share: 0.1,
        },
        Pass::WholePage | Pass::Text => {
            let policy = PrunePolicy {
                overlays: true,
                comments,
            };
            let t = tables::build(doc, dom, policy);
            remove_pruned(doc, &t, verdicts);
            whole_page(doc, verdicts);
            return;
        }
    };
    let t = tables::build(doc, dom, settings.prune);
    remove_pruned(doc, &t, verdicts);
    let scores = tables::final_scores(dom, &t, settings.use_classes);
    let prose = (page_type != PageType::Article).then(|| pagetype::prose_chars(doc, dom, &t));
    let Some(region) = region::select(
        dom,
        &t,
        &scores,
        settings.sibling_share,
        prose.as_deref(),
        page_type == PageType::Forum,
    ) else {
        return;
    };
    let furniture = if settings.use_classes {
        furniture_map(dom, &t, &region)
    } else {
        Vec::new()
    };
    let describe = dom.path(region.top);
    for (i, b) in doc.blocks.iter().enumerate() {
        if !verdicts.is_kept(i) {
            continue;
        }
        if !region.contains(b.node) {
            let reason = format!(
                "outside the main-content region ({describe}, score {:.0})",
                region.top_score
            );
            verdicts.remove(
                i,
                Category::Boilerplate,
                "outside-main-content",
                0.0,
                1.0,
                reason,
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

fn remove_if_link_dense(doc: &Doc<'_>, i: usize, verdicts: &mut Verdicts) {
    let f = doc.features[i];
    if f.link_density >= LINK_DENSITY_MAX && f.words <= LINK_DENSE_MAX_WORDS {
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
