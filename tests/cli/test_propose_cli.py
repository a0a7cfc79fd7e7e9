"""`coprod propose`: every option given, or asked for one plain question at a time."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from agenda_world import build_world
from cli_env import env_without_coprod

from tui.cli import main

COPROD = Path(sys.executable).parent / "coprod"

MEETING_QUESTION = "Which meeting? Type its number:"
MEMBER_QUESTION = "Who is proposing it? Type your name or its first letters:"
TITLE_QUESTION = "What is the item called?"
KIND_QUESTION = "What do you want: 1 a decision, 2 a discussion, 3 information?"
MINUTES_QUESTION = "How many minutes do you need?"
SUMMARY_QUESTION = "A short summary in plain words (press Enter to skip):"


@pytest.fixture
def world(store):
    return build_world(store)


def run(capsys, monkeypatch, db_path, *args: str, answers: str | None = None) -> tuple[int, str, str]:
    """Run `coprod --db DB propose ARGS` in this process with `answers` as what is typed; return (code, out, err)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers or ""))
    capsys.readouterr()
    try:
        code = main(["--db", str(db_path), "propose", *args])
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


def member_items(world) -> list[tuple]:
    """Items the command proposed: (meeting, proposer, title, kind, minutes, summary, details)."""
    made_by_world = set(world.items.values())
    return [tuple(r)[1:] for r in world.store.query(
        "SELECT id, meeting_id, proposer_id, title, kind, minutes_asked, summary, details FROM agenda_items "
        "WHERE source = 'member' ORDER BY proposed_at, id") if r["id"] not in made_by_world]


def question_lines(out: str) -> list[str]:
    """What was said, one entry per line, with each question split from what followed it on its line."""
    lines = []
    for line in out.splitlines():
        for question in (MEETING_QUESTION, MEMBER_QUESTION, "Which one? Type its number:", TITLE_QUESTION,
                         KIND_QUESTION, MINUTES_QUESTION, SUMMARY_QUESTION):
            if line.startswith(question):
                lines.append(question)
                line = line[len(question):].strip()
        if line:
            lines.append(line)
    return lines


# --- every option given ----------------------------------------------------------------------------


def test_all_options_propose_at_once_and_recap_what_was_sent(world, db_path, capsys, monkeypatch) -> None:
    code, out, err = run(capsys, monkeypatch, db_path, "--meeting", world.today[:-6], "--member", world.sian,
                         "--title", "Dropped kerbs", "--kind", "discussion", "--minutes", "15",
                         "--summary", "Kerbs near the hall are too high.", "--details", "Photos on request.")
    assert (code, err) == (0, "")
    assert member_items(world) == [(world.today, world.sian, "Dropped kerbs", "discussion", 15,
                                    "Kerbs near the hall are too high.", "Photos on request.")]
    item_id = world.store.one("SELECT id FROM agenda_items WHERE title = 'Dropped kerbs'")[0]
    assert out.splitlines() == [
        "Thank you. Your item has been sent. The facilitator will decide whether it goes on the agenda.",
        "What was sent:",
        "Meeting: Network meeting, Sunday 22 November 2026, 10:30–13:00",
        "Proposed by: Siân Jones",
        "Your name will be on the agenda and in the minutes, as you agreed.",
        "Item: Dropped kerbs",
        "You want: Discussion",
        "Time asked for: 15 minutes",
        "Summary: Kerbs near the hall are too high.",
        "Details: Photos on request.",
        f"Item id: {item_id}",
    ]


def test_with_every_required_option_nothing_is_asked(world, db_path, capsys, monkeypatch) -> None:
    code, out, _err = run(capsys, monkeypatch, db_path, "--meeting", world.later, "--member", world.priya,
                          "--title", "Lifts", "--kind", "information", "--minutes", "5")
    assert code == 0
    assert "?" not in out
    assert out.splitlines()[0].startswith("Thank you. Your item has been sent.")
    assert member_items(world)[-1][:6] == (world.later, world.priya, "Lifts", "information", 5, None)


# --- asked, one question at a time ---------------------------------------------------------------------


def test_missing_options_are_asked_in_order_and_the_answers_proposed(world, db_path, capsys, monkeypatch) -> None:
    answers = "1\nPriya\n2\nStep-free entrance\n1\n20\nThe ramp is too steep.\n"
    code, out, err = run(capsys, monkeypatch, db_path, answers=answers)
    assert (code, err) == (0, "")
    assert member_items(world) == [(world.today, world.priya, "Step-free entrance", "decision", 20,
                                    "The ramp is too steep.", None)]
    said = question_lines(out)
    assert said[:10] == [
        "To propose an item, answer each question and press Enter.",
        "Meetings you can propose an item for:",
        "1. Network meeting, Sunday 22 November 2026, 10:30–13:00 (open)",
        "2. Steering group, Thursday 10 December 2026, 10:00–12:00 (planned)",
        "3. Network meeting, Friday 15 January 2027 (planned)",
        MEETING_QUESTION,
        MEMBER_QUESTION,
        "2 people match:",
        "1. Priya Patel",
        "2. Priya Shah, Riverside Carers Forum",
    ]
    assert said[10:15] == ["Which one? Type its number:", TITLE_QUESTION, KIND_QUESTION, MINUTES_QUESTION,
                           SUMMARY_QUESTION]
    assert said[15:18] == [
        "Thank you. Your item has been sent. The facilitator will decide whether it goes on the agenda.",
        "What was sent:", "Meeting: Network meeting, Sunday 22 November 2026, 10:30–13:00"]
    assert "Proposed by: Priya Shah" in said and "You want: Decision" in said


def test_closed_meetings_are_not_offered(world, db_path, capsys, monkeypatch) -> None:
    _code, out, _err = run(capsys, monkeypatch, db_path, answers="")
    assert "1. Network meeting, Sunday 22 November 2026" in out
    assert "1 October 2026" not in out


def test_one_matching_name_is_taken_and_said_back(world, db_path, capsys, monkeypatch) -> None:
    code, out, _err = run(capsys, monkeypatch, db_path, "--meeting", world.today, "--title", "Hearing loops",
                          "--kind", "decision", "--minutes", "10", answers="siân\n\n")
    assert code == 0
    assert "Proposed by Siân Jones." in out
    assert member_items(world)[-1][1] == world.sian


def test_a_word_of_the_name_matches_too(world, db_path, capsys, monkeypatch) -> None:
    code, out, _err = run(capsys, monkeypatch, db_path, "--meeting", world.today, "--title", "Hearing loops",
                          "--kind", "2", "--minutes", "10", answers="okaf\n")
    assert code == 0
    assert member_items(world)[-1][1:4] == (world.grace, "Hearing loops", "discussion")


def test_an_empty_summary_is_skipped_with_enter(world, db_path, capsys, monkeypatch) -> None:
    code, out, _err = run(capsys, monkeypatch, db_path, "--meeting", world.today, "--member", world.priya,
                          "--kind", "information", "--minutes", "5", answers="Car park\n\n")
    assert code == 0
    assert member_items(world)[-1] == (world.today, world.priya, "Car park", "information", 5, None, None)
    assert "Summary:" not in out


def test_a_summary_given_as_an_option_is_not_asked_for_even_when_empty(world, db_path, capsys, monkeypatch) -> None:
    code, out, _err = run(capsys, monkeypatch, db_path, "--meeting", world.today, "--member", world.priya,
                          "--summary", "", "--kind", "decision", "--minutes", "5", answers="Car park\n")
    assert code == 0
    assert SUMMARY_QUESTION not in out
    assert member_items(world) == [(world.today, world.priya, "Car park", "decision", 5, None, None)]


@pytest.mark.parametrize(("answers", "reasons"), [
    ("9\n1\nPriya Shah\nLifts\n1\n10\n\n", ["Type a number from 1 to 3."]),
    ("1\nZed\nPriya Shah\nLifts\n1\n10\n\n",
     ["No member's name starts with Zed. Check the spelling, or ask the facilitator to add you."]),
    ("1\nPriya\n5\n2\nLifts\n1\n10\n\n", ["Type a number from 1 to 2."]),
    ("1\nPriya Shah\n\nLifts\n1\n10\n\n", ["Give the item a title."]),
    ("1\nPriya Shah\nLifts\nmaybe\n1\n10\n\n", ["Type 1 for a decision, 2 for a discussion or 3 for information."]),
    ("1\nPriya Shah\nLifts\n1\n0\n151\n10\n\n",
     ["Ask for at least 1 minute.", "The meeting is only 150 minutes long. Ask for 150 minutes or less."]),
])
def test_a_wrong_answer_is_asked_again_with_the_reason(world, db_path, capsys, monkeypatch, answers, reasons) -> None:
    code, out, err = run(capsys, monkeypatch, db_path, answers=answers)
    assert (code, err) == (0, "")
    said = question_lines(out)
    assert [line for line in said if line in reasons] == reasons
    # Each reason comes straight after its question, and the same question comes again after it.
    for reason in reasons:
        at = said.index(reason)
        assert said[at - 1] == said[at + 1] and said[at - 1].endswith(("?", ":"))
    assert member_items(world) == [(world.today, world.priya, "Lifts", "decision", 10, None, None)]


def test_three_wrong_answers_stop_with_nothing_written(world, db_path, capsys, monkeypatch) -> None:
    before = (world.count("agenda_items"), world.changes())
    code, out, err = run(capsys, monkeypatch, db_path, "--meeting", world.today, "--member", world.priya,
                         "--title", "Lifts", "--kind", "decision", answers="0\nten\n200\n20\n")
    assert code == 1
    assert out.splitlines().count("Ask for at least 1 minute.") == 1
    assert out.splitlines().count("Give the time in whole minutes, for example 10.") == 1
    assert err == ("coprod: The meeting is only 150 minutes long. Ask for 150 minutes or less. That was the last "
                   "try: nothing was sent. Run the command again, or give --minutes.\n")
    assert (world.count("agenda_items"), world.changes()) == before


@pytest.mark.parametrize(("meeting_given", "answers", "flag"), [
    (False, "", "--meeting"),
    (True, "", "--member"),
    (False, "1\n", "--member"),
    (False, "1\nPriya\n", "--member"),
    (False, "1\nPriya Shah\n", "--title"),
    (False, "1\nPriya Shah\nLifts\n", "--kind"),
    (False, "1\nPriya Shah\nLifts\n1\n", "--minutes"),
])
def test_answers_running_out_stop_naming_the_option_to_give(world, db_path, capsys, monkeypatch, meeting_given,
                                                            answers, flag) -> None:
    before = (world.count("agenda_items"), world.changes())
    args = ("--meeting", world.today) if meeting_given else ()
    code, _out, err = run(capsys, monkeypatch, db_path, *args, answers=answers)
    assert code == 1
    assert err.startswith("coprod: There was no answer to \"") and err.endswith(f"Give {flag} on the command line.\n")
    assert err.count("\n") == 1
    assert (world.count("agenda_items"), world.changes()) == before


def test_the_end_of_the_answers_at_the_summary_still_sends(world, db_path, capsys, monkeypatch) -> None:
    code, _out, _err = run(capsys, monkeypatch, db_path, answers="1\nPriya Shah\nLifts\n1\n10\n")
    assert code == 0
    assert member_items(world) == [(world.today, world.priya, "Lifts", "decision", 10, None, None)]


# --- a member's own computer ------------------------------------------------------------------------------


def test_coprod_member_names_the_proposer_so_it_is_not_asked(world, db_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COPROD_MEMBER", world.patel[:-6])
    code, out, _err = run(capsys, monkeypatch, db_path, answers="2\nLarge print papers\n3\n5\n\n")
    assert code == 0
    assert MEMBER_QUESTION not in out
    assert "Proposed by: Priya Patel" in out.splitlines()
    assert member_items(world) == [(world.later, world.patel, "Large print papers", "information", 5, None, None)]


def test_member_option_wins_over_coprod_member(world, db_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COPROD_MEMBER", world.patel)
    code, _out, _err = run(capsys, monkeypatch, db_path, "--meeting", world.today, "--member", world.grace,
                           "--title", "Lifts", "--kind", "decision", "--minutes", "5")
    assert code == 0
    assert member_items(world)[-1][1] == world.grace


def test_coprod_member_naming_nobody_is_refused(world, db_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COPROD_MEMBER", "0000dead")
    code, out, err = run(capsys, monkeypatch, db_path, answers="1\n")
    assert code == 1 and out == ""
    assert err == ("coprod: COPROD_MEMBER names 0000dead, but there is no member with that id. Give --member, "
                   "or correct COPROD_MEMBER.\n")


# --- bad options ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("change", "message"), [
    ({"--meeting": "0000dead"}, "There is no meeting with id 0000dead."),
    ({"--meeting": "earlier"}, "This meeting is closed. Items can't be added."),
    ({"--member": "0000dead"}, "There is no member with id 0000dead."),
    ({"--title": "   "}, "Give the item a title."),
    ({"--minutes": "0"}, "Ask for at least 1 minute."),
    ({"--minutes": "-5"}, "Ask for at least 1 minute."),
    ({"--minutes": "151"}, "The meeting is only 150 minutes long. Ask for 150 minutes or less."),
    ({"--minutes": "ten"}, "Give the time in whole minutes, for example 10."),
    ({"--kind": "vote"}, "Type 1 for a decision, 2 for a discussion or 3 for information."),
])
def test_a_bad_option_exits_1_with_one_line_and_nothing_written(world, db_path, capsys, monkeypatch, change,
                                                                message) -> None:
    options = {"--meeting": world.today, "--member": world.priya, "--title": "Lifts", "--kind": "decision",
               "--minutes": "10", **change}
    if options["--meeting"] == "earlier":
        options["--meeting"] = world.earlier
    before = (world.count("agenda_items"), world.changes())
    code, out, err = run(capsys, monkeypatch, db_path, *[x for pair in options.items() for x in pair],
                         answers="1\nPriya Shah\nLifts\n1\n10\n\n")
    assert code == 1
    assert out == ""
    assert err == f"coprod: {message}\n"
    assert (world.count("agenda_items"), world.changes()) == before


def test_no_meetings_to_come_is_said_plainly(store, db_path, capsys, monkeypatch) -> None:
    code, out, err = run(capsys, monkeypatch, db_path, answers="1\n")
    assert code == 1
    assert err == "coprod: There are no meetings coming up to propose an item for. Ask the facilitator to add one.\n"


# --- the installed script, answers piped in ---------------------------------------------------------------------


def test_installed_script_takes_piped_answers_one_question_a_line(world, db_path) -> None:
    done = subprocess.run([str(COPROD), "--db", str(db_path), "propose"], input="1\nPriya S\nBenches\n2\n10\n\n",
                          capture_output=True, text=True, timeout=120, env=env_without_coprod())
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "\x1b" not in done.stdout, "no colours or cursor movement"
    lines = done.stdout.splitlines()
    assert lines[5] == MEETING_QUESTION + " "
    assert lines[6] == MEMBER_QUESTION + " "
    assert lines[7] == "Proposed by Priya Shah."
    assert member_items(world) == [(world.today, world.priya, "Benches", "discussion", 10, None, None)]


def test_installed_script_with_no_answers_names_the_missing_option(world, db_path) -> None:
    done = subprocess.run([str(COPROD), "--db", str(db_path), "propose", "--meeting", world.today],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
                          env=env_without_coprod())
    assert done.returncode == 1
    assert done.stderr == ("coprod: There was no answer to \"Who is proposing it? Type your name or its first "
                           "letters\". Give --member on the command line.\n")
    assert member_items(world) == []
