"""`coprod export attendance` from the command line."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from cli_env import env_without_coprod
from store import meetings
from tui.cli import main

COPROD = Path(sys.executable).parent / "coprod"


def _meeting(demo_store, index=0) -> str:
    return meetings.recent(demo_store)[index]["id"]


def test_exports_one_meeting_as_csv(demo_store, db_path, tmp_path, capsys):
    meeting = _meeting(demo_store)
    target = tmp_path / "m.csv"
    assert main(["--db", str(db_path), "export", "attendance", "--meeting", meeting, "--format", "csv",
                 "-o", str(target)]) == 0
    rows = list(csv.reader(target.open(encoding="utf-8")))
    expected = demo_store.one("SELECT COUNT(*) FROM attendance WHERE meeting_id = ?", (meeting,))[0]
    assert len(rows) - 1 == expected
    assert {r[0] for r in rows[1:]} == {meeting}
    assert f"Wrote {expected} rows" in capsys.readouterr().out


def test_format_comes_from_the_file_name(demo_store, db_path, tmp_path):
    target = tmp_path / "all.xlsx"
    assert main(["--db", str(db_path), "export", "attendance", "-o", str(target)]) == 0
    book = load_workbook(target)
    assert book.sheetnames == ["Attendance", "Summary"]
    total = demo_store.one("SELECT COUNT(*) FROM attendance")[0]
    assert book["Attendance"].max_row - 1 == total


def test_period_in_day_month_year(demo_store, db_path, tmp_path):
    target = tmp_path / "p.csv"
    since, until = "01/07/2026", "30/09/2026"
    assert main(["--db", str(db_path), "export", "attendance", "--from", since, "--to", until, "-o", str(target)]) == 0
    dates = {r[2] for r in list(csv.reader(target.open(encoding="utf-8")))[1:]}
    assert dates and all("2026-07-01" <= d <= "2026-09-30" for d in dates)


def test_bad_input_gives_one_line_and_exit_1_and_writes_no_file(demo_store, db_path, tmp_path, capsys):
    target = tmp_path / "x.csv"
    cases = [
        ["--meeting", "0000dead"],
        ["--from", "31/02/2026"],
        ["--from", "02/02/2026", "--to", "01/01/2026"],
        ["--meeting", _meeting(demo_store), "--from", "01/01/2026"],
    ]
    for extra in cases:
        assert main(["--db", str(db_path), "export", "attendance", *extra, "-o", str(target)]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("coprod: ")
        assert not target.exists()


def test_unknown_format_is_refused(db_path, tmp_path, capsys):
    assert main(["--db", str(db_path), "export", "attendance", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "csv or xlsx" in capsys.readouterr().err


def test_installed_command_exports_and_reports(demo_store, db_path, tmp_path):
    target = tmp_path / "all.csv"
    done = subprocess.run([str(COPROD), "--db", str(db_path), "export", "attendance", "-o", str(target)],
                          capture_output=True, text=True, env=env_without_coprod(), timeout=60)
    assert done.returncode == 0, done.stderr
    assert target.exists() and done.stdout.startswith("Wrote ")
    missing = subprocess.run([str(COPROD), "--db", str(db_path), "export", "attendance", "-o",
                              str(tmp_path / "no" / "x.csv")], capture_output=True, text=True,
                             env=env_without_coprod(), timeout=60)
    assert missing.returncode == 1 and "no folder" in missing.stderr
