"""Timings of the text stage on long paragraphs (run by hand; there are no timed tests).

.venv/bin/python bench/bench_linebreak.py [--profile]
"""

from __future__ import annotations

import cProfile
import pstats
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from typeset.text import BreakParams, FaceFiles, FontBook, StyledRun, break_paragraph  # noqa: E402

FONTS = ROOT / "fonts"
_WORDS = """
the of and to in a is that for on as with
by this are be policy government regional security cooperation international development economic
strategic framework implementation institutions ministry parliament federal provincial water energy trade investment
corridor agreement negotiations stakeholders accountability transparency recommendations infrastructure sustainability
"""
VOCAB = _WORDS.split()


def make_book() -> FontBook:
    return FontBook(
        {
            "Serif": FaceFiles(FONTS / "LiberationSerif-Regular.ttf", FONTS / "LiberationSerif-Bold.ttf"),
            "DejaVu": FaceFiles(FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"),
        },
        fallback=["DejaVu"],
    )


def paragraph(words: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(VOCAB) for _ in range(words))


def timed(label: str, runs: list[StyledRun], book: FontBook, words: int, **kw: object) -> None:
    t0 = time.perf_counter()
    lines = break_paragraph(runs, 450.0, book, **kw)  # type: ignore[arg-type]
    dt = time.perf_counter() - t0
    rate = f", {words / dt:,.0f} words/s" if words else ""
    print(f"{label:<46} {dt * 1000:9.1f} ms  {len(lines):6d} lines{rate}")


def main() -> None:
    book = make_book()
    font = book.face("Serif")
    break_paragraph([StyledRun(paragraph(200), font, 12.0)], 150.0, book)  # load fonts and patterns
    for n in (5_000, 50_000):
        runs = [StyledRun(paragraph(n), font, 12.0)]
        timed(f"justify {n:,} words", runs, book, n)
        timed(f"ragged {n:,} words", runs, book, n, align="left")
        timed(f"justify {n:,} words, straight to pass 2", runs, book, n, params=BreakParams(pretolerance=-1))
        timed(
            f"justify {n:,} words, all four passes",
            runs,
            book,
            n,
            params=BreakParams(pretolerance=-1, tolerance=0),
        )
    timed("one 200,000-character word", [StyledRun("x" * 200_000, font, 12.0)], book, 0)
    timed("one 200,000-character URL", [StyledRun("a/b." * 50_000, font, 12.0, url=True)], book, 0)
    if "--profile" in sys.argv:
        runs = [StyledRun(paragraph(5_000), font, 12.0)]
        prof = cProfile.Profile()
        prof.enable()
        break_paragraph(runs, 450.0, book)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
