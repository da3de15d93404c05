"""Confine every file a brief names to the folders it may read.

A brief may name images and a logo; they must resolve (after following
symlinks) inside one of the allowed roots: the brief's folder, the layout's
folder, the bundled folders, or a root the caller widened on purpose.
Messages never say whether a refused file exists.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path


class PathRefused(ValueError):
    """A path names a file outside the allowed folders."""


def resolve_inside(name: str, base: Path, roots: Sequence[Path]) -> Path:
    """The real path of `name` (relative to `base`), if it lies under one of `roots`."""
    if not name or "\x00" in name:
        raise PathRefused("empty or invalid path")
    if os.path.isabs(name) or name.startswith("~"):
        raise PathRefused(f"absolute paths are not allowed: '{name}'")
    if "://" in name or name.lower().startswith(("data:", "file:")):
        raise PathRefused(f"'{name}' is not a file path (URLs are never fetched)")
    real = (base / name).resolve()
    for root in roots:
        root_real = root.resolve()
        if real == root_real or root_real in real.parents:
            return real
    raise PathRefused(f"'{name}' is outside the folders this brief may read")
