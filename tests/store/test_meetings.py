"""Meetings: created valid, edited, opened, closed and reopened; listed by date."""

from __future__ import annotations

import pytest

from store import meetings
from store.errors import CoprodError, InputError, MeetingNotOpen, NotFound

TODAY = "2026-11-22"  # conftest's COPROD_TODAY


def _changes(store) -> int:
    return store.one("SELECT COUNT(*) FROM changes")[0]


def _meeting(store, date: str, title: str = "Network meeting", **extra) -> str:
    return meetings.create_meeting(store, {"title": title, "date": date, **extra})


def test_new_meeting_is_planned_with_every_detail_kept(store) -> None:
    meeting = meetings.create_meeting(store, {
        "title": " Network   meeting ", "date": "14/03/2026", "start_time": "10.30", "end_time": "1pm",
        "kind": "Steering group", "mode": "Hybrid", "venue": "Community Hall, High Street",
    })
    got = meetings.get_meeting(store, meeting)
    assert got["title"] == "Network meeting"
    assert got["date"] == "2026-03-14"
    assert (got["start_time"], got["end_time"]) == ("10:30", "13:00")
    assert (got["kind"], got["mode"]) == ("steering", "hybrid")
    assert got["venue"] == "Community Hall, High Street"
    assert (got["status"], got["reopened"]) == ("planned", 0)


def test_meeting_on_an_impossible_date_is_refused_and_not_written(store) -> None:
    with pytest.raises(InputError) as caught:
        _meeting(store, "31/02/2026")
    assert caught.value.field == "date"
    assert "31/02/2026" in caught.value.message
    assert store.one("SELECT COUNT(*) FROM meetings")[0] == 0
    assert _changes(store) == 0


@pytest.mark.parametrize(("start", "end"), [("14:00", "13:00"), ("10:30", "10:30"), ("2pm", "11am")])
def test_meeting_ending_before_it_starts_is_refused_on_the_end_time(store, start, end) -> None:
    with pytest.raises(InputError) as caught:
        _meeting(store, "14/03/2026", start_time=start, end_time=end)
    assert caught.value.field == "end_time"
    assert "end after it starts" in caught.value.message
    assert _changes(store) == 0


def test_meeting_without_a_title_is_refused_on_the_title_field(store) -> None:
    with pytest.raises(InputError) as caught:
        _meeting(store, "14/03/2026", title="  ")
    assert caught.value.field == "title"


def test_meeting_without_a_date_is_refused_on_the_date_field(store) -> None:
    with pytest.raises(InputError) as caught:
        meetings.create_meeting(store, {"title": "Network meeting"})
    assert caught.value.field == "date"


@pytest.mark.parametrize(("field", "value"), [("kind", "party"), ("mode", "underwater"), ("start_time", "25:00")])
def test_meeting_with_an_unknown_choice_is_refused_on_that_field(store, field, value) -> None:
    with pytest.raises(InputError) as caught:
        _meeting(store, "14/03/2026", **{field: value})
    assert caught.value.field == field
    assert _changes(store) == 0


def test_edit_changes_only_the_details_given(store) -> None:
    meeting = _meeting(store, "14/03/2026", start_time="10:30", end_time="13:00", venue="Library Meeting Room")
    meetings.update_meeting(store, meeting, {"venue": "Town Hall Committee Room"})
    got = meetings.get_meeting(store, meeting)
    assert got["venue"] == "Town Hall Committee Room"
    assert (got["date"], got["start_time"], got["end_time"]) == ("2026-03-14", "10:30", "13:00")


def test_edit_that_changes_nothing_writes_no_change_rows(store) -> None:
    meeting = _meeting(store, "14/03/2026", start_time="10:30", end_time="13:00")
    before = _changes(store)
    meetings.update_meeting(store, meeting, {"date": "2026-03-14", "start_time": "10.30", "title": "Network  meeting"})
    assert _changes(store) == before


def test_edit_to_an_end_before_the_existing_start_is_refused_and_changes_nothing(store) -> None:
    meeting = _meeting(store, "14/03/2026", start_time="10:30", end_time="13:00")
    before = _changes(store)
    with pytest.raises(InputError) as caught:
        meetings.update_meeting(store, meeting, {"end_time": "09:00", "venue": "Library"})
    assert caught.value.field == "end_time"
    got = meetings.get_meeting(store, meeting)
    assert (got["end_time"], got["venue"]) == ("13:00", None)
    assert _changes(store) == before


def test_edit_of_an_unknown_meeting_is_not_found(store) -> None:
    with pytest.raises(NotFound):
        meetings.update_meeting(store, "0000dead", {"title": "Nothing"})


# --- status -----------------------------------------------------------------------


def test_reopening_a_closed_meeting_is_remembered(store) -> None:
    meeting = _meeting(store, TODAY)
    meetings.set_status(store, meeting, "open")
    assert (meetings.get_meeting(store, meeting)["status"], meetings.get_meeting(store, meeting)["reopened"]) == ("open", 0)
    meetings.set_status(store, meeting, "closed")
    assert meetings.get_meeting(store, meeting)["reopened"] == 0
    meetings.set_status(store, meeting, "open")
    got = meetings.get_meeting(store, meeting)
    assert (got["status"], got["reopened"]) == ("open", 1)
    meetings.set_status(store, meeting, "closed")
    assert meetings.get_meeting(store, meeting)["reopened"] == 1, "closing again does not forget the reopening"


def test_setting_the_status_a_meeting_already_has_writes_nothing(store) -> None:
    meeting = _meeting(store, TODAY)
    meetings.set_status(store, meeting, "open")
    before = _changes(store)
    meetings.set_status(store, meeting, "open")
    assert _changes(store) == before


def test_unknown_status_is_refused(store) -> None:
    meeting = _meeting(store, TODAY)
    with pytest.raises(CoprodError):
        meetings.set_status(store, meeting, "cancelled")
    assert meetings.get_meeting(store, meeting)["status"] == "planned"


def test_register_of_a_planned_meeting_is_not_open_yet(store) -> None:
    meeting = _meeting(store, TODAY)
    with pytest.raises(MeetingNotOpen) as caught:
        meetings.require_open(store.conn, meeting)
    assert "Open it" in caught.value.message


def test_register_of_a_closed_meeting_needs_reopening(store) -> None:
    meeting = _meeting(store, TODAY)
    meetings.set_status(store, meeting, "closed")
    with pytest.raises(CoprodError) as caught:
        meetings.require_open(store.conn, meeting)
    assert not isinstance(caught.value, MeetingNotOpen)
    assert "Reopen" in caught.value.message


# --- lists ------------------------------------------------------------------------


@pytest.fixture
def calendar(store):
    ids = {}
    for date in ("2026-11-01", "2026-11-21", TODAY, "2026-11-23", "2026-12-31"):
        ids[date] = _meeting(store, date, start_time="10:30")
    ids["today-early"] = _meeting(store, TODAY, title="Steering group", start_time="09:00")
    return ids


def test_upcoming_starts_with_todays_meetings_in_time_order(store, calendar) -> None:
    shown = [m["id"] for m in meetings.upcoming(store)]
    assert shown == [calendar["today-early"], calendar[TODAY], calendar["2026-11-23"], calendar["2026-12-31"]]


def test_upcoming_also_shows_an_earlier_meeting_left_open(store, calendar) -> None:
    meetings.set_status(store, calendar["2026-11-21"], "open")
    shown = [m["id"] for m in meetings.upcoming(store)]
    assert shown[0] == calendar["2026-11-21"]
    assert calendar["2026-11-01"] not in shown


def test_upcoming_respects_its_limit(store, calendar) -> None:
    assert len(meetings.upcoming(store, limit=2)) == 2


def test_recent_lists_past_meetings_newest_first_but_not_open_ones(store, calendar) -> None:
    meetings.set_status(store, calendar["2026-11-21"], "open")
    assert [m["id"] for m in meetings.recent(store)] == [calendar["2026-11-01"]]
    meetings.set_status(store, calendar["2026-11-21"], "closed")
    assert [m["id"] for m in meetings.recent(store)] == [calendar["2026-11-21"], calendar["2026-11-01"]]


def test_list_meetings_includes_both_ends_of_the_date_range(store, calendar) -> None:
    shown = [m["date"] for m in meetings.list_meetings(store, "2026-11-21", "2026-11-23")]
    assert shown == ["2026-11-21", TODAY, TODAY, "2026-11-23"]


def test_list_meetings_with_one_end_open(store, calendar) -> None:
    assert [m["date"] for m in meetings.list_meetings(store, since="2026-11-23")] == ["2026-11-23", "2026-12-31"]
    assert [m["date"] for m in meetings.list_meetings(store, until="2026-11-01")] == ["2026-11-01"]
    assert len(meetings.list_meetings(store)) == 6


def test_list_meetings_newest_first(store, calendar) -> None:
    dates = [m["date"] for m in meetings.list_meetings(store, newest_first=True)]
    assert dates == sorted(dates, reverse=True)


def test_list_of_a_range_with_no_meetings_is_empty(store, calendar) -> None:
    assert meetings.list_meetings(store, "2027-01-01", "2027-12-31") == []
