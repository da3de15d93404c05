"""Styled runs to the box, glue and penalty items of Knuth & Plass (1981).

A word becomes one box per syllable (or per fallback-font piece) with
discretionary penalties between syllables; an interword space becomes glue
(TeX's stretch 1/2 and shrink 1/3 of the font's space, or fixed width when
ragged, where the line's right-side stretch comes from the breaker). Break
rules that are not hyphenation are encoded here too, so the breaker stays
generic: no break before a note mark, none at a no-break space, breaks after
explicit dashes and inside URLs, and the paragraph's finishing sequence
(penalty 10000, fill glue, forced break).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from typeset.text.fonts import FontBook
from typeset.text.hyphenate import Hyphenator
from typeset.text.params import INF_PENALTY, BreakParams
from typeset.text.scripts import cjk_breaks, has_cjk, has_rtl, needs_shaping
from typeset.text.types import StyledRun

_SPACE_SPLIT = re.compile(r"([^\S\u00a0\u2007\u202f]+)")  # breakable whitespace
_NBSP_SPLIT = re.compile(r"([\u00a0\u2007\u202f]+)")
_DASHES = re.compile(r"[-\u2010\u2013\u2014]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_URL_BREAK_AFTER = frozenset("/.-_?&=")
_SOFT_HYPHEN = "\u00ad"
_ZWSP = "\u200b"
_JOINERS = "\u200c\u200d"  # zero-width non-joiner and joiner


@dataclass(slots=True)
class Box:
    """Text that is drawn: `font` may be a fallback font, the rest of the style is `run`'s."""

    width: float
    text: str
    font: str
    run: StyledRun


@dataclass(slots=True)
class Glue:
    """Breakable space; `fill` is infinitely stronger stretch (TeX's fil order)."""

    width: float
    stretch: float
    shrink: float
    fill: float = 0.0


@dataclass(slots=True)
class Penalty:
    """A possible break. `kind` says why it exists:

    "hyphen" (from the dictionary, pass 2 on), "soft" (U+00AD), "explicit"
    (after a dash), "url", "zwsp", "cjk" (between ideographs or kana),
    "split" (last resort inside a word), and the unbreakable "nbsp", "mark"
    and the "finish" sequence. `hyphen` is drawn at the line end when the
    break is taken.
    """

    width: float
    penalty: float
    flagged: bool = False
    kind: str = "explicit"
    hyphen: Box | None = None


Item = Box | Glue | Penalty


def build_items(
    runs: Sequence[StyledRun],
    fonts: FontBook,
    params: BreakParams,
    *,
    hyphenator: Hyphenator | None = None,
    ragged: bool = False,
    count_missing: bool = True,
) -> list[Item]:
    """The item list of a paragraph, ending in the finishing sequence; [] if it has no text.

    Characters no font has are counted in `fonts.missing` unless `count_missing`
    is False (set it when building the same paragraph again).
    """
    builder = _Builder(fonts, params, hyphenator, ragged, count_missing)
    for run in runs:
        if run.mark is not None:
            builder.add_mark(run)
            if run.break_after:
                builder.newline()
            continue
        parts = _SPACE_SPLIT.split(run.text)
        for i, part in enumerate(parts):
            if i % 2:
                builder.space(run)
            elif part:
                builder.add_word(part, run)
    return builder.finish()


def after_break(items: Sequence[Item], b: int) -> int:
    """Index of the first item kept after a break at `b`: glue and penalties are discarded."""
    j = b + 1
    n = len(items)
    while j < n:
        it = items[j]
        if type(it) is Box or (type(it) is Penalty and it.penalty <= -INF_PENALTY):
            break
        j += 1
    return j


class _Builder:
    """Accumulates items for one paragraph; whitespace collapses to one glue."""

    def __init__(
        self,
        fonts: FontBook,
        params: BreakParams,
        hyphenator: Hyphenator | None,
        ragged: bool,
        count_missing: bool,
    ) -> None:
        self.fonts = fonts
        self.count_missing = count_missing
        self.params = params
        self.hyphenator = hyphenator if hyphenator is not None and hyphenator.available else None
        self.ragged = ragged
        self.items: list[Item] = []
        self.pending: StyledRun | None = None

    def space(self, run: StyledRun) -> None:
        if self.pending is None:
            self.pending = run

    def _flush_space(self) -> None:
        run, self.pending = self.pending, None
        if run is None or not self.items:
            return
        w = self.fonts.width(" ", run.font, run.size)
        if self.ragged:
            self.items.append(Glue(w, 0.0, 0.0))
        else:
            self.items.append(Glue(w, w / 2, w / 3))

    def add_word(self, token: str, run: StyledRun) -> None:
        """A token without breakable whitespace; it may hold no-break spaces."""
        if "\u00a0" in token or "\u2007" in token or "\u202f" in token:
            for i, part in enumerate(_NBSP_SPLIT.split(token)):
                if i % 2:
                    self._nbsp(part, run)
                elif part:
                    self._text(part, run)
        else:
            self._text(token, run)

    def _nbsp(self, spaces: str, run: StyledRun) -> None:
        self._flush_space()
        if not self.items:
            return
        space = self.fonts.width(" ", run.font, run.size)
        w = sum(
            self.fonts.width(c, run.font, run.size) if self.fonts.covers(run.font, c) else space
            for c in spaces
        )
        elastic = not self.ragged and set(spaces) == {"\u00a0"}
        self.items.append(Penalty(0.0, INF_PENALTY, kind="nbsp"))
        self.items.append(Glue(w, w / 2 if elastic else 0.0, w / 3 if elastic else 0.0))

    def _text(self, token: str, run: StyledRun) -> None:
        pieces = _clean(token) if not token.isprintable() else [(token, None)]
        soft = any(kind == "soft" for _, kind in pieces)
        more = [False] * len(pieces)  # more[i]: text follows piece i in this token
        for i in range(len(pieces) - 2, -1, -1):
            more[i] = more[i + 1] or bool(pieces[i + 1][0])
        for i, (piece, kind_after) in enumerate(pieces):
            if piece:
                self._piece(piece, run, allow_hyphenation=not soft)
            if kind_after == "zwsp" or (kind_after == "soft" and more[i]):
                self._break_after(kind_after, run)

    def _piece(self, s: str, run: StyledRun, allow_hyphenation: bool) -> None:
        """Boxes for `s`, with penalties at its internal break points."""
        if not s.isascii() and (has_rtl(s) or has_cjk(s)):
            allow_hyphenation = False  # no patterns for these scripts; a joined word must not split
        points = _break_points(s, run, self.hyphenator if allow_hyphenation and run.hyphenate else None)
        start = 0
        for pos, kind in points:
            self._boxes(s[start:pos], run)
            self._break_after(kind, run)
            start = pos
        self._boxes(s[start:], run)

    def _boxes(self, s: str, run: StyledRun) -> None:
        if not s:
            return
        self._flush_space()  # only now: a token of invisible characters adds no second space
        fonts = self.fonts
        for text, font in fonts.split_fallback(s, run.font, count_missing=self.count_missing):
            if text.isascii() or not needs_shaping(text):
                width = fonts.width(text, font, run.size)
            else:
                width = _shaped_width(text, font, run.size, fonts)
            self.items.append(Box(width, text, font, run))

    def _break_after(self, kind: str, run: StyledRun) -> None:
        """A break opportunity after the last box (none at paragraph start or next to a space)."""
        if self.pending is not None or not self.items or type(self.items[-1]) is not Box:
            return
        p = self.params
        if kind in ("hyphen", "soft"):
            last = self.items[-1]
            assert isinstance(last, Box)
            font = last.font if self.fonts.covers(last.font, "-") else run.font
            hyphen = Box(self.fonts.width("-", font, run.size), "-", font, run)
            self.items.append(Penalty(hyphen.width, p.hyphen_penalty, True, kind, hyphen))
        elif kind == "explicit":
            self.items.append(Penalty(0.0, p.ex_hyphen_penalty, True, kind))
        elif kind == "url":
            self.items.append(Penalty(0.0, p.url_penalty, False, kind))
        else:
            self.items.append(Penalty(0.0, 0.0, False, kind))

    def add_mark(self, run: StyledRun) -> None:
        """A note mark sticks to what precedes it: no break may fall just before it."""
        text = "".join(c for c in run.text if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf"))
        if not text:
            return
        self._flush_space()
        glue: Glue | None = None
        while self.items and type(self.items[-1]) is not Box:
            popped = self.items.pop()
            if isinstance(popped, Glue):
                glue = popped
        if glue is not None:
            self.items.append(Penalty(0.0, INF_PENALTY, kind="mark"))
            self.items.append(glue)
        self._boxes(text, run)

    def newline(self) -> None:
        """A forced line break here (TeX's \\newline: fill glue, then a break that must be taken)."""
        self.pending = None
        if self.items and type(self.items[-1]) is Box:
            self.items.append(Penalty(0.0, INF_PENALTY, kind="newline"))
            self.items.append(Glue(0.0, 0.0, 0.0, fill=1.0))
            self.items.append(Penalty(0.0, -INF_PENALTY, kind="newline"))

    def finish(self) -> list[Item]:
        """Drop trailing space and breaks, then add TeX's \\parfillskip ending."""
        items = self.items
        while items and type(items[-1]) is not Box:
            items.pop()
        if not items:
            return []
        items.append(Penalty(0.0, INF_PENALTY, kind="finish"))
        items.append(Glue(0.0, 0.0, 0.0, fill=1.0))
        items.append(Penalty(0.0, -INF_PENALTY, kind="finish"))
        return items


def _clean(token: str) -> list[tuple[str, str | None]]:
    """Split at soft hyphens and zero-width spaces; drop other invisible controls, but keep the
    (non-)joiners in joining scripts, where they choose letter forms (Persian and Urdu "می‌شود")."""
    out: list[tuple[str, str | None]] = []
    buf: list[str] = []
    joiners = _JOINERS if needs_shaping(token) else ""
    for c in token:
        if c in (_SOFT_HYPHEN, _ZWSP):
            out.append(("".join(buf), "soft" if c == _SOFT_HYPHEN else "zwsp"))
            buf = []
        elif unicodedata.category(c) not in ("Cc", "Cf") or c in joiners:
            buf.append(c)
    out.append(("".join(buf), None))
    return out


def _break_points(s: str, run: StyledRun, hyphenator: Hyphenator | None) -> list[tuple[int, str]]:
    """Sorted (offset, kind) of the breaks inside `s`, never at its ends."""
    n = len(s)
    if run.url:
        return [
            (i + 1, "url")
            for i in range(n - 1)
            if s[i] in _URL_BREAK_AFTER and s[i + 1] not in _URL_BREAK_AFTER
        ]
    points: list[tuple[int, str]] = []
    if not s.isascii() and has_cjk(s):
        points = [(i, "cjk") for i in cjk_breaks(s)]
    if "-" in s or "\u2010" in s or "\u2013" in s or "\u2014" in s:
        points += [(m.end(), "explicit") for m in _DASHES.finditer(s) if m.start() > 0 and m.end() < n]
    if points and points[0][1] == "cjk":
        points.sort()  # CJK breaks and breaks after dashes, in order
    if hyphenator is not None and n >= hyphenator.min_letters:
        if s.isalpha():
            points.extend((p, "hyphen") for p in hyphenator.positions(s))
        else:
            for m in _LETTERS.finditer(s):
                base = m.start()
                points.extend((base + p, "hyphen") for p in hyphenator.positions(m.group()))
        points.sort()
    return points


def _shaped_width(text: str, font: str, size: float, fonts: FontBook) -> float:
    """Joining-script text is as wide as HarfBuzz shapes it (imported only for such text)."""
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfbase.ttfonts import TTFont

    if not isinstance(getFont(font), TTFont):
        return fonts.width(text, font, size)
    from typeset.text.shaping import shaped_width

    return shaped_width(text, font, size)
