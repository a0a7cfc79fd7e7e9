"""`coprod import members FILE [--skip-invalid]`: what the person sees and the exit codes."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_env import env_without_coprod

from store.db import open_store
from tui.cli import main

COPROD = Path(sys.executable).parent / "coprod"


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def member_names(db: Path) -> list[str]:
    store = open_store(db)
    try:
        return [r[0] for r in store.query("SELECT name FROM members ORDER BY name")]
    finally:
        store.close()


@pytest.fixture
def good_csv(tmp_path) -> Path:
    return write_csv(tmp_path / "members.csv", [
        ["Name", "Email", "Phone", "Ward"],
        ["Ann Evans", "ann@example.org", "01234 567890", "North"],
        ["Bryn Hughes", "", "07700 900123", "South"],
    ])


@pytest.fixture
def one_bad_row_csv(tmp_path) -> Path:
    return write_csv(tmp_path / "members.csv", [
        ["Name", "Email"],
        ["Ann Evans", "ann@example.org"],
        ["Bryn Hughes", "not-an-email"],
    ])


def test_import_prints_what_it_added_then_what_was_unchanged(db_path, good_csv, capsys):
    assert main(["--db", str(db_path), "import", "members", str(good_csv)]) == 0
    first = capsys.readouterr()
    assert main(["import", "members", str(good_csv), "--db", str(db_path)]) == 0
    second = capsys.readouterr()

    assert first.out.splitlines() == [
        "coprod does not keep these columns, so they were left out: Ward.",
        "Added 2 members, updated 0, 0 unchanged.",
    ]
    assert first.err == ""
    assert second.out.splitlines()[-1] == "Added 0 members, updated 0, 2 unchanged."
    assert member_names(db_path) == ["Ann Evans", "Bryn Hughes"]


def test_a_bad_row_refuses_the_whole_file_and_says_which_row(db_path, one_bad_row_csv, capsys):
    code = main(["--db", str(db_path), "import", "members", str(one_bad_row_csv)])

    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err == [
        "1 row has a problem:",
        "Row 3: not-an-email is not an email address.",
        "Nothing was imported. Fix these rows and import the file again, or use --skip-invalid "
        "to import the other rows.",
    ]
    assert member_names(db_path) == []


def test_skip_invalid_imports_the_good_rows_lists_the_rest_and_succeeds(db_path, one_bad_row_csv, capsys):
    code = main(["--db", str(db_path), "import", "members", str(one_bad_row_csv), "--skip-invalid"])

    out, err = capsys.readouterr()
    assert code == 0
    assert out.splitlines() == ["Added 1 member, updated 0, 0 unchanged."]
    assert err.splitlines() == ["Skipped 1 row:", "Row 3: not-an-email is not an email address."]
    assert member_names(db_path) == ["Ann Evans"]


def test_skip_invalid_with_every_row_bad_fails(db_path, tmp_path, capsys):
    path = write_csv(tmp_path / "members.csv", [["Name", "Email"], ["Ann", "nope"], ["Bob", "nor this"]])

    code = main(["--db", str(db_path), "import", "members", str(path), "--skip-invalid"])

    assert code == 1
    assert "Skipped 2 rows:" in capsys.readouterr().err
    assert member_names(db_path) == []


def test_a_long_list_of_problems_is_cut_short_and_counted(db_path, tmp_path, capsys):
    rows = [["Name", "Email"]] + [[f"Person {i}", f"bad{i}"] for i in range(105)]
    path = write_csv(tmp_path / "members.csv", rows)

    assert main(["--db", str(db_path), "import", "members", str(path)]) == 1

    err = capsys.readouterr().err.splitlines()
    assert len([line for line in err if line.startswith("Row ")]) == 100
    assert "…and 5 more problems." in err


def test_missing_file_is_one_line_and_creates_no_database(db_path, tmp_path, capsys):
    missing = tmp_path / "nowhere.csv"

    code = main(["--db", str(db_path), "import", "members", str(missing)])

    assert code == 1
    assert capsys.readouterr().err == f"coprod: There is no file at {missing}.\n"
    assert not db_path.exists()


def test_import_without_saying_what_to_import_is_a_usage_error(db_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(db_path), "import"])

    assert stopped.value.code == 2
    assert "Try 'coprod import --help'." in capsys.readouterr().err


def run_coprod(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(COPROD), *args], capture_output=True, text=True, env=env_without_coprod(),
                          timeout=60)


def test_installed_command_imports_and_reports_exit_codes(db_path, good_csv, tmp_path):
    ok = run_coprod("--db", str(db_path), "import", "members", str(good_csv))
    assert (ok.returncode, ok.stderr) == (0, "")
    assert "Added 2 members, updated 0, 0 unchanged." in ok.stdout

    refused_path = write_csv(tmp_path / "refused.csv", [["Name", "Email"], ["Cat", "ann@example.org"],
                                                         ["Dan", "nope"]])
    refused = run_coprod("--db", str(db_path), "import", "members", str(refused_path))
    assert refused.returncode == 1
    assert "Row 3: nope is not an email address." in refused.stderr
    assert member_names(db_path) == ["Ann Evans", "Bryn Hughes"]


def test_installed_command_refuses_missing_and_junk_files_without_a_traceback(db_path, tmp_path):
    missing = run_coprod("--db", str(db_path), "import", "members", str(tmp_path / "nowhere.csv"))
    junk_path = tmp_path / "junk.csv"
    junk_path.write_bytes(os.urandom(10 * 1024 * 1024))
    junk = run_coprod("--db", str(db_path), "import", "members", str(junk_path))

    assert missing.returncode == 1
    assert missing.stderr.splitlines() == [f"coprod: There is no file at {tmp_path / 'nowhere.csv'}."]
    assert junk.returncode == 1
    assert junk.stderr.splitlines() == [
        "coprod: junk.csv is not a CSV or Excel file. Save it from your spreadsheet as CSV or as an Excel "
        "workbook (.xlsx), then import it again."]
    assert "Traceback" not in missing.stderr + junk.stderr
