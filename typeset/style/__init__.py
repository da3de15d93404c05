"""Layouts: files of data that say how a brief looks."""
from typeset.style.load import DEFAULT_LAYOUT, bundled_layouts, list_layouts, load_layout, parse_page_size
from typeset.style.schema import Layout

__all__ = ["DEFAULT_LAYOUT", "Layout", "bundled_layouts", "list_layouts", "load_layout", "parse_page_size"]
