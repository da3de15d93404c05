"""The Markdown reader: CommonMark with Pandoc footnotes and YAML front matter.

Parsed by markdown-it-py (CommonMark) with the footnote and front-matter
plugins of mdit-py-plugins; the front matter is read by the YAML reader, so
it is held to the same rules (no aliases, no tags, no duplicate keys).
"""
from __future__ import annotations

import os
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from typeset.errors import BriefError, Problem
from typeset.model.limits import Limits
from typeset.model.tree import YNode
from typeset.readers.common import Tree, read_text
from typeset.readers.markdown.blocks import BlockReader
from typeset.readers.markdown.source import MarkdownSource
from typeset.readers.yaml import YamlSource, compose

HEADER_KEYS = ("layout", "language", "series", "title", "subtitle", "date", "authors", "editors",
               "publisher", "disclaimer")


def parser() -> MarkdownIt:
    """CommonMark, Pandoc footnotes (`[^id]`, `^[...]`) and `---` front matter."""
    md = MarkdownIt("commonmark")
    md.use(front_matter_plugin)
    md.use(footnote_plugin, move_to_end=False, always_match_refs=True)
    return md


def read(path: Path, display: str, limits: Limits) -> Tree:
    """The tree of a Markdown brief file."""
    text = read_text(path, display, limits.max_bytes)
    source = MarkdownSource(display, text)
    problems: list[Problem] = []
    env: dict = {}
    tokens = parser().parse(text, env)
    if len(tokens) > limits.max_nodes:
        raise BriefError(Problem(display, None, None, f"too many Markdown blocks (more than {limits.max_nodes:,})"))
    header: list[tuple[YNode, YNode]] = []
    if tokens and tokens[0].type == "front_matter":
        header = _front_matter(tokens[0].content, display, limits, problems)
    sections, notes = BlockReader(source, env, problems).read(tokens)
    pairs = list(header)
    line = 1 if text else None
    if sections:
        pairs.append((YNode("scalar", "sections", line, 1), YNode("seq", sections, line, 1)))
    if notes:
        pairs.append((YNode("scalar", "footnotes", notes[0][0].line, 1), YNode("map", _unique(notes, source.name,
                                                                                                  problems))))
    root = YNode("map", pairs, line, 1) if pairs else None
    return Tree(root, source, problems, os.path.dirname(os.path.abspath(display)))


def _front_matter(text: str, display: str, limits: Limits, problems: list[Problem]) -> list[tuple[YNode, YNode]]:
    """The header fields of the front matter.

    It is read with a blank line in place of the opening `---`, so YAML's
    lines, here and in the messages' own text, are the file's lines.
    """
    root, found = compose("\n" + text, YamlSource(display), limits)
    problems.extend(found)
    if root is None or (root.kind == "scalar" and root.type == "null"):
        return []
    if root.kind != "map":
        problems.append(Problem(display, root.line, root.column,
                                "the front matter is a mapping of header fields (title:, authors:, ...)"))
        return []
    out = []
    for key, value in root.value:
        if key.value in ("sections", "footnotes"):
            problems.append(Problem(display, key.line, key.column,
                                    f"'{key.value}' comes from the Markdown text, not the front matter"))
            continue
        if key.value == "author" and not any(k.value == "authors" for k, _ in root.value):
            key.value = "authors"  # Pandoc's name for it
        out.append((key, value))
    return out


def _unique(notes: list[tuple[YNode, YNode]], name: str, problems: list[Problem]) -> list[tuple[YNode, YNode]]:
    seen: dict[str, YNode] = {}
    out = []
    for key, value in notes:
        first = seen.get(key.value)
        if first is not None:
            problems.append(Problem(name, key.line, key.column, f"footnote '{key.value}' is defined twice "
                                                                f"(first at line {first.line})"))
            continue
        seen[key.value] = key
        out.append((key, value))
    return out
