"""The register: marking people at an open meeting, walk-ins, counts, and closing."""

from __future__ import annotations

import random

import pytest

from store import attendance, meetings, members
from store.errors import CoprodError, InputError, MeetingNotOpen
from store.ids import link_id


def _changes(store) -> int:
    return store.one("SELECT COUNT(*) FROM changes")[0]


def _attendance_rows(store, meeting: str) -> dict[str, tuple]:
    return {r["member_id"]: tuple(r) for r in store.query("SELECT * FROM attendance WHERE meeting_id = ?", (meeting,))}


def _network(store) -> list[str]:
    """Active, non-guest members: the people every register expects."""
    return [r[0] for r in store.query(
        "SELECT id FROM members WHERE active = 1 AND member_type != 'guest' AND deleted_at IS NULL ORDER BY id")]


def _of_type(store, member_type: str) -> str:
    return store.one("SELECT id FROM members WHERE member_type = ? AND active = 1 ORDER BY id LIMIT 1", (member_type,))[0]


def _entry(store, meeting: str, member: str) -> dict:
    return attendance.register_entry(store, meeting, member)


@pytest.fixture
def person(demo_store, open_meeting) -> str:
    """An ordinary active member who has no mark yet at the open meeting."""
    return demo_store.one(
        "SELECT id FROM members WHERE active = 1 AND member_type = 'uses_services' ORDER BY id LIMIT 1")[0]


# --- marking ----------------------------------------------------------------------


@pytest.mark.parametrize("status", ["present", "apologies", "absent"])
def test_mark_records_the_status_on_the_register(demo_store, open_meeting, person, status) -> None:
    assert _entry(demo_store, open_meeting, person)["status"] == "expected"
    attendance.mark(demo_store, open_meeting, person, status)
    assert _entry(demo_store, open_meeting, person)["status"] == status


def test_unmarking_puts_the_person_back_to_not_marked(demo_store, open_meeting, person) -> None:
    attendance.mark(demo_store, open_meeting, person, "present")
    attendance.mark(demo_store, open_meeting, person, "expected")
    assert _entry(demo_store, open_meeting, person)["status"] == "expected"
    assert attendance.counts(demo_store, open_meeting)["present"] == 0


def test_unknown_mark_is_refused(demo_store, open_meeting, person) -> None:
    with pytest.raises(CoprodError):
        attendance.mark(demo_store, open_meeting, person, "asleep")


def test_marking_at_a_planned_meeting_is_refused_with_a_clear_message(demo_store) -> None:
    planned = meetings.upcoming(demo_store)[0]["id"]
    person = _network(demo_store)[0]
    before = _changes(demo_store)
    with pytest.raises(MeetingNotOpen) as caught:
        attendance.mark(demo_store, planned, person, "present")
    assert caught.value.message == "This meeting is not open yet. Open it to take the register."
    assert _changes(demo_store) == before
    assert _attendance_rows(demo_store, planned) == {}


def test_marking_at_a_closed_meeting_is_refused_with_a_clear_message(demo_store, open_meeting, person) -> None:
    meetings.set_status(demo_store, open_meeting, "closed")
    before = _changes(demo_store)
    for write in (
        lambda: attendance.mark(demo_store, open_meeting, person, "present"),
        lambda: attendance.mark_arrived(demo_store, open_meeting, person, "10:50"),
        lambda: attendance.mark_left(demo_store, open_meeting, person, "12:00"),
        lambda: attendance.set_details(demo_store, open_meeting, person, remote=True),
        lambda: attendance.add_walk_in(demo_store, open_meeting, name="Late Guest"),
    ):
        with pytest.raises(CoprodError) as caught:
            write()
        assert caught.value.message == "This meeting is closed. Reopen it to change the register."
    assert _changes(demo_store) == before


def test_marking_after_reopening_a_closed_meeting_works(demo_store, open_meeting, person) -> None:
    meetings.set_status(demo_store, open_meeting, "closed")
    meetings.set_status(demo_store, open_meeting, "open")
    attendance.mark(demo_store, open_meeting, person, "apologies")
    assert _entry(demo_store, open_meeting, person)["status"] == "apologies"


def test_same_person_marked_many_ways_has_one_attendance_row(demo_store, open_meeting, person) -> None:
    attendance.mark(demo_store, open_meeting, person, "present")
    attendance.mark(demo_store, open_meeting, person, "absent")
    attendance.mark_arrived(demo_store, open_meeting, person, "10:50")
    attendance.set_details(demo_store, open_meeting, person, remote=True)
    attendance.add_walk_in(demo_store, open_meeting, member_id=person)
    rows = demo_store.query("SELECT id FROM attendance WHERE meeting_id = ? AND member_id = ?", (open_meeting, person))
    assert [r[0] for r in rows] == [link_id(open_meeting, person)]


def test_marking_the_same_status_twice_writes_nothing_the_second_time(demo_store, open_meeting, person) -> None:
    attendance.mark(demo_store, open_meeting, person, "present")
    before = _changes(demo_store)
    attendance.mark(demo_store, open_meeting, person, "present")
    assert _changes(demo_store) == before


def _shortest_unique_prefix(store, table: str, full: str) -> str:
    ids = [r[0] for r in store.query(f"SELECT id FROM {table}")]
    for k in range(4, len(full)):
        if sum(1 for i in ids if i.startswith(full[:k])) == 1:
            return full[:k]
    return full


def test_marking_by_id_prefix_marks_the_right_person(demo_store, open_meeting, person) -> None:
    meeting = _shortest_unique_prefix(demo_store, "meetings", open_meeting)
    member = _shortest_unique_prefix(demo_store, "members", person)
    assert len(member) < len(person)
    attendance.mark(demo_store, meeting.upper(), member, "present")
    assert _entry(demo_store, open_meeting, person)["status"] == "present"


# --- late arrival and leaving early --------------------------------------------------------


def test_late_arrival_marks_present_with_the_time(demo_store, open_meeting, person) -> None:
    attendance.mark_arrived(demo_store, open_meeting, person, "10.50")
    entry = _entry(demo_store, open_meeting, person)
    assert (entry["status"], entry["arrived_at"], entry["left_at"]) == ("present", "10:50", None)


def test_leaving_early_records_the_time_and_keeps_the_arrival(demo_store, open_meeting, person) -> None:
    attendance.mark_arrived(demo_store, open_meeting, person, "10:50")
    attendance.mark_left(demo_store, open_meeting, person, "12:15")
    entry = _entry(demo_store, open_meeting, person)
    assert (entry["status"], entry["arrived_at"], entry["left_at"]) == ("present", "10:50", "12:15")


def test_leaving_before_arriving_is_refused_and_changes_nothing(demo_store, open_meeting, person) -> None:
    attendance.mark_arrived(demo_store, open_meeting, person, "11:00")
    before = _changes(demo_store)
    with pytest.raises(CoprodError) as caught:
        attendance.mark_left(demo_store, open_meeting, person, "10:30")
    assert "11:00" in caught.value.message
    with pytest.raises(CoprodError):
        attendance.mark_left(demo_store, open_meeting, person, "11:00")
    assert _changes(demo_store) == before
    assert _entry(demo_store, open_meeting, person)["left_at"] is None


def test_arriving_after_leaving_is_refused(demo_store, open_meeting, person) -> None:
    attendance.mark_left(demo_store, open_meeting, person, "11:00")
    with pytest.raises(CoprodError) as caught:
        attendance.mark_arrived(demo_store, open_meeting, person, "11:30")
    assert "11:00" in caught.value.message
    assert _entry(demo_store, open_meeting, person)["arrived_at"] is None


def test_bad_time_is_refused_on_its_field(demo_store, open_meeting, person) -> None:
    with pytest.raises(InputError) as caught:
        attendance.mark_arrived(demo_store, open_meeting, person, "25:99")
    assert caught.value.field == "arrived_at"
    with pytest.raises(InputError) as caught:
        attendance.mark_left(demo_store, open_meeting, person, "soon")
    assert caught.value.field == "left_at"


def test_empty_arrival_time_clears_it(demo_store, open_meeting, person) -> None:
    attendance.mark_arrived(demo_store, open_meeting, person, "10:50")
    attendance.mark_arrived(demo_store, open_meeting, person, "")
    entry = _entry(demo_store, open_meeting, person)
    assert (entry["status"], entry["arrived_at"]) == ("present", None)


def test_marking_present_again_keeps_the_times(demo_store, open_meeting, person) -> None:
    attendance.mark_arrived(demo_store, open_meeting, person, "10:50")
    attendance.mark(demo_store, open_meeting, person, "present")
    assert _entry(demo_store, open_meeting, person)["arrived_at"] == "10:50"


def test_marking_apologies_clears_the_times(demo_store, open_meeting, person) -> None:
    attendance.mark_arrived(demo_store, open_meeting, person, "10:50")
    attendance.mark_left(demo_store, open_meeting, person, "12:00")
    attendance.mark(demo_store, open_meeting, person, "apologies")
    entry = _entry(demo_store, open_meeting, person)
    assert (entry["status"], entry["arrived_at"], entry["left_at"]) == ("apologies", None, None)


# --- remote, supporter, role ----------------------------------------------------------------


def test_remote_and_supporter_are_recorded(demo_store, open_meeting, person) -> None:
    attendance.mark(demo_store, open_meeting, person, "present")
    attendance.set_details(demo_store, open_meeting, person, remote=True, supporter=True)
    entry = _entry(demo_store, open_meeting, person)
    assert (entry["remote"], entry["supporter"], entry["status"]) == (1, 1, "present")
    attendance.set_details(demo_store, open_meeting, person, remote=False)
    entry = _entry(demo_store, open_meeting, person)
    assert (entry["remote"], entry["supporter"]) == (0, 1)


def test_role_label_is_stored_as_its_code(demo_store, open_meeting, person) -> None:
    attendance.set_details(demo_store, open_meeting, person, role="Minute taker")
    entry = _entry(demo_store, open_meeting, person)
    assert entry["role"] == "minute_taker"
    assert entry["status"] == "expected", "giving a role does not mark the person"


def test_unknown_role_is_refused_with_the_choices(demo_store, open_meeting, person) -> None:
    before = _changes(demo_store)
    with pytest.raises(CoprodError) as caught:
        attendance.set_details(demo_store, open_meeting, person, role="wizard")
    assert "Co-chair" in caught.value.message
    assert _changes(demo_store) == before


def test_staff_member_defaults_to_the_staff_role(demo_store, open_meeting) -> None:
    staff = _of_type(demo_store, "staff")
    assert _entry(demo_store, open_meeting, staff)["role"] == "staff"
    attendance.set_details(demo_store, open_meeting, staff, remote=True)
    assert _entry(demo_store, open_meeting, staff)["role"] == "staff"


@pytest.mark.parametrize("how", ["mark", "arrived", "left", "walk_in", "close_absent"])
def test_marking_a_staff_member_keeps_the_staff_role(demo_store, open_meeting, how) -> None:
    # Staff get no fee: their role on the register must not turn into "member".
    staff = _of_type(demo_store, "staff")
    if how == "mark":
        attendance.mark(demo_store, open_meeting, staff, "present")
    elif how == "arrived":
        attendance.mark_arrived(demo_store, open_meeting, staff, "10:50")
    elif how == "left":
        attendance.mark_left(demo_store, open_meeting, staff, "12:00")
    elif how == "walk_in":
        attendance.add_walk_in(demo_store, open_meeting, member_id=staff)
    else:
        attendance.close_meeting(demo_store, open_meeting, mark_absent=True)
    assert _entry(demo_store, open_meeting, staff)["role"] == "staff"


def test_remote_count_includes_only_people_present(demo_store, open_meeting) -> None:
    a, b, c = _network(demo_store)[:3]
    attendance.mark(demo_store, open_meeting, a, "present")
    attendance.set_details(demo_store, open_meeting, a, remote=True)
    attendance.set_details(demo_store, open_meeting, b, remote=True)  # not marked present
    attendance.mark(demo_store, open_meeting, c, "present")
    assert attendance.counts(demo_store, open_meeting)["remote"] == 1
