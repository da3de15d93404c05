"""Render converted peer sources: ReportLab platypus story specs and Typst documents.

Kept apart from the converter (bench/peers.py) so that a one-shot peer
process imports only its own engine, never typeset:

    .venv/bin/python bench/peer_render.py platypus|typst SOURCE OUT.pdf

is what bench/run.py times as the peers' whole-process runs.
"""
from __future__ import annotations

import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FONTS = Path(__file__).resolve().parent.parent / "fonts"
ACCENT = "#0e4c6d"
Spec = list[list[Any]]  # a platypus story as JSON-able rows: [kind, markup, ...]

_RL_READY = False


def _rl_fonts() -> None:
    global _RL_READY
    if _RL_READY:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for family in ("Serif", "Sans"):
        faces = {(0, 0): "Regular", (1, 0): "Bold", (0, 1): "Italic", (1, 1): "BoldItalic"}
        for (bold, italic), face in faces.items():
            name = f"Liberation{family}-{face}"
            pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))
            addMapping(f"Liberation{family}", bold, italic, name)
    _RL_READY = True


def render_platypus(spec: Spec) -> bytes:
    """The PDF of a story spec, built with SimpleDocTemplate in the issi-brief geometry."""

    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import HRFlowable, ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

    _rl_fonts()
    serif = "LiberationSerif"
    body = ParagraphStyle("body", fontName=serif + "-Regular", fontSize=12, leading=20, alignment=TA_JUSTIFY,
                          spaceAfter=12)
    styles = {
        "p": body,
        "quote": ParagraphStyle("quote", body, fontSize=11, leading=14.5, leftIndent=30, rightIndent=30),
        "h1": ParagraphStyle("h1", body, fontName=serif + "-Bold", fontSize=12.5, leading=16, alignment=TA_LEFT,
                             textColor=ACCENT, spaceBefore=16, spaceAfter=6, keepWithNext=1),
        "h2": ParagraphStyle("h2", body, fontName=serif + "-BoldItalic", fontSize=12, leading=15.5,
                             alignment=TA_LEFT, textColor=ACCENT, spaceBefore=12, spaceAfter=4, keepWithNext=1),
        "h3": ParagraphStyle("h3", body, fontName=serif + "-Italic", fontSize=12, leading=15.5,
                             alignment=TA_LEFT, spaceBefore=10, spaceAfter=3, keepWithNext=1),
        "item": ParagraphStyle("item", body, spaceAfter=3),
        "note": ParagraphStyle("note", body, fontSize=10, leading=12.5, spaceAfter=4),
        "series": ParagraphStyle("series", fontName="LiberationSans-Bold", fontSize=15, leading=18,
                                 alignment=TA_RIGHT, textColor=ACCENT),
        "publisher": ParagraphStyle("publisher", fontName="LiberationSans-Bold", fontSize=11.5, leading=14,
                                    textColor=ACCENT, spaceBefore=2),
        "contact": ParagraphStyle("contact", fontName="LiberationSans-Regular", fontSize=9, leading=11.5),
        "title": ParagraphStyle("title", fontName=serif + "-Bold", fontSize=16, leading=20, alignment=TA_CENTER,
                                spaceAfter=6),
        "center": ParagraphStyle("center", body, alignment=TA_CENTER, leading=16, spaceBefore=10, spaceAfter=0),
        "disclaimer": ParagraphStyle("disclaimer", body, fontSize=10.5, leading=14, alignment=TA_CENTER,
                                     spaceBefore=12),
    }
    story: list[Any] = []
    title = author = ""
    for row in spec:
        kind = row[0]
        if kind == "meta":
            title, author = row[1], row[2]
        elif kind == "rule":
            story += [HRFlowable(width="100%", thickness=1.6, color=ACCENT, spaceBefore=8), Spacer(1, 30)]
        elif kind == "list":
            items = [ListItem(Paragraph(m, styles["item"])) for m in row[2]]
            kw = {"bulletType": "1", "bulletFormat": "%s-"} if row[1] == "numbered" else {"bulletType": "bullet"}
            story.append(ListFlowable(items, leftIndent=30, bulletFontName=serif + "-Regular", **kw))
            story.append(Spacer(1, 8))
        else:
            story.append(Paragraph(row[1], styles[kind]))

    def folio(canvas: Any, doc: Any) -> None:
        canvas.setFont(serif + "-Regular", 10)
        canvas.drawCentredString(A4[0] / 2, 29 * mm - 30, str(doc.page))

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=25.4 * mm,
                            bottomMargin=29 * mm, title=title, author=author, invariant=1, pageCompression=1)
    doc.build(story, onFirstPage=folio, onLaterPages=folio)
    return buf.getvalue()


def typst_compiler() -> Any:
    """A Typst compiler that sees only the bundled fonts (the ones typeset uses)."""
    import typst

    return typst.Compiler(font_paths=[str(FONTS)], ignore_system_fonts=True)


def render_typst(source: str, compiler: Any | None = None) -> bytes:
    pdf = (compiler or typst_compiler()).compile(input=source.encode("utf-8"))
    return bytes(pdf)


def typst_available() -> bool:
    try:
        import typst  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    engine, src, out = argv if argv is not None else sys.argv[1:]
    text = Path(src).read_text(encoding="utf-8")
    pdf = render_platypus(json.loads(text)) if engine == "platypus" else render_typst(text)
    Path(out).write_bytes(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
