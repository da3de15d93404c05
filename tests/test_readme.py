"""The README's test command is what CI runs, and its example command names real files."""
from __future__ import annotations

import re

from tests.conftest import REPO


def _commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(python3 -m venv[^\n]*)\n```", text)


def test_ci_runs_the_readme_test_command() -> None:
    build, test = _commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()
    assert "pytest" in test and "[test]" in test


def test_readme_example_command_names_the_example() -> None:
    build, _ = _commands()
    brief = re.search(r"briefset build (\S+\.yaml)", build).group(1)  # type: ignore[union-attr]
    assert (REPO / brief).is_file()
