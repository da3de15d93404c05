"""Draw the example images (logo.png, chart.png) with Pillow.

Run from anywhere: python examples/assets/make_assets.py
The output is deterministic, so re-running it leaves the files unchanged.
"""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONTS = HERE.parent.parent / "fonts"
NAVY = (16, 42, 84)
TEAL = (0, 128, 128)
GREY = (120, 120, 120)
LIGHT = (225, 230, 236)


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / name), size)


def logo() -> None:
    """300x100: a wave-and-compass mark and the observatory's initials."""
    im = Image.new("RGB", (300, 100), "white")
    d = ImageDraw.Draw(im)
    # compass ring with a four-point star
    d.ellipse((10, 10, 90, 90), outline=NAVY, width=5)
    d.polygon([(50, 16), (57, 50), (50, 84), (43, 50)], fill=NAVY)
    d.polygon([(16, 50), (50, 43), (84, 50), (50, 57)], fill=TEAL)
    d.ellipse((45, 45, 55, 55), fill="white", outline=NAVY, width=2)
    # initials and a wave rule
    d.text((104, 12), "MTO", font=font("LiberationSans-Bold.ttf", 46), fill=NAVY)
    d.text((106, 66), "Maritime Trade Observatory", font=font("LiberationSans-Regular.ttf", 15), fill=GREY)
    for i in range(5):
        x = 210 + i * 16
        d.arc((x, 30, x + 16, 46), start=180, end=360, fill=TEAL, width=3)
    im.save(HERE / "logo.png", optimize=True)


def chart() -> None:
    """600x300: a bar chart of an illustrative transit index by quarter."""
    data = [("Q3 2023", 100), ("Q4 2023", 92), ("Q1 2024", 48),
            ("Q2 2024", 41), ("Q3 2024", 39), ("Q4 2024", 40)]
    im = Image.new("RGB", (600, 300), "white")
    d = ImageDraw.Draw(im)
    title = font("LiberationSans-Bold.ttf", 16)
    small = font("LiberationSans-Regular.ttf", 12)
    d.text((20, 10), "Suez Canal transits, index (Q3 2023 = 100)", font=title, fill=NAVY)
    left, right, top, bottom = 60, 580, 50, 250
    for v in range(0, 101, 25):  # grid and axis labels
        y = bottom - (bottom - top) * v / 100
        d.line((left, y, right, y), fill=LIGHT, width=1)
        d.text((left - 8, y), str(v), font=small, fill=GREY, anchor="rm")
    d.line((left, top, left, bottom), fill=GREY, width=1)
    d.line((left, bottom, right, bottom), fill=GREY, width=1)
    step = (right - left) / len(data)
    for i, (label, v) in enumerate(data):
        x0 = left + i * step + step * 0.2
        x1 = left + (i + 1) * step - step * 0.2
        y = bottom - (bottom - top) * v / 100
        d.rectangle((x0, y, x1, bottom), fill=NAVY if i < 2 else TEAL)
        d.text(((x0 + x1) / 2, y - 4), str(v), font=small, fill=NAVY, anchor="md")
        d.text(((x0 + x1) / 2, bottom + 6), label, font=small, fill=GREY, anchor="ma")
    d.text((right, 292), "Illustrative data", font=small, fill=GREY, anchor="rd")
    im.save(HERE / "chart.png", optimize=True)


if __name__ == "__main__":
    logo()
    chart()
