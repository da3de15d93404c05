"""Output is never lost: a killed or failed build leaves the previous PDF byte for byte.

The build runs as a real child process (`python -m typeset build`) and is
killed with SIGKILL, once while it lays out and once with its temporary file
written but not yet renamed; the next build leaves no temporary file behind.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.security.helpers import brief_yaml, environ, notes_brief, typeset

OLD = b"%PDF-1.4\n% the previous, good output\n%%EOF\n"


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".out.pdf.") and p.name.endswith(".tmp"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "big.yaml").write_text(notes_brief(10_000))
    (tmp_path / "small.yaml").write_text(brief_yaml())
    (tmp_path / "out.pdf").write_bytes(OLD)
    return tmp_path


def test_sigkill_during_layout_keeps_the_old_pdf(folder):
    proc = subprocess.Popen([sys.executable, "-m", "typeset", "build", "big.yaml", "-o", "out.pdf"], cwd=folder,
                            env=environ(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    assert proc.poll() is None, "the build finished before it could be killed; make the brief bigger"
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(30) == -signal.SIGKILL
    assert (folder / "out.pdf").read_bytes() == OLD
    run = typeset("build", "small.yaml", "-o", "out.pdf", "-q", cwd=folder)
    assert (run.returncode, run.stderr) == (0, "")
    assert (folder / "out.pdf").read_bytes().startswith(b"%PDF") and (folder / "out.pdf").read_bytes() != OLD
    assert temp_files(folder) == []


PAUSE_BEFORE_RENAME = """
import os, sys, time
real_fsync = os.fsync
def fsync_then_wait(fd):
    real_fsync(fd)
    if not os.path.exists("ready"):
        open("ready", "w").close()
        time.sleep(120)
os.fsync = fsync_then_wait
from typeset.cli import main
sys.exit(main(["build", "small.yaml", "-o", "out.pdf"]))
"""


def test_sigkill_with_the_temporary_file_written_keeps_the_old_pdf(folder):
    proc = subprocess.Popen([sys.executable, "-c", PAUSE_BEFORE_RENAME], cwd=folder, env=environ(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not (folder / "ready").exists():
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "the child never reached the rename"
        time.sleep(0.05)
    (tmp,) = temp_files(folder)
    assert (folder / tmp).read_bytes().startswith(b"%PDF")  # the new PDF is complete, but not in place
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(30) == -signal.SIGKILL
    proc.stderr.close()  # type: ignore[union-attr]
    assert (folder / "out.pdf").read_bytes() == OLD
    assert temp_files(folder) == [tmp]  # a killed process cannot clean up ...
    run = typeset("build", "small.yaml", "-o", "out.pdf", "-q", cwd=folder)
    assert (run.returncode, run.stderr) == (0, "")
    assert temp_files(folder) == []  # ... the next build of the same output does
    assert (folder / "out.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("output, reason", [
    ("a_file/out.pdf", "Not a directory"),
    ("no/such/folder/out.pdf", "No such file or directory"),
    ("missing_folder/", "no such folder"),  # an existing folder gets FOLDER/small.pdf (tests/cli)
    ("/proc/typeset-out.pdf", None),
])
def test_unwritable_output_is_one_line_and_exit_1(folder, output, reason):
    (folder / "a_file").write_bytes(b"not a folder")
    (folder / "a_folder").mkdir()
    run = typeset("build", "small.yaml", "-o", output, cwd=folder)
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{output}: error: cannot write: "), run.stderr
    if reason:
        assert lines[0].endswith(reason)
    assert temp_files(folder) == [] and not any(p.name.endswith(".tmp") for p in (folder / "a_folder").iterdir())


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_folder(folder):
    locked = folder / "locked"
    locked.mkdir()
    (locked / "out.pdf").write_bytes(OLD)
    locked.chmod(0o555)
    try:
        run = typeset("build", "small.yaml", "-o", "locked/out.pdf", cwd=folder)
    finally:
        locked.chmod(0o755)
    assert run.returncode == 1 and run.stderr.endswith("cannot write: Permission denied\n")
    assert (locked / "out.pdf").read_bytes() == OLD


def test_output_may_not_overwrite_the_brief(folder):
    run = typeset("build", "small.yaml", "-o", "./small.yaml", cwd=folder)
    assert run.returncode == 1 and "would overwrite the brief" in run.stderr
    assert (folder / "small.yaml").read_text() == brief_yaml()
