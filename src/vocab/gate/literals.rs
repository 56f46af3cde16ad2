//! The literal conditions of a pattern, read off its syntax tree (see the [module](super)):
//! sets of folded strings, one of each in every text the pattern matches; and its skeleton,
//! the pattern with long bounded repetitions widened.

use regex_syntax::ast::{self, Ast, RepetitionKind, RepetitionRange};
use regex_syntax::hir::{Capture, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Repetition};

/// Conditions weaker than this many characters (in their shortest literal) are not worth
/// testing.
const MIN_ANCHOR_CHARS: usize = 3;

/// Condition strings are cut to their first this many characters before they are registered:
/// a text that holds a string holds its start, so a condition stays necessary, and past this
/// length a string hardly gets more selective, while every further character adds states to
/// the automaton (whose DFA's build time is proportional to its states).
pub(super) const MAX_ANCHOR_CHARS: usize = 16;

/// `s` cut to [`MAX_ANCHOR_CHARS`] characters.
pub(super) fn anchor_prefix(mut s: String) -> String {
    if let Some((at, _)) = s.char_indices().nth(MAX_ANCHOR_CHARS) {
        s.truncate(at);
    }
    s
}

/// At most this many strings stand for one part of a pattern (`(?:this|the) post` is two).
const MAX_ALTERNATIVES: usize = 64;

/// One character as anchors and folded text spell it: lower case, with the few characters whose
/// simple case folding leaves ASCII lower-casing (`ſ`, the Kelvin and Ångström signs) mapped
/// onto their partners.
pub(super) fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        'ſ' => 's',
        '\u{212A}' => 'k',
        '\u{212B}' => 'å',
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// A pattern character as an anchor spells it, or `None` when some character it may match
/// (under case-insensitive matching, which is assumed everywhere) folds differently.
fn anchor_char(c: char) -> Option<char> {
    // Every case variant of an ASCII character folds to its lower case (`K`, `ſ` included):
    // the tests check this against the general answer.
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    anchor_char_by_class(c)
}

/// [`anchor_char`] worked out from the character's case-folded class.
fn anchor_char_by_class(c: char) -> Option<char> {
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    let folded = fold_char(c);
    class
        .iter()
        .flat_map(|r| r.start()..=r.end())
        .all(|m| fold_char(m) == folded)
        .then_some(folded)
}

/// What a part of a pattern says about the text it matches.
#[derive(Default)]
struct Lits {
    /// Every string the part can match (folded), when there are few.
    exact: Option<Vec<String>>,
    /// Necessary conditions: the text holds at least one string of each set.
    conds: Vec<Vec<String>>,
}

impl Lits {
    fn empty() -> Lits {
        Lits {
            exact: Some(vec![String::new()]),
            conds: Vec::new(),
        }
    }
}

/// How selective a condition is: the weight of its lightest string, where a letter, digit or
/// space weighs 1, ASCII punctuation 2 and any other character 3 (`©`, `…` and `![` are rarer
/// in text than most three-letter words).
fn weight(set: &[String]) -> usize {
    let of = |c: char| match c {
        _ if c.is_ascii_alphanumeric() || c == ' ' => 1,
        _ if c.is_ascii() => 2,
        _ => 3,
    };
    set.iter()
        .map(|s| s.chars().map(of).sum())
        .min()
        .unwrap_or(0)
}

fn cross(a: &[String], b: &[String]) -> Option<Vec<String>> {
    if a.len() * b.len() > MAX_ALTERNATIVES {
        return None;
    }
    Some(
        a.iter()
            .flat_map(|x| b.iter().map(move |y| format!("{x}{y}")))
            .collect(),
    )
}

fn union(sets: impl Iterator<Item = Vec<String>>) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for set in sets {
        for s in set {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        if out.len() > MAX_ALTERNATIVES {
            return None;
        }
    }
    Some(out)
}

/// The literal facts of a syntax tree. Every condition is necessary: a text the pattern matches
/// holds a string of each. Recursion follows the pattern's nesting, which the parser bounds.
fn lits(node: &Ast) -> Lits {
    match node {
        Ast::Empty(_) | Ast::Flags(_) | Ast::Assertion(_) => Lits::empty(),
        Ast::Literal(l) => Lits {
            exact: anchor_char(l.c).map(|c| vec![c.to_string()]),
            conds: Vec::new(),
        },
        Ast::Dot(_) | Ast::ClassUnicode(_) | Ast::ClassPerl(_) | Ast::ClassBracketed(_) => {
            Lits::default()
        }
        Ast::Group(g) => lits(&g.ast),
        Ast::Repetition(r) => {
            let (min, max) = match &r.op.kind {
                RepetitionKind::ZeroOrOne => (0, Some(1)),
                RepetitionKind::ZeroOrMore => (0, None),
                RepetitionKind::OneOrMore => (1, None),
                RepetitionKind::Range(RepetitionRange::Exactly(n)) => (*n, Some(*n)),
                RepetitionKind::Range(RepetitionRange::AtLeast(n)) => (*n, None),
                RepetitionKind::Range(RepetitionRange::Bounded(m, n)) => (*m, Some(*n)),
            };
            let inner = lits(&r.ast);
            match (min, max) {
                (0, Some(1)) => Lits {
                    exact: inner
                        .exact
                        .and_then(|set| union([set, vec![String::new()]].into_iter())),
                    conds: Vec::new(),
                },
                (0, _) => Lits::default(),
                (1, Some(1)) => inner,
                _ => {
                    let mut conds = inner.conds;
                    conds.extend(inner.exact);
                    Lits { exact: None, conds }
                }
            }
        }
        Ast::Concat(c) => {
            let mut conds = Vec::new();
            let mut run = vec![String::new()];
            let mut all_exact = true;
            for ast in &c.asts {
                // A literal character extends every string of the run in place: crossing the
                // run with a one-string set makes the same strings, each a new allocation, and
                // most of a pattern's characters are literals.
                if let Ast::Literal(l) = ast {
                    if let Some(c) = anchor_char(l.c) {
                        run.iter_mut().for_each(|s| s.push(c));
                        continue;
                    }
                }
                let part = lits(ast);
                conds.extend(part.conds);
                match part.exact {
                    Some(set) => match cross(&run, &set) {
                        Some(joined) => run = joined,
                        None => {
                            all_exact = false;
                            conds.push(std::mem::replace(&mut run, set));
                        }
                    },
                    None => {
                        all_exact = false;
                        conds.push(std::mem::replace(&mut run, vec![String::new()]));
                    }
                }
            }
            if all_exact {
                return Lits {
                    exact: Some(run),
                    conds,
                };
            }
            conds.push(run);
            conds.retain(|set| weight(set) > 0);
            Lits { exact: None, conds }
        }
        Ast::Alternation(a) => {
            let alts: Vec<Lits> = a.asts.iter().map(lits).collect();
            if alts.iter().all(|l| l.exact.is_some()) {
                let exact = union(alts.iter().filter_map(|l| l.exact.clone()));
                if exact.is_some() {
                    return Lits {
                        exact,
                        conds: Vec::new(),
                    };
                }
            }
            // Each alternative's strongest condition; the text holds one of them.
            let best = alts.into_iter().map(|l| {
                l.conds
                    .into_iter()
                    .chain(l.exact)
                    .max_by_key(|set| weight(set))
                    .filter(|set| weight(set) > 0)
            });
            let cond = best
                .collect::<Option<Vec<_>>>()
                .and_then(|sets| union(sets.into_iter()));
            Lits {
                exact: None,
                conds: cond.into_iter().collect(),
            }
        }
    }
}

/// The conditions worth testing for a pattern: sets of folded strings, one of each set in
/// every text the pattern matches.
pub(super) fn conditions(tree: &Ast) -> Vec<Vec<String>> {
    let top = lits(tree);
    let mut conds = top.conds;
    conds.extend(top.exact);
    conds.retain(|set| weight(set) >= MIN_ANCHOR_CHARS);
    conds
}

/// Bounded repetitions up to this count stay as they are in a skeleton.
const MAX_KEPT_REPETITION: u32 = 4;

/// Whether a pattern has a long bounded repetition (`X{2,60}`), and so a [`skeleton`].
/// Written loops over the tree's nesting, which the parser bounds.
pub(super) fn has_skeleton(tree: &Ast) -> bool {
    let mut stack = vec![tree];
    while let Some(node) = stack.pop() {
        match node {
            Ast::Repetition(r) => {
                if let RepetitionKind::Range(RepetitionRange::Bounded(min, max)) = r.op.kind {
                    if max > MAX_KEPT_REPETITION && max > min {
                        return true;
                    }
                }
                stack.push(&r.ast);
            }
            Ast::Group(g) => stack.push(&g.ast),
            Ast::Concat(c) => stack.extend(&c.asts),
            Ast::Alternation(a) => stack.extend(&a.asts),
            _ => {}
        }
    }
    false
}

/// The skeleton of a pattern of which [`has_skeleton`] holds: its syntax tree with the long
/// bounded repetitions widened (`X{2,60}` to `X{2,}`). It matches every text the pattern
/// matches, and compiles in a fraction of the time (a bounded repetition is compiled as that
/// many copies of what it repeats). Built from the tree the gates already parsed: printing the
/// widened pattern and parsing it again cost two and a half million instructions a pattern.
/// Recursion follows the pattern's nesting, which
/// the parser bounds.
pub(super) fn skeleton(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Repetition(rep) => {
            let max = rep
                .max
                .filter(|&max| max <= MAX_KEPT_REPETITION || max == rep.min);
            Hir::repetition(Repetition {
                min: rep.min,
                max,
                greedy: rep.greedy,
                sub: Box::new(skeleton(&rep.sub)),
            })
        }
        HirKind::Capture(cap) => Hir::capture(Capture {
            index: cap.index,
            name: cap.name.clone(),
            sub: Box::new(skeleton(&cap.sub)),
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(skeleton).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(skeleton).collect()),
        _ => hir.clone(),
    }
}

/// A built-in pattern's syntax tree, which its [`conditions`] are read off, and whether it has
/// a [`skeleton`]
/// (an error is a bug in the built-ins).
pub(super) fn parse_ast(source: &str) -> Ast {
    ast::parse::Parser::new()
        .parse(source)
        .unwrap_or_else(|e| panic!("built-in pattern {source:?}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conds(p: &str) -> Vec<Vec<String>> {
        let mut c = conditions(&parse_ast(p));
        for set in &mut c {
            set.sort();
        }
        c
    }

    #[test]
    fn conditions_are_the_words_every_match_holds() {
        assert_eq!(
            conds(r"(?i:the post)\s+.{2,300}?\s*(?i:appeared first on)\s+.{2,100}?\."),
            vec![vec!["the post"], vec!["appeared first on"]]
        );
        assert_eq!(
            conds(r"^(?:Read more|weiterlesen) (?:on|at) [\w .-]{2,60}$"),
            vec![vec![
                "read more at ",
                "read more on ",
                "weiterlesen at ",
                "weiterlesen on "
            ]]
        );
        assert_eq!(conds(r"(?i)stra(?:ss|ß)e"), vec![vec!["strasse", "straße"]]);
        assert_eq!(conds(r"(?:main )?photo"), vec![vec!["main photo", "photo"]]);
        // No literal every match must hold: no condition.
        assert!(conds(r"\d{4}-\d{2}").is_empty());
        assert!(conds(r"(?:share|x)\s").is_empty());
        assert!(conds(r"(?:sign up)?\w+").is_empty());
        // Sigma folds three ways: it ends a literal.
        assert!(conds(r"(?i)ΣΣΣ").is_empty());
    }

    #[test]
    fn ascii_anchor_characters_are_their_lower_case() {
        for c in (0..128u8).map(char::from) {
            assert_eq!(anchor_char(c), anchor_char_by_class(c), "{c:?}");
        }
    }

    #[test]
    fn skeletons_widen_long_repetitions_only() {
        use crate::vocab::gate::forms::parse_hir;
        assert!(has_skeleton(&parse_ast(r"^(?i)via [\w .-]{2,60}\d{4}$")));
        assert_eq!(
            skeleton(&parse_hir(
                r"^(?i)via (?:[\w .-]{2,60}){1,3}\d{4}{5}x{7,7}$"
            )),
            parse_hir(r"^(?i)via (?:[\w .-]{2,}){1,3}\d{4}{5}x{7}$")
        );
        assert!(!has_skeleton(&parse_ast(r"\d{1,2}:\d{2}")));
    }
}
