"""What may happen to a claim now, and why not in plain words; what each kind of conflict means.

`refusal_code` is the one check: replay (store.claims.events) applies an
event only when it passes, and every command checks the same before it
writes (store.claims.checks), so a step refused on one laptop is refused the
same way when it arrives on another.
"""

from __future__ import annotations

from typing import Any

from store.claims.state import (
    LINE_EDITS, MAX_NOTE, TRANSITIONS, ClaimState, Conflict, line_values, whole_pence,
)
from store.i18n import N_, _

# One refusal per action; {status} is a CLAIM_STATUS_WORDS entry.
_REFUSALS = {
    "line_added": N_("This claim is {status}: lines can only be added to a draft."),
    "line_changed": N_("This claim is {status}: lines can only be changed in a draft."),
    "line_removed": N_("This claim is {status}: lines can only be taken off a draft."),
    "submitted": N_("This claim is {status}: it can't be sent for approval."),
    "returned": N_("This claim is {status}: it can't be sent back for changes."),
    "approved": N_("This claim is {status}: it can't be approved."),
    "rejected": N_("This claim is {status}: it can't be rejected."),
    "paid": N_("This claim is {status}: it can't be paid."),
    "withdrawn": N_("This claim is {status}: it can't be withdrawn."),
    "adjusted": N_("This claim is {status}: only an approved or paid claim is corrected. Change its lines instead."),
    "batched": N_("This claim is {status}: only an approved claim goes in a payment batch."),
    "correction_batched": N_("This claim is {status}: only an approved or paid claim has corrections to send."),
    "correction_paid": N_("This claim is {status}: a correction is paid on its own only once the claim is paid."),
    "created": N_("This claim has already been started."),
}


def has_payment(data: dict[str, Any]) -> bool:
    """Return whether event data names a payment: a reference and the day it was paid."""
    return bool(str(data.get("payment_reference") or "").strip()) and bool(str(data.get("paid_on") or "").strip())

def line_ids(data: dict[str, Any]) -> list[str]:
    """Return the line ids a correction's batch or payment names (only the ones that are text)."""
    ids = data.get("line_ids")
    return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []


def refusal_code(state: ClaimState, kind: str, data: dict[str, Any]) -> str | None:
    """Return None if `kind` may happen now; 'same' for a repeat of what already happened; else why not."""
    if kind not in TRANSITIONS:
        return "unknown"
    allowed, to = TRANSITIONS[kind]
    if kind == "created":
        return "same" if state.created_at is not None else None
    if state.status not in allowed:
        if to is not None and to == state.status and _repeat(state, kind, data):
            return "same"
        if kind == "batched" and state.batch_id is not None and data.get("batch_id") == state.batch_id:
            return "same"
        return "state"
    if kind in LINE_EDITS:
        return _line_refusal(state, kind, data)
    if kind == "adjusted":
        line_id = data.get("line_id")
        if not isinstance(line_id, str) or not line_id or not _line_data_ok(data) or data["amount_pence"] == 0:
            return "bad_data"
        return "same" if line_id in state.lines else None
    if kind == "batched":
        if not str(data.get("batch_id") or ""):
            return "bad_data"
        if state.batch_id is None:
            return None
        return "same" if data.get("batch_id") == state.batch_id else "two_batches"
    if kind == "paid" and not has_payment(data):
        return "bad_data"
    if kind in ("correction_batched", "correction_paid"):
        return _correction_refusal(state, kind, data)
    if kind == "resolved":
        return _resolve_refusal(state, data)
    return None


def _resolve_refusal(state: ClaimState, data: dict[str, Any]) -> str | None:
    target, note = data.get("event_id"), data.get("note")
    if not isinstance(target, str) or not target or not isinstance(note, str) or not 0 < len(note) <= MAX_NOTE:
        return "bad_data"
    # Naming a conflict already dealt with is allowed: two laptops may each deal with it.
    return None if conflicts_naming(state, target) else "no_conflict"


def _correction_refusal(state: ClaimState, kind: str, data: dict[str, Any]) -> str | None:
    ids = line_ids(data)
    if not ids or len(ids) != len(data.get("line_ids") or ()) or len(set(ids)) != len(ids):
        return "nothing_due" if data.get("line_ids") == [] else "bad_data"
    if kind == "correction_batched" and not str(data.get("batch_id") or ""):
        return "bad_data"
    if kind == "correction_paid" and not has_payment(data):
        return "bad_data"
    lines = [state.lines.get(line_id) for line_id in ids]
    if any(line is None or line.removed for line in lines):
        return "bad_data"
    if kind == "correction_batched":
        if all(line.batch_id == data["batch_id"] for line in lines):
            return "same"
        if any(line.paid_on is not None for line in lines):
            return "already_paid"
        if any(line.batch_id is not None for line in lines):
            return "two_batches"
    else:
        payment = (data.get("payment_reference"), data.get("paid_on"))
        if all((line.payment_reference, line.paid_on) == payment for line in lines):
            return "same"
        if any(line.paid_on is not None for line in lines):
            return "paid_twice"
    due = {line.line_id for line in state.corrections_due()}
    return None if set(ids) <= due else "nothing_due"


def conflicts_naming(state: ClaimState, event_id: str) -> list[Conflict]:
    """Return the claim's conflicts (open or dealt with) that involve the event `event_id`."""
    return [c for c in state.conflicts if event_id in (c.event_id, c.other_event_id)]


def _repeat(state: ClaimState, kind: str, data: dict[str, Any]) -> bool:
    # Two staff approving at once is harmless; two different payments are not.
    if kind == "paid":
        return (data.get("payment_reference"), data.get("paid_on")) == (state.payment_reference, state.paid_at)
    return True


def _line_refusal(state: ClaimState, kind: str, data: dict[str, Any]) -> str | None:
    line_id = data.get("line_id")
    if not isinstance(line_id, str) or not line_id:
        return "bad_data"
    current = state.lines.get(line_id)
    if kind == "line_added":
        if current is not None:
            return "same"
        return None if _line_data_ok(data) else "bad_data"
    if current is None or current.removed:
        return "line_gone"
    if kind == "line_changed" and not _line_data_ok({**line_values(current), **data}):
        return "bad_data"
    return None


def _line_data_ok(data: dict[str, Any]) -> bool:
    return (data.get("line_kind") in ("fee", "expense") and isinstance(data.get("category"), str)
            and whole_pence(data.get("amount_pence")) is not None)


def refusal_message(state: ClaimState, kind: str, data: dict[str, Any]) -> str | None:
    """Return, in plain words, why `kind` can't happen to this claim now; None if it can."""
    from store import vocab

    code = refusal_code(state, kind, data)
    if code is None:
        return None
    if code == "same" and kind == "correction_paid":
        return _("This payment is already recorded, with this reference and date.")
    if code == "same" and kind == "correction_batched":
        return _("That correction is already in this payment batch.")
    if code in ("state", "same"):
        status = vocab.label(vocab.CLAIM_STATUS_WORDS, state.status)
        return _(_REFUSALS.get(kind, "This claim is {status}.")).format(status=status)
    if code == "line_gone":
        return _("That line is not on this claim any more.")
    if code == "two_batches":
        if kind == "correction_batched":
            return _("That correction is already in a payment batch.")
        return _("This claim is already in a payment batch.")
    if code == "nothing_due":
        return _("This claim has no correction waiting to be paid.")
    if code == "already_paid":
        return _("That correction has already been paid.")
    if code == "paid_twice":
        return _("That correction has already been paid, with other payment details.")
    if code == "no_conflict":
        return _("Nothing clashed at that step of this claim, so there is nothing to deal with.")
    return _("Something about this change is not right. Check it and try again.")


# What each kind of conflict means, for the claim's history and warnings.
CONFLICT_WORDS = {
    "refused": N_("Not applied: the claim had already changed on another laptop."),
    "same_line": N_("The same line was changed on two laptops at once."),
    "edit_and_decision": N_("A line was changed on one laptop while the claim was moved on from another."),
    "two_decisions": N_("Two different steps were taken on two laptops at once."),
    "two_adjustments": N_("Two corrections were made at once: check that one does not repeat the other."),
    "two_batches": N_("The claim was put in two payment batches."),
    "line_gone": N_("A line was changed after it had been taken off on another laptop."),
    "paid_anyway": N_("Marked paid while another laptop had moved the claim on."),
    "paid_twice": N_("Marked paid twice, with different payment details."),
    "bad_data": N_("A change from another device could not be read."),
    "unknown": N_("A change from another device could not be read."),
    "no_conflict": N_("Nothing had clashed at that step, so there was nothing to deal with."),
    "batch_and_payment": N_("Sent for payment on one laptop while marked paid on another: check it was not paid twice."),
    "already_paid": N_("A correction was sent for payment after it had been paid: check it was not paid twice."),
    "nothing_due": N_("A correction was sent or paid that was not owed any more: check it was not paid twice."),
}


def conflict_words(kind: str) -> str:
    """Return what a conflict of this kind means, in plain words."""
    return _(CONFLICT_WORDS.get(kind, CONFLICT_WORDS["unknown"]))
