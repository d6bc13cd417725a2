"""Explain a figure: the tree of terms the computation recorded, as a person reads it, or as JSON.

    Mulig overførbart beløp 540.01 = 1 362 035 = min(Sum grunnlag for overføring 1 362 035,
        Maks. overførbart beløp 8 221 150)  [transfer.five-percent: …; S1, S6, DIGDIR-2021; SEEN]
      Sum grunnlag for overføring = 1 362 035 = … + …  [note_b.basis: …]
        …
          Regnskap = 166 719 441  ← inputs.toml:30 expense."540.01".accounted

Each term names the rule that decided it (id, title, sources, evidence: looked up in the
rule registries, :func:`rule_info`) and each input the file and line it was read from, with
the comments above it (an imported file says there where a figure came from). The terms
themselves are the statements' own record (:mod:`statsbudsjett.explanation`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

from ..account import Account
from ..errors import KeyPath, Location, UsageError
from ..explanation import Op, Term
from ..findings import CellRef, input_field
from ..money import Money
from ..reprs import field_repr
from ..rules.sources import SOURCES
from .tables import LABELS, Language

__all__ = ["Explained", "Locator", "RuleInfo", "explain_text", "explanation_data", "explanation_texts", "find_cells",
           "formula",
           "locator", "rule_info", "source_titles", "term_label"]

_LOOKUP_ORDER = ("note_b", "note_b_income", "note_a", "appropriation", "capital", "holdings")

Locator = Callable[[KeyPath], tuple[Location | None, tuple[str, ...]]]  # where an input stands, and its comments

# What each term is, in words: the column labels of the tables, and the inputs and steps between.
_TERM_LABELS: dict[str, tuple[str, str]] = {
    "difference": LABELS["b_difference"],
    "income_difference": LABELS["b_income_difference"],  # an income line's, as the income table heads it
    "spent_by_others": LABELS["b_spent_by_others"],
    "received_by_others": LABELS["b_received_by_others"],
    "difference_after_chargebacks": LABELS["b_after"],
    "revenue": LABELS["b_revenue"],
    "reallocation": LABELS["b_reallocation"],
    "savings": LABELS["b_savings"],
    "basis": LABELS["b_basis"],
    "max_transferable": LABELS["b_max"],
    "transferable": LABELS["b_transferable"],
    "total_allocation": LABELS["total_allocation"],
    "total": LABELS["total_allocation"],
    "carried_over": LABELS["carried_over"],
    "allocated": LABELS["allocated"],
    "accounted": ("Regnskap", "Accounts"),
    "previous_allocated": ("Fjorårets tildelinger", "Last year's allocations"),
    "chargeback_used": ("Brukt av avgitt belastningsfullmakt", "Used under a given chargeback"),
    "revenue_share": ("Andel av merinntekten (fordeling)", "Share of the revenue surplus (split)"),
    "revenue_difference": ("Merinntekt og mindreinntekt (-) på inntektsposten", "Revenue surplus and shortfall (-) "
                           "on the income post"),
    "reallocated_to": ("Omdisponert eller forskuttert til posten", "Reallocated or advanced to the post"),
    "reallocated_from": ("Omdisponert fra posten", "Reallocated from the post"),
    "reallocated_in": ("Omdisponert til posten", "Reallocated into the post"),
    "saving": ("Innsparing", "Saving"),
    "covered_by_partners": ("Dekket av «kan nyttes under»-poster", "Covered by «kan nyttes under» posts"),
    "allocations_and_reallocation": ("Årets og fjorårets tildelinger og omdisponering", "This and last year's "
                                     "allocations and reallocation"),
    "five_percent_of_allocated": ("Andel av årets tildelinger", "Share of this year's allocations"),
    "net_reported": LABELS["net_reported"],
    "total_reported": LABELS["total_reported"],
    "amount": ("Kapitalkonto", "Capital account"),
    "change": LABELS["change"],
    "closing": ("Beholdning 31.12 i år", "Balance 31.12 this year"),
    "opening": ("Beholdning 31.12 i fjor", "Balance 31.12 last year"),
}


def term_label(term: Term, language: Language) -> str:
    norwegian, english = _TERM_LABELS.get(term.name, (term.name, term.name))
    text = norwegian if language is Language.NORWEGIAN else english
    return text.format(year="", previous="").strip()


@frozen
class RuleInfo:
    """A rule as an explanation cites it: id, title, the sources' ids and titles, evidence."""

    __repr__ = field_repr

    id: str
    title: str
    sources: tuple[str, ...]
    evidence: str


def rule_info(rule_id: str, language: Language = Language.NORWEGIAN) -> RuleInfo | None:
    """The rule with this id in the registries: the transfer rules, the input rules, verify's rules."""
    from ..rules import TRANSFER_RULES
    from ..rules.registry import INPUT_RULES
    from ..verification.registry import RULES

    for transfer in TRANSFER_RULES:
        if transfer.id == rule_id:
            return RuleInfo(transfer.id, transfer.title, tuple(s.id for s in transfer.sources), transfer.evidence.value)
    found = next((r for r in INPUT_RULES if r.id == rule_id), None) or RULES.get(rule_id)
    if found is None:
        return None
    return RuleInfo(found.id, found.title.get(language.value), found.sources, found.evidence.value)


@frozen
class Explained:
    """The explanation of one cell: where it stands and its term."""

    __repr__ = field_repr

    statement: str
    row: str
    column: str
    term: Term


def _amount(value: Money | None) -> str:
    """Exact, øre where there are øre: an explanation shows what was computed, not what is printed."""
    return "—" if value is None else value.format(decimals=not value.is_whole_kroner)


def formula(term: Term, language: Language = Language.NORWEGIAN) -> str:
    """How a term's value comes from its terms, in words: ``min(Sum grunnlag … 1 362 035, Maks. … 8 221 150)``."""
    def part(sign: int, sub: Term, first: bool) -> str:
        text = f"{term_label(sub, language)} {_amount(sub.value)}"
        return (("−" if sign < 0 else "") + text) if first else (("− " if sign < 0 else "+ ") + text)

    if term.op is Op.SUM:
        if not term.terms:
            return ""  # nothing of the kind on the post
        return " ".join(part(sign, sub, i == 0) for i, (sign, sub) in enumerate(term.terms))
    if term.op is Op.MIN:
        return "min(" + ", ".join(f"{term_label(s, language)} {_amount(s.value)}" for _, s in term.terms) + ")"
    if term.op is Op.SHARE:
        [(_, sub)] = term.terms
        assert term.factor is not None
        percent = term.factor * 100
        shown = f"{percent.numerator // percent.denominator}" if percent.denominator == 1 else f"{float(percent):g}"
        return f"{shown} % × {term_label(sub, language)} {_amount(sub.value)}"
    if term.op is Op.AT_LEAST_ZERO:
        [(_, sub)] = term.terms
        return f"max(0, {term_label(sub, language)} {_amount(sub.value)})"
    if term.op is Op.EMPTY:
        return "tom: regelen gir ingen overføring" if language is Language.NORWEGIAN else \
            "empty: the rule allows no transfer"
    return ""


def _rule_text(rule_id: str, language: Language) -> str:
    if not rule_id:
        return ""
    info = rule_info(rule_id, language)
    if info is None:
        return f"  [{rule_id}]"
    return f"  [{info.id}: {info.title}; {', '.join(info.sources)}; {info.evidence}]"


def _lines(term: Term, language: Language, locate: Locator | None, depth: int, head: str,
           seen_rules: set[str], max_depth: int | None = None) -> Iterator[str]:
    pad = "  " * depth
    how = formula(term, language)
    rule = _rule_text(term.rule, language) if term.rule not in seen_rules else f"  [{term.rule}]"
    if term.rule:
        seen_rules.add(term.rule)
    text = f"{pad}{head} = {_amount(term.value)}" + (f" = {how}" if how else "") + rule
    yield text
    if term.op is Op.INPUT:
        for path in term.inputs:
            location, comments = locate(path) if locate is not None else (None, ())
            where = f"{location}" if location is not None else "input"
            yield f"{pad}    ← {where} {input_field(path)}"
            yield from (f"{pad}      {comment}" for comment in comments)
        return
    if max_depth is not None and depth >= max_depth:
        return
    for _, sub in term.terms:
        sub_head = term_label(sub, language) + (f" {sub.account}" if sub.account is not None and sub.account
                                               != term.account else "")
        yield from _lines(sub, language, locate, depth + 1, sub_head, seen_rules, max_depth)


def explain_text(cells: Sequence[Explained], *, language: Language = Language.NORWEGIAN,
                 locate: Locator | None = None) -> str:
    """The explanations as text: one tree per cell, each term indented under the one it makes up."""
    blocks = []
    for cell in cells:
        head = f"{term_label(cell.term, language)} {cell.row}"
        blocks.append("\n".join(_lines(cell.term, language, locate, 0, head, set())))
    return "\n\n".join(blocks) + "\n"


def explanation_texts(cells_terms: Mapping[CellRef, Term], *, language: Language = Language.NORWEGIAN,
                      locate: Locator | None = None, depth: int = 2) -> dict[tuple[str, str, str], str]:
    """Each figure's explanation as text, ``depth`` levels deep, by (statement, row, column): for the page."""
    texts = {}
    for cell, term in cells_terms.items():
        head = f"{term_label(term, language)} {cell.row}"
        texts[(cell.statement, cell.row, cell.column)] = "\n".join(
            line.strip() for line in _lines(term, language, locate, 0, head, set(), depth))
    return texts


def explanation_data(cells: Sequence[Explained], *, language: Language = Language.NORWEGIAN,
                     locate: Locator | None = None) -> list[dict[str, Any]]:
    """The same trees as JSON-ready data (amounts exact)."""

    def node(term: Term, sign: int = 1) -> dict[str, Any]:
        info = rule_info(term.rule, language) if term.rule else None
        data: dict[str, Any] = {
            "name": term.name, "label": term_label(term, language),
            "value": None if term.value is None else term.value.to_json_number(),
            "op": term.op.value, "sign": sign, "formula": formula(term, language),
            "rule": None if info is None else {"id": info.id, "title": info.title, "sources": list(info.sources),
                                               "evidence": info.evidence},
        }
        if term.account is not None:
            data["account"] = str(term.account)
        if term.factor is not None:
            data["factor"] = str(term.factor)
        if term.op is Op.INPUT:
            inputs = []
            for path in term.inputs:
                location, comments = locate(path) if locate is not None else (None, ())
                inputs.append({"field": input_field(path), "file": location.file if location else None,
                               "line": location.line if location else None, "comments": list(comments)})
            data["inputs"] = inputs
        data["terms"] = [node(sub, s) for s, sub in term.terms]
        return data

    return [{"statement": c.statement, "row": c.row, "column": c.column, **node(c.term)} for c in cells]


def source_titles(cells: Sequence[Explained]) -> dict[str, str]:
    """The sources the explanations cite, by id, with their titles (for a list under the trees)."""
    ids = {s for c in cells for t in c.term.walk() if t.rule and (i := rule_info(t.rule)) for s in i.sources}
    return {s: SOURCES[s].title for s in sorted(ids) if s in SOURCES}


def locator(path: str | Path) -> Locator:
    """Where an input of the v1 file at ``path`` stands, and the comments just above it (an imported
    file says there where the figure came from)."""
    from .input_reader import AgencyYearReader
    from .toml_document import read_toml

    reader = AgencyYearReader(read_toml(Path(path)))
    reader.agency_year()
    document = reader.doc

    def locate(key: KeyPath) -> tuple[Location | None, tuple[str, ...]]:
        spelt = key
        if len(key) >= 2 and key[0] in ("expense", "income") and isinstance(key[1], str):
            line_path = reader.line_paths.get(Account.parse(key[1]))
            if line_path is not None:
                spelt = (*line_path, *key[2:])
        location = document.location(spelt)
        comments: list[str] = []
        number = (location.line or 1) - 2  # the line above, 0-based
        while number >= 0 and document.lines[number].lstrip().startswith("#"):
            comments.insert(0, document.lines[number].strip())
            number -= 1
        return location, tuple(comments)

    return locate


def find_cells(cells_terms: Mapping[CellRef, Term], row: str, column: str | None) -> list[Explained]:
    """The cells to explain (``cells_terms``: :func:`statsbudsjett.statements.explained.cell_terms`).
    ``column`` is ``statement.column`` or a column name, looked up in Note B, Note A, then the
    bevilgningsrapportering; without one, the whole row of the first of them that has the row."""
    terms: dict[str, dict[tuple[str, str], Term]] = {name: {} for name in _LOOKUP_ORDER}
    for cell, term in cells_terms.items():
        terms.setdefault(cell.statement, {})[(cell.row, cell.column)] = term
    if column is not None:
        statement, _, name = column.rpartition(".")
        order = [statement] if statement else list(terms)
        for table in order:
            found = terms.get(table, {}).get((row, name))
            if found is not None:
                return [Explained(table, row, name, found)]
        known = sorted({f"{t}.{c}" for t, cells in terms.items() for (r, c) in cells if r == row})
        raise UsageError(f"no figure {column!r} on {row}" + (f"; its figures: {', '.join(known)}" if known else ""))
    for table, cells in terms.items():
        row_cells = [Explained(table, r, c, term) for (r, c), term in cells.items() if r == row]
        if row_cells:
            return row_cells
    raise UsageError(f"{row} is not a row of the statements; give an account such as 540.01, or a sum such as "
                     "\"Sum utgiftsført\"")
