"""break_paragraph end to end with the bundled fonts."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import pytest

from typeset.text import BreakParams, FontBook, Line, StyledRun, break_paragraph

PROSE = (
    "The Government of Pakistan announced a comprehensive framework for regional cooperation on "
    "water security, energy corridors and trade, after consultations with provincial governments, "
    "parliamentary committees and international development partners over the preceding year."
)


def courier(text: str, **kw: object) -> StyledRun:
    return StyledRun(text, "Courier", 10.0, **kw)  # type: ignore[arg-type]


def plain(line: Line) -> str:
    """A line's text with a space wherever frags are apart."""
    out = ""
    for i, f in enumerate(line.frags):
        if i and f.x > line.frags[i - 1].x + line.frags[i - 1].width + 0.01:
            out += " "
        out += f.text
    return out


def test_empty_paragraph(book: FontBook, serif: str) -> None:
    assert break_paragraph([], 300, book) == []
    assert break_paragraph([StyledRun("  \n ", serif, 12)], 300, book) == []


def test_positions_are_exact_in_courier(book: FontBook) -> None:
    (line,) = break_paragraph([courier("  aaa   bb c ")], 100, book)
    assert [(f.x, f.width, f.text) for f in line.frags] == [
        (0.0, 18.0, "aaa"),
        (24.0, 12.0, "bb"),
        (42.0, 6.0, "c"),
    ]
    assert (line.width, line.measure, line.ratio, line.hyphenated, line.notes) == (
        48.0,
        100.0,
        0.0,
        False,
        (),
    )
    assert line.ascent == pytest.approx(book.ascent("Courier", 10))
    assert line.descent == pytest.approx(book.descent("Courier", 10))


@pytest.mark.parametrize(
    ("align", "x0"), [("left", 0.0), ("justify", 0.0), ("center", 26.0), ("right", 52.0)]
)
def test_alignment_of_a_single_line(book: FontBook, align: str, x0: float) -> None:
    (line,) = break_paragraph([courier("aaa bb c")], 100, book, align=align)  # type: ignore[arg-type]
    assert line.frags[0].x == x0
    assert line.frags[-1].x + line.frags[-1].width == x0 + 48.0


def test_justified_lines_fill_the_measure_and_the_last_is_natural(book: FontBook) -> None:
    lines = break_paragraph([courier("aaaa " * 10)], 114, book)
    assert [plain(line) for line in lines] == ["aaaa aaaa aaaa aaaa"] * 2 + ["aaaa aaaa"]
    text = "aaaa bbbb cc dddddd ee ffff ggg hhhhh ii jjjjjj kk llll"
    lines = break_paragraph([courier(text)], 100, book)
    for line in lines[:-1]:
        assert line.width == pytest.approx(100, abs=0.01)
        end = line.frags[-1]
        assert end.x + end.width == pytest.approx(100, abs=0.01)
    assert lines[-1].ratio == 0.0
    gaps = {round(b.x - a.x - a.width, 6) for a, b in pairwise(lines[-1].frags)}
    assert gaps == {6.0}


def test_ragged_lines_keep_natural_spaces(book: FontBook) -> None:
    lines = break_paragraph(
        [courier("aaaa bbbb cc dddddd ee ffff ggg hhhhh ii jjjjjj kk llll")], 100, book, align="left"
    )
    assert len(lines) > 2
    for line in lines:
        assert line.ratio == 0.0
        assert all(b.x - a.x - a.width == pytest.approx(6.0) for a, b in pairwise(line.frags))
        assert line.width <= 100


def test_first_line_indent(book: FontBook) -> None:
    lines = break_paragraph([courier("aaaa " * 10)], 114, book, indent_first=30)
    assert lines[0].frags[0].x == 30.0
    assert lines[0].measure == 84.0 and lines[1].measure == 114.0
    assert lines[0].frags[-1].x + lines[0].frags[-1].width == pytest.approx(114.0)
    assert lines[1].frags[0].x == 0.0


def test_hyphenation_only_when_pass_one_fails(book: FontBook, serif: str) -> None:
    runs = [StyledRun(PROSE, serif, 12)]
    wide = break_paragraph(runs, 450, book)
    assert not any(line.hyphenated for line in wide)
    assert wide == break_paragraph(runs, 450, book, language="tlh")  # pass 1 never hyphenates
    narrow = break_paragraph(runs, 150, book)
    assert any(line.hyphenated for line in narrow)
    assert all(line.frags[-1].text.endswith("-") for line in narrow if line.hyphenated)
    assert not any(line.hyphenated for line in break_paragraph(runs, 150, book, language="tlh"))


def test_soft_hyphen_is_used_in_pass_one(book: FontBook) -> None:
    lines = break_paragraph([courier("aaaa bbb\u00adccc")], 60, book, align="left")
    assert [plain(line) for line in lines] == ["aaaa bbb-", "ccc"]
    assert [line.hyphenated for line in lines] == [True, False]


def test_overwide_word_is_split_between_characters(book: FontBook, serif: str) -> None:
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3
    lines = break_paragraph([StyledRun(f"see {word} here", serif, 12)], 100, book)
    assert len(lines) > 3
    for line in lines:
        assert line.width <= line.measure + 0.01
        assert not line.hyphenated
    assert "".join(f.text for line in lines for f in line.frags) == f"see{word}here"


def test_huge_word_is_chunked(book: FontBook, serif: str) -> None:
    word = "x" * 20_000
    lines = break_paragraph([StyledRun(word, serif, 12)], 200, book, align="left")
    assert "".join(f.text for line in lines for f in line.frags) == word
    assert all(line.width <= 200.01 for line in lines)


def test_character_wider_than_the_measure_still_returns_lines(book: FontBook, serif: str) -> None:
    lines = break_paragraph([StyledRun("WW W", serif, 24)], 5, book)
    assert [plain(line) for line in lines] == ["W", "W", "W"]


def test_spaces_before_marks_close_up_when_a_word_and_its_marks_fill_the_line(book: FontBook,
                                                                             serif: str) -> None:
    # "M [^10] [^11]" at 30 pt: with its two spaces the word and its marks need 30.67 pt, and a
    # mark may not start a line, so only the spaces before the marks closing up lets it fit.
    runs = [StyledRun("M M M ", serif, 12.0), StyledRun("10", serif, 8.0, mark=10, rise=4.0),
            StyledRun(" ", serif, 12.0), StyledRun("11", serif, 8.0, mark=11, rise=4.0)]
    lines = break_paragraph(runs, 30.0, book)
    assert all(line.width <= 30.01 for line in lines)
    last = lines[-1]
    assert [f.text for f in last.frags] == ["M", "10", "11"] and last.notes == (10, 11)
    assert all(b.x >= a.x + a.width - 1e-6 for a, b in pairwise(last.frags))
    assert all(line.frags[0].mark is None for line in lines)


def test_url_breaks_after_a_slash_without_hyphen(book: FontBook, serif: str) -> None:
    url = "https://www.example.org/publications/policy-briefs/2024/regional-water-cooperation"
    runs = [
        StyledRun("Read it at ", serif, 12),
        StyledRun(url, serif, 12, url=True, link=url),
        StyledRun(" today.", serif, 12),
    ]
    lines = break_paragraph(runs, 160, book, align="left")
    assert not any(line.hyphenated for line in lines)
    url_ends = [a.frags[-1].text for a, b in pairwise(lines) if a.frags[-1].link == b.frags[0].link == url]
    assert url_ends and all(t[-1] in "/.-_?&=" for t in url_ends)
    assert any(t.endswith("/") for t in url_ends)
    assert "".join(f.text for line in lines for f in line.frags if f.link == url) == url


def test_notes_are_listed_per_line(book: FontBook, serif: str) -> None:
    runs = [
        StyledRun("First claim", serif, 12),
        StyledRun("1", serif, 8, mark=1, rise=4),
        StyledRun(" and second", serif, 12),
    ]
    runs += [
        StyledRun("2", serif, 8, mark=2, rise=4),
        StyledRun(" " + PROSE, serif, 12),
        StyledRun("3", serif, 8, mark=3, rise=4),
    ]
    lines = break_paragraph(runs, 300, book)
    assert lines[0].notes == (1, 2)
    assert lines[-1].notes == (3,)
    assert [n for line in lines for n in line.notes] == [1, 2, 3]
    mark = next(f for f in lines[0].frags if f.mark == 1)
    assert mark.rise == 4 and mark.size == 8
    assert lines[0].ascent >= book.ascent(serif, 8) + 4


def test_nbsp_keeps_words_together(book: FontBook) -> None:
    lines = break_paragraph([courier("aaaa bbbb 10\u00a0km cccc dddd")], 72, book, align="left")
    assert any("10 km" in plain(line) for line in lines)


def test_fallback_fonts_in_a_paragraph(book: FontBook, serif: str) -> None:
    lines = break_paragraph([StyledRun("x⁰ Հայաստան 中 " + PROSE, serif, 12)], 150, book)
    fonts = {f.text: f.font for line in lines for f in line.frags}
    assert fonts["⁰"] == "DejaVuSans" and fonts["Հայաստան"] == "DejaVuSans" and fonts["x"] == serif
    assert any(line.hyphenated for line in lines)  # the paragraph was built twice
    assert book.missing == {"中": 1}


def test_output_is_deterministic(serif: str, new_book: Callable[[], FontBook]) -> None:
    runs = [StyledRun(PROSE * 3, serif, 12)]
    first = break_paragraph(runs, 200, new_book(), params=BreakParams(pretolerance=-1))
    second = break_paragraph(runs, 200, new_book(), params=BreakParams(pretolerance=-1))
    assert first == second


@pytest.mark.parametrize(
    "params",
    [
        BreakParams(emergency_stretch=0.0),
        BreakParams(tolerance=0.0, pretolerance=0.0),
        BreakParams(pretolerance=-1),
    ],
)
def test_every_pass_plan_ends_in_lines_that_fit(book: FontBook, serif: str, params: BreakParams) -> None:
    runs = [StyledRun(PROSE + " " + "x" * 80 + " " + PROSE, serif, 12)]
    lines = break_paragraph(runs, 120, book, params=params)
    assert lines and all(line.width <= line.measure + 0.01 for line in lines)
    assert "x" * 80 in "".join(f.text for line in lines for f in line.frags)
