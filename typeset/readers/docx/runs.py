"""The runs of one Word paragraph: text with italic, bold and links, and footnote references.

Styles come from the run's own properties (`w:i`, `w:b`, honouring
`w:val="0"`) and from character styles named Emphasis or Strong. Runs of
equal style are merged before the markup is written, so Word's habit of
splitting words into many runs changes nothing.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from typeset.readers.docx.package import HYPERLINK, R, Relationship, W, attr
from typeset.readers.markup import autolink, link, styled_spans
from typeset.values import Record

_OFF = ("0", "false", "off", "none")
_IGNORED = {f"{{{W}}}{n}" for n in ("pPr", "rPr", "bookmarkStart", "bookmarkEnd", "proofErr", "lastRenderedPageBreak",
                                     "permStart", "permEnd", "footnoteRef", "separator", "continuationSeparator",
                                     "fldChar", "instrText", "commentRangeEnd", "annotationRef")}
_TEXT_BOX = "text box"


@dataclass(slots=True, eq=False, repr=False)
class Piece(Record):
    """Literal text in one style, or a footnote reference (`note` is Word's footnote id)."""

    text: str = ""
    italic: bool = False
    bold: bool = False
    link: str | None = None
    note: str | None = None


@dataclass(slots=True, eq=False, repr=False)
class Paragraph(Record):
    """The pieces and images of one Word paragraph, in order."""

    pieces: list[Piece] = field(default_factory=list)
    images: list[tuple[str, float | None]] = field(default_factory=list)  # member name, width in pt

    def plain(self) -> str:
        return "".join(p.text for p in self.pieces if p.note is None)


class RunReader:
    """Reads the inline content of paragraphs; `unmapped` is told of what a brief cannot hold."""

    def __init__(self, rels: dict[str, Relationship], char_styles: dict[str, str],
                 unmapped: Callable[..., None]) -> None:
        self.rels, self.char_styles, self.unmapped = rels, char_styles, unmapped

    def paragraph(self, p: Element) -> Paragraph:
        out = Paragraph()
        self._walk(p, out, None)
        return out

    def _walk(self, el: Element, out: Paragraph, href: str | None) -> None:
        for child in el:
            tag = child.tag
            if tag in _IGNORED:
                continue
            name = tag.rsplit("}", 1)[-1]
            if name == "r":
                self._run(child, out, href)
            elif name == "hyperlink":
                rel = self.rels.get(attr(child, "id", R) or "")
                target = rel.target if rel is not None and rel.type == HYPERLINK else None
                self._walk(child, out, target or href)
            elif name in ("ins", "moveTo"):
                self.unmapped("tracked changes", "the insertions are kept, the deletions left out")
                self._walk(child, out, href)
            elif name in ("del", "moveFrom"):
                self.unmapped("tracked changes", "the insertions are kept, the deletions left out")
            elif name in ("smartTag", "customXml", "fldSimple", "sdt", "sdtContent", "dir", "bdo"):
                self._walk(child, out, href)
            elif name == "AlternateContent":
                branch = next(iter(child), None)
                if branch is not None:
                    self._walk(branch, out, href)
            elif name in ("commentRangeStart", "commentReference"):
                self.unmapped("a comment")
            elif name in ("oMath", "oMathPara"):
                self.unmapped("an equation")
            elif name != "sdtPr":
                self.unmapped(f"Word element '{name}'")

    def _run(self, r: Element, out: Paragraph, href: str | None) -> None:
        italic, bold = self._style(r.find(f"{{{W}}}rPr"))
        self._run_children(list(r), out, italic, bold, href)

    def _run_children(self, children: list[Element], out: Paragraph, italic: bool, bold: bool,
                      href: str | None) -> None:
        for child in children:
            name = child.tag.rsplit("}", 1)[-1]
            if name == "AlternateContent":  # Word 2010+ shapes: read the first choice it offers
                branch = next(iter(child), None)
                self._run_children(list(branch) if branch is not None else [], out, italic, bold, href)
            elif name == "t":
                self._text(out, child.text or "", italic, bold, href)
            elif name in ("tab", "br", "cr"):
                self._text(out, " ", italic, bold, href)
            elif name == "noBreakHyphen":
                self._text(out, "\u2011", italic, bold, href)
            elif name == "softHyphen":
                self._text(out, "\u00ad", italic, bold, href)
            elif name == "footnoteReference":
                out.pieces.append(Piece(note=attr(child, "id") or ""))
            elif name == "commentReference":
                self.unmapped("a comment")
            elif name == "endnoteReference":
                self.unmapped("an endnote", "left out; make it a footnote")
            elif name == "drawing":
                self._drawing(child, out)
            elif name in ("pict", "object"):
                self.unmapped(_TEXT_BOX if _has(child, "textbox") else "a horizontal rule" if _is_rule(child)
                              else "an embedded object or old-style picture")
            elif name == "sym":
                self._text(out, _symbol(attr(child, "char") or ""), italic, bold, href)
            elif f"{{{W}}}{name}" not in _IGNORED and name not in ("rPr", "annotationRef"):
                self.unmapped(f"Word element '{name}'")

    def _text(self, out: Paragraph, text: str, italic: bool, bold: bool, href: str | None) -> None:
        last = out.pieces[-1] if out.pieces else None
        if last is not None and last.note is None and (last.italic, last.bold, last.link) == (italic, bold, href):
            last.text += text
        else:
            out.pieces.append(Piece(text, italic, bold, href))

    def _style(self, rpr: Element | None) -> tuple[bool, bool]:
        if rpr is None:
            return False, False
        style = self.char_styles.get(attr(rpr.find(f"{{{W}}}rStyle"), "val") if rpr.find(f"{{{W}}}rStyle")
                                     is not None else "", "")
        italic = style in ("emphasis", "intense emphasis") or _on(rpr.find(f"{{{W}}}i"))
        bold = style in ("strong", "intense emphasis") or _on(rpr.find(f"{{{W}}}b"))
        return italic, bold

    def _drawing(self, drawing: Element, out: Paragraph) -> None:
        if _has(drawing, "txbx"):
            self.unmapped(_TEXT_BOX)
            return
        blip = next((e for e in drawing.iter() if e.tag.endswith("}blip")), None)
        rid = blip.get(f"{{{R}}}embed") if blip is not None else None
        rel = self.rels.get(rid or "")
        if rel is None or rel.external:
            self.unmapped("a drawing that is not an embedded picture")
            return
        extent = next((e for e in drawing.iter() if e.tag.endswith("}extent")), None)
        width = None
        if extent is not None and (extent.get("cx") or "").isdigit():
            width = int(extent.get("cx") or 0) / 12700  # EMU per point
        out.images.append((rel.target, width))


def markup(pieces: list[Piece], note_key: Callable[[str], str | None], warn: Callable[[str, str], None]) -> str:
    """The pieces as inline markup; `note_key` gives the `[^id]` of a Word footnote id."""
    out: list[str] = []
    i = 0
    while i < len(pieces):
        p = pieces[i]
        if p.note is not None:
            key = note_key(p.note)
            if key is not None:
                out.append(f"[^{key}]")
            i += 1
            continue
        j = i + 1
        while j < len(pieces) and pieces[j].link == p.link and pieces[j].note is None:
            j += 1
        spans = [(x.text, x.italic, x.bold) for x in pieces[i:j]]
        shown = "".join(x.text for x in pieces[i:j]).strip()
        if p.link is not None and not any(x.italic or x.bold for x in pieces[i:j]) \
                and shown in (p.link, p.link.removeprefix("mailto:")) and " " not in shown:
            out.append(autolink(p.link))  # the URL as its own text: breaks like <https://...>
        else:
            outside = ("[", "]") if p.link is not None else (_edge(pieces, i - 1, -1), _edge(pieces, j, 0))
            written, kept = styled_spans(spans, *outside)
            if not kept:
                warn("italic or bold touching other italic or bold", "set upright where it could not be kept")
            out.append(link(written, p.link) if p.link is not None else written)
        i = j
    return "".join(out)


def _edge(pieces: list[Piece], k: int, end: int) -> str:
    """The character at one end of pieces[k] as printed ("" past the ends; a note mark is `[^N]`)."""
    if k < 0 or k >= len(pieces):
        return ""
    if pieces[k].note is not None:
        return "]" if end == -1 else "["
    return pieces[k].text[end:] if end == -1 else pieces[k].text[:1]


def _symbol(code: str) -> str:
    """The character of a `w:sym` (Word's symbol-font codes sit at U+F000 + the character)."""
    try:
        value = int(code, 16)
    except ValueError:
        return "?"
    if 0xF020 <= value <= 0xF0FF:
        value -= 0xF000
    return chr(value) if 0x20 <= value < 0xD800 or 0xE000 <= value <= 0xFFFD else "?"


def _on(el: Element | None) -> bool:
    return el is not None and (attr(el, "val") or "1").lower() not in _OFF


def _is_rule(el: Element) -> bool:
    """A VML shape marked as a horizontal rule (`o:hr="t"`), as Word and Pandoc write one."""
    return any(v == "t" and k.endswith("}hr") for e in el.iter() for k, v in e.attrib.items())


def _has(el: Element, local: str) -> bool:
    return any(e.tag.endswith("}" + local) or e.tag == local for e in el.iter())
