"""Starting claims: one by hand, or drafts for everyone present, straight from the register.

Who is paid what follows DOMAIN.md: no fee for staff or anyone whose employer
pays them to attend; none for members who decline or take expenses only; a
reduced fee is capped; charity and vouchers are the payment method. People at
the meeting as supporters, interpreters or staff are not paid a fee either.
Guests (people who are not network members) get expenses only. Expenses are
never blocked by any of this.
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from typing import Any

from store.claims import log
from store.claims.checks import actor, require_staff
from store.claims.lines import amount, attendance_fee, cap_fees, line
from store.claims.rates import card_for
from store.db import Store
from store.errors import CoprodError
from store.i18n import N_, _, ngettext
from store.records import resolve_id

NO_FEE_ROLES = frozenset({"staff", "supporter", "interpreter"})
NO_FEE_PREFERENCES = frozenset({"declines", "expenses_only"})
LIVE = "status NOT IN ('rejected', 'withdrawn')"

# Why drafting from the register left someone out, as words after their name.
LEFT_OUT_REASONS = {
    "has_claim": N_("already has a claim"),
    "rejected": N_("their claim was rejected; start one by hand if they should still be paid"),
    "staff": N_("staff are not paid through claims"),
    "guest": N_("a guest with no costs yet"),
    "role": N_("came as a supporter, interpreter or staff"),
    "declines": N_("declines all payment"),
    "expenses_only": N_("takes expenses only and has no costs yet"),
    "paid_by_employer": N_("their employer pays them to attend"),
    "no_time": N_("no time at the meeting recorded"),
}


def payment_method(preference: str | None) -> str:
    """Return how a member with this payment preference is paid."""
    return {"charity": "charity", "vouchers": "vouchers"}.get(preference or "", "bank")


def _meeting(conn: sqlite3.Connection, meeting_id: str) -> dict[str, Any]:
    real = resolve_id(conn, "meetings", meeting_id, _("meeting"))
    meeting = dict(conn.execute(
        "SELECT id, title, date, start_time, end_time, mode, status FROM meetings WHERE id = ?", (real,)
    ).fetchone())
    if meeting["status"] == "planned":
        raise CoprodError(_("This meeting has not started yet. Claims come from its register."))
    return meeting


def _present(conn: sqlite3.Connection, meeting_id: str, member_id: str | None = None) -> list[dict[str, Any]]:
    sql = (
        "SELECT m.id, m.name, m.member_type, m.payment_preference, m.fee_cap_pence, m.paid_by_employer, "
        "a.arrived_at, a.left_at, a.remote, a.role FROM attendance a JOIN members m ON m.id = a.member_id "
        "WHERE a.meeting_id = ? AND a.status = 'present' AND a.deleted_at IS NULL AND m.deleted_at IS NULL"
    )
    params: tuple = (meeting_id,)
    if member_id:
        sql += " AND m.id = ?"
        params += (member_id,)
    return [dict(r) for r in conn.execute(sql + " ORDER BY m.name, m.id", params)]


def create_claim(store: Store, meeting_id: str, member_id: str, actor_id: str) -> str:
    """Start an empty draft claim for a member who was present (for their expenses); return its id."""
    with store.transaction() as conn:
        meeting = _meeting(conn, meeting_id)
        member = resolve_id(conn, "members", member_id, _("member"))
        person = actor(conn, actor_id)
        name = conn.execute("SELECT name FROM members WHERE id = ?", (member,)).fetchone()[0]
        if person["member_type"] != "staff" and person["id"] != member:
            raise CoprodError(_("Only staff or {name} can start a claim for {name}.").format(name=name))
        present = _present(conn, meeting["id"], member)
        if not present:
            raise CoprodError(_("{name} is not marked present at this meeting, so there is nothing to claim for it.")
                              .format(name=name))
        live = conn.execute(
            f"SELECT 1 FROM claim_state WHERE meeting_id = ? AND member_id = ? AND {LIVE}", (meeting["id"], member)
        ).fetchone()
        if live:
            raise CoprodError(_("{name} already has a claim for this meeting.").format(name=name))
        return log.new_claim(conn, member, meeting["id"], person["id"], payment_method(present[0]["payment_preference"]))


def _no_fee_reason(person: dict[str, Any]) -> str | None:
    if person["member_type"] == "staff":
        return "staff"
    if person["member_type"] == "guest":
        return "guest"
    if person["role"] in NO_FEE_ROLES:
        return "role"
    if person["payment_preference"] in NO_FEE_PREFERENCES:
        return person["payment_preference"]
    if person["paid_by_employer"]:
        return "paid_by_employer"
    return None


def register_lines(card: dict[str, Any], meeting: dict[str, Any], person: dict[str, Any],
                   prep_hours: Decimal | None) -> tuple[list[dict[str, Any]], str | None]:
    """Return the lines the register gives a person, and why they get no fee (None if they do)."""
    from store.claims.lines import attended_minutes

    day = meeting["date"]
    lines: list[dict[str, Any]] = []
    why = _no_fee_reason(person)
    if why is None:
        fee = attendance_fee(card, attended_minutes(meeting, person), day)
        if fee:
            lines.append(fee)
        if person["role"] in ("chair", "co_chair") and card.get("chair_supplement_pence"):
            rate = card["chair_supplement_pence"]
            lines.append(line("fee", "chairing", Decimal(1), rate, rate, day))
        if prep_hours and card.get("prep_hour_pence"):
            rate = card["prep_hour_pence"]
            lines.append(line("fee", "prep", prep_hours, rate, amount(prep_hours, rate), day))
        if person["payment_preference"] == "reduced_fee":
            lines = cap_fees(lines, person["fee_cap_pence"] or 0)
    remote = person["remote"] or meeting["mode"] == "remote"
    if remote and card.get("remote_allowance_pence") and person["payment_preference"] != "declines":
        rate = card["remote_allowance_pence"]
        lines.append(line("expense", "phone_internet", Decimal(1), rate, rate, day,
                          note=_("Allowance for joining from home.")))
    return lines, why


def _prep(prep_hours: Any) -> Decimal | None:
    if prep_hours is None or str(prep_hours).strip() == "":
        return None
    from store.claims.fields import MAX_HOURS, quantity

    return quantity(prep_hours, "hours", minimum=Decimal("0.25"), maximum=MAX_HOURS)


def _claimed(conn: sqlite3.Connection, meeting_id: str) -> dict[str, str]:
    """Return, per member, why an existing claim for the meeting keeps drafting away: has_claim or rejected.

    A withdrawn claim keeps no one away: withdrawing takes back that claim,
    not the member's right to be paid for attending, and starting one by hand
    is allowed after a withdrawal too. A rejected claim does: staff decided
    on it, and drafting again must not quietly undo that.
    """
    out: dict[str, str] = {}
    for member_id, status in conn.execute(
        "SELECT member_id, status FROM claim_state WHERE meeting_id = ? AND status != 'withdrawn'", (meeting_id,)
    ):
        if status != "rejected" or member_id not in out:
            out[member_id] = "rejected" if status == "rejected" else "has_claim"
    return out


def draft_from_register(store: Store, meeting_id: str, actor_id: str, prep_hours: Any = None) -> dict[str, Any]:
    """Draft a claim for each person marked present, from the rate card and their payment preference.

    Anyone who already has a live claim for the meeting is left as they are,
    so this can run again (during and after the meeting); so is anyone whose
    claim for it was rejected. A withdrawn claim does not count: a new draft
    is made. A person the rules give no line at all gets no claim; one can be
    started by hand for their expenses.
    Returns {"made": n, "skipped": n, "why": {reason: people left out},
    "no_fee": {reason: claims made without a fee}, "claim_ids": [...],
    "left_out": [{member_id, name, reason}, ...] by name}.
    Reasons: those of LEFT_OUT_REASONS.
    """
    prep = _prep(prep_hours)
    with store.transaction() as conn:
        meeting = _meeting(conn, meeting_id)
        person_acting = actor(conn, actor_id)
        require_staff(person_acting, _("Only staff can draft claims from the register."))
        card = card_for(conn, meeting["date"])
        have = _claimed(conn, meeting["id"])
        left_out: list[dict[str, str]] = []
        no_fee: dict[str, int] = {}
        made: list[str] = []
        for person in _present(conn, meeting["id"]):
            reason = have.get(person["id"])
            if reason is None and person["member_type"] == "staff":
                # Staff are paid, and claim their costs, through their employer.
                reason = "staff"
            lines: list[dict[str, Any]] = []
            why: str | None = None
            if reason is None:
                lines, why = register_lines(card, meeting, person, prep)
                if not lines:
                    reason = why or "no_time"
            if reason is not None:
                left_out.append({"member_id": person["id"], "name": person["name"], "reason": reason})
                continue
            if why:
                no_fee[why] = no_fee.get(why, 0) + 1
            claim_id = log.new_claim(conn, person["id"], meeting["id"], person_acting["id"],
                                     payment_method(person["payment_preference"]))
            for item in lines:
                log.append(conn, claim_id, "line_added", person_acting["id"], item)
            made.append(claim_id)
    counts: dict[str, int] = {}
    for person in left_out:
        counts[person["reason"]] = counts.get(person["reason"], 0) + 1
    return {"made": len(made), "skipped": len(left_out), "why": counts, "no_fee": no_fee, "claim_ids": made,
            "left_out": left_out}


def left_out_reason(reason: str) -> str:
    """Return why drafting left someone out, in words (a LEFT_OUT_REASONS code)."""
    return _(LEFT_OUT_REASONS[reason]) if reason in LEFT_OUT_REASONS else reason


def draft_result_lines(result: dict[str, Any]) -> list[str]:
    """Return what drafting did, one sentence a line: how many claims were made, then who was left out and why."""
    made = result["made"]
    lines = [ngettext("Made {n} draft claim.", "Made {n} draft claims.", made).format(n=made)]
    left_out = result["left_out"]
    if not left_out:
        return [*lines, _("No one marked present was left out.")]
    lines.append(ngettext("Left out {n} person:", "Left out {n} people:", len(left_out)).format(n=len(left_out)))
    return lines + [_("• {name}: {why}").format(name=p["name"], why=left_out_reason(p["reason"])) for p in left_out]
