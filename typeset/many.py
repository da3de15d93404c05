"""Building many briefs on any `concurrent.futures.Executor`: local processes, threads, Dask, Ray.

    results = typeset.build_many(paths, "out/")                     # a local process pool
    results = typeset.build_many(paths, executor=client.get_executor())  # a Dask cluster

Each brief becomes a `Task`, a small picklable value that names everything by
absolute path (or carries the brief's bytes), so it runs the same on a worker
whose current folder is not the caller's. `run_tasks`, a top-level function,
builds a few tasks and returns their outcomes as values, a `Built` or a
`BriefError`, never raising: one broken brief never stops the others, and
whatever the executor, the results come back in the order of `sources`.

Without `out_dir`, the worker sends the PDF bytes back and the caller writes
each beside its brief (workers need only read the briefs); with `out_dir`,
the worker writes ``OUT_DIR/<brief>.pdf`` itself and sends back only the path
(for a cluster that shares the output folder).
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import traceback
import uuid
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from typeset.errors import BriefError, InternalError, Problem
from typeset.pipeline import Built
from typeset.values import Value

Outcome = Built | BriefError
Progress = Callable[[int, Outcome], None]  # (index in sources, outcome), as each brief finishes


@dataclass(slots=True, eq=False, repr=False)
class Task(Value):
    """One brief's work, as it travels to a worker."""

    name: str  # the brief as messages name it (the path as given)
    source: str | bytes  # the brief file's absolute path, or its bytes
    base_dir: str | None = None  # for bytes: where its images and layout file are
    out: str | None = None  # absolute path the worker writes, or None to send the PDF back
    layout: str | None = None  # a bundled layout name or an absolute path
    root: tuple[str, ...] = ()
    strict: bool = False
    pdfa: bool | None = None
    fmt: str | None = None  # the reader: None for the file's suffix (YAML for bytes)
    shown: str | None = None  # the output as the caller named it (`out_dir` as given)
    call: str = ""  # new for every build_many call: see `new_call_id`


def build_many(sources: Iterable[str | os.PathLike[str] | bytes], out_dir: str | os.PathLike[str] | None = None,
               *, layout: str | None = None, executor: Executor | None = None, progress: Progress | None = None,
               strict: bool = False, root: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
               pdfa: bool | None = None, fmt: str | None = None, jobs: int | None = None,
               chunk: int | None = None) -> list[Outcome]:
    """Build every brief; one `Built` or `BriefError` per source, in the order given.

    A source is a brief file (YAML, Markdown or Word, by its suffix or
    `fmt`), or a brief's bytes (built as ``<brief N>``, images looked for in
    the current folder). `executor` is any
    `concurrent.futures.Executor`; the default is a pool of `jobs` local
    processes (default: the usable cores; 1 builds them one after the other
    in this process). `out_dir` is created if need be. `progress(index, outcome)` is
    called in this process as each brief finishes (a task's briefs together).
    `chunk` briefs travel in one task; by default (None) enough that each
    worker gets about `TASKS_PER_WORKER` tasks (see `auto_chunk`), which
    spares a cluster's scheduler most of its work per brief while keeping the
    workers evenly loaded; 1 sends each brief on its own."""
    tasks, early = plan(list(sources), out_dir, layout=layout, strict=strict, root=root, pdfa=pdfa, fmt=fmt)
    if out_dir is not None:
        with contextlib.suppress(OSError):  # if it cannot be made, each brief says why it cannot write
            Path(out_dir).mkdir(parents=True, exist_ok=True)
    results: list[Outcome | None] = list(early)
    for i, outcome in enumerate(early):
        if outcome is not None:
            _tell(progress, i, outcome)
    todo = [(i, t) for i, t in enumerate(tasks) if t is not None]
    workers = min(jobs or default_jobs(), len(todo))
    if executor is None and workers <= 1:  # one at a time, in this process
        for i, task in todo:
            results[i] = finish(task, run_task(task))
            _tell(progress, i, results[i])  # type: ignore[arg-type]
        return results  # type: ignore[return-value]
    pool = executor or local_pool(workers)
    size = max(1, chunk) if chunk is not None else auto_chunk(len(todo), executor_slots(pool))
    groups = [todo[k:k + size] for k in range(0, len(todo), size)]
    try:
        futures: dict[Future[list[Outcome]], list[tuple[int, Task]]] = {
            pool.submit(run_tasks, tuple(t for _, t in group)): group for group in groups}
        for future in as_completed(futures):
            group = futures[future]
            for (i, task), outcome in zip(group, _results(future, [t for _, t in group]), strict=True):
                results[i] = finish(task, outcome)
                _tell(progress, i, results[i])  # type: ignore[arg-type]
    finally:
        if executor is None:
            pool.shutdown(wait=True, cancel_futures=True)
    return results  # type: ignore[return-value]


def plan(sources: Sequence[str | os.PathLike[str] | bytes], out_dir: str | os.PathLike[str] | None, *,
         layout: str | None = None, strict: bool = False, root: object = None,
         pdfa: bool | None = None, fmt: str | None = None) -> tuple[list[Task | None], list[Outcome | None]]:
    """The task of each source, made independent of this process's current folder; a source
    that cannot be built at all (two briefs writing one file) gets its error instead."""
    folder = Path(out_dir).resolve() if out_dir is not None else None
    common = {"layout": _absolute_layout(layout), "root": _absolute_roots(root), "strict": strict, "pdfa": pdfa,
              "fmt": fmt, "call": new_call_id()}
    tasks: list[Task | None] = []
    early: list[Outcome | None] = []
    targets: dict[Path, str] = {}
    for n, src in enumerate(sources, 1):
        if isinstance(src, (bytes, bytearray)):
            name, stem = f"<brief {n}>", f"brief-{n}"
            task = Task(name, bytes(src), base_dir=os.path.abspath(os.curdir), **common)  # type: ignore[arg-type]
        else:
            name, stem = os.fspath(src), Path(src).stem
            task = Task(name, os.path.abspath(src), **common)  # type: ignore[arg-type]
        target = folder / f"{stem}.pdf" if folder is not None else None
        if target is None and isinstance(src, (str, os.PathLike)):
            target = Path(task.source).with_suffix(".pdf")  # type: ignore[arg-type]
        if target is not None and isinstance(task.source, str) and target == Path(task.source):
            tasks.append(None)
            early.append(BriefError(Problem(name, None, None, f"the output {target} would overwrite the brief")))
            continue
        if target is not None and target in targets:
            tasks.append(None)
            early.append(BriefError(Problem(name, None, None,
                                            f"{targets[target]} is also written to {target}; rename one of them")))
            continue
        if target is not None:
            targets[target] = name
        shown = os.path.join(out_dir, f"{stem}.pdf") if out_dir is not None else None
        tasks.append(replace(task, out=str(target), shown=shown) if folder is not None else task)
        early.append(None)
    return tasks, early


def new_call_id() -> str:
    """A value no earlier build shares. A task names its brief by path, so the same files built
    again make the same arguments, and Dask keys a task by its arguments (`Client.submit` is
    `pure` by default): while an earlier build's results are still held, a cluster would hand
    them back instead of reading the edited briefs. The id makes every call's tasks new."""
    return uuid.uuid4().hex


TASKS_PER_WORKER = 4  # enough that a worker finishing early finds more; few enough to cost little
MAX_CHUNK = 64  # briefs in one task at most: results come back, and progress is told, task by task


def auto_chunk(briefs: int, slots: int) -> int:
    """Briefs per task when the caller did not say: about `TASKS_PER_WORKER` tasks for each of the
    executor's `slots`. A task has a fixed cost wherever it runs (pickling, a round trip, and on
    Dask the scheduler's bookkeeping, about 10 ms of a core the workers share on one machine):
    200 one-to-three-page briefs on two Dask workers took 5.5 s one a task, 4.2-4.8 s four a
    task and 3.6 s 25 a task; in a later run 3.2-3.3 s 13 a task, 2.7-3.0 s 25, 2.8-2.9 s 50.
    The local pool took the same with 13 or 25."""
    return max(1, min(MAX_CHUNK, -(-briefs // (max(1, slots) * TASKS_PER_WORKER))))


def executor_slots(executor: Executor) -> int:
    """How many tasks `executor` runs at once: a process or thread pool's workers, a Dask client's
    threads; the usable cores for an executor that does not say."""
    workers = getattr(executor, "_max_workers", None)  # concurrent.futures pools
    if isinstance(workers, int) and workers > 0:
        return workers
    client = getattr(executor, "_client", None)  # distributed.client.ClientExecutor
    nthreads = getattr(client, "nthreads", None)
    if callable(nthreads):
        with contextlib.suppress(Exception):
            total = sum(nthreads().values())
            if total > 0:
                return int(total)
    return default_jobs()


def run_tasks(tasks: Sequence[Task]) -> list[Outcome]:
    """Build tasks one after the other in this process (what a worker runs)."""
    return [run_task(task) for task in tasks]


def run_task(task: Task) -> Outcome:
    """Build one task in this process; the outcome as a value (safe to send between processes)."""
    from typeset.pipeline import build, compile_brief, load_source
    from typeset.readers import load_brief_data

    options = {"layout": task.layout, "strict": task.strict, "root": task.root, "pdfa": task.pdfa}
    try:
        if isinstance(task.source, bytes):
            brief = load_brief_data(task.source, name=task.name, base_dir=task.base_dir, strict=task.strict,
                                    fmt=task.fmt or "yaml")
        else:
            brief = load_source(task.source, strict=task.strict, name=task.name, fmt=task.fmt)
        if task.out is not None:
            return build(brief, task.out, **options)  # type: ignore[arg-type]
        return compile_brief(brief, **options)  # type: ignore[arg-type]
    except BriefError as e:
        return e
    except OSError as e:
        return write_problem(e, task.name)
    except Exception as e:  # one broken brief must not stop the batch
        return internal_error(task.name, e)


def finish(task: Task, outcome: Outcome) -> Outcome:
    """Write a PDF the worker sent back beside its brief (atomically); other outcomes as they are."""
    from typeset.atomicio import atomic_write

    if isinstance(outcome, Built) and task.shown is not None and outcome.path is not None:
        return replace(outcome, path=Path(task.shown))
    if not isinstance(outcome, Built) or outcome.pdf is None or not isinstance(task.source, str):
        return outcome
    target = Path(task.source).with_suffix(".pdf")
    shown = Path(task.name).with_suffix(".pdf")
    try:
        atomic_write(target, outcome.pdf)
    except OSError as e:
        return write_problem(e, task.name)
    return replace(outcome, path=shown, pdf=None)


def write_problem(e: OSError, name: str) -> BriefError:
    """A file that could not be read or written, as the one problem of its brief."""
    from typeset.atomicio import WriteError

    if isinstance(e, WriteError):
        return BriefError(Problem(e.filename, None, None, f"cannot write: {e.strerror}"))
    return BriefError(Problem(e.filename or name, None, None, str(e.strerror or e)))


def internal_error(name: str, exc: BaseException) -> InternalError:
    """An unexpected exception while building `name`: one line, a traceback only when debugging."""
    message = " ".join(str(exc).split()) or "(no message)"
    problems = [Problem(name, None, None, f"internal error: {type(exc).__name__}: {message}")]
    if os.environ.get("TYPESET_DEBUG") == "1":
        trace = "".join(traceback.format_exception(exc)).rstrip("\n")
        problems.insert(0, Problem(name, None, None, "traceback:\n" + trace))
    return InternalError(problems)


def _results(future: Future[list[Outcome]], tasks: Sequence[Task]) -> list[Outcome]:
    try:
        return future.result()
    except BrokenProcessPool as e:  # a worker was killed (out of memory, a signal)
        return [internal_error(t.name, RuntimeError(f"a worker process died: {e}")) for t in tasks]
    except Exception as e:  # the executor could not run or return the task
        return [internal_error(t.name, e) for t in tasks]


def _tell(progress: Progress | None, index: int, outcome: Outcome) -> None:
    if progress is not None:
        progress(index, outcome)


def _absolute_layout(layout: str | None) -> str | None:
    """A layout path made absolute (a bundled name stays a name), so workers find it anywhere."""
    from typeset.style.load import is_bundled_name

    if layout is None or is_bundled_name(layout):
        return layout
    return os.path.abspath(layout)


def _absolute_roots(root: object) -> tuple[str, ...]:
    if root is None:
        return ()
    if isinstance(root, (str, os.PathLike)):
        return (os.path.abspath(root),)
    return tuple(os.path.abspath(r) for r in root)  # type: ignore[union-attr]


# ------------------------------------------------------------------------------ the local pool


def default_jobs() -> int:
    """The number of cores this process may run on."""
    count = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if count is not None:
        return count() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


def local_pool(jobs: int) -> ProcessPoolExecutor:
    """Worker processes started by forkserver (spawn where there is none), never plain fork, so
    they inherit no threads or open state of the parent; the server preloads the pipeline and the
    bundled fonts (typeset/preload.py) so each worker starts warm. Ctrl-C is the parent's to
    handle: a worker just finishes its brief."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["typeset.pipeline", "typeset.preload"])
    else:
        ctx = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=ctx, initializer=_ignore_sigint)


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
