"""Shared pieces of the security tests: tiny images made in memory, briefs on disk, the CLI."""
from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import tempfile
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[2]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_claiming(width: int, height: int) -> bytes:
    """A 100-byte PNG whose header claims `width` x `height` RGB pixels (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(b"\x00" * 4096))
            + _chunk(b"IEND", b""))


def image_bytes(fmt: str, size: tuple[int, int] = (12, 8), mode: str = "RGB") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, "#3366aa" if mode != "P" else 1).save(buf, fmt)
    return buf.getvalue()


EPS = (b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"
       b"(pwned-by-eps) (w) file closefile\nshowpage\n%%EOF\n")
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def brief_yaml(content: str = "      - Text.\n", head: str = "") -> str:
    """A minimal brief with `head` (top-level keys) and `content` (indented block lines)."""
    return f"title: T\n{head}sections:\n  - heading: H\n    content:\n{content}"


def notes_brief(n: int, *, inline: bool = False) -> str:
    """A brief with `n` notes: referenced 100 to a paragraph, or inline, one to a paragraph."""
    if inline:
        return brief_yaml("".join(f"      - Paragraph {i}.^[Note {i}.]\n" for i in range(n)))
    paragraphs = "".join(
        "      - \"" + " ".join(f"Word{i}[^n{i}]" for i in range(p, min(p + 100, n))) + "\"\n"
        for p in range(0, n, 100))
    return brief_yaml(paragraphs) + "footnotes:\n" + "".join(f"  n{i}: Note {i}, a few words.\n" for i in range(n))


def environ() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TYPESET_DEBUG"}
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    max_rss_mb: float


# Runs `python -m typeset` and then records the process's own peak memory (VmHWM: that of
# its address space after exec; getrusage's ru_maxrss would include the parent's at fork).
_MEASURED = (
    "import atexit, runpy, sys\n"
    "_out = sys.argv.pop(1)\n"
    "def _hwm():\n"
    "    with open('/proc/self/status') as f:\n"
    "        kb = next(int(l.split()[1]) for l in f if l.startswith('VmHWM:'))\n"
    "    with open(_out, 'w') as f:\n"
    "        f.write(str(kb))\n"
    "atexit.register(_hwm)\n"
    "sys.argv[0] = 'typeset'\n"
    "runpy.run_module('typeset', run_name='__main__', alter_sys=True)\n"
)


def typeset(*args: str, cwd: Path, timeout: float = 120) -> Run:
    """`python -m typeset ARGS` in a child; its exit status, output and own peak memory.

    `timeout` only stops a hung child (the test then fails); no test asserts how long a run took."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
            tempfile.NamedTemporaryFile("r", suffix=".hwm") as hwm:
        proc = subprocess.Popen([sys.executable, "-c", _MEASURED, hwm.name, *args], cwd=cwd, env=environ(),
                                stdout=out, stderr=err, text=True)
        killed = threading.Event()
        timer = threading.Timer(timeout, lambda: (killed.set(), proc.kill()))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        peak_kb = int(hwm.read() or 0) or usage.ru_maxrss
        result = Run(proc.returncode, out.read(), err.read(), peak_kb / 1024)
    assert not killed.is_set(), f"hung: stopped after {timeout} s"
    assert "Traceback" not in result.stderr, result.stderr
    return result
