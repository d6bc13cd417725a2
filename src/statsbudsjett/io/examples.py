"""The bundled example: Digdir's raw inputs for 2021 (``examples/digdir-2021/``)."""

from __future__ import annotations

from pathlib import Path

from ..model import AgencyYear
from .input_reader import load_agency_year

__all__ = ["example_path", "load_example"]


def example_path(name: str = "digdir-2021/inputs.toml") -> Path:
    """The path of a bundled example file.

    Installed wheels carry ``examples/`` as ``statsbudsjett/_examples``; in a source
    checkout (editable install) the top-level ``examples/`` is used. The package is installed
    as files (a wheel, never a zip), so its own path finds them: importlib.resources would cost
    a fifth of the command's start-up.
    """
    package = Path(__file__).resolve().parents[1]
    bundled = package / "_examples" / name
    if bundled.is_file():
        return bundled
    checkout = package.parents[1] / "examples" / name
    if checkout.is_file():
        return checkout
    raise FileNotFoundError(f"the example {name!r} is not installed; reinstall statsbudsjett")


def load_example() -> AgencyYear:
    """Digdir's 2021 agency-year, the public reference case."""
    return load_agency_year(example_path())
