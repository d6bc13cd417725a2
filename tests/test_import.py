"""The import: DFØ's open data, a budget table and the facts file make an agency-year (``statsbudsjett import``).

The rules are the builder's (src/statsbudsjett/opendata/build.py). Digdir 2021 is imported from the files
tests/opendata_fixtures.py writes and must give back ``digdir_2021().expected``, whose statements are the
printed report (examples/digdir-2021/published.toml); the other cases are small ledgers written in DFØ's
dialect with the same fixtures.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

import statsbudsjett as sb
from opendata_fixtures import (
    CHARGED_TO_540_25,
    DIGDIR,
    FACTS_TOML,
    OWN_POSTS,
    TVANGSMULKT,
    appropriation_row,
    assert_prints_as_digdir_printed,
    digdir_2021,
    ledger_row,
    write_appropriations,
    write_digdir_2021,
    write_ledger,
)
from statsbudsjett import Account, InputError, Money
from statsbudsjett.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, main
from statsbudsjett.io.api import verify
from statsbudsjett.io.examples import example_path
from statsbudsjett.io.importer import dump_import, import_agency_year
from statsbudsjett.io.published_reader import read_published
from statsbudsjett.model import ExpenseLine, IncomeLine
from statsbudsjett.opendata.build import ImportResult
from statsbudsjett.published.report import APPROPRIATION, CAPITAL, HOLDINGS, NOTE_A, NOTE_B, NOTE_B_INCOME

PUBLISHED = example_path("digdir-2021/published.toml")
AGENCY = DIGDIR[0]
KMD = "Kommunal- og moderniseringsdepartementet"
HEAD = 'format = "statsbudsjett/1"\n'


# -- helpers -------------------------------------------------------------------------------------------------------

def run(capsys, *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def digdir_facts(folder: Path, *changes: tuple[str, str], name: str = "facts.toml") -> Path:
    """Digdir's facts file with each ``(old, new)`` replaced; each ``old`` must be there exactly once."""
    text = FACTS_TOML
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return write(folder / name, text)


def before(table: str, inserted: str) -> tuple[str, str]:
    """A change that puts ``inserted`` (whole TOML tables) just before the table headed ``table``."""
    return table + "\n", inserted + "\n" + table + "\n"


FIRST_EXPENSE = '[expense."540.21"]'  # the first [expense] table of the facts: new lines go before it
GIVEN_3540_86 = '[[chargeback]]\ndirection = "given"\naccount = "3540.86"'  # new chargebacks on 540.25: before it


def line_of(path: Path, text: str) -> int:
    """The number of the first line of the file that holds ``text``."""
    for number, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in row:
            return number
    raise AssertionError(f"{text!r} is not in {path}")


def lines(year: sb.AgencyYear) -> dict[Account, ExpenseLine | IncomeLine]:
    return {ln.account: ln for ln in [*year.expense, *year.income]}


def line(year: sb.AgencyYear, account: str) -> ExpenseLine | IncomeLine:
    return lines(year)[Account.parse(account)]


def chargebacks(year: sb.AgencyYear, account: str) -> list[tuple[str, Money, str]]:
    return [(c.direction.value, c.used, c.counterparty) for c in year.chargebacks
            if c.account == Account.parse(account)]


def rules(result: ImportResult) -> list[str]:
    return [f.rule for f in result.findings]


def only(result: ImportResult, rule: str) -> sb.Finding:
    [finding] = [f for f in result.findings if f.rule == rule]
    return finding


def comments_above(text: str, table: str, key: str) -> list[str]:
    """The comment lines just above ``key = …`` inside ``[table]`` of a written file (``key`` "": the
    comments above the table's header)."""
    rows = text.splitlines()
    start = rows.index(table)
    if key:
        start = next(i for i in range(start + 1, len(rows)) if rows[i].startswith((f"{key} = ", "[")))
        assert rows[start].startswith(f"{key} = "), f"{table} has no {key}"
    found: list[str] = []
    for row in reversed(rows[:start]):
        if not row.startswith("#"):
            break
        found.insert(0, row)
    return found


def nth_table(text: str, header: str, n: int) -> str:
    """The ``n``-th (0-based) table headed ``header`` of a written file, with the comments in it."""
    parts = text.split(f"\n{header}\n")
    return parts[n + 1].split("\n\n")[0]


def ledger(folder: Path, rows: Sequence[Mapping[str, str]], name: str = "statsregnskapet_aar_2021.csv") -> Path:
    return write_ledger(folder / name, rows)


def appropriations(folder: Path, rows: Sequence[Mapping[str, str]]) -> Path:
    return write_appropriations(folder / "bevilgninger_full_historikk.csv", rows)


# -- Digdir 2021 -------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def data():
    return digdir_2021()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return write_digdir_2021(tmp_path_factory.mktemp("digdir"))


@pytest.fixture(scope="module")
def digdir(files) -> ImportResult:
    return import_agency_year(AGENCY, 2021, ledger=files.ledger, appropriations=files.appropriations,
                              facts=files.facts)


@pytest.fixture(scope="module")
def written(digdir, tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("written") / "digdir-2021.toml", dump_import(digdir))


def import_digdir(files, **kwargs) -> ImportResult:
    sources = {"ledger": files.ledger, "appropriations": files.appropriations, "facts": files.facts, **kwargs}
    return import_agency_year(AGENCY, 2021, **{k: v for k, v in sources.items() if v is not None})


@pytest.mark.parametrize("zipped", [False, True])
def test_digdir_import_is_the_expected_year(tmp_path, data, zipped):
    written_files = write_digdir_2021(tmp_path, zipped=zipped)
    result = import_digdir(written_files)
    assert result.year == data.expected
    assert result.errors == ()
    assert rules(result) == ["rules.overspend"]  # 540.22, as the report explains; no import finding
    assert only(result, "rules.overspend").path == ("expense", "540.22", "accounted")


@pytest.mark.parametrize("table", [APPROPRIATION, CAPITAL, HOLDINGS, NOTE_A, NOTE_B, NOTE_B_INCOME])
def test_the_imported_year_prints_every_figure_digdir_printed(digdir, table):
    assert_prints_as_digdir_printed(digdir.year, table)


def test_verify_the_printed_report_against_the_written_import(written):
    result = verify(PUBLISHED, raw=written)
    assert result.summary.errors == 0
    raw = [f for f in result.findings if f.rule == "raw.recomputed"]
    assert len(raw) > 100 and {f.status.value for f in raw} == {"exact"}


def test_the_written_file_loads_to_the_imported_year(digdir, written, data):
    assert sb.load(written) == digdir.year == data.expected


def test_the_written_file_says_where_each_figure_came_from(digdir, written, files, data):
    text = written.read_text(encoding="utf-8")
    header = text.split("\nformat = ")[0]
    assert header.startswith("# Digitaliseringsdirektoratet, fiscal year 2021: imported by statsbudsjett")
    rows_of_digdir = sum(1 for r in data.ledger_rows if r["Virksomhet_id"] == AGENCY)
    assert f"#   state accounts: {files.ledger}: {len(data.ledger_rows)} rows read, {rows_of_digdir} of the agency" \
        in header
    assert f"appropriations ledger: {files.appropriations}: {len(data.appropriation_rows)} rows read" in header
    assert f"facts: {files.facts}" in header

    booked = [r for r in data.ledger_rows if r["Virksomhet_id"] == AGENCY and r["Post_id"] == "054001"]
    assert len(booked) == 24 and {r["Periode"] for r in booked} >= {"202101", "202112"}
    assert comments_above(text, '[expense."540.01"]', "accounted") == [
        f"# regnskap: {files.ledger.name}: 24 rows, periods 202101–202112 of Digitaliseringsdirektoratet"]
    assert 'accounted = "166719441.07"' in nth_table(text, '[expense."540.01"]', 0)
    assert comments_above(text, '[expense."540.01"]', "allocated") == [
        f"# årets tildelinger: {files.appropriations.name}: 3 rows",
        "#   2021.01.01 Saldert budsjett 2021: 158 105 000",
        "#   2021.06.18 Prp: p195/20-21 i600/20-21: 4 120 000",
        "#   2021.12.10 Prp: p24/21-22 i125/21-22: 2 198 000"]
    assert comments_above(text, '[expense."540.01"]', "carried_over") == [
        f"# overført fra i fjor: {files.appropriations.name}: 1 row", "#   Overført fra 2020: 2 551 000"]
    assert comments_above(text, '[expense."540.01"]', "") == [
        f"# Overføres til 2022: 1 362 035 ({files.appropriations.name})"]

    given = nth_table(text, "[[chargeback]]", 0)
    assert 'account = "540.25"' in given and 'used = "112759278.40"' in given
    [note] = [row for row in given.splitlines() if row.startswith("# other agencies' bookings: ")]
    for org, _, weights in CHARGED_TO_540_25:  # each agency, with its rows
        assert re.search(rf"\({org}\): {re.escape(files.ledger.name)}: {len(weights)} rows?, period", note), org
    for agency in ("Arbeids- og velferdsetaten", "Skatteetaten", "Statens vegvesen", "Helsedirektoratet",
                   "Statens lånekasse for utdanning", "Statens kartverk"):
        assert f"{agency} (" in note
    assert given.splitlines().index(note) == len(given.splitlines()) - 2  # just above used =


def test_the_notes_are_by_key_path(digdir, files):
    notes = digdir.notes
    assert notes[("expense", "540.01", "accounted")].startswith(f"regnskap: {files.ledger.name}: 24 rows")
    assert notes[("income", "3540.05", "allocated")].splitlines()[1:] == [
        "  2021.01.01 Saldert budsjett 2021: 109 300 000", "  2021.06.18 Prp: p195/20-21 i600/20-21: 25 700 000"]
    assert notes[("chargeback", 2, "used")].startswith("bookings on another agency's chapter: ")
    assert ("expense", "540.27", "allocated") not in notes  # nothing appropriated to 540.27 in 2021


def test_cli_import_writes_the_file_and_note_b_reads_it(capsys, tmp_path, files, digdir):
    out = tmp_path / "digdir-2021.toml"
    code, stdout, stderr = run(capsys, "import", "--agency", AGENCY, "--year", "2021", "--ledger", files.ledger,
                               "--appropriations", files.appropriations, "--facts", files.facts, "--output", out)
    assert code == EXIT_OK and stdout == ""
    assert out.read_text(encoding="utf-8") == dump_import(digdir)
    assert "overspend" in stderr and "error" not in stderr  # the 540.22 warning only, at its line of OUT
    at = line_of(out, 'accounted = "143249451.12"')
    assert f"{out}:{at}:13: warning: 540.22: overspend" in stderr

    printed = read_published(PUBLISHED).table(NOTE_B).row("540.25")["transferable"].value
    assert printed == Money.kroner(91964391)
    code, stdout, _ = run(capsys, "note-b", out)
    assert code == EXIT_OK
    [row] = [r for r in stdout.replace("\u00a0", " ").replace("\u202f", " ").splitlines()
             if r.startswith(("54025", "540.25"))]
    assert row.rstrip().endswith("91 964 391") and "-112 759 278" in row


@pytest.mark.parametrize("output", [["--output", "-"], ["-o", "-"], []])
def test_cli_import_to_standard_output(capsys, files, digdir, data, output):
    code, stdout, _ = run(capsys, "import", "--agency", AGENCY, "--year", "2021", "--ledger", files.ledger,
                          "--appropriations", files.appropriations, "--facts", files.facts, *output)
    assert code == EXIT_OK
    assert stdout == dump_import(digdir)
    assert sb.load(stdout) == data.expected


def test_cli_list_agencies(capsys, files, data):
    code, stdout, _ = run(capsys, "import", "--year", "2021", "--ledger", files.ledger, "--list-agencies")
    assert code == EXIT_OK
    rows = {r.split()[0]: r for r in stdout.splitlines()[2:]}
    count = sum(1 for r in data.ledger_rows if r["Virksomhet_id"] == AGENCY)
    assert count == 235
    assert re.fullmatch(rf"{AGENCY}\s+Digitaliseringsdirektoratet\s+{count}", rows[AGENCY].strip())
    assert len(rows) == len({r["Virksomhet_id"] for r in data.ledger_rows}) == 9
    assert re.search(r"974761076\s+Skatteetaten\s+8$", rows["974761076"])


# -- the facts disagree with the open data ---------------------------------------------------------------------------

DISAGREEMENTS = {  # id: (change of the facts file, the key, key path, stated, the open data's, source)
    "accounted": (before(FIRST_EXPENSE, '[expense."540.01"]\naccounted = 166719000\n'), "accounted = 166719000",
                  ("expense", "540.01", "accounted"), "166719000", "166719441.07", "statsregnskapet_aar_2021.csv: "
                  "24 rows, periods 202101–202112"),
    "allocated": (('[expense."540.23"]\n', '[expense."540.23"]\nallocated = 148000000\n'), "allocated = 148000000",
                  ("expense", "540.23", "allocated"), "148000000", "148498000", "bevilgninger_full_historikk.csv: "
                  "3 rows"),
    "carried_over": (('[expense."540.23"]\n', '[expense."540.23"]\ncarried_over = 12870000\n'),
                     "carried_over = 12870000", ("expense", "540.23", "carried_over"), "12870000", "12871000",
                     "bevilgninger_full_historikk.csv: 1 row"),
    "income allocated": (before(FIRST_EXPENSE, '[income."3540.05"]\nallocated = 134000000\n'),
                         "allocated = 134000000", ("income", "3540.05", "allocated"), "134000000", "135000000",
                         "bevilgninger_full_historikk.csv: 2 rows"),
    "income accounted": (before(FIRST_EXPENSE, '[income."3540.05"]\naccounted = 143072349\n'),
                         "accounted = 143072349", ("income", "3540.05", "accounted"), "143072349",
                         "143072350.25", "statsregnskapet_aar_2021.csv: 12 rows"),
    "given used": (("limit = 163900000\n", "limit = 163900000\nused = 112759000\n"), "used = 112759000",
                   ("chargeback", 0, "used"), "112759000", "112759278.40", "Skatteetaten (974761076): "),
    "given used, income": (('counterparty = "Skatteetaten (974761076)"\n',
                            'counterparty = "Skatteetaten (974761076)"\nused = 140000\n'), "used = 140000",
                           ("chargeback", 1, "used"), "140000", "150000", "Skatteetaten (974761076): "),
    "received used": (("limit = 500000\n", "limit = 500000\nused = 400000\n"), "used = 400000",
                      ("chargeback", 2, "used"), "400000", "500000", "statsregnskapet_aar_2021.csv: 2 rows"),
}


@pytest.mark.parametrize("case", DISAGREEMENTS)
def test_a_facts_figure_that_disagrees_is_an_error_and_the_open_data_win(tmp_path, files, data, case):
    change, key, path, stated, derived, source = DISAGREEMENTS[case]
    facts = digdir_facts(tmp_path, change)
    result = import_digdir(files, facts=facts)
    finding = only(result, "import.facts-agree")
    assert result.errors == (finding,) and finding.severity is sb.Severity.ERROR
    assert (finding.published, finding.expected) == (Money.parse(stated), Money.parse(derived))
    assert finding.path == path
    assert (finding.location.file, finding.location.line) == (str(facts), line_of(facts, key))
    for figure in (stated, derived):
        assert Money.parse(figure).format(decimals=not Money.parse(figure).is_whole_kroner) in finding.message.en
        assert Money.parse(figure).format(decimals=not Money.parse(figure).is_whole_kroner) in finding.message.no
    assert source in finding.message.en
    assert result.year == data.expected  # the open data's figure is taken


def test_cli_a_disagreement_exits_1_and_still_writes_the_open_datas_figure(capsys, tmp_path, files):
    change, key, *_ = DISAGREEMENTS["accounted"]
    facts = digdir_facts(tmp_path, change)
    out = tmp_path / "out.toml"
    code, stdout, stderr = run(capsys, "import", "--agency", AGENCY, "--year", "2021", "--ledger", files.ledger,
                               "--appropriations", files.appropriations, "--facts", facts, "-o", out)
    assert code == EXIT_FINDINGS and stdout == ""
    assert f"{facts}:{line_of(facts, key)}:" in stderr
    assert "166 719 000" in stderr and "166 719 441,07" in stderr
    assert line(sb.load(out), "540.01").accounted == Money.parse("166719441.07")


def test_facts_figures_that_agree_give_no_finding(tmp_path, files, data):
    facts = digdir_facts(
        tmp_path,
        before(FIRST_EXPENSE, '[expense."540.01"]\ncarried_over = 2551000\nallocated = 164423000\n'
                               'accounted = "166719441.07"\n\n[income."3540.05"]\nallocated = 135000000\n'
                               'accounted = "143072350.25"\n'),
        ("limit = 163900000\n", 'limit = 163900000\nused = "112759278.40"\n'),
        ("limit = 2760000\n", 'limit = 2760000\nused = "2757999.60"\n'))
    result = import_digdir(files, facts=facts)
    assert rules(result) == ["rules.overspend"]
    assert result.year == data.expected


def test_a_facts_figure_in_whole_kroner_that_rounds_alike_is_a_note(tmp_path, files, data):
    """The facts may state a figure as printed, in whole kroner: 143 072 350 for 143 072 350,25 agrees."""
    facts = digdir_facts(tmp_path, before(FIRST_EXPENSE, '[income."3540.05"]\naccounted = 143072350\n'))
    result = import_digdir(files, facts=facts)
    finding = only(result, "import.facts-agree")
    assert finding.severity is sb.Severity.INFO and result.errors == ()
    assert (finding.published, finding.expected) == (Money.kroner(143072350), Money.parse("143072350.25"))
    assert result.year == data.expected


# -- own chapters ----------------------------------------------------------------------------------------------------

WITHOUT_CHAPTER = ('[chapter]\n540 = "Digitaliseringsdirektoratet"\n3540 = "Digitaliseringsdirektoratet"\n', "")


def test_without_chapter_the_own_chapters_are_where_the_agency_books_most(tmp_path, files, data):
    result = import_digdir(files, facts=digdir_facts(tmp_path, WITHOUT_CHAPTER))
    finding = only(result, "import.own-chapters")
    assert finding.severity is sb.Severity.INFO and not finding.is_error
    assert "own chapters: 540, 3540 (where the agency books most)" in finding.message.en
    assert "egne kapitler: 540, 3540" in finding.message.no
    assert result.year == data.expected  # 352 and 541: others book more there


def test_with_chapter_there_is_no_guess(digdir):
    assert "import.own-chapters" not in rules(digdir)


def test_the_chapter_of_the_facts_decides(tmp_path, files):
    """541: KMD books more there, but the facts say it is Digdir's; 3540 is not named, so it is not own."""
    facts = write(tmp_path / "facts.toml", HEAD + '[chapter]\n540 = "Digdir"\n541 = "IT- og ekompolitikk"\n')
    result = import_digdir(files, facts=facts)
    year = result.year
    assert "import.own-chapters" not in rules(result)
    own = {line.account.chapter for line in [*year.expense, *year.income] if line.is_own}
    assert own == {540, 541}
    assert (line(year, "541.22").allocated, line(year, "541.22").carried_over) == (Money.kroner(19619000), Money(0))
    assert chargebacks(year, "541.22") == [("given", Money.kroner(6834000), f"{KMD} (972417858)")]
    assert line(year, "3540.05").allocated is None
    assert chargebacks(year, "3540.05") == [("received", Money.parse("143072350.25"), KMD)]  # the chapter's ministry
    assert chargebacks(year, "3540.86") == []  # not own: Skatteetaten's bookings are no business of Digdir's


def test_a_chapter_where_another_agency_books_more_is_a_received_chargeback(tmp_path, files):
    result = import_digdir(files, facts=None)
    year = result.year
    assert chargebacks(year, "352.71") == [("received", Money.kroner(500000), "Kulturdepartementet")]
    assert chargebacks(year, "541.22") == [("received", Money.parse("2757999.60"), KMD)]
    for account, used in (("352.71", Money.kroner(500000)), ("541.22", Money.parse("2757999.60"))):
        assert not line(year, account).is_own and line(year, account).accounted == used, account


def test_felleskapitler_are_never_own(tmp_path, files):
    facts = write(tmp_path / "facts.toml", HEAD + '[chapter]\n540 = "D"\n3540 = "D"\n1633 = "Nettoordning"\n'
                  '5309 = "Tilfeldige"\n5700 = "Arbeidsgiveravgift"\n')
    year = import_digdir(files, facts=facts).year
    for account in ("1633.01", "5309.29", "5700.72"):
        assert not line(year, account).is_own, account  # the appropriations ledger has 1633.01 and 5700.72
        assert chargebacks(year, account) == [], account  # others' bookings there are not Digdir's chargebacks
    assert line(year, "1633.01").accounted == Money.parse("79297718.55")


def test_felleskapitler_are_not_own_where_the_agency_books_most(tmp_path):
    rows = [ledger_row(account="540.01", amount="1000.00"), ledger_row(account="5309.29", amount="-99000.00"),
            ledger_row(account="5309.29", agency="974761076", amount="-10.00"),
            ledger_row(account="1633.01", amount="5000.00")]
    result = import_agency_year(AGENCY, 2021, ledger=ledger(tmp_path, rows))
    assert "own chapters: 540 (" in only(result, "import.own-chapters").message.en
    assert result.year.chargebacks == ()


def test_a_facts_line_on_a_felleskapittel_does_not_make_it_own(tmp_path, files):
    """Without [chapter], a facts line with a tildeling names an own chapter, but never a felleskapittel:
    Skatteetaten's bookings on 1633.01 are not a chargeback given by Digdir."""
    facts = digdir_facts(tmp_path, WITHOUT_CHAPTER, before(FIRST_EXPENSE, '[expense."1633.01"]\nallocated = 1\n'))
    result = import_digdir(files, facts=facts)
    assert "own chapters: 540, 3540 (" in only(result, "import.own-chapters").message.en
    assert chargebacks(result.year, "1633.01") == []


# -- given chargebacks -----------------------------------------------------------------------------------------------

def test_without_facts_one_given_chargeback_per_counterparty(files):
    year = import_digdir(files, facts=None).year
    names = {"889640782": "Arbeids- og velferdsetaten", "974761076": "Skatteetaten", "971032081": "Statens vegvesen",
             "983544622": "Helsedirektoratet", "960885406": "Statens lånekasse for utdanning",
             "971040238": "Statens kartverk"}
    assert sorted(chargebacks(year, "540.25")) == sorted(
        ("given", Money.parse(amount), f"{names[org]} ({org})") for org, amount, _ in CHARGED_TO_540_25)
    # an income post: Skatteetaten's credit rows (−150 000) are 150 000 inntektsført by others
    assert chargebacks(year, "3540.86") == [("given", Money.parse(TVANGSMULKT[1]), "Skatteetaten (974761076)")]
    assert all(c.limit is None for c in year.chargebacks)
    # Statens kartverk's rows on 540.01 cancel out: no chargeback
    assert chargebacks(year, "540.01") == []
    assert sb.note_b(year)["540.25"].difference_after_chargebacks == Money.parse("91964391.20")


def test_the_unnamed_facts_chargeback_takes_all_the_others(digdir):
    assert chargebacks(digdir.year, "540.25") == [
        ("given", Money.parse("112759278.40"), "25 statlige virksomheter (medfinansieringsordningen)")]
    assert digdir.year.chargebacks[0].limit == Money.kroner(163900000)


@pytest.mark.parametrize("counterparty", ["Skatteetaten (974761076)", "974761076", "Skatteetaten"])
def test_a_facts_chargeback_naming_an_agency_takes_exactly_that_agency(tmp_path, files, counterparty):
    named = f'[[chargeback]]\ndirection = "given"\naccount = "540.25"\ncounterparty = "{counterparty}"\n'
    facts = digdir_facts(tmp_path, before(GIVEN_3540_86, named))
    year = import_digdir(files, facts=facts).year
    assert chargebacks(year, "540.25") == [
        ("given", Money.parse("112759278.40") - Money.kroner(18400000),
         "25 statlige virksomheter (medfinansieringsordningen)"),
        ("given", Money.kroner(18400000), counterparty)]
    assert sb.note_b(year)["540.25"].difference_after_chargebacks == Money.parse("91964391.20")


def test_a_facts_chargeback_naming_an_agency_that_did_not_book_takes_nothing(tmp_path, files):
    """Statens kartverk is named on 3540.86, where only Skatteetaten booked: Skatteetaten's bookings are not
    Kartverk's; they make a chargeback of their own."""
    facts = digdir_facts(tmp_path, ('account = "3540.86"\ncounterparty = "Skatteetaten (974761076)"',
                                    'account = "3540.86"\ncounterparty = "Statens kartverk (971040238)"'))
    year = import_digdir(files, facts=facts).year
    assert chargebacks(year, "3540.86") == [("given", Money(0), "Statens kartverk (971040238)"),
                                            ("given", Money.kroner(150000), "Skatteetaten (974761076)")]


def test_two_unnamed_facts_chargebacks_on_one_post_are_an_error(tmp_path, files):
    second = ('[[chargeback]]\ndirection = "given"\naccount = "540.25"\ncounterparty = "Kommunesektoren"\n')
    facts = digdir_facts(tmp_path, before(GIVEN_3540_86, second))
    result = import_digdir(files, facts=facts)
    finding = only(result, "import.chargeback-counterparty")
    assert finding.severity is sb.Severity.ERROR and finding in result.errors
    assert finding.location.file == str(facts)
    first = line_of(facts, "[[chargeback]]")
    assert first <= finding.location.line <= line_of(facts, "limit = 163900000")  # the first of the two
    assert finding.path == ("chargeback", 0, "counterparty")
    assert "2 given chargebacks on 540.25" in finding.message.en
    assert "Skatteetaten (974761076) 18 400 000" in finding.message.en


def test_others_bookings_that_net_negative_are_a_warning_and_no_chargeback(tmp_path):
    rows = [ledger_row(account="540.01", amount="1000.00"),
            ledger_row(account="540.01", agency="974761076", amount="-50.00"),
            ledger_row(account="3540.03", amount="-200.00"),
            ledger_row(account="3540.03", agency="971032081", amount="5.00"),  # a debit on an income post
            ledger_row(account="3540.03", agency="974761076", amount="-20.00"),
            ledger_row(account="541.22", agency="972417858", amount="900.00"),
            ledger_row(account="541.22", amount="-30.00")]  # a correction on KMD's chapter outweighs the bookings
    apps = [appropriation_row(account="540.01", amount=5000), appropriation_row(account="3540.03", amount=-300)]
    result = import_agency_year(AGENCY, 2021, ledger=ledger(tmp_path, rows),
                                appropriations=appropriations(tmp_path, apps))
    warnings = [f for f in result.findings if f.rule == "import.negative-bookings"]
    assert [f.severity for f in warnings] == [sb.Severity.WARNING] * 3 and result.errors == ()
    assert "other agencies' bookings on 540.01 add up to -50" in warnings[0].message.en
    assert "other agencies' bookings on 3540.03 add up to -5" in warnings[1].message.en
    assert "the agency's bookings on 541.22 add up to -30" in warnings[2].message.en
    assert line(result.year, "541.22").accounted == Money.kroner(-30)  # reported as booked
    assert [(c.account, c.used, c.counterparty) for c in result.year.chargebacks] == [
        (Account.parse("3540.03"), Money.kroner(20), "Skatteetaten (974761076)")]


# -- received chargebacks --------------------------------------------------------------------------------------------

RECEIVED_541_22 = ('[[chargeback]]\ndirection = "received"\naccount = "541.22"\n'
                   'counterparty = "Kommunal- og moderniseringsdepartementet"\nlimit = 2760000\n')


def split_541_22(first: str, second: str) -> tuple[str, str]:
    return (RECEIVED_541_22, '[[chargeback]]\ndirection = "received"\naccount = "541.22"\ncounterparty = "KMD"\n'
            f'{first}\n[[chargeback]]\ndirection = "received"\naccount = "541.22"\ncounterparty = "KDD"\n{second}')


def test_received_chargebacks_on_one_post_the_unstated_one_gets_the_rest(tmp_path, files):
    facts = digdir_facts(tmp_path, split_541_22("used = 1000000\nlimit = 1000000\n", "limit = 2000000\n"))
    result = import_digdir(files, facts=facts)
    assert result.errors == ()
    assert chargebacks(result.year, "541.22") == [("received", Money.kroner(1000000), "KMD"),
                                                  ("received", Money.parse("1757999.60"), "KDD")]


def test_received_chargebacks_all_stated_must_add_up_to_the_ledger(tmp_path, files):
    facts = digdir_facts(tmp_path, split_541_22("used = 1000000\n", "used = 1700000\n"))
    result = import_digdir(files, facts=facts)
    finding = only(result, "import.facts-agree")
    assert result.errors == (finding,)
    assert (finding.published, finding.expected) == (Money.kroner(2700000), Money.parse("2757999.60"))
    assert (finding.location.file, finding.location.line) == (str(facts), line_of(facts, "used = 1000000"))
    assert "2 700 000" in finding.message.en and "2 757 999,60" in finding.message.en
    assert "541.22" in finding.message.en and "541.22" in finding.message.no
    assert " add up to is " not in finding.message.en  # reads as a sentence
    assert "received" not in finding.message.no  # the Norwegian message is Norwegian
    assert chargebacks(result.year, "541.22") == [("received", Money.kroner(1000000), "KMD"),
                                                  ("received", Money.kroner(1700000), "KDD")]


def test_received_chargebacks_all_stated_that_add_up_give_no_finding(tmp_path, files):
    facts = digdir_facts(tmp_path, split_541_22("used = 1000000\n", 'used = "1757999.60"\n'))
    assert "import.facts-agree" not in rules(import_digdir(files, facts=facts))


# -- sources ---------------------------------------------------------------------------------------------------------

def test_only_the_appropriations_with_the_chapters_of_the_facts(tmp_path, files):
    facts = write(tmp_path / "facts.toml", HEAD + '[chapter]\n540 = "Digdir"\n3540 = "Digdir"\n\n'
                  '[expense."540.21"]\naccounted = 43879806\n')
    result = import_agency_year(AGENCY, 2021, appropriations=files.appropriations, facts=facts)
    finding = only(result, "import.no-ledger")
    assert finding.severity is sb.Severity.WARNING
    year = result.year
    own = {account: (getattr(ln, "carried_over", None), ln.allocated) for account, ln in lines(year).items()}
    assert set(own) == {Account.parse(a) for a in OWN_POSTS}
    for account, (carried_in, decisions, _) in OWN_POSTS.items():
        expense = account.startswith("540.")
        assert own[Account.parse(account)] == (Money.kroner(carried_in) if expense else None,
                                               Money.kroner(sum(amount for _, amount in decisions))), account
    assert line(year, "540.21").accounted == Money.kroner(43879806)  # what the facts state
    assert line(year, "540.01").accounted == Money(0)
    assert year.chargebacks == ()
    assert result.sources == (f"appropriations ledger: {files.appropriations}: 64 rows read, 45 of 2021",
                              f"facts: {facts}")


def test_only_the_appropriations_without_chapters_is_unusable(capsys, tmp_path, files):
    facts = write(tmp_path / "facts.toml", HEAD + '[expense."540.21"]\nkeywords = ["kan overføres"]\n')
    with pytest.raises(InputError, match=r"own chapters must be named in the facts file"):
        import_agency_year(AGENCY, 2021, appropriations=files.appropriations, facts=facts)
    with pytest.raises(InputError, match=r"\[chapter\]"):
        import_agency_year(AGENCY, 2021, appropriations=files.appropriations)
    out = tmp_path / "out.toml"
    code, _, stderr = run(capsys, "import", "--agency", AGENCY, "--year", "2021", "--appropriations",
                          files.appropriations, "-o", out)
    assert code == EXIT_UNUSABLE and "own chapters must be named" in stderr and not out.exists()


@pytest.mark.parametrize(("agency", "year"), [("974760673", 2021), ("971035854", 2021), (AGENCY, 2020)])
def test_no_rows_of_the_agency_is_unusable(capsys, tmp_path, files, agency, year):
    """Brønnøysundregistrene is not in the file; Universitetet i Oslo books only without kapittel/post
    (nettobudsjettert); Digdir has no rows of 2020."""
    with pytest.raises(InputError) as raised:
        import_agency_year(agency, year, ledger=files.ledger, appropriations=files.appropriations)
    [problem] = raised.value.problems
    assert agency in problem.message and str(year) in problem.message
    if agency == "971035854":  # in the file, but only on balance accounts: said as such
        assert "none on an appropriation account" in problem.message and "nettobudsjettert" in (problem.hint or "")
    else:
        assert "--list-agencies" in (problem.hint or "")
    assert problem.location.file == str(files.ledger)
    out = tmp_path / "out.toml"
    code, stdout, stderr = run(capsys, "import", "--agency", agency, "--year", str(year), "--ledger", files.ledger,
                               "-o", out)
    assert code == EXIT_UNUSABLE and stdout == "" and agency in stderr and (problem.hint or "") in stderr
    assert not out.exists()


def test_a_broken_ledger_is_unusable_and_located(capsys, tmp_path, data):
    rows = [dict(r) for r in data.ledger_rows]
    path = ledger(tmp_path, rows)
    raw = path.read_bytes().split(b"\r\n")
    raw[5] = b";".join(raw[5].split(b";")[:20])  # data row 5: line 6 of the file
    path.write_bytes(b"\r\n".join(raw))
    out = tmp_path / "out.toml"
    code, stdout, stderr = run(capsys, "import", "--agency", AGENCY, "--year", "2021", "--ledger", path, "-o", out)
    assert code == EXIT_UNUSABLE and stdout == ""
    assert f"{path}:6:" in stderr and "20 fields" in stderr
    assert not out.exists()


def test_facts_of_another_year_are_unusable(capsys, tmp_path, files):
    facts = digdir_facts(tmp_path, ("fiscal_year = 2021", "fiscal_year = 2020"))
    with pytest.raises(InputError, match="fiscal year 2020, the import for 2021"):
        import_digdir(files, facts=facts)
    code, _, stderr = run(capsys, "import", "--agency", AGENCY, "--year", "2021", "--ledger", files.ledger,
                          "--facts", facts, "-o", tmp_path / "out.toml")
    assert code == EXIT_UNUSABLE and f"{facts}:{line_of(facts, 'fiscal_year')}:" in stderr
    assert not (tmp_path / "out.toml").exists()


def test_neither_ledger_nor_appropriations(capsys, tmp_path, files):
    with pytest.raises(sb.UsageError, match=r"the state accounts \(ledger=\), the appropriations ledger"):
        import_agency_year(AGENCY, 2021, facts=files.facts)
    code, stdout, stderr = run(capsys, "import", "--agency", AGENCY, "--year", "2021", "--facts", files.facts)
    assert code == EXIT_UNUSABLE and stdout == ""
    assert "--ledger" in stderr and "--appropriations" in stderr


@pytest.mark.parametrize(("agency", "why"), [("99182582", "is not 9 digits"), ("991825828", "wrong check digit"),
                                             ("99182582x", "is not 9 digits")])
def test_a_malformed_organisation_number(capsys, tmp_path, files, agency, why):
    with pytest.raises(InputError, match=why):
        import_agency_year(agency, 2021, ledger=files.ledger)
    code, _, stderr = run(capsys, "import", "--agency", agency, "--year", "2021", "--ledger", files.ledger,
                          "-o", tmp_path / "out.toml")
    assert code == EXIT_UNUSABLE and "--agency" in stderr and why in stderr
    assert not (tmp_path / "out.toml").exists()


def test_the_cli_needs_an_agency(capsys, files):
    code, _, stderr = run(capsys, "import", "--year", "2021", "--ledger", files.ledger)
    assert code == EXIT_UNUSABLE and "--agency" in stderr


# -- the appropriations ledger ---------------------------------------------------------------------------------------

@pytest.fixture
def small(tmp_path) -> ImportResult:
    rows = [ledger_row(account="540.01", amount="1000.00"), ledger_row(account="3540.03", amount="-200.00")]
    apps = [
        appropriation_row(account="540.01", amount=5000),
        appropriation_row(account="540.01", amount=-100, description="2021.06.18 Prp: p195/20-21 i600/20-21"),
        appropriation_row(account="540.01", amount=250, description="2021.12.10 Prp: p24/21-22 i125/21-22"),
        appropriation_row(account="540.01", amount=77, description="Overført fra 2020"),
        appropriation_row(account="540.01", amount=99, description="Overfores til 2022"),
        appropriation_row(account="540.01", amount=123456, description="2020.01.01 Saldert budsjett 2020"),
        appropriation_row(account="540.01", amount=98, description="Overføres til 2021"),  # closes 2020
        appropriation_row(account="540.01", amount=654321, description="2022.01.01 Saldert budsjett 2022"),
        appropriation_row(account="540.01", amount=99, description="Overfort fra 2021"),  # opens 2022
        appropriation_row(account="3540.03", amount=-300),
        appropriation_row(account="3540.03", amount=-50, description="2021.06.18 Prp: p195/20-21 i600/20-21"),
        appropriation_row(account="3540.03", amount=-7, description="2022.01.01 Saldert budsjett 2022"),
    ]
    return import_agency_year(AGENCY, 2021, ledger=ledger(tmp_path, rows),
                              appropriations=appropriations(tmp_path, apps))


def test_the_appropriations_ledger_gives_carried_over_and_allocated(small):
    expense, income = line(small.year, "540.01"), line(small.year, "3540.03")
    assert (expense.carried_over, expense.allocated, expense.accounted) == (
        Money.kroner(77), Money.kroner(5150), Money.kroner(1000))
    assert (income.allocated, income.accounted) == (Money.kroner(350), Money.kroner(200))  # credit: minus
    assert small.carried_forward == {Account.parse("540.01"): Money.kroner(99)}
    assert small.errors == ()


def test_what_is_carried_forward_is_said_in_the_written_file(small):
    text = dump_import(small)
    assert comments_above(text, '[expense."540.01"]', "") == [
        "# Overføres til 2022: 99 (bevilgninger_full_historikk.csv)"]
    assert comments_above(text, '[expense."540.01"]', "allocated")[1:] == [
        "#   2021.01.01 Saldert budsjett 2021: 5 000", "#   2021.06.18 Prp: p195/20-21 i600/20-21: -100",
        "#   2021.12.10 Prp: p24/21-22 i125/21-22: 250"]
    assert comments_above(text, '[income."3540.03"]', "allocated")[1:] == [
        "#   2021.01.01 Saldert budsjett 2021: 300", "#   2021.06.18 Prp: p195/20-21 i600/20-21: 50"]


def test_digdirs_carried_forward_is_what_the_ministry_let_carry(digdir):
    assert digdir.carried_forward == {Account.parse(a): Money.kroner(out) for a, (_, _, out) in OWN_POSTS.items()
                                      if out}


# -- the budget table ------------------------------------------------------------------------------------------------

@pytest.fixture(params=["Gul bok 2021.xlsx", "gul-bok-2021.csv"], scope="module")
def gul_bok(request, reference_dir) -> Path:
    return reference_dir / "gul-bok" / request.param


def test_the_budget_gives_stikkord_the_facts_do_not(files, gul_bok):
    result = import_digdir(files, facts=None, budget=gul_bok)
    year = result.year
    transferable = {str(a) for a, ln in lines(year).items() if isinstance(ln, ExpenseLine) and ln.keywords}
    assert transferable == {"540.21", "540.23", "540.25", "540.26", "540.28", "540.29"}
    assert line(year, "540.21").keywords.names == ("kan overføres",)
    assert result.notes[("expense", "540.21", "keywords")] == f"stikkord from {gul_bok.name}: «kan overføres»"
    text = dump_import(result)
    assert comments_above(text, '[expense."540.21"]', "keywords") == [
        f"# stikkord from {gul_bok.name}: «kan overføres»"]
    assert f"budget table: {gul_bok}: " in result.sources[2]
    # texts: the ledger's post names, not Gul bok's (which spells 540.25 "digitaliseringsprosjekter")
    assert line(year, "540.25").text == "Medfinansieringsordning for digitaliseringprosjekter"


def test_budget_stikkord_are_for_own_posts_only(files, data, gul_bok):
    """Gul bok has stikkord on 352.71, 541.22 and 1633.01 too; they are not Digdir's posts."""
    result = import_digdir(files, budget=gul_bok)
    assert [f.rule for f in result.findings] == ["rules.overspend"]
    assert result.year.expense == data.expected.expense
    assert result.year.income == data.expected.income


def test_the_facts_keywords_and_texts_win(tmp_path, files, gul_bok):
    facts = digdir_facts(tmp_path, ('[expense."540.21"]\nkeywords = ["kan overføres"]\n',
                                    '[expense."540.21"]\nkeywords = []\n\n'
                                    '[expense."540.22"]\ntext = "Fellesløsninger"\n'),
                         ('[expense."540.23"]\nkeywords = ["kan overføres"]\n',
                          '[expense."540.23"]\nkeywords = ["kan overføres", "kan nyttes under post 21"]\n'))
    result = import_digdir(files, facts=facts, budget=gul_bok)
    year = result.year
    assert line(year, "540.21").keywords.names == ()  # stated: none, whatever Gul bok says
    assert ("expense", "540.21", "keywords") not in result.notes
    stated = line(year, "540.23").keywords
    assert (stated.transferable, stated.usable_under) == (True, (Account.parse("540.21"),))
    assert line(year, "540.22").text == "Fellesløsninger"
    assert line(year, "540.01").text == "Driftsutgifter"


# -- artskonto -------------------------------------------------------------------------------------------------------

def test_artskonto_add_up_to_the_regnskap(digdir):
    year, amounts = digdir.year, digdir.artskonto
    assert {a.account for a in amounts} == {ln.account for ln in [*year.expense, *year.income]} - {
        Account.parse("3540.86")}  # Skatteetaten collects the tvangsmulkt: no row of Digdir
    for account, booked in lines(year).items():
        total = Money.total(a.amount for a in amounts if a.account == account)
        assert (-total if account.chapter >= 3000 else total) == booked.accounted, account
    by_key = {(str(a.account), a.artskonto): a for a in amounts}
    refund = by_key[("540.01", "580")]
    assert (refund.amount, refund.rows, refund.name) == (Money.parse("-2106412.90"), 4, "Refusjon av sykepenger")
    assert by_key[("3540.05", "320")].amount == Money.parse("-143072350.25")  # as booked: credit
    assert sum(a.rows for a in amounts if str(a.account) == "540.01") == 24


# -- validation of the built year ------------------------------------------------------------------------------------

def test_the_built_year_is_validated(capsys, tmp_path, files):
    facts = digdir_facts(tmp_path, ('expense = ["540.22"]', 'expense = ["540.24"]'))
    result = import_digdir(files, facts=facts)
    finding = only(result, "input.reference")
    assert finding.is_error and result.errors == (finding,)
    assert "540.24" in finding.message.en
    header = line_of(facts, 'income = ["3540.05"]') - 1  # its [[revenue_authorisation]]
    assert (finding.location.file, finding.location.line) == (str(facts), header)
    out = tmp_path / "out.toml"
    code, _, stderr = run(capsys, "import", "--agency", AGENCY, "--year", "2021", "--ledger", files.ledger,
                          "--appropriations", files.appropriations, "--facts", facts, "-o", out)
    assert code == EXIT_FINDINGS and "540.24" in stderr and f"{facts}:" in stderr
    assert out.exists()



def test_transfer_rows_of_other_years_count_as_allocated_and_are_said(tmp_path, files, data):
    """«Overført fra 2019» in 2021 is not last year's transfer: by the rule it is part of årets tildelinger,
    and a warning says so, pointing at the row."""
    rows = [*data.appropriation_rows, appropriation_row(account="540.01", amount=1000, description="Overført fra 2019",
                                                        year=2021)]
    path = appropriations(tmp_path, rows)
    result = import_digdir(files, appropriations=path)
    finding = only(result, "import.transfer-rows")
    assert finding.severity is sb.Severity.WARNING and "Overført fra 2019" in finding.message.en
    assert finding.location is not None
    assert (finding.location.file, finding.location.line) == (str(path), len(rows) + 1)
    assert line(result.year, "540.01").allocated == line(data.expected, "540.01").allocated + Money.kroner(1000)


def test_bookings_that_net_to_zero_on_another_chapter_make_no_chargeback(tmp_path, files, data):
    rows = [*data.ledger_rows, ledger_row(account="1320.01", amount=500, period=202103),
            ledger_row(account="1320.01", amount=-500, period=202104)]
    result = import_digdir(files, ledger=ledger(tmp_path, rows))
    assert line(result.year, "1320.01").accounted == Money(0)
    assert chargebacks(result.year, "1320.01") == []


def test_chapter_names_are_the_accounts_before_the_budget_tables(reference_dir, files):
    """Gul bok names kap. 1633 «Nettoordning, statlig betalt merverdiavgift»; the report prints DFØ's name."""
    result = import_digdir(files, budget=reference_dir / "gul-bok" / "gul-bok-2021.csv")
    assert result.year.chapter_name(1633) == "Nettoordning for mva i staten"


def test_the_transfers_decided_can_stand_in_for_the_transfers_file(capsys, tmp_path, files, digdir):
    """«Overføres til 2022» of the appropriations ledger, written as a transfers file history reads."""
    from statsbudsjett.io.history_reader import read_transfers

    out, transfers = tmp_path / "digdir-2021.toml", tmp_path / "transfers.toml"
    code, _, _ = run(capsys, "import", "--agency", AGENCY, "--year", "2021", "--ledger", files.ledger,
                     "--appropriations", files.appropriations, "--facts", files.facts, "-o", out,
                     "--transfers", transfers)
    assert code == 0
    read, problems = read_transfers(transfers, years=[digdir.year])
    assert not [p for p in problems if p.is_error]
    decided = {t.account: t.decided for t in read.items}
    assert decided == dict(digdir.carried_forward) and decided[Account.parse("540.25")] == Money.kroner(91_964_391)
    code, _, err = run(capsys, "import", "--agency", AGENCY, "--year", "2021", "--ledger", files.ledger,
                       "--transfers", tmp_path / "t2.toml")
    assert code == EXIT_UNUSABLE and "give --appropriations" in err and not (tmp_path / "t2.toml").exists()


def test_cli_import_says_which_own_chapters_it_guessed(capsys, tmp_path, files):
    """docs/import.md: without [chapter], the own chapters are «said in an import.own-chapters note —
    check it»: the command says it on stderr (the notes of the regulations' rules stay quiet)."""
    facts = digdir_facts(tmp_path, WITHOUT_CHAPTER)
    code, _, stderr = run(capsys, "import", "--agency", AGENCY, "--year", "2021", "--ledger", files.ledger,
                          "--appropriations", files.appropriations, "--facts", facts, "-o", tmp_path / "o.toml")
    assert code == EXIT_OK
    assert "info: own chapters: 540, 3540 (where the agency books most)" in stderr
