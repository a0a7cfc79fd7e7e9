"""A claim in sentences: its heading, next steps, warnings and history; the card's fees; a journey's mileage."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from store import vocab
from store.claims.fields import MAX_MILES, MAX_PASSENGERS, quantity
from store.claims.lines import MILE_RATE, car_miles_so_far, mileage_lines
from store.claims.rates import card_for
from store.dates import parse_date
from store.db import Store
from store.errors import CoprodError
from store.i18n import N_, _, ngettext
from tui.claim_cells import money, quantity_text, status_text
from tui.format import short_date

NEXT = {
    "draft": N_("A draft: add costs with e, a fee with f, take a line off with Delete; s sends it for approval."),
    "submitted": N_("Waiting for approval: a approves, r rejects (say why), b sends it back for changes."),
    "approved": N_("Approved: p marks it paid. A mistake is put right with j, a correction; it is never edited."),
    "paid": N_("Paid. A mistake is put right with j, a correction; it is never edited."),
    "rejected": N_("Rejected. Nothing more happens to this claim."),
    "withdrawn": N_("Withdrawn. It is kept, never deleted."),
}


def next_steps(status: str, correction_due_pence: int = 0) -> str:
    """Return what can happen to a claim in this state, with the keys, in a sentence or two.

    A correction still owed is said first, since it is what needs doing.
    """
    if correction_due_pence and status == "paid":
        return _("A correction of {amount} is owed: the next payment batch sends it to finance, and p marks it "
                 "paid. Any other mistake is put right with j.").format(amount=money(correction_due_pence))
    if correction_due_pence:
        return _("Sent to finance. A correction of {amount} made since is owed on its own: the next payment batch "
                 "sends it. p marks the claim paid.").format(amount=money(correction_due_pence))
    return _(NEXT[status]) if status in NEXT else ""


def claim_heading(c: dict[str, Any]) -> str:
    """Return who the claim is for, which meeting, its status, how it is paid, and its outcome."""
    meeting = c["meeting_title"] or _("A meeting")
    when = short_date(c["meeting_date"]) if c["meeting_date"] else ""
    first = _("{member} — {meeting}, {date}").format(member=c["member_name"], meeting=meeting, date=when)
    second = " · ".join([status_text(c["status"]), _("Paid by: {method}").format(
        method=vocab.label(vocab.PAYMENT_METHODS, c["payment_method"]))])
    bits = []
    if c.get("submitted_by_name"):
        bits.append(_("Sent by {name}").format(name=c["submitted_by_name"]))
    if c.get("approved_by_name"):
        bits.append(_("Approved by {name}").format(name=c["approved_by_name"]))
    if c["status"] == "paid":
        bits.append(_("Paid on {date}, reference {reference}").format(
            date=short_date(c["paid_at"][:10]) if c["paid_at"] else "", reference=c["payment_reference"] or ""))
    if c["status"] == "rejected" and c.get("rejected_reason"):
        bits.append(_("Why: {reason}").format(reason=c["rejected_reason"]))
    return "\n".join([first, second] + ([" · ".join(bits)] if bits else []))


def warnings_text(found: list[dict[str, Any]]) -> str:
    """Return each warning on a line of its own, marked with a symbol and the word; or say there are none."""
    if not found:
        return _("✓ No warnings.")
    return "\n".join(_("⚠ Warning: {message}").format(message=w["message"]) for w in found)


def _when(at: str) -> str:
    stamp = dt.datetime.fromisoformat(at).astimezone()
    return _("{date} at {time}").format(date=short_date(stamp.date().isoformat()), time=stamp.strftime("%H:%M"))


def history_text(events: list[dict[str, Any]]) -> str:
    """Return who did what, and when, one event a line, oldest first."""
    lines = []
    for event in events:
        text = _("{when} · {who}: {what}").format(when=_when(event["at"]), who=event["actor"] or _("Someone"),
                                                 what=event["words"])
        note = event.get("resolved_note")
        if note is not None and event["conflict"]:
            # Dealt with: the conflict stays in the history, marked with what was decided.
            if event["applied"]:
                text += " " + _("(✓ conflict dealt with: {why} Decided: {note})").format(
                    why=event["conflict"], note=note)
            else:
                text += " " + _("(not applied; ✓ conflict dealt with: {why} Decided: {note})").format(
                    why=event["conflict"], note=note)
        elif not event["applied"]:
            text += " " + _("(not applied: {why})").format(why=event["conflict"] or _("it clashed with another step"))
        elif event["conflict"]:
            text += " " + _("(⚠ {why})").format(why=event["conflict"])
        lines.append(text)
    return "\n".join(lines)


def card_fees(store: Store, claim: dict[str, Any]) -> str:
    """Return the fee rates of the card in force on the claim's meeting day, in words."""
    try:
        card = card_for(store.conn, claim["meeting_date"])
    except CoprodError as exc:
        return exc.message
    rates = [
        (_("by the hour"), card["fee_hour_pence"]), (_("half day"), card["fee_half_day_pence"]),
        (_("day"), card["fee_day_pence"]), (_("preparation, an hour"), card["prep_hour_pence"]),
        (_("chairing"), card["chair_supplement_pence"]),
    ]
    listed = ", ".join(_("{what} {amount}").format(what=what, amount=money(pence)) for what, pence in rates if pence)
    return _("From the rate card {name}: {rates}.").format(name=card["name"], rates=listed)


def _number(value: Any) -> str:
    from babel.numbers import format_decimal

    from store.i18n import babel_locale

    return format_decimal(value, locale=babel_locale())


def _mileage_rate(store: Store, claim: dict[str, Any], category: str, card: dict[str, Any], day: str) -> str:
    if category != "car":
        return _("{what}: {rate} a mile.").format(what=vocab.label(vocab.EXPENSE_CATEGORIES, category),
                                                   rate=money(card[MILE_RATE[category]]))
    so_far = car_miles_so_far(store.conn, claim["member_id"], day)
    threshold = card["car_threshold_miles"]
    now = card["car_pence"] if so_far < threshold else card["car_after_pence"]
    card_words = ngettext(
        "Car: {first} a mile for the first {threshold} mile in the tax year, then {after}; passengers {passenger} "
        "a mile each.",
        "Car: {first} a mile for the first {threshold} miles in the tax year, then {after}; passengers {passenger} "
        "a mile each.", threshold).format(first=money(card["car_pence"]), threshold=_number(threshold),
                                          after=money(card["car_after_pence"]), passenger=money(card["passenger_pence"]))
    # Part miles (12.5) take the plural, as "1.5 miles" does.
    count = int(so_far) if so_far == so_far.to_integral_value() else 2
    member_words = ngettext(
        "{name} has {so_far} mile on claims this tax year, so this journey is paid at {now} a mile.",
        "{name} has {so_far} miles on claims this tax year, so this journey is paid at {now} a mile.", count).format(
        name=claim["member_name"], so_far=_number(so_far), now=money(now))
    return f"{card_words} {member_words}"


def mileage_words(store: Store, claim: dict[str, Any], category: str, miles_text: str, passengers_text: str,
                  date_text: str) -> str:
    """Return the mileage rate the card gives this member now and, once miles are typed, what the journey comes to."""
    try:
        day = parse_date(date_text, "line_date") if date_text.strip() else claim["meeting_date"]
        card = card_for(store.conn, day)
    except CoprodError as exc:
        return exc.message
    rate = _mileage_rate(store, claim, category, card, day)
    if not miles_text.strip():
        return rate
    try:
        miles = quantity(miles_text, "miles", minimum=Decimal(1), maximum=MAX_MILES, places=1)
    except CoprodError as exc:
        return rate + "\n" + exc.message
    text = passengers_text.strip() if category == "car" else ""
    passengers = int(text) if text.isdigit() and int(text) <= MAX_PASSENGERS else 0
    lines = mileage_lines(store.conn, card, claim["member_id"], category, miles, passengers, day, {})
    parts = "; ".join(_("{category} {how} = {amount}").format(
        category=vocab.label(vocab.LINE_CATEGORIES, line["category"]),
        how=quantity_text(line),
        amount=money(line["amount_pence"])) for line in lines)
    total = sum(line["amount_pence"] for line in lines)
    return rate + "\n" + _("This journey: {parts}. Total {total}.").format(parts=parts, total=money(total))
