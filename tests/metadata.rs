//! Metadata end to end, through the public API: each source of a field, and the order in
//! which they are trusted. Every page here is made up.

use corestory::{Extractor, Metadata};

fn html(page: &str) -> Metadata {
    Extractor::new()
        .extract_html(page)
        .expect("extracts")
        .metadata()
        .clone()
}

const BODY: &str = "<p>The harbour tunnel opened on Monday, two months ahead of schedule, after \
                    crews finished the ventilation shafts in record time. Engineers said the early \
                    finish came from prefabricating the tunnel segments on shore.</p>";

#[test]
fn json_ld_graph_with_an_author_reference() {
    let m = html(&format!(
        r##"<html lang="en-GB"><head><title>Tunnel Opens Early | Harbour Times</title>
        <script type="application/ld+json">{{"@context":"https://schema.org","@graph":[
          {{"@type":"WebSite","@id":"https://harbour.example/#site","name":"Harbour Times"}},
          {{"@type":"NewsArticle","headline":"Tunnel Opens Early","datePublished":"2026-03-02T07:30:00+00:00",
            "author":[{{"@id":"https://harbour.example/#ann"}},{{"@type":"Person","name":"Bo Park"}}]}},
          {{"@type":"Person","@id":"https://harbour.example/#ann","name":"Ann Lee"}}]}}</script>
        </head><body><article><h1>Tunnel opens early</h1>{BODY}</article></body></html>"##
    ));
    assert_eq!(m.title.as_deref(), Some("Tunnel opens early"));
    assert_eq!(m.author.as_deref(), Some("Ann Lee, Bo Park"));
    assert_eq!(m.published_date().as_deref(), Some("2026-03-02"));
    assert_eq!(m.site_name.as_deref(), Some("Harbour Times"));
    assert_eq!(m.language.as_deref(), Some("en-GB"));
}

#[test]
fn open_graph_and_meta_tags() {
    let m = html(&format!(
        r#"<html><head><title>Harbour Times - Tunnel Opens Early</title>
        <meta property="og:title" content="Tunnel Opens Early">
        <meta property="og:site_name" content="Harbour Times">
        <meta property="og:url" content="https://harbour.example/tunnel">
        <meta name="author" content="Cy Dee">
        <meta property="article:published_time" content="2026-03-02">
        </head><body><article>{BODY}</article></body></html>"#
    ));
    assert_eq!(m.title.as_deref(), Some("Tunnel Opens Early"));
    assert_eq!(m.author.as_deref(), Some("Cy Dee"));
    assert_eq!(m.published.as_deref(), Some("2026-03-02"));
    assert_eq!(
        m.canonical_url.as_deref(),
        Some("https://harbour.example/tunnel")
    );
}

#[test]
fn a_site_suffix_leaves_the_title() {
    let m = html(&format!(
        r#"<head><title>Tunnel Opens Early | Harbour Times</title>
        <meta property="og:site_name" content="Harbour Times"></head>
        <body><article>{BODY}</article></body>"#
    ));
    assert_eq!(m.title.as_deref(), Some("Tunnel Opens Early"));
}

#[test]
fn byline_and_time_in_the_page() {
    let m = html(&format!(
        r#"<head><title>Tunnel Opens Early</title></head><body>
        <nav><a href="/author/editor">The Editor</a><time datetime="1999-01-01">old</time></nav>
        <article><h1>Tunnel Opens Early</h1>
        <div class="byline"><span>Written by</span> <a href="/people/dee">Cy Dee</a>
          <span class="role">Transport Reporter</span></div>
        <time datetime="2026-03-02T21:00:00-08:00">March 2</time>{BODY}
        <section class="comments"><span class="comment-author">A Reader</span></section>
        </article></body>"#
    ));
    assert_eq!(m.author.as_deref(), Some("Cy Dee"));
    // The day the page printed, not the UTC day.
    assert_eq!(m.published_date().as_deref(), Some("2026-03-02"));
}

#[test]
fn microdata_author_and_date() {
    let m = html(&format!(
        r#"<body><div itemscope itemtype="https://schema.org/BlogPosting">
        <h1 itemprop="headline">Tunnel Opens Early</h1>
        <span itemprop="author" itemscope itemtype="https://schema.org/Person">
          <span itemprop="name">Ann Lee</span></span>
        <meta itemprop="datePublished" content="2026-03-02">{BODY}</div></body>"#
    ));
    assert_eq!(m.title.as_deref(), Some("Tunnel Opens Early"));
    assert_eq!(m.author.as_deref(), Some("Ann Lee"));
    assert_eq!(m.published_date().as_deref(), Some("2026-03-02"));
}

#[test]
fn a_date_line_under_the_title() {
    let m = html(&format!(
        r#"<body><main><h1>Tunnel Opens Early</h1><p>Published 2 March 2026 · 3 min read</p>
        {BODY}</main></body>"#
    ));
    assert_eq!(m.published_date().as_deref(), Some("2026-03-02"));
}

#[test]
fn text_input_bylines_and_dates() {
    let story = Extractor::new()
        .extract_text(
            "Tunnel Opens Early\n\nWritten by Cy Dee | Transport Reporter\n\n\
             Monday, 2 March 2026\n\n\
             The harbour tunnel opened on Monday, two months ahead of schedule, after crews \
             finished the ventilation shafts in record time.",
        )
        .expect("extracts");
    let m = story.metadata();
    assert_eq!(m.title.as_deref(), Some("Tunnel Opens Early"));
    assert_eq!(m.author.as_deref(), Some("Cy Dee"));
    assert_eq!(m.published_date().as_deref(), Some("2026-03-02"));
}

#[test]
fn nothing_declared_nothing_invented() {
    let m = html(&format!("<body>{BODY}</body>"));
    assert_eq!(m.author, None);
    assert_eq!(m.published, None);
    assert_eq!(m.published_date(), None);
}

#[test]
fn hostile_metadata_is_bounded() {
    // Deep bylines, a deep and wide JSON-LD block, broken JSON, many references.
    let mut page = String::from("<html><head><script type=\"application/ld+json\">");
    page.push_str(&"[".repeat(100_000));
    page.push_str(&"]".repeat(100_000));
    page.push_str(
        "</script><script type=\"application/ld+json\">{\"@type\":\"Article\",\"author\":[",
    );
    for i in 0..10_000 {
        page.push_str(&format!("{{\"@id\":\"#p{i}\"}},"));
    }
    page.push_str(
        "{\"name\":\"Last One\"}],\"headline\":\"Deep \\ud800 \\u00\"}</script></head><body>",
    );
    page.push_str(&"<div class=\"author\">".repeat(50_000));
    page.push_str("By Someone");
    page.push_str(&"</div>".repeat(50_000));
    page.push_str(&"<time datetime=\"2020-02-02\">x</time>".repeat(10_000));
    page.push_str(BODY);
    let m = html(&page);
    assert_eq!(m.author.as_deref(), Some("Last One"));
    assert_eq!(m.published_date().as_deref(), Some("2020-02-02"));
}
