"""Members: commands that change them and queries that read them."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

# The change log (store.changes) is imported by the functions that write: the home
# screen reads this module before its first frame, and that need not wait for it.
from store import organisations
from store.dates import now_iso
from store.db import Store
from store.i18n import _
from store.ids import new_id
from store.records import like_pattern, matches, resolve_id, row_dict

EDITABLE = (
    "name", "organisation_id", "member_type", "email", "phone", "preferred_channel",
    "access_needs", "payment_preference", "fee_cap_pence", "paid_by_employer", "consent_date",
)

_SELECT = (
    "SELECT m.id, m.name, m.organisation_id, o.name AS organisation, m.member_type, m.email, m.phone, "
    "m.preferred_channel, m.access_needs, m.payment_preference, m.fee_cap_pence, m.paid_by_employer, "
    "m.consent_date, m.active, m.created_at FROM members m "
    "LEFT JOIN organisations o ON o.id = m.organisation_id "
)


def _prepare(conn: sqlite3.Connection, data: dict[str, Any]) -> dict[str, Any]:
    """Validate member fields; an 'organisation' name is found or created."""
    from store.models import MemberIn, validate

    fields = {k: v for k, v in data.items() if k != "organisation"}
    if "organisation" in data:
        fields["organisation_id"] = organisations.find_or_create(conn, data["organisation"] or "")
    elif fields.get("organisation_id"):
        fields["organisation_id"] = resolve_id(conn, "organisations", fields["organisation_id"], _("organisation"))
    member = validate(MemberIn, fields)
    out = member.model_dump()
    out["paid_by_employer"] = int(out["paid_by_employer"])
    return out


def add_member(store: Store, data: dict[str, Any]) -> str:
    """Create a member from `data` and return the new id."""
    with store.transaction() as conn:
        return insert_member(conn, data)


def insert_member(conn: sqlite3.Connection, data: dict[str, Any]) -> str:
    """Create a member inside the caller's transaction and return the new id."""
    from store import changes

    values = _prepare(conn, data)
    member_id = new_id()
    values.update(active=1, created_at=now_iso())
    changes.record(conn, "members", member_id, values)
    return member_id


def update_member(store: Store, member_id: str, data: dict[str, Any]) -> None:
    """Change some of a member's fields; the others stay as they are."""
    with store.transaction() as conn:
        update_member_in(conn, member_id, data)


def update_member_in(conn: sqlite3.Connection, member_id: str, data: dict[str, Any]) -> bool:
    """Change a member inside the caller's transaction; return True if anything changed."""
    from store import changes

    real = resolve_id(conn, "members", member_id, _("member"))
    current = row_dict(conn.execute(_SELECT + "WHERE m.id = ?", (real,)).fetchone(), ("access_needs",))
    merged = {k: current[k] for k in EDITABLE}
    merged.update({k: v for k, v in data.items() if k != "organisation"})
    if "organisation" in data:
        merged.pop("organisation_id", None)
        merged["organisation"] = data["organisation"]
    values = _prepare(conn, merged)
    changed = {k: v for k, v in values.items() if _differs(current.get(k), v)}
    if changed:
        changes.record(conn, "members", real, changed)
    return bool(changed)


def _differs(old: Any, new: Any) -> bool:
    if isinstance(new, list):
        # The same needs in another order are the same needs: no change to sync.
        def key(items):
            return sorted(json.dumps(item, sort_keys=True) for item in items or [])

        return key(old) != key(new)
    return old != new


def set_active(store: Store, member_id: str, active: bool) -> None:
    """Deactivate (or reactivate) a member: kept on record, left off new registers."""
    from store import changes

    with store.transaction() as conn:
        real = resolve_id(conn, "members", member_id, _("member"))
        current = conn.execute("SELECT active FROM members WHERE id = ?", (real,)).fetchone()[0]
        if current != int(active):
            changes.record(conn, "members", real, {"active": int(active)})


def get_member(store: Store, member_id: str) -> dict[str, Any]:
    """Return one member with the organisation's name."""
    real = resolve_id(store.conn, "members", member_id, _("member"))
    return row_dict(store.one(_SELECT + "WHERE m.id = ?", (real,)), ("access_needs",))


def _where(search: str, include_inactive: bool) -> tuple[str, list[Any]]:
    clauses = ["m.deleted_at IS NULL"]
    params: list[Any] = []
    if not include_inactive:
        clauses.append("m.active = 1 AND m.member_type != 'guest'")
    text = " ".join((search or "").split())
    if text:
        pattern = like_pattern(text)
        clauses.append(matches(("m.name", "o.name", "m.email"), "?", text))
        params += [pattern, pattern, pattern]
    return " AND ".join(clauses), params


def search_members(
    store: Store, search: str = "", offset: int = 0, limit: int = 100, include_inactive: bool = False
) -> list[dict[str, Any]]:
    """Return one page of members whose name, organisation or email contains `search`."""
    where, params = _where(search, include_inactive)
    rows = store.query(
        _SELECT + f"WHERE {where} ORDER BY m.name COLLATE NOCASE, m.id LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    return [row_dict(r, ("access_needs",)) for r in rows]


def count_members(store: Store, search: str = "", include_inactive: bool = False) -> int:
    """Return how many members `search_members` would list in all."""
    where, params = _where(search, include_inactive)
    return store.one(
        "SELECT COUNT(*) FROM members m LEFT JOIN organisations o ON o.id = m.organisation_id WHERE " + where,
        params,
    )[0]


def count_active(conn: sqlite3.Connection) -> int:
    """Return how many active network members there are (guests not counted)."""
    return conn.execute(
        "SELECT COUNT(*) FROM members WHERE deleted_at IS NULL AND active = 1 AND member_type != 'guest'"
    ).fetchone()[0]


def find_existing(conn: sqlite3.Connection, email: str | None, name: str, organisation_id: str | None) -> str | None:
    """Return the member an import row refers to: same email, else same name and organisation."""
    if email:
        row = conn.execute(
            "SELECT id FROM members WHERE email = ? COLLATE NOCASE AND deleted_at IS NULL ORDER BY id LIMIT 1",
            (email,),
        ).fetchone()
        if row:
            return row[0]
    row = conn.execute(
        "SELECT id FROM members WHERE name = ? COLLATE NOCASE AND organisation_id IS ? AND deleted_at IS NULL "
        "ORDER BY id LIMIT 1",
        (name, organisation_id),
    ).fetchone()
    return row[0] if row else None
