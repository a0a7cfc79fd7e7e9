"""Corrections owed after a claim was sent or paid, in the state machine: sent and paid on their own, refused
in words when they do not fit, and a conflict when two laptops send and pay the same one."""

from __future__ import annotations

import pytest
from test_claims_events import PAYMENT, chain, ev, follow, line_data, log_in, summary

from store.claims.events import replay
from store.claims.refusals import conflict_words, refusal_message

CORRECTION = {**line_data("adj", -250, "expense", "rail_bus"), "note": "Fare was less."}


def test_a_correction_after_payment_is_owed_then_sent_then_paid_on_its_own() -> None:
    log = chain(("created", {}), ("line_added", line_data()), ("submitted", {}), ("approved", {}),
                ("batched", {"batch_id": "b1"}), ("paid", PAYMENT), ("adjusted", CORRECTION))
    owed = replay(log)
    assert owed.status == "paid" and owed.correction_due_pence == -250
    assert [line.line_id for line in owed.corrections_to_send()] == ["adj"]
    assert (owed.lines["l1"].batch_id, owed.lines["l1"].paid_on, owed.lines["l1"].paid_later) == ("b1", "2026-11-20", 0)
    sent = replay(follow(log, "correction_batched", {"batch_id": "b2", "line_ids": ["adj"]}))
    assert sent.lines["adj"].batch_id == "b2" and sent.corrections_to_send() == []
    assert [line.line_id for line in sent.corrections_to_settle()] == ["adj"]
    paid = replay([*follow(log, "correction_batched", {"batch_id": "b2", "line_ids": ["adj"]}),
                   ev("pay", "next", "correction_paid", at="2026-11-22T12:00:00+00:00",
                      payment_reference="BACS-2", paid_on="2026-11-21", line_ids=["adj"])])
    line = paid.lines["adj"]
    assert (line.paid_on, line.payment_reference, line.paid_later) == ("2026-11-21", "BACS-2", 1)
    assert paid.correction_due_pence == 0 and paid.conflicts == [] and not paid.skipped
    # The claim's own payment is untouched by the correction's.
    assert (paid.paid_at, paid.payment_reference, paid.total_pence) == ("2026-11-20", "BACS-1", 7250)


def test_a_correction_made_while_approved_goes_with_the_claim_unless_its_batch_had_gone() -> None:
    before_batch = replay(chain(("created", {}), ("line_added", line_data()), ("submitted", {}), ("approved", {}),
                                ("adjusted", CORRECTION), ("batched", {"batch_id": "b1"}), ("paid", PAYMENT)))
    assert before_batch.correction_due_pence == 0
    assert {line.paid_on for line in before_batch.live_lines()} == {"2026-11-20"}
    after_batch = replay(chain(("created", {}), ("line_added", line_data()), ("submitted", {}), ("approved", {}),
                               ("batched", {"batch_id": "b1"}), ("adjusted", CORRECTION)))
    # Sent already without it: owed on its own before the claim is even paid, and still after.
    assert after_batch.status == "approved" and after_batch.correction_due_pence == -250
    paid = replay(follow(chain(("created", {}), ("line_added", line_data()), ("submitted", {}), ("approved", {}),
                               ("batched", {"batch_id": "b1"}), ("adjusted", CORRECTION)), "paid"))
    assert paid.lines["l1"].paid_on == "2026-11-20" and paid.lines["adj"].paid_on is None
    assert paid.correction_due_pence == -250


@pytest.mark.parametrize(("steps", "kind", "data", "words"), [
    ([], "correction_batched", {"batch_id": "b2", "line_ids": []}, "no correction waiting"),
    ([], "correction_paid", {**PAYMENT, "line_ids": ["l1"]}, "This payment is already recorded"),
    ([("correction_batched", {"batch_id": "b2", "line_ids": ["adj"]})], "correction_batched",
     {"batch_id": "b3", "line_ids": ["adj"]}, "already in a payment batch"),
    ([("correction_paid", {"payment_reference": "BACS-2", "paid_on": "2026-11-21", "line_ids": ["adj"]})],
     "correction_batched", {"batch_id": "b3", "line_ids": ["adj"]}, "already been paid"),
    ([("correction_paid", {"payment_reference": "BACS-2", "paid_on": "2026-11-21", "line_ids": ["adj"]})],
     "correction_paid", {"payment_reference": "BACS-3", "paid_on": "2026-11-21", "line_ids": ["adj"]},
     "already been paid, with other payment details"),
    ([], "correction_paid", {"payment_reference": "", "paid_on": "2026-11-21", "line_ids": ["adj"]}, "not right"),
    ([], "correction_batched", {"batch_id": "b2", "line_ids": ["nowhere"]}, "not right"),
])
def test_a_correction_batch_or_payment_that_does_not_fit_is_refused_in_words(steps, kind, data, words) -> None:
    log = chain(("created", {}), ("line_added", line_data()), ("submitted", {}), ("approved", {}), ("paid", PAYMENT),
                ("adjusted", CORRECTION), *steps)
    state = replay(log)
    assert words in refusal_message(state, kind, data)
    after = replay(follow(log, kind, data))
    assert "next" in after.skipped
    assert summary(after)[3] == summary(state)[3]


@pytest.mark.parametrize("batch_first", [True, False])
def test_a_correction_sent_on_one_laptop_while_paid_on_another_is_a_conflict(batch_first) -> None:
    log = chain(("created", {}), ("line_added", line_data()), ("submitted", {}), ("approved", {}), ("paid", PAYMENT),
                ("adjusted", CORRECTION))
    early, late = "2026-11-23T09:00:00+00:00", "2026-11-23T10:00:00+00:00"
    sent = ev("sent", log[-1].id, "correction_batched", at=early if batch_first else late, batch_id="b2",
              line_ids=["adj"])
    paid = ev("paid2", log[-1].id, "correction_paid", at=late if batch_first else early,
              payment_reference="BACS-2", paid_on="2026-11-21", line_ids=["adj"])
    state = replay([*log, sent, paid])
    # Money was sent either way: the payment stands, and a person is asked to check it was not paid twice.
    assert state.lines["adj"].paid_on == "2026-11-21"
    assert [c.kind for c in state.conflicts] == (["batch_and_payment"] if batch_first else ["already_paid"])
    assert conflict_words(state.conflicts[0].kind).endswith("check it was not paid twice.")


def test_a_claim_batched_on_one_laptop_while_marked_paid_on_another_is_a_conflict() -> None:
    log = log_in("approved")
    sent = ev("sent", log[-1].id, "batched", at="2026-11-23T09:00:00+00:00", batch_id="b1")
    paid = ev("paid", log[-1].id, "paid", at="2026-11-23T10:00:00+00:00", **PAYMENT)
    state = replay([*log, sent, paid])
    assert state.status == "paid" and [c.kind for c in state.conflicts] == ["batch_and_payment"]
