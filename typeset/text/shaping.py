"""Glyphs and positions from HarfBuzz, for text one glyph per character cannot show.

Arabic and Urdu letters join: each takes an initial, medial, final or
isolated form, pairs such as lam-alef become one ligature, and marks (harakat,
Urdu's dots) are placed on their letters; Nastaliq also steps letters
diagonally. Only HarfBuzz (through uharfbuzz) gets that right, so such text is
shaped here, both to measure it for line breaking and to draw the very glyphs
it measured. Latin text inside a right-to-left run is shaped too (for
mirrored brackets), without kerning or ligatures so it keeps the widths
ReportLab's plain drawing gives it. This module is imported only when a brief
has such text.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz as hb
from reportlab.pdfbase.pdfmetrics import getFont

from typeset.text.scripts import needs_shaping
from typeset.text.types import Glyph
from typeset.values import Value

_CACHE_LIMIT = 50_000
_PLAIN = {"kern": False, "liga": False, "clig": False, "calt": False}


@dataclass(slots=True, eq=False, repr=False)
class Shaped(Value):
    """A run's glyphs in visual order (left to right), and its advance width in 1/1000 em."""

    glyphs: tuple[Glyph, ...]
    width: float


class _Face:
    def __init__(self, font_name: str) -> None:
        face = getFont(font_name).face
        index = int(getattr(face, "subfontIndex", 0) or 0)
        blob = hb.Blob(Path(face.filename).read_bytes())
        self.hb_face = hb.Face(blob, index)
        self.font = hb.Font(self.hb_face)
        self.scale = 1000.0 / self.hb_face.upem
        self.runs: dict[tuple[str, bool], Shaped] = {}

    def shape(self, text: str, rtl: bool) -> Shaped:
        key = (text, rtl)
        got = self.runs.get(key)
        if got is not None:
            return got
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        buf.direction = "rtl" if rtl else "ltr"
        hb.shape(self.font, buf, None if needs_shaping(text) else _PLAIN)
        s = self.scale
        glyphs = []
        pen = 0.0
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
            glyphs.append(Glyph(info.codepoint, (pen + pos.x_offset) * s, pos.y_offset * s, pos.x_advance * s))
            pen += pos.x_advance
        got = Shaped(tuple(glyphs), pen * s)
        if len(self.runs) >= _CACHE_LIMIT:
            self.runs.clear()
        self.runs[key] = got
        return got

    def advance(self, gid: int) -> float:
        """The glyph's own advance (hmtx) in 1/1000 em."""
        return self.font.get_glyph_h_advance(gid) * self.scale


_faces: dict[str, _Face] = {}
_lock = threading.Lock()


def _face(font_name: str) -> _Face:
    face = _faces.get(font_name)
    if face is None:
        with _lock:
            face = _faces.get(font_name)
            if face is None:
                face = _faces[font_name] = _Face(font_name)
    return face


def shape(text: str, font_name: str, rtl: bool) -> Shaped:
    """`text` shaped in the registered TrueType font `font_name`, right to left if `rtl`."""
    return _face(font_name).shape(text, rtl)


def shaped_width(text: str, font_name: str, size: float) -> float:
    """Width in points of joining-script text as it will be drawn (shaped right to left)."""
    return shape(text, font_name, True).width * size * 0.001


def glyph_advance(font_name: str, gid: int) -> float:
    """A glyph's advance in 1/1000 em, as the PDF's width table must give it."""
    return _face(font_name).advance(gid)
