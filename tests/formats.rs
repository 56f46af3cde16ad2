//! What users expect of the output formats and the settings (issue 3): the story's headings,
//! lists, quotes, code and tables in order in text, Markdown, safe HTML and JSON; comments left
//! out unless asked for; tables, links and a minimum length as set. The page is made up.

mod common;

use common::safety::{check_safe_html, check_safe_markdown};
use corestory::{BlockKind, Extraction, Extractor};

const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Rail Timetable Changes | Metro Daily</title>
<style>p { color: red }</style><script>window.tracker = 1;</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Rail Timetable Changes</h1>
<p>The regional rail operator announced on Tuesday that its spring timetable will add forty extra trains a day on the coastal line, starting in April.</p>
<p onclick="steal()">Passenger groups welcomed the change but said <a href="https://example.org/report">the report</a> left out weekend services entirely.</p>
<h2>What changes</h2>
<ul><li>Twenty more trains each way between the harbour and the airport.</li><li>Later last departures on Fridays and Saturdays.</li></ul>
<ol><li>First step: consultation ends in March.</li><li>Second step: new timetable in April.</li></ol>
<blockquote><p>We have listened to commuters for two years and this is the result, said the director.</p></blockquote>
<pre><code>timetable --line coastal --from april
# 160 trains</code></pre>
<table><tr><th>Line</th><th>Trains now</th><th>Trains in April</th></tr><tr><td>Coastal</td><td>120</td><td>160</td></tr><tr><td>Valley</td><td>80</td><td>80</td></tr></table>
<p>The operator said fares would not change this year, although a review is planned for the autumn.</p>
<p><a href="javascript:alert(1)">Read the full statement</a> from the operator, published on its own website today.</p>
</article>
<section id="comments" class="comments"><h3>2 Comments</h3>
<div class="comment"><p>Finally some good news for people who commute every single day on the coastal line.</p></div>
<div class="comment"><p>What about the weekend trains? They are always full and nobody seems to care about that.</p></div>
</section>
<footer>© Metro Daily</footer></body></html>"#;

fn extract(build: impl Fn(&mut corestory::ExtractorBuilder)) -> Extraction {
    let mut builder = Extractor::builder();
    build(&mut builder);
    builder.build().unwrap().extract_html(PAGE).unwrap()
}

/// The positions of `needles` in `haystack`, which must all be there, in this order.
fn assert_in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for n in needles {
        let at = haystack[from..]
            .find(n)
            .unwrap_or_else(|| panic!("{n:?} missing or out of order in:\n{haystack}"));
        from += at + n.len();
    }
}

#[test]
fn blocks_keep_their_kinds_in_order() {
    let ex = extract(|_| {});
    let kinds: Vec<BlockKind> = ex.blocks().iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        vec![
            BlockKind::Heading(1),
            BlockKind::Paragraph,
            BlockKind::Paragraph,
            BlockKind::Heading(2),
            BlockKind::ListItem,
            BlockKind::ListItem,
            BlockKind::OrderedListItem,
            BlockKind::OrderedListItem,
            BlockKind::Quote,
            BlockKind::Code,
            BlockKind::TableRow,
            BlockKind::TableRow,
            BlockKind::TableRow,
            BlockKind::Paragraph,
            BlockKind::Paragraph,
        ]
    );
    assert_eq!(ex.blocks()[10].text, "Line\tTrains now\tTrains in April");
    assert!(ex
        .text()
        .starts_with("Rail Timetable Changes\n\nThe regional rail operator"));
    assert!(!ex.body_text().contains("Rail Timetable Changes"));
}

#[test]
fn markdown_has_the_structure() {
    let md = extract(|_| {}).markdown();
    assert_in_order(
        &md,
        &[
            "# Rail Timetable Changes\n\n",
            "## What changes\n\n",
            "- Twenty more trains",
            "\n- Later last departures",
            "\n\n1. First step",
            "\n2. Second step",
            "\n\n> We have listened",
            "\n\n```\ntimetable --line coastal --from april\n# 160 trains\n```",
            "\n\n| Line | Trains now | Trains in April |\n|---|---|---|\n| Coastal | 120 | 160 |",
            "The operator said fares",
        ],
    );
    // Links only when asked for; unsafe targets never.
    assert!(!md.contains("](") && !md.contains("javascript"));
    let md = extract(|b| {
        b.include_links(true);
    })
    .markdown();
    assert!(md.contains("[the report](https://example.org/report)"));
    assert!(md.contains("Read the full statement from the operator"));
    assert!(!md.contains("javascript"));
    check_safe_markdown(&md).unwrap();
}

#[test]
fn html_is_safe_and_structured() {
    for links in [false, true] {
        let html = extract(|b| {
            b.include_links(links);
        })
        .html();
        check_safe_html(&html).unwrap();
        for bad in [
            "<script",
            "<style",
            "onclick",
            "javascript:",
            "tracker",
            "color: red",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert_in_order(
            &html,
            &[
                "<h1>Rail Timetable Changes</h1>",
                "<h2>What changes</h2>",
                "<ul>\n<li>Twenty more trains",
                "</ul>\n<ol>\n<li>First step",
                "</ol>\n<blockquote><p>We have listened",
                "<pre><code>timetable --line coastal",
                "<table>\n<tr><td>Line</td>",
                "</table>\n<p>The operator said",
            ],
        );
        assert_eq!(
            html.contains("<a href=\"https://example.org/report\">"),
            links
        );
    }
}

#[test]
fn json_carries_blocks_metadata_and_removals() {
    let ex = extract(|_| {});
    let json = serde_json::to_value(&ex).unwrap();
    assert_eq!(json["blocks"][6]["kind"], "ordered_list_item");
    assert_eq!(json["blocks"][0]["kind"]["heading"], 1);
    assert_eq!(json["metadata"]["title"], "Rail Timetable Changes");
    assert_eq!(json["metadata"]["language"], "en");
    let removed = json["removals"].as_array().unwrap();
    assert!(removed.iter().any(|r| r["text"] == "Home News"));
    assert!(removed
        .iter()
        .all(|r| r["rule"].is_string() && r["category"].is_string()));
}

#[test]
fn comments_are_left_out_unless_asked_for() {
    let first_comment = "Finally some good news";
    let ex = extract(|_| {});
    assert!(!ex.text().contains(first_comment));
    assert!(ex.removals().iter().any(|r| r.text.contains(first_comment)));
    let ex = extract(|b| {
        b.include_comments(true);
    });
    assert_in_order(
        &ex.text(),
        &[
            "The operator said fares",
            first_comment,
            "What about the weekend trains?",
        ],
    );
    // Page furniture is still furniture.
    assert!(!ex.text().contains("Home News") && !ex.text().contains("© Metro Daily"));
}

#[test]
fn tables_can_be_left_out() {
    let ex = extract(|b| {
        b.include_tables(false);
    });
    assert!(ex.blocks().iter().all(|b| b.kind != BlockKind::TableRow));
    assert!(!ex.text().contains("Coastal"));
    let rows: Vec<_> = ex
        .removals()
        .iter()
        .filter(|r| r.rule == "table-excluded")
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(ex.text().contains("The operator said fares"));
}

#[test]
fn links_are_kept_only_when_asked_for() {
    assert!(extract(|_| {}).blocks().iter().all(|b| b.links.is_empty()));
    let ex = extract(|b| {
        b.include_links(true);
    });
    let linked = ex.blocks().iter().find(|b| !b.links.is_empty()).unwrap();
    let link = &linked.links[0];
    assert_eq!(&linked.text[link.start..link.end], "the report");
    assert_eq!(link.href, "https://example.org/report");
}

#[test]
fn a_minimum_story_length() {
    let ex = extract(|b| {
        b.min_story_words(50);
    });
    assert!(!ex.is_empty());
    let ex = extract(|b| {
        b.min_story_words(5_000);
    });
    assert!(ex.is_empty());
    assert_eq!(ex.removals().len(), ex.total_blocks());
    assert!(ex.removals().iter().any(|r| r.rule == "story-too-short"));
}
