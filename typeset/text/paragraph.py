"""The text stage's entry point: styled runs in, set lines out.

TeX's passes (The TeXbook ch. 14; SILE `core/break.lua`):
1. no hyphenation, badness limit `pretolerance`;
2. with hyphenation points, limit `tolerance`;
3. with `emergency_stretch` added to every line's stretch (TeX's third pass);
4. the same with no badness limit, in forcing mode, so lines are always
   returned. It can fail to find lines that fit only when some text between
   two breakpoints is wider than the line. Such text is found before pass 1
   (no pass could succeed), gets breaks between its characters, and goes
   straight to pass 4. A line is then overfull only when one character (or a
   note mark with the character before it) is wider than the line.
Pass 3 keeps the tolerance: a pass with no limit weighs every break against
every other within a line's reach and costs several times as much, so it runs
only when pass 3 has failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from typeset.text.fonts import FontBook
from typeset.text.hyphenate import Hyphenator
from typeset.text.items import Item, ParagraphItems, build_items, collect_items, with_hyphenation
from typeset.text.linebreak import PassSettings, knuth_plass, scan
from typeset.text.overwide import overwide_segments, split_overwide
from typeset.text.params import INF_BAD, BreakParams
from typeset.text.scripts import has_rtl
from typeset.text.setline import set_lines
from typeset.text.types import Align, Line, StyledRun


@lru_cache(maxsize=32)
def get_hyphenator(language: str) -> Hyphenator:
    """One shared `Hyphenator` per language, so its word cache serves every paragraph."""
    return Hyphenator(language)


def break_paragraph(
    runs: Sequence[StyledRun],
    measure: float,
    fonts: FontBook,
    *,
    align: Align = "justify",
    indent_first: float = 0.0,
    language: str = "en",
    params: BreakParams | None = None,
    direction: str = "auto",
) -> list[Line]:
    """Break and set one paragraph; [] when it holds no visible text.

    `direction` is "ltr", "rtl" or "auto" (from the first strong character, as
    UAX #9 rules P2-P3 say); lines with right-to-left text are reordered for
    display after breaking (see bidi.py)."""
    params = params or BreakParams()
    if measure <= 0:
        raise ValueError(f"measure must be positive, got {measure}")
    ragged = align != "justify"
    built = collect_items(runs, fonts, params, ragged=ragged)
    items = built.items
    if not items:
        return []
    first = measure - indent_first
    em = max(r.size for r in runs)
    right = params.ragged_stretch_em * em if ragged else 0.0
    emergency = params.emergency_stretch if params.emergency_stretch is not None else 0.1 * measure
    hyphenator = get_hyphenator(language)
    limit = min(first, measure)
    scanned = scan(items, limit)
    overwide = bool(overwide_segments(items, limit, scanned))
    hyphenated = False
    if overwide:
        items = split_overwide(
            _with_hyphens(runs, built, hyphenator), limit, fonts, params
        )
        scanned = scan(items)
        hyphenated = True
    breaks = None
    for needs_hyphens, settings in _passes(params, right, emergency, overwide):
        if needs_hyphens and not hyphenated:
            hyphenated_items = _with_hyphens(runs, built, hyphenator)
            if hyphenated_items is not items:
                items, scanned = hyphenated_items, scan(hyphenated_items)
            hyphenated = True
        breaks = knuth_plass(items, first, measure, params, settings, scanned)
        if breaks is not None:
            break
    assert breaks is not None, "a forcing pass always returns breaks"
    lines = set_lines(items, breaks, fonts, measure=measure, indent_first=indent_first, align=align,
                      ragged_fill=params.ragged_fill)
    if direction != "rtl" and not any(has_rtl(r.text) for r in runs):
        return lines
    from typeset.text.bidi import base_level, reorder  # only for right-to-left text

    base = base_level(runs, direction)
    if base is None:
        return lines
    layer = next((r.font for r in runs if r.mark is None), runs[0].font)
    return [reorder(line, base, fonts, measure=measure, indent=indent_first if k == 0 else 0.0, align=align,
                    layer_font=layer) for k, line in enumerate(lines)]


def _passes(
    params: BreakParams, right: float, emergency: float, overwide: bool
) -> list[tuple[bool, PassSettings]]:
    """(needs hyphenation points, settings) of each pass to try, in order; the last forces."""
    passes: list[tuple[bool, PassSettings]] = []
    if not overwide:  # over-wide text defeats every pass without emergency stretch
        if params.pretolerance >= 0:
            passes.append((False, PassSettings(params.pretolerance, 0.0, right)))
        passes.append((True, PassSettings(params.tolerance, 0.0, right)))
    if emergency > 0:
        passes.append((True, PassSettings(params.tolerance, emergency, right)))
    passes.append((True, PassSettings(INF_BAD, emergency, right, force=True)))
    return passes


def _with_hyphens(runs: Sequence[StyledRun], built: ParagraphItems, hyphenator: Hyphenator) -> list[Item]:
    """The items again with hyphenation points, or the same items if there can be none.

    Only the words that have points are rebuilt; the rest of the paragraph's
    items are reused as they are (a full rebuild when the ranges do not hold).
    """
    if not hyphenator.available or not any(r.hyphenate and not r.url for r in runs):
        return built.items
    spliced = with_hyphenation(built, hyphenator)
    if spliced is not None:
        return spliced
    return build_items(runs, built.fonts, built.params, hyphenator=hyphenator, ragged=built.ragged,
                       count_missing=False)
