"""Layout files -> a typed `Layout`, by the declarations in `schema.py`.

Bundled layouts are found by name in `layouts/`; any other layout is a
path. `extends: NAME_OR_PATH` inherits another layout and overrides keys.
"""
from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from typeset.errors import LayoutError, Problem
from typeset.resources import LAYOUTS_DIR
from typeset.safepath import PathRefused, resolve_inside
from typeset.style.schema import Color, Layout, PageSize
from typeset.style.tree import Node, merge, read_tree
from typeset.units import PAGE_SIZES, Length, parse_color, parse_length

MAX_EXTENDS = 8
DEFAULT_LAYOUT = "issi-brief"


def bundled_layouts() -> list[str]:
    """Names of the layouts shipped in `layouts/`."""
    return sorted(p.stem for p in LAYOUTS_DIR.glob("*.yaml"))


def list_layouts() -> list[tuple[str, str]]:
    """(name, description) of every bundled layout."""
    return [(name, load_layout(name).description) for name in bundled_layouts()]


def is_bundled_name(name_or_path: str) -> bool:
    """Whether this names a bundled layout (no folder, no .yaml) rather than a file."""
    return "/" not in name_or_path and "\\" not in name_or_path and not name_or_path.endswith((".yaml", ".yml"))


def _locate(name_or_path: str, relative_to: Path | None) -> tuple[Path, str]:
    """The file of a layout name or path, and how to name it in messages."""
    if is_bundled_name(name_or_path):
        path = LAYOUTS_DIR / f"{name_or_path}.yaml"
        if not path.is_file():
            known = ", ".join(bundled_layouts())
            raise LayoutError(Problem(name_or_path, None, None,
                                      f"no bundled layout named '{name_or_path}' (bundled: {known})"))
        return path, f"layouts/{name_or_path}.yaml"
    path = Path(name_or_path)
    if not path.is_absolute() and relative_to is not None:
        path = relative_to / path
    return path, str(name_or_path) if relative_to is None else str(path)


def _confine(name_or_path: str, relative_to: Path | None, roots: Sequence[Path] | None) -> None:
    """Refuse a layout file outside `roots` (None: any file; a brief's own layout is confined)."""
    if roots is None or is_bundled_name(name_or_path):
        return
    try:
        resolve_inside(name_or_path, relative_to or Path.cwd(), roots)
    except PathRefused as exc:
        raise LayoutError(Problem(name_or_path, None, None, f"layout file refused: {exc}")) from None


def _read_chain(name_or_path: str, relative_to: Path | None,
                roots: Sequence[Path] | None = None) -> tuple[Node, Path, tuple[int, ...]]:
    """The merged tree of a layout and everything it extends, its file, and the identity
    of the (cached, immutable) file trees it was merged from."""
    chain: list[Node] = []
    seen: set[Path] = set()
    _confine(name_or_path, relative_to, roots)
    path, display = _locate(name_or_path, relative_to)
    first = path
    while True:
        resolved = path.resolve()
        if resolved in seen:
            raise LayoutError(Problem(display, None, None, "layouts extend each other in a loop"))
        seen.add(resolved)
        tree = read_tree(path, display)
        chain.append(tree)
        parent = tree.value.get("extends")
        if parent is None:
            break
        if not isinstance(parent.value, str) or not parent.value:
            raise LayoutError(parent.problem("extends: expected a layout name or path"))
        if len(chain) > MAX_EXTENDS:
            raise LayoutError(parent.problem(f"more than {MAX_EXTENDS} layouts in an extends chain"))
        try:
            _confine(parent.value, path.parent, roots)
            path, display = _locate(parent.value, path.parent)
        except LayoutError as exc:
            raise LayoutError(parent.problem(f"extends: {exc.message}")) from None
        if not path.is_file():
            raise LayoutError(parent.problem(f"extends: no layout file '{parent.value}'"))
    merged = chain[-1]
    for tree in reversed(chain[:-1]):
        merged = merge(merged, tree)
    return merged, first, tuple(id(t) for t in chain)


def load_layout(name_or_path: str | None = None, *, relative_to: Path | None = None,
                roots: Sequence[Path] | None = None) -> Layout:
    """Load, merge and check a layout; raise LayoutError naming file, key path and line.

    With `roots`, the layout file and every file it extends must lie inside
    them (bundled names are always allowed): a brief names its layout, and
    an untrusted brief must not make us read /etc/shadow or /dev/zero.
    """
    name = name_or_path or DEFAULT_LAYOUT
    tree, path, chain = _read_chain(name, relative_to, roots)
    key = (name, chain, str(path.parent.resolve()))
    if key not in _LAYOUTS:
        _LAYOUTS[key] = _layout_from(tree, name, path)
    return _LAYOUTS[key]


# Layouts by the identity of the cached file trees they were built from (see tree.read_tree).
_LAYOUTS: dict[tuple[str, tuple[int, ...], str], Layout] = {}


def _layout_from(tree: Node, name: str, path: Path) -> Layout:
    values = dict(tree.value)
    values.pop("extends", None)
    problems: list[Problem] = []
    layout = _build(Layout, Node(values, tree.source, tree.line, tree.column, tree.keys), "", problems,
                    skip=frozenset({"name", "folder"}))
    if problems:
        raise LayoutError(problems)
    return dataclasses.replace(layout, name=name, folder=str(path.parent.resolve()))


def _build(cls: type, node: Node, where: str, problems: list[Problem],
           skip: frozenset[str] = frozenset(), base: Any = None) -> Any:
    """A dataclass instance from a mapping node, over `base` (default: the class's defaults)."""
    base = cls() if base is None else base
    if not isinstance(node.value, dict):
        problems.append(node.problem(f"{where or 'layout'}: expected a mapping"))
        return base
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name not in skip}
    changes: dict[str, Any] = {}
    for k, sub in node.value.items():
        path = f"{where}.{k}" if where else k
        if k not in fields:
            import difflib  # only for a misspelt key

            near = difflib.get_close_matches(k, list(fields), n=1)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            source, line, column = (node.keys or {}).get(k, (sub.source, sub.line, sub.column))
            problems.append(Problem(source, line, column, f"unknown key '{path}'{hint}"))
            continue
        value = _value(hints[k], sub, path, problems, getattr(base, k))
        if value is not _BAD:
            changes[k] = value
    return dataclasses.replace(base, **changes) if changes else base


_BAD = object()


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """The evaluated annotations of a schema class (evaluating them is most of a layout's load).
    Keyed by the class, which never changes; lru_cache is safe across threads."""
    return typing.get_type_hints(cls)


def _value(tp: Any, node: Node, path: str, problems: list[Problem], default: Any) -> Any:
    """Convert one node to the declared type, or record a problem and return _BAD."""
    try:
        return _convert(tp, node, path, problems, default)
    except ValueError as exc:
        problems.append(node.problem(f"{path}: {exc}"))
        return _BAD


def _convert(tp: Any, node: Node, path: str, problems: list[Problem], default: Any) -> Any:
    v = node.value
    origin = get_origin(tp)
    if dataclasses.is_dataclass(tp) and tp is not Length:
        if not isinstance(v, dict):
            raise ValueError("expected a mapping of keys")
        return _build(tp, node, path, problems, base=default if dataclasses.is_dataclass(default) else None)
    if origin is Literal:
        allowed = get_args(tp)
        if v not in allowed:
            raise ValueError(f"expected one of {', '.join(repr(a) for a in allowed)}, got {v!r}")
        return v
    if origin is tuple:
        if not isinstance(v, list):
            raise ValueError("expected a list")
        item_tp = get_args(tp)[0]
        out = [_value(item_tp, n, f"{path}[{i}]", problems, None) for i, n in enumerate(v)]
        return tuple(x for x in out if x is not _BAD)
    if origin is dict:
        if not isinstance(v, dict):
            raise ValueError("expected a mapping")
        item_tp = get_args(tp)[1]
        out_d = dict(default or {})
        for k, n in v.items():
            got = _value(item_tp, n, f"{path}.{k}", problems, out_d.get(k))
            if got is not _BAD:
                out_d[k] = got
        return out_d
    return _scalar(tp, v)


def _scalar(tp: Any, v: Any) -> Any:
    if tp is Length:
        return parse_length(v)
    if tp is Color:
        return Color(parse_color(v))
    if tp is PageSize:
        parse_page_size(v)
        return PageSize(v)
    if tp is bool:
        if not isinstance(v, bool):
            raise ValueError(f"expected true or false, got {v!r}")
        return v
    if tp is int:
        if isinstance(v, bool) or not isinstance(v, int):
            raise ValueError(f"expected a whole number, got {v!r}")
        return v
    if tp is float:  # sizes and leadings: points, written bare or with a unit
        if isinstance(v, str):
            try:
                return parse_length(v, allow_percent=False).points
            except ValueError:
                raise ValueError(f"expected a number, got {v!r}") from None
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise ValueError(f"expected a number, got {v!r}")
        return float(v)
    if tp is str:
        if isinstance(v, (dict, list)) or v is None:
            raise ValueError("expected text")
        return str(v)
    raise ValueError(f"unsupported type {tp!r}")


def parse_page_size(v: Any) -> tuple[float, float]:
    """(width, height) in points of 'A4', 'Letter', ... or '210mm x 297mm'."""
    if not isinstance(v, str):
        raise ValueError(f"expected a paper name or 'W x H', got {v!r}")
    named = PAGE_SIZES.get(v.strip().lower())
    if named:
        return named
    parts = v.lower().split("x")
    if len(parts) != 2:
        raise ValueError(f"unknown paper size {v!r}; expected A4, A5, Letter, Legal or 'W x H'")
    w, h = (parse_length(p, allow_percent=False).points for p in parts)
    if w < 72 or h < 72:
        raise ValueError(f"paper size {v!r} is smaller than one inch")
    return w, h
