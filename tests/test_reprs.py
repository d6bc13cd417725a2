"""The package's attrs classes share one ``__repr__`` (statsbudsjett.reprs), and it writes what attrs would.

Every attrs class of the package is found by walking its modules; each must use the shared
``field_repr`` or define its own ``__repr__``. The text is compared with attrs' own on the
real objects of the Digdir example (the agency-year, its three statements, verify's findings
and the published report): for each object a twin class is made by attrs with its generated
``__repr__`` and the same fields, and the two texts must be equal.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs
import pytest

import statsbudsjett
from statsbudsjett import appropriation_report, load_example, note_a, note_b, verify
from statsbudsjett.io.examples import example_path
from statsbudsjett.reprs import field_repr


def _attrs_classes() -> list[type]:
    classes: dict[str, type] = {}
    for module in pkgutil.walk_packages(statsbudsjett.__path__, "statsbudsjett."):
        if module.name == "statsbudsjett.__main__":
            continue  # runs the command line
        loaded = importlib.import_module(module.name)
        for value in vars(loaded).values():
            if isinstance(value, type) and attrs.has(value) and value.__module__ == module.name:
                classes[f"{value.__module__}.{value.__qualname__}"] = value
    return list(classes.values())


ATTRS_CLASSES = _attrs_classes()


def test_the_walk_finds_the_model_statements_findings_and_adapters():
    names = {c.__qualname__ for c in ATTRS_CLASSES}
    assert {"ExpenseLine", "AgencyYear", "NoteB", "Finding", "PublishedReport", "TableLayout"} <= names
    assert len(ATTRS_CLASSES) >= 70


@pytest.mark.parametrize("cls", ATTRS_CLASSES, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_every_attrs_class_uses_the_shared_repr_or_its_own(cls: type):
    own = vars(cls).get("__repr__")
    assert own is not None, f"{cls.__qualname__}: set __repr__ = field_repr in its body (statsbudsjett.reprs)"
    if own is not field_repr:
        assert own.__qualname__ == f"{cls.__qualname__}.__repr__", "a repr written for the class, not attrs'"


def _attrs_objects(value: Any, seen: set[int]) -> Iterator[Any]:
    """Every attrs instance reachable from ``value`` through fields, dicts and other collections."""
    if id(value) in seen:
        return
    seen.add(id(value))
    if attrs.has(type(value)):
        yield value
        for a in attrs.fields(type(value)):
            yield from _attrs_objects(getattr(value, a.name), seen)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _attrs_objects(key, seen)
            yield from _attrs_objects(item, seen)
    elif isinstance(value, Iterable) and not isinstance(value, (str, bytes)):  # tuples, a statement's rows
        for item in value:
            yield from _attrs_objects(item, seen)


def _attrs_repr(value: Any) -> str:
    """What attrs' generated ``__repr__`` writes for ``value``: a twin class made by attrs, the same fields."""
    cls = type(value)
    fields = attrs.fields(cls)
    twin = attrs.make_class(cls.__name__, {a.name: attrs.field(repr=a.repr) for a in fields}, frozen=True)
    twin.__qualname__ = cls.__qualname__
    return repr(twin(*(getattr(value, a.name) for a in fields)))


def _digdir_objects() -> list[Any]:
    year = load_example()
    published = statsbudsjett.read_published(example_path("digdir-2021/published.toml"))
    roots = [year, appropriation_report(year), note_a(year), note_b(year), verify(published), published]
    seen: set[int] = set()
    objects = (obj for root in roots for obj in _attrs_objects(root, seen))
    return [obj for obj in objects if vars(type(obj)).get("__repr__") is field_repr]


def test_the_shared_repr_writes_what_attrs_writes_on_every_object_of_the_digdir_example():
    objects = _digdir_objects()
    kinds = {type(o).__qualname__ for o in objects}
    assert {"AgencyYear", "ExpenseLine", "RevenueAuthorisation", "NoteB", "NoteBRow", "Finding", "Term"} <= kinds
    for obj in objects:
        assert repr(obj) == _attrs_repr(obj)


def test_a_field_declared_repr_false_is_left_out():
    line = load_example().expense[0]
    assert line.source is not None
    assert "source=" not in repr(line)
    assert repr(line).startswith("ExpenseLine(account=Account('540.01'), text='Driftsutgifter', ")
