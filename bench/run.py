"""typeset against ReportLab platypus and Typst, side by side, in one run (GitHub issues 6 and 14).

    .venv/bin/python bench/run.py [--sizes 100 500] [--copies 25 100] [--quick] [--profile] [--batch]
    .venv/bin/python bench/run.py --no-accel ...   # ReportLab without its C accelerator (rl_accel)

Typst is measured when its Python package is installed (`pip install -e
'.[bench]'`). Run it on an otherwise idle machine: the load average is
recorded with the results because other processes skew every number.

Briefs: the seed example; the seed's body repeated 25 and 100 times
(seed-x025, seed-x100: real prose and notes at length, bench/generate.py
`write_repeated`); generated briefs of about 100 and 500 pages
(bench/generate.py). For each brief and engine it measures:

- warm render: median wall time of several renders in this process after a
  warm-up, from source to PDF bytes, each with fresh content: every
  paragraph and note gets a word no render has seen (bench/salt.py), the
  same salted brief for every engine (typeset: `load` + `render` of the
  salted YAML file; platypus: Paragraphs from markup + `SimpleDocTemplate.build`;
  Typst: a compile with a fresh `typst.Compiler`). Every brief and every
  engine take turns within each round (a short brief several times), so
  load from other processes and the machine's drifting speed hit them
  alike: the pages/s targets compare briefs with each other;
- whole process: median of 3 runs of a fresh process (`python -m typeset
  build`, or bench/peer_render.py for a peer) and the largest peak RSS
  (VmHWM of that very child, reported by bench/peak.py). Bytecode is
  compiled first, as an installed package has it;
- pages per second of the warm render;
- memory over time: VmRSS after 10 and after 100 distinct renders of the
  seed in one child process (bench/steady.py).

It prints one table with typeset's ratios against each peer, states each
target of issue 14 met or not, and writes all of it, with the machine's
description and load averages, to bench/results.md. `--profile` also
profiles the warm render of the ~100-page brief (cProfile) and writes
bench/out/profile.txt; `--batch` adds the batch timing of bench/batch.py.
Timings are benchmarks, never tests. bench/bench_linebreak.py times the text
stage alone; bench/identical.py checks that output stays byte-identical.
"""
from __future__ import annotations

import sys

if "--no-accel" in sys.argv:  # before anything imports ReportLab: its C functions stay unloaded
    sys.modules["_rl_accel"] = None  # type: ignore[assignment]

import argparse  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import yaml  # noqa: E402

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

import generate  # noqa: E402
import peer_render  # noqa: E402
import peers  # noqa: E402
import salt  # noqa: E402

import typeset  # noqa: E402

OUT = BENCH / "out"
RESULTS = BENCH / "results.md"
SEED = ROOT / "examples" / "us-japan-alliance.yaml"
ENGINES = ("typeset", "platypus", "typst")
WARM_BUDGET = 150.0  # seconds of timed warm renders in all, at most (at least 3 rounds)
SHORT_BRIEF_S = 0.5  # a brief rendered faster than this is rendered several times a round ...
MAX_PER_ROUND = 9  # ... at most this many
# Issue 14's targets
SEED_VS_PLATYPUS = 1.0  # warm render on the seed, typeset ÷ platypus, at most
LONG_VS_PLATYPUS = 0.8  # the same at ~100 pages
VS_TYPST = 0.7  # typeset ÷ Typst's warm compile, seed and ~100 pages
SCALING = 1.2  # pages/s at 100 and 500 pages within this factor of the seed's
PROCESS_S = 0.30  # whole-process build of the seed, seconds
MEMORY_MB = 120.0  # peak RSS at 500 pages
FLAT = 1.10  # RSS after 100 renders within this factor of RSS after 10


@dataclass
class Case:
    """One brief and its conversions for the peers."""

    name: str
    path: Path
    notes: int = 0
    data: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)


@dataclass
class Measure:
    """One engine on one brief."""

    pages: int = 0
    warm: list[float] = field(default_factory=list)
    process: list[float] = field(default_factory=list)
    process_cpu: list[float] = field(default_factory=list)
    peak_kb: int = 0
    chars: int = 0  # characters the PDF's text holds, spaces left out (typeset's only)

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


def prepare(sizes: Sequence[int], copies: Sequence[int], with_seed: bool) -> list[Case]:
    """Write the repeated and generated briefs and every peer's (unsalted) source for each brief."""
    cases = [Case("seed", SEED)] if with_seed and SEED.is_file() else []
    cases += [Case(f"seed-x{n}", generate.write_repeated(n, OUT)) for n in copies]
    cases += [Case(f"gen-{n}", generate.write_brief(n, OUT)) for n in sizes]
    for case in cases:
        case.data = yaml.safe_load(case.path.read_text(encoding="utf-8"))
        brief = typeset.load(case.path)
        case.notes = len(brief.footnotes)
        case.sources = write_sources(case.name, brief)
    return cases


def write_sources(name: str, brief: typeset.Brief) -> dict[str, Path]:
    """The peers' sources of a loaded brief, written beside the other outputs."""
    spec = OUT / f"{name}.platypus.json"
    spec.write_text(json.dumps(peers.platypus_spec(brief), ensure_ascii=False), encoding="utf-8")
    typ = OUT / f"{name}.typ"
    typ.write_text(peers.typst_source(brief), encoding="utf-8")
    return {"platypus": spec, "typst": typ}


def count_pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def count_chars(pdf: bytes) -> int:
    """Characters of the PDF's text, spaces left out: how much a page holds, which differs
    between briefs (a first page with a header block, a short last page, long notes)."""
    from pypdf import PdfReader

    return sum(len("".join(page.extract_text().split())) for page in PdfReader(io.BytesIO(pdf)).pages)


# ----------------------------------------------------------------------------- warm, in-process


@dataclass
class Salted:
    """One round's fresh content: the salted YAML file and the peers' sources made from it."""

    path: Path
    spec: Any
    typst: str


def salted(case: Case, salter: salt.Salter) -> Salted:
    """A new salted copy of the case (written and converted outside any timing)."""
    path = OUT / "salted" / f"{case.name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(salter.salted_yaml(case.data), encoding="utf-8")
    brief = typeset.load(path)
    return Salted(path, peers.platypus_spec(brief), peers.typst_source(brief))


def renderers(engines: Sequence[str]) -> dict[str, Callable[[Salted], tuple[bytes, float]]]:
    """Per engine: render one salted round to PDF bytes; (pdf, seconds timed)."""
    out: dict[str, Callable[[Salted], tuple[bytes, float]]] = {}

    def typeset_once(s: Salted) -> tuple[bytes, float]:
        t = time.perf_counter()
        pdf = typeset.render(typeset.load(s.path))
        return pdf, time.perf_counter() - t

    def platypus_once(s: Salted) -> tuple[bytes, float]:
        t = time.perf_counter()
        pdf = peer_render.render_platypus(s.spec)
        return pdf, time.perf_counter() - t

    def typst_once(s: Salted) -> tuple[bytes, float]:
        compiler = peer_render.typst_compiler()  # font scan outside the timing
        t = time.perf_counter()
        pdf = peer_render.render_typst(s.typst, compiler)
        return pdf, time.perf_counter() - t

    for name, fn in (("typeset", typeset_once), ("platypus", platypus_once), ("typst", typst_once)):
        if name in engines:
            out[name] = fn
    return out


def measure_warm(cases: Sequence[Case], engines: Sequence[str], data: dict[str, dict[str, Measure]],
                 repeat: int | None, salter: salt.Salter) -> None:
    """Warm renders of every brief by every engine, all taking turns round by round.

    This machine's speed drifts by a third over minutes, and the pages/s targets
    compare one brief with another: briefs timed minutes apart would compare the
    machine's moments, not the briefs. So each round renders every brief (a short
    brief several times, for a steadier median) with every engine in turn.
    """
    render = renderers(engines)
    first: dict[str, float] = {}
    for case in cases:  # warm-up: fonts, caches, imports; page and character counts
        warmup = salted(case, salter)
        for name, fn in render.items():
            pdf, took = fn(warmup)
            first[case.name] = max(first.get(case.name, 0.0), took)
            data[case.name][name].pages = count_pages(pdf)
            if name == "typeset":
                data[case.name][name].chars = count_chars(pdf)
    per_round = {c.name: max(1, min(MAX_PER_ROUND, int(SHORT_BRIEF_S / max(first[c.name], 1e-3))))
                 for c in cases}
    round_s = sum(first[c.name] * per_round[c.name] * len(engines) for c in cases)
    rounds = repeat or max(3, min(9, int(WARM_BUDGET / max(round_s, 1e-3))))
    for k in range(rounds):
        print(f"  warm round {k + 1} of {rounds} (load {load_average()})", file=sys.stderr, flush=True)
        for case in cases:
            for _ in range(per_round[case.name]):
                fresh = salted(case, salter)
                for name, fn in render.items():
                    data[case.name][name].warm.append(fn(fresh)[1])


# ------------------------------------------------------------------------------ whole process


def run_child(argv: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (kB) of one child process run through bench/peak.py (its CPU time,
    user + system, goes to `CHILD_CPU`: on a loaded machine it is the steadier figure)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    if "_rl_accel" in sys.modules and sys.modules["_rl_accel"] is None:
        env["BENCH_NO_RL_ACCEL"] = "1"  # bench/peak.py keeps the child's ReportLab pure Python too
    peak_file = OUT / "peak.txt"
    peak_file.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, str(BENCH / "peak.py"), str(peak_file), *argv], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CHILD_CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}): {proc.stderr.strip()}")
    return elapsed, int(peak_file.read_text())


def child_argv(case: Case, engine: str) -> list[str]:
    """The command after `python bench/peak.py PEAK_FILE`."""
    out = str(OUT / f"{case.name}.{engine}.pdf")
    if engine == "typeset":
        return ["-m", "typeset", "build", str(case.path), "-o", out]
    return [str(BENCH / "peer_render.py"), engine, str(case.sources[engine]), out]


CHILD_CPU: list[float] = []


def measure_process(case: Case, engines: Sequence[str], results: dict[str, Measure], runs: int) -> None:
    run_child(child_argv(case, engines[0]))  # page cache and bytecode warm: every later run alike
    for _ in range(runs):
        for engine in engines:
            elapsed, peak = run_child(child_argv(case, engine))
            results[engine].process.append(elapsed)
            results[engine].process_cpu.append(CHILD_CPU[-1])
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
        f"- reportlab {reportlab.Version} ({accel} the rl_accel C extension, for typeset and platypus alike); "
        f"typst (Python) {typst_version}",
        f"- typeset at {commit}",
    ]


def steady_memory(renders: int = 100) -> dict[str, Any]:
    """bench/steady.py in a child: RSS after a tenth of `renders` distinct seed renders and after all."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run([sys.executable, str(BENCH / "steady.py"), str(SEED), "--renders", str(renders)],
                          env=env, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def load_average() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


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


def _verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _long(data: dict[str, dict[str, Measure]]) -> list[str]:
    """The briefs of about 100 pages: the seed repeated 25 times and the generated 100 pages."""
    return [name for name in ("seed-x25", "gen-100") if name in data]


def targets(data: dict[str, dict[str, Measure]], engines: Sequence[str], steady: dict[str, Any] | None) -> list[str]:
    """Issue 14's targets, each with its numbers and whether it is met."""
    out: list[str] = []
    seed = data.get("seed")
    for name, limit in [("seed", SEED_VS_PLATYPUS)] + [(n, LONG_VS_PLATYPUS) for n in _long(data)]:
        if name in data and "platypus" in engines:
            ts, p = data[name]["typeset"].warm_s, data[name]["platypus"].warm_s
            out.append(f"- {name}: warm render at most {limit:.1f}× platypus: {ts * 1000:,.0f} ms vs "
                       f"{p * 1000:,.0f} ms ({_ratio(ts, p)}): {_verdict(ts <= limit * p)}")
    if "typst" in engines:
        for name in ["seed", *_long(data)]:
            if name in data:
                ts, ty = data[name]["typeset"].warm_s, data[name]["typst"].warm_s
                out.append(f"- {name}: warm render at most {VS_TYPST:.1f}× Typst's warm compile: "
                           f"{ts * 1000:,.0f} ms vs {ty * 1000:,.0f} ms ({_ratio(ts, ty)}): "
                           f"{_verdict(ts <= VS_TYPST * ty)}")
    if seed:
        r0 = seed["typeset"].rate
        for name, m in data.items():
            if name == "seed":
                continue
            r = m["typeset"].rate
            out.append(f"- {name}: pages/s within {SCALING}× of the seed's: {r:.1f} vs {r0:.1f} pages/s "
                       f"(seed ÷ this = {r0 / r:.2f}): {_verdict(r0 <= SCALING * r)}{_density(m, seed)}")
        p = seed["typeset"].process_s
        cpu = statistics.median(seed["typeset"].process_cpu) if seed["typeset"].process_cpu else float("nan")
        out.append(f"- whole-process `python -m typeset build` of the seed at most {PROCESS_S:.2f} s: "
                   f"{p:.2f} s wall ({cpu:.2f} s of CPU, user + system): {_verdict(p <= PROCESS_S)}")
    big = [n for n in data if n.startswith("gen-") and int(n[4:]) >= 500] + [n for n in data if n == "seed-x100"]
    for name in big:
        mb = data[name]["typeset"].peak_mb
        out.append(f"- {name} ({data[name]['typeset'].pages} pages): peak RSS at most {MEMORY_MB:.0f} MB: "
                   f"{mb:.1f} MB: {_verdict(mb <= MEMORY_MB)}")
    if steady:
        g = steady["growth"]
        out.append(f"- RSS flat over {steady['renders']} distinct seed renders in one process (within "
                   f"{(FLAT - 1) * 100:.0f}%): {steady['rss_early_kb'] / 1024:.1f} MB after {steady['after']}, "
                   f"{steady['rss_late_kb'] / 1024:.1f} MB after {steady['renders']} (×{g:.3f}): "
                   f"{_verdict(g <= FLAT)}")
    return out


def _density(m: dict[str, Measure], seed: dict[str, Measure]) -> str:
    """The same comparison per character set, since pages differ in how much they hold."""
    t, t0 = m["typeset"], seed["typeset"]
    if not (t.chars and t0.chars and t.warm and t0.warm):
        return ""
    per, per0 = t.warm_s / t.chars * 1e6, t0.warm_s / t0.chars * 1e6
    return (f" (characters per page {t.chars / t.pages:,.0f} vs the seed's {t0.chars / t0.pages:,.0f}; "
            f"per 1,000 characters {per:.2f} ms vs {per0:.2f} ms, this ÷ seed = {per / per0:.2f})")


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
    parser = argparse.ArgumentParser(description="typeset vs ReportLab platypus vs Typst (issues 6, 14).")
    parser.add_argument("--sizes", type=int, nargs="*", help="generated brief sizes in pages (default: 100 500)")
    parser.add_argument("--copies", type=int, nargs="*",
                        help="briefs of the seed's body repeated N times (default: 25 100)")
    parser.add_argument("--no-seed", action="store_true", help="skip the seed example")
    parser.add_argument("--repeat", type=int, help="timed warm renders per engine (default: by a time budget)")
    parser.add_argument("--process-runs", type=int, default=3, help="whole-process runs per engine (median)")
    parser.add_argument("--quick", action="store_true", help="seed, seed x25 and 100 pages, 3 renders, 1 process run")
    parser.add_argument("--no-typst", action="store_true", help="leave Typst out even when installed")
    parser.add_argument("--no-accel", action="store_true",
                        help="ReportLab without its C accelerator, in this process and its children")
    parser.add_argument("--renders", type=int, default=100, help="distinct renders for the memory-over-time check")
    parser.add_argument("--profile", action="store_true", help="also profile the ~100-page render")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where to write the table (markdown)")
    parser.add_argument("--batch", action="store_true",
                        help="also time 200 seed briefs built with --jobs 2 and --jobs 1 (bench/batch.py)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes = [100] if args.sizes is None else args.sizes
        args.copies = [25] if args.copies is None else args.copies
        args.repeat, args.process_runs, args.renders = args.repeat or 3, 1, min(args.renders, 30)
    args.sizes = [100, 500] if args.sizes is None else args.sizes
    args.copies = [25, 100] if args.copies is None else args.copies
    engines = [e for e, ok in peers_available().items() if ok and not (e == "typst" and args.no_typst)]
    if "typst" not in engines and not args.no_typst:
        print("typst is not installed (pip install -e '.[bench]'): Typst is left out", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "typeset")], check=True,
                   stdout=subprocess.DEVNULL)  # an installed package has its bytecode

    header = ["# typeset benchmark results", "", "Machine:", "", *machine(), ""]
    cases = prepare(args.sizes, args.copies, not args.no_seed)
    salter = salt.Salter()
    loads: list[str] = []
    data: dict[str, dict[str, Measure]] = {c.name: {e: Measure() for e in engines} for c in cases}
    print(f"warm renders of {len(cases)} briefs, taking turns ... (load {load_average()})", file=sys.stderr,
          flush=True)
    measure_warm(cases, engines, data, args.repeat, salter)
    for case in cases:
        print(f"{case.name}: whole processes ...", file=sys.stderr, flush=True)
        measure_process(case, engines, data[case.name], args.process_runs)
        loads.append(f"{case.name} {load_average()}")
    print(f"memory over {args.renders} renders ...", file=sys.stderr, flush=True)
    steady = steady_memory(args.renders) if not args.no_seed else None
    rows = table(cases, data, engines)
    goals = targets(data, engines, steady)
    by_stage = [line for case in cases if case.name in ("seed", "gen-500") for line in stages(case, rounds=1 if
                case.name == "gen-500" else 5)]
    print("\n".join(rows))
    print()
    print("\n".join(goals))
    print("\n".join(by_stage))
    notes = [
        "", "Warm render: median of several renders in one process after a warm-up, source to PDF bytes, "
        "every brief and engine taking turns in each round, each render with fresh content (a new word "
        "at the start of every paragraph and note, the same for every engine; bench/salt.py). typeset: "
        "load + render of the salted YAML; platypus: Paragraphs from markup + build; Typst: compile with a fresh Compiler. Process: median wall time "
        "of a fresh `python -m typeset build` (or bench/peer_render.py) process, bytecode compiled; "
        "peak RSS is that process's. Ratios above 1× mean typeset takes longer or uses more. "
        f"Load average (1 / 5 / 15 min) after each brief's whole-process runs: {'; '.join(loads)}.",
    ]
    write_results([*header, *rows, *notes, "", "Targets (issue 14):", "", *goals, "",
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
        case = next((c for c in cases if c.name in ("gen-100", "seed-x25")), cases[-1])
        report = profile(case)
        (OUT / "profile.txt").write_text(report, encoding="utf-8")
        print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
