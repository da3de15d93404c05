"""What every reader shares: the tree it hands on, and reading a text file within limits."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from typeset.errors import BriefError, Problem
from typeset.model.tree import Source, YNode


@dataclass(slots=True)
class Tree:
    """A reader's result: the brief-shaped tree, its source, and the problems met on the way.

    `base_dir` is the folder relative paths resolve against (the brief's own);
    `images` holds pictures carried inside the source (a .docx), by name.
    """

    root: YNode | None
    source: Source
    problems: list[Problem] = field(default_factory=list)
    base_dir: str | None = None
    images: dict[str, bytes] = field(default_factory=dict)


def read_text(path: Path, display: str, max_bytes: int) -> str:
    """The file decoded as UTF-8 (without a BOM), or a BriefError saying why not."""
    data = read_bytes(path, display, max_bytes)
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
    if len(data) > max_bytes:
        raise BriefError(_too_large(display, len(data), max_bytes))
    return data


def _too_large(display: str, size: int, limit: int) -> Problem:
    return Problem(display, None, None, f"file too large ({size:,} bytes; the limit is {limit:,})")
