"""Validation cost: a brief with N notes and a paragraph of one huge word, loaded N ways.

    .venv/bin/python bench/validate.py [--notes 500,1000,10000] [--runs 5]

Prints the best of `runs` load times (YAML text to a validated Brief, in this
process) for each size, with microseconds per note, so linear cost shows as
a flat last column. The test suite only compares sizes (tests/helpers/scaling.py);
the figures themselves live here. Reference: 10,000 notes validated in about
0.6 s on one 2024 laptop core.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from typeset.model import load_brief  # noqa: E402


def notes_yaml(n: int) -> str:
    return ("title: T\nsections:\n  - heading: H\n    content:\n"
            + "".join(f"      - Paragraph {i}.[^n{i}]\n" for i in range(n))
            + "footnotes:\n" + "".join(f"  n{i}: Note *{i}*, <https://example.org/{i}>.\n" for i in range(n)))


def best_load(text: str, runs: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.yaml"
        path.write_text(text, encoding="utf-8")
        load_brief(path)
        best = float("inf")
        for _ in range(runs):
            start = time.perf_counter()
            load_brief(path)
            best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", default="500,1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    print(f"{'notes':>8} {'seconds':>9} {'us/note':>8}")
    for n in (int(x) for x in args.notes.split(",")):
        s = best_load(notes_yaml(n), args.runs)
        print(f"{n:>8} {s:>9.3f} {s / n * 1e6:>8.1f}")
    word = "title: T\nsections:\n  - heading: H\n    content:\n      - " + "w" * 200_000 + "\n"
    print(f"one 200,000-character word: {best_load(word, args.runs):.3f} s")


if __name__ == "__main__":
    main()
