"""Post 24, a driftsresultat: its underposts signed in the raw inputs, printed unsigned in a report (issue 8, 7).

The figures are SDØE's (kap. 5440) as Petoro's note A for 2023 prints them: 5440.24.01
Driftsinntekter 375 800 000 000, the costs 24.02–24.05 without their minus sign, and then the
post 5440.24 itself, 287 100 000 000 = 375 800 000 000 − 56 700 000 000 − 1 700 000 000
− 27 600 000 000 − 2 700 000 000, and no sum line. The accounted figures are made up.
"""

from __future__ import annotations

import csv

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import statsbudsjett as sb
from statsbudsjett import AgencyYear, ExpenseLine, IncomeLine, InputError, Money
from statsbudsjett.io.html_page import verify_page
from statsbudsjett.io.published_reader import read_published
from statsbudsjett.io.published_writer import dump_published
from statsbudsjett.published import RowKind, publish
from statsbudsjett.published.report import POST_TOTAL
from statsbudsjett.rules import SOURCES, driftsresultat

kr = Money.kroner
BN = 1_000_000_000

# account, text, allocated (signed, as the budget tables have it), accounted
SDOE = [("5440.24.01", "Driftsinntekter", 375_800 * BN // 1000, 380 * BN),
        ("5440.24.02", "Driftsutgifter", -56_700 * BN // 1000, -55 * BN),
        ("5440.24.03", "Lete- og feltutviklingsutgifter", -1_700 * BN // 1000, -1_600 * BN // 1000),
        ("5440.24.04", "Avskrivninger", -27_600 * BN // 1000, -27_600 * BN // 1000),
        ("5440.24.05", "Renter av statens kapital", -2_700 * BN // 1000, -2_700 * BN // 1000),
        ("5440.30", "Avskrivninger", 27_600 * BN // 1000, 27_600 * BN // 1000),
        ("5440.80", "Renter av statens kapital", 2_700 * BN // 1000, 2_700 * BN // 1000)]


def sdoe_year() -> AgencyYear:
    return AgencyYear("Petoro AS (SDØE)", 2023,
                      expense=[ExpenseLine("2440.30", "Investeringer", allocated=30 * BN, accounted=29_500_000_000)],
                      income=[IncomeLine(a, t, allocated, accounted, True) for a, t, allocated, accounted in SDOE])


def note_a_as_petoro_prints_it(*, unsigned: bool = True, post: int = 287_100_000_000) -> str:
    """The published file of the SDØE year, with note A as printed: costs unsigned, the post after them, no sums."""
    text = dump_published(publish(sdoe_year()), raw="inputs.toml")
    head, _, rest = text.partition("\n[[note_a]]")
    tail = rest[rest.index("\n[[note_b]]"):]
    rows = ['[[note_a]]\naccount = "2440.30"\ncarried_over = "-"\nallocated = 30000000000\ntotal = 30000000000']
    for account, _, allocated, _ in SDOE:
        mark = "unsigned = true\n" if unsigned and allocated < 0 else ""
        shown = abs(allocated) if unsigned else allocated
        rows.append(f'[[note_a]]\naccount = "{account}"\n{mark}carried_over = "-"\nallocated = {shown}\n'
                    f"total = {shown}")
    rows.append(f'[[note_a]]\naccount = "5440.24"\ncarried_over = "-"\nallocated = {post}\ntotal = {post}')
    return head + "\n" + "\n\n".join(rows) + "\n" + tail


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "inputs.toml").write_text(sb.dump(sdoe_year()), encoding="utf-8")
    return tmp_path


def read(folder, text: str):
    path = folder / "published.toml"
    path.write_text(text, encoding="utf-8")
    return read_published(path)


def test_the_budget_adds_post_24s_signed_underposts_up_to_the_driftsresultat():
    """Saldert budsjett 2025: 5440.24 = 300 310 000 000 − 42 600 000 000 − … = 218 710 000 000."""
    parts = [300_310_000_000, -42_600_000_000, -2_000_000_000, -32_100_000_000, -4_900_000_000]
    year = AgencyYear("SDØE", 2025, income=[IncomeLine(f"5440.24.0{i}", "", a, a) for i, a in enumerate(parts, 1)])
    (post,) = year.income_posts
    assert post.account == sb.Account.parse("5440.24") and post.allocated == kr(218_710_000_000)
    assert all(driftsresultat.is_component(line.account) for line in year.income)
    assert not driftsresultat.is_component(post.account)
    assert not driftsresultat.is_component(sb.Account.parse("540.01.01"))
    assert set(driftsresultat.SOURCES) <= set(SOURCES)


def test_a_note_a_printed_as_petoro_prints_it_verifies_clean(folder):
    report = read(folder, note_a_as_petoro_prints_it())
    note_a = report.table("note_a")
    cost = note_a.row("5440.24.02")
    assert cost.unsigned and cost["allocated"].value == kr(-56_700_000_000)  # read as the rules count it
    assert note_a.row("5440.24").kind is RowKind.SUM and note_a.row("5440.24").code == POST_TOTAL
    result = sb.verify(report)
    assert result.ok, [f.describe() for f in result.errors]
    unsigned = [f for f in result.findings if f.rule == "published.unsigned"]
    assert [f.row for f in unsigned] == ["5440.24.02", "5440.24.03", "5440.24.04", "5440.24.05"]
    assert unsigned[0].message.en == ("5440.24.02 is printed unsigned, as a part of the driftsresultat on post 24: "
                                      "56 700 000 000 read as -56 700 000 000")
    post = [f for f in result.findings if f.rule == "note_a.post-total"]
    assert {f.column: f.expected for f in post} == {"carried_over": kr(0), "allocated": kr(287_100_000_000),
                                                     "total": kr(287_100_000_000)}


def test_a_driftsresultat_printed_wrong_is_an_error_of_the_post_total(folder):
    result = sb.verify(read(folder, note_a_as_petoro_prints_it(post=287_100_001_000)))
    assert {(f.rule, f.row, f.column) for f in result.errors} == {
        ("note_a.post-total", "5440.24", "allocated"), ("note_a.post-total", "5440.24", "total")}


def test_costs_printed_unsigned_but_not_marked_are_errors_that_say_how_to_mark_them(folder):
    result = sb.verify(read(folder, note_a_as_petoro_prints_it(unsigned=False).replace(
        "allocated = -56700000000\ntotal = -56700000000", "allocated = 56700000000\ntotal = 56700000000")))
    errors = [f for f in result.errors if f.rule == "raw.recomputed"]
    assert {(f.row, f.column) for f in errors} == {("5440.24.02", "allocated"), ("5440.24.02", "total")}
    assert all(f.hint is not None and "unsigned = true" in f.hint.en for f in errors)


def test_unsigned_is_refused_on_a_row_that_is_no_part_of_a_driftsresultat(folder):
    text = note_a_as_petoro_prints_it().replace('account = "5440.30"\n', 'account = "5440.30"\nunsigned = true\n')
    with pytest.raises(InputError) as raised:
        read(folder, text)
    lines = [i + 2 for i, line in enumerate(text.splitlines()) if line == 'account = "5440.30"']
    problems = raised.value.problems
    assert [(p.location.line, p.field) for p in problems] == [
        (lines[0], "appropriation.income[5].unsigned"), (lines[1], "note_a[6].unsigned")]
    assert all("only an underpost of post 24 (a driftsresultat) may be printed unsigned, not 5440.30" in p.message
               for p in problems)


def test_the_published_file_is_written_back_as_printed(folder):
    report = read(folder, note_a_as_petoro_prints_it())
    text = dump_published(report, raw="inputs.toml")
    assert 'account = "5440.24.02"\nunsigned = true\ncarried_over = "-"\nallocated = 56700000000' in text
    assert 'account = "5440.24"\ncarried_over = "-"\nallocated = 287100000000' in text
    assert read(folder, text) == report


def test_the_verify_page_shows_the_figures_as_printed(folder):
    report = read(folder, note_a_as_petoro_prints_it())
    page = verify_page(report, sb.verify(report))
    assert 'id="note_a-5440.24.02-allocated">56 700 000 000<' in page
    assert 'id="appropriation-5440.24.02-total_allocation">-56 700 000 000<' in page  # printed signed there


def test_an_unsigned_line_of_the_bevilgningsrapportering_is_the_negative_of_the_signed_line(folder):
    """Every figure of an unsigned row is printed negated, its difference too: accounted − allocated of the print."""
    text = note_a_as_petoro_prints_it()
    line = text.index('account = "5440.24.02"')
    assert "[[appropriation.income]]" in text[:line], "the first 5440.24.02 row is the bevilgningsrapportering's"
    signed = text[line:text.index("\n\n", line)]
    assert signed.endswith("total_allocation = -56700000000\naccounted = -55000000000\ndifference = 1700000000")
    unsigned = signed.replace('account = "5440.24.02"', 'account = "5440.24.02"\nunsigned = true').replace(
        "-56700000000", "56700000000").replace("-55000000000", "55000000000").replace(
        "difference = 1700000000", "difference = -1700000000")
    report = read(folder, text[:line] + unsigned + text[line + len(signed):])
    row = report.table("appropriation").row("5440.24.02")
    assert row.unsigned and (row["accounted"].value, row["difference"].value) == (kr(-55 * BN), kr(1_700_000_000))
    result = sb.verify(report)
    assert result.ok, [f.describe() for f in result.errors]


# -- the raw inputs: post 24's underposts signed as the budget tables sign them -------------------------

def test_the_components_of_saldert_budsjett_2025_carry_the_sign_the_rule_expects(reference_dir):
    """Every post-24 underpost of Saldert budsjett 2025 whose name is known has the sign expected_sign gives."""
    with (reference_dir / "gul-bok" / "saldert-budsjett-2025.csv").open(encoding="utf-8", newline="") as file:
        rows = [r for r in csv.DictReader(file) if r["Postnr."] == "24" and r["Underpostnr."]]
    signs = {(r["Kap. nr"], r["Underpostnr."], r["Posttekst"]): driftsresultat.expected_sign(
        sb.Account.parse(f"{r['Kap. nr']}.24.{r['Underpostnr.']}"), r["Posttekst"]) for r in rows}
    printed = {(r["Kap. nr"], r["Underpostnr."], r["Posttekst"]): 1 if int(r["Postsum"]) > 0 else -1 for r in rows}
    unknown = {key for key, sign in signs.items() if sign is None}
    assert len(rows) == 17 and unknown == {("2470", "6", "Til reguleringsfond")}
    assert {key: sign for key, sign in signs.items() if key not in unknown} == {
        key: sign for key, sign in printed.items() if key not in unknown}
    assert driftsresultat.expected_sign(sb.Account.parse("5440.30"), "Avskrivninger") is None  # not post 24


def test_a_cost_typed_unsigned_in_the_raw_inputs_is_a_located_warning(tmp_path):
    text = sb.dump(sdoe_year()).replace("allocated = -56700000000", "allocated = 56700000000")
    path = tmp_path / "inputs.toml"
    path.write_text(text, encoding="utf-8")
    year, warnings = sb.read_agency_year(path)
    (warning,) = [w for w in warnings if "driftsresultat" in w.message]
    assert warning.location.line == text.splitlines().index("allocated = 56700000000") + 1
    assert warning.message == ("5440.24.02 Driftsutgifter: 56 700 000 000 has the wrong sign for a cost of the "
                               "driftsresultat on an income chapter (post 24); it is negative there")
    assert warning.hint.startswith("write -56 700 000 000")
    findings = [f for f in sb.validate(year) if f.rule == "input.driftsresultat-sign"]
    assert [(f.severity, f.path) for f in findings] == [(sb.Severity.WARNING, ("income", "5440.24.02", "allocated"))]


def test_the_signed_sdoe_year_and_an_expense_chapters_driftsresultat_give_no_warning():
    statsbygg = AgencyYear("Statsbygg", 2025, expense=[
        ExpenseLine("2445.24.01", "Driftsinntekter", allocated=-6_558_000_000, accounted=-6_600_000_000),
        ExpenseLine("2445.24.02", "Driftsutgifter", allocated=2_848_358_000, accounted=2_800_000_000),
        ExpenseLine("2445.30", "Prosjektering av bygg", allocated=111_000_000, accounted=100_000_000)])
    for year in (sdoe_year(), statsbygg):
        assert [f.rule for f in sb.validate(year)] == [], year.agency  # no negative-allocation warning on post 24
    assert sb.note_b(statsbygg)["2445.24"].transferable is None  # post 24: no transfer


def test_an_unsigned_row_printed_wrong_says_the_print_and_the_reading(folder):
    text = note_a_as_petoro_prints_it().replace(
        'account = "5440.24.02"\nunsigned = true\ncarried_over = "-"\nallocated = 56700000000',
        'account = "5440.24.02"\nunsigned = true\ncarried_over = "-"\nallocated = 56700001000')
    result = sb.verify(read(folder, text))
    (finding,) = [f for f in result.errors if f.rule == "raw.recomputed"]
    assert (finding.row, finding.column, finding.published) == ("5440.24.02", "allocated", kr(-56_700_001_000))
    assert finding.message.en == ("printed 56 700 001 000 unsigned, read as -56 700 001 000; the raw inputs give "
                                  "-56 700 000 000")


def test_a_row_marked_unsigned_but_printed_with_its_sign_gets_the_hint_to_remove_the_mark(folder):
    text = note_a_as_petoro_prints_it().replace(
        'account = "5440.24.02"\nunsigned = true\ncarried_over = "-"\nallocated = 56700000000\ntotal = 56700000000',
        'account = "5440.24.02"\nunsigned = true\ncarried_over = "-"\nallocated = -56700000000\ntotal = -56700000000')
    errors = [f for f in sb.verify(read(folder, text)).errors if f.rule == "raw.recomputed"]
    assert {(f.row, f.column) for f in errors} == {("5440.24.02", "allocated"), ("5440.24.02", "total")}
    assert all(f.hint is not None and f.hint.en.startswith("the row is printed with its sign: remove unsigned = true")
               for f in errors)


def test_a_sum_line_of_note_a_left_out_is_said_not_an_error():
    """Digdir's report without its [note_a_total]: no figure is printed wrong, and verify says the line is missing."""
    from statsbudsjett.io.examples import example_path

    path = example_path("digdir-2021/published.toml")
    text = path.read_text(encoding="utf-8")
    start = text.index("[note_a_total]")
    without = text[:start] + text[text.index("\n\n", start) + 2:]
    report = read_published(without, file="digdir.toml", base=path.parent)
    result = sb.verify(report)
    assert result.ok, [f.describe() for f in result.errors]
    (said,) = [f for f in result.findings if f.rule == "raw.recomputed" and f.row == "Sum"]
    assert said.severity is sb.Severity.INFO
    assert said.message.en == "the line «Sum» is not printed; the raw inputs give 1 092 268 000"


# -- properties: printing a driftsresultat's parts unsigned changes nothing but the print ---------------

@st.composite
def driftsresultat_years(draw: st.DrawFn) -> AgencyYear:
    """A year with post 24 split into 1–5 underposts on an income or an expense chapter, amounts of any sign."""
    income_side = draw(st.booleans())
    chapter = 5440 if income_side else 2445
    amounts = st.integers(-10**11, 10**11)
    parts = draw(st.lists(st.tuples(amounts, amounts), min_size=1, max_size=5))
    names = sorted(driftsresultat.COMPONENTS)
    lines = [(f"{chapter}.24.0{i}", draw(st.sampled_from(names)), a, b) for i, (a, b) in enumerate(parts, 1)]
    if income_side:
        return AgencyYear("Etaten", 2024, expense=[ExpenseLine("2440.30", allocated=30 * BN, accounted=29 * BN)],
                          income=[IncomeLine(a, t, allocated, accounted, True) for a, t, allocated, accounted in lines])
    return AgencyYear("Etaten", 2024, expense=[ExpenseLine(a, t, allocated=allocated, accounted=accounted)
                                               for a, t, allocated, accounted in lines])


@settings(max_examples=40)
@given(year=driftsresultat_years(), data=st.data())
def test_marking_any_of_post_24s_underposts_unsigned_changes_no_verdict_and_round_trips(year, data):
    report = publish(year)
    marked: set[str] = set()
    tables = []
    for table in report.tables:
        rows = []
        for row in table.rows:
            if row.account is not None and driftsresultat.is_component(row.account) and data.draw(st.booleans()):
                row = attrs.evolve(row, unsigned=True)  # the same figures, read from a print without their sign
                marked.add(f"{table.name} {row.key}")
            rows.append(row)
        tables.append(attrs.evolve(table, rows=tuple(rows)))
    unsigned = attrs.evolve(report, tables=tuple(tables))
    before, after = sb.verify(report), sb.verify(unsigned)
    problems = lambda result: sorted((f.rule, f.cell) for f in result.findings if f.is_problem)  # noqa: E731
    assert problems(after) == problems(before)
    said = {f"{f.statement} {f.row}" for f in after.findings if f.rule == "published.unsigned"}
    assert said == marked
    text = dump_published(unsigned)
    again = read_published(text, file="unsigned.toml")
    assert again.tables == unsigned.tables  # the print written without the sign is read back as the same figures
    for key in marked:
        name, account = key.split()
        row = again.table(name).row(account)
        assert all(row.as_printed(f).value == (None if f.value is None else -f.value) for _, f in row.cells)
