"""Reading claims: lists by meeting and member, one claim in full, the finance export, statements.

Lists read the local tables (claim_state, claim_lines), which are indexed by
meeting, member, status, batch and date, in one or two queries each.
"""

from __future__ import annotations

from typing import Any

from store import vocab
from store.claim_lists import CLAIM_LIST_SQL as _LIST
from store.claims.checks import resolve_claim
from store.claims.refusals import conflict_words
from store.claims.paid_in_year import statement  # noqa: F401  (part of this module's API)
from store.claims.projection import load_state
from store.claims.timeline import history
from store.claims.warnings import warnings
from store.dates import parse_date
from store.db import Store
from store.errors import InputError
from store.i18n import _
from store.records import resolve_id

LIVE_STATUSES = ("draft", "submitted", "approved", "paid")
EXPORT_COLUMNS = (
    "claim_id", "member_id", "member_name", "meeting_date", "meeting_title", "line_kind", "category", "quantity",
    "rate_pence", "amount", "payment_method", "status", "approved_by", "approved_at", "paid_at", "payment_reference",
    "line_id", "correction",
)
# A line's own status: a correction still owed on a paid claim is approved, not yet paid.
LINE_STATUS = "CASE WHEN s.status = 'paid' AND l.paid_on IS NULL THEN 'approved' ELSE s.status END"


def _status(status: str | None) -> str | None:
    if status is None or not str(status).strip():
        return None
    code = vocab.code_for(vocab.CLAIM_STATUSES, str(status))
    if code is None:
        choices = ", ".join(vocab.CLAIM_STATUSES)
        raise InputError(_("{value} is not a claim status. Choose one of: {choices}.").format(
            value=str(status).strip(), choices=choices), "status")
    return code


def meeting_claims(store: Store, meeting_id: str, status: str | None = None) -> list[dict[str, Any]]:
    """Return a meeting's claims by member name: status, fee, expense and total pence, payment details."""
    real = resolve_id(store.conn, "meetings", meeting_id, _("meeting"))
    code = _status(status)
    sql = _LIST + "WHERE s.meeting_id = ?" + (" AND s.status = ?" if code else "")
    params = (real, code) if code else (real,)
    return [dict(r) for r in store.query(sql + " ORDER BY m.name COLLATE NOCASE, s.claim_id", params)]


def meeting_totals(store: Store, meeting_id: str) -> dict[str, Any]:
    """Return a meeting's claims counted by status, with fee, expense and total pence of the live ones.

    `paid_pence` is what was paid; `owed_pence` what corrections made after a
    claim went to finance still owe (below nothing when money is to come back).
    """
    real = resolve_id(store.conn, "meetings", meeting_id, _("meeting"))
    counts = dict.fromkeys(vocab.CLAIM_STATUSES, 0)
    fee = expense = paid = owed = conflicts = 0
    for row in store.query(
        "SELECT status, COUNT(*), SUM(fee_pence), SUM(expense_pence), SUM(conflict), SUM(correction_due_pence) "
        "FROM claim_state WHERE meeting_id = ? GROUP BY status", (real,),
    ):
        counts[row[0]] = row[1]
        conflicts += row[4] or 0
        owed += row[5] or 0
        if row[0] in LIVE_STATUSES:
            fee += row[2] or 0
            expense += row[3] or 0
        if row[0] == "paid":
            paid += (row[2] or 0) + (row[3] or 0) - (row[5] or 0)
    return {"claims": sum(counts.values()), "by_status": counts, "fee_pence": fee, "expense_pence": expense,
            "total_pence": fee + expense, "paid_pence": paid, "owed_pence": owed, "conflicts": conflicts}


def member_claims(store: Store, member_id: str) -> list[dict[str, Any]]:
    """Return a member's claims, the latest meeting first."""
    real = resolve_id(store.conn, "members", member_id, _("member"))
    return [dict(r) for r in store.query(
        _LIST + "WHERE s.member_id = ? ORDER BY s.meeting_date DESC, s.claim_id DESC", (real,)
    )]


def claim_lines(store: Store, claim_id: str, include_removed: bool = False) -> list[dict[str, Any]]:
    """Return a claim's lines in the order they were added (lines taken off only if asked)."""
    real = resolve_claim(store.conn, claim_id)
    where = "" if include_removed else " AND removed = 0"
    return [dict(r) for r in store.query(
        f"SELECT * FROM claim_lines WHERE claim_id = ?{where} ORDER BY position", (real,)
    )]


def get_claim(store: Store, claim_id: str) -> dict[str, Any]:
    """Return one claim in full: its state, names, lines, warnings, conflicts and history."""
    real = resolve_claim(store.conn, claim_id)
    row = store.one(
        "SELECT s.*, m.name AS member_name, g.title AS meeting_title, c.created_by, c.created_at, "
        "cb.name AS created_by_name, sb.name AS submitted_by_name, ab.name AS approved_by_name "
        "FROM claims c JOIN claim_state s ON s.claim_id = c.id JOIN members m ON m.id = c.member_id "
        "LEFT JOIN meetings g ON g.id = c.meeting_id LEFT JOIN members cb ON cb.id = c.created_by "
        "LEFT JOIN members sb ON sb.id = s.submitted_by LEFT JOIN members ab ON ab.id = s.approved_by "
        "WHERE c.id = ?", (real,),
    )
    claim = dict(row)
    claim["lines"] = claim_lines(store, real, include_removed=True)
    claim["owed_line_ids"] = [line.line_id for line in load_state(store.conn, real).corrections_due()]
    claim["warnings"] = warnings(store.conn, real)
    claim["conflicts"] = [
        {**dict(r), "words": conflict_words(r["kind"]), "resolved": r["resolved_by_event"] is not None}
        for r in store.query(
            "SELECT c.*, json_extract(e.data, '$.note') AS note FROM claim_conflicts c "
            "LEFT JOIN claim_events e ON e.id = c.resolved_by_event WHERE c.claim_id = ? "
            "ORDER BY c.noted_at, c.event_id", (real,))
    ]
    claim["history"] = history(store, real)
    return claim


def export_query(meeting_id: str | None = None, since: str | None = None, until: str | None = None,
                 status: str | None = None, not_batched: bool = False) -> tuple[str, list[Any]]:
    """Return (sql, params) for the finance export: one row per live claim line, in EXPORT_COLUMNS order.

    Ordered by meeting date, claim and line. `amount` is pounds as text with
    two decimals ('12.50', '-3.00'), made in SQL from integer pence. `since`
    and `until` are meeting dates, both included; `meeting_id` must be a whole
    id. Each row's status, paid_at and payment_reference are its line's: a
    correction made after its claim was paid is approved until it is paid
    itself, and `status` filters on that. `correction` is 1 for a correction.
    `not_batched` keeps only what is owed and not yet sent: the lines of
    approved and paid claims that no payment batch has sent and no payment settled.
    """
    clauses, params = ["l.removed = 0"], []
    if meeting_id:
        clauses.append("s.meeting_id = ?")
        params.append(str(meeting_id).strip().lower())
    if since:
        clauses.append("s.meeting_date >= ?")
        params.append(parse_date(since, "since"))
    if until:
        clauses.append("s.meeting_date <= ?")
        params.append(parse_date(until, "until"))
    code = _status(status)
    if code == "approved":
        clauses.append("(s.status = 'approved' OR (s.status = 'paid' AND l.paid_on IS NULL))")
    elif code == "paid":
        clauses.append("s.status = 'paid' AND l.paid_on IS NOT NULL")
    elif code:
        clauses.append("s.status = ?")
        params.append(code)
    if not_batched:
        clauses.append("s.status IN ('approved', 'paid') AND l.batch_id IS NULL AND l.paid_on IS NULL")
    sql = (
        "SELECT s.claim_id, s.member_id, m.name AS member_name, s.meeting_date, g.title AS meeting_title, "
        "l.line_kind, l.category, l.quantity, l.rate_pence, "
        "printf('%s%d.%02d', CASE WHEN l.amount_pence < 0 THEN '-' ELSE '' END, "
        "abs(l.amount_pence) / 100, abs(l.amount_pence) % 100) AS amount, "
        f"s.payment_method, {LINE_STATUS} AS status, a.name AS approved_by, s.approved_at, l.paid_on AS paid_at, "
        "l.payment_reference, l.line_id, l.adjustment AS correction "
        "FROM claim_state s JOIN claim_lines l ON l.claim_id = s.claim_id "
        "JOIN members m ON m.id = s.member_id LEFT JOIN meetings g ON g.id = s.meeting_id "
        "LEFT JOIN members a ON a.id = s.approved_by "
        f"WHERE {' AND '.join(clauses)} ORDER BY s.meeting_date, s.claim_id, l.position"
    )
    return sql, params


def claims_for_export(store: Store, **filters: Any) -> list[tuple]:
    """Return the finance export's rows (export_query's filters) as plain tuples."""
    sql, params = export_query(**filters)
    return [tuple(r) for r in store.conn.execute(sql, params)]
