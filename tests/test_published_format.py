"""The published-report format (``statsbudsjett/published-1``): its reader, its writer, the keys
of the fullmakter it states, and where a ``raw =`` entry may read from.

Golden messages of broken reports are in ``tests/broken/published/`` (run by
``tests/test_errors.py``) and ``tests/verify-cases/`` (run by ``tests/test_verify_cases.py``).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import statsbudsjett as sb
from statsbudsjett.io import published_reader, published_writer

ROOT = Path(__file__).resolve().parents[1]
DIGDIR = ROOT / "examples" / "digdir-2021" / "published.toml"


# -- reader and writer: one module each ----------------------------------------------------
def test_the_writer_is_its_own_module():
    report = published_reader.read_published(DIGDIR)
    text = published_writer.dump_published(report, raw="inputs.toml")
    assert published_reader.read_published(text, base=DIGDIR.parent) == report
    assert "dump_published" not in published_reader.__all__
    assert published_writer.__all__ == ["dump_published"]


def test_the_old_import_of_the_writer_still_works_with_a_warning():
    with pytest.warns(DeprecationWarning, match="statsbudsjett.io.published_writer"):
        from statsbudsjett.io.published_reader import dump_published
    assert dump_published is published_writer.dump_published
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from statsbudsjett.io.published_reader import read_published  # noqa: F401  (no warning)
    assert sb.read_published is published_reader.read_published
