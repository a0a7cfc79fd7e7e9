"""Sync: throughput, a sync with nothing new on a big database, and a new laptop's first sync.

Each figure is measured against both stores: a folder on this machine's disk,
and a PostgreSQL server started for the run (durable settings, on loopback).
The databases are copies of the cached demo databases, so the cache is never
changed.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import common

sys.path.insert(0, str(common.ROOT / "tests"))


@contextmanager
def stores(work: Path):
    """Yield a function that makes a new, empty store of a kind: 'folder' or 'postgresql'."""
    import os

    from pg_server import PgServer
    from store.sync.remote import open_remote

    made = 0
    with PgServer(durable=True) as server:
        os.environ.update(server.env())

        def new(kind: str) -> str:
            nonlocal made
            made += 1
            where = str(work / f"shared-{made}") if kind == "folder" else server.new_database(f"bench_{made}")
            remote = open_remote(where)
            remote.init()
            remote.close()
            return where

        yield new


@contextmanager
def laptops(db: Path, kinds: tuple[str, ...]):
    """Yield, for each kind of store, (kind, work folder, new store, a laptop holding a copy of `db`, its changes)."""
    from store.db import open_store

    with tempfile.TemporaryDirectory(prefix="coprod-bench-sync-") as tmp:
        work = Path(tmp)
        with stores(work) as new:
            def each():
                for kind in kinds:
                    target = work / f"{kind}-laptop.db"
                    shutil.copyfile(db, target)
                    laptop = open_store(target)
                    yield kind, work, new(kind), laptop, laptop.one("SELECT COUNT(*) FROM changes")[0]

            yield each()


def throughput(db: Path, kinds: tuple[str, ...] = ("folder", "postgresql")) -> dict[str, dict]:
    """Push every change of `db` to a new store, then pull them all into a new, empty database."""
    from store.db import open_store
    from store.sync.engine import sync
    from store.sync.remote import open_remote

    out = {}
    with laptops(db, kinds) as each:
        for kind, work, where, laptop, changes in each:
            remote = open_remote(where)
            started = time.perf_counter()
            pushed = sync(laptop, remote, pull=False)
            push_s = time.perf_counter() - started
            remote.close()
            laptop.close()

            fresh = open_store(work / f"{kind}-new.db")
            remote = open_remote(where)
            started = time.perf_counter()
            pulled = sync(fresh, remote)
            pull_s = time.perf_counter() - started
            members = fresh.one("SELECT COUNT(*) FROM members")[0]
            remote.close()
            fresh.close()
            out[kind] = {"changes": changes, "sent": pushed.sent, "received": pulled.received,
                         "push_s": push_s, "pull_s": pull_s, "push_rate": pushed.sent / push_s,
                         "pull_rate": pulled.received / pull_s, "members": members}
    return out


def nothing_new(db: Path, runs: int, kinds: tuple[str, ...] = ("folder", "postgresql")) -> dict[str, dict]:
    """Sync a big database once, then time syncs with nothing new."""
    from store.sync.engine import sync
    from store.sync.remote import open_remote

    out = {}
    with laptops(db, kinds) as each:
        for kind, _work, where, laptop, changes in each:
            remote = open_remote(where)
            started = time.perf_counter()
            first = sync(laptop, remote)
            first_s = time.perf_counter() - started
            samples = []
            for _ in range(runs):
                # A new connection each time, as a new `coprod sync` would make.
                remote.close()
                remote = open_remote(where)
                started = time.perf_counter()
                again = sync(laptop, remote)
                samples.append(time.perf_counter() - started)
                assert (again.sent, again.received) == (0, 0)
            remote.close()
            laptop.close()
            out[kind] = {"changes": changes, "first_sent": first.sent, "first_s": first_s,
                         "median_ms": statistics.median(samples) * 1000, "runs": runs,
                         "max_ms": max(samples) * 1000}
    return out
