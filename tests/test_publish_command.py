"""``statsbudsjett publish FILE``: the published-report file of what the statements print, ready to verify.

The file names its raw inputs (``raw =``, relative to its own folder); verifying it right away
gives no error — on the bundled example and on random valid agency-years.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings

import statsbudsjett as sb
from statsbudsjett.cli import EXIT_OK, EXIT_UNUSABLE, main
from statsbudsjett.io.input_writer import dump
from statsbudsjett.io.published_writer import dump_published, raw_entry, write_published
from strategies import valid_agency_years


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def inputs(tmp_path, monkeypatch) -> Path:
    """The bundled Digdir 2021 inputs, copied to a folder of their own (the working directory)."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "inputs.toml"
    shutil.copy(sb.example_path(), path)
    return path


def test_the_report_is_written_beside_the_inputs_and_verifies(capsys, inputs):
    code, out, err = run(capsys, "publish", str(inputs))
    assert (code, out) == (EXIT_OK, "")
    written = inputs.with_name("inputs.published.toml")
    # the example's own warning (540.22 overspent) and where the report went; no note about --raw
    assert "--raw" not in err and f"statsbudsjett: wrote {written}; check it with: statsbudsjett verify" in err
    text = written.read_text(encoding="utf-8")
    assert text == dump_published(sb.publish(sb.load_example()), raw="inputs.toml")
    assert text.splitlines()[3] == 'raw = "inputs.toml"'
    result = sb.verify(written)
    assert (result.ok, result.summary.errors) == (True, 0)
    assert any(f.rule == "raw.recomputed" for f in result.findings)  # raw = was read: raw → printed compared
    assert run(capsys, "verify", str(written))[0] == EXIT_OK


def test_whole_kroner_as_a_report_prints_them(capsys, inputs):
    run(capsys, "publish", str(inputs))
    report = sb.read_published(inputs.with_name("inputs.published.toml"))
    assert all(f.value is None or f.value.is_whole_kroner for _, f in report.figures())
    assert report.table("note_b").row("540.25")["transferable"].value == sb.Money.kroner(91_964_392)


def test_a_report_in_a_folder_above_the_inputs_names_them_below(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    shutil.copy(sb.example_path(), tmp_path / "data" / "inputs-2021.toml")
    code, _, err = run(capsys, "publish", "data/inputs-2021.toml", "--output", "published-2021.toml")
    assert code == EXIT_OK and "--raw" not in err
    assert 'raw = "data/inputs-2021.toml"' in (tmp_path / "published-2021.toml").read_text(encoding="utf-8")
    assert sb.verify(tmp_path / "published-2021.toml").ok


def test_a_report_in_another_folder_says_verify_needs_raw(capsys, inputs):
    (inputs.parent / "reports").mkdir()
    code, _, err = run(capsys, "publish", str(inputs), "-o", "reports/published.toml")
    assert code == EXIT_OK
    assert f"verify the report with `--raw {inputs}`" in err
    out = inputs.parent / "reports" / "published.toml"
    assert 'raw = "../inputs.toml"' in out.read_text(encoding="utf-8")
    code, _, err = run(capsys, "verify", str(out))
    assert code == EXIT_UNUSABLE and "leads out of this file's folder" in err  # the reader refuses it …
    assert run(capsys, "verify", str(out), "--raw", str(inputs))[0] == EXIT_OK  # … and --raw replaces it


def test_standard_output_names_the_inputs_from_the_working_directory(capsys, inputs):
    code, out, _ = run(capsys, "publish", "inputs.toml", "--output", "-")
    assert code == EXIT_OK
    assert out == dump_published(sb.publish(sb.load_example()), raw="inputs.toml")
    assert not inputs.with_name("inputs.published.toml").exists()


def test_the_inputs_are_never_overwritten(capsys, inputs):
    before = inputs.read_text(encoding="utf-8")
    code, out, err = run(capsys, "publish", str(inputs), "--output", str(inputs))
    assert (code, out) == (EXIT_UNUSABLE, "")
    assert "is the raw inputs themselves" in err
    assert inputs.read_text(encoding="utf-8") == before


def test_an_invalid_year_is_refused_and_nothing_written(capsys, inputs):
    text = inputs.read_text(encoding="utf-8").replace("accounted = 143249451", "accounted = 143249451.0")
    inputs.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "publish", str(inputs))
    assert (code, out) == (EXIT_UNUSABLE, "")
    assert "inputs.toml:43:" in err
    assert not inputs.with_name("inputs.published.toml").exists()


def test_write_published_in_python(tmp_path):
    year = sb.load_example()
    assert write_published(sb.publish(year), tmp_path / "published.toml", raw=sb.example_path()) is False
    assert write_published(sb.publish(year), tmp_path / "alone.toml") is True
    assert "raw" not in (tmp_path / "alone.toml").read_text(encoding="utf-8")
    assert raw_entry(tmp_path / "a" / "b.toml", tmp_path) == ("a/b.toml", True)
    assert raw_entry(tmp_path / "b.toml", tmp_path / "a") == ("../b.toml", False)


@settings(max_examples=25)
@given(valid_agency_years(max_posts=4))
def test_random_valid_years_published_from_a_file_verify_without_errors(year):
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "inputs.toml"
        inputs.write_text(dump(year), encoding="utf-8")
        assert main(["publish", str(inputs)]) == EXIT_OK
        result = sb.verify(Path(folder) / "inputs.published.toml")
        assert [f.describe() for f in result.errors] == []
        assert any(f.rule == "raw.recomputed" for f in result.findings)
