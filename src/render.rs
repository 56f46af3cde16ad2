//! Stage 6, render: the kept blocks as plain text, Markdown or safe HTML.

use crate::extraction::{BlockKind, StoryBlock};
use std::fmt::Write;

/// Blocks separated by a blank line.
pub(crate) fn plain_text(blocks: &[StoryBlock]) -> String {
    let mut out = String::new();
    for b in blocks {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&b.text);
    }
    out
}

fn md_inline(b: &StoryBlock) -> String {
    if b.links.is_empty() {
        return escape_md(&b.text);
    }
    let mut out = String::new();
    let mut at = 0;
    for l in &b.links {
        if l.start < at || l.end > b.text.len() {
            continue;
        }
        out.push_str(&escape_md(&b.text[at..l.start]));
        let _ = write!(
            out,
            "[{}]({})",
            escape_md(&b.text[l.start..l.end]),
            l.href.replace(' ', "%20").replace(')', "%29")
        );
        at = l.end;
    }
    out.push_str(&escape_md(&b.text[at..]));
    out
}

fn escape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub(crate) fn markdown(blocks: &[StoryBlock]) -> String {
    let mut out = String::new();
    let mut prev: Option<BlockKind> = None;
    for b in blocks {
        let tight = matches!(
            (prev, b.kind),
            (Some(BlockKind::ListItem), BlockKind::ListItem)
                | (Some(BlockKind::TableRow), BlockKind::TableRow)
        );
        if !out.is_empty() {
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        match b.kind {
            BlockKind::Heading(level) => {
                let _ = write!(
                    out,
                    "{} {}",
                    "#".repeat(level.clamp(1, 6) as usize),
                    md_inline(b)
                );
            }
            BlockKind::ListItem => {
                let _ = write!(out, "- {}", md_inline(b));
            }
            BlockKind::Quote => {
                let _ = write!(out, "> {}", md_inline(b));
            }
            BlockKind::Code => {
                let fence = if b.text.contains("```") { "~~~" } else { "```" };
                let _ = write!(out, "{fence}\n{}\n{fence}", b.text);
            }
            BlockKind::TableRow => {
                let cells: Vec<String> = b
                    .text
                    .split('\t')
                    .map(|c| escape_md(c).replace('|', "\\|"))
                    .collect();
                let _ = write!(out, "| {} |", cells.join(" | "));
                if prev != Some(BlockKind::TableRow) {
                    let _ = write!(out, "\n|{}", "---|".repeat(cells.len()));
                }
            }
            BlockKind::Paragraph => out.push_str(&md_inline(b)),
        }
        prev = Some(b.kind);
    }
    out
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Only these link targets survive into HTML output: no `javascript:`, `data:`, `vbscript:`.
pub(crate) fn safe_href(href: &str) -> Option<&str> {
    let h = href.trim();
    let lower: String = h
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_end = lower.find(':');
    let safe = match scheme_end {
        None => true,
        Some(p) => {
            let scheme = &lower[..p];
            // A colon after a path or query character is not a scheme.
            scheme.contains(['/', '?', '#']) || matches!(scheme, "http" | "https" | "mailto")
        }
    };
    (safe && !h.is_empty()).then_some(h)
}

fn html_inline(b: &StoryBlock) -> String {
    let mut out = String::new();
    let mut at = 0;
    for l in &b.links {
        if l.start < at || l.end > b.text.len() {
            continue;
        }
        out.push_str(&escape_html(&b.text[at..l.start]));
        let text = escape_html(&b.text[l.start..l.end]);
        match safe_href(&l.href) {
            Some(h) => {
                let _ = write!(out, "<a href=\"{}\">{text}</a>", escape_html(h));
            }
            None => out.push_str(&text),
        }
        at = l.end;
    }
    out.push_str(&escape_html(&b.text[at..]));
    out
}

/// Rebuilt from the kept blocks: every character of text is escaped and only safe links are
/// written, so the output cannot carry script, style, handlers or dangerous URLs.
pub(crate) fn html(blocks: &[StoryBlock]) -> String {
    let mut out = String::from("<article>\n");
    let mut open_list = false;
    let mut open_table = false;
    for b in blocks {
        if open_list && b.kind != BlockKind::ListItem {
            out.push_str("</ul>\n");
            open_list = false;
        }
        if open_table && b.kind != BlockKind::TableRow {
            out.push_str("</table>\n");
            open_table = false;
        }
        match b.kind {
            BlockKind::Heading(level) => {
                let l = level.clamp(1, 6);
                let _ = writeln!(out, "<h{l}>{}</h{l}>", html_inline(b));
            }
            BlockKind::ListItem => {
                if !open_list {
                    out.push_str("<ul>\n");
                    open_list = true;
                }
                let _ = writeln!(out, "<li>{}</li>", html_inline(b));
            }
            BlockKind::Quote => {
                let _ = writeln!(out, "<blockquote><p>{}</p></blockquote>", html_inline(b));
            }
            BlockKind::Code => {
                let _ = writeln!(out, "<pre><code>{}</code></pre>", escape_html(&b.text));
            }
            BlockKind::TableRow => {
                if !open_table {
                    out.push_str("<table>\n");
                    open_table = true;
                }
                out.push_str("<tr>");
                for c in b.text.split('\t') {
                    let _ = write!(out, "<td>{}</td>", escape_html(c));
                }
                out.push_str("</tr>\n");
            }
            BlockKind::Paragraph => {
                let _ = writeln!(out, "<p>{}</p>", html_inline(b));
            }
        }
    }
    if open_list {
        out.push_str("</ul>\n");
    }
    if open_table {
        out.push_str("</table>\n");
    }
    out.push_str("</article>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extraction::Link;

    #[test]
    fn unsafe_links_are_dropped() {
        assert!(safe_href("javascript:alert(1)").is_none());
        assert!(safe_href(" JaVa\tScRipt:alert(1)").is_none());
        assert!(safe_href("data:text/html,x").is_none());
        assert_eq!(
            safe_href("https://example.org/a"),
            Some("https://example.org/a")
        );
        assert_eq!(safe_href("/path?q=a:b"), Some("/path?q=a:b"));
        let b = StoryBlock {
            kind: BlockKind::Paragraph,
            text: "click <me>".to_string(),
            links: vec![Link {
                start: 0,
                end: 5,
                href: "javascript:x".to_string(),
            }],
        };
        let h = html(&[b]);
        assert!(!h.contains("javascript"));
        assert!(h.contains("&lt;me&gt;"));
    }

    #[test]
    fn markdown_shapes() {
        let blocks = vec![
            StoryBlock {
                kind: BlockKind::Heading(2),
                text: "Head".into(),
                links: vec![],
            },
            StoryBlock {
                kind: BlockKind::ListItem,
                text: "a".into(),
                links: vec![],
            },
            StoryBlock {
                kind: BlockKind::ListItem,
                text: "b".into(),
                links: vec![],
            },
            StoryBlock {
                kind: BlockKind::TableRow,
                text: "x\ty".into(),
                links: vec![],
            },
        ];
        assert_eq!(
            markdown(&blocks),
            "## Head\n\n- a\n- b\n\n| x | y |\n|---|---|"
        );
    }
}
