"""verify pauses the cyclic garbage collector while it builds its findings, and gives it back as it was."""

from __future__ import annotations

import gc

import pytest

from statsbudsjett import load_example
from statsbudsjett.io import api
from statsbudsjett.io.collector import collector_paused
from statsbudsjett.published import publish
from statsbudsjett.verification import verify_report


@pytest.fixture(autouse=True)
def collector_enabled():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_inside_nested_pauses_and_restored_after_the_outermost():
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "the inner pause ended, the outer one holds"
    assert gc.isenabled()


def test_restored_when_the_block_raises():
    with pytest.raises(ZeroDivisionError), collector_paused():
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_a_caller_who_disabled_the_collector_keeps_it_disabled():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_verify_runs_with_the_collector_paused_and_leaves_it_running(monkeypatch):
    """statsbudsjett.verify (the adapter) pauses it; the core's verify_report leaves it alone."""
    seen = []

    def spy(report):
        seen.append(gc.isenabled())
        return verify_report(report)

    monkeypatch.setattr(api, "verify_report", spy)
    assert api.verify(publish(load_example())).ok and seen == [False]
    assert gc.isenabled()
    assert verify_report(publish(load_example())).ok and gc.isenabled()
