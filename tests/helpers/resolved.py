"""A cited brief written out with its notes computed: what the shared checker can read.

`../shared/tools/briefcheck.py` takes a brief's notes from `footnotes:` and its
`[^id]` marks; it cannot know what a citation (`[@key]`) prints, which is the
typesetter's to compute. This writes the brief as the checker's kind of data
after `typeset.cite` has resolved every citation (body citations become
numbered notes), so the PDF of the cited brief can be checked against the
very words its notes print.
"""
from __future__ import annotations

from typing import Any

from typeset.cite import resolve_citations
from typeset.model.document import Brief
from typeset.model.nodes import Footnote, Image, Inline, ListBlock, NoteRef, Paragraph, Quote, Run, Section
from typeset.readers.markup import autolink, escape, link


def resolved_data(brief: Brief, *, bibliography: bool = False, heading: str = "Bibliography") -> dict[str, Any]:
    """The brief as brief-shaped data, every note's text as printed (markup for links and italics)."""
    done = resolve_citations(brief, bibliography=bibliography, heading=heading)
    data: dict[str, Any] = {"title": done.title, "sections": [_section(s) for s in done.sections]}
    if done.authors:
        data["authors"] = [a.name for a in done.authors]
    data["footnotes"] = {f"n{note.number}": _note(note) for note in done.footnotes}
    return data


def _section(section: Section) -> dict[str, Any]:
    return {"heading": _inline(section.heading), "content": [_block(b) for b in section.content],
            "sections": [_section(s) for s in section.sections]}


def _block(block: object) -> Any:
    if isinstance(block, Paragraph):
        return _inline(block.content)
    if isinstance(block, ListBlock):
        return {"list": block.style, "items": [_inline(i) for i in block.items]}
    if isinstance(block, Quote):
        return {"quote": _inline(block.content)}
    if isinstance(block, Image):
        return {"image": block.src, "caption": _inline(block.caption)}
    raise TypeError(f"no writer for {type(block).__name__}")


def _note(note: Footnote) -> str:
    return " ".join(_inline(part) for part in (note.content, *note.more))


def _inline(content: Inline) -> str:
    out: list[str] = []
    for item in content:
        if isinstance(item, NoteRef):
            out.append(f"[^n{item.number}]")
        elif isinstance(item, Run):
            out.append(_run(item))
        else:
            raise TypeError(f"unresolved {type(item).__name__} in a resolved brief")
    return "".join(out)


def _run(run: Run) -> str:
    if run.url and run.link:
        return autolink(run.link)
    text = escape(run.text)
    if run.italic or run.bold:
        mark = "***" if run.italic and run.bold else "**" if run.bold else "*"
        core = text.strip()
        lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        text = f"{lead}{mark}{core}{mark}{trail}" if core else text
    return link(text, run.link) if run.link else text
