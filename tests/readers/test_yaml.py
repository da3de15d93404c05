"""The positioned YAML tree: scalars as written, and columns inside scalars."""
from __future__ import annotations

import pytest

from typeset.model.limits import Limits
from typeset.readers.yaml import YamlSource as Source
from typeset.readers.yaml import compose


def tree(text: str):
    source = Source("b.yaml", text)
    root, problems = compose(text, source, Limits())
    assert problems == []
    return source, root


def values(text: str) -> dict:
    _, root = tree(text)
    return {k.value: (v.value, v.type) for k, v in root.value}


def test_scalars_keep_their_text_and_record_their_yaml_type():
    assert values("a: no\nb: 1:20\nc: 2024-05-28\nd: '42'\ne: 4.5\nf: ~\ng: +92-51\nh: 0x1F\n") == {
        "a": ("no", "bool"), "b": ("1:20", "int"), "c": ("2024-05-28", "timestamp"),
        "d": ("42", "str"), "e": ("4.5", "float"), "f": ("~", "null"), "g": ("+92-51", "str"),
        "h": ("0x1F", "int"),
    }


def test_explicit_str_tag_makes_text():
    assert values("a: !!str 42\n") == {"a": ("42", "str")}


def test_positions_are_one_based():
    _, root = tree("\n\nkey:\n  - x\n")
    (key, seq), = root.value
    assert (key.line, key.column) == (3, 1)
    assert (seq.value[0].line, seq.value[0].column) == (4, 5)


@pytest.mark.parametrize("text, offset, expected", [
    ("a: plain [here]\n", 6, (1, 10)),
    ("a: plain\n  continued [here]\n", 16, (2, 13)),
    ("a: 'it''s [here]'\n", 5, (1, 11)),
    ('a: "say \\"hi\\" [here]"\n', 9, (1, 16)),
    ("a: |\n  line one\n  line [two]\n", 14, (3, 8)),
    ("a: >-\n  folded\n\n  para [x]\n", 12, (4, 8)),
])
def test_locate_inside_scalars(text, offset, expected):
    source, root = tree(text)
    node = root.value[0][1]
    assert node.value[offset] == "["
    assert source.locate(node, offset) == expected


def test_locate_falls_back_to_the_scalar_start_on_unknown_escapes():
    source, root = tree('a: "tab\\there [x]"\n')
    node = root.value[0][1]
    assert source.locate(node, node.value.index("[")) == (1, 4)
