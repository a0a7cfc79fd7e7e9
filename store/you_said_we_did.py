""""You said, we did": what became of every item a member raised.

An item can travel: joined with a duplicate, or moved to a later meeting that
decides on it again (and may move it again). Each of the member's items is
followed along those links to where it ended up: its decision, or its
reason for being declined, and the actions that came from it.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from store import actions
from store.agenda import item_title
from store.db import Store
from store.i18n import _
from store.records import resolve_id

_ITEM = (
    "SELECT i.id, i.meeting_id, i.title, i.standing, i.kind, i.status, i.decline_reason, i.deferred_to, "
    "i.merged_into, i.carried_from, i.decision, i.proposed_at, i.summary, mt.title AS meeting_title, mt.date AS meeting_date, "
    "d.title AS deferred_to_title, d.date AS deferred_to_date, "
    # Where an accepted item stands in its meeting's running order (ordered as store/agenda.py orders it).
    "CASE WHEN i.status = 'accepted' THEN (SELECT COUNT(*) FROM agenda_items o WHERE o.meeting_id = i.meeting_id "
    "AND o.status = 'accepted' AND o.deleted_at IS NULL AND (o.position < i.position "
    "OR (o.position = i.position AND o.id <= i.id))) END AS place, "
    "CASE WHEN i.status = 'accepted' THEN (SELECT COUNT(*) FROM agenda_items o WHERE o.meeting_id = i.meeting_id "
    "AND o.status = 'accepted' AND o.deleted_at IS NULL) END AS places "
    "FROM agenda_items i JOIN meetings mt ON mt.id = i.meeting_id LEFT JOIN meetings d ON d.id = i.deferred_to "
    "WHERE i.deleted_at IS NULL AND mt.deleted_at IS NULL "
)


def _step(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "item_id": row["id"],
        "meeting_id": row["meeting_id"],
        "meeting_title": row["meeting_title"],
        "meeting_date": row["meeting_date"],
        "title": item_title(row),
        "status": row["status"],
        "decline_reason": row["decline_reason"],
        "decision": row["decision"],
        "place": row["place"],
        "places": row["places"],
    }


def _next(conn: sqlite3.Connection, row: sqlite3.Row) -> tuple[str, sqlite3.Row] | None:
    """Return where an item went next (joined into another, or carried to a later meeting), if anywhere."""
    if row["status"] == "merged" and row["merged_into"]:
        found = conn.execute(_ITEM + "AND i.id = ?", (row["merged_into"],)).fetchone()
        return ("merged", found) if found else None
    if row["status"] == "deferred":
        found = conn.execute(_ITEM + "AND i.carried_from = ? ORDER BY i.id LIMIT 1", (row["id"],)).fetchone()
        return ("carried", found) if found else None
    return None


def _follow(conn: sqlite3.Connection, origin: sqlite3.Row) -> list[dict[str, Any]]:
    steps, seen, current = [], {origin["id"]}, origin
    # `seen` stops a loop that two laptops merging two items into each other could make.
    while (found := _next(conn, current)) is not None and found[1]["id"] not in seen:
        how, current = found
        seen.add(current["id"])
        steps.append({**_step(current), "how": how})
    return steps


def _actions(store: Store, item_ids: list[str]) -> list[dict[str, Any]]:
    keep = ("id", "description", "owners", "due_date", "status", "status_note", "overdue")
    return [{k: a[k] for k in keep} for a in actions.item_actions(store, item_ids)]


def you_said_we_did(store: Store, member_id: str) -> list[dict[str, Any]]:
    """Return every item a member proposed and what became of it, newest meeting first.

    Each entry has the meeting, the item's title and status, a decline reason,
    its place in the running order when accepted (`place` of `places`),
    the meeting it was moved to, `steps` (where it went after that: joined
    with another item, carried to a later meeting, and how each ended),
    `outcome` (the last step, or the item itself), the decision, and the
    actions from any item along the way with their owners and status. An item
    carried on from one of the member's own items is shown inside that item's
    steps, not again on its own.
    """
    conn = store.conn
    member = resolve_id(conn, "members", member_id, _("member"))
    own = conn.execute(_ITEM + "AND i.proposer_id = ?", (member,)).fetchall()
    own_ids = {row["id"] for row in own}
    ranked = []
    for row in own:
        if row["carried_from"] in own_ids:
            continue
        steps = _follow(conn, row)
        outcome = steps[-1] if steps else _step(row)
        entry = {
            **_step(row),
            "kind": row["kind"],
            "summary": row["summary"],
            "deferred_to": {"meeting_id": row["deferred_to"], "title": row["deferred_to_title"],
                            "date": row["deferred_to_date"]} if row["deferred_to"] else None,
            "steps": steps,
            "outcome": outcome,
            "decision": outcome["decision"],
            "actions": _actions(store, [row["id"], *(s["item_id"] for s in steps)]),
        }
        # Newest first by the last meeting the item reached, so news of it comes first.
        newest = max([row["meeting_date"], *(s["meeting_date"] for s in steps)])
        ranked.append(((newest, row["meeting_date"], row["proposed_at"] or "", row["id"]), entry))
    ranked.sort(key=lambda pair: pair[0], reverse=True)
    return [entry for _key, entry in ranked]
