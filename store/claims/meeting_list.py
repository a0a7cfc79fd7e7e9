"""A meeting's claims for a screen: a page at a time, each claim's warning count, and who drafting left out.

The list reads the local tables (claim_state by meeting) one page at a time, so
a long list shows at once. Working out a claim's warnings takes a few queries
and words, so a screen counts them only for the rows it shows.
"""

from __future__ import annotations

from typing import Any

from store.claims.drafting import _no_fee_reason, _present
from store.claims.warnings import warnings
from store.db import Store
from store.i18n import N_, _
from store.records import resolve_id

_PAGE = (
    "SELECT s.claim_id, s.member_id, m.name AS member_name, s.status, s.fee_pence, s.expense_pence, s.total_pence, "
    "s.payment_method, s.conflict FROM claim_state s JOIN members m ON m.id = s.member_id "
    "WHERE s.meeting_id = ? ORDER BY m.name COLLATE NOCASE, s.claim_id LIMIT ? OFFSET ?"
)

# Why drafting from the register left someone out, as words inside a sentence.
SKIP_REASONS = {
    "has_claim": N_("already has a claim"),
    "staff": N_("staff are not paid through claims"),
    "guest": N_("a guest with no costs yet"),
    "role": N_("came as a supporter, interpreter or staff"),
    "declines": N_("declines all payment"),
    "expenses_only": N_("takes expenses only and has no costs yet"),
    "paid_by_employer": N_("their employer pays them to attend"),
    "no_time": N_("no time at the meeting recorded"),
}


def claims_page(store: Store, meeting_id: str, offset: int = 0, limit: int = 100) -> list[dict[str, Any]]:
    """Return one page of a meeting's claims by member name (the same order as queries.meeting_claims)."""
    real = resolve_id(store.conn, "meetings", meeting_id, _("meeting"))
    return [dict(r) for r in store.query(_PAGE, (real, limit, offset))]


def warning_count(store: Store, claim_id: str) -> int:
    """Return how many warnings a claim has (a screen counts them only for the rows it shows)."""
    return len(warnings(store.conn, claim_id))


def count_claims(store: Store, meeting_id: str) -> int:
    """Return how many claims a meeting has, in every state."""
    real = resolve_id(store.conn, "meetings", meeting_id, _("meeting"))
    return store.one("SELECT COUNT(*) FROM claim_state WHERE meeting_id = ?", (real,))[0]


def left_out(store: Store, meeting_id: str, made: list[str]) -> list[dict[str, str]]:
    """Return who, of the people marked present, drafting did not make a claim for, and why.

    `made` are the claim ids `draft_from_register` returned. Each entry is
    {member_id, name, reason} with a reason of SKIP_REASONS, by name.
    """
    real = resolve_id(store.conn, "meetings", meeting_id, _("meeting"))
    new = set(made)
    claimed: dict[str, set[str]] = {}
    for member_id, claim_id in store.query("SELECT member_id, id FROM claims WHERE meeting_id = ?", (real,)):
        claimed.setdefault(member_id, set()).add(claim_id)
    out = []
    for person in _present(store.conn, real):
        theirs = claimed.get(person["id"], set())
        if theirs & new:
            continue
        if theirs:
            reason = "has_claim"
        elif person["member_type"] == "staff":
            reason = "staff"
        else:
            reason = _no_fee_reason(person) or "no_time"
        out.append({"member_id": person["id"], "name": person["name"], "reason": reason})
    return out


def reason_words(reason: str) -> str:
    """Return why someone was left out, in words."""
    return _(SKIP_REASONS.get(reason, reason))
