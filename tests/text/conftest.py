"""Fixtures for the text stage: the bundled fonts in a FontBook."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import typeset
from typeset.text import FaceFiles, FontBook

REPO_FONTS = Path(typeset.__file__).resolve().parent.parent / "fonts"
SYSTEM_FONTS = Path("/usr/share/fonts/truetype")


def _find(name: str) -> Path:
    """A bundled font file; the system copy only while the repo's fonts/ is not there yet."""
    for candidate in (REPO_FONTS / name, SYSTEM_FONTS / "liberation2" / name, SYSTEM_FONTS / "dejavu" / name):
        if candidate.is_file():
            return candidate
    pytest.skip(f"font file {name} not found")
    raise AssertionError("unreachable")


def _family(stem: str) -> FaceFiles:
    return FaceFiles(
        _find(f"{stem}-Regular.ttf"),
        bold=_find(f"{stem}-Bold.ttf"),
        italic=_find(f"{stem}-Italic.ttf"),
        bold_italic=_find(f"{stem}-BoldItalic.ttf"),
    )


def make_book() -> FontBook:
    """Liberation Serif and Sans, with DejaVu Sans as fallback (as layouts will use them)."""
    return FontBook(
        {
            "Liberation Serif": _family("LiberationSerif"),
            "Liberation Sans": _family("LiberationSans"),
            "DejaVu Sans": FaceFiles(_find("DejaVuSans.ttf"), bold=_find("DejaVuSans-Bold.ttf")),
        },
        fallback=["DejaVu Sans"],
    )


@pytest.fixture
def book() -> FontBook:
    """A fresh book per test, so `missing` counts start at zero."""
    return make_book()


@pytest.fixture
def serif(book: FontBook) -> str:
    return book.face("Liberation Serif")


@pytest.fixture
def new_book() -> Callable[[], FontBook]:
    """Makes independent books, for tests that compare two runs."""
    return make_book


@pytest.fixture(scope="session")
def shared_book() -> FontBook:
    """One book for property tests (Hypothesis reruns a test body many times)."""
    return make_book()
