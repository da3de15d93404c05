"""examples/us-japan-alliance.docx is what examples/make_docx.sh makes with Pandoc, real footnotes and all.

CI installs Pandoc (.ci/run); elsewhere these tests skip without it.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from typeset.readers import load_brief

pytestmark = pytest.mark.skipif(shutil.which("pandoc") is None and not os.environ.get("CI"),
                                reason="pandoc is not installed (CI installs it)")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _content(brief):
    """What a brief says, without positions, source names or note ids (which differ by source)."""
    def strip(x):
        if dataclasses.is_dataclass(x) and not isinstance(x, type):
            return tuple(strip(getattr(x, f.name)) for f in dataclasses.fields(x)
                         if f.name not in ("pos", "source", "base_dir", "warnings", "layout_pos", "logo_pos", "key"))
        if isinstance(x, tuple):
            return tuple(strip(i) for i in x)
        return x
    return strip(brief)


def test_the_script_makes_the_committed_file(tmp_path: Path) -> None:
    for name in ("make_docx.sh", "us-japan-alliance.md"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    env = {**os.environ, "PYTHON": sys.executable}
    subprocess.run(["bash", str(tmp_path / "make_docx.sh")], check=True, timeout=120, env=env)
    made = tmp_path / "us-japan-alliance.docx"
    assert _content(load_brief(made)) == _content(load_brief(EXAMPLES / "us-japan-alliance.docx"))
    assert _content(load_brief(made)) == _content(load_brief(EXAMPLES / "us-japan-alliance.yaml"))
    again = tmp_path / "again.docx"
    made.rename(again)
    subprocess.run(["bash", str(tmp_path / "make_docx.sh")], check=True, timeout=120, env=env)
    assert made.read_bytes() == again.read_bytes()  # deterministic, so fit to commit


def test_the_notes_are_real_word_footnotes() -> None:
    import defusedxml.ElementTree as ET

    with zipfile.ZipFile(EXAMPLES / "us-japan-alliance.docx") as z:
        notes = ET.fromstring(z.read("word/footnotes.xml"))
        body = z.read("word/document.xml").decode()
    real = [n for n in notes.iter(W + "footnote") if n.get(W + "type") is None]
    assert len(real) == 19 and body.count("<w:footnoteReference ") == 19
