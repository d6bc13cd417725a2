"""TOML documents that remember where each key and value stands.

``tomllib`` parses (and rejects bad syntax); it does not keep positions. A small
scanner then walks the same, already valid, text and records the line and column of
every key and value, addressed by key path: ``("expense", "540.01", "allocated")``,
``("chargeback", 0, "used")``, ``("revenue_authorisation", 0, "income", 1)``.
Positions are kept as character offsets (an ``int`` each, lines and columns are
computed when a message needs them) so that a file of 100 000 posts stays small.
Nothing in the file is executed: TOML is data only.
"""

from __future__ import annotations

import bisect
import re
import sys
import tomllib
from array import array
from pathlib import Path
from typing import Any, Final

from attrs import frozen

from ..errors import InputError, Location, Problem, UsageError
from ..findings import KeyPath
from ..reprs import field_repr

__all__ = ["KeyPath", "TomlDocument", "read_toml"]

Offset = int  # a character offset into the text

_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")
# tomllib's "(at line 3, column 5)": only a syntax error needs it, so re compiles it on first use
_SYNTAX_POSITION: Final = r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)"
_SCALAR_END: Final = re.compile(r"[,\]\}\n#]")
_BLANK: Final = re.compile(r"(?:[ \t\r]+|#[^\n]*)*")
_BLANK_LINES: Final = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")

# tomllib's messages, by how they start → what a person is told, and how to fix it.
_SYNTAX_MESSAGES: Final = (
    ("Illegal character '\\n'", "a string has no closing quote",
     'end the text with " on the same line, or use """…""" for text over several lines'),
    ("Unterminated string", "a string has no closing quote", 'end the text with "'),
    ("Expected '=' after a key", "expected `=` after the key",
     'write key = value, e.g. allocated = 164423000; quote keys with spaces or dots'),
    ("Invalid value", "this is not a TOML value",
     'put text in quotes (text = "Driftsutgifter"); write amounts as integers (164423000) '
     'or as strings with øre ("1234.50")'),
    ("Expected newline or end of document", "unexpected text after the value",
     'one key = value per line; write amounts without spaces or commas (164423000), '
     'or as a string ("164 423 000,50")'),
    ("Cannot declare", "this table is declared twice", "write each [table] once: merge the two"),
    ("Cannot mutate immutable namespace", "this table was already given in full as an inline table",
     "write the table either as { … } or as [table] lines, not both"),
    ("Cannot redefine namespace", "this name is already used for an array of tables or a value",
     "use a different name or merge the entries"),
    ("Cannot overwrite a value", "this key is given twice", "write each key once per table: remove one"),
    ("Duplicate inline table key", "a key is given twice inside { … }", "write each key once"),
    ("Expected ']' at the end of a table declaration", "the table header is not closed",
     'end it with ], e.g. [expense."540.01"]'),
    ("Expected ']]' at the end of an array declaration", "the array-of-tables header is not closed",
     "end it with ]], e.g. [[chargeback]]"),
    ("Unclosed array", "an array has no closing ]", 'close it, e.g. keywords = ["kan overføres"]'),
    ("Unclosed inline table", "an inline table has no closing }",
     "close it; an inline table { … } must be written on one line"),
    ("Invalid statement", "this line is neither key = value nor a [table] header",
     'quote keys with dots or spaces, e.g. [expense."540.01"]'),
    ("Invalid initial character for a key part", "a key cannot start here",
     'quote keys with dots or spaces, e.g. [expense."540.01"]'),
    ("Unescaped '\\'", 'a backslash in a "…" string must be doubled',
     "write \\\\ or use a 'literal string' in single quotes"),
    ("Illegal character", "the text holds a control character", "remove it"),
    ("Found invalid character", "a character that is not allowed here",
     "check the quotes, brackets and commas on this line"),
    ("Invalid date or datetime", "this is not a valid date", "a year is written as a plain integer, e.g. 2021"),
    ("Invalid hex value", "this is not a valid \\u escape", "write the character itself in UTF-8"),
    ("Escaped character is not a Unicode scalar value", "this is not a valid \\u escape",
     "write the character itself in UTF-8"),
)
_TWICE: Final = ("Cannot declare", "Cannot overwrite a value")


@frozen
class TomlDocument:
    """A parsed TOML file with the position of every key and value."""

    __repr__ = field_repr

    data: dict[str, Any]
    file: str
    lines: tuple[str, ...]
    key_positions: dict[KeyPath, Offset]
    value_positions: dict[KeyPath, Offset]
    line_starts: array[int]  # the offset where each line starts

    def location(self, path: KeyPath, *, key: bool = False) -> Location:
        """Where the value (or with ``key=True`` the key) at ``path`` stands.

        Falls back to the nearest enclosing table that has a position, and for the
        document itself to its first key (line 1 when it has none).
        """
        positions = self.key_positions if key else self.value_positions
        probe = path
        while probe:
            found = positions.get(probe)
            if found is None:
                found = self.key_positions.get(probe)
            if found is not None:
                return self._at(found)
            probe = probe[:-1]
        if not self.lines:
            return Location(self.file)
        return self._at(min(self.key_positions.values(), default=0))

    def _at(self, offset: Offset) -> Location:
        line = bisect.bisect_right(self.line_starts, offset)  # 1-based: the last line start <= offset
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else None
        return Location(self.file, line, offset - self.line_starts[line - 1] + 1, text)


def read_toml(source: str | Path | bytes, *, file: str | None = None) -> TomlDocument:
    """Read a TOML file (a path) or TOML text/bytes; raise :class:`InputError` when unusable.

    ``file`` names the input in messages (default: the path, or ``<input>`` for text).
    An empty file is refused; a file of comments only gives an empty document.
    """
    if isinstance(source, Path):
        name = file or str(source)
        try:
            raw = source.read_bytes()
        except OSError as error:
            raise InputError([Problem(
                f"cannot read the file: {error.strerror or error}",
                Location(name),
                hint="check the path and that the file is readable",
            )]) from None
    elif isinstance(source, str | bytes):
        name = file or "<input>"
        raw = source.encode("utf-8", errors="surrogatepass") if isinstance(source, str) else source
    else:
        raise UsageError(f"read_toml: expected a path, TOML text or bytes, not {type(source).__name__}")
    if raw.startswith(_ZIP_MAGIC):
        raise InputError([Problem(
            "this is a zip or Excel workbook (.xlsx), not a TOML text file",
            Location(name, 1, 1, ""),
            found="the bytes PK\\x03\\x04 that start a zip archive",
            hint=_NOT_TOML_HINT,
        )])
    try:
        text = _decode(raw, name)
    except InputError:
        sniffed = _delimited(_sniffed_text(raw))  # a CSV saved in Windows-1252 or UTF-16 is not UTF-8
        if sniffed is None:
            raise
        raise InputError([_delimited_problem(sniffed, name)]) from None
    if not text.strip():
        raise InputError([Problem(
            "the file is empty", Location(name),
            hint='start with its format line: format = "statsbudsjett/1" for raw inputs, '
                 'format = "statsbudsjett/published-1" for a published report',
        )])
    # TOML ends lines at \n only; str.splitlines would also split at U+2028 and others.
    lines = tuple(line.removesuffix("\r") for line in text.split("\n"))
    if lines and lines[-1] == "":
        lines = lines[:-1]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError([_syntax_problem(error, name, text, lines)]) from None
    scanner = _Scanner(text)
    try:
        scanner.scan()
    except (IndexError, ValueError):  # pragma: no cover - positions are best effort
        pass
    return TomlDocument(data, name, lines, scanner.keys, scanner.values, scanner.line_starts)


def _decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        start = raw.rfind(b"\n", 0, error.start) + 1
        end = raw.find(b"\n", error.start)
        line = raw.count(b"\n", 0, error.start) + 1
        before = raw[start : error.start].decode("utf-8", errors="replace")
        shown = raw[start : len(raw) if end < 0 else end].decode("utf-8", errors="replace").removesuffix("\r")
        raise InputError([Problem(
            "the file is not UTF-8 text",
            Location(name, line, len(before) + 1, shown),
            expected="text encoded as UTF-8",
            found=f"the byte 0x{raw[error.start]:02x} (Latin-1 or Windows-1252 text?)",
            hint="save the file as UTF-8 (in Excel: “CSV UTF-8”; in an editor: encoding UTF-8)",
        )]) from None
    return text.removeprefix("\ufeff")


def _syntax_problem(error: tomllib.TOMLDecodeError, name: str, text: str, lines: tuple[str, ...]) -> Problem:
    delimited = _delimited(text)
    if delimited is not None:  # a CSV file saved from Excel, given where TOML is expected
        return _delimited_problem(delimited, name)
    raw = str(error)
    match = re.search(_SYNTAX_POSITION, raw)
    parser_message = raw[: match.start()] if match else raw
    if match and match[1]:
        line, column = int(match[1]), int(match[2])
    elif lines:  # at the end of the document
        line, column = len(lines), len(lines[-1]) + 1
    else:
        line, column = 1, 1
    message, hint = f"TOML syntax: {parser_message}", "check quotes, brackets and that each key is written once"
    for start, said, remedy in _SYNTAX_MESSAGES:
        if parser_message.startswith(start):
            message, hint = f"TOML syntax: {said}", remedy
            break
    if parser_message.startswith(_TWICE):
        column, first = _first_written(text, line)
        if first is not None:
            hint = f"first written on line {first}; {hint}"
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    return Problem(message, Location(name, line, column, shown), hint=hint)


_ZIP_MAGIC: Final = b"PK\x03\x04"  # a zip archive; an .xlsx workbook is one
_NOT_TOML_HINT: Final = ("write the figures in TOML: raw inputs in format v1 (docs/input-format.md), "
                          "a printed report in statsbudsjett/published-1 (docs/published-format.md)")


def _delimited(text: str) -> tuple[int, str, str] | None:
    """When ``text`` looks like delimited data (CSV): the number of its first line, that line
    and what separates the fields; else None.

    The first line that is not blank or a ``#`` comment holds no ``=`` and two or more ``;``,
    two or more ``,`` or a tab. Asked only of text that is not valid TOML.
    """
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if "=" in line:
            return None
        counts = {'";"': line.count(";"), '","': line.count(","), "tabs": line.count("\t")}
        found = [(count, name) for name, count in counts.items()
                 if count >= (1 if name == "tabs" else 2)]
        if not found:
            return None
        return number, line.removesuffix("\r"), max(found)[1]
    return None


def _delimited_problem(delimited: tuple[int, str, str], name: str) -> Problem:
    number, line, separator = delimited
    return Problem(
        f"this looks like a CSV file (fields separated by {separator}); the input is a TOML text file",
        Location(name, number, 1, line),
        hint=_NOT_TOML_HINT,
    )


def _sniffed_text(raw: bytes) -> str:
    """Text that is not UTF-8, decoded as Excel saves CSV: UTF-16 with a byte-order mark, or Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace").removeprefix("\ufeff")
    return raw.decode("cp1252", errors="replace")


def _first_written(text: str, line: int) -> tuple[int, int | None]:
    """For a key or table written twice: where it starts on ``line`` and the line it was first written on."""
    scanner = _Scanner("\n".join(text.split("\n")[:line]), keep_order=True)
    try:
        scanner.scan()
    except (IndexError, ValueError):
        pass  # the line itself is what tomllib rejected; what was recorded before it is enough
    order = [(path, scanner.line_column(offset)) for path, offset in scanner.order]
    on_line = [(path, column) for path, (at, column) in order if at == line]
    if not on_line:
        return 1, None
    path, column = on_line[0]
    earlier = [at for other, (at, _) in order if other == path and at < line]
    return column, (earlier[0] if earlier else None)


class _Scanner:
    """Walks valid TOML text and records key and value positions by key path."""

    def __init__(self, text: str, *, keep_order: bool = False) -> None:
        self.text = text
        self.pos = 0
        self.keys: dict[KeyPath, Offset] = {}
        self.values: dict[KeyPath, Offset] = {}
        self.keep_order = keep_order
        self.order: list[tuple[KeyPath, Offset]] = []  # with keep_order: every key and header, duplicates too
        self.array_index: dict[KeyPath, int] = {}
        self.line_starts = array("q", [0, *(m.end() for m in re.finditer("\n", text))])

    def line_column(self, offset: Offset) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos : self.pos + n]

    def skip_blank(self, newlines: bool) -> None:
        """Skip spaces and comments (and line ends when ``newlines``)."""
        blank = _BLANK_LINES if newlines else _BLANK
        match = blank.match(self.text, self.pos)
        assert match is not None  # both patterns match the empty string
        self.pos = match.end()

    # -- structure ------------------------------------------------------------
    def scan(self) -> None:
        prefix: KeyPath = ()
        while True:
            self.skip_blank(newlines=True)
            if self.pos >= len(self.text):
                return
            if self.peek() == "[":
                prefix = self.header()
            else:
                self.key_value(prefix)

    def header(self) -> KeyPath:
        array = self.peek(2) == "[["
        self.pos += 2 if array else 1
        names = self.key()
        self.skip_blank(newlines=False)
        self.pos += 2 if array else 1
        resolved: list[str | int] = []
        for i, (name, position) in enumerate(names):
            resolved.append(name)
            last = i == len(names) - 1
            if tuple(resolved) in self.array_index and not (last and array):
                resolved.append(self.array_index[tuple(resolved)])
            self.keys.setdefault(tuple(resolved), position)
            self.values.setdefault(tuple(resolved), position)
        if array:
            path = tuple(resolved)
            index = self.array_index.get(path, -1) + 1
            self.array_index[path] = index
            resolved.append(index)
        path = tuple(resolved)
        position = names[-1][1]
        self.keys.setdefault(path, position)
        self.values.setdefault(path, position)
        if self.keep_order:
            self.order.append((path, position))
        return path

    def key(self) -> list[tuple[str, Offset]]:
        """A (dotted) key: each part with where it stands."""
        names = []
        while True:
            self.skip_blank(newlines=False)
            position = self.pos
            if self.peek() in "\"'":
                names.append((sys.intern(self.string_value()), position))
            else:
                match = _BARE_KEY.match(self.text, self.pos)
                if not match:
                    raise ValueError("no key")
                names.append((sys.intern(match.group()), position))
                self.pos = match.end()
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return names
            self.pos += 1

    def key_value(self, prefix: KeyPath) -> None:
        names = self.key()
        path = prefix
        for name, position in names:  # a dotted key also places the tables it opens
            path = (*path, name)
            self.keys.setdefault(path, position)
        self.keys[path] = names[-1][1]
        if self.keep_order:
            self.order.append((path, names[-1][1]))
        self.skip_blank(newlines=False)
        self.pos += 1  # '='
        self.skip_blank(newlines=False)
        self.value(path)

    def value(self, path: KeyPath) -> None:
        self.values[path] = self.pos
        c = self.peek()
        if c in "\"'":
            self.string_value()
        elif c == "[":
            self.pos += 1
            index = 0
            while True:
                self.skip_blank(newlines=True)
                if self.peek() == "]":
                    self.pos += 1
                    return
                self.value((*path, index))
                index += 1
                self.skip_blank(newlines=True)
                if self.peek() == ",":
                    self.pos += 1
        elif c == "{":
            self.pos += 1
            while True:
                self.skip_blank(newlines=False)
                if self.peek() == "}":
                    self.pos += 1
                    return
                self.key_value(path)
                self.skip_blank(newlines=False)
                if self.peek() == ",":
                    self.pos += 1
        else:
            match = _SCALAR_END.search(self.text, self.pos)
            self.pos = match.start() if match else len(self.text)

    def string_value(self) -> str:
        """Skip a string of any of TOML's four kinds and return its value (exact for keys)."""
        quote = self.peek()
        if self.peek(3) == quote * 3:
            i = self.pos + 3
            while self.text[i : i + 3] != quote * 3:
                i += 2 if quote == '"' and self.text[i] == "\\" else 1
                if i >= len(self.text):
                    raise ValueError("unterminated string")
            while self.text[i + 3 : i + 4] == quote:  # up to two quotes may close it
                i += 1
            raw = self.text[self.pos + 3 : i]
            self.pos = i + 3
            return raw
        if quote == "'":
            end = self.text.index("'", self.pos + 1)
            raw = self.text[self.pos + 1 : end]
            self.pos = end + 1
            return raw
        i = self.pos + 1
        while self.text[i] != '"':
            i += 2 if self.text[i] == "\\" else 1
        raw = self.text[self.pos + 1 : i]
        self.pos = i + 1
        if "\\" not in raw:
            return raw
        parsed: str = tomllib.loads(f'k = "{raw}"')["k"]  # resolve escapes exactly as TOML does
        return parsed
