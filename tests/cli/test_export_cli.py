"""`coprod export attendance` from the command line."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cli_env import env_without_coprod
from store import attendance, meetings, members
from store.export.attendance import COLUMNS
from tui.cli import main

COPROD = Path(sys.executable).parent / "coprod"
HEAVY = ("openpyxl", "pydantic", "textual", "sqlite_utils", "babel")


@pytest.fixture
def two_meetings(store):
    """A March and a June meeting, one person marked at each: {"march": id, "june": id, "siân": id}."""
    siân = members.add_member(store, {"name": "Siân Evans", "organisation": 'Carers, "Together"'})
    march = meetings.create_meeting(store, {"title": "March meeting", "date": "2026-03-14"})
    june = meetings.create_meeting(store, {"title": "June meeting", "date": "2026-06-20"})
    for meeting, status in ((march, "present"), (june, "apologies")):
        meetings.set_status(store, meeting, "open")
        attendance.mark(store, meeting, siân, status)
    return {"march": march, "june": june, "siân": siân}


def export(db_path, *args) -> int:
    return main(["--db", str(db_path), "export", "attendance", *args])


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_exports_one_meeting_by_id_prefix_as_csv(demo_store, db_path, out, capsys):
    meeting = meetings.recent(demo_store)[0]["id"]
    target = out / "m.csv"
    assert export(db_path, "--meeting", meeting[:13], "--format", "csv", "-o", str(target)) == 0
    rows = read_csv(target)
    assert rows[0] == list(COLUMNS)
    marks = {tuple(r) for r in demo_store.query(
        "SELECT member_id, status FROM attendance WHERE meeting_id = ? AND deleted_at IS NULL", (meeting,))}
    assert {(r[3], r[7]) for r in rows[1:]} == marks
    assert len(rows) - 1 == len(marks)
    assert {r[0] for r in rows[1:]} == {meeting}
    assert capsys.readouterr().out == f"Wrote {len(marks)} rows to {target}.\n"


def test_one_row_is_reported_as_one_row(two_meetings, db_path, out, capsys):
    target = out / "june.csv"
    assert export(db_path, "--meeting", two_meetings["june"], "-o", str(target)) == 0
    assert capsys.readouterr().out == f"Wrote 1 row to {target}.\n"
    assert read_csv(target)[1][:8] == [two_meetings["june"], "June meeting", "2026-06-20", two_meetings["siân"],
                                       "Siân Evans", 'Carers, "Together"', "uses_services", "apologies"]


def test_format_comes_from_the_file_name(demo_store, db_path, out):
    target = out / "all.xlsx"
    assert export(db_path, "-o", str(target)) == 0
    book = load_workbook(target)
    assert book.sheetnames == ["Attendance", "Summary"]
    total = demo_store.one("SELECT COUNT(*) FROM attendance WHERE deleted_at IS NULL")[0]
    assert book["Attendance"].max_row - 1 == total


def test_a_name_without_the_ending_gets_it(two_meetings, db_path, out, capsys):
    assert export(db_path, "--format", "csv", "-o", str(out / "2026.03 register")) == 0
    assert [p.name for p in out.iterdir()] == ["2026.03 register.csv"]
    assert capsys.readouterr().out.endswith("2026.03 register.csv.\n")


def test_period_in_day_month_year_includes_both_ends(two_meetings, db_path, out):
    target = out / "p.csv"
    assert export(db_path, "--from", "14/03/2026", "--to", "20/06/2026", "-o", str(target)) == 0
    assert [r[0] for r in read_csv(target)[1:]] == [two_meetings["march"], two_meetings["june"]]
    assert export(db_path, "--from", "15/03/2026", "--to", "2026-06-20", "-o", str(target)) == 0
    assert [r[0] for r in read_csv(target)[1:]] == [two_meetings["june"]]
    assert export(db_path, "--to", "13/03/2026", "-o", str(target)) == 0
    assert read_csv(target) == [list(COLUMNS)]


def test_an_older_export_is_replaced(two_meetings, db_path, out):
    target = out / "a.csv"
    target.write_text("old\n")
    assert export(db_path, "--meeting", two_meetings["march"], "-o", str(target)) == 0
    assert [r[0] for r in read_csv(target)[1:]] == [two_meetings["march"]]


@pytest.mark.parametrize("args, message", [
    (["--meeting", "0000dead"], "coprod: There is no meeting with id 0000dead."),
    (["--from", "31/02/2026"], "coprod: --from: 31/02/2026 is not a real date. Check the day and month."),
    (["--to", "someday"], "coprod: --to: "),
    (["--from", "02/02/2026", "--to", "01/01/2026"], "coprod: The period starts after it ends."),
    (["--meeting", "MARCH", "--from", "01/01/2026"], "coprod: Choose a meeting or a period, not both."),
    (["--format", "csv", "-o", "OUT/x.xlsx"], "coprod: The file name ends .xlsx but the format is csv."),
    (["-o", "OUT/x.pdf"], "coprod: Give --format csv or xlsx, or a file name ending .csv or .xlsx."),
    (["-o", "OUT/missing/x.csv"], "coprod: There is no folder "),
])
def test_bad_input_gives_one_line_and_exit_1_and_writes_no_file(two_meetings, db_path, out, capsys, args,
                                                                message):
    args = [a.replace("MARCH", two_meetings["march"]).replace("OUT", str(out)) for a in args]
    if "-o" not in args:
        args += ["-o", str(out / "x.csv")]
    assert export(db_path, *args) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(message)
    assert list(out.iterdir()) == []


def test_a_missing_database_is_named_and_not_created(tmp_path, out, capsys):
    missing = tmp_path / "typo.db"
    assert export(missing, "-o", str(out / "a.csv")) == 1
    assert capsys.readouterr().err == f"coprod: There is no database at {missing}. Check --db or COPROD_DB.\n"
    assert not missing.exists()
    assert list(out.iterdir()) == []


def test_installed_command_exports_and_reports(demo_store, db_path, out):
    target = out / "all.csv"
    done = subprocess.run([str(COPROD), "--db", str(db_path), "export", "attendance", "-o", str(target)],
                          capture_output=True, text=True, env=env_without_coprod(), timeout=60)
    assert done.returncode == 0, done.stderr
    total = demo_store.one("SELECT COUNT(*) FROM attendance WHERE deleted_at IS NULL")[0]
    assert done.stdout == f"Wrote {total} rows to {target}.\n"
    assert len(read_csv(target)) == total + 1
    missing = subprocess.run([str(COPROD), "--db", str(db_path), "export", "attendance", "-o",
                              str(out / "no" / "x.csv")], capture_output=True, text=True,
                             env=env_without_coprod(), timeout=60)
    assert missing.returncode == 1
    assert missing.stderr.startswith("coprod: There is no folder ") and missing.stderr.count("\n") == 1
    assert not (out / "no").exists()


def _modules_after_export(db_path, target) -> list[str]:
    """Run the export in a fresh interpreter; return which heavy libraries it loaded."""
    script = (
        "import json, sys\n"
        "from tui.cli import main\n"
        f"code = main(['--db', {str(db_path)!r}, 'export', 'attendance', '-o', {str(target)!r}])\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env_without_coprod(), timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_csv_export_loads_no_heavy_library(two_meetings, db_path, out):
    assert _modules_after_export(db_path, out / "a.csv") == []
    assert (out / "a.csv").exists()
    # The check can see a heavy library when one is loaded: XLSX needs openpyxl.
    assert _modules_after_export(db_path, out / "a.xlsx") == ["openpyxl"]
