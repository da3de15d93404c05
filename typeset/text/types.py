"""What the text stage takes (styled runs) and gives (lines of positioned fragments).

Everything is in points. A `Line` knows the note numbers marked on it, so the
page loop can place each note on the page of its mark.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from typeset.values import Value

Align = Literal["justify", "left", "center", "right"]


@dataclass(slots=True, eq=False, repr=False)
class StyledRun(Value):
    """Literal text in one resolved style.

    `font` is a registered ReportLab font name (see `FontBook.face`).
    `url`: the text may break after / . - _ ? & = without a hyphen, never hyphenated.
    `mark`: this run is the reference mark of note `mark`; it never starts a line.
    `anchor`: this run is the label that starts note `anchor` (a link target).
    `break_after`: force a line break after this mark (keeps a later mark off the
    line of a note too long to share its page with the notes after it).
    """

    text: str
    font: str
    size: float
    color: str = "#000000"
    rise: float = 0.0
    link: str | None = None
    url: bool = False
    mark: int | None = None
    anchor: int | None = None
    hyphenate: bool = True
    break_after: bool = False  # a mark run only: the line must end after it


@dataclass(slots=True, eq=False, repr=False)
class Glyph(Value):
    """One shaped glyph, in 1/1000 em: `x`, `y` from its run's left end and baseline."""

    gid: int
    x: float
    y: float
    advance: float


@dataclass(slots=True, eq=False, repr=False)
class Frag(Value):
    """A piece of text placed on a line; `x` is from the line's left edge.

    A value, never changed once made; not a frozen dataclass only because one is
    made for every word set, and a frozen one costs five times as much to make.

    Right-to-left stretches (see bidi.py) come as `glyphs`: the shaped glyphs
    to draw in place of `text`; and as `hidden` frags: the logical text, drawn
    invisibly over the same place for text extraction.

    A long brief holds a frag for every word on every page until its PDF is
    written, and nearly all are plain words: so a `Frag` keeps only the six
    fields every word has; the rarer ones (rise, link, note mark or label,
    glyphs, hidden) read as their defaults here and are held only by a
    `MarkedFrag`. Make frags with `make_frag()`, change them with `restyled()`.
    """

    x: float
    width: float
    text: str
    font: str
    size: float
    color: str = "#000000"
    rise: ClassVar[float] = 0.0
    link: ClassVar[str | None] = None
    mark: ClassVar[int | None] = None
    anchor: ClassVar[int | None] = None
    glyphs: ClassVar[tuple[Glyph, ...] | None] = None
    hidden: ClassVar[bool] = False


@dataclass(slots=True, eq=False, repr=False)
class MarkedFrag(Frag):
    """A frag with any of the rarer fields set (see `Frag`)."""

    rise: float = 0.0  # type: ignore[misc]
    link: str | None = None  # type: ignore[misc]
    mark: int | None = None  # type: ignore[misc]
    anchor: int | None = None  # type: ignore[misc]
    glyphs: tuple[Glyph, ...] | None = None  # type: ignore[misc]
    hidden: bool = False  # type: ignore[misc]


def make_frag(x: float, width: float, text: str, font: str, size: float, color: str = "#000000", rise: float = 0.0,
         link: str | None = None, mark: int | None = None, anchor: int | None = None,
         glyphs: tuple[Glyph, ...] | None = None, hidden: bool = False) -> Frag:
    """A `Frag`, or a `MarkedFrag` when any of the rarer fields is set."""
    if rise == 0.0 and link is None and mark is None and anchor is None and glyphs is None and not hidden:
        return Frag(x, width, text, font, size, color)
    return MarkedFrag(x, width, text, font, size, color, rise, link, mark, anchor, glyphs, hidden)


def restyled(f: Frag, **changes: object) -> Frag:
    """`f` with some fields changed (`dataclasses.replace` for either kind of frag)."""
    fields = {"x": f.x, "width": f.width, "text": f.text, "font": f.font, "size": f.size, "color": f.color,
              "rise": f.rise, "link": f.link, "mark": f.mark, "anchor": f.anchor, "glyphs": f.glyphs,
              "hidden": f.hidden}
    fields.update(changes)
    return make_frag(**fields)  # type: ignore[arg-type]


@dataclass(slots=True, eq=False, repr=False)
class Line(Value):
    """One set line. `width` is the width its content occupies after justification.
    A value, never changed once made (not frozen, for speed: see `Frag`).

    A line with right-to-left text has its frags in display order, left to
    right, then its hidden logical-text frags (see bidi.py).

    `measure` is the width available to this line's content: the paragraph's
    measure, less `indent_first` on the first line. Frag x values already
    include that indent and the alignment offset. `ascent` and `descent` are
    positive distances above and below the baseline, the largest over the
    frags (rise included). `hyphenated` means a hyphen was added at the end:
    it is the last character of the last frag (of a left-to-right line).
    """

    frags: tuple[Frag, ...]
    width: float
    measure: float
    ascent: float
    descent: float
    notes: tuple[int, ...] = ()
    ratio: float = 0.0  # adjustment ratio used: <0 shrunk, >0 stretched
    hyphenated: bool = False
    mid_word: bool = False  # the line ends inside a word (hyphen, URL or split break)
