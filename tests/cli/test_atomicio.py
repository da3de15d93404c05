"""Atomic output: a failed write leaves the old file byte-identical and no temp file."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from typeset import atomicio
from typeset.atomicio import WriteError, atomic_write, remove_stale_temp_files, temp_name


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_and_replaces(tmp_path):
    out = tmp_path / "out.pdf"
    atomic_write(out, b"one")
    atomic_write(out, b"two")
    assert out.read_bytes() == b"two"
    assert listing(tmp_path) == ["out.pdf"]


def test_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    out = tmp_path / "out.pdf"
    out.write_bytes(b"old")
    out.chmod(0o640)
    atomic_write(out, b"new")
    assert (out.stat().st_mode & 0o777, out.read_bytes()) == (0o640, b"new")


@pytest.mark.parametrize("stage", ["fsync", "replace"])
def test_failure_leaves_old_file_and_no_temp(tmp_path, monkeypatch, stage):
    out = tmp_path / "out.pdf"
    out.write_bytes(b"old contents")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomicio.os, stage, fail)
    with pytest.raises(WriteError) as info:
        atomic_write(out, b"new contents")
    assert (info.value.filename, info.value.strerror) == (str(out), "No space left on device")
    assert out.read_bytes() == b"old contents"
    assert listing(tmp_path) == ["out.pdf"]


def test_interrupt_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    out = tmp_path / "out.pdf"
    out.write_bytes(b"old")

    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomicio.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(out, b"new")
    assert out.read_bytes() == b"old"
    assert listing(tmp_path) == ["out.pdf"]


def test_unwritable_folder(tmp_path):
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(WriteError) as info:
        atomic_write(tmp_path / "file" / "out.pdf", b"x")
    assert info.value.strerror == "Not a directory"
    assert info.value.filename == str(tmp_path / "file" / "out.pdf")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can write anywhere")
def test_permission_denied(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "out.pdf").write_bytes(b"old")
    locked.chmod(0o500)
    try:
        with pytest.raises(WriteError) as info:
            atomic_write(locked / "out.pdf", b"new")
    finally:
        locked.chmod(0o700)
    assert info.value.strerror == "Permission denied"
    assert (locked / "out.pdf").read_bytes() == b"old"


def test_permission_denied_simulated(tmp_path, monkeypatch):
    """The same as above, but also when the tests run as root."""
    out = tmp_path / "out.pdf"
    out.write_bytes(b"old")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(args[0]))

    monkeypatch.setattr(atomicio.os, "open", refuse)
    with pytest.raises(WriteError) as info:
        atomic_write(out, b"new")
    assert (info.value.filename, info.value.strerror) == (str(out), "Permission denied")
    assert out.read_bytes() == b"old"


def test_output_that_is_a_folder(tmp_path):
    (tmp_path / "out.pdf").mkdir()
    with pytest.raises(WriteError):
        atomic_write(tmp_path / "out.pdf", b"x")
    assert listing(tmp_path) == ["out.pdf"]


def test_temp_names_are_hidden_and_unique(tmp_path):
    names = {temp_name(tmp_path / "out.pdf") for _ in range(100)}
    assert len(names) == 100
    assert all(n.startswith(".out.pdf.") and n.endswith(".tmp") for n in names)


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temp_files_of_dead_writers_are_removed(tmp_path):
    out = tmp_path / "out.pdf"
    stale = tmp_path / f".out.pdf.{dead_pid()}-0123abcd.tmp"
    live = tmp_path / f".out.pdf.{os.getppid()}-0123abcd.tmp"  # a running process
    other = tmp_path / f".other.pdf.{dead_pid()}-0123abcd.tmp"
    unrelated = tmp_path / ".out.pdf.notes.tmp"
    for p in (stale, live, other, unrelated):
        p.write_bytes(b"partial")
    atomic_write(out, b"pdf")
    assert listing(tmp_path) == sorted([live.name, other.name, unrelated.name, "out.pdf"])


def test_old_temp_files_are_removed_whoever_owns_them(tmp_path):
    old = tmp_path / f".out.pdf.{os.getppid()}-0123abcd.tmp"
    old.write_bytes(b"partial")
    os.utime(old, (1, 1))
    assert remove_stale_temp_files(tmp_path / "out.pdf") == [old]
