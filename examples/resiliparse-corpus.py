#!/usr/bin/env python3
"""Resiliparse as a whole process over a folder of pages, to time beside `corpus --jobs 1`.

    python examples/resiliparse-corpus.py IN_DIR OUT_DIR

Reads every *.html of IN_DIR as bytes, decodes it as `compare` does (UTF-8, invalid bytes
replaced), extracts the main content with `extract_plain_text(HTMLTree.parse(html),
main_content=True)` and writes it to OUT_DIR/<name>.txt: the same reading, extracting and
writing the corpus example does, one page after another.
"""
import os
import sys

from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree


def main(src, dst):
    os.makedirs(dst, exist_ok=True)
    for name in sorted(os.listdir(src)):
        if not name.endswith(".html"):
            continue
        with open(os.path.join(src, name), "rb") as f:
            html = f.read().decode("utf-8", "replace")
        text = extract_plain_text(HTMLTree.parse(html), main_content=True)
        with open(os.path.join(dst, name[: -len(".html")] + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: resiliparse-corpus.py IN_DIR OUT_DIR")
    main(sys.argv[1], sys.argv[2])
