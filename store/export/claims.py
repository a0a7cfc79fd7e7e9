"""The finance export of claims: one row per claim line, as CSV (for finance's systems) or XLSX (with totals).

The rows are exactly those of the store's `export_query` (store.claims.queries),
so what finance receives and what `sqlite3 -csv` gives for that query are the
same. Only what paying needs leaves the app: names, meetings, amounts and
payment facts; never contact details, access needs or benefit flags.

An export can also be a payment batch (`export_batch`): only what is owed and
not yet sent goes in (approved claims not in a batch, and corrections made
after a claim was sent or paid), and it is marked as sent in the same
transaction that writes the file, so nothing is ever sent to be paid twice.

Every function takes a `Store` or a plain `sqlite3.Connection`, except the
batch, which writes and so needs a `Store`.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.claims.queries import EXPORT_COLUMNS, LINE_STATUS, export_query
from store.errors import CoprodError
from store.export.files import atomic_file, check_target
from store.i18n import _

if TYPE_CHECKING:
    from store.db import Store

COLUMNS = EXPORT_COLUMNS
# The columns people type freely: names, meeting titles, and the payment
# reference finance types. Every other column is an id, an ISO date or time, a
# number or a code checked on the way in, so none holds a comma, quote or line break.
FREE_TEXT = frozenset({"member_name", "meeting_title", "approved_by", "payment_reference"})
# Rows per fetch (as for attendance: about a thousand writes fastest).
_BATCH = 1000


def _conn(store_or_conn: Store | sqlite3.Connection) -> sqlite3.Connection:
    return store_or_conn if isinstance(store_or_conn, sqlite3.Connection) else store_or_conn.conn


def resolve_scope(store_or_conn: Store | sqlite3.Connection, meeting: str | None = None, since: str | None = None,
                  until: str | None = None, status: str | None = None) -> dict[str, Any]:
    """Check what to export and return it as keyword arguments for `write_csv`, `write_xlsx` and `export_batch`.

    `meeting` is an id or its first characters; `since` and `until` are meeting
    dates as people type them, both included; `status` a claim status (its code
    or its words). A meeting with a period, an impossible date, a period that
    ends before it starts or an unknown status is refused.
    """
    from store.claim_lists import status_code
    from store.export.attendance import resolve_scope as meeting_or_period

    code = status_code(status)
    return {**meeting_or_period(store_or_conn, meeting, since, until), "status": code}


# Each column as an expression over the tables of the store's export query (its
# aliases s, l, m, g, a), so the line can be made in the query itself. Kept in
# step with store.claims.queries.export_query by the tests, row for row.
_EXPRESSIONS = {
    "claim_id": "s.claim_id", "member_id": "s.member_id", "member_name": "m.name", "meeting_date": "s.meeting_date",
    "meeting_title": "g.title", "line_kind": "l.line_kind", "category": "l.category", "quantity": "l.quantity",
    "rate_pence": "l.rate_pence",
    "amount": "printf('%s%d.%02d', CASE WHEN l.amount_pence < 0 THEN '-' ELSE '' END, abs(l.amount_pence) / 100, "
              "abs(l.amount_pence) % 100)",
    "payment_method": "s.payment_method", "status": LINE_STATUS, "approved_by": "a.name",
    "approved_at": "s.approved_at", "paid_at": "l.paid_on", "payment_reference": "l.payment_reference",
    "line_id": "l.line_id", "correction": "l.adjustment",
}
# Where the store's export query starts naming its tables.
_TABLES = "FROM claim_state s JOIN claim_lines l "


def _csv_field(column: str, expression: str) -> str:
    if column not in FREE_TEXT:
        return expression
    # The csv module's minimal quoting, done by SQLite: a value holding a comma, a
    # quote or a line break is quoted, with its quotes doubled.
    return (f"CASE WHEN {expression} GLOB '*[\",\r\n]*' "
            f"THEN '\"' || replace({expression}, '\"', '\"\"') || '\"' ELSE {expression} END")


def _line(expressions: dict[str, str]) -> str:
    pattern = ",".join(["%s"] * len(COLUMNS)) + "\r\n"
    return f"printf('{pattern}', " + ", ".join(_csv_field(c, expressions[c]) for c in COLUMNS) + ")"


def lines_in_query(sql: str) -> str:
    """Return the export query `sql` made to give (CSV line, claim id), reading its tables directly."""
    at = sql.find(_TABLES)
    if at < 0:
        raise ValueError("not the store's export query")
    return f"SELECT {_line(_EXPRESSIONS)}, s.claim_id {sql[at:]}"


def lines_around_query(sql: str) -> str:
    """Return the export query `sql` made to give (CSV line, claim id), reading its rows from outside.

    The same bytes as `lines_in_query`, for any query with the export's
    columns, but SQLite then copies every row once more, which costs about a
    third of the export's time.
    """
    return f"SELECT {_line({c: c for c in COLUMNS})}, claim_id FROM ({sql})"


def csv_lines_query(meeting_id: str | None = None, since: str | None = None, until: str | None = None,
                    status: str | None = None, not_batched: bool = False) -> tuple[str, list[Any]]:
    """Return SQL giving (one finished CSV line with its CRLF, claim id) per export row, in export order.

    The lines are byte for byte what the csv module writes for `export_query`'s
    rows with the same filters: the store's query keeps its tables, filters and
    order, and one printf per row builds the line in SQLite, sparing 16 Python
    objects a row. Should the store's query change shape, its rows are read
    from outside instead: slower, never wrong.
    """
    sql, params = export_query(meeting_id=meeting_id, since=since, until=until, status=status, not_batched=not_batched)
    try:
        return lines_in_query(sql), params
    except ValueError:
        return lines_around_query(sql), params


def write_csv(store_or_conn: Store | sqlite3.Connection, path: Path | str, meeting_id: str | None = None,
              since: str | None = None, until: str | None = None, status: str | None = None) -> int:
    """Write claim lines as UTF-8 CSV (no BOM) with a header row; return the number of rows.

    Amounts are pounds with two decimals and no symbol ('12.50', '-3.00'). The
    file appears whole or not at all, readable only by its owner.
    """
    target = Path(path)
    check_target(target, ("csv",))
    return _write_csv(_conn(store_or_conn), target, csv_lines_query(meeting_id, since, until, status), None)


def _write_csv(conn: sqlite3.Connection, target: Path, query: tuple[str, list[Any]],
               claims: dict[str, None] | None) -> int:
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(*query)
    rows = 0
    with atomic_file(target, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(COLUMNS)
        while batch := cursor.fetchmany(_BATCH):
            handle.write("".join([line for line, _claim in batch]))
            if claims is not None:
                claims.update(dict.fromkeys(claim for _line, claim in batch))
            rows += len(batch)
    return rows


def write_xlsx(store_or_conn: Store | sqlite3.Connection, path: Path | str, meeting_id: str | None = None,
               since: str | None = None, until: str | None = None, status: str | None = None) -> int:
    """Write a Claims sheet (the CSV's rows) and a Totals sheet; return the number of claim rows.

    Amounts are numbers shown with two decimals and dates are Excel dates;
    the Totals sheet adds up fees against expenses, each category and each
    member, from the very rows above it.
    """
    target = Path(path)
    check_target(target, ("xlsx",))
    sql, params = export_query(meeting_id=meeting_id, since=since, until=until, status=status)
    return _write_xlsx(_conn(store_or_conn), target, sql, params, None)


def _quantity(text: Any) -> Any:
    try:
        return Decimal(text)
    except (ArithmeticError, TypeError, ValueError):
        return text


def _moment(text: Any) -> Any:
    """An ISO timestamp as an Excel date and time, in UTC as the CSV gives it."""
    try:
        stamp = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return text
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return stamp


def _write_xlsx(conn: sqlite3.Connection, target: Path, sql: str, params: list[Any],
                claims: dict[str, None] | None) -> int:
    from openpyxl.cell import WriteOnlyCell

    from store.export import xlsx
    from store.export.claim_totals import Totals, totals_sheet

    index = {name: i for i, name in enumerate(COLUMNS)}
    amount_at, quantity_at = index["amount"], index["quantity"]
    dates_at = (index["meeting_date"], index["paid_at"])
    approved_at = index["approved_at"]
    cursor = conn.cursor()
    cursor.row_factory = None
    clean = xlsx.text_cleaner()
    totals = Totals()
    rows = 0
    with xlsx.workbook(target) as book:
        sheet = book.create_sheet("Claims")
        sheet.freeze_panes = "A2"
        sheet.append(COLUMNS)
        for row in cursor.execute(sql, params):
            values = [clean(v) for v in row]
            totals.add(row, index)
            for at in dates_at:
                values[at] = xlsx.excel_date(values[at])
            values[approved_at] = _when(sheet, WriteOnlyCell, _moment(values[approved_at]))
            values[quantity_at] = _quantity(values[quantity_at])
            amount = WriteOnlyCell(sheet, value=Decimal(row[amount_at]))
            amount.number_format = "0.00"
            values[amount_at] = amount
            sheet.append(values)
            if claims is not None:
                claims[row[0]] = None
            rows += 1
        totals_sheet(book, totals, clean)
    return rows


def _when(sheet, cell_type, value: Any) -> Any:
    if not isinstance(value, dt.datetime):
        return value
    cell = cell_type(sheet, value=value)
    cell.number_format = "yyyy-mm-dd hh:mm"
    return cell


def export_batch(store: Store, path: Path | str, fmt: str, actor_id: str, meeting_id: str | None = None,
                 since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """Export what is owed and not yet sent for payment, and record it as one payment batch.

    Returns {"rows", "claims", "batch_id"}. The file and the batch stand or
    fall together: the file is written in full beside `path` while the
    database is held, the batch is recorded (store.claims.record_batch: staff
    only; approved claims whole, corrections on their own), and only once that is committed is
    the file put in place. When no claim is waiting, nothing is written and
    batch_id is None.
    """
    from store.claims.workflow import record_batch

    target = Path(path)
    check_target(target, (fmt,))
    staged = target.with_name(f".{target.stem}.batch{target.suffix}")
    claims: dict[str, None] = {}
    try:
        with store.transaction() as conn:
            if fmt == "csv":
                query = csv_lines_query(meeting_id, since, until, None, not_batched=True)
                rows = _write_csv(conn, staged, query, claims)
            else:
                sql, params = export_query(meeting_id=meeting_id, since=since, until=until, not_batched=True)
                rows = _write_xlsx(conn, staged, sql, params, claims)
            if not claims:
                staged.unlink(missing_ok=True)
                return {"rows": 0, "claims": 0, "batch_id": None}
            batch_id = record_batch(store, list(claims), actor_id)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    try:
        os.replace(staged, target)
    except OSError as exc:
        raise CoprodError(_("The claims were put in payment batch {batch}, but the file could not be saved as "
                            "{path} ({reason}). It is at {staged}: rename it yourself.").format(
            batch=batch_id[:8], path=target, reason=exc.strerror, staged=staged)) from exc
    return {"rows": rows, "claims": len(claims), "batch_id": batch_id}
