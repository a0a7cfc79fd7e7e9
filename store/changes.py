"""The change log: the only way domain data is written.

A command calls `record()` inside its transaction. Each touched field group
becomes a change row stamped with this device's id, its next sequence number
and a hybrid logical clock value, and `apply()` then writes the domain row from
that change. Sync applies changes pulled from other devices through the very
same `apply()`, so a database can always be rebuilt by replaying its log.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from store import clock
from store.schema import AFTER_APPLY, GROUPS


@dataclass(frozen=True, slots=True)
class Change:
    """One field group of one record, as written by one device."""

    device_id: str
    seq: int
    hlc: int
    tbl: str
    row_id: str
    grp: str
    data: str  # JSON object: the group's columns and values

    def values(self) -> dict[str, Any]:
        return json.loads(self.data)


def _group_values(conn: sqlite3.Connection, tbl: str, row_id: str, values: dict[str, Any]) -> dict[str, dict]:
    """Split `values` by field group, filling each group's other columns from the row."""
    touched: dict[str, dict[str, Any]] = {}
    for grp, cols in GROUPS[tbl].items():
        if any(col in values for col in cols):
            touched[grp] = {}
    missing = [
        col for grp in touched for col in GROUPS[tbl][grp] if col not in values
    ]
    current: dict[str, Any] = {}
    if missing:
        row = conn.execute(
            f"SELECT {', '.join(missing)} FROM {tbl} WHERE id = ?", (row_id,)
        ).fetchone()
        if row is not None:
            current = dict(zip(missing, row))
    for grp in touched:
        for col in GROUPS[tbl][grp]:
            touched[grp][col] = values[col] if col in values else current.get(col)
    unknown = set(values) - {c for cols in GROUPS[tbl].values() for c in cols}
    if unknown:
        raise KeyError(f"{tbl} has no synced columns {sorted(unknown)}")
    return touched


def record(conn: sqlite3.Connection, tbl: str, row_id: str, values: dict[str, Any]) -> list[Change]:
    """Log and apply a local write of `values` to `tbl` row `row_id`.

    Must run inside a transaction: the change rows and the data commit together.
    """
    if not conn.in_transaction:
        raise RuntimeError("record() needs an open transaction")
    groups = _group_values(conn, tbl, row_id, values)
    device_id, seq, last = conn.execute("SELECT id, seq, hlc FROM device").fetchone()
    made = []
    for grp, data in groups.items():
        seq += 1
        last = clock.tick(last)
        change = Change(device_id, seq, last, tbl, row_id, grp, json.dumps(data, separators=(",", ":"), sort_keys=True))
        apply(conn, change)
        made.append(change)
    conn.execute("UPDATE device SET seq = ?, hlc = ?", (seq, last))
    return made


def apply(conn: sqlite3.Connection, change: Change) -> bool:
    """Apply one change: log it, and write it if it wins its field group.

    Returns False when the change was already logged (applying twice does
    nothing) or when a later write already holds the group (it is still logged).
    """
    cur = conn.execute(
        "INSERT OR IGNORE INTO changes (device_id, seq, hlc, tbl, row_id, grp, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (change.device_id, change.seq, change.hlc, change.tbl, change.row_id, change.grp, change.data),
    )
    if cur.rowcount == 0:
        return False
    # A later local edit must outrank every change this device has seen.
    conn.execute("UPDATE device SET hlc = ? WHERE hlc < ?", (change.hlc, change.hlc))
    return _write_if_latest(conn, change)


def apply_many(conn: sqlite3.Connection, changes: list[Change], values: list[dict] | None = None) -> int:
    """Apply many changes pulled from other devices; return how many were new.

    The result is what `apply()` on each in turn would give, in any order, but
    written set by set: the log rows, then the winning version of each field
    group, then the records. `values` may hold each change's data already parsed.
    """
    if not changes:
        return 0
    known: set[tuple[str, int]] = set()
    spans: dict[str, list[int]] = {}
    for change in changes:
        span = spans.setdefault(change.device_id, [change.seq, change.seq])
        span[0], span[1] = min(span[0], change.seq), max(span[1], change.seq)
    for device, (low, high) in spans.items():
        known.update((device, row[0]) for row in conn.execute(
            "SELECT seq FROM changes WHERE device_id = ? AND seq BETWEEN ? AND ?", (device, low, high)))
    fresh: list[tuple[Change, dict | None]] = []
    for index, change in enumerate(changes):
        key = (change.device_id, change.seq)
        if key not in known:
            known.add(key)
            fresh.append((change, values[index] if values is not None else None))
    conn.executemany(
        "INSERT INTO changes (device_id, seq, hlc, tbl, row_id, grp, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(c.device_id, c.seq, c.hlc, c.tbl, c.row_id, c.grp, c.data) for c, _v in fresh],
    )
    best: dict[tuple[str, str, str], tuple[Change, dict | None]] = {}
    for change, parsed in fresh:
        key = (change.tbl, change.row_id, change.grp)
        other = best.get(key)
        if other is None or (change.hlc, change.device_id) > (other[0].hlc, other[0].device_id):
            best[key] = (change, parsed)
    held = _held_versions(conn, list(best))
    winners = [
        (change, parsed) for key, (change, parsed) in best.items()
        if key not in held or held[key] < (change.hlc, change.device_id)
    ]
    conn.executemany(
        "INSERT INTO versions (tbl, row_id, grp, hlc, device_id) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (tbl, row_id, grp) DO UPDATE SET hlc = excluded.hlc, device_id = excluded.device_id",
        [(c.tbl, c.row_id, c.grp, c.hlc, c.device_id) for c, _v in winners],
    )
    writes: dict[str, list[tuple]] = {}
    for change, parsed in winners:
        sql, params = _upsert(change, parsed if parsed is not None else change.values())
        writes.setdefault(sql, []).append(params)
    for sql, rows in writes.items():
        conn.executemany(sql, rows)
    for change, _v in winners:
        if change.tbl in AFTER_APPLY:
            _after_apply_hook(change.tbl)(conn, change)
    top = max(change.hlc for change in changes)
    conn.execute("UPDATE device SET hlc = ? WHERE hlc < ?", (top, top))
    return len(fresh)


def _held_versions(conn: sqlite3.Connection, keys: list[tuple[str, str, str]]) -> dict[tuple, tuple[int, str]]:
    """Return the (HLC, device) holding each of these field groups now, where one does."""
    held = {}
    step = 2000  # three values a key, well under SQLite's limit on values in one statement
    for start in range(0, len(keys), step):
        chunk = keys[start:start + step]
        marks = ", ".join(["(?, ?, ?)"] * len(chunk))
        rows = conn.execute(
            "SELECT v.tbl, v.row_id, v.grp, v.hlc, v.device_id FROM (VALUES " + marks + ") AS k "
            "JOIN versions v ON v.tbl = k.column1 AND v.row_id = k.column2 AND v.grp = k.column3",
            [value for key in chunk for value in key],
        )
        held.update({(t, r, g): (h, d) for t, r, g, h, d in rows})
    return held


_UPSERTS: dict[tuple[str, str, tuple[str, ...]], str] = {}


def _upsert(change: Change, data: dict[str, Any]) -> tuple[str, list]:
    """Return the statement and values that write a change's group to its record."""
    cols = GROUPS[change.tbl][change.grp]
    # Insert only the columns that have a value: a column left out takes its
    # default, and `excluded.col` then carries that default into the update.
    given = tuple([col for col in cols if data.get(col) is not None])
    key = (change.tbl, change.grp, given)
    sql = _UPSERTS.get(key)
    if sql is None:
        names = ", ".join(("id", *given))
        marks = ", ".join("?" * (len(given) + 1))
        updates = ", ".join(f"{col} = excluded.{col}" for col in cols)
        sql = _UPSERTS[key] = f"INSERT INTO {change.tbl} ({names}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET {updates}"
    params = [change.row_id]
    for col in given:
        value = data[col]
        params.append(_column_value(value) if type(value) in (list, dict) else value)
    return sql, params


def _write_if_latest(conn: sqlite3.Connection, change: Change) -> bool:
    """Write a newly logged change to its record, unless a later write already holds its group."""
    held = conn.execute(
        "SELECT hlc, device_id FROM versions WHERE tbl = ? AND row_id = ? AND grp = ?",
        (change.tbl, change.row_id, change.grp),
    ).fetchone()
    if held is not None and (held[0], held[1]) >= (change.hlc, change.device_id):
        return False
    conn.execute(
        "INSERT INTO versions (tbl, row_id, grp, hlc, device_id) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (tbl, row_id, grp) DO UPDATE SET hlc = excluded.hlc, device_id = excluded.device_id",
        (change.tbl, change.row_id, change.grp, change.hlc, change.device_id),
    )
    conn.execute(*_upsert(change, change.values()))
    if change.tbl in AFTER_APPLY:
        _after_apply_hook(change.tbl)(conn, change)
    return True


_HOOKS: dict[str, Any] = {}


def _after_apply_hook(tbl: str):
    # Loaded on first use: opening a database must not import the claims code.
    hook = _HOOKS.get(tbl)
    if hook is None:
        import importlib

        module, name = AFTER_APPLY[tbl].split(":")
        hook = _HOOKS[tbl] = getattr(importlib.import_module(module), name)
    return hook


def _column_value(value: Any) -> Any:
    # Lists (such as access needs) are stored as JSON text.
    if isinstance(value, (list, dict)):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return value


def log(conn: sqlite3.Connection) -> list[Change]:
    """Return every logged change in (HLC, device) order."""
    rows = conn.execute(
        "SELECT device_id, seq, hlc, tbl, row_id, grp, data FROM changes ORDER BY hlc, device_id, seq"
    )
    return [Change(*row) for row in rows]
