"""The history and the application for transfer as tables (text, markdown, html, csv) and JSON.

Tables are :class:`~statsbudsjett.io.tables.TableLayout` values written by the writers of
:mod:`statsbudsjett.io.render`, so that amounts look as everywhere else: whole kroner
(``1 092 268 000``) in text, markdown and html, exact amounts in csv and json.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from ..errors import Severity
from ..findings import Finding
from ..history.ageing import AgeingYear
from ..history.application import TransferApplication
from ..history.chain import PostChain
from ..history.report import HistoryReport
from ..history.savings import SavingsPlan
from ..money import Money
from ..rules import TransferKind
from ..statements.rows import RowKind
from .render import OutputFormat, json_amount, json_text, output_options, write_tables
from .tables import Cell, Language, TableLayout, build_table, label

__all__ = ["application_tables", "history_tables", "render_application", "render_history"]

ZERO = Money(0)

# (Norwegian as DFØ and the ministries write it, English)
LABELS: Final[dict[str, tuple[str, str]]] = {
    "chain": ("Kjeden for {account} {text}", "The chain of {account} {text}"),
    "year": ("År", "Year"),
    "carried_in": ("Overført fra i fjor", "Carried over from last year"),
    "allocated": ("Årets tildelinger", "This year's allocations"),
    "accounted": ("Regnskap", "Accounts"),
    "adjustments": ("Andre justeringer (note B kol. B, D, E, F)", "Other adjustments (Note B columns B, D, E, F)"),
    "basis": ("Sum grunnlag for overføring", "Basis for transfer"),
    "max": ("Maks. overførbart beløp", "Maximum transferable"),
    "transferable": ("Mulig overførbart beløp", "Transferable amount"),
    "applied": ("Søkt overført", "Applied for"),
    "decided": ("Vedtatt overført", "Decided"),
    "carried_out": ("Overført til neste år", "Carried to next year"),
    "lapsed": ("Bortfalt", "Lapsed"),
    "ageing": ("Aldring av midler på {account} («kan overføres»), eldste først",
               "Ageing of the money on {account} («kan overføres»), oldest first"),
    "allocation_year": ("Tildelingsår", "Allocation year"),
    "opening": ("Inngående", "Opening"),
    "added": ("Tilført", "Added"),
    "used": ("Brukt", "Used"),
    "closing": ("Utgående 31.12", "Closing 31.12"),
    "expired": ("Bortfalt etter toårsregelen", "Lapsed under the two-year rule"),
    "carriable": ("Kan overføres", "May be carried"),
    "not_carried": ("Ikke overført", "Not carried"),
    "deficit": ("Merforbruk", "Overspend"),
    "uncovered": ("Uten dekning", "Without cover"),
    "sum": ("Sum", "Total"),
    "savings": ("Innsparing etter forskuttering", "Savings after advances (forskuttering)"),
    "account": ("Kapittel og post", "Chapter and post"),
    "advance_year": ("Forskuttert i", "Advance made in"),
    "advance": ("Forskuttert beløp", "Advance"),
    "period": ("Periode (år)", "Period (years)"),
    "required": ("Minst samlet innspart", "Cumulative minimum"),
    "due": ("Minst å spare i år", "Minimum due this year"),
    "saved": ("Innspart i år", "Saved this year"),
    "cumulative": ("Samlet innspart", "Saved in total"),
    "shortfall": ("Etterslep", "Shortfall"),
    "unmatched": ("Innsparing uten forskuttering", "Savings without an advance"),
    "findings": ("Kontinuitetskontroller: {checks} kontroller, {errors} feil, {warnings} advarsler",
                 "Continuity checks: {checks} checks, {errors} errors, {warnings} warnings"),
    "severity": ("Alvorlighet", "Severity"),
    "rule": ("Regel", "Rule"),
    "where": ("Kilde", "Source"),
    "cell": ("Tall", "Figure"),
    "published": ("Ført", "Given"),
    "expected": ("Forventet", "Expected"),
    "message": ("Melding", "Message"),
    "application": ("{agency}: søknad om overføring av ubrukt bevilgning fra {year} til {next}",
                    "{agency}: application to carry unused appropriation from {year} to {next}"),
    "post_text": ("Posttekst", "Post text"),
    "keywords": ("Stikkord", "Keywords"),
    "justification": ("Begrunnelse", "Justification"),
}
SEVERITY: Final = {Severity.ERROR: ("feil", "error"), Severity.WARNING: ("advarsel", "warning"),
                   Severity.INFO: ("info", "info")}




# -- tables ---------------------------------------------------------------------------------
def chain_table(chain: PostChain, language: Language = Language.NORWEGIAN) -> TableLayout:
    """One post over the years: what came in, was used, could be carried, was decided and lapsed."""
    def L(key: str, **values: object) -> str:
        return label(key, language, LABELS, **values)

    keywords = {link.kind for link in chain.years}
    text = chain.text + (" (kan overføres)" if TransferKind.CAN_TRANSFER in keywords else "")
    headers = [L(k) for k in ("year", "carried_in", "allocated", "accounted", "adjustments", "basis", "max",
                              "transferable", "applied", "decided", "carried_out", "lapsed")]
    rows = [((str(y.fiscal_year), y.carried_in, y.allocated, y.accounted, y.adjustments, y.basis,
              y.max_transferable, y.transferable, y.applied, y.decided, y.carried_out, y.lapsed), RowKind.LINE)
            for y in chain.years]
    return build_table(L("chain", account=chain.account, text=text).strip(), headers, rows, "-", range(1, 12))


def ageing_table(years: Sequence[AgeingYear], language: Language = Language.NORWEGIAN) -> TableLayout:
    """Per year and allocation year: opening, added, used, closing, lapsed and carried; a sum per year."""
    def L(key: str, **values: object) -> str:
        return label(key, language, LABELS, **values)

    rows: list[tuple[tuple[Cell, ...], RowKind]] = []
    for year in years:
        t = str(year.fiscal_year)
        for layer in year.layers:
            rows.append(((t, str(layer.allocation_year), layer.opening, layer.added, layer.used, layer.closing,
                          layer.expired, layer.closing - layer.expired, layer.carried, layer.not_carried),
                         RowKind.LINE))
        if year.opening_deficit or year.closing_deficit:
            carried = None if year.carried_deficit is None else -year.carried_deficit
            written_off = None if year.carried_deficit is None else year.carried_deficit - year.closing_deficit
            rows.append(((t, L("deficit"), -year.opening_deficit, year.covered, year.overspent,
                          -year.closing_deficit, ZERO, -year.closing_deficit, carried, written_off), RowKind.LINE))
        if year.uncovered:
            rows.append(((t, L("uncovered"), None, None, None, None, None, None, year.uncovered, -year.uncovered),
                         RowKind.LINE))
        lapsed = None if year.lapsed is None else year.lapsed - year.expired
        added = Money.total(layer.added for layer in year.layers)
        used = Money.total(layer.used for layer in year.layers)
        rows.append(((t, L("sum"), year.opening, added + year.covered, used + year.overspent,
                      year.closing, year.expired, year.carriable, year.carried_out, lapsed), RowKind.SUM))
    headers = [L(k) for k in ("year", "allocation_year", "opening", "added", "used", "closing", "expired",
                              "carriable", "carried_out", "not_carried")]
    account = years[0].account if years else ""
    return build_table(L("ageing", account=account), headers, rows, "-", range(2, 10))


def savings_table(plan: SavingsPlan, language: Language = Language.NORWEGIAN) -> TableLayout:
    def L(key: str) -> str:
        return label(key, language, LABELS)

    rows: list[tuple[tuple[Cell, ...], RowKind]] = []
    for schedule in plan.schedules:
        advance = schedule.advance
        for step in schedule.years:
            rows.append(((str(advance.account), str(advance.fiscal_year), advance.amount, str(schedule.period),
                          str(step.fiscal_year), step.required, step.due, step.saved, step.cumulative,
                          step.shortfall), RowKind.LINE))
    for unmatched in plan.unmatched:
        rows.append(((str(unmatched.account), L("unmatched"), None, "", str(unmatched.fiscal_year), None, None,
                      unmatched.amount, None, None), RowKind.LINE))
    headers = [L(k) for k in ("account", "advance_year", "advance", "period", "year", "required", "due", "saved",
                              "cumulative", "shortfall")]
    return build_table(L("savings"), headers, rows, "-", (2, 5, 6, 7, 8, 9))


def findings_table(findings: Sequence[Finding], language: Language = Language.NORWEGIAN) -> TableLayout:
    """The errors and warnings among the findings; the title counts every check."""
    def L(key: str, **values: object) -> str:
        return label(key, language, LABELS, **values)

    problems = [f for f in findings if f.is_problem]
    errors = sum(f.is_error for f in findings)
    warnings = sum(f.is_problem and not f.is_error for f in findings)
    index = 0 if language is Language.NORWEGIAN else 1
    rows = [((SEVERITY[Severity.ERROR if f.is_error else f.severity][index], f.rule,
              str(f.location) if f.location else "", str(f.cell), f.published, f.expected,
              f.message.get(language.value)), RowKind.LINE) for f in problems]
    headers = [L(k) for k in ("severity", "rule", "where", "cell", "published", "expected", "message")]
    title = L("findings", checks=len(findings), errors=errors, warnings=warnings)
    return build_table(title, headers, rows, "0", (4, 5))


def history_tables(report: HistoryReport, language: Language = Language.NORWEGIAN) -> list[TableLayout]:
    """Per post its chain (and ageing for «kan overføres»), then the savings schedules and the findings."""
    tables = []
    for chain in report.chains:
        tables.append(chain_table(chain, language))
        ageing = report.ageing_of(chain)
        if ageing:
            tables.append(ageing_table(ageing, language))
    if report.savings.schedules or report.savings.unmatched:
        tables.append(savings_table(report.savings, language))
    tables.append(findings_table(report.findings, language))
    return tables


def application_tables(application: TransferApplication, language: Language = Language.NORWEGIAN) -> list[TableLayout]:
    def L(key: str, **values: object) -> str:
        return label(key, language, LABELS, **values)

    rows: list[tuple[tuple[Cell, ...], RowKind]] = [
        ((r.account.compact, r.text, ", ".join(r.keywords), r.max_transferable, r.transferable, r.applied,
          r.justification), RowKind.LINE)
        for r in application.rows
    ]
    rows.append(((L("sum"), "", "", None, application.transferable_total, application.applied_total, ""),
                 RowKind.SUM))
    headers = [L(k) for k in ("account", "post_text", "keywords", "max", "transferable", "applied", "justification")]
    title = L("application", agency=application.agency, year=application.fiscal_year,
              next=application.fiscal_year + 1)
    return [build_table(title, headers, rows, "", (3, 4, 5))]


# -- writing ----------------------------------------------------------------------------------


def render_history(report: HistoryReport, output: OutputFormat | str = OutputFormat.TEXT, *,
                   language: Language | str = Language.NORWEGIAN) -> str:
    """The history in the chosen format (text, markdown, html, csv, json)."""
    output, language = output_options(output, language)
    if output is OutputFormat.JSON:
        return json_text(history_json(report, language)) + "\n"
    return write_tables(history_tables(report, language), output)


def render_application(application: TransferApplication, output: OutputFormat | str = OutputFormat.TEXT, *,
                       language: Language | str = Language.NORWEGIAN) -> str:
    """The application for transfer in the chosen format (text, markdown, html, csv, json)."""
    output, language = output_options(output, language)
    if output is OutputFormat.JSON:
        return json_text(application_json(application)) + "\n"
    return write_tables(application_tables(application, language), output)


# -- json -----------------------------------------------------------------------------------------
def history_json(report: HistoryReport, language: Language = Language.NORWEGIAN) -> dict[str, Any]:
    """The history as JSON-ready data with stable keys (amounts exact, ``null`` where empty)."""
    return {
        "agency": report.history.agency,
        "fiscal_years": list(report.history.fiscal_years),
        "posts": [{
            "account": str(chain.account),
            "text": chain.text,
            "years": [{
                "fiscal_year": y.fiscal_year, "transfer_rule": y.kind.value,
                "carried_in": json_amount(y.carried_in), "allocated": json_amount(y.allocated),
                "accounted": json_amount(y.accounted), "adjustments": json_amount(y.adjustments),
                "basis": json_amount(y.basis), "max_transferable": json_amount(y.max_transferable),
                "transferable": json_amount(y.transferable), "applied": json_amount(y.applied),
                "decided": json_amount(y.decided), "carried_out": json_amount(y.carried_out),
                "lapsed": json_amount(y.lapsed),
            } for y in chain.years],
            "ageing": [_ageing_json(a) for a in report.ageing_of(chain)],
        } for chain in report.chains],
        "savings": {
            "schedules": [{
                "account": str(s.advance.account), "advance_year": s.advance.fiscal_year,
                "advance": json_amount(s.advance.amount), "period": s.period,
                "years": [{"fiscal_year": y.fiscal_year, "required": json_amount(y.required), "due": json_amount(y.due),
                           "saved": json_amount(y.saved), "cumulative": json_amount(y.cumulative),
                           "shortfall": json_amount(y.shortfall)} for y in s.years],
            } for s in report.savings.schedules],
            "unmatched": [{"account": str(u.account), "fiscal_year": u.fiscal_year, "amount": json_amount(u.amount)}
                          for u in report.savings.unmatched],
        },
        "findings": [f.as_dict(language.value) for f in report.findings],
        "summary": {"checks": len(report.findings), "errors": sum(f.is_error for f in report.findings),
                    "warnings": sum(f.is_problem and not f.is_error for f in report.findings), "ok": report.ok},
    }


def _ageing_json(year: AgeingYear) -> dict[str, Any]:
    return {
        "fiscal_year": year.fiscal_year, "oldest_carriable": year.oldest_carriable,
        "layers": [{"allocation_year": layer.allocation_year, "opening": json_amount(layer.opening),
                    "added": json_amount(layer.added), "used": json_amount(layer.used),
                    "closing": json_amount(layer.closing),
                    "expired": json_amount(layer.expired), "carried": json_amount(layer.carried),
                    "not_carried": json_amount(layer.not_carried)} for layer in year.layers],
        "opening_deficit": json_amount(year.opening_deficit), "closing_deficit": json_amount(year.closing_deficit),
        "opening": json_amount(year.opening), "closing": json_amount(year.closing),
        "expired": json_amount(year.expired),
        "carriable": json_amount(year.carriable), "carried_out": json_amount(year.carried_out),
        "uncovered": json_amount(year.uncovered), "lapsed": json_amount(year.lapsed),
    }


def application_json(application: TransferApplication) -> dict[str, Any]:
    return {
        "agency": application.agency, "ministry": application.ministry, "fiscal_year": application.fiscal_year,
        "rows": [{"account": str(r.account), "text": r.text, "keywords": list(r.keywords),
                  "max_transferable": json_amount(r.max_transferable), "transferable": json_amount(r.transferable),
                  "applied": json_amount(r.applied), "justification": r.justification} for r in application.rows],
        "transferable_total": json_amount(application.transferable_total),
        "applied_total": json_amount(application.applied_total),
    }
