"""What every reader shares: the tree it hands on, and reading a text file within limits."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from typeset.errors import BriefError, Problem
from typeset.model.tree import Source, YNode, mapping, sequence
from typeset.values import Record


@dataclass(slots=True, eq=False, repr=False)
class Tree(Record):
    """A reader's result: the brief-shaped tree, its source, and the problems met on the way.

    `base_dir` is the folder relative paths resolve against (the brief's own);
    `images` holds pictures carried inside the source (a .docx), by name.
    """

    root: YNode | None
    source: Source
    problems: list[Problem] = field(default_factory=list)
    base_dir: str | None = None
    images: dict[str, bytes] = field(default_factory=dict)


@dataclass(slots=True, eq=False, repr=False)
class _Section(Record):
    """A section being filled while its reader walks the source."""

    heading: YNode
    level: int
    content: list[YNode] = field(default_factory=list)
    subsections: list[_Section] = field(default_factory=list)


class Outline:
    """Sections opened by headings of levels 1, 2, 3 ... as a reader meets them, and their blocks.

    A heading closes every open section of its level or deeper and opens a
    subsection of the one left open (so `###` under `#` is its subsection).
    """

    def __init__(self) -> None:
        self.top: list[_Section] = []
        self.stack: list[_Section] = []

    def heading(self, node: YNode, level: int) -> None:
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        section = _Section(node, level)
        (self.stack[-1].subsections if self.stack else self.top).append(section)
        self.stack.append(section)

    @property
    def is_open(self) -> bool:
        """Whether a heading has been met (blocks have a section to go in)."""
        return bool(self.stack)

    def add(self, block: YNode) -> None:
        self.stack[-1].content.append(block)

    def last(self) -> YNode | None:
        """The block added last to the open section, if any."""
        return self.stack[-1].content[-1] if self.stack and self.stack[-1].content else None

    def sections(self) -> list[YNode]:
        """The `sections:` items of the tree, placed where their headings are."""
        return [_node(s) for s in self.top]


def _node(s: _Section) -> YNode:
    at = (s.heading.line, s.heading.column)
    pairs: list[tuple[str, YNode]] = [("heading", s.heading)]
    if s.content:
        pairs.append(("content", sequence(s.content, *at, label=s.heading.label)))
    if s.subsections:
        pairs.append(("sections", sequence([_node(x) for x in s.subsections], *at, label=s.heading.label)))
    return mapping(pairs, *at, label=s.heading.label)


def read_text(path: Path, display: str, max_bytes: int) -> str:
    """The file decoded as UTF-8 (without a BOM), or a BriefError saying why not."""
    return decode_text(read_bytes(path, display, max_bytes), display)


def decode_text(data: bytes, display: str) -> str:
    """`data` decoded as UTF-8 (without a BOM), or a BriefError saying where it is not."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        good = data[:e.start].decode("utf-8")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        msg = f"not valid UTF-8 (byte 0x{data[e.start]:02X}); save the brief as UTF-8"
        raise BriefError(Problem(display, line, column, msg)) from None
    return text[1:] if text.startswith("\ufeff") else text


def read_bytes(path: Path, display: str, max_bytes: int) -> bytes:
    """The file's bytes, refusing files over `max_bytes` before reading them."""
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > max_bytes:
                raise BriefError(_too_large(display, size, max_bytes))
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise BriefError(Problem(display, None, None, f"cannot read: {e.strerror or e}")) from None
    return check_size(data, display, max_bytes)


def check_size(data: bytes, display: str, max_bytes: int) -> bytes:
    """`data` itself, or a BriefError when it is over `max_bytes`."""
    if len(data) > max_bytes:
        raise BriefError(_too_large(display, len(data), max_bytes))
    return data


def _too_large(display: str, size: int, limit: int) -> Problem:
    return Problem(display, None, None, f"file too large ({size:,} bytes; the limit is {limit:,})")
