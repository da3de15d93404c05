"""Citation syntax: `[@key]`, `[@key, p. 12]`, `[see @a; @b, 4-5, emphasis added]`.

Pandoc's bracketed citations, read from the text between a matched `[` and
`]`. Every `;`-separated part must hold one `@key`; otherwise the brackets are
ordinary text, so `[sic]` or `[a@b.org]` stay as written. A locator is a label
(p., chap., sec., ...) or none (a page) and numbers, ranges or lists of them;
what follows it is the suffix.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from typeset.model.nodes import Citation, CiteItem, InlineItem, NoteRef, Pos, Run
from typeset.values import Value

# Pandoc: a key starts with a letter, digit or _, and may hold : . # $ % & - + ? < > ~ / inside.
_KEY = r"(?<![\w@.])@(\w(?:[\w:.#$%&+?<>~/-]*\w)?)"
_VALUE = r"(?:\d+[A-Za-z]?|[ivxlcdm]+|[IVXLCDM]+)"
_RANGE = rf"{_VALUE}(?:\s*[-\u2013\u2014]+\s*{_VALUE})?"
_NUMBERS = rf"{_RANGE}(?:\s*(?:,|&|and)\s*{_RANGE})*(?![\w])"
# Written label -> CSL locator term; longest first so "pp." is not read as "p.".
LABELS: dict[str, str] = {
    "pp.": "page", "p.": "page", "pages": "page", "page": "page",
    "chaps.": "chapter", "chap.": "chapter", "ch.": "chapter", "chapter": "chapter",
    "secs.": "section", "sec.": "section", "section": "section", "\u00a7\u00a7": "section", "\u00a7": "section",
    "paras.": "paragraph", "para.": "paragraph", "paragraph": "paragraph",
    "nn.": "note", "n.": "note", "note": "note",
    "figs.": "figure", "fig.": "figure", "figure": "figure",
    "vols.": "volume", "vol.": "volume", "volume": "volume",
    "ll.": "line", "l.": "line", "line": "line",
    "pts.": "part", "pt.": "part", "part": "part",
    "bk.": "book", "book": "book",
}
_LABEL = "(" + "|".join(re.escape(k) for k in sorted(LABELS, key=len, reverse=True)) + r")\s*(?=[\dIVXLCDMivxlcdm])"


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The key, label and locator expressions, compiled on the first citation: a brief without
    one never pays for them (a hundredth of the command's start-up)."""
    return re.compile(_KEY), re.compile(_LABEL), re.compile(_NUMBERS)


@dataclass(slots=True, eq=False, repr=False)
class CiteMark(Value):
    """A citation before positions are known: its items and where each key starts."""

    offset: int  # of the opening bracket in the parsed string
    items: tuple[CiteItem, ...]
    key_offsets: tuple[int, ...]
    raw: str = ""  # the citation as written, brackets included


def parse_citation(text: str, lo: int, hi: int) -> CiteMark | None:
    """The citation in `text[lo:hi]` (inside the brackets), or None if it is not one."""
    if "@" not in text[lo:hi]:
        return None
    items: list[CiteItem] = []
    offsets: list[int] = []
    start = lo
    while start <= hi:
        end = text.find(";", start, hi)
        end = hi if end < 0 else end
        part = _item(text, start, end)
        if part is None:
            return None
        items.append(part[0])
        offsets.append(part[1])
        start = end + 1
    return CiteMark(lo - 1, tuple(items), tuple(offsets), text[lo - 1:hi + 1])


def _item(text: str, lo: int, hi: int) -> tuple[CiteItem, int] | None:
    keys = list(_patterns()[0].finditer(text, lo, hi))
    if len(keys) != 1:
        return None
    m = keys[0]
    prefix = " ".join(text[lo:m.start()].split())
    rest = text[m.end():hi].strip()
    locator, label, suffix = split_locator(rest[1:].strip() if rest.startswith(",") else rest)
    return CiteItem(m.group(1), prefix, locator, label, suffix), m.start()


def split_locator(rest: str) -> tuple[str, str, str]:
    """(locator, CSL label, suffix) of what follows a key: "p. 12, emphasis added" -> ("12", "page", ...)."""
    label = "page"
    body = rest
    _, label_pattern, numbers = _patterns()
    lm = label_pattern.match(rest)
    if lm:
        label = LABELS[lm.group(1)]
        body = rest[lm.end():]
    nm = numbers.match(body)
    if not nm:
        return "", "page", " ".join(rest.split())
    suffix = body[nm.end():].strip()
    if suffix.startswith(","):
        suffix = suffix[1:].strip()
    return " ".join(nm.group().split()), label, " ".join(suffix.split())


def to_citation(mark: CiteMark, locate: Callable[[int], Pos | None]) -> Citation:
    """The model's `Citation` of a mark, each key placed at its line and column."""
    items = tuple(CiteItem(i.key, i.prefix, i.locator, i.label, i.suffix, locate(off))
                  for i, off in zip(mark.items, mark.key_offsets, strict=True))
    return Citation(items, locate(mark.offset))


_PUNCT = ".,;:!?"


def marks_after_punctuation(items: list[InlineItem]) -> tuple[InlineItem, ...]:
    """Set each body citation's mark as Pandoc does in a note style: the space
    before it dropped, and a following comma or full stop moved in front of it."""
    out = list(items)
    for k, item in enumerate(out):
        if not (isinstance(item, NoteRef) and item.key.startswith("@")):
            continue
        before = out[k - 1] if k else None
        if isinstance(before, Run) and before.text.endswith(" "):
            out[k - 1] = replace(before, text=before.text.rstrip(" "))
        after = out[k + 1] if k + 1 < len(out) else None
        prev = out[k - 1] if k else None
        if isinstance(after, Run) and isinstance(prev, Run) and after.text[:1] and after.text[0] in _PUNCT:
            n = len(after.text) - len(after.text.lstrip(_PUNCT))
            moved = after.text[:n]
            if not prev.text.endswith(moved):  # "2015.[@a]." keeps one stop
                out[k - 1] = replace(prev, text=prev.text + moved)
            out[k + 1] = replace(after, text=after.text[n:])
    return tuple(x for x in out if not (isinstance(x, Run) and not x.text))

