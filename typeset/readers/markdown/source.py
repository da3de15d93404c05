"""Positions in a Markdown file: markdown-it gives each block's lines; columns are found in the text."""
from __future__ import annotations

import re

from typeset.model.tree import Source, YNode

_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SEARCH = 2_000  # characters past a block's start to look in


class MarkdownSource(Source):
    """Finds a character of a block's markup in the Markdown text, where it can."""

    __slots__ = ()

    def locate(self, node: YNode, offset: int) -> tuple[int | None, int | None]:
        """Where `node.value[offset:]` starts in the block's source, else the block's start.

        The markup was written from markdown-it's tokens, not copied, so the
        text after the offset is searched for near the block's start, with
        shorter and shorter prefixes.
        """
        if self.text is None or node.index is None or node.kind != "scalar":
            return node.line, node.column
        rest = _UNESCAPE.sub(r"\1", node.value[offset:offset + 40]).split("\n")[0]
        end = node.index + len(node.value) + _SEARCH
        for size in (40, 16, 6):
            probe = rest[:size]
            if len(probe) < min(size, 3):
                continue
            found = self.text.find(probe, node.index, end)
            if found >= 0:
                return self.position(found)
        return node.line, node.column
