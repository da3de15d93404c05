"""`briefset convert`: any brief source written as the equivalent YAML brief.

The source is read and validated exactly as `build` would (so a brief that
would not build is not converted), then its tree is written as YAML.
Pictures carried inside a Word file are written beside the YAML, in a folder
named after it, since a YAML brief names its images by path.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from typeset.atomicio import WriteError, atomic_write
from typeset.errors import BriefError, Problem
from typeset.model.document import brief_from_tree
from typeset.model.tree import YNode
from typeset.readers import read_tree
from typeset.readers.dump import to_yaml


def convert(src: str | os.PathLike[str], out: str | os.PathLike[str] | None = None, *,
            fmt: str | None = None, strict: bool = False,
            styles: Mapping[str, str] | None = None) -> tuple[Problem, ...]:
    """Write `src` as a YAML brief at `out` (default: beside it); returns the warnings."""
    target = Path(out) if out is not None else Path(src).with_suffix(".yaml")
    if target.resolve() == Path(src).resolve():
        raise BriefError(Problem(os.fspath(src), None, None, f"the output {target} would overwrite the brief"))
    tree = read_tree(src, fmt=fmt, styles=styles)
    brief = brief_from_tree(tree.root, tree.source, problems=tree.problems, strict=strict,
                            base_dir=tree.base_dir, embedded=tree.images)
    if tree.images:
        folder = target.with_name(target.stem + "-images")
        names = _write_images(tree.images, folder)
        _rename_images(tree.root, names)
    atomic_write(target, to_yaml(tree.root, comment=f"converted from {Path(src).name}").encode("utf-8"))
    return brief.warnings


def _write_images(images: dict[str, bytes], folder: Path) -> dict[str, str]:
    """Each carried picture as a file in `folder`; its name in the tree -> the path to write there."""
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise WriteError(exc.errno, exc.strerror or str(exc), os.fspath(folder)) from None
    names = {}
    for name, data in sorted(images.items()):
        path = folder / Path(name).name
        atomic_write(path, data)
        names[name] = f"{folder.name}/{path.name}"
    return names


def _rename_images(root: YNode | None, names: dict[str, str]) -> None:
    todo = [root] if root is not None else []
    while todo:
        node = todo.pop()
        if node.kind == "seq":
            todo.extend(node.value)
        elif node.kind == "map":
            for key, value in node.value:
                if key.value == "image" and value.kind == "scalar" and value.value in names:
                    value.value = names[value.value]
                else:
                    todo.append(value)
