"""`typeset.build_many`: every brief built or failed on its own, on any executor, in order."""
from __future__ import annotations

import io
import pickle
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdf
import pytest

import typeset
from typeset.errors import BriefError, InternalError, Problem
from typeset.many import MAX_CHUNK, Task, auto_chunk, build_many, executor_slots, run_task

BROKEN = "title: Broken\nsections:\n  - heading: H\n    content:\n      - Text.[^gone]\n"


def brief_text(n: int) -> str:
    """A small brief whose words and notes differ with `n`."""
    words = " ".join(f"word{n}x{i}" for i in range(40 + n))
    return (f"title: Brief number {n}\nauthors:\n  - name: Author {n}\nsections:\n  - heading: Part {n}\n"
            f"    content:\n      - {words}.[^a]\n      - Second paragraph {n}.[^b]\n"
            f"footnotes:\n  a: Note a of {n}.\n  b: Note b of {n}.\n")


def write_briefs(folder: Path, count: int, broken: int | None = None) -> list[Path]:
    paths = []
    for n in range(count):
        path = folder / f"b{n:02d}.yaml"
        path.write_text(BROKEN if n == broken else brief_text(n), encoding="utf-8")
        paths.append(path)
    return paths


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_one_broken_brief_fails_alone_with_its_position(tmp_path):
    paths = write_briefs(tmp_path, 4, broken=2)
    seen: list[int] = []
    results = build_many(paths, jobs=1, progress=lambda i, r: seen.append(i))
    assert sorted(seen) == [0, 1, 2, 3]
    assert [type(r) for r in results] == [typeset.Built, typeset.Built, BriefError, typeset.Built]
    error = results[2]
    assert (error.path, error.line, error.column) == (str(paths[2]), 5, 14)
    assert "gone" in error.message
    for n in (0, 1, 3):
        assert results[n].path == paths[n].with_suffix(".pdf")
        assert f"Part {n}" in text_of(results[n].path.read_bytes())
        assert (results[n].pages, results[n].notes) == (1, 2)
    assert not paths[2].with_suffix(".pdf").exists()


def test_out_dir_bytes_sources_and_name_clashes(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = tmp_path / "a" / "same.yaml"
    two = tmp_path / "b" / "same.yaml"
    one.write_text(brief_text(1), encoding="utf-8")
    two.write_text(brief_text(2), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    results = build_many(["a/same.yaml", "b/same.yaml", brief_text(3).encode()], "out", jobs=1)
    assert results[0].path == Path("out/same.pdf")  # the folder as given
    assert isinstance(results[1], BriefError) and "also written to" in results[1].message
    assert results[2].path == Path("out/brief-3.pdf")
    assert "Part 3" in text_of((tmp_path / results[2].path).read_bytes())
    [in_memory] = build_many([brief_text(4).encode()], jobs=1)
    assert in_memory.path is None and "Part 4" in text_of(in_memory.pdf)


def test_tasks_do_not_depend_on_the_current_folder(tmp_path, monkeypatch):
    [path] = write_briefs(tmp_path, 1)
    monkeypatch.chdir(tmp_path)
    from typeset.many import plan

    [task], _ = plan(["b00.yaml"], None, layout="plain")
    assert task.source == str(path) and task.name == "b00.yaml" and task.layout == "plain"
    monkeypatch.chdir("/")
    built = run_task(pickle.loads(pickle.dumps(task)))
    assert built.pdf.startswith(b"%PDF-") and built.path is None


def test_errors_cross_process_boundaries_with_their_positions():
    error = BriefError([Problem("x.yaml", 3, 4, "bad"), Problem("x.yaml", 5, 1, "worse")])
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is BriefError and copy.problems == error.problems and copy.line == 3
    internal = pickle.loads(pickle.dumps(InternalError(Problem("y", None, None, "internal error: boom"))))
    assert isinstance(internal, InternalError)


def test_an_exception_in_a_task_is_an_internal_error(monkeypatch):
    monkeypatch.setattr("typeset.pipeline.compile_brief", lambda *a, **k: 1 / 0)
    result = run_task(Task("<brief 1>", brief_text(1).encode()))
    assert isinstance(result, InternalError)
    assert result.message == "internal error: ZeroDivisionError: division by zero"


def test_local_process_pool(tmp_path):
    paths = write_briefs(tmp_path, 3, broken=1)
    results = build_many(paths, tmp_path / "out", jobs=2)
    assert [type(r).__name__ for r in results] == ["Built", "BriefError", "Built"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["b00.pdf", "b02.pdf"]


def _corpus_briefs() -> list[typeset.Brief]:
    root = Path(__file__).resolve().parents[2]
    files = [*sorted((root / "examples").glob("*.yaml")), *sorted((root.parent / "shared" / "corpus").glob("*.yaml"))]
    return [typeset.load(f) for f in files]


def test_concurrent_renders_in_threads_equal_serial_renders_byte_for_byte(monkeypatch):
    """Different briefs in different layouts at once: any shared state left unguarded (font
    subsetting, font registration, per-render warning counts, ReportLab settings) shows up as
    different bytes or different warnings."""
    from reportlab.pdfbase import ttfonts

    from typeset.pipeline import render_result

    def seek_then_yield(self, pos):  # a shared font file's read position is where threads would collide
        self._pos = pos
        time.sleep(0)

    monkeypatch.setattr(ttfonts.TTFontParser, "seek", seek_then_yield)

    def lacking(chars: str) -> typeset.Brief:  # characters no bundled font has: one warning each
        paragraphs = [f"Paragraph {i} with {c} in it, " + "and words " * 30 for i, c in enumerate(chars)]
        return typeset.Brief.from_dict({"title": "Glyphs", "sections": [{"heading": "H", "content": paragraphs}]})

    briefs = [*_corpus_briefs(), lacking("\u16a0\u16a1\u0e01"), lacking("\u0e02\u0e03"), lacking("\u13a0\u13a1")]
    layouts = ("issi-brief", "plain", "policy-paper")
    jobs = [(b, layouts[(n + k) % 3], k == 1 and b.title != "Glyphs")  # PDF/A too: it swaps a stream writer
            for n, b in enumerate(briefs) for k in range(2)]
    serial = [render_result(b, layout, pdfa=pdfa) for b, layout, pdfa in jobs]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often, so that a race has every chance to show
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            threaded = list(pool.map(lambda job: render_result(job[0], job[1], pdfa=job[2]), jobs[::-1]))[::-1]
    finally:
        sys.setswitchinterval(interval)
    assert [r.pdf for r in threaded] == [r.pdf for r in serial]
    assert [r.warnings for r in threaded] == [r.warnings for r in serial]


def test_build_many_on_a_thread_pool(tmp_path):
    paths = write_briefs(tmp_path, 6, broken=4)
    serial = build_many(paths, tmp_path / "serial", jobs=1)
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = build_many(paths, tmp_path / "threads", executor=pool)
        chunked = build_many(paths, tmp_path / "chunks", executor=pool, chunk=4)
    assert [type(r) for r in chunked] == [type(r) for r in serial]
    assert [r.path.name for r in chunked if isinstance(r, typeset.Built)] == [p.stem + ".pdf" for i, p in
                                                                              enumerate(paths) if i != 4]
    assert [type(r) for r in threaded] == [type(r) for r in serial]
    for a, b in zip(serial, threaded, strict=True):
        if isinstance(a, typeset.Built):
            assert a.path.read_bytes() == b.path.read_bytes()


def test_briefs_per_task_follow_the_executors_workers():
    with ThreadPoolExecutor(max_workers=3) as pool:
        assert executor_slots(pool) == 3
    assert auto_chunk(200, 2) == 25  # 8 tasks: four for each worker
    assert auto_chunk(8, 2) == 1 and auto_chunk(10, 2) == 2 and auto_chunk(0, 2) == 1
    assert auto_chunk(100_000, 2) == MAX_CHUNK


def test_automatic_chunks_keep_order_and_progress(tmp_path):
    paths = write_briefs(tmp_path, 40, broken=17)
    told: list[int] = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = build_many(paths, tmp_path / "out", executor=pool, progress=lambda i, r: told.append(i))
    assert sorted(told) == list(range(40))
    assert [isinstance(r, BriefError) for r in results] == [i == 17 for i in range(40)]
    assert [r.path.name for r in results if isinstance(r, typeset.Built)] == [
        p.stem + ".pdf" for i, p in enumerate(paths) if i != 17]


def test_build_many_on_a_dask_cluster(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    paths = write_briefs(tmp_path, 10, broken=6)
    monkeypatch.chdir(tmp_path)
    names = [p.name for p in paths]
    with distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1, dashboard_address=None,
                                  silence_logs=50) as cluster, distributed.Client(cluster) as client:
        executor = client.get_executor()
        assert executor_slots(executor) == 2  # the cluster's threads, not this machine's cores
        results = build_many(names, executor=executor, chunk=2)  # 5 tasks of 2 briefs
    built = [r for r in results if isinstance(r, typeset.Built)]
    failed = [r for r in results if isinstance(r, BriefError)]
    assert len(built) == 9 and len(failed) == 1
    assert (failed[0].path, failed[0].line, failed[0].column) == ("b06.yaml", 5, 14)
    for n, r in enumerate(results):
        if n != 6:
            assert r.path == Path(f"b{n:02d}.pdf")
            assert f"Part {n}" in text_of((tmp_path / r.path).read_bytes())
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [f"b{n:02d}.pdf" for n in range(10) if n != 6]


def test_a_dask_cluster_never_hands_back_an_earlier_build(tmp_path, monkeypatch):
    """Dask keys a task by its arguments (`Client.submit` is pure by default), and a task names
    its brief by path: the same files built again must make new keys, or a cluster still
    holding the earlier results hands them back instead of reading the edited briefs."""
    distributed = pytest.importorskip("distributed")
    paths = write_briefs(tmp_path, 4, broken=1)
    monkeypatch.chdir(tmp_path)
    keys: list[list[str]] = []
    with distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1, dashboard_address=None,
                                  silence_logs=50) as cluster, distributed.Client(cluster) as client:
        submit = client.submit

        def recording_submit(*args, **kwargs):
            future = submit(*args, **kwargs)
            keys[-1].append(future.key)
            return future

        monkeypatch.setattr(client, "submit", recording_submit)
        executor = client.get_executor()
        for edit in range(4):
            paths[1].write_text(brief_text(100 + edit), encoding="utf-8")  # the broken brief, mended
            keys.append([])
            results = build_many(paths, "out", executor=executor, chunk=1)
            paths[1].write_text(BROKEN, encoding="utf-8")  # broken again, and built again at once
            keys.append([])
            again = build_many(paths, "out", executor=executor, chunk=1)
            assert [type(r) for r in results] == [typeset.Built] * 4, f"edit {edit}"
            assert isinstance(again[1], BriefError), f"edit {edit}: an earlier result came back"
            assert f"Part {100 + edit}" in text_of((tmp_path / "out" / "b01.pdf").read_bytes())
    assert all(len(k) == 4 for k in keys)
    every = [key for call in keys for key in call]
    assert len(set(every)) == len(every) == 32  # no two tasks of the eight calls share a key


def test_every_reader_and_names_as_given(tmp_path, monkeypatch):
    """Markdown and Word briefs go through the same readers; messages name them as given even
    though the workers get absolute paths."""
    root = Path(__file__).resolve().parents[2]
    (tmp_path / "md.md").write_bytes((root / "examples" / "us-japan-alliance.md").read_bytes())
    (tmp_path / "word.docx").write_bytes((root / "examples" / "us-japan-alliance.docx").read_bytes())
    (tmp_path / "bad.md").write_text("---\ntitle: [oops\n---\n# H\n\nText.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    md, docx, bad = build_many(["md.md", "word.docx", "bad.md"], "out", jobs=1)
    assert (md.pages, md.notes) == (docx.pages, docx.notes) and md.notes > 10
    assert isinstance(bad, BriefError) and bad.path == "bad.md" and bad.line is not None
    [from_bytes] = build_many([(tmp_path / "md.md").read_bytes()], jobs=1, fmt="markdown")
    assert (from_bytes.pages, from_bytes.notes) == (md.pages, md.notes) and from_bytes.pdf.startswith(b"%PDF-")
