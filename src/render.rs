//! Stage 6, render: the kept blocks as plain text, Markdown or safe HTML.

use crate::extraction::{BlockKind, StoryBlock};
use std::fmt::Write;

/// Blocks separated by a blank line.
pub(crate) fn plain_text(blocks: &[StoryBlock]) -> String {
    plain_text_without(blocks, None)
}

/// [`plain_text`] of the blocks but the one at `skip`, if any (the title, for the body alone),
/// written into a string sized for it at once.
pub(crate) fn plain_text_without(blocks: &[StoryBlock], skip: Option<usize>) -> String {
    let rendered = || {
        blocks
            .iter()
            .enumerate()
            .filter(move |&(i, _)| Some(i) != skip)
            .map(|(_, b)| b.text.as_str())
    };
    let len: usize = rendered().map(|t| t.len() + 2).sum();
    let mut out = String::with_capacity(len);
    for text in rendered() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(text);
    }
    out
}

/// A block's text as Markdown: characters Markdown reads as syntax escaped, links written
/// when kept and safe (the same targets as [`html`] allows: a Markdown viewer turns them into
/// links too), and a start that would open a heading, a list or a fence escaped.
fn md_inline(b: &StoryBlock) -> String {
    let mut out = String::new();
    let mut at = 0;
    for l in &b.links {
        if l.start < at
            || l.end > b.text.len()
            || !b.text.is_char_boundary(l.start)
            || !b.text.is_char_boundary(l.end)
        {
            continue;
        }
        out.push_str(&escape_md(&b.text[at..l.start]));
        let text = escape_md(&b.text[l.start..l.end]);
        match safe_href(&l.href) {
            Some(h) => {
                let target = h
                    .replace(' ', "%20")
                    .replace('(', "%28")
                    .replace(')', "%29");
                let _ = write!(out, "[{text}]({target})");
            }
            None => out.push_str(&text),
        }
        at = l.end;
    }
    out.push_str(&escape_md(&b.text[at..]));
    escape_line_start(out)
}

/// Escapes what would make a paragraph something else at the start of a line: `#` (a
/// heading), `-`, `+`, `=` and `~` (lists, underlines, fences), `1.` and `1)` (a numbered
/// list).
fn escape_line_start(text: String) -> String {
    if text.starts_with(['#', '-', '+', '=', '~']) {
        return format!("\\{text}");
    }
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && text[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    text
}

/// A code fence longer than any run of backticks in the code.
fn fence_for(code: &str) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
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
    // The number of the next item of a numbered list.
    let mut number = 1;
    for b in blocks {
        let tight = prev == Some(b.kind)
            && matches!(
                b.kind,
                BlockKind::ListItem | BlockKind::OrderedListItem | BlockKind::TableRow
            );
        if !out.is_empty() {
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        if !tight {
            number = 1;
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
            BlockKind::OrderedListItem => {
                let _ = write!(out, "{number}. {}", md_inline(b));
                number += 1;
            }
            BlockKind::Quote => {
                let _ = write!(out, "> {}", md_inline(b));
            }
            BlockKind::Code => {
                let fence = fence_for(&b.text);
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
        if l.start < at
            || l.end > b.text.len()
            || !b.text.is_char_boundary(l.start)
            || !b.text.is_char_boundary(l.end)
        {
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
    // The list being written: `ul` or `ol`.
    let mut open_list: Option<&str> = None;
    let mut open_table = false;
    for b in blocks {
        let list = match b.kind {
            BlockKind::ListItem => Some("ul"),
            BlockKind::OrderedListItem => Some("ol"),
            _ => None,
        };
        if let Some(open) = open_list.filter(|&open| Some(open) != list) {
            let _ = writeln!(out, "</{open}>");
            open_list = None;
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
            BlockKind::ListItem | BlockKind::OrderedListItem => {
                if open_list.is_none() {
                    let tag = list.unwrap_or("ul");
                    let _ = writeln!(out, "<{tag}>");
                    open_list = Some(tag);
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
    if let Some(open) = open_list {
        let _ = writeln!(out, "</{open}>");
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

    fn block(kind: BlockKind, text: &str) -> StoryBlock {
        StoryBlock {
            kind,
            text: text.into(),
            links: vec![],
        }
    }

    #[test]
    fn numbered_lists_count_and_close() {
        let blocks = vec![
            block(BlockKind::ListItem, "bullet"),
            block(BlockKind::OrderedListItem, "one"),
            block(BlockKind::OrderedListItem, "two"),
            block(BlockKind::Paragraph, "between"),
            block(BlockKind::OrderedListItem, "again"),
        ];
        assert_eq!(
            markdown(&blocks),
            "- bullet\n\n1. one\n2. two\n\nbetween\n\n1. again"
        );
        assert_eq!(
            html(&blocks),
            "<article>\n<ul>\n<li>bullet</li>\n</ul>\n<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n\
             <p>between</p>\n<ol>\n<li>again</li>\n</ol>\n</article>\n"
        );
    }

    #[test]
    fn markdown_syntax_in_text_stays_text() {
        let md = |kind, text| markdown(&[block(kind, text)]);
        assert_eq!(
            md(BlockKind::Paragraph, "# not a heading"),
            "\\# not a heading"
        );
        assert_eq!(md(BlockKind::Paragraph, "1. not a list"), "1\\. not a list");
        assert_eq!(md(BlockKind::Paragraph, "2024) a year"), "2024\\) a year");
        assert_eq!(md(BlockKind::ListItem, "- nested?"), "- \\- nested?");
        assert_eq!(md(BlockKind::Paragraph, "a *b* [c]"), "a \\*b\\* \\[c\\]");
        assert_eq!(md(BlockKind::Paragraph, "12 apples"), "12 apples");
        assert_eq!(md(BlockKind::Code, "a ``` b"), "````\na ``` b\n````");
    }

    #[test]
    fn markdown_links_are_safe() {
        let b = StoryBlock {
            kind: BlockKind::Paragraph,
            text: "see here and there".into(),
            links: vec![
                Link {
                    start: 4,
                    end: 8,
                    href: "javascript:alert(1)".into(),
                },
                Link {
                    start: 13,
                    end: 18,
                    href: "https://example.org/a (b)".into(),
                },
            ],
        };
        assert_eq!(
            markdown(&[b]),
            "see here and [there](https://example.org/a%20%28b%29)"
        );
    }
}
