"""Hyphenator: Pyphen dictionaries behind a cached, language-tolerant front."""

from __future__ import annotations

from typeset.text import Hyphenator
from typeset.text.hyphenate import resolve_language


def test_language_codes_resolve_to_common_regions() -> None:
    assert resolve_language("en") == "en_US"
    assert resolve_language("EN-gb") == "en_GB"
    assert resolve_language("de") == "de_DE"
    assert resolve_language("de-CH") == "de_CH"
    assert resolve_language("fr") == "fr"
    assert resolve_language("xx") is None
    assert resolve_language("") is None


def test_positions_respect_the_minimums() -> None:
    h = Hyphenator("en")
    assert h.available
    assert h.positions("hyphenation") == (2, 6)
    assert h.positions("Government") == (3, 6)
    assert all(2 <= p <= len("internationalization") - 3 for p in h.positions("internationalization"))


def test_only_alphabetic_words_of_five_letters_or_more() -> None:
    h = Hyphenator("en")
    assert h.positions("city") == ()
    assert h.positions("COVID-19") == ()
    assert h.positions("abc123def") == ()
    assert h.positions("x" * 101) == ()


def test_positions_are_cached() -> None:
    h = Hyphenator("en")
    assert h.positions("cooperation") is h.positions("cooperation")


def test_unknown_language_means_no_hyphenation() -> None:
    h = Hyphenator("tlh")
    assert not h.available
    assert h.dictionary is None
    assert h.positions("hyphenation") == ()
