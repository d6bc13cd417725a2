"""One validation pass over an agency-year, whatever built it (a file, open data, Python code).

As beancount validates its entries after parsing, :func:`validate` applies every input
rule to the model and returns findings — rule id, severity, message, the key path of
the value in format v1 and, for a year read from a file, where it stands. Readers
report *format* errors (a float, a malformed account); the rules of the regulations
(references, splits, the 5 % limits per post, rammer, the balance, …) are judged here
only, declared once in :mod:`statsbudsjett.rules.registry`.

>>> import statsbudsjett as sb
>>> [f.rule for f in sb.validate(sb.load_example()) if f.severity.value != "info"]
['rules.overspend']
"""

from .run import CHECKS, InvalidYearError, problem, require_valid, validate

__all__ = ["CHECKS", "InvalidYearError", "problem", "require_valid", "validate"]
