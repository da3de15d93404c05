"""What a paragraph is, from word/styles.xml and word/numbering.xml.

Paragraph styles are known by name (Word's built-in names, as Word and
Pandoc write them), following `basedOn` so a user's "My Heading" based on
Heading 1 is a heading too. A paragraph with numbering is a list item;
the numbering level's format says bullet or numbered.
"""
from __future__ import annotations

from xml.etree.ElementTree import Element

from typeset.readers.docx.package import Package, W, attr

ROLES = {
    "title": "title", "subtitle": "subtitle", "author": "author", "date": "date",
    "heading 1": "h1", "heading 2": "h2", "heading 3": "h3", "heading 4": "h4", "heading 5": "h5",
    "quote": "quote", "intense quote": "quote", "block text": "quote",
    "list paragraph": "list", "list bullet": "bullet", "list number": "numbered",
    "caption": "caption", "image caption": "caption", "table caption": "caption",
    "abstract": "abstract",
}


class Styles:
    """Style ids -> roles; numbering ids -> bullet or numbered."""

    def __init__(self, package: Package, extra: dict[str, str] | None = None) -> None:
        self.extra = extra or {}  # the user's style names (lower case) -> roles
        self.roles: dict[str, str] = {}
        self.char: dict[str, str] = {}
        self.para_numbering: dict[str, str] = {}
        self.formats: dict[tuple[str, str], str] = {}
        if package.has("word/styles.xml"):
            self._styles(package.xml("word/styles.xml"))
        if package.has("word/numbering.xml"):
            self._numbering(package.xml("word/numbering.xml"))

    def _styles(self, root: Element) -> None:
        names: dict[str, str] = {}
        based: dict[str, str] = {}
        for s in root.iter(f"{{{W}}}style"):
            sid = attr(s, "styleId") or ""
            name_el = s.find(f"{{{W}}}name")
            names[sid] = (attr(name_el, "val") if name_el is not None else sid).lower()
            base = s.find(f"{{{W}}}basedOn")
            if base is not None:
                based[sid] = attr(base, "val") or ""
            if attr(s, "type") == "character":
                self.char[sid] = names[sid]
            num = s.find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}numId")
            if num is not None:
                self.para_numbering[sid] = attr(num, "val") or ""
        for sid in names:
            seen, cur = set(), sid
            while cur and cur not in seen:
                seen.add(cur)
                name = names.get(cur, cur.lower())
                role = self.extra.get(name) or self.extra.get(cur.lower()) or ROLES.get(name) \
                    or ROLES.get(cur.lower())
                if role:
                    self.roles[sid] = role
                    break
                cur = based.get(cur, "")

    def _numbering(self, root: Element) -> None:
        abstract: dict[str, dict[str, str]] = {}
        for a in root.iter(f"{{{W}}}abstractNum"):
            levels = {}
            for lvl in a.iter(f"{{{W}}}lvl"):
                fmt = lvl.find(f"{{{W}}}numFmt")
                levels[attr(lvl, "ilvl") or "0"] = (attr(fmt, "val") if fmt is not None else "decimal") or ""
            abstract[attr(a, "abstractNumId") or ""] = levels
        for n in root.iter(f"{{{W}}}num"):
            ref = n.find(f"{{{W}}}abstractNumId")
            levels = abstract.get(attr(ref, "val") if ref is not None else "", {})
            for ilvl, fmt in levels.items():
                self.formats[(attr(n, "numId") or "", ilvl)] = fmt

    def role(self, style_id: str | None) -> str:
        """What a paragraph of this style is ("body" for an ordinary paragraph)."""
        sid = style_id or ""
        return self.roles.get(sid) or self.extra.get(sid.lower()) or ROLES.get(sid.lower()) or "body"

    def list_style(self, num_id: str, ilvl: str) -> str:
        fmt = self.formats.get((num_id, ilvl), self.formats.get((num_id, "0"), "decimal"))
        return "bullet" if fmt in ("bullet", "none") else "numbered"
