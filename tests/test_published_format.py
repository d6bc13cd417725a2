"""The published-report format (``statsbudsjett/published-1``): its reader, its writer, the keys
of the fullmakter it states, and where a ``raw =`` entry may read from.

Golden messages of broken reports are in ``tests/broken/published/`` (run by
``tests/test_errors.py``) and ``tests/verify-cases/`` (run by ``tests/test_verify_cases.py``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import statsbudsjett as sb
from statsbudsjett.io import published_reader, published_writer

ROOT = Path(__file__).resolve().parents[1]
DIGDIR = ROOT / "examples" / "digdir-2021" / "published.toml"


# -- reader and writer: one module each ----------------------------------------------------
def test_the_writer_is_its_own_module():
    report = published_reader.read_published(DIGDIR)
    text = published_writer.dump_published(report, raw="inputs.toml")
    assert published_reader.read_published(text, base=DIGDIR.parent) == report
    assert "dump_published" not in published_reader.__all__
    assert published_writer.__all__ == ["dump_published", "raw_entry", "write_published"]


# -- one reader base: a value is judged and worded as in the raw inputs ----------------------
RAW_HEAD = 'format = "statsbudsjett/1"\nagency = "Testetaten"\nfiscal_year = 2024\n\n[expense."1234.01"]\n'
PUBLISHED_HEAD = ('format = "statsbudsjett/published-1"\nagency = "Testetaten"\nfiscal_year = 2024\n\n'
                  '[[appropriation.expense]]\naccount = "1234.01"\n')


def _problem(read, text):
    with pytest.raises(sb.InputError) as caught:
        read(text, file="x.toml")
    [problem] = caught.value.problems
    return problem


def test_the_published_reader_is_a_toml_reader():
    from statsbudsjett.io.toml_reader import TomlReader

    assert issubclass(published_reader.PublishedReader, TomlReader)


@pytest.mark.parametrize("line", ["accounted = 1234.5", "accounted = 1234.0", 'accounted = "1.234.567"',
                                  'accounted = "12,345"', f"accounted = {10**16}"])
def test_a_value_is_judged_and_worded_as_in_the_raw_inputs(line):
    raw = _problem(sb.load, RAW_HEAD + line + "\n")
    printed = _problem(sb.read_published, PUBLISHED_HEAD + line + "\n")
    assert (printed.message, printed.expected, printed.found) == (raw.message, raw.expected, raw.found)
    assert printed.hint is not None and printed.hint.startswith(raw.hint or "")
    assert printed.location.line == raw.location.line + 1  # the same line of each file


def test_a_norwegian_key_is_named_in_english():
    problem = _problem(sb.read_published, PUBLISHED_HEAD + "regnskap = 1000\n")
    assert problem.message == "unknown key `regnskap` in [[appropriation.expense]]"
    assert problem.hint == "did you mean `accounted`? (the keys are in English)"


def test_a_malformed_account_is_worded_as_in_the_raw_inputs():
    problem = _problem(sb.read_published, PUBLISHED_HEAD.replace('"1234.01"', '"1234-01"'))
    assert (problem.message, problem.hint, problem.field) == (
        "malformed account", 'did you mean "1234.01"?', "appropriation.expense[0].account")


def test_what_a_printed_figure_may_be_is_still_its_own():
    problem = _problem(sb.read_published, PUBLISHED_HEAD + 'accounted = "—x"\n')
    assert problem.message == "this is not an amount"
    assert problem.hint.endswith('a dash is written "-", an empty cell by leaving the key out (in a list: "")')
    report = sb.read_published(PUBLISHED_HEAD + 'total_allocation = "-"\naccounted = ""\ndifference = "\u2212 5"\n')
    row = report.table("appropriation").row("1234.01")
    assert (row["total_allocation"].dash, row["accounted"].printed, row["difference"].value) == (
        True, False, sb.Money.kroner(-5))


# -- several belastningsfullmakter on one post -----------------------------------------------
# Direktoratet for e-helse 2021 prints three received on 540.25 (limit / used as printed). The
# counterparties here are placeholders: the key rule is what is tested, not who they are.
EHELSE_RECEIVED = (("Helsedirektoratet", 11_831_000, 10_678_613), ("Norsk helsenett", 21_163_000, 3_866_450),
                   ("Folkehelseinstituttet", 2_500_000, 2_500_000))


def _ehelse(counterparties=True, line=False):
    text = 'format = "statsbudsjett/published-1"\nagency = "Direktoratet for e-helse"\nfiscal_year = 2021\n'
    if line:
        text += ('\n[[appropriation.expense]]\naccount = "540.25"\nreceived_chargeback = true\n'
                 f'total_allocation = "-"\naccounted = {sum(used for _, _, used in EHELSE_RECEIVED)}\n')
    for name, limit, used in EHELSE_RECEIVED:
        text += '\n[[chargeback]]\ndirection = "received"\naccount = "540.25"\n'
        text += f'counterparty = "{name}"\n' if counterparties else ""
        text += f"limit = {limit}\nused = {used}\n"
    return text


def test_three_received_chargebacks_on_one_post_read_and_verify():
    report = sb.read_published(_ehelse(), file="e-helse-2021.toml")
    assert [row.key for row in report.table("chargeback").rows] == [
        "received 540.25 Helsedirektoratet", "received 540.25 Norsk helsenett", "received 540.25 Folkehelseinstituttet"]
    result = sb.verify(report)
    limits = [f for f in result.findings if f.rule == "rules.authorisation-limit"]
    assert [(f.row, f.status.value, f.severity.value) for f in limits] == [
        (row.key, "exact", "info") for row in report.table("chargeback").rows]  # used ≤ limit, each
    assert result.ok and result.summary.errors == 0
    assert [f.location.line for f in limits] == [10, 17, 24]  # each at its own `used`


def test_rows_of_one_post_without_a_counterparty_are_numbered():
    report = sb.read_published(_ehelse(counterparties=False))
    assert [row.key for row in report.table("chargeback").rows] == [
        "received 540.25", "received 540.25 #2", "received 540.25 #3"]
    assert sb.verify(report).ok


def test_one_chargeback_on_a_post_keeps_its_short_key():
    report = sb.read_published(DIGDIR)
    assert [row.key for row in report.table("chargeback").rows] == [
        "given 540.25", "given 3540.86", "received 541.22", "received 352.71"]
    assert [row.key for row in report.table("commitment").rows] == ["order 540.28"]


def _year_with_three_received():
    from statsbudsjett.model import AgencyYear, Chargeback, ExpenseLine

    total = sum(used for _, _, used in EHELSE_RECEIVED)
    return AgencyYear("Direktoratet for e-helse", 2021, expense=[ExpenseLine("540.25", accounted=total)],
                      chargebacks=[Chargeback("received", "540.25", used, limit, name)
                                   for name, limit, used in EHELSE_RECEIVED]
                      + [Chargeback("received", "540.25", 1, 1), Chargeback("received", "540.25", 2, 2)])


def test_the_printed_rows_and_the_rows_computed_from_raw_inputs_have_the_same_keys():
    year = _year_with_three_received()
    printed = sb.publish(year)
    keys = [row.key for row in printed.table("chargeback").rows]
    assert keys == ["received 540.25 Helsedirektoratet", "received 540.25 Norsk helsenett",
                    "received 540.25 Folkehelseinstituttet", "received 540.25", "received 540.25 #2"]
    again = sb.read_published(published_writer.dump_published(printed))
    assert [row.key for row in again.table("chargeback").rows] == keys
    assert again.table("chargeback") == printed.table("chargeback")


def test_a_line_spent_under_several_received_chargebacks_is_their_sum():
    result = sb.verify(sb.read_published(_ehelse(line=True)))
    assert [f.rule for f in result.errors] == []
    [check] = [f for f in result.findings if f.rule == "cross.chargeback-received"]
    assert len(check.terms) == 3


# -- `raw =` reads only inside the report's folder; an explicit raw path may be anywhere ------
INPUTS = ROOT / "examples" / "digdir-2021" / "inputs.toml"
REPORT_HEAD = 'format = "statsbudsjett/published-1"\nagency = "Testetaten"\nfiscal_year = 2021\n'


def _refused(source, **options):
    with pytest.raises(sb.InputError) as caught:
        sb.read_published(source, **options)
    [problem] = caught.value.problems
    return problem


@pytest.fixture
def folders(tmp_path):
    """A report folder and, beside it, a secret that is not the report's to read."""
    report, outside = tmp_path / "report", tmp_path / "outside"
    report.mkdir()
    outside.mkdir()
    (outside / "secret.toml").write_text("SECRET LINE = = =\n", encoding="utf-8")
    (outside / "inputs.toml").write_bytes(INPUTS.read_bytes())
    return report, outside


@pytest.mark.parametrize("name", ["ABSOLUTE", "../outside/secret.toml", "sub/../../outside/secret.toml",
                                  "../outside/inputs.toml"])
def test_raw_outside_the_folder_is_refused_and_never_read(folders, name):
    report, outside = folders
    name = str(outside / "secret.toml") if name == "ABSOLUTE" else name
    path = report / "published.toml"
    path.write_text(REPORT_HEAD + f"raw = {name!r}\n", encoding="utf-8")
    problem = _refused(path, file="published.toml")
    assert (problem.location.file, problem.location.line, problem.location.column) == ("published.toml", 4, 7)
    assert problem.field == "raw"
    assert "absolute path" in problem.message if name.startswith("/") else "leads out of this file's folder" in \
        problem.message
    assert problem.hint.startswith("give the path relative to this file, or pass the raw inputs explicitly: "
                                   "`statsbudsjett verify REPORT --raw INPUTS`")
    assert "SECRET" not in sb.InputError([problem]).render()


@pytest.mark.parametrize("name", ["C:\\\\inputs.toml", "\\\\\\\\server\\\\share\\\\inputs.toml"])
def test_a_windows_absolute_path_is_refused_too(folders, name):
    problem = _refused(REPORT_HEAD + f'raw = "{name}"\n', base=folders[0])
    assert "absolute path" in problem.message


def test_a_symbolic_link_out_of_the_folder_is_refused(folders):
    report, outside = folders
    (report / "inputs.toml").symlink_to(outside / "inputs.toml")
    (report / "published.toml").write_text(REPORT_HEAD + 'raw = "inputs.toml"\n', encoding="utf-8")
    problem = _refused(report / "published.toml")
    assert "symbolic link" in problem.message and problem.location.line == 4


def test_raw_inside_the_folder_is_read_through_a_subfolder_or_a_link_inside(folders):
    report, _ = folders
    (report / "data").mkdir()
    (report / "data" / "inputs.toml").write_bytes(INPUTS.read_bytes())
    (report / "inputs.toml").symlink_to(report / "data" / "inputs.toml")
    for name in ("data/inputs.toml", "./data/../inputs.toml", "inputs.toml"):
        text = DIGDIR.read_text(encoding="utf-8").replace('raw = "inputs.toml"', f'raw = "{name}"')
        (report / "published.toml").write_text(text, encoding="utf-8")
        read = sb.read_published(report / "published.toml")
        assert read.raw == sb.load(INPUTS), name


def test_an_explicit_raw_path_may_be_anywhere_and_replaces_the_entry(folders):
    report, outside = folders
    path = report / "published.toml"
    path.write_text(DIGDIR.read_text(encoding="utf-8").replace('raw = "inputs.toml"', 'raw = "/etc/passwd"'),
                    encoding="utf-8")
    read = sb.read_published(path, raw=outside / "inputs.toml")
    assert read.raw == sb.load(INPUTS)
    result = sb.verify(path, raw=outside / "inputs.toml")
    assert result.ok and any(f.rule == "raw.recomputed" for f in result.findings)
    assert len(result.rounding) == 21  # as the bundled report with raw = "inputs.toml"


def test_an_explicit_raw_path_for_a_report_in_memory(folders):
    report = sb.read_published(re.sub(r"^raw = .*$", "", DIGDIR.read_text(encoding="utf-8"), flags=re.MULTILINE))
    assert report.raw is None
    assert not any(f.rule == "raw.recomputed" for f in sb.verify(report).findings)
    checked = sb.verify(report, raw=folders[1] / "inputs.toml")
    assert checked.ok and any(f.rule == "raw.recomputed" for f in checked.findings)
    with pytest.raises(sb.UsageError):
        sb.verify(report, raw=123)


def test_explicit_raw_inputs_of_another_year_are_refused(tmp_path):
    other = tmp_path / "inputs-2022.toml"
    other.write_text(INPUTS.read_text(encoding="utf-8").replace("fiscal_year = 2021", "fiscal_year = 2022"),
                     encoding="utf-8")
    problem = _refused(DIGDIR, raw=other)
    assert problem.message == f'the raw inputs "{other}" are for 2022, the report for 2021'
    assert problem.location.line == 8  # the report's fiscal_year
    with pytest.raises(sb.InputError, match="are for 2022, the report for 2021"):
        sb.verify(sb.read_published(DIGDIR), raw=other)


def test_text_with_raw_needs_a_base_or_explicit_raw_inputs():
    text = DIGDIR.read_text(encoding="utf-8")
    problem = _refused(text, file="published.toml")
    assert (problem.location.line, problem.location.column, problem.field) == (9, 7, "raw")
    assert problem.message == "the report was read from text: `raw` has no folder to be relative to"
    assert "base=FOLDER" in problem.hint and "--raw INPUTS" in problem.hint
    assert sb.read_published(text, base=DIGDIR.parent).raw == sb.load(INPUTS)
    assert sb.read_published(text, raw=INPUTS).raw == sb.load(INPUTS)


def test_the_command_line_takes_the_raw_inputs(folders, capsys):
    from statsbudsjett.cli import main

    report, outside = folders
    path = report / "published.toml"
    path.write_text(DIGDIR.read_text(encoding="utf-8").replace('raw = "inputs.toml"', 'raw = "../inputs.toml"'),
                    encoding="utf-8")
    assert main(["verify", str(path)]) == 2
    assert "--raw INPUTS" in capsys.readouterr().err
    assert main(["verify", str(path), "--raw", str(outside / "inputs.toml"), "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert (summary["errors"], summary["rounding"]) == (0, 21)


def test_raw_naming_the_folder_itself_is_not_a_file(folders):
    problem = _refused(REPORT_HEAD + 'raw = "."\n', base=folders[0])
    assert problem.message == 'the raw inputs file "." is a folder, not a file'
    assert "--raw INPUTS" in problem.hint
