"""Markdown blocks (markdown-it's token stream) into the brief-shaped tree.

`#`, `##`, `###` open sections of levels 1-3; paragraphs, lists, block
quotes and images alone in a paragraph become the section's content;
footnote definitions (`[^id]: ...`, continued by indented paragraphs)
become `footnotes:` (a note of several paragraphs is a list of them). Whatever a brief cannot hold (code, HTML, tables,
rules, nested lists) gets one warning naming it, at its line.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markdown_it.token import Token

from typeset.errors import Problem
from typeset.model.tree import Source, YNode, mapping, scalar, sequence
from typeset.readers.common import Outline
from typeset.readers.markdown.inline import WIDTH_ATTR, InlineWriter

_SKIPPED = {"code_block": "a code block", "fence": "a code block", "html_block": "an HTML block",
            "hr": "a horizontal rule", "table_open": "a table"}


class BlockReader:
    """Walks the tokens once, putting each block in the section open at that point."""

    def __init__(self, source: Source, env: dict[str, Any], problems: list[Problem]) -> None:
        self.source, self.problems = source, problems
        self.line_starts = [0]
        text = source.text or ""
        self.line_starts.extend(i + 1 for i, c in enumerate(text) if c == "\n")
        self.writer = InlineWriter(env, self._inline_warning)
        self.at: tuple[int | None, int | None] = (None, None)
        self.outline = Outline()
        self.notes: list[tuple[YNode, YNode]] = []
        self.before_heading = False

    # -- positions and messages

    def where(self, token: Token) -> tuple[int | None, int | None, int | None]:
        """Line, column and offset where a block starts (its first non-blank character)."""
        if token.map is None or self.source.text is None:
            return None, None, None
        line = token.map[0]
        start = self.line_starts[min(line, len(self.line_starts) - 1)]
        text = self.source.text
        i = start
        while i < len(text) and text[i] in " \t":
            i += 1
        return line + 1, i - start + 1, i

    def problem(self, token: Token | None, message: str, severity: str = "warning") -> None:
        line, column, _ = self.where(token) if token is not None else (*self.at, None)
        self.problems.append(Problem(self.source.name, line, column, message, severity))  # type: ignore[arg-type]

    def _inline_warning(self, message: str) -> None:
        self.problems.append(Problem(self.source.name, *self.at, message, "warning"))

    def text_node(self, token: Token, inline: Token) -> YNode:
        line, column, index = self.where(token)
        self.at = (line, column)
        node = scalar(self.writer.write(inline.children or []), line, column)
        node.index = index
        return node

    # -- the walk

    def read(self, tokens: list[Token]) -> tuple[list[YNode], list[tuple[YNode, YNode]]]:
        i = 0
        while i < len(tokens):
            i = self.block(tokens, i, self._add)
        return self.outline.sections(), self.notes

    def block(self, tokens: list[Token], i: int, add: Callable[[YNode], None]) -> int:
        """Read the block starting at tokens[i]; returns the index after it."""
        t = tokens[i]
        kind = t.type
        if kind == "heading_open":
            self._heading(t, tokens[i + 1])
            return i + 3
        if kind == "paragraph_open":
            add(self._paragraph(t, tokens[i + 1]))
            return i + 3
        end = _close(tokens, i)
        if kind in ("bullet_list_open", "ordered_list_open"):
            add(self._list(tokens, i, end))
        elif kind == "blockquote_open":
            self._quote(tokens, i, end, add)
        elif kind == "footnote_reference_open":
            self._footnote(tokens, i, end)
        elif kind == "front_matter":
            pass
        else:
            what = _SKIPPED.get(kind, f"Markdown '{kind.removesuffix('_open')}'")
            self.problem(t, f"{what} is not part of a brief; it is left out")
        return end + 1

    def _add(self, node: YNode) -> None:
        if not self.outline.is_open:
            if not self.before_heading:
                self.before_heading = True
                self.problems.append(Problem(self.source.name, node.line, node.column,
                                             "text before the first heading; a brief's text is in sections, "
                                             "so start with a '# Heading' line"))
            return
        self.outline.add(node)

    def _heading(self, token: Token, inline: Token) -> None:
        level = int(token.tag[1:])
        self.outline.heading(self.text_node(token, inline), level)

    def _paragraph(self, token: Token, inline: Token) -> YNode:
        children = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
        rest = children[1:]
        width = None
        if rest and rest[0].type == "text" and (m := WIDTH_ATTR.fullmatch(rest[0].content.strip())):
            width, rest = m.group(2), rest[1:]
        if children and children[0].type == "image" and not rest:
            return self._image(token, children[0], width)
        return self.text_node(token, inline)

    def _image(self, token: Token, image: Token, width: str | None) -> YNode:
        line, column, _ = self.where(token)
        self.at = (line, column)
        pairs: list[tuple[str, YNode]] = [("image", scalar(str(image.attrGet("src") or ""), line, column))]
        caption = self.writer.write(image.children or [])
        if caption.strip():
            pairs.append(("caption", scalar(caption, line, column)))
        if width is not None:
            pairs.append(("width", scalar(width, line, column)))
        return mapping(pairs, line, column)

    def _list(self, tokens: list[Token], i: int, end: int) -> YNode:
        line, column, _ = self.where(tokens[i])
        style = "numbered" if tokens[i].type == "ordered_list_open" else "bullet"
        items: list[YNode] = []
        self._items(tokens, i, end, items)
        return mapping([("list", scalar(style, line, column)), ("items", sequence(items, line, column))],
                       line, column)

    def _items(self, tokens: list[Token], i: int, end: int, items: list[YNode]) -> None:
        """The items of the list tokens[i:end] into `items`; a nested list's items follow its parent's."""
        j = i + 1
        while j < end:
            item_end = _close(tokens, j)
            parts: list[YNode] = []
            nested: list[YNode] = []
            k = j + 1
            while k < item_end:
                t = tokens[k]
                if t.type == "paragraph_open":
                    parts.append(self.text_node(t, tokens[k + 1]))
                    k += 3
                    continue
                if t.type.endswith("list_open"):
                    self.problem(t, "a list inside a list item cannot nest in a brief; its items are set "
                                    "in the list around it")
                    self._items(tokens, k, _close(tokens, k), nested)
                else:
                    self.problem(t, f"Markdown '{t.type.removesuffix('_open')}' in a list item is not part "
                                    "of a brief; it is left out")
                k = _close(tokens, k) + 1
            if parts:
                if len(parts) > 1:
                    self.problem(tokens[j], "a list item of several paragraphs is set as one paragraph")
                    parts[0].value = " ".join(p.value for p in parts)
                items.append(parts[0])
            items.extend(nested)
            j = item_end + 1

    def _quote(self, tokens: list[Token], i: int, end: int, add: Callable[[YNode], None]) -> None:
        def quoted(node: YNode) -> None:
            if node.kind == "scalar":
                add(mapping([("quote", node)], node.line, node.column))
            else:
                self.problem(tokens[i], "only paragraphs are set inside a block quote; "
                                        "a list or image in one is set as its own block")
                add(node)

        j = i + 1
        while j < end:
            j = self.block(tokens, j, quoted)

    def _footnote(self, tokens: list[Token], i: int, end: int) -> None:
        line, column, _ = self.where(tokens[i])
        parts: list[YNode] = []

        def part(node: YNode) -> None:
            """A note holds paragraphs: a quote's or a list's text is set as paragraphs of it."""
            if node.kind == "scalar":
                parts.append(node)
                return
            kind = node.value[0][0].value
            if kind == "quote":
                parts.append(node.value[0][1])
            elif kind == "list":
                parts.extend(node.value[1][1].value)
            self.problem(tokens[i], f"a footnote holds paragraphs only; its {kind} is "
                         + ("left out" if kind == "image" else "set as paragraphs of the note"))

        j = i + 1
        while j < end:
            if tokens[j].type == "footnote_reference_open":  # a definition inside a definition
                self.problem(tokens[j], "a footnote definition inside a footnote is left out")
                j = _close(tokens, j) + 1
                continue
            j = self.block(tokens, j, part) if tokens[j].type != "heading_open" else self._no_heading(tokens, j)
        label = str(tokens[i].meta.get("label", ""))
        if len(parts) > 1:
            value = sequence(parts, line, column)
        elif parts:
            value = parts[0]
        else:
            value = YNode("scalar", "", line, column, type="null")
        self.notes.append((scalar(label, line, column), value))

    def _no_heading(self, tokens: list[Token], j: int) -> int:
        self.problem(tokens[j], "a heading inside a footnote is left out")
        return j + 3


def _close(tokens: list[Token], i: int) -> int:
    """Index of the token that closes tokens[i] (itself when it opens nothing)."""
    if tokens[i].nesting != 1:
        return i
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1
