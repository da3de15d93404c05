"""Footnotes: definitions, references, and numbering in order of first reference.

The loader reads `footnotes:` first, then walks the sections in document
order, handing each parsed string to `Notes.resolve`, which turns the
parser's `NoteMark`s into numbered `NoteRef`s. Inline notes (`^[...]`) are
numbered with the others and keyed "^N" (N being their number).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from typeset.model.check import Checker, pos, shorten, suggest, walk
from typeset.model.citations import CiteMark, marks_after_punctuation, to_citation
from typeset.model.markup import NoteMark, Parsed, ParsedItem
from typeset.model.nodes import Citation, Footnote, Inline, InlineItem, NoteRef, Pos, Run
from typeset.model.tree import YNode
from typeset.values import Record

_ID = re.compile(r"[^\s\[\]\\]+")
_WRITTEN_REF = re.compile(r"(?<!\\)\[\^([^\s\[\]\\]+)\]")
_MAX_SUGGESTIONS = 20  # difflib over thousands of ids is slow; stop suggesting after this many


@dataclass(slots=True, eq=False, repr=False)
class _Definition(Record):
    """A footnote definition as read, until its first reference numbers it."""

    key: YNode
    value: YNode
    content: tuple[Run | Citation, ...]
    more: tuple[tuple[Run | Citation, ...], ...] = ()
    first_ref: tuple[YNode, int] | None = None
    first_where: str | None = None  # " (first at line L, column C)", once asked for


class Notes:
    """Footnote definitions and the numbered notes, in reference order."""

    def __init__(self, check: Checker) -> None:
        self.check = check
        self.defs: dict[str, _Definition] = {}
        self.numbered: list[Footnote] = []
        self.suggestions = 0
        self.inline_count = 0
        self.over_limit = False
        self.citing = True  # False when the brief has no `sources:`: "[@x]" then prints as written

    def define(self, node: YNode | None) -> None:
        """Read the `footnotes:` mapping (id -> text, or a list of paragraphs); notes hold no notes."""
        if node is None or (node.kind == "scalar" and node.type == "null"):
            return
        pairs = self.check.mapping(node, "'footnotes'")
        if pairs is None:
            return
        if len(pairs) > self.check.limits.max_footnotes:
            self._too_many(node, len(pairs))
            return
        for key, value in pairs:
            note_id = key.value
            if not _ID.fullmatch(note_id):
                self.check.error(key, f"invalid footnote id '{shorten(note_id)}'; an id has no spaces, "
                                      "brackets or backslashes")
                continue
            what = f"footnote '{shorten(note_id)}'"
            if value.kind == "seq":  # a note of several paragraphs
                paragraphs = [self._paragraph(item, what) for item in value.value]
                if not paragraphs:
                    self.check.error(value, f"{what} is empty")
                self.defs[note_id] = _Definition(key, value, paragraphs[0] if paragraphs else (),
                                                 tuple(p for p in paragraphs[1:] if p))
                continue
            self.defs[note_id] = _Definition(key, value, self._paragraph(value, what))

    def _paragraph(self, value: YNode, what: str) -> tuple[Run | Citation, ...]:
        """One paragraph of a note's text, its markup parsed; reports an empty one."""
        parsed = self.check.markup(value, what, in_note=True)
        content = self._content(parsed.items, value) if parsed else ()
        blank = value.kind == "scalar" and value.type == "null"
        if (parsed is not None and not content) or (parsed is None and blank):
            self.check.error(value, f"{what} is empty")
        return content

    def resolve(self, parsed: Parsed | None, node: YNode) -> Inline:
        """The inline content of `node` with its note marks numbered."""
        if parsed is None:
            return ()
        out: list[InlineItem] = []
        for item in parsed.items:
            if isinstance(item, Run):
                out.append(item)
            elif isinstance(item, CiteMark) and not self.citing:
                out.append(self._as_written(item, node))
            elif isinstance(item, CiteMark):  # a citation in the text is a note of its own (as in Pandoc)
                ref = self._cited(item, node)
                if ref:
                    out.append(ref)
            elif item.key is None:
                ref = self._inline(item, node)
                if ref:
                    out.append(ref)
            else:
                ref = self._reference(item, node)
                if ref:
                    out.append(ref)
        return marks_after_punctuation(out)

    def finish(self, root: YNode | None = None) -> tuple[Footnote, ...]:
        """The notes in number order; warns about notes never referenced.

        A note whose reference stands in content that was rejected with an error
        (a misspelt key, an unknown block type) is not warned about: the error is
        the cause, and reporting it once is enough.
        """
        unused = [(note_id, d) for note_id, d in self.defs.items() if d.first_ref is None]
        dropped = _written_refs(root) if unused and root is not None and self._had_errors() else set()
        for note_id, d in unused:
            if note_id not in dropped:
                self.check.warn(d.key, f"footnote '{shorten(note_id)}' is never referenced")
        return tuple(self.numbered)

    def _had_errors(self) -> bool:
        return any(p.severity == "error" for p in self.check.problems)

    def _inline(self, mark: NoteMark, node: YNode, prefix: str = "^") -> NoteRef | None:
        self.inline_count += 1
        if len(self.defs) + self.inline_count > self.check.limits.max_footnotes:
            if not self.over_limit:
                self._too_many(node, None, mark.offset)
            return None
        number = len(self.numbered) + 1
        key = f"{prefix}{number}"
        content = self._content(mark.content, node)
        self.numbered.append(Footnote(number, key, content, self._pos(node, mark.offset)))
        return NoteRef(number, key)

    def _cited(self, mark: CiteMark, node: YNode) -> NoteRef | None:
        """A body citation: a note keyed "@N" holding only the citation."""
        return self._inline(NoteMark(None, mark.offset, (mark,)), node, "@")

    def _content(self, items: tuple[ParsedItem, ...], node: YNode) -> tuple[Run | Citation, ...]:
        """A note's runs and citations (references to notes were reported by the parser)."""
        return tuple((to_citation(i, lambda off: self._pos(node, off)) if self.citing else self._as_written(i, node))
                     if isinstance(i, CiteMark) else i for i in items if isinstance(i, (Run, CiteMark)))

    def _as_written(self, mark: CiteMark, node: YNode) -> Run:
        """A citation in a brief without sources: its text, as it printed before citations existed."""
        self.check.warn(node, f"'{shorten(mark.raw)}' looks like a citation, but the brief has no 'sources'; "
                              "it is printed as written", mark.offset)
        return Run(re.sub(" {2,}", " ", mark.raw))

    def _reference(self, mark: NoteMark, node: YNode) -> NoteRef | None:
        key = mark.key
        assert key is not None
        d = self.defs.get(key)
        if d is None and self.over_limit:
            return None  # the notes were not read; "undefined" would only be noise
        if d is None:
            hint = ""
            if self.suggestions < _MAX_SUGGESTIONS:
                self.suggestions += 1
                hint = suggest(key, self.defs)
            self.check.error(node, f"undefined footnote '{shorten(key)}'{hint}", mark.offset)
            return None
        if d.first_ref is not None:
            if d.first_where is None:
                d.first_where = self._where(*d.first_ref)
            self.check.error(node, f"footnote '{shorten(key)}' is referenced twice{d.first_where}; "
                                   "each note is referenced once", mark.offset)
            return None
        d.first_ref = (node, mark.offset)
        number = len(self.numbered) + 1
        self.numbered.append(Footnote(number, key, d.content, pos(d.value), d.more))
        return NoteRef(number, key)

    def _pos(self, node: YNode, offset: int) -> Pos | None:
        line, column = self.check.source.locate(node, offset)
        return Pos(line, column) if line is not None and column is not None else None

    def _where(self, node: YNode, offset: int) -> str:
        p = self._pos(node, offset)
        return f" (first at line {p.line}, column {p.column})" if p else ""

    def _too_many(self, node: YNode, count: int | None, offset: int | None = None) -> None:
        self.over_limit = True
        limit = self.check.limits.max_footnotes
        counted = f"{count:,}" if count is not None else f"more than {limit:,}"
        self.check.error(node, f"too many footnotes ({counted}; the limit is {limit:,})", offset)


def _written_refs(root: YNode) -> set[str]:
    """The ids of every `[^id]` written anywhere in the tree's text, read or not."""
    found: set[str] = set()
    for node in walk(root):
        if node.kind == "scalar" and "[^" in node.value:
            found.update(_WRITTEN_REF.findall(node.value))
    return found
