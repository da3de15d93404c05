"""Fresh content for every timed render: each paragraph, item, quote and note gets a unique word.

A render that repeats the text of the previous one finds every word already
measured and hyphenated; a real service renders briefs it has never seen.
The salt is a made-up word of letters (so it is measured, hyphenated and
broken like any word) that no two paragraphs of any round share, and the
same salted brief goes to every engine.
"""
from __future__ import annotations

import string
from collections.abc import Iterator
from typing import Any

import yaml

_LETTERS = string.ascii_lowercase


def _word(n: int) -> str:
    """A pronounceable-enough unique word for counter n ("Salt" + base-26 letters)."""
    letters = []
    while True:
        n, r = divmod(n, 26)
        letters.append(_LETTERS[r])
        if n == 0:
            break
    return "Salt" + "".join(reversed(letters)) + "ine"


class Salter:
    """Hands out salt words; one instance per benchmark run keeps them all distinct."""

    def __init__(self) -> None:
        self.count = 0

    def word(self) -> str:
        self.count += 1
        return _word(self.count)

    def _text(self, text: str) -> str:
        return f"{self.word()} {text}"

    def _blocks(self, content: list[Any]) -> Iterator[Any]:
        for block in content:
            if isinstance(block, str):
                yield self._text(block)
            elif isinstance(block, dict) and "items" in block:
                yield {**block, "items": [self._text(i) if isinstance(i, str) else i for i in block["items"]]}
            elif isinstance(block, dict) and isinstance(block.get("quote"), str):
                yield {**block, "quote": self._text(block["quote"])}
            else:
                yield block

    def _sections(self, sections: list[Any]) -> list[Any]:
        out = []
        for s in sections:
            s = dict(s)
            s["content"] = list(self._blocks(s.get("content") or []))
            if s.get("sections"):
                s["sections"] = self._sections(s["sections"])
            out.append(s)
        return out

    def salted(self, data: dict[str, Any]) -> dict[str, Any]:
        """A copy of brief data with a new word at the start of every paragraph and note."""
        notes = data.get("footnotes") or {}
        return {**data, "sections": self._sections(data.get("sections") or []),
                "footnotes": {k: self._text(v) if isinstance(v, str) else v for k, v in notes.items()}}

    def salted_yaml(self, data: dict[str, Any]) -> str:
        return yaml.safe_dump(self.salted(data), sort_keys=False, allow_unicode=True, width=100)
