"""Attendance for a meeting or a period, as CSV (for other programs) or XLSX (with a summary).

Only what attendance needs leaves the app: no contact details, access needs or
payment facts. CSV is plain UTF-8 without a byte order mark, with codes rather
than translated labels, so other programs read it the same in any language;
people who open exports in Excel should choose XLSX, which keeps non-English
letters (Siân) intact without a BOM.

Every function takes a `Store` or a plain `sqlite3.Connection`, so a worker
thread, a script or the benchmark can pass whichever it holds.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.errors import CoprodError
from store.export.files import atomic_file, check_target
from store.i18n import _

if TYPE_CHECKING:
    from store.db import Store

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
# CROSS JOIN keeps meetings as the outer loop, read in date order from
# meetings_by_date, so SQLite sorts only each day's rows by name and the first
# rows come out at once. Left to itself, for a whole-network export the planner
# scans attendance first and sorts every row before returning any (slower, and
# it holds the whole export in a temporary b-tree).
_FROM = """
FROM meetings mt
CROSS JOIN attendance a ON a.meeting_id = mt.id
JOIN members m ON m.id = a.member_id
LEFT JOIN organisations o ON o.id = m.organisation_id
"""
_ORDER = "\nORDER BY mt.date, a.meeting_id, m.name COLLATE NOCASE, a.member_id"
# Members the network's figures count: the same people as store.members.count_active.
_COUNTED = "(m.active = 1 AND m.member_type != 'guest' AND m.deleted_at IS NULL)"
# Rows per fetch: measured on 24k rows, batches of about a thousand write
# faster than one long writerows(cursor) or batches of 5,000.
_BATCH = 1000


def _conn(store_or_conn: Store | sqlite3.Connection) -> sqlite3.Connection:
    return store_or_conn if isinstance(store_or_conn, sqlite3.Connection) else store_or_conn.conn


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
    """Return the SQL and parameters for the export's rows, in COLUMNS order and the order they are written.

    `meeting_id` is a full id; `since` and `until` are ISO dates, both included.
    The CSV export runs exactly this query, so another program (the benchmark's
    `sqlite3 -csv`) can run it too and get the same rows.
    """
    where, params = _where(meeting_id, since, until)
    return "SELECT " + ", ".join(_FIELDS) + _FROM + f"WHERE {where}" + _ORDER, params


def resolve_scope(store_or_conn: Store | sqlite3.Connection, meeting: str | None = None,
                  since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """Check what to export and return it as keyword arguments for `write_csv` and `write_xlsx`.

    `meeting` is an id or its first characters; `since` and `until` are dates as
    people type them (14/03/2026 or 2026-03-14). A meeting and a period together,
    an impossible date, or a period that starts after it ends are refused. With
    neither, every meeting is exported.
    """
    from store.dates import parse_date
    from store.records import resolve_id

    if meeting and (since or until):
        raise CoprodError(_("Choose a meeting or a period, not both."))
    scope: dict[str, Any] = {"meeting_id": None, "since": None, "until": None}
    if meeting:
        scope["meeting_id"] = resolve_id(_conn(store_or_conn), "meetings", meeting, _("meeting"))
    if since:
        scope["since"] = parse_date(since, "from")
    if until:
        scope["until"] = parse_date(until, "to")
    if scope["since"] and scope["until"] and scope["since"] > scope["until"]:
        raise CoprodError(_("The period starts after it ends. Check --from and --to."))
    return scope


# The columns people type freely (a title, a name, an organisation). Every other
# column holds an id, an ISO date or time, or a code, which every write path checks
# (forms, imports, the command line), so none can hold a comma, quote or line break.
_FREE_TEXT = frozenset({"mt.title", "m.name", "COALESCE(o.name, '')"})


def _csv_field(expression: str) -> str:
    if expression not in _FREE_TEXT:
        return expression
    # The csv module's minimal quoting, done by SQLite: a value holding a comma, a
    # quote or a line break is quoted, with its quotes doubled.
    return (f"CASE WHEN {expression} GLOB '*[\",\r\n]*' "
            f"THEN '\"' || replace({expression}, '\"', '\"\"') || '\"' ELSE {expression} END")


def csv_lines_query(meeting_id: str | None = None, since: str | None = None,
                    until: str | None = None) -> tuple[str, list[str]]:
    """Return SQL giving each export row as one finished CSV line (with its CRLF), in export order.

    The lines are byte for byte what the csv module writes for `attendance_query`'s
    rows. Building them in SQLite, in C, spares turning 13 values a row into
    Python objects, which costs about as much as the query itself on a large
    network. Only the free-text columns can need quoting; see `_FREE_TEXT`.
    """
    where, params = _where(meeting_id, since, until)
    # One printf makes each line in one piece; joining 13 values with || made 25
    # intermediate strings a row and cost a third more.
    pattern = ",".join(["%s"] * len(_FIELDS)) + "\r\n"
    line = f"printf('{pattern}', " + ", ".join(_csv_field(f) for f in _FIELDS) + ")"
    return "SELECT " + line + _FROM + f"WHERE {where}" + _ORDER, params


def write_csv(store_or_conn: Store | sqlite3.Connection, path: Path | str, meeting_id: str | None = None,
              since: str | None = None, until: str | None = None) -> int:
    """Write attendance as UTF-8 CSV (no BOM) with a header row; return the number of rows.

    The file appears whole or not at all. A missing folder or a name not ending
    .csv is refused before anything is written.
    """
    target = Path(path)
    check_target(target, ("csv",))
    sql, params = csv_lines_query(meeting_id, since, until)
    cursor = _conn(store_or_conn).cursor()
    cursor.row_factory = None
    cursor.execute(sql, params)
    rows = 0
    with atomic_file(target, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(COLUMNS)
        while batch := cursor.fetchmany(_BATCH):
            handle.write("".join([line for (line,) in batch]))
            rows += len(batch)
    return rows


def summary(store_or_conn: Store | sqlite3.Connection, meeting_id: str | None = None, since: str | None = None,
            until: str | None = None) -> dict[str, Any]:
    """Return the figures of the export's Summary sheet as plain data.

    - `meetings`: per meeting with marks, by date: date, title, present,
      apologies, absent, marked (all but "not marked") and `share`, the active
      members present as a share of all active members (0.0 to 1.0);
    - `organisations`: per organisation, by name: `times_present` (present
      marks) and `members_present` (different people present);
    - `active_members`, `active_members_present` and `kpi`: the network's
      measure, the share of active members present at one or more of the
      meetings.

    "Active members" are counted as `store.members.count_active` counts them,
    as they are now; guests are not network members, so they add to "present"
    but never to a share.
    """
    from store.members import count_active

    conn = _conn(store_or_conn)
    where, params = _where(meeting_id, since, until)
    base = _FROM + "WHERE " + where
    active = count_active(conn)
    meetings = [
        {"date": r[0], "title": r[1], "present": r[2], "apologies": r[3], "absent": r[4], "marked": r[5],
         "share": (r[6] / active) if active else 0.0}
        for r in conn.execute(
            "SELECT mt.date, mt.title, SUM(a.status = 'present'), SUM(a.status = 'apologies'), "
            f"SUM(a.status = 'absent'), SUM(a.status != 'expected'), SUM(a.status = 'present' AND {_COUNTED}) "
            + base + " GROUP BY a.meeting_id ORDER BY mt.date, a.meeting_id", params)
    ]
    organisations = [
        {"organisation": r[0], "times_present": r[1], "members_present": r[2]}
        for r in conn.execute(
            "SELECT o.name, COUNT(*), COUNT(DISTINCT a.member_id) " + base
            + " AND a.status = 'present' AND o.id IS NOT NULL GROUP BY o.id ORDER BY o.name COLLATE NOCASE, o.id",
            params)
    ]
    came = conn.execute(
        "SELECT COUNT(DISTINCT a.member_id) " + base + f" AND a.status = 'present' AND {_COUNTED}", params,
    ).fetchone()[0]
    return {"meetings": meetings, "organisations": organisations, "active_members": active,
            "active_members_present": came, "kpi": (came / active) if active else 0.0}


def write_xlsx(store_or_conn: Store | sqlite3.Connection, path: Path | str, meeting_id: str | None = None,
               since: str | None = None, until: str | None = None) -> int:
    """Write an Attendance sheet (the CSV's rows, dates as Excel dates) and a Summary sheet.

    Return the number of attendance rows. Like `write_csv`, the file appears
    whole or not at all, and a name not ending .xlsx is refused. Control
    characters, which Excel cannot hold, are left out of the text.
    """
    from store.export import xlsx

    target = Path(path)
    check_target(target, ("xlsx",))
    conn = _conn(store_or_conn)
    sql, params = attendance_query(meeting_id, since, until)
    cursor = conn.cursor()
    cursor.row_factory = None
    clean = xlsx.text_cleaner()
    rows = 0
    with xlsx.workbook(target) as book:
        sheet = book.create_sheet("Attendance")
        sheet.freeze_panes = "A2"
        sheet.append(COLUMNS)
        for row in cursor.execute(sql, params):
            values = [clean(v) for v in row]
            values[2] = xlsx.excel_date(values[2])
            sheet.append(values)
            rows += 1
        _summary_sheet(book, summary(conn, meeting_id, since, until), clean)
    return rows


def _summary_sheet(book, figures: dict[str, Any], clean) -> None:
    from store.export import xlsx

    sheet = book.create_sheet(_("Summary"))
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 30
    sheet.append(xlsx.bold(sheet, [_("Meetings")]))
    sheet.append(xlsx.bold(sheet, [_("Date"), _("Meeting"), _("Present"), _("Apologies"), _("Absent"), _("Marked"),
                                   _("Present as a share of active members")]))
    for m in figures["meetings"]:
        sheet.append([xlsx.excel_date(m["date"]), clean(m["title"]), m["present"], m["apologies"], m["absent"],
                      m["marked"], xlsx.percent(sheet, m["share"])])
    sheet.append([])
    sheet.append(xlsx.bold(sheet, [_("Organisations")]))
    sheet.append(xlsx.bold(sheet, [_("Organisation"), _("Times present"), _("Members present")]))
    for o in figures["organisations"]:
        sheet.append([clean(o["organisation"]), o["times_present"], o["members_present"]])
    sheet.append([])
    sheet.append(xlsx.bold(sheet, [_("Network")]))
    sheet.append([_("Active members"), figures["active_members"]])
    sheet.append([_("Active members who came at least once"), figures["active_members_present"]])
    sheet.append([_("Share of active members who came (the aim is one third or more)"),
                  xlsx.percent(sheet, figures["kpi"])])
