"""The library's build entry points: a Brief or a path, Built exported, the version."""
from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pypdf
import pytest

import typeset
from typeset import atomicio
from typeset.atomicio import WriteError

DATA = {"title": "In memory", "sections": [{"heading": "Only", "content": ["Text.[^a]"]}],
        "footnotes": {"a": "A note."}}


def test_build_accepts_a_brief_object_with_an_atomic_write(tmp_path, monkeypatch):
    brief = typeset.Brief.from_dict(DATA)
    out = tmp_path / "x.pdf"
    out.write_bytes(b"old")
    built = typeset.build(brief, out)
    assert isinstance(built, typeset.Built)
    assert (built.path, built.pages, built.notes) == (out, 1, 1)
    assert "IN MEMORY" in pypdf.PdfReader(out).pages[0].extract_text()  # the layout sets titles in capitals
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(args[0]))

    monkeypatch.setattr(atomicio.os, "open", refuse)
    before = out.read_bytes()
    with pytest.raises(WriteError):
        typeset.build(brief, out)
    assert out.read_bytes() == before  # a failed write leaves the old file


def test_a_brief_from_a_file_is_written_beside_it_and_one_from_data_needs_a_path(tmp_path):
    src = tmp_path / "b.yaml"
    src.write_text("title: T\nsections:\n  - heading: H\n    content:\n      - Text.\n", encoding="utf-8")
    assert typeset.build(typeset.load(src)).path == tmp_path / "b.pdf"
    with pytest.raises(typeset.BriefError, match="no file to write beside"):
        typeset.build(typeset.Brief.from_dict(DATA))
    with pytest.raises(TypeError, match="not int"):
        typeset.build(42)  # type: ignore[arg-type]


def test_output_folders(tmp_path):
    brief = typeset.Brief.from_dict(DATA)
    assert typeset.build(brief, tmp_path).path == tmp_path / "brief.pdf"
    with pytest.raises(WriteError, match="no such folder"):
        typeset.build(brief, f"{tmp_path}/missing/")
    assert not (tmp_path / "missing").exists()


def test_exports_and_version():
    assert {"Built", "build_many", "__version__"} <= set(typeset.__all__)
    from typeset import pipeline

    assert typeset.Built is pipeline.Built
    assert typeset.__version__ == version("typeset")
    assert Path(typeset.__file__).parent.joinpath("version.py").is_file()
