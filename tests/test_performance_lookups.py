"""The indexed look-ups that keep verify linear find what a scan in printed order finds.

``Table.row``, ``by_code``, ``by_account``, ``line`` and ``lines``, ``PublishedReport.table``
and the merinntektsfullmakt groups of the cross-statement checks answer from dictionaries
built once; each answer is compared here with the linear scan it replaced (the first match
wins where rows share a key, a code or an account). No timings: speed is measured in
``benchmarks/bench_startup_and_verify.py``.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
from hypothesis import given
from hypothesis import strategies as st

from statsbudsjett.account import Account
from statsbudsjett.money import Money
from statsbudsjett.published.report import Figure, PublishedReport, RevenueLink, Row, RowKind, Table
from statsbudsjett.verification.checks import cross_statement

# Few distinct values, so that rows often share a key, a code or an account.
ACCOUNTS = st.sampled_from([Account(540, 1), Account(540, 21), Account(541, 1), Account(3540, 2)])
rows = st.builds(
    Row,
    key=st.sampled_from(["540.01", "540.21", "Sum", "Sum utgiftsført"]),
    label=st.text(max_size=3),
    kind=st.sampled_from(RowKind),
    code=st.sampled_from(["", "total", "expense_total"]),
    account=st.none() | ACCOUNTS,
)
tables = st.builds(Table, name=st.sampled_from(["note_a", "note_b"]), columns=st.just(("total",)),
                   rows=st.lists(rows, max_size=8).map(tuple))


def _first(table: Table, match: Callable[[Row], bool]) -> Row | None:
    return next((r for r in table.rows if match(r)), None)


@given(tables, st.sampled_from(["540.01", "540.21", "Sum", "missing"]), st.sampled_from(["", "total", "x"]),
       st.none() | ACCOUNTS)
def test_table_lookups_find_the_first_match(table: Table, key: str, code: str, account: Account | None) -> None:
    assert table.row(key) is _first(table, lambda r: r.key == key)
    assert table.by_code(code) is _first(table, lambda r: r.code == code)
    assert table.by_account(account) is _first(table, lambda r: r.account == account)
    assert table.lines() == tuple(r for r in table.rows if r.kind is RowKind.LINE)
    if account is not None:
        post = account.post_account
        own = tuple(r for r in table.lines() if r.account == post)
        underposts = tuple(r for r in table.lines() if r.account is not None and r.account.post_account == post)
        assert table.post_lines(account) == (own or underposts)


@given(tables)
def test_the_index_is_not_part_of_the_value(table: Table) -> None:
    copy = attrs.evolve(table)
    assert copy == table and hash(copy) == hash(table)
    assert "_index" not in repr(table)
    if table.rows:
        changed = attrs.evolve(table, rows=table.rows[1:])
        assert changed.row(table.rows[0].key) is _first(changed, lambda r: r.key == table.rows[0].key)


@given(st.lists(tables, max_size=4), st.sampled_from(["note_a", "note_b", "appropriation"]))
def test_report_table_is_the_first_of_its_name(tables: list[Table], name: str) -> None:
    report = PublishedReport("Etat", 2021, tuple(tables))
    expected = next((t for t in tables if t.name == name), None)
    found = report.table(name)
    if expected is None:
        assert found == Table(name, ())
    else:
        assert found is expected


def test_report_figure_and_with_figure_use_the_rows_of_the_copy() -> None:
    row = Row("540.01", account=Account(540, 1), cells={"total": Figure(None)})
    report = PublishedReport("Etat", 2021, (Table("note_a", ("total",), (row,)),))
    cell = report.table("note_a").cell(row, "total")
    changed = report.with_figure(cell, Figure(Money(5)))
    assert changed.figure(cell) == Figure(Money(5))
    assert report.figure(cell) == Figure(None)


def _components_by_scan(report: PublishedReport) -> list[tuple[set[Account], set[Account]]]:
    """The former algorithm: each fullmakt joined with every group it shares a post with."""
    groups: list[tuple[set[Account], set[Account]]] = []
    for link in report.revenue_links:
        income, expense = set(link.income), set(link.expense)
        for group in [g for g in groups if g[1] & expense or g[0] & income]:
            groups.remove(group)
            income |= group[0]
            expense |= group[1]
        groups.append((income, expense))
    return groups


INCOME = st.sampled_from([Account(3540, 2), Account(3540, 3), Account(3541, 2), Account(3542, 1)])
EXPENSE = st.sampled_from([Account(540, 1), Account(540, 21), Account(541, 1), Account(542, 45)])
links = st.builds(RevenueLink, st.lists(INCOME, max_size=2).map(tuple), st.lists(EXPENSE, max_size=3).map(tuple))


@given(st.lists(links, max_size=8))
def test_revenue_groups_as_joining_one_by_one(revenue_links: list[RevenueLink]) -> None:
    report = PublishedReport("Etat", 2021, revenue_links=tuple(revenue_links))
    assert cross_statement._components(report) == _components_by_scan(report)
