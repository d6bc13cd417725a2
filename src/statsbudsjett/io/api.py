"""``verify(report_or_path)``: the one call a user (or a user's pytest) needs.

The thin adapter over the pure core: a path is read with :mod:`statsbudsjett.io.published_reader`.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from ..errors import InputError, Location, Problem, UsageError
from ..model import AgencyYear
from ..published.report import PublishedReport
from ..verification.report import VerifyReport
from ..verification.run import verify_report
from .collector import collector_paused
from .examples import example_path

__all__ = ["DIGDIR_2021", "load_published", "verify"]

DIGDIR_2021 = "digdir-2021/published.toml"


def verify(report_or_path: PublishedReport | str | Path | None = None, *,
           raw: str | Path | None = None) -> VerifyReport:
    """Verify a published report: a :class:`PublishedReport`, or the path of a published-report file.

    Without an argument, the bundled Digdir 2021 report. ``raw`` is the raw inputs (format
    v1) to compare the printed figures with, a path anywhere; it replaces the file's
    ``raw =`` entry (which must stay inside the report's folder) or a report's own
    ``raw``. Findings are returned, never raised; :meth:`VerifyReport.raise_for_errors`
    turns error findings into one ``AssertionError`` for tests. An unusable file raises
    :class:`~statsbudsjett.InputError`.

    >>> result = verify()                     # Digdir 2021, as printed
    >>> result.ok, result.summary.errors, len(result.rounding) > 12
    (True, 0, True)
    >>> result.raise_for_errors()             # nothing to raise

    The cyclic garbage collector is paused while the findings are built
    (:func:`~statsbudsjett.io.collector.collector_paused`); the pure ``verify_report`` leaves it alone.
    """
    report = load_published(report_or_path, raw=raw, what="verify")
    with collector_paused():
        return verify_report(report)


def load_published(report_or_path: PublishedReport | str | Path | None = None, *,
                   raw: str | Path | None = None, what: str = "load_published") -> PublishedReport:
    """The report :func:`verify` checks, with its raw inputs: a path read (without one, the bundled
    Digdir 2021 report), or a :class:`PublishedReport`; ``raw`` as for :func:`verify`.

    For a caller that needs the printed figures beside the findings (the HTML page of verify).
    """
    if raw is not None and not isinstance(raw, str | Path):
        raise UsageError(f"{what}: `raw` is the path of the raw inputs, not {type(raw).__name__}")
    if report_or_path is None:
        report_or_path = example_path(DIGDIR_2021)
    if isinstance(report_or_path, PublishedReport):
        if raw is not None:
            report_or_path = attrs.evolve(report_or_path, raw=_raw_inputs(Path(raw), report_or_path))
        return report_or_path
    if isinstance(report_or_path, str | Path):
        from .published_reader import read_published  # the reader imports the model from this package

        path = Path(report_or_path)
        return read_published(path, file=_shown(path), raw=None if raw is None else Path(raw))
    raise UsageError(f"{what} takes a PublishedReport or a path, not {type(report_or_path).__name__}")


def _raw_inputs(path: Path, report: PublishedReport) -> AgencyYear:
    """The raw inputs at ``path``, for ``report``'s fiscal year."""
    from .input_reader import read_agency_year

    year, _ = read_agency_year(path, file=_shown(path))
    if year.fiscal_year != report.fiscal_year:
        raise InputError([Problem(
            f"the raw inputs are for {year.fiscal_year}, the report for {report.fiscal_year}",
            year.source or Location(_shown(path)), hint="pass the raw inputs of the same fiscal year")])
    return year


def _shown(path: Path) -> str:
    """The path as a reader wants it in a location: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
