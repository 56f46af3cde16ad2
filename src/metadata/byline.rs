//! Author names as pages write them: "By Jane Doe", "Von Max Muster | 3. März", "Posted by
//! admin", `https://social.example/jane`. [`author_name`] keeps the name and refuses what names
//! no one (URLs, ids, template placeholders); [`after_by`] reads a "By ..." line.

/// Words that open a byline, in the languages of the vocabulary; longest first so that
/// "written by" is not read as "written" + "by".
const BY_PREFIXES: &[&str] = &[
    "written and reported by",
    "geschrieben von",
    "publicado por",
    "escrito por",
    "written by",
    "posted by",
    "published by",
    "reported by",
    "words by",
    "story by",
    "recipe by",
    "article by",
    "text by",
    "authored by",
    "verfasst von",
    "écrit par",
    "publié par",
    "autores:",
    "authors:",
    "author:",
    "auteur :",
    "auteur:",
    "autor:",
    "autora:",
    "von",
    "par",
    "por",
    "by",
];

/// Marks that end a name in a byline: what follows is a date, a role or the site.
const NAME_ENDS: &[&str] = &[
    " | ", " • ", " · ", " ⋅ ", " — ", " – ", " - ", " » ", " / ", "|", "•", "·",
];

/// Words left before a date or a role once it is cut off ("Kim Lo on", "Kim Lo Updated"):
/// connectives, date labels and weekdays, in the vocabulary's languages.
const TRAILING_WORDS: &[&str] = &[
    "on",
    "at",
    "le",
    "am",
    "el",
    "em",
    "de",
    "the",
    "updated",
    "published",
    "posted",
    "last",
    "date",
    "aktualisiert",
    "veröffentlicht",
    "publié",
    "publicado",
    "actualizado",
    "atualizado",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];

/// A whole value that names no one.
const NOT_NAMES: &[&str] = &[
    "admin",
    "administrator",
    "author",
    "authors",
    "by",
    "unknown",
    "null",
    "undefined",
    "none",
    "n/a",
    "anonymous",
    "guest",
    "log in",
    "login",
    "sign in",
    "sign up",
    "register",
    "my account",
    "profile",
    "view profile",
];

/// Longer than this, a "name" is a sentence.
const MAX_NAME_CHARS: usize = 120;
const MAX_NAME_WORDS: usize = 16;

/// The rest of a line that opens with a byline word ("By", "Written by", "Von"...), which must
/// stand alone (followed by a space or the end): `None` when the line does not open so.
pub(crate) fn after_by(text: &str) -> Option<&str> {
    let t = text.trim_start();
    // Only the prefixes that start with the line's first byte can match (this runs on the
    // first text of every short element).
    let first = t.as_bytes().first()?.to_ascii_lowercase();
    // The prefixes' first bytes: most lines start with none of them.
    const FIRSTS: [bool; 256] = {
        let mut firsts = [false; 256];
        let mut k = 0;
        while k < BY_PREFIXES.len() {
            firsts[BY_PREFIXES[k].as_bytes()[0] as usize] = true;
            k += 1;
        }
        firsts
    };
    if !FIRSTS[usize::from(first)] {
        return None;
    }
    BY_PREFIXES
        .iter()
        .filter(|p| p.as_bytes()[0] == first)
        .find_map(|p| {
            let head = t.get(..p.len())?;
            if !head.eq_ignore_ascii_case(p) {
                return None;
            }
            let rest = &t[p.len()..];
            let ends_word = p.ends_with(':')
                || rest.is_empty()
                || rest.starts_with(char::is_whitespace)
                || rest.starts_with(':');
            ends_word.then(|| rest.trim_start().trim_start_matches(':').trim_start())
        })
}

/// Whether a value is a web or mail address, a handle-free identifier or a template: things
/// that stand where a name should.
fn is_not_a_name(s: &str) -> bool {
    let lower = s.to_lowercase();
    let spaceless = !s.contains(' ');
    lower.contains("://")
        || lower.starts_with("www.")
        || (spaceless && s.contains('/'))
        || (spaceless && s.contains('@') && s.contains('.'))
        || s.contains("{{")
        || s.contains("${")
        || s.contains("}}")
        // `page.author.name`, `andrew.keaveney`: identifiers, not names as written.
        || (spaceless && s.contains('.') && !s.ends_with('.'))
        || !s.chars().any(char::is_alphabetic)
        || NOT_NAMES.contains(&lower.as_str())
}

/// The name(s) of a byline or an author field: entities decoded, white space collapsed, the
/// byline word and anything after a separator (a date, a role, the site) dropped. `None` when
/// what is left names no one.
pub(crate) fn author_name(raw: &str) -> Option<String> {
    let text = super::clean_text(raw);
    let mut name = after_by(&text).unwrap_or(&text);
    for end in NAME_ENDS {
        if let Some(p) = name.find(end).filter(|&p| p > 0) {
            name = &name[..p];
        }
    }
    // A date ends the name, and so does a later word that starts with a digit ("7 min read",
    // "2 comments"); digits inside a word are a user name's ("user_42").
    if let Some((p, _)) = super::find_day(name, false) {
        name = &name[..p];
    }
    if let Some(p) = name
        .split_whitespace()
        .skip(1)
        .find(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        .and_then(|w| name.find(&format!(" {w}")))
    {
        name = &name[..p];
    }
    let is_punctuation = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ';' | ':' | '-' | '–' | '—' | '•' | '·' | '|' | '&' | '⋅'
            )
    };
    let mut name = name.trim_matches(is_punctuation);
    loop {
        let (head, last) = name.rsplit_once(char::is_whitespace).unwrap_or(("", name));
        let word = last.trim_matches(is_punctuation).to_lowercase();
        if name.is_empty() || !TRAILING_WORDS.contains(&word.trim_end_matches('.')) {
            break;
        }
        name = head.trim_matches(is_punctuation);
    }
    let name = name.trim_start_matches('@');
    let words = name.split_whitespace().count();
    if name.is_empty()
        || name.len() > MAX_NAME_CHARS
        || words > MAX_NAME_WORDS
        || is_not_a_name(name)
    {
        return None;
    }
    Some(name.to_string())
}

/// Whether the rest of a "By ..." line is a name rather than a sentence ("By the river, ..."):
/// a few words, the first capitalised (or one word, a user name), no sentence punctuation.
pub(crate) fn reads_as_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(first) = words.first() else {
        return false;
    };
    let capitalised = first.chars().next().is_some_and(char::is_uppercase);
    (capitalised || words.len() == 1)
        && words.len() <= 8
        && !name.contains(['!', '?'])
        && !words
            .last()
            .is_some_and(|w| w.ends_with('.') && w.chars().count() > 3)
}

/// In an element whose class says author: the name after a "... by" ("Recipe by Kim Lo",
/// "Medically reviewed by Dr. Lo" names the reviewer, who is the page's named author).
pub(crate) fn in_author_element(text: &str) -> Option<String> {
    if let Some(rest) = after_by(text) {
        return author_name(rest);
    }
    let lower = text.to_lowercase();
    match lower.rfind(" by ") {
        // Lower-casing can change byte lengths; cut only where it kept them.
        Some(p) if lower.len() == text.len() && text.is_char_boundary(p + 4) => {
            author_name(&text[p + 4..])
        }
        _ => author_name(text),
    }
}

/// The blocks of a byline element read this far: a label, the name, a role.
const MAX_PIECES: usize = 4;

/// The author of a byline element given as the texts of its blocks: "By Kim Lo", or a label
/// block ("Written by") and the name in the next. `classed` says the element's class names an
/// author, so any block may hold the name and the first that reads as one is it ("Kim Lo",
/// then the role "Staff Writer"); otherwise the element must open with a byline word.
pub(crate) fn from_pieces(pieces: &[String], classed: bool) -> Option<String> {
    let mut after_label = false;
    for piece in pieces.iter().take(MAX_PIECES) {
        let candidate = match after_by(piece) {
            Some("") => {
                after_label = true;
                continue;
            }
            Some(rest) => author_name(rest),
            None if classed => in_author_element(piece),
            None if after_label => author_name(piece),
            None => None,
        };
        match candidate {
            Some(name) if classed || reads_as_name(&name) => return Some(name),
            _ if classed => continue,
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_by_lines() {
        assert_eq!(after_by("By Jane Doe"), Some("Jane Doe"));
        assert_eq!(after_by("  written BY  Jane"), Some("Jane"));
        assert_eq!(after_by("Von Max"), Some("Max"));
        assert_eq!(after_by("Author:Kim"), Some("Kim"));
        assert_eq!(after_by("By"), Some(""));
        assert_eq!(after_by("Written By:"), Some(""));
        assert_eq!(after_by("By: Kim"), Some("Kim"));
        assert_eq!(after_by("Bystander effect"), None);
        assert_eq!(after_by("Paris in spring"), None);
    }

    #[test]
    fn keeps_names_and_drops_the_rest() {
        assert_eq!(author_name("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(
            author_name("Haley Hoekstra • March 12, 2025").as_deref(),
            Some("Haley Hoekstra")
        );
        assert_eq!(
            author_name("Ann Lee | Staff Writer").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            author_name("Maria &amp; Katerina").as_deref(),
            Some("Maria & Katerina")
        );
        assert_eq!(author_name("@handle").as_deref(), Some("handle"));
        assert_eq!(author_name(", Ann Lee,").as_deref(), Some("Ann Lee"));
        assert_eq!(
            author_name("Jean-Luc Picard").as_deref(),
            Some("Jean-Luc Picard")
        );
        assert_eq!(author_name("Dr. A. Smith").as_deref(), Some("Dr. A. Smith"));
        assert_eq!(author_name("user_42").as_deref(), Some("user_42"));
        assert_eq!(
            author_name("Kim Lo Updated December 19, 2025").as_deref(),
            Some("Kim Lo")
        );
        assert_eq!(
            author_name("David at Sun Dec 17, 2023 11:23 am").as_deref(),
            Some("David")
        );
        assert_eq!(
            author_name("Brian Becker 7 min read").as_deref(),
            Some("Brian Becker")
        );
        assert_eq!(author_name("& Kim Lo").as_deref(), Some("Kim Lo"));
        assert_eq!(
            author_name("Kim Lo ⋅ Review Editor").as_deref(),
            Some("Kim Lo")
        );
        assert_eq!(author_name("Sun Dec 17, 2023 11:23 am"), None);
        assert_eq!(author_name("March 2, 2026"), None);
    }

    #[test]
    fn names_in_lines() {
        assert!(reads_as_name("Jane Doe"));
        assert!(reads_as_name("kimlo"));
        assert!(reads_as_name("Sammy Davis Jr."));
        assert!(!reads_as_name("the river, where we met"));
        assert!(!reads_as_name(
            "Far The Most Popular Choice In The Country Since Then Ok"
        ));
        assert!(!reads_as_name("Popular demand."));
        assert_eq!(
            in_author_element("Recipe by Kim Lo").as_deref(),
            Some("Kim Lo")
        );
        assert_eq!(
            in_author_element("Reviewed by Dr. Lo").as_deref(),
            Some("Dr. Lo")
        );
        assert_eq!(in_author_element("Kim Lo").as_deref(), Some("Kim Lo"));
    }

    #[test]
    fn byline_blocks() {
        let pieces = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let read = |p: &[&str], classed| from_pieces(&pieces(p), classed);
        assert_eq!(
            read(&["By Kim Lo", "Staff Writer"], false).as_deref(),
            Some("Kim Lo")
        );
        assert_eq!(
            read(&["Written by:", "Kim Lo", "Editor"], false).as_deref(),
            Some("Kim Lo")
        );
        assert_eq!(
            read(&["Kim Lo", "Staff Writer"], true).as_deref(),
            Some("Kim Lo")
        );
        assert_eq!(read(&["Kim Lo", "Staff Writer"], false), None);
        assert_eq!(read(&["By the river we sat"], false), None);
        assert_eq!(read(&[], true), None);
    }

    #[test]
    fn refuses_what_names_no_one() {
        for bad in [
            "https://social.example/jane",
            "www.example.org/jane",
            "example.org/jane",
            "jane@example.org",
            "page.head.author",
            "{{ author.name }}",
            "123456789",
            "admin",
            "By",
            "",
            "   ",
        ] {
            assert_eq!(author_name(bad), None, "{bad:?}");
        }
        assert_eq!(author_name(&"word ".repeat(40)), None);
    }
}
