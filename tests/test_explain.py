"""Explaining a figure: the terms the statements record, their rules, their inputs, and the command."""

from __future__ import annotations

import json

from hypothesis import given, settings

import statsbudsjett as sb
from statsbudsjett.cli import EXIT_OK, EXIT_UNUSABLE, main
from statsbudsjett.explanation import Op, Term
from statsbudsjett.io.explain_render import find_cells, locator, rule_info
from statsbudsjett.io.input_writer import write_agency_year
from statsbudsjett.money import Money
from statsbudsjett.rules import parameters_for
from statsbudsjett.statements.allocation_note import compute_note_a
from statsbudsjett.statements.appropriation import compute_appropriation_report
from statsbudsjett.statements.explained import cell_terms
from statsbudsjett.statements.transfer_note import compute_note_b
from strategies import valid_agency_years

EXAMPLE = sb.example_path()


def digdir_terms():
    year = sb.load_example()
    return cell_terms(sb.appropriation_report(year), sb.note_a(year), sb.note_b(year))


def child(term: Term, name: str) -> Term:
    [found] = [sub for _, sub in term.terms if sub.name == name]
    return found


def test_digdir_540_01_transferable_is_the_smaller_of_basis_and_cap():
    [cell] = find_cells(digdir_terms(), "540.01", "transferable")
    term = cell.term
    assert (cell.statement, term.value, term.op, term.rule) == ("note_b", Money.kroner(1_362_035), Op.MIN,
                                                                 "transfer.five-percent")
    basis, cap = child(term, "basis"), child(term, "max_transferable")
    assert (basis.value, cap.value) == (Money.kroner(1_362_035), Money.kroner(8_221_150))
    assert [(s, t.name, t.value) for s, t in basis.terms] == [
        (1, "difference_after_chargebacks", Money.kroner(254_559)), (1, "revenue", Money.kroner(1_107_476)),
        (1, "reallocation", Money(0)), (1, "savings", Money(0))]
    share = child(cap, "five_percent_of_allocated")
    assert share.factor is not None and share.factor * 100 == 5
    assert child(share, "allocated").inputs == (("expense", "540.01", "allocated"),)
    difference = child(child(basis, "difference_after_chargebacks"), "difference")
    assert [(s, t.name, t.value) for s, t in difference.terms] == [
        (1, "total_allocation", Money.kroner(166_974_000)), (-1, "accounted", Money.kroner(166_719_441))]


def test_digdir_540_22_has_no_transfer_because_its_basis_is_negative():
    [cell] = find_cells(digdir_terms(), "540.22", "transferable")
    assert (cell.term.value, cell.term.op, cell.term.rule) == (None, Op.EMPTY, "transfer.five-percent")
    [(_, basis)] = cell.term.terms
    assert basis.name == "basis" and basis.value == Money.parse("-177101")


def test_the_revenue_of_a_split_authorisation_is_read_from_the_split():
    [cell] = find_cells(digdir_terms(), "540.21", "revenue")
    [(_, share)] = cell.term.terms
    assert share.inputs == (("revenue_authorisation", 0, "allocation", "540.21"),)
    assert share.value == Money.kroner(6_558_750)


def test_sums_of_the_appropriation_report_are_made_of_its_lines():
    terms = digdir_terms()
    [cell] = find_cells(terms, "Sum utgiftsført", "accounted")
    # computed from the printed lines: 029 (the report prints 028, a rounding of øre it had)
    assert cell.term.value == Money.kroner(971_218_029) and cell.term.rule == "appropriation.sum"
    assert len(cell.term.terms) == len(sb.load_example().expense)
    [net] = find_cells(terms, "Netto rapportert til bevilgningsregnskapet", "accounted")
    assert net.term.value == Money.kroner(662_922_512)  # from the printed lines (printed: 510)
    [capital] = find_cells(terms, "Sum rapportert", "amount")
    assert capital.statement == "capital" and capital.term.rule == "appropriation.total-reported"


def test_a_row_without_a_column_is_the_whole_note_b_row():
    cells = find_cells(digdir_terms(), "540.25", None)
    assert [c.column for c in cells] == list(sb.statements.transfer_note.NOTE_B_COLUMNS)
    assert {c.column: c.term.value for c in cells}["spent_by_others"] == Money.kroner(-112_759_278)


def _values_follow_from_terms(term: Term) -> None:
    values = [(sign, sub.value) for sign, sub in term.terms]
    if term.op is Op.SUM:
        assert term.value == Money.total(v if s > 0 else -v for s, v in values if v is not None)
    elif term.op is Op.MIN:
        assert term.value == min(v for _, v in values if v is not None)
    elif term.op is Op.AT_LEAST_ZERO:
        [(_, v)] = values
        assert term.value == max(v or Money(0), Money(0))
    elif term.op is Op.INPUT:
        assert term.inputs or term.value == Money(0), term
    for _, sub in term.terms:
        _values_follow_from_terms(sub)


@settings(max_examples=40)
@given(valid_agency_years(max_posts=6))
def test_every_figure_is_its_terms_and_every_rule_is_registered(year):
    params = parameters_for(year.fiscal_year, year.rules)
    note = compute_note_b(year, params)
    for row in note.rows:
        for column, term in row.terms.items():
            assert getattr(row, column) == term.value, (row.account, column)
    terms = cell_terms(compute_appropriation_report(year), compute_note_a(year), note)
    for term in terms.values():
        _values_follow_from_terms(term)
        assert all(rule_info(t.rule) is not None for t in term.walk() if t.rule), term


@settings(max_examples=15)
@given(valid_agency_years(max_posts=4))
def test_every_input_of_an_explanation_is_found_in_the_file(tmp_path_factory, year):
    path = tmp_path_factory.mktemp("explain") / "year.toml"
    write_agency_year(year, path)
    locate = locator(path)
    params = parameters_for(year.fiscal_year, year.rules)
    terms = cell_terms(compute_appropriation_report(year), compute_note_a(year), compute_note_b(year, params))
    for term in terms.values():
        for leaf in term.walk():
            for key in leaf.inputs:
                location, _ = locate(key)
                assert location is not None and location.text is not None
                name, text = key[-1], location.text.lstrip()
                if text.startswith("["):  # a key the file leaves out: its line's table, and the default 0
                    assert leaf.value == Money(0) and text.startswith(f'[{key[0]}."'), (key, text)
                else:
                    assert text.startswith(f"{name} =") or f'"{name}"' in text, (key, text)


def test_cli_explain_text_names_the_rule_the_source_and_the_input_line(capsys):
    assert main(["explain", "540.01", "--column", "transferable"]) == EXIT_OK
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith("Mulig overførbart beløp beregnet av virksomheten 540.01 = 1 362 035 = min(")
    assert "[transfer.five-percent:" in first and "S1, S6, DIGDIR-2021; SEEN]" in first
    line = next(n for n, text in enumerate(EXAMPLE.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("accounted = 166719441"))
    assert f"{EXAMPLE}:{line}:13 expense.\"540.01\".accounted" in out


def test_cli_explain_json_is_the_same_tree(capsys):
    assert main(["explain", "54001", "-c", "note_b.basis", "--format", "json", "--lang", "en"]) == EXIT_OK
    [cell] = json.loads(capsys.readouterr().out)
    assert (cell["statement"], cell["row"], cell["column"], cell["value"]) == ("note_b", "540.01", "basis", 1362035)
    assert cell["rule"]["id"] == "note_b.basis" and cell["label"] == "Basis for transfer"
    assert [t["name"] for t in cell["terms"]] == ["difference_after_chargebacks", "revenue", "reallocation", "savings"]


def test_cli_explain_an_imported_file_shows_where_the_open_data_figure_came_from(capsys, tmp_path):
    folder = sb.example_path("digdir-2021/open-data/digdir-facts-2021.toml").parent
    result = sb.import_agency_year("991825827", 2021, ledger=folder / "statsregnskapet_aar_2021.zip",
                                   appropriations=folder / "bevilgninger_full_historikk.csv",
                                   facts=folder / "digdir-facts-2021.toml")
    from statsbudsjett.io.importer import dump_import

    path = tmp_path / "digdir.toml"
    path.write_text(dump_import(result), encoding="utf-8")
    assert main(["explain", "540.01", str(path), "--column", "appropriation.accounted"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Regnskap 540.01 = 166 719 441" in out
    assert "# regnskap: statsregnskapet_aar_2021.zip: 24 rows, periods 202101–202112" in out


def test_cli_explain_an_unknown_row_or_column(capsys):
    assert main(["explain", "999.01"]) == EXIT_UNUSABLE
    assert "999.01 is not a row of the statements" in capsys.readouterr().err
    assert main(["explain", "540.01", "--column", "nonsense"]) == EXIT_UNUSABLE
    err = capsys.readouterr().err
    assert "no figure 'nonsense' on 540.01" in err and "note_b.transferable" in err


def test_an_income_row_is_explained_from_the_appropriation_report():
    """A year with an income line only: its row is explained from the bevilgningsrapportering."""
    [cell] = find_cells(digdir_terms(), "3540.03", "difference")
    assert cell.statement == "appropriation" and cell.term.value == Money.kroner(9_226_292)


def test_a_figure_verify_calls_wrong_says_why_the_expected_one_is_what_it_is(capsys, tmp_path):
    """verify's raw → printed finding carries the computation's record, and the text prints it."""
    folder = sb.example_path().parent
    (tmp_path / "inputs.toml").write_text(sb.example_path().read_text(encoding="utf-8"), encoding="utf-8")
    printed = (folder / "published.toml").read_text(encoding="utf-8").replace(
        "transferable = 1362035", "transferable = 1362090", 1)
    report = tmp_path / "published.toml"
    report.write_text(printed, encoding="utf-8")
    result = sb.verify(report, raw=tmp_path / "inputs.toml")
    [finding] = [f for f in result.errors if f.rule == "raw.recomputed"]
    assert finding.because is not None and finding.because.op is Op.MIN
    assert finding.expected == finding.because.value == Money.kroner(1_362_035)
    main(["verify", str(report), "--raw", str(tmp_path / "inputs.toml")])
    assert "fordi:      min(Sum grunnlag for overføring 1 362 035, Maks. overførbart beløp 8 221 150)" in \
        capsys.readouterr().out


def test_verify_json_says_why_too(capsys, tmp_path):
    (tmp_path / "inputs.toml").write_text(sb.example_path().read_text(encoding="utf-8"), encoding="utf-8")
    printed = (sb.example_path().parent / "published.toml").read_text(encoding="utf-8").replace(
        "transferable = 1362035", "transferable = 1362090", 1)
    (tmp_path / "published.toml").write_text(printed, encoding="utf-8")
    main(["verify", str(tmp_path / "published.toml"), "--raw", str(tmp_path / "inputs.toml"), "--format", "json",
          "--lang", "en"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    [wrong] = [f for f in findings if f["rule"] == "raw.recomputed" and f["severity"] == "error"]
    assert wrong["because"] == "min(Basis for transfer 1 362 035, Maximum transferable 8 221 150)"


def test_an_income_difference_is_labelled_as_the_income_table_heads_it(capsys):
    """The income table's column is «Merinntekt og mindreinntekt (-)» (regnskap − tildeling), not the
    expense side's «Merutgift(-)/mindreutgift»: so are its figure and its sum explained."""
    assert main(["explain", "3540.03", "-c", "appropriation.difference"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("Merinntekt og mindreinntekt (-) 3540.03 = 9 226 292 = Regnskap")
    assert "Merutgift" not in out
    assert main(["explain", "Sum inntektsført", "-c", "difference", "--lang", "en"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("Revenue surplus and shortfall (-) Sum inntektsført = ")
    assert "Overspend" not in out
    assert main(["explain", "Sum utgiftsført", "-c", "difference"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("Merutgift(-)/mindreutgift Sum utgiftsført = ")


def test_note_b_income_sub_table_is_explained_too():
    """«Opplysninger om avgitte belastningsfullmakter på inntektskapitler»: Digdir's 3540.86."""
    terms = digdir_terms()
    [received] = find_cells(terms, "3540.86", "note_b_income.received_by_others")
    assert (received.term.value, received.term.rule) == (Money.kroner(150_000), "cross.chargeback-given")
    assert received.term.terms[0][1].inputs == (("chargeback", 1, "used"),)
    [after] = find_cells(terms, "3540.86", "note_b_income.difference_after_chargebacks")
    assert after.term.value == Money.kroner(50_000) and after.term.rule == "note_b_income.after-chargebacks"
    assert [c.statement for c in find_cells(terms, "3540.86", None)] == ["note_b_income"] * 3
