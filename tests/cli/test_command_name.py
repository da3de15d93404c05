"""The console command's name reaches the tool in every common shell: `typeset` is a builtin of bash
and zsh (a synonym for `declare`), so the command is `briefset`."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

NAME = "briefset"
# Debian's own folders only: the project's virtual environment must not be on PATH here.
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
SHELLS = {"bash": ["-c"], "zsh": ["-f", "-c"], "dash": ["-c"], "fish": ["--no-config", "-c"]}


def _scripts() -> dict[str, str]:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    block = text.split("[project.scripts]", 1)[1].split("\n[", 1)[0]
    return dict(re.findall(r'^(\S+)\s*=\s*"([^"]+)"', block, re.M))


def test_the_console_script_is_briefset() -> None:
    assert _scripts() == {NAME: "typeset.cli:run"}


@pytest.mark.parametrize("shell", sorted(SHELLS))
def test_no_shell_knows_the_name_before_the_venv_is_on_path(shell: str) -> None:
    exe = shutil.which(shell, path=SYSTEM_PATH)
    if exe is None:
        if shell == "bash":
            pytest.fail("bash is always installed")
        pytest.skip(f"{shell} is not installed")
    probe = f"type {NAME}"
    proc = subprocess.run([exe, *SHELLS[shell], probe], capture_output=True, text=True, timeout=30,
                          env={"PATH": SYSTEM_PATH, "HOME": os.environ.get("HOME", "/tmp")})
    out = (proc.stdout + proc.stderr).lower()
    assert "not found" in out or "could not find" in out, out
    assert "builtin" not in out and "reserved" not in out, out
    if shell in ("bash", "zsh"):  # the old name really is taken there
        old = subprocess.run([exe, *SHELLS[shell], "type typeset"], capture_output=True, text=True,
                             timeout=30, env={"PATH": SYSTEM_PATH})
        said = (old.stdout + old.stderr).lower()
        assert "builtin" in said or "reserved word" in said, said


def test_the_installed_command_runs_the_tool() -> None:
    script = Path(sys.executable).parent / NAME
    if not script.exists():
        pytest.skip("the package is not installed with its console script here")
    proc = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith(f"usage: {NAME} ")
