"""The open-data fixtures hold to DFØ's dialect, and the Digdir 2021 data add up to Digdir's printed report.

The dialect: /work/shared/OPEN-DATA.md §1.2–1.3. The printed report: examples/digdir-2021/published.toml.
Sums are taken from the written bytes read back, so that they test what an importer will read.
"""

from __future__ import annotations

import csv
import io
import tomllib
import zipfile
from collections import defaultdict
from collections.abc import Iterator

import attrs
import pytest

import statsbudsjett as sb
from opendata_fixtures import (
    APPROPRIATIONS_HEADER,
    DIGDIR,
    LEDGER_HEADER,
    amount_from_text,
    amount_text,
    appropriation_row,
    assert_prints_as_digdir_printed,
    csv_bytes,
    digdir_2021,
    ledger_row,
    post_type,
    write_digdir_2021,
    write_ledger,
    zip_bytes,
)
from statsbudsjett import Account, Money
from statsbudsjett.io.examples import example_path
from statsbudsjett.io.published_reader import read_published
from statsbudsjett.model import Chargeback, Precision, RevenueAuthorisation
from statsbudsjett.published.report import APPROPRIATION, CAPITAL, HOLDINGS, NOTE_A, NOTE_B, NOTE_B_INCOME

PUBLISHED = example_path("digdir-2021/published.toml")
# The real row quoted by Lippen1995/Project_statsbudsjett (docs/data-schema.md), as bytes of the file.
SAMPLE_ROW = (
    '"2023";"202302";"132001";"Driftsutgifter";"21";"Innenlands transport";"2130";"Veiformål";"13";'
    '"Samferdselsdepartementet";"1320";"Statens vegvesen";"132001";"Driftsutgifter";"Utgifter til drift";"3";'
    '"Salgs- og driftsinntekt";"30";"Salgsinntekt, avgiftspliktig";"301";'
    '"Salgsinntekt varer, avgiftspliktig, fortsettelse";"13";"Samferdselsdepartementet";"971032081";'
    '"Statens vegvesen";"971032081";"Statens vegvesen";"-847732,870"'
)


@pytest.fixture(scope="module")
def data():
    return digdir_2021()


@pytest.fixture(scope="module")
def ledger(data) -> list[dict[str, str]]:
    """The Digdir ledger as an importer reads it: written to bytes and read back."""
    return read_rows(csv_bytes(LEDGER_HEADER, data.ledger_rows))


@pytest.fixture(scope="module")
def appropriations(data) -> list[dict[str, str]]:
    return read_rows(csv_bytes(APPROPRIATIONS_HEADER, data.appropriation_rows))


def read_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("cp1252"), newline=""), delimiter=";"))


def total(rows) -> Money:
    return Money.total(amount_from_text(r["Beløp"]) for r in rows)


def digdirs(rows) -> Iterator[dict[str, str]]:
    return (r for r in rows if r["Virksomhet_id"] == DIGDIR[0])


def on(rows, account: str) -> list[dict[str, str]]:
    a = Account.parse(account)
    return [r for r in rows if r["Post_id"] == f"{a.chapter:04d}{a.post:02d}"]


# -- the dialect ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("amount", "text"), [
    (Money.parse("-847732.87"), "-847732,870"), (Money(0), ",000"), (Money(50), ",500"), (Money(-50), "-,500"),
    (Money(-5), "-,050"), (Money.kroner(12), "12,000"), (Money.kroner(-1092268000), "-1092268000,000"),
])
def test_amount_text(amount, text):
    assert amount_text(amount) == text
    assert amount_from_text(text) == amount


@pytest.mark.parametrize("text", ["1,001", "1.000", "1,00", "", "- ,000"])
def test_amount_from_text_is_strict(text):
    with pytest.raises(ValueError):
        amount_from_text(text)


def test_ledger_row_defaults_reproduce_the_real_sample_row():
    """Only the booking's own facts are given; every other column is derived, as in the real file."""
    row = ledger_row(account="1320.01", agency="971032081", artskonto="301", amount="-847732.87", period=202302)
    assert csv_bytes(LEDGER_HEADER, [row]).split(b"\r\n")[1] == SAMPLE_ROW.encode("cp1252")


def test_csv_bytes_are_the_published_dialect():
    rows = [ledger_row(), ledger_row(account="3540.03", amount="-1234.5", period=202112)]
    data = csv_bytes(LEDGER_HEADER, rows)
    lines = data.split(b"\r\n")
    assert lines[0] == ";".join(f'"{c}"' for c in LEDGER_HEADER).encode("cp1252")
    assert b'"\xc5r";"Periode"' in lines[0] and lines[0].endswith(b'"Bel\xf8p"')  # cp1252 bytes, not UTF-8
    assert lines[-1] == b"" and len(lines) == 4  # CRLF after every line, the last too
    assert b"\n" not in data.replace(b"\r\n", b"")
    for line in lines[:-1]:
        fields = line.split(b";")
        assert len(fields) == 28 and all(f.startswith(b'"') and f.endswith(b'"') for f in fields)
    assert lines[1].endswith(b'";",000"') and lines[2].endswith(b'"-1234,500"')


def test_csv_bytes_other_encodings_and_a_bom():
    data = csv_bytes(APPROPRIATIONS_HEADER, [appropriation_row()], encoding="utf-8", newline="\n", bom=True)
    assert data.startswith(b'\xef\xbb\xbf"\xc3\x85r";') and data.count(b"\r") == 0


def test_a_row_must_have_the_headers_columns():
    with pytest.raises(ValueError, match="Belop"):
        ledger_row(Belop="1,000")
    with pytest.raises(ValueError, match="differ from the header"):
        csv_bytes(LEDGER_HEADER, [{"År": "2021"}])


def test_zip_holds_one_csv(tmp_path):
    rows = [ledger_row(amount=1)]
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes("statsregnskapet_aar_2021.csv", csv_bytes(LEDGER_HEADER, rows))))
    assert archive.namelist() == ["statsregnskapet_aar_2021.csv"]
    path = write_ledger(tmp_path / "statsregnskapet_aar_2021.zip", rows, zipped=True)
    with zipfile.ZipFile(path) as written:
        assert written.namelist() == ["statsregnskapet_aar_2021.csv"]
        assert written.read("statsregnskapet_aar_2021.csv") == csv_bytes(LEDGER_HEADER, rows)


def test_chapter_and_balance_columns():
    padded = ledger_row(account="540.01", padded_chapter=True)
    assert (padded["Kapittel_id"], padded["Post_id"], padded["Konto_no"]) == ("0540", "054001", "054001")
    assert ledger_row(account="540.01")["Kapittel_id"] == "540"
    balance = ledger_row(account=None, konto=("715006", "Mellomværende med statskassen"), artskonto="260")
    assert [balance[c] for c in ("Kapittel_id", "Kapittel", "Post_id", "Post", "Post_type")] == [""] * 5
    assert (balance["Konto_no"], balance["Kontoklasse_id"], balance["Kontoklasse"]) == (
        "715006", "2", "Statens kapital og gjeld")
    assert ledger_row(account="3540.86")["Post_type"] == "Overføringer fra andre"
    assert ledger_row(account="540.71")["Post_type"] == "Overføringer til private"
    named = ledger_row(agency=("974761076", "Skatteetaten region øst"))
    assert (named["Virksomhet"], named["Fagdepartement_Virksomhet_id"]) == ("Skatteetaten region øst", "16")


def test_appropriation_row_reads_year_and_period_from_its_text():
    carried_in = appropriation_row(amount=2551000, description="Overført fra 2020")
    assert (carried_in["År"], carried_in["Periode"], carried_in["Bevilgning_overført_beløp"]) == (
        "2021", "202101", "2551000,000")
    carried_out = appropriation_row(amount=1362035, description="Overfores til 2022")
    assert (carried_out["År"], carried_out["Periode"], carried_out["Bevilgning_overføres_beløp"]) == (
        "2021", "", "1362035,000")
    decision = appropriation_row(account="3540.05", amount=-25700000,
                                 description="2021.06.18 Prp: p195/20-21 i600/20-21")
    assert (decision["År"], decision["Periode"], decision["Tildelings_periode"], decision["Bevilgning_beløp"]) == (
        "2021", "202106", "202106", "-25700000,000")
    assert decision["Bevilgning_overføres_beløp"] == decision["Bevilgning_overført_beløp"] == ",000"


def test_every_row_is_consistent(ledger, appropriations):
    for row in ledger:
        assert row["År"] == row["Periode"][:4] == "2021"
        assert (row["Kontoklasse_id"], row["Kontogruppe_id"]) == (row["Artskonto_id"][0], row["Artskonto_id"][:2])
        assert len(row["Artskonto_id"]) in (3, 4) and amount_text(amount_from_text(row["Beløp"])) == row["Beløp"]
        if row["Post_id"]:
            assert row["Konto_no"] == row["Post_id"] and len(row["Post_id"]) == 6
            assert row["Post_id"][:4] == row["Kapittel_id"].zfill(4)
            assert row["Post_type"] == post_type(Account.parse(row["Post_id"]))
    for row in appropriations:
        assert len(row["Post_id"]) == 6 and row["Post_id"][:4] == row["Kapittel_id"].zfill(4)
        assert amount_from_text(row["Bevilgning_beløp"]).is_whole_kroner  # appropriations are whole kroner


# -- Digdir 2021: the statements of the expected year are the printed ones ----------------------------------------

@pytest.mark.parametrize("table", [APPROPRIATION, CAPITAL, HOLDINGS, NOTE_A, NOTE_B, NOTE_B_INCOME])
def test_publish_reproduces_every_printed_figure(data, table):
    """Every figure, printed to whole kroner, is Digdir's — the 1-kr rounding differences of the print included."""
    assert_prints_as_digdir_printed(data.expected, table)


def test_the_rounding_differences_of_the_print_come_from_the_ore(data):
    report = sb.appropriation_report(data.expected)
    assert report.total_reported == Money(0)  # exactly; the printed terms give −1
    assert report.expense_total.accounted == Money.parse("971218028.00")  # the printed lines give 029
    assert report.income_total.accounted == Money.parse("308295517.70")  # the printed lines give 517
    assert sb.note_b(data.expected)["540.25"].difference_after_chargebacks == Money.parse("91964391.20")  # 392
    [split] = [a.allocation for a in data.expected.revenue_authorisations if a.allocation]
    assert Money.total(amount for _, amount in split) == report["3540.03"].difference  # the print: 1 kr more
    assert [amount.round_kroner() for _, amount in split] == [1107476, 6558750, 1560067]


def test_verify_with_the_expected_year_as_raw_inputs(data, tmp_path):
    result = sb.verify(attrs.evolve(read_published(PUBLISHED), raw=data.expected))
    assert result.summary.errors == 0
    raw = [f for f in result.findings if f.rule == "raw.recomputed"]
    assert len(raw) > 100 and {f.status.value for f in raw} == {"exact"}  # not even a rounding difference
    path = tmp_path / "digdir-2021-exact.toml"
    sb.write_agency_year(data.expected, path)
    assert sb.verify(PUBLISHED, raw=path).summary.errors == 0


def test_expected_validates_with_only_the_overspend_warning(data):
    assert data.expected.precision is Precision.EXACT
    assert [f.rule for f in sb.validate(data.expected)] == ["rules.overspend"]  # 540.22, as in the report


def test_expected_is_the_example_with_ore(data):
    """The same lines, texts, stikkord and tildelinger as inputs.toml; amounts within ½ kr of its figures."""
    example, expected = sb.load_example(), data.expected
    assert (expected.agency, expected.ministry, expected.fiscal_year) == (
        example.agency, example.ministry, example.fiscal_year)
    assert expected.chapter_names == example.chapter_names
    for side in ("expense", "income"):
        mine = {line.account: line for line in getattr(expected, side)}
        theirs = {line.account: line for line in getattr(example, side)}
        assert mine.keys() == theirs.keys()
        for account, line in mine.items():
            assert attrs.evolve(line, accounted=theirs[account].accounted) == theirs[account], account
            assert line.accounted.round_kroner() == theirs[account].accounted.round_kroner(), account
    def rounded(year):  # the example lists the received chargebacks in another order
        return sorted((c.direction.value, c.account, c.used.round_kroner(), c.limit) for c in year.chargebacks)

    assert rounded(expected) == rounded(example)
    assert expected.commitments == example.commitments


# -- Digdir 2021: the ledger --------------------------------------------------------------------------------------

def test_digdirs_bookings_on_each_line_sum_to_its_regnskap(data, ledger):
    sums: dict[Account, Money] = defaultdict(Money.zero)
    for row in digdirs(ledger):
        if row["Post_id"]:
            sums[Account.parse(row["Post_id"])] += amount_from_text(row["Beløp"])
    lines = [*data.expected.expense, *data.expected.income]
    assert set(sums) == {line.account for line in lines} - {Account.parse("3540.86")}  # collected by Skatteetaten
    for line in lines:
        sign = -1 if line.account.chapter >= 3000 else 1  # income is a credit in the ledger
        assert sums.get(line.account, Money(0)) == Money(sign * line.accounted.ore), line.account


def test_other_agencies_on_digdirs_posts_are_the_given_chargebacks(data, ledger):
    used = {c.account: c.used for c in data.expected.chargebacks}
    others = [r for r in on(ledger, "540.25") if r["Virksomhet_id"] != DIGDIR[0]]
    assert total(others) == used[Account.parse("540.25")] == Money.parse("112759278.40")
    assert len({r["Virksomhet_id"] for r in others}) == len({r["Virksomhet"] for r in others}) == 6
    assert {r["Fagdepartement_Virksomhet_id"] for r in others} - {"05"}  # booked by other ministries' agencies
    skatteetaten = on(ledger, "3540.86")
    assert {r["Virksomhet_id"] for r in skatteetaten} == {"974761076"}
    assert total(skatteetaten) == -used[Account.parse("3540.86")] == Money.kroner(-150000)


def test_received_chargebacks_are_digdirs_bookings_on_other_ministries_chapters(data, ledger):
    for chargeback in (c for c in data.expected.chargebacks if c.direction.value == "received"):
        rows = [r for r in on(ledger, str(chargeback.account)) if r["Virksomhet_id"] == DIGDIR[0]]
        assert total(rows) == chargeback.used
        assert {r["Fagdepartement_Virksomhet"] for r in rows} == {"Kommunal- og moderniseringsdepartementet"}
        others = [r for r in on(ledger, str(chargeback.account)) if r["Virksomhet_id"] != DIGDIR[0]]
        assert others  # the chapter's owner (or another agency) books there too: not Digdir's regnskap
    assert {r["Fagdepartement"] for r in on(ledger, "352.71")} == {"Kulturdepartementet"}


def test_felleskapitler(ledger):
    expected = {"1633.01": "79297718.55", "5309.29": "-432517.30", "5700.72": "-30163107.40"}
    artskonto = {"1633.01": "1987", "5309.29": "1985", "5700.72": "1986"}
    for account, amount in expected.items():
        mine = [r for r in on(ledger, account) if r["Virksomhet_id"] == DIGDIR[0]]
        assert total(mine) == Money.parse(amount) and {r["Artskonto_id"] for r in mine} == {artskonto[account]}
        assert total(on(ledger, account)) != total(mine)  # other agencies book on the felleskapitler too


def test_zero_rows_on_the_lines_printed_with_a_dash(ledger):
    for account in ("540.27", "3540.02", "3540.04"):
        assert [r["Beløp"] for r in on(ledger, account)] == [",000"]


def test_the_ledger_has_what_an_importer_must_leave_out(ledger):
    without_post = [r for r in ledger if not r["Post_id"]]
    assert all(r["Kapittel_id"] == "" for r in without_post)
    assert {r["Kontoklasse_id"] for r in without_post if r["Virksomhet_id"] == DIGDIR[0]} == {"1", "2"}
    netto = [r for r in ledger if r["Virksomhet"] == "Universitetet i Oslo"]
    assert netto and all(not r["Post_id"] for r in netto) and {r["Kontoklasse_id"] for r in netto} >= {"3", "5"}
    strings: dict[tuple[str, ...], list[dict[str, str]]] = defaultdict(list)
    for row in ledger:
        strings[(row["Post_id"], row["Artskonto_id"], row["Virksomhet_id"])].append(row)
    washed = [rows for key, rows in strings.items() if key[0] and len(rows) > 1 and not total(rows)]
    assert len(washed) >= 3  # months that cancel out: Digdir's on 540.21 and 540.22, another's on 540.01
    assert {r["Kapittel_id"] for r in on(ledger, "540.01")} == {"540", "0540"}
    other_chapters = {r["Kapittel_id"].zfill(4) for r in ledger if r["Virksomhet_id"] != DIGDIR[0]}
    assert {"1320", "1618", "2410", "0595"} <= other_chapters


def test_refunds_and_reversals_go_against_the_posts_side(ledger):
    mine = list(digdirs(ledger))
    assert [r for r in mine if r["Post_id"] == "054001" and r["Artskonto_id"] == "580" and r["Beløp"][0] == "-"]
    assert any(r["Post_id"] == "054026" and r["Periode"] == "202107" and r["Beløp"][0] == "-" for r in mine)
    assert any(r["Post_id"] == "354006" and r["Periode"] == "202107" and r["Beløp"][0] != "-" for r in mine)
    assert all(r["Beløp"][0] == "-" for r in mine if r["Post_id"] == "354005")  # income: credit rows
    assert {r["Periode"] for r in mine if r["Post_id"] == "054001"} == {f"2021{m:02d}" for m in range(1, 13)}


def test_digdirs_rows_add_up_to_zero(ledger):
    """Like every report to the state accounts: the kapittel/post rows and the balance rows cancel."""
    assert total(digdirs(ledger)) == Money(0)


def test_the_fixture_is_small(data):
    assert len(data.ledger_rows) < 400 and len(data.appropriation_rows) < 100


# -- Digdir 2021: the appropriations ledger ----------------------------------------------------------------------

def test_appropriation_rows_give_note_a(data, appropriations):
    rows_2021 = [r for r in appropriations if r["År"] == "2021"]
    for line in [*data.expected.own_expense, *(i for i in data.expected.income if i.is_own)]:
        rows = on(rows_2021, str(line.account))
        sign = -1 if line.account.chapter >= 3000 else 1
        carried_in = [r for r in rows if r["Bevilgning"].startswith(("Overført fra 2020", "Overfort fra 2020"))]
        carried_out = [r for r in rows if r["Bevilgning"].startswith(("Overføres til 2022", "Overfores til 2022"))]
        decisions = [r for r in rows if r not in carried_in and r not in carried_out]
        assert decisions and decisions[0]["Bevilgning"] == "2021.01.01 Saldert budsjett 2021"
        amount = Money.total(amount_from_text(r["Bevilgning_beløp"]) for r in decisions)
        assert amount == Money(sign * line.allocated.ore), line.account
        if line.account.chapter < 3000:
            assert Money.total(amount_from_text(r["Bevilgning_beløp"]) for r in carried_in) == line.carried_over


def test_carried_to_2022_is_the_printed_transferable_where_positive(appropriations):
    printed = {row.account: row["transferable"].value for row in read_published(PUBLISHED).table(NOTE_B).rows}
    carried = {Account.parse(r["Post_id"]): amount_from_text(r["Bevilgning_beløp"]) for r in appropriations
               if r["År"] == "2021" and r["Bevilgning"] in ("Overføres til 2022", "Overfores til 2022")}
    assert carried == {a: v for a, v in printed.items() if v is not None and v > Money(0)}


def test_appropriations_hold_other_years_chapters_and_both_spellings(appropriations):
    assert {r["År"] for r in appropriations} == {"2020", "2021", "2022"}
    assert {"0352", "0541", "1320", "1633", "5700"} <= {r["Kapittel_id"].zfill(4) for r in appropriations}
    texts = {r["Bevilgning"] for r in appropriations}
    assert {"Overført fra 2020", "Overfort fra 2020", "Overføres til 2022", "Overfores til 2022"} <= texts
    assert any(r["Bevilgning_beløp"].startswith("-") and r["Post_id"] == "354005" for r in appropriations)
    assert any(r["Bevilgning_beløp"].startswith("-") and r["Post_id"].startswith("0540") for r in appropriations)


# -- Digdir 2021: the facts --------------------------------------------------------------------------------------

def keys(value, path: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from keys(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for inner in value:
            yield from keys(inner, path)


def test_facts_hold_only_what_the_open_data_do_not_give(data):
    facts = tomllib.loads(data.facts_toml)
    assert (facts["format"], facts["agency"], facts["fiscal_year"]) == ("statsbudsjett/1", DIGDIR[1], 2021)
    assert not {"accounted", "allocated", "carried_over", "used"} & set(keys(facts))
    assert facts["chapter"] == {"540": "Digitaliseringsdirektoratet", "3540": "Digitaliseringsdirektoratet"}
    keywords = {str(line.account): list(line.keywords.names) for line in data.expected.expense if line.keywords}
    assert {account: entry["keywords"] for account, entry in facts["expense"].items()} == keywords


def test_facts_agree_with_the_expected_year(data):
    facts, expected = tomllib.loads(data.facts_toml), data.expected
    assert [RevenueAuthorisation(**entry) for entry in facts["revenue_authorisation"]] == list(
        expected.revenue_authorisations)
    assert [Chargeback(used=c.used, **entry) for entry, c in zip(facts["chargeback"], expected.chargebacks,
                                                                 strict=True)] == list(expected.chargebacks)
    assert [(c["number"], c["text"], Money.parse(c["amount"])) for c in facts["capital_account"]] == [
        (c.number, c.text, c.amount) for c in expected.capital_accounts]
    balance = facts["treasury_balance"]
    assert (Money.parse(balance["closing"]), Money.parse(balance["opening"])) == (
        expected.treasury_balance.closing, expected.treasury_balance.opening)
    assert [(c["kind"], c["account"], c["limit"], c["commitments"]) for c in facts["commitment"]] == [
        (c.kind.value, str(c.account), c.limit.round_kroner(), c.commitments.round_kroner())
        for c in expected.commitments]


@pytest.mark.parametrize("zipped", [False, True])
def test_write_digdir_2021(tmp_path, data, zipped):
    files = write_digdir_2021(tmp_path, zipped=zipped)
    assert (files.ledger.name, files.appropriations.name) == (
        ("statsregnskapet_aar_2021.zip", "bevilgninger_full_historikk.zip") if zipped
        else ("statsregnskapet_aar_2021.csv", "bevilgninger_full_historikk.csv"))
    raw = files.ledger.read_bytes()
    if zipped:
        with zipfile.ZipFile(files.ledger) as archive:
            assert archive.namelist() == ["statsregnskapet_aar_2021.csv"]
            raw = archive.read("statsregnskapet_aar_2021.csv")
    assert raw == csv_bytes(LEDGER_HEADER, data.ledger_rows)
    assert tomllib.loads(files.facts.read_text(encoding="utf-8")) == tomllib.loads(data.facts_toml)
