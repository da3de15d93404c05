"""Batch builds: `typeset build` of many copies of the seed brief, --jobs N against --jobs 1.

    .venv/bin/python bench/batch.py [--copies 200] [--jobs 2] [--rounds 3] [--results bench/results.md]

Copies the seed example into a temporary folder, then times whole
`python -m typeset build *.yaml --jobs N` commands, alternating N and 1 for
each round so that load from other processes falls on both alike, and
reports the best wall time of each and their ratio (the issue's target: at
most 0.55 on 2 cores). Other processes only ever add time, so the best of a
few rounds is the fairest figure; the load average is printed with each
run: on a machine that is busy already, parallel builds cannot speed up.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "us-japan-alliance.yaml"


def timed_build(folder: Path, names: list[str], jobs: int) -> float:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    for pdf in folder.glob("*.pdf"):
        pdf.unlink()
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "typeset", "build", *names, "--jobs", str(jobs)], cwd=folder,
                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"typeset build --jobs {jobs} failed: {proc.stderr[-2000:]}")
    return elapsed


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(copies: int = 200, jobs: int = 2, rounds: int = 3, log: bool = True) -> tuple[float, float]:
    """Best wall times of `typeset build` of `copies` seed briefs with --jobs `jobs` and with --jobs 1."""
    times: dict[int, list[float]] = {jobs: [], 1: []}
    with tempfile.TemporaryDirectory(prefix="typeset-batch-") as tmp:
        folder = Path(tmp)
        names = [f"brief{i:04d}.yaml" for i in range(1, copies + 1)]
        for name in names:
            shutil.copyfile(SEED, folder / name)
        for _ in range(rounds):
            for n in (jobs, 1):
                before = load()
                times[n].append(timed_build(folder, names, n))
                if log:
                    print(f"--jobs {n}: {times[n][-1]:.2f} s (load average before: {before})", file=sys.stderr,
                          flush=True)
    return min(times[jobs]), min(times[1])


def summary(copies: int, jobs: int, parallel: float, sequential: float) -> str:
    return (f"{copies} copies of {SEED.name}: --jobs {jobs} {parallel:.2f} s, --jobs 1 {sequential:.2f} s, "
            f"ratio {parallel / sequential:.2f} (target: at most 0.55 with 2 jobs on 2 cores)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time batch builds: --jobs N against --jobs 1.")
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each, alternating (best)")
    parser.add_argument("--results", type=Path, help="also record the figure in this results file "
                                                     "(e.g. bench/results.md)")
    args = parser.parse_args(argv)
    parallel, sequential = measure(args.copies, args.jobs, args.rounds)
    line = summary(args.copies, args.jobs, parallel, sequential)
    print(line)
    if args.results:
        record(args.results, f"{line}: {'met' if parallel <= 0.55 * sequential else '**not met**'}")
    return 0


def record(path: Path, line: str) -> None:
    """Put `line` into the batch section of a results file (bench/run.py writes the rest)."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    head = "Batch builds (bench/batch.py, best of the rounds):"
    text = text.split("\n" + head)[0].rstrip("\n")
    path.write_text(f"{text}\n\n{head}\n\n- {line} (load average after: {load()})\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
