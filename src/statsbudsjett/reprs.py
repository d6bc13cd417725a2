"""One ``__repr__`` for the package's attrs classes.

attrs writes and compiles a ``__repr__`` for every class it builds; at import that is about a
third of the cost of creating a class, and the command line creates some thirty before it can
print Note B (docs/performance.md, "CLI cold start"). Every attrs class of the package sets
``__repr__ = field_repr`` in its body instead (attrs then generates none), and gets the same
text attrs would write: ``ExpenseLine(account=Account('540.01'), allocated=Money('…'), …)``,
the fields declared with ``repr=False`` left out. ``tests/test_reprs.py`` keeps every class on it.
"""

from __future__ import annotations

from typing import cast

import attrs

__all__ = ["field_repr"]


def field_repr(self: object) -> str:
    """``ClassName(field=value, …)``: the fields of ``self``'s attrs class that have ``repr`` set."""
    cls = cast("type[attrs.AttrsInstance]", type(self))  # every class that sets it is an attrs class
    shown = (
        f"{a.name}={(a.repr if callable(a.repr) else repr)(getattr(self, a.name))}"
        for a in attrs.fields(cls)
        if a.repr
    )
    return f"{cls.__qualname__}({', '.join(shown)})"
