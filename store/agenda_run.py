"""The running order and running the meeting.

Reordering and timeboxing accepted items; which item is on, the timer,
minutes, decisions and declarations of interest.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from store import changes
from store.agenda import GAP, accepted_rows, check_length, editable_item, get_item, get_meeting_row, item_title, meeting_length
from store.dates import now_iso
from store.db import Store
from store.errors import CoprodError, MeetingNotOpen
from store.i18n import _
from store.ids import link_id
from store.records import resolve_id

LONG_TEXT = 20_000
_RUNNING = (
    "SELECT id, title, standing, kind, minutes_asked, minutes_allowed, started_at, ended_at FROM agenda_items "
    "WHERE meeting_id = ? AND status = 'accepted' AND deleted_at IS NULL "
)


def move(store: Store, item_id: str, step: int) -> bool:
    """Move an accepted item one place up (-1) or down (+1); return False at either end."""
    if step not in (-1, 1):
        raise CoprodError(_("Move an item one place up or down."))
    with store.transaction() as conn:
        item, meeting = editable_item(conn, item_id)
        if item["status"] != "accepted":
            raise CoprodError(_("Only accepted items have a place in the running order. Accept it first."))
        rows = accepted_rows(conn, meeting["id"])
        index = next(k for k, r in enumerate(rows) if r["id"] == item["id"])
        other = index + step
        if not 0 <= other < len(rows):
            return False
        mine, theirs = rows[index], rows[other]
        if mine["position"] != theirs["position"]:
            changes.record(conn, "agenda_items", mine["id"],
                           {"position": theirs["position"], "minutes_allowed": mine["minutes_allowed"]})
            changes.record(conn, "agenda_items", theirs["id"],
                           {"position": mine["position"], "minutes_allowed": theirs["minutes_allowed"]})
            return True
        # Two laptops can give two items one position; number them afresh.
        order = list(rows)
        order[index], order[other] = order[other], order[index]
        for k, row in enumerate(order, start=1):
            if row["position"] != k * GAP:
                changes.record(conn, "agenda_items", row["id"],
                               {"position": k * GAP, "minutes_allowed": row["minutes_allowed"]})
        return True


def timebox(store: Store, item_id: str, minutes: int | str) -> None:
    """Set how many minutes an accepted item is given in the running order."""
    from store.models import minutes as whole_minutes

    allowed = whole_minutes(minutes, "minutes_allowed")
    with store.transaction() as conn:
        item, meeting = editable_item(conn, item_id)
        if item["status"] != "accepted":
            raise CoprodError(_("Accept the item first, then give it its time."))
        check_length(meeting, allowed, "minutes_allowed")
        if allowed != item["minutes_allowed"]:
            changes.record(conn, "agenda_items", item["id"], {"position": item["position"], "minutes_allowed": allowed})


# --- running the meeting ----------------------------------------------------------------------


def _open_meeting(conn: sqlite3.Connection, meeting_id: str) -> dict[str, Any]:
    meeting = get_meeting_row(conn, meeting_id)
    if meeting["status"] == "closed":
        raise CoprodError(_("This meeting is closed. Reopen it to run the agenda."))
    if meeting["status"] == "planned":
        raise MeetingNotOpen(_("This meeting is not open yet. Open it to start the agenda."))
    return meeting


def _end_running(conn: sqlite3.Connection, meeting_id: str, now: str, keep: str | None = None) -> None:
    for row in conn.execute(_RUNNING + "AND started_at IS NOT NULL AND ended_at IS NULL", (meeting_id,)).fetchall():
        if row["id"] != keep:
            changes.record(conn, "agenda_items", row["id"], {"started_at": row["started_at"], "ended_at": now})


def _start(conn: sqlite3.Connection, item: dict[str, Any] | sqlite3.Row, now: str) -> None:
    # Going back to an item that already ran resumes it: its first start is kept for the minutes.
    changes.record(conn, "agenda_items", item["id"], {"started_at": item["started_at"] or now, "ended_at": None})


def start_item(store: Store, item_id: str) -> None:
    """Start an accepted item, ending the one running before it. The meeting must be open."""
    with store.transaction() as conn:
        item = get_item(conn, item_id)
        meeting = _open_meeting(conn, item["meeting_id"])
        if item["status"] != "accepted":
            raise CoprodError(_("Accept this item before starting it."))
        if item["started_at"] and not item["ended_at"]:
            return
        now = now_iso()
        _end_running(conn, meeting["id"], now, keep=item["id"])
        _start(conn, item, now)


def end_item(store: Store, item_id: str) -> None:
    """End the running item."""
    with store.transaction() as conn:
        item = get_item(conn, item_id)
        _open_meeting(conn, item["meeting_id"])
        if not item["started_at"]:
            raise CoprodError(_("This item has not started."))
        if not item["ended_at"]:
            changes.record(conn, "agenda_items", item["id"], {"started_at": item["started_at"], "ended_at": now_iso()})


def next_item(store: Store, meeting_id: str) -> str | None:
    """End the running item and start the next accepted one not yet ended; return its id, or None at the end."""
    with store.transaction() as conn:
        meeting = _open_meeting(conn, meeting_id)
        now = now_iso()
        _end_running(conn, meeting["id"], now)
        row = conn.execute(_RUNNING + "AND ended_at IS NULL ORDER BY position, id LIMIT 1", (meeting["id"],)).fetchone()
        if row is None:
            return None
        _start(conn, row, now)
        return row["id"]


def _running_row(conn: sqlite3.Connection, meeting_id: str) -> sqlite3.Row | None:
    # Two laptops may each have started an item; the later start is the one on.
    return conn.execute(
        _RUNNING + "AND started_at IS NOT NULL AND ended_at IS NULL ORDER BY started_at DESC, id DESC LIMIT 1",
        (meeting_id,),
    ).fetchone()


def running(store: Store, meeting_id: str) -> dict[str, Any] | None:
    """Return the item running now at a meeting, or None."""
    meeting = get_meeting_row(store.conn, meeting_id)
    row = _running_row(store.conn, meeting["id"])
    if row is None:
        return None
    out = dict(row)
    out["display_title"] = item_title(out)
    return out


def _moment(value: str | dt.datetime) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


def _seconds(start: str | dt.datetime, end: str | dt.datetime) -> int:
    # Clocks on two laptops can disagree a little: never show negative time.
    return max(0, int((_moment(end) - _moment(start)).total_seconds()))


def timer(store: Store, meeting_id: str, now: str | dt.datetime | None = None) -> dict[str, Any]:
    """Return time used against time allowed, in seconds, for the running item and for the meeting.

    The meeting's time runs from its first item's start until now, or until
    its last item ended once every accepted item has ended. Its time allowed is
    its length, or the items' timeboxes added up when it has no start and end.
    """
    meeting = get_meeting_row(store.conn, meeting_id)
    at = _moment(now or now_iso())
    rows = store.query(_RUNNING + "ORDER BY position, id", (meeting["id"],))
    current = _running_row(store.conn, meeting["id"])
    allowed_total = sum((r["minutes_allowed"] or r["minutes_asked"]) for r in rows) * 60
    length = meeting_length(meeting)
    starts = [r["started_at"] for r in rows if r["started_at"]]
    if not starts:
        meeting_used = 0
    elif current is not None or any(not r["ended_at"] for r in rows):
        meeting_used = _seconds(min(starts), at)
    else:
        meeting_used = _seconds(min(starts), max(r["ended_at"] for r in rows))
    item_used = _seconds(current["started_at"], at) if current else None
    item_allowed = (current["minutes_allowed"] or current["minutes_asked"]) * 60 if current else None
    meeting_allowed = length * 60 if length is not None else allowed_total
    return {
        "item_id": current["id"] if current else None,
        "item_title": item_title(current) if current else None,
        "item_used_seconds": item_used,
        "item_allowed_seconds": item_allowed,
        "item_over": current is not None and item_used > item_allowed,
        "meeting_used_seconds": meeting_used,
        "meeting_allowed_seconds": meeting_allowed,
        "meeting_over": meeting_used > meeting_allowed,
    }


# --- what is written during the meeting ----------------------------------------------------


def _long(text: str | None, field: str) -> str | None:
    from store.models import long_text

    return long_text(text, LONG_TEXT, field)


def set_notes(store: Store, item_id: str, text: str | None) -> None:
    """Keep the minutes typed for an item (long text, line breaks kept); empty text clears them."""
    value = _long(text, "notes")
    with store.transaction() as conn:
        item, _meeting = editable_item(conn, item_id)
        if item["notes"] != value:
            changes.record(conn, "agenda_items", item["id"], {"notes": value})


def set_decision(store: Store, item_id: str, text: str | None) -> None:
    """Keep what the meeting decided on an item; empty text clears it."""
    value = _long(text, "decision")
    with store.transaction() as conn:
        item, _meeting = editable_item(conn, item_id)
        if item["decision"] != value:
            changes.record(conn, "agenda_items", item["id"], {"decision": value})


def declare_interest(store: Store, item_id: str, member_id: str, note: str = "") -> None:
    """Record that a person declared an interest in an item, with an optional note."""
    from store.models import long_text

    text = long_text(" ".join(str(note or "").split()), 300, "note")
    with store.transaction() as conn:
        item, _meeting = editable_item(conn, item_id)
        member = resolve_id(conn, "members", member_id, _("member"))
        row_id = link_id(item["id"], member)
        current = conn.execute("SELECT note, deleted_at FROM agenda_interests WHERE id = ?", (row_id,)).fetchone()
        if current is None:
            changes.record(conn, "agenda_interests", row_id, {"item_id": item["id"], "member_id": member, "note": text})
            return
        if current["note"] != text:
            changes.record(conn, "agenda_interests", row_id, {"note": text})
        if current["deleted_at"] is not None:
            changes.record(conn, "agenda_interests", row_id, {"deleted_at": None})


def withdraw_interest(store: Store, item_id: str, member_id: str) -> None:
    """Take back a declaration of interest (kept as a tombstone so the change syncs)."""
    with store.transaction() as conn:
        item, _meeting = editable_item(conn, item_id)
        member = resolve_id(conn, "members", member_id, _("member"))
        row_id = link_id(item["id"], member)
        current = conn.execute("SELECT deleted_at FROM agenda_interests WHERE id = ?", (row_id,)).fetchone()
        if current is not None and current["deleted_at"] is None:
            changes.record(conn, "agenda_interests", row_id, {"deleted_at": now_iso()})
