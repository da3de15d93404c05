"""The command line, run as a user would (`python -m typeset`): exit codes and messages."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli.cliutil import BAD, GOOD, ROOT, WARN, run
from typeset import cli
from typeset.errors import BriefError, Problem


@pytest.fixture
def briefs(tmp_path: Path) -> Path:
    for name, text in {"good.yaml": GOOD, "warn.yaml": WARN, "bad.yaml": BAD}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_validate_ok(briefs):
    proc = run("validate", "good.yaml", cwd=briefs)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "good.yaml: ok (1 note)\n", "")


def test_validate_quiet(briefs):
    proc = run("validate", "-q", "good.yaml", cwd=briefs)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_validate_warning_exits_0_and_1_when_strict(briefs):
    proc = run("validate", "warn.yaml", cwd=briefs)
    assert proc.returncode == 0
    assert proc.stderr == "warn.yaml:8:3: warning: footnote 'b' is never referenced\n"
    proc = run("validate", "--strict", "warn.yaml", cwd=briefs)
    assert proc.returncode == 1
    assert proc.stderr == "warn.yaml:8:3: error: footnote 'b' is never referenced\n"
    assert proc.stdout == ""


def test_validate_errors_exit_1(briefs):
    proc = run("validate", "bad.yaml", "good.yaml", cwd=briefs)
    assert proc.returncode == 1
    assert proc.stderr == "bad.yaml:1:8: error: expected text for 'title', got a number; put it in quotes\n"
    assert proc.stdout == "good.yaml: ok (1 note)\n"


def test_missing_input_exits_1(briefs):
    proc = run("validate", "missing.yaml", cwd=briefs)
    assert (proc.returncode, proc.stderr) == (1, "missing.yaml: error: cannot read: No such file or directory\n")
    proc = run("validate", ".", cwd=briefs)
    assert (proc.returncode, proc.stderr) == (1, ".: error: cannot read: Is a directory\n")


@pytest.mark.parametrize("args", [
    [], ["frobnicate"], ["validate"], ["build"], ["validate", "--nope", "x.yaml"],
    ["build", "a.yaml", "b.yaml", "-o", "out.pdf"],
])
def test_usage_errors_exit_2(briefs, args):
    proc = run(*args, cwd=briefs)
    assert proc.returncode == 2
    assert "usage: briefset" in proc.stderr


def test_several_outputs_message(briefs):
    proc = run("build", "good.yaml", "warn.yaml", "-o", "x.pdf", cwd=briefs)
    assert proc.stderr.splitlines()[-1] == (
        "briefset build: error: -o/--output with several briefs must be an existing folder; "
        "drop it to write each BRIEF.pdf beside its brief")


def test_help_exits_0(briefs):
    proc = run("--help", cwd=briefs)
    assert proc.returncode == 0 and "validate" in proc.stdout and "build" in proc.stdout


def test_build_writes_the_pdf(briefs):
    proc = run("build", "good.yaml", "-o", "out.pdf", "-q", cwd=briefs)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert (briefs / "out.pdf").read_bytes().startswith(b"%PDF-")
    proc = run("build", "good.yaml", cwd=briefs)
    assert proc.returncode == 0 and (briefs / "good.pdf").is_file()


def test_build_error_leaves_existing_output_untouched(briefs):
    (briefs / "out.pdf").write_bytes(b"old")
    proc = run("build", "bad.yaml", "-o", "out.pdf", cwd=briefs)
    assert proc.returncode == 1
    assert proc.stderr.startswith("bad.yaml:1:8: error: ")
    assert (briefs / "out.pdf").read_bytes() == b"old"
    assert sorted(p.name for p in briefs.iterdir()) == ["bad.yaml", "good.yaml", "out.pdf", "warn.yaml"]


def test_build_strict_warning_writes_nothing(briefs):
    proc = run("build", "--strict", "warn.yaml", "-o", "out.pdf", cwd=briefs)
    assert proc.returncode == 1
    assert not (briefs / "out.pdf").exists()


def test_build_refuses_to_overwrite_the_brief(briefs):
    proc = run("build", "good.yaml", "-o", "./good.yaml", cwd=briefs)
    assert (proc.returncode, proc.stderr) == (1, "good.yaml: error: the output good.yaml would overwrite the brief\n")
    assert (briefs / "good.yaml").read_text() == GOOD


def test_validate_accepts_the_examples_and_corpus():
    paths = sorted(str(p) for p in [*ROOT.glob("examples/*.yaml"), *(ROOT.parent / "shared").glob("corpus/*.yaml")])
    if not paths:
        pytest.skip("no example or corpus briefs here")
    proc = run("validate", "--strict", *paths, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "" and len(proc.stdout.splitlines()) == len(paths)


def test_build_unwritable_output(briefs):
    (briefs / "file").write_text("x")
    proc = run("build", "good.yaml", "-o", "file/out.pdf", cwd=briefs)
    assert (proc.returncode, proc.stderr) == (1, "file/out.pdf: error: cannot write: Not a directory\n")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can write anywhere")
def test_build_permission_denied(briefs):
    locked = briefs / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        proc = run("build", "good.yaml", "-o", "locked/out.pdf", cwd=briefs)
    finally:
        locked.chmod(0o700)
    assert (proc.returncode, proc.stderr) == (1, "locked/out.pdf: error: cannot write: Permission denied\n")


def test_layouts_lists_names(briefs):
    proc = run("layouts", cwd=briefs)
    assert proc.returncode == 0
    assert proc.stdout.strip() and proc.stderr == ""


# ------------------------------------------------------------------ in-process

def test_internal_error_is_one_line(monkeypatch, capsys):
    def boom(args):
        raise ValueError("something\nbroke")

    monkeypatch.setattr(cli, "_validate", boom)
    monkeypatch.delenv("TYPESET_DEBUG", raising=False)
    assert cli.main(["validate", "x.yaml"]) == 70
    err = capsys.readouterr().err
    assert err == "briefset: internal error: ValueError: something broke\n"


def test_internal_error_traceback_with_debug(monkeypatch, capsys):
    def boom(args):
        raise ValueError("broke")

    monkeypatch.setattr(cli, "_validate", boom)
    monkeypatch.setenv("TYPESET_DEBUG", "1")
    assert cli.main(["validate", "x.yaml"]) == 70
    err = capsys.readouterr().err
    assert "Traceback" in err and err.endswith("briefset: internal error: ValueError: broke\n")


def test_keyboard_interrupt_exits_130(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_validate", interrupted)
    assert cli.main(["validate", "x.yaml"]) == 130
    assert capsys.readouterr().err == "briefset: interrupted\n"


def test_cannot_write_message(monkeypatch, capsys, tmp_path):
    import typeset.atomicio

    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(args[0]))

    monkeypatch.setattr(typeset.atomicio.os, "open", refuse)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "b.yaml", "-o", "out.pdf"]) == 1
    assert capsys.readouterr().err == "out.pdf: error: cannot write: Permission denied\n"


def test_render_errors_print_every_problem(monkeypatch, capsys, tmp_path):
    import typeset.pipeline

    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")

    def failing_render(brief, layout=None, **kw):
        raise BriefError([Problem("b.yaml", 3, 5, "image not found"), Problem("b.yaml", 4, 1, "other")])

    monkeypatch.setattr(typeset.pipeline, "render_result", failing_render)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "b.yaml"]) == 1
    assert capsys.readouterr().err == "b.yaml:3:5: error: image not found\nb.yaml:4:1: error: other\n"
    assert not (tmp_path / "b.pdf").exists()
