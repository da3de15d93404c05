"""Layout files: loading, `extends`, and one clear positioned error per mistake."""
from __future__ import annotations

from pathlib import Path

import pytest

from typeset.errors import LayoutError
from typeset.style import bundled_layouts, list_layouts, load_layout
from typeset.units import Length


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> list[str]:
    with pytest.raises(LayoutError) as info:
        load_layout(str(path))
    return [str(p) for p in info.value.problems]


def test_bundled_layouts_load_and_describe_themselves() -> None:
    assert {"issi-brief", "policy-paper", "plain"} <= set(bundled_layouts())
    for name, description in list_layouts():
        assert description, name
        assert load_layout(name).name == name


def test_extends_overrides_only_the_keys_it_names(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.yaml", "extends: issi-brief\nfootnotes:\n  size: 8\nbody:\n  leading: 18pt\n")
    mine, base = load_layout(str(path)), load_layout("issi-brief")
    assert mine.footnotes.size == 8 and mine.body.leading == 18
    assert mine.footnotes.leading == base.footnotes.leading
    assert mine.header_block == base.header_block
    assert mine.page == base.page


def test_extends_chain_of_files(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", "extends: policy-paper\npage:\n  margin_left: 2cm\n")
    path = write(tmp_path, "child.yaml", "extends: base.yaml\npage:\n  margin_right: 30mm\n")
    layout = load_layout(str(path))
    assert layout.page.margin_left == Length(points=pytest.approx(56.6929, abs=1e-3))
    assert layout.page.margin_right.points == pytest.approx(85.0394, abs=1e-3)
    assert layout.page.size == "Letter"  # from policy-paper, two levels up


def test_units_and_percentages(tmp_path: Path) -> None:
    path = write(tmp_path, "u.yaml", "page:\n  margin_top: 1in\n  margin_left: 2.54cm\nfootnotes:\n"
                                     "  separator_width: 40%\n")
    layout = load_layout(str(path))
    assert layout.page.margin_top.points == 72
    assert layout.page.margin_left.points == pytest.approx(72)
    assert layout.footnotes.separator_width.resolve(400) == 160


def test_unknown_key_suggests_the_nearest(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.yaml", "extends: issi-brief\nfootnotes:\n  sise: 9\n")
    assert error_of(path) == [f"{path}:3:3: error: unknown key 'footnotes.sise'; did you mean 'size'?"]


def test_bad_length_names_file_key_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.yaml", "page:\n  margin_top: 20 furlongs\n")
    assert error_of(path) == [f"{path}:2:15: error: page.margin_top: bad length '20 furlongs'; "
                              "expected a number with pt, mm, cm, in or %"]


def test_bad_colour(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.yaml", "footnotes:\n  separator_color: red\n")
    assert error_of(path) == [f"{path}:2:20: error: footnotes.separator_color: bad colour 'red'; "
                              "expected #rrggbb or #rgb"]


def test_bad_choice_and_type_reported_together(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.yaml", "footnotes:\n  numbering: roman\nbody:\n  widows: two\n")
    assert error_of(path) == [
        f"{path}:2:14: error: footnotes.numbering: expected one of 'continuous', 'per-page', 'symbols', got 'roman'",
        f"{path}:4:11: error: body.widows: expected a whole number, got 'two'",
    ]


def test_error_in_an_inherited_file_names_that_file(tmp_path: Path) -> None:
    base = write(tmp_path, "base.yaml", "body:\n  size: big\n")
    path = write(tmp_path, "child.yaml", "extends: base.yaml\n")
    assert error_of(path) == [f"{base}:2:9: error: body.size: expected a number, got 'big'"]


def test_extends_loop_and_missing_parent(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "extends: b.yaml\n")
    b = write(tmp_path, "b.yaml", "extends: a.yaml\n")
    assert "extend each other in a loop" in error_of(b)[0]
    c = write(tmp_path, "c.yaml", "extends: nowhere.yaml\n")
    assert error_of(c) == [f"{c}:1:10: error: extends: no layout file 'nowhere.yaml'"]


def test_unknown_bundled_name() -> None:
    with pytest.raises(LayoutError) as info:
        load_layout("fancy")
    assert "no bundled layout named 'fancy'" in info.value.message


def test_yaml_syntax_error_is_positioned(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "page:\n  size: [A4\n")
    (msg,) = error_of(path)
    assert msg.startswith(f"{path}:3:1: error: ")
