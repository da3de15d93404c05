"""Note labels: continuous numbers, numbers restarting on each page, or symbols."""
from __future__ import annotations

from collections.abc import Sequence

from typeset.layout.elements import Page
from typeset.model.nodes import Footnote

SYMBOLS = "*\u2020\u2021\u00a7\u2016\u00b6"  # * † ‡ § ‖ ¶ (Chicago order)


def symbol(k: int) -> str:
    """The k-th symbol (1-based), doubled after six, tripled after twelve."""
    return SYMBOLS[(k - 1) % len(SYMBOLS)] * ((k - 1) // len(SYMBOLS) + 1)


def labels_for(numbering: str, notes: Sequence[Footnote], pages: Sequence[Page] | None) -> dict[int, str]:
    """Label of every note. Page-dependent schemes need `pages` from a previous pass;
    without them, notes are numbered as if each page held them all."""
    if numbering == "continuous" or pages is None:
        if numbering == "symbols":  # a first guess: pages rarely hold more than four notes
            return {n.number: symbol((n.number - 1) % 4 + 1) for n in notes}
        return {n.number: str(n.number) for n in notes}
    out: dict[int, str] = {}
    for page in pages:
        for k, number in enumerate(page.note_numbers, 1):
            out[number] = symbol(k) if numbering == "symbols" else str(k)
    for n in notes:
        out.setdefault(n.number, str(n.number))
    return out
