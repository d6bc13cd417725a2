"""The budget tables (Gul bok 2019–2026, Saldert budsjett 2025): real facts of the real files,
underposts folded into posts, and every broken file refused with located problems."""

from __future__ import annotations

import csv
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from statsbudsjett.account import Account
from statsbudsjett.errors import InputError, Severity, UsageError
from statsbudsjett.io.budget_reader import read_budget
from statsbudsjett.keywords import Keywords
from statsbudsjett.opendata.budget import budget_by_post
from statsbudsjett.opendata.records import BudgetPost

# (workbook, its CSV copy, data rows)
TABLES = [(f"Gul bok {year}.xlsx", f"gul-bok-{year}.csv", rows) for year, rows in
          [(2019, 1727), (2020, 1727), (2021, 1721), (2022, 1729), (2023, 1746), (2024, 1735), (2025, 1761),
           (2026, 1600)]] + [("Saldert budsjett 2025.xlsx", "saldert-budsjett-2025.csv", 1608)]

GUL_BOK_HEADER = ["fdep_nr", "fdep_navn", "omr_nr", "kat_nr", "omr_navn", "kat_navn", "kap_nr", "post_nr",
                  "upost_nr", "kap_navn", "post_navn", "stikkord", "GB"]


def a(text: str) -> Account:
    return Account.parse(text)


@pytest.fixture(scope="module")
def tables(reference_dir: Path) -> dict[str, tuple[BudgetPost, ...]]:
    """Every real table read once, by file name."""
    folder = reference_dir / "gul-bok"
    return {name: read_budget(folder / name) for workbook, copy, _ in TABLES for name in (workbook, copy)}


def by_account(posts: tuple[BudgetPost, ...]) -> dict[Account, BudgetPost]:
    return {p.account: p for p in posts}


# --- the real files -------------------------------------------------------------------------------


@pytest.mark.parametrize(("workbook", "copy", "rows"), TABLES)
def test_a_workbook_and_its_csv_copy_give_the_same_records(tables, workbook, copy, rows):
    from_workbook, from_copy = tables[workbook], tables[copy]
    assert len(from_workbook) == rows
    assert from_workbook == from_copy
    assert [(p.account, p.chapter_name, p.text, p.stikkord) for p in from_workbook] == \
           [(p.account, p.chapter_name, p.text, p.stikkord) for p in from_copy]
    # in file order, each record located on its row (the header is row 1)
    assert [p.source.line for p in from_workbook[:3]] == [2, 3, 4]
    assert from_workbook[0].source.file.endswith(workbook)


def test_gul_bok_2021_splits_540_post_1_into_underposts_and_they_fold_into_the_post(tables):
    posts = by_account(tables["Gul bok 2021.xlsx"])
    wages, goods = posts[a("540.01.01")], posts[a("540.01.02")]
    assert (wages.chapter_name, wages.text, wages.stikkord, wages.source.line) == (
        "Digitaliseringsdirektoratet", "Lønn og godtgjørelser", "", 466)
    assert (goods.text, goods.source.line) == ("Varer og tjenester", 467)
    assert a("540.01") not in posts  # no post-level row in Gul bok
    folded = budget_by_post(tables["Gul bok 2021.xlsx"])
    post = folded[a("540.01")]
    assert (post.account, post.chapter_name, post.text, post.stikkord, post.keywords) == (
        a("540.01"), "Digitaliseringsdirektoratet", "", "", Keywords())
    assert post.source.line == 466
    assert a("540.01.01") not in folded
    assert len(folded) == 1553
    assert folded[a("540.21")] is posts[a("540.21")]  # a post without underposts is kept as it is


def test_a_transferable_post_of_gul_bok_2021(tables):
    post = by_account(tables["gul-bok-2021.csv"])[a("540.21")]
    assert (post.text, post.stikkord) == ("Spesielle driftsutgifter", "kan overføres")
    assert post.keywords == Keywords(transferable=True)


def test_a_stikkord_on_one_underpost_makes_the_folded_post_transferable(tables):
    # Gul bok 2020: 141.01.01 Lønn og godtgjørelser «kan overføres», 141.01.02 Varer og tjenester without
    posts = by_account(tables["Gul bok 2020.xlsx"])
    assert (posts[a("141.01.01")].stikkord, posts[a("141.01.02")].stikkord) == ("kan overføres", "")
    post = budget_by_post(tables["Gul bok 2020.xlsx"])[a("141.01")]
    assert (post.text, post.stikkord, post.keywords) == ("", "kan overføres", Keywords(transferable=True))


@pytest.mark.parametrize(("table", "account", "stikkord", "expected"), [
    ("Gul bok 2026.xlsx", "430.45", "kan nyttes under kap. 61, post 1 og kap. 411, post 1",
     Keywords(usable_under=(a("61.01"), a("411.01")))),
    ("Gul bok 2025.xlsx", "1700.79",
     "kan overføres, kan nyttes under kap. 1710, post 1 og 47, kap. 1720, post 1 og kap. 1760, post 1 og 45",
     Keywords(transferable=True, usable_under=tuple(map(a, ["1710.01", "1710.47", "1720.01", "1760.01", "1760.45"])))),
    ("gul-bok-2020.csv", "490.22", "kan overføres. kan nyttes under kap. 291, post 60",
     Keywords(transferable=True, usable_under=(a("291.60"),))),
])
def test_kan_nyttes_under_resolves_to_the_accounts_named(tables, table, account, stikkord, expected):
    post = by_account(tables[table])[a(account)]
    assert (post.stikkord, post.keywords) == (stikkord, expected)  # written with a leading space in 2020 and 2025


def test_saldert_budsjett_2025_has_underposts_of_post_24_under_a_post_row(tables):
    posts = by_account(tables["Saldert budsjett 2025.xlsx"])
    assert [(str(p.account), p.text) for p in posts.values() if p.account.post_account == a("2445.24")] == [
        ("2445.24", "Driftsresultat:"), ("2445.24.01", "Driftsinntekter"), ("2445.24.02", "Driftsutgifter"),
        ("2445.24.03", "Avskrivninger"), ("2445.24.04", "Renter av statens kapital")]
    assert posts[a("2445.24.01")].chapter_name == ""  # Saldert budsjett has no chapter names
    assert posts[a("2460.24.02")].keywords == Keywords(estimate=True)
    assert posts[a("5800.50")].text == "Overføring fra fondet"
    folded = budget_by_post(tables["Saldert budsjett 2025.xlsx"])
    assert len(folded) == 1591
    assert (folded[a("2445.24")].text, folded[a("2445.24")].keywords) == ("Driftsresultat:", Keywords())
    estimate = folded[a("2460.24")]
    assert (estimate.text, estimate.stikkord, estimate.keywords) == (
        "Driftsresultat:", "overslagsbevilgning", Keywords(estimate=True))
    assert estimate.source.line == posts[a("2460.24")].source.line


def test_gul_bok_2026_is_read_from_its_data_sheet(reference_dir, tables):
    book = openpyxl.load_workbook(reference_dir / "gul-bok" / "Gul bok 2026.xlsx", read_only=True)
    assert book.sheetnames == ["Forklaring", "Data"]
    book.close()
    posts = tables["Gul bok 2026.xlsx"]
    first = posts[0]
    assert (first.account, first.chapter_name, first.text, first.source.line) == (
        a("1.01"), "H.M. Kongen og H.M. Dronningen", "Apanasje", 2)
    assert not any(p.account.is_underpost for p in posts)  # the 2026 layout has no underposts
    assert budget_by_post(posts) == {p.account: p for p in posts}


def test_names_are_stripped_and_a_stikkord_of_spaces_is_none(reference_dir, tables):
    with (reference_dir / "gul-bok" / "gul-bok-2025.csv").open(encoding="utf-8", newline="") as handle:
        first = next(csv.DictReader(handle))
    assert (first["kap_navn"], first["post_navn"]) == (" H.M. Kongen og H.M. Dronningen", " Varer og tjenester")
    post = tables["gul-bok-2025.csv"][0]
    assert (post.account, post.chapter_name, post.text) == (a("1.01.02"), "H.M. Kongen og H.M. Dronningen",
                                                           "Varer og tjenester")
    every = [p for posts in tables.values() for p in posts]
    assert all(p.stikkord == p.stikkord.strip() and p.text == p.text.strip() for p in every)
    assert sum(1 for p in tables["Gul bok 2026.xlsx"] if p.stikkord == "") == 1192 + 71  # empty and " "


def test_every_stikkord_of_every_table_is_read(tables):
    stikkord = {p.stikkord for posts in tables.values() for p in posts}
    assert len(stikkord) == 123  # 122 distinct texts, and none
    for posts in tables.values():
        for post in posts:
            assert bool(post.keywords) == bool(post.stikkord), (post.account, post.stikkord)
    gul_bok_2026 = tables["Gul bok 2026.xlsx"]
    assert [sum(1 for p in gul_bok_2026 if test(p.keywords)) for test in (
        lambda k: k.transferable, lambda k: k.estimate, lambda k: k.usable_under)] == [242, 38, 104]


# --- budget_by_post on records built in Python ---------------------------------------------------------


def record(account: str, text: str = "", stikkord: str = "", keywords: Keywords | None = None) -> BudgetPost:
    return BudgetPost(a(account), "Etaten", text, stikkord, keywords or Keywords())


def test_budget_by_post_joins_the_stikkord_of_underposts_distinct_in_account_order():
    folded = budget_by_post([
        record("540.01.02", "Varer", "kan nyttes under post 21", Keywords(usable_under=(a("540.21"),))),
        record("540.45", "Utstyr", "kan overføres", Keywords(transferable=True)),
        record("540.01.01", "Lønn", "kan overføres", Keywords(transferable=True)),
        record("540.01.03", "Annet", "kan overføres", Keywords(transferable=True)),
    ])
    assert list(folded) == [a("540.01"), a("540.45")]
    post = folded[a("540.01")]
    assert (post.text, post.stikkord, post.keywords) == (
        "", "kan overføres; kan nyttes under post 21", Keywords(True, False, (a("540.21"),)))


def test_budget_by_post_refuses_an_account_given_twice():
    with pytest.raises(UsageError, match=r"540\.01\.01 is given twice"):
        budget_by_post([record("540.01.01", "Lønn"), record("540.01.01", "Lønn igjen")])


# --- broken files ------------------------------------------------------------------------------------


def gul_bok_row(chapter: object = 540, post: object = 21, underpost: object = 0, stikkord: object = "kan overføres",
                text: str = " Spesielle driftsutgifter") -> list[object]:
    return [5, " Departementet", 13, 40, " Område", " Kategori", chapter, post, underpost, " Digdir", text,
            stikkord, 44678000]


def write_csv(path: Path, header: list[str], *rows: list[object], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, *sheets: tuple[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def problems(path: Path) -> InputError:
    with pytest.raises(InputError) as raised:
        read_budget(path)
    return raised.value


def test_a_csv_with_a_wrong_header_names_the_layouts_and_the_missing_columns(tmp_path):
    header = [("kapittel" if c == "kap_nr" else "post" if c == "post_nr" else c) for c in GUL_BOK_HEADER]
    error = problems(write_csv(tmp_path / "budget.csv", header, gul_bok_row()))
    (problem,) = error.problems
    assert problem.message == ("unknown header: not a known budget table "
                               "(closest is Gul bok 2019–2025, which lacks the columns kap_nr, post_nr)")
    assert (problem.location.file, problem.location.line) == (str(tmp_path / "budget.csv"), 1)
    assert "Gul bok 2026 (gdep_nr" in problem.expected and "Saldert budsjett (Kap. nr" in problem.expected


def test_a_bad_chapter_and_a_post_out_of_range_are_located_by_line(tmp_path):
    path = write_csv(tmp_path / "budget.csv", GUL_BOK_HEADER, gul_bok_row(), gul_bok_row(chapter="54O"),
                     gul_bok_row(post=100), gul_bok_row(chapter=""), gul_bok_row(underpost="a"))
    error = problems(path)
    assert [(p.location.line, p.field, p.message) for p in error.problems] == [
        (3, "kap_nr", "kap_nr is not a number"),
        (4, "post_nr", "post_nr 100 is outside 1–99"),
        (5, "kap_nr", "kap_nr is empty"),
        (6, "upost_nr", "upost_nr is not a number"),
    ]
    assert error.problems[0].render() == f"""\
{path}:3: error: kap_nr is not a number
  |
3 | 5, Departementet,13,40, Område, Kategori,54O,21,0, Digdir, Spesielle driftsutgifter,kan overføres,44678000
field:    kap_nr
expected: a chapter number 1–5999
found:    '54O'"""
    assert error.summary == "4 errors in the input"


def test_an_unreadable_stikkord_gives_the_keyword_parsers_message(tmp_path):
    row = gul_bok_row(stikkord="kan overføres, kan brukes")
    error = problems(write_csv(tmp_path / "budget.csv", GUL_BOK_HEADER, row))
    (problem,) = error.problems
    assert problem.message.startswith("the stikkord cannot be read: unknown keyword «kan brukes»")
    assert (problem.location.line, problem.field, problem.found) == (2, "stikkord", "'kan overføres, kan brukes'")


def test_an_account_given_twice_is_refused_with_both_lines(tmp_path):
    error = problems(write_csv(tmp_path / "budget.csv", GUL_BOK_HEADER, gul_bok_row(), gul_bok_row(underpost=1),
                               gul_bok_row()))
    assert [(p.location.line, p.message) for p in error.problems] == [(4, "540.21 is given twice (first in line 2)")]


def test_a_row_with_more_cells_than_the_header_is_refused(tmp_path):
    error = problems(write_csv(tmp_path / "budget.csv", GUL_BOK_HEADER, [*gul_bok_row(), "x"]))
    assert [(p.location.line, p.message) for p in error.problems] == [(2, "the row has 14 cells, the header 13")]


def test_the_problems_of_a_file_are_collected_and_capped(tmp_path):
    error = problems(write_csv(tmp_path / "budget.csv", GUL_BOK_HEADER,
                               *(gul_bok_row(chapter="x") for _ in range(30))))
    assert len(error.errors) == 20
    assert [p.location.line for p in error.errors] == list(range(2, 22))
    (note,) = error.warnings
    assert (note.severity, note.message) == (Severity.INFO, "10 more problems not shown (30 in all)")


@pytest.mark.parametrize(("content", "message", "hint"), [
    (b"", "the file is empty", "as published"),
    (b"\xef\xbb\xbf\n\n", "the file is empty", "as published"),
    (b'format = "statsbudsjett/1"\nagency = "Digdir"\n',
     "unknown header: not a known budget table (it shares no column with any known layout)", "looks like TOML"),
    (";".join(GUL_BOK_HEADER).encode(),
     "unknown header: not a known budget table (it shares no column with any known layout)", "comma-separated"),
    (",".join(GUL_BOK_HEADER).encode(), "the table has a header but no rows", "as published"),
    (",".join(GUL_BOK_HEADER).encode("utf-16"), "this is neither an .xlsx workbook nor UTF-8 text", "CSV UTF-8"),
    (",".join(GUL_BOK_HEADER).encode() + b'\n540,"' + b"x" * 200_000,  # a quote never closed
     "CSV syntax: field larger than field limit (131072)", "check the quotes"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "this is an Excel 97–2003 workbook (.xls), not .xlsx or CSV",
     "save it as .xlsx"),
])
def test_a_file_that_is_not_a_budget_table_is_refused(tmp_path, content, message, hint):
    path = tmp_path / "budget.csv"
    path.write_bytes(content)
    (problem,) = problems(path).problems
    assert problem.message == message
    assert hint in problem.hint
    assert problem.location.file == str(path)


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "budget.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    (problem,) = problems(path).problems
    assert problem.message == "this is a zip archive but not a readable .xlsx workbook"
    assert problem.location.file == str(path)


def test_a_missing_file_is_refused(tmp_path):
    (problem,) = problems(tmp_path / "missing.xlsx").problems
    assert problem.message == "cannot read the file: No such file or directory"


def test_a_workbook_with_a_wrong_header_names_the_sheet(tmp_path):
    path = write_xlsx(tmp_path / "Gul bok 2021.xlsx",
                      ("Ark1", [["Kap. nr", "Postnr.", "Posttekst", "Postsum"], [540, 21, "Drift", 1000]]))
    (problem,) = problems(path).problems
    assert problem.message == ("unknown header: not a known budget table "
                               "(closest is Saldert budsjett, which lacks the columns Underpostnr., Stikkord)")
    assert (problem.location.file, problem.location.line, problem.field) == (str(path), 1, "sheet Ark1, row 1")
    assert problem.found == "Kap. nr, Postnr., Posttekst, Postsum"


def test_a_bad_post_number_in_a_workbook_is_located_by_sheet_row_and_cell(tmp_path):
    path = write_xlsx(tmp_path / "Gul bok 2021.xlsx", ("Ark1", [
        GUL_BOK_HEADER, gul_bok_row(), gul_bok_row(post="tjueen"), gul_bok_row(post=21.5, underpost=1)]))
    error = problems(path)
    assert [(p.location.file, p.location.line, p.field, p.message) for p in error.problems] == [
        (str(path), 3, "sheet Ark1, cell H3 (post_nr)", "post_nr is not a number"),
        (str(path), 4, "sheet Ark1, cell H4 (post_nr)", "post_nr is not a number"),
    ]
    assert error.problems[1].found == "'21.5'"


def test_a_workbook_is_read_from_the_sheet_with_the_header_whatever_its_name(tmp_path):
    path = write_xlsx(tmp_path / "tabell.xlsx",
                      ("Forklaring", [["Begrepsforklaringer", None], ["kap_nr", "Kapittel, nummer"]]),
                      ("Tall", [GUL_BOK_HEADER, gul_bok_row(chapter=540.0, underpost=None, stikkord=None)]))
    (post,) = read_budget(path)
    assert (post.account, post.text, post.stikkord, post.keywords) == (a("540.21"), "Spesielle driftsutgifter", "",
                                                                      Keywords())
    assert post.source.line == 2


def test_a_workbook_is_read_whole_when_it_declares_a_smaller_range(tmp_path):
    written = write_xlsx(tmp_path / "written.xlsx", ("Ark1", [GUL_BOK_HEADER, gul_bok_row(), gul_bok_row(post=45)]))
    path = tmp_path / "Gul bok 2021.xlsx"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":  # some writers declare A1 whatever the sheet holds
                data = data.replace(b'<dimension ref="A1:M3" />', b'<dimension ref="A1" />')
                assert b'ref="A1" ' in data
            target.writestr(item, data)
    assert [p.account for p in read_budget(path)] == [a("540.21"), a("540.45")]


def test_a_workbook_with_two_tables_is_refused(tmp_path):
    path = write_xlsx(tmp_path / "to.xlsx", ("A", [GUL_BOK_HEADER, gul_bok_row()]),
                      ("B", [GUL_BOK_HEADER, gul_bok_row()]))
    (problem,) = problems(path).problems
    assert problem.message == "sheets A and B both hold a budget table"


def test_a_workbook_without_openpyxl_says_how_to_install_it_and_the_csv_copy_still_reads(tmp_path, monkeypatch):
    workbook = write_xlsx(tmp_path / "Gul bok 2021.xlsx", ("Ark1", [GUL_BOK_HEADER, gul_bok_row()]))
    copy = write_csv(tmp_path / "gul-bok-2021.csv", GUL_BOK_HEADER, gul_bok_row())
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now raises ImportError
    with pytest.raises(UsageError) as raised:
        read_budget(workbook)
    assert str(raised.value) == ("reading an .xlsx workbook needs openpyxl: pip install 'statsbudsjett[excel]' "
                                 "(the CSV copy of the sheet needs nothing)")
    assert [p.account for p in read_budget(copy)] == [a("540.21")]
