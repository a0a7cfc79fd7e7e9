"""`coprod sync` and `coprod store`: set up, sync, status; killed mid-sync; many devices at once.

The crash tests run the real `coprod` in a new process that kills itself with
SIGKILL at a named point (COPROD_FAILPOINT), then sync again and compare with
a laptop that synced without interruption. Every test runs against a folder
store and a real PostgreSQL server.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cli_env import env_without_coprod, run_cli
from store import members
from store.db import open_store
from store.demo import create_demo
from store.sync.remote import open_remote

from sync_world import STORE_KINDS, dump, location, store_location  # noqa: F401  (fixture)

COPROD = Path(sys.executable).parent / "coprod"


run = run_cli


def script(*args: str, failpoint: str | None = None) -> subprocess.Popen:
    env = env_without_coprod()
    if failpoint:
        env["COPROD_FAILPOINT"] = failpoint
    return subprocess.Popen([str(COPROD), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def finished(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=180)
    return process.returncode, out, err


def laptop(path: Path, seed: int | None = None, people: int = 0) -> Path:
    """A laptop's database: the demo network for `seed`, or `people` members of its own."""
    store = open_store(path)
    if seed is not None:
        create_demo(store, seed=seed, members=60)
    for n in range(people):
        members.add_member(store, {"name": f"Member {n} of {path.stem}"})
    store.close()
    return path


def device_of(path: Path) -> str:
    store = open_store(path)
    try:
        return store.device_id
    finally:
        store.close()


def dumped(path: Path) -> dict:
    store = open_store(path)
    try:
        return dump(store)
    finally:
        store.close()


def changes_in(path: Path) -> int:
    store = open_store(path)
    try:
        return store.one("SELECT COUNT(*) FROM changes")[0]
    finally:
        store.close()


# --- the commands ----------------------------------------------------------------


def test_init_sync_and_status_from_the_command_line(capsys, tmp_path) -> None:
    shared = tmp_path / "shared"
    a = laptop(tmp_path / "a.db", seed=1)
    b = tmp_path / "b.db"

    code, out, _ = run(capsys, "store", "init", str(shared))
    assert code == 0 and "ready" in out
    code, out, _ = run(capsys, "store", "init", str(shared))
    assert code == 0 and "already a coprod store" in out

    code, out, _ = run(capsys, "sync", "--db", str(a), "--store", str(shared))
    made = changes_in(a)
    assert code == 0 and f"Sent {made:,} changes." in out
    # The store is remembered: plain `coprod sync` works from now on.
    code, out, _ = run(capsys, "sync", "--db", str(a))
    assert code == 0 and "Sent 0 changes." in out and "Received 0 changes." in out

    code, out, _ = run(capsys, "store", "status", "--db", str(b), str(shared))
    assert code == 0
    lines = out.splitlines()
    assert lines[1].split()[:2] == ["Device", "Last"]
    assert len(lines) == 3  # one device so far
    assert f"{made:,}" in lines[2] and "up to date" in lines[2]

    code, out, _ = run(capsys, "sync", "--db", str(b), "--store", str(shared))
    assert code == 0 and f"Received {made:,} changes." in out
    assert dumped(b) == dumped(a)


def test_sync_with_no_store_named_or_remembered_says_what_to_do(capsys, tmp_path) -> None:
    code, out, err = run(capsys, "sync", "--db", str(tmp_path / "b.db"))
    assert code == 1 and out == ""
    assert err.startswith("coprod: Say which store to use")


@pytest.mark.parametrize("where", ["ftp://example.org/x", ""])
def test_a_location_that_is_neither_a_folder_nor_postgresql_is_refused(capsys, tmp_path, where) -> None:
    code, _out, err = run(capsys, "store", "init", where)
    assert code == 1 and err.startswith("coprod: ")


def test_a_damaged_file_in_the_store_makes_sync_fail_loudly(capsys, tmp_path) -> None:
    shared = tmp_path / "shared"
    a = laptop(tmp_path / "a.db", seed=1)
    run(capsys, "store", "init", str(shared))
    run(capsys, "sync", "--db", str(a), "--store", str(shared))
    (batch,) = (shared / "devices").glob("*/*.batch")
    batch.write_bytes(batch.read_bytes()[:-100])

    code, out, err = run(capsys, "sync", "--db", str(tmp_path / "b.db"), "--store", str(shared))

    assert code == 1
    assert "Received 0 changes." in out
    assert "checksum" in err
    assert changes_in(tmp_path / "b.db") == 0


# --- killed mid-sync -------------------------------------------------------------

POINTS = {
    "folder": ("folder-before-rename", "after-push", "mid-apply"),
    "postgresql": ("after-push", "mid-apply"),
}


@pytest.mark.parametrize(("kind", "point"), [(k, p) for k in STORE_KINDS for p in POINTS[k]])
def test_a_sync_killed_at_any_point_then_run_again_loses_and_doubles_nothing(kind, point, tmp_path, request) -> None:
    where = location(kind, tmp_path, request.getfixturevalue("new_pg_url") if kind == "postgresql" else None)
    a = laptop(tmp_path / "a.db", seed=1)
    c = laptop(tmp_path / "c.db", people=30)
    b = tmp_path / "b.db"
    made = changes_in(a) + changes_in(c)
    assert finished(script("sync", "--db", str(c), "--store", where))[0] == 0

    if point == "mid-apply":
        assert finished(script("sync", "--db", str(a), "--store", where))[0] == 0
        victim = b  # b pulls two batches (a's and c's) and dies after the first
    else:
        victim = a  # a dies while sending its changes

    code, _out, _err = finished(script("sync", "--db", str(victim), "--store", where, failpoint=point))
    assert code == -signal.SIGKILL

    if point == "folder-before-rename":
        own = tmp_path / "shared" / "devices" / device_of(a)
        assert list(own.glob("*.batch")) == []  # nothing a reader could take for a whole file
        assert len(list(own.glob(".tmp-*"))) == 1  # the written, unrenamed file
    if point == "after-push":
        remote = open_remote(where)
        assert remote.pushed(device_of(a)) == changes_in(a)
        remote.close()
    if point == "mid-apply":
        assert 0 < changes_in(b) < made

    # Sync again, everyone, as people would; then a laptop that never saw a crash.
    for path in (victim, a, b, c, victim):
        code, _out, err = finished(script("sync", "--db", str(path), "--store", where))
        assert code == 0, err
    reference = tmp_path / "reference.db"
    assert finished(script("sync", "--db", str(reference), "--store", where))[0] == 0

    assert changes_in(reference) == changes_in(a) == changes_in(b) == changes_in(c) == made
    assert dumped(b) == dumped(reference) == dumped(a) == dumped(c)
    # Nothing doubled: every member once, on every laptop.
    assert len(dumped(reference)["members"]) == 60 + 30


def test_after_a_kill_following_the_push_the_next_sync_sends_nothing_again(tmp_path, store_location) -> None:
    a = laptop(tmp_path / "a.db", seed=1)
    code, _out, _err = finished(script("sync", "--db", str(a), "--store", store_location, failpoint="after-push"))
    assert code == -signal.SIGKILL

    code, out, _err = finished(script("sync", "--db", str(a), "--store", store_location))
    assert code == 0
    assert "Sent 0 changes." in out


# --- many devices at the same moment ------------------------------------------------


def test_several_devices_syncing_at_the_same_moment_converge(tmp_path, store_location) -> None:
    paths = [laptop(tmp_path / "a.db", seed=1)] + [laptop(tmp_path / f"{n}.db", people=20) for n in "bcd"]
    for _round in range(2):
        running = [script("sync", "--db", str(path), "--store", store_location) for path in paths]
        results = [finished(p) for p in running]
        assert all(code == 0 for code, _o, _e in results), results
    for path in paths:  # one quiet round so that everyone has what the last round sent
        assert finished(script("sync", "--db", str(path), "--store", store_location))[0] == 0

    first = dumped(paths[0])
    assert all(dumped(path) == first for path in paths[1:])
    assert len(first["members"]) == 60 + 3 * 20
