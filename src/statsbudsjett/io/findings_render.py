"""Write verify's findings for people (text, Norwegian or English; an Excel sheet) and for programs (JSON).

Problems first — errors, then warnings — each as a located block in hledger's shape
(``FILE:LINE:COL``, the line, a ``^`` under the figure, published / expected / difference);
then the rounding differences as one table; then the summary. Figures as DFØ prints them
(:meth:`Money.format`).
"""

from __future__ import annotations

from typing import Final

from ..account import Account, AccountError, Side
from ..errors import Severity, UsageError
from ..findings import CellRef, Finding, Status
from ..money import Money
from ..published.report import Labels
from ..statements.rows import RowKind
from ..verification.report import VerifyReport
from .explain_render import formula
from .render import json_text
from .tables import Cell, Language, TableLayout, build_table, label, language_of

__all__ = ["findings_table", "findings_workbook", "render_findings"]

_STATEMENTS: Final = {
    "appropriation": ("Bevilgningsrapportering", "Appropriation report"),
    "capital": ("Kapitalkontoer", "Capital accounts"),
    "holdings": ("Beholdninger", "Holdings"),
    "note_a": ("Note A", "Note A"),
    "note_b": ("Note B", "Note B"),
    "note_b_income": ("Note B, inntektskapitler", "Note B, income chapters"),
    "chargeback": ("Belastningsfullmakter", "Chargeback authorisations"),
    "commitment": ("Tilsagns- og bestillingsfullmakter", "Commitment authorisations"),
    "object_class": ("Artskontorapportering", "Statement by object class"),
    "treasury_overview": ("Mellomværende med statskassen", "Balance with the treasury"),
}
# Column keys → the headings of io.tables (DFØ's), or our own for columns it does not print.
_TABLE_LABELS: Final = {
    ("appropriation", "total_allocation"): "total_allocation", ("appropriation", "accounted"): "accounted",
    ("capital", "amount"): "amount", ("holdings", "closing"): "closing", ("holdings", "opening"): "opening",
    ("holdings", "change"): "change", ("note_a", "carried_over"): "carried_over",
    ("note_a", "allocated"): "allocated", ("note_a", "total"): "total_allocation",
    ("note_b", "difference"): "b_difference", ("note_b", "spent_by_others"): "b_spent_by_others",
    ("note_b", "difference_after_chargebacks"): "b_after", ("note_b", "revenue"): "b_revenue",
    ("note_b", "reallocation"): "b_reallocation", ("note_b", "savings"): "b_savings",
    ("note_b", "basis"): "b_basis", ("note_b", "max_transferable"): "b_max",
    ("note_b", "transferable"): "b_transferable", ("note_b_income", "difference"): "b_income_difference",
    ("note_b_income", "received_by_others"): "b_received_by_others",
    ("note_b_income", "difference_after_chargebacks"): "b_income_after",
}
_OWN_LABELS: Final = {
    "used": ("Brukt", "Used"), "limit": ("Ramme", "Limit"), "commitments": ("Samlet ansvar", "Commitments"),
    "booked": ("Bokført avregning", "Booked settlement"), "reported": ("Rapportert mellomværende", "Reported balance"),
    "difference": ("Forskjell", "Difference"),
}
_TEXT: Final = {
    "title": ("Kontroll av publisert årsregnskap", "Verification of a published annual report"),
    "problems": ("Feil og advarsler", "Errors and warnings"),
    "no_problems": ("Ingen feil eller advarsler.", "No errors or warnings."),
    "rounding": ("Avrundingsdifferanser", "Rounding differences"),
    "summary": ("Sammendrag", "Summary"),
    "error": ("feil", "error"), "warning": ("advarsel", "warning"),
    "published": ("trykt", "published"), "expected": ("forventet", "expected"), "because": ("fordi", "because"),
    "difference": ("differanse", "difference"), "tolerance": ("toleranse", "tolerance"),
    "rule": ("regel", "rule"), "empty": ("tom", "empty"),
    "where": ("Sted", "Location"), "figure": ("Tall", "Figure"),
    "figures": ("Tall lest", "Figures read"), "checks": ("Kontroller", "Checks"), "exact": ("Eksakte", "Exact"),
    "errors": ("Feil", "Errors"), "warnings": ("Advarsler", "Warnings"),
    "verdict_ok": ("Ingen feil: regnskapet henger sammen.", "No errors: the statements hold together."),
    "verdict_errors": ("Feil som må rettes: {n}.", "Errors to correct: {n}."),
    "relation": ("Krav", "Relation"), "severity": ("Alvorlighet", "Severity"), "status": ("Status", "Status"),
    "message": ("Melding", "Message"), "info": ("info", "info"), "exact_status": ("eksakt", "exact"),
    "rounding_status": ("avrunding", "rounding"), "error_status": ("feil", "error"),
    "sheet": ("Funn", "Findings"),
}


def render_findings(result: VerifyReport, output: str = "text", *, language: Language | str = Language.NORWEGIAN,
                    title: str = "") -> str:
    """The findings report: ``text`` for people, ``json`` (``{"findings": […], "summary": {…}}``) for programs."""
    language = language_of(language)
    if output == "json":
        data = result.as_dict(language.value)
        for finding, item in zip(result.findings, data["findings"], strict=True):
            if finding.because is not None:  # why the expected figure is what it is, as explain has it
                item["because"] = formula(finding.because, language)
        return json_text(data) + "\n"
    if output == "xlsx":
        raise UsageError("xlsx is a binary format: use findings_workbook()")
    if output != "text":
        raise UsageError(f"verify writes text, json or xlsx, not {output!r}")
    return _text(result, language, title)


def findings_table(result: VerifyReport, language: Language | str = Language.NORWEGIAN) -> TableLayout:
    """Every finding as a row: where the figure is printed (file:line:column) and which figure it is,
    printed, relation, expected, difference, tolerance, rule, severity, status, message. Errors first,
    then warnings, rounding differences and the exact figures; the summary under the table."""
    language = language_of(language)
    year = result.fiscal_year or 0
    order = {Severity.ERROR: 0, Severity.WARNING: 1}
    findings = sorted(result.findings, key=lambda f: (order.get(f.severity, 2), f.status is not Status.ROUNDING))
    rows: list[tuple[tuple[Cell, ...], RowKind]] = []
    for f in findings:
        severity = "info" if f.severity is Severity.INFO else f.severity.value
        rows.append(((str(f.location or ""), figure_name(f, language, year), f.published, f.relation.value,
                      f.expected, f.difference, f.tolerance, f.rule, _t(severity, language),
                      _t(f"{f.status.value}_status", language), f.message.get(language.value)), RowKind.LINE))
    headers = [_t(k, language).capitalize() for k in ("where", "figure", "published", "relation", "expected",
                                                       "difference", "tolerance", "rule", "severity", "status",
                                                       "message")]
    summary = result.summary
    counts = " · ".join(f"{_t(key, language)}: {value}" for key, value in (
        ("figures", summary.figures), ("checks", summary.checks), ("exact", summary.exact),
        ("rounding", summary.rounding), ("errors", summary.errors), ("warnings", summary.warnings)))
    verdict = _t("verdict_ok", language) if result.ok else _t("verdict_errors", language, n=summary.errors)
    return build_table(_t("title", language), headers, rows, "-", (2, 4, 5, 6), (counts, verdict), decimals=True)


def findings_workbook(result: VerifyReport, *, language: Language | str = Language.NORWEGIAN,
                      title: str = "") -> bytes:
    """The findings as an Excel workbook (one sheet, with a filter on its headings); extra ``statsbudsjett[excel]``."""
    from .xlsx import Sheet, workbook_bytes

    language = language_of(language)
    table = findings_table(result, language)
    title = title or " ".join(filter(None, (result.agency, str(result.fiscal_year or ""))))
    heading = _t("title", language) + (f": {title}" if title else "")
    return workbook_bytes([Sheet(_t("sheet", language), heading, (table,), autofilter=True)])


def _t(key: str, language: Language, **values: object) -> str:
    norwegian, english = _TEXT[key]
    return (norwegian if language is Language.NORWEGIAN else english).format(**values)


def figure_name(finding: Finding | CellRef, language: Language, year: int = 0) -> str:
    """``Note B · 540.25 · Mulig overførbart beløp …``: where the figure is in the report (of a finding, or a cell)."""
    statement = finding.statement
    if statement.startswith("note_") and statement[5:].isdigit():
        name = f"Note {statement[5:]}"
    else:
        name = _STATEMENTS.get(statement, (statement, statement))[language is Language.ENGLISH]
    return f"{name} · {finding.row} · {_column(finding, language, year)}"


def _column(finding: Finding | CellRef, language: Language, year: int) -> str:
    key = _TABLE_LABELS.get((finding.statement, finding.column))
    if finding.statement == "appropriation" and finding.column == "difference":
        key = "income_difference" if _is_income(finding.row) else "expense_difference"
    if key is not None:
        return label(key, language, year=year, previous=year - 1).strip()
    if finding.column in _OWN_LABELS:
        return _OWN_LABELS[finding.column][language is Language.ENGLISH]
    return finding.column


def _is_income(row: str) -> bool:
    if row == Labels.INCOME_TOTAL:
        return True
    try:
        return Account.parse(row).side is Side.INCOME
    except AccountError:
        return False


def _amount(amount: Money | None, language: Language) -> str:
    if amount is None:
        return _t("empty", language)
    return amount.format(decimals=not amount.is_whole_kroner)


def _block(finding: Finding, language: Language, year: int) -> str:
    kind = "error" if finding.is_error else "warning"
    loc = finding.location
    lines = [f"{loc or '<input>'}: {_t(kind, language)}: {finding.message.get(language.value)}"]
    if loc is not None:
        lines += loc.excerpt()
    width = max(len(_t(k, language)) for k in ("published", "expected", "difference", "rule")) + 1
    lines.append(f"{_t('figure', language).lower() + ':':<{width}} {figure_name(finding, language, year)}")
    lines.append(f"{_t('published', language) + ':':<{width}} {_amount(finding.published, language)}")
    relation = "" if finding.relation.value == "=" else f"{finding.relation.value} "
    lines.append(f"{_t('expected', language) + ':':<{width}} {relation}{_amount(finding.expected, language)}")
    if finding.difference is not None and finding.status is not Status.EXACT:
        lines.append(f"{_t('difference', language) + ':':<{width}} {_amount(finding.difference, language)} "
                     f"({_t('tolerance', language)} {finding.tolerance.format()})")
    if finding.because is not None and (how := formula(finding.because, language)):
        lines.append(f"{_t('because', language) + ':':<{width}} {how}")
    lines.append(f"{_t('rule', language) + ':':<{width}} {finding.rule}")
    return "\n".join(lines)


def _text(result: VerifyReport, language: Language, title: str) -> str:
    year = result.fiscal_year or 0
    title = title or " ".join(filter(None, (result.agency, str(year) if year else "")))
    heading = _t("title", language) + (f": {title}" if title else "")
    out = [heading, "=" * len(heading), ""]
    problems = [*result.errors, *result.warnings]
    out.append(f"{_t('problems', language)} ({len(problems)})")
    out.append("")
    out.extend(f"{_block(f, language, year)}\n" for f in problems)
    if not problems:
        out += [_t("no_problems", language), ""]
    rounding = result.rounding
    out.append(f"{_t('rounding', language)} ({len(rounding)})")
    out.append("")
    if rounding:
        from tabulate import tabulate  # here, not at the top: only a text table needs it (start-up)

        headers = [_t(k, language).capitalize() for k in ("where", "figure", "published", "expected", "difference",
                                                          "tolerance", "rule")]
        rows = [[str(f.location or ""), figure_name(f, language, year), _amount(f.published, language),
                 _amount(f.expected, language), _amount(f.difference, language), f.tolerance.format(), f.rule]
                for f in rounding]
        out.append(tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True,
                            colalign=("left", "left", "right", "right", "right", "right", "left")))
        out.append("")
    summary = result.summary
    out.append(_t("summary", language))
    out.append("")
    for key, value in (("figures", summary.figures), ("checks", summary.checks), ("exact", summary.exact),
                       ("rounding", summary.rounding), ("errors", summary.errors), ("warnings", summary.warnings)):
        out.append(f"  {_t(key, language) + ':':<24}{value:>6}")
    out.append("")
    out.append(_t("verdict_ok", language) if result.ok else _t("verdict_errors", language, n=summary.errors))
    return "\n".join(out) + "\n"

