"""The minutes as data, and "you said, we did" following each of a member's items to its outcome."""

from __future__ import annotations

import pytest

from store import actions, agenda, agenda_run, attendance, meetings, members
from store.minutes_data import minutes
from store.you_said_we_did import you_said_we_did


def _propose(net, title: str, meeting: str | None = None, proposer: str | None = None, **extra) -> str:
    return agenda.propose(net.store, meeting or net.today,
                          {"title": title, "minutes_asked": 10, "proposer_id": proposer or net.priya, **extra})


@pytest.fixture
def ran(net):
    """Today's meeting, run: a register, items with minutes, a decline, a deferral and actions."""
    s = net.store
    for person, status in [(net.priya, "present"), (net.sian, "apologies"), (net.dafydd, "present"),
                           (net.grace, "present")]:
        attendance.mark(s, net.today, person, status)
    buses = _propose(net, "Bus passes for carers")
    duplicate = _propose(net, "Free bus travel", proposer=net.dafydd)
    loops = _propose(net, "Hearing loops", proposer=net.sian)
    declined = _propose(net, "Parking charges", proposer=net.sian)
    deferred = _propose(net, "Summer breaks")
    agenda.merge(s, duplicate, buses)
    agenda.accept(s, buses)
    agenda.accept(s, loops)
    agenda.decline(s, declined, "The council decides this in March.")
    agenda.defer(s, deferred, net.later)
    agenda_run.declare_interest(s, buses, net.grace, "Works for the bus company")
    agenda_run.declare_interest(s, buses, net.dafydd, "Drives a community bus")
    agenda_run.set_notes(s, buses, "Members shared how often buses are late.")
    agenda_run.set_decision(s, buses, "Write to the council.")
    actions.add_action(s, {"description": "Draft the letter", "owners": [net.grace, net.dafydd], "item_id": buses,
                           "due_date": "06/12/2026"})
    actions.add_action(s, {"description": "Book the next venue", "owners": [net.grace], "meeting_id": net.today})
    arising = actions.add_action(s, {"description": "From October", "owners": [net.priya], "meeting_id": net.earlier,
                                     "due_date": "01/11/2026"})[0]
    actions.close_action(s, arising, "done", meeting_id=net.today)
    actions.add_action(s, {"description": "Still open", "owners": [net.sian], "meeting_id": net.earlier})
    return {"buses": buses, "loops": loops, "declined": declined, "deferred": deferred, "duplicate": duplicate}


# --- minutes -----------------------------------------------------------------------------------


def test_minutes_name_only_people_who_consented_and_count_the_rest(net, ran) -> None:
    got = minutes(net.store, net.today)["attendance"]
    assert got["present_names"] == ["Grace Okafor", "Priya Shah"]
    assert (got["present"], got["present_not_named"]) == (3, 1)
    assert (got["apologies_names"], got["apologies"], got["absent"], got["not_marked"]) == (["Siân Jones"], 1, 0, 0)


def test_minutes_list_items_in_running_order_with_what_was_said_and_decided(net, ran) -> None:
    got = minutes(net.store, net.today)
    assert [i["title"] for i in got["items"]] == [
        "Welcome and introductions", "Apologies", "Matters arising", "Bus passes for carers", "Hearing loops",
        "Any other business"]
    buses = got["items"][3]
    # Dafydd has not consented to be named: the minutes leave his name out.
    assert buses["proposers"] == ["Priya Shah", None]
    assert (buses["kind"], buses["notes"], buses["decision"]) == (
        "discussion", "Members shared how often buses are late.", "Write to the council.")
    assert buses["interests"] == [{"name": None, "note": "Drives a community bus"},
                                  {"name": "Grace Okafor", "note": "Works for the bus company"}]
    assert [(a["description"], a["owners"], a["due_date"], a["status"]) for a in buses["actions"]] == [
        ("Draft the letter", [None, "Grace Okafor"], "2026-12-06", "open")]
    assert got["items"][0]["proposers"] == []


def test_minutes_show_matters_arising_declined_and_deferred_items(net, ran) -> None:
    got = minutes(net.store, net.today)
    assert [(a["description"], a["status_at_meeting"], a["closed_here"], a["raised_at_date"])
            for a in got["matters_arising"]] == [
        ("From October", "done", True, "2026-10-01"), ("Still open", "open", False, "2026-10-01")]
    assert got["declined"] == [{"id": ran["declined"], "title": "Parking charges", "proposers": ["Siân Jones"],
                                "reason": "The council decides this in March."}]
    assert [(d["title"], d["to_title"], d["to_date"]) for d in got["deferred"]] == [
        ("Summer breaks", "Steering group", "2026-12-10")]
    assert [a["description"] for a in got["other_actions"]] == ["Book the next venue"]
    assert got["meeting"]["date"] == "2026-11-22"


def test_minutes_of_a_meeting_with_nothing_on_it_are_empty_not_missing(net) -> None:
    got = minutes(net.store, net.untimed)
    assert [i["title"] for i in got["items"]] == [
        "Welcome and introductions", "Apologies", "Matters arising", "Any other business"]
    assert (got["matters_arising"], got["declined"], got["deferred"], got["other_actions"]) == ([], [], [], [])
    assert got["attendance"]["present_names"] == []


# --- you said, we did ----------------------------------------------------------------------------


def test_you_said_we_did_lists_each_item_newest_meeting_first_with_its_outcome(net, ran) -> None:
    later_item = _propose(net, "Easy Read letters", meeting=net.untimed)
    got = you_said_we_did(net.store, net.priya)
    assert [e["title"] for e in got] == ["Easy Read letters", "Summer breaks", "Bus passes for carers"]
    assert got[0]["status"] == "proposed" and got[0]["item_id"] == later_item
    buses = got[2]
    assert (buses["status"], buses["decision"], buses["meeting_date"]) == ("accepted", "Write to the council.", "2026-11-22")
    assert [(a["description"], a["status"], [o["name"] for o in a["owners"]]) for a in buses["actions"]] == [
        ("Draft the letter", "open", ["Dafydd Evans", "Grace Okafor"])]


def test_you_said_we_did_shows_the_reason_an_item_was_declined(net, ran) -> None:
    got = {e["title"]: e for e in you_said_we_did(net.store, net.sian)}
    assert got["Parking charges"]["status"] == "declined"
    assert got["Parking charges"]["decline_reason"] == "The council decides this in March."
    assert got["Hearing loops"]["status"] == "accepted"


def test_you_said_we_did_follows_a_merged_duplicate_to_the_item_decided(net, ran) -> None:
    (entry,) = you_said_we_did(net.store, net.dafydd)
    assert (entry["title"], entry["status"]) == ("Free bus travel", "merged")
    assert [(s["how"], s["title"]) for s in entry["steps"]] == [("merged", "Bus passes for carers")]
    assert entry["decision"] == "Write to the council."
    assert [a["description"] for a in entry["actions"]] == ["Draft the letter"]


def test_you_said_we_did_follows_a_chain_of_deferrals_to_the_decision(net, ran) -> None:
    s = net.store
    carried = s.one("SELECT id FROM agenda_items WHERE carried_from = ?", (ran["deferred"],))[0]
    again = agenda.defer(s, carried, net.untimed)
    meetings.set_status(s, net.untimed, "open")
    agenda.accept(s, again)
    agenda_run.set_decision(s, again, "Agreed: two extra play schemes.")
    actions.add_action(s, {"description": "Tell the schools", "owners": [net.grace], "item_id": again})

    entries = you_said_we_did(s, net.priya)
    summer = [e for e in entries if e["title"] == "Summer breaks"]
    assert len(summer) == 1, "a carried item is shown inside the item it came from, not again"
    entry = summer[0]
    assert (entry["status"], entry["deferred_to"]["title"], entry["deferred_to"]["date"]) == (
        "deferred", "Steering group", "2026-12-10")
    assert [(s["how"], s["meeting_date"], s["status"]) for s in entry["steps"]] == [
        ("carried", "2026-12-10", "deferred"), ("carried", "2027-01-15", "accepted")]
    assert entry["outcome"]["item_id"] == again
    assert entry["decision"] == "Agreed: two extra play schemes."
    assert [a["description"] for a in entry["actions"]] == ["Tell the schools"]
    assert entries[0]["title"] == "Summer breaks", "the chain reaches the newest meeting"


def test_you_said_we_did_is_empty_for_someone_who_proposed_nothing(net) -> None:
    other = members.add_member(net.store, {"name": "Owain Price"})
    assert you_said_we_did(net.store, other) == []
