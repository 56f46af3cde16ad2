//! What "safe to display" means for `Extraction::html()`, checked on the output text.

use super::decode_entities;

const ALLOWED_TAGS: &[&str] = &[
    "article",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "table",
    "tr",
    "td",
    "a",
];

/// Every tag is one the renderer writes, the only attribute is `href` on `<a>`, and no link
/// target has a scheme other than http, https or mailto (after entity decoding and dropping
/// whitespace and control characters, as browsers do).
pub fn check_safe_html(html: &str) -> Result<(), String> {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let after = &rest[lt + 1..];
        let end = after
            .find('>')
            .ok_or_else(|| format!("unclosed tag at {:?}", &after[..after.len().min(40)]))?;
        let tag = &after[..end];
        if tag.contains('<') {
            return Err(format!("'<' inside a tag: {tag:?}"));
        }
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let (name, attrs) = tag.split_once(' ').unwrap_or((tag, ""));
        if !ALLOWED_TAGS.contains(&name) {
            return Err(format!("tag {name:?} is not one the renderer writes"));
        }
        if !attrs.is_empty() {
            let href = attrs
                .strip_prefix("href=\"")
                .and_then(|v| v.strip_suffix('"'))
                .filter(|v| name == "a" && !v.contains('"'))
                .ok_or_else(|| format!("unexpected attributes on <{name}>: {attrs:?}"))?;
            let target: String = decode_entities(href)
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            let scheme = target.split_once(':').map(|(s, _)| s).unwrap_or("");
            let is_scheme = !scheme.is_empty() && !scheme.contains(['/', '?', '#']);
            if is_scheme && !matches!(scheme, "http" | "https" | "mailto") {
                return Err(format!("unsafe link target {href:?}"));
            }
        }
        rest = &after[end + 1..];
    }
    // Text is escaped: every '>' closes one of the tags checked above.
    if html.matches('>').count() != html.matches('<').count() {
        return Err("a '>' outside a tag".to_string());
    }
    Ok(())
}

/// Every Markdown link target (`](target)`, where the `]` is not escaped) is http, https,
/// mailto or relative: a Markdown viewer makes links of them too.
pub fn check_safe_markdown(md: &str) -> Result<(), String> {
    let mut from = 0;
    while let Some(p) = md[from..].find("](") {
        let at = from + p;
        from = at + 2;
        let escaped = md[..at].chars().rev().take_while(|&c| c == '\\').count() % 2 == 1;
        if escaped {
            continue;
        }
        let target = &md[at + 2..];
        let target = &target[..target.find(')').unwrap_or(target.len())];
        let lower: String = target
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase();
        let scheme = lower.split_once(':').map(|(s, _)| s).unwrap_or("");
        let is_scheme = !scheme.is_empty() && !scheme.contains(['/', '?', '#']);
        if is_scheme && !matches!(scheme, "http" | "https" | "mailto") {
            return Err(format!("unsafe Markdown link target {target:?}"));
        }
    }
    Ok(())
}
