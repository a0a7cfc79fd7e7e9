"""A meeting's claims for a screen: a page at a time, and each claim's warning count.

The list reads the local tables (claim_state by meeting) one page at a time, so
a long list shows at once. Working out a claim's warnings takes a few queries
and words, so a screen counts them only for the rows it shows.
"""

from __future__ import annotations

from typing import Any

from store.claims.warnings import warnings
from store.db import Store
from store.i18n import _
from store.records import resolve_id

_PAGE = (
    "SELECT s.claim_id, s.member_id, m.name AS member_name, s.status, s.fee_pence, s.expense_pence, s.total_pence, "
    "s.payment_method, s.conflict, s.correction_due_pence FROM claim_state s JOIN members m ON m.id = s.member_id "
    "WHERE s.meeting_id = ? ORDER BY m.name COLLATE NOCASE, s.claim_id LIMIT ? OFFSET ?"
)


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
