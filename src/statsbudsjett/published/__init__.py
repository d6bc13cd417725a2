"""A published annual report as data: every printed figure, where it stands, and what it is.

:mod:`.report` holds the model, :mod:`.layout` the fixed lines of the artskontorapportering,
:mod:`.from_year` the figures an agency-year prints. Pure: the file format is read and written
by :mod:`statsbudsjett.io.published_reader` and :mod:`statsbudsjett.io.published_writer`.
"""

from .from_year import publish
from .report import Figure, PublishedReport, RevenueLink, Row, RowKind, Table, TableKind

__all__ = ["Figure", "PublishedReport", "RevenueLink", "Row", "RowKind", "Table", "TableKind", "publish"]
