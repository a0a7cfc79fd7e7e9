"""Claims across the whole network, by status: what is waiting for approval, or for payment.

The per-meeting and per-member lists live in store.claims.queries; this is
the list finance staff start from, read from the same indexed local table.
"""

from __future__ import annotations

from typing import Any

from store import vocab
from store.db import Store
from store.errors import InputError
from store.i18n import _

# Every claim list's columns and joins, for the lists here and in store.claims.queries.
CLAIM_LIST_SQL = (
    "SELECT s.claim_id, s.member_id, m.name AS member_name, s.meeting_id, s.meeting_date, g.title AS meeting_title, "
    "s.status, s.fee_pence, s.expense_pence, s.total_pence, s.payment_method, s.submitted_at, s.approved_at, "
    "s.paid_at, s.payment_reference, s.batch_id, s.conflict, s.correction_due_pence "
    "FROM claim_state s JOIN members m ON m.id = s.member_id LEFT JOIN meetings g ON g.id = s.meeting_id "
)


def status_code(text: str | None) -> str | None:
    """Return the claim status a person named ('paid', 'Waiting for approval'); None for none; refuse others."""
    if text is None or not str(text).strip():
        return None
    code = vocab.code_for(vocab.CLAIM_STATUSES, str(text))
    if code is None:
        raise InputError(_("{value} is not a claim status. Choose one of: {choices}.").format(
            value=str(text).strip(), choices=", ".join(vocab.CLAIM_STATUSES)), "status")
    return code


def network_claims(store: Store, status: str | None = None) -> list[dict[str, Any]]:
    """Return every claim (or those with `status`, a code), the latest meeting first, then by member name.

    The same fields as store.claims.queries.meeting_claims.
    """
    where, params = ("WHERE s.status = ? ", (status,)) if status else ("", ())
    return [dict(r) for r in store.query(
        CLAIM_LIST_SQL + where + "ORDER BY s.meeting_date DESC, m.name COLLATE NOCASE, s.claim_id", params)]
