"""`coprod export access-needs`: what to arrange for a meeting, printed or saved, with counts and never names."""

from __future__ import annotations

import csv
import stat

import pytest
from cli_env import run_cli
from html_tree import headings, parse

from store import attendance, meetings, members

PEOPLE = {
    # name: (needs, mark at the meeting, joins remotely)
    "Ann Lewis": ([("bsl", ""), ("dietary", "vegan")], None, False),
    "Bob Morgan": ([("bsl", ""), ("hearing_loop", "")], "present", False),
    "Cai Rees": ([("dietary", "Vegan"), ("quiet_room", "")], "present", True),
    "Dee Price": ([("dietary", "gluten-free")], "apologies", False),
    "Fay Hughes": ([("dietary", "vegan"), ("dietary", "no nuts")], "present", False),
}


@pytest.fixture
def meeting(store) -> str:
    ids = {name: members.add_member(store, {"name": name, "access_needs": [{"kind": k, "note": n} for k, n in needs]})
           for name, (needs, _mark, _remote) in PEOPLE.items()}
    meeting = meetings.create_meeting(store, {"title": "Network meeting", "date": "22/11/2026", "mode": "hybrid",
                                              "start_time": "10:30", "end_time": "13:00", "venue": "Community Hall"})
    meetings.set_status(store, meeting, "open")
    for name, (_needs, mark, remote) in PEOPLE.items():
        if mark:
            attendance.mark(store, meeting, ids[name], mark)
        if remote:
            attendance.set_details(store, meeting, ids[name], remote=True)
    return meeting


def run(capsys, db_path, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--db", str(db_path), "export", "access-needs", *args)


def _no_names(text: str) -> None:
    for name in PEOPLE:
        assert name not in text and name.split()[0] not in text


def test_prints_plain_lines_in_the_terminal_when_no_file_is_given(meeting, db_path, capsys) -> None:
    code, printed, err = run(capsys, db_path, "--meeting", meeting[:-6])
    assert (code, err) == (0, "")
    assert printed.splitlines() == [
        "What to arrange: Network meeting, Sunday 22 November 2026",
        "",
        "For 4 people expected.",
        "1 of them is joining remotely: their needs in the room are left out.",
        "",
        "BSL interpreter: 2 people",
        "Hearing loop: needed",
        "Dietary needs: 2 people",
        "  vegan: 2 people",
        "  no nuts: 1 person",
    ]
    _no_names(printed)


def test_csv_file_has_a_row_per_need_and_per_note_read_back_cell_by_cell(meeting, db_path, out, capsys) -> None:
    target = out / "needs.csv"
    code, printed, err = run(capsys, db_path, "--meeting", meeting, "-o", str(target))
    assert (code, err) == (0, "")
    assert printed == f"Wrote what to arrange to {target}.\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with open(target, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        ["kind", "need", "count", "once_for_the_room", "note"],
        ["bsl", "BSL interpreter", "2", "no", ""],
        ["hearing_loop", "Hearing loop", "1", "yes", ""],
        ["dietary", "Dietary needs", "2", "no", ""],
        ["dietary", "Dietary needs", "2", "no", "vegan"],
        ["dietary", "Dietary needs", "1", "no", "no nuts"],
    ]
    _no_names(target.read_text(encoding="utf-8"))


def test_markdown_and_html_files_are_short_papers_with_real_lists(meeting, db_path, out, capsys) -> None:
    assert run(capsys, db_path, "--meeting", meeting, "-o", str(out / "needs.md"))[0] == 0
    lines = (out / "needs.md").read_text(encoding="utf-8").splitlines()
    at = lines.index("## Access needs")
    assert lines[at + 2:at + 9] == [
        "- BSL interpreter: 2 people", "", "- Hearing loop: needed", "", "- Dietary needs: 2 people", "",
        "  - vegan: 2 people"]
    assert run(capsys, db_path, "--meeting", meeting, "--format", "html", "-o", str(out / "needs"))[0] == 0
    _doctype, root = parse((out / "needs.html").read_text(encoding="utf-8"))
    (html,) = root.elements()
    assert html.attrs["lang"] == "en-GB"
    assert headings(html) == [(1, "What to arrange: Network meeting"), (2, "Access needs")]
    (ul,) = [e for e in html.find_all("main")[0].elements() if e.tag == "ul"]
    assert [li.clean_text().split("\n")[0] for li in ul.elements()] == [
        "BSL interpreter: 2 people", "Hearing loop: needed", "Dietary needs: 2 people"]
    notes = ul.elements()[2].find_all("ul")[0]
    assert [li.clean_text() for li in notes.elements()] == ["vegan: 2 people", "no nuts: 1 person"]
    _no_names(html.text())


def test_csv_can_be_printed_for_another_program(meeting, db_path, capsys) -> None:
    code, printed, _err = run(capsys, db_path, "--meeting", meeting, "--format", "csv")
    assert code == 0
    assert list(csv.reader(printed.splitlines()))[1] == ["bsl", "BSL interpreter", "2", "no", ""]


def test_in_welsh_the_lines_come_from_the_welsh_catalog(meeting, db_path, capsys) -> None:
    from store.access_summary import Need, need_line
    from store.i18n import in_language

    code, printed, _err = run_cli(capsys, "--db", str(db_path), "--lang", "cy", "export", "access-needs",
                                  "--meeting", meeting)
    assert code == 0
    with in_language("cy"):
        loop = need_line(Need("hearing_loop", 1, once=True))
    assert loop in printed.splitlines()
    assert "Hearing loop" not in printed


@pytest.mark.parametrize(("args", "message"), [
    (("--meeting", "0000dead"), "There is no meeting with id 0000dead."),
    (("--meeting", "MEETING", "-o", "OUT/needs"),
     "Give --format csv, md or html, or a file name ending .csv, .md or .html."),
    (("--meeting", "MEETING", "--format", "md", "-o", "OUT/needs.csv"),
     "The file name ends .csv but the format is md. Make them match."),
    (("--meeting", "MEETING", "-o", "OUT/nowhere/needs.csv"),
     "There is no folder OUT/nowhere. Choose a folder that exists."),
])
def test_bad_input_exits_1_with_one_line_and_no_file(meeting, db_path, out, capsys, args, message) -> None:
    args = [meeting if a == "MEETING" else a.replace("OUT", str(out)) for a in args]
    code, printed, err = run(capsys, db_path, *args)
    assert (code, printed) == (1, "")
    assert err == f"coprod: {message.replace('OUT', str(out))}\n"
    assert list(out.iterdir()) == []


def test_a_database_that_is_not_there_is_refused_without_making_one(tmp_path, capsys) -> None:
    missing = tmp_path / "missing.db"
    code, _printed, err = run(capsys, missing, "--meeting", "0000dead")
    assert code == 1 and "There is no database" in err
    assert not missing.exists()
