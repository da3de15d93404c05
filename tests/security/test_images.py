"""Images: PNG and JPEG only, identified by Pillow from their content, within pixel limits.

Each bad image is one clear, positioned BriefError: never a crash, a hang,
gigabytes of memory or a Ghostscript run.
"""
from __future__ import annotations

import io
import os
import subprocess
import threading
from pathlib import Path

import pytest
from PIL import Image, features

import typeset
from tests.security.helpers import EPS, SVG, brief_yaml, image_bytes, png_claiming
from tests.security.helpers import typeset as run_cli
from typeset.errors import BriefError
from typeset.layout.images import ImageProblem, ImageStore


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose frame header claims `width` x `height`."""
    data = bytearray(image_bytes("JPEG", (8, 8)))
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return bytes(data)


def render_image(folder: Path, name: str, data: bytes) -> BriefError | bytes:
    (folder / name).write_bytes(data)
    path = folder / "b.yaml"
    path.write_text(brief_yaml(f"      - image: {name}\n        caption: Figure.\n"))
    try:
        return typeset.render(typeset.load(path))
    except BriefError as exc:
        return exc


def refused(folder: Path, name: str, data: bytes) -> str:
    result = render_image(folder, name, data)
    assert isinstance(result, BriefError), "the image was accepted"
    assert (result.line, result.column) == (5, 9)
    assert "\n" not in result.message
    return result.message


@pytest.fixture
def no_processes(monkeypatch):
    """Opening an image must never start a program (Pillow runs Ghostscript for EPS)."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"a process was started: {args!r}")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr(os, "system", refuse)


def test_png_bomb_is_refused_quickly(tmp_path, no_processes):
    data = png_claiming(20_000, 20_000)
    assert len(data) < 200
    assert refused(tmp_path, "bomb.png", data) == "image 'bomb.png' is too large (decompression bomb)"


@pytest.mark.parametrize("size", [(7_000, 7_000), (10_000, 10_000)])
def test_images_over_our_pixel_limit_are_refused_before_decoding(tmp_path, size, no_processes):
    message = refused(tmp_path, "big.png", png_claiming(*size))
    assert "more than the limit" in message or "decompression bomb" in message


def test_jpeg_bomb_is_refused(tmp_path, no_processes):
    assert "decompression bomb" in refused(tmp_path, "bomb.jpg", jpeg_claiming(60_000, 60_000))


def test_bomb_through_the_command_line_is_one_line_and_small(tmp_path):
    (tmp_path / "bomb.png").write_bytes(png_claiming(20_000, 20_000))
    (tmp_path / "b.yaml").write_text(brief_yaml("      - image: bomb.png\n"))
    run = run_cli("build", "b.yaml", cwd=tmp_path)
    assert (run.returncode, run.stderr) == (1, "b.yaml:5:9: error: image 'bomb.png' is too large "
                                               "(decompression bomb)\n")
    assert run.max_rss_mb < 300
    assert not (tmp_path / "b.pdf").exists()


def other_formats() -> dict[str, bytes]:
    found = {"gif": image_bytes("GIF"), "bmp": image_bytes("BMP"), "tiff": image_bytes("TIFF"),
             "ico": image_bytes("ICO", (16, 16)), "eps": EPS, "svg": SVG, "pdf": b"%PDF-1.4\n%%EOF\n",
             "text": b"not an image at all", "empty": b""}
    if features.check("webp"):
        found["webp"] = image_bytes("WEBP")
    return found


@pytest.mark.parametrize("kind", sorted(other_formats()))
def test_other_formats_named_png_are_refused(tmp_path, kind, no_processes):
    assert refused(tmp_path, "x.png", other_formats()[kind]) == "image 'x.png' is not a PNG or JPEG file"
    assert not (tmp_path / "pwned-by-eps").exists() and not Path("pwned-by-eps").exists()


def test_truncated_and_corrupt_png_are_refused(tmp_path, no_processes):
    good = image_bytes("PNG", (300, 200))
    assert refused(tmp_path, "half.png", good[:len(good) // 2]) == "cannot read image 'half.png'"
    corrupt = bytearray(good)
    corrupt[60:80] = b"\x00" * 20
    assert refused(tmp_path, "bad.png", bytes(corrupt)) == "cannot read image 'bad.png'"
    assert refused(tmp_path, "head.png", good[:33]) in ("cannot read image 'head.png'",
                                                        "image 'head.png' is not a PNG or JPEG file")


def test_png_and_jpeg_are_told_by_content_not_name(tmp_path):
    assert isinstance(render_image(tmp_path, "photo.png", image_bytes("JPEG")), bytes)
    assert isinstance(render_image(tmp_path, "chart.jpg", image_bytes("PNG", mode="P")), bytes)


def test_a_fifo_named_png_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.png")
    path = tmp_path / "b.yaml"
    path.write_text(brief_yaml("      - image: pipe.png\n"))
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(_render_or_error(path)), daemon=True)
    worker.start()
    worker.join(20)
    assert not worker.is_alive(), "rendering blocked on a FIFO"
    assert isinstance(outcome[0], BriefError) and outcome[0].message == "cannot read image 'pipe.png'"


def _render_or_error(path: Path) -> bytes | BriefError:
    try:
        return typeset.render(typeset.load(path))
    except BriefError as exc:
        return exc


def test_total_pixels_of_a_brief_are_bounded(tmp_path):
    for i in range(3):
        buf = io.BytesIO()
        Image.new("RGB", (10, 10), (i, 0, 0)).save(buf, "PNG")
        (tmp_path / f"{i}.png").write_bytes(buf.getvalue())
    store = ImageStore([tmp_path], max_pixels=100, max_total_pixels=250)
    store.load("0.png", tmp_path)
    store.load("1.png", tmp_path)
    store.load("0.png", tmp_path)  # the same file again costs nothing
    with pytest.raises(ImageProblem, match="past 250 pixels in all"):
        store.load("2.png", tmp_path)
