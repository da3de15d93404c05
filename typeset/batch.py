"""The `build` command's report of many briefs, built by `typeset.many.build_many`.

`briefset build a.yaml b.yaml ... [--jobs N]` renders each brief in a pool of
N processes (default: the usable cores; 1 builds in this process, one after
the other); see typeset/many.py for the workers.

Output stays deterministic: every PDF is the same bytes whichever worker
wrote it, and the per-brief report lines come out in the order the briefs
were given, however the builds finish. On a terminal, a single updating
progress line replaces those lines. Every failure is listed again at the
end, as the usual ``FILE:LINE:COL: error: MESSAGE`` lines.
"""
from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from typeset.errors import InternalError, Problem
from typeset.many import Outcome as Result
from typeset.many import build_many
from typeset.pipeline import Built, built_line, count
from typeset.values import Value

EXIT_OK, EXIT_PROBLEM, EXIT_INTERNAL = 0, 1, 70


@dataclass(slots=True, eq=False, repr=False)
class Options(Value):
    """What every brief of a batch is built with (the `build` command's flags)."""

    layout: str | None = None
    strict: bool = False
    root: str | None = None
    pdfa: bool | None = None


@dataclass(slots=True, eq=False, repr=False)
class Outcome(Value):
    """One brief's report: `lines` are its warnings (built) or its problems (failed)."""

    src: str
    status: int
    output: str | None = None
    pages: int = 0
    lines: tuple[str, ...] = ()
    notes: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == EXIT_OK


def outcome(src: str, result: Result) -> Outcome:
    """The report of one brief's result."""
    if isinstance(result, Built):
        return Outcome(src, EXIT_OK, os.fspath(result.path) if result.path else None, result.pages,
                       _lines(result.warnings), result.notes, result.seconds)
    status = EXIT_INTERNAL if isinstance(result, InternalError) else EXIT_PROBLEM
    return Outcome(src, status, lines=_lines(result.problems))


def _lines(problems: Sequence[Problem]) -> tuple[str, ...]:
    return tuple(str(p) for p in problems)


# ------------------------------------------------------------------------------------- running


def run(briefs: Sequence[str], options: Options, jobs: int | None = None,
        stream: TextIO | None = None, *, quiet: bool = False, out_dir: str | None = None) -> int:
    """Build every brief (into `out_dir`, else beside it), report as they finish and list the
    failures; the worst exit status."""
    out = stream or sys.stderr
    report = Report(briefs, out, tty=_isatty(out), quiet=quiet)
    try:
        build_many(briefs, out_dir, layout=options.layout, strict=options.strict, root=options.root,
                   pdfa=options.pdfa, jobs=jobs, progress=lambda i, r: report.done(i, outcome(briefs[i], r)))
    finally:  # on Ctrl-C: what has not started is cancelled, the workers finish theirs
        report.close()
    return report.finish()


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
                 width: Callable[[], int] | None = None, quiet: bool = False) -> None:
        self.briefs = briefs
        self.stream = stream
        self.tty = tty and not quiet
        self.quiet = quiet
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
                self._print(*o.lines)
                if not self.quiet:
                    self._print(built_line(o.output or o.src, o.pages, o.notes, o.seconds))
            elif not self.quiet:
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
        if failed and not (self.quiet and total == 1):
            self._print(f"briefset: {len(failed)} of {count(total, 'brief')} failed")
        elif self.tty:
            pages = sum(o.pages for o in self.outcomes.values())
            self._print(f"built {count(built, 'brief')} ({count(pages, 'page')})")
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
