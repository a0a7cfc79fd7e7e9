"""Driving the real app with the Pilot, and reading what the screen and the file hold."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path
from typing import Any

from textual import events
from textual.keys import KEY_NAME_REPLACEMENTS
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from tui.app import CoprodApp

SIZE = (120, 36)
ACTIVE = 55  # active, non-guest members of the seed-1 demo network: everyone a new register expects
EVERYONE = 60  # every member of the demo network, the inactive ones too


def shown(widget: Widget) -> str:
    """Return the plain text a Static (or Label) shows."""
    return str(widget.render())


def counts_line(app: CoprodApp) -> str:
    """Return the register's counts line as shown."""
    return shown(app.screen.query_one("#counts"))


def register_table(app: CoprodApp):
    from tui.widgets.register_view import RegisterTable

    return app.screen.query_one(RegisterTable)


def table_rows(table) -> list[Any]:
    """Every row the table would show, fetched through the table itself."""
    return [table.row_at(i) for i in range(table.total)]


def row_cells(table, index: int) -> list[str]:
    """The text of each cell of row `index`, as the table draws it."""
    return [c if isinstance(c, str) else c[0] for c in table._cells(table.row_at(index))]


def member_id(store, name: str) -> str:
    """The id of the member called `name`."""
    row = store.one("SELECT id FROM members WHERE name = ? AND deleted_at IS NULL", (name,))
    assert row is not None, f"no member called {name}"
    return row[0]


def todays_meeting(store) -> str:
    """The id of the meeting dated today (the demo plans one)."""
    from store.dates import today

    return store.one("SELECT id FROM meetings WHERE date = ? AND deleted_at IS NULL", (today().isoformat(),))[0]


def attendance_on_disk(db_path: Path, meeting: str, member: str) -> dict[str, Any] | None:
    """Read one attendance row through a second, separate connection to the file."""
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        row = conn.execute(
            "SELECT status, arrived_at, left_at, remote, supporter, role FROM attendance "
            "WHERE meeting_id = ? AND member_id = ? AND deleted_at IS NULL",
            (meeting, member),
        ).fetchone()
        return dict(row) if row else None
    finally:
        conn.close()


def count_rows(db_path: Path, sql: str, params: tuple = ()) -> int:
    """Count rows through a second, separate connection to the file."""
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


def key_name(character: str) -> str:
    """The name Textual gives the key that types `character`: "a", "space", "slash"."""
    if character.isalnum():
        return character
    name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    return KEY_NAME_REPLACEMENTS.get(name, name)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type `text` into whatever has focus, key by key, as a quick typist would.

    Each key goes through the app's own key handling, in order; the test waits for
    the app to settle once the last key is in, not after every key as Pilot.press
    does (twice per key, which made typing most of a form test's time). Only for
    characters: a key bound to an action (ctrl+u, enter) runs its action later than
    the keys typed after it, so those go through Pilot.press.
    """
    app = pilot.app
    for character in text:
        key = events.Key(key_name(character), character)
        key.set_sender(app)
        app.post_message(key)
    await pilot.pause()  # the app has handed every key to the box with focus
    await pilot.pause()  # and the box has taken them all


async def fill(pilot: Pilot, selector: str, text: str) -> None:
    """Move to a form field (as Tab would, scrolling it into view), clear it and type `text`."""
    pilot.app.screen.query_one(selector, Input).focus()
    await pilot.pause()
    await pilot.press("end", "ctrl+u")
    await type_text(pilot, text)


async def open_today(pilot: Pilot) -> None:
    """From the home screen, open today's meeting (the register)."""
    from tui.screens.meeting import MeetingScreen

    await pilot.press("t")
    await pilot.pause()
    assert isinstance(pilot.app.screen, MeetingScreen)


async def find(pilot: Pilot, text: str) -> None:
    """Type into the register's filter box (focused on entry)."""
    assert pilot.app.focused is pilot.app.screen.query_one("#filter", Input)
    await type_text(pilot, text)
    await pilot.pause()


def still(app: CoprodApp) -> None:
    """Stop every text cursor on screen blinking and drop notifications, for snapshots."""
    for box in app.screen.query(Input):
        box.cursor_blink = False
    app.clear_notifications()


def steps(*keys: str, meeting: str | None = None, claim: str | None = None):
    """A snapshot's run_before: open `meeting` or `claim`, press `keys`, let background work end, hold still."""

    async def run_before(pilot: Pilot) -> None:
        from tui.screens import navigation

        await pilot.pause()
        if meeting:
            navigation.open_meeting(pilot.app, meeting)
            await pilot.pause()
        if claim:
            navigation.open_claim(pilot.app, claim)
            await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        still(pilot.app)

    return run_before


def notifications(app: CoprodApp) -> list[str]:
    """The messages of the notifications currently shown."""
    return [n.message for n in app._notifications]
