"""Every action, open or closed: for `coprod actions list --all`.

store/actions.py lists the open actions a meeting works through; a look back
over what was done and dropped as well is rarer, so it reads each action
through the same `get_action` and keeps that module's shapes.
"""

from __future__ import annotations

from typing import Any

from store import actions
from store.db import Store
from store.i18n import _
from store.records import resolve_id


def all_actions(store: Store, owner_id: str | None = None) -> list[dict[str, Any]]:
    """Return every action (optionally one person's): open ones by due date, then closed ones, latest closed first."""
    params: list[Any] = []
    where = "a.deleted_at IS NULL"
    if str(owner_id or "").strip():
        params.append(resolve_id(store.conn, "members", owner_id, _("member")))
        where += " AND a.id IN (SELECT action_id FROM action_owners WHERE member_id = ? AND deleted_at IS NULL)"
    rows = store.query(
        f"SELECT a.id FROM actions a WHERE {where} ORDER BY a.status != 'open', "
        "CASE WHEN a.status = 'open' THEN a.due_date IS NULL END, "
        "CASE WHEN a.status = 'open' THEN a.due_date END, "
        "CASE WHEN a.status != 'open' THEN a.closed_at END DESC, a.created_at, a.id",
        params,
    )
    return [actions.get_action(store, row["id"]) for row in rows]
