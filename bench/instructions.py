"""Instructions per warm, fresh-content render, typeset against platypus: steady under load.

    .venv/bin/python bench/instructions.py [BRIEF.yaml ...]

Wall-clock times on a shared machine move with everyone else's work; the
number of instructions a render executes does not. For each brief and engine
this runs `valgrind --tool=callgrind` on two child processes that prepare
fresh content (bench/salt.py) and render it once and twice; the difference is
one warm render (typeset: the validated brief to PDF bytes, no YAML reading;
platypus: Paragraphs from markup and `build`). It prints the counts and
their ratio. Needs valgrind; each brief of ~100 pages takes minutes.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SEED = ROOT / "examples" / "us-japan-alliance.yaml"
_COLLECTED = re.compile(r"Collected : (\d+)")

CHILD = """
import sys
sys.path[:0] = [{root!r}, {bench!r}]
import yaml, salt, typeset, peers, peer_render
engine, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = yaml.safe_load(open(path, encoding="utf-8"))
salter = salt.Salter()
briefs = [typeset.Brief.from_dict(salter.salted(data), base_dir=str(__import__("pathlib").Path(path).parent))
          for _ in range(n)]
specs = [peers.platypus_spec(b) for b in briefs]
for k in range(n):
    pdf = typeset.render(briefs[k]) if engine == "typeset" else peer_render.render_platypus(specs[k])
    assert pdf.startswith(b"%PDF")
print("done", n)
"""


def instructions(engine: str, brief: Path, renders: int) -> int:
    code = CHILD.format(root=str(ROOT), bench=str(BENCH))
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           sys.executable, "-c", code, engine, str(brief), str(renders)],
                          capture_output=True, text=True)
    found = _COLLECTED.search(proc.stderr)
    if proc.returncode != 0 or f"done {renders}" not in proc.stdout or not found:
        raise RuntimeError(f"{engine} on {brief.name} failed: {proc.stderr[-500:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("briefs", nargs="*", type=Path, default=[SEED])
    args = parser.parse_args(argv)
    for brief in args.briefs:
        per = {e: instructions(e, brief, 2) - instructions(e, brief, 1) for e in ("typeset", "platypus")}
        print(f"{brief.name}: typeset {per['typeset'] / 1e6:,.0f} M, platypus {per['platypus'] / 1e6:,.0f} M "
              f"instructions per warm render; typeset ÷ platypus {per['typeset'] / per['platypus']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
