"""Statements laid out as tables, with DFØ's Norwegian headings (English on request).

A :class:`TableLayout` holds typed cells (``Money``, text, or ``None`` for an empty cell);
the writers in :mod:`statsbudsjett.io.render` decide how a cell looks in each format.
How DFØ prints a zero differs by statement: the bevilgningsrapportering and Note A
print ``-``, Note B leaves the cell empty (Digdir 2021).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from attrs import frozen

from ..choices import NegativeBasis, UsableUnder
from ..errors import UsageError
from ..money import Money
from ..reprs import field_repr
from ..statements.names import APPROPRIATION, CAPITAL, HOLDINGS, NOTE_A, NOTE_B, NOTE_B_COLUMNS, NOTE_B_INCOME, Labels
from ..statements.rows import RowKind
from ..statements.transfer_note import NoteB

if TYPE_CHECKING:  # only named: printing Note B loads neither Note A nor the bevilgningsrapportering
    from ..statements.allocation_note import NoteA
    from ..statements.appropriation import AppropriationLine, AppropriationReport, LineTotal

__all__ = [
    "Cells", "Language", "SumFormula", "TableLayout", "appropriation_tables", "build_table", "formula_value", "label",
    "language_of", "note_a_tables", "note_b_tables",
]

Cell = Money | str | None
CellKey = tuple[str, str, str]  # (statement, row key, column key): where a figure stands (statements/names.py)


class Language(enum.Enum):
    NORWEGIAN = "no"
    ENGLISH = "en"


def language_of(value: Language | str) -> Language:
    """A language given by name (``"no"``, ``"en"``); :class:`~statsbudsjett.errors.UsageError` names the choices."""
    try:
        return Language(value)
    except ValueError:
        raise UsageError(f"unknown language {value!r}; languages: no, en") from None


@frozen
class Cells:
    """Cells of one column that a :class:`SumFormula` adds (``sign`` 1) or subtracts (``sign`` -1).

    The rows ``rows`` (row keys) of the table ``statement`` ("": the formula's own), in the
    column ``column`` (a column key; "": the formula cell's own column).
    """

    __repr__ = field_repr

    rows: tuple[str, ...]
    sign: int = 1
    column: str = ""
    statement: str = ""


@frozen
class SumFormula:
    """How the amounts of a sum row are computed from other cells: each amount cell of the row is
    Σ sign × the cells of its terms (a formula cell of DFØ's template: *Sum utgiftsført* is the
    column sum of the lines, *Netto rapportert* the sum utgiftsført minus the sum inntektsført).

    Declared where a table is built, so that a writer (the workbook's ``SUM`` formulas) never
    guesses which cells add up to which."""

    __repr__ = field_repr

    terms: tuple[Cells, ...]

    def cells(self, own: CellKey) -> list[tuple[int, CellKey]]:
        """``(sign, key)`` of every cell the formula of the cell ``own`` adds up, in order."""
        statement, _, column = own
        return [(term.sign, (term.statement or statement, row, term.column or column))
                for term in self.terms for row in term.rows]


@frozen
class TableLayout:
    """A statement laid out for printing: headings, rows of typed cells, how a zero is printed.

    The rendering side of a statement; :class:`statsbudsjett.published.report.Table` is the
    other side, the figures a report prints, keyed for checking."""

    __repr__ = field_repr

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    kinds: tuple[RowKind, ...]
    zero: str  # how a zero amount is printed: "-" or ""
    amount_columns: frozenset[int]
    notes: tuple[str, ...] = ()  # lines printed under the table (e.g. a rule the year chose)
    # Where each cell is in the published format (the ``CellRef`` of its findings and of its
    # explanation): the table's name, each row's key (the account, or DFØ's Norwegian label in
    # any language), each column's key (``None`` for a text column).
    statement: str = ""
    row_keys: tuple[str, ...] = ()
    column_keys: tuple[str | None, ...] = ()
    # Per row: how its amounts are computed from other cells (a sum row), or ``None`` (typed figures).
    formulas: tuple[SumFormula | None, ...] = ()
    decimals: bool = False  # amounts with øre shown with øre (findings), not rounded to whole kroner
    language: Language = Language.NORWEGIAN  # of the headings (and of what a writer adds: a note)

    def cell_key(self, row: int, column: int) -> CellKey | None:
        """``(statement, row key, column key)`` of a cell; ``None`` for a text cell or an unkeyed table."""
        if not self.statement or column >= len(self.column_keys) or self.column_keys[column] is None:
            return None
        return self.statement, self.row_keys[row], self.column_keys[column]  # type: ignore[return-value]

    def formula(self, row: int) -> SumFormula | None:
        """The formula of row ``row``, ``None`` for a row of typed figures."""
        return self.formulas[row] if row < len(self.formulas) else None

    def keyed_cells(self) -> dict[CellKey, Money | None]:
        """Every keyed amount cell of the table (``None``: an empty cell), by its key."""
        return {key: cell if isinstance(cell, Money) else None
                for r, row in enumerate(self.rows) for c, cell in enumerate(row)
                if (key := self.cell_key(r, c)) is not None}


def formula_value(formula: SumFormula, own: CellKey, cells: dict[CellKey, Money | None]) -> Money:
    """What ``formula`` gives for the cell ``own``, from ``cells`` (e.g. :meth:`TableLayout.keyed_cells`
    of the tables it refers to); an empty cell counts as zero, as in a spreadsheet's ``SUM``."""
    total = Money.zero()
    for sign, key in formula.cells(own):
        value = cells[key] or Money.zero()
        total = total + value if sign > 0 else total - value
    return total


# Every label in one place: (Norwegian as DFØ prints it, English).
LABELS: Final[dict[str, tuple[str, str]]] = {
    "sheet_appropriation": ("Bevilgningsrapportering", "Appropriation report"),  # the workbook's sheets
    "sheet_note_a": ("Note A", "Note A"),
    "sheet_note_b": ("Note B", "Note B"),
    "text_narrowed": ("Tabellen er brutt om for å passe {width} tegn; full bredde: --format markdown eller xlsx.",
                      "The table is wrapped to fit {width} columns; full width: --format markdown or xlsx."),
    "appropriation": ("Oppstilling av bevilgningsrapportering 31.12.{year}",
                      "Appropriation report 31.12.{year}"),
    "expense_chapter": ("Utgiftskapittel", "Expense chapter"),
    "income_chapter": ("Inntektskapittel", "Income chapter"),
    "chapter_name": ("Kapittelnavn", "Chapter name"),
    "post": ("Post", "Post"),
    "post_text": ("Posttekst", "Post text"),
    "note": ("Note", "Note"),
    "total_allocation": ("Samlet tildeling", "Total allocation"),
    "accounted": ("Regnskap {year}", "Accounts {year}"),
    "expense_difference": ("Merutgift (-) og mindreutgift", "Overspend (-) and underspend"),
    "income_difference": ("Merinntekt og mindreinntekt (-)", "Revenue surplus and shortfall (-)"),
    "expense_total": ("Sum utgiftsført", "Total expenses"),
    "income_total": ("Sum inntektsført", "Total income"),
    "net_reported": ("Netto rapportert til bevilgningsregnskapet", "Net reported to the appropriation accounts"),
    "capital_accounts": ("Kapitalkontoer", "Capital accounts"),
    "account_number": ("Konto", "Account"),
    "text": ("Tekst", "Text"),
    "amount": ("Beløp", "Amount"),
    "total_reported": ("Sum rapportert", "Total reported"),
    "holdings": ("Beholdninger rapportert til kapitalregnskapet (31.12)",
                 "Balances reported to the capital accounts (31.12)"),
    "closing": ("31.12.{year}", "31.12.{year}"),
    "opening": ("31.12.{previous}", "31.12.{previous}"),
    "change": ("Endring", "Change"),
    "treasury_change": (Labels.TREASURY_CHANGE, "Change in the balance with the treasury"),
    "chargeback_suffix": (" (belastningsfullmakt)", " (chargeback authorisation)"),
    "note_a": ("Note A: Forklaring av samlet tildeling utgifter", "Note A: Total allocation, expenses"),
    "note_a_income": ("Note A: Forklaring av samlet tildeling inntekter", "Note A: Total allocation, income"),
    "chapter_and_post": ("Kapittel og post", "Chapter and post"),
    "carried_over": ("Overført fra i fjor", "Carried over from last year"),
    "allocated": ("Årets tildelinger", "This year's allocations"),
    "sum": ("Sum", "Total"),
    "note_b": ("Note B: Forklaring til brukte fullmakter og beregning av mulig overførbart beløp til neste år",
               "Note B: Authorisations used and the amount that may be carried to next year"),
    "keywords": ("Stikkord", "Keywords"),
    "b_difference": ("Merutgift(-)/mindreutgift", "Overspend(-)/underspend"),
    "b_spent_by_others": ("Utgiftsført av andre iht. avgitte belastningsfullmakter(-)",
                          "Spent by others under given chargeback authorisations(-)"),
    "b_after": ("Merutgift(-)/mindreutgift etter avgitte belastningsfullmakter",
                "Overspend(-)/underspend after given chargeback authorisations"),
    "b_revenue": ("Merinntekter/mindreinntekter(-) iht. merinntektsfullmakt",
                  "Revenue surplus/shortfall(-) under revenue authorisations"),
    "b_reallocation": ("Omdisponering fra post 01 til 45 eller til post 01/21 fra neste års bevilgning",
                       "Reallocation from post 01 to 45, or to post 01/21 from next year's appropriation"),
    "b_savings": ("Innsparinger(-)", "Savings(-)"),
    "b_basis": ("Sum grunnlag for overføring", "Basis for transfer"),
    "b_max": ("Maks. overførbart beløp", "Maximum transferable"),
    "b_transferable": ("Mulig overførbart beløp beregnet av virksomheten",
                       "Transferable amount computed by the agency"),
    "chose_negative_basis": (
        "Valgt regel ([rules] negative_basis = \"carried\"): negativt grunnlag på 5 %-poster overføres som "
        "negativ overføring (standard: ingen overføring, v1-beslutning 1).",
        "Rule chosen ([rules] negative_basis = \"carried\"): a negative basis on a 5 % post is carried as a "
        "negative transfer (default: none, v1 decision 1)."),
    "chose_usable_under": (
        "Valgt regel ([rules] usable_under = \"together\"): poster med «kan nyttes under» ses under ett; "
        "sum grunnlag er justert for dekket merutgift (+) og brukt mindreutgift (-): {moves}.",
        "Rule chosen ([rules] usable_under = \"together\"): posts with «kan nyttes under» are taken together; "
        "the basis includes an overspend covered (+) and an underspend used (-): {moves}."),
    "b_income": ("Opplysninger om avgitte belastningsfullmakter på inntektskapitler",
                 "Chargeback authorisations given on income chapters"),
    "b_income_difference": ("Merinntekt og mindreinntekt (-)", "Revenue surplus and shortfall (-)"),
    "b_received_by_others": ("Inntektsført av andre iht. avgitte belastningsfullmakter (+)",
                             "Income booked by others under given chargeback authorisations (+)"),
    "b_income_after": ("Merinntekt og mindreinntekt (-) etter avgitte belastningsfullmakter",
                       "Revenue surplus and shortfall (-) after given chargeback authorisations"),
}


def label(key: str, language: Language, labels: dict[str, tuple[str, str]] = LABELS, **values: object) -> str:
    """The label ``key`` of a (Norwegian, English) label table, in ``language``, with ``values`` filled in."""
    norwegian, english = labels[key]
    return (norwegian if language is Language.NORWEGIAN else english).format(**values)


def build_table(title: str, headers: Sequence[str], rows: Sequence[tuple[tuple[Cell, ...], RowKind]],
                zero: str, amount_columns: Sequence[int], notes: Sequence[str] = (), *, statement: str = "",
                row_keys: Sequence[str] = (), column_keys: Sequence[str | None] = (),
                formulas: dict[str, SumFormula] | None = None, decimals: bool = False,
                language: Language = Language.NORWEGIAN) -> TableLayout:
    """A :class:`TableLayout`; ``formulas`` declares the sum rows, by row key."""
    declared = formulas or {}
    unknown = set(declared) - set(row_keys)
    if unknown:  # pragma: no cover - a table built wrongly
        raise ValueError(f"formulas for rows the table does not have: {sorted(unknown)}")
    return TableLayout(title, tuple(headers), tuple(r for r, _ in rows), tuple(k for _, k in rows), zero,
                       frozenset(amount_columns), tuple(notes), statement, tuple(row_keys), tuple(column_keys),
                       tuple(declared.get(key) for key in row_keys) if declared else (), decimals, language)


def _column_sum(keys: Sequence[str]) -> SumFormula:
    """The column sum of the rows ``keys`` (a statement side's lines, Note A's posts)."""
    return SumFormula((Cells(tuple(keys)),))


def appropriation_tables(report: AppropriationReport, language: Language = Language.NORWEGIAN) -> list[TableLayout]:
    """The bevilgningsrapportering as DFØ lays it out: expense, income, capital, holdings."""
    year = report.fiscal_year

    def L(key: str) -> str:
        return label(key, language, year=year, previous=year - 1)

    def line(row: AppropriationLine) -> tuple[Cell, ...]:
        name = row.chapter_name + (L("chargeback_suffix") if row.received_chargeback else "")
        post = f"{row.account.post:02d}" + (f".{row.account.underpost:02d}" if row.account.underpost else "")
        return (str(row.account.chapter), name, post, row.text, row.note,
                row.total_allocation, row.accounted, row.difference)

    def total(key: str, sums: LineTotal) -> tuple[Cell, ...]:
        return (L(key), "", "", "", "", sums.total_allocation, sums.accounted, sums.difference)

    def side(chapter_key: str, difference_key: str, rows: Sequence[AppropriationLine],
             total_key: str, sums: LineTotal, extra: Sequence[tuple[tuple[Cell, ...], RowKind]] = (),
             extra_keys: Sequence[str] = (), extra_formulas: dict[str, SumFormula] | None = None) -> TableLayout:
        headers = (L(chapter_key), L("chapter_name"), L("post"), L("post_text"), L("note"),
                   L("total_allocation"), L("accounted"), L(difference_key))
        body = [(line(r), RowKind.LINE) for r in rows] + [(total(total_key, sums), RowKind.SUM), *extra]
        title = L("appropriation") if chapter_key == "expense_chapter" else ""
        lines = [str(r.account) for r in rows]
        total_label = label(total_key, Language.NORWEGIAN)
        formulas = {total_label: _column_sum(lines), **(extra_formulas or {})}
        return build_table(title, headers, body, "-", (5, 6, 7), statement=APPROPRIATION,
                           row_keys=[*lines, total_label, *extra_keys],
                           column_keys=(None,) * 5 + ("total_allocation", "accounted", "difference"),
                           formulas=formulas, language=language)

    net_row = ((L("net_reported"), "", "", "", "", None, report.net_reported, None), RowKind.SUM)
    # Netto rapportert = sum utgiftsført − sum inntektsført; Sum rapportert = netto + the kapitalkontoer.
    net_formula = SumFormula((Cells((Labels.EXPENSE_TOTAL,)), Cells((Labels.INCOME_TOTAL,), sign=-1)))
    capital_keys = [c.number for c in report.capital]
    capital = build_table(L("capital_accounts"), (L("account_number"), L("text"), L("amount")),
                          [((c.number, _capital_text(c.text, language), c.amount), RowKind.LINE)
                           for c in report.capital]
                          + [((L("total_reported"), "", report.total_reported), RowKind.SUM)], "0", (2,),
                          statement=CAPITAL, row_keys=[*capital_keys, Labels.TOTAL_REPORTED],
                          column_keys=(None, None, "amount"),
                          formulas={Labels.TOTAL_REPORTED: SumFormula((
                              Cells((Labels.NET_REPORTED,), column="accounted", statement=APPROPRIATION),
                              Cells(tuple(capital_keys))))}, language=language)
    tables = [
        side("expense_chapter", "expense_difference", list(report.expense), "expense_total", report.expense_total),
        side("income_chapter", "income_difference", list(report.income), "income_total", report.income_total,
             [net_row], [Labels.NET_REPORTED], {Labels.NET_REPORTED: net_formula}),
        capital,
    ]
    if report.holdings:
        tables.append(build_table(
            L("holdings"), (L("account_number"), L("text"), L("closing"), L("opening"), L("change")),
            [((h.number, h.text, h.closing, h.opening, h.change), RowKind.LINE) for h in report.holdings],
            "0", (2, 3, 4), statement=HOLDINGS, row_keys=[h.number for h in report.holdings],
            column_keys=(None, None, "closing", "opening", "change"), language=language))
    return tables


def _capital_text(text: str, language: Language) -> str:
    """A capital line's text; the change in the mellomværende is the statement's own line, in the table's language."""
    return label("treasury_change", language) if text == Labels.TREASURY_CHANGE else text


def note_a_tables(note: NoteA, language: Language = Language.NORWEGIAN) -> list[TableLayout]:
    def L(key: str) -> str:
        return label(key, language)

    headers = (L("chapter_and_post"), L("carried_over"), L("allocated"), L("total_allocation"))
    tables = []
    for title, lines, total, sum_key in (("note_a", note.rows, note.total, Labels.SUM),
                                         ("note_a_income", note.income_rows, note.income_total, Labels.INCOME_SUM)):
        if total is None:
            continue
        rows = [((r.account.compact, r.carried_over, r.allocated, r.total), RowKind.LINE) for r in lines]
        rows.append(((L("sum"), total.carried_over, total.allocated, total.total), RowKind.SUM))
        keys = [str(r.account) for r in lines]
        tables.append(build_table(L(title), headers, rows, "-", (1, 2, 3), statement=NOTE_A,
                                  row_keys=[*keys, sum_key], column_keys=(None, "carried_over", "allocated", "total"),
                                  formulas={sum_key: _column_sum(keys)}, language=language))
    return tables


def _chosen_rules(note: NoteB, language: Language) -> list[str]:
    """A line under Note B for each rule the year chose otherwise than the v1 decision ([rules])."""
    params = note.parameters
    lines = []
    if params.negative_basis is NegativeBasis.CARRIED:
        lines.append(label("chose_negative_basis", language))
    if params.usable_under is UsableUnder.TOGETHER:
        moves = ", ".join(f"{r.account} {r.covered_by_partners.format()}" for r in note.rows if r.covered_by_partners)
        lines.append(label("chose_usable_under", language, moves=moves or "-"))
    return lines


def note_b_tables(note: NoteB, language: Language = Language.NORWEGIAN) -> list[TableLayout]:
    """Note B; where nothing may be transferred, the transfer columns G–I stay empty (Digdir 540.22)."""

    def L(key: str) -> str:
        return label(key, language)

    rows = []
    for r in note.rows:
        transfer: tuple[Cell, ...] = (
            (None, None, None) if r.transferable is None else (r.basis, r.max_transferable, r.transferable)
        )
        rows.append(((r.account.compact, ", ".join(r.keywords), r.difference, r.spent_by_others,
                      r.difference_after_chargebacks, r.revenue, r.reallocation, r.savings, *transfer),
                     RowKind.LINE))
    headers = tuple(L(k) for k in ("chapter_and_post", "keywords", "b_difference", "b_spent_by_others", "b_after",
                                   "b_revenue", "b_reallocation", "b_savings", "b_basis", "b_max", "b_transferable"))
    tables = [build_table(L("note_b"), headers, rows, "", range(2, 11), _chosen_rules(note, language),
                          statement=NOTE_B, row_keys=[str(r.account) for r in note.rows],
                          column_keys=(None, None, *NOTE_B_COLUMNS), language=language)]
    if len(note.income_rows):
        income_headers = tuple(L(k) for k in ("chapter_and_post", "b_income_difference",
                                              "b_received_by_others", "b_income_after"))
        tables.append(build_table(L("b_income"), income_headers,
                                  [((r.account.compact, r.difference, r.received_by_others,
                                     r.difference_after_chargebacks), RowKind.LINE) for r in note.income_rows],
                                  "", (1, 2, 3), statement=NOTE_B_INCOME,
                                  row_keys=[str(r.account) for r in note.income_rows],
                                  column_keys=(None, "difference", "received_by_others",
                                               "difference_after_chargebacks"), language=language))
    return tables
