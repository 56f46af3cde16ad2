//! What a corpus's `meta.jsonl` says about each document (page type, title, author, date), and
//! how the metadata corestory found is scored against it.
//!
//! Matching, per field, over the documents whose record has a value for it:
//! - **title**: equal after Unicode lower-casing and keeping only the word tokens (score.py's
//!   `\w+`), so case, white space and punctuation do not count. wcxb's gold title is the
//!   headline as a reader sees it, without the site's name, so a title that still carries
//!   " | Site" or "Site - " is counted wrong; `title_loose` also counts those (our title holds
//!   the gold one as a run of tokens) to show how much is only a suffix.
//! - **author**: names are split on `,`, `;`, `&`, `|`, `/` and the words "and", "und", "et",
//!   "y", "e", each normalised as titles are; a match when the whole strings are equal or the
//!   gold's first name is one of ours ("Ann Lee, Bo Park" matches gold "Bo Park & Ann Lee";
//!   "Dylan Bailey" matches gold "Dylan Bailey, MS, RD").
//! - **date**: the same calendar day: `Metadata::published_date` equals the gold `YYYY-MM-DD`
//!   (a gold `YYYY-MM` wants the same month).
//!
//! Figures: `X_n` documents with a gold value; `X_acc` the share of them we match; `X_p` the
//! share right among those of them where we output something (a precision: how often what we
//! say is right); `X_extra` (author, date) the share of the documents with no gold value where
//! we output one anyway (the gold's "none" may be "unknown", so read it as a hint).

use std::collections::HashMap;

use corestory::Metadata;

use crate::score::tokens;

/// One document's record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocMeta {
    pub page_type: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
}

impl DocMeta {
    /// Whether the record has anything to score metadata against.
    pub fn has_gold(&self) -> bool {
        self.title.is_some() || self.author.is_some() || self.date.is_some()
    }
}

/// Records from a meta.jsonl text, by id; a later record of an id replaces an earlier one (as
/// score.py reads page types). Empty strings count as absent. Errors name the first malformed
/// line.
pub fn parse(meta_jsonl: &str) -> Result<HashMap<String, DocMeta>, String> {
    let mut records = HashMap::new();
    for (i, line) in meta_jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1))?;
        let Some(id) = v.get("id").and_then(|x| x.as_str()) else {
            continue;
        };
        let field = |k: &str| {
            v.get(k)
                .and_then(|x| x.as_str())
                .filter(|s| !s.trim().is_empty())
                .map(str::to_owned)
        };
        records.insert(
            id.to_owned(),
            DocMeta {
                page_type: field("page_type"),
                title: field("title"),
                author: field("author"),
                date: field("date"),
            },
        );
    }
    Ok(records)
}

/// Lower-cased word tokens joined by one space.
fn normalise(s: &str) -> String {
    tokens(&s.to_lowercase()).join(" ")
}

/// Whether our title is the gold one, and whether it at least holds it as a run of tokens.
pub fn title_match(gold: &str, ours: &str) -> (bool, bool) {
    let (g, o) = (normalise(gold), normalise(ours));
    if g == o {
        return (true, true);
    }
    let loose = !g.is_empty() && format!(" {o} ").contains(&format!(" {g} "));
    (false, loose)
}

fn author_names(s: &str) -> Vec<String> {
    let mut spaced = format!(" {} ", s.to_lowercase());
    for word in [" and ", " und ", " et ", " y ", " e "] {
        spaced = spaced.replace(word, ",");
    }
    spaced
        .split([',', ';', '&', '|', '/'])
        .map(normalise)
        .filter(|n| !n.is_empty())
        .collect()
}

pub fn author_matches(gold: &str, ours: &str) -> bool {
    if normalise(gold) == normalise(ours) {
        return true;
    }
    let ours = author_names(ours);
    author_names(gold)
        .first()
        .is_some_and(|first| ours.contains(first))
}

/// `ours` is a `YYYY-MM-DD` day; `gold` a day or a `YYYY-MM` month.
pub fn date_matches(gold: &str, ours: &str) -> bool {
    let gold = gold.trim();
    match gold.len() {
        7 => ours.starts_with(gold) && ours.as_bytes().get(7) == Some(&b'-'),
        _ => ours == gold,
    }
}

/// Counts for one field.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tally {
    /// Documents with a gold value.
    pub n: usize,
    pub correct: usize,
    /// Documents with a gold value where we output one (right or wrong).
    pub output: usize,
    /// Title only: our title holds the gold one (correct ones included).
    pub loose: usize,
    /// Documents without a gold value.
    pub no_gold: usize,
    /// Documents without a gold value where we output one.
    pub extra: usize,
}

impl Tally {
    fn add(
        &mut self,
        gold: Option<&str>,
        ours: Option<&str>,
        matches: impl Fn(&str, &str) -> bool,
    ) {
        match gold {
            Some(g) => {
                self.n += 1;
                if let Some(o) = ours {
                    self.output += 1;
                    self.correct += usize::from(matches(g, o));
                }
            }
            None => {
                self.no_gold += 1;
                self.extra += usize::from(ours.is_some());
            }
        }
    }
}

/// The three fields' tallies.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MetaScore {
    pub title: Tally,
    pub author: Tally,
    pub date: Tally,
}

impl MetaScore {
    /// Scores one document: `ours` is `None` when its extraction failed.
    pub fn add(&mut self, gold: &DocMeta, ours: Option<&Metadata>) {
        let title = ours.and_then(|m| m.title.as_deref());
        self.title
            .add(gold.title.as_deref(), title, |g, o| title_match(g, o).0);
        if let (Some(g), Some(o)) = (gold.title.as_deref(), title) {
            self.title.loose += usize::from(title_match(g, o).1);
        }
        self.author.add(
            gold.author.as_deref(),
            ours.and_then(|m| m.author.as_deref()),
            author_matches,
        );
        let published = ours.and_then(|m| m.published.as_ref().map(|_| m.published_date()));
        // A date we output but cannot read as a day is output, and wrong.
        self.date.add(
            gold.date.as_deref(),
            published.as_ref().map(|d| d.as_deref().unwrap_or("")),
            date_matches,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_records() {
        let meta = "{\"id\": \"1\", \"page_type\": \"article\", \"title\": \"T\", \"author\": null, \"date\": \"2025-01-02\"}\n\n{\"id\": \"2\"}\n\
                    {\"id\": \"3\", \"page_type\": \"forum\"}\n{\"id\": \"3\", \"page_type\": \"list\", \"author\": \"\"}\n";
        let t = parse(meta).expect("valid");
        assert_eq!(t.len(), 3);
        assert_eq!(t["1"].page_type.as_deref(), Some("article"));
        assert_eq!(t["1"].author, None);
        assert_eq!(t["1"].date.as_deref(), Some("2025-01-02"));
        assert!(t["1"].has_gold() && !t["3"].has_gold());
        assert_eq!(t["2"], DocMeta::default());
        assert_eq!(t["3"].page_type.as_deref(), Some("list"));
        assert!(parse("{\"id\": 1}\nnot json")
            .unwrap_err()
            .starts_with("line 2"));
    }

    #[test]
    fn titles_match_on_words() {
        assert_eq!(title_match("What's New?", "what’s  NEW"), (true, true));
        assert_eq!(title_match("Été à Paris", "ÉTÉ À PARIS!"), (true, true));
        assert_eq!(
            title_match("Hello World", "Hello World | Site"),
            (false, true)
        );
        assert_eq!(title_match("Hello World", "Hello Worlds"), (false, false));
    }

    #[test]
    fn authors_match_by_name() {
        assert!(author_matches("Jane Doe", "jane doe"));
        assert!(author_matches("Dylan Bailey, MS, RD", "Dylan Bailey"));
        assert!(author_matches("Bo Park & Ann Lee", "Ann Lee, Bo Park"));
        assert!(author_matches("Bo Park", "Ann Lee and Bo Park"));
        assert!(!author_matches("Bo Park", "Bo Parker"));
        assert!(!author_matches("Bo Park", ""));
    }

    #[test]
    fn dates_match_by_day() {
        assert!(date_matches("2025-09-04", "2025-09-04"));
        assert!(!date_matches("2025-09-04", "2025-09-05"));
        assert!(date_matches("2025-09", "2025-09-30"));
        assert!(!date_matches("2025-09", ""));
    }

    #[test]
    fn tallies_count_wrong_missing_and_extra() {
        let gold = DocMeta {
            title: Some("A Title".into()),
            author: None,
            date: Some("2025-01-02".into()),
            ..DocMeta::default()
        };
        let ours = Metadata {
            title: Some("A Title - Site".into()),
            author: Some("Someone".into()),
            published: Some("January 2, 2025".into()),
            ..Metadata::default()
        };
        let mut s = MetaScore::default();
        s.add(&gold, Some(&ours));
        s.add(&gold, None);
        assert_eq!(
            (s.title.n, s.title.correct, s.title.output, s.title.loose),
            (2, 0, 1, 1)
        );
        assert_eq!((s.author.n, s.author.no_gold, s.author.extra), (0, 2, 1));
        assert_eq!((s.date.n, s.date.correct, s.date.output), (2, 1, 1));
    }
}
