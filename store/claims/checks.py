"""What every claim command checks before it writes: the claim, the person acting, the state.

A command reads the claim's state by replaying its events (not the local
tables), refuses in plain words what the state machine does not allow, and
only then appends its event.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from store.claims import log
from store.claims.state import ClaimState
from store.claims.projection import load_state
from store.errors import CoprodError, InputError, NotFound
from store.i18n import _
from store.records import MIN_PREFIX, resolve_id


def resolve_claim(conn: sqlite3.Connection, text: str) -> str:
    """Return the claim id that equals `text` or uniquely starts with it."""
    key = (text or "").strip().lower()
    if not key:
        raise InputError(_("Give the claim's id."))
    row = conn.execute("SELECT id FROM claims WHERE id = ?", (key,)).fetchone()
    if row:
        return row[0]
    if len(key) >= MIN_PREFIX:
        rows = conn.execute("SELECT id FROM claims WHERE id >= ? AND id < ? LIMIT 2", (key, key + "\uffff")).fetchall()
        if len(rows) == 1:
            return rows[0][0]
        if len(rows) > 1:
            raise InputError(_("More than one claim has an id starting {id}. Give more of the id.").format(id=key))
    raise NotFound(_("There is no claim with id {id}.").format(id=key))


def claim_row(conn: sqlite3.Connection, claim_id: str) -> dict[str, Any]:
    """Return the claim with its member's name, type and payment details, and its meeting."""
    row = conn.execute(
        "SELECT c.id, c.member_id, c.meeting_id, c.created_by, m.name, m.member_type, m.payment_preference, "
        "m.fee_cap_pence, m.paid_by_employer, g.date AS meeting_date, g.status AS meeting_status "
        "FROM claims c JOIN members m ON m.id = c.member_id JOIN meetings g ON g.id = c.meeting_id WHERE c.id = ?",
        (claim_id,),
    ).fetchone()
    if row is None:
        raise NotFound(_("There is no claim with id {id}.").format(id=claim_id))
    return dict(row)


def actor(conn: sqlite3.Connection, actor_id: str) -> dict[str, Any]:
    """Return the person acting (a member: staff are members too)."""
    real = resolve_id(conn, "members", actor_id, _("person"))
    return dict(conn.execute("SELECT id, name, member_type FROM members WHERE id = ?", (real,)).fetchone())


def require_staff(person: dict[str, Any], message: str) -> None:
    """Refuse with `message` unless the person is staff."""
    if person["member_type"] != "staff":
        raise CoprodError(message)


def require_staff_or_claimant(person: dict[str, Any], claim: dict[str, Any]) -> None:
    """Refuse unless the person is staff or the member the claim is for."""
    if person["member_type"] != "staff" and person["id"] != claim["member_id"]:
        raise CoprodError(_("Only staff or {name} can change this claim.").format(name=claim["name"]))


def state_allowing(conn: sqlite3.Connection, claim_id: str, kind: str, data: dict[str, Any]) -> ClaimState:
    """Return the claim's state, or refuse in plain words if `kind` can't happen now."""
    from store.claims.refusals import refusal_message

    state = load_state(conn, claim_id)
    message = refusal_message(state, kind, data)
    if message:
        raise CoprodError(message)
    return state


def write(conn: sqlite3.Connection, claim_id: str, kind: str, actor_id: str, data: dict[str, Any]) -> str:
    """Check the state allows `kind`, then append the event; return its id."""
    state = state_allowing(conn, claim_id, kind, data)
    return log.append(conn, claim_id, kind, actor_id, data, after=state.last_event_id)
