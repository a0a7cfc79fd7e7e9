"""The register: who is expected at a meeting, and how each person is marked.

The people expected are every active network member, plus anyone with a mark
at this meeting (walk-ins, guests, members since deactivated). A person with
no mark yet is "not marked" (the `expected` status).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from store import changes, meetings, members
from store.dates import parse_time
from store.db import Store
from store.errors import CoprodError
from store.i18n import _
from store.ids import link_id
from store.records import like_pattern, matches, resolve_id, row_dict

STATUSES = ("expected", "present", "apologies", "absent")

_ROW = (
    "SELECT m.id AS member_id, m.name, o.name AS organisation, m.member_type, m.access_needs, "
    "COALESCE(a.status, 'expected') AS status, a.arrived_at, a.left_at, "
    "COALESCE(a.remote, 0) AS remote, COALESCE(a.supporter, 0) AS supporter, "
    "COALESCE(a.role, CASE m.member_type WHEN 'staff' THEN 'staff' WHEN 'guest' THEN 'guest' ELSE 'member' END) AS role "
    "FROM members m LEFT JOIN organisations o ON o.id = m.organisation_id "
    "LEFT JOIN attendance a ON a.meeting_id = :meeting AND a.member_id = m.id AND a.deleted_at IS NULL "
)
# Expected: active members who had joined by the meeting's day (so a past register
# does not grow when people join later), plus anyone marked at this meeting.
_JOINED = "(m.created_at IS NULL OR substr(m.created_at, 1, 10) <= :day)"
_EXPECTED = (
    "m.deleted_at IS NULL AND ((m.active = 1 AND m.member_type != 'guest' AND " + _JOINED + ") OR a.id IS NOT NULL)"
)


def _day(conn: sqlite3.Connection, meeting_id: str) -> str:
    row = conn.execute("SELECT date FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
    return row[0] if row else ""


def _where(search: str, status: str | None) -> tuple[str, dict[str, Any]]:
    clauses = [_EXPECTED]
    params: dict[str, Any] = {}
    text = " ".join((search or "").split())
    if text:
        clauses.append(matches(("m.name", "o.name"), ":q", text))
        params["q"] = like_pattern(text)
    if status:
        clauses.append("COALESCE(a.status, 'expected') = :status")
        params["status"] = status
    return " AND ".join(clauses), params


def register_rows(
    store: Store, meeting_id: str, search: str = "", offset: int = 0, limit: int = 50, status: str | None = None
) -> list[dict[str, Any]]:
    """Return one page of the register, by name, filtered by name or organisation."""
    where, params = _where(search, status)
    params.update(meeting=meeting_id, day=_day(store.conn, meeting_id), limit=limit, offset=offset)
    rows = store.query(_ROW + f"WHERE {where} ORDER BY m.name COLLATE NOCASE, m.id LIMIT :limit OFFSET :offset", params)
    return [row_dict(r, ("access_needs",)) for r in rows]


def register_size(store: Store, meeting_id: str, search: str = "", status: str | None = None) -> int:
    """Return how many people `register_rows` would list in all."""
    where, params = _where(search, status)
    params.update(meeting=meeting_id, day=_day(store.conn, meeting_id))
    sql = (
        "SELECT COUNT(*) FROM members m "
        + ("LEFT JOIN organisations o ON o.id = m.organisation_id " if "q" in params else "")
        + "LEFT JOIN attendance a ON a.meeting_id = :meeting AND a.member_id = m.id AND a.deleted_at IS NULL "
        + f"WHERE {where}"
    )
    return store.one(sql, params)[0]


def register_entry(store: Store, meeting_id: str, member_id: str) -> dict[str, Any]:
    """Return one person's line of the register."""
    row = store.one(_ROW + "WHERE m.id = :member", {"meeting": meeting_id, "member": member_id})
    return row_dict(row, ("access_needs",))


def counts(store: Store, meeting_id: str) -> dict[str, int]:
    """Return present, apologies, absent, not marked, remote and total for a meeting."""
    conn = store.conn
    marked = dict.fromkeys(STATUSES, 0)
    for status, n in conn.execute(
        "SELECT status, COUNT(*) FROM attendance WHERE meeting_id = ? AND deleted_at IS NULL GROUP BY status",
        (meeting_id,),
    ):
        marked[status] = n
    day = _day(conn, meeting_id)
    extra = conn.execute(
        "SELECT COUNT(*) FROM attendance a JOIN members m ON m.id = a.member_id "
        "WHERE a.meeting_id = :meeting AND a.deleted_at IS NULL AND m.deleted_at IS NULL "
        "AND NOT (m.active = 1 AND m.member_type != 'guest' AND " + _JOINED + ")",
        {"meeting": meeting_id, "day": day},
    ).fetchone()[0]
    remote = conn.execute(
        "SELECT COUNT(*) FROM attendance WHERE meeting_id = ? AND deleted_at IS NULL AND status = 'present' AND remote = 1",
        (meeting_id,),
    ).fetchone()[0]
    joined = conn.execute(
        "SELECT COUNT(*) FROM members m WHERE m.deleted_at IS NULL AND m.active = 1 "
        "AND m.member_type != 'guest' AND " + _JOINED, {"day": day},
    ).fetchone()[0]
    total = joined + extra
    done = marked["present"] + marked["apologies"] + marked["absent"]
    return {
        "present": marked["present"],
        "apologies": marked["apologies"],
        "absent": marked["absent"],
        "unmarked": total - done,
        "remote": remote,
        "total": total,
    }


def _default_role(conn: sqlite3.Connection, member_id: str) -> str:
    member_type = conn.execute("SELECT member_type FROM members WHERE id = ?", (member_id,)).fetchone()[0]
    return {"staff": "staff", "guest": "guest"}.get(member_type, "member")


def _role_code(role: str) -> str:
    from store import vocab

    code = vocab.code_for(vocab.ROLES, role)
    if code is None:
        choices = ", ".join(_(v) for v in vocab.ROLES.values())
        raise CoprodError(_("{value} is not a role. Choose one of: {choices}.").format(value=role, choices=choices))
    return code


def _write(conn: sqlite3.Connection, meeting_id: str, member_id: str, values: dict[str, Any]) -> None:
    row_id = link_id(meeting_id, member_id)
    exists = conn.execute("SELECT 1 FROM attendance WHERE id = ?", (row_id,)).fetchone()
    if not exists:
        # A new mark starts from the person's usual role, so staff stay staff.
        values = {"meeting_id": meeting_id, "member_id": member_id, "remote": 0, "supporter": 0,
                  "role": _default_role(conn, member_id), **values}
    changes.record(conn, "attendance", row_id, values)


def _target(conn: sqlite3.Connection, meeting_id: str, member_id: str) -> tuple[str, str]:
    meeting = meetings.require_open(conn, meeting_id)
    member = resolve_id(conn, "members", member_id, _("member"))
    return meeting, member


def _current(conn: sqlite3.Connection, meeting_id: str, member_id: str) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT status, arrived_at, left_at FROM attendance WHERE id = ?", (link_id(meeting_id, member_id),)
    ).fetchone()


def mark(store: Store, meeting_id: str, member_id: str, status: str) -> None:
    """Mark a person present, apologies or absent (or 'expected' to unmark)."""
    if status not in STATUSES:
        raise CoprodError(_("Mark a person present, apologies or absent."))
    with store.transaction() as conn:
        meeting, member = _target(conn, meeting_id, member_id)
        current = _current(conn, meeting, member)
        if current is not None and current["status"] == status:
            return
        values: dict[str, Any] = {"status": status}
        if status == "present" and current is not None:
            values.update(arrived_at=current["arrived_at"], left_at=current["left_at"])
        else:
            values.update(arrived_at=None, left_at=None)
        _write(conn, meeting, member, values)


def _mark_time(store: Store, meeting_id: str, member_id: str, column: str, time: str | None) -> None:
    """Mark a person present with `column` (arrived_at or left_at) set to `time`; keep the other time."""
    value = parse_time(time, column)
    with store.transaction() as conn:
        meeting, member = _target(conn, meeting_id, member_id)
        current = _current(conn, meeting, member)
        times = {"arrived_at": None, "left_at": None}
        if current is not None and current["status"] == "present":
            times = {"arrived_at": current["arrived_at"], "left_at": current["left_at"]}
        times[column] = value
        if times["arrived_at"] and times["left_at"] and times["left_at"] <= times["arrived_at"]:
            if column == "arrived_at":
                raise CoprodError(_("They cannot arrive after they left ({time}).").format(time=times["left_at"]))
            raise CoprodError(_("They cannot leave before they arrived ({time}).").format(time=times["arrived_at"]))
        _write(conn, meeting, member, {"status": "present", **times})


def mark_arrived(store: Store, meeting_id: str, member_id: str, time: str | None) -> None:
    """Mark a person present, arriving late at `time` (HH:MM); an empty time clears it."""
    _mark_time(store, meeting_id, member_id, "arrived_at", time)


def mark_left(store: Store, meeting_id: str, member_id: str, time: str | None) -> None:
    """Record that a person left early at `time` (HH:MM); an empty time clears it."""
    _mark_time(store, meeting_id, member_id, "left_at", time)


def set_details(
    store: Store, meeting_id: str, member_id: str, *, remote: bool | None = None,
    supporter: bool | None = None, role: str | None = None,
) -> None:
    """Set whether a person joined remotely, came with a supporter or PA, and their role."""
    values: dict[str, Any] = {}
    if remote is not None:
        values["remote"] = int(remote)
    if supporter is not None:
        values["supporter"] = int(supporter)
    if role is not None:
        values["role"] = _role_code(role)
    if not values:
        return
    with store.transaction() as conn:
        meeting, member = _target(conn, meeting_id, member_id)
        _write(conn, meeting, member, values)


def add_walk_in(
    store: Store, meeting_id: str, member_id: str | None = None, name: str = "", organisation: str = "",
    role: str = "guest",
) -> str:
    """Mark an existing member present, or add a new guest and mark them present; return the member id."""
    role_code = _role_code(role)
    with store.transaction() as conn:
        meeting = meetings.require_open(conn, meeting_id)
        if member_id:
            member = resolve_id(conn, "members", member_id, _("member"))
            values = {"status": "present"}
        else:
            member = members.insert_member(conn, {"name": name, "organisation": organisation, "member_type": "guest",
                                                  "payment_preference": "declines"})
            values = {"status": "present", "arrived_at": None, "left_at": None, "role": role_code}
        _write(conn, meeting, member, values)
        return member


def unmarked_names(store: Store, meeting_id: str, limit: int = 200) -> list[str]:
    """Return the names of people not yet marked, by name."""
    rows = register_rows(store, meeting_id, status="expected", limit=limit)
    return [r["name"] for r in rows]


def close_meeting(store: Store, meeting_id: str, mark_absent: bool) -> int:
    """Close a meeting, first marking everyone not yet marked absent if asked; return how many were marked."""
    with store.transaction() as conn:
        meeting = resolve_id(conn, "meetings", meeting_id, _("meeting"))
        if conn.execute("SELECT status FROM meetings WHERE id = ?", (meeting,)).fetchone()[0] == "closed":
            raise CoprodError(_("This meeting is already closed."))
        marked = 0
        if mark_absent:
            ids = [
                r[0] for r in conn.execute(
                    "SELECT m.id FROM members m LEFT JOIN attendance a ON a.meeting_id = :meeting "
                    "AND a.member_id = m.id AND a.deleted_at IS NULL "
                    f"WHERE {_EXPECTED} AND COALESCE(a.status, 'expected') = 'expected'",
                    {"meeting": meeting, "day": _day(conn, meeting)},
                )
            ]
            for member in ids:
                _write(conn, meeting, member, {"status": "absent", "arrived_at": None, "left_at": None})
            marked = len(ids)
        meetings.set_status_in(conn, meeting, "closed")
        return marked
