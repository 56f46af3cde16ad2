#!/usr/bin/env python3
"""Writes the full-size hostile inputs of issue 5 into DIR (default /tmp/corestory-hostile).

Not part of the test run: tests/hostile.rs builds smaller versions in memory. Measure with
    .ci/hostile-inputs.py /tmp/h && for f in /tmp/h/*; do
        /usr/bin/time -f "$f %e s %M KB exit %x" target/release/examples/strip "$f" >/dev/null; done
"""
import os
import random
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/corestory-hostile"
os.makedirs(out, exist_ok=True)
rng = random.Random(5)
PAGE = "<!DOCTYPE html><html><head><title>Hostile</title></head><body>"
SENTENCE = "The council met on Monday to discuss the harbour tunnel and its budget. "
WORDS = SENTENCE.split()


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def prose(n_bytes):
    return (SENTENCE * (n_bytes // len(SENTENCE) + 1))[:n_bytes]


write("random-bytes.bin", rng.randbytes(5 << 20))
write("invalid-utf8.html", PAGE.encode() + b"<p>caf\xe9 \xff\xfe \xc3\x28 \xf0\x28\x8c\x28 text</p>" * 100_000)
write("nul-bytes.txt", ("word\0" * (1 << 20)))
write("nul-bytes.html", PAGE + "<p>a\0b</p>" * 200_000)
write("binary.bin", b"\x7fELF\x02\x01\x01" + bytes(1 << 20) + rng.randbytes(4 << 20))
write("empty.txt", b"")
write("whitespace.txt", " \t\r\n\u00a0\u2003" * 200_000)
write("unterminated-comment.html", PAGE + "<p>" + SENTENCE + "</p><!--" + prose(5 << 20))
write("unterminated-tag.html", PAGE + "<p>" + SENTENCE + "</p><div class=\"x" + prose(5 << 20))
write("nested-200k.html", PAGE + "<div>" * 200_000 + SENTENCE + "</div>" * 200_000)
write("nested-200k-unclosed.html", PAGE + "<div><span>" * 100_000 + SENTENCE)
write("deep-then-flat.html", PAGE + "<div>" * 1000 + "<div><p>x</p></div>" * 500_000)
write("siblings-1m.html", PAGE + "<p>word</p>" * 1_000_000)
write("text-node-20mb.html", PAGE + "<p>" + prose(20 << 20) + "</p>")
write("attribute-5mb.html", PAGE + "<div class=\"" + "a b " * (5 << 18) + "\"><p>" + SENTENCE + "</p></div>")
write("href-5mb.html", PAGE + "<a href=\"https://x/" + "a" * (5 << 20) + "\">" + "<p>link</p>" * 100_000 + "</a>")
write("entities-2m.html", PAGE + "<p>" + "&amp;&#x41;&nbsp;&lt;&#233;" * 400_000 + "</p>")
write("identical-paragraphs-100k.html", PAGE + ("<p>" + SENTENCE * 3 + "</p>") * 100_000)
write("identical-paragraphs-100k.txt", (SENTENCE * 3 + "\n\n") * 100_000)
write("footer-lines-100k.txt", "Harbour Tunnel Opens\n\n" + SENTENCE * 4 + "\n\n"
      + "The post Harbour Tunnel Opens appeared first on Daily Wire Digest.\n" * 100_000)
write("one-line-20mb.txt", prose(20 << 20))
# Parser-level amplifiers: formatting elements reconstructed in every paragraph, and content
# foster-parented out of a table.
write("formatting-reconstruct.html", PAGE + "".join(f"<b id={i}>" for i in range(5000)) + "<p>x</p>" * 100_000)
write("foster-parenting.html", PAGE + "<table>" + "<p>x</p>" * 200_000 + "</table>")
write("random-words-20mb.txt", " ".join(rng.choice(WORDS) for _ in range(3_000_000)))
