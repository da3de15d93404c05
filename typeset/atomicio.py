"""Write output all-or-nothing: a failed run leaves the old file untouched (spec §3).

Writing straight to the target (as `canvas.save()` does) leaves a 0-byte or
truncated PDF when anything fails midway (security notes, item 3). We write
a temporary file beside the target, fsync it, and `os.replace` it into place,
which is atomic on POSIX and Windows; then fsync the folder so the rename
itself survives a crash.

Temporary files are named ``.NAME.PID-RANDOM.tmp``; a process killed midway
leaves one behind, which the next write to the same target removes once its
owner process is gone.
"""
from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path

_STALE_AFTER = 24 * 3600  # seconds; a temp file this old is stale whoever owns it


class WriteError(OSError):
    """The output could not be written; `filename` is the target, not the temp file."""


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace `path` with `data`, or leave it as it was and raise `WriteError`."""
    target = Path(path)
    folder = target.parent
    remove_stale_temp_files(target)
    try:
        tmp, fd = _create_temp(target)
    except OSError as e:
        raise _error(e, target) from e
    try:
        with os.fdopen(fd, "wb") as f:
            _copy_mode(target, f.fileno())
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise _error(e, target) from e
        raise
    _fsync_dir(folder)


def temp_name(target: Path) -> str:
    """A fresh temporary name for `target`, in its folder: .NAME.PID-RANDOM.tmp"""
    return f".{target.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp"


def remove_stale_temp_files(target: str | os.PathLike[str]) -> list[Path]:
    """Delete temp files of ours for `target` whose writer is gone; returns what was removed.

    A temp file belongs to a live writer while its PID runs (and it is less
    than a day old); those are left alone so parallel builds do not collide.
    """
    target = Path(target)
    prefix = f".{target.name}."
    removed = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid = _owner(name[len(prefix):-len(".tmp")])
        if pid is None or not _stale(entry, pid):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _owner(middle: str) -> int | None:
    """The PID in 'PID-RANDOM', or None if this is not one of our names."""
    pid, _, token = middle.partition("-")
    if not (pid.isdigit() and len(token) == 8 and all(c in "0123456789abcdef" for c in token)):
        return None
    return int(pid)


def _stale(entry: os.DirEntry[str], pid: int) -> bool:
    try:
        if time.time() - entry.stat(follow_symlinks=False).st_mtime > _STALE_AFTER:
            return True
    except OSError:
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists but is not ours (EPERM), or signals unsupported
        return False
    return False


def _create_temp(target: Path) -> tuple[Path, int]:
    """Open a new temp file exclusively; mode 0o666 so the umask applies as for any new file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = target.parent / temp_name(target)
        try:
            return tmp, os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target))


def _copy_mode(target: Path, fd: int) -> None:
    """Keep the permissions of the file being replaced."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return
    with contextlib.suppress(OSError, AttributeError):
        os.fchmod(fd, mode)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # not possible on every platform; the data itself is already synced
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _error(e: OSError, target: Path) -> WriteError:
    return WriteError(e.errno, e.strerror or str(e), str(target))
