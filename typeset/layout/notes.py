"""Each footnote laid out once, before pagination, into a list of line elements.

The page loop then only moves whole lines: a note that does not fit is
split between two of its lines.
"""
from __future__ import annotations

from dataclasses import replace

from typeset.layout.context import Context
from typeset.layout.elements import Elem, TextItem
from typeset.layout.inline import styled_runs
from typeset.layout.lines import baseline_offset, line_elems, set_lines
from typeset.model.nodes import Footnote, Run
from typeset.text.types import make_frag


def note_lines(note: Footnote, ctx: Context) -> list[Elem]:
    """Lines of one note: its label hangs in the indent, its text is set at the note width,
    left to right like the label (a note that starts with an Urdu title still reads as a
    note of a left-to-right brief; the title itself is reordered in place)."""
    spec = ctx.layout.footnotes
    ctx.where = note.pos
    indent = ctx.note_indent
    elems: list[Elem] = []
    for paragraph in (note.content, *note.more):  # further paragraphs start a line of their own
        runs = styled_runs(paragraph, spec, ctx, hyphenate=True)
        lines = set_lines(runs, spec, ctx, measure=ctx.width - indent, direction="ltr")
        elems.extend(line_elems(lines, spec, x=indent, role="note", widows=1, orphans=1))
    if not elems:  # an empty note still shows its label
        elems = line_elems([], spec) or [Elem(spec.leading, (), role="note")]
    elems[0].items = (_label_item(note.number, ctx), *elems[0].items)
    elems[0].space_before = spec.note_space.resolve(ctx.width)
    return elems


def note_indent(ctx: Context) -> float:
    """Where note text starts: the layout's indent, widened so the widest label fits before it."""
    spec = ctx.layout.footnotes
    widest = max((_label_item(n, ctx).frag.width for n in _widest_labels(ctx)), default=0.0)
    return min(max(spec.indent.resolve(ctx.width), widest + 0.25 * spec.size), ctx.width / 3)


def _widest_labels(ctx: Context) -> list[int]:
    """The notes whose labels are longest (the only candidates for the widest)."""
    if not ctx.labels:
        return []
    longest = max(len(v) for v in ctx.labels.values())
    return [n for n, v in ctx.labels.items() if len(v) == longest][:20]


def continued_line(ctx: Context) -> Elem:
    """The layout's "continued" label, set as a note line above a carried-over note."""
    spec = ctx.layout.footnotes
    style = replace(spec, italic=not spec.italic, align="left")
    runs = styled_runs((Run(spec.continued_label),), style, ctx, hyphenate=False)
    lines = set_lines(runs, style, ctx, measure=ctx.width)[:1]
    return line_elems(lines, style, role="note")[0]


def _label_item(number: int, ctx: Context) -> TextItem:
    spec, marks = ctx.layout.footnotes, ctx.layout.marks
    label = ctx.labels.get(number, str(number))
    font = ctx.fonts.face(spec.family)
    font = ctx.fonts.split_fallback(label, font)[0][1]
    size, rise = spec.size, 0.0
    if spec.label_superscript:
        size, rise = spec.size * marks.scale, spec.size * marks.rise
    width = ctx.fonts.width(label, font, size)
    frag = make_frag(0.0, width, label, font, size, spec.color, rise=rise, anchor=number)
    return TextItem(0.0, baseline_offset(spec), frag)
