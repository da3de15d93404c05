"""Layout YAML as a tree of values that remember where they were written.

`extends` merges trees before conversion, so an error in an inherited key
still names the file and line it came from.
"""
from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from typeset.errors import LayoutError, Problem
from typeset.values import Value

MAX_LAYOUT_BYTES = 1_000_000
MAX_DEPTH = 32


@dataclass(slots=True, eq=False, repr=False)
class Node(Value):
    """A YAML value (scalar, list of Node, or dict of str -> Node) and its position."""

    value: Any
    source: str
    line: int
    column: int
    keys: dict[str, tuple[str, int, int]] | None = None  # mapping only: where each key was written

    def problem(self, message: str) -> Problem:
        return Problem(self.source, self.line, self.column, message)


def _scalar(node: yaml.ScalarNode) -> Any:
    tag = node.tag.rsplit(":", 1)[-1]
    text = node.value
    if not node.style:  # plain scalars (style None, or "" from libyaml) resolve to numbers and booleans
        if tag == "int":
            try:
                return int(text.replace("_", ""), 0)
            except ValueError:
                return text
        if tag == "float":
            try:
                return float(text.replace("_", ""))
            except ValueError:
                return text
        if tag == "bool":
            return text.lower() in ("true", "yes", "on", "y")
        if tag == "null":
            return None
    return text


def _convert(node: yaml.Node, source: str, depth: int) -> Node:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if depth > MAX_DEPTH:
        raise LayoutError(Problem(source, line, column, f"nesting deeper than {MAX_DEPTH} levels"))
    if isinstance(node, yaml.ScalarNode):
        return Node(_scalar(node), source, line, column)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(n, source, depth + 1) for n in node.value], source, line, column)
    out: dict[str, Node] = {}
    keys: dict[str, tuple[str, int, int]] = {}
    for k, v in node.value:
        name = str(k.value)
        if name in out:
            raise LayoutError(Problem(source, k.start_mark.line + 1, k.start_mark.column + 1,
                                      f"duplicate key '{name}'"))
        out[name] = _convert(v, source, depth + 1)
        keys[name] = (source, k.start_mark.line + 1, k.start_mark.column + 1)
    return Node(out, source, line, column, keys)


class _NoAliasLoader(yaml.SafeLoader):
    """Refuses anchors and aliases: a layout never needs them, and they can bomb."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.MarkedYAMLError(problem="aliases are not allowed in a layout", problem_mark=mark)
        return super().compose_node(parent, index)


_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    """The node tree of `text`, by libyaml when PyYAML has it (a dozen times faster).

    Anything libyaml would not settle as the pure-Python parser does (an
    alias, any error) is handed to `_NoAliasLoader`, whose messages are the
    ones layout authors see."""
    if _FAST_LOADER is not None:
        try:
            if not any(type(e) is yaml.AliasEvent for e in yaml.parse(text, Loader=_FAST_LOADER)):
                return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=_NoAliasLoader)


_TREES: dict[tuple[str, str, int, int], Node] = {}


def read_tree(path: Path, display: str) -> Node:
    """Parse a layout file into a Node tree (a mapping), or raise LayoutError.

    Trees are immutable and cached by file identity (path, mtime, size): a batch
    or a service renders many briefs in the same layout."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a device or FIFO could block or never end
            raise LayoutError(Problem(display, None, None, "cannot read layout: not a regular file"))
        key = (str(path.resolve()), display, info.st_mtime_ns, info.st_size)
        if key in _TREES:
            return _TREES[key]
        with path.open("rb") as f:
            data = f.read(MAX_LAYOUT_BYTES + 1)
    except OSError as exc:
        raise LayoutError(Problem(display, None, None, f"cannot read layout: {exc.strerror}")) from None
    if len(data) > MAX_LAYOUT_BYTES:
        raise LayoutError(Problem(display, None, None, f"layout file larger than {MAX_LAYOUT_BYTES} bytes"))
    try:
        text = data.decode("utf-8")
        root = _compose(text)
    except UnicodeDecodeError:
        raise LayoutError(Problem(display, None, None, "layout is not UTF-8 text")) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise LayoutError(Problem(display, line, col, str(exc.problem or exc.context))) from None
    except (yaml.YAMLError, RecursionError):
        raise LayoutError(Problem(display, None, None, "layout is not valid YAML")) from None
    if root is None:
        return Node({}, display, 1, 1)
    tree = _convert(root, display, 0)
    if not isinstance(tree.value, dict):
        raise LayoutError(tree.problem("a layout must be a mapping of keys"))
    _TREES[key] = tree
    return tree


def merge(base: Node, over: Node) -> Node:
    """Deep-merge mappings (`over` wins); lists and scalars are replaced whole."""
    if isinstance(base.value, dict) and isinstance(over.value, dict):
        out = dict(base.value)
        keys = {**(base.keys or {}), **(over.keys or {})}
        for k, v in over.value.items():
            out[k] = merge(out[k], v) if k in out else v
        return Node(out, over.source, over.line, over.column, keys)
    return over
