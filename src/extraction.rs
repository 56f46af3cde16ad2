//! What an extraction returns: the story, its blocks, metadata and every removal explained.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Why a block was removed: the family of the rule that removed it.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(Serialize, Deserialize),
    serde(rename_all = "lowercase")
)]
pub enum Category {
    /// The block repeats text that the story already holds (a feed excerpt, a repeated title).
    Duplicate,
    /// Feed footers and reprint notices ("The post X appeared first on Y.").
    Syndication,
    /// Repost, investment-advice and affiliate disclaimers that are not the author's own.
    Disclaimer,
    /// Related-article sections and their teasers, newsletter boxes, calls to action.
    Promo,
    /// Sponsored labels and PR pitches.
    Sponsored,
    /// Share/follow lines, bare source and timestamp lines, "Read More", truncation markers.
    Chrome,
    /// Page furniture outside the main content: navigation, footers, sidebars, comments.
    Boilerplate,
    /// Lifted into [`Metadata`] (a date line, a byline), not spam.
    Metadata,
}

impl Category {
    /// Every category, in a stable order.
    pub const ALL: [Category; 8] = [
        Category::Duplicate,
        Category::Syndication,
        Category::Disclaimer,
        Category::Promo,
        Category::Sponsored,
        Category::Chrome,
        Category::Boilerplate,
        Category::Metadata,
    ];

    /// The lower-case name used in JSON and in `--explain` tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Duplicate => "duplicate",
            Category::Syndication => "syndication",
            Category::Disclaimer => "disclaimer",
            Category::Promo => "promo",
            Category::Sponsored => "sponsored",
            Category::Chrome => "chrome",
            Category::Boilerplate => "boilerplate",
            Category::Metadata => "metadata",
        }
    }

    /// Parses a name as given by [`Category::as_str`].
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }

    pub(crate) fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The structural kind of a block of the story.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(Serialize, Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum BlockKind {
    /// A heading, level 1 to 6.
    Heading(u8),
    /// A paragraph of running text.
    Paragraph,
    /// An item of a bulleted list (in text input, of any list).
    ListItem,
    /// An item of a numbered list (`<ol>`).
    OrderedListItem,
    /// A block quotation.
    Quote,
    /// Preformatted text or code.
    Code,
    /// A row of a data table; cells are separated by tab characters in the text.
    TableRow,
}

impl BlockKind {
    /// True for headings of any level.
    pub fn is_heading(self) -> bool {
        matches!(self, BlockKind::Heading(_))
    }

    /// True for items of bulleted and numbered lists.
    pub fn is_list_item(self) -> bool {
        matches!(self, BlockKind::ListItem | BlockKind::OrderedListItem)
    }
}

/// A block of the story, in document order.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct StoryBlock {
    /// Structural kind.
    pub kind: BlockKind,
    /// The block's text, whitespace normalised (table cells separated by tabs).
    pub text: String,
    /// Links inside the block, as byte ranges of `text` with their target (HTML input only).
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "Vec::is_empty", default)
    )]
    pub links: Vec<Link>,
}

/// A link inside a block's text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Link {
    /// Byte offset of the link text's start in the block text.
    pub start: usize,
    /// Byte offset one past the link text's end.
    pub end: usize,
    /// The link target as written in the page (only `http`, `https`, `mailto` and relative).
    pub href: String,
}

/// One removed block, once, with the rule that removed it and why.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Removal {
    /// The family of the rule.
    pub category: Category,
    /// A stable kebab-case rule id, e.g. `feed-footer`, `near-duplicate`, `related-section`.
    pub rule: &'static str,
    /// The rule's score for this block; the block was removed because `score >= threshold`.
    pub score: f32,
    /// The threshold the score was compared with.
    pub threshold: f32,
    /// A short human-readable reason.
    pub reason: String,
    /// The removed text.
    pub text: String,
    /// For HTML, a short DOM path of the block's element (e.g. `body>div#main>p:3`).
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "Option::is_none", default)
    )]
    pub dom_path: Option<String>,
    /// Position of the block among all blocks of the input (kept and removed).
    pub block_index: usize,
}

/// Facts about the document lifted out of the page or the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Metadata {
    /// The story's title.
    pub title: Option<String>,
    /// The author or authors, as written.
    pub author: Option<String>,
    /// The publication date as written in the source (ISO 8601 where the page gives it so).
    pub published: Option<String>,
    /// The site or publication name.
    pub site_name: Option<String>,
    /// The document language (BCP 47 tag) where declared.
    pub language: Option<String>,
    /// The canonical URL where declared.
    pub canonical_url: Option<String>,
    /// The page's own description or excerpt, where declared.
    pub description: Option<String>,
}

impl Metadata {
    /// The publication day as `YYYY-MM-DD`, read from [`Metadata::published`] whatever form the
    /// page wrote it in (ISO 8601, "4 September 2025", "Sept. 4th, 2025", "04/09/2025"...), as
    /// the day the page printed: a time zone does not move it. A numeric date whose order is
    /// ambiguous is read month first only when [`Metadata::language`] is US English (or plain
    /// `en`). `None` when there is no date or it names no full day ("September 2025").
    ///
    /// ```
    /// let html = r#"<html lang="en"><head>
    ///     <meta property="article:published_time" content="2025-09-04T23:30:00-04:00">
    ///     </head><body><p>Text.</p></body></html>"#;
    /// let story = corestory::Extractor::new().extract_html(html)?;
    /// assert_eq!(story.metadata().published_date().as_deref(), Some("2025-09-04"));
    /// # Ok::<(), corestory::Error>(())
    /// ```
    pub fn published_date(&self) -> Option<String> {
        let month_first = crate::metadata::writes_month_first(self.language.as_deref());
        let (y, m, d) = crate::metadata::calendar_day(self.published.as_deref()?, month_first)?;
        Some(format!("{y:04}-{m:02}-{d:02}"))
    }
}

/// Which extraction pass produced the result.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(Serialize, Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Pass {
    /// Text input: paragraphs judged by the spam rules and duplicates.
    Text,
    /// HTML, the main-content region with every rule on.
    Strict,
    /// HTML, retried with the boilerplate pruning relaxed because too little survived.
    Relaxed,
    /// HTML, the whole page's text blocks judged alone, with no region.
    WholePage,
}

/// The result of extracting one document.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Extraction {
    pub(crate) blocks: Vec<StoryBlock>,
    pub(crate) removals: Vec<Removal>,
    pub(crate) metadata: Metadata,
    pub(crate) pass: Pass,
    pub(crate) total_blocks: usize,
    /// Index in `blocks` of the title heading, when the story has one.
    pub(crate) title_block: Option<usize>,
}

impl Extraction {
    /// The story: its blocks' texts separated by a blank line, the title heading first when the
    /// document has one.
    pub fn text(&self) -> String {
        crate::render::plain_text(&self.blocks)
    }

    /// The story without its title heading: what benchmarks such as the Zyte
    /// article-extraction-benchmark call the article body.
    pub fn body_text(&self) -> String {
        crate::render::plain_text_without(&self.blocks, self.title_block)
    }

    /// The story as Markdown (headings, bulleted and numbered lists, quotes, code, tables;
    /// links when kept, with the same safe targets as [`Extraction::html`]). Text that would
    /// read as Markdown syntax is escaped.
    ///
    /// ```
    /// let page = "<article><h1>Spring Timetable</h1>\
    ///     <p>The operator adds forty trains a day on the coastal line from April, it said on Tuesday.</p>\
    ///     <ol><li>Consultation ends in March.</li><li>New trains run in April.</li></ol></article>";
    /// let story = corestory::Extractor::new().extract_html(page)?;
    /// assert!(story.markdown().starts_with("# Spring Timetable\n\nThe operator"));
    /// assert!(story.markdown().ends_with("1. Consultation ends in March.\n2. New trains run in April."));
    /// # Ok::<(), corestory::Error>(())
    /// ```
    pub fn markdown(&self) -> String {
        crate::render::markdown(&self.blocks)
    }

    /// The story as cleaned HTML, safe to display: rebuilt from the kept blocks, with no
    /// script, style, event handler or `javascript:`/`data:` URL.
    ///
    /// ```
    /// let page = r#"<article><p onclick="steal()">The operator adds forty trains a day on
    ///     the coastal line from April, <a href="javascript:alert(1)">it said</a> on Tuesday.</p>
    ///     <script>track()</script></article>"#;
    /// let extractor = corestory::Extractor::builder().include_links(true).build()?;
    /// let html = extractor.extract_html(page)?.html();
    /// assert!(html.contains("<p>The operator adds forty trains"));
    /// assert!(!html.contains("onclick") && !html.contains("javascript") && !html.contains("track"));
    /// # Ok::<(), corestory::Error>(())
    /// ```
    pub fn html(&self) -> String {
        crate::render::html(&self.blocks)
    }

    /// The kept blocks, in document order.
    pub fn blocks(&self) -> &[StoryBlock] {
        &self.blocks
    }

    /// Every removed block, once, in document order.
    pub fn removals(&self) -> &[Removal] {
        &self.removals
    }

    /// Title, author, date and other facts found in the document.
    ///
    /// ```
    /// let page = r#"<html lang="en"><head><title>Trains Added | Metro Daily</title>
    ///     <meta property="og:site_name" content="Metro Daily"></head>
    ///     <body><article><h1>Trains added</h1><p class="byline">By Ann Lee</p>
    ///     <time datetime="2026-03-02T08:00:00Z">2 March</time>
    ///     <p>The operator adds forty trains a day on the coastal line from April.</p></article></body></html>"#;
    /// let story = corestory::Extractor::new().extract_html(page)?;
    /// let meta = story.metadata();
    /// assert_eq!(meta.title.as_deref(), Some("Trains added"));
    /// assert_eq!(meta.author.as_deref(), Some("Ann Lee"));
    /// assert_eq!(meta.site_name.as_deref(), Some("Metro Daily"));
    /// assert_eq!(meta.published_date().as_deref(), Some("2026-03-02"));
    /// # Ok::<(), corestory::Error>(())
    /// ```
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// Which pass produced this result (see [`Pass`]).
    pub fn pass(&self) -> Pass {
        self.pass
    }

    /// The number of blocks the input was split into: kept plus removed.
    pub fn total_blocks(&self) -> usize {
        self.total_blocks
    }

    /// True when no story was found; [`Extraction::removals`] say why.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }
}
