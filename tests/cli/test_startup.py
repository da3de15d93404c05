"""What a YAML build through the command loads: readers, citation and shaping code it does not need stay out.

Each check runs the command's own entry point (`typeset.cli.run`, which
`python -m typeset` and `briefset` call) in a fresh interpreter, then reads
that interpreter's `sys.modules` (the probe itself imports nothing more).
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import typeset
from tests.conftest import REPO

SEED = REPO / "examples" / "us-japan-alliance.yaml"
MULTILINGUAL = REPO / "examples" / "multilingual.yaml"
FEATURES = REPO / "examples" / "features.yaml"  # shows an image

PROBE = """
import sys
from typeset.cli import run
sys.argv = ["briefset", "build", sys.argv[1], "-o", sys.argv[2]]
status = run()
import reportlab.pdfbase.ttfonts as ttfonts
from typeset.text import scripts
print(repr({"status": status, "modules": sorted(sys.modules),
            "reportlab_shaping": ttfonts.uharfbuzz is not None,
            "cjk_compiled": scripts._cjk.cache_info().currsize}))
"""


def _build(brief: Path, out: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", PROBE, str(brief), str(out)],
                          capture_output=True, text=True, timeout=120, cwd=out.parent)
    assert proc.returncode == 0, proc.stderr
    return ast.literal_eval(proc.stdout.splitlines()[-1])


def test_a_yaml_build_loads_no_other_reader_nor_citation_nor_shaping_code(tmp_path: Path) -> None:
    seen = _build(SEED, tmp_path / "seed.pdf")
    assert seen["status"] == 0
    loaded = set(seen["modules"])
    assert "typeset.readers.yaml" in loaded and "typeset.render.pdf" in loaded  # the probe sees the build
    unneeded = {"typeset.readers.markdown", "typeset.readers.docx", "typeset.readers.sources",
                "typeset.readers.bibtex", "markdown_it", "defusedxml", "json",
                "difflib", "secrets", "uharfbuzz", "bidi", "typeset.text.shaping", "typeset.text.bidi"}
    assert not loaded & unneeded, sorted(loaded & unneeded)
    assert not seen["reportlab_shaping"]
    assert seen["cjk_compiled"] == 0  # no character of the seed reaches the CJK class


def test_a_build_of_one_brief_without_images_loads_no_image_pool_nor_metadata_code(tmp_path: Path) -> None:
    """Pillow's core, the process pool of many-brief builds, the package metadata (read only by
    --version) and the network stack stay out of a plain build."""
    seen = _build(SEED, tmp_path / "seed.pdf")
    assert seen["status"] == 0
    loaded = set(seen["modules"])
    unneeded = {"PIL._imaging", "PIL.ExifTags", "PIL.PngImagePlugin", "typeset.batch", "typeset.many",
                "multiprocessing", "concurrent.futures.process", "importlib.metadata", "email",
                "urllib.request", "http.client", "socket", "ssl", "xml.sax"}
    assert not loaded & unneeded, sorted(loaded & unneeded)


def test_the_command_draws_images_as_the_library_does(tmp_path: Path) -> None:
    """Pillow, bound lazily by the command, loads with the first image and draws it alike."""
    out = tmp_path / "features.pdf"
    seen = _build(FEATURES, out)
    assert seen["status"] == 0
    assert "PIL._imaging" in seen["modules"]
    assert out.read_bytes() == typeset.render(typeset.load(FEATURES))


def test_the_command_shapes_right_to_left_text_as_the_library_does(tmp_path: Path) -> None:
    """ReportLab is loaded without uharfbuzz by the command; typeset's own shaping still loads it."""
    out = tmp_path / "multilingual.pdf"
    seen = _build(MULTILINGUAL, out)
    assert seen["status"] == 0
    assert "uharfbuzz" in seen["modules"] and "typeset.text.shaping" in seen["modules"]
    assert out.read_bytes() == typeset.render(typeset.load(MULTILINGUAL))
    assert seen["cjk_compiled"] == 1  # its Chinese and Japanese lines need the CJK class
