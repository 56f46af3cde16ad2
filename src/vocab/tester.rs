//! A built-in pattern asked only whether it matches, built without a reverse automaton.
//!
//! `regex`'s engine compiles every pattern twice, forwards and backwards: the backward
//! automaton finds where a match starts. Most built-in lists are asked only whether a block
//! matches (whole-block templates, bylines, date lines), which the forward automaton answers
//! alone, so their patterns are compiled forwards only, in under half the time. Compiling is
//! most of a process's one-time cost, and of its first extraction's: the patterns its
//! documents need are compiled on first use (see [`super::gate`]).
//!
//! The search is the engine's: the lazy DFA `regex` runs first for `is_match`, configured as it
//! configures it, and when that gives up (a Unicode word boundary next to a non-ASCII byte, or
//! a cache cleared too often), the bounded backtracker when the text fits it, else the PikeVM.
//! (`regex` may try a one-pass DFA before the backtracker.) Every engine gives the same answer;
//! the tests check it against `regex` on every built-in pattern of such a list.

use regex_automata::hybrid;
use regex_automata::nfa::thompson::{self, backtrack, pikevm, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind};
use regex_syntax::hir::{Hir, Look};
use std::panic::{RefUnwindSafe, UnwindSafe};

/// The compiled forms' caps: those the whole engine is built with in [`super::gate`].
pub(crate) const NFA_SIZE_LIMIT: usize = 10 * (1 << 20);
pub(crate) const DFA_CACHE_CAPACITY: usize = 2 * (1 << 20);

thread_local! {
    /// The NFA compiler, kept by each thread from one pattern to the next: it resets itself
    /// for each, and making and dropping one (its tables for Unicode classes hold ten
    /// thousand entries) cost a sixth of compiling a pattern.
    static COMPILER: thompson::Compiler = {
        let mut compiler = thompson::Compiler::new();
        compiler.configure(
            thompson::Config::new()
                .utf8(true)
                .nfa_size_limit(Some(NFA_SIZE_LIMIT))
                // No groups but the whole match's: nothing here reads them.
                .which_captures(WhichCaptures::Implicit),
        );
        compiler
    };
}

/// Makes one thread's search state.
type MakeCaches = Box<dyn Fn() -> Caches + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// Whether a text matches one pattern.
pub(crate) struct Tester {
    /// The fewest bytes a match takes.
    min_len: usize,
    /// The most bytes a match of a pattern anchored at both ends can take: a longer text
    /// cannot match.
    max_len: Option<usize>,
    /// `None` when the cache capacity cannot hold the lazy DFA's few first states.
    dfa: Option<hybrid::dfa::DFA>,
    backtrack: backtrack::BoundedBacktracker,
    pikevm: pikevm::PikeVM,
    caches: Pool<Caches, MakeCaches>,
}

struct Caches {
    dfa: Option<hybrid::dfa::Cache>,
    backtrack: backtrack::Cache,
    pikevm: pikevm::Cache,
}

impl Tester {
    /// Compiles `hir` forwards; `Err` as `regex` would refuse it (too large).
    pub(crate) fn new(hir: &Hir) -> Result<Tester, Box<thompson::BuildError>> {
        let props = hir.properties();
        // `None` means unknown here, not "never matches": an alternation one of whose
        // branches the tier's alphabet cut off has none (as `regex` reads it too).
        let min_len = props.minimum_len().unwrap_or(0);
        let anchored = props.look_set_prefix().contains(Look::Start)
            && props.look_set_suffix().contains(Look::End);
        let max_len = if anchored { props.maximum_len() } else { None };
        let nfa = COMPILER.with(|compiler| compiler.build_from_hir(hir).map_err(Box::new))?;
        // As `regex` configures its lazy DFA (no prefilter: see `gate::compile`).
        let dfa = hybrid::dfa::Builder::new()
            .configure(
                hybrid::dfa::Config::new()
                    .match_kind(MatchKind::LeftmostFirst)
                    .starts_for_each_pattern(true)
                    .unicode_word_boundary(true)
                    .cache_capacity(DFA_CACHE_CAPACITY)
                    .skip_cache_capacity_check(false)
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10)),
            )
            .build_from_nfa(nfa.clone())
            .ok();
        let backtrack =
            backtrack::BoundedBacktracker::new_from_nfa(nfa.clone()).map_err(Box::new)?;
        let pikevm = pikevm::PikeVM::new_from_nfa(nfa).map_err(Box::new)?;
        let make: MakeCaches = {
            let (dfa, backtrack, pikevm) = (dfa.clone(), backtrack.clone(), pikevm.clone());
            Box::new(move || Caches {
                dfa: dfa.as_ref().map(hybrid::dfa::DFA::create_cache),
                backtrack: backtrack.create_cache(),
                pikevm: pikevm.create_cache(),
            })
        };
        Ok(Tester {
            min_len,
            max_len,
            dfa,
            backtrack,
            pikevm,
            caches: Pool::new(make),
        })
    }

    /// Whether `text` has a match. Texts too short, or too long for a pattern anchored at
    /// both ends, are answered at once, as `regex` answers them.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        if text.len() < self.min_len || self.max_len.is_some_and(|max| text.len() > max) {
            return false;
        }
        let input = Input::new(text).earliest(true);
        let mut caches = self.caches.get();
        let caches = &mut *caches;
        if let (Some(dfa), Some(cache)) = (&self.dfa, caches.dfa.as_mut()) {
            if let Ok(found) = dfa.try_search_fwd(cache, &input) {
                return found.is_some();
            }
        }
        if text.len() <= self.backtrack.max_haystack_len() {
            if let Ok(found) = self
                .backtrack
                .try_is_match(&mut caches.backtrack, input.clone())
            {
                return found;
            }
        }
        self.pikevm.is_match(&mut caches.pikevm, input)
    }
}

#[cfg(test)]
mod tests {
    use super::Tester;

    fn agrees(pattern: &str, texts: &[&str]) {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .unwrap();
        let tester = Tester::new(&hir).unwrap();
        let re = regex::Regex::new(pattern).unwrap();
        for text in texts {
            assert_eq!(
                tester.is_match(text),
                re.is_match(text),
                "{pattern:?} on {text:?}"
            );
        }
    }

    #[test]
    fn answers_as_regex_does() {
        let texts = [
            "",
            "Related: more stories",
            "read more on the site",
            "Café récemment publié",
            "By Jane Doe",
            "by jane doe, staff",
            "word\u{e9}boundary",
            "ß ẞ ſ K",
            "2026年3月5日",
            "Please enter your comment!",
        ];
        for pattern in [
            r"(?i)^\s*related\b",
            r"\bmore\b",
            r"(?i)^by\s+\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+)*$",
            r"\w+\b$",
            r"^(?s:.{0,40}?publi\w+)$",
            r"(?i)ſ|k",
            r"^$",
            r"x*",
            r"\d{4}年",
            r"^(?s:.{2,5})$",
            r"(?i)^by .{0,3}$",
            r"[^\s\S]",
            r"(?i)^(?:[^\s\S]x|please enter your comment)!?$",
        ] {
            agrees(pattern, &texts);
        }
    }

    /// A text longer than the backtracker takes, with a Unicode word boundary the lazy DFA
    /// gives up on, reaches the last fallback.
    #[test]
    fn falls_back_on_long_non_ascii_texts() {
        let long = format!("{} é fin", "mot ".repeat(300_000));
        agrees(r"(?i)\bfin$", &[&long]);
        agrees(r"\bnowhere\b", &[&long]);
    }
}
