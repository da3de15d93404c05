"""Instructions of a whole-process build of one brief, by phase: steady under load.

    .venv/bin/python bench/startup.py [BRIEF.yaml]

The whole-process time of bench/run.py (`process` column) moves with the
machine's load; instruction counts do not. This runs `valgrind
--tool=callgrind` on child processes that stop after each phase of
`python -m typeset build BRIEF -o OUT.pdf`, and prints each phase's share:
the bare interpreter, the imports a build makes, reading the brief and its
layout, the first render (which reads font faces and hyphenation patterns
for the first time), and writing the file. A second render in the same
child shows how much of the first was first-time work. Needs valgrind;
takes about a minute.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SEED = ROOT / "examples" / "us-japan-alliance.yaml"
_COLLECTED = re.compile(r"Collected : (\d+)")

IMPORTS = ("import typeset.cli as c; c._load_reportlab_lightly(); c._parser('build'); "
           "import typeset, typeset.pipeline, typeset.readers.yaml, typeset.text.hyphenate")
STEPS = {
    "interpreter": "pass",
    "imports": IMPORTS,
    "brief and layout": IMPORTS + "; from typeset.pipeline import resolve_layout; "
                                  "b = typeset.load(sys.argv[1]); resolve_layout(b, None)",
    "first render": IMPORTS + "; b = typeset.load(sys.argv[1]); typeset.render(b)",
    "second render": IMPORTS + "; b = typeset.load(sys.argv[1]); typeset.render(b); typeset.render(b)",
}


def instructions(argv: list[str]) -> int:
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, *argv],
                          capture_output=True, text=True, cwd=ROOT)
    found = _COLLECTED.search(proc.stderr)
    if proc.returncode != 0 or not found:
        raise RuntimeError(f"{argv}: {proc.stderr[-500:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("brief", nargs="?", type=Path, default=SEED)
    args = parser.parse_args(argv)
    brief = str(args.brief.resolve())
    # each child ends as the command does, with the cyclic collector off (typeset.cli.run)
    counts = {name: instructions(["-c", f"import sys; {code}; import gc; gc.disable()", brief])
              for name, code in STEPS.items()}
    with tempfile.TemporaryDirectory() as tmp:
        whole = instructions(["-m", "typeset", "build", brief, "-o", str(Path(tmp) / "out.pdf"), "-q"])
    m = 1e6
    print(f"{args.brief.name}: python -m typeset build: {whole / m:,.0f} M instructions")
    print(f"  interpreter       {counts['interpreter'] / m:7,.0f} M")
    print(f"  imports           {(counts['imports'] - counts['interpreter']) / m:7,.0f} M")
    print(f"  brief and layout  {(counts['brief and layout'] - counts['imports']) / m:7,.0f} M")
    first = counts["first render"] - counts["brief and layout"]
    warm = counts["second render"] - counts["first render"]
    print(f"  first render      {first / m:7,.0f} M (a second one: {warm / m:,.0f} M)")
    print(f"  the rest          {(whole - counts['first render']) / m:7,.0f} M (options, writing, exit)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
