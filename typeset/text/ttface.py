"""A TrueType face whose glyph tables are read in bulk: ReportLab's face, built faster.

ReportLab's `TTFontFace` reads the character map, the advance widths and the
glyph locations one number at a time through a method call each: some
15,000 calls for a Liberation face, a tenth of a one-brief build's run. This
face lets ReportLab read everything else (names, header, metrics, flags) and
reads those three tables with one `struct` call each, building the same
attributes with the same values in the same order (`charToGlyph`,
`glyphToChar`, `charWidths`, `defaultWidth`, `hmetrics`, `glyphPos`), so
widths, subsets and PDFs stay byte-identical. A character map in a format
other than 4 or 12 (the ones of every font a layout is likely to name), and
a damaged file, are read by ReportLab's own code, which gives its own error;
a character map reaching beyond U+10FFFF is refused here, where ReportLab
would walk every code up to the end of the group.
"""
from __future__ import annotations

import struct
from typing import Any

from reportlab.pdfbase.ttfonts import TTFError, TTFontFace

MAX_CODE_POINT = 0x10FFFF


class QuickFace(TTFontFace):
    """`TTFontFace` with the character map, `hmtx` and `loca` read in bulk."""

    def extractInfo(self, charInfo: Any = 1) -> None:  # noqa: N802, N803 (ReportLab's names)
        TTFontFace.extractInfo(self, 0)  # names, head, OS/2, post, hhea, maxp: ReportLab's reading
        if charInfo and not _glyph_tables_read(self):
            TTFontFace.extractInfo(self, charInfo)  # a format only ReportLab reads, or its error


def _glyph_tables_read(face: Any) -> bool:
    try:
        return _read_glyph_tables(face)
    except (struct.error, KeyError, IndexError):  # a damaged file: ReportLab's reading tells why
        return False


def _read_glyph_tables(face: Any) -> bool:
    """Fill the character and glyph tables as ReportLab's `extractInfo` does; False (nothing
    set) for what this does not read, which ReportLab's code then reads or refuses."""
    data: bytes = face._ttf_data
    head = face.get_table_pos("head")[0]
    index_to_loc_format, glyph_data_format = struct.unpack_from(">HH", data, head + 50)
    hmetric_count = struct.unpack_from(">H", data, face.get_table_pos("hhea")[0] + 34)[0]
    if glyph_data_format != 0 or hmetric_count == 0 or index_to_loc_format not in (0, 1) \
            or "loca" not in face.table:
        return False
    chars = _character_map(face, data)
    if chars is None:
        return False
    char_to_glyph, glyph_to_char = chars
    glyph_count = face.numGlyphs
    scale = face._pdfScale

    hmtx = face.get_table_pos("hmtx")[0]
    pairs = struct.unpack_from(f">{2 * hmetric_count}H", data, hmtx)
    advances = pairs[0::2]
    hmetrics: list[tuple[Any, int]] = list(zip(advances, pairs[1::2], strict=True))
    face.defaultWidth = scale(advances[0])
    last = scale(advances[-1])  # the advance of every glyph after the last pair, scaled as ReportLab keeps it
    rest = max(glyph_count - hmetric_count, 0)
    hmetrics += [(last, lsb) for lsb in struct.unpack_from(f">{rest}H", data, hmtx + 4 * hmetric_count)]
    widths: dict[int, Any] = {}
    measured = max(hmetric_count, glyph_count)
    for glyph in sorted(glyph_to_char):  # glyph order, then each glyph's characters: ReportLab's order
        if glyph >= measured:
            break
        aw = scale(advances[glyph]) if glyph < hmetric_count else last
        for char in glyph_to_char[glyph]:
            widths[char] = aw

    loca = face.get_table_pos("loca")[0]
    if index_to_loc_format == 0:
        positions = [p << 1 for p in struct.unpack_from(f">{glyph_count + 1}H", data, loca)]
        end = loca + 2 * (glyph_count + 1)
    else:
        positions = list(struct.unpack_from(f">{glyph_count + 1}L", data, loca))
        end = loca + 4 * (glyph_count + 1)

    face.charToGlyph, face.glyphToChar, face.charWidths = char_to_glyph, glyph_to_char, widths
    face.hmetrics, face.glyphPos = hmetrics, positions
    face._pos = end
    if 0x20 in char_to_glyph:
        char_to_glyph[0xA0] = char_to_glyph[0x20]
        widths[0xA0] = widths[0x20]
    elif 0xA0 in char_to_glyph:
        char_to_glyph[0x20] = char_to_glyph[0xA0]
        widths[0x20] = widths[0xA0]
    return True


def _character_map(face: Any, data: bytes) -> tuple[dict[int, int], dict[int, list[int]]] | None:
    """character -> glyph and glyph -> characters from the subtable ReportLab would choose, or
    None for a format this does not read."""
    cmap = face.get_table_pos("cmap")[0]
    version, count = struct.unpack_from(">HH", data, cmap)
    if count == 0 and version != 0:
        count = version
    chosen, kind = None, 0
    for n in range(count):  # ReportLab's choice: the last Unicode subtable, else Mac Roman
        platform, encoding, offset = struct.unpack_from(">HHL", data, cmap + 4 + 8 * n)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, kind = offset, 1
        elif platform == 1 and encoding == 0 and kind != 1:
            chosen, kind = offset, 2
    if chosen is None:
        return None
    at = cmap + chosen
    fmt = struct.unpack_from(">H", data, at)[0]
    char_to_glyph: dict[int, int] = {}
    glyph_to_char: dict[int, list[int]] = {}
    if fmt == 4:
        length = struct.unpack_from(">H", data, at + 2)[0]
        limit = at + length
        segments = struct.unpack_from(">H", data, at + 6)[0] // 2
        ends = struct.unpack_from(f">{segments}H", data, at + 14)
        starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
        deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
        range_at = at + 16 + 6 * segments
        ranges = struct.unpack_from(f">{segments}H", data, range_at)
        for n in range(segments):
            start, delta, range_offset = starts[n], deltas[n], ranges[n]
            for char in range(start, ends[n] + 1):
                if range_offset == 0:
                    glyph = (char + delta) & 0xFFFF
                else:
                    offset = range_at + 2 * n + (char - start) * 2 + range_offset
                    if offset >= limit:  # a broken font's offset past the subtable, as ReportLab reads it
                        glyph = 0
                    else:
                        glyph = struct.unpack_from(">H", data, offset)[0]
                        if glyph != 0:
                            glyph = (glyph + delta) & 0xFFFF
                char_to_glyph[char] = glyph
                glyph_to_char.setdefault(glyph, []).append(char)
    elif fmt == 12:
        groups = struct.unpack_from(">L", data, at + 12)[0]
        values = struct.unpack_from(f">{3 * groups}L", data, at + 16)
        for n in range(groups):
            start, end, first = values[3 * n], values[3 * n + 1], values[3 * n + 2]
            if end > MAX_CODE_POINT:  # ReportLab would walk up to four billion codes of a hostile file
                raise TTFError(f"character map group {n} reaches U+{end:X}, beyond Unicode's last code point")
            inc = first - start
            for char in range(start, end + 1):
                glyph = char + inc
                char_to_glyph[char] = glyph
                glyph_to_char.setdefault(glyph, []).append(char)
    else:
        return None
    return char_to_glyph, glyph_to_char
