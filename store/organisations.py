"""Organisations: the groups members come from."""

from __future__ import annotations

import sqlite3
from typing import Any

# The change log (store.changes) is imported by the functions that write: the home
# screen reads this module before its first frame, and that need not wait for it.
from store.dates import now_iso
from store.db import Store
from store.ids import new_id
from store.i18n import _
from store.records import resolve_id, row_dict


def add_organisation(store: Store, name: str, kind: str = "other") -> str:
    """Create an organisation and return its id."""
    from store.models import OrganisationIn, validate

    org = validate(OrganisationIn, {"name": name, "kind": kind})
    with store.transaction() as conn:
        return _insert(conn, org.name, org.kind)


def _insert(conn: sqlite3.Connection, name: str, kind: str) -> str:
    from store import changes

    org_id = new_id()
    changes.record(conn, "organisations", org_id, {"name": name, "kind": kind, "created_at": now_iso()})
    return org_id


def find_or_create(conn: sqlite3.Connection, name: str, kind: str = "other") -> str | None:
    """Return the id of the organisation called `name` (any case), creating it if new.

    Must run inside a transaction. An empty name means no organisation.
    """
    clean = " ".join((name or "").split())
    if not clean:
        return None
    row = conn.execute(
        "SELECT id FROM organisations WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL ORDER BY id LIMIT 1",
        (clean,),
    ).fetchone()
    return row[0] if row else _insert(conn, clean, kind)


def update_organisation(store: Store, org_id: str, name: str, kind: str) -> None:
    """Rename an organisation or change its kind."""
    from store import changes
    from store.models import OrganisationIn, validate

    org = validate(OrganisationIn, {"name": name, "kind": kind})
    with store.transaction() as conn:
        real = resolve_id(conn, "organisations", org_id, _("organisation"))
        changes.record(conn, "organisations", real, {"name": org.name, "kind": org.kind})


def list_organisations(store: Store, search: str = "") -> list[dict[str, Any]]:
    """Return organisations whose name contains `search`, with their active members, by name."""
    from store.records import like_pattern, matches

    text = " ".join(search.split())
    rows = store.query(
        "SELECT o.id, o.name, o.kind, COUNT(m.id) AS members FROM organisations o "
        "LEFT JOIN members m ON m.organisation_id = o.id AND m.deleted_at IS NULL AND m.active = 1 "
        f"WHERE o.deleted_at IS NULL AND {matches(('o.name',), '?', text)} GROUP BY o.id ORDER BY o.name COLLATE NOCASE",
        (like_pattern(text),),
    )
    return [dict(r) for r in rows]


def get_organisation(store: Store, org_id: str) -> dict[str, Any]:
    """Return one organisation."""
    real = resolve_id(store.conn, "organisations", org_id, _("organisation"))
    return row_dict(store.one("SELECT id, name, kind FROM organisations WHERE id = ?", (real,)))


def remove_organisation(store: Store, org_id: str) -> None:
    """Take an organisation off the lists; refused while active members belong to it.

    It stays on record (a tombstone), so past registers and exports keep its name.
    """
    from store import changes
    from store.errors import CoprodError
    from store.i18n import ngettext

    with store.transaction() as conn:
        real = resolve_id(conn, "organisations", org_id, _("organisation"))
        active = conn.execute(
            "SELECT COUNT(*) FROM members WHERE organisation_id = ? AND deleted_at IS NULL AND active = 1", (real,)
        ).fetchone()[0]
        if active:
            raise CoprodError(ngettext(
                "{n} active member belongs to it. Move them to another organisation first.",
                "{n} active members belong to it. Move them to another organisation first.", active).format(n=active))
        changes.record(conn, "organisations", real, {"deleted_at": now_iso()})
