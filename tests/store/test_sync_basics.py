"""Sync through a shared store: devices converge, nothing is doubled, merges follow the rules.

Every test here runs twice: once with a folder store, once with a real
PostgreSQL server (see tests/pg_server.py).
"""

from __future__ import annotations

import shutil

import pytest

from store import agenda, attendance, clock, meetings, members, organisations
from store.changes import apply_many
from store.claims import drafting, rates, workflow
from store.db import open_store
from store.demo import create_demo
from store.errors import CoprodError
from store.sync.engine import FUTURE_LIMIT_MS, applied, last_location, sync
from store.sync.remote import open_remote
from store.you_said_we_did import you_said_we_did

from claims_world import CARD
from sync_world import Devices, devices, dump, location, store_location  # noqa: F401  (fixtures)


def count(store, table: str) -> int:
    return store.one(f"SELECT COUNT(*) FROM {table}")[0]


def submitted_claim(laptop, name: str) -> tuple[str, str]:
    """A member's fee claim for today's meeting, drafted from the register and sent by them for approval."""
    staff = members.add_member(laptop, {"name": "Grace Okafor", "member_type": "staff"})
    person = members.add_member(laptop, {"name": name})
    rates.add_rate_card(laptop, CARD)
    meeting = meetings.create_meeting(laptop, {"title": "Network meeting", "date": "22/11/2026",
                                               "start_time": "10:00", "end_time": "13:00"})
    meetings.set_status(laptop, meeting, "open")
    attendance.mark(laptop, meeting, person, "present")
    attendance.close_meeting(laptop, meeting, mark_absent=True)
    (claim,) = drafting.draft_from_register(laptop, meeting, staff)["claim_ids"]
    workflow.submit(laptop, claim, person)
    return staff, claim


def test_a_new_laptop_receives_everything_and_matches(devices) -> None:
    a, b = devices["a"], devices["b"]
    create_demo(a, seed=1, members=60)
    made = count(a, "changes")

    first = devices.sync("a")
    got = devices.sync("b")

    assert (first.sent, first.received) == (made, 0)
    assert (got.sent, got.received) == (0, made)
    assert dump(b) == dump(a)
    assert count(b, "members") == 60
    # The local claim tables are rebuilt from the events that arrived.
    assert count(b, "claim_state") == count(a, "claim_state") > 0


def test_many_batches_from_one_device_arrive_whole_and_later_writes_wait_for_the_disk_again(devices) -> None:
    a, b = devices["a"], devices["b"]
    create_demo(a, seed=1, members=60)
    made = count(a, "changes")
    devices.sync("a", batch_size=37)  # many small batches, applied a group to a transaction

    got = devices.sync("b")

    assert got.received == made
    assert applied(b)[a.device_id] == made
    assert dump(b) == dump(a)
    # A pull lets commits skip waiting for the disk (what it brings can be brought again); nothing after may.
    assert b.one("PRAGMA synchronous")[0] == 2  # FULL


def test_a_second_sync_moves_nothing_and_changes_nothing(devices) -> None:
    create_demo(devices["a"], seed=1, members=60)
    devices.settle("a", "b")
    before = dump(devices["b"]), dump(devices["a"])

    again = devices.sync("b"), devices.sync("a")

    assert all((s.sent, s.received, s.waiting) == (0, 0, 0) for s in again)
    assert (dump(devices["b"]), dump(devices["a"])) == before


def test_changes_applied_twice_have_no_effect(devices) -> None:
    create_demo(devices["a"], seed=1, members=60)
    devices.settle("a", "b")
    b = devices["b"]
    before = dump(b)
    remote = devices.remotes["b"]
    batches = list(remote.fetch(devices["a"].device_id, 0))

    with b.transaction() as conn:
        new = sum(apply_many(conn, list(batch.changes) * 2) for batch in batches)

    assert new == 0
    assert dump(b) == before


def test_edits_on_two_laptops_merge_by_field_group(devices) -> None:
    a, b = devices["a"], devices["b"]
    person = members.add_member(a, {"name": "Priya Shah", "email": "priya@example.org"})
    devices.settle("a", "b")

    # Offline, at the same time: a changes her contact details, b her access needs.
    members.update_member(a, person, {"email": "priya.shah@example.org"})
    members.update_member(b, person, {"access_needs": [{"kind": "bsl", "note": ""}]})
    devices.settle("a", "b")

    for laptop in (a, b):
        row = members.get_member(laptop, person)
        assert row["email"] == "priya.shah@example.org"
        assert [need["kind"] for need in row["access_needs"]] == ["bsl"]
    assert dump(a) == dump(b)


def test_the_later_edit_of_one_field_group_wins_everywhere(devices) -> None:
    a, b = devices["a"], devices["b"]
    person = members.add_member(a, {"name": "Sian Jones", "email": "sian@example.org"})
    devices.settle("a", "b")

    with clock.by_hand(clock.now_ms()) as wall:
        members.update_member(b, person, {"email": "first@example.org"})
        wall.advance(1000)  # a second later, on the other laptop
        members.update_member(a, person, {"email": "second@example.org"})
    devices.settle("b", "a")

    assert members.get_member(a, person)["email"] == members.get_member(b, person)["email"] == "second@example.org"


def test_edits_of_one_field_group_in_the_same_millisecond_go_to_the_same_laptop_everywhere(devices) -> None:
    """Two laptops' clocks cannot tell which of two edits in one millisecond came first: the device id decides."""
    a, b = devices["a"], devices["b"]
    person = members.add_member(a, {"name": "Sian Jones", "email": "sian@example.org"})
    devices.settle("a", "b")

    with clock.by_hand(clock.now_ms() + 1):  # both stamps take the same millisecond
        members.update_member(b, person, {"email": "from-b@example.org"})
        members.update_member(a, person, {"email": "from-a@example.org"})
    devices.settle("b", "a")

    winner = "from-a@example.org" if a.device_id > b.device_id else "from-b@example.org"
    assert members.get_member(a, person)["email"] == members.get_member(b, person)["email"] == winner
    assert dump(a) == dump(b)


def test_a_delete_syncs_as_a_tombstone(devices) -> None:
    a, b = devices["a"], devices["b"]
    org = organisations.add_organisation(a, "Carers Trust Cymru")
    devices.settle("a", "b")

    organisations.remove_organisation(b, org)
    devices.settle("a", "b")

    for laptop in (a, b):
        assert laptop.one("SELECT deleted_at IS NOT NULL FROM organisations WHERE id = ?", (org,))[0] == 1


def test_two_laptops_marking_one_person_write_one_register_row(devices) -> None:
    a, b = devices["a"], devices["b"]
    person = members.add_member(a, {"name": "Dafydd Evans"})
    meeting = meetings.create_meeting(a, {"title": "Network meeting", "date": "22/11/2026"})
    meetings.set_status(a, meeting, "open")
    devices.settle("a", "b")

    attendance.mark(a, meeting, person, "present")
    attendance.mark(b, meeting, person, "present")
    devices.settle("a", "b")

    assert count(a, "attendance") == count(b, "attendance") == 1


def test_approve_on_one_laptop_and_reject_on_another_is_a_conflict_kept_on_both(devices) -> None:
    a, b = devices["a"], devices["b"]
    staff, claim = submitted_claim(a, "Priya Shah")
    devices.settle("a", "b")

    workflow.approve(a, claim, staff)
    workflow.reject(b, claim, staff, "No receipt for the taxi")
    devices.settle("a", "b")

    assert dump(a) == dump(b)
    for laptop in (a, b):
        kinds = {row[0] for row in laptop.query("SELECT kind FROM claim_conflicts WHERE claim_id = ?", (claim,))}
        assert kinds, "the clash must be recorded, not silently settled"
        assert laptop.one("SELECT conflict FROM claim_state WHERE claim_id = ?", (claim,))[0] == 1
        # Both steps are kept in the log: nothing was discarded.
        steps = {row[0] for row in laptop.query("SELECT kind FROM claim_events WHERE claim_id = ?", (claim,))}
        assert {"approved", "rejected"} <= steps
    assert devices.sync("a").conflicts == 1


def test_paid_stays_paid_whatever_arrives_later(devices) -> None:
    a, b = devices["a"], devices["b"]
    staff, claim = submitted_claim(a, "Aisha Begum")
    workflow.approve(a, claim, staff)
    devices.settle("a", "b")

    workflow.mark_paid(a, claim, staff, "BACS-0042", "22/11/2026")
    workflow.adjust(b, claim, staff, {"line_kind": "expense", "category": "parking", "amount": "4.00",
                                      "note": "Parking missed off"})
    devices.settle("a", "b")

    for laptop in (a, b):
        assert laptop.one("SELECT status FROM claim_state WHERE claim_id = ?", (claim,))[0] == "paid"
    assert dump(a) == dump(b)


def test_a_proposal_from_a_members_machine_reaches_the_facilitator_and_the_decision_comes_back(devices) -> None:
    office, home = devices["office"], devices["home"]
    member = members.add_member(office, {"name": "Tomasz Nowak", "consent_date": "10/01/2026"})
    meeting = meetings.create_meeting(office, {"title": "Network meeting", "date": "10/12/2026",
                                               "start_time": "10:00", "end_time": "12:00"})
    devices.settle("office", "home")

    item = agenda.propose(home, meeting, {"title": "Bus passes for carers", "kind": "discussion",
                                          "minutes_asked": 15, "proposer_id": member})
    devices.sync("home")
    devices.sync("office")
    assert agenda.get_item(office.conn, item)["title"] == "Bus passes for carers"

    agenda.decline(office, item, "It is on the county council's agenda in January")
    devices.sync("office")
    devices.sync("home")

    (told,) = you_said_we_did(home, member)
    assert told["item_id"] == item
    assert told["status"] == "declined"
    assert told["decline_reason"] == "It is on the county council's agenda in January"


def test_the_last_store_used_is_remembered(devices) -> None:
    devices.sync("a")
    assert last_location(devices["a"]) == devices.remotes["a"].location


def test_a_batch_waits_for_the_changes_it_was_written_on_top_of(tmp_path) -> None:
    """b registers a member a made; c must not get b's register before a's member.

    Only a folder can hold one device's files and not yet another's (a sync
    program still copying), so this one runs on a folder store only.
    """
    devices = Devices(tmp_path, location("folder", tmp_path, None))
    a, b = devices["a"], devices["b"]
    person = members.add_member(a, {"name": "Olu Adebayo"})
    meeting = meetings.create_meeting(a, {"title": "Network meeting", "date": "22/11/2026"})
    meetings.set_status(a, meeting, "open")
    devices.settle("a", "b")
    attendance.mark(b, meeting, person, "present")
    devices.sync("b")

    # c's copy of the shared folder has b's files but not yet a's.
    shared = tmp_path / "shared" / "devices"
    parked = tmp_path / "parked"
    (shared / a.device_id).rename(parked)
    early = devices.sync("c")
    assert (early.received, early.waiting) == (0, 1)
    assert count(devices["c"], "attendance") == 0

    parked.rename(shared / a.device_id)
    late = devices.sync("c")
    assert late.waiting == 0
    assert dump(devices["c"]) == dump(b)
    devices.close()


def test_a_clock_days_ahead_is_set_aside_and_reported(devices) -> None:
    fast, slow = devices["fast"], devices["slow"]
    with clock.running_ahead(2 * FUTURE_LIMIT_MS):
        members.add_member(fast, {"name": "Rhys Price"})
        devices.sync("fast")

    summary = devices.sync("slow")

    assert summary.received == 0
    assert summary.problems and "ahead" in summary.problems[0]
    assert count(slow, "members") == 0
    assert applied(slow).get(fast.device_id, 0) == 0


def test_a_clock_minutes_ahead_is_trusted_and_its_later_edit_wins(devices) -> None:
    fast, slow = devices["fast"], devices["slow"]
    person = members.add_member(slow, {"name": "Grace Okafor", "phone": "01234 567890"})
    devices.settle("slow", "fast")
    with clock.running_ahead(5 * 60 * 1000):
        members.update_member(fast, person, {"phone": "07700 900123"})
    members.update_member(slow, person, {"phone": "029 2000 0000"})
    devices.settle("slow", "fast")

    assert members.get_member(slow, person)["phone"] == members.get_member(fast, person)["phone"] == "07700 900123"


def test_store_status_shows_each_device_and_how_far_behind_it_is(devices) -> None:
    create_demo(devices["a"], seed=1, members=60)
    devices.sync("b")
    devices.sync("a")
    made = count(devices["a"], "changes")

    seen = {d.device_id: d for d in devices.remotes["a"].statuses()}

    a, b = devices["a"].device_id, devices["b"].device_id
    assert seen[a].pushed == made and seen[a].behind == 0
    assert seen[b].pushed == 0 and seen[b].behind == made and seen[b].last_sync

    devices.sync("b")
    assert {d.device_id: d.behind for d in devices.remotes["a"].statuses()}[b] == 0



def test_a_database_file_copied_to_another_laptop_is_stopped_before_it_mixes_histories(devices, tmp_path) -> None:
    a = devices["a"]
    members.add_member(a, {"name": "Priya Shah"})
    devices.sync("a")
    a.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(tmp_path / "a.db", tmp_path / "copy.db")
    copy = open_store(tmp_path / "copy.db")
    copy_remote = open_remote(devices.where)
    try:
        members.add_member(a, {"name": "Sian Jones"})
        devices.sync("a")
        for n in range(3):  # the copy has made more changes than a since they parted
            members.add_member(copy, {"name": f"Copied {n}"})
        before = dump(copy)

        with pytest.raises(CoprodError, match="copied from another laptop"):
            sync(copy, copy_remote)

        assert dump(copy) == before
        assert [r[0] for r in devices["b"].query("SELECT name FROM members")] == []
        devices.sync("b")
        assert sorted(r[0] for r in devices["b"].query("SELECT name FROM members")) == ["Priya Shah", "Sian Jones"]
    finally:
        copy_remote.close()
        copy.close()
