"""The last resort for text that no line can hold: break inside it.

A *segment* is what lies between two consecutive legal breakpoints. If one is
wider than the line (even fully shrunk), no pass of the breaker can succeed,
so that segment, and only it, gets break opportunities between its
characters (and at its no-break spaces), and any space before a note mark in
it is left out (a mark never starts a line, so it cannot break there). When there are more than
CHARACTER_LIMIT such characters in the paragraph, breaks go only about every
eighth of a line, chosen greedily, so the breaker's active list stays short
and the cost linear: a 200,000-character "word" costs no more than a page of
prose.
"""

from __future__ import annotations

from collections.abc import Sequence

from typeset.text.fonts import FontBook
from typeset.text.items import Box, Glue, Item, Penalty, after_break
from typeset.text.linebreak import Scan, Sums, legal_breakpoints, line_start
from typeset.text.params import BreakParams

CHARACTER_LIMIT = 2000  # more characters in over-wide text: cut in chunks, not per character
CHUNKS_PER_LINE = 8
_ZERO: Sums = (0.0, 0.0, 0.0, 0.0)  # the sums where the first segment starts


def overwide_segments(items: Sequence[Item], limit: float, scanned: Scan | None = None) -> list[tuple[int, int]]:
    """(start, end) item ranges between breakpoints whose minimum width exceeds `limit`
    (`scanned`: `scan(items, limit)`, when the caller has it: then only the breakpoints it
    notes as maybe too wide are looked at)."""
    found: list[tuple[int, int]] = []
    start = 0
    if scanned is not None:
        assert scanned.limit == limit, "scanned for another limit"
        breakpoints = scanned.breakpoints
        for k in scanned.wide:
            b, pw, _, _, w, _, z, _ = breakpoints[k]
            start, (start_w, _, start_z, _) = line_start(items, breakpoints[k - 1]) if k else (0, _ZERO)
            # From the sums, to within rounding; only a width that close to the limit is summed
            # item by item as before, so the verdict is always the one the item walk gives.
            estimate = pw + (w - start_w) - (z - start_z)
            near = abs(estimate - limit) <= 1e-6
            if (near and _segment_width(items, start, b, pw) > limit + 1e-9) or (not near and estimate > limit):
                found.append((start, b))
        return found
    for b, pw, _, _ in legal_breakpoints(items):
        if _segment_width(items, start, b, pw) > limit + 1e-9:
            found.append((start, b))
        start = after_break(items, b)
    return found


def _segment_width(items: Sequence[Item], start: int, b: int, pw: float) -> float:
    """The narrowest the items start..b can be set (glue fully shrunk), plus the break's width."""
    width = pw
    for it in items[start:b]:
        if type(it) is Box:
            width += it.width
        elif type(it) is Glue:
            width += it.width - it.shrink  # type: ignore[union-attr]
    return width


def split_overwide(items: Sequence[Item], limit: float, fonts: FontBook, params: BreakParams) -> list[Item]:
    """A copy of `items` with break opportunities inside each over-wide segment."""
    segments = overwide_segments(items, limit)
    if not segments:
        return list(items)
    chars = sum(len(it.text) for start, end in segments for it in items[start:end] if type(it) is Box)  # type: ignore[union-attr]
    step = 0.0 if chars <= CHARACTER_LIMIT else limit / CHUNKS_PER_LINE
    out: list[Item] = []
    done = 0
    for start, end in segments:
        out.extend(items[done:start])
        seg = items[start:end]
        out.extend(_split_segment(seg, step, fonts, params.split_penalty))
        done = end
    out.extend(items[done:])
    return out


def _split_segment(seg: Sequence[Item], step: float, fonts: FontBook, penalty: float) -> list[Item]:
    """Boxes cut into chunks at least `step` wide (single characters when step is 0)."""
    out: list[Item] = []
    for it in seg:
        if type(it) is Box:
            if it.run.mark is not None:  # type: ignore[union-attr]
                out.append(it)  # a mark stays whole and with what precedes it
                continue
            if out and type(out[-1]) is Box:
                out.append(Penalty(0.0, penalty, kind="split"))
            _chunks(it, step, fonts, penalty, out)  # type: ignore[arg-type]
        elif type(it) is Penalty and it.kind == "nbsp":  # type: ignore[union-attr]
            out.append(Penalty(0.0, penalty, kind="split"))
        elif type(it) is Glue and out and type(out[-1]) is Penalty and out[-1].kind == "mark":  # type: ignore[union-attr]
            # A space before a note mark cannot break (the mark would start a line); here it
            # is left out, so a word and its marks fit a line no wider than they are.
            continue
        else:
            out.append(it)
    return out


def _chunks(box: Box, step: float, fonts: FontBook, penalty: float, out: list[Item]) -> None:
    char_width = fonts.char_widths(box.font, box.run.size)
    text = box.text
    begin = 0
    acc = 0.0
    for i, c in enumerate(text):
        acc += char_width(c)
        if acc >= step and i + 1 < len(text):
            out.append(Box(acc, text[begin : i + 1], box.font, box.run))
            out.append(Penalty(0.0, penalty, kind="split"))
            begin = i + 1
            acc = 0.0
    out.append(Box(acc, text[begin:], box.font, box.run))
