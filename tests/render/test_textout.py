"""Text shown through `TextShower` writes exactly the operators ReportLab's `textOut` writes."""
from __future__ import annotations

import io
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from typeset.render.textout import TextShower

FONTS = Path(__file__).resolve().parents[2] / "fonts"
STRINGS = ["The U.S.-Japan alliance", "(parentheses) and \\ back", "caf\u00e9 na\u00efve \u201cquoted\u201d",
           "no\u00a0break", "The U.S.-Japan alliance", "\u03b1\u03b2\u03b3 \u0436", "caf\u00e9 again",
           "".join(chr(c) for c in range(0x100, 0x1a0)), "\u0100\u0101 later", "plain words"]


def _font(name: str) -> str:
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))
    return name


def _code(fast: bool) -> tuple[str, bytes]:
    c = canvas.Canvas(io.BytesIO(), invariant=1)
    text = c.beginText()
    shower = TextShower(c._doc)
    for k, s in enumerate(STRINGS * 2):
        text.setFont(_font("DejaVuSans") if k % 3 == 2 else _font("LiberationSerif-Regular"), 10 + k % 2)
        text.setTextOrigin(72, 700 - 12 * k)
        if fast:
            shower.show(text, s)
        else:
            text.textOut(s)
    text.setFont("Helvetica", 9)  # a Type 1 font goes through ReportLab itself
    if fast:
        shower.show(text, "Type 1 text")
    else:
        text.textOut("Type 1 text")
    c.drawText(text)
    c.showPage()
    return text.getCode(), c.getpdfdata()


def test_shown_text_is_textout_byte_for_byte() -> None:
    fast_code, fast_pdf = _code(True)
    slow_code, slow_pdf = _code(False)
    assert "+1 " in slow_code  # the strings reach a second subset of a font
    assert fast_code == slow_code
    assert fast_pdf == slow_pdf
