"""Render every example, corpus and benchmark brief in every layout, and compare with a reference.

    .venv/bin/python bench/identical.py --write /tmp/ref      # before a change
    .venv/bin/python bench/identical.py --check /tmp/ref      # after it: lists every PDF that differs

Speed work must not change output: this is how a change is shown to leave
every PDF byte-identical (or which ones it changes, on purpose). Each brief is
rendered twice in this one process, in turn with the others, so caches kept
between renders are checked too: the second render must equal the first.
To make a reference from an older commit, run this file from an export of it
(`git archive COMMIT | tar -x -C DIR`, with `PYTHONPATH=DIR`).
"""
from __future__ import annotations

import sys

if "--no-accel" in sys.argv:  # before ReportLab is imported: its C functions stay unloaded
    sys.modules["_rl_accel"] = None  # type: ignore[assignment]

import argparse
import hashlib
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

import generate  # noqa: E402

import typeset  # noqa: E402

SHARED = ROOT.parent / "shared"


def briefs(out: Path) -> list[Path]:
    """Examples, corpus briefs, a generated brief and a repeated seed (the shapes the benchmark uses)."""
    found = sorted((ROOT / "examples").glob("*.yaml")) + sorted((SHARED / "corpus").glob("*.yaml"))
    found.append(generate.write_brief(20, out))
    found.append(generate.write_repeated(3, out))
    return found


def layouts() -> list[str]:
    return sorted(p.stem for p in (ROOT / "layouts").glob("*.yaml"))


def render_all(out: Path) -> dict[str, bytes]:
    """name -> PDF bytes of every brief in every layout, each rendered twice (must agree)."""
    jobs = [(brief, layout) for brief in briefs(out) for layout in layouts()]
    pdfs: dict[str, bytes] = {}
    for round_ in range(2):
        for brief, layout in jobs:
            name = f"{brief.stem}.{layout}.pdf"
            pdf = typeset.render(typeset.load(brief), layout)
            if round_ == 0:
                pdfs[name] = pdf
            elif pdfs[name] != pdf:
                raise SystemExit(f"{name}: a second render in the same process differs from the first")
    return pdfs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, metavar="DIR", help="write the reference PDFs into DIR")
    mode.add_argument("--check", type=Path, metavar="DIR", help="compare with the PDFs in DIR")
    parser.add_argument("--no-accel", action="store_true",
                        help="ReportLab without its C accelerator (for a reference from older code)")
    args = parser.parse_args(argv)
    pdfs = render_all(BENCH / "out")
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for name, pdf in pdfs.items():
            (args.write / name).write_bytes(pdf)
        print(f"wrote {len(pdfs)} PDFs to {args.write}")
        return 0
    differ = []
    for name, pdf in pdfs.items():
        ref = args.check / name
        if not ref.is_file() or ref.read_bytes() != pdf:
            differ.append(name)
            print(f"differs: {name} ({hashlib.sha1(pdf).hexdigest()[:12]})")
    print(f"{len(pdfs) - len(differ)} of {len(pdfs)} PDFs identical to {args.check}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
