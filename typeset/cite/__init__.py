"""Citations resolved between model and layout: note positions, then Chicago notes.

`resolve_citations` turns every `Citation` in the notes into styled runs and,
when the layout asks, appends a bibliography; the layout stage sees only runs.
"""
from typeset.cite.resolve import resolve_citations

__all__ = ["resolve_citations"]
