"""Verify a published report: run every check, validate the raw inputs, compare raw → printed. Pure: no I/O."""

from __future__ import annotations

from ..errors import Severity
from ..findings import Finding
from ..published.report import PublishedReport
from ..validation import validate
from .checks.raw import compare_raw, derivations
from .registry import CHECKS
from .report import VerifyReport

__all__ = ["verify_report"]

# Rules judged on the printed figures by a check of verify: their verdict on the raw inputs
# would say the same twice.
_JUDGED_ON_PRINT = frozenset(check.rule.id for check in CHECKS)


def verify_report(report: PublishedReport) -> VerifyReport:
    """Every finding about ``report``: arithmetic, across statements, rules, the raw inputs' own
    warnings and errors (validation), and raw → printed.

    The derivations the checks found give the terms behind each figure.
    """
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check.run(report, check.rule))
    if report.raw is not None:
        findings.extend(f for f in validate(report.raw)
                        if f.severity is not Severity.INFO and f.rule not in _JUDGED_ON_PRINT)
    findings.extend(compare_raw(report, derivations(findings)))
    return VerifyReport(findings, figures=sum(1 for _ in report.figures()), agency=report.agency,
                        fiscal_year=report.fiscal_year)
