"""`Value`, the base of typeset's dataclasses: one `__repr__` for all of them.

`dataclasses` writes and compiles a `__repr__` for each class it makes, at
every start of the command (some 0.5 M instructions a class, 40 M for the
package's eighty). Every typeset dataclass says `repr=False` and inherits
this one, which prints what the generated one would, reading the fields
only when a repr is asked for.
"""
from __future__ import annotations

import dataclasses
import reprlib


class Value:
    """A dataclass's repr, `Name(field=value, ...)` over its fields with `repr=True`."""

    __slots__ = ()

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        fields = dataclasses.fields(self)  # type: ignore[arg-type]
        return f"{type(self).__qualname__}({', '.join(f'{f.name}={getattr(self, f.name)!r}' for f in fields if f.repr)})"
