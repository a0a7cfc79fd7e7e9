"""The `coprod` command itself: version, help on every command, exit codes, which file it opens."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_env import env_without_coprod, run_cli
from tui import __version__
from tui.cli import build_parser

COPROD = Path(sys.executable).parent / "coprod"


run = run_cli


def run_script(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the installed `coprod` script in a new process."""
    return subprocess.run([str(COPROD), *args], capture_output=True, text=True, timeout=120,
                          env=env or env_without_coprod())


def _command_paths(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and sub-command path under `parser`, found by walking argparse."""
    paths = [prefix]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                paths += _command_paths(child, (*prefix, name))
    return paths


COMMAND_PATHS = _command_paths(build_parser())


# --- version and help -------------------------------------------------------------


def test_version_prints_the_version_and_exits_0(capsys) -> None:
    code, out, _err = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"coprod {__version__}"


def test_installed_script_reports_its_version() -> None:
    done = run_script("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"coprod {__version__}"


def test_walk_finds_every_command_group() -> None:
    found = set(COMMAND_PATHS)
    for path in [(), ("demo",), ("members",), ("members", "list"), ("members", "show"), ("members", "add"),
                 ("members", "edit"), ("members", "deactivate"), ("members", "reactivate"), ("meetings",),
                 ("meetings", "list"), ("meetings", "show"), ("meetings", "add"), ("meetings", "edit"),
                 ("meetings", "open"), ("meetings", "reopen"), ("meetings", "close")]:
        assert path in found


def test_walk_covers_every_command_the_parser_knows() -> None:
    from tui.cli import COMMANDS

    assert {p[0] for p in COMMAND_PATHS if p} == set(COMMANDS)


def test_a_command_line_builds_only_the_command_it_names() -> None:
    from tui.cli import _commands_needed

    assert _commands_needed(["--db", "export", "export", "attendance", "-o", "a.csv"]) == ["export"]
    assert _commands_needed(["--lang", "cy", "members", "list"]) == ["members"]
    assert _commands_needed(["--db", "x.db"]) == []  # opens the app: no command needed
    assert _commands_needed(["--help"]) is None  # help lists them all
    assert _commands_needed(["nosuch"]) is None  # so argparse can name the choices
    only = build_parser(["export"])
    assert {p[0] for p in _command_paths(only) if p} == {"export"}


def test_an_unknown_command_is_refused_with_the_choices_named(capsys) -> None:
    code, _out, err = run(capsys, "nosuch")
    assert code == 2
    assert "invalid choice: 'nosuch'" in err and "export" in err and "members" in err


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=lambda p: " ".join(p) or "coprod")
def test_help_works_on_every_command(capsys, tmp_path, path) -> None:
    code, out, err = run(capsys, *path, "--help")
    assert code == 0, err
    assert out.startswith("usage: coprod" + "".join(f" {p}" for p in path))
    assert "--db" in out or not path, "every command takes --db"
    assert err == ""
    assert not list(tmp_path.iterdir()), "help must not open or create a database"


def test_installed_script_prints_help() -> None:
    done = run_script("--help")
    assert done.returncode == 0
    assert done.stdout.startswith("usage: coprod")
    for command in ("demo", "members", "meetings"):
        assert command in done.stdout


# --- exit codes ------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("--bogus",),
        ("frobnicate",),
        ("members",),
        ("members", "list", "--bogus"),
        ("members", "list", "--format", "xml"),
        ("members", "show"),
        ("members", "add", "--email", "p@example.org"),
        ("members", "add", "--name", "Priya", "--paid-by-employer", "maybe"),
        ("meetings", "add", "--title", "Network meeting"),
        ("meetings", "close"),
        ("demo", "--seed", "abc"),
    ],
    ids=lambda a: " ".join(a),
)
def test_bad_flags_exit_2_with_a_plain_message(capsys, db_path, args) -> None:
    code, out, err = run(capsys, "--db", str(db_path), *args)
    assert code == 2
    assert err.startswith("coprod: ")
    assert "--help" in err
    assert out == ""
    assert not db_path.exists(), "nothing is opened when the flags are wrong"


def test_unknown_member_id_exits_1_with_one_line_on_stderr(capsys, db_path) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "members", "show", "0000dead")
    assert code == 1
    assert out == ""
    assert err.startswith("coprod:")
    assert err.count("\n") == 1 and err.endswith("\n")
    assert "0000dead" in err


def test_file_that_is_not_a_database_exits_1_and_is_left_alone(capsys, tmp_path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Priya Shah, priya@example.org\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", str(notes), "members", "list")
    assert code == 1
    assert err.startswith("coprod:") and "not a coprod database" in err
    assert err.count("\n") == 1
    assert notes.read_text(encoding="utf-8") == "Priya Shah, priya@example.org\n"


def test_installed_script_exits_1_on_an_unknown_id(tmp_path) -> None:
    done = run_script("--db", str(tmp_path / "c.db"), "meetings", "show", "0000dead")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("coprod:") and done.stderr.count("\n") == 1


def test_installed_script_exits_2_on_a_bad_flag(tmp_path) -> None:
    done = run_script("--db", str(tmp_path / "c.db"), "members", "list", "--bogus")
    assert done.returncode == 2
    assert done.stderr.startswith("coprod:")


# --- which database ---------------------------------------------------------------


@pytest.mark.parametrize("where", ["before", "between", "after"])
def test_db_option_picks_the_file_wherever_it_is_given(capsys, tmp_path, where) -> None:
    target = tmp_path / f"{where}.db"
    args = {
        "before": ["--db", str(target), "members", "add", "--name", "Priya Shah"],
        "between": ["members", "--db", str(target), "add", "--name", "Priya Shah"],
        "after": ["members", "add", "--name", "Priya Shah", "--db", str(target)],
    }[where]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    code, out, _ = run(capsys, "members", "list", "--format", "json", "--db", str(target))
    assert [m["name"] for m in json.loads(out)] == ["Priya Shah"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".db") == [target.name]


def test_coprod_db_variable_picks_the_file(capsys, tmp_path, monkeypatch) -> None:
    target = tmp_path / "from-env.db"
    monkeypatch.setenv("COPROD_DB", str(target))
    code, out, err = run(capsys, "members", "add", "--name", "Priya Shah")
    assert code == 0, err
    assert target.exists()
    code, out, _ = run(capsys, "members", "list", "--format", "json")
    assert [m["name"] for m in json.loads(out)] == ["Priya Shah"]


def test_db_option_wins_over_the_coprod_db_variable(capsys, tmp_path, monkeypatch) -> None:
    from_env, chosen = tmp_path / "env.db", tmp_path / "chosen.db"
    monkeypatch.setenv("COPROD_DB", str(from_env))
    code, _, err = run(capsys, "--db", str(chosen), "members", "add", "--name", "Priya Shah")
    assert code == 0, err
    assert chosen.exists()
    assert not from_env.exists()


def test_installed_script_uses_coprod_db_from_the_environment(tmp_path) -> None:
    target = tmp_path / "script.db"
    env = {**env_without_coprod(), "COPROD_DB": str(target)}
    done = run_script("demo", env=env)
    assert done.returncode == 0, done.stderr
    listed = run_script("members", "list", "--format", "json", env=env)
    assert listed.returncode == 0
    assert len(json.loads(listed.stdout)) > 40


# --- demo --------------------------------------------------------------------------


def test_demo_makes_a_network_and_says_what_it_made(capsys, db_path) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "demo")
    assert code == 0, err
    assert "60 members" in out and "37 organisations" in out and "4 meetings" in out


def test_demo_if_missing_twice_does_not_double_the_network(capsys, db_path) -> None:
    assert run(capsys, "--db", str(db_path), "demo", "--if-missing")[0] == 0
    code, out, err = run(capsys, "--db", str(db_path), "demo", "--if-missing")
    assert code == 0 and err == ""
    code, out, _ = run(capsys, "--db", str(db_path), "members", "list", "--all", "--format", "json")
    assert len(json.loads(out)) == 60
    code, out, _ = run(capsys, "--db", str(db_path), "meetings", "list", "--format", "json")
    assert len(json.loads(out)) == 4


def test_demo_refuses_a_database_that_already_has_members(capsys, db_path) -> None:
    run(capsys, "--db", str(db_path), "members", "add", "--name", "Priya Shah")
    code, out, err = run(capsys, "--db", str(db_path), "demo")
    assert code == 1
    assert err.startswith("coprod:") and "already has members" in err
    code, out, _ = run(capsys, "--db", str(db_path), "members", "list", "--all", "--format", "json")
    assert len(json.loads(out)) == 1


@pytest.mark.parametrize("n", ["4", "200001"])
def test_demo_refuses_an_unreasonable_size(capsys, db_path, n) -> None:
    code, _out, err = run(capsys, "--db", str(db_path), "demo", "--members", n)
    assert code == 1
    assert "between 5 and 200000" in err


def test_demo_seed_gives_the_same_members(capsys, tmp_path) -> None:
    lists = []
    for name in ("a.db", "b.db"):
        run(capsys, "--db", str(tmp_path / name), "demo", "--seed", "9")
        _, out, _ = run(capsys, "--db", str(tmp_path / name), "members", "list", "--all", "--format", "json")
        lists.append(json.loads(out))
    assert lists[0] == lists[1]
