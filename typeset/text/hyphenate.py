"""Hyphenation points from Pyphen's (Hunspell/TeX) pattern dictionaries.

Only the second line-breaking pass uses them, as in TeX, so a paragraph that
sets well without hyphens never pays for pattern matching, and the patterns
are read when the first word is hyphenated (typeset/text/patterns.py).
"""

from __future__ import annotations

import functools

from typeset.text.patterns import Patterns, dictionaries, open_patterns

# Pyphen maps a bare language to whichever regional file it meets first ("en"
# is British there); briefs mean the most common region.
_PREFERRED = {"en": "en_US", "de": "de_DE", "pt": "pt_PT", "nl": "nl_NL", "it": "it_IT"}
_CACHE_LIMIT = 100_000


def resolve_language(language: str) -> str | None:
    """The Pyphen dictionary for a language code such as "en", "en-GB" or "de_CH", or None."""
    code = language.strip().replace("-", "_")
    if not code:
        return None
    parts = code.split("_", 1)
    code = parts[0].lower() + ("_" + parts[1].upper() if len(parts) > 1 else "")
    preferred = _PREFERRED.get(code)
    if preferred is not None and preferred in dictionaries():
        return preferred
    parts = code.lower().split("_")  # then the code, shorter and shorter, as `pyphen.language_fallback`
    while parts:
        found = _lowercase().get("_".join(parts))
        if found is not None:
            return found
        parts.pop()
    return None


@functools.cache
def _lowercase() -> dict[str, str]:
    return {name.lower(): name for name in dictionaries()}


class Hyphenator:
    """Cached hyphenation points for one language.

    `available` is False when Pyphen has no dictionary for the language; then
    `positions` always returns () and the caller may warn once.
    """

    def __init__(
        self,
        language: str,
        *,
        left_min: int = 2,
        right_min: int = 3,
        min_letters: int = 5,
        max_letters: int = 100,
    ) -> None:
        self.language = language
        self.dictionary = resolve_language(language)
        self.available = self.dictionary is not None
        self.min_letters = min_letters
        self.max_letters = max_letters
        self.left_min, self.right_min = left_min, right_min
        self._dic: Patterns | None = None
        self._cache: dict[str, tuple[int, ...]] = {}
        self.break_memo: dict[str, list[tuple[int, str]]] = {}  # a plain word's break points (text/items.py)
        # (word, font, size) -> its syllables with their widths, and the hyphen's width (text/items.py)
        self.syllable_memo: dict[tuple[str, str, float], tuple[tuple[tuple[str, float], ...], float]] = {}

    def positions(self, word: str) -> tuple[int, ...]:
        """Offsets inside `word` where a hyphen may go (letters only, 5 to 100 of them)."""
        if not self.available or not self.min_letters <= len(word) <= self.max_letters or not word.isalpha():
            return ()
        found = self._cache.get(word)
        if found is None:
            if self._dic is None:  # filled once, idempotently: any thread may get there first
                self._dic = open_patterns(self.dictionary, self.left_min, self.right_min)  # type: ignore[arg-type]
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            found = self._cache[word] = tuple(int(p) for p in self._dic.positions(word))
        return found
