"""Model inline content + a text style -> styled runs for the line breaker."""
from __future__ import annotations

from typeset.layout.context import Context
from typeset.model.nodes import Inline, NoteRef, Run
from typeset.style.schema import TextStyle
from typeset.text.types import StyledRun


def styled_runs(content: Inline, style: TextStyle, ctx: Context, *, hyphenate: bool = True) -> list[StyledRun]:
    """Resolve faces (bold adds, italic toggles as LaTeX's \\emph does), marks and fallback fonts."""
    out: list[StyledRun] = []
    for item in content:
        if isinstance(item, NoteRef):
            if out and not out[-1].text.strip() and len(out) > 1 and out[-2].mark is not None:
                out.pop()  # "word[^a] [^b]": the space would part the marks from each other
            if out and out[-1].mark is not None:  # adjacent marks: ¹,² not ¹² (footmisc's "multiple")
                out.append(StyledRun(",", ctx.fonts.face(style.family), style.size, style.color, hyphenate=False))
            out.append(mark_run(item.number, style, ctx))
            continue
        text = item.text.upper() if style.uppercase else item.text
        font = ctx.fonts.face(style.family, bold=style.bold or item.bold, italic=style.italic != item.italic)
        out.append(StyledRun(text, font, style.size, style.color, link=item.link, url=item.url,
                             hyphenate=hyphenate and not item.url))
    return out


def mark_run(number: int, style: TextStyle, ctx: Context) -> StyledRun:
    """The raised, smaller reference mark of note `number`."""
    marks = ctx.layout.marks
    label = ctx.labels.get(number, str(number))
    font = ctx.fonts.face(style.family, bold=False, italic=False)
    return StyledRun(label, font, style.size * marks.scale, marks.color, rise=style.size * marks.rise,
                     mark=number, hyphenate=False)


def plain_runs(text: str, style: TextStyle, ctx: Context, *, bold: bool = False, italic: bool = False) -> list[StyledRun]:
    """Literal text (a label, a number) in a style."""
    return styled_runs((Run(text, italic=italic, bold=bold),), style, ctx, hyphenate=False)
