"""Right-to-left and mixed lines: the Unicode bidirectional algorithm (UAX #9) on set lines.

Lines are broken in logical order (the order of the source), as UAX #9
prescribes, then each line is reordered for display: the resolved levels
come from python-bidi's implementation of the algorithm, and rule L2
reverses every run at an odd level, so an Urdu phrase in an English sentence
reads right to left in its place, and a paragraph whose base direction is
right to left is set flush right with its words from right to left.

What a reader of the PDF gets matters as much as what it shows. Text
extraction (pdfminer, pdfplumber, most search indexes) does no bidi: it reads
glyphs left to right. So a reordered stretch of a line is drawn twice: its
shaped glyphs, visible, in visual order (`Frag.glyphs`, read back as spaces
so they are not taken for letters), and its logical text,
invisible (`Frag.hidden`, PDF text render mode 3, as an OCR text layer is),
laid left to right over the same stretch. Copying, searching and extracting
then give the text in the order it was written.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from bidi import algorithm as _uba
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import TTFont

from typeset.text import shaping
from typeset.text.fonts import FontBook
from typeset.text.scripts import has_rtl, needs_shaping
from typeset.text.types import Align, Frag, Line, StyledRun, make_frag, restyled
from typeset.values import Record


def base_level(runs: Sequence[StyledRun], direction: str = "auto") -> int | None:
    """The paragraph's base level (0 left to right, 1 right to left), or None when it needs
    no reordering at all: left to right with no right-to-left character."""
    if direction == "rtl":
        return 1
    rtl = any(has_rtl(r.text) for r in runs)
    if direction == "ltr":
        return 0 if rtl else None
    if not rtl:
        return None
    text = "".join(r.text for r in runs if r.mark is None)
    return _uba.get_base_level(text)


def levels(text: str, base: int) -> list[int]:
    """The resolved embedding level of each character of one line (rules P-X-W-N-I, and L1)."""
    storage = _uba.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = "LR"[base]
    _uba.get_embedding_levels(text, storage)
    for i, ch in enumerate(storage["chars"]):
        ch["idx"] = i
        if ch["type"] in _ISOLATES:  # these steps predate isolates (Unicode 6.3): neutral, not a crash
            ch["type"] = ch["orig"] = "ON"
    _uba.explicit_embed_and_overrides(storage)
    _uba.resolve_weak_types(storage)
    _resolve_brackets(storage["chars"], base)
    _uba.resolve_neutral_types(storage, False)
    _uba.resolve_implicit_levels(storage, False)
    out: list[int | None] = [None] * len(text)
    for ch in storage["chars"]:
        out[ch["idx"]] = ch["level"]
    prev = base
    resolved: list[int] = []
    for lev in out:  # characters removed by X9 (joiners, embeddings) go with the one before
        prev = prev if lev is None else lev
        resolved.append(prev)
    for i in range(len(text) - 1, -1, -1):  # L1: trailing white space at the base level
        if not text[i].isspace():
            break
        resolved[i] = base
    return resolved


_ISOLATES = frozenset({"LRI", "RLI", "FSI", "PDI"})
_OPENING = dict(zip("([{\u2045\u207d\u208d\u2329\u2768\u27e8\u3008\u300a\u300c\u300e\u3010\u3014\uff08\uff3b\uff5b\uff62",
                    ")]}\u2046\u207e\u208e\u232a\u2769\u27e9\u3009\u300b\u300d\u300f\u3011\u3015\uff09\uff3d\uff5d\uff63",
                    strict=True))
_CLOSING = frozenset(_OPENING.values())


def _strong(t: str) -> str | None:
    """A resolved type as a direction for rule N0: numbers count as right to left."""
    return "L" if t == "L" else "R" if t in ("R", "AN", "EN") else None


def _resolve_brackets(chars: list[dict], base: int) -> None:
    """Rule N0 (UAX #9 since Unicode 6.3, which python-bidi's steps predate): a bracket pair
    takes the embedding direction if that direction is found inside, else the other one found
    inside when the text before the pair has it too, so "(Quran 94:6)" inside Arabic keeps
    its brackets around the reference, not one at each end."""
    if not any(ch["ch"] in _OPENING or ch["ch"] in _CLOSING for ch in chars):
        return
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(chars):
        c = ch["ch"]
        if ch["type"] != "ON":
            continue
        if c in _OPENING:
            if len(stack) == 63:  # BD16: stop looking at an overflow
                break
            stack.append((_OPENING[c], i))
        elif c in _CLOSING:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == c:
                    pairs.append((stack[k][1], i))
                    del stack[k:]
                    break
    for o, c in sorted(pairs):
        embedding = "R" if chars[o]["level"] % 2 else "L"
        inside = {_strong(ch["type"]) for ch in chars[o + 1:c]} - {None}
        if embedding in inside:
            direction = embedding
        elif inside:
            # the other direction: kept if the text before the pair has it, else the embedding's
            direction = next((d for d in (_strong(ch["type"]) for ch in reversed(chars[:o])) if d), "LR"[base])
        else:
            continue
        chars[o]["type"] = chars[c]["type"] = direction


@dataclass(slots=True, eq=False, repr=False)
class _Unit(Record):
    """A piece of a frag at one level, or the gap before a frag; `order` is its logical index."""

    order: int
    level: int
    width: float
    frag: Frag | None = None
    text: str = ""


def reorder(line: Line, base: int, fonts: FontBook, *, measure: float, indent: float, align: Align,
            layer_font: str) -> Line:
    """`line` (set in logical order, x from the paragraph's left edge) in display order.

    `measure` is the paragraph's full measure and `indent` this line's first-line
    indent, which a right-to-left paragraph takes on its right. Extraction
    takes each character's box from its face's descent, and Naskh's is deep
    (0.63 em): the invisible text is moved so its boxes sit where those of
    `layer_font` (the paragraph's own) would, or a note mark after an Arabic
    word would stand too high above its line to read as that word's mark."""
    if not line.frags:
        return line
    units = _units(line.frags, base, fonts)
    if base == 0 and all(u.level == 0 for u in units):
        return line
    visual = _l2(units)
    if base == 1:
        room = measure - indent
        if align == "center":
            x = (room - line.width) / 2
        elif align == "right":
            x = 0.0
        else:
            x = room - line.width
    else:
        x = line.frags[0].x
    placed: list[tuple[float, _Unit]] = []
    for u in visual:
        placed.append((x, u))
        x += u.width
    frags: list[Frag] = []
    hidden: list[Frag] = []
    for region in _regions(placed, base):
        pieces = [(px, u) for px, u in region if u.frag is not None]
        in_order = [u.order for _, u in pieces] == sorted(u.order for _, u in pieces)
        if in_order and all(u.level % 2 == 0 for _, u in pieces):
            frags.extend(_plain(px, u) for px, u in pieces)
            continue
        frags.extend(_glyph_frag(px, u) for px, u in pieces)
        hidden.extend(_logical_layer(region, layer_font, fonts))
    return replace(line, frags=tuple(frags) + tuple(hidden))


def _units(frags: Sequence[Frag], base: int, fonts: FontBook) -> list[_Unit]:
    """Pieces and gaps of the line in logical order, each with its resolved level."""
    text_parts: list[str] = []
    spans: list[tuple[int, int, int]] = []  # (frag index or -1 for a gap, start, end) in the line text
    pos = 0
    gaps: list[float] = []
    for i, f in enumerate(frags):
        if i:
            prev = frags[i - 1]
            gap = f.x - (prev.x + prev.width)
            if gap > 0.01:
                text_parts.append(" ")
                spans.append((-1, pos, pos + 1))
                gaps.append(gap)
                pos += 1
        text_parts.append(f.text)
        spans.append((i, pos, pos + len(f.text)))
        pos += len(f.text)
    lev = levels("".join(text_parts), base)
    units: list[_Unit] = []
    g = 0
    for i, start, end in spans:
        if i < 0:
            units.append(_Unit(len(units), lev[start], gaps[g]))
            g += 1
            continue
        f = frags[i]
        cuts = [start] + [j for j in range(start + 1, end) if lev[j] != lev[j - 1]] + [end]
        if len(cuts) == 2:
            units.append(_Unit(len(units), lev[start] if end > start else base, f.width, f, f.text))
            continue
        texts = [f.text[a - start:b - start] for a, b in zip(cuts, cuts[1:], strict=False)]
        widths = [_natural(t, f.font, f.size, fonts) for t in texts]
        total = sum(widths) or 1.0
        for a, t, w in zip(cuts, texts, widths, strict=False):
            units.append(_Unit(len(units), lev[a], w * f.width / total, f, t))
    return units


def _natural(text: str, font: str, size: float, fonts: FontBook) -> float:
    if needs_shaping(text) and isinstance(getFont(font), TTFont):
        return shaping.shaped_width(text, font, size)
    return fonts.width(text, font, size)


def _l2(units: list[_Unit]) -> list[_Unit]:
    """Rule L2: from the highest level down to the lowest odd one, reverse every run at or above it."""
    out = list(units)
    top = max(u.level for u in out)
    odd = [u.level for u in out if u.level % 2]
    low = min(odd) if odd else top + 1
    for level in range(top, low - 1, -1):
        i = 0
        while i < len(out):
            if out[i].level >= level:
                j = i
                while j < len(out) and out[j].level >= level:
                    j += 1
                out[i:j] = out[i:j][::-1]
                i = j
            else:
                i += 1
    return out


def _regions(placed: list[tuple[float, _Unit]], base: int) -> list[list[tuple[float, _Unit]]]:
    """Stretches drawn as a whole: runs above the base level (all of a right-to-left line);
    the text between them is one region per unit, drawn as it is."""
    if base == 1:
        return [placed]
    out: list[list[tuple[float, _Unit]]] = []
    current: list[tuple[float, _Unit]] = []
    for px, u in placed:
        if u.level > 0:
            current.append((px, u))
            continue
        if current:
            out.append(current)
            current = []
        out.append([(px, u)])
    if current:
        out.append(current)
    return out


def _plain(x: float, u: _Unit) -> Frag:
    assert u.frag is not None
    return replace(u.frag, x=x, width=u.width, text=u.text)


def _glyph_frag(x: float, u: _Unit) -> Frag:
    """The piece's glyphs as HarfBuzz places them (right to left at an odd level)."""
    f = u.frag
    assert f is not None
    if not isinstance(getFont(f.font), TTFont):  # a standard PDF font: no glyph access, mirror by hand
        text = u.text[::-1] if u.level % 2 else u.text
        return replace(f, x=x, width=u.width, text=text)
    shaped = shaping.shape(u.text, f.font, bool(u.level % 2))
    return restyled(f, x=x, width=u.width, text=u.text, glyphs=shaped.glyphs)


def _logical_layer(region: list[tuple[float, _Unit]], layer_font: str, fonts: FontBook) -> list[Frag]:
    """The region's text in logical order, invisible, left to right over the region's width,
    each piece raised or lowered so its characters' boxes sit where `layer_font`'s would."""
    x = region[0][0]
    out: list[Frag] = []
    for u in sorted((u for _, u in region), key=lambda u: u.order):
        f = u.frag
        if f is not None and u.text.strip():
            rise = f.rise + fonts.descent(f.font, f.size) - fonts.descent(layer_font, f.size)
            out.append(make_frag(x, u.width, u.text, f.font, f.size, f.color, rise, hidden=True))
        x += u.width
    return out
