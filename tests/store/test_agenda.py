"""Agenda items: standing items, proposals, triage and the agenda screen's one read."""

from __future__ import annotations

import pytest

from store import actions, agenda, agenda_run, changes, meetings
from store.errors import CoprodError, InputError, NotFound
from store.ids import link_id


def _propose(net, title: str = "Bus passes for carers", meeting: str | None = None, **extra) -> str:
    data = {"title": title, "kind": "decision", "minutes_asked": 20, "proposer_id": net.priya, **extra}
    return agenda.propose(net.store, meeting or net.today, data)


def _order(net, meeting: str | None = None) -> list[str]:
    return [i["display_title"] for i in agenda.agenda(net.store, meeting or net.today)["order"]]


def _item(net, item_id: str) -> dict:
    return dict(net.store.one("SELECT * FROM agenda_items WHERE id = ?", (item_id,)))


STANDING_TITLES = ["Welcome and introductions", "Apologies", "Matters arising", "Any other business"]


# --- standing items ---------------------------------------------------------------------


def test_new_meeting_gets_the_four_standing_items_accepted_and_timed(net) -> None:
    order = agenda.agenda(net.store, net.later)["order"]
    assert [i["display_title"] for i in order] == STANDING_TITLES
    assert [i["standing"] for i in order] == ["welcome", "apologies", "matters_arising", "aob"]
    assert [i["minutes_allowed"] for i in order] == [10, 5, 15, 10]
    assert all(i["title"] == "" and i["proposer_id"] is None and i["source"] == "standing" for i in order)
    assert agenda.agenda(net.store, net.later)["total_minutes"] == 40


def test_standing_items_are_logged_with_the_meeting_in_one_transaction(net) -> None:
    before = net.store.one("SELECT seq FROM device")[0]
    meeting = meetings.create_meeting(net.store, {"title": "Network meeting", "date": "01/02/2027"})
    logged = net.store.query("SELECT tbl, row_id FROM changes WHERE seq > ?", (before,))
    items = {r["row_id"] for r in logged if r["tbl"] == "agenda_items"}
    assert items == {link_id(meeting, "standing", code) for code in ("welcome", "apologies", "matters_arising", "aob")}


def test_adding_standing_items_twice_writes_the_same_four_rows(net) -> None:
    before = net.changes()
    with net.store.transaction() as conn:
        again = agenda.add_standing_items(conn, net.later)
    assert net.changes() == before
    assert len(again) == 4
    assert net.store.one("SELECT COUNT(*) FROM agenda_items WHERE meeting_id = ?", (net.later,))[0] == 4


def test_standing_item_shows_its_label_until_renamed_and_again_when_cleared(net) -> None:
    welcome = link_id(net.later, "standing", "welcome")
    assert agenda.item_title(_item(net, welcome)) == "Welcome and introductions"
    agenda.edit_item(net.store, welcome, {"title": "Welcome, and Croeso"})
    assert _order(net, net.later)[0] == "Welcome, and Croeso"
    agenda.edit_item(net.store, welcome, {"title": "  "})
    assert _order(net, net.later)[0] == "Welcome and introductions"


# --- proposing ----------------------------------------------------------------------------


def test_member_proposal_waits_for_a_decision_with_every_detail_kept(net) -> None:
    item = agenda.propose(net.store, net.today, {
        "title": "  Bus passes   for carers ", "kind": "Decision", "minutes_asked": "20",
        "summary": "Carers should travel free.", "details": "Line one.\n\nLine two.", "proposer_id": net.priya[:-6],
    })
    got = _item(net, item)
    assert (got["title"], got["kind"], got["minutes_asked"]) == ("Bus passes for carers", "decision", 20)
    assert (got["summary"], got["details"]) == ("Carers should travel free.", "Line one.\n\nLine two.")
    assert (got["proposer_id"], got["source"], got["status"]) == (net.priya, "member", "proposed")
    assert got["proposed_at"] == "2026-11-22T10:40:00+00:00"
    proposals = agenda.agenda(net.store, net.today)["proposals"]
    assert [(p["id"], p["proposer_name"], p["proposer_organisation"]) for p in proposals] == [
        (item, "Priya Shah", "Riverside Carers Forum")]


def test_proposals_are_listed_oldest_first(net, monkeypatch) -> None:
    monkeypatch.setenv("COPROD_NOW", "11:00")
    late = _propose(net, "Later one")
    monkeypatch.setenv("COPROD_NOW", "09:00")
    early = _propose(net, "Earlier one")
    assert [p["id"] for p in agenda.agenda(net.store, net.today)["proposals"]] == [early, late]


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"title": "   "}, "title", "title"),
    ({"minutes_asked": 0}, "minutes_asked", "at least 1 minute"),
    ({"minutes_asked": -5}, "minutes_asked", "at least 1 minute"),
    ({"minutes_asked": "ten"}, "minutes_asked", "whole minutes"),
    ({"minutes_asked": 151}, "minutes_asked", "only 150 minutes long"),
    ({"minutes_asked": 2000}, "minutes_asked", "longer than a day"),
    ({"kind": "rant"}, "kind", "rant"),
    ({"proposer_id": ""}, "proposer_id", "who proposed"),
    ({"source": "standing"}, "source", "from the floor"),
])
def test_bad_proposal_is_refused_on_its_field_and_writes_nothing(net, change, field, words) -> None:
    before = net.changes()
    with pytest.raises(InputError) as caught:
        _propose(net, **change)
    assert caught.value.field == field
    assert words in caught.value.message
    assert net.changes() == before


def test_item_as_long_as_the_whole_meeting_is_allowed(net) -> None:
    assert _item(net, _propose(net, minutes_asked=150))["minutes_asked"] == 150


def test_meeting_without_times_takes_items_of_any_length_up_to_a_day(net) -> None:
    assert _item(net, _propose(net, meeting=net.untimed, minutes_asked=400))["minutes_asked"] == 400


def test_proposal_for_an_unknown_meeting_is_refused(net) -> None:
    before = net.changes()
    with pytest.raises(NotFound):
        _propose(net, meeting="0000dead")
    assert net.changes() == before


def test_proposal_for_a_closed_meeting_is_refused(net) -> None:
    before = net.changes()
    with pytest.raises(CoprodError) as caught:
        _propose(net, meeting=net.earlier)
    assert caught.value.message == "This meeting is closed. Items can't be added."
    assert net.changes() == before


def test_proposal_from_someone_not_a_member_is_refused(net) -> None:
    with pytest.raises(NotFound) as caught:
        _propose(net, proposer_id="0000beef")
    assert "no member" in caught.value.message


def test_proposal_from_a_deleted_member_is_refused(net) -> None:
    with net.store.transaction() as conn:
        changes.record(conn, "members", net.dafydd, {"deleted_at": "2026-11-01T09:00:00+00:00"})
    before = net.changes()
    with pytest.raises(NotFound):
        _propose(net, proposer_id=net.dafydd)
    assert net.changes() == before


def test_item_from_the_floor_is_accepted_at_once_just_before_any_other_business(net) -> None:
    agenda.accept(net.store, _propose(net, "Accepted earlier"))
    floor = _propose(net, "Raised from the floor", source="floor", minutes_asked=5, proposer_id=net.sian)
    got = _item(net, floor)
    assert (got["status"], got["source"], got["minutes_allowed"]) == ("accepted", "floor", 5)
    assert _order(net)[-3:] == ["Accepted earlier", "Raised from the floor", "Any other business"]


# --- triage -----------------------------------------------------------------------------------


def test_accepted_item_goes_last_before_any_other_business_with_the_time_it_asked(net) -> None:
    first, second = _propose(net, "First"), _propose(net, "Second", minutes_asked=25)
    agenda.accept(net.store, first)
    agenda.accept(net.store, second)
    assert _order(net) == STANDING_TITLES[:3] + ["First", "Second", "Any other business"]
    assert _item(net, second)["minutes_allowed"] == 25


def test_accept_can_give_less_time_than_asked(net) -> None:
    item = _propose(net, minutes_asked=30)
    agenda.accept(net.store, item, minutes_allowed="15")
    assert _item(net, item)["minutes_allowed"] == 15


def test_accepting_again_keeps_the_place_and_can_change_the_time(net) -> None:
    first, second = _propose(net, "First"), _propose(net, "Second")
    agenda.accept(net.store, first)
    agenda.accept(net.store, second)
    agenda.accept(net.store, first, minutes_allowed=5)
    assert _order(net)[3:5] == ["First", "Second"]
    assert _item(net, first)["minutes_allowed"] == 5


def test_decline_keeps_the_reason_for_the_member(net) -> None:
    item = _propose(net)
    agenda.decline(net.store, item, "  The council is consulting on this next month.\nWe will share the link. ")
    got = _item(net, item)
    assert got["status"] == "declined"
    assert got["decline_reason"] == "The council is consulting on this next month.\nWe will share the link."
    other = agenda.agenda(net.store, net.today)["other"]
    assert [(i["id"], i["decline_reason"]) for i in other] == [(item, got["decline_reason"])]


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_decline_without_a_reason_is_refused(net, reason) -> None:
    item = _propose(net)
    before = net.changes()
    with pytest.raises(InputError) as caught:
        agenda.decline(net.store, item, reason)
    assert caught.value.message == "Say why, so the member knows."
    assert caught.value.field == "decline_reason"
    assert net.changes() == before
    assert _item(net, item)["status"] == "proposed"


def test_declined_item_can_still_be_accepted_and_loses_its_reason(net) -> None:
    item = _propose(net)
    agenda.decline(net.store, item, "No time")
    agenda.accept(net.store, item)
    got = _item(net, item)
    assert (got["status"], got["decline_reason"]) == ("accepted", None)


def test_defer_moves_the_proposal_to_a_later_meeting_to_be_decided_again(net) -> None:
    item = _propose(net, summary="Carers should travel free.")
    agenda.accept(net.store, item)
    carried = agenda.defer(net.store, item, net.later)
    old, new = _item(net, item), _item(net, carried)
    assert (old["status"], old["deferred_to"]) == ("deferred", net.later)
    assert (new["meeting_id"], new["status"], new["carried_from"]) == (net.later, "proposed", item)
    for field in ("title", "kind", "minutes_asked", "summary", "proposer_id", "proposed_at", "source"):
        assert new[field] == old[field], field
    later = agenda.agenda(net.store, net.later)["proposals"]
    assert [(p["id"], p["carried_from_title"], p["carried_from_date"]) for p in later] == [
        (carried, "Network meeting", "2026-11-22")]
    moved = agenda.agenda(net.store, net.today)["other"][0]
    assert (moved["deferred_to_title"], moved["deferred_to_date"]) == ("Steering group", "2026-12-10")


def test_defer_during_the_meeting_ends_the_running_item(net, monkeypatch) -> None:
    item = _propose(net)
    agenda.accept(net.store, item)
    agenda_run.start_item(net.store, item)
    monkeypatch.setenv("COPROD_NOW", "10:55")
    agenda.defer(net.store, item, net.later)
    got = _item(net, item)
    assert (got["started_at"], got["ended_at"]) == ("2026-11-22T10:40:00+00:00", "2026-11-22T10:55:00+00:00")
    assert agenda_run.running(net.store, net.today) is None


@pytest.mark.parametrize(("target", "words"), [
    ("earlier", "closed"),
    ("today", "different meeting"),
])
def test_defer_to_a_closed_or_the_same_meeting_is_refused(net, target, words) -> None:
    item = _propose(net)
    before = net.changes()
    with pytest.raises(CoprodError) as caught:
        agenda.defer(net.store, item, getattr(net, target))
    assert words in caught.value.message
    assert net.changes() == before


def test_defer_to_an_earlier_meeting_is_refused(net) -> None:
    meeting = meetings.create_meeting(net.store, {"title": "Catch-up", "date": "01/11/2026"})
    with pytest.raises(InputError) as caught:
        agenda.defer(net.store, _propose(net), meeting)
    assert caught.value.message == "Choose a later meeting."


def test_standing_item_cannot_be_deferred(net) -> None:
    with pytest.raises(CoprodError) as caught:
        agenda.defer(net.store, link_id(net.today, "standing", "aob"), net.later)
    assert "every meeting" in caught.value.message


def test_deferred_item_cannot_be_triaged_again_where_it_was(net) -> None:
    item = _propose(net)
    agenda.defer(net.store, item, net.later)
    for command in (lambda: agenda.accept(net.store, item), lambda: agenda.decline(net.store, item, "No"),
                    lambda: agenda.defer(net.store, item, net.untimed)):
        with pytest.raises(CoprodError) as caught:
            command()
        assert "later meeting" in caught.value.message


def test_merge_joins_a_duplicate_and_keeps_both_proposers(net) -> None:
    original = _propose(net, "Bus passes for carers")
    duplicate = _propose(net, "Free bus travel for carers", proposer_id=net.sian)
    agenda.merge(net.store, duplicate, original)
    got = _item(net, duplicate)
    assert (got["status"], got["merged_into"]) == ("merged", original)
    assert [p["name"] for p in agenda.proposers(net.store, original)] == ["Priya Shah", "Siân Jones"]
    assert [p["name"] for p in agenda.proposers(net.store, duplicate)] == ["Siân Jones"]
    view = agenda.agenda(net.store, net.today)
    assert [p["name"] for p in view["proposals"][0]["proposers"]] == ["Priya Shah", "Siân Jones"]
    assert view["other"][0]["merged_into_title"] == "Bus passes for carers"


def test_proposers_follow_duplicates_joined_into_duplicates(net) -> None:
    a, b, c = _propose(net, "A"), _propose(net, "B", proposer_id=net.sian), _propose(net, "C", proposer_id=net.dafydd)
    agenda.merge(net.store, c, b)
    agenda.merge(net.store, b, a)
    assert [p["id"] for p in agenda.proposers(net.store, a)] == [net.priya, net.sian, net.dafydd]
    view = agenda.agenda(net.store, net.today)
    assert [p["id"] for p in view["proposals"][0]["proposers"]] == [net.priya, net.sian, net.dafydd]


def test_same_person_proposing_twice_is_listed_once(net) -> None:
    a, b = _propose(net, "A"), _propose(net, "A again")
    agenda.merge(net.store, b, a)
    assert [p["id"] for p in agenda.proposers(net.store, a)] == [net.priya]


def test_merge_across_meetings_is_refused(net) -> None:
    here, there = _propose(net), _propose(net, meeting=net.later)
    before = net.changes()
    with pytest.raises(CoprodError) as caught:
        agenda.merge(net.store, here, there)
    assert caught.value.message == "Both items must be on the same meeting's agenda."
    assert net.changes() == before


def test_merge_into_itself_or_into_a_declined_item_is_refused(net) -> None:
    item, declined = _propose(net), _propose(net, "Declined one")
    agenda.decline(net.store, declined, "Not now")
    with pytest.raises(CoprodError):
        agenda.merge(net.store, item, item)
    with pytest.raises(CoprodError) as caught:
        agenda.merge(net.store, item, declined)
    assert "still on the agenda" in caught.value.message


def test_edit_item_changes_what_was_asked_and_checks_it(net) -> None:
    item = _propose(net)
    agenda.edit_item(net.store, item, {"title": "Bus passes", "kind": "discussion", "minutes_asked": 30,
                                       "summary": "", "details": "More detail"})
    got = _item(net, item)
    assert (got["title"], got["kind"], got["minutes_asked"], got["summary"], got["details"]) == (
        "Bus passes", "discussion", 30, None, "More detail")
    before = net.changes()
    for bad in ({"title": ""}, {"minutes_asked": 0}, {"minutes_asked": 200}):
        with pytest.raises(InputError):
            agenda.edit_item(net.store, item, bad)
    assert net.changes() == before


def test_edit_that_changes_nothing_writes_nothing(net) -> None:
    item = _propose(net)
    before = net.changes()
    agenda.edit_item(net.store, item, {"title": " Bus passes for carers "})
    assert net.changes() == before


def test_closed_meetings_agenda_cannot_be_changed(net) -> None:
    item = _propose(net)
    agenda.accept(net.store, item)
    meetings.set_status(net.store, net.today, "closed")
    before = net.changes()
    for command in (lambda: agenda.edit_item(net.store, item, {"title": "X"}),
                    lambda: agenda.decline(net.store, item, "No"),
                    lambda: agenda_run.move(net.store, item, -1),
                    lambda: agenda_run.set_notes(net.store, item, "Notes")):
        with pytest.raises(CoprodError) as caught:
            command()
        assert "Reopen it" in caught.value.message
    assert net.changes() == before


# --- the agenda screen's read ----------------------------------------------------------------


def test_agenda_totals_the_timeboxes_and_flags_an_overrun_before_the_meeting(net) -> None:
    view = agenda.agenda(net.store, net.today)
    assert (view["total_minutes"], view["meeting_minutes"], view["overrun"]) == (40, 150, False)
    agenda.accept(net.store, _propose(net, minutes_asked=100))
    assert agenda.agenda(net.store, net.today)["overrun"] is False  # 140 of 150
    agenda.accept(net.store, _propose(net, "One more", minutes_asked=15))
    view = agenda.agenda(net.store, net.today)
    assert (view["total_minutes"], view["overrun"]) == (155, True)


def test_meeting_without_times_never_shows_an_overrun(net) -> None:
    agenda.accept(net.store, _propose(net, meeting=net.untimed, minutes_asked=600))
    view = agenda.agenda(net.store, net.untimed)
    assert (view["meeting_minutes"], view["overrun"], view["total_minutes"]) == (None, False, 640)


def test_agenda_sorts_items_into_proposals_running_order_and_the_rest(net) -> None:
    waiting, accepted, declined, deferred = (_propose(net, t) for t in ("Waiting", "Accepted", "Declined", "Deferred"))
    agenda.accept(net.store, accepted)
    agenda.decline(net.store, declined, "Not this time")
    agenda.defer(net.store, deferred, net.later)
    view = agenda.agenda(net.store, net.today)
    assert [i["id"] for i in view["proposals"]] == [waiting]
    assert [i["display_title"] for i in view["order"]] == STANDING_TITLES[:3] + ["Accepted", "Any other business"]
    assert sorted(i["id"] for i in view["other"]) == sorted([declined, deferred])
    assert view["meeting"]["title"] == "Network meeting"


def test_agenda_shows_declarations_of_interest_on_their_items(net) -> None:
    item = _propose(net)
    agenda.accept(net.store, item)
    agenda_run.declare_interest(net.store, item, net.sian, "Works for the bus company")
    shown = next(i for i in agenda.agenda(net.store, net.today)["order"] if i["id"] == item)
    assert shown["interests"] == [{"member_id": net.sian, "name": "Siân Jones", "note": "Works for the bus company",
                                   "named": True}]


def test_agenda_counts_the_open_matters_arising_from_earlier_meetings(net) -> None:
    actions.add_action(net.store, {"description": "From before", "owners": [net.grace], "meeting_id": net.earlier})
    actions.add_action(net.store, {"description": "From today", "owners": [net.grace], "meeting_id": net.today})
    done_before, _w = actions.add_action(net.store, {"description": "Done before", "owners": [net.grace],
                                                     "meeting_id": net.earlier})
    with net.store.transaction() as conn:  # closed at the earlier meeting, long before today
        from store import changes
        changes.record(conn, "actions", done_before, {"status": "done", "status_note": None,
                                                      "closed_at": "2026-10-01T12:00:00+00:00",
                                                      "closed_meeting_id": net.earlier})
    done_today, _w = actions.add_action(net.store, {"description": "Done today", "owners": [net.grace],
                                                    "meeting_id": net.earlier})
    actions.close_action(net.store, done_today, "done", meeting_id=net.today)
    # Only the one still open: the summary line speaks of open actions.
    assert agenda.agenda(net.store, net.today)["matters_arising_count"] == 1


def test_agenda_is_read_in_a_few_queries_however_many_items(net) -> None:
    for n in range(36):
        item = _propose(net, f"Item {n}", minutes_asked=2, proposer_id=(net.priya, net.sian)[n % 2])
        if n % 3:
            agenda.accept(net.store, item)
            agenda_run.declare_interest(net.store, item, net.dafydd, "")
    statements: list[str] = []
    net.store.conn.set_trace_callback(statements.append)
    try:
        view = agenda.agenda(net.store, net.today)
    finally:
        net.store.conn.set_trace_callback(None)
    assert len(view["order"]) == 4 + 24 and len(view["proposals"]) == 12
    assert len(statements) <= 6, statements


def test_accepting_with_more_time_than_the_whole_meeting_is_refused(net) -> None:
    item = _propose(net, minutes_asked=30)
    before = net.changes()
    with pytest.raises(InputError) as caught:
        agenda.accept(net.store, item, minutes_allowed=151)  # today's meeting is 150 minutes long
    assert caught.value.field == "minutes_allowed"
    assert _item(net, item)["status"] == "proposed"
    assert net.changes() == before
