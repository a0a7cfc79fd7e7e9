"""Staff: the members who act for the network (approve and pay claims), found by name."""

from __future__ import annotations

from typing import Any

from store.db import Store
from store.records import like_pattern, matches


def find_staff(store: Store, search: str = "", limit: int = 20) -> list[dict[str, Any]]:
    """Return active staff whose name or email holds `search` (everyone when empty), by name."""
    clauses = ["deleted_at IS NULL", "active = 1", "member_type = 'staff'"]
    params: list[Any] = []
    text = " ".join((search or "").split())
    if text:
        clauses.append(matches(("name", "email"), "?", text))
        params += [like_pattern(text)] * 2
    rows = store.query(
        f"SELECT id, name, email FROM members WHERE {' AND '.join(clauses)} ORDER BY name COLLATE NOCASE, id LIMIT ?",
        (*params, limit),
    )
    return [dict(r) for r in rows]
