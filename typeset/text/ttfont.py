"""A ReportLab TrueType font whose embedded subsets carry distinct, reproducible tags.

ReportLab names subset n of every font ``AAAAAA+Face`` (then ``AAAAAB+``...),
so a PDF with three fonts holds three subsets tagged ``AAAAAA``. PDF 1.7
(ISO 32000-1, 9.6.4) asks for a tag of six uppercase letters that differs
between subsets in one file. The tag here is derived from the face's name and
the characters the subset holds, so it differs between subsets yet stays the
same from run to run (same input, same bytes); a clash within one file, which
the hash makes unlikely, is resolved by hashing again.

Each subset's ToUnicode map lists only the codes that stand for a character:
ReportLab's also maps the unused codes (and .notdef) to U+0000, which text
extraction can only misread and PDF/A (ISO 19005-2, 6.2.11.7.2) forbids.
"""
from __future__ import annotations

import hashlib
from fnmatch import fnmatch
from typing import Any
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont

from typeset.text.ttface import QuickFace

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TAGS_ATTR = "_subset_tags_in_use"


def subset_tag(face_name: bytes, subset: list[int], attempt: int = 0) -> str:
    """Six uppercase letters naming one subset: a hash of the face and its characters."""
    digest = hashlib.sha256(face_name + b"\0" + ",".join(map(str, subset)).encode()
                            + b"\0" + str(attempt).encode()).digest()
    number = int.from_bytes(digest[:8], "big")
    letters = []
    for _ in range(6):
        number, r = divmod(number, 26)
        letters.append(_LETTERS[r])
    return "".join(letters)


def to_unicode_cmap(base_font_name: str, subset: list[int], glyph_codes: frozenset[int] | set[int] = frozenset()) -> str:
    """A ToUnicode CMap for a one-byte font subset: code -> character, for the codes in use
    (ReportLab's also maps the unused ones to U+0000). Code points in `glyph_codes` read as
    spaces: those stand for shaped glyphs (see typeset/render/glyphs.py), whose text a hidden
    layer carries, and a space is what word extraction skips without making a word of it."""
    def text(cp: int) -> str:
        return "0020" if cp in glyph_codes else chr(cp).encode("utf-16-be", "surrogatepass").hex().upper()

    pairs = [f"<{code:02X}> <{text(cp)}>" for code, cp in enumerate(subset) if cp > 0]
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        f"/CIDSystemInfo << /Registry ({base_font_name}) /Ordering ({base_font_name}) /Supplement 0 >> def",
        f"/CMapName /{base_font_name} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
    ]
    for start in range(0, len(pairs), 100):  # at most 100 entries in one bfchar block
        chunk = pairs[start:start + 100]
        lines += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class TaggedTTFont(TTFont):
    """`TTFont` whose `addObjects` tags each subset with `subset_tag` and whose face is read faster
    (`QuickFace`); everything else is ReportLab's.

    `glyph_codes`: private-use code points entered for shaped glyphs, which read as spaces.
    """

    glyph_codes: frozenset[int] = frozenset()

    def __init__(self, name: str, filename: str) -> None:
        """ReportLab 5's `TTFont.__init__` (defaults: no validation, first face of a collection,
        ReportLab's ASCII setting), with the face read by `QuickFace`."""
        self.fontName = name
        self.face = QuickFace(filename)
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)

    def addObjects(self, doc: Any) -> None:  # noqa: N802 (ReportLab's name)
        """Add one PDF font per subset of this font used in `doc` (ReportLab 5's method, retagged)."""
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        in_use: set[str] = doc.__dict__.setdefault(_TAGS_ATTR, set())
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            attempt = 0
            tag = subset_tag(self.face.name, subset)
            while tag in in_use:
                attempt += 1
                tag = subset_tag(self.face.name, subset, attempt)
            in_use.add(tag)
            base_font_name = (tag.encode() + b"+" + self.face.name + self.face.subfontNameX).decode("pdfdoc")

            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {n}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_font_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))

            cmap = pdfdoc.PDFStream()
            cmap.content = to_unicode_cmap(base_font_name, subset, self.glyph_codes)
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_font_name)
            pdf_font.FontDescriptor = self.face.addSubsetObjects(doc, base_font_name, subset)

            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]
