"""Writing the brief's inline markup (spec §1) from another source's text and styles.

Readers express what they read in the markup the model parses, so that the
one parser sees every brief: literal text gets backslashes before the
characters the markup gives meaning to, and link targets are written so
that they end where they should.
"""
from __future__ import annotations

import re
import unicodedata

from typeset.model.citations import parse_citation
from typeset.model.markup import parse_inline

_SPECIAL = re.compile(r"([\\*\[\]<^])")
_URL_SPECIAL = re.compile(r"([\\()\[\]<>])")


def escape(text: str) -> str:
    """Literal text as markup: `*`, `[`, `]`, `<`, `^` and `\\` keep their face value."""
    return _SPECIAL.sub(r"\\\1", text)


_BRACKETED = re.compile(r"\[[^\[\]]*@[^\[\]]*\](?!\()")


def escape_prose(text: str) -> str:
    """Like `escape`, but a Pandoc citation (`[@key, p. 4]`) in the text stays one, for the model to resolve."""
    out: list[str] = []
    start = 0
    for m in _BRACKETED.finditer(text):
        if parse_citation(text, m.start() + 1, m.end() - 1) is None:
            continue
        out += [escape(text[start:m.start()]), m.group()]
        start = m.end()
    out.append(escape(text[start:]))
    return "".join(out)


def link(inner: str, url: str) -> str:
    """`[inner](url)`, with the URL's brackets escaped and spaces encoded."""
    target = _URL_SPECIAL.sub(r"\\\1", url).replace(" ", "%20")
    return f"[{inner}]({target})"


def autolink(url: str) -> str:
    """`<url>`: the URL printed as the link's text (`mailto:` addresses print without it)."""
    shown = url[7:] if url.lower().startswith("mailto:") and "@" in url else url
    return f"<{shown}>"


def emphasis(inner: str, strong: bool) -> str:
    mark = "**" if strong else "*"
    return f"{mark}{inner}{mark}" if inner.strip() else inner


def styled(text: str, *, italic: bool, bold: bool, before: str = "", after: str = "") -> str:
    """Literal `text` set in italic and/or bold, as markup, between the characters `before` and `after`.

    A `*` opens or closes only where CommonMark's flanking rules let it, so
    spaces at the ends go outside the marks, and so does punctuation at an
    end that touches a letter outside (`word*"quote"*` would print its
    asterisks): there the punctuation stays upright, the words keep their style.
    """
    if not (italic or bold) or not text.strip():
        return escape(text)
    core = text.strip()
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(core) + len(text) - len(text.lstrip()):]
    left = lead[-1:] or before[-1:]
    right = trail[:1] or after[:1]
    i, j = 0, len(core)
    if _is_word(left):
        while i < j and _is_punct(core[i]):
            i += 1
        while i < j and core[i].isspace():  # then the mark stands after a space
            i += 1
    if _is_word(right):
        while j > i and _is_punct(core[j - 1]):
            j -= 1
        while j > i and core[j - 1].isspace():
            j -= 1
    if i == j:
        return escape(text)
    mark = "*" * ((1 if italic else 0) + (2 if bold else 0))
    return escape(lead + core[:i]) + mark + escape(core[i:j]) + mark + escape(core[j:] + trail)


def styled_spans(spans: list[tuple[str, bool, bool]], before: str = "", after: str = "") -> tuple[str, bool]:
    """Consecutive (text, italic, bold) spans as markup, and whether every style was kept.

    Each span is written with `styled`; where two styled spans touch, their
    marks can run together (`*a***b**`), so the result is parsed back, and if
    its text is not the spans' text, the touching spans are set upright
    (then all of them): the words always survive, a style may not.
    """
    want = _printed(escape("".join(t for t, _, _ in spans)))
    for attempt in range(3):
        if attempt == 1:
            spans = [(t, i and not _touches(spans, k), b and not _touches(spans, k)) for k, (t, i, b) in
                     enumerate(spans)]
        elif attempt == 2:
            spans = [(t, False, False) for t, _, _ in spans]
        out = []
        for k, (text, italic, bold) in enumerate(spans):
            prev = spans[k - 1][0][-1:] if k else before
            nxt = spans[k + 1][0][:1] if k + 1 < len(spans) else after
            out.append(styled(text, italic=italic, bold=bold, before=prev, after=nxt))
        written = "".join(out)
        if _printed(written) == want:
            return written, attempt == 0
    return escape("".join(t for t, _, _ in spans)), False


def _touches(spans: list[tuple[str, bool, bool]], k: int) -> bool:
    """Whether span k is styled and meets another styled span with no space between."""
    text, italic, bold = spans[k]
    if not (italic or bold):
        return False
    left = k > 0 and (spans[k - 1][1] or spans[k - 1][2]) and not (text[:1].isspace() or spans[k - 1][0][-1:].isspace())
    right = k + 1 < len(spans) and (spans[k + 1][1] or spans[k + 1][2]) and \
        not (text[-1:].isspace() or spans[k + 1][0][:1].isspace())
    return bool(left or right)


def _printed(markup: str) -> str:
    return "".join(getattr(item, "text", "") for item in parse_inline(markup).items)


def _is_punct(c: str) -> bool:
    return unicodedata.category(c)[0] in "PS"


def _is_word(c: str) -> bool:
    """A character that is neither white space nor punctuation (nothing counts as space)."""
    return bool(c) and not c.isspace() and not _is_punct(c)
