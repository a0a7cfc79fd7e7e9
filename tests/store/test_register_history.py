"""A past register stays as it was; small rules found while testing the register."""

from __future__ import annotations

import pytest

from store import attendance, meetings, members
from store.errors import CoprodError, InputError
from tui.cli import main


def _changes(store) -> int:
    return store.one("SELECT COUNT(*) FROM changes")[0]


def test_member_who_joins_later_is_not_expected_at_a_past_meeting(demo_store):
    past = meetings.recent(demo_store)[0]
    before = attendance.counts(demo_store, past["id"])
    newcomer = members.add_member(demo_store, {"name": "Nia Newcomer"})
    after = attendance.counts(demo_store, past["id"])
    assert after == before
    names = [r["name"] for r in attendance.register_rows(demo_store, past["id"], limit=500)]
    assert "Nia Newcomer" not in names
    today = meetings.upcoming(demo_store)[0]
    assert newcomer in [r["member_id"] for r in attendance.register_rows(demo_store, today["id"], "Nia Newcomer")]


def test_closing_a_closed_meeting_is_refused_and_marks_no_one(demo_store):
    past = meetings.recent(demo_store)[0]
    before = _changes(demo_store)
    with pytest.raises(CoprodError, match="already closed"):
        attendance.close_meeting(demo_store, past["id"], mark_absent=True)
    assert _changes(demo_store) == before


def test_reduced_fee_without_a_cap_points_at_the_fee_cap_field(store):
    with pytest.raises(InputError) as caught:
        members.add_member(store, {"name": "Ann", "payment_preference": "reduced_fee"})
    assert caught.value.field == "fee_cap_pence"
    assert store.one("SELECT COUNT(*) FROM members")[0] == 0


def test_deactivating_an_inactive_member_writes_nothing(store):
    member = members.add_member(store, {"name": "Ann"})
    members.set_active(store, member, False)
    before = _changes(store)
    members.set_active(store, member, False)
    assert _changes(store) == before


def test_cli_sets_a_reduced_fee_with_its_cap_in_pence(db_path, capsys):
    assert main(["--db", str(db_path), "members", "add", "--name", "Ann Capped",
                 "--payment", "reduced fee", "--fee-cap", "£20.50"]) == 0
    member_id = capsys.readouterr().out.strip()
    from store.db import open_store

    store = open_store(db_path)
    member = members.get_member(store, member_id)
    assert (member["payment_preference"], member["fee_cap_pence"]) == ("reduced_fee", 2050)


def test_cli_refuses_a_fee_cap_that_is_not_money(db_path, capsys):
    code = main(["--db", str(db_path), "members", "add", "--name", "Ann", "--payment", "reduced fee",
                 "--fee-cap", "twenty"])
    assert code == 1
    assert "not an amount of money" in capsys.readouterr().err
