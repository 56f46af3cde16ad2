//! What kind of page this is, from signals the page declares about itself (JSON-LD `@type`,
//! `og:type`), and what that changes in region selection: an article's story sits in one
//! container, while a service page, a forum thread or a product page spreads its content over
//! sibling sections, so a region that covers too little of the page's prose is widened.

use super::tables::Tables;
use crate::dom::{Dom, NodeData, NodeId, Tag, NO_NODE};
use crate::rules::Doc;
use crate::vocab::classes::Concepts;
use once_cell::sync::Lazy;
use regex::Regex;

/// The page's kind, as far as its own markup says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PageType {
    /// A story: the default region selection fits it.
    Article,
    /// A thread: the replies are the content, not a comment section to prune.
    Forum,
    /// Anything else, or nothing declared.
    Other,
}

static LD_TYPE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r#""@type"\s*:\s*(?:\[\s*)?"([A-Za-z]+)""#).expect("valid @type pattern")
});

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "Report",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ScholarlyArticle",
    "TechArticle",
    "LiveBlogPosting",
];
const FORUM_TYPES: &[&str] = &["DiscussionForumPosting", "QAPage", "Question"];

/// The page type the page declares; [`PageType::Other`] when it declares none we use.
/// A microdata `itemtype` such as `https://schema.org/DiscussionForumPosting`.
fn names_forum_type(itemtype: &str) -> bool {
    let t = itemtype.trim_end_matches('/');
    FORUM_TYPES.iter().any(|f| {
        t.strip_suffix(f)
            .is_some_and(|rest| rest.ends_with("schema.org/"))
    })
}

pub(crate) fn detect(dom: &Dom) -> PageType {
    let mut article = false;
    for ld in &dom.json_ld {
        for caps in LD_TYPE.captures_iter(ld) {
            let t = &caps[1];
            if FORUM_TYPES.contains(&t) {
                return PageType::Forum;
            }
            article |= ARTICLE_TYPES.contains(&t);
        }
    }
    // Microdata says the same as JSON-LD on many forums.
    // One pass over the elements for microdata and og:type.
    let mut og_article = false;
    for e in dom.nodes.iter().filter_map(|n| match n.data {
        NodeData::Element(e) => Some(dom.element_at(e)),
        _ => None,
    }) {
        if e.attr("itemtype").is_some_and(names_forum_type) {
            return PageType::Forum;
        }
        og_article |= matches!(e.tag, Tag::Meta)
            && e.attr("property")
                .is_some_and(|p| p.eq_ignore_ascii_case("og:type"))
            && e.attr("content")
                .is_some_and(|c| c.trim().eq_ignore_ascii_case("article"));
    }
    if article || og_article {
        PageType::Article
    } else {
        PageType::Other
    }
}

/// The schema.org types a page declares in JSON-LD, beyond article and forum: signals for the
/// block classifier (a product page keeps its description, a list page its items).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PageTypes {
    pub product: bool,
    pub list: bool,
    pub faq: bool,
    /// Only `WebPage`, `WebSite`, `Organization` and the like: no content type at all.
    pub webpage_only: bool,
    pub howto_recipe: bool,
}

pub(crate) fn declared(dom: &Dom) -> PageTypes {
    let mut d = PageTypes::default();
    let mut any = false;
    let mut content = false;
    for ld in &dom.json_ld {
        for caps in LD_TYPE.captures_iter(ld) {
            let t = &caps[1];
            any = true;
            match t {
                "Product"
                | "ProductGroup"
                | "Offer"
                | "AggregateOffer"
                | "SoftwareApplication"
                | "Book"
                | "Course" => d.product = true,
                "ItemList" | "CollectionPage" | "SearchResultsPage" | "OfferCatalog" => {
                    d.list = true
                }
                "FAQPage" => d.faq = true,
                "HowTo" | "Recipe" => d.howto_recipe = true,
                "WebPage"
                | "WebSite"
                | "Organization"
                | "BreadcrumbList"
                | "ImageObject"
                | "SearchAction"
                | "Person"
                | "LocalBusiness"
                | "ReadAction"
                | "EntryPoint"
                | "ListItem"
                | "SiteNavigationElement"
                | "PostalAddress"
                | "ContactPoint" => {}
                _ => content = true,
            }
        }
    }
    content |= d.product || d.list || d.faq || d.howto_recipe;
    d.webpage_only = any && !content;
    d
}

/// A region should hold at least this share of the page's prose on a page that is not an
/// article (rs-trafilatura asks 30% of the body text of its candidates).
const MIN_COVER: f32 = 0.3;
/// Widening must not swallow navigation: the text it adds is at most this link-dense.
const WIDEN_MAX_LINK_DENSITY: f32 = 0.35;
/// Prose blocks: link-poor text outside furniture, headers and forms.
const PROSE_MAX_LINK_DENSITY: f32 = 0.5;

/// Characters of prose in each node's subtree (link-poor blocks outside furniture).
pub(crate) fn prose_chars(doc: &Doc<'_>, dom: &Dom, t: &Tables) -> Vec<u32> {
    let mut prose = vec![0u32; dom.nodes.len()];
    let outside = Concepts(Concepts::FURNITURE.0 | Concepts::HEADER.0 | Concepts::FORM.0);
    for (b, f) in doc.blocks.iter().zip(doc.features) {
        if b.node == NO_NODE
            || t.pruned[b.node as usize].is_some()
            || b.context.has(outside)
            || f.link_density >= PROSE_MAX_LINK_DENSITY
        {
            continue;
        }
        prose[b.node as usize] += f.chars;
    }
    for i in (1..dom.nodes.len()).rev() {
        let p = dom.nodes[i].parent;
        if p != NO_NODE {
            prose[p as usize] += prose[i];
        }
    }
    prose
}

/// Climbs from `top` while the region holds less than [`MIN_COVER`] of the page's prose and
/// the parent adds link-poor text: the sections of a service or product page are siblings.
/// Returns `top` unchanged when no link-poor ancestor covers enough (the page's prose is
/// elsewhere, and a wider region would only add its navigation), or when `top` sits inside
/// furniture-classed wrappers (their blocks are not counted as prose, so the cover is unknown).
pub(crate) fn widen_to_cover(dom: &Dom, t: &Tables, prose: &[u32], top: NodeId) -> NodeId {
    let page = prose.first().copied().unwrap_or(0) as f32;
    let in_furniture = std::iter::once(top).chain(dom.ancestors(top)).any(|a| {
        dom.element(a)
            .is_some_and(|e| e.concepts.has(Concepts::FURNITURE))
    });
    if page <= 0.0 || in_furniture {
        return top;
    }
    let mut wide = top;
    loop {
        if prose[wide as usize] as f32 >= MIN_COVER * page {
            return wide;
        }
        let p = dom.nodes[wide as usize].parent;
        if p == NO_NODE
            || dom
                .element(p)
                .is_none_or(|e| matches!(e.tag, Tag::Body | Tag::Html))
        {
            return top;
        }
        let (pi, wi) = (p as usize, wide as usize);
        let extra_chars = t.chars[pi].saturating_sub(t.chars[wi]);
        let extra_links = t.link_chars[pi].saturating_sub(t.link_chars[wi]);
        if extra_chars > 0 && extra_links as f32 / extra_chars as f32 > WIDEN_MAX_LINK_DENSITY {
            return top;
        }
        wide = p;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Limits;

    fn page_type(html: &str) -> PageType {
        detect(&crate::parse::html::parse(html, &Limits::default()).unwrap())
    }

    #[test]
    fn reads_json_ld_microdata_and_og_type() {
        let ld = |t: &str| {
            format!(r#"<script type="application/ld+json">{{"@type": "{t}"}}</script><p>x"#)
        };
        assert_eq!(page_type(&ld("NewsArticle")), PageType::Article);
        assert_eq!(page_type(&ld("QAPage")), PageType::Forum);
        assert_eq!(page_type(&ld("Product")), PageType::Other);
        let micro =
            r#"<div itemscope itemtype="https://schema.org/DiscussionForumPosting">x</div>"#;
        assert_eq!(page_type(micro), PageType::Forum);
        let og = r#"<head><meta property="og:type" content="article"></head><p>x"#;
        assert_eq!(page_type(og), PageType::Article);
        assert_eq!(page_type("<p>nothing declared</p>"), PageType::Other);
    }
}
