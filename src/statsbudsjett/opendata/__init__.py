"""DFØ's open data and the budget tables as records, and the agency-year built from them.

The readers of the files are adapters (:mod:`statsbudsjett.io`); this package holds what
is pure: the records and the rules that turn them into an
:class:`~statsbudsjett.model.AgencyYear`. Walk-through: ``docs/import.md``.
"""
