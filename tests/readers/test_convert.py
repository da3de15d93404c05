"""`briefset convert`: the YAML it writes builds to the same PDF as the example's own YAML."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.cli.cliutil import run
from tests.conftest import EXAMPLES
from tests.readers.docxutil import brief_body, p, write_docx
from typeset.pipeline import render_result
from typeset.readers import load_brief
from typeset.style import bundled_layouts

SOURCES = [EXAMPLES / "us-japan-alliance.md", EXAMPLES / "us-japan-alliance.docx"]


@pytest.mark.parametrize("src", SOURCES, ids=[s.suffix for s in SOURCES])
def test_converted_yaml_builds_the_same_pdf(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "converted.yaml"
    proc = run("convert", str(src), "-o", str(out), cwd=tmp_path)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert len(data["footnotes"]) == 19 and data["title"] == "The Deepening U.S.-Japan Alliance"
    original = load_brief(EXAMPLES / "us-japan-alliance.yaml")
    converted = load_brief(out)
    for layout in bundled_layouts():
        want, got = render_result(original, layout), render_result(converted, layout)
        assert got.pages == want.pages
        assert got.pdf == want.pdf  # same pages, same notes on each: the same file


def test_convert_refuses_what_would_not_build(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("# H\n\nA mark[^none].\n")
    proc = run("convert", "b.md", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == ["b.md:1:1: error: missing required key 'title'",
                                        "b.md:3:7: error: undefined footnote 'none'"]
    assert not (tmp_path / "b.yaml").exists()


def test_convert_writes_beside_the_source_and_never_over_it(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("---\ntitle: T\n---\n# H\n\nText with a literal \\*.\n")
    assert run("convert", "b.md", cwd=tmp_path).returncode == 0
    assert yaml.safe_load((tmp_path / "b.yaml").read_text())["sections"][0]["content"] == ["Text with a literal \\*."]
    proc = run("convert", "b.yaml", cwd=tmp_path)
    assert proc.returncode == 1 and "would overwrite the brief" in proc.stderr


def test_convert_writes_word_pictures_beside_the_yaml(tmp_path: Path) -> None:
    from tests.readers.docxutil import IMAGE, rels
    from tests.security.helpers import image_bytes

    drawing = '<w:p><w:r><w:drawing><a:blip r:embed="rId9"/></w:drawing></w:r></w:p>'
    write_docx(tmp_path / "b.docx", brief_body(p("Text."), drawing),
               doc_rels=rels(("rId9", IMAGE, "media/image1.png", False)),
               members={"word/media/image1.png": image_bytes("PNG")})
    assert run("convert", "b.docx", "-o", "out/b.yaml", cwd=tmp_path).returncode == 1  # no such folder
    (tmp_path / "out").mkdir()
    assert run("convert", "b.docx", "-o", "out/b.yaml", cwd=tmp_path).returncode == 0
    data = yaml.safe_load((tmp_path / "out" / "b.yaml").read_text())
    assert data["sections"][0]["content"][1] == {"image": "b-images/image1.png"}
    assert (tmp_path / "out" / "b-images" / "image1.png").read_bytes() == image_bytes("PNG")
    assert run("build", "out/b.yaml", cwd=tmp_path).returncode == 0


def test_from_forces_the_reader(tmp_path: Path) -> None:
    (tmp_path / "brief.txt").write_text("---\ntitle: T\n---\n# H\n\nText.\n")
    assert run("validate", "--from", "markdown", "brief.txt", cwd=tmp_path).stdout == "brief.txt: ok (0 notes)\n"
    proc = run("validate", "brief.txt", cwd=tmp_path)  # read as YAML by default
    assert proc.returncode == 1
    proc = run("build", "--from", "docx", "a.md", "b.md", cwd=tmp_path)
    assert proc.returncode == 2 and "--from and --style need exactly one brief" in proc.stderr
