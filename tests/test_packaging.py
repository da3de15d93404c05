"""A wheel is a working package on its own: typed, with its fonts, licences and layouts inside."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                           "-w", str(out), str(REPO)], capture_output=True, text=True, timeout=300,
                          cwd=build)
    assert proc.returncode == 0, proc.stderr[-2000:]
    (found,) = out.glob("typeset-*.whl")
    return found


def test_the_wheel_is_typed_and_carries_fonts_licences_and_layouts(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "typeset/py.typed" in names  # PEP 561: type checkers read the annotations
    fonts = {Path(n).name for n in names if n.startswith("typeset/_data/fonts/")}
    assert {f.name for f in (REPO / "fonts").glob("*.tt[cf]")} <= fonts
    assert {f.name for f in (REPO / "fonts").glob("LICENSE*")} <= fonts
    layouts = {Path(n).name for n in names if n.startswith("typeset/_data/layouts/")}
    assert {f.name for f in (REPO / "layouts").glob("*.yaml")} == layouts


def test_an_installed_wheel_renders_without_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                           "--target", str(target), str(wheel)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    script = ("import sys, typeset, typeset.resources as r\n"
              "assert r.FONTS_DIR.is_relative_to(sys.argv[1]) and r.LAYOUTS_DIR.is_relative_to(sys.argv[1])\n"
              "pdf = typeset.render(typeset.load(sys.argv[2]), 'issi-brief')\n"
              "print(len(pdf))\n")
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run([sys.executable, "-c", script, str(target),
                          str(EXAMPLES / "us-japan-alliance.yaml")], capture_output=True, text=True,
                         timeout=300, cwd=tmp_path, env=env)
    assert run.returncode == 0, run.stderr[-2000:]
    assert int(run.stdout) > 10_000
