"""Verify a published annual report: every printed figure checked, rounding told apart from errors.

>>> from statsbudsjett.verification import verify_report
>>> from statsbudsjett.io.examples import example_path
>>> from statsbudsjett.io.published_reader import read_published
>>> verify_report(read_published(example_path("digdir-2021/published.toml"))).summary.errors
0

Pure: the checks take a :class:`~statsbudsjett.published.PublishedReport` (read from a file by
:mod:`statsbudsjett.io.published_reader`); the findings report is written by
:mod:`statsbudsjett.io.findings_render`. ``statsbudsjett.verify(path)`` does both.
"""

from .registry import CHECKS
from .report import Summary, VerifyReport
from .run import verify_report

__all__ = ["CHECKS", "Summary", "VerifyReport", "verify_report"]
