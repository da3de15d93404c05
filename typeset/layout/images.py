"""Images checked before use: PNG or JPEG only, bounded pixel count, inside the allowed folders.

Pillow opens the file (never ReportLab, which would read any path or URL);
the decoded image is kept and handed to the renderer as an object. Pillow is
imported by the first image, so a brief without one never loads it.
"""
from __future__ import annotations

import io
import stat
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from typeset.safepath import PathRefused, resolve_inside
from typeset.values import Value

if TYPE_CHECKING:
    from PIL import Image as PILImage

MAX_PIXELS = 40_000_000
MAX_TOTAL_PIXELS = 80_000_000  # all distinct images of one brief, decoded in memory together
MAX_FILE_BYTES = 20_000_000


class ImageProblem(ValueError):
    """An image that cannot be used; the message is for the user."""


@dataclass(slots=True, eq=False, repr=False)
class LoadedImage(Value):
    """A decoded, checked image and its size in pixels; `key` names it in the store."""

    key: str
    width_px: int
    height_px: int
    image: PILImage.Image


class ImageStore:
    """Loads each image once and remembers it for the renderer."""

    def __init__(self, roots: Sequence[Path], max_pixels: int = MAX_PIXELS,
                 max_total_pixels: int = MAX_TOTAL_PIXELS, embedded: Mapping[str, bytes] | None = None) -> None:
        self.roots = tuple(roots)
        self.embedded = dict(embedded or {})  # pictures carried inside the source (a .docx), by name
        self.max_pixels = max_pixels
        self.max_total_pixels = max_total_pixels
        self.total_pixels = 0
        self.images: dict[str, LoadedImage] = {}

    def load(self, name: str, base: Path) -> LoadedImage:
        if name in self.embedded:
            key = "embedded:" + name
            if key not in self.images:
                data = self.embedded[name]
                self.images[key] = self._open(lambda: io.BytesIO(data), len(data), key, name)
            return self.images[key]
        try:
            path = resolve_inside(name, base, self.roots)
        except PathRefused as exc:
            raise ImageProblem(str(exc)) from None
        key = str(path)
        if key not in self.images:
            try:
                st = path.stat()
            except OSError:
                raise ImageProblem(f"cannot read image '{name}'") from None
            if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block or never end
                raise ImageProblem(f"cannot read image '{name}'")
            self.images[key] = self._open(lambda: path.open("rb"), st.st_size, key, name)
        return self.images[key]

    def _open(self, opener: Callable[[], BinaryIO], size: int, key: str, name: str) -> LoadedImage:
        from PIL import Image as PILImage  # here, not at the top: most briefs show no image

        try:
            if size > MAX_FILE_BYTES:
                raise ImageProblem(f"image '{name}' is larger than {MAX_FILE_BYTES // 1_000_000} MB")
            with warnings.catch_warnings():
                warnings.simplefilter("error", PILImage.DecompressionBombWarning)
                with opener() as f, PILImage.open(f, formats=["PNG", "JPEG"]) as im:
                    w, h = im.size
                    if w * h > self.max_pixels:
                        raise ImageProblem(f"image '{name}' has {w}x{h} pixels, more than the limit "
                                           f"of {self.max_pixels:,}")
                    if self.total_pixels + w * h > self.max_total_pixels:
                        raise ImageProblem(f"image '{name}' takes the images of this brief past "
                                           f"{self.max_total_pixels:,} pixels in all; use smaller images")
                    im.load()
                    img = _normalise(im)
                    self.total_pixels += w * h
        except ImageProblem:
            raise
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise ImageProblem(f"image '{name}' is too large (decompression bomb)") from None
        except PILImage.UnidentifiedImageError:
            raise ImageProblem(f"image '{name}' is not a PNG or JPEG file") from None
        except (OSError, SyntaxError, ValueError):
            raise ImageProblem(f"cannot read image '{name}'") from None
        return LoadedImage(key, w, h, img)


def _normalise(im: PILImage.Image) -> PILImage.Image:
    """A copy in a mode ReportLab embeds directly (RGB, RGBA or L)."""
    if im.mode in ("RGB", "L", "RGBA"):
        return im.copy()
    if im.mode in ("LA", "P", "PA") or "transparency" in im.info:
        return im.convert("RGBA")
    return im.convert("RGB")
