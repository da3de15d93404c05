"""FontBook: faces, metrics and per-character fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

import typeset
from typeset.text import FaceFiles, FontBook, FontError

REPO_FONTS = Path(typeset.__file__).resolve().parent.parent / "fonts"


def test_repo_fonts_are_bundled() -> None:
    for name in (
        "LiberationSerif-Regular.ttf",
        "LiberationSans-BoldItalic.ttf",
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
    ):
        assert (REPO_FONTS / name).is_file(), name


def test_faces_are_registered_under_the_file_stem(book: FontBook) -> None:
    assert book.face("Liberation Serif") == "LiberationSerif-Regular"
    assert book.face("Liberation Serif", bold=True, italic=True) == "LiberationSerif-BoldItalic"
    assert "LiberationSerif-BoldItalic" in pdfmetrics.getRegisteredFontNames()


def test_missing_styles_fall_back_to_the_nearest(book: FontBook) -> None:
    assert book.face("DejaVu Sans", italic=True) == "DejaVuSans"
    assert book.face("DejaVu Sans", bold=True, italic=True) == "DejaVuSans-Bold"
    only_italic = FontBook(
        {
            "X": FaceFiles(
                REPO_FONTS / "LiberationSans-Regular.ttf", italic=REPO_FONTS / "LiberationSans-Italic.ttf"
            )
        }
    )
    assert only_italic.face("X", bold=True, italic=True) == "LiberationSans-Italic"
    assert only_italic.face("X", bold=True) == "LiberationSans-Regular"


def test_unknown_family_names_the_known_ones(book: FontBook) -> None:
    with pytest.raises(FontError, match=r"unknown font family 'Garamond'; known: .*Liberation Serif"):
        book.face("Garamond")


def test_unusable_file_is_a_font_error(tmp_path: Path) -> None:
    bad = tmp_path / "Broken-Regular.ttf"
    bad.write_bytes(b"not a font")
    with pytest.raises(FontError, match="cannot use font file"):
        FontBook({"B": FaceFiles(bad)}).face("B")


def test_width_matches_reportlab(book: FontBook, serif: str) -> None:
    for text in ("hello world", "Government’s “policy” — 2024", "αβγ", ""):
        assert book.width(text, serif, 12) == pytest.approx(pdfmetrics.stringWidth(text, serif, 12))
    assert book.width("hello", serif, 12) == book.width("hello", serif, 12)  # cached path


def test_standard_courier_has_fixed_metrics(book: FontBook) -> None:
    courier = book.face("Courier")
    assert courier == "Courier"
    assert book.width("abc é", courier, 10) == pytest.approx(30.0)
    assert book.covers(courier, "é") and not book.covers(courier, "α")


def test_ascent_and_descent_are_positive(book: FontBook, serif: str) -> None:
    assert book.ascent(serif, 12) > 0
    assert book.descent(serif, 12) > 0
    assert book.ascent(serif, 24) == pytest.approx(2 * book.ascent(serif, 12))


def test_covers_uses_the_cmap(book: FontBook, serif: str) -> None:
    assert book.covers(serif, "a") and book.covers(serif, "α") and book.covers(serif, "Ж")
    assert not book.covers(serif, "⁰")  # Liberation has ¹-⁹ but no superscript zero
    assert book.covers("DejaVuSans", "⁰")


def test_fully_covered_text_is_one_piece(book: FontBook, serif: str) -> None:
    assert book.split_fallback("Plain text, “quoted” — Ελληνικά, русский.", serif) == [
        ("Plain text, “quoted” — Ελληνικά, русский.", serif)
    ]
    assert book.missing == {}


def test_uncovered_characters_go_to_the_fallback_family(book: FontBook) -> None:
    bold = book.face("Liberation Serif", bold=True)
    assert book.split_fallback("x¹⁰ Հայ ქართ", bold) == [
        ("x¹", bold),
        ("⁰", "DejaVuSans-Bold"),
        (" ", bold),
        ("Հայ", "DejaVuSans-Bold"),
        (" ", bold),
        ("ქართ", "DejaVuSans-Bold"),
    ]
    italic = book.face("Liberation Serif", italic=True)
    assert book.split_fallback("a⁰", italic) == [("a", italic), ("⁰", "DejaVuSans")]
    assert book.missing == {}


def test_characters_in_no_font_are_counted_and_kept(book: FontBook, serif: str) -> None:
    assert book.split_fallback("中文 and 中", serif) == [("中文 and 中", serif)]
    assert book.missing == {"中": 2, "文": 1}
    book.split_fallback("中", serif, count_missing=False)
    assert book.missing["中"] == 2


def test_whitespace_and_invisible_characters_are_never_missing(book: FontBook, serif: str) -> None:
    book.split_fallback("a\u2028b\u200dc\u2066d\x07", serif)
    assert book.missing == {}


def test_fallback_must_name_a_family() -> None:
    with pytest.raises(FontError, match="fallback family 'Nope'"):
        FontBook({}, fallback=["Nope"])
