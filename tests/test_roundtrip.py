"""No silent loss: load → write → load gives an identical agency-year, øre and order kept."""

from __future__ import annotations

import tomllib
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import statsbudsjett as sb
from statsbudsjett import AgencyYear, ExpenseLine, Money
from statsbudsjett.io.input_reader import load_agency_year
from statsbudsjett.io.input_writer import dump, write_agency_year
from strategies import valid_agency_years


def _values(data: Any) -> list[Any]:
    if isinstance(data, dict):
        return [v for item in data.values() for v in _values(item)]
    if isinstance(data, list):
        return [v for item in data for v in _values(item)]
    return [data]


@settings(max_examples=60)
@given(valid_agency_years())
def test_load_of_written_year_is_the_same_year(year):
    """Every valid year: several chapters, negative tildelinger, øre, splits, several chargebacks on a post."""
    text = dump(year)
    assert load_agency_year(text) == year
    assert not any(isinstance(v, float) for v in _values(tomllib.loads(text))), "money is never a TOML float"


def test_the_digdir_example_survives_load_write_load(tmp_path):
    year = sb.load_example()
    written = tmp_path / "digdir.toml"
    write_agency_year(year, written)
    again = sb.load(written)
    assert again == year
    assert [line.account for line in again.expense] == [line.account for line in year.expense]
    assert [line.text for line in again.income] == [line.text for line in year.income]
    assert dump(again) == written.read_text(encoding="utf-8"), "writing is deterministic"
    # The same findings come back with the written file: precision = "printed" was written too.
    _, problems = sb.read_agency_year(written)
    _, original = sb.read_agency_year(sb.example_path())
    assert [(p.severity, p.field, p.message) for p in problems] == [
        (p.severity, p.field, p.message) for p in original]


def test_ore_are_written_as_strings_and_kroner_as_integers():
    year = AgencyYear("Eksempeletaten", 2021, expense=[
        ExpenseLine("540.01", allocated="164423000.50", accounted=Money.from_ore(-1), carried_over=2551000),
    ])
    text = dump(year)
    assert 'allocated = "164423000.50"' in text
    assert 'accounted = "-0.01"' in text
    assert "carried_over = 2551000" in text
    assert load_agency_year(text).expense[0].accounted == Money.from_ore(-1)


def test_order_and_texts_are_kept_as_given():
    accounts = ["540.29", "540.01", "1633.01", "352.71"]
    texts = ['«Sitat» og "anførsel"', "back\\slash", "linje\nto\ttab", "del\x7f og\u2028skille"]
    year = AgencyYear("Etaten", 2024, expense=[ExpenseLine(a, text=t) for a, t in zip(accounts, texts, strict=True)])
    again = load_agency_year(dump(year))
    assert [(str(line.account), line.text) for line in again.expense] == list(zip(accounts, texts, strict=True))


@settings(max_examples=30)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30).filter(str.strip))
def test_any_text_survives(text):
    year = AgencyYear(text, 2021, ministry=text, chapter_names={540: text})
    assert load_agency_year(dump(year)) == year
