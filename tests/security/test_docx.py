"""Hostile Word files (and Markdown): each gets one clear error, and no file outside the brief's folder is opened.

A .docx is a zip of XML parts from whoever wrote it. Built here: a zip bomb
(one part that inflates past the limit, one that inflates a thousandfold),
XXE and billion-laughs XML, a picture linked to an outside file or URL,
`../` and absolute part names, and 100,000 parts.
"""
from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

import typeset
from tests.cli.cliutil import run
from tests.readers.docxutil import IMAGE, NS, brief_body, p, rels, write_docx
from tests.security.test_audit import FORBIDDEN, allowed, opened, python_prefixes, run_child
from typeset.errors import BriefError
from typeset.readers import load_brief
from typeset.resources import FONTS_DIR, LAYOUTS_DIR

DOC = "word/document.xml"


def _xml(body: str, doctype: str = "") -> str:
    return f'<?xml version="1.0"?>{doctype}<w:document {NS}><w:body>{body}</w:body></w:document>'


def hostile(folder: Path, secret: Path) -> dict[str, Path]:
    """One .docx per attack, in `folder`; `secret` is a file outside it."""
    body = brief_body(p("Text."))
    out = {}
    out["bomb"] = write_docx(folder / "bomb.docx", body, members={"word/media/big.png": b"\0" * 30_000_000})
    with zipfile.ZipFile(out["bomb"], "a") as z:  # make the document name the huge part
        z.writestr("word/_rels/document.xml.rels", rels(("rId1", IMAGE, "media/big.png", False)))
    out["bomb"] = _with_drawing(folder / "bomb.docx", body)
    out["ratio"] = write_docx(folder / "ratio.docx", body + "<!--" + " " * 5_000_000 + "-->")
    xxe = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'
    out["xxe"] = write_docx(folder / "xxe.docx", "", members={DOC: _xml(brief_body(p("&x;")), xxe)})
    laughs = '<!DOCTYPE d [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' + "".join(
        f'<!ENTITY {chr(99 + i)} "{("&" + chr(98 + i) + ";") * 10}">' for i in range(8)) + "]>"
    out["laughs"] = write_docx(folder / "laughs.docx", "", members={DOC: _xml(brief_body(p("&j;")), laughs)})
    linked = rels(("rId1", IMAGE, secret.as_uri(), True))
    out["linked"] = write_docx(folder / "linked.docx", body, doc_rels=linked)
    url = rels(("rId1", IMAGE, "http://127.0.0.1:9/x.png", True))
    out["url"] = write_docx(folder / "url.docx", body, doc_rels=url)
    out["climb"] = write_docx(folder / "climb.docx", body, members={"../../evil.xml": "<x/>"})
    out["absolute"] = write_docx(folder / "absolute.docx", body, members={"/etc/evil.xml": "<x/>"})
    inside_out = rels(("rId1", IMAGE, "../../" + secret.name, False))
    out["target"] = write_docx(folder / "target.docx", body, doc_rels=inside_out)
    many = folder / "many.docx"
    with zipfile.ZipFile(many, "w", zipfile.ZIP_STORED) as z:
        z.writestr(DOC, _xml(body))
        for i in range(100_000):
            z.writestr(f"{i:x}", b"")
    out["many"] = many
    return out


def _with_drawing(path: Path, body: str) -> Path:
    drawing = ('<w:p><w:r><w:drawing><a:blip r:embed="rId1"/></w:drawing></w:r></w:p>')
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist() if n != DOC}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(DOC, _xml(body + drawing))
        for name, data in members.items():
            z.writestr(name, data)
    return path


MESSAGES = {
    "bomb": "part 'word/media/big.png' inflates to",
    "ratio": "part 'word/document.xml' inflates",
    "xxe": "part 'word/document.xml' declares a DTD or entities",
    "laughs": "part 'word/document.xml' declares a DTD or entities",
    "linked": "the document links to an outside file",
    "url": "the document links to an outside file ('http://127.0.0.1:9/x.png', image)",
    "climb": "part name '../../evil.xml' points outside the package",
    "absolute": "part name '/etc/evil.xml' points outside the package",
    "target": "a relationship points outside the package",
    "many": "too many parts in the .docx (100,001; the limit is 2,000)",
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Path]]:
    root = tmp_path_factory.mktemp("docx")
    brief, outside = root / "brief", root / "outside"
    brief.mkdir()
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("the secret\n")
    return brief, secret, hostile(brief, secret)


@pytest.mark.parametrize("case", sorted(MESSAGES))
def test_one_clear_error(files, case: str) -> None:
    _, _, paths = files
    start = time.perf_counter()
    with pytest.raises(BriefError) as info:
        load_brief(paths[case])
    assert time.perf_counter() - start < 10
    (problem,) = info.value.problems
    assert problem.severity == "error" and problem.path == str(paths[case])
    assert problem.message.startswith(MESSAGES[case]), problem.message
    assert "the secret" not in str(info.value)


@pytest.mark.parametrize("case", ["bomb", "xxe", "climb"])
def test_the_command_exits_1_and_writes_nothing(files, case: str) -> None:
    brief, _, paths = files
    proc = run("build", str(paths[case]), "-o", str(brief / f"{case}.pdf"), cwd=brief)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(f"{paths[case]}: error: ")
    assert not (brief / f"{case}.pdf").exists()


def test_no_file_outside_the_folder_is_opened(files) -> None:
    brief, secret, paths = files
    result = run_child([[str(path), None, None, None] for path in paths.values()], cwd=brief)
    assert [r[0] for r in result["results"]] == ["BriefError"] * len(paths)
    package = Path(typeset.__file__).resolve().parent
    ok = [brief.resolve(), package, LAYOUTS_DIR.resolve(), FONTS_DIR.resolve(), *python_prefixes()]
    files_opened = opened(result)
    assert [e[1] for e in files_opened if not allowed(e[1], ok)] == []
    assert not any(str(secret.parent) in e[1] for e in files_opened)
    assert {Path(e[1]).name for e in files_opened} >= {p.name for p in paths.values()}
    assert [e for e in result["events"] if e[0].startswith(FORBIDDEN)] == []


def test_a_good_docx_opens_only_its_own_file(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "good.docx", brief_body(p("Text.")))
    result = run_child([[str(path), str(tmp_path / "good.pdf"), None, None]], cwd=tmp_path)
    assert result["results"] == [["ok", "%PDF-"]]
    package = Path(typeset.__file__).resolve().parent
    ok = [tmp_path.resolve(), package, LAYOUTS_DIR.resolve(), FONTS_DIR.resolve(), *python_prefixes()]
    assert [e[1] for e in opened(result) if not allowed(e[1], ok)] == []


def test_markdown_opens_only_its_folder(tmp_path: Path) -> None:
    brief, outside = tmp_path / "brief", tmp_path / "outside"
    brief.mkdir()
    outside.mkdir()
    (outside / "secret.png").write_bytes(b"\x89PNG not read")
    (brief / "good.md").write_text("---\ntitle: T\n---\n# H\n\nText.[^a]\n\n[^a]: A note <https://e.org>.\n")
    (brief / "bad.md").write_text("---\ntitle: T\nlayout: ../outside/x.yaml\n---\n# H\n\n"
                                  "![x](../outside/secret.png)\n")
    result = run_child([[str(brief / "good.md"), str(brief / "good.pdf"), None, None],
                        [str(brief / "bad.md"), None, None, None]], cwd=brief)
    assert [r[0] for r in result["results"]] == ["ok", "BriefError"]
    package = Path(typeset.__file__).resolve().parent
    ok = [brief.resolve(), package, LAYOUTS_DIR.resolve(), FONTS_DIR.resolve(), *python_prefixes()]
    assert [e[1] for e in opened(result) if not allowed(e[1], ok)] == []
    assert [e for e in result["events"] if e[0].startswith(FORBIDDEN)] == []


def test_a_zip_that_understates_its_parts_is_still_refused(files, tmp_path: Path) -> None:
    import struct

    data = bytearray(files[2]["many"].read_bytes())
    record = data.rfind(b"PK\x06\x06")  # the zip64 end record: its counts say 3 parts
    struct.pack_into("<QQ", data, record + 24, 3, 3)
    path = tmp_path / "liar.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(BriefError) as info:
        load_brief(path)
    (problem,) = info.value.problems
    assert problem.message.startswith("too many parts in the .docx (100,001; the limit is 2,000)")
