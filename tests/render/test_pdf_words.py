"""Words of a line drawn as one string with word spacing: same glyph positions, real spaces."""
from __future__ import annotations

import importlib
import io

import pdfplumber
import pytest

from tests.conftest import EXAMPLES
from typeset.pipeline import render
from typeset.readers import load_brief

pdf_module = importlib.import_module("typeset.render.pdf")  # `typeset.render` is also a function


def _glyphs(data: bytes) -> list[list[tuple[str, float, float, float]]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [[(c["text"], c["x0"], c["x1"], c["top"]) for c in p.chars if c["text"].strip()] for p in pdf.pages]


@pytest.mark.parametrize("name,layout", [("us-japan-alliance", "issi-brief"), ("features", "policy-paper"),
                                         ("features", "plain")])
def test_glyphs_sit_where_word_by_word_drawing_puts_them(name, layout, monkeypatch):
    brief = load_brief(EXAMPLES / f"{name}.yaml")
    joined = _glyphs(render(brief, layout))
    monkeypatch.setattr(pdf_module._Painter, "_words", lambda self, items, i: (i + 1, 0.0))
    monkeypatch.setattr(pdf_module._Painter, "_spaced", lambda self, a, b: False)
    single = _glyphs(render(brief, layout))
    assert [[g[0] for g in page] for page in joined] == [[g[0] for g in page] for page in single]
    for page_a, page_b in zip(joined, single, strict=True):
        for a, b in zip(page_a, page_b, strict=True):
            assert a[1:] == pytest.approx(b[1:], abs=0.005), a[0]


def test_extracted_text_has_its_spaces():
    data = render(load_brief(EXAMPLES / "us-japan-alliance.yaml"), "issi-brief")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = " ".join(pdf.pages[0].extract_text(x_tolerance=99, y_tolerance=3).split())
    assert "On 10 April 2024, Japanese Prime Minister Fumio Kishida met U.S. President Joe Biden" in text
