"""Lengths and colours as written in layouts and briefs, parsed by fixed grammars.

Nothing here evaluates text: a length is a number and a unit matched by a
regular expression, a colour is ``#rgb`` or ``#rrggbb``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from typeset.values import Value

POINTS_PER = {"pt": 1.0, "mm": 72.0 / 25.4, "cm": 72.0 / 2.54, "in": 72.0, "em": None}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?|-?\.\d+)\s*(pt|mm|cm|in|%)?\s*$")
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


@dataclass(slots=True, eq=False, repr=False)
class Length(Value):
    """A length in points, or a share of a reference width (`percent`)."""

    points: float = 0.0
    percent: float | None = None

    def resolve(self, reference: float) -> float:
        """Points, taking `percent` against `reference` (the text width)."""
        if self.percent is not None:
            return reference * self.percent / 100.0
        return self.points


def parse_length(text: object, *, allow_percent: bool = True, allow_negative: bool = False) -> Length:
    """Parse ``12pt``, ``20mm``, ``2.5cm``, ``1in``, ``60%`` or a bare number (points).

    Raises ValueError with a message fit for the user.
    """
    if isinstance(text, bool):
        raise ValueError(f"expected a length such as 12pt, 20mm, 2cm, 1in or 50%, got {text!r}")
    if isinstance(text, (int, float)):
        text = str(text)
    if not isinstance(text, str):
        raise ValueError(f"expected a length such as 12pt, 20mm, 2cm, 1in or 50%, got {type(text).__name__}")
    m = _LENGTH.match(text)
    if not m:
        raise ValueError(f"bad length {text!r}; expected a number with pt, mm, cm, in or %")
    value, unit = float(m.group(1)), m.group(2) or "pt"
    if value < 0 and not allow_negative:
        raise ValueError(f"length {text!r} must not be negative")
    if unit == "%":
        if not allow_percent:
            raise ValueError(f"length {text!r} cannot be a percentage here")
        return Length(percent=value)
    return Length(points=value * POINTS_PER[unit])


def parse_color(text: object) -> str:
    """Normalise ``#rgb`` / ``#rrggbb`` to lower-case ``#rrggbb``."""
    if not isinstance(text, str) or not _COLOR.match(text.strip()):
        raise ValueError(f"bad colour {text!r}; expected #rrggbb or #rgb")
    t = text.strip().lower()
    if len(t) == 4:
        t = "#" + "".join(ch * 2 for ch in t[1:])
    return t


def color_rgb(hex_color: str) -> tuple[float, float, float]:
    """(r, g, b) in 0..1 from a normalised ``#rrggbb``."""
    return tuple(int(hex_color[i:i + 2], 16) / 255.0 for i in (1, 3, 5))  # type: ignore[return-value]


PAGE_SIZES = {
    "a4": (595.2756, 841.8898),
    "a5": (419.5276, 595.2756),
    "letter": (612.0, 792.0),
    "legal": (612.0, 1008.0),
}
