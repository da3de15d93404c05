"""Inline markup: the small Markdown subset of the brief format (spec §1).

`parse_inline` turns one string into a flat tuple of styled `Run`s and
`NoteMark`s (footnote references, numbered later by the loader). It never
raises: malformed markup is literal text, and real mistakes (a reference
inside a note, a link to a refused scheme) come back as `Diagnostic`s with
the offset into the string, so the loader can point at the exact column.

Emphasis follows CommonMark's delimiter-run rules, restricted to `*` (see
`emphasis.py`): an asterisk with no partner stays literal, so `2 * 3` and
`a*b` print as written. Bracket pairs are matched once up front, so links
and inline notes are found without re-scanning; the whole parse is linear
in the length of the text.

Whitespace is normalized as HTML and TeX do: tabs and line breaks become
spaces, runs of spaces collapse to one, and the ends are trimmed. Control
characters are dropped with a warning, since no font can draw them.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from typeset.errors import Severity
from typeset.model.citations import CiteMark, parse_citation
from typeset.model.emphasis import delimiter, emphasize
from typeset.model.nodes import Run
from typeset.values import Value

ALLOWED_SCHEMES = ("http", "https", "mailto")
# Every line a link spans gets its own annotation holding the whole URI, so
# one long link would make the PDF grow with the square of its length.
MAX_URL_CHARS = 2048
ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

_LITERAL = re.compile(r"[^\\*\[^<]+")
_MARKUP = re.compile(r"[\\*\[^<]")
_REFS_ONLY = re.compile(r"[^\\*\[^<]*(?:\[\^[^\s\[\]\\]+\][^\\*\[^<]*)*")  # unambiguous: no backtracking
_BRACKETY = re.compile(r"\\[!-/:-@\[-`{-~]|[<\[\]]")
_REF = re.compile(r"\[\^([^\s\[\]\\]+)\]")
_AUTOLINK = re.compile(r"<((?i:https?|mailto):[^\s<>\x00-\x1f\x7f]+)>")
_EMAIL = re.compile(
    r"<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>"
)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# Drawn as nothing by any font: C0/C1 controls (not tab/newline), lone surrogates.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
_SPACE = re.compile(r"[\t\n\r\f\v\x85\u2028\u2029 ]+")
_SPACES = re.compile(r"  +")
_TO_SPACE = str.maketrans(dict.fromkeys("\t\n\r\f\v\x85\u2028\u2029", " "))


@dataclass(slots=True, eq=False, repr=False)
class NoteMark(Value):
    """A footnote reference before numbering.

    `key` is the footnote id of `[^id]`, or None for an inline note
    `^[...]`, whose text is `content`. `offset` is where the mark starts in
    the parsed string.
    """

    key: str | None
    offset: int
    content: tuple[Run | CiteMark, ...] = ()


@dataclass(slots=True, eq=False, repr=False)
class Diagnostic(Value):
    """A problem found in the markup, at `offset` in the parsed string."""

    offset: int
    message: str
    severity: Severity = "error"


ParsedItem = Run | NoteMark | CiteMark


@dataclass(slots=True, eq=False, repr=False)
class Parsed(Value):
    """What one string says: styled runs and note marks, plus what was wrong with it."""

    items: tuple[ParsedItem, ...]
    diagnostics: tuple[Diagnostic, ...] = ()


def parse_inline(text: str, *, in_note: bool = False) -> Parsed:
    """Parse one string of inline markup; `in_note` forbids footnote references."""
    bad = _CONTROL.search(text)
    if not bad and not _MARKUP.search(text):  # the common case: plain prose
        plain = plain_text(text)
        return Parsed((Run(plain),) if plain else ())
    if not bad and not in_note and _REFS_ONLY.fullmatch(text):  # prose with [^id] marks
        return Parsed(_finish(_split_refs(text.translate(_TO_SPACE)), False))
    # Same length, so offsets still point into the caller's string.
    parser = _Parser(text.translate(_TO_SPACE), controls=bool(bad))
    raw = parser.parse(0, len(text), in_note=in_note, in_link=False)
    if bad:
        parser.warn(bad.start(), f"control character U+{ord(bad.group()):04X} removed")
    diagnostics = sorted(parser.diagnostics, key=lambda d: d.offset)
    return Parsed(_finish(raw, parser.controls), tuple(diagnostics))


def _split_refs(text: str) -> list[ParsedItem]:
    """Runs and marks of text whose only markup is `[^id]` references."""
    items: list[ParsedItem] = []
    start = 0
    for m in _REF.finditer(text):
        if m.start() > start:
            items.append(Run(text[start:m.start()]))
        items.append(NoteMark(m.group(1), m.start()))
        start = m.end()
    if start < len(text):
        items.append(Run(text[start:]))
    return items


def plain_text(text: str) -> str:
    """A plain (markup-free) field as printed: controls dropped, spaces collapsed."""
    return _SPACE.sub(" ", _CONTROL.sub("", text)).strip(" ")


def link_allowed(url: str) -> bool:
    """Only web and mail links of reasonable length reach the PDF (security notes, item 8)."""
    m = _SCHEME.match(url)
    return bool(m) and m.group(1).lower() in ALLOWED_SCHEMES and m.end() < len(url) <= MAX_URL_CHARS


def _too_long_link(url: str) -> str:
    return f"link target is longer than {MAX_URL_CHARS:,} characters; the text is kept without a link"


# ------------------------------------------------------------------ scanning

def _match_brackets(text: str) -> dict[int, int]:
    """Map each `[` to its matching `]`, skipping escapes and autolinks."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    skip = 0  # end of the last autolink: brackets inside it do not count
    for m in _BRACKETY.finditer(text):
        i = m.start()
        if i < skip:
            continue
        c = m.group()
        if c == "<":
            link = _AUTOLINK.match(text, i) or _EMAIL.match(text, i)
            if link:
                skip = link.end()
        elif c == "[":
            stack.append(i)
        elif c == "]" and stack:
            pairs[stack.pop()] = i
    return pairs


def _destination(text: str, k: int, hi: int) -> tuple[str, int] | None:
    """Read `(url)` at `k`: the unescaped URL and the index after `)`.

    No spaces or brackets inside, parentheses balanced, so a failed attempt
    stops early and the scan stays linear.
    """
    if k >= hi or text[k] != "(":
        return None
    out: list[str] = []
    depth, j = 0, k + 1
    while j < hi:
        c = text[j]
        if c == "\\" and j + 1 < hi and text[j + 1] in ASCII_PUNCT:
            out.append(text[j + 1])
            j += 2
            continue
        if c == ")":
            if depth == 0:
                return ("".join(out), j + 1) if out else None
            depth -= 1
        elif c == "(":
            depth += 1
        elif c.isspace() or c in "[]<>" or _CONTROL.match(c):
            return None
        out.append(c)
        j += 1
    return None


class _Parser:
    """One string's parse: the bracket pairs, found once, and the diagnostics so far."""

    def __init__(self, text: str, *, controls: bool) -> None:
        self.text = text
        self.controls = controls  # whether the text has control characters to drop
        self.pairs = _match_brackets(text) if "[" in text else {}
        self.diagnostics: list[Diagnostic] = []

    def error(self, offset: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(offset, message))

    def warn(self, offset: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(offset, message, "warning"))

    def parse(self, lo: int, hi: int, *, in_note: bool, in_link: bool) -> list[ParsedItem]:
        """Parse text[lo:hi] into styled items (whitespace not yet normalized)."""
        text = self.text
        nodes: list[Any] = []
        buf: list[str] = []

        def flush() -> None:
            if buf:
                nodes.append(Run("".join(buf)))
                buf.clear()

        i = lo
        while i < hi:
            m = _LITERAL.match(text, i, hi)
            if m:
                buf.append(m.group())
                i = m.end()
                continue
            c = text[i]
            if c == "\\":
                if i + 1 < hi and text[i + 1] in ASCII_PUNCT:
                    buf.append(text[i + 1])
                    i += 2
                else:
                    buf.append(c)
                    i += 1
            elif c == "*":
                j = i
                while j < hi and text[j] == "*":
                    j += 1
                flush()
                nodes.append(delimiter(text, i, j))
                i = j
            else:
                end = self._special(i, hi, nodes, flush, in_note=in_note, in_link=in_link)
                if end is None:
                    buf.append(c)
                    i += 1
                else:
                    i = end
        flush()
        return emphasize(nodes)

    def _special(self, i: int, hi: int, nodes: list[Any], flush: Callable[[], None], *,
                 in_note: bool, in_link: bool) -> int | None:
        """Handle `[`, `^[` or `<` at i; return the index after it, or None if literal."""
        text, c = self.text, self.text[i]
        if c == "[":
            m = _REF.match(text, i, hi)
            if m:
                flush()
                if in_note:
                    self.error(i, f"a footnote cannot contain a footnote reference ([^{m.group(1)}])")
                else:
                    nodes.append(NoteMark(m.group(1), i))
                return m.end()
            j = self.pairs.get(i)
            if in_link or j is None or j >= hi:
                return None
            dest = _destination(text, j + 1, hi)
            if dest is None:
                cite = parse_citation(text, i + 1, j)
                if cite is None:
                    return None
                flush()
                nodes.append(cite)
                return j + 1
            flush()
            self._link(i, j, dest[0], nodes, in_note=in_note)
            return dest[1]
        if c == "^":
            j = self.pairs.get(i + 1) if i + 1 < hi and text[i + 1] == "[" else None
            if j is None or j >= hi:
                return None
            flush()
            if in_note:
                self.error(i, "a footnote cannot contain an inline footnote (^[...])")
            else:
                content = _finish(self.parse(i + 2, j, in_note=True, in_link=False), self.controls)
                if not content:
                    self.error(i, "empty inline footnote")
                nodes.append(NoteMark(None, i, tuple(r for r in content if isinstance(r, (Run, CiteMark)))))
            return j + 1
        m = _AUTOLINK.match(text, i, hi)
        if m:
            flush()
            nodes.append(self._autolink(i, m.group(1), m.group(1)))
            return m.end()
        m = _EMAIL.match(text, i, hi)
        if m:
            flush()
            nodes.append(self._autolink(i, m.group(1), "mailto:" + m.group(1)))
            return m.end()
        return None

    def _autolink(self, i: int, shown: str, target: str) -> Run:
        if len(target) > MAX_URL_CHARS:
            self.warn(i, _too_long_link(target))
            return Run(shown, url=True)
        return Run(shown, link=target, url=True)

    def _link(self, i: int, j: int, url: str, nodes: list[Any], *, in_note: bool) -> None:
        """Add the runs of `[text](url)`; a refused scheme keeps the text, unlinked."""
        allowed = link_allowed(url)
        if len(url) > MAX_URL_CHARS:
            self.warn(i, _too_long_link(url))
        elif not allowed:
            shown = url if len(url) <= 60 else url[:59] + "\u2026"
            self.warn(i, f"link target '{shown}' is not allowed (only http, https and mailto links); "
                         "the text is kept without a link")
        inner = self.parse(i + 1, j, in_note=in_note, in_link=True)
        if not any(isinstance(x, Run) and x.text.strip() for x in inner):
            inner = [Run(url, url=allowed)] + [x for x in inner if isinstance(x, NoteMark)]
        for x in inner:
            if isinstance(x, NoteMark):
                nodes.append(x)
            else:
                nodes.append(Run(x.text, x.italic, x.bold, url if allowed else None, x.url and allowed))


# ------------------------------------------------------------------ cleanup

def _finish(items: list[ParsedItem], controls: bool) -> tuple[ParsedItem, ...]:
    """Collapse spaces, drop controls and empty runs, merge equal styles.

    Other white space has already become plain spaces (see `parse_inline`).
    """
    out: list[ParsedItem] = []
    parts: list[str] = []  # text of the run being merged, in the style of `style`
    style: Run | None = None
    space_before = True  # at the start, leading spaces are trimmed
    for item in items:
        if type(item) is not Run:  # a note or citation mark
            if parts:
                out.append(_restyle("".join(parts), style))
                parts = []
            out.append(item)
            space_before = False
            continue
        text = _CONTROL.sub("", item.text) if controls else item.text
        if "  " in text:
            text = _SPACES.sub(" ", text)
        if space_before and text[:1] == " ":
            text = text[1:]
        if not text:
            continue
        space_before = text[-1] == " "
        if parts and not _same_style(style, item):  # type: ignore[arg-type]
            out.append(_restyle("".join(parts), style))
            parts = []
        if not parts:
            style = item
        parts.append(text)
    if parts:
        last = "".join(parts).rstrip(" ")
        if last:
            out.append(_restyle(last, style))
    return tuple(out)


def _restyle(text: str, style: Run | None) -> Run:
    assert style is not None
    return style if style.text == text else Run(text, style.italic, style.bold, style.link, style.url)


def _same_style(a: Run, b: Run) -> bool:
    return (a.italic, a.bold, a.link, a.url) == (b.italic, b.bold, b.link, b.url)
