"""`coprod agenda show|accept|decline|defer|merge` from the command line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from agenda_world import BUS_TITLE, DECLINE_REASON, build_world
from cli_env import env_without_coprod

from store import agenda, agenda_run
from tui.cli import main

COPROD = Path(sys.executable).parent / "coprod"


@pytest.fixture
def world(store):
    return build_world(store)


def run(capsys, db_path, *args: str) -> tuple[int, str, str]:
    """Run `coprod --db DB ARGS` in this process; return (exit code, stdout, stderr)."""
    capsys.readouterr()
    try:
        code = main(["--db", str(db_path), *args])
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


def cells(line: str) -> list[str]:
    """The columns of a printed table row (columns are at least two spaces apart)."""
    return re.split(r"\s{2,}", line.strip())


def item(world, key: str) -> dict:
    return dict(world.store.one("SELECT * FROM agenda_items WHERE id = ?", (world.items[key],)))


# --- show ----------------------------------------------------------------------------------------


def test_show_prints_the_running_order_one_line_an_item_then_the_total(world, db_path, capsys) -> None:
    code, out, err = run(capsys, db_path, "agenda", "show", "--meeting", world.today[:-6])
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:3] == ["Network meeting, Sunday 22 November 2026, 10:30–13:00 (open)", "", "Running order:"]
    assert cells(lines[3]) == ["Place", "Item", "Proposed by", "Minutes allowed", "Id"]
    order = agenda.agenda(world.store, world.today)["order"]
    rows = [cells(line) for line in lines[4:4 + len(order)]]
    assert [r[0] for r in rows] == [str(n) for n in range(1, len(order) + 1)]
    assert [r[-1] for r in rows] == [i["id"] for i in order]
    assert rows[3] == ["4", BUS_TITLE, "Priya Shah, Siân Jones", "20", world.items["bus"]]
    assert cells(lines[4]) == ["1", "Welcome and introductions", "10", order[0]["id"]]
    after = lines[4 + len(order):]
    assert after[:2] == ["Total: 60 minutes of 150.", "Matters arising: 2 open actions from earlier meetings."]


def test_show_lists_proposals_waiting_and_items_not_on_the_agenda(world, db_path, capsys) -> None:
    _code, out, _err = run(capsys, db_path, "agenda", "show", "--meeting", world.today)
    lines = out.splitlines()
    at = lines.index("Waiting for a decision: 1 proposal.")
    assert cells(lines[at + 1]) == ["Item", "Proposed by", "Minutes asked", "Kind", "Id"]
    assert cells(lines[at + 2]) == ["Easy Read letters", "Priya Patel", "10", "Information", world.items["easy_read"]]
    other = lines.index("Not on the agenda:")
    shown = {cells(line)[0]: cells(line)[2:] for line in lines[other + 2:]}
    assert shown == {
        "Free bus travel for carers": [f"Joined with {BUS_TITLE}", world.items["free_bus"]],
        "Parking at the venue": [f"Declined: {DECLINE_REASON}", world.items["parking"]],
        "Young carers' breaks": ["Moved to Steering group on 10 Dec 2026", world.items["breaks"]],
    }


def test_show_warns_in_words_when_the_running_order_is_longer_than_the_meeting(world, db_path, capsys) -> None:
    agenda_run.timebox(world.store, world.items["bus"], 120)
    _code, out, _err = run(capsys, db_path, "agenda", "show", "--meeting", world.today)
    assert ("Over time: the items add up to 160 minutes, but the meeting is 150 minutes long. "
            "Take off 10 minutes.") in out.splitlines()
    assert "\x1b" not in out


def test_show_a_meeting_with_no_times_says_there_is_nothing_to_check_against(world, db_path, capsys) -> None:
    _code, out, _err = run(capsys, db_path, "agenda", "show", "--meeting", world.untimed)
    assert "Total: 40 minutes. The meeting has no start and end time to check it against." in out.splitlines()
    assert "No proposals are waiting for a decision." in out.splitlines()


def test_show_as_json_gives_scripts_the_same_agenda(world, db_path, capsys) -> None:
    code, out, _err = run(capsys, db_path, "agenda", "show", "--meeting", world.today, "--format", "json")
    assert code == 0
    data = json.loads(out)
    view = agenda.agenda(world.store, world.today)
    assert [i["id"] for i in data["order"]] == [i["id"] for i in view["order"]]
    assert [i["id"] for i in data["proposals"]] == [world.items["easy_read"]]
    assert (data["total_minutes"], data["meeting_minutes"], data["overrun"]) == (60, 150, False)


def test_show_an_unknown_meeting_exits_1_with_one_line(world, db_path, capsys) -> None:
    code, out, err = run(capsys, db_path, "agenda", "show", "--meeting", "0000dead")
    assert (code, out, err) == (1, "", "coprod: There is no meeting with id 0000dead.\n")


# --- triage -------------------------------------------------------------------------------------------


def test_accept_places_the_item_before_any_other_business_with_its_minutes(world, db_path, capsys) -> None:
    code, out, _err = run(capsys, db_path, "agenda", "accept", world.items["easy_read"][:-6], "--minutes", "8")
    assert code == 0
    assert out == "Accepted: Easy Read letters, with 8 minutes.\n"
    order = [i["display_title"] for i in agenda.agenda(world.store, world.today)["order"]]
    assert order[-2:] == ["Easy Read letters", "Any other business"]
    assert (item(world, "easy_read")["status"], item(world, "easy_read")["minutes_allowed"]) == ("accepted", 8)


def test_decline_keeps_the_reason_for_the_member(world, db_path, capsys) -> None:
    code, out, _err = run(capsys, db_path, "agenda", "decline", world.items["easy_read"],
                          "--reason", "Letters are on the council's agenda next month.")
    assert (code, out) == (0, "Declined: Easy Read letters. The member will see your reason.\n")
    got = item(world, "easy_read")
    assert (got["status"], got["decline_reason"]) == ("declined", "Letters are on the council's agenda next month.")


def test_defer_moves_the_item_to_the_later_meeting_to_decide_again(world, db_path, capsys) -> None:
    code, out, _err = run(capsys, db_path, "agenda", "defer", world.items["easy_read"], "--to", world.later)
    assert code == 0
    assert out == ("Moved Easy Read letters to Steering group on Thursday 10 December 2026. "
                   "That meeting will decide on it.\n")
    carried = world.store.one("SELECT meeting_id, status FROM agenda_items WHERE carried_from = ?",
                              (world.items["easy_read"],))
    assert tuple(carried) == (world.later, "proposed")


def test_merge_joins_the_duplicate_and_keeps_both_proposers(world, db_path, capsys) -> None:
    code, out, _err = run(capsys, db_path, "agenda", "merge", world.items["easy_read"], "--into", world.items["bus"])
    assert code == 0
    assert out == f"Joined Easy Read letters with {BUS_TITLE}. Both proposers are kept.\n"
    assert [p["name"] for p in agenda.proposers(world.store, world.items["bus"])] == [
        "Priya Shah", "Siân Jones", "Priya Patel"]


@pytest.mark.parametrize(("args", "message"), [
    (("decline", "easy_read", "--reason", "  "), "Say why, so the member knows."),
    (("defer", "easy_read", "--to", "earlier"), "That meeting is closed. Choose a meeting still to come."),
    (("defer", "easy_read", "--to", "today"), "Choose a different meeting to move the item to."),
    (("merge", "easy_read", "--into", "breaks_later"), "Both items must be on the same meeting's agenda."),
    (("accept", "easy_read", "--minutes", "0"), "Ask for at least 1 minute."),
    (("accept", "0000dead"), "There is no agenda item with id 0000dead."),
])
def test_bad_triage_exits_1_with_one_line_and_nothing_written(world, db_path, capsys, args, message) -> None:
    named = {**world.items, "earlier": world.earlier, "today": world.today}
    before = world.changes()
    code, out, err = run(capsys, db_path, "agenda", *[named.get(a, a) for a in args])
    assert (code, out, err) == (1, "", f"coprod: {message}\n")
    assert world.changes() == before


@pytest.mark.parametrize("args", [("decline", "x"), ("defer", "x"), ("merge", "x"), ("show",)])
def test_a_missing_required_option_exits_2(world, db_path, capsys, args) -> None:
    code, out, err = run(capsys, db_path, "agenda", *args)
    assert code == 2 and out == "" and err.startswith("coprod: ")


def test_installed_script_shows_the_agenda(world, db_path) -> None:
    done = subprocess.run([str(COPROD), "--db", str(db_path), "agenda", "show", "--meeting", world.today],
                          capture_output=True, text=True, timeout=120, env=env_without_coprod())
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "Network meeting, Sunday 22 November 2026, 10:30–13:00 (open)"
    assert "Total: 60 minutes of 150." in done.stdout.splitlines()
