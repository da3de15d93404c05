"""What every part of the layout stage needs, resolved once per render."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from typeset.errors import Problem
from typeset.layout.images import ImageStore
from typeset.layout.paginate import Geometry
from typeset.style.schema import Layout
from typeset.text import BreakParams, FontBook


@dataclass(slots=True)
class Context:
    layout: Layout
    fonts: FontBook
    geom: Geometry
    params: BreakParams
    labels: Mapping[int, str]  # note number -> printed label
    language: str = "en"
    source: str = "<brief>"
    images: ImageStore = field(default_factory=lambda: ImageStore(()))
    warnings: list[Problem] = field(default_factory=list)

    @property
    def width(self) -> float:
        return self.geom.width
