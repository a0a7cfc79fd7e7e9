"""Driving the claims screens, and reading claims back from the file through a second connection.

Importing this module into a test file also keeps "who is using coprod" in a
settings file of the test's own (the `own_settings` fixture is autouse), never
in the settings of the person running the tests.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from drive import open_today
from textual.pilot import Pilot

from store import attendance, local_settings
from store.db import Store


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A settings file for this test alone."""
    path = tmp_path / "settings" / "settings.json"
    monkeypatch.setenv("COPROD_CONFIG", str(path))
    return path


def person(store: Store, where: str, params: tuple = ()) -> dict[str, Any]:
    """The first active member (by name) matching `where`, as {id, name, ...}."""
    row = store.one(f"SELECT * FROM members WHERE deleted_at IS NULL AND active = 1 AND {where} "
                    "ORDER BY name, id LIMIT 1", params)
    assert row is not None, f"no member where {where}"
    return dict(row)


def paid_member(store: Store, preference: str) -> dict[str, Any]:
    """A member (not staff, not a guest) with this payment preference."""
    return person(store, "member_type NOT IN ('staff', 'guest') AND payment_preference = ?", (preference,))


def staff(store: Store, n: int = 0) -> dict[str, Any]:
    """The n-th active member of staff, by name."""
    rows = store.query("SELECT * FROM members WHERE member_type = 'staff' AND active = 1 AND deleted_at IS NULL "
                       "ORDER BY name, id")
    return dict(rows[n])


def be(store: Store, who: dict[str, Any]) -> None:
    """Say `who` is using coprod on this laptop, as the chooser would."""
    local_settings.set_current_user(store, who["id"])


def mark_present(store: Store, meeting: str, *people: dict[str, Any]) -> None:
    """Mark people present at an open meeting."""
    for p in people:
        attendance.mark(store, meeting, p["id"], "present")


def _connect(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    return conn


def claims_on_disk(db_path: Path, meeting: str) -> dict[str, dict[str, Any]]:
    """A meeting's claims as the file holds them, by member name."""
    conn = _connect(db_path)
    try:
        return {r["name"]: dict(r) for r in conn.execute(
            "SELECT m.name, c.created_by, s.* FROM claim_state s JOIN claims c ON c.id = s.claim_id "
            "JOIN members m ON m.id = s.member_id WHERE s.meeting_id = ?",
            (meeting,))}
    finally:
        conn.close()


def claim_on_disk(db_path: Path, claim_id: str) -> dict[str, Any]:
    """One claim's state as the file holds it."""
    conn = _connect(db_path)
    try:
        return dict(conn.execute("SELECT * FROM claim_state WHERE claim_id = ?", (claim_id,)).fetchone())
    finally:
        conn.close()


def lines_on_disk(db_path: Path, claim_id: str) -> list[dict[str, Any]]:
    """A claim's live lines as the file holds them, in order."""
    conn = _connect(db_path)
    try:
        return [dict(r) for r in conn.execute(
            "SELECT * FROM claim_lines WHERE claim_id = ? AND removed = 0 ORDER BY position", (claim_id,))]
    finally:
        conn.close()


def events_on_disk(db_path: Path, claim_id: str) -> list[str]:
    """The kinds of a claim's events, as the file holds them."""
    conn = _connect(db_path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT kind FROM claim_events WHERE claim_id = ?", (claim_id,)))
    finally:
        conn.close()


async def open_claims_tab(pilot: Pilot, meeting_id: str | None = None):
    """Open today's meeting (or `meeting_id`) and its Claims tab (F9), which focuses the claims."""
    from tui.widgets.claims_view import ClaimsView

    if meeting_id is None:
        await open_today(pilot)
    else:
        from tui.screens import navigation

        navigation.open_meeting(pilot.app, meeting_id)
        await pilot.pause()
    await pilot.press("f9")
    await pilot.pause()
    view = pilot.app.screen.query_one(ClaimsView)
    assert pilot.app.focused is view.table
    return view


async def open_claim(pilot: Pilot, claim_id: str):
    """Show one claim, as Enter on its row would."""
    from tui.screens import navigation
    from tui.screens.claim import ClaimScreen

    navigation.open_claim(pilot.app, claim_id)
    await pilot.pause()
    assert isinstance(pilot.app.screen, ClaimScreen)
    return pilot.app.screen
