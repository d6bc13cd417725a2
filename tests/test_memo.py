"""The last result remembered for the same agency-year object (statsbudsjett.memo): one validation, one Note B."""

from __future__ import annotations

import attrs
import pytest

import statsbudsjett as sb
from statsbudsjett.io.examples import example_path
from statsbudsjett.io.input_reader import read_agency_year
from statsbudsjett.memo import remember_last
from statsbudsjett.rules import parameters_for
from statsbudsjett.validation import context, validate


def test_the_same_object_and_equal_parameters_are_answered_from_the_last_call():
    calls: list[tuple[object, object]] = []

    @remember_last
    def double(value: tuple[int, ...], factor: int) -> tuple[int, ...]:
        calls.append((value, factor))
        return tuple(v * factor for v in value)

    value = tuple([1, 2])
    assert double(value, 2) == (2, 4) and double(value, 2) is double(value, 2)
    assert len(calls) == 1
    assert double(value, 3) == (3, 6)  # other parameters
    assert double(tuple([1, 2]), 3) == (3, 6) and len(calls) == 3  # an equal value, but another object
    assert double(value, 2) == (2, 4) and len(calls) == 4  # one entry only: the last


@pytest.fixture
def contexts(monkeypatch):
    """How many times the checks ran: each validation pass builds one YearContext."""
    built = []
    of = context.YearContext.of

    def counted(year, params):
        built.append(year)
        return of(year, params)

    monkeypatch.setattr(context.YearContext, "of", staticmethod(counted))
    return built


def test_reading_a_year_and_printing_its_three_statements_validates_it_once(contexts):
    year, _ = read_agency_year(example_path())
    sb.appropriation_report(year), sb.note_a(year), sb.note_b(year)
    assert len(contexts) == 1


def test_an_equal_year_built_again_is_validated_again(contexts):
    year = sb.load_example()
    validate(year)
    again = attrs.evolve(year)
    assert again == year and again is not year
    validate(again)
    validate(again, parameters_for(again.fiscal_year, again.rules))  # the same parameters as the default
    assert len(contexts) == 2  # the parameters given equal the default: the third is answered from the second


def test_the_findings_are_a_new_list_each_time():
    year = sb.load_example()
    first = validate(year)
    first.clear()
    assert validate(year), "the example has a warning (the overspend on 540.22)"


def test_a_changed_year_gets_its_own_verdict():
    year = sb.load_example()
    assert not any(f.is_error for f in validate(year))
    line = year.expense[0]
    broken = attrs.evolve(year, expense=(attrs.evolve(line, account="540.99"), *year.expense[1:]))
    assert any(f.is_error for f in validate(broken))
    assert not any(f.is_error for f in validate(year))


def test_note_b_is_computed_once_for_a_year_read_and_printed(monkeypatch):
    from statsbudsjett.statements import transfer_note

    year, _ = read_agency_year(example_path())
    calls = []
    post_terms = transfer_note._post_terms
    monkeypatch.setattr(transfer_note, "_post_terms", lambda index, line: calls.append(line) or post_terms(index, line))
    fresh = attrs.evolve(year)  # not yet validated: the reader's pass was for `year`
    sb.note_b(fresh), sb.note_b(fresh), sb.appropriation_report(fresh), sb.note_a(fresh)
    assert len(calls) == len(fresh.own_posts)  # one Note B: the overspend check's, then the statement's


def test_the_note_b_every_caller_shares_cannot_be_changed_by_one_of_them():
    year = sb.load_example()
    note = sb.note_b(year)
    with pytest.raises(TypeError):
        note.rows[0].terms["transferable"] = None  # type: ignore[index]
    assert sb.note_b(year) is note and "transferable" in note.rows[0].terms


def test_parameters_given_as_sets_are_frozen_so_an_equal_key_stays_equal():
    from statsbudsjett.statements.transfer_note import compute_note_b

    year = sb.load_example()
    posts = {24}
    params = attrs.evolve(parameters_for(year.fiscal_year), five_percent_excluded_posts=posts)
    assert isinstance(params.five_percent_excluded_posts, frozenset)
    posts.add(1)  # changes nothing the memo holds
    assert params.five_percent_excluded_posts == frozenset({24})
    assert compute_note_b(year, params=params) is compute_note_b(year, params)  # keyword or not, one result
