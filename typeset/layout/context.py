"""What every part of the layout stage needs, resolved once per render."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from typeset.errors import Problem
from typeset.layout.images import ImageStore
from typeset.layout.paginate import Geometry
from typeset.model.nodes import Pos
from typeset.style.schema import Layout
from typeset.text import BreakParams, FontBook
from typeset.values import Record


@dataclass(slots=True, eq=False, repr=False)
class Context(Record):
    """What every layout step needs: the layout, fonts, page geometry, breaking settings, note labels, and where warnings go."""

    layout: Layout
    fonts: FontBook
    geom: Geometry
    params: BreakParams
    labels: Mapping[int, str]  # note number -> printed label
    language: str = "en"
    source: str = "<brief>"
    images: ImageStore = field(default_factory=lambda: ImageStore(()))
    warnings: list[Problem] = field(default_factory=list)
    where: Pos | None = None  # source position of what is being set, for warnings
    note_indent: float = 12.0  # where note text starts (see notes.note_indent)
    huge_notes: frozenset[int] = frozenset()  # notes too long to share a page with the next note

    def warn(self, message: str) -> None:
        pos = self.where
        self.warnings.append(Problem(self.source, pos.line if pos else None, pos.column if pos else None,
                                     message, "warning"))

    @property
    def width(self) -> float:
        return self.geom.width
