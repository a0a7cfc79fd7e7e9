"""The change log (DESIGN rule 3): every write is a change row, and the log alone rebuilds the data.

The core property: after any mix of commands, replaying `changes.log()` into an
empty database with `changes.apply()` gives the same rows in every domain table,
in log order or any other order, and applying it again changes nothing.
"""

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

from store import attendance, changes, clock, meetings, members, organisations
from store.changes import Change
from store.db import Store, open_store
from store.errors import CoprodError
from store.ids import link_id, new_id
from store.schema import GROUPS, columns, group_of

INTERNAL_TABLES = {"device", "changes", "versions"}
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


# --- the random operations ------------------------------------------------------

NAMES = ["Priya Shah", "Siân Jones", "Dafydd Evans", "Grace O'Connor", "Tomasz Nowak", "Aisha Begum", "100% Ali", "Rhys_Price", ""]
ORGS = ["", "Riverside Carers Forum", "Valleys People First", "riverside carers forum", "Deaf Access Network"]
NEEDS = [
    [],
    [{"kind": "BSL interpreter", "note": ""}],
    [{"kind": "Dietary needs", "note": "Vegan"}],
    [{"kind": "step_free"}, {"kind": "Large print", "note": "18pt"}],
    [{"kind": "telepathy"}],  # refused
]
EMAILS = [None, "", "priya@example.org", "not-an-email", "Siân@Example.ORG"]
MEMBER_EDITS = {
    "name": NAMES,
    "email": EMAILS,
    "organisation": ORGS,
    "access_needs": NEEDS,
    "member_type": ["carer", "Staff", "org rep", "trustee", "astronaut"],
    "phone": ["07700 900123", "", "call me"],
    "preferred_channel": ["email", "Text message", "", "pigeon"],
    "consent_date": ["14/03/2026", "", "31/02/2026"],
    "payment": [("declines", None), ("expenses only", None), ("reduced_fee", 1500), ("reduced_fee", None), ("vouchers", None)],
    "paid_by_employer": [True, False],
}
ORG_KINDS = ["user-led", "carer_led", "Equality", "other", "nonsense"]
MEETING_EDITS = {
    "title": ["Network meeting", "Steering group", "  Carers'   project group ", ""],
    "date": ["22/11/2026", "2026-12-01", "1/1/27", "31/02/2026"],
    "times": [("10:30", "13:00"), ("2pm", "4pm"), ("", ""), ("14:00", "13:00"), ("25:00", "")],
    "venue": ["Community Hall", "", "Library Meeting Room"],
    "mode": ["in person", "Remote", "hybrid", "underwater"],
    "kind": ["network", "Steering group", "project", "party"],
}
TIMES = ["10:00", "10:45", "11:30", "12:15", "", "9.5", "1pm"]
ROLES = ["chair", "Minute taker", "supporter", "member", "Co-chair", "wizard"]


def _note(what: str) -> None:
    # Shown by --hypothesis-show-statistics: how often each command ran or was refused.
    if currently_in_test_context():
        event(what)


class Driver:
    """Runs commands picked by small integers against a store, as a person would."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.member_ids = [r[0] for r in store.query("SELECT id FROM members ORDER BY id")]
        self.meeting_ids = [r[0] for r in store.query("SELECT id FROM meetings ORDER BY id")]
        self.org_ids = [r[0] for r in store.query("SELECT id FROM organisations ORDER BY id")]
        self.done = 0
        self.refused = 0

    @staticmethod
    def _pick(items: list, i: int):
        return items[i % len(items)] if items else None

    def run(self, op: tuple) -> None:
        before = (dump(self.store.conn), change_count(self.store.conn), tuple(self.store.one("SELECT seq, hlc FROM device")))
        try:
            getattr(self, "op_" + op[0])(*op[1:])
        except CoprodError:
            # Bad input never writes: a refused command leaves no trace at all.
            after = (dump(self.store.conn), change_count(self.store.conn), tuple(self.store.one("SELECT seq, hlc FROM device")))
            assert after == before, f"refused command {op} wrote something"
            assert not self.store.conn.in_transaction
            self.refused += 1
            _note(f"refused {op[0]}")
        else:
            self.done += 1
            _note(f"done {op[0]}")

    # members and organisations
    def op_add_member(self, name: int, org: int, needs: int, email: int) -> None:
        data = {"name": self._pick(NAMES, name), "organisation": self._pick(ORGS, org),
                "access_needs": self._pick(NEEDS, needs), "email": self._pick(EMAILS, email)}
        self.member_ids.append(members.add_member(self.store, data))

    def op_edit_member(self, who: int, field: str, value: int) -> None:
        member = self._pick(self.member_ids, who)
        if member is None:
            return
        choice = self._pick(MEMBER_EDITS[field], value)
        if field == "payment":
            data = {"payment_preference": choice[0], "fee_cap_pence": choice[1]}
        else:
            data = {field: choice}
        members.update_member(self.store, member, data)

    def op_set_active(self, who: int, active: bool) -> None:
        member = self._pick(self.member_ids, who)
        if member is not None:
            members.set_active(self.store, member, active)

    def op_add_org(self, name: int, kind: int) -> None:
        self.org_ids.append(organisations.add_organisation(self.store, self._pick(ORGS, name) or "Advocacy Matters",
                                                           self._pick(ORG_KINDS, kind)))

    def op_edit_org(self, which: int, name: int, kind: int) -> None:
        org = self._pick(self.org_ids, which)
        if org is not None:
            organisations.update_organisation(self.store, org, self._pick(ORGS, name), self._pick(ORG_KINDS, kind))

    # meetings
    def op_create_meeting(self, offset: int, times: int) -> None:
        start, end = self._pick(MEETING_EDITS["times"], times)
        day = TODAY + dt.timedelta(days=offset)
        self.meeting_ids.append(meetings.create_meeting(self.store, {
            "title": "Network meeting", "date": day.strftime("%d/%m/%Y"), "start_time": start, "end_time": end,
        }))

    def op_edit_meeting(self, which: int, field: str, value: int) -> None:
        meeting = self._pick(self.meeting_ids, which)
        if meeting is None:
            return
        choice = self._pick(MEETING_EDITS[field], value)
        data = {"start_time": choice[0], "end_time": choice[1]} if field == "times" else {field: choice}
        meetings.update_meeting(self.store, meeting, data)

    def op_status(self, which: int, status: str) -> None:
        meeting = self._pick(self.meeting_ids, which)
        if meeting is not None:
            meetings.set_status(self.store, meeting, status)

    def op_close(self, which: int, mark_absent: bool) -> None:
        meeting = self._pick(self.meeting_ids, which)
        if meeting is not None:
            attendance.close_meeting(self.store, meeting, mark_absent=mark_absent)

    # the register
    def _pair(self, which: int, who: int) -> tuple[str, str] | None:
        meeting, member = self._pick(self.meeting_ids, which), self._pick(self.member_ids, who)
        return None if meeting is None or member is None else (meeting, member)

    def op_mark(self, which: int, who: int, status: str) -> None:
        if pair := self._pair(which, who):
            attendance.mark(self.store, *pair, status)

    def op_arrived(self, which: int, who: int, time: int) -> None:
        if pair := self._pair(which, who):
            attendance.mark_arrived(self.store, *pair, self._pick(TIMES, time))

    def op_left(self, which: int, who: int, time: int) -> None:
        if pair := self._pair(which, who):
            attendance.mark_left(self.store, *pair, self._pick(TIMES, time))

    def op_details(self, which: int, who: int, remote, supporter, role) -> None:
        if pair := self._pair(which, who):
            attendance.set_details(self.store, *pair, remote=remote, supporter=supporter, role=role)

    def op_walk_in_existing(self, which: int, who: int) -> None:
        if pair := self._pair(which, who):
            attendance.add_walk_in(self.store, pair[0], member_id=pair[1])

    def op_walk_in_guest(self, which: int, name: int, org: int) -> None:
        meeting = self._pick(self.meeting_ids, which)
        if meeting is not None:
            self.member_ids.append(attendance.add_walk_in(
                self.store, meeting, name=self._pick(NAMES, name), organisation=self._pick(ORGS, org)))


_i = st.integers(min_value=0, max_value=40)
OPERATION = st.one_of(
    st.tuples(st.just("add_member"), _i, _i, _i, _i),
    st.tuples(st.just("edit_member"), _i, st.sampled_from(sorted(MEMBER_EDITS)), _i),
    st.tuples(st.just("set_active"), _i, st.booleans()),
    st.tuples(st.just("add_org"), _i, _i),
    st.tuples(st.just("edit_org"), _i, _i, _i),
    st.tuples(st.just("create_meeting"), st.integers(-40, 40), _i),
    st.tuples(st.just("edit_meeting"), _i, st.sampled_from(sorted(MEETING_EDITS)), _i),
    st.tuples(st.just("status"), _i, st.sampled_from(["open", "open", "closed", "planned"])),
    st.tuples(st.just("close"), _i, st.booleans()),
    st.tuples(st.just("mark"), _i, _i, st.sampled_from(attendance.STATUSES)),
    st.tuples(st.just("arrived"), _i, _i, _i),
    st.tuples(st.just("left"), _i, _i, _i),
    st.tuples(st.just("details"), _i, _i, st.none() | st.booleans(), st.none() | st.booleans(),
              st.none() | st.sampled_from(ROLES)),
    st.tuples(st.just("walk_in_existing"), _i, _i),
    st.tuples(st.just("walk_in_guest"), _i, _i, _i),
)

# Something on the register to work with from the first random step.
PRELUDE = [
    ("add_member", 0, 1, 1, 2),
    ("add_member", 1, 2, 2, 0),
    ("add_member", 2, 0, 0, 0),
    ("create_meeting", 0, 0),
    ("status", 0, "open"),
]


def random_operation(rng: random.Random) -> tuple:
    """One operation like OPERATION draws, from a seeded generator."""
    i = lambda: rng.randint(0, 200)  # noqa: E731
    maybe = lambda v: rng.choice([None, v])  # noqa: E731
    kind = rng.choice([
        "add_member", "edit_member", "set_active", "add_org", "edit_org", "create_meeting", "edit_meeting",
        "status", "close", "mark", "mark", "mark", "arrived", "left", "details", "walk_in_existing", "walk_in_guest",
    ])
    return {
        "add_member": lambda: (kind, i(), i(), i(), i()),
        "edit_member": lambda: (kind, i(), rng.choice(sorted(MEMBER_EDITS)), i()),
        "set_active": lambda: (kind, i(), rng.random() < 0.5),
        "add_org": lambda: (kind, i(), i()),
        "edit_org": lambda: (kind, i(), i(), i()),
        "create_meeting": lambda: (kind, rng.randint(-60, 60), i()),
        "edit_meeting": lambda: (kind, i(), rng.choice(sorted(MEETING_EDITS)), i()),
        "status": lambda: (kind, i(), rng.choice(["open", "open", "closed", "planned"])),
        "close": lambda: (kind, i(), rng.random() < 0.5),
        "mark": lambda: (kind, i(), i(), rng.choice(attendance.STATUSES)),
        "arrived": lambda: (kind, i(), i(), i()),
        "left": lambda: (kind, i(), i(), i()),
        "details": lambda: (kind, i(), i(), maybe(rng.random() < 0.5), maybe(rng.random() < 0.5), maybe(rng.choice(ROLES))),
        "walk_in_existing": lambda: (kind, i(), i()),
        "walk_in_guest": lambda: (kind, i(), i(), i()),
    }[kind]()


# --- the properties, checked after any sequence ------------------------------------


def assert_log_rebuilds_everything(store: Store, workdir: Path, shuffler: random.Random) -> None:
    conn = store.conn
    log = changes.log(conn)
    original = dump(conn)
    original_versions = versions(conn)

    # Every domain table has field groups; a table added without them fails here.
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    assert set(DOMAIN_TABLES) == tables - INTERNAL_TABLES

    # Each change carries exactly its group's columns.
    for change in log:
        assert change.grp in GROUPS[change.tbl], change
        assert set(change.values()) == set(GROUPS[change.tbl][change.grp]), change

    # Per device: seq 1..N with no gap, HLC strictly increasing along seq, and the
    # device row remembers where it got to.
    by_device: dict[str, list[Change]] = {}
    for change in log:
        by_device.setdefault(change.device_id, []).append(change)
    assert set(by_device) <= {store.device_id}
    for device, made in by_device.items():
        made.sort(key=lambda c: c.seq)
        assert [c.seq for c in made] == list(range(1, len(made) + 1))
        stamps = [c.hlc for c in made]
        assert all(a < b for a, b in zip(stamps, stamps[1:])), "HLC stamps must strictly increase per device"
        assert tuple(conn.execute("SELECT seq, hlc FROM device").fetchone()) == (len(made), stamps[-1])

    # versions holds, for each field group, the greatest (hlc, device) in the log.
    expected_versions: dict[tuple, tuple] = {}
    for change in log:
        key = (change.tbl, change.row_id, change.grp)
        expected_versions[key] = max(expected_versions.get(key, (0, "")), (change.hlc, change.device_id))
    assert original_versions == sorted(k + v for k, v in expected_versions.items())

    # Replaying the log in order into an empty file gives every row back.
    in_order = replay(log, workdir / "replay.db")
    try:
        assert dump(in_order.conn) == original
        assert versions(in_order.conn) == original_versions
        assert change_count(in_order.conn) == len(log)
    finally:
        in_order.close()

    # Any order gives the same result: last writer wins per field group.
    shuffled = list(log)
    shuffler.shuffle(shuffled)
    any_order = replay(shuffled, workdir / "shuffled.db")
    try:
        assert dump(any_order.conn) == original
        assert versions(any_order.conn) == original_versions
        # ... and applying everything again there changes nothing either.
        with any_order.transaction() as c:
            assert not any(changes.apply(c, change) for change in log)
        assert dump(any_order.conn) == original
    finally:
        any_order.close()

    # Applying the whole log a second time to the original changes nothing.
    with store.transaction() as c:
        results = [changes.apply(c, change) for change in log]
    assert not any(results)
    assert dump(conn) == original
    assert versions(conn) == original_versions
    assert change_count(conn) == len(log)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ops=st.lists(OPERATION, min_size=1, max_size=40), shuffler=st.randoms(use_true_random=False))
@example(ops=[("mark", 0, 0, "present"), ("left", 0, 0, 2), ("arrived", 0, 0, 1), ("close", 0, True)],
         shuffler=random.Random(0))
def test_log_replay_rebuilds_every_table_after_random_commands(ops, shuffler) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        store = open_store(workdir / "coprod.db")
        try:
            driver = Driver(store)
            for op in PRELUDE + ops:
                driver.run(op)
            assert_log_rebuilds_everything(store, workdir, shuffler)
        finally:
            store.close()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_log_replay_rebuilds_the_demo_network_after_a_long_meeting_day(demo_store, tmp_path, seed) -> None:
    rng = random.Random(seed)
    driver = Driver(demo_store)
    # Open today's meeting so the register commands mostly land.
    meetings.set_status(demo_store, meetings.upcoming(demo_store)[0]["id"], "open")
    for _ in range(400):
        driver.run(random_operation(rng))
    assert driver.done > 100, "the random day should mostly succeed, or it proves little"
    assert driver.refused > 0, "the random day should include refused commands too"
    marked = demo_store.one("SELECT COUNT(*) FROM changes WHERE tbl = 'attendance'")[0]
    assert marked > 0
    assert_log_rebuilds_everything(demo_store, tmp_path, random.Random(seed))


def test_demo_network_is_fully_reproducible_from_its_log(demo_store, tmp_path) -> None:
    rebuilt = replay(changes.log(demo_store.conn), tmp_path / "rebuilt.db")
    try:
        assert dump(rebuilt.conn) == dump(demo_store.conn)
        assert sum(len(rows) for rows in dump(rebuilt.conn).values()) > 200
    finally:
        rebuilt.close()


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
    assert sorted(r[0] for r in rows) == sorted(set(GROUPS["members"]) - {"deleted"})


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
