"""One self-contained HTML page to read and to print: the statements, or a verified report.

:func:`report_page` is ``statsbudsjett report --format html``: the bevilgningsrapportering,
Note A and Note B as DFØ lays them out. :func:`verify_page` is ``statsbudsjett verify
--format html``: the report's tables as printed, with the figures verify found wrong, to
explain or off by a rounding marked in the tables, and every finding listed below them.

One file, nothing to fetch: the CSS is inline and no script is needed. Figures are
right-aligned in tabular numerals, as :meth:`Money.format` prints them; sum rows are
marked; the agency and the year are in the page's title. Printed, a page is A4 landscape
(``@page``), each statement starts a page, a row is never split and the table headings
repeat on every page.

Every figure carries its address: ``data-cell="note_b 540.01 transferable"`` — the
statement (first word), the row key and the column (last word), the same triple as a
finding's :class:`~statsbudsjett.findings.CellRef` — and an ``id`` to link to
(``note_b-540.01-transferable``; spaces in a row key become ``_``). ``explanations``, keyed by
that triple, puts a text on a figure: in its ``title`` (shown on hover) and in a list under
the tables that the figure links to.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Final

from attrs import frozen

from ..errors import Severity, UsageError
from ..money import Money
from ..reprs import field_repr
from ..statements.allocation_note import NoteA
from ..statements.appropriation import AppropriationReport
from ..statements.rows import RowKind
from ..statements.transfer_note import NoteB
from ..tolerance import Status
from .tables import Cell, Language, TableLayout, appropriation_tables, language_of, note_a_tables, note_b_tables

if TYPE_CHECKING:
    from ..findings import Finding
    from ..published.report import PublishedReport
    from ..verification.report import VerifyReport

__all__ = ["Explanations", "report_page", "verify_page"]

Explanations = Mapping[tuple[str, str, str], str]  # (statement, row key, column) → what the figure is made of
Statement = AppropriationReport | NoteA | NoteB

_TEXT: Final[dict[str, tuple[str, str]]] = {
    "annual_accounts": ("Årsregnskap {year}", "Annual accounts {year}"),
    "in_kroner": ("Beløp i hele kroner.", "Amounts in whole kroner."),
    "in_kroner_ore": ("Beløp i kroner, med øre der tallet har øre.",
                      "Amounts in kroner, with øre where a figure has øre."),
    "contents": ("Innhold", "Contents"),
    "appropriation": ("Bevilgningsrapportering", "Appropriation report"),
    "note_a": ("Note A", "Note A"),
    "note_b": ("Note B", "Note B"),
    "chargeback": ("Fullmakter", "Authorisations"),
    "object_class": ("Artskontorapportering", "Statement by object class"),
    "treasury_overview": ("Mellomværende", "Balance with the treasury"),
    "note": ("Note {number}", "Note {number}"),
    "and": ("og", "and"),
    "explanations": ("Forklaring av tallene", "How the figures were reached"),
    "made_by": ("Laget med statsbudsjett {version}.", "Made with statsbudsjett {version}."),
    "verify_title": ("Kontroll av publisert årsregnskap", "Verification of a published annual report"),
    "verify_short": ("Kontroll", "Verification"),
    "verdict_ok": ("Ingen feil: regnskapet henger sammen.", "No errors: the statements hold together."),
    "verdict_errors": ("Feil som må rettes: {n}.", "Errors to correct: {n}."),
    "legend": ("Merking i tabellene", "Marks in the tables"),
    "legend_error": ("Feil: tallet stemmer ikke, utover avrundingen", "Error: the figure is wrong, beyond rounding"),
    "legend_warning": ("Advarsel: tallet stemmer, men må forklares", "Warning: the figure holds but needs explaining"),
    "legend_rounding": ("Avrundingsdifferanse: innenfor toleransen", "Rounding difference: within the tolerance"),
    "legend_hint": ("Pek på et merket tall for å se funnet; alle funn står under tabellene.",
                    "Point at a marked figure to see its finding; every finding is listed below the tables."),
    "tables": ("Tabellene som trykt", "The tables as printed"),
    "findings": ("Funn", "Findings"),
    "no_findings": ("Ingen feil, advarsler eller avrundingsdifferanser.",
                    "No errors, warnings or rounding differences."),
    "passed": ("Kontroller som stemmer ({n})", "Checks that hold ({n})"),
    "severity": ("Alvorlighet", "Severity"), "status": ("Status", "Status"), "rule": ("Regel", "Rule"),
    "figure": ("Tall", "Figure"), "published": ("Trykt", "Printed"), "expected": ("Forventet", "Expected"),
    "difference": ("Differanse", "Difference"), "tolerance": ("Toleranse", "Tolerance"),
    "message": ("Melding", "Message"), "where": ("Sted", "Location"),
    "error": ("feil", "error"), "warning": ("advarsel", "warning"), "info": ("merknad", "info"),
    "exact": ("eksakt", "exact"), "rounding": ("avrunding", "rounding"),
    "figures": ("Tall lest", "Figures read"), "checks": ("Kontroller", "Checks"), "exact_n": ("Eksakte", "Exact"),
    "rounding_n": ("Avrundingsdifferanser", "Rounding differences"), "errors_n": ("Feil", "Errors"),
    "warnings_n": ("Advarsler", "Warnings"),
}
_STATUS_ORDER: Final = {"error": 0, "warning": 1, "rounding": 2}
# Tables printed in the part of the page of another table (their heading is one level down).
_PART_OF: Final = {"capital": "appropriation", "holdings": "appropriation", "note_b_income": "note_b",
                   "commitment": "chargeback"}


def report_page(statements: Statement | Sequence[Statement], *, language: Language | str = Language.NORWEGIAN,
                explanations: Explanations | None = None) -> str:
    """The statements (the bevilgningsrapportering, Note A, Note B, or some of them) as one HTML page.

    >>> from statsbudsjett import load_example, note_b
    >>> page = report_page(note_b(load_example()))
    >>> '<td class="amount" data-cell="note_b 540.25 transferable" id="note_b-540.25-transferable">' in page
    True
    """
    language = language_of(language)
    items = list(statements) if isinstance(statements, Sequence) else [statements]
    if not items:
        raise UsageError("report_page: no statement to print")
    years = list(dict.fromkeys((s.agency, s.fiscal_year) for s in items))
    if len(years) > 1:  # the title, the heading and every figure's address name one agency-year
        shown = " and ".join(f"{agency} {year}" for agency, year in years)
        raise UsageError(f"report_page: the statements are of {shown}; a page is one agency's year: make one page "
                         "for each")
    tables = {AppropriationReport: appropriation_tables, NoteA: note_a_tables, NoteB: note_b_tables}
    layouts = [t for s in items for t in tables[type(s)](s, language)]  # type: ignore[operator]
    first = items[0]
    year = first.fiscal_year
    parts = [_t(k, language) for k in dict.fromkeys(_part(t.statement) for t in layouts)]
    subtitle = _listed(parts, language)
    writer = _Writer(language, year, explanations or {}, {})
    body = [_head(first.agency, year, subtitle, language, ore=_has_ore(layouts)), writer.contents(layouts),
            "<main>", *writer.parts(layouts), "</main>", *writer.explained(), _foot(language)]
    return _document(f"{first.agency} {year} – {subtitle}", language, body)


def verify_page(report: PublishedReport, result: VerifyReport | None = None, *,
                language: Language | str = Language.NORWEGIAN, explanations: Explanations | None = None) -> str:
    """A verified report as one HTML page: its tables as printed, each figure with a finding marked
    (CSS class ``error``, ``warning`` or ``rounding``, the finding's message as its ``title``), a
    legend, and every finding listed below. ``result`` is verify's result for ``report``
    (computed when not given).

    >>> from statsbudsjett import verify
    >>> from statsbudsjett.io.api import load_published
    >>> printed = load_published()                       # Digdir 2021 as printed
    >>> page = verify_page(printed, verify(printed))
    >>> '<td class="amount rounding" data-cell="appropriation Sum utgiftsført accounted"' in page
    True
    """
    from ..verification.run import verify_report
    from .published_tables import published_tables

    language = language_of(language)
    if result is None:
        result = verify_report(report)
    layouts = published_tables(report, language)
    marks = _marks(result.findings, language)
    writer = _Writer(language, report.fiscal_year, explanations or {}, marks)
    tables = writer.parts(layouts)  # first: the findings link to the figures' ids
    summary = result.summary
    verdict = (_t("verdict_ok", language) if result.ok
               else _t("verdict_errors", language, n=summary.errors))
    counts = [("figures", summary.figures), ("checks", summary.checks), ("exact_n", summary.exact),
              ("rounding_n", summary.rounding), ("errors_n", summary.errors), ("warnings_n", summary.warnings)]
    head = [
        _head(report.agency, report.fiscal_year, _t("verify_title", language), language, kicker_first=False,
              ore=_has_ore(layouts)),
        f'<section class="verdict {"ok" if result.ok else "failed"}"><p class="verdict-text">{_e(verdict)}</p>',
        '<dl class="summary">' + "".join(f"<div><dt>{_e(_t(k, language))}</dt><dd>{n}</dd></div>"
                                         for k, n in counts) + "</dl>",
        _legend(language), "</section>",
    ]
    body = [*head, writer.contents(layouts, findings=True), "<main>",
            f'<h2 class="tables-title">{_e(_t("tables", language))}</h2>', *tables,
            *_findings(result, writer, language), "</main>", *writer.explained(), _foot(language)]
    title = f"{_t('verify_short', language)}: {report.agency} {report.fiscal_year}"
    return _document(title, language, body)


# -- the page's parts -------------------------------------------------------------------
def _document(title: str, language: Language, body: Iterable[str]) -> str:
    lang = "nb" if language is Language.NORWEGIAN else "en"
    from .. import __version__

    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="statsbudsjett {__version__}">',
        f"<title>{_e(title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>", *body, "</body>", "</html>",
    ]) + "\n"


def _head(agency: str, year: int, subtitle: str, language: Language, *, kicker_first: bool = True,
          ore: bool = False) -> str:
    kicker = _t("annual_accounts", language, year=year) if kicker_first else subtitle
    second = subtitle if kicker_first else _t("annual_accounts", language, year=year)
    amounts = _t("in_kroner_ore" if ore else "in_kroner", language)
    return (f'<header class="page-head"><p class="kicker">{_e(kicker)}</p><h1>{_e(agency)}</h1>'
            f'<p class="subtitle">{_e(second)} · {_e(amounts)}</p></header>')


def _has_ore(layouts: Sequence[TableLayout]) -> bool:
    """Some figure of the page has øre (and is printed with them, :func:`_shown`): not "in whole kroner"."""
    return any(isinstance(cell, Money) and not cell.is_whole_kroner
               for layout in layouts for row in layout.rows for cell in row)


def _foot(language: Language) -> str:
    from .. import __version__

    return f'<footer class="page-foot">{_e(_t("made_by", language, version=__version__))}</footer>'


def _legend(language: Language) -> str:
    items = "".join(f'<li><span class="swatch {k}"></span>{_e(_t("legend_" + k, language))}</li>'
                    for k in ("error", "warning", "rounding"))
    return (f'<div class="legend"><h2>{_e(_t("legend", language))}</h2><ul>{items}</ul>'
            f'<p class="hint">{_e(_t("legend_hint", language))}</p></div>')


def _findings(result: VerifyReport, writer: _Writer, language: Language) -> Iterator[str]:
    from .findings_render import figure_name

    year = result.fiscal_year or 0
    shown = sorted((f for f in result.findings if _kind(f) is not None), key=lambda f: _STATUS_ORDER[_kind(f) or ""])
    passed = [f for f in result.findings if _kind(f) is None]
    headers = "".join(_th(_t(k, language), k in _AMOUNT_HEADERS)
                      for k in ("severity", "status", "rule", "figure", "published", "expected", "difference",
                                "tolerance", "message", "where"))

    def rows(findings: Sequence[Finding]) -> Iterator[str]:
        for f in findings:
            name = _e(figure_name(f, language, year))
            target = writer.ids.get((f.statement, f.row, f.column))
            link = f'<a href="#{_e(target)}">{name}</a>' if target else name
            relation = "" if f.relation.value == "=" else f"{f.relation.value} "
            difference = "" if f.difference is None or f.status is Status.EXACT else _amount(f.difference)
            kind = _kind(f)
            yield (f'<tr class="finding{" " + kind if kind else ""}">'
                   f"<td>{_e(_t(f.severity.value, language))}</td><td>{_e(_t(f.status.value, language))}</td>"
                   f'<td class="rule"><code>{_e(f.rule)}</code></td><td>{link}</td>'
                   f'<td class="amount">{_e(_amount(f.published))}</td>'
                   f'<td class="amount">{_e(relation + _amount(f.expected))}</td>'
                   f'<td class="amount">{_e(difference)}</td><td class="amount">{_e(f.tolerance.format())}</td>'
                   f"<td>{_e(f.message.get(language.value))}</td>"
                   f'<td class="where">{_e(str(f.location or ""))}</td></tr>')

    yield f'<section class="part findings" id="findings"><h2>{_e(_t("findings", language))} ({len(shown)})</h2>'
    if shown:
        yield f'<table class="findings"><thead><tr>{headers}</tr></thead><tbody>'
        yield from rows(shown)
        yield "</tbody></table>"
    else:
        yield f'<p>{_e(_t("no_findings", language))}</p>'
    if passed:
        yield f'<details class="passed"><summary>{_e(_t("passed", language, n=len(passed)))}</summary>'
        yield f'<table class="findings"><thead><tr>{headers}</tr></thead><tbody>'
        yield from rows(passed)
        yield "</tbody></table></details>"
    yield "</section>"


_AMOUNT_HEADERS: Final = ("published", "expected", "difference", "tolerance")


# -- marks: the findings on a cell ----------------------------------------------------------
@frozen
class _Mark:
    __repr__ = field_repr

    kind: str  # the CSS class: error, warning or rounding
    messages: tuple[str, ...]


def _kind(finding: Finding) -> str | None:
    """How a finding marks its figure: ``error``, ``warning``, ``rounding``; ``None`` where it holds."""
    if finding.is_error:
        return "error"
    if finding.severity is Severity.WARNING:
        return "warning"
    if finding.status is Status.ROUNDING:
        return "rounding"
    return None


def _marks(findings: Iterable[Finding], language: Language) -> dict[tuple[str, str, str], _Mark]:
    """Each marked cell: the worst of its findings, and all their messages."""
    marks: dict[tuple[str, str, str], _Mark] = {}
    for f in findings:
        kind = _kind(f)
        if kind is None:
            continue
        key = (f.statement, f.row, f.column)
        relation = "" if f.relation.value == "=" else f"{f.relation.value} "
        text = (f"{_t(kind, language).capitalize()} ({f.rule}): "
                f"{f.message.get(language.value)} — {_t('published', language).lower()} {_amount(f.published)}, "
                f"{_t('expected', language).lower()} {relation}{_amount(f.expected)}")
        old = marks.get(key)
        if old is None:
            marks[key] = _Mark(kind, (text,))
        else:
            worst = min((old.kind, kind), key=lambda k: _STATUS_ORDER[k])
            marks[key] = _Mark(worst, (*old.messages, text))
    return marks


# -- tables ---------------------------------------------------------------------------------
class _Writer:
    """Writes the tables of one page, giving each figure a unique id and collecting what it explains."""

    def __init__(self, language: Language, year: int, explanations: Explanations,
                 marks: Mapping[tuple[str, str, str], _Mark]) -> None:
        self.language = language
        self.year = year
        self.explanations = explanations
        self.marks = marks
        self.ids: dict[tuple[str, str, str], str] = {}
        self.taken: set[str] = set()
        self.explained_cells: list[tuple[tuple[str, str, str], str, str]] = []

    def id_for(self, key: tuple[str, str, str]) -> str:
        if key in self.ids:  # the same figure printed twice: the first is the one linked to
            return self._unique("-".join(key))
        self.ids[key] = self._unique("-".join(key))
        return self.ids[key]

    def _unique(self, text: str) -> str:
        base = re.sub(r"\s+", "_", text.strip()) or "cell"
        candidate, number = base, 1
        while candidate in self.taken:
            number += 1
            candidate = f"{base}-{number}"
        self.taken.add(candidate)
        return candidate

    def contents(self, layouts: Sequence[TableLayout], *, findings: bool = False) -> str:
        links = [f'<a href="#part-{_e(p)}">{_e(self.part_name(p))}</a>'
                 for p in dict.fromkeys(_part(t.statement) for t in layouts)]
        if findings:
            links.append(f'<a href="#findings">{_e(_t("findings", self.language))}</a>')
        return f'<nav class="contents" aria-label="{_e(_t("contents", self.language))}">{" · ".join(links)}</nav>'

    def part_name(self, part: str) -> str:
        if part.startswith("note_") and part[5:].isdigit():
            return _t("note", self.language, number=part[5:])
        return _t(part, self.language)

    def parts(self, layouts: Sequence[TableLayout]) -> list[str]:
        """The tables, each statement (with the tables printed with it) in a section of its own."""
        out: list[str] = []
        current = None
        for layout in layouts:
            part = _part(layout.statement)
            first = part != current
            if first:
                if current is not None:
                    out.append("</section>")
                out.append(f'<section class="part" id="{_e(self._unique(f"part-{part}"))}">')  # a statement again: -2
                current = part
            out.append(self.table(layout, "h2" if first else "h3"))
        if current is not None:
            out.append("</section>")
        return out

    def table(self, layout: TableLayout, heading: str) -> str:
        from .published_tables import is_heading

        out = [f"<{heading}>{_e(layout.title)}</{heading}>"] if layout.title else []
        classes = " ".join(filter(None, ("statement", layout.statement.replace("_", "-"))))
        out.append(f'<table class="{classes}">')
        out.append("<thead><tr>" + "".join(_th(h, i in layout.amount_columns)
                                           for i, h in enumerate(layout.headers)) + "</tr></thead>")
        out.append("<tbody>")
        for r, (row, kind) in enumerate(zip(layout.rows, layout.kinds, strict=True)):
            if layout.row_keys and is_heading(layout, r):
                out.append(f'<tr class="section"><th scope="rowgroup" colspan="{len(layout.headers)}">'
                           f"{_e(_shown(row[0], layout.zero))}</th></tr>")
                continue
            span = 1  # a sum line's label runs over the empty text columns after it
            while (kind is not RowKind.LINE and span < len(row) and span not in layout.amount_columns
                   and row[span] in ("", None)):
                span += 1
            cells = self.cell(layout, r, 0, span) + "".join(self.cell(layout, r, c) for c in range(span, len(row)))
            out.append(f'<tr class="{kind.value}">{cells}</tr>')
        out.append("</tbody></table>")
        out.extend(f'<p class="note">{_e(note)}</p>' for note in layout.notes)
        return "\n".join(out)

    def cell(self, layout: TableLayout, r: int, c: int, span: int = 1) -> str:
        value = layout.rows[r][c]
        text = _e(_shown(value, layout.zero))
        classes = ["amount"] if c in layout.amount_columns else []
        attributes = []
        key = layout.cell_key(r, c) if layout.row_keys else None
        if key is not None:
            cell_id = self.id_for(key)
            titles: list[str] = []
            mark = self.marks.get(key)
            if mark is not None:
                classes.append(mark.kind)
                titles.extend(mark.messages)
            explanation = self.explanations.get(key)
            if explanation:
                classes.append("explained")
                titles.append(explanation)
                text = f'<a href="#why-{_e(cell_id)}">{text}</a>'
                self.explained_cells.append((key, cell_id, explanation))
            attributes += [f'data-cell="{_e(" ".join(key))}"', f'id="{_e(cell_id)}"']
            if titles:
                attributes.append(f'title="{_e(chr(10).join(titles))}"')
        css = f' class="{" ".join(classes)}"' if classes else ""
        if span > 1:
            attributes.insert(0, f'colspan="{span}"')
        extra = "".join(f" {a}" for a in attributes)
        return f"<td{css}{extra}>{text}</td>"

    def explained(self) -> list[str]:
        """The explanations of the figures that have one, each linked to and from its figure."""
        if not self.explained_cells:
            return []
        from ..findings import CellRef
        from .findings_render import figure_name

        out = [f'<section class="part explanations" id="explanations"><h2>{_e(_t("explanations", self.language))}'
               "</h2><dl>"]
        for key, cell_id, text in self.explained_cells:
            name = figure_name(CellRef(*key), self.language, self.year)
            out.append(f'<dt id="why-{_e(cell_id)}"><a href="#{_e(cell_id)}">{_e(name)}</a></dt><dd>{_e(text)}</dd>')
        out.append("</dl></section>")
        return out


# -- small helpers ----------------------------------------------------------------------------
def _th(heading: str, amount: bool) -> str:
    return f'<th scope="col" class="amount">{_e(heading)}</th>' if amount else f'<th scope="col">{_e(heading)}</th>'


def _part(statement: str) -> str:
    return _PART_OF.get(statement, statement)


def _shown(cell: Cell, zero: str) -> str:
    """A cell as printed: an amount in kroner, with øre where it has øre (``zero`` for nothing), a text as it is."""
    if cell is None:
        return ""
    if isinstance(cell, Money):
        if not cell.is_whole_kroner:
            return cell.format(decimals=True)
        return zero if cell.round_kroner() == 0 else cell.format()
    return cell


def _amount(amount: Money | None) -> str:
    return "" if amount is None else amount.format(decimals=not amount.is_whole_kroner)


def _listed(parts: Sequence[str], language: Language) -> str:
    if len(parts) < 2:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {_t('and', language)} {parts[-1]}"


def _t(key: str, language: Language, **values: object) -> str:
    norwegian, english = _TEXT[key]
    return (norwegian if language is Language.NORWEGIAN else english).format(**values)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


_CSS: Final = """
@page { size: A4 landscape; margin: 12mm 11mm 13mm; }
:root { --ink: #1c2329; --muted: #5a6570; --rule: #c5ccd3; --strong: #2b333b; --sum: #eef1f4;
  --error: #b3261e; --error-bg: #fbe3e1; --warning: #8a5a00; --warning-bg: #fff1cc;
  --rounding: #1f5f99; --rounding-bg: #e4eff9; }
* { box-sizing: border-box; }
html { color: var(--ink); background: #fff; font: 15px/1.4 "Source Sans 3", "Segoe UI", Roboto, "Helvetica Neue",
  Arial, "Liberation Sans", sans-serif; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; padding: 1.6rem 2rem 2rem; max-width: 1680px; }
.page-head { border-bottom: 2px solid var(--strong); padding-bottom: .5rem; margin-bottom: .8rem; }
.kicker { margin: 0; color: var(--muted); font-size: .85rem; letter-spacing: .04em; text-transform: uppercase; }
h1 { margin: .1rem 0 .15rem; font-size: 1.7rem; line-height: 1.15; }
.subtitle { margin: 0; color: var(--muted); }
h2 { font-size: 1.12rem; margin: 1.6rem 0 .45rem; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; break-after: avoid; page-break-after: avoid; }
nav.contents { font-size: .9rem; margin: .2rem 0 .6rem; color: var(--muted); }
a { color: inherit; }
nav.contents a, .findings a { color: var(--rounding); }
table { border-collapse: collapse; width: auto; min-width: 62%; font-size: .84rem; margin: 0 0 .3rem;
  font-variant-numeric: tabular-nums lining-nums; }
thead { display: table-header-group; }
th, td { padding: .24rem .45rem; text-align: left; vertical-align: top; }
thead th { vertical-align: bottom; font-weight: 600; border-bottom: 1.5px solid var(--strong);
  border-top: 1.5px solid var(--strong); line-height: 1.2; }
tbody td { border-bottom: .5px solid var(--rule); }
.amount { text-align: right; white-space: nowrap; }
table.appropriation, table.note-b, table.findings { width: 100%; }
table.capital, table.holdings, table.note-b-income, table.chargeback, table.commitment { break-inside: avoid; }
thead th.amount { white-space: normal; }
tr { break-inside: avoid; page-break-inside: avoid; }
tr.sum td, tr.total td { font-weight: 600; background: var(--sum); border-top: 1px solid var(--strong); }
tr.total td { border-bottom: 3px double var(--strong); }
tr.section th { font-weight: 600; font-style: italic; padding-top: .5rem; border-bottom: .5px solid var(--rule); }
table.appropriation { table-layout: fixed; }
table.appropriation th:nth-child(1) { width: 7.5%; } table.appropriation th:nth-child(2) { width: 18%; }
table.appropriation th:nth-child(3) { width: 4.5%; } table.appropriation th:nth-child(4) { width: 29%; }
table.appropriation th:nth-child(5) { width: 5%; } table.appropriation th.amount { width: 12%; }
table.note-b thead th { font-size: .76rem; }
table.note-b td:nth-child(2) { font-size: .78rem; white-space: nowrap; }
p.note { font-size: .8rem; color: var(--muted); margin: .2rem 0 .6rem; max-width: 60rem; }
tr td.error { background: var(--error-bg); box-shadow: inset 0 0 0 2px var(--error); }
tr td.warning { background: var(--warning-bg); outline: 2px dashed var(--warning); outline-offset: -2px; }
tr td.rounding { background: var(--rounding-bg); box-shadow: inset 0 -2px 0 var(--rounding); }
td.explained a { text-decoration: underline dotted; text-underline-offset: 2px; }
td[title] { cursor: help; }
.verdict { display: grid; grid-template-columns: auto 1fr; gap: .3rem 2rem; align-items: start;
  border: 1px solid var(--rule); border-left: 6px solid var(--rounding); padding: .6rem .9rem; margin: .6rem 0; }
.verdict.ok { border-left-color: #2e7d32; }
.verdict.failed { border-left-color: var(--error); }
.verdict-text { grid-column: 1 / -1; margin: 0; font-weight: 600; font-size: 1.05rem; }
dl.summary { display: flex; flex-wrap: wrap; gap: .2rem 1.4rem; margin: 0; font-size: .9rem; }
dl.summary div { display: flex; gap: .35rem; }
dl.summary dt { color: var(--muted); }
dl.summary dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
.legend h2 { font-size: .9rem; margin: 0 0 .2rem; }
.legend ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .2rem 1.2rem;
  font-size: .88rem; }
.legend li { display: flex; align-items: center; gap: .4rem; }
.legend .hint { margin: .2rem 0 0; font-size: .8rem; color: var(--muted); }
.swatch { display: inline-block; width: 1.6rem; height: 1rem; }
.swatch.error { background: var(--error-bg); box-shadow: inset 0 0 0 2px var(--error); }
.swatch.warning { background: var(--warning-bg); outline: 2px dashed var(--warning); outline-offset: -2px; }
.swatch.rounding { background: var(--rounding-bg); box-shadow: inset 0 -2px 0 var(--rounding); }
h2.tables-title { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
  margin: 1.2rem 0 -.6rem; }
table.findings { font-size: .78rem; }
table.findings code { font-size: .95em; }
table.findings td.rule, table.findings td.where { white-space: nowrap; }
tr.finding.error td:first-child { box-shadow: inset 4px 0 0 var(--error); }
tr.finding.warning td:first-child { box-shadow: inset 4px 0 0 var(--warning); }
tr.finding.rounding td:first-child { box-shadow: inset 4px 0 0 var(--rounding); }
details.passed { margin-top: .8rem; }
details.passed summary { cursor: pointer; color: var(--muted); }
.explanations dt { font-weight: 600; margin-top: .5rem; }
.explanations dd { margin: .1rem 0 0 1rem; white-space: pre-line; }
.page-foot { margin-top: 2rem; padding-top: .4rem; border-top: .5px solid var(--rule); color: var(--muted);
  font-size: .78rem; }
:target { outline: 2px solid var(--rounding); outline-offset: 1px; }
@media print {
  html { font-size: 10.5px; }
  th, td { padding: .16rem .4rem; }
  body { padding: 0; max-width: none; }
  nav.contents, details.passed { display: none; }
  main > section.part + section.part { break-before: page; page-break-before: always; }
  a { text-decoration: none; }
}
"""
