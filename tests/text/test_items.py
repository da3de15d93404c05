"""Styled runs to Knuth-Plass items (Courier: every glyph 0.6 em, so widths are arithmetic)."""

from __future__ import annotations

import pytest

from typeset.text import BreakParams, FontBook, Hyphenator, StyledRun
from typeset.text.items import Box, Glue, Item, Penalty, build_items
from typeset.text.linebreak import legal_breakpoints
from typeset.text.params import INF_PENALTY

P = BreakParams()


def run(text: str, **kw: object) -> StyledRun:
    return StyledRun(text, "Courier", 10.0, **kw)  # type: ignore[arg-type]


def body(items: list[Item]) -> list[Item]:
    """The items without the finishing sequence."""
    assert items[-3:] == [
        Penalty(0.0, INF_PENALTY, kind="finish"),
        Glue(0.0, 0.0, 0.0, fill=1.0),
        Penalty(0.0, -INF_PENALTY, kind="finish"),
    ]
    return items[:-3]


def texts(items: list[Item]) -> list[str]:
    return [it.text for it in items if isinstance(it, Box)]


def test_whitespace_collapses_and_ends_are_dropped(book: FontBook) -> None:
    items = build_items([run("  aaa \n\t bb"), run("  "), run(" c  ")], book, P)
    r = items[0].run  # type: ignore[union-attr]
    assert body(items) == [
        Box(18.0, "aaa", "Courier", r),
        Glue(6.0, 3.0, 2.0),
        Box(12.0, "bb", "Courier", items[2].run),  # type: ignore[union-attr]
        Glue(6.0, 3.0, 2.0),
        Box(6.0, "c", "Courier", items[4].run),  # type: ignore[union-attr]
    ]


def test_empty_or_blank_paragraph_has_no_items(book: FontBook) -> None:
    assert build_items([], book, P) == []
    assert build_items([run(" \n "), run("\u200b")], book, P) == []


def test_ragged_spaces_do_not_stretch(book: FontBook) -> None:
    items = build_items([run("a b")], book, P, ragged=True)
    assert items[1] == Glue(6.0, 0.0, 0.0)


def test_no_break_space_is_glue_that_cannot_break(book: FontBook) -> None:
    items = body(build_items([run("10\u00a0km")], book, P))
    assert items[1:3] == [Penalty(0.0, INF_PENALTY, kind="nbsp"), Glue(6.0, 3.0, 2.0)]
    assert legal_breakpoints(items) == []


def test_no_break_before_a_note_mark(book: FontBook) -> None:
    items = build_items([run("word "), run("1", mark=1), run(" next")], book, P)
    assert texts(items) == ["word", "1", "next"]
    assert items[1:3] == [Penalty(0.0, INF_PENALTY, kind="mark"), Glue(6.0, 3.0, 2.0)]
    breaks = [b for b, *_ in legal_breakpoints(items)]
    mark_index = 3
    assert all(b > mark_index for b in breaks)


def test_mark_removes_break_opportunities_just_before_it(book: FontBook) -> None:
    items = build_items([run("word\u200b"), run("2", mark=2)], book, P)
    assert body(items) == [Box(24.0, "word", "Courier", items[0].run), Box(6.0, "2", "Courier", items[1].run)]  # type: ignore[union-attr]


def test_soft_hyphen_is_a_discretionary(book: FontBook) -> None:
    items = body(build_items([run("hy\u00adphen word\u00ad")], book, P))
    assert texts(items) == ["hy", "phen", "word"]
    pen = items[1]
    assert isinstance(pen, Penalty)
    assert (pen.width, pen.penalty, pen.flagged, pen.kind) == (6.0, 50.0, True, "soft")
    assert pen.hyphen is not None and pen.hyphen.text == "-"
    assert isinstance(items[3], Glue) and len(items) == 5  # no break after the trailing soft hyphen


def test_explicit_hyphens_and_dashes_break_after_without_adding_one(book: FontBook) -> None:
    items = body(build_items([run("well-known -5 a—b 2010–11")], book, P))
    assert texts(items) == ["well-", "known", "-5", "a—", "b", "2010–", "11"]
    pens = [it for it in items if isinstance(it, Penalty)]
    assert all(
        (p.width, p.penalty, p.flagged, p.kind, p.hyphen) == (0.0, 50.0, True, "explicit", None) for p in pens
    )


def test_url_breaks_after_separators_and_never_hyphenates(book: FontBook) -> None:
    hy = Hyphenator("en")
    items = body(
        build_items(
            [run("https://example.org/international_cooperation?x=1&y=2", url=True)], book, P, hyphenator=hy
        )
    )
    assert texts(items) == [
        "https://",
        "example.",
        "org/",
        "international_",
        "cooperation?",
        "x=",
        "1&",
        "y=",
        "2",
    ]
    pens = [it for it in items if isinstance(it, Penalty)]
    assert {(p.penalty, p.flagged, p.kind, p.width) for p in pens} == {(20.0, False, "url", 0.0)}


def test_zero_width_characters(book: FontBook) -> None:
    items = body(build_items([run("ab\u200bcd e\u200df\ufeff")], book, P))
    assert texts(items) == ["ab", "cd", "ef"]
    assert items[1] == Penalty(0.0, 0.0, kind="zwsp")


def test_hyphenation_points_only_with_a_hyphenator(book: FontBook) -> None:
    hy = Hyphenator("en")
    assert texts(build_items([run("hyphenation")], book, P)) == ["hyphenation"]
    items = body(build_items([run("hyphenation, “Government”")], book, P, hyphenator=hy))
    assert texts(items) == ["hy", "phen", "ation,", "“Gov", "ern", "ment”"]
    pens = [it for it in items if isinstance(it, Penalty)]
    assert all(p.kind == "hyphen" and p.flagged and p.penalty == 50.0 and p.width == 6.0 for p in pens)


@pytest.mark.parametrize(
    "r",
    [run("hyphenation", hyphenate=False), run("hy\u00adphenation"), run("hyphenation", url=True)],
)
def test_no_automatic_hyphenation(book: FontBook, r: StyledRun) -> None:
    items = build_items([r], book, P, hyphenator=Hyphenator("en"))
    assert not any(isinstance(it, Penalty) and it.kind == "hyphen" for it in items)


def test_fallback_pieces_are_separate_boxes(book: FontBook, serif: str) -> None:
    items = body(build_items([StyledRun("x⁰y", serif, 12.0)], book, P))
    assert [(it.text, it.font) for it in items if isinstance(it, Box)] == [
        ("x", serif),
        ("⁰", "DejaVuSans"),
        ("y", serif),
    ]
    assert legal_breakpoints(items) == []


def test_invisible_token_between_spaces_adds_no_second_space(book: FontBook) -> None:
    items = body(build_items([run("a \u200d b \u200b c")], book, P))
    assert [type(it).__name__ for it in items] == ["Box", "Glue", "Box", "Glue", "Box"]
