"""Front ends: each reads one kind of source into the brief-shaped tree the model validates.

`yaml` reads the brief format itself, `markdown` reads CommonMark with Pandoc
footnotes and YAML front matter, `docx` reads a Word document with its
footnotes. The reader is chosen by the file's suffix, or by `fmt`
("yaml", "markdown", "docx"). Later stages only ever see the `Brief`.
"""
from __future__ import annotations

import dataclasses
import importlib
import os
from collections.abc import Mapping
from pathlib import Path

from typeset.errors import BriefError, Problem
from typeset.gcpause import collector_paused
from typeset.model import sources as _sources
from typeset.model.document import Brief, brief_from_tree
from typeset.model.limits import DEFAULT_LIMITS, Limits
from typeset.readers.common import Tree


def _read_sources_file(path: Path, display: str, limits: Limits) -> Tree:
    """A brief's `sources: refs.bib` file, read by the readers; imported on first use (most briefs name none)."""
    from typeset.readers.sources import read_sources_file

    return read_sources_file(path, display, limits)


_sources.FILE_READER = _read_sources_file

FORMATS = ("yaml", "markdown", "docx")
SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".md": "markdown", ".markdown": "markdown", ".docx": "docx"}


def format_of(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The reader for `path`: `fmt` when given, else by suffix (YAML for any other suffix)."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise BriefError(Problem(os.fspath(path), None, None,
                                     f"unknown input format '{fmt}'; expected yaml, markdown or docx"))
        return fmt
    return SUFFIXES.get(Path(path).suffix.lower(), "yaml")


def read_tree(path: str | os.PathLike[str], *, fmt: str | None = None, limits: Limits | None = None,
              styles: Mapping[str, str] | None = None, name: str | None = None) -> Tree:
    """The brief-shaped tree of a source file, before validation; messages name it `name`
    (default: `path` as given).

    `styles` maps Word paragraph style names to header fields (see
    `typeset.readers.docx`); it is for Word files only.
    """
    kind = format_of(path, fmt)
    reader = importlib.import_module(f"typeset.readers.{kind}")
    display = os.fspath(path) if name is None else name
    if styles:
        if kind != "docx":
            raise BriefError(Problem(display, None, None, "paragraph styles can be mapped for a Word file only"))
        return reader.read(Path(path), display, limits or DEFAULT_LIMITS, styles)
    return reader.read(Path(path), display, limits or DEFAULT_LIMITS)


def load_brief(path: str | os.PathLike[str], *, strict: bool = False, max_bytes: int | None = None,
               limits: Limits | None = None, fmt: str | None = None,
               styles: Mapping[str, str] | None = None, name: str | None = None) -> Brief:
    """Read, validate and number a brief file (YAML, Markdown or Word).

    `max_bytes` overrides `limits.max_bytes` (default 10 MB); `styles` maps a
    Word file's paragraph styles to header fields ({"Byline": "author"}).
    Messages name the file `name` (default: `path` as given). Raises
    `BriefError` carrying every problem found, including unreadable files.
    """
    limits = limits or DEFAULT_LIMITS
    if max_bytes is not None:
        limits = dataclasses.replace(limits, max_bytes=max_bytes)
    with collector_paused():  # reading builds many small objects, none cyclic (see typeset/gcpause.py)
        return _brief(read_tree(path, fmt=fmt, limits=limits, styles=styles, name=name), limits, strict)


def load_brief_data(data: bytes, *, name: str = "<stdin>", base_dir: str | os.PathLike[str] | None = None,
                    strict: bool = False, fmt: str = "yaml", limits: Limits | None = None) -> Brief:
    """Validate a brief given as bytes (standard input, or a brief sent to another machine).

    Images and a layout file it names are looked for in `base_dir` (default:
    the current folder)."""
    limits = limits or DEFAULT_LIMITS
    reader = importlib.import_module(f"typeset.readers.{format_of(name, fmt)}")
    if not hasattr(reader, "read_data"):
        raise BriefError(Problem(name, None, None, f"a {fmt} brief must be read from a file, not from bytes"))
    folder = os.path.abspath(base_dir if base_dir is not None else os.curdir)
    with collector_paused():
        return _brief(reader.read_data(data, name, folder, limits), limits, strict)


def _brief(tree: Tree, limits: Limits, strict: bool) -> Brief:
    return brief_from_tree(tree.root, tree.source, limits=limits, problems=tree.problems, strict=strict,
                           base_dir=tree.base_dir, embedded=tree.images)


__all__ = ["FORMATS", "Tree", "format_of", "load_brief", "load_brief_data", "read_tree"]
