"""Shaped glyphs drawn by glyph id, and the invisible logical text drawn over them.

ReportLab subsets a TrueType font by Unicode code point: each code point it
is asked to draw gets a code in a subset, and the subset's cmap maps that code
to the code point's glyph. A contextual form (say the medial beh) has no code
point of its own, so each glyph a shaped run needs is given a private-use
code point, fixed per font and glyph id (the n-th free one for glyph n), and
entered in the face's tables; the subset then carries exactly the glyphs
drawn. The ToUnicode map reads those codes as spaces (see
`TaggedTTFont.glyph_codes`), which word extraction passes over: the text is
read from the hidden frags (render mode 3) instead, in logical order, drawn a
hair larger so extraction tools that group characters by size never merge
them with the visible glyphs.
"""
from __future__ import annotations

import threading

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.textobject import PDFTextObject

from typeset.text.shaping import glyph_advance
from typeset.text.types import Frag

HIDDEN_SIZE_STEP = 0.01  # pt added to the size of the invisible text layer
_PUA = range(0xE000, 0xF900)

_free: dict[str, list[int]] = {}
_lock = threading.Lock()


def glyph_char(font_name: str, gid: int) -> str | None:
    """The character that makes ReportLab draw glyph `gid` of `font_name`, or None if none can."""
    free = _free.get(font_name)
    font = getFont(font_name)
    face = font.face
    if free is None:
        with _lock:
            free = _free.get(font_name)
            if free is None:
                used = set(face.charToGlyph)
                free = _free[font_name] = [c for c in _PUA if c not in used]
    if gid < len(free):
        cp = free[gid]
        if cp not in face.charToGlyph:
            with _lock:
                face.charWidths[cp] = glyph_advance(font_name, gid)
                face.charToGlyph[cp] = gid
                font.glyph_codes = font.glyph_codes | {cp}
        return chr(cp)
    own = face.glyphToChar.get(gid) if hasattr(face, "glyphToChar") else None
    return chr(own[0]) if own else None


def draw_glyphs(text: PDFTextObject, frag: Frag, x: float, y: float) -> None:
    """The frag's glyphs from its left end `x` on baseline `y`, one text string per stretch
    of glyphs that follow each other at their own advances."""
    assert frag.glyphs is not None
    scale = frag.size * 0.001
    run: list[str] = []
    start = (0.0, 0.0)
    expect: tuple[float, float] | None = None
    for g in frag.glyphs:
        ch = glyph_char(frag.font, g.gid)
        if ch is None:
            continue
        if expect is None or abs(g.x - expect[0]) > 0.01 or g.y != expect[1]:
            if run:
                text.setTextOrigin(x + start[0] * scale, y + start[1] * scale)
                text.textOut("".join(run))
            run, start = [], (g.x, g.y)
        run.append(ch)
        expect = (g.x + glyph_advance(frag.font, g.gid), g.y)
    if run:
        text.setTextOrigin(x + start[0] * scale, y + start[1] * scale)
        text.textOut("".join(run))


def hidden_scale(frag: Frag) -> float:
    """Horizontal scaling (PDF `Tz`, percent) that makes the hidden text span the frag's width."""
    natural = stringWidth(frag.text, frag.font, frag.size + HIDDEN_SIZE_STEP)
    return 100.0 * frag.width / natural if natural > 0 else 100.0
