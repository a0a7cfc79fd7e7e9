"""A claim's steps: submit, send back, approve, reject, pay, withdraw, correct, batch; its history; payments back."""

from __future__ import annotations

import pytest

from claims_world import World, world  # noqa: F401  (fixture)
from store.claims import drafting, line_edits, payments, queries, timeline, workflow
from store.claims.state import STATUSES
from store.errors import CoprodError, InputError


def drafted(world: World, member: str | None = None) -> str:
    member = member or world.priya
    if world.store.one("SELECT status FROM meetings WHERE id = ?", (world.meeting,))[0] != "closed":
        world.present(world.meeting, member)
    claim = drafting.create_claim(world.store, world.meeting, member, world.grace)
    line_edits.add_fee(world.store, claim, world.grace, {"category": "half_day"})
    line_edits.add_expense(world.store, claim, member, {"category": "rail_bus", "amount": "6.40", "receipt_ref": "R1",
                                                        "receipt_path": "r1.pdf"})
    return claim


def submitted(world: World, member: str | None = None, by: str | None = None) -> str:
    claim = drafted(world, member)
    workflow.submit(world.store, claim, by or world.grace)
    return claim


def approved(world: World, member: str | None = None) -> str:
    claim = submitted(world, member)
    if world.store.one("SELECT status FROM meetings WHERE id = ?", (world.meeting,))[0] != "closed":
        world.close(world.meeting)
    workflow.approve(world.store, claim, world.ben)
    return claim


def status(world: World, claim: str) -> str:
    return world.store.one("SELECT status FROM claim_state WHERE claim_id = ?", (claim,))[0]


def test_the_whole_path_from_draft_to_paid_records_who_and_when(world: World) -> None:
    claim = submitted(world, by=world.priya)
    world.close(world.meeting)
    workflow.approve(world.store, claim, world.ben)
    workflow.mark_paid(world.store, claim, world.fiona, " BACS-000123 ", "20/11/2026")
    state = dict(world.store.one("SELECT * FROM claim_state WHERE claim_id = ?", (claim,)))
    assert state["status"] == "paid"
    assert (state["submitted_by"], state["approved_by"]) == (world.priya, world.ben)
    assert (state["paid_at"], state["payment_reference"]) == ("2026-11-20", "BACS-000123")
    assert state["submitted_at"] == state["approved_at"] == "2026-11-22T10:40:00+00:00"
    assert state["total_pence"] == 7500 + 640


def test_an_empty_claim_cannot_be_sent(world: World) -> None:
    world.present(world.meeting, world.priya)
    claim = drafting.create_claim(world.store, world.meeting, world.priya, world.priya)
    with pytest.raises(CoprodError, match="This claim has no lines yet."):
        workflow.submit(world.store, claim, world.priya)


def test_sent_back_for_changes_it_is_a_draft_again_with_the_reason(world: World) -> None:
    claim = submitted(world)
    with pytest.raises(InputError, match="Say why, so the member knows."):
        workflow.return_to_draft(world.store, claim, world.ben, "  ")
    workflow.return_to_draft(world.store, claim, world.ben, "Add the taxi receipt.")
    assert status(world, claim) == "draft"
    line_edits.add_expense(world.store, claim, world.priya, {"category": "parking", "amount": "3"})
    workflow.submit(world.store, claim, world.priya)
    assert status(world, claim) == "submitted"


def test_rejecting_needs_a_reason_and_is_final(world: World) -> None:
    claim = submitted(world)
    before = world.changes()
    with pytest.raises(InputError, match="Say why, so the member knows."):
        workflow.reject(world.store, claim, world.ben, "")
    assert world.changes() == before
    workflow.reject(world.store, claim, world.ben, "Claimed on an earlier claim.")
    assert world.store.one("SELECT rejected_reason FROM claim_state WHERE claim_id = ?", (claim,))[0] == \
        "Claimed on an earlier claim."
    with pytest.raises(CoprodError) as caught:
        workflow.mark_paid(world.store, claim, world.fiona, "BACS-1", "20/11/2026")
    assert caught.value.message == "This claim is rejected: it can't be paid."


def test_a_paid_claim_cannot_be_rejected_or_withdrawn(world: World) -> None:
    claim = approved(world)
    workflow.mark_paid(world.store, claim, world.fiona, "BACS-1", "20/11/2026")
    before = world.changes()
    with pytest.raises(CoprodError) as caught:
        workflow.reject(world.store, claim, world.ben, "Too late")
    assert caught.value.message == "This claim is paid: it can't be rejected."
    with pytest.raises(CoprodError, match="This claim is paid: it can't be withdrawn."):
        workflow.withdraw(world.store, claim, world.priya)
    with pytest.raises(CoprodError, match="lines can only be added to a draft"):
        line_edits.add_expense(world.store, claim, world.priya, {"category": "parking", "amount": "3"})
    assert world.changes() == before


@pytest.mark.parametrize("when", ["draft", "submitted"])
def test_the_member_can_withdraw_a_draft_or_submitted_claim_and_it_is_kept(world: World, when) -> None:
    claim = drafted(world) if when == "draft" else submitted(world)
    workflow.withdraw(world.store, claim, world.priya, "I came with a friend who paid.")
    assert status(world, claim) == "withdrawn"
    assert world.count("claims") == 1
    assert timeline.history(world.store, claim)[-1]["words"] == "Withdrawn: I came with a friend who paid."


def test_a_withdrawal_reason_is_kept_whole_and_one_too_long_is_refused_not_cut(world: World) -> None:
    claim = drafted(world)
    before = world.changes()
    with pytest.raises(InputError) as caught:
        workflow.withdraw(world.store, claim, world.priya, "x" * 501)
    assert (caught.value.message, caught.value.field) == ("Keep this under 500 characters.", "reason")
    assert world.changes() == before and status(world, claim) == "draft"
    longest = " ".join(["word"] * 100)[:499] + "."
    workflow.withdraw(world.store, claim, world.priya, f"  {longest}\n")
    assert len(longest) == 500
    assert timeline.history(world.store, claim)[-1]["words"] == f"Withdrawn: {longest}"
    assert world.store.one("SELECT json_extract(data, '$.reason') FROM claim_events WHERE claim_id = ? "
                           "AND kind = 'withdrawn'", (claim,))[0] == longest


def test_a_withdrawal_without_a_reason_records_none(world: World) -> None:
    claim = drafted(world)
    workflow.withdraw(world.store, claim, world.priya, "   ")
    assert timeline.history(world.store, claim)[-1]["words"] == "Withdrawn."


# --- approval -------------------------------------------------------------------------


def test_approving_your_own_claim_is_refused(world: World) -> None:
    world.present(world.meeting, world.ben)
    claim = drafting.create_claim(world.store, world.meeting, world.ben, world.ben)
    line_edits.add_expense(world.store, claim, world.ben, {"category": "parking", "amount": "3"})
    workflow.submit(world.store, claim, world.grace)
    world.close(world.meeting)
    with pytest.raises(CoprodError, match="You can't approve your own claim."):
        workflow.approve(world.store, claim, world.ben)


def test_the_submitter_cannot_approve(world: World) -> None:
    claim = submitted(world, by=world.grace)
    world.close(world.meeting)
    with pytest.raises(CoprodError, match="You sent this claim for approval, so someone else must approve it."):
        workflow.approve(world.store, claim, world.grace)
    workflow.approve(world.store, claim, world.ben)
    assert status(world, claim) == "approved"


def test_only_staff_approve(world: World) -> None:
    claim = submitted(world)
    world.close(world.meeting)
    with pytest.raises(CoprodError, match="Only staff can approve claims."):
        workflow.approve(world.store, claim, world.aisha)


def test_approval_waits_for_the_meeting_to_be_closed(world: World) -> None:
    claim = submitted(world)
    before = world.changes()
    with pytest.raises(CoprodError, match="The meeting is not closed yet."):
        workflow.approve(world.store, claim, world.ben)
    assert world.changes() == before


def test_approval_needs_the_claimant_marked_present(world: World) -> None:
    from store import attendance, meetings

    claim = submitted(world)
    attendance.mark(world.store, world.meeting, world.priya, "absent")
    world.close(world.meeting)
    with pytest.raises(CoprodError, match="Priya Shah is not marked present at this meeting"):
        workflow.approve(world.store, claim, world.ben)
    meetings.set_status(world.store, world.meeting, "open")
    attendance.mark(world.store, world.meeting, world.priya, "present")
    world.close(world.meeting)
    workflow.approve(world.store, claim, world.ben)


def test_a_draft_is_not_approved(world: World) -> None:
    claim = drafted(world)
    world.close(world.meeting)
    with pytest.raises(CoprodError, match="This claim is a draft: it can't be approved."):
        workflow.approve(world.store, claim, world.ben)


# --- payment, corrections and batches -----------------------------------------------------


@pytest.mark.parametrize(("reference", "paid_on", "words"), [
    ("", "20/11/2026", "Give the payment reference"),
    ("BACS-1", "", "Fill in the date"),
    ("BACS-1", "31/02/2026", "not a real date"),
    ("BACS-1", "01/01/2027", "The payment date is in the future."),
])
def test_payment_needs_a_reference_and_a_real_past_date(world: World, reference, paid_on, words) -> None:
    claim = approved(world)
    with pytest.raises(InputError, match=words):
        workflow.mark_paid(world.store, claim, world.fiona, reference, paid_on)
    assert status(world, claim) == "approved"


def test_a_correction_to_a_paid_claim_is_a_new_line_not_an_edit(world: World) -> None:
    claim = approved(world)
    workflow.mark_paid(world.store, claim, world.fiona, "BACS-1", "20/11/2026")
    before = queries.claim_lines(world.store, claim)
    workflow.adjust(world.store, claim, world.ben, {"line_kind": "expense", "category": "rail_bus", "amount": "-1.40",
                                                    "note": "The fare was £5.00."})
    after = queries.claim_lines(world.store, claim)
    assert after[:len(before)] == before
    assert (after[-1]["amount_pence"], after[-1]["adjustment"], after[-1]["note"]) == (-140, 1, "The fare was £5.00.")
    state = world.store.one("SELECT status, expense_pence, total_pence FROM claim_state WHERE claim_id = ?", (claim,))
    assert tuple(state) == ("paid", 500, 8000)


@pytest.mark.parametrize(("data", "words"), [
    ({"line_kind": "expense", "category": "rail_bus", "amount": "1", "note": ""}, "Say why the claim is corrected"),
    ({"line_kind": "expense", "category": "rail_bus", "amount": "0", "note": "x"}, "at least 1p"),
    ({"line_kind": "fee", "category": "rail_bus", "amount": "1", "note": "x"}, "That category is not a kind of fee."),
    ({"line_kind": "expense", "category": "rail_bus", "amount": "-200", "note": "x"}, "below nothing"),
])
def test_bad_corrections_are_refused(world: World, data, words) -> None:
    claim = approved(world)
    with pytest.raises(InputError, match=words):
        workflow.adjust(world.store, claim, world.ben, data)


def test_a_draft_is_changed_not_corrected(world: World) -> None:
    claim = drafted(world)
    with pytest.raises(CoprodError, match="only an approved or paid claim is corrected"):
        workflow.adjust(world.store, claim, world.ben, {"line_kind": "fee", "category": "prep", "amount": "5", "note": "x"})


def test_a_batch_takes_approved_claims_once_all_or_nothing(world: World) -> None:
    world.present(world.meeting, world.priya, world.aisha, world.tomasz)
    first, second = approved(world), approved(world, world.aisha)
    waiting = submitted(world, world.tomasz)
    before = world.changes()
    with pytest.raises(CoprodError) as caught:
        workflow.record_batch(world.store, [first, waiting], world.fiona)
    assert "Nothing was put in the batch." in caught.value.message
    assert waiting in caught.value.message and first not in caught.value.message
    assert world.changes() == before
    batch = workflow.record_batch(world.store, [first, second], world.fiona)
    assert {r[0] for r in world.store.query("SELECT batch_id FROM claim_state WHERE claim_id IN (?, ?)", (first, second))} == {batch}
    with pytest.raises(CoprodError, match="already in a payment batch"):
        workflow.record_batch(world.store, [second], world.fiona)


# --- history --------------------------------------------------------------------------


def test_history_says_who_did_what_in_order(world: World) -> None:
    claim = approved(world)
    workflow.mark_paid(world.store, claim, world.fiona, "BACS-9", "21/11/2026")
    story = [(h["actor"], h["words"]) for h in timeline.history(world.store, claim)]
    assert story == [
        ("Grace Okafor", "Claim started."),
        ("Grace Okafor", "Added Half day: £75.00."),
        ("Priya Shah", "Added Rail or bus: £6.40."),
        ("Grace Okafor", "Sent for approval."),
        ("Ben Carter", "Approved."),
        ("Fiona Hughes", "Paid on 21 Nov 2026, reference BACS-9."),
    ]
    assert all(h["applied"] and h["conflict"] is None for h in timeline.history(world.store, claim))


# --- payments back from finance ---------------------------------------------------------


def test_payments_file_marks_every_named_claim_paid(world: World) -> None:
    world.present(world.meeting, world.priya, world.aisha, world.tomasz)
    first, second = approved(world), approved(world, world.aisha)
    done = payments.import_payments(world.store, [(first, "BACS-1", "20/11/2026"),
                                                  {"claim_id": second[:13], "payment_reference": "BACS-2",
                                                   "paid_on": "2026-11-21"}], world.fiona)
    assert done == {"paid": 2, "already": 0}
    assert (status(world, first), status(world, second)) == ("paid", "paid")
    again = payments.import_payments(world.store, [(first, "BACS-1", "20/11/2026")], world.fiona)
    assert again == {"paid": 0, "already": 1}


def test_payments_file_with_any_bad_row_writes_nothing_and_names_every_bad_row(world: World) -> None:
    world.present(world.meeting, world.priya, world.aisha, world.tomasz, world.olu)
    good, waiting = approved(world), submitted(world, world.aisha)
    second = approved(world, world.olu)
    rejected = submitted(world, world.tomasz)
    workflow.reject(world.store, rejected, world.ben, "Duplicate.")
    before = world.changes()
    rows = [(good, "BACS-1", "20/11/2026"), ("no-such-claim", "BACS-2", "20/11/2026"), (waiting, "BACS-3", "20/11/2026"),
            (rejected, "BACS-4", "20/11/2026"), (good, "BACS-5", "20/11/2026"), (second, "", "20/11/2026")]
    with pytest.raises(payments.PaymentsRefused) as caught:
        payments.import_payments(world.store, rows, world.fiona, first_row=2)
    problems = dict(caught.value.problems)
    assert sorted(problems) == [3, 4, 5, 6, 7]
    assert problems[3] == "There is no claim with id no-such-claim."
    assert problems[4] == "This claim is waiting for approval: it can't be paid."
    assert problems[5] == "This claim is rejected: it can't be paid."
    assert problems[6] == "Row 2 gives this claim another payment reference or date."
    assert problems[7] == "Give the payment reference from finance."
    assert caught.value.message.startswith("Nothing was marked paid: 5 rows have problems. Row 3: There is no claim")
    assert world.changes() == before
    assert status(world, good) == "approved"


@pytest.mark.parametrize(("bad_rows", "ending"), [(21, "And 1 more row."), (23, "And 3 more rows.")])
def test_a_payments_file_with_many_bad_rows_names_twenty_and_counts_the_rest(world: World, bad_rows, ending) -> None:
    before = world.changes()
    rows = [(f"nosuch{number:02d}", "BACS-1", "20/11/2026") for number in range(bad_rows)]
    with pytest.raises(payments.PaymentsRefused) as caught:
        payments.import_payments(world.store, rows, world.fiona, first_row=2)
    message = caught.value.message
    assert message.startswith(f"Nothing was marked paid: {bad_rows} rows have problems. Row 2: There is no claim")
    assert "Row 21: There is no claim with id nosuch19." in message and "Row 22:" not in message
    assert message.endswith(" " + ending)
    assert len(caught.value.problems) == bad_rows
    assert world.changes() == before


def test_every_state_has_a_label_and_a_word_for_sentences() -> None:
    from store import vocab

    assert set(vocab.CLAIM_STATUSES) == set(STATUSES) == set(vocab.CLAIM_STATUS_WORDS)
