"""The Knuth-Plass breaker on hand-built item lists (texlib `tests/test_wrap.py` style)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from typeset.text import BreakParams, StyledRun
from typeset.text.items import Box, Glue, Item, Penalty, after_break
from typeset.text.linebreak import PassSettings, knuth_plass, legal_breakpoints
from typeset.text.params import INF_BAD, INF_PENALTY

RUN = StyledRun("x", "Courier", 10.0)
P = BreakParams()
FINISH: list[Item] = [
    Penalty(0, INF_PENALTY, kind="finish"),
    Glue(0, 0, 0, fill=1),
    Penalty(0, -INF_PENALTY, kind="finish"),
]


def words(*lengths: int, hyphen_at: dict[int, int] | None = None) -> list[Item]:
    """Courier-like words (6 pt a letter, space 6 pt +3 -2); hyphen_at maps word -> split offset."""
    items: list[Item] = []
    for i, n in enumerate(lengths):
        if i:
            items.append(Glue(6, 3, 2))
        cut = (hyphen_at or {}).get(i)
        if cut:
            items.append(Box(6 * cut, "a" * cut, "Courier", RUN))
            items.append(Penalty(6, 50, True, "hyphen", Box(6, "-", "Courier", RUN)))
            items.append(Box(6 * (n - cut), "a" * (n - cut), "Courier", RUN))
        else:
            items.append(Box(6 * n, "a" * n, "Courier", RUN))
    return items + FINISH


def tolerant(threshold: float = 200.0) -> PassSettings:
    return PassSettings(threshold)


def first_fit(items: Sequence[Item], measure: float) -> list[int]:
    """Greedy breaking: take each break that still lets the line shrink to fit."""
    breaks: list[int] = []
    start = 0
    last_fit = None
    for b, pw, p, _ in legal_breakpoints(items):
        width = sum(it.width for it in items[start:b] if not isinstance(it, Penalty)) + pw
        shrink = sum(it.shrink for it in items[start:b] if isinstance(it, Glue))
        if width - shrink > measure and last_fit is not None:
            breaks.append(last_fit)
            start = after_break(items, last_fit)
        last_fit = b
        if p <= -INF_PENALTY:
            breaks.append(b)
    return breaks


def test_total_fit_beats_first_fit() -> None:
    # aaa bb cc d eeeeee f ggggg at 60 pt: first fit packs line 1 tight and leaves
    # "eeeeee f" with r = 4 (badness 6400); total fit moves "d" down: r = 1, 0.
    items = words(3, 2, 2, 1, 6, 1, 5)
    assert first_fit(items, 60) == [7, 11, 15]
    assert knuth_plass(items, 60, 60, P, tolerant()) == [5, 11, 15]


def test_equal_words_fill_equal_lines() -> None:
    # ten 4-letter words, 24 pt each + 6 pt spaces: 4 words = 114 pt, so 3 lines at 114 pt
    items = words(*[4] * 10)
    assert knuth_plass(items, 114, 114, P, tolerant()) == [7, 15, 21]


def test_one_line_paragraph() -> None:
    assert knuth_plass(words(3, 3), 100, 100, P, tolerant()) == [5]


def test_infeasible_pass_returns_none() -> None:
    # lines of one 10-letter word at 100 pt cannot stretch: badness inf_bad > 200
    assert knuth_plass(words(10, 10, 10), 100, 100, P, tolerant()) is None
    assert knuth_plass(words(10, 10, 10), 100, 100, P, tolerant(INF_BAD)) == [1, 3, 7]


def test_force_mode_sets_an_overfull_line_rather_than_fail() -> None:
    items = words(3, 30, 3)  # a 180 pt word at 100 pt
    assert knuth_plass(items, 100, 100, P, tolerant(INF_BAD)) is None
    assert knuth_plass(items, 100, 100, P, PassSettings(INF_BAD, force=True)) == [1, 3, 7]


def test_hyphen_break_is_taken_when_it_helps() -> None:
    # "aaaa bbbbbbbb": 8-letter word split 4/4; measure 60 holds "aaaa bbbb-" exactly
    items = words(4, 8, 4, hyphen_at={1: 4})
    assert knuth_plass(items, 60, 60, P, tolerant()) == [3, 9]


def test_first_line_may_be_shorter() -> None:
    items = words(*[4] * 10)
    assert knuth_plass(items, 84, 114, P, tolerant()) == [5, 13, 21]


def test_right_stretch_sets_ragged_lines() -> None:
    items = [Glue(6, 0, 0) if isinstance(it, Glue) and it.fill == 0 else it for it in words(4, 4, 4, 4, 4)]
    assert knuth_plass(items, 60, 60, P, tolerant()) is None
    assert knuth_plass(items, 60, 60, P, PassSettings(200.0, right_stretch=30.0)) == [3, 7, 11]


def test_looseness_adds_a_line_when_possible() -> None:
    items = words(*[4] * 10)
    normal = knuth_plass(items, 114, 114, P, tolerant(INF_BAD))
    loose = knuth_plass(items, 114, 114, BreakParams(looseness=1), tolerant(INF_BAD))
    assert normal is not None and loose is not None
    assert len(loose) == len(normal) + 1


# -- optimality against brute force -----------------------------------------------------


def score(
    items: Sequence[Item], breaks: Sequence[int], first: float, rest: float, threshold: float
) -> float | None:
    """Total demerits of a break sequence as the paper defines them, None if infeasible."""
    total, prev_fit, prev_flag, start = 0.0, 1, False, 0
    for k, b in enumerate(breaks):
        measure = first if k == 0 else rest
        end = items[b]
        pw, p, flagged = (end.width, end.penalty, end.flagged) if isinstance(end, Penalty) else (0, 0, False)
        line = items[start:b]
        width = sum(it.width for it in line if not isinstance(it, Penalty)) + pw
        y = sum(it.stretch for it in line if isinstance(it, Glue))
        z = sum(it.shrink for it in line if isinstance(it, Glue))
        fill = any(isinstance(it, Glue) and it.fill for it in line)
        if width < measure:
            r = 0.0 if fill else ((measure - width) / y if y else 1e18)
        elif width > measure:
            r = (measure - width) / z if z else -1e18
        else:
            r = 0.0
        bad = min(INF_BAD, 100 * abs(r) ** 3)
        if r < -1 or bad > threshold:
            return None
        d = (P.line_penalty + bad) ** 2 + (p * p if p >= 0 else (0 if p <= -INF_PENALTY else -p * p))
        final = k == len(breaks) - 1
        if prev_flag and (flagged or final):
            d += P.final_hyphen_demerits if final else P.double_hyphen_demerits
        fit = 0 if r < -0.5 else 1 if r <= 0.5 else 2 if r <= 1 else 3
        if abs(fit - prev_fit) > 1:
            d += P.adj_demerits
        total += d
        prev_fit, prev_flag, start = fit, flagged, after_break(items, b)
    return total


def brute_force(items: Sequence[Item], first: float, rest: float, threshold: float) -> float | None:
    points = [b for b, *_ in legal_breakpoints(items)]
    last, inner = points[-1], points[:-1]
    best = None
    for n in range(len(inner) + 1):
        for combo in itertools.combinations(inner, n):
            s = score(items, [*combo, last], first, rest, threshold)
            if s is not None and (best is None or s < best):
                best = s
    return best


@settings(max_examples=1000, deadline=None)
@given(
    lengths=st.lists(st.integers(1, 9), min_size=1, max_size=9),
    measure=st.sampled_from([42, 60, 66, 90, 120]),
    hyphen_word=st.integers(0, 8),
    threshold=st.sampled_from([100.0, 200.0, INF_BAD]),
    indent=st.sampled_from([0, 12, 30]),
)
def test_breaks_are_optimal(
    lengths: list[int], measure: int, hyphen_word: int, threshold: float, indent: int
) -> None:
    cut = {hyphen_word: 2} if hyphen_word < len(lengths) and lengths[hyphen_word] >= 4 else None
    items = words(*lengths, hyphen_at=cut)
    expected = brute_force(items, measure - indent, measure, threshold)
    found = knuth_plass(items, measure - indent, measure, P, tolerant(threshold))
    if expected is None:
        assert found is None
    else:
        assert found is not None
        got = score(items, found, measure - indent, measure, threshold)
        assert got is not None and abs(got - expected) <= 1e-6 * max(1.0, expected)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_passing_over_loose_breakpoints_changes_no_break(data: st.DataObject) -> None:
    """The walk passes over breakpoints where the first active's line is too loose; with that
    test switched off, every pass gives the same breaks (hyphens, forced breaks, indents,
    emergency and ragged stretch, looseness, forcing)."""
    from typeset.text import linebreak

    lengths = data.draw(st.lists(st.integers(1, 14), min_size=1, max_size=60))
    hyphens = data.draw(st.dictionaries(st.integers(0, len(lengths) - 1), st.integers(1, 3)))
    items = words(*lengths, hyphen_at={i: c for i, c in hyphens.items() if c < lengths[i]})
    if data.draw(st.booleans()):  # a forced break in the middle
        k = 2 * (len(lengths) // 2) - 1
        if 0 < k < len(items) - 3 and isinstance(items[k], Glue):
            items[k:k] = [Penalty(0, INF_PENALTY), Glue(0, 0, 0, fill=1), Penalty(0, -INF_PENALTY)]
    measure = data.draw(st.sampled_from([60.0, 84.0, 114.0, 200.0]))
    first = measure - data.draw(st.sampled_from([0.0, 12.0, -18.0]))
    params = BreakParams(looseness=data.draw(st.sampled_from([0, 0, 1, -1])))
    settings_ = PassSettings(data.draw(st.sampled_from([0.0, 100.0, 200.0, 1000.0, INF_BAD])),
                             data.draw(st.sampled_from([0.0, 12.0])), data.draw(st.sampled_from([0.0, 9.0])),
                             force=data.draw(st.booleans()))
    with_skip = knuth_plass(items, first, measure, params, settings_)
    original = linebreak._Pass._cutoff
    try:
        linebreak._Pass._cutoff = lambda self, first, r_hi: (-linebreak.INF, 0.0)  # type: ignore[method-assign]
        exact = knuth_plass(items, first, measure, params, settings_)
    finally:
        linebreak._Pass._cutoff = original  # type: ignore[method-assign]
    assert with_skip == exact


ITEM = st.one_of(
    st.builds(lambda w: Box(w, "a", "Courier", RUN), st.floats(0, 80)),
    st.builds(lambda w, fill: Glue(w, w / 2, w / 3, fill), st.floats(0, 6), st.sampled_from([0.0, 0.0, 1.0])),
    st.builds(lambda w, p: Penalty(w, p), st.sampled_from([0.0, 4.0, 90.0]),
              st.sampled_from([0.0, 50.0, INF_PENALTY, -INF_PENALTY])),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ITEM, max_size=40), st.sampled_from([1.0, 10.0, 40.0, 150.0]))
def test_scan_sums_line_starts_and_wide_segments(items: list[Item], limit: float) -> None:
    """The scan's sums are the prefix sums to the last bit, `line_start` is `after_break` with
    the sums there, and the over-wide segments found from the scan are those that per-item
    prefix sums give."""
    from typeset.text.linebreak import line_start, scan
    from typeset.text.overwide import _segment_width, overwide_segments

    prefix = [(0.0, 0.0, 0.0, 0.0)]
    w = y = z = f = 0.0
    for it in items:
        if isinstance(it, Box):
            w += it.width
        elif isinstance(it, Glue):
            w, y, z, f = w + it.width, y + it.stretch, z + it.shrink, f + it.fill
        prefix.append((w, y, z, f))
    scanned = scan(items, limit)
    assert [bp[:4] for bp in scanned.breakpoints] == legal_breakpoints(items)
    expected = []
    start = 0
    for bp in scanned.breakpoints:
        b, pw = bp[0], bp[1]
        assert bp[4:] == prefix[b]
        j, sums = line_start(items, bp)
        assert (j, sums) == (after_break(items, b), prefix[j])
        estimate = pw + (prefix[b][0] - prefix[start][0]) - (prefix[b][2] - prefix[start][2])
        near = abs(estimate - limit) <= 1e-6
        if (near and _segment_width(items, start, b, pw) > limit + 1e-9) or (not near and estimate > limit):
            expected.append((start, b))
        start = j
    assert overwide_segments(items, limit, scanned) == expected
