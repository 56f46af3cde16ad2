//! The copyright-line template matched by hand. As a whole-block pattern, its `.{1,80}?` before
//! an optional rights phrase has the lazy DFA track every count up to 80 with every partial
//! phrase: the states overflow the DFA's cache, which is cleared and refilled on every line
//! (about 100,000 instructions a line). Read from both ends instead, the line is a few
//! comparisons: the head from the start, the rights phrase from the end, and the notice
//! between them is any 1 to 80 characters.

/// The template, as [`super::chrome::PATTERNS`] lists it (matched whole: `^(?s:…)$`).
pub(crate) const COPYRIGHT_LINE: &str = r"(?i)(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?.{1,80}?(?:all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|todos os direitos reservados)?\.?";

/// The rights phrases that may end the line, lower case.
const RIGHTS: [&str; 5] = [
    "all rights reserved",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "todos los derechos reservados",
    "todos os direitos reservados",
];

/// The notice between the head and the rights phrase: `.{1,80}`.
const NOTICE_CHARS: std::ops::RangeInclusive<usize> = 1..=80;

/// Whether [`COPYRIGHT_LINE`] matches the whole of `text`, as `regex` would.
pub(crate) fn is_copyright_line(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let Some(head) = head_chars(&chars) else {
        return false;
    };
    let ends = tail_ends(&chars);
    // Whether what follows position `q` is the notice, then a rights phrase and a period as
    // the line's end allows.
    let tail_from = |q: usize| {
        ends.iter()
            .any(|&end| end >= q && NOTICE_CHARS.contains(&(end - q)))
    };
    // The end of the run of white space from `at`: `\s*` stops anywhere up to it.
    let space_end = |at: usize| {
        at + chars.get(at..).map_or(0, |rest| {
            rest.iter().take_while(|c| c.is_whitespace()).count()
        })
    };
    // Where `\s*(?:©\s*)?` may end, as runs of positions.
    let first_space = space_end(head);
    let mut runs = vec![(head, first_space)];
    if chars.get(first_space) == Some(&'©') {
        runs.push((first_space + 1, space_end(first_space + 1)));
    }
    for (from, to) in runs {
        for at in from..=to {
            if tail_from(at) {
                return true;
            }
            // The year group: `\d{4}(?:\s*[-–]\s*\d{4})?,?\s*`.
            let Some(year) = four_digits(&chars, at) else {
                continue;
            };
            let mut years = vec![year];
            let dash = space_end(year);
            if matches!(chars.get(dash), Some('-' | '–')) {
                years.extend(four_digits(&chars, space_end(dash + 1)));
            }
            for end in years {
                let comma = (chars.get(end) == Some(&',')).then_some(end + 1);
                for after in std::iter::once(end).chain(comma) {
                    if (after..=space_end(after)).any(tail_from) {
                        return true;
                    }
                }
            }
        }
    }
    false
}

/// The characters of `(?i)(?:copyright|©|\(c\))` at the start of the line, if it starts so.
fn head_chars(chars: &[char]) -> Option<usize> {
    if chars.first() == Some(&'©') {
        return Some(1);
    }
    ["copyright", "(c)"]
        .iter()
        .find(|word| spells_at(chars, 0, word))
        .map(|word| word.chars().count())
}

/// The positions the notice may end at: before a rights phrase and a period that end the
/// line, each optional.
fn tail_ends(chars: &[char]) -> Vec<usize> {
    let n = chars.len();
    let mut ends = vec![n];
    if chars.last() == Some(&'.') {
        ends.push(n - 1);
    }
    for &end in &ends.clone() {
        for phrase in RIGHTS {
            let len = phrase.chars().count();
            if let Some(start) = end.checked_sub(len) {
                if spells_at(chars, start, phrase) {
                    ends.push(start);
                }
            }
        }
    }
    ends
}

/// Whether `chars` hold `word` (lower case) at `at`, ignoring case as `(?i)` does: by simple
/// case folding, under which `ſ` is an `s` too.
fn spells_at(chars: &[char], at: usize, word: &str) -> bool {
    word.chars().enumerate().all(|(k, want)| {
        chars.get(at + k).is_some_and(|&c| {
            let mut lower = c.to_lowercase();
            c == want
                || (c == 'ſ' && want == 's')
                || (lower.next() == Some(want) && lower.next().is_none())
        })
    })
}

/// The position after four digits (`\d`: any decimal digit of Unicode) at `at`, if there are.
fn four_digits(chars: &[char], at: usize) -> Option<usize> {
    let digits = chars.get(at..at + 4)?;
    digits
        .iter()
        .all(|&c| is_decimal_digit(c))
        .then_some(at + 4)
}

/// Whether `c` is a decimal digit of any script (general category `Nd`, as `\d`).
fn is_decimal_digit(c: char) -> bool {
    use once_cell::sync::Lazy;
    use regex_syntax::hir::{Class, HirKind};
    static DIGITS: Lazy<Vec<(char, char)>> = Lazy::new(|| {
        let hir = regex_syntax::parse(r"\d").expect("a class");
        match hir.kind() {
            HirKind::Class(Class::Unicode(class)) => {
                class.iter().map(|r| (r.start(), r.end())).collect()
            }
            _ => unreachable!("\\d is a Unicode class"),
        }
    });
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    let at = DIGITS.partition_point(|&(_, end)| end < c);
    DIGITS.get(at).is_some_and(|&(start, _)| start <= c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{pseudo_random, strings_of};

    fn regex() -> regex::Regex {
        regex::Regex::new(&format!("^(?s:{COPYRIGHT_LINE})$")).unwrap()
    }

    #[test]
    fn answers_as_the_pattern_does_on_short_mixes() {
        let re = regex();
        let pieces = [
            "©",
            "(C)",
            "Copyright",
            " ",
            "\u{a0}",
            "2024",
            "٢٠٢٤",
            "-",
            "–",
            ",",
            ".",
            "x",
        ];
        let mut matches = 0;
        for text in strings_of(&pieces, 4) {
            let want = re.is_match(&text);
            assert_eq!(is_copyright_line(&text), want, "{text:?}");
            matches += usize::from(want);
        }
        assert!(matches > 100, "{matches}");
    }

    #[test]
    fn answers_as_the_pattern_does_on_generated_lines() {
        let re = regex();
        let heads = [
            "",
            "©",
            "(c)",
            "(C) ",
            "COPYRIGHT",
            "copyright ",
            "Copyright ©",
            "Cop",
        ];
        let middles = [
            "",
            " ",
            "  \n",
            "©",
            "© ",
            "2024",
            "2024 ",
            "2019-2024",
            "2019 – 2024,",
            "2024, ",
            "١٩٩٩",
            "12345",
            "2024-",
            "Example Media",
            "The Example Gazette Ltd",
            "Straße ſ É",
        ];
        let rights = [
            "",
            "All rights reserved",
            "ALL RIGHTS RESERVED.",
            "all riſhts reserved",
            "alle Rechte vorbehalten.",
            "Tous droits RÉSERVÉS",
            "todos los derechos reservados.",
            "Todos os direitos reservados",
            "all rights reserve",
            ".",
            "..",
            ". ",
        ];
        let mut next = pseudo_random(0x9e37_79b9_7f4a_7c15);
        let mut matches = 0;
        for round in 0..20_000 {
            let mut text = String::new();
            text.push_str(heads[next(heads.len())]);
            for _ in 0..next(4) {
                text.push_str(middles[next(middles.len())]);
            }
            // Notices around the 80 characters the pattern allows.
            let filler = ["x", "é", "日", " ", "\n", "İ", "\u{212A}"][next(7)];
            let width = [0, 1, 2, 40, 78, 79, 80, 81, 82, 100][next(10)];
            text.push_str(&filler.repeat(width));
            for _ in 0..next(3) {
                text.push_str(rights[next(rights.len())]);
            }
            if round % 7 == 0 {
                text.push_str(middles[next(middles.len())]);
            }
            let want = re.is_match(&text);
            assert_eq!(is_copyright_line(&text), want, "{text:?}");
            matches += usize::from(want);
        }
        assert!(matches > 2_000, "{matches}");
    }

    #[test]
    fn digits_are_those_of_the_pattern() {
        let re = regex::Regex::new(r"^\d$").unwrap();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                is_decimal_digit(c),
                re.is_match(c.encode_utf8(&mut [0; 4])),
                "{c:?}"
            );
        }
    }

    #[test]
    fn letters_fold_as_the_pattern_folds_them() {
        // Every character against every letter the head and the phrases spell.
        let letters: String = RIGHTS.concat() + "copyright(c)";
        for want in letters.chars().collect::<std::collections::BTreeSet<_>>() {
            let re =
                regex::Regex::new(&format!("^(?i:{})$", regex::escape(&want.to_string()))).unwrap();
            for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
                let text = c.to_string();
                assert_eq!(
                    spells_at(&[c], 0, &want.to_string()),
                    re.is_match(&text),
                    "{c:?} as {want:?}"
                );
            }
        }
    }
}
