"""Complexity guards: how much longer a bigger input takes, never how long anything takes.

A wall-clock limit fails on a busy machine; the ratio of two runs on the same
machine, each the best of a few, is steady. Linear work grows by the size
factor, quadratic by its square: a guard between the two catches the second.
"""
from __future__ import annotations

import time
from collections.abc import Callable


def best_time(fn: Callable[[], object], runs: int) -> float:
    """The fastest of `runs` calls, in seconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def growth(small: Callable[[], object], big: Callable[[], object], *, runs: int = 3) -> float:
    """How many times longer `big` takes than `small`, after a warm-up: the best of `runs` calls of
    `big` against the best of twice as many of `small` (short runs are the ones load distorts most)."""
    small()
    return best_time(big, runs) / max(best_time(small, 2 * runs), 1e-6)
