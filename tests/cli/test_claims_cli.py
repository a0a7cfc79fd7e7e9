"""`coprod claims …` from the command line: lists, one claim, drafting, lines and every step, and their refusals."""

from __future__ import annotations

import json

import pytest
from claims_money_world import build_money_world

from store import attendance
from store.claims.queries import get_claim
from tui.cli import main

RAIL = {"category": "rail_bus", "amount": "12.40", "receipt_ref": "T-881", "receipt_path": "receipts/rail.pdf"}


@pytest.fixture
def money(store, monkeypatch):
    """March: Priya's claim approved, Tomasz's sent; June: Priya's draft (no fee yet)."""
    monkeypatch.delenv("COPROD_AS", raising=False)
    w = build_money_world(store, "Priya Shah")
    w.priya_claim = w.approved(w.march, w.priya, RAIL)
    w.tomasz_claim = w.claim(w.march, w.tomasz)
    from store.claims import workflow

    workflow.submit(store, w.tomasz_claim, w.grace)
    w.draft_claim = w.claim(w.june, w.priya, fee=None)
    return w


def run(db_path, *args: str) -> int:
    return main(["--db", str(db_path), "claims", *args])


def refused(capsys, message: str) -> None:
    """The command said one thing on one line, on stderr, and printed nothing else."""
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"coprod: {message}\n"


def status(store, claim_id: str) -> str:
    return store.one("SELECT status FROM claim_state WHERE claim_id = ?", (claim_id,))[0]


def test_list_of_a_meeting_shows_each_claim_and_the_totals(money, db_path, capsys):
    assert run(db_path, "list", "--meeting", money.march[:13]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Member", "Meeting", "State", "Fees", "Expenses", "Total", "Id"]
    assert lines[1].split("  ")[0] == "Priya Shah"
    assert "March meeting, in Cardiff, 14 Mar 2026" in lines[1] and "Approved" in lines[1]
    assert lines[1].split()[-4:] == ["£75.00", "£12.40", "£87.40", money.priya_claim]
    assert "Waiting for approval" in lines[2] and lines[2].split()[-1] == money.tomasz_claim
    assert lines[3] == ("2 claims. Not counting rejected or withdrawn claims: fees £150.00, expenses £12.40, "
                        "total £162.40.")


def test_list_of_a_member_as_json_with_a_status(money, db_path, capsys):
    assert run(db_path, "list", "--member", money.priya, "--status", "draft", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["claim_id"], r["status"], r["total_pence"], r["meeting_title"]) for r in rows] == [
        (money.draft_claim, "draft", 0, 'The "big" June meeting')]
    assert rows[0]["conflict"] is False


def test_list_of_the_whole_network_by_status_in_words(money, db_path, capsys):
    assert run(db_path, "list", "--status", "waiting for approval", "--format", "json") == 0
    assert [r["claim_id"] for r in json.loads(capsys.readouterr().out)] == [money.tomasz_claim]
    assert run(db_path, "list", "--format", "json") == 0
    assert {r["claim_id"] for r in json.loads(capsys.readouterr().out)} == {
        money.priya_claim, money.tomasz_claim, money.draft_claim}


def test_list_with_a_bad_status_is_refused(money, db_path, capsys):
    assert run(db_path, "list", "--status", "lost") == 1
    refused(capsys, "lost is not a claim status. Choose one of: draft, submitted, approved, paid, rejected, withdrawn.")


def test_show_gives_lines_warnings_and_history_in_words(money, db_path, capsys):
    assert run(db_path, "add-expense", money.draft_claim, "--category", "taxi", "--amount", "14", "--as",
               money.grace) == 0
    capsys.readouterr()
    assert run(db_path, "show", money.draft_claim[:13]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:6] == [f"Claim {money.draft_claim}", "Member: Priya Shah",
                       'Meeting: The "big" June meeting, 20 Jun 2026', "State: Draft", "Payment: bank transfer",
                       "Fees £0.00, expenses £14.00, total £14.00."]
    taxi = out[out.index("Lines:") + 2]
    (line,) = get_claim(money.store, money.draft_claim)["lines"]
    assert taxi.split() == ["Taxi", "Expense", "1", "£14.00", line["line_id"]]  # no rate: a plain amount
    warnings = out[out.index("Warnings:") + 1:out.index("History:") - 1]
    assert warnings == ["- No receipt for Taxi (£14.00). Add the receipt reference and file.",
                        "- Taxi (£14.00) was not agreed beforehand. Check it was needed.",
                        "- This claim is past the deadline: claims are due within 90 days of the meeting, by 18 Sept 2026."]
    history = out[out.index("History:") + 2:]
    assert [h.split("  ")[-1].strip() for h in history] == ["Claim started.", "Added Taxi: £14.00."]
    assert all("Grace Okafor" in h for h in history)


def test_show_as_json_holds_the_claim_in_full(money, db_path, capsys):
    assert run(db_path, "show", money.priya_claim, "--format", "json") == 0
    claim = json.loads(capsys.readouterr().out)
    assert (claim["status"], claim["total_pence"], claim["approved_by_name"]) == ("approved", 8740, "Ben Carter")
    assert [h["kind"] for h in claim["history"]] == ["created", "line_added", "line_added", "submitted", "approved"]


def test_start_makes_an_empty_claim_for_someone_present(money, db_path, capsys):
    attendance.mark(money.store, money.november, money.tomasz, "present")
    assert run(db_path, "start", "--meeting", money.november, "--member", money.tomasz, "--as", money.grace) == 0
    out = capsys.readouterr().out
    assert out.startswith("Started a claim for Tomasz Nowak: ")
    claim_id = out.strip().rsplit(" ", 1)[1]
    claim = get_claim(money.store, claim_id)
    assert (claim["member_id"], claim["meeting_id"], claim["status"], claim["payment_method"]) == (
        money.tomasz, money.november, "draft", "vouchers")


def test_a_claim_for_someone_who_was_absent_is_refused_and_nothing_is_written(money, db_path, capsys):
    changes = money.changes()
    assert run(db_path, "start", "--meeting", money.march, "--member", money.olu, "--as", money.grace) == 1
    refused(capsys, "Olu Adebayo is not marked present at this meeting, so there is nothing to claim for it.")
    assert money.changes() == changes


def test_draft_makes_claims_from_the_register_once_and_names_who_was_left_out_and_why(money, db_path, capsys):
    w = money
    for person in (w.tomasz, w.grace):
        attendance.mark(w.store, w.november, person, "present")
    assert run(db_path, "draft", "--meeting", w.november, "--prep-hours", "1.5", "--as", w.grace) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Made 2 draft claims."
    assert out[1].split() == ["Member", "Fees", "Expenses", "Total", "Id"]
    # November ran 10:00-13:00: a half day (£75) and an hour and a half's preparation (£37.50).
    assert [line.split()[-4:-1] for line in out[2:4]] == [["£112.50", "£0.00", "£112.50"]] * 2
    assert [line.split("  ")[0] for line in out[2:4]] == ["Priya Shah", "Tomasz Nowak"]
    assert out[4:] == ["Left out 1 person:", "• Grace Okafor: staff are not paid through claims"]
    changes = w.changes()
    assert run(db_path, "draft", "--meeting", w.november, "--as", w.grace) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Made 0 draft claims.", "Left out 3 people:",
        "• Grace Okafor: staff are not paid through claims",
        "• Priya Shah: already has a claim",
        "• Tomasz Nowak: already has a claim",
    ]
    assert w.changes() == changes


def test_draft_with_no_one_left_out_says_so(money, db_path, capsys):
    attendance.mark(money.store, money.november, money.tomasz, "present")
    assert run(db_path, "draft", "--meeting", money.november, "--as", money.grace) == 0
    out = capsys.readouterr().out.splitlines()
    assert (out[0], out[-1]) == ("Made 2 draft claims.", "No one marked present was left out.")


def test_add_expense_works_out_mileage_and_says_the_new_total(money, db_path, capsys):
    assert run(db_path, "add-expense", money.draft_claim, "--category", "car", "--miles", "30", "--passengers", "1",
               "--as", money.priya) == 0
    out = capsys.readouterr().out.splitlines()
    lines = get_claim(money.store, money.draft_claim)["lines"]
    assert out == [f"Added Car mileage: £13.50 (line {lines[0]['line_id']}).",
                   f"Added Car passengers: £1.50 (line {lines[1]['line_id']}).",
                   "Priya Shah's claim now comes to £15.00."]


def test_add_expense_with_a_receipt_and_prior_approval_has_no_warnings(money, db_path, capsys):
    assert run(db_path, "add-expense", money.draft_claim, "--category", "taxi", "--amount", "£22.75",
               "--receipt", "CAB-12", "--file", "receipts/cab.pdf", "--prior-approval", "--note", "No bus that day",
               "--as", money.grace) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Added Taxi: £22.75 (line ") and out[1] == "Priya Shah's claim now comes to £22.75."
    assert len(out) == 2
    (line,) = get_claim(money.store, money.draft_claim)["lines"]
    assert (line["receipt_ref"], line["receipt_path"], line["prior_approval"], line["note"], line["amount_pence"]) == (
        "CAB-12", "receipts/cab.pdf", 1, "No bus that day", 2275)


def test_add_expense_without_a_receipt_warns_but_adds_it(money, db_path, capsys):
    assert run(db_path, "add-expense", money.draft_claim, "--category", "rail_bus", "--amount", "8", "--as",
               money.grace) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Warning: No receipt for Rail or bus (£8.00). Add the receipt reference and file.")
    assert get_claim(money.store, money.draft_claim)["total_pence"] == 800


@pytest.mark.parametrize("args, message", [
    (["--category", "rail_bus", "--amount", "-5"], "An amount of money cannot be negative."),
    (["--category", "rail_bus", "--amount", "five pounds"],
     "five pounds is not an amount of money. Use pounds and pence, for example 12.50."),
    (["--category", "rail_bus", "--amount", "£1,000,000.999"],
     "£1,000,000.999 is not an amount of money. Use pounds and pence, for example 12.50."),
    (["--category", "rail_bus", "--amount", "6000"], "£6,000.00 is more than coprod takes here (up to £5,000.00)."),
    (["--category", "car", "--miles", "1000000000"], "1000000000 is more than 2000. Check the number."),
    (["--category", "car", "--miles", "-3"], "-3 is not a number. Use figures, for example 2.5."),
    (["--category", "lunch", "--amount", "5"], "lunch is not a kind of expense. Choose one of: "),
    (["--category", "car", "--amount", "5"], "Give the miles: coprod works out the amount."),
])
def test_bad_expenses_are_refused_in_one_line_and_nothing_is_written(money, db_path, capsys, args, message):
    changes = money.changes()
    assert run(db_path, "add-expense", money.draft_claim, *args, "--as", money.grace) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"coprod: {message}") and captured.err.count("\n") == 1
    assert money.changes() == changes


def test_add_fee_and_remove_line(money, db_path, capsys):
    assert run(db_path, "add-fee", money.draft_claim, "--category", "hours", "--hours", "2.5", "--as", money.grace) == 0
    out = capsys.readouterr().out.splitlines()
    (line,) = get_claim(money.store, money.draft_claim)["lines"]
    assert out == [f"Added Time (by the hour): £62.50 (line {line['line_id']}).", "Priya Shah's claim now comes to £62.50."]
    assert run(db_path, "remove-line", money.draft_claim, line["line_id"], "--as", money.grace) == 0
    assert capsys.readouterr().out == "Took the line off. Priya Shah's claim now comes to £0.00.\n"
    assert get_claim(money.store, money.draft_claim)["lines"][0]["removed"] == 1


def test_a_claim_goes_from_draft_to_paid_step_by_step(money, db_path, capsys):
    w = money
    claim = w.draft_claim
    assert run(db_path, "add-fee", claim, "--category", "half_day", "--as", w.grace) == 0
    capsys.readouterr()
    assert run(db_path, "submit", claim, "--as", w.priya) == 0
    # June was more than 90 days ago: the claim goes, and the warning is said.
    assert capsys.readouterr().out.splitlines() == [
        "Sent Priya Shah's claim for approval (£75.00).",
        "Warning: This claim is past the deadline: claims are due within 90 days of the meeting, by 18 Sept 2026."]
    assert run(db_path, "approve", claim, "--as", w.ben) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Approved Priya Shah's claim (£75.00)."
    assert run(db_path, "pay", claim, "--reference", "BACS 5521", "--paid-on", "20/11/2026", "--as", w.fiona) == 0
    assert capsys.readouterr().out == "Marked Priya Shah's claim paid: £75.00 on 20 Nov 2026, reference BACS 5521.\n"
    got = get_claim(w.store, claim)
    assert (got["status"], got["submitted_by"], got["approved_by"], got["paid_at"], got["payment_reference"]) == (
        "paid", w.priya, w.ben, "2026-11-20", "BACS 5521")
    assert [h["actor"] for h in got["history"]][-3:] == ["Priya Shah", "Ben Carter", "Fiona Hughes"]


def test_a_correction_to_a_paid_claim_is_paid_with_pay_and_a_repeat_is_refused(money, db_path, capsys):
    w = money
    claim = w.draft_claim
    for step in (("add-fee", claim, "--category", "half_day", "--as", w.grace), ("submit", claim, "--as", w.priya),
                 ("approve", claim, "--as", w.ben),
                 ("pay", claim, "--reference", "BACS 5521", "--paid-on", "20/11/2026", "--as", w.fiona),
                 ("correct", claim, "--kind", "fee", "--category", "prep", "--amount", "12.50", "--note",
                  "Preparation was missed off.", "--as", w.ben)):
        assert run(db_path, *step) == 0
    capsys.readouterr()
    assert run(db_path, "pay", claim, "--reference", "BACS 6001", "--paid-on", "21/11/2026", "--as", w.fiona) == 0
    assert capsys.readouterr().out == ("Marked the correction to Priya Shah's claim paid on 21 Nov 2026, "
                                       "reference BACS 6001.\n")
    got = get_claim(w.store, claim)
    assert (got["paid_at"], got["payment_reference"], got["correction_due_pence"]) == ("2026-11-20", "BACS 5521", 0)
    assert [(line["paid_on"], line["payment_reference"]) for line in got["lines"]] == [
        ("2026-11-20", "BACS 5521"), ("2026-11-21", "BACS 6001")]
    assert run(db_path, "pay", claim, "--reference", "BACS 6001", "--paid-on", "21/11/2026", "--as", w.fiona) == 1
    assert capsys.readouterr().err == "coprod: This payment is already recorded, with this reference and date.\n"


def test_send_back_reject_withdraw_and_correct(money, db_path, capsys):
    w = money
    assert run(db_path, "send-back", w.tomasz_claim, "--reason", "Add the bus fare.", "--as", w.ben) == 0
    assert capsys.readouterr().out == "Sent Tomasz Nowak's claim back for changes.\n"
    assert status(w.store, w.tomasz_claim) == "draft"
    assert run(db_path, "withdraw", w.tomasz_claim, "--as", w.tomasz) == 0
    assert capsys.readouterr().out == "Withdrew Tomasz Nowak's claim.\n"
    assert status(w.store, w.tomasz_claim) == "withdrawn"
    assert run(db_path, "correct", w.priya_claim, "--kind", "expense", "--category", "rail_bus", "--amount", "-2.40",
               "--note", "The fare was less.", "--as", w.ben) == 0
    assert capsys.readouterr().out == "Corrected Priya Shah's claim by -£2.40: it now comes to £85.00.\n"
    assert run(db_path, "add-fee", w.draft_claim, "--category", "half_day", "--as", w.grace) == 0
    assert run(db_path, "submit", w.draft_claim, "--as", w.grace) == 0
    capsys.readouterr()
    assert run(db_path, "reject", w.draft_claim, "--reason", "Claimed twice.", "--as", w.ben) == 0
    assert capsys.readouterr().out == "Rejected Priya Shah's claim.\n"
    assert get_claim(w.store, w.draft_claim)["rejected_reason"] == "Claimed twice."


def _grace_claim(w):
    """Grace (staff) was at March: a claim of her own for her train fare, which she sends."""
    claim = w.claim(w.march, w.grace, RAIL, fee=None)
    from store.claims import workflow

    workflow.submit(w.store, claim, w.grace)
    return claim


def _sent_by_ben(w):
    """Priya's June draft, given a fee and sent for approval by Ben."""
    from store.claims import line_edits, workflow

    line_edits.add_fee(w.store, w.draft_claim, w.grace, {"category": "half_day"})
    workflow.submit(w.store, w.draft_claim, w.ben)
    return w.draft_claim


def _rejected(w):
    """Tomasz's March claim, rejected."""
    from store.claims import workflow

    workflow.reject(w.store, w.tomasz_claim, w.ben, "Not needed.")
    return w.tomasz_claim


def _at_open_meeting(w):
    """Priya's claim for today's meeting, which is still open, sent for approval."""
    from store.claims import workflow

    claim = w.claim(w.november, w.priya)
    workflow.submit(w.store, claim, w.grace)
    return claim


@pytest.mark.parametrize("make, step, actor, message", [
    (_grace_claim, ["approve"], "grace", "You can't approve your own claim. Ask another member of staff."),
    (_sent_by_ben, ["approve"], "ben", "You sent this claim for approval, so someone else must approve it."),
    (lambda w: w.tomasz_claim, ["approve"], "priya", "Only staff can approve claims."),
    (_at_open_meeting, ["approve"], "ben",
     "The meeting is not closed yet. Close it to confirm who attended, then approve."),
    (_rejected, ["pay", "--reference", "B1", "--paid-on", "20/11/2026"], "fiona",
     "This claim is rejected: it can't be paid."),
    (lambda w: w.tomasz_claim, ["pay", "--reference", "B1", "--paid-on", "20/11/2026"], "fiona",
     "This claim is waiting for approval: it can't be paid."),
    (lambda w: w.priya_claim, ["pay", "--reference", "B1", "--paid-on", "01/12/2026"], "fiona",
     "The payment date is in the future. Give the day it was paid."),
    (lambda w: w.priya_claim, ["reject", "--reason", "No."], "ben", "This claim is approved: it can't be rejected."),
    (lambda w: w.draft_claim, ["submit"], "grace",
     "This claim has no lines yet. Add a fee or an expense before sending it."),
    (lambda w: w.tomasz_claim, ["withdraw", "--reason", "I " + "really " * 80 + "meant to."], "tomasz",
     "Keep this under 500 characters."),
])
def test_steps_that_are_not_allowed_are_refused_in_one_line_and_nothing_is_written(money, db_path, capsys, make,
                                                                                   step, actor, message):
    w = money
    claim = make(w)
    before, changes = status(w.store, claim), w.changes()
    assert run(db_path, step[0], claim, *step[1:], "--as", getattr(w, actor)) == 1
    refused(capsys, message)
    assert status(w.store, claim) == before and w.changes() == changes


def test_a_step_without_saying_who_is_refused_and_coprod_as_is_used(money, db_path, capsys, monkeypatch):
    changes = money.changes()
    assert run(db_path, "approve", money.tomasz_claim) == 1
    refused(capsys, "Say who is doing this: give --as with your member id, or set COPROD_AS.")
    assert money.changes() == changes
    monkeypatch.setenv("COPROD_AS", money.ben)
    assert run(db_path, "approve", money.tomasz_claim) == 0
    assert status(money.store, money.tomasz_claim) == "approved"


def test_an_unknown_claim_is_named(money, db_path, capsys):
    assert run(db_path, "show", "0000dead") == 1
    refused(capsys, "There is no claim with id 0000dead.")
