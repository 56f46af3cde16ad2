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
    /// Every tree's nodes, depth first, tree after tree, then [`Model::end`]: one chain that
    /// a walk follows from the first root to the end (see [`Step`]).
    steps: Vec<Step>,
    /// Per step, what taking its left and its right way adds: a split's change of mean score
    /// (credited to its signal), a leaf's value (added to the raw score) either way.
    deltas: Vec<[f32; 2]>,
    /// The last step, where every walk ends.
    end: u32,
    /// The nodes and roots as parsed, for the tests' walk by the format's own rules.
    #[cfg(test)]
    parsed: (Vec<Node>, Vec<u32>),
}

/// The walk's slots past the signals: a leaf's value goes to `RAW` (so the raw score is summed
/// as the credits are), the end's zeros to `SINK`. Both read a NaN of the row's padding.
const RAW: usize = COUNT;
const SINK: usize = COUNT + 1;

/// A node as the walk reads it: `next[0]` and `next[1]` are the absolute indices of the steps
/// after its left and its right way. A split goes to its children; a leaf goes either way to
/// the next tree's root, crediting its value to [`RAW`]; the end is its own next, adding zero
/// to [`SINK`]. So a row walks all the trees in one run of uniform steps, with no branch on
/// its way and no wait for the other rows of its batch at the end of each tree.
#[derive(Clone, Copy, Debug)]
struct Step {
    threshold: f32,
    /// The slot in the padded row (and its credits) the step reads and credits.
    signal: u32,
    next: [u32; 2],
}

/// Rows that walk together: their walks overlap in the processor, where one walk waits on
/// each step's loads. 10 and 12 were the fastest of 4 to 16 on 15,000 random rows (4: 23 ms,
/// 8: 16 ms, 10 or 12: 11 ms, 16: 14 ms; the walk that waited at each tree's end took 19 ms
/// at 8), and on the aeb pages' rows 12 took a little less time than 10 and a third less
/// than 8.
pub(crate) const BATCH: usize = 12;

/// Steps taken between two checks that the batch has reached the end: a row at the end only
/// adds zeros, so a few extra steps cost little, and a check per step would cost a branch.
const STEPS_PER_CHECK: usize = 16;

/// The row as the walk reads it: a power-of-two length lets a masked index go unchecked.
const PADDED: usize = (SINK + 1).next_power_of_two();

/// The row as the walk reads it: padded with NaN, which leaves and the end read.
fn padded(row: &Row) -> [f32; PADDED] {
    let mut out = [f32::NAN; PADDED];
    out[..COUNT].copy_from_slice(row);
    out
}

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
        let mut out = vec![(0.0f32, [0.0f32; COUNT]); rows.len()];
        let steps = &self.steps[..];
        // As long as `steps`: one bounds check per step serves both.
        let deltas = &self.deltas[..steps.len()];
        let end = self.end as usize;
        let mut padded_rows = [[f32::NAN; PADDED]; BATCH];
        let mut credit = [[0.0f32; PADDED]; BATCH];
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
                    out[done].0 = credit[r][RAW];
                    out[done].1.copy_from_slice(&credit[r][..COUNT]);
                }
                if let Some(next) = waiting.next() {
                    padded_rows[r] = padded(&rows[next]);
                    credit[r] = [0.0; PADDED];
                    // `Sum` for floats starts from -0.0, which adding a leaf leaves unchanged.
                    credit[r][RAW] = -0.0;
                    at[r] = 0;
                    walking[r] = Some(next);
                    busy = true;
                }
            }
            if !busy {
                return out;
            }
            for _ in 0..STEPS_PER_CHECK {
                for r in 0..BATCH {
                    let step = steps[at[r]];
                    let signal = step.signal as usize & (PADDED - 1);
                    // Indexing by the comparison, not choosing by it, keeps the compiler from
                    // turning the choice back into a branch. NaN goes right.
                    let left = padded_rows[r][signal] <= step.threshold;
                    let right = usize::from(!left);
                    credit[r][signal] += deltas[at[r]][right];
                    at[r] = step.next[right] as usize;
                }
            }
        }
    }
}

/// The walks' layout of parsed trees: each tree depth first from its root (nodes no root
/// reaches are left out), then the end. A node with two parents is refused: the format holds
/// trees.
fn lay_out(nodes: &[Node], roots: &[u32]) -> Result<Model, String> {
    let mut steps: Vec<Step> = Vec::with_capacity(nodes.len() + 1);
    let mut deltas = Vec::with_capacity(nodes.len() + 1);
    let mut seen = vec![false; nodes.len()];
    // Leaves of the tree being laid out: they go on to the next root, known when it comes.
    let mut leaves: Vec<usize> = Vec::new();
    // Pending nodes, and for a right child the index of the split waiting for it.
    let mut stack: Vec<(u32, Option<usize>)> = Vec::new();
    for (t, &root) in roots.iter().enumerate() {
        let next_root = steps.len() as u32;
        for leaf in leaves.drain(..) {
            steps[leaf].next = [next_root; 2];
        }
        stack.push((root, None));
        while let Some((k, parent)) = stack.pop() {
            if std::mem::replace(&mut seen[k as usize], true) {
                return Err(format!("tree {t}: node {} has two parents", k - root));
            }
            let at = steps.len() as u32;
            if let Some(p) = parent {
                steps[p].next[1] = at;
            }
            let n = nodes[k as usize];
            if n.left == u32::MAX {
                leaves.push(steps.len());
                steps.push(Step {
                    threshold: 0.0,
                    signal: RAW as u32,
                    next: [at, at],
                });
                deltas.push([n.value; 2]);
                continue;
            }
            // The left child is laid out next; the right one sets its index when it comes.
            steps.push(Step {
                threshold: n.threshold,
                signal: n.signal as u32,
                next: [at + 1, at],
            });
            let value = |c: u32| nodes[c as usize].value;
            deltas.push([value(n.left) - n.value, value(n.right) - n.value]);
            stack.push((n.right, Some(at as usize)));
            stack.push((n.left, None));
        }
    }
    let end = steps.len() as u32;
    for leaf in leaves {
        steps[leaf].next = [end; 2];
    }
    steps.push(Step {
        threshold: 0.0,
        signal: SINK as u32,
        next: [end; 2],
    });
    deltas.push([0.0; 2]);
    Ok(Model {
        steps,
        deltas,
        end,
        #[cfg(test)]
        parsed: (nodes.to_vec(), roots.to_vec()),
    })
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

    #[test]
    fn walks_give_what_the_format_says() {
        let m = Model::parse(super::super::classifier::SHIPPED_MODEL).unwrap();
        // A small deterministic generator: rows of counts, shares, flags, -1 and NaN.
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut rows = Vec::new();
        for _ in 0..2007 {
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
        // Bit for bit, whether the slots run out of rows with 11, 1 or 3 rows left in the last
        // round of slots, and one row at a time.
        for rows in [&rows[..2003], &rows[..2005], &rows[..], &rows[..1]] {
            let explained = m.explain_all(rows);
            assert_eq!(explained.len(), rows.len());
            for (row, (raw, credit)) in rows.iter().zip(explained) {
                let (want_raw, want_credit) = by_the_format(&m, row);
                assert_eq!(raw.to_bits(), want_raw.to_bits(), "{row:?}");
                for k in 0..COUNT {
                    assert_eq!(credit[k].to_bits(), want_credit[k].to_bits(), "signal {k}");
                }
            }
        }
    }

    #[test]
    fn the_shipped_model_reads() {
        let m = Model::parse(super::super::classifier::SHIPPED_MODEL).unwrap();
        assert!(m.parsed.1.len() >= 10);
    }
}
