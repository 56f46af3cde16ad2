//! The story's title: the headline as a reader sees it, without the site's name.
//!
//! Pages declare a title for browsers and sharing (`og:title`, `<title>`, JSON-LD `headline`)
//! and show one in an `<h1>`. The declared ones often carry the site ("Title | Site",
//! "Site - Title"); the `<h1>` sometimes is the logo or a slogan. So:
//!
//! 1. an `<h1>` that agrees with a declared title (equal to it, or to a run of its parts
//!    between separators) is the title, as shown;
//! 2. otherwise the first declared title, `og:title` first (sites write it for a reader), with
//!    parts that name the site removed: parts equal to `og:site_name`, the JSON-LD site or
//!    publisher, or the canonical URL's domain; failing those, short parts at either end when
//!    the rest is longer.

use super::json_ld::LdFacts;
use super::page::PageFacts;

/// A trailing or leading part of this many words or fewer, beside a longer one, is taken for
/// the site's name when no declared site name settles it ("Title | Acme Co").
const SITE_PART_MAX_WORDS: usize = 3;

/// A leading part is taken for the site only when shorter still: titles open with their
/// subject ("Sudo - ArchWiki") more often than with the site.
const LEADING_SITE_PART_MAX_WORDS: usize = 2;

/// Lower-cased letters and digits, words separated by one space: what "equal" means here.
pub(crate) fn normalise(s: &str) -> String {
    if !s.is_ascii() {
        return normalise_chars(s);
    }
    // Most titles and names: byte by byte, as the form by characters reads ASCII (a
    // character at a time, lower-cased through `to_lowercase`, cost some 40 instructions a
    // byte, on every title part and site name compared).
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(char::from(b.to_ascii_lowercase()));
        } else {
            gap = true;
        }
    }
    out
}

/// [`normalise`] of any text, a character at a time.
fn normalise_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The parts of a title between separators: `|` anywhere, and `-`, `–`, `—`, `·`, `•`, `»`,
/// `/`, `~`, `⋆`, `::` with white space on both sides (a hyphen inside a word is not one).
fn parts(title: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = title.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let spaced_before = title[..i].ends_with(char::is_whitespace);
        let sep_len = if c == '|' {
            Some(c.len_utf8())
        } else if title[i..].starts_with("::") {
            Some(2)
        } else if matches!(c, '-' | '–' | '—' | '·' | '•' | '»' | '/' | '~' | '⋆') {
            Some(c.len_utf8())
        } else {
            None
        };
        let Some(len) = sep_len else {
            continue;
        };
        let spaced_after = title[i + len..].starts_with(char::is_whitespace);
        if c == '|' || (spaced_before && spaced_after) {
            out.push(&title[start..i]);
            start = i + len;
            if len == 2 {
                chars.next();
            }
        }
    }
    out.push(&title[start..]);
    out.into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Whether `heading` is `title`, or a run of its parts.
fn agrees(heading: &str, title: &str) -> bool {
    let h = normalise(heading);
    if h.is_empty() {
        return false;
    }
    if h == normalise(title) {
        return true;
    }
    let p: Vec<String> = parts(title).into_iter().map(normalise).collect();
    (0..p.len()).any(|i| {
        let mut run = String::new();
        p[i..].iter().any(|part| {
            if !run.is_empty() {
                run.push(' ');
            }
            run.push_str(part);
            run == h
        })
    })
}

/// Whether a part of a title names the site.
fn names_site(part: &str, sites: &[String]) -> bool {
    let p = normalise(part);
    let squeezed: String = p.chars().filter(|c| *c != ' ').collect();
    sites.iter().any(|site| {
        let s = normalise(site);
        if s.is_empty() || p.is_empty() {
            return false;
        }
        let site_words = s.split(' ').count();
        p == s
            || squeezed == s.replace(' ', "")
            // "Acme Forum" for the site "Acme"; "Acme" for the site "Acme Inc".
            || (p.contains(&s) && p.split(' ').count() <= site_words + 1)
            || (s.contains(&p) && p.len() >= 4)
    })
}

/// A declared title without the parts that name the site.
fn without_site(title: &str, sites: &[String]) -> String {
    let mut kept = parts(title);
    if kept.len() < 2 {
        return title.trim().to_string();
    }
    let other: Vec<&str> = kept
        .iter()
        .copied()
        .filter(|p| !names_site(p, sites))
        .collect();
    if !other.is_empty() && other.len() < kept.len() {
        kept = other;
    } else {
        let words = |p: &str| normalise(p).split(' ').filter(|w| !w.is_empty()).count();
        // No declared site name matched: short parts at the ends, beside longer ones.
        while kept.len() > 1
            && words(kept[kept.len() - 1]) <= SITE_PART_MAX_WORDS
            && words(kept[0]) >= 2
        {
            kept.pop();
        }
        while kept.len() > 1
            && words(kept[0]) <= LEADING_SITE_PART_MAX_WORDS
            && kept[1..].iter().map(|p| words(p)).sum::<usize>() > SITE_PART_MAX_WORDS
        {
            kept.remove(0);
        }
    }
    kept.join(" - ")
}

/// The registrable name of a URL's host: `https://www.acme-news.co.uk/x` gives "acme news".
fn domain_name(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    // The label before the public suffix (one or two short labels: "com", "co.uk").
    let suffix_len = match labels.as_slice() {
        [.., second, last] if last.len() == 2 && second.len() <= 3 && labels.len() > 2 => 2,
        _ => 1,
    };
    let name = labels
        .len()
        .checked_sub(suffix_len + 1)
        .map(|i| labels[i])?;
    (name != "www").then(|| name.replace('-', " "))
}

/// The name in the page's canonical URL (or `og:url`), if any.
pub(crate) fn domain_name_of(page: &PageFacts) -> Option<String> {
    [page.canonical_url.as_deref(), page.og_url.as_deref()]
        .into_iter()
        .flatten()
        .find_map(domain_name)
}

/// Trailing marks that are decoration, not title: "Title ¶", "Title ⋆", "Title |".
fn trim_decoration(s: &str) -> String {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '¶' | '#' | '⋆' | '|' | '»' | '·' | '•')
    })
    .to_string()
}

/// The story's title from what the page declares and shows.
pub(crate) fn choose(ld: &LdFacts, page: &PageFacts) -> Option<String> {
    let declared: Vec<&str> = [
        page.og_title.as_deref(),
        ld.headline.as_deref(),
        page.twitter_title.as_deref(),
        page.title_tag.as_deref(),
        page.microdata_headline.as_deref(),
        ld.page_name.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|t| !t.trim().is_empty())
    .collect();
    let mut sites: Vec<String> = [page.site_name.as_deref(), ld.site_name.as_deref()]
        .into_iter()
        .flatten()
        .map(str::to_string)
        .collect();
    sites.extend(domain_name_of(page));
    let is_site = |h: &str| names_site(h, &sites);
    let words = |h: &str| normalise(h).split(' ').count();
    // Of the agreeing headings the fullest: a logo's h1 can agree with the title's site part.
    let shown = page
        .headings
        .iter()
        .filter(|h| !is_site(h) && declared.iter().any(|t| agrees(h, t)))
        .fold(None::<&String>, |best, h| match best {
            Some(b) if words(b) >= words(h) => Some(b),
            _ => Some(h),
        });
    if let Some(h) = shown {
        return Some(trim_decoration(h)).filter(|t| !t.is_empty());
    }
    let title = match declared.first() {
        Some(t) => without_site(t, &sites),
        None => page.headings.iter().find(|h| !is_site(h))?.clone(),
    };
    Some(trim_decoration(&title)).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_normalised_as_by_characters() {
        let pieces = [
            "a", "B", "9", " ", "-", "_", "|", "Zz", "\t", "é", "..", "A1",
        ];
        for text in crate::test_support::strings_of(&pieces, 4) {
            assert_eq!(normalise(&text), normalise_chars(&text), "{text:?}");
        }
    }

    fn page(title: Option<&str>, og: Option<&str>, site: Option<&str>, h1: &[&str]) -> PageFacts {
        PageFacts {
            title_tag: title.map(str::to_string),
            og_title: og.map(str::to_string),
            site_name: site.map(str::to_string),
            headings: h1.iter().map(|s| s.to_string()).collect(),
            ..PageFacts::default()
        }
    }

    fn choose_page(p: &PageFacts) -> Option<String> {
        choose(&LdFacts::default(), p)
    }

    #[test]
    fn splits_on_spaced_separators() {
        assert_eq!(parts("A-B | C - D :: E"), vec!["A-B", "C", "D", "E"]);
        assert_eq!(parts("Site|Title"), vec!["Site", "Title"]);
        assert_eq!(parts("No separator"), vec!["No separator"]);
        assert_eq!(parts(" | "), Vec::<&str>::new());
    }

    #[test]
    fn an_agreeing_h1_wins() {
        let p = page(
            Some("The Big Story | Acme"),
            None,
            None,
            &["Acme", "The big story"],
        );
        assert_eq!(choose_page(&p).as_deref(), Some("The big story"));
        // A heading that is only part of a part does not agree.
        let p = page(
            Some("Index Funds: How to Invest | Acme"),
            None,
            None,
            &["Index funds"],
        );
        assert_eq!(
            choose_page(&p).as_deref(),
            Some("Index Funds: How to Invest")
        );
    }

    #[test]
    fn the_site_name_goes() {
        let p = page(
            Some("Acme Times - Harbour Tunnel Opens Early"),
            None,
            Some("Acme Times"),
            &[],
        );
        assert_eq!(
            choose_page(&p).as_deref(),
            Some("Harbour Tunnel Opens Early")
        );
        let p = page(
            Some("Harbour Tunnel Opens Early | Acme"),
            None,
            None,
            &["Welcome"],
        );
        assert_eq!(
            choose_page(&p).as_deref(),
            Some("Harbour Tunnel Opens Early")
        );
        let mut p = page(
            Some("Acme News Network - Harbour Tunnel Opens Early"),
            None,
            None,
            &[],
        );
        assert_eq!(
            choose_page(&p).as_deref(),
            Some("Acme News Network - Harbour Tunnel Opens Early")
        );
        p.canonical_url = Some("https://www.acmenewsnetwork.co.uk/news/1".into());
        assert_eq!(
            choose_page(&p).as_deref(),
            Some("Harbour Tunnel Opens Early")
        );
        // og:title first; a title that is all site stays whole.
        let p = page(Some("x | y"), Some("Open Graph Title ⋆"), Some("Acme"), &[]);
        assert_eq!(choose_page(&p).as_deref(), Some("Open Graph Title"));
        let p = page(Some("Acme"), None, Some("Acme"), &[]);
        assert_eq!(choose_page(&p).as_deref(), Some("Acme"));
    }

    #[test]
    fn falls_back_on_h1_then_nothing() {
        assert_eq!(
            choose_page(&page(None, None, None, &["Only Heading"])).as_deref(),
            Some("Only Heading")
        );
        assert_eq!(choose_page(&page(None, None, None, &[])), None);
    }

    #[test]
    fn domain_names() {
        assert_eq!(
            domain_name("https://www.acme-news.co.uk/x").as_deref(),
            Some("acme news")
        );
        assert_eq!(
            domain_name("http://blog.example.com:8080/").as_deref(),
            Some("example")
        );
        assert_eq!(
            domain_name("https://example.org").as_deref(),
            Some("example")
        );
        assert_eq!(domain_name("/relative"), None);
        assert_eq!(domain_name("https://localhost/"), None);
    }
}
