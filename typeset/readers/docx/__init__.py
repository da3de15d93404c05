"""The Word reader: a .docx's paragraphs, styles, lists, links, pictures and footnotes.

Body paragraphs are read by style (Title, Subtitle, Author, Date, Heading
1-3, List Paragraph or numbering, Quote, Caption, anything else a
paragraph), with italic, bold and hyperlinks kept; footnote references
become `[^N]` marks, N being the note's number in reading order, and the
notes of word/footnotes.xml their texts (Word's separator notes are not
notes; a note keeps its paragraphs). Header fields come from the styled
paragraphs before the first heading and the document properties (see
`meta.py`). What a brief cannot hold (a table, a text box, a comment,
tracked changes, an equation) gets one warning naming it.

Messages name the paragraph (`paragraph 14 ("Pillars of the...")`) or the
footnote (`footnote 3`), since a .docx has no lines.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from typeset.errors import BriefError, Problem
from typeset.model.limits import Limits
from typeset.model.tree import Source, YNode, mapping, scalar, sequence
from typeset.readers.common import Tree, read_bytes
from typeset.readers.docx.meta import core_properties, custom_properties, names
from typeset.readers.docx.package import Package, PackageError, W, attr
from typeset.readers.docx.runs import Paragraph, RunReader, markup
from typeset.readers.docx.styles import Styles

IMAGE_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_SKIPPED_NOTES = ("separator", "continuationSeparator", "continuationNotice")


@dataclass(slots=True)
class _Section:
    heading: YNode
    level: int
    content: list[YNode] = field(default_factory=list)
    subsections: list[_Section] = field(default_factory=list)


def read(path: Path, display: str, limits: Limits) -> Tree:
    """The tree of a Word brief file."""
    data = read_bytes(path, display, limits.max_bytes)
    try:
        return _Reader(display, Package(data), limits).tree(os.path.dirname(os.path.abspath(display)))
    except PackageError as exc:
        raise BriefError(Problem(display, None, None, str(exc))) from None


class _Reader:
    def __init__(self, display: str, package: Package, limits: Limits) -> None:
        self.display, self.package, self.limits = display, package, limits
        if not package.has("word/document.xml"):
            raise PackageError("not a Word document: the .docx has no word/document.xml")
        self.styles = Styles(package)
        self.problems: list[Problem] = []
        self.reported: set[str] = set()
        self.label = ""
        self.note_keys: dict[str, str] = {}
        self.images: dict[str, bytes] = {}
        self.header: dict[str, list[tuple[str, str]]] = {}  # role -> [(text, label)]
        self.top: list[_Section] = []
        self.stack: list[_Section] = []
        self.count = 0
        self.before_heading = False

    # -- messages

    def unmapped(self, what: str) -> None:
        """One warning per kind of content the brief cannot hold, at its first place."""
        if what in self.reported:
            return
        self.reported.add(what)
        self.problems.append(Problem(self.display, None, None, f"{what} cannot be set in a brief; left out"
                                     if "kept" not in what and "set as" not in what else
                                     f"{what}: set as described", "warning", self.label))

    def error(self, message: str) -> None:
        self.problems.append(Problem(self.display, None, None, message, "error", self.label))

    # -- the document

    def tree(self, base_dir: str) -> Tree:
        body = self.package.xml("word/document.xml").find(f"{{{W}}}body")
        self.runs = RunReader(self.package.relationships("word/document.xml"), self.styles.char, self.unmapped)
        if body is not None:
            self._blocks(body)
        notes = self._footnotes()
        pairs = self._header_pairs()
        if self.top:
            pairs.append(("sections", sequence([self._section_node(s) for s in self.top])))
        if notes:
            pairs.append(("footnotes", YNode("map", notes)))
        root = mapping(pairs) if pairs else None
        return Tree(root, Source(self.display), self.problems, base_dir, self.images)

    def _blocks(self, el: Element) -> None:
        for child in el:
            name = child.tag.rsplit("}", 1)[-1]
            if name == "p":
                self._paragraph(child)
            elif name == "tbl":
                self.label = f"paragraph {self.count + 1} (in a table)"
                self.count += sum(1 for _ in child.iter(f"{{{W}}}p"))
                self.unmapped("a table")
            elif name in ("sdt", "sdtContent", "customXml"):
                self._blocks(child)
            elif name in ("ins", "moveTo"):
                self.unmapped("tracked changes (the insertions are kept, the deletions left out)")
                self._blocks(child)
            elif name in ("del", "moveFrom"):
                self.unmapped("tracked changes (the insertions are kept, the deletions left out)")
            elif name not in ("sectPr", "bookmarkStart", "bookmarkEnd", "sdtPr", "proofErr",
                              "commentRangeStart", "commentRangeEnd", "permStart", "permEnd"):
                self.unmapped(f"Word element '{name}'")

    def _paragraph(self, p: Element) -> None:
        self.count += 1
        ppr = p.find(f"{{{W}}}pPr")
        style = attr(ppr.find(f"{{{W}}}pStyle"), "val") if ppr is not None and \
            ppr.find(f"{{{W}}}pStyle") is not None else None
        num = ppr.find(f"{{{W}}}numPr") if ppr is not None else None
        role = self.styles.role(style)
        shown = "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
        self.label = f'paragraph {self.count} ("{_short(shown)}")' if shown.strip() else f"paragraph {self.count}"
        para = self.runs.paragraph(p)
        text = para.plain()
        if not text.strip() and not para.images and not any(x.note for x in para.pieces):
            return
        if role in ("title", "subtitle", "author", "date"):
            if not self.stack:
                self.header.setdefault(role, []).append((" ".join(text.split()), self.label))
                return
            role = "body"
        if role == "abstract":
            self.unmapped("an abstract")
            return
        if role.startswith("h") and role[1:].isdigit():
            self._heading(int(role[1:]), para)
            return
        if para.images:
            self._images(para)
            if not text.strip():
                return
        node = scalar(markup(para.pieces, self._note_key), label=self.label)
        if num is not None or role in ("list", "bullet", "numbered") or style in self.styles.para_numbering:
            self._list_item(node, num, role, style)
        elif role == "quote":
            self._add(mapping([("quote", node)], label=self.label))
        elif role == "caption" and self._last_image_without_caption():
            self.stack[-1].content[-1].value.append((scalar("caption", label=self.label), node))
        else:
            self._add(node)

    def _note_key(self, word_id: str) -> str:
        if word_id not in self.note_keys:
            self.note_keys[word_id] = str(len(self.note_keys) + 1)
        return self.note_keys[word_id]

    def _heading(self, level: int, para: Paragraph) -> None:
        node = scalar(markup(para.pieces, self._note_key), label=self.label)
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        section = _Section(node, level)
        (self.stack[-1].subsections if self.stack else self.top).append(section)
        self.stack.append(section)

    def _add(self, node: YNode) -> None:
        if not self.stack:
            if not self.before_heading:
                self.before_heading = True
                self.error("text before the first heading; a brief's text is in sections, so start "
                           "them with a 'Heading 1' paragraph (or style the header lines Title, "
                           "Subtitle, Author or Date)")
            return
        self.stack[-1].content.append(node)

    def _list_item(self, node: YNode, num: Element | None, role: str, style: str | None) -> None:
        num_id = ilvl = ""
        if num is not None:
            num_id = attr(num.find(f"{{{W}}}numId"), "val") if num.find(f"{{{W}}}numId") is not None else ""
            ilvl = attr(num.find(f"{{{W}}}ilvl"), "val") if num.find(f"{{{W}}}ilvl") is not None else "0"
        elif style in self.styles.para_numbering:
            num_id, ilvl = self.styles.para_numbering[style or ""], "0"
        if ilvl not in ("", "0", None):
            self.unmapped("a nested list (set as one list: lists do not nest in a brief)")
        kind = role if role in ("bullet", "numbered") else \
            self.styles.list_style(num_id or "", ilvl or "0") if num_id else "bullet"
        last = self.stack[-1].content[-1] if self.stack and self.stack[-1].content else None
        if last is not None and last.kind == "map" and last.value[0][0].value == "list" \
                and last.value[0][1].value == kind and getattr(last, "where", "") == f"numbering {num_id}":
            last.value[1][1].value.append(node)
            return
        block = mapping([("list", scalar(kind, label=self.label)), ("items", sequence([node], label=self.label))],
                        label=self.label)
        block.where = f"numbering {num_id}"
        self._add(block)

    def _images(self, para: Paragraph) -> None:
        for member, width in para.images:
            if not self.package.has(member):
                self.error(f"the picture '{member}' is missing from the .docx")
                continue
            self.images[member] = self.package.read(member)
            pairs = [("image", scalar(member, label=self.label))]
            if width:
                pairs.append(("width", scalar(f"{width:.1f}pt", label=self.label)))
            self._add(mapping(pairs, label=self.label))

    def _last_image_without_caption(self) -> bool:
        if not self.stack or not self.stack[-1].content:
            return False
        last = self.stack[-1].content[-1]
        return last.kind == "map" and last.value[0][0].value == "image" and \
            not any(k.value == "caption" for k, _ in last.value)

    # -- footnotes

    def _footnotes(self) -> list[tuple[YNode, YNode]]:
        if not self.package.has("word/footnotes.xml"):
            return []
        root = self.package.xml("word/footnotes.xml")
        self.runs = RunReader(self.package.relationships("word/footnotes.xml"), self.styles.char, self.unmapped)
        out = []
        for fn in root.iter(f"{{{W}}}footnote"):
            if attr(fn, "type") in _SKIPPED_NOTES:
                continue
            word_id = attr(fn, "id") or ""
            key = self.note_keys.get(word_id, f"w{word_id}")
            self.label = f"footnote {key}" if word_id in self.note_keys else f"footnote id {word_id}"
            parts = []
            for p in fn.iter(f"{{{W}}}p"):
                para = self.runs.paragraph(p)
                if para.images:
                    self.unmapped("a picture in a footnote")
                parts.append(markup(para.pieces, self._ref_in_note).strip())
            kept = [scalar(x, label=self.label) for x in parts if x]
            value = kept[0] if len(kept) == 1 else sequence(kept, label=self.label) if kept else \
                YNode("scalar", "", type="null", label=self.label)
            out.append((int(key) if key.isdigit() else 10**9, scalar(key, label=self.label), value))
        out.sort(key=lambda t: t[0])
        return [(k, v) for _, k, v in out]

    def _ref_in_note(self, word_id: str) -> str:
        self.error("a footnote cannot contain a footnote reference")
        return ""

    # -- header

    def _header_pairs(self) -> list[tuple[str, YNode]]:
        core, custom = core_properties(self.package), custom_properties(self.package)
        label = "document properties"
        pairs: list[tuple[str, YNode]] = []

        def field_from(role: str, key: str) -> None:
            if role in self.header:
                text = " ".join(t for t, _ in self.header[role])
                pairs.append((key, scalar(text, label=self.header[role][0][1])))
            elif key in custom:
                pairs.append((key, scalar(custom[key], label=label)))
            elif key in core:
                pairs.append((key, scalar(core[key], label=label)))

        for key in ("layout", "language", "series"):
            if key in custom or key in core:
                field_from("", key)
        field_from("title", "title")
        field_from("subtitle", "subtitle")
        field_from("date", "date")
        authors = [(t, lab) for t, lab in self.header.get("author", [])] or \
            [(n, label) for n in names(custom.get("authors") or core.get("authors") or "")]
        if authors:
            items = []
            for i, (name, lab) in enumerate(authors, 1):
                fields = [("name", scalar(name, label=lab))]
                for extra in ("role", "affiliation"):
                    if f"authors.{i}.{extra}" in custom:
                        fields.append((extra, scalar(custom[f"authors.{i}.{extra}"], label=label)))
                items.append(mapping(fields, label=lab))
            pairs.append(("authors", sequence(items, label=label)))
        if "editors" in custom:
            pairs.append(("editors", sequence([scalar(n, label=label) for n in names(custom["editors"])],
                                              label=label)))
        publisher = [(k.split(".")[1], scalar(v, label=label)) for k, v in custom.items()
                     if k.startswith("publisher.")]
        if publisher:
            pairs.append(("publisher", mapping(publisher, label=label)))
        if "disclaimer" in custom:
            pairs.append(("disclaimer", scalar(custom["disclaimer"], label=label)))
        return pairs

    def _section_node(self, s: _Section) -> YNode:
        pairs: list[tuple[str, YNode]] = [("heading", s.heading)]
        if s.content:
            pairs.append(("content", sequence(s.content, label=s.heading.label)))
        if s.subsections:
            pairs.append(("sections", sequence([self._section_node(x) for x in s.subsections],
                                               label=s.heading.label)))
        return mapping(pairs, label=s.heading.label)


def _short(text: str, width: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."
