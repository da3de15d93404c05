"""A loaded brief in the peers' source formats: a ReportLab platypus story and a Typst document.

Each peer gets the same content (inline styles, links, marks) and the same
page, margins, fonts and sizes as the issi-brief layout, so page counts come
out comparable; the conversion runs once, outside any timing. Platypus
cannot place footnotes: its notes are endnotes, so it is the floor, not an
equal. bench/peer_render.py renders what this module writes.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from typeset.layout.header import format_date  # noqa: E402
from typeset.model.document import Brief  # noqa: E402
from typeset.model.nodes import Inline, ListBlock, NoteRef, Paragraph, Quote, Run, Section  # noqa: E402

ACCENT = "#0e4c6d"
Spec = list[list[Any]]  # platypus story as JSON-able rows: [kind, ...]

# ----------------------------------------------------------------------------------- platypus


def _rl_inline(content: Inline) -> str:
    """Platypus paragraph markup; text is XML-escaped since platypus parses markup."""
    out: list[str] = []
    for item in content:
        if isinstance(item, NoteRef):
            out.append(f'<super><a href="#note{item.number}">{item.number}</a></super>')
            continue
        text = escape(item.text)
        if item.italic:
            text = f"<i>{text}</i>"
        if item.bold:
            text = f"<b>{text}</b>"
        if item.link:
            text = f"<a href={quoteattr(item.link)}>{text}</a>"
        out.append(text)
    return "".join(out)


def platypus_spec(brief: Brief) -> Spec:
    """The story as rows: header lines, headings, paragraphs, lists, quotes, then the endnotes."""
    rows: Spec = [["meta", brief.title, ", ".join(a.name for a in brief.authors)]]
    if brief.series:
        rows.append(["series", escape(brief.series.upper())])
    pub = brief.publisher
    if pub and pub.name:
        rows.append(["publisher", escape(pub.name.upper())])
        contact = [f"{k}: {v}" for k, v in (("Web", pub.web), ("Phone", pub.phone), ("Fax", pub.fax)) if v]
        rows.append(["contact", "<br/>".join(escape(c) for c in contact)])
    rows.append(["rule"])
    rows.append(["title", escape(brief.title.upper())])
    if brief.authors:
        rows.append(["center", "By"])
        for a in brief.authors:
            lines = [f"<b>{escape(a.name)}</b>"] + [escape(x) for x in (a.role, a.affiliation) if x]
            rows.append(["center", "<br/>".join(lines)])
    if brief.editors:
        rows.append(["center", "Edited by <b>" + escape(", ".join(brief.editors)) + "</b>"])
    if brief.date:
        rows.append(["center", escape(format_date(brief.date, "{month} {day}, {year}"))])
    if brief.disclaimer:
        rows.append(["disclaimer", f"<i>({escape(brief.disclaimer)})</i>"])
    for section in brief.sections:
        _rl_section(section, rows)
    if brief.footnotes:
        rows.append(["h1", "Notes"])
        for note in brief.footnotes:
            rows.append(["note", f'<a name="note{note.number}"/>{note.number}. {_rl_inline(note.content)}'])
    return rows


def _rl_section(section: Section, rows: Spec) -> None:
    rows.append([f"h{section.level}", _rl_inline(section.heading)])
    for block in section.content:
        if isinstance(block, Paragraph):
            rows.append(["p", _rl_inline(block.content)])
        elif isinstance(block, Quote):
            rows.append(["quote", _rl_inline(block.content)])
        elif isinstance(block, ListBlock):
            rows.append(["list", block.style, [_rl_inline(i) for i in block.items]])
    for sub in section.sections:
        _rl_section(sub, rows)


# -------------------------------------------------------------------------------------- typst

TYPST_LINEBREAK = " \\ "
_TYPST_SPECIAL = frozenset("\\#*_`$<>@[]~/=-+'\":")


def typst_text(text: str) -> str:
    """Typst markup showing `text` literally: every markup character escaped, whitespace joined."""
    return "".join("\\" + ch if ch in _TYPST_SPECIAL else ch for ch in " ".join(text.split()))


def typst_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ty_inline(content: Inline, notes: dict[int, Inline]) -> str:
    out: list[str] = []
    for item in content:
        if isinstance(item, NoteRef):
            out.append(f"#footnote[{_ty_inline(notes.get(item.number, ()), {})}]")
            continue
        out.append(_ty_run(item))
    return "".join(out)


def _ty_run(item: Run) -> str:
    if item.url and item.link:
        return f"#link({typst_string(item.link)})"
    text = typst_text(item.text)
    if not text.strip():
        return text
    if item.italic:
        text = f"#emph[{text}]"
    if item.bold:
        text = f"#strong[{text}]"
    if item.link:
        text = f"#link({typst_string(item.link)})[{text}]"
    return text


TYPST_PREAMBLE = """\
#set document(title: {title}, author: {author})
#set page(paper: "a4", margin: (top: 25.4mm, bottom: 29mm, left: 25mm, right: 25mm),
          numbering: "1", footer-descent: 30%)
#set text(font: "Liberation Serif", size: 12pt, lang: "en", hyphenate: true)
#set par(justify: true, leading: 12pt, spacing: 24pt)
#set footnote.entry(separator: line(length: 35%, stroke: 0.6pt + rgb("{accent}")), gap: 4pt)
#show footnote.entry: set text(size: 10pt)
#show footnote.entry: set par(leading: 5.9pt)
#show heading: set text(size: 12.5pt, fill: rgb("{accent}"))
#show heading: set block(above: 24pt, below: 14pt)
#show heading.where(level: 2): set text(size: 12pt, style: "italic")
#set list(indent: 0pt, body-indent: 6pt, spacing: 15pt)
#set enum(numbering: "1-", indent: 0pt, body-indent: 6pt, spacing: 15pt)
"""


def typst_source(brief: Brief) -> str:
    """The brief as one Typst document, notes as `#footnote[...]` where their marks are."""
    notes = {n.number: n.content for n in brief.footnotes}
    authors = ", ".join(a.name for a in brief.authors)
    lines = [TYPST_PREAMBLE.format(title=typst_string(brief.title), author=typst_string(authors),
                                   accent=ACCENT)]
    sans = '#text(font: "Liberation Sans"'
    if brief.series:
        lines.append(f'#align(right)[{sans}, size: 15pt, weight: "bold", fill: rgb("{ACCENT}"))'
                     f"[{typst_text(brief.series.upper())}]]\n")
    pub = brief.publisher
    if pub and pub.name:
        lines.append(f'{sans}, size: 11.5pt, weight: "bold", fill: rgb("{ACCENT}"))[{typst_text(pub.name.upper())}]\n')
        contact = [f"{k}: {v}" for k, v in (("Web", pub.web), ("Phone", pub.phone), ("Fax", pub.fax)) if v]
        lines.append(f"{sans}, size: 9pt)[" + TYPST_LINEBREAK.join(typst_text(c) for c in contact) + "]\n")
    lines.append(f'#line(length: 100%, stroke: 1.6pt + rgb("{ACCENT}"))\n#v(30pt)\n')
    head = [f'#text(size: 16pt, weight: "bold")[{typst_text(brief.title.upper())}]']
    if brief.authors:
        head.append("By")
        head += [TYPST_LINEBREAK.join([f"*{typst_text(a.name)}*"] + [typst_text(x) for x in (a.role, a.affiliation) if x])
                 for a in brief.authors]
    if brief.editors:
        head.append(f"Edited by *{typst_text(', '.join(brief.editors))}*")
    if brief.date:
        head.append(typst_text(format_date(brief.date, "{month} {day}, {year}")))
    if brief.disclaimer:
        head.append(f"#text(size: 10.5pt)[_({typst_text(brief.disclaimer)})_]")
    lines.append("#align(center)[\n" + "\n\n".join(head) + "\n]\n")
    for section in brief.sections:
        _ty_section(section, notes, lines)
    return "\n".join(lines)


def _ty_section(section: Section, notes: dict[int, Inline], lines: list[str]) -> None:
    lines.append("=" * section.level + " " + _ty_inline(section.heading, notes) + "\n")
    for block in section.content:
        if isinstance(block, Paragraph):
            lines.append(_ty_inline(block.content, notes) + "\n")
        elif isinstance(block, Quote):
            lines.append("#pad(x: 30pt)[#text(size: 11pt)[" + _ty_inline(block.content, notes) + "]]\n")
        elif isinstance(block, ListBlock):
            bullet = "+ " if block.style == "numbered" else "- "
            lines.append("\n".join(bullet + _ty_inline(i, notes) for i in block.items) + "\n")
    for sub in section.sections:
        _ty_section(sub, notes, lines)
