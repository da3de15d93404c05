"""`build`'s report line, output folders and names, standard input and output, --version."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

import typeset
from tests.cli.cliutil import GOOD, ROOT, WARN, run
from typeset import cli

REPORT = re.compile(r"^built (?P<out>.+) \((?P<pages>\d+) pages?, (?P<notes>\d+) notes?\) in \d+\.\d\d s$")


@pytest.fixture
def briefs(tmp_path: Path) -> Path:
    for name, text in {"good.yaml": GOOD, "warn.yaml": WARN}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_build_reports_output_pages_notes_and_time(briefs, monkeypatch, capsys):
    monkeypatch.chdir(briefs)
    assert cli.main(["build", "warn.yaml"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "warn.yaml:8:3: warning: footnote 'b' is never referenced"
    m = REPORT.match(err[1])
    assert m and m["out"] == "warn.pdf" and (m["pages"], m["notes"]) == ("1", "1")  # the unreferenced note is not printed
    assert len(pypdf.PdfReader(briefs / "warn.pdf").pages) == 1


def test_quiet_build_prints_only_problems(briefs, monkeypatch, capsys):
    monkeypatch.chdir(briefs)
    assert cli.main(["build", "-q", "good.yaml"]) == 0
    assert capsys.readouterr().err == ""
    assert cli.main(["build", "--quiet", "warn.yaml", "good.yaml", "-j", "1"]) == 0
    assert capsys.readouterr().err == "warn.yaml:8:3: warning: footnote 'b' is never referenced\n"


def test_output_folder_gets_the_brief_name(briefs, monkeypatch, capsys):
    (briefs / "out").mkdir()
    monkeypatch.chdir(briefs)
    assert cli.main(["build", "good.yaml", "-o", "out/"]) == 0
    assert (briefs / "out" / "good.pdf").read_bytes().startswith(b"%PDF-")
    assert REPORT.match(capsys.readouterr().err.strip())["out"] == "out/good.pdf"
    assert cli.main(["build", "good.yaml", "-o", "out"]) == 0  # without the slash too, as cp does
    assert sorted(p.name for p in (briefs / "out").iterdir()) == ["good.pdf"]


def test_output_without_pdf_suffix_warns_and_writes(briefs, monkeypatch, capsys):
    monkeypatch.chdir(briefs)
    assert cli.main(["build", "good.yaml", "-o", "out.txt"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "out.txt: warning: the output name does not end in .pdf (wrote a PDF all the same)"
    assert (briefs / "out.txt").read_bytes().startswith(b"%PDF-")
    assert cli.main(["build", "good.yaml", "-o", "OUT.PDF", "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_stdin_to_stdout_in_a_pipeline(briefs):
    environ = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-m", "typeset", "build", "-", "-o", "-"], cwd=briefs, env=environ,
                          input=GOOD.encode(), capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"%PDF-") and proc.stdout.rstrip().endswith(b"%%EOF")
    assert REPORT.match(proc.stderr.decode().strip())["out"] == "<stdout>"
    assert proc.stdout == typeset.render(typeset.load(briefs / "good.yaml"))
    assert sorted(p.name for p in briefs.iterdir()) == ["good.yaml", "warn.yaml"]  # nothing written


def test_stdin_defaults_to_stdout_and_reports_positions(briefs):
    proc = subprocess.run([sys.executable, "-m", "typeset", "build", "-"], cwd=briefs,
                          env={"PYTHONPATH": str(ROOT)}, input=b"title: 42\nsections: []\n",
                          capture_output=True, timeout=120)
    assert proc.returncode == 1 and proc.stdout == b""
    assert proc.stderr.decode().startswith("<stdin>:1:8: error: ")


def test_file_to_stdout(briefs):
    proc = subprocess.run([sys.executable, "-m", "typeset", "build", "good.yaml", "-o", "-", "-q"], cwd=briefs,
                          env={"PYTHONPATH": str(ROOT)}, capture_output=True, timeout=120)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert pypdf.PdfReader(__import__("io").BytesIO(proc.stdout)).pages[0].extract_text().startswith("T")


def test_stdin_must_be_alone(briefs):
    proc = run("build", "-", "good.yaml", cwd=briefs)
    assert proc.returncode == 2 and "standard input" in proc.stderr


def test_version(briefs):
    proc = run("--version", cwd=briefs)
    assert (proc.returncode, proc.stdout) == (0, f"briefset {typeset.__version__}\n")
    from importlib.metadata import version

    assert typeset.__version__ == version("typeset")


def test_help_documents_exit_codes(briefs):
    proc = run("--help", cwd=briefs)
    assert "70 internal error" in proc.stdout and "2 usage error" in proc.stdout


def test_several_briefs_into_a_folder(briefs, monkeypatch, capsys):
    (briefs / "out").mkdir()
    monkeypatch.chdir(briefs)
    assert cli.main(["build", "good.yaml", "warn.yaml", "-o", "out", "-j", "1"]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("built")]
    assert [REPORT.match(line)["out"] for line in lines] == ["out/good.pdf", "out/warn.pdf"]
    assert sorted(p.name for p in (briefs / "out").iterdir()) == ["good.pdf", "warn.pdf"]
    assert not (briefs / "good.pdf").exists()


def test_markdown_from_stdin(briefs):
    markdown = (ROOT / "examples" / "us-japan-alliance.md").read_bytes()
    proc = subprocess.run([sys.executable, "-m", "typeset", "build", "-", "--from", "markdown", "-q"], cwd=briefs,
                          env={"PYTHONPATH": str(ROOT)}, input=markdown, capture_output=True, timeout=120)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert "DEEPENING" in pypdf.PdfReader(__import__("io").BytesIO(proc.stdout)).pages[0].extract_text()
