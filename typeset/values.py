"""The bases of typeset's dataclasses: repr, equality and hash written once for all of them.

`dataclasses` writes and compiles a `__repr__`, an `__eq__` and a `__hash__`
for each class it makes, at every start of the command: some 1.3 M
instructions a class, a tenth of a one-brief build for the package's eighty.
Every typeset dataclass says `eq=False, repr=False` and inherits one of these
instead, which behave as the generated methods would (the same repr, the same
comparison of the fields in order, the same hash values), reading a class's
fields once, on first use:

- `Value`: a value, never changed once made: equal by fields, and hashable
  (as `unsafe_hash=True`, or `frozen=True`);
- `Record`: changed as it is built: equal by fields, not hashable (as `eq=True`);
- `Identity`: a node of a graph: equal only to itself (as `eq=False`).
"""
from __future__ import annotations

import dataclasses
import functools
import operator
import reprlib
from collections.abc import Callable
from typing import Any

_Key = Callable[[Any], tuple[Any, ...]]


class Identity:
    """A dataclass's repr, `Name(field=value, ...)` over its fields with `repr=True`."""

    __slots__ = ()

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        fields = dataclasses.fields(self)  # type: ignore[arg-type]
        return f"{type(self).__qualname__}({', '.join(f'{f.name}={getattr(self, f.name)!r}' for f in fields if f.repr)})"


class Record(Identity):
    """Equal to an object of the same class whose compared fields are equal; not hashable."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            key = _key(self.__class__, False)
            return key(self) == key(other)
        return NotImplemented


class Value(Record):
    """A `Record` hashed by its compared fields (or those with `hash=True`)."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(_key(self.__class__, True)(self))


@functools.cache
def _key(cls: type, hashing: bool) -> _Key:
    """The tuple of `cls`'s fields that dataclasses would compare (`hashing`: hash) for an object."""
    names = [f.name for f in dataclasses.fields(cls)
             if (f.hash if hashing and f.hash is not None else f.compare)]
    if len(names) == 1:
        return lambda obj, name=names[0]: (getattr(obj, name),)
    if not names:
        return lambda obj: ()
    return operator.attrgetter(*names)
