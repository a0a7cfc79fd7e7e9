"""Actions: who will do what by when, and how each one ended.

An open action comes back under "matters arising" at every later meeting
until it is marked done or dropped.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from store import changes, vocab
from store.dates import now_iso, today
from store.db import Store
from store.errors import CoprodError, InputError
from store.i18n import _
from store.ids import link_id, new_id
from store.records import like_pattern, matches, resolve_id

STATUSES = tuple(vocab.ACTION_STATUSES)
_OWNER_CHUNK = 500

_SELECT = (
    "SELECT a.id, a.meeting_id, a.item_id, a.description, a.due_date, a.created_at, a.status, a.status_note, "
    "a.closed_at, a.closed_meeting_id, rm.title AS meeting_title, rm.date AS meeting_date, "
    "i.title AS item_title, i.standing AS item_standing, cm.title AS closed_meeting_title, cm.date AS closed_meeting_date "
    "FROM actions a LEFT JOIN meetings rm ON rm.id = a.meeting_id "
    "LEFT JOIN agenda_items i ON i.id = a.item_id "
    "LEFT JOIN meetings cm ON cm.id = a.closed_meeting_id "
)
_ORDER = " ORDER BY a.due_date IS NULL, a.due_date, a.created_at, a.id"
# Raised before a meeting: at an earlier meeting, or on its own before that day.
_RAISED_BEFORE = (
    "((a.meeting_id IS NOT NULL AND rm.date < :date) "
    "OR (a.meeting_id IS NULL AND substr(a.created_at, 1, 10) < :date))"
)


# --- shaping rows --------------------------------------------------------------------------


def _owners(conn: sqlite3.Connection, action_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {a: [] for a in action_ids}
    for start in range(0, len(action_ids), _OWNER_CHUNK):
        chunk = action_ids[start:start + _OWNER_CHUNK]
        marks = ", ".join("?" * len(chunk))
        for row in conn.execute(
            "SELECT o.action_id, m.id, m.name, m.consent_date IS NOT NULL AS named FROM action_owners o "
            f"JOIN members m ON m.id = o.member_id AND m.deleted_at IS NULL "
            f"WHERE o.deleted_at IS NULL AND o.action_id IN ({marks}) "
            "ORDER BY m.name COLLATE NOCASE, m.id",
            chunk,
        ):
            found[row["action_id"]].append({"id": row["id"], "name": row["name"], "named": bool(row["named"])})
    return found


def _shape(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    """Plain dicts with owners, the item's shown title and the overdue flag (one more query)."""
    day = today().isoformat()
    owners = _owners(conn, [r["id"] for r in rows])
    out = []
    for row in rows:
        action = dict(row)
        standing = action.pop("item_standing")
        if not action["item_title"] and standing:
            action["item_title"] = vocab.label(vocab.STANDING_ITEMS, standing)
        action["owners"] = owners[action["id"]]
        action["overdue"] = action["status"] == "open" and bool(action["due_date"]) and action["due_date"] < day
        out.append(action)
    return out


# --- commands ---------------------------------------------------------------------------------


def _validate(data: dict[str, Any]) -> dict[str, Any]:
    from store.models import ActionIn, validate

    return validate(ActionIn, data).model_dump()


def _owner_ids(conn: sqlite3.Connection, owners: Any) -> list[str]:
    """Return the members named by id (or unique id prefix), each once, in the order given."""
    given = [owners] if isinstance(owners, str) else list(owners or [])
    given = [str(o).strip() for o in given if str(o or "").strip()]
    if not given:
        raise InputError(_("Choose who will do this."), "owners")
    found: list[str] = []
    for text in given:
        member = resolve_id(conn, "members", text, _("member"))
        if member not in found:
            found.append(member)
    return found


def _links(conn: sqlite3.Connection, meeting_id: str | None, item_id: str | None) -> tuple[str | None, str | None]:
    meeting = resolve_id(conn, "meetings", meeting_id, _("meeting")) if str(meeting_id or "").strip() else None
    if not str(item_id or "").strip():
        return meeting, None
    item = resolve_id(conn, "agenda_items", item_id, _("agenda item"))
    item_meeting = conn.execute("SELECT meeting_id FROM agenda_items WHERE id = ?", (item,)).fetchone()[0]
    if meeting is not None and meeting != item_meeting:
        raise InputError(_("That item is on another meeting's agenda."), "item_id")
    return item_meeting, item


def _warnings(due_date: str | None) -> list[str]:
    if due_date and due_date < today().isoformat():
        return [_("The due date has passed.")]
    return []


def add_action(store: Store, data: dict[str, Any]) -> tuple[str, list[str]]:
    """Add an action and return (its id, warnings).

    `data` holds description, owners (member ids, at least one), due_date (as
    people type dates; optional) and optionally meeting_id and item_id. A due
    date in the past is allowed, with a warning.
    """
    fields = dict(data)
    owners = fields.pop("owners", None)
    meeting_id, item_id = fields.pop("meeting_id", None), fields.pop("item_id", None)
    values = _validate(fields)
    with store.transaction() as conn:
        owner_ids = _owner_ids(conn, owners)
        meeting, item = _links(conn, meeting_id, item_id)
        action_id = new_id()
        changes.record(conn, "actions", action_id, {
            **values, "meeting_id": meeting, "item_id": item, "created_at": now_iso(),
            "status": "open", "status_note": None, "closed_at": None, "closed_meeting_id": None,
        })
        for member in owner_ids:
            changes.record(conn, "action_owners", link_id(action_id, member), {"action_id": action_id, "member_id": member})
    return action_id, _warnings(values["due_date"])


def _set_owners(conn: sqlite3.Connection, action_id: str, owners: Any) -> None:
    """Make the action's owners exactly `owners`: removed ones become tombstones."""
    wanted = _owner_ids(conn, owners)
    current = {r["member_id"]: r["deleted_at"] for r in conn.execute(
        "SELECT member_id, deleted_at FROM action_owners WHERE action_id = ?", (action_id,))}
    stamp = now_iso()
    for member, deleted_at in current.items():
        if member not in wanted and deleted_at is None:
            changes.record(conn, "action_owners", link_id(action_id, member), {"deleted_at": stamp})
    for member in wanted:
        if member not in current:
            changes.record(conn, "action_owners", link_id(action_id, member), {"action_id": action_id, "member_id": member})
        elif current[member] is not None:
            changes.record(conn, "action_owners", link_id(action_id, member), {"deleted_at": None})


def edit_action(store: Store, action_id: str, data: dict[str, Any]) -> list[str]:
    """Change an action's description, due date, owners (the whole set) or the item it came from; return warnings."""
    fields = dict(data)
    owners = fields.pop("owners", None)
    new_item = fields.pop("item_id", False)  # False: not given; None or "": no item
    with store.transaction() as conn:
        real = resolve_id(conn, "actions", action_id, _("action"))
        current = conn.execute("SELECT description, due_date, meeting_id, item_id FROM actions WHERE id = ?",
                               (real,)).fetchone()
        values = _validate({"description": current["description"], "due_date": current["due_date"], **fields})
        if new_item is not False:
            # The item must be on the agenda of the meeting the action was raised at.
            meeting, item = _links(conn, current["meeting_id"], new_item)
            values.update(meeting_id=meeting if item else current["meeting_id"], item_id=item)
        changed = {k: v for k, v in values.items() if current[k] != v}
        if changed:
            changes.record(conn, "actions", real, changed)
        if owners is not None:
            _set_owners(conn, real, owners)
    return _warnings(values["due_date"]) if "due_date" in changed else []


def close_action(store: Store, action_id: str, status: str, note: str = "", meeting_id: str | None = None) -> None:
    """Mark an action done or dropped (dropping needs a note), at a meeting if one is given."""
    from store.models import long_text

    code = vocab.code_for(vocab.ACTION_STATUSES, str(status or ""))
    if code not in ("done", "dropped"):
        raise InputError(_("Mark the action done or dropped."), "status")
    text = long_text(note, 2000, "status_note")
    if code == "dropped" and not text:
        raise InputError(_("Say why it was dropped."), "status_note")
    with store.transaction() as conn:
        real = resolve_id(conn, "actions", action_id, _("action"))
        current = conn.execute("SELECT status FROM actions WHERE id = ?", (real,)).fetchone()[0]
        if current != "open":
            # Closing twice would overwrite when and where it was first closed, and why.
            raise CoprodError(_("This action is already done. Reopen it first to change that.") if current == "done"
                              else _("This action was dropped. Reopen it first to change that."))
        meeting = resolve_id(conn, "meetings", meeting_id, _("meeting")) if str(meeting_id or "").strip() else None
        changes.record(conn, "actions", real, {
            "status": code, "status_note": text, "closed_at": now_iso(), "closed_meeting_id": meeting,
        })


def reopen_action(store: Store, action_id: str) -> None:
    """Open a done or dropped action again; it comes back under matters arising."""
    with store.transaction() as conn:
        real = resolve_id(conn, "actions", action_id, _("action"))
        if conn.execute("SELECT status FROM actions WHERE id = ?", (real,)).fetchone()[0] != "open":
            changes.record(conn, "actions", real,
                           {"status": "open", "status_note": None, "closed_at": None, "closed_meeting_id": None})


# --- queries ----------------------------------------------------------------------------------------


def get_action(store: Store, action_id: str) -> dict[str, Any]:
    """Return one action with its owners."""
    real = resolve_id(store.conn, "actions", action_id, _("action"))
    return _shape(store.conn, store.query(_SELECT + "WHERE a.id = ?", (real,)))[0]


def _meeting_date(conn: sqlite3.Connection, meeting_id: str) -> tuple[str, str]:
    real = resolve_id(conn, "meetings", meeting_id, _("meeting"))
    return real, conn.execute("SELECT date FROM meetings WHERE id = ?", (real,)).fetchone()[0]


# Open now, or closed at the meeting or after its day: as the actions stood then.
_ARISING = (
    f"a.deleted_at IS NULL AND {_RAISED_BEFORE} AND (a.status = 'open' "
    "OR a.closed_meeting_id = :meeting OR COALESCE(cm.date, substr(a.closed_at, 1, 10)) >= :date)"
)


def matters_arising(store: Store, meeting_id: str, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
    """Return the actions that come up under matters arising at a meeting, by due date.

    Those raised before the meeting and still open, plus those marked done or
    dropped at it, or on its day outside any meeting (so the minutes show
    them). Looking back at an earlier meeting, actions closed since are shown
    as they stood then: `status_at_meeting` is 'open' for them, and
    `closed_here` tells those closed at the meeting (or on its day) apart.
    """
    meeting, date = _meeting_date(store.conn, meeting_id)
    rows = store.query(
        _SELECT + f"WHERE {_ARISING}" + _ORDER + " LIMIT :limit OFFSET :offset",
        {"meeting": meeting, "date": date, "limit": limit, "offset": offset},
    )
    out = _shape(store.conn, rows)
    for action in out:
        closed_on_the_day = action["closed_meeting_id"] is None and (action["closed_at"] or "")[:10] == date
        closed_here = action["status"] != "open" and (action["closed_meeting_id"] == meeting or closed_on_the_day)
        action["closed_here"] = closed_here
        action["status_at_meeting"] = action["status"] if closed_here or action["status"] == "open" else "open"
    return out


def count_matters_arising(conn: sqlite3.Connection, meeting_id: str, date: str | None = None,
                          open_only: bool = False) -> int:
    """Return how many actions `matters_arising` lists in all for a meeting (its date looked up if not given).

    With `open_only`, count only those still open: what the agenda's summary line speaks of.
    """
    if date is None:
        meeting_id, date = _meeting_date(conn, meeting_id)
    where = f"a.status = 'open' AND a.deleted_at IS NULL AND {_RAISED_BEFORE}" if open_only else _ARISING
    return conn.execute(
        "SELECT COUNT(*) FROM actions a LEFT JOIN meetings rm ON rm.id = a.meeting_id "
        f"LEFT JOIN meetings cm ON cm.id = a.closed_meeting_id WHERE {where}",
        {"meeting": meeting_id, "date": date},
    ).fetchone()[0]


def meeting_actions(store: Store, meeting_id: str) -> list[dict[str, Any]]:
    """Return the actions raised at a meeting, in running order of their items, then by when added."""
    meeting, _date = _meeting_date(store.conn, meeting_id)
    rows = store.query(
        _SELECT + "WHERE a.meeting_id = ? AND a.deleted_at IS NULL "
        "ORDER BY i.position IS NULL, i.position, a.created_at, a.id",
        (meeting,),
    )
    return _shape(store.conn, rows)


def item_actions(store: Store, item_ids: list[str]) -> list[dict[str, Any]]:
    """Return the actions raised from any of these agenda items, oldest first."""
    if not item_ids:
        return []
    marks = ", ".join("?" * len(item_ids))
    rows = store.query(
        _SELECT + f"WHERE a.deleted_at IS NULL AND a.item_id IN ({marks}) ORDER BY a.created_at, a.id", list(item_ids)
    )
    return _shape(store.conn, rows)


def _open_where(conn: sqlite3.Connection, owner_id: str | None, search: str) -> tuple[str, dict[str, Any]]:
    clauses = ["a.deleted_at IS NULL", "a.status = 'open'"]
    params: dict[str, Any] = {}
    if str(owner_id or "").strip():
        params["owner"] = resolve_id(conn, "members", owner_id, _("member"))
        clauses.append("a.id IN (SELECT action_id FROM action_owners WHERE member_id = :owner AND deleted_at IS NULL)")
    text = " ".join((search or "").split())
    if text:
        owner_named = ("a.id IN (SELECT o.action_id FROM action_owners o JOIN members m ON m.id = o.member_id "
                       f"WHERE o.deleted_at IS NULL AND m.deleted_at IS NULL AND {matches(('m.name',), ':q', text)})")
        clauses.append(f"({matches(('a.description',), ':q', text)} OR {owner_named})")
        params["q"] = like_pattern(text)
    return " AND ".join(clauses), params


def open_actions(
    store: Store, owner_id: str | None = None, search: str = "", limit: int = 200, offset: int = 0
) -> list[dict[str, Any]]:
    """Return one page of the network's open actions, by due date, filtered by owner, or by words in the
    description or an owner's name."""
    where, params = _open_where(store.conn, owner_id, search)
    rows = store.query(_SELECT + f"WHERE {where}" + _ORDER + " LIMIT :limit OFFSET :offset",
                       {**params, "limit": limit, "offset": offset})
    return _shape(store.conn, rows)


def count_open_actions(store: Store, owner_id: str | None = None, search: str = "") -> int:
    """Return how many actions `open_actions` would list in all."""
    where, params = _open_where(store.conn, owner_id, search)
    return store.one(f"SELECT COUNT(*) FROM actions a WHERE {where}", params)[0]
