"""One claim's steps from its screen: send, approve (and the refusals), reject with a reason, pay, correct, withdraw."""

from __future__ import annotations

from drive import SIZE, fill, notifications, shown, type_text
from screen_text import screen_lines, screen_text
from drive_claims import (
    be, claim_on_disk, events_on_disk, lines_on_disk, mark_present, open_claim, own_settings, paid_member, staff,
)

from cli_env import FIXED_TODAY
from store import attendance, claims, members
from tui.screens.claim import ClaimScreen
from tui.screens.claim_dialogs import FieldsDialog

__all__ = ["own_settings"]

TRAIN = {"category": "rail_bus", "amount": "12.40", "receipt_ref": "R1001", "receipt_path": "receipts/train.pdf"}


def _claim(store, meeting: str, member: dict, by: dict, submit: bool = True) -> str:
    """A claim for `member` with a train fare, started (and sent, unless told not to) by `by`."""
    claim = claims.create_claim(store, meeting, member["id"], by["id"])
    claims.add_expense(store, claim, by["id"], TRAIN)
    if submit:
        claims.submit(store, claim, by["id"])
    return claim


def _paid_claim(store, meeting: str) -> str:
    """A member's claim for a train fare at `meeting`, sent, approved and paid (BACS-1, today); the meeting closed."""
    member = paid_member(store, "fee_and_expenses")
    mark_present(store, meeting, member)
    claim = _claim(store, meeting, member, staff(store, 1))
    attendance.close_meeting(store, meeting, mark_absent=False)
    claims.approve(store, claim, staff(store, 2)["id"])
    claims.mark_paid(store, claim, staff(store, 2)["id"], "BACS-1", FIXED_TODAY)
    return claim


async def _press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def test_a_draft_is_sent_for_approval_with_s(db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    member = paid_member(store, "fee_and_expenses")
    mark_present(store, open_meeting, member)
    sender = staff(store, 1)
    claim = _claim(store, open_meeting, member, staff(store, 0), submit=False)
    be(store, sender)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_claim(pilot, claim)
        assert "A draft" in shown(screen.query_one("#claim-next"))
        await _press(pilot, "s")
        on_disk = claim_on_disk(db_path, claim)
        assert (on_disk["status"], on_disk["submitted_by"]) == ("submitted", sender["id"])
        assert "Sent for approval." in notifications(app)
        assert shown(screen.query_one("#claim-heading")).splitlines()[1].startswith("◔ Waiting for approval")
        assert f"{sender['name']}: Sent for approval." in shown(screen.query_one("#claim-history"))


async def test_approving_your_own_claim_is_refused_in_plain_words(db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    claimant, colleague = staff(store, 0), staff(store, 1)
    mark_present(store, open_meeting, claimant)
    claim = _claim(store, open_meeting, claimant, colleague)
    attendance.close_meeting(store, open_meeting, mark_absent=False)
    be(store, claimant)
    async with app.run_test(size=SIZE) as pilot:
        await open_claim(pilot, claim)
        await _press(pilot, "a")
        assert "You can't approve your own claim. Ask another member of staff." in notifications(app)
        assert claim_on_disk(db_path, claim)["status"] == "submitted"
        assert "approved" not in events_on_disk(db_path, claim)


async def test_the_person_who_sent_a_claim_cannot_approve_it(db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    member, sender = paid_member(store, "fee_and_expenses"), staff(store, 1)
    mark_present(store, open_meeting, member)
    claim = _claim(store, open_meeting, member, sender)
    attendance.close_meeting(store, open_meeting, mark_absent=False)
    be(store, sender)
    async with app.run_test(size=SIZE) as pilot:
        await open_claim(pilot, claim)
        await _press(pilot, "a")
        assert "You sent this claim for approval, so someone else must approve it." in notifications(app)
        assert claim_on_disk(db_path, claim)["status"] == "submitted"


async def test_approval_waits_until_the_meeting_is_closed(db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    member = paid_member(store, "fee_and_expenses")
    mark_present(store, open_meeting, member)
    claim = _claim(store, open_meeting, member, staff(store, 1))
    be(store, staff(store, 2))
    async with app.run_test(size=SIZE) as pilot:
        await open_claim(pilot, claim)
        await _press(pilot, "a")
        assert ("The meeting is not closed yet. Close it to confirm who attended, then approve."
                in notifications(app))
        assert claim_on_disk(db_path, claim)["status"] == "submitted"


async def test_someone_no_longer_staff_cannot_approve(db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    member, approver = paid_member(store, "fee_and_expenses"), staff(store, 2)
    mark_present(store, open_meeting, member)
    claim = _claim(store, open_meeting, member, staff(store, 1))
    attendance.close_meeting(store, open_meeting, mark_absent=False)
    be(store, approver)
    members.update_member(store, approver["id"], {"member_type": "trustee"})
    async with app.run_test(size=SIZE) as pilot:
        await open_claim(pilot, claim)
        await _press(pilot, "a")
        assert "Only staff can approve claims." in notifications(app)
        assert claim_on_disk(db_path, claim)["status"] == "submitted"


async def test_staff_approve_a_claim_for_a_closed_meeting(db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    member, approver = paid_member(store, "fee_and_expenses"), staff(store, 2)
    mark_present(store, open_meeting, member)
    claim = _claim(store, open_meeting, member, staff(store, 1))
    attendance.close_meeting(store, open_meeting, mark_absent=False)
    be(store, approver)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_claim(pilot, claim)
        await _press(pilot, "a")
        on_disk = claim_on_disk(db_path, claim)
        assert (on_disk["status"], on_disk["approved_by"]) == ("approved", approver["id"])
        assert f"Approved by {approver['name']}" in shown(screen.query_one("#claim-heading"))


async def test_rejecting_needs_a_reason_and_keeps_it(db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    member = paid_member(store, "fee_and_expenses")
    mark_present(store, open_meeting, member)
    claim = _claim(store, open_meeting, member, staff(store, 1))
    be(store, staff(store, 2))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_claim(pilot, claim)
        await _press(pilot, "r")
        dialog = app.screen
        assert isinstance(dialog, FieldsDialog)
        await _press(pilot, "enter")
        assert app.screen is dialog
        assert shown(dialog.query_one("#error-reason")) == "Say why, so the member knows."
        assert claim_on_disk(db_path, claim)["status"] == "submitted"
        await type_text(pilot, "The train fare was claimed on an earlier claim.")
        await _press(pilot, "enter")
        assert app.screen is screen
        on_disk = claim_on_disk(db_path, claim)
        assert (on_disk["status"], on_disk["rejected_reason"]) == (
            "rejected", "The train fare was claimed on an earlier claim.")
        assert "Why: The train fare was claimed on an earlier claim." in shown(screen.query_one("#claim-heading"))


async def test_marking_paid_needs_the_reference_and_records_it_with_the_day(
        db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    member = paid_member(store, "fee_and_expenses")
    mark_present(store, open_meeting, member)
    claim = _claim(store, open_meeting, member, staff(store, 1))
    attendance.close_meeting(store, open_meeting, mark_absent=False)
    claims.approve(store, claim, staff(store, 2)["id"])
    be(store, staff(store, 0))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_claim(pilot, claim)
        await _press(pilot, "p")
        dialog = app.screen
        await _press(pilot, "enter")
        assert shown(dialog.query_one("#error-payment_reference")) == "Give the payment reference from finance."
        assert claim_on_disk(db_path, claim)["status"] == "approved"
        await type_text(pilot, "BACS-20491")
        await _press(pilot, "enter")
        assert app.screen is screen
        on_disk = claim_on_disk(db_path, claim)
        assert (on_disk["status"], on_disk["payment_reference"], on_disk["paid_at"]) == (
            "paid", "BACS-20491", FIXED_TODAY)
        assert "reference BACS-20491" in shown(screen.query_one("#claim-heading"))


async def test_a_paid_claim_is_corrected_with_a_line_and_a_reason_never_edited(
        db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    claim = _paid_claim(store, open_meeting)
    before = claim_on_disk(db_path, claim)
    be(store, staff(store, 0))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_claim(pilot, claim)
        assert not screen.check_action("add_expense", ())  # a paid claim takes no new lines
        await _press(pilot, "j")
        dialog = app.screen
        await type_text(pilot, "-2.40")
        await _press(pilot, "enter")
        assert shown(dialog.query_one("#error-note")) == "Say why the claim is corrected, so the member knows."
        assert len(lines_on_disk(db_path, claim)) == 1
        await fill(pilot, "#field-note", "The return fare was 10.00, not 12.40.")
        await _press(pilot, "enter")
        lines = lines_on_disk(db_path, claim)
        assert [(l["adjustment"], l["amount_pence"], l["note"]) for l in lines] == [
            (0, 1240, None), (1, -240, "The return fare was 10.00, not 12.40.")]
        after = claim_on_disk(db_path, claim)
        assert (after["status"], after["total_pence"]) == ("paid", before["total_pence"] - 240)


async def test_a_correction_owed_after_payment_is_shown_and_marked_paid_with_p(
        db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    claim = _paid_claim(store, open_meeting)
    be(store, staff(store, 0))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_claim(pilot, claim)
        assert not screen.check_action("paid", ())  # paid, and nothing owed
        await _press(pilot, "j")
        await type_text(pilot, "3.50")
        await fill(pilot, "#field-note", "The bus home was missed off.")
        await _press(pilot, "enter")
        assert claim_on_disk(db_path, claim)["correction_due_pence"] == 350
        assert shown(screen.query_one("#claim-next")).startswith("A correction of £3.50 is owed:")
        assert shown(screen.query_one("#claim-totals")).endswith("Owed: £3.50")
        drawn = [line for line in screen_lines(app) if "£" in line and ("Expense" in line)]
        assert [line.replace("▶", "").split()[:3] for line in drawn][:2] == [
            ["Expense", "Rail", "or"], ["⚠", "Owed:", "Expense"]]
        assert screen.check_action("paid", ())
        await _press(pilot, "p")
        assert "Mark this correction paid?" in screen_text(app) and "the correction of £3.50" in screen_text(app)
        await type_text(pilot, "BACS-2")
        await _press(pilot, "enter")
        assert app.screen is screen
        assert "Correction marked paid." in notifications(app)
        on_disk = claim_on_disk(db_path, claim)
        # The claim keeps its own payment; the correction has its own.
        assert (on_disk["payment_reference"], on_disk["correction_due_pence"]) == ("BACS-1", 0)
        assert [(l["adjustment"], l["paid_on"], l["payment_reference"]) for l in lines_on_disk(db_path, claim)] == [
            (0, FIXED_TODAY, "BACS-1"), (1, FIXED_TODAY, "BACS-2")]
        assert not screen.check_action("paid", ())
        assert "Correction of £3.50 paid on" in shown(screen.query_one("#claim-history"))


async def test_a_draft_line_is_taken_off_after_asking_and_stays_in_the_history(
        db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    member, boss = paid_member(store, "fee_and_expenses"), staff(store, 0)
    mark_present(store, open_meeting, member)
    claim = _claim(store, open_meeting, member, boss, submit=False)
    claims.add_expense(store, claim, boss["id"], {"category": "parking", "amount": "4.00", "receipt_ref": "P1",
                                                  "receipt_path": "receipts/parking.pdf"})
    be(store, boss)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_claim(pilot, claim)
        assert app.focused is screen.table
        await _press(pilot, "down", "delete")
        await _press(pilot, "enter")  # "Take it off" has the focus
        assert [l["category"] for l in lines_on_disk(db_path, claim)] == ["rail_bus"]
        assert "Took off Parking: £4.00." in shown(screen.query_one("#claim-history"))
        assert screen.table.total == 1


async def test_a_draft_is_withdrawn_with_w_and_kept(db_path, demo_store, open_meeting, app) -> None:
    store = demo_store
    member = paid_member(store, "fee_and_expenses")
    mark_present(store, open_meeting, member)
    claim = _claim(store, open_meeting, member, staff(store, 0), submit=False)
    be(store, staff(store, 0))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_claim(pilot, claim)
        await _press(pilot, "w")
        await type_text(pilot, "Claimed through their employer after all.")
        await _press(pilot, "enter")
        assert claim_on_disk(db_path, claim)["status"] == "withdrawn"
        assert "Withdrawn: Claimed through their employer after all." in shown(screen.query_one("#claim-history"))


async def test_a_withdrawal_reason_too_long_is_refused_beside_it_and_nothing_is_cut_or_written(
        db_path, demo_store, open_meeting, app) -> None:
    from textual.events import Paste

    store = demo_store
    member = paid_member(store, "fee_and_expenses")
    mark_present(store, open_meeting, member)
    claim = _claim(store, open_meeting, member, staff(store, 0), submit=False)
    be(store, staff(store, 0))
    long_reason = "They asked us to stop this claim because " + "it was sent by mistake, " * 20 + "sorry."
    assert len(long_reason) > 500
    async with app.run_test(size=SIZE) as pilot:
        await open_claim(pilot, claim)
        await _press(pilot, "w")
        dialog = app.screen
        assert isinstance(dialog, FieldsDialog)
        # Pasted, as a long reason usually is.
        app.focused.post_message(Paste(long_reason))
        await pilot.pause()
        await _press(pilot, "enter")
        assert app.screen is dialog
        assert shown(dialog.query_one("#error-reason")) == "Keep this under 500 characters."
        assert dialog.query_one("#field-reason").value == long_reason
        assert claim_on_disk(db_path, claim)["status"] == "draft"
        assert "withdrawn" not in events_on_disk(db_path, claim)


async def test_a_step_needs_to_know_who_you_are_and_asks_first(db_path, demo_store, open_meeting, app) -> None:
    from tui.screens.who_are_you import WhoAreYouDialog

    store = demo_store
    member, sender = paid_member(store, "fee_and_expenses"), staff(store, 0)
    mark_present(store, open_meeting, member)
    claim = _claim(store, open_meeting, member, sender, submit=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_claim(pilot, claim)
        await _press(pilot, "s")
        assert isinstance(app.screen, WhoAreYouDialog)
        assert claim_on_disk(db_path, claim)["status"] == "draft"
        await type_text(pilot, sender["name"])
        await _press(pilot, "enter")
        # Once chosen, the step goes ahead as that person.
        assert isinstance(app.screen, ClaimScreen)
        on_disk = claim_on_disk(db_path, claim)
        assert (on_disk["status"], on_disk["submitted_by"]) == ("submitted", sender["id"])
