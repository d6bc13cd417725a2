"""A file that is not TOML at all: a CSV saved from Excel, or the Excel workbook itself.

The golden messages are in ``tests/broken/csv-*.toml`` and ``xlsx-workbook.toml``
(checked by ``tests/test_errors.py``); this module checks the detection itself, through
the public readers only (``sb.load``, ``sb.read_published``).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import statsbudsjett as sb
from statsbudsjett.errors import InputError, Problem

CSV_MESSAGE = "this looks like a CSV file (fields separated by {}); the input is a TOML text file"
HINT = ("write the figures in TOML: raw inputs in format v1 (docs/input-format.md), "
        "a printed report in statsbudsjett/published-1 (docs/published-format.md)")


def problem(source: str | bytes | Path) -> Problem:
    with pytest.raises(InputError) as caught:
        sb.load(source, file="x.toml")
    assert len(caught.value.problems) == 1
    return caught.value.problems[0]


@pytest.mark.parametrize(
    ("text", "separator"),
    [
        ("Kapittel;Post;Tekst;Beløp\n540;01;Driftsutgifter;164423000\n", '";"'),
        ('"År";"Periode";"Kapittel"\n"2021";"12";"540"\n', '";"'),
        ("Kapittel,Post,Tekst,Beløp\n540,01,Driftsutgifter,164423000\n", '","'),
        ("Kapittel\tPost\tBeløp\n540\t01\t164423000\n", "tabs"),
        ("Kapittel\tPost\n540\t01\n", "tabs"),  # one tab is enough
        ("540;01;Drift, kan overføres;1234,50\n", '";"'),  # decimal commas: the most frequent separator wins
        ("\ufeffKapittel;Post;Beløp\r\n540;01;1\r\n", '";"'),  # Excel's "CSV UTF-8" starts with a BOM
    ],
)
def test_a_csv_given_as_toml_is_named_as_csv(text, separator):
    found = problem(text)
    assert found.message == CSV_MESSAGE.format(separator)
    assert found.hint == HINT
    assert (found.location.file, found.location.line, found.location.column) == ("x.toml", 1, 1)
    assert found.location.text == text.removeprefix("\ufeff").split("\n")[0].removesuffix("\r")


def test_the_line_shown_is_the_first_that_is_not_blank_or_a_comment():
    found = problem("\n\n# exported from the ledger\nKapittel;Post;Beløp\n540;01;1\n")
    assert found.message == CSV_MESSAGE.format('";"')
    assert (found.location.line, found.location.text) == (4, "Kapittel;Post;Beløp")


@pytest.mark.parametrize(
    ("raw", "separator"),
    [
        ('"År";"Periode";"Beløp"\r\n"2021";"12";"1,00"\r\n'.encode("cp1252"), '";"'),  # Excel's "CSV" in Norway
        ("Kapittel\tPost\tBeløp\r\n540\t01\t1\r\n".encode("utf-16"), "tabs"),  # Excel's "Unicode text"
    ],
)
def test_a_csv_that_is_not_utf8_is_named_as_csv_not_as_an_encoding_problem(raw, separator):
    found = problem(raw)
    assert found.message == CSV_MESSAGE.format(separator)
    assert found.location.line == 1 and found.location.text is not None and "Beløp" in found.location.text


def test_a_toml_file_in_latin1_is_still_an_encoding_problem():
    found = problem('format = "statsbudsjett/1"\nagency = "Åsen; Øvre, Nedre"\n'.encode("cp1252"))
    assert found.message == "the file is not UTF-8 text"


@pytest.mark.parametrize(
    "text",
    [
        "# a comment, with, commas; and; semicolons\nformat = \n",  # the comment is not a CSV header
        'agency = "A; B; C"\nthis is not toml\n',  # the first line holds `=`
        "Kapittel,Post\n540,01\n",  # a single comma: not enough to say CSV
        "[expense.\"540.01\"]\nallocated 5\n",
    ],
)
def test_a_broken_toml_file_is_not_mistaken_for_csv(text):
    assert problem(text).message.startswith("TOML syntax: ")


def test_valid_toml_with_separators_in_its_values_is_read():
    year = sb.load('format = "statsbudsjett/1"\nagency = "A; B; C"\nfiscal_year = 2021\n')
    assert year.agency == "A; B; C"


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as workbook:
        workbook.writestr("[Content_Types].xml", "<Types/>")
        workbook.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def test_an_excel_workbook_is_named_as_a_workbook(tmp_path):
    path = tmp_path / "regnskap.xlsx"
    path.write_bytes(xlsx_bytes())
    for source, name in ((xlsx_bytes(), "x.toml"), (path, "x.toml")):
        found = problem(source)
        assert found.message == "this is a zip or Excel workbook (.xlsx), not a TOML text file"
        assert found.hint == HINT
        assert (found.location.file, found.location.line, found.location.column) == (name, 1, 1)


def test_the_loader_and_the_published_reader_say_the_same(tmp_path):
    path = tmp_path / "regnskap.csv"
    path.write_text("Kapittel;Post;Tekst;Beløp\n540;01;Driftsutgifter;164423000\n", encoding="utf-8")
    for read in (sb.load, sb.read_published):
        with pytest.raises(InputError) as caught:
            read(path)
        assert [p.message for p in caught.value.problems] == [CSV_MESSAGE.format('";"')]
