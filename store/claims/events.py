"""A claim's state machine, and the one `replay()` that turns its events into its state.

Pure code, no SQL: the projection, the commands and the tests all replay
through here, so there is exactly one set of rules (DESIGN rule 6).

Events form a tree by their `after` link (the latest event the writing device
had seen). `order()` walks that tree, and where two events follow the same
event (written on two laptops) the earlier (at, id) goes first, so every device
gets the same order from the same events, however they were stored. An event
written without seeing some events before it in that order is checked against
them; an incompatible pair is a conflict for a person to resolve. An event the
state no longer allows is not applied and is recorded as a conflict, except
`paid`: money sent is a fact, so a claim with a payment is paid whatever else
happened, and stays paid.

How each event changes the claim is here (`_apply`); whether it may happen
at all is store.claims.refusals; the state itself is store.claims.state.

A conflict stays in the claim's record for good. A person who has dealt with
it writes a `resolved` event naming one of the two events; from there on in
replay order the conflict counts as resolved, and the claim no longer needs
checking once none is left open.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from store.claims.refusals import has_payment, line_ids, refusal_code
from store.claims.state import (
    LINE_EDITS, STATUS_CHANGES, TRANSITIONS, ClaimState, Conflict, Event, Line, line_values, whole_pence,
)


def order(events: Iterable[Event]) -> list[Event]:
    """Return the events in replay order: each after the one it follows; siblings by (at, id)."""
    by_id: dict[str, Event] = {}
    for event in sorted(events, key=lambda e: (e.at, e.id)):
        by_id.setdefault(event.id, event)
    children: dict[str, list[Event]] = {}
    ready: list[tuple[str, str]] = []
    for event in by_id.values():
        if event.after is not None and event.after in by_id and event.after != event.id:
            children.setdefault(event.after, []).append(event)
        else:
            # The first event, or one whose predecessor has not arrived yet.
            ready.append((event.at, event.id))
    heapq.heapify(ready)
    out: list[Event] = []
    while ready:
        _at, event_id = heapq.heappop(ready)
        out.append(by_id[event_id])
        for child in children.get(event_id, ()):
            heapq.heappush(ready, (child.at, child.id))
    if len(out) < len(by_id):
        # Only a damaged log has a loop; keep its events, last, in a fixed order.
        placed = {e.id for e in out}
        out.extend(e for e in by_id.values() if e.id not in placed)
    return out


def replay(events: Iterable[Event]) -> ClaimState:
    """Return the claim's state after all its events, whatever order they were stored in."""
    state = ClaimState()
    ordered = order(events)
    position = {event.id: i for i, event in enumerate(ordered)}
    for i, event in enumerate(ordered):
        state.order.append(event.id)
        state.last_event_id = event.id
        state.updated_at = max(state.updated_at or "", event.at) or None
        refused = refusal_code(state, event.kind, event.data)
        if refused is None:
            for other in _unseen(ordered, position, i, event):
                if other.id not in state.skipped:
                    clash = _clash(event, other)
                    if clash:
                        _note(state, event, other.id, clash, other.at)
            _apply(state, event)
        elif refused == "same" or refused == "no_conflict":
            # A resolution that names no conflict has nothing to act on; it is kept in the history.
            state.skipped.add(event.id)
        elif event.kind == "paid" and refused == "state" and state.status != "paid" and has_payment(event.data):
            # Money was sent: the claim is paid, and the person sees why it clashed.
            _note(state, event, state.status_event_id, "paid_anyway", None)
            _apply(state, event)
        elif event.kind == "paid" and state.status == "paid":
            state.skipped.add(event.id)
            _note(state, event, state.status_event_id, "paid_twice", None)
        else:
            state.skipped.add(event.id)
            _note(state, event, state.status_event_id, refused if refused != "state" else "refused", None)
    return state


def _unseen(ordered: list[Event], position: dict[str, int], i: int, event: Event) -> list[Event]:
    """Events placed between `event` and the one it follows: written without seeing each other."""
    if event.after is None or event.after not in position:
        return []
    start = position[event.after]
    return ordered[start + 1:i] if start < i else []


def _clash(event: Event, other: Event) -> str | None:
    """Why two events written without seeing each other cannot both stand, or None."""
    kinds = {event.kind, other.kind}
    if event.kind in LINE_EDITS and other.kind in LINE_EDITS:
        if kinds == {"line_added"}:
            return None
        if event.data.get("line_id") == other.data.get("line_id"):
            return "same_line"
        return None
    if kinds & LINE_EDITS and kinds & STATUS_CHANGES:
        return "edit_and_decision"
    if event.kind in STATUS_CHANGES and other.kind in STATUS_CHANGES:
        return "two_decisions"
    if kinds == {"adjusted"}:
        return "two_adjustments"
    if kinds == {"batched", "paid"}:
        return "batch_and_payment"
    if kinds == {"correction_batched", "correction_paid"} and set(line_ids(event.data)) & set(line_ids(other.data)):
        return "batch_and_payment"
    return None


def _note(state: ClaimState, event: Event, other_id: str | None, kind: str, other_at: str | None) -> None:
    # Noted at the later of the two events, so every device records the same time.
    state.conflicts.append(Conflict(event.id, other_id, kind, max(event.at, other_at or "")))

def _add_to_totals(state: ClaimState, line: Line, sign: int) -> None:
    if line.line_kind == "fee":
        state.fee_pence += sign * line.amount_pence
    else:
        state.expense_pence += sign * line.amount_pence


def _new_line(state: ClaimState, data: dict[str, Any], adjustment: int) -> Line:
    return Line(
        line_id=data["line_id"], position=len(state.lines) + 1, line_kind=data["line_kind"],
        category=data["category"], quantity=str(data.get("quantity") or "1"), rate_pence=whole_pence(data.get("rate_pence")),
        amount_pence=data["amount_pence"], line_date=data.get("line_date"), receipt_ref=data.get("receipt_ref"),
        receipt_path=data.get("receipt_path"), prior_approval=int(bool(data.get("prior_approval"))),
        note=data.get("note"), adjustment=adjustment,
    )


def _apply(state: ClaimState, event: Event) -> None:
    data, kind = event.data, event.kind
    if kind == "created":
        state.created_by, state.created_at = event.actor_id, event.at
        state.payment_method = data.get("payment_method") or "bank"
    elif kind in ("line_added", "adjusted"):
        line = _new_line(state, data, adjustment=int(kind == "adjusted"))
        state.lines[line.line_id] = line
        _add_to_totals(state, line, +1)
    elif kind == "line_changed":
        old = state.lines[data["line_id"]]
        _add_to_totals(state, old, -1)
        merged = {**line_values(old), **data}
        line = _new_line(state, merged, adjustment=old.adjustment)
        line.position = old.position
        state.lines[line.line_id] = line
        _add_to_totals(state, line, +1)
    elif kind == "line_removed":
        line = state.lines[data["line_id"]]
        line.removed = 1
        _add_to_totals(state, line, -1)
    elif kind == "batched":
        state.batch_id = data["batch_id"]
        for line in state.live_lines():
            if line.batch_id is None and line.paid_on is None:
                line.batch_id = state.batch_id
    elif kind == "correction_batched":
        for line_id in data["line_ids"]:
            state.lines[line_id].batch_id = data["batch_id"]
    elif kind == "correction_paid":
        for line_id in data["line_ids"]:
            _settle(state.lines[line_id], data, later=1)
    elif kind == "resolved":
        state.conflicts = [
            replace(c, resolved_by_event=event.id)
            if c.resolved_by_event is None and data["event_id"] in (c.event_id, c.other_event_id) else c
            for c in state.conflicts
        ]
    to = TRANSITIONS[kind][1]
    if to is None:
        return
    state.status = to
    state.status_event_id = event.id
    if kind == "submitted":
        state.submitted_by, state.submitted_at = event.actor_id, event.at
        state.returned_reason = None
    elif kind == "returned":
        state.returned_reason = data.get("reason")
    elif kind == "approved":
        state.approved_by, state.approved_at = event.actor_id, event.at
    elif kind == "rejected":
        state.rejected_reason = data.get("reason")
    elif kind == "paid":
        state.paid_at, state.payment_reference = data.get("paid_on"), data.get("payment_reference")
        # The claim's own payment settles what its batch sent, or every line if it never went in one.
        for line in state.live_lines():
            if line.paid_on is None and (state.batch_id is None or line.batch_id == state.batch_id):
                _settle(line, data, later=0)


def _settle(line: Line, data: dict[str, Any], later: int) -> None:
    line.paid_on, line.payment_reference, line.paid_later = data.get("paid_on"), data.get("payment_reference"), later
