//! Document metadata from the page: `<title>`, `<meta>` (name, property, itemprop), Open Graph,
//! JSON-LD, `<time>`, `<link rel=canonical>` and `<html lang>`. Earlier sources win where they
//! are more specific: JSON-LD and Open Graph over plain `<meta>`, over `<title>`.

use crate::dom::{Dom, NodeData, Tag};
use crate::extraction::Metadata;
use once_cell::sync::Lazy;
use regex::Regex;

static LD_FIELD: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r#""(headline|name|datePublished|dateCreated|description|inLanguage)"\s*:\s*"((?:[^"\\]|\\.){1,2000})""#)
        .expect("json-ld field pattern")
});
static LD_AUTHOR: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r#""author"\s*:\s*(?:\[\s*)?(?:\{[^{}]*?"name"\s*:\s*"((?:[^"\\]|\\.){1,200})"|"((?:[^"\\]|\\.){1,200})")"#)
        .expect("json-ld author pattern")
});
static LD_PUBLISHER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r#""publisher"\s*:\s*\{[^{}]*?"name"\s*:\s*"((?:[^"\\]|\\.){1,200})""#)
        .expect("json-ld publisher pattern")
});

fn unescape_json(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') | Some('r') | Some('t') => out.push(' '),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    out.push(ch);
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

fn clean(s: &str) -> Option<String> {
    let t = crate::parse::text::collapse_ws(s);
    (!t.is_empty()).then_some(t)
}

fn set(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value;
    }
}

pub(crate) fn from_dom(dom: &Dom) -> Metadata {
    let mut m = Metadata::default();
    // JSON-LD first: it is the most structured.
    for ld in &dom.json_ld {
        let is_article =
            ld.contains("Article") || ld.contains("BlogPosting") || ld.contains("Report");
        for caps in LD_FIELD.captures_iter(ld) {
            let value = clean(&unescape_json(&caps[2]));
            match &caps[1] {
                "headline" => set(&mut m.title, value),
                "datePublished" | "dateCreated" if is_article => set(&mut m.published, value),
                "description" if is_article => set(&mut m.description, value),
                "inLanguage" => set(&mut m.language, value),
                _ => {}
            }
        }
        if is_article {
            if let Some(c) = LD_AUTHOR.captures(ld) {
                let v = c
                    .get(1)
                    .or_else(|| c.get(2))
                    .map(|x| unescape_json(x.as_str()));
                set(&mut m.author, v.as_deref().and_then(clean));
            }
            if let Some(c) = LD_PUBLISHER.captures(ld) {
                set(&mut m.site_name, clean(&unescape_json(&c[1])));
            }
        }
    }
    let mut title_tag = None;
    let mut time = None;
    let mut meta_title = None;
    for (i, node) in dom.nodes.iter().enumerate() {
        let NodeData::Element(e) = &node.data else {
            continue;
        };
        match e.tag {
            Tag::Html => set(&mut m.language, e.attr("lang").and_then(clean)),
            Tag::Title if title_tag.is_none() => title_tag = clean(&dom.subtree_text(i as u32)),
            Tag::Link => {
                let canonical = e
                    .attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical"));
                if canonical {
                    set(&mut m.canonical_url, e.attr("href").and_then(clean));
                }
            }
            Tag::Time if time.is_none() => {
                time = e
                    .attr("datetime")
                    .and_then(clean)
                    .or_else(|| clean(&dom.subtree_text(i as u32)));
            }
            Tag::Meta => {
                let key = e
                    .attr("property")
                    .or_else(|| e.attr("name"))
                    .or_else(|| e.attr("itemprop"))
                    .map(|k| k.to_ascii_lowercase());
                let Some(key) = key else { continue };
                let value = e.attr("content").and_then(clean);
                match key.as_str() {
                    "og:title" | "twitter:title" => set(&mut meta_title, value),
                    "og:site_name" | "application-name" => set(&mut m.site_name, value),
                    "author" | "article:author" | "byl" | "dc.creator" | "sailthru.author"
                    // Open Graph authors are often profile URLs: keep names only.
                    | "parsely-author"
                        if value.as_deref().is_some_and(|v| !v.starts_with("http")) =>
                    {
                        set(&mut m.author, value)
                    }
                    "article:published_time"
                    | "datepublished"
                    | "date"
                    | "pubdate"
                    | "publishdate"
                    | "dc.date"
                    | "dc.date.issued"
                    | "parsely-pub-date"
                    | "sailthru.date"
                    | "og:published_time" => set(&mut m.published, value),
                    "og:description" | "description" | "twitter:description" => {
                        set(&mut m.description, value)
                    }
                    "og:url" => set(&mut m.canonical_url, value),
                    "og:locale" | "language" | "content-language" => set(&mut m.language, value),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    set(&mut m.title, meta_title);
    set(&mut m.title, title_tag);
    set(&mut m.published, time);
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Limits;

    #[test]
    fn reads_meta_og_and_json_ld() {
        let html = r#"<html lang="de"><head><title>Site | Page</title>
            <meta property="og:title" content="OG Title">
            <meta property="og:site_name" content="The Site">
            <meta name="author" content="Jane Doe">
            <link rel="canonical" href="https://example.org/a">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"LD \u0054itle","datePublished":"2024-03-01T10:00:00Z","author":{"@type":"Person","name":"Max Muster"}}</script>
            </head><body><time datetime="2020-01-01">x</time></body></html>"#;
        let dom = crate::parse::html::parse(html, &Limits::default()).unwrap();
        let m = from_dom(&dom);
        assert_eq!(m.title.as_deref(), Some("LD Title"));
        assert_eq!(m.published.as_deref(), Some("2024-03-01T10:00:00Z"));
        assert_eq!(m.author.as_deref(), Some("Max Muster"));
        assert_eq!(m.site_name.as_deref(), Some("The Site"));
        assert_eq!(m.language.as_deref(), Some("de"));
        assert_eq!(m.canonical_url.as_deref(), Some("https://example.org/a"));
    }
}
