"""The brief-shaped tree every reader produces and the validator reads.

A reader (YAML, Markdown, Word) turns its input into `YNode`s shaped like a
brief's YAML: mappings, lists and scalars, prose written in the brief's
inline markup, each node carrying where it came from (a line and column, or
a label such as ``paragraph 14 ("Pillars of...")``). The model's one
validator (`typeset.model.validate`) turns that tree into a `Brief`, so
every check, limit and note number is the same whatever the source.
"""
from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from typeset.errors import BriefError, Problem
from typeset.model.limits import Limits
from typeset.values import Identity, Record


@dataclass(slots=True, eq=False, repr=False)
class YNode(Identity):
    """A mapping, list or scalar with its 1-based start position (None without a file).

    `type` is what YAML would resolve a scalar to ("str", "int", "float",
    "bool", "null", "timestamp"); `value` keeps the text as written.
    `where` is a key path such as ``sections[0].heading``, used in messages
    when there is no position; `label` names the place in a source without
    lines (a Word paragraph or footnote) and is printed before the severity.
    """

    kind: str  # "map", "seq" or "scalar"
    value: Any  # str, list[YNode], or list[tuple[YNode, YNode]]
    line: int | None = None
    column: int | None = None
    type: str = "str"
    style: str | None = None  # None (plain), "'", '"', "|" or ">"
    index: int | None = None  # start offset in the source text
    where: str = ""
    label: str | None = None

    def describe(self) -> str:
        """What this node is, in words, for "expected X, got Y" messages."""
        if self.kind == "map":
            return "a mapping"
        if self.kind == "seq":
            return "a list"
        return {"int": "a number", "float": "a number", "bool": "a true/false value",
                "null": "nothing"}.get(self.type, "text")


@dataclass(slots=True, eq=False, repr=False)
class Source(Record):
    """The brief's name and text, to turn offsets into line and column.

    Readers whose scalars map back to the source text character by
    character (YAML, Markdown) subclass it and override `locate`.
    """

    name: str
    text: str | None = None
    _starts: list[int] = field(default_factory=list)

    def position(self, index: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        assert self.text is not None
        if not self._starts:
            self._starts.append(0)
            self._starts.extend(m.end() for m in re.finditer("\n", self.text))
        line = bisect.bisect_right(self._starts, index) - 1
        return line + 1, index - self._starts[line] + 1

    def locate(self, node: YNode, offset: int) -> tuple[int | None, int | None]:
        """Line and column of `node.value[offset]`; here, where the node starts."""
        return node.line, node.column


# ------------------------------------------------------------------ building

def scalar(text: str, line: int | None = None, column: int | None = None, *,
           label: str | None = None) -> YNode:
    """A text scalar, as a reader makes one."""
    return YNode("scalar", text, line, column, label=label)


def mapping(pairs: list[tuple[str, YNode]], line: int | None = None, column: int | None = None, *,
            label: str | None = None) -> YNode:
    """A mapping whose keys are placed where the mapping is."""
    keys = [(YNode("scalar", k, line, column, label=label), v) for k, v in pairs]
    return YNode("map", keys, line, column, label=label)


def sequence(items: list[YNode], line: int | None = None, column: int | None = None, *,
             label: str | None = None) -> YNode:
    return YNode("seq", items, line, column, label=label)


def get(node: YNode | None, key: str) -> YNode | None:
    """The value under `key` of a mapping node, or None."""
    if node is None or node.kind != "map":
        return None
    return next((v for k, v in node.value if k.value == key), None)


# ------------------------------------------------------------------ Python data

def from_python(data: Any, source: Source, limits: Limits) -> tuple[YNode, list[Problem]]:
    """The YNode tree of plain Python data (dicts, lists, strings, numbers)."""
    problems: list[Problem] = []
    count = [0]

    def convert(value: Any, where: str, depth: int) -> YNode:
        count[0] += 1
        if depth > limits.max_depth or count[0] > limits.max_nodes:
            what = f"nested deeper than {limits.max_depth} levels" if depth > limits.max_depth \
                else f"too many values (more than {limits.max_nodes:,})"
            raise BriefError(problems + [Problem(source.name, None, None, f"{where or 'brief'}: {what}")])
        if isinstance(value, dict):
            pairs = [(YNode("scalar", _key_text(k), where=where), convert(v, _join(where, k), depth + 1))
                     for k, v in value.items()]
            return YNode("map", pairs, where=where)
        if isinstance(value, (list, tuple)):
            return YNode("seq", [convert(v, f"{where}[{i}]", depth + 1) for i, v in enumerate(value)],
                         where=where)
        return _python_scalar(value, where, source, problems)

    return convert(data, "", 0), problems


def _join(where: str, key: Any) -> str:
    return f"{where}.{key}" if where else str(key)


def _key_text(key: Any) -> str:
    return key if isinstance(key, str) else str(key)


def _python_scalar(value: Any, where: str, source: Source, problems: list[Problem]) -> YNode:
    if value is None:
        return YNode("scalar", "", type="null", where=where)
    if isinstance(value, bool):
        return YNode("scalar", "true" if value else "false", type="bool", where=where)
    if isinstance(value, (int, float)):
        return YNode("scalar", str(value), type="int" if isinstance(value, int) else "float", where=where)
    if isinstance(value, (date, datetime)):
        return YNode("scalar", value.isoformat(), type="timestamp", where=where)
    if isinstance(value, (str, os.PathLike)):
        return YNode("scalar", os.fspath(value) if not isinstance(value, str) else value, where=where)
    problems.append(Problem(source.name, None, None,
                            f"{where or 'brief'}: unsupported value of type {type(value).__name__}"))
    return YNode("scalar", "", type="null", where=where)
