"""A long brief holds a frag for every word until its PDF is written: frags stay small."""

from __future__ import annotations

import pytest

from typeset.text import FontBook, StyledRun, break_paragraph
from typeset.text.types import Frag, MarkedFrag, make_frag, restyled

TEXT = "the state and the people of the state and the law of the land " * 6


def test_plain_words_are_plain_frags_and_marks_keep_their_fields(book: FontBook) -> None:
    runs = [StyledRun(TEXT, "Courier", 10.0), StyledRun("12", "Courier", 6.0, rise=3.0, mark=12),
            StyledRun(" see the site", "Courier", 10.0, link="https://example.org")]
    frags = [f for line in break_paragraph(runs, 200.0, book) for f in line.frags]
    mark = next(f for f in frags if f.mark == 12)
    assert type(mark) is MarkedFrag and mark.rise == 3.0 and mark.text == "12"
    linked = [f for f in frags if f.link]
    assert [f.text for f in linked] == ["see", "the", "site"] and all(type(f) is MarkedFrag for f in linked)
    plain = [f for f in frags if f.mark is None and not f.link]
    assert len(plain) > 50 and all(type(f) is Frag for f in plain)
    assert all(f.rise == 0.0 and f.anchor is None and f.glyphs is None and not f.hidden for f in plain)
    assert not hasattr(plain[0], "__dict__") and len(Frag.__slots__) == 6


def test_repeated_words_share_one_string_and_one_width(book: FontBook) -> None:
    view = book.for_render()
    lines = break_paragraph([StyledRun(TEXT, "Courier", 10.0)], 200.0, view)
    thes = [f for line in lines for f in line.frags if f.text == "the"]
    assert len(thes) > 20
    assert len({id(f.text) for f in thes}) == 1 and len({id(f.width) for f in thes}) == 1
    again = break_paragraph([StyledRun(TEXT, "Courier", 10.0)], 200.0, book.for_render())
    assert again == lines  # the same lines whatever objects they share
    assert view.shared is not book.for_render().shared  # each render's table dies with it


@pytest.mark.parametrize("changes", [{"mark": 3, "rise": 2.0}, {"glyphs": ()}, {"hidden": True}, {"link": "u"}])
def test_restyled_round_trips_between_the_two_kinds(changes: dict[str, object]) -> None:
    f = make_frag(1.0, 5.0, "word", "Courier", 10.0, "#112233")
    marked = restyled(f, **changes)
    assert type(marked) is MarkedFrag and all(getattr(marked, k) == v for k, v in changes.items())
    back = restyled(marked, mark=None, rise=0.0, glyphs=None, hidden=False, link=None)
    assert back == f and type(back) is Frag
