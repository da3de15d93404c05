"""The one source of the version: the installed distribution's metadata (pyproject.toml)."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("typeset")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
