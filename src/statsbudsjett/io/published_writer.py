"""Write a :class:`PublishedReport` as a published-report file (format ``statsbudsjett/published-1``).

The inverse of :mod:`.published_reader`: reading what :func:`dump_published` writes gives
the same report (locations aside). Values are written exactly as the v1 writer writes them;
a figure printed "-" is written ``"-"``, an empty cell is left out (in a list: ``""``).
The format is documented in ``docs/published-format.md``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..account import Side
from ..errors import UsageError
from ..published.report import (
    APPROPRIATION,
    CAPITAL,
    CHARGEBACKS,
    COMMITMENTS,
    HOLDINGS,
    NOTE_A,
    NOTE_B,
    NOTE_B_INCOME,
    OBJECT_CLASS,
    POST_TOTAL,
    TREASURY_OVERVIEW,
    Figure,
    PublishedReport,
    Row,
    RowKind,
    Table,
    TableKind,
)
from .input_writer import toml_amount, toml_string  # TOML values exactly as the v1 writer writes them
from .published_reader import DASH, FORMAT

__all__ = ["dump_published", "raw_entry", "write_published"]


def dump_published(report: PublishedReport, *, raw: str | None = None) -> str:
    """The report as a published-report file (the inverse of
    :func:`~statsbudsjett.io.published_reader.read_published`).

    ``raw`` names the raw-input file to record (``report.raw`` itself is not written).
    """
    return "\n".join(_published_lines(report, raw)) + "\n"


def write_published(report: PublishedReport, path: str | Path, *, raw: str | Path | None = None) -> bool:
    """Write the report to ``path`` (UTF-8; an existing file is replaced), with ``raw =``
    naming the raw-input file ``raw`` relative to ``path``'s folder (:func:`raw_entry`).

    Returns whether :func:`~statsbudsjett.io.published_reader.read_published` will read that
    entry on its own: ``False`` when the raw inputs are not in the report's folder or below
    it, so that verify needs them given (``--raw INPUTS``, ``verify(path, raw=INPUTS)``).
    """
    if not isinstance(path, str | Path):
        raise UsageError(f"write_published: expected a path, not {type(path).__name__}")
    path = Path(path)
    entry, inside = (None, True) if raw is None else raw_entry(raw, path.parent)
    text = dump_published(report, raw=entry)  # before anything is written: a failure leaves no file
    path.write_text(text, encoding="utf-8", newline="\n")
    return inside


def raw_entry(raw: str | Path, folder: str | Path) -> tuple[str, bool]:
    """The ``raw =`` entry that names the file ``raw`` from a report in ``folder``, and whether
    the reader follows it: a relative path with ``/`` (symbolic links resolved), inside the
    folder or below it (``True``), or leading out of it through ``..`` (``False``: the reader
    refuses it and the raw inputs must be given explicitly).

    >>> raw_entry("data/inputs.toml", "data")
    ('inputs.toml', True)
    >>> raw_entry("inputs.toml", "reports")
    ('../inputs.toml', False)
    """
    file, base = Path(raw).resolve(), Path(folder).resolve()
    try:
        relative = Path(os.path.relpath(file, base))
    except ValueError:  # another drive (Windows): no relative path; the reader refuses an absolute one
        return file.as_posix(), False
    return relative.as_posix(), file.is_relative_to(base)


def _published_lines(report: PublishedReport, raw: str | None) -> Iterator[str]:
    yield f'format = "{FORMAT}"'
    yield f"agency = {toml_string(report.agency)}"
    yield f"fiscal_year = {report.fiscal_year}"
    if raw is not None:
        yield f"raw = {toml_string(raw)}"
    appropriation, capital = report.table(APPROPRIATION), report.table(CAPITAL)
    net, total = appropriation.by_code("net_reported"), capital.by_code("total_reported")
    if net is not None or total is not None:
        yield "\n[appropriation]"
        if net is not None and "accounted" in net:
            yield f"net_reported = {_figure(net['accounted'])}"
        if total is not None and "amount" in total:
            yield f"total_reported = {_figure(total['amount'])}"
    for row in appropriation.rows:
        if row.kind is RowKind.LINE and row.account is not None:
            side = "expense" if row.account.side is Side.EXPENSE else "income"
            yield f"\n[[appropriation.{side}]]"
            yield f'account = "{row.account}"'
            for key, text in (("chapter_name", row.chapter_name), ("text", row.label), ("note", row.note)):
                if text:
                    yield f"{key} = {toml_string(text)}"
            if row.received_chargeback:
                yield "received_chargeback = true"
            if row.unsigned:
                yield "unsigned = true"
            yield from _cells(row)
        elif row.code in ("expense_total", "income_total"):
            yield f"\n[appropriation.{row.code}]"
            yield from _cells(row)
    for name, table in (("capital", capital), ("holding", report.table(HOLDINGS))):
        for row in table.lines():
            yield f"\n[[appropriation.{name}]]\nnumber = {toml_string(row.key)}\ntext = {toml_string(row.label)}"
            yield from _cells(row)
    for name in (NOTE_A, NOTE_B, NOTE_B_INCOME):
        for row in report.table(name).rows:
            if row.kind is RowKind.LINE or row.code == POST_TOTAL:  # a post's sum line is written as its row
                yield f'\n[[{name}]]\naccount = "{row.account}"'
                if row.keywords:
                    yield f"keywords = {toml_string(str(row.keywords))}"
                if row.unsigned:
                    yield "unsigned = true"
            else:
                yield f"\n[{name}_{'income_total' if row.code == 'income_total' else 'total'}]"
            yield from _cells(row)
    for link in report.revenue_links:
        yield "\n[[revenue_authorisation]]"
        yield f"income = [{', '.join(toml_string(str(a)) for a in link.income)}]"
        yield f"expense = [{', '.join(toml_string(str(a)) for a in link.expense)}]"
    for name, kind in ((CHARGEBACKS, "direction"), (COMMITMENTS, "kind")):
        for row in report.table(name).rows:
            yield f'\n[[{name}]]\n{kind} = "{row.code}"\naccount = "{row.account}"'
            if row.label:
                yield f"counterparty = {toml_string(row.label)}"
            yield from _cells(row)
    object_class = report.table(OBJECT_CLASS)
    if object_class.rows:
        yield "\n[object_class]"
        yield from (f"{row.code} = {_figures(row, object_class.columns)}" for row in object_class.rows)
    yield from _table_of_lines(report.table(TREASURY_OVERVIEW), f"[{TREASURY_OVERVIEW}]", "")
    for note in report.notes:
        yield "\n[[note]]"
        yield f"number = {note.name.removeprefix('note_')}"
        if note.kind is TableKind.RECONCILIATION:
            yield 'kind = "reconciliation"'
        if note.title:
            yield f"title = {toml_string(note.title)}"
        yield from _table_of_lines(note, "", "note.section")


def _table_of_lines(table: Table, header: str, section_header: str) -> Iterator[str]:
    """Lines and totals of a note (sections under ``section_header``) or of the mellomværende overview."""
    if not table.rows:
        return
    if header:
        yield f"\n{header}"
    total = next((r for r in table.rows if r.kind is RowKind.TOTAL), None)
    if total is not None:
        yield from _total(total, table.columns)
    loose = [r for r in table.lines() if not r.section]
    if loose:
        yield "line = ["
        yield from (f"  {{ text = {toml_string(r.label)}, amounts = {_figures(r, table.columns)} }}," for r in loose)
        yield "]"
    for section in dict.fromkeys(r.section for r in table.rows if r.section):
        yield f"\n[[{section_header}]]\ntitle = {toml_string(section)}"
        section_total = next((r for r in table.rows if r.section == section and r.kind is RowKind.SUM), None)
        if section_total is not None:
            yield from _total(section_total, table.columns)
        lines = [r for r in table.lines() if r.section == section]
        if lines:
            yield "line = ["
            yield from (
                f"  {{ text = {toml_string(r.label)}, amounts = {_figures(r, table.columns)} }}," for r in lines
            )
            yield "]"


def _total(row: Row, columns: Sequence[str]) -> Iterator[str]:
    yield f"total_text = {toml_string(row.label)}"
    yield f"total = {_figures(row, columns)}"
    if row.explains:
        yield f'explains = "{row.explains}"'


def _cells(row: Row) -> Iterator[str]:
    return (f"{column} = {_figure(row.as_printed(figure))}" for column, figure in row.cells)


def _figures(row: Row, columns: Sequence[str]) -> str:
    return "[" + ", ".join(_figure(row[c]) if c in row else '""' for c in columns) + "]"


def _figure(figure: Figure) -> str:
    if figure.value is None:
        return f'"{DASH}"' if figure.dash else '""'
    return toml_amount(figure.value)
