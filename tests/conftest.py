"""Shared fixtures: repository paths and a renderer that also reads the PDF back."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"


@pytest.fixture
def repo() -> Path:
    return REPO


# CI draws the same property-test examples on every run (CI=true), so a result can be
# reproduced; a developer's runs keep exploring new ones.
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
