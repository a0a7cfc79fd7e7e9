"""Importing agenda proposals from CSV and XLSX: columns, matching people and meetings, refusals, repeats."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from agenda_world import build_world
from openpyxl import Workbook

from store import clock, meetings
from store.errors import InputError
from store.importing.proposals import import_proposals, parse_kind, read_proposals


@pytest.fixture
def world(store):
    return build_world(store)


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def imported(world) -> list[tuple]:
    """The proposals the import made: (meeting, proposer, title, kind, minutes, summary, details, status)."""
    return [tuple(r) for r in world.store.query(
        "SELECT meeting_id, proposer_id, title, kind, minutes_asked, summary, details, status FROM agenda_items "
        "WHERE source = 'import' ORDER BY proposed_at, id")]


FORM = [
    ["Timestamp", "Your name", "Email", "Meeting date", "Item", "What do you want?", "Time needed", "Summary",
     "Details"],
    ["21/11/2026 09:00", "Someone else", "PRIYA@example.org", "22/11/2026", "Bus stops near the hall",
     "I would like a decision", "15 mins", "The stop moved.", "It is now 800 metres away.\nNo shelter."],
    ["21/11/2026 09:30", "siân jones", "", "10/12/2026", "Carers' assessments", "Discussion", "", "", ""],
]


def test_form_columns_are_read_and_each_row_becomes_a_proposal(world, tmp_path) -> None:
    result = import_proposals(world.store, write_csv(tmp_path / "form.csv", FORM))
    assert result.written and result.created == 2 and result.errors == [] and result.already == []
    assert imported(world) == [
        (world.today, world.priya, "Bus stops near the hall", "decision", 15, "The stop moved.",
         "It is now 800 metres away.\nNo shelter.", "proposed"),
        (world.later, world.sian, "Carers' assessments", "discussion", 10, None, None, "proposed"),
    ]
    assert result.notes == ["coprod does not keep these columns, so they were left out: Timestamp."]


def test_rows_imported_in_the_same_millisecond_keep_the_sheets_order(world, tmp_path) -> None:
    titles = [f"Item {n}" for n in range(1, 9)]
    path = write_csv(tmp_path / "items.csv", [["Title", "Proposer", "Meeting"],
                                             *[[title, "Grace Okafor", world.today] for title in titles]])
    with clock.by_hand(clock.now_ms()):  # every row's id takes the same millisecond
        assert import_proposals(world.store, path).created == len(titles)
    assert [r[2] for r in imported(world)] == titles


def test_workbook_with_meeting_ids_and_number_cells_is_read(world, tmp_path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Title", "Proposer", "Meeting", "Kind", "Minutes"])
    sheet.append(["Quiet room at meetings", "Priya Patel", world.untimed[:-6], "Information", 5])
    sheet.append(["Meeting times", "Grace Okafor", world.today, "decision", 12.0])
    book.save(tmp_path / "items.xlsx")
    result = import_proposals(world.store, tmp_path / "items.xlsx")
    assert result.created == 2
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in imported(world)] == [
        (world.untimed, world.patel, "Quiet room at meetings", "information", 5),
        (world.today, world.grace, "Meeting times", "decision", 12),
    ]


def test_importing_the_same_file_twice_adds_nothing_and_says_already_there(world, tmp_path) -> None:
    path = write_csv(tmp_path / "form.csv", FORM)
    import_proposals(world.store, path)
    before = (world.count("agenda_items"), world.changes())
    again = import_proposals(world.store, path)
    assert again.written and again.created == 0
    assert again.already == [(2, "Bus stops near the hall"), (3, "Carers' assessments")]
    assert (world.count("agenda_items"), world.changes()) == before


def test_a_proposal_made_in_the_app_is_already_there_whatever_the_case_of_its_title(world, tmp_path) -> None:
    path = write_csv(tmp_path / "p.csv", [["Title", "Email", "Meeting"],
                                          ["BUS PASSES <FOR> CARERS & PAS", "priya@example.org", "22/11/2026"]])
    result = import_proposals(world.store, path)
    assert result.already == [(2, "BUS PASSES <FOR> CARERS & PAS")] and result.created == 0


def test_a_row_repeated_in_the_file_is_added_once(world, tmp_path) -> None:
    row = ["Benches in the park", "Tom Hughes", "22/11/2026"]
    result = import_proposals(world.store, write_csv(tmp_path / "p.csv", [["Title", "Name", "Meeting"], row, row]))
    assert result.created == 1 and result.already == [(3, "Benches in the park")]
    assert [r[2] for r in imported(world)] == ["Benches in the park"]


BAD_ROWS = [
    (["Good row", "Priya Shah", "22/11/2026", "10"], None),
    (["Closed meeting", "Priya Shah", "01/10/2026", "10"], "This meeting is closed. Items can't be added."),
    (["", "Priya Shah", "22/11/2026", "10"], "Give the item a title."),
    (["Zero minutes", "Priya Shah", "22/11/2026", "0"], "Ask for at least 1 minute."),
    (["Negative minutes", "Priya Shah", "22/11/2026", "-5"], "Ask for at least 1 minute."),
    (["Too long", "Priya Shah", "22/11/2026", "151"],
     "The meeting is only 150 minutes long. Ask for 150 minutes or less."),
    (["Nobody", "Mystery Person", "22/11/2026", "10"],
     "No member is called Mystery Person. Check the spelling, or add the person as a member first."),
    (["Part of a name", "Priya", "22/11/2026", "10"],
     "No member is called Priya. Check the spelling, or add the person as a member first."),
    (["No meeting that day", "Priya Shah", "23/11/2026", "10"], "There is no meeting on 23/11/2026."),
    (["Not a date", "Priya Shah", "31/02/2026", "10"], "31/02/2026 is not a real date. Check the day and month."),
    (["Unknown id", "Priya Shah", "0000dead", "10"], "There is no meeting with id 0000dead."),
    (["No meeting", "Priya Shah", "", "10"], "Say which meeting: its date or its id."),
    (["No one", "", "22/11/2026", "10"], "Say who proposed it: their name or their email."),
]


@pytest.fixture
def bad_file(tmp_path) -> Path:
    return write_csv(tmp_path / "bad.csv", [["Title", "Proposer", "Meeting", "Minutes"], *[r for r, _m in BAD_ROWS]])


def test_every_bad_row_is_reported_with_its_number_and_nothing_is_written(world, bad_file) -> None:
    before = (world.count("agenda_items"), world.changes())
    result = import_proposals(world.store, bad_file)
    assert not result.written and result.created == 0
    expected = [(number, message) for number, (_r, message) in enumerate(BAD_ROWS, start=2) if message]
    assert result.errors == expected
    assert (world.count("agenda_items"), world.changes()) == before


def test_skip_invalid_keeps_the_good_rows(world, bad_file) -> None:
    result = import_proposals(world.store, bad_file, skip_invalid=True)
    assert result.written and result.created == 1
    assert len(result.errors) == len(BAD_ROWS) - 1
    assert [r[2] for r in imported(world)] == ["Good row"]


def test_two_meetings_on_one_day_need_the_id_and_two_people_of_one_name_need_the_email(world, tmp_path) -> None:
    meetings.create_meeting(world.store, {"title": "Evening meeting", "date": "10/12/2026"})
    from store import members

    members.add_member(world.store, {"name": "Siân Jones", "email": "other.sian@example.org"})
    path = write_csv(tmp_path / "p.csv", [["Title", "Proposer", "Email", "Meeting"],
                                          ["Either day", "Priya Shah", "", "10/12/2026"],
                                          ["Which Siân", "Siân Jones", "", "22/11/2026"],
                                          ["This Siân", "Siân Jones", "sian@example.org", "22/11/2026"]])
    result = import_proposals(world.store, path, skip_invalid=True)
    assert result.errors == [
        (2, "There is more than one meeting on 10/12/2026. Give the meeting's id instead."),
        (3, "More than one member is called Siân Jones. Add their email so coprod knows who it is."),
    ]
    assert [(r[1], r[2]) for r in imported(world)] == [(world.sian, "This Siân")]


@pytest.mark.parametrize(("headers", "missing"), [
    (["Proposer", "Meeting"], "the item's title (\"Title\")"),
    (["Title", "Email"], "the meeting (\"Meeting\" or \"Meeting date\")"),
    (["Title", "Meeting", "Summary"], "who proposed it (\"Proposer\" or \"Email\")"),
])
def test_a_missing_column_is_named_before_anything_is_read(tmp_path, headers, missing) -> None:
    path = write_csv(tmp_path / "p.csv", [headers, ["x"] * len(headers)])
    with pytest.raises(InputError) as refused:
        read_proposals(path)
    assert refused.value.message.startswith(f"p.csv has no column for {missing}. Columns found: ")


def test_a_file_with_only_headings_is_refused(tmp_path) -> None:
    with pytest.raises(InputError, match="no proposals under it"):
        read_proposals(write_csv(tmp_path / "p.csv", [["Title", "Proposer", "Meeting"]]))


@pytest.mark.parametrize(("text", "kind"), [
    ("Decision", "decision"), ("a discussion", "discussion"), ("For information", "information"),
    ("", "discussion"), ("  DECISION ", "decision"),
])
def test_what_people_write_for_the_kind_is_understood(text, kind) -> None:
    assert parse_kind(text) == kind


def test_a_kind_that_names_two_things_is_refused() -> None:
    with pytest.raises(InputError, match="is not a kind of item"):
        parse_kind("a decision or a discussion")
