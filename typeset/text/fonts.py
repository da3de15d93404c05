"""Font files, their metrics, and per-character fallback.

ReportLab is only the backend: `FontBook` registers each TrueType file with it
once, under the file's stem, and answers width and coverage questions from
its own caches. Widths come from the face's advance widths (the same numbers
ReportLab uses when it draws), summed per word and cached, which is several
times faster than `pdfmetrics.stringWidth` per call. Characters the current
font lacks are drawn with the first fallback family that has them; a character
no font has is counted in `missing` so the caller can warn (ReportLab would
otherwise draw a blank `.notdef` box without a word).

A book is shared by the renders of one layout, in threads too: its caches
only ever gain entries that any thread would compute alike, registration
with ReportLab's process-wide registry runs under a lock, and each render
counts its missing characters in its own view of the book (`for_render`).
"""

from __future__ import annotations

import copy
import hashlib
import threading
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from typeset.errors import TypesetError
from typeset.text.ttfont import TaggedTTFont
from typeset.values import Record, Value

# The standard PDF families need no file; handy for tests with fixed metrics.
_STANDARD: dict[str, tuple[str, str, str, str]] = {
    "Courier": ("Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique"),
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"),
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"),
}
_WORD_CACHE_LIMIT = 200_000
_JOINERS = "\u200c\u200d"
_IGNORABLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})
_REGISTERING = threading.RLock()  # ReportLab's font registry is one per process


class FontError(TypesetError):
    """A font family is unknown or a font file cannot be used."""


@dataclass(slots=True, eq=False, repr=False)
class FaceFiles(Value):
    """The TrueType files of one family; absent styles borrow the nearest one."""

    regular: Path
    bold: Path | None = None
    italic: Path | None = None
    bold_italic: Path | None = None


@dataclass(slots=True, eq=False, repr=False)
class _Metrics(Record):
    """What one registered font answers from, built once per font name."""

    widths: dict[str, float]  # char -> advance in 1/1000 em
    default: float
    covered: frozenset[str]
    ascent: float  # 1/1000 em above the baseline
    descent: float  # 1/1000 em below the baseline, positive
    words: dict[str, float]  # word -> advance in 1/1000 em
    plain: frozenset[str] | None = None  # of `covered`, what a one-box word may hold (text/items.py)


FontMetrics = _Metrics  # the name other modules annotate with


def is_ignorable(ch: str) -> bool:
    """Whitespace and invisible format characters: never flagged as missing."""
    return ch.isspace() or unicodedata.category(ch) in _IGNORABLE_CATEGORIES


class FontBook:
    """Families of font files plus fallback order, registered with ReportLab on first use."""

    def __init__(self, families: Mapping[str, FaceFiles], fallback: Sequence[str] = ()) -> None:
        self.families: dict[str, FaceFiles] = dict(families)
        self.fallback: tuple[str, ...] = tuple(fallback)
        self.missing: dict[str, int] = {}
        self.shared: dict[object, object] = {}  # see for_render
        self._faces: dict[tuple[str, bool, bool], str] = {}
        self._style: dict[str, tuple[bool, bool]] = {}
        self._metrics: dict[str, _Metrics] = {}
        self._choice: dict[tuple[str, str], str | None] = {}
        for name in self.fallback:
            if name not in self.families and name not in _STANDARD:
                raise FontError(f"fallback family {name!r} is not defined; known: {self._known()}")

    def for_render(self) -> FontBook:
        """A view sharing this book's caches with a `missing` count of its own, so renders that
        run at the same time never mix their warnings, and a `shared` table of its own: one
        object per distinct value of a frag's text and width (see text/setline.py), which the
        render's lines hold until they are drawn and which dies with the render."""
        view = copy.copy(self)
        view.missing = {}
        view.shared = {}
        return view

    # -- faces ---------------------------------------------------------------

    def face(self, family: str, bold: bool = False, italic: bool = False) -> str:
        """The registered font name for a style of `family`, loading its file if needed."""
        key = (family, bold, italic)
        name = self._faces.get(key)
        if name is None:
            name, style = self._resolve(family, bold, italic)
            self._faces[key] = name
            self._style[name] = style
        return name

    def _resolve(self, family: str, bold: bool, italic: bool) -> tuple[str, tuple[bool, bool]]:
        """The font name and the (bold, italic) style of the face actually used."""
        files = self.families.get(family)
        if files is None:
            std = _STANDARD.get(family)
            if std is None:
                raise FontError(f"unknown font family {family!r}; known: {self._known()}")
            return std[(1 if bold else 0) + (2 if italic else 0)], (bold, italic)
        order: list[tuple[Path | None, bool, bool]] = []
        if bold and italic:
            order = [(files.bold_italic, True, True), (files.bold, True, False), (files.italic, False, True)]
        elif bold:
            order = [(files.bold, True, False)]
        elif italic:
            order = [(files.italic, False, True)]
        path, b, i = next(((p, b, i) for p, b, i in order if p is not None), (files.regular, False, False))
        return self._register(Path(path)), (b, i)  # type: ignore[arg-type]

    def _register(self, path: Path) -> str:
        """Register `path` under its stem (or stem plus a path hash if that name is taken)."""
        with _REGISTERING:
            return self._register_locked(path)

    def _register_locked(self, path: Path) -> str:
        resolved = str(path.resolve())
        name = path.stem
        known = _registered_file(name)
        if known is not None and known != resolved:
            name = f"{name}-{hashlib.sha1(resolved.encode()).hexdigest()[:8]}"
            known = _registered_file(name)
        if known is None:
            try:
                font = TaggedTTFont(name, resolved)
                _own_face_name(font, resolved)
                pdfmetrics.registerFont(font)
            except Exception as exc:  # a malformed file fails anywhere in ReportLab's parser
                raise FontError(
                    f"cannot use font file {path}: {exc}; use a TrueType (.ttf) file, not CFF/PostScript outlines"
                ) from exc
        return name

    def _known(self) -> str:
        return ", ".join(sorted({*self.families, *_STANDARD}))

    # -- metrics -------------------------------------------------------------

    def _get(self, font: str) -> _Metrics:
        m = self._metrics.get(font)
        if m is None:
            m = self._metrics[font] = _load_metrics(font)
        return m

    def metrics(self, font: str) -> FontMetrics:
        """The metrics of a registered font, for callers that measure many words in it:
        `m.words.get(text)` is the memoised advance in 1/1000 em, else `word_units(m, text)`."""
        return self._get(font)

    def width(self, text: str, font: str, size: float) -> float:
        """Advance width of `text` in points (no kerning, as ReportLab draws it)."""
        m = self._get(font)
        units = m.words.get(text)
        if units is None:
            units = word_units(m, text)
        return units * size * 0.001

    def char_widths(self, font: str, size: float) -> Callable[[str], float]:
        """A fast per-character width function, for splitting words into characters."""
        m = self._get(font)
        scale = size * 0.001
        return lambda c: m.widths.get(c, m.default) * scale

    def ascent(self, font: str, size: float) -> float:
        """Height above the baseline in points."""
        return self._get(font).ascent * size * 0.001

    def descent(self, font: str, size: float) -> float:
        """Depth below the baseline in points, as a positive number."""
        return self._get(font).descent * size * 0.001

    # -- coverage ------------------------------------------------------------

    def covers(self, font: str, ch: str) -> bool:
        """Whether `font` has a glyph for `ch` (cmap check)."""
        return ch in self._get(font).covered

    def split_fallback(self, text: str, font: str, *, count_missing: bool = True) -> list[tuple[str, str]]:
        """Split `text` into (piece, font) so each character is drawn by a font that has it.

        Characters no font has stay with `font` and are counted in `missing`
        (unless `count_missing` is False, for a second look at the same text).
        """
        if self._get(font).covered.issuperset(text):
            return [(text, font)]
        pieces: list[tuple[str, str]] = []
        start = 0
        current = font
        for i, ch in enumerate(text):
            chosen = self._font_for(ch, font, count_missing)
            if chosen == font and current != font and ch in _JOINERS:
                chosen = current  # a (non-)joiner stays in the fallback face of its word, which shapes it
            if chosen != current and i > start:
                pieces.append((text[start:i], current))
                start = i
            current = chosen
        pieces.append((text[start:], current))
        return pieces

    def _font_for(self, ch: str, font: str, count_missing: bool) -> str:
        key = (font, ch)
        if key in self._choice:
            chosen = self._choice[key]
        else:
            chosen = self._choice[key] = self._find_cover(ch, font)
        if chosen is None:
            if count_missing:
                self.missing[ch] = self.missing.get(ch, 0) + 1
            return font
        return chosen

    def _find_cover(self, ch: str, font: str) -> str | None:
        if ch in self._get(font).covered or is_ignorable(ch):
            return font
        bold, italic = self._style.get(font, (False, False))
        for family in self.fallback:
            candidate = self.face(family, bold, italic)
            if ch in self._get(candidate).covered:
                return candidate
        return None


def word_units(m: FontMetrics, text: str) -> float:
    """The advance of `text` in 1/1000 em, remembered in `m.words`.

    Keyed by the text alone, per font, and filled idempotently (the same value
    whoever computes it first), so threads sharing a FontBook need no lock.
    """
    try:
        units = sum(map(m.widths.__getitem__, text))
    except KeyError:
        units = sum(m.widths.get(c, m.default) for c in text)
    words = m.words
    if len(words) >= _WORD_CACHE_LIMIT:
        words.clear()
    words[text] = units
    return units


def _own_face_name(font: TTFont, path: str) -> None:
    """Rename the face if another file already registered its internal name.

    ReportLab maps every font whose file carries the same internal name to the
    first one registered: a brief's own font named like a bundled one would
    stand in for it in every later render of this process, or the reverse.
    """
    for other in pdfmetrics.getRegisteredFontNames():
        known = pdfmetrics.getFont(other)
        if isinstance(known, TTFont) and known.face.name == font.face.name \
                and str(Path(known.face.filename).resolve()) != path:
            font.face.name += b"-" + hashlib.sha1(path.encode()).hexdigest()[:8].encode()
            return


def _registered_file(name: str) -> str | None:
    """The file behind an already registered TrueType font name, or None."""
    if name not in pdfmetrics.getRegisteredFontNames():
        return None
    font = pdfmetrics.getFont(name)
    face = getattr(font, "face", None)
    return str(Path(getattr(face, "filename", "")).resolve()) if isinstance(font, TTFont) else name


def _load_metrics(font: str) -> _Metrics:
    try:
        obj = pdfmetrics.getFont(font)
    except (KeyError, OSError) as exc:
        raise FontError(f"font {font!r} is not registered; get names from FontBook.face()") from exc
    ascent, descent = pdfmetrics.getAscentDescent(font, 1000)
    if isinstance(obj, TTFont):
        face = obj.face
        widths = dict(zip(map(chr, face.charWidths), map(float, face.charWidths.values()), strict=True))
        covered = frozenset(map(chr, face.charToGlyph))
        default = float(face.defaultWidth)
    else:
        widths, covered = _type1_widths(obj)
        default = 0.0
    return _Metrics(widths, default, covered, float(ascent), float(-descent), {})


def _type1_widths(obj: pdfmetrics.Font) -> tuple[dict[str, float], frozenset[str]]:
    """Widths of a standard Type 1 font for the WinAnsi characters it can show."""
    widths: dict[str, float] = {}
    for code in range(32, 256):
        try:
            ch = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue
        w = obj.widths[code] if code < len(obj.widths) else 0
        if w or ch == " ":
            widths[ch] = float(w)
    return widths, frozenset(widths)
