"""Where the bundled layouts and fonts live (beside the package in a checkout)."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    """The bundled folder `name`: packaged copy first, then the source tree."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent / name


FONTS_DIR = _find("fonts")
LAYOUTS_DIR = _find("layouts")
