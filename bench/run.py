"""typeset against ReportLab platypus and Typst, side by side, in one run (GitHub issue 6).

    .venv/bin/python bench/run.py [--sizes 5 100 500] [--quick] [--profile] [--batch]

Typst is measured when its Python package is installed (`pip install -e
'.[bench]'`). Run it on an otherwise idle machine: the load average is
recorded with the results because other processes skew every number.

For the seed example and generated briefs of about 5, 100 and 500 pages
(bench/generate.py) it measures, for each engine:

- warm render: median wall time of several renders in this process after a
  warm-up, from source to PDF bytes (typeset: `load` + `render` of the YAML;
  platypus: Paragraphs from markup + `SimpleDocTemplate.build`; Typst: a
  compile with a fresh `typst.Compiler`, so nothing of the document is
  memoised from the previous round). The engines take turns within each
  round, so load from other processes hits them alike;
- whole process: median of 3 runs of a fresh process (`python -m typeset
  build`, or bench/peer_render.py for a peer) and the largest peak RSS
  (VmHWM of that very child, reported by bench/peak.py);
- pages per second of the warm render.

It prints one table with typeset's ratios against each peer and writes it,
with the machine's description and the targets of the issue, to
bench/results.md. `--profile` also profiles the warm render of the ~100-page
brief (cProfile) and writes bench/out/profile.txt; `--batch` adds the batch
timing of bench/batch.py. Timings are benchmarks, never tests.
bench/bench_linebreak.py times the text stage alone.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

import generate  # noqa: E402
import peer_render  # noqa: E402
import peers  # noqa: E402

import typeset  # noqa: E402

OUT = BENCH / "out"
RESULTS = BENCH / "results.md"
SEED = ROOT / "examples" / "us-japan-alliance.yaml"
ENGINES = ("typeset", "platypus", "typst")
WARM_BUDGET = 20.0  # seconds of timed warm renders per engine and brief, at most
TARGET_SCALING = 1.3  # pages/s at 500 pages within this factor of the 5-page rate
TARGET_MEMORY_MB = 150.0


@dataclass
class Case:
    """One brief and its conversions for the peers."""

    name: str
    path: Path
    notes: int = 0
    sources: dict[str, Path] = field(default_factory=dict)


@dataclass
class Measure:
    """One engine on one brief."""

    pages: int = 0
    warm: list[float] = field(default_factory=list)
    process: list[float] = field(default_factory=list)
    peak_kb: int = 0

    @property
    def warm_s(self) -> float:
        return statistics.median(self.warm) if self.warm else float("nan")

    @property
    def process_s(self) -> float:
        return statistics.median(self.process) if self.process else float("nan")

    @property
    def peak_mb(self) -> float:
        return self.peak_kb / 1024 if self.peak_kb else float("nan")

    @property
    def rate(self) -> float:
        return self.pages / self.warm_s if self.warm else float("nan")


# ---------------------------------------------------------------------------------- preparing


def prepare(sizes: Sequence[int], with_seed: bool) -> list[Case]:
    """Write the generated briefs and every peer's source for each brief."""
    cases = [Case("seed", SEED)] if with_seed and SEED.is_file() else []
    cases += [Case(f"gen-{n}", generate.write_brief(n, OUT)) for n in sizes]
    for case in cases:
        brief = typeset.load(case.path)
        case.notes = len(brief.footnotes)
        spec = OUT / f"{case.name}.platypus.json"
        spec.write_text(json.dumps(peers.platypus_spec(brief), ensure_ascii=False), encoding="utf-8")
        typ = OUT / f"{case.name}.typ"
        typ.write_text(peers.typst_source(brief), encoding="utf-8")
        case.sources = {"platypus": spec, "typst": typ}
    return cases


def count_pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


# ----------------------------------------------------------------------------- warm, in-process


def renderers(case: Case, engines: Sequence[str]) -> dict[str, Callable[[], bytes]]:
    """A zero-argument render per engine: source in memory (or file) to PDF bytes."""
    out: dict[str, Callable[[], bytes]] = {}
    if "typeset" in engines:
        out["typeset"] = lambda: typeset.render(typeset.load(case.path))
    if "platypus" in engines:
        spec = json.loads(case.sources["platypus"].read_text(encoding="utf-8"))
        out["platypus"] = lambda: peer_render.render_platypus(spec)
    if "typst" in engines:
        source = case.sources["typst"].read_text(encoding="utf-8")

        def typst_once() -> bytes:
            compiler = peer_render.typst_compiler()  # font scan outside the timing
            t = time.perf_counter()
            pdf = peer_render.render_typst(source, compiler)
            typst_once.elapsed = time.perf_counter() - t  # type: ignore[attr-defined]
            return pdf

        out["typst"] = typst_once
    return out


def measure_warm(case: Case, engines: Sequence[str], results: dict[str, Measure], repeat: int | None) -> None:
    render = renderers(case, engines)
    first: dict[str, float] = {}
    for name, fn in render.items():  # warm-up: fonts, caches, imports; page count
        t = time.perf_counter()
        pdf = fn()
        first[name] = getattr(fn, "elapsed", time.perf_counter() - t)
        results[name].pages = count_pages(pdf)
    rounds = repeat or max(3, min(9, int(WARM_BUDGET / max(max(first.values()), 1e-3))))
    for _ in range(rounds):
        for name, fn in render.items():
            t = time.perf_counter()
            fn()
            results[name].warm.append(getattr(fn, "elapsed", time.perf_counter() - t))


# ------------------------------------------------------------------------------ whole process


def run_child(argv: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (kB) of one child process run through bench/peak.py."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    peak_file = OUT / "peak.txt"
    peak_file.unlink(missing_ok=True)
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, str(BENCH / "peak.py"), str(peak_file), *argv], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}): {proc.stderr.strip()}")
    return elapsed, int(peak_file.read_text())


def child_argv(case: Case, engine: str) -> list[str]:
    """The command after `python bench/peak.py PEAK_FILE`."""
    out = str(OUT / f"{case.name}.{engine}.pdf")
    if engine == "typeset":
        return ["-m", "typeset", "build", str(case.path), "-o", out]
    return [str(BENCH / "peer_render.py"), engine, str(case.sources[engine]), out]


def measure_process(case: Case, engines: Sequence[str], results: dict[str, Measure], runs: int) -> None:
    for _ in range(runs):
        for engine in engines:
            elapsed, peak = run_child(child_argv(case, engine))
            results[engine].process.append(elapsed)
            results[engine].peak_kb = max(results[engine].peak_kb, peak)


# ------------------------------------------------------------------------------------ report


def machine() -> list[str]:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 1
    import reportlab
    from reportlab.lib import rl_accel

    accel = "with" if rl_accel._c_funcs else "without"  # type: ignore[attr-defined]
    typst_version = "not installed"
    if peers_available()["typst"]:
        import typst

        typst_version = getattr(typst, "__version__", "installed")
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    commit = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
                            capture_output=True, text=True).stdout.strip() or "unknown"
    return [
        f"- CPU: {model}, {usable} usable core(s) of {os.cpu_count()}",
        f"- OS: {platform.system()} {platform.release()}; load average before the run: {load}",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        f"- reportlab {reportlab.Version} ({accel} the rl_accel C extension); typst (Python) {typst_version}",
        f"- typeset at {commit}",
    ]


def peers_available() -> dict[str, bool]:
    return {"typeset": True, "platypus": True, "typst": peer_render.typst_available()}


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b and b == b and a == a else "–"


def table(cases: Sequence[Case], data: dict[str, dict[str, Measure]], engines: Sequence[str]) -> list[str]:
    head = ("| brief | engine | pages | notes | warm render (ms) | pages/s | process (s) | peak RSS (MB) "
            "| typeset ÷ peer: warm | process | memory |")
    rows = [head, "|" + "---|" * (head.count("|") - 1)]
    for case in cases:
        ts = data[case.name]["typeset"]
        for engine in engines:
            m = data[case.name][engine]
            label = {"platypus": "platypus (endnotes)"}.get(engine, engine)
            vs = ("", "", "") if engine == "typeset" else (
                _ratio(ts.warm_s, m.warm_s), _ratio(ts.process_s, m.process_s), _ratio(ts.peak_mb, m.peak_mb))
            rows.append(f"| {case.name} | {label} | {m.pages} | {case.notes} | {m.warm_s * 1000:,.0f} "
                        f"| {m.rate:,.1f} | {m.process_s:.2f} | {m.peak_mb:.1f} | {vs[0]} | {vs[1]} | {vs[2]} |")
    return rows


def targets(data: dict[str, dict[str, Measure]], engines: Sequence[str]) -> list[str]:
    out: list[str] = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    seed = data.get("seed")
    if seed:
        ts = seed["typeset"].warm_s
        for peer in engines[1:]:
            p = seed[peer].warm_s
            out.append(f"- Seed warm render no slower than {peer}: {ts * 1000:.0f} ms vs {p * 1000:.0f} ms "
                       f"({_ratio(ts, p)}): {verdict(ts <= p)}")
    small, large = data.get("gen-5"), data.get("gen-500")
    if small and large:
        r5, r500 = small["typeset"].rate, large["typeset"].rate
        out.append(f"- Pages/s at 500 pages within {TARGET_SCALING}× of the 5-page rate: {r500:.1f} vs {r5:.1f} "
                   f"pages/s (5-page rate ÷ 500-page rate = {r5 / r500:.2f}): {verdict(r5 <= TARGET_SCALING * r500)}")
    if large:
        mb = large["typeset"].peak_mb
        out.append(f"- Peak memory at 500 pages at most {TARGET_MEMORY_MB:.0f} MB: {mb:.1f} MB: "
                   f"{verdict(mb <= TARGET_MEMORY_MB)}")
    return out


def write_results(lines: Sequence[str], path: Path) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ------------------------------------------------------------------------------------ profile


def profile(case: Case, top: int = 30) -> str:
    """cProfile of one warm typeset render of `case`, sorted by own time, then by cumulative time."""
    import cProfile
    import pstats

    brief = typeset.load(case.path)
    typeset.render(brief)
    prof = cProfile.Profile()
    prof.enable()
    typeset.render(typeset.load(case.path))
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf).strip_dirs()
    buf.write(f"# warm render of {case.path.name}, by own time\n")
    stats.sort_stats("tottime").print_stats(top)
    buf.write(f"# warm render of {case.path.name}, by cumulative time\n")
    stats.sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


def stages(case: Case, rounds: int = 3) -> list[str]:
    """Median time of each stage of a warm typeset render: where the time goes."""
    from typeset.layout import lay_out
    from typeset.pipeline import resolve_layout
    from typeset.render.pdf import Metadata, write_pdf

    times: dict[str, list[float]] = {"load (YAML + markup)": [], "layout file": [], "lay_out": [], "write_pdf": []}
    for _ in range(rounds):
        t0 = time.perf_counter()
        brief = typeset.load(case.path)
        t1 = time.perf_counter()
        spec = resolve_layout(brief, None)
        t2 = time.perf_counter()
        laid = lay_out(brief, spec)
        t3 = time.perf_counter()
        write_pdf(laid.pages, Metadata(brief.title), laid.images)
        t4 = time.perf_counter()
        for key, dt in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            times[key].append(dt)
    return [f"{case.name}: " + ", ".join(f"{k} {statistics.median(v) * 1000:,.0f} ms" for k, v in times.items())]


# ---------------------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="typeset vs ReportLab platypus vs Typst (issue 6).")
    parser.add_argument("--sizes", type=int, nargs="+", help="generated brief sizes in pages (default: 5 100 500)")
    parser.add_argument("--no-seed", action="store_true", help="skip the seed example")
    parser.add_argument("--repeat", type=int, help="timed warm renders per engine (default: by a time budget)")
    parser.add_argument("--process-runs", type=int, default=3, help="whole-process runs per engine (median)")
    parser.add_argument("--quick", action="store_true", help="5 and 100 pages, 3 renders, 1 process run")
    parser.add_argument("--no-typst", action="store_true", help="leave Typst out even when installed")
    parser.add_argument("--profile", action="store_true", help="also profile the ~100-page render")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where to write the table (markdown)")
    parser.add_argument("--batch", action="store_true",
                        help="also time 200 seed briefs built with --jobs 2 and --jobs 1 (bench/batch.py)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.repeat, args.process_runs = args.sizes or [5, 100], args.repeat or 3, 1
    args.sizes = args.sizes or [5, 100, 500]
    engines = [e for e, ok in peers_available().items() if ok and not (e == "typst" and args.no_typst)]
    if "typst" not in engines and not args.no_typst:
        print("typst is not installed (pip install -e '.[bench]'): Typst is left out", file=sys.stderr)

    header = ["# typeset benchmark results", "", "Machine:", "", *machine(), ""]
    cases = prepare(args.sizes, not args.no_seed)
    data: dict[str, dict[str, Measure]] = {}
    for case in cases:
        print(f"{case.name}: warm renders ...", file=sys.stderr, flush=True)
        data[case.name] = {e: Measure() for e in engines}
        measure_warm(case, engines, data[case.name], args.repeat)
        print(f"{case.name}: whole processes ...", file=sys.stderr, flush=True)
        measure_process(case, engines, data[case.name], args.process_runs)
    rows = table(cases, data, engines)
    goals = targets(data, engines)
    by_stage = [line for case in cases if case.name in ("seed", "gen-500") for line in stages(case, rounds=1 if
                case.name == "gen-500" else 5)]
    print("\n".join(rows))
    print()
    print("\n".join(goals))
    print("\n".join(by_stage))
    load_after = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    notes = [
        "", "Warm render: median of several renders in one process after a warm-up, source to PDF bytes "
        "(typeset: load + render of the YAML; platypus: Paragraphs from markup + build; Typst: compile "
        "with a fresh Compiler). Process: median wall time of a fresh `python -m typeset build` (or "
        "bench/peer_render.py) process; peak RSS is that process's. Ratios above 1× mean typeset takes "
        f"longer or uses more. Load average after the run: {load_after}.",
    ]
    if args.batch:
        import batch

    write_results([*header, *rows, *notes, "", "Targets (issue 6):", "", *goals, "",
                   "Where typeset's warm render spends its time:", "", *[f"- {s}" for s in by_stage]],
                  args.results)
    if args.batch:
        import batch

        print("batch builds ...", file=sys.stderr, flush=True)
        parallel, sequential = batch.measure()
        line = batch.summary(200, 2, parallel, sequential)
        print(line)
        batch.record(args.results, f"{line}: {'met' if parallel <= 0.55 * sequential else '**not met**'}")
    print(f"\nwritten: {args.results}", file=sys.stderr)
    if args.profile:
        case = next((c for c in cases if c.name == "gen-100"), cases[-1])
        report = profile(case)
        (OUT / "profile.txt").write_text(report, encoding="utf-8")
        print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
