"""Driving the actions screens, and reading actions back from the file through a second connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from drive import open_today
from textual.pilot import Pilot

from tui.widgets.actions_view import ActionsView


async def open_actions_tab(pilot: Pilot, meeting_id: str | None = None) -> ActionsView:
    """Open today's meeting (or `meeting_id`) and click its Actions tab, which focuses matters arising."""
    if meeting_id is None:
        await open_today(pilot)
    else:
        from tui.screens import navigation

        navigation.open_meeting(pilot.app, meeting_id)
        await pilot.pause()
    await pilot.click("#--content-tab-tab-actions")
    await pilot.pause()
    view = pilot.app.screen.query_one(ActionsView)
    assert pilot.app.focused is view.matters
    return view


def _connect(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    return conn


def action_on_disk(db_path: Path, action_id: str) -> dict[str, Any]:
    """One action's row as the file holds it."""
    conn = _connect(db_path)
    try:
        return dict(conn.execute("SELECT * FROM actions WHERE id = ?", (action_id,)).fetchone())
    finally:
        conn.close()


def actions_on_disk(db_path: Path, where: str = "1", params: tuple = (),
                    order: str = "created_at, id") -> list[dict[str, Any]]:
    """Every action row matching `where`, oldest first unless `order` says otherwise."""
    conn = _connect(db_path)
    try:
        return [dict(r) for r in conn.execute(
            f"SELECT * FROM actions WHERE deleted_at IS NULL AND {where} ORDER BY {order}", params)]
    finally:
        conn.close()


def owners_on_disk(db_path: Path, action_id: str) -> list[str]:
    """The names of an action's owners (links not taken off), sorted."""
    conn = _connect(db_path)
    try:
        return sorted(r[0] for r in conn.execute(
            "SELECT m.name FROM action_owners o JOIN members m ON m.id = o.member_id "
            "WHERE o.action_id = ? AND o.deleted_at IS NULL", (action_id,)))
    finally:
        conn.close()


def cells(table, index: int) -> list[str]:
    """The text of each cell of row `index`, as the table draws it."""
    return [c if isinstance(c, str) else c[0] for c in table._cells(table.row_at(index))]


def row_ids(table) -> list[str]:
    """The ids of every row the table would show, fetched through the table."""
    return [table.row_at(i)["id"] for i in range(table.total)]
