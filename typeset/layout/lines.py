"""Set lines -> flow elements, with widow and orphan control."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from typeset.layout.context import Context
from typeset.layout.elements import Elem, Role, TextItem
from typeset.style.schema import TextStyle
from typeset.text import break_paragraph
from typeset.text.types import Line, StyledRun


def baseline_offset(style: TextStyle) -> float:
    """Where the baseline sits below the top of a line box: the text is centred in its leading."""
    return (style.leading - style.size) / 2 + 0.8 * style.size


def set_lines(runs: Sequence[StyledRun], style: TextStyle, ctx: Context, *, measure: float,
              indent_first: float = 0.0, direction: str = "auto") -> list[Line]:
    """Break runs into lines in the style's alignment; warn once per character no font has.

    A note too long to share a page with the notes after it must not share a line
    with their marks: such a line is broken again, ending after that note's mark."""
    missing = ctx.fonts.missing
    before = len(missing)
    lines = break_paragraph(runs, measure, ctx.fonts, align=style.align, indent_first=indent_first,
                            language=ctx.language, params=ctx.params, direction=direction)
    ended: set[int] = set()
    for _ in range(8):  # each pass ends at least one more line; a paragraph has few huge notes
        crowded = {n for line in lines for n in line.notes[:-1] if n in ctx.huge_notes} - ended
        if not crowded:
            break
        runs = [replace(r, break_after=True) if r.mark in crowded and _word_follows(runs, i) else r
                for i, r in enumerate(runs)]
        if not any(r.mark in crowded and r.break_after for r in runs):
            break
        ended |= crowded
        lines = break_paragraph(runs, measure, ctx.fonts, align=style.align, indent_first=indent_first,
                                language=ctx.language, params=ctx.params, direction=direction)
    if len(missing) > before:
        for ch in list(missing)[before:]:
            ctx.warn(f"no bundled font has the character {ch!r} (U+{ord(ch):04X}); it prints as a blank box")
    return lines


def _word_follows(runs: Sequence[StyledRun], i: int) -> bool:
    """Whether text (not straight away another mark) follows run i, so a line may end there."""
    for r in runs[i + 1:]:
        if r.mark is not None:
            return False
        if r.text.strip(" ,"):
            return True
    return False


def line_elems(lines: Sequence[Line], style: TextStyle, *, x: float = 0.0, role: Role = "body",
               widows: int = 2, orphans: int = 2, keep: bool = False) -> list[Elem]:
    """One element per line. The page may end before line k only if at least `orphans`
    lines stay behind and `widows` lines go ahead, and never after a hyphenated line
    (TeX's \brokenpenalty, made absolute); `keep` forbids any break inside.

    A long brief keeps every line until it is drawn: at x = 0 an item holds its frag's
    float for its position rather than a second float of the same value."""
    base = baseline_offset(style)
    n = len(lines)
    out = []
    for k, line in enumerate(lines):
        if x == 0.0:  # the frag's own float for its position (`or`: the sum when it is a zero)
            items = tuple([TextItem(f.x or x + f.x, base, f) for f in line.frags])
        else:
            items = tuple([TextItem(x + f.x, base, f) for f in line.frags])
        allowed = k == 0 or (not keep and k >= orphans and n - k >= widows and not lines[k - 1].mid_word)
        out.append(Elem(style.leading, items, role=role, break_before=allowed, notes=line.notes))
    return out
