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
    /// Flat node array of every tree; `roots[t]` is where tree `t` starts.
    nodes: Vec<Node>,
    roots: Vec<u32>,
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
        Ok(Model { nodes, roots })
    }

    /// The raw score (log-odds that the block is story).
    pub(crate) fn raw(&self, row: &Row) -> f32 {
        self.roots
            .iter()
            .map(|&root| self.nodes[self.leaf(root, row) as usize].value)
            .sum()
    }

    fn leaf(&self, mut at: u32, row: &Row) -> u32 {
        loop {
            let n = self.nodes[at as usize];
            if n.left == u32::MAX {
                return at;
            }
            at = if row[n.signal as usize] <= n.threshold {
                n.left
            } else {
                n.right
            };
        }
    }

    /// The raw score and how much each signal moved it, from the mean score of each tree's
    /// root down to the leaf reached.
    pub(crate) fn explain(&self, row: &Row) -> (f32, [f32; COUNT]) {
        let mut credit = [0.0f32; COUNT];
        let mut raw = 0.0;
        for &root in &self.roots {
            let mut at = root;
            raw += self.nodes[root as usize].value;
            loop {
                let n = self.nodes[at as usize];
                if n.left == u32::MAX {
                    break;
                }
                let next = if row[n.signal as usize] <= n.threshold {
                    n.left
                } else {
                    n.right
                };
                let change = self.nodes[next as usize].value - n.value;
                credit[n.signal as usize] += change;
                raw += change;
                at = next;
            }
        }
        (raw, credit)
    }
}

pub(crate) fn probability(raw: f32) -> f32 {
    1.0 / (1.0 + (-raw).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(trees: &str) -> Result<Model, ModelError> {
        Model::parse(&format!("{MAGIC}\nsignals words link_density\n{trees}"))
    }

    #[test]
    fn evaluates_and_explains_a_tree() {
        // words <= 5 ? -1 : (link_density <= 0.5 ? 2 : -2); the root's mean is 0.
        let m = model("tree 0:5:1:2:0 L:-1 1:0.5:3:4:0.5 L:2 L:-2").unwrap();
        let mut row = [0.0; COUNT];
        row[0] = 3.0;
        assert_eq!(m.raw(&row), -1.0);
        row[0] = 10.0;
        row[2] = 0.1;
        assert_eq!(m.raw(&row), 2.0);
        let (raw, credit) = m.explain(&row);
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
    }

    #[test]
    fn the_shipped_model_reads() {
        let m = Model::parse(super::super::classifier::SHIPPED_MODEL).unwrap();
        assert!(m.roots.len() >= 10);
    }
}
