//! Stage 1b, metadata: title, author, publication date, site name, language, canonical URL and
//! description, from what the page declares and shows.
//!
//! Each source is read on its own (`json_ld`: schema.org JSON-LD; `page`: `<meta>`, Open
//! Graph, `<title>`, `<h1>`, microdata, `<time>`, `rel=author`, bylines), then each field takes
//! the most trusted source that has it:
//!
//! - **title** (`title`): an `<h1>` that agrees with a declared title, else the declared title
//!   (`og:title`, JSON-LD `headline`, `twitter:title`, `<title>`) without the site's name;
//! - **author**: a person named by JSON-LD, then `<meta name=author>` (and its kin), microdata
//!   `itemprop=author`, a `rel=author` link, a byline element ("By Jane Doe", `class=author`),
//!   and last an organisation named as JSON-LD author;
//! - **published**: JSON-LD `datePublished`, then `article:published_time` (and kin),
//!   microdata `datePublished`, the first `<time>` of the story, an element whose class says
//!   date;
//! - **site name**: `og:site_name`, then the JSON-LD site or publisher;
//! - **language**: `<html lang>`, then JSON-LD `inLanguage`, then `<meta>` language tags;
//! - **canonical URL**: `<link rel=canonical>`, then `og:url`.
//!
//! Values are read as written, with entities a page escaped twice (`&amp;#038;`) decoded and
//! white space collapsed; [`Metadata::published_date`] reads the date as a calendar day.

mod byline;
mod date;
mod json;
mod json_ld;
mod page;
mod title;

pub(crate) use byline::author_name;
pub(crate) use date::{calendar_day, find_day, writes_month_first};

use crate::dom::Dom;
use crate::extraction::Metadata;

/// Entities longer than this (between `&` and `;`) are not entities.
const MAX_ENTITY_LEN: usize = 32;

/// Decodes the character references left in a value (pages that escape twice leave
/// `&amp;#038;` in an attribute, which parses to `&#038;`).
fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest[1..]
            .find(';')
            .filter(|&semi| semi > 0 && semi <= MAX_ENTITY_LEN)
            .and_then(|semi| Some((entity(&rest[1..semi + 2])?, semi + 2)));
        match decoded {
            Some((chars, len)) => {
                out.extend(chars);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// The characters of one reference, `name;` or `#123;` or `#x1F;` (with its semicolon).
fn entity(reference: &str) -> Option<Vec<char>> {
    let body = reference.strip_suffix(';')?;
    if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return Some(vec![char::from_u32(code).filter(|&c| c != '\0')?]);
    }
    let &(first, second) = html5ever::data::NAMED_ENTITIES.get(reference)?;
    Some(
        [first, second]
            .into_iter()
            .filter(|&c| c != 0)
            .filter_map(char::from_u32)
            .collect(),
    )
}

/// A value as metadata keeps it: entities decoded, white space collapsed.
pub(crate) fn clean_text(s: &str) -> String {
    crate::parse::text::collapse_ws(&decode_entities(s))
}

fn cleaned(s: Option<&str>) -> Option<String> {
    let t = clean_text(s?);
    (!t.is_empty()).then_some(t)
}

pub(crate) fn from_dom(dom: &Dom) -> Metadata {
    let ld = json_ld::facts(&dom.json_ld);
    let page = page::facts(dom);
    let ld_author = ld.author.as_deref().and_then(byline::author_name);
    let (ld_person, ld_organisation) = if ld.author_is_organisation {
        (None, ld_author)
    } else {
        (ld_author, None)
    };
    let first = |values: &[Option<&str>]| values.iter().find_map(|v| cleaned(*v));
    let site_name = first(&[page.site_name.as_deref(), ld.site_name.as_deref()]);
    // An author that is the site itself is a fallback, after any person a byline names.
    let names_site = |a: &&str| {
        site_name
            .as_deref()
            .is_some_and(|s| title::normalise(s) == title::normalise(a))
    };
    let authors = [
        ld_person.as_deref(),
        page.meta_author.as_deref(),
        page.labelled_author.as_deref(),
        page.microdata_author.as_deref(),
        page.rel_author.as_deref(),
        page.byline_author.as_deref(),
        page.author_link.as_deref(),
    ];
    let author = authors
        .iter()
        .flatten()
        .find(|a| !names_site(a))
        .or_else(|| authors.iter().flatten().next())
        .copied()
        .or(ld_organisation.as_deref())
        .or(page.profile_link.as_deref());
    Metadata {
        title: title::choose(&ld, &page).and_then(|t| cleaned(Some(&t))),
        author: cleaned(author),
        published: first(&[
            ld.published.as_deref(),
            page.meta_published.as_deref(),
            page.microdata_published.as_deref(),
            page.time.as_deref(),
            page.dated_element.as_deref(),
            page.date_line.as_deref(),
        ]),
        site_name,
        language: first(&[
            page.html_lang.as_deref(),
            ld.language.as_deref(),
            page.meta_language.as_deref(),
        ]),
        canonical_url: first(&[page.canonical_url.as_deref(), page.og_url.as_deref()]),
        description: first(&[ld.description.as_deref(), page.description.as_deref()]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Limits;

    fn meta(html: &str) -> Metadata {
        from_dom(&crate::parse::html::parse(html, &Limits::default()).unwrap())
    }

    #[test]
    fn decodes_entities_left_in_values() {
        assert_eq!(
            clean_text("M&#038;A &amp; more &eacute;&notanentity; & x"),
            "M&A & more é&notanentity; & x"
        );
        assert_eq!(clean_text("&#x1F600; &#0; &#xZZ;"), "😀 &#0; &#xZZ;");
        assert_eq!(clean_text(" a \n b "), "a b");
    }

    #[test]
    fn reads_meta_og_and_json_ld() {
        let m = meta(
            r#"<html lang="de"><head><title>Site | Page</title>
            <meta property="og:title" content="OG Title">
            <meta property="og:site_name" content="The Site">
            <meta name="author" content="Jane Doe">
            <link rel="canonical" href="https://example.org/a">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"LD \u0054itle","datePublished":"2024-03-01T10:00:00Z","author":{"@type":"Person","name":"Max Muster"}}</script>
            </head><body><time datetime="2020-01-01">x</time></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("OG Title"));
        assert_eq!(m.published.as_deref(), Some("2024-03-01T10:00:00Z"));
        assert_eq!(m.author.as_deref(), Some("Max Muster"));
        assert_eq!(m.site_name.as_deref(), Some("The Site"));
        assert_eq!(m.language.as_deref(), Some("de"));
        assert_eq!(m.canonical_url.as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn a_person_beats_an_organisation() {
        let m = meta(
            r#"<head><script type="application/ld+json">{"@type":"BlogPosting","author":{"@type":"Organization","name":"Acme"}}</script></head>
            <body><article><p class="byline">By Lee Chan</p><p>Text.</p></article></body>"#,
        );
        assert_eq!(m.author.as_deref(), Some("Lee Chan"));
        let m = meta(
            r#"<head><script type="application/ld+json">{"@type":"BlogPosting","author":{"@type":"Organization","name":"Acme"}}</script></head>
            <body><article><p>Text.</p></article></body>"#,
        );
        assert_eq!(m.author.as_deref(), Some("Acme"));
    }

    #[test]
    fn title_prefers_the_agreeing_heading() {
        let m = meta(
            r#"<head><title>Harbour Tunnel Opens Early | Acme Times</title>
            <meta property="og:site_name" content="Acme Times"></head>
            <body><header><h1>Acme Times</h1></header>
            <article><h1>Harbour tunnel opens early</h1><p>Text.</p></article></body>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Harbour tunnel opens early"));
    }

    #[test]
    fn dates_fall_back_in_order() {
        let m = meta(
            r#"<body><article><span class="date">Posted 4 May 2021</span><p>Text.</p></article></body>"#,
        );
        assert_eq!(m.published.as_deref(), Some("Posted 4 May 2021"));
        assert_eq!(m.published_date().as_deref(), Some("2021-05-04"));
        let m = meta(
            r#"<head><meta itemprop="datePublished" content="2020-02-02"></head>
            <body><article><time datetime="2021-01-01">New Year</time></article></body>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2020-02-02"));
    }

    #[test]
    fn empty_and_broken_pages() {
        assert_eq!(meta(""), Metadata::default());
        let m = meta(
            r#"<script type="application/ld+json">{"@type":"Article","headline":"Cut off","author":{"name":"Ann"#,
        );
        assert_eq!(m.title.as_deref(), Some("Cut off"));
    }
}
