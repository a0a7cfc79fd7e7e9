"""A correction made after a claim was sent to finance or paid: owed on its own, sent in the next batch, paid back."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from claims_world import World, world  # noqa: F401  (fixture)
from store.claims import payments, queries, timeline, workflow
from store.db import migrations, open_store
from store.errors import CoprodError
from store.export.claims import export_batch

MINUS_TWO = {"line_kind": "expense", "category": "rail_bus", "amount": "-2.00", "note": "The fare was £2 less."}
PLUS_FIVE = {"line_kind": "expense", "category": "parking", "amount": "5.00", "note": "Parking was missed off."}


def approved_claim(world: World) -> str:
    claim = world.sent_claim()
    workflow.approve(world.store, claim, world.ben)
    return claim


def paid_claim(world: World) -> str:
    claim = approved_claim(world)
    workflow.mark_paid(world.store, claim, world.fiona, "BACS-1", "20/11/2026")
    return claim


def due(world: World, claim: str) -> int:
    return world.store.one("SELECT correction_due_pence FROM claim_state WHERE claim_id = ?", (claim,))[0]


def lines(world: World, claim: str) -> list[tuple]:
    return [(line["amount_pence"], line["batch_id"] is not None, line["paid_on"], line["payment_reference"])
            for line in queries.claim_lines(world.store, claim)]


def batch_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_correction_after_payment_goes_in_the_next_batch_alone_and_is_paid_from_the_payments_file(
        world: World, tmp_path: Path) -> None:
    claim = paid_claim(world)
    workflow.adjust(world.store, claim, world.ben, PLUS_FIVE)
    assert due(world, claim) == 500
    done = export_batch(world.store, tmp_path / "batch.csv", "csv", world.fiona)
    rows = batch_rows(tmp_path / "batch.csv")
    assert (done["rows"], done["claims"]) == (1, 1)
    assert [(r["claim_id"], r["category"], r["amount"], r["status"], r["paid_at"], r["correction"]) for r in rows] == [
        (claim, "parking", "5.00", "approved", "", "1")]
    # Sent once: the next batch has nothing, and the claim's own lines were never sent again.
    assert export_batch(world.store, tmp_path / "again.csv", "csv", world.fiona)["batch_id"] is None
    assert lines(world, claim) == [(7500, False, "2026-11-20", "BACS-1"), (500, True, None, None)]
    assert payments.import_payments(world.store, [(claim, "BACS-2", "21/11/2026")], world.fiona) == {
        "paid": 1, "already": 0}
    assert lines(world, claim) == [(7500, False, "2026-11-20", "BACS-1"), (500, True, "2026-11-21", "BACS-2")]
    assert due(world, claim) == 0
    state = dict(world.store.one("SELECT status, paid_at, payment_reference, total_pence FROM claim_state "
                                 "WHERE claim_id = ?", (claim,)))
    assert state == {"status": "paid", "paid_at": "2026-11-20", "payment_reference": "BACS-1", "total_pence": 8000}
    story = [h["words"] for h in timeline.history(world.store, claim)][-3:]
    assert story == ["Corrected Parking by £5.00: Parking was missed off.",
                     "Sent a correction of £5.00 to finance in a payment batch.",
                     "Correction of £5.00 paid on 21 Nov 2026, reference BACS-2."]


def test_either_payments_file_given_again_changes_nothing(world: World) -> None:
    claim = paid_claim(world)
    workflow.adjust(world.store, claim, world.ben, MINUS_TWO)
    before = world.changes()
    # The first payment's file, imported again after the correction: that payment is already recorded.
    assert payments.import_payments(world.store, [(claim, "BACS-1", "2026-11-20")], world.fiona) == {
        "paid": 0, "already": 1}
    assert world.changes() == before and due(world, claim) == -200
    assert payments.import_payments(world.store, [(claim, "BACS-2", "2026-11-21")], world.fiona)["paid"] == 1
    assert payments.import_payments(world.store, [(claim, "BACS-2", "2026-11-21")], world.fiona) == {
        "paid": 0, "already": 1}


def test_a_paid_claim_with_nothing_owed_is_refused_from_a_payments_file_and_nothing_is_written(world: World) -> None:
    claim = paid_claim(world)
    before = world.changes()
    with pytest.raises(payments.PaymentsRefused) as caught:
        payments.import_payments(world.store, [(claim, "BACS-9", "21/11/2026")], world.fiona)
    assert caught.value.problems == [(1, "This claim is paid, and no correction to it is waiting to be paid.")]
    assert world.changes() == before


def test_marking_a_paid_claim_paid_settles_its_correction_and_a_repeat_is_refused(world: World) -> None:
    claim = paid_claim(world)
    workflow.adjust(world.store, claim, world.ben, MINUS_TWO)
    # Not sent in a batch: finance settled it directly, and staff record that.
    assert workflow.mark_paid(world.store, claim, world.fiona, "BACS-2", "21/11/2026") == "correction_paid"
    assert lines(world, claim)[-1] == (-200, False, "2026-11-21", "BACS-2")
    before = world.changes()
    for reference, day in (("BACS-2", "21/11/2026"), ("BACS-1", "20/11/2026")):
        with pytest.raises(CoprodError, match="This payment is already recorded"):
            workflow.mark_paid(world.store, claim, world.fiona, reference, day)
    with pytest.raises(CoprodError, match="no correction to it is waiting to be paid"):
        workflow.mark_paid(world.store, claim, world.fiona, "BACS-3", "21/11/2026")
    assert world.changes() == before


def test_a_payment_settles_the_corrections_sent_and_leaves_one_made_since(world: World, tmp_path: Path) -> None:
    claim = paid_claim(world)
    first = workflow.adjust(world.store, claim, world.ben, PLUS_FIVE)
    export_batch(world.store, tmp_path / "batch.csv", "csv", world.fiona)
    later = workflow.adjust(world.store, claim, world.ben, MINUS_TWO)
    workflow.mark_paid(world.store, claim, world.fiona, "BACS-2", "21/11/2026")
    paid_on = {line["line_id"]: line["paid_on"] for line in queries.claim_lines(world.store, claim)}
    assert (paid_on[first], paid_on[later]) == ("2026-11-21", None)
    assert due(world, claim) == -200
    done = export_batch(world.store, tmp_path / "next.csv", "csv", world.fiona)
    assert [r["line_id"] for r in batch_rows(tmp_path / "next.csv")] == [later] and done["claims"] == 1


def test_a_correction_made_after_the_batch_went_is_not_paid_by_the_claims_own_payment(world: World,
                                                                                    tmp_path: Path) -> None:
    claim = approved_claim(world)
    export_batch(world.store, tmp_path / "first.csv", "csv", world.fiona)
    correction = workflow.adjust(world.store, claim, world.ben, PLUS_FIVE)
    assert due(world, claim) == 500
    payments.import_payments(world.store, [(claim, "BACS-1", "20/11/2026")], world.fiona)
    assert due(world, claim) == 500
    export_batch(world.store, tmp_path / "second.csv", "csv", world.fiona)
    assert [r["line_id"] for r in batch_rows(tmp_path / "second.csv")] == [correction]


def test_a_meetings_totals_count_a_correction_owed_apart_from_what_was_paid(world: World) -> None:
    claim = paid_claim(world)
    workflow.adjust(world.store, claim, world.ben, PLUS_FIVE)
    totals = queries.meeting_totals(world.store, world.meeting)
    assert (totals["total_pence"], totals["paid_pence"], totals["owed_pence"]) == (8000, 7500, 500)
    workflow.mark_paid(world.store, claim, world.fiona, "BACS-2", "21/11/2026")
    totals = queries.meeting_totals(world.store, world.meeting)
    assert (totals["total_pence"], totals["paid_pence"], totals["owed_pence"]) == (8000, 8000, 0)
    assert [(r["status"], r["correction_due_pence"]) for r in queries.meeting_claims(world.store, world.meeting)] == [
        ("paid", 0)]


def test_a_batch_naming_a_paid_claim_with_nothing_owed_is_refused_whole(world: World) -> None:
    claim = paid_claim(world)
    before = world.changes()
    with pytest.raises(CoprodError, match="no correction to it is waiting to be sent for payment"):
        workflow.record_batch(world.store, [claim], world.fiona)
    assert world.changes() == before


def test_a_file_from_before_line_payments_is_upgraded_with_each_lines_payment_and_its_correction_owed(
        world: World) -> None:
    claim = paid_claim(world)
    path = world.store.path
    world.store.close()
    raw = sqlite3.connect(path)
    # The claim's events as an older coprod wrote them: paid, then corrected after the payment.
    staff, last = raw.execute("SELECT actor_id, id FROM claim_events WHERE claim_id = ? AND kind = 'paid'",
                              (claim,)).fetchone()
    raw.execute("INSERT INTO claim_events (id, claim_id, after, kind, actor_id, at, data) VALUES ('e-adj', ?, ?, "
                "'adjusted', ?, '2026-11-22T11:00:00+00:00', ?)", (claim, last, staff,
                '{"amount_pence":-200,"category":"rail_bus","line_id":"adj","line_kind":"expense","note":"Less."}'))
    # The older tables: no line payments yet.
    for column in ("batch_id", "paid_on", "payment_reference"):
        raw.execute(f"ALTER TABLE claim_lines DROP COLUMN {column}")
    raw.execute("ALTER TABLE claim_state DROP COLUMN correction_due_pence")
    raw.execute("DROP TABLE sync_heard")  # made by the next upgrade, 7
    raw.execute("PRAGMA user_version = 5")
    raw.commit()
    raw.close()
    # Every upgrade after 5 is undone above: a newer one must be undone there too.
    assert [n for n, _script in migrations() if n > 5] == [6, 7]
    upgraded = open_store(path)
    try:
        assert upgraded.one("PRAGMA user_version")[0] == 7
        got = [(r["line_id"] == "adj", r["paid_on"], r["payment_reference"])
               for r in queries.claim_lines(upgraded, claim)]
        assert got == [(False, "2026-11-20", "BACS-1"), (True, None, None)]
        assert upgraded.one("SELECT correction_due_pence FROM claim_state WHERE claim_id = ?", (claim,))[0] == -200
    finally:
        upgraded.close()
