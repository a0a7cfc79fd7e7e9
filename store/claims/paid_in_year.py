"""What a member was paid in a UK tax year: each payment of a claim, and each correction paid after it.

A claim's payment is what finance sent on the day the claim was marked paid:
the lines that payment settled, including corrections made while it was
approved. A correction made after that is owed on its own, goes to finance in
a later batch and is paid on its own day, so it belongs to the tax year it was
paid in, and is listed on its own; the claim's payment keeps the amount that
was actually paid. Which payment settled each line is read from the claim's
events (store.claims.events), not from dates people typed; a correction not
yet paid is on no statement.
"""

from __future__ import annotations

from typing import Any

from store.claims.projection import load_state
from store.claims.rates import parse_tax_year
from store.db import Store
from store.i18n import _
from store.records import resolve_id

_CLAIMS = (
    "SELECT s.claim_id, s.meeting_date, g.title AS meeting_title, s.paid_at AS paid_on, s.payment_reference, "
    "s.payment_method FROM claim_state s LEFT JOIN meetings g ON g.id = s.meeting_id "
    "WHERE s.member_id = ? AND s.status = 'paid' AND EXISTS ("
    "SELECT 1 FROM claim_lines l WHERE l.claim_id = s.claim_id AND l.removed = 0 AND l.paid_on BETWEEN ? AND ?) "
    "ORDER BY s.paid_at, s.meeting_date, s.claim_id"
)
_LINE_KEYS = ("line_id", "line_kind", "category", "quantity", "rate_pence", "amount_pence", "line_date", "adjustment",
              "note", "paid_on", "payment_reference")


def _sums(lines: list[dict[str, Any]]) -> tuple[int, int]:
    fee = sum(line["amount_pence"] for line in lines if line["line_kind"] == "fee")
    return fee, sum(line["amount_pence"] for line in lines) - fee


def statement(store: Store, member_id: str, tax_year: str) -> dict[str, Any]:
    """Return what a member was paid in a UK tax year ('2026-27': 6 April 2026 to 5 April 2027).

    "claims": the payments made in the year (paid date in the year), each with
    the lines paid and fee_pence, expense_pence and total_pence. "corrections":
    the corrections paid in the year on their own, after their claim was paid,
    each with its claim's meeting and payment, `line` (the correction, with its
    own paid_on and payment_reference) and `on` (the day it was paid).
    Totals (fees, expenses, all, and by payment method) are of both.
    """
    start, end = parse_tax_year(tax_year)
    real = resolve_id(store.conn, "members", member_id, _("member"))
    name = store.one("SELECT name FROM members WHERE id = ?", (real,))[0]
    payments: list[dict[str, Any]] = []
    corrections: list[dict[str, Any]] = []
    for row in store.query(_CLAIMS, (real, start, end)):
        claim = dict(row)
        state = load_state(store.conn, claim["claim_id"])
        lines = [{key: getattr(line, key) for key in _LINE_KEYS} | {"later": line.paid_later}
                 for line in state.live_lines() if line.paid_on is not None]
        if start <= (claim["paid_on"] or "") <= end:
            paid = [line for line in lines if not line["later"]]
            fee, expense = _sums(paid)
            payments.append({**claim, "lines": paid, "fee_pence": fee, "expense_pence": expense,
                             "total_pence": fee + expense})
        corrections += [{**claim, "line": line, "on": line["paid_on"]} for line in lines
                        if line["later"] and start <= line["paid_on"] <= end]
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
