"""The readers of DFØ's open data, on files in the exact dialect (/work/shared/OPEN-DATA.md §1.2–1.3).

Every file is written by the dialect writers of :mod:`opendata_fixtures` (Windows-1252 bytes,
every field quoted, ``;``, CRLF, ``",000"``, credit signs, balance rows, rows without
kapittel/post, zip), read with :func:`read_ledger` / :func:`read_appropriations`, and the
tests assert the values that come out, or the located problem a broken file gives.
"""

from __future__ import annotations

import datetime
import itertools
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opendata_fixtures import (
    AGENCIES,
    APPROPRIATIONS_HEADER,
    LEDGER_HEADER,
    MINISTRIES,
    appropriation_row,
    csv_bytes,
    ledger_row,
    write_appropriations,
    write_ledger,
    zip_bytes,
)
from statsbudsjett import Account, Money
from statsbudsjett.errors import InputError, Problem, UsageError
from statsbudsjett.io.appropriations_reader import decision, read_appropriations
from statsbudsjett.io.dfo_csv import MAX_PROBLEMS
from statsbudsjett.io.importer import AgencyRows, list_agencies
from statsbudsjett.io.ledger_reader import read_ledger
from statsbudsjett.opendata.ledger import Total, organisation_number_problem, summarise_ledger
from statsbudsjett.opendata.records import DecisionKind

DIGDIR, SKATTEETATEN, VEGVESEN, KARTVERKET, UIO = "991825827", "974761076", "971032081", "971040238", "971035854"
LEDGER = "statsregnskapet_aar_2021.csv"
BALANCE = ("715006", "Mellomværende med statskassen")


def rows_of(path: Path, **options) -> list:
    return list(read_ledger(path, **options))


def refusal(read, *args, **options) -> InputError:
    """The InputError reading a file gives (the reader iterated to its end)."""
    with pytest.raises(InputError) as caught:
        list(read(*args, **options))
    return caught.value


def assert_readable(error: InputError, file: str | Path, line: int | None) -> Problem:
    """The first problem names the file (and the line, header = 1), and the message is a message, not a traceback."""
    problem = error.problems[0]
    assert problem.location.file == str(file)
    assert problem.location.line == line
    rendered = error.render()
    where = f"{file}:{line}:" if line is not None else f"{file}: error:"
    assert where in rendered and where in problem.render()
    for noise in ("Traceback", 'File "', "Error:", "Exception", "<", "object at"):
        assert noise not in rendered, noise
    return problem


# -- reading the ledger ----------------------------------------------------------------------------------------------

def digdir_rows() -> list[dict[str, str]]:
    """Some rows of Digdir's year as the file has them: several posts and artskonti, credit rows, an
    income post, a padded chapter, other agencies, a balance row and a nettobudsjettert agency's rows."""
    return [
        ledger_row(account="540.01", artskonto="511", amount="1234567.89", period=202101),
        ledger_row(account="540.01", artskonto="511", amount="1000000", period=202102, padded_chapter=True),
        ledger_row(account="540.01", artskonto="580", amount="-52660.32", period=202102),  # sykepengerefusjon
        ledger_row(account="540.21", artskonto="670", amount="-847732.87", period=202103),
        ledger_row(account="3540.03", artskonto="320", amount="-90000.00", period=202111),  # income: credit
        ledger_row(account="3540.03", artskonto="310", amount="1500.50", period=202107),  # a reversal: debit
        ledger_row(account="540.25", agency=SKATTEETATEN, artskonto="679", amount="250000", period=202106,
                   Regnskapsfører_id="974761076", Regnskapsfører="Skatteetaten region øst"),  # the accounting unit
        ledger_row(account="1320.01", agency=VEGVESEN, artskonto="301", amount="-847732.87", period=202102),
        ledger_row(account=None, konto=BALANCE, artskonto="260", amount="-1234567.89", period=202112),
        ledger_row(account=None, agency=UIO, artskonto="511", amount="123456789.00", period=202106),
        ledger_row(account=None, agency=UIO, artskonto="320", amount="-45678901.23", period=202112),
    ]


def test_a_ledger_gives_its_rows_typed(tmp_path):
    ledger = read_ledger(write_ledger(tmp_path / LEDGER, digdir_rows()), year=2021)
    records = list(ledger)
    assert [(str(r.account), r.period, r.artskonto_id, r.agency_id, r.amount.ore) for r in records] == [
        ("540.01", 202101, "511", DIGDIR, 123456789),
        ("540.01", 202102, "511", DIGDIR, 100000000),
        ("540.01", 202102, "580", DIGDIR, -5266032),
        ("540.21", 202103, "670", DIGDIR, -84773287),
        ("3540.03", 202111, "320", DIGDIR, -9000000),
        ("3540.03", 202107, "310", DIGDIR, 150050),
        ("540.25", 202106, "679", SKATTEETATEN, 25000000),
        ("1320.01", 202102, "301", VEGVESEN, -84773287),
    ]
    first = records[0]
    assert (first.year, first.chapter_name, first.post_name, first.ministry_id, first.ministry) == (
        2021, "Digitaliseringsdirektoratet", "Driftsutgifter", "05", "Kommunal- og moderniseringsdepartementet")
    assert (first.artskonto, first.agency, first.agency_ministry) == (
        "Lønn", "Digitaliseringsdirektoratet", "Kommunal- og moderniseringsdepartementet")
    assert records[6].agency == "Skatteetaten" and records[6].agency_ministry == "Finansdepartementet"
    assert [r.source.line for r in records] == [2, 3, 4, 5, 6, 7, 8, 9]  # the header is line 1
    assert {r.source.file for r in records} == {str(tmp_path / LEDGER)}
    assert (ledger.rows, ledger.skipped, ledger.other_years) == (11, 3, 0)


def test_a_zip_gives_the_same_records_as_the_csv(tmp_path):
    plain = rows_of(write_ledger(tmp_path / LEDGER, digdir_rows()), year=2021)
    zipped_path = write_ledger(tmp_path / "statsregnskapet_aar_2021.zip", digdir_rows(), zipped=True)
    zipped = read_ledger(zipped_path, year=2021)
    records = list(zipped)
    assert records == plain and len(records) == 8
    assert [r.amount for r in records] == [r.amount for r in plain]
    assert zipped.name == f"{zipped_path}/{LEDGER}"  # messages name the member inside the zip
    assert records[3].source.file == zipped.name and records[3].source.line == 5
    assert (zipped.rows, zipped.skipped) == (11, 3)


@pytest.mark.parametrize(("text", "amount"), [
    ("-847732,870", Money.parse("-847732.87")),
    (",000", Money(0)),
    ("-,500", Money(-50)),
    (",500", Money(50)),
    ("-,050", Money(-5)),
    ("12.340", Money.parse("12.34")),  # a decimal point is accepted too
    ("12,34", Money.parse("12.34")),
    ("12,3", Money.parse("12.30")),
    ("-12.340", Money.parse("-12.34")),
    ("-,5", Money(-50)),
    ("7", Money.kroner(7)),
    ("-7", Money.kroner(-7)),
    ("-1092268000,000", Money.kroner(-1092268000)),
    ("203000000000,010", Money.parse("203000000000.01")),
])
def test_amounts(tmp_path, text, amount):
    (record,) = rows_of(write_ledger(tmp_path / LEDGER, [ledger_row(Beløp=text)]))
    assert record.amount == amount


@pytest.mark.parametrize(("chapter_id", "post_id", "account"), [
    ("540", "054001", "540.01"), ("0540", "054001", "540.01"), ("352", "035271", "352.71"),
    ("1320", "132001", "1320.01"), ("3540", "354086", "3540.86"),
])
def test_chapter_of_three_or_four_digits(tmp_path, chapter_id, post_id, account):
    row = ledger_row(account=account, Kapittel_id=chapter_id, Post_id=post_id)
    (record,) = rows_of(write_ledger(tmp_path / LEDGER, [row]))
    assert record.account == Account.parse(account)


def test_the_reader_keeps_the_files_signs(tmp_path):
    """Credit negative, debit positive, on income chapters too: the builder turns income's sign, not the reader."""
    rows = [ledger_row(account="3540.05", artskonto="320", amount="-143072350.25", period=202112),
            ledger_row(account="3540.06", artskonto="310", amount="125.00", period=202107),
            ledger_row(account="5700.72", artskonto="1986", amount="-30163107.40", period=202106),
            ledger_row(account="1320.01", agency=VEGVESEN, artskonto="301", amount="-847732.87", period=202302)]
    records = rows_of(write_ledger(tmp_path / LEDGER, rows))
    assert [r.amount for r in records] == [Money.parse("-143072350.25"), Money.parse("125.00"),
                                           Money.parse("-30163107.40"), Money.parse("-847732.87")]


def test_a_full_history_read_for_one_year(tmp_path):
    rows = [ledger_row(period=period, amount=amount) for period, amount in (
        (202012, 1), (202101, 2), (202106, 3), (202201, 4), (202112, 5), (201911, 6))]
    rows.insert(3, ledger_row(account=None, konto=BALANCE, artskonto="260", amount=99, period=202106))
    path = write_ledger(tmp_path / "statsregnskapet_full_historikk.csv", rows)
    ledger = read_ledger(path, year=2021)
    assert [(r.period, r.amount) for r in ledger] == [
        (202101, Money.kroner(2)), (202106, Money.kroner(3)), (202112, Money.kroner(5))]
    assert (ledger.rows, ledger.other_years, ledger.skipped, ledger.periods) == (7, 3, 1, (202101, 202112))
    assert ledger.agencies == {DIGDIR: ("Digitaliseringsdirektoratet", 4)}  # the year's rows only
    everything = read_ledger(path)
    assert [r.period for r in everything] == [202012, 202101, 202106, 202201, 202112, 201911]
    assert (everything.other_years, everything.skipped, everything.periods) == (0, 1, (201911, 202201))


def test_rows_without_kapittel_and_post_are_counted_not_returned(tmp_path):
    ledger = read_ledger(write_ledger(tmp_path / LEDGER, digdir_rows()), year=2021)
    records = list(ledger)
    assert UIO not in {r.agency_id for r in records}
    assert all(r.artskonto_id != "260" for r in records)
    assert ledger.skipped == 3
    assert ledger.agencies == {  # every row counted, the skipped ones too
        DIGDIR: ("Digitaliseringsdirektoratet", 7),
        SKATTEETATEN: ("Skatteetaten", 1),
        VEGVESEN: ("Statens vegvesen", 1),
        UIO: ("Universitetet i Oslo", 2),
    }
    # the balance row of 202112 and UiO's of 202106/202112 are not of the rows used
    assert ledger.periods == (202101, 202111)


def test_an_empty_year_has_no_periods(tmp_path):
    rows = [ledger_row(account=None, konto=BALANCE, artskonto="260", amount=1), ledger_row(period=202001)]
    ledger = read_ledger(write_ledger(tmp_path / LEDGER, rows), year=2021)
    assert list(ledger) == []
    assert (ledger.rows, ledger.skipped, ledger.other_years, ledger.periods) == (2, 1, 1, None)


@pytest.mark.parametrize("first_padded", [False, True])
def test_a_post_with_and_without_its_chapter_reads_the_same_in_either_order(tmp_path, first_padded):
    """A row whose Post_id is a post but whose Kapittel_id is empty is not on an appropriation account,
    whether or not a row on that post came first (the reader caches accounts: the cache must not leak)."""
    on_post = ledger_row(account="540.01", amount=1, padded_chapter=first_padded)
    without_chapter = ledger_row(account="540.01", amount=2, Kapittel_id="")
    for rows in ([on_post, without_chapter], [without_chapter, on_post]):
        ledger = read_ledger(write_ledger(tmp_path / LEDGER, rows))
        assert [r.amount for r in ledger] == [Money.kroner(1)]
        assert ledger.skipped == 1


def test_summarise_gives_totals_per_account_and_agency(tmp_path):
    ledger = read_ledger(write_ledger(tmp_path / LEDGER, digdir_rows()), year=2021)
    summary = ledger.summarise(DIGDIR)
    assert summary.file == str(tmp_path / LEDGER) and summary.year == 2021
    assert summary.bookings == {
        (Account.parse("540.01"), DIGDIR): Total(Money.parse("2181907.57"), 3, 202101, 202102),
        (Account.parse("540.21"), DIGDIR): Total(Money.parse("-847732.87"), 1, 202103, 202103),
        (Account.parse("3540.03"), DIGDIR): Total(Money.parse("-88499.50"), 2, 202107, 202111),
        (Account.parse("540.25"), SKATTEETATEN): Total(Money.kroner(250000), 1, 202106, 202106),
        (Account.parse("1320.01"), VEGVESEN): Total(Money.parse("-847732.87"), 1, 202102, 202102),
    }
    assert summary.artskonto == {
        (Account.parse("540.01"), "511"): Total(Money.parse("2234567.89"), 2, 202101, 202102),
        (Account.parse("540.01"), "580"): Total(Money.parse("-52660.32"), 1, 202102, 202102),
        (Account.parse("540.21"), "670"): Total(Money.parse("-847732.87"), 1, 202103, 202103),
        (Account.parse("3540.03"), "320"): Total(Money.kroner(-90000), 1, 202111, 202111),
        (Account.parse("3540.03"), "310"): Total(Money.parse("1500.50"), 1, 202107, 202107),
    }
    assert summary.artskonto_names == {"511": "Lønn", "580": "Refusjon av sykepenger",
                                       "670": "Kjøp av konsulenttjenester", "320": "Eksterne refusjonsinntekter",
                                       "310": "Salgsinntekt tjenester, avgiftsfri"}
    assert summary.agencies == {DIGDIR: "Digitaliseringsdirektoratet", SKATTEETATEN: "Skatteetaten",
                                VEGVESEN: "Statens vegvesen"}
    assert summary.chapter_names[1320] == "Statens vegvesen" and summary.chapter_ministries[540] == MINISTRIES["05"]
    assert summary.post_names[Account.parse("540.25")] == "Medfinansieringsordning for digitaliseringprosjekter"
    assert summary.agency_ministries[SKATTEETATEN] == "Finansdepartementet"
    assert ledger.skipped == 3 and ledger.agencies[UIO] == ("Universitetet i Oslo", 2)
    assert set(summary.agency_accounts(DIGDIR)) == {Account.parse(a) for a in ("540.01", "540.21", "3540.03")}
    assert summary.others_on([Account.parse("540.25"), Account.parse("540.01")], DIGDIR) == {
        Account.parse("540.25"): {SKATTEETATEN: Total(Money.kroner(250000), 1, 202106, 202106)}}
    assert summary.bookings[(Account.parse("540.01"), DIGDIR)].describe(ledger.name) == (
        f"{ledger.name}: 3 rows, periods 202101–202102")


def test_summarise_equals_summing_the_records(tmp_path):
    path = write_ledger(tmp_path / "statsregnskapet_aar_2021.zip", digdir_rows(), zipped=True)
    for agency in (DIGDIR, SKATTEETATEN, None):
        summary = read_ledger(path, year=2021).summarise(agency)
        ledger = read_ledger(path, year=2021)
        assert summary == summarise_ledger(list(ledger), agency=agency, file=str(path), year=2021)
        assert summary.file == str(path) != ledger.name  # the file as given: the zip, not its member
    assert read_ledger(path).summarise(None).artskonto == {}


# The property: the one pass sums what the rows say, and what summing the typed records says.
ACCOUNTS = ("540.01", "540.21", "540.25", "3540.03", "3540.05", "1320.01", "1633.01", "5700.72", "352.71")
ARTSKONTI = ("511", "580", "670", "679", "310", "320", "1986")
BOOKERS = (DIGDIR, SKATTEETATEN, VEGVESEN, KARTVERKET)

generated_rows = st.lists(st.tuples(
    st.sampled_from(BOOKERS),
    st.one_of(st.sampled_from(ACCOUNTS), st.none()),  # None: a balance row
    st.sampled_from(ARTSKONTI),
    st.integers(-10**13, 10**13),  # øre
    st.sampled_from((2020, 2021, 2021, 2021)),
    st.integers(1, 12),
    st.booleans(),  # Kapittel_id padded to 4 digits
), max_size=40)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("property")


@settings(max_examples=40)
@given(generated_rows, st.sampled_from((*BOOKERS, None)), st.booleans())
def test_the_one_pass_summary_is_the_sum_of_the_rows(scratch, generated, agency, zipped):
    rows = [ledger_row(account=account, agency=booker, artskonto=artskonto, amount=Money(ore),
                       period=year * 100 + month, padded_chapter=padded, konto=BALANCE if account is None else None)
            for booker, account, artskonto, ore, year, month, padded in generated]
    path = write_ledger(scratch / ("ledger.zip" if zipped else "ledger.csv"), rows, zipped=zipped,
                        member=LEDGER if zipped else None)
    ledger = read_ledger(path, year=2021)
    summary = ledger.summarise(agency)

    # what the rows say: sums in øre, row counts and periods per (account, agency), and per artskonto for one
    bookings: dict[tuple[Account, str], list[int]] = {}
    artskonto: dict[tuple[Account, str], list[int]] = {}
    used = [(Account.parse(a), b, k, ore, 202100 + m) for b, a, k, ore, y, m, _ in generated if y == 2021 and a]
    for account, booker, kind, ore, period in used:
        for table, key, wanted in ((bookings, (account, booker), True), (artskonto, (account, kind), booker == agency)):
            if wanted:
                total = table.setdefault(key, [0, 0, period, period])
                total[0] += ore
                total[1] += 1
                total[2], total[3] = min(total[2], period), max(total[3], period)
    assert summary.bookings == {key: Total(Money(o), n, f, last) for key, (o, n, f, last) in bookings.items()}
    assert summary.artskonto == {key: Total(Money(o), n, f, last) for key, (o, n, f, last) in artskonto.items()}
    assert Money.total(t.amount for t in summary.bookings.values()) == Money(sum(u[3] for u in used))
    this_year = [g for g in generated if g[4] == 2021]
    assert ledger.agencies == {booker: (AGENCIES[booker].name, count)
                               for booker, count in Counter(g[0] for g in this_year).items()}
    assert (ledger.rows, ledger.other_years, ledger.skipped) == (
        len(generated), len(generated) - len(this_year), sum(1 for g in this_year if g[1] is None))
    periods = [u[4] for u in used]
    assert ledger.periods == ((min(periods), max(periods)) if periods else None)

    # and what summing the typed records with summarise_ledger says
    records = read_ledger(path, year=2021)
    assert summary == summarise_ledger(list(records), agency=agency, file=str(path), year=2021)


# -- encodings and line endings --------------------------------------------------------------------------------------

NAMED = ("991825827", "Digitaliseringsdirektoratet – æøå ÆØÅ")  # U+2013 is 0x96 in Windows-1252


def test_windows_1252_bytes(tmp_path):
    path = write_ledger(tmp_path / LEDGER, [ledger_row(agency=NAMED, account="3540.06")])
    data = path.read_bytes()
    assert b"\x96 \xe6\xf8\xe5 \xc6\xd8\xc5" in data and b'"\xc5r";"Periode"' in data  # cp1252, not UTF-8
    (record,) = rows_of(path)
    assert record.agency == NAMED[1]
    assert record.post_name == "Tilleggstjenester til nasjonale fellesløsninger"
    assert read_ledger(path).summarise(None).agencies == {DIGDIR: NAMED[1]}


def test_the_bytes_windows_1252_leaves_undefined_read_as_latin_1(tmp_path):
    data = csv_bytes(LEDGER_HEADER, [ledger_row(Artskonto="Lønn @", Kapittel="Digitalisering – @")])
    undefined = b"\x81\x8d\x8f\x90\x9d"
    path = tmp_path / LEDGER
    path.write_bytes(data.replace(b"@", undefined))
    (record,) = rows_of(path)
    assert record.artskonto == "Lønn \x81\x8d\x8f\x90\x9d"
    assert record.chapter_name == "Digitalisering – \x81\x8d\x8f\x90\x9d"


@pytest.mark.parametrize("bom", [True, False])
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_utf_8_with_or_without_a_bom(tmp_path, bom, newline):
    rows = [ledger_row(agency=NAMED), ledger_row(account="2410.01", agency="960885406", artskonto="511", amount=5)]
    path = write_ledger(tmp_path / LEDGER, rows, encoding="utf-8", bom=bom, newline=newline)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") == bom
    records = rows_of(path, year=2021)
    assert [r.agency for r in records] == [NAMED[1], "Statens lånekasse for utdanning"]
    assert records[1].chapter_name == "Statens lånekasse for utdanning" and records[1].artskonto == "Lønn"
    assert records[1].amount == Money.kroner(5) and records[1].source.line == 3


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_lf_line_endings_read_as_crlf(tmp_path, newline):
    path = write_ledger(tmp_path / LEDGER, digdir_rows(), newline=newline)
    assert (b"\r" in path.read_bytes()) == (newline == "\r\n")
    records = rows_of(path, year=2021)
    assert records == rows_of(write_ledger(tmp_path / "crlf.csv", digdir_rows()), year=2021)
    assert [r.source.line for r in records][-1] == 9 and records[0].post_name == "Driftsutgifter"


@pytest.mark.parametrize("byte", [b"\xf8", b"\x81"])  # ø in Windows-1252; a byte cp1252 leaves undefined
def test_a_utf_8_file_with_a_byte_that_is_not_utf_8_is_refused_at_its_line(tmp_path, byte):
    """The Latin-1 fallback is for Windows-1252 files: in a UTF-8 file such a byte is a broken file,
    and the problem names the line it is on (not the line the reader had got to)."""
    rows = [ledger_row(amount=n, Artskonto=f"Lønn {n}") for n in range(400)]
    data = csv_bytes(LEDGER_HEADER, rows, encoding="utf-8").replace(b"L\xc3\xb8nn 300", b"L" + byte + b"nn 300")
    path = tmp_path / LEDGER
    path.write_bytes(data)
    error = refusal(read_ledger, path)
    problem = assert_readable(error, path, 302)  # the 301st row
    assert problem.message.startswith("the file is not valid UTF-8: ")
    assert problem.location.text[problem.location.column - 2:].startswith("L\ufffdnn 300")  # the ^ under it
    assert "L\ufffdnn 300" in error.render()


def test_a_file_with_a_bom_whose_header_is_not_utf_8(tmp_path):
    data = csv_bytes(LEDGER_HEADER, [ledger_row()], encoding="utf-8", bom=True)
    path = tmp_path / LEDGER
    path.write_bytes(data.replace("Beløp".encode(), b"Bel\xf8p"))  # a BOM, then the header in Windows-1252
    problem = assert_readable(refusal(read_ledger, path), path, 1)
    assert problem.message.startswith("the file is not valid UTF-8")
    assert problem.location.text[problem.location.column - 4:] == 'Bel\ufffdp"'


# -- the appropriations ledger ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind", "date", "other_year"), [
    ("2021.01.01 Saldert budsjett 2021", DecisionKind.DECISION, datetime.date(2021, 1, 1), None),
    ("2021.06.18 Prp: p195/20-21 i600/20-21", DecisionKind.DECISION, datetime.date(2021, 6, 18), None),
    ("2023.05.11 Prp: p118/22-23 i490/22-23", DecisionKind.DECISION, datetime.date(2023, 5, 11), None),
    ("  2021.12.10 Prp: p24/21-22 i125/21-22 ", DecisionKind.DECISION, datetime.date(2021, 12, 10), None),
    ("Overført fra 2020", DecisionKind.CARRIED_IN, None, 2020),
    ("Overfort fra 2020", DecisionKind.CARRIED_IN, None, 2020),
    ("Overføres til 2022", DecisionKind.CARRIED_OUT, None, 2022),
    ("Overfores til 2022", DecisionKind.CARRIED_OUT, None, 2022),
    ("OVERFØRT FRA 2019", DecisionKind.CARRIED_IN, None, 2019),
    ("Lønnsoppgjøret 2021", DecisionKind.DECISION, None, None),
    ("Tilleggsbevilgning", DecisionKind.DECISION, None, None),
    ("", DecisionKind.DECISION, None, None),
])
def test_decision(text, kind, date, other_year):
    assert decision(text) == (kind, date, other_year)


@pytest.mark.parametrize("text", ["2021.02.30 Prp: p1/20-21", "2021.13.01 Saldert budsjett 2021", "2021.00.10"])
def test_decision_refuses_a_date_that_does_not_exist(text):
    with pytest.raises(ValueError):
        decision(text)


def appropriation_rows() -> list[dict[str, str]]:
    return [
        appropriation_row(account="540.01", amount=2551000, description="Overført fra 2020"),
        appropriation_row(account="540.01", amount=158105000, description="2021.01.01 Saldert budsjett 2021"),
        appropriation_row(account="540.01", amount=4120000, description="2021.06.18 Prp: p195/20-21 i600/20-21",
                          padded_chapter=True),
        appropriation_row(account="540.01", amount=1362035, description="Overfores til 2022"),
        appropriation_row(account="3540.05", amount=-25700000, description="2021.06.18 Prp: p195/20-21 i600/20-21"),
        appropriation_row(account="540.21", amount=-44000, description="2021.12.10 Prp: p24/21-22 i125/21-22"),
        appropriation_row(account="540.21", amount=3474000, description="Overfort fra 2020"),
        appropriation_row(account="540.21", amount=10786943, description="Overføres til 2022"),
        appropriation_row(account="540.01", amount=160850000, description="2020.01.01 Saldert budsjett 2020"),
        appropriation_row(account="540.01", amount=171204000, description="2022.01.01 Saldert budsjett 2022"),
        appropriation_row(account="540.01", amount=5, Bevilgning="Lønnsoppgjøret", Periode="202105"),
        appropriation_row(account="540.01", amount=7, year=2021, Kapittel_id="", Post_id=""),  # no chapter/post
    ]


def test_read_appropriations(tmp_path):
    path = write_appropriations(tmp_path / "bevilgninger_full_historikk.csv", appropriation_rows())
    ledger = read_appropriations(path)
    records = list(ledger)
    assert [(r.year, r.period, str(r.account), r.amount, r.kind, r.decided, r.other_year) for r in records] == [
        (2021, 202101, "540.01", Money.kroner(2551000), DecisionKind.CARRIED_IN, None, 2020),
        (2021, 202101, "540.01", Money.kroner(158105000), DecisionKind.DECISION, datetime.date(2021, 1, 1), None),
        (2021, 202106, "540.01", Money.kroner(4120000), DecisionKind.DECISION, datetime.date(2021, 6, 18), None),
        (2021, None, "540.01", Money.kroner(1362035), DecisionKind.CARRIED_OUT, None, 2022),
        (2021, 202106, "3540.05", Money.kroner(-25700000), DecisionKind.DECISION, datetime.date(2021, 6, 18), None),
        (2021, 202112, "540.21", Money.kroner(-44000), DecisionKind.DECISION, datetime.date(2021, 12, 10), None),
        (2021, 202101, "540.21", Money.kroner(3474000), DecisionKind.CARRIED_IN, None, 2020),
        (2021, None, "540.21", Money.kroner(10786943), DecisionKind.CARRIED_OUT, None, 2022),
        (2020, 202001, "540.01", Money.kroner(160850000), DecisionKind.DECISION, datetime.date(2020, 1, 1), None),
        (2022, 202201, "540.01", Money.kroner(171204000), DecisionKind.DECISION, datetime.date(2022, 1, 1), None),
        (2021, 202105, "540.01", Money.kroner(5), DecisionKind.DECISION, None, None),
    ]
    first = records[0]
    assert (first.chapter_name, first.post_name, first.ministry_id, first.ministry, first.description) == (
        "Digitaliseringsdirektoratet", "Driftsutgifter", "05", "Kommunal- og moderniseringsdepartementet",
        "Overført fra 2020")
    assert records[4].post_name == "Bruk av nasjonale fellesløsninger"
    assert [r.source.line for r in records] == list(range(2, 13))
    assert (ledger.rows, ledger.skipped, ledger.other_years) == (12, 1, 0)


@pytest.mark.parametrize("zipped", [False, True])
def test_read_appropriations_of_one_year(tmp_path, zipped):
    name = "bevilgninger_full_historikk.zip" if zipped else "bevilgninger_full_historikk.csv"
    path = write_appropriations(tmp_path / name, appropriation_rows(), zipped=zipped)
    ledger = read_appropriations(path, year=2021)
    records = list(ledger)
    assert {r.year for r in records} == {2021} and len(records) == 9
    assert Money.total(r.amount for r in records if r.account == Account.parse("540.01")) == Money.kroner(
        2551000 + 158105000 + 4120000 + 1362035 + 5)
    assert (ledger.rows, ledger.other_years, ledger.skipped) == (12, 2, 1)
    if zipped:
        assert ledger.name == f"{path}/bevilgninger_full_historikk.csv" == records[0].source.file


def test_appropriations_in_utf_8_with_lf(tmp_path):
    path = write_appropriations(tmp_path / "b.csv", appropriation_rows()[:8], encoding="utf-8", bom=True,
                                newline="\n")
    records = list(read_appropriations(path))
    assert [r.description for r in records][::3] == ["Overført fra 2020", "Overfores til 2022", "Overfort fra 2020"]
    assert records[7].description == "Overføres til 2022" and records[7].kind is DecisionKind.CARRIED_OUT


def test_an_appropriation_dated_a_day_that_does_not_exist_is_refused(tmp_path):
    rows = [appropriation_row(), appropriation_row(description="2021.02.30 Prp: p1/20-21 i2/20-21", year=2021,
                                                   Periode="202102")]
    path = write_appropriations(tmp_path / "bevilgninger_full_historikk.csv", rows)
    problem = assert_readable(refusal(read_appropriations, path), path, 3)
    assert "2021.02.30" in problem.message and "does not exist" in problem.message
    assert problem.field == "Bevilgning" and "ÅÅÅÅ.MM.DD" in problem.hint
    assert problem.location.text[problem.location.column - 1:].startswith('"2021.02.30')


@pytest.mark.parametrize(("column", "value", "says"), [
    ("Bevilgning_beløp", "12,3x0", "is not an amount"),
    ("Bevilgning_beløp", "1,005", "cannot be øre"),
    ("År", "21", "is not a year"),
    ("Periode", "2021-1", "is not a month"),
])
def test_an_appropriation_row_that_cannot_be_read(tmp_path, column, value, says):
    rows = [appropriation_row(), appropriation_row(), appropriation_row(**{column: value})]
    path = write_appropriations(tmp_path / "b.csv", rows)
    problem = assert_readable(refusal(read_appropriations, path), path, 4)
    assert says in problem.message and repr(value) in problem.message and problem.field == column


def test_the_appropriations_header_is_checked(tmp_path):
    header = [c for c in APPROPRIATIONS_HEADER if c != "Bevilgning_beløp"]
    path = tmp_path / "b.csv"
    path.write_bytes(csv_bytes(header, [{c: v for c, v in appropriation_row().items() if c in header}]))
    problem = assert_readable(refusal(read_appropriations, path), path, 1)
    assert "appropriations ledger" in problem.message and "missing: Bevilgning_beløp" in problem.hint
    # the state accounts are not the appropriations ledger
    ledger = write_ledger(tmp_path / LEDGER, [ledger_row()])
    problem = assert_readable(refusal(read_appropriations, ledger), ledger, 1)
    assert problem.message == "the header lacks 5 of the columns of the appropriations ledger (bevilgninger)"
    assert problem.hint.startswith("missing: Tildelings_periode, Bevilgning_beløp, Bevilgning_overføres_beløp, "
                                   "Bevilgning_overført_beløp, Bevilgning;")


# -- broken files: located problems, not tracebacks ------------------------------------------------------------------

def broken_ledger(tmp_path, bad: dict[str, str], *, zipped: bool = False) -> Path:
    """Two good rows, then the bad one (line 4), then a good one."""
    rows = [ledger_row(amount=1), ledger_row(amount=2), ledger_row(**bad), ledger_row(amount=3)]
    name = "statsregnskapet_aar_2021.zip" if zipped else LEDGER
    return write_ledger(tmp_path / name, rows, zipped=zipped)


@pytest.mark.parametrize(("bad", "says"), [
    ({"Beløp": "12,3x0"}, "Beløp '12,3x0' is not an amount"),
    ({"Beløp": "12,345"}, "Beløp '12,345' has a third decimal that is not 0: it cannot be øre"),
    ({"Beløp": ""}, "Beløp '' is not an amount"),
    ({"Beløp": "1 234,000"}, "is not an amount"),
    ({"Beløp": "1,234.000"}, "is not an amount"),
    ({"Beløp": "--5,000"}, "is not an amount"),
    ({"Beløp": "\u00b2,000"}, "is not an amount"),  # a superscript 2 is a digit to str.isdigit, not to int()
    ({"Beløp": "1,\u00b200"}, "is not an amount"),
    ({"Virksomhet_id": "99182582"}, "Virksomhet_id '99182582' is not 9 digits"),
    ({"Virksomhet_id": "991825828"}, "Virksomhet_id '991825828' has a wrong check digit (modulus 11)"),
    ({"Periode": "202201"}, "Periode '202201' is not a month of 2021 (ÅÅÅÅMM)"),
    ({"Periode": "2021-01"}, "is not a month of 2021"),
    ({"År": "21", "Periode": "202101"}, "År '21' is not a year"),
])
@pytest.mark.parametrize("zipped", [False, True])
def test_a_row_that_cannot_be_read(tmp_path, bad, says, zipped):
    path = broken_ledger(tmp_path, bad, zipped=zipped)
    name = f"{path}/{LEDGER}" if zipped else str(path)
    error = refusal(read_ledger, path)
    assert len(error.problems) == 1
    problem = assert_readable(error, name, 4)
    assert problem.message == says or says in problem.message
    column = next(iter(bad))
    assert problem.field == column and problem.hint
    text, at = problem.location.text, problem.location.column
    assert text.count('";"') == 27 and text[at - 1:].startswith(f'"{bad[column]}"')  # the ^ under the field
    assert "^" in error.render()
    # the summary pass refuses the same
    assert refusal(lambda p: [read_ledger(p).summarise(DIGDIR)], path).problems == error.problems


def test_digits_that_are_not_ascii_are_not_an_amount(tmp_path):
    """Arabic-Indic digits (in a UTF-8 file) are digits to str.isdigit and int(), not to DFØ."""
    path = write_ledger(tmp_path / LEDGER, [ledger_row(), ledger_row(Beløp="\u0661\u0662,000")], encoding="utf-8")
    problem = assert_readable(refusal(read_ledger, path), path, 3)
    assert problem.message == "Beløp '\u0661\u0662,000' is not an amount"


def test_amounts_are_not_read_on_rows_of_other_years(tmp_path):
    """A full-history file read for one year checks the rows of that year."""
    path = broken_ledger(tmp_path, {"Beløp": "x", "År": "2020", "Periode": "202001"})
    assert [r.amount for r in read_ledger(path, year=2021)] == [Money.kroner(n) for n in (1, 2, 3)]
    assert_readable(refusal(read_ledger, path, year=2020), path, 4)


def test_a_short_row(tmp_path):
    data = csv_bytes(LEDGER_HEADER, [ledger_row(amount=n) for n in range(4)]).split(b"\r\n")
    data[3] = data[3].rsplit(b";", 1)[0]  # line 4 lost its Beløp
    path = tmp_path / LEDGER
    path.write_bytes(b"\r\n".join(data))
    problem = assert_readable(refusal(read_ledger, path), path, 4)
    assert problem.message == "the row has 27 fields, the header 28" and "cut or edited" in problem.hint


def test_a_long_row_and_a_blank_line(tmp_path):
    data = csv_bytes(LEDGER_HEADER, [ledger_row(amount=n) for n in range(4)]).split(b"\r\n")
    data.insert(2, b"")  # a blank line (line 3) is no problem
    data[4] += b';"extra"'  # line 5
    path = tmp_path / LEDGER
    path.write_bytes(b"\r\n".join(data))
    problem = assert_readable(refusal(read_ledger, path), path, 5)
    assert problem.message == "the row has 29 fields, the header 28"


def test_a_stray_quote(tmp_path):
    data = csv_bytes(LEDGER_HEADER, [ledger_row(amount=n, Artskonto=f"Lønn {n}") for n in range(4)])
    path = tmp_path / LEDGER
    path.write_bytes(data.replace(b'"L\xf8nn 2"', b'"L\xf8nn "2"'))  # line 4
    problem = assert_readable(refusal(read_ledger, path), path, 4)
    assert problem.message.startswith("the CSV cannot be read") and "every field quoted" in problem.hint


@pytest.mark.parametrize("reader", [read_ledger, read_appropriations])
def test_a_missing_column_is_named(tmp_path, reader):
    header = [c for c in LEDGER_HEADER if c != "Virksomhet_id"]
    row = {c: v for c, v in ledger_row().items() if c in header}
    path = tmp_path / LEDGER
    path.write_bytes(csv_bytes(header, [row]))
    problem = assert_readable(refusal(reader, path), path, 1)
    assert "the header lacks" in problem.message
    if reader is read_ledger:
        assert problem.message == "the header lacks 1 of the columns of the state accounts (statsregnskapet)"
        assert problem.hint.startswith("missing: Virksomhet_id;")
        assert "Virksomhet_id" in problem.expected and ", Virksomhet_id" not in problem.found


def test_extra_columns_and_another_order_are_read_by_name(tmp_path):
    header = ["Ekstra", *reversed(LEDGER_HEADER)]
    rows = [{"Ekstra": "x", **row} for row in digdir_rows()]
    path = tmp_path / LEDGER
    path.write_bytes(csv_bytes(header, rows))
    assert rows_of(path, year=2021) == rows_of(write_ledger(tmp_path / "b.csv", digdir_rows()), year=2021)


def test_an_excel_workbook(tmp_path):
    path = tmp_path / "statsregnskapet_aar_2021.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(list(LEDGER_HEADER))
    workbook.active.append(list(ledger_row().values()))
    workbook.save(path)
    problem = assert_readable(refusal(read_ledger, path), path, None)
    assert problem.message == "this is an Excel workbook, not the state accounts (statsregnskapet)"
    assert ".zip" in problem.hint


def test_a_zip_without_a_csv(tmp_path):
    path = tmp_path / "statsregnskapet_aar_2021.zip"
    path.write_bytes(zip_bytes("statsregnskapet_aar_2021.txt", csv_bytes(LEDGER_HEADER, [ledger_row()])))
    problem = assert_readable(refusal(read_ledger, path), path, None)
    assert problem.message == "the zip holds no CSV files" and problem.found == "statsregnskapet_aar_2021.txt"


def test_a_zip_with_two_csvs(tmp_path):
    path = tmp_path / "statsregnskapet.zip"
    data = csv_bytes(LEDGER_HEADER, [ledger_row()])
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("statsregnskapet_aar_2020.csv", data)
        archive.writestr("statsregnskapet_aar_2021.csv", data)
    problem = assert_readable(refusal(read_ledger, path), path, None)
    assert problem.message == "the zip holds 2 CSV files"
    assert problem.found == "statsregnskapet_aar_2020.csv, statsregnskapet_aar_2021.csv"


@pytest.mark.parametrize("data", [b"", b"\r\n", b"\xef\xbb\xbf"])
def test_an_empty_file(tmp_path, data):
    path = tmp_path / LEDGER
    path.write_bytes(data)
    problem = assert_readable(refusal(read_ledger, path), path, 1)
    assert problem.message == "the file is empty"


def test_an_empty_csv_in_a_zip(tmp_path):
    path = tmp_path / "statsregnskapet_aar_2021.zip"
    path.write_bytes(zip_bytes(LEDGER, b""))
    problem = assert_readable(refusal(read_ledger, path), f"{path}/{LEDGER}", 1)
    assert problem.message == "the file is empty"


@pytest.mark.parametrize("separator", [b",", b"\t"])
def test_a_file_not_separated_by_semicolons(tmp_path, separator):
    path = tmp_path / LEDGER
    path.write_bytes(csv_bytes(LEDGER_HEADER, digdir_rows()).replace(b'";"', b'"' + separator + b'"'))
    problem = assert_readable(refusal(read_ledger, path), path, 1)
    assert "the header is not separated by ';'" in problem.message and "Excel" in problem.hint


@pytest.mark.parametrize("reader", [read_ledger, read_appropriations])
def test_a_year_and_a_path_of_the_wrong_type(tmp_path, reader):
    with pytest.raises(UsageError, match="year is an int such as 2021, not '2021'"):
        reader(tmp_path / LEDGER, year="2021")
    with pytest.raises(UsageError, match=r"expected the path of the .*, not int"):
        reader(2021)


def test_a_file_that_does_not_exist(tmp_path):
    path = tmp_path / "statsregnskapet_aar_2021.zip"
    problem = assert_readable(refusal(read_ledger, path), path, None)
    assert problem.message == "no such file" and "statsregnskapet_aar_2021.zip" in problem.hint
    problem = assert_readable(refusal(read_appropriations, tmp_path), tmp_path, None)
    assert problem.message == "this is a folder, not a file"


def test_many_bad_rows_stop_after_max_problems(tmp_path):
    rows = [ledger_row(Beløp=f"{n},0x0") for n in range(MAX_PROBLEMS + 15)]
    path = write_ledger(tmp_path / LEDGER, rows)
    error = refusal(read_ledger, path)
    assert len(error.problems) == MAX_PROBLEMS + 1
    assert [p.location.line for p in error.problems[:-1]] == list(range(2, MAX_PROBLEMS + 2))
    assert all("is not an amount" in p.message for p in error.problems[:-1])
    last = error.problems[-1]
    assert last.message == f"stopped reading after {MAX_PROBLEMS} problems" and last.location.line == MAX_PROBLEMS + 1
    assert error.render().startswith(f"{MAX_PROBLEMS + 1} errors in the input")
    assert_readable(error, path, 2)


def test_every_problem_of_a_file_is_given(tmp_path):
    rows = [ledger_row(), ledger_row(Beløp="x"), ledger_row(), ledger_row(Virksomhet_id="974761075")]
    path = write_ledger(tmp_path / LEDGER, rows)
    error = refusal(read_ledger, path)
    assert [(p.location.line, p.field) for p in error.problems] == [(3, "Beløp"), (5, "Virksomhet_id")]


# -- organisasjonsnummer ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("number", [DIGDIR, SKATTEETATEN, VEGVESEN, KARTVERKET, UIO, "889640782", "983544622"])
def test_real_organisation_numbers(number):
    assert organisation_number_problem(number) is None


@pytest.mark.parametrize(("text", "problem"), [
    ("99182582", "is not 9 digits"), ("9918258270", "is not 9 digits"), ("", "is not 9 digits"),
    ("99182582X", "is not 9 digits"), (" 99182582", "is not 9 digits"), ("991 825 827", "is not 9 digits"),
    ("\u0669\u0669\u0661\u0668\u0662\u0665\u0668\u0662\u0667", "is not 9 digits"),  # ٩٩١٨٢٥٨٢٧
    ("991825828", "has a wrong check digit (modulus 11)"), ("991825820", "has a wrong check digit (modulus 11)"),
    ("974761077", "has a wrong check digit (modulus 11)"), ("971032080", "has a wrong check digit (modulus 11)"),
])
def test_what_is_not_an_organisation_number(text, problem):
    assert organisation_number_problem(text) == problem


def test_a_number_whose_check_digit_would_be_10_is_none():
    prefix = "97182509"  # 9·3 + 7·2 + 1·7 + 8·6 + 2·5 + 5·4 + 0·3 + 9·2 = 144 ≡ 1 (mod 11): check digit 10
    assert [organisation_number_problem(prefix + str(d)) for d in range(10)] == [
        "has a wrong check digit (modulus 11)"] * 10


def test_each_check_digit_but_one_is_wrong():
    for number in (DIGDIR, SKATTEETATEN, VEGVESEN):
        wrong = [d for d in "0123456789" if organisation_number_problem(number[:8] + d)]
        assert len(wrong) == 9 and number[8] not in wrong


# -- list_agencies ---------------------------------------------------------------------------------------------------

def test_list_agencies(tmp_path):
    rows = [*digdir_rows(),
            ledger_row(account="595.01", agency=(KARTVERKET, "statens kartverk"), amount=1, period=202103),
            ledger_row(account="1618.01", agency=SKATTEETATEN, amount=1, period=202012)]
    path = write_ledger(tmp_path / "statsregnskapet_full_historikk.zip", rows, zipped=True)
    assert list_agencies(path, 2021) == [  # by name, case aside
        AgencyRows(DIGDIR, "Digitaliseringsdirektoratet", 7),
        AgencyRows(SKATTEETATEN, "Skatteetaten", 1),
        AgencyRows(KARTVERKET, "statens kartverk", 1),
        AgencyRows(VEGVESEN, "Statens vegvesen", 1),
        AgencyRows(UIO, "Universitetet i Oslo", 2),
    ]
    assert list_agencies(path)[1] == AgencyRows(SKATTEETATEN, "Skatteetaten", 2)  # every year
    assert list_agencies(path, 2019) == []


# -- progress --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("zipped", [False, True])
def test_progress_rises_to_1(tmp_path, zipped):
    rows = [ledger_row(account=("540.01", "3540.03", None)[n % 3], amount=Money(n * 1001 - 10**6),
                       period=202101 + n % 12, konto=BALANCE if n % 3 == 2 else None) for n in range(3000)]
    path = write_ledger(tmp_path / ("big.zip" if zipped else "big.csv"), rows, zipped=zipped)
    fractions: list[float] = []
    ledger = read_ledger(path, year=2021, progress=fractions.append)
    assert sum(1 for _ in ledger) == 2000 and ledger.skipped == 1000
    assert len(fractions) >= 10  # several calls on a 1.5 MB file
    assert len(fractions) <= 100  # at most once per per cent
    assert all(0 < a < b for a, b in itertools.pairwise(fractions))
    assert fractions[-1] == 1.0
    assert len({int(f * 100) for f in fractions}) == len(fractions)
    fractions.clear()
    list_agencies(path, 2021, progress=fractions.append)
    assert fractions[-1] == 1.0


def test_no_progress_without_a_callback(tmp_path):
    path = write_ledger(tmp_path / LEDGER, [ledger_row(amount=Money(1))])
    assert path.read_bytes().endswith(b'";",010"\r\n')
    assert [r.amount for r in read_ledger(path, progress=None)] == [Money(1)]


def test_a_chapter_that_does_not_match_its_post_is_refused_located(tmp_path):
    """Kapittel_id 541 with Post_id 054001: booking the row on either chapter could be wrong, so it is refused."""
    rows = [ledger_row(account="540.01", amount=1), ledger_row(account="540.01", amount=2, Kapittel_id="541")]
    path = write_ledger(tmp_path / LEDGER, rows)
    problem = assert_readable(refusal(read_ledger, path), path, 3)
    assert "Kapittel_id '541' does not match Post_id '054001' (kapittel 540)" in problem.message
