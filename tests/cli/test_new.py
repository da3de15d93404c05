"""`briefset new`: a starter brief that validates and builds at once, never over a file."""
from __future__ import annotations

import pypdf
import pytest

from tests.cli.cliutil import run
from typeset import cli


@pytest.mark.parametrize("layout", [None, "plain", "policy-paper"])
def test_new_then_build(tmp_path, layout, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    args = ["new", "start"] + (["--layout", layout] if layout else [])
    assert cli.main(args) == 0
    assert capsys.readouterr().err == "wrote start/brief.yaml; build it with: briefset build start/brief.yaml\n"
    brief = tmp_path / "start" / "brief.yaml"
    assert f"layout: {layout or 'issi-brief'}\n" in brief.read_text(encoding="utf-8")
    assert cli.main(["build", "--strict", "start/brief.yaml"]) == 0  # no warning either
    reader = pypdf.PdfReader(tmp_path / "start" / "brief.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Introduction" in text and "Title of the Report" in text


def test_new_markdown_then_build(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["new", "--format", "markdown", "--layout", "plain", "md"]) == 0
    assert capsys.readouterr().err == "wrote md/brief.md; build it with: briefset build md/brief.md\n"
    assert cli.main(["build", "--strict", "md/brief.md"]) == 0
    reader = pypdf.PdfReader(tmp_path / "md" / "brief.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Findings" in text and "Title of the Report" in text and "Ibid., 14." in text
    yaml_version = tmp_path / "y"
    assert cli.main(["new", str(yaml_version), "--layout", "plain"]) == 0
    assert cli.main(["build", "-q", str(yaml_version / "brief.yaml")]) == 0
    other = " ".join(p.extract_text() for p in pypdf.PdfReader(yaml_version / "brief.pdf").pages)
    assert other == text  # the two starters say the same thing


def test_new_never_overwrites(tmp_path):
    (tmp_path / "brief.yaml").write_text("mine", encoding="utf-8")
    proc = run("new", ".", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (1, "brief.yaml: error: already exists; the starter is never "
                                                 "written over a file\n")
    assert (tmp_path / "brief.yaml").read_text(encoding="utf-8") == "mine"


def test_new_with_an_unknown_layout(tmp_path):
    proc = run("new", "x", "--layout", "fancy", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stderr.startswith("fancy: error: no bundled layout named 'fancy'")
    assert not (tmp_path / "x").exists()
