"""`coprod show agenda` and `coprod show register`: plain lines a screen reader reads in order."""

from __future__ import annotations

import re

import pytest
from agenda_world import BUS_TITLE, DECLINE_REASON, build_world
from cli_env import run_cli
from plain_lines import assert_plain

from store import agenda, attendance, meetings, members, vocab
from store.export.words import long_date, name_list
from store.i18n import in_language
from tui.cli import show

TODAY = "Sunday 22 November 2026"
LATER = "Thursday 10 December 2026"


@pytest.fixture
def world(store):
    w = build_world(store)
    meetings.update_meeting(store, w.today, {"venue": "Canolfan Soar, Merthyr", "mode": "hybrid"})
    agenda.edit_item(store, w.items["bus"], {"summary": "Fares are too high.\nCarers pay twice."})
    attendance.mark_arrived(store, w.today, w.patel, "10:50")
    attendance.mark_left(store, w.today, w.tom, "12:15")
    attendance.set_details(store, w.today, w.tom, remote=True, supporter=True, role="chair")
    members.update_member(store, w.priya, {"access_needs": [{"kind": "bsl"}, {"kind": "dietary", "note": "vegan"}]})
    return w


def show_cli(capsys, db_path, *args: str) -> tuple[int, str, str]:
    """Run `coprod --db DB show ARGS`."""
    return run_cli(capsys, "--db", str(db_path), "show", *args)


# --- the agenda ------------------------------------------------------------------------------------------------


def test_agenda_reads_the_meeting_then_each_item_in_running_order_then_the_rest(world, db_path, capsys) -> None:
    code, out, err = show_cli(capsys, db_path, "agenda", "--meeting", world.today)
    assert (code, err) == (0, "")
    assert assert_plain(out) == [
        "Agenda: Network meeting",
        f"Date: {TODAY}",
        "Time: 10:30 to 13:00",
        "Where: Canolfan Soar, Merthyr (Hybrid)",
        "Status: Open",
        "",
        "Running order: 5 items.",
        "",
        "1. Welcome and introductions",
        "Time given: 10 minutes",
        "",
        "2. Apologies",
        "Time given: 5 minutes",
        "",
        "3. Matters arising",
        "Time given: 15 minutes",
        "Matters arising: 2 open actions from earlier meetings.",
        "",
        f"4. {BUS_TITLE}",
        "Time given: 20 minutes",
        "Proposed by: Priya Shah and Siân Jones",
        "For a decision",
        "Summary: Fares are too high. Carers pay twice.",
        "",
        "5. Any other business",
        "Time given: 10 minutes",
        "",
        "Total: 60 minutes of 150.",
        "",
        "Waiting for a decision: 1 proposal.",
        "",
        "Item: Easy Read letters",
        "Time asked for: 10 minutes",
        "Proposed by: Priya Patel",
        "For information",
        "",
        "Items not taken at this meeting",
        "",
        "Item: Parking at the venue",
        "Proposed by: a member",
        f"Why it was not taken: {DECLINE_REASON}",
        "",
        "Items moved to a later meeting",
        "",
        "Item: Young carers' breaks",
        "Proposed by: Priya Shah",
        f"Moved to: Steering group on {LATER}",
        "",
        "Items joined with another item asking the same",
        "",
        "Item: Free bus travel for carers",
        "Proposed by: Siân Jones",
        f"Joined with {BUS_TITLE}",
    ]


def test_agenda_counts_proposers_who_have_not_agreed_to_be_named_without_naming_them(world, db_path, capsys) -> None:
    agenda.accept(world.store, world.items["easy_read"])
    agenda.propose(world.store, world.today, {"title": "Taxis", "minutes_asked": 5, "proposer_id": world.tom})
    _code, out, _err = show_cli(capsys, db_path, "agenda", "--meeting", world.today)
    lines = assert_plain(out)
    assert "Dafydd" not in out and "Tom Hughes" not in out
    taxis = lines.index("Item: Taxis")
    assert lines[taxis:taxis + 3] == ["Item: Taxis", "Time asked for: 5 minutes", "Proposed by: a member"]
    # An item accepted later goes last, before any other business, and the numbers follow the running order.
    assert [line for line in lines if re.match(r"\d+\. ", line)][-2:] == ["5. Easy Read letters",
                                                                         "6. Any other business"]


def test_agenda_of_a_meeting_without_times_or_proposals_says_so(world, db_path, capsys) -> None:
    code, out, _err = show_cli(capsys, db_path, "agenda", "--meeting", world.untimed[:-4])
    assert code == 0
    lines = assert_plain(out)
    assert lines[:5] == ["Agenda: Network meeting", "Date: Friday 15 January 2027", "Where: In person",
                         "Status: Planned", ""]
    assert not any(line.startswith("Time:") for line in lines)
    assert "Total: 40 minutes. The meeting has no start and end time to check it against." in lines
    assert lines[-1] == "No proposals are waiting for a decision."


@pytest.mark.parametrize("command", ["agenda", "register"])
def test_an_unknown_meeting_gives_one_line_and_exit_1(world, db_path, capsys, command) -> None:
    assert show_cli(capsys, db_path, command, "--meeting", "0000dead") == (
        1, "", "coprod: There is no meeting with id 0000dead.\n")


@pytest.mark.parametrize("command", ["agenda", "register"])
def test_a_missing_database_is_refused_without_making_one(tmp_path, capsys, command) -> None:
    missing = tmp_path / "nowhere.db"
    code, out, err = run_cli(capsys, "--db", str(missing), "show", command, "--meeting", "0000dead")
    assert (code, out) == (1, "")
    assert err == f"coprod: There is no database at {missing}. Check --db or COPROD_DB.\n"
    assert not missing.exists()


# --- the register ----------------------------------------------------------------------------------------------


def test_register_gives_the_counts_first_then_one_line_a_person_by_name(world, db_path, capsys) -> None:
    code, out, err = show_cli(capsys, db_path, "register", "--meeting", world.today[:-6])
    assert (code, err) == (0, "")
    assert assert_plain(out) == [
        "Register: Network meeting",
        f"Date: {TODAY}",
        "Time: 10:30 to 13:00",
        "Where: Canolfan Soar, Merthyr (Hybrid)",
        "Status: Open",
        "",
        "Present 5, apologies 1, absent 0, not marked 0.",
        "6 people are on the register.",
        "1 person present joined remotely.",
        "",
        "Dafydd Evans: Present.",
        "Grace Okafor: Present. Role: Staff.",
        "Priya Patel: Present. Arrived late at 10:50.",
        "Priya Shah: Present. Access needs: BSL interpreter; Dietary needs: vegan.",
        "Siân Jones: Apologies.",
        "Tom Hughes: Present. Role: Chair. Left early at 12:15. Joined remotely. Came with a supporter or PA.",
    ]


@pytest.mark.parametrize(("mark", "names"), [
    ("apologies", ["Siân Jones: Apologies."]),
    ("Not marked", []),
    ("not-marked", []),
])
def test_register_lists_only_the_people_with_the_mark_asked_for(world, db_path, capsys, mark, names) -> None:
    code, out, _err = show_cli(capsys, db_path, "register", "--meeting", world.today, "--status", mark)
    assert code == 0
    lines = assert_plain(out)
    # The counts are still the whole meeting's, then the list says what it holds.
    assert lines[6] == "Present 5, apologies 1, absent 0, not marked 0."
    at = next(n for n, line in enumerate(lines) if line.startswith("Showing only: "))
    assert lines[at - 1] == "1 person present joined remotely." and lines[at + 1] == ""
    assert lines[at + 2:] == (names or ["There is no one to list."])


def test_register_refuses_a_mark_it_does_not_know(world, db_path, capsys) -> None:
    assert show_cli(capsys, db_path, "register", "--meeting", world.today, "--status", "late") == (
        1, "", "coprod: late is not a mark on the register. Choose present, apologies, absent or not marked.\n")


def test_a_register_longer_than_one_read_lists_everyone_once_by_name(demo_store, open_meeting, db_path, capsys,
                                                                   monkeypatch) -> None:
    monkeypatch.setattr(show, "REGISTER_PAGE", 7)
    size = attendance.register_size(demo_store, open_meeting)
    code, out, _err = show_cli(capsys, db_path, "register", "--meeting", open_meeting)
    assert code == 0
    lines = assert_plain(out)
    people = lines[lines.index("", 6) + 1:]
    assert f"{size} people are on the register." in lines
    expected = [r["name"] for r in attendance.register_rows(demo_store, open_meeting, limit=-1)]
    assert [line.split(": ", 1)[0] for line in people] == expected and len(expected) == size > 7


# --- in Welsh ----------------------------------------------------------------------------------------------------


def test_agenda_and_register_read_in_welsh_with_welsh_dates(world, db_path, capsys) -> None:
    with in_language("cy"):
        day, proposers = long_date("2026-11-22"), name_list(["Priya Shah", "Siân Jones"])
        hybrid = vocab.label(vocab.MEETING_MODES, "hybrid")
    assert day != TODAY
    code, out, err = show_cli(capsys, db_path, "--lang", "cy", "agenda", "--meeting", world.today)
    assert (code, err) == (0, "")
    lines = assert_plain(out)
    assert lines[1] == f"Dyddiad: {day}"
    assert lines[3:5] == [f"Ble: Canolfan Soar, Merthyr ({hybrid})", "Statws: Agored"]
    bus = lines.index(f"4. {BUS_TITLE}")
    assert lines[bus + 1:bus + 4] == ["Amser a roddwyd: 20 munud", f"Cynigiwyd gan: {proposers}",
                                      "Ar gyfer penderfyniad"]
    assert f"Pam na chafodd ei dderbyn: {DECLINE_REASON}" in lines
    assert "Eitemau na chawsant eu trafod yn y cyfarfod hwn" in lines
    assert not any(line.startswith(("Proposed by", "Time given", "Where:", "Date:")) for line in lines)

    code, out, err = show_cli(capsys, db_path, "--lang", "cy", "register", "--meeting", world.today)
    assert (code, err) == (0, "")
    lines = assert_plain(out)
    assert lines[1] == f"Dyddiad: {day}"
    assert "Yn bresennol 5, ymddiheuriadau 1, yn absennol 0, heb eu nodi 0." in lines
    assert "Siân Jones: Ymddiheuriadau." in lines
