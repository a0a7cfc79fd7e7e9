"""What a member was paid in a UK tax year: each payment, and each correction made after a payment.

A payment is what finance sent on the day a claim was marked paid: its lines
as they stood then, including corrections made while it was approved. A
correction made after the claim was paid is money sent (or taken back) later,
so it belongs to the tax year of the day it was made, and is listed on its own;
the payment it changes keeps the amount that was actually paid. Whether a
correction came before or after the payment is read from the claim's events,
in replay order, not from dates people typed.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from store.claims.events import replay
from store.claims.projection import load_events
from store.claims.rates import parse_tax_year
from store.db import Store
from store.i18n import _
from store.records import resolve_id

_CLAIMS = (
    "SELECT s.claim_id, s.meeting_date, g.title AS meeting_title, s.paid_at AS paid_on, s.payment_reference, "
    "s.payment_method FROM claim_state s LEFT JOIN meetings g ON g.id = s.meeting_id "
    "WHERE s.member_id = ? AND s.status = 'paid' AND (s.paid_at BETWEEN ? AND ? OR EXISTS ("
    "SELECT 1 FROM claim_lines l WHERE l.claim_id = s.claim_id AND l.adjustment = 1 AND l.removed = 0 "
    "AND l.line_date BETWEEN ? AND ?)) ORDER BY s.paid_at, s.meeting_date, s.claim_id"
)
_LINES = (
    "SELECT claim_id, line_id, line_kind, category, quantity, rate_pence, amount_pence, line_date, adjustment, note "
    "FROM claim_lines WHERE claim_id = ? AND removed = 0 ORDER BY position"
)


def corrections_after_payment(conn: sqlite3.Connection, claim_id: str) -> set[str]:
    """Return the line ids of the corrections made to a claim after it was marked paid."""
    events = load_events(conn, claim_id)
    state = replay(events)
    by_id = {event.id: event for event in events}
    paid, out = False, set()
    for event_id in state.order:
        if event_id in state.skipped:
            continue
        event = by_id[event_id]
        if event.kind == "paid":
            paid = True
        elif event.kind == "adjusted" and paid:
            out.add(event.data["line_id"])
    return out


def _sums(lines: list[dict[str, Any]]) -> tuple[int, int]:
    fee = sum(line["amount_pence"] for line in lines if line["line_kind"] == "fee")
    return fee, sum(line["amount_pence"] for line in lines) - fee


def statement(store: Store, member_id: str, tax_year: str) -> dict[str, Any]:
    """Return what a member was paid in a UK tax year ('2026-27': 6 April 2026 to 5 April 2027).

    "claims": the payments made in the year (paid date in the year), each with
    the lines paid and fee_pence, expense_pence and total_pence. "corrections":
    the corrections made in the year to claims already paid, each with its
    claim's meeting and payment, `line` (the correction) and `on` (the day).
    Totals (fees, expenses, all, and by payment method) are of both.
    """
    start, end = parse_tax_year(tax_year)
    real = resolve_id(store.conn, "members", member_id, _("member"))
    name = store.one("SELECT name FROM members WHERE id = ?", (real,))[0]
    payments: list[dict[str, Any]] = []
    corrections: list[dict[str, Any]] = []
    for row in store.query(_CLAIMS, (real, start, end, start, end)):
        claim = dict(row)
        later = corrections_after_payment(store.conn, claim["claim_id"])
        lines = [dict(line) for line in store.query(_LINES, (claim["claim_id"],))]
        if start <= (claim["paid_on"] or "") <= end:
            paid = [line for line in lines if line["line_id"] not in later]
            fee, expense = _sums(paid)
            payments.append({**claim, "lines": paid, "fee_pence": fee, "expense_pence": expense,
                             "total_pence": fee + expense})
        corrections += [{**claim, "line": line, "on": line["line_date"]} for line in lines
                        if line["line_id"] in later and start <= (line["line_date"] or "") <= end]
    corrections.sort(key=lambda c: (c["on"], c["meeting_date"] or "", c["claim_id"]))
    fee = sum(p["fee_pence"] for p in payments)
    expense = sum(p["expense_pence"] for p in payments)
    by_method: dict[str, int] = {}
    for payment in payments:
        by_method[payment["payment_method"]] = by_method.get(payment["payment_method"], 0) + payment["total_pence"]
    for correction in corrections:
        line = correction["line"]
        if line["line_kind"] == "fee":
            fee += line["amount_pence"]
        else:
            expense += line["amount_pence"]
        by_method[correction["payment_method"]] = by_method.get(correction["payment_method"], 0) + line["amount_pence"]
    label = f"{start[:4]}-{end[2:4]}"
    return {"member_id": real, "member_name": name, "tax_year": label, "start": start, "end": end,
            "claims": payments, "corrections": corrections, "fee_pence": fee, "expense_pence": expense,
            "total_pence": fee + expense, "by_method": by_method}
