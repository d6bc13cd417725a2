"""``verify(report_or_path)``: the one call a user (or a user's pytest) needs.

The thin adapter over the pure core: a path is read with :mod:`statsbudsjett.io.published`.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..published.report import PublishedReport
from ..verification.report import VerifyReport
from ..verification.run import verify_report
from .examples import example_path

__all__ = ["DIGDIR_2021", "verify"]

DIGDIR_2021 = "digdir-2021/published.toml"


def verify(report_or_path: PublishedReport | str | Path | None = None) -> VerifyReport:
    """Verify a published report: a :class:`PublishedReport`, or the path of a published-report file.

    Without an argument, the bundled Digdir 2021 report. Findings are returned, never
    raised; :meth:`VerifyReport.raise_for_errors` turns error findings into one
    ``AssertionError`` for tests. An unusable file raises :class:`~statsbudsjett.InputError`.

    >>> result = verify()                     # Digdir 2021, as printed
    >>> result.ok, result.summary.errors, len(result.rounding) > 12
    (True, 0, True)
    >>> result.raise_for_errors()             # nothing to raise
    """
    if report_or_path is None:
        report_or_path = example_path(DIGDIR_2021)
    if isinstance(report_or_path, PublishedReport):
        return verify_report(report_or_path)
    if isinstance(report_or_path, str | Path):
        from .published_reader import read_published  # the reader imports the model from this package

        path = Path(report_or_path)
        return verify_report(read_published(path, file=_shown(path)))
    raise UsageError(f"verify takes a PublishedReport or a path, not {type(report_or_path).__name__}")


def _shown(path: Path) -> str:
    """The path as a reader wants it in a location: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
