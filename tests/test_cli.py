"""The ``statsbudsjett`` command: subcommands on the bundled example and on a file, formats, exit codes."""

from __future__ import annotations

import argparse
import gc
import io
import json
import subprocess
import sys
import tomllib
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

import statsbudsjett as sb
from statsbudsjett import cli
from statsbudsjett.cli import EXIT_OK, EXIT_UNUSABLE, main
from test_render import GOLDEN_CASES, golden_path

SMALL = """\
format = "statsbudsjett/1"
agency = "Småetaten"
fiscal_year = 2024

[chapter]
1234 = "Småetaten"

[expense."1234.01"]
text = "Driftsutgifter"
carried_over = 1000000
allocated = 50000000
accounted = "49 500 000,50"

[expense."1234.45"]
text = "Større utstyrsanskaffelser"
keywords = ["kan overføres"]
carried_over = 400000
allocated = 3000000
previous_allocated = 2000000
accounted = 3600000

[income."4234.02"]
text = "Salgsinntekter"
allocated = 2000000
accounted = 2600000

[income."4234.86"]
allocated = 100000
accounted = 0

[[revenue_authorisation]]
income = ["4234.02"]
expense = ["1234.01"]

[[chargeback]]
direction = "given"
account = "4234.86"
used = 150000

[[reallocation]]
kind = "to_investment"
from = "1234.01"
to = "1234.45"
amount = 500000
"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "small.toml"
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.mark.parametrize(("command", "output", "language"), GOLDEN_CASES)
def test_every_command_and_format_on_the_example(capsys, command, output, language):
    code, out, err = run(capsys, command, "--format", output, "--lang", language)
    assert code == EXIT_OK
    if (command, output) == ("report", "html"):  # the report is the page, each figure with its explanation
        assert out.startswith("<!DOCTYPE html>") and out.count('<td class="amount explained"') >= 100
        assert '<dt id="why-note_b-540.01-transferable">' in out
        basis, cap = ("Sum grunnlag for overføring", "Maks. overførbart beløp") if language == "no" else (
            "Basis for transfer", "Maximum transferable")
        assert f"540.01 = 1 362 035 = min({basis} 1 362 035, {cap} 8 221 150)" in out
    else:
        assert out == golden_path(command, output, language).read_text(encoding="utf-8")
    # One warning, the same verify gives (rules.overspend): 540.22 is overspent by 177 101 kr. The
    # example's notes (the split's and Sum rapportert's 1-kr rounding) are info: not printed.
    assert err.count("warning:") == 1
    assert "inputs.toml:43:13: warning: 540.22: overspend of 177 101 kr" in err


def test_text_is_the_default_format(capsys):
    code, out, _ = run(capsys, "note-a")
    assert code == EXIT_OK
    assert out == golden_path("note-a", "text", "no").read_text(encoding="utf-8")
    assert run(capsys, "note-a", "-f", "csv")[1].splitlines()[1] == "54001,2551000,164423000,166974000"


def test_note_b_json_on_a_file(capsys, small):
    code, out, err = run(capsys, "note-b", str(small), "--format", "json")
    assert (code, err) == (EXIT_OK, "")
    data = json.loads(out, parse_float=Decimal)
    assert (data["agency"], data["fiscal_year"]) == ("Småetaten", 2024)
    first, second = data["rows"]
    assert first == {"account": "1234.01", "keywords": [], "difference": Decimal("1499999.50"),
                     "spent_by_others": 0, "difference_after_chargebacks": Decimal("1499999.50"),
                     "revenue": 600000, "reallocation": -500000, "savings": 0, "basis": Decimal("1599999.50"),
                     "max_transferable": 2500000, "transferable": Decimal("1599999.50"),
                     "rule": "transfer.five-percent", "covered_by_partners": 0}
    assert (second["account"], second["keywords"], second["basis"], second["max_transferable"],
            second["transferable"]) == ("1234.45", ["kan overføres"], 300000, 5500000, 300000)
    assert data["income_rows"] == [{"account": "4234.86", "difference": -100000, "received_by_others": 150000,
                                    "difference_after_chargebacks": 50000}]


def test_every_command_on_a_file(capsys, small):
    assert "Sum utgiftsført" in run(capsys, "bevilgning", str(small))[1]
    assert "123401" in run(capsys, "note-a", str(small), "--format", "markdown")[1]
    code, out, _ = run(capsys, "report", str(small), "--format", "html", "--lang", "en")
    assert code == EXIT_OK
    assert out.startswith("<!DOCTYPE html>")  # the page (tests/test_html_page.py)
    assert out.count("<table ") == 6  # expense, income, capital, Note A, Note B, income sub-table
    assert "<h2>Note A: Total allocation, expenses</h2>" in out
    assert run(capsys, "note-a", str(small), "--format", "html")[1].startswith("<h2>")  # a statement: the fragment


def test_a_bad_file_is_reported_with_its_position(capsys, tmp_path):
    path = tmp_path / "bad.toml"
    text = SMALL.replace("allocated = 3000000", "allocated = 3000000.0")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("allocated = 3000000.0") + 1
    code, out, err = run(capsys, "note-b", str(path))
    assert (code, out) == (EXIT_UNUSABLE, "")
    assert f"{path}:{line}:13: error:" in err and "float" in err
    assert "Traceback" not in err


def test_a_missing_file_is_unusable(capsys, tmp_path):
    code, out, err = run(capsys, "note-a", str(tmp_path / "nowhere.toml"))
    assert (code, out) == (EXIT_UNUSABLE, "")
    assert "cannot read the file" in err


def test_a_year_without_rules_is_unusable(capsys, tmp_path):
    path = tmp_path / "old.toml"
    path.write_text(SMALL.replace("fiscal_year = 2024", "fiscal_year = 1999"), encoding="utf-8")
    code, _, err = run(capsys, "note-b", str(path))
    assert code == EXIT_UNUSABLE
    assert f"{path}:3:15: error:" in err and "1999" in err


@pytest.mark.parametrize("argv", [["nota-b"], ["note-b", "--format", "pdf"], ["note-b", "--lang", "de"], []])
def test_usage_errors_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "usage: statsbudsjett" in capsys.readouterr().err


def test_python_dash_m(tmp_path):
    result = subprocess.run([sys.executable, "-m", "statsbudsjett", "note-a"], capture_output=True, text=True,
                            encoding="utf-8", check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == golden_path("note-a", "text", "no").read_text(encoding="utf-8")
    help_text = subprocess.run([sys.executable, "-m", "statsbudsjett", "--help"], capture_output=True, text=True,
                               encoding="utf-8", check=False).stdout
    assert all(command in help_text for command in ("note-a", "note-b", "bevilgning", "report"))


def test_the_process_entry_point_keeps_exit_codes_and_writes_every_byte(tmp_path):
    """``run`` (python -m, the console script) freezes the collector at exit: nothing written is lost."""
    workbook, page = tmp_path / "report.xlsx", tmp_path / "report.html"
    for output_format, path in (("xlsx", workbook), ("html", page)):
        command = ["report", "--format", output_format, "-o", str(path)]
        done = subprocess.run([sys.executable, "-m", "statsbudsjett", *command], capture_output=True, check=False)
        assert done.returncode == EXIT_OK, done.stderr
    assert _members(workbook.read_bytes()) == _members(_render_bytes_in_process("report", "xlsx"))
    assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")
    missing = subprocess.run([sys.executable, "-m", "statsbudsjett", "note-b", str(tmp_path / "absent.toml")],
                             capture_output=True, text=True, check=False)
    assert missing.returncode == EXIT_UNUSABLE and "absent.toml" in missing.stderr


def _members(workbook: bytes) -> dict[str, bytes]:
    """A workbook's parts, but its creation time (docProps/core.xml)."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def _render_bytes_in_process(command: str, output_format: str) -> bytes:
    from statsbudsjett.io.render import render_bytes

    return render_bytes(cli.compute(command, sb.load_example()), output_format)


def test_main_leaves_the_collector_as_it_found_it(capsys):
    threshold = gc.get_threshold()
    assert main(["note-b"]) == EXIT_OK
    assert gc.get_threshold() == threshold and gc.get_freeze_count() == 0
    capsys.readouterr()


def test_the_console_script_is_the_process_entry_point():
    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    scripts = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"statsbudsjett": "statsbudsjett.cli:run"}


@pytest.mark.parametrize("name", list(cli.COMMANDS))
def test_a_command_built_alone_is_the_command_of_the_whole_line(capsys, name):
    """main builds only the command it runs (start-up): its help is the one the full command line has."""
    full = cli._parser()
    registry = next(a for a in full._actions if isinstance(a, argparse._SubParsersAction))
    with pytest.raises(SystemExit) as raised:
        main([name, "--help"])
    assert raised.value.code == 0
    assert capsys.readouterr().out == registry.choices[name].format_help()


def test_a_mistyped_command_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["note-c"])
    error = capsys.readouterr().err
    assert "invalid choice: 'note-c'" in error and all(f"'{name}'" in error for name in cli.COMMANDS)


def test_version(capsys):
    with pytest.raises(SystemExit) as raised:
        cli.main(["--version"])
    assert raised.value.code == 0
    assert capsys.readouterr().out == f"statsbudsjett {sb.__version__}\n"


def test_output_formats_are_the_renderers():
    from statsbudsjett.io.render import OutputFormat

    assert sorted(cli.OUTPUT_FORMATS) == sorted(f.value for f in OutputFormat)
