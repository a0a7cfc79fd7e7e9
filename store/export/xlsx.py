"""Writing XLSX workbooks: whole or not at all, with cells Excel accepts.

openpyxl is imported inside each function: it takes a while to import, and
only an XLSX export should pay for it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from store.export.files import atomic_file


@contextlib.contextmanager
def workbook(target: Path) -> Iterator[Any]:
    """Yield an empty write-only workbook; save it to `target` when the block ends without an error.

    Write-only mode streams rows out instead of keeping a cell object for each,
    so a large export stays fast and small in memory. If the block fails, no
    file appears and the rows spooled so far are removed.
    """
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    try:
        yield book
        with atomic_file(target, "wb") as handle:
            book.save(handle)
    except BaseException:
        _discard(book)
        raise


def _discard(book) -> None:
    # A write-only sheet spools its rows to a temporary file until the book is
    # saved. When an export stops early those files hold personal data: close and
    # remove them now, not when the program ends (openpyxl's own clean-up).
    # Best effort, through openpyxl's write-only internals.
    for sheet in book.worksheets:
        for part in (getattr(sheet, "_rows", None), getattr(sheet, "_writer", None)):
            with contextlib.suppress(Exception):
                if part is not None:
                    part.close()
        with contextlib.suppress(Exception):
            sheet._writer.cleanup()


def text_cleaner() -> Callable[[Any], Any]:
    """Return a function that leaves control characters out of text (Excel refuses them) and passes the rest."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    search, sub = ILLEGAL_CHARACTERS_RE.search, ILLEGAL_CHARACTERS_RE.sub

    def clean(value: Any) -> Any:
        if isinstance(value, str) and search(value):
            return sub("", value)
        return value

    return clean


def excel_date(text: Any) -> Any:
    """Return an ISO date as a date, so Excel shows and sorts it as one; anything else as it is."""
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return text  # not a date after all (an old or damaged record): keep what it says


def bold(sheet, texts: Sequence[str]) -> list:
    """Return a row of bold cells for `sheet`, for headings."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    font = Font(bold=True)
    cells = []
    for text in texts:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = font
        cells.append(cell)
    return cells


def percent(sheet, share: float):
    """Return a cell for `sheet` holding `share` (0.0 to 1.0), shown as a whole percentage."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=share)
    cell.number_format = "0%"
    return cell
