"""Fixtures for the model tests: write a brief into a temp folder and load it."""
from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

from typeset.errors import BriefError
from typeset.model import Limits
from typeset.model.document import Brief
from typeset.readers import load_brief

MINIMAL = """\
title: T
sections:
  - heading: H
    content:
      - Text.
"""


@pytest.fixture
def load_yaml(tmp_path, monkeypatch) -> Callable[..., Brief]:
    """Load YAML text written to ./b.yaml, so messages start with 'b.yaml:'."""
    monkeypatch.chdir(tmp_path)

    def load(text: str | bytes, *, strict: bool = False, limits: Limits | None = None) -> Brief:
        data = text if isinstance(text, bytes) else textwrap.dedent(text).encode("utf-8")
        (tmp_path / "b.yaml").write_bytes(data)
        return load_brief("b.yaml", strict=strict, limits=limits)

    return load


@pytest.fixture
def problems(load_yaml) -> Callable[..., list[str]]:
    """The formatted problems of a brief that must fail to load."""

    def run(text: str | bytes, **kw) -> list[str]:
        with pytest.raises(BriefError) as info:
            load_yaml(text, **kw)
        return [str(p) for p in info.value.problems]

    return run
