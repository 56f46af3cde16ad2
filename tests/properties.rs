//! Property tests over random and mutated HTML and text: no panic, every block accounted for
//! (the accounting check of tests/accounting.rs), and `html()` and `markdown()` safe to display.

mod common;

use common::accounting::{check_blocks, check_text};
use common::safety::{check_safe_html, check_safe_markdown};
use corestory::{Extraction, Extractor};
use proptest::prelude::*;

/// Few cases per property, so the suite stays quick; `PROPTEST_CASES` raises them.
fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(48)
    }
}

fn extractor() -> Extractor {
    Extractor::builder().include_links(true).build().unwrap()
}

fn assert_sound(label: &str, ex: &Extraction) -> Result<(), TestCaseError> {
    let mut problems = Vec::new();
    check_blocks(label, ex, &mut problems);
    if let Err(e) = check_safe_html(&ex.html()) {
        problems.push(format!("unsafe html(): {e}"));
    }
    if let Err(e) = check_safe_markdown(&ex.markdown()) {
        problems.push(format!("unsafe markdown(): {e}"));
    }
    prop_assert!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(())
}

/// Pieces of markup: structure, furniture, spam, hostile links, broken syntax.
fn html_piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<article>",
        "</article>",
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>",
        "<footer>Copyright 2025 Example Media</footer>",
        "<ul><li>",
        "</li></ul>",
        "<li>",
        "<table><tr><td>",
        "</td><td>",
        "</td></tr></table>",
        "<tr>",
        "<h1>",
        "</h1>",
        "<h2>Related Articles</h2>",
        "<b>",
        "</b>",
        "<i>",
        "<font size=2>",
        "<a href=\"https://example.org/a\">",
        "<a href=\"javascript:alert(1)\">",
        "<a href=\"jav&#x09;ascript:alert(2)\">",
        "<a href=\" DATA:text/html,x\">",
        "<a href=\"vbscript:x\">",
        "</a>",
        "<img src=x onerror=alert(3)>",
        "<script>alert(4)</script>",
        "<style>p{}</style>",
        "<svg><circle/><p>",
        "<template><p>t</p></template>",
        "<select><option>o",
        "<iframe src=x>",
        "<pre>",
        "</pre>",
        "<br>",
        "<hr/>",
        "<!-- comment -->",
        "<!--excerpt_end-->",
        "<!--",
        "-->",
        "<div style='display:none'>hidden</div>",
        "<div class='share-bar'>Share Tweet Email</div>",
        "The post Harbour Tunnel Opens appeared first on Daily Wire Digest.",
        "Share this article",
        "Read More",
        "[...]",
        "Disclaimer: this content is reposted from third-party sources for informational purposes only.",
        "&amp;",
        "&#0;",
        "&#x110000;",
        "&nbsp;",
        "<",
        ">",
        "&",
        "\0",
        "\u{feff}",
        "<p onclick=\"alert(5)\">",
        "<button>",
        "<object>",
        "<marquee>",
    ])
    .prop_map(str::to_string);
    let words = "[a-zA-Z ,.!?é日本]{1,40}";
    prop_oneof![3 => fixed, 2 => words.prop_map(|s: String| s)]
}

fn html_doc() -> impl Strategy<Value = String> {
    prop::collection::vec(html_piece(), 0..80).prop_map(|parts| {
        let mut doc = String::from("<!DOCTYPE html><html><head><title>T</title></head><body>");
        doc.push_str(&parts.concat());
        doc
    })
}

/// Lines of text: prose, structure, spam, markers, odd characters.
fn text_line() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "",
        "Harbour Tunnel Opens Two Months Early",
        "The new harbour tunnel opened on Monday, two months ahead of schedule, after crews finished.",
        "Engineers said the early finish came from prefabricating the tunnel segments on shore.",
        "# A heading",
        "- a bullet item",
        "1. a numbered item",
        "> a quote",
        "```",
        "| a | b |",
        "The post Harbour Tunnel Opens appeared first on Daily Wire Digest.",
        "Share",
        "Read More",
        "By Jane Doe",
        "November 17, 2025",
        "You May Also Like",
        "Subscribe to our newsletter for weekly updates.",
        "<!--excerpt_end-->",
        "Teaser text.<!--excerpt_end-->Body",
        "Sponsored",
        "\t  \r",
        "\u{feff}\u{200b}",
    ])
    .prop_map(str::to_string);
    prop_oneof![3 => fixed, 1 => ".{0,60}".prop_map(|s: String| s)]
}

fn text_doc() -> impl Strategy<Value = String> {
    prop::collection::vec(text_line(), 0..60).prop_map(|lines| lines.join("\n"))
}

/// Byte-level edits: (position, edit kind, byte).
fn mutations() -> impl Strategy<Value = Vec<(usize, u8, u8)>> {
    prop::collection::vec((any::<usize>(), 0u8..3, any::<u8>()), 1..24)
}

fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    for &(pos, kind, byte) in edits {
        let at = if bytes.is_empty() {
            0
        } else {
            pos % bytes.len()
        };
        match kind {
            0 => bytes.insert(at, byte),
            1 if !bytes.is_empty() => {
                bytes.remove(at);
            }
            _ if !bytes.is_empty() => bytes[at] = byte,
            _ => bytes.push(byte),
        }
    }
    bytes
}

const SEED_PAGE: &str = include_str!("../examples/data/repost.html");

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_html_is_sound(doc in html_doc()) {
        let ex = extractor().extract_html(&doc).unwrap();
        assert_sound("random html", &ex)?;
    }

    #[test]
    fn mutated_html_is_sound(edits in mutations()) {
        let bytes = mutate(SEED_PAGE.as_bytes().to_vec(), &edits);
        if let Ok(ex) = extractor().extract_html_bytes(&bytes) {
            assert_sound("mutated html", &ex)?;
        }
    }

    #[test]
    fn random_text_is_accounted_for(doc in text_doc()) {
        // Random lines may hold enough control characters to look binary: a typed error.
        let ex = match extractor().extract_text(&doc) {
            Ok(ex) => ex,
            Err(e) => {
                prop_assert_eq!(e.kind(), &corestory::ErrorKind::Binary);
                return Ok(());
            }
        };
        let mut problems = Vec::new();
        check_text("random text", &doc, &ex, &mut problems);
        prop_assert!(problems.is_empty(), "{}", problems.join("\n"));
        prop_assert!(check_safe_html(&ex.html()).is_ok());
    }

    #[test]
    fn any_string_either_way(s in ".{0,400}") {
        let ex = extractor();
        for r in [ex.extract(&s), ex.extract_html(&s), ex.extract_text(&s)].iter().flatten() {
            assert_sound("any string", r)?;
        }
    }
}
