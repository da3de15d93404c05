"""Sections and their blocks: paragraphs, lists, quotes and images.

Walked in document order (heading, content, then subsections) so that
footnote numbers follow the order in which a reader meets the marks.
"""
from __future__ import annotations

import re

from typeset.model.check import Checker, one_of, pos, shorten, suggest
from typeset.model.nodes import Block, Direction, Image, Inline, ListBlock, Paragraph, Quote, Section
from typeset.model.notes import Notes
from typeset.model.tree import YNode

MAX_LEVEL = 3
SECTION_KEYS = ("heading", "content", "sections")
BLOCK_TYPES = ("image", "list", "paragraph", "quote")
DIRECTIONS = ("auto", "ltr", "rtl")
LIST_STYLES = ("bullet", "numbered")
_WIDTH = re.compile(r"(\d+(?:\.\d+)?|\.\d+)\s*(%|cm|mm|pt|in)")
_WIDTH_HELP = "write a percentage of the text width (60%) or a length (8cm, 30mm, 120pt, 2in)"


class SectionReader:
    """Builds `Section`s from YNodes, numbering notes as it meets them."""

    def __init__(self, check: Checker, notes: Notes) -> None:
        self.check, self.notes = check, notes

    def inline(self, node: YNode, what: str) -> Inline:
        return self.notes.resolve(self.check.markup(node, what), node)

    def sections(self, node: YNode | None, level: int) -> tuple[Section, ...]:
        out = []
        for item in self.check.sequence(node, "'sections'"):
            section = self.section(item, level)
            if section is not None:
                out.append(section)
        return tuple(out)

    def section(self, node: YNode, level: int) -> Section | None:
        if level == MAX_LEVEL + 1:
            self.check.error(node, f"sections nest at most {MAX_LEVEL} levels deep")
        if node.kind == "scalar" and node.type not in ("null", "int", "float"):
            self.check.error(node, f"expected a mapping for a section, got text; "
                                   f"write '- heading: {shorten(node.value)}'")
            return None
        f = self.check.fields(node, SECTION_KEYS, "a section")
        if node.kind != "map":
            return None
        heading: Inline = ()
        if "heading" in f:
            heading = self.inline(f["heading"], "'heading'")
            if not heading and self._empty(f["heading"]):
                self.check.error(f["heading"], "'heading' is empty")
        else:
            self.check.error(node, "missing required key 'heading'")
        content = tuple(b for b in (self.block(x) for x in self.check.sequence(f.get("content"), "'content'"))
                        if b is not None)
        subsections = self.sections(f.get("sections"), level + 1)
        return Section(heading, min(level, MAX_LEVEL), content, subsections, pos(node))

    def block(self, node: YNode) -> Block | None:
        """One entry of `content:`: a string is a paragraph, a mapping names its type."""
        if node.kind == "scalar":
            if node.type == "null":
                self.check.error(node, "empty block (a '-' with nothing after it)")
                return None
            content = self.inline(node, "a paragraph")
            return Paragraph(content, pos(node)) if content else None
        if node.kind == "seq":
            self.check.error(node, "expected a block (text or a mapping), got a list")
            return None
        names = [key.value for key, _ in node.value]
        types = [t for t in BLOCK_TYPES if t in names]
        if len(types) > 1:
            self.check.error(node, f"a block has both '{types[0]}' and '{types[1]}'; "
                                   "write them as two blocks")
            return None
        if not types:
            self._untyped(node, names)
            return None
        return getattr(self, "_" + types[0])(node)

    def _untyped(self, node: YNode, names: list[str]) -> None:
        if names and set(names) <= {"caption", "width"}:
            self.check.error(node, "image without a path; write 'image: FILE'")
        elif "items" in names:
            self.check.error(node, "list without a style; add 'list: bullet' or 'list: numbered'")
        elif names:
            hint = suggest(names[0].lower(), BLOCK_TYPES)
            self.check.error(node.value[0][0], f"unknown block type '{shorten(names[0])}'{hint}" if hint else
                             f"unknown block type '{shorten(names[0])}'; expected {one_of(list(BLOCK_TYPES))}")
        else:
            self.check.error(node, f"empty block; expected text or {one_of(list(BLOCK_TYPES))}")

    def _paragraph(self, node: YNode) -> Paragraph | None:
        f = self.check.fields(node, ("paragraph", "dir"), "a paragraph block")
        content = self.inline(f["paragraph"], "'paragraph'")
        return Paragraph(content, pos(node), self._direction(f.get("dir"))) if content else None

    def _quote(self, node: YNode) -> Quote | None:
        f = self.check.fields(node, ("quote", "dir"), "a quote block")
        content = self.inline(f["quote"], "'quote'")
        if not content and self._empty(f["quote"]):
            self.check.error(f["quote"], "'quote' is empty")
        return Quote(content, pos(node), self._direction(f.get("dir"))) if content else None

    def _direction(self, node: YNode | None) -> Direction:
        """`dir:` of a block: rtl sets it right to left, ltr left to right, auto (the default)
        from its first strong character (Unicode's bidi rules P2-P3)."""
        value = self.check.scalar(node, "'dir'")
        if value is None:
            return "auto"
        if value.strip().lower() not in DIRECTIONS:
            self.check.error(node, f"'dir' must be {one_of(list(DIRECTIONS))}, got '{shorten(value)}'")
            return "auto"
        return value.strip().lower()  # type: ignore[return-value]

    def _list(self, node: YNode) -> ListBlock | None:
        f = self.check.fields(node, ("list", "items"), "a list block")
        style_node = f["list"]
        style = None
        if style_node.kind == "seq":
            self.check.error(style_node, "expected 'bullet' or 'numbered' for 'list', got a list; "
                                         "put the entries under 'items:'")
        else:
            style = self.check.scalar(style_node, "'list'")
            if style not in LIST_STYLES:
                self.check.error(style_node, f"unknown list style '{shorten(style or '')}'; "
                                             "expected 'bullet' or 'numbered'")
                style = None
        if "items" not in f:
            self.check.error(node, "missing required key 'items'")
            return None
        items = []
        for item in self.check.sequence(f["items"], "'items'"):
            if item.kind != "scalar":
                self.check.error(item, f"expected text for a list item, got {item.describe()} "
                                       "(lists do not nest)")
            elif item.type == "null":
                self.check.error(item, "empty list item")
            else:
                items.append(self.inline(item, "a list item"))
        if (f["items"].kind == "seq" and not f["items"].value) or f["items"].type == "null":
            self.check.error(f["items"], "a list needs at least one item")
        if style is None or not items:
            return None
        return ListBlock("bullet" if style == "bullet" else "numbered", tuple(items), pos(node))

    def _image(self, node: YNode) -> Image | None:
        f = self.check.fields(node, ("image", "caption", "width"), "an image block")
        src = self.check.text(f["image"], "'image'", prose=False)
        if src is None:
            self.check.error(f["image"] if f["image"].kind == "scalar" else node,
                             "image without a path; write 'image: FILE'")
        caption = self.inline(f["caption"], "'caption'") if "caption" in f else ()
        width = self._width(f.get("width"))
        return Image(src, caption, width, pos(node)) if src is not None else None

    def _width(self, node: YNode | None) -> str | None:
        value = self.check.scalar(node, "'width'")
        if value is None or node is None:
            return None
        m = _WIDTH.fullmatch(value.strip())
        if not m:
            self.check.error(node, f"invalid image width '{shorten(value)}'; {_WIDTH_HELP}")
            return None
        amount, unit = float(m.group(1)), m.group(2)
        if amount <= 0 or (unit == "%" and amount > 100):
            limit = "more than 0% and at most 100%" if unit == "%" else "more than 0"
            self.check.error(node, f"image width '{value}' is out of range; use {limit}")
            return None
        return m.group(1) + unit

    def _empty(self, node: YNode) -> bool:
        """True when the field is present but blank (not wrong in some other way)."""
        return (node.kind == "scalar" and node.type not in ("int", "float")
                and len(node.value) <= self.check.limits.max_paragraph_chars)
