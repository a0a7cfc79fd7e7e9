"""Conflicts between laptops for a person to sort out: the open ones on every claim; checks before one is dealt with.

A conflict is two steps on one claim, taken on two laptops, that could not
both stand (store.claims.events). Each is listed with both steps in plain
words, who took each and when, and what the claim is now, so that whoever
deals with it (usually finance) can decide without opening anything else.
Dealing with one is a `resolved` event (workflow.resolve_conflict); the
conflict stays in the claim's history, marked as dealt with.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from store import vocab
from store.claims import checks
from store.claims.refusals import conflict_words, conflicts_naming
from store.claims.state import MAX_NOTE, Conflict
from store.claims.projection import load_state
from store.claims.timeline import entries
from store.claims.words import day
from store.db import Store
from store.errors import CoprodError, InputError, NotFound
from store.i18n import N_, _
from store.records import MIN_PREFIX

# Each kind of step in a word or two, for a list with little room.
STEP_WORDS = {
    "created": N_("Started"),
    "line_added": N_("Line added"),
    "line_changed": N_("Line changed"),
    "line_removed": N_("Line taken off"),
    "submitted": N_("Sent"),
    "returned": N_("Sent back"),
    "approved": N_("Approved"),
    "rejected": N_("Rejected"),
    "paid": N_("Paid"),
    "withdrawn": N_("Withdrawn"),
    "adjusted": N_("Corrected"),
    "batched": N_("Batched"),
    "resolved": N_("Dealt with"),
}

# LEFT JOINs: a conflict whose member or meeting has not arrived yet is still listed.
_OPEN = (
    "SELECT c.claim_id, c.event_id, c.other_event_id, c.kind, c.noted_at, s.status, s.total_pence, s.member_id, "
    "m.name AS member_name, s.meeting_id, s.meeting_date, g.title AS meeting_title "
    "FROM claim_conflicts c JOIN claim_state s ON s.claim_id = c.claim_id "
    "LEFT JOIN members m ON m.id = s.member_id LEFT JOIN meetings g ON g.id = s.meeting_id "
    "WHERE c.resolved_by_event IS NULL "
    "ORDER BY c.noted_at DESC, c.claim_id, c.event_id, c.other_event_id LIMIT ? OFFSET ?"
)


def open_conflicts(store: Store, limit: int = -1, offset: int = 0) -> list[dict[str, Any]]:
    """Return a page of the conflicts no one has dealt with yet, across every claim, newest first (-1: all).

    Each: claim_id, event_id, other_event_id, kind, words (what it means),
    noted_at, member_id, member_name, meeting_id, meeting_title, meeting_date,
    status and status_words (the claim now), total_pence, and `steps`: the
    two events, the earlier first (one, when the other is not known), each
    with event_id, kind, kind_words ("Approved"), actor_id, actor (name),
    at, words, applied and a whole `sentence` ("Ben Carter on 22 Nov 2026
    at 10:40: Approved.").
    """
    rows = [dict(r) for r in store.query(_OPEN, (limit, offset))]
    steps_of: dict[str, dict[str, dict[str, Any]]] = {}
    for row in rows:
        if row["claim_id"] not in steps_of:
            steps_of[row["claim_id"]] = {h["event_id"]: h for h in entries(store, row["claim_id"])}
        steps = steps_of[row["claim_id"]]
        row["words"] = conflict_words(row["kind"])
        row["status_words"] = vocab.label(vocab.CLAIM_STATUSES, row["status"])
        row["steps"] = [_step(steps[e]) for e in (row["other_event_id"], row["event_id"]) if e in steps]
    return rows


def count_open_conflicts(store: Store) -> int:
    """Return how many conflicts no one has dealt with yet."""
    return store.one("SELECT COUNT(*) FROM claim_conflicts WHERE resolved_by_event IS NULL")[0]


def moment(at: str | None) -> tuple[str, str]:
    """Return (date, time) of a stored timestamp in this computer's time zone: ('22 Nov 2026', '10:40')."""
    if not at:
        return "", ""
    stamp = dt.datetime.fromisoformat(at)
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone()
    return day(stamp.date().isoformat()), stamp.strftime("%H:%M")


def _step(entry: dict[str, Any]) -> dict[str, Any]:
    date, time = moment(entry["at"])
    who = entry["actor"] or _("Someone")
    if entry["applied"]:
        sentence = _("{who} on {date} at {time}: {what}").format(who=who, date=date, time=time, what=entry["words"])
    else:
        sentence = _("{who} on {date} at {time}: {what} (not applied)").format(who=who, date=date, time=time,
                                                                              what=entry["words"])
    keep = ("event_id", "kind", "actor_id", "actor", "at", "words", "applied")
    step = STEP_WORDS.get(entry["kind"])
    kind_words = _(step) if step else _("A change coprod does not know.")
    return {**{k: entry[k] for k in keep}, "kind_words": kind_words, "sentence": sentence}


# --- before a conflict is dealt with ----------------------------------------------------------------


def note_text(note: Any) -> str:
    """Return what the person decided, tidied, or refuse an empty or overlong note in plain words."""
    text = " ".join(str(note or "").split())
    if not text:
        raise InputError(_("Say what you decided, so others know."), "note")
    if len(text) > MAX_NOTE:
        raise InputError(_("Keep this under {n} characters.").format(n=MAX_NOTE), "note")
    return text


def require_may_resolve(person: dict[str, Any], claim: dict[str, Any]) -> None:
    """Refuse unless the person is staff, and not the member the claim is for."""
    if person["member_type"] != "staff":
        raise CoprodError(_("Only staff can mark a conflict as dealt with."))
    if person["id"] == claim["member_id"]:
        raise CoprodError(_("You can't deal with a conflict on your own claim. Ask another member of staff."))


def find_event(conn: sqlite3.Connection, claim_id: str, text: str) -> str:
    """Return the id of the claim's event that equals `text` or uniquely starts with it."""
    key = (text or "").strip().lower()
    if not key:
        raise InputError(_("Give the id of one of the two steps that clashed."), "event_id")
    row = conn.execute("SELECT id FROM claim_events WHERE id = ? AND claim_id = ?", (key, claim_id)).fetchone()
    if row:
        return row[0]
    if len(key) >= MIN_PREFIX:
        rows = conn.execute("SELECT id FROM claim_events WHERE claim_id = ? AND id >= ? AND id < ? LIMIT 2",
                            (claim_id, key, key + "\uffff")).fetchall()
        if len(rows) == 1:
            return rows[0][0]
        if len(rows) > 1:
            raise InputError(_("More than one step of this claim has an id starting {id}. Give more of the id.")
                             .format(id=key), "event_id")
    raise NotFound(_("This claim has no step with id {id}.").format(id=key))


def checked_target(conn: sqlite3.Connection, claim_id: str, actor_id: str, event_id: str) -> tuple[str, str, str]:
    """Make every check before a conflict is dealt with, but the note's; return the claim, person and event ids."""
    real = checks.resolve_claim(conn, claim_id)
    claim, person = checks.claim_row(conn, real), checks.actor(conn, actor_id)
    require_may_resolve(person, claim)
    target = find_event(conn, real, event_id)
    open_conflicts_naming(conn, real, target)
    return real, person["id"], target


def check_resolvable(store: Store, claim_id: str, actor_id: str, event_id: str) -> None:
    """Refuse in plain words what resolve_conflict would refuse, before anyone types the note."""
    checked_target(store.conn, claim_id, actor_id, event_id)


def open_conflicts_naming(conn: sqlite3.Connection, claim_id: str, event_id: str) -> list[Conflict]:
    """Return the open conflicts that involve the event, or refuse: none clashed there, or all are dealt with."""
    state = load_state(conn, claim_id)
    naming = conflicts_naming(state, event_id)
    if not naming:
        raise CoprodError(_("Nothing clashed at that step of this claim, so there is nothing to deal with."))
    still_open = [c for c in naming if c.resolved_by_event is None]
    if not still_open:
        raise CoprodError(_("That conflict has already been dealt with."))
    return still_open
