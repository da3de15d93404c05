"""What the layout stage produces: pages of placed elements, in points.

Origin is the top-left corner of the page and y grows downwards; only the
renderer flips it. An `Elem` is an unbreakable strip (a line, an image, a
rule) whose drawables are positioned relative to its own top-left corner;
a `Page` lists the elements it received with their absolute top-left.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from typeset.text.types import Frag
from typeset.values import Record, Value

Role = Literal["header", "heading", "body", "list", "quote", "caption", "figure", "note", "separator",
               "running-header", "footer"]


@dataclass(slots=True, eq=False, repr=False)
class TextItem(Value):
    """A fragment of text whose baseline is `baseline` below the element's top. A value, never
    changed once made (not frozen, for speed: one is made for every word set; see `Frag`)."""

    x: float
    baseline: float
    frag: Frag


@dataclass(slots=True, eq=False, repr=False)
class RuleItem(Value):
    """A horizontal rule: left end at (x, y), in points."""

    x: float
    y: float
    width: float
    thickness: float
    color: str


@dataclass(slots=True, eq=False, repr=False)
class ImageItem(Value):
    """A checked raster image; `key` identifies it in the image store."""

    x: float
    y: float
    width: float
    height: float
    key: str


Drawable = TextItem | RuleItem | ImageItem


@dataclass(slots=True, eq=False, repr=False)
class Elem(Record):
    """An unbreakable strip of the flow.

    `break_before`: the page may end just before this element (widows,
    orphans and keep-with-next are expressed by setting it False).
    `space_before` is dropped at the top of a page. `notes` are the numbers
    of the footnotes marked in it, which must start on the same page.
    """

    height: float
    items: tuple[Drawable, ...]
    role: Role = "body"
    space_before: float = 0.0
    break_before: bool = True
    notes: tuple[int, ...] = ()
    outline: tuple[str, int] | None = None  # heading text and level, for bookmarks


@dataclass(slots=True, eq=False, repr=False)
class Page(Record):
    """One finished page: elements with their absolute top-left (x, y)."""

    number: int
    width: float
    height: float
    placed: list[tuple[float, float, Elem]] = field(default_factory=list)
    note_numbers: list[int] = field(default_factory=list)  # notes that start on this page

    def add(self, x: float, y: float, elem: Elem) -> None:
        self.placed.append((x, y, elem))
