//! Extractor settings: the builder, the focus enum and the resource limits.

use crate::error::{Error, ErrorKind};
use crate::extraction::Category;
use crate::Extractor;

/// Where the extractor leans when a block is uncertain. On whole HTML pages the block
/// classifier keeps, page by page, the blocks that maximise the story's expected F-score:
/// F0.5 for `Precision`, F1 for `Balanced`, F2 for `Recall`.
///
/// ```
/// use corestory::{Extractor, Focus};
/// let precise = Extractor::builder().focus(Focus::Precision).build()?;
/// # Ok::<(), corestory::Error>(())
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    /// Remove uncertain blocks: less boilerplate, some story may be lost.
    Precision,
    /// The default trade-off.
    #[default]
    Balanced,
    /// Keep uncertain blocks: all of the story, some boilerplate may stay.
    Recall,
}

/// A block classifier model, in the text format `examples/train-model` writes (see the
/// README's "Training the block classifier"). Cheap to clone: the trees are shared.
#[derive(Clone, Debug)]
pub struct BlockModel(pub(crate) std::sync::Arc<crate::rules::main_content::model::Model>);

impl BlockModel {
    /// Reads a model; signals are matched by name, so a model names only those it uses.
    ///
    /// ```
    /// let err = corestory::BlockModel::parse("not a model").unwrap_err();
    /// assert!(matches!(err.kind(), corestory::ErrorKind::InvalidModel { .. }));
    /// ```
    pub fn parse(text: &str) -> Result<BlockModel, Error> {
        crate::rules::main_content::model::Model::parse(text)
            .map(|m| BlockModel(std::sync::Arc::new(m)))
            .map_err(|e| Error::new(ErrorKind::InvalidModel { message: e.0 }))
    }
}

/// Which block classifier decides the generic boilerplate of HTML pages, after the region
/// rules (see the README's rule list, `block-classifier`).
#[derive(Clone, Debug, Default)]
pub enum Classifier {
    /// The model shipped with the crate, trained on the development corpora.
    #[default]
    Shipped,
    /// A model of your own, trained with `examples/train-model` on your corpus.
    Custom(BlockModel),
    /// No classifier: the region rules alone decide.
    Off,
}

/// Resource limits that bound time and memory on untrusted input.
///
/// Beyond a limit the extractor either returns a typed [`Error`] or truncates in the documented
/// way: see each field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, in bytes; larger input is an
    /// [`ErrorKind::InputTooLarge`] error. Default: 64 MiB.
    pub max_input_bytes: usize,
    /// Deepest DOM nesting kept as structure. Elements nested deeper are flattened into their
    /// ancestor at this depth (their text is kept, their tags are ignored), before html5ever's
    /// tree builder sees them, so that its per-tag work stays bounded. Default: 256.
    pub max_depth: usize,
    /// Most DOM nodes accepted (elements, text runs, comments, and the formatting elements the
    /// parser re-creates); more is an [`ErrorKind::TooManyNodes`] error, raised while parsing,
    /// before the tree outgrows the limit. Default: 4,000,000.
    pub max_nodes: usize,
    /// Most blocks judged. Text past this many blocks is merged into the last block, so nothing
    /// is lost, only judged coarser. Default: 200,000.
    pub max_blocks: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 64 << 20,
            max_depth: 256,
            max_nodes: 4_000_000,
            max_blocks: 200_000,
        }
    }
}

/// The validated settings an [`Extractor`] runs with. Private: users set them through
/// [`ExtractorBuilder`].
#[derive(Clone, Debug)]
pub(crate) struct Config {
    pub focus: Focus,
    pub include_comments: bool,
    pub include_tables: bool,
    pub include_links: bool,
    pub min_story_words: usize,
    pub classifier: Classifier,
    /// Bit set of categories whose rules are switched off (their blocks are kept).
    pub kept_categories: u8,
    pub extra_patterns: Vec<(Category, String)>,
    pub limits: Limits,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            focus: Focus::Balanced,
            include_comments: false,
            include_tables: true,
            include_links: false,
            min_story_words: 0,
            classifier: Classifier::Shipped,
            kept_categories: 0,
            extra_patterns: Vec::new(),
            limits: Limits::default(),
        }
    }
}

impl Config {
    pub fn removes(&self, category: Category) -> bool {
        self.kept_categories & category.bit() == 0
    }
}

/// Builds an [`Extractor`]. Every setter documents its default.
///
/// ```
/// use corestory::{Category, Extractor, Focus};
///
/// let extractor = Extractor::builder()
///     .focus(Focus::Precision)
///     .keep_category(Category::Promo)
///     .add_pattern(Category::Chrome, r"(?i)^Follow us on \w+\.?$")
///     .build()?;
/// # Ok::<(), corestory::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct ExtractorBuilder {
    config: Config,
}

impl ExtractorBuilder {
    pub(crate) fn new() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Where to lean on uncertain blocks. By default, [`Focus::Balanced`].
    pub fn focus(&mut self, focus: Focus) -> &mut ExtractorBuilder {
        self.config.focus = focus;
        self
    }

    /// Keep reader comments (HTML) in the story: a comment section is taken in even when it
    /// sits outside the article, and its lines are judged by the spam rules like the story's.
    /// On a forum thread the replies are the content either way. By default, comments are
    /// removed.
    ///
    /// ```
    /// let page = r#"<article><p>The operator adds forty trains a day on the coastal line
    ///     from April, it said on Tuesday, after two years of talks.</p></article>
    ///     <section class="comments"><div class="comment"><p>Finally some good news for
    ///     everyone who commutes on the coastal line every day.</p></div></section>"#;
    /// let with = corestory::Extractor::builder().include_comments(true).build()?;
    /// assert!(with.extract_html(page)?.text().contains("Finally some good news"));
    /// let without = corestory::Extractor::new();
    /// assert!(!without.extract_html(page)?.text().contains("Finally some good news"));
    /// # Ok::<(), corestory::Error>(())
    /// ```
    pub fn include_comments(&mut self, yes: bool) -> &mut ExtractorBuilder {
        self.config.include_comments = yes;
        self
    }

    /// Keep data tables of the story (rows of [`BlockKind::TableRow`](crate::BlockKind)). When
    /// off, their rows are removed with rule `table-excluded`. By default, tables are kept.
    ///
    /// ```
    /// let page = "<article><p>The operator adds forty trains a day on the coastal line from April.</p>\
    ///     <table><tr><th>Line</th><th>Trains</th></tr><tr><td>Coastal</td><td>160</td></tr></table></article>";
    /// let kept = corestory::Extractor::new().extract_html(page)?;
    /// assert!(kept.text().contains("Coastal\t160"));
    /// let without = corestory::Extractor::builder().include_tables(false).build()?;
    /// let story = without.extract_html(page)?;
    /// assert!(!story.text().contains("Coastal"));
    /// assert!(story.removals().iter().any(|r| r.rule == "table-excluded"));
    /// # Ok::<(), corestory::Error>(())
    /// ```
    pub fn include_tables(&mut self, yes: bool) -> &mut ExtractorBuilder {
        self.config.include_tables = yes;
        self
    }

    /// Keep link targets in the story blocks (shown by Markdown and HTML output, which write
    /// only `http`, `https`, `mailto` and relative targets). By default, links are dropped and
    /// only their text is kept.
    ///
    /// ```
    /// let page = r#"<p>The operator adds forty trains a day from April, <a href="https://example.org/plan">says
    ///     its plan</a>, published on Tuesday after two years of talks with passenger groups.</p>"#;
    /// let extractor = corestory::Extractor::builder().include_links(true).build()?;
    /// let story = extractor.extract_html(page)?;
    /// assert_eq!(story.blocks()[0].links[0].href, "https://example.org/plan");
    /// assert!(story.markdown().contains("[says its plan](https://example.org/plan)"));
    /// # Ok::<(), corestory::Error>(())
    /// ```
    pub fn include_links(&mut self, yes: bool) -> &mut ExtractorBuilder {
        self.config.include_links = yes;
        self
    }

    /// The fewest words a story may have; a shorter result is returned empty, with a removal
    /// per block saying so (rule `story-too-short`). By default, 0 (any length).
    ///
    /// ```
    /// let extractor = corestory::Extractor::builder().min_story_words(50).build()?;
    /// let story = extractor.extract_text("Too short to be a story.")?;
    /// assert!(story.is_empty());
    /// assert_eq!(story.removals()[0].rule, "story-too-short");
    /// # Ok::<(), corestory::Error>(())
    /// ```
    pub fn min_story_words(&mut self, words: usize) -> &mut ExtractorBuilder {
        self.config.min_story_words = words;
        self
    }

    /// Switch off every rule of `category`: its blocks stay in the story. By default, every
    /// category is removed.
    pub fn keep_category(&mut self, category: Category) -> &mut ExtractorBuilder {
        self.config.kept_categories |= category.bit();
        self
    }

    /// Add a pattern of your own: a block whose text matches `regex` is removed under
    /// `category` with rule `user-pattern`. Patterns are compiled by [`build`](Self::build).
    /// By default, there are none.
    pub fn add_pattern(&mut self, category: Category, regex: &str) -> &mut ExtractorBuilder {
        self.config
            .extra_patterns
            .push((category, regex.to_string()));
        self
    }

    /// The block classifier for HTML pages. By default, [`Classifier::Shipped`].
    pub fn classifier(&mut self, classifier: Classifier) -> &mut ExtractorBuilder {
        self.config.classifier = classifier;
        self
    }

    /// Resource limits. By default, [`Limits::default`].
    pub fn limits(&mut self, limits: Limits) -> &mut ExtractorBuilder {
        self.config.limits = limits;
        self
    }

    /// Validates the settings and compiles every pattern once.
    pub fn build(&self) -> Result<Extractor, Error> {
        let limits = &self.config.limits;
        if limits.max_input_bytes == 0 || limits.max_depth == 0 || limits.max_nodes == 0 {
            return Err(Error::new(ErrorKind::InvalidOption {
                message: "limits must be greater than zero".to_string(),
            }));
        }
        if limits.max_blocks == 0 {
            return Err(Error::new(ErrorKind::InvalidOption {
                message: "max_blocks must be greater than zero".to_string(),
            }));
        }
        Extractor::from_config(self.config.clone())
    }
}
