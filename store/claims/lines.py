"""The rules that turn time and costs into claim lines: fees by time attended, mileage, expenses.

Amounts are integer pence, worked out once per line from a Decimal quantity
and a rate in pence, rounded half up. Rates come from the card in force on the
meeting's date (store.claims.rates.card_for).
"""

from __future__ import annotations

import sqlite3
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any

from store.claims.rates import tax_year
from store.i18n import _
from store.ids import new_id

HALF_DAY_MINUTES = 4 * 60
MILE_RATE = {"motorcycle": "motorcycle_pence", "bicycle": "bicycle_pence"}
FEE_RATE = {
    "hours": "fee_hour_pence", "half_day": "fee_half_day_pence", "day": "fee_day_pence",
    "prep": "prep_hour_pence", "chairing": "chair_supplement_pence",
}
MILEAGE = ("car", "motorcycle", "bicycle")
# Mileage needs no receipt (NHS England patient and carer expenses policy).
NO_RECEIPT = frozenset({*MILEAGE, "car_passengers"})
# Costs to agree beforehand: taxis, accommodation, carer/PA/support worker costs.
PRIOR_APPROVAL = ("taxi", "accommodation", "support_worker")


def amount(quantity: Decimal, rate_pence: int) -> int:
    """Return quantity × rate in whole pence, rounded half up (the one place a line is rounded)."""
    return int((Decimal(quantity) * rate_pence).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def plain(number: Decimal) -> str:
    """Return a quantity as stored: '2.5', '120', '1'."""
    return format(Decimal(number).normalize(), "f")


def line(line_kind: str, category: str, quantity: Decimal, rate_pence: int | None, amount_pence: int,
         line_date: str | None, **details: Any) -> dict[str, Any]:
    """Return a new line's data, as a line_added event carries it."""
    return {
        "line_id": new_id(), "line_kind": line_kind, "category": category, "quantity": plain(quantity),
        "rate_pence": rate_pence, "amount_pence": amount_pence, "line_date": line_date,
        "receipt_ref": details.get("receipt_ref"), "receipt_path": details.get("receipt_path"),
        "prior_approval": int(bool(details.get("prior_approval"))), "note": details.get("note"),
    }


def _minutes(hhmm: str | None) -> int | None:
    if not hhmm:
        return None
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def attended_minutes(meeting: dict[str, Any], mark: dict[str, Any]) -> int | None:
    """Return the minutes a person was there: (left or end) − (arrived or start); None if unknown."""
    start = _minutes(mark.get("arrived_at") or meeting.get("start_time"))
    end = _minutes(mark.get("left_at") or meeting.get("end_time"))
    if start is None or end is None:
        return None
    return max(end - start, 0)


def attendance_fee(card: dict[str, Any], minutes: int | None, day: str) -> dict[str, Any] | None:
    """Return the fee line for time attended: half day up to 4 hours, a day beyond, else by the hour.

    Without the half-day or day rate the card needs, the time is paid by the
    hour, rounded up to the quarter hour. An unknown length (a meeting without
    times) is paid as a half day when the card has that rate.
    """
    if minutes is None:
        rate = card.get("fee_half_day_pence")
        return line("fee", "half_day", Decimal(1), rate, rate, day) if rate else None
    if minutes <= 0:
        return None
    category = "half_day" if minutes <= HALF_DAY_MINUTES else "day"
    rate = card.get(FEE_RATE[category])
    if rate:
        return line("fee", category, Decimal(1), rate, rate, day)
    hourly = card.get("fee_hour_pence")
    if not hourly:
        return None
    quarters = (Decimal(minutes) / 15).to_integral_value(rounding=ROUND_CEILING)
    hours = quarters / 4
    return line("fee", "hours", hours, hourly, amount(hours, hourly), day)


def cap_fees(lines: list[dict[str, Any]], cap_pence: int | None) -> list[dict[str, Any]]:
    """Return fee lines cut down, in order, so that together they come to no more than the cap."""
    if cap_pence is None:
        return lines
    left, out = cap_pence, []
    for item in lines:
        if item["line_kind"] != "fee":
            out.append(item)
            continue
        if left <= 0:
            continue
        if item["amount_pence"] > left:
            item = {**item, "amount_pence": left,
                    "note": _("Reduced to the member's fee cap of £{cap}.").format(cap=_pounds(cap_pence))}
        left -= item["amount_pence"]
        out.append(item)
    return out


def _pounds(pence: int) -> str:
    from store.money import pounds

    return pounds(pence)


def car_miles_so_far(conn: sqlite3.Connection, member_id: str, date: str) -> Decimal:
    """Return the miles driven on the member's live claims in the tax year of `date`."""
    start, end = tax_year(date)
    rows = conn.execute(
        "SELECT l.quantity FROM claim_state s JOIN claim_lines l ON l.claim_id = s.claim_id "
        "WHERE s.member_id = ? AND s.status NOT IN ('rejected', 'withdrawn') AND l.category = 'car' "
        "AND l.removed = 0 AND l.adjustment = 0 AND COALESCE(l.line_date, s.meeting_date) BETWEEN ? AND ?",
        (member_id, start, end),
    )
    return sum((Decimal(r[0]) for r in rows), Decimal(0))


def mileage_lines(conn: sqlite3.Connection, card: dict[str, Any], member_id: str, category: str, miles: Decimal,
                  passengers: int, day: str, details: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the lines for a journey: car miles at the first rate up to the threshold, then the later rate.

    A car journey that crosses the member's threshold for the tax year is split
    in two lines; passengers are a line of their own (miles × passengers).
    """
    if category != "car":
        rate = card[MILE_RATE[category]]
        return [line("expense", category, miles, rate, amount(miles, rate), day, **details)]
    threshold = Decimal(card["car_threshold_miles"])
    before = car_miles_so_far(conn, member_id, day)
    first = max(min(miles, threshold - before), Decimal(0))
    later = miles - first
    out = []
    if first:
        out.append(line("expense", "car", first, card["car_pence"], amount(first, card["car_pence"]), day, **details))
    if later:
        out.append(line("expense", "car", later, card["car_after_pence"], amount(later, card["car_after_pence"]), day,
                        **details))
    if passengers:
        passenger_miles = miles * passengers
        out.append(line("expense", "car_passengers", passenger_miles, card["passenger_pence"],
                        amount(passenger_miles, card["passenger_pence"]), day, **details))
    return out


def expense_lines(conn: sqlite3.Connection, card: dict[str, Any] | None, member_id: str, meeting_date: str,
                  values: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the line(s) for a validated expense (store.claims.models.ExpenseIn, dumped)."""
    day = values.get("line_date") or meeting_date
    details = {k: values.get(k) for k in ("receipt_ref", "receipt_path", "prior_approval", "note")}
    category = values["category"]
    if values.get("miles") is not None:
        return mileage_lines(conn, card, member_id, category, values["miles"], values.get("passengers") or 0, day, details)
    if values.get("amount") is not None:
        return [line("expense", category, Decimal(1), None, values["amount"], day, **details)]
    quantity, rate = values["quantity"], values["rate"]
    return [line("expense", category, quantity, rate, amount(quantity, rate), day, **details)]


def fee_line(card: dict[str, Any], values: dict[str, Any], meeting_date: str) -> dict[str, Any] | None:
    """Return the line for a validated fee (store.claims.models.FeeIn, dumped), or None if the card has no rate."""
    rate = card.get(FEE_RATE[values["category"]])
    if not rate:
        return None
    quantity = values.get("hours") or Decimal(1)
    details = {k: values.get(k) for k in ("receipt_ref", "receipt_path", "prior_approval", "note")}
    return line("fee", values["category"], quantity, rate, amount(quantity, rate), values.get("line_date") or meeting_date,
                **details)
