"""Agenda items: proposals, triage, and the agenda screen's one read.

Members propose items; the facilitator accepts, declines (with a reason the
member sees), defers to a later meeting or merges duplicates. Ordering and
timeboxing the accepted items, and running the meeting, live in
store/agenda_run.py.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from store import actions, changes, vocab
from store.dates import now_iso
from store.db import Store
from store.errors import CoprodError, InputError
from store.i18n import _
from store.ids import link_id, new_id
from store.records import resolve_id

SOURCES = ("member", "floor", "import")
# (code, kind, minutes, position). Positions leave gaps so that accepted items
# can go between them without renumbering the rest.
STANDING = (
    ("welcome", "information", 10, 10),
    ("apologies", "information", 5, 20),
    ("matters_arising", "discussion", 15, 30),
    ("aob", "discussion", 10, 40),
)
GAP = 10
PROPOSAL_FIELDS = ("title", "kind", "minutes_asked", "summary", "details")
_ON_AGENDA = ("proposed", "accepted")

_ITEMS = (
    "SELECT i.id, i.meeting_id, i.title, i.kind, i.minutes_asked, i.summary, i.details, i.proposer_id, "
    "i.proposed_at, i.source, i.standing, i.carried_from, i.status, i.decline_reason, i.deferred_to, "
    "i.merged_into, i.position, i.minutes_allowed, i.started_at, i.ended_at, i.notes, i.decision, "
    "p.name AS proposer_name, o.name AS proposer_organisation, p.consent_date IS NOT NULL AS proposer_named, "
    "d.title AS deferred_to_title, d.date AS deferred_to_date, "
    "cm.title AS carried_from_title, cm.date AS carried_from_date "
    "FROM agenda_items i LEFT JOIN members p ON p.id = i.proposer_id "
    "LEFT JOIN organisations o ON o.id = p.organisation_id "
    "LEFT JOIN meetings d ON d.id = i.deferred_to "
    "LEFT JOIN agenda_items c ON c.id = i.carried_from LEFT JOIN meetings cm ON cm.id = c.meeting_id "
)


# --- shared pieces -----------------------------------------------------------------


def item_title(item: dict[str, Any] | sqlite3.Row) -> str:
    """Return the item's title, or the translated name of a standing item not renamed."""
    title = item["title"]
    if title:
        return title
    return vocab.label(vocab.STANDING_ITEMS, item["standing"]) if item["standing"] else ""


def meeting_length(meeting: dict[str, Any] | sqlite3.Row) -> int | None:
    """Return a meeting's length in minutes from its start and end times, or None if not set."""
    start, end = meeting["start_time"], meeting["end_time"]
    if not start or not end:
        return None
    (h1, m1), (h2, m2) = (map(int, start.split(":")), map(int, end.split(":")))
    length = (h2 * 60 + m2) - (h1 * 60 + m1)
    return length if length > 0 else None


def get_item(conn: sqlite3.Connection, item_id: str) -> dict[str, Any]:
    """Return one agenda item's row; the id may be a unique prefix."""
    real = resolve_id(conn, "agenda_items", item_id, _("agenda item"))
    return dict(conn.execute("SELECT * FROM agenda_items WHERE id = ?", (real,)).fetchone())


def get_meeting_row(conn: sqlite3.Connection, meeting_id: str) -> dict[str, Any]:
    """Return the meeting fields the agenda needs; the id may be a unique prefix."""
    real = resolve_id(conn, "meetings", meeting_id, _("meeting"))
    return dict(conn.execute(
        "SELECT id, title, kind, date, start_time, end_time, mode, venue, status, reopened FROM meetings WHERE id = ?",
        (real,),
    ).fetchone())


def editable_item(conn: sqlite3.Connection, item_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return an item and its meeting, refusing one whose meeting is closed."""
    item = get_item(conn, item_id)
    meeting = get_meeting_row(conn, item["meeting_id"])
    if meeting["status"] == "closed":
        raise CoprodError(_("This meeting is closed. Reopen it to change the agenda."))
    return item, meeting


def _refuse_settled(item: dict[str, Any]) -> None:
    """Refuse to triage an item that has already gone elsewhere."""
    if item["status"] == "deferred":
        raise CoprodError(_("This item was moved to a later meeting. Change it there."))
    if item["status"] == "merged":
        raise CoprodError(_("This item was joined with another item. Change that one."))


def _minutes(value: Any, field: str) -> int:
    from store.models import minutes

    return minutes(value, field)


def check_length(meeting: dict[str, Any], minutes: int, field: str = "minutes_asked") -> None:
    """Refuse a number of minutes longer than the whole meeting (when it has start and end times)."""
    length = meeting_length(meeting)
    if length is not None and minutes > length:
        raise InputError(
            _("The meeting is only {n} minutes long. Ask for {n} minutes or less.").format(n=length), field
        )


def _validate(data: dict[str, Any], standing: bool = False) -> dict[str, Any]:
    from store.models import ItemIn, StandingItemIn, validate

    return validate(StandingItemIn if standing else ItemIn, data).model_dump()


def accepted_rows(conn: sqlite3.Connection, meeting_id: str) -> list[sqlite3.Row]:
    """Return the running order of a meeting: its accepted items by position."""
    return conn.execute(
        "SELECT id, position, minutes_allowed, standing FROM agenda_items "
        "WHERE meeting_id = ? AND status = 'accepted' AND deleted_at IS NULL ORDER BY position, id",
        (meeting_id,),
    ).fetchall()


def _place(conn: sqlite3.Connection, meeting_id: str, exclude: str | None = None) -> int:
    """Return the position for a newly accepted item: last, but before 'any other business'.

    When 'any other business' is last and there is no room before it, it moves
    down one place (a second change in the same transaction).
    """
    rows = [r for r in accepted_rows(conn, meeting_id) if r["id"] != exclude]
    if not rows:
        return GAP
    last = rows[-1]
    if last["standing"] != "aob":
        return last["position"] + GAP
    before = rows[-2]["position"] if len(rows) > 1 else 0
    position = before + GAP
    if position >= last["position"]:
        changes.record(conn, "agenda_items", last["id"],
                       {"position": position + GAP, "minutes_allowed": last["minutes_allowed"]})
    return position


# --- proposals -------------------------------------------------------------------------


def propose(store: Store, meeting_id: str, data: dict[str, Any]) -> str:
    """Propose an item for a meeting and return its id.

    `data` holds title, kind, minutes_asked, summary, details, proposer_id and
    source ('member', 'floor' for from the floor, or 'import'). An item from
    the floor is accepted at once, last before 'any other business'.
    """
    fields = dict(data)
    proposer = fields.pop("proposer_id", None)
    source = fields.pop("source", None) or "member"
    if source not in SOURCES:
        raise InputError(_("An item comes from a member, from the floor or from an import."), "source")
    values = _validate(fields)
    with store.transaction() as conn:
        meeting = get_meeting_row(conn, meeting_id)
        if meeting["status"] == "closed":
            raise CoprodError(_("This meeting is closed. Items can't be added."))
        check_length(meeting, values["minutes_asked"])
        if not str(proposer or "").strip():
            raise InputError(_("Choose who proposed this item."), "proposer_id")
        values.update(
            meeting_id=meeting["id"], proposer_id=resolve_id(conn, "members", proposer, _("member")),
            proposed_at=now_iso(), source=source, standing=None, carried_from=None,
        )
        if source == "floor":
            values.update(status="accepted", minutes_allowed=values["minutes_asked"],
                          position=_place(conn, meeting["id"]))
        else:
            values["status"] = "proposed"
        item_id = new_id()
        changes.record(conn, "agenda_items", item_id, values)
    return item_id


def add_standing_items(conn: sqlite3.Connection, meeting_id: str) -> list[str]:
    """Add the four standing items to a meeting, inside the caller's transaction; return their ids.

    Their ids come from the meeting, so adding them twice (or on two laptops)
    writes the same four rows.
    """
    created = conn.execute("SELECT created_at FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
    at = (created[0] if created else None) or now_iso()
    made = []
    for code, kind, minutes, position in STANDING:
        item_id = link_id(meeting_id, "standing", code)
        if conn.execute("SELECT 1 FROM agenda_items WHERE id = ?", (item_id,)).fetchone() is None:
            changes.record(conn, "agenda_items", item_id, {
                "meeting_id": meeting_id, "title": "", "kind": kind, "minutes_asked": minutes, "summary": None,
                "details": None, "proposer_id": None, "proposed_at": at, "source": "standing", "standing": code,
                "carried_from": None, "status": "accepted", "position": position, "minutes_allowed": minutes,
            })
        made.append(item_id)
    return made


def edit_item(store: Store, item_id: str, data: dict[str, Any]) -> None:
    """Change an item's title, kind, summary, details or minutes asked for; the rest stay."""
    with store.transaction() as conn:
        item, meeting = editable_item(conn, item_id)
        merged = {k: item[k] for k in PROPOSAL_FIELDS}
        merged.update(data)
        values = _validate(merged, standing=bool(item["standing"]))
        changed = {k: v for k, v in values.items() if item[k] != v}
        if "minutes_asked" in changed:
            check_length(meeting, values["minutes_asked"])
        if changed:
            changes.record(conn, "agenda_items", item["id"], changed)


# --- triage ------------------------------------------------------------------------------


def accept(store: Store, item_id: str, minutes_allowed: int | str | None = None) -> None:
    """Accept an item onto the running order, last before 'any other business'.

    It is given the minutes it asked for unless `minutes_allowed` says otherwise.
    """
    with store.transaction() as conn:
        item, meeting = editable_item(conn, item_id)
        _refuse_settled(item)
        allowed = None if minutes_allowed in (None, "") else _minutes(minutes_allowed, "minutes_allowed")
        if allowed is not None:
            check_length(meeting, allowed, "minutes_allowed")
        if item["status"] == "accepted":
            if allowed is not None and allowed != item["minutes_allowed"]:
                changes.record(conn, "agenda_items", item["id"],
                               {"position": item["position"], "minutes_allowed": allowed})
            return
        position = _place(conn, meeting["id"], exclude=item["id"])
        changes.record(conn, "agenda_items", item["id"], {
            "status": "accepted", "decline_reason": None, "deferred_to": None, "merged_into": None,
            "position": position, "minutes_allowed": allowed or item["minutes_asked"],
        })


def decline(store: Store, item_id: str, reason: str) -> None:
    """Decline an item with a reason, which is kept and shown to the member."""
    from store.models import long_text

    text = long_text(reason, 2000, "decline_reason")
    if not text:
        raise InputError(_("Say why, so the member knows."), "decline_reason")
    with store.transaction() as conn:
        item, _meeting = editable_item(conn, item_id)
        _refuse_settled(item)
        if item["started_at"]:
            raise CoprodError(_("This item has started. Move it to a later meeting instead."))
        changes.record(conn, "agenda_items", item["id"], {
            "status": "declined", "decline_reason": text, "deferred_to": None, "merged_into": None,
        })


def defer(store: Store, item_id: str, to_meeting_id: str) -> str:
    """Move an item to a later meeting, which decides on it again; return the new item's id.

    Works before and during the meeting: a running item is ended first.
    """
    with store.transaction() as conn:
        item, meeting = editable_item(conn, item_id)
        if item["standing"]:
            raise CoprodError(_("Standing items come back at every meeting. There is no need to move them."))
        _refuse_settled(item)
        if not str(to_meeting_id or "").strip():
            raise InputError(_("Choose the meeting to move the item to."), "deferred_to")
        target = get_meeting_row(conn, to_meeting_id)
        if target["id"] == meeting["id"]:
            raise InputError(_("Choose a different meeting to move the item to."), "deferred_to")
        if target["status"] == "closed":
            raise CoprodError(_("That meeting is closed. Choose a meeting still to come."))
        if target["date"] < meeting["date"]:
            raise InputError(_("Choose a later meeting."), "deferred_to")
        if item["started_at"] and not item["ended_at"]:
            changes.record(conn, "agenda_items", item["id"], {"started_at": item["started_at"], "ended_at": now_iso()})
        changes.record(conn, "agenda_items", item["id"], {
            "status": "deferred", "decline_reason": None, "deferred_to": target["id"], "merged_into": None,
        })
        carried = new_id()
        proposal = {k: item[k] for k in (*PROPOSAL_FIELDS, "proposer_id", "proposed_at", "source")}
        changes.record(conn, "agenda_items", carried, {
            **proposal, "meeting_id": target["id"], "standing": None, "carried_from": item["id"],
            "status": "proposed",
        })
    return carried


def merge(store: Store, item_id: str, into_id: str) -> None:
    """Join a duplicate item into another on the same agenda; both proposers are kept."""
    with store.transaction() as conn:
        item, meeting = editable_item(conn, item_id)
        into = get_item(conn, into_id)
        if into["id"] == item["id"]:
            raise CoprodError(_("Choose another item to join this one with."))
        if into["meeting_id"] != meeting["id"]:
            raise CoprodError(_("Both items must be on the same meeting's agenda."))
        _refuse_settled(item)
        if into["status"] not in _ON_AGENDA:
            raise CoprodError(_("Choose an item that is still on the agenda or waiting for a decision."))
        if item["started_at"]:
            raise CoprodError(_("This item has started. It can't be joined with another now."))
        changes.record(conn, "agenda_items", item["id"], {
            "status": "merged", "decline_reason": None, "deferred_to": None, "merged_into": into["id"],
        })


def _joined_into(items: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Map each item id to the duplicates joined into it."""
    children: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        if item["status"] == "merged" and item["merged_into"]:
            children.setdefault(item["merged_into"], []).append(item)
    return children


def _proposers(item: dict[str, Any], children: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The item's own proposer first, then those of duplicates joined into it (nearest first), each once."""
    ranked, frontier, visited, depth = [], [item], {item["id"]}, 0
    while frontier:
        ranked += [(depth, i["proposed_at"] or "", i["id"], i) for i in frontier]
        # `visited` stops a loop that two laptops joining two items into each other could make.
        frontier = [c for i in frontier for c in children.get(i["id"], []) if c["id"] not in visited]
        visited.update(c["id"] for c in frontier)
        depth += 1
    found: dict[str, dict[str, Any]] = {}
    for *_key, current in sorted(ranked, key=lambda r: r[:3]):
        if current["proposer_id"]:
            found.setdefault(current["proposer_id"], {"id": current["proposer_id"], "name": current["proposer_name"],
                                                      "named": bool(current["proposer_named"])})
    return list(found.values())


def proposers(store: Store, item_id: str) -> list[dict[str, Any]]:
    """Return who proposed an item: its own proposer, then those of every item merged into it."""
    item = get_item(store.conn, item_id)
    # Merging stays within one meeting, so the meeting's items hold every duplicate.
    items = [dict(r) for r in store.query(_ITEMS + "WHERE i.meeting_id = ? AND i.deleted_at IS NULL",
                                          (item["meeting_id"],))]
    mine = next(i for i in items if i["id"] == item["id"])
    return _proposers(mine, _joined_into(items))


# --- the agenda screen -------------------------------------------------------------------------


def _shape(row: sqlite3.Row) -> dict[str, Any]:
    out = dict(row)
    out["proposer_named"] = bool(out["proposer_named"])
    out["display_title"] = item_title(out)
    out["minutes_shown"] = out["minutes_allowed"] or out["minutes_asked"]
    return out


def meeting_items(conn: sqlite3.Connection, meeting_id: str) -> list[dict[str, Any]]:
    """Return every item of a meeting with its proposers and declarations of interest (two queries)."""
    items = [_shape(r) for r in conn.execute(_ITEMS + "WHERE i.meeting_id = ? AND i.deleted_at IS NULL",
                                              (meeting_id,))]
    by_id = {item["id"]: item for item in items}
    for item in items:
        item["interests"] = []
    for row in conn.execute(
        "SELECT x.item_id, x.member_id, m.name, x.note, m.consent_date IS NOT NULL AS named "
        "FROM agenda_interests x JOIN agenda_items i ON i.id = x.item_id JOIN members m ON m.id = x.member_id "
        "WHERE i.meeting_id = ? AND x.deleted_at IS NULL AND i.deleted_at IS NULL "
        "ORDER BY m.name COLLATE NOCASE, m.id",
        (meeting_id,),
    ):
        by_id[row["item_id"]]["interests"].append(
            {"member_id": row["member_id"], "name": row["name"], "note": row["note"], "named": bool(row["named"])}
        )
    # Merging stays within one meeting, so every merged duplicate is in `items`.
    children = _joined_into(items)
    for item in items:
        item["proposers"] = _proposers(item, children)
        merged_into = by_id.get(item["merged_into"] or "")
        item["merged_into_title"] = merged_into["display_title"] if merged_into else None
    return items


def agenda(store: Store, meeting_id: str) -> dict[str, Any]:
    """Return everything the agenda screen shows for a meeting, in a handful of queries.

    proposals: waiting for a decision, oldest first; order: accepted items by
    position; other: declined, deferred and merged items; with the total time
    given, the meeting's length, whether it overruns, and how many open actions
    from earlier meetings come up under matters arising.
    """
    conn = store.conn
    meeting = get_meeting_row(conn, meeting_id)
    items = meeting_items(conn, meeting["id"])
    proposals = sorted((i for i in items if i["status"] == "proposed"), key=lambda i: (i["proposed_at"] or "", i["id"]))
    order = sorted((i for i in items if i["status"] == "accepted"), key=lambda i: (i["position"], i["id"]))
    other = sorted((i for i in items if i["status"] not in _ON_AGENDA),
                   key=lambda i: (i["proposed_at"] or "", i["id"]))
    total = sum(i["minutes_shown"] for i in order)
    length = meeting_length(meeting)
    return {
        "meeting": meeting,
        "proposals": proposals,
        "order": order,
        "other": other,
        "total_minutes": total,
        "meeting_minutes": length,
        "overrun": length is not None and total > length,
        "matters_arising_count": actions.count_matters_arising(conn, meeting["id"], meeting["date"], open_only=True),
    }
