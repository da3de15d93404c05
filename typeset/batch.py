"""Building many briefs in one command, in parallel worker processes.

`briefset build a.yaml b.yaml ... [--jobs N]` renders each brief in a pool of
N processes (default: the usable cores; 1 builds in this process, one after
the other). Rendering is CPU-bound pure Python, so processes, not threads,
are what scale. Workers are started with forkserver (spawn where there is no
forkserver), never plain fork, so they inherit no threads or open state of
the parent; the server preloads the pipeline so each worker starts warm.

Output stays deterministic: every PDF is the same bytes whichever worker
wrote it, and the per-brief report lines come out in the order the briefs
were given, however the builds finish. On a terminal, a single updating
progress line replaces those lines. Every failure is listed again at the
end, as the usual ``FILE:LINE:COL: error: MESSAGE`` lines.
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TextIO

from typeset.atomicio import WriteError
from typeset.errors import BriefError, Problem

EXIT_OK, EXIT_PROBLEM, EXIT_INTERNAL = 0, 1, 70


@dataclass(frozen=True, slots=True)
class Options:
    """What every brief of a batch is built with (the `build` command's flags)."""

    output: str | None = None
    layout: str | None = None
    strict: bool = False
    root: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """One brief's result: `lines` are its warnings (built) or its problems (failed)."""

    src: str
    status: int
    output: str | None = None
    pages: int = 0
    lines: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == EXIT_OK


def build_one(src: str, options: Options) -> Outcome:
    """Build one brief; a problem with it (or its output) is an outcome, not an exception."""
    from typeset.pipeline import build

    try:
        built = build(src, options.output, layout=options.layout, strict=options.strict, root=options.root)
    except BriefError as e:
        return Outcome(src, EXIT_PROBLEM, lines=_lines(e.problems))
    except WriteError as e:
        return Outcome(src, EXIT_PROBLEM, lines=(f"{e.filename}: error: cannot write: {e.strerror}",))
    except OSError as e:
        return Outcome(src, EXIT_PROBLEM, lines=(f"{e.filename or src}: error: {e.strerror or e}",))
    return Outcome(src, EXIT_OK, os.fspath(built.path), built.pages, _lines(built.warnings))


def _lines(problems: Sequence[Problem]) -> tuple[str, ...]:
    return tuple(str(p) for p in problems)


def internal_error(src: str, exc: BaseException) -> Outcome:
    """An unexpected exception while building `src`: one line, a traceback only when debugging."""
    message = " ".join(str(exc).split()) or "(no message)"
    lines = [f"{src}: error: internal error: {type(exc).__name__}: {message}"]
    if os.environ.get("TYPESET_DEBUG") == "1":
        lines[:0] = "".join(traceback.format_exception(exc)).rstrip("\n").splitlines()
    return Outcome(src, EXIT_INTERNAL, lines=tuple(lines))


def default_jobs() -> int:
    """The number of cores this process may run on."""
    count = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if count is not None:
        return count() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


# ------------------------------------------------------------------------------------- running


def run(briefs: Sequence[str], options: Options, jobs: int | None = None,
        stream: TextIO | None = None) -> int:
    """Build every brief, report as they finish and list the failures; the worst exit status."""
    out = stream or sys.stderr
    jobs = max(1, min(jobs or default_jobs(), len(briefs)))
    report = Report(briefs, out, tty=_isatty(out))
    outcomes = _sequential(briefs, options) if jobs == 1 else _parallel(briefs, options, jobs)
    try:
        for index, outcome in outcomes:
            report.done(index, outcome)
    finally:
        outcomes.close()  # on Ctrl-C: cancel what has not started, let the workers finish
        report.close()
    return report.finish()


def _sequential(briefs: Sequence[str], options: Options) -> Iterator[tuple[int, Outcome]]:
    for i, src in enumerate(briefs):
        try:
            yield i, build_one(src, options)
        except Exception as e:  # one broken brief must not stop the batch
            yield i, internal_error(src, e)


def _parallel(briefs: Sequence[str], options: Options, jobs: int) -> Iterator[tuple[int, Outcome]]:
    """Outcomes in the order the builds finish, from a pool of `jobs` worker processes."""
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_ignore_sigint)
    pending: dict[Future[Outcome], int] = {}
    try:
        pending = {pool.submit(build_one, src, options): i for i, src in enumerate(briefs)}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=pending.__getitem__):
                i = pending.pop(future)
                yield i, _outcome(future, briefs[i])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _outcome(future: Future[Outcome], src: str) -> Outcome:
    try:
        return future.result()
    except BrokenProcessPool as e:  # a worker was killed (out of memory, a signal)
        return internal_error(src, RuntimeError(f"a worker process died: {e}"))
    except Exception as e:
        return internal_error(src, e)


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["typeset.pipeline"])
        return ctx
    return multiprocessing.get_context("spawn")


def _ignore_sigint() -> None:
    """Ctrl-C is the parent's to handle (it cancels the batch); a worker just finishes its brief."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _can_encode(stream: TextIO, text: str) -> bool:
    try:
        text.encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# ------------------------------------------------------------------------------------ reporting


class Report:
    """Progress while the batch runs, then the failures.

    Not a terminal: a plain line per brief (`built a.pdf (5 pages)`, or
    `failed b.yaml`), with its warnings before it, in the order given. A
    terminal: one line `[12/200] ███░░ name.yaml` redrawn in place, with
    warnings printed above it as they come.
    """

    BAR = 20

    def __init__(self, briefs: Sequence[str], stream: TextIO, *, tty: bool,
                 width: Callable[[], int] | None = None) -> None:
        self.briefs = briefs
        self.stream = stream
        self.tty = tty
        self.width = width or (lambda: shutil.get_terminal_size((80, 24)).columns)
        self.outcomes: dict[int, Outcome] = {}
        self.marks = ("\u2588", "\u2591") if _can_encode(stream, "\u2588\u2591") else ("#", "-")
        self.next = 0  # the first brief not yet reported, in input order
        self.shown = False  # a progress line is on screen

    def done(self, index: int, outcome: Outcome) -> None:
        self.outcomes[index] = outcome
        if self.tty:
            if outcome.ok and outcome.lines:
                self._print(*outcome.lines)
            self._progress(outcome.src)
            return
        while self.next in self.outcomes:
            o = self.outcomes[self.next]
            if o.ok:
                self._print(*o.lines, f"built {o.output} ({_count(o.pages, 'page')})")
            else:
                self._print(f"failed {o.src}")
            self.next += 1

    def close(self) -> None:
        """Take the progress line off the screen."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

    def finish(self) -> int:
        """List every failure, then a summary; the worst status of the batch."""
        failed = [self.outcomes[i] for i in sorted(self.outcomes) if not self.outcomes[i].ok]
        for o in failed:
            self._print(*o.lines)
        total = len(self.briefs)
        built = sum(1 for o in self.outcomes.values() if o.ok)
        if failed:
            self._print(f"briefset: {len(failed)} of {_count(total, 'brief')} failed")
        elif self.tty:
            pages = sum(o.pages for o in self.outcomes.values())
            self._print(f"built {_count(built, 'brief')} ({_count(pages, 'page')})")
        return max((o.status for o in self.outcomes.values()), default=EXIT_OK)

    def _print(self, *lines: str) -> None:
        if not lines:
            return
        self.close()
        for line in lines:
            print(line, file=self.stream)
        self.stream.flush()

    def _progress(self, name: str) -> None:
        n, total = len(self.outcomes), len(self.briefs)
        filled = n * self.BAR // total
        full, empty = self.marks
        head = f"[{n}/{total}] {full * filled}{empty * (self.BAR - filled)} "
        room = max(self.width() - len(head) - 1, 0)
        label = os.path.basename(name)
        if len(label) > room:
            label = "…" + label[len(label) - room + 1:] if room > 1 else ""
        self.stream.write("\r" + head + label + "\x1b[K")
        self.stream.flush()
        self.shown = True
