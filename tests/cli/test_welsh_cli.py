"""The command line in Welsh: chosen by --lang, LANG or the app's remembered choice; help, errors and papers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from cli_env import env_without_coprod, run_cli
from store import meetings
from store.i18n import set_language

COPROD = Path(sys.executable).parent / "coprod"


def test_help_is_in_welsh_with_lang_cy_including_argparses_own_words(capsys) -> None:
    code, out, _err = run_cli(capsys, "--lang", "cy", "--help")
    assert code == 0
    assert out.startswith("defnydd: coprod")
    assert "dewisiadau:" in out and "dangos y help hwn a gorffen" in out
    assert "cysoni" in out  # the sync command's own help
    assert "usage:" not in out and "show this help" not in out


def test_a_mistyped_command_is_refused_in_welsh(capsys) -> None:
    code, _out, err = run_cli(capsys, "--lang", "cy", "meetings", "bogus")
    assert code == 2
    assert "dewis annilys: 'bogus'" in err
    assert "Rhowch gynnig ar 'coprod meetings --help'" in err


def test_a_store_error_is_given_in_welsh_with_a_non_zero_exit(demo_store, db_path, capsys) -> None:
    code, out, err = run_cli(capsys, "--lang", "cy", "--db", str(db_path), "members", "show", "zzzz")
    assert (code, out) == (1, "")
    assert err == "coprod: Nid oes aelod gyda'r ID zzzz.\n"


def test_lang_from_the_environment_picks_welsh(demo_store, db_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "cy_GB.UTF-8")
    code, out, _err = run_cli(capsys, "--db", str(db_path), "meetings", "list")
    assert code == 0
    headings = out.splitlines()[0].split()
    assert headings[:4] == ["ID", "Dyddiad", "Amser", "Teitl"]
    assert "Ar gau" in out and "Closed" not in out


def test_the_language_chosen_in_the_app_outranks_lang_and_the_flag_outranks_both(
        demo_store, db_path, capsys, monkeypatch) -> None:
    Path(os.environ["COPROD_CONFIG"]).write_text(json.dumps({"language": "cy"}), encoding="utf-8")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    code, out, _err = run_cli(capsys, "--db", str(db_path), "meetings", "list")
    assert code == 0 and out.splitlines()[0].split()[1] == "Dyddiad"
    code, out, _err = run_cli(capsys, "--lang", "en_GB", "--db", str(db_path), "meetings", "list")
    assert code == 0 and out.splitlines()[0].split()[1] == "Date"


def test_a_fresh_process_runs_in_welsh(demo_store, db_path) -> None:
    done = subprocess.run([str(COPROD), "--lang", "cy", "--db", str(db_path), "meetings", "show",
                           meetings.recent(demo_store)[0]["id"]],
                          capture_output=True, text=True, env=env_without_coprod(), check=False)
    assert done.returncode == 0, done.stderr
    assert "Statws: Ar gau" in done.stdout
    # Dates through babel's Welsh: a month name in Welsh, not English.
    assert any(month in done.stdout for month in ("Tachwedd", "Medi", "Gorffennaf", "Mai", "Hydref"))


def test_a_spreadsheet_export_speaks_welsh_where_people_read_it(demo_store, db_path, tmp_path, capsys) -> None:
    target = tmp_path / "attendance.xlsx"
    code, out, _err = run_cli(capsys, "--lang", "cy", "--db", str(db_path), "export", "attendance", "-o", str(target))
    assert code == 0 and out.startswith("Wedi ysgrifennu")
    book = load_workbook(target)
    summary = book.worksheets[1]
    assert summary.title == "Crynodeb"
    assert [c.value for c in summary[2]][:3] == ["Dyddiad", "Cyfarfod", "Yn bresennol"]
    # The data sheet keeps its machine-readable column names, the same in every language, for finance tools.
    assert [c.value for c in book.worksheets[0][1]][:2] == ["meeting_id", "meeting_title"]
    set_language("en_GB")
