"""Attendance for a meeting or a period, as CSV (for other programs) or XLSX (with a summary).

Only what attendance needs leaves the app: no contact details, access needs or
payment facts.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from store.db import Store
from store.errors import CoprodError
from store.export.files import atomic_file, check_target
from store.i18n import _

COLUMNS = (
    "meeting_id", "meeting_title", "meeting_date", "member_id", "member_name", "organisation",
    "member_type", "status", "mode", "arrived_at", "left_at", "role", "supporter",
)

# One SQL expression per column, in COLUMNS order.
_FIELDS = (
    "a.meeting_id", "mt.title", "mt.date", "a.member_id", "m.name", "COALESCE(o.name, '')", "m.member_type",
    "a.status", "CASE WHEN a.remote = 1 THEN 'remote' ELSE 'in_person' END", "COALESCE(a.arrived_at, '')",
    "COALESCE(a.left_at, '')", "a.role", "CASE WHEN a.supporter = 1 THEN 'yes' ELSE 'no' END",
)
_FROM = """
FROM attendance a
JOIN meetings mt ON mt.id = a.meeting_id
JOIN members m ON m.id = a.member_id
LEFT JOIN organisations o ON o.id = m.organisation_id
"""
_ORDER = "\nORDER BY mt.date, a.meeting_id, m.name COLLATE NOCASE, a.member_id"


def _where(meeting_id: str | None, since: str | None, until: str | None) -> tuple[str, list[str]]:
    clauses, params = ["a.deleted_at IS NULL", "mt.deleted_at IS NULL"], []
    if meeting_id:
        clauses.append("a.meeting_id = ?")
        params.append(meeting_id)
    if since:
        clauses.append("mt.date >= ?")
        params.append(since)
    if until:
        clauses.append("mt.date <= ?")
        params.append(until)
    return " AND ".join(clauses), params


def attendance_query(meeting_id: str | None = None, since: str | None = None,
                     until: str | None = None) -> tuple[str, list[str]]:
    """Return the SQL and parameters for the export's rows, in the order they are written."""
    where, params = _where(meeting_id, since, until)
    return "SELECT " + ", ".join(_FIELDS) + _FROM + f"WHERE {where}" + _ORDER, params


def resolve_scope(store: Store, meeting: str | None, since: str | None, until: str | None) -> dict[str, Any]:
    """Check what to export: a meeting's full id, or a period whose start is not after its end."""
    from store.dates import parse_date
    from store.records import resolve_id

    if meeting and (since or until):
        raise CoprodError(_("Choose a meeting or a period, not both."))
    scope: dict[str, Any] = {"meeting_id": None, "since": None, "until": None}
    if meeting:
        scope["meeting_id"] = resolve_id(store.conn, "meetings", meeting, _("meeting"))
    if since:
        scope["since"] = parse_date(since, "from")
    if until:
        scope["until"] = parse_date(until, "to")
    if scope["since"] and scope["until"] and scope["since"] > scope["until"]:
        raise CoprodError(_("The period starts after it ends. Check --from and --to."))
    return scope


def write_csv(store: Store, path: Path | str, meeting_id: str | None = None, since: str | None = None,
              until: str | None = None) -> int:
    """Write attendance as UTF-8 CSV with a header row; return the number of rows."""
    target = Path(path)
    check_target(target, ("csv",))
    sql, params = attendance_query(meeting_id, since, until)
    # The sort behind ORDER BY spills to temporary files with SQLite's small defaults.
    store.conn.execute("PRAGMA temp_store = MEMORY")
    cursor = store.conn.cursor()
    cursor.row_factory = None  # plain tuples: the csv module needs nothing more
    cursor.execute(sql, params)
    rows = 0
    with atomic_file(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        while batch := cursor.fetchmany(5000):
            writer.writerows(batch)
            rows += len(batch)
    return rows


def summary(store: Store, meeting_id: str | None = None, since: str | None = None,
            until: str | None = None) -> dict[str, Any]:
    """Return counts per meeting, members present per organisation, and the network's KPI."""
    from store.members import count_active

    where, params = _where(meeting_id, since, until)
    base = ("FROM attendance a JOIN meetings mt ON mt.id = a.meeting_id JOIN members m ON m.id = a.member_id "
            "LEFT JOIN organisations o ON o.id = m.organisation_id WHERE " + where)
    active = count_active(store.conn)
    meetings = [
        {"date": r[0], "title": r[1], "present": r[2], "apologies": r[3], "absent": r[4], "marked": r[5],
         "share": (r[2] / active) if active else 0.0}
        for r in store.query(
            "SELECT mt.date, mt.title, SUM(a.status = 'present'), SUM(a.status = 'apologies'), "
            "SUM(a.status = 'absent'), SUM(a.status != 'expected') " + base
            + " GROUP BY a.meeting_id ORDER BY mt.date, a.meeting_id", params)
    ]
    organisations = [
        {"organisation": r[0], "times_present": r[1], "members_present": r[2]}
        for r in store.query(
            "SELECT o.name, COUNT(*), COUNT(DISTINCT a.member_id) " + base
            + " AND a.status = 'present' AND o.id IS NOT NULL GROUP BY o.id ORDER BY o.name COLLATE NOCASE", params)
    ]
    came = store.one(
        "SELECT COUNT(DISTINCT a.member_id) " + base
        + " AND a.status = 'present' AND m.active = 1 AND m.member_type != 'guest' AND m.deleted_at IS NULL",
        params)[0]
    return {"meetings": meetings, "organisations": organisations, "active_members": active,
            "active_members_present": came, "kpi": (came / active) if active else 0.0}


def write_xlsx(store: Store, path: Path | str, meeting_id: str | None = None, since: str | None = None,
               until: str | None = None) -> int:
    """Write an Attendance sheet (the CSV's rows) and a Summary sheet; return the number of rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    target = Path(path)
    check_target(target, ("xlsx",))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Attendance")
    sheet.append(COLUMNS)
    sql, params = attendance_query(meeting_id, since, until)
    rows = 0
    for row in store.conn.execute(sql, params):
        values = list(row)
        values[2] = dt.date.fromisoformat(values[2])
        sheet.append(values)
        rows += 1
    _summary_sheet(book, summary(store, meeting_id, since, until), WriteOnlyCell, Font)
    with atomic_file(target, "wb") as handle:
        book.save(handle)
    return rows


def _summary_sheet(book, figures: dict[str, Any], cell_type, font_type) -> None:
    sheet = book.create_sheet(_("Summary"))
    bold = font_type(bold=True)

    def heading(*texts: str) -> list:
        cells = []
        for text in texts:
            cell = cell_type(sheet, value=text)
            cell.font = bold
            cells.append(cell)
        return cells

    def share(value: float):
        cell = cell_type(sheet, value=round(value, 4))
        cell.number_format = "0%"
        return cell

    sheet.append(heading(_("Meetings")))
    sheet.append(heading(_("Date"), _("Meeting"), _("Present"), _("Apologies"), _("Absent"), _("Marked"),
                         _("Present as a share of active members")))
    for m in figures["meetings"]:
        sheet.append([dt.date.fromisoformat(m["date"]), m["title"], m["present"], m["apologies"], m["absent"],
                      m["marked"], share(m["share"])])
    sheet.append([])
    sheet.append(heading(_("Organisations")))
    sheet.append(heading(_("Organisation"), _("Times present"), _("Members present")))
    for o in figures["organisations"]:
        sheet.append([o["organisation"], o["times_present"], o["members_present"]])
    sheet.append([])
    sheet.append(heading(_("Network")))
    sheet.append([_("Active members"), figures["active_members"]])
    sheet.append([_("Active members who came at least once"), figures["active_members_present"]])
    sheet.append([_("Share of active members who came (the aim is one third or more)"), share(figures["kpi"])])
