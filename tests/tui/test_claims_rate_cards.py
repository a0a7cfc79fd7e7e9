"""The rate cards: listed by the day each starts, the one in force today marked in words; add and change a card."""

from __future__ import annotations

import sqlite3

from drive import SIZE, fill, notifications, row_cells, shown
from drive_claims import own_settings

from store.claims import list_rate_cards
from store.money import pounds
from tui.format import short_date, uk_date
from tui.screens.rate_card import RateCardForm, RateCardsScreen

__all__ = ["own_settings"]


def _cards_on_disk(db_path) -> list[dict]:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(
            "SELECT * FROM rate_cards WHERE deleted_at IS NULL ORDER BY effective_from, created_at")]
    finally:
        conn.close()


async def _open(pilot) -> RateCardsScreen:
    await pilot.press("r")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RateCardsScreen)
    return pilot.app.screen


async def test_a_new_card_starts_from_the_latest_figures_and_is_saved_in_pence(db_path, demo_store, app) -> None:
    before = _cards_on_disk(db_path)
    assert len(before) == 1
    demo = before[0]
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        assert row_cells(screen.query_one("#rate-cards"), 0)[0] == "✓ In force today"
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RateCardForm)
        assert form.query_one("#field-fee_hour_pence").value == pounds(demo["fee_hour_pence"])
        assert form.query_one("#field-car_pence").value == "0.45"
        await fill(pilot, "#field-name", "Network rates 2027")
        await fill(pilot, "#field-effective_from", "01/04/2027")
        await fill(pilot, "#field-fee_hour_pence", "27.50")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        after = _cards_on_disk(db_path)
        assert len(after) == 2
        new = after[1]
        assert (new["name"], new["effective_from"], new["fee_hour_pence"]) == ("Network rates 2027", "2027-04-01", 2750)
        # Everything not typed again is the latest card's.
        for field in ("fee_half_day_pence", "fee_day_pence", "prep_hour_pence", "car_pence", "car_after_pence",
                      "car_threshold_miles", "deadline_days", "accommodation_cap_pence"):
            assert new[field] == demo[field], field
        table = screen.query_one("#rate-cards")
        assert [row_cells(table, i)[:3] for i in range(table.total)] == [
            ["Starts later", short_date("2027-04-01"), "Network rates 2027"],
            ["✓ In force today", short_date(demo["effective_from"]), demo["name"]],
        ]
        assert "Added the rate card Network rates 2027." in notifications(app)


async def test_changing_a_card_saves_the_new_figure(db_path, demo_store, app) -> None:
    demo = _cards_on_disk(db_path)[0]
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RateCardForm)
        await fill(pilot, "#field-fee_half_day_pence", "80")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RateCardsScreen)
        (card,) = _cards_on_disk(db_path)
        assert card["fee_half_day_pence"] == 8000
        assert {k: v for k, v in card.items() if k != "fee_half_day_pence"} == {
            k: v for k, v in demo.items() if k != "fee_half_day_pence"}
        assert row_cells(app.screen.query_one("#rate-cards"), 0)[4] == "£80.00"


async def test_bad_figures_are_refused_beside_their_field_and_nothing_is_saved(db_path, demo_store, app) -> None:
    before = _cards_on_disk(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        await fill(pilot, "#field-name", "Typo card")
        await fill(pilot, "#field-effective_from", "01/04/2027")
        await fill(pilot, "#field-car_pence", "45")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert shown(form.query_one("#error-car_pence")) == "That is £45.00 a mile. Give pence a mile, for example 45p."
        assert app.focused is form.query_one("#field-car_pence")
        await fill(pilot, "#field-car_pence", "0.45")
        await fill(pilot, "#field-effective_from", uk_date(before[0]["effective_from"]))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(form.query_one("#error-effective_from")).startswith(f"The card {before[0]['name']} already starts")
        assert _cards_on_disk(db_path) == before


async def test_with_no_card_the_list_says_claims_need_one(store) -> None:
    from tui.app import CoprodApp

    app = CoprodApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        assert list_rate_cards(store) == []
        assert shown(screen.query_one("#rate-cards-summary")) == (
            "No card is in force today, so claims can't be drafted. Press Ctrl+N to add one.")
