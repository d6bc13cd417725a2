"""Fuzzing the loader: mutated example files and random TOML documents.

The only outcomes allowed are an agency-year or the library's own InputError whose
problems all name the file and a line — never another exception, never a hang — and
when a file loads, nothing in it was dropped.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import re
import signal
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from statsbudsjett import AgencyYear, InputError
from statsbudsjett.account import Account
from statsbudsjett.io.input_reader import load_agency_year
from statsbudsjett.io.input_writer import dump
from statsbudsjett.io.toml_document import KeyPath, read_toml
from statsbudsjett.money import Money
from strategies import valid_agency_years

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "digdir-2021" / "inputs.toml"
EXAMPLE_LINES = EXAMPLE.read_text(encoding="utf-8").split("\n")
FILE = "inputs.toml"
SECONDS = 10  # far above the few milliseconds a load takes: only a hang gets here


@contextlib.contextmanager
def no_hang() -> Iterator[None]:
    """Fail the example instead of hanging (where the platform has SIGALRM)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def stop(*_: object) -> None:
        raise TimeoutError(f"the loader ran for more than {SECONDS} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_outcome(text: str | bytes) -> AgencyYear | None:
    """Load; the outcome must be a year or an InputError whose problems are all located."""
    with no_hang():
        try:
            year = load_agency_year(text, file=FILE)
        except InputError as error:
            has_lines = bool(text.strip())
            assert error.errors
            for problem in error.problems:
                assert problem.location.file == FILE, problem.render()
                if has_lines:
                    assert problem.location.line is not None and problem.location.column is not None, problem.render()
                    assert problem.location.text is not None, problem.render()
                problem.render()
            return None
    assert isinstance(year, AgencyYear)
    check_nothing_dropped(tomllib.loads(text.decode("utf-8") if isinstance(text, bytes) else text), year)
    return year


RECORDS = {
    "revenue_authorisation": "revenue_authorisations", "chargeback": "chargebacks",
    "reallocation": "reallocations", "saving": "savings", "commitment": "commitments",
    "capital_account": "capital_accounts",
}


def check_nothing_dropped(data: dict[str, Any], year: AgencyYear) -> None:
    """Every table, record and figure of the text is in the model."""
    for side, lines in (("expense", year.expense), ("income", year.income)):
        tables = data.get(side, {})
        assert [Account.parse(key) for key in tables] == [line.account for line in lines]
        for (key, table), line in zip(tables.items(), lines, strict=True):
            for name, value in table.items():
                if name in ("carried_over", "allocated", "previous_allocated", "accounted"):
                    assert getattr(line, name) == Money.kroner(value), f"{side}.{key}.{name}"
                elif name == "text":
                    assert line.text == value
    for name, attribute in RECORDS.items():
        assert len(data.get(name, [])) == len(getattr(year, attribute)), name
    assert len(data.get("chapter", {})) == len(year.chapter_names)
    assert ("treasury_balance" in data) == (year.treasury_balance is not None)
    assert year.agency == data["agency"] and year.fiscal_year == data["fiscal_year"]


# -- mutated versions of the Digdir example -------------------------------------------------
_VALUE = re.compile(r"^(\s*[\w\".-]+\s*=\s*)(.*)$")


@st.composite
def mutated_example(draw: st.DrawFn) -> str:
    lines = list(EXAMPLE_LINES)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["delete", "duplicate", "swap lines", "swap values", "character", "value"]))
        if how == "delete":
            del lines[index]
        elif how == "duplicate":
            lines.insert(index, lines[index])
        elif how == "swap lines":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif how == "swap values":
            assignments = [i for i, line in enumerate(lines) if _VALUE.match(line)]
            a, b = draw(st.sampled_from(assignments)), draw(st.sampled_from(assignments))
            match_a, match_b = _VALUE.match(lines[a]), _VALUE.match(lines[b])
            assert match_a and match_b
            lines[a], lines[b] = match_a[1] + match_b[2], match_b[1] + match_a[2]
        elif how == "character" and lines[index]:
            position = draw(st.integers(0, len(lines[index]) - 1))
            new = draw(st.sampled_from(['"', "'", "[", "]", "=", ".", ",", "-", "0", "9", " ", "#", "{", "\\", "x",
                                        "", "\t", "ø", "1.5", "\n"]))
            lines[index] = lines[index][:position] + new + lines[index][position + 1:]
        elif how == "value":
            match = _VALUE.match(lines[index])
            if match:
                value = draw(st.sampled_from([
                    "1234.5", '"1234.505"', '"abc"', "-5", "0", "true", "[]", "{}", '"540-01"', '"3540.03"',
                    "1e30", "10000000000000000000", '""', '"kan overføre"', "2021-01-01", '["540.01", "540.1"]',
                ]))
                lines[index] = match[1] + value
    return "\n".join(lines)


@settings(max_examples=150)
@given(mutated_example())
def test_mutated_example_gives_a_year_or_located_errors(text):
    check_outcome(text)


def test_the_unmutated_example_loads_whole():
    assert check_outcome("\n".join(EXAMPLE_LINES)) is not None


@settings(max_examples=40)
@given(st.binary(max_size=200), st.integers(0, len(EXAMPLE_LINES) * 40))
def test_random_bytes_spliced_into_the_example(noise, at):
    raw = "\n".join(EXAMPLE_LINES).encode("utf-8")
    check_outcome(raw[:at] + noise + raw[at:])


# -- random TOML documents -------------------------------------------------------------------
KEYS = st.sampled_from([
    "format", "agency", "fiscal_year", "ministry", "chapter", "expense", "income", "revenue_authorisation",
    "chargeback", "reallocation", "saving", "commitment", "capital_account", "treasury_balance", "text",
    "keywords", "carried_over", "allocated", "accounted", "previous_allocated", "direction", "account", "used",
    "limit", "kind", "from", "to", "amount", "number", "closing", "opening", "allocation", "commitments",
    "540.01", "3540.03", "540", "01", "540-01", "a b", "æøå", "", "x\ty", 'q"uote', "1633.01",
]) | st.text(max_size=6)

SCALARS = (
    st.integers(-10**20, 10**20)
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.text(max_size=12)
    | st.sampled_from(["statsbudsjett/1", "given", "received", "to_investment", "advance", "grant", "order",
                       "kan overføres", "540.01", "3540.03", "1234.50", "60090701"])
    | st.dates()
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
                      max_leaves=8)
ANY_DOCUMENT = st.dictionaries(KEYS, VALUES, max_size=6)


@st.composite
def v1_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A generated agency-year as TOML data, with up to three keys replaced, removed or added."""
    data: dict[str, Any] = tomllib.loads(dump(draw(valid_agency_years(max_posts=3))))
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(list(leaf_paths(data))))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(VALUES)
        elif action == "remove" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent.setdefault(draw(KEYS), draw(VALUES))
    return data


def toml_key(key: str, draw: st.DrawFn) -> str:
    if re.fullmatch(r"[A-Za-z0-9_-]+", key) and draw(st.booleans()):
        return key
    if not re.search(r"['\x00-\x08\x0a-\x1f\x7f]", key) and draw(st.booleans()):
        return f"'{key}'"
    return basic_string(key)


def basic_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_value(value: Any, draw: st.DrawFn) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return draw(st.sampled_from([str(value), f"{value:+d}"]))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        style = draw(st.sampled_from(["basic", "literal", "multi-basic", "multi-literal"]))
        if style == "literal" and "'" not in value and not re.search(r"[\x00-\x08\x0a-\x1f\x7f]", value):
            return f"'{value}'"
        if style == "multi-literal" and "'''" not in value and not value.endswith("'") and not re.search(
                r"[\x00-\x08\x0b-\x1f\x7f\r]", value):
            return f"'''{value}'''" if not value.startswith("\n") else f"'''\n{value}'''"
        if style == "multi-basic" and "\\" not in value:
            escaped = basic_string(value)[1:-1].replace("\\n", "\n")
            if not escaped.startswith("\n") and not escaped.endswith('"'):
                return f'"""{escaped}"""'
        return basic_string(value)
    if isinstance(value, list):
        separator = draw(st.sampled_from([", ", ",\n  ", " ,"]))
        comma = draw(st.sampled_from(["", ","])) if value else ""
        return "[" + separator.join(toml_value(v, draw) for v in value) + comma + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{toml_key(k, draw)} = {toml_value(v, draw)}" for k, v in value.items()) + "}"


def emit(data: dict[str, Any], draw: st.DrawFn, prefix: tuple[str, ...] = ()) -> list[str]:
    """TOML text for ``data``, in a style drawn per table: inline, [header] or [[array]]."""
    lines: list[str] = []
    later: list[tuple[str, Any]] = []
    for key, value in data.items():
        is_table = isinstance(value, dict)
        is_records = isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        if (is_table or is_records) and draw(st.booleans()):
            later.append((key, value))
        else:
            comment = draw(st.sampled_from(["", "  # kommentar"]))
            lines.append(f"{toml_key(key, draw)} = {toml_value(value, draw)}{comment}")
    for key, value in later:
        path = [*prefix, key]
        header = ".".join(toml_key(part, draw) for part in path)
        if isinstance(value, dict):
            lines += ["", f"[{header}]", *emit(value, draw, tuple(path))]
        else:
            for record in value:
                lines += ["", f"[[{header}]]", *emit(record, draw, tuple(path))]
    return lines


@st.composite
def toml_documents(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    data = draw(ANY_DOCUMENT | v1_documents())
    return "\n".join(emit(data, draw)) + "\n", data


def leaf_paths(value: Any, path: KeyPath = ()) -> Iterator[KeyPath]:
    if path:
        yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaf_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaf_paths(item, (*path, index))


@settings(max_examples=120)
@given(toml_documents())
def test_random_documents_give_a_year_or_located_errors(document):
    text, data = document
    assert tomllib.loads(text) == data, "the test's own TOML writer"
    if data:  # an empty file is refused before positions are recorded
        with no_hang():
            parsed = read_toml(text, file=FILE)
        missing = [path for path in leaf_paths(data) if path not in parsed.value_positions]
        assert missing == [], "every key and value has a position"
    check_outcome(text)
