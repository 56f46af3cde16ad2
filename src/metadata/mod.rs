//! Document metadata from the page: `<title>`, `<meta>` (name, property, itemprop), Open Graph,
//! JSON-LD, `<time>`, `<link rel=canonical>` and `<html lang>`. Earlier sources win where they
//! are more specific: JSON-LD and Open Graph over plain `<meta>`, over `<title>`.

mod date;

pub(crate) use date::{calendar_day, writes_month_first};

use crate::dom::{Dom, NodeData, Tag};
use crate::extraction::Metadata;

// JSON-LD is read with small hand-written scanners rather than regexes: the patterns below
// (kept in the tests, which check the scanners against them) bound string lengths with
// `{1,2000}`, which costs tens of milliseconds of regex compilation per process.
//
// LD_FIELD:     "(headline|name|datePublished|dateCreated|description|inLanguage)"\s*:\s*"(STR{1,2000})"
// LD_AUTHOR:    "author"\s*:\s*(?:\[\s*)?(?:\{[^{}]*?"name"\s*:\s*"(STR{1,200})"|"(STR{1,200})")
// LD_PUBLISHER: "publisher"\s*:\s*\{[^{}]*?"name"\s*:\s*"(STR{1,200})"
//
// where STR is one JSON string unit, `[^"\\]|\\.`; captures_iter/captures semantics: the
// leftmost match, then the next one after it.

const LD_FIELD_KEYS: &[&str] = &[
    "headline",
    "name",
    "datePublished",
    "dateCreated",
    "description",
    "inLanguage",
];

/// `text[at..]` after `\s*` (Unicode white space, as the regex `\s`).
fn skip_ws(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start_matches(char::is_whitespace).len()
}

/// `"KEY"\s*:\s*` at `at`: the position after it.
fn key_at(text: &str, at: usize, key: &str) -> Option<usize> {
    let rest = text[at..]
        .strip_prefix('"')?
        .strip_prefix(key)?
        .strip_prefix('"')?;
    let colon = skip_ws(text, text.len() - rest.len());
    let after = text[colon..].strip_prefix(':')?;
    Some(skip_ws(text, text.len() - after.len()))
}

/// A JSON string of 1 to `max` units at `at` (`"` STR{1,max} `"`): the byte range of its
/// contents and the position after the closing quote.
fn string_at(text: &str, at: usize, max: usize) -> Option<(usize, usize, usize)> {
    let start = at + 1;
    let mut chars = text[at..].strip_prefix('"')?.char_indices();
    let mut units = 0;
    while let Some((i, c)) = chars.next() {
        match c {
            '"' if units > 0 => return Some((start, start + i, start + i + 1)),
            '"' => return None,
            '\\' => match chars.next() {
                Some((_, n)) if n != '\n' => {}
                _ => return None,
            },
            _ => {}
        }
        units += 1;
        if units > max {
            return None;
        }
    }
    None
}

/// `\{[^{}]*?"name"\s*:\s*"(STR{1,200})"` at `at`: the name's contents.
fn object_name_at(text: &str, at: usize) -> Option<(usize, usize)> {
    let body = text[at..].strip_prefix('{')?;
    let mut p = text.len() - body.len();
    loop {
        if let Some(v) = key_at(text, p, "name").and_then(|q| string_at(text, q, 200)) {
            return Some((v.0, v.1));
        }
        let c = text[p..].chars().next()?;
        if c == '{' || c == '}' {
            return None;
        }
        p += c.len_utf8();
    }
}

/// Every `"key": "value"` of the fields above, in order, as `captures_iter` would find them.
fn ld_fields(ld: &str) -> impl Iterator<Item = (&str, &str)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        while let Some(off) = ld[pos..].find('"') {
            let at = pos + off;
            let found = LD_FIELD_KEYS.iter().find_map(|key| {
                let q = key_at(ld, at, key)?;
                string_at(ld, q, 2000).map(|v| (*key, v))
            });
            if let Some((key, (s, e, end))) = found {
                pos = end;
                return Some((key, &ld[s..e]));
            }
            pos = at + 1;
        }
        None
    })
}

/// The first match of the author pattern: the object's `name`, or the plain string.
fn ld_author(ld: &str) -> Option<&str> {
    let mut pos = 0;
    while let Some(off) = ld[pos..].find('"') {
        let at = pos + off;
        if let Some(mut q) = key_at(ld, at, "author") {
            if let Some(rest) = ld[q..].strip_prefix('[') {
                q = skip_ws(ld, ld.len() - rest.len());
            }
            let value = object_name_at(ld, q).or_else(|| string_at(ld, q, 200).map(|v| (v.0, v.1)));
            if let Some((s, e)) = value {
                return Some(&ld[s..e]);
            }
        }
        pos = at + 1;
    }
    None
}

/// The first match of the publisher pattern: the object's `name`.
fn ld_publisher(ld: &str) -> Option<&str> {
    let mut pos = 0;
    while let Some(off) = ld[pos..].find('"') {
        let at = pos + off;
        if let Some((s, e)) = key_at(ld, at, "publisher").and_then(|q| object_name_at(ld, q)) {
            return Some(&ld[s..e]);
        }
        pos = at + 1;
    }
    None
}

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
        for (key, raw) in ld_fields(ld) {
            let value = clean(&unescape_json(raw));
            match key {
                "headline" => set(&mut m.title, value),
                "datePublished" | "dateCreated" if is_article => set(&mut m.published, value),
                "description" if is_article => set(&mut m.description, value),
                "inLanguage" => set(&mut m.language, value),
                _ => {}
            }
        }
        if is_article {
            if let Some(raw) = ld_author(ld) {
                set(&mut m.author, clean(&unescape_json(raw)));
            }
            if let Some(raw) = ld_publisher(ld) {
                set(&mut m.site_name, clean(&unescape_json(raw)));
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
    use regex::Regex;

    /// The patterns the scanners implement.
    fn reference() -> (Regex, Regex, Regex) {
        (
            Regex::new(r#""(headline|name|datePublished|dateCreated|description|inLanguage)"\s*:\s*"((?:[^"\\]|\\.){1,2000})""#).unwrap(),
            Regex::new(r#""author"\s*:\s*(?:\[\s*)?(?:\{[^{}]*?"name"\s*:\s*"((?:[^"\\]|\\.){1,200})"|"((?:[^"\\]|\\.){1,200})")"#).unwrap(),
            Regex::new(r#""publisher"\s*:\s*\{[^{}]*?"name"\s*:\s*"((?:[^"\\]|\\.){1,200})""#).unwrap(),
        )
    }

    fn check_against_reference(ld: &str, re: &(Regex, Regex, Regex)) {
        let want: Vec<(&str, &str)> =
            re.0.captures_iter(ld)
                .map(|c| (c.get(1).unwrap().as_str(), c.get(2).unwrap().as_str()))
                .collect();
        assert_eq!(ld_fields(ld).collect::<Vec<_>>(), want, "fields of {ld:?}");
        let want =
            re.1.captures(ld)
                .map(|c| c.get(1).or_else(|| c.get(2)).unwrap().as_str());
        assert_eq!(ld_author(ld), want, "author of {ld:?}");
        let want = re.2.captures(ld).map(|c| c.get(1).unwrap().as_str());
        assert_eq!(ld_publisher(ld), want, "publisher of {ld:?}");
    }

    #[test]
    fn json_ld_scanners_match_the_patterns() {
        let re = reference();
        let long = "x".repeat(2001);
        let cases = [
            r#"{"headline": "A", "name":"B\"q", "author": [ {"@type":"Person", "name" : "Jo"}]}"#,
            r#"{"author":"Plain Name","publisher":{"@type":"Organization","name":"Pub"}}"#,
            r#"{"author":{"@type":"Person","x":{"name":"Inner"}},"author":"Second"}"#,
            r#"{"author":{"name":""},"author":"B"}"#,
            r#"{"name":"", "name":"ok", "headline" :	"tab"}"#,
            "{\"name\":\"a\\\nb\", \"name\":\"c\nd\"}",
            r#""name""name":"x""#,
            r#"{"publisher":{"logo":{"url":"u"},"name":"P"}}"#,
            r#"{"author":[ "S" ],"headline":"é ü 日本"}"#,
            "",
            r#"""""""#,
            r#"{"author": {"name": "unterminated"#,
        ];
        for case in cases {
            check_against_reference(case, &re);
        }
        let too_long = format!(r#"{{"name":"{long}","headline":"H"}}"#);
        check_against_reference(&too_long, &re);
        // Random documents over the tokens that matter.
        let tokens = [
            "\"",
            "\\",
            "{",
            "}",
            "[",
            " ",
            "\n",
            ":",
            ",",
            "name",
            "author",
            "publisher",
            "headline",
            "x",
            "é",
            "\"name\"",
            "\"author\"",
            "\"publisher\"",
            "\"headline\"",
        ];
        let mut seed: u64 = 0x2545F4914F6CDD1D;
        for _ in 0..3000 {
            let mut doc = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                doc.push_str(tokens[(seed % tokens.len() as u64) as usize]);
            }
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            check_against_reference(&doc, &re);
        }
    }
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
