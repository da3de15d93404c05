"""Every file opened and every network or process event during real renders, seen by an audit hook.

The hook runs in a child interpreter (audit_child.py), since audit hooks
cannot be removed. Allowed: the brief's folder, the bundled layouts/ and
fonts/, the typeset package and the Python installation (lazy imports,
Pyphen's dictionaries), and ReportLab's per-user settings files in the home
folder, which it looks for at import. Nothing else, no socket, no process.
"""
from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import typeset
from tests.security.helpers import environ, image_bytes
from typeset.resources import FONTS_DIR, LAYOUTS_DIR

CHILD = Path(__file__).with_name("audit_child.py")
FORBIDDEN = ("socket.", "urllib.", "http.", "ftplib.", "smtplib.", "webbrowser.", "subprocess.", "os.system",
             "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "pty.")
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

BRIEF = """\
title: Audited
language: de
publisher: {name: P, web: "https://example.org", logo: assets/logo.png}
sections:
  - heading: H
    content:
      - "A link <https://127.0.0.1:9/x>, [another](http://localhost:1/) and a note.[^a]"
      - image: assets/chart.png
        caption: A chart.^[An inline note <mailto:someone@example.org>.]
footnotes:
  a: See <https://example.org/report.pdf>.
"""


def python_prefixes() -> set[Path]:
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, *site.getsitepackages()}
    paths.update(sysconfig.get_paths().values())
    return {Path(p).resolve() for p in paths if p}


def allowed(path: str, folders: list[Path]) -> bool:
    real = Path(path).resolve()
    home = Path(os.path.expanduser("~"))
    if real.parent == home.resolve() and real.name in (".reportlab_settings", ".reportlab_mods"):
        return True
    return any(real == f or f in real.parents for f in folders)


def run_child(jobs: list[list[object]], cwd: Path) -> dict:
    env = environ()
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    proc = subprocess.run([sys.executable, str(CHILD), json.dumps(jobs)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    brief, outside = tmp_path / "brief", tmp_path / "outside"
    (brief / "assets").mkdir(parents=True)
    outside.mkdir()
    (brief / "assets" / "chart.png").write_bytes(image_bytes("PNG"))
    (brief / "assets" / "logo.png").write_bytes(image_bytes("PNG", mode="RGBA"))
    (outside / "secret.png").write_bytes(image_bytes("PNG"))
    (outside / "layout.yaml").write_text("version: 1\nextends: plain\n")
    (brief / "b.yaml").write_text(BRIEF)
    return brief, outside


def opened(result: dict) -> list[list]:
    return [e for e in result["events"] if e[0] == "open"]


def test_render_opens_only_allowed_files_and_no_socket_or_process(folders):
    brief, outside = folders
    result = run_child([[str(brief / "b.yaml"), str(brief / "b.pdf"), None, None]], cwd=brief)
    assert result["results"] == [["ok", "%PDF-"]]
    package = Path(typeset.__file__).resolve().parent
    ok = [brief.resolve(), package, LAYOUTS_DIR.resolve(), FONTS_DIR.resolve(), *python_prefixes()]
    files = opened(result)
    assert [e[1] for e in files if not allowed(e[1], ok)] == []
    assert [e for e in result["events"] if e[0].startswith(FORBIDDEN)] == []
    names = {Path(e[1]).name for e in files}
    assert {"b.yaml", "chart.png", "logo.png", "issi-brief.yaml"} <= names  # the hook did see the run
    assert not any(str(outside) in e[1] for e in files)
    # Writes: only the output's temporary file, beside it.
    writes = [e[1] for e in files if (e[2] or "r").strip("rbt") or e[3] & WRITE_FLAGS]
    assert writes and all(Path(w).parent == brief and Path(w).name.startswith(".b.pdf.") for w in writes), writes
    assert (brief / "b.pdf").read_bytes().startswith(b"%PDF")


def test_refused_files_are_never_opened(folders):
    brief, outside = folders
    secret = outside / "secret.png"
    (brief / "link.png").symlink_to(secret)
    (brief / "evil-layout.yaml").write_text("version: 1\nextends: ../outside/layout.yaml\n")
    cases = {
        "abs.yaml": f"      - image: {secret}\n",
        "dotdot.yaml": "      - image: ../outside/secret.png\n",
        "link.yaml": "      - image: link.png\n",
        "url.yaml": "      - image: http://127.0.0.1:9/x.png\n",
        "data.yaml": "      - image: 'data:image/png;base64,iVBORw0KGgo='\n",
        "layout.yaml": "      - Text.\nlayout: /etc/passwd\n",
        "layout2.yaml": "      - Text.\nlayout: ../outside/layout.yaml\n",
        "layout3.yaml": "      - Text.\nlayout: evil-layout.yaml\n",
    }
    jobs = []
    for name, content in cases.items():
        (brief / name).write_text(f"title: T\nsections:\n  - heading: H\n    content:\n{content}")
        jobs.append([str(brief / name), None, None, None])
    result = run_child(jobs, cwd=brief)
    assert [r[0] for r in result["results"]] == ["BriefError"] * len(cases), result["results"]
    touched = [e[1] for e in opened(result) if str(outside) in e[1] or e[1] == "/etc/passwd"]
    assert touched == []
    assert [e for e in result["events"] if e[0].startswith(FORBIDDEN)] == []


def test_root_widens_on_purpose(folders):
    brief, outside = folders
    (brief / "w.yaml").write_text("title: T\nsections:\n  - heading: H\n    content:\n"
                                  "      - image: ../outside/secret.png\n")
    result = run_child([[str(brief / "w.yaml"), None, None, None],
                        [str(brief / "w.yaml"), None, None, str(outside)]], cwd=brief)
    assert [r[0] for r in result["results"]] == ["BriefError", "ok"]
    assert [Path(e[1]).name for e in opened(result) if str(outside) in e[1]] == ["secret.png"]
