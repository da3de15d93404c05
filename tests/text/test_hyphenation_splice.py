"""Hyphenation points added to a built paragraph equal a full rebuild with the hyphenator.

The second line-breaking pass no longer rebuilds every item: only the words
with hyphenation points are rebuilt and spliced in. These tests hold the
spliced list to the old full rebuild, item by item, on awkward text (dashes,
no-break spaces, soft hyphens, zero-width spaces, fallback characters, marks,
URLs, styles changing mid-word), and the broken lines to the same breaks.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from typeset.text import BreakParams, FontBook, StyledRun, break_paragraph, get_hyphenator
from typeset.text.fonts import word_units
from typeset.text.hyphenate import Hyphenator
from typeset.text.items import _SPACE_SPLIT, Item, _Builder, build_items, collect_items, with_hyphenation

P = BreakParams()
HYPH = get_hyphenator("en")

WORDS = ["international", "cooperation", "strengthening", "people-to-people", "U.S.-Japan",
         "alliance,", "countries.", "\u00a0", "extra\u00adordinary", "zero\u200bwidth", "\u03b1\u03b2\u03b3",
         "unprecedented", "the", "a", "(modernisation)", "1,234", "\u2014", "co-operation\u2014and", "  "]


def runs_of(book: FontBook, parts: list[tuple[str, int]]) -> list[StyledRun]:
    serif, italic = book.face("Liberation Serif"), book.face("Liberation Serif", italic=True)
    out: list[StyledRun] = []
    mark = 0
    for text, kind in parts:
        if kind == 0:
            out.append(StyledRun(text, serif, 12.0))
        elif kind == 1:
            out.append(StyledRun(text, italic, 12.0))
        elif kind == 2:
            out.append(StyledRun(text, serif, 12.0, hyphenate=False))
        elif kind == 3:
            out.append(StyledRun("https://example.org/" + text.strip(), serif, 12.0, url=True))
        else:
            mark += 1
            out.append(StyledRun(str(mark), serif, 7.0, rise=4.0, mark=mark))
    return out


def reference_items(runs: list[StyledRun], fonts: FontBook, hyphenator: Hyphenator | None,
                    ragged: bool) -> list[Item]:
    """Every token through the general path (`add_word`), as before plain words and URLs had
    their fast paths: what those must reproduce exactly."""
    b = _Builder(fonts, P, hyphenator, ragged, False)
    for run in runs:
        if run.mark is not None:
            b.add_mark(run)
            if run.break_after:
                b.newline()
            continue
        for i, part in enumerate(_SPACE_SPLIT.split(run.text)):
            if i % 2:
                b.space(run)
            elif part:
                b.add_word(part, run)
    return b.finish()


parts = st.lists(st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join),
                           st.integers(0, 4)), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(parts=parts, ragged=st.booleans(), spaced=st.booleans())
def test_spliced_items_equal_a_full_rebuild(shared_book: FontBook, parts: list[tuple[str, int]],
                                            ragged: bool, spaced: bool) -> None:
    if spaced:
        parts = [(t + " ", k) for t, k in parts]
    runs = runs_of(shared_book, parts)
    built = collect_items(runs, shared_book, P, ragged=ragged)
    assert built.items == reference_items(runs, shared_book, None, ragged)
    full = build_items(runs, shared_book, P, hyphenator=HYPH, ragged=ragged, count_missing=False)
    assert full == reference_items(runs, shared_book, HYPH, ragged)
    spliced = with_hyphenation(built, HYPH)
    if spliced is not None:
        assert spliced == full


def test_long_paragraph_splices_and_sets_the_same_lines(book: FontBook) -> None:
    text = " ".join(["Most significantly, the two countries announced the most substantial upgrade to their "
                     "security alliance in over six decades, strengthening people-to-people contacts."] * 6)
    runs = runs_of(book, [(text, 0), ("x", 4), (" and interoperability commitments", 1)])
    built = collect_items(runs, book, P)
    assert built.spliceable and built.words
    spliced = with_hyphenation(built, HYPH)
    assert spliced == build_items(runs, book, P, hyphenator=HYPH, count_missing=False)
    assert any(getattr(it, "kind", None) == "hyphen" for it in spliced)  # there were points to add
    lines = break_paragraph(runs, 160.0, book)  # narrow: needs the hyphenated pass
    assert any(line.hyphenated for line in lines)


def test_width_memo_equals_reportlab_string_width(book: FontBook) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    serif = book.face("Liberation Serif")
    m = book.metrics(serif)
    for word in ["alliance", "U.S.-Japan", "\u201cnew era\u201d", "Kishida", "W"]:
        assert book.width(word, serif, 12.0) == pytest.approx(stringWidth(word, serif, 12.0), abs=1e-9)
        assert m.words[word] == word_units(m, word)  # measured once, remembered
        assert book.width(word, serif, 10.5) == pytest.approx(stringWidth(word, serif, 10.5), abs=1e-9)
