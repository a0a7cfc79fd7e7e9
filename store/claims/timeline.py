"""A claim's history in words: who did what, and when, in replay order."""

from __future__ import annotations

from typing import Any

from store import vocab
from store.claims.checks import resolve_claim
from store.claims.events import order, replay
from store.claims.refusals import conflict_words
from store.claims.state import Event
from store.claims.projection import load_events
from store.claims.words import day, money
from store.db import Store
from store.i18n import _


def _line_words(data: dict[str, Any], lines: dict[str, dict[str, Any]]) -> tuple[str, str]:
    known = lines.get(data.get("line_id"), {})
    category = data.get("category") or known.get("category")
    pence = data.get("amount_pence", known.get("amount_pence"))
    return vocab.label(vocab.LINE_CATEGORIES, category), money(pence)


def describe(event: Event, lines: dict[str, dict[str, Any]]) -> str:
    """Return what one event did, in a plain sentence."""
    data, kind = event.data, event.kind
    if kind in ("line_added", "line_changed", "line_removed", "adjusted"):
        category, amount = _line_words(data, lines)
        if kind == "line_added":
            return _("Added {category}: {amount}.").format(category=category, amount=amount)
        if kind == "line_changed":
            return _("Changed {category}: now {amount}.").format(category=category, amount=amount)
        if kind == "line_removed":
            return _("Took off {category}: {amount}.").format(category=category, amount=amount)
        return _("Corrected {category} by {amount}: {note}").format(category=category, amount=amount,
                                                                   note=data.get("note") or "")
    if kind == "returned":
        return _("Sent back for changes: {reason}").format(reason=data.get("reason") or "")
    if kind == "rejected":
        return _("Rejected: {reason}").format(reason=data.get("reason") or "")
    if kind == "paid":
        return _("Paid on {date}, reference {reference}.").format(date=day(data.get("paid_on")),
                                                                 reference=data.get("payment_reference") or "")
    if kind == "withdrawn" and data.get("reason"):
        return _("Withdrawn: {reason}").format(reason=data["reason"])
    if kind == "batched":
        return _("Sent to finance in a payment batch.")
    if kind in ("correction_batched", "correction_paid"):
        ids = data.get("line_ids") if isinstance(data.get("line_ids"), list) else []
        amount = money(sum(lines.get(i, {}).get("amount_pence") or 0 for i in ids if isinstance(i, str)))
        if kind == "correction_batched":
            return _("Sent a correction of {amount} to finance in a payment batch.").format(amount=amount)
        return _("Correction of {amount} paid on {date}, reference {reference}.").format(
            amount=amount, date=day(data.get("paid_on")), reference=data.get("payment_reference") or "")
    if kind == "resolved":
        return _("Marked a conflict as dealt with: {note}").format(note=data.get("note") or "")
    simple = {
        "created": _("Claim started."),
        "submitted": _("Sent for approval."),
        "approved": _("Approved."),
        "withdrawn": _("Withdrawn."),
    }
    return simple.get(kind, _("A change coprod does not know."))


def history(store: Store, claim_id: str) -> list[dict[str, Any]]:
    """Return the claim's events in order: event_id, at, actor_id, actor (name), kind, words, applied, conflict.

    `conflict` says in words why the event clashed (None if it did not), and
    `resolved_note` what the person who dealt with that conflict decided
    (None while it is open, or when there is none).
    """
    return entries(store, resolve_claim(store.conn, claim_id))


def entries(store: Store, real: str) -> list[dict[str, Any]]:
    """Return history() for a whole claim id, even one whose claim row has not arrived yet (only its events)."""
    events = load_events(store.conn, real)
    state = replay(events)
    names = {r[0]: r[1] for r in store.query(
        "SELECT DISTINCT m.id, m.name FROM claim_events e JOIN members m ON m.id = e.actor_id WHERE e.claim_id = ?",
        (real,),
    )}
    notes = {e.id: str(e.data.get("note") or "") for e in events if e.kind == "resolved"}
    clashes: dict[str, tuple[str, str | None]] = {}
    # An event's open conflict is shown before one already dealt with.
    for conflict in sorted(state.conflicts, key=lambda c: c.resolved_by_event is not None):
        note = notes.get(conflict.resolved_by_event) if conflict.resolved_by_event else None
        clashes.setdefault(conflict.event_id, (conflict_words(conflict.kind), note))
    lines: dict[str, dict[str, Any]] = {}
    out = []
    for event in order(events):
        words = describe(event, lines)
        if event.kind in ("line_added", "adjusted", "line_changed") and event.data.get("line_id"):
            lines[event.data["line_id"]] = {**lines.get(event.data["line_id"], {}), **event.data}
        applied = event.id not in state.skipped
        why, note = clashes.get(event.id, (None, None))
        if why is None and not applied and event.kind == "resolved":
            why = conflict_words("no_conflict")
        out.append({
            "event_id": event.id, "at": event.at, "actor_id": event.actor_id,
            "actor": names.get(event.actor_id, ""), "kind": event.kind, "words": words,
            "applied": applied, "conflict": why, "resolved_note": note,
        })
    return out
