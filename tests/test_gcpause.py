"""The cyclic collector is paused during a render and restored after it, however it ends."""
from __future__ import annotations

import gc
import threading

import pytest

import typeset
from typeset import gcpause
from typeset.gcpause import collector_paused


def test_paused_inside_restored_after_even_on_error() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer one still runs
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_left_disabled_when_it_was_disabled_before() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_threads_share_one_pause() -> None:
    inside = threading.Barrier(3)
    leave = threading.Event()

    def render() -> None:
        with collector_paused():
            inside.wait()
            leave.wait()

    threads = [threading.Thread(target=render) for _ in range(2)]
    for t in threads:
        t.start()
    inside.wait()
    assert not gc.isenabled() and gcpause._running == 2
    leave.set()
    for t in threads:
        t.join()
    assert gc.isenabled() and gcpause._running == 0


def test_render_runs_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    from typeset import pipeline

    seen: list[bool] = []
    real = pipeline.write_pdf

    def spy(*args: object, **kw: object) -> bytes:
        seen.append(gc.isenabled())
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "write_pdf", spy)
    brief = typeset.Brief.from_dict({"title": "T", "sections": [{"heading": "H", "content": ["Text."]}]})
    assert typeset.render(brief).startswith(b"%PDF")
    assert seen == [False] and gc.isenabled()
