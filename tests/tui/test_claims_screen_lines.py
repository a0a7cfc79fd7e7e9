"""Lines on a draft claim: expenses (mileage shows its rate and amount), fees by hand, and warnings in words."""

from __future__ import annotations

from decimal import Decimal

from drive import SIZE, fill, row_cells, shown
from drive_claims import (
    be, claim_on_disk, lines_on_disk, mark_present, open_claim, own_settings, paid_member, staff,
)
from textual.widgets import Select

from store import claims, vocab
from store.claims import card_for
from store.claims.warnings import warnings
from store.money import format_money
from tui.screens.claim import ClaimScreen
from tui.screens.expense_form import ExpenseForm

__all__ = ["own_settings"]


def _draft(store, meeting: str) -> tuple[str, dict, dict]:
    """An empty draft claim for a member present at `meeting`, with a member of staff using coprod."""
    member, boss = paid_member(store, "fee_and_expenses"), staff(store, 0)
    mark_present(store, meeting, member)
    claim = claims.create_claim(store, meeting, member["id"], boss["id"])
    be(store, boss)
    return claim, member, boss


async def _choose(pilot, select_id: str, vocabulary: dict[str, str], code: str) -> None:
    """Open a drop-down with Enter and move to `code` with the arrow keys, as a person would."""
    box = pilot.app.screen.query_one(select_id, Select)
    box.focus()
    await pilot.pause()
    codes = list(vocabulary)
    steps = codes.index(code) - codes.index(box.value)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps), "enter")
    await pilot.pause()
    assert box.value == code


async def test_car_mileage_shows_the_rate_it_uses_and_stores_the_amount(db_path, demo_store, open_meeting,
                                                                        app) -> None:
    store = demo_store
    claim, member, _boss = _draft(store, open_meeting)
    day = store.one("SELECT date FROM meetings WHERE id = ?", (open_meeting,))[0]
    card = card_for(store.conn, day)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_claim(pilot, claim)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ExpenseForm)
        assert not form.query_one("#mileage-rate").display  # rail or bus first: no mileage
        await _choose(pilot, "#field-category", vocab.EXPENSE_CATEGORIES, "car")
        assert not form.query_one("#field-amount").display and form.query_one("#field-miles").display
        rate = shown(form.query_one("#mileage-rate"))
        assert f"so this journey is paid at {format_money(card['car_pence'])} a mile" in rate
        await fill(pilot, "#field-miles", "30")
        await fill(pilot, "#field-passengers", "1")
        car, passengers = 30 * card["car_pence"], 30 * card["passenger_pence"]
        assert shown(form.query_one("#mileage-rate")).splitlines()[-1] == (
            f"This journey: Car mileage 30 miles × {format_money(card['car_pence'])} = {format_money(car)}; "
            f"Car passengers 30 miles × {format_money(card['passenger_pence'])} = {format_money(passengers)}. "
            f"Total {format_money(car + passengers)}.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        lines = lines_on_disk(db_path, claim)
        assert [(l["category"], l["quantity"], l["rate_pence"], l["amount_pence"]) for l in lines] == [
            ("car", "30", card["car_pence"], car), ("car_passengers", "30", card["passenger_pence"], passengers)]
        assert claim_on_disk(db_path, claim)["expense_pence"] == car + passengers
        assert row_cells(screen.table, 0)[2:4] == [f"30 miles × {format_money(card['car_pence'])}", format_money(car)]
        assert row_cells(screen.table, 0)[4] == "Not needed"


async def test_a_mileage_of_a_billion_is_refused_beside_the_miles_and_nothing_is_written(
        db_path, demo_store, open_meeting, app) -> None:
    claim, _member, _boss = _draft(demo_store, open_meeting)
    async with app.run_test(size=SIZE) as pilot:
        await open_claim(pilot, claim)
        await pilot.press("e")
        await pilot.pause()
        await _choose(pilot, "#field-category", vocab.EXPENSE_CATEGORIES, "car")
        await fill(pilot, "#field-miles", "1000000000")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ExpenseForm)
        assert shown(form.query_one("#error-miles")) == "1000000000 is more than 2000. Check the number."
        assert app.focused is form.query_one("#field-miles")
        assert lines_on_disk(db_path, claim) == []


async def test_an_amount_that_is_not_money_is_refused_beside_it(db_path, demo_store, open_meeting, app) -> None:
    claim, _member, _boss = _draft(demo_store, open_meeting)
    async with app.run_test(size=SIZE) as pilot:
        await open_claim(pilot, claim)
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, "#field-amount", "1,000,000.999")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(app.screen.query_one("#error-amount")) == (
            "1,000,000.999 is not an amount of money. Use pounds and pence, for example 12.50.")
        assert lines_on_disk(db_path, claim) == []


async def test_a_taxi_without_a_receipt_or_agreement_shows_each_warning_in_words(
        db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    claim, _member, _boss = _draft(store, open_meeting)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_claim(pilot, claim)
        assert shown(screen.query_one("#claim-warnings")) == "✓ No warnings."
        await pilot.press("e")
        await pilot.pause()
        await _choose(pilot, "#field-category", vocab.EXPENSE_CATEGORIES, "taxi")
        await fill(pilot, "#field-amount", "14.00")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert [(l["category"], l["amount_pence"]) for l in lines_on_disk(db_path, claim)] == [("taxi", 1400)]
        found = warnings(store.conn, claim)
        assert {w["code"] for w in found} == {"missing_receipt", "prior_approval"}
        assert shown(screen.query_one("#claim-warnings")).splitlines() == [
            f"⚠ Warning: {w['message']}" for w in found]
        assert row_cells(screen.table, 0)[4] == "⚠ No receipt"


async def test_a_fee_added_by_hand_uses_the_rate_card(db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    claim, _member, _boss = _draft(store, open_meeting)
    card = card_for(store.conn, store.one("SELECT date FROM meetings WHERE id = ?", (open_meeting,))[0])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_claim(pilot, claim)
        await pilot.press("f")
        await pilot.pause()
        assert f"half day {format_money(card['fee_half_day_pence'])}" in shown(app.screen.query_one("#dialog-detail"))
        await _choose(pilot, "#field-category", vocab.FEE_CATEGORIES, "prep")
        await fill(pilot, "#field-hours", "2.5")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimScreen)
        assert [(l["line_kind"], l["category"], l["quantity"], l["amount_pence"])
                for l in lines_on_disk(db_path, claim)] == [
            ("fee", "prep", "2.5", int(Decimal("2.5") * card["prep_hour_pence"]))]
        assert shown(screen.query_one("#claim-totals")).startswith(
            f"Fees {format_money(int(Decimal('2.5') * card['prep_hour_pence']))}")


async def test_a_fee_for_someone_who_takes_expenses_only_is_refused_in_words(
        db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    member, boss = paid_member(store, "expenses_only"), staff(store, 0)
    mark_present(store, open_meeting, member)
    claim = claims.create_claim(store, open_meeting, member["id"], boss["id"])
    be(store, boss)
    async with app.run_test(size=SIZE) as pilot:
        await open_claim(pilot, claim)
        await pilot.press("f", "tab", "enter")  # half day, the kind offered first
        await pilot.pause()
        assert shown(app.screen.query_one("#error-form")) == (
            f"{member['name']} takes expenses only. Change their payment preference first if they now want a fee.")
        assert lines_on_disk(db_path, claim) == []


def test_the_miles_so_far_are_counted_in_words_one_mile_or_many(store) -> None:
    from claims_money_world import build_money_world

    from tui.claim_words import mileage_words

    w = build_money_world(store, "Priya Shah")
    claims.add_expense(store, w.claim(w.june, w.priya, fee=None), w.grace, {"category": "car", "miles": "1"})
    november = claims.get_claim(store, w.claim(w.november, w.priya, fee=None))
    first, second = mileage_words(store, november, "car", "", "", "").split(". ", 1)
    assert first == ("Car: £0.45 a mile for the first 10,000 miles in the tax year, then £0.25; passengers £0.05 "
                     "a mile each")
    assert second == "Priya Shah has 1 mile on claims this tax year, so this journey is paid at £0.45 a mile."
    claims.add_expense(store, november["claim_id"], w.grace, {"category": "car", "miles": "1.5"})
    assert mileage_words(store, november, "car", "", "", "").endswith(
        "Priya Shah has 2.5 miles on claims this tax year, so this journey is paid at £0.45 a mile.")
