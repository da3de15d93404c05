"""The `sources:` key: CSL-JSON-shaped records, written in the brief or in a file beside it.

`sources:` is a list of records, or the path of a `.json` (CSL-JSON) or
`.bib` (BibTeX) file in the brief's folder, confined as images are. The file is
read by `typeset.readers.sources` into the positioned tree a brief's records
make, so a record's mistakes are reported at their line and column in that file.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from typeset.errors import Problem
from typeset.model.check import Checker, pos, shorten, suggest
from typeset.model.limits import Limits
from typeset.model.markup import MAX_URL_CHARS, link_allowed
from typeset.model.nodes import Citation, Date, Footnote, Name, SourceRecord
from typeset.model.tree import YNode
from typeset.safepath import PathRefused, resolve_inside

TYPES = ("article-journal", "article-magazine", "article-newspaper", "book", "chapter", "report", "webpage")
NEEDS_CONTAINER = ("article-journal", "article-magazine", "article-newspaper", "chapter")
_TEXT_FIELDS = {  # CSL variable -> SourceRecord field
    "title": "title", "title-short": "title_short", "container-title": "container",
    "publisher": "publisher", "publisher-place": "place", "volume": "volume", "issue": "issue",
    "page": "page", "number": "number", "genre": "genre", "edition": "edition", "URL": "url", "DOI": "doi",
}
# CSL-JSON variables a reference manager may export that Chicago notes for these types do not print.
IGNORED = ("abstract", "accessed-raw", "archive", "archive_location", "call-number", "citation-key",
           "collection-title", "dimensions", "event-place", "ISBN", "ISSN", "issued-raw", "journalAbbreviation",
           "keyword", "language", "medium", "note", "number-of-pages", "PMCID", "PMID", "section", "shortTitle",
           "source", "container-title-short", "status", "version")
RECORD_KEYS = ("id", "type", "author", "editor", "issued", "accessed", *_TEXT_FIELDS, *IGNORED)
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
MAX_SOURCES = 5000
# Reads a .json or .bib file into a reader's Tree (root, source, problems). The model never
# imports the readers; `typeset.readers` installs its sources-file reader here when imported.
FILE_READER: Callable[[Path, str, Limits], Any] | None = None


def read_sources(node: YNode | None, check: Checker, base_dir: str | None) -> tuple[SourceRecord, ...]:
    """The records of `sources:`, in the order written; the first of two with one id is kept."""
    if node is None or (node.kind == "scalar" and node.type == "null"):
        return ()
    if node.kind == "scalar":
        tree = _file_tree(node, check, base_dir)
        return _records(*tree) if tree else ()
    return _records(node, check)


def _records(node: YNode, check: Checker) -> tuple[SourceRecord, ...]:
    items = check.sequence(node, "'sources'")
    if len(items) > MAX_SOURCES:
        check.error(node, f"too many sources ({len(items):,}; the limit is {MAX_SOURCES:,})")
        return ()
    out: list[SourceRecord] = []
    seen: dict[str, SourceRecord] = {}
    for item in items:
        record = _record(item, check)
        if record is None:
            continue
        first = seen.get(record.key)
        if first is not None:
            where = f" (first at line {first.pos.line}, column {first.pos.column})" if first.pos else ""
            check.warn(item, f"source '{shorten(record.key)}' is defined twice{where}; the first is used")
            continue
        seen[record.key] = record
        out.append(record)
    return tuple(out)


def _record(node: YNode, check: Checker) -> SourceRecord | None:
    pairs = check.mapping(node, "a source")
    if pairs is None:
        return None
    f: dict[str, YNode] = {}
    for key, value in pairs:
        if key.value in RECORD_KEYS:
            f[key.value] = value
        else:  # CSL-JSON has many more variables; a reference manager's export keeps working
            check.warn(key, f"'{shorten(key.value)}' in a source is not printed{suggest(key.value, RECORD_KEYS)}")
    key = check.text(f.get("id"), "'id'", prose=False)
    if key is None:
        check.error(node, "a source needs an 'id', the key citations use (write [@id])")
        return None
    kind = check.text(f.get("type"), "'type'", prose=False)
    if kind not in TYPES:
        at = f.get("type") or node
        got = f"'{shorten(kind)}'" if kind else "no type"
        check.error(at, f"source '{shorten(key)}' has {got}; a type is one of {', '.join(TYPES)}")
        return None
    values = {field: check.text(f.get(var), f"'{var}'", prose=False) or "" for var, field in _TEXT_FIELDS.items()}
    if not values["title"]:
        check.error(f.get("title") or node, f"source '{shorten(key)}' ({kind}) has no 'title'")
        return None
    url = values["url"]
    if url and not link_allowed(url):
        check.warn(f.get("URL"), f"source '{shorten(key)}': link target is not allowed (only http, https and "
                                 f"mailto links of at most {MAX_URL_CHARS:,} characters); printed without a link")
    if kind in NEEDS_CONTAINER and not values["container"]:
        what = "the book it is in" if kind == "chapter" else "the periodical's name"
        check.error(node, f"source '{shorten(key)}' ({kind}) needs 'container-title' ({what})")
        return None
    return SourceRecord(key=key, type=kind, authors=_names(f.get("author"), check), editors=_names(f.get("editor"), check),
                  issued=_date(f.get("issued"), check), accessed=_date(f.get("accessed"), check),
                  pos=pos(node), **values)


def _names(node: YNode | None, check: Checker) -> tuple[Name, ...]:
    """Names as CSL-JSON writes them ({family, given} or {literal}), or "Family, Given" strings."""
    if node is None:
        return ()
    items = [node] if node.kind != "seq" else node.value
    out = []
    for item in items:
        if item.kind == "map":
            f = check.fields(item, ("family", "given", "literal", "suffix", "non-dropping-particle",
                                    "dropping-particle"), "a name")
            family, given, literal = (check.text(f.get(k), f"'{k}'", prose=False) or ""
                                      for k in ("family", "given", "literal"))
            particle = check.text(f.get("non-dropping-particle"), "a particle", prose=False)
            if particle:
                family = f"{particle} {family}"
            if not (family or literal):
                check.error(item, "a name needs 'family' (a person) or 'literal' (an institution)")
                continue
            out.append(Name(family, given, literal))
        else:
            text = check.text(item, "a name", prose=False)
            if text:
                family, comma, given = text.partition(",")
                out.append(Name(family.strip(), given.strip()) if comma else Name(literal=text))
    return tuple(out)


def _date(node: YNode | None, check: Checker) -> Date | None:
    """An ISO date ("2024-04-10", "2024-04", "2024") or CSL-JSON {date-parts, literal, raw}."""
    if node is None or (node.kind == "scalar" and node.type == "null"):
        return None
    if node.kind == "map":
        f = check.fields(node, ("date-parts", "literal", "raw", "season", "circa"), "a date")
        if "literal" in f:
            return Date(literal=check.text(f["literal"], "a date", prose=False) or "")
        if "raw" in f:
            return _date(f["raw"], check)
        parts = f.get("date-parts")
        if parts is not None and parts.kind == "seq" and parts.value and parts.value[0].kind == "seq":
            numbers = [p.value for p in parts.value[0].value if p.kind == "scalar"]
            if numbers and all(str(n).isdigit() for n in numbers):
                return _checked(node, check, *(int(n) for n in numbers[:3]))
        check.error(node, "expected 'date-parts: [[year, month, day]]' for a date")
        return None
    text = check.text(node, "a date", prose=False) or ""
    m = _ISO.fullmatch(text)
    if m:
        return _checked(node, check, *(int(g) for g in m.groups() if g))
    return Date(literal=text) if text else None


def _checked(node: YNode, check: Checker, year: int, month: int | None = None, day: int | None = None) -> Date | None:
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        check.error(node, "invalid date: the month is 1-12 and the day 1-31")
        return None
    return Date(year, month, day)


def _file_tree(node: YNode, check: Checker, base_dir: str | None) -> tuple[YNode, Checker] | None:
    """The positioned tree of a sources file, with a checker that reports in that file."""
    name = node.value
    if base_dir is None:
        check.error(node, "'sources': a sources file needs the brief's folder (load the brief from a file)")
        return None
    if FILE_READER is None:
        check.error(node, "'sources': no reader for sources files is installed (import typeset.readers)")
        return None
    base = Path(base_dir)
    try:
        path = resolve_inside(name, base, [base])
    except PathRefused as exc:
        check.error(node, f"'sources': {exc}")
        return None
    if path.suffix.lower() not in (".json", ".bib"):
        check.error(node, f"'sources': '{shorten(name)}' is neither a CSL-JSON .json nor a BibTeX .bib file")
        return None
    if not path.is_file():
        check.error(node, f"'sources': cannot read '{shorten(name)}'")
        return None
    display = str(Path(check.source.name).parent / name) if check.source.name else name
    tree = FILE_READER(path, display, check.limits)
    check.problems.extend(tree.problems)
    if tree.root is None:
        return None
    sub = Checker(tree.source, check.limits, strict=check.strict)
    sub.problems = check.problems  # one list: problems from both files are reported together
    return tree.root, sub


def check_citations(notes: tuple[Footnote, ...], sources: tuple[SourceRecord, ...], node: YNode | None,
                    check: Checker) -> None:
    """Every cited key must name a source (an error at the key); a source no citation uses is a warning."""
    known = {s.key: s for s in sources}
    used: set[str] = set()
    suggestions = 0
    for note in notes:
        for item in (i for paragraph in (note.content, *note.more) for i in paragraph):
            if not isinstance(item, Citation):
                continue
            for cite in item.items:
                if cite.key in known:
                    used.add(cite.key)
                    continue
                hint = ""
                if suggestions < 20:
                    suggestions += 1
                    hint = suggest(cite.key, known)
                where = cite.pos or item.pos
                line, column = (where.line, where.column) if where else (None, None)
                check.problems.append(Problem(check.source.name, line, column,
                                              f"unknown citation key '@{shorten(cite.key)}': "
                                              f"no source has this id{hint}"))
    for source in sources:
        if source.key not in used:
            line, column = (source.pos.line, source.pos.column) if source.pos else (None, None)
            severity = "error" if check.strict else "warning"
            check.problems.append(Problem(_file_of(source, node, check), line, column,
                                          f"source '{shorten(source.key)}' is never cited", severity))


def _file_of(source: SourceRecord, node: YNode | None, check: Checker) -> str:
    """The file a source was written in: the brief, or the sources file it names."""
    if node is not None and node.kind == "scalar":
        return str(Path(check.source.name).parent / node.value) if check.source.name else node.value
    return check.source.name
