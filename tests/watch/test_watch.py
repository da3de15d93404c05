"""`briefset watch`, driven in this process: rebuilds after a save, keeps the last good PDF after a
broken one, follows the layout it extends and its images."""
from __future__ import annotations

import io
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

pytest.importorskip("watchfiles")

from typeset.watch import Watcher  # noqa: E402

BRIEF = "title: Watched\n{layout}sections:\n  - heading: {heading}\n    content:\n      - Text.[^a]\nfootnotes:\n  a: Note.\n"
TIMEOUT = 20.0


def wait_for(condition: Callable[[], bool], what: str) -> None:
    end = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def text(pdf: Path) -> str:
    return pypdf.PdfReader(pdf).pages[0].extract_text()


class Running:
    """A watcher on its own thread, stopped (and joined) on exit."""

    def __init__(self, brief: Path, **kw: object) -> None:
        self.out = io.StringIO()
        self.watcher = Watcher(brief, stream=self.out, **kw)  # type: ignore[arg-type]
        self.thread = threading.Thread(target=self.watcher.run, daemon=True)

    def __enter__(self) -> Running:
        self.thread.start()
        wait_for(lambda: self.watcher.builds >= 1, "the first build")
        time.sleep(0.3)  # the watcher is up before the first edit
        return self

    def __exit__(self, *exc: object) -> None:
        self.watcher.stop.set()
        self.thread.join(TIMEOUT)
        assert not self.thread.is_alive()

    def after_build(self, n: int) -> list[str]:
        wait_for(lambda: self.watcher.builds >= n, f"build {n}")
        return self.out.getvalue().splitlines()


def save(path: Path, content: str) -> None:
    """Save as an editor does: a new file renamed over the old one."""
    tmp = path.with_name(f".{path.name}.swp")
    tmp.write_text(content, encoding="utf-8")
    tmp.replace(path)


def test_rebuilds_after_an_edit_and_keeps_the_last_good_pdf(tmp_path):
    brief = tmp_path / "w.yaml"
    brief.write_text(BRIEF.format(layout="", heading="First"), encoding="utf-8")
    pdf = tmp_path / "w.pdf"
    with Running(brief) as run:
        assert "First" in text(pdf)
        save(brief, BRIEF.format(layout="", heading="Second"))
        lines = run.after_build(2)
        assert "Second" in text(pdf)
        assert re.fullmatch(r"\[\d\d:\d\d:\d\d\] built (.*) \(1 page, 1 note\) in \d+\.\d\d s", lines[1])[1] == str(pdf)
        good = pdf.read_bytes()
        save(brief, "title: [unclosed\n")
        lines = run.after_build(3)
        assert lines[2].endswith("] failed; the last good PDF is kept")
        assert lines[3].startswith(f"{brief}:2:1: error: invalid YAML")
        assert pdf.read_bytes() == good
        save(brief, BRIEF.format(layout="", heading="Third"))
        run.after_build(4)
        assert "Third" in text(pdf)
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_follows_the_layout_and_what_it_extends(tmp_path):
    (tmp_path / "base.yaml").write_text("extends: plain\nbody: {size: 10}\n", encoding="utf-8")
    (tmp_path / "house.yaml").write_text("extends: base.yaml\n", encoding="utf-8")
    brief = tmp_path / "w.yaml"
    brief.write_text(BRIEF.format(layout="layout: house.yaml\n", heading="Laid"), encoding="utf-8")
    out = tmp_path / "out" / "w.pdf"
    out.parent.mkdir()
    with Running(brief, output=out) as run:
        first = out.read_bytes()
        assert {p.name for p in run.watcher.files} >= {"w.yaml", "house.yaml", "base.yaml"}
        save(tmp_path / "base.yaml", "extends: plain\nbody: {size: 13}\n")
        run.after_build(2)
        assert out.read_bytes() != first
        save(tmp_path / "base.yaml", "extends: plain\nbody: {size: huge}\n")
        lines = run.after_build(3)
        assert "failed" in lines[-2] and "base.yaml" in lines[-1]
        assert out.read_bytes() != first


def test_the_command_needs_a_brief_and_the_watcher(tmp_path, monkeypatch, capsys):
    from typeset import cli

    monkeypatch.chdir(tmp_path)
    assert cli.main(["watch", "missing.yaml"]) == 1
    assert capsys.readouterr().err == "missing.yaml: error: cannot read: no such file\n"
    monkeypatch.setitem(__import__("sys").modules, "watchfiles", None)  # as if not installed
    (tmp_path / "b.yaml").write_text(BRIEF.format(layout="", heading="H"), encoding="utf-8")
    assert cli.main(["watch", "b.yaml"]) == 1
    assert "pip install 'typeset[watch]'" in capsys.readouterr().err


def test_stopping_from_the_keyboard_exits_0(tmp_path, monkeypatch):
    from typeset import watch as watch_module

    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(watch_module.Watcher, "run", interrupted)
    (tmp_path / "b.yaml").write_text(BRIEF.format(layout="", heading="H"), encoding="utf-8")
    assert watch_module.watch(str(tmp_path / "b.yaml")) == 0
