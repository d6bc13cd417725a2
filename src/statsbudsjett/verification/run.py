"""Verify a published report: run every check, then compare with the raw inputs. Pure: no I/O."""

from __future__ import annotations

from ..findings import Finding
from ..published.report import PublishedReport
from .checks.raw import compare_raw, derivations
from .registry import CHECKS
from .report import VerifyReport

__all__ = ["verify_report"]


def verify_report(report: PublishedReport) -> VerifyReport:
    """Every finding about ``report``: arithmetic, across statements, rules, and raw → printed.

    The derivations the checks found give the number of raw amounts behind each figure.
    """
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check.run(report, check.rule))
    findings.extend(compare_raw(report, derivations(findings)))
    return VerifyReport(findings, figures=sum(1 for _ in report.figures()), agency=report.agency,
                        fiscal_year=report.fiscal_year)
