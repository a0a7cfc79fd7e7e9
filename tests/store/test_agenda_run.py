"""The running order and running the meeting: reorder, timebox, start and end items, the timer, minutes."""

from __future__ import annotations

import pytest

from store import agenda, agenda_run, changes, meetings
from store.errors import CoprodError, InputError, MeetingNotOpen, NotFound
from store.ids import link_id

STANDING = ["Welcome and introductions", "Apologies", "Matters arising"]


def _accepted(net, title: str, minutes: int = 20, meeting: str | None = None) -> str:
    item = agenda.propose(net.store, meeting or net.today,
                          {"title": title, "minutes_asked": minutes, "proposer_id": net.priya})
    agenda.accept(net.store, item)
    return item


def _order(net, meeting: str | None = None) -> list[str]:
    return [i["display_title"] for i in agenda.agenda(net.store, meeting or net.today)["order"]]


def _item(net, item_id: str) -> dict:
    return dict(net.store.one("SELECT * FROM agenda_items WHERE id = ?", (item_id,)))


def _aob(net, meeting: str | None = None) -> str:
    return link_id(meeting or net.today, "standing", "aob")


# --- reordering and timeboxing ------------------------------------------------------------


def test_move_swaps_an_item_with_its_neighbour(net) -> None:
    a, b = _accepted(net, "A"), _accepted(net, "B")
    assert agenda_run.move(net.store, b, -1) is True
    assert _order(net)[3:5] == ["B", "A"]
    assert agenda_run.move(net.store, b, +1) is True
    assert _order(net)[3:5] == ["A", "B"]
    assert agenda_run.move(net.store, a, -1) is True
    assert _order(net)[2:4] == ["A", "Matters arising"]


def test_move_writes_just_two_changes(net) -> None:
    # The reorder target (15 ms, committed and redrawn) leaves room for two writes, no more.
    _accepted(net, "A")
    b = _accepted(net, "B")
    before = net.changes()
    agenda_run.move(net.store, b, -1)
    logged = net.store.query("SELECT tbl, grp FROM changes ORDER BY seq DESC LIMIT ?", (net.changes() - before,))
    assert [tuple(r) for r in logged] == [("agenda_items", "order")] * 2


def test_move_past_either_end_changes_nothing(net) -> None:
    welcome = link_id(net.today, "standing", "welcome")
    before = net.changes()
    assert agenda_run.move(net.store, welcome, -1) is False
    assert agenda_run.move(net.store, _aob(net), +1) is False
    assert net.changes() == before


def test_many_moves_keep_every_item_once_in_a_stable_order(net) -> None:
    items = [_accepted(net, f"Item {n}", 5) for n in range(6)]
    for step, item in [(-1, items[5]), (-1, items[5]), (1, items[0]), (-1, items[2]), (1, items[5]), (-1, items[3])]:
        agenda_run.move(net.store, item, step)
    first = _order(net)
    assert sorted(first) == sorted(STANDING + [f"Item {n}" for n in range(6)] + ["Any other business"])
    positions = [i["position"] for i in agenda.agenda(net.store, net.today)["order"]]
    assert len(set(positions)) == len(positions), "two items sharing a place would swap unpredictably"
    assert _order(net) == first


def test_move_sorts_out_two_items_given_one_place_on_two_laptops(net) -> None:
    a, b = _accepted(net, "A"), _accepted(net, "B")
    with net.store.transaction() as conn:
        changes.record(conn, "agenda_items", b, {"position": _item(net, a)["position"], "minutes_allowed": 20})
    shown = _order(net)
    agenda_run.move(net.store, b if shown[4] == "B" else a, -1)
    after = _order(net)
    assert after[3:5] == list(reversed(shown[3:5]))
    positions = [i["position"] for i in agenda.agenda(net.store, net.today)["order"]]
    assert len(set(positions)) == len(positions)


def test_only_accepted_items_can_be_moved(net) -> None:
    item = agenda.propose(net.store, net.today, {"title": "Waiting", "proposer_id": net.priya})
    with pytest.raises(CoprodError) as caught:
        agenda_run.move(net.store, item, -1)
    assert "Accept it first" in caught.value.message


def test_move_is_one_place_at_a_time(net) -> None:
    with pytest.raises(CoprodError):
        agenda_run.move(net.store, _accepted(net, "A"), 2)


def test_timebox_sets_the_time_allowed_and_the_total_follows(net) -> None:
    item = _accepted(net, "A", 20)
    agenda_run.timebox(net.store, item, 35)
    assert _item(net, item)["minutes_allowed"] == 35
    assert agenda.agenda(net.store, net.today)["total_minutes"] == 40 + 35


@pytest.mark.parametrize("minutes", [0, -10, "", "soon"])
def test_timebox_of_no_time_is_refused(net, minutes) -> None:
    item = _accepted(net, "A")
    before = net.changes()
    with pytest.raises(InputError) as caught:
        agenda_run.timebox(net.store, item, minutes)
    assert caught.value.field == "minutes_allowed"
    assert net.changes() == before


def test_timebox_needs_an_accepted_item(net) -> None:
    item = agenda.propose(net.store, net.today, {"title": "Waiting", "proposer_id": net.priya})
    with pytest.raises(CoprodError):
        agenda_run.timebox(net.store, item, 10)


# --- running the meeting -----------------------------------------------------------------


def test_start_item_needs_the_meeting_open(net) -> None:
    item = _accepted(net, "A", meeting=net.later)
    with pytest.raises(MeetingNotOpen):
        agenda_run.start_item(net.store, item)
    meetings.set_status(net.store, net.later, "open")
    agenda_run.start_item(net.store, item)
    meetings.set_status(net.store, net.later, "closed")
    with pytest.raises(CoprodError) as caught:
        agenda_run.end_item(net.store, item)
    assert "closed" in caught.value.message


def test_starting_an_item_ends_the_one_running(net, monkeypatch) -> None:
    a, b = _accepted(net, "A"), _accepted(net, "B")
    agenda_run.start_item(net.store, a)
    monkeypatch.setenv("COPROD_NOW", "11:00")
    agenda_run.start_item(net.store, b)
    assert _item(net, a)["ended_at"] == "2026-11-22T11:00:00+00:00"
    assert agenda_run.running(net.store, net.today)["id"] == b


def test_starting_the_running_item_again_changes_nothing(net) -> None:
    a = _accepted(net, "A")
    agenda_run.start_item(net.store, a)
    before = net.changes()
    agenda_run.start_item(net.store, a)
    assert net.changes() == before


def test_going_back_to_an_item_resumes_it_keeping_its_first_start(net, monkeypatch) -> None:
    a, b = _accepted(net, "A"), _accepted(net, "B")
    agenda_run.start_item(net.store, a)
    monkeypatch.setenv("COPROD_NOW", "10:50")
    agenda_run.start_item(net.store, b)
    monkeypatch.setenv("COPROD_NOW", "11:00")
    agenda_run.start_item(net.store, a)
    got = _item(net, a)
    assert (got["started_at"], got["ended_at"]) == ("2026-11-22T10:40:00+00:00", None)


def test_only_an_accepted_item_can_start(net) -> None:
    item = agenda.propose(net.store, net.today, {"title": "Waiting", "proposer_id": net.priya})
    with pytest.raises(CoprodError) as caught:
        agenda_run.start_item(net.store, item)
    assert "Accept" in caught.value.message


def test_next_item_walks_the_running_order_to_the_end(net, monkeypatch) -> None:
    a = _accepted(net, "A")
    agenda_run.move(net.store, a, -1)
    seen = []
    for clock in ("10:30", "10:40", "10:45", "11:00", "11:25"):
        monkeypatch.setenv("COPROD_NOW", clock)
        started = agenda_run.next_item(net.store, net.today)
        seen.append(_item(net, started)["standing"] or _item(net, started)["title"])
        assert agenda_run.running(net.store, net.today)["id"] == started
    assert seen == ["welcome", "apologies", "A", "matters_arising", "aob"]
    monkeypatch.setenv("COPROD_NOW", "11:40")
    assert agenda_run.next_item(net.store, net.today) is None
    assert agenda_run.running(net.store, net.today) is None
    ran = [(i["started_at"][11:16], i["ended_at"][11:16]) for i in agenda.agenda(net.store, net.today)["order"]]
    assert ran == [("10:30", "10:40"), ("10:40", "10:45"), ("10:45", "11:00"), ("11:00", "11:25"), ("11:25", "11:40")]


def test_next_item_skips_items_already_ended(net) -> None:
    a = _accepted(net, "A")
    agenda_run.start_item(net.store, link_id(net.today, "standing", "apologies"))
    agenda_run.next_item(net.store, net.today)
    assert agenda_run.running(net.store, net.today)["standing"] == "welcome"
    agenda_run.next_item(net.store, net.today)
    assert agenda_run.running(net.store, net.today)["standing"] == "matters_arising"
    agenda_run.next_item(net.store, net.today)
    assert agenda_run.running(net.store, net.today)["id"] == a


def test_end_item_ends_it_and_one_not_started_is_refused(net) -> None:
    a, b = _accepted(net, "A"), _accepted(net, "B")
    agenda_run.start_item(net.store, a)
    agenda_run.end_item(net.store, a)
    assert _item(net, a)["ended_at"] is not None
    assert agenda_run.running(net.store, net.today) is None
    with pytest.raises(CoprodError) as caught:
        agenda_run.end_item(net.store, b)
    assert caught.value.message == "This item has not started."


def test_running_is_none_before_anything_starts(net) -> None:
    assert agenda_run.running(net.store, net.today) is None


# --- the timer -------------------------------------------------------------------------------


def test_timer_shows_item_and_meeting_time_used_against_allowed(net, monkeypatch) -> None:
    a = _accepted(net, "Bus passes", 10)
    monkeypatch.setenv("COPROD_NOW", "10:30")
    agenda_run.next_item(net.store, net.today)  # welcome, 10 minutes
    monkeypatch.setenv("COPROD_NOW", "10:42")
    agenda_run.start_item(net.store, a)
    monkeypatch.setenv("COPROD_NOW", "10:55")
    got = agenda_run.timer(net.store, net.today)
    assert got == {
        "item_id": a, "item_title": "Bus passes",
        "item_used_seconds": 13 * 60, "item_allowed_seconds": 10 * 60, "item_over": True,
        "meeting_used_seconds": 25 * 60, "meeting_allowed_seconds": 150 * 60, "meeting_over": False,
    }


def test_timer_takes_a_time_to_measure_at(net) -> None:
    agenda_run.next_item(net.store, net.today)  # at 10:40
    got = agenda_run.timer(net.store, net.today, now="2026-11-22T10:45:30+00:00")
    assert (got["item_used_seconds"], got["item_allowed_seconds"], got["item_over"]) == (330, 600, False)


def test_timer_before_the_meeting_starts_shows_nothing_used(net) -> None:
    got = agenda_run.timer(net.store, net.today)
    assert (got["item_id"], got["item_used_seconds"], got["meeting_used_seconds"]) == (None, None, 0)
    assert got["meeting_allowed_seconds"] == 150 * 60


def test_timer_for_a_meeting_without_times_allows_the_timeboxes_added_up(net) -> None:
    _accepted(net, "A", 25, meeting=net.untimed)
    assert agenda_run.timer(net.store, net.untimed)["meeting_allowed_seconds"] == (40 + 25) * 60


def test_meeting_clock_stops_when_the_last_item_ends(net, monkeypatch) -> None:
    welcome = link_id(net.today, "standing", "welcome")
    for code in ("apologies", "matters_arising", "aob"):
        agenda.decline(net.store, link_id(net.today, "standing", code), "A short meeting today")
    monkeypatch.setenv("COPROD_NOW", "10:30")
    agenda_run.start_item(net.store, welcome)
    monkeypatch.setenv("COPROD_NOW", "10:50")
    agenda_run.end_item(net.store, welcome)
    monkeypatch.setenv("COPROD_NOW", "12:00")
    got = agenda_run.timer(net.store, net.today)
    assert (got["item_id"], got["meeting_used_seconds"]) == (None, 20 * 60)


# --- minutes, decisions and interests -------------------------------------------------------------


def test_notes_and_decision_keep_long_text_with_its_line_breaks(net) -> None:
    item = _accepted(net, "A")
    notes = "Members said:\n\n- buses are late\n- drivers are kind  \r\n" + "x" * 19_900
    agenda_run.set_notes(net.store, item, notes)
    agenda_run.set_decision(net.store, item, "Agreed to write to the council.\nPriya to draft.")
    got = _item(net, item)
    assert got["notes"] == notes.replace("  \r\n", "\n")
    assert got["decision"] == "Agreed to write to the council.\nPriya to draft."
    agenda_run.set_notes(net.store, item, "   ")
    assert _item(net, item)["notes"] is None


def test_text_over_twenty_thousand_characters_is_refused(net) -> None:
    item = _accepted(net, "A")
    before = net.changes()
    with pytest.raises(InputError) as caught:
        agenda_run.set_decision(net.store, item, "y" * 20_001)
    assert caught.value.field == "decision"
    assert net.changes() == before


def test_declaring_an_interest_twice_keeps_one_row_with_the_last_note(net) -> None:
    item = _accepted(net, "A")
    agenda_run.declare_interest(net.store, item, net.sian, "Works for the bus company")
    agenda_run.declare_interest(net.store, item, net.sian, "Her son drives for them")
    rows = net.store.query("SELECT id, note, deleted_at FROM agenda_interests")
    assert [tuple(r) for r in rows] == [(link_id(item, net.sian), "Her son drives for them", None)]


def test_withdrawn_interest_is_a_tombstone_and_can_be_declared_again(net) -> None:
    item = _accepted(net, "A")
    agenda_run.declare_interest(net.store, item, net.sian, "")
    agenda_run.withdraw_interest(net.store, item, net.sian)
    assert net.store.one("SELECT deleted_at FROM agenda_interests")[0] is not None
    shown = next(i for i in agenda.agenda(net.store, net.today)["order"] if i["id"] == item)
    assert shown["interests"] == []
    agenda_run.declare_interest(net.store, item, net.sian, "")
    assert net.store.one("SELECT deleted_at FROM agenda_interests")[0] is None


def test_interest_from_someone_not_a_member_is_refused(net) -> None:
    with pytest.raises(NotFound):
        agenda_run.declare_interest(net.store, _accepted(net, "A"), "0000beef", "")


def test_timebox_longer_than_the_whole_meeting_is_refused(net) -> None:
    item = _accepted(net, "A", 20)
    before = net.changes()
    with pytest.raises(InputError) as caught:
        agenda_run.timebox(net.store, item, 151)  # today's meeting is 150 minutes long
    assert caught.value.field == "minutes_allowed"
    assert _item(net, item)["minutes_allowed"] == 20
    assert net.changes() == before
