"""The register: walk-ins, counts and the lists it shows."""

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


# --- walk-ins -------------------------------------------------------------------------


def test_walk_in_of_an_inactive_member_puts_them_on_the_register(demo_store, open_meeting) -> None:
    member = _network(demo_store)[5]
    members.set_active(demo_store, member, False)
    before = attendance.counts(demo_store, open_meeting)
    assert member not in [r["member_id"] for r in attendance.register_rows(demo_store, open_meeting, limit=-1)]
    assert attendance.add_walk_in(demo_store, open_meeting, member_id=member) == member
    rows = {r["member_id"]: r for r in attendance.register_rows(demo_store, open_meeting, limit=-1)}
    assert rows[member]["status"] == "present"
    after = attendance.counts(demo_store, open_meeting)
    assert after["total"] == before["total"] + 1
    assert after["present"] == before["present"] + 1
    assert members.get_member(demo_store, member)["active"] == 0, "a walk-in does not reactivate"


def test_walk_in_of_a_new_guest_is_on_the_register_but_not_the_members_list(demo_store, open_meeting) -> None:
    before = attendance.counts(demo_store, open_meeting)
    listed = members.count_members(demo_store)
    guest = attendance.add_walk_in(demo_store, open_meeting, name="Tess Visitor", organisation="Refugee Welcome Project")
    entry = _entry(demo_store, open_meeting, guest)
    assert (entry["name"], entry["organisation"], entry["status"], entry["role"]) == (
        "Tess Visitor", "Refugee Welcome Project", "present", "guest")
    assert guest in [r["member_id"] for r in attendance.register_rows(demo_store, open_meeting, search="tess")]
    after = attendance.counts(demo_store, open_meeting)
    assert (after["total"], after["present"]) == (before["total"] + 1, before["present"] + 1)
    assert members.count_members(demo_store) == listed
    assert "Tess Visitor" not in [m["name"] for m in members.search_members(demo_store, "tess")]
    assert "Tess Visitor" in [m["name"] for m in members.search_members(demo_store, "tess", include_inactive=True)]
    got = members.get_member(demo_store, guest)
    assert (got["member_type"], got["payment_preference"]) == ("guest", "declines")


def test_guest_is_not_expected_at_the_next_meeting(demo_store, open_meeting) -> None:
    guest = attendance.add_walk_in(demo_store, open_meeting, name="Tess Visitor")
    later = meetings.create_meeting(demo_store, {"title": "Steering group", "date": "2026-12-01"})
    assert guest not in [r["member_id"] for r in attendance.register_rows(demo_store, later, limit=-1)]


def test_walk_in_without_a_name_is_refused_and_writes_nothing(demo_store, open_meeting) -> None:
    before = _changes(demo_store)
    with pytest.raises(InputError) as caught:
        attendance.add_walk_in(demo_store, open_meeting, name="  ", organisation="Brand New Group")
    assert caught.value.field == "name"
    assert _changes(demo_store) == before
    assert demo_store.one("SELECT COUNT(*) FROM organisations WHERE name = 'Brand New Group'")[0] == 0


def test_walk_in_role_is_stored_as_a_role_code(demo_store, open_meeting) -> None:
    interpreter = attendance.add_walk_in(demo_store, open_meeting, name="Rachel Signer", role="Interpreter")
    assert _entry(demo_store, open_meeting, interpreter)["role"] == "interpreter"


def test_walk_in_with_an_unknown_role_is_refused_and_writes_nothing(demo_store, open_meeting) -> None:
    before = _changes(demo_store)
    with pytest.raises(CoprodError):
        attendance.add_walk_in(demo_store, open_meeting, name="Rachel Signer", role="wizard")
    assert _changes(demo_store) == before


# --- counts and the register's lists ------------------------------------------------------


def _expected_counts(store, meeting: str) -> dict[str, int]:
    """The figures worked out separately: who is expected, and each person's mark."""
    people = {r[0]: r[1] for r in store.query(
        "SELECT id, (active = 1 AND member_type != 'guest') FROM members WHERE deleted_at IS NULL")}
    marks = {r[0]: (r[1], r[2]) for r in store.query(
        "SELECT member_id, status, remote FROM attendance WHERE meeting_id = ? AND deleted_at IS NULL", (meeting,))}
    on_register = [p for p, network in people.items() if network or p in marks]
    status = {p: marks.get(p, ("expected", 0))[0] for p in on_register}
    figures = {s: sum(1 for v in status.values() if v == s) for s in ("present", "apologies", "absent")}
    return {
        **figures,
        "unmarked": sum(1 for v in status.values() if v == "expected"),
        "remote": sum(1 for p in on_register if marks.get(p) == ("present", 1)),
        "total": len(on_register),
    }


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_counts_match_the_marks_after_a_busy_register(demo_store, open_meeting, seed) -> None:
    rng = random.Random(seed)
    model: dict[str, str] = {}  # my own record of every mark made
    network = set(_network(demo_store))
    everyone = [r[0] for r in demo_store.query("SELECT id FROM members ORDER BY id")]
    for _ in range(120):
        roll = rng.random()
        who = rng.choice(everyone)
        if roll < 0.55:
            status = rng.choice(attendance.STATUSES)
            attendance.mark(demo_store, open_meeting, who, status)
            model[who] = status
        elif roll < 0.65:
            attendance.mark_arrived(demo_store, open_meeting, who, "10:50")
            model[who] = "present"
        elif roll < 0.72:
            guest = attendance.add_walk_in(demo_store, open_meeting, name=f"Guest {rng.randint(1, 999)}")
            everyone.append(guest)
            model[guest] = "present"
        elif roll < 0.8:
            attendance.add_walk_in(demo_store, open_meeting, member_id=who)
            model[who] = "present"
        elif roll < 0.9:
            attendance.set_details(demo_store, open_meeting, who, remote=rng.random() < 0.5)
            model.setdefault(who, "expected")
        else:
            active = rng.random() < 0.5
            members.set_active(demo_store, who, active)
            network.discard(who)
            if active and demo_store.one("SELECT member_type FROM members WHERE id = ?", (who,))[0] != "guest":
                network.add(who)
    got = attendance.counts(demo_store, open_meeting)
    assert got == _expected_counts(demo_store, open_meeting)

    # The same figures from my own record of the marks, not from the database.
    on_register = network | set(model)
    assert got["total"] == len(on_register)
    for status in ("present", "apologies", "absent"):
        assert got[status] == sum(1 for p in on_register if model.get(p) == status)
    assert got["unmarked"] == sum(1 for p in on_register if model.get(p, "expected") == "expected")
    assert got["present"] + got["apologies"] + got["absent"] + got["unmarked"] == got["total"]

    # The register lists agree with the counts.
    assert attendance.register_size(demo_store, open_meeting) == got["total"]
    assert len(attendance.register_rows(demo_store, open_meeting, limit=-1)) == got["total"]
    for status, key in (("present", "present"), ("apologies", "apologies"), ("absent", "absent"), ("expected", "unmarked")):
        assert attendance.register_size(demo_store, open_meeting, status=status) == got[key]
        assert len(attendance.register_rows(demo_store, open_meeting, status=status, limit=-1)) == got[key]
    assert len(attendance.unmarked_names(demo_store, open_meeting, limit=1000)) == got["unmarked"]


def test_fresh_register_expects_every_active_network_member(demo_store, open_meeting) -> None:
    network = _network(demo_store)
    got = attendance.counts(demo_store, open_meeting)
    assert got == {"present": 0, "apologies": 0, "absent": 0, "unmarked": len(network), "remote": 0,
                   "total": len(network)}
    assert sorted(r["member_id"] for r in attendance.register_rows(demo_store, open_meeting, limit=-1)) == network


def test_member_deactivated_after_being_marked_stays_on_that_register(demo_store, open_meeting, person) -> None:
    attendance.mark(demo_store, open_meeting, person, "apologies")
    total = attendance.counts(demo_store, open_meeting)["total"]
    members.set_active(demo_store, person, False)
    assert _entry(demo_store, open_meeting, person)["status"] == "apologies"
    assert person in [r["member_id"] for r in attendance.register_rows(demo_store, open_meeting, limit=-1)]
    assert attendance.counts(demo_store, open_meeting)["total"] == total


def test_register_filters_by_name(store) -> None:
    priya = members.add_member(store, {"name": "Priya Shah", "organisation": "Autism Voices"})
    members.add_member(store, {"name": "Grace Hughes", "organisation": "Recovery College"})
    members.add_member(store, {"name": "100% Ali"})
    meeting = meetings.create_meeting(store, {"title": "Network meeting", "date": "22/11/2026"})
    meetings.set_status(store, meeting, "open")
    assert [r["member_id"] for r in attendance.register_rows(store, meeting, search="PRIYA")] == [priya]
    assert attendance.register_size(store, meeting, search="priya") == 1
    assert [r["name"] for r in attendance.register_rows(store, meeting, search="%")] == ["100% Ali"]


def test_register_filters_by_organisation(store) -> None:
    members.add_member(store, {"name": "Priya Shah", "organisation": "Autism Voices"})
    members.add_member(store, {"name": "Dafydd Evans", "organisation": "autism voices"})
    members.add_member(store, {"name": "Grace Hughes", "organisation": "Recovery College"})
    meeting = meetings.create_meeting(store, {"title": "Network meeting", "date": "22/11/2026"})
    meetings.set_status(store, meeting, "open")
    rows = attendance.register_rows(store, meeting, search="autism")
    assert [r["name"] for r in rows] == ["Dafydd Evans", "Priya Shah"]
    assert {r["organisation"] for r in rows} == {"Autism Voices"}
    assert attendance.register_size(store, meeting, search="college") == 1


def test_register_filters_by_status_and_name_together(demo_store, open_meeting) -> None:
    first, second = _network(demo_store)[:2]
    attendance.mark(demo_store, open_meeting, first, "present")
    attendance.mark(demo_store, open_meeting, second, "present")
    name = _entry(demo_store, open_meeting, first)["name"]
    rows = attendance.register_rows(demo_store, open_meeting, search=name, status="present")
    assert first in [r["member_id"] for r in rows]
    assert all(r["status"] == "present" and name.casefold() in r["name"].casefold() for r in rows)


@pytest.mark.parametrize("limit", [1, 7, 25])
def test_register_pages_join_up_to_the_whole_register(demo_store, open_meeting, limit) -> None:
    whole = [r["member_id"] for r in attendance.register_rows(demo_store, open_meeting, limit=-1)]
    paged, offset = [], 0
    while page := attendance.register_rows(demo_store, open_meeting, offset=offset, limit=limit):
        paged += [r["member_id"] for r in page]
        offset += limit
    assert paged == whole
    names = [r["name"] for r in attendance.register_rows(demo_store, open_meeting, limit=-1)]
    assert names == sorted(names, key=str.casefold)


def test_register_line_shows_access_needs_as_a_list(demo_store, open_meeting) -> None:
    needing = demo_store.one("SELECT id FROM members WHERE access_needs != '[]' AND active = 1 LIMIT 1")[0]
    needs = _entry(demo_store, open_meeting, needing)["access_needs"]
    assert isinstance(needs, list) and needs and {"kind", "note"} <= set(needs[0])


# --- closing ------------------------------------------------------------------------


def test_close_with_mark_absent_marks_exactly_the_unmarked_people(demo_store, open_meeting) -> None:
    people = _network(demo_store)
    attendance.mark(demo_store, open_meeting, people[0], "present")
    attendance.mark_arrived(demo_store, open_meeting, people[1], "10:50")
    attendance.mark(demo_store, open_meeting, people[2], "apologies")
    attendance.mark(demo_store, open_meeting, people[3], "absent")
    attendance.set_details(demo_store, open_meeting, people[4], role="chair")  # a row, but not marked
    guest = attendance.add_walk_in(demo_store, open_meeting, name="Tess Visitor")
    attendance.mark(demo_store, open_meeting, guest, "expected")  # a guest unmarked again
    inactive = demo_store.one("SELECT id FROM members WHERE active = 0 LIMIT 1")
    unmarked = (set(people) - set(people[:4])) | {guest}
    assert unmarked == {r["member_id"] for r in attendance.register_rows(demo_store, open_meeting, status="expected", limit=-1)}
    before = _attendance_rows(demo_store, open_meeting)
    other_meetings = demo_store.query("SELECT * FROM attendance WHERE meeting_id != ? ORDER BY id", (open_meeting,))
    members_before = demo_store.query("SELECT * FROM members ORDER BY id")
    seq = demo_store.one("SELECT seq FROM device")[0]

    made = attendance.close_meeting(demo_store, open_meeting, mark_absent=True)

    assert made == len(unmarked)
    after = _attendance_rows(demo_store, open_meeting)
    for member, row in after.items():
        if member in unmarked:
            assert _entry(demo_store, open_meeting, member)["status"] == "absent"
        else:
            assert row == before[member], "people already marked must not change"
    assert set(after) == set(before) | unmarked
    assert people[4] in after and after[people[4]] != before[people[4]]
    assert _entry(demo_store, open_meeting, people[4])["role"] == "chair"
    if inactive:
        assert inactive[0] not in after
    assert demo_store.query("SELECT * FROM attendance WHERE meeting_id != ? ORDER BY id", (open_meeting,)) == other_meetings
    assert demo_store.query("SELECT * FROM members ORDER BY id") == members_before
    assert meetings.get_meeting(demo_store, open_meeting)["status"] == "closed"
    got = attendance.counts(demo_store, open_meeting)
    assert got["unmarked"] == 0
    assert got["absent"] == len(unmarked) + 1
    # Only the absent marks and the meeting's status were logged.
    logged = demo_store.query("SELECT tbl, row_id, grp FROM changes WHERE device_id = ? AND seq > ?",
                              (demo_store.device_id, seq))
    attendance_rows = {r["row_id"] for r in logged if r["tbl"] == "attendance"}
    assert attendance_rows == {link_id(open_meeting, m) for m in unmarked}
    assert {(r["tbl"], r["grp"]) for r in logged if r["tbl"] != "attendance"} == {("meetings", "status")}


def test_close_without_mark_absent_leaves_unmarked_people_unmarked(demo_store, open_meeting, person) -> None:
    attendance.mark(demo_store, open_meeting, person, "present")
    before = _attendance_rows(demo_store, open_meeting)
    unmarked = attendance.counts(demo_store, open_meeting)["unmarked"]
    assert attendance.close_meeting(demo_store, open_meeting, mark_absent=False) == 0
    assert _attendance_rows(demo_store, open_meeting) == before
    got = attendance.counts(demo_store, open_meeting)
    assert (got["unmarked"], got["absent"], got["present"]) == (unmarked, 0, 1)
    assert meetings.get_meeting(demo_store, open_meeting)["status"] == "closed"


def test_unmarked_names_are_listed_by_name(demo_store, open_meeting) -> None:
    people = _network(demo_store)
    for member in people[:10]:
        attendance.mark(demo_store, open_meeting, member, "present")
    names = attendance.unmarked_names(demo_store, open_meeting)
    assert len(names) == len(people) - 10
    assert names == sorted(names, key=str.casefold)
