"""The history and application commands: output, formats and exit codes (0 ok, 1 errors, 2 unusable)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from statsbudsjett.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "history-five-years"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_history_prints_the_chain_per_post_with_the_findings(capsys):
    code, out, err = run(capsys, "history", str(EXAMPLE))
    assert (code, err) == (0, "")
    assert out.index("Kjeden for 1495.01") < out.index("Kjeden for 1495.21") < out.index("Kjeden for 1495.45")
    post_45 = out[out.index("Kjeden for 1495.45"):]
    line_2020 = " ".join(next(line for line in post_45.splitlines() if line.startswith("2020")).split())
    # carried in, allocated, accounted, adjustments, G, H, I, applied, decided, carried to 2021, lapsed
    assert line_2020 == ("2020 6 000 000 25 000 000 14 000 000 - 17 000 000 47 000 000 17 000 000 17 000 000 "
                         "15 000 000 15 000 000 2 000 000")
    assert "Kontinuitetskontroller: 52 kontroller, 0 feil, 0 advarsler" in out


def test_history_json(capsys):
    code, out, _ = run(capsys, "history", str(EXAMPLE), "--format", "json", "--lang", "en")
    data = json.loads(out)
    assert code == 0 and data["summary"]["ok"] is True
    assert data["posts"][1]["years"][3]["transferable"] == -500_000  # the negative transfer on 1495.21
    assert data["findings"][0]["message"].startswith("1495.01: carried over into 2021")


def test_history_exits_1_on_an_error_finding(capsys, tmp_path):
    copy = tmp_path / "history"
    shutil.copytree(EXAMPLE, copy)
    text = (copy / "2022.toml").read_text(encoding="utf-8")
    (copy / "2022.toml").write_text(text.replace("carried_over = 21_000_000", "carried_over = 22_000_000"),
                                    encoding="utf-8")
    code, out, _ = run(capsys, "history", str(copy))
    assert code == 1
    assert "Kontinuitetskontroller: 52 kontroller, 2 feil, 0 advarsler" in out
    assert "history.carried-equals-decided" in out and "2022.toml:26:10" in out


def test_history_fills_the_savings_from_the_schedules(capsys, tmp_path):
    copy = tmp_path / "history"
    shutil.copytree(EXAMPLE, copy)
    text = (copy / "2024.toml").read_text(encoding="utf-8")
    (copy / "2024.toml").write_text(text.replace('[[saving]]\naccount = "1495.21"\namount = 600_000\n', ""),
                                    encoding="utf-8")
    code, out, _ = run(capsys, "history", str(copy), "--format", "json")
    assert code == 1 and json.loads(out)["summary"]["errors"] == 1  # the 2023 advance is behind in 2024
    code, out, _ = run(capsys, "history", str(copy), "--format", "json", "--fill-savings")
    data = json.loads(out)
    assert code == 0 and data["savings"]["schedules"][1]["years"][0]["saved"] == 500_000


def test_application_in_text_markdown_and_csv(capsys):
    code, out, _ = run(capsys, "application", str(EXAMPLE))
    assert code == 0 and "søknad om overføring av ubrukt bevilgning fra 2024 til 2025" in out
    code, out, _ = run(capsys, "application", str(EXAMPLE), "--year", "2020", "--format", "csv")
    assert code == 0
    assert out.splitlines()[3] == ("149545,Større utstyrsanskaffelser og vedlikehold,kan overføres,47000000,17000000,"
                                   "17000000,\"Nytt saksbehandlingssystem: kontrakt signert i desember 2020, levering "
                                   "2021–2022.\"")
    code, out, _ = run(capsys, "application", str(EXAMPLE), "-f", "markdown")
    assert code == 0 and out.startswith("### Eksempeldirektoratet")


@pytest.mark.parametrize("argv", [
    ["application", str(EXAMPLE), "--year", "2019"],
    ["history", str(EXAMPLE / "missing")],
    ["history", str(EXAMPLE / "2020.toml"), str(EXAMPLE / "2022.toml")],
])
def test_unusable_input_exits_2_with_a_message(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.strip()


def test_warnings_go_to_stderr(capsys):
    code, out, err = run(capsys, "history", str(EXAMPLE / "2023.toml"), str(EXAMPLE / "2024.toml"),
                         str(EXAMPLE / "transfers.toml"))
    assert code == 0 and "Kjeden for 1495.01" in out
    assert "warning: the transfer from 2020 is outside the history (2023–2024) and is not used" in err


def test_the_readme_commands_print_the_chain(capsys, monkeypatch):
    """The history commands shown in the README run from the top of the repository."""
    repository = EXAMPLE.parents[1]
    monkeypatch.chdir(repository)
    readme = (repository / "README.md").read_text(encoding="utf-8")
    commands = [line.split("#")[0].split() for line in readme.splitlines()
                if line.startswith(("statsbudsjett history", "statsbudsjett application"))]
    assert [c[:3] for c in commands] == [["statsbudsjett", "history", "examples/history-five-years"],
                                         ["statsbudsjett", "application", "examples/history-five-years"]]
    code, out, _ = run(capsys, *commands[0][1:])
    assert code == 0 and "Kjeden for 1495.45" in out and "Aldring av midler på 1495.45" in out
    code, out, _ = run(capsys, *commands[1][1:])
    assert code == 0 and out.startswith("Kapittel og post,Posttekst")
