"""One sync: push this device's new changes, then pull every other device's.

What the store holds is the truth about what has been sent: a sync asks it how
far this device's changes reach, and sends from there, so a sync stopped at any
moment is simply started again. Pulled batches are applied a few of one
device's at a time, each group in one transaction together with the note of
how far that device's changes now reach here (the version vector), so the
note can never run ahead of the data. A batch is
applied only after the changes it was written on top of, so a record never
arrives before the member or meeting it names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from store import changes as change_log
from store import clock
from store.changes import Change
from store.claims import projection
from store.db import Store
from store.errors import CoprodError
from store.i18n import _
from store.sync import failpoints
from store.sync.batch import SIZE, Batch, BatchError
from store.sync.remote import Remote

# One device's batches are applied this many changes to a transaction: fewer commits write each
# page of the file fewer times, and a stopped sync loses at most this much work.
GROUP = 20_000

# A device whose clock is further ahead than this is not trusted: its changes
# wait, and the person is told, rather than winning every edit for days.
FUTURE_LIMIT_MS = 24 * 60 * 60 * 1000

Progress = Callable[[int, int], None]  # (done, total) changes


@dataclass
class Summary:
    """What a sync did, for the person and for the tests."""

    sent: int = 0
    received: int = 0
    conflicts: int = 0  # claims that need a person to look at them, after this sync
    waiting: int = 0  # batches held back until changes they depend on arrive
    problems: list[str] = field(default_factory=list)  # plain-words reasons some changes were set aside
    notes: list[str] = field(default_factory=list)  # things worth knowing that held nothing back


def sync(store: Store, remote: Remote, progress: Progress | None = None, *, push: bool = True,
         pull: bool = True, max_batches: int | None = None, batch_size: int = SIZE) -> Summary:
    """Sync `store` with `remote`; see the module docstring. Raises StoreError if the store can't be used.

    `push` and `pull` may be turned off, and `max_batches` stops the pull early:
    a partial sync, as a dropped connection would leave it.
    """
    remote.check()
    summary = Summary()
    me = store.device_id
    own = store.one("SELECT seq FROM device")[0]
    have = applied(store)
    heads = remote.heads()
    summary.notes.extend(_("Left alone a file that is not one of coprod's own (a sync program may have made a "
                           "copy): {name}").format(name=name) for name in heads.ignored)
    acked = remote.pushed(me)
    if acked > own:
        raise CoprodError(_("The store holds more changes from this device than this database does. Was the "
                            "database copied back from an older backup? Ask for help before you sync it."))
    if acked > _noted(store, remote):
        # More of "our" changes are in the store than we knew of: a sync stopped after sending, or
        # a copy of this database file sending under the same name. Only the first is safe.
        _check_same_history(store, remote, _noted(store, remote), acked)
    total = (own - acked if push else 0) + (sum(
        max(0, head - have.get(device, 0)) for device, head in heads.seq.items() if device != me) if pull else 0)
    tick = _progress(progress, total)
    if push:
        summary.sent = _push(store, remote, acked, own, tick, batch_size)
    if pull:
        # Pulled changes touch records all over the file: a bigger page cache saves re-reading them, and
        # copying the write-ahead log into the file less often saves writing the same pages again and again.
        # The next commit (noting this sync, below) copies it all back in.
        cache = store.one("PRAGMA cache_size")[0]
        store.conn.execute("PRAGMA cache_size = -65536")
        store.conn.execute("PRAGMA wal_autocheckpoint = 20000")
        # What is pulled can always be pulled again, and the note of how far it reaches commits with it:
        # so a commit need not wait for the disk (a power cut loses the last few, never half of one).
        store.conn.execute("PRAGMA synchronous = NORMAL")
        try:
            _pull(store, remote, heads.seq, have, summary, tick, max_batches)
        finally:
            store.conn.execute("PRAGMA synchronous = FULL")
            store.conn.execute("PRAGMA wal_autocheckpoint = 1000")
            store.conn.execute(f"PRAGMA cache_size = {int(cache)}")
    have = applied(store)
    remote.report(me, {device: seq for device, seq in have.items() if device != me})
    _remember(store, remote, summary, own if push else acked)
    summary.conflicts = store.one("SELECT COUNT(*) FROM claim_state WHERE conflict")[0]
    return summary


def applied(store: Store) -> dict[str, int]:
    """Return how far each device's changes reach in this database, this device included."""
    have = {row[0]: row[1] for row in store.query("SELECT device_id, seq FROM sync_applied")}
    have[store.device_id] = store.one("SELECT seq FROM device")[0]
    return have


def _push(store: Store, remote: Remote, acked: int, own: int, tick: Callable[[int], None], size: int) -> int:
    sent = 0
    first = acked + 1
    while first <= own:
        last = min(first + size - 1, own)
        rows = store.query(
            "SELECT device_id, seq, hlc, tbl, row_id, grp, data FROM changes WHERE device_id = ? AND seq BETWEEN ? AND ? "
            "ORDER BY seq", (store.device_id, first, last))
        remote.push(Batch(store.device_id, first, last, needs(store, last), [Change(*row) for row in rows]))
        failpoints.reach("after-push")
        sent += last - first + 1
        tick(last - first + 1)
        first = last + 1
    return sent


def needs(store: Store, seq: int) -> dict[str, int]:
    """Return how far each other device's changes reached here when this device made its own change `seq`.

    A batch ending at `seq` is applied elsewhere only after these. They are what the changes were made
    on top of, not what has been applied since: a batch sent again later (its file went missing from
    the store) must not wait for changes that were made on top of it, or neither could ever be applied.
    """
    return {row[0]: row[1] for row in store.query(
        "SELECT device_id, MAX(seq) FROM sync_heard WHERE own_seq < ? GROUP BY device_id", (seq,))}


def _pull(store: Store, remote: Remote, heads: dict[str, int], have: dict[str, int], summary: Summary,
          tick: Callable[[int], None], max_batches: int | None) -> None:
    """Apply every ready batch, device by device, until none is left that can be applied."""
    me = store.device_id
    queues: dict[str, Iterator[Batch]] = {
        device: remote.fetch(device, have.get(device, 0))
        for device, head in sorted(heads.items()) if device != me and head > have.get(device, 0)
    }
    held: dict[str, Batch] = {}
    done = 0
    while queues and (max_batches is None or done < max_batches):
        before = done
        for device in list(queues):
            # Take this device's batches as far as they are ready, a few to a transaction.
            group: list[Batch] = []
            while max_batches is None or done < max_batches:
                batch = held.pop(device, None) or _next(queues, device, summary)
                if batch is None:
                    break
                if not batch.ready(have):
                    held[device] = batch
                    break
                if _too_far_ahead(batch, summary):
                    del queues[device]
                    break
                group.append(batch)
                done += 1
                if sum(len(b.changes) for b in group) >= GROUP:
                    _apply(store, group, have, summary, tick)
                    group = []
            _apply(store, group, have, summary, tick)
        if done == before:
            break
    summary.waiting = len(held)


def _too_far_ahead(batch: Batch, summary: Summary) -> bool:
    """True, with the person told why, if the batch comes from a clock too far ahead to trust."""
    ahead = max(change.hlc for change in batch.changes) >> clock.COUNTER_BITS
    if ahead - clock.now_ms() <= FUTURE_LIMIT_MS:
        return False
    hours = (ahead - clock.now_ms()) // 3_600_000
    summary.problems.append(_("Changes from another device are dated {hours} hours ahead, so they were "
                              "set aside. Check the date and time on that device.").format(hours=hours))
    return True


def _apply(store: Store, group: list[Batch], have: dict[str, int], summary: Summary,
           tick: Callable[[int], None]) -> None:
    """Apply one device's batches, and note how far its changes now reach, in one transaction."""
    if not group:
        return
    device = group[0].device_id
    reach = have.get(device, 0)
    count = 0
    with store.transaction() as conn, projection.deferred(conn):
        for batch in group:
            start = max(0, reach + 1 - batch.first)  # a batch may overlap what is here
            fresh = list(batch.changes[start:])
            summary.received += change_log.apply_many(
                conn, fresh, list(batch.values[start:]) if batch.values is not None else None)
            reach = max(reach, batch.last)
            count += len(fresh)
        conn.execute(
            "INSERT INTO sync_applied (device_id, seq) VALUES (?, ?) "
            "ON CONFLICT (device_id) DO UPDATE SET seq = max(seq, excluded.seq)", (device, reach))
        # This device's next changes are made on top of these.
        conn.execute(
            "INSERT INTO sync_heard (device_id, own_seq, seq) SELECT ?, seq, ? FROM device WHERE true "
            "ON CONFLICT (device_id, own_seq) DO UPDATE SET seq = max(seq, excluded.seq)", (device, reach))
    have[device] = reach
    tick(count)
    failpoints.reach("mid-apply")


def _next(queues: dict[str, Iterator[Batch]], device: str, summary: Summary) -> Batch | None:
    try:
        return next(queues[device])
    except StopIteration:
        del queues[device]
    except BatchError as exc:
        # Nothing of this file is applied, nor anything after it from that device.
        summary.problems.append(exc.message)
        del queues[device]
    return None


def _progress(progress: Progress | None, total: int) -> Callable[[int], None]:
    done = 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)

    if progress is not None:
        progress(0, total)
    return tick


def _noted(store: Store, remote: Remote) -> int:
    row = store.one("SELECT pushed FROM sync_stores WHERE location = ?", (remote.location,))
    return row[0] if row else 0


def _check_same_history(store: Store, remote: Remote, after: int, upto: int) -> None:
    """Refuse to sync if the store's changes under this device's name are not this database's own."""
    mine = {row[0]: (row[1], row[2]) for row in store.query(
        "SELECT seq, hlc, data FROM changes WHERE device_id = ? AND seq > ? AND seq <= ?",
        (store.device_id, after, upto))}
    for batch in remote.fetch(store.device_id, after):
        for change in batch.changes:
            if change.seq <= upto and mine.get(change.seq) != (change.hlc, change.data):
                raise CoprodError(_("The store has changes under this device's name that this database did not "
                                    "make. Was this database file copied from another laptop? Nothing was synced. "
                                    "Ask for help: each laptop needs its own database, set up by syncing."))


def _remember(store: Store, remote: Remote, summary: Summary, pushed: int) -> None:
    """Note this store as the one to use next time, with what this sync did."""
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO sync_stores (location, kind, last_sync, sent, received, pushed) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (location) DO UPDATE SET kind = excluded.kind, last_sync = excluded.last_sync, "
            "sent = sent + excluded.sent, received = received + excluded.received, "
            "pushed = max(pushed, excluded.pushed)",
            (remote.location, remote.kind, now, summary.sent, summary.received, pushed))


def last_location(store: Store) -> str | None:
    """Return the store this database synced with most recently, if any."""
    row = store.one("SELECT location FROM sync_stores ORDER BY last_sync DESC LIMIT 1")
    return row[0] if row else None
