"""A store in a bad way: a plain message, nothing applied that was not whole, nothing deleted."""

from __future__ import annotations

import hashlib
import json
import socket
from pathlib import Path

import psycopg
import pytest

from store.db import Store, open_store
from store.demo import create_demo
from store.sync.engine import sync
from store.sync.remote import StoreError, open_remote

from sync_world import dump, location


def count(store: Store, table: str = "changes") -> int:
    return store.one(f"SELECT COUNT(*) FROM {table}")[0]


@pytest.fixture
def shared(tmp_path: Path):
    """A folder store holding laptop a's demo network, in two batch files; returns (folder, a)."""
    where = location("folder", tmp_path, None)
    a = open_store(tmp_path / "a.db")
    create_demo(a, seed=1, members=60)
    remote = open_remote(where)
    sync(a, remote, batch_size=1000)
    yield Path(where), a
    a.close()


def batch_files(folder: Path, device_id: str) -> list[Path]:
    return sorted((folder / "devices" / device_id).glob("*.batch"))


def files_and_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_half_copied_batch_file_is_not_applied_and_not_deleted(shared, tmp_path) -> None:
    folder, a = shared
    first, second = batch_files(folder, a.device_id)
    whole = second.read_bytes()
    second.write_bytes(whole[: len(whole) // 2])
    b = open_store(tmp_path / "b.db")

    summary = sync(b, open_remote(str(folder)))

    # The whole first file is applied; nothing of the half file.
    assert summary.received == 1000
    assert count(b) == 1000
    assert summary.problems and "half copied" in summary.problems[0]
    assert second.exists() and len(second.read_bytes()) == len(whole) // 2

    second.write_bytes(whole)  # the sync program finishes copying
    later = sync(b, open_remote(str(folder)))
    assert later.problems == []
    assert count(b) == count(a)


def test_a_file_that_fails_its_checksum_is_refused_whole(shared, tmp_path) -> None:
    folder, a = shared
    first = batch_files(folder, a.device_id)[0]
    data = bytearray(first.read_bytes())
    data[-20] ^= 0x01  # one bit of one change, well after the header line
    first.write_bytes(bytes(data))
    b = open_store(tmp_path / "b.db")

    summary = sync(b, open_remote(str(folder)))

    assert summary.received == 0 and count(b) == 0
    assert "checksum" in summary.problems[0]
    assert first.read_bytes() == bytes(data)


def test_a_conflicted_copy_left_by_a_sync_program_is_left_alone(shared, tmp_path) -> None:
    folder, a = shared
    first = batch_files(folder, a.device_id)[0]
    copy = first.with_name(first.stem + " (Sam's conflicted copy 2026-11-23).batch")
    copy.write_bytes(first.read_bytes().replace(b"Network", b"Tampered"))
    b = open_store(tmp_path / "b.db")

    summary = sync(b, open_remote(str(folder)))

    assert summary.problems == []
    assert any(copy.name in note for note in summary.notes)
    assert dump(b) == dump(a)
    assert copy.exists()


def test_an_empty_folder_is_not_a_store_and_nothing_is_written(tmp_path) -> None:
    empty = tmp_path / "usb-stick"
    empty.mkdir()
    b = open_store(tmp_path / "b.db")
    create_demo(b, seed=2, members=60)
    before = dump(b)

    with pytest.raises(StoreError, match="no coprod store"):
        sync(b, open_remote(str(empty)))

    assert list(empty.iterdir()) == []
    assert dump(b) == before


def test_an_unmounted_drive_is_not_read_as_everything_deleted(shared, tmp_path) -> None:
    folder, a = shared
    b = open_store(tmp_path / "b.db")
    sync(b, open_remote(str(folder)))
    before = dump(b)
    folder.rename(tmp_path / "unplugged")
    folder.mkdir()  # the mount point is there, the drive is not

    with pytest.raises(StoreError, match="connected"):
        sync(b, open_remote(str(folder)))

    assert dump(b) == before


def test_a_store_made_by_a_newer_coprod_is_refused(shared, tmp_path) -> None:
    folder, _a = shared
    marker = folder / "coprod-store.json"
    marker.write_text(json.dumps({"format": 2}))
    b = open_store(tmp_path / "b.db")

    with pytest.raises(StoreError, match="newer coprod"):
        sync(b, open_remote(str(folder)))
    assert count(b) == 0


def test_records_this_coprod_does_not_know_wait_for_an_update(shared, tmp_path) -> None:
    folder, a = shared
    first = batch_files(folder, a.device_id)[0]
    head, _nl, body = first.read_bytes().partition(b"\n")
    body = body.replace(b'"members"', b'"members_v9"', 1)
    header = json.loads(head)
    header["sha256"] = hashlib.sha256(body).hexdigest()
    first.write_bytes(json.dumps(header).encode() + b"\n" + body)
    b = open_store(tmp_path / "b.db")

    summary = sync(b, open_remote(str(folder)))

    assert count(b) == 0
    assert "newer coprod" in summary.problems[0]


def test_a_store_that_is_too_far_ahead_of_this_laptop_stops_the_push(shared, tmp_path) -> None:
    folder, a = shared
    # A database copied back from before its last sync: the store has more of its changes than it does.
    with a.transaction() as conn:
        conn.execute("UPDATE device SET seq = seq - 10")
    with pytest.raises(Exception, match="older backup"):
        sync(a, open_remote(str(folder)))
    assert len(batch_files(folder, a.device_id)) == 2


# --- PostgreSQL ----------------------------------------------------------------


def test_a_postgresql_server_that_is_down_gives_a_plain_message(tmp_path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free, and nothing listens on it once closed
    b = open_store(tmp_path / "b.db")

    with pytest.raises(StoreError, match="Can't reach the database server"):
        sync(b, open_remote(f"postgresql://coprod@127.0.0.1:{port}/network"))
    assert count(b) == 0


def test_a_refused_password_gives_a_plain_message(pg_url, monkeypatch, tmp_path) -> None:
    open_remote(pg_url).init()
    monkeypatch.setenv("PGPASSWORD", "not-the-password")
    b = open_store(tmp_path / "b.db")

    with pytest.raises(StoreError, match="refused the user name or password"):
        sync(b, open_remote(pg_url))


def test_a_password_in_the_address_is_refused_so_it_is_never_saved(pg_url) -> None:
    with_password = pg_url.replace("@", ":secret@", 1)
    with pytest.raises(StoreError, match="Take the password out"):
        open_remote(with_password)


def test_a_database_without_a_store_says_how_to_set_one_up(pg_url, tmp_path) -> None:
    b = open_store(tmp_path / "b.db")
    with pytest.raises(StoreError, match="coprod store init"):
        sync(b, open_remote(pg_url))


def test_a_damaged_row_in_postgresql_stops_that_batch_whole(pg_url, tmp_path) -> None:
    remote = open_remote(pg_url)
    remote.init()
    a = open_store(tmp_path / "a.db")
    create_demo(a, seed=1, members=60)
    sync(a, remote, batch_size=1000)
    with psycopg.connect(pg_url) as conn:
        conn.execute("UPDATE coprod.changes SET data = '{\"nonsense\": 1}' WHERE device_id = %s AND seq = 1500",
                     (a.device_id,))
    b = open_store(tmp_path / "b.db")

    summary = sync(b, open_remote(pg_url))

    assert count(b) == 1000  # the first batch, whole; nothing of the damaged one
    assert "change 1500" in summary.problems[0]
    remote.close()
