"""Sources files a brief names (`sources: refs.json` or `refs.bib`): read into the record tree.

A CSL-JSON file is checked by the JSON parser (for its messages) and then
composed by the YAML reader, which keeps every value's line and column (JSON
is YAML), so a record's mistakes are reported where they stand in the file.
A BibTeX file is read by `bibtex.read_bibtex` into the same tree.
"""
from __future__ import annotations

import json
from pathlib import Path

from typeset.errors import BriefError, Problem
from typeset.model.limits import Limits
from typeset.model.tree import Source, YNode
from typeset.readers.bibtex import read_bibtex
from typeset.readers.common import Tree, read_text
from typeset.readers.yaml import compose

SUFFIXES = (".json", ".bib")


def read_sources_file(path: Path, display: str, limits: Limits) -> Tree:
    """The list of records in a .json or .bib file; `root` is None when it cannot be used."""
    try:
        text = read_text(path, display, limits.max_bytes)
    except BriefError as exc:
        return Tree(None, Source(display), list(exc.problems))
    source = Source(display, text)
    problems: list[Problem] = []
    if path.suffix.lower() == ".bib":
        return Tree(read_bibtex(source, problems), source, problems)
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return Tree(None, source, [Problem(display, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}")])
    except RecursionError:
        return Tree(None, source, [Problem(display, None, None, f"nested deeper than {limits.max_depth} levels")])
    try:
        root, problems = compose(text, source, limits)
    except BriefError as exc:
        return Tree(None, source, list(exc.problems))
    if root is None or root.kind != "seq":
        line, column = (root.line, root.column) if isinstance(root, YNode) else (1, 1)
        problems.append(Problem(display, line, column, "a CSL-JSON file holds a list of records ([{...}, ...])"))
        return Tree(None, source, problems)
    return Tree(root, source, problems)
