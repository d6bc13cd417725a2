"""Pausing Python's cyclic garbage collector while a large, acyclic result is built.

Verify builds some 130 objects per post that live as long as its result (findings, their
cells and amounts: frozen attrs objects that refer to each other in one direction only, so
reference counting frees them all and no cycle is left for the collector to find). While they
are built, CPython 3.11's collector traverses them again and again as they pile up in its
oldest generation, and the traversals grow faster than the result: verify of 2 000 posts took
6.1–6.5 × the time of 500 with the collector running, 3.9–4.6 × with it paused
(docs/performance.md). The collector is process state: the adapters pause it
(:func:`statsbudsjett.io.api.verify`, hence the command line); the core's functions leave it alone.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]

_lock = threading.Lock()
_depth = 0  # nested or concurrent pauses: the outermost one restores the collector
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector disabled, and restore it as it was after the last one ends.

    A caller who has disabled the collector keeps it disabled; reference counting goes on freeing
    memory throughout, and cycles made meanwhile are collected once it runs again.
    """
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
