//! Publication dates as calendar days: the first date written in a string, in any of the forms
//! pages use (`2025-09-04T10:00:00Z`, `4 September 2025`, `Sept. 4th, 2025`, `04/09/2025`,
//! `4 de setembro de 2025`, `2025年9月4日`), read as written: a time zone never moves the day,
//! since the day the publisher printed is the one readers saw.
//!
//! A hand-written scanner over tokens rather than a regex: the month names of five languages
//! and their abbreviations are one table lookup here, and no pattern is compiled.

/// Month names and their usual abbreviations, English, German, French, Spanish, Portuguese,
/// Italian and Dutch, lower-case, by month. A word names a month when it is one of these, or a
/// prefix of at least three letters of one ("Sept", "févr", "dic").
const MONTHS: [&[&str]; 12] = [
    &[
        "january", "januar", "janvier", "enero", "janeiro", "gennaio", "januari", "jänner",
    ],
    &[
        "february",
        "februar",
        "février",
        "fevrier",
        "febrero",
        "fevereiro",
        "febbraio",
        "februari",
    ],
    &[
        "march", "märz", "maerz", "mars", "marzo", "março", "marco", "maart",
    ],
    &["april", "avril", "abril", "aprile"],
    &["may", "mai", "mayo", "maio", "maggio", "mei"],
    &["june", "juni", "juin", "junio", "junho", "giugno"],
    &["july", "juli", "juillet", "julio", "julho", "luglio"],
    &["august", "août", "aout", "agosto", "augustus"],
    &[
        "september",
        "septembre",
        "septiembre",
        "setembro",
        "settembre",
        "setiembre",
    ],
    &[
        "october", "oktober", "octobre", "octubre", "outubro", "ottobre",
    ],
    &["november", "novembre", "noviembre", "novembro"],
    &[
        "december",
        "dezember",
        "décembre",
        "decembre",
        "diciembre",
        "dezembro",
        "dicembre",
    ],
];

/// The shortest abbreviation read as a month. Some are also words ("ago" for agosto, "out" for
/// outubro, "mar"), which is safe because a month only counts between a day and a year.
const MIN_ABBREVIATION: usize = 3;

/// Words between a day and its month or year: ordinal suffixes and the Romance "de".
const FILLERS: &[&str] = &["st", "nd", "rd", "th", "er", "º", "o", "de", "del", "of"];

/// Years outside this range are page furniture (copyright spans, model numbers), not dates.
const YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Token<'a> {
    /// A run of ASCII digits, with its value (saturated) and length.
    Number { value: u32, digits: usize },
    /// A run of letters.
    Word(&'a str),
    /// Any other character except white space.
    Mark(char),
}

/// A token and whether white space came before it.
#[derive(Clone, Copy, Debug)]
struct Spanned<'a> {
    token: Token<'a>,
    spaced: bool,
    /// Byte offset of the token in the text.
    start: usize,
}

fn tokens(text: &str) -> Vec<Spanned<'_>> {
    let mut out = Vec::new();
    let mut spaced = false;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let token = if c.is_ascii_digit() {
            let mut end = start + 1;
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = i + 1;
                chars.next();
            }
            let digits = &text[start..end];
            Token::Number {
                value: digits.parse().unwrap_or(u32::MAX),
                digits: digits.len(),
            }
        } else if c.is_alphabetic() && !is_cjk_date_mark(c) {
            let mut end = start + c.len_utf8();
            while let Some(&(i, l)) = chars.peek() {
                if !l.is_alphabetic() || is_cjk_date_mark(l) {
                    break;
                }
                end = i + l.len_utf8();
                chars.next();
            }
            Token::Word(&text[start..end])
        } else {
            Token::Mark(c)
        };
        out.push(Spanned {
            token,
            spaced,
            start,
        });
        spaced = false;
    }
    out
}

fn is_cjk_date_mark(c: char) -> bool {
    matches!(c, '年' | '月' | '日' | '년' | '월' | '일')
}

/// The month a word names (1 to 12).
fn month_named(word: &str) -> Option<u8> {
    let lower = word.to_lowercase();
    if lower.chars().count() < MIN_ABBREVIATION {
        return None;
    }
    MONTHS
        .iter()
        .position(|names| names.iter().any(|n| n.starts_with(lower.as_str())))
        .map(|m| m as u8 + 1)
}

fn days_in(year: u32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A valid day, or nothing.
fn day(year: u32, month: u32, day: u32) -> Option<(u16, u8, u8)> {
    let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
    let d = u8::try_from(day).ok()?;
    (YEARS.contains(&year) && d >= 1 && d <= days_in(year, month)).then_some((
        year as u16,
        month,
        d,
    ))
}

/// A two-digit year is this century's.
fn full_year(value: u32, digits: usize) -> Option<u32> {
    match digits {
        4 => Some(value),
        2 => Some(2000 + value),
        _ => None,
    }
}

/// Reads tokens from a position, skipping fillers where a date allows them.
struct Cursor<'t, 'a> {
    tokens: &'t [Spanned<'a>],
    at: usize,
}

impl<'a> Cursor<'_, 'a> {
    fn peek(&self) -> Option<Token<'a>> {
        self.tokens.get(self.at).map(|s| s.token)
    }

    /// The next token, if it follows with no white space before it.
    fn tight(&self) -> Option<Token<'a>> {
        self.tokens
            .get(self.at)
            .filter(|s| !s.spaced)
            .map(|s| s.token)
    }

    fn number(&mut self, max_digits: usize) -> Option<(u32, usize)> {
        match self.peek()? {
            Token::Number { value, digits } if digits <= max_digits => {
                self.at += 1;
                Some((value, digits))
            }
            _ => None,
        }
    }

    fn month(&mut self) -> Option<u8> {
        match self.peek()? {
            Token::Word(w) => {
                let m = month_named(w)?;
                self.at += 1;
                Some(m)
            }
            _ => None,
        }
    }

    /// Skips punctuation and filler words ("4th", "de", "4.", "Sept.,").
    fn skip_fillers(&mut self) {
        while let Some(t) = self.peek() {
            match t {
                Token::Mark('.' | ',') => {}
                Token::Word(w) if FILLERS.iter().any(|f| w.eq_ignore_ascii_case(f)) => {}
                _ => return,
            }
            self.at += 1;
        }
    }

    /// A number that follows with no white space before it.
    fn tight_number(&mut self, max_digits: usize) -> Option<(u32, usize)> {
        self.tight()?;
        self.number(max_digits)
    }

    fn year(&mut self) -> Option<u32> {
        match self.peek()? {
            Token::Number { value, digits: 4 } => {
                self.at += 1;
                Some(value)
            }
            _ => None,
        }
    }
}

/// `2025-09-04`, `2025/9/4`, `2025.09.04`, and `2025年9月4日`.
fn year_first(c: &mut Cursor<'_, '_>) -> Option<(u16, u8, u8)> {
    let (year, _) = c.number(4).filter(|&(_, d)| d == 4)?;
    let (month, d) = match c.tight()? {
        Token::Mark(sep @ ('-' | '/' | '.')) => {
            c.at += 1;
            let (month, _) = c.tight_number(2)?;
            (c.tight()? == Token::Mark(sep)).then_some(())?;
            c.at += 1;
            (month, c.tight_number(2)?.0)
        }
        Token::Mark('年' | '년') => {
            c.at += 1;
            let (month, _) = c.number(2)?;
            matches!(c.peek()?, Token::Mark('月' | '월')).then_some(())?;
            c.at += 1;
            (month, c.number(2)?.0)
        }
        _ => return None,
    };
    day(year, month, d)
}

/// `September 4, 2025`, `Sept. 4th, 2025`.
fn month_name_first(c: &mut Cursor<'_, '_>) -> Option<(u16, u8, u8)> {
    let month = c.month()?;
    c.skip_fillers();
    let (d, _) = c.number(2)?;
    c.skip_fillers();
    let year = c.year()?;
    day(year, u32::from(month), d)
}

/// `4 September 2025`, `4. September 2025`, `1er janvier 2025`, `4 de setembro de 2025`.
fn day_first(c: &mut Cursor<'_, '_>) -> Option<(u16, u8, u8)> {
    let (d, _) = c.number(2)?;
    c.skip_fillers();
    let month = c.month()?;
    c.skip_fillers();
    let year = c.year()?;
    day(year, u32::from(month), d)
}

/// `04/09/2025`, `4.9.2025`, `04-09-25`: day first unless `month_first` and the date is not
/// dotted; a number over 12 settles the order either way.
fn numeric(c: &mut Cursor<'_, '_>, month_first: bool) -> Option<(u16, u8, u8)> {
    let (a, _) = c.number(2)?;
    let sep = match c.tight()? {
        Token::Mark(s @ ('-' | '/' | '.')) => s,
        _ => return None,
    };
    c.at += 1;
    let (b, _) = c.tight_number(2)?;
    (c.tight()? == Token::Mark(sep)).then_some(())?;
    c.at += 1;
    let (y, digits) = c.tight_number(4)?;
    let year = full_year(y, digits)?;
    // A dotted date is day first everywhere; otherwise the order is the one the page's
    // language writes, unless a number over 12 settles it.
    let (month, d) = if a > 12 || sep == '.' || (!month_first && b <= 12) {
        (b, a)
    } else {
        (a, b)
    };
    day(year, month, d)
}

/// The first calendar day written in `text`, as (year, month, day). `month_first` reads an
/// ambiguous numeric date such as `04/09/2025` as April 9 (US English) rather than 4 September.
pub(crate) fn calendar_day(text: &str, month_first: bool) -> Option<(u16, u8, u8)> {
    find_day(text, month_first).map(|(_, day)| day)
}

/// The first calendar day written in `text` and the byte offset where it starts.
pub(crate) fn find_day(text: &str, month_first: bool) -> Option<(usize, (u16, u8, u8))> {
    let tokens = tokens(text);
    for start in 0..tokens.len() {
        // The middle of a dotted or dashed number run ("1.2.3", "555-12-10") starts no date.
        let inside_number_run = start >= 2
            && !tokens[start].spaced
            && !tokens[start - 1].spaced
            && matches!(tokens[start - 1].token, Token::Mark('-' | '/' | '.'))
            && matches!(tokens[start - 2].token, Token::Number { .. });
        if inside_number_run {
            continue;
        }
        let cursor = || Cursor {
            tokens: &tokens,
            at: start,
        };
        let found = year_first(&mut cursor())
            .or_else(|| month_name_first(&mut cursor()))
            .or_else(|| day_first(&mut cursor()))
            .or_else(|| numeric(&mut cursor(), month_first));
        if let Some(day) = found {
            return Some((tokens[start].start, day));
        }
    }
    None
}

/// Whether a page in `language` (a BCP 47 tag) writes numeric dates month first.
pub(crate) fn writes_month_first(language: Option<&str>) -> bool {
    let Some(lang) = language else {
        return false;
    };
    let lang = lang.trim().to_ascii_lowercase().replace('_', "-");
    lang == "en-us" || lang == "en"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(text: &str) -> Option<(u16, u8, u8)> {
        calendar_day(text, false)
    }

    #[test]
    fn iso_and_year_first() {
        assert_eq!(ymd("2025-09-04T23:30:00-04:00"), Some((2025, 9, 4)));
        assert_eq!(ymd("2025/9/4"), Some((2025, 9, 4)));
        assert_eq!(ymd("Posted 2025.09.04 at noon"), Some((2025, 9, 4)));
        assert_eq!(ymd("2025年9月4日"), Some((2025, 9, 4)));
        assert_eq!(ymd("2025-02-30"), None);
        assert_eq!(ymd("2025-9"), None);
        assert_eq!(ymd("2025 - 09 - 04"), None);
    }

    #[test]
    fn month_names_in_several_languages() {
        assert_eq!(ymd("September 4, 2025"), Some((2025, 9, 4)));
        assert_eq!(
            ymd("Published: Sept. 4th, 2025 at 10:00"),
            Some((2025, 9, 4))
        );
        assert_eq!(ymd("4 September 2025"), Some((2025, 9, 4)));
        assert_eq!(ymd("Veröffentlicht am 4. März 2024"), Some((2024, 3, 4)));
        assert_eq!(ymd("1er janvier 2024"), Some((2024, 1, 1)));
        assert_eq!(ymd("4 de setembro de 2025"), Some((2025, 9, 4)));
        assert_eq!(ymd("12 dic 2023"), Some((2023, 12, 12)));
        assert_eq!(ymd("Updated Feb 29, 2023"), None);
        // A month and a year without a day is not a calendar day.
        assert_eq!(ymd("September 2025"), None);
    }

    #[test]
    fn numeric_dates_follow_the_language() {
        assert_eq!(calendar_day("04/09/2025", true), Some((2025, 4, 9)));
        assert_eq!(calendar_day("04/09/2025", false), Some((2025, 9, 4)));
        assert_eq!(calendar_day("25/12/2024", true), Some((2024, 12, 25)));
        assert_eq!(calendar_day("12/25/2024", false), Some((2024, 12, 25)));
        assert_eq!(calendar_day("4.9.25", true), Some((2025, 9, 4)));
        assert!(writes_month_first(Some("en-US")));
        assert!(!writes_month_first(Some("en-GB")));
        assert!(!writes_month_first(None));
    }

    #[test]
    fn finds_where_the_date_starts() {
        assert_eq!(
            find_day("Kim Lo Sept. 4, 2025", false),
            Some((7, (2025, 9, 4)))
        );
        assert_eq!(find_day("Été 4 août 2025", false), Some((6, (2025, 8, 4))));
    }

    #[test]
    fn no_date_in_other_numbers() {
        assert_eq!(ymd("3 days ago"), None);
        assert_eq!(ymd("Version 1.2.3"), None);
        assert_eq!(ymd("© 1999-2025 Example"), None);
        assert_eq!(ymd(""), None);
        assert_eq!(ymd("call 555-12-10-2024"), None);
    }
}
