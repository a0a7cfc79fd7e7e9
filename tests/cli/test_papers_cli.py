"""`coprod export minutes` and `coprod export you-said-we-did` from the command line."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest
from agenda_world import BUS_TITLE, NOT_NAMED, build_world
from cli_env import env_without_coprod
from html_tree import headings, parse

from store import agenda
from tui.cli import main

COPROD = Path(sys.executable).parent / "coprod"


@pytest.fixture
def world(store):
    return build_world(store)


def run(capsys, db_path, *args: str) -> tuple[int, str, str]:
    """Run `coprod --db DB export ARGS` in this process; return (exit code, stdout, stderr)."""
    capsys.readouterr()
    try:
        code = main(["--db", str(db_path), "export", *args])
    except SystemExit as stop:
        code = stop.code
    printed, err = capsys.readouterr()
    return code, printed, err


# --- minutes ---------------------------------------------------------------------------------------


def test_minutes_as_html_are_written_privately_and_read_back(world, db_path, out, capsys) -> None:
    target = out / "minutes.html"
    code, printed, err = run(capsys, db_path, "minutes", "--meeting", world.today[:-6], "--format", "html",
                             "-o", str(target))
    assert (code, err) == (0, "")
    assert printed == f"Wrote the minutes to {target}.\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    doctype, root = parse(target.read_text(encoding="utf-8"))
    assert doctype.lower() == "doctype html"
    assert root.elements()[0].attrs["lang"] == "en-GB"
    order = agenda.agenda(world.store, world.today)["order"]
    assert [t for level, t in headings(root) if level == 3] == [
        f"{n}. {i['display_title']}" for n, i in enumerate(order, start=1)]
    assert not root.find_all("table")
    text = root.text()
    assert all(name not in text for name in NOT_NAMED)


def test_minutes_format_comes_from_the_file_name_or_is_added_to_it(world, db_path, out, capsys) -> None:
    assert run(capsys, db_path, "minutes", "--meeting", world.today, "-o", str(out / "m.md"))[0] == 0
    assert (out / "m.md").read_text(encoding="utf-8").splitlines()[0] == "# Minutes of Network meeting"
    code = run(capsys, db_path, "minutes", "--meeting", world.today, "--format", "html", "-o", str(out / "Nov"))[0]
    assert code == 0
    assert (out / "Nov.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_minutes_markdown_lines(world, db_path, out, capsys) -> None:
    target = out / "m.md"
    run(capsys, db_path, "minutes", "--meeting", world.today, "-o", str(target))
    lines = target.read_text(encoding="utf-8").splitlines()
    assert "### 4. Bus passes \\<for> carers & PAs" in lines
    assert "- **Proposed by:** Priya Shah and Siân Jones" in lines
    assert "#### Decision" in lines


@pytest.mark.parametrize(("args", "message"), [
    (("--meeting", "0000dead", "-o", "OUT/m.html"), "There is no meeting with id 0000dead."),
    (("--meeting", "TODAY", "--format", "md", "-o", "OUT/m.html"),
     "The file name ends .html but the format is md. Make them match."),
    (("--meeting", "TODAY", "-o", "OUT/minutes"), "Give --format md or html, or a file name ending .md or .html."),
    (("--meeting", "TODAY", "-o", "OUT/nowhere/m.html"), "There is no folder OUT/nowhere. Choose a folder that exists."),
])
def test_bad_minutes_export_exits_1_with_one_line_and_no_file(world, db_path, out, capsys, args, message) -> None:
    swap = {"TODAY": world.today}
    args = [swap.get(a, a.replace("OUT", str(out))) for a in args]
    code, printed, err = run(capsys, db_path, "minutes", *args)
    assert (code, printed) == (1, "")
    assert err == f"coprod: {message.replace('OUT', str(out))}\n"
    assert list(out.iterdir()) == []


def test_minutes_from_a_database_that_is_not_there_is_refused_without_making_one(tmp_path, out, capsys) -> None:
    missing = tmp_path / "missing.db"
    code, _printed, err = run(capsys, missing, "minutes", "--meeting", "0000dead", "-o", str(out / "m.md"))
    assert code == 1 and "There is no database" in err
    assert not missing.exists()


# --- you said, we did -------------------------------------------------------------------------------------


def test_you_said_we_did_prints_plain_text_in_the_terminal_by_default(world, db_path, capsys) -> None:
    code, printed, err = run(capsys, db_path, "you-said-we-did", "--member", world.dafydd[:-6])
    assert (code, err) == (0, "")
    lines = printed.splitlines()
    assert lines[:3] == ["You said, we did", "", "For Dafydd Evans."]
    assert "Parking at the venue" in lines
    assert not any(line.startswith(("#", "-", "*")) for line in lines)
    assert "\x1b" not in printed


def test_you_said_we_did_prints_markdown_in_the_terminal_when_asked(world, db_path, capsys) -> None:
    code, printed, err = run(capsys, db_path, "you-said-we-did", "--member", world.dafydd[:-6], "--format", "md")
    assert (code, err) == (0, "")
    lines = printed.splitlines()
    assert lines[:3] == ["# You said, we did", "", "For Dafydd Evans."]
    assert "## Parking at the venue" in lines


def test_you_said_we_did_as_an_html_file(world, db_path, out, capsys) -> None:
    target = out / "priya.html"
    code, printed, _err = run(capsys, db_path, "you-said-we-did", "--member", world.priya, "-o", str(target))
    assert code == 0 and printed == f"Wrote \"you said, we did\" to {target}.\n"
    _doctype, root = parse(target.read_text(encoding="utf-8"))
    assert [t for level, t in headings(root) if level == 2] == ["Young carers' breaks", BUS_TITLE]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_you_said_we_did_takes_the_member_from_coprod_member(world, db_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COPROD_MEMBER", world.sian)
    code, printed, _err = run(capsys, db_path, "you-said-we-did", "--format", "html")
    assert code == 0
    assert printed.startswith("<!doctype html>")
    assert "<p>For Siân Jones.</p>" in printed.splitlines()


@pytest.mark.parametrize(("args", "message"), [
    ((), "Say whose items to show: give --member, or set COPROD_MEMBER."),
    (("--member", "0000dead"), "There is no member with id 0000dead."),
])
def test_you_said_we_did_without_a_known_member_exits_1(world, db_path, capsys, args, message) -> None:
    assert run(capsys, db_path, "you-said-we-did", *args) == (1, "", f"coprod: {message}\n")


def test_installed_script_reads_you_said_we_did_out_in_the_terminal(world, db_path) -> None:
    done = subprocess.run([str(COPROD), "--db", str(db_path), "export", "you-said-we-did", "--member", world.sian],
                          capture_output=True, text=True, timeout=120, env=env_without_coprod())
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[2] == "For Siân Jones."
    assert "Free bus travel for carers" in lines and "Hearing loops in GP surgeries" in lines
