"""Render every citation of a brief into runs, in note order, and add the bibliography.

Positions are computed once over all notes (a note without a citation counts,
and breaks an "Ibid."); each citation then becomes its prefix, its form and
its suffix, cites joined by semicolons, with a closing full stop when the
citation ends the note.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from typeset.cite.chicago import bibliography_entry, note, sort_key
from typeset.cite.positions import Position, positions
from typeset.cite.typo import curly, merge, punctuation_inside
from typeset.model.document import Brief
from typeset.model.nodes import Citation, CiteItem, Footnote, Inline, Paragraph, Run, Section, SourceRecord

SAME_AUTHOR = "\u2014" * 3
_CLOSED = (".", "?", "!", ".\u201d", "?\u201d", "!\u201d", ".\u2019\u201d")


def resolve_citations(brief: Brief, *, bibliography: bool = False, heading: str = "Bibliography") -> Brief:
    """The brief with its notes' citations rendered and, with `bibliography`, the cited sources listed."""
    cites = [[i.items for p in _paragraphs(n) for i in p if isinstance(i, Citation)] for n in brief.footnotes]
    if not any(cites) and not (bibliography and brief.sources):
        return brief
    sources = {s.key: s for s in brief.sources}
    placed = positions(cites)
    notes = tuple(_note(n, p, sources) for n, p in zip(brief.footnotes, placed, strict=True))
    sections = brief.sections
    if bibliography:
        cited = {c.key for n in cites for group in n for c in group}
        listed = [s for s in brief.sources if s.key in cited]
        if listed:
            sections = (*sections, _bibliography(listed, heading))
    return dataclasses.replace(brief, footnotes=notes, sections=sections)


def _paragraphs(note: Footnote) -> tuple[Inline, ...]:
    return (note.content, *note.more)


def _note(footnote: Footnote, placed: list[list[Position]], sources: dict[str, SourceRecord]) -> Footnote:
    if not placed:
        return footnote
    groups = iter(placed)
    first, *more = (_paragraph(p, groups, sources, k == 0) for k, p in enumerate(_paragraphs(footnote)))
    return dataclasses.replace(footnote, content=first, more=tuple(more))


def _paragraph(content: Inline, groups: Iterator[list[Position]], sources: dict[str, SourceRecord],
               opens_note: bool) -> tuple[Run, ...]:
    """One paragraph of a note with its citations rendered; one ending the paragraph closes with a full stop."""
    runs: list[Run] = []
    for k, item in enumerate(content):
        if isinstance(item, Run):
            if item.text.startswith(".") and "".join(r.text for r in runs[-1:]).endswith("."):
                item = dataclasses.replace(item, text=item.text[1:])  # "see ibid.." -> one stop
            runs.append(item)
            continue
        assert isinstance(item, Citation)
        at_start = opens_note and not "".join(r.text for r in runs).strip()
        rendered = _citation(item, next(groups), sources, at_start)
        ends = all(isinstance(x, Run) and not x.text.strip() for x in content[k + 1:])
        if ends and not "".join(r.text for r in rendered).endswith(_CLOSED):
            rendered.append(Run("."))
        runs.extend(rendered)
    return tuple(punctuation_inside(merge(runs)))


def _citation(citation: Citation, placed: list[Position], sources: dict[str, SourceRecord], at_start: bool) -> list[Run]:
    out: list[Run] = []
    for k, (cite, position) in enumerate(zip(citation.items, placed, strict=True)):
        if k:
            out.append(Run("; "))
        if cite.prefix:
            prefix = curly(cite.prefix, quoted=False)
            if at_start and not k:  # a note begins with a capital, as Pandoc sets "[see @a]"
                prefix = prefix[:1].upper() + prefix[1:]
            out.append(Run(prefix + " "))
        source = sources.get(cite.key)
        if source is None:  # only a Brief built by hand can cite what it does not list
            out.append(Run("@" + cite.key))
        else:
            out.extend(note(source, cite, position, capitalize=at_start and not k and not cite.prefix))
        if cite.suffix:
            out.append(Run(_suffix_glue(cite) + curly(cite.suffix, quoted=False)))
    return out


def _listed_under_container(source: SourceRecord) -> bool:
    return not source.authors and not source.editors and bool(source.container) and source.type != "chapter"


def _suffix_glue(cite: CiteItem) -> str:
    return " " if cite.suffix[:1] in ",;:.()[" else ", "


def _bibliography(sources: list[SourceRecord], heading: str) -> Section:
    """A level-1 section: one paragraph per cited source, alphabetized (CMOS 14.65)."""
    content = []
    previous = None
    for source in sorted(sources, key=sort_key):
        runs = bibliography_entry(source)
        lead = runs[0].text if source.authors or source.editors or _listed_under_container(source) else None
        if lead is not None and lead == previous:  # the same authors again: a 3-em dash (CMOS 14.67)
            runs[0] = Run(SAME_AUTHOR)
        previous = lead
        content.append(Paragraph(tuple(punctuation_inside(merge([*runs, Run(".")]))), hanging=True))
    return Section((Run(heading),), 1, tuple(content))
