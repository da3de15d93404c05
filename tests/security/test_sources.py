"""Hostile `sources:`: files outside the brief's folder, JSON nested to crash a parser, BibTeX made to be slow."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from typeset.errors import BriefError
from typeset.readers import load_brief

BRIEF = "title: T\nsections:\n  - heading: H\n    content:\n      - \"Text.\"\nsources: {name}\n"


def _problems(folder: Path, name: str) -> list[str]:
    path = folder / "brief.yaml"
    path.write_text(BRIEF.format(name=name), encoding="utf-8")
    with pytest.raises(BriefError) as info:
        load_brief(path)
    return [p.message for p in info.value.problems]


def test_a_symlink_out_is_refused_alike_for_files_that_exist_or_not(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.json").write_text('[{"id": "a", "type": "book", "title": "Secret"}]', encoding="utf-8")
    folder = tmp_path / "brief"
    folder.mkdir()
    (folder / "refs.json").symlink_to(outside / "secret.json")
    (folder / "gone.json").symlink_to(outside / "missing.json")
    assert _problems(folder, "refs.json") == ["'sources': 'refs.json' is outside the folders this brief may read"]
    assert _problems(folder, "gone.json") == ["'sources': 'gone.json' is outside the folders this brief may read"]
    assert _problems(folder, "../outside/secret.json") == [
        "'sources': '../outside/secret.json' is outside the folders this brief may read"]


def test_json_nested_too_deep_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "refs.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    started = time.perf_counter()
    (message,) = _problems(tmp_path, "refs.json")
    assert "nested deeper than" in message
    assert time.perf_counter() - started < 10


def test_bibtex_of_unclosed_entries_is_read_in_linear_time(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text("@book{k, title = {{\n" * 100_000, encoding="utf-8")
    started = time.perf_counter()
    problems = _problems(tmp_path, "refs.bib")
    assert len(problems) == 51 and problems[-1].startswith("too many malformed entries")
    assert time.perf_counter() - started < 10
