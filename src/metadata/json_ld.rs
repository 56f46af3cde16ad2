//! Facts from JSON-LD (schema.org): the story's object (an article, a blog post, a forum
//! thread) gives the headline, authors and date; a web page or product gives a weaker title;
//! the web site or the story's publisher gives the site name. Objects are found wherever they
//! sit (top level, arrays, `@graph`, `mainEntity`), shallowest first, and `{"@id": ...}`
//! references to an author described elsewhere in the page are followed.

use super::json::{self, Value};
use std::collections::{HashMap, VecDeque};

/// Types whose object is the story itself.
const STORY_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "Report",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "TechArticle",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "DiscussionForumPosting",
    "Question",
    "HowTo",
    "Recipe",
    "Review",
];

/// Types of a page that is not a story, and of a product: their name is a weaker title.
const PAGE_TYPES: &[&str] = &[
    "WebPage",
    "ItemPage",
    "AboutPage",
    "CollectionPage",
    "FAQPage",
    "ProfilePage",
    "QAPage",
    "ContactPage",
    "MedicalWebPage",
    "Product",
    "Course",
    "SoftwareApplication",
    "Event",
];

/// Objects that are a person or an organisation, for authors.
const ORGANISATION_TYPES: &[&str] = &[
    "Organization",
    "NewsMediaOrganization",
    "Corporation",
    "LocalBusiness",
    "EducationalOrganization",
    "GovernmentOrganization",
    "NGO",
    "WebSite",
];

/// Objects visited at most, so that a huge block costs bounded work after parsing.
const MAX_OBJECTS: usize = 20_000;

/// What the page's JSON-LD says.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct LdFacts {
    /// The story's `headline` (or its `name`).
    pub headline: Option<String>,
    /// A non-story page's or product's `name`.
    pub page_name: Option<String>,
    /// The story's authors' names, joined with ", ".
    pub author: Option<String>,
    /// Whether every author is an organisation (a weaker author than a person's name).
    pub author_is_organisation: bool,
    /// The story's `datePublished` (or `dateCreated`, `uploadDate`), else the page's.
    pub published: Option<String>,
    /// The `WebSite`'s name, else the story's publisher's.
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
}

/// The schema.org type names of an object: `"NewsArticle"`, `["Article", "x"]`, or with a
/// prefix such as `"schema:Article"` or `"https://schema.org/Article"`.
fn types(object: &Value) -> Vec<&str> {
    fn short(t: &str) -> &str {
        t.rsplit(['/', ':', '#']).next().unwrap_or(t)
    }
    match object.get("@type") {
        Some(Value::String(t)) => vec![short(t)],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(short).collect(),
        _ => Vec::new(),
    }
}

fn is_one_of(object: &Value, names: &[&str]) -> bool {
    types(object)
        .iter()
        .any(|t| names.iter().any(|n| n.eq_ignore_ascii_case(t)))
}

/// A text value: a string, `{"@value": ...}`, or the first of an array of those.
fn text(value: &Value) -> Option<&str> {
    match value {
        Value::String(s) => Some(s.as_str()).filter(|s| !s.trim().is_empty()),
        Value::Object(_) => value.get("@value").and_then(text),
        Value::Array(items) => items.iter().find_map(text),
        _ => None,
    }
}

fn field<'v>(object: &'v Value, key: &str) -> Option<&'v str> {
    object.get(key).and_then(text)
}

/// Every object of the blocks, shallowest first, up to [`MAX_OBJECTS`].
fn objects(roots: &[Value]) -> Vec<&Value> {
    let mut found = Vec::new();
    let mut queue: VecDeque<&Value> = roots.iter().collect();
    while let Some(v) = queue.pop_front() {
        if found.len() >= MAX_OBJECTS {
            break;
        }
        match v {
            Value::Object(fields) => {
                found.push(v);
                queue.extend(fields.iter().map(|(_, f)| f));
            }
            Value::Array(items) => queue.extend(items),
            _ => {}
        }
    }
    found
}

/// The names of an `author` value, and whether each is an organisation. Objects without a
/// name are looked up by `@id` among the page's other objects.
fn authors<'v>(value: &'v Value, by_id: &HashMap<&str, &'v Value>) -> Vec<(&'v str, bool)> {
    let items: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    items
        .into_iter()
        .filter_map(|item| match item {
            Value::String(s) => Some((s.as_str(), false)),
            Value::Object(_) => {
                let described = match field(item, "name") {
                    Some(_) => item,
                    None => field(item, "@id").and_then(|id| by_id.get(id).copied())?,
                };
                let name = field(described, "name")?;
                Some((name, is_one_of(described, ORGANISATION_TYPES)))
            }
            _ => None,
        })
        .filter(|(name, _)| !name.trim().is_empty())
        .collect()
}

/// Reads every JSON-LD block of a page.
pub(crate) fn facts(blocks: &[String]) -> LdFacts {
    let roots: Vec<Value> = blocks.iter().flat_map(|b| json::parse(b)).collect();
    let objects = objects(&roots);
    let by_id: HashMap<&str, &Value> = objects
        .iter()
        .filter(|o| o.get("name").is_some())
        .filter_map(|o| Some((field(o, "@id")?, *o)))
        .collect();
    let mut facts = LdFacts::default();
    let story = objects.iter().find(|o| is_one_of(o, STORY_TYPES));
    let page = objects.iter().find(|o| is_one_of(o, PAGE_TYPES));
    if let Some(story) = story {
        facts.headline = field(story, "headline")
            .or_else(|| field(story, "name"))
            .map(str::to_string);
        if let Some(value) = story.get("author").or_else(|| story.get("creator")) {
            let names = authors(value, &by_id);
            if !names.is_empty() {
                facts.author_is_organisation = names.iter().all(|(_, org)| *org);
                let joined: Vec<&str> = names.iter().map(|(n, _)| n.trim()).collect();
                facts.author = Some(joined.join(", "));
            }
        }
        facts.published = ["datePublished", "dateCreated", "uploadDate"]
            .iter()
            .find_map(|k| field(story, k))
            .map(str::to_string);
        facts.description = field(story, "description").map(str::to_string);
        facts.language = field(story, "inLanguage").map(str::to_string);
    }
    if let Some(page) = page {
        facts.page_name = field(page, "headline")
            .or_else(|| field(page, "name"))
            .map(str::to_string);
        if facts.published.is_none() {
            facts.published = field(page, "datePublished").map(str::to_string);
        }
        if facts.language.is_none() {
            facts.language = field(page, "inLanguage").map(str::to_string);
        }
        if facts.description.is_none() {
            facts.description = field(page, "description").map(str::to_string);
        }
    }
    let website = objects.iter().find(|o| is_one_of(o, &["WebSite"]));
    let publisher = story
        .and_then(|s| s.get("publisher"))
        .and_then(|p| match p {
            Value::Array(items) => items.first(),
            other => Some(other),
        });
    facts.site_name = website
        .and_then(|w| field(w, "name"))
        .or_else(|| {
            let p = publisher?;
            field(p, "name").or_else(|| {
                let described = by_id.get(field(p, "@id")?)?;
                field(described, "name")
            })
        })
        .map(str::to_string);
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(block: &str) -> LdFacts {
        facts(&[block.to_string()])
    }

    #[test]
    fn reads_an_article() {
        let f = read(
            r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"Bridge Opens",
            "datePublished":"2024-05-02T08:00:00+02:00","inLanguage":"en",
            "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Park"}],
            "publisher":{"@type":"Organization","name":"Harbour Times"}}"#,
        );
        assert_eq!(f.headline.as_deref(), Some("Bridge Opens"));
        assert_eq!(f.author.as_deref(), Some("Ann Lee, Bo Park"));
        assert!(!f.author_is_organisation);
        assert_eq!(f.published.as_deref(), Some("2024-05-02T08:00:00+02:00"));
        assert_eq!(f.site_name.as_deref(), Some("Harbour Times"));
        assert_eq!(f.language.as_deref(), Some("en"));
    }

    #[test]
    fn follows_graph_ids_and_prefers_the_story() {
        let f = read(
            r##"{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","@id":"https://example.org/#site","name":"Example Site"},
              {"@type":"WebPage","@id":"https://example.org/p#page","name":"Page | Example Site"},
              {"@type":["Article"],"isPartOf":{"@id":"https://example.org/p#page"},
               "headline":"The Headline","author":{"@id":"https://example.org/#/person/1"},
               "datePublished":"2023-01-09"},
              {"@type":"Person","@id":"https://example.org/#/person/1","name":"Cy Dee"}]}"##,
        );
        assert_eq!(f.headline.as_deref(), Some("The Headline"));
        assert_eq!(f.page_name.as_deref(), Some("Page | Example Site"));
        assert_eq!(f.author.as_deref(), Some("Cy Dee"));
        assert_eq!(f.site_name.as_deref(), Some("Example Site"));
        assert_eq!(f.published.as_deref(), Some("2023-01-09"));
    }

    #[test]
    fn organisation_authors_and_plain_strings() {
        let f =
            read(r#"[{"@type":"BlogPosting","author":{"@type":"Organization","name":"Team"}}]"#);
        assert_eq!(f.author.as_deref(), Some("Team"));
        assert!(f.author_is_organisation);
        let f = read(
            r#"{"@type":"schema:DiscussionForumPosting","author":"forumuser","dateCreated":"2022-02-02"}"#,
        );
        assert_eq!(f.author.as_deref(), Some("forumuser"));
        assert_eq!(f.published.as_deref(), Some("2022-02-02"));
    }

    #[test]
    fn no_story_no_story_facts() {
        let f = read(r#"{"@type":"Organization","name":"Acme","author":"Nobody"}"#);
        assert_eq!(f, LdFacts::default());
        let f = read("not json at all");
        assert_eq!(f, LdFacts::default());
    }
}
