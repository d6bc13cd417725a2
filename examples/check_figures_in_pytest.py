"""Assert the figures of your statements in pytest, so a changed input never slips by.

    python -m pytest examples/check_figures_in_pytest.py     # as a test module
    python examples/check_figures_in_pytest.py               # the same, as a script

Copy it beside your own inputs, point AGENCY_FILE at them and write the figures you
have agreed with your ministry. Compare Money with Money: exact, øre included.
"""

import sys

import pytest

import statsbudsjett as sb
from statsbudsjett import Money

AGENCY_FILE = sb.example_path()  # e.g. Path(__file__).parent / "inputs-2024.toml"


@pytest.fixture(scope="module")
def year() -> sb.AgencyYear:
    return sb.load(AGENCY_FILE)


def test_samlet_tildeling(year: sb.AgencyYear) -> None:
    assert sb.note_a(year).total.total == Money.kroner(1_092_268_000)


def test_five_percent_cap_on_post_01(year: sb.AgencyYear) -> None:
    row = sb.note_b(year)["540.01"]
    assert row.max_transferable == Money.kroner(8_221_150)  # 5 % of 164 423 000
    assert row.transferable == Money.kroner(1_362_035)


def test_chargeback_to_other_agencies(year: sb.AgencyYear) -> None:
    row = sb.note_b(year)["540.25"]
    assert row.spent_by_others == Money.kroner(-112_759_278)
    assert row.transferable == Money.kroner(91_964_392)  # printed 91 964 391: 1 kr rounding in the report


def test_overspent_five_percent_post_is_not_carried(year: sb.AgencyYear) -> None:
    assert sb.note_b(year)["540.22"].transferable is None


def test_the_accounts_balance(year: sb.AgencyYear) -> None:
    report = sb.appropriation_report(year)
    assert abs(report.total_reported) <= Money.kroner(1)  # Sum rapportert: 0 up to printed rounding


if __name__ == "__main__":
    exit_code = pytest.main([__file__, "-q", "-p", "no:cacheprovider"])
    if exit_code == 0:
        note = sb.note_b(sb.load(AGENCY_FILE))
        print(f"checked: 540.01 mulig overførbart {note['540.01'].transferable}, "
              f"540.25 mulig overførbart {note['540.25'].transferable}")
    sys.exit(exit_code)
