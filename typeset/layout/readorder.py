"""Page breaks that keep the PDF's text unambiguous when it is read back as words.

Text extraction reads a page's body, then its notes and footer, then the next
page's header and body. When the first word at the top of a page (say
"these") begins with a whole word standing between them (a note's "the"), and
the rest ("se") is itself a word piece found in the document, a reader that
rejoins words broken across lines and pages can take "the" + "se" for the
broken word and lose its place. Such a break is avoided when the page may
end a line or two earlier instead.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from typeset.layout.elements import Elem, TextItem
from typeset.text.types import Frag

_WORD = re.compile(r"\w+")
# ASCII characters that are not word characters (`\w`), as spaces: ASCII text needs no NFKC,
# and its words are then what str.split finds, several times faster than the expression
_ASCII_GAPS = str.maketrans({c: " " for c in map(chr, range(128)) if not (c.isalnum() or c == "_")})

Hazard = Callable[[Sequence[Elem], Sequence[Elem]], bool]


def words(text: str) -> list[str]:
    """Words as extraction tools see them: NFKC, lower case, runs of word characters."""
    if text.isascii():
        return text.lower().translate(_ASCII_GAPS).split()
    return _WORD.findall(unicodedata.normalize("NFKC", text).replace("\u00ad", "").lower())


def elem_words(elem: Elem) -> list[str]:
    # shaped glyphs read as spaces: their text is extracted from the hidden logical layer
    return words(" ".join([i.frag.text for i in elem.items
                           if isinstance(i, TextItem) and (type(i.frag) is Frag or i.frag.glyphs is None)]))


def document_words(elems: Iterable[Elem], known: dict[int, list[str]] | None = None) -> frozenset[str]:
    """Every word and word piece (hyphenated or URL fragments) the pages will show. With
    `known`, each element's words are also kept there by `id` (for `ambiguous_start`: the
    caller keeps the elements alive while it is used), each distinct word as one string: a
    long brief's words are held through the whole page loop, and most are repeats."""
    seen: dict[str, str] = {}
    share = seen.setdefault
    for elem in elems:
        found = elem_words(elem)
        if known is not None:
            known[id(elem)] = list(map(share, found, found))
        else:
            seen.update(zip(found, found, strict=True))
    return frozenset(seen)


def ambiguous_start(pieces: frozenset[str], furniture: Sequence[str],
                    known: dict[int, list[str]] | None = None) -> Hazard:
    """A test of whether a page ending before `following`, with `notes` at its foot, reads
    ambiguously: the next page's first words are matched, in order, against the words
    that stand between (notes, footer, header), as a word-matching reader would. `known`:
    the words of elements by `id`, from `document_words`; others are read again."""
    memo = known if known is not None else {}

    def words_of(elem: Elem) -> list[str]:
        found = memo.get(id(elem))
        return found if found is not None else elem_words(elem)

    def hazard(notes: Sequence[Elem], following: Sequence[Elem]) -> bool:
        between = [w for line in notes for w in words_of(line)] + list(furniture)
        upcoming = [w for e in following for w in words_of(e) if not w.isdigit()][:40]
        j = 0
        for t in upcoming:
            while j < len(between):
                h = between[j]
                j += 1
                if h == t:
                    break
                if t.startswith(h) and t[len(h):] in pieces:
                    return True
            else:
                return False
        return False

    return hazard
