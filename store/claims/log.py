"""Writing to a claim's event log: a new claim, and one more event.

Every write goes through `changes.record()`, inside the caller's transaction.
An event names the latest event of its claim this device had seen, so that
events written on two laptops can be ordered and checked when they meet.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from store import changes
from store.claims.state import EVENT_KINDS
from store.dates import now_iso
from store.ids import new_id

_UNSEEN = object()


def encode(data: dict[str, Any]) -> str:
    """Return event data as the JSON text stored (keys sorted, so the same data is the same text)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def new_claim(
    conn: sqlite3.Connection, member_id: str, meeting_id: str, actor_id: str, payment_method: str,
    *, claim_id: str | None = None, at: str | None = None, event_id: str | None = None,
) -> str:
    """Write a new claim and its `created` event; return the claim's id."""
    claim_id = claim_id or new_id()
    stamp = at or now_iso()
    changes.record(conn, "claims", claim_id, {
        "member_id": member_id, "meeting_id": meeting_id, "created_at": stamp, "created_by": actor_id,
    })
    append(conn, claim_id, "created", actor_id, {"payment_method": payment_method}, after=None, at=stamp,
           event_id=event_id)
    return claim_id


def head(conn: sqlite3.Connection, claim_id: str) -> str | None:
    """Return the id of the claim's latest event in replay order, as this device sees it."""
    row = conn.execute("SELECT last_event_id FROM claim_state WHERE claim_id = ?", (claim_id,)).fetchone()
    return row[0] if row else None


def append(
    conn: sqlite3.Connection, claim_id: str, kind: str, actor_id: str | None, data: dict[str, Any],
    *, after: Any = _UNSEEN, at: str | None = None, event_id: str | None = None,
) -> str:
    """Write one event of `kind` for the claim and return its id.

    `after` defaults to the claim's latest event; a writer holding refreshes
    (projection.deferred) passes it, since the local tables lag until the end.
    """
    if kind not in EVENT_KINDS:
        raise ValueError(f"unknown claim event {kind!r}")
    event_id = event_id or new_id()
    changes.record(conn, "claim_events", event_id, {
        "claim_id": claim_id, "after": head(conn, claim_id) if after is _UNSEEN else after, "kind": kind,
        "actor_id": actor_id, "at": at or now_iso(), "data": encode(data),
    })
    return event_id
