"""DFØ's CSV dialect: the state accounts and the appropriations ledger as published.

``;`` between fields, every field quoted, Windows-1252 (the five bytes it leaves undefined
read as Latin-1), CRLF or LF; UTF-8 with or without BOM is accepted too, in case DFØ
changes. The file may be given as the ``.zip`` DFØ ships it in: the CSV inside is read as
a stream, never unpacked (OPEN-DATA.md § 1.1–1.3). Amounts are kroner with a decimal comma
and three decimals (``"-847732,870"``, zero ``",000"``).

:class:`DfoFile` checks the header by column names (a missing column is named), gives the
rows for one pass, and stops with a located :class:`InputError` on the first rows that
cannot be read. The readers of the two files build on it.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Any, Final

from ..account import Account
from ..errors import InputError, Location, Problem, UsageError

__all__ = ["MAX_PROBLEMS", "DfoFile", "Progress", "RowError", "appropriation_account", "ore"]

MAX_PROBLEMS: Final = 20  # a broken file stops after this many located problems
Progress = Callable[[float], None]  # called with the fraction of the file read so far

_UNDEFINED_IN_CP1252: Final = frozenset(b"\x81\x8d\x8f\x90\x9d")


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    """cp1252 leaves five bytes undefined; DFØ's files are also described as ISO-8859-1, which
    maps them to the same code points (OPEN-DATA.md § 1.2)."""
    if isinstance(error, UnicodeDecodeError):
        undefined = error.object[error.start:error.end]
        if all(b in _UNDEFINED_IN_CP1252 for b in undefined):
            return undefined.decode("latin-1"), error.end
    raise error


codecs.register_error("statsbudsjett-latin1", _latin1_fallback)

_AMOUNT: Final = re.compile(r"(-?)([0-9]*)(?:[,.]([0-9]{1,3}))?")


class RowError(ValueError):
    """A field of a row that cannot be read: the message says what is wrong, ``column`` where."""

    def __init__(self, column: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.column = column
        self.hint = hint


def ore(text: str, column: str) -> int:
    """An amount of DFØ's files in øre: ``"-847732,870"`` → −84 773 287, ``",000"`` → 0.

    A decimal point is accepted too. A third decimal that is not 0 cannot be øre: refused.
    """
    # The files' own form, three decimals after a comma, read without a regular expression:
    # this runs once per row of a 285 000-row file.
    whole = text[:-4]
    # isascii: str.isdigit also takes other scripts' digits (int() reads some, not all).
    if len(text) >= 4 and text.isascii() and text[-4] == "," and text[-3:].isdigit() and (
            whole.isdigit() or whole in ("", "-") or (whole[0] == "-" and whole[1:].isdigit())):
        thousandths = int(whole + text[-3:]) if whole != "-" else -int(text[-3:])
        if thousandths % 10 == 0:
            return thousandths // 10
    match = _AMOUNT.fullmatch(text)
    if match is None or not (match[2] or match[3]):
        raise RowError(column, f"{column} {text!r} is not an amount",
                       'kroner with a decimal comma, e.g. "-847732,870" or ",000"')
    fraction = (match[3] or "").ljust(3, "0")
    if fraction[2] != "0":
        raise RowError(column, f"{column} {text!r} has a third decimal that is not 0: it cannot be øre",
                       "the files give kroner with three decimals, the last one 0; check the export")
    value = int(match[2] or "0") * 100 + int(fraction[:2])
    return -value if match[1] else value


def appropriation_account(chapter_id: str, post_id: str) -> Account | RowError | None:
    """The appropriation account of ``Post_id`` (kapittel 4 + post 2 digits, with ``Kapittel_id``
    of 3 or 4 digits); ``None`` for a row that is not on one (balance accounts, netto agencies);
    a :class:`RowError` (returned, to be cached with the rest) when the two columns disagree,
    since taking either would book the row on a chapter it may not belong to."""
    chapter_id, post_id = chapter_id.strip(), post_id.strip()
    if not (chapter_id.isascii() and chapter_id.isdigit() and post_id.isascii() and post_id.isdigit()
            and 5 <= len(post_id) <= 6 and 1 <= len(chapter_id) <= 4):
        return None
    chapter, post = divmod(int(post_id), 100)
    if not 1 <= chapter <= 5999 or not 1 <= post <= 99:
        return None
    if chapter != int(chapter_id):
        return RowError("Kapittel_id", f"Kapittel_id {chapter_id!r} does not match Post_id {post_id!r} "
                        f"(kapittel {chapter})", "the first four digits of Post_id are the chapter; check the export")
    return Account(chapter, post)


class DfoFile:
    """One of DFØ's CSV files, open for one streaming pass.

    ``columns`` are the names the header must hold (order free; extra columns are ignored);
    ``what`` names the file in messages ("the state accounts (statsregnskapet)"). Iterate
    :meth:`rows` once; ``name`` is how messages name the file (``x.zip/x.csv`` inside a zip).
    """

    def __init__(self, path: str | Path, columns: Sequence[str], what: str, example: str) -> None:
        if not isinstance(path, str | Path):
            raise UsageError(f"expected the path of {what}, not {type(path).__name__}")
        self.path = Path(path)
        self.name = str(path)
        self.columns = tuple(columns)
        self.what = what
        self.example = example
        self.index: dict[str, int] = {}
        self.problems: list[Problem] = []
        self._reader: Any = None  # the csv reader, for the line number
        self.width = 0

    # -- problems ----------------------------------------------------------------------
    def location(self, line: int) -> Location:
        return Location(self.name, line)

    def refuse(self, message: str, *, line: int | None = None, text: str | None = None, column: int | None = None,
               expected: str | None = None, found: str | None = None, hint: str | None = None) -> InputError:
        return InputError([Problem(message, Location(self.name, line, column, text), expected=expected,
                                   found=found, hint=hint)])

    def row_problem(self, line: int, row: Sequence[str], error: RowError) -> None:
        """Record a located problem about a row; raise them all once there are :data:`MAX_PROBLEMS`."""
        text = ";".join(f'"{field}"' for field in row)  # the row as the dialect writes it
        column = None
        if error.column in self.index and self.index[error.column] < len(row):
            column = 1 + sum(len(field) + 3 for field in row[: self.index[error.column]])
        self.problems.append(Problem(str(error), Location(self.name, line, column, text), hint=error.hint,
                                     field=error.column))
        if len(self.problems) >= MAX_PROBLEMS:
            self.problems.append(Problem(f"stopped reading after {MAX_PROBLEMS} problems",
                                         Location(self.name, line), hint="fix these and read the file again"))
            raise InputError(self.problems)

    def finish(self) -> None:
        """Raise the problems recorded while reading, if any."""
        if self.problems:
            raise InputError(self.problems)

    # -- reading -----------------------------------------------------------------------
    @contextmanager
    def reading(self, progress: Progress | None = None) -> Iterator[Iterator[list[str]]]:
        """The file's data rows, for one pass inside a ``with`` block; :attr:`line` is the line of the
        row last read (the header is line 1). The file is opened and its header checked on entry
        (:attr:`index` then maps column names to positions). A file that is not this CSV, a
        missing column or a row that cannot be read raises a located :class:`InputError`; the
        caller checks each row's width with :meth:`check_width`. Problems recorded with
        :meth:`row_problem` are raised at the end of the block."""
        import csv

        with ExitStack() as stack:
            binary, size = self._open(stack)
            header_bytes = binary.readline()
            encoding = _encoding(header_bytes)
            # The Latin-1 fallback is for Windows-1252 only: in a UTF-8 file such a byte is an error.
            errors = "statsbudsjett-latin1" if encoding == "cp1252" else "strict"
            try:
                header_text = header_bytes.decode(encoding, errors).rstrip("\r\n")
            except UnicodeDecodeError as error:
                raise self._undecodable(encoding, error) from None
            header = next(csv.reader([header_text], delimiter=";"), [])
            self._check_header(header, header_text)
            self.width = len(header)
            stream: IO[bytes] = (binary if progress is None  # type: ignore[assignment]
                                 else _Progressing(binary, size, progress, done=len(header_bytes)))
            text = io.TextIOWrapper(stream, encoding=encoding, errors=errors, newline="")
            self._reader = csv.reader(text, delimiter=";", strict=True)
            try:
                yield self._reader
            except csv.Error as error:
                raise self.refuse(f"the CSV cannot be read: {error}", line=self.line,
                                  hint="the file must be DFØ's CSV: ';' between fields, every field quoted") from None
            except UnicodeDecodeError as error:
                raise self._undecodable(encoding, error) from None
        self.finish()

    def _undecodable(self, encoding: str, error: UnicodeDecodeError) -> InputError:
        """The file is not valid ``encoding``: the problem names the first line that is not. (The
        decoder reads ahead of the CSV reader, so the reader's line is not that line; a UTF-8
        sequence never holds the byte of ``\\n``, so the file is split into lines as bytes.)"""
        line = column = text = None
        codec = "utf-8" if encoding == "utf-8-sig" else encoding
        with ExitStack() as stack:
            binary, _ = self._open(stack)
            for number, raw in enumerate(binary, 1):
                raw = raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw
                try:
                    raw.decode(codec)
                except UnicodeDecodeError as bad:
                    line, text = number, raw.decode(codec, "replace").rstrip("\r\n")
                    column = 1 + len(raw[: bad.start].decode(codec))
                    break
        return self.refuse(f"the file is not valid {'UTF-8' if codec == 'utf-8' else codec}: {error.reason}",
                           line=line, text=text, column=column,
                           hint="save it as UTF-8 or Windows-1252, as DFØ publishes it")

    def check_width(self, row: list[str]) -> bool:
        """Whether the row has the header's columns; a short or long row is recorded as a problem
        (a blank line is skipped without one)."""
        if len(row) == self.width:
            return True
        if row and row != [""]:
            self.row_problem(self.line, row, RowError(
                "", f"the row has {len(row)} fields, the header {self.width}",
                "every row of the file has the header's columns; was the file cut or edited?"))
        return False

    @property
    def line(self) -> int:
        """The line of the row last read (the header is line 1)."""
        return self._reader.line_num + 1 if self._reader is not None else 1

    def _open(self, stack: ExitStack) -> tuple[IO[bytes], int]:
        """The CSV as a binary stream (inside a zip: the member, streamed) and its size."""
        try:
            if zipfile.is_zipfile(self.path):
                archive = stack.enter_context(zipfile.ZipFile(self.path))
                member = self._member(archive)
                self.name = f"{self.path}/{member.filename}"
                return stack.enter_context(archive.open(member)), member.file_size
            binary = stack.enter_context(self.path.open("rb"))
            return binary, self.path.stat().st_size
        except FileNotFoundError:
            raise self.refuse("no such file", hint=f"give the path of {self.what}, e.g. {self.example}") from None
        except IsADirectoryError:
            raise self.refuse("this is a folder, not a file", hint=f"give the path of {self.what}") from None
        except (OSError, zipfile.BadZipFile) as error:
            raise self.refuse(f"the file cannot be read: {error}") from None

    def _member(self, archive: zipfile.ZipFile) -> zipfile.ZipInfo:
        names = archive.namelist()
        if "xl/workbook.xml" in names:
            raise self.refuse(f"this is an Excel workbook, not {self.what}",
                              hint=f"give DFØ's CSV file or the .zip it comes in, e.g. {self.example}")
        members = [m for m in archive.infolist() if m.filename.lower().endswith(".csv") and not m.is_dir()]
        if len(members) != 1:
            held = ", ".join(names[:5]) + (" …" if len(names) > 5 else "") or "nothing"
            raise self.refuse(f"the zip holds {'no' if not members else len(members)} CSV files", found=held,
                              hint=f"give the zip DFØ publishes, with one CSV inside ({self.example})")
        return members[0]

    def _check_header(self, header: list[str], text: str) -> None:
        if not text.strip():
            raise self.refuse("the file is empty", line=1, hint=f"download {self.what} again ({self.example})")
        self.index = {name.strip(): position for position, name in enumerate(header)}
        missing = [name for name in self.columns if name not in self.index]
        if not missing:
            return
        if len(header) == 1 and ("," in text or "\t" in text):
            raise self.refuse(f"the header is not separated by ';': this is not {self.what} as DFØ publishes it",
                              line=1, text=text, hint="DFØ's files separate fields with ';'; "
                              "if you saved the file from Excel, use the downloaded file instead")
        raise self.refuse(f"the header lacks {len(missing)} of the columns of {self.what}", line=1, text=text,
                          expected=", ".join(self.columns), found=", ".join(header) or "nothing",
                          hint=f"missing: {', '.join(missing)}; is this the right file ({self.example})?")


class _Progressing(io.RawIOBase):
    """A binary stream that reports how much of it was read, at most once per per cent: the
    progress of a pass costs nothing per row."""

    def __init__(self, inner: IO[bytes], size: int, progress: Progress, *, done: int = 0) -> None:
        self.inner, self.size, self.progress = inner, size, progress
        self.done = done  # the bytes read before this stream (the header)
        self.reported = 0  # the per cent last reported

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.inner.read(len(buffer))
        buffer[: len(data)] = data
        self.done += len(data)
        if data and not self.size:
            return len(data)
        percent = min(self.done * 100 // self.size, 100) if data else 100
        if percent > self.reported:  # at most once per per cent; the end once, as 1.0
            self.reported = percent
            self.progress(min(self.done / self.size, 1.0) if data else 1.0)
        return len(data)


def _encoding(header: bytes) -> str:
    """UTF-8 when the header says so (a BOM, or valid UTF-8 for «År» and «Beløp»), else cp1252."""
    if header.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        header.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8" if not header.isascii() else "cp1252"
