"""A member's jobs end to end in plain text: propose an item, hear what became of it, check claims and statement.

Each test runs the real command line against a real database and reads what
it printed line by line, as a screen reader would.
"""

from __future__ import annotations

import io
import sys

import pytest
from agenda_world import BUS_DECISION, BUS_TITLE, DECLINE_REASON, build_world
from claims_money_world import build_money_world
from cli_env import run_cli
from plain_lines import assert_plain, blocks

from store import agenda, agenda_run

TODAY = "Sunday 22 November 2026"
LATER = "Thursday 10 December 2026"
RAIL = {"category": "rail_bus", "amount": "12.40", "receipt_ref": "T-881"}


@pytest.fixture
def world(store, monkeypatch):
    monkeypatch.delenv("COPROD_MEMBER", raising=False)
    return build_world(store)


@pytest.fixture
def money(store, monkeypatch):
    """Priya's claims: March paid, June approved, November rejected."""
    monkeypatch.delenv("COPROD_AS", raising=False)
    monkeypatch.delenv("COPROD_MEMBER", raising=False)
    w = build_money_world(store, "Priya Shah")
    w.march_claim = w.paid(w.march, w.priya, "BACS-1001", "20/03/2026", RAIL)
    w.june_claim = w.approved(w.june, w.priya)
    w.november_claim = w.rejected(w.november, w.priya)
    w.tomasz_claim = w.approved(w.march, w.tomasz)
    return w


# --- proposing an item, one question at a time --------------------------------------------------------------


def test_member_on_their_own_computer_proposes_by_answering_each_question(world, db_path, capsys,
                                                                          monkeypatch) -> None:
    monkeypatch.setenv("COPROD_MEMBER", world.dafydd)
    monkeypatch.setattr(sys, "stdin", io.StringIO("4\n2\nLifts at the venue\n2\n200\n15\nThe lift is often broken.\n"))
    code, out, err = run_cli(capsys, "--db", str(db_path), "propose")
    assert (code, err) == (0, "")
    item_id = world.store.one("SELECT id FROM agenda_items WHERE title = 'Lifts at the venue'")[0]
    # Each question is its own line; a wrong answer is followed by the reason, then the same question again.
    assert [line.rstrip() for line in out.splitlines()] == [
        "To propose an item, answer each question and press Enter.",
        "Meetings you can propose an item for:",
        "1. Network meeting, Sunday 22 November 2026, 10:30–13:00 (open)",
        "2. Steering group, Thursday 10 December 2026, 10:00–12:00 (planned)",
        "3. Network meeting, Friday 15 January 2027 (planned)",
        "Which meeting? Type its number:",
        "Type a number from 1 to 3.",
        "Which meeting? Type its number:",
        "What is the item called?",
        "What do you want: 1 a decision, 2 a discussion, 3 information?",
        "How many minutes do you need?",
        "The meeting is only 120 minutes long. Ask for 120 minutes or less.",
        "How many minutes do you need?",
        "A short summary in plain words (press Enter to skip):",
        "Thank you. Your item has been sent. The facilitator will decide whether it goes on the agenda.",
        "What was sent:",
        f"Meeting: Steering group, {LATER}, 10:00–12:00",
        "Proposed by: Dafydd Evans",
        "Your name will not be on the agenda or in the minutes: you have not agreed to be named. Ask the "
        "facilitator if you want it to be.",
        "Item: Lifts at the venue",
        "You want: Discussion",
        "Time asked for: 15 minutes",
        "Summary: The lift is often broken.",
        f"Item id: {item_id}",
    ]
    assert "\x1b" not in out
    row = world.store.one("SELECT meeting_id, proposer_id, kind, minutes_asked, summary, status FROM agenda_items "
                          "WHERE id = ?", (item_id,))
    assert tuple(row) == (world.later, world.dafydd, "discussion", 15, "The lift is often broken.", "proposed")


def test_proposing_with_options_for_a_script_asks_nothing(world, db_path, capsys) -> None:
    code, out, err = run_cli(capsys, "--db", str(db_path), "propose", "--meeting", world.later[:-6], "--member",
                             world.sian, "--title", "Lifts", "--kind", "information", "--minutes", "5")
    assert (code, err) == (0, "")
    lines = assert_plain(out)
    assert "?" not in out and lines[0].startswith("Thank you. Your item has been sent.")
    assert "Your name will be on the agenda and in the minutes, as you agreed." in lines


# --- what became of my items ------------------------------------------------------------------------------------


def test_what_became_of_my_items_reads_one_item_a_block(world, db_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COPROD_MEMBER", world.sian)
    code, out, err = run_cli(capsys, "--db", str(db_path), "export", "you-said-we-did")
    assert (code, err) == (0, "")
    lines = assert_plain(out)
    assert not any(line.startswith(("#", "- ", "* ")) or "**" in line for line in lines)
    merged, earlier = lines.index("Free bus travel for carers"), lines.index("Hearing loops in GP surgeries")
    assert lines[:merged] == [
        "You said, we did", "", "For Siân Jones.", "",
        "These are the items you asked for at meetings, newest first, and what happened to each one.", ""]
    # Joined with another item, which is on the agenda: where it stands, and the decision.
    assert lines[merged:earlier] == [
        "Free bus travel for carers", "",
        f"You asked for a decision at Network meeting on {TODAY}.", "",
        "What happened", "",
        f"1. Network meeting on {TODAY}: It was joined with another item asking the same: {BUS_TITLE}.",
        f"2. Network meeting on {TODAY}: It is item 4 of 5 on the agenda.", "",
        # A decision typed on two lines keeps its line break.
        *f"The meeting decided: {BUS_DECISION}".split("\n"), "",
        "Actions", "",
        "Write to the council", "Who: Priya Shah and 1 other member", "Due: Tuesday 15 December 2026", "Now: Open",
        ""]
    # Taken at an earlier meeting, with its actions done or still open.
    assert blocks(lines[earlier:])[3] == [
        "1. Network meeting on Thursday 1 October 2026: It was item 4 of 5 on the agenda."]
    actions = blocks(lines[earlier:])[6:]
    assert [b[0] for b in actions] == ["Check which venues have a working hearing loop",
                                       "Send members the consultation link", "Ask the council for figures"]
    assert [b[-1] for b in actions] == ["Now: Open, overdue", "Now: Done: Sent on 20 November.", "Now: Open"]


def test_declined_and_deferred_items_say_why_and_where(world, db_path, capsys) -> None:
    _code, out, _err = run_cli(capsys, "--db", str(db_path), "export", "you-said-we-did", "--member", world.dafydd)
    assert f"1. Network meeting on {TODAY}: It was not taken. The reason: {DECLINE_REASON}" in assert_plain(out)

    carried = world.items["breaks_later"]
    agenda.accept(world.store, carried)
    agenda_run.set_decision(world.store, carried, "Agreed: breaks in every school holiday.")
    _code, out, _err = run_cli(capsys, "--db", str(db_path), "export", "you-said-we-did", "--member", world.priya)
    story = blocks(assert_plain(out))
    at = story.index(["Young carers' breaks"])
    assert story[at + 3:at + 5] == [
        [f"1. Network meeting on {TODAY}: It was moved to Steering group on {LATER}.",
         f"2. Steering group on {LATER}: It is item 4 of 5 on the agenda."],
        ["The meeting decided: Agreed: breaks in every school holiday."],
    ]


# --- my claims ------------------------------------------------------------------------------------------------------


def test_my_claims_read_one_claim_a_block_with_states_in_words_and_money(money, db_path, capsys,
                                                                         monkeypatch) -> None:
    monkeypatch.setenv("COPROD_MEMBER", money.priya)
    code, out, err = run_cli(capsys, "--db", str(db_path), "claims", "mine")
    assert (code, err) == (0, "")
    assert blocks(assert_plain(out)) == [
        ["Claims for Priya Shah",
         "3 claims. Not counting rejected or withdrawn claims: fees £150.00, expenses £12.40, total £162.40."],
        ["Meeting: November meeting, Sunday 22 November 2026", "State: Rejected", "Fees: £75.00",
         "Expenses: £0.00", "Total: £75.00", "Payment: bank transfer", "Rejected: This was claimed already.",
         f"To see this claim in full: coprod claims show {money.november_claim}"],
        ["Meeting: The \"big\" June meeting, Saturday 20 June 2026", "State: Approved", "Fees: £75.00",
         "Expenses: £0.00", "Total: £75.00", "Payment: bank transfer",
         f"To see this claim in full: coprod claims show {money.june_claim}"],
        ["Meeting: March meeting, in Cardiff, Saturday 14 March 2026", "State: Paid", "Fees: £75.00",
         "Expenses: £12.40", "Total: £87.40", "Payment: bank transfer",
         "Paid on Friday 20 March 2026, reference BACS-1001.",
         f"To see this claim in full: coprod claims show {money.march_claim}"],
    ]


def test_my_claims_in_one_state_and_for_a_member_given_by_option(money, db_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COPROD_MEMBER", money.tomasz)
    code, out, _err = run_cli(capsys, "--db", str(db_path), "claims", "mine", "--member", money.priya[:-6],
                              "--status", "paid")
    assert code == 0
    found = blocks(assert_plain(out))
    assert found[0][0] == "Claims for Priya Shah" and len(found) == 2
    assert found[1][1] == "State: Paid"


@pytest.mark.parametrize(("amount", "said"), [
    ("2.40", "A correction of £2.40 is still to be paid to you."),
    ("-3.00", "A correction takes £3.00 off this claim. It is not settled yet."),
])
def test_my_claims_say_what_a_correction_after_payment_still_owes(money, db_path, capsys, amount, said) -> None:
    from store.claims import workflow

    workflow.adjust(money.store, money.march_claim, money.ben, {"line_kind": "expense", "category": "rail_bus",
                                                                "amount": amount, "note": "The fare changed."})
    code, out, _err = run_cli(capsys, "--db", str(db_path), "claims", "mine", "--member", money.priya,
                              "--status", "paid")
    (march,) = blocks(assert_plain(out))[1:]
    assert code == 0
    assert march[1] == "State: Paid, correction owed"
    assert march[-3:-1] == ["Paid on Friday 20 March 2026, reference BACS-1001.", said]


def test_my_claims_with_none_to_list_says_so(money, db_path, capsys) -> None:
    code, out, _err = run_cli(capsys, "--db", str(db_path), "claims", "mine", "--member", money.olu)
    assert (code, out) == (0, "Claims for Olu Adebayo\nThere are no claims to list.\n")


@pytest.mark.parametrize(("args", "message"), [
    ((), "Say whose claims to show: give --member, or set COPROD_MEMBER."),
    (("--member", "0000dead"), "There is no member with id 0000dead."),
    (("--member", "priya", "--status", "lost"),
     "lost is not a claim status. Choose one of: draft, submitted, approved, paid, rejected, withdrawn."),
])
def test_my_claims_refuse_bad_input_in_one_line(money, db_path, capsys, args, message) -> None:
    if "priya" in args:
        args = tuple(money.priya if a == "priya" else a for a in args)
    assert run_cli(capsys, "--db", str(db_path), "claims", "mine", *args) == (1, "", f"coprod: {message}\n")


# --- my statement ---------------------------------------------------------------------------------------------------


def test_my_statement_prints_as_plain_text_for_the_member_of_this_computer(money, db_path, capsys,
                                                                           monkeypatch) -> None:
    monkeypatch.setenv("COPROD_MEMBER", money.priya)
    code, out, err = run_cli(capsys, "--db", str(db_path), "export", "statement", "--tax-year", "2025-26")
    assert (code, err) == (0, "")
    found = blocks(assert_plain(out))
    assert found[0] == ["Payments to Priya Shah"]
    assert found[1] == ["Tax year: 6 April 2025 to 5 April 2026."]
    total = found.index(["In total"])
    assert found[total + 1] == ["Fees: £75.00, payment for your time.",
                                "Expenses: £12.40, paying you back for costs.", "All together: £87.40"]
    payment = found.index(["20 March 2026: £87.40"])
    assert found[payment + 1:payment + 4] == [["For: March meeting, in Cardiff on 14 March 2026"],
                                              ["Payment reference: BACS-1001"],
                                              ["Fee for a half day: £75.00", "Rail or bus: £12.40"]]
    assert found[-1] == ["Made on 22 November 2026."]
    assert not any("#" in line or "**" in line for block in found for line in block)


def test_a_statement_for_nobody_is_refused_in_one_line(money, db_path, capsys) -> None:
    assert run_cli(capsys, "--db", str(db_path), "export", "statement", "--tax-year", "2025-26") == (
        1, "", "coprod: Say whose statement to make: give --member, or set COPROD_MEMBER.\n")
