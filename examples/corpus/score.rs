//! A port of the `aeb` and `words` metrics of the reference scorer `tools/score.py`, so that the
//! corpus example reports the same figures as `python3 score.py CORPUS PRED` would.
//!
//! Residual differences from Python 3.11, all on purpose or out of practical reach:
//! - Tokens: Python's `\w` (str patterns) is exactly "general category L* or N*, or `_`", which
//!   is what [`tokens`] matches. Rust's `char::is_alphanumeric` and the `regex` crate's `\w`
//!   both also take combining marks (Devanagari/Thai vowel signs, Other_Alphabetic symbols such
//!   as circled letters), which split words in Python, so neither is used. The only remaining
//!   gap is the Unicode version: the `regex` tables know characters assigned after Unicode 14
//!   (Python 3.11's database), e.g. CJK extension H; Python treats those as non-word.
//! - Lower-casing: `str::to_lowercase` agrees with Python's `str.lower()` on every character of
//!   Unicode 14, including full mappings ('İ' → "i\u{307}") and the final-sigma rule; it only
//!   differs on characters that are newer than Unicode 14.
//! - Means: `statistics.mean` sums exactly (fractions); [`mean`] uses compensated summation,
//!   which agrees bit for bit on the test corpora but is not exact in theory: a mean could be
//!   an ulp off, which could only matter at an exact 4-decimal rounding tie.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::sync::OnceLock;

use regex::Regex;

/// Python's `re.findall(r"\w+", text)` with `re.UNICODE`.
pub fn tokens(text: &str) -> Vec<&str> {
    static WORD: OnceLock<Regex> = OnceLock::new();
    let word = WORD.get_or_init(|| Regex::new(r"[\p{L}\p{N}_]+").expect("static pattern"));
    word.find_iter(text).map(|m| m.as_str()).collect()
}

/// score.py's `shingles(text, 4)` over already-split tokens: every run of `n` tokens, except
/// that 1 to `n - 1` tokens give one shorter shingle and no tokens give none.
pub fn shingles<'t, 'a>(toks: &'t [&'a str], n: usize) -> Vec<&'t [&'a str]> {
    if toks.len() < n {
        return if toks.is_empty() {
            Vec::new()
        } else {
            vec![toks]
        };
    }
    toks.windows(n).collect()
}

/// A multiset, as Python's `collections.Counter`.
fn counter<K: Hash + Eq, I: IntoIterator<Item = K>>(items: I) -> HashMap<K, u64> {
    let mut m = HashMap::new();
    for k in items {
        *m.entry(k).or_insert(0) += 1;
    }
    m
}

/// `(sum((g & p).values()), sum((p - g).values()), sum((g - p).values()))`.
fn overlap<K: Hash + Eq>(g: &HashMap<K, u64>, p: &HashMap<K, u64>) -> (u64, u64, u64) {
    let mut tp = 0;
    let mut fn_ = 0;
    for (k, &gc) in g {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += gc.min(pc);
        fn_ += gc.saturating_sub(pc);
    }
    let total_p: u64 = p.values().sum();
    (tp, total_p - tp, fn_)
}

/// Per-document aeb figures: shingle tp, fp and fn, normalised to sum to 1 (all 0 if none).
pub type Tf = (f64, f64, f64);

/// Precision, recall and F1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

/// `2PR / (P + R)`, 0 when both are 0; the operation order is score.py's, for identical bits.
fn f1(p: f64, r: f64) -> f64 {
    if p + r != 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn aeb_tf(gold: &[&str], pred: &[&str]) -> Tf {
    let g = counter(shingles(gold, 4));
    let p = counter(shingles(pred, 4));
    let (tp, fp, fn_) = overlap(&g, &p);
    let s = tp + fp + fn_;
    if s == 0 {
        return (0.0, 0.0, 0.0);
    }
    let s = s as f64;
    (tp as f64 / s, fp as f64 / s, fn_ as f64 / s)
}

/// score.py's `aeb_doc`.
#[cfg(test)] // The example scores through `score_doc`, which tokenises once.
pub fn aeb_doc(gold: &str, pred: &str) -> Tf {
    aeb_tf(&tokens(gold), &tokens(pred))
}

/// score.py's `aeb_metric`: mean precision over docs with `tp + fp > 0`, mean recall over docs
/// with `tp + fn > 0`, and F1 from the two means.
pub fn aeb_metric(tfs: &[Tf]) -> Prf {
    let prec = |(tp, fp, fn_): Tf| {
        if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else if tp == 0.0 && fp == 0.0 {
            0.0
        } else {
            tp / (tp + fp)
        }
    };
    let rec = |(tp, fp, fn_): Tf| {
        if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else if tp == 0.0 && fn_ == 0.0 {
            0.0
        } else {
            tp / (tp + fn_)
        }
    };
    let p = mean(tfs.iter().filter(|x| x.0 + x.1 > 0.0).map(|&x| prec(x))).unwrap_or(0.0);
    let r = mean(tfs.iter().filter(|x| x.0 + x.2 > 0.0).map(|&x| rec(x))).unwrap_or(0.0);
    Prf { p, r, f1: f1(p, r) }
}

fn words_prf(gold: &[&str], pred: &[&str]) -> Prf {
    let zero = Prf {
        p: 0.0,
        r: 0.0,
        f1: 0.0,
    };
    if gold.is_empty() {
        return if pred.is_empty() {
            Prf {
                p: 1.0,
                r: 1.0,
                f1: 1.0,
            }
        } else {
            zero
        };
    }
    if pred.is_empty() {
        return zero;
    }
    let g = counter(gold.iter().map(|t| t.to_lowercase()));
    let p = counter(pred.iter().map(|t| t.to_lowercase()));
    let (ov, _, _) = overlap(&g, &p);
    // Lower-casing never empties a token, so the bag sizes are the token counts.
    let pr = ov as f64 / pred.len() as f64;
    let rc = ov as f64 / gold.len() as f64;
    Prf {
        p: pr,
        r: rc,
        f1: f1(pr, rc),
    }
}

/// score.py's `words_doc`: bag-of-words P/R/F1 of lower-cased tokens; an empty gold scores 1 only
/// against an empty prediction, an empty prediction scores 0.
#[cfg(test)] // The example scores through `score_doc`, which tokenises once.
pub fn words_doc(gold: &str, pred: &str) -> Prf {
    words_prf(&tokens(gold), &tokens(pred))
}

/// Both metrics of one document that has gold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DocScore {
    pub aeb: Tf,
    pub words: Prf,
}

/// Scores one document, tokenising each side once for both metrics.
pub fn score_doc(gold: &str, pred: &str) -> DocScore {
    let (g, p) = (tokens(gold), tokens(pred));
    DocScore {
        aeb: aeb_tf(&g, &p),
        words: words_prf(&g, &p),
    }
}

/// The corpus-level figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub scored: usize,
    pub aeb: Prf,
    pub words: Prf,
    /// Page type → (docs, mean words F1), present when the docs span more than one type (as
    /// score.py, where docs without a type count as type "all").
    pub words_by_type: Option<BTreeMap<String, (usize, f64)>>,
}

/// Corpus figures from per-document scores and page types; `None` when no document was scored.
pub fn summarise<'a, I>(docs: I) -> Option<Summary>
where
    I: IntoIterator<Item = (&'a DocScore, Option<&'a str>)>,
{
    let mut tfs = Vec::new();
    let mut words = Vec::new();
    let mut by_type: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for (d, ty) in docs {
        tfs.push(d.aeb);
        words.push(d.words);
        by_type
            .entry(ty.unwrap_or("all").to_owned())
            .or_default()
            .push(d.words.f1);
    }
    // Non-empty `words` makes every mean below defined.
    let words_mean = |f: fn(&Prf) -> f64| mean(words.iter().map(f));
    let (Some(p), Some(r), Some(f)) = (
        words_mean(|x| x.p),
        words_mean(|x| x.r),
        words_mean(|x| x.f1),
    ) else {
        return None;
    };
    let words_by_type = (by_type.len() > 1).then(|| {
        by_type
            .into_iter()
            .map(|(t, v)| {
                let m = mean(v.iter().copied()).unwrap_or(0.0);
                (t, (v.len(), m))
            })
            .collect()
    });
    Some(Summary {
        scored: tfs.len(),
        aeb: aeb_metric(&tfs),
        words: Prf { p, r, f1: f },
        words_by_type,
    })
}

/// Arithmetic mean with Neumaier-compensated summation, close to `statistics.mean`'s exact sum;
/// `None` for no values.
pub fn mean<I: IntoIterator<Item = f64>>(xs: I) -> Option<f64> {
    let (mut sum, mut comp, mut n) = (0.0f64, 0.0f64, 0usize);
    for x in xs {
        let t = sum + x;
        comp += if sum.abs() >= x.abs() {
            (sum - t) + x
        } else {
            (x - t) + sum
        };
        sum = t;
        n += 1;
    }
    if n == 0 {
        return None;
    }
    // Divide the (sum, comp) pair as a double-double, so that the one rounding left is the
    // division's, as in Python's exact `Fraction(sum) / n`.
    let n = n as f64;
    let hi = sum + comp;
    let lo = comp - (hi - sum);
    let q = hi / n;
    let rem = (-q).mul_add(n, hi); // exact: hi - q * n
    Some(q + (rem + lo) / n)
}

/// Python's `round(x, 4)`: the formatter rounds the exact binary value half-to-even, as Python.
pub fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn tokens_follow_python_word_class() {
        // Expected lists are Python 3.11's `re.findall(r"\w+", s)`.
        assert_eq!(tokens("Hello, wörld_1! x²"), ["Hello", "wörld_1", "x²"]);
        assert_eq!(tokens(""), Vec::<&str>::new());
        // Devanagari vowel signs and virama are marks: Python splits words at them.
        assert_eq!(tokens("हिन्दी भाषा"), ["ह", "न", "द", "भ", "ष"]);
        // Thai: consonants are Lo, the sara am / mai tho marks split.
        assert_eq!(tokens("ภาษาไทย ที่"), ["ภาษาไทย", "ท"]);
        // Circled letters are So (Other_Alphabetic in Rust), not word characters in Python.
        assert_eq!(tokens("ⒶB Ⅻ ½"), ["B", "Ⅻ", "½"]);
        // A combining accent after a base letter splits the token.
        assert_eq!(tokens("cafe\u{301} naïve"), ["cafe", "naïve"]);
        assert_eq!(
            tokens("日本語のテキスト、한국어 Русский"),
            ["日本語のテキスト", "한국어", "Русский"]
        );
    }

    #[test]
    fn shingles_edge_cases() {
        let none: [&str; 0] = [];
        assert!(shingles(&none, 4).is_empty());
        assert_eq!(shingles(&["a"], 4), vec![&["a"][..]]);
        assert_eq!(shingles(&["a", "b", "c"], 4), vec![&["a", "b", "c"][..]]);
        assert_eq!(shingles(&["a", "b", "c", "d"], 4).len(), 1);
        assert_eq!(shingles(&["a", "b", "c", "d", "e"], 4).len(), 2);
    }

    #[test]
    fn aeb_doc_counts_shingle_multisets() {
        // gold a..f has 3 shingles; pred a..e has 2, both in gold.
        let (tp, fp, fn_) = aeb_doc("a b c d e f", "a b c d e");
        assert!(close(tp, 2.0 / 3.0) && close(fp, 0.0) && close(fn_, 1.0 / 3.0));
        // Repeated shingles count with multiplicity.
        let (tp, fp, fn_) = aeb_doc("x x x x x", "x x x x");
        assert!(close(tp, 0.5) && close(fp, 0.0) && close(fn_, 0.5));
        // A short doc is one shorter shingle, matched whole.
        assert_eq!(aeb_doc("a b", "a b"), (1.0, 0.0, 0.0));
        assert_eq!(aeb_doc("a b", "a b c"), (0.0, 0.5, 0.5));
        assert_eq!(aeb_doc("", ""), (0.0, 0.0, 0.0));
        assert_eq!(aeb_doc("a b c d", ""), (0.0, 0.0, 1.0));
    }

    #[test]
    fn aeb_metric_inclusion_and_special_cases() {
        let tfs = [
            (1.0, 0.0, 0.0), // perfect: P = R = 1
            (0.0, 0.0, 1.0), // empty prediction: recall 0, no precision
            (0.0, 1.0, 0.0), // empty gold: precision 0, no recall
            (0.0, 0.0, 0.0), // both empty: in neither mean
            (0.5, 0.25, 0.25),
        ];
        let m = aeb_metric(&tfs);
        let p = (1.0 + 0.0 + 0.5 / 0.75) / 3.0;
        let r = (1.0 + 0.0 + 0.5 / 0.75) / 3.0;
        assert!(close(m.p, p) && close(m.r, r) && close(m.f1, 2.0 * p * r / (p + r)));
        assert_eq!(
            aeb_metric(&[]),
            Prf {
                p: 0.0,
                r: 0.0,
                f1: 0.0
            }
        );
    }

    #[test]
    fn words_doc_rules() {
        assert_eq!(
            words_doc("", ""),
            Prf {
                p: 1.0,
                r: 1.0,
                f1: 1.0
            }
        );
        assert_eq!(
            words_doc("", "x"),
            Prf {
                p: 0.0,
                r: 0.0,
                f1: 0.0
            }
        );
        assert_eq!(
            words_doc("x", "..."),
            Prf {
                p: 0.0,
                r: 0.0,
                f1: 0.0
            }
        );
        // Case-folded bag: "The" matches "the" once; pred has 4 words, gold 3, overlap 2.
        let w = words_doc("The cat sat", "the the dog CAT");
        assert!(close(w.p, 0.5) && close(w.r, 2.0 / 3.0));
        assert!(close(w.f1, 2.0 * 0.5 * (2.0 / 3.0) / (0.5 + 2.0 / 3.0)));
        // 'İ' lowers to "i\u{307}" in both languages, and 'Σ' to the final 'ς'. Written out,
        // "i\u{307}stanbul" is two tokens, as U+0307 is a mark: Python gives P = 1/3 too.
        assert_eq!(words_doc("İSTANBUL ΟΔΟΣ", "İstanbul οδος").p, 1.0);
        assert!(close(
            words_doc("İSTANBUL ΟΔΟΣ", "i\u{307}stanbul οδος").p,
            1.0 / 3.0
        ));
    }

    #[test]
    fn summary_by_type_as_score_py() {
        let a = score_doc("a b c d", "a b c d");
        let b = score_doc("a b c d", "");
        let s = summarise([(&a, Some("article")), (&b, None)]).expect("scored");
        assert_eq!(s.scored, 2);
        assert!(close(s.words.f1, 0.5) && close(s.aeb.p, 1.0) && close(s.aeb.r, 0.5));
        let by = s.words_by_type.expect("two types");
        assert_eq!(by["article"], (1, 1.0));
        assert_eq!(by["all"], (1, 0.0));
        // One type only: score.py prints no breakdown.
        let s = summarise([(&a, Some("article")), (&b, Some("article"))]).expect("scored");
        assert!(s.words_by_type.is_none());
        assert!(summarise(std::iter::empty()).is_none());
    }

    #[test]
    fn round4_matches_python_round() {
        // Python: round(0.03125, 4) == 0.0312 (exact tie, half-to-even), round(0.12345, 4) ==
        // 0.1235 (the binary value is above the tie).
        assert_eq!(round4(0.03125), 0.0312);
        assert_eq!(round4(0.09375), 0.0938);
        assert_eq!(round4(0.12345), 0.1235);
        assert_eq!(round4(0.99995), 1.0);
        assert_eq!(round4(1.0 / 3.0), 0.3333);
    }

    #[test]
    fn mean_is_compensated() {
        assert_eq!(mean(std::iter::empty()), None);
        assert_eq!(mean([0.1; 10]), Some(0.1));
        assert_eq!(mean([1e16, 1.0, -1e16]), Some(1.0 / 3.0));
    }
}
