"""A reader's tree written out as a YAML brief (`briefset convert`).

The tree already holds what the YAML brief says, prose in the brief's inline
markup, so writing it is a plain dump: the YAML reads back to the same
tree, and builds to the same PDF.
"""
from __future__ import annotations

from typing import Any

import yaml

from typeset.model.tree import YNode


def to_data(node: YNode | None) -> Any:
    """Plain data of a tree: dicts, lists, strings (None for nothing)."""
    if node is None:
        return None
    if node.kind == "map":
        return {k.value: to_data(v) for k, v in node.value}
    if node.kind == "seq":
        return [to_data(v) for v in node.value]
    return None if node.type == "null" else node.value


class _Dumper(yaml.SafeDumper):
    """Block style; long prose folded onto lines, multi-line text as a literal block."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def to_yaml(node: YNode | None, *, comment: str | None = None) -> str:
    """The YAML text of a tree, with an optional comment line on top."""
    text = yaml.dump(to_data(node), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88,
                     default_flow_style=False)
    return (f"# {comment}\n" if comment else "") + text
