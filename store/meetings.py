"""Meetings: create, edit, open, close and reopen; lists by date."""

from __future__ import annotations

from typing import Any

# The change log (store.changes) is imported by the functions that write: the home
# screen reads this module before its first frame, and that need not wait for it.
from store.dates import now_iso, today
from store.db import Store
from store.errors import CoprodError, MeetingNotOpen
from store.i18n import _
from store.ids import new_id
from store.records import resolve_id, row_dict

_FIELDS = ("title", "kind", "date", "start_time", "end_time", "mode", "venue")
_SELECT = (
    "SELECT id, title, kind, date, start_time, end_time, mode, venue, status, reopened, created_at "
    "FROM meetings "
)


def _validate(data: dict[str, Any]) -> dict[str, Any]:
    from store.models import MeetingIn, validate

    return validate(MeetingIn, data).model_dump()


def create_meeting(store: Store, data: dict[str, Any]) -> str:
    """Create a planned meeting from `data`, with its standing agenda items, and return its id."""
    from store import changes
    from store.agenda import add_standing_items

    values = _validate(data)
    meeting_id = new_id()
    values.update(created_at=now_iso(), status="planned", reopened=0)
    with store.transaction() as conn:
        changes.record(conn, "meetings", meeting_id, values)
        add_standing_items(conn, meeting_id)
    return meeting_id


def update_meeting(store: Store, meeting_id: str, data: dict[str, Any]) -> None:
    """Change some of a meeting's details; the others stay as they are."""
    from store import changes

    with store.transaction() as conn:
        real = resolve_id(conn, "meetings", meeting_id, _("meeting"))
        current = dict(conn.execute(_SELECT + "WHERE id = ?", (real,)).fetchone())
        merged = {k: current[k] for k in _FIELDS}
        merged.update(data)
        values = _validate(merged)
        changed = {k: v for k, v in values.items() if current.get(k) != v}
        if changed:
            changes.record(conn, "meetings", real, changed)


def get_meeting(store: Store, meeting_id: str) -> dict[str, Any]:
    """Return one meeting."""
    real = resolve_id(store.conn, "meetings", meeting_id, _("meeting"))
    return row_dict(store.one(_SELECT + "WHERE id = ?", (real,)))


def set_status(store: Store, meeting_id: str, status: str) -> None:
    """Open, close or reopen a meeting. Reopening a closed meeting is remembered."""
    with store.transaction() as conn:
        set_status_in(conn, meeting_id, status)


def set_status_in(conn, meeting_id: str, status: str) -> None:
    """Change a meeting's status inside the caller's transaction."""
    from store import changes

    real = resolve_id(conn, "meetings", meeting_id, _("meeting"))
    current, reopened = conn.execute("SELECT status, reopened FROM meetings WHERE id = ?", (real,)).fetchone()
    if status not in ("planned", "open", "closed"):
        raise CoprodError(_("A meeting can be planned, open or closed."))
    if current == status:
        return
    if current == "closed" and status == "open":
        reopened = 1
    changes.record(conn, "meetings", real, {"status": status, "reopened": reopened})


def require_open(conn, meeting_id: str) -> str:
    """Return the meeting's id if its register can be changed; refuse a closed meeting."""
    real = resolve_id(conn, "meetings", meeting_id, _("meeting"))
    status = conn.execute("SELECT status FROM meetings WHERE id = ?", (real,)).fetchone()[0]
    if status == "closed":
        raise CoprodError(_("This meeting is closed. Reopen it to change the register."))
    if status == "planned":
        raise MeetingNotOpen(_("This meeting is not open yet. Open it to take the register."))
    return real


def list_meetings(
    store: Store, since: str | None = None, until: str | None = None, newest_first: bool = False
) -> list[dict[str, Any]]:
    """Return meetings between two ISO dates (both included), by date."""
    clauses, params = ["deleted_at IS NULL"], []
    if since:
        clauses.append("date >= ?")
        params.append(since)
    if until:
        clauses.append("date <= ?")
        params.append(until)
    order = "DESC" if newest_first else "ASC"
    rows = store.query(
        _SELECT + f"WHERE {' AND '.join(clauses)} ORDER BY date {order}, start_time {order}, id", params
    )
    return [dict(r) for r in rows]


def upcoming(store: Store, limit: int = 20) -> list[dict[str, Any]]:
    """Return today's and later meetings, soonest first, then any still open from earlier."""
    start = today().isoformat()
    rows = store.query(
        _SELECT + "WHERE deleted_at IS NULL AND (date >= ? OR status = 'open') "
        "ORDER BY date, start_time, id LIMIT ?",
        (start, limit),
    )
    return [dict(r) for r in rows]


def recent(store: Store, limit: int = 20) -> list[dict[str, Any]]:
    """Return past meetings, newest first."""
    rows = store.query(
        _SELECT + "WHERE deleted_at IS NULL AND date < ? AND status != 'open' ORDER BY date DESC, start_time DESC LIMIT ?",
        (today().isoformat(), limit),
    )
    return [dict(r) for r in rows]
