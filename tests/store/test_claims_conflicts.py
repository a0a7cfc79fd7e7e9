"""Conflicts between laptops: listed across every claim with both steps, dealt with by a `resolved` event, never lost.

The conflicts are made as sync makes them: two database files (two devices),
the same claim approved on one and rejected on the other, and the second's
change rows applied to the first (tests/conflict_world.py).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pytest
from claims_world import World, build
from conflict_world import REASON, approve_here_reject_there, bring_over, event_of, second_laptop
from test_claims_replay import assert_projections_rebuild, projections
from test_changes import dump

from store.claims import conflicts, drafting, line_edits, workflow
from store.claims.events import replay
from store.claims.state import Event
from store.claims.queries import get_claim
from store.claims.timeline import history
from store.claims.warnings import warnings
from store.db import Store
from store.errors import CoprodError, NotFound

NOTE = "Kept the approval: the rejection was meant for Priya's other claim. Told Fiona."


@dataclass
class Clash:
    world: World
    a: Store  # the laptop where the claim was approved, and the rejection arrived
    b: Store  # the laptop where it was rejected
    claim: str
    approved: str  # the approval's event id
    rejected: str  # the rejection's event id


@pytest.fixture
def clash(store, tmp_path, monkeypatch):
    """Priya's claim, sent on laptop A; approved by Ben on A, rejected by Fiona on B; B's changes reach A."""
    world = build(store)
    claim = world.sent_claim()
    b = second_laptop(store, tmp_path / "laptop-b.db")
    try:
        approve_here_reject_there(store, b, claim, world.ben, world.fiona, monkeypatch)
        yield Clash(world, store, b, claim, event_of(store, claim, "approved"), event_of(b, claim, "rejected"))
    finally:
        b.close()


def flagged(store: Store, claim: str) -> int:
    return store.one("SELECT conflict FROM claim_state WHERE claim_id = ?", (claim,))[0]


def test_approve_on_one_laptop_and_reject_on_another_is_listed_with_both_steps_and_the_claim_now(clash) -> None:
    rows = conflicts.open_conflicts(clash.a)
    assert len(rows) == conflicts.count_open_conflicts(clash.a) == 1
    row = rows[0]
    assert (row["claim_id"], row["member_name"], row["meeting_title"], row["meeting_date"]) == (
        clash.claim, "Priya Shah", "Network meeting", "2026-11-22")
    assert (row["event_id"], row["other_event_id"], row["kind"]) == (clash.rejected, clash.approved, "refused")
    assert row["words"] == "Not applied: the claim had already changed on another laptop."
    assert (row["status"], row["status_words"], row["total_pence"]) == ("approved", "Approved", 7500)
    assert row["noted_at"] == "2026-11-22T10:41:00+00:00"
    assert [(s["event_id"], s["kind"], s["actor"], s["applied"]) for s in row["steps"]] == [
        (clash.approved, "approved", "Ben Carter", True), (clash.rejected, "rejected", "Fiona Hughes", False)]
    assert [s["sentence"] for s in row["steps"]] == [
        "Ben Carter on 22 Nov 2026 at 10:40: Approved.",
        f"Fiona Hughes on 22 Nov 2026 at 10:41: Rejected: {REASON} (not applied)",
    ]
    assert flagged(clash.a, clash.claim) == 1


def test_dealing_with_a_conflict_records_an_event_keeps_the_conflict_and_clears_the_flag(clash) -> None:
    before = clash.a.one("SELECT COUNT(*) FROM changes")[0]
    event_id = workflow.resolve_conflict(clash.a, clash.claim, clash.world.grace, clash.rejected, f"  {NOTE} ")
    stored = clash.a.one("SELECT kind, actor_id, data FROM claim_events WHERE id = ?", (event_id,))
    assert (stored["kind"], stored["actor_id"]) == ("resolved", clash.world.grace)
    assert stored["data"] == '{"event_id":"' + clash.rejected + '","note":"' + NOTE + '"}'
    assert clash.a.one("SELECT COUNT(*) FROM changes")[0] == before + 1
    # Kept, marked with the event that dealt with it.
    kept = [tuple(r) for r in clash.a.query(
        "SELECT event_id, other_event_id, kind, resolved_by_event FROM claim_conflicts WHERE claim_id = ?",
        (clash.claim,))]
    assert kept == [(clash.rejected, clash.approved, "refused", event_id)]
    assert conflicts.open_conflicts(clash.a) == [] and conflicts.count_open_conflicts(clash.a) == 0
    assert flagged(clash.a, clash.claim) == 0
    assert "conflict" not in [w["code"] for w in warnings(clash.a.conn, clash.claim)]
    # The claim itself is as it was.
    assert clash.a.one("SELECT status FROM claim_state WHERE claim_id = ?", (clash.claim,))[0] == "approved"
    steps = {h["event_id"]: h for h in history(clash.a, clash.claim)}
    assert steps[clash.rejected]["conflict"] == "Not applied: the claim had already changed on another laptop."
    assert steps[clash.rejected]["resolved_note"] == NOTE
    assert steps[event_id]["words"] == f"Marked a conflict as dealt with: {NOTE}"
    assert steps[event_id]["applied"] is True
    shown = get_claim(clash.a, clash.claim)["conflicts"]
    assert [(c["event_id"], c["resolved"], c["note"]) for c in shown] == [(clash.rejected, True, NOTE)]


def test_naming_the_other_step_of_the_conflict_deals_with_it_too(clash) -> None:
    workflow.resolve_conflict(clash.a, clash.claim, clash.world.grace, clash.approved, NOTE)
    assert conflicts.open_conflicts(clash.a) == [] and flagged(clash.a, clash.claim) == 0


def test_applying_the_same_changes_again_changes_nothing_and_both_laptops_agree(clash) -> None:
    workflow.resolve_conflict(clash.a, clash.claim, clash.world.grace, clash.rejected, NOTE)
    settled = (dump(clash.a.conn), projections(clash.a.conn))
    assert bring_over(clash.b, clash.a) == 0
    assert (dump(clash.a.conn), projections(clash.a.conn)) == settled
    assert bring_over(clash.a, clash.b) > 0
    assert bring_over(clash.a, clash.b) == 0
    assert dump(clash.b.conn) == dump(clash.a.conn)
    assert projections(clash.b.conn) == projections(clash.a.conn)
    assert conflicts.open_conflicts(clash.b) == [] and flagged(clash.b, clash.claim) == 0


def test_replaying_the_log_in_another_order_gives_the_same_conflicts_dealt_with(clash, tmp_path) -> None:
    workflow.resolve_conflict(clash.a, clash.claim, clash.world.grace, clash.rejected, NOTE)
    for seed in range(3):
        assert_projections_rebuild(clash.a, tmp_path / f"order-{seed}", random.Random(seed))


def test_two_laptops_dealing_with_the_same_conflict_keep_both_notes_and_it_stays_dealt_with(clash, monkeypatch) -> None:
    bring_over(clash.a, clash.b)
    assert flagged(clash.b, clash.claim) == 1
    first = workflow.resolve_conflict(clash.a, clash.claim, clash.world.grace, clash.rejected, NOTE)
    monkeypatch.setenv("COPROD_NOW", "10:45")
    second = workflow.resolve_conflict(clash.b, clash.claim, clash.world.ben, clash.approved, "Approval stands.")
    bring_over(clash.a, clash.b)
    bring_over(clash.b, clash.a)
    for laptop in (clash.a, clash.b):
        kept = [tuple(r) for r in laptop.query(
            "SELECT event_id, kind, resolved_by_event FROM claim_conflicts WHERE claim_id = ?", (clash.claim,))]
        assert kept == [(clash.rejected, "refused", first)]
        assert flagged(laptop, clash.claim) == 0 and conflicts.open_conflicts(laptop) == []
        steps = {h["event_id"]: h for h in history(laptop, clash.claim)}
        assert steps[first]["applied"] and steps[second]["applied"]
        assert steps[second]["words"] == "Marked a conflict as dealt with: Approval stands."
    assert projections(clash.a.conn) == projections(clash.b.conn)


def test_a_conflict_that_arrives_after_one_was_dealt_with_is_listed_again(clash, monkeypatch) -> None:
    workflow.resolve_conflict(clash.a, clash.claim, clash.world.grace, clash.rejected, NOTE)
    bring_over(clash.a, clash.b)
    workflow.mark_paid(clash.a, clash.claim, clash.world.fiona, "BACS-1", "20/11/2026")
    monkeypatch.setenv("COPROD_NOW", "10:50")
    workflow.mark_paid(clash.b, clash.claim, clash.world.fiona, "BACS-2", "21/11/2026")
    bring_over(clash.b, clash.a)
    rows = conflicts.open_conflicts(clash.a)
    assert [(r["kind"], r["words"]) for r in rows] == [
        ("paid_twice", "Marked paid twice, with different payment details.")]
    assert [s["sentence"] for s in rows[0]["steps"]] == [
        "Fiona Hughes on 22 Nov 2026 at 10:40: Paid on 20 Nov 2026, reference BACS-1.",
        "Fiona Hughes on 22 Nov 2026 at 10:50: Paid on 21 Nov 2026, reference BACS-2. (not applied)",
    ]
    assert flagged(clash.a, clash.claim) == 1


# --- refusals: a plain message, nothing written ---------------------------------------------------


def assert_refused(clash: Clash, error: type[Exception], message: str, **overrides) -> None:
    args = {"claim_id": clash.claim, "actor_id": clash.world.grace, "event_id": clash.rejected, "note": NOTE,
            **overrides}
    before = (clash.a.one("SELECT COUNT(*) FROM changes")[0], projections(clash.a.conn))
    with pytest.raises(error) as caught:
        workflow.resolve_conflict(clash.a, **args)
    assert caught.value.message == message
    assert (clash.a.one("SELECT COUNT(*) FROM changes")[0], projections(clash.a.conn)) == before


def test_an_unknown_claim_is_refused(clash) -> None:
    assert_refused(clash, NotFound, "There is no claim with id 0000-none.", claim_id="0000-none")


def test_an_unknown_step_is_refused(clash) -> None:
    assert_refused(clash, NotFound, "This claim has no step with id 0000-none.", event_id="0000-none")


def test_a_step_of_another_claim_is_refused(clash) -> None:
    meeting = clash.world.meeting_on("01/10/2026")
    clash.world.present(meeting, clash.world.dafydd)
    other = drafting.create_claim(clash.a, meeting, clash.world.dafydd, clash.world.grace)
    started = event_of(clash.a, other, "created")
    assert_refused(clash, NotFound, f"This claim has no step with id {started}.", event_id=started)


def test_a_step_that_did_not_clash_is_refused(clash) -> None:
    started = event_of(clash.a, clash.claim, "created")
    assert_refused(clash, CoprodError, "Nothing clashed at that step of this claim, so there is nothing to deal with.",
             event_id=started)


def test_an_empty_note_is_refused(clash) -> None:
    assert_refused(clash, CoprodError, "Say what you decided, so others know.", note="   ")


def test_a_note_over_500_characters_is_refused(clash) -> None:
    assert_refused(clash, CoprodError, "Keep this under 500 characters.", note="x" * 501)


def test_a_member_who_is_not_staff_cannot_deal_with_a_conflict(clash) -> None:
    assert_refused(clash, CoprodError, "Only staff can mark a conflict as dealt with.", actor_id=clash.world.dafydd)


def test_a_conflict_dealt_with_already_is_refused_the_second_time_on_the_same_laptop(clash) -> None:
    workflow.resolve_conflict(clash.a, clash.claim, clash.world.grace, clash.rejected, NOTE)
    assert_refused(clash, CoprodError, "That conflict has already been dealt with.", event_id=clash.approved)


def test_staff_cannot_deal_with_a_conflict_on_their_own_claim(store, tmp_path, monkeypatch) -> None:
    world = build(store)
    world.present(world.meeting, world.grace)
    claim = drafting.create_claim(store, world.meeting, world.grace, world.grace)
    line_edits.add_expense(store, claim, world.grace, {"category": "parking", "amount": "4.50", "receipt_ref": "P-1",
                                                       "receipt_path": "parking.pdf"})
    workflow.submit(store, claim, world.grace)
    world.close(world.meeting)
    b = second_laptop(store, tmp_path / "laptop-b.db")
    try:
        approve_here_reject_there(store, b, claim, world.ben, world.fiona, monkeypatch)
    finally:
        b.close()
    with pytest.raises(CoprodError) as caught:
        workflow.resolve_conflict(store, claim, world.grace, event_of(store, claim, "approved"), NOTE)
    assert caught.value.message == "You can't deal with a conflict on your own claim. Ask another member of staff."
    assert flagged(store, claim) == 1


# --- replay, event by event ------------------------------------------------------------------------


def ev(eid: str, after: str | None, kind: str, minute: int, **data) -> Event:
    return Event(eid, "claim", after, kind, "grace", f"2026-11-22T10:{minute:02d}:00+00:00", data)


FEE = {"line_id": "l1", "line_kind": "fee", "category": "half_day", "quantity": "1", "rate_pence": 7500,
       "amount_pence": 7500}
SENT = [ev("e0", None, "created", 0), ev("e1", "e0", "line_added", 1, **FEE), ev("e2", "e1", "submitted", 2)]
CLASH = [*SENT, ev("e3", "e2", "approved", 3), ev("e4", "e2", "rejected", 4, reason=REASON)]


def test_a_resolution_changes_no_state_and_marks_the_conflict_it_names() -> None:
    before = replay(CLASH)
    after = replay([*CLASH, ev("r1", "e4", "resolved", 5, event_id="e4", note=NOTE)])
    assert (after.status, after.total_pence) == (before.status, before.total_pence) == ("approved", 7500)
    assert [(c.event_id, c.other_event_id, c.resolved_by_event) for c in after.conflicts] == [("e4", "e3", "r1")]
    assert after.open_conflicts == [] and before.open_conflicts == before.conflicts


def test_a_resolution_naming_a_step_with_no_conflict_is_kept_but_not_applied_and_flags_nothing() -> None:
    state = replay([*SENT, ev("r1", "e2", "resolved", 3, event_id="e1", note=NOTE)])
    assert "r1" in state.skipped and state.conflicts == []


def test_a_resolution_covers_only_conflicts_noted_before_it_in_replay_order() -> None:
    # A third laptop that only saw the submit withdraws the claim after the resolution was written.
    log = [*CLASH, ev("r1", "e4", "resolved", 5, event_id="e3", note=NOTE), ev("e5", "e2", "withdrawn", 6)]
    state = replay(log)
    assert [(c.event_id, c.other_event_id, c.resolved_by_event) for c in state.conflicts] == [
        ("e4", "e3", "r1"), ("e5", "e3", None)]


@pytest.mark.parametrize("data", [{"event_id": "e4"}, {"event_id": "e4", "note": ""}, {"note": NOTE},
                                  {"event_id": "e4", "note": "x" * 501}])
def test_a_damaged_resolution_from_another_device_is_set_aside_and_shown(data) -> None:
    state = replay([*CLASH, ev("r1", "e4", "resolved", 5, **data)])
    assert "r1" in state.skipped
    assert [(c.event_id, c.kind, c.resolved_by_event) for c in state.conflicts] == [
        ("e4", "refused", None), ("r1", "bad_data", None)]


def test_replay_of_resolutions_does_not_depend_on_the_order_events_are_stored_in() -> None:
    log = [*CLASH, ev("r1", "e4", "resolved", 5, event_id="e4", note=NOTE),
           ev("r2", "e4", "resolved", 5, event_id="e3", note="Approval stands.")]
    expected = [(c.event_id, c.other_event_id, c.kind, c.resolved_by_event) for c in replay(log).conflicts]
    assert expected == [("e4", "e3", "refused", "r1")]
    rng = random.Random(5)
    for _n in range(20):
        shuffled = rng.sample(log, len(log))
        state = replay(shuffled)
        assert [(c.event_id, c.other_event_id, c.kind, c.resolved_by_event) for c in state.conflicts] == expected
        assert state.skipped == {"e4"}


def test_a_file_from_before_resolutions_is_upgraded_with_its_conflicts_open(tmp_path: Path) -> None:
    import sqlite3

    from store.db import _statements, migrations, open_store

    path = tmp_path / "older.db"
    raw = sqlite3.connect(path)
    older = [(n, script) for n, script in migrations() if n < 5]
    for _n, script in older:
        for statement in _statements(script.read_text(encoding="utf-8")):
            raw.execute(statement)
    raw.execute(f"PRAGMA user_version = {older[-1][0]}")
    raw.execute("INSERT INTO device (id, seq, hlc) VALUES ('0190f0f0-0000-7000-8000-00000000000a', 0, 0)")
    # Two laptops decided at once; the file's local tables were made from these events before upgrading.
    events = [("e-0", None, "created", '{"payment_method":"bank"}'),
              ("e-1", "e-0", "line_added", '{"amount_pence":7500,"category":"half_day","line_id":"l1",'
                                           '"line_kind":"fee"}'),
              ("e-2", "e-1", "submitted", "{}"), ("e-first", "e-2", "approved", "{}"),
              ("e-late", "e-2", "rejected", '{"reason":"Claimed twice."}')]
    for n, (event_id, after, kind, data) in enumerate(events):
        raw.execute("INSERT INTO claim_events (id, claim_id, after, kind, actor_id, at, data) VALUES (?, 'c-old', ?, ?, "
                    "NULL, ?, ?)", (event_id, after, kind, f"2026-06-01T10:0{n}:00+00:00", data))
    raw.execute("INSERT INTO claim_state (claim_id, status, conflict) VALUES ('c-old', 'approved', 1)")
    raw.execute("INSERT INTO claim_conflicts (claim_id, event_id, other_event_id, kind, noted_at) "
                "VALUES ('c-old', 'e-late', 'e-first', 'refused', '2026-06-01T10:04:00+00:00')")
    raw.commit()
    raw.close()
    store = open_store(path)
    try:
        assert store.one("SELECT resolved_by_event FROM claim_conflicts WHERE claim_id = 'c-old'")[0] is None
        assert conflicts.count_open_conflicts(store) == 1
        rows = conflicts.open_conflicts(store)
        assert [(r["claim_id"], r["kind"], r["member_name"]) for r in rows] == [("c-old", "refused", None)]
        assert [(step["event_id"], step["applied"]) for step in rows[0]["steps"]] == [("e-first", True),
                                                                                      ("e-late", False)]
        assert "claim_conflicts_open" in {r[1] for r in store.query("PRAGMA index_list(claim_conflicts)")}
    finally:
        store.close()
