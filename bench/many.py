"""build_many on three executors: serially, on the local process pool, on a Dask cluster.

    .venv/bin/python bench/many.py [--briefs 200] [--workers 2] [--rounds 5] [--results bench/many-results.md]

Writes `--briefs` distinct generated briefs (bench/generate.py, one to three
pages each, every one with its own text and notes) into a temporary folder,
then times `typeset.build_many` of all of them, each round in turn:

- serially (`jobs=1`: one after the other in this process, whose caches are
  warm from the earlier rounds), and serially in a fresh one-process pool
  (the same start-up as the pool of N, the fairer baseline of the speed-up),
- on the local process pool (`jobs=N`, what `briefset build --jobs N` uses;
  the pool's start-up is part of the time),
- on a Dask `distributed.LocalCluster(processes=True, n_workers=N)`, through
  `client.get_executor()` (the cluster is started, and warmed by one untimed
  build of all the briefs, before the clock starts; its start-up is reported
  apart),
  with build_many's own choice of briefs per task (`typeset.many.auto_chunk`:
  about four tasks a worker) and then one brief a task (`chunk=1`), which
  shows what each task costs the scheduler, which shares the cores;
- the same on a cluster whose periodic checks run less often (`QUIET_DASK`:
  Dask's configuration for its event-loop health check, system monitor,
  nanny memory check and profiler), which on a small machine take the
  workers' cores. Each cluster runs only while its own builds are timed;
- on a local Ray instance of N CPUs, when Ray is installed, through the
  four-line `RayExecutor` the README shows (Ray has no Executor of its own).

Each round first measures the machine itself (`CEILINGS`): N loops that share
nothing, at once ÷ one after the other, one touching almost no memory and one
making objects as a render does; that is how close to 1/N any N processes get
on this machine at that moment, whatever runs them.

The ways take turns within each round. The table gives each way's best time
of the rounds and, since this machine's speed drifts from one minute to the
next, each round's time divided by the serial time of the same round; the
median of those is judged against the issue's target: N=2 workers take at
most 0.55 of the serial time.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from generate import brief_data  # noqa: E402

import typeset  # noqa: E402
from typeset.many import build_many, local_pool  # noqa: E402

TARGET = 0.55


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def write_briefs(folder: Path, count: int) -> list[Path]:
    """`count` distinct briefs of one to three pages."""
    paths = []
    for i in range(count):
        path = folder / f"brief{i:04d}.yaml"
        data = brief_data(1 + i % 3, seed=1000 + i)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
        paths.append(path)
    return paths


def one_worker(paths: list[Path], out: Path) -> list[object]:
    """The local pool with one process: serial, but with the same start-up as the pool of N (its
    process and that process's first briefs), where this process's caches are warm already."""
    pool = local_pool(1)
    try:
        return build_many(paths, out, executor=pool)
    finally:
        pool.shutdown()


def spin(loops: int = 4_000_000) -> float:
    """A pure-Python loop that shares nothing and touches almost no memory: its seconds."""
    t = time.perf_counter()
    total = 0
    for i in range(loops):
        total += i * i % 7
    return time.perf_counter() - t


def churn(size: int = 200_000) -> float:
    """A Python loop that makes and looks up a few hundred thousand small objects (tens of
    megabytes, as a render does), sharing nothing with any other process: its seconds."""
    t = time.perf_counter()
    for _ in range(3):
        index = {}
        items = [(i, str(i), [i]) for i in range(size)]
        for _, key, value in items:
            index[key] = value
        total = sum(index[str(k)][0] for k in range(0, size, 3))
        del items, index, total
    return time.perf_counter() - t


CEILINGS = {  # the machine itself: N such loops at once ÷ the same loops one after the other
    "machine: N pure-Python loops at once ÷ one after the other": spin,
    "machine: N object-making loops at once ÷ one after the other": churn,
}


def machine_ceiling(workers: int, pool: ProcessPoolExecutor, loop: Callable[[], float]) -> Callable[[], float]:
    """How this machine runs N processes that share nothing, at that moment: N loops at once ÷
    the same loops one after the other (1/N on N idle cores of their own; more where the cores
    share caches and memory, a physical core, or the host's other load)."""
    def run() -> float:
        alone = sum(pool.submit(loop).result() for _ in range(workers))  # in the same processes
        t = time.perf_counter()
        for f in [pool.submit(loop) for _ in range(workers)]:
            f.result()
        return (time.perf_counter() - t) / alone
    return run


def warm(path: str) -> int:
    """Render one brief (in a worker): what every later build there finds loaded already."""
    return len(typeset.render(typeset.load(path)))


def timed(run: Callable[[], list[object]], count: int) -> float:
    t = time.perf_counter()
    results = run()
    elapsed = time.perf_counter() - t
    failed = [r for r in results if not isinstance(r, typeset.Built)]
    if len(results) != count or failed:
        raise RuntimeError(f"{len(failed)} of {len(results)} briefs failed: {failed[:1]}")
    return elapsed


# Dask's own periodic work in every process of a cluster (defaults in brackets): the
# event-loop health check (20 ms), CPU/memory sampling (500 ms), the nanny's memory
# check (100 ms) and the statistical profiler sampling the running task (10 ms).
# On two cores shared by the workers, the scheduler and the nannies, that work
# takes the cores from the renders; a cluster of this size can check less often.
QUIET_DASK = {
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.worker.profile.enabled": False,
}
DASK_CONFIGS = {"": {}, ", periodic checks slowed": QUIET_DASK}


@contextlib.contextmanager
def dask_executor(workers: int, config: dict[str, object], warm_with: Path) -> Iterator[tuple[Executor, float]]:
    """A started LocalCluster with `config`, each worker warmed by one render; (executor, start-up s)."""
    import dask
    import distributed

    t = time.perf_counter()
    with dask.config.set(config), \
            distributed.LocalCluster(processes=True, n_workers=workers, threads_per_worker=1,
                                     dashboard_address=None, silence_logs=50) as cluster, \
            distributed.Client(cluster) as client:
        client.run(warm, str(warm_with))  # every worker renders once: imports, fonts, layout
        yield client.get_executor(), time.perf_counter() - t


class RayExecutor(Executor):
    """`concurrent.futures` on Ray (README): each submit one Ray task, whose reference gives a Future."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        import ray

        return ray.remote(fn).remote(*args, **kwargs).future()


@contextlib.contextmanager
def ray_executor(workers: int, warm_with: Path) -> Iterator[tuple[Executor, float]]:
    """A local Ray instance of `workers` CPUs, each worker warmed by a render; (executor, start-up s)."""
    import ray

    t = time.perf_counter()
    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    try:
        executor = RayExecutor()
        for f in [executor.submit(warm, str(warm_with)) for _ in range(2 * workers)]:
            f.result()
        yield executor, time.perf_counter() - t
    finally:
        ray.shutdown()


def has_ray() -> bool:
    import importlib.util

    return importlib.util.find_spec("ray") is not None


def measure(count: int, workers: int, rounds: int) -> tuple[dict[str, float], dict[str, list[float]]]:
    """Best time of each way of building, the ways taking turns round by round. A Dask
    cluster lives only while its own runs are timed (its processes' periodic work would
    otherwise take time from the serial and local-pool runs too), and builds every brief
    once untimed first: the serial process has met every brief's words in earlier rounds."""
    best: dict[str, float] = {}
    times: dict[str, list[float]] = {}  # each way's time in each round, in round order

    def record(name: str, run: Callable[[], list[object]], r: int) -> None:
        before = load()
        elapsed = timed(run, count)
        best[name] = min(best.get(name, elapsed), elapsed)
        times.setdefault(name, []).append(elapsed)
        print(f"round {r + 1}: {name}: {elapsed:.2f} s (load average before: {before})", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="typeset-many-") as tmp:
        folder = Path(tmp)
        paths = write_briefs(folder, count)
        out = folder / "out"
        local = {
            "serial": lambda: build_many(paths, out, jobs=1),
            "serial in one fresh worker process": lambda: one_worker(paths, out),
            f"local pool ({workers} processes)": lambda: build_many(paths, out, jobs=workers),
            f"local pool ({workers} processes, one brief a task)":
                lambda: build_many(paths, out, jobs=workers, chunk=1),
        }
        build_many(paths[:1], out, jobs=1)  # warm this process too
        spinners = ProcessPoolExecutor(workers)
        ceilings = {name: machine_ceiling(workers, spinners, loop) for name, loop in CEILINGS.items()}
        for r in range(rounds):
            for name, ceiling in ceilings.items():
                ratio = ceiling()
                times.setdefault(name, []).append(ratio)
                print(f"round {r + 1}: {name}: {ratio:.2f}", file=sys.stderr, flush=True)
            for name, run in local.items():
                record(name, run, r)
            for label, config in DASK_CONFIGS.items():
                with dask_executor(workers, config, paths[0]) as (executor, start):
                    best[f"dask start-up{label}"] = min(best.get(f"dask start-up{label}", start), start)
                    build_many(paths, out, executor=executor)  # as warm as the serial process, untimed
                    record(f"dask LocalCluster ({workers} workers{label})",
                           lambda: build_many(paths, out, executor=executor), r)
                    record(f"dask LocalCluster ({workers} workers{label}, one brief a task)",
                           lambda: build_many(paths, out, executor=executor, chunk=1), r)
            if has_ray():
                with ray_executor(workers, paths[0]) as (executor, start):
                    best["ray start-up"] = min(best.get("ray start-up", start), start)
                    build_many(paths, out, executor=executor)  # as warm as the serial process, untimed
                    record(f"ray, local ({workers} CPUs)", lambda: build_many(paths, out, executor=executor), r)
        spinners.shutdown()
    return best, times


def round_ratios(times: dict[str, list[float]], name: str) -> list[float]:
    """`name`'s time ÷ the serial time of the same round: this machine's speed drifts from one
    minute to the next, so a ratio within a round compares like with like."""
    return [t / s for t, s in zip(times[name], times["serial"], strict=False)]


def report(count: int, workers: int, best: dict[str, float], times: dict[str, list[float]]) -> list[str]:
    serial, fresh = best["serial"], best["serial in one fresh worker process"]
    lines = [f"{count} distinct briefs (1-3 pages), {len(times['serial'])} rounds; load average after: {load()}",
             "", "Best: the best time of the rounds. Per round: each round's time ÷ that round's serial time "
             "(the ways take turns within a round), their median judged against the target.", ""]
    lines += ["| executor | best (s) | best ÷ best serial | best ÷ best fresh worker | per round ÷ serial "
              "| median per round | target (median per round) |", "|---|---|---|---|---|---|---|"]
    for name, seconds in best.items():
        if name.endswith("start-up") or "start-up," in name:
            continue
        ratios = round_ratios(times, name)
        ratio = statistics.median(ratios)
        judged = name.startswith(("local pool", "dask")) and "one brief a task" not in name  # the issue's
        target = f"≤ {TARGET} ({'met' if ratio <= TARGET else '**not met**'})" if judged else ""
        lines.append(f"| {name} | {seconds:.2f} | {seconds / serial:.2f} | {seconds / fresh:.2f} | "
                     f"{', '.join(f'{r:.2f}' for r in ratios)} | {ratio:.2f} | {target} |")
    for name in CEILINGS:
        c = times.get(name, [])
        if c:
            lines += ["", f"The machine itself ({name}; `machine_ceiling`), each round: "
                      f"{', '.join(f'{x:.2f}' for x in c)}; median {statistics.median(c):.2f}: for comparison, "
                      "how far two processes sharing nothing were from half the time at that moment."]
    lines += ["", "Dask cluster start-up and warm-up (not in the times): "
              + ", ".join(f"{best[k]:.2f} s" + (f" ({k[len('dask start-up, '):]})" if k != "dask start-up" else "")
                          for k in best if k.startswith("dask start-up")),
              *(["", f"Ray start-up and warm-up (not in the times): {best['ray start-up']:.2f} s"]
                if "ray start-up" in best else []),
              "", "Periodic checks slowed: " + ", ".join(f"`{k}: {v}`" for k, v in QUIET_DASK.items())
              + " (bench/many.py `QUIET_DASK`), set with `dask.config.set` before the cluster starts.", ""]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time build_many serially, on the local pool and on Dask.")
    parser.add_argument("--briefs", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5, help="runs of each, taking turns")
    parser.add_argument("--results", type=Path, help="write the table to this file (e.g. bench/many-results.md)")
    args = parser.parse_args(argv)
    print(f"load average before: {load()}; {os.cpu_count()} cores", file=sys.stderr)
    lines = report(args.briefs, args.workers, *measure(args.briefs, args.workers, args.rounds))
    print("\n".join(lines))
    if args.results:
        head = ["# build_many on three executors (bench/many.py)", "",
                f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, typeset {typeset.__version__}", ""]
        args.results.write_text("\n".join(head + lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
