"""Pages -> plain text with positions, for golden tests and for reading a layout by eye."""
from __future__ import annotations

from collections.abc import Sequence

from typeset.layout.elements import ImageItem, Page, RuleItem, TextItem


def dump_pages(pages: Sequence[Page]) -> str:
    """One block per page; one line per element: role, x, y, height, then its text."""
    out: list[str] = []
    for page in pages:
        out.append(f"page {page.number} {page.width:.2f}x{page.height:.2f} notes={page.note_numbers}")
        for x, y, elem in page.placed:
            parts = []
            for item in elem.items:
                if isinstance(item, TextItem):
                    tag = f"^{item.frag.mark}" if item.frag.mark is not None else ""
                    parts.append(f"{item.frag.text}{tag}")
                elif isinstance(item, RuleItem):
                    parts.append(f"[rule {item.width:.2f}]")
                elif isinstance(item, ImageItem):
                    parts.append(f"[image {item.width:.2f}x{item.height:.2f}]")
            out.append(f"  {elem.role:<10} x={x:8.2f} y={y:8.2f} h={elem.height:6.2f} | {' '.join(parts)}")
    return "\n".join(out) + "\n"
