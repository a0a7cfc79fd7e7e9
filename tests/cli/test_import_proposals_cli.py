"""`coprod import proposals FILE [--skip-invalid]`: what the person sees, the exit codes, and the database."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from agenda_world import build_world
from cli_env import env_without_coprod

from tui.cli import main

COPROD = Path(sys.executable).parent / "coprod"


@pytest.fixture
def world(store):
    return build_world(store)


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def run(capsys, db_path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(["--db", str(db_path), "import", "proposals", *args])
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


def imported_titles(world) -> list[str]:
    return [r[0] for r in world.store.query(
        "SELECT title FROM agenda_items WHERE source = 'import' ORDER BY proposed_at, id")]


@pytest.fixture
def good(tmp_path) -> Path:
    return write_csv(tmp_path / "form.csv", [
        ["Name", "Email", "Meeting date", "Title", "Kind", "Minutes"],
        ["", "priya@example.org", "22/11/2026", "Bus stops", "decision", "10"],
        ["Grace Okafor", "", "10/12/2026", "Meeting times", "discussion", "15"],
    ])


def test_import_says_what_it_added_and_then_that_it_is_already_there(world, db_path, good, capsys) -> None:
    assert run(capsys, db_path, str(good)) == (0, "Added 2 proposals, 0 already there.\n", "")
    assert imported_titles(world) == ["Bus stops", "Meeting times"]
    before = world.changes()
    code, out, err = run(capsys, db_path, str(good))
    assert (code, err) == (0, "")
    assert out.splitlines() == ["Row 2: already there: Bus stops", "Row 3: already there: Meeting times",
                                "Added 0 proposals, 2 already there."]
    assert world.changes() == before
    assert imported_titles(world) == ["Bus stops", "Meeting times"]


def test_bad_rows_are_listed_with_their_numbers_and_nothing_is_imported(world, db_path, tmp_path, capsys) -> None:
    path = write_csv(tmp_path / "bad.csv", [
        ["Title", "Proposer", "Meeting", "Minutes"],
        ["Fine", "Priya Shah", "22/11/2026", "10"],
        ["Closed", "Priya Shah", "01/10/2026", "10"],
        ["Too long", "Priya Shah", "22/11/2026", "500"],
        ["Stranger", "Nobody Known", "22/11/2026", "10"],
    ])
    before = world.changes()
    code, out, err = run(capsys, db_path, str(path))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "3 rows have problems:",
        "Row 3: This meeting is closed. Items can't be added.",
        "Row 4: The meeting is only 150 minutes long. Ask for 150 minutes or less.",
        "Row 5: No member is called Nobody Known. Check the spelling, or add the person as a member first.",
        "Nothing was imported. Fix these rows and import the file again, or use --skip-invalid to import the "
        "other rows.",
    ]
    assert world.changes() == before
    code, out, err = run(capsys, db_path, str(path), "--skip-invalid")
    assert code == 0
    assert out == "Added 1 proposal, 0 already there.\n"
    assert err.splitlines()[0] == "Skipped 3 rows:"
    assert imported_titles(world) == ["Fine"]


def test_missing_columns_exit_1_with_one_line_naming_them(world, db_path, tmp_path, capsys) -> None:
    path = write_csv(tmp_path / "p.csv", [["Item", "Comments"], ["Bus stops", "please"]])
    before = world.changes()
    code, out, err = run(capsys, db_path, str(path))
    assert (code, out) == (1, "")
    assert err == ("coprod: p.csv has no column for the meeting (\"Meeting\" or \"Meeting date\"); who proposed it "
                   "(\"Proposer\" or \"Email\"). Columns found: Item, Comments.\n")
    assert world.changes() == before


def test_a_missing_file_exits_1_and_makes_no_database(tmp_path, capsys) -> None:
    db = tmp_path / "never.db"
    code, _out, err = run(capsys, db, str(tmp_path / "nope.csv"))
    assert code == 1 and err.startswith("coprod: There is no file at")
    assert not db.exists()


def test_installed_script_imports_proposals(world, db_path, good) -> None:
    done = subprocess.run([str(COPROD), "--db", str(db_path), "import", "proposals", str(good)],
                          capture_output=True, text=True, timeout=120, env=env_without_coprod())
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Added 2 proposals, 0 already there.\n"
    assert imported_titles(world) == ["Bus stops", "Meeting times"]
