"""The footnotes of a rendered PDF read back as text, note by note.

Lines below each page's separator rule are grouped into notes by their raised
labels. Lines are joined against the text a test expects: at a line end the
reader cannot tell a hyphen the line breaker added from one in the text, nor a
space from a URL broken without one, so each join takes whichever reading
keeps the note a prefix of the expected text (and a space otherwise).
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

import pdfplumber

from tests.helpers.readback import LABEL_CHARS, _lines, _raised

QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@dataclass
class NoteRead:
    label: str
    page: int
    lines: list[str] = field(default_factory=list)
    italic: list[str] = field(default_factory=list)  # the note's italic stretches, in order


def read_notes(data: bytes, top: float = 0.0, bottom: float = 1e9) -> list[NoteRead]:
    """Every note of the PDF in reading order; only rules and glyphs of the text area
    (`top`..`bottom`, so no header rule or footer) are read."""
    notes: list[NoteRead] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for n, p in enumerate(pdf.pages, 1):
            rules = [ln["top"] for ln in p.lines if abs(ln["top"] - ln["bottom"]) < 0.1 and top < ln["top"] < bottom]
            if not rules:
                continue
            rule = max(rules)
            chars = [c for c in p.chars if c["top"] > rule and c["bottom"] <= bottom + 1]
            for line in _lines(chars):
                _read_line(line, n, notes)
    return notes


def _read_line(line: list[dict], page: int, notes: list[NoteRead]) -> None:
    size = max(c["size"] for c in line)
    base = max(c["bottom"] for c in line if c["size"] == size)
    label, text, italic, prev = "", [], [], None
    for c in line:
        if not text and _raised(c, size, base) and c["text"] in LABEL_CHARS:
            label += c["text"]
            continue
        if c["text"] == " ":
            prev = None
            text.append(" ")
            italic.append((" ", None))
            continue
        gap = prev is not None and c["x0"] - prev["x1"] > 0.2 * c["size"]
        if gap:
            text.append(" ")
            italic.append((" ", None))
        text.append(c["text"])
        italic.append((c["text"], "Italic" in c["fontname"]))
        prev = c
    if label:
        notes.append(NoteRead(label, page))
    if not notes:
        return
    note = notes[-1]
    note.lines.append(" ".join("".join(text).split()))
    run = ""
    for ch, it in italic:
        if it or (it is None and run):
            run += ch
        elif run:
            note.italic.append(run.strip())
            run = ""
    if run:
        note.italic.append(run.strip())


def joined(lines: list[str], expected: str) -> str:
    """The note's lines as one string, each join chosen to follow `expected` (quotes made straight)."""
    want = expected.translate(QUOTES)
    text = ""
    for k, line in enumerate(lines):
        line = line.translate(QUOTES)
        if k == 0:
            text = line
            continue
        options = [text + " " + line, text + line]
        if text.endswith("-"):
            options.insert(0, text[:-1] + line)
        text = next((o for o in options if want.startswith(o)), options[-1] if not text.endswith("-")
                    else options[0])
    return text
