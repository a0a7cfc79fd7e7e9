"""Small shared pieces for commands and queries: id lookup and row shaping."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from store.errors import InputError, NotFound
from store.i18n import _

MIN_PREFIX = 4


def resolve_id(conn: sqlite3.Connection, table: str, text: str, what: str) -> str:
    """Return the id in `table` that equals `text` or uniquely starts with it."""
    key = (text or "").strip().lower()
    if not key:
        raise InputError(_("Give the {what}'s id.").format(what=what))
    row = conn.execute(f"SELECT id FROM {table} WHERE id = ? AND deleted_at IS NULL", (key,)).fetchone()
    if row:
        return row[0]
    if len(key) >= MIN_PREFIX:
        rows = conn.execute(
            f"SELECT id FROM {table} WHERE id >= ? AND id < ? AND deleted_at IS NULL LIMIT 2",
            (key, key + "\uffff"),
        ).fetchall()
        if len(rows) == 1:
            return rows[0][0]
        if len(rows) > 1:
            raise InputError(_("More than one {what} has an id starting {id}. Give more of the id.").format(what=what, id=key))
    raise NotFound(_("There is no {what} with id {id}.").format(what=what, id=key))


def row_dict(row: sqlite3.Row | None, json_fields: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """Return a plain dict of `row`, decoding the JSON text columns named."""
    if row is None:
        return None
    out = dict(row)
    for name in json_fields:
        if name in out and isinstance(out[name], str):
            out[name] = json.loads(out[name])
    return out


def matches(columns: tuple[str, ...], param: str, text: str) -> str:
    """Return SQL testing whether any of `columns` contains `text`, ignoring case.

    SQLite's LIKE ignores case only for ASCII letters, in C; that is exactly right
    when the typed text is ASCII and keeps typing fast on a large network. Text
    with other letters ("SIÂN") goes through the slower Python fold() instead.
    """
    wrap = "{}" if text.isascii() else "fold({})"
    return "(" + " OR ".join(f"{wrap.format(c)} LIKE {param} ESCAPE '\\'" for c in columns) + ")"


def like_pattern(text: str) -> str:
    """Return a LIKE pattern matching `text` anywhere, with wildcards escaped."""
    escaped = text.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
