"""Read a rendered PDF back (pdfplumber) and check it against its brief.

The project's own check of the output conventions, so the suite needs
nothing outside the repository: reference marks numbered in order, each
note starting on its mark's page below the separator rule, every word of
the body and the notes printed in order, and no glyph outside the text
area's left and right edges.
"""
from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field

import pdfplumber

from typeset.layout.numbering import SYMBOLS
from typeset.model.document import Brief
from typeset.model.nodes import Image, Inline, ListBlock, Paragraph, Quote, Run, Section

WORD = re.compile(r"\w+")
LABEL_CHARS = set("0123456789" + SYMBOLS)


def tokens(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFKC", text).replace("\u00ad", "").lower())


def inline_text(content: Inline) -> str:
    return " ".join(item.text if isinstance(item, Run) else " " for item in content)


def _section_words(sec: Section, out: list[str]) -> None:
    out.extend(tokens(inline_text(sec.heading)))
    for block in sec.content:
        if isinstance(block, (Paragraph, Quote)):
            out.extend(tokens(inline_text(block.content)))
        elif isinstance(block, ListBlock):
            for item in block.items:
                out.extend(tokens(inline_text(item)))
        elif isinstance(block, Image):
            out.extend(tokens(inline_text(block.caption)))
    for sub in sec.sections:
        _section_words(sub, out)


def body_words(brief: Brief) -> list[str]:
    out: list[str] = []
    for sec in brief.sections:
        _section_words(sec, out)
    return out


@dataclass
class PageRead:
    number: int
    chars: list[dict]
    rule_y: float | None  # top of the footnote separator, if any
    marks: list[str] = field(default_factory=list)
    note_labels: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


def _lines(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped by baseline (a raised mark joins the line it sits on)."""
    rows: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (-c["size"], c["bottom"])):
        for row in rows:
            ref = row[0]
            if ref["bottom"] - 0.6 * ref["size"] <= c["bottom"] <= ref["bottom"] + 0.5:
                row.append(c)
                break
        else:
            rows.append([c])
    rows.sort(key=lambda r: r[0]["bottom"])
    return [sorted(r, key=lambda c: c["x0"]) for r in rows]


def _raised(c: dict, line_size: float, base: float) -> bool:
    return c["size"] < 0.85 * line_size and base - c["bottom"] > 0.15 * line_size


def read_pdf(data: bytes, top: float = 0.0, bottom: float = 1e9) -> list[PageRead]:
    """Pages as read back; only glyphs between `top` and `bottom` (the text area) count."""
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for n, p in enumerate(pdf.pages, 1):
            chars = [c for c in p.chars if c["text"].strip() and top - 1 <= c["top"] and c["bottom"] <= bottom + 1]
            rules = [ln["top"] for ln in p.lines if abs(ln["top"] - ln["bottom"]) < 0.1]
            page = PageRead(n, chars, max(rules) if rules else None)
            _read_lines(page)
            pages.append(page)
    return pages


def _read_lines(page: PageRead) -> None:
    for line in _lines(page.chars):
        size = max(c["size"] for c in line)
        base = max(c["bottom"] for c in line if c["size"] == size)
        in_notes = page.rule_y is not None and line[0]["top"] > page.rule_y
        text, label, prev, last_mark = [], "", None, None
        for k, c in enumerate(line):
            raised = _raised(c, size, base) and c["text"] in LABEL_CHARS
            gap = prev is not None and c["x0"] - prev["x1"] > 0.8
            if raised and k == len(label) and in_notes:
                label += c["text"]  # a note's label, at the start of its line
            elif raised and prev is not None and not in_notes:
                if last_mark is not None and -1.0 <= c["x0"] - last_mark["x1"] < 2.0:
                    page.marks[-1] += c["text"]  # the next digit of the same mark
                else:
                    page.marks.append(c["text"])
                last_mark = c
                text.append(" ")
            else:
                text.append((" " if gap else "") + c["text"])
            prev = c
        if label:
            page.note_labels.append(label)
        page.words.extend(tokens("".join(text)))


def _joined(have: list[str], k: int, rest: str) -> int:
    """Index after the tokens from k on that spell `rest` exactly, or -1."""
    joined = ""
    while k < len(have) and len(joined) < len(rest) and rest.startswith(joined + have[k]):
        joined += have[k]
        k += 1
    return k if joined == rest else -1


def in_order(need: list[str], have: list[str]) -> int:
    """Index of the first word of `need` not found in order in `have` (len(need) if all are).
    A word broken across lines (hyphenated, or a URL) spans several tokens of `have`; broken
    across pages, its rest comes after the page's notes, so it is looked for further on
    (unless the whole word comes later: then this piece was some other word's)."""
    j = 0
    for i, t in enumerate(need):
        while j < len(have):
            h = have[j]
            j += 1
            if h == t:
                break
            if t.startswith(h):
                rest = t[len(h):]
                k = _joined(have, j, rest)
                window = have[j:j + 3000]
                stop = j + window.index(t) if t in window else min(len(have), j + 3000)
                far = j + 1
                while k < 0 and far < stop:  # the rest must come before the word's next whole occurrence
                    k = _joined(have, far, rest) if rest.startswith(have[far]) else -1
                    far += 1
                if k >= 0:
                    j = k
                    break
        else:
            return i
    return len(need)


def check(data: bytes, brief: Brief, *, left: float, right: float, top: float, bottom: float) -> list[str]:
    """Every failed convention, as a readable line; [] when the PDF is right.
    Running headers and footers (outside top..bottom) are not read."""
    pages = read_pdf(data, top, bottom)
    failures: list[str] = []
    n = len(brief.footnotes)
    marks = [(p.number, m) for p in pages for m in p.marks]
    labels = [(p.number, lab) for p in pages for lab in p.note_labels]
    if len(marks) != n:
        failures.append(f"marks: expected {n}, found {len(marks)}: {[m for _, m in marks][:30]}")
    if len(labels) != n:
        failures.append(f"note labels: expected {n}, found {len(labels)}: {[lab for _, lab in labels][:30]}")
    for k, ((mp, m), (lp, lab)) in enumerate(zip(marks, labels, strict=False), 1):
        if m != lab:
            failures.append(f"note {k}: mark {m!r} but note label {lab!r}")
        if mp != lp:
            failures.append(f"note {k}: mark on page {mp} but note starts on page {lp}")
    stream = [w for p in pages for w in p.words]
    need = body_words(brief)
    at = in_order(need, stream)
    if at < len(need):
        failures.append(f"body word {at} {need[at]!r} missing, near {' '.join(need[max(0, at - 5):at + 5])}")
    note_need = [w for note in brief.footnotes for part in (note.content, *note.more)
                 for w in tokens(inline_text(part))]
    at = in_order(note_need, stream)
    if at < len(note_need):
        failures.append(f"note word {at} {note_need[at]!r} missing, near "
                        f"{' '.join(note_need[max(0, at - 5):at + 5])}")
    for p in pages:
        out = [c for c in p.chars if c["x0"] < left - 0.5 or c["x1"] > right + 0.5]
        if out:
            c = out[0]
            failures.append(f"page {p.number}: {len(out)} glyphs outside the text area, first {c['text']!r} "
                            f"at x={c['x0']:.1f}..{c['x1']:.1f} (area {left:.1f}..{right:.1f})")
    return failures
