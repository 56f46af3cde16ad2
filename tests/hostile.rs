//! Hostile input: one test per case of the crate docs' "Untrusted input" section, each input
//! generated here. Where the full size would slow the suite, the test uses a smaller one of
//! the same shape (`.ci/hostile-inputs.py` writes the full sizes for measuring `strip`).
//! Outcomes are asserted, never timings.

mod common;

use common::accounting::{check_blocks, check_text};
use common::safety::check_safe_html;
use corestory::{ErrorKind, Extraction, Extractor, Limits};

const SENTENCE: &str = "The council met on Monday to discuss the harbour tunnel and its budget. ";
const PAGE: &str = "<!DOCTYPE html><html><head><title>Hostile</title></head><body>";

/// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
fn random_bytes(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

fn prose(bytes: usize) -> String {
    SENTENCE.repeat(bytes / SENTENCE.len() + 1)[..bytes].to_string()
}

/// Accounting and output safety of an HTML result.
fn assert_sound(label: &str, ex: &Extraction) {
    let mut problems = Vec::new();
    check_blocks(label, ex, &mut problems);
    if let Err(e) = check_safe_html(&ex.html()) {
        problems.push(format!("{label}: unsafe html(): {e}"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn html(label: &str, input: &str) -> Extraction {
    let ex = Extractor::new()
        .extract_html(input)
        .unwrap_or_else(|e| panic!("{label}: {e}"));
    assert_sound(label, &ex);
    ex
}

fn text(label: &str, input: &str) -> Extraction {
    let ex = Extractor::new()
        .extract_text(input)
        .unwrap_or_else(|e| panic!("{label}: {e}"));
    let mut problems = Vec::new();
    check_text(label, input, &ex, &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    ex
}

#[test]
fn arbitrary_bytes_are_binary_or_extracted() {
    let extractor = Extractor::new();
    for seed in 1..=4 {
        // Uniform random bytes sit near the binary sniffer's threshold (one byte in ten a
        // control character): a Binary error or a sound best-effort result.
        let bytes = random_bytes(1 << 18, seed);
        match extractor.extract_html_bytes(&bytes) {
            Ok(ex) => assert_sound("random bytes", &ex),
            Err(e) => assert_eq!(e.kind(), &ErrorKind::Binary),
        }
        let lossy = String::from_utf8_lossy(&bytes);
        match extractor.extract_text(&lossy) {
            Ok(ex) => {
                let mut problems = Vec::new();
                check_blocks("random text", &ex, &mut problems);
                assert!(problems.is_empty(), "{}", problems.join("\n"));
            }
            Err(e) => assert_eq!(e.kind(), &ErrorKind::Binary),
        }
    }
    // Short random inputs of every length: never a panic.
    for n in 0..300 {
        let bytes = random_bytes(n, n as u64 + 7);
        if let Ok(ex) = extractor.extract_html_bytes(&bytes) {
            assert_sound("short random", &ex);
        }
    }
}

#[test]
fn invalid_utf8_is_replaced() {
    let mut page = PAGE.as_bytes().to_vec();
    for _ in 0..20_000 {
        page.extend_from_slice(b"<p>caf\xe9 \xff\xfe \xc3\x28 \xf0\x28\x8c\x28 text</p>");
    }
    let ex = Extractor::new().extract_html_bytes(&page).unwrap();
    assert_sound("invalid utf-8", &ex);
    // Whether 20,000 copies of one garbled line are a story is the classifier's call; the
    // promise is that every invalid sequence became U+FFFD, kept or removed.
    let replaced = |t: &str| t.contains("caf\u{fffd}");
    assert!(replaced(&ex.text()) || ex.removals().iter().any(|r| replaced(&r.text)));
}

#[test]
fn nul_bytes_are_binary_when_dense_and_harmless_when_sparse() {
    let extractor = Extractor::new();
    let dense = "word\0".repeat(1 << 16);
    assert_eq!(
        extractor.extract_text(&dense).unwrap_err().kind(),
        &ErrorKind::Binary
    );
    assert_eq!(
        extractor
            .extract_html_bytes(dense.as_bytes())
            .unwrap_err()
            .kind(),
        &ErrorKind::Binary
    );
    let sparse = format!("{PAGE}<p>{}\0{}</p>", prose(5000), prose(5000));
    let ex = html("sparse nul", &sparse);
    assert!(ex.text().contains("harbour tunnel"));
    assert!(!ex.text().contains('\0'));
}

#[test]
fn binary_files_are_a_typed_error() {
    let mut elf = b"\x7fELF\x02\x01\x01".to_vec();
    elf.extend(std::iter::repeat_n(0u8, 1 << 16));
    elf.extend(random_bytes(1 << 16, 3));
    let extractor = Extractor::new();
    let err = extractor.extract_html_bytes(&elf).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Binary);
    let err = extractor
        .extract_text(&String::from_utf8_lossy(&elf))
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Binary);
}

#[test]
fn empty_and_whitespace_are_empty_stories() {
    for input in ["", " \t\r\n\u{a0}\u{2003}".repeat(10_000).as_str()] {
        assert!(text("blank text", input).is_empty());
        assert!(html("blank html", input).is_empty());
        let ex = Extractor::new()
            .extract_html_bytes(input.as_bytes())
            .unwrap();
        assert!(ex.is_empty());
    }
}

#[test]
fn unterminated_comments_and_tags_keep_what_came_before() {
    let story = format!("<p>{}</p>", SENTENCE.repeat(3));
    let comment = format!("{PAGE}{story}<!--{}", prose(1 << 20));
    let ex = html("unterminated comment", &comment);
    assert!(ex.text().contains("harbour tunnel"));
    assert!(ex.text().len() < 1000, "the comment is not story");

    let tag = format!("{PAGE}{story}<div class=\"x{}", prose(1 << 20));
    let ex = html("unterminated tag", &tag);
    assert!(ex.text().contains("harbour tunnel"));

    for cut in [
        "<",
        "<!",
        "<!-",
        "</",
        "<p",
        "<a href='",
        "&#x",
        "&am",
        "<![CDATA[",
    ] {
        html("cut", &format!("{PAGE}{story}{cut}"));
    }
}

#[test]
fn unterminated_fences_make_no_empty_blocks() {
    // Found by tests/properties.rs: an empty code fence became a removal with no text.
    for input in [
        "You May Also Like\n\n```",
        "Story line.\n\n```\n```\n\nMore.",
        "~~~",
    ] {
        let ex = text("fence", input);
        assert!(ex.removals().iter().all(|r| !r.text.trim().is_empty()));
    }
}

#[test]
fn two_hundred_thousand_nested_elements_are_flattened() {
    let n = 200_000;
    let input = format!(
        "{PAGE}{}{SENTENCE}{}",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let ex = html("nested", &input);
    assert_eq!(ex.text().trim(), SENTENCE.trim());
    // Unclosed, and alternating with inline elements.
    let input = format!("{PAGE}{}{SENTENCE}", "<div><span>".repeat(n / 2));
    assert!(html("nested unclosed", &input).text().contains("harbour"));
    // Deep, then many siblings at the depth limit.
    let input = format!(
        "{PAGE}{}{}",
        "<div>".repeat(1000),
        format!("<div><p>{SENTENCE}</p></div>").repeat(2000)
    );
    html("deep then wide", &input);
}

#[test]
fn a_million_sibling_elements() {
    // 300,000 here (past max_blocks); 1,000,000 is measured with `strip`.
    let n = 300_000;
    let input = format!("{PAGE}{}", "<p>word</p>".repeat(n));
    let ex = html("siblings", &input);
    // Past max_blocks (200,000) paragraphs join the last block: every word is still there.
    assert_eq!(ex.total_blocks(), Limits::default().max_blocks);
    let words: usize = ex
        .blocks()
        .iter()
        .map(|b| b.text.as_str())
        .chain(ex.removals().iter().map(|r| r.text.as_str()))
        .map(|t| t.matches("word").count())
        .sum();
    assert_eq!(words, n);
}

#[test]
fn one_huge_text_node() {
    // 2 MB here; 20 MB is measured with `strip`.
    let body = prose(2 << 20);
    let ex = html("text node", &format!("{PAGE}<p>{body}</p>"));
    assert_eq!(ex.text().len(), body.trim().len());
}

#[test]
fn a_five_megabyte_attribute() {
    let class = "a b ".repeat(5 << 18);
    let input = format!("{PAGE}<div class=\"{class}\"><p>{SENTENCE}</p></div>");
    assert!(html("class", &input).text().contains("harbour"));
    // A 5 MB link target around many paragraphs: the target is dropped, the text kept.
    let href = format!("https://example.org/{}", "a".repeat(5 << 20));
    let input = format!(
        "{PAGE}<a href=\"{href}\">{}</a>",
        format!("<p>{SENTENCE}</p>").repeat(2_000)
    );
    let ex = Extractor::builder()
        .include_links(true)
        .build()
        .unwrap()
        .extract_html(&input)
        .unwrap();
    assert_sound("href", &ex);
    assert!(ex.blocks().iter().all(|b| b.links.is_empty()));
}

#[test]
fn two_million_entities() {
    // 400,000 x 5 entities.
    let input = format!(
        "{PAGE}<p>{}</p>",
        "&amp;&#x41;&nbsp;&lt;&#233;".repeat(400_000)
    );
    let ex = html("entities", &input);
    let text = ex.text();
    assert_eq!(text.matches('&').count(), 400_000);
    assert_eq!(text.matches('\u{e9}').count(), 400_000);
}

#[test]
fn identical_paragraphs() {
    // 5,000 here; 100,000 is measured with `strip`.
    let para = SENTENCE.repeat(3);
    let ex = text("identical text", &format!("{para}\n\n").repeat(5_000));
    assert_eq!(ex.blocks().len(), 1, "repeats are duplicates");
    let input = format!("{PAGE}{}", format!("<p>{para}</p>").repeat(5_000));
    let ex = html("identical html", &input);
    assert_eq!(ex.blocks().len(), 1);
}

#[test]
fn many_footer_lines() {
    // 20,000 here; 100,000 is measured with `strip`.
    let footer = "The post Harbour Tunnel Opens appeared first on Daily Wire Digest.\n";
    let input = format!(
        "Harbour Tunnel Opens\n\n{}\n\n{}",
        SENTENCE.repeat(4),
        footer.repeat(20_000)
    );
    let ex = text("footers", &input);
    assert!(ex.text().contains("harbour tunnel"));
    assert!(!ex.text().contains("appeared first"));
}

#[test]
fn one_long_line_without_newline() {
    // 2 MB here; 20 MB is measured with `strip`.
    let line = prose(2 << 20);
    let ex = text("long line", &line);
    assert_eq!(ex.text(), line.trim());
}

#[test]
fn parser_amplifiers_stay_bounded() {
    // Thousands of distinct unclosed formatting elements would be re-created in every
    // paragraph: capped, and past max_nodes a typed error.
    let fmt: String = (0..5000).map(|i| format!("<b id={i}>")).collect();
    let input = format!("{PAGE}{fmt}{}", "<p>x</p>".repeat(1000));
    html("formatting", &input);
    let input = format!("{PAGE}{fmt}{}", "<p>x</p>".repeat(100_000));
    let err = Extractor::new().extract_html(&input).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TooManyNodes { .. }));
    // Content misplaced in a table is moved before it, one sibling scan each.
    let input = format!("{PAGE}<table>{}</table>", "<p>x</p>".repeat(50_000));
    let ex = html("foster parenting", &input);
    let xs: usize = ex.text().matches('x').count()
        + ex.removals()
            .iter()
            .map(|r| r.text.matches('x').count())
            .sum::<usize>();
    assert_eq!(xs, 50_000);
}

#[test]
fn limits_give_typed_errors_or_documented_truncation() {
    let small = |limits: Limits| Extractor::builder().limits(limits).build().unwrap();
    let page = format!("{PAGE}{}", format!("<p>{SENTENCE}</p>").repeat(100));

    let err = small(Limits {
        max_input_bytes: 1000,
        ..Limits::default()
    })
    .extract_html(&page)
    .unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::InputTooLarge {
            size: page.len(),
            limit: 1000
        }
    );

    let err = small(Limits {
        max_nodes: 50,
        ..Limits::default()
    })
    .extract_html(&page)
    .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::TooManyNodes { limit: 50 });

    // max_depth flattens: the text of deeper elements joins their ancestor at the limit.
    let nested = format!("{PAGE}<div><div><div><p>{SENTENCE}</p><p>second</p></div></div></div>");
    let ex = small(Limits {
        max_depth: 2,
        ..Limits::default()
    })
    .extract_html(&nested)
    .unwrap();
    assert_eq!(ex.total_blocks(), 1);
    assert!(ex.text().contains("harbour") && ex.text().contains("second"));

    // max_blocks merges the rest into the last block: nothing is lost.
    let lines = (0..50).map(|i| format!("Line number {i} of many.\n\n"));
    let input: String = lines.collect();
    let ex = small(Limits {
        max_blocks: 10,
        ..Limits::default()
    })
    .extract_text(&input)
    .unwrap();
    assert_eq!(ex.total_blocks(), 10);
    let mut problems = Vec::new();
    check_text("max_blocks", &input, &ex, &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

const INJECTION: &str = r#"<!DOCTYPE html><html><head><title>Injection</title>
<style>p { color: red }</style><script>alert('head')</script></head>
<body onload="alert('body')"><article>
<h1 onclick="alert('h1')">Harbour Tunnel Opens Two Months Early</h1>
<p onmouseover="alert('p')" style="x">The new harbour tunnel opened on Monday, two months ahead of schedule, after crews finished the ventilation shafts. <script>alert('inline')</script><a href="javascript:alert(1)">plain js</a>, <a href="JAVASCRIPT:alert(2)">upper case</a>, <a href="jav&#x09;ascript:alert(3)">tab entity</a>, <a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(4)">decimal entities</a>, <a href=" &#x0A; java&#x0D;script:alert(5)">newlines</a>, <a href="vbscript:msgbox(6)">vbscript</a>, <a href="data:text/html;base64,PHNjcmlwdD4=">data</a>, <a href="&#x01;javascript:alert(7)">control</a> and <a href="https://example.org/safe">a safe link</a>.</p>
<p>Engineers said the early finish came from prefabricating the tunnel segments on shore, <img src="x" onerror="alert('img')"> <img src="javascript:alert(8)"> <iframe src="javascript:alert(9)"></iframe> <svg onload="alert(10)"><script>alert(11)</script></svg> and <object data="data:text/html,x"></object> testing every one.</p>
<p>Quoted markup stays text: &lt;script&gt;alert('text')&lt;/script&gt; and "quotes" &amp; 'apostrophes' in a paragraph long enough to keep.</p>
<pre>&lt;img src=x onerror=alert(12)&gt; in a code block</pre>
<table><tr><td onclick="alert(13)">cell &lt;b&gt;</td><td>two</td></tr></table>
</article></body></html>"#;

#[test]
fn output_html_is_safe_on_an_injection_page() {
    let extractor = Extractor::builder().include_links(true).build().unwrap();
    let ex = extractor.extract_html(INJECTION).unwrap();
    let out = ex.html();
    check_safe_html(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    let lower = out.to_ascii_lowercase();
    for bad in [
        "<script",
        "<style",
        "<img",
        "<iframe",
        "<svg",
        "<object",
        "javascript:",
        "vbscript:",
        "data:",
    ] {
        assert!(!lower.contains(bad), "{bad} in the output: {out}");
    }
    assert!(
        out.contains("<a href=\"https://example.org/safe\">a safe link</a>"),
        "{out}"
    );
    assert_eq!(out.matches("<a ").count(), 1, "{out}");
    assert!(
        out.contains("&lt;script&gt;"),
        "quoted markup is escaped text: {out}"
    );
    assert!(!ex.text().contains("alert('head')") && !ex.text().contains("alert('inline')"));
}

#[test]
fn shared_across_threads_same_results() {
    let inputs: Vec<String> = vec![
        INJECTION.to_string(),
        format!("{PAGE}{}", format!("<p>{SENTENCE}</p>").repeat(200)),
        format!(
            "Harbour Tunnel Opens\n\n{}\n\nThe post Harbour Tunnel Opens appeared first on Daily Wire Digest.",
            SENTENCE.repeat(5)
        ),
        format!("{PAGE}{}{SENTENCE}", "<div>".repeat(5000)),
        String::new(),
        "Plain text only, one line.".to_string(),
    ];
    let extractor = Extractor::new();
    let alone: Vec<_> = inputs.iter().map(|i| extractor.extract(i)).collect();
    let together: Vec<Vec<_>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let (extractor, inputs) = (&extractor, &inputs);
                s.spawn(move || {
                    // Each thread walks the inputs from a different start.
                    (0..inputs.len())
                        .map(|k| {
                            let i = (k + t) % inputs.len();
                            (i, extractor.extract(&inputs[i]))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                let mut v = h.join().expect("no thread panics");
                v.sort_by_key(|(i, _)| *i);
                v.into_iter().map(|(_, r)| r).collect()
            })
            .collect()
    });
    for results in together {
        assert_eq!(results, alone);
    }
}
