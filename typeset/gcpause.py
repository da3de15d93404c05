"""Automatic garbage collection paused while a brief is read or rendered.

Reading a long brief and rendering it allocate hundreds of thousands of small
objects (nodes, items, lines, fragments) that live until the page is drawn,
and build no reference cycles: reference counting frees all of it. The cyclic
collector would only scan those objects again and again, a tenth of the time
on a long brief. Collection is paused while at least one read or render is
running in the process (a count under a lock, so concurrent renders in
threads agree) and restored to what it was when the last one ends; anything
cyclic made meanwhile is collected as usual afterwards.
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_running = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with automatic collection off; nestable and thread-safe."""
    global _running, _was_enabled
    with _lock:
        if _running == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0 and _was_enabled:
                gc.enable()
