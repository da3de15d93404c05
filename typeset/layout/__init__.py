"""Lines and blocks -> pages, each footnote on its mark's page."""
from typeset.layout.engine import LaidOut, lay_out

__all__ = ["LaidOut", "lay_out"]
