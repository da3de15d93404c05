"""ReportLab is used as a canvas only, with its evaluators and URL fetching switched off.

Also: no module of ours evaluates text or builds ReportLab markup, and a
damaged font file (a brief may bring its own layout and fonts) is a
BriefError, not an internal error.
"""
from __future__ import annotations

import ast
import random
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.lib.colors import toColor
from reportlab.lib.utils import open_for_read

import typeset
import typeset.render.pdf  # noqa: F401  (the import is what hardens ReportLab)
from tests.security.helpers import brief_yaml, environ
from typeset.errors import BriefError
from typeset.resources import FONTS_DIR

PACKAGE = Path(typeset.__file__).resolve().parent


def test_render_import_switches_off_reportlab_evaluation_and_fetching():
    assert rl_config.toColorCanUse is None
    assert not rl_config.trustedHosts and not rl_config.trustedSchemes
    assert toColor("red").red == 1  # plain names and #hex still work ...
    for expr in ("Color(1,0,0,1)", "CMYKColor(0,0,0,1)", "fade(red, 50)", "[getattr(pow, '__globals__')]"):
        with pytest.raises(ValueError):  # ... expressions are not evaluated
            toColor(expr)


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x.png", "https://example.org/", "data:text/plain,hi",
                                 "file:///etc/hostname", "ftp://example.org/x"])
def test_reportlab_fetches_no_urls(url):
    with pytest.raises(OSError):
        open_for_read(url)


def python_sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", python_sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_evaluator_and_no_reportlab_markup_in_our_code(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in ("eval", "exec", "compile", "__import__"), f"{path}:{node.lineno}"
        if isinstance(node, ast.Import):
            for alias in node.names:
                assert alias.name not in FORBIDDEN_MODULES and "platypus" not in alias.name, \
                    f"{path}:{node.lineno}: {alias.name}"
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            assert module not in FORBIDDEN_MODULES and "platypus" not in module, f"{path}:{node.lineno}: {module}"
            if module.startswith("reportlab"):
                names = {a.name for a in node.names}
                assert not names & FORBIDDEN_FROM_REPORTLAB, f"{path}:{node.lineno}: {names}"


FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "subprocess", "socket", "urllib.request", "http.client",
                     "ctypes"}
FORBIDDEN_FROM_REPORTLAB = {"Paragraph", "rl_safe_eval", "rl_extended_literal_eval", "rl_exec", "open_for_read"}


def damaged_fonts() -> dict[str, bytes]:
    good = (FONTS_DIR / "LiberationSerif-Regular.ttf").read_bytes()
    noisy = bytearray(good)
    rng = random.Random(3)
    for _ in range(2000):
        noisy[rng.randrange(200, len(noisy))] = rng.randrange(256)
    return {"garbage": b"garbage", "empty": b"", "truncated": good[:3000], "noisy": bytes(noisy),
            "otf-header": b"OTTO" + good[4:2000]}


@pytest.mark.parametrize("kind", sorted(damaged_fonts()))
def test_a_damaged_font_beside_the_brief_is_a_brief_error(tmp_path, kind):
    (tmp_path / f"{kind}.ttf").write_bytes(damaged_fonts()[kind])
    (tmp_path / "mine.yaml").write_text(
        f"version: 1\nextends: plain\nfonts:\n  families:\n    serif: {{regular: {kind}.ttf}}\n")
    (tmp_path / "b.yaml").write_text(brief_yaml("      - Text with words.\n", head="layout: mine.yaml\n"))
    with pytest.raises(BriefError) as info:
        typeset.render(typeset.load(tmp_path / "b.yaml"))
    assert "font" in info.value.message


POISON = """
import sys, typeset
from reportlab.pdfbase import pdfmetrics
evil, good = sys.argv[1:]
typeset.render(typeset.load(evil))
typeset.render(typeset.load(good))
print(pdfmetrics.getFont("LiberationSerif-Regular").face.filename)
"""


def test_a_font_named_like_a_bundled_one_does_not_replace_it_in_later_renders(tmp_path):
    """ReportLab shares fonts by internal name; the first brief in a process must not pick the fonts of the next."""
    (tmp_path / "evil").mkdir()
    (tmp_path / "evil" / "copy.ttf").write_bytes((FONTS_DIR / "LiberationSerif-Regular.ttf").read_bytes())
    (tmp_path / "evil" / "mine.yaml").write_text(
        "version: 1\nextends: plain\nfonts:\n  families:\n    serif: {regular: copy.ttf}\n")
    (tmp_path / "evil" / "b.yaml").write_text(brief_yaml(head="layout: mine.yaml\n"))
    (tmp_path / "good.yaml").write_text(brief_yaml(head="layout: plain\n"))
    proc = subprocess.run([sys.executable, "-c", POISON, str(tmp_path / "evil" / "b.yaml"),
                           str(tmp_path / "good.yaml")], env=environ(), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert Path(proc.stdout.strip()).resolve() == (FONTS_DIR / "LiberationSerif-Regular.ttf").resolve()
