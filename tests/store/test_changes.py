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

from agenda_ops import AGENDA_KINDS, AGENDA_OPERATIONS, AgendaOps, random_agenda_operation, standing_ids
from store import attendance, changes, clock, meetings, members, organisations
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


class Driver(AgendaOps):
    """Runs commands picked by small integers against a store, as a person would."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.member_ids = [r[0] for r in store.query("SELECT id FROM members ORDER BY id")]
        self.meeting_ids = [r[0] for r in store.query("SELECT id FROM meetings ORDER BY id")]
        self.org_ids = [r[0] for r in store.query("SELECT id FROM organisations ORDER BY id")]
        self.item_ids = [r[0] for r in store.query("SELECT id FROM agenda_items ORDER BY id")]
        self.action_ids = [r[0] for r in store.query("SELECT id FROM actions ORDER BY id")]
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
        meeting = meetings.create_meeting(self.store, {
            "title": "Network meeting", "date": day.strftime("%d/%m/%Y"), "start_time": start, "end_time": end,
        })
        self.meeting_ids.append(meeting)
        self.item_ids.extend(standing_ids(meeting))

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
    *AGENDA_OPERATIONS,
)

# Something on the register to work with from the first random step.
PRELUDE = [
    ("add_member", 0, 1, 1, 2),
    ("add_member", 1, 2, 2, 0),
    ("add_member", 2, 0, 0, 0),
    ("create_meeting", 0, 0),
    ("status", 0, "open"),
    ("propose", 0, 0, 0, 0, 0, 0),
    ("add_action", 0, 0, (0,), 0, 0, False),
]


def random_operation(rng: random.Random) -> tuple:
    """One operation like OPERATION draws, from a seeded generator."""
    i = lambda: rng.randint(0, 200)  # noqa: E731
    maybe = lambda v: rng.choice([None, v])  # noqa: E731
    kind = rng.choice([
        "add_member", "edit_member", "set_active", "add_org", "edit_org", "create_meeting", "edit_meeting",
        "status", "close", "mark", "mark", "mark", "arrived", "left", "details", "walk_in_existing", "walk_in_guest",
        *AGENDA_KINDS,
    ])
    if kind in AGENDA_KINDS:
        return random_agenda_operation(rng, kind)
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

    # Sync applies pulled changes set by set (`apply_many`): shuffled, in uneven
    # chunks, some delivered twice, it gives the same rows as one by one.
    in_sets = open_store(workdir / "in_sets.db")
    try:
        with in_sets.transaction() as c:
            start = 0
            while start < len(shuffled):
                size = shuffler.randint(1, 7)
                chunk = shuffled[start:start + size]
                changes.apply_many(c, chunk + chunk[:1])
                start += size
            assert changes.apply_many(c, list(log)) == 0
        assert dump(in_sets.conn) == original
        assert versions(in_sets.conn) == original_versions
        assert change_count(in_sets.conn) == len(log)
    finally:
        in_sets.close()

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
@example(ops=[  # a meeting run from proposals to actions, with a deferral and a merge
    ("propose", 0, 1, 4, 7, 0, 1), ("accept", 4, 0), ("move", 4, True), ("timebox", 4, 3), ("next", 0),
    ("next", 0), ("start", 4), ("notes", 4, 1, False), ("notes", 4, 1, True), ("interest", 4, 1, 1, False),
    ("interest", 4, 1, 0, True), ("add_action", 0, 4, (0, 1), 0, 2, True), ("edit_action", 1, (1, 2), 2, 1),
    ("close_action", 1, 2, 0), ("reopen_action", 1), ("create_meeting", 5, 0), ("defer", 4, 1),
    ("merge", 5, 1), ("decline", 2, 1), ("end", 5),
], shuffler=random.Random(0))
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
    demo_seq = demo_store.one("SELECT seq FROM device")[0]
    # Open today's meeting so the register commands mostly land, and work on its
    # agenda: the past meetings' items are closed to change.
    today = meetings.upcoming(demo_store)[0]["id"]
    meetings.set_status(demo_store, today, "open")
    driver.item_ids = [r[0] for r in demo_store.query("SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY id", (today,))]
    for _ in range(400):
        driver.run(random_operation(rng))
    assert driver.done > 100, "the random day should mostly succeed, or it proves little"
    assert driver.refused > 0, "the random day should include refused commands too"
    marked = demo_store.one("SELECT COUNT(*) FROM changes WHERE tbl = 'attendance'")[0]
    assert marked > 0
    for table in ("agenda_items", "agenda_interests", "actions", "action_owners"):
        assert demo_store.one("SELECT COUNT(*) FROM changes WHERE tbl = ? AND seq > ?", (table, demo_seq))[0] > 0, table
    assert_log_rebuilds_everything(demo_store, tmp_path, random.Random(seed))


def test_demo_network_is_fully_reproducible_from_its_log(demo_store, tmp_path) -> None:
    rebuilt = replay(changes.log(demo_store.conn), tmp_path / "rebuilt.db")
    try:
        assert dump(rebuilt.conn) == dump(demo_store.conn)
        assert sum(len(rows) for rows in dump(rebuilt.conn).values()) > 200
    finally:
        rebuilt.close()
