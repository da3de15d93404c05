"""Liang's hyphenation patterns from Pyphen's dictionary files, read in a few milliseconds.

`pyphen.Pyphen` parses every one of a dictionary's ~11,000 patterns into
numbers when it is created: about 60 ms, a fifth of a whole `briefset build`
of a short brief. A word needs only the few patterns that occur in it, so
`LazyPatterns` indexes each pattern line by its letters (digits removed, one
C-level pass over the file) and turns a line into numbers the first time a
word meets it. Lookup and results are Pyphen's own (`HyphDict.positions`,
then `Pyphen.positions`' left/right limits); dictionaries with features this
does not read (`^^hh` escapes, non-standard hyphenation `/...=...`) are left
to Pyphen itself (see `open_patterns`).

The dictionaries are found where Pyphen keeps them without importing it
(`dictionaries`): its import lists them through `importlib.resources`, which
costs a sixth of a whole build's start-up.
"""
from __future__ import annotations

import functools
import importlib.util
import re
from collections import Counter
from pathlib import Path
from typing import Protocol

_DIGITS = str.maketrans("", "", "0123456789")
_SKIPPED = re.compile(rb"^[ \t]*(?:[%#]|(?:COMPOUND)?(?:LEFT|RIGHT)HYPHENMIN).*$", re.MULTILINE)  # as Pyphen
_PARSE = re.compile(r"(\d?)(\D?)").findall  # Pyphen's own pattern parser


class Patterns(Protocol):
    def positions(self, word: str) -> list[int]: ...


class LazyPatterns:
    """The patterns of one `hyph_*.dic`, keyed by their letters, parsed on first use."""

    def __init__(self, path: Path, left: int, right: int) -> None:
        self.left, self.right = left, right
        data = path.read_bytes()
        head, _, body = data.partition(b"\n")
        encoding = head.decode().strip()
        if encoding.lower() == "microsoft-cp1251":
            encoding = "cp1251"
        kept = _patterns_only(body)
        lines = kept.decode(encoding).split()
        keys = kept.translate(None, b"0123456789").decode(encoding).split()  # one pass, not one per line
        if len(keys) != len(lines):  # a pattern of digits only: align them one by one
            keys = [w.translate(_DIGITS) for w in lines]
        self.raw: dict[str, str] = dict(zip(keys, lines, strict=True))
        if len(self.raw) < len(lines):  # Pyphen keeps an earlier pattern over a later one of zeros
            twice = {k for k, n in Counter(keys).items() if n > 1}
            for key, line in zip(keys, lines, strict=True):
                if key in twice and _values(line)[1]:
                    self.raw[key] = line
        self.raw.pop("", None)
        self.maxlen = max(map(len, self.raw), default=0)
        self.parsed: dict[str, tuple[int, tuple[int, ...]] | None] = {}
        self.cache: dict[str, list[int]] = {}

    def _pattern(self, key: str) -> tuple[int, tuple[int, ...]] | None:
        try:
            return self.parsed[key]
        except KeyError:
            pass
        line = self.raw.get(key)
        found = None if line is None else _values(line)
        if found is not None and not found[1]:
            found = None
        self.parsed[key] = found
        return found

    def positions(self, word: str) -> list[int]:
        """Where `word` may break, as `pyphen.Pyphen(left=..., right=...).positions(word)`."""
        points = self._points(word.lower())
        last = len(word) - self.right
        return [i for i in points if self.left <= i <= last]

    def _points(self, word: str) -> list[int]:
        points = self.cache.get(word)
        if points is not None:
            return points
        pointed = f".{word}."
        n = len(pointed)
        references = [0] * (n + 1)
        maxlen, raw, pattern_of = self.maxlen, self.raw, self._pattern
        for i in range(n - 1):
            stop = min(i + maxlen, n) + 1
            for j in range(i + 1, stop):
                piece = pointed[i:j]
                if piece not in raw:
                    continue
                pattern = pattern_of(piece)
                if pattern is None:
                    continue
                offset, values = pattern
                part = slice(i + offset, i + offset + len(values))
                references[part] = map(max, values, references[part])
        points = self.cache[word] = [i - 1 for i, r in enumerate(references) if r % 2]
        return points


def _patterns_only(body: bytes) -> bytes:
    """`body` without its comment and hyphen-minimum lines (as `_SKIPPED.sub`, up to blank lines).

    Those lines come first in a dictionary, as a rule: they are dropped one by one, and the
    line-by-line expression, a fifth of the reading, runs over the rest only if it holds one.
    """
    start = 0
    while True:
        end = body.find(b"\n", start)
        line = body[start:] if end < 0 else body[start:end]
        if not (line.isspace() or not line or _SKIPPED.match(line)):
            break
        if end < 0:
            return b""
        start = end + 1
    rest = body[start:]
    if b"%" in rest or b"#" in rest or b"HYPHENMIN" in rest:
        return _SKIPPED.sub(b"", rest)
    return rest


def _values(line: str) -> tuple[int, tuple[int, ...]]:
    """(offset of the first non-zero number, the numbers up to the last non-zero), as Pyphen."""
    values = [int(digit or "0") for digit, _ in _PARSE(line)]
    start, end = 0, len(values)
    while start < end and not values[start]:
        start += 1
    while end > start and not values[end - 1]:
        end -= 1
    return start, tuple(values[start:end])


def _needs_pyphen(path: Path) -> bool:
    data = path.read_bytes()
    return b"^^" in data or (b"/" in data and b"=" in data)


@functools.cache
def dictionaries() -> dict[str, Path]:
    """`pyphen.LANGUAGES`, made as Pyphen makes it: each `hyph_NAME.dic` of its folder under
    NAME, and under NAME's language alone for the first of that language in name order."""
    spec = importlib.util.find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("No module named 'pyphen'", name="pyphen")
    found: dict[str, Path] = {}
    for path in sorted(Path(spec.submodule_search_locations[0], "dictionaries").iterdir()):
        if path.suffix == ".dic":
            name = path.name[5:-4]
            found[name] = path
            found.setdefault(name.split("_")[0], path)
    return found


def open_patterns(dictionary: str, left: int, right: int) -> Patterns:
    """The patterns of a Pyphen dictionary name (a key of `dictionaries()`)."""
    path = dictionaries()[dictionary]
    if _needs_pyphen(path):
        import pyphen  # only for the few dictionaries LazyPatterns does not read (see `dictionaries`)

        return pyphen.Pyphen(filename=path, left=left, right=right)
    return LazyPatterns(path, left, right)
