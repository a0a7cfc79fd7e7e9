"""Warnings on claims: shown, never blocking, and never silent about benefits, receipts, deadlines or clashes."""

from __future__ import annotations

import json

import pytest

from claims_world import World, world  # noqa: F401  (fixture)
from store import changes
from store.changes import Change
from store.claims import drafting, line_edits, queries, rates, workflow
from store.claims.warnings import warnings
from store.ids import new_id


def claim_at(world: World, member: str, date: str | None = None, fee: str | None = "half_day") -> str:
    meeting = world.meeting_on(date) if date else world.meeting
    world.present(meeting, member)
    claim = drafting.create_claim(world.store, meeting, member, world.grace)
    if fee:
        line_edits.add_fee(world.store, claim, world.grace, {"category": fee})
    return claim


def codes(world: World, claim: str) -> list[str]:
    return [w["code"] for w in warnings(world.store.conn, claim)]


def messages(world: World, claim: str, code: str) -> list[str]:
    return [w["message"] for w in warnings(world.store.conn, claim) if w["code"] == code]


def test_a_plain_claim_has_no_warnings(world: World) -> None:
    claim = claim_at(world, world.priya)
    line_edits.add_expense(world.store, claim, world.priya, {"category": "car", "miles": "12"})
    assert codes(world, claim) == []


def test_a_fee_for_someone_paid_by_their_employer_is_flagged_but_allowed(world: World) -> None:
    claim = claim_at(world, world.olu)
    assert messages(world, claim, "employer_fee") == [
        "Olu Adebayo's employer pays them to attend. Check before paying them a fee."]
    workflow.submit(world.store, claim, world.grace)


def test_fees_over_the_weekly_esa_limit_are_flagged_on_every_claim_of_that_week(world: World) -> None:
    rates.seed_benefit_limits(world.store)
    rates.set_benefits(world.store, world.priya, "esa")
    monday = claim_at(world, world.priya, "16/11/2026", fee="day")  # £150
    assert codes(world, monday) == []
    sunday = claim_at(world, world.priya)  # 22/11, same Monday-to-Sunday week: £75 more
    expected = ("Fees to Priya Shah in the week of 16 Nov 2026 come to £225.00, over the ESA permitted work limit of "
                "£195.50 a week. This may affect their benefits: talk to them before it is paid.")
    assert messages(world, sunday, "esa_limit") == [expected]
    assert messages(world, monday, "esa_limit") == [expected]
    next_week = claim_at(world, world.priya, "23/11/2026", fee="half_day")
    assert codes(world, next_week) == []


def test_a_rejected_claim_does_not_count_towards_a_benefit_limit(world: World) -> None:
    rates.seed_benefit_limits(world.store)
    rates.set_benefits(world.store, world.priya, "esa")
    monday = claim_at(world, world.priya, "16/11/2026", fee="day")
    sunday = claim_at(world, world.priya)
    workflow.submit(world.store, monday, world.grace)
    workflow.reject(world.store, monday, world.ben, "Claimed twice.")
    assert codes(world, sunday) == []


@pytest.mark.parametrize(("flag", "limit", "over_at"), [("uc_housing", "£411.00", 3), ("uc", "£684.00", 5)])
def test_fees_over_the_monthly_universal_credit_allowance_are_flagged(world: World, flag, limit, over_at) -> None:
    rates.seed_benefit_limits(world.store)
    rates.set_benefits(world.store, world.priya, flag)
    claims = []
    for n, day in enumerate((2, 9, 16, 23, 24), start=1):  # £150 a day fee each
        claims.append(claim_at(world, world.priya, f"{day:02d}/11/2026", fee="day"))
        flagged = ["uc_limit" in codes(world, c) for c in claims]
        assert flagged == [n >= over_at] * n, f"after {n} claims (£{150 * n})"
    message = messages(world, claims[0], "uc_limit")[0]
    assert f"Fees to Priya Shah in November 2026 come to £{150 * 5:,}.00" in message
    assert f"over the Universal Credit work allowance of {limit} a month" in message
    december = claim_at(world, world.priya, "01/12/2026", fee="day")
    assert codes(world, december) == []


def test_a_benefit_flag_without_a_limit_on_record_says_so(world: World) -> None:
    rates.set_benefits(world.store, world.priya, "esa")
    claim = claim_at(world, world.priya)
    assert messages(world, claim, "no_benefit_limit") == [
        "Priya Shah gets a benefit that fees can affect, but coprod has no limit for 22 Nov 2026. "
        "Add the limit so this claim can be checked."]


def test_expenses_alone_never_raise_a_benefit_warning(world: World) -> None:
    rates.set_benefits(world.store, world.priya, "esa")
    claim = claim_at(world, world.priya, fee=None)
    line_edits.add_expense(world.store, claim, world.priya, {"category": "car", "miles": "20"})
    assert codes(world, claim) == []


def test_missing_receipts_are_flagged_for_all_but_mileage_and_the_flat_allowance(world: World) -> None:
    claim = claim_at(world, world.priya, fee=None)
    taxi = line_edits.add_expense(world.store, claim, world.priya, {"category": "rail_bus", "amount": "8"})[0]
    line_edits.add_expense(world.store, claim, world.priya, {"category": "rail_bus", "amount": "9", "receipt_ref": "R1",
                                                            "receipt_path": "r1.pdf"})
    line_edits.add_expense(world.store, claim, world.priya, {"category": "car", "miles": "20", "passengers": "1"})
    line_edits.add_expense(world.store, claim, world.priya, {"category": "phone_internet", "amount": "5"})
    line_edits.add_expense(world.store, claim, world.priya, {"category": "phone_internet", "amount": "12"})
    found = [(w["code"], w.get("line_id")) for w in warnings(world.store.conn, claim)]
    assert found[0] == ("missing_receipt", taxi)
    assert [code for code, _line in found] == ["missing_receipt", "missing_receipt"]
    assert messages(world, claim, "missing_receipt")[1] == \
        "No receipt for Phone or internet (£12.00). Add the receipt reference and file."


def test_taxi_accommodation_and_support_worker_costs_not_agreed_beforehand_are_flagged(world: World) -> None:
    claim = claim_at(world, world.priya, fee=None)
    receipt = {"receipt_ref": "R", "receipt_path": "r.pdf"}
    line_edits.add_expense(world.store, claim, world.priya, {"category": "taxi", "amount": "14", **receipt})
    line_edits.add_expense(world.store, claim, world.priya, {"category": "accommodation", "amount": "90",
                                                            "prior_approval": True, **receipt})
    line_edits.add_expense(world.store, claim, world.priya, {"category": "support_worker", "quantity": "3", "rate": "12",
                                                            **receipt})
    assert messages(world, claim, "prior_approval") == [
        "Taxi (£14.00) was not agreed beforehand. Check it was needed.",
        "Carer, PA or support worker (£36.00) was not agreed beforehand. Check it was needed."]


def test_a_claim_past_its_deadline_is_flagged_when_sent_and_while_it_waits(world: World) -> None:
    late = claim_at(world, world.priya, "01/08/2026")  # due by 30 Oct 2026; today is 22 Nov 2026
    assert messages(world, late, "past_deadline") == [
        "This claim is past the deadline: claims are due within 90 days of the meeting, by 30 Oct 2026."]
    workflow.submit(world.store, late, world.priya)
    assert "past_deadline" in codes(world, late)
    in_time = claim_at(world, world.aisha, "01/10/2026")
    assert codes(world, in_time) == []


def test_a_deadline_of_one_day_is_said_in_the_singular(world: World) -> None:
    rates.update_rate_card(world.store, world.card, {"deadline_days": 1})
    late = claim_at(world, world.priya, "20/11/2026")  # due by 21 Nov 2026; today is 22 Nov 2026
    assert messages(world, late, "past_deadline") == [
        "This claim is past the deadline: claims are due within 1 day of the meeting, by 21 Nov 2026."]


def test_the_same_cost_on_two_live_claims_is_a_possible_duplicate(world: World) -> None:
    first = claim_at(world, world.priya, fee=None)
    second = claim_at(world, world.priya, "23/11/2026", fee=None)
    fare = {"category": "rail_bus", "amount": "6.40", "line_date": "22/11/2026", "receipt_ref": "R", "receipt_path": "r"}
    line_edits.add_expense(world.store, first, world.priya, fare)
    line_edits.add_expense(world.store, second, world.priya, fare)
    expected = ["Rail or bus (£6.40) on 22 Nov 2026 is also on another claim for Priya Shah. "
                "Check it is not claimed twice."]
    assert messages(world, first, "duplicate") == expected == messages(world, second, "duplicate")
    workflow.withdraw(world.store, second, world.priya)
    assert codes(world, first) == []


def test_meals_and_accommodation_over_the_cards_caps_are_flagged(world: World) -> None:
    claim = claim_at(world, world.priya, fee=None)
    receipt = {"receipt_ref": "R", "receipt_path": "r.pdf", "prior_approval": True}
    line_edits.add_expense(world.store, claim, world.priya, {"category": "subsistence", "amount": "12.00", **receipt})
    line_edits.add_expense(world.store, claim, world.priya, {"category": "subsistence", "amount": "9.50", **receipt})
    line_edits.add_expense(world.store, claim, world.priya, {"category": "accommodation", "quantity": "2", "rate": "130",
                                                            **receipt})
    line_edits.add_expense(world.store, claim, world.priya, {"category": "accommodation", "quantity": "2", "rate": "110",
                                                            **receipt})
    assert messages(world, claim, "over_cap") == [
        "Meals (£12.00) is over the rate card's cap of £10.00.",
        "Accommodation (£260.00) is over the rate card's cap of £120.00."]


def test_warnings_never_block_a_claim(world: World) -> None:
    claim = claim_at(world, world.olu, "01/08/2026")
    line_edits.add_expense(world.store, claim, world.olu, {"category": "taxi", "amount": "30"})
    assert len(codes(world, claim)) >= 4
    workflow.submit(world.store, claim, world.olu)
    world.close(world.meeting)
    assert queries.get_claim(world.store, claim)["status"] == "submitted"


def test_a_claim_changed_on_two_laptops_at_once_shows_its_conflict(world: World) -> None:
    claim = claim_at(world, world.priya)
    workflow.submit(world.store, claim, world.priya)
    sent = world.store.one("SELECT last_event_id FROM claim_state WHERE claim_id = ?", (claim,))[0]
    world.close(world.meeting)
    workflow.approve(world.store, claim, world.ben)
    # Meanwhile, on Fiona's laptop, which had only seen the claim sent: a rejection, synced in.
    event = {"claim_id": claim, "after": sent, "kind": "rejected", "actor_id": world.fiona,
             "at": "2026-11-22T10:39:00+00:00", "data": json.dumps({"reason": "Claimed twice."})}
    with world.store.transaction() as conn:
        changes.apply(conn, Change("other-laptop", 1, 1, "claim_events", new_id(), "event",
                                   json.dumps(event, sort_keys=True)))
    claim_now = queries.get_claim(world.store, claim)
    assert claim_now["status"] == "rejected"  # the earlier of the two stands, by when each was done
    assert claim_now["conflict"] == 1
    assert "conflict" in [w["code"] for w in claim_now["warnings"]]
    assert [c["kind"] for c in claim_now["conflicts"]] == ["refused"]
    approval = [h for h in claim_now["history"] if h["kind"] == "approved"][0]
    assert not approval["applied"]
    assert approval["conflict"] == "Not applied: the claim had already changed on another laptop."


def test_fees_paid_to_a_charity_are_not_the_members_income(world: World) -> None:
    rates.seed_benefit_limits(world.store)
    rates.set_benefits(world.store, world.aisha, "esa")  # Aisha's fees go to a charity
    monday = claim_at(world, world.aisha, "16/11/2026", fee="day")
    sunday = claim_at(world, world.aisha, fee="day")
    assert codes(world, monday) == codes(world, sunday) == []
    rates.set_benefits(world.store, world.tomasz, "esa")  # vouchers count as income
    claim_at(world, world.tomasz, "16/11/2026", fee="day")
    assert "esa_limit" in codes(world, claim_at(world, world.tomasz, fee="day"))
