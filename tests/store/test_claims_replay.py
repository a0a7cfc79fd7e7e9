"""Claims and the change log: replaying the log anywhere, in any order, rebuilds the same claims and projections.

Reuses the change-log property of test_changes.py (every synced table rebuilt,
in order and shuffled, applying twice changes nothing) and adds the local
claim tables, which are rebuilt through the after-apply hook.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claims_world import World, build
from store import changes
from store.claims import drafting, line_edits, payments, projection, workflow
from store.db import Store, open_store
from store.errors import CoprodError
from store.schema import LOCAL_TABLES
from test_changes import assert_log_rebuilds_everything, change_count, dump, replay

PROJECTION_ORDER = {"claim_state": "claim_id", "claim_lines": "claim_id, line_id",
                    "claim_conflicts": "claim_id, event_id, other_event_id, kind"}


def projections(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of the local claim tables, in a fixed order."""
    return {t: [tuple(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY {PROJECTION_ORDER[t]}")]
            for t in sorted(LOCAL_TABLES)}


def assert_projections_rebuild(store: Store, workdir: Path, shuffler: random.Random) -> None:
    original = projections(store.conn)
    log = changes.log(store.conn)
    for name, entries in (("in_order.db", log), ("shuffled.db", shuffler.sample(log, len(log)))):
        rebuilt = replay(entries, workdir / name)
        try:
            assert projections(rebuilt.conn) == original, name
        finally:
            rebuilt.close()
    with store.transaction() as conn:
        projection.rebuild_projections(conn)
    assert projections(store.conn) == original


EXPENSES = [
    {"category": "rail_bus", "amount": "6.40", "receipt_ref": "R1", "receipt_path": "r1.pdf"},
    {"category": "car", "miles": "30", "passengers": "1"},
    {"category": "taxi", "amount": "-3"},  # refused
    {"category": "accommodation", "quantity": "2", "rate": "95", "prior_approval": True},
    {"category": "car", "miles": "1000000000"},  # refused
]
REASONS = ["Add the receipt.", "Claimed twice.", ""]


class ClaimsDriver:
    """Runs claim commands picked by small integers, as staff and members would; refused ones write nothing."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.store = world.store
        self.people = [world.priya, world.sian, world.dafydd, world.rhys, world.aisha, world.tomasz, world.olu]
        self.staff = [world.grace, world.ben, world.fiona]
        self.meetings = [world.meeting_on(d) for d in ("01/10/2026", "01/11/2026")] + [world.meeting]
        for meeting in self.meetings:
            world.present(meeting, *self.people[:5])
            world.present(meeting, world.olu, remote=True)
        # Two past meetings are closed (their claims can be approved); today's stays open.
        self.world.close(self.meetings[0])
        self.world.close(self.meetings[1])
        self.claims: list[str] = []
        self.done = self.refused = 0

    def pick(self, items: list, i: int):
        return items[i % len(items)] if items else None

    def run(self, op: tuple) -> None:
        before = (dump(self.store.conn), projections(self.store.conn), change_count(self.store.conn))
        try:
            getattr(self, "op_" + op[0])(*op[1:])
        except CoprodError:
            assert (dump(self.store.conn), projections(self.store.conn), change_count(self.store.conn)) == before, op
            self.refused += 1
        else:
            self.done += 1

    def claim(self, i: int) -> str | None:
        return self.pick(self.claims, i)

    def op_draft(self, m: int, prep: bool) -> None:
        made = drafting.draft_from_register(self.store, self.pick(self.meetings, m), self.staff[0],
                                            prep_hours="1" if prep else None)
        self.claims += made["claim_ids"]

    def op_create(self, m: int, p: int) -> None:
        self.claims.append(drafting.create_claim(self.store, self.pick(self.meetings, m), self.pick(self.people, p),
                                                 self.staff[0]))

    def op_expense(self, c: int, e: int) -> None:
        if claim := self.claim(c):
            line_edits.add_expense(self.store, claim, self.staff[0], self.pick(EXPENSES, e))

    def op_fee(self, c: int, hours: bool) -> None:
        if claim := self.claim(c):
            line_edits.add_fee(self.store, claim, self.staff[0], {"category": "hours", "hours": "1.5"} if hours
                               else {"category": "chairing"})

    def _line(self, claim: str, n: int) -> str | None:
        rows = self.store.query("SELECT line_id FROM claim_lines WHERE claim_id = ? ORDER BY position", (claim,))
        return self.pick([r[0] for r in rows], n)

    def op_change(self, c: int, n: int) -> None:
        if (claim := self.claim(c)) and (line := self._line(claim, n)):
            data = {"note": f"Checked {n}", "amount": "7.10"} if n % 2 else {"receipt_ref": f"R{n}"}
            line_edits.change_line(self.store, claim, self.staff[0], line, data)

    def op_remove(self, c: int, n: int) -> None:
        if (claim := self.claim(c)) and (line := self._line(claim, n)):
            line_edits.remove_line(self.store, claim, self.staff[0], line)

    def op_step(self, c: int, step: str, who: int) -> None:
        claim = self.claim(c)
        if claim is None:
            return
        actor = self.pick(self.staff, who)
        if step == "submit":
            workflow.submit(self.store, claim, actor)
        elif step == "return":
            workflow.return_to_draft(self.store, claim, actor, self.pick(REASONS, who))
        elif step == "approve":
            workflow.approve(self.store, claim, actor)
        elif step == "reject":
            workflow.reject(self.store, claim, actor, self.pick(REASONS, who))
        elif step == "pay":
            # Each payment its own reference: a correction is paid apart from its claim.
            workflow.mark_paid(self.store, claim, actor, f"BACS-{who}-{self.done}", "20/11/2026")
        elif step == "withdraw":
            workflow.withdraw(self.store, claim, actor)
        elif step == "adjust":
            workflow.adjust(self.store, claim, actor, {"line_kind": "expense", "category": "rail_bus",
                                                       "amount": "-0.40" if who % 2 else "1.20", "note": "Fare corrected."})

    def op_advance(self, c: int, choice: int) -> None:
        """Take the claim's natural next step, so that a long random day gets claims all the way along."""
        claim = self.claim(c)
        if claim is None:
            return
        status, owed = self.store.one("SELECT status, correction_due_pence FROM claim_state WHERE claim_id = ?",
                                      (claim,))
        step = {
            "draft": ["submit", "submit", "withdraw"],
            "submitted": ["approve", "approve", "return", "reject"],
            "approved": ["batch", "pay"],
            # A correction owed is sent or paid; a claim with nothing owed may be corrected.
            "paid": ["batch", "pay", "adjust"] if owed else ["adjust"],
        }.get(status)
        if step is None:
            return
        picked = self.pick(step, choice)
        if picked == "batch":
            self.op_batch(c, 0)
        else:
            self.op_step(c, picked, 1 if picked in ("approve", "reject") else 0)

    def op_batch(self, c: int, d: int) -> None:
        chosen = [claim for claim in (self.claim(c), self.claim(d) if d % 2 else None) if claim]
        if chosen:
            workflow.record_batch(self.store, chosen, self.staff[2])

    def op_payments(self, c: int, d: int) -> None:
        chosen = [claim for claim in (self.claim(c), self.claim(d)) if claim]
        payments.import_payments(self.store, [(claim, f"PAY-{n}", "21/11/2026") for n, claim in enumerate(chosen)],
                                 self.staff[2])


_i = st.integers(min_value=0, max_value=20)
CLAIM_OPS = st.one_of(
    st.tuples(st.just("draft"), _i, st.booleans()),
    st.tuples(st.just("create"), _i, _i),
    st.tuples(st.just("expense"), _i, _i),
    st.tuples(st.just("fee"), _i, st.booleans()),
    st.tuples(st.just("change"), _i, _i),
    st.tuples(st.just("remove"), _i, _i),
    st.tuples(st.just("step"), _i, st.sampled_from(["submit", "return", "approve", "reject", "pay", "withdraw", "adjust"]),
              _i),
    st.tuples(st.just("advance"), _i, _i),
    st.tuples(st.just("batch"), _i, _i),
    st.tuples(st.just("payments"), _i, _i),
)
PRELUDE = [("draft", 0, True), ("expense", 0, 1), ("step", 0, "submit", 0), ("step", 0, "approve", 1)]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ops=st.lists(CLAIM_OPS, min_size=1, max_size=25), shuffler=st.randoms(use_true_random=False))
@example(ops=[("step", 1, "submit", 0), ("step", 1, "approve", 1), ("batch", 0, 1), ("payments", 0, 1),
              ("step", 0, "adjust", 1), ("create", 1, 1), ("step", 2, "withdraw", 0)], shuffler=random.Random(0))
def test_log_replay_rebuilds_claims_and_their_projections_after_random_commands(ops, shuffler) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        store = open_store(workdir / "coprod.db")
        try:
            driver = ClaimsDriver(build(store))
            for op in PRELUDE + ops:
                driver.run(op)
            assert store.one("SELECT COUNT(*) FROM claim_events")[0] > 0
            assert_log_rebuilds_everything(store, workdir, shuffler)
            assert_projections_rebuild(store, workdir, shuffler)
        finally:
            store.close()


def test_a_long_random_day_of_claims_replays_to_the_same_projections(store, tmp_path) -> None:
    rng = random.Random(2)  # a day that reaches every kind of event, corrections sent and paid too
    driver = ClaimsDriver(build(store))
    steps = ["submit", "submit", "return", "approve", "approve", "reject", "pay", "withdraw", "adjust"]
    for _n in range(400):
        kind = rng.choice(["draft", "create", "expense", "expense", "fee", "change", "remove", "step", "step", "advance",
                           "advance", "advance", "advance", "batch", "payments"])
        i = lambda: rng.randint(0, 40)  # noqa: E731
        op = {"draft": ("draft", i(), rng.random() < 0.5), "fee": ("fee", i(), rng.random() < 0.5),
              "step": ("step", i(), rng.choice(steps), i())}.get(kind, (kind, i(), i()))
        driver.run(op)
    assert driver.done > 60 and driver.refused > 20
    statuses = {r[0] for r in store.query("SELECT DISTINCT status FROM claim_state")}
    assert "paid" in statuses and len(statuses) >= 4
    kinds = {r[0] for r in store.query("SELECT DISTINCT kind FROM claim_events")}
    assert kinds >= {"created", "line_added", "line_changed", "line_removed", "submitted", "returned", "approved",
                     "rejected", "paid", "withdrawn", "adjusted", "batched", "correction_batched",
                     "correction_paid"}
    assert_log_rebuilds_everything(store, tmp_path, random.Random(1))
    assert_projections_rebuild(store, tmp_path, random.Random(2))


def test_the_demo_claims_replay_to_the_same_projections(demo_store, tmp_path) -> None:
    assert demo_store.one("SELECT COUNT(*) FROM claim_state")[0] > 50
    assert_projections_rebuild(demo_store, tmp_path, random.Random(3))


def _exchange(a: Store, b: Store) -> None:
    """Give each laptop the changes the other has (a sync, by hand)."""
    for source, target in ((a, b), (b, a)):
        with target.transaction() as conn:
            for change in changes.log(source.conn):
                changes.apply(conn, change)


@pytest.fixture
def laptops(tmp_path):
    """Two laptops, each with its own database."""
    a, b = open_store(tmp_path / "a.db"), open_store(tmp_path / "b.db")
    yield a, b
    a.close()
    b.close()


def _sync_and_agree(a: Store, b: Store) -> None:
    """Exchange changes, then check both laptops hold the same records and the same claims."""
    _exchange(a, b)
    assert dump(a.conn) == dump(b.conn)
    assert projections(a.conn) == projections(b.conn)


def test_approve_on_one_laptop_and_reject_on_another_converge_with_a_conflict(laptops) -> None:
    laptop_a, laptop_b = laptops
    world = build(laptop_a)
    claim = world.sent_claim()
    _sync_and_agree(laptop_a, laptop_b)
    workflow.approve(laptop_a, claim, world.ben)
    workflow.reject(laptop_b, claim, world.fiona, "Claimed twice.")
    _sync_and_agree(laptop_a, laptop_b)
    state = laptop_a.one("SELECT status, conflict FROM claim_state WHERE claim_id = ?", (claim,))
    assert state["status"] in ("approved", "rejected") and state["conflict"] == 1
    assert laptop_a.one("SELECT COUNT(*) FROM claim_conflicts WHERE claim_id = ?", (claim,))[0] == 1


def test_a_correction_sent_on_one_laptop_and_paid_on_another_converges_with_a_conflict_to_check(laptops) -> None:
    laptop_a, laptop_b = laptops
    world = build(laptop_a)
    claim = world.sent_claim()
    workflow.approve(laptop_a, claim, world.ben)
    workflow.mark_paid(laptop_a, claim, world.fiona, "BACS-1", "20/11/2026")
    workflow.adjust(laptop_a, claim, world.ben, {"line_kind": "expense", "category": "parking", "amount": "4.00",
                                                 "note": "Parking was missed off."})
    _sync_and_agree(laptop_a, laptop_b)
    # The office sends the correction to finance; the facilitator's laptop records paying it by hand.
    workflow.record_batch(laptop_a, [claim], world.fiona)
    workflow.mark_paid(laptop_b, claim, world.fiona, "CASH-7", "21/11/2026")
    _sync_and_agree(laptop_a, laptop_b)
    state = laptop_a.one("SELECT status, conflict, correction_due_pence FROM claim_state WHERE claim_id = ?", (claim,))
    # Paid once, whichever came first, and a person is asked to check finance did not pay it again.
    assert tuple(state) == ("paid", 1, 0)
    assert [r[0] for r in laptop_a.query("SELECT kind FROM claim_conflicts WHERE claim_id = ?", (claim,))] in (
        ["batch_and_payment"], ["already_paid"])


def test_a_meeting_moved_to_another_day_moves_its_claims_in_the_lists(tmp_path) -> None:
    from store import meetings

    store = open_store(tmp_path / "coprod.db")
    try:
        world = build(store)
        earlier = world.meeting_on("01/10/2026")
        world.present(earlier, world.priya)
        claim = drafting.create_claim(store, earlier, world.priya, world.grace)
        meetings.update_meeting(store, earlier, {"date": "02/10/2026"})
        assert store.one("SELECT meeting_date FROM claim_state WHERE claim_id = ?", (claim,))[0] == "2026-10-02"
        assert_projections_rebuild(store, tmp_path, random.Random(4))
    finally:
        store.close()
