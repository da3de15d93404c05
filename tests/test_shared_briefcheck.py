"""Every example and corpus brief, in every bundled layout, passes the shared read-back checker.

`../shared/tools/briefcheck.py` is the judge of the output conventions; where
it is not beside the repository these tests are skipped (the project's own
checker in tests/helpers/readback.py covers the same ground everywhere).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, SHARED
from typeset.pipeline import render
from typeset.readers import load_brief
from typeset.style import bundled_layouts

CHECKER = SHARED / "tools" / "briefcheck.py"
BRIEFS = sorted(EXAMPLES.glob("*.yaml")) + sorted((SHARED / "corpus").glob("*.yaml"))

pytestmark = pytest.mark.skipif(not CHECKER.is_file(), reason="../shared/tools/briefcheck.py is not here")


@pytest.mark.parametrize("layout", bundled_layouts())
@pytest.mark.parametrize("brief", BRIEFS, ids=[b.stem for b in BRIEFS])
def test_briefcheck_passes(brief: Path, layout: str, tmp_path: Path) -> None:
    out = tmp_path / f"{brief.stem}.pdf"
    out.write_bytes(render(load_brief(brief), layout))
    run = subprocess.run([sys.executable, str(CHECKER), str(brief), str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.rstrip().endswith("0 failed checks")
