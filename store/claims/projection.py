"""The local tables read by lists and exports, rebuilt from each claim's events.

claim_state, claim_lines and claim_conflicts are never synced and never
written by hand: whenever a claim or one of its events is applied (here or by
sync), `changes.apply` calls the hooks below in the same transaction, and the
claim is replayed again. Replaying the log into an empty database therefore
gives the same tables. Big writers (the demo, the benchmark data) may hold the
refreshes with `deferred()` and replay each claim once at the end.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from typing import Any

from store.claims.events import replay
from store.claims.state import ClaimState, Event

_EVENT_COLUMNS = "id, claim_id, after, kind, actor_id, at, data"
_STATE_COLUMNS = (
    "claim_id", "member_id", "meeting_id", "meeting_date", "status", "fee_pence", "expense_pence", "total_pence",
    "payment_method", "submitted_by", "submitted_at", "approved_by", "approved_at", "rejected_reason", "paid_at",
    "payment_reference", "batch_id", "conflict", "last_event_id", "updated_at", "correction_due_pence",
)
_LINE_COLUMNS = (
    "line_id", "claim_id", "position", "line_kind", "category", "quantity", "rate_pence", "amount_pence",
    "line_date", "receipt_ref", "receipt_path", "prior_approval", "note", "adjustment", "removed", "batch_id",
    "paid_on", "payment_reference",
)
_INSERT_STATE = f"INSERT OR REPLACE INTO claim_state ({', '.join(_STATE_COLUMNS)}) VALUES ({', '.join('?' * len(_STATE_COLUMNS))})"
_INSERT_LINE = f"INSERT INTO claim_lines ({', '.join(_LINE_COLUMNS)}) VALUES ({', '.join('?' * len(_LINE_COLUMNS))})"
_INSERT_CONFLICT = (
    "INSERT INTO claim_conflicts (claim_id, event_id, other_event_id, kind, noted_at, resolved_by_event) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)

# Connections (by id) whose refreshes are being held, with the claims waiting.
_held: dict[int, set[str]] = {}


def load_events(conn: sqlite3.Connection, claim_id: str) -> list[Event]:
    """Return a claim's events as stored (in no particular order)."""
    rows = conn.execute(f"SELECT {_EVENT_COLUMNS} FROM claim_events WHERE claim_id = ?", (claim_id,))
    return [Event.from_row(row) for row in rows]


def load_state(conn: sqlite3.Connection, claim_id: str) -> ClaimState:
    """Return a claim's state, replayed from its events (the truth the commands check against)."""
    return replay(load_events(conn, claim_id))


def refresh_claim(conn: sqlite3.Connection, claim_id: str) -> None:
    """Replay one claim and rewrite its rows in the local tables."""
    held = _held.get(id(conn))
    if held is not None:
        held.add(claim_id)
        return
    events = load_events(conn, claim_id)
    claim = conn.execute(
        "SELECT c.member_id, c.meeting_id, m.date FROM claims c LEFT JOIN meetings m ON m.id = c.meeting_id "
        "WHERE c.id = ?", (claim_id,),
    ).fetchone()
    _write(conn, claim_id, tuple(claim) if claim else None, events)


def _write(conn: sqlite3.Connection, claim_id: str, claim: tuple | None, events: list[Event]) -> None:
    conn.execute("DELETE FROM claim_lines WHERE claim_id = ?", (claim_id,))
    conn.execute("DELETE FROM claim_conflicts WHERE claim_id = ?", (claim_id,))
    if claim is None and not events:
        conn.execute("DELETE FROM claim_state WHERE claim_id = ?", (claim_id,))
        return
    state = replay(events)
    member_id, meeting_id, meeting_date = claim or (None, None, None)
    conn.execute(_INSERT_STATE, _state_row(claim_id, member_id, meeting_id, meeting_date, state))
    conn.executemany(_INSERT_LINE, _line_rows(claim_id, state))
    conn.executemany(_INSERT_CONFLICT, [
        (claim_id, c.event_id, c.other_event_id, c.kind, c.noted_at, c.resolved_by_event) for c in state.conflicts
    ])


def _state_row(claim_id: str, member_id: Any, meeting_id: Any, meeting_date: Any, state: ClaimState) -> tuple:
    return (
        claim_id, member_id, meeting_id, meeting_date, state.status, state.fee_pence, state.expense_pence,
        state.total_pence, state.payment_method, state.submitted_by, state.submitted_at, state.approved_by,
        state.approved_at, state.rejected_reason, state.paid_at, state.payment_reference, state.batch_id,
        # Needs checking only while a conflict is open; those dealt with stay in claim_conflicts.
        int(bool(state.open_conflicts)), state.last_event_id, state.updated_at, state.correction_due_pence,
    )


def _line_rows(claim_id: str, state: ClaimState) -> list[tuple]:
    return [
        (line.line_id, claim_id, line.position, line.line_kind, line.category, line.quantity, line.rate_pence,
         line.amount_pence, line.line_date, line.receipt_ref, line.receipt_path, line.prior_approval, line.note,
         line.adjustment, line.removed, line.batch_id, line.paid_on, line.payment_reference)
        for line in state.lines.values()
    ]


def rebuild_projections(conn: sqlite3.Connection) -> int:
    """Empty the local claim tables and rebuild them from every claim's events; return how many claims."""
    for table in ("claim_state", "claim_lines", "claim_conflicts"):
        conn.execute(f"DELETE FROM {table}")
    claims = {
        row[0]: tuple(row[1:]) for row in conn.execute(
            "SELECT c.id, c.member_id, c.meeting_id, m.date FROM claims c LEFT JOIN meetings m ON m.id = c.meeting_id"
        )
    }
    events: dict[str, list[Event]] = {}
    for row in conn.execute(f"SELECT {_EVENT_COLUMNS} FROM claim_events"):
        events.setdefault(row[1], []).append(Event.from_row(row))
    for claim_id in sorted(set(claims) | set(events)):
        _write(conn, claim_id, claims.get(claim_id), events.get(claim_id, []))
    return len(set(claims) | set(events))


@contextlib.contextmanager
def deferred(conn: sqlite3.Connection) -> Iterator[None]:
    """Hold claim refreshes on `conn` inside the block, then replay each touched claim once.

    For writers of many events at a time; commands that read a claim's state
    back inside the block must not rely on the local tables until it ends.
    """
    if id(conn) in _held:
        yield
        return
    waiting: set[str] = set()
    _held[id(conn)] = waiting
    try:
        yield
    finally:
        del _held[id(conn)]
    for claim_id in sorted(waiting):
        refresh_claim(conn, claim_id)


def after_claim(conn: sqlite3.Connection, change: Any) -> None:
    """Hook: a claim row was written; replay it (its member and meeting are known now)."""
    refresh_claim(conn, change.row_id)


def after_event(conn: sqlite3.Connection, change: Any) -> None:
    """Hook: an event was written; replay its claim."""
    claim_id = change.values().get("claim_id")
    if claim_id:
        refresh_claim(conn, claim_id)


def after_meeting(conn: sqlite3.Connection, change: Any) -> None:
    """Hook: a meeting's details were written; its claims take its (perhaps new) date."""
    if change.grp == "details":
        conn.execute(
            "UPDATE claim_state SET meeting_date = ? WHERE meeting_id = ? AND meeting_date IS NOT ?",
            (change.values().get("date"), change.row_id, change.values().get("date")),
        )
