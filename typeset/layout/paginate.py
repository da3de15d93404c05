"""The page loop: body elements fill pages; each footnote starts on its mark's page.

Rules (see shared docs on footnote placement, after TeX's insertions and
Typst's `flow/compose.rs`):

1. A body element with marks fits only if it, every note it marks but the
   last in full, and at least the first line(s) of the last note fit in what
   is left of the page. Otherwise the page ends before it (or before the
   nearest earlier element the page may end at), so the element moves to the
   next page together with its notes.
2. A note that does not fit is split by lines: the rest is carried to the top
   of the next page's note area, before that page's own notes, as often as
   needed (a note longer than a page keeps splitting).
3. `Elem.break_before` encodes widows, orphans and keep-with-next; when no
   legal break exists on a page, the break is forced where the page is full.

Every decision moves forward: a page is only ever cut back to a snapshot
taken while it was being filled, so the work is linear in the flow.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from typeset.layout.elements import Elem, Page, RuleItem, TextItem
from typeset.layout.readorder import Hazard
from typeset.text.types import Frag
from typeset.values import Value

EPS = 0.01


@dataclass(slots=True, eq=False, repr=False)
class Geometry(Value):
    """The page and its text area, in points from the top left corner."""

    page_width: float
    page_height: float
    left: float
    top: float
    width: float
    height: float


@dataclass(slots=True, eq=False, repr=False)
class NoteArea(Value):
    """The separator above the notes: space, rule, space."""

    space_above: float
    space_below: float
    rule_width: float
    rule_thickness: float
    rule_color: str
    min_lines: int = 2  # lines of a note kept together at a split, where possible
    continued: Elem | None = None  # printed above a note's continuation, e.g. "(continued)"

    @property
    def overhead(self) -> float:
        return self.space_above + self.space_below


class PageFill:
    """One page being filled: body from the top, notes stacked above the bottom."""

    def __init__(self, number: int, geom: Geometry, area: NoteArea, carried: list[Elem]) -> None:
        self.page = Page(number, geom.page_width, geom.page_height)
        self.geom = geom
        self.area = area
        self.body: list[Elem] = []
        self.body_h = 0.0
        self.notes: list[Elem] = []
        self.notes_h = 0.0
        self.carry_out: list[Elem] = []
        self.started: list[int] = []
        self.snaps: dict[int, tuple[int, float, int, float, int, int]] = {}
        self._take_carried(carried)

    # -- bookkeeping -----------------------------------------------------------------------------
    def note_cost(self, elem: Elem) -> float:
        """Height a note line adds: the separator if it is the first, and its own space."""
        extra = self.area.overhead if not self.notes else 0.0
        gap = elem.space_before if self.notes else 0.0
        return extra + gap + elem.height

    def room(self) -> float:
        return self.geom.height - self.body_h - self.notes_h

    def snapshot(self, index: int) -> None:
        self.snaps[index] = (len(self.body), self.body_h, len(self.notes), self.notes_h,
                             len(self.carry_out), len(self.started))

    def restore(self, index: int) -> None:
        nb, bh, nn, nh, nc, ns = self.snaps[index]
        del self.body[nb:], self.notes[nn:], self.carry_out[nc:], self.started[ns:]
        self.body_h, self.notes_h = bh, nh

    @property
    def closed_for_notes(self) -> bool:
        """Once a note is split here, later notes would come before its continuation."""
        return bool(self.carry_out)

    # -- carried notes ---------------------------------------------------------------------------
    def _take_carried(self, lines: list[Elem]) -> None:
        if lines and self.area.continued is not None and not _starts_note(lines[0]):
            self._push_note(self.area.continued)
        for k, line in enumerate(lines):
            cost = self.note_cost(line)
            if cost > self.room() + EPS and self.notes:
                self.carry_out.extend(lines[k:])
                break
            self._push_note(line)

    def _push_note(self, line: Elem) -> None:
        self.notes_h += self.note_cost(line)
        self.notes.append(line)

    # -- placing body elements -------------------------------------------------------------------
    def body_cost(self, elem: Elem) -> float:
        return (elem.space_before if self.body else 0.0) + elem.height

    def try_place(self, elem: Elem, notes: Callable[[int], Sequence[Elem]]) -> bool:
        """Place `elem` and the start of its notes if rule 1 allows; else change nothing."""
        cost = self.body_cost(elem)
        if not elem.notes:
            if cost > self.room() + EPS:
                return False
            self._push_body(elem, cost)
            return True
        if self.closed_for_notes:
            return False
        need = self._required_note_height(elem, notes)
        if cost + need > self.room() + EPS:
            return False
        self._push_body(elem, cost)
        self._place_notes(elem.notes, notes)
        return True

    def force_place(self, elem: Elem, notes: Callable[[int], Sequence[Elem]]) -> None:
        """Place `elem` on a page that cannot take it whole: notes split wherever needed."""
        self._push_body(elem, self.body_cost(elem))
        self._place_notes(elem.notes, notes, forced=True)

    def _push_body(self, elem: Elem, cost: float) -> None:
        self.body.append(elem)
        self.body_h += cost

    def _required_note_height(self, elem: Elem, notes: Callable[[int], Sequence[Elem]]) -> float:
        """Height of all but the last note in full plus the last note's first lines."""
        total = 0.0
        first = not self.notes
        for i, n in enumerate(elem.notes):
            lines = notes(n)
            last = i == len(elem.notes) - 1
            take = lines[: min(len(lines), self.area.min_lines)] if last else lines
            for j, line in enumerate(take):
                if first:
                    total += self.area.overhead
                    first = False
                elif j == 0:
                    total += line.space_before
                total += line.height
        room_for_one = self._one_line_fallback(elem, notes, total)
        return room_for_one

    def _one_line_fallback(self, elem: Elem, notes: Callable[[int], Sequence[Elem]], total: float) -> float:
        """If two lines of the last note do not fit but one does, one is enough."""
        lines = notes(elem.notes[-1])
        if len(lines) < 2 or self.area.min_lines < 2:
            return total
        if self.body_cost(elem) + total <= self.room() + EPS:
            return total
        return total - lines[1].height

    def _place_notes(self, numbers: Sequence[int], notes: Callable[[int], Sequence[Elem]],
                     forced: bool = False) -> None:
        pending: list[Elem] = []
        for n in numbers:
            lines = list(notes(n))
            if pending or self.closed_for_notes:
                pending.extend(lines)
                continue
            self.started.append(n)
            for k, line in enumerate(lines):
                if self.note_cost(line) > self.room() + EPS and (k > 0 or forced):
                    pending.extend(self._keep_two(lines, k))
                    break
                self._push_note(line)
        self.carry_out.extend(pending)

    def _keep_two(self, lines: list[Elem], k: int) -> list[Elem]:
        """The lines from k on. The split may move back up to two lines (the note's first line
        always stays) so that it does not fall inside a word and no single line is carried alone."""
        candidates = [c for c in (k, k - 1, k - 2) if c >= 1]
        good = [c for c in candidates if lines[c].break_before]
        split = next((c for c in good if len(lines) - c >= 2), good[0] if good else k)
        for line in reversed(lines[split:k]):
            if self.notes and self.notes[-1] is line:
                self.notes.pop()
                self.notes_h -= line.height
        return lines[split:]

    # -- finishing -------------------------------------------------------------------------------
    def finish(self) -> Page:
        g = self.geom
        y = g.top
        for i, elem in enumerate(self.body):
            if i:
                y += elem.space_before
            self.page.add(g.left, y, elem)
            y += elem.height
        if self.notes:
            y = g.top + g.height - self.notes_h + self.area.space_above
            rule = Elem(height=0.0, role="separator", items=(
                RuleItem(0.0, 0.0, self.area.rule_width, self.area.rule_thickness, self.area.rule_color),))
            self.page.add(g.left, y, rule)
            y += self.area.space_below
            for i, line in enumerate(self.notes):
                if i:
                    y += line.space_before
                self.page.add(g.left, y, line)
                y += line.height
        self.page.note_numbers = list(self.started)
        return self.page


def paginate(flow: Sequence[Elem], notes: Callable[[int], Sequence[Elem]],
             geom: Geometry, area: NoteArea, hazard: Hazard | None = None) -> list[Page]:
    """Fill pages with `flow`, placing the notes each element marks (see module docstring).
    `hazard` tells breaks to avoid where an earlier one is allowed (see readorder.py)."""
    pages: list[Page] = []
    fill = PageFill(1, geom, area, [])
    first = 0  # index of the first flow element on the current page
    i = 0
    while i < len(flow):
        elem = flow[i]
        fill.snapshot(i)
        if fill.try_place(elem, notes):
            i += 1
            continue
        if not fill.body:
            if fill.notes:  # a page given to carried notes: the element goes on the next
                pages.append(fill.finish())
                fill = PageFill(len(pages) + 1, geom, area, fill.carry_out)
                first = i
                continue
            fill.force_place(elem, notes)
            i += 1
            continue
        j = _break_index(flow, first, i)
        if hazard is not None:
            j = _clearer_break(flow, first, j, fill, hazard)
        fill.restore(j)
        pages.append(fill.finish())
        fill = PageFill(len(pages) + 1, geom, area, fill.carry_out)
        first = i = j
    pages.append(fill.finish())
    while fill.carry_out:
        fill = PageFill(len(pages) + 1, geom, area, fill.carry_out)
        pages.append(fill.finish())
    return pages


def _clearer_break(flow: Sequence[Elem], first: int, j: int, fill: PageFill, hazard: Hazard) -> int:
    """`j`, or one of the five legal breaks before it, whichever `hazard` does not flag first."""
    k, tries = j, 0
    while tries < 6 and k > first:
        if flow[k].break_before or k == j:
            if not hazard(fill.notes[: fill.snaps[k][2]], flow[k:k + 4]):
                return k
            tries += 1
        k -= 1
    return j


def _starts_note(elem: Elem) -> bool:
    """Whether a note line is the first of its note (it carries the note's label)."""
    return any(isinstance(i, TextItem) and type(i.frag) is not Frag and i.frag.anchor is not None for i in elem.items)


def _break_index(flow: Sequence[Elem], first: int, i: int) -> int:
    """The last index in (first, i] the page may end before; i when there is none."""
    for j in range(i, first, -1):
        if flow[j].break_before:
            return j
    return i
