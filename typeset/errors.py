"""Problems found in a brief or layout, and the exception that carries them.

The library never prints: it raises `BriefError` holding every problem of a
run, each formatted as ``FILE:LINE:COL: error: MESSAGE`` for the CLI.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from typeset.values import Value

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Problem(Value):
    """One positioned diagnostic. Line and column are 1-based, None when unknown.

    `label` names the place in a source without lines, such as a Word file's
    ``paragraph 14 ("Pillars of the...")`` or ``footnote 3``; it is printed
    after the path: ``brief.docx: paragraph 14 (...): error: MESSAGE``.
    """

    path: str
    line: int | None
    column: int | None
    message: str
    severity: Severity = "error"
    label: str | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        elif self.label:
            where += f": {self.label}"
        return f"{where}: {self.severity}: {self.message}"


class TypesetError(Exception):
    """Base of every error typeset raises on purpose."""


class BriefError(TypesetError):
    """A brief (or a layout, or a file it names) cannot be rendered.

    `path`, `line`, `column` and `message` describe the first error (warnings
    may come before it); `problems` holds all of them, in source order.
    """

    def __init__(self, problems: Sequence[Problem] | Problem | str, *, path: str = "<brief>") -> None:
        if isinstance(problems, str):
            problems = [Problem(path, None, None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("BriefError needs at least one problem")
        first = next((p for p in self.problems if p.severity == "error"), self.problems[0])
        self.path = first.path
        self.line = first.line
        self.column = first.column
        self.message = first.message
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type, tuple[tuple[Problem, ...]]]:
        """Pickle with the problems themselves, so an error from a worker process (or a Dask
        worker) keeps its positions."""
        return type(self), (self.problems,)


class LayoutError(BriefError):
    """A layout file is malformed (unknown key, bad value, broken `extends`)."""


class InternalError(BriefError):
    """Building one brief failed unexpectedly (a defect, or a worker that died): reported like a
    problem with that brief, so a batch goes on; the command exits 70 for it."""
