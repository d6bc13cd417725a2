"""The result of verify: every finding, in check order, and a summary."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from attrs import field, frozen

from ..errors import Severity
from ..findings import Finding, Status
from ..reprs import field_repr

__all__ = ["Summary", "VerifyReport"]


def _findings(values: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(values)


@frozen
class Summary:
    """How much was checked: figures read, checks made, and their outcomes."""

    __repr__ = field_repr

    figures: int
    checks: int
    exact: int
    rounding: int
    errors: int
    warnings: int

    @classmethod
    def of(cls, findings: Sequence[Finding], figures: int) -> Summary:
        return cls(
            figures=figures,
            checks=len(findings),
            exact=sum(f.status is Status.EXACT for f in findings),
            rounding=sum(f.status is Status.ROUNDING for f in findings),
            errors=sum(f.is_error for f in findings),
            warnings=sum(f.severity is Severity.WARNING and not f.is_error for f in findings),
        )

    def as_dict(self) -> dict[str, int]:
        return {"figures": self.figures, "checks": self.checks, "exact": self.exact,
                "rounding": self.rounding, "errors": self.errors, "warnings": self.warnings}


@frozen
class VerifyReport:
    """The result of verify: every finding, in check order, and a summary."""

    __repr__ = field_repr

    findings: tuple[Finding, ...] = field(converter=_findings)
    figures: int = 0
    agency: str = ""
    fiscal_year: int | None = None

    @property
    def summary(self) -> Summary:
        return Summary.of(self.findings, self.figures)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING and not f.is_error)

    @property
    def rounding(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.status is Status.ROUNDING and not f.is_error)

    @property
    def ok(self) -> bool:
        """No error finding (warnings and rounding differences are allowed)."""
        return not self.errors

    def raise_for_errors(self) -> None:
        """Raise one :class:`AssertionError` listing every error finding; do nothing when there is none.

        Made for tests: ``verify("published.toml").raise_for_errors()``.
        """
        errors = self.errors
        if errors:
            head = f"verify found {len(errors)} error{'s' if len(errors) != 1 else ''}:"
            raise AssertionError("\n".join([head, *(f"  {f.describe()}" for f in errors)]))

    def as_dict(self, language: str = "no") -> dict[str, Any]:
        return {"findings": [f.as_dict(language) for f in self.findings], "summary": self.summary.as_dict()}


