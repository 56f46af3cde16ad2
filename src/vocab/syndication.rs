//! Feed footers, reprint notices and wire credits (PATTERNS.md section 1), by language.
//!
//! `Glued` patterns are cut out of the paragraph they are glued to; their `spam` group is the
//! part cut, and the trailing `BOUNDARY` (a space, the end, or the capital that starts the
//! next glued text) is not. Titles and site names are matched lazily and bounded.

use super::patterns::{PatternDef, Scope};
use crate::extraction::Category::Syndication;

macro_rules! glued {
    ($rule:expr, $lang:expr, $re:expr) => {
        PatternDef {
            rule: $rule,
            category: Syndication,
            lang: $lang,
            scope: Scope::Glued,
            regex: concat!("(?P<spam>", $re, ")", BOUNDARY!()),
        }
    };
}

macro_rules! whole {
    ($rule:expr, $lang:expr, $re:expr) => {
        PatternDef {
            rule: $rule,
            category: Syndication,
            lang: $lang,
            scope: Scope::Whole,
            regex: $re,
        }
    };
}

/// A feed footer that names the story's title and the site, in each language: the title
/// and site are what a feed pipeline glues into the excerpt ("SiteNameThe Title…").
pub(crate) const FOOTER_TITLE_SITE: &str = concat!(
    r"^(?:(?i:(?:the|this) post)\s+(?P<en>.{2,300}?)\s*(?i:(?:first appeared|appeared first|appeared) on)",
    r"|(?i:(?:der|dieser) (?:beitrag|artikel))\s+(?P<de>.{2,300}?)\s*(?i:erschien zuerst (?:auf|in|im|bei))",
    r"|(?i:(?:l[’']|cet )article)\s*(?P<fr>.{2,300}?)\s*(?i:est apparu en premier sur)",
    r"|(?i:la (?:publicación|entrada))\s+(?P<es>.{2,300}?)\s*(?i:apareció primero en)",
    r"|(?i:o (?:post|artigo))\s+(?P<pt>.{2,300}?)\s*(?i:apareceu primeiro (?:em|no|na))",
    r")\s+(?P<site>[^\s.][^.]{0,99}?)\s?\.?\s*$"
);

pub(crate) const PATTERNS: &[PatternDef] = &[
    // #1 Yoast: "The post {title} appeared first on {Site}." (site may hold dots: Bitcoinist.com).
    glued!(
        "feed-footer",
        "en",
        r"(?i:the post)\s+.{2,300}?\s*(?i:appeared first on)\s+.{2,100}?\s?\."
    ),
    // #3 Coinpedia: no final period, the body glued after the site's capitalised words (or on
    // the next line, the footer a line of its own).
    glued!(
        "feed-footer",
        "en",
        r"(?i:the post)\s+.{2,300}?\s*(?i:appeared first on)\s+(?:\p{Lu}[\w&'’-]*(?:\s|$)){1,3}"
    ),
    // #2 BitcoinEthereumNews prefix: "The post {title} appeared on {domain}."
    glued!(
        "feed-footer",
        "en",
        r"(?i:the post)\s+.{2,300}?\s*(?i:appeared on)\s+[\w-]+(?:\.[\w-]+)*\.(?i:com|net|org|io|co|news|info|in|uk|de)\s?\.?"
    ),
    // #4 #5 "This post {title} first appeared on {Site}." (+ "and is written by ...").
    glued!(
        "feed-footer",
        "en",
        r"(?i:(?:this|the) post)\s+.{2,300}?\s*(?i:first appeared on)\s+.{2,100}?(?:\s(?i:and is written by)\s[^.]{1,60}?)?\s?\."
    ),
    // #14 German, French, Spanish, Portuguese Yoast.
    glued!(
        "feed-footer",
        "de",
        r"(?i:(?:der|dieser) (?:beitrag|artikel))\s+.{0,300}?\s*(?i:erschien zuerst (?:auf|in|im|bei))\s+.{2,100}?\s?\."
    ),
    glued!(
        "feed-footer",
        "fr",
        r"(?i:(?:l[’']|cet )article)\s*.{2,300}?\s*(?i:est apparu en premier sur)\s+.{2,100}?\s?\."
    ),
    glued!(
        "feed-footer",
        "es",
        r"(?i:la (?:publicación|entrada|nota))\s+.{2,300}?\s*(?i:(?:apareció|se publicó) (?:primero|por primera vez) en)\s+.{2,100}?\s?\."
    ),
    glued!(
        "feed-footer",
        "pt",
        r"(?i:o (?:post|artigo)|a (?:publicação|postagem|matéria))\s+.{2,300}?\s*(?i:(?:apareceu|foi publicad[oa]) primeiro (?:em|no|na))\s+.{2,100}?\s?\."
    ),
    // #6 techhub: This post appeared first on "Feed". [Read the entire article here](url)
    glued!(
        "aggregator-footer",
        "en",
        r#"(?i:this post appeared first on)\s+["“][^"”]{1,120}["”]\s?\.?(?:\s*\[(?i:read the entire article here)\]\([^)\s]*\))?"#
    ),
    // #7 Medium.
    whole!(
        "reprint-notice",
        "en",
        r"(?i).{2,300}? was originally published in .{2,120}? on Medium, where people are continuing the conversation by highlighting and responding to this story\.?"
    ),
    // #8 #9 #10 #11 reprint notices.
    whole!(
        "reprint-notice",
        "en",
        r"(?i)[*_]?(?:this|the) (?:article|post|story|piece|essay|interview|report) (?:was |is )?(?:originally|first) (?:appeared|published|posted|ran)\b.{0,200}?(?:\.|$)[*_]?"
    ),
    whole!(
        "reprint-notice",
        "en",
        r"(?i)[*_]?(?:originally|first) (?:published|posted|appeared)(?: on| in| at| by)\b.{1,200}?[*_]?"
    ),
    whole!(
        "reprint-notice",
        "en",
        r"(?i).{0,200}?republished (?:here )?(?:with|by) (?:kind )?permission.{0,100}?"
    ),
    whole!(
        "reprint-notice",
        "en",
        r"(?i)this (?:article|story|post) (?:has been|was) (?:adapted|reprinted|republished|syndicated)\b.{0,160}?"
    ),
    whole!(
        "reprint-notice",
        "en",
        r"(?i)(?:from the book|excerpted from) .{2,200}? reprinted (?:by|with) permission.{0,160}?"
    ),
    whole!(
        "reprint-notice",
        "en",
        r"(?i)reprinted (?:by|with) permission (?:of|from) .{2,160}?"
    ),
    whole!(
        "reprint-notice",
        "en",
        r"(?i)read the original (?:article|story|post)(?: (?:on|at|here) .{1,60})?\.?"
    ),
    whole!(
        "reprint-notice",
        "de",
        r"(?i)(?:dieser (?:artikel|beitrag) )?(?:erschien|erschienen) (?:zuerst|ursprünglich) (?:in|im|auf|bei)\b.{1,200}?"
    ),
    whole!(
        "reprint-notice",
        "de",
        r"(?i)(?:ursprünglich|zuerst) veröffentlicht (?:auf|in|im|bei)\b.{1,160}?"
    ),
    whole!(
        "reprint-notice",
        "fr",
        r"(?i)(?:cet article a été |article )?(?:initialement|originellement|d'abord|d’abord) publié (?:sur|dans|par)\b.{1,160}?"
    ),
    whole!(
        "reprint-notice",
        "es",
        r"(?i)(?:este artículo )?(?:fue )?publicado originalmente (?:en|por)\b.{1,160}?"
    ),
    whole!(
        "reprint-notice",
        "pt",
        r"(?i)(?:este (?:artigo|texto) )?(?:foi )?(?:publicado originalmente|originalmente publicado) (?:em|no|na|por)\b.{1,160}?"
    ),
    // #12 wire credits.
    whole!(
        "wire-credit",
        "en",
        r"(?i)\(?\s*(?:reporting|additional reporting|writing) by [^()]{2,200}?(?:;\s*(?:editing|writing) by [^()]{2,160}?)?\s*\)?\.?"
    ),
    whole!(
        "wire-credit",
        "en",
        r"(?i)(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?:thomson )?(?:reuters|the associated press|associated press|ap|afp|agence france-presse|dpa|bloomberg)(?: news)?\.?(?:\s*all rights reserved\.?)?(?:\s*this material may not be published, broadcast, rewritten,? or redistributed\.?)?"
    ),
    whole!(
        "wire-credit",
        "en",
        r"(?i)this material may not be published, broadcast, rewritten,? or redistributed\.?"
    ),
    // #13 aggregator read-more.
    whole!(
        "source-read-more",
        "en",
        r"(?i)read (?:more|the full (?:story|article)) (?:on|at) [\w .&'’-]{2,60}\.?"
    ),
    whole!(
        "source-read-more",
        "en",
        r"(?i)original (?:story|article|post|source)\s*:\s*\S{4,300}"
    ),
    whole!(
        "source-read-more",
        "en",
        r"(?i)continue reading(?: this article)?(?: on [\w .-]{2,60})?\s*(?:\.\.\.|…|»|→)?"
    ),
    whole!(
        "source-read-more",
        "de",
        r"(?i)(?:meldung|artikel|beitrag) (?:bei|auf) [\w .-]{2,60} (?:lesen|weiterlesen)"
    ),
    whole!(
        "source-read-more",
        "en",
        r"(?i)\((?:feed generated with fetchrss|via [\w .-]{2,40})\)|-- delivered by feed43 service"
    ),
];
