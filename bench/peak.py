"""Run a module or a script as __main__, then write this process's peak RSS in kB to a file.

    python bench/peak.py PEAK_FILE -m typeset build brief.yaml
    python bench/peak.py PEAK_FILE bench/peer_render.py typst doc.typ doc.pdf

A parent's `ru_maxrss` for its child is no good here: on Linux the child
inherits the parent's high-water mark across fork and exec, so a child of
the (large) benchmark process would report the benchmark's size. VmHWM is
the high-water mark of this process's own address space, which starts
fresh at exec. This wrapper imports nothing but the standard library.
"""
from __future__ import annotations

import atexit
import os
import resource
import runpy
import sys


def peak_kb() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS


def _report(path: str) -> None:
    with open(path, "w", encoding="ascii") as f:
        f.write(str(peak_kb()))


def main() -> None:
    out, *rest = sys.argv[1:]
    if os.environ.get("BENCH_NO_RL_ACCEL") == "1":  # bench/run.py --no-accel: ReportLab stays pure Python
        sys.modules["_rl_accel"] = None  # type: ignore[assignment]
    atexit.register(_report, out)
    if rest[0] == "-m":
        sys.argv = [rest[1], *rest[2:]]
        runpy.run_module(rest[1], run_name="__main__", alter_sys=True)
    else:
        sys.argv = rest
        runpy.run_path(rest[0], run_name="__main__")


if __name__ == "__main__":
    main()
