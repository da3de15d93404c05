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

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from typeset.text.fonts import FontBook, FontMetrics, word_units
from typeset.text.hyphenate import Hyphenator
from typeset.text.params import INF_PENALTY, BreakParams
from typeset.text.scripts import cjk_breaks, has_cjk, has_rtl, needs_shaping
from typeset.text.types import StyledRun
from typeset.values import Record

_SPACE_SPLIT = re.compile(r"([^\S\u00a0\u2007\u202f]+)")  # breakable whitespace
_NBSP_SPLIT = re.compile(r"([\u00a0\u2007\u202f]+)")
_DASHES = re.compile(r"[-\u2010\u2013\u2014]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_URL_BREAK_AFTER = frozenset("/.-_?&=")
_SLOW_CHARS = re.compile(r"[-\u2010\u2013\u2014\u00a0\u2007\u202f]")  # dashes and no-break spaces
_SLOW_SET = frozenset("-\u2010\u2013\u2014\u00a0\u2007\u202f")  # the same characters
_NBSP = re.compile(r"[\u00a0\u2007\u202f]")
_SOFT_HYPHEN = "\u00ad"
_ZWSP = "\u200b"
_JOINERS = "\u200c\u200d"  # zero-width non-joiner and joiner


@dataclass(slots=True, eq=False, repr=False)
class Box(Record):
    """Text that is drawn: `font` may be a fallback font, the rest of the style is `run`'s."""

    width: float
    text: str
    font: str
    run: StyledRun


@dataclass(slots=True, eq=False, repr=False)
class Glue(Record):
    """Breakable space; `fill` is infinitely stronger stretch (TeX's fil order)."""

    width: float
    stretch: float
    shrink: float
    fill: float = 0.0


@dataclass(slots=True, eq=False, repr=False)
class Penalty(Record):
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
    return collect_items(runs, fonts, params, hyphenator=hyphenator, ragged=ragged,
                         count_missing=count_missing).items


@dataclass(slots=True, eq=False, repr=False)
class ParagraphItems(Record):
    """A paragraph's items and where its words lie in them, so that hyphenation points can be
    added later (TeX's second pass) by rebuilding only the words that have some.

    `words` holds (start, end, token, run, plain) per token that hyphenation may split:
    items[start:end] are its items; `plain` means it became one box of its run's font.
    `spliceable` is False when a token's items ended in a break that a later mark or the
    paragraph's end took away again; then the ranges do not hold and a full rebuild must do.
    """

    items: list[Item]
    words: list[tuple[int, int, str, StyledRun, bool]]
    spliceable: bool
    fonts: FontBook
    params: BreakParams
    ragged: bool


def collect_items(
    runs: Sequence[StyledRun],
    fonts: FontBook,
    params: BreakParams,
    *,
    hyphenator: Hyphenator | None = None,
    ragged: bool = False,
    count_missing: bool = True,
) -> ParagraphItems:
    """`build_items`, with the word ranges that `with_hyphenation` needs."""
    builder = _Builder(fonts, params, hyphenator, ragged, count_missing)
    for run in runs:
        if run.mark is not None:
            builder.add_mark(run)
            if run.break_after:
                builder.newline()
            continue
        builder.add_run(run)
    items = builder.finish()
    return ParagraphItems(items, builder.words, builder.spliceable, fonts, params, ragged)


def with_hyphenation(built: ParagraphItems, hyphenator: Hyphenator) -> list[Item] | None:
    """The items `build_items(..., hyphenator=hyphenator, count_missing=False)` would give,
    made from `built` (built without a hyphenator) by rebuilding only the words that have
    hyphenation points; None when `built` cannot be spliced (see `ParagraphItems`)."""
    if not built.spliceable:
        return None
    items = built.items
    if not built.words or not items:
        return items
    mini = _Builder(built.fonts, built.params, hyphenator, built.ragged, False)
    hyph = mini.hyphenator
    if hyph is None:
        return items
    out: list[Item] = []
    done = 0
    memo = hyph.break_memo  # read here first: most words of a paragraph are known
    for start, end, token, run, plain in built.words:
        if plain:
            points = memo.get(token)
            if points is None:
                points = _plain_break_points(token, hyph)
            if not points:
                continue
            out.extend(items[done:start])
            mini.syllables(token, run, points, out)
        else:
            out.extend(items[done:start])
            seed = out[-1:]
            mini.items = list(seed)
            mini.pending = None
            mini.add_word(token, run)
            out.extend(mini.items[len(seed):])
        done = end
    if done == 0:
        return items  # no word had a point: the same items
    out.extend(items[done:])
    return out


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
        self.flushed_at = -1  # index of the glue the last `_flush_space` added
        self.words: list[tuple[int, int, str, StyledRun, bool]] = []
        self.spliceable = True

    def add_run(self, run: StyledRun) -> None:
        """The words and spaces of a run that is not a mark.

        A plain word (printable, no dash or no-break space, every character in
        the run's font, not a URL, not to be hyphenated now) becomes one box
        measured from the font's word memo; anything else takes `add_word`.
        """
        text = run.text
        # Printable text holds no whitespace but the plain space (see str.isprintable): there a
        # C-level split gives the same words (an empty one between two spaces is skipped below).
        tokens = text.split(" ") if text.isprintable() else _SPACE_SPLIT.split(text)[0::2]
        items = self.items
        size = run.size
        font = run.font
        m = self.fonts.metrics(font)
        known, covered = m.words, m.covered
        plain = m.plain if m.plain is not None else _plain_chars(m)
        simple = not run.url and (self.hyphenator is None or not run.hyphenate)
        record = run.hyphenate and not run.url and self.hyphenator is None
        words = self.words
        space: Glue | None = None
        for n, part in enumerate(tokens):  # the words; a space stood before each but the first
            if n and self.pending is None:
                self.pending = run
            if not part:
                continue
            if simple and plain.issuperset(part):  # printable, no dash or no-break space, all in the font
                pending = self.pending
                if pending is run and items:  # `_flush_space` for a space of this very run
                    self.pending = None
                    if space is None:
                        space = Glue(*self._space_glue(run))
                    self.flushed_at = len(items)
                    items.append(space)  # one Glue for every space of the run: items are never changed
                elif pending is not None:
                    self._flush_space()
                units = known.get(part)
                if units is None:
                    units = word_units(m, part)
                start = len(items)
                items.append(Box(units * size * 0.001, part, font, run))
                if record:
                    words.append((start, start + 1, part, run, True))
                continue
            if run.url and part.isprintable() and _NBSP.search(part) is None and covered.issuperset(part):
                pending = self.pending
                if pending is run and items:
                    self.pending = None
                    if space is None:
                        space = Glue(*self._space_glue(run))
                    self.flushed_at = len(items)
                    items.append(space)  # one Glue for every space of the run: items are never changed
                elif pending is not None:
                    self._flush_space()
                self._url_pieces(part, run, m)
                continue
            self.flushed_at = -1
            before = len(items)
            self.add_word(part, run)
            if record:
                start = before + 1 if self.flushed_at == before else before
                end = len(items)
                if end > start:
                    words.append((start, end, part, run, False))
                    if type(items[-1]) is not Box:
                        self.spliceable = False

    def space(self, run: StyledRun) -> None:
        if self.pending is None:
            self.pending = run

    def _url_pieces(self, token: str, run: StyledRun, m: FontMetrics) -> None:
        """What `add_word` makes of a URL all in its run's font: a box per piece between
        the URL's break points, a URL penalty after each but the last."""
        items, size, font = self.items, run.size, run.font
        known = m.words
        penalty = self.params.url_penalty
        prev = 0
        for pos, _ in (*_break_points(token, True, None), (len(token), "")):
            piece = token[prev:pos]
            units = known.get(piece)
            if units is None:
                units = word_units(m, piece)
            if prev:
                items.append(Penalty(0.0, penalty, False, "url"))
            items.append(Box(units * size * 0.001, piece, font, run))
            prev = pos

    def syllables(self, token: str, run: StyledRun, points: list[tuple[int, str]], out: list[Item]) -> None:
        """What `add_word` makes of a plain word (one that `add_run` set as a single box) with
        hyphenation `points`: a box per syllable, a hyphen penalty between them. The syllables
        and their widths are remembered by the hyphenator, per word, font and size."""
        font, size = run.font, run.size
        memo = self.hyphenator.syllable_memo  # type: ignore[union-attr]
        key = (token, font, size)
        found = memo.get(key)
        if found is None:
            fonts = self.fonts
            cuts = [0, *(pos for pos, _ in points), len(token)]
            pieces = tuple((token[a:b], fonts.width(token[a:b], font, size)) for a, b in itertools.pairwise(cuts))
            if len(memo) >= BREAK_MEMO_LIMIT:
                memo.clear()
            found = memo[key] = (pieces, fonts.width("-", font, size))
        pieces, dash = found
        penalty = self.params.hyphen_penalty
        append = out.append
        first, width = pieces[0]
        append(Box(width, first, font, run))
        for piece, width in pieces[1:]:
            append(Penalty(dash, penalty, True, "hyphen", Box(dash, "-", font, run)))
            append(Box(width, piece, font, run))

    def _space_glue(self, run: StyledRun) -> tuple[float, float, float]:
        """Width, stretch and shrink of an interword space in `run`'s style."""
        w = self.fonts.width(" ", run.font, run.size)
        return (w, 0.0, 0.0) if self.ragged else (w, w / 2, w / 3)

    def _flush_space(self) -> None:
        run, self.pending = self.pending, None
        if run is None or not self.items:
            return
        self.flushed_at = len(self.items)
        self.items.append(Glue(*self._space_glue(run)))

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
        points = _break_points(s, run.url, self.hyphenator if allow_hyphenation and run.hyphenate else None)
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


def _plain_chars(m: FontMetrics) -> frozenset[str]:
    """The characters of font `m` a word set as one box may hold: printable, covered by the
    font, no dash or no-break space (`_SLOW_CHARS`); worked out once per font."""
    m.plain = frozenset(filter(str.isprintable, m.covered - _SLOW_SET))
    return m.plain


def _plain_break_points(s: str, hyphenator: Hyphenator) -> list[tuple[int, str]]:
    """`_break_points` of a word outside a URL, remembered by the hyphenator: a plain word's
    points depend on nothing else, and the second pass asks for every word of its paragraph.
    The list is shared: read it, never change it."""
    memo = hyphenator.break_memo
    found = memo.get(s)
    if found is None:
        if len(memo) >= BREAK_MEMO_LIMIT:
            memo.clear()
        found = memo[s] = _break_points(s, False, hyphenator)
    return found


BREAK_MEMO_LIMIT = 100_000


def _break_points(s: str, url: bool, hyphenator: Hyphenator | None) -> list[tuple[int, str]]:
    """Sorted (offset, kind) of the breaks inside `s` (a URL's when `url`), never at its ends."""
    n = len(s)
    if url:
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
