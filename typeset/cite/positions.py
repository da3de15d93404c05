"""Note positions as the CSL specification defines them, counted over all notes.

A cite is "first" when its source has not been cited before; "ibid" when it
follows a cite of the same source in the same citation, or opens a citation
whose previous citation (in the same note, or else in the note just before)
cites that one source alone; "ibid-with-locator" when, so placed, its locator
differs; otherwise "subsequent". A note without citations in between breaks
an ibid (Chicago 14.34, jgm/citeproc#7); a cite without a locator after one
with a locator is "subsequent", since "Ibid." alone would mean the same page.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from typeset.model.nodes import CiteItem

Position = Literal["first", "subsequent", "ibid", "ibid-with-locator"]
NoteCites = Sequence[Sequence[CiteItem]]  # a note's citations, each a sequence of cites


def positions(notes: Sequence[NoteCites]) -> list[list[list[Position]]]:
    """The position of every cite, shaped like `notes` (note -> citation -> cite)."""
    seen: set[str] = set()
    previous_note: list[CiteItem] = []  # the cites of the note before; empty if it had none
    out: list[list[list[Position]]] = []
    for note in notes:
        this_note: list[CiteItem] = []
        note_out: list[list[Position]] = []
        last_citation: Sequence[CiteItem] = ()
        for citation in note:
            cited: list[Position] = []
            for k, cite in enumerate(citation):
                if k:
                    before = citation[k - 1] if citation[k - 1].key == cite.key else None
                elif last_citation:
                    before = last_citation[-1] if _alone(last_citation, cite.key) else None
                else:
                    before = previous_note[-1] if _alone(previous_note, cite.key) else None
                cited.append(_position(cite, before, cite.key in seen))
                seen.add(cite.key)
            this_note.extend(citation)
            last_citation = citation
            note_out.append(cited)
        out.append(note_out)
        previous_note = this_note
    return out


def _alone(cites: Sequence[CiteItem], key: str) -> bool:
    return bool(cites) and all(c.key == key for c in cites)


def _position(cite: CiteItem, before: CiteItem | None, seen: bool) -> Position:
    if not seen:
        return "first"
    if before is None:
        return "subsequent"
    same = (cite.locator, cite.label) == (before.locator, before.label)
    if same:
        return "ibid"
    if cite.locator:
        return "ibid-with-locator"
    return "subsequent"
