"""The whole brief, and the two ways to make one: from a reader's tree or from plain data.

`Brief` lives apart from its parts (`nodes.py`) so that the validator can
build those parts without importing this module: the model has no import cycle.
"""
from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from typeset.errors import Problem
from typeset.model.limits import DEFAULT_LIMITS, Limits
from typeset.model.nodes import Author, Footnote, Pos, Publisher, Section, SourceRecord
from typeset.model.tree import Source, YNode, from_python
from typeset.model.validate import validate
from typeset.values import Value


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Brief(Value):
    """A validated brief. `footnotes` is in number order (1..N)."""

    title: str
    sections: tuple[Section, ...]
    footnotes: tuple[Footnote, ...] = ()
    sources: tuple[SourceRecord, ...] = ()  # in the order written; citations in notes refer to them by key
    subtitle: str | None = None
    series: str | None = None
    date: str | None = None  # as written: an ISO date or free text
    authors: tuple[Author, ...] = ()
    editors: tuple[str, ...] = ()
    publisher: Publisher | None = None
    disclaimer: str | None = None
    language: str = "en"
    layout: str | None = None  # name or path, as written
    source: str = "<brief>"  # file name used in messages
    base_dir: str | None = None  # folder that relative paths resolve against
    warnings: tuple[Problem, ...] = field(default=(), compare=False)
    layout_pos: Pos | None = field(default=None, compare=False)  # where a refused layout path is reported
    embedded: tuple[tuple[str, bytes], ...] = field(default=(), compare=False, repr=False)  # images in a .docx

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "<dict>",
                  base_dir: str | os.PathLike[str] | None = None, strict: bool = False) -> Brief:
        """Validate plain data shaped like a brief's YAML; see `brief_from_dict`."""
        return brief_from_dict(data, source=source, base_dir=base_dir, strict=strict)


def brief_from_tree(root: YNode | None, source: Source, *, limits: Limits | None = None,
                    problems: Sequence[Problem] = (), strict: bool = False, base_dir: str | None = None,
                    embedded: Mapping[str, bytes] | None = None) -> Brief:
    """Validate a reader's tree into a `Brief`; raises BriefError with every problem found."""
    fields, warnings = validate(root, source, limits or DEFAULT_LIMITS, problems, strict=strict,
                                base_dir=base_dir)
    return Brief(**fields, warnings=warnings, embedded=tuple(sorted((embedded or {}).items())))


def brief_from_dict(data: Any, *, source: str = "<dict>", base_dir: str | os.PathLike[str] | None = None,
                    strict: bool = False, limits: Limits | None = None) -> Brief:
    """Validate plain Python data shaped like a brief's YAML (no positions in messages)."""
    limits = limits or DEFAULT_LIMITS
    src = Source(source)
    root, problems = from_python(data, src, limits)
    folder = os.fspath(base_dir) if base_dir is not None else None
    return brief_from_tree(root, src, limits=limits, problems=problems, strict=strict, base_dir=folder)
