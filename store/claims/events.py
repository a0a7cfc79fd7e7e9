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

Money reaches finance in payment batches and comes back as payments. Each
line remembers the batch that sent it and the payment that settled it. A
claim's own payment settles the lines its batch sent (every line, if it was
never batched). A correction made after that is owed on its own: the next
batch sends it (`correction_batched`) and a payment settles it
(`correction_paid`), both naming the lines they mean.

A conflict stays in the claim's record for good. A person who has dealt with
it writes a `resolved` event naming one of the two events; from there on in
replay order the conflict counts as resolved, and the claim no longer needs
checking once none is left open.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from store.i18n import N_, _

STATUSES = ("draft", "submitted", "approved", "paid", "rejected", "withdrawn")
LINE_EDITS = frozenset({"line_added", "line_changed", "line_removed"})

# kind: (the states it may happen in, the state it leads to; None keeps the state)
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "created": (frozenset({"draft"}), None),
    "line_added": (frozenset({"draft"}), None),
    "line_changed": (frozenset({"draft"}), None),
    "line_removed": (frozenset({"draft"}), None),
    "submitted": (frozenset({"draft"}), "submitted"),
    "returned": (frozenset({"submitted"}), "draft"),
    "approved": (frozenset({"submitted"}), "approved"),
    "rejected": (frozenset({"submitted"}), "rejected"),
    "paid": (frozenset({"approved"}), "paid"),
    "withdrawn": (frozenset({"draft", "submitted"}), "withdrawn"),
    "adjusted": (frozenset({"approved", "paid"}), None),
    "batched": (frozenset({"approved"}), None),
    "correction_batched": (frozenset({"approved", "paid"}), None),
    "correction_paid": (frozenset({"paid"}), None),
    "resolved": (frozenset(STATUSES), None),
}
EVENT_KINDS = tuple(TRANSITIONS)
STATUS_CHANGES = frozenset(kind for kind, (_from, to) in TRANSITIONS.items() if to)

# What each event's data must hold, checked when an event is written and
# again when one arrives from elsewhere.
LINE_FIELDS = ("line_kind", "category", "quantity", "rate_pence", "amount_pence", "line_date", "receipt_ref",
               "receipt_path", "prior_approval", "note")

# One refusal per action; {status} is a CLAIM_STATUS_WORDS entry.
_REFUSALS = {
    "line_added": N_("This claim is {status}: lines can only be added to a draft."),
    "line_changed": N_("This claim is {status}: lines can only be changed in a draft."),
    "line_removed": N_("This claim is {status}: lines can only be taken off a draft."),
    "submitted": N_("This claim is {status}: it can't be sent for approval."),
    "returned": N_("This claim is {status}: it can't be sent back for changes."),
    "approved": N_("This claim is {status}: it can't be approved."),
    "rejected": N_("This claim is {status}: it can't be rejected."),
    "paid": N_("This claim is {status}: it can't be paid."),
    "withdrawn": N_("This claim is {status}: it can't be withdrawn."),
    "adjusted": N_("This claim is {status}: only an approved or paid claim is corrected. Change its lines instead."),
    "batched": N_("This claim is {status}: only an approved claim goes in a payment batch."),
    "correction_batched": N_("This claim is {status}: only an approved or paid claim has corrections to send."),
    "correction_paid": N_("This claim is {status}: a correction is paid on its own only once the claim is paid."),
    "created": N_("This claim has already been started."),
}
MAX_NOTE = 500


@dataclass(frozen=True, slots=True)
class Event:
    """One event of one claim, as stored in claim_events."""

    id: str
    claim_id: str
    after: str | None
    kind: str
    actor_id: str | None
    at: str
    data: dict[str, Any]

    @classmethod
    def from_row(cls, row: Any) -> Event:
        """Build an event from a claim_events row (id, claim_id, after, kind, actor_id, at, data)."""
        event_id, claim_id, after, kind, actor_id, at, data = tuple(row)
        try:
            decoded = json.loads(data or "{}")
        except (TypeError, ValueError):
            decoded = None
        return cls(event_id, claim_id, after, kind or "", actor_id, at or "", decoded if isinstance(decoded, dict) else {})


@dataclass(slots=True)
class Line:
    """One line of a claim: a fee or an expense, perhaps a correction, perhaps taken off."""

    line_id: str
    position: int
    line_kind: str
    category: str
    quantity: str
    rate_pence: int | None
    amount_pence: int
    line_date: str | None = None
    receipt_ref: str | None = None
    receipt_path: str | None = None
    prior_approval: int = 0
    note: str | None = None
    adjustment: int = 0
    removed: int = 0
    batch_id: str | None = None
    paid_on: str | None = None
    payment_reference: str | None = None
    paid_later: int = 0


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two events that could not both stand as written; `other_event_id` is the one it clashed with.

    `resolved_by_event` is the `resolved` event of the person who dealt with it (None while open).
    """

    event_id: str
    other_event_id: str | None
    kind: str
    noted_at: str
    resolved_by_event: str | None = None


@dataclass(slots=True)
class ClaimState:
    """What a claim is after its events: status, lines, running totals and who did what."""

    status: str = "draft"
    lines: dict[str, Line] = field(default_factory=dict)
    fee_pence: int = 0
    expense_pence: int = 0
    payment_method: str | None = None
    created_by: str | None = None
    created_at: str | None = None
    submitted_by: str | None = None
    submitted_at: str | None = None
    approved_by: str | None = None
    approved_at: str | None = None
    rejected_reason: str | None = None
    returned_reason: str | None = None
    paid_at: str | None = None
    payment_reference: str | None = None
    batch_id: str | None = None
    last_event_id: str | None = None
    updated_at: str | None = None
    order: list[str] = field(default_factory=list)
    skipped: set[str] = field(default_factory=set)
    conflicts: list[Conflict] = field(default_factory=list)
    status_event_id: str | None = None

    @property
    def total_pence(self) -> int:
        """Fees and expenses together."""
        return self.fee_pence + self.expense_pence

    @property
    def open_conflicts(self) -> list[Conflict]:
        """The conflicts no one has dealt with yet."""
        return [c for c in self.conflicts if c.resolved_by_event is None]

    def live_lines(self) -> list[Line]:
        """The lines that count, in the order they were added."""
        return [line for line in self.lines.values() if not line.removed]

    def corrections_due(self) -> list[Line]:
        """The lines owed apart from the claim's own payment: corrections that payment did not (or will not) cover.

        On a paid claim, every line not yet paid; on an approved claim already
        in a batch, the lines that batch did not send. Nothing otherwise.
        """
        if self.status == "paid":
            return [line for line in self.live_lines() if line.paid_on is None]
        if self.status == "approved" and self.batch_id is not None:
            return [line for line in self.live_lines() if line.paid_on is None and line.batch_id != self.batch_id]
        return []

    @property
    def correction_due_pence(self) -> int:
        """What the corrections still owed come to (below nothing when money is to come back)."""
        return sum(line.amount_pence for line in self.corrections_due())

    def corrections_to_send(self) -> list[Line]:
        """The corrections owed that no payment batch has sent yet."""
        return [line for line in self.corrections_due() if line.batch_id is None]

    def corrections_to_settle(self) -> list[Line]:
        """What a payment of a paid claim's corrections settles: those sent to finance, or all owed if none was."""
        if self.status != "paid":
            return []
        due = self.corrections_due()
        return [line for line in due if line.batch_id is not None] or due


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
        elif event.kind == "paid" and refused == "state" and state.status != "paid" and _paid_data(event.data):
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
    if kinds == {"correction_batched", "correction_paid"} and set(_line_ids(event.data)) & set(_line_ids(other.data)):
        return "batch_and_payment"
    return None


def _line_ids(data: dict[str, Any]) -> list[str]:
    ids = data.get("line_ids")
    return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []


def _note(state: ClaimState, event: Event, other_id: str | None, kind: str, other_at: str | None) -> None:
    # Noted at the later of the two events, so every device records the same time.
    state.conflicts.append(Conflict(event.id, other_id, kind, max(event.at, other_at or "")))


def _paid_data(data: dict[str, Any]) -> bool:
    return bool(str(data.get("payment_reference") or "").strip()) and bool(str(data.get("paid_on") or "").strip())


def refusal_code(state: ClaimState, kind: str, data: dict[str, Any]) -> str | None:
    """Return None if `kind` may happen now; 'same' for a repeat of what already happened; else why not."""
    if kind not in TRANSITIONS:
        return "unknown"
    allowed, to = TRANSITIONS[kind]
    if kind == "created":
        return "same" if state.created_at is not None else None
    if state.status not in allowed:
        if to is not None and to == state.status and _repeat(state, kind, data):
            return "same"
        if kind == "batched" and state.batch_id is not None and data.get("batch_id") == state.batch_id:
            return "same"
        return "state"
    if kind in LINE_EDITS:
        return _line_refusal(state, kind, data)
    if kind == "adjusted":
        line_id = data.get("line_id")
        if not isinstance(line_id, str) or not line_id or not _line_data_ok(data) or data["amount_pence"] == 0:
            return "bad_data"
        return "same" if line_id in state.lines else None
    if kind == "batched":
        if not str(data.get("batch_id") or ""):
            return "bad_data"
        if state.batch_id is None:
            return None
        return "same" if data.get("batch_id") == state.batch_id else "two_batches"
    if kind == "paid" and not _paid_data(data):
        return "bad_data"
    if kind in ("correction_batched", "correction_paid"):
        return _correction_refusal(state, kind, data)
    if kind == "resolved":
        return _resolve_refusal(state, data)
    return None


def _resolve_refusal(state: ClaimState, data: dict[str, Any]) -> str | None:
    target, note = data.get("event_id"), data.get("note")
    if not isinstance(target, str) or not target or not isinstance(note, str) or not 0 < len(note) <= MAX_NOTE:
        return "bad_data"
    # Naming a conflict already dealt with is allowed: two laptops may each deal with it.
    return None if conflicts_naming(state, target) else "no_conflict"


def _correction_refusal(state: ClaimState, kind: str, data: dict[str, Any]) -> str | None:
    ids = _line_ids(data)
    if not ids or len(ids) != len(data.get("line_ids") or ()) or len(set(ids)) != len(ids):
        return "nothing_due" if data.get("line_ids") == [] else "bad_data"
    if kind == "correction_batched" and not str(data.get("batch_id") or ""):
        return "bad_data"
    if kind == "correction_paid" and not _paid_data(data):
        return "bad_data"
    lines = [state.lines.get(line_id) for line_id in ids]
    if any(line is None or line.removed for line in lines):
        return "bad_data"
    if kind == "correction_batched":
        if all(line.batch_id == data["batch_id"] for line in lines):
            return "same"
        if any(line.paid_on is not None for line in lines):
            return "already_paid"
        if any(line.batch_id is not None for line in lines):
            return "two_batches"
    else:
        payment = (data.get("payment_reference"), data.get("paid_on"))
        if all((line.payment_reference, line.paid_on) == payment for line in lines):
            return "same"
        if any(line.paid_on is not None for line in lines):
            return "paid_twice"
    due = {line.line_id for line in state.corrections_due()}
    return None if set(ids) <= due else "nothing_due"


def conflicts_naming(state: ClaimState, event_id: str) -> list[Conflict]:
    """Return the claim's conflicts (open or dealt with) that involve the event `event_id`."""
    return [c for c in state.conflicts if event_id in (c.event_id, c.other_event_id)]


def _repeat(state: ClaimState, kind: str, data: dict[str, Any]) -> bool:
    # Two staff approving at once is harmless; two different payments are not.
    if kind == "paid":
        return (data.get("payment_reference"), data.get("paid_on")) == (state.payment_reference, state.paid_at)
    return True


def _line_refusal(state: ClaimState, kind: str, data: dict[str, Any]) -> str | None:
    line_id = data.get("line_id")
    if not isinstance(line_id, str) or not line_id:
        return "bad_data"
    current = state.lines.get(line_id)
    if kind == "line_added":
        if current is not None:
            return "same"
        return None if _line_data_ok(data) else "bad_data"
    if current is None or current.removed:
        return "line_gone"
    if kind == "line_changed" and not _line_data_ok({**_line_values(current), **data}):
        return "bad_data"
    return None


def _line_data_ok(data: dict[str, Any]) -> bool:
    return (data.get("line_kind") in ("fee", "expense") and isinstance(data.get("category"), str)
            and _amount(data.get("amount_pence")) is not None)


def _amount(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _line_values(line: Line) -> dict[str, Any]:
    return {name: getattr(line, name) for name in LINE_FIELDS}


def _add_to_totals(state: ClaimState, line: Line, sign: int) -> None:
    if line.line_kind == "fee":
        state.fee_pence += sign * line.amount_pence
    else:
        state.expense_pence += sign * line.amount_pence


def _new_line(state: ClaimState, data: dict[str, Any], adjustment: int) -> Line:
    return Line(
        line_id=data["line_id"], position=len(state.lines) + 1, line_kind=data["line_kind"],
        category=data["category"], quantity=str(data.get("quantity") or "1"), rate_pence=_amount(data.get("rate_pence")),
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
        merged = {**_line_values(old), **data}
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


def refusal_message(state: ClaimState, kind: str, data: dict[str, Any]) -> str | None:
    """Return, in plain words, why `kind` can't happen to this claim now; None if it can."""
    from store import vocab

    code = refusal_code(state, kind, data)
    if code is None:
        return None
    if code == "same" and kind == "correction_paid":
        return _("This payment is already recorded, with this reference and date.")
    if code == "same" and kind == "correction_batched":
        return _("That correction is already in this payment batch.")
    if code in ("state", "same"):
        status = vocab.label(vocab.CLAIM_STATUS_WORDS, state.status)
        return _(_REFUSALS.get(kind, "This claim is {status}.")).format(status=status)
    if code == "line_gone":
        return _("That line is not on this claim any more.")
    if code == "two_batches":
        if kind == "correction_batched":
            return _("That correction is already in a payment batch.")
        return _("This claim is already in a payment batch.")
    if code == "nothing_due":
        return _("This claim has no correction waiting to be paid.")
    if code == "already_paid":
        return _("That correction has already been paid.")
    if code == "paid_twice":
        return _("That correction has already been paid, with other payment details.")
    if code == "no_conflict":
        return _("Nothing clashed at that step of this claim, so there is nothing to deal with.")
    return _("Something about this change is not right. Check it and try again.")


# What each kind of conflict means, for the claim's history and warnings.
CONFLICT_WORDS = {
    "refused": N_("Not applied: the claim had already changed on another laptop."),
    "same_line": N_("The same line was changed on two laptops at once."),
    "edit_and_decision": N_("A line was changed on one laptop while the claim was moved on from another."),
    "two_decisions": N_("Two different steps were taken on two laptops at once."),
    "two_adjustments": N_("Two corrections were made at once: check that one does not repeat the other."),
    "two_batches": N_("The claim was put in two payment batches."),
    "line_gone": N_("A line was changed after it had been taken off on another laptop."),
    "paid_anyway": N_("Marked paid while another laptop had moved the claim on."),
    "paid_twice": N_("Marked paid twice, with different payment details."),
    "bad_data": N_("A change from another device could not be read."),
    "unknown": N_("A change from another device could not be read."),
    "no_conflict": N_("Nothing had clashed at that step, so there was nothing to deal with."),
    "batch_and_payment": N_("Sent for payment on one laptop while marked paid on another: check it was not paid twice."),
    "already_paid": N_("A correction was sent for payment after it had been paid: check it was not paid twice."),
    "nothing_due": N_("A correction was sent or paid that was not owed any more: check it was not paid twice."),
}


def conflict_words(kind: str) -> str:
    """Return what a conflict of this kind means, in plain words."""
    return _(CONFLICT_WORDS.get(kind, CONFLICT_WORDS["unknown"]))
