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
from collections.abc import Mapping
from pathlib import Path
from xml.etree.ElementTree import Element

from typeset.errors import BriefError, Problem
from typeset.model.limits import Limits
from typeset.model.tree import Source, YNode, mapping, scalar, sequence
from typeset.readers.common import Outline, Tree, read_bytes
from typeset.readers.docx.meta import core_properties, custom_properties, names
from typeset.readers.docx.package import Package, PackageError, W, attr
from typeset.readers.docx.runs import Paragraph, RunReader, markup
from typeset.readers.docx.styles import Styles

HEADER_ROLES = ("title", "subtitle", "series", "date", "author", "role", "affiliation", "editor", "disclaimer")
_SKIPPED_NOTES = ("separator", "continuationSeparator", "continuationNotice")


def read(path: Path, display: str, limits: Limits, styles: Mapping[str, str] | None = None) -> Tree:
    """The tree of a Word brief file; `styles` maps more paragraph style names to header fields."""
    data = read_bytes(path, display, limits.max_bytes)
    try:
        return _Reader(display, Package(data), limits, styles).tree(os.path.dirname(os.path.abspath(display)))
    except PackageError as exc:
        raise BriefError(Problem(display, None, None, str(exc))) from None


class _Reader:
    def __init__(self, display: str, package: Package, limits: Limits, styles: Mapping[str, str] | None) -> None:
        self.display, self.package, self.limits = display, package, limits
        if not package.has("word/document.xml"):
            raise PackageError("not a Word document: the .docx has no word/document.xml")
        self.styles = Styles(package, {k.lower(): v for k, v in (styles or {}).items()})
        self.problems: list[Problem] = []
        self.reported: set[str] = set()
        self.label = ""
        self.note_keys: dict[str, str] = {}
        self.images: dict[str, bytes] = {}
        self.header: list[tuple[str, str, str]] = []  # (role, text, label) of header paragraphs, in order
        self.outline = Outline()
        self.count = 0
        self.before_heading = False
        self._open_list: tuple[tuple[str, str], YNode, YNode] | None = None  # (kind, numbering), block, items

    # -- messages

    def unmapped(self, what: str, outcome: str = "left out") -> None:
        """One warning per kind of content the brief cannot hold, at its first place."""
        if what in self.reported:
            return
        self.reported.add(what)
        self.problems.append(Problem(self.display, None, None, f"{what} cannot be set in a brief; {outcome}",
                                     "warning", self.label))

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
        if self.outline.top:
            pairs.append(("sections", sequence(self.outline.sections())))
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
                self.unmapped("tracked changes", "the insertions are kept, the deletions left out")
                self._blocks(child)
            elif name in ("del", "moveFrom"):
                self.unmapped("tracked changes", "the insertions are kept, the deletions left out")
            elif name not in ("sectPr", "bookmarkStart", "bookmarkEnd", "sdtPr", "proofErr",
                              "commentRangeStart", "commentRangeEnd", "permStart", "permEnd"):
                self.unmapped(f"Word element '{name}'")

    def _paragraph(self, p: Element) -> None:
        self.count += 1
        if self.count > self.limits.max_nodes:
            raise PackageError(f"too many paragraphs (more than {self.limits.max_nodes:,})")
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
        if role in HEADER_ROLES:
            if not self.outline.is_open:
                self.header.append((role, " ".join(text.split()), self.label))
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
        node = scalar(markup(para.pieces, self._note_key, self.unmapped), label=self.label)
        if num is not None or role in ("list", "bullet", "numbered") or style in self.styles.para_numbering:
            self._list_item(node, num, role, style)
        elif role == "quote":
            self._add(mapping([("quote", node)], label=self.label))
        elif role == "caption" and self._last_image_without_caption():
            self.outline.last().value.append((scalar("caption", label=self.label), node))  # type: ignore[union-attr]
        else:
            self._add(node)

    def _note_key(self, word_id: str) -> str:
        if word_id not in self.note_keys:
            self.note_keys[word_id] = str(len(self.note_keys) + 1)
        return self.note_keys[word_id]

    def _heading(self, level: int, para: Paragraph) -> None:
        self.outline.heading(scalar(markup(para.pieces, self._note_key, self.unmapped), label=self.label), level)

    def _add(self, node: YNode) -> None:
        if not self.outline.is_open:
            if not self.before_heading:
                self.before_heading = True
                self.error("text before the first heading; a brief's text is in sections, so start "
                           "them with a 'Heading 1' paragraph (or style the header lines Title, "
                           "Subtitle, Author or Date)")
            return
        self.outline.add(node)

    def _list_item(self, node: YNode, num: Element | None, role: str, style: str | None) -> None:
        num_id = ilvl = ""
        if num is not None:
            num_id = attr(num.find(f"{{{W}}}numId"), "val") if num.find(f"{{{W}}}numId") is not None else ""
            ilvl = attr(num.find(f"{{{W}}}ilvl"), "val") if num.find(f"{{{W}}}ilvl") is not None else "0"
        elif style in self.styles.para_numbering:
            num_id, ilvl = self.styles.para_numbering[style or ""], "0"
        if ilvl not in ("", "0", None) and self._open_list is not None \
                and self.outline.last() is self._open_list[1]:
            self.unmapped("a nested list", "its items are set in the list around it")
            self._open_list[2].value.append(node)
            return
        kind = role if role in ("bullet", "numbered") else \
            self.styles.list_style(num_id or "", ilvl or "0") if num_id else "bullet"
        if self._open_list is not None and self._open_list[0] == (kind, num_id) \
                and self.outline.last() is self._open_list[1]:
            self._open_list[2].value.append(node)  # the next item of the list just before
            return
        items = sequence([node], label=self.label)
        block = mapping([("list", scalar(kind, label=self.label)), ("items", items)], label=self.label)
        self._add(block)
        self._open_list = ((kind, num_id), block, items)

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
        last = self.outline.last()
        return last is not None and last.kind == "map" and last.value[0][0].value == "image" and \
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
                parts.append(markup(para.pieces, self._ref_in_note, self.unmapped).strip())
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
        """Header paragraphs first, then custom properties, then core properties."""
        core, custom = core_properties(self.package), custom_properties(self.package)
        label = "document properties"
        pairs: list[tuple[str, YNode]] = []
        lines: dict[str, list[tuple[str, str]]] = {}
        for role, text, where in self.header:
            lines.setdefault(role, []).append((text, where))

        for key in ("layout", "language", "series", "title", "subtitle", "date"):
            if key in lines:
                pairs.append((key, scalar(" ".join(t for t, _ in lines[key]), label=lines[key][0][1])))
            elif key in custom or key in core:
                pairs.append((key, scalar(custom.get(key) or core[key], label=label)))
        authors = self._authors(custom, core, label)
        if authors:
            pairs.append(("authors", sequence(authors, label=label)))
        if "editor" in lines:
            pairs.append(("editors", sequence([scalar(t, label=w) for t, w in lines["editor"]], label=label)))
        elif "editors" in custom:
            pairs.append(("editors", sequence([scalar(n, label=label) for n in names(custom["editors"])],
                                              label=label)))
        publisher = [(k.split(".")[1], scalar(v, label=label)) for k, v in custom.items()
                     if k.startswith("publisher.")]
        if publisher:
            pairs.append(("publisher", mapping(publisher, label=label)))
        if "disclaimer" in lines:
            pairs.append(("disclaimer", scalar(" ".join(t for t, _ in lines["disclaimer"]),
                                               label=lines["disclaimer"][0][1])))
        elif "disclaimer" in custom:
            pairs.append(("disclaimer", scalar(custom["disclaimer"], label=label)))
        return pairs

    def _authors(self, custom: dict[str, str], core: dict[str, str], label: str) -> list[YNode]:
        """Author paragraphs, each followed by its role and affiliation paragraphs; else the properties."""
        people: list[list[tuple[str, YNode]]] = []
        for role, text, where in self.header:
            if role == "author":
                people.append([("name", scalar(text, label=where))])
            elif role in ("role", "affiliation"):
                if not people or any(k == role for k, _ in people[-1]):
                    self.label = where
                    self.error(f"a '{role}' paragraph belongs after an author's paragraph")
                    continue
                people[-1].append((role, scalar(text, label=where)))
        if not people:
            people = [[("name", scalar(n, label=label))] for n in names(custom.get("authors") or
                                                                         core.get("authors") or "")]
        for i, person in enumerate(people, 1):
            for extra in ("role", "affiliation"):
                if f"authors.{i}.{extra}" in custom and not any(k == extra for k, _ in person):
                    person.append((extra, scalar(custom[f"authors.{i}.{extra}"], label=label)))
        return [mapping(person, label=person[0][1].label) for person in people]


def _short(text: str, width: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."
