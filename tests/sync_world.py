"""Devices and shared stores for the sync tests: real SQLite files, a real folder, a real PostgreSQL server."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store.db import Store, open_store
from store.schema import BOOKKEEPING
from store.sync.engine import Summary, sync
from store.sync.remote import Remote, open_remote

STORE_KINDS = ("folder", "postgresql")
# Device-local notes that differ between devices by design: everything else must match.
DEVICE_ONLY = {"device", "sync_applied", "sync_heard", "sync_stores"}
assert DEVICE_ONLY <= BOOKKEEPING


def tables(conn: sqlite3.Connection) -> list[str]:
    """Every table whose rows all devices must agree on: the records, the log, versions and projections."""
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    return [name for (name,) in rows if name not in DEVICE_ONLY]


def dump(store: Store) -> dict[str, list[tuple]]:
    """A complete copy of what the device holds, in a fixed order, for comparing devices."""
    conn = store.conn
    return {t: sorted((tuple(r) for r in conn.execute(f"SELECT * FROM {t}")), key=repr) for t in tables(conn)}


def location(kind: str, tmp_path: Path, new_pg_url) -> str:
    """Set up a new, empty store of `kind` and return where it is."""
    if kind == "folder":
        where = str(tmp_path / "shared")
    else:
        where = new_pg_url()
    remote = open_remote(where)
    try:
        remote.init()
    finally:
        remote.close()
    return where


@pytest.fixture(params=STORE_KINDS)
def store_location(request, tmp_path: Path) -> str:
    """A new shared store: a folder, then (in a second run of the test) a PostgreSQL database."""
    new_pg_url = request.getfixturevalue("new_pg_url") if request.param == "postgresql" else None
    return location(request.param, tmp_path, new_pg_url)


class Devices:
    """Laptops: each its own database file and its own connection to the shared store."""

    def __init__(self, root: Path, where: str) -> None:
        self.root = root
        self.where = where
        self.stores: dict[str, Store] = {}
        self.remotes: dict[str, Remote] = {}

    def __getitem__(self, name: str) -> Store:
        if name not in self.stores:
            self.stores[name] = open_store(self.root / f"{name}.db")
            self.remotes[name] = open_remote(self.where)
        return self.stores[name]

    def sync(self, name: str, **options) -> Summary:
        store = self[name]
        return sync(store, self.remotes[name], **options)

    def settle(self, *names: str, rounds: int = 4) -> None:
        """Sync every device in turn until a whole round moves nothing."""
        for _round in range(rounds):
            moved = [self.sync(name) for name in names]
            if not any(s.sent or s.received or s.waiting for s in moved):
                return
        raise AssertionError(f"still moving after {rounds} rounds: {moved}")

    def close(self) -> None:
        for remote in self.remotes.values():
            remote.close()
        for store in self.stores.values():
            store.close()


@pytest.fixture
def devices(tmp_path: Path, store_location: str):
    """Laptops sharing one store; `devices["a"]` opens (or makes) laptop a."""
    made = Devices(tmp_path, store_location)
    yield made
    made.close()
