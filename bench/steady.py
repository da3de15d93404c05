"""Memory of a long-running process: many distinct renders in one process must not grow it.

    .venv/bin/python bench/steady.py [BRIEF.yaml] [--renders 100]

Renders the brief again and again, each time with fresh content (bench/salt.py),
as a service rendering briefs it has never seen would, and prints one JSON
line: the resident set (VmRSS, kB) after the first tenth of the renders and
after the last, their ratio, and the process's peak (VmHWM). bench/run.py
runs it in a child process, so the benchmark's own memory does not count.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

import salt  # noqa: E402

import typeset  # noqa: E402


def status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("brief", nargs="?", type=Path, default=ROOT / "examples" / "us-japan-alliance.yaml")
    parser.add_argument("--renders", type=int, default=100)
    args = parser.parse_args(argv)
    data = yaml.safe_load(args.brief.read_text(encoding="utf-8"))
    salter = salt.Salter()
    early = 0
    mark = max(1, args.renders // 10)
    for k in range(1, args.renders + 1):
        brief = typeset.Brief.from_dict(salter.salted(data), base_dir=args.brief.parent)
        typeset.render(brief)
        if k == mark:
            early = status_kb("VmRSS")
    late = status_kb("VmRSS")
    print(json.dumps({"renders": args.renders, "after": mark, "rss_early_kb": early, "rss_late_kb": late,
                      "growth": late / early if early else None, "peak_kb": status_kb("VmHWM")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
