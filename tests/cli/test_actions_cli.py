"""`coprod actions list|add|done|drop` from the command line."""

from __future__ import annotations

import json
import re

import pytest
from agenda_world import build_world

from store import actions
from tui.cli import main


@pytest.fixture
def world(store):
    return build_world(store)


def run(capsys, db_path, *args: str) -> tuple[int, str, str]:
    """Run `coprod --db DB actions ARGS` in this process; return (exit code, stdout, stderr)."""
    capsys.readouterr()
    try:
        code = main(["--db", str(db_path), "actions", *args])
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


def rows(out: str) -> list[list[str]]:
    """The printed table's rows (after its heading row), split into columns."""
    return [re.split(r"\s{2,}", line.strip()) for line in out.splitlines()[1:-1]]


def action(world, key: str) -> dict:
    return dict(world.store.one("SELECT * FROM actions WHERE id = ?", (world.actions[key],)))


def test_list_shows_open_actions_by_due_date_with_overdue_in_words(world, db_path, capsys) -> None:
    code, out, err = run(capsys, db_path, "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert re.split(r"\s{2,}", lines[0]) == ["What needs doing", "Who", "Due", "State", "From", "Id"]
    assert rows(out) == [
        ["Check which venues have a working hearing loop", "Dafydd Evans, Siân Jones", "1 Nov 2026",
         "Open, overdue", "Network meeting, 1 Oct 2026", world.actions["loops"]],
        ["Ask the council for figures", "Priya Shah", "1 Dec 2026", "Open", "Network meeting, 1 Oct 2026",
         world.actions["figures"]],
        ["Write to the council", "Priya Shah, Tom Hughes", "15 Dec 2026", "Open", "Network meeting, 22 Nov 2026",
         world.actions["letter"]],
    ]
    assert lines[-1] == "3 open actions, 1 overdue."
    assert "\x1b" not in out


def test_list_for_one_owner(world, db_path, capsys) -> None:
    _code, out, _err = run(capsys, db_path, "list", "--owner", world.priya[:-6])
    assert [r[0] for r in rows(out)] == ["Ask the council for figures", "Write to the council"]
    assert out.splitlines()[-1] == "2 open actions, 0 overdue."


def test_list_all_adds_the_done_and_dropped(world, db_path, capsys) -> None:
    _code, out, _err = run(capsys, db_path, "list", "--all")
    shown = {r[0]: r[3] for r in rows(out)}
    assert shown["Send members the consultation link"] == "Done"
    assert len(shown) == world.count("actions")


def test_list_as_json_for_scripts(world, db_path, capsys) -> None:
    _code, out, _err = run(capsys, db_path, "list", "--format", "json")
    data = json.loads(out)
    assert [a["id"] for a in data] == [a["id"] for a in actions.open_actions(world.store)]
    assert data[0]["overdue"] is True and data[0]["owners"] == [
        {"id": world.dafydd, "name": "Dafydd Evans"}, {"id": world.sian, "name": "Siân Jones"}]


def test_list_with_no_open_actions_says_so(store, db_path, capsys) -> None:
    assert run(capsys, db_path, "list") == (0, "There are no open actions.\n", "")


def test_done_closes_the_action_at_the_meeting_named(world, db_path, capsys) -> None:
    code, out, _err = run(capsys, db_path, "done", world.actions["figures"][:-6], "--note", "Figures came in.",
                          "--meeting", world.today)
    assert (code, out) == (0, "Marked done: Ask the council for figures\n")
    got = action(world, "figures")
    assert (got["status"], got["status_note"], got["closed_meeting_id"]) == ("done", "Figures came in.", world.today)


def test_drop_keeps_why(world, db_path, capsys) -> None:
    code, out, _err = run(capsys, db_path, "drop", world.actions["loops"], "--note", "The survey covers it.")
    assert (code, out) == (0, "Dropped: Check which venues have a working hearing loop\n")
    assert (action(world, "loops")["status"], action(world, "loops")["status_note"]) == ("dropped",
                                                                                         "The survey covers it.")


def test_add_prints_the_id_and_warns_about_a_past_due_date(world, db_path, capsys) -> None:
    code, out, err = run(capsys, db_path, "add", "--description", "Book the hall", "--owner", world.grace,
                         "--owner", world.tom, "--due", "01/11/2026", "--meeting", world.today)
    assert code == 0
    assert err == "coprod: The due date has passed.\n"
    made = actions.get_action(world.store, out.strip())
    assert (made["description"], made["due_date"], made["meeting_id"]) == ("Book the hall", "2026-11-01", world.today)
    assert {o["id"] for o in made["owners"]} == {world.grace, world.tom}


@pytest.mark.parametrize(("args", "message"), [
    (("drop", "loops", "--note", " "), "Say why it was dropped."),
    (("done", "0000dead"), "There is no action with id 0000dead."),
    (("add", "--description", "Book the hall", "--owner", "0000dead"), "There is no member with id 0000dead."),
    (("add", "--description", " ", "--owner", "grace"), "Say what needs doing."),
    (("add", "--description", "Book", "--owner", "grace", "--due", "31/02/2026"),
     "31/02/2026 is not a real date. Check the day and month."),
    (("list", "--owner", "0000dead"), "There is no member with id 0000dead."),
])
def test_bad_input_exits_1_with_one_line_and_nothing_written(world, db_path, capsys, args, message) -> None:
    named = {**world.actions, "grace": world.grace}
    before = world.changes()
    code, out, err = run(capsys, db_path, *[named.get(a, a) for a in args])
    assert (code, out, err) == (1, "", f"coprod: {message}\n")
    assert world.changes() == before


def test_drop_without_a_note_is_refused_by_the_options(world, db_path, capsys) -> None:
    code, _out, err = run(capsys, db_path, "drop", world.actions["loops"])
    assert code == 2 and "--note" in err
    assert action(world, "loops")["status"] == "open"
