"""The first page's header block, from the layout's list of header items."""
from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from typeset.layout.blocks import Flow, raise_problem
from typeset.layout.context import Context
from typeset.layout.elements import Elem, ImageItem, RuleItem
from typeset.layout.images import ImageProblem
from typeset.layout.inline import styled_runs
from typeset.layout.lines import line_elems, set_lines
from typeset.layout.template import fill
from typeset.model.document import Brief
from typeset.style.schema import HeaderItem

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def format_date(text: str | None, fmt: str) -> str:
    """An ISO date printed by the layout's format; anything else as written."""
    if not text:
        return ""
    m = _ISO.match(text.strip())
    if not m:
        return text
    try:
        d = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return text
    months = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
    return fmt.format(day=d.day, month=months[d.month - 1], month_abbr=months[d.month - 1][:3], year=d.year)


def join_names(names: list[str]) -> str:
    names = [n for n in names if n]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def brief_fields(brief: Brief, ctx: Context) -> dict[str, str]:
    """Every field a template may name, as plain text."""
    pub = brief.publisher
    dflt = ctx.layout.publisher
    fields = {
        "series": brief.series or "",
        "title": brief.title,
        "short_title": brief.title,
        "subtitle": brief.subtitle or "",
        "date": format_date(brief.date, ctx.layout.date_format),
        "disclaimer": brief.disclaimer or "",
        "authors": join_names([a.name for a in brief.authors]),
        "editors": join_names(list(brief.editors)),
        "publisher.name": (pub.name if pub else dflt.name) or "",
        "publisher.web": (pub.web if pub else dflt.web) or "",
        "publisher.phone": (pub.phone if pub else dflt.phone) or "",
        "publisher.fax": (pub.fax if pub else dflt.fax) or "",
    }
    return fields


def build_header(brief: Brief, ctx: Context, flow: Flow) -> None:
    """Append the header block's elements; none of them may end a page."""
    fields = brief_fields(brief, ctx)
    ctx.where = None
    for item in ctx.layout.header_block:
        if item.when and not fields.get(item.when, ""):
            continue
        if item.each == "author":
            for a in brief.authors:
                sub = {**fields, "author.name": a.name, "author.role": a.role or "",
                       "author.affiliation": a.affiliation or ""}
                _item(item, sub, brief, ctx, flow)
        elif item.each == "editor":
            for e in brief.editors:
                _item(item, {**fields, "editor": e}, brief, ctx, flow)
        else:
            _item(item, fields, brief, ctx, flow)
    flow.keep_next = True


def _item(item: HeaderItem, fields: dict[str, str], brief: Brief, ctx: Context, flow: Flow) -> None:
    before, after = item.space_before.resolve(ctx.width), item.space_after.resolve(ctx.width)
    elems: list[Elem] = []
    if item.kind == "text":
        for template in item.text.split("\n"):
            content = fill(template, fields)
            if content is None:
                continue
            runs = styled_runs(content, item, ctx, hyphenate=False)
            elems.extend(line_elems(set_lines(runs, item, ctx, measure=ctx.width), item, role="header", keep=True))
    elif item.kind == "rule":
        width = min(item.width.resolve(ctx.width), ctx.width)
        x = _aligned(item.align, width, ctx.width)
        elems.append(Elem(item.thickness, (RuleItem(x, item.thickness / 2, width, item.thickness, item.color),),
                          role="header"))
    elif item.kind == "space":
        elems.append(Elem(item.height.resolve(ctx.width), (), role="header"))
    elif item.kind == "logo":
        elems.extend(_logo(item, brief, ctx))
    if not elems:
        return
    for e in elems:
        e.break_before = False
    flow.add(elems, before)
    if after:
        flow.add([Elem(after, (), role="header", break_before=False)])
    flow.keep_next = True


def _logo(item: HeaderItem, brief: Brief, ctx: Context) -> list[Elem]:
    if brief.publisher and brief.publisher.logo:
        name, base = brief.publisher.logo, Path(brief.base_dir or ".")
        pos = brief.publisher.logo_pos or brief.publisher.pos
    elif ctx.layout.publisher.logo and not brief.publisher:
        name, base, pos = ctx.layout.publisher.logo, Path(ctx.layout.folder), None
    else:
        return []
    try:
        img = ctx.images.load(name, base)
    except ImageProblem as exc:
        raise_problem(ctx, str(exc), pos.line if pos else None, pos.column if pos else None)
        return []
    height = item.height.resolve(ctx.width)
    width = height * img.width_px / max(img.height_px, 1)
    if width > ctx.width:
        width, height = ctx.width, ctx.width * img.height_px / max(img.width_px, 1)
    x = _aligned(item.align, width, ctx.width)
    return [Elem(height, (ImageItem(x, 0.0, width, height, img.key),), role="header")]


def _aligned(align: str, width: float, measure: float) -> float:
    if align == "center":
        return (measure - width) / 2
    if align == "right":
        return measure - width
    return 0.0
