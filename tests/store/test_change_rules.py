"""The change log's rules: field groups, what a write records, and how changes apply."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import sqlite3
import tempfile
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis.control import currently_in_test_context
from hypothesis import strategies as st

from store import attendance, changes, clock, ids, meetings, members, organisations
from store.changes import Change
from store.db import Store, open_store
from store.errors import CoprodError
from store.ids import link_id, new_id
from store.schema import BOOKKEEPING, GROUPS, LOCAL_TABLES, columns, group_of

INTERNAL_TABLES = {*BOOKKEEPING, *LOCAL_TABLES}
DOMAIN_TABLES = list(GROUPS)
TODAY = dt.date(2026, 11, 22)  # conftest's COPROD_TODAY


# --- helpers --------------------------------------------------------------------


def dump(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of every domain table, in id order."""
    return {t: [tuple(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY id")] for t in DOMAIN_TABLES}


def versions(conn: sqlite3.Connection) -> list[tuple]:
    return [tuple(r) for r in conn.execute("SELECT tbl, row_id, grp, hlc, device_id FROM versions ORDER BY tbl, row_id, grp")]


def change_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM changes").fetchone()[0]


def replay(log: list[Change], path: Path) -> Store:
    """Apply `log`, in the order given, to a new empty database at `path`."""
    target = open_store(path)
    with target.transaction() as conn:
        for change in log:
            changes.apply(conn, change)
    return target


# --- the field groups --------------------------------------------------------------


def test_every_domain_table_has_field_groups(store) -> None:
    tables = {r[0] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    assert set(GROUPS) == tables - INTERNAL_TABLES


@pytest.mark.parametrize("table", DOMAIN_TABLES)
def test_every_column_but_the_id_is_in_exactly_one_field_group(store, table) -> None:
    table_columns = [r["name"] for r in store.query(f"PRAGMA table_info({table})")]
    grouped = columns(table)
    assert len(grouped) == len(set(grouped)), "a column in two groups would sync twice"
    assert set(grouped) == set(table_columns) - {"id"}
    for col in grouped:
        assert col in GROUPS[table][group_of(table, col)]


def test_group_of_an_unknown_column_raises() -> None:
    with pytest.raises(KeyError):
        group_of("members", "shoe_size")


# --- record(): local writes ------------------------------------------------------------


def test_write_without_an_open_transaction_is_refused(store) -> None:
    with pytest.raises(RuntimeError):
        changes.record(store.conn, "members", new_id(), {"name": "Priya Shah"})
    assert change_count(store.conn) == 0
    assert store.one("SELECT COUNT(*) FROM members")[0] == 0


def test_write_of_a_column_outside_every_group_is_refused_and_rolled_back(store) -> None:
    with pytest.raises(KeyError):
        with store.transaction() as conn:
            changes.record(conn, "members", new_id(), {"name": "Priya Shah", "shoe_size": 9})
    assert change_count(store.conn) == 0
    assert store.one("SELECT COUNT(*) FROM members")[0] == 0


def test_new_member_writes_one_change_per_field_group(store) -> None:
    member = members.add_member(store, {"name": "Priya Shah", "email": "p@example.org"})
    rows = store.query("SELECT grp FROM changes WHERE tbl = 'members' AND row_id = ? ORDER BY seq", (member,))
    # Benefits are asked for apart, only to warn about fees (special category data).
    assert sorted(r[0] for r in rows) == sorted(set(GROUPS["members"]) - {"deleted", "benefits"})


def test_editing_one_field_ships_its_whole_group_with_current_values(store) -> None:
    member = members.add_member(store, {"name": "Priya Shah", "email": "p@example.org", "phone": "07700 900123",
                                        "preferred_channel": "phone"})
    before = change_count(store.conn)
    members.update_member(store, member, {"email": "priya@example.org"})
    made = changes.log(store.conn)[before:]
    assert [(c.tbl, c.row_id, c.grp) for c in made] == [("members", member, "contact")]
    assert made[0].values() == {"email": "priya@example.org", "phone": "07700 900123", "preferred_channel": "phone"}


def test_command_data_and_its_change_rows_commit_together(store) -> None:
    member = members.add_member(store, {"name": "Priya Shah"})
    other = store.reopen()
    try:
        assert other.one("SELECT COUNT(*) FROM changes WHERE row_id = ?", (member,))[0] > 0
        assert other.one("SELECT name FROM members WHERE id = ?", (member,))[0] == "Priya Shah"
    finally:
        other.close()


def test_log_is_ordered_by_clock_then_device_then_sequence(store) -> None:
    with store.transaction() as conn:
        for device, seq, hlc in [("b", 1, 30), ("a", 1, 30), ("a", 2, 10), ("c", 7, 20)]:
            changes.apply(conn, Change(device, seq, hlc, "organisations", f"org-{device}{seq}", "details",
                                       json.dumps({"name": "X", "kind": "other", "created_at": None})))
    assert [(c.hlc, c.device_id) for c in changes.log(store.conn)] == [(10, "a"), (20, "c"), (30, "a"), (30, "b")]


# --- apply(): last writer wins per field group --------------------------------------------


DEVICE_A = "0190f0f0-0000-7000-8000-00000000000a"
DEVICE_B = "0190f0f0-0000-7000-8000-00000000000b"


def _contact(device: str, seq: int, hlc: int, email: str, row: str = "member-1") -> Change:
    return Change(device, seq, hlc, "members", row, "contact",
                  json.dumps({"email": email, "phone": None, "preferred_channel": "email"}, sort_keys=True))


def _identity(device: str, seq: int, hlc: int, name: str, row: str = "member-1") -> Change:
    return Change(device, seq, hlc, "members", row, "identity",
                  json.dumps({"name": name, "organisation_id": None, "member_type": "carer", "created_at": None},
                             sort_keys=True))


@pytest.mark.parametrize("order", ["newer-last", "newer-first"])
def test_later_stamp_wins_a_field_group_whatever_the_arrival_order(store, order) -> None:
    old, new = _contact(DEVICE_A, 1, 100, "old@example.org"), _contact(DEVICE_B, 1, 200, "new@example.org")
    sequence = [old, new] if order == "newer-last" else [new, old]
    with store.transaction() as conn:
        applied = [changes.apply(conn, c) for c in sequence]
    assert applied == ([True, True] if order == "newer-last" else [True, False])
    assert store.one("SELECT email FROM members WHERE id = 'member-1'")[0] == "new@example.org"
    # The losing change is still logged, so it can be passed on to other devices.
    assert change_count(store.conn) == 2


def test_equal_stamps_are_settled_by_device_id(store) -> None:
    for sequence in ([_contact(DEVICE_A, 1, 100, "a@example.org"), _contact(DEVICE_B, 1, 100, "b@example.org")],
                     [_contact(DEVICE_B, 1, 100, "b@example.org"), _contact(DEVICE_A, 1, 100, "a@example.org")]):
        with store.transaction() as conn:
            conn.execute("DELETE FROM changes")
            conn.execute("DELETE FROM versions")
            conn.execute("DELETE FROM members")
            for change in sequence:
                changes.apply(conn, change)
        assert store.one("SELECT email FROM members WHERE id = 'member-1'")[0] == "b@example.org"


def test_concurrent_edits_of_different_groups_both_survive(store) -> None:
    with store.transaction() as conn:
        changes.apply(conn, _identity(DEVICE_A, 1, 100, "Priya Shah"))
        changes.apply(conn, _contact(DEVICE_A, 2, 101, "p@example.org"))
        changes.apply(conn, _identity(DEVICE_A, 3, 300, "Priya Shah-Jones"))  # A renames her
        changes.apply(conn, _contact(DEVICE_B, 1, 200, "priya@example.org"))  # B changes her email
    row = store.one("SELECT name, email FROM members WHERE id = 'member-1'")
    assert tuple(row) == ("Priya Shah-Jones", "priya@example.org")


def test_applying_the_same_change_twice_does_nothing_the_second_time(store) -> None:
    change = _contact(DEVICE_A, 1, 100, "p@example.org")
    with store.transaction() as conn:
        assert changes.apply(conn, change) is True
        assert changes.apply(conn, change) is False
    assert change_count(store.conn) == 1


def test_duplicate_of_an_overwritten_change_does_not_bring_it_back(store) -> None:
    first, second = _contact(DEVICE_A, 1, 100, "first@example.org"), _contact(DEVICE_A, 2, 200, "second@example.org")
    with store.transaction() as conn:
        changes.apply(conn, first)
        changes.apply(conn, second)
        assert changes.apply(conn, first) is False
    assert store.one("SELECT email FROM members WHERE id = 'member-1'")[0] == "second@example.org"


def test_local_edit_after_applying_another_devices_change_wins(store) -> None:
    # Another laptop whose clock runs a minute ahead (well within what sync
    # trusts) changed Priya's email; this laptop then corrects it. The local
    # edit came later, so it must win: applying a change advances the local clock.
    member = members.add_member(store, {"name": "Priya Shah", "email": "p@example.org"})
    ahead = clock.pack(clock.now_ms() + 60_000, 0)
    with store.transaction() as conn:
        changes.apply(conn, _contact(DEVICE_B, 1, ahead, "from-the-other-laptop@example.org", row=member))
    members.update_member(store, member, {"email": "corrected@example.org"})
    assert members.get_member(store, member)["email"] == "corrected@example.org"
    mine = store.one("SELECT MAX(hlc) FROM changes WHERE device_id = ?", (store.device_id,))[0]
    assert mine > ahead


def test_change_for_a_record_not_seen_yet_creates_it_with_defaults(store) -> None:
    with store.transaction() as conn:
        changes.apply(conn, _contact(DEVICE_A, 1, 100, "p@example.org"))
    row = store.one("SELECT name, email, member_type, active, access_needs FROM members WHERE id = 'member-1'")
    assert tuple(row) == ("", "p@example.org", "uses_services", 1, "[]")


def test_access_needs_travel_as_a_list_and_are_stored_as_json(store) -> None:
    member = members.add_member(store, {"name": "Priya Shah", "access_needs": [{"kind": "BSL interpreter"}]})
    access = store.one("SELECT data FROM changes WHERE row_id = ? AND grp = 'access'", (member,))[0]
    assert json.loads(access) == {"access_needs": [{"kind": "bsl", "note": ""}]}
    assert json.loads(store.one("SELECT access_needs FROM members WHERE id = ?", (member,))[0]) == [
        {"kind": "bsl", "note": ""}
    ]


# --- the hybrid logical clock ---------------------------------------------------------

stamps = st.builds(clock.pack, st.integers(0, 2**45), st.integers(0, 2**clock.COUNTER_BITS - 1))
walls = st.integers(0, 2**45)


@given(ms=st.integers(0, 2**45), counter=st.integers(0, 2**clock.COUNTER_BITS - 1))
def test_stamp_packs_and_unpacks_to_the_same_time_and_counter(ms, counter) -> None:
    assert clock.unpack(clock.pack(ms, counter)) == (ms, counter)


@given(ms=st.integers(0, 2**45), a=st.integers(0, 2**clock.COUNTER_BITS - 1), b=st.integers(0, 2**clock.COUNTER_BITS - 1))
def test_stamps_sort_by_time_then_counter(ms, a, b) -> None:
    assert (clock.pack(ms, a) < clock.pack(ms, b)) == (a < b)
    assert clock.pack(ms, a) < clock.pack(ms + 1, b)


def test_tick_takes_the_wall_clock_when_it_has_moved_on() -> None:
    assert clock.tick(clock.pack(1000, 5), wall_ms=2000) == clock.pack(2000, 0)


def test_tick_stays_ahead_when_the_wall_clock_goes_back() -> None:
    last = clock.pack(5000, 3)
    after = clock.tick(last, wall_ms=1000)
    assert after > last
    assert clock.unpack(after) == (5000, 4)
    assert clock.tick(after, wall_ms=1000) > after


def test_tick_stays_ahead_when_the_counter_is_full() -> None:
    # Thousands of writes after the wall clock stepped back fill the counter.
    for ms in (1000, 1001):
        last = clock.pack(ms, 2**clock.COUNTER_BITS - 1)
        assert clock.tick(last, wall_ms=ms) > last, f"tick went backwards at ms={ms}"


@given(last=stamps, wall=walls)
@example(last=clock.pack(1001, 2**clock.COUNTER_BITS - 1), wall=1001)  # full counter, odd millisecond
def test_tick_is_always_after_the_last_stamp_and_not_behind_the_wall(last, wall) -> None:
    after = clock.tick(last, wall_ms=wall)
    assert after > last
    assert clock.unpack(after)[0] >= wall


@given(last=stamps, remote=stamps, wall=walls)
@example(last=clock.pack(1, 0), remote=clock.pack(1, 2**clock.COUNTER_BITS - 1), wall=0)  # full counter
def test_receive_is_after_both_stamps_and_not_behind_the_wall(last, remote, wall) -> None:
    after = clock.receive(last, remote, wall_ms=wall)
    assert after > last
    assert after > remote
    assert clock.unpack(after)[0] >= wall


def test_receive_follows_a_remote_clock_that_is_ahead() -> None:
    assert clock.receive(clock.pack(1000, 2), clock.pack(3000, 7), wall_ms=2000) == clock.pack(3000, 8)


def test_receive_with_equal_times_takes_the_larger_counter() -> None:
    assert clock.receive(clock.pack(3000, 9), clock.pack(3000, 4), wall_ms=1000) == clock.pack(3000, 10)


def test_receive_keeps_the_local_time_when_it_is_ahead() -> None:
    assert clock.receive(clock.pack(3000, 2), clock.pack(1000, 9), wall_ms=2000) == clock.pack(3000, 3)


def test_receive_takes_the_wall_clock_when_it_is_ahead_of_both() -> None:
    assert clock.receive(clock.pack(1000, 2), clock.pack(1500, 9), wall_ms=4000) == clock.pack(4000, 0)


def test_tick_without_a_wall_time_uses_now() -> None:
    before = clock.now_ms()
    ms, counter = clock.unpack(clock.tick(0))
    assert before <= ms <= clock.now_ms()
    assert counter == 0


# --- ids ----------------------------------------------------------------------------

UUID_TEXT = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@given(ms=st.integers(0, 2**48 - 1), rand=st.binary(min_size=10, max_size=10))
def test_new_id_is_a_version_7_uuid_carrying_its_time(ms, rand) -> None:
    text = new_id(ms, rand)
    assert UUID_TEXT.match(text), text
    value = uuid.UUID(text)
    assert value.version == 7
    assert value.variant == uuid.RFC_4122
    assert value.int >> 80 == ms


@given(a=st.integers(0, 2**48 - 2), gap=st.integers(1, 10**6), ra=st.binary(min_size=10, max_size=10),
       rb=st.binary(min_size=10, max_size=10))
def test_later_ids_sort_after_earlier_ones_as_text(a, gap, ra, rb) -> None:
    b = min(a + gap, 2**48 - 1)
    assert new_id(a, ra) < new_id(b, rb)


def test_ids_made_in_the_same_millisecond_rise_in_the_order_they_were_made() -> None:
    moment = 1_795_000_000_000
    with clock.by_hand(moment), ids.seeded(5):
        made = [new_id() for _ in range(500)]
    assert made == sorted(made)
    assert len(set(made)) == len(made) and all(UUID_TEXT.match(i) for i in made)
    assert {uuid.UUID(i).int >> 80 for i in made} == {moment}


@pytest.mark.parametrize("seed", range(5))
def test_ids_made_in_the_same_millisecond_differ_before_their_last_six_characters(seed) -> None:
    # The command line takes the start of an id; ids made together must not share all but their ends.
    with clock.by_hand(1_795_000_000_000), ids.seeded(seed):
        made = [new_id() for _ in range(500)]
    assert len({i[:-6] for i in made}) == len(made)


def test_ids_go_on_into_the_next_millisecond_when_one_millisecond_runs_out_and_still_rise() -> None:
    moment = 1_795_000_000_000
    with clock.by_hand(moment), ids.seeded(3):
        made = [new_id() for _ in range(6000)]  # more than one millisecond's counter holds
    assert made == sorted(made) and len(set(made)) == len(made)
    assert all(UUID_TEXT.match(i) for i in made)
    stamps = [uuid.UUID(i).int >> 80 for i in made]
    assert stamps[0] == moment and stamps[-1] > moment
    assert set(stamps) == set(range(moment, stamps[-1] + 1))  # one millisecond after another, none skipped


def test_a_clock_stepping_back_a_little_does_not_send_ids_back() -> None:
    with clock.by_hand(1_795_000_000_000) as wall, ids.seeded(4):
        first = new_id()
        wall.advance(-200)
        second = new_id()
        wall.advance(-10_000)  # a big step back is the clock put right: ids follow it
        third = new_id()
    assert first < second
    assert uuid.UUID(third).int >> 80 == 1_795_000_000_000 - 10_200


def test_ids_from_one_seed_are_the_same_every_time_and_another_seed_gives_others() -> None:
    def made(seed: int) -> list[str]:
        with clock.by_hand(1_795_000_000_000) as wall, ids.seeded(seed):
            first = [new_id() for _ in range(3)]
            wall.advance(1)
            return [*first, new_id()]

    assert made(7) == made(7)
    assert set(made(7)).isdisjoint(made(8))


def test_new_ids_are_never_repeated_and_carry_the_time_now() -> None:
    before = clock.now_ms()
    made = [new_id() for _ in range(2000)]
    after = clock.now_ms()
    assert len(set(made)) == len(made)
    assert all(UUID_TEXT.match(i) for i in made)
    assert all(before <= uuid.UUID(i).int >> 80 <= after for i in made)


def test_link_id_is_the_same_for_the_same_parts_on_any_device() -> None:
    meeting, member = new_id(), new_id()
    assert link_id(meeting, member) == link_id(meeting, member)
    assert uuid.UUID(link_id(meeting, member)).version == 5
    assert link_id(meeting, member) != link_id(member, meeting)
    assert link_id(meeting, member) != link_id(meeting, new_id())
