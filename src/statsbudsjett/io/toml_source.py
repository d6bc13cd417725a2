"""TOML documents that remember where each key and value stands.

``tomllib`` parses (and rejects bad syntax); it does not keep positions. A small
scanner then walks the same, already valid, text and records the line and column of
every key and value, addressed by key path: ``("expense", "540.01", "allocated")``,
``("chargeback", 0, "used")``, ``("revenue_authorisation", 0, "income", 1)``.
Nothing in the file is executed: TOML is data only.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Final

from attrs import frozen

from ..errors import InputError, Location, Problem

__all__ = ["KeyPath", "TomlDocument", "read_toml"]

KeyPath = tuple[str | int, ...]

_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")
_SYNTAX_POSITION: Final = re.compile(r"\(at line (\d+), column (\d+)\)")
_SCALAR_END: Final = re.compile(r"[,\]\}\n#]")


@frozen
class TomlDocument:
    """A parsed TOML file with the position of every key and value."""

    data: dict[str, Any]
    file: str
    lines: tuple[str, ...]
    key_positions: dict[KeyPath, tuple[int, int]]
    value_positions: dict[KeyPath, tuple[int, int]]

    def location(self, path: KeyPath, *, key: bool = False) -> Location:
        """Where the value (or with ``key=True`` the key) at ``path`` stands.

        Falls back to the nearest enclosing table that has a position.
        """
        positions = self.key_positions if key else self.value_positions
        probe = path
        while probe:
            found = positions.get(probe) or self.key_positions.get(probe)
            if found:
                return self._at(*found)
            probe = probe[:-1]
        return Location(self.file)

    def _at(self, line: int, column: int) -> Location:
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else None
        return Location(self.file, line, column, text)


def read_toml(source: str | Path | bytes, *, file: str | None = None) -> TomlDocument:
    """Read a TOML file (a path) or TOML text/bytes; raise :class:`InputError` when unusable."""
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
    else:
        name = file or "<input>"
        raw = source.encode("utf-8") if isinstance(source, str) else source
    text = _decode(raw, name)
    if not text.strip():
        raise InputError([Problem(
            "the file is empty",
            Location(name, 1, 1, ""),
            expected='a TOML document starting with format = "statsbudsjett/1"',
            hint="see docs/input-format.md for a complete example",
        )])
    lines = tuple(text.splitlines())
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError([_syntax_problem(error, name, lines)]) from None
    keys: dict[KeyPath, tuple[int, int]] = {}
    values: dict[KeyPath, tuple[int, int]] = {}
    try:
        _Scanner(text, keys, values).scan()
    except (IndexError, ValueError):  # pragma: no cover - positions are best effort
        pass
    return TomlDocument(data, name, lines, keys, values)


def _decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        shown = raw.splitlines()[line - 1].decode("utf-8", errors="replace")
        raise InputError([Problem(
            "the file is not UTF-8 text",
            Location(name, line, column, shown),
            found=f"the byte 0x{raw[error.start]:02x}",
            hint="save the file as UTF-8 (in Excel: “CSV UTF-8”; in an editor: encoding UTF-8)",
        )]) from None
    return text.removeprefix("\ufeff")


def _syntax_problem(error: tomllib.TOMLDecodeError, name: str, lines: tuple[str, ...]) -> Problem:
    message = str(error)
    match = _SYNTAX_POSITION.search(message)
    location = Location(name)
    if match:
        line, column = int(match[1]), int(match[2])
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        location = Location(name, line, column, text)
        message = message[: match.start()].strip()
    hint = "check quotes, brackets and that each key is written once"
    if "Cannot declare" in message or "overwrite" in message.lower():
        hint = "each table and key may be written only once; merge the two entries"
    return Problem(f"TOML syntax: {message}", location, hint=hint)


class _Scanner:
    """Walks valid TOML text and records key and value positions by key path."""

    def __init__(
        self, text: str, keys: dict[KeyPath, tuple[int, int]], values: dict[KeyPath, tuple[int, int]]
    ) -> None:
        self.text = text
        self.pos = 0
        self.keys = keys
        self.values = values
        self.array_index: dict[KeyPath, int] = {}
        self.line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    # -- positions ------------------------------------------------------------
    def here(self, pos: int | None = None) -> tuple[int, int]:
        pos = self.pos if pos is None else pos
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:  # binary search: the last line start <= pos
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, pos - self.line_starts[lo] + 1

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos : self.pos + n]

    def skip_blank(self, newlines: bool) -> None:
        while self.pos < len(self.text):
            c = self.text[self.pos]
            if c in " \t\r" or (newlines and c == "\n"):
                self.pos += 1
            elif c == "#":
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end
            else:
                return

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
        start = self.here()
        array = self.peek(2) == "[["
        self.pos += 2 if array else 1
        names = self.key()
        self.skip_blank(newlines=False)
        self.pos += 2 if array else 1
        resolved: list[str | int] = []
        for i, name in enumerate(names):
            resolved.append(name)
            last = i == len(names) - 1
            if tuple(resolved) in self.array_index and not (last and array):
                resolved.append(self.array_index[tuple(resolved)])
        if array:
            path = tuple(resolved)
            index = self.array_index.get(path, -1) + 1
            self.array_index[path] = index
            resolved.append(index)
        path = tuple(resolved)
        self.keys.setdefault(path, start)
        self.values.setdefault(path, start)
        return path

    def key(self) -> list[str]:
        names = []
        while True:
            self.skip_blank(newlines=False)
            c = self.peek()
            if c in "\"'":
                names.append(self.string_value())
            else:
                match = _BARE_KEY.match(self.text, self.pos)
                if not match:
                    raise ValueError("no key")
                names.append(match.group())
                self.pos = match.end()
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return names
            self.pos += 1

    def key_value(self, prefix: KeyPath) -> None:
        key_start = self.here()
        names = self.key()
        path = prefix + tuple(names)
        self.keys[path] = key_start
        self.skip_blank(newlines=False)
        self.pos += 1  # '='
        self.skip_blank(newlines=False)
        self.value(path)

    def value(self, path: KeyPath) -> None:
        self.values[path] = self.here()
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
        quote = self.peek()
        if self.peek(3) == quote * 3:
            end = self.text.index(quote * 3, self.pos + 3)
            while self.text[end + 3 : end + 4] == quote:  # up to two quotes may close it
                end += 1
            raw = self.text[self.pos + 3 : end]
            self.pos = end + 3
            return raw
        if quote == "'":
            end = self.text.index("'", self.pos + 1)
            raw = self.text[self.pos + 1 : end]
            self.pos = end + 1
            return raw
        i = self.pos + 1
        while self.text[i] != '"':
            i += 2 if self.text[i] == "\\" else 1
        raw = self.text[self.pos : i + 1]
        self.pos = i + 1
        parsed: str = tomllib.loads(f"k = {raw}")["k"]  # resolve escapes exactly as TOML does
        return parsed
