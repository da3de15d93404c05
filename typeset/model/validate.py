"""Validate a brief-shaped tree (from any reader, or plain data): the fields of a `Brief`.

This module knows nothing of `Brief` itself (see `typeset.model.document`),
so the model's modules import one another without a cycle. Validation
reports every problem of a run at once, each at the node at fault, in
source order. Warnings (a note never referenced, a refused link)
travel on `Brief.warnings`; with `strict=True` they are errors.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from typeset.errors import BriefError, Problem
from typeset.model.check import Checker, in_document_order, pos, shorten
from typeset.model.limits import Limits
from typeset.model.nodes import Author, Publisher
from typeset.model.notes import Notes
from typeset.model.sections import SectionReader
from typeset.model.sources import check_citations, read_sources
from typeset.model.tree import Source, YNode

TOP_KEYS = ("layout", "language", "series", "title", "subtitle", "date", "authors", "editors",
            "publisher", "disclaimer", "sections", "footnotes", "sources")
AUTHOR_KEYS = ("name", "role", "affiliation")
PUBLISHER_KEYS = ("name", "web", "phone", "fax", "logo")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def validate(root: YNode | None, source: Source, limits: Limits, problems: Sequence[Problem] = (), *,
             strict: bool, base_dir: str | None) -> tuple[dict[str, Any], tuple[Problem, ...]]:
    """The fields of a `Brief` and its warnings, or a BriefError with every problem."""
    check = Checker(source, limits, strict=strict)
    check.problems.extend(dataclasses.replace(p, severity="error") if strict else p for p in problems)
    fields = _read(root, check, base_dir)
    found = in_document_order(check.problems, check.at, root)
    if fields is None or any(p.severity == "error" for p in found):
        raise BriefError(found or [Problem(source.name, None, None, "invalid brief")])
    return fields, tuple(found)


def _read(root: YNode | None, check: Checker, base_dir: str | None) -> dict[str, Any] | None:
    """Walk the top-level mapping; None when there is nothing to build from."""
    if root is None or (root.kind == "scalar" and root.type == "null"):
        start = 1 if check.source.text is not None else None  # a file's first line, if there is a file
        check.problems.append(Problem(check.source.name, start, start,
                                      "the brief is empty; it needs at least 'title' and 'sections'"))
        return None
    if root.kind != "map":
        check.error(root, f"a brief is a mapping of keys (title:, sections:, ...), not {root.describe()}")
        return None
    f = check.fields(root, TOP_KEYS, "the brief")
    notes = Notes(check)
    notes.citing = "sources" in f
    notes.define(f.get("footnotes"))
    title = _required_text(check, root, f, "title")
    listed = f.get("sections")
    if listed is None:
        check.error(root, "missing required key 'sections'")
    elif (listed.kind == "seq" and not listed.value) or (listed.kind == "scalar" and listed.type == "null"):
        check.error(listed, "'sections' is empty; a brief needs at least one section")
    sections = SectionReader(check, notes).sections(listed, 1)
    footnotes = notes.finish(root)
    sources = read_sources(f.get("sources"), check, base_dir)
    check_citations(footnotes, sources, f.get("sources"), check)
    return dict(
        title=title or "",
        sections=sections,
        footnotes=footnotes,
        sources=sources,
        subtitle=check.text(f.get("subtitle"), "'subtitle'", prose=False),
        series=check.text(f.get("series"), "'series'", prose=False),
        date=check.text(f.get("date"), "'date'", prose=False),
        authors=_authors(check, f.get("authors")),
        editors=_editors(check, f.get("editors")),
        publisher=_publisher(check, f.get("publisher")),
        disclaimer=check.text(f.get("disclaimer"), "'disclaimer'", prose=False),
        language=_language(check, f.get("language")),
        layout=check.text(f.get("layout"), "'layout'", prose=False),
        source=check.source.name,
        base_dir=base_dir,
        layout_pos=pos(f.get("layout")),
    )


def _required_text(check: Checker, parent: YNode, f: dict[str, YNode], key: str) -> str | None:
    if key not in f:
        check.error(parent, f"missing required key '{key}'")
        return None
    node = f[key]
    value = check.text(node, f"'{key}'")
    if value is None and node.kind == "scalar" and node.type not in ("int", "float") \
            and len(node.value) <= check.limits.max_paragraph_chars:
        check.error(node, f"'{key}' is empty")
    return value


def _authors(check: Checker, node: YNode | None) -> tuple[Author, ...]:
    """Authors: a name, a {name, role, affiliation} mapping, or a list of either."""
    if node is None:
        return ()
    items = [node] if node.kind == "map" or (node.kind == "scalar" and node.type != "null") \
        else check.sequence(node, "'authors'")
    out = []
    for item in items:
        if item.kind == "map":
            f = check.fields(item, AUTHOR_KEYS, "an author")
            name = _required_text(check, item, f, "name")
            role = check.text(f.get("role"), "'role'", prose=False)
            affiliation = check.text(f.get("affiliation"), "'affiliation'", prose=False)
        else:
            name = check.text(item, "an author", prose=False)
            role = affiliation = None
        if name:
            out.append(Author(name, role, affiliation, pos(item)))
    return tuple(out)


def _editors(check: Checker, node: YNode | None) -> tuple[str, ...]:
    if node is None:
        return ()
    items = [node] if node.kind == "scalar" and node.type != "null" else check.sequence(node, "'editors'")
    names = (check.text(item, "an editor", prose=False) for item in items)
    return tuple(n for n in names if n)


def _publisher(check: Checker, node: YNode | None) -> Publisher | None:
    if node is None or (node.kind == "scalar" and node.type == "null"):
        return None
    f = check.fields(node, PUBLISHER_KEYS, "'publisher'")
    if node.kind != "map":
        return None
    values = {k: check.text(f.get(k), f"'{k}'", prose=False) for k in PUBLISHER_KEYS}
    return Publisher(**values, pos=pos(node), logo_pos=pos(f.get("logo")))


def _language(check: Checker, node: YNode | None) -> str:
    value = check.text(node, "'language'", prose=False)
    if value is None:
        return "en"
    if not _LANGUAGE.fullmatch(value):
        check.error(node, f"invalid language code '{shorten(value)}'; write e.g. 'en' or 'en-US'")
        return "en"
    return value
