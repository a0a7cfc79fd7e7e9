"""The rate card and benefit limits: figures as data with start dates, checked before they are written."""

from __future__ import annotations

import pytest

from claims_world import CARD, World, world  # noqa: F401  (fixture)
from store import members
from store.claims import rates
from store.db import open_store
from store.errors import CoprodError, InputError


def test_rate_card_keeps_typed_money_as_whole_pence_with_hmrc_mileage_by_default(world: World) -> None:
    card = rates.get_rate_card(world.store, world.card)
    assert (card["fee_hour_pence"], card["fee_half_day_pence"], card["fee_day_pence"]) == (2500, 7500, 15000)
    assert (card["remote_allowance_pence"], card["subsistence_cap_pence"], card["accommodation_cap_pence"]) == (500, 1000, 12000)
    assert (card["car_pence"], card["car_after_pence"], card["car_threshold_miles"], card["passenger_pence"],
            card["motorcycle_pence"], card["bicycle_pence"], card["deadline_days"]) == (45, 25, 10000, 5, 24, 20, 90)
    assert card["effective_from"] == "2025-04-01"


@pytest.mark.parametrize(("field", "value", "words"), [
    ("car_pence", "45", "That is £45.00 a mile. Give pence a mile, for example 45p."),
    ("fee_hour_pence", "-25", "An amount of money cannot be negative."),
    ("fee_day_pence", "lots", "lots is not an amount of money."),
    ("fee_day_pence", "£1,000,000.999", "is not an amount of money"),
    ("fee_day_pence", "£6,000", "£6,000.00 is more than coprod takes here (up to £5,000.00)"),
    ("deadline_days", "ninety", "Days to claim must be a whole number."),
    ("deadline_days", "0", "Days to claim must be from 1 to 3650."),
    ("effective_from", "31/02/2026", "is not a real date"),
    ("name", "  ", "Give the rate card a name."),
])
def test_bad_rate_card_is_refused_in_plain_words_and_nothing_is_written(store, field, value, words) -> None:
    before = store.one("SELECT COUNT(*) FROM changes")[0]
    with pytest.raises(InputError) as caught:
        rates.add_rate_card(store, {**CARD, field: value})
    assert words in caught.value.message
    assert caught.value.field == field
    assert store.one("SELECT COUNT(*) FROM changes")[0] == before
    assert store.one("SELECT COUNT(*) FROM rate_cards")[0] == 0


def test_rate_card_needs_at_least_one_fee(store) -> None:
    with pytest.raises(InputError, match="Give at least one fee"):
        rates.add_rate_card(store, {"name": "Expenses only", "effective_from": "01/04/2026"})


def test_card_for_a_date_is_the_latest_to_start_on_or_before_it(world: World) -> None:
    later = rates.add_rate_card(world.store, {**CARD, "name": "2026 rates", "effective_from": "06/04/2026",
                                              "fee_hour_pence": "27.50"})
    conn = world.store.conn
    assert rates.card_for(conn, "2026-04-05")["id"] == world.card
    assert rates.card_for(conn, "2026-04-06")["id"] == later
    assert rates.card_for(conn, "2030-01-01")["fee_hour_pence"] == 2750
    rates.delete_rate_card(world.store, later)
    assert rates.card_for(conn, "2030-01-01")["id"] == world.card


def test_no_card_before_the_first_one_says_so_plainly(world: World) -> None:
    with pytest.raises(CoprodError) as caught:
        rates.card_for(world.store.conn, "2025-03-01")
    assert caught.value.message == "There is no rate card for 1 Mar 2025. Add one first."


def test_two_cards_from_the_same_day_are_refused(world: World) -> None:
    with pytest.raises(InputError, match="already starts on 1 Apr 2025"):
        rates.add_rate_card(world.store, {**CARD, "name": "Another"})


def test_editing_a_card_changes_only_what_was_given(world: World) -> None:
    rates.update_rate_card(world.store, world.card, {"fee_hour_pence": "27.50"})
    card = rates.get_rate_card(world.store, world.card)
    assert card["fee_hour_pence"] == 2750 and card["fee_day_pence"] == 15000
    before = world.changes()
    rates.update_rate_card(world.store, world.card, {"fee_hour_pence": "27.50"})
    assert world.changes() == before, "no change, nothing to sync"
    assert [c["id"] for c in rates.list_rate_cards(world.store)] == [world.card]


def test_benefit_limit_in_force_is_the_latest_to_start_on_or_before_the_date(store) -> None:
    rates.add_benefit_limit(store, {"kind": "esa_permitted_work", "amount_pence": "183.50", "effective_from": "2024-04-01"})
    rates.add_benefit_limit(store, {"kind": "ESA permitted work limit (a week)", "amount_pence": 19550,
                                    "effective_from": "2025-04-01"})
    conn = store.conn
    assert rates.limit_for(conn, "esa_permitted_work", "2024-03-31") is None
    assert rates.limit_for(conn, "esa_permitted_work", "2024-12-01") == 18350
    assert rates.limit_for(conn, "esa_permitted_work", "2026-01-01") == 19550
    assert rates.limit_for(conn, "uc_work_allowance", "2026-01-01") is None
    assert len(rates.list_benefit_limits(store)) == 2


@pytest.mark.parametrize(("data", "words"), [
    ({"kind": "pension", "amount_pence": "10", "effective_from": "2025-04-01"}, "pension is not a benefit limit"),
    ({"kind": "uc_work_allowance", "amount_pence": "0", "effective_from": "2025-04-01"}, "at least 1p"),
    ({"kind": "uc_work_allowance", "amount_pence": "684", "effective_from": "soon"}, "soon is not a date"),
])
def test_bad_benefit_limit_is_refused(store, data, words) -> None:
    with pytest.raises(InputError, match=words):
        rates.add_benefit_limit(store, data)
    assert store.one("SELECT COUNT(*) FROM changes")[0] == 0


def test_seeding_the_published_limits_twice_adds_them_once_with_the_same_ids_on_any_laptop(tmp_path) -> None:
    first, second = open_store(tmp_path / "a.db"), open_store(tmp_path / "b.db")
    try:
        assert rates.seed_benefit_limits(first) == len(rates.PUBLISHED_LIMITS)
        assert rates.seed_benefit_limits(first) == 0
        rates.seed_benefit_limits(second)
        rows = "SELECT id, kind, amount_pence, effective_from FROM benefit_limits ORDER BY id"
        assert [tuple(r) for r in first.query(rows)] == [tuple(r) for r in second.query(rows)]
        assert rates.limit_for(first.conn, "uc_work_allowance_housing", "2025-06-01") == 41100
        assert rates.limit_for(first.conn, "uc_work_allowance", "2025-06-01") == 68400
        assert rates.limit_for(first.conn, "esa_permitted_work", "2025-06-01") == 19550
    finally:
        first.close()
        second.close()


def test_benefit_flag_is_kept_apart_from_the_member_record(world: World) -> None:
    rates.set_benefits(world.store, world.priya, "Universal Credit with housing costs")
    assert rates.member_benefits(world.store, world.priya) == "uc_housing"
    assert "benefits" not in members.get_member(world.store, world.priya)
    changes = world.store.query("SELECT grp FROM changes WHERE tbl = 'members' AND row_id = ? ORDER BY seq DESC LIMIT 1",
                                (world.priya,))
    assert changes[0]["grp"] == "benefits"
    rates.set_benefits(world.store, world.priya, "")
    assert rates.member_benefits(world.store, world.priya) is None


def test_unknown_benefit_is_refused(world: World) -> None:
    with pytest.raises(InputError, match="telepathy is not a benefit coprod warns about"):
        rates.set_benefits(world.store, world.priya, "telepathy")


@pytest.mark.parametrize(("date", "year"), [
    ("2026-04-05", ("2025-04-06", "2026-04-05")),
    ("2026-04-06", ("2026-04-06", "2027-04-05")),
    ("2027-01-31", ("2026-04-06", "2027-04-05")),
])
def test_tax_year_runs_from_6_april_to_5_april(date, year) -> None:
    assert rates.tax_year(date) == year


@pytest.mark.parametrize(("text", "year"), [("2026-27", ("2026-04-06", "2027-04-05")),
                                            ("2026/2027", ("2026-04-06", "2027-04-05")),
                                            ("1999-00", ("1999-04-06", "2000-04-05"))])
def test_tax_year_as_people_write_it(text, year) -> None:
    assert rates.parse_tax_year(text) == year


@pytest.mark.parametrize("text", ["2026-28", "2026", "last year", ""])
def test_not_a_tax_year_is_refused(text) -> None:
    with pytest.raises(InputError, match="is not a tax year. Write it like 2026-27."):
        rates.parse_tax_year(text)
