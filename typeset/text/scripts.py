"""Which characters need more than drawing one glyph per character.

Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, ...) need the
Unicode bidirectional algorithm, and the joining ones (Arabic, Urdu, Syriac)
need shaping; Chinese, Japanese and Korean text has no spaces and breaks
between characters. These tests run on every word, so they answer from a
compiled character class and only after the cheap `isascii` test fails;
nothing here imports the shaping or bidi libraries.

The CJK and Hangul classes span some 40,000 code points, which `re` walks one
by one to compile them (a twentieth of the command's start-up); they are
compiled on first use, which only text holding a character from U+1100 up
(CJK from U+2E80 up) reaches, so a Latin-script brief never pays for them.
"""
from __future__ import annotations

import functools
import re

# Strong right-to-left blocks: Hebrew .. NKo/Samaritan/Mandaic/Arabic Extended, the
# Hebrew and Arabic presentation forms, and the RTL blocks of the supplementary planes.
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
# Scripts whose letters join and take contextual forms: shaped with HarfBuzz.
_JOINING = re.compile("[\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufefe\u0700-\u074f\u07c0-\u07ff]")
# Ideographs, kana and CJK punctuation: a line may break between any two of them.
_CJK_FIRST = "\u2e80"  # the class's lowest character


@functools.cache
def _cjk() -> re.Pattern[str]:
    return re.compile(
        "[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
        "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\U00020000-\U0003134f]"
    )


# Hangul: Korean separates words with spaces, so it is covered by the CJK font but
# broken at spaces like Latin text.
_HANGUL_FIRST = "\u1100"


@functools.cache
def _hangul() -> re.Pattern[str]:
    return re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


# Kinsoku (JIS X 4051): no line starts with these ...
NO_BREAK_BEFORE = frozenset(
    "\u3001\u3002\uff0c\uff0e\u30fb\uff1a\uff1b\uff1f\uff01\u309b\u309c\u30fd\u30fe\u309d\u309e"
    "\u3005\u30fc\u2015\u301c\uff09\u3015\uff3d\uff5d\u3009\u300b\u300d\u300f\u3011\u3019\u301b"
    "\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308e\u30a1\u30a3\u30a5\u30a7\u30a9"
    "\u30c3\u30e3\u30e5\u30e7\u30ee\u30f5\u30f6)]}.,;:!?"
)
# ... and none ends with these.
NO_BREAK_AFTER = frozenset("\uff08\u3014\uff3b\uff5b\u3008\u300a\u300c\u300e\u3010\u3018\u301a([{")


def has_rtl(text: str) -> bool:
    """Whether `text` holds a strong right-to-left character (so its line needs bidi)."""
    return not text.isascii() and _RTL.search(text) is not None


def needs_shaping(text: str) -> bool:
    """Whether `text` holds letters of a joining script (drawn from HarfBuzz's glyphs)."""
    return not text.isascii() and _JOINING.search(text) is not None


def has_cjk(text: str) -> bool:
    """Whether `text` holds ideographs, kana or CJK punctuation (breakable between characters)."""
    return not text.isascii() and max(text) >= _CJK_FIRST and _cjk().search(text) is not None


def is_cjk(ch: str) -> bool:
    return ch >= _CJK_FIRST and _cjk().match(ch) is not None


def is_hangul(ch: str) -> bool:
    return ch >= _HANGUL_FIRST and _hangul().match(ch) is not None


def cjk_breaks(s: str) -> list[int]:
    """Offsets inside `s` where a line may break between CJK characters (kinsoku kept)."""
    out = []
    for i in range(1, len(s)):
        a, b = s[i - 1], s[i]
        if (is_cjk(a) or is_cjk(b)) and not (a.isascii() and b.isascii()) \
                and b not in NO_BREAK_BEFORE and a not in NO_BREAK_AFTER \
                and not (a.isascii() and a.isalnum()) and not (b.isascii() and b.isalnum()):
            out.append(i)
    return out
