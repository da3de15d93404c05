"""typeset's dataclasses take repr, equality and hash from typeset/values.py, as dataclasses would make them."""
from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from typeset.errors import Problem
from typeset.model.nodes import Footnote, Pos, Run
from typeset.text.items import Glue
from typeset.values import Identity, Record, Value

PACKAGE = Path(__file__).resolve().parents[1] / "typeset"
FROZEN = {"Brief", "Problem"}  # what the library hands to callers


def _dataclasses() -> list[tuple[str, ast.ClassDef, ast.Call]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for deco in node.decorator_list:
                    name = deco.func if isinstance(deco, ast.Call) else deco
                    if getattr(name, "id", getattr(name, "attr", "")) == "dataclass":
                        assert isinstance(deco, ast.Call), f"{path}: {node.name}: bare @dataclass"
                        found.append((str(path.relative_to(PACKAGE)), node, deco))
    return found


def test_every_dataclass_takes_its_methods_from_a_base_and_only_the_librarys_values_are_frozen() -> None:
    found = _dataclasses()
    assert len(found) > 60
    for where, cls, deco in found:
        options = {k.arg: getattr(k.value, "value", None) for k in deco.keywords}
        assert options.get("repr") is False and options.get("eq") is False, f"{where}: {cls.name}"
        assert "unsafe_hash" not in options, f"{where}: {cls.name}"
        assert cls.bases, f"{where}: {cls.name} has no base from typeset.values"
        assert options.get("frozen", False) is (cls.name in FROZEN), f"{where}: {cls.name}"


@dataclasses.dataclass
class _Generated:
    text: str
    italic: bool = False
    bold: bool = False
    link: str | None = None
    url: bool = False


@dataclasses.dataclass(slots=True, eq=False, repr=False)
class _Partly(Value):
    shown: str
    hidden: int = dataclasses.field(default=0, repr=False, compare=False)
    hashed_only: int = dataclasses.field(default=0, compare=True, hash=False)


def test_the_shared_repr_is_dataclasses_own() -> None:
    generated = repr(_Generated("x", link="https://a"))
    assert repr(Run("x", link="https://a")) == "Run" + generated[generated.index("("):]
    assert repr(_Partly("y", 3)).endswith("_Partly(shown='y', hashed_only=0)")
    assert repr(Footnote(1, "n", (Run("a"),))).startswith("Footnote(number=1, key='n', content=(Run(text='a'")
    assert not hasattr(Run("x"), "__dict__")  # the bases keep the classes slotted


def test_values_compare_and_hash_by_their_fields_as_generated() -> None:
    assert Run("x") == Run("x") and Run("x") != Run("x", italic=True) and Run("x") != Pos(1, 1)
    assert hash(Run("x", bold=True)) == hash(("x", False, True, None, False))  # dataclasses' hash, value for value
    assert hash(Pos(3, 4)) == hash((3, 4))
    assert _Partly("a", 1) == _Partly("a", 2) and _Partly("a", 0, 1) != _Partly("a", 0, 2)
    assert hash(_Partly("a", 1, 5)) == hash(("a",))  # compare=False and hash=False fields left out
    assert hash(Problem("f", 1, 2, "m")) == hash(Problem("f", 1, 2, "m"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        Problem("f", 1, 2, "m").line = 3  # type: ignore[misc]


def test_records_compare_by_fields_and_do_not_hash() -> None:
    assert Glue(1.0, 0.5, 0.25) == Glue(1.0, 0.5, 0.25) and Glue(1.0, 0.5, 0.25) != Glue(2.0, 0.5, 0.25)
    assert isinstance(Glue(1.0, 0.5, 0.25), Record) and not isinstance(Glue(1.0, 0.5, 0.25), Value)
    with pytest.raises(TypeError):
        hash(Glue(1.0, 0.5, 0.25))


def test_identities_are_equal_only_to_themselves_and_print_without_recursing() -> None:
    @dataclasses.dataclass(slots=True, eq=False, repr=False)
    class Loop(Identity):
        other: object = None

    loop, twin = Loop(), Loop()
    loop.other = loop
    assert loop == loop and Loop() != twin and hash(twin) == object.__hash__(twin)
    assert repr(loop).endswith("Loop(other=...)")
