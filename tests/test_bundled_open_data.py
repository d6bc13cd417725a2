"""The bundled open-data example is what the fixture generator writes, and imports to Digdir 2021."""

from __future__ import annotations

import zipfile

from opendata_fixtures import APPROPRIATIONS_HEADER, LEDGER_HEADER, csv_bytes, digdir_2021
from statsbudsjett import example_path, import_agency_year

FOLDER = example_path("digdir-2021/open-data/digdir-facts-2021.toml").parent


def test_the_bundled_files_are_the_generated_ones():
    data = digdir_2021()
    with zipfile.ZipFile(FOLDER / "statsregnskapet_aar_2021.zip") as archive:
        assert archive.namelist() == ["statsregnskapet_aar_2021.csv"]
        assert archive.read("statsregnskapet_aar_2021.csv") == csv_bytes(LEDGER_HEADER, data.ledger_rows)
    assert (FOLDER / "bevilgninger_full_historikk.csv").read_bytes() == csv_bytes(
        APPROPRIATIONS_HEADER, data.appropriation_rows)
    assert (FOLDER / "digdir-facts-2021.toml").read_text(encoding="utf-8") == data.facts_toml


def test_the_bundled_files_import_to_digdir_2021():
    result = import_agency_year("991825827", 2021, ledger=FOLDER / "statsregnskapet_aar_2021.zip",
                                appropriations=FOLDER / "bevilgninger_full_historikk.csv",
                                facts=FOLDER / "digdir-facts-2021.toml")
    assert result.errors == ()
    assert result.year == digdir_2021().expected
