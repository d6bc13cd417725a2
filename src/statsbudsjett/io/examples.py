"""The bundled example: Digdir's raw inputs for 2021 (``examples/digdir-2021/``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..model import AgencyYear
from .input_reader import load_agency_year

__all__ = ["example_path", "load_example"]


def example_path(name: str = "digdir-2021/inputs.toml") -> Path:
    """The path of a bundled example file.

    Installed wheels carry ``examples/`` as ``statsbudsjett/_examples``; in a source
    checkout (editable install) the top-level ``examples/`` is used.
    """
    bundled = resources.files("statsbudsjett").joinpath("_examples", name)
    if bundled.is_file():
        return Path(str(bundled))
    checkout = Path(__file__).resolve().parents[3] / "examples" / name
    if checkout.is_file():
        return checkout
    raise FileNotFoundError(f"the example {name!r} is not installed; reinstall statsbudsjett")


def load_example() -> AgencyYear:
    """Digdir's 2021 agency-year, the public reference case."""
    return load_agency_year(example_path())
