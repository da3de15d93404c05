"""Text stage: styled runs to lines of positioned fragments (Knuth-Plass total fit).

`break_paragraph` is the one entry point; `FontBook` owns fonts and metrics.
"""

from __future__ import annotations

from typeset.text.fonts import FaceFiles, FontBook, FontError
from typeset.text.hyphenate import Hyphenator
from typeset.text.paragraph import break_paragraph, get_hyphenator
from typeset.text.params import BreakParams
from typeset.text.types import Align, Frag, Line, StyledRun

__all__ = [
    "Align",
    "BreakParams",
    "FaceFiles",
    "FontBook",
    "FontError",
    "Frag",
    "Hyphenator",
    "Line",
    "StyledRun",
    "break_paragraph",
    "get_hyphenator",
]
