"""A claim's steps: submit, send back, approve, reject, pay, withdraw, correct, deal with a conflict, batch for payment.

Each step is one event through the state machine (store.claims.events) in one
transaction; a refused step writes nothing. Approval is kept apart from the
claim: only staff who are neither the claimant nor its submitter approve, and
only once the register confirms the claimant attended (the meeting is closed
and they are marked present).
"""

from __future__ import annotations

from typing import Any

from store.claims import checks, log
from store.claims.state import ClaimState
from store.claims.lines import plain
from store.claims.projection import load_state
from store.dates import parse_date, today
from store.db import Store
from store.errors import CoprodError, InputError
from store.i18n import _
from store.ids import new_id

MAX_REASON = 500


def _reason(reason: Any, field: str = "reason") -> str:
    text = _optional_reason(reason, field)
    if not text:
        raise InputError(_("Say why, so the member knows."), field)
    return text


def _optional_reason(reason: Any, field: str = "reason") -> str:
    """Return the reason with its spaces tidied, whole; a reason too long is refused, never cut."""
    text = " ".join(str(reason or "").split())
    if len(text) > MAX_REASON:
        raise InputError(_("Keep this under {n} characters.").format(n=MAX_REASON), field)
    return text


def _start(conn, claim_id: str, actor_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    real = checks.resolve_claim(conn, claim_id)
    return checks.claim_row(conn, real), checks.actor(conn, actor_id)


def submit(store: Store, claim_id: str, actor_id: str) -> None:
    """Send a draft claim for approval (the member, or staff on their behalf)."""
    with store.transaction() as conn:
        claim, person = _start(conn, claim_id, actor_id)
        checks.require_staff_or_claimant(person, claim)
        state = checks.state_allowing(conn, claim["id"], "submitted", {})
        if not state.live_lines():
            raise CoprodError(_("This claim has no lines yet. Add a fee or an expense before sending it."))
        checks.write(conn, claim["id"], "submitted", person["id"], {})


def return_to_draft(store: Store, claim_id: str, actor_id: str, reason: str) -> None:
    """Send a submitted claim back for changes, saying why."""
    text = _reason(reason)
    with store.transaction() as conn:
        claim, person = _start(conn, claim_id, actor_id)
        checks.require_staff(person, _("Only staff can send a claim back for changes."))
        checks.write(conn, claim["id"], "returned", person["id"], {"reason": text})


def approve(store: Store, claim_id: str, actor_id: str) -> None:
    """Approve a submitted claim: staff only, not the claimant or its submitter, attendance confirmed."""
    with store.transaction() as conn:
        claim, person = _start(conn, claim_id, actor_id)
        checks.require_staff(person, _("Only staff can approve claims."))
        if person["id"] == claim["member_id"]:
            raise CoprodError(_("You can't approve your own claim. Ask another member of staff."))
        state = checks.state_allowing(conn, claim["id"], "approved", {})
        if person["id"] == state.submitted_by:
            raise CoprodError(_("You sent this claim for approval, so someone else must approve it."))
        present = conn.execute(
            "SELECT 1 FROM attendance WHERE meeting_id = ? AND member_id = ? AND status = 'present' AND deleted_at IS NULL",
            (claim["meeting_id"], claim["member_id"]),
        ).fetchone()
        if not present:
            raise CoprodError(_("{name} is not marked present at this meeting, so this claim can't be approved.")
                              .format(name=claim["name"]))
        if claim["meeting_status"] != "closed":
            raise CoprodError(_("The meeting is not closed yet. Close it to confirm who attended, then approve."))
        checks.write(conn, claim["id"], "approved", person["id"], {})


def reject(store: Store, claim_id: str, actor_id: str, reason: str) -> None:
    """Reject a submitted claim, saying why (the member sees the reason)."""
    text = _reason(reason)
    with store.transaction() as conn:
        claim, person = _start(conn, claim_id, actor_id)
        checks.require_staff(person, _("Only staff can reject claims."))
        if person["id"] == claim["member_id"]:
            raise CoprodError(_("You can't decide on your own claim. Ask another member of staff."))
        checks.write(conn, claim["id"], "rejected", person["id"], {"reason": text})


def payment_details(reference: Any, paid_on: Any) -> dict[str, str]:
    """Return a checked payment reference and date (ISO), or refuse in plain words."""
    ref = " ".join(str(reference or "").split())
    if not ref:
        raise InputError(_("Give the payment reference from finance."), "payment_reference")
    if len(ref) > 100:
        raise InputError(_("Keep this under {n} characters.").format(n=100), "payment_reference")
    day = parse_date(paid_on, "paid_on") if not hasattr(paid_on, "isoformat") else paid_on.isoformat()
    if day > today().isoformat():
        raise InputError(_("The payment date is in the future. Give the day it was paid."), "paid_on")
    return {"payment_reference": ref, "paid_on": day}


def payment_step(state: ClaimState, data: dict[str, str]) -> tuple[str, dict[str, Any]] | None:
    """Return the event that records a payment from finance for this claim, or None if it is recorded already.

    An approved claim is paid. On a paid claim the payment settles its
    corrections still owed (store.claims.state.ClaimState.corrections_to_settle);
    the claim's own payment, or a correction payment, given again is already
    recorded. Anything else is refused in plain words.
    """
    from store.claims.refusals import refusal_message

    payment = (data["payment_reference"], data["paid_on"])
    if state.status == "paid":
        paid = {(line.payment_reference, line.paid_on) for line in state.live_lines()}
        if payment == (state.payment_reference, state.paid_at) or payment in paid:
            return None
        settle = [line.line_id for line in state.corrections_to_settle()]
        if not settle:
            raise CoprodError(_("This claim is paid, and no correction to it is waiting to be paid."))
        step = ("correction_paid", {**data, "line_ids": settle})
    else:
        step = ("paid", data)
    message = refusal_message(state, *step)
    if message:
        raise CoprodError(message)
    return step


def mark_paid(store: Store, claim_id: str, actor_id: str, reference: str, paid_on: Any) -> str:
    """Record that finance paid an approved claim, or the corrections owed on a paid one; return the step's kind.

    A payment already recorded is refused, with nothing written.
    """
    data = payment_details(reference, paid_on)
    with store.transaction() as conn:
        claim, person = _start(conn, claim_id, actor_id)
        checks.require_staff(person, _("Only staff can mark claims paid."))
        state = load_state(conn, claim["id"])
        step = payment_step(state, data)
        if step is None:
            raise CoprodError(_("This payment is already recorded, with this reference and date."))
        log.append(conn, claim["id"], step[0], person["id"], step[1], after=state.last_event_id)
        return step[0]


def withdraw(store: Store, claim_id: str, actor_id: str, reason: str | None = None) -> None:
    """Withdraw a draft or submitted claim (the member, or staff for them). It is kept, never deleted."""
    text = _optional_reason(reason)
    with store.transaction() as conn:
        claim, person = _start(conn, claim_id, actor_id)
        checks.require_staff_or_claimant(person, claim)
        checks.write(conn, claim["id"], "withdrawn", person["id"], {"reason": text} if text else {})


def adjust(store: Store, claim_id: str, actor_id: str, data: dict[str, Any]) -> str:
    """Correct an approved or paid claim with a line of money on or off (never an edit); return the line id.

    `data`: line_kind (fee or expense), category, amount ('-12.50' takes money
    off), note (why: required).
    """
    from store.claims.models import AdjustmentIn, validate

    values = validate(AdjustmentIn, data).model_dump()
    with store.transaction() as conn:
        claim, person = _start(conn, claim_id, actor_id)
        checks.require_staff(person, _("Only staff can correct a claim."))
        if person["id"] == claim["member_id"]:
            raise CoprodError(_("You can't correct your own claim. Ask another member of staff."))
        line_id = new_id()
        state = load_state(conn, claim["id"])
        if values["amount"] < 0 and state.total_pence + values["amount"] < 0:
            raise InputError(_("That would take the claim below nothing. Check the amount."), "amount")
        checks.write(conn, claim["id"], "adjusted", person["id"], {
            "line_id": line_id, "line_kind": values["line_kind"], "category": values["category"],
            "quantity": plain(1), "rate_pence": None, "amount_pence": values["amount"], "line_date": today().isoformat(),
            "receipt_ref": None, "receipt_path": None, "prior_approval": 0, "note": values["note"],
        })
        return line_id


def resolve_conflict(store: Store, claim_id: str, actor_id: str, event_id: str, note: str) -> str:
    """Record that a conflict on the claim was dealt with, and what was decided; return the new event's id.

    `event_id` names either step of the conflict (or the first characters of
    its id). Staff only, not the claimant. The conflict is kept in the claim's
    history, marked as dealt with; the claim's state does not change. Refused,
    with nothing written, when that step has no conflict or it was already
    dealt with.
    """
    from store.claims import conflicts

    text = conflicts.note_text(note)
    with store.transaction() as conn:
        real, person_id, target = conflicts.checked_target(conn, claim_id, actor_id, event_id)
        return checks.write(conn, real, "resolved", person_id, {"event_id": target, "note": text})


def batch_step(state: ClaimState, batch_id: str) -> tuple[str, dict[str, Any]]:
    """Return the event that puts what this claim owes in batch `batch_id`, or refuse in plain words.

    An approved claim not yet batched goes in whole; otherwise the corrections
    owed that no batch has sent go in on their own.
    """
    from store.claims.refusals import refusal_message

    if state.status == "approved" and state.batch_id is None:
        step: tuple[str, dict[str, Any]] = ("batched", {"batch_id": batch_id})
    elif state.status in ("approved", "paid"):
        owed = [line.line_id for line in state.corrections_to_send()]
        if not owed and state.status == "approved":
            raise CoprodError(_("This claim is already in a payment batch."))
        if not owed:
            raise CoprodError(_("This claim is paid, and no correction to it is waiting to be sent for payment."))
        step = ("correction_batched", {"batch_id": batch_id, "line_ids": owed})
    else:
        step = ("batched", {"batch_id": batch_id})
    message = refusal_message(state, *step)
    if message:
        raise CoprodError(message)
    return step


def record_batch(store: Store, claim_ids: list[str], actor_id: str) -> str:
    """Put what approved and paid claims owe in one payment batch, so nothing is sent to be paid twice.

    Returns the batch id. An approved claim goes in whole; from a claim
    already sent or paid, only its corrections not yet sent. All or nothing:
    if any claim has nothing to send, nothing is recorded and every such claim is named.
    """
    with store.transaction() as conn:
        person = checks.actor(conn, actor_id)
        checks.require_staff(person, _("Only staff can send claims for payment."))
        if not claim_ids:
            raise InputError(_("There are no claims to put in the batch."))
        batch_id = new_id()
        real_ids = list(dict.fromkeys(checks.resolve_claim(conn, claim_id) for claim_id in claim_ids))
        problems, states = [], {}
        for real in real_ids:
            state = load_state(conn, real)
            try:
                states[real] = (state.last_event_id, batch_step(state, batch_id))
            except CoprodError as exc:
                problems.append(_("Claim {id}: {problem}").format(id=real, problem=exc.message))
        if problems:
            raise CoprodError(_("Nothing was put in the batch.") + " " + " ".join(problems))
        for real, (after, (kind, data)) in states.items():
            log.append(conn, real, kind, person["id"], data, after=after)
        return batch_id
