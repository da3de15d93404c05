"""What the command-line tests share: small briefs and a runner that forbids tracebacks."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD = "title: T\nsections:\n  - heading: H\n    content:\n      - Text.[^a]\nfootnotes:\n  a: Note.\n"
WARN = GOOD + "  b: Unused.\n"
BAD = "title: 42\nsections:\n  - heading: H\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run `python -m typeset ARGS`; whatever happens, stderr never shows a traceback."""
    environ = {k: v for k, v in os.environ.items() if k != "TYPESET_DEBUG"}
    environ["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run([sys.executable, "-m", "typeset", *args], cwd=cwd, env=environ,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr
    return proc


_TIME = re.compile(r"(\(\d+ pages?, \d+ notes?\)) in \d+\.\d\d s$", re.M)


def untimed(text: str) -> str:
    """Report lines without their build times: ``built a.pdf (1 page, 1 note)``."""
    return _TIME.sub(r"\1", text)
