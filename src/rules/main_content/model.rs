//! The block classifier's model: gradient-boosted regression trees over the signal rows of
//! [`super::signals`], kept as flat arrays. The model is data, trained by
//! `examples/train-model` on the development corpora and read from a small text format:
//!
//! ```text
//! corestory-block-model 1
//! signals words chars link_density ...
//! tree <f>:<threshold>:<left>:<right>:<value> L:<value> ...
//! ```
//!
//! A split node sends a row left when `row[f] <= threshold`; node indices are local to their
//! tree; `value` on a split node is the mean raw score of the rows that reach it, so a
//! prediction can say which signals moved it (each step down a tree credits the change of
//! value to the split's signal). The raw score is the sum of the leaves reached; the
//! probability that a block is story is its logistic.

use super::signals::{Row, COUNT, NAMES};

/// One node of a tree; `left == u32::MAX` marks a leaf.
#[derive(Clone, Copy, Debug)]
struct Node {
    signal: u16,
    threshold: f32,
    left: u32,
    right: u32,
    value: f32,
}

/// A parsed model.
#[derive(Clone, Debug)]
pub(crate) struct Model {
    /// Every tree's splits, depth first, tree after tree, then the end (see [`Step`]), as
    /// [`WORDS`] words each: one chain that a walk follows from the first root to the end.
    /// A step is named by the index of its first word.
    words: Box<[u32]>,
    /// The end step, where every walk ends.
    end: u32,
    /// Whether every step starts below [`SMALL_STEPS`] words, and `words` holds that many
    /// plus one step: then a `u16` names a step, and indexes it unchecked.
    small: bool,
    /// The nodes and roots as parsed, for the tests' walk by the format's own rules.
    #[cfg(test)]
    parsed: (Vec<Node>, Vec<u32>),
}

/// The walk's slot past the signals, which the end (and a tree that is one leaf) reads (a NaN
/// of the row's padding) and credits.
const SINK: usize = COUNT;

/// A split as the walk reads it, with its left (0) and right (1) ways. A way to a split goes
/// on to it; a way to a leaf goes on to the next tree's root and adds the leaf's value to the
/// raw score in the same step (each way adds its `leaf`, which is -0.0 on a way to a split:
/// x + -0.0 is x bit for bit, -0.0 included). The end is its own next, adding zeros. So a row
/// walks all the trees in one run of uniform steps, with no branch on its way and no wait for
/// the other rows of its batch at the end of each tree.
#[derive(Clone, Copy, Debug)]
struct Step {
    threshold: f32,
    /// The slot in the padded row (and its credits) the step reads and credits: a `u8`, so
    /// that it indexes the [`PADDED`] slots unchecked.
    signal: u8,
    /// The step after each way (its index in the steps while laying out).
    next: [u32; 2],
    /// What each way credits to the signal: the change of mean score.
    credit: [f32; 2],
    /// What each way adds to the raw score: its leaf's value, or -0.0.
    leaf: [f32; 2],
}

/// A step's words: the threshold, the signal, then each field of the ways as a pair, so that
/// the step's index plus the way (0 or 1, the comparison's carry) plus the field's offset
/// addresses the way's value: with [`WORDS`] a power of two, a scaled index, no multiply.
const WORDS: usize = 8;
const THRESHOLD: usize = 0;
const SIGNAL: usize = 1;
const CREDIT: usize = 2;
const LEAF: usize = 4;
const NEXT: usize = 6;

/// The words below which a `u16` names every step of a small model (the shipped one has
/// about 4,500 steps of the 8,192 this allows).
const SMALL_STEPS: usize = 1 << 16;

/// How a walk holds the step each slot is at: a `u16` for a small model, whose words are
/// known to hold any `u16` plus a step, so the compiler drops the bounds checks; a `u32`,
/// checked, for any other.
trait At: Copy + PartialEq {
    fn of(word: u32) -> Self;
    fn word(self) -> u32;
    fn get(self) -> usize {
        self.word() as usize
    }
}

/// A step of a small model: a `u16`, kept in a `u32`.
#[derive(Clone, Copy, PartialEq)]
struct Small(u32);

impl At for Small {
    fn of(word: u32) -> Self {
        Small(word & 0xffff)
    }
    fn word(self) -> u32 {
        self.0 & 0xffff
    }
}

impl At for u32 {
    fn of(word: u32) -> Self {
        word
    }
    fn word(self) -> u32 {
        self
    }
}

/// Rows that walk together: their walks overlap in the processor, where one walk waits on
/// each step's loads. The compiler unrolls the loop over them and keeps each slot's step and
/// raw score in registers, which more slots would spill. On the aeb pages' 14,938 rows, 8
/// slots took 182.0 M instructions and 14.6 ms, 10: 185.2 M and 14.4 ms, 12: 194.4 M and
/// 15.6 ms, 16: 199.2 M and 18.1 ms (medians of alternating runs). With steps of words
/// (10 instructions a step, 128 M in all), 8 slots took 24.6 ms, 10: 23.0 ms, 12: 22.8 ms
/// (perf samples on a loaded machine, where the old steps of 10 slots took 23.7 ms).
pub(crate) const BATCH: usize = 10;

/// Steps taken between two checks that the batch has reached the end: a row at the end only
/// adds zeros, so a few extra steps cost little, and a check per step would cost a branch.
/// On the aeb pages' rows, the walk took 200.5 M instructions checking every 8 steps, 191.9 M
/// every 16, 188.8 M every 32.
const STEPS_PER_CHECK: usize = 32;

/// Slots of the row as the walk reads it: a `u8` signal indexes them unchecked. Only the
/// first `COUNT + 1` are ever touched.
const PADDED: usize = 256;
const _: () = assert!(SINK < PADDED);

/// Why a model text was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ModelError(pub String);

const MAGIC: &str = "corestory-block-model 1";

impl Model {
    pub(crate) fn parse(text: &str) -> Result<Model, ModelError> {
        let err = |m: String| ModelError(m);
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        if lines.next().map(str::trim) != Some(MAGIC) {
            return Err(err(format!("the first line must be {MAGIC:?}")));
        }
        let names = lines
            .next()
            .and_then(|l| l.strip_prefix("signals "))
            .ok_or_else(|| err("the second line must list the signals".into()))?;
        // Signals are matched by name, so a model trained before a signal was added still
        // reads the right columns; an unknown name is an error.
        let mut columns = Vec::new();
        for name in names.split_whitespace() {
            let at = NAMES
                .iter()
                .position(|n| *n == name)
                .ok_or_else(|| err(format!("unknown signal {name:?}")))?;
            columns.push(at as u16);
        }
        let mut nodes = Vec::new();
        let mut roots = Vec::new();
        for (t, line) in lines.enumerate() {
            let body = line
                .strip_prefix("tree ")
                .ok_or_else(|| err(format!("tree {t}: the line must start with \"tree \"")))?;
            let base = nodes.len() as u32;
            roots.push(base);
            let fields: Vec<&str> = body.split_whitespace().collect();
            let size = fields.len() as u32;
            for (k, field) in fields.iter().enumerate() {
                let bad = || err(format!("tree {t}, node {k}: cannot read {field:?}"));
                let parts: Vec<&str> = field.split(':').collect();
                let node = match parts.as_slice() {
                    ["L", v] => Node {
                        signal: 0,
                        threshold: 0.0,
                        left: u32::MAX,
                        right: u32::MAX,
                        value: v.parse().map_err(|_| bad())?,
                    },
                    [f, th, l, r, v] => {
                        let f: usize = f.parse().map_err(|_| bad())?;
                        let (l, r): (u32, u32) =
                            (l.parse().map_err(|_| bad())?, r.parse().map_err(|_| bad())?);
                        // Children come after their parent: evaluation always terminates.
                        if l >= size || r >= size || l <= k as u32 || r <= k as u32 {
                            return Err(bad());
                        }
                        Node {
                            signal: *columns.get(f).ok_or_else(bad)?,
                            threshold: th.parse().map_err(|_| bad())?,
                            left: base + l,
                            right: base + r,
                            value: v.parse().map_err(|_| bad())?,
                        }
                    }
                    _ => return Err(bad()),
                };
                nodes.push(node);
            }
            if fields.is_empty() {
                return Err(err(format!("tree {t} is empty")));
            }
        }
        if roots.is_empty() {
            return Err(err("the model has no trees".into()));
        }
        lay_out(&nodes, &roots).map_err(err)
    }

    /// Each row's raw score (log-odds that the block is story: the leaves' values summed in
    /// tree order) and how much each signal moved it (each step from a tree's root down to
    /// its leaf credits the change of mean score to the split's signal), in row order.
    ///
    /// [`BATCH`] slots walk the chain of [`Step`]s side by side, each at its own pace. A slot
    /// whose row has reached the end hands its sums over and takes the next row, so no slot
    /// waits for the slowest row of a batch (rows differ by about a tenth in the steps they
    /// take). Each row's sums take their terms in the format's order (tree by tree, root to
    /// leaf), and a slot at the end, or without a row, adds zeros to a padding slot only.
    pub(crate) fn explain_all(&self, rows: &[Row]) -> Vec<(f32, [f32; COUNT])> {
        if self.small {
            self.walk::<Small>(rows)
        } else {
            self.walk::<u32>(rows)
        }
    }

    fn walk<A: At>(&self, rows: &[Row]) -> Vec<(f32, [f32; COUNT])> {
        let mut out = vec![(0.0f32, [0.0f32; COUNT]); rows.len()];
        let words = &self.words[..];
        if self.small {
            // Any `u16` plus a step's last word is in range: the compiler drops the checks.
            assert!(words.len() >= SMALL_STEPS + WORDS);
        }
        let end = A::of(self.end);
        // Per slot and signal, the row's value (NaN past the signals) and its credit, side by
        // side: one scaled index addresses both.
        let mut slots = [[[f32::NAN, 0.0]; PADDED]; BATCH];
        // The raw scores, from -0.0 as `Sum` for floats starts. Every other element is unused:
        // as neighbours, the compiler gathered the leaves into vectors to add them, which cost
        // more than an add into a register per slot.
        let mut raw = [[-0.0f32; 2]; BATCH];
        let mut at = [end; BATCH];
        // The row each slot walks, if any.
        let mut walking: [Option<usize>; BATCH] = [None; BATCH];
        let mut waiting = 0..rows.len();
        loop {
            let mut busy = false;
            for r in 0..BATCH {
                if at[r] != end {
                    busy = true;
                    continue;
                }
                if let Some(done) = walking[r].take() {
                    out[done].0 = raw[r][0];
                    for (o, v) in out[done].1.iter_mut().zip(&slots[r]) {
                        *o = v[1];
                    }
                }
                if let Some(next) = waiting.next() {
                    for (v, &x) in slots[r].iter_mut().zip(&rows[next]) {
                        *v = [x, 0.0];
                    }
                    raw[r][0] = -0.0;
                    at[r] = A::of(0);
                    walking[r] = Some(next);
                    busy = true;
                }
            }
            if !busy {
                return out;
            }
            for _ in 0..STEPS_PER_CHECK {
                for r in 0..BATCH {
                    let step = at[r].get();
                    let signal = usize::from(words[step + SIGNAL] as u8);
                    let threshold = f32::from_bits(words[step + THRESHOLD]);
                    // The way is the comparison added to the step's index, not a choice,
                    // which the compiler could turn back into a branch; added as a `u32`, it
                    // is one add of the comparison's carry (as a `usize`, the compiler folded
                    // it into the addresses, three instructions). NaN goes right.
                    let left = slots[r][signal][0] <= threshold;
                    let way = (at[r].word() + u32::from(!left)) as usize;
                    slots[r][signal][1] += f32::from_bits(words[way + CREDIT]);
                    raw[r][0] += f32::from_bits(words[way + LEAF]);
                    at[r] = A::of(words[way + NEXT]);
                }
            }
        }
    }
}

/// The walks' layout of parsed trees: each tree's splits depth first from its root (nodes no
/// root reaches are left out), then the end. A node with two parents is refused: the format
/// holds trees.
fn lay_out(nodes: &[Node], roots: &[u32]) -> Result<Model, String> {
    let mut steps: Vec<Step> = Vec::with_capacity(nodes.len() + 1);
    let mut seen = vec![false; nodes.len()];
    // Ways (step, way) of the tree being laid out that reach a leaf: they go on to the next
    // root, known when it comes.
    let mut to_next_root: Vec<(usize, usize)> = Vec::new();
    // Pending splits, and the way (step, way) that leads to each.
    let mut stack: Vec<(u32, Option<(usize, usize)>)> = Vec::new();
    let mut seen_once = |k: u32, t: usize, root: u32| {
        if std::mem::replace(&mut seen[k as usize], true) {
            Err(format!("tree {t}: node {} has two parents", k - root))
        } else {
            Ok(())
        }
    };
    for (t, &root) in roots.iter().enumerate() {
        let next_root = steps.len() as u32;
        for (s, way) in to_next_root.drain(..) {
            steps[s].next[way] = next_root;
        }
        seen_once(root, t, root)?;
        let r = nodes[root as usize];
        if r.left == u32::MAX {
            // A tree that is one leaf: a step whose ways both add it, crediting nothing.
            to_next_root.push((steps.len(), 0));
            to_next_root.push((steps.len(), 1));
            steps.push(Step {
                threshold: 0.0,
                signal: SINK as u8,
                next: [0; 2],
                credit: [0.0; 2],
                leaf: [r.value; 2],
            });
            continue;
        }
        stack.push((root, None));
        while let Some((k, from)) = stack.pop() {
            let at = steps.len();
            if let Some((s, way)) = from {
                steps[s].next[way] = at as u32;
            }
            let n = nodes[k as usize];
            let mut step = Step {
                threshold: n.threshold,
                signal: n.signal as u8,
                next: [0; 2],
                credit: [0.0; 2],
                leaf: [-0.0; 2],
            };
            // The right child is pushed first, so the left one is laid out next.
            for (way, child) in [(1, n.right), (0, n.left)] {
                seen_once(child, t, root)?;
                let c = nodes[child as usize];
                step.credit[way] = c.value - n.value;
                if c.left == u32::MAX {
                    step.leaf[way] = c.value;
                    to_next_root.push((at, way));
                } else {
                    stack.push((child, Some((at, way))));
                }
            }
            steps.push(step);
        }
    }
    let end = steps.len() as u32;
    for (s, way) in to_next_root {
        steps[s].next[way] = end;
    }
    steps.push(Step {
        threshold: 0.0,
        signal: SINK as u8,
        next: [end; 2],
        credit: [0.0; 2],
        leaf: [-0.0; 2],
    });
    let small = steps.len() * WORDS <= SMALL_STEPS;
    Ok(Model {
        words: flatten(&steps, small),
        end: end * WORDS as u32,
        small,
        #[cfg(test)]
        parsed: (nodes.to_vec(), roots.to_vec()),
    })
}

/// The steps as the walk reads them (see [`WORDS`]), their indices turned into their first
/// words'; a small model's padded with zeros, never read, to [`SMALL_STEPS`] plus a step.
fn flatten(steps: &[Step], small: bool) -> Box<[u32]> {
    let len = if small {
        SMALL_STEPS + WORDS
    } else {
        steps.len() * WORDS
    };
    let mut words = vec![0u32; len];
    for (s, w) in steps.iter().zip(words.chunks_exact_mut(WORDS)) {
        w[THRESHOLD] = s.threshold.to_bits();
        w[SIGNAL] = u32::from(s.signal);
        for way in 0..2 {
            w[CREDIT + way] = s.credit[way].to_bits();
            w[LEAF + way] = s.leaf[way].to_bits();
            w[NEXT + way] = s.next[way] * WORDS as u32;
        }
    }
    words.into_boxed_slice()
}

pub(crate) fn probability(raw: f32) -> f32 {
    1.0 / (1.0 + (-raw).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row's score and credits.
    fn explain(m: &Model, row: &Row) -> (f32, [f32; COUNT]) {
        m.explain_all(std::slice::from_ref(row))[0]
    }

    fn model(trees: &str) -> Result<Model, ModelError> {
        Model::parse(&format!("{MAGIC}\nsignals words link_density\n{trees}"))
    }

    #[test]
    fn evaluates_and_explains_a_tree() {
        // words <= 5 ? -1 : (link_density <= 0.5 ? 2 : -2); the root's mean is 0.
        let m = model("tree 0:5:1:2:0 L:-1 1:0.5:3:4:0.5 L:2 L:-2").unwrap();
        let mut row = [0.0; COUNT];
        row[0] = 3.0;
        assert_eq!(explain(&m, &row).0, -1.0);
        row[0] = 10.0;
        row[2] = 0.1;
        let (raw, credit) = explain(&m, &row);
        assert_eq!(raw, 2.0);
        assert_eq!(credit[0], 0.5);
        assert_eq!(credit[2], 1.5);
        assert!(probability(2.0) > 0.88);
    }

    #[test]
    fn refuses_bad_models() {
        assert!(Model::parse("nonsense").is_err());
        assert!(model("").is_err());
        assert!(
            model("tree 0:5:0:2:0 L:1 L:2").is_err(),
            "a node pointing at itself"
        );
        assert!(
            model("tree 0:5:1:9:0 L:1 L:2").is_err(),
            "a child past the tree"
        );
        assert!(
            model("tree 7:5:1:2:0 L:1 L:2").is_err(),
            "an unknown column"
        );
        assert!(Model::parse(&format!("{MAGIC}\nsignals nope\ntree L:1")).is_err());
        assert!(
            model("tree 0:5:1:1:0 L:1").is_err(),
            "a node with two parents"
        );
    }

    /// The score and credit as the format describes them: tree by tree, from the root down,
    /// each split crediting the change of value to its signal.
    fn by_the_format(m: &Model, row: &Row) -> (f32, [f32; COUNT]) {
        let (nodes, roots) = &m.parsed;
        let mut credit = [0.0f32; COUNT];
        let mut leaves = Vec::new();
        for &root in roots {
            let mut at = root;
            loop {
                let n = nodes[at as usize];
                if n.left == u32::MAX {
                    leaves.push(n.value);
                    break;
                }
                let next = if row[n.signal as usize] <= n.threshold {
                    n.left
                } else {
                    n.right
                };
                credit[n.signal as usize] += nodes[next as usize].value - n.value;
                at = next;
            }
        }
        (leaves.into_iter().sum(), credit)
    }

    /// Checks the walks against the format's own walk, bit for bit, whether the slots run out
    /// of rows with `BATCH - 1`, 1 or 3 rows left in the last round of slots, and one row at a
    /// time.
    fn walks_as_the_format_says(m: &Model, rows: &[Row]) {
        assert!(m.small);
        // The same steps as a model too large for `u16` names lays them out.
        let wide = Model {
            words: m.words[..m.end as usize + WORDS].into(),
            small: false,
            ..m.clone()
        };
        let n = rows.len() - 3;
        for (m, rows) in [m, &wide]
            .into_iter()
            .flat_map(|m| [&rows[..n - 1], &rows[..n + 1], rows, &rows[..1]].map(|r| (m, r)))
        {
            let explained = m.explain_all(rows);
            assert_eq!(explained.len(), rows.len());
            for (row, (raw, credit)) in rows.iter().zip(explained) {
                let (want_raw, want_credit) = by_the_format(m, row);
                assert_eq!(raw.to_bits(), want_raw.to_bits(), "{row:?}");
                for k in 0..COUNT {
                    assert_eq!(credit[k].to_bits(), want_credit[k].to_bits(), "signal {k}");
                }
            }
        }
    }

    #[test]
    fn walks_give_what_the_format_says() {
        let m = Model::parse(super::super::classifier::SHIPPED_MODEL).unwrap();
        // A small deterministic generator: rows of counts, shares, flags, -1 and NaN.
        let mut next = crate::test_support::xorshift(0x9e37_79b9_7f4a_7c15u64);
        let mut rows = Vec::new();
        for _ in 0..200 * BATCH + 3 {
            let mut row = [0.0f32; COUNT];
            for v in &mut row {
                let r = next();
                *v = match r % 6 {
                    0 => ((r >> 8) % 400) as f32,
                    1 => ((r >> 8) % 1000) as f32 / 1000.0,
                    2 => ((r >> 8) % 2) as f32,
                    3 => -1.0,
                    4 if r % 7 == 0 => f32::NAN,
                    _ => ((r >> 8) % 40) as f32,
                };
            }
            rows.push(row);
        }
        walks_as_the_format_says(&m, &rows);
    }

    #[test]
    fn walks_of_odd_trees_give_what_the_format_says() {
        // A tree that is one leaf; leaves left and right at several depths; leaves of -0.0 and
        // +0.0, which the raw score must keep apart (a sum of -0.0 leaves is -0.0).
        let m = model(
            "tree L:-0.0\n\
             tree 0:5:1:2:0.5 L:0.0 1:0.5:3:4:-1 L:-0.0 L:2\n\
             tree 1:0.25:1:4:0 0:2:2:3:1 L:-0.0 L:-0.0 L:3\n\
             tree L:-0.0",
        )
        .unwrap();
        let mut rows = Vec::new();
        for words in [0.0, 3.0, 10.0, f32::NAN] {
            for link_density in [0.1, 0.9, f32::NAN] {
                let mut row = [0.0; COUNT];
                row[0] = words;
                row[2] = link_density;
                rows.push(row);
            }
        }
        let rows: Vec<Row> = rows.iter().cycle().take(3 * BATCH + 3).copied().collect();
        walks_as_the_format_says(&m, &rows);
        let mut row = [0.0; COUNT];
        row[0] = 10.0;
        row[2] = 0.1;
        // Four leaves of -0.0; with words 3, the +0.0 leaf of the second tree.
        assert_eq!(explain(&m, &row).0.to_bits(), (-0.0f32).to_bits());
        row[0] = 3.0;
        assert_eq!(explain(&m, &row).0.to_bits(), 0.0f32.to_bits());
    }

    #[test]
    fn the_shipped_model_reads() {
        let m = Model::parse(super::super::classifier::SHIPPED_MODEL).unwrap();
        assert!(m.parsed.1.len() >= 10);
    }
}
