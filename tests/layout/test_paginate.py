"""The page loop on hand-built elements: tiny pages, round numbers, exact positions."""
from __future__ import annotations

from typeset.layout.elements import Elem, Page, TextItem
from typeset.layout.lines import line_elems
from typeset.layout.paginate import Geometry, NoteArea, paginate
from typeset.text.types import Frag, Line

GEOM = Geometry(page_width=200, page_height=200, left=10, top=10, width=180, height=100)
AREA = NoteArea(space_above=6, space_below=4, rule_width=60, rule_thickness=0.5, rule_color="#000000")


def tag(text: str) -> tuple[TextItem, ...]:
    return (TextItem(0, 8, Frag(0, 10, text, "Courier", 10)),)


def body(name: str, notes: tuple[int, ...] = (), height: float = 10, **kw: object) -> Elem:
    return Elem(height, tag(name), notes=notes, **kw)  # type: ignore[arg-type]


def note(number: int, lines: int, height: float = 8) -> list[Elem]:
    return [Elem(height, tag(f"n{number}.{k}"), role="note", space_before=2 if k == 0 else 0)
            for k in range(lines)]


def names(page: Page, role: str | None = None) -> list[str]:
    out = []
    for _, _, e in page.placed:
        if e.items and isinstance(e.items[0], TextItem) and (role is None or e.role == role):
            out.append(e.items[0].frag.text)
    return out


def run(flow: list[Elem], notes: dict[int, list[Elem]]) -> list[Page]:
    return paginate(flow, lambda n: notes[n], GEOM, AREA)


def test_plain_lines_fill_pages_of_ten() -> None:
    pages = run([body(f"b{i}") for i in range(25)], {})
    assert [len(p.placed) for p in pages] == [10, 10, 5]
    x, y, _ = pages[1].placed[3]
    assert (x, y) == (10, 40)


def test_note_that_fits_is_on_its_marks_page_at_the_bottom() -> None:
    pages = run([body("a"), body("b", notes=(1,)), body("c")], {1: note(1, 2)})
    assert len(pages) == 1
    assert names(pages[0], "note") == ["n1.0", "n1.1"]
    assert pages[0].note_numbers == [1]
    ys = [y for _, y, e in pages[0].placed if e.role == "note"]
    assert ys == [94, 102]  # stacked so the last note line ends at the bottom (110)
    rule = [y for _, y, e in pages[0].placed if e.role == "separator"]
    assert rule == [90]


def test_line_whose_note_cannot_fit_moves_with_its_note() -> None:
    # nine lines fill 90 of 100; line 10 has a note needing 6+4+8 more: it moves.
    flow = [body(f"b{i}") for i in range(9)] + [body("m", notes=(1,)), body("z")]
    pages = run(flow, {1: note(1, 1)})
    assert names(pages[0]) == [f"b{i}" for i in range(9)]
    assert names(pages[1], "body") == ["m", "z"]
    assert names(pages[1], "note") == ["n1.0"]
    assert pages[1].note_numbers == [1]


def test_long_note_splits_and_continues_before_next_pages_own_notes() -> None:
    flow = [body("a"), body("b", notes=(1,))] + [body(f"c{i}") for i in range(2)] + [body("d", notes=(2,))]
    notes = {1: note(1, 12), 2: note(2, 1)}
    pages = run(flow, notes)
    first_notes = names(pages[0], "note")
    assert first_notes[0] == "n1.0" and len(first_notes) >= 2
    rest = names(pages[1], "note")
    assert rest[: 12 - len(first_notes)] == [f"n1.{k}" for k in range(len(first_notes), 12)]
    assert rest[-1] == "n2.0"
    assert pages[0].note_numbers == [1]
    assert pages[1].note_numbers == [2]


def test_note_longer_than_a_page_keeps_splitting_and_loses_nothing() -> None:
    pages = run([body("a", notes=(1,)), body("b")], {1: note(1, 40)})
    placed = [n for p in pages for n in names(p, "note")]
    assert placed == [f"n1.{k}" for k in range(40)]
    assert pages[0].note_numbers == [1]
    for p in pages:
        bottom = max(y + e.height for _, y, e in p.placed)
        assert bottom <= GEOM.top + GEOM.height + 0.01


def test_six_marks_on_one_line_all_start_on_that_page() -> None:
    flow = [body("a"), body("six", notes=(1, 2, 3, 4, 5, 6)), body("c")]
    notes = {n: note(n, 1) for n in range(1, 7)}
    pages = run(flow, notes)
    assert pages[0].note_numbers == [1, 2, 3, 4, 5, 6]
    assert names(pages[0], "note") == [f"n{n}.0" for n in range(1, 7)]


def test_six_marks_that_cannot_all_start_move_the_line() -> None:
    flow = [body(f"b{i}") for i in range(5)] + [body("six", notes=(1, 2, 3, 4, 5, 6))]
    notes = {n: note(n, 1) for n in range(1, 7)}
    pages = run(flow, notes)  # 50 body + 10 six + 10 overhead + 6*10 notes > 100
    assert "six" in names(pages[1])
    assert pages[1].note_numbers == [1, 2, 3, 4, 5, 6]


def test_heading_at_the_bottom_moves_to_the_next_page() -> None:
    flow = [body(f"b{i}") for i in range(9)]
    flow.append(body("H", role="heading"))
    flow.append(body("p0", break_before=False))
    flow.append(body("p1"))
    pages = run(flow, {})
    assert names(pages[0]) == [f"b{i}" for i in range(9)]
    assert names(pages[1]) == ["H", "p0", "p1"]


def _lines(n: int) -> list[Line]:
    return [Line((Frag(0, 10, f"l{k}", "Courier", 10),), 10, 180, 8, 2) for k in range(n)]


def test_widows_and_orphans_two_lines() -> None:
    from typeset.style.schema import TextStyle

    style = TextStyle(size=8, leading=10)
    para = line_elems(_lines(5), style, widows=2, orphans=2)
    assert [e.break_before for e in para] == [True, False, True, True, False]
    # 8 lines of filler leave room for 2: the paragraph's first two lines fit (no orphan)
    pages = run([body(f"b{i}") for i in range(8)] + para, {})
    assert names(pages[0])[-2:] == ["l0", "l1"]
    # 9 lines of filler leave room for 1: an orphan is refused, the paragraph moves whole
    pages = run([body(f"b{i}") for i in range(9)] + line_elems(_lines(5), style), {})
    assert names(pages[1])[:1] == ["l0"]
    # 7 filler + 4 lines: 3 would fit, but that leaves a widow; 2 stay, 2 go
    pages = run([body(f"b{i}") for i in range(7)] + line_elems(_lines(4), style), {})
    assert names(pages[0])[-2:] == ["l0", "l1"] and names(pages[1]) == ["l2", "l3"]


def test_space_before_is_dropped_at_the_top_of_a_page() -> None:
    flow = [body(f"b{i}") for i in range(10)] + [body("p", space_before=7)]
    pages = run(flow, {})
    assert pages[1].placed[0][1] == GEOM.top


def test_unbreakable_element_taller_than_the_page_is_forced() -> None:
    pages = run([body("a"), body("tall", height=150), body("b")], {})
    assert names(pages[1]) == ["tall"]
    assert names(pages[2]) == ["b"]
