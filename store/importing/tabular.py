"""Reading a CSV or Excel file into numbered rows of text.

Row numbers are the ones the person sees in their spreadsheet (the first row
is 1, blank rows count), so a problem reported as "Row 7" is on row 7 when
they open the file. Nothing here knows what the columns mean.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from store.errors import CoprodError, InputError, NotFound
from store.i18n import _

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000  # far above any network's size; stops a zip bomb or a runaway file early
XLSX_MAGIC = b"PK"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls, and any password-protected workbook
DELIMITERS = (",", ";", "\t")  # Excel writes ';' where the comma is the decimal mark

# Spreadsheets never hold these; random bytes that happen to decode are full of them.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class Row(NamedTuple):
    """One non-blank row: its spreadsheet row number and its cells as text."""

    number: int
    cells: tuple[str, ...]


@dataclass
class Table:
    """A file read as a header row and data rows; `notes` say anything worth knowing."""

    name: str
    headers: list[str]
    header_row: int
    rows: list[Row]
    notes: list[str] = field(default_factory=list)


def read_table(path: Path | str) -> Table:
    """Read a CSV or XLSX file, chosen by its first bytes and its name.

    Raises NotFound for a missing file and InputError for anything that is not
    a readable table, with a message that says what to do.
    """
    path = Path(path).expanduser()
    size = _size(path)
    name = path.name
    if size > MAX_BYTES:
        raise InputError(_("{name} is larger than {limit} MB. Split it into smaller files and import each one.")
                         .format(name=name, limit=MAX_BYTES // (1024 * 1024)))
    if size == 0:
        raise InputError(_("{name} is empty.").format(name=name))
    head = _read(path, 8)
    if head.startswith(XLSX_MAGIC):
        return _read_xlsx(path, name)
    if head.startswith(OLD_EXCEL_MAGIC):
        raise InputError(_("{name} is an old-style or password-protected Excel file. Save it as an Excel "
                           "workbook (.xlsx) without a password, or as CSV, then import it again.").format(name=name))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise _not_a_table(name)
    return _read_csv(name, _read(path, None))


def _size(path: Path) -> int:
    try:
        if path.is_dir():
            raise InputError(_("{path} is a folder. Choose a CSV or Excel file.").format(path=path))
        return path.stat().st_size
    except FileNotFoundError:
        raise NotFound(_("There is no file at {path}.").format(path=path)) from None
    except OSError as exc:
        raise InputError(_("Cannot read {path}: {reason}").format(path=path, reason=exc.strerror)) from None


def _read(path: Path, count: int | None) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(count) if count else handle.read()
    except OSError as exc:
        raise InputError(_("Cannot read {path}: {reason}").format(path=path, reason=exc.strerror)) from None


def _not_a_table(name: str) -> InputError:
    return InputError(_("{name} is not a CSV or Excel file. Save it from your spreadsheet as CSV or as an Excel "
                        "workbook (.xlsx), then import it again.").format(name=name))


def decode_text(data: bytes) -> str | None:
    """Return `data` as text (UTF-8, with or without BOM, else Windows-1252), or None if it is not text."""
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Old DOS tools end files with Ctrl-Z; it is not part of the data.
        text = text.rstrip("\x1a")
        return None if _CONTROL.search(text) else text
    return None


def _read_csv(name: str, data: bytes) -> Table:
    text = decode_text(data)
    if text is None:
        raise _not_a_table(name)
    first_line = re.split(r"[\r\n]", text, maxsplit=1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _table(name, reader)
    except csv.Error:
        raise _not_a_table(name) from None


def _read_xlsx(path: Path, name: str) -> Table:
    import warnings

    from openpyxl import load_workbook

    try:
        # A file handle, not the path: openpyxl refuses names it does not expect,
        # and the sniffed bytes already said this is a workbook.
        with path.open("rb") as handle, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(handle, read_only=True, data_only=True)
            try:
                sheet = book.worksheets[0]
                # Some programs record the used range wrongly; read every row instead.
                sheet.reset_dimensions()
                table = _table(name, sheet.iter_rows(values_only=True))
                if len(book.worksheets) > 1:
                    table.notes.append(_("Read the first sheet, {sheet}; the other sheets were left alone.")
                                       .format(sheet=sheet.title))
                return table
            finally:
                book.close()
    except CoprodError:
        raise
    except Exception:  # noqa: BLE001 - any failure to parse an untrusted file means the same to the person
        raise _not_a_table(name) from None


def _table(name: str, records: Iterable[Sequence[Any]]) -> Table:
    header: Row | None = None
    rows: list[Row] = []
    for number, record in enumerate(records, start=1):
        if number > MAX_ROWS + 1:
            raise InputError(_("{name} has more than {limit} rows. Split it into smaller files and import each one.")
                             .format(name=name, limit=MAX_ROWS))
        cells = [cell_text(value) for value in record]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if header is None:
            header = Row(number, tuple(cells))
        else:
            rows.append(Row(number, tuple(cells)))
    if header is None:
        raise InputError(_("{name} is empty.").format(name=name))
    return Table(name, list(header.cells), header.number, rows)


def cell_text(value: Any) -> str:
    """Return a cell's value as the text a person would type for it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        # repr is the shortest text that reads back as the same number: 20.5, not 20.499999…
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


class _Refused(Exception):
    """Raised inside the import's transaction to undo it when a row was bad."""


def write_rows(
    store: Any,
    rows: Sequence[tuple[int, dict[str, Any]]],
    write_row: Callable[[Any, int, dict[str, Any]], None],
    errors: list,
    skip_invalid: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> bool:
    """Write `rows` in one transaction through `write_row(conn, number, data)`; return True if committed.

    `write_row` reports a bad row by appending to `errors`. Unless
    `skip_invalid`, one bad row undoes the whole import; `progress(done,
    total)` is called every hundred rows and at the end, for a progress bar.
    """
    total = len(rows)
    try:
        with store.transaction() as conn:
            for done, (number, data) in enumerate(rows, start=1):
                write_row(conn, number, data)
                if progress and (done % 100 == 0 or done == total):
                    progress(done, total)
            if errors and not skip_invalid:
                raise _Refused
    except _Refused:
        return False
    return True
