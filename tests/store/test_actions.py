"""Actions: owners and due dates, done or dropped, and coming back as matters arising until done."""

from __future__ import annotations

import pytest

from store import actions, agenda, meetings
from store.errors import CoprodError, InputError, NotFound
from store.ids import link_id


def _add(net, description: str = "Write to the council", owners=None, **extra) -> str:
    action_id, _warnings = actions.add_action(
        net.store, {"description": description, "owners": owners or [net.grace], **extra})
    return action_id


def _owner_rows(net, action_id: str) -> dict[str, str | None]:
    return {r["member_id"]: r["deleted_at"] for r in net.store.query(
        "SELECT member_id, deleted_at FROM action_owners WHERE action_id = ?", (action_id,))}


def _arising(net, meeting: str) -> list[str]:
    return [a["description"] for a in actions.matters_arising(net.store, meeting)]


# --- adding and editing ----------------------------------------------------------------------


def test_new_action_keeps_owners_due_date_and_where_it_was_raised(net) -> None:
    item = agenda.propose(net.store, net.today, {"title": "Buses", "proposer_id": net.priya})
    action_id, warnings = actions.add_action(net.store, {
        "description": "  Write to the   council ", "owners": [net.grace, net.priya, net.grace],
        "due_date": "20/12/2026", "item_id": item,
    })
    assert warnings == []
    got = actions.get_action(net.store, action_id)
    assert (got["description"], got["due_date"], got["status"]) == ("Write to the council", "2026-12-20", "open")
    assert (got["meeting_id"], got["item_id"], got["item_title"]) == (net.today, item, "Buses")
    assert [o["name"] for o in got["owners"]] == ["Grace Okafor", "Priya Shah"]
    assert set(_owner_rows(net, action_id)) == {net.grace, net.priya}
    assert net.store.one("SELECT id FROM action_owners WHERE member_id = ?", (net.grace,))[0] == link_id(
        action_id, net.grace)


def test_due_date_in_the_past_warns_and_is_kept(net) -> None:
    action_id, warnings = actions.add_action(
        net.store, {"description": "Late already", "owners": [net.grace], "due_date": "1/11/2026"})
    assert warnings == ["The due date has passed."]
    assert actions.get_action(net.store, action_id)["due_date"] == "2026-11-01"


def test_due_date_today_does_not_warn_and_no_due_date_is_fine(net) -> None:
    assert actions.add_action(net.store, {"description": "A", "owners": [net.grace], "due_date": "22/11/2026"})[1] == []
    action_id, warnings = actions.add_action(net.store, {"description": "B", "owners": [net.grace]})
    assert (warnings, actions.get_action(net.store, action_id)["due_date"]) == ([], None)


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"description": "  "}, "description", "Say what needs doing."),
    ({"owners": []}, "owners", "Choose who will do this."),
    ({"owners": [""]}, "owners", "Choose who will do this."),
    ({"due_date": "31/02/2027"}, "due_date", "not a real date"),
    ({"due_date": "next week"}, "due_date", "not a date"),
])
def test_bad_action_is_refused_on_its_field_and_writes_nothing(net, change, field, words) -> None:
    before = net.changes()
    with pytest.raises(InputError) as caught:
        actions.add_action(net.store, {"description": "Write to the council", "owners": [net.grace], **change})
    assert caught.value.field == field
    assert words in caught.value.message
    assert net.changes() == before


def test_owner_who_is_not_a_member_is_refused_and_nothing_is_written(net) -> None:
    before = net.changes()
    with pytest.raises(NotFound) as caught:
        _add(net, owners=[net.grace, "0000beef"])
    assert caught.value.message == "There is no member with id 0000beef."
    assert net.changes() == before


def test_action_for_an_item_of_another_meeting_is_refused(net) -> None:
    item = agenda.propose(net.store, net.later, {"title": "Buses", "proposer_id": net.priya})
    with pytest.raises(InputError) as caught:
        _add(net, meeting_id=net.today, item_id=item)
    assert caught.value.field == "item_id"


def test_edit_action_replaces_the_owners_with_tombstones_for_those_removed(net) -> None:
    action_id = _add(net, owners=[net.grace, net.priya])
    actions.edit_action(net.store, action_id, {"owners": [net.priya, net.sian]})
    rows = _owner_rows(net, action_id)
    assert rows[net.grace] is not None and rows[net.priya] is None and rows[net.sian] is None
    assert [o["name"] for o in actions.get_action(net.store, action_id)["owners"]] == ["Priya Shah", "Siân Jones"]
    actions.edit_action(net.store, action_id, {"owners": [net.grace]})
    assert [o["name"] for o in actions.get_action(net.store, action_id)["owners"]] == ["Grace Okafor"]
    assert _owner_rows(net, action_id)[net.grace] is None


def test_edit_action_changes_description_and_due_date_and_warns_on_a_past_date(net) -> None:
    action_id = _add(net, due_date="01/12/2026")
    assert actions.edit_action(net.store, action_id, {"description": "Phone the council"}) == []
    assert actions.edit_action(net.store, action_id, {"due_date": "02/11/2026"}) == ["The due date has passed."]
    got = actions.get_action(net.store, action_id)
    assert (got["description"], got["due_date"]) == ("Phone the council", "2026-11-02")


def test_edit_action_refuses_an_empty_owner_list_and_keeps_the_owners(net) -> None:
    action_id = _add(net)
    before = net.changes()
    with pytest.raises(InputError):
        actions.edit_action(net.store, action_id, {"owners": [], "description": "Changed"})
    assert net.changes() == before
    assert actions.get_action(net.store, action_id)["description"] == "Write to the council"


# --- closing and reopening -------------------------------------------------------------------------


def test_done_action_records_when_and_at_which_meeting(net) -> None:
    action_id = _add(net, meeting_id=net.earlier)
    actions.close_action(net.store, action_id, "done", meeting_id=net.today)
    got = actions.get_action(net.store, action_id)
    assert (got["status"], got["status_note"], got["closed_meeting_id"]) == ("done", None, net.today)
    assert got["closed_at"] == "2026-11-22T10:40:00+00:00"


@pytest.mark.parametrize("note", ["", "   "])
def test_dropping_an_action_needs_a_note(net, note) -> None:
    action_id = _add(net)
    before = net.changes()
    with pytest.raises(InputError) as caught:
        actions.close_action(net.store, action_id, "dropped", note)
    assert caught.value.message == "Say why it was dropped."
    assert net.changes() == before
    actions.close_action(net.store, action_id, "Dropped", "The service closed.")
    assert actions.get_action(net.store, action_id)["status_note"] == "The service closed."


def test_an_action_can_only_be_closed_as_done_or_dropped(net) -> None:
    with pytest.raises(InputError):
        actions.close_action(net.store, _add(net), "open")


def test_reopened_action_is_open_again_without_its_closing_details(net) -> None:
    action_id = _add(net)
    actions.close_action(net.store, action_id, "dropped", "Not needed", meeting_id=net.today)
    actions.reopen_action(net.store, action_id)
    got = actions.get_action(net.store, action_id)
    assert (got["status"], got["status_note"], got["closed_at"], got["closed_meeting_id"]) == ("open", None, None, None)


# --- matters arising ------------------------------------------------------------------------------


def test_open_action_comes_back_at_every_later_meeting_until_done(net) -> None:
    _add(net, "From October", meeting_id=net.earlier)
    assert _arising(net, net.earlier) == []
    assert _arising(net, net.today) == ["From October"]
    assert _arising(net, net.later) == ["From October"]
    done = actions.matters_arising(net.store, net.later)[0]["id"]
    actions.close_action(net.store, done, "done", meeting_id=net.later)
    assert _arising(net, net.untimed) == []
    shown = actions.matters_arising(net.store, net.later)
    assert [(a["description"], a["status"], a["closed_here"]) for a in shown] == [("From October", "done", True)]


def test_looking_back_an_action_closed_later_shows_as_it_stood_then(net) -> None:
    action_id = _add(net, "From October", meeting_id=net.earlier)
    actions.close_action(net.store, action_id, "done", meeting_id=net.later)
    shown = actions.matters_arising(net.store, net.today)
    assert [(a["status"], a["status_at_meeting"], a["closed_here"]) for a in shown] == [("done", "open", False)]


def test_actions_raised_at_or_after_the_meeting_are_not_matters_arising(net) -> None:
    _add(net, "Raised today", meeting_id=net.today)
    _add(net, "Raised later", meeting_id=net.later)
    assert _arising(net, net.today) == []
    assert _arising(net, net.later) == ["Raised today"]


def test_action_raised_outside_a_meeting_comes_up_at_meetings_after_that_day(net) -> None:
    _add(net, "Between meetings")  # created today, 22 November
    assert _arising(net, net.today) == []
    assert _arising(net, net.later) == ["Between meetings"]


def test_matters_arising_are_ordered_by_due_date_with_undated_last(net) -> None:
    for description, due in [("No date", ""), ("December", "01/12/2026"), ("November", "01/11/2026")]:
        _add(net, description, meeting_id=net.earlier, due_date=due)
    assert _arising(net, net.today) == ["November", "December", "No date"]
    assert [a["description"] for a in actions.matters_arising(net.store, net.today, limit=1, offset=1)] == ["December"]


def test_open_action_past_its_due_date_is_flagged_overdue(net) -> None:
    _add(net, "Overdue", meeting_id=net.earlier, due_date="21/11/2026")
    _add(net, "Due today", meeting_id=net.earlier, due_date="22/11/2026")
    done = _add(net, "Done late", meeting_id=net.earlier, due_date="01/11/2026")
    actions.close_action(net.store, done, "done", meeting_id=net.today)
    flags = {a["description"]: a["overdue"] for a in actions.matters_arising(net.store, net.today)}
    assert flags == {"Overdue": True, "Due today": False, "Done late": False}


def test_matters_arising_carry_owners_and_where_they_were_raised(net) -> None:
    _add(net, owners=[net.priya, net.grace], meeting_id=net.earlier)
    got = actions.matters_arising(net.store, net.today)[0]
    assert [o["name"] for o in got["owners"]] == ["Grace Okafor", "Priya Shah"]
    assert (got["meeting_title"], got["meeting_date"]) == ("Network meeting", "2026-10-01")


# --- lists ------------------------------------------------------------------------------------------


def test_meeting_actions_lists_what_was_raised_there(net) -> None:
    _add(net, "Here", meeting_id=net.today)
    _add(net, "Elsewhere", meeting_id=net.earlier)
    assert [a["description"] for a in actions.meeting_actions(net.store, net.today)] == ["Here"]


def test_open_actions_across_the_network_filter_by_owner_and_words(net) -> None:
    _add(net, "Write to the council", owners=[net.priya], due_date="01/12/2026")
    _add(net, "Book the hall", owners=[net.grace, net.priya])
    _add(net, "Ring the council", owners=[net.grace], due_date="01/11/2026")
    closed = _add(net, "Old council letter", owners=[net.priya])
    actions.close_action(net.store, closed, "done")
    assert [a["description"] for a in actions.open_actions(net.store)] == [
        "Ring the council", "Write to the council", "Book the hall"]
    assert [a["description"] for a in actions.open_actions(net.store, owner_id=net.priya)] == [
        "Write to the council", "Book the hall"]
    assert [a["description"] for a in actions.open_actions(net.store, search="COUNCIL")] == [
        "Ring the council", "Write to the council"]
    assert actions.count_open_actions(net.store) == 3
    assert actions.count_open_actions(net.store, owner_id=net.priya, search="council") == 1
    assert [a["description"] for a in actions.open_actions(net.store, limit=1, offset=2)] == ["Book the hall"]


def test_removed_owner_no_longer_finds_the_action(net) -> None:
    action_id = _add(net, owners=[net.priya, net.grace])
    actions.edit_action(net.store, action_id, {"owners": [net.grace]})
    assert actions.count_open_actions(net.store, owner_id=net.priya) == 0
    assert actions.count_open_actions(net.store, owner_id=net.grace) == 1


def test_unknown_action_is_not_found(net) -> None:
    with pytest.raises(NotFound):
        actions.get_action(net.store, "0000dead")


def test_actions_can_be_added_after_the_meeting_closed(net) -> None:
    # Minute takers often type actions up afterwards; the meeting stays closed.
    action_id = _add(net, meeting_id=net.earlier)
    assert actions.get_action(net.store, action_id)["meeting_id"] == net.earlier
    assert meetings.get_meeting(net.store, net.earlier)["status"] == "closed"


@pytest.mark.parametrize("first, then", [("done", "dropped"), ("dropped", "done"), ("done", "done")])
def test_a_closed_action_cannot_be_closed_again_over_its_first_closing(net, first, then) -> None:
    action_id = _add(net, meeting_id=net.earlier)
    actions.close_action(net.store, action_id, first, "Sent in October", meeting_id=net.earlier)
    before = net.changes()
    with pytest.raises(CoprodError) as caught:
        actions.close_action(net.store, action_id, then, "Again", meeting_id=net.today)
    assert "Reopen it first" in caught.value.message
    got = actions.get_action(net.store, action_id)
    assert (got["status"], got["status_note"], got["closed_meeting_id"]) == (first, "Sent in October", net.earlier)
    assert net.changes() == before


def test_the_count_of_matters_arising_matches_the_list_with_closed_ones(net) -> None:
    kept_open = _add(net, "Still to do", meeting_id=net.earlier)
    done_here = _add(net, "Done today", meeting_id=net.earlier)
    _add(net, "Raised today", meeting_id=net.today)
    actions.close_action(net.store, done_here, "done", meeting_id=net.today)
    listed = actions.matters_arising(net.store, net.today)
    assert {a["id"] for a in listed} == {kept_open, done_here}
    assert actions.count_matters_arising(net.store.conn, net.today) == len(listed) == 2


def test_an_action_closed_on_the_meetings_day_outside_it_shows_as_closed_there(net) -> None:
    action_id = _add(net, meeting_id=net.earlier)
    actions.close_action(net.store, action_id, "done", "Sent")  # from the network list, no meeting
    shown = {a["id"]: a for a in actions.matters_arising(net.store, net.today)}[action_id]
    assert (shown["status_at_meeting"], shown["closed_here"]) == ("done", True)


def test_open_actions_are_found_by_an_owners_name_as_well_as_by_their_words(net) -> None:
    grace_s = _add(net, "Book the room", owners=[net.grace])
    priya_s = _add(net, "Write to Grace's team", owners=[net.priya])
    _add(net, "Order lunch", owners=[net.sian])
    found = {a["id"] for a in actions.open_actions(net.store, search="grace")}
    assert found == {grace_s, priya_s}
    assert actions.count_open_actions(net.store, search="grace") == 2


def test_an_erased_member_is_not_named_as_an_owner(net) -> None:
    action_id = _add(net, owners=[net.grace, net.sian])
    with net.store.transaction() as conn:
        from store import changes
        changes.record(conn, "members", net.sian, {"deleted_at": "2026-11-22T10:00:00+00:00"})
    assert [o["id"] for o in actions.get_action(net.store, action_id)["owners"]] == [net.grace]


def test_the_item_an_action_came_from_can_be_changed_within_its_meeting(net) -> None:
    first = agenda.propose(net.store, net.today, {"title": "Buses", "proposer_id": net.priya})
    second = agenda.propose(net.store, net.today, {"title": "Trains", "proposer_id": net.priya})
    other = agenda.propose(net.store, net.later, {"title": "Elsewhere", "proposer_id": net.priya})
    action_id = _add(net, meeting_id=net.today, item_id=first)
    actions.edit_action(net.store, action_id, {"item_id": second})
    assert actions.get_action(net.store, action_id)["item_id"] == second
    with pytest.raises(InputError):
        actions.edit_action(net.store, action_id, {"item_id": other})
    actions.edit_action(net.store, action_id, {"item_id": None})
    got = actions.get_action(net.store, action_id)
    assert (got["item_id"], got["meeting_id"]) == (None, net.today)
