"""Convergence: whatever devices do offline and however their syncs interleave, they end up identical.

A hypothesis state machine drives 3 to 5 real databases sharing one real
store (a folder, then PostgreSQL). Its steps are the app's own commands
(members added and edited, organisations removed, register marks, claims
moved through every step), full and partial syncs, changes delivered twice,
and, on the folder store, a sync program that holds some files back and
delivers them late (so batches arrive out of order). Device 0's clock runs
five minutes fast. The wall clock moves only when a step says time passes, and
ids come from a source seeded by the example, so an example runs the same way
every time: the fixed examples `make test` runs, and any failing example a
longer random run (`make fuzz`) finds and prints, can be replayed. At the end
every device syncs until nothing moves, and:

- every device holds exactly the same data (complete dumps compared);
- every claim ever created is still there, everywhere;
- a claim once paid is paid everywhere (and never stopped being paid anywhere);
- every pair of claim steps taken at once on two devices that cannot both
  stand (approve beside reject, two corrections, an edit beside a submit) is a
  recorded conflict.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from store import attendance, clock, ids, meetings, members, organisations
from store.changes import apply_many
from store.claims import drafting, rates, workflow
from store.db import Store, open_store
from store.errors import CoprodError
from store.sync.engine import sync
from store.sync.remote import open_remote

from claims_world import CARD
from sync_world import dump

FAST_MS = 5 * 60 * 1000  # device 0's clock
STEPS = ("submit", "approve", "reject", "return", "pay", "withdraw", "adjust")
# (what, a number to pick a record or make a name with, a choice); claim steps weighted to happen often.
OPERATION = st.tuples(
    st.sampled_from(["advance_claim"] * 4 + ["claim_step", "add_member", "edit_member", "set_active",
                                             "add_organisation", "remove_organisation", "mark"]),
    st.integers(0, 999), st.integers(0, 5),
)
# `make test` runs this many fixed examples a store (the tests' "fixed" profile is derandomised);
# `make fuzz` runs 500 at random. Short runs keep a failing example quick to shrink.
EXAMPLES = int(os.environ.get("COPROD_CONVERGE_EXAMPLES", "30"))
SETTINGS = settings(max_examples=EXAMPLES, stateful_step_count=30, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
# The wall clock when an example starts: the morning of the network meeting.
START_MS = int(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.timezone.utc).timestamp() * 1000)


def machine_for(make_location) -> type[RuleBasedStateMachine]:
    """The state machine, against stores made by `make_location(folder) -> LOCATION`."""

    class Convergence(RuleBasedStateMachine):
        @initialize(devices=st.integers(min_value=3, max_value=5), seed=st.integers(0, 2**32 - 1))
        def start(self, devices: int, seed: int) -> None:
            self.held = contextlib.ExitStack()
            self.wall = self.held.enter_context(clock.by_hand(START_MS))
            self.held.enter_context(ids.seeded(seed))
            self.root = Path(tempfile.mkdtemp(prefix="coprod-converge-"))
            self.where = make_location(self.root)
            self.folder = not self.where.startswith("postgresql://")
            self.stores: list[Store] = []
            self.remotes = []
            for n in range(devices):
                self.stores.append(open_store(self.root / f"device{n}.db"))
                self.remotes.append(open_remote(self.where))
            self.created_claims: set[str] = set()
            self.seen_paid: list[set[str]] = [set() for _ in range(devices)]
            self.parked = self.root / "parked"
            self.parked.mkdir()
            self._network(self.stores[1])
            for _round in range(2):  # the second round brings device 0 what device 1 sent
                for n in range(devices):
                    self._sync(n)

        def _network(self, store: Store) -> None:
            """Staff, members, a rate card, a closed meeting with draft claims, and an open meeting."""
            self.facilitator = members.add_member(store, {"name": "Grace Okafor", "member_type": "staff"})
            self.finance = members.add_member(store, {"name": "Fiona Hughes", "member_type": "staff"})
            rates.add_rate_card(store, CARD)
            people = [members.add_member(store, {"name": f"Member {n}"}) for n in range(3)]
            past = meetings.create_meeting(store, {"title": "Network meeting", "date": "22/11/2026",
                                                   "start_time": "10:00", "end_time": "13:00"})
            meetings.set_status(store, past, "open")
            for person in people:
                attendance.mark(store, past, person, "present")
            attendance.close_meeting(store, past, mark_absent=True)
            self.created_claims.update(drafting.draft_from_register(store, past, self.facilitator)["claim_ids"])
            self.open_meeting = meetings.create_meeting(store, {"title": "Planning day", "date": "22/11/2026"})
            meetings.set_status(store, self.open_meeting, "open")

        def _as(self, n: int):
            return clock.running_ahead(FAST_MS if n == 0 else 0)

        def _sync(self, n: int, **options) -> None:
            with self._as(n):
                summary = sync(self.stores[n], self.remotes[n], **options)
            note(f"device {n} sync {options}: {summary}")
            assert summary.problems == [], summary.problems

        # -- edits ------------------------------------------------------

        @rule(n=st.integers(0, 4), ops=st.lists(OPERATION, min_size=1, max_size=6))
        def work_offline(self, n: int, ops: list[tuple]) -> None:
            """Device n does a few things between syncs, through the app's own commands."""
            n %= len(self.stores)
            for op in ops:
                self.wall.advance(1)
                with self._as(n):
                    try:
                        getattr(self, f"_{op[0]}")(n, *op[1:])
                    except CoprodError as refused:  # the device's own rules said no: nothing written
                        note(f"device {n} {op}: refused ({refused.message})")

        def _pick(self, n: int, sql: str, index: int) -> str:
            rows = [r[0] for r in self.stores[n].query(sql)]
            if not rows:
                raise CoprodError("nothing to pick")
            return rows[index % len(rows)]

        def _member(self, n: int, index: int) -> str:
            return self._pick(n, "SELECT id FROM members WHERE deleted_at IS NULL ORDER BY id", index)

        def _add_member(self, n: int, k: int, _choice: int) -> None:
            members.add_member(self.stores[n], {"name": f"Person {k}", "email": f"p{k}@example.org"})

        def _edit_member(self, n: int, k: int, choice: int) -> None:
            values = ({"email": f"m{k}@example.org"}, {"phone": f"07700 900{k:03d}"},
                      {"access_needs": [{"kind": "large_print", "note": f"{k}pt"}]})[choice % 3]
            members.update_member(self.stores[n], self._member(n, k), values)

        def _set_active(self, n: int, k: int, choice: int) -> None:
            members.set_active(self.stores[n], self._member(n, k), bool(choice % 2))

        def _add_organisation(self, n: int, k: int, _choice: int) -> None:
            organisations.add_organisation(self.stores[n], f"Organisation {k}")

        def _remove_organisation(self, n: int, k: int, _choice: int) -> None:
            org = self._pick(n, "SELECT id FROM organisations WHERE deleted_at IS NULL ORDER BY id", k)
            organisations.remove_organisation(self.stores[n], org)

        def _mark(self, n: int, k: int, choice: int) -> None:
            status = ("present", "apologies", "absent")[choice % 3]
            attendance.mark(self.stores[n], self.open_meeting, self._member(n, k), status)

        def _claim_step(self, n: int, k: int, choice: int) -> None:
            """Any step on any claim: most are refused by the claim's state, and nothing is written."""
            claim = self._pick(n, "SELECT claim_id FROM claim_state ORDER BY claim_id", k)
            self._step(n, claim, STEPS[choice % len(STEPS)])

        def _advance_claim(self, n: int, k: int, choice: int) -> None:
            """A step the claim's state allows here, so that claims really move."""
            claim = self._pick(n, "SELECT claim_id FROM claim_state ORDER BY claim_id", k)
            status = self.stores[n].one("SELECT status FROM claim_state WHERE claim_id = ?", (claim,))[0]
            allowed = {"draft": ("submit", "submit", "withdraw"), "submitted": ("approve", "reject", "return"),
                       "approved": ("pay", "pay", "adjust"), "paid": ("adjust",)}.get(status)
            if allowed:
                self._step(n, claim, allowed[choice % len(allowed)])

        def _step(self, n: int, claim: str, step: str) -> None:
            store = self.stores[n]
            member = store.one("SELECT member_id FROM claims WHERE id = ?", (claim,))[0]
            if step == "submit":
                workflow.submit(store, claim, member)
            elif step == "approve":
                workflow.approve(store, claim, self.finance)
            elif step == "reject":
                workflow.reject(store, claim, self.finance, "No receipt")
            elif step == "return":
                workflow.return_to_draft(store, claim, self.finance, "Add the bus fare")
            elif step == "pay":
                workflow.mark_paid(store, claim, self.facilitator, f"BACS-{n}", "22/11/2026")
            elif step == "withdraw":
                workflow.withdraw(store, claim, member, "Not needed")
            else:
                workflow.adjust(store, claim, self.facilitator, {
                    "line_kind": "expense", "category": "parking", "amount": "2.50", "note": "Parking"})

        @rule(ms=st.sampled_from([1, 500, 60_000, 3_600_000]))
        def time_passes(self, ms: int) -> None:
            """The wall clock moves on; between these steps every device works in the same few milliseconds."""
            self.wall.advance(ms)

        # -- syncs ------------------------------------------------------

        @rule(n=st.integers(0, 4))
        def full_sync(self, n: int) -> None:
            self._sync(n % len(self.stores), batch_size=7)

        @rule(n=st.integers(0, 4))
        def push_only(self, n: int) -> None:
            self._sync(n % len(self.stores), pull=False, batch_size=5)

        @rule(n=st.integers(0, 4), batches=st.integers(1, 3))
        def partial_pull(self, n: int, batches: int) -> None:
            self._sync(n % len(self.stores), push=False, max_batches=batches)

        @rule(n=st.integers(0, 4), d=st.integers(0, 4))
        def delivered_twice(self, n: int, d: int) -> None:
            """Everything of device d that n has already applied arrives again: nothing changes."""
            n, d = n % len(self.stores), d % len(self.stores)
            store, source = self.stores[n], self.stores[d].device_id
            if n == d:
                return
            have = store.one("SELECT seq FROM sync_applied WHERE device_id = ?", (source,))
            if not have:
                return
            before = dump(store)
            again = [c for batch in self.remotes[n].fetch(source, 0) for c in batch.changes if c.seq <= have[0]]
            with store.transaction() as conn:
                assert apply_many(conn, again[::-1]) == 0
            assert dump(store) == before

        @precondition(lambda self: self.folder)
        @rule(d=st.integers(0, 4), i=st.integers(0, 20))
        def hold_back_a_file(self, d: int, i: int) -> None:
            """A sync program has not copied one of device d's files to this folder yet."""
            device = self.stores[d % len(self.stores)].device_id
            files = sorted((self.root / "shared" / "devices" / device).glob("*.batch"))
            if files:
                chosen = files[i % len(files)]
                target = self.parked / device
                target.mkdir(exist_ok=True)
                chosen.rename(target / chosen.name)

        @precondition(lambda self: self.folder)
        @rule()
        def deliver_held_files(self) -> None:
            self._deliver()

        def _deliver(self) -> None:
            if not self.folder:
                return
            for folder in self.parked.iterdir():
                for held in folder.iterdir():
                    target = self.root / "shared" / "devices" / folder.name / held.name
                    if not target.exists():
                        held.rename(target)
                    else:
                        held.unlink()  # the device wrote the same file again meanwhile

        # -- what must always hold -----------------------------------------

        @invariant()
        def paid_stays_paid_and_claims_stay(self) -> None:
            for n, store in enumerate(getattr(self, "stores", [])):
                paid = {r[0] for r in store.query("SELECT claim_id FROM claim_state WHERE status = 'paid'")}
                assert self.seen_paid[n] <= paid, "a paid claim stopped being paid"
                self.seen_paid[n] |= paid
                here = {r[0] for r in store.query("SELECT id FROM claims")}
                self.created_claims |= here

        def teardown(self) -> None:
            held = getattr(self, "held", contextlib.ExitStack())
            with held:  # the hand clock and seeded ids end with the example, whatever happens
                if hasattr(self, "stores"):
                    self._settle_and_check()

        def _settle_and_check(self) -> None:
            try:
                self._deliver()
                for _round in range(6):
                    moved = False
                    for n in range(len(self.stores)):
                        with self._as(n):
                            summary = sync(self.stores[n], self.remotes[n])
                        assert summary.problems == []
                        moved |= bool(summary.sent or summary.received or summary.waiting)
                    if not moved:
                        break
                assert not moved, "devices were still exchanging changes after six rounds"
                first = dump(self.stores[0])
                for store in self.stores[1:]:
                    assert dump(store) == first
                claims = {r[0] for r in self.stores[0].query("SELECT id FROM claims")}
                assert self.created_claims <= claims
                paid = {r[0] for r in self.stores[0].query("SELECT claim_id FROM claim_state WHERE status = 'paid'")}
                assert set().union(*self.seen_paid) <= paid
                _check_concurrent_steps_are_conflicts(self.stores[0])
            finally:
                for remote in self.remotes:
                    remote.close()
                for store in self.stores:
                    store.close()
                shutil.rmtree(self.root, ignore_errors=True)

    return Convergence


# The clashes the issue names: approve against reject (or sending back), two
# corrections, a change to the lines beside a submit made elsewhere.
DECISIONS = {"approved", "rejected", "returned"}
LINE_EDITS = {"line_added", "line_changed", "line_removed"}


def _must_clash(kinds: list[str]) -> bool:
    return (len(set(kinds) & DECISIONS) > 1 or kinds.count("adjusted") > 1
            or ("submitted" in kinds and bool(set(kinds) & LINE_EDITS)))


def _check_concurrent_steps_are_conflicts(store: Store) -> None:
    """Steps written after the same event (so on two devices at once) that cannot both stand are conflicts."""
    siblings: dict[tuple[str, str | None], list[str]] = {}
    for claim_id, after, kind in store.query("SELECT claim_id, after, kind FROM claim_events"):
        siblings.setdefault((claim_id, after), []).append(kind)
    flagged = {r[0] for r in store.query("SELECT DISTINCT claim_id FROM claim_conflicts")}
    for (claim_id, _after), kinds in siblings.items():
        if _must_clash(kinds):
            assert claim_id in flagged, f"claim {claim_id}: {sorted(kinds)} at once, but no conflict recorded"


def assert_devices_converge(make_location) -> None:
    """Run the state machine; its teardown asserts identical dumps, claims kept, paid kept and conflicts recorded."""
    machine = machine_for(make_location)
    machine.TestCase.settings = SETTINGS
    machine.TestCase().runTest()


def test_devices_converge_through_a_folder_store(tmp_path) -> None:
    def make(root: Path) -> str:
        where = str(root / "shared")
        open_remote(where).init()
        return where

    assert_devices_converge(make)


def test_devices_converge_through_postgresql(new_pg_url) -> None:
    def make(_root: Path) -> str:
        where = new_pg_url()
        remote = open_remote(where)
        remote.init()
        remote.close()
        return where

    assert_devices_converge(make)
