"""File access stays inside the brief's folder, the layout's folder and the bundled folders.

Refusals are positioned at the node that named the file and never say
whether the refused file exists; `root=` / `--root` widen the set on purpose.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import typeset
from tests.security.helpers import brief_yaml, image_bytes
from tests.security.helpers import typeset as run_cli
from typeset.errors import BriefError


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """tmp/brief (the brief's folder, with ok.png) and tmp/outside (with secret.png)."""
    (tmp_path / "brief").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "brief" / "ok.png").write_bytes(image_bytes("PNG"))
    (tmp_path / "outside" / "secret.png").write_bytes(image_bytes("PNG"))
    return tmp_path


def refusal(folder: Path, src: str) -> BriefError:
    path = folder / "brief" / "b.yaml"
    path.write_text(brief_yaml(f"      - Text.\n      - image: '{src}'\n        caption: C\n"))
    brief = typeset.load(path)
    with pytest.raises(BriefError) as info:
        typeset.render(brief)
    return info.value


@pytest.mark.parametrize("src", [
    "{outside}/secret.png",  # absolute
    "../outside/secret.png",
    "../../../../../../../../etc/passwd",
    "~/.ssh/id_rsa",
    "sub/../../outside/secret.png",
])
def test_escaping_paths_are_refused_at_the_image_node(tree, src):
    src = src.format(outside=tree / "outside")
    err = refusal(tree, src)
    assert (err.path, err.line, err.column) == (str(tree / "brief" / "b.yaml"), 6, 9)
    assert "not allowed" in err.message or "outside the folders" in err.message


@pytest.mark.parametrize("src", ["http://127.0.0.1:9/x.png", "https://example.org/x.png",
                                 "data:image/png;base64,iVBORw0KGgo=", "file:///etc/passwd",
                                 "ftp://example.org/x.png", "//example.org/x.png"])
def test_urls_are_never_fetched(tree, src):
    err = refusal(tree, src)
    assert (err.line, err.column) == (6, 9)
    assert "never fetched" in err.message or "outside the folders" in err.message or "not allowed" in err.message


@pytest.mark.parametrize("existing, missing", [
    ("{outside}/secret.png", "{outside}/missing.png"),
    ("../outside/secret.png", "../outside/missing.png"),
    ("../outside/secret.png", "../nowhere/secret.png"),
])
def test_messages_do_not_reveal_whether_an_outside_file_exists(tree, existing, missing):
    existing, missing = existing.format(outside=tree / "outside"), missing.format(outside=tree / "outside")
    a, b = refusal(tree, existing), refusal(tree, missing)
    assert (a.line, a.column, a.message.replace(existing, "<name>")) == \
        (b.line, b.column, b.message.replace(missing, "<name>"))


def test_symlinks_leaving_the_folder_are_refused(tree):
    brief = tree / "brief"
    (brief / "link.png").symlink_to(tree / "outside" / "secret.png")
    (brief / "dir").symlink_to(tree / "outside", target_is_directory=True)
    (brief / "dangling.png").symlink_to(tree / "outside" / "missing.png")
    msgs = {src: refusal(tree, src).message for src in ("link.png", "dir/secret.png", "dangling.png")}
    assert all("outside the folders" in m for m in msgs.values()), msgs
    assert msgs["link.png"].replace("link.png", "X") == msgs["dangling.png"].replace("dangling.png", "X")


def test_symlinks_inside_the_folder_are_fine(tree):
    brief = tree / "brief"
    (brief / "assets").mkdir()
    (brief / "assets" / "alias.png").symlink_to(brief / "ok.png")
    path = brief / "b.yaml"
    path.write_text(brief_yaml("      - image: assets/alias.png\n      - image: ./assets/../ok.png\n"))
    assert typeset.render(typeset.load(path)).startswith(b"%PDF")


def test_missing_file_inside_the_folder_says_so_without_leaking(tree):
    err = refusal(tree, "nope.png")
    assert err.message == "cannot read image 'nope.png'"


def test_logo_refusal_points_at_the_logo(tree):
    path = tree / "brief" / "b.yaml"
    path.write_text(brief_yaml(head="publisher:\n  name: P\n  logo: ../outside/secret.png\n"))
    with pytest.raises(BriefError) as info:
        typeset.render(typeset.load(path))
    assert (info.value.line, info.value.column) == (4, 9)
    assert "outside the folders" in info.value.message


@pytest.mark.parametrize("layout", ["/etc/passwd", "/dev/zero", "../outside/layout.yaml", "link.yaml"])
def test_a_brief_cannot_name_a_layout_outside_its_folder(tree, layout):
    (tree / "outside" / "layout.yaml").write_text("version: 1\nextends: plain\n")
    (tree / "brief" / "link.yaml").symlink_to(tree / "outside" / "layout.yaml")
    path = tree / "brief" / "b.yaml"
    path.write_text(brief_yaml(head=f"layout: {layout}\n"))
    with pytest.raises(BriefError) as info:
        typeset.render(typeset.load(path))
    assert (info.value.line, info.value.column) == (2, 9)
    assert info.value.message.startswith("'layout': ")


def test_a_layout_beside_the_brief_cannot_extend_outside(tree):
    brief = tree / "brief"
    (brief / "mine.yaml").write_text("version: 1\nextends: /etc/shadow\n")
    path = brief / "b.yaml"
    path.write_text(brief_yaml(head="layout: mine.yaml\n"))
    with pytest.raises(BriefError) as info:
        typeset.render(typeset.load(path))
    assert info.value.path.endswith("mine.yaml") and info.value.line == 2
    assert "absolute paths are not allowed" in info.value.message
    (brief / "mine.yaml").write_text("version: 1\nextends: plain\n")  # bundled layouts are fine
    assert typeset.render(typeset.load(path)).startswith(b"%PDF")


def test_layout_fonts_stay_beside_the_layout_or_bundled(tree):
    lay = tree / "outside" / "fonts.yaml"
    lay.write_text("version: 1\nextends: plain\nfonts:\n  families:\n    serif: {regular: /etc/passwd}\n")
    path = tree / "brief" / "b.yaml"
    path.write_text(brief_yaml())
    with pytest.raises(BriefError) as info:
        typeset.render(typeset.load(path), str(lay))
    assert "absolute paths are not allowed" in info.value.message


def test_root_widens_render_and_build(tree):
    path = tree / "brief" / "b.yaml"
    path.write_text(brief_yaml("      - image: ../outside/secret.png\n"))
    brief = typeset.load(path)
    with pytest.raises(BriefError):
        typeset.render(brief)
    assert typeset.render(brief, root=tree / "outside").startswith(b"%PDF")
    assert typeset.render(brief, root=[str(tree / "elsewhere"), str(tree / "outside")]).startswith(b"%PDF")
    built = typeset.build(path, tree / "out.pdf", root=str(tree / "outside"))
    assert built.path.read_bytes().startswith(b"%PDF")
    with pytest.raises(BriefError):  # widening one folder does not open the rest of the disk
        typeset.render(typeset.Brief.from_dict(
            {"title": "T", "sections": [{"heading": "H", "content": [{"image": "../../etc/passwd"}]}]},
            base_dir=tree / "brief"), root=tree / "outside")


def test_root_widens_the_command_line(tree):
    path = tree / "brief" / "b.yaml"
    path.write_text(brief_yaml("      - image: ../outside/secret.png\n"))
    refused = run_cli("build", "b.yaml", "-o", "out.pdf", cwd=tree / "brief")
    assert refused.returncode == 1
    assert refused.stderr == "b.yaml:5:9: error: '../outside/secret.png' is outside the folders this brief may read\n"
    assert not (tree / "brief" / "out.pdf").exists()
    ok = run_cli("build", "b.yaml", "-o", "out.pdf", "--root", "../outside", "-q", cwd=tree / "brief")
    assert (ok.returncode, ok.stderr) == (0, "")
    assert (tree / "brief" / "out.pdf").read_bytes().startswith(b"%PDF")
