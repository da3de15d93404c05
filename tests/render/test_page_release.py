"""A long brief's pages are freed as they are drawn, and their streams compressed at once,
with the very bytes the one-shot formatting gives."""
from __future__ import annotations

import sys
import weakref
from dataclasses import dataclass

import pytest
from reportlab.pdfgen import canvas

from tests.conftest import EXAMPLES
from typeset.layout import LaidOut, lay_out
from typeset.layout.elements import Page
from typeset.pipeline import render, resolve_layout
from typeset.readers import load_brief
from typeset.render.pdf import Metadata, write_pdf


@dataclass(eq=False)
class _TrackedPage(Page):
    """A page that can be watched by a weak reference (Page itself has slots only)."""


def _laid(layout: str = "issi-brief") -> LaidOut:
    brief = load_brief(EXAMPLES / "us-japan-alliance.yaml")
    return lay_out(brief, resolve_layout(brief, layout))


def test_handed_over_pages_are_freed_before_the_pdf_is_formatted(monkeypatch: pytest.MonkeyPatch) -> None:
    laid = _laid()
    pages = [_TrackedPage(p.number, p.width, p.height, p.placed, p.note_numbers) for p in laid.pages]
    watched = [weakref.ref(p) for p in pages]
    assert len(watched) >= 4
    alive_at_format: list[int] = []
    original = canvas.Canvas.getpdfdata

    def formatting(self: canvas.Canvas) -> bytes:
        alive_at_format.append(sum(ref() is not None for ref in watched))
        return original(self)

    monkeypatch.setattr(canvas.Canvas, "getpdfdata", formatting)
    data = write_pdf(pages, Metadata("t"), laid.images, release=True)
    assert data.startswith(b"%PDF") and pages == [] and alive_at_format == [0]


def test_kept_pages_stay_as_they_were() -> None:
    laid = _laid()
    before = [(p.number, len(p.placed)) for p in laid.pages]
    write_pdf(laid.pages, Metadata("t"), laid.images)
    assert [(p.number, len(p.placed)) for p in laid.pages] == before


@pytest.mark.parametrize("pdfa", [False, True])
def test_streams_compressed_page_by_page_give_the_same_bytes(monkeypatch: pytest.MonkeyPatch, pdfa: bool) -> None:
    brief = load_brief(EXAMPLES / "features.yaml")
    early = render(brief, "issi-brief", pdfa=pdfa)
    # (`typeset.render` is also the name of the library's render function: reach the module itself)
    monkeypatch.setattr(sys.modules[write_pdf.__module__], "compress_last_page", lambda c: None)
    assert render(brief, "issi-brief", pdfa=pdfa) == early
    assert b"/Filter [ /FlateDecode ]" in early
