#!/usr/bin/env python3
"""Trains corestory's block classifier (rule `block-classifier`) from signal dumps.

usage:
  train.py --corpus DIR DUMP [--corpus DIR DUMP ...] --out MODEL [--folds K --fold-dir DIR]

Each DUMP is what `cargo run --release --features training --example train-model -- DOCS DUMP`
wrote for the corpus DIR (DIR/docs, DIR/gold, optional DIR/meta.jsonl). A block's label is
whether it is story: at least half of its 4-word shingles occur in the gold story (a block of
fewer than four words: its whole word run occurs there). Each block weighs its share of the
page's words, so every page counts about the same, as in the per-page metrics.

With --folds K, pages are split into K folds by site (the host of meta.jsonl's url, else the
page id), and one model per fold is trained on the other folds and written with the ids it
never saw (FOLD_DIR/fold-N.model, FOLD_DIR/fold-N.ids): extracting those ids with that model
measures the classifier on pages, and sites, it was not trained on. Without --folds, one model
is trained on every page.

Needs numpy and lightgbm (pip install -r examples/train-model/requirements.txt).
"""
import argparse
import collections
import hashlib
import json
import re
import sys
from pathlib import Path

try:
    import lightgbm as lgb
    import numpy as np
except ImportError:
    sys.exit("train.py needs numpy and lightgbm: pip install -r examples/train-model/requirements.txt")

WORD = re.compile(r"\w+")
PARAMS = dict(objective="binary", learning_rate=0.1, num_leaves=31, min_data_in_leaf=50,
              feature_fraction=0.8, bagging_fraction=0.8, bagging_freq=1, verbose=-1,
              num_threads=2, seed=1, deterministic=True, force_row_wise=True, rounds=150)
MAGIC = "corestory-block-model 1"


def tokens(text):
    return [w.lower() for w in WORD.findall(text)]


def label(block_tokens, gold_shingles, gold_run):
    """Share of the block's 4-word shingles found in the gold story (short blocks: 0 or 1)."""
    t = block_tokens
    if len(t) >= 4:
        sh = [tuple(t[i:i + 4]) for i in range(len(t) - 3)]
        return sum(s in gold_shingles for s in sh) / len(sh)
    if t:
        return 1.0 if " " + " ".join(t) + " " in gold_run else 0.0
    return 0.0


def load(corpus, dump):
    """The corpus's pages with their blocks' signals, labels and weights, and the site of
    every page of the corpus (pages without a block too, so that each lands in a fold)."""
    corpus = Path(corpus)
    hosts = {}
    meta = corpus / "meta.jsonl"
    if meta.exists():
        for line in meta.read_text(encoding="utf8").splitlines():
            if line.strip():
                m = json.loads(line)
                url = m.get("url") or ""
                hosts[m["id"]] = re.sub(r"^https?://(www\.)?", "", url).split("/")[0]
    with open(dump, encoding="utf8") as f:
        names = json.loads(f.readline())
        pages = collections.OrderedDict()
        for line in f:
            b = json.loads(line)
            pages.setdefault(b["doc"], []).append(b)
    docs = []
    for doc, blocks in pages.items():
        gold_file = corpus / "gold" / (doc + ".txt")
        if not gold_file.exists():
            continue
        g = tokens(gold_file.read_text(encoding="utf8"))
        shingles = {tuple(g[i:i + 4]) for i in range(max(1, len(g) - 3))}
        run = " " + " ".join(g) + " "
        x, y, w = [], [], []
        total = sum(max(len(tokens(b["text"])), 1) for b in blocks)
        for b in blocks:
            t = tokens(b["text"])
            x.append(b["x"])
            y.append(1 if label(t, shingles, run) >= 0.5 else 0)
            w.append(max(len(t), 1) / total)
        docs.append({"id": doc, "corpus": corpus.name, "site": hosts.get(doc) or doc,
                     "x": x, "y": y, "w": w})
    sites = {p.stem: hosts.get(p.stem) or p.stem for p in (corpus / "docs").iterdir()
             if p.suffix in (".html", ".htm")}
    return names, docs, {(corpus.name, i): s for i, s in sites.items()}


def train(docs):
    x = np.array([r for d in docs for r in d["x"]], dtype=np.float32)
    y = np.array([v for d in docs for v in d["y"]])
    w = np.array([v for d in docs for v in d["w"]])
    params = {k: v for k, v in PARAMS.items() if k != "rounds"}
    return lgb.train(params, lgb.Dataset(x, y, weight=w), num_boost_round=PARAMS["rounds"]), x


def f32_floor(t):
    """The largest f32 not above t: `x <= t` and `x <= f32_floor(t)` agree for every f32 x."""
    f = np.float32(t)
    if float(f) > t:
        f = np.nextafter(f, np.float32(-np.inf))
    return f


def export(model, names):
    """The model in corestory's text format (see src/rules/main_content/model.rs)."""
    dump = model.dump_model()
    used = sorted({n["split_feature"] for t in dump["tree_info"] for n in walk(t["tree_structure"])
                   if "split_feature" in n})
    column = {f: k for k, f in enumerate(used)}
    lines = [MAGIC, "signals " + " ".join(names[f] for f in used)]
    for tree in dump["tree_info"]:
        nodes = []

        def emit(n):
            at = len(nodes)
            nodes.append(None)
            if "leaf_value" in n:
                nodes[at] = f"L:{n['leaf_value']:.5g}"
                return at
            if n["decision_type"] != "<=" or n.get("missing_type") not in ("None", "NaN"):
                sys.exit(f"unsupported split {n['decision_type']} / {n.get('missing_type')}")
            left = emit(n["left_child"])
            right = emit(n["right_child"])
            thr = float(f32_floor(n["threshold"]))
            value = n["internal_value"]
            nodes[at] = f"{column[n['split_feature']]}:{thr!r}:{left}:{right}:{value:.4g}"
            return at

        emit(tree["tree_structure"])
        lines.append("tree " + " ".join(nodes))
    return "\n".join(lines) + "\n"


def walk(n):
    stack = [n]
    while stack:
        n = stack.pop()
        yield n
        for k in ("left_child", "right_child"):
            if k in n:
                stack.append(n[k])


def check(text, names, model, x):
    """Evaluates the exported text as corestory does and compares with lightgbm."""
    lines = text.splitlines()
    cols = [names.index(n) for n in lines[1].split()[1:]]
    trees = [l.split()[1:] for l in lines[2:]]
    sample = x[:: max(1, len(x) // 2000)]
    want = model.predict(sample, raw_score=True)
    for row, expect in zip(sample, want):
        raw = np.float32(0)
        for t in trees:
            at = 0
            while not t[at].startswith("L:"):
                f, thr, left, right, _ = t[at].split(":")
                at = int(left) if row[cols[int(f)]] <= np.float32(thr) else int(right)
            raw += np.float32(t[at][2:])
        # Leaf values are written with 5 significant digits: a few thousandths at most.
        if abs(raw - expect) > 1e-2:
            sys.exit(f"exported model disagrees with lightgbm: {raw} != {expect}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", nargs=2, action="append", metavar=("DIR", "DUMP"), required=True)
    ap.add_argument("--out", help="the model trained on every page")
    ap.add_argument("--folds", type=int, default=0)
    ap.add_argument("--fold-dir")
    ap.add_argument("--rounds", type=int, default=PARAMS["rounds"], help="trees")
    ap.add_argument("--leaves", type=int, default=PARAMS["num_leaves"], help="leaves per tree")
    ap.add_argument("--learning-rate", type=float, default=PARAMS["learning_rate"])
    ap.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                    help="any other LightGBM parameter, e.g. min_data_in_leaf=200")
    ap.add_argument("--oof", help="with --folds: write each page's held-out probabilities here (JSON)")
    a = ap.parse_args()
    PARAMS.update(rounds=a.rounds, num_leaves=a.leaves, learning_rate=a.learning_rate)
    for kv in a.param:
        key, _, value = kv.partition("=")
        PARAMS[key] = type(PARAMS.get(key, 0.0))(value) if key in PARAMS else float(value)
    names, docs, sites = None, [], {}
    for corpus, dump in a.corpus:
        n, d, s = load(corpus, dump)
        sites.update(s)
        if names is not None and n != names:
            sys.exit(f"{dump}: its signals differ from the first dump's; dump again")
        names = n
        docs += d
    print(f"{len(docs)} pages, {sum(len(d['y']) for d in docs)} blocks, {len(names)} signals", file=sys.stderr)
    if a.folds:
        out = Path(a.fold_dir or "target/block-model-folds")
        out.mkdir(parents=True, exist_ok=True)
        def fold_of(site):
            return int(hashlib.md5(site.encode()).hexdigest(), 16) % a.folds

        def fold(d):
            return fold_of(d["site"])
        oof = {}
        for k in range(a.folds):
            model, x = train([d for d in docs if fold(d) != k])
            for d in docs:
                if fold(d) == k and d["x"]:
                    oof[f"{d['corpus']}/{d['id']}"] = [round(float(v), 4) for v in model.predict(np.array(d["x"], dtype=np.float32))]
            text = export(model, names)
            check(text, names, model, x)
            (out / f"fold-{k}.model").write_text(text, encoding="utf8")
            held = sorted(f"{c}/{i}" for (c, i), site in sites.items() if fold_of(site) == k)
            (out / f"fold-{k}.ids").write_text("\n".join(held) + "\n", encoding="utf8")
            print(f"fold {k}: {len(held)} held-out pages", file=sys.stderr)
        if a.oof:
            Path(a.oof).write_text(json.dumps(oof), encoding="utf8")
    if a.out:
        model, x = train(docs)
        text = export(model, names)
        check(text, names, model, x)
        Path(a.out).write_text(text, encoding="utf8")
        print(f"wrote {a.out}: {len(text)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
