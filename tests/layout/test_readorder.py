"""Page breaks avoid tops of pages that read ambiguously as words (see layout/readorder.py)."""
from __future__ import annotations

from typeset.layout.elements import Elem, TextItem
from typeset.layout.readorder import ambiguous_start, document_words
from typeset.text.types import Frag


def line(text: str) -> Elem:
    return Elem(10, tuple(TextItem(0, 8, Frag(0, 10, w, "Courier", 10)) for w in text.split()))


def test_a_note_word_that_starts_the_next_pages_first_word_is_a_hazard() -> None:
    pieces = document_words([line("se- curity these")])
    hazard = ambiguous_start(pieces, ["page"])
    assert hazard([line("see the report")], [line("these words")])
    assert not hazard([line("see a report")], [line("these words")])


def test_drift_through_common_words_is_followed() -> None:
    pieces = document_words([line("in- terests")])
    hazard = ambiguous_start(pieces, [])
    # "any" and "united" also stand in the note, so a reader matches them there, then meets "in"
    assert hazard([line("any united in other")], [line("any united interests")])
    assert not hazard([line("any other in")], [line("any united interests")])
