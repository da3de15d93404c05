"""typeset: briefs (YAML, Markdown or Word) in, paginated PDFs with per-page footnotes out.

    import typeset
    brief = typeset.load("brief.yaml")        # or .md, .docx; or typeset.Brief.from_dict({...})
    pdf = typeset.render(brief)               # bytes
    typeset.build("brief.yaml", "brief.pdf")  # load + render + atomic write

`render` and `build` live in `typeset.pipeline`, which pulls in the layout
and PDF stages; they are imported on first use so that loading and
validating a brief stays light.
"""
from __future__ import annotations

import importlib
from typing import Any

from typeset.errors import BriefError, LayoutError, Problem
from typeset.model.document import Brief
from typeset.readers import load_brief as load

__all__ = ["Brief", "BriefError", "LayoutError", "Problem", "build", "load", "render"]

_LAZY = ("render", "build")

# The subpackage typeset.render shares its name with render(): importing it
# binds the name to the package. Bind it now and drop the binding, so the
# name always reaches __getattr__ (and the function) whatever is imported later.
importlib.import_module("typeset.render")
del globals()["render"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from typeset import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'typeset' has no attribute {name!r}")
