"""A claim's state: its statuses and events, and what its lines and status are after them.

The kinds of event and the states each may happen in (TRANSITIONS) are the
rules every device keeps; `ClaimState` is what replaying a claim's events
gives (store.claims.events), and what its commands check before they write
(store.claims.refusals).

Money reaches finance in payment batches and comes back as payments. Each
line remembers the batch that sent it and the payment that settled it. A
claim's own payment settles the lines its batch sent (every line, if it was
never batched). A correction made after that is owed on its own: the next
batch sends it (`correction_batched`) and a payment settles it
(`correction_paid`), both naming the lines they mean.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

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


def whole_pence(value: Any) -> int | None:
    """Return `value` if it is a whole number of pence (not a bool), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def line_values(line: Line) -> dict[str, Any]:
    """Return a line's fields as an event's data holds them."""
    return {name: getattr(line, name) for name in LINE_FIELDS}
