"""Shared fixtures: repository paths and a renderer that also reads the PDF back."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"


@pytest.fixture
def repo() -> Path:
    return REPO
