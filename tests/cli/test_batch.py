"""`typeset build` of several briefs: parallel workers, report lines, failures listed at the end."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.cli.cliutil import BAD, GOOD, WARN, run, untimed
from typeset import batch, cli, pipeline

BAD_LINE = "bad.yaml:1:8: error: expected text for 'title', got a number; put it in quotes"
WARN_LINE = "warn.yaml:8:3: warning: footnote 'b' is never referenced"


@pytest.fixture
def briefs(tmp_path: Path) -> Path:
    for name, text in {"one.yaml": GOOD, "two.yaml": GOOD, "warn.yaml": WARN, "bad.yaml": BAD}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_parallel_batch_reports_in_order_and_lists_failures(briefs):
    proc = run("build", "one.yaml", "bad.yaml", "two.yaml", "warn.yaml", "--jobs", "2", cwd=briefs)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert untimed(proc.stderr).splitlines() == [
        "built one.pdf (1 page, 1 note)",
        "failed bad.yaml",
        "built two.pdf (1 page, 1 note)",
        WARN_LINE,
        "built warn.pdf (1 page, 1 note)",
        BAD_LINE,
        "briefset: 1 of 4 briefs failed",
    ]
    for name in ("one", "two", "warn"):
        assert (briefs / f"{name}.pdf").read_bytes().startswith(b"%PDF-")
    assert not (briefs / "bad.pdf").exists()


def test_parallel_and_sequential_give_the_same_bytes_and_lines(briefs):
    parallel = run("build", "one.yaml", "warn.yaml", "-j", "2", cwd=briefs)
    pdfs = {name: (briefs / f"{name}.pdf").read_bytes() for name in ("one", "warn")}
    sequential = run("build", "one.yaml", "warn.yaml", "--jobs", "1", cwd=briefs)
    assert parallel.returncode == sequential.returncode == 0
    assert untimed(parallel.stderr) == untimed(sequential.stderr) == f"built one.pdf (1 page, 1 note)\n{WARN_LINE}\nbuilt warn.pdf (1 page, 1 note)\n"
    assert pdfs == {name: (briefs / f"{name}.pdf").read_bytes() for name in ("one", "warn")}


def test_strict_batch_fails_on_warnings(briefs, monkeypatch, capsys):
    monkeypatch.chdir(briefs)
    assert cli.main(["build", "--strict", "--jobs", "1", "one.yaml", "warn.yaml"]) == 1
    assert untimed(capsys.readouterr().err).splitlines() == [
        "built one.pdf (1 page, 1 note)",
        "failed warn.yaml",
        WARN_LINE.replace("warning:", "error:"),
        "briefset: 1 of 2 briefs failed",
    ]
    assert not (briefs / "warn.pdf").exists()


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_bad_jobs_is_a_usage_error(briefs, jobs, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["build", "one.yaml", "two.yaml", "--jobs", jobs])
    assert exc.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_output_with_several_briefs_is_a_usage_error(briefs):
    proc = run("build", "one.yaml", "two.yaml", "-o", "x.pdf", "--jobs", "2", cwd=briefs)
    assert proc.returncode == 2
    assert not (briefs / "x.pdf").exists()


def test_an_unexpected_error_fails_only_its_brief(briefs, monkeypatch, capsys):
    real = pipeline.compile_brief

    def flaky(brief, **kw):
        if brief.source == "two.yaml":
            raise ValueError("something\nbroke")
        return real(brief, **kw)

    monkeypatch.setattr("typeset.pipeline.compile_brief", flaky)
    monkeypatch.delenv("TYPESET_DEBUG", raising=False)
    monkeypatch.chdir(briefs)
    assert cli.main(["build", "one.yaml", "two.yaml", "--jobs", "1"]) == 70
    assert untimed(capsys.readouterr().err).splitlines() == [
        "built one.pdf (1 page, 1 note)",
        "failed two.yaml",
        "two.yaml: error: internal error: ValueError: something broke",
        "briefset: 1 of 2 briefs failed",
    ]


class _Terminal(io.StringIO):
    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


def test_terminal_gets_one_progress_line():
    out = _Terminal()
    report = batch.Report(["a.yaml", "b.yaml"], out, tty=True, width=lambda: 80)
    report.done(1, batch.Outcome("b.yaml", 0, "b.pdf", 2, (WARN_LINE,)))
    report.done(0, batch.Outcome("a.yaml", 1, lines=(BAD_LINE,)))
    report.close()
    assert report.finish() == 1
    text = out.getvalue()
    assert "\r[1/2] " + "\u2588" * 10 + "\u2591" * 10 + " b.yaml" in text
    assert "\r[2/2] " + "\u2588" * 20 + " a.yaml" in text
    assert "built" not in text  # no per-brief lines on a terminal
    lines = [part.rsplit("\r", 1)[-1].replace("\x1b[K", "") for part in text.split("\n")]
    assert lines == [WARN_LINE, BAD_LINE, "briefset: 1 of 2 briefs failed", ""]


def test_terminal_summary_and_narrow_width():
    out = _Terminal()
    report = batch.Report(["a-very-long-brief-name.yaml"], out, tty=True, width=lambda: 38)
    report.done(0, batch.Outcome("a-very-long-brief-name.yaml", 0, "a.pdf", 5))
    assert out.getvalue().endswith("\u2026name.yaml\x1b[K")
    report.close()
    assert report.finish() == 0
    assert out.getvalue().endswith("\r\x1b[Kbuilt 1 brief (5 pages)\n")
