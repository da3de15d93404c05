"""Input limits: oversized briefs get a clear error instead of eating memory or time."""
from __future__ import annotations

from dataclasses import dataclass

from typeset.values import Value


@dataclass(slots=True, eq=False, repr=False)
class Limits(Value):
    """Upper bounds checked while loading a brief (spec §5, security notes 5 and 6).

    The defaults are far above any real brief (the largest corpus brief has
    40 notes and 30 kB) and low enough that validation stays well under a
    second and layout stays tractable.
    """

    max_bytes: int = 10_000_000  # size of the YAML file
    max_depth: int = 64  # nesting of YAML mappings and lists
    max_nodes: int = 200_000  # YAML scalars, mappings and lists in the whole file
    max_footnotes: int = 10_000  # notes defined plus inline notes
    max_note_chars: int = 20_000  # length of one note's text, as written
    max_paragraph_chars: int = 200_000  # length of one paragraph, item, quote or heading

    def __post_init__(self) -> None:
        for name in self.__dataclass_fields__:
            if getattr(self, name) < 1:
                raise ValueError(f"Limits.{name} must be at least 1")


DEFAULT_LIMITS = Limits()
