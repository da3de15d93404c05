"""QuickFace reads a TrueType face exactly as ReportLab's TTFontFace does, only faster.

Every attribute ReportLab's reading sets must come out equal (the character
maps in the same order too), for every bundled font, for a character map in
a format only ReportLab reads, and for a damaged file (the same error).
"""
from __future__ import annotations

import struct
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFace, TTFontFile

from tests.conftest import REPO
from typeset.text.ttface import QuickFace, _read_glyph_tables
from typeset.text.ttfont import TaggedTTFont

FONTS = sorted((REPO / "fonts").glob("*.tt[fc]"))
SERIF = REPO / "fonts" / "LiberationSerif-Regular.ttf"


def _same_face(path: Path) -> None:
    ours, theirs = vars(QuickFace(str(path))), vars(TTFontFace(str(path)))
    assert ours.keys() == theirs.keys()
    for key, value in theirs.items():
        if key != "_pdfScale":  # a new lambda each time: compared by what it gives below
            assert ours[key] == value, key
    for key in ("charToGlyph", "glyphToChar", "charWidths"):
        assert list(ours[key]) == list(theirs[key]), key
    assert ours["_pdfScale"](2048) == theirs["_pdfScale"](2048)


@pytest.mark.parametrize("path", FONTS, ids=[p.name for p in FONTS])
def test_every_bundled_face_reads_as_reportlab_reads_it(path: Path) -> None:
    _same_face(path)


def test_the_font_is_reportlabs_but_for_its_face() -> None:
    ours, theirs = TaggedTTFont("Serif", str(SERIF)), TTFont("Serif", str(SERIF))
    assert isinstance(ours.face, QuickFace)
    assert vars(ours).keys() == vars(theirs).keys()
    assert (ours.fontName, ours._asciiReadable, ours.shapable) == (theirs.fontName, theirs._asciiReadable,
                                                                  theirs.shapable)
    assert type(ours.encoding) is type(theirs.encoding)


def _cmap_records(data: bytes) -> tuple[int, int]:
    """Where the cmap table's encoding records start, and how many there are."""
    tables = struct.unpack_from(">H", data, 4)[0]
    for n in range(tables):
        tag, _, offset, _ = struct.unpack_from(">4sLLL", data, 12 + 16 * n)
        if tag == b"cmap":
            return offset + 4, struct.unpack_from(">H", data, offset + 2)[0]
    raise AssertionError("no cmap")


def test_a_character_map_only_reportlab_reads_is_left_to_it(tmp_path: Path) -> None:
    """Liberation's Unicode subtables renamed to platform 2 (which ReportLab passes over) leave
    its Mac Roman subtable (format 6) as the one ReportLab chooses."""
    data = bytearray(SERIF.read_bytes())
    start, count = _cmap_records(bytes(data))
    for n in range(count):
        platform, encoding = struct.unpack_from(">HH", data, start + 8 * n)
        if (platform, encoding) != (1, 0):
            struct.pack_into(">H", data, start + 8 * n, 2)
    path = tmp_path / "mac-roman-only.ttf"
    path.write_bytes(bytes(data))
    assert len(TTFontFace(str(path)).charToGlyph) < 300  # the Mac Roman map, not the Unicode one
    _same_face(path)


def test_a_damaged_face_fails_with_reportlabs_error(tmp_path: Path) -> None:
    """A glyph location table said to start just before the end of the file: ReportLab reads past
    the end, and so would the bulk reading, which leaves the error to ReportLab's."""
    data = bytearray(SERIF.read_bytes())
    tables = struct.unpack_from(">H", data, 4)[0]
    entry = next(12 + 16 * n for n in range(tables) if data[12 + 16 * n:16 + 16 * n] == b"loca")
    struct.pack_into(">L", data, entry + 8, len(data) - 8)
    path = tmp_path / "damaged.ttf"
    path.write_bytes(bytes(data))
    with pytest.raises(struct.error):  # the bulk reading does meet the damage
        _read_glyph_tables(TTFontFile(str(path), charInfo=0))
    with pytest.raises(Exception) as theirs:
        TTFontFace(str(path))
    with pytest.raises(Exception) as ours:
        QuickFace(str(path))
    assert (type(ours.value), str(ours.value)) == (type(theirs.value), str(theirs.value))


def test_a_character_map_beyond_unicode_is_refused_at_once(tmp_path: Path) -> None:
    """A format 12 group ending at U+FFFFFFFF would have ReportLab's reading walk four billion
    codes; the bulk reading refuses the file before walking any."""
    data = bytearray((REPO / "fonts" / "DejaVuSans.ttf").read_bytes())
    start, count = _cmap_records(bytes(data))
    cmap = start - 4
    chosen = [struct.unpack_from(">HHL", data, start + 8 * n) for n in range(count)][-1]
    assert chosen[:2] == (3, 10)  # the subtable ReportLab chooses: format 12
    at = cmap + chosen[2]
    assert struct.unpack_from(">H", data, at)[0] == 12
    struct.pack_into(">L", data, at + 16 + 4, 0xFFFFFFFF)  # group 0's last code
    path = tmp_path / "beyond.ttf"
    path.write_bytes(bytes(data))
    with pytest.raises(TTFError, match="beyond Unicode"):
        QuickFace(str(path))
