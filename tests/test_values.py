"""typeset's dataclasses share `Value.__repr__`, which prints what dataclasses' own repr would."""
from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

from typeset.model.nodes import Footnote, Run
from typeset.values import Value

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


def test_every_dataclass_takes_the_shared_repr_and_only_the_librarys_values_are_frozen() -> None:
    found = _dataclasses()
    assert len(found) > 60
    for where, cls, deco in found:
        options = {k.arg: getattr(k.value, "value", None) for k in deco.keywords}
        assert options.get("repr") is False, f"{where}: {cls.name}"
        assert cls.bases, f"{where}: {cls.name} does not inherit Value"
        assert options.get("frozen", False) is (cls.name in FROZEN), f"{where}: {cls.name}"


def test_the_shared_repr_is_dataclasses_own() -> None:
    @dataclasses.dataclass
    class Plain:
        text: str
        italic: bool = False
        bold: bool = False
        link: str | None = None
        url: bool = False

    @dataclasses.dataclass(slots=True, repr=False)
    class Shared(Value):
        text: str
        hidden: int = dataclasses.field(default=0, repr=False)

    generated = repr(Plain("x", link="https://a")).rpartition("<locals>.Plain")[2]
    assert repr(Run("x", link="https://a")) == "Run" + generated
    assert repr(Shared("y")) == "test_the_shared_repr_is_dataclasses_own.<locals>.Shared(text='y')"
    assert repr(Footnote(1, "n", (Run("a"),))).startswith("Footnote(number=1, key='n', content=(Run(text='a'")
    assert not hasattr(Run("x"), "__dict__")  # the base keeps the classes slotted


def test_a_value_holding_itself_prints_without_recursing() -> None:
    @dataclasses.dataclass(slots=True, eq=False, repr=False)
    class Loop(Value):
        other: object = None

    loop = Loop()
    loop.other = loop
    assert repr(loop).endswith("Loop(other=...)")
