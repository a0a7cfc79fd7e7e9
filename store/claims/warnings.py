"""Warnings on a claim: shown to whoever checks it, never blocking it.

coprod warns, it does not advise: a fee that may affect a member's benefits,
a fee to someone their employer pays, a missing receipt, a cost not agreed
beforehand, a late claim, a possible duplicate, a cost over its cap, and a
claim changed on two laptops at once.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from store import vocab
from store.claims.lines import NO_RECEIPT, PRIOR_APPROVAL
from store.claims.rates import LIMIT_FOR_BENEFIT, card_for, limit_for
from store.claims.words import day, money
from store.dates import today
from store.errors import CoprodError
from store.i18n import _, babel_locale, ngettext

LIVE = "status NOT IN ('rejected', 'withdrawn')"
CAPPED = {"subsistence": "subsistence_cap_pence", "accommodation": "accommodation_cap_pence"}


def _period(kind: str, date: str) -> tuple[str, str]:
    """Return the benefit week (Monday to Sunday) or calendar month that `date` falls in."""
    d = dt.date.fromisoformat(date)
    if kind == "week":
        start = d - dt.timedelta(days=d.weekday())
        return start.isoformat(), (start + dt.timedelta(days=6)).isoformat()
    start = d.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return start.isoformat(), end.isoformat()


def _month(date: str) -> str:
    from babel.dates import format_date

    return format_date(dt.date.fromisoformat(date), "MMMM y", locale=babel_locale())


def _benefit(conn: sqlite3.Connection, claim: dict[str, Any]) -> list[dict[str, Any]]:
    # A fee paid to a charity is not the member's income; vouchers are (DOMAIN.md).
    if (not claim["benefits"] or claim["fee_pence"] <= 0 or claim["benefits"] not in LIMIT_FOR_BENEFIT
            or claim["payment_method"] == "charity"):
        return []
    kind, period = LIMIT_FOR_BENEFIT[claim["benefits"]]
    date = claim["meeting_date"]
    limit = limit_for(conn, kind, date)
    name = claim["name"]
    if limit is None:
        return [{"code": "no_benefit_limit", "message": _(
            "{name} gets a benefit that fees can affect, but coprod has no limit for {date}. "
            "Add the limit so this claim can be checked.").format(name=name, date=day(date))}]
    start, end = _period(period, date)
    total = conn.execute(
        f"SELECT COALESCE(SUM(fee_pence), 0) FROM claim_state WHERE member_id = ? AND {LIVE} "
        "AND payment_method IS NOT 'charity' AND meeting_date BETWEEN ? AND ?", (claim["member_id"], start, end),
    ).fetchone()[0]
    if total <= limit:
        return []
    if period == "week":
        message = _("Fees to {name} in the week of {date} come to {total}, over the ESA permitted work limit of "
                    "{limit} a week. This may affect their benefits: talk to them before it is paid.")
        return [{"code": "esa_limit", "message": message.format(name=name, date=day(start), total=money(total),
                                                                 limit=money(limit))}]
    message = _("Fees to {name} in {month} come to {total}, over the Universal Credit work allowance of {limit} "
                "a month. This may affect their benefits: talk to them before it is paid.")
    return [{"code": "uc_limit", "message": message.format(name=name, month=_month(date), total=money(total),
                                                            limit=money(limit))}]


def _deadline(claim: dict[str, Any], card: dict[str, Any] | None) -> list[dict[str, Any]]:
    if card is None or claim["status"] in ("rejected", "withdrawn"):
        return []
    due = dt.date.fromisoformat(claim["meeting_date"]) + dt.timedelta(days=card["deadline_days"])
    when = dt.date.fromisoformat(claim["submitted_at"][:10]) if claim["submitted_at"] else today()
    if due >= when:
        return []
    days = card["deadline_days"]
    return [{"code": "past_deadline", "message": ngettext(
        "This claim is past the deadline: claims are due within {days} day of the meeting, by {date}.",
        "This claim is past the deadline: claims are due within {days} days of the meeting, by {date}.", days).format(
        days=days, date=day(due.isoformat()))}]


def _line_warnings(conn: sqlite3.Connection, claim: dict[str, Any], lines: list[dict[str, Any]],
                   card: dict[str, Any] | None) -> list[dict[str, Any]]:
    others = {
        (r[0], r[1], r[2]) for r in conn.execute(
            "SELECT l.category, l.amount_pence, COALESCE(l.line_date, s.meeting_date) FROM claim_state s "
            "JOIN claim_lines l ON l.claim_id = s.claim_id WHERE s.member_id = ? AND s.claim_id != ? "
            f"AND s.{LIVE} AND l.removed = 0 AND l.adjustment = 0 AND l.line_kind = 'expense'",
            (claim["member_id"], claim["claim_id"]),
        )
    }
    out = []
    for line in lines:
        if line["line_kind"] != "expense" or line["adjustment"]:
            continue
        category = line["category"]
        words = {"category": vocab.label(vocab.LINE_CATEGORIES, category), "amount": money(line["amount_pence"])}
        allowance = card.get("remote_allowance_pence") if card else None
        flat = category == "phone_internet" and allowance and line["amount_pence"] <= allowance
        if category not in NO_RECEIPT and not flat and not (line["receipt_ref"] and line["receipt_path"]):
            out.append({"code": "missing_receipt", "line_id": line["line_id"], "message": _(
                "No receipt for {category} ({amount}). Add the receipt reference and file.").format(**words)})
        if category in PRIOR_APPROVAL and not line["prior_approval"]:
            out.append({"code": "prior_approval", "line_id": line["line_id"], "message": _(
                "{category} ({amount}) was not agreed beforehand. Check it was needed.").format(**words)})
        date = line["line_date"] or claim["meeting_date"]
        if (category, line["amount_pence"], date) in others:
            out.append({"code": "duplicate", "line_id": line["line_id"], "message": _(
                "{category} ({amount}) on {date} is also on another claim for {name}. Check it is not claimed twice.")
                .format(date=day(date), name=claim["name"], **words)})
        cap = card.get(CAPPED[category]) if card and category in CAPPED else None
        unit = line["rate_pence"] or line["amount_pence"]
        if cap is not None and unit > cap:
            out.append({"code": "over_cap", "line_id": line["line_id"], "message": _(
                "{category} ({amount}) is over the rate card's cap of {cap}.").format(cap=money(cap), **words)})
    return out


def warnings(conn: sqlite3.Connection, claim_id: str) -> list[dict[str, Any]]:
    """Return the claim's warnings, each {code, message} (and line_id for a line's own warning)."""
    row = conn.execute(
        "SELECT s.claim_id, s.member_id, s.meeting_date, s.status, s.fee_pence, s.payment_method, s.submitted_at, s.conflict, "
        "m.name, m.paid_by_employer, m.benefits FROM claim_state s JOIN members m ON m.id = s.member_id "
        "WHERE s.claim_id = ?", (claim_id,),
    ).fetchone()
    if row is None or not row["meeting_date"]:
        return []
    claim = dict(row)
    lines = [dict(r) for r in conn.execute(
        "SELECT * FROM claim_lines WHERE claim_id = ? AND removed = 0 ORDER BY position", (claim_id,)
    )]
    try:
        card = card_for(conn, claim["meeting_date"])
    except CoprodError:
        card = None
    out = []
    if claim["conflict"]:
        out.append({"code": "conflict", "message": _(
            "This claim was changed on two laptops at once. Check its history and put it right.")})
    if claim["paid_by_employer"] and claim["fee_pence"] > 0:
        out.append({"code": "employer_fee", "message": _(
            "{name}'s employer pays them to attend. Check before paying them a fee.").format(name=claim["name"])})
    out += _benefit(conn, claim)
    out += _line_warnings(conn, claim, lines, card)
    out += _deadline(claim, card)
    return out
