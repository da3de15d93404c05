"""Showing a string in a PDF text object: the operators ReportLab's `textOut` writes, faster.

`PDFTextObject.textOut` of a TrueType font splits the string into subset
codes one character at a time in Python (`TTFont.splitString`) and measures
it to move its cursor, which every text origin here resets anyway. Once the
characters of a string all have codes in the document's first subset (after
the first lines of a document, nearly every string), `str.translate` maps it
in one call. Anything else (new characters, higher subsets, no-break
spaces, Type 1 fonts, shaped strings) goes through ReportLab itself, so the
bytes are always the ones `textOut` would write.
"""
from __future__ import annotations

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont
from reportlab.pdfgen.textobject import PDFTextObject

_NBSP_CODE = 0xA0  # drawn as code 32 by splitString: left to it


class TextShower:
    """Per document: the first-subset code of every character already assigned one, per font,
    and each font size and leading already written (`fp_str` costs microseconds a call; a
    document has few sizes)."""

    def __init__(self, doc: object) -> None:
        self.doc = doc
        self.known: dict[str, tuple[set[str], dict[int, str]]] = {}  # font -> (chars, ord -> code char)
        self.numbers: dict[float, str] = {}  # value -> fp_str(value); equal values print alike
        self.learned: dict[str, int] = {}  # font -> how many of its assignments `known` has read

    def number(self, value: float) -> str:
        """`fp_str(value)`, formatted once per document."""
        found = self.numbers.get(value)
        if found is None:
            found = self.numbers[value] = fp_str(value)
        return found

    def show(self, text: PDFTextObject, string: str) -> None:
        """Append what `text.textOut(string)` appends, without moving its cursor."""
        name = text._fontname
        font = getFont(name)
        if not isinstance(font, TTFont) or not font._dynamicFont or isinstance(string, ShapedStr):
            text.textOut(string)
            return
        entry = self.known.get(name)
        if entry is None:
            entry = self.known[name] = (set(), {})
        chars, table = entry
        if chars.issuperset(string):
            pieces = [(0, string.translate(table).encode("latin-1"))]
        else:
            pieces = font.splitString(string, self.doc)
            self._learn(name, font, chars, table)
        out: list[str] = []
        for subset, data in pieces:
            if subset != text._curSubset:
                out.append(f"{font.getSubsetInternalName(subset, self.doc)} "
                           f"{self.number(text._fontsize)} Tf {self.number(text._leading)} TL")
                text._curSubset = subset
            out.append(f"({escapePDF(data)}) Tj")
        text._code.append(" ".join(out))

    def _learn(self, name: str, font: TTFont, chars: set[str], table: dict[int, str]) -> None:
        """Every first-subset code ReportLab assigned since the last call: the assignments only
        grow, in order, and start with all of ASCII, so later strings rarely need `splitString`."""
        assignments = font.state[self.doc].assignments
        done = self.learned.get(name, 0)
        for code, n in list(assignments.items())[done:]:
            if n < 256 and code != _NBSP_CODE:
                chars.add(chr(code))
                table[code] = chr(n)
        self.learned[name] = len(assignments)
