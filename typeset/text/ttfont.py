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

A subset's objects depend only on the face and the characters it holds, and
briefs set in one layout share most subsets (ReportLab's first subset of a
face starts with all of ASCII), so the subset font program, its compressed
stream, its ToUnicode map and its widths are kept, formatted, across renders
in one process (`SubsetCache`): a service or a batch skips subsetting and
compressing them again. The PDF bytes are the same as when made afresh.
"""
from __future__ import annotations

import hashlib
import threading
import zlib
from collections import OrderedDict
from fnmatch import fnmatch
from typing import Any
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, TTEncoding, TTFont

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


class _Formatted(pdfdoc.PDFObject):
    """A PDF value formatted once: its bytes as ReportLab's own object formatted them."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


_FLATE = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])


def _stream(content: bytes, compressed: bytes | None, extra: dict[str, Any] | None = None) -> pdfdoc.PDFStream:
    """A stream holding `content`, Flate-compressed already when `compressed` is given: what
    ReportLab's PDFStream with its compression filter writes, without compressing again."""
    stream = pdfdoc.PDFStream()
    stream.dictionary.dict.update(extra or {})
    if compressed is None:
        stream.content = content
    else:
        stream.content = compressed
        stream.dictionary["Filter"] = _FLATE
    return stream


class SubsetCache:
    """Formatted subset objects by (face file, face index, characters), the least recently used
    dropped beyond `size` entries (a service's memory stays flat); safe from several threads."""

    def __init__(self, size: int = 96) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[object, ...], object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[object, ...], make: Any) -> Any:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        value = make()
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


SUBSETS = SubsetCache()


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
            face_key = (self.face.filename, getattr(self.face, "subfontNameX", b""), tuple(subset))
            pdf_font.Widths = SUBSETS.get(("widths", *face_key), lambda s=subset: _Formatted(
                pdfdoc.PDFArray(list(map(self.face.getCharWidth, s))).format(doc)))

            glyph_codes = self.glyph_codes.intersection(subset)
            content, compressed = SUBSETS.get(("cmap", base_font_name, tuple(sorted(glyph_codes)), *face_key),
                                              lambda s=subset, g=glyph_codes, b=base_font_name: _compressed(
                                                  to_unicode_cmap(b, s, g).encode("utf-8")))
            cmap = _stream(content, compressed if doc.compression else None)
            pdf_font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_font_name)
            pdf_font.FontDescriptor = self._descriptor(doc, base_font_name, subset, face_key)

            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]

    def _descriptor(self, doc: Any, fontname: str, subset: list[int], face_key: tuple[object, ...]) -> Any:
        """The subset's font program and FontDescriptor (ReportLab 5's `addSubsetObjects`, with the
        program made and compressed once per subset)."""
        face = self.face
        program, compressed = SUBSETS.get(("program", *face_key), lambda: _compressed(face.makeSubset(subset)))
        font_file = _stream(program, compressed if doc.compression else None, {"Length1": len(program)})
        ref = doc.Reference(font_file, f"fontFile:{face.filename}({fontname})")
        flags = (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC
        descriptor = pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor",
            "Ascent": face.ascent,
            "CapHeight": face.capHeight,
            "Descent": face.descent,
            "Flags": flags,
            "FontBBox": pdfdoc.PDFArray(face.bbox),
            "FontName": pdfdoc.PDFName(fontname),
            "ItalicAngle": face.italicAngle,
            "StemV": face.stemV,
            "FontFile2": ref,
            "MissingWidth": face.defaultWidth,
        })
        return doc.Reference(descriptor, "fontDescriptor:" + fontname)


def _compressed(content: bytes) -> tuple[bytes, bytes]:
    """`content` and its Flate stream as ReportLab's filter makes it (zlib's default level)."""
    return content, zlib.compress(content)
