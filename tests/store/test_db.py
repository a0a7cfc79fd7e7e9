"""The database file: created private, opened with safe settings, refused when foreign or too new."""

from __future__ import annotations

import json
import sqlite3
import stat
import uuid
from pathlib import Path

import pytest

from store import changes, members
from store.db import SCHEMA_VERSION, open_store
from store.errors import CoprodError, DatabaseError, InputError


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _count(store, table: str) -> int:
    return store.one(f"SELECT COUNT(*) FROM {table}")[0]


# --- creating the file --------------------------------------------------------


def test_new_database_file_is_readable_only_by_its_owner(db_path: Path) -> None:
    store = open_store(db_path)
    store.close()
    assert _mode(db_path) == 0o600


def test_new_database_in_a_missing_folder_is_created_private(tmp_path: Path) -> None:
    target = tmp_path / "not" / "there" / "yet" / "coprod.db"
    store = open_store(target)
    store.close()
    assert target.is_file()
    assert _mode(target) == 0o600
    assert _mode(target.parent) & 0o077 == 0, "the folder made for the database must not be open to others"


def test_write_ahead_log_of_a_database_is_private_too(store) -> None:
    # Until a checkpoint, personal data sits in the -wal file, not the database file.
    members.add_member(store, {"name": "Priya Shah", "email": "priya@example.org"})
    wal = store.path.with_name(store.path.name + "-wal")
    assert wal.exists()
    assert _mode(wal) & 0o077 == 0


def test_schema_version_is_recorded_in_a_new_file(store) -> None:
    assert store.one("PRAGMA user_version")[0] == SCHEMA_VERSION


# --- connection settings ------------------------------------------------------


def _assert_safe_settings(conn: sqlite3.Connection) -> None:
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_open_store_connection_uses_wal_full_sync_and_foreign_keys(store) -> None:
    _assert_safe_settings(store.conn)


def test_worker_connection_from_reopen_has_the_same_settings(store) -> None:
    other = store.reopen()
    try:
        _assert_safe_settings(other.conn)
        assert other.device_id == store.device_id
    finally:
        other.close()


def test_reopened_existing_file_keeps_its_settings(db_path: Path) -> None:
    open_store(db_path).close()
    again = open_store(db_path)
    try:
        _assert_safe_settings(again.conn)
    finally:
        again.close()


# --- files that are not ours --------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"name,email\nPriya Shah,priya@example.org\n",
        bytes(range(256)) * 16,
        b"SQLite",  # shorter than the header
    ],
    ids=["text", "random-bytes", "short"],
)
def test_file_that_is_not_sqlite_is_refused_and_left_unchanged(tmp_path: Path, content: bytes) -> None:
    target = tmp_path / "notes.db"
    target.write_bytes(content)
    with pytest.raises(DatabaseError) as caught:
        open_store(target)
    assert "not a coprod database" in caught.value.message
    assert str(target) in caught.value.message
    assert target.read_bytes() == content
    assert not target.with_name("notes.db-wal").exists()


def test_folder_given_as_database_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError) as caught:
        open_store(tmp_path)
    assert "folder" in caught.value.message


def test_file_with_sqlite_header_but_garbage_body_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "broken.db"
    content = b"SQLite format 3\x00" + bytes(range(256)) * 8
    target.write_bytes(content)
    with pytest.raises(DatabaseError):
        open_store(target)
    assert target.read_bytes() == content


def test_file_from_newer_coprod_is_refused_and_left_unchanged(db_path: Path) -> None:
    open_store(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError) as caught:
        open_store(db_path)
    assert "newer version" in caught.value.message
    assert db_path.read_bytes() == before


def test_plain_sqlite_file_with_newer_version_is_refused_and_left_unchanged(db_path: Path) -> None:
    # A file made outside coprod (rollback journal, not WAL) must not be
    # converted to WAL, or otherwise touched, on the way to refusing it.
    raw = sqlite3.connect(db_path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.commit()
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError) as caught:
        open_store(db_path)
    assert "newer version" in caught.value.message
    assert db_path.read_bytes() == before


def test_sqlite_file_of_another_app_is_refused_and_left_unchanged(db_path: Path) -> None:
    # user_version 0 with someone else's tables is not an old coprod file to upgrade.
    raw = sqlite3.connect(db_path)
    raw.execute("CREATE TABLE recipes (name TEXT)")
    raw.execute("INSERT INTO recipes VALUES ('soup')")
    raw.commit()
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError) as caught:
        open_store(db_path)
    assert "not a coprod database" in caught.value.message
    assert db_path.read_bytes() == before


def test_empty_file_is_made_into_a_new_database(db_path: Path) -> None:
    db_path.touch()
    store = open_store(db_path)
    try:
        assert store.one("PRAGMA user_version")[0] == SCHEMA_VERSION
        assert _mode(db_path) == 0o600
    finally:
        store.close()


# --- upgrading an older file ------------------------------------------------------


def _version_one_file(path: Path) -> None:
    """A file as coprod made it before agendas existed, with one meeting and one member."""
    from store.db import MIGRATIONS_DIR, _statements

    raw = sqlite3.connect(path)
    for statement in _statements((MIGRATIONS_DIR / "0001_initial.sql").read_text(encoding="utf-8")):
        raw.execute(statement)
    raw.execute("PRAGMA user_version = 1")
    raw.execute("INSERT INTO device (id, seq, hlc) VALUES ('0190f0f0-0000-7000-8000-00000000000a', 0, 0)")
    raw.execute("INSERT INTO meetings (id, title, date, start_time, end_time) "
                "VALUES ('m-old', 'Network meeting', '2026-06-01', '10:30', '13:00')")
    raw.execute("INSERT INTO members (id, name) VALUES ('p-old', 'Priya Shah')")
    raw.commit()
    raw.close()


def test_file_from_before_agendas_is_upgraded_keeping_its_data(db_path: Path) -> None:
    from store import agenda

    _version_one_file(db_path)
    store = open_store(db_path)
    try:
        assert store.one("PRAGMA user_version")[0] == SCHEMA_VERSION
        assert store.one("SELECT title FROM meetings WHERE id = 'm-old'")[0] == "Network meeting"
        # No standing items are made up for old meetings: a migration cannot log them for sync.
        view = agenda.agenda(store, "m-old")
        assert (view["order"], view["proposals"], view["total_minutes"]) == ([], [], 0)
        item = agenda.propose(store, "m-old", {"title": "Bus passes", "proposer_id": "p-old"})
        agenda.accept(store, item)
        assert [i["id"] for i in agenda.agenda(store, "m-old")["order"]] == [item]
    finally:
        store.close()


# --- the device id ------------------------------------------------------------


def test_reopening_a_file_keeps_its_device_id(db_path: Path) -> None:
    first = open_store(db_path)
    device = first.device_id
    members.add_member(first, {"name": "Priya Shah"})
    first.close()
    second = open_store(db_path)
    try:
        assert second.device_id == device
        assert _count(second, "device") == 1
    finally:
        second.close()


def test_every_new_file_gets_its_own_device_id(tmp_path: Path) -> None:
    ids = set()
    for n in range(5):
        store = open_store(tmp_path / f"laptop{n}.db")
        ids.add(store.device_id)
        store.close()
    assert len(ids) == 5
    for device in ids:
        assert uuid.UUID(device).version == 7


def test_new_file_starts_with_an_empty_log_and_no_data(store) -> None:
    assert tuple(store.one("SELECT seq, hlc FROM device")) == (0, 0)
    for table in ("changes", "versions", "organisations", "members", "meetings", "attendance"):
        assert _count(store, table) == 0


# --- one command, one transaction ---------------------------------------------


def test_failed_command_writes_no_member_organisation_or_change(store) -> None:
    # The organisation is made inside the command before the email is checked:
    # the whole command must roll back, not just the member.
    with pytest.raises(InputError) as caught:
        members.add_member(store, {"name": "Priya Shah", "organisation": "Brand New Forum", "email": "not-an-email"})
    assert caught.value.field == "email"
    for table in ("members", "organisations", "changes", "versions"):
        assert _count(store, table) == 0
    assert tuple(store.one("SELECT seq, hlc FROM device")) == (0, 0)
    assert not store.conn.in_transaction


def test_store_works_normally_after_a_failed_command(store) -> None:
    with pytest.raises(InputError):
        members.add_member(store, {"name": ""})
    member = members.add_member(store, {"name": "Priya Shah"})
    assert members.get_member(store, member)["name"] == "Priya Shah"
    assert store.one("SELECT seq FROM device")[0] == _count(store, "changes")


def test_nested_transaction_joins_the_outer_one(store) -> None:
    with pytest.raises(RuntimeError, match="stop"):
        with store.transaction() as outer:
            members.insert_member(outer, {"name": "Outer Person"})
            with store.transaction() as inner:
                assert inner is outer
                members.insert_member(inner, {"name": "Inner Person"})
            # The inner block ending must not have committed anything.
            assert outer.in_transaction
            raise RuntimeError("stop")
    assert _count(store, "members") == 0
    assert _count(store, "changes") == 0


def test_error_in_nested_transaction_rolls_back_the_outer_one(store) -> None:
    with pytest.raises(InputError):
        with store.transaction() as outer:
            members.insert_member(outer, {"name": "Outer Person"})
            members.add_member(store, {"name": ""})  # opens a nested transaction
    assert _count(store, "members") == 0
    assert not store.conn.in_transaction


def test_nested_transactions_commit_once_at_the_outer_end(store) -> None:
    with store.transaction() as outer:
        members.add_member(store, {"name": "First"})
        members.add_member(store, {"name": "Second"})
        assert outer.in_transaction
    assert not store.conn.in_transaction
    other = store.reopen()
    try:
        assert _count(other, "members") == 2
    finally:
        other.close()


def test_committed_command_is_visible_to_another_connection_at_once(store) -> None:
    # What the screen acknowledges is already on disk for every reader.
    members.add_member(store, {"name": "Priya Shah"})
    other = open_store(store.path)
    try:
        assert [r["name"] for r in members.search_members(other)] == ["Priya Shah"]
    finally:
        other.close()


def test_commit_refused_by_a_foreign_key_rolls_back_and_store_stays_usable(store) -> None:
    # A change pulled from another device may name a member this file does not have yet.
    orphan = changes.Change(
        "0190f0f0-0000-7000-8000-000000000001", 1, 5, "attendance", "a-1", "link",
        json.dumps({"meeting_id": "no-such-meeting", "member_id": "no-such-member"}),
    )
    with pytest.raises(CoprodError, match="Nothing was saved"):
        with store.transaction() as conn:
            changes.apply(conn, orphan)
    assert not store.conn.in_transaction, "a refused COMMIT must not leave the transaction open"
    assert _count(store, "attendance") == 0
    assert _count(store, "changes") == 0
    member = members.add_member(store, {"name": "After The Failure"})
    assert members.get_member(store, member)["name"] == "After The Failure"


def test_database_path_comes_from_coprod_db_when_none_is_given(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "from-env.db"
    monkeypatch.setenv("COPROD_DB", str(target))
    store = open_store()
    try:
        assert store.path == target
        assert target.exists()
    finally:
        store.close()


def test_file_written_after_close_reopens_with_all_rows(db_path: Path) -> None:
    store = open_store(db_path)
    for n in range(3):
        members.add_member(store, {"name": f"Person {n}"})
    store.close()
    again = open_store(db_path)
    try:
        assert members.count_members(again) == 3
    finally:
        again.close()
