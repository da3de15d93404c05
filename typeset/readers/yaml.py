"""The YAML reader: a brief's YAML into the positioned tree, refusing what YAML lets through.

PyYAML's own loaders silently keep the last of two duplicate keys, expand
alias bombs, recurse until `RecursionError` on deep nesting, and turn `no`
into False and `1:20` into 80 (security notes, item 5). So we consume the
parser's event stream and build the tree ourselves: iteratively (depth is
bounded, never recursive), with aliases and duplicate keys reported as
errors, and every scalar kept as written. `YNode.type` still records what
YAML would have made of a plain scalar, so a number where text belongs can
be reported. Marks are 0-based; positions here are 1-based.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from yaml import events as ev
from yaml.resolver import Resolver

from typeset.errors import BriefError, Problem
from typeset.model.limits import Limits
from typeset.model.tree import Source, YNode
from typeset.readers.common import Tree, read_text

_FastLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_KNOWN_TAGS = {_CORE + t: t for t in ("str", "int", "float", "bool", "null", "timestamp", "binary")}
_COLLECTION_TAGS = {_CORE + "map", _CORE + "seq"}
_REPARSE_MAX = 1_000_000  # characters; the pure-Python parser reads about 1 MB a second


class YamlSource(Source):
    """A YAML file's text: finds a character of a scalar's value in the file."""

    __slots__ = ("_cursors",)

    def __init__(self, name: str, text: str | None = None) -> None:
        super().__init__(name, text)
        self._cursors: dict[YNode, tuple[int, int]] = {}  # node -> (offset, index)

    def locate(self, node: YNode, offset: int) -> tuple[int | None, int | None]:
        """Line and column of `node.value[offset]` in the file, or the node's start.

        Walks the scalar's source alongside its value, matching any run of
        white space (line folding, indentation) to any other; gives up on
        escapes it does not know and falls back to where the scalar starts.
        Resumes from the last offset asked about in the same scalar, so many
        problems in one long paragraph still cost one pass.
        """
        fallback = node.line, node.column
        if self.text is None or node.index is None or node.kind != "scalar":
            return fallback
        i, j = self._cursors.get(node, (0, -1))
        if i > offset or j < 0:
            i, j = 0, _content_start(self.text, node)
        found = _align(self.text, i, j, node.value, offset, node.style)
        if found is None:
            return fallback
        if offset < len(node.value) and node.value[offset] not in " \t\n":
            self._cursors[node] = (offset, found)
        return self.position(found)


def _content_start(text: str, node: YNode) -> int:
    assert node.index is not None
    if node.style in ("|", ">"):
        nl = text.find("\n", node.index)
        j = len(text) if nl < 0 else nl + 1
        while j < len(text) and text[j] == " ":
            j += 1
        return j
    return node.index + (1 if node.style in ("'", '"') else 0)


def _align(src: str, i: int, j: int, value: str, offset: int, style: str | None) -> int | None:
    """Index in `src` of `value[offset]`, reading on from `value[i]` at `src[j]`; None if they diverge."""
    n = len(src)
    while i < offset:
        c = value[i]
        if c in " \t\n":
            while i < offset and value[i] in " \t\n":
                i += 1
            if j >= n or src[j] not in " \t\r\n":
                return None
            while j < n and src[j] in " \t\r\n":
                j += 1
            continue
        if style == "'" and c == "'" and src.startswith("''", j):
            j += 2
        elif style == '"' and src.startswith("\\", j):
            if j + 1 < n and src[j + 1] == c and c in '"\\/':
                j += 2
            else:
                return None
        elif j < n and src[j] == c:
            j += 1
        else:
            return None
        i += 1
    return j


# ------------------------------------------------------------------ composing

class _Builder:
    """Builds YNodes from parser events with an explicit stack."""

    def __init__(self, source: Source, limits: Limits, problems: list[Problem]) -> None:
        self.source, self.limits, self.problems = source, limits, problems
        self.stack: list[tuple[YNode, list[YNode | None], dict[str, YNode]]] = []
        self.root: YNode | None = None
        self.count = 0

    def error(self, mark: Any, message: str) -> None:
        self.problems.append(Problem(self.source.name, mark.line + 1, mark.column + 1, message))

    def fatal(self, mark: Any, message: str) -> BriefError:
        self.error(mark, message)
        return BriefError(self.problems)

    def node(self, kind: str, event: Any, value: Any, **kw: Any) -> YNode:
        self.count += 1
        if self.count > self.limits.max_nodes:
            raise self.fatal(event.start_mark, f"too many YAML values (more than {self.limits.max_nodes:,})")
        m = event.start_mark
        return YNode(kind, value, m.line + 1, m.column + 1, index=m.index, **kw)

    def feed(self, event: Any) -> None:
        if isinstance(event, ev.ScalarEvent):
            self.attach(self.node("scalar", event, event.value, type=self.scalar_type(event),
                                  style=event.style or None))
        elif isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
            self.check_tag(event, collection=True)
            kind = "map" if isinstance(event, ev.MappingStartEvent) else "seq"
            node = self.node(kind, event, [])
            self.attach(node)
            if len(self.stack) >= self.limits.max_depth:
                raise self.fatal(event.start_mark, f"nested deeper than {self.limits.max_depth} levels")
            self.stack.append((node, [None], {}))
        elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
            self.stack.pop()
        elif isinstance(event, ev.AliasEvent):
            self.error(event.start_mark,
                       f"aliases (*{event.anchor}) are not allowed in a brief; write the value out")
            self.attach(self.node("scalar", event, "", type="null"))

    def attach(self, node: YNode) -> None:
        if not self.stack:
            self.root = node
            return
        parent, pending, seen = self.stack[-1]
        if parent.kind == "seq":
            parent.value.append(node)
            return
        key = pending[0]
        if key is None:
            pending[0] = node
            return
        pending[0] = None
        if key.kind != "scalar":
            self.problems.append(Problem(self.source.name, key.line, key.column,
                                         "a key must be plain text, not " + key.describe()))
        elif key.value in seen:
            first = seen[key.value]
            self.problems.append(Problem(self.source.name, key.line, key.column,
                                         f"duplicate key '{key.value}' (first at line {first.line}, "
                                         f"column {first.column})"))
        else:
            seen[key.value] = key
            parent.value.append((key, node))

    def scalar_type(self, event: Any) -> str:
        if event.tag and event.tag != "!":
            return self.check_tag(event, collection=False)
        if not event.implicit[0]:
            return "str"
        value = event.value
        resolvers = Resolver.yaml_implicit_resolvers.get(value[0] if value else "", [])
        for tag, regexp in [*resolvers, *Resolver.yaml_implicit_resolvers.get(None, [])]:
            if regexp.match(value):
                return _KNOWN_TAGS.get(tag, "str")
        return "str"

    def check_tag(self, event: Any, *, collection: bool) -> str:
        tag = event.tag
        if not tag or tag == "!" or (collection and tag in _COLLECTION_TAGS):
            return "str"
        if not collection and tag in _KNOWN_TAGS and tag != _CORE + "binary":
            return _KNOWN_TAGS[tag]
        self.error(event.start_mark, f"YAML tags such as '{tag}' are not allowed in a brief")
        return "str"


def compose(text: str, source: Source, limits: Limits) -> tuple[YNode | None, list[Problem]]:
    """Parse YAML text into a YNode tree; syntax errors, depth and size raise BriefError.

    Returns the root (None for an empty document) and the non-fatal problems
    (aliases, duplicate keys, tags), so validation can report them with the rest.
    libyaml is used for speed when present; when it refuses the text, the
    pure-Python parser reads it again, so errors are worded (and limits
    applied) the same everywhere, except in files too big to read twice
    quickly, where libyaml's message stands.
    """
    loaders = [_FastLoader]
    if _FastLoader is not yaml.SafeLoader and len(text) <= _REPARSE_MAX:
        loaders.append(yaml.SafeLoader)
    for cls in loaders:
        builder = _Builder(source, limits, [])
        try:
            _feed_events(cls, text, builder)
        except yaml.YAMLError as e:
            error = e
            continue
        return builder.root, builder.problems
    raise BriefError(builder.problems + [_syntax_problem(error, source)])


def _feed_events(loader_class: Any, text: str, builder: _Builder) -> None:
    loader = loader_class(text)
    documents = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, ev.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise builder.fatal(event.start_mark,
                                        "a brief is a single YAML document; remove the '---' line")
            builder.feed(event)
    finally:
        loader.dispose()


def _syntax_problem(error: yaml.YAMLError, source: Source) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        line, column = source.position(error.position) if source.text is not None else (None, None)
        what = chr(error.character) if isinstance(error.character, int) else error.character
        code = f"U+{ord(what):04X}" if isinstance(what, str) and len(what) == 1 else repr(what)
        return Problem(source.name, line, column, f"character {code} is not allowed in a YAML file")
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        message = f"invalid YAML: {error.problem}"
        if error.context and error.context_mark is not None and \
                (error.context_mark.line, error.context_mark.column) != (mark.line, mark.column):
            cm = error.context_mark
            message += f" ({error.context} at line {cm.line + 1}, column {cm.column + 1})"
        if "'\\t'" in str(error.problem):
            message += "; indent with spaces, not tabs"
        return Problem(source.name, mark.line + 1, mark.column + 1, message)
    return Problem(source.name, None, None, f"invalid YAML: {error}")


def read(path: Path, display: str, limits: Limits) -> Tree:
    """The tree of a YAML brief file (syntax errors and oversized input raise BriefError)."""
    text = read_text(path, display, limits.max_bytes)
    source = YamlSource(display, text)
    root, problems = compose(text, source, limits)
    return Tree(root, source, problems, os.path.dirname(os.path.abspath(display)))
