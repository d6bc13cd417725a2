"""Reading a history: yearly v1 files or a directory, and the transfers file, with located errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from statsbudsjett import Account, InputError, Money, Severity
from statsbudsjett.history import history_report
from statsbudsjett.io.history_reader import TRANSFERS_FORMAT, load_history, read_history, read_transfers

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "history-five-years"
kr = Money.kroner


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A writable copy of the example history."""
    target = tmp_path / "history"
    shutil.copytree(EXAMPLE, target)
    return target


def errors_of(paths) -> list:
    with pytest.raises(InputError) as raised:
        read_history(paths)
    return list(raised.value.problems)


def test_the_example_history_loads_from_its_directory():
    history, warnings = read_history(EXAMPLE)
    assert warnings == ()
    assert (history.agency, history.fiscal_years) == ("Eksempeldirektoratet", (2020, 2021, 2022, 2023, 2024))
    assert len(history.transfers) == 15
    transfer = history.transfers.get(2020, history.accounts()[2])
    assert (transfer.applied, transfer.decided) == (kr(17_000_000), kr(15_000_000))
    assert transfer.source is not None and transfer.source.file.endswith("transfers.toml")
    report = history_report(history)
    assert report.ok and report.problems == ()
    ageing_2022 = next(a for a in report.ageing if str(a.account) == "1495.45" and a.fiscal_year == 2022)
    assert (ageing_2022.expired, ageing_2022.carriable) == (kr(1_000_000), kr(25_000_000))


def test_files_given_one_by_one_in_any_order():
    files = [EXAMPLE / "2022.toml", EXAMPLE / "2021.toml", str(EXAMPLE / "transfers.toml")]
    history = load_history(files)
    assert history.fiscal_years == (2021, 2022) and len(history.transfers) == 15


def test_transfers_outside_the_history_are_reported_as_unused():
    _, warnings = read_history([EXAMPLE / "2023.toml", EXAMPLE / "2024.toml", EXAMPLE / "transfers.toml"])
    unused = [w for w in warnings if "outside the history" in w.message]
    # the history 2023–2024 uses the transfers from 2022 (Note A 2023) to 2024 (the application)
    assert {w.field.split(".")[1] for w in unused} == {"2020", "2021"} and len(unused) == 6
    assert all(w.severity is Severity.WARNING and w.location.line for w in unused)


def test_a_missing_year_is_an_error_at_the_later_file(copy):
    (copy / "2022.toml").unlink()
    [problem] = errors_of(copy)
    assert problem.message == "the history has no file for 2022 (between 2021 and 2023)"
    assert (Path(problem.location.file).name, problem.location.line) == ("2023.toml", 6)


def test_a_year_given_twice(copy):
    shutil.copy(copy / "2021.toml", copy / "2021-copy.toml")
    [problem] = errors_of(copy)
    assert "fiscal year 2021 is given twice" in problem.message and "also in" in problem.found


def test_every_problem_of_every_file_is_reported_together(copy):
    text = (copy / "2021.toml").read_text(encoding="utf-8")
    (copy / "2021.toml").write_text(text.replace("allocated = 186_000_000", "allocated = 186000000.5"),
                                    encoding="utf-8")
    transfers = (copy / "transfers.toml").read_text(encoding="utf-8")
    (copy / "transfers.toml").write_text(transfers.replace("decided = 2_850_000", "decidd = 2_850_000"),
                                         encoding="utf-8")
    problems = errors_of(copy)
    assert [(Path(p.location.file).name, p.message) for p in problems if p.is_error] == [
        ("2021.toml", "the amount is a TOML float"),
        ("transfers.toml", 'unknown key `decidd` in [transfer.2022."1495.01"]'),
    ]


def test_a_directory_without_year_files(tmp_path):
    (tmp_path / "transfers.toml").write_text(f'format = "{TRANSFERS_FORMAT}"\n', encoding="utf-8")
    [problem] = errors_of(tmp_path)
    assert problem.message == "no agency-year file in the history"
    [missing] = errors_of(tmp_path / "nothing-here")
    assert missing.message == "no such file or directory"
    (tmp_path / "empty").mkdir()
    [empty] = errors_of(tmp_path / "empty")
    assert empty.message == "the directory holds no .toml file"


def test_the_agency_changes_name(copy):
    text = (copy / "2020.toml").read_text(encoding="utf-8")
    (copy / "2020.toml").write_text(text.replace('agency = "Eksempeldirektoratet"', 'agency = "Eksempeletaten"'),
                                    encoding="utf-8")
    _, warnings = read_history(copy)
    [warning] = [w for w in warnings if w.field == "agency"]
    assert "'Eksempeletaten' in 2020 but 'Eksempeldirektoratet' in 2024" in warning.message


def transfers_problems(body: str, years=()) -> list:
    with pytest.raises(InputError) as raised:
        read_transfers(f'format = "{TRANSFERS_FORMAT}"\n' + body, file="transfers.toml", years=years)
    return list(raised.value.problems)


@pytest.mark.parametrize(("body", "message", "line", "column"), [
    ('[transfer.21."1495.01"]\ndecided = 1\n', "`21` is not a fiscal year", 2, 11),
    ('[transfer.2021."1495.01"]\ndecided = 1.5\n', "the amount is a TOML float", 3, 11),
    ('[transfer.2021."4495.01"]\ndecided = 1\n', "4495.01 is an income account, not an expense account", 2, 16),
    ('[transfer.2021."1495.01"]\nvedtatt = 1\n', 'unknown key `vedtatt` in [transfer.2021."1495.01"]', 3, 1),
    ('[transfer.2021."1495.01"]\n', "the transfer on 1495.01 from 2021 is empty", 2, 16),
    ('[transfer.2021."1495.01"]\njustification = 12\n', "this must be a text string", 3, 17),
    ('transfer = 3\n', "`transfer` must hold one table per year and post", 2, 12),
])
def test_transfers_file_errors_are_located(body, message, line, column):
    [problem] = transfers_problems(body)
    assert (problem.message, problem.location.file, problem.location.line, problem.location.column) == (
        message, "transfers.toml", line, column)


def test_a_transfer_names_an_own_post_of_its_year():
    year = load_history(EXAMPLE / "2021.toml").raw(2021)
    [problem] = transfers_problems('[transfer.2021."1495.22"]\ndecided = 1\n', years=[year])
    assert problem.message == "1495.22 is not one of the agency's own posts in 2021"
    assert "transfer from 2021 to 2022" in problem.hint


def test_a_transfer_given_twice_in_two_files(copy):
    (copy / "more.toml").write_text(f'format = "{TRANSFERS_FORMAT}"\n[transfer.2021."1495.01"]\ndecided = 1\n',
                                    encoding="utf-8")
    [problem] = errors_of(copy)
    assert problem.message == "the transfer on 1495.01 from 2021 is given twice"
    assert "more.toml" in problem.found  # read first: the directory is read in name order


def test_read_transfers_wants_its_format():
    with pytest.raises(InputError, match="this is not a transfers file"):
        read_transfers('format = "statsbudsjett/1"\n')
    transfers, warnings = read_transfers(EXAMPLE / "transfers.toml")
    assert len(transfers) == 15 and warnings == ()
    assert transfers.decided(2023, Account(1495, 21)) == kr(-500_000)


def test_a_file_named_twice_is_read_once():
    history = load_history([EXAMPLE, EXAMPLE / "transfers.toml", EXAMPLE.resolve() / "2021.toml"])
    assert history.fiscal_years == (2020, 2021, 2022, 2023, 2024) and len(history.transfers) == 15
