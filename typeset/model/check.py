"""Validation helpers shared by the loader: typed access to YNodes that records problems.

Every check appends a positioned `Problem` and returns a harmless default,
so one run reports every mistake in the brief, not just the first.
"""
from __future__ import annotations

from collections.abc import Iterable

from typeset.errors import Problem, Severity
from typeset.model.limits import Limits
from typeset.model.markup import Parsed, parse_inline, plain_text
from typeset.model.nodes import Pos
from typeset.model.tree import Source, YNode


class Checker:
    """Collects problems while the loader walks the brief."""

    def __init__(self, source: Source, limits: Limits, *, strict: bool) -> None:
        self.source, self.limits, self.strict = source, limits, strict
        self.problems: list[Problem] = []
        self.at: dict[int, YNode] = {}  # id(problem) -> the node it was reported at, for ordering

    # -- reporting

    def report(self, node: YNode | None, message: str, severity: Severity = "error",
               offset: int | None = None) -> None:
        """Record a problem at `node` (at `offset` inside its text when known)."""
        if self.strict:
            severity = "error"
        line = column = label = None
        if node is not None:
            line, column = self.source.locate(node, offset) if offset is not None else (node.line, node.column)
            label = node.label
            if line is None and node.where and not label:
                message = f"{node.where}: {message}"
        problem = Problem(self.source.name, line, column, message, severity, label)
        self.problems.append(problem)
        if node is not None:
            self.at[id(problem)] = node

    def error(self, node: YNode | None, message: str, offset: int | None = None) -> None:
        self.report(node, message, "error", offset)

    def warn(self, node: YNode | None, message: str, offset: int | None = None) -> None:
        self.report(node, message, "warning", offset)

    # -- structure

    def mapping(self, node: YNode, what: str) -> list[tuple[YNode, YNode]] | None:
        """The pairs of a mapping node, or None (reported) if it is something else."""
        if node.kind == "map":
            return node.value
        self.error(node, f"expected a mapping for {what}, got {node.describe()}")
        return None

    def sequence(self, node: YNode | None, what: str) -> list[YNode]:
        """The items of a list node; nothing (null) is an empty list."""
        if node is None or (node.kind == "scalar" and node.type == "null"):
            return []
        if node.kind == "seq":
            return node.value
        self.error(node, f"expected a list for {what}, got {node.describe()}")
        return []

    def fields(self, node: YNode, allowed: Iterable[str], what: str) -> dict[str, YNode]:
        """Key -> value of a mapping, reporting unknown keys with a suggestion.

        Returns {} when `node` is not a mapping.
        """
        pairs = self.mapping(node, what)
        if pairs is None:
            return {}
        allowed = list(allowed)
        out: dict[str, YNode] = {}
        for key, value in pairs:
            name = key.value
            if name in allowed:
                out[name] = value
            else:
                self.error(key, unknown_key(name, allowed, what))
        return out

    # -- scalars

    def scalar(self, node: YNode | None, what: str) -> str | None:
        """A scalar as written (any YAML type); None for nothing or a non-scalar."""
        if node is None or (node.kind == "scalar" and node.type == "null"):
            return None
        if node.kind != "scalar":
            self.error(node, f"expected text for {what}, got {node.describe()}")
            return None
        return node.value

    def text(self, node: YNode | None, what: str, *, prose: bool = True) -> str | None:
        """A plain text field; with `prose`, an unquoted number is a mistake."""
        value = self.scalar(node, what)
        if value is None or node is None:
            return None
        if prose and node.type in ("int", "float"):
            self.error(node, f"expected text for {what}, got a number; put it in quotes")
            return None
        if len(value) > self.limits.max_paragraph_chars:
            self.error(node, too_long(what, len(value), self.limits.max_paragraph_chars))
            return None
        return plain_text(value) or None

    def markup(self, node: YNode, what: str, *, in_note: bool = False) -> Parsed | None:
        """Parse a prose field's inline markup, reporting its diagnostics in place."""
        value = self.scalar(node, what)
        if value is None:
            return None
        if node.type in ("int", "float"):
            self.error(node, f"expected text for {what}, got a number; put it in quotes")
            return None
        limit = self.limits.max_note_chars if in_note else self.limits.max_paragraph_chars
        if len(value) > limit:
            self.error(node, too_long(what, len(value), limit))
            return None
        parsed = parse_inline(value, in_note=in_note)
        for d in parsed.diagnostics:
            self.report(node, d.message, d.severity, d.offset)
        return parsed


def in_document_order(problems: list[Problem], at: dict[int, YNode], root: YNode | None) -> list[Problem]:
    """Problems by position, then by where their node stands in the tree (pre-order).

    A file's problems sort by line and column; data without a file (`Brief.from_dict`)
    has no positions, so its problems follow the order of its keys and items, which is
    the order the same brief written as YAML would show them in.
    """
    rank: dict[int, int] = {}
    for node in walk(root) if root is not None else ():
        if id(node) not in rank:
            rank[id(node)] = len(rank)
        if node.kind == "map" and node.value:  # a mapping starts where its first key does, as in YAML
            rank[id(node.value[0][0])] = rank[id(node)]

    def key(item: tuple[int, Problem]) -> tuple[int, int, int, int]:
        i, p = item
        node = at.get(id(p))
        return p.line or 0, p.column or 0, rank.get(id(node), -1) if node is not None else -1, i

    return [p for _, p in sorted(enumerate(problems), key=key)]


def walk(root: YNode) -> list[YNode]:
    """Every node of the tree in document order (a key before its value), without recursion."""
    out: list[YNode] = []
    stack = [root]
    while stack:
        node = stack.pop()
        out.append(node)
        if node.kind == "map":
            for key, value in reversed(node.value):
                stack.append(value)
                stack.append(key)
        elif node.kind == "seq":
            stack.extend(reversed(node.value))
    return out


def pos(node: YNode | None) -> Pos | None:
    """The model's position of a node (None for data without a file)."""
    if node is None or node.line is None or node.column is None:
        return None
    return Pos(node.line, node.column)


def unknown_key(name: str, allowed: list[str], what: str) -> str:
    """'unknown key X; did you mean Y?' or the list of keys allowed there."""
    import difflib  # only for a misspelt key

    lowered = {a.lower(): a for a in allowed}
    close = difflib.get_close_matches(name.lower()[:100], list(lowered), n=1, cutoff=0.6)
    if close:
        return f"unknown key '{shorten(name)}'; did you mean '{lowered[close[0]]}'?"
    return f"unknown key '{shorten(name)}' in {what}; expected {one_of(sorted(allowed))}"


def one_of(names: list[str]) -> str:
    quoted = [f"'{n}'" for n in names]
    if len(quoted) <= 3:
        return ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]
    return "one of " + ", ".join(quoted)


def suggest(name: str, candidates: Iterable[str]) -> str:
    """'; did you mean X?' when a candidate is close, else ''."""
    import difflib  # only for a misspelt name

    close = difflib.get_close_matches(name[:100], list(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def shorten(value: str, width: int = 40) -> str:
    """A user's value fit to quote in a one-line message."""
    value = " ".join(value.split())
    return value if len(value) <= width else value[:width - 1] + "\u2026"


def too_long(what: str, size: int, limit: int) -> str:
    return f"{what} is too long ({size:,} characters; the limit is {limit:,})"
