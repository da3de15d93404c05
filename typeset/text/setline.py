"""Chosen breaks to `Line`s of positioned `Frag`s.

Glue is set by the line's adjustment ratio r, from its own stretch and shrink
(the breaker's emergency stretch only guided the choice), so a justified line
with spaces fills its measure; the last line keeps natural spacing. Spaces are never drawn: they are
gaps between frags, which is what PDF text extraction needs to find words.
Adjacent boxes of one style (the syllables of a word) merge into one frag so
the PDF gets one text operation per word piece.

A long brief's lines all live until its PDF is written, so frags hold one
string per distinct word and one float per distinct width (the book's
per-render `shared` table), not one per use: most words are repeats.
"""

from __future__ import annotations

from collections.abc import Sequence

from typeset.text.fonts import FontBook
from typeset.text.items import Box, Glue, Item, Penalty, after_break
from typeset.text.types import Align, Frag, Line, MarkedFrag

INF = float("inf")
MID_WORD = frozenset({"hyphen", "soft", "url", "split", "zwsp"})
SHARED_LIMIT = 100_000  # values in a book's `shared` table; a book used for many renders is cleared


def set_lines(
    items: Sequence[Item],
    breaks: Sequence[int],
    fonts: FontBook,
    *,
    measure: float,
    indent_first: float,
    align: Align,
    ragged_fill: float = 0.0,
) -> list[Line]:
    """One `Line` per break; line 1 starts at x = indent_first with a shorter measure."""
    lines: list[Line] = []
    start = 0
    if len(fonts.shared) > SHARED_LIMIT:
        fonts.shared.clear()
    for k, b in enumerate(breaks):
        end = items[b]
        hyphen = end.hyphen if isinstance(end, Penalty) else None
        indent = indent_first if k == 0 else 0.0
        mid_word = isinstance(end, Penalty) and end.kind in MID_WORD
        line = _set_line(items[start:b], hyphen, fonts, measure - indent, indent, align, ragged_fill, mid_word)
        if line is not None:
            lines.append(line)
        start = after_break(items, b)
    return lines


def _near_full_gap(content: Sequence[Item], hyphen: Box | None, m: float, ragged_fill: float) -> float:
    """Extra width per space that sets a ragged line nearly full to the full measure.

    A ragged right edge reads as ragged only where lines differ visibly; a line
    within `ragged_fill` of the measure is set flush, so the edge the eye follows
    is the measure itself (the last line of a paragraph is never touched)."""
    length, glues = 0.0, 0
    for it in content:
        if type(it) is Box:
            length += it.width
        elif type(it) is Glue:
            if it.fill:  # type: ignore[union-attr]
                return 0.0
            length += it.width
            glues += 1
    if hyphen is not None:
        length += hyphen.width
    short = m - length
    if glues == 0 or short <= 0 or short > ragged_fill * m:
        return 0.0
    return short / glues


def _ratio(content: Sequence[Item], hyphen: Box | None, m: float, align: Align) -> float:
    """The adjustment ratio r of Knuth & Plass: >0 stretches, <0 shrinks, 0 for natural."""
    if align != "justify":
        return 0.0
    length = stretch = shrink = fill = 0.0
    for it in content:
        t = type(it)
        if t is Box:
            length += it.width
        elif t is Glue:
            length += it.width
            stretch += it.stretch  # type: ignore[union-attr]
            shrink += it.shrink  # type: ignore[union-attr]
            fill += it.fill  # type: ignore[union-attr]
    if hyphen is not None:
        length += hyphen.width
    if length < m:
        return (m - length) / stretch if stretch > 0 and fill == 0 else 0.0
    if length > m and shrink > 0:
        return max(-1.0, (m - length) / shrink)
    return 0.0


def _set_line(
    content: Sequence[Item], hyphen: Box | None, fonts: FontBook, m: float, indent: float, align: Align,
    ragged_fill: float = 0.0, mid_word: bool = False,
) -> Line | None:
    r = _ratio(content, hyphen, m, align)
    extra = _near_full_gap(content, hyphen, m, ragged_fill) if align == "left" and ragged_fill > 0 else 0.0
    stretching = r > 0
    parts: list[list] = []  # [x, width, text, box] per frag, merged while the style stays the same
    x = 0.0
    last_run: object = None  # run and font of the last box, None after glue (no frag goes on across it)
    last_font = ""
    notes: list[int] = []
    ascent = descent = -INF
    style: tuple[str, float, float] | None = None
    for it in (*content, hyphen) if hyphen is not None else content:
        t = type(it)
        if t is Box:
            run = it.run  # type: ignore[union-attr]
            if (run is last_run and it.font == last_font) or (  # type: ignore[union-attr]
                    last_run is not None and _style(it) == _style(parts[-1][3])):  # type: ignore[arg-type]
                part = parts[-1]
                part[1] += it.width
                part[2] += it.text  # type: ignore[union-attr]
            else:
                parts.append([x, it.width, it.text, it])  # type: ignore[union-attr]
                # a frag's style, mark and extent are its first box's (a plain `Frag` holds no mark)
                mark = run.mark  # type: ignore[union-attr]
                if mark is not None and mark not in notes:
                    notes.append(mark)
                font, size, rise = it.font, run.size, run.rise  # type: ignore[union-attr]
                if (font, size, rise) != style:  # most frags of a line share one style
                    style = (font, size, rise)
                    ascent = max(ascent, fonts.ascent(font, size) + rise)
                    descent = max(descent, fonts.descent(font, size) - rise)
            last_run, last_font = run, it.font  # type: ignore[union-attr]
            x += it.width
        elif t is Glue:
            x += it.width + extra + r * (it.stretch if stretching else it.shrink)  # type: ignore[union-attr]
            last_run = None
    if not parts:
        return None
    width = x
    offset = indent
    if align == "center":
        offset += (m - width) / 2
    elif align == "right":
        offset += m - width
    share = fonts.shared.setdefault
    frags = tuple([_frag(offset + px, share(pw, pw) if pw else pw, share(text, text), box)  # type: ignore[arg-type]
                   for px, pw, text, box in parts])
    return Line(frags, width, m, ascent, descent, tuple(notes), r, hyphen is not None, mid_word)


def _style(box: Box) -> tuple[object, ...]:
    """What boxes of one frag share: adjacent boxes of equal style (runs split by markup that
    changes nothing drawn) merge."""
    run = box.run
    return (box.font, run.size, run.color, run.rise, run.link, run.mark, run.anchor)


def _frag(x: float, width: float, text: str, box: Box) -> Frag:
    run = box.run
    if run.rise == 0.0 and run.link is None and run.mark is None and run.anchor is None:
        return Frag(x, width, text, box.font, run.size, run.color)  # what `make_frag` makes of a plain word
    return MarkedFrag(x, width, text, box.font, run.size, run.color, run.rise, run.link, run.mark, run.anchor)
