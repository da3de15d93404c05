"""Emphasis with `*`: CommonMark's delimiter runs, restricted to one character.

The parser turns each run of asterisks into a `Delim`, classed by the
characters around it (CommonMark 0.31, §6.2: left- and right-flanking), and
hands the level's pieces to `emphasize`, which pairs closers with openers as
in the spec's "process emphasis" appendix. Unpaired asterisks stay literal.
Styles are applied by counting, per piece, how many pairs enclose it (a
difference array), so nesting depth never costs more than one pass.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

from typeset.model.nodes import Run

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


class Delim:
    """A run of `*` waiting to be paired (an entry of CommonMark's delimiter stack)."""

    __slots__ = ("count", "orig", "can_open", "can_close", "index", "prev", "next")

    def __init__(self, count: int, can_open: bool, can_close: bool) -> None:
        self.count = self.orig = count
        self.can_open, self.can_close = can_open, can_close
        self.index = 0
        self.prev: Delim | None = None
        self.next: Delim | None = None


def delimiter(text: str, i: int, j: int) -> Delim:
    """The `*` run at text[i:j], classed as opener and/or closer by its flanking."""
    before = _kind(text[i - 1]) if i > 0 else "s"
    after = _kind(text[j]) if j < len(text) else "s"
    left = after != "s" and (after != "p" or before in ("s", "p"))
    right = before != "s" and (before != "p" or after in ("s", "p"))
    return Delim(j - i, left, right)


@lru_cache(maxsize=4096)
def _kind(c: str) -> str:
    """'s' for Unicode whitespace, 'p' for punctuation or symbol, '' otherwise."""
    if c in "\t\n\f\r" or unicodedata.category(c) == "Zs":
        return "s"
    if c in _ASCII_PUNCT or unicodedata.category(c)[0] in "PS":
        return "p"
    return ""


def emphasize(pieces: list[Any]) -> list[Any]:
    """Pair the `Delim`s among `pieces` and style the `Run`s they enclose.

    Other pieces (note marks) pass through; leftover asterisks become text.
    """
    delims = []
    for k, piece in enumerate(pieces):
        if type(piece) is Delim:
            piece.index = k
            if delims:
                delims[-1].next, piece.prev = piece, delims[-1]
            delims.append(piece)
    if not delims:
        return pieces
    italic = [0] * (len(pieces) + 1)
    bold = [0] * (len(pieces) + 1)
    for opener, closer, use in _pair(delims[0]):
        depth = italic if use == 1 else bold
        depth[opener.index + 1] += 1
        depth[closer.index] -= 1
    out: list[Any] = []
    it = bd = 0
    for k, piece in enumerate(pieces):
        it += italic[k]
        bd += bold[k]
        if type(piece) is Delim:
            if piece.count:
                out.append(Run("*" * piece.count, it > 0, bd > 0))
        elif type(piece) is not Run or not (it or bd):
            out.append(piece)
        else:
            out.append(Run(piece.text, piece.italic or it > 0, piece.bold or bd > 0, piece.link, piece.url))
    return out


def _pair(first: Delim | None) -> list[tuple[Delim, Delim, int]]:
    """Match closers to openers; returns (opener, closer, 1 or 2 asterisks) in match order."""
    matches: list[tuple[Delim, Delim, int]] = []
    bottoms: dict[tuple[bool, int], Delim | None] = {}
    closer = first
    while closer is not None:
        if not closer.can_close:
            closer = closer.next
            continue
        key = (closer.can_open, closer.orig % 3)
        bottom = bottoms.get(key)
        opener = closer.prev
        while opener is not None and opener is not bottom:
            if opener.can_open and not _odd_match(opener, closer):
                break
            opener = opener.prev
        else:
            opener = None
        if opener is None:
            bottoms[key] = closer.prev
            nxt = closer.next
            if not closer.can_open:
                _unlink(closer)
            closer = nxt
            continue
        use = 2 if opener.count >= 2 and closer.count >= 2 else 1
        matches.append((opener, closer, use))
        opener.count -= use
        closer.count -= use
        opener.next, closer.prev = closer, opener  # runs in between stay literal
        if opener.count == 0:
            _unlink(opener)
        if closer.count == 0:
            nxt = closer.next
            _unlink(closer)
            closer = nxt
    return matches


def _odd_match(opener: Delim, closer: Delim) -> bool:
    """CommonMark's "rule of 3": `*a**` must not pair across a run that both opens and closes."""
    if not (opener.can_close or closer.can_open):
        return False
    total = opener.orig + closer.orig
    return total % 3 == 0 and not (opener.orig % 3 == 0 and closer.orig % 3 == 0)


def _unlink(node: Delim) -> None:
    if node.prev is not None:
        node.prev.next = node.next
    if node.next is not None:
        node.next.prev = node.prev
    node.prev = node.next = None
