"""Settings kept on this laptop only, never synced: who is using coprod with each database.

Approving and paying a claim need to know who acts. The answer belongs to the
laptop, not to the network, so it is not in the database (which syncs) but in
a small file in the platform's settings folder; COPROD_CONFIG names another
file. Choices are keyed by the database's device id: two databases on one
laptop each remember their own person, and a copy of a database taken to
another laptop does not bring the choice with it. The file holds ids, never
names.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.errors import CoprodError
from store.i18n import _

if TYPE_CHECKING:
    # Every command reads the language from here before it runs: keep the database code out of that.
    from store.db import Store


def settings_path() -> Path:
    """Return the settings file: COPROD_CONFIG, else settings.json in the platform's settings folder."""
    env = os.environ.get("COPROD_CONFIG")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("coprod", appauthor=False) / "settings.json"


def _read() -> dict[str, Any]:
    path = settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        # No file yet, or one that cannot be read: nothing remembered, and the app still starts.
        return {}
    return data if isinstance(data, dict) else {}


def _write(data: dict[str, Any]) -> None:
    from store.export.files import atomic_file

    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise CoprodError(_("Cannot save your settings in {folder}: {reason}").format(
            folder=path.parent, reason=exc.strerror)) from exc
    with atomic_file(path, encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, sort_keys=True)


def current_user(store: Store) -> dict[str, Any] | None:
    """Return who is using coprod with this database on this laptop ({id, name, member_type}), or None.

    Someone chosen who has since been deleted counts as no one.
    """
    entry = _read().get("databases", {}).get(store.device_id)
    member_id = entry.get("user") if isinstance(entry, dict) else None
    if not isinstance(member_id, str):
        return None
    row = store.one("SELECT id, name, member_type FROM members WHERE id = ? AND deleted_at IS NULL", (member_id,))
    return dict(row) if row else None


def set_current_user(store: Store, member_id: str) -> dict[str, Any]:
    """Remember that the staff member `member_id` is using coprod with this database; return them."""
    from store.records import resolve_id

    real = resolve_id(store.conn, "members", member_id, _("member"))
    row = dict(store.one("SELECT id, name, member_type FROM members WHERE id = ?", (real,)))
    if row["member_type"] != "staff":
        raise CoprodError(_("{name} is not staff. Choose a member of staff: approving and paying claims "
                            "need one.").format(name=row["name"]))
    data = _read()
    databases = data.get("databases")
    if not isinstance(databases, dict):
        databases = data["databases"] = {}
    databases[store.device_id] = {"user": real, "database": str(store.path)}
    _write(data)
    return row


def remembered_language() -> str | None:
    """Return the language chosen in the app on this laptop, if one was."""
    code = _read().get("language")
    return code if isinstance(code, str) and code else None


def remember_language(code: str) -> None:
    """Remember `code` as this laptop's language, for the app and the command line."""
    data = _read()
    data["language"] = code
    _write(data)


def remembered_display() -> dict[str, Any]:
    """Return how the app is shown on this laptop: {"theme": name, "reduce_motion": bool}, each only if chosen."""
    display = _read().get("display")
    return dict(display) if isinstance(display, dict) else {}


def remember_display(**choices: Any) -> None:
    """Remember display choices on this laptop (theme=name, reduce_motion=True/False), keeping the others."""
    data = _read()
    display = data.get("display")
    data["display"] = {**(display if isinstance(display, dict) else {}), **choices}
    _write(data)
