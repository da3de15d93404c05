"""Total-fit line breaking: D. E. Knuth and M. F. Plass, "Breaking Paragraphs
into Lines", Software: Practice and Experience 11 (1981) 1119-1184, as TeX
runs it (TeX: The Program, parts 38-39).

Control flow:

1. Prefix sums of width, stretch, shrink and fill let the natural width L of
   any line a..b be found in O(1): the paper's running totals Σw, Σy, Σz
   ("The algorithm itself").
2. Walk the legal breakpoints: glue just after a box, penalties below 10000
   ("Formulating the problem"). For each breakpoint b, try every *active
   node* a: the adjustment ratio r of the line a..b and its badness
   b = 100|r|³ ("Formulating the problem", "Desirability criteria"). A line
   with r < -1, or a forced break, deactivates a. A feasible line (badness
   within the pass's threshold) costs demerits (l + b)² ± p², plus the
   flagged-penalty and fitness-class extras ("Desirability criteria"), and
   is a candidate for one of the four *fitness classes*.
3. The cheapest candidate of each class becomes a new active node if its
   total demerits are within adj_demerits of the cheapest class; no other can
   win later ("The algorithm itself").
4. At the end, the node with least total demerits (or the one nearest the
   requested looseness, as TeX's \\looseness) gives the breaks via `prev`.

Nodes at one position share a `_Breakpoint`, so r is computed once for all
their fitness classes. Breakpoints are kept in order of position, so their
lines get shorter along the list; with non-negative glue, once a line is too
loose every later one is too, and the scan stops there. The cost is then
proportional to the breakpoints times the breakpoints that fit in one line.
Most breakpoints end a line too loose even from the first (earliest) active:
one conservative test per breakpoint passes over those (`_Pass._cutoff`).

With `force` (the final pass) a pass cannot fail: when every active dies at
a breakpoint, the last one to die goes on with an overfull line, as with TeX's
artificial_demerits. With no badness limit this happens only when some text
between two breakpoints is wider than the line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from typeset.text.items import Box, Glue, Item, Penalty
from typeset.text.params import INF_BAD, INF_PENALTY, BreakParams
from typeset.values import Identity, Value

INF = float("inf")
_NO_STRETCH = 1e18  # r of a short line that has nothing to stretch: badness is inf_bad
TIGHT, DECENT, LOOSE, VERY_LOOSE = 0, 1, 2, 3  # fitness classes (the paper's c = 0..3)


@dataclass(slots=True, eq=False, repr=False)
class _Node(Identity):
    """An active node: a feasible break, its fitness class and the best way to reach it."""

    position: int
    line: int  # number of the line that ends here (0 for the paragraph start)
    fitness: int
    demerits: float  # total demerits of the best path to this node
    prev: _Node | None


@dataclass(slots=True, eq=False, repr=False)
class _Breakpoint(Identity):
    """The active nodes at one position. They share the sums after the break, so the
    line a..b has one r for all of them and only their demerits differ."""

    position: int
    start: bool  # the paragraph start, whose line may have its own measure
    total_w: float  # Σw, Σy, Σz, Σfill just after the break (discardables skipped)
    total_y: float
    total_z: float
    total_f: float
    flagged: bool
    nodes: list[_Node]


@dataclass(slots=True, eq=False, repr=False)
class PassSettings(Value):
    """What changes between TeX's passes: the badness limit and extra stretch."""

    threshold: float
    emergency_stretch: float = 0.0
    right_stretch: float = 0.0  # \rightskip stretch added to every line (ragged setting)
    force: bool = False  # final pass: never fail (see the module notes)


def legal_breakpoints(items: Sequence[Item]) -> list[tuple[int, float, float, bool]]:
    """(index, penalty width, penalty, flagged) of each legal break (the paper's rules)."""
    out: list[tuple[int, float, float, bool]] = []
    prev_box = False
    for i, it in enumerate(items):
        t = type(it)
        if t is Box:
            prev_box = True
            continue
        if t is Glue:
            if prev_box:
                out.append((i, 0.0, 0.0, False))
        elif it.penalty < INF_PENALTY:  # type: ignore[union-attr]
            out.append((i, it.width, it.penalty, it.flagged))  # type: ignore[union-attr]
        prev_box = False
    return out


Sums = tuple[float, float, float, float]  # Σw, Σy, Σz, Σfill of the items before some index
Breakpoint = tuple[int, float, float, bool, float, float, float, float]  # (index, width, penalty, flagged, *sums)


@dataclass(slots=True, eq=False, repr=False)
class Scan(Value):
    """What every pass over one item list shares: its legal breakpoints, each with the sums
    of the items before it, so a line a..b costs O(1) to measure. Build it once per list
    (`scan`) and hand it to each pass and to the over-wide check.

    `wide` holds the indices of the breakpoints whose segment (the items from where the line
    after the previous break starts) may be wider than `limit`, a superset of the over-wide
    ones that `overwide_segments` sorts out (none when no limit was given)."""

    breakpoints: list[Breakpoint]
    wide: list[int]
    limit: float


def scan(items: Sequence[Item], limit: float = INF) -> Scan:
    """`legal_breakpoints(items)` with the running sums, in one walk over the items; with a
    `limit`, the breakpoints whose segment may not fit in it (`Scan.wide`)."""
    out: list[Breakpoint] = []
    wide: list[int] = []
    w = y = z = f = 0.0
    start_w = start_z = 0.0  # the sums where the current segment starts
    prev_box = False
    broken = False  # a break since the last box: the next box or forced break starts a segment
    check = limit < INF
    near = limit - 1e-5  # looser than the check `overwide_segments` makes, so nothing is missed
    for i, it in enumerate(items):
        t = type(it)
        if t is Box:
            if broken:
                start_w, start_z = w, z
                broken = False
            w += it.width
            prev_box = True
        elif t is Glue:
            if prev_box:
                if check and (w - start_w) - (z - start_z) > near:
                    wide.append(len(out))
                out.append((i, 0.0, 0.0, False, w, y, z, f))
                broken = True
            w += it.width
            y += it.stretch  # type: ignore[union-attr]
            z += it.shrink  # type: ignore[union-attr]
            f += it.fill  # type: ignore[union-attr]
            prev_box = False
        else:
            p = it.penalty  # type: ignore[union-attr]
            if p < INF_PENALTY:
                if p <= -INF_PENALTY and broken:  # a forced break starts the segment it ends
                    start_w, start_z = w, z
                    broken = False
                # after a break with no box since, the segment starts beyond this one: check it
                if check and (broken or it.width + (w - start_w) - (z - start_z) > near):  # type: ignore[union-attr]
                    wide.append(len(out))
                out.append((i, it.width, p, it.flagged, w, y, z, f))  # type: ignore[union-attr]
                broken = True
            prev_box = False
    return Scan(out, wide, limit)


def line_start(items: Sequence[Item], breakpoint: Breakpoint) -> tuple[int, Sums]:
    """Where the line after `breakpoint` starts (`after_break`) and the sums of the items
    before it: the breakpoint's own plus the glue the break discards, added as `scan` adds
    them, so they are the very sums the scan had there."""
    b, _, _, _, w, y, z, f = breakpoint
    n = len(items)
    j = b
    while j < n:
        it = items[j]
        t = type(it)
        if j > b and (t is Box or (t is Penalty and it.penalty <= -INF_PENALTY)):  # type: ignore[union-attr]
            break
        if t is Glue:
            w += it.width
            y += it.stretch  # type: ignore[union-attr]
            z += it.shrink  # type: ignore[union-attr]
            f += it.fill  # type: ignore[union-attr]
        j += 1
    return j, (w, y, z, f)


def knuth_plass(
    items: Sequence[Item],
    first_measure: float,
    measure: float,
    params: BreakParams,
    settings: PassSettings,
    scanned: Scan | None = None,
) -> list[int] | None:
    """Indices of the items where lines end (the last is the final penalty), or None.
    `scanned` is `scan(items)`, when the caller has it already."""
    if not items:
        return []
    if scanned is None:
        scanned = scan(items)
    run = _Pass(items, first_measure, measure, params, settings)
    active = run.walk(scanned)
    if active is None:
        return None
    return _choose([n for g in active for n in g.nodes], params.looseness)


Candidates = dict[object, tuple[float, _Node, int]]  # key -> (total demerits, from node, fitness)


class _Pass:
    """One pass over the breakpoints of a `Scan` with fixed settings."""

    def __init__(
        self,
        items: Sequence[Item],
        first_measure: float,
        measure: float,
        params: BreakParams,
        settings: PassSettings,
    ) -> None:
        self.items = items
        self.first_measure = first_measure
        self.measure = measure
        self.params = params
        self.settings = settings
        self.extra = settings.emergency_stretch + settings.right_stretch
        self.cut_short = first_measure <= measure  # the start's shorter line may end the scan too
        self.by_line = params.looseness != 0

    def walk(self, scanned: Scan) -> list[_Breakpoint] | None:
        """The paper's main loop over every breakpoint b: the actives that survive b, plus new
        ones at b; None when none survives (the pass fails). One function, with everything
        that does not change between breakpoints read once: it runs for every (breakpoint,
        active) pair of every paragraph."""
        active = [_Breakpoint(0, True, 0.0, 0.0, 0.0, 0.0, False, [_Node(0, 0, DECENT, 0.0, None)])]
        first_measure, measure, extra = self.first_measure, self.measure, self.extra
        settings, params = self.settings, self.params
        threshold, force = settings.threshold, settings.force
        line_penalty, adj_demerits = params.line_penalty, params.adj_demerits
        final_term, double_term = params.final_hyphen_demerits, params.double_hyphen_demerits
        cut_short, by_line = self.cut_short, self.by_line
        new_breakpoint = self._new_breakpoint
        breakpoints = scanned.breakpoints
        last_index = breakpoints[-1][0] if breakpoints else -1
        candidates: Candidates = {}  # emptied after each use: most breakpoints have none
        r_hi = self._loose_ratio()
        cutoff, f_first = self._cutoff(active[0], r_hi)
        for bp in breakpoints:
            b, pw, p, flagged, w_b, y_b, z_b, f_b = bp
            forced = p <= -INF_PENALTY
            w_b += pw
            if w_b + r_hi * y_b < cutoff and not forced and f_b <= f_first:
                continue  # the first active's line to b is too loose, so b changes nothing (`_cutoff`)
            survivors: list[_Breakpoint] | None = None
            last_dead: _Breakpoint | None = None
            for idx, a in enumerate(active):
                m = first_measure if a.start else measure
                length = w_b - a.total_w  # L, natural width of the line a..b
                if length < m:
                    if f_b > a.total_f:
                        r = 0.0
                    else:
                        stretch = y_b - a.total_y + extra
                        r = (m - length) / stretch if stretch > 0 else _NO_STRETCH
                elif length > m:
                    shrink = z_b - a.total_z
                    r = (m - length) / shrink if shrink > 0 else -_NO_STRETCH
                else:
                    r = 0.0
                if r < -1.0 or forced:  # deactivate a (the paper: "r < -1 or b is a forced break")
                    if survivors is None:
                        survivors = active[:idx]
                    last_dead = a
                    if r < -1.0:
                        continue
                elif survivors is not None:
                    survivors.append(a)
                bad = 100.0 * r * r * (r if r >= 0.0 else -r)  # badness b = 100|r|³, capped at inf_bad
                if bad > INF_BAD:
                    bad = INF_BAD
                if bad > threshold:
                    if r > 0 and not forced and (cut_short or not a.start):
                        if survivors is not None:
                            survivors.extend(active[idx + 1 :])
                        break  # every later active gives a shorter, even looser line
                    continue
                # demerits: (l + b)² ± p², and the hyphen extras when a was flagged (worked out
                # here, not per breakpoint: few breakpoints end a feasible line)
                p_term = p * p if p >= 0 else (0.0 if forced else -p * p)
                flag_term = (final_term if b == last_index else double_term if flagged else 0.0) if a.flagged else 0.0
                base = (line_penalty + bad) ** 2 + p_term + flag_term
                # keep the cheapest way through a's nodes to a line of ratio r, per fitness class
                c = TIGHT if r < -0.5 else DECENT if r <= 0.5 else LOOSE if r <= 1.0 else VERY_LOOSE
                for node in a.nodes:
                    d = base + node.demerits
                    fit = node.fitness
                    if fit - c > 1 or c - fit > 1:
                        d += adj_demerits
                    key: object = (node.line + 1, c) if by_line else c
                    best = candidates.get(key)
                    if best is None or d < best[0]:
                        candidates[key] = (d, node, c)
            alive = active if survivors is None else survivors
            if candidates:  # new actives at b, or (forcing) an overfull line from the last to die
                alive.append(new_breakpoint(bp, candidates, adj_demerits))
                candidates.clear()
            elif force and not alive and last_dead is not None:
                rescue = min(last_dead.nodes, key=lambda n: n.demerits)
                alive.append(new_breakpoint(bp, {0: (rescue.demerits, rescue, DECENT)}, 0.0))
            if not alive:
                return None
            active = alive
            if survivors is not None:  # the first active may have changed
                cutoff, f_first = self._cutoff(active[0], r_hi)
        return active

    def _loose_ratio(self) -> float:
        """A ratio above which a line's badness surely exceeds the pass's threshold (with room
        for rounding), or INF when the threshold takes every line."""
        threshold = self.settings.threshold
        if threshold >= INF_BAD:
            return INF
        return max((max(threshold, 0.0) / 100.0) ** (1.0 / 3.0) * (1.0 + 1e-9), 1e-3)

    def _cutoff(self, first: _Breakpoint, r_hi: float) -> tuple[float, float]:
        """Which breakpoints b the walk may pass over: those where Σw + r_hi·Σy at b is below the
        cutoff (and no fill glue came since `first`, the second value). There the line from
        `first`, the longest of any active's, has r > r_hi: too loose, so the loop over the
        actives would stop at `first` and add or remove nothing. The margin covers rounding,
        so the test never passes over a breakpoint the exact one would not (-INF: never)."""
        if r_hi == INF or (first.start and not self.cut_short):
            return -INF, 0.0
        m = self.first_measure if first.start else self.measure
        c = m + first.total_w + r_hi * (first.total_y - self.extra)
        return c - 1e-6 - 1e-12 * abs(c), first.total_f

    def _new_breakpoint(
        self, bp: Breakpoint, candidates: Candidates, adj_demerits: float
    ) -> _Breakpoint:
        """Active nodes at b, one per fitness class within adj_demerits of the best (the paper's
        pruning); with looseness, of the best ending the same number of lines (as TeX)."""
        b = bp[0]
        if not self.by_line:  # one group: every key is a fitness class
            values = candidates.values()
            low = INF
            for d, _, _ in values:
                if d < low:
                    low = d
            low += adj_demerits
            nodes = [_Node(b, a.line + 1, c, d, a) for d, a, c in values if d <= low]
        else:
            nodes = self._nodes_by_line(b, candidates, adj_demerits)
        w, y, z, f = line_start(self.items, bp)[1]
        return _Breakpoint(b, False, w, y, z, f, bp[3], nodes)

    def _nodes_by_line(self, b: int, candidates: Candidates, adj_demerits: float) -> list[_Node]:
        """With looseness: per number of lines, the classes within adj_demerits of its best."""
        best: dict[int, float] = {}
        for key, (d, a, _) in candidates.items():
            group = a.line if isinstance(key, tuple) else 0
            if d < best.get(group, INF):
                best[group] = d
        nodes = [
            _Node(b, a.line + 1, c, d, a)
            for key, (d, a, c) in candidates.items()
            if d <= best[a.line if isinstance(key, tuple) else 0] + adj_demerits
        ]
        return nodes


def _choose(active: list[_Node], looseness: int) -> list[int]:
    """Breaks of the best final node; with looseness, the line count nearest best + looseness."""
    best = min(active, key=lambda n: n.demerits)
    if looseness:
        lo, hi = sorted((best.line, best.line + looseness))
        within = [n for n in active if lo <= n.line <= hi]
        best = min(within, key=lambda n: (-abs(n.line - best.line), n.demerits))
    breaks: list[int] = []
    node: _Node | None = best
    while node is not None and node.prev is not None:
        breaks.append(node.position)
        node = node.prev
    breaks.reverse()
    return breaks
