"""Expense and fee lines: amounts, rates, mileage over the tax year, limits, and money that round-trips."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims_world import World, build, world  # noqa: F401  (fixture)
from store.claims import drafting, line_edits, lines, queries, workflow
from store.db import open_store
from store.errors import CoprodError, InputError
from store.money import format_money, parse_pence, pounds


def start(world: World, member: str | None = None, meeting: str | None = None) -> str:
    member = member or world.priya
    meeting = meeting or world.meeting
    world.present(meeting, member)
    return drafting.create_claim(world.store, meeting, member, world.grace)


def rows(world: World, claim_id: str) -> list[tuple]:
    return [(l["category"], l["quantity"], l["rate_pence"], l["amount_pence"])
            for l in queries.claim_lines(world.store, claim_id)]


def total(world: World, claim_id: str) -> int:
    return world.store.one("SELECT total_pence FROM claim_state WHERE claim_id = ?", (claim_id,))[0]


def test_an_expense_is_an_amount_or_a_quantity_at_a_rate(world: World) -> None:
    claim = start(world)
    line_edits.add_expense(world.store, claim, world.priya, {"category": "Rail or bus", "amount": "£12.50",
                                                            "receipt_ref": "T123", "receipt_path": "receipts/train.pdf"})
    line_edits.add_expense(world.store, claim, world.priya, {"category": "accommodation", "quantity": "2", "rate": "95",
                                                            "prior_approval": True})
    line_edits.add_expense(world.store, claim, world.priya, {"category": "support_worker", "quantity": "3.5",
                                                            "rate": "12.45"})
    assert rows(world, claim) == [("rail_bus", "1", None, 1250), ("accommodation", "2", 9500, 19000),
                                  ("support_worker", "3.5", 1245, 4358)]  # 43.575 rounds half up to 43.58
    assert total(world, claim) == 1250 + 19000 + 4358
    first = queries.claim_lines(world.store, claim)[0]
    assert (first["receipt_ref"], first["receipt_path"], first["line_date"]) == ("T123", "receipts/train.pdf", "2026-11-22")
    assert queries.claim_lines(world.store, claim)[1]["prior_approval"] == 1


def test_mileage_is_worked_out_from_the_miles_with_passengers_on_their_own_line(world: World) -> None:
    claim = start(world)
    line_edits.add_expense(world.store, claim, world.priya, {"category": "car", "miles": "32.5", "passengers": "2"})
    line_edits.add_expense(world.store, claim, world.priya, {"category": "motorcycle", "miles": "10"})
    line_edits.add_expense(world.store, claim, world.priya, {"category": "bicycle", "miles": "3"})
    assert rows(world, claim) == [("car", "32.5", 45, 1463), ("car_passengers", "65", 5, 325),
                                  ("motorcycle", "10", 24, 240), ("bicycle", "3", 20, 60)]


def test_a_journey_crossing_the_10000th_mile_of_the_tax_year_is_split_across_the_rates(world: World) -> None:
    # 9,990 miles driven on earlier claims this tax year (from May), then a 30-mile journey.
    earlier = [world.meeting_on(f"{day:02d}/05/2026") for day in range(1, 6)]
    for meeting in earlier[:4]:
        line_edits.add_expense(world.store, start(world, meeting=meeting), world.priya,
                               {"category": "car", "miles": "2000"})
    line_edits.add_expense(world.store, start(world, meeting=earlier[4]), world.priya, {"category": "car", "miles": "1990"})
    claim = start(world)
    made = line_edits.add_expense(world.store, claim, world.priya, {"category": "car", "miles": "30"})
    assert len(made) == 2
    assert rows(world, claim) == [("car", "10", 45, 450), ("car", "20", 25, 500)]
    line_edits.add_expense(world.store, claim, world.priya, {"category": "car", "miles": "5"})
    assert rows(world, claim)[-1] == ("car", "5", 25, 125)


def test_miles_on_rejected_or_withdrawn_claims_and_other_members_do_not_count(world: World) -> None:
    old = world.meeting_on("01/05/2026")
    other = world.meeting_on("02/05/2026")
    withdrawn = start(world, meeting=old)
    for _n in range(5):
        line_edits.add_expense(world.store, withdrawn, world.priya, {"category": "car", "miles": "2000"})
    workflow.withdraw(world.store, withdrawn, world.priya)
    someone_else = start(world, member=world.aisha, meeting=other)
    for _n in range(5):
        line_edits.add_expense(world.store, someone_else, world.aisha, {"category": "car", "miles": "2000"})
    claim = start(world)
    line_edits.add_expense(world.store, claim, world.priya, {"category": "car", "miles": "30"})
    assert rows(world, claim) == [("car", "30", 45, 1350)]


def test_the_mileage_threshold_starts_again_on_6_april(world: World) -> None:
    before = world.meeting_on("05/04/2026")
    claim_before = start(world, meeting=before)
    for _n in range(5):
        line_edits.add_expense(world.store, claim_before, world.priya, {"category": "car", "miles": "2000"})
    on_the_5th = start(world, member=world.priya, meeting=world.meeting_on("05/04/2026", "14:00", "16:00"))
    line_edits.add_expense(world.store, on_the_5th, world.priya, {"category": "car", "miles": "10"})
    assert rows(world, on_the_5th) == [("car", "10", 25, 250)]
    on_the_6th = start(world, meeting=world.meeting_on("06/04/2026"))
    line_edits.add_expense(world.store, on_the_6th, world.priya, {"category": "car", "miles": "10"})
    assert rows(world, on_the_6th) == [("car", "10", 45, 450)]


@pytest.mark.parametrize(("data", "field", "words"), [
    ({"category": "car", "miles": "1000000000"}, "miles", "1000000000 is more than 2000"),
    ({"category": "car", "miles": "0.5"}, "miles", "Miles must be at least 1"),
    ({"category": "car", "miles": "many"}, "miles", "many is not a number"),
    ({"category": "car", "miles": "12.25"}, "miles", "Use at most 1 figure after the point."),
    ({"category": "accommodation", "quantity": "1.125", "rate": "40"}, "quantity",
     "Use at most 2 figures after the point."),
    ({"category": "car", "amount": "12"}, "miles", "Give the miles: coprod works out the amount."),
    ({"category": "taxi", "amount": "£1,000,000.999"}, "amount", "is not an amount of money"),
    ({"category": "taxi", "amount": "-12.50"}, "amount", "cannot be negative"),
    ({"category": "taxi", "amount": "twelve"}, "amount", "twelve is not an amount of money"),
    ({"category": "taxi", "amount": "0"}, "amount", "at least 1p"),
    ({"category": "taxi", "amount": "5000.01"}, "amount", "£5,000.01 is more than coprod takes here"),
    ({"category": "taxi", "amount": 12.5}, "amount", "Give an amount of money"),
    ({"category": "taxi"}, "amount", "Give an amount, or a quantity and a rate."),
    ({"category": "taxi", "amount": "10", "quantity": "2", "rate": "5"}, "amount", "not both"),
    ({"category": "accommodation", "quantity": "1000", "rate": "4000"}, "quantity", "That comes to £4,000,000.00: a line can be up to £5,000.00."),
    ({"category": "taxi", "miles": "4"}, "miles", "Miles are only for car"),
    ({"category": "bicycle", "miles": "4", "passengers": "1"}, "passengers", "Only a car journey"),
    ({"category": "car", "miles": "4", "passengers": "20"}, "passengers", "from 0 to 8"),
    ({"category": "jetpack", "amount": "5"}, "category", "jetpack is not a kind of expense"),
    ({"category": "taxi", "amount": "5", "line_date": "31/02/2026"}, "line_date", "not a real date"),
    ({"category": "taxi", "amount": "5", "colour": "red"}, "colour", "colour is not something coprod keeps"),
])
def test_bad_expense_is_refused_in_plain_words_and_nothing_is_written(world: World, data, field, words) -> None:
    claim = start(world)
    before = world.changes()
    with pytest.raises(InputError) as caught:
        line_edits.add_expense(world.store, claim, world.priya, data)
    assert words in caught.value.message
    assert caught.value.field == field
    assert world.changes() == before


def test_fee_added_by_hand_comes_from_the_card(world: World) -> None:
    claim = start(world)
    line_edits.add_fee(world.store, claim, world.grace, {"category": "half day"})
    line_edits.add_fee(world.store, claim, world.grace, {"category": "prep", "hours": "1.25"})
    line_edits.add_fee(world.store, claim, world.grace, {"category": "chairing"})
    assert rows(world, claim) == [("half_day", "1", 7500, 7500), ("prep", "1.25", 2500, 3125), ("chairing", "1", 2500, 2500)]


@pytest.mark.parametrize(("who", "words"), [
    ("sian", "Siân Jones has said no to any payment."),
    ("dafydd", "Dafydd Evans takes expenses only."),
    ("ben", "Ben Carter is staff. Staff are not paid fees."),
])
def test_no_fee_by_hand_against_the_members_payment_preference(world: World, who, words) -> None:
    person = getattr(world, who)
    claim = start(world, member=person)
    with pytest.raises(CoprodError, match=words):
        line_edits.add_fee(world.store, claim, world.grace, {"category": "half_day"})
    line_edits.add_expense(world.store, claim, world.grace, {"category": "parking", "amount": "4"})
    assert rows(world, claim) == [("parking", "1", None, 400)]


def test_fee_by_hand_stays_under_a_reduced_fee_cap(world: World) -> None:
    claim = start(world, member=world.rhys)
    line_edits.add_fee(world.store, claim, world.grace, {"category": "hours", "hours": "0.75"})  # £18.75
    with pytest.raises(CoprodError, match=r"past their cap of £20.00. £1.25 is left under the cap."):
        line_edits.add_fee(world.store, claim, world.grace, {"category": "hours", "hours": "0.25"})


def test_fee_without_a_rate_on_the_card_is_refused(world: World) -> None:
    from store.claims import rates

    rates.add_rate_card(world.store, {"name": "Hourly", "effective_from": "01/11/2026", "fee_hour_pence": "25"})
    claim = start(world)
    with pytest.raises(CoprodError, match="The rate card Hourly has no rate for day"):
        line_edits.add_fee(world.store, claim, world.grace, {"category": "day"})


def test_changing_and_taking_off_lines_of_a_draft(world: World) -> None:
    claim = start(world)
    taxi = line_edits.add_expense(world.store, claim, world.priya, {"category": "taxi", "amount": "12"})[0]
    car = line_edits.add_expense(world.store, claim, world.priya, {"category": "car", "miles": "10"})[0]
    line_edits.change_line(world.store, claim, world.priya, taxi, {"amount": "14.20", "prior_approval": True,
                                                                  "receipt_ref": "TX1"})
    line = queries.claim_lines(world.store, claim)[0]
    assert (line["amount_pence"], line["prior_approval"], line["receipt_ref"]) == (1420, 1, "TX1")
    with pytest.raises(InputError, match="take this line off and add the journey again"):
        line_edits.change_line(world.store, claim, world.priya, car, {"amount": "3"})
    line_edits.remove_line(world.store, claim, world.priya, car)
    assert rows(world, claim) == [("taxi", "1", None, 1420)]
    assert len(queries.claim_lines(world.store, claim, include_removed=True)) == 2
    with pytest.raises(CoprodError, match="That line is not on this claim."):
        line_edits.remove_line(world.store, claim, world.priya, car)
    assert total(world, claim) == 1420


def test_lines_of_a_submitted_claim_cannot_change(world: World) -> None:
    claim = start(world)
    taxi = line_edits.add_expense(world.store, claim, world.priya, {"category": "taxi", "amount": "12"})[0]
    workflow.submit(world.store, claim, world.priya)
    before = world.changes()
    with pytest.raises(CoprodError, match="This claim is waiting for approval: lines can only be added to a draft."):
        line_edits.add_expense(world.store, claim, world.priya, {"category": "taxi", "amount": "12"})
    with pytest.raises(CoprodError, match="lines can only be changed in a draft"):
        line_edits.change_line(world.store, claim, world.priya, taxi, {"note": "x"})
    with pytest.raises(CoprodError, match="lines can only be taken off a draft"):
        line_edits.remove_line(world.store, claim, world.priya, taxi)
    assert world.changes() == before


def test_only_staff_or_the_claimant_change_a_claim(world: World) -> None:
    claim = start(world)
    with pytest.raises(CoprodError, match="Only staff or Priya Shah can change this claim."):
        line_edits.add_expense(world.store, claim, world.aisha, {"category": "taxi", "amount": "12"})


def test_amounts_round_half_up_once_per_line() -> None:
    assert lines.amount(Decimal("0.5"), 1) == 1
    assert lines.amount(Decimal("2.5"), 45) == 113  # 112.5
    assert lines.amount(Decimal("0.25"), 2750) == 688  # 687.5
    assert lines.amount(Decimal("32.5"), 45) == 1463


AMOUNTS = st.integers(min_value=1, max_value=500_000)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(amounts=st.lists(AMOUNTS, min_size=1, max_size=6), styles=st.lists(st.sampled_from(["plain", "pound", "comma", "p"]),
                                                                         min_size=6, max_size=6))
def test_money_typed_in_any_form_round_trips_and_the_claim_totals_its_lines(tmp_path_factory, amounts, styles) -> None:
    store = open_store(tmp_path_factory.mktemp("money") / "coprod.db")
    try:
        world = build(store)
        claim = start(world)
        for pence, style in zip(amounts, styles):
            text = {"plain": pounds(pence), "pound": format_money(pence), "comma": f"£{pence // 100:,}.{pence % 100:02d}",
                    "p": f"{pence}p"}[style]
            assert parse_pence(text) == pence
            line_edits.add_expense(store, claim, world.priya, {"category": "other", "amount": text})
        stored = [l["amount_pence"] for l in queries.claim_lines(store, claim)]
        assert stored == amounts
        assert [parse_pence(format_money(p)) for p in stored] == amounts
        assert total(world, claim) == sum(amounts)
        assert store.one("SELECT SUM(amount_pence) FROM claim_lines WHERE claim_id = ? AND removed = 0", (claim,))[0] == sum(amounts)
    finally:
        store.close()
