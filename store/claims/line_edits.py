"""Adding, changing and taking off the lines of a draft claim.

Only a draft's lines change; an approved or paid claim is corrected with
`workflow.adjust`. Each command is one transaction: a refused one writes nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from store.claims import checks, log
from store.claims.refusals import refusal_message
from store.claims.state import TRANSITIONS, ClaimState
from store.claims.lines import NO_RECEIPT, amount, expense_lines, fee_line, plain
from store.claims.projection import load_state
from store.claims.rates import card_for
from store.db import Store
from store.errors import CoprodError, InputError
from store.i18n import _
from store.money import format_money, pounds


def _draft(conn, claim_id: str, actor_id: str, kind: str) -> tuple[dict[str, Any], dict[str, Any], ClaimState]:
    real = checks.resolve_claim(conn, claim_id)
    claim = checks.claim_row(conn, real)
    person = checks.actor(conn, actor_id)
    checks.require_staff_or_claimant(person, claim)
    state = load_state(conn, real)
    if state.status not in TRANSITIONS[kind][0]:
        raise CoprodError(refusal_message(state, kind, {}))
    return claim, person, state


def _append_lines(conn, claim: dict[str, Any], person: dict[str, Any], state: ClaimState,
                  lines: list[dict[str, Any]]) -> list[str]:
    after = state.last_event_id
    for item in lines:
        after = log.append(conn, claim["id"], "line_added", person["id"], item, after=after)
    return [item["line_id"] for item in lines]


def add_expense(store: Store, claim_id: str, actor_id: str, data: dict[str, Any]) -> list[str]:
    """Add an expense to a draft claim; return the new line ids (a car journey may make several).

    `data`: category; amount, or quantity and rate, or miles (and passengers)
    for mileage; line_date, receipt_ref, receipt_path, prior_approval, note.
    """
    from store.claims.models import MAX_LINE_PENCE, ExpenseIn, validate

    values = validate(ExpenseIn, data).model_dump()
    with store.transaction() as conn:
        claim, person, state = _draft(conn, claim_id, actor_id, "line_added")
        day = values.get("line_date") or claim["meeting_date"]
        card = card_for(conn, day) if values.get("miles") is not None else None
        lines = expense_lines(conn, card, claim["member_id"], claim["meeting_date"], values)
        for item in lines:
            if item["amount_pence"] > MAX_LINE_PENCE:
                raise InputError(_("That comes to {amount}: a line can be up to {most}. Check the figures.")
                                 .format(amount=format_money(item["amount_pence"]), most=format_money(MAX_LINE_PENCE)),
                                 "quantity")
        return _append_lines(conn, claim, person, state, lines)


def _fee_allowed(conn, claim: dict[str, Any], new_pence: int, state: ClaimState) -> None:
    name = claim["name"]
    if claim["member_type"] == "staff":
        raise CoprodError(_("{name} is staff. Staff are not paid fees.").format(name=name))
    if claim["payment_preference"] == "declines":
        raise CoprodError(_("{name} has said no to any payment. Change their payment preference first if they now want a fee.")
                          .format(name=name))
    if claim["payment_preference"] == "expenses_only":
        raise CoprodError(_("{name} takes expenses only. Change their payment preference first if they now want a fee.")
                          .format(name=name))
    if claim["payment_preference"] == "reduced_fee":
        cap = claim["fee_cap_pence"] or 0
        if state.fee_pence + new_pence > cap:
            left = max(cap - state.fee_pence, 0)
            raise CoprodError(_("That would take {name}'s fees past their cap of £{cap}. £{left} is left under the cap.")
                              .format(name=name, cap=pounds(cap), left=pounds(left)))


def add_fee(store: Store, claim_id: str, actor_id: str, data: dict[str, Any]) -> str:
    """Add a fee line by hand (category hours, half_day, day, prep or chairing; hours for the hourly two)."""
    from store import vocab
    from store.claims.models import FeeIn, validate

    values = validate(FeeIn, data).model_dump()
    with store.transaction() as conn:
        claim, person, state = _draft(conn, claim_id, actor_id, "line_added")
        card = card_for(conn, claim["meeting_date"])
        item = fee_line(card, values, claim["meeting_date"])
        if item is None:
            raise CoprodError(_("The rate card {name} has no rate for {fee}. Add it to the card first.")
                              .format(name=card["name"], fee=vocab.label(vocab.FEE_CATEGORIES, values["category"]).lower()))
        _fee_allowed(conn, claim, item["amount_pence"], state)
        return _append_lines(conn, claim, person, state, [item])[0]


def _live_line(state: ClaimState, line_id: str):
    found = state.lines.get(str(line_id or ""))
    if found is None or found.removed:
        raise CoprodError(_("That line is not on this claim."))
    return found


def change_line(store: Store, claim_id: str, actor_id: str, line_id: str, data: dict[str, Any]) -> None:
    """Change a draft line: its receipt, prior approval, note or date; the amount, or quantity and rate,
    of an expense that is not mileage; the hours of an hourly fee. Mileage is taken off and added again."""
    from store.claims.models import LineDetailsIn, MAX_HOURS, MAX_LINE_PENCE, money, quantity, validate

    details = {k: v for k, v in data.items() if k in LineDetailsIn.model_fields}
    money_keys = {k: v for k, v in data.items() if k not in details}
    checked = validate(LineDetailsIn, details).model_dump() if details else {}
    changed = {k: checked[k] for k in details}
    if "prior_approval" in changed:
        changed["prior_approval"] = int(changed["prior_approval"])
    with store.transaction() as conn:
        claim, person, state = _draft(conn, claim_id, actor_id, "line_changed")
        current = _live_line(state, line_id)
        unknown = set(money_keys) - {"amount", "quantity", "rate", "hours"}
        if unknown:
            raise InputError(_("{field} is not something coprod keeps.").format(field=sorted(unknown)[0]), sorted(unknown)[0])
        if money_keys and current.category in NO_RECEIPT:
            raise InputError(_("To change the miles, take this line off and add the journey again."), "miles")
        if "hours" in money_keys:
            if current.category not in ("hours", "prep"):
                raise InputError(_("Hours are only for fees by the hour or preparation."), "hours")
            hours = quantity(money_keys["hours"], "hours", minimum=Decimal("0.25"), maximum=MAX_HOURS)
            changed.update(quantity=plain(hours), amount_pence=amount(hours, current.rate_pence))
        elif "amount" in money_keys:
            if current.line_kind == "fee":
                raise InputError(_("A fee comes from the rate card. Change the hours, or take the line off."), "amount")
            pence = money(money_keys["amount"], "amount", maximum=MAX_LINE_PENCE, required=True, allow_zero=False)
            changed.update(quantity="1", rate_pence=None, amount_pence=pence)
        elif "quantity" in money_keys or "rate" in money_keys:
            if current.line_kind == "fee":
                raise InputError(_("A fee comes from the rate card. Change the hours, or take the line off."), "rate")
            number = quantity(money_keys.get("quantity", current.quantity), "quantity", maximum=Decimal(1000))
            rate = money(money_keys.get("rate", current.rate_pence), "rate", maximum=MAX_LINE_PENCE, required=True,
                         allow_zero=False)
            changed.update(quantity=plain(number), rate_pence=rate, amount_pence=amount(number, rate))
        if "amount_pence" in changed and not 1 <= changed["amount_pence"] <= MAX_LINE_PENCE:
            raise InputError(_("A line can be up to {most}.").format(most=format_money(MAX_LINE_PENCE)), "amount")
        if current.line_kind == "fee" and "amount_pence" in changed:
            _fee_allowed(conn, claim, changed["amount_pence"] - current.amount_pence, state)
        changed = {k: v for k, v in changed.items() if getattr(current, k) != v}
        if not changed:
            return
        log.append(conn, claim["id"], "line_changed", person["id"], {"line_id": current.line_id, **changed},
                   after=state.last_event_id)


def remove_line(store: Store, claim_id: str, actor_id: str, line_id: str) -> None:
    """Take a line off a draft claim (it stays in the claim's history)."""
    with store.transaction() as conn:
        claim, person, state = _draft(conn, claim_id, actor_id, "line_removed")
        current = _live_line(state, line_id)
        log.append(conn, claim["id"], "line_removed", person["id"], {"line_id": current.line_id}, after=state.last_event_id)
